"""Aggregates (汇总): sum reports cell by cell, and check a region's report against its parts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from ..exceptions import AggregateError, Problem, StructureError
from ..model import (
    Agency,
    AnnualReport,
    Layout,
    Money,
    UnreadCell,
    UnreadReason,
    cell_refs,
)
from ..model._cellmap import CellValue, replace_at
from ..model._cells import count_problem, money_problem
from ._engine import Overrides, Prefixes, run, schedule
from ._finding import Finding
from ._registry import Context
from ._rules.aggregates import (
    PARTS_INCOMPLETE,
    UNKNOWN,
    UnitMismatchError,
    Unknown,
    money_total,
    part_values,
)

__all__ = ["aggregate", "check_aggregate"]

Blanks = Literal["propagate", "skip", "refuse"]
_BLANKS = ("propagate", "skip", "refuse")
_AGGREGATE = frozenset({"aggregate"})


Label = Callable[[int], str]


def _index(index: int) -> str:
    return f"#{index}"


def _parent_or_child(index: int) -> str:
    return "parent" if index == 0 else f"children/{index - 1}"


def _name(label: str, report: AnnualReport) -> str:
    name = report.agency.name or "未署名"
    return f"{label}（{name}，{report.year} 年度，{report.edition.value} 版）"


def _name_en(label: str, report: AnnualReport) -> str:
    name = report.agency.name or "unnamed"
    return f"{label} ({name}, {report.year}, {report.edition.value} edition)"


def _uniform(reports: Sequence[AnnualReport], year: int | None, label: Label = _index) -> None:
    """Raise :class:`AggregateError` unless every report has one edition and one year.

    The error names the offending reports by ``label(index)``.
    """
    if not reports:
        raise AggregateError("没有可汇总的报告", "there are no reports to sum")
    given: Sequence[object] = reports  # a caller may pass anything at run time
    for index, report in enumerate(given):
        if not isinstance(report, AnnualReport):
            hint_zh, hint_en = "", ""
            if hasattr(report, "report") and hasattr(report, "diagnostics"):
                hint_zh = "（这是 parse() 的结果：请传入它的 .report）"
                hint_en = " (what parse() returns: pass its .report)"
            raise AggregateError(
                f"{label(index)} 不是 AnnualReport 对象{hint_zh}",
                f"{label(index)} is not an AnnualReport ({type(report).__name__}){hint_en}",
            )
    first = reports[0]
    wanted_year = first.year if year is None else year
    editions = [(i, r) for i, r in enumerate(reports) if r.edition is not first.edition]
    if editions:
        odd = "、".join(_name(label(i), r) for i, r in editions)
        odd_en = ", ".join(_name_en(label(i), r) for i, r in editions)
        raise AggregateError(
            f"格式版本不一致，不能汇总：{label(0)} 为 {first.edition.value} 版，而 {odd} 不是",
            f"mixed editions cannot be summed: {label(0)} uses the {first.edition.value} "
            f"edition, but {odd_en} do not",
        )
    years = [(i, r) for i, r in enumerate(reports) if r.year != wanted_year]
    if years:
        odd = "、".join(_name(label(i), r) for i, r in years)
        odd_en = ", ".join(_name_en(label(i), r) for i, r in years)
        raise AggregateError(
            f"报告年度不一致，不能汇总：应为 {wanted_year} 年度，而 {odd} 不是",
            f"mixed years cannot be summed: the year is {wanted_year}, but {odd_en} differ",
        )


def _cell_sum(
    values: list[CellValue | Unknown],
    pointer: str,
    reports: Sequence[AnnualReport],
    blanks: Blanks,
) -> CellValue | UnreadCell:
    """The sum of one cell over ``reports``, or an :class:`UnreadCell` where it is not
    known (a part blank, under ``propagate``; a part unread, whatever the policy)."""
    unknown = [i for i, v in enumerate(values) if v is UNKNOWN]
    blank = [i for i, v in enumerate(values) if v is None]
    if blanks == "refuse" and (unknown or blank):
        odd = sorted(unknown + blank)
        names = "、".join(_name(_index(i), reports[i]) for i in odd)
        names_en = ", ".join(_name_en(_index(i), reports[i]) for i in odd)
        raise AggregateError(
            f"{pointer}：{names} 的此单元格为空或未能读取，不能汇总（空白不等于 0）",
            f"{pointer} is blank or unread in {names_en}; blank is not zero, so it cannot "
            "be summed",
            where=pointer,
        )
    filled = [v for v in values if v is not None and not isinstance(v, Unknown)]
    if not filled:
        if unknown:
            return UnreadCell(
                pointer=pointer,
                reason=UnreadReason.INCOMPLETE_PARTS,
                code=PARTS_INCOMPLETE,
                parts=tuple(unknown),
            )
        return None  # blank in every report: blank in the region
    missing = unknown if blanks == "skip" else sorted(unknown + blank)
    if missing:
        return UnreadCell(
            pointer=pointer,
            reason=UnreadReason.INCOMPLETE_PARTS,
            code=PARTS_INCOMPLETE,
            parts=tuple(missing),
        )
    if isinstance(filled[0], Money):
        amounts = [v for v in filled if isinstance(v, Money)]
        try:
            return _bounded(money_total(amounts), pointer)
        except UnitMismatchError:
            units = "、".join(
                f"{_name(_index(i), reports[i])}：{v.unit.label() if v.unit else '单位不明'}"
                for i, v in enumerate(values)
                if isinstance(v, Money) and v.value != 0
            )
            raise AggregateError(
                f"{pointer}：金额单位不一致，不能相加（{units}）",
                f"{pointer}: amounts in different (or unknown) units cannot be added",
                where=pointer,
            ) from None
    return _bounded(sum(v for v in filled if isinstance(v, int)), pointer)


def _bounded(total: CellValue, pointer: str) -> CellValue:
    """``total``, if a report's cell can hold it; else an :class:`AggregateError`."""
    problem = money_problem(total.value) if isinstance(total, Money) else count_problem(total)
    if problem is None:
        return total
    raise AggregateError(
        f"{pointer}：各报告此单元格之和超出一个单元格的上限（{problem[0]}）",
        f"{pointer}: the sum of this cell over the reports is over what a cell holds "
        f"({problem[1]})",
        where=pointer,
    )


def _nest(pairs: Iterable[tuple[tuple[str, ...], Any]]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for path, value in pairs:
        node = tree
        for name in path[:-1]:
            node = node.setdefault(name, {})
        node[path[-1]] = value
    return tree


def _rebuild(template: Any, changes: Mapping[str, Any]) -> Any:
    """``template`` with the attributes in ``changes`` replaced (nested dicts recurse)."""
    fields = {
        name: _rebuild(getattr(template, name), value) if isinstance(value, dict) else value
        for name, value in changes.items()
    }
    return attrs.evolve(template, **fields)


_TEXTS = {
    "title": "",
    "preface": "",
    "overview": "",
    "problems": "",
    "other_matters": "",
    "source": None,
    "proactive": {"text_before": "", "text_after": ""},
    "applications": {"text_before": "", "text_after": ""},
    "appeals": {"text_before": "", "text_after": ""},
}


def aggregate(
    reports: Iterable[AnnualReport],
    *,
    agency: Agency | str,
    year: int | None = None,
    blanks: Blanks = "skip",
) -> AnnualReport:
    """The sum of ``reports``, cell by cell: a region's aggregated (汇总) report.

    Every cell of tables 二, 三 and 四 — totals included — is the sum of that cell in the
    reports. Printed totals are summed, not recomputed: if the parts are consistent, so is
    the sum (the identities are linear), and if one is not, :func:`check` on the result
    shows it. The texts of the aggregate are empty: the prose of many organs does not
    add up to a report (write the region's own text into the result with
    ``attrs.evolve``).

    Which reports make up a region's aggregate is for the caller to decide (spec §7.3:
    the government's own report, its departments, the next level's aggregates; vertically
    managed organs excluded).

    Args:
        reports: the reports to sum; all of one edition and one year.
        agency: the organ the aggregate is published by (an :class:`Agency` or its name).
        year: the report year; by default the reports' year. If given, every report must
            be of that year.
        blanks: what a blank cell in some (not all) reports does. ``"propagate"``
            (default): the region's cell is not known — it is ``None`` and listed in the
            result's :attr:`~AnnualReport.unread` with reason ``incomplete_parts``, naming
            the parts (check the parts: GD010 lists their blanks). ``"skip"``: the blank
            adds nothing, as if it were 0 — a choice the caller makes knowingly.
            ``"refuse"``: raise :class:`AggregateError`. A cell blank in every report is
            blank in the region in each case. A cell a part left *unread* is never
            summed: under ``propagate`` and ``skip`` the region's cell is unknown, under
            ``refuse`` an error.

    Money (2019 采购总金额, 2021 收费金额) is added only in one unit; a zero amount fits any.
    The region prints table 三 in its edition's shape: where a part keeps the other
    edition's （六）其他处理 (a mixed report), the region's （六） cells it would feed are
    unknown, never split or merged.

    Raises:
        AggregateError: no reports; a mix of editions or years (the error names the
            reports); amounts in different units; a blank under ``blanks="refuse"``; a
            sum over what a cell holds (:data:`~govdisclosure.model.MAX_COUNT`); an
            ``agency`` that is neither a name nor an :class:`Agency` (``None``, say).
        StructureError: ``blanks`` is not one of the three policies.
    """
    items = tuple(reports)
    given: object = agency  # a caller may pass anything at run time
    if not (isinstance(given, Agency) and isinstance(given.name, str)) and not isinstance(
        given, str
    ):
        raise AggregateError(
            f"agency 应为汇总报告的机关名称（str）或 Agency，实为 {type(given).__name__}",
            f"agency must name the organ that publishes the aggregate (a str or an Agency), "
            f"not {type(given).__name__}",
            where="agency",
        )
    _uniform(items, year)
    if blanks not in _BLANKS:
        raise StructureError(
            [Problem("", f"blanks 应为 {_BLANKS} 之一", f"blanks must be one of {_BLANKS}")]
        )
    first = items[0]
    # The region prints its edition's own table 三; a part that keeps the other edition's
    # （六）其他处理 leaves the region's （六） cells it cannot fill unknown.
    layout = Layout(first.edition, first.edition)
    refs = cell_refs(layout)
    columns = list(zip(*(part_values(r, refs) for r in items), strict=True))
    sums: list[tuple[tuple[str, ...], CellValue]] = []
    unread: list[UnreadCell] = []
    for ref, column in zip(refs, columns, strict=True):
        total = _cell_sum(list(column), ref.pointer, items, blanks)
        if isinstance(total, UnreadCell):
            unread.append(total)
            total = None
        sums.append((ref.path, total))
    changes = _nest(sums)
    for name, value in _TEXTS.items():
        if isinstance(value, dict):
            changes.setdefault(name, {}).update(value)
        else:
            changes[name] = value
    changes["agency"] = agency if isinstance(agency, Agency) else Agency(name=agency)
    changes["year"] = first.year
    changes["unread"] = tuple(unread)
    template = first if first.layout == layout else _standard_template(first)
    result: AnnualReport = _rebuild(template, changes)
    return result


def _standard_template(report: AnnualReport) -> AnnualReport:
    """``report`` with table 三 in its edition's own shape (its （六） cells blank): the
    template a region's report is built on."""
    from ..model import ApplicantCounts, OtherHandling

    other: ApplicantCounts | OtherHandling
    if isinstance(report.applications.other_handling, OtherHandling):
        other = ApplicantCounts.blank()
    else:
        blank = ApplicantCounts.blank()
        other = OtherHandling(correction_overdue=blank, fee_unpaid=blank, other=blank)
    result: AnnualReport = replace_at(
        attrs.evolve(report, unread=()), ("applications", "other_handling"), other
    )
    return result


def check_aggregate(
    parent: AnnualReport,
    children: Iterable[AnnualReport],
    *,
    select: Prefixes = None,
    ignore: Prefixes = None,
    severity: Overrides = None,
    preset: str | None = None,
) -> list[Finding]:
    """Every cell where a region's report differs from the sum of its parts (GD821).

    Args:
        parent: the region's aggregated (汇总) report.
        children: the reports it aggregates, all of the parent's edition and year.
        select: as for :func:`check`.
        ignore: as for :func:`check`.
        severity: as for :func:`check`.
        preset: as for :func:`check`.

    Returns:
        One finding per differing cell, located at the parent's cell, with the sum as
        ``expected`` (``None`` where blank parts leave only a lower bound), the parent's
        value as ``actual``, and the same cell of every child as related locations
        (``Location.report == "children/<i>"``, ``i`` the child's index in ``children``).

    Raises:
        AggregateError: no children, or the reports mix editions or years.
        RuleSelectionError: as for :func:`check`.
    """
    items = tuple(children)
    if not items:
        raise AggregateError(
            "没有组成报告可与汇总报告比较", "there are no children to compare with"
        )
    _uniform((parent, *items), None, _parent_or_child)
    plan = schedule(
        parent.edition,
        _AGGREGATE,
        select=select,
        ignore=ignore,
        severity=severity,
        preset=preset,
    )
    return run(Context(parent, children=items), plan)
