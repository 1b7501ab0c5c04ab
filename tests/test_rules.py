"""The rule catalogue as a product: one case per code, stable codes, presets."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from govdisclosure import RuleSelectionError, Severity, check, check_aggregate, rules
from govdisclosure.checks import RETIRED, Finding, get_rule, presets
from govdisclosure.model import Edition

from .rule_cases import CASES, Case, at, clean, pairs

CATALOGUE = Path(__file__).resolve().parent / "data" / "rules" / "catalogue.txt"


def _run(case: Case, **options: object) -> list[Finding]:
    if case.children is not None:
        return check_aggregate(case.report, case.children, **options)  # type: ignore[arg-type]
    return check(case.report, previous=case.previous, **options)  # type: ignore[arg-type]


def test_every_rule_has_a_case() -> None:
    codes = {r.code for r in rules() if r.scope != "parse"}
    assert codes == set(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_case_triggers_exactly_its_rule(code: str) -> None:
    case = CASES[code]()
    findings = _run(case)
    assert pairs(findings) == case.expected
    assert {f.code for f in findings} == {code}
    rule = get_rule(code)
    assert all(f.name == rule.name and f.severity is rule.severity for f in findings)
    for finding in findings:
        assert finding.message != finding.message_en
        assert re.search(r"[\u4e00-\u9fff]", finding.message)


def test_the_clean_reports_have_no_findings() -> None:
    for edition in Edition:
        assert check(clean(edition)) == []


def test_at_least_25_documented_rules() -> None:
    assert len(rules()) >= 25
    for rule in rules():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name), rule.name
        assert rule.editions
        assert rule.summary
        assert rule.summary_zh
        assert re.search(r"[\u4e00-\u9fff]", rule.summary_zh)
        headings = ["## What it checks", "## Why it matters", "## Example", "## How to fix"]
        positions = [rule.doc.find(h) for h in headings]
        assert -1 not in positions, rule.code
        assert positions == sorted(positions), rule.code
        assert "{why}" not in rule.doc
        sections = re.split(r"^## .*$", rule.doc, flags=re.M)[1:]
        assert all(s.strip() for s in sections), rule.code


def test_unconfirmed_rules_say_so() -> None:
    # The spec marks UNCONFIRMED: their docs and messages must say so.
    for code in ("GD805", "GD806"):
        rule = get_rule(code)
        assert "UNCONFIRMED" in rule.doc
        assert rule.severity is Severity.NOTE


def _catalogue() -> dict[str, str]:
    entries = {}
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split()
            entries[code] = name
    return entries


def test_codes_are_stable_and_retired_codes_are_never_reused() -> None:
    """Every code ever published keeps its name, or is retired; none is reused.

    Adding a rule means adding its line to tests/data/rules/catalogue.txt; removing one
    means moving its code to RETIRED — the line stays, so the code cannot come back.
    """
    published = _catalogue()
    current = {r.code: r.name for r in rules()}
    for code, name in published.items():
        if code in RETIRED:
            assert code not in current, f"{code} is retired but registered again"
        else:
            assert current.get(code) == name, f"{code} {name} changed or vanished"
    assert set(current) <= set(published), "add new rules to the catalogue"
    assert set(RETIRED) <= set(published)
    assert len(set(RETIRED)) == len(RETIRED)


# -- presets -------------------------------------------------------------------------


def test_presets_are_listed() -> None:
    assert set(presets()) == {"default", "strict", "lenient"}
    for preset in presets().values():
        assert preset.summary
        assert preset.summary_zh


def test_strict_turns_warnings_into_errors() -> None:
    case = CASES["GD501"]()
    (finding,) = check(case.report, preset="strict")
    assert finding.severity is Severity.ERROR
    (note,) = check(CASES["GD101"]().report, preset="strict")
    assert note.severity is Severity.NOTE


def test_lenient_keeps_only_hard_identities_as_errors_and_drops_notes() -> None:
    (identity,) = check(CASES["GD401"]().report, preset="lenient")
    assert identity.severity is Severity.ERROR
    (blank_total,) = check(CASES["GD304"]().report, preset="lenient")
    assert blank_total.severity is Severity.WARNING
    (negative,) = check(CASES["GD011"]().report, preset="lenient")
    assert negative.severity is Severity.WARNING
    assert check(CASES["GD101"]().report, preset="lenient") == []


def test_presets_compose_with_selection_and_overrides() -> None:
    report = CASES["GD101"]().report
    # an explicit override wins over the preset, and the floor applies to the result
    (finding,) = check(report, preset="lenient", severity={"GD101": "warning"})
    assert finding.severity is Severity.WARNING
    # select/ignore choose rules whatever the preset
    assert check(CASES["GD501"]().report, preset="strict", ignore="GD5") == []
    (error,) = check(CASES["GD501"]().report, preset="strict", select="GD501")
    assert error.severity is Severity.ERROR
    (relaxed,) = check(CASES["GD501"]().report, preset="strict", severity={"GD5": "note"})
    assert relaxed.severity is Severity.NOTE
    # None is the default preset
    assert check(report, preset=None) == check(report, preset="default")


def test_unknown_preset_is_a_clear_error() -> None:
    with pytest.raises(RuleSelectionError, match="lenient"):
        check(clean(), preset="loose")


def test_presets_apply_to_aggregates_and_last_year() -> None:
    case = CASES["GD821"]()
    (finding,) = _run(case, preset="strict")
    assert finding.severity is Severity.ERROR
    case = CASES["GD805"]()
    assert _run(case, preset="lenient") == []


# -- scopes ----------------------------------------------------------------------------


def test_cross_year_rules_run_only_with_last_year() -> None:
    case = CASES["GD803"]()
    assert check(case.report) == []
    assert [c for c, _ in pairs(check(case.report, previous=case.previous))] == ["GD803"] * 2


def test_aggregate_rules_do_not_run_in_check() -> None:
    case = CASES["GD821"]()
    assert check(case.report, select="GD8") == []


def test_cross_report_locations_name_their_report() -> None:
    (finding,) = _run(CASES["GD804"]())
    assert [(r.pointer, r.report) for r in finding.related] == [
        ("/proactive/normative_documents/issued", None),
        ("/proactive/normative_documents/repealed", None),
        ("/proactive/normative_documents/in_force", "previous"),
    ]
    assert "previous:/proactive/normative_documents/in_force" in str(finding.related[2])


def test_findings_do_not_borrow_source_positions_for_other_reports() -> None:
    from govdisclosure.model import PointerSpan, Source, SourceSpan

    case = CASES["GD803"]()
    span = SourceSpan(line=9)
    pointer = "/applications/carried_forward/total"
    report = attrs.evolve(
        case.report, source=Source(spans=(PointerSpan(pointer=pointer, span=span),))
    )
    findings = check(report, previous=case.previous)
    related = [r for f in findings for r in f.related]
    assert {r.report for r in related} == {"previous"}
    assert all(r.span is None for r in related)


def test_edition_and_year_gates() -> None:
    case = CASES["GD801"]()
    assert case.previous is not None
    # two years apart: a note, and the carry-over is not compared even though it differs
    previous = at(case.previous, "/applications/carried_forward/natural_person", 5)
    assert pairs(check(case.report, previous=previous)) == [("GD801", "/year")]
