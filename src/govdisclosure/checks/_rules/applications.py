"""GD3xx: table 三 (收到和处理政府信息公开申请情况) — the template's identities."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .._finding import Finding, Severity
from .._registry import Context, finding_maker, rule
from ._common import blank_totals, broken_sum_findings, total_left_blank_finding

_PARTS_EN = "the six applicant columns"


@rule(
    code="GD301",
    name="intake-balance-mismatch",
    severity=Severity.ERROR,
    summary="新收 + 上年结转 ≠ （七）总计 + 结转下年度继续办理 in a column of table 三.",
    summary_zh="表三某列：新收加上年结转不等于办理结果总计加结转下年度",
    quiet_when_clean=True,
)
def intake_balance(ctx: Context) -> Iterable[Finding]:
    """
    ## What it checks
    In every column of table 三 (each applicant type and 总计):

    一、本年新收 + 二、上年结转 = 三、本年度办理结果（七）总计 + 四、结转下年度继续办理

    The finding is placed on 结转下年度继续办理 (the balancing item) and names the other
    three cells as related; any one of the four may be the wrong one.

    ## Why it matters
    It is the template's own reconciliation rule, printed in the table's stub: "本列数据的
    勾稽关系为：第一项加第二项之和，等于第三项加第四项之和" (国办公开办函〔2019〕60号 and
    〔2021〕30号). Every application received or carried over is either handled this year
    or carried forward.

    ## Example
    自然人: 新收 64 + 上年结转 0 = 64, but （七）总计 63 + 结转下年度 2 = 65.

    ## How to fix
    Recount the applications of that applicant type: those received this year, those
    still open from last year, those closed (by final outcome) and those still open at
    31 December.
    """
    values, plan = ctx.values, ctx.plan
    if not ctx.has_blank and plan.balance_block.hold(values):
        return ()
    findings: list[Finding] = []
    make = None
    cells: Any = values  # table 三's cells: ints, or None when blank or unread
    for _column, (i_new, i_over, i_handled, i_forward) in plan.balances:
        new, over = cells[i_new], cells[i_over]
        handled, forward = cells[i_handled], cells[i_forward]
        if new is None or over is None or handled is None or forward is None:
            continue
        if new + over == handled + forward:
            continue
        if make is None:
            make = finding_maker(ctx)
        place_zh, place_en = ctx.describe(plan.refs[i_forward].pointer)
        fix = new + over - handled
        findings.append(
            make(
                plan.locations[i_forward],
                f"{place_zh}为 {forward}：新收 {new} + 上年结转 {over} = {new + over}，"
                f"但（七）总计 {handled} + 结转下年度 {forward} = {handled + forward}；"
                f"若其他三项无误，应为 {fix}",
                f"{place_en} is {forward}: received {new} + carried over {over} = "
                f"{new + over}, but handled {handled} + carried forward {forward} = "
                f"{handled + forward}; if the other three are right, it should be {fix}",
                plan.related_of[i_new, i_over, i_handled],
                fix,
                forward,
            )
        )
    return findings


@rule(
    code="GD302",
    name="outcome-total-mismatch",
    severity=Severity.ERROR,
    summary="（七）总计 ≠ the sum of the outcome rows （一）…（六） in a column of table 三.",
    summary_zh="表三某列：（七）总计不等于各办理结果之和",
    quiet_when_clean=True,
)
def outcome_total(ctx: Context) -> Iterable[Finding]:
    """
    ## What it checks
    In every column of table 三, the row （七）总计 equals the sum of the outcome rows:
    （一）予以公开, （二）部分公开, the 8 reasons of （三）不予公开, the 3 of （四）无法提供,
    the 5 of （五）不予处理 and （六）其他处理 (one row in 2019, three in 2021).

    ## Why it matters
    The table reports each application once, under its *final* outcome ("政府信息公开申请的
    最终处理结果"; partly disclosed applications count only under （二）). （七）总计 is
    the number of applications handled; it must be the sum of the outcomes it totals,
    or the identity of GD301 cannot hold either.

    ## Example
    总计 column: the outcomes add up to 804, but （七）总计 is printed as 805.

    ## How to fix
    Re-add the outcome rows of that column; check that no application was counted under
    two outcomes, and that none was left out.
    """
    plan = ctx.plan
    return broken_sum_findings(
        ctx,
        plan.outcome_totals,
        plan.outcome_block,
        lambda place_zh, place_en, printed, computed: (
            f"{place_zh}为 {printed}，但各办理结果之和为 {computed}；"
            f"若各办理结果无误，应为 {computed}",
            f"{place_en} is {printed}, but the outcome rows add up to {computed}; it "
            f"should be {computed} if they are right",
        ),
    )


@rule(
    code="GD303",
    name="row-total-mismatch",
    severity=Severity.ERROR,
    summary="A row's 总计 ≠ the sum of its six applicant columns in table 三.",
    summary_zh="表三某行：总计不等于六类申请人之和",
    quiet_when_clean=True,
)
def row_total(ctx: Context) -> Iterable[Finding]:
    """
    ## What it checks
    In every row of table 三, the 总计 column equals 自然人 + 商业企业 + 科研机构 +
    社会公益组织 + 法律服务机构 + 其他.

    ## Why it matters
    总计 sits under the header 申请人情况 and totals the applicant types of its row; an
    application has exactly one applicant type.

    ## Example
    （一）予以公开: 27 + 0 + 0 + 2 + 0 + 1 = 30, but 总计 is printed as 31.

    ## How to fix
    Re-add the row. If an applicant type is missing from the breakdown, assign the
    applications to it (or to 其他).
    """
    plan = ctx.plan
    return broken_sum_findings(
        ctx,
        plan.row_totals,
        plan.row_block,
        lambda place_zh, place_en, printed, computed: (
            f"{place_zh}为 {printed}，但六类申请人之和为 {computed}；若各列无误，应为 {computed}",
            f"{place_en} is {printed}, but {_PARTS_EN} add up to {computed}; it should be "
            f"{computed} if they are right",
        ),
    )


@rule(
    code="GD304",
    name="total-left-blank",
    severity=Severity.ERROR,
    summary="A 总计 of table 三 is blank although the cells it adds up are filled.",
    summary_zh="表三的总计为空，但其所加总的单元格已填写",
    quiet_when_clean=True,
)
def total_left_blank(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    A printed total of table 三 — the 总计 column of a row, or a cell of the row
    （七）总计 — is blank while some of the cells it adds up hold figures. The finding's
    expected value is the sum of the filled cells.

    ## Why it matters
    A blank total is not a zero: the reader cannot reconcile the table, and the
    template's identities (GD301–GD303) cannot be checked for that row or column. (A
    total that reading a document left unread is not blank: GD012 notes it instead.)

    ## Example
    Shanghai 2019, （一）予以公开: 258 + 12 + 1 + 1 = 272, but 总计 is left blank.

    ## How to fix
    Print the total.
    """
    if not ctx.has_blank:
        return
    for blank in blank_totals(ctx):
        if not blank.pointer.startswith("/applications/"):
            continue
        yield total_left_blank_finding(ctx, blank)
