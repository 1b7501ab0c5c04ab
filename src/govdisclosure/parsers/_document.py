"""What a front-end produces: a :class:`Document` of text blocks and tables, in order.

This is the contract between the front-ends (HTML, DOCX, PDF, text), which know a file
format, and the assembler, which knows the report format. A front-end keeps every piece
of text it finds, with its position in the source; it does not interpret labels or
numbers. Merged cells are kept once, with their spans, and :meth:`Table.grid` expands them.
"""

from __future__ import annotations

import attrs

from ..model import SourceSpan

__all__ = [
    "FOOTNOTE_MARK",
    "HIDDEN",
    "STRUCK",
    "Block",
    "Document",
    "SetAside",
    "Table",
    "TableCell",
    "TextBlock",
]

#: :attr:`SetAside.reason` of text the source hides (Word's hidden runs; HTML's
#: ``hidden``, ``display:none``, ``visibility:hidden``, ``<noscript>``).
HIDDEN = "hidden in the source"
#: :attr:`SetAside.reason` of struck-through text (HTML ``<del>``, ``<s>``, ``<strike>``;
#: Word's strikethrough): printed, but crossed out.
STRUCK = "struck through"
#: :attr:`SetAside.reason` of a superscript in a table cell (``821<sup>9</sup>``): a
#: footnote mark, not a digit of the figure.
FOOTNOTE_MARK = "footnote mark"


@attrs.frozen(kw_only=True)
class TextBlock:
    """A paragraph (or, for line-oriented sources, a line) of running text.

    Attributes:
        text: the text as found, white space inside kept; line breaks inside one
            paragraph are ``"\\n"``.
        span: where it is in the source (line for text, page and box for PDF, the
            block's index otherwise).
        heading: the heading level (1 to 6) where the source marks the block as a
            heading (HTML ``<h1>``…``<h6>``, a Markdown ``#`` line), else 0.
        confidence: for text read by a character recogniser (OCR), how sure it was of
            the least certain character (0 to 1); ``None`` for text the file holds as
            text.
        confidences: for text read by a character recogniser, its confidence in each
            character of ``text``, in order (as many as there are characters; a space
            the reader put between two boxes of text is sure); empty for text the file
            holds as text. The assembler marks a figure of the prose with an unsure
            digit (see ``assemble._stream``).
        furniture: the line is page furniture, not the report's text: a running header
            or footer the page layout repeats at the top or foot of most pages (a page
            number, the organ's name, a browser's date, title and address). Front-ends
            that see pages (PDF, scans) mark them; the assembler keeps them as
            leftovers, out of the prose, the tables and the title.
    """

    text: str
    span: SourceSpan
    heading: int = 0
    confidence: float | None = None
    confidences: tuple[float, ...] = ()
    furniture: bool = False


@attrs.frozen(kw_only=True)
class TableCell:
    """One cell of a table, at its top-left position in the table's grid.

    Attributes:
        text: the cell's text; line breaks inside the cell are ``"\\n"``. Blank cells
            (``&nbsp;``, empty) have ``""``.
        row: 0-based row of the cell's top edge in the table grid.
        column: 0-based column of the cell's left edge in the table grid.
        rowspan: rows the cell covers (1 if not merged).
        colspan: columns the cell covers (1 if not merged).
        span: where the cell is in the source (for HTML/DOCX: table, row, column, 1-based;
            for PDF: page and bbox as well).
        clipped: the cell is cut by the edge of the page (a PDF table printed wider than
            its page): text drawn beyond the edge may be missing from the file, so a
            blank clipped cell may have held a value.
        confidence: for a cell read by a character recogniser (OCR), how sure it was of
            the cell's least certain character (0 to 1; 0 where it saw marks it could
            not read at all); ``None`` for a cell the file holds as text, or an empty
            one. The assembler leaves a cell it was unsure of unread unless the table's
            identities confirm the reading.
    """

    text: str
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    span: SourceSpan
    clipped: bool = False
    confidence: float | None = None


@attrs.frozen(kw_only=True)
class Table:
    """A table: its cells in reading order, on a grid of ``n_rows`` × ``n_columns``.

    Attributes:
        index: 1-based position of the table among the document's tables.
        cells: every cell once, in reading order (row by row, left to right).
        n_rows: rows of the grid.
        n_columns: columns of the grid.
        span: where the table is in the source, if known.
        on_grid: whether each cell's ``column`` is its column on the table's grid, as
            the source states it (HTML, Word, PDF, Markdown pipe tables): the assembler
            then reads a value's column from the header labels above it. Text copied
            out of Word gives each row's cells in order only (``False``).
    """

    index: int
    cells: tuple[TableCell, ...]
    n_rows: int
    n_columns: int
    span: SourceSpan | None = None
    on_grid: bool = True

    def grid(self) -> tuple[tuple[TableCell | None, ...], ...]:
        """The grid with merged cells expanded: each slot holds the cell covering it.

        A merged cell appears in every slot it covers (the same object); a slot that no
        cell covers (ragged rows) is ``None``.
        """
        slots: list[list[TableCell | None]] = [[None] * self.n_columns for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.column, min(cell.column + cell.colspan, self.n_columns)):
                    slots[r][c] = cell
        return tuple(tuple(row) for row in slots)

    def rows(self) -> tuple[tuple[TableCell, ...], ...]:
        """The cells that start on each grid row, left to right (merged cells once)."""
        by_row: list[list[TableCell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            if 0 <= cell.row < self.n_rows:
                by_row[cell.row].append(cell)
        return tuple(tuple(sorted(row, key=lambda c: c.column)) for row in by_row)


Block = TextBlock | Table


@attrs.frozen(kw_only=True)
class SetAside:
    """Text a front-end found but kept out of the blocks: not part of what the page shows
    as its text, yet kept (the assembler makes each a leftover, so nothing is lost).

    Attributes:
        text: the text, as found.
        span: where it is: the cell's span for text inside a table cell, else the line
            (HTML) or paragraph (Word) it is in.
        reason: why it is not text of the block: :data:`HIDDEN`, :data:`STRUCK` or
            :data:`FOOTNOTE_MARK`.
    """

    text: str
    span: SourceSpan | None = None
    reason: str = HIDDEN


@attrs.frozen(kw_only=True)
class Document:
    """A published document as a sequence of text blocks and tables, in reading order.

    Attributes:
        format: ``"html"``, ``"docx"``, ``"pdf"``, ``"image"`` (a page read by OCR) or
            ``"text"``.
        blocks: every text block and table, in reading order. Nothing the front-end read
            is dropped (navigation chrome of a web page included: the assembler decides
            what belongs to the report).
        name: the document's name or path, as given to the parser.
        title: a title the container states (HTML ``<title>``, DOCX core properties),
            if any.
        notes: what the front-end noticed while reading (an encoding guessed, a table
            split across pages joined), as ``(code, message_zh, message_en)``.
        metadata: what the document states about itself, as ``(key, value)`` pairs in
            the order found: the YAML front matter of Markdown, the
            ``<meta name="govdisclosure:…">`` tags of a web page. The assembler reads
            ``title``, ``agency``, ``agency_level``, ``year`` and ``edition``; other
            keys are kept as leftovers.
        set_aside: text kept out of the blocks (hidden, struck through, footnote marks
            in cells), in document order: never read into the report, kept as leftovers.
    """

    format: str
    blocks: tuple[Block, ...]
    name: str | None = None
    title: str | None = None
    notes: tuple[tuple[str, str, str], ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    set_aside: tuple[SetAside, ...] = ()

    def tables(self) -> tuple[Table, ...]:
        """The tables, in order."""
        return tuple(b for b in self.blocks if isinstance(b, Table))
