"""PDFs with Chinese text and ruled tables, laid out from a report the way Word prints it.

The reports met in the wild are PDFs printed from Word or WPS: A4 pages, paragraphs,
ruled tables that run over pages (a merged cell cut by the page break printed in two
parts, its text flowing on; a row allowed to break across pages; the header repeated or
not), a page number ``- 4 -`` at the foot of each page. This module writes such PDFs from
a report's data so that the reader can be tested on the deviations published PDFs show,
made by the same edits a publisher's tools make.

Text is written with one Type0 font (``Identity-H`` encoding, two-byte codes, a
``ToUnicode`` CMap and ``/W`` widths; no font program is embedded — none is needed to
extract text; a line of a single character gets a trailing space, without which PDFium
leaves it out of the text). Coordinates are points from the top-left corner of an A4 page, as
pdfplumber reports them. Lines are drawn as separate segments (``m`` … ``l`` ``S``).

Use :func:`report_flow` to turn a report into a flow of :class:`Para` and :class:`Grid`,
edit the flow (a label misprinted, a row broken across a page, a page break before a row,
a header repeated), and :func:`write` it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

import attrs

from govdisclosure import AnnualReport
from govdisclosure.render._blocks import Heading, Table, Text, report_blocks, title_of
from govdisclosure.render._layout import TableLayout

__all__ = [
    "Cell",
    "Grid",
    "PageBreak",
    "Para",
    "report_flow",
    "write",
]

WIDTH = 595.0
HEIGHT = 842.0
LEFT = 62.0
RIGHT = WIDTH - 62.0
TOP = 72.0
BOTTOM = HEIGHT - 80.0
FOOTER = HEIGHT - 48.0
CELL_SIZE = 9.0
CELL_LEADING = 11.0
PAD = 3.0
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201d]")


def advance(char: str, size: float) -> float:
    """How far a character moves the pen (its ``/W`` width): 1 em for CJK, ½ else."""
    return size if _CJK.match(char) else size / 2


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (its own line breaks kept)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for char in paragraph:
            step = advance(char, size)
            if line and used + step > width:
                lines.append(line)
                line, used = "", 0.0
            line += char
            used += step
        lines.append(line)
    return lines


# -- the flow -----------------------------------------------------------------------------


@attrs.define
class Para:
    """A paragraph of running text (a heading is a paragraph too)."""

    text: str
    size: float = 12.0
    centred: bool = False


@attrs.define
class PageBreak:
    """Start a new page here."""


@attrs.define
class Cell:
    """A table cell: its text and the grid slots it covers."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@attrs.define
class Grid:
    """A ruled table: the cells starting on each row, left to right.

    Attributes:
        rows: the cells starting on each row (merged cells once).
        n_columns: the width of the grid.
        widths: each grid column's width in points.
        header_rows: how many leading rows are the header.
        repeat_header: print the header again on top of every page the table runs onto:
            all of it (``True``) or the header rows at the indexes given (a partial
            header).
        breaks: rows before which a new page starts (besides the pages that fill up).
        open_breaks: rule the page breaks the way a browser prints a table (CSS
            ``border-collapse``): the rule between two rows is drawn once, at the foot of
            the earlier page, so the part on the next page has no top rule; a row broken
            across the pages (:meth:`break_inside`) has no rule at the break on either
            page. The column rules run on to the edge of each part.
        continued: rows that continue the row before on the next page
            (:meth:`break_inside`).
    """

    rows: list[list[Cell]]
    n_columns: int
    widths: list[float]
    header_rows: int = 0
    repeat_header: bool | tuple[int, ...] = False
    breaks: set[int] = attrs.field(factory=set)
    open_breaks: bool = False
    continued: set[int] = attrs.field(factory=set)

    def row_with(self, label: str) -> int:
        """The index of the row a cell of which reads ``label``."""
        for index, row in enumerate(self.rows):
            if any(_squash(cell.text) == _squash(label) for cell in row):
                return index
        raise AssertionError(f"no row reads {label!r}")

    def cell(self, label: str) -> Cell:
        """The cell reading ``label``."""
        for row in self.rows:
            for cell in row:
                if _squash(cell.text) == _squash(label):
                    return cell
        raise AssertionError(f"no cell reads {label!r}")

    def break_inside(self, label: str, rest: str) -> None:
        """Break the page inside the row labelled ``label``: the label's end ``rest``
        goes on top of the next page, alone in a row of empty cells (Word breaking a row
        across pages); its figures stay on the page before."""
        index = self.row_with(label)
        places = _places(self)
        row = self.rows[index]
        label_cell = next(c for c in row if _squash(c.text) == _squash(label))
        label_column = places[id(label_cell)][1]
        for cells in self.rows[: index + 1]:
            for cell in cells:
                r, c = places[id(cell)]
                if r <= index < r + cell.rowspan and (
                    r + cell.rowspan > index + 1 or c < label_column
                ):
                    cell.rowspan += 1
        new = [
            Cell(rest if cell is label_cell else "", colspan=cell.colspan)
            for cell in row
            if places[id(cell)][1] >= label_column and (cell.rowspan == 1 or cell is label_cell)
        ]
        label_cell.text = label_cell.text[: len(label_cell.text) - len(rest)]
        self.rows.insert(index + 1, new)
        self.breaks = {b + 1 if b > index else b for b in self.breaks} | {index + 1}
        self.continued = {c + 1 if c > index else c for c in self.continued} | {index + 1}

    def single_row(self, group: str, label: str, figures: Sequence[str]) -> None:
        """Print the group of rows under ``group`` as the one row ``label`` (2019's
        （六）其他处理 in a 2021 report), with ``figures``."""
        places = _places(self)
        head = self.cell(group)
        start = places[id(head)][0]
        count = head.rowspan
        for cells in self.rows[:start]:
            for cell in cells:
                r, _ = places[id(cell)]
                if r + cell.rowspan > start:
                    cell.rowspan -= count - 1
        widths = [c.colspan for c in self.rows[start][2:]]
        self.rows[start : start + count] = [
            [
                Cell(label, colspan=2),
                *(Cell(f, colspan=w) for f, w in zip(figures, widths, strict=True)),
            ]
        ]


def _repeated(grid: Grid) -> list[int]:
    """The header rows printed again on later pages."""
    if grid.repeat_header is True:
        return list(range(grid.header_rows))
    if grid.repeat_header is False:
        return []
    return list(grid.repeat_header)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _places(grid: Grid) -> dict[int, tuple[int, int]]:
    """(row, column) of every cell, by the HTML table model."""
    taken: set[tuple[int, int]] = set()
    out: dict[int, tuple[int, int]] = {}
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            out[id(cell)] = (r, c)
            c += cell.colspan
    return out


#: Column widths (points) of tables 二, 三 and 四, by the number of grid columns.
_WIDTHS: dict[int, list[float]] = {
    4: [143.0, 114.0, 107.0, 107.0],
    10: [36.0, 56.0, 140.0, *([34.0] * 7)],
    15: [31.4] * 15,
}


def grid_of(layout: TableLayout) -> Grid:
    """A table of the template (see :mod:`govdisclosure.render`) as a :class:`Grid`."""
    rows = [[Cell(c.text, c.rowspan, c.colspan) for c in row] for row in layout.rows]
    widths = _WIDTHS.get(layout.n_columns) or [(RIGHT - LEFT) / layout.n_columns] * layout.n_columns
    return Grid(rows, layout.n_columns, list(widths), header_rows=layout.header_rows)


def report_flow(report: AnnualReport) -> list[Para | Grid | PageBreak]:
    """``report`` as a flow of paragraphs and tables, in the template's order."""
    flow: list[Para | Grid | PageBreak] = [Para(title_of(report)[0], 16.0, centred=True)]
    for block in report_blocks(report):
        if isinstance(block, Heading):
            flow.append(Para(block.section.label(), 12.0))
        elif isinstance(block, Text):
            flow.extend(Para(line) for line in block.text.split("\n") if line.strip())
        elif isinstance(block, Table):
            flow.append(grid_of(block.layout))
    return flow


def tables(flow: Iterable[object]) -> list[Grid]:
    """The tables of a flow, in order (二, 三, 四)."""
    return [item for item in flow if isinstance(item, Grid)]


# -- laying out ---------------------------------------------------------------------------


class _Page:
    def __init__(self, number: int) -> None:
        self.number = number
        self.texts: list[tuple[float, float, str, float]] = []  # x, top, text, size
        self.lines: set[tuple[float, float, float, float]] = set()

    def text(self, x: float, top: float, text: str, size: float) -> None:
        if len(text.strip()) == 1:
            # PDFium leaves a text object of one character out of the page's text when
            # the font has no glyph for it (no font program is embedded): a space keeps it.
            text += " "
        if text:
            self.texts.append((x, top, text, size))

    def rect(self, x0: float, top: float, x1: float, bottom: float) -> None:
        for edge in (
            (x0, top, x1, top),
            (x0, bottom, x1, bottom),
            (x0, top, x0, bottom),
            (x1, top, x1, bottom),
        ):
            self.lines.add(tuple(round(v, 2) for v in edge))  # type: ignore[arg-type]


class _Layout:
    def __init__(self, footer: bool, running_header: str | None) -> None:
        self.pages: list[_Page] = []
        self.footer = footer
        self.running_header = running_header
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        page = _Page(len(self.pages) + 1)
        if self.footer:
            label = f"- {page.number} -"
            width = sum(advance(ch, 10.0) for ch in label)
            page.text((WIDTH - width) / 2, FOOTER, label, 10.0)
        self.pages.append(page)
        self.y = TOP

    def running(self, header: str | None, footer: str | None) -> None:
        """Print ``header`` at the head and ``footer`` at the foot of every page, with
        ``{page}`` and ``{pages}`` filled in."""
        count = len(self.pages)
        for page in self.pages:
            if header:
                page.text(LEFT, 40.0, header.format(page=page.number, pages=count), 9.0)
            if footer:
                page.text(LEFT, FOOTER + 14.0, footer.format(page=page.number, pages=count), 9.0)

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def para(self, para: Para) -> None:
        leading = para.size * 1.6
        for line in wrap(para.text, RIGHT - LEFT, para.size):
            if self.y + leading > BOTTOM:
                self.new_page()
            x = LEFT
            if para.centred:
                x = (WIDTH - sum(advance(ch, para.size) for ch in line)) / 2
            self.page.text(x, self.y, line, para.size)
            self.y += leading

    def grid(self, grid: Grid) -> None:
        places = _places(grid)
        cells = [(cell, *places[id(cell)]) for row in grid.rows for cell in row]
        xs = [LEFT]
        for width in grid.widths:
            xs.append(xs[-1] + width)
        lines = {
            id(c): wrap(c.text, xs[col + c.colspan] - xs[col] - 2 * PAD, CELL_SIZE)
            for c, _, col in cells
        }
        heights = [CELL_LEADING + 2 * PAD] * len(grid.rows)
        for cell, r, _ in cells:
            if cell.rowspan == 1:
                heights[r] = max(heights[r], len(lines[id(cell)]) * CELL_LEADING + 2 * PAD)
        for cell, r, _ in cells:
            need = len(lines[id(cell)]) * CELL_LEADING + 2 * PAD
            have = sum(heights[r : r + cell.rowspan])
            if cell.rowspan > 1 and need > have:
                heights[r + cell.rowspan - 1] += need - have
        # Rows on each page: (page index, row index, top) in order; header copies too.
        placed: list[tuple[int, int, float]] = []
        header = _repeated(grid)
        self.y += 6
        for r in range(len(grid.rows)):
            if r in grid.breaks or self.y + heights[r] > BOTTOM:
                self.new_page()
                if grid.repeat_header and r >= grid.header_rows:
                    for h in header:
                        placed.append((len(self.pages) - 1, -1 - h, self.y))
                        self.y += heights[h]
            placed.append((len(self.pages) - 1, r, self.y))
            self.y += heights[r]
        self.y += 12
        self._draw(grid, cells, lines, heights, placed, xs)
        if grid.open_breaks:
            self._open(grid, placed, heights, xs)

    def _open(
        self,
        grid: Grid,
        placed: list[tuple[int, int, float]],
        heights: list[float],
        xs: list[float],
    ) -> None:
        """Take out the rules a browser does not draw at the table's page breaks."""
        first_page = placed[0][0]
        tops: dict[int, float] = {}
        last: dict[int, tuple[int, float]] = {}  # page → (row, bottom) of its last row
        for p, r, y in placed:
            tops.setdefault(p, y)
            last[p] = (r, y + heights[r] if r >= 0 else y)
        for p, top in tops.items():
            if p == first_page:
                continue
            page = self.pages[p]
            page.lines = {ln for ln in page.lines if not (ln[1] == ln[3] == round(top, 2))}
            first_row = next(r for q, r, _ in placed if q == p)
            if first_row in grid.continued and p - 1 in last:
                # The row broken across the pages: no rule at the foot of the page before.
                bottom = round(last[p - 1][1], 2)
                before = self.pages[p - 1]
                before.lines = {ln for ln in before.lines if not (ln[1] == ln[3] == bottom)}

    def _draw(
        self,
        grid: Grid,
        cells: list[tuple[Cell, int, int]],
        lines: dict[int, list[str]],
        heights: list[float],
        placed: list[tuple[int, int, float]],
        xs: list[float],
    ) -> None:
        top_of = {(p, r): y for p, r, y in placed}
        pages_of_row: dict[int, list[int]] = {}
        for p, r, _ in placed:
            pages_of_row.setdefault(r, []).append(p)
        for cell, r, c in cells:
            x0, x1 = xs[c], xs[c + cell.colspan]
            parts: list[tuple[int, float, float]] = []  # page, top, bottom
            for row in range(r, r + cell.rowspan):
                for p in pages_of_row.get(row, []):
                    top = top_of[(p, row)]
                    if parts and parts[-1][0] == p:
                        parts[-1] = (p, parts[-1][1], top + heights[row])
                    else:
                        parts.append((p, top, top + heights[row]))
            self._cell(cell, lines[id(cell)], parts, x0, x1)
            if r in _repeated(grid):
                # The header printed again on top of later pages (the rows repeated).
                repeated = [h for h in range(r, r + cell.rowspan) if h in _repeated(grid)]
                span = sum(heights[h] for h in repeated)
                for p, row, top in placed:
                    if row == -1 - r:
                        self._cell(cell, lines[id(cell)], [(p, top, top + span)], x0, x1)

    def _cell(
        self,
        cell: Cell,
        text: list[str],
        parts: list[tuple[int, float, float]],
        x0: float,
        x1: float,
    ) -> None:
        """Draw a cell in its parts (one per page); its lines flow from part to part."""
        queue = [line for line in text if line] if cell.text else []
        for index, (p, top, bottom) in enumerate(parts):
            page = self.pages[p]
            page.rect(x0, top, x1, bottom)
            room = max(1, int((bottom - top - 2 * PAD) // CELL_LEADING))
            if index == len(parts) - 1:
                room = len(queue)
            here, queue = queue[:room], queue[room:]
            for i, line in enumerate(here):
                page.text(x0 + PAD, top + PAD + i * CELL_LEADING, line, CELL_SIZE)


def layout(
    flow: Sequence[Para | Grid | PageBreak],
    *,
    footer: bool = True,
    running_header: str | None = None,
    running_footer: str | None = None,
) -> list[_Page]:
    """The pages of ``flow``: A4, a page number at the foot of each (``footer``), and
    the running header and footer given on every page (``{page}`` and ``{pages}`` filled
    in, as a browser prints the date and title above and the address and ``2/8`` below)."""
    pages = _Layout(footer, running_header)
    for item in flow:
        if isinstance(item, Para):
            pages.para(item)
        elif isinstance(item, Grid):
            pages.grid(item)
        else:
            pages.new_page()
    pages.running(running_header, running_footer)
    return pages.pages


# -- writing ------------------------------------------------------------------------------


def write(
    flow: Sequence[Para | Grid | PageBreak],
    *,
    footer: bool = True,
    running_header: str | None = None,
    running_footer: str | None = None,
) -> bytes:
    """``flow`` laid out and written as a PDF (see :func:`layout`)."""
    pages = layout(
        flow, footer=footer, running_header=running_header, running_footer=running_footer
    )
    chars = sorted({ch for page in pages for _, _, text, _ in page.texts for ch in text})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: str = "") -> bytes:
        packed = zlib.compress(data)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode()
        return head + packed + b"\nendstream"

    catalog = add(b"")
    pages_id = add(b"")
    to_unicode = add(stream(_cmap(code).encode("ascii")))
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] "
        b"/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>"
    )
    widths = " ".join(str(int(advance(ch, 1000))) for ch in chars)
    cid_font = add(
        (
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /DW 1000 "
            f"/W [1 [{widths}]] >>"
        ).encode()
    )
    font = add(
        (
            "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
            f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
        ).encode()
    )
    kids: list[int] = []
    for page in pages:
        ops: list[str] = ["0.5 w"]
        for x0, t0, x1, t1 in sorted(page.lines):
            ops.append(f"{x0:.2f} {HEIGHT - t0:.2f} m {x1:.2f} {HEIGHT - t1:.2f} l S")
        for x, top, text, size in page.texts:
            hexed = "".join(f"{code[ch]:04X}" for ch in text)
            baseline = HEIGHT - top - size * 0.86
            ops.append(f"BT /F1 {size:g} Tf {x:.2f} {baseline:.2f} Td <{hexed}> Tj ET")
        content = add(stream("\n".join(ops).encode("ascii")))
        kids.append(
            add(
                (
                    f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {WIDTH:g} {HEIGHT:g}] "
                    f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
                ).encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    refs = " ".join(f"{kid} 0 R" for kid in kids)
    objects[pages_id - 1] = f"<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _cmap(code: dict[str, int]) -> str:
    """A ToUnicode CMap from two-byte codes to the characters."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    items = sorted(code.items(), key=lambda kv: kv[1])
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for char, number in chunk:
            utf16 = char.encode("utf-16-be").hex().upper()
            lines.append(f"<{number:04X}> <{utf16}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)
