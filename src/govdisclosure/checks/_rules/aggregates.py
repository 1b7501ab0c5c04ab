"""GD82x: a region's (汇总) report against the reports it sums up.

Run by :func:`govdisclosure.check_aggregate`, whose context carries the constituent
reports as ``ctx.children``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from ...model import Money, cell_values
from ...model._cellmap import CellValue
from .._finding import Finding, Location, Severity, Value
from .._registry import Context, rule

__all__ = ["UnitMismatchError", "money_total"]


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


def _children_values(ctx: Context) -> list[list[CellValue]]:
    return ctx.memo("children_values", lambda _: [cell_values(c) for c in ctx.children])


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
        yield ctx.finding(
            ref.pointer,
            f"汇总报告此单元格为 {actual}，但 {len(column)} 份组成报告之和{bound_zh}为 {expected}",
            f"the aggregate has {actual}, but its {len(column)} parts add up to "
            f"{bound_en}{expected}",
            related=tuple(
                Location(pointer=ref.pointer, report=f"children/{k}") for k in range(len(column))
            ),
            expected=expected if exact else None,
            actual=actual,
        )
