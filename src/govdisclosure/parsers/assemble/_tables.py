"""Reading tables 二, 三 and 四: rows by their labels, values by cells or runs of numbers.

A table's rows are found by their labels, in template order, in the stretch of its
section; each row's values are the cells (for tables) or the numbers (for text) between
its label and the next. Labels of the header and the stub between rows are structure;
anything else inside a table is kept aside (GD902). Numbers run together are split only
where the table's identities allow exactly one reading (:mod:`._split`): the row's total,
then for table 三 the column identities (T3-A, T3-B) across rows, for table 四 each block's
total; table 二 has none, so a run there is read only where one reading is possible.

A row with fewer cells than its header has columns does not say where its gap is: its
cells are placed only where those same identities leave one placement (:mod:`._short`),
and otherwise the cells whose column is uncertain are left unread. Rows of table 三 whose
labels the patterns miss are looked for between the rows found (:mod:`._gaps`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container, Iterable, Mapping, Sequence
from functools import cache
from itertools import product

from ...checks._rules import parsing as rules
from ...model import (
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    Edition,
    MoneyUnit,
    ProactiveColumn,
    ProactiveRow,
    Section,
    SourceSpan,
    UnreadReason,
)
from ...model._cellmap import CellRef, CellValue, cell_refs
from ...model._variants import BLANK_MARKERS, COUNT_UNITS, MONEY_UNITS, NUMBER_IN_PROSE
from .._result import Leftover
from ._anchors import (
    ANNOTATION,
    Anchors,
    absorbable,
    anchors,
    split_other_handling,
    template_notes,
)
from ._columns import appeal_columns, application_columns
from ._fold import QUOTES, fold_key, fold_width
from ._gaps import Hit, RowGaps
from ._short import GAP, feasible, placements, too_many
from ._split import (
    BudgetExhaustedError,
    Chunk,
    Kind,
    Run,
    chunks,
    compositions,
    is_blank_marker,
    read_cell,
    sum_readings,
)
from ._state import Place, Reading, Where
from ._stream import CELL, Piece
from ._uncertain import UNSURE

__all__ = ["TableReading"]

#: Readings collected per run before a run counts as hopelessly ambiguous.
_READINGS = 24
#: Combinations of ambiguous rows tried against the column identities of table 三.
_COMBINATIONS = 20_000

_APPLICANTS = tuple(Applicant)
_OUTCOMES = tuple(AppealOutcome)
_APPEAL_CELLS = tuple((k, o) for k in AppealKind for o in _OUTCOMES)
# Field names of the columns (an enum's .value is a Python-level property: read once).
_APPLICANT_COLUMNS = tuple(a.value for a in _APPLICANTS)
_APPEAL_COLUMNS = tuple(f"{k.value}/{o.value}" for k, o in _APPEAL_CELLS)
#: The Chinese label of each column name of tables 三 and 四, for messages.
_COLUMN_WORDS = {
    **{a.value: a.label() for a in _APPLICANTS},
    **{f"{k.value}/{o.value}": f"{k.label()}{o.label()}" for k, o in _APPEAL_CELLS},
}

_DASHES = "".join(sorted({m for m in BLANK_MARKERS if len(m) == 1 and not m.isalnum()}))
_WORD_MARKERS = sorted(
    (m for m in BLANK_MARKERS if len(m) > 1 and not set(m) <= set(_DASHES)), key=len, reverse=True
)
_UNITS = sorted((*COUNT_UNITS, *MONEY_UNITS), key=len, reverse=True)
_UNIT = "|".join(re.escape(u) for u in _UNITS)
_MARKER_WORD = "|".join(re.escape(w) for w in _WORD_MARKERS)
# The numbers (and blank markers) at the start of a stretch: a row's values in text.
# A number ends where its digits do: "2." before a label is the label's ordinal (2.其他…).
_VALUE_PREFIX = re.compile(
    rf"(?:\s+|[+\-]?\d[\d,]*(?:\.\d+)*(?![.\d])(?:{_UNIT})?|[{re.escape(_DASHES)}]+|{_MARKER_WORD})*"
)
_NUMERIC = re.compile(r"[\s\d.,+\-]*")
# Two numbers in one cell ("746 12 0"): values a reader put together.
_SEVERAL = re.compile(r"[\d０-９]\s+[\d０-９+\-－]")
_PROSE_NUMBER = tuple(fold_width(s) for s in NUMBER_IN_PROSE)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[\u3400-\u9fff]")
#: The most key characters between two parts of table 四's header (a running header).
_HEADER_GAP = 40
#: The most tokens (cells, lines) of table 四's header before its first labels.
_HEADER_TOKENS = 40
# An item numbered 1 (in the key): what follows （六）其他处理 when it is a group of rows.
_FIRST_ITEM = re.compile(r"(?:1\.|\(1\)|1\))(?!\d)")


class RowRead:
    """What was read for one row: one reading, several (to be decided), or none."""

    __slots__ = ("at", "base", "readings", "short", "span", "status", "text")

    def __init__(self, base: str, span: SourceSpan | None) -> None:
        self.base = base
        self.span = span
        self.readings: list[Reading] = []
        self.status = "missing"
        #: The run of figures read, for a row read from text (kept with unread cells).
        self.text = ""
        #: Whether the readings are placements of a row short of cells (a column that
        #: gets no cell has :data:`~._short.GAP` as its place), not splits of a run.
        self.short = False
        #: Where the row is in the text (for the cells it lacks).
        self.at = 0


class Values:
    """A row's values as found between two labels: cells, or a run of text.

    Cells are either in their row's order (:attr:`cells`) or placed in their columns by
    the table's header (:attr:`slots`: column index → cell; a column without a cell is
    not in the file, and :attr:`at` is where its row is, for the diagnostic).
    """

    __slots__ = ("at", "cells", "chunks", "end", "extra", "order", "residue", "slots")

    def __init__(self) -> None:
        self.cells: list[Piece] | None = None
        #: For a row with fewer cells than its header has columns: the columns (slots)
        #: from left to right, among which :attr:`cells` are to be placed.
        self.order: list[int] | None = None
        self.slots: dict[int, Piece] | None = None
        self.at = 0
        self.chunks: list[Chunk] = []
        self.residue: list[Place] = []
        self.extra: list[Piece] = []
        self.end = 0


class TableReading(RowGaps):
    """Finds and reads the tables (a part of the assembler)."""

    # -- locating rows ---------------------------------------------------------------

    def _locate(
        self, patterns: Sequence[tuple[object, re.Pattern[str]]], lo: int, hi: int
    ) -> list[Hit | None]:
        """Each row's label in ``key[lo:hi]``, in template order (others ``None``).

        Rows follow one another, so each is first looked for after the one before. Only
        when that leaves rows unfound is every row looked for on its own, the longest run
        of them in template order kept, and the rest looked for between their neighbours.
        """
        key = self.stream.key
        position = lo
        quick: list[Hit | None] = []
        for row, pattern in patterns:
            match = pattern.search(key, position, hi)
            if match is None:
                break
            hit = self._hit(row, match, hi)
            quick.append(hit)
            position = hit.values
        if len(quick) == len(patterns):
            return quick
        first: list[Hit | None] = []
        for row, pattern in patterns:
            match = pattern.search(key, lo, hi)
            first.append(None if match is None else self._hit(row, match, hi))
        first = self._outside_notes(patterns, first, hi)
        keep = _increasing(first)
        hits: list[Hit | None] = [h if i in keep else None for i, h in enumerate(first)]
        # Rows found out of place: look again between their neighbours.
        for i, (row, pattern) in enumerate(patterns):
            if hits[i] is not None:
                continue
            left = max((h.values for h in hits[:i] if h is not None), default=lo)
            right = min((h.start for h in hits[i + 1 :] if h is not None), default=hi)
            match = pattern.search(key, left, right)
            if match is not None:
                hits[i] = self._hit(row, match, right)
        return hits

    def _outside_notes(
        self,
        patterns: Sequence[tuple[object, re.Pattern[str]]],
        hits: list[Hit | None],
        hi: int,
    ) -> list[Hit | None]:
        """``hits`` with every label found inside another row's parenthetical note
        looked for again after that note: a note naming rows (其他对外管理服务事项（…含
        行政处罚、行政强制…）) is the label's words, not those rows."""
        key = self.stream.key
        out = list(hits)
        for _ in range(len(out)):  # each pass moves a hit past one note; bounded
            notes = [(h.end, h.values) for h in out if h is not None and h.values > h.end]
            moved = False
            for i, hit in enumerate(out):
                if hit is None:
                    continue
                inside = [stop for start, stop in notes if start <= hit.start < stop]
                if not inside:
                    continue
                row, pattern = patterns[i]
                match = pattern.search(key, max(inside), hi)
                out[i] = None if match is None else self._hit(row, match, hi)
                moved = True
            if not moved:
                break
        return out

    def _hit(self, row: object, match: re.Match[str], hi: int) -> Hit:
        note = ANNOTATION.match(self.stream.key, match.end(), hi)
        return Hit(row, match.start(), match.end(), note.end() if note else match.end())

    def _slices(self, hits: Sequence[Hit | None], hi: int) -> list[tuple[Hit, int, int]]:
        """For each hit, the text stretch of its values: up to the next hit (or ``hi``)."""
        present = [h for h in hits if h is not None]
        stream = self.stream
        out = []
        text = stream.text
        for i, hit in enumerate(present):
            after = present[i + 1] if i + 1 < len(present) else None
            stop = stream.position(hi) if after is None else self._label_at(after)
            start = self._values_at(hit)
            if hit.values > hit.end and hit.at < 0:
                self._keep_own_note(hit)
            # A closing quote of the label (dropped from keys) is still the label.
            while start < stop and text[start] in QUOTES:
                start += 1
            out.append((hit, start, stop))
        return out

    def _keep_own_note(self, hit: Hit) -> None:
        """A parenthetical note after a row's label that the template's labels do not
        carry (the publisher's own words, or a note misprinted) is kept aside: the row is
        read all the same."""
        stream = self.stream
        if stream.key[hit.end : hit.values] in template_notes():
            return
        start, stop = stream.position(hit.end), stream.end_position(hit.values)
        for piece in stream.pieces(start, stop):
            kept = stream.raw(piece.lo, piece.hi).strip()
            if kept:
                self.leftovers.append(
                    Leftover(
                        text=kept,
                        span=piece.token.span
                        if piece.token.kind == CELL
                        else stream.span_of(piece.lo, piece.hi),
                        reason="a row label's note the template does not have",
                    )
                )

    def _values(self, start: int, stop: int, count: int, *, last: bool) -> Values:
        """The values in ``[start, stop)``: the first ``count`` cells, or a run of numbers."""
        stream = self.stream
        found = Values()
        # A document without table cells (text) has a run of numbers: no pieces to cut.
        pieces = stream.pieces(start, stop) if stream.n_cells else []
        cells = [p for p in pieces if p.token.kind == CELL and p.whole]
        # The row's own label repeated in the cells it covers (a converter that writes a
        # merged cell in each of its slots) comes before the values.
        while cells and self._is_label(cells[0].token.text) and len(cells) > count:
            cells = cells[1:]
        if cells:
            taken = 0
            while taken < min(count, len(cells)) and not self._is_label(cells[taken].token.text):
                taken += 1
            runs = self._cell_runs(pieces, cells[:taken]) if taken < count else []
            if len(runs) > taken:
                # Fewer cells than columns, but more numbers: a reader put several values
                # in one cell. Read them as a run; the words among them are residue.
                found.chunks = runs
                found.end = runs[-1].offset + len(runs[-1].text)
                found.extra = [p for p in cells[taken:] if p.token.text.strip()]
                # Words in the cells taken, and among the numbers, are kept.
                reach = max(found.end, cells[taken - 1].hi) if taken else found.end
                found.residue.extend(self._words_among(pieces, reach))
                return found
            found.cells = cells[:taken]
            found.end = found.cells[-1].hi if found.cells else start
            found.extra = [p for p in cells[taken:] if p.token.text.strip()]
            for piece in pieces:
                if piece.token.kind == CELL and piece.whole:
                    continue
                if stream.text[piece.lo : piece.hi].strip():
                    found.residue.append(Place(piece.lo, piece.hi))
            if found.extra and not last:
                found.end = found.extra[-1].hi
            return found
        text = stream.width_folded(start, stop)
        end = _VALUE_PREFIX.match(text).end()  # type: ignore[union-attr]
        rest = text[end:]
        parts = chunks(text[:end], start)
        if (
            parts
            and rest
            and not rest[0].isspace()
            and not text[end - 1 : end].isspace()
            and rest.startswith(_PROSE_NUMBER)
        ):
            # "…0 0 2020年，…": the last number belongs to the prose after the table.
            moved = parts.pop()
            end = moved.offset - start
        found.chunks = parts
        found.end = parts[-1].offset + len(parts[-1].text) if parts else start
        if stream.text[start + end : stop].strip():
            found.residue.append(Place(start + end, stop))
        return found

    def _cell_runs(self, pieces: Sequence[Piece], cells: Sequence[Piece]) -> list[Chunk]:
        """The numbers in ``cells`` (and in text between them), as chunks of a run."""
        if not cells:
            return []
        out: list[Chunk] = []
        last = cells[-1].hi
        for piece in pieces:
            if piece.lo >= last:
                break
            text = self.stream.width_folded(piece.lo, piece.hi)
            if _NUMERIC.fullmatch(text):
                out.extend(chunks(text, piece.lo))
        return out

    def _words_among(self, pieces: Sequence[Piece], end: int) -> list[Place]:
        """The pieces before ``end`` that hold text but no number (kept, never dropped)."""
        out: list[Place] = []
        for piece in pieces:
            if piece.lo >= end:
                break
            text = self.stream.width_folded(piece.lo, piece.hi)
            if text.strip() and not _NUMERIC.fullmatch(text):
                out.append(Place(piece.lo, piece.hi))
        return out

    def _grid_values(
        self,
        table: int,
        rows: range,
        left: int,
        start: int,
        stop: int,
        slot_of: Mapping[int, int],
        width: int,
    ) -> Values | None:
        """The cells of one table row in ``[start, stop)``, placed by the header.

        The row's values are the cells of table ``table`` that start on one of ``rows``,
        at grid column ``left`` or further right, and are not labels (an expanded grid
        repeats its merged labels). Each is placed in the slot ``slot_of`` gives the grid
        column under the header (see :func:`_slots`). ``None`` when the header does not
        place them all: a value under no column, under two, or two values in one column —
        never a guess; or when the header names only some of the table's ``width``
        columns while the row has cells under columns it does not name (a partial header:
        what it leaves out is not missing from the file).
        """
        found = Values()
        slots: dict[int, Piece] = {}
        unnamed = False
        stream = self.stream
        last = start
        for piece in stream.pieces(start, stop):
            token = piece.token
            cell = token.cell
            if cell is None or not piece.whole:
                if stream.text[piece.lo : piece.hi].strip():
                    found.residue.append(Place(piece.lo, piece.hi))
                continue
            text = token.text
            if token.table != table or cell.row not in rows or cell.column < left:
                if text.strip():
                    found.extra.append(piece)
                continue
            if text and not text.isdigit():  # not simply blank or a number
                if self._is_label(text):
                    continue
                if _SEVERAL.search(text):
                    return None  # several values in one cell: read as a run, by position
            if cell.colspan == 1:
                index = slot_of.get(cell.column)
            else:
                covered = range(cell.column, cell.column + cell.colspan)
                named = {slot_of[c] for c in covered if c in slot_of}
                if len(named) > 1:
                    return None
                index = named.pop() if named else None
            if index is None:
                if text.strip():
                    return None
                unnamed = True
                continue
            if index in slots:
                # Two cells in one column (a row over two grid rows): a blank one
                # gives way; two values are not placed.
                if not text.strip():
                    continue
                if slots[index].token.text.strip():
                    return None
            slots[index] = piece
            if piece.hi > last:
                last = piece.hi
        found.end = last
        if unnamed and len(set(slot_of.values())) < width:
            return None
        order = self._short_of(table, rows, slot_of, slots)
        if order is None:
            found.slots = slots
        else:
            # Fewer cells than the header has columns, and no cell at all under some:
            # the file does not say where the gap is.
            found.cells = sorted(slots.values(), key=lambda p: p.token.start)
            found.order = order
        return found

    def _short_of(
        self, table: int, rows: range, slot_of: Mapping[int, int], slots: Mapping[int, Piece]
    ) -> list[int] | None:
        """The header's columns (slots) from left to right, when the row has no cell at
        all under some of them (a row short of cells); else ``None``."""
        if all(slot in slots for slot in slot_of.values()):
            return None  # a cell under every column (the usual row): no grid needed
        grid = self._grid(table)
        uncovered = False
        for column, slot in slot_of.items():
            if slot in slots:
                continue
            if all(grid[r][column] is None for r in rows if 0 <= r < len(grid)):
                uncovered = True
                break
        if not uncovered:
            return None
        return list(dict.fromkeys(slot for _, slot in sorted(slot_of.items())))

    def _is_label(self, text: str) -> bool:
        """Whether a cell holds a table label (a stub or header), not a value."""
        if not text or text.isdigit():
            return False
        if _NUMERIC.fullmatch(fold_width(text)) or is_blank_marker(text):
            return False
        return absorbable(fold_key(text), self.marks)

    def _absorb(self, places: Iterable[Place], marks: Anchors, pointer: str) -> None:
        """Residue inside a table: labels are structure; anything else is kept aside.

        What is kept aside is one leftover per cell or line, and one GD902 diagnostic per
        printed row (a grid row of a table, a line of text): a row the template does not
        have, or whose label was not recognised, is one finding, not one per figure.
        Where table 三 misses rows around it, the diagnostic names them.
        """
        stream = self.stream
        text = stream.text
        rows: dict[tuple[object, ...], list[tuple[str, SourceSpan | None, int]]] = {}
        for place in places:
            key = stream.key_of(place.start, place.end)
            if absorbable(key, marks):
                continue
            for piece in stream.pieces(place.start, place.end):
                kept = text[piece.lo : piece.hi].strip()
                # A piece that is the whole place (a cell, say) has the place's key, and
                # that key is no label's.
                whole = piece.lo == place.start and piece.hi == place.end
                if not kept or _label_piece(kept, marks, key if whole else None):
                    continue  # a piece of a label (continued from the page before)
                token = piece.token
                if token.kind == CELL and token.cell is not None:
                    span = token.span
                    row: tuple[object, ...] = ("cell", token.table, token.cell.row)
                else:
                    span = stream.span_of(piece.lo, piece.hi)
                    line = text.count("\n", token.start, piece.lo) if token.lines else 0
                    row = ("text", token.start, line)
                self.leftovers.append(
                    Leftover(text=kept, span=span, reason="not a row of the template")
                )
                rows.setdefault(row, []).append((kept, span, piece.lo))
        for items in rows.values():
            self._unplaced_row(pointer, items)

    def _unplaced_row(
        self, pointer: str, items: Sequence[tuple[str, SourceSpan | None, int]]
    ) -> None:
        """One GD902 for a printed row kept aside (``items``: its texts, in order)."""
        printed = " ".join(t for t, _, _ in items)
        at = items[0][2]
        gap = next((g for g in self.gaps if g.start <= at < g.end), None)
        shown = printed[:60]
        if gap is None:
            self._diagnose(
                rules.unplaced_table_text,
                pointer,
                f"表格中有无法对应格式模板的内容，已保留为未归类内容：{shown}",
                f"text in the table matches no row of the template; kept as a leftover: {shown}",
                span=items[0][1],
                actual=printed[:200],
            )
            return
        shape = self.shape or Edition.E2021
        labels = [row.label(shape) for row in gap.rows]
        names_zh = "、".join(f"“{label}”" for label in labels)
        names_en = ", ".join(repr(label) for label in labels)
        self._diagnose(
            rules.unplaced_table_text,
            pointer,
            f"表三中有一行无法对应格式模板，已保留为未归类内容：{shown}；"
            f"此处未找到{names_zh}行，不猜测其为哪一行",
            f"a row of table 三 matches no row of the template; kept as a leftover: {shown}; "
            f"{names_en} {'is' if len(labels) == 1 else 'are'} missing here, and the row "
            "is not guessed to be one of them",
            span=items[0][1],
            actual=printed[:200],
            related=(f"/applications/{row.value}" for row in gap.rows),
        )

    # -- reading values --------------------------------------------------------------

    def _read_direct(
        self,
        base: str,
        columns: Sequence[str],
        kinds: Sequence[Kind],
        items: Sequence[tuple[str, int | Piece]],
        unit: MoneyUnit | None,
    ) -> Reading:
        """Cells whose boundaries are known: each read on its own."""
        markers: list[tuple[str, str, Where]] = []
        values = [
            self._read_one(base, column, kind, text, where, unit, markers)
            for column, kind, (text, where) in zip(columns, kinds, items, strict=True)
        ]
        self._blank_markers(base, markers)
        return tuple(values), tuple(where for _, where in items)

    def _blank_markers(self, base: str, markers: Sequence[tuple[str, str, Where]]) -> None:
        """One GD904 note per row for the cells printed as a blank marker ("/", "—"…):
        at the cell where there is one, at the row (naming the cells) where several."""
        if not markers:
            return
        if len(markers) == 1:
            ((column, marker, where),) = markers
            self._diagnose(
                rules.blank_marker_cell,
                f"{base}/{column}",
                f"单元格印为“{marker}”，按空白读取（不是 0）",
                f"the cell is printed as {marker!r}; read as blank, not 0",
                span=self._span(where),
                actual=marker,
            )
            return
        printed = sorted({m for _, m, _ in markers})
        names = "、".join(_COLUMN_WORDS.get(c, c) for c, _, _ in markers)
        shown_zh = "、".join(f"“{m}”" for m in printed)
        self._diagnose(
            rules.blank_marker_cell,
            base,
            f"此行 {len(markers)} 个单元格（{names}）印为{shown_zh}，按空白读取（不是 0）",
            f"{len(markers)} cells of this row are printed as {', '.join(map(repr, printed))}; "
            "read as blank, not 0",
            span=self._span(markers[0][2]),
            actual=" ".join(printed),
            related=(f"{base}/{c}" for c, _, _ in markers),
        )

    def _read_one(
        self,
        base: str,
        column: str,
        kind: Kind,
        text: str,
        where: Where,
        unit: MoneyUnit | None,
        markers: list[tuple[str, str, Where]],
    ) -> CellValue:
        """One cell's value; an unreadable one gets its diagnostic, a blank marker is
        added to ``markers`` (noted once per row, see :meth:`_blank_markers`)."""
        cell = self._source_cell(where)
        if cell is not None and cell.confidence is not None and cell.confidence < UNSURE:
            # Read by a recogniser that was unsure of it: held back (see _uncertain), so
            # neither a blank nor an illegible cell yet.
            return read_cell(text, kind, unit)[0] if text.strip() else None
        if not text or text.isspace():
            return None  # an empty cell is simply blank (check() reports it, GD010)
        value, problem = read_cell(text, kind, unit)
        if problem is None:
            return value
        if problem == "blank":
            # A printed marker ("/", "—", "不适用"…) is what reading turned into a blank,
            # so it is noted.
            markers.append((column, text.strip(), where))
        elif problem == "unreadable":
            self._diagnose(
                rules.unreadable_cell,
                f"{base}/{column}",
                f"单元格内容“{text.strip()[:40]}”无法识别为数值，此单元格未读取",
                f"the cell {text.strip()[:40]!r} is not a number of this column; not read",
                span=self._span(where),
                actual=text.strip()[:200],
            )
            self._unread(
                (f"{base}/{column}",), UnreadReason.ILLEGIBLE, rules.unreadable_cell, text.strip()
            )
        return value

    def _read_slots(
        self,
        base: str,
        columns: Sequence[str],
        kinds: Sequence[Kind],
        found: Values,
        unit: MoneyUnit | None,
        label_span: SourceSpan | None,
    ) -> Reading:
        """Cells placed in their columns by the header; a column without one is blank."""
        slots = found.slots or {}
        values: list[CellValue] = []
        wheres: list[Where] = []
        absent: list[str] = []
        cropped: list[str] = []
        markers: list[tuple[str, str, Where]] = []
        for index, (column, kind) in enumerate(zip(columns, kinds, strict=True)):
            piece = slots.get(index)
            if piece is not None:
                text, cell = piece.token.text, piece.token.cell
                if cell is None or not cell.clipped or text.strip():
                    values.append(self._read_one(base, column, kind, text, piece, unit, markers))
                    wheres.append(piece)
                    continue
            # Not in the file: no cell under the column, or a blank one cut by the page edge.
            (absent if piece is None else cropped).append(column)
            values.append(None)
            wheres.append(found.at if piece is None else piece)
        self._blank_markers(base, markers)
        if absent or cropped:
            self._not_in_file(base, absent, cropped, found, label_span)
        return tuple(values), tuple(wheres)

    def _not_in_file(
        self,
        base: str,
        absent: Sequence[str],
        cropped: Sequence[str],
        found: Values,
        label_span: SourceSpan | None,
    ) -> None:
        """One diagnostic for a row's cells that are not in the file (GD903), each
        recorded as unread."""
        names = _COLUMN_WORDS
        parts_zh, parts_en = [], []
        if cropped:
            parts_zh.append(f"{'、'.join(names.get(c, c) for c in cropped)}被页面边缘截去")
            parts_en.append(f"{', '.join(cropped)} cut off by the page edge")
        if absent:
            parts_zh.append(f"{'、'.join(names.get(c, c) for c in absent)}不在文件中")
            parts_en.append(f"{', '.join(absent)} not in the document")
        slots = found.slots or {}
        first = slots.get(0)
        where: Where = found.at if first is None else first
        self._diagnose(
            rules.unreadable_cell,
            base,
            f"此行{'；'.join(parts_zh)}（表头没有这些列，或单元格被页面边缘截去），这些单元格未读取",
            f"in this row, {'; '.join(parts_en)} (the header has no such column, or the page "
            "edge cut it off); those cells are not read",
            span=self._span(where) or label_span,
            related=(f"{base}/{c}" for c in (*cropped, *absent)),
        )
        self._unread((f"{base}/{c}" for c in cropped), UnreadReason.CROPPED, rules.unreadable_cell)
        self._unread((f"{base}/{c}" for c in absent), UnreadReason.ABSENT, rules.unreadable_cell)

    def _read_cut(
        self,
        run: Run,
        cut: Sequence[tuple[int, int]],
        kinds: Sequence[Kind],
        unit: MoneyUnit | None,
    ) -> Reading:
        values: list[CellValue] = []
        text, offsets = run.text, run.offsets
        for (a, b), kind in zip(cut, kinds, strict=True):
            value, _ = read_cell(text[a:b], kind, unit)
            values.append(value)
        return tuple(values), tuple([offsets[a] for a, _ in cut])

    def _read_row(
        self,
        base: str,
        columns: Sequence[str],
        kinds: Sequence[Kind],
        found: Values,
        *,
        groups: int = 0,
        parts: int = 0,
        unit: MoneyUnit | None = None,
        label_span: SourceSpan | None = None,
    ) -> RowRead:
        """Read one row's values; ``groups``/``parts`` give its sums, if any."""
        read = RowRead(base, label_span)
        count = len(columns)
        if found.slots is not None:
            read.readings = [self._read_slots(base, columns, kinds, found, unit, label_span)]
            read.status = "read"
            return read
        if found.cells is not None:
            cells = found.cells
            read.at = found.at
            if (found.order is not None or len(cells) < count) and groups and cells:
                return self._read_short(read, columns, kinds, found, groups, parts)
            if any(_cut_blank(p) for p in cells[:count]):
                # A blank cell on the page edge may have held a value drawn beyond it (a
                # table printed wider than its page, then scanned): by position, the
                # figures after it may stand under the wrong columns.
                self._row_unreadable(
                    base,
                    columns,
                    "有空白单元格位于页面边缘（可能被截去），无法按位置确定各列",
                    "a blank cell on the page edge (perhaps cut off), so the columns cannot "
                    "be told by position",
                    label_span,
                    " | ".join(p.token.text for p in cells),
                )
                read.status = "unreadable"
                return read
            if len(cells) < count:
                self._row_unreadable(
                    base,
                    columns,
                    f"只有 {len(cells)} 个单元格，应为 {count} 个",
                    f"{len(cells)} cells where {count} are printed",
                    label_span,
                    " | ".join(p.token.text for p in cells),
                )
                read.status = "unreadable"
                return read
            items: list[tuple[str, int | Piece]] = [(p.token.text, p) for p in cells]
            read.readings = [self._read_direct(base, columns, kinds, items, unit)]
            read.status = "read"
            return read
        parts_ = found.chunks
        read.text = " ".join(c.text for c in parts_)
        if not parts_:
            self._row_unreadable(base, columns, "没有数值", "no values", label_span)
            read.status = "unreadable"
            return read
        if len(parts_) == count:
            items = [(c.text, c.offset) for c in parts_]
            read.readings = [self._read_direct(base, columns, kinds, items, unit)]
            read.status = "read"
            return read
        if len(parts_) > count:
            self._row_unreadable(
                base,
                columns,
                f"有 {len(parts_)} 个数值，应为 {count} 个",
                f"{len(parts_)} values where {count} cells are printed",
                label_span,
                read.text,
            )
            read.status = "unreadable"
            return read
        # Fewer chunks than cells: numbers run together.
        if sum(len(c.text) for c in parts_) > count * 24 or any(
            is_blank_marker(c.text) for c in parts_
        ):
            self._ambiguous(base, columns, "无法拆分", "cannot be split", label_span, parts_)
            read.status = "ambiguous"
            return read
        run = Run(parts_)
        try:
            # With identities to test, all that matters first is whether one reading exists.
            every = compositions(run, kinds, limit=1 if groups else _READINGS, budget=self.budget)
            if every is not None and len(every) == 1:
                read.readings = [self._read_cut(run, every[0], kinds, unit)]
                read.status = "read"
                return read
            if groups and every != []:
                fitting = sum_readings(
                    run, groups=groups, parts=parts, limit=_READINGS, budget=self.budget
                )
            else:
                fitting = every
        except BudgetExhaustedError:
            fitting = None
        if fitting is None or not fitting:
            why_zh = "没有一种拆分符合勾稽关系" if fitting == [] and groups else "拆分方式过多"
            why_en = (
                "no reading fits the identities"
                if fitting == [] and groups
                else "too many readings"
            )
            if fitting == [] and not groups:
                why_zh, why_en = "没有一种拆分符合各列的数值格式", "no reading fits the columns"
            self._ambiguous(base, columns, why_zh, why_en, label_span, parts_)
            read.status = "ambiguous"
            return read
        read.readings = [self._read_cut(run, cut, kinds, unit) for cut in fitting]
        if len(read.readings) == 1:
            read.status = "row_total"
            self._diagnose(
                rules.digit_run_split,
                base,
                f"数字串“{run.text}”依据本行总计等于各列之和拆分为：{_show(read.readings[0][0])}",
                f"the run {run.text!r} was split by the row's total into "
                f"{_show(read.readings[0][0])}",
                span=label_span,
                actual=run.text,
            )
        else:
            read.status = "candidates"
        return read

    def _read_short(
        self,
        read: RowRead,
        columns: Sequence[str],
        kinds: Sequence[Kind],
        found: Values,
        groups: int,
        parts: int,
    ) -> RowRead:
        """A row with fewer cells than columns: the placements its sums allow.

        One placement left: the row is read (GD916). Several: table 三 tries the column
        identities across rows (:meth:`_decide_by_columns`), table 四 reads what they
        agree on (:meth:`_settle_short`).
        """
        cells = found.cells or []
        order = found.order if found.order is not None else list(range(len(columns)))
        read.short = True
        values: list[int | None] = []
        unknown: set[int] = set()
        for index, piece in enumerate(cells):
            value, problem = read_cell(piece.token.text, kinds[0])
            values.append(value if isinstance(value, int) else None)
            if problem == "unreadable":
                unknown.add(index)
        if too_many(order, len(cells)):
            # Too many places for the gaps to try: no cell's column is known.
            printed = " | ".join(p.token.text.strip() or "（空）" for p in cells)
            self._diagnose(
                rules.unreadable_cell,
                read.base,
                f"此行只有 {len(cells)} 个单元格，表头有 {len(order)} 列，文件没有说明缺的是"
                "哪些格；各单元格的列位置不能确定，未读取，不作猜测",
                f"the row has {len(cells)} cells under {len(order)} header columns and the "
                "document does not say which are missing; no cell's column is certain: not "
                "read, not guessed",
                span=read.span,
                actual=printed[:200],
                related=(f"{read.base}/{c}" for c in columns),
            )
            self._unread(
                (f"{read.base}/{c}" for c in columns),
                UnreadReason.COLUMN_UNCERTAIN,
                rules.unreadable_cell,
                printed,
            )
            read.status = "unreadable"
            return read
        every = list(placements(order, len(cells)))
        options = [p for p in every if feasible(p, values, groups, parts, unknown)] or every
        read.readings = [
            (
                tuple(None if i == GAP else values[i] for i in option),
                tuple(GAP if i == GAP else cells[i] for i in option),
            )
            for option in options
        ]
        read.status = "candidates"
        if len(read.readings) == 1:
            self._settle_short(read, columns, kinds, (0,))
        return read

    def _settle_short(
        self,
        read: RowRead,
        columns: Sequence[str],
        kinds: Sequence[Kind],
        picks: Collection[int],
    ) -> None:
        """Read a short row from the placements ``picks`` (all when none is picked).

        One placement: the row as it places the cells, with a GD916 note; the columns
        without a cell are unread (``absent``). Several: the cells every placement puts in
        one column are read; the others are unread (``column_uncertain``, GD903).
        """
        options = [read.readings[i] for i in sorted(picks)] or read.readings
        base = read.base
        width = len(columns)
        certain: list[Where | None] = []
        for slot in range(width):
            seen = {_place_key(option[1][slot]) for option in options}
            certain.append(options[0][1][slot] if len(seen) == 1 else None)
        markers: list[tuple[str, str, Where]] = []
        values: list[CellValue] = []
        wheres: list[Where] = []
        absent: list[str] = []
        uncertain: list[str] = []
        for slot, (column, kind) in enumerate(zip(columns, kinds, strict=True)):
            where = certain[slot]
            if isinstance(where, Piece):
                text = where.token.text
                values.append(self._read_one(base, column, kind, text, where, None, markers))
                wheres.append(where)
                continue
            values.append(None)
            wheres.append(read.at)
            (absent if where == GAP else uncertain).append(column)
        self._blank_markers(base, markers)
        read.readings = [(tuple(values), tuple(wheres))]
        read.status = "placed"
        names = _COLUMN_WORDS
        printed = " | ".join(p.token.text.strip() or "（空）" for p in _row_pieces(options[0][1]))
        if len(options) == 1:
            self._diagnose(
                rules.cells_placed_by_identities,
                base,
                f"此行的单元格比表头少 {len(absent)} 个；依据勾稽关系只有一种列位置相符，"
                f"按此读取，{'、'.join(names.get(c, c) for c in absent)}不在文件中，未读取",
                f"the row has {len(absent)} cell(s) fewer than its header has columns; only "
                f"one placement fits the identities and is read; {', '.join(absent)} "
                "not in the document, not read",
                span=read.span,
                actual=printed[:200],
                related=(f"{base}/{c}" for c in absent),
            )
            self._unread(
                (f"{base}/{c}" for c in absent),
                UnreadReason.ABSENT,
                rules.cells_placed_by_identities,
            )
            return
        gone_zh = f"；{'、'.join(names.get(c, c) for c in absent)}不在文件中" if absent else ""
        gone_en = f"; {', '.join(absent)} not in the document" if absent else ""
        self._diagnose(
            rules.unreadable_cell,
            base,
            f"此行的单元格比表头少，文件没有说明缺的是哪一格；"
            f"勾稽关系允许 {len(options)} 种列位置，"
            f"{'、'.join(names.get(c, c) for c in uncertain)}的列位置不能确定，"
            f"这些单元格未读取，不作猜测{gone_zh}",
            f"the row has fewer cells than its header has columns and the document does not "
            f"say which is missing; {len(options)} placements fit the identities; the column "
            f"of {', '.join(uncertain)} is uncertain: not read, not guessed{gone_en}",
            span=read.span,
            actual=printed[:200],
            related=(f"{base}/{c}" for c in (*uncertain, *absent)),
        )
        self._unread(
            (f"{base}/{c}" for c in uncertain),
            UnreadReason.COLUMN_UNCERTAIN,
            rules.unreadable_cell,
            printed,
        )
        self._unread((f"{base}/{c}" for c in absent), UnreadReason.ABSENT, rules.unreadable_cell)

    def _row_unreadable(
        self,
        base: str,
        columns: Sequence[str],
        zh: str,
        en: str,
        span: SourceSpan | None,
        text: str = "",
    ) -> None:
        self._diagnose(
            rules.unreadable_cell,
            base,
            f"此行{zh}，各单元格未读取",
            f"this row has {en}; its cells are not read",
            span=span,
            actual=text[:200] or None,
        )
        self._unread(
            (f"{base}/{c}" for c in columns), UnreadReason.LAYOUT, rules.unreadable_cell, text
        )

    def _ambiguous(
        self,
        base: str,
        columns: Sequence[str],
        zh: str,
        en: str,
        span: SourceSpan | None,
        parts: Sequence[Chunk],
    ) -> None:
        text = " ".join(c.text for c in parts)
        self._diagnose(
            rules.digit_run_ambiguous,
            base,
            f"数字串“{text}”{zh}，此行单元格未读取，不作猜测",
            f"the run {text!r}: {en}; the row's cells are not read, not guessed",
            span=span,
            actual=text,
            related=(f"{base}/{c}" for c in columns),
        )
        self._unread(
            (f"{base}/{c}" for c in columns),
            UnreadReason.AMBIGUOUS,
            rules.digit_run_ambiguous,
            text,
        )

    def _missing_rows(
        self,
        prefix: str,
        rows: Sequence[ApplicationRow | ProactiveRow],
        found: Container[ApplicationRow | ProactiveRow],
        edition: Edition,
    ) -> None:
        """A diagnostic for each row of the table (``rows``, under ``prefix``) not
        ``found``."""
        for row in rows:
            if row not in found:
                label = row.label(edition)
                self._diagnose(
                    rules.row_not_found,
                    f"{prefix}/{row.value}",
                    f"未找到“{label}”行，该行单元格未读取",
                    f"the row {label!r} was not found; its cells are not read",
                )
                self._unread(
                    (ref.pointer for ref in _row_cells(prefix, row, edition)),
                    UnreadReason.ROW_NOT_RECOGNISED,
                    rules.row_not_found,
                )

    def _row_read(self, found: Values, base: str, marks: Anchors, end: int, *, last: bool) -> int:
        """After the values of a row of table 二 or 三 are read: set aside what lies in
        the row but is not its value, and return where the table ends so far (``end``
        before this row)."""
        end = max(end, found.end)
        self._extra_cells(found, base, marks)
        if not last:
            self._absorb(found.residue, marks, base)
            return end
        tail = self._table_tail(found, marks, end)
        # What lies in the table before its end (a label cell's other words, say) is kept.
        self._absorb((place for place in found.residue if place.end <= tail), marks, base)
        return tail

    # -- table 三 ---------------------------------------------------------------------

    def _table3(
        self, headings: dict[Section, Place], marks: Anchors, edition: Edition
    ) -> Place | None:
        stream, key = self.stream, self.stream.key
        fallback = headings[Section.PROACTIVE].end if Section.PROACTIVE in headings else 0
        start, stop = self._window(headings, Section.APPLICATIONS, fallback)
        lo, hi = stream.key_index(start), stream.key_index(stop)
        opening = marks.table3_start.search(key, lo, hi)
        if opening is not None:
            lo = opening.start()
        shape = self._table3_shape(lo, hi, edition)
        self.shape = shape
        hits = self._locate(anchors(shape).application_rows, lo, hi)
        present = [h for h in hits if h is not None]
        if len(present) < 3:
            return None
        table_start = (
            stream.position(opening.start())
            if opening
            else self._backwards(present[0].start, lo, marks)
        )
        rows = ApplicationRow.for_edition(shape)
        hits = self._deviant_rows(hits, rows, stream.key_index(table_start), hi, shape, marks)
        present = [h for h in hits if h is not None]
        # The header between the table's start and its first row is structure.
        self._absorb([Place(table_start, self._label_at(present[0]))], marks, "/applications")
        reads: dict[ApplicationRow, RowRead] = {}
        columns = _APPLICANT_COLUMNS
        kinds = [Kind.COUNT] * 7
        slices = self._slices(hits, hi)
        end = table_start
        headers: dict[int, Mapping[int, int] | None] = {}
        for index, (hit, a, b) in enumerate(slices):
            row = hit.row
            assert isinstance(row, ApplicationRow)
            base = f"/applications/{row.value}"
            last = index == len(slices) - 1
            if last:
                b = self._table_end(hit, b)
            found = self._by_header(hit, a, b, headers, marks) or self._values(a, b, 7, last=last)
            label_span = (
                stream.span_at(hit.at)
                if hit.at >= 0
                else stream.span_of(stream.position(hit.start), stream.end_position(hit.end))
            )
            reads[row] = self._read_row(
                base, columns, kinds, found, groups=1, parts=6, label_span=label_span
            )
            end = self._row_read(found, base, marks, end, last=last)
        self._missing_rows("/applications", rows, reads, shape)
        self._decide_by_columns(reads, shape)
        for read in reads.values():
            if len(read.readings) == 1:
                self._place(read.base, columns, read.readings[0])
            else:
                self._row_span(read.base, columns, read.span)
        return Place(table_start, end)

    def _table3_shape(self, lo: int, hi: int, edition: Edition) -> Edition:
        """The edition whose table 三 the report prints, from table 三 itself.

        Table 三 is read as printed, whatever table 二 says (a mixed report keeps the
        other edition's （六）其他处理): its 2021 sub-rows 1. and 2. show the 2021 shape;
        a （六）其他处理 row followed by figures (or directly by （七）总计), not by an item
        1., shows the 2019 shape. Neither found: the edition's own shape.
        """
        key = self.stream.key
        if split_other_handling().search(key, lo, hi) is not None:
            return Edition.E2021
        single = dict(anchors(Edition.E2019).application_rows)[ApplicationRow.OTHER_HANDLING]
        match = single.search(key, lo, hi)
        if match is None:
            return edition
        note = ANNOTATION.match(key, match.end(), hi)
        after = note.end() if note else match.end()
        return Edition.E2021 if _FIRST_ITEM.match(key, after, hi) else Edition.E2019

    def _by_header(
        self,
        hit: Hit,
        start: int,
        stop: int,
        headers: dict[int, Mapping[int, int] | None],
        marks: Anchors,
    ) -> Values | None:
        """A row of table 三 read by the header above it, where the header names the
        columns (:mod:`._columns`); ``None`` to read the row by position.

        ``headers`` keeps, per table, the slots its header gives the grid columns."""
        stream = self.stream
        at = self._label_at(hit)
        label = stream.token_at(at)
        if label is None or label.cell is None or label.table is None:
            return None
        if hit.at < 0 and stream.text[start : min(stop, label.end)].strip():
            return None  # values inside the label's own cell
        table = stream.tables[label.table]
        if label.table not in headers:
            # The header is what stands above the first row found in this table.
            header = application_columns(table, label.cell.row, marks)
            headers[label.table] = None if header is None else _slots(header, _APPLICANTS)
        slot_of = headers[label.table]
        if slot_of is None:
            return None
        cell = label.cell
        rows = range(cell.row, cell.row + cell.rowspan)
        left = cell.column + cell.colspan
        if hit.at >= 0:
            # A row whose label was lost: ``at`` is its first figure's cell.
            rows, left = range(cell.row, cell.row + 1), cell.column
        else:
            # A label broken over grid rows (a page break inside it): its figures may
            # stand beside any part of it.
            end = stream.token_at(stream.end_position(hit.end) - 1)
            if (
                end is not None
                and end.cell is not None
                and end.table == label.table
                and end.cell.row >= rows.stop
            ):
                rows = range(cell.row, end.cell.row + end.cell.rowspan)
        if min(slot_of) < left:
            # The header names columns where this row has its label: it does not stand
            # on the row's grid (a partial header repeated on a new page, say).
            return None
        found = self._grid_values(label.table, rows, left, start, stop, slot_of, 7)
        if found is not None:
            found.at = at
        return found

    def _extra_cells(self, found: Values, base: str, marks: Anchors) -> None:
        if found.extra:
            self._absorb([Place(p.lo, p.hi) for p in found.extra], marks, base)

    def _table_tail(self, found: Values, marks: Anchors, end: int) -> int:
        """After a table's last row: labels are still the table; prose starts after.

        A table read from cells ends with its cells: the text after it is prose, even
        where it happens to be made of words of the labels.
        """
        if found.cells is not None or found.slots is not None:
            return end
        for place in found.residue:
            if absorbable(self.stream.key_of(place.start, place.end), marks):
                end = max(end, place.end)
            else:
                break
        return end

    def _header_start(self, start: int, lo: int) -> int:
        """Where table 四's header begins: before ``start``, back over the cells of the
        same table (header cells whose labels a page break cut: 结果 | 维持 — in the
        table's first part, before its first whole label)."""
        stream = self.stream
        first = stream.token_at(start)
        if first is None or first.kind != CELL or first.table is None or start <= lo:
            return start
        index = stream.tokens.index(first)
        for token in stream.tokens[max(0, index - _HEADER_TOKENS) : index][::-1]:
            if token.kind != CELL or token.table != first.table or token.start < lo:
                break
            start = token.start
        return start

    def _backwards(self, first_row: int, lo: int, marks: Anchors) -> int:
        """Where a table's header begins: labels right before its first row."""
        key, stream = self.stream.key, self.stream
        start = first_row
        matches = list(marks.structural.finditer(key, lo, first_row))
        for match in reversed(matches):
            gap = key[match.end() : start]
            if gap and not absorbable(gap, marks):
                break
            start = match.start()
        return stream.position(start)

    def _decide_by_columns(self, reads: dict[ApplicationRow, RowRead], edition: Edition) -> None:
        """Rows whose total allows several readings: try the column identities (T3-A/B)."""
        open_rows = [r for r, read in reads.items() if read.status == "candidates"]
        if not open_rows:
            return
        fixed: dict[ApplicationRow, tuple[CellValue, ...]] = {
            r: read.readings[0][0] for r, read in reads.items() if len(read.readings) == 1
        }
        outcome_rows = [r for r in ApplicationRow.for_edition(edition) if r.is_outcome]
        balance = (
            ApplicationRow.NEW_RECEIVED,
            ApplicationRow.CARRIED_OVER,
            ApplicationRow.TOTAL_HANDLED,
            ApplicationRow.CARRIED_FORWARD,
        )
        involved_total = any(
            r in outcome_rows or r is ApplicationRow.TOTAL_HANDLED for r in open_rows
        )
        involved_balance = any(r in balance for r in open_rows)
        options = [reads[r].readings for r in open_rows]
        combinations = 1
        for option in options:
            combinations *= len(option)
        chosen: dict[ApplicationRow, set[int]] = {r: set() for r in open_rows}
        if combinations <= _COMBINATIONS:
            for pick in product(*(range(len(o)) for o in options)):
                table = dict(fixed)
                for row, i in zip(open_rows, pick, strict=True):
                    table[row] = reads[row].readings[i][0]
                if involved_total and not _outcomes_add_up(table, outcome_rows):
                    continue
                if involved_balance and not _balances(table, balance):
                    continue
                for row, i in zip(open_rows, pick, strict=True):
                    chosen[row].add(i)
        for row in open_rows:
            read = reads[row]
            picks = chosen[row]
            columns = _APPLICANT_COLUMNS
            if read.short:
                self._settle_short(read, columns, [Kind.COUNT] * 7, picks)
                continue
            if len(picks) == 1:
                (i,) = picks
                read.readings = [read.readings[i]]
                read.status = "columns"
                self._diagnose(
                    rules.digit_run_split,
                    read.base,
                    f"此行数字串可按本行总计拆分为 {len(options[open_rows.index(row)])} 种方式，"
                    f"依据各列勾稽关系确定为：{_show(read.readings[0][0])}",
                    f"the row's total allows {len(options[open_rows.index(row)])} readings; the "
                    f"column identities of table 三 leave one: {_show(read.readings[0][0])}",
                    span=read.span,
                )
            else:
                count = len(read.readings)
                read.readings = []
                read.status = "ambiguous"
                zh = "各列勾稽关系仍不能确定唯一拆分" if picks else "没有一种拆分符合各列勾稽关系"
                en = (
                    "the column identities leave several"
                    if picks
                    else "none fits the column identities"
                )
                self._diagnose(
                    rules.digit_run_ambiguous,
                    read.base,
                    f"此行数字串“{read.text}”可按本行总计拆分为 {count} 种方式，{zh}；"
                    "此行单元格未读取，不作猜测",
                    f"the row's run {read.text!r} allows {count} readings by its total and "
                    f"{en}; the row's cells are not read, not guessed",
                    span=read.span,
                    actual=read.text or None,
                    related=(f"{read.base}/{c}" for c in columns),
                )
                self._unread(
                    (f"{read.base}/{c}" for c in columns),
                    UnreadReason.AMBIGUOUS,
                    rules.digit_run_ambiguous,
                    read.text,
                )

    # -- table 二 ---------------------------------------------------------------------

    def _table2(
        self, headings: dict[Section, Place], marks: Anchors, edition: Edition, table3: Place
    ) -> Place | None:
        stream, key = self.stream, self.stream.key
        fallback = headings[Section.OVERVIEW].end if Section.OVERVIEW in headings else 0
        start, stop = self._window(headings, Section.PROACTIVE, fallback)
        stop = min(stop, table3.start) if table3.start >= start else stop
        lo, hi = stream.key_index(start), stream.key_index(stop)
        caption = marks.table2_start.search(key, lo, hi)
        if caption is None and Section.PROACTIVE not in headings:
            return None
        if caption is not None:
            lo = caption.start()
        hits = self._locate(marks.proactive_rows, lo, hi)
        present = [h for h in hits if h is not None]
        if not present:
            return None
        table_start = (
            stream.position(caption.start())
            if caption
            else self._backwards(present[0].start, lo, marks)
        )
        self._absorb([Place(table_start, stream.position(present[0].start))], marks, "/proactive")
        slices = self._slices(hits, hi)
        end = table_start
        found_rows: set[ProactiveRow] = set()
        unit = MoneyUnit.TEN_THOUSAND_YUAN if edition is Edition.E2021 else None
        for index, (hit, a, b) in enumerate(slices):
            row = hit.row
            assert isinstance(row, ProactiveRow)
            found_rows.add(row)
            base, names, kinds = _proactive_row(row, edition)
            last = index == len(slices) - 1
            found = self._values(a, b, len(names), last=last)
            label_span = stream.span_of(stream.position(hit.start), stream.end_position(hit.end))
            read = self._read_proactive(base, names, kinds, found, unit, label_span)
            if read is not None:
                self._place(base, names, read)
            else:
                self._row_span(base, names, label_span)
            end = self._row_read(found, base, marks, end, last=last)
        self._missing_rows("/proactive", ProactiveRow.for_edition(edition), found_rows, edition)
        return Place(table_start, end)

    def _read_proactive(
        self,
        base: str,
        columns: Sequence[str],
        kinds: Sequence[Kind],
        found: Values,
        unit: MoneyUnit | None,
        label_span: SourceSpan | None,
    ) -> Reading | None:
        """A row of table 二: no identities, so a run is read only where one reading exists;
        cells on which every reading agrees are read, the others left blank."""
        read = self._read_row(base, columns, kinds, found, unit=unit, label_span=label_span)
        if read.status in ("read",):
            return read.readings[0]
        if read.status != "candidates":
            return None
        readings = read.readings
        values: list[CellValue] = []
        wheres: list[Where] = []
        unsure: list[str] = []
        for i, column in enumerate(columns):
            seen = {(r[0][i], r[1][i]) for r in readings}
            if len(seen) == 1:
                value, where = next(iter(seen))
                values.append(value)
                wheres.append(where)
            else:
                # Where the run starts: the cell is somewhere in it.
                values.append(None)
                wheres.append(found.chunks[0].offset)
                unsure.append(column)
        text = " ".join(c.text for c in found.chunks)
        self._diagnose(
            rules.digit_run_ambiguous,
            base,
            f"数字串“{text}”有 {len(readings)} 种拆分方式，表二没有勾稽关系可以确定；"
            f"{len(unsure)} 个单元格未读取，不作猜测",
            f"the run {text!r} has {len(readings)} readings and table 二 has no identities to "
            f"decide; {len(unsure)} cells are not read, not guessed",
            span=label_span,
            actual=text,
            related=(f"{base}/{c}" for c in unsure),
        )
        self._unread(
            (f"{base}/{c}" for c in unsure), UnreadReason.AMBIGUOUS, rules.digit_run_ambiguous, text
        )
        return tuple(values), tuple(wheres)

    # -- table 四 ---------------------------------------------------------------------

    def _table4(
        self, headings: dict[Section, Place], marks: Anchors, table3: Place
    ) -> Place | None:
        stream = self.stream
        start, stop = self._window(headings, Section.APPEALS, table3.end)
        start = max(start, table3.end)
        lo, hi = stream.key_index(start), stream.key_index(stop)
        header = self._appeal_header(lo, hi, marks)
        if header is None:
            return None
        head_start, head_end = header
        table_start = self._header_start(stream.position(head_start), start)
        a = stream.end_position(head_end)
        # The header is structure; what else stands in it is kept aside.
        self._absorb([Place(table_start, a)], marks, "/appeals")
        found = self._appeals_by_header(head_end, a, stream.position(hi), marks) or self._values(
            a, stream.position(hi), 15, last=True
        )
        columns = _APPEAL_COLUMNS
        read = self._read_row(
            "/appeals",
            columns,
            [Kind.COUNT] * 15,
            found,
            groups=3,
            parts=4,
            label_span=stream.span_of(table_start, a),
        )
        if read.short and read.status == "candidates":
            self._settle_short(read, columns, [Kind.COUNT] * 15, ())
        if len(read.readings) == 1:
            self._place("/appeals", columns, read.readings[0])
        else:
            self._row_span("/appeals", columns, read.span)
        if read.status == "candidates":
            self._ambiguous(
                "/appeals",
                columns,
                f"有 {len(read.readings)} 种符合各栏总计的拆分方式",
                f"{len(read.readings)} readings fit the blocks' totals",
                read.span,
                found.chunks,
            )
        end = self._table_tail(found, marks, max(found.end, a))
        # What lies in the table before its end (a header cell's other words, say) is kept.
        self._absorb((place for place in found.residue if place.end <= end), marks, "/appeals")
        return Place(table_start, end)

    def _appeals_by_header(
        self, head_end: int, start: int, stop: int, marks: Anchors
    ) -> Values | None:
        """Table 四's values read by its header, where the header names the columns."""
        stream = self.stream
        last = stream.token_at(stream.end_position(head_end) - 1)
        if last is None or last.cell is None or last.table is None:
            return None
        first = next(
            (
                p
                for p in stream.pieces(start, stop)
                if p.token.table == last.table
                and p.token.cell is not None
                and not self._is_label(p.token.text)
            ),
            None,
        )
        if first is None or first.token.cell is None:
            return None
        row = first.token.cell.row
        header = appeal_columns(stream.tables[last.table], row, marks)
        if header is None:
            return None
        found = self._grid_values(
            last.table, range(row, row + 1), 0, start, stop, _slots(header, _APPEAL_CELLS), 15
        )
        if found is not None:
            found.at = first.lo  # a cell missing from the row points at the row
        return found

    def _appeal_header(self, lo: int, hi: int, marks: Anchors) -> tuple[int, int] | None:
        """The first stretch of at least three table-四 header labels in a row, and the
        labels after it up to the first figure (a header broken by a page break, with a
        running header or pieces of labels in between)."""
        key = self.stream.key
        pattern = marks.appeal_header
        for match in pattern.finditer(key, lo, hi):
            count, end = 1, match.end()
            while True:
                nxt = pattern.match(key, end, hi)
                if nxt is None:
                    break
                count, end = count + 1, nxt.end()
            if count < 3:
                continue
            while True:
                nxt = pattern.search(key, end, min(hi, end + _HEADER_GAP))
                if nxt is None or _DIGIT.search(key, end, nxt.start()):
                    break
                end = nxt.end()
            return match.start(), end
        return None


def _cut_blank(piece: Piece) -> bool:
    """Whether a cell is blank and cut by the page edge (see TableCell.clipped)."""
    cell = piece.token.cell
    return cell is not None and cell.clipped and not piece.token.text.strip()


def _row_cells(prefix: str, row: ApplicationRow | ProactiveRow, edition: Edition) -> list[CellRef]:
    """The cells of ``row`` (of table 二 or 三, below ``prefix``) in ``edition``."""
    base = f"{prefix}/{row.value}/"
    return [ref for ref in cell_refs(edition) if ref.pointer.startswith(base)]


@cache
def _proactive_row(
    row: ProactiveRow, edition: Edition
) -> tuple[str, tuple[str, ...], tuple[Kind, ...]]:
    """A row of table 二 in ``edition``: its pointer, its columns' names and kinds."""
    columns = row.columns(edition)
    return f"/proactive/{row.value}", tuple(c.value for c in columns), tuple(map(_kind, columns))


def _slots(header: Mapping[int, object], keys: Sequence[object]) -> dict[int, int]:
    """Grid column → slot of the row's values, from a header's grid column → ``keys`` item."""
    return {column: keys.index(key) for column, key in header.items()}


def _kind(column: ProactiveColumn) -> Kind:
    if column is ProactiveColumn.AMOUNT:
        return Kind.MONEY
    if column is ProactiveColumn.CHANGE:
        return Kind.SIGNED
    return Kind.COUNT


def _label_piece(text: str, marks: Anchors, unabsorbable: str | None = None) -> bool:
    """Whether ``text`` is a label of the tables or a piece of one: words of a label, not
    punctuation alone (a quote mark or a comma is prose). Pieces of several labels side
    by side, apart (the lines of header cells wrapped level with each other: 社会 法律,
    the first lines of 社会公益组织 and 法律服务机构), are too.

    ``unabsorbable``: the key of ``text``, when it is known not to be
    :func:`absorbable` (not worked out again)."""
    key = fold_key(text) if unabsorbable is None else unabsorbable
    if not _WORD.search(key):
        return False
    if unabsorbable is None and absorbable(key, marks):
        return True
    words = text.split()
    return len(words) > 1 and all(absorbable(fold_key(word), marks) for word in words)


def _place_key(where: Where) -> object:
    """What makes two placements of a cell the same: the same cell, or no cell."""
    return where.token.start if isinstance(where, Piece) else GAP


def _row_pieces(wheres: Sequence[Where]) -> list[Piece]:
    """The cells of a placement, in the order of the row."""
    pieces = [w for w in wheres if isinstance(w, Piece)]
    return sorted(pieces, key=lambda p: p.token.start)


def _show(values: Sequence[CellValue]) -> str:
    return ", ".join("—" if v is None else str(v) for v in values)


def _increasing(hits: Sequence[Hit | None]) -> set[int]:
    """Indexes of the longest run of hits in template order whose positions increase."""
    items = [(i, h) for i, h in enumerate(hits) if h is not None]
    best: list[list[int]] = []
    for j, (_, hit) in enumerate(items):
        chain = [j]
        for k in range(j):
            if items[k][1].values <= hit.start and len(best[k]) + 1 > len(chain):
                chain = [*best[k], j]
        best.append(chain)
    longest = max(best, key=len, default=[])
    return {items[j][0] for j in longest}


def _sum(values: Iterable[CellValue]) -> int | None:
    total = 0
    for value in values:
        if not isinstance(value, int):
            return None
        total += value
    return total


def _outcomes_add_up(
    table: dict[ApplicationRow, tuple[CellValue, ...]], outcome_rows: Sequence[ApplicationRow]
) -> bool:
    totals = table.get(ApplicationRow.TOTAL_HANDLED)
    if totals is None or any(r not in table for r in outcome_rows):
        return True  # cannot be checked: no evidence either way
    for column in range(7):
        added = _sum(table[r][column] for r in outcome_rows)
        if added is not None and isinstance(totals[column], int) and added != totals[column]:
            return False
    return True


def _balances(
    table: dict[ApplicationRow, tuple[CellValue, ...]], rows: Sequence[ApplicationRow]
) -> bool:
    if any(r not in table for r in rows):
        return True
    new, over, handled, forward = (table[r] for r in rows)
    for column in range(7):
        a, b, c, d = new[column], over[column], handled[column], forward[column]
        if (
            isinstance(a, int)
            and isinstance(b, int)
            and isinstance(c, int)
            and isinstance(d, int)
            and a + b != c + d
        ):
            return False
    return True
