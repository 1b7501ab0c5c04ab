"""The identity and structure rules: each fires where it should, with exact cells."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from govdisclosure import AnnualReport, Edition, RuleSelectionError, Severity, StructureError, check
from govdisclosure.checks import get_rule, rules
from govdisclosure.model import Money, MoneyUnit, PointerSpan, Source, SourceSpan

from .rule_cases import at, pairs

#: Real findings of the example reports, outside the identities these tests are about:
#: Pingtan's 一、总体情况 is over 1,000 characters; Qidu (a town) reports a 规章.
KNOWN = ("GD101", "GD202")


def test_consistent_examples_have_no_findings_but_their_real_ones(
    qidu: AnnualReport, pingtan_2021: AnnualReport
) -> None:
    assert pairs(check(qidu)) == [("GD202", "/proactive/rules/newly_made")]
    assert pairs(check(pingtan_2021)) == [("GD101", "/overview")]
    assert check(qidu, ignore=KNOWN) == []
    assert check(pingtan_2021, ignore=KNOWN) == []


def test_row_total_names_the_total_and_its_parts(pingtan_2021: AnnualReport) -> None:
    report = at(pingtan_2021, "/applications/granted/total", 31)
    findings = check(report, ignore=KNOWN)
    assert pairs(findings) == [
        ("GD303", "/applications/granted/total"),
        ("GD302", "/applications/total_handled/total"),
    ]
    row = findings[0]
    assert row.severity is Severity.ERROR
    assert (row.expected, row.actual) == (30, 31)
    assert [r.pointer for r in row.related] == [
        f"/applications/granted/{c}"
        for c in (
            "natural_person",
            "commercial_enterprise",
            "research_institution",
            "public_interest_organization",
            "legal_service_institution",
            "other",
        )
    ]
    assert "31" in row.message
    assert "30" in row.message
    assert "31" in row.message_en


def test_intake_balance_per_column(pingtan_2021: AnnualReport) -> None:
    report = at(pingtan_2021, "/applications/carried_forward/natural_person", 2)
    report = at(report, "/applications/carried_forward/total", 2)
    findings = check(report, ignore=KNOWN)
    assert pairs(findings) == [
        # the overview says "1件结转下年度继续办理"; the table now says 2
        ("GD504", "/overview"),
        ("GD301", "/applications/carried_forward/natural_person"),
        ("GD301", "/applications/carried_forward/total"),
    ]
    first = findings[1]
    assert (first.expected, first.actual) == (1, 2)
    assert [r.pointer for r in first.related] == [
        "/applications/new_received/natural_person",
        "/applications/carried_over/natural_person",
        "/applications/total_handled/natural_person",
    ]


def test_outcome_total_per_column(pingtan_2021: AnnualReport) -> None:
    report = at(pingtan_2021, "/applications/total_handled/other", 5)
    report = at(report, "/applications/total_handled/total", 70)
    report = at(report, "/applications/carried_forward/other", -1)
    report = at(report, "/applications/carried_forward/total", 0)
    findings = check(report, ignore=KNOWN)
    assert ("GD302", "/applications/total_handled/other") in pairs(findings)
    outcome = next(f for f in findings if f.location.pointer == "/applications/total_handled/other")
    assert (outcome.expected, outcome.actual) == (4, 5)
    assert len(outcome.related) == 21  # every outcome row of the 2021 edition (25 − 4)
    assert ("GD011", "/applications/carried_forward/other") in pairs(findings)


def test_appeal_total(pingtan_2021: AnnualReport) -> None:
    report = at(pingtan_2021, "/appeals/administrative_review/total", 4)
    findings = check(report, ignore=KNOWN)
    assert pairs(findings) == [("GD401", "/appeals/administrative_review/total")]
    assert (findings[0].expected, findings[0].actual) == (3, 4)


def test_blank_cells_are_reported_and_never_counted_as_zero(pingtan_2021: AnnualReport) -> None:
    report = at(pingtan_2021, "/applications/granted/commercial_enterprise", None)
    findings = check(report, ignore=KNOWN)
    # Only the blank is reported: the row and column identities that involve it are not
    # evaluated (a blank is not a 0), so no identity is reported broken because of it.
    assert pairs(findings) == [("GD010", "/applications/granted/commercial_enterprise")]
    assert findings[0].severity is Severity.WARNING


def test_blank_total_with_filled_parts(pingtan_2021: AnnualReport) -> None:
    report = at(pingtan_2021, "/applications/granted/total", None)
    report = at(report, "/appeals/direct_litigation/total", None)
    findings = check(report, ignore=KNOWN)
    assert pairs(findings) == [
        ("GD304", "/applications/granted/total"),
        ("GD402", "/appeals/direct_litigation/total"),
    ]
    assert (findings[0].expected, findings[0].actual) == (30, None)
    assert (findings[1].expected, findings[1].actual) == (12, None)


def test_blank_outcome_total_row(pingtan_2021: AnnualReport) -> None:
    report = at(pingtan_2021, "/applications/total_handled/natural_person", None)
    findings = check(report, ignore=KNOWN)
    assert pairs(findings) == [("GD304", "/applications/total_handled/natural_person")]
    assert findings[0].expected == 63


def test_negative_counts_but_signed_changes(qidu: AnnualReport) -> None:
    report = at(qidu, "/proactive/licensing/previous_count", 10)
    report = at(report, "/proactive/licensing/change", -8)
    assert check(report, ignore=KNOWN) == []
    report = at(report, "/proactive/licensing/decisions", -1)
    report = at(
        report, "/proactive/procurement/amount", Money(value=Decimal(-5), unit=MoneyUnit.YUAN)
    )
    assert pairs(check(report, ignore=KNOWN)) == [
        ("GD011", "/proactive/licensing/decisions"),
        ("GD011", "/proactive/procurement/amount"),
    ]


@pytest.mark.parametrize(
    ("edition", "year", "expected"),
    [
        (Edition.E2019, 2019, []),
        (Edition.E2019, 2020, []),
        (Edition.E2019, 2021, [("GD001", "/edition")]),
        (Edition.E2019, 2017, [("GD001", "/edition")]),
    ],
)
def test_edition_fits_year(
    qidu: AnnualReport, edition: Edition, year: int, expected: list[tuple[str, str]]
) -> None:
    assert pairs(check(attrs.evolve(qidu, year=year), ignore=KNOWN)) == expected


def test_select_ignore_and_severity_overrides(pingtan_2021: AnnualReport) -> None:
    report = at(pingtan_2021, "/applications/granted/total", 31)
    report = at(report, "/appeals/administrative_review/total", None)
    everything = pairs(check(report))
    assert everything == [
        ("GD101", "/overview"),
        ("GD303", "/applications/granted/total"),
        ("GD302", "/applications/total_handled/total"),
        ("GD402", "/appeals/administrative_review/total"),
    ]
    assert pairs(check(report, select="GD4")) == [("GD402", "/appeals/administrative_review/total")]
    assert pairs(check(report, select=["GD30"])) == [
        ("GD303", "/applications/granted/total"),
        ("GD302", "/applications/total_handled/total"),
    ]
    assert pairs(check(report, ignore=("GD303",))) == [
        pair for pair in everything if pair[0] != "GD303"
    ]
    assert pairs(check(report, ignore=KNOWN)) == [
        pair for pair in everything if pair[0] not in KNOWN
    ]
    relaxed = check(report, severity={"GD3": "warning", "GD303": "note"})
    assert pairs(relaxed) == everything
    by_code = {f.code: f.severity for f in relaxed}
    assert by_code["GD303"] is Severity.NOTE
    assert by_code["GD302"] is Severity.WARNING
    assert by_code["GD402"] is Severity.ERROR


def test_bad_selection_is_a_clear_error(qidu: AnnualReport) -> None:
    with pytest.raises(RuleSelectionError):
        check(qidu, select="GD7")
    with pytest.raises(RuleSelectionError):
        check(qidu, ignore=["XX1"])
    with pytest.raises(RuleSelectionError):
        check(qidu, severity={"GD301": "fatal"})
    with pytest.raises(RuleSelectionError):
        get_rule("GD999")
    with pytest.raises(StructureError):
        check({"edition": "2019"})  # type: ignore[arg-type]


def test_findings_are_in_document_order(pingtan_2021: AnnualReport) -> None:
    report = at(pingtan_2021, "/appeals/administrative_review/total", 9)
    report = at(report, "/applications/granted/total", 31)
    report = at(report, "/proactive/licensing/decisions", -1)
    pointers = [f.location.pointer for f in check(report, ignore=KNOWN)]
    assert pointers == [
        "/proactive/licensing/decisions",
        "/applications/granted/total",
        "/applications/total_handled/total",
        "/appeals/administrative_review/total",
    ]
    assert check(report, ignore=KNOWN) == check(report, ignore=KNOWN)


def test_findings_carry_source_positions(pingtan_2021: AnnualReport) -> None:
    span = SourceSpan(table=2, row=5, column=9)
    report = attrs.evolve(
        at(pingtan_2021, "/applications/granted/total", 31),
        source=Source(
            format="html",
            spans=(PointerSpan(pointer="/applications/granted/total", span=span),),
        ),
    )
    finding = check(report, ignore=KNOWN)[0]
    assert finding.location.span == span
    assert "table 2, row 5, column 9" in str(finding)


def test_rule_registry_is_documented() -> None:
    codes = [r.code for r in rules()]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    names = [r.name for r in rules()]
    assert len(set(names)) == len(names)
    for rule in rules():
        assert rule.code.startswith("GD")
        assert rule.code[2:].isdigit()
        assert len(rule.code) == 5
        for heading in ("## What it checks", "## Why it matters", "## Example", "## How to fix"):
            assert heading in rule.doc, (rule.code, heading)
        assert rule.summary
        assert rule.summary_zh
        assert get_rule(rule.code.lower()) is rule
