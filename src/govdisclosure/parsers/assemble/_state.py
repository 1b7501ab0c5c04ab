"""What reading one document accumulates, shared by the assembler's parts.

:class:`State` holds the document's token stream and collects what reading it finds: the
values placed (by JSON pointer) with their source positions, the free texts, the ``GD9xx``
diagnostics and the leftovers. The table reader (:mod:`._tables`), the prose writer
(:mod:`._prose`) and the assembler (:mod:`._assembler`) build on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from ..._limits import Limits
from ...checks import Finding, Location, Rule
from ...exceptions import LimitExceededError
from ...model import Edition, Section, SourceSpan, UnreadCell, UnreadReason
from ...model._cellmap import CellValue
from .._clock import deadline
from .._document import Document, TableCell
from .._result import Leftover
from . import _anchors
from ._split import Budget
from ._stream import CELL, Piece, Stream, Token
from ._uncertain import UNSURE, Unsure

__all__ = ["SEARCH_BUDGET", "TERMINAL", "Place", "Reading", "State", "Where", "width"]

#: Steps all digit-run searches of one document may take together.
SEARCH_BUDGET = 400_000
#: What ends a sentence (and so, in wrapped text, may end a paragraph).
TERMINAL = frozenset("。！？!?；;")
_SECTIONS = tuple(Section)


class Place(NamedTuple):
    """A stretch ``[start, end)`` of the stream text."""

    start: int
    end: int


#: Where a value was read: a position in the stream's text, or a table cell.
Where = int | Piece
#: One way to read a row: its values and where each was read.
Reading = tuple[tuple[CellValue, ...], tuple[Where, ...]]


def width(text: str) -> int:
    """Display width: 2 for a CJK character (3 bytes in UTF-8), 1 for ASCII."""
    return (len(text.encode("utf-8", "surrogatepass")) + len(text)) // 2


class State:
    """A document being read, and what has been found in it so far."""

    # -- set-up and helpers ----------------------------------------------------------

    def __init__(self, document: Document, limits: Limits) -> None:
        self.document = document
        self.limits = limits
        #: The document's time budget, shared with its front-end under parse().
        self.deadline = deadline(limits, document.name)
        self.started = self.deadline.started
        self.stream = Stream(document, self.deadline)
        if self.stream.n_cells > limits.max_cells:
            raise LimitExceededError(
                f"文档有 {self.stream.n_cells} 个表格单元格，超过上限 max_cells={limits.max_cells}",
                f"the document has {self.stream.n_cells} table cells, over the limit "
                f"max_cells={limits.max_cells}",
                where=document.name,
                limit="max_cells",
                value=self.stream.n_cells,
                maximum=limits.max_cells,
            )
        self.diagnostics: list[Finding] = []
        # What the front-end kept out of the text (hidden, struck through, footnote
        # marks) is never read, and never lost.
        self.leftovers: list[Leftover] = [
            Leftover(text=aside.text, span=aside.span, reason=aside.reason)
            for aside in document.set_aside
        ]
        self.values: dict[str, CellValue] = {}
        #: Cells reading could not read, by pointer (the first reason found is kept).
        self.unread: dict[str, UnreadCell] = {}
        self.spans: dict[str, SourceSpan] = {}
        #: Values read from cells a character recogniser was unsure of, by pointer: read
        #: or left unread once the tables are read (:mod:`._uncertain`).
        self.unsure: dict[str, Unsure] = {}
        self.texts: dict[str, str] = {}
        self.budget = Budget(SEARCH_BUDGET)
        #: The anchors of the edition being read (set once the edition is known).
        self.marks = _anchors.anchors(Edition.E2021)
        #: The edition whose table 三 the report prints (set once table 三 is read; it
        #: differs from the edition in a mixed report).
        self.shape: Edition | None = None

    def _tick(self) -> None:
        """Raise :class:`LimitExceededError` if the document's time is spent."""
        self.deadline.check()

    def _diagnose(
        self,
        rule: Rule,
        pointer: str,
        zh: str,
        en: str,
        *,
        span: SourceSpan | None = None,
        actual: str | int | Decimal | None = None,
        related: Iterable[str] = (),
    ) -> None:
        self.diagnostics.append(
            Finding(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=zh,
                message_en=en,
                location=Location(pointer=pointer, span=span),
                related=tuple(Location(pointer=p) for p in related),
                actual=actual,
                origin=rule.origin,
            )
        )

    def _unread(
        self,
        pointers: Iterable[str],
        reason: UnreadReason,
        rule: Rule,
        text: str = "",
    ) -> None:
        """Record the cells at ``pointers`` as unread, explained by ``rule``'s diagnostic."""
        for pointer in pointers:
            if pointer not in self.unread:
                # The whole text: what the document printed is kept, however long.
                self.unread[pointer] = UnreadCell(
                    pointer=pointer, reason=reason, code=rule.code, text=text
                )

    def _leftover(self, start: int, end: int, reason: str) -> bool:
        """Keep ``[start, end)`` aside (per token); whether it held any text."""
        kept = False
        tick = self.deadline.tick
        for piece in self.stream.pieces(start, end):
            tick()
            text = self.stream.raw(piece.lo, piece.hi)  # kept as read
            if not text.strip():
                continue
            span = (
                piece.token.span
                if piece.token.kind == CELL
                else self.stream.span_of(piece.lo, piece.hi)
            )
            self.leftovers.append(Leftover(text=text.strip(), span=span, reason=reason))
            kept = True
        return kept

    def _span(self, where: Where) -> SourceSpan | None:
        return where.token.span if isinstance(where, Piece) else self.stream.span_at(where)

    def _place(self, base: str, columns: Sequence[str], reading: Reading) -> None:
        values, spans, stream = self.values, self.spans, self.stream
        token_at, span_in = stream.token_at, stream.span_in
        for column, value, where in zip(columns, reading[0], reading[1], strict=True):
            pointer = f"{base}/{column}"
            values[pointer] = value
            if isinstance(where, Piece):
                token: Token | None = where.token
                span = where.token.span
            else:
                token = token_at(where)
                span = span_in(token, where)
            if span is not None:
                spans[pointer] = span
            cell = None if token is None else token.cell  # what _source_cell gives
            if cell is not None and cell.confidence is not None and cell.confidence < UNSURE:
                self.unsure[pointer] = Unsure(value, cell.text.strip(), cell.confidence, span)

    def _source_cell(self, where: Where) -> TableCell | None:
        """The table cell a value was read from, if it was read from one."""
        token = where.token if isinstance(where, Piece) else self.stream.token_at(where)
        return None if token is None else token.cell

    def _row_span(self, base: str, columns: Sequence[str], span: SourceSpan | None) -> None:
        """Cells left blank still point into the document: at their row."""
        if span is not None:
            for column in columns:
                self.spans.setdefault(f"{base}/{column}", span)

    def _window(
        self, headings: dict[Section, Place], section: Section, fallback: int
    ) -> tuple[int, int]:
        """Text positions: from the end of ``section``'s heading (or ``fallback``) to the
        start of the next heading found after it."""
        start = headings[section].end if section in headings else fallback
        order = _SECTIONS.index(section)
        later = [
            h.start for s, h in headings.items() if _SECTIONS.index(s) > order and h.start >= start
        ]
        return start, min(later, default=len(self.stream.text))
