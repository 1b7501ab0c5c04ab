"""Properties of the accounting identities, the codec and the schema (Hypothesis)."""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import AnnualReport, Severity, check
from govdisclosure.checks import Origin
from govdisclosure.model import Edition
from govdisclosure.testing import cell_changes, consistent_reports, reports, with_unread_cells


@cache
def _validator() -> Any:
    schema = govdisclosure.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@given(consistent_reports())
def test_a_consistent_report_has_no_errors(report: AnnualReport) -> None:
    assert [f for f in check(report) if f.severity is Severity.ERROR] == []


@given(st.data())
def test_changing_any_single_cell_is_caught_at_that_cell(data: st.DataObject) -> None:
    report = data.draw(consistent_reports())
    change = data.draw(cell_changes(report))
    errors = [f for f in check(change.report) if f.severity is Severity.ERROR]
    assert errors, change
    named = {f.location.pointer for f in errors} | {r.pointer for f in errors for r in f.related}
    assert change.ref.pointer in named


@given(reports(mixed=True, unread=True))
def test_json_round_trip(report: AnnualReport) -> None:
    text = govdisclosure.dumps(report)
    again = govdisclosure.loads(text)
    assert again == report
    assert govdisclosure.dumps(again) == text


@given(reports(mixed=True, unread=True))
def test_dumps_validates_against_the_schema(report: AnnualReport) -> None:
    _validator().validate(govdisclosure.codecs.to_dict(report))


@given(reports(mixed=True, unread=True))
def test_findings_survive_the_round_trip(report: AnnualReport) -> None:
    assert check(govdisclosure.loads(govdisclosure.dumps(report))) == check(report)


@given(reports(mixed=True, unread=True))
def test_check_never_fails_on_any_report(report: AnnualReport) -> None:
    findings = check(report)
    assert findings == check(report)
    for finding in findings:
        assert finding.code.startswith("GD")
        assert finding.location.pointer.startswith("/")


@given(st.data())
def test_nothing_on_the_report_rests_on_an_unread_cell(data: st.DataObject) -> None:
    # A consistent report read with some cells unread: no error at all, and no finding
    # of origin ``report`` at or about an unread cell; each unread row gets its GD012.
    report = data.draw(with_unread_cells(data.draw(consistent_reports())))
    findings = check(report)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    unread = report.unread_pointers
    for finding in findings:
        involved = {finding.pointer, *(r.pointer for r in finding.related)}
        if finding.origin is Origin.REPORT:
            assert not involved & unread, finding
    noted = {r.pointer for f in findings if f.code == "GD012" for r in f.related}
    assert noted == unread


@given(reports(mixed=True, unread=True))
def test_no_report_finding_involves_an_unread_cell(report: AnnualReport) -> None:
    unread = report.unread_pointers
    for finding in check(report):
        if finding.origin is Origin.REPORT:
            assert finding.pointer not in unread
            assert not {r.pointer for r in finding.related} & unread


@given(consistent_reports(edition=Edition.E2019), consistent_reports(edition=Edition.E2021))
def test_both_editions_are_generated(r2019: AnnualReport, r2021: AnnualReport) -> None:
    assert (r2019.edition, r2021.edition) == (Edition.E2019, Edition.E2021)
    assert len(r2019.applications.rows()) == 23
    assert len(r2021.applications.rows()) == 25
