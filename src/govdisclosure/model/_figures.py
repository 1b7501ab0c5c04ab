"""The key figures of a report: what researchers compare across reports, and their ratios.

One number per outcome of table 三 and per result of table 四, taken from the printed
总计 cells — or, where a printed 总计 is blank (or reading left it unread), computed from
the cells it totals and marked as computed. Ratios are defined only where every term is
known and the denominator is not zero: a blank is never taken for 0.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ._cells import AppealCounts, ApplicantCounts, sum_cells
from ._report import AnnualReport

__all__ = ["FIGURE_FIELDS", "RATE_FIELDS", "Figures", "key_figures"]


@attrs.frozen(kw_only=True)
class Figures:
    """The key figures of one report (:func:`key_figures`).

    Counts are ``None`` when a term is blank or unread. ``computed`` names the fields
    whose printed 总计 was blank or unread and which were computed from the cells it
    totals.

    Attributes:
        received: 一、本年新收政府信息公开申请数量 (总计).
        carried_over: 二、上年结转政府信息公开申请数量 (总计).
        granted: （一）予以公开 (总计).
        partially_granted: （二）部分公开 (总计).
        withheld: （三）不予公开, the sum of its eight rows' 总计.
        unavailable: （四）无法提供, the sum of its three rows.
        not_processed: （五）不予处理, the sum of its five rows.
        other_handling: （六）其他处理: its one row (2019) or the sum of its three (2021).
        total_handled: （七）总计 (总计).
        carried_forward: 四、结转下年度继续办理 (总计).
        review_*: 行政复议 by result: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
        litigation_direct_*: 行政诉讼 未经复议直接起诉, by result.
        litigation_after_review_*: 行政诉讼 复议后起诉, by result.
        granted_rate: 予以公开率 = granted / total_handled.
        partially_granted_rate: 部分公开率 = partially_granted / total_handled.
        withheld_rate: 不予公开率 = withheld / total_handled.
        review_correction_rate: 复议纠错率 = review_corrected / (review_upheld +
            review_corrected + review_other): corrections among the reviews concluded.
        litigation_correction_rate: 诉讼纠错率: the same over both kinds of lawsuit.
        computed: the fields whose printed 总计 was blank or unread and was computed.
    """

    received: int | None
    carried_over: int | None
    granted: int | None
    partially_granted: int | None
    withheld: int | None
    unavailable: int | None
    not_processed: int | None
    other_handling: int | None
    total_handled: int | None
    carried_forward: int | None
    review_upheld: int | None
    review_corrected: int | None
    review_other: int | None
    review_pending: int | None
    review_total: int | None
    litigation_direct_upheld: int | None
    litigation_direct_corrected: int | None
    litigation_direct_other: int | None
    litigation_direct_pending: int | None
    litigation_direct_total: int | None
    litigation_after_review_upheld: int | None
    litigation_after_review_corrected: int | None
    litigation_after_review_other: int | None
    litigation_after_review_pending: int | None
    litigation_after_review_total: int | None
    granted_rate: float | None
    partially_granted_rate: float | None
    withheld_rate: float | None
    review_correction_rate: float | None
    litigation_correction_rate: float | None
    computed: tuple[str, ...] = ()


#: The count fields of :class:`Figures`, in order.
FIGURE_FIELDS: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(Figures) if f.name != "computed" and not f.name.endswith("_rate")
)
#: The ratio fields of :class:`Figures`, in order.
RATE_FIELDS: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(Figures) if f.name.endswith("_rate")
)


def _ratio(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def _sum(values: Iterable[int | None]) -> int | None:
    return sum_cells(values)


class _Totals:
    """Row totals as printed, or computed (and remembered) where the printed one is blank."""

    def __init__(self) -> None:
        self.computed: list[str] = []

    def row(self, name: str, row: ApplicantCounts | AppealCounts) -> int | None:
        if row.total is not None:
            return row.total
        value = row.computed_total()
        if value is not None:
            self.computed.append(name)
        return value

    def group(self, rows: Iterable[ApplicantCounts]) -> int | None:
        # A group has no printed total of its own: it is the sum of its rows' totals.
        return _sum(r.total if r.total is not None else r.computed_total() for r in rows)


def key_figures(report: AnnualReport) -> Figures:
    """The key figures of ``report``: table 三 by outcome, table 四 by result, the ratios.

    A printed 总计 that is blank or unread is replaced by the sum of the cells it totals
    when those are all known, and the field is listed in :attr:`Figures.computed`; a
    group of rows (（三）不予公开 …) is the sum of its rows' totals. A figure with an
    unknown term is ``None``, and so is every ratio that needs it (never a ratio of a
    blank taken for 0); a ratio over a denominator of 0 is ``None`` too.
    """
    apps = report.applications
    totals = _Totals()
    rows = dict(apps.rows())

    def group(prefix: str) -> int | None:
        return totals.group(c for r, c in rows.items() if r.group == prefix)

    other = apps.other_handling
    other_total = (
        totals.row("other_handling", other)
        if isinstance(other, ApplicantCounts)
        else group("other_handling")
    )
    handled = totals.row("total_handled", apps.total_handled)
    if handled is None:
        # The （七）总计 row's 总计 and its applicant cells are blank: its outcomes.
        handled = totals.group(c for r, c in rows.items() if r.is_outcome)
        if handled is not None:
            totals.computed.append("total_handled")
    counts: dict[str, int | None] = {
        "received": totals.row("received", apps.new_received),
        "carried_over": totals.row("carried_over", apps.carried_over),
        "granted": totals.row("granted", apps.granted),
        "partially_granted": totals.row("partially_granted", apps.partially_granted),
        "withheld": group("withheld"),
        "unavailable": group("unavailable"),
        "not_processed": group("not_processed"),
        "other_handling": other_total,
        "total_handled": handled,
        "carried_forward": totals.row("carried_forward", apps.carried_forward),
    }
    prefixes = {
        "administrative_review": "review",
        "direct_litigation": "litigation_direct",
        "litigation_after_review": "litigation_after_review",
    }
    for kind, block in report.appeals.blocks():
        prefix = prefixes[kind.value]
        counts[f"{prefix}_upheld"] = block.upheld
        counts[f"{prefix}_corrected"] = block.corrected
        counts[f"{prefix}_other"] = block.other
        counts[f"{prefix}_pending"] = block.pending
        counts[f"{prefix}_total"] = totals.row(f"{prefix}_total", block)

    def concluded(*prefixes: str) -> int | None:
        return _sum(counts[f"{p}_{o}"] for p in prefixes for o in ("upheld", "corrected", "other"))

    litigation = ("litigation_direct", "litigation_after_review")
    return Figures(
        **counts,
        granted_rate=_ratio(counts["granted"], handled),
        partially_granted_rate=_ratio(counts["partially_granted"], handled),
        withheld_rate=_ratio(counts["withheld"], handled),
        review_correction_rate=_ratio(counts["review_corrected"], concluded("review")),
        litigation_correction_rate=_ratio(
            _sum(counts[f"{p}_corrected"] for p in litigation), concluded(*litigation)
        ),
        computed=tuple(totals.computed),
    )
