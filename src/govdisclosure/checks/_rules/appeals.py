"""GD4xx: table 四 (政府信息公开行政复议、行政诉讼情况)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .._finding import Finding, Severity
from .._registry import Context, rule
from ._common import blank_totals, broken_sum_findings, total_left_blank_finding


@rule(
    code="GD401",
    name="appeal-total-mismatch",
    severity=Severity.ERROR,
    summary="总计 ≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结 in a block of table 四.",
    summary_zh="表四某项：总计不等于结果维持、结果纠正、其他结果、尚未审结之和",
    quiet_when_clean=True,
)
def appeal_total(ctx: Context) -> Iterable[Finding]:
    """
    ## What it checks
    In each of the three blocks of table 四 — 行政复议, 行政诉讼·未经复议直接起诉 and
    行政诉讼·复议后起诉 — 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    ## Why it matters
    Every case of the year is either decided (upheld, corrected, other result) or still
    pending at 31 December; 总计 counts the cases of the block.

    ## Example
    行政复议: 1 + 0 + 2 + 0 = 3, but 总计 is printed as 4.

    ## How to fix
    Recount the cases of the block by result.
    """
    plan = ctx.plan
    return broken_sum_findings(
        ctx,
        plan.appeal_totals,
        plan.appeal_block,
        lambda place_zh, place_en, printed, computed: (
            f"{place_zh}为 {printed}，但结果维持、结果纠正、其他结果、尚未审结之和为 "
            f"{computed}；若各结果无误，应为 {computed}",
            f"{place_en} is {printed}, but upheld + corrected + other + pending = "
            f"{computed}; it should be {computed} if they are right",
        ),
    )


@rule(
    code="GD402",
    name="appeal-total-left-blank",
    severity=Severity.ERROR,
    summary="A 总计 of table 四 is blank although its results are filled.",
    summary_zh="表四某项总计为空，但各结果已填写",
    quiet_when_clean=True,
)
def appeal_total_left_blank(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    The 总计 of a block of table 四 is blank while some of its four results hold
    figures. The expected value is the sum of the filled results.

    ## Why it matters
    A blank total is not a zero; the number of cases cannot be read from the report, and
    GD401 cannot be checked.

    ## Example
    行政复议: 结果维持 2, 结果纠正 1, 其他结果 and 尚未审结 0, 总计 blank.

    ## How to fix
    Print the total.
    """
    if not ctx.has_blank:
        return
    for blank in blank_totals(ctx):
        if not blank.pointer.startswith("/appeals/"):
            continue
        yield total_left_blank_finding(ctx, blank)
