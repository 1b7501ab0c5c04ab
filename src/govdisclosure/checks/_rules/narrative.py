"""GD1xx, GD5xx, GD6xx: the report's prose — its length, its content, its numbers.

The figures the text states (new applications, handled, carried over or forward, the
outcomes, reconsiderations and lawsuits) are read once per report by
:func:`._phrases.read_claims` and compared with the table cells they restate. A narrative
finding's location is the sentence (its pointer is the text field, ``text_range`` the
sentence); its related locations are the cells.

A blank cell is not a zero. Where a cell the text is compared with is blank, the filled
cells of the row give a *lower bound* of the table's figure (counts are never negative):
the text contradicts the table only if it states less than that bound. Where a cell the
comparison needs was left unread by a parser, nothing is compared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from types import MappingProxyType
from typing import NamedTuple, TypeVar

from ...model import ApplicationRow, Edition
from .._finding import Finding, Location, Severity
from .._registry import PRECONDITIONS, Context, rule
from ._phrases import (
    NOTHING_TO_REPORT,
    STRIP,
    Claim,
    Stated,
    fee_notice_pattern,
    fee_patterns,
    read_claims,
    sentence_range,
    text_at,
)

#: The 2021 format's limit on the length of 一、总体情况: "篇幅原则上不超过一千字".
OVERVIEW_LIMIT = 1000
#: Not counted in the length of a text.
_WHITE_SPACE = (" ", "\n", "\r", "\t", "\u3000", "\xa0")
_E2021 = frozenset({Edition.E2021})


class Figure(NamedTuple):
    """A figure of the tables: its value (a lower bound if not exact) and its cells."""

    value: int
    exact: bool
    pointers: tuple[str, ...]


def _claims(ctx: Context) -> dict[Stated, list[Claim]]:
    return ctx.memo("claims", read_claims)


def _figure(ctx: Context, pointers: tuple[str, ...]) -> Figure | None:
    """The sum of the totals at ``pointers`` (each a lower bound where it is blank).

    ``None`` when a negative count (GD011) leaves nothing sound to compare with.
    """
    values = ctx.values
    positions = ctx.plan.positions
    unread = ctx.unread
    value, exact = 0, True
    for pointer in pointers:
        position = positions.get(pointer)
        if position is None:
            return None  # not a cell of this report's table 三 (a mixed template)
        if position in unread:
            return None  # not known: nothing to hold the text against
        total = values[position]
        if total is None:
            bound = _lower_bound(ctx, position)
            if bound is None:
                return None
            value += bound[0]
            exact = exact and bound[1]
        else:
            assert isinstance(total, int)
            if total < 0:
                return None
            value += total
    return _new_figure(Figure, (value, exact, pointers))


#: ``Figure(...)`` from the tuple of its fields, without the keyword-ready ``__new__``.
_new_figure = tuple.__new__


def _lower_bound(ctx: Context, total: int) -> tuple[int, bool] | None:
    """For a blank 总计 at position ``total``: the sum of its row's filled cells, and if all are."""
    values = ctx.values
    parts = ctx.plan.parts_of[total]
    if not ctx.known(parts):
        return None
    numbers = [v for v in (values[i] for i in parts) if isinstance(v, int)]
    if any(v < 0 for v in numbers):
        return None
    return sum(numbers), len(numbers) == len(parts)


def _totals(rows: tuple[ApplicationRow, ...]) -> tuple[str, ...]:
    return tuple(f"/applications/{row.value}/total" for row in rows)


def _group(edition: Edition, group: str) -> tuple[ApplicationRow, ...]:
    return tuple(r for r in ApplicationRow.for_edition(edition) if r.group == group)


def _other_handling(edition: Edition) -> tuple[ApplicationRow, ...]:
    if edition is Edition.E2019:
        return (ApplicationRow.OTHER_HANDLING,)
    return _group(edition, "other_handling")


class _Subject(NamedTuple):
    """What a stated figure is about, for messages."""

    zh: str
    en: str
    table_zh: str


#: How messages name each kind of stated figure and the cells it is compared with.
_SUBJECTS = MappingProxyType(
    {
        Stated.RECEIVED: _Subject("收到申请", "applications received", "表三“一、本年新收”总计"),
        Stated.RECEIVED_NEW: _Subject(
            "本年新收申请", "new applications received", "表三“一、本年新收”总计"
        ),
        Stated.CARRIED_OVER: _Subject(
            "上年结转申请", "applications carried over", "表三“二、上年结转”总计"
        ),
        Stated.HANDLED: _Subject("办结（答复）申请", "applications handled", "表三“（七）总计”"),
        Stated.CARRIED_FORWARD: _Subject(
            "结转下年度申请", "applications carried forward", "表三“四、结转下年度继续办理”总计"
        ),
        Stated.GRANTED_OR_PARTIAL: _Subject(
            "予以公开及部分公开",
            "applications granted in full or in part",
            "表三“（一）予以公开”与“（二）部分公开”总计之和",
        ),
        Stated.GRANTED: _Subject("予以公开", "applications granted", "表三“（一）予以公开”总计"),
        Stated.PARTIALLY_GRANTED: _Subject(
            "部分公开", "applications partly granted", "表三“（二）部分公开”总计"
        ),
        Stated.WITHHELD: _Subject(
            "不予公开", "applications withheld", "表三“（三）不予公开”各项总计之和"
        ),
        Stated.UNAVAILABLE: _Subject(
            "无法提供", "applications unavailable", "表三“（四）无法提供”各项总计之和"
        ),
        Stated.NOT_PROCESSED: _Subject(
            "不予处理", "applications not processed", "表三“（五）不予处理”各项总计之和"
        ),
        Stated.OTHER_HANDLING: _Subject(
            "其他处理", "applications otherwise handled", "表三“（六）其他处理”总计"
        ),
        Stated.REVIEW: _Subject("行政复议", "administrative reconsiderations", "表四行政复议总计"),
        Stated.LITIGATION: _Subject(
            "行政诉讼",
            "lawsuits",
            "表四未经复议直接起诉总计与复议后起诉总计之和",
        ),
    }
)


def _compared_readings(edition: Edition, stated: Stated) -> tuple[tuple[str, ...], ...]:
    """The 总计 cells a stated number is compared with: one set per admissible reading."""
    if stated is Stated.RECEIVED:  # R1, or R1 + R2 (spec S-6)
        return (
            _totals((ApplicationRow.NEW_RECEIVED,)),
            _totals((ApplicationRow.NEW_RECEIVED, ApplicationRow.CARRIED_OVER)),
        )
    if stated is Stated.REVIEW:
        return (("/appeals/administrative_review/total",),)
    if stated is Stated.LITIGATION:
        return (("/appeals/direct_litigation/total", "/appeals/litigation_after_review/total"),)
    rows: tuple[ApplicationRow, ...] = {
        Stated.RECEIVED_NEW: (ApplicationRow.NEW_RECEIVED,),
        Stated.CARRIED_OVER: (ApplicationRow.CARRIED_OVER,),
        Stated.HANDLED: (ApplicationRow.TOTAL_HANDLED,),
        Stated.CARRIED_FORWARD: (ApplicationRow.CARRIED_FORWARD,),
        Stated.GRANTED_OR_PARTIAL: (ApplicationRow.GRANTED, ApplicationRow.PARTIALLY_GRANTED),
        Stated.GRANTED: (ApplicationRow.GRANTED,),
        Stated.PARTIALLY_GRANTED: (ApplicationRow.PARTIALLY_GRANTED,),
    }.get(stated) or {
        Stated.WITHHELD: _group(edition, "withheld"),
        Stated.UNAVAILABLE: _group(edition, "unavailable"),
        Stated.NOT_PROCESSED: _group(edition, "not_processed"),
        Stated.OTHER_HANDLING: _other_handling(edition),
    }[stated]
    return (_totals(rows),)


#: :func:`_compared_readings` of every edition's table 三 and every kind of figure.
_COMPARED = {
    (edition, stated): _compared_readings(edition, stated)
    for edition in Edition
    for stated in Stated
}


#: Per kind of stated figure, the figures of the tables it is compared with and the
#: claims that contradict them.
_Contradicted = dict[Stated, tuple[tuple[Figure, ...], list[Claim]]]


def _contradicted(ctx: Context) -> _Contradicted:
    """Every claim of the text that the tables contradict, by kind (once per report)."""
    return ctx.memo("contradicted", lambda _: _compare(ctx))


def _compare(ctx: Context) -> _Contradicted:
    out: _Contradicted = {}
    claims_by_kind = _claims(ctx)
    if not claims_by_kind:
        return out
    applications = ctx.layout.applications
    for stated, claims in claims_by_kind.items():
        figures = _figures_of(ctx, _COMPARED[applications, stated])
        if figures is None:
            continue
        wrong = []
        for claim in claims:
            number = claim.number
            for figure in figures:
                # A claim agrees with an exact figure it equals, or with a lower bound
                # it does not fall below.
                if number == figure.value if figure.exact else number >= figure.value:
                    break
            else:
                wrong.append(claim)
        if wrong:
            out[stated] = (figures, wrong)
    return out


def _figures_of(ctx: Context, readings: tuple[tuple[str, ...], ...]) -> tuple[Figure, ...] | None:
    """The table figures a stated number may equal, one per admissible reading (two for
    the ambiguous 收到申请: see :func:`_compared_readings`); ``None`` if one cannot be known."""
    figures = []
    for pointers in readings:
        figure = _figure(ctx, pointers)
        if figure is None:
            return None
        figures.append(figure)
    return tuple(figures)


def _contradicting(ctx: Context) -> bool:
    """Whether a figure of the text contradicts the tables (the narrative rules find
    nothing otherwise: their precondition)."""
    return bool(_contradicted(ctx))


def _mismatches(ctx: Context, kinds: tuple[Stated, ...]) -> Iterable[Finding]:
    contradicted = _contradicted(ctx)
    if not contradicted:
        return ()
    return [
        _finding(ctx, claim, figures)
        for stated in kinds
        if stated in contradicted
        for figures, claims in (contradicted[stated],)
        for claim in claims
    ]


def _finding(ctx: Context, claim: Claim, figures: tuple[Figure, ...]) -> Finding:
    subject = _SUBJECTS[claim.stated]
    first = figures[0]
    bound_zh = "" if first.exact else "至少"
    bound_en = "" if first.exact else "at least "
    table_zh = f"{subject.table_zh}{bound_zh}为 {first.value}"
    table_en = f"the table gives {bound_en}{first.value}"
    if len(figures) > 1:
        other = figures[1]
        table_zh += f"，加上年结转为 {'' if other.exact else '至少'}{other.value}"
        table_en += f" ({'' if other.exact else 'at least '}{other.value} with those carried over)"
    text = text_at(ctx.report, claim.pointer)
    span = sentence_range(text, claim.start, claim.end)
    pointers = dict.fromkeys(p for f in figures for p in f.pointers)
    return ctx.finding(
        claim.pointer,
        f"正文称{subject.zh} {claim.number} 件，但{table_zh}",
        f"the text states {claim.number} {subject.en}, but {table_en}",
        related=tuple(pointers),
        expected=first.value if first.exact else None,
        actual=claim.number,
        text_range=span,
    )


_NARRATIVE_WHY = """\
"收到和处理政府信息公开申请情况" is reported twice: in the table and in the text
    (一、总体情况 usually summarises it). The format asks for "数据准确、要素齐备" and
    "应报尽报，全面准确" (国办公开办函〔2019〕60号, 〔2021〕30号); a reader who finds two
    different figures cannot tell which is right (spec S-6). The text is read by a
    heuristic, hence a warning."""

_F = TypeVar("_F", bound=Callable[..., object])


def _narrative_doc(function: _F) -> _F:
    """Put the shared *Why it matters* text into a narrative rule's docstring."""
    function.__doc__ = (function.__doc__ or "").replace("{why}", _NARRATIVE_WHY)
    return function


@rule(
    code="GD501",
    name="narrative-received-mismatch",
    severity=Severity.WARNING,
    summary="The text states a number of applications received that the table does not have.",
    summary_zh="正文所述收到申请数与表三不符",
)
@_narrative_doc
def narrative_received(ctx: Context) -> Iterable[Finding]:
    """
    ## What it checks
    A sentence stating how many applications were received — "本年新收…申请 N 件",
    "收到…申请 N 件", "受理政府信息公开申请 N 件", "收到 N 件申请" — against table 三.
    "本年新收" means row 一、本年新收 (R1). "收到"/"受理" is ambiguous: reports use it
    for R1 and for R1 + 二、上年结转 (R2); either agrees (spec S-6).

    The words must be in the number's own clause, and the clause must speak of
    applications (申请) and not of reconsiderations, lawsuits, enquiries or petitions.
    Numbers in Chinese numerals (三件) are not read.

    ## Why it matters
    {why}

    ## Example
    The text says "2019年度收到依申请公开3件" but 一、本年新收 总计 is 0.

    ## How to fix
    Correct whichever of the two is wrong; if the text counts applications carried over
    too, say so ("含上年结转 N 件").
    """
    return _mismatches(ctx, (Stated.RECEIVED, Stated.RECEIVED_NEW))


@rule(
    code="GD502",
    name="narrative-carried-over-mismatch",
    severity=Severity.WARNING,
    summary="The text states a number of applications carried over that the table does not have.",
    summary_zh="正文所述上年结转申请数与表三不符",
)
@_narrative_doc
def narrative_carried_over(ctx: Context) -> Iterable[Finding]:
    """
    ## What it checks
    "上年结转…N 件", "上年度结转申请 N 件" against table 三 二、上年结转政府信息公开申请数量
    (总计).

    ## Why it matters
    {why}

    ## Example
    "答复 3050 件（含上年度结转申请 34 件…）" while 二、上年结转 总计 is 43.

    ## How to fix
    Correct the text or the table.
    """
    return _mismatches(ctx, (Stated.CARRIED_OVER,))


@rule(
    code="GD503",
    name="narrative-handled-mismatch",
    severity=Severity.WARNING,
    summary="The text states a number of applications handled that the table does not have.",
    summary_zh="正文所述办结（答复）申请数与表三（七）总计不符",
)
@_narrative_doc
def narrative_handled(ctx: Context) -> Iterable[Finding]:
    """
    ## What it checks
    "办结 N 件", "答复…申请 N 件", "办理完毕 N 件" against table 三 （七）总计 (总计
    column): the number of applications handled this year, by final outcome.

    ## Why it matters
    {why}

    ## Example
    "及时依法依规办结 68 件" while （七）总计 is 69.

    ## How to fix
    Correct the text or the table.
    """
    return _mismatches(ctx, (Stated.HANDLED,))


@rule(
    code="GD504",
    name="narrative-carried-forward-mismatch",
    severity=Severity.WARNING,
    summary="The text states a number of applications carried forward that the table "
    "does not have.",
    summary_zh="正文所述结转下年度申请数与表三不符",
)
@_narrative_doc
def narrative_carried_forward(ctx: Context) -> Iterable[Finding]:
    """
    ## What it checks
    "N 件结转下年度", "N 件顺延到下年度答复", "结转至2026年 N 件" against table 三
    四、结转下年度继续办理 (总计).

    ## Why it matters
    {why}

    ## Example
    "1件结转下年度继续办理" while 四、结转下年度继续办理 总计 is 2.

    ## How to fix
    Correct the text or the table.
    """
    return _mismatches(ctx, (Stated.CARRIED_FORWARD,))


@rule(
    code="GD505",
    name="narrative-outcome-mismatch",
    severity=Severity.WARNING,
    summary="The text states a number of applications with an outcome (予以公开, 不予公开, "
    "无法提供…) that the table does not have.",
    summary_zh="正文所述办理结果（予以公开、不予公开、无法提供等）件数与表三不符",
)
@_narrative_doc
def narrative_outcome(ctx: Context) -> Iterable[Finding]:
    """
    ## What it checks
    Figures the text gives for outcomes against the rows of table 三 (总计 column):
    "予以公开 N 件" → （一）; "部分公开 N 件" → （二）; "予以公开及部分公开 N 件" →
    （一）+（二）; "不予公开 N 件" → the 8 rows of （三）; "无法提供 N 件" → the 3 rows of
    （四）; "不予处理 N 件" → the 5 rows of （五）; "其他处理 N 件" → （六） (one row in
    2019, three in 2021). Where a 总计 cell is blank, its row's filled cells are a lower
    bound: the text contradicts the table only if it states less.

    ## Why it matters
    {why}

    ## Example
    Shanghai 2019: "予以公开及部分公开258件 … 无法提供265件", but the table's rows give
    272 + 3 = 275 and 265 + 47 + 25 = 337.

    ## How to fix
    Recount the outcomes in the text from the table (or correct the table).
    """
    return _mismatches(
        ctx,
        (
            Stated.GRANTED_OR_PARTIAL,
            Stated.GRANTED,
            Stated.PARTIALLY_GRANTED,
            Stated.WITHHELD,
            Stated.UNAVAILABLE,
            Stated.NOT_PROCESSED,
            Stated.OTHER_HANDLING,
        ),
    )


@rule(
    code="GD506",
    name="narrative-review-mismatch",
    severity=Severity.WARNING,
    summary="The text states a number of 行政复议 cases that table 四 does not have.",
    summary_zh="正文所述行政复议件数与表四不符",
)
@_narrative_doc
def narrative_review(ctx: Context) -> Iterable[Finding]:
    """
    ## What it checks
    "行政复议 N 件", "行政复议案件 N 件" against table 四 行政复议·总计.

    ## Why it matters
    {why}

    ## Example
    "行政复议案件3件" while 行政复议 总计 is 2.

    ## How to fix
    Correct the text or the table.
    """
    return _mismatches(ctx, (Stated.REVIEW,))


@rule(
    code="GD507",
    name="narrative-litigation-mismatch",
    severity=Severity.WARNING,
    summary="The text states a number of lawsuits that table 四 does not have.",
    summary_zh="正文所述行政诉讼件数与表四不符",
)
@_narrative_doc
def narrative_litigation(ctx: Context) -> Iterable[Finding]:
    """
    ## What it checks
    "行政诉讼 N 件" (or "诉讼 N 件") against the lawsuits of table 四: 未经复议直接起诉·总计
    + 复议后起诉·总计 (spec T4-B; no cell prints this sum).

    ## Why it matters
    {why}

    ## Example
    Huai'an 2024 states "行政诉讼 46 件" and the table gives 26 + 20 = 46: no finding.
    "行政诉讼 9 件" with 6 + 2 = 8 is one.

    ## How to fix
    Correct the text or the table; count each lawsuit once (a case against the
    reconsideration organ as co-defendant counts for the original organ only).
    """
    return _mismatches(ctx, (Stated.LITIGATION,))


@rule(
    code="GD101",
    name="overview-too-long",
    severity=Severity.NOTE,
    summary="一、总体情况 is longer than the 2021 format's 1,000 characters.",
    summary_zh="一、总体情况篇幅超过一千字",
    editions=_E2021,
)
def overview_too_long(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    The text of 一、总体情况 has at most 1,000 characters, white space (spaces, tabs, line
    breaks, ideographic spaces) not counted; punctuation is counted, as a word
    processor's 字数 does. Only the 2021 format says
    so; 2019 reports are not checked.

    ## Why it matters
    国办公开办函〔2021〕30号, 一（一）: the overview is to be "重在聚焦主题、简明客观，
    篇幅原则上不超过一千字". "原则上" (in principle) makes it a note, not a warning.

    ## Example
    Pingtan 2021: 一、总体情况 has 1,553 characters.

    ## How to fix
    Keep the overview to the main points; the figures belong in the tables.
    """
    text = ctx.report.overview
    if len(text) <= OVERVIEW_LIMIT:
        return
    count = len(text) - sum(map(text.count, _WHITE_SPACE))
    if count <= OVERVIEW_LIMIT:
        return
    yield ctx.finding(
        "/overview",
        f"“一、总体情况”共 {count} 字，超过 2021 版格式要求的 {OVERVIEW_LIMIT} 字",
        f"section 一 has {count} characters, more than the 2021 format's {OVERVIEW_LIMIT}",
        expected=OVERVIEW_LIMIT,
        actual=count,
    )


@rule(
    code="GD510",
    name="problems-not-reported",
    severity=Severity.NOTE,
    summary="五、存在的主要问题及改进情况 is empty or says only 无.",
    summary_zh="“五、存在的主要问题及改进情况”为空或仅写“无”",
)
def problems_not_reported(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Section 五 has some text, and not only "无", "暂无" or "没有" (punctuation and white
    space aside).

    ## Why it matters
    Article 50(4) of the Regulations and both formats require the report to state the
    main problems of the year and how they are addressed: "重在实事求是、明确具体，避免
    笼统模糊、泛泛而谈" (国办公开办函〔2019〕60号 and 〔2021〕30号, 一（五）). An empty
    section 五 is also what a parser produces when it did not find the heading, so check
    that first.

    ## Example
    五、存在的主要问题及改进情况: "无。"

    ## How to fix
    Report the problems found in the year and what is done about them.
    """
    if "/problems" in ctx.report.unread_pointers:
        return  # its heading was not found: the section is not known, not empty
    text = ctx.report.problems
    if len(text) > 12:
        return
    core = text.strip(STRIP)
    if core not in NOTHING_TO_REPORT:
        return
    yield ctx.finding(
        "/problems",
        "“五、存在的主要问题及改进情况”为空或仅写“无”，未报告存在的问题及改进情况",
        "section 五 is empty or says only that there is nothing to report",
        actual=text,
    )


@rule(
    code="GD601",
    name="processing-fee-not-reported",
    severity=Severity.WARNING,
    summary="六 says nothing about the information-processing fee (信息处理费).",
    summary_zh="“六、其他需要报告的事项”未报告信息处理费收取情况",
    editions=_E2021,
)
def processing_fee_not_reported(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    In a 2021-format report, section 六 mentions the information-processing fee — even if
    only to say that none was charged. Recognised: 信息处理费, 处理费, 收费, 缴费, and
    收取…费 within a clause.

    ## Why it matters
    国办公开办函〔2021〕30号, 一（六）: "各行政机关依据《政府信息公开信息处理费管理办法》
    收取信息处理费的情况，在此处专门报告", and the template prints under 六
    "（文字描述，收取信息处理费情况在此处报告。）" (spec S-7). The 2019 format has no such
    sentence.

    ## Example
    六、其他需要报告的事项: "无。"

    ## How to fix
    State the fees charged in the year, e.g. "2021年，无收取信息处理费情况。"
    """
    if "/other_matters" in ctx.report.unread_pointers:
        return  # its heading was not found: the section is not known, not silent
    text = ctx.report.other_matters
    if fee_patterns()[0].search(text):
        return
    yield ctx.finding(
        "/other_matters",
        "“六、其他需要报告的事项”未报告信息处理费收取情况（2021 版格式要求在此专门报告）",
        "section 六 does not report the information-processing fees (the 2021 format "
        "requires it there)",
        actual=text,
    )


@rule(
    code="GD602",
    name="processing-fee-denied-despite-fee-lapses",
    severity=Severity.NOTE,
    summary="六 says no fee was collected, but does not report the fee notices table 三 "
    "implies (applications that lapsed for an unpaid fee).",
    summary_zh="“六”称未收取信息处理费，但未说明表三所示逾期未缴费申请对应的收费通知",
    editions=_E2021,
)
def processing_fee_denied(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Table 三 row （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用… (总计) counts
    applications that lapsed because a fee notice was not paid. If it is above 0, fee
    notices were issued. Section 六, where fees are reported, then says no fee was
    collected ("无收取信息处理费", "未收取…费用", "处理费0元") without a word on those
    notices (收费通知, 缴费通知).

    "No fee collected" may well be true — the applicants did not pay — so this is a note
    on completeness, not a contradiction. A section 六 that does not mention fees at all
    is GD601.

    ## Why it matters
    Fees and fee notices are reported in 六 (国办公开办函〔2021〕30号, 一（六）); an
    application can only lapse for an unpaid fee after a fee notice (《政府信息公开信息
    处理费管理办法》). A reader of 六 alone would not learn that notices were issued
    (spec S-7, corollary).

    ## Example
    （六）2 总计 = 2, and 六 reads only "2021年，无收取信息处理费情况。"

    ## How to fix
    Report the fee notices issued and that they were not paid ("发出收费通知2份，申请人
    均未缴费，未收取信息处理费"), or correct row （六）2.
    """
    pointer = f"/applications/{ApplicationRow.OTHER_HANDLING_FEE_UNPAID.value}/total"
    figure = _figure(ctx, (pointer,))
    if figure is None or figure.value <= 0:
        return
    lapsed = figure.value
    text = ctx.report.other_matters
    denial = fee_patterns()[1].search(text)
    if denial is None or fee_notice_pattern().search(text):
        return
    yield ctx.finding(
        "/other_matters",
        f"“六”称未收取信息处理费，但未说明收费通知：表三“（六）其他处理 2.逾期未缴费”为 "
        f"{lapsed} 件，即发出过收费通知而申请人未缴费；请在“六”中说明",
        f"section 六 says no fee was collected but says nothing of the fee notices: table "
        f"三 counts {lapsed} application(s) that lapsed for an unpaid fee notice",
        related=(Location(pointer=pointer),),
        actual=lapsed,
        text_range=sentence_range(text, denial.start(), denial.end()),
    )


# The text's figures are compared with the tables once per report: when none contradicts
# them, GD501-GD507 are skipped together.
PRECONDITIONS.update(
    dict.fromkeys(
        (
            r.code
            for r in (
                narrative_received,
                narrative_carried_over,
                narrative_handled,
                narrative_carried_forward,
                narrative_outcome,
                narrative_review,
                narrative_litigation,
            )
        ),
        _contradicting,
    )
)
