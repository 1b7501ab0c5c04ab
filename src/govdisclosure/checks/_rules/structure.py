"""GD0xx: the report as a document — edition, blank cells, impossible values."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import (
    ApplicationRow,
    Edition,
    Money,
    Section,
)
from ...model._cellmap import CellRef
from .._finding import Finding, Severity
from .._registry import Context, rule
from ._common import blank_totals, row_label


@rule(
    code="GD001",
    name="edition-year-mismatch",
    severity=Severity.WARNING,
    summary="The report's edition does not fit its year.",
    summary_zh="报告所用格式版本与报告年度不符",
)
def edition_year_mismatch(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    That the format edition fits the report year: the 2019 edition (国办公开办函〔2019〕60号)
    for the 2019 and 2020 reports, the 2021 edition (国办公开办函〔2021〕30号) from the 2021
    report on. Years before 2019 fit neither edition.

    ## Why it matters
    The 2021 format replaced the 2019 trial format from the 2021 reports on; its section
    二 counts different things (documents in force instead of published totals, fees in
    万元 instead of fee items). Figures reported in the wrong edition cannot be compared
    or aggregated with those of other organs. Reports for 2008–2018 followed the old
    Regulations and no national table.

    ## Example
    A 2022 report whose section 二 still has 本年新制作数量 / 本年新公开数量 /
    对外公开总数量 columns.

    ## How to fix
    Re-issue the report in the edition for its year, or correct the year if it was
    mistyped.
    """
    report = ctx.report
    expected = Edition.for_year(report.year)
    if expected is report.edition:
        return
    if expected is None:
        yield ctx.finding(
            "/edition",
            f"报告年度为 {report.year} 年，早于 2019 年，两种统一格式都不适用",
            f"the report year {report.year} is before 2019; neither national format applies",
            related=("/year",),
            expected=None,
            actual=report.edition.value,
        )
        return
    yield ctx.finding(
        "/edition",
        f"{report.year} 年度报告应使用 {expected.value} 版格式（{expected.label()}），"
        f"实际为 {report.edition.value} 版",
        f"a {report.year} report should use the {expected.value} edition, "
        f"not {report.edition.value}",
        related=("/year",),
        expected=expected.value,
        actual=report.edition.value,
    )


def _describe(ref: CellRef, edition: Edition) -> tuple[str, str]:
    if ref.section is Section.APPLICATIONS:
        assert isinstance(ref.row, ApplicationRow)
        zh = f"表三“{row_label(ref.row, edition)}”行“{ref.column.label(edition)}”列"
    elif ref.section is Section.APPEALS:
        zh = f"表四“{ref.row.label(edition)}”“{ref.column.label(edition)}”"
    else:
        zh = f"表二“{ref.row.label(edition)}”行“{ref.column.label(edition)}”列"
    en = f"table {ref.section.value}, row {ref.row.value}, column {ref.column.value}"
    return zh, en


@rule(
    code="GD010",
    name="blank-cell",
    severity=Severity.WARNING,
    summary="A table cell is blank (or '/', '-', '—', 不适用) instead of a number.",
    summary_zh="表格单元格为空（或“/”“-”“—”“不适用”），未填数字",
)
def blank_cell(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Every cell of tables 二, 三 and 四 holds a number. A cell printed blank, or as ``/``,
    ``-``, ``—`` or ``不适用``, is blank — never read as 0. Identities that involve a blank
    cell are not evaluated (the arithmetic rules skip them), so this finding is also the
    notice that those identities could not be checked.

    A blank 总计 whose parts are filled is reported by GD304/GD402 instead.

    ## Why it matters
    The format asks for "数据准确、要素齐备" (accurate data, complete elements): every cell
    of the template expects a figure, 0 included. A blank may mean zero, not applicable,
    or not collected; readers and aggregators cannot tell which.

    ## Example
    Shanghai's 2019 report leaves most zero cells of table 三 blank (``&nbsp;``).

    ## How to fix
    Write 0 where the count is zero; write the figure where it is known.
    """
    if not ctx.has_blank:
        return
    report = ctx.report
    skip = {b.pointer for b in blank_totals(ctx)}
    for ref, value in zip(ctx.plan.refs, ctx.values, strict=True):
        if value is not None or ref.pointer in skip:
            continue
        zh, en = _describe(ref, report.edition)
        yield ctx.finding(
            ref.pointer,
            f"{zh}为空；空白不等于 0，涉及此单元格的勾稽关系未核对",
            f"{en} is blank; blank is not zero, identities involving it were not checked",
            actual=None,
        )


@rule(
    code="GD011",
    name="negative-count",
    severity=Severity.ERROR,
    summary="A count or amount is negative where it cannot be.",
    summary_zh="件数或金额为负数",
)
def negative_count(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Counts of applications, appeals, documents, decisions and projects, and amounts of
    money, are not negative. The one signed column is 本年增/减 of the 2019 edition's
    section 二, where decreases are negative by definition.

    ## Why it matters
    A count of applications or cases cannot be below zero; a negative figure is a typing
    or calculation error (often a difference written where a count belongs).

    ## Example
    表三 结转下年度继续办理 = -2 because more applications were counted as handled than
    were received and carried over.

    ## How to fix
    Recount the cell. If it was computed as a difference, check the figures it was
    computed from.
    """
    plan = ctx.plan
    values = ctx.values
    counts = plan.get_unsigned_counts(values)
    lowest = min((v for v in counts if v is not None), default=0) if ctx.has_blank else min(counts)
    money = [values[i] for i in plan.money]
    if lowest >= 0 and all(not isinstance(m, Money) or m.value >= 0 for m in money):
        return
    report = ctx.report
    signed = plan.signed
    for i, value in enumerate(values):
        if value is None or i in signed:
            continue
        number = value.value if isinstance(value, Money) else value
        if number < 0:
            ref = plan.refs[i]
            zh, en = _describe(ref, report.edition)
            yield ctx.finding(
                ref.pointer,
                f"{zh}为负数 {number}",
                f"{en} is negative ({number})",
                actual=number,
            )
