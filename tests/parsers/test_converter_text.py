"""Web pages turned into text by converters that write a table without a delimiter row.

Two such shapes are common where reports are copied from government sites into text
(search engines' and archives' copies of the pages):

* a row a line, each cell closed by ``|`` (``规章 | 0 | 0 | 0 |``); a row whose first
  slot is covered by a merged cell above begins with ``|``;
* a cell a line (``规章 |``), an empty cell as ``|``, and a row shorter than the table
  padded by a line of as many ``|`` as it lacks cells;
* a cell's text on lines of its own, closed by a bar on the next line (``规章``, ``|``,
  ``0``, ``|``), an empty cell as the bar alone.

All are built here from a corpus web page (Shanghai 2019), and must read as the page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from govdisclosure import AnnualReport, check
from govdisclosure.checks import Origin
from govdisclosure.model import iter_cells
from govdisclosure.parsers import Table, TextBlock, parse
from govdisclosure.parsers.frontends._markdown import bar_cells
from govdisclosure.parsers.frontends._text import read_text

from ._edits import HtmlPage
from ._forms import bar_lines, corpus_bytes, corpus_text

PAGE = "001_shanghai_szfbgt_2019.html"


def _page(shape: str, edit: Callable[[HtmlPage], None] = lambda page: None) -> bytes:
    page = HtmlPage(corpus_text(PAGE))
    edit(page)
    text = "\n".join(bar_lines(page.html(), shape=shape))
    assert "---" not in text  # no delimiter row: not a Markdown pipe table
    return text.encode("utf-8")


def _same_tables(report: AnnualReport, page: AnnualReport) -> None:
    assert report.proactive == page.proactive
    assert report.applications == page.applications
    assert report.appeals == page.appeals
    assert report.unread == page.unread


def test_a_row_a_line_reads_as_the_page() -> None:
    page = parse(corpus_bytes(PAGE), format="html").report
    report = parse(_page("row"), format="text").report
    _same_tables(report, page)
    # The prose of every section is kept.
    assert (report.overview, report.problems, report.other_matters) == (
        page.overview,
        page.problems,
        page.other_matters,
    )


def test_a_bar_on_its_own_line_reads_as_the_page() -> None:
    page = parse(corpus_bytes(PAGE), format="html").report
    report = parse(_page("bar-line"), format="text").report
    _same_tables(report, page)


def test_a_cell_a_line_reads_as_the_page_or_leaves_unread() -> None:
    # Table 四's row of figures fills the table and ends with an empty cell: its last
    # line, a lone bar, may be that cell or the padding of a row one cell short. Either
    # reading fits, so the figures whose place it decides are not guessed.
    page = parse(corpus_bytes(PAGE), format="html").report
    result = parse(_page("cell"), format="text")
    report = result.report
    assert report.proactive == page.proactive
    assert report.applications == page.applications
    assert (report.overview, report.problems) == (page.overview, page.problems)
    assert_never_shifted(report, page, allowed="/appeals")


def test_a_cell_a_line_row_one_cell_short_is_never_shifted() -> None:
    page = parse(corpus_bytes(PAGE), format="html").report

    def drop(html: HtmlPage) -> None:
        html.drop_cell(None, 7)  # a cell of table 四's row of figures

    result = parse(_page("cell", edit=drop), format="text")
    assert_never_shifted(result.report, page, allowed="/appeals")


def assert_never_shifted(report: AnnualReport, page: AnnualReport, *, allowed: str) -> None:
    """Every cell of tables 三 and 四 holds what the page prints there or is unread (only
    under ``allowed``), and no finding about the report rests on an unread cell."""
    unread = {cell.pointer for cell in report.unread}
    expected = dict(iter_cells(page))
    for ref, value in iter_cells(report):
        if value != expected[ref]:
            assert value is None, ref.pointer
            assert ref.pointer in unread, ref.pointer
    assert all(pointer.startswith(allowed) for pointer in unread)
    blamed = [
        f for f in check(report) if f.origin is Origin.REPORT and f.location.pointer in unread
    ]
    assert not blamed


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("规章 | 0 | 0 | 0 |", ["规章", "0", "0", "0"]),
        ("| | 2.重复申请 | 0 |", ["", "2.重复申请", "0"]),
        ("规章 |", ["规章"]),
        ("|", [""]),
        ("|||", ["", ""]),
        ("a \\| b |", ["a | b"]),
        # Bars run together after a row's cells: the converter's padding, no cells; after
        # a label alone, the row's empty slots.
        (
            "一、本年新收政府信息公开申请数量 | 0 | ||||||||",
            ["一、本年新收政府信息公开申请数量", "0"],
        ),
        ("行政许可 | ||||", ["行政许可", "", "", "", ""]),
        ("x | 0 | | | 0 |", ["x", "0", "", "", "0"]),  # empty cells, written apart
        ("规章 | 0", None),  # not closed by a bar: no such row
        ("没有竖线", None),
    ],
)
def test_the_cells_of_a_converters_line(line: str, cells: list[str] | None) -> None:
    assert bar_cells(line) == cells


def test_a_line_ending_with_a_bar_alone_is_text() -> None:
    text = "一、总体情况\n本年度信息公开工作见下表 |\n二、主动公开政府信息情况\n"
    blocks = read_text(text.encode("utf-8")).blocks
    texts = [block.text for block in blocks if isinstance(block, TextBlock)]
    assert len(texts) == len(blocks)
    assert "本年度信息公开工作见下表 |" in texts


def test_a_padding_line_holds_no_cell() -> None:
    # A header row of two cells in a table of four, then a row of four: the padding
    # line "||" ends the short row; the row after it begins with its own first cell.
    text = "行政复议 |\n行政诉讼 |\n||\n5 |\n|\n2 |\n7 |\n"
    (table,) = read_text(text.encode("utf-8")).tables()
    assert [cell.text for cell in table.cells] == ["行政复议", "行政诉讼", "5", "", "2", "7"]


def test_a_bar_on_its_own_line_closes_the_cell_above() -> None:
    # Each cell's text, then its bar alone; a label wrapped over two lines is one cell.
    # The prose after the table is no cell: a sentence ends the table.
    text = (
        "第二十条第（一）项\n|\n商业\n企业\n|\n0\n|\n|\n"
        "三、收到和处理政府信息公开申请情况\n该部分以表格形式报告。\n"
    )
    blocks = read_text(text.encode("utf-8")).blocks
    (table,) = [block for block in blocks if isinstance(block, Table)]
    assert [cell.text for cell in table.cells] == ["第二十条第（一）项", "商业\n企业", "0", ""]
    texts = [block.text for block in blocks if isinstance(block, TextBlock)]
    assert texts[:2] == ["三、收到和处理政府信息公开申请情况", "该部分以表格形式报告。"]


@pytest.mark.parametrize(
    "text",
    [
        # One line closed by a bar is no table (a table's cells are two or more).
        "一、总体情况\n|\n二、主动公开政府信息情况\n",
        # A page's own lines between bars hold no figure: no table either.
        "某街道办事处2021年政府信息公开年度报告\n|\n发布日期：2022年01月18日\n|\n正文\n",
    ],
)
def test_lines_between_bars_alone_without_figures_are_text(text: str) -> None:
    blocks = read_text(text.encode("utf-8")).blocks
    assert not any(isinstance(block, Table) for block in blocks)


def test_a_run_of_lines_between_bars_is_looked_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Lines between bars with no figure: the run is read once, not again from each of
    # its lines (reading stays linear in the text).
    from govdisclosure.parsers.frontends import _text

    calls = 0
    closed_cells = _text._closed_cells

    def counted(lines: list[str], i: int) -> tuple[list[tuple[int, list[str]]] | None, int]:
        nonlocal calls
        calls += 1
        return closed_cells(lines, i)

    monkeypatch.setattr(_text, "_closed_cells", counted)
    blocks = read_text(("标题\n|\n发布日期\n|\n" * 500).encode("utf-8")).blocks
    assert not any(isinstance(block, Table) for block in blocks)
    assert calls == 1
