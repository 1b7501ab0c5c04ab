"""Finding a report's rows in a front-end's table grid, the way a reader would.

A row is found by a label cell (normalised: white space and line breaks removed, ``1、``
read as ``1.``); its values are the distinct cells to the right of that label, so a
merged cell counts once. This is deliberately simpler than the assembler: it checks that
the front-ends put the figures in the right places, nothing more.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from govdisclosure.model import SourceSpan
from govdisclosure.parsers import Document, Table, TableCell, TextBlock

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

_SPACE = re.compile(r"\s+")
_ORDINAL = re.compile(r"^(\d+)、")


def normalise(text: str) -> str:
    return _ORDINAL.sub(r"\1.", _SPACE.sub("", text))


def expected(stem: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((CORPUS / f"{stem}.expected.json").read_text("utf-8"))
    return result


@cache
def corpus_bytes(filename: str) -> bytes:
    return (CORPUS / filename).read_bytes()


def codes(document: Document) -> list[str]:
    """The codes of a front-end's notes, in order."""
    return [code for code, _, _ in document.notes]


def texts(document: Document) -> list[str]:
    """The texts of a document's text blocks, in order."""
    return [block.text for block in document.blocks if isinstance(block, TextBlock)]


def layout(table: Table) -> list[tuple[int, int, int, int, str]]:
    """Each cell of ``table`` as (row, column, rowspan, colspan, text)."""
    return [(c.row, c.column, c.rowspan, c.colspan, c.text) for c in table.cells]


def distinct(slots: tuple[TableCell | None, ...]) -> list[TableCell]:
    """The cells of a grid row, left to right, merged cells once."""
    seen: set[int] = set()
    cells: list[TableCell] = []
    for slot in slots:
        if slot is not None and id(slot) not in seen:
            seen.add(id(slot))
            cells.append(slot)
    return cells


def row_values(document: Document, label: str) -> list[str]:
    """The texts right of the one label cell reading ``label``, in any table."""
    want = normalise(label)
    found: list[list[str]] = []
    for table in document.tables():
        for slots in table.grid():
            for cell in distinct(slots):
                if normalise(cell.text) == want:
                    right = slots[cell.column + cell.colspan :]
                    found.append([c.text for c in distinct(right)])
    assert len(found) == 1, f"{label!r} labels {len(found)} rows"
    return found[0]


def numbers(texts: list[str]) -> list[int | None]:
    """Cell texts as the expected files write them: blank is ``None``."""
    return [None if text == "" else int(text) for text in texts]


def table_three_rows(stem: str) -> list[tuple[str, list[int | None]]]:
    """``(row label, expected values)`` for every row of table 三 in ``stem``'s expected."""
    rows = expected(stem)["table3"]
    return [(path.rsplit("/", 1)[-1], values) for path, values in rows.items()]


def table_four(document: Document) -> list[str]:
    """The figures row of table 四: the last row of the table headed 行政复议 | 行政诉讼."""
    tables = [t for t in document.tables() if _heads(t, ("行政复议", "行政诉讼"))]
    assert len(tables) == 1
    return [cell.text for cell in distinct(tables[0].grid()[-1])]


def table_four_expected(stem: str) -> list[int | None]:
    blocks = expected(stem)["table4"]
    return [
        v
        for key in ("行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉")
        for v in blocks[key]
    ]


def _heads(table: Table, labels: tuple[str, ...]) -> bool:
    first = {normalise(cell.text) for cell in distinct(table.grid()[0])}
    return all(label in first for label in labels)


def line_of(span: SourceSpan | None) -> int:
    """The line (or paragraph number) of a span that must have one."""
    assert span is not None
    assert span.line is not None
    return span.line


def cell_at(table: Table, row: int, column: int) -> TableCell:
    """The cell covering grid slot (row, column), 0-based."""
    cell = table.grid()[row][column]
    assert cell is not None
    return cell
