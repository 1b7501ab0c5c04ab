"""The text front-end: plain text as a :class:`~govdisclosure.parsers.Document`.

Three shapes of text reach users, and one reader serves them all:

* text copied out of Word or WPS: a table arrives one cell per line, each line led by a
  tab, a blank line between rows, a cell's own line break continuing on an unindented line.
  Those lines become a :class:`Table` (cells in reading order, one row per blank-separated
  group), so the assembler reads them cell by cell;
* text extracted from a PDF: labels wrapped over lines, page numbers (``- 4 -``) between
  lines. Every line is a :class:`TextBlock`; the assembler folds the wrapped lines and
  sets page numbers aside;
* text dumps written by site crawlers: a ``key: value`` header, a ``=== 正文 ===`` line, the
  page's body on one line with table cells run together. The header's title becomes
  :attr:`Document.title`; every line stays a block.

Nothing is dropped: every line is a block or a cell, blank lines included (a run of blank
lines is one block, its lines joined with ``"\\n"``, so that a text padded with blank
lines costs what its text costs). Line numbers are 1-based and count ``\\n``,
``\\r\\n`` and ``\\r`` line ends, as editors do.

Work grows with the lines that hold text: over ``limits.max_elements`` of them the text
is refused (:class:`~govdisclosure.LimitExceededError`) before they are split apart, and
the reading loops look at the clock (``limits.max_seconds``).
"""

from __future__ import annotations

import codecs
import re

import attrs

from ..._limits import DEFAULT_LIMITS, Limits
from ...exceptions import LimitExceededError, ParseError
from ...model import SourceSpan
from ...model._variants import CRAWLER_TITLE_KEYS
from .._clock import Deadline, deadline
from .._document import Block, Document, Table, TableCell, TextBlock
from .._notes import ENCODING_GUESSED
from .._patterns import BODY_MARKER
from ._common import check_size
from ._markdown import (
    atx_heading,
    bar_cells,
    front_matter,
    is_delimiter_row,
    pipe_cells,
    unescape,
)
from ._records import positional

#: ``SourceSpan(...)`` by position, without a keyword call per field.
_new_span = positional(SourceSpan)

__all__ = ["decode_text", "read_text"]

_LINE_END = re.compile(r"\r\n|\r")
# A run of blank lines (white space only; a tab makes a table cell): matched at line
# starts only, so the search runs in C over the text.
_BLANK_RUN = re.compile(r"^[^\S\t]*$", re.MULTILINE)
_TITLE_KEY = "|".join(re.escape(k) for k in CRAWLER_TITLE_KEYS)
_HEADER_TITLE = re.compile(rf"^\s*(?:{_TITLE_KEY})\s*[:：]\s*(?P<value>\S.*?)\s*$")
# A cell whose text can wrap onto an unindented line: a label (not a number), no sentence end.
_WRAPS = re.compile(r"[^\d\s.,+\-/%]")
_SENTENCE_END = re.compile(r"[。！？!?]")
_MAX_HEADER_LINES = 40
#: The most lines of text one cell closed by a bar on its own line spans (a label of the
#: template wraps over two or three).
_MAX_CELL_LINES = 3
# A cell that is a figure (what a table of the report holds and a page's lines do not).
_FIGURE_CELL = re.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?")
_SENTENCE_ENDS = frozenset("。！？!?")
#: ``#`` headings that make a text without front matter or pipe tables Markdown.
_MARKDOWN_HEADINGS = 2


def decode_text(data: bytes, *, name: str | None = None) -> tuple[str, tuple[str, str, str] | None]:
    """``data`` as text, and a note when the encoding had to be guessed.

    A byte-order mark decides; otherwise UTF-8, then GB18030 (a superset of GBK and
    GB2312, the encodings of most Chinese government sites) with a note saying so.

    Raises:
        ParseError: the bytes are text in none of these encodings.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise ParseError(
            f"无法读取文本：既不是 UTF-8 也不是 GB18030/GBK 编码（第 {error.start} 字节）",
            f"cannot read the text: neither UTF-8 nor GB18030/GBK (byte {error.start})",
            where=name,
            reason="unreadable",
        ) from None
    note = (
        ENCODING_GUESSED,
        "文本不是 UTF-8 编码，已按 GB18030（兼容 GBK）读取",
        "the text is not UTF-8; it was read as GB18030 (a superset of GBK)",
    )
    return text, note


def read_text(
    data: str | bytes, *, name: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Read plain text into a :class:`Document` (see the module documentation).

    Raises:
        LimitExceededError: the text is larger than ``limits.max_bytes``, has more
            lines holding text than ``limits.max_elements``, holds more table cells than
            ``limits.max_cells``, or takes longer than ``limits.max_seconds``.
        ParseError: bytes that are not text in UTF-8 or GB18030.
    """
    clock = deadline(limits, name)
    notes: list[tuple[str, str, str]] = []
    if isinstance(data, bytes):
        check_size(len(data), limits, name)
        text, note = decode_text(data, name=name)
        if note is not None:
            notes.append(note)
    else:
        text = data
        check_size(len(text.encode("utf-8", "surrogatepass")), limits, name)
    if "\r" in text:  # \r\n and \r end lines too: one line end, as \n
        text = _LINE_END.sub("\n", text)
    lines, numbers = _lines(text, limits, name)
    clock.check()
    title = _crawler_title(lines)
    front = front_matter(lines)
    metadata, start = front if front is not None else ([], 0)
    markdown = front is not None or _looks_like_markdown(lines)
    blocks = _blocks(lines, numbers, limits, name, clock, start=start, markdown=markdown)
    return Document(
        format="text",
        blocks=blocks,
        name=name,
        title=title,
        notes=tuple(notes),
        metadata=tuple(metadata),
    )


def _lines(text: str, limits: Limits, name: str | None) -> tuple[list[str], list[int]]:
    """The text's lines, a run of blank lines as one entry (its lines joined with
    ``"\\n"``), and the line number each entry starts on.

    Blank runs are found by a regular expression (in C); only lines holding text are
    split apart, and only after their count is checked against ``limits.max_elements``.
    """
    lines: list[str] = []
    numbers: list[int] = []
    number = 1  # the line the next entry starts on
    held = 0  # lines holding text so far
    position = 0

    def add_text(segment: str) -> None:
        nonlocal number, held
        count = segment.count("\n") + 1
        held += count
        if held > limits.max_elements:
            raise LimitExceededError(
                f"文本中有文字的行超过上限 max_elements={limits.max_elements}",
                f"more lines holding text than max_elements={limits.max_elements}",
                where=f"{name or '<text>'}:{number + count - (held - limits.max_elements)}",
                limit="max_elements",
                value=held,
                maximum=limits.max_elements,
            )
        for line in segment.split("\n"):
            lines.append(line)
            numbers.append(number)
            number += 1

    for match in _BLANK_RUN.finditer(text):
        start = match.start()
        if start < position:
            continue  # the empty match just after a run, on the run's own line end
        if start > position:
            add_text(text[position : start - 1])  # up to the line end before the run
        run = match.group()
        lines.append(run)
        numbers.append(number)
        number += run.count("\n") + 1
        position = match.end() + 1  # past the line end after the run
    if position <= len(text) and (position < len(text) or not lines):
        add_text(text[position:])
    return lines, numbers


def _crawler_title(lines: list[str]) -> str | None:
    """The title a crawler's header states, if the text has such a header."""
    head = lines[:_MAX_HEADER_LINES]
    if not any(BODY_MARKER.match(line) for line in head):
        return None
    for line in head:
        if BODY_MARKER.match(line):
            break
        match = _HEADER_TITLE.match(line)
        if match:
            return match.group("value")
    return None


def _is_table_line(line: str) -> bool:
    # A tab-led line is a cell (a lone tab is an empty one); a tab between words separates
    # cells. A tab trailing prose is not a table, nor a paragraph indented by a tab: a
    # single "cell" ending a sentence (no label of the template does).
    if "\t" not in line.rstrip() and not line.startswith("\t"):
        return False
    core = line.strip()
    return not (line.count("\t") == 1 and core and core[-1] in _SENTENCE_ENDS)


def _is_blank(line: str) -> bool:
    return not line.strip() and "\t" not in line


def _cells_of(line: str) -> list[str]:
    pieces = line.split("\t")
    return pieces[1:] if line.startswith("\t") else pieces


class _TableBuilder:
    """Collects the cells of one tab-indented table, row by row."""

    def __init__(self, index: int, first_line: int, *, on_grid: bool = False) -> None:
        self.index = index
        self.first_line = first_line
        self.last_line = first_line
        self.rows: list[list[tuple[str, int, int]]] = [[]]  # (text, line, end_line)
        #: Tab-separated cells are a row's cells in order; pipe-table cells are a grid.
        self.on_grid = on_grid

    def add_row(self, cells: list[tuple[str, int]]) -> None:
        """One row of cells, each with the number of its line."""
        self.rows[-1] = [(text, number, number) for text, number in cells]
        self.rows.append([])
        self.last_line = max((number for _, number in cells), default=self.last_line)

    def add_cells(self, cells: list[str], number: int) -> None:
        """One row of a pipe table, all on line ``number`` (a row of no cells too)."""
        self.add_row([(text, number) for text in cells])
        self.last_line = number

    def add_line(self, line: str, number: int) -> int:
        """One line of tab-separated cells; how many cells it held."""
        cells = _cells_of(line)
        self.rows[-1].extend((piece, number, number) for piece in cells)
        self.last_line = number
        return len(cells)

    def continue_cell(self, line: str, number: int) -> None:
        text, start, _ = self.rows[-1][-1]
        self.rows[-1][-1] = (f"{text}\n{line}", start, number)
        self.last_line = number

    def end_row(self) -> None:
        if self.rows[-1]:
            self.rows.append([])

    def last_cell_wraps(self) -> bool:
        if not self.rows[-1]:
            return False
        text = self.rows[-1][-1][0]
        return bool(_WRAPS.search(text)) and not _SENTENCE_END.search(text)

    def build(self) -> Table:
        rows = [row for row in self.rows if row]
        cells: list[TableCell] = []
        for r, row in enumerate(rows):
            for c, (text, line, end_line) in enumerate(row):
                # SourceSpan(line, end_line, table, row, column, page, bbox)
                span = _new_span(
                    line,
                    end_line if end_line != line else None,
                    self.index,
                    r + 1,
                    c + 1,
                    None,
                    None,
                )
                cells.append(TableCell(text=text, row=r, column=c, span=span))
        return Table(
            index=self.index,
            cells=tuple(cells),
            n_rows=len(rows),
            n_columns=max((len(row) for row in rows), default=0),
            span=SourceSpan(line=self.first_line, end_line=self.last_line),
            on_grid=self.on_grid,
        )


def _blocks(
    lines: list[str],
    numbers: list[int],
    limits: Limits,
    name: str | None,
    clock: Deadline,
    *,
    start: int = 0,
    markdown: bool = False,
) -> tuple[Block, ...]:
    blocks: list[Block] = []
    table: _TableBuilder | None = None
    n_cells = 0
    n_tables = 0
    count = len(lines)
    tabled = [_is_table_line(line) for line in lines]
    unclosed = 0  # lines before this start no table of cells closed by bars alone
    resumes = _resumes(lines, tabled)
    clock.check()
    skip = start

    def add_rows(rows: list[tuple[int, list[str]]], *, on_grid: bool) -> int:
        """Table ``n_tables`` of ``rows`` (each its offset from line ``i`` and its cells)
        added to the blocks; the cells read so far."""
        read = n_cells
        builder = _TableBuilder(n_tables, number, on_grid=on_grid)
        for offset, cells in rows:
            read += len(cells)
            _check_cells(read, limits, name, numbers[i + offset])
            builder.add_cells(cells, numbers[i + offset])
        blocks.append(builder.build())
        return read

    for i, line in enumerate(lines):
        if i < skip:
            continue
        clock.tick()
        number = numbers[i]
        if table is not None:
            if tabled[i]:
                n_cells += table.add_line(line, number)
                _check_cells(n_cells, limits, name, number)
                continue
            if _is_blank(line) and resumes[i]:
                table.end_row()
                continue
            if (
                line.strip()
                and tabled[i - 1]
                and table.last_cell_wraps()
                and not _SENTENCE_END.search(line)
                and (i + 1 >= count or tabled[i + 1] or _is_blank(lines[i + 1]))
            ):
                table.continue_cell(line, number)
                continue
            blocks.append(table.build())
            table = None
        if "|" in line:
            rows = _pipe_table(lines, i)
            bars = None if rows else _bar_table(lines, i)
            if rows:
                n_tables += 1
                n_cells = add_rows(rows, on_grid=True)
                # Past the last row, and at least past the delimiter row (syntax, not
                # text), which a table of a header row alone ends with.
                skip = i + max(rows[-1][0], 1) + 1
                continue
            if bars:
                n_tables += 1
                # A cell a line, or merged cells written once: no grid to place by.
                pipe = _TableBuilder(n_tables, number, on_grid=False)
                for row in bars.rows:
                    n_cells += len(row)
                    _check_cells(n_cells, limits, name, numbers[i + row[0][1]])
                    pipe.add_row([(text, numbers[i + offset]) for text, offset in row])
                blocks.append(pipe.build())
                skip = i + bars.lines
                continue
        elif i >= unclosed and i + 1 < count and _is_closing_bar(lines[i + 1]):
            closed, last = _closed_cells(lines, i)
            if closed is None:  # read no run within it again (each line is read once)
                unclosed = i + last + 1
            else:
                n_tables += 1
                n_cells = add_rows(closed, on_grid=False)
                skip = i + last + 1
                continue
        if tabled[i] and line.strip():
            n_tables += 1
            table = _TableBuilder(n_tables, number)
            n_cells += table.add_line(line, number)
            _check_cells(n_cells, limits, name, number)
            continue
        if "\n" in line:  # a run of blank lines
            last = number + line.count("\n")
            blocks.append(TextBlock(text=line, span=SourceSpan(line=number, end_line=last)))
        elif markdown:
            blocks.append(_markdown_block(line, number))
        else:
            blocks.append(TextBlock(text=line, span=SourceSpan(line=number)))
    if table is not None:
        blocks.append(table.build())
    return tuple(blocks)


def _check_cells(n_cells: int, limits: Limits, name: str | None, number: int) -> None:
    """Refuse a text whose tables hold more than ``limits.max_cells`` cells, counted up
    to and including line ``number``."""
    if n_cells > limits.max_cells:
        raise LimitExceededError(
            f"表格单元格超过上限 max_cells={limits.max_cells}",
            f"more table cells than max_cells={limits.max_cells}",
            where=f"{name or '<text>'}:{number}",
            limit="max_cells",
            value=n_cells,
            maximum=limits.max_cells,
        )


def _markdown_block(line: str, number: int) -> TextBlock:
    span = SourceSpan(line=number)
    heading = atx_heading(line)
    if heading is not None:
        level, text = heading
        return TextBlock(text=unescape(text), span=span, heading=level)
    return TextBlock(text=unescape(line), span=span)


def _pipe_table(lines: list[str], i: int) -> list[tuple[int, list[str]]] | None:
    """The rows of the pipe table starting at ``lines[i]`` as ``(offset, cells)`` (the
    delimiter row left out), or ``None`` if no pipe table starts there."""
    if i + 1 >= len(lines) or not is_delimiter_row(lines[i + 1]):
        return None
    header = pipe_cells(lines[i])
    delimiter = pipe_cells(lines[i + 1])
    if not header or delimiter is None or len(header) != len(delimiter):
        return None
    rows = [(0, header)]
    for offset in range(2, len(lines) - i):
        line = lines[i + offset]
        if not line.strip():
            break
        cells = pipe_cells(line)
        if cells is None:
            break
        rows.append((offset, cells))
    return rows


@attrs.frozen
class _Bars:
    """A table a converter wrote with each cell closed by a bar: its rows, each a list of
    ``(text, offset of its line)``, and how many lines it takes."""

    rows: list[list[tuple[str, int]]]
    lines: int


def _bar_table(lines: list[str], i: int) -> _Bars | None:
    """The table written without a delimiter row, each cell closed by ``|`` (see
    :func:`bar_cells`), starting at ``lines[i]``: two lines or more that end with ``|``,
    up to the first that does not; ``None`` if none starts there.

    A row a line (``规章 | 0 | 0 | 0 |``) gives its rows as written. A cell a line
    (``规章 |``; an empty cell ``|``) gives no rows: the converter pads a row shorter than
    the table with a line of as many bars as it lacks cells (:func:`_is_padding`), so the
    table's width is the cells of a padded row and its padding, and a row ends at its
    padding or when it holds that many cells. A lone ``|`` where a row lacks one cell
    may be its last cell, empty, or its padding: it is taken for the padding, so that a
    row one cell short is read as short (its figures placed by the table's identities,
    or left unread), never with its cells moved along.
    """
    first = bar_cells(lines[i])
    if first is None or i + 1 >= len(lines) or bar_cells(lines[i + 1]) is None:
        return None
    found: list[tuple[int, list[str], bool]] = []  # offset, cells, padding
    for offset in range(len(lines) - i):
        line = lines[i + offset]
        cells = first if offset == 0 else bar_cells(line)
        if cells is None:
            break
        found.append((offset, cells, _is_padding(line)))
    if any(len(cells) > 1 and not padding for _, cells, padding in found):
        rows = [
            [(text, offset) for text in cells] for offset, cells, padding in found if not padding
        ]
        return _Bars(rows=rows, lines=len(found))
    return _Bars(rows=_cell_rows(found), lines=len(found))


def _cell_rows(found: list[tuple[int, list[str], bool]]) -> list[list[tuple[str, int]]]:
    """The rows of a table written a cell a line (see :func:`_bar_table`)."""
    widths: dict[int, int] = {}
    count = 0
    for _, cells, padding in found:
        if padding:
            width = count + len(cells) + 1  # "||" pads two cells: bar_cells gives one
            widths[width] = widths.get(width, 0) + 1
            count = 0
        else:
            count += 1
    if not widths:  # no padding: no width to end rows by; a cell is a row
        return [[(cells[0], offset)] for offset, cells, padding in found if not padding]
    width = max(widths, key=lambda w: (widths[w], w))
    rows: list[list[tuple[str, int]]] = []
    row: list[tuple[str, int]] = []
    for offset, cells, padding in found:
        lone_bar = not cells[0] and not padding
        if padding or (lone_bar and len(row) == width - 1):
            if row:
                rows.append(row)
            row = []
            continue
        row.append((cells[0], offset))
        if len(row) == width:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return rows


def _is_closing_bar(line: str) -> bool:
    """Whether ``line`` is a bar alone: what closes the cell on the lines above it where
    a converter writes a cell's text and its bar on lines of their own."""
    return line.strip() == "|"


def _closed_cells(lines: list[str], i: int) -> tuple[list[tuple[int, list[str]]] | None, int]:
    """The cells of a table whose every cell is closed by a bar on a line of its own
    (``规章``, ``|``, ``0``, ``|``), starting at ``lines[i]``, as rows of one cell each
    (``(offset, [text])``; a cell's text over several lines is joined by ``"\\n"``), and
    the offset of its last bar. The table ends before text that no bar closes: a blank
    line, a line holding a bar among text, a sentence (a cell of the template is none),
    or more than :data:`_MAX_CELL_LINES` lines. The rows are ``None`` unless two cells or
    more are closed so, one of them a figure (no run starting within the last bar's
    offset is a table then either: the caller looks no further there)."""
    rows: list[tuple[int, list[str]]] = []
    pending: list[str] = []
    start = 0
    last = 0
    for offset in range(len(lines) - i):
        text = lines[i + offset].strip()
        if text == "|":
            rows.append((start if pending else offset, ["\n".join(pending)]))
            pending = []
            last = offset
            continue
        if not text or "|" in text or len(pending) >= _MAX_CELL_LINES or _SENTENCE_END.search(text):
            break
        if not pending:
            start = offset
        pending.append(text)
    if len(rows) < 2 or not any(_FIGURE_CELL.fullmatch(cells[0]) for _, cells in rows):
        return None, last  # no figure: a page's own lines between bars, not a table
    return rows, last


def _is_padding(line: str) -> bool:
    """Whether ``line`` is bars alone, two or more (``||``): what a converter writing a
    cell a line adds after a row shorter than the table, one bar a missing cell. It
    holds no cell: read as empty cells, it would move the next row's cells along."""
    line = line.strip()
    return len(line) >= 2 and not line.strip("|")


def _looks_like_markdown(lines: list[str]) -> bool:
    """Whether text without front matter is Markdown: a pipe table, or ``#`` headings."""
    headings = 0
    for i, line in enumerate(lines):
        if "|" in line and _pipe_table(lines, i):
            return True
        if line.startswith("#") and atx_heading(line) is not None:
            headings += 1
            if headings >= _MARKDOWN_HEADINGS:
                return True
    return False


def _resumes(lines: list[str], tabled: list[bool]) -> list[bool]:
    """For each line: whether the first non-blank line after it is a table line
    (``tabled``: whether each line is one)."""
    out = [False] * len(lines)
    following = False
    for i in range(len(lines) - 1, -1, -1):
        out[i] = following
        if not _is_blank(lines[i]):
            following = tabled[i]
    return out
