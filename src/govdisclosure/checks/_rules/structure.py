"""GD0xx: the report as a document — edition, blank cells, impossible values."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Edition, Money, UnreadCell, describe_cell
from ...model._labels import APPLICATION_GROUP_LABELS
from ...model._report import UNREAD_FIELDS
from .._finding import Finding, Origin, Severity
from .._registry import Context, filled_and_not_negative, rule
from ._common import blank_totals


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
    if "/year" in report.unread_pointers:
        return  # the document does not say its year: nothing to compare
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


@rule(
    code="GD002",
    name="mixed-template",
    severity=Severity.WARNING,
    summary="Table 三 follows the other edition: （六）其他处理 printed as one row in a 2021 "
    "report, or as three rows in a 2019 report.",
    summary_zh="表三“（六）其他处理”的行数与报告所用版本不符（新旧格式混用）",
)
def mixed_template(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    That table 三 has the rows of the report's edition. The 2021 edition
    (国办公开办函〔2021〕30号) splits （六）其他处理 into three rows — 1. 逾期不补正,
    2. 逾期未缴费, 3. 其他 — where the 2019 edition prints one row. A report whose table
    二 follows one edition while table 三 keeps the other's （六）其他处理 mixes the two
    templates.

    The report is read and checked as printed: its one （六） row (or its three) is
    added into （七）总计 as the table states; nothing is split or merged.

    ## Why it matters
    The 2021 split makes visible the applications dropped because the applicant did not
    correct them or did not pay a fee (信息处理费) in time. A single row hides that, and
    the region's aggregate (汇总) cannot add a one-row report to three-row ones.

    ## Example
    A 2023 district report whose table 二 has 本年制发件数 and 本年收费金额（单位：万元）, while
    table 三 has 23 rows with a single （六）其他处理.

    ## How to fix
    Publish table 三 in the template of the report's edition: for 2021 and later, the
    three rows of （六）其他处理.
    """
    layout = ctx.report.layout
    if not layout.is_mixed:
        return
    pointer = "/applications/other_handling"
    label = APPLICATION_GROUP_LABELS["other_handling"]
    if layout.applications is Edition.E2019:
        zh = (
            f"报告为 {layout.edition.value} 版格式，但表三“{label}”只有一行（2019 版的写法）；"
            "2021 版应分为“1.申请人无正当理由逾期不补正…”“2.申请人逾期未按收费通知要求缴纳费用…”"
            "“3.其他”三行"
        )
        en = (
            f"the report follows the {layout.edition.value} edition, but table 三 prints "
            f"{label} as one row (the 2019 template); the 2021 template has three rows"
        )
    else:
        zh = (
            f"报告为 {layout.edition.value} 版格式，但表三“{label}”分为三行（2021 版的写法）；"
            "2019 版为一行"
        )
        en = (
            f"the report follows the {layout.edition.value} edition, but table 三 prints "
            f"{label} as three rows (the 2021 template); the 2019 template has one"
        )
    yield ctx.finding(
        pointer,
        zh,
        en,
        related=("/edition",),
        expected=layout.edition.value,
        actual=layout.applications.value,
    )


@rule(
    code="GD010",
    name="blank-cell",
    severity=Severity.WARNING,
    summary="A table cell is blank (or '/', '-', '—', 不适用) instead of a number.",
    summary_zh="表格单元格为空（或“/”“-”“—”“不适用”），未填数字",
    quiet_when_clean=True,
)
def blank_cell(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Every cell of tables 二, 三 and 四 holds a number. A cell printed blank, or as ``/``,
    ``-``, ``—`` or ``不适用``, is blank — never read as 0. Identities that involve a blank
    cell are not evaluated (the arithmetic rules skip them), so this finding is also the
    notice that those identities could not be checked.

    A blank 总计 whose parts are filled is reported by GD304/GD402 instead. A cell that
    reading a document left unread is not blank (it may print a figure): GD012 notes it.

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
    skip.update(report.unread_pointers)
    for ref, value in zip(ctx.plan.refs, ctx.values, strict=True):
        if value is not None or ref.pointer in skip:
            continue
        zh, en = describe_cell(ref, report.edition)
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
    quiet_when_clean=True,
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
    if filled_and_not_negative(ctx):
        return
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
            zh, en = describe_cell(ref, report.edition)
            yield ctx.finding(
                ref.pointer,
                f"{zh}为负数 {number}",
                f"{en} is negative ({number})",
                actual=number,
            )


@rule(
    code="GD012",
    name="cells-not-read",
    severity=Severity.NOTE,
    summary="Cells that reading the document left unread; identities involving them were "
    "not checked.",
    summary_zh="读取文档时未能读取的单元格；涉及它们的勾稽关系未核对",
    origin=Origin.READING,
    quiet_when_clean=True,
)
def cells_not_read(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Nothing about the report as published: it lists, once per table row, the cells that
    reading the document could not read (and, once each, the free-text sections whose
    heading was not found — 一, 五 or 六 — and the year or the organ's name when the
    document does not say them) (``report.unread``: absent from the file or cut
    by the page edge, figures run together with no unique reading, a row or column not
    recognised, a layout the reader could not follow), with why. Their value is not
    known, so no rule checks an identity that involves them, and no other finding rests
    on them. Its origin is ``reading``.

    ## Why it matters
    A cell the reader could not read is not a cell the publisher left blank. Counting it
    as an arithmetic error, or a blank, would blame the publisher for the reader's limits;
    leaving it out silently would hide that some identities were not checked.

    ## Example
    A PDF whose table 三 was printed wider than the page: the 总计 column is not in the
    file, so the 23 cells of that column are unread, and the row totals (GD303) are not
    checked.

    ## How to fix
    Read the cells from the document by eye (or from another form of the same report:
    its web page, its Word file) and fill them in; the diagnostic named in the finding
    (GD9xx) says what the reader met.
    """
    report = ctx.report
    if not report.unread:
        return
    for cell in report.unread:
        if cell.pointer in UNREAD_FIELDS:
            place_zh, place_en = ctx.describe(cell.pointer)
            yield ctx.finding(
                cell.pointer,
                f"未能读取“{place_zh}”（{cell.reason.label()}，{cell.code}）；未据此部分判断报告",
                f"{place_en} was not read ({cell.reason.value}, {cell.code}); no rule judged it",
            )
    edition = report.edition
    refs = {ref.pointer: ref for ref in ctx.plan.refs}
    by_row: dict[str, list[UnreadCell]] = {}
    for cell in report.unread:
        if cell.pointer in refs:
            by_row.setdefault(cell.pointer.rsplit("/", 1)[0], []).append(cell)
    for row, cells in by_row.items():
        place_zh, place_en = ctx.describe(row)
        columns = "、".join(refs[c.pointer].column.label(edition) for c in cells)
        reasons = "；".join(dict.fromkeys(f"{c.reason.label()}（{c.code}）" for c in cells))
        reasons_en = ", ".join(dict.fromkeys(f"{c.reason.value} ({c.code})" for c in cells))
        yield ctx.finding(
            row,
            f"{place_zh}有 {len(cells)} 个单元格未能读取（{columns}）：{reasons}；"
            "涉及这些单元格的勾稽关系未核对",
            f"{place_en}: {len(cells)} cell(s) were not read: {reasons_en}; identities "
            "involving them were not checked",
            related=tuple(c.pointer for c in cells),
        )
