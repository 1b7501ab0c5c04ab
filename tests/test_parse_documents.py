"""The assembler reads any Document that honours the contract: tables as HTML, Word and
PDF front-ends produce them (merged cells, blank cells, several tables, extra rows)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from govdisclosure import Edition, check
from govdisclosure.model import AgencyLevel, Money, MoneyUnit, Proactive2019, SourceSpan
from govdisclosure.parsers import (
    Document,
    ParseResult,
    Table,
    TableCell,
    TextBlock,
    assemble,
)

Spec = str | tuple[str, int, int]  # text, or (text, rowspan, colspan)


def table(index: int, rows: Sequence[Sequence[Spec]]) -> Table:
    """A table laid out like an HTML table: merged cells take the next free slots."""
    taken: set[tuple[int, int]] = set()
    cells: list[TableCell] = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for spec in row:
            text, rowspan, colspan = (spec, 1, 1) if isinstance(spec, str) else spec
            while (r, c) in taken:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            cells.append(
                TableCell(
                    text=text,
                    row=r,
                    column=c,
                    rowspan=rowspan,
                    colspan=colspan,
                    span=SourceSpan(table=index, row=r + 1, column=c + 1),
                )
            )
            c += colspan
            width = max(width, c)
    return Table(index=index, cells=tuple(cells), n_rows=len(rows), n_columns=width)


def paragraphs(*texts: str) -> list[TextBlock]:
    return [TextBlock(text=t, span=SourceSpan()) for t in texts]


APPLICANTS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def table3_2019(values: dict[str, list[str]], *, extra_legal_colspan: bool = False) -> Table:
    """Table 三 of the 2019 edition as the Shanghai page prints it (3-column stub)."""
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

    def data(label: str) -> list[Spec]:
        texts = values.get(label, ["0"] * 7)
        cells: list[Spec] = list(texts)
        if extra_legal_colspan:
            # A Word export gives 商业企业 two grid columns in every data row.
            cells[1] = (texts[1], 1, 2)
        return cells

    rows: list[list[Spec]] = [
        [(note, 3, 3), ("申请人情况", 1, 7)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        list(APPLICANTS),
        [("一、本年新收政府信息公开申请数量", 1, 3), *data("new")],
        [("二、上年结转政府信息公开申请数量", 1, 3), *data("over")],
        [("三、本年度办理结果", 20, 1), ("（一）予以公开", 1, 2), *data("granted")],
        [("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2), *data("partial")],
        [("（三）不予公开", 8, 1), "1.属于国家秘密", *data("w1")],
    ]
    for i, label in enumerate(
        [
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        ],
        start=2,
    ):
        rows.append([label, *data(f"w{i}")])
    rows.append([("（四）无法提供", 3, 1), "1.本机关不掌握相关政府信息", *data("u1")])
    rows.append(["2.没有现成信息需要另行制作", *data("u2")])
    rows.append(["3.补正后申请内容仍不明确", *data("u3")])
    rows.append([("（五）不予处理", 5, 1), "1.信访举报投诉类申请", *data("n1")])
    for i, label in enumerate(
        [
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        ],
        start=2,
    ):
        rows.append([label, *data(f"n{i}")])
    rows.append([("（六）其他处理", 1, 2), *data("other")])
    rows.append([("（七）总计", 1, 2), *data("total")])
    rows.append([("四、结转下年度继续办理", 1, 3), *data("forward")])
    return table(2, rows)


def table2_2019(procurement: str = "251000元") -> Table:
    """Table 二 of 2019 with Shanghai's uneven colspans."""
    return table(
        1,
        [
            [("第二十条第（一）项", 1, 5)],
            ["信息内容", "本年新\n制作数量", ("本年新\n公开数量", 1, 2), "对外公开总数量"],
            ["规章", "13", ("13", 1, 2), "524"],
            ["规范性文件", "60", ("60", 1, 2), "368"],
            [("第二十条第（五）项", 1, 5)],
            ["信息内容", "上一年项目数量", ("本年增/减", 1, 2), "处理决定数量"],
            ["行政许可", ("0", 1, 2), "+17", "0"],
            ["其他对外管理服务事项", ("0", 1, 2), "-18", "0"],
            [("第二十条第（六）项", 1, 5)],
            ["信息内容", "上一年项目数量", ("本年增/减", 1, 2), "处理决定数量"],
            ["行政处罚", ("0", 1, 2), "0", "0"],
            ["行政强制", ("0", 1, 2), "0", "0"],
            [("第二十条第（八）项", 1, 5)],
            ["信息内容", ("上一年项目数量", 1, 2), ("本年增/减", 1, 2)],
            ["行政事业性收费", ("0", 1, 2), ("0", 1, 2)],
            [("第二十条第（九）项", 1, 5)],
            ["信息内容", ("采购项目数量", 1, 2), ("采购总金额", 1, 2)],
            ["政府集中采购", ("6", 1, 2), (procurement, 1, 2)],
        ],
    )


def table4(values: Sequence[str]) -> Table:
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return table(
        3,
        [
            [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
            [*((o, 2, 1) for o in outcomes), ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
            [*outcomes, *outcomes],
            list(values),
        ],
    )


def shanghai_like(**changes: object) -> Document:
    blanks = {
        "new": ["821", "35", "", "", "2", "1", "859"],
        "over": ["18", "", "", "", "", "", "18"],
        "granted": ["258", "12", "", "", "1", "1", ""],
        "n5": [""] * 7,
        "other": [""] * 7,
        "total": ["767", "35", "", "", "2", "1", "805"],
        "forward": ["72", "", "", "", "", "", "72"],
    }
    blocks = [
        *paragraphs(
            "2019年上海市人民政府办公厅政府信息公开工作年度报告",
            "发布日期：2020-01-31",
            "本年度报告根据《中华人民共和国政府信息公开条例》的要求编制。",
            "一、总体情况",
            "2019年，上海市人民政府办公厅坚持以习近平新时代中国特色社会主义思想为指导。",
            "二、主动公开政府信息情况",
        ),
        changes.get("table2", table2_2019()),
        *paragraphs("三、收到和处理政府信息公开申请情况"),
        changes.get("table3", table3_2019(blanks)),
        *paragraphs("四、政府信息公开行政复议、行政诉讼情况"),
        table4(["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""]),
        *paragraphs(
            "五、政府信息公开工作存在的主要问题及改进情况",
            "一是……。",
            "六、其他需要报告的事项",
            "无。",
        ),
    ]
    return Document(format="html", blocks=tuple(blocks), name="shanghai.html")  # type: ignore[arg-type]


def codes(result: ParseResult) -> set[tuple[str, str]]:
    return {(d.code, d.pointer) for d in result.diagnostics}


def test_merged_cells_and_blank_cells() -> None:
    result = assemble(shanghai_like())
    report = result.report
    assert report.edition is Edition.E2019
    assert report.applications.new_received.values() == (821, 35, None, None, 2, 1, 859)
    assert report.applications.granted.values() == (258, 12, None, None, 1, 1, None)
    assert report.applications.total_handled.values() == (767, 35, None, None, 2, 1, 805)
    assert report.applications.withheld.state_secret.values() == (0,) * 7
    assert report.appeals.administrative_review.values() == (5, None, None, 2, 7)
    assert report.appeals.litigation_after_review.values() == (None,) * 5
    # Rows printed all blank are read (blank), not lost: （六） is not an annotation of 5.
    assert report.applications.other_handling.values() == (None,) * 7  # type: ignore[union-attr]
    # Cells printed empty are blank, never 0, and need no parse note: check() reports them.
    assert codes(result) == set()
    found = {(f.code, f.pointer) for f in check(report)}
    assert ("GD304", "/applications/granted/total") in found  # blank total, filled row
    assert ("GD010", "/appeals/litigation_after_review/total") in found


def test_uneven_colspans_and_signed_and_money_cells() -> None:
    report = assemble(shanghai_like()).report
    proactive = report.proactive
    assert isinstance(proactive, Proactive2019)
    assert proactive.rules.values() == (13, 13, 524)
    assert proactive.licensing.values() == (0, 17, 0)
    assert proactive.other_services.values() == (0, -18, 0)
    assert proactive.fees.values() == (0, 0)
    assert proactive.procurement.values() == (6, Money(value=Decimal(251000), unit=MoneyUnit.YUAN))


def test_metadata_from_a_title_with_the_year_first() -> None:
    report = assemble(shanghai_like()).report
    assert report.year == 2019
    assert report.agency.name == "上海市人民政府办公厅"
    assert report.agency.level is AgencyLevel.PROVINCE  # the office reports for 上海市人民政府
    assert report.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    # The publication date after the title is page furniture, not the preface.
    assert report.preface == "本年度报告根据《中华人民共和国政府信息公开条例》的要求编制。"


def test_findings_of_check_point_into_the_table() -> None:
    report = assemble(shanghai_like()).report
    findings = [f for f in check(report) if f.pointer == "/applications/granted/total"]
    assert findings
    for finding in findings:
        span = finding.location.span
        assert span is not None
        # Row 6 of table 2, the tenth grid column (3 stub columns + 7 data columns).
        assert (span.table, span.row, span.column) == (2, 6, 10)


def test_a_data_cell_spanning_two_columns_is_one_cell() -> None:
    values = {"new": ["64", "0", "0", "2", "0", "4", "70"]}
    doc = shanghai_like(table3=table3_2019(values, extra_legal_colspan=True))
    report = assemble(doc).report
    assert report.applications.new_received.values() == (64, 0, 0, 2, 0, 4, 70)


def test_provincial_annotations_and_an_extra_row() -> None:
    hubei = table(
        1,
        [
            [("第二十条第（一）项", 1, 4)],
            ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章（设区的市、自治州人民政府应提供相关数据）", "0", "0", "0"],
            [
                "规范性文件（行政机关制定发布的决定、公告、通告、意见、通知，以及标题采用“规定”"
                "“办法”“细则”“规范”“规程”“规则”等字样的公文，一般情况下属于规范性文件）",
                "11",
                "4",
                "194",
            ],
            ["其他主动公开文件（指除规章、规范性文件以外的其他文件）", "12", "12", "86"],
            [("第二十条第（五）项", 1, 4)],
            [
                "信息内容",
                "上一年项目数量（指2019年事项数）",
                "本年增/减（指2020年增加或减少的事项数，减用负值表示，如-8）",
                "处理决定数量（指2020年办件量）",
            ],
            ["行政许可", "30", "-8", "120"],
            ["其他对外管理服务事项", "5", "0", "7"],
            [("第二十条第（六）项", 1, 4)],
            ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            ["行政处罚", "1", "0", "2"],
            ["行政强制", "0", "0", "0"],
            [("第二十条第（八）项", 1, 4)],
            ["信息内容", "上一年项目数量", "本年增/减"],
            ["行政事业性收费", "3", "0"],
            [("第二十条第（九）项", 1, 4)],
            ["信息内容", "采购项目数量", "采购总金额"],
            ["政府集中采购", "2", "—"],
        ],
    )
    result = assemble(shanghai_like(table2=hubei))
    proactive = result.report.proactive
    assert isinstance(proactive, Proactive2019)
    assert proactive.normative_documents.values() == (11, 4, 194)
    assert proactive.licensing.values() == (30, -8, 120)
    assert proactive.procurement.values() == (2, None)
    assert ("GD904", "/proactive/procurement/amount") in codes(result)
    # The extra row is kept, with a warning, and nothing of it lands in the report.
    assert ("GD902", "/proactive/normative_documents") in codes(result)
    left = [lo.text for lo in result.leftovers]
    assert any("其他主动公开文件" in t for t in left)
    assert {"12", "86"} <= set(left)


def test_a_table_split_across_pages_is_read_as_one() -> None:
    full = table3_2019({"u1": ["7", "0", "0", "0", "0", "0", "7"]})
    split_at = next(c.row for c in full.cells if c.text.startswith("（四）无法提供"))
    first = Table(
        index=2,
        cells=tuple(c for c in full.cells if c.row < split_at),
        n_rows=split_at,
        n_columns=full.n_columns,
    )
    # The second part repeats the stub, as PDFs split at a page break often do.
    rest = [c for c in full.cells if c.row >= split_at]
    second = Table(
        index=3,
        cells=(
            TableCell(text="三、本年度办理结果", row=0, column=0, span=SourceSpan(table=3)),
            *(
                TableCell(
                    text=c.text,
                    row=c.row - split_at,
                    column=c.column,
                    rowspan=c.rowspan,
                    colspan=c.colspan,
                    span=SourceSpan(table=3, row=c.row - split_at + 1, column=c.column + 1),
                )
                for c in rest
            ),
        ),
        n_rows=full.n_rows - split_at,
        n_columns=full.n_columns,
    )
    doc = shanghai_like(table3=first)
    blocks = list(doc.blocks)
    blocks.insert(blocks.index(first) + 1, second)
    result = assemble(
        Document(
            format="pdf",
            blocks=tuple(blocks),
            notes=(("GD913", "表三跨页，已合并", "table 三 continues on the next page; joined"),),
        )
    )
    report = result.report
    assert report.applications.unavailable.not_held.values() == (7, 0, 0, 0, 0, 0, 7)
    assert report.applications.carried_forward.values() == (0,) * 7
    assert ("GD913", "") in codes(result)
    assert not [d for d in result.diagnostics if d.code in ("GD902", "GD908")]


@pytest.mark.parametrize(
    ("note", "code"),
    [
        ("GD912", "GD912"),
        ("GD913", "GD913"),
        ("X-42", "GD914"),
    ],
)
def test_front_end_notes_become_diagnostics(note: str, code: str) -> None:
    doc = shanghai_like()
    noted = Document(format=doc.format, blocks=doc.blocks, notes=((note, "说明", "a note"),))
    result = assemble(noted)
    assert (code, "") in codes(result)


def test_a_table_inside_a_text_section_is_left_over() -> None:
    doc = shanghai_like()
    blocks = list(doc.blocks)
    overview = next(
        i for i, b in enumerate(blocks) if isinstance(b, TextBlock) and b.text == "一、总体情况"
    )
    blocks.insert(overview + 2, table(9, [["栏目", "数量"], ["政策解读", "21"]]))
    result = assemble(Document(format="html", blocks=tuple(blocks)))
    assert ("GD901", "/overview") in codes(result)
    assert {"栏目", "数量", "政策解读", "21"} <= {lo.text for lo in result.leftovers}
    assert "21" not in result.report.overview


def test_values_a_reader_put_in_one_cell_are_read_as_a_run() -> None:
    values = {"u1": ["746 12 0 0 10 1 769", "", "", "", "", "", ""]}
    full = table3_2019(values)
    # Drop the empty cells after the crowded one, as a PDF reader gluing columns would.
    crowded = next(c for c in full.cells if c.text.startswith("746"))
    cells = tuple(c for c in full.cells if not (c.row == crowded.row and c.column > crowded.column))
    result = assemble(
        shanghai_like(
            table3=Table(index=2, cells=cells, n_rows=full.n_rows, n_columns=full.n_columns)
        )
    )
    assert result.report.applications.unavailable.not_held.values() == (746, 12, 0, 0, 10, 1, 769)


def test_the_containers_title_picks_among_title_like_lines() -> None:
    doc = shanghai_like()
    blocks = list(doc.blocks)
    # A portal lists other reports between the title and section 一.
    blocks.insert(
        2, TextBlock(text="2018年上海市人民政府办公厅政府信息公开工作年度报告", span=SourceSpan())
    )
    named = Document(
        format="html",
        blocks=tuple(blocks),
        title="2019年上海市人民政府办公厅政府信息公开工作年度报告 - 上海市人民政府",
    )
    result = assemble(named)
    assert result.report.year == 2019
    assert result.report.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
