"""Spellings of the wild (spec §8): headings, row labels, numbering, quotes, widths."""

from __future__ import annotations

import attrs
import pytest

from govdisclosure import AnnualReport, Edition, check
from govdisclosure.checks import Origin
from govdisclosure.model import AgencyLevel, ApplicationRow, Proactive2019, Section, UnreadReason
from govdisclosure.model._variants import TRADITIONAL_FORMS
from govdisclosure.parsers import parse
from govdisclosure.parsers.assemble._meta import find_titles, level_of, split_title

from .conftest import DATA

SEED = (DATA / "seeds" / "qidu-2019.txt").read_text(encoding="utf-8")


def _replace(text: str, pairs: dict[str, str]) -> str:
    for old, new in pairs.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize(
    ("section", "printed"),
    [
        (Section.OVERVIEW, "一、2019年政务公开工作总体情况"),
        (Section.PROACTIVE, "二、行政机关主动公开政府信息情况"),
        (Section.PROACTIVE, "二、主动公开政府信息的情况"),
        (Section.PROACTIVE, "二、主动公开政府信息工作情况"),
        (Section.APPLICATIONS, "三、收到和处理政府信息公开申请情况统计表"),
        (Section.APPLICATIONS, "三、收到和处理政府信息公开的申请情况"),
        (Section.APPLICATIONS, "三、行政机关收到和处理信息公开申请情况（数据准确、要素齐全）"),
        (Section.APPEALS, "四、因政府信息公开申请行政复议、提起行政诉讼的情况"),
        (Section.APPEALS, "四、政府信息公开行政法复议、行政诉讼情况"),
        (Section.PROBLEMS, "五、政府信息公开工作存在的主要问题及改进措施"),
        (Section.PROBLEMS, "五、存在问题及改进情况"),
        (Section.OTHER_MATTERS, "其他需要报告的事项"),
        (Section.OVERVIEW, "一.总体情况"),
        (Section.APPEALS, "四 、 政府信息公开行政复议、行政诉讼情况"),
    ],
)
def test_heading_variants(qidu: AnnualReport, section: Section, printed: str) -> None:
    official = section.label()
    result = parse(SEED.replace(official, printed, 1))
    report = result.report
    headings = {h.section: h for h in report.source.headings} if report.source else {}
    assert section in headings
    assert report.applications == qidu.applications
    assert report.appeals == qidu.appeals
    assert report.text_of(section) == qidu.text_of(section)
    assert "GD907" not in {d.code for d in result.diagnostics}


def test_table_3_row_labels_are_not_headings(qidu: AnnualReport) -> None:
    # The seed's table 三 rows 一、… 二、… 三、本年度办理结果 四、结转… sit between the
    # headings 三 and 四; headings are found only where their text is a heading's.
    report = parse(SEED).report
    assert report.source is not None
    assert [h.text for h in report.source.headings] == [s.label() for s in Section]


def test_row_label_variants(qidu: AnnualReport) -> None:
    text = _replace(
        SEED,
        {
            "1．属于国家秘密": "(1)属于国家秘密",
            "2．其他法律行政法规禁止公开": "2、其他法律行政法规禁止公开",
            "3．危及“三安全一稳定”": '3.危及"三安全一稳定"',
            "1．本机关不掌握相关政府信息": "1.本机关不掌握\n相关政府信息",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "(二)部分公开(区分处理)",
            "（七）总计": "（七）合计",
            "四、结转下年度继续办理": "四、结转下一年度继续办理",
            "规范性文件": "行政规范性文件",
        },
    )
    result = parse(text)
    assert result.report.applications == qidu.applications
    assert result.report.proactive == qidu.proactive
    assert {d.code for d in result.diagnostics} == set()


def test_a_caption_citing_the_next_article_is_table_2s(qidu: AnnualReport) -> None:
    # 第二十一条 for 第二十条 over the first blocks: the rows under them are table 二's.
    text = _replace(
        SEED,
        {
            "第二十条第（一）项": "第二十一条第（一）项",
            "第二十条第（五）项": "第二十一条第（五）项",
        },
    )
    result = parse(text)
    assert result.report.proactive == qidu.proactive
    assert result.report.unread == qidu.unread
    assert {d.code for d in result.diagnostics} == set()


def test_full_width_digits_and_signs() -> None:
    text = _replace(
        SEED, {"\t规范性文件\n\t11\n\t4\n\t194": "\t规范性文件\n\t１１\n\t４\n\t１９４"}
    )
    report = parse(text).report
    assert report.proactive.normative_documents.values() == (11, 4, 194)


@pytest.mark.parametrize(
    ("printed", "value", "code"),
    [
        ("", None, None),  # printed empty: blank, and check() says so (GD010)
        ("/", None, "GD904"),
        ("—", None, "GD904"),
        ("_", None, "GD904"),  # an underscore typed for a dash
        ("不适用", None, "GD904"),
        ("约3", None, "GD903"),
        ("3件", 3, None),
        ("1,288", 1288, None),
    ],
)
def test_cells_as_printed(printed: str, value: int | None, code: str | None) -> None:
    lines = SEED.split("\n")
    # Line 123 is the 自然人 cell of 一、本年新收….
    assert lines[122] == "\t0"
    lines[122] = f"\t{printed}"
    result = parse("\n".join(lines))
    assert result.report.applications.new_received.natural_person == value
    found = {(d.code, d.pointer) for d in result.diagnostics}
    if code is not None:
        assert (code, "/applications/new_received/natural_person") in found
    else:
        assert not found


def test_edition_is_read_from_signatures_not_from_normative_document_label() -> None:
    # A 2019-format table 二 that prints 行政规范性文件 (the 2021 word) stays 2019.
    report = parse(SEED.replace("\t规范性文件\n", "\t行政规范性文件\n")).report
    assert report.edition is Edition.E2019


def test_conflicting_signatures_are_reported() -> None:
    text = _replace(
        SEED, {"\t本年新制作数量\n": "\t本年制发件数\n", "\t对外公开\n总数量": "\t现行有效件数"}
    )
    result = parse(text)
    assert result.report.edition is Edition.E2019  # 2019 labels are still the majority
    assert ("GD909", "/edition") in {(d.code, d.pointer) for d in result.diagnostics}


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("齐都镇政府2019年信息公开工作年度报告", "齐都镇政府", 2019),
        ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019),
        ("淮安市人民政府2024 年政府信息公开工作年度报告", "淮安市人民政府", 2024),
        ("某某局关于二〇二一年度政府信息公开工作年度报告", "某某局", 2021),
        ("政府信息公开工作年度报告", None, None),
    ],
)
def test_titles(title: str, agency: str | None, year: int | None) -> None:
    assert split_title(title) == (agency, year)


def test_latin_letters_glued_to_a_title_are_not_its_organs() -> None:
    # A browser's header read by OCR: the time runs into the page's title.
    line = "12/7/26, 1:18 PM某某县人民政府2023年度政府信息公开工作年度报告_年报"
    (match,) = find_titles(line)
    assert line[match.start : match.end].startswith("某某县人民政府2023年度")


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("齐都镇人民政府", AgencyLevel.TOWNSHIP),
        ("齐都镇政府", AgencyLevel.TOWNSHIP),
        ("某某街道办事处", AgencyLevel.TOWNSHIP),
        ("江苏省人民政府", AgencyLevel.PROVINCE),
        ("广西壮族自治区人民政府", AgencyLevel.PROVINCE),
        ("上海市人民政府", AgencyLevel.PROVINCE),
        ("淮安市人民政府", AgencyLevel.PREFECTURE),
        ("临淄区人民政府", AgencyLevel.COUNTY),
        ("某某县人民政府", AgencyLevel.COUNTY),
        # A government's general office publishes the report of 本政府机关: its level.
        ("上海市人民政府办公厅", AgencyLevel.PROVINCE),
        ("淮安市人民政府办公室", AgencyLevel.PREFECTURE),
        ("某某县人民政府办公室", AgencyLevel.COUNTY),
        ("平潭综合实验区市场监督管理局", AgencyLevel.DEPARTMENT),
        ("教育部", AgencyLevel.STATE_COUNCIL_DEPARTMENT),
        ("国家税务总局", AgencyLevel.STATE_COUNCIL_DEPARTMENT),
        ("国家市场监督管理总局", AgencyLevel.STATE_COUNCIL_DEPARTMENT),
        ("国家税务总局淮安市税务局", AgencyLevel.OTHER),
        ("平潭综合实验区", AgencyLevel.OTHER),
        ("某某", None),
        ("市场监督管理局", None),
    ],
)
def test_levels(name: str, level: AgencyLevel | None) -> None:
    assert level_of(name) is level


def test_a_title_without_year_or_organ() -> None:
    lines = SEED.split("\n")
    lines[0] = "政府信息公开工作年度报告"
    result = parse("\n".join(lines))
    assert result.report.year == 2019  # the first year the text prints
    assert result.report.agency.name == ""
    found = {(d.code, d.pointer) for d in result.diagnostics}
    assert ("GD911", "/year") in found
    assert ("GD911", "/agency/name") in found


def test_a_missing_section_and_row_are_reported(qidu: AnnualReport) -> None:
    lines = SEED.split("\n")
    # Drop 五's heading and the 行政强制 row of table 二 (lines 77-81).
    text = "\n".join(line for i, line in enumerate(lines, 1) if i != 411 and not 77 <= i <= 81)
    result = parse(text)
    found = {(d.code, d.pointer) for d in result.diagnostics}
    assert ("GD907", "/problems") in found
    assert ("GD908", "/proactive/coercive_measures") in found
    assert result.report.proactive.coercive_measures.values() == (None, None, None)
    # 五's text is kept, with 四's table (the section before it).
    assert qidu.problems.split("\n")[0] in result.report.appeals.text_after


def test_a_list_of_the_sections_is_not_a_heading(qidu: AnnualReport) -> None:
    listing = (
        "本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。"
    )
    lines = SEED.split("\n")
    lines.insert(1, listing)
    report = parse("\n".join(lines)).report
    assert report.preface == listing
    assert report.overview == qidu.overview
    assert report.source is not None
    assert [h.span.line for h in report.source.headings if h.span] == [3, 25, 105, 367, 412, 421]


def test_paragraphs_indented_with_a_tab_stay_prose(qidu: AnnualReport) -> None:
    lines = SEED.split("\n")
    # Indent the overview's paragraphs (lines 3-23) with a tab, as some Word copies do.
    text = "\n".join(
        "\t" + line.strip() if 3 <= i <= 23 and "。" in line else line
        for i, line in enumerate(lines, 1)
    )
    report = parse(text).report
    assert report.overview == qidu.overview
    assert report.applications == qidu.applications


def _bar_report(table2: list[str]) -> str:
    """A 2019 report in text: ``table2``'s rows, then table 三 (zeros), a row a line,
    each cell closed by a bar."""
    rows = [
        f"{row.label(Edition.E2019)} | " + "0 | " * 7
        for row in ApplicationRow.for_edition(Edition.E2019)
    ]
    return "\n".join(
        [
            "某县农业农村局2020年政府信息公开工作年度报告",
            "一、总体情况",
            "本年度主动公开政府信息12条。",
            "二、主动公开政府信息情况",
            *table2,
            "三、收到和处理政府信息公开申请情况",
            *rows,
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "无。",
        ]
    )


def test_rows_named_in_a_row_labels_note_are_not_those_rows() -> None:
    # The note after 其他对外管理服务事项 names 行政处罚 and 行政强制 (a province's
    # annotated template); with the 规章 row left out, each row is looked for on its own:
    # the rows are the labels that begin a row, not the words in the note.
    table2 = [
        "第二十条第（一）项 |",
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        "规范性文件 | 2 | 2 | 19 |",
        "第二十条第（五）项 |",
        "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
        "行政许可 | 8 | 5 | 93 |",
        "其他对外管理服务事项（指行政许可以外的政务服务事项，含行政确认、行政处罚、"
        "行政强制和其他类） | 117 | 0 | 165 |",
        "第二十条第（六）项 |",
        "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
        "行政处罚 | 90 | 0 | 22 |",
        "行政强制 | 4 | 4 | 3 |",
    ]
    result = parse(_bar_report(table2).encode("utf-8"), format="text")
    proactive = result.report.proactive
    assert isinstance(proactive, Proactive2019)
    assert proactive.other_services.values() == (117, 0, 165)
    assert proactive.penalties.values() == (90, 0, 22)
    assert proactive.coercive_measures.values() == (4, 4, 3)
    assert ("GD908", "/proactive/rules") in {(d.code, d.pointer) for d in result.diagnostics}


def test_a_figure_before_a_converters_padding_is_in_no_known_column() -> None:
    # "… | 0 | ||||||||": one figure, then bars run together (the row padded to the
    # table's width): the figure stood in a merged cell, its column is not known. The
    # row is left unread, and no finding rests on its cells.
    table2 = [
        "第二十条第（一）项 |",
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        "规章 | 0 | 0 | 0 |",
        "规范性文件 | 0 | 0 | 0 |",
    ]
    text = _bar_report(table2).replace(
        "一、本年新收政府信息公开申请数量 | " + "0 | " * 7,
        "一、本年新收政府信息公开申请数量 | 0 | ||||||||",
    )
    result = parse(text.encode("utf-8"), format="text")
    unread = {u.pointer: u.reason for u in result.report.unread}
    assert unread["/applications/new_received/natural_person"] is UnreadReason.COLUMN_UNCERTAIN
    assert unread["/applications/new_received/total"] is UnreadReason.COLUMN_UNCERTAIN
    blamed = {
        f.pointer
        for f in check(result)
        if f.origin is Origin.REPORT and f.pointer.startswith("/applications/new_received/")
    }
    assert blamed == set()


def _traditional(text: str) -> str:
    """``text`` as a mirror site converts it: each character of the labels that has a
    traditional form written in it."""
    forms: dict[str, str] = {}
    for form, simplified in TRADITIONAL_FORMS.items():
        forms.setdefault(simplified, form)
    return "".join(forms.get(char, char) for char in text)


def test_a_copy_in_traditional_characters_reads_as_the_report(qidu: AnnualReport) -> None:
    copy = _traditional(SEED)
    assert "收到和處理政府信息公開申請情況" in copy
    report = parse(copy).report
    # The figures are the report's; the words are kept as printed.
    proactive = qidu.proactive
    assert report.proactive == attrs.evolve(
        proactive,
        text_before=_traditional(proactive.text_before),
        text_after=_traditional(proactive.text_after),
    )
    assert report.applications == qidu.applications
    assert report.appeals == qidu.appeals
    assert report.unread == qidu.unread
    assert report.text_of(Section.PROBLEMS) == _traditional(qidu.text_of(Section.PROBLEMS))


def test_table_2_without_its_first_caption_opens_at_its_header(qidu: AnnualReport) -> None:
    # The caption 第二十条第（一）项 left out: table 二 opens at the first block's header
    # (信息内容, 本年新制作数量 …), so the 规章 and 规范性文件 rows are read.
    text = _replace(SEED, {"\t第二十条第（一）项\n": ""})
    result = parse(text)
    assert result.report.proactive == qidu.proactive
    assert result.report.unread == qidu.unread
