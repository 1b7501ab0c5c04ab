"""GD82x: a region's (汇总) report against the reports it sums up.

Run by :func:`govdisclosure.check_aggregate`, whose context carries the constituent
reports as ``ctx.children``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from ...model import AnnualReport, CellRef, Money, cell_refs, cell_values
from ...model._cellmap import CellValue
from .._finding import Finding, Location, Origin, Severity, Value
from .._registry import Context, rule

__all__ = [
    "PARTS_INCOMPLETE",
    "UNKNOWN",
    "UnitMismatchError",
    "Unknown",
    "money_total",
    "part_values",
]

#: The code of the rule that explains a region's cell whose parts are incomplete.
PARTS_INCOMPLETE = "GD822"


class Unknown:
    """A part's cell that is not known: unread, or absent from its table 三's layout."""

    def __repr__(self) -> str:
        return "UNKNOWN"


#: The value of a part's cell that is not known (see :func:`part_values`).
UNKNOWN = Unknown()


def part_values(report: AnnualReport, refs: Sequence[CellRef]) -> list[CellValue | Unknown]:
    """The values of ``report`` at the cells ``refs`` (of another report's layout):
    :data:`UNKNOWN` where the cell was left unread, or where ``report`` has no such cell
    (its table 三 prints （六）其他处理 in the other edition's shape)."""
    own = cell_refs(report.layout)
    values = cell_values(report)
    if own is refs and not report.unread:
        return list(values)
    by_pointer = {ref.pointer: value for ref, value in zip(own, values, strict=True)}
    unread = report.unread_pointers
    return [
        by_pointer[ref.pointer]
        if ref.pointer in by_pointer and ref.pointer not in unread
        else UNKNOWN
        for ref in refs
    ]


class UnitMismatchError(Exception):
    """Amounts in different units (or an unknown unit) cannot be added."""


def money_total(amounts: Sequence[Money]) -> Money:
    """The sum of ``amounts``, all in one unit.

    A zero amount fits any unit. Raises :class:`UnitMismatchError` when two non-zero amounts
    are in different units, or one unit is unknown and another is not.
    """
    units = {m.unit for m in amounts if m.value != 0}
    if len(units) > 1:
        raise UnitMismatchError(sorted(str(u) for u in units))
    unit = units.pop() if units else next((m.unit for m in amounts), None)
    return Money(value=sum((m.value for m in amounts), Decimal(0)), unit=unit)


def _children_values(ctx: Context) -> list[list[CellValue | Unknown]]:
    refs = ctx.plan.refs
    return ctx.memo("children_values", lambda _: [part_values(c, refs) for c in ctx.children])


@rule(
    code="GD821",
    name="aggregate-differs-from-parts",
    severity=Severity.WARNING,
    summary="A cell of a region's (汇总) report differs from the sum of its parts.",
    summary_zh="汇总报告某单元格不等于各组成报告之和",
    scope="aggregate",
)
def aggregate_differs(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Every cell of tables 二, 三 and 四 of a region's aggregated report against the sum of
    the same cell in the reports it aggregates (``check_aggregate(parent, children)``).
    Where some parts are blank, the filled ones give a lower bound (counts are never
    negative): the parent is reported only if it is below that bound. Money is compared
    only when the units agree (a zero fits any unit). The signed 2019 本年增/减 is
    compared only when no part is blank.

    The finding is placed on the parent's cell; its related locations are the same cell
    in each child (``Location.report`` is ``"children/<i>"``, ``i`` the child's index).

    ## Why it matters
    County-and-above reports "逐级汇总相关情况和数据" (国办公开办函〔2021〕30号, 二(二);
    spec S-15): the region's figures are the sum of its organs'. Which organs make up an
    aggregate is not stated exactly (spec §7.3: the government's own report, its
    departments, and the next level's aggregates; vertically managed organs excluded) —
    the caller chooses the children — and peer tools treat a difference as a warning.

    ## Example
    A county's 一、本年新收 总计 is 120; its departments' and townships' reports add up
    to 117.

    ## How to fix
    Re-sum the constituents' reports (``govdisclosure.aggregate``), or find the report
    missing from (or counted twice in) the aggregate.
    """
    children = _children_values(ctx)
    if not children:
        return
    refs = ctx.plan.refs
    signed = ctx.plan.signed
    for i, parent in enumerate(ctx.values):
        if parent is None:
            continue
        column = [values[i] for values in children]
        if any(isinstance(v, Unknown) for v in column):
            continue  # a part's cell is not known (GD822)
        expected: Value
        actual: Value
        if isinstance(parent, Money):
            amounts = [v for v in column if isinstance(v, Money)]
            if len(amounts) != len(column):
                continue
            try:
                money_total([*amounts, parent])  # the parent's unit must fit too
                summed = money_total(amounts)
            except UnitMismatchError:
                continue
            if summed.value == parent.value:
                continue
            expected, actual, exact = summed.value, parent.value, True
        else:
            filled = [v for v in column if isinstance(v, int)]
            exact = len(filled) == len(column)
            if not exact and (i in signed or any(v < 0 for v in filled)):
                continue
            summed_count = sum(filled)
            if (parent == summed_count) if exact else (parent >= summed_count):
                continue
            expected, actual = summed_count, parent
        ref = refs[i]
        bound_zh = "" if exact else "至少"
        bound_en = "" if exact else "at least "
        place_zh, place_en = ctx.describe(ref.pointer)
        fix_zh = f"；若各组成报告无误，应为 {expected}" if exact else ""
        fix_en = f"; it should be {expected} if the parts are right" if exact else ""
        yield ctx.finding(
            ref.pointer,
            f"汇总报告{place_zh}为 {actual}，但 {len(column)} 份组成报告之和{bound_zh}为 "
            f"{expected}{fix_zh}",
            f"the aggregate's {place_en} is {actual}, but its {len(column)} parts add up to "
            f"{bound_en}{expected}{fix_en}",
            related=tuple(
                Location(pointer=ref.pointer, report=f"children/{k}") for k in range(len(column))
            ),
            expected=expected if exact else None,
            actual=actual,
        )


@rule(
    code="GD822",
    name="aggregate-parts-incomplete",
    severity=Severity.NOTE,
    summary="Cells of an aggregate that cannot be compared with (or summed from) the parts: "
    "a part's cell was not read.",
    summary_zh="汇总报告中无法与组成报告核对（或无法加总）的单元格：组成报告的该单元格未能读取",
    scope="aggregate",
    origin=Origin.READING,
)
def aggregate_parts_incomplete(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Nothing about the published reports: once per part (``check_aggregate(parent,
    children)``), the cells of the region that cannot be compared with the sum of the
    parts because that part's cell is not known — reading the part left it unread, or
    the part prints table 三's （六）其他处理 in the other edition's shape, so it has no
    such cell. GD821 skips those cells. Its origin is ``reading``.

    :func:`govdisclosure.aggregate` uses this code too, for the region's cells it cannot
    sum: a part's cell blank (by default) or unread. Those cells are ``None`` in the
    result and listed in its ``unread`` with reason ``incomplete_parts`` and the parts'
    indexes.

    ## Why it matters
    A sum over an unknown is unknown. Comparing a region's figure with a sum that leaves
    out a part's unread cell would report differences the publishers did not make.

    ## Example
    A township's PDF printed its table 三 wider than the page; its 总计 column was not
    read, so the county's 总计 column is compared with nothing.

    ## How to fix
    Read the missing cells from the part's document (or another form of it) and fill them
    in; then check again.
    """
    refs = ctx.plan.refs
    for k, values in enumerate(_children_values(ctx)):
        missing = [refs[i].pointer for i, v in enumerate(values) if isinstance(v, Unknown)]
        if not missing:
            continue
        yield ctx.finding(
            "",
            f"组成报告 #{k} 有 {len(missing)} 个单元格未知（未能读取，或表三“（六）其他处理”"
            "行数不同），汇总报告中相应的单元格未核对",
            f"part #{k} has {len(missing)} cell(s) that are not known (unread, or table 三's "
            "（六）其他处理 in another shape); the aggregate's cells there were not checked",
            related=tuple(Location(pointer=p, report=f"children/{k}") for p in missing),
        )
