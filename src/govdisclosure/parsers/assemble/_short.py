"""Rows short of cells: where the missing cells could be, and which places the sums allow.

A web page or Word file lays a row's cells out from the left: a row printed with one
``<td>`` too few puts every figure after the gap under the next header, and the file does
not say where the gap is. Reading it by position would shift the figures silently. So
every placement of the gap is considered — the row's cells keep their order, and ``k``
of the header's ``n`` columns get none — and kept only where the table's sums can hold:
each block's parts add up to its total (a blank cell counts as 0, a missing cell may be
anything not negative). The table reader (:mod:`._tables`) reads the row when one
placement is left (table 三 first tries the column identities across rows as well) and
otherwise reads only the cells every placement left puts in the same column.
"""

from __future__ import annotations

from collections.abc import Container, Iterator, Sequence
from itertools import combinations
from math import comb

__all__ = ["GAP", "MAX_PLACEMENTS", "feasible", "placements", "too_many"]

#: A column that gets no cell in a placement.
GAP = -1
#: The most placements tried; beyond, every cell's column counts as uncertain.
MAX_PLACEMENTS = 5_000


def placements(order: Sequence[int], cells: int) -> Iterator[tuple[int, ...]]:
    """Each way to give ``cells`` cells, in order, to the columns ``order`` (slots, left
    to right) leaving the others without one: per slot, the cell's index or :data:`GAP`.

    The tuple is indexed by slot (``max(order) + 1`` long; slots not in ``order`` get
    :data:`GAP`).
    """
    n = len(order)
    width = max(order, default=-1) + 1
    for gaps in combinations(range(n), n - cells):
        out = [GAP] * width
        skipped = set(gaps)
        index = 0
        for position, slot in enumerate(order):
            if position in skipped:
                continue
            out[slot] = index
            index += 1
        yield tuple(out)


def too_many(order: Sequence[int], cells: int) -> bool:
    """Whether there are more placements than :data:`MAX_PLACEMENTS`."""
    n = len(order)
    return cells > n or comb(n, n - cells) > MAX_PLACEMENTS


def feasible(
    placement: Sequence[int],
    values: Sequence[int | None],
    groups: int,
    parts: int,
    unknown: Container[int] = (),
) -> bool:
    """Whether the sums can hold with the cells so placed.

    ``values`` are the cells' values (``None``: blank; the cells in ``unknown`` could not
    be read and may be anything, like a gap); the table has ``groups`` blocks of
    ``parts`` parts and their total. A blank part counts as 0. A block with a gap among
    its parts holds when its known parts do not exceed its total; with a gap as its
    total, or a total printed blank (which says nothing of its parts: reports leave
    totals blank beside filled parts), always.
    """
    size = parts + 1
    for group in range(groups):
        block = placement[group * size : (group + 1) * size]
        if len(block) < size:
            continue
        *terms, total = block
        if total == GAP or total in unknown or values[total] is None:
            continue
        free = any(i == GAP or i in unknown for i in terms)
        known = sum(values[i] or 0 for i in terms if i != GAP and i not in unknown)
        stated = values[total] or 0  # a total is not blank here
        if known > stated or (not free and known != stated):
            return False
    return True
