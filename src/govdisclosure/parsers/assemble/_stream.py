"""A :class:`Document` laid out as one string of tokens, for label search and slicing.

Every text block and every table cell (in reading order, merged cells once) becomes a
:class:`Token`; their texts are joined with ``"\\n"`` into :attr:`Stream.text`, whose key
(:class:`~._fold.Folded`) is searched for headings and labels. A stretch between two
labels is cut out of the stream as *pieces* of tokens: for a table cell the cell is a
value; for running text the digits inside must be told apart (see :mod:`._split`).

Text read by a character recogniser (OCR) may hold figures it was unsure of. A figure
with a digit read with less confidence than :data:`~._uncertain.UNSURE` has each of its
digits replaced by ``□`` — the mark a transcriber puts for a character that cannot be
read — in :attr:`Stream.text`, so that nothing downstream (the prose, the title, the
year, a table row read from a line of text) takes it for a figure: no finding about the
report rests on it. The reading is kept (:attr:`Stream.unsure`, :meth:`Stream.raw`) for
the GD920 diagnostic and for leftovers.

Page numbers printed between lines (``- 4 -``, ``第 4 页``) and the lines a front-end
marked as running headers and footers (:attr:`~.._document.TextBlock.furniture`) are set
aside before anything is searched: they would otherwise be read as values inside a table,
spliced into the prose, or taken for the title.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from operator import attrgetter
from typing import NamedTuple

from ...model import SourceSpan
from ...model._variants import PAGE_FURNITURE
from .._clock import Deadline
from .._document import Document, Table, TableCell, TextBlock
from ..frontends._records import positional
from ._fold import Folded, key_of_folded
from ._uncertain import UNSURE

#: ``SourceSpan(...)`` by position (line, end_line, table, row, column, page, bbox).
_new_span = positional(SourceSpan)

__all__ = ["CELL", "TEXT", "UNREADABLE", "Piece", "Stream", "Token", "UnsureFigure"]

TEXT = 0
CELL = 1

_ON, _PAGE = (re.escape(w) for w in PAGE_FURNITURE)
_DASH = "[-－—–]"
_GRID_ORDER = attrgetter("row", "column")
UNREADABLE = "□"
"""What stands for a digit the recogniser was unsure of."""
# A figure: digits, with the separators a number or a date has inside.
_FIGURE = re.compile(r"\d+(?:[.,，．:：/\-]\d+)*")
_PAGE_NUMBER = re.compile(
    rf"^\s*(?:{_DASH}\s*\d{{1,4}}\s*{_DASH}"
    rf"|{_ON}\s*\d{{1,4}}\s*{_PAGE}(?:\s*\S\s*\d{{1,4}}\s*{_PAGE})?)\s*$"
)


def _no_tick() -> None:
    pass


class Token:
    """One text block or table cell, placed in the stream."""

    __slots__ = ("block", "cell", "end", "kind", "lines", "span", "start", "table", "text")

    def __init__(
        self,
        kind: int,
        text: str,
        start: int,
        span: SourceSpan | None,
        table: int | None,
        cell: TableCell | None = None,
        block: TextBlock | None = None,
    ) -> None:
        self.kind = kind
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.span = span
        self.table = table
        #: The table cell (for a cell) or the text block (for text) the token is.
        self.cell = cell
        self.block = block
        #: Whether the text holds line breaks.
        self.lines = "\n" in text


class Piece:
    """The part ``[lo, hi)`` of a token that falls inside a slice of the stream."""

    __slots__ = ("hi", "lo", "token", "whole")

    def __init__(self, token: Token, lo: int, hi: int) -> None:
        self.token = token
        self.lo = lo
        self.hi = hi
        #: Whether the piece is the whole token.
        self.whole = lo == token.start and hi == token.end


class UnsureFigure(NamedTuple):
    """A figure of a text line the recogniser was unsure of: ``[start, end)`` in the
    stream text (where its digits are ``□``), what was read there, and the confidence in
    its least certain character."""

    start: int
    end: int
    text: str
    confidence: float


def _sure(text: str, confidences: tuple[float, ...]) -> tuple[str, list[tuple[int, int, float]]]:
    """``text`` with the digits of each figure holding an unsure character replaced by
    ``□``, and those figures' ``(start, end, confidence)``."""
    if len(confidences) != len(text) or min(confidences, default=1.0) >= UNSURE:
        return text, []
    chars = list(text)
    figures: list[tuple[int, int, float]] = []
    for match in _FIGURE.finditer(text):
        low = min(confidences[match.start() : match.end()])
        if low < UNSURE:
            for i in range(match.start(), match.end()):
                if chars[i].isdigit():
                    chars[i] = UNREADABLE
            figures.append((match.start(), match.end(), low))
    return "".join(chars), figures


class Stream:
    """The document as one string, its key, and the tokens it is made of.

    Attributes:
        text: every token's text joined with ``"\\n"``.
        folded: the key of :attr:`text` with the way back to it.
        key: shortcut for ``folded.key``.
        tokens: the tokens in reading order.
        tables: the document's tables, by :attr:`~._document.Table.index`.
        furniture: text blocks set aside, with why: ``"page number"`` or
            ``"page header/footer"``.
        n_cells: table cells in the document.
    """

    def __init__(self, document: Document, clock: Deadline | None = None) -> None:
        tick = clock.tick if clock is not None else _no_tick
        tokens: list[Token] = []
        furniture: list[tuple[TextBlock, str]] = []
        #: The figures of text lines the recogniser was unsure of (see the module).
        self.unsure: list[UnsureFigure] = []
        tables: dict[int, Table] = {}
        n_cells = 0
        offset = 0  # where the next token starts: one "\n" after the one before
        for block in document.blocks:
            tick()
            if isinstance(block, Table):
                tables.setdefault(block.index, block)
                n_cells += len(block.cells)
                for cell in sorted(block.cells, key=_GRID_ORDER):
                    token = Token(CELL, cell.text, offset, cell.span, block.index, cell)
                    tokens.append(token)
                    offset = token.end + 1
            elif _PAGE_NUMBER.match(block.text):
                furniture.append((block, "page number"))
            elif block.furniture:
                furniture.append((block, "page header/footer"))
            else:
                text, unsure = _sure(block.text, block.confidences)
                for start, end, confidence in unsure:
                    read = block.text[start:end]
                    self.unsure.append(UnsureFigure(offset + start, offset + end, read, confidence))
                token = Token(TEXT, text, offset, block.span, None, None, block)
                tokens.append(token)
                offset = token.end + 1
        self.text = "\n".join([token.text for token in tokens])
        self.folded = Folded(self.text, clock.check if clock is not None else None)
        self.key = self.folded.key
        self.tokens = tokens
        self.tables = tables
        self.furniture = tuple(furniture)
        self.n_cells = n_cells
        # Token starts, for bisection: a compact array (8 bytes a token, not 36).
        self._starts = array("q", [t.start for t in tokens])

    def raw(self, lo: int, hi: int) -> str:
        """The text ``[lo, hi)`` as read, unsure figures included."""
        text = self.text[lo:hi]
        if not self.unsure or UNREADABLE not in text:
            return text
        chars = list(text)
        for figure in self.unsure:
            for i in range(max(lo, figure.start), min(hi, figure.end)):
                chars[i - lo] = figure.text[i - figure.start]
        return "".join(chars)

    # -- folded stretches -----------------------------------------------------------

    def width_folded(self, lo: int, hi: int) -> str:
        """``fold_width(text[lo:hi])``, cut out of the text folded once."""
        return self.folded.width_folded[lo:hi]

    def key_of(self, lo: int, hi: int) -> str:
        """``fold_key(text[lo:hi])``, from the text folded once."""
        return key_of_folded(self.folded.width_folded[lo:hi])

    # -- positions ------------------------------------------------------------------

    def position(self, key_index: int) -> int:
        """The text position of key character ``key_index``."""
        return self.folded.position(key_index)

    def end_position(self, key_end: int) -> int:
        """The text position just after key character ``key_end - 1``."""
        return self.folded.end_position(key_end)

    def key_index(self, position: int) -> int:
        """The key position of the first key character at or after ``position``."""
        return self.folded.key_index(position)

    def token_at(self, position: int) -> Token | None:
        """The token that holds text ``position`` (or the one before a separator)."""
        i = bisect_right(self._starts, position) - 1
        return self.tokens[i] if i >= 0 else None

    def span_at(self, position: int) -> SourceSpan | None:
        """The source position of text ``position``: line and column for text lines."""
        return self.span_in(self.token_at(position), position)

    def span_in(self, token: Token | None, position: int) -> SourceSpan | None:
        """:meth:`span_at` of ``position``, ``token`` being :meth:`token_at` of it."""
        if token is None:
            return None
        span = token.span
        if token.kind == TEXT and span is not None and span.line is not None:
            stop = max(token.start, min(position, token.end))
            if not token.lines:
                # SourceSpan(line, end_line, table, row, column, page, bbox)
                return _new_span(
                    span.line, None, None, None, stop - token.start + 1, span.page, None
                )
            breaks = self.text.count("\n", token.start, stop)
            line_start = self.text.rfind("\n", token.start, stop) + 1 if breaks else token.start
            return _new_span(
                span.line + breaks, None, None, None, stop - line_start + 1, span.page, None
            )
        return span

    def span_of(self, lo: int, hi: int) -> SourceSpan | None:
        """The source position of the stretch ``[lo, hi)``: a line range for text."""
        first = self.token_at(lo)
        last = self.token_at(max(lo, hi - 1))
        if first is None or last is None:
            return None
        if first is last and first.kind == CELL:
            return first.span
        line = self._line_at(first, lo)
        end_line = self._line_at(last, max(lo, hi - 1))
        if line is None or end_line is None:
            return first.span
        return SourceSpan(
            line=line,
            end_line=end_line if end_line != line else None,
            page=first.span.page if first.span is not None else None,
        )

    def _line_at(self, token: Token, position: int) -> int | None:
        """The source line of text ``position`` in ``token`` (as :meth:`span_at` gives it)."""
        span = token.span
        if span is None or span.line is None:
            return None
        if token.kind == TEXT and token.lines:
            stop = max(token.start, min(position, token.end))
            return span.line + self.text.count("\n", token.start, stop)
        return span.line

    # -- slicing --------------------------------------------------------------------

    def _from_to(self, lo: int, hi: int) -> list[Token]:
        """The tokens that start before ``hi`` (starts increase), from the one holding
        ``lo``: those :meth:`tokens_in` looks at."""
        first = max(0, bisect_right(self._starts, lo) - 1)
        return self.tokens[first : bisect_left(self._starts, hi)]

    def tokens_in(self, lo: int, hi: int) -> list[Token]:
        """The tokens that have a part inside ``[lo, hi)`` (an empty one: that starts
        there), whole; :meth:`pieces` cuts them to it."""
        found: list[Token] = []
        if hi <= lo:
            return found
        for token in self._from_to(lo, hi):
            start, end = token.start, token.end
            if start == end:
                if lo <= start:
                    found.append(token)
            elif (start if start > lo else lo) < (end if end < hi else hi):
                found.append(token)
        return found

    def pieces(self, lo: int, hi: int) -> list[Piece]:
        """The parts of tokens inside ``[lo, hi)``, in order (empty cells included)."""
        return [
            Piece(
                token, token.start if token.start > lo else lo, token.end if token.end < hi else hi
            )
            for token in self.tokens_in(lo, hi)
        ]
