"""One minimal case per rule code: a report (and last year's, or the parts of an
aggregate) that triggers exactly that code, with the ``(code, pointer)`` pairs expected.

Every case starts from :func:`clean`, a small consistent report with texts that state
nothing the narrative rules read, and changes as little as possible.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import NamedTuple

import attrs

from govdisclosure import AnnualReport, Edition, ReportBuilder, aggregate
from govdisclosure.checks import Finding
from govdisclosure.model import (
    ApplicantCounts,
    Money,
    MoneyUnit,
    UnreadCell,
    UnreadReason,
    replace_at,
)

YEAR = {Edition.E2019: 2019, Edition.E2021: 2021}
PROBLEMS = "存在的主要问题是政策解读形式单一，下一步将丰富解读形式，加强业务培训。"
OTHER_PROBLEMS = "公开平台建设仍需加强，栏目设置有待优化；将推进网站集约化并规范专栏。"


class Case(NamedTuple):
    """A report that triggers one rule code, and the findings expected."""

    report: AnnualReport
    expected: list[tuple[str, str]]
    previous: AnnualReport | None = None
    children: tuple[AnnualReport, ...] | None = None


def builder(
    edition: Edition = Edition.E2021, *, year: int | None = None, level: str = "county"
) -> ReportBuilder:
    """A builder of a small consistent report: 3 applications, 1 reconsideration, 1 lawsuit."""
    b = ReportBuilder(
        edition=edition,
        year=YEAR[edition] if year is None else year,
        agency="某某县人民政府",
        level=level,
    )
    b.overview = "本年度政府信息公开工作总体平稳有序。"
    b.problems = PROBLEMS
    b.other_matters = (
        "本年度未收取信息处理费。" if edition is Edition.E2021 else "无其他需要报告的事项。"
    )
    b.applications("new_received", natural_person=2, commercial_enterprise=1)
    b.applications("granted", natural_person=1, commercial_enterprise=1)
    b.applications("unavailable/not_held", natural_person=1)
    b.appeals("administrative_review", upheld=1)
    b.appeals("direct_litigation", pending=1)
    if edition is Edition.E2019:
        b.proactive("normative_documents", newly_made=2, newly_published=2, total_published=9)
        b.proactive("licensing", previous_count=5, change=1, decisions=40)
        b.proactive("procurement", projects=0, amount=Money(value=Decimal(0), unit=MoneyUnit.YUAN))
    else:
        b.proactive("normative_documents", issued=2, repealed=1, in_force=9)
        b.proactive("licensing", decisions=40)
        b.proactive("fees", amount="12.5")
    return b


def clean(edition: Edition = Edition.E2021) -> AnnualReport:
    """The clean report of ``edition`` (no finding at all)."""
    return builder(edition).build()


def last_year(edition: Edition = Edition.E2021) -> AnnualReport:
    """The clean report of the year before, with a different section 五."""
    b = builder(edition, year=YEAR[edition] - 1)
    b.problems = OTHER_PROBLEMS
    if edition is Edition.E2019:
        b.proactive("normative_documents", newly_made=1, newly_published=1, total_published=7)
        b.proactive("licensing", previous_count=5, change=0, decisions=30)
    else:
        b.proactive("normative_documents", issued=1, repealed=0, in_force=8)
    return b.build()


def pairs(findings: Sequence[Finding]) -> list[tuple[str, str]]:
    """The ``(code, pointer)`` of each finding, in order: what tests compare."""
    return [(f.code, f.location.pointer) for f in findings]


def at(report: AnnualReport, pointer: str, value: object) -> AnnualReport:
    """``report`` with the value at ``pointer`` replaced."""
    changed: AnnualReport = replace_at(report, tuple(pointer.strip("/").split("/")), value)
    return changed


def _text(edition: Edition, text: str) -> AnnualReport:
    return attrs.evolve(clean(edition), overview=text)


def _gd001() -> Case:
    return Case(attrs.evolve(clean(Edition.E2019), year=2021), [("GD001", "/edition")])


def _gd002() -> Case:
    # A 2021 report whose table 三 keeps the 2019 single row （六）其他处理 (all zeros here,
    # as the three rows were, so every identity still holds).
    single = replace_at(clean(), ("applications", "other_handling"), ApplicantCounts.zero())
    return Case(single, [("GD002", "/applications/other_handling")])


def unread(report: AnnualReport, pointer: str) -> AnnualReport:
    """``report`` with the cell at ``pointer`` left unread, as a parser leaves a cell it
    could not read."""
    cell = UnreadCell(pointer=pointer, reason=UnreadReason.ABSENT, code="GD903")
    return attrs.evolve(at(report, pointer, None), unread=(cell,))


def _gd012() -> Case:
    report = unread(clean(), "/applications/granted/natural_person")
    return Case(report, [("GD012", "/applications/granted")])


def _gd010() -> Case:
    pointer = "/applications/granted/commercial_enterprise"
    return Case(at(clean(), pointer, None), [("GD010", pointer)])


def _gd011() -> Case:
    pointer = "/proactive/licensing/decisions"
    return Case(at(clean(), pointer, -1), [("GD011", pointer)])


def _gd101() -> Case:
    return Case(_text(Edition.E2021, "公开" * 500 + "。"), [("GD101", "/overview")])


def _gd201() -> Case:
    pointer = "/proactive/normative_documents/total_published"
    report = at(clean(Edition.E2019), "/proactive/normative_documents/newly_published", 10)
    return Case(report, [("GD201", pointer)])


def _gd202() -> Case:
    b = builder(Edition.E2019, level="township")
    b.proactive("rules", newly_made=1, newly_published=0, total_published=0)
    return Case(b.build(), [("GD202", "/proactive/rules/newly_made")])


def _gd203() -> Case:
    pointer = "/proactive/normative_documents/in_force"
    return Case(at(clean(), pointer, 0), [("GD203", pointer)])


def _gd204() -> Case:
    pointer = "/proactive/licensing/change"
    return Case(at(clean(Edition.E2019), pointer, -6), [("GD204", pointer)])


def _gd205() -> Case:
    pointer = "/proactive/procurement/amount"
    amount = Money(value=Decimal("251000"), unit=MoneyUnit.YUAN)
    return Case(at(clean(Edition.E2019), pointer, amount), [("GD205", pointer)])


def _gd301() -> Case:
    report = at(clean(), "/applications/carried_forward/natural_person", 1)
    report = at(report, "/applications/carried_forward/total", 1)
    return Case(
        report,
        [
            ("GD301", "/applications/carried_forward/natural_person"),
            ("GD301", "/applications/carried_forward/total"),
        ],
    )


def _gd302() -> Case:
    report = at(clean(), "/applications/granted/natural_person", 2)
    report = at(report, "/applications/granted/total", 3)
    return Case(
        report,
        [
            ("GD302", "/applications/total_handled/natural_person"),
            ("GD302", "/applications/total_handled/total"),
        ],
    )


def _gd303() -> Case:
    report = at(clean(), "/applications/granted/total", 3)
    report = at(report, "/applications/unavailable/not_held/total", 0)
    return Case(
        report,
        [
            ("GD303", "/applications/granted/total"),
            ("GD303", "/applications/unavailable/not_held/total"),
        ],
    )


def _gd304() -> Case:
    pointer = "/applications/granted/total"
    return Case(at(clean(), pointer, None), [("GD304", pointer)])


def _gd401() -> Case:
    pointer = "/appeals/administrative_review/total"
    return Case(at(clean(), pointer, 2), [("GD401", pointer)])


def _gd402() -> Case:
    pointer = "/appeals/direct_litigation/total"
    return Case(at(clean(), pointer, None), [("GD402", pointer)])


def _gd50x(code: str, text: str) -> Callable[[], Case]:
    def case() -> Case:
        return Case(_text(Edition.E2021, text), [(code, "/overview")])

    return case


def _gd510() -> Case:
    return Case(attrs.evolve(clean(), problems="无。"), [("GD510", "/problems")])


def _gd601() -> Case:
    return Case(attrs.evolve(clean(), other_matters="无。"), [("GD601", "/other_matters")])


def _gd602() -> Case:
    b = builder()
    b.applications("new_received", natural_person=3, commercial_enterprise=1)
    b.applications("other_handling/fee_unpaid", natural_person=1)
    return Case(b.build(), [("GD602", "/other_matters")])


def _gd801() -> Case:
    previous = attrs.evolve(last_year(), year=2019)
    return Case(clean(), [("GD801", "/year")], previous=previous)


def _gd802() -> Case:
    previous = attrs.evolve(last_year(Edition.E2019), year=2020)
    return Case(clean(), [("GD802", "/edition")], previous=previous)


def _gd803() -> Case:
    b = builder(year=2020)
    b.problems = OTHER_PROBLEMS
    b.proactive("normative_documents", issued=1, repealed=0, in_force=8)
    b.applications("new_received", natural_person=3, commercial_enterprise=1)
    previous = b.build()  # one application carried forward to 2021, none carried over
    return Case(
        clean(),
        [
            ("GD803", "/applications/carried_over/natural_person"),
            ("GD803", "/applications/carried_over/total"),
        ],
        previous=previous,
    )


def _gd804() -> Case:
    pointer = "/proactive/normative_documents/in_force"
    return Case(at(clean(), pointer, 10), [("GD804", pointer)], previous=last_year())


def _gd805() -> Case:
    pointer = "/proactive/normative_documents/total_published"
    report = at(clean(Edition.E2019), pointer, 10)
    return Case(report, [("GD805", pointer)], previous=last_year(Edition.E2019))


def _gd806() -> Case:
    pointer = "/proactive/licensing/previous_count"
    report = at(clean(Edition.E2019), pointer, 6)
    return Case(report, [("GD806", pointer)], previous=last_year(Edition.E2019))


def _gd807() -> Case:
    previous = attrs.evolve(last_year(), problems=PROBLEMS.replace("本年度", "2020年"))
    return Case(clean(), [("GD807", "/problems")], previous=previous)


def _gd821() -> Case:
    children = (clean(), at(clean(), "/proactive/licensing/decisions", 7))
    parent = aggregate(children, agency="某某市人民政府")
    pointer = "/applications/new_received/natural_person"
    parent = at(parent, pointer, 5)
    return Case(parent, [("GD821", pointer)], children=children)


def _gd822() -> Case:
    # A part whose cell was not read: the region's cell cannot be compared.
    children = (clean(), unread(clean(), "/applications/new_received/natural_person"))
    parent = aggregate(children, agency="某某市人民政府")
    return Case(parent, [("GD822", "")], children=children)


#: Every rule code (except the parser's diagnostics) and how to trigger it alone.
CASES: dict[str, Callable[[], Case]] = {
    "GD001": _gd001,
    "GD002": _gd002,
    "GD010": _gd010,
    "GD011": _gd011,
    "GD012": _gd012,
    "GD101": _gd101,
    "GD201": _gd201,
    "GD202": _gd202,
    "GD203": _gd203,
    "GD204": _gd204,
    "GD205": _gd205,
    "GD301": _gd301,
    "GD302": _gd302,
    "GD303": _gd303,
    "GD304": _gd304,
    "GD401": _gd401,
    "GD402": _gd402,
    # The clean report: 新收 3, 上年结转 0, （七）总计 3 (予以公开 2, 不掌握 1),
    # 结转 0; 行政复议 1; 行政诉讼 1.
    "GD501": _gd50x("GD501", "本年度共收到政府信息公开申请5件。"),
    "GD502": _gd50x("GD502", "上年结转申请2件。"),
    "GD503": _gd50x("GD503", "全年办结4件。"),
    "GD504": _gd50x("GD504", "另有2件结转下年度继续办理。"),
    "GD505": _gd50x("GD505", "其中予以公开5件。"),
    "GD506": _gd50x("GD506", "发生行政复议3件。"),
    "GD507": _gd50x("GD507", "发生行政诉讼2件。"),
    "GD510": _gd510,
    "GD601": _gd601,
    "GD602": _gd602,
    "GD801": _gd801,
    "GD802": _gd802,
    "GD803": _gd803,
    "GD804": _gd804,
    "GD805": _gd805,
    "GD806": _gd806,
    "GD807": _gd807,
    "GD821": _gd821,
    "GD822": _gd822,
}
