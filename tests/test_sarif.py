"""SARIF 2.1.0 output, validated against the official OASIS schema (tests/data/sarif)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings

import govdisclosure
from govdisclosure import AnnualReport, Finding, Severity
from govdisclosure.checks import Location
from govdisclosure.cli import main
from govdisclosure.codecs import FileFindings, to_sarif
from govdisclosure.model import SourceSpan, replace_at
from govdisclosure.testing import reports

from .conftest import DATA, EXAMPLES, load_example

SCHEMA = DATA / "sarif" / "sarif-schema-2.1.0.json"


@cache
def _validator() -> Any:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def validate(log: dict[str, Any]) -> None:
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_the_vendored_schema_is_the_oasis_one() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    with pytest.raises(AssertionError):
        validate({"version": "2.1.0", "runs": [{"tool": {}}]})  # the schema does reject


def _bad_report() -> AnnualReport:
    report: AnnualReport = replace_at(
        load_example("pingtan-2021"), ("applications", "granted", "total"), 31
    )
    return report


def test_results_rules_and_locations() -> None:
    findings = govdisclosure.check(_bad_report(), select="GD3")
    log = to_sarif({"reports/平潭 2021.json": findings})
    validate(log)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in govdisclosure.rules()]
    gd303 = next(r for r in rules if r["id"] == "GD303")
    catalogue = next(r for r in govdisclosure.rules() if r.code == "GD303")
    assert gd303["fullDescription"]["text"] == catalogue.doc
    assert gd303["defaultConfiguration"]["level"] == "error"
    assert gd303["name"] == catalogue.name
    results = run["results"]
    assert [(r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"])
            for r in results] == [(f.code, f.pointer) for f in findings]  # fmt: skip
    first = results[0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    assert first["level"] == "error"
    artifact = first["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "reports/%E5%B9%B3%E6%BD%AD%202021.json", "uriBaseId": "%SRCROOT%"}
    related = [r["logicalLocations"][0]["fullyQualifiedName"] for r in first["relatedLocations"]]
    assert related == [r.pointer for r in findings[0].related]
    assert first["properties"]["expected"] == 30
    assert first["partialFingerprints"]
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_regions_from_source_lines_or_cell_positions() -> None:
    (finding, _) = govdisclosure.check(_bad_report(), select="GD3")
    on_line = attrs.evolve(
        finding,
        location=attrs.evolve(finding.location, span=SourceSpan(line=12, end_line=13)),
    )
    in_cell = attrs.evolve(
        finding,
        location=attrs.evolve(finding.location, span=SourceSpan(table=2, row=5, column=9, page=3)),
    )
    log = to_sarif({"a.txt": [on_line], "b.pdf": [in_cell], "c.json": [finding]})
    validate(log)
    regions = [r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"]]
    assert regions[0]["region"] == {"startLine": 12, "endLine": 13}
    # No line known: line 1, with the cell's place (its table, row and column by their
    # official labels, and its page; never a document's table index) in the message and
    # the position in the properties.
    assert regions[1]["region"]["startLine"] == 1
    message = regions[1]["region"]["message"]["text"]
    assert message.startswith("表三“（一）予以公开”行“总计”列（第 3 页）")
    assert "table 2" not in message
    assert log["runs"][0]["results"][0]["properties"]["origin"] == "report"
    assert regions[1]["properties"]["sourcePosition"] == {
        "table": 2,
        "row": 5,
        "column": 9,
        "page": 3,
    }
    # A finding without a position (a JSON report): the place, then the pointer.
    assert (
        regions[2]["region"]["message"]["text"]
        == f"表三“（一）予以公开”行“总计”列: {finding.pointer}"
    )


def test_unreadable_files_and_unknown_codes() -> None:
    # A code the catalogue does not know (a local rule) still gets a descriptor.
    diagnostic = Finding(
        code="GD799",
        name="local-rule",
        severity=Severity.WARNING,
        message="本地规则的发现",
        message_en="a finding of a local rule",
        location=Location(pointer="/overview", span=SourceSpan(line=3)),
    )
    log = to_sarif(
        [
            FileFindings(path="/abs/报告.html", findings=(diagnostic,)),
            FileFindings(path="broken.json", error="broken.json: 不是有效的 JSON"),
        ],
        base_uri="file:///work/",
    )
    validate(log)
    (run,) = log["runs"]
    assert run["tool"]["driver"]["rules"][-1]["id"] == "GD799"
    assert run["results"][0]["ruleIndex"] == len(run["tool"]["driver"]["rules"]) - 1
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "file:///abs/%E6%8A%A5%E5%91%8A.html"}
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///work/"}}


@settings(max_examples=10)  # schema validation of a whole log is slow
@given(reports())
def test_sarif_of_any_report_validates(report: AnnualReport) -> None:
    validate(to_sarif({"r.json": govdisclosure.check(report)}))


def test_check_command_writes_valid_sarif(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((EXAMPLES / "pingtan-2021.json").read_text(encoding="utf-8"))
    data["appeals"]["direct_litigation"]["total"] = 13
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    out = tmp_path / "out.sarif"
    assert (
        main(["check", str(tmp_path), "--format", "sarif", "--select", "GD4", "-o", str(out)]) == 2
    )
    log = json.loads(out.read_text(encoding="utf-8"))
    validate(log)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "GD401"
    line = next(
        n
        for n, text in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
        if '"total": 13' in text
    )
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    capsys.readouterr()
