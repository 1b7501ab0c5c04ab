"""Aggregates (汇总): summing reports, and a region's report against its parts."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import (
    Agency,
    AgencyLevel,
    AggregateError,
    AnnualReport,
    Edition,
    Severity,
    StructureError,
    aggregate,
    check,
    check_aggregate,
)
from govdisclosure.model import Money, MoneyUnit, cell_values, get_at
from govdisclosure.testing import consistent_reports

from .rule_cases import at, builder, clean


def _county(*parts: AnnualReport) -> AnnualReport:
    return aggregate(parts, agency=Agency(name="某某县", level=AgencyLevel.COUNTY))


def test_cells_are_summed_totals_included() -> None:
    a = clean()
    b = builder()
    b.applications("new_received", natural_person=5, other=2)
    b.applications("granted", natural_person=3)
    b.proactive("licensing", decisions=7)
    b.proactive("fees", amount="0.75")
    b_report = b.build()
    total = _county(a, b_report)
    assert total.agency == Agency(name="某某县", level=AgencyLevel.COUNTY)
    assert total.year == a.year
    assert total.edition is a.edition
    assert b_report.applications.new_received.total == 8  # 5 + 1 + 2
    assert total.applications.new_received.total == 3 + 8
    assert total.applications.total_handled.natural_person == 2 + 4
    assert total.proactive.licensing.decisions == 47
    assert get_at(total, ("proactive", "fees", "amount")) == Money(
        value=Decimal("13.25"), unit=MoneyUnit.TEN_THOUSAND_YUAN
    )
    summed = [
        x + y if isinstance(x, int) and isinstance(y, int) else None
        for x, y in zip(cell_values(a), cell_values(b_report), strict=True)
    ]
    assert [v for v in cell_values(total) if not isinstance(v, Money)] == [
        v for v, x in zip(summed, cell_values(a), strict=True) if not isinstance(x, Money)
    ]
    # the parts are consistent, so is the sum; its texts are empty
    assert [f.code for f in check(total)] == ["GD510", "GD601"]
    assert (total.overview, total.problems, total.other_matters, total.title) == ("", "", "", "")
    assert total.source is None


@given(st.lists(consistent_reports(edition=Edition.E2021), min_size=1, max_size=4))
def test_the_sum_of_consistent_reports_is_consistent(reports: list[AnnualReport]) -> None:
    reports = [attrs.evolve(r, year=2022) for r in reports]
    total = aggregate(reports, agency="某某市")
    assert [f for f in check(total) if f.severity is Severity.ERROR] == []
    assert check_aggregate(total, reports) == []


def test_blank_cells_by_policy() -> None:
    pointer = "/applications/granted/commercial_enterprise"
    path = tuple(pointer.strip("/").split("/"))
    a, b = clean(), at(clean(), pointer, None)
    assert get_at(aggregate([a, b], agency="x"), path) == 1  # skip: the filled ones
    assert get_at(aggregate([a, b], agency="x", blanks="propagate"), path) is None
    both = aggregate([b, b], agency="x")
    assert get_at(both, path) is None  # blank + blank stays blank
    with pytest.raises(AggregateError) as error:
        aggregate([a, b], agency="x", blanks="refuse")
    assert pointer in str(error.value)
    assert "#1" in str(error.value)
    with pytest.raises(StructureError):
        aggregate([a, b], agency="x", blanks="zero")  # type: ignore[arg-type]


def test_mixed_editions_or_years_are_refused_naming_the_reports() -> None:
    a = clean()
    other = attrs.evolve(clean(Edition.E2019), agency=Agency(name="某某局"))
    with pytest.raises(AggregateError) as error:
        aggregate([a, a, other], agency="x")
    assert "#2" in error.value.message
    assert "某某局" in error.value.message
    assert "#2" in error.value.message_en
    with pytest.raises(AggregateError, match="#1"):
        aggregate([a, attrs.evolve(a, year=2020)], agency="x")
    with pytest.raises(AggregateError):
        aggregate([a], agency="x", year=2020)
    assert aggregate([a], agency="x", year=a.year).year == a.year
    with pytest.raises(AggregateError):
        aggregate([], agency="x")
    with pytest.raises(AggregateError):
        aggregate([a, "not a report"], agency="x")  # type: ignore[list-item]


def test_money_only_in_one_unit() -> None:
    pointer = "/proactive/procurement/amount"
    a = at(clean(Edition.E2019), pointer, Money(value=Decimal(5), unit=MoneyUnit.YUAN))
    a = at(a, "/proactive/procurement/projects", 1)
    b = at(a, pointer, Money(value=Decimal(3), unit=None))
    zero = at(clean(Edition.E2019), pointer, Money(value=Decimal(0), unit=None))
    total = aggregate([a, zero], agency="x")
    amount = get_at(total, ("proactive", "procurement", "amount"))
    assert amount == Money(value=Decimal(5), unit=MoneyUnit.YUAN)
    with pytest.raises(AggregateError, match=pointer):
        aggregate([a, b], agency="x")


def test_check_aggregate_names_every_child_cell() -> None:
    children = (clean(), clean(), clean())
    parent = at(_county(*children), "/appeals/administrative_review/upheld", 4)
    (finding,) = check_aggregate(parent, children)
    assert finding.code == "GD821"
    assert finding.location.pointer == "/appeals/administrative_review/upheld"
    assert (finding.expected, finding.actual) == (3, 4)
    assert [(r.pointer, r.report) for r in finding.related] == [
        ("/appeals/administrative_review/upheld", f"children/{i}") for i in range(3)
    ]
    assert finding.severity is Severity.WARNING


def test_check_aggregate_with_blank_parts_uses_a_lower_bound() -> None:
    pointer = "/applications/granted/natural_person"
    children = (clean(), at(clean(), pointer, None))
    parent = _county(*children)  # 1 (the blank adds nothing)
    assert check_aggregate(parent, children) == []
    assert check_aggregate(at(parent, pointer, 9), children) == []  # the blank may be 8
    (finding,) = check_aggregate(at(parent, pointer, 0), children)
    assert (finding.expected, finding.actual) == (None, 0)


def test_check_aggregate_skips_signed_changes_with_blank_parts() -> None:
    pointer = "/proactive/licensing/change"
    children = (clean(Edition.E2019), at(clean(Edition.E2019), pointer, None))
    parent = at(_county(*children), pointer, -5)  # a blank change may be negative
    assert check_aggregate(parent, children) == []


def test_check_aggregate_refuses_mixed_reports() -> None:
    with pytest.raises(AggregateError, match="parent"):
        check_aggregate(clean(), [clean(Edition.E2019)])
    with pytest.raises(AggregateError, match="children/1"):
        check_aggregate(clean(), [clean(), attrs.evolve(clean(), year=2000)])
    with pytest.raises(AggregateError):
        check_aggregate(clean(), [])
