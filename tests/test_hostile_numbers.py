"""Figures too large to be counts: refused at load, left unread at parse, never a crash.

A count holds at most :data:`~govdisclosure.model.MAX_COUNT` (15 digits), an amount at
most 15 digits before the point and 8 after. Python cannot even print an ``int`` of more
than 4,300 digits, so a figure over the bound must never reach a message, a sum or a
writer: the model refuses it, :func:`loads` names its pointer, the parsers leave the
cell unread with its text kept, and :func:`check_jsonl` goes on to the next line.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import AggregateError, AnnualReport, GovDisclosureError, StructureError
from govdisclosure.model import MAX_COUNT, ApplicantCounts, Money, UnreadReason
from govdisclosure.model._cellmap import replace_at

from .conftest import EXAMPLES

PINGTAN = json.loads((EXAMPLES / "pingtan-2021.json").read_text(encoding="utf-8"))
CELL = "/applications/new_received/natural_person"


def _report_with(value: Any, path: tuple[str, ...] = ("applications", "granted")) -> Any:
    data = json.loads(json.dumps(PINGTAN))
    target = data
    for key in path:
        target = target[key]
    target["natural_person"] = value
    return data


# -- the model ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [MAX_COUNT + 1, -MAX_COUNT - 1, 10**5000, -(10**5000)],
    ids=["max+1", "-max-1", "5001-digits", "-5001-digits"],
)
def test_the_model_refuses_a_count_over_the_maximum_at_its_pointer(
    pingtan_2021: AnnualReport, value: int
) -> None:
    row = pingtan_2021.applications.granted
    huge = attrs.evolve(row, natural_person=value)
    with pytest.raises(StructureError) as info:
        replace_at(pingtan_2021, ("applications", "granted"), huge)
    assert [p.pointer for p in info.value.problems] == ["/applications/granted/natural_person"]
    assert len(str(info.value)) < 1_000


def test_counts_at_the_bounds_are_accepted(pingtan_2021: AnnualReport) -> None:
    for value in (MAX_COUNT, -MAX_COUNT, 0):
        row = ApplicantCounts.of(natural_person=value)
        report = replace_at(pingtan_2021, ("applications", "granted"), row)
        assert report.applications.granted.natural_person == value
        govdisclosure.check(report)  # every message formats its numbers


@pytest.mark.parametrize(
    "amount", [Decimal("1" * 16), Decimal("0.123456789"), Decimal("1E+20"), Decimal("Infinity")]
)
def test_the_model_refuses_an_amount_over_the_bounds(
    pingtan_2021: AnnualReport, amount: Decimal
) -> None:
    with pytest.raises(StructureError) as info:
        replace_at(pingtan_2021, ("proactive", "fees", "amount"), Money(value=amount))
    assert [p.pointer for p in info.value.problems] == ["/proactive/fees/amount/value"]


@pytest.mark.parametrize("year", [-1, 10_000, 10**5000, True], ids=["-1", "10000", "huge", "bool"])
def test_the_model_refuses_a_year_of_more_than_four_digits(
    pingtan_2021: AnnualReport, year: int
) -> None:
    with pytest.raises(StructureError) as info:
        attrs.evolve(pingtan_2021, year=year)
    assert [p.pointer for p in info.value.problems] == ["/year"]


def test_the_schema_states_the_bounds() -> None:
    schema = govdisclosure.json_schema()
    count = schema["$defs"]["count"]
    assert (count["minimum"], count["maximum"]) == (-MAX_COUNT, MAX_COUNT)
    money = schema["$defs"]["money"]["else"]["properties"]["value"]
    for edition in ("2019", "2021"):
        year = schema["$defs"][f"report{edition}"]["properties"]["year"]
        assert (year["minimum"], year["maximum"]) == (0, 9999)
    import re

    assert re.fullmatch(money["pattern"], "999999999999999.12345678")
    assert not re.fullmatch(money["pattern"], "1" * 16)
    assert not re.fullmatch(money["pattern"], "1.123456789")


# -- check_jsonl: a bad line never stops the stream ---------------------------------------


def test_check_jsonl_reports_a_huge_count_on_its_line_and_goes_on(tmp_path: Path) -> None:
    good = json.dumps(PINGTAN, ensure_ascii=False)
    lines = [
        good,
        json.dumps(_report_with(int("9" * 4_300))),
        '{"year": ' + "9" * 5_000 + "}",
        json.dumps(_report_with(MAX_COUNT)),
        good,
    ]
    results = list(govdisclosure.check_jsonl(lines))
    assert [r.line for r in results] == [1, 2, 3, 4, 5]
    assert [r.ok for r in results] == [True, False, False, True, True]
    assert [p.pointer for p in results[1].error.problems] == [  # type: ignore[union-attr]
        "/applications/granted/natural_person"
    ]


def test_check_jsonl_turns_a_failure_inside_check_into_that_lines_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from govdisclosure import stream

    calls = iter([None, RuntimeError("boom"), None])

    def flaky(report: AnnualReport, **_: Any) -> list[Any]:
        failure = next(calls)
        if failure is not None:
            raise failure
        return []

    monkeypatch.setattr(stream, "check", flaky)
    good = json.dumps(PINGTAN, ensure_ascii=False)
    results = list(govdisclosure.check_jsonl([good, good, good]))
    assert [r.ok for r in results] == [True, False, True]
    assert isinstance(results[1].error, GovDisclosureError)
    assert results[1].error.where == "line 2"


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_check_jsonl_refuses_a_path_that_is_no_file_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "none.jsonl" if kind == "missing" else tmp_path
    with pytest.raises(govdisclosure.ParseError) as info:
        govdisclosure.check_jsonl(path)
    assert info.value.reason == "unreadable"
    assert info.value.where == str(path)


# -- aggregate ----------------------------------------------------------------------------


@pytest.mark.parametrize("agency", [None, 3, b"bytes"])
def test_aggregate_refuses_an_agency_that_is_no_name(
    pingtan_2021: AnnualReport, agency: Any
) -> None:
    with pytest.raises(AggregateError) as info:
        govdisclosure.aggregate([pingtan_2021], agency=agency)
    assert info.value.where == "agency"


def test_an_aggregate_always_round_trips_through_json(pingtan_2021: AnnualReport) -> None:
    region = govdisclosure.aggregate([pingtan_2021, pingtan_2021], agency="某县")
    assert govdisclosure.loads(govdisclosure.dumps(region)) == region


def test_a_sum_over_what_a_cell_holds_is_an_aggregate_error(pingtan_2021: AnnualReport) -> None:
    row = ApplicantCounts.of(natural_person=MAX_COUNT)
    big = replace_at(pingtan_2021, ("applications", "granted"), row)
    with pytest.raises(AggregateError) as info:
        govdisclosure.aggregate([big, big], agency="某县")
    assert info.value.where == "/applications/granted/natural_person"


def test_dumps_of_what_is_not_a_report_raises() -> None:
    values: tuple[object, ...] = (None, {}, "report")
    for value in values:
        with pytest.raises(StructureError):
            govdisclosure.dumps(value)  # type: ignore[arg-type]


# -- parsing: an over-long figure is a cell the reader cannot take -----------------------


def _markdown(pingtan: AnnualReport, figure: str) -> str:
    text = govdisclosure.render_markdown(pingtan)
    assert text.count("| 64 |") == 1
    return text.replace("| 64 |", f"| {figure} |")


def _html(pingtan: AnnualReport, figure: str) -> str:
    text = govdisclosure.render_html(pingtan)
    assert text.count(">64<") == 1
    return text.replace(">64<", f">{figure}<")


@pytest.mark.parametrize("render", [_markdown, _html])
@pytest.mark.parametrize(
    "figure", ["9" * 16, "9" * 4_301, "9" * 100_000, "1," + "000," * 6 + "000"]
)
def test_an_over_long_figure_in_a_document_is_left_unread_with_its_text(
    pingtan_2021: AnnualReport, render: Any, figure: str
) -> None:
    document = render(pingtan_2021, figure)
    result = govdisclosure.parse(document, format="text" if render is _markdown else "html")
    unread = result.report.unread_cell(CELL)
    assert unread is not None
    assert unread.reason is UnreadReason.ILLEGIBLE
    assert unread.text == figure  # kept whole: nothing printed is lost
    assert result.report.applications.new_received.natural_person is None
    assert (unread.code, CELL) in {(d.code, d.location.pointer) for d in result.diagnostics}
    for finding in govdisclosure.check(result):
        assert len(finding.message) < 2_000


def test_a_figure_at_the_maximum_is_read(pingtan_2021: AnnualReport) -> None:
    result = govdisclosure.parse(_markdown(pingtan_2021, str(MAX_COUNT)), format="text")
    assert result.report.applications.new_received.natural_person == MAX_COUNT


@pytest.mark.parametrize(
    "amount", ["1" * 16, "1." + "1" * 9, "9" * 5_000 + ".5"], ids=["16", "9-places", "5000"]
)
def test_an_over_long_amount_is_left_unread(pingtan_2021: AnnualReport, amount: str) -> None:
    text = govdisclosure.render_markdown(pingtan_2021).replace("24252.311082", amount)
    result = govdisclosure.parse(text, format="text")
    unread = result.report.unread_cell("/proactive/fees/amount")
    assert unread is not None
    assert unread.text == amount


@given(st.integers(min_value=0, max_value=10**40))
def test_any_count_printed_in_a_cell_is_read_or_left_unread(value: int) -> None:
    from govdisclosure.parsers.assemble._split import Kind, read_cell

    got, problem = read_cell(str(value), Kind.COUNT)
    if value <= MAX_COUNT:
        assert (got, problem) == (value, None)
    else:
        assert (got, problem) == (None, "unreadable")


def test_a_document_that_states_no_year_reads_as_year_0(pingtan_2021: AnnualReport) -> None:
    import re

    text = govdisclosure.render_markdown(pingtan_2021)
    text = re.sub(r"20\d\d|二〇[一二三四五六七八九〇]{2}", "", text).replace("year: \n", "")
    result = govdisclosure.parse(text, format="text")
    assert result.report.year == 0
    assert ("GD911", "/year") in {(d.code, d.location.pointer) for d in result.diagnostics}
