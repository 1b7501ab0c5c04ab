"""Reading PDFs into a :class:`~govdisclosure.parsers.Document`, tables by their geometry.

The engine is PDFium (pypdfium2, the ``pdf`` extra; see ``_pdfium``). Report PDFs are
printed from Word or WPS with ruled tables, so tables are found from the drawn lines
(``_pdfgrid``), never from the flattened text, which glues neighbouring cells together.

What comes out:

* Each ruled table with at least two columns becomes a :class:`Table`. The grid comes
  from the cell rectangles: a rectangle covering several grid slots is one merged cell
  with its ``rowspan``/``colspan``. Every cell's span has its page, its box
  (x0, top, x1, bottom in points from the top-left corner of the page as displayed), and
  its table/row/column. A cell's text is read from the characters whose centre lies in
  it, lines joined with ``"\\n"`` (``_pdftext``).
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
* Everything else is text: one :class:`TextBlock` per line (characters outside every
  table, grouped by their height on the page), in reading order (top to bottom; tables
  where they stand), each with page and box. Lines repeated at the head or foot of most
  pages (page numbers such as ``- 4 -``, the organ's name, a browser's date, title and
  address) are marked :attr:`~._document.TextBlock.furniture` (``_furniture``). Ruled
  boxes of a single column (framed paragraphs) are read as text (note ``layout-table``).
* A page with images and no text layer (a scan) is read by OCR when the ``ocr`` extra is
  installed (``_ocr``); otherwise, when no page has text, the note ``no-text`` says so.

Untrusted PDFs are read in a child process (:attr:`Limits.isolate`, see
``parsers/_isolation``); :func:`read_pdf_in_process` is the reader that runs there.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

import attrs

from ..._limits import DEFAULT_LIMITS, Limits
from ...exceptions import GovDisclosureError, LimitExceededError, ParseError
from ...model import SourceSpan
from .._clock import deadline
from .._document import Block, Document, Table, TableCell, TextBlock
from .._notes import LAYOUT_TABLE, NO_TEXT, TABLE_CLIPPED, TABLE_JOINED, Note
from ._common import CellBudget, check_size, optional_import
from ._furniture import PageLine, running_lines
from ._pdfgrid import TooManyCrossingsError, find_tables
from ._pdftext import line_box, lines, text, words
from ._scanjoin import continued, joined, renumbered

if TYPE_CHECKING:
    from ._pdfium import Char, Engine, PageContent

__all__ = ["read_pdf", "read_pdf_in_process"]

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
_CROSSINGS_PER_CELL = 4
"""A grid of n cells has at most 4n crossings of its rules: more crossings on one page
than 4 × ``max_cells`` cannot make cells within the budget."""
OCR_SCALE = 200 / 72
"""Pixels per point at which a scanned page is rendered for OCR (200 dpi)."""

Box = tuple[float, float, float, float]


@attrs.define
class _Cell:
    row: int
    column: int
    rowspan: int
    colspan: int
    bbox: Box
    chars: list[Char] = attrs.field(factory=list)
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
    """A text line, a (possibly multi-page) table or a table read by OCR, in a page's
    reading order."""

    top: float
    x0: float
    line: TextBlock | None = None
    parts: list[_Part] = attrs.field(factory=list)
    continuation: bool = False
    """The part of a table that began on an earlier page (shares that table's parts)."""
    table: Table | None = None


def read_pdf(
    data: bytes,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read a PDF into a :class:`Document`, with tables found by their ruled lines.

    With ``limits.isolate`` (the default) the PDF is read in a child process held to
    ``limits.max_memory`` and stopped after ``limits.max_seconds`` (plus
    ``limits.max_ocr_seconds_per_page`` for each page it reads by OCR): a crash, hang or
    memory blow-up of the PDF engine becomes an error, never a dead interpreter.

    Args:
        data: the file's bytes.
        name: the document's name or path, for messages and :attr:`Document.name`.
        limits: safety limits (``max_bytes``, ``max_pages``, ``max_objects``,
            ``max_segments``, ``max_chars``, ``max_cells``, ``max_seconds``,
            ``max_ocr_seconds_per_page``, ``max_pixels``, ``max_memory``, ``isolate``).

    Returns:
        The text lines and tables of every page, in reading order. A PDF without a text
        layer (a scan) gives no blocks and the note ``no-text``, unless the ``ocr``
        extra reads its pages.

    Raises:
        ParseError: the bytes are not a PDF, the PDF is encrypted with a password, it
            is too damaged to read, or the PDF engine failed on it; or pypdfium2 is not
            installed (``pip install 'govdisclosure[pdf]'``).
        LimitExceededError: the file is over ``max_bytes``, has more than ``max_pages``
            pages, a page with more than ``max_objects`` objects or ``max_segments``
            path segments, more than ``max_chars`` characters, tables of more than
            ``max_cells`` grid slots; or reading it took longer than ``max_seconds``
            (plus ``max_ocr_seconds_per_page`` a page read by OCR) or more memory than
            ``max_memory``.
    """
    optional_import("pypdfium2", "pdf", name)
    where = name or "<pdf>"
    check_size(len(data), limits, name)
    if b"%PDF-" not in data[:1024]:
        raise ParseError(
            "不是 PDF 文件：文件开头没有 %PDF- 标记",
            "not a PDF file: no %PDF- header at the start",
            where=where,
            reason="unreadable",
        )
    if limits.isolate:
        from .._isolation import run_isolated

        return run_isolated("pdf", data, name=name, limits=limits)
    return read_pdf_in_process(data, name=name, limits=limits)


def read_pdf_in_process(
    data: bytes,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """:func:`read_pdf` in this process, whatever ``limits.isolate`` says.

    This is what an isolated reader runs; call it directly only on trusted files.
    """
    from ._pdfium import Engine

    where = name or "<pdf>"
    engine = Engine(data, where, limits, deadline(limits, where))
    try:
        if engine.page_count > limits.max_pages:
            raise LimitExceededError(
                f"PDF 有 {engine.page_count} 页，超过上限 max_pages={limits.max_pages}",
                f"the PDF has {engine.page_count} pages, over max_pages={limits.max_pages}",
                where=where,
                limit="max_pages",
                value=engine.page_count,
                maximum=limits.max_pages,
            )
        reader = _Reader(limits, where, engine)
        for content in engine.pages():
            reader.page(content)
        title = engine.title()
    except GovDisclosureError:
        raise
    except Exception as error:  # the engine's own failures: the file is the cause
        raise ParseError(
            f"PDF 无法读取（{type(error).__name__}: {error}）",
            f"the PDF cannot be read ({type(error).__name__}: {error})",
            where=where,
            reason="unreadable",
        ) from error
    finally:
        engine.close()
    return Document(
        format="pdf",
        blocks=reader.blocks(),
        name=name,
        title=title,
        notes=reader.notes(),
    )


def _ocr() -> Any | None:
    """The OCR front-end, if the ``ocr`` extra is installed."""
    try:
        module = import_module("govdisclosure.parsers.frontends._ocr")
    except ImportError:
        return None
    return module if module.available() else None


class _Reader:
    def __init__(self, limits: Limits, where: str, engine: Engine) -> None:
        self.limits = limits
        self.where = where
        self.engine = engine
        self.budget = CellBudget(limits, where)
        self.pages: list[list[_Item]] = []
        self.heights: list[float] = []
        self.joined: list[list[_Part]] = []
        self.clipped: list[_Part] = []
        self.ocr_notes: list[Note] = []
        #: The previous page's blocks and height, if it was read by OCR.
        self.scanned: tuple[tuple[Block, ...], float] | None = None
        #: Tables read by OCR joined over page breaks: the item holding each table part,
        #: and the parts of each joined item.
        self.scan_owner: dict[int, _Item] = {}
        self.scan_parts: dict[int, list[Table]] = {}
        self.boxes = 0
        self.chars = 0
        self.ocr_pages = 0
        #: The ids of the items that are running headers and footers, once found.
        self.furniture: set[int] | None = None

    # -- one page ---------------------------------------------------------------------

    def page(self, content: PageContent) -> None:
        number = content.number
        if not content.chars and content.images and self._ocr_page(content):
            return
        self.scanned = None
        chars = content.chars
        self.chars += len(chars)
        parts: list[_Part] = []
        try:
            found = find_tables(
                content.horizontal,
                content.vertical,
                max_crossings=_CROSSINGS_PER_CELL * self.limits.max_cells,
                tick=lambda: self.engine.check_time(number - 1),
            )
        except TooManyCrossingsError as error:
            maximum = self.limits.max_cells
            raise LimitExceededError(
                f"PDF 第 {number} 页的表格线有 {error.count} 个以上交点，"
                f"可构成的单元格超过上限 max_cells={maximum}",
                f"the ruled lines of page {number} cross at {error.count} or more points, "
                f"more than max_cells={maximum} cells could be read from them",
                where=self.where,
                limit="max_cells",
                value=error.count,
                maximum=maximum,
            ) from None
        for boxes in found:
            part = self._part(boxes, number)
            if part is None:
                self.boxes += 1
            else:
                parts.append(part)
        page_box = (0.0, 0.0, content.width, content.height)
        outside = self._assign(chars, parts, page_box)
        x0, top, x1, bottom = page_box
        for part in parts:
            for cell in part.cells:
                cell.text = text(cell.chars) if cell.chars else ""
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
        self._join(items, content.height)
        self.pages.append(items)
        self.heights.append(content.height)

    def _ocr_page(self, content: PageContent) -> bool:
        """Read a page of images without text by OCR, if the ``ocr`` extra is there."""
        ocr = _ocr()
        if ocr is None:
            return False
        self.engine.ocr_page_begins()
        image = self.engine.render(content.number, OCR_SCALE)
        blocks, notes = ocr.read_page_image(
            image, page=content.number, scale=OCR_SCALE, limits=self.limits
        )
        items: list[_Item] = []
        lower = self._continue_scan(blocks, content.height)
        for block in blocks:
            box = block.span.bbox if block.span is not None else None
            top, x0 = (box[1], box[0]) if box is not None else (0.0, 0.0)
            if isinstance(block, Table):
                self.budget.take(block.n_rows * block.n_columns)
                if block is not lower:
                    item = _Item(top=top, x0=x0, table=block)
                    self.scan_owner[id(block)] = item
                    items.append(item)
            else:
                items.append(_Item(top=top, x0=x0, line=block))
        self.scanned = (blocks, content.height)
        self.ocr_notes.extend(notes)
        self.ocr_pages += 1
        self.pages.append(items)
        self.heights.append(content.height)
        return True

    def _continue_scan(self, blocks: tuple[Block, ...], height: float) -> Table | None:
        """Join the first table of a page read by OCR to the last table of the page
        before, when that page was read by OCR too and the table continues it
        (:mod:`._scanjoin`); return the table joined."""
        if self.scanned is None:
            return None
        before, before_height = self.scanned
        upper = continued(list(before), before_height, list(blocks), height)
        if upper is None:
            return None
        lower = next(b for b in blocks if isinstance(b, Table))
        item = self.scan_owner[id(upper)]
        assert item.table is not None
        parts = self.scan_parts.setdefault(id(item), [item.table])
        parts.append(lower)
        item.table = joined(parts, item.table.index)
        self.scan_owner[id(lower)] = item
        return lower

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

    def _assign(self, chars: list[Char], parts: list[_Part], page_box: Box) -> list[Char]:
        """Put each character in the cell under its centre; return those in no cell."""
        if not parts:
            return chars
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
        # Where each table can hold a character: its box, open on the sides it is cut.
        reach = [
            (
                -math.inf if left else part.xs[0],
                math.inf if right else part.xs[-1],
                -math.inf if top else part.ys[0],
                math.inf if bottom else part.ys[-1],
            )
            for part, (left, right, top, bottom) in zip(parts, edges, strict=True)
        ]
        tables = list(zip(parts, slots, edges, reach, strict=True))
        outside: list[Char] = []
        for char in chars:
            x = (char[1] + char[3]) / 2
            y = (char[2] + char[4]) / 2
            for part, slot, (left, right, top, bottom), (x0, x1, y0, y1) in tables:
                if not (x0 <= x <= x1 and y0 <= y <= y1):
                    continue
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
        last = max((i for i, item in enumerate(previous) if _is_table(item)), default=None)
        first = min((i for i, item in enumerate(items) if _is_table(item)), default=None)
        if last is None or first is None or not previous[last].parts or not items[first].parts:
            return  # no table on either side, or one read by OCR
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

    def _running(self) -> set[int]:
        """The ids of the lines that are running headers and footers (``_furniture``)."""
        if self.furniture is None:
            pages = [
                (
                    height,
                    [
                        PageLine(item.top, _bottom(item), item.line.text if item.line else None)
                        for item in items
                    ],
                )
                for items, height in zip(self.pages, self.heights, strict=True)
            ]
            self.furniture = {id(self.pages[p][i]) for p, i in running_lines(pages)}
        return self.furniture

    def blocks(self) -> tuple[Block, ...]:
        blocks: list[Block] = []
        running = self._running()
        for item, index in self._numbered():
            if item.line is not None:
                line = item.line
                blocks.append(attrs.evolve(line, furniture=True) if id(item) in running else line)
            elif item.table is not None:
                blocks.append(renumbered(item.table, index))
            elif not item.continuation:
                blocks.append(_table(item.parts, index))
        return tuple(blocks)

    def _numbered(self) -> list[tuple[_Item, int]]:
        """Every item in order, with the number of the table it starts (else 0)."""
        out: list[tuple[_Item, int]] = []
        index = 0
        for items in self.pages:
            for item in items:
                if item.table is not None or (item.parts and not item.continuation):
                    index += 1
                    out.append((item, index))
                else:
                    out.append((item, 0))
        return out

    def notes(self) -> tuple[Note, ...]:
        notes: list[Note] = []
        number = {id(item.parts): index for item, index in self._numbered() if index and item.parts}
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
        scanned = {id(item): index for item, index in self._numbered() if index}
        for item_id, pieces in self.scan_parts.items():
            index = scanned[item_id]
            on = [str(piece.span.page) if piece.span is not None else "?" for piece in pieces]
            notes.append(
                (
                    TABLE_JOINED,
                    f"第 {index} 个表格跨页（第 {'、'.join(on)} 页），各页部分的列对齐，"
                    "已合并为一个表格",
                    f"table {index} runs over pages {', '.join(on)}; its parts' columns "
                    "line up, so they were joined into one table",
                )
            )
        owner = {id(part): number[id(parts)] for parts in self._tables() for part in parts}
        for part in self.clipped:
            index = owner[id(part)]
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
        notes.extend(self.ocr_notes)
        if self.pages and not self.chars and not self.ocr_pages:
            notes.append(
                (
                    NO_TEXT,
                    "PDF 没有文字层（可能是扫描件），需先做文字识别（OCR）",
                    "the PDF has no text layer (a scan?); it needs OCR first",
                )
            )
        return tuple(notes)

    def _tables(self) -> list[list[_Part]]:
        return [item.parts for items in self.pages for item in items if item.parts]


def _is_table(item: _Item) -> bool:
    return bool(item.parts) or item.table is not None


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


def _lines(chars: list[Char], page: int) -> list[_Item]:
    """Text lines from the characters outside tables, with their boxes."""
    items: list[_Item] = []
    for line in lines(chars):
        joined = " ".join(words(line)).strip()
        box = line_box(line)
        if not joined or box is None:
            continue
        block = TextBlock(text=joined, span=SourceSpan(page=page, bbox=_round(box)))
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
