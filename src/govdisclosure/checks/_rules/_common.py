"""Helpers shared by the rule families: pointers, labels for messages, number formatting."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ...model import ProactiveRow, appeal_label, row_label
from ...model._cellmap import CellValue
from .._plan import Block, Sum
from .._registry import finding_maker

if TYPE_CHECKING:
    from .._finding import Finding
    from .._registry import Context

__all__ = [
    "DOCUMENT_ROWS",
    "MATTER_ROWS",
    "BlankTotal",
    "appeal_label",
    "blank_totals",
    "broken_sum_findings",
    "broken_sums",
    "row_label",
    "total_left_blank_finding",
]

# An unread cell is always ``None`` (the model guarantees it), so an identity with an
# unread cell has a ``None`` among its values and the sums below skip it like a blank.

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


class BlankTotal(NamedTuple):
    """A printed total left blank while some of the cells it adds up are filled.

    ``filled_sum`` adds the filled parts. ``complete`` says whether every part is known
    (filled, or printed blank): then the total the report should print is
    ``filled_sum``; when a part was left unread, it is at least that.
    """

    pointer: str
    filled_sum: int
    filled_pointers: tuple[str, ...]
    complete: bool


def blank_totals(ctx: Context) -> tuple[BlankTotal, ...]:
    """Every 总计 of tables 三 and 四 printed blank although cells it adds up are filled.

    Covers the 总计 column of every row of table 三, the （七）总计 row of table 三 (per
    column; its 总计 cell is reported once, as a row total) and the 总计 of each block of
    table 四. A total reading left unread is not blank and is not listed. Computed once
    per report (GD010, GD304 and GD402 all ask).
    """
    return ctx.memo("blank_totals", lambda _: tuple(_blank_totals(ctx)))


def _blank_totals(ctx: Context) -> Iterator[BlankTotal]:
    plan, values, unread = ctx.plan, ctx.values, ctx.unread
    refs = plan.refs
    seen: set[int] = set()
    for family in (plan.row_totals, plan.outcome_totals, plan.appeal_totals):
        for _, identity in family:
            total = identity.total
            if values[total] is not None or total in seen or total in unread:
                continue
            hit = [i for i in identity.parts if values[i] is not None]
            if hit:
                seen.add(total)
                yield BlankTotal(
                    refs[total].pointer,
                    sum(_int(values[i]) for i in hit),
                    tuple(refs[i].pointer for i in hit),
                    unread.isdisjoint(identity.parts),
                )


def total_left_blank_finding(ctx: Context, blank: BlankTotal) -> Finding:
    """The finding of GD304/GD402 for ``blank``: the cell named, the figure to print."""
    zh, en = ctx.describe(blank.pointer)
    if blank.complete:
        fix_zh = f"已填部分合计 {blank.filled_sum}，请填写 {blank.filled_sum}"
        fix_en = f"they add up to {blank.filled_sum}: print {blank.filled_sum}"
    else:
        fix_zh = f"已填部分合计 {blank.filled_sum}（另有未能读取的单元格，总计至少为此数）"
        fix_en = (
            f"they add up to {blank.filled_sum} (some cells were not read: the total is at "
            "least that)"
        )
    return ctx.finding(
        blank.pointer,
        f"{zh}为空，但其所加总的单元格已填写：{fix_zh}",
        f"{en} is blank although cells it adds up are filled: {fix_en}",
        related=blank.filled_pointers,
        expected=blank.filled_sum if blank.complete else None,
        actual=None,
    )


def broken_sums(
    ctx: Context,
    identities: Iterable[tuple[_K, Sum]],
    family: Block | None = None,
) -> list[tuple[_K, Sum, int, int]]:
    """The identities whose printed total differs from the sum of their parts.

    Gives ``(key, identity, computed, printed)`` for each. Identities with a blank or
    unread total or part are skipped (a blank is not a zero; an unread cell is not known).
    Without blanks the sums run in C, and when ``family`` (the identities as a
    :class:`Block`) holds as a whole, nothing is looped (``family`` must be the
    :class:`Block` of ``identities``, in their order).
    """
    values, has_blank = ctx.values, ctx.has_blank
    if not has_blank and family is not None:
        # Every sum at once (in C), then only the identities that do not hold.
        sums, totals = family.sums(values)
        if sums == totals:
            return []
        return [
            (key, identity, computed, printed)  # no blank: every cell an int
            for (key, identity), computed, printed in zip(identities, sums, totals, strict=True)
            if computed != printed
        ]
    broken: list[tuple[_K, Sum, int, int]] = []
    for key, identity in identities:
        printed = values[identity.total]
        if has_blank:
            computed = _sum(values, identity.parts)
            if printed is None or computed is None:
                continue
        else:
            computed = sum(identity.get(values))
        if computed != printed:
            broken.append((key, identity, computed, _int(printed)))
    return broken


def broken_sum_findings(
    ctx: Context,
    identities: Iterable[tuple[_K, Sum]],
    family: Block | None,
    message: Callable[[str, str, int, int], tuple[str, str]],
) -> list[Finding]:
    """A finding of the current rule at the total of each identity that does not hold
    (:func:`broken_sums`): its messages ``message(place_zh, place_en, printed, computed)``,
    the identity's parts its related places, the sum the value expected."""
    plan = ctx.plan
    broken = broken_sums(ctx, identities, family)
    if not broken:
        return []
    make, describe, refs = finding_maker(ctx), ctx.describe, plan.refs
    findings = []
    for _key, identity, computed, printed in broken:
        place_zh, place_en = describe(refs[identity.total].pointer)
        zh, en = message(place_zh, place_en, printed, computed)
        related = plan.related_of[identity.parts]
        findings.append(make(plan.locations[identity.total], zh, en, related, computed, printed))
    return findings


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
