"""GD80x: this year's report against last year's (``check(report, previous=last_year)``).

The comparisons need last year's report of the same organ. Before comparing, two notes
say when a comparison would be nonsense, and the comparisons concerned are skipped:

* GD801: ``previous`` is not the report of the year before (no comparison at all);
* GD802: the two reports use different editions (spec X-5). Section 二 changed meaning
  between the editions, so GD804–GD806 are skipped; table 三 did not (except row （六）),
  so the carry-over (GD803) and the text of 五 (GD807) are still compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ...model import Applicant, ApplicationRow, Edition, Money, cell_values
from ...model._cellmap import CellValue
from .._finding import Finding, Location, Severity
from .._registry import Context, rule
from ._common import DOCUMENT_ROWS, MATTER_ROWS

_E2019 = frozenset({Edition.E2019})
_E2021 = frozenset({Edition.E2021})
_PREVIOUS = "previous"

#: Share of this year's three-character sequences (of 五, letters only) found in last
#: year's 五 from which the section counts as repeated (GD807).
REPEAT_THRESHOLD = Decimal("0.8")
#: Sections shorter than this (letters only) are not compared (GD510 covers "无").
_MIN_LETTERS = 20
_SHINGLE = 3
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def _last_year(ctx: Context) -> bool:
    """Whether ``previous`` is the report of the year before."""
    previous = ctx.previous
    return previous is not None and previous.year == ctx.report.year - 1


def _years_known(ctx: Context) -> bool:
    """Whether both reports say their year (reading found it in each)."""
    previous = ctx.previous
    return previous is not None and not (
        "/year" in ctx.report.unread_pointers or "/year" in previous.unread_pointers
    )


def _same_edition(ctx: Context) -> bool:
    return (
        _last_year(ctx) and ctx.previous is not None and ctx.previous.edition is ctx.report.edition
    )


def _then(pointer: str) -> Location:
    return Location(pointer=pointer, report=_PREVIOUS)


def _previous_values(ctx: Context) -> list[CellValue]:
    previous = ctx.previous
    assert previous is not None
    return ctx.memo("previous_values", lambda _: cell_values(previous))


def _count_at(ctx: Context, values: list[CellValue], pointer: str) -> int | None:
    """The count at ``pointer`` in ``values`` (this year's or last year's cell vector).

    Both reports have the same edition whenever this is used, so one plan serves both.
    """
    value = values[ctx.plan.positions[pointer]]
    return None if isinstance(value, Money) else value


@rule(
    code="GD801",
    name="previous-report-not-last-year",
    severity=Severity.WARNING,
    summary="The report given as last year's is not of the year before; nothing is compared.",
    summary_zh="作为上一年度报告提供的报告不是上一年度的，未作跨年度比较",
    scope="previous",
)
def previous_not_last_year(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    That the report given as ``previous`` is for the year before the report checked.
    When it is not, no cross-year rule (GD802–GD807) compares anything.

    ## Why it matters
    The cross-year identities (spec X-1…X-4) hold between consecutive years only:
    this year's 上年结转 is last year's 结转下年度, not that of two years ago.

    ## Example
    Checking the 2022 report with ``previous`` = the 2020 report.

    ## How to fix
    Pass last year's report of the same organ (on the command line, ``check
    --pair-years`` finds it among the files given). A warning, not a note: a comparison
    that was asked for did not take place.
    """
    previous = ctx.previous
    assert previous is not None
    year = ctx.report.year
    if previous.year == year - 1 or not _years_known(ctx):
        return  # a year reading did not find is not compared (GD012 notes it)
    yield ctx.finding(
        "/year",
        f"上一年度报告应为 {year - 1} 年度，实际为 {previous.year} 年度；未作跨年度比较",
        f"last year's report should be for {year - 1}, not {previous.year}; nothing was compared",
        related=(_then("/year"),),
        expected=year - 1,
        actual=previous.year,
    )


@rule(
    code="GD802",
    name="edition-changed-since-last-year",
    severity=Severity.NOTE,
    summary="This year's and last year's reports use different editions; section 二 is "
    "not compared.",
    summary_zh="本年度与上一年度报告格式版本不同，第二部分不作比较",
    scope="previous",
)
def edition_changed(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Whether last year's report uses the same edition of the format. If not — typically
    the 2020 report (2019 edition) against the 2021 report (2021 edition) — the
    comparisons of section 二 (GD804, GD805, GD806) are skipped; the carry-over of table
    三 (GD803) and the text of 五 (GD807) are still compared.

    ## Why it matters
    The 2021 edition changed what section 二 counts: 现行有效件数 is not 对外公开总数量,
    and the 2019 counts of matters (上一年项目数量, 本年增/减) have no 2021 counterpart
    (spec X-5, §4). Comparing them would produce nonsense. Table 三 is the same in both
    editions except row （六）, so 上年结转/结转下年度 still match.

    ## Example
    ``check(report_2021, previous=report_2020)``.

    ## How to fix
    Nothing to fix: the note says which comparisons were made.
    """
    previous = ctx.previous
    assert previous is not None
    if not _last_year(ctx) or previous.edition is ctx.report.edition:
        return
    now, then = ctx.report.edition.value, previous.edition.value
    yield ctx.finding(
        "/edition",
        f"本报告使用 {now} 版格式，上一年度报告使用 {then} 版格式；两版第二部分统计口径"
        "不同，未比较第二部分（第三部分结转情况仍作比较）",
        f"this report uses the {now} edition and last year's the {then} edition; section "
        "二 is not compared across editions (the carry-over of table 三 still is)",
        related=(_then("/edition"),),
        expected=now,
        actual=then,
    )


@rule(
    code="GD803",
    name="carry-over-mismatch",
    severity=Severity.WARNING,
    summary="上年结转 differs from last year's 结转下年度继续办理 in a column of table 三.",
    summary_zh="表三某列：本年“上年结转”与上一年度“结转下年度继续办理”不一致",
    scope="previous",
)
def carry_over_mismatch(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    In every column of table 三 (each applicant type and 总计): this year's
    二、上年结转政府信息公开申请数量 equals last year's 四、结转下年度继续办理 (spec X-1).
    Compared across editions too: both editions print these rows alike.

    ## Why it matters
    An application still open on 31 December is carried forward, and it is the same
    application that is carried over on 1 January. A break means an application was lost
    or counted twice between the reports — or that the reporting organ changed (机构改革,
    a merged or split organ), which is legitimate; hence a warning, not an error.

    ## Example
    Pingtan: 2021 结转下年度 总计 1, 2022 上年结转 总计 1 — no finding. A 2022 上年结转
    of 0 would be one.

    ## How to fix
    Reconcile the open applications at the turn of the year; if the organ changed,
    say so in the text.
    """
    previous = ctx.previous
    assert previous is not None
    if not _last_year(ctx):
        return
    over = ctx.report.applications.carried_over.values()
    forward = previous.applications.carried_forward.values()
    if over == forward:
        return
    for column, now, then in zip(Applicant, over, forward, strict=True):
        if now is None or then is None or now == then:
            continue
        yield ctx.finding(
            f"/applications/{ApplicationRow.CARRIED_OVER.value}/{column.value}",
            f"表三“{column.label()}”列：上年结转 {now} 件，但上一年度报告结转下年度 {then} 件",
            f"table 三, column {column.value}: {now} carried over, but last year's report "
            f"carried {then} forward",
            related=(
                _then(f"/applications/{ApplicationRow.CARRIED_FORWARD.value}/{column.value}"),
            ),
            expected=then,
            actual=now,
        )


@rule(
    code="GD804",
    name="documents-in-force-do-not-continue",
    severity=Severity.WARNING,
    summary="2021 二: 现行有效件数 ≠ last year's + 本年制发件数 − 本年废止件数.",
    summary_zh="表二（2021版）：现行有效件数不等于上年现行有效件数加本年制发减本年废止",
    scope="previous",
    editions=_E2021,
)
def in_force_stock_flow(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    For 规章 and 行政规范性文件 in the 2021 format (both years): 现行有效件数(Y) =
    现行有效件数(Y−1) + 本年制发件数(Y) − 本年废止件数(Y) (spec X-2).

    ## Why it matters
    The documents in force at the end of the year are those in force a year before, plus
    those issued, minus those repealed. It is soft: documents also lapse when their
    validity period ends (有效期届满), are transferred between organs, or are recounted in
    a 清理 campaign; whether an amendment counts as 制发 varies — hence a warning.

    ## Example
    Pingtan 行政规范性文件: 665 (2021) + 88 − 55 = 698 (2022) — no finding.

    ## How to fix
    Reconcile the three figures with the 司法行政 department's filing records; explain
    documents that lapsed otherwise in the text.
    """
    if not _same_edition(ctx):
        return
    now, then = ctx.values, _previous_values(ctx)
    for row in DOCUMENT_ROWS:
        base = f"/proactive/{row.value}"
        issued = _count_at(ctx, now, f"{base}/issued")
        repealed = _count_at(ctx, now, f"{base}/repealed")
        in_force = _count_at(ctx, now, f"{base}/in_force")
        before = _count_at(ctx, then, f"{base}/in_force")
        if issued is None or repealed is None or in_force is None or before is None:
            continue
        expected = before + issued - repealed
        if expected == in_force:
            continue
        yield ctx.finding(
            f"{base}/in_force",
            f"表二“{row.label(Edition.E2021)}”：上年现行有效 {before} + 本年制发 {issued} − "
            f"本年废止 {repealed} = {expected}，但现行有效件数为 {in_force}",
            f"table 二, {row.value}: last year's {before} in force + {issued} issued − "
            f"{repealed} repealed = {expected}, but {in_force} are in force",
            related=(f"{base}/issued", f"{base}/repealed", _then(f"{base}/in_force")),
            expected=expected,
            actual=in_force,
        )


@rule(
    code="GD805",
    name="published-total-not-cumulative",
    severity=Severity.NOTE,
    summary="2019 二: 对外公开总数量 ≠ last year's + 本年新公开数量 (UNCONFIRMED rule).",
    summary_zh="表二（2019版）：对外公开总数量不等于上年总数加本年新公开数量（推定规则）",
    scope="previous",
    editions=_E2019,
)
def published_total_cumulative(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    For 规章 and 规范性文件 in the 2019 format (both years): 对外公开总数量(Y) =
    对外公开总数量(Y−1) + 本年新公开数量(Y) (spec X-3).

    ## Why it matters
    If 对外公开总数量 is cumulative, as its name suggests, this year's total is last
    year's plus what was newly disclosed. The spec marks the rule UNCONFIRMED: no
    official text defines the column as cumulative (it holds in Pingtan 2019→2020:
    89 + 77 = 166). Hence a note.

    ## Example
    规范性文件: 2019 total 89, 2020 newly published 77, 2020 total 160.

    ## How to fix
    Check whether the total counts documents disclosed to date; if documents were
    withdrawn, say so in the text.
    """
    if not _same_edition(ctx):
        return
    now, then = ctx.values, _previous_values(ctx)
    for row in DOCUMENT_ROWS:
        base = f"/proactive/{row.value}"
        new = _count_at(ctx, now, f"{base}/newly_published")
        total = _count_at(ctx, now, f"{base}/total_published")
        before = _count_at(ctx, then, f"{base}/total_published")
        if new is None or total is None or before is None or before + new == total:
            continue
        yield ctx.finding(
            f"{base}/total_published",
            f"表二“{row.label(Edition.E2019)}”：上年对外公开总数量 {before} + 本年新公开 {new} "
            f"= {before + new}，但对外公开总数量为 {total}（推定规则，未经官方确认）",
            f"table 二, {row.value}: last year's total {before} + newly published {new} = "
            f"{before + new}, but the total is {total} (an unconfirmed rule)",
            related=(f"{base}/newly_published", _then(f"{base}/total_published")),
            expected=before + new,
            actual=total,
        )


@rule(
    code="GD806",
    name="matter-count-does-not-continue",
    severity=Severity.NOTE,
    summary="2019 二: 上一年项目数量 ≠ last year's 上一年项目数量 + 本年增/减 (UNCONFIRMED rule).",
    summary_zh="表二（2019版）：上一年项目数量不等于上年报告的上一年项目数量加本年增/减（推定规则）",
    scope="previous",
    editions=_E2019,
)
def matter_count_continues(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    For 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制 and 行政事业性收费 in the 2019
    format (both years): 上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1)
    (spec X-4).

    ## Why it matters
    上一年项目数量 is the number of matters at the end of the previous year, and last
    year's report gave it as its own 上一年项目数量 plus its 本年增/减 (Hubei's notes:
    "上一年项目数量（指2019年事项数）", "本年增/减（指2020年增加或减少的事项数）"). The
    spec marks the rule UNCONFIRMED (it holds in Pingtan 2019→2020), hence a note.

    ## Example
    行政许可: 2019 上一年项目数量 396, 本年增/减 +4; 2020 上一年项目数量 396.

    ## How to fix
    Carry the count of matters over from last year's report, or explain the change.
    """
    if not _same_edition(ctx):
        return
    then = _previous_values(ctx)
    for row in MATTER_ROWS:
        base = f"/proactive/{row.value}"
        now = _count_at(ctx, ctx.values, f"{base}/previous_count")
        before = _count_at(ctx, then, f"{base}/previous_count")
        change = _count_at(ctx, then, f"{base}/change")
        if now is None or before is None or change is None or before + change == now:
            continue
        yield ctx.finding(
            f"{base}/previous_count",
            f"表二“{row.label(Edition.E2019)}”：上一年度报告的上一年项目数量 {before} + "
            f"本年增/减 {change:+d} = {before + change}，但本年报告的上一年项目数量为 {now}"
            "（推定规则，未经官方确认）",
            f"table 二, {row.value}: last year's count {before} + change {change:+d} = "
            f"{before + change}, but this year's previous count is {now} (an unconfirmed rule)",
            related=(_then(f"{base}/previous_count"), _then(f"{base}/change")),
            expected=before + change,
            actual=now,
        )


def _letters(text: str) -> str:
    return _NOT_LETTERS.sub("", text)


def repeated_share(text: str, earlier: str) -> Decimal | None:
    """Share of ``text``'s three-character sequences also in ``earlier`` (letters only).

    White space, punctuation and digits are dropped first, so a text that only changes
    the years ("2021年" → "2022年") counts as repeated. ``None`` when either text has
    fewer than 20 letters.
    """
    now, then = _letters(text), _letters(earlier)
    if len(now) < _MIN_LETTERS or len(then) < _MIN_LETTERS:
        return None
    mine = {now[i : i + _SHINGLE] for i in range(len(now) - _SHINGLE + 1)}
    theirs = {then[i : i + _SHINGLE] for i in range(len(then) - _SHINGLE + 1)}
    return (Decimal(len(mine & theirs)) / Decimal(len(mine))).quantize(Decimal("0.01"))


@rule(
    code="GD807",
    name="problems-repeated-from-last-year",
    severity=Severity.WARNING,
    summary="五、存在的主要问题及改进情况 repeats last year's text.",
    summary_zh="“五、存在的主要问题及改进情况”与上一年度报告雷同",
    scope="previous",
)
def problems_repeated(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    How much of this year's section 五 was already in last year's: the share of this
    year's three-character sequences (letters only: white space, punctuation and digits
    dropped, so changed years do not hide a copy) that also occur in last year's 五.
    From 0.8 (four in five) the section counts as repeated. Sections under 20 letters are
    not compared (GD510 covers an empty 五 or "无").

    ## Why it matters
    Both formats: "重在实事求是、明确具体，避免笼统模糊、泛泛而谈…不得出现敷衍了事甚至
    年年雷同现象" (国办公开办函〔2019〕60号 and 〔2021〕30号, 一（五）; spec S-10). The
    threshold is this library's choice: real rewrites share well under half of their
    sequences (Pingtan 2021→2022: 0.08), while copies with new years score 1.0.

    ## Example
    The 2022 report's 五 is the 2021 text with "2021年" changed to "2022年".

    ## How to fix
    Report this year's problems and what was done about last year's.
    """
    previous = ctx.previous
    assert previous is not None
    if not _last_year(ctx):
        return
    if {"/problems"} & (ctx.report.unread_pointers | previous.unread_pointers):
        return
    share = repeated_share(ctx.report.problems, previous.problems)
    if share is None or share < REPEAT_THRESHOLD:
        return
    yield ctx.finding(
        "/problems",
        f"“五、存在的主要问题及改进情况”与上一年度报告雷同（{share:.0%} 的内容相同）",
        f"section 五 repeats last year's ({share:.0%} of its text was already there)",
        related=(_then("/problems"),),
        expected=None,
        actual=share,
    )
