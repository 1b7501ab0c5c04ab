"""Index plans: the template's identities compiled to positions in the flat cell vector.

:func:`~govdisclosure.model.cell_values` lays every table cell of a report out in one list
(the order of :func:`~govdisclosure.model.cell_refs`). A :class:`Plan` says, per edition,
which positions each identity adds up, so the rules run as plain index arithmetic.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from ..model import (
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    CellRef,
    Edition,
    ProactiveColumn,
    Section,
    cell_refs,
)

__all__ = ["Plan", "plan"]


class Sum(NamedTuple):
    """An identity ``values[total] == sum(values[i] for i in parts)``."""

    total: int
    parts: tuple[int, ...]


class Balance(NamedTuple):
    """Identity T3-A in one column: ``new + over == handled + forward``."""

    new: int
    over: int
    handled: int
    forward: int


class Plan(NamedTuple):
    """The identities of one edition as positions in the flat cell vector."""

    refs: tuple[CellRef, ...]
    positions: dict[str, int]
    row_totals: tuple[tuple[ApplicationRow, Sum], ...]
    outcome_totals: tuple[tuple[Applicant, Sum], ...]
    balances: tuple[tuple[Applicant, Balance], ...]
    appeal_totals: tuple[tuple[AppealKind, Sum], ...]
    signed: frozenset[int]


@cache
def plan(edition: Edition) -> Plan:
    """The :class:`Plan` of ``edition`` (computed once)."""
    refs = cell_refs(edition)
    index = {ref.pointer: i for i, ref in enumerate(refs)}

    def at(row: ApplicationRow, column: Applicant) -> int:
        return index[f"/applications/{row.value}/{column.value}"]

    rows = ApplicationRow.for_edition(edition)
    parts = [a for a in Applicant if not a.is_total]
    row_totals = tuple(
        (row, Sum(at(row, Applicant.TOTAL), tuple(at(row, c) for c in parts))) for row in rows
    )
    outcomes = [r for r in rows if r.is_outcome]
    outcome_totals = tuple(
        (c, Sum(at(ApplicationRow.TOTAL_HANDLED, c), tuple(at(r, c) for r in outcomes)))
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
            Sum(
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
    return Plan(refs, index, row_totals, outcome_totals, balances, appeal_totals, signed)
