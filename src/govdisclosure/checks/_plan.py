"""Index plans: the template's identities compiled to positions in the flat cell vector.

:func:`~govdisclosure.model.cell_values` lays every table cell of a report out in one list
(the order of :func:`~govdisclosure.model.cell_refs`); :attr:`Plan.get_values` does the
same for one layout, compiled (one attribute load per cell). A :class:`Plan` says, per
layout, which positions each identity adds up, so the rules run as plain index
arithmetic, and :meth:`Plan.clean` tells in a few C-level passes whether a report's tables
are clean: every cell a figure, none negative where it cannot be, every identity
holding.
"""

from __future__ import annotations

import linecache
from array import array
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
    Money,
    ProactiveColumn,
    Section,
    cell_refs,
)
from ..model._cellmap import CellValue, values_getter
from ._finding import Location, new_location

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
        sums, totals = self.sums(values)
        return sums == totals

    def sums(self, values: Any) -> tuple[list[Any], list[Any]]:
        """Every identity's sum of parts and its printed total, in the family's order
        (no cell may be blank)."""
        parts = iter(self.get_parts(values))
        return list(map(sum, zip(*([parts] * self.width), strict=True))), list(
            self.get_totals(values)
        )


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


class Kernel(NamedTuple):
    """Whether a report's tables are clean, in a few C-level passes and one compiled
    function.

    Table 三 is laid out row by row, seven cells each (six applicant columns and 总计),
    and table 四 block by block, five cells each, at the end of the values: so tables 三
    and 四 are one slice, whose cells must all be counts none of which is negative. Every
    identity over them is one line of ``identities_hold``, compiled per layout from the
    plan's identities (:func:`plan` checks the slice against them).
    """

    #: Tables 三 and 四: counts only.
    counts: slice
    #: Table 二's counts that cannot be negative, its signed counts (2019 本年增/减) and
    #: its money cells.
    proactive_unsigned: tuple[int, ...]
    proactive_signed: tuple[int, ...]
    money: tuple[int, ...]
    #: ``identities_hold(values)``: whether every identity of tables 三 and 四 holds (the
    #: 总计 column, the （七）总计 row, T3-A, table 四's 总计), when none of their cells
    #: is blank; each is one line of straight arithmetic on local names.
    identities_hold: Callable[[Any], bool]

    def clean(self, values: list[CellValue]) -> bool:
        """Whether no cell is blank, none is negative where it cannot be (counts,
        amounts), and every identity of tables 三 and 四 holds (the 总计 column, the
        （七）总计 row, T3-A, table 四's 总计)."""
        return self.filled_and_not_negative(values) and self.identities_hold(values)

    def filled_and_not_negative(self, values: list[CellValue]) -> bool:
        """Whether no cell is blank and none is negative where it cannot be (counts,
        amounts)."""
        cells: Any = values  # ints, Money, None: each pass below knows which it reads
        counts = cells[self.counts]
        try:
            # In C: an unsigned array takes only ints from 0 up (a blank is a TypeError).
            array("Q", counts)
        except (TypeError, OverflowError):  # a blank, a negative count, or one too large
            try:
                if min(counts) < 0:
                    return False
            except TypeError:  # a blank cell: None does not compare with a number
                return False
        try:
            if min([cells[i] for i in self.proactive_unsigned]) < 0:
                return False
        except TypeError:
            return False
        for i in self.proactive_signed:
            if cells[i] is None:
                return False
        for i in self.money:
            amount = cells[i]
            if not isinstance(amount, Money) or amount.value < 0:
                return False
        return True


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
    #: ``get_values(report)``: every cell's value in the order of :attr:`refs` (what
    #: :func:`~govdisclosure.model.cell_values` gives), for a report of this layout.
    get_values: Callable[[Any], list[CellValue]]
    #: The clean-tables test, in a few passes over slices of the values (see
    #: :class:`Kernel`).
    kernel: Kernel
    #: The layout this is the plan of.
    layout: Layout
    #: The pointers of the parts of each identity, by its parts' positions.
    pointers_of: dict[tuple[int, ...], tuple[str, ...]]
    #: Each cell's :class:`~govdisclosure.checks.Location`, by position; and the places
    #: related to the finding of each identity (its parts; for T3-A, the three cells
    #: other than 结转下年度), by their positions: made once per layout, shared by every
    #: finding.
    locations: tuple[Location, ...]
    related_of: dict[tuple[int, ...], tuple[Location, ...]]

    def __reduce__(self) -> tuple[Any, ...]:
        # ``get_values`` is compiled: a plan pickles as the layout it is made for.
        return (plan, (self.layout,))

    def clean(self, values: list[CellValue]) -> bool:
        """Whether the tables are clean (see :meth:`Kernel.clean`)."""
        return self.kernel.clean(values)


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
    locations = tuple(new_location(ref.pointer, None, None, None) for ref in refs)
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
        values_getter(layout),
        _kernel(refs, row_totals, outcome_totals, balances, appeal_totals, signed, money, layout),
        layout,
        {
            s.parts: tuple(refs[i].pointer for i in s.parts)
            for _, s in (*row_totals, *outcome_totals, *appeal_totals)
        },
        locations,
        {
            key: tuple(locations[i] for i in key)
            for key in (
                *(s.parts for _, s in (*row_totals, *outcome_totals, *appeal_totals)),
                *((b.new, b.over, b.handled) for _, b in balances),
            )
        },
    )


def _kernel(
    refs: tuple[CellRef, ...],
    row_totals: tuple[tuple[Any, Sum], ...],
    outcome_totals: tuple[tuple[Any, Sum], ...],
    balances: tuple[tuple[Any, Balance], ...],
    appeal_totals: tuple[tuple[Any, Sum], ...],
    signed: frozenset[int],
    money: tuple[int, ...],
    layout: Layout,
) -> Kernel:
    """The :class:`Kernel` of a layout, checked against its identities."""
    first = min(s.parts[0] for _, s in row_totals)  # table 三's first cell
    kernel = Kernel(
        counts=slice(first, None),
        proactive_unsigned=tuple(i for i in range(first) if i not in signed and i not in money),
        proactive_signed=tuple(sorted(signed)),
        money=money,
        identities_hold=_identities_hold(
            len(refs), row_totals, outcome_totals, balances, appeal_totals, layout
        ),
    )
    # The slice must name exactly the cells of tables 三 and 四, which the identities
    # cover: every cell of it is added up in one.
    index = list(range(len(refs)))
    covered = {i for _, s in (*row_totals, *appeal_totals) for i in (s.total, *s.parts)}
    assert covered == set(index[kernel.counts])
    assert all(refs[i].section is not Section.PROACTIVE for i in index[kernel.counts])
    return kernel


def _identities_hold(
    size: int,
    row_totals: tuple[tuple[Any, Sum], ...],
    outcome_totals: tuple[tuple[Any, Sum], ...],
    balances: tuple[tuple[Any, Balance], ...],
    appeal_totals: tuple[tuple[Any, Sum], ...],
    layout: Layout,
) -> Callable[[Any], bool]:
    """``values -> whether every identity holds``, compiled: the values unpacked into
    local names in one step, then one comparison of sums per identity. A blank cell
    (``None``) in a sum raises :class:`TypeError`."""
    checks = [
        f"{' + '.join(f'v{i}' for i in s.parts)} == v{s.total}"
        for _, s in (*row_totals, *outcome_totals, *appeal_totals)
    ]
    checks += [f"v{b.new} + v{b.over} == v{b.handled} + v{b.forward}" for _, b in balances]
    lines = [
        "def identities_hold(values):",
        f"    {', '.join(f'v{i}' for i in range(size))}, = values",
        "    return (",
        *(f"        {'and ' if n else ''}{check}" for n, check in enumerate(checks)),
        "    )",
    ]
    source = "\n".join(lines) + "\n"
    filename = f"<govdisclosure identities {layout.edition.value}/{layout.applications.value}>"
    namespace: dict[str, Any] = {}
    exec(compile(source, filename, "exec"), namespace)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    function: Callable[[Any], bool] = namespace["identities_hold"]
    return function
