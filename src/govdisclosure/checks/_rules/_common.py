"""Helpers shared by the rule families: pointers, labels for messages, number formatting."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ...model import (
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    Edition,
)
from ...model._cellmap import CellValue
from ...model._labels import APPLICATION_GROUP_LABELS
from .._plan import Block, Sum

if TYPE_CHECKING:
    from ...model import AnnualReport

__all__ = [
    "APPEAL_POINTERS",
    "APPLICATION_POINTERS",
    "BlankTotal",
    "appeal_label",
    "blank_totals",
    "broken_sums",
    "filled",
    "row_label",
]

#: ``APPLICATION_POINTERS[row][i]``: the pointer of column ``i`` of table-三 row ``row``.
APPLICATION_POINTERS = MappingProxyType(
    {
        row: tuple(f"/applications/{row.value}/{col.value}" for col in Applicant)
        for row in ApplicationRow
    }
)
#: ``APPEAL_POINTERS[kind][i]``: the pointer of column ``i`` of table-四 block ``kind``.
APPEAL_POINTERS = MappingProxyType(
    {kind: tuple(f"/appeals/{kind.value}/{o.value}" for o in AppealOutcome) for kind in AppealKind}
)

_K = TypeVar("_K")

_ANNOTATION = re.compile(r"（[^（）]*）$")


def row_label(row: ApplicationRow, edition: Edition | None = None) -> str:
    """A row of table 三 as a reader finds it: group and item, without annotations."""
    own = _ANNOTATION.sub("", row.label(edition))
    group = row.group
    if group is None:
        return own
    return f"{APPLICATION_GROUP_LABELS[group]}{own}"


def appeal_label(kind: AppealKind) -> str:
    """A block of table 四 as printed, with 行政诉讼 before the litigation blocks."""
    if kind is AppealKind.ADMINISTRATIVE_REVIEW:
        return kind.label()
    return f"行政诉讼·{kind.label()}"


def filled(values: tuple[int | None, ...], pointers: tuple[str, ...]) -> Iterator[str]:
    """The pointers of the cells among ``values`` that are not blank."""
    for value, pointer in zip(values, pointers, strict=True):
        if value is not None:
            yield pointer


class BlankTotal(NamedTuple):
    """A printed total left blank while some of the cells it adds up are filled."""

    pointer: str
    filled_sum: int
    filled_pointers: tuple[str, ...]


def blank_totals(report: AnnualReport) -> Iterator[BlankTotal]:
    """Every 总计 of tables 三 and 四 that is blank although cells it adds up are filled.

    Covers the 总计 column of every row of table 三, the （七）总计 row of table 三 (per
    column; its 总计 cell is reported once, as a row total) and the 总计 of each block of
    table 四.
    """
    apps = report.applications
    seen: set[str] = set()
    for row, counts in apps.rows():
        if counts.total is None:
            pointers = APPLICATION_POINTERS[row]
            parts = counts.parts()
            hit = tuple(filled(parts, pointers[:6]))
            if hit:
                seen.add(pointers[6])
                yield BlankTotal(pointers[6], sum(v for v in parts if v is not None), hit)
    outcome_rows = apps.outcome_rows()
    totals = apps.total_handled.values()
    for i, pointer in enumerate(APPLICATION_POINTERS[ApplicationRow.TOTAL_HANDLED]):
        if totals[i] is not None or pointer in seen:
            continue
        column = [(c.values()[i], APPLICATION_POINTERS[r][i]) for r, c in outcome_rows]
        hit = tuple(p for v, p in column if v is not None)
        if hit:
            yield BlankTotal(pointer, sum(v for v, _ in column if v is not None), hit)
    for kind, block in report.appeals.blocks():
        if block.total is None:
            pointers = APPEAL_POINTERS[kind]
            parts = block.parts()
            hit = tuple(filled(parts, pointers[:4]))
            if hit:
                yield BlankTotal(pointers[4], sum(v for v in parts if v is not None), hit)


def broken_sums(
    values: list[CellValue],
    identities: Iterable[tuple[_K, Sum]],
    has_blank: bool,
    family: Block | None = None,
) -> Iterator[tuple[_K, Sum, int, int]]:
    """The identities whose printed total differs from the sum of their parts.

    Yields ``(key, identity, computed, printed)``. Identities with a blank total or a blank
    part are skipped (a blank is not a zero). Without blanks the sums run in C, and when
    ``family`` (the identities as a :class:`Block`) holds as a whole, nothing is looped.
    """
    if not has_blank and family is not None and family.holds(values):
        return
    for key, identity in identities:
        printed = values[identity.total]
        if has_blank:
            computed = _sum(values, identity.parts)
            if printed is None or computed is None:
                continue
        else:
            computed = sum(identity.get(values))
        if computed != printed:
            yield key, identity, computed, _int(printed)


def _sum(values: list[CellValue], positions: tuple[int, ...]) -> int | None:
    """The sum of the count cells at ``positions``, or ``None`` if one is blank."""
    total = 0
    for i in positions:
        value = values[i]
        if value is None:
            return None
        total += _int(value)
    return total


def _int(value: CellValue) -> int:
    """A count cell's value (table 三 and 四 cells are never money)."""
    assert isinstance(value, int), value
    return value
