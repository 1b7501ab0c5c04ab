"""Rows of table 三 between the rows found: misprinted labels and labels lost altogether.

The label patterns (:mod:`._anchors`) find the rows whose labels are printed as the
template prints them (or in a known variant). What is left are *gaps*: runs of template
rows not found, between two rows that were (or the table's start and end). A gap is
searched — and only a gap, so the search stays linear in the table — for

* printed labels that fit exactly one of the gap's rows by their ordinal and their
  likeness to its label (:mod:`._rowmatch`): a misprint, a shortened label, a label cut
  off at a page break, an OCR misreading — with the pieces of label printed after its
  figures (a label wrapped around figures level with its first line, its end on the
  next page) when the first line alone fits no row;
* a row of figures whose label was lost (an empty label cell, a line of numbers), when
  exactly one template row is missing between its neighbours.

Each row so placed gets a GD915 note quoting what was printed. What still cannot be
placed stays where it is: the rows remain unread (GD908) and the printed row is kept as a
leftover (GD902, which names the rows it might have been).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from ..._limits import Limits
from ...checks._rules import parsing as rules
from ...model import ApplicationRow, Edition
from ...model._labels import APPLICATION_GROUP_LABELS, APPLICATION_RESULTS_LABEL
from ...model._variants import BLANK_MARKERS
from .._document import Document, TableCell
from ._anchors import Anchors, absorbable
from ._fold import fold_key, fold_width
from ._rowmatch import Candidate, candidates, fitting
from ._state import State
from ._stream import CELL, Piece

__all__ = ["Gap", "Hit", "RowGaps"]

_DASHES = "".join(sorted({m for m in BLANK_MARKERS if len(m) == 1 and not m.isalnum()}))
# A figure or a blank marker (not 无, which labels print: （四）无法提供).
_FIGURE = re.compile(
    "|".join(
        [r"\d", f"[{re.escape(_DASHES)}]"]
        + [re.escape(m) for m in BLANK_MARKERS if len(m) > 2 and m.isalpha()]
    )
)
#: Printed labels looked at per row missing in a gap (and a few more): a gap in a table
#: holds a row or two per missing row; beyond is what follows the table.
_CANDIDATES_PER_ROW = 3
_MORE_CANDIDATES = 6
_CJK_TEXT = re.compile(r"[\u3400-\u9fff]")
# In text: a figure, a blank marker, or a stretch of anything else.
_TEXT_ITEM = re.compile(
    rf"(?P<number>[+\-]?\d[\d,]*(?:\.\d+)*(?![.\d]))|(?P<marker>[{re.escape(_DASHES)}]+)|\S+?"
    rf"(?=\s|[+\-]?\d|[{re.escape(_DASHES)}]|$)",
)


class Hit(NamedTuple):
    """A row label found in the key: ``[start, end)``, and where its values begin.

    A row whose label was lost (placed by its place in the table) has
    ``start == end == values`` and ``at``, the text position where the row starts (its
    first cell, or its first figure).
    """

    row: object
    start: int
    end: int
    values: int
    at: int = -1


class Gap(NamedTuple):
    """Rows of table 三 still missing between text positions ``[start, end)``."""

    start: int
    end: int
    rows: tuple[ApplicationRow, ...]


class RowGaps(State):
    """Places the rows of table 三 whose labels the patterns did not find."""

    def __init__(self, document: Document, limits: Limits) -> None:
        super().__init__(document, limits)
        #: Where table 三 still misses rows after the gaps were searched.
        self.gaps: list[Gap] = []
        self._rows_of: dict[int, tuple[tuple[TableCell, ...], ...]] = {}
        self._grid_of: dict[int, tuple[tuple[TableCell | None, ...], ...]] = {}
        self._ends: dict[int, int] | None = None

    # -- positions of a hit in the text ---------------------------------------------

    def _label_at(self, hit: Hit) -> int:
        """Where the row starts in the text (its label, or its first cell)."""
        return hit.at if hit.at >= 0 else self.stream.position(hit.start)

    def _values_at(self, hit: Hit) -> int:
        """Where the row's values start in the text."""
        return hit.at if hit.at >= 0 else self.stream.end_position(hit.values)

    def _table_end(self, hit: Hit, stop: int) -> int:
        """Where the last row of a table ends: ``stop``, or sooner — the end of the
        table its label stands in, when that is a table of cells (what follows it is not
        the table's, even without a heading in between)."""
        stream = self.stream
        label = stream.token_at(self._label_at(hit))
        if label is None or label.table is None:
            return stop
        if self._ends is None:
            self._ends = {}
            for token in stream.tokens:
                if token.table is not None:
                    # Past the separator after it: an empty last cell is still in.
                    self._ends[token.table] = token.end + 1
        return min(stop, self._ends.get(label.table, stop))

    def _grid(self, table: int) -> tuple[tuple[TableCell | None, ...], ...]:
        """Table ``table``'s grid with merged cells expanded (computed once)."""
        grid = self._grid_of.get(table)
        if grid is None:
            grid = self._grid_of[table] = self.stream.tables[table].grid()
        return grid

    def _grid_rows(self, table: int) -> tuple[tuple[TableCell, ...], ...]:
        rows = self._rows_of.get(table)
        if rows is None:
            rows = self._rows_of[table] = self.stream.tables[table].rows()
        return rows

    def _between(
        self, hits: Sequence[Hit | None], i: int, j: int, lo: int, hi: int
    ) -> tuple[int, int]:
        """The text between the rows found around the gap ``[i, j)`` (or the table's
        bounds ``lo``, ``hi`` in the key)."""
        before = hits[i - 1] if i else None
        after = hits[j] if j < len(hits) else None
        a = self._values_at(before) if before is not None else self.stream.position(lo)
        b = self._label_at(after) if after is not None else self.stream.position(hi)
        return a, b

    # -- the gaps ---------------------------------------------------------------------

    def _deviant_rows(
        self,
        hits: Sequence[Hit | None],
        rows: Sequence[ApplicationRow],
        lo: int,
        hi: int,
        shape: Edition,
        marks: Anchors,
    ) -> list[Hit | None]:
        """``hits`` with the gaps' rows placed where exactly one reading fits."""
        found = list(hits)
        for i, j in _runs(found):
            a, b = self._between(found, i, j, lo, hi)
            self._match_labels(found, rows, i, j, a, b, shape, marks)
        for i, j in _runs(found):
            if j - i == 1 and i > 0 and j < len(found):
                self._lost_label(found, rows, i, marks)
        for i, j in _runs(found):
            a, b = self._between(found, i, j, lo, hi)
            self.gaps.append(Gap(a, b, tuple(rows[i:j])))
        return found

    def _match_labels(
        self,
        hits: list[Hit | None],
        rows: Sequence[ApplicationRow],
        i: int,
        j: int,
        a: int,
        b: int,
        shape: Edition,
        marks: Anchors,
    ) -> None:
        """Printed labels in ``[a, b)`` that fit exactly one of the rows ``i`` to ``j``."""
        if b <= a:
            return
        structure = marks.structural_set
        printed: list[Candidate] = []
        last: Candidate | None = None
        for c in candidates(self.stream.text[a:b], a):
            repeated = (
                last is not None
                and last.printed == c.printed
                and not self.stream.text[last.end : c.start].strip()
            )
            last = c
            if repeated or fold_key(c.printed) in structure:
                continue  # a merged label repeated in each cell it covers (Markdown)
            printed.append(c)
        missing = list(rows[i:j])
        labels: list[Candidate] = []
        shown: dict[Candidate, Candidate] = {}
        # The pieces of label that follow a printed label and its figures: the rest of a
        # label wrapped around figures printed level with its first line, or cut off at
        # a page break (4.无正当理由 0 … 0 | 大量反复申 | 请).
        tails: dict[Candidate, list[Candidate]] = {}
        collecting = False  # whether pieces still continue the last label
        for k, candidate in enumerate(printed):
            stop = printed[k + 1].start if k + 1 < len(printed) else b
            if self._has_values(candidate, stop):
                labels.append(candidate)
                tails[candidate] = []
                collecting = True
            elif collecting and candidate.ordinal is None:
                piece = self._label_lines(candidate, marks)
                if piece is not None:
                    tails[labels[-1]].append(piece)
                # Anything else (a running header, prose) ends the label's pieces.
                collecting = piece is not None and piece.end == candidate.end
            else:
                collecting = False
            if len(labels) >= _CANDIDATES_PER_ROW * len(missing) + _MORE_CANDIDATES:
                break  # past the rows a gap can hold (prose after the table)
        if not labels:
            return
        fits = {c: fitting(c, missing, shape) for c in labels}
        for c, pieces in tails.items():
            if not fits[c] and pieces:
                fits[c] = fitting(_continued(c, pieces), missing, shape)
                if fits[c]:
                    shown[c] = _continued(c, pieces)
        wanted = Counter(r for found in fits.values() for r in found)
        chosen = [(c, f[0]) for c, f in fits.items() if len(f) == 1 and wanted[f[0]] == 1]
        places = [missing.index(row) for _, row in chosen]
        if places != sorted(places):
            return  # out of the template's order: no reading is sure
        stream = self.stream
        for candidate, row in chosen:
            start = stream.key_index(candidate.start)
            end = max(start, stream.key_index(candidate.end))
            hits[rows.index(row)] = Hit(row, start, end, end)
            self._note_variant(row, shape, rows, hits, shown.get(candidate, candidate))

    def _label_lines(self, candidate: Candidate, marks: Anchors) -> Candidate | None:
        """The leading lines of ``candidate`` that are pieces of table labels, as one
        candidate (``None`` if its first line is not)."""
        text = self.stream.text
        end = candidate.start
        for match in re.finditer(r"[^\n]+", text[candidate.start : candidate.end]):
            if not absorbable(fold_key(match.group()), marks):
                break
            end = candidate.start + match.end()
        if end == candidate.start:
            return None
        printed = text[candidate.start : end]
        core = "".join(_CJK_TEXT.findall(fold_width(printed)))
        return Candidate(candidate.start, end, None, core, "".join(printed.split()))

    def _has_values(self, candidate: Candidate, stop: int) -> bool:
        """Whether figures follow the printed label (before ``stop``): a row, not a
        stray piece of a label."""
        stream = self.stream
        if _FIGURE.search(stream.width_folded(candidate.end, stop)):
            return True
        token = stream.token_at(max(candidate.start, candidate.end - 1))
        if token is None or token.cell is None or token.table is None:
            return False
        cell = token.cell
        grid_rows = self._grid_rows(token.table)
        if not 0 <= cell.row < len(grid_rows):
            return False
        return any(other.column > cell.column for other in grid_rows[cell.row])

    def _lost_label(
        self, hits: list[Hit | None], rows: Sequence[ApplicationRow], i: int, marks: Anchors
    ) -> None:
        """A row of figures without a label, where only row ``i`` is missing."""
        left, right = hits[i - 1], hits[i + 1]
        assert left is not None
        assert right is not None
        stream = self.stream
        a, b = self._values_at(left), self._label_at(right)
        if b <= a:
            return
        for candidate in candidates(stream.text[a:b], a):
            if not absorbable(fold_key(candidate.printed), marks):
                return  # something unrecognised is there: the row is not sure
        pieces = [p for p in stream.pieces(a, b) if p.token.kind == CELL and p.whole]
        if pieces:
            at = self._lost_row_of_cells(left, right, pieces, marks)
        else:
            at = self._lost_row_of_text(a, b, marks)
        if at is None:
            return
        row = rows[i]
        position = stream.key_index(at)
        hits[i] = Hit(row, position, position, position, at)
        assert isinstance(left.row, ApplicationRow)
        assert isinstance(right.row, ApplicationRow)
        shape = self.shape or Edition.E2021
        self._diagnose(
            rules.row_label_variant,
            f"/applications/{row.value}",
            f"表三“{left.row.label(shape)}”行与“{right.row.label(shape)}”行之间有一行没有行名；"
            f"格式模板在此只缺“{row.label(shape)}”行，按该行读取",
            f"a row without a label stands between {left.row.label(shape)!r} and "
            f"{right.row.label(shape)!r}; the template misses only {row.label(shape)!r} there, "
            "so it is read as that row",
            span=stream.span_at(at),
        )

    def _lost_row_of_cells(
        self, left: Hit, right: Hit, pieces: Sequence[Piece], marks: Anchors
    ) -> int | None:
        """The start of the one grid row after the row ``left`` (its label cell's rows
        excluded) that holds nothing but figures and blank cells, if there is exactly one.

        A row with label text (a piece of a label continued from the page before) is
        structure; a row with text that is no label makes the place unsure.
        """
        stream = self.stream
        label = stream.token_at(self._label_at(left))
        own: set[tuple[int | None, int]] = set()
        if label is not None and label.cell is not None:
            own = {
                (label.table, r) for r in range(label.cell.row, label.cell.row + label.cell.rowspan)
            }
        # The row after the gap begins in the stretch too (its group's stub cells).
        after = stream.token_at(self._label_at(right))
        if after is not None and after.cell is not None:
            own.add((after.table, after.cell.row))
        bare: dict[tuple[int | None, int], int] = {}  # grid row → cells, none a label
        labelled: set[tuple[int | None, int]] = set()
        for piece in pieces:
            token = piece.token
            cell = token.cell
            assert cell is not None
            place = (token.table, cell.row)
            if place in own:
                continue
            text = token.text.strip()
            if (
                not text
                or (_FIGURE.match(fold_width(text)) and not _CJK_TEXT.search(text))
                or fold_key(text) in _stub_keys()
            ):
                # A blank cell, a figure, or the stub of the rows' group (repeated in
                # each row by a converter that does not merge cells).
                bare[place] = bare.get(place, 0) + 1
            elif absorbable(fold_key(text), marks):
                labelled.add(place)
            else:
                return None
        lost = [place for place, cells in bare.items() if place not in labelled and cells > 1]
        if len(lost) != 1:
            return None
        ((table, row),) = lost
        if table is None:
            return None
        # The row's figures start under the first column of the row before's figures: its
        # label cells (empty, or a group's stub) stand left of it.
        start = 0
        if label is not None and label.cell is not None and label.table == table:
            start = label.cell.column + label.cell.colspan
        cells = [c for c in self._grid_rows(table)[row] if c.column >= start]
        if not cells:
            return None
        return next((p.token.start for p in pieces if p.token.cell is cells[0]), None)

    def _lost_row_of_text(self, a: int, b: int, marks: Anchors) -> int | None:
        """In text: the start of the second row when ``[a, b)`` holds exactly two rows of
        figures and nothing but labels besides."""
        text = self.stream.width_folded(a, b)
        figures: list[int] = []
        for match in _TEXT_ITEM.finditer(text):
            if match.group("number") or match.group("marker"):
                figures.append(a + match.start())
            elif not absorbable(fold_key(match.group(0)), marks):
                return None
        if len(figures) != 14:
            return None
        return figures[7]

    def _note_variant(
        self,
        row: ApplicationRow,
        shape: Edition,
        rows: Sequence[ApplicationRow],
        hits: Sequence[Hit | None],
        candidate: Candidate,
    ) -> None:
        printed = candidate.printed
        index = rows.index(row)
        before = next((h for h in reversed(hits[:index]) if h is not None), None)
        after = next((h for h in hits[index + 1 :] if h is not None), None)
        where_zh, where_en = "", ""
        if isinstance(before, Hit) and isinstance(after, Hit):
            assert isinstance(before.row, ApplicationRow)
            assert isinstance(after.row, ApplicationRow)
            where_zh = f"（在“{before.row.label(shape)}”与“{after.row.label(shape)}”之间）"
            where_en = f" (between {before.row.label(shape)!r} and {after.row.label(shape)!r})"
        label = row.label(shape)
        self._diagnose(
            rules.row_label_variant,
            f"/applications/{row.value}",
            f"表三中印作“{printed}”的行{where_zh}，依其在编号序列中的位置和字面读作“{label}”行",
            f"the row printed as {printed!r}{where_en} is read as {label!r} by its place in "
            "the numbered sequence and its likeness",
            span=self.stream.span_of(candidate.start, candidate.end),
            actual=printed,
        )


def _continued(label: Candidate, pieces: Sequence[Candidate]) -> Candidate:
    """A printed label with the pieces of it printed after its figures, as one label."""
    return Candidate(
        label.start,
        label.end,
        label.ordinal,
        label.core + "".join(p.core for p in pieces),
        label.printed + "".join(p.printed for p in pieces),
    )


@cache
def _stub_keys() -> frozenset[str]:
    """The keys of table 三's group stubs (三、本年度办理结果, （三）不予公开 …)."""
    labels = (APPLICATION_RESULTS_LABEL, *APPLICATION_GROUP_LABELS.values())
    return frozenset(fold_key(label) for label in labels)


def _runs(hits: Sequence[Hit | None]) -> list[tuple[int, int]]:
    """The maximal runs ``[i, j)`` of rows not found."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(hits):
        if hits[i] is not None:
            i += 1
            continue
        j = i
        while j < len(hits) and hits[j] is None:
            j += 1
        out.append((i, j))
        i = j
    return out
