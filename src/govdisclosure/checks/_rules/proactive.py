"""GD2xx: table 二 (主动公开政府信息情况).

Negative counts in table 二 are reported by GD011 with those of tables 三 and 四 (one rule,
one finding per cell; the signed 2019 本年增/减 is exempt there), and blank cells by GD010.
The rules here are the plausibility rules of section 二 (spec S-3, S-4, and what follows
from the columns' definitions).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import AgencyLevel, Edition, Money, ProactiveColumn, ProactiveRow
from .._finding import Finding, Severity
from .._registry import Context, rule
from ._common import DOCUMENT_ROWS, MATTER_ROWS

_E2019 = frozenset({Edition.E2019})
_E2021 = frozenset({Edition.E2021})
#: Levels known not to make 规章. ``OTHER`` (development zones, vertically managed
#: branches…) and an unknown level (``None``) are not judged.
_NOT_RULE_MAKERS = frozenset(
    level for level in AgencyLevel if level is not AgencyLevel.OTHER and not level.can_make_rules
)


_POINTERS = {
    (row, column): f"/proactive/{row.value}/{column.value}"
    for row in ProactiveRow
    for column in ProactiveColumn
}


def _pointer(row: ProactiveRow, column: ProactiveColumn) -> str:
    return _POINTERS[row, column]


def _count(ctx: Context, row: ProactiveRow, column: ProactiveColumn) -> int | None:
    """The count cell at ``row``/``column``, read from the flat cell vector."""
    value = ctx.values[ctx.plan.positions[_POINTERS[row, column]]]
    assert not isinstance(value, Money)
    return value


def _label(row: ProactiveRow, column: ProactiveColumn, edition: Edition) -> str:
    return f"表二“{row.label(edition)}”行“{column.label(edition)}”列"


@rule(
    code="GD201",
    name="newly-published-exceeds-total",
    severity=Severity.WARNING,
    summary="2019 二: 本年新公开数量 is larger than 对外公开总数量.",
    summary_zh="表二（2019版）：本年新公开数量大于对外公开总数量",
    editions=_E2019,
)
def newly_published_exceeds_total(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    In the 2019 format's block 第二十条第（一）项, for 规章 and 规范性文件: 本年新公开数量
    ≤ 对外公开总数量.

    ## Why it matters
    对外公开总数量 is the cumulative number disclosed; it includes what was newly disclosed
    this year, so it cannot be smaller (spec S-4; it follows from the column definitions —
    no official checklist states it, hence a warning).

    ## Example
    规范性文件: 本年新公开数量 12, 对外公开总数量 9.

    ## How to fix
    对外公开总数量 is the total disclosed to date, not this year's: add last year's total
    (see GD805 for the check against last year's report).
    """
    edition = ctx.report.edition
    for row in DOCUMENT_ROWS:
        new = _count(ctx, row, ProactiveColumn.NEWLY_PUBLISHED)
        total = _count(ctx, row, ProactiveColumn.TOTAL_PUBLISHED)
        if new is None or total is None or new <= total:
            continue
        yield ctx.finding(
            _pointer(row, ProactiveColumn.TOTAL_PUBLISHED),
            f"{_label(row, ProactiveColumn.TOTAL_PUBLISHED, edition)}为 {total}，"
            f"小于本年新公开数量 {new}；对外公开总数量应包含本年新公开的文件",
            f"table 二, {row.value}: total published {total} is less than newly published "
            f"{new}; the total includes this year's",
            related=(_pointer(row, ProactiveColumn.NEWLY_PUBLISHED),),
            actual=total,
        )


@rule(
    code="GD202",
    name="rules-without-rule-making-power",
    severity=Severity.WARNING,
    summary="规章 reported by an organ that cannot make 规章 (a township, a county or a "
    "government department).",
    summary_zh="无规章制定权的机关（乡镇、县级政府、政府部门）报告了规章数量",
)
def rules_without_power(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    The row 规章 of table 二 is 0 (in every column) when the report's organ is a
    township or street office, a county-level government, or a department of a local
    government (``agency.level`` ``township``, ``county`` or ``department``). An
    unknown level, or ``other``, is not judged.

    ## Why it matters
    Only State Council departments (部门规章) and the governments of provinces,
    autonomous regions, municipalities, districted cities and autonomous prefectures
    (地方政府规章) may make 规章 (立法法 2015, 第八十条, 第八十二条; spec S-3). Hubei's
    template annotates the row "设区的市、自治州人民政府应提供相关数据". Figures here
    from other organs are usually 规范性文件 or other documents put in the wrong row, or
    rules the organ drafted for its government.

    ## Example
    A town government reports 规章 本年新制作数量 1 (the seed report, 2019); a bureau
    reports 规章 14 (Pingtan 国有资产管理局 2019).

    ## How to fix
    Move the documents to the row they belong in (规范性文件) and report 0 规章. If the
    organ's level is recorded wrongly, correct ``agency.level``.
    """
    level = ctx.report.agency.level
    if level is None or level not in _NOT_RULE_MAKERS:
        return
    edition = ctx.report.edition
    for column in ProactiveRow.RULES.columns(edition):
        value = _count(ctx, ProactiveRow.RULES, column)
        if value is None or value <= 0:
            continue
        yield ctx.finding(
            _pointer(ProactiveRow.RULES, column),
            f"{_label(ProactiveRow.RULES, column, edition)}为 {value}，"
            f"但{level.label()}无规章制定权",
            f"table 二 reports {value} 规章 ({column.value}), but a {level.value} organ "
            "cannot make 规章",
            related=("/agency/level",),
            expected=0,
            actual=value,
        )


@rule(
    code="GD203",
    name="issued-exceeds-in-force-and-repealed",
    severity=Severity.WARNING,
    summary="2021 二: 本年制发件数 is larger than 现行有效件数 + 本年废止件数.",
    summary_zh="表二（2021版）：本年制发件数大于现行有效件数与本年废止件数之和",
    editions=_E2021,
)
def issued_exceeds_in_force(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    In the 2021 format's block 第二十条第（一）项, for 规章 and 行政规范性文件: 本年制发件数
    ≤ 现行有效件数 + 本年废止件数.

    This is the single-year bound of the stock-flow identity 现行有效(Y) =
    现行有效(Y−1) + 本年制发 − 本年废止 (spec X-2): last year's stock cannot be negative.
    (本年废止件数 alone has no bound within one year — everything in force may be
    repealed; against last year's report, GD804 checks the identity itself.)

    ## Why it matters
    A document issued this year is, on 31 December, either in force or repealed
    (figures as at 12-31: 国办公开办函〔2021〕30号, 一（二）). Legitimate exceptions are
    rare: documents issued in December that take effect next year, or that expire
    within the year — hence a warning.

    ## Example
    行政规范性文件: 本年制发 12, 本年废止 0, 现行有效 9.

    ## How to fix
    现行有效件数 counts every document in force at 31 December, including those issued
    this year; check it against the 司法行政 department's filing records.
    """
    edition = ctx.report.edition
    for row in DOCUMENT_ROWS:
        issued = _count(ctx, row, ProactiveColumn.ISSUED)
        repealed = _count(ctx, row, ProactiveColumn.REPEALED)
        in_force = _count(ctx, row, ProactiveColumn.IN_FORCE)
        if issued is None or repealed is None or in_force is None:
            continue
        if issued <= in_force + repealed:
            continue
        yield ctx.finding(
            _pointer(row, ProactiveColumn.IN_FORCE),
            f"{_label(row, ProactiveColumn.IN_FORCE, edition)}为 {in_force}，加本年废止 "
            f"{repealed} 为 {in_force + repealed}，少于本年制发 {issued}",
            f"table 二, {row.value}: in force {in_force} + repealed {repealed} = "
            f"{in_force + repealed}, less than issued this year ({issued})",
            related=(
                _pointer(row, ProactiveColumn.ISSUED),
                _pointer(row, ProactiveColumn.REPEALED),
            ),
            actual=in_force,
        )


@rule(
    code="GD204",
    name="matter-count-below-zero",
    severity=Severity.WARNING,
    summary="2019 二: 上一年项目数量 + 本年增/减 is negative.",
    summary_zh="表二（2019版）：上一年项目数量加本年增/减为负数",
    editions=_E2019,
)
def matter_count_below_zero(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    In the 2019 format's blocks 第二十条第（五）（六）（八）项 (行政许可, 其他对外管理服务事项,
    行政处罚, 行政强制, 行政事业性收费): 上一年项目数量 + 本年增/减 ≥ 0.

    ## Why it matters
    本年增/减 is the signed change in the number of matters over the year ("减用负值表示",
    Hubei's annotation of the 2019 template); the number at the end of the year is
    上一年项目数量 + 本年增/减 and cannot be negative. It follows from the columns'
    definitions (no official checklist states it), hence a warning.

    ## Example
    行政许可: 上一年项目数量 10, 本年增/减 −18.

    ## How to fix
    Check the sign and the figures: 本年增/减 is the change in the number of matters,
    not in the number of decisions.
    """
    edition = ctx.report.edition
    for row in MATTER_ROWS:
        previous = _count(ctx, row, ProactiveColumn.PREVIOUS_COUNT)
        change = _count(ctx, row, ProactiveColumn.CHANGE)
        if previous is None or change is None or previous + change >= 0:
            continue
        yield ctx.finding(
            _pointer(row, ProactiveColumn.CHANGE),
            f"{_label(row, ProactiveColumn.CHANGE, edition)}为 {change}，上一年项目数量为 "
            f"{previous}，本年末项目数为 {previous + change}，不可能为负数",
            f"table 二, {row.value}: previous count {previous} + change {change} = "
            f"{previous + change}, a negative number of matters",
            related=(_pointer(row, ProactiveColumn.PREVIOUS_COUNT),),
            actual=change,
        )


@rule(
    code="GD205",
    name="procurement-amount-without-projects",
    severity=Severity.WARNING,
    summary="2019 二: 采购总金额 and 采购项目数量 disagree (an amount without projects, or "
    "projects without an amount).",
    summary_zh="表二（2019版）：政府集中采购有金额而无项目，或有项目而金额为零",
    editions=_E2019,
)
def procurement_amount_without_projects(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    In the 2019 format's block 第二十条第（九）项 政府集中采购: 采购项目数量 is 0 exactly
    when 采购总金额 is 0.

    ## Why it matters
    The amount is the total of the projects counted beside it: no project, no amount;
    projects, some amount. It follows from the two columns' meaning (the format states
    no such rule), hence a warning. A common cause is a figure in the wrong unit or
    column, or an amount in 元 glued to the project count when the table was flattened.

    ## Example
    采购项目数量 0, 采购总金额 251000元.

    ## How to fix
    Report the projects and their total amount together (or 0 and 0).
    """
    projects = _count(ctx, ProactiveRow.PROCUREMENT, ProactiveColumn.PROJECTS)
    amount = ctx.values[
        ctx.plan.positions[_pointer(ProactiveRow.PROCUREMENT, ProactiveColumn.AMOUNT)]
    ]
    if projects is None or not isinstance(amount, Money):
        return
    if amount.value < 0 or (projects == 0) == (amount.value == 0):
        return  # a negative amount is GD011
    pointer = _pointer(ProactiveRow.PROCUREMENT, ProactiveColumn.AMOUNT)
    related = (_pointer(ProactiveRow.PROCUREMENT, ProactiveColumn.PROJECTS),)
    if projects == 0:
        yield ctx.finding(
            pointer,
            f"表二“政府集中采购”：采购项目数量为 0，但采购总金额为 {amount}",
            f"table 二, procurement: no project, but an amount of {amount}",
            related=related,
            actual=amount.value,
        )
    else:
        yield ctx.finding(
            pointer,
            f"表二“政府集中采购”：采购项目数量为 {projects}，但采购总金额为 0",
            f"table 二, procurement: {projects} project(s), but the amount is 0",
            related=related,
            actual=amount.value,
        )
