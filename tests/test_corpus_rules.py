"""Acceptance on real reports: the seed and the development corpus.

The corpus reports are hand transcriptions (tests/data/reports/, see its README); the
parse()-based versions of these tests come with the parsers.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from types import ModuleType

import attrs
import pytest

import govdisclosure
from govdisclosure import AgencyLevel, AnnualReport, Severity, check

from .conftest import DATA, SHANGHAI_BLANK_TOTALS, load_example
from .rule_cases import pairs

REPORTS = DATA / "reports"


def load(stem: str) -> AnnualReport:
    return govdisclosure.loads((REPORTS / f"{stem}.json").read_bytes())


# -- the seed ------------------------------------------------------------------------


def test_the_seed_gets_the_rules_warning(qidu: AnnualReport) -> None:
    findings = check(qidu)
    assert pairs(findings) == [("GD202", "/proactive/rules/newly_made")]
    (finding,) = findings
    assert finding.severity is Severity.WARNING
    assert (finding.expected, finding.actual) == (0, 1)
    assert [r.pointer for r in finding.related] == ["/agency/level"]


def test_the_seed_text_is_checked_against_the_table(qidu: AnnualReport) -> None:
    text = qidu.proactive.text_before
    assert "2019年度收到依申请公开0件" in text
    # it agrees with the table: no narrative finding
    assert check(qidu, select="GD5") == []
    # a table that disagrees makes it fire, at the sentence
    changed = qidu
    for pointer, value in (
        ("/applications/new_received/natural_person", 2),
        ("/applications/new_received/total", 2),
        ("/applications/carried_forward/natural_person", 2),
        ("/applications/carried_forward/total", 2),
    ):
        changed = govdisclosure.model.replace_at(
            changed, tuple(pointer.strip("/").split("/")), value
        )
    assert check(changed, select="GD3") == []  # the table itself is consistent
    (finding,) = check(changed, select="GD5")
    assert finding.code == "GD501"
    assert finding.location.pointer == "/proactive/text_before"
    assert finding.location.text_range is not None
    start, end = finding.location.text_range
    assert text[start:end] == "2019年度收到依申请公开0件。"
    assert (finding.expected, finding.actual) == (2, 0)


def test_an_unknown_level_is_not_judged(qidu: AnnualReport) -> None:
    unknown = attrs.evolve(qidu, agency=attrs.evolve(qidu.agency, level=None))
    assert check(unknown) == []
    other = attrs.evolve(qidu, agency=attrs.evolve(qidu.agency, level=AgencyLevel.OTHER))
    assert check(other) == []


# -- the corpus ------------------------------------------------------------------------


def test_shanghai_blank_totals_and_its_text() -> None:
    report = load("001_shanghai_szfbgt_2019")
    findings = check(report)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert pairs(errors) == [("GD304", p) for p in SHANGHAI_BLANK_TOTALS]
    narrative = [f for f in findings if f.code.startswith("GD5")]
    assert pairs(narrative) == [("GD505", "/overview"), ("GD505", "/overview")]
    sentences = []
    for finding in narrative:
        assert finding.location.text_range is not None
        start, end = finding.location.text_range
        sentences.append(report.overview[start:end])
    assert sentences == [
        "予以公开及部分公开258件，占33.9%；",
        "因本机关不掌握等原因无法提供265件，占32.9%；",
    ]
    granted, unavailable = narrative
    assert [r.pointer for r in granted.related] == [
        "/applications/granted/total",
        "/applications/partially_granted/total",
    ]
    # The figures the text states; the tables give only lower bounds (the totals are
    # blank), so nothing is expected exactly and the bound is in the message.
    assert [(f.actual, f.expected) for f in narrative] == [(258, None), (265, None)]
    assert "275" in granted.message  # 272 + 3, a lower bound: the totals are blank
    assert "337" in unavailable.message  # 265 + 47 + 25
    # the other figures of the same paragraph agree: 859 received, 805 answered, 18
    # carried over, 72 carried forward, 35 withheld, 158 not processed, 7 + 9 appeals
    assert {f.code for f in findings} == {"GD010", "GD304", "GD505"}


def test_a_bureau_reporting_rules() -> None:
    findings = check(load("011_pingtan_gzj_2019"))
    assert pairs(findings) == [
        ("GD202", "/proactive/rules/newly_made"),
        ("GD202", "/proactive/rules/newly_published"),
        ("GD202", "/proactive/rules/total_published"),
    ]
    assert [f.actual for f in findings] == [14, 1, 1]


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        # 二 is left blank where the flattened text has several readings (GD010)
        ("002_pingtan_2019", {"GD010"}),
        ("004_pingtan_2021", {"GD101"}),
        ("005_pingtan_2022", {"GD101"}),
        ("009_huaian_szf_2024", {"GD101"}),
        ("010_pingtan_scjgj_2019", set()),
    ],
)
def test_consistent_reports_have_no_error(stem: str, expected: set[str]) -> None:
    findings = check(load(stem))
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert {f.code for f in findings} == expected


def test_the_narratives_of_the_consistent_reports_are_read_and_agree() -> None:
    from govdisclosure.checks._rules._phrases import Stated, read_claims

    read = {
        stem: {s: [c.number for c in cs] for s, cs in read_claims(load(stem)).items()}
        for stem in ("004_pingtan_2021", "005_pingtan_2022", "009_huaian_szf_2024")
    }
    assert read["004_pingtan_2021"] == {
        Stated.RECEIVED: [70],
        Stated.HANDLED: [69],
        Stated.CARRIED_FORWARD: [1],
    }
    # 75 = 74 new + 1 carried over: "收到申请" read as R1 + R2 (spec S-6)
    assert read["005_pingtan_2022"] == {
        Stated.RECEIVED: [75],
        Stated.LITIGATION: [1],
        Stated.REVIEW: [2],
    }
    assert read["009_huaian_szf_2024"] == {
        Stated.RECEIVED: [3119],
        Stated.HANDLED: [3050],
        Stated.CARRIED_OVER: [34],
        Stated.CARRIED_FORWARD: [103],
        Stated.REVIEW: [351],
        Stated.LITIGATION: [46],
    }


def test_consecutive_years_are_checked_against_each_other() -> None:
    last, this = load("004_pingtan_2021"), load("005_pingtan_2022")
    # 结转下年度 1 (2021) = 上年结转 1 (2022); X-2: 665 + 88 - 55 = 698
    assert last.applications.carried_forward.total == this.applications.carried_over.total == 1
    assert check(this, previous=last, select="GD8") == []
    # a break is found, per column, against last year's cell
    broken = govdisclosure.model.replace_at(
        this, ("applications", "carried_over", "natural_person"), 0
    )
    (finding,) = check(broken, previous=last, select="GD803")
    assert finding.location.pointer == "/applications/carried_over/natural_person"
    assert [(r.pointer, r.report) for r in finding.related] == [
        ("/applications/carried_forward/natural_person", "previous")
    ]
    # 2019 -> 2021: two years apart, so a note and nothing compared
    assert pairs(check(last, previous=load("002_pingtan_2019"), select="GD8")) == [
        ("GD801", "/year")
    ]


def test_a_change_of_edition_is_a_note_not_nonsense() -> None:
    last = attrs.evolve(load("002_pingtan_2019"), year=2020)  # stands in for 2020 (2019 ed.)
    this = load("004_pingtan_2021")
    assert pairs(check(this, previous=last, select="GD8")) == [("GD802", "/edition")]


def test_the_transcriptions_agree_with_the_example() -> None:
    example = load_example("pingtan-2021")
    corpus = load("004_pingtan_2021")
    assert govdisclosure.model.cell_values(corpus) == govdisclosure.model.cell_values(example)
    assert corpus.overview == example.overview


@cache
def _transcriber() -> ModuleType:
    """tests/data/reports/transcribe.py, the script that writes the transcriptions."""
    spec = importlib.util.spec_from_file_location("transcribe", REPORTS / "transcribe.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COMMITTED = sorted(path.stem for path in REPORTS.glob("*.json"))


def test_every_transcription_has_its_script_entry() -> None:
    assert sorted(_transcriber().REPORTS) == COMMITTED


@pytest.mark.parametrize("stem", COMMITTED)
def test_a_committed_transcription_is_what_the_script_writes(stem: str) -> None:
    # The script reads tests/data/corpus only; a hand edit of a transcription, or a
    # change to the script or the corpus not written out, shows here.
    written = govdisclosure.dumps(_transcriber().transcribe(stem)) + "\n"
    assert (REPORTS / f"{stem}.json").read_text(encoding="utf-8") == written
