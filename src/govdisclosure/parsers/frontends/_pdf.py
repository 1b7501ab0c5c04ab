"""Reading PDFs into a :class:`~govdisclosure.parsers.Document`, tables by their geometry.

Uses pdfplumber (the ``pdf`` extra). Report PDFs are printed from Word or WPS with ruled
tables, so tables are found from the drawn lines (pdfplumber's ``lines`` strategy), never
from the flattened text, which glues neighbouring cells together.

What comes out:

* Each ruled table with at least two columns becomes a :class:`Table`. The grid comes
  from the cell rectangles: a rectangle covering several grid slots is one merged cell
  with its ``rowspan``/``colspan``. Every cell's span has its page, its box
  (x0, top, x1, bottom in points from the top-left corner), and its table/row/column.
  A cell's text is read from the characters whose centre lies in it, lines joined with
  ``"\\n"``.
* A table continued at the top of the next page is joined to it when its columns line up
  with the previous part (same outer edges; the column edges of one part a subset of the
  other's), the previous part reaches the bottom quarter of its page and the next starts
  in the top quarter, and nothing but a running footer or header (at most two lines, in
  the top or bottom eighth of the page) lies between them (note ``table-joined``). The
  rows simply follow each other: a merged cell cut by the page break stays two cells, one
  on each page, because the geometry cannot tell a continued cell from a new one.
* A table that runs past the page edge (LibreOffice prints over-wide tables that way)
  keeps the characters found beyond the edge in its border cells; columns drawn entirely
  off the page are not in the file (note ``table-clipped``). Cells on the page edge are
  marked :attr:`~._document.TableCell.clipped`: a blank one may have held a value drawn
  beyond the edge.
* Everything else is text: one :class:`TextBlock` per line (words outside every table,
  grouped by their baseline), in reading order (top to bottom; tables where they stand),
  each with page and box. Page numbers such as ``- 4 -`` are text blocks like any other.
  Ruled boxes of a single column (framed paragraphs) are read as text
  (note ``layout-table``).
"""

from __future__ import annotations

import contextlib
import io
import time
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

import attrs

from ..._limits import DEFAULT_LIMITS, Limits
from ...exceptions import GovDisclosureError, LimitExceededError, ParseError
from ...model import SourceSpan
from .._document import Block, Document, Table, TableCell, TextBlock
from .._notes import LAYOUT_TABLE, NO_TEXT, TABLE_CLIPPED, TABLE_JOINED, Note
from ._common import CellBudget, check_size, optional_import

__all__ = ["read_pdf"]

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_EDGE_TOLERANCE = 3.0
"""Points within which two column edges (of two parts of one table) are the same edge."""
_CLUSTER_TOLERANCE = 0.5
"""Points within which cell edges of one table are the same grid line."""
_PAGE_EDGE = 1.0
"""Points within which a table edge lies on the page edge (the table is clipped)."""
_RUNNING_LINES = 2
"""The most text lines (running header or footer) between two parts of one table."""
_MARGIN = 1 / 8
"""The top and bottom eighth of a page: where running headers and footers stand (公文
margins are 37 and 35 mm of 297). A table continued on the next page ends below the top
quarter's mirror (it fills its page) and its next part starts in the top quarter."""
_LINE_TOLERANCE = 3.0
"""Points within which words share a line."""

Box = tuple[float, float, float, float]


@attrs.define
class _Cell:
    row: int
    column: int
    rowspan: int
    colspan: int
    bbox: Box
    chars: list[dict[str, Any]] = attrs.field(factory=list)
    text: str = ""
    clipped: bool = False


@attrs.define
class _Part:
    """A table as found on one page."""

    page: int
    bbox: Box
    xs: list[float]
    ys: list[float]
    cells: list[_Cell]
    clipped: bool = False

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1


@attrs.define
class _Item:
    """A text line or a (possibly multi-page) table, in a page's reading order."""

    top: float
    x0: float
    line: TextBlock | None = None
    parts: list[_Part] = attrs.field(factory=list)
    continuation: bool = False
    """The part of a table that began on an earlier page (shares that table's parts)."""


def read_pdf(
    data: bytes,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read a PDF into a :class:`Document`, with tables found by their ruled lines.

    Args:
        data: the file's bytes.
        name: the document's name or path, for messages and :attr:`Document.name`.
        limits: safety limits (``max_bytes``, ``max_pages``, ``max_seconds``,
            ``max_cells``); time is checked between pages.

    Returns:
        The text lines and tables of every page, in reading order. A PDF without a text
        layer (a scan) gives no blocks and the note ``no-text``.

    Raises:
        ParseError: the bytes are not a PDF, the PDF is encrypted with a password, or it
            is too damaged to read; or pdfplumber is not installed
            (``pip install 'govdisclosure[pdf]'``).
        LimitExceededError: the file is over ``max_bytes``, has more than ``max_pages``
            pages, takes longer than ``max_seconds``, or its tables have more than
            ``max_cells`` grid slots.
    """
    pdfplumber = optional_import("pdfplumber", "pdf", name)
    where = name or "<pdf>"
    check_size(len(data), limits, name)
    if b"%PDF-" not in data[:1024]:
        raise ParseError(
            "不是 PDF 文件：文件开头没有 %PDF- 标记",
            "not a PDF file: no %PDF- header at the start",
            where=where,
        )
    started = time.monotonic()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many kinds; all mean "cannot open"
        raise _unreadable(error, where) from error
    reader = _Reader(limits, where)
    try:
        _read_pages(pdf, reader, limits, where, started)
        title = _title(pdf.metadata)
    finally:
        # pdfplumber's close() walks the page tree again, which fails on a damaged file;
        # that must not hide the error already raised.
        with contextlib.suppress(Exception):
            pdf.close()
    return Document(
        format="pdf",
        blocks=reader.blocks(),
        name=name,
        title=title,
        notes=reader.notes(),
    )


def _read_pages(pdf: Any, reader: _Reader, limits: Limits, where: str, started: float) -> None:
    try:
        pages = pdf.pages
    except Exception as error:
        raise _unreadable(error, where) from error
    if len(pages) > limits.max_pages:
        raise LimitExceededError(
            f"PDF 有 {len(pages)} 页，超过上限 max_pages={limits.max_pages}",
            f"the PDF has {len(pages)} pages, over max_pages={limits.max_pages}",
            where=where,
            limit="max_pages",
            value=len(pages),
            maximum=limits.max_pages,
        )
    for number, page in enumerate(pages, start=1):
        elapsed = time.monotonic() - started
        if elapsed > limits.max_seconds:
            raise LimitExceededError(
                f"读取 PDF 超过时间上限 max_seconds={limits.max_seconds:g}"
                f"（已用 {elapsed:.1f} 秒，读到第 {number - 1} 页）",
                f"reading the PDF took over max_seconds={limits.max_seconds:g} "
                f"({elapsed:.1f} s, {number - 1} pages read)",
                where=where,
                limit="max_seconds",
                value=elapsed,
                maximum=limits.max_seconds,
            )
        try:
            reader.page(page, number)
        except GovDisclosureError:
            raise
        except Exception as error:
            raise ParseError(
                f"PDF 第 {number} 页无法读取（{type(error).__name__}: {error}）",
                f"page {number} of the PDF cannot be read ({type(error).__name__}: {error})",
                where=where,
            ) from error
        finally:
            with contextlib.suppress(Exception):
                page.close()


def _unreadable(error: Exception, where: str) -> ParseError:
    cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    kind = type(cause).__name__
    if "Password" in kind or "Encrypt" in kind:
        return ParseError(
            "PDF 已加密（需要密码），无法读取",
            "the PDF is encrypted (it needs a password)",
            where=where,
        )
    return ParseError(
        f"PDF 文件损坏，无法读取（{kind}: {cause}）",
        f"the PDF is damaged and cannot be read ({kind}: {cause})",
        where=where,
    )


def _title(metadata: dict[str, Any]) -> str | None:
    title = metadata.get("Title")
    # pdfminer leaves some UTF-16 titles undecoded (they start with a byte order mark).
    if not isinstance(title, str) or title.startswith(("\xfe\xff", "\xff\xfe")):
        return None
    return title.strip() or None


class _Reader:
    def __init__(self, limits: Limits, where: str) -> None:
        self.budget = CellBudget(limits, where)
        self.pages: list[list[_Item]] = []
        self.heights: list[float] = []
        self.joined: list[list[_Part]] = []
        self.clipped: list[_Part] = []
        self.boxes = 0
        self.chars = 0

    # -- one page ---------------------------------------------------------------------

    def page(self, page: Any, number: int) -> None:
        from pdfplumber.utils.text import extract_text

        chars = page.dedupe_chars().chars
        self.chars += len(chars)
        parts: list[_Part] = []
        for found in page.find_tables(_TABLE_SETTINGS):
            part = self._part(found.cells, number)
            if part is None:
                self.boxes += 1
            else:
                parts.append(part)
        outside = self._assign(chars, parts, page.bbox)
        x0, top, x1, bottom = page.bbox
        for part in parts:
            for cell in part.cells:
                cell.text = extract_text(cell.chars).strip() if cell.chars else ""
                cell.chars = []
                # A cell on the page edge is cut by it: what was drawn beyond may be lost.
                left, up, right, down = cell.bbox
                cell.clipped = (
                    left <= x0 + _PAGE_EDGE
                    or right >= x1 - _PAGE_EDGE
                    or up <= top + _PAGE_EDGE
                    or down >= bottom - _PAGE_EDGE
                )
        items = [_Item(top=part.bbox[1], x0=part.bbox[0], parts=[part]) for part in parts]
        items.extend(_lines(outside, number))
        items.sort(key=lambda item: (item.top, item.x0))
        self._join(items, float(page.height))
        self.pages.append(items)
        self.heights.append(float(page.height))

    def _part(self, boxes: Sequence[Box], number: int) -> _Part | None:
        """A table's grid from its cell rectangles; ``None`` if it has under 2 columns."""
        xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
        ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
        if len(xs) < 3 or len(ys) < 2:
            return None
        cells: list[_Cell] = []
        for x0, top, x1, bottom in boxes:
            column, end_column = _nearest(xs, x0), _nearest(xs, x1)
            row, end_row = _nearest(ys, top), _nearest(ys, bottom)
            if end_column <= column or end_row <= row:
                continue  # a degenerate rectangle
            self.budget.take((end_column - column) * (end_row - row))
            cells.append(
                _Cell(
                    row=row,
                    column=column,
                    rowspan=end_row - row,
                    colspan=end_column - column,
                    bbox=(x0, top, x1, bottom),
                )
            )
        cells.sort(key=lambda cell: (cell.row, cell.column))
        bbox = (xs[0], ys[0], xs[-1], ys[-1])
        return _Part(page=number, bbox=bbox, xs=xs, ys=ys, cells=cells)

    def _assign(
        self, chars: list[dict[str, Any]], parts: list[_Part], page_box: Box
    ) -> list[dict[str, Any]]:
        """Put each character in the cell under its centre; return those in no cell."""
        slots: list[dict[tuple[int, int], _Cell]] = []
        for part in parts:
            slot: dict[tuple[int, int], _Cell] = {}
            for cell in part.cells:
                for r in range(cell.row, cell.row + cell.rowspan):
                    for c in range(cell.column, cell.column + cell.colspan):
                        slot[(r, c)] = cell
            slots.append(slot)
        # Which edges of each table lie on the page edge: text beyond them is clipped text.
        edges = [
            (
                part.xs[0] <= page_box[0] + _PAGE_EDGE,
                part.xs[-1] >= page_box[2] - _PAGE_EDGE,
                part.ys[0] <= page_box[1] + _PAGE_EDGE,
                part.ys[-1] >= page_box[3] - _PAGE_EDGE,
            )
            for part in parts
        ]
        outside: list[dict[str, Any]] = []
        for char in chars:
            x = (char["x0"] + char["x1"]) / 2
            y = (char["top"] + char["bottom"]) / 2
            for part, slot, (left, right, top, bottom) in zip(parts, slots, edges, strict=True):
                xs, ys = part.xs, part.ys
                column = bisect_right(xs, x) - 1
                row = bisect_right(ys, y) - 1
                beyond = False
                if column < 0 and left:
                    column, beyond = 0, True
                elif column >= len(xs) - 1 and right:
                    column, beyond = len(xs) - 2, True
                if row < 0 and top:
                    row, beyond = 0, True
                elif row >= len(ys) - 1 and bottom:
                    row, beyond = len(ys) - 2, True
                found = slot.get((row, column))
                if found is not None:
                    found.chars.append(char)
                    if beyond and not part.clipped:
                        part.clipped = True
                        self.clipped.append(part)
                    break
            else:
                outside.append(char)
        return outside

    # -- across pages -----------------------------------------------------------------

    def _join(self, items: list[_Item], height: float) -> None:
        """Join the first table of this page to the last table of the previous page.

        Only when the earlier part ends in the bottom quarter of its page and the later
        part starts in the top quarter of this one, nothing lies between them but at most
        two lines in the page margins (a running footer and header), and their columns
        line up.
        """
        if not self.pages:
            return
        previous, previous_height = self.pages[-1], self.heights[-1]
        last = max((i for i, item in enumerate(previous) if item.parts), default=None)
        first = min((i for i, item in enumerate(items) if item.parts), default=None)
        if last is None or first is None:
            return
        footer, header = previous[last + 1 :], items[:first]
        if len(footer) > _RUNNING_LINES or len(header) > _RUNNING_LINES:
            return
        if any(item.top < previous_height * (1 - _MARGIN) for item in footer):
            return
        if any(_bottom(item) > height * _MARGIN for item in header):
            return
        upper, lower = previous[last].parts, items[first].parts[0]
        if upper[-1].bbox[3] < previous_height * 0.75 or lower.bbox[1] > height * 0.25:
            return
        if not _same_columns(_columns(upper), lower.xs):
            return
        upper.append(lower)
        items[first] = attrs.evolve(items[first], parts=upper, continuation=True)
        if not any(parts is upper for parts in self.joined):
            self.joined.append(upper)

    # -- the document -----------------------------------------------------------------

    def blocks(self) -> tuple[Block, ...]:
        blocks: list[Block] = []
        index = 0
        for items in self.pages:
            for item in items:
                if item.line is not None:
                    blocks.append(item.line)
                elif not item.continuation:
                    index += 1
                    blocks.append(_table(item.parts, index))
        return tuple(blocks)

    def notes(self) -> tuple[Note, ...]:
        notes: list[Note] = []
        tables = [
            item.parts
            for items in self.pages
            for item in items
            if item.parts and not item.continuation
        ]
        number = {id(parts): i for i, parts in enumerate(tables, start=1)}
        for parts in self.joined:
            pages = "、".join(str(part.page) for part in parts)
            pages_en = ", ".join(str(part.page) for part in parts)
            index = number[id(parts)]
            notes.append(
                (
                    TABLE_JOINED,
                    f"第 {index} 个表格跨页（第 {pages} 页），各页部分的列对齐，已合并为一个表格",
                    f"table {index} runs over pages {pages_en}; its parts' columns line up, "
                    "so they were joined into one table",
                )
            )
        for part in self.clipped:
            index = next(number[id(parts)] for parts in tables if any(p is part for p in parts))
            notes.append(
                (
                    TABLE_CLIPPED,
                    f"第 {index} 个表格在第 {part.page} 页超出页面边缘：页面外的文字已保留，"
                    "完全画在页面外的列不在文件中",
                    f"table {index} runs past the edge of page {part.page}: text beyond the "
                    "edge was kept, but columns drawn entirely off the page are not in the file",
                )
            )
        if self.boxes:
            notes.append(
                (
                    LAYOUT_TABLE,
                    f"{self.boxes} 个只有一列的框线区域（带框的段落）按正文读取",
                    f"{self.boxes} ruled box(es) of a single column (framed paragraphs) were "
                    "read as running text",
                )
            )
        if self.pages and not self.chars:
            notes.append(
                (
                    NO_TEXT,
                    "PDF 没有文字层（可能是扫描件），需先做文字识别（OCR）",
                    "the PDF has no text layer (a scan?); it needs OCR first",
                )
            )
        return tuple(notes)


def _bottom(item: _Item) -> float:
    if item.line is not None and item.line.span.bbox is not None:
        return item.line.span.bbox[3]
    return item.top


def _columns(parts: list[_Part]) -> list[float]:
    """The column edges of a table so far: all its parts' edges, merged."""
    edges: list[float] = []
    for part in parts:
        edges = _cluster(edges + part.xs, tolerance=_EDGE_TOLERANCE)
    return edges


def _same_columns(upper: list[float], lower: list[float]) -> bool:
    """Whether two parts line up: same outer edges, one's column edges within the other's."""
    if abs(upper[0] - lower[0]) > _EDGE_TOLERANCE or abs(upper[-1] - lower[-1]) > _EDGE_TOLERANCE:
        return False

    def within(inner: list[float], outer: list[float]) -> bool:
        return all(any(abs(x - y) <= _EDGE_TOLERANCE for y in outer) for x in inner)

    return within(upper, lower) or within(lower, upper)


def _table(parts: list[_Part], index: int) -> Table:
    """One :class:`Table` from the parts of a table, rows following each other."""
    edges = _columns(parts)
    cells: list[TableCell] = []
    offset = 0
    for part in parts:
        mapping = [_nearest(edges, x) for x in part.xs]
        for cell in part.cells:
            row = offset + cell.row
            column = mapping[cell.column]
            colspan = mapping[cell.column + cell.colspan] - column
            cells.append(
                TableCell(
                    text=cell.text,
                    row=row,
                    column=column,
                    rowspan=cell.rowspan,
                    colspan=max(colspan, 1),
                    clipped=cell.clipped,
                    span=SourceSpan(
                        page=part.page,
                        bbox=_round(cell.bbox),
                        table=index,
                        row=row + 1,
                        column=column + 1,
                    ),
                )
            )
        offset += part.n_rows
    first = parts[0]
    return Table(
        index=index,
        cells=tuple(cells),
        n_rows=offset,
        n_columns=len(edges) - 1,
        span=SourceSpan(page=first.page, bbox=_round(first.bbox), table=index),
    )


def _lines(chars: list[dict[str, Any]], page: int) -> list[_Item]:
    """Text lines from the characters outside tables, with their boxes."""
    from pdfplumber.utils.clustering import cluster_objects
    from pdfplumber.utils.text import extract_words

    words = extract_words(chars)
    items: list[_Item] = []
    for line in cluster_objects(words, "top", _LINE_TOLERANCE):
        line.sort(key=lambda word: word["x0"])
        text = " ".join(word["text"] for word in line).strip()
        if not text:
            continue
        box = (
            min(word["x0"] for word in line),
            min(word["top"] for word in line),
            max(word["x1"] for word in line),
            max(word["bottom"] for word in line),
        )
        block = TextBlock(text=text, span=SourceSpan(page=page, bbox=_round(box)))
        items.append(_Item(top=box[1], x0=box[0], line=block))
    return items


def _cluster(values: list[float], *, tolerance: float = _CLUSTER_TOLERANCE) -> list[float]:
    """Sorted distinct values: a value within ``tolerance`` of the last one kept is taken
    as the same."""
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= tolerance:
            continue
        out.append(value)
    return out


def _nearest(edges: list[float], value: float) -> int:
    """The index of the grid line (of the sorted ``edges``) nearest to ``value``."""
    i = bisect_right(edges, value)
    if i == 0:
        return 0
    if i == len(edges):
        return i - 1
    return i if edges[i] - value < value - edges[i - 1] else i - 1


def _round(box: Box) -> Box:
    x0, top, x1, bottom = box
    return (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
