"""Web pages turned into text by converters that write a table without a delimiter row.

Two such shapes are common where reports are copied from government sites into text
(search engines' and archives' copies of the pages):

* a row a line, each cell closed by ``|`` (``规章 | 0 | 0 | 0 |``); a row whose first
  slot is covered by a merged cell above begins with ``|``;
* a cell a line (``规章 |``), an empty cell as ``|``, and a row shorter than the table
  padded by a line of as many ``|`` as it lacks cells.

Both are built here from a corpus web page (Shanghai 2019), and must read as the page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from govdisclosure import AnnualReport, check
from govdisclosure.checks import Origin
from govdisclosure.model import iter_cells
from govdisclosure.parsers import TextBlock, parse
from govdisclosure.parsers.frontends._markdown import bar_cells
from govdisclosure.parsers.frontends._text import read_text

from ._edits import HtmlPage
from ._forms import bar_lines, corpus_bytes, corpus_text

PAGE = "001_shanghai_szfbgt_2019.html"


def _page(cell_a_line: bool, edit: Callable[[HtmlPage], None] = lambda page: None) -> bytes:
    page = HtmlPage(corpus_text(PAGE))
    edit(page)
    text = "\n".join(bar_lines(page.html(), cell_a_line=cell_a_line))
    assert "---" not in text  # no delimiter row: not a Markdown pipe table
    return text.encode("utf-8")


def test_a_row_a_line_reads_as_the_page() -> None:
    page = parse(corpus_bytes(PAGE), format="html").report
    report = parse(_page(cell_a_line=False), format="text").report
    assert report.proactive == page.proactive
    assert report.applications == page.applications
    assert report.appeals == page.appeals
    assert report.unread == page.unread
    # The prose of every section is kept.
    assert (report.overview, report.problems, report.other_matters) == (
        page.overview,
        page.problems,
        page.other_matters,
    )


def test_a_cell_a_line_reads_as_the_page_or_leaves_unread() -> None:
    # Table 四's row of figures fills the table and ends with an empty cell: its last
    # line, a lone bar, may be that cell or the padding of a row one cell short. Either
    # reading fits, so the figures whose place it decides are not guessed.
    page = parse(corpus_bytes(PAGE), format="html").report
    result = parse(_page(cell_a_line=True), format="text")
    report = result.report
    assert report.proactive == page.proactive
    assert report.applications == page.applications
    assert (report.overview, report.problems) == (page.overview, page.problems)
    assert_never_shifted(report, page, allowed="/appeals")


def test_a_cell_a_line_row_one_cell_short_is_never_shifted() -> None:
    page = parse(corpus_bytes(PAGE), format="html").report

    def drop(html: HtmlPage) -> None:
        html.drop_cell(None, 7)  # a cell of table 四's row of figures

    result = parse(_page(cell_a_line=True, edit=drop), format="text")
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
