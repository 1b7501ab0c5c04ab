"""Tables continued from one scanned page to the next, joined into one.

:func:`join_pages` takes the blocks that :func:`~._ocr.read_page_image` read from
consecutive pages and joins a table that ends a page to the table that starts the next,
as the PDF front-end does for pages with text (note ``table-joined``): when the first
reaches the bottom quarter of its page and the second starts in the top quarter, at most
two lines stand between them in the page margins (a running footer or header), and their
columns line up.

A scan is not a print: each page is turned and shifted on the glass by its own small
amount, and a box in the page's coordinates moves with it (the box of a cell many rows
tall widens with the turn). Columns are therefore compared by the edges of the cells one
row high in the rows that meet at the break, measured from the right edge of the last of
them, with a tolerance of :data:`_EDGE_TOLERANCE`; each part's grid columns are mapped
onto the joined table's by the edges its rows show, measured from the left edge of the
rows that start with a cell one row high.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

import attrs

from .._document import Block, Table, TableCell, TextBlock
from .._notes import TABLE_JOINED, Note

__all__ = ["continued", "join_pages", "joined", "renumbered"]

_EDGE_TOLERANCE = 4.0
"""Points within which two column edges (of two parts of one table) are the same edge."""
_RUNNING_LINES = 2
"""The most text lines (running footer and header) between two parts of one table."""
_MARGIN = 1 / 8
"""The top and bottom eighth of a page: where running headers and footers stand."""


def join_pages(
    pages: Sequence[tuple[Sequence[Block], float]], *, first_table: int = 1
) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
    """The blocks of consecutive pages, tables continued over a page break joined.

    Args:
        pages: each page's blocks (as :func:`~._ocr.read_page_image` returns them) and
            its height in points.
        first_table: the :attr:`Table.index` of the first table; the tables are
            numbered on from it.

    Returns:
        The blocks, in order, with the tables renumbered, and a ``table-joined`` note
        for each table joined.
    """
    groups: list[list[Table]] = []
    continuing: set[int] = set()  # id() of the tables that continue an earlier one
    previous: tuple[list[Block], float] | None = None
    for blocks, height in pages:
        items = list(blocks)
        if previous is not None:
            upper = continued(previous[0], previous[1], items, height)
            if upper is not None:
                lower = next(b for b in items if isinstance(b, Table))
                group = next(g for g in groups if g[-1] is upper)
                group.append(lower)
                continuing.add(id(lower))
        for block in items:
            if isinstance(block, Table) and id(block) not in continuing:
                groups.append([block])
        previous = (items, height)
    out: list[Block] = []
    notes: list[Note] = []
    index = first_table - 1
    heads = {id(group[0]): group for group in groups}
    for blocks, _ in pages:
        for block in blocks:
            if isinstance(block, TextBlock):
                out.append(block)
            elif id(block) in heads:
                index += 1
                group = heads[id(block)]
                out.append(joined(group, index))
                if len(group) > 1:
                    notes.append(_note(group, index))
    return tuple(out), tuple(notes)


def continued(
    before: list[Block], before_height: float, after: list[Block], height: float
) -> Table | None:
    """The table of the page before that the first table of this page continues, if
    any (see the module)."""
    last = max((i for i, b in enumerate(before) if isinstance(b, Table)), default=None)
    first = min((i for i, b in enumerate(after) if isinstance(b, Table)), default=None)
    if last is None or first is None:
        return None
    upper, lower = before[last], after[first]
    assert isinstance(upper, Table)
    assert isinstance(lower, Table)
    footer, header = before[last + 1 :], after[:first]
    if len(footer) > _RUNNING_LINES or len(header) > _RUNNING_LINES:
        return None
    if any(_box(b)[1] < before_height * (1 - _MARGIN) for b in footer):
        return None
    if any(_box(b)[3] > height * _MARGIN for b in header):
        return None
    if _box(upper)[3] < before_height * 0.75 or _box(lower)[1] > height * 0.25:
        return None
    if not _same_columns(_edges(upper, last_row=True), _edges(lower, last_row=False)):
        return None
    if _mappings([upper, lower]) is None:
        return None
    return upper


def _box(block: Block) -> tuple[float, float, float, float]:
    span = block.span
    bbox = span.bbox if span is not None else None
    return bbox if bbox is not None else (0.0, 0.0, 0.0, 0.0)


def _edges(table: Table, *, last_row: bool) -> list[float]:
    """The column edges the cells one row high of a table's last (or first) row show,
    measured leftwards from the right edge of the last of them."""
    row = table.n_rows - 1 if last_row else 0
    boxes = [
        c.span.bbox
        for c in table.cells
        if c.row == row and c.rowspan == 1 and c.span.bbox is not None
    ]
    if not boxes:
        return []
    right = max(box[2] for box in boxes)
    return sorted({round(right - x, 2) for box in boxes for x in (box[0], box[2])})


def _same_columns(upper: list[float], lower: list[float]) -> bool:
    """Whether two parts line up: the edges of one within the other's, three at least
    (the first rows of a part may start further right, under a taller stub cell)."""
    if len(upper) < 3 or len(lower) < 3:
        return False

    def within(inner: list[float], outer: list[float]) -> bool:
        return all(any(abs(x - y) <= _EDGE_TOLERANCE for y in outer) for x in inner)

    return within(upper, lower) or within(lower, upper)


def _grid_edges(table: Table) -> list[float] | None:
    """Each grid column's edges, relative to the table's left edge: the median over the
    rows that start with a cell one row high (``None`` if an edge shows in none)."""
    found: dict[int, list[float]] = {}
    for row in range(table.n_rows):
        cells = sorted(
            (c for c in table.cells if c.row == row and c.span.bbox is not None),
            key=lambda c: c.column,
        )
        if not cells or cells[0].column != 0:
            continue
        left = cells[0].span.bbox[0] if cells[0].span.bbox is not None else 0.0
        for cell in cells:
            box = cell.span.bbox
            if box is None or cell.rowspan != 1:
                continue
            found.setdefault(cell.column, []).append(box[0] - left)
            found.setdefault(cell.column + cell.colspan, []).append(box[2] - left)
    if any(i not in found for i in range(table.n_columns + 1)):
        return None
    return [median(found[i]) for i in range(table.n_columns + 1)]


def _mappings(parts: list[Table]) -> tuple[list[list[int]], int] | None:
    """For each part, its grid columns' places in the joined table, and the joined
    table's columns; ``None`` when the parts' edges cannot be told."""
    if len({part.n_columns for part in parts}) == 1:
        width = parts[0].n_columns
        return [list(range(width + 1)) for _ in parts], width
    per_part = [_grid_edges(part) for part in parts]
    if any(own is None for own in per_part):
        return None
    widths = [own[-1] for own in per_part if own]
    if max(widths) - min(widths) > _EDGE_TOLERANCE:
        return None  # one part is narrower: not the same table
    # The first part's edges, and those of the others that are none of them.
    edges = list(per_part[0] or [])
    for own in per_part[1:]:
        for x in own or []:
            if all(abs(x - e) > _EDGE_TOLERANCE for e in edges):
                edges.append(x)
    edges.sort()
    maps = [[_nearest(edges, x) for x in own or []] for own in per_part]
    return maps, len(edges) - 1


def joined(parts: list[Table], index: int) -> Table:
    """One table, number ``index``, from the parts of a table over several pages: rows
    following each other, columns mapped onto the parts' edges (the first part alone,
    renumbered, when they cannot be mapped)."""
    mapped = _mappings(parts) if len(parts) > 1 else None
    if mapped is None:
        return renumbered(parts[0], index)
    maps, width = mapped
    cells: list[TableCell] = []
    offset = 0
    for part, mapping in zip(parts, maps, strict=True):
        for cell in part.cells:
            column = mapping[cell.column]
            colspan = max(1, mapping[cell.column + cell.colspan] - column)
            row = offset + cell.row
            cells.append(
                attrs.evolve(
                    cell,
                    row=row,
                    column=column,
                    colspan=colspan,
                    span=attrs.evolve(cell.span, table=index, row=row + 1, column=column + 1),
                )
            )
        offset += part.n_rows
    first = parts[0]
    span = first.span if first.span is None else attrs.evolve(first.span, table=index)
    return Table(index=index, cells=tuple(cells), n_rows=offset, n_columns=width, span=span)


def renumbered(table: Table, index: int) -> Table:
    """``table`` as the document's table number ``index`` (its cells' spans too)."""
    if table.index == index:
        return table
    return attrs.evolve(
        table,
        index=index,
        cells=tuple(
            attrs.evolve(cell, span=attrs.evolve(cell.span, table=index)) for cell in table.cells
        ),
        span=None if table.span is None else attrs.evolve(table.span, table=index),
    )


def _nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _note(parts: list[Table], index: int) -> Note:
    pages = [str(p.span.page) if p.span is not None else "?" for p in parts]
    return (
        TABLE_JOINED,
        f"第 {index} 个表格跨页（第 {'、'.join(pages)} 页），各页部分的列对齐，已合并为一个表格",
        f"table {index} runs over pages {', '.join(pages)}; its parts' columns line up, so "
        "they were joined into one table",
    )
