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

from govdisclosure.parsers import Table, TextBlock, parse
from govdisclosure.parsers.frontends._html import read_html
from govdisclosure.parsers.frontends._markdown import bar_cells
from govdisclosure.parsers.frontends._text import read_text

from ._forms import corpus_bytes

PAGE = "001_shanghai_szfbgt_2019.html"


def _row_a_line(table: Table) -> list[str]:
    lines = []
    for row in table.rows():
        if not row:
            continue
        opened = "| " if row[0].column > 0 else ""  # its first slot merged from above
        lines.append(opened + "".join(f"{cell.text.replace(chr(10), ' ')} | " for cell in row))
    return [line.rstrip() for line in lines]


def _cell_a_line(table: Table) -> list[str]:
    lines = []
    for row in table.rows():
        for cell in row:
            text = cell.text.replace("\n", " ")
            lines.append(f"{text} |" if text else "|")
        short = table.n_columns - len(row)
        if short > 0:
            lines.append("|" * short)
    return lines


def _bar_own_line(table: Table) -> list[str]:
    lines = []
    for row in table.rows():
        for cell in row:
            lines += [part for part in cell.text.split("\n") if part.strip()]
            lines.append("|")
    return lines


def _converted(write: Callable[[Table], list[str]]) -> str:
    document = read_html(corpus_bytes(PAGE))
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, TextBlock):
            lines.append(block.text)
        else:
            assert isinstance(block, Table)
            lines += write(block)
    return "\n".join(lines)


@pytest.mark.parametrize(
    "write", [_row_a_line, _cell_a_line, _bar_own_line], ids=["row", "cell", "bar-line"]
)
def test_a_converters_table_reads_as_the_page(write: Callable[[Table], list[str]]) -> None:
    page = parse(corpus_bytes(PAGE), format="html").report
    text = _converted(write)
    assert "---" not in text  # no delimiter row: not a Markdown pipe table
    result = parse(text.encode("utf-8"), format="text")
    report = result.report
    assert report.proactive == page.proactive
    assert report.applications == page.applications
    assert report.appeals == page.appeals
    assert report.unread == page.unread
    # The prose of every section is kept.
    assert report.overview == page.overview
    assert report.problems == page.problems


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
