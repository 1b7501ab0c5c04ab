"""The model: shapes per edition, labels, builder, immutability, pickling."""

from __future__ import annotations

import pickle
from decimal import Decimal

import attrs
import pytest

import govdisclosure
from govdisclosure import AnnualReport, Edition, ReportBuilder, StructureError
from govdisclosure.model import (
    Agency,
    AgencyLevel,
    AppealCounts,
    AppealKind,
    Applicant,
    ApplicantCounts,
    ApplicationRow,
    Applications,
    Money,
    MoneyUnit,
    OtherHandling,
    Proactive2019,
    Proactive2021,
    ProactiveColumn,
    ProactiveRow,
    Section,
    UnreadCell,
    UnreadReason,
    cell_refs,
    get_at,
    iter_cells,
    replace_at,
)

from .conftest import DATA


def test_rows_per_edition_match_the_templates() -> None:
    assert len(ApplicationRow.for_edition(Edition.E2019)) == 23
    assert len(ApplicationRow.for_edition(Edition.E2021)) == 25

    def count(edition: Edition, section: Section) -> int:
        return len([r for r in cell_refs(edition) if r.section is section])

    assert count(Edition.E2019, Section.APPLICATIONS) == 161
    assert count(Edition.E2021, Section.APPLICATIONS) == 175
    assert count(Edition.E2019, Section.PROACTIVE) == 22
    assert count(Edition.E2021, Section.PROACTIVE) == 10
    assert len([r for r in cell_refs(Edition.E2021) if r.section is Section.APPEALS]) == 15


def test_labels_follow_each_edition() -> None:
    assert ProactiveRow.NORMATIVE_DOCUMENTS.label(Edition.E2019) == "规范性文件"
    assert ProactiveRow.NORMATIVE_DOCUMENTS.label(Edition.E2021) == "行政规范性文件"
    assert ProactiveColumn.AMOUNT.label(Edition.E2021) == "本年收费金额（单位：万元）"
    assert ProactiveColumn.AMOUNT.label(Edition.E2019) == "采购总金额"
    assert ApplicationRow.WITHHELD_ENDANGERS_SECURITY.label() == "3.危及“三安全一稳定”"
    assert Applicant.PUBLIC_INTEREST_ORGANIZATION.label() == "社会公益组织"
    assert Section.APPEALS.label() == "四、政府信息公开行政复议、行政诉讼情况"
    assert ProactiveRow.PROCUREMENT.columns(Edition.E2021) == ()
    with pytest.raises(KeyError):
        ProactiveRow.PROCUREMENT.label(Edition.E2021)


def test_edition_for_year() -> None:
    assert Edition.for_year(2018) is None
    assert Edition.for_year(2019) is Edition.E2019
    assert Edition.for_year(2020) is Edition.E2019
    assert Edition.for_year(2021) is Edition.E2021
    assert Edition.for_year(2030) is Edition.E2021


def test_rule_making_levels() -> None:
    makers = {lv for lv in AgencyLevel if lv.can_make_rules}
    assert makers == {
        AgencyLevel.STATE_COUNCIL_DEPARTMENT,
        AgencyLevel.PROVINCE,
        AgencyLevel.PREFECTURE,
    }


def test_builder_computes_every_total() -> None:
    b = ReportBuilder(edition="2021", year=2023, agency="某某镇人民政府", level="township")
    b.applications("new_received", natural_person=5, commercial_enterprise=2)
    b.applications("carried_over", natural_person=1)
    b.applications("granted", natural_person=3)
    b.applications("withheld/state_secret", commercial_enterprise=1)
    b.applications("other_handling/fee_unpaid", natural_person=1)
    b.appeals("direct_litigation", upheld=2, pending=1)
    report = b.build()
    apps = report.applications
    assert apps.new_received.total == 7
    assert apps.total_handled == ApplicantCounts.of(natural_person=4, commercial_enterprise=1)
    # 四、结转下年度 is the balance: 5 + 1 − 4 natural persons, 2 − 1 enterprises.
    assert apps.carried_forward == ApplicantCounts.of(natural_person=2, commercial_enterprise=1)
    assert report.appeals.direct_litigation == AppealCounts(
        upheld=2, corrected=0, other=0, pending=1, total=3
    )
    assert isinstance(apps.other_handling, OtherHandling)
    assert apps.other_handling.fee_unpaid.total == 1
    assert report.agency == Agency(name="某某镇人民政府", level=AgencyLevel.TOWNSHIP)


def test_builder_money_takes_the_column_unit() -> None:
    b = ReportBuilder(edition=Edition.E2021, year=2022, agency="某某市人民政府")
    b.proactive("fees", amount="18651.06")
    report = b.build()
    assert isinstance(report.proactive, Proactive2021)
    assert report.proactive.fees.amount == Money(
        value=Decimal("18651.06"), unit=MoneyUnit.TEN_THOUSAND_YUAN
    )


@pytest.mark.parametrize(
    ("method", "row", "cells", "pointer"),
    [
        ("applications", "total_handled", {"natural_person": 1}, "/applications/total_handled"),
        ("applications", "granted", {"total": 1}, "/applications/granted/total"),
        ("applications", "granted", {"natural_person": -1}, "/applications/granted/natural_person"),
        (
            "applications",
            "granted",
            {"natural_person": "3"},
            "/applications/granted/natural_person",
        ),
        ("applications", "granted", {"nobody": 1}, "/applications/granted/nobody"),
        ("applications", "other_handling", {"other": 1}, "/applications/other_handling"),
        ("appeals", "administrative_review", {"total": 1}, "/appeals/administrative_review/total"),
        ("proactive", "procurement", {"projects": 1}, "/proactive/procurement"),
        ("proactive", "fees", {"decisions": 1}, "/proactive/fees/decisions"),
        ("proactive", "fees", {"amount": "lots"}, "/proactive/fees/amount"),
    ],
)
def test_builder_refuses_bad_input_with_a_pointer(
    method: str, row: str, cells: dict[str, object], pointer: str
) -> None:
    fill = getattr(ReportBuilder(edition="2021", year=2022, agency="x"), method)
    with pytest.raises(StructureError) as info:
        fill(row, **cells)
    assert [p.pointer for p in info.value.problems] == [pointer]


def test_builder_refuses_more_handled_than_received() -> None:
    b = ReportBuilder(edition="2019", year=2019, agency="x")
    b.applications("granted", natural_person=2)
    b.applications("new_received", natural_person=1)
    with pytest.raises(StructureError) as info:
        b.build()
    pointers = [p.pointer for p in info.value.problems]
    assert pointers == ["/applications/carried_forward/natural_person"]


def test_wrong_sums_load_fine(qidu: AnnualReport) -> None:
    wrong = replace_at(qidu, ("applications", "granted", "total"), 99)
    assert wrong.applications.granted.total == 99
    assert wrong.applications.granted.computed_total() == 0


def test_shape_must_fit_the_edition(qidu: AnnualReport, pingtan_2021: AnnualReport) -> None:
    with pytest.raises(StructureError) as info:
        attrs.evolve(qidu, edition=Edition.E2021)
    # Section 二 must fit the edition; table 三 is held as printed (a mixed template
    # keeps its one （六） row: GD002 says so, the model does not refuse it).
    assert [p.pointer for p in info.value.problems] == ["/proactive"]
    mixed = attrs.evolve(qidu, edition=Edition.E2021, proactive=pingtan_2021.proactive)
    assert mixed.layout == (Edition.E2021, Edition.E2019)
    with pytest.raises(StructureError) as info:
        attrs.evolve(qidu, proactive=pingtan_2021.proactive)
    assert [p.pointer for p in info.value.problems] == ["/proactive"]
    with pytest.raises(StructureError) as info:
        attrs.evolve(qidu, edition="2019")  # type: ignore[arg-type]
    assert [p.pointer for p in info.value.problems] == ["/edition"]


def test_reports_are_immutable_and_hashable(qidu: AnnualReport) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        qidu.year = 2020  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        qidu.applications.granted.total = 1  # type: ignore[misc]
    assert hash(qidu) == hash(attrs.evolve(qidu))


def test_reports_and_errors_pickle(qidu: AnnualReport) -> None:
    assert pickle.loads(pickle.dumps(qidu)) == qidu
    with pytest.raises(StructureError) as info:
        ReportBuilder(edition="2021", year=2022, agency="x").applications("granted", total=1)
    error = info.value
    assert error.problems
    clone = pickle.loads(pickle.dumps(error))
    assert clone.problems == error.problems
    assert str(clone) == str(error)


def test_rows_and_cells_are_in_template_order(pingtan_2021: AnnualReport) -> None:
    apps = pingtan_2021.applications
    assert [r for r, _ in apps.rows()] == list(ApplicationRow.for_edition(Edition.E2021))
    assert apps.row(ApplicationRow.UNAVAILABLE_NOT_HELD).values() == (22, 0, 0, 0, 0, 3, 25)
    with pytest.raises(KeyError):
        apps.row(ApplicationRow.OTHER_HANDLING)
    assert apps.computed_total_handled()[Applicant.TOTAL] == 69
    values = {ref.pointer: v for ref, v in iter_cells(pingtan_2021)}
    assert values["/applications/granted/total"] == 30
    assert values["/appeals/direct_litigation/upheld"] == 12
    assert values["/proactive/normative_documents/in_force"] == 665
    assert pingtan_2021.appeals.litigation_total() == 12
    assert pingtan_2021.appeals.get(AppealKind.ADMINISTRATIVE_REVIEW).total == 3


def test_get_and_replace_by_path(qidu: AnnualReport) -> None:
    ref = next(r for r in cell_refs(qidu.edition) if r.pointer == "/proactive/rules/newly_made")
    assert get_at(qidu, ref.path) == 1
    changed = replace_at(qidu, ref.path, 0)
    assert get_at(changed, ref.path) == 0
    assert get_at(qidu, ref.path) == 1
    assert isinstance(changed.proactive, Proactive2019)


def test_proactive_rows_by_enum(qidu: AnnualReport) -> None:
    documents = qidu.proactive.row(ProactiveRow.NORMATIVE_DOCUMENTS)
    assert documents.get(ProactiveColumn.TOTAL_PUBLISHED) == 194
    assert documents.values() == (11, 4, 194)
    with pytest.raises(KeyError):
        documents.get(ProactiveColumn.IN_FORCE)
    assert [r for r, _ in qidu.proactive.rows()] == list(ProactiveRow)


def test_applications_from_rows_names_missing_and_foreign_rows(pingtan_2021: AnnualReport) -> None:
    rows = dict(pingtan_2021.applications.rows())
    rebuilt = Applications.from_rows(Edition.E2021, rows)
    assert rebuilt == attrs.evolve(pingtan_2021.applications, text_before="", text_after="")
    del rows[ApplicationRow.WITHHELD_STATE_SECRET]
    rows[ApplicationRow.OTHER_HANDLING] = ApplicantCounts.zero()
    with pytest.raises(StructureError) as info:
        Applications.from_rows(Edition.E2021, rows)
    assert [p.pointer for p in info.value.problems] == [
        "/applications/withheld/state_secret",
        "/applications/other_handling",
    ]


def test_unread_cells_are_blank_cells_of_the_report(qidu: AnnualReport) -> None:
    pointer = "/applications/granted/natural_person"
    cell = UnreadCell(pointer=pointer, reason=UnreadReason.CROPPED, code="GD903")
    blanked = replace_at(qidu, ("applications", "granted", "natural_person"), None)
    report = attrs.evolve(blanked, unread=(cell,))
    assert report.unread_pointers == {pointer}
    assert report.unread_cell(pointer) == cell
    assert report.unread_cell("/applications/granted/total") is None
    # An unread cell must be blank, a cell of the report's tables, listed once.
    with pytest.raises(StructureError) as info:
        attrs.evolve(qidu, unread=(cell,))
    assert [p.pointer for p in info.value.problems] == ["/unread/0/pointer"]
    with pytest.raises(StructureError) as info:
        attrs.evolve(blanked, unread=(attrs.evolve(cell, pointer="/applications/nothing"),))
    assert [p.pointer for p in info.value.problems] == ["/unread/0/pointer"]
    with pytest.raises(StructureError) as info:
        attrs.evolve(blanked, unread=(cell, cell))
    assert [p.pointer for p in info.value.problems] == ["/unread/1/pointer"]
    # Built by hand or by the builder: none.
    assert qidu.unread == ()
    assert ReportBuilder(edition="2021", year=2022, agency="x").build().unread == ()


def test_a_parse_result_where_a_report_is_wanted_says_use_report() -> None:
    result = govdisclosure.parse(DATA / "seeds" / "qidu-2019.txt")
    for call in (
        lambda: govdisclosure.dumps(result),  # type: ignore[arg-type]
        lambda: govdisclosure.render_html(result),  # type: ignore[arg-type]
        lambda: govdisclosure.render_markdown(result),  # type: ignore[arg-type]
        lambda: govdisclosure.aggregate([result], agency="x"),  # type: ignore[list-item]
        lambda: govdisclosure.check(result.report, previous=object()),  # type: ignore[arg-type]
    ):
        with pytest.raises(govdisclosure.GovDisclosureError) as info:
            call()
        assert ".report" in str(info.value) or "AnnualReport" in str(info.value)
    with pytest.raises(StructureError) as info:
        govdisclosure.dumps(None)  # type: ignore[arg-type]
    assert "AnnualReport" in str(info.value)


def test_unread_fields_are_empty_and_not_judged(qidu: AnnualReport) -> None:
    # A section whose heading reading did not find, and a year it did not find: empty and
    # listed as unread, so the rules about empty sections and the year say nothing.
    cells = (
        UnreadCell(pointer="/year", reason=UnreadReason.ABSENT, code="GD911"),
        UnreadCell(pointer="/problems", reason=UnreadReason.ABSENT, code="GD907"),
    )
    report = attrs.evolve(qidu, year=0, problems="", unread=cells)
    codes = {f.code for f in govdisclosure.check(report)}
    assert not codes & {"GD001", "GD510"}
    notes = [f for f in govdisclosure.check(report) if f.code == "GD012"]
    assert {f.pointer for f in notes} == {"/year", "/problems"}
    assert {f.origin.value for f in notes} == {"reading"}
    # The same report with the fields known: both rules fire on the publisher's work.
    known = attrs.evolve(qidu, year=0, problems="")
    assert {"GD001", "GD510"} <= {f.code for f in govdisclosure.check(known)}
    # An unread field must hold its empty value.
    with pytest.raises(StructureError) as info:
        attrs.evolve(qidu, unread=(cells[1],))
    assert [p.pointer for p in info.value.problems] == ["/unread/0/pointer"]
