"""Index plans: the template's identities compiled to positions in the flat cell vector.

:func:`~govdisclosure.model.cell_values` lays every table cell of a report out in one list
(the order of :func:`~govdisclosure.model.cell_refs`). A :class:`Plan` says, per edition,
which positions each identity adds up, so the rules run as plain index arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from operator import add, itemgetter
from typing import Any, NamedTuple

from ..model import (
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    CellRef,
    Edition,
    Layout,
    ProactiveColumn,
    Section,
    cell_refs,
)

__all__ = ["Balance", "Balances", "Block", "Plan", "Sum", "block", "plan"]


class Sum(NamedTuple):
    """An identity ``values[total] == sum(values[i] for i in parts)``.

    ``get(values)`` returns the parts' values as a tuple in one C-level call.
    """

    total: int
    parts: tuple[int, ...]
    get: Callable[[Any], tuple[Any, ...]]


def _sum(total: int, parts: tuple[int, ...]) -> Sum:
    return Sum(total, parts, itemgetter(*parts))


class Block(NamedTuple):
    """A family of :class:`Sum` identities with equally many parts, checked in one go.

    ``get_parts(values)`` returns every identity's parts, identity after identity;
    ``get_totals(values)`` their printed totals; ``width`` is the number of parts each.
    """

    get_parts: Callable[[Any], tuple[Any, ...]]
    get_totals: Callable[[Any], tuple[Any, ...]]
    width: int

    def holds(self, values: Any) -> bool:
        """Whether every identity of the family holds (no cell may be blank)."""
        parts = iter(self.get_parts(values))
        sums = list(map(sum, zip(*([parts] * self.width), strict=True)))
        return sums == list(self.get_totals(values))


def block(identities: tuple[tuple[Any, Sum], ...]) -> Block:
    """The :class:`Block` of ``identities`` (all with the same number of parts)."""
    widths = {len(s.parts) for _, s in identities}
    assert len(widths) == 1, widths
    parts = tuple(i for _, s in identities for i in s.parts)
    totals = tuple(s.total for _, s in identities)
    return Block(itemgetter(*parts), itemgetter(*totals), widths.pop())


class Balance(NamedTuple):
    """Identity T3-A in one column: ``new + over == handled + forward``."""

    new: int
    over: int
    handled: int
    forward: int


class Balances(NamedTuple):
    """Identity T3-A in every column at once: ``new + over == handled + forward``."""

    get_new: Callable[[Any], tuple[Any, ...]]
    get_over: Callable[[Any], tuple[Any, ...]]
    get_handled: Callable[[Any], tuple[Any, ...]]
    get_forward: Callable[[Any], tuple[Any, ...]]

    def hold(self, values: Any) -> bool:
        """Whether T3-A holds in every column (no cell may be blank)."""
        received = list(map(add, self.get_new(values), self.get_over(values)))
        return received == list(map(add, self.get_handled(values), self.get_forward(values)))


class Plan(NamedTuple):
    """The identities of one edition as positions in the flat cell vector."""

    refs: tuple[CellRef, ...]
    positions: dict[str, int]
    row_totals: tuple[tuple[ApplicationRow, Sum], ...]
    outcome_totals: tuple[tuple[Applicant, Sum], ...]
    balances: tuple[tuple[Applicant, Balance], ...]
    appeal_totals: tuple[tuple[AppealKind, Sum], ...]
    row_block: Block
    outcome_block: Block
    appeal_block: Block
    balance_block: Balances
    signed: frozenset[int]
    #: A getter of the count cells that cannot be negative (all but the signed 本年增/减
    #: and the money cells).
    get_unsigned_counts: Callable[[Any], tuple[Any, ...]]
    #: Positions of the money cells (2019 采购总金额, 2021 收费金额).
    money: tuple[int, ...]
    #: The parts of each row's 总计 (table 三's 总计 column, table 四's blocks), by the
    #: total's position.
    parts_of: dict[int, tuple[int, ...]]


def plan(shape: Edition | Layout) -> Plan:
    """The :class:`Plan` of a report's ``shape`` (its :attr:`~AnnualReport.layout`, or an
    edition for its own layout); computed once per layout."""
    return _plan(shape if isinstance(shape, Layout) else Layout(shape, shape))


@cache
def _plan(layout: Layout) -> Plan:
    refs = cell_refs(layout)
    index = {ref.pointer: i for i, ref in enumerate(refs)}

    def at(row: ApplicationRow, column: Applicant) -> int:
        return index[f"/applications/{row.value}/{column.value}"]

    rows = ApplicationRow.for_edition(layout.applications)
    parts = [a for a in Applicant if not a.is_total]
    row_totals = tuple(
        (row, _sum(at(row, Applicant.TOTAL), tuple(at(row, c) for c in parts))) for row in rows
    )
    outcomes = [r for r in rows if r.is_outcome]
    outcome_totals = tuple(
        (c, _sum(at(ApplicationRow.TOTAL_HANDLED, c), tuple(at(r, c) for r in outcomes)))
        for c in Applicant
    )
    balances = tuple(
        (
            c,
            Balance(
                at(ApplicationRow.NEW_RECEIVED, c),
                at(ApplicationRow.CARRIED_OVER, c),
                at(ApplicationRow.TOTAL_HANDLED, c),
                at(ApplicationRow.CARRIED_FORWARD, c),
            ),
        )
        for c in Applicant
    )
    results = [o for o in AppealOutcome if o is not AppealOutcome.TOTAL]
    appeal_totals = tuple(
        (
            kind,
            _sum(
                index[f"/appeals/{kind.value}/total"],
                tuple(index[f"/appeals/{kind.value}/{o.value}"] for o in results),
            ),
        )
        for kind in AppealKind
    )
    signed = frozenset(
        i
        for i, ref in enumerate(refs)
        if ref.section is Section.PROACTIVE and ref.column is ProactiveColumn.CHANGE
    )
    money = tuple(i for i, ref in enumerate(refs) if ref.column is ProactiveColumn.AMOUNT)
    unsigned = tuple(i for i in range(len(refs)) if i not in signed and i not in money)
    return Plan(
        refs,
        index,
        row_totals,
        outcome_totals,
        balances,
        appeal_totals,
        block(row_totals),
        block(outcome_totals),
        block(appeal_totals),
        Balances(*(itemgetter(*column) for column in zip(*(b for _, b in balances), strict=True))),
        signed,
        itemgetter(*unsigned),
        money,
        {s.total: s.parts for _, s in (*row_totals, *appeal_totals)},
    )
