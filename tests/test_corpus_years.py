"""Consecutive years of the corpus, read by the parser, checked against each other.

Pingtan's zone-wide reports of 2019 (2019 edition), 2021 and 2022 (2021 edition) are in the
corpus as crawler text. Read with :func:`govdisclosure.parse`, each year's carry-over and
documents in force continue the year before (MANIFEST: 结转 1 → 上年结转 1; 行政规范性文件
665 + 88 − 55 = 698), and years that are not consecutive are said to be so, not compared.
"""

from __future__ import annotations

from functools import cache

import pytest

import govdisclosure
from govdisclosure import AnnualReport

from .conftest import DATA

CORPUS = DATA / "corpus"


@cache
def _parsed(name: str) -> AnnualReport:
    return govdisclosure.parse(CORPUS / name).report


def _cross_year(report: str, previous: str) -> list[tuple[str, str]]:
    findings = govdisclosure.check(_parsed(report), previous=_parsed(previous), select="GD8")
    return [(f.code, f.pointer) for f in findings]


def test_2022_continues_2021() -> None:
    this_year, last_year = _parsed("005_pingtan_2022.txt"), _parsed("004_pingtan_2021.txt")
    assert last_year.applications.carried_forward.total == 1
    assert this_year.applications.carried_over.total == 1
    assert _cross_year("005_pingtan_2022.txt", "004_pingtan_2021.txt") == []


def test_a_changed_carry_over_is_found_at_its_cell() -> None:
    from govdisclosure.model import replace_at

    last_year = replace_at(
        _parsed("004_pingtan_2021.txt"), ("applications", "carried_forward", "total"), 2
    )
    findings = govdisclosure.check(_parsed("005_pingtan_2022.txt"), previous=last_year)
    carry = [(f.code, f.pointer) for f in findings if f.code == "GD803"]
    assert carry == [("GD803", "/applications/carried_over/total")]


@pytest.mark.parametrize(
    ("report", "previous"),
    [
        ("004_pingtan_2021.txt", "002_pingtan_2019.txt"),
        ("005_pingtan_2022.txt", "002_pingtan_2019.txt"),
    ],
)
def test_years_that_do_not_follow_are_not_compared(report: str, previous: str) -> None:
    # 2019 → 2021 skips a year: one note, and no comparison of figures that do not continue.
    assert _cross_year(report, previous) == [("GD801", "/year")]


def test_a_run_the_parser_cannot_split_is_not_guessed() -> None:
    # 011's 规章 row is flattened to "1411" (14 | 1 | 1, 1 | 41 | 1 or 1 | 4 | 11): the
    # parser leaves it unread (GD906), so the bureau's impossible 规章 (GD202, found on the
    # hand transcription in tests/test_corpus_rules.py) cannot be claimed from the text.
    result = govdisclosure.parse(CORPUS / "011_pingtan_gzj_2019.txt")
    assert result.report.proactive.rules.values() == (None, None, None)
    assert ("GD906", "/proactive/rules/newly_made") in {
        (d.code, r.pointer) for d in result.diagnostics for r in d.related
    }
    assert {c.pointer: c.reason.value for c in result.report.unread} == {
        "/proactive/rules/newly_made": "ambiguous",
        "/proactive/rules/newly_published": "ambiguous",
        "/proactive/rules/total_published": "ambiguous",
    }
    assert result.report.unread[0].text == "1411"
    findings = govdisclosure.check(result.report)
    codes = {f.code for f in findings}
    assert "GD202" not in codes
    # The cells are unread, not blank: no GD010 blames the bureau; GD012 notes them once.
    assert "GD010" not in codes
    (note,) = [f for f in findings if f.code == "GD012"]
    assert note.origin.value == "reading"
    assert note.pointer == "/proactive/rules"
