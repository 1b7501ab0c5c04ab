"""Helpers shared by the rule families: pointers, labels for messages, number formatting."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ...model import AppealKind, ApplicationRow, Edition, ProactiveRow
from ...model._cellmap import CellValue
from ...model._labels import APPLICATION_GROUP_LABELS
from .._plan import Block, Sum

if TYPE_CHECKING:
    from .._registry import Context

__all__ = [
    "DOCUMENT_ROWS",
    "MATTER_ROWS",
    "BlankTotal",
    "appeal_label",
    "blank_totals",
    "broken_sums",
    "row_label",
]

#: The rows of table 二 that count documents (制发/废止/现行有效; 2019: 新公开/总数量).
DOCUMENT_ROWS = (ProactiveRow.RULES, ProactiveRow.NORMATIVE_DOCUMENTS)
#: The rows of table 二 that count matters (2019: 上一年项目数量 and 本年增/减).
MATTER_ROWS = (
    ProactiveRow.LICENSING,
    ProactiveRow.OTHER_SERVICES,
    ProactiveRow.PENALTIES,
    ProactiveRow.COERCIVE_MEASURES,
    ProactiveRow.FEES,
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


class BlankTotal(NamedTuple):
    """A printed total left blank while some of the cells it adds up are filled."""

    pointer: str
    filled_sum: int
    filled_pointers: tuple[str, ...]


def blank_totals(ctx: Context) -> tuple[BlankTotal, ...]:
    """Every 总计 of tables 三 and 四 that is blank although cells it adds up are filled.

    Covers the 总计 column of every row of table 三, the （七）总计 row of table 三 (per
    column; its 总计 cell is reported once, as a row total) and the 总计 of each block of
    table 四. Computed once per report (GD010, GD304 and GD402 all ask).
    """
    return ctx.memo("blank_totals", lambda _: tuple(_blank_totals(ctx)))


def _blank_totals(ctx: Context) -> Iterator[BlankTotal]:
    plan, values = ctx.plan, ctx.values
    refs = plan.refs
    seen: set[int] = set()
    for family in (plan.row_totals, plan.outcome_totals, plan.appeal_totals):
        for _, identity in family:
            if values[identity.total] is not None or identity.total in seen:
                continue
            hit = [i for i in identity.parts if values[i] is not None]
            if hit:
                seen.add(identity.total)
                yield BlankTotal(
                    refs[identity.total].pointer,
                    sum(_int(values[i]) for i in hit),
                    tuple(refs[i].pointer for i in hit),
                )


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
