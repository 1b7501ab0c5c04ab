"""Aggregates (汇总): sum reports cell by cell, and check a region's report against its parts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from ..exceptions import AggregateError, Problem, StructureError
from ..model import Agency, AnnualReport, Money, cell_refs, cell_values
from ..model._cellmap import CellValue
from ._engine import Overrides, Prefixes, run, schedule
from ._finding import Finding
from ._registry import Context
from ._rules.aggregates import UnitMismatchError, money_total

__all__ = ["aggregate", "check_aggregate"]

Blanks = Literal["skip", "propagate", "refuse"]
_BLANKS = ("skip", "propagate", "refuse")
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
    for index, report in enumerate(reports):
        if not isinstance(report, AnnualReport):
            raise AggregateError(
                f"{label(index)} 不是 AnnualReport 对象",
                f"{label(index)} is not an AnnualReport ({type(report).__name__})",
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
    values: list[CellValue],
    pointer: str,
    reports: Sequence[AnnualReport],
    blanks: Blanks,
) -> CellValue:
    filled = [v for v in values if v is not None]
    if len(filled) != len(values):
        if blanks == "refuse":
            odd = [i for i, v in enumerate(values) if v is None]
            names = "、".join(_name(_index(i), reports[i]) for i in odd)
            names_en = ", ".join(_name_en(_index(i), reports[i]) for i in odd)
            raise AggregateError(
                f"{pointer}：{names} 的此单元格为空，不能汇总（空白不等于 0）",
                f"{pointer} is blank in {names_en}; blank is not zero, so it cannot be summed",
                where=pointer,
            )
        if blanks == "propagate":
            return None
    if not filled:
        return None
    if isinstance(filled[0], Money):
        amounts = [v for v in filled if isinstance(v, Money)]
        try:
            return money_total(amounts)
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
    return sum(v for v in filled if isinstance(v, int))


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
        blanks: what a blank cell in some (not all) reports does. ``"skip"`` (default):
            it adds nothing and the sum is that of the filled cells — check the parts
            first (GD010 lists their blank cells). ``"propagate"``: the sum is blank.
            ``"refuse"``: raise :class:`AggregateError`. A cell blank in every report is
            blank in the aggregate in each case.

    Money (2019 采购总金额, 2021 收费金额) is added only in one unit; a zero amount fits any.

    Raises:
        AggregateError: no reports; a mix of editions or years (the error names the
            reports); amounts in different units; a blank under ``blanks="refuse"``.
        StructureError: ``blanks`` is not one of the three policies.
    """
    items = tuple(reports)
    _uniform(items, year)
    if blanks not in _BLANKS:
        raise StructureError(
            [Problem("", f"blanks 应为 {_BLANKS} 之一", f"blanks must be one of {_BLANKS}")]
        )
    first = items[0]
    columns = list(zip(*(cell_values(r) for r in items), strict=True))
    refs = cell_refs(first.edition)
    sums = [
        (ref.path, _cell_sum(list(column), ref.pointer, items, blanks))
        for ref, column in zip(refs, columns, strict=True)
    ]
    changes = _nest(sums)
    for name, value in _TEXTS.items():
        if isinstance(value, dict):
            changes.setdefault(name, {}).update(value)
        else:
            changes[name] = value
    changes["agency"] = agency if isinstance(agency, Agency) else Agency(name=agency)
    changes["year"] = first.year
    result: AnnualReport = _rebuild(first, changes)
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
