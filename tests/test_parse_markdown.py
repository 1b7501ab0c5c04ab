"""Markdown read by the text front-end: front matter, ``#`` headings, pipe tables.

Reports converted to Markdown arrive with YAML front matter, ``#`` headings and pipe
tables whose merged cells are either repeated in every slot (a converter that expands
spans, as :func:`govdisclosure.render_markdown` does) or written once, leaving rows of
uneven length. Both read to the figures of the page they were made from.
"""

from __future__ import annotations

import json

import pytest

from govdisclosure import AgencyLevel, Edition, parse
from govdisclosure.parsers import TextBlock, read_text

from .conftest import DATA
from .parsers._forms import markdown_lines
from .test_parse_corpus import appeal_kind, application_row

CORPUS = DATA / "corpus"


def shanghai_markdown(*, expand: bool) -> str:
    """The Shanghai page as a converter writes it: paragraphs, one pipe table per table
    (merged cells repeated over their slots, or written once)."""
    page = (CORPUS / "001_shanghai_szfbgt_2019.html").read_text(encoding="utf-8")
    return "\n".join(markdown_lines(page, expand=expand))


@pytest.mark.parametrize("expand", [True, False], ids=["expanded", "merged-once"])
def test_a_converted_report_reads_to_its_figures(expand: bool) -> None:
    result = parse(shanghai_markdown(expand=expand), format="text")
    report = result.report
    expected = json.loads((CORPUS / "001_shanghai_szfbgt_2019.expected.json").read_text("utf-8"))
    assert (report.edition, report.year) == (Edition.E2019, 2019)
    assert (report.agency.name, report.agency.level) == (
        "上海市人民政府办公厅",
        AgencyLevel.PROVINCE,
    )
    for path, values in expected["table3"].items():
        row = application_row(path, Edition.E2019)
        assert report.applications.row(row).values() == tuple(values), path
    blocks = dict(report.appeals.blocks())
    for path, values in expected["table4"].items():
        assert blocks[appeal_kind(path)].values() == tuple(values), path
    # Tables 三 and 四 are read by their headers: nothing is left over or unreadable.
    # (Table 二 of this page merges value cells unevenly; a converter that repeats them
    # gives a row more values than columns, which is read by position and flagged.)
    flagged = {
        (d.code, d.pointer)
        for d in result.diagnostics
        if d.code in ("GD902", "GD903", "GD908") and not d.pointer.startswith("/proactive")
    }
    assert flagged == set()


def test_front_matter_is_metadata_not_text() -> None:
    text = "\n".join(
        [
            "---",
            'title: "某某区2020年政府信息公开工作年度报告 \\u2014 修订"',
            "agency: '某某区人民政府'",
            "year: 2020  # the report year",
            "edition: 2019",
            "author: 某某",
            "tags:",
            "  - 年报",
            "---",
            "# 标题",
            "正文",
        ]
    )
    document = read_text(text)
    assert document.metadata == (
        ("title", "某某区2020年政府信息公开工作年度报告 \u2014 修订"),
        ("agency", "某某区人民政府"),
        ("year", "2020"),
        ("edition", "2019"),
        ("author", "某某"),
        ("tags", ""),
        ("", "  - 年报"),
    )
    assert [(b.text, b.heading, b.span.line) for b in document.blocks] == [  # type: ignore[union-attr]
        ("标题", 1, 10),
        ("正文", 0, 11),
    ]


def test_a_fence_that_is_never_closed_is_text() -> None:
    document = read_text("---\ntitle: x\n正文")
    assert document.metadata == ()
    assert [b.text for b in document.blocks] == ["---", "title: x", "正文"]  # type: ignore[union-attr]


def test_pipe_tables() -> None:
    text = "\n".join(
        [
            "说明",
            "| 信息内容 | 本年新\\|制作数量 |",
            "|:---|---:|",
            "规章 | 1",
            "| 规范性文件 |",
            "| a \\\\ b | 2 | 3 |",
            "",
            "a | b",
            "not a table",
        ]
    )
    document = read_text(text)
    tables = document.tables()
    assert len(tables) == 1
    (table,) = tables
    assert table.on_grid
    assert [(c.row, c.column, c.text) for c in table.cells] == [
        (0, 0, "信息内容"),
        (0, 1, "本年新|制作数量"),
        (1, 0, "规章"),
        (1, 1, "1"),
        (2, 0, "规范性文件"),
        (3, 0, "a \\ b"),
        (3, 1, "2"),
        (3, 2, "3"),
    ]
    assert [c.span.line for c in table.cells if c.column == 0] == [2, 4, 5, 6]
    texts = [b.text for b in document.blocks if isinstance(b, TextBlock)]
    assert texts == ["说明", "", "a | b", "not a table"]


def test_a_table_of_a_header_row_alone_keeps_its_delimiter_row_out_of_the_text() -> None:
    # A page break after a table's first row leaves a pipe table of one row: its
    # delimiter row is syntax, not text the report printed.
    text = "\n".join(
        ["| 行政复议 | 行政诉讼 |", "|---|---|", "", "- 4 -", "", "| 结果维持 | 总计 |"]
    )
    document = read_text(text)
    assert [[c.text for c in t.cells] for t in document.tables()] == [["行政复议", "行政诉讼"]]
    texts = [b.text for b in document.blocks if isinstance(b, TextBlock)]
    assert texts == ["", "- 4 -", "", "| 结果维持 | 总计 |"]


def test_tab_separated_cells_are_not_a_grid() -> None:
    (table,) = read_text("说明\n\t一\n\t二\n\n\t三\n").tables()
    assert not table.on_grid


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("# 标题", (1, "标题")),
        ("### 三、收到和处理政府信息公开申请情况 ###", (3, "三、收到和处理政府信息公开申请情况")),
        ("   ## 缩进", (2, "缩进")),
        ("#标签", None),
        ("####### 七级", None),
        ("    # 代码", None),
    ],
)
def test_headings(line: str, heading: tuple[int, str] | None) -> None:
    document = read_text(f"---\n---\n{line}")
    (block,) = document.blocks
    assert isinstance(block, TextBlock)
    if heading is None:
        assert (block.heading, block.text) == (0, line)
    else:
        assert (block.heading, block.text) == heading


def test_plain_text_is_not_read_as_markdown() -> None:
    # One '#' line and a backslash: plain text keeps them as written.
    document = read_text("# 一\n正文 \\* 原样")
    assert [(b.text, b.heading) for b in document.blocks] == [  # type: ignore[union-attr]
        ("# 一", 0),
        ("正文 \\* 原样", 0),
    ]


def test_metadata_the_report_does_not_use_is_kept() -> None:
    text = shanghai_markdown(expand=True)
    result = parse(f"---\nauthor: 某某\nyear: 二〇一九\n---\n{text}", format="text")
    assert result.report.year == 2019  # from the title: the stated year is no year
    assert any(lo.text == "author: 某某" for lo in result.leftovers)
    assert ("GD914", "") in {(d.code, d.pointer) for d in result.diagnostics}


def test_stated_metadata_wins_over_the_title() -> None:
    text = shanghai_markdown(expand=True)
    stated = '---\nagency: "上海市人民政府"\nagency_level: ""\nyear: 2019\n---\n'
    report = parse(stated + text, format="text").report
    assert (report.agency.name, report.agency.level) == ("上海市人民政府", None)
    assert report.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"


def test_a_stated_edition_the_tables_contradict_is_reported() -> None:
    text = shanghai_markdown(expand=True)
    result = parse(f"---\nedition: 2021\n---\n{text}", format="text")
    assert result.report.edition is Edition.E2019
    assert ("GD909", "/edition") in {(d.code, d.pointer) for d in result.diagnostics}
