"""A page image's geometry: its skew, its ruled lines and the tables drawn with them.

Used by the OCR front-end (:mod:`._ocr`, the ``ocr`` extra: numpy and OpenCV). Sizes are
given in points and turned into pixels with the page's ``scale`` (pixels per point), so
the same rules hold at 150 and at 300 dpi.

* **Skew.** A scan or a photo is seldom straight. The page is turned by the angle (within
  ±5°) at which its rows of ink — text lines and ruled lines — are sharpest: the sum of
  squares of the ink per pixel row is largest there (a projection profile).
* **Ruled lines.** Ink is told from paper by a local threshold (uneven light in a photo
  does not matter); horizontal lines are runs of ink at least :data:`_MIN_RULE_H` long,
  vertical lines at least :data:`_MIN_RULE_V` tall (a character's strokes are shorter),
  found by morphological opening, small gaps (noise, JPEG) closed.
* **Tables.** Lines that cross or touch form one table. Its grid lines are the lines'
  positions, clustered; a vertical line without a horizontal one reaching it at both ends
  is kept only where it touches the table. Two neighbouring grid slots belong to one
  merged cell where no line is drawn between them. A table needs two columns at least;
  a ruled box of one column (a framed paragraph) is not a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs
import cv2
import numpy as np
from numpy.typing import NDArray

__all__ = [
    "Box",
    "Grid",
    "GridCell",
    "Pixels",
    "Straightened",
    "as_grey",
    "erase",
    "find_tables",
    "ink",
    "ink_boxes",
    "rule_masks",
    "straighten",
]

Pixels = NDArray[Any]
"""An 8-bit image: grey levels, or a mask (255 where set)."""
Box = tuple[float, float, float, float]

_MAX_SKEW = 5.0
"""Degrees: the largest skew looked for."""
_SKEW_WIDTH = 800
"""Pixels: the width the page is reduced to while its skew is measured."""
_MIN_SKEW = 0.05
"""Degrees: a smaller skew is left alone (under a pixel across an A4 page at 300 dpi)."""
_MIN_RULE_H = 20.0
"""Points: the shortest horizontal rule (a table column is wider; a stroke of a 16-point
character is shorter)."""
_MIN_RULE_V = 11.0
"""Points: the shortest vertical rule (a table row is taller; a stroke of a 10.5-point
character is shorter; taller strokes of headings stand away from every table)."""
_GAP = 1.5
"""Points: gaps in a rule closed before it is measured (noise, JPEG blocks)."""
_TOUCH = 2.5
"""Points: how near a rule's end must come to another rule to touch it."""
_SAME_LINE = 3.0
"""Points: rules of one table within this distance are the same grid line."""
_OPEN_EDGE = 5.0
"""Points: a rule running past the outermost crossing rule by more than this ends the
table there (a table without a border on that side, or cut by the page edge)."""
_BAND = 2.0
"""Points either side of a grid line searched for its rule between two slots."""
_DRAWN = 0.5
"""The share of a slot's side a rule must cover for the side to be drawn."""


@attrs.frozen
class Straightened:
    """A page image turned upright, and the way back to the image as given.

    Attributes:
        grey: the straightened page, 8-bit grey, white where the turn uncovered paper.
        angle: the degrees it was turned by (counter-clockwise; 0 when left alone).
        back: the 2×3 affine matrix from straightened to original pixel coordinates.
    """

    grey: Pixels
    angle: float
    back: NDArray[np.float64]

    def original(self, box: Box) -> Box:
        """The box (x0, y0, x1, y1) of the straightened page as a box of the original."""
        x0, y0, x1, y1 = box
        corners = np.array([[x0, y0, 1.0], [x1, y0, 1.0], [x1, y1, 1.0], [x0, y1, 1.0]])
        mapped = corners @ self.back.T
        return (
            float(mapped[:, 0].min()),
            float(mapped[:, 1].min()),
            float(mapped[:, 0].max()),
            float(mapped[:, 1].max()),
        )


@attrs.frozen
class GridCell:
    """A cell of a ruled table: its top-left grid slot, its spans and its box (pixels)."""

    row: int
    column: int
    rowspan: int
    colspan: int
    box: Box


@attrs.frozen
class Grid:
    """A ruled table found in a page image (pixels of the straightened page).

    Attributes:
        xs: the column edges, left to right.
        ys: the row edges, top to bottom.
        cells: every cell once, row by row.
        slots: for each grid slot (row, column), the index of its cell in ``cells``.
    """

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]
    slots: tuple[tuple[int, ...], ...]

    @property
    def box(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def row_at(self, y: float) -> int:
        """The grid row under ``y`` (-1 above the table, ``len(ys) - 1`` below it)."""
        return int(np.searchsorted(self.ys, y, side="right")) - 1

    def cell_at(self, x: float, y: float) -> int | None:
        """The index of the cell under the point, or ``None`` outside the table."""
        if not (self.xs[0] <= x < self.xs[-1] and self.ys[0] <= y < self.ys[-1]):
            return None
        column = int(np.searchsorted(self.xs, x, side="right")) - 1
        row = int(np.searchsorted(self.ys, y, side="right")) - 1
        return self.slots[row][column]


def _odd(value: float) -> int:
    n = max(3, round(value))
    return n if n % 2 else n + 1


def ink(grey: Pixels, scale: float) -> Pixels:
    """Ink (255) and paper (0), by a threshold local to each part of the page."""
    block = _odd(8.0 * scale)
    # A light blur first: specks of noise must not bridge the gaps between strokes.
    smooth = cv2.GaussianBlur(grey, (3, 3), 0)
    binary: Pixels = cv2.adaptiveThreshold(
        smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12
    )
    return binary


def straighten(grey: Pixels, scale: float) -> Straightened:
    """The page turned upright (see the module's docstring), and how to map back."""
    height, width = grey.shape
    identity = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    if width < 16 or height < 16:
        return Straightened(grey, 0.0, identity)
    factor = min(1.0, _SKEW_WIDTH / width)
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    density = ink(small, scale * factor).astype(np.float32) / 255.0
    angle = _best_angle(density, -_MAX_SKEW, _MAX_SKEW, 0.25)
    angle = _best_angle(density, angle - 0.25, angle + 0.25, 0.025)
    if abs(angle) < _MIN_SKEW:
        return Straightened(grey, 0.0, identity)
    centre = (width / 2.0, height / 2.0)
    turn = cv2.getRotationMatrix2D(centre, angle, 1.0)
    turned: Pixels = cv2.warpAffine(
        grey,
        turn,
        (width, height),
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=255,
    )
    back = cv2.invertAffineTransform(turn).astype(np.float64)
    return Straightened(turned, float(angle), back)


def _best_angle(density: NDArray[np.float32], lo: float, hi: float, step: float) -> float:
    height, width = density.shape
    centre = (width / 2.0, height / 2.0)
    best, best_score = 0.0, -1.0
    steps = round((hi - lo) / step)
    for i in range(steps + 1):
        angle = lo + i * step
        turn = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(density, turn, (width, height), flags=cv2.INTER_LINEAR)
        rows = turned.sum(axis=1, dtype=np.float64)
        score = float(np.dot(rows, rows))
        # Ties (a blank page) keep the angle nearest to upright.
        if score > best_score * (1 + 1e-9) or (
            math.isclose(score, best_score) and abs(angle) < abs(best)
        ):
            best, best_score = angle, score
    return round(best, 3)


def rule_masks(binary: Pixels, scale: float) -> tuple[Pixels, Pixels]:
    """The horizontal and the vertical rules of a page's ink, as two masks."""
    gap = max(1, round(_GAP * scale))
    horizontal = cv2.morphologyEx(
        binary,
        cv2.MORPH_OPEN,
        cv2.getStructuringElement(cv2.MORPH_RECT, (_px(_MIN_RULE_H, scale), 1)),
    )
    horizontal = cv2.morphologyEx(
        horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap * 2 + 1, 1))
    )
    vertical = cv2.morphologyEx(
        binary,
        cv2.MORPH_OPEN,
        cv2.getStructuringElement(cv2.MORPH_RECT, (1, _px(_MIN_RULE_V, scale))),
    )
    vertical = cv2.morphologyEx(
        vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap * 2 + 1))
    )
    return horizontal, vertical


def _px(points: float, scale: float) -> int:
    return max(3, round(points * scale))


@attrs.frozen
class _Rule:
    """A ruled line: horizontal (``at`` is its y, ``lo``/``hi`` its x extent) or vertical
    (``at`` its x, ``lo``/``hi`` its y extent)."""

    at: float
    lo: float
    hi: float


def _rules(mask: Pixels, *, horizontal: bool, shortest: float) -> list[_Rule]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    rules: list[_Rule] = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if horizontal and w >= shortest:
            rules.append(_Rule(y + h / 2.0, float(x), float(x + w)))
        elif not horizontal and h >= shortest:
            rules.append(_Rule(x + w / 2.0, float(y), float(y + h)))
    return rules


def find_tables(
    horizontal: Pixels, vertical: Pixels, scale: float, *, max_slots: int
) -> list[Grid]:
    """The ruled tables of a page, top to bottom, from its rule masks.

    ``max_slots`` bounds the grid slots of one page (a page of noise must not build a
    grid of millions of slots): tables beyond it are not built.
    """
    across = _rules(horizontal, horizontal=True, shortest=_MIN_RULE_H * scale)
    down = _rules(vertical, horizontal=False, shortest=_MIN_RULE_V * scale)
    touch = _TOUCH * scale
    parent = list(range(len(across) + len(down)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    crossed = [False] * len(down)
    for i, h in enumerate(across):
        for j, v in enumerate(down):
            if h.lo - touch <= v.at <= h.hi + touch and v.lo - touch <= h.at <= v.hi + touch:
                parent[find(i)] = find(len(across) + j)
                crossed[j] = True
    groups: dict[int, tuple[list[_Rule], list[_Rule]]] = {}
    for i, h in enumerate(across):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(down):
        if crossed[j]:
            groups.setdefault(find(len(across) + j), ([], []))[1].append(v)
    grids: list[Grid] = []
    budget = max_slots
    for hs, vs in groups.values():
        if len(hs) < 2 or not vs:
            continue
        grid = _grid(hs, vs, horizontal, vertical, scale, budget)
        if grid is not None:
            budget -= (len(grid.xs) - 1) * (len(grid.ys) - 1)
            grids.append(grid)
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids


def _cluster(values: Sequence[float], tolerance: float) -> list[float]:
    """Sorted positions, those within ``tolerance`` of each other taken as one (their
    mean)."""
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= tolerance:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def _grid(
    hs: list[_Rule],
    vs: list[_Rule],
    horizontal: Pixels,
    vertical: Pixels,
    scale: float,
    budget: int,
) -> Grid | None:
    same = _SAME_LINE * scale
    ys = _cluster([h.at for h in hs], same)
    # A vertical rule counts where it runs between the table's horizontal rules: the
    # strokes of a heading just above the table may touch its top rule.
    inside = _MIN_RULE_V * scale / 2
    vs = [v for v in vs if min(v.hi, ys[-1]) - max(v.lo, ys[0]) >= inside]
    if not vs:
        return None
    xs = _cluster([v.at for v in vs], same)
    # A table open on one side (or cut by the page edge) ends where its rules end: at
    # least two of them must agree.
    open_edge = _OPEN_EDGE * scale
    xs = _open_edges(xs, [h.lo for h in hs], [h.hi for h in hs], open_edge, same)
    ys = _open_edges(ys, [v.lo for v in vs], [v.hi for v in vs], open_edge, same)
    n_rows, n_columns = len(ys) - 1, len(xs) - 1
    if n_columns < 2 or n_rows < 1 or n_rows * n_columns > budget:
        return None
    band = max(1, round(_BAND * scale))
    margin = max(1, round(_TOUCH * scale))
    # Whether the side between two slots is drawn: right[r][c] between (r, c) and
    # (r, c + 1); below[r][c] between (r, c) and (r + 1, c).
    right_drawn = [
        [
            _drawn(vertical, xs[c + 1], ys[r], ys[r + 1], band, margin, vertical=True)
            for c in range(n_columns - 1)
        ]
        for r in range(n_rows)
    ]
    below_drawn = [
        [
            _drawn(horizontal, ys[r + 1], xs[c], xs[c + 1], band, margin, vertical=False)
            for c in range(n_columns)
        ]
        for r in range(n_rows - 1)
    ]
    return _cells(xs, ys, right_drawn, below_drawn)


def _open_edges(
    edges: list[float], starts: list[float], ends: list[float], beyond: float, same: float
) -> list[float]:
    """``edges`` with an outer edge added on a side where two rules or more run on past
    the outermost edge by more than ``beyond`` (at the nearest of their ends)."""
    before = _cluster([s for s in starts if edges[0] - s > beyond], same)
    after = _cluster([e for e in ends if e - edges[-1] > beyond], same)
    out = list(edges)
    if before and sum(1 for s in starts if edges[0] - s > beyond) >= 2:
        out.insert(0, max(before))
    if after and sum(1 for e in ends if e - edges[-1] > beyond) >= 2:
        out.append(min(after))
    return out


def _drawn(
    mask: Pixels, at: float, lo: float, hi: float, band: int, margin: int, *, vertical: bool
) -> bool:
    """Whether a rule covers most of the segment from ``lo`` to ``hi`` at ``at``."""
    a, b = round(lo) + margin, round(hi) - margin
    if b <= a:
        a, b = round(lo), round(hi)
    if b <= a:
        return True
    centre = round(at)
    if vertical:
        strip = mask[a:b, max(0, centre - band) : centre + band + 1]
        covered = strip.any(axis=1)
    else:
        strip = mask[max(0, centre - band) : centre + band + 1, a:b]
        covered = strip.any(axis=0)
    return bool(covered.size) and float(covered.mean()) >= _DRAWN


def _cells(
    xs: list[float],
    ys: list[float],
    right_drawn: list[list[bool]],
    below_drawn: list[list[bool]],
) -> Grid:
    """Slots joined where no rule parts them, each group widened to a rectangle."""
    n_rows, n_columns = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_columns))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> bool:
        ra, rb = find(a), find(b)
        if ra == rb:
            return False
        parent[max(ra, rb)] = min(ra, rb)
        return True

    for r in range(n_rows):
        for c in range(n_columns):
            if c + 1 < n_columns and not right_drawn[r][c]:
                join(r * n_columns + c, r * n_columns + c + 1)
            if r + 1 < n_rows and not below_drawn[r][c]:
                join(r * n_columns + c, (r + 1) * n_columns + c)
    # A group that is not a rectangle takes in every slot of its bounding rectangle.
    changed = True
    while changed:
        changed = False
        extent: dict[int, list[int]] = {}
        for i in range(n_rows * n_columns):
            r, c = divmod(i, n_columns)
            e = extent.setdefault(find(i), [r, c, r, c])
            e[0], e[1], e[2], e[3] = min(e[0], r), min(e[1], c), max(e[2], r), max(e[3], c)
        for r0, c0, r1, c1 in extent.values():
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    changed |= join(r0 * n_columns + c0, r * n_columns + c)
    order: dict[int, int] = {}
    cells: list[GridCell] = []
    slots: list[list[int]] = [[0] * n_columns for _ in range(n_rows)]
    spans: dict[int, list[int]] = {}
    for i in range(n_rows * n_columns):
        r, c = divmod(i, n_columns)
        e = spans.setdefault(find(i), [r, c, r, c])
        e[2], e[3] = max(e[2], r), max(e[3], c)
    for i in range(n_rows * n_columns):
        r, c = divmod(i, n_columns)
        root = find(i)
        if root not in order:
            r0, c0, r1, c1 = spans[root]
            order[root] = len(cells)
            cells.append(
                GridCell(
                    row=r0,
                    column=c0,
                    rowspan=r1 - r0 + 1,
                    colspan=c1 - c0 + 1,
                    box=(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]),
                )
            )
        slots[r][c] = order[root]
    return Grid(
        xs=tuple(xs),
        ys=tuple(ys),
        cells=tuple(cells),
        slots=tuple(tuple(row) for row in slots),
    )


def erase(
    grey: Pixels, horizontal: Pixels, vertical: Pixels, grids: Sequence[Grid], scale: float
) -> tuple[Pixels, Pixels]:
    """The page with its tables' rules painted over in white (the recogniser reads cells
    better without their borders), and the mask of what was painted over.

    Only rules on a table's grid lines are painted over: a long stroke of a character
    elsewhere on the page is not a rule.
    """
    band = max(1, round(_BAND * scale))
    mask = np.zeros_like(grey)
    for grid in grids:
        x0, y0, x1, y1 = (round(v) for v in grid.box)
        left, right = max(0, x0 - band), x1 + band + 1
        top, bottom = max(0, y0 - band), y1 + band + 1
        for y in grid.ys:
            a, b = max(0, round(y) - band), round(y) + band + 1
            mask[a:b, left:right] |= horizontal[a:b, left:right]
        for x in grid.xs:
            a, b = max(0, round(x) - band), round(x) + band + 1
            mask[top:bottom, a:b] |= vertical[top:bottom, a:b]
    rules: Pixels = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    clean = grey.copy()
    clean[rules > 0] = 255
    return clean, rules


def ink_boxes(binary: Pixels, box: Box, scale: float) -> list[Box]:
    """Marks of ink inside ``box`` big enough to be a character (specks of noise and the
    cell's own borders left out), as boxes of the page."""
    x0, y0, x1, y1 = (round(v) for v in box)
    inset = max(2, round(_BAND * scale))
    x0, y0, x1, y1 = x0 + inset, y0 + inset, x1 - inset, y1 - inset
    if x1 <= x0 or y1 <= y0:
        return []
    part = binary[y0:y1, x0:x1]
    count, _, stats, _ = cv2.connectedComponentsWithStats(part, connectivity=8)
    smallest = 3.0 * scale
    found: list[Box] = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if max(w, h) >= smallest:
            found.append((float(x0 + x), float(y0 + y), float(x0 + x + w), float(y0 + y + h)))
    return found


def as_grey(array: Any) -> Pixels:
    """An 8-bit grey array from a PIL image's array (grey, RGB or RGBA)."""
    data = np.asarray(array)
    if data.ndim == 3:
        if data.shape[2] == 4:
            data = cv2.cvtColor(data, cv2.COLOR_RGBA2GRAY)
        else:
            data = cv2.cvtColor(data[:, :, :3], cv2.COLOR_RGB2GRAY)
    if data.dtype != np.uint8:
        data = np.clip(data, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(data)
