"""Tables from ruled lines: a page's level and plumb segments → the boxes of its tables' cells.

The way a reader sees a ruled table, and the way pdfplumber's ``lines`` strategy finds one:

1. *Snap*: segments within :data:`SNAP` points of each other across their direction are
   one line (a rule drawn as a thin filled rectangle has two long sides; a border drawn
   twice is one border), moved to their mean position.
2. *Join*: pieces of one line that touch or nearly touch (within :data:`JOIN`) are one
   segment; segments shorter than :data:`MIN_LENGTH` are dropped.
3. *Cross*: every point where a vertical segment meets a horizontal one (within
   :data:`CROSS`).
   *Close*: a table part whose column rules run on past its first (or last) row rule, to
   a common end with no rule across it, is closed there (:func:`_open_ends`). Browsers
   print a table that way when it runs over a page break: the rule between two rows is
   drawn once, at the foot of the earlier page, so the next page's part has no top rule,
   and a row broken across the pages has neither a bottom rule on the one page nor a top
   rule on the other. The row standing in that open end is a row of the table all the
   same.
4. *Cells*: from each crossing, the smallest rectangle to its lower right whose four
   corners are crossings joined by segments. A merged cell is simply a larger rectangle:
   no rule crosses it.
5. *Tables*: cells sharing a corner belong to one table. A lone cell (a framed box) is no
   table.

Everything is in display coordinates (points, y growing downwards).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from ._pdfium import Rule

__all__ = ["CROSS", "JOIN", "MIN_LENGTH", "SNAP", "Box", "TooManyCrossingsError", "find_tables"]

Box = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)``."""

SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
CROSS = 3.0
MIN_OPEN = 8.0
"""Points the column rules of a table must run past its first (last) row rule to make a
row of an open end: the height of a line of text. Rules overshooting a corner by less
are drawing slack."""
_CHECK_EVERY = 1024


class TooManyCrossingsError(Exception):
    """The page's rules cross at more points than the caller allows."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


def find_tables(
    horizontal: list[Rule],
    vertical: list[Rule],
    *,
    max_crossings: int,
    tick: Callable[[], None] = lambda: None,
) -> list[list[Box]]:
    """The cell boxes of each table the rules draw, tables top to bottom then left to right.

    Args:
        horizontal: ``(y, x0, x1)`` segments.
        vertical: ``(x, top, bottom)`` segments.
        max_crossings: the most crossings to consider (they bound the work).
        tick: called now and then, to check a time budget.

    Raises:
        TooManyCrossingsError: the rules cross at more than ``max_crossings`` points.
    """
    if not horizontal or not vertical:
        return []
    rows = _merge(horizontal)
    columns = _merge(vertical)
    crossings = _crossings(rows, columns, max_crossings, tick)
    closed = _open_ends(rows, columns, crossings, tick)
    if closed:
        rows = closed
        crossings = _crossings(rows, columns, max_crossings, tick)
    cells = _cells(crossings, tick)
    return _group(cells)


def _merge(rules: list[Rule]) -> list[Rule]:
    """Snap the rules to common positions, join touching pieces, drop short ones."""
    ordered = sorted(rules)
    snapped: list[Rule] = []
    group: list[Rule] = []
    last = None
    for rule in ordered:
        if last is not None and rule[0] > last + SNAP:
            snapped.extend(_snap(group))
            group = []
        group.append(rule)
        last = rule[0]
    snapped.extend(_snap(group))
    snapped.sort()
    joined: list[Rule] = []
    for position, start, end in snapped:
        if joined:
            at, first, reach = joined[-1]
            if at == position and start <= reach + JOIN:
                if end > reach:
                    joined[-1] = (at, first, end)
                continue
        joined.append((position, start, end))
    return [rule for rule in joined if rule[2] - rule[1] >= MIN_LENGTH]


def _snap(group: list[Rule]) -> list[Rule]:
    if not group:
        return []
    mean = sum(rule[0] for rule in group) / len(group)
    return [(mean, start, end) for _, start, end in group]


Point = tuple[float, float]


def _crossings(
    rows: list[Rule], columns: list[Rule], limit: int, tick: Callable[[], None]
) -> dict[Point, tuple[set[int], set[int]]]:
    """Each point where a column rule meets a row rule → (its rows, its columns)."""
    heights = [rule[0] for rule in rows]  # sorted: _merge returns rules by position
    found: dict[Point, tuple[set[int], set[int]]] = {}
    for j, (x, top, bottom) in enumerate(columns):
        if not j % _CHECK_EVERY:
            tick()
        for i in range(bisect_left(heights, top - CROSS), bisect_right(heights, bottom + CROSS)):
            y, x0, x1 = rows[i]
            if x0 - CROSS <= x <= x1 + CROSS:
                point = (x, y)
                entry = found.get(point)
                if entry is None:
                    if len(found) >= limit:
                        raise TooManyCrossingsError(len(found) + 1)
                    entry = found[point] = (set(), set())
                entry[0].add(i)
                entry[1].add(j)
    return found


def _open_ends(
    rows: list[Rule],
    columns: list[Rule],
    crossings: dict[Point, tuple[set[int], set[int]]],
    tick: Callable[[], None],
) -> list[Rule]:
    """The row rules with the open ends of tables closed, or ``[]`` if none is open.

    A column rule's end is *open* when the rule runs on past the first (last) row rule it
    crosses by :data:`MIN_OPEN` or more; a column rule crossing none is open at both
    ends. An open end is closed, at its level, to its neighbour of the same table:

    * another open end level with it (within :data:`SNAP`);
    * the near end of a row rule level with it (the rule stops at the next column);

    where the first (last) row rule one of the two columns crosses reaches the other:
    a rule drawn across both says they are one table's, not two tables side by side.
    A column rule crossing no row rule at all (the edge of a merged cell filling the part
    from top to bottom) is the table's when its two ends are level with the table's top
    and bottom rules, which end at the same column next to it. The work is linear in the
    crossings and the open ends (times the rules level with each).
    """
    first: dict[int, tuple[float, int]] = {}  # column → (y, row) of its highest crossing
    last: dict[int, tuple[float, int]] = {}  # … and its lowest
    for (_, y), (row_set, column_set) in crossings.items():
        row = min(row_set)
        for j in column_set:
            if j not in first or y < first[j][0]:
                first[j] = (y, row)
            if j not in last or y > last[j][0]:
                last[j] = (y, row)
    heights = [rule[0] for rule in rows]
    closing: list[Rule] = []
    for ends, sign in ((first, 1.0), (last, -1.0)):
        # Open ends: (level, x, the row rule the column meets from it).
        found: list[tuple[float, float, int]] = []
        for j, (y, row) in ends.items():
            x, top, bottom = columns[j]
            end = top if sign > 0 else bottom
            if (y - end) * sign >= MIN_OPEN:
                found.append((end, x, row))
        found.sort()
        group: list[tuple[float, float, int]] = []
        for item in [*found, None]:
            if item is not None and (not group or item[0] - group[0][0] <= SNAP):
                group.append(item)
                continue
            tick()
            closing.extend(_close(group, rows, heights))
            group = [item] if item is not None else []
    free = [columns[j] for j in range(len(columns)) if j not in first]
    if not closing and not free:
        return []
    merged = _merge(rows + closing) if closing else list(rows)
    if free and _attach(free, merged, tick):
        return merged
    return merged if closing else []


def _reaches(rule: Rule, x: float) -> bool:
    return rule[1] - CROSS <= x <= rule[2] + CROSS


def _close(
    group: list[tuple[float, float, int]], rows: list[Rule], heights: list[float]
) -> list[Rule]:
    """Rules closing the open ends of one level (see :func:`_open_ends`)."""
    if not group:
        return []
    level = sum(end for end, _, _ in group) / len(group)
    ordered = sorted(group, key=lambda item: item[1])
    beside = rows[bisect_left(heights, level - SNAP) : bisect_right(heights, level + SNAP)]
    out: list[Rule] = []
    for k, (_, x, row) in enumerate(ordered):
        own = rows[row]
        if k + 1 < len(ordered):
            _, right, right_row = ordered[k + 1]
            if _reaches(own, right) or _reaches(rows[right_row], x):
                out.append((level, x, right))
                continue
        # A row rule level with the end, stopping at the next column: its near end.
        starts = [rule[1] for rule in beside if rule[1] > x + CROSS and _reaches(own, rule[1])]
        stops = [rule[2] for rule in beside if rule[2] < x - CROSS and _reaches(own, rule[2])]
        if starts:
            out.append((level, x, min(starts)))
        if stops:
            out.append((level, max(stops), x))
    return out


def _attach(free: list[Rule], rows: list[Rule], tick: Callable[[], None]) -> bool:
    """Extend, in place, the top and bottom rules of a table to a column rule crossing
    none (``free``) whose ends are level with them, where both stop at the same column
    next to it. Returns whether any was extended."""
    heights = [rule[0] for rule in rows]
    changed = False
    # Nearest first: leftwards in falling x, rightwards in rising x.
    for leftwards in (True, False):
        side = 1 if leftwards else 2
        for x, top, bottom in sorted(free, reverse=leftwards):
            tick()
            near: list[int] = []
            for level in (top, bottom):
                at = range(bisect_left(heights, level - SNAP), bisect_right(heights, level + SNAP))
                if leftwards:
                    beyond = [i for i in at if rows[i][1] > x + CROSS]
                    near.append(min(beyond, key=lambda i: rows[i][1], default=-1))
                else:
                    beyond = [i for i in at if rows[i][2] < x - CROSS]
                    near.append(max(beyond, key=lambda i: rows[i][2], default=-1))
            up, down = near
            if up < 0 or down < 0 or up == down:
                continue
            if abs(rows[up][side] - rows[down][side]) > CROSS:
                continue
            for i in (up, down):
                y, x0, x1 = rows[i]
                rows[i] = (y, x, x1) if leftwards else (y, x0, x)
            changed = True
    return changed


def _cells(
    crossings: dict[Point, tuple[set[int], set[int]]], tick: Callable[[], None]
) -> list[Box]:
    """The smallest ruled rectangle to the lower right of each crossing."""
    down: dict[float, list[Point]] = {}
    across: dict[float, list[Point]] = {}
    for point in sorted(crossings):
        down.setdefault(point[0], []).append(point)
        across.setdefault(point[1], []).append(point)
    place = {point: i for line in down.values() for i, point in enumerate(line)}
    place_across = {point: i for line in across.values() for i, point in enumerate(line)}
    cells: list[Box] = []
    for n, (point, (rows, columns)) in enumerate(sorted(crossings.items())):
        if not n % _CHECK_EVERY:
            tick()
        x, y = point
        below = down[x][place[point] + 1 :]
        right = across[y][place_across[point] + 1 :]
        cell = _smallest(point, rows, columns, below, right, crossings)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(
    point: Point,
    rows: set[int],
    columns: set[int],
    below: list[Point],
    right: list[Point],
    crossings: dict[Point, tuple[set[int], set[int]]],
) -> Box | None:
    # Points down a rule (or along one) are joined to ``point`` while they are on one of
    # its rules: the rules are disjoint segments, so the first that is not ends the run.
    for low in below:
        low_rows, low_columns = crossings[low]
        if not columns & low_columns:
            break
        for side in right:
            side_rows, side_columns = crossings[side]
            if not rows & side_rows:
                break
            corner = crossings.get((side[0], low[1]))
            if corner is not None and corner[1] & side_columns and corner[0] & low_rows:
                return (point[0], point[1], side[0], low[1])
    return None


def _group(cells: list[Box]) -> list[list[Box]]:
    """Cells sharing a corner are one table; tables of one cell are dropped."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                a, b = root(i), root(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    tables: dict[int, list[Box]] = {}
    for i, cell in enumerate(cells):
        tables.setdefault(root(i), []).append(cell)
    found = [group for group in tables.values() if len(group) > 1]
    found.sort(key=lambda group: min((cell[1], cell[0]) for cell in group))
    return found
