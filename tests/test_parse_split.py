"""Cells run together: split only where the table's identities leave one reading."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govdisclosure import Edition, ReportBuilder
from govdisclosure.model import Money, MoneyUnit
from govdisclosure.parsers import parse
from govdisclosure.parsers.assemble._split import (
    Budget,
    BudgetExhaustedError,
    Kind,
    Run,
    chunks,
    compositions,
    read_cell,
    sum_readings,
)

from .layouts import flat_text


def _cells(run: Run, cuts: list[tuple[tuple[int, int], ...]] | None) -> list[list[str]]:
    assert cuts is not None
    return [[run.text[a:b] for a, b in cut] for cut in cuts]


def _rows(text: str, groups: int = 1, parts: int = 6) -> list[list[str]]:
    run = Run(chunks(text, 0))
    found = sum_readings(run, groups=groups, parts=parts, limit=16, budget=Budget(10**6))
    return _cells(run, found)


@pytest.mark.parametrize(
    ("printed", "kind", "value"),
    [
        ("0", Kind.COUNT, 0),
        (" 12 ", Kind.COUNT, 12),
        ("3件", Kind.COUNT, 3),
        ("1个", Kind.COUNT, 1),
        ("3,119", Kind.COUNT, 3119),
        ("１２", Kind.COUNT, 12),
        ("+17", Kind.SIGNED, 17),
        ("-18", Kind.SIGNED, -18),
        ("－8", Kind.SIGNED, -8),
        ("251000元", Kind.MONEY, Money(value=Decimal(251000), unit=MoneyUnit.YUAN)),
        ("6805947.43元", Kind.MONEY, Money(value=Decimal("6805947.43"), unit=MoneyUnit.YUAN)),
        ("1.5万元", Kind.MONEY, Money(value=Decimal("1.5"), unit=MoneyUnit.TEN_THOUSAND_YUAN)),
        ("18651.06", Kind.MONEY, Money(value=Decimal("18651.06"), unit=None)),
    ],
)
def test_read_cell(printed: str, kind: Kind, value: object) -> None:
    assert read_cell(printed, kind) == (value, None)


@pytest.mark.parametrize("printed", ["", " ", "/", "-", "—", "——", "不适用", "无", "／"])
def test_blank_markers_are_blank(printed: str) -> None:
    assert read_cell(printed, Kind.COUNT) == (None, "blank")


@pytest.mark.parametrize(
    ("printed", "kind"),
    [
        ("约3", Kind.COUNT),
        ("+3", Kind.COUNT),
        ("1.5", Kind.COUNT),
        ("3 4", Kind.COUNT),
        ("12%", Kind.MONEY),
        ("x", Kind.SIGNED),
    ],
)
def test_unreadable_cells(printed: str, kind: Kind) -> None:
    assert read_cell(printed, kind) == (None, "unreadable")


def test_chunks_keep_their_place() -> None:
    assert [(c.text, c.offset) for c in chunks("230 000023", 100)] == [
        ("230", 100),
        ("000023", 104),
    ]
    # A sign after a digit starts a new cell.
    assert [c.text for c in chunks("20+1737", 0)] == ["20", "+1737"]


@pytest.mark.parametrize(
    ("printed", "readings"),
    [
        ("230 000023", [["23", "0", "0", "0", "0", "0", "23"]]),
        ("23 0 00 0 023", [["23", "0", "0", "0", "0", "0", "23"]]),
        ("640020470", [["64", "0", "0", "2", "0", "4", "70"]]),
        (
            "270020130",
            [["2", "7", "0", "0", "20", "1", "30"], ["27", "0", "0", "2", "0", "1", "30"]],
        ),
        ("1000002", []),  # the printed total does not add up: no reading
    ],
)
def test_row_readings(printed: str, readings: list[list[str]]) -> None:
    assert _rows(printed) == readings


def test_table_4_blocks() -> None:
    assert _rows("10203120001200000", groups=3, parts=4) == [
        ["1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"]
    ]
    assert len(_rows("1001202211001122122101034", groups=3, parts=4)) == 2


def test_compositions_without_identities() -> None:
    budget = Budget(10**6)
    run = Run(chunks("000", 0))
    assert _cells(run, compositions(run, [Kind.COUNT] * 3, limit=8, budget=budget)) == [
        ["0", "0", "0"]
    ]
    run = Run(chunks("20+1737", 0))
    kinds = [Kind.COUNT, Kind.SIGNED, Kind.COUNT]
    assert _cells(run, compositions(run, kinds, limit=8, budget=budget)) == [
        ["20", "+1", "737"],
        ["20", "+17", "37"],
        ["20", "+173", "7"],
    ]
    run = Run(chunks("898989", 0))
    assert compositions(run, [Kind.COUNT] * 3, limit=4, budget=budget) is None  # too many


def test_a_unit_ends_a_count_as_it_ends_money() -> None:
    # 采购项目数量 with its unit, then 采购总金额 in 元: the units part the cells.
    budget = Budget(10**6)
    run = Run(chunks("1个246900元", 0))
    cuts = compositions(run, [Kind.COUNT, Kind.MONEY], limit=8, budget=budget)
    assert _cells(run, cuts) == [["1个", "246900元"]]
    run = Run(chunks("12件3件", 0))
    assert _cells(run, compositions(run, [Kind.COUNT] * 2, limit=8, budget=budget)) == [
        ["12件", "3件"]
    ]
    # A unit ends a cell: 1个23 is 1个 | 23, never 1 | 个23 or one count.
    run = Run(chunks("1个23", 0))
    assert _cells(run, compositions(run, [Kind.COUNT] * 2, limit=8, budget=budget)) == [
        ["1个", "23"]
    ]
    assert _cells(run, compositions(run, [Kind.COUNT], limit=8, budget=budget)) == []


@pytest.mark.parametrize("digits", ["1" * 84, "9" * 84, "1" * 200, "10" * 42])
def test_long_runs_are_bounded(digits: str) -> None:
    # Either refused outright or cut short by the budget: never a long search.
    run = Run(chunks(digits, 0))
    try:
        found = sum_readings(run, groups=1, parts=6, limit=16, budget=Budget(50_000))
    except BudgetExhaustedError:
        return
    assert found is not None


def test_budget_runs_out() -> None:
    run = Run(chunks("1" * 40, 0))
    with pytest.raises(BudgetExhaustedError):
        sum_readings(run, groups=1, parts=6, limit=16, budget=Budget(10))


def _pingtan_like(edition: Edition = Edition.E2021) -> ReportBuilder:
    builder = ReportBuilder(edition=edition, year=2021, agency="平潭综合实验区")
    builder.applications("new_received", natural_person=64, public_interest_organization=2, other=4)
    builder.applications("granted", natural_person=27, public_interest_organization=2, other=1)
    builder.applications("partially_granted", natural_person=5)
    builder.applications("withheld/internal_affairs", natural_person=1)
    builder.applications("withheld/enforcement_case_file", natural_person=6)
    builder.applications("withheld/administrative_inquiry", natural_person=1)
    builder.applications("unavailable/not_held", natural_person=22, other=3)
    builder.applications("other_handling/other", natural_person=1)
    builder.appeals("administrative_review", upheld=1, other=2)
    builder.appeals("direct_litigation", upheld=12)
    return builder


def test_column_identities_decide_between_row_readings() -> None:
    report = _pingtan_like().build()
    result = parse(flat_text(report))
    parsed = result.report
    assert parsed.applications == report.applications
    assert parsed.appeals == report.appeals
    notes = {(d.code, d.pointer) for d in result.diagnostics}
    assert ("GD905", "/applications/granted") in notes
    assert ("GD905", "/applications/unavailable/not_held") in notes


def test_readings_the_identities_cannot_tell_apart_are_refused() -> None:
    builder = ReportBuilder(edition=Edition.E2021, year=2021, agency="某某县人民政府")
    # Both rows print "270020130"; swapping their readings keeps every column sum.
    builder.applications("granted", natural_person=27, public_interest_organization=2, other=1)
    builder.applications(
        "partially_granted",
        natural_person=2,
        commercial_enterprise=7,
        legal_service_institution=20,
        other=1,
    )
    builder.applications(
        "new_received",
        natural_person=29,
        commercial_enterprise=7,
        public_interest_organization=2,
        legal_service_institution=20,
        other=2,
    )
    report = builder.build()
    result = parse(flat_text(report))
    parsed = result.report.applications
    assert parsed.granted.values() == (None,) * 7
    assert parsed.partially_granted.values() == (None,) * 7
    refused = {(d.code, d.pointer) for d in result.diagnostics}
    assert ("GD906", "/applications/granted") in refused
    assert ("GD906", "/applications/partially_granted") in refused
    # Everything that could be read was.
    assert parsed.total_handled == report.applications.total_handled


def test_an_ambiguous_table_4_run_is_refused() -> None:
    builder = _pingtan_like()
    builder.appeals("administrative_review", upheld=10, other=12)
    builder.appeals("direct_litigation", upheld=1, corrected=10, pending=11)
    builder.appeals("litigation_after_review", upheld=12, corrected=2, other=10, pending=10)
    report = builder.build()
    result = parse(flat_text(report))
    assert [b.values() for b in result.report.appeals.block_objects()] == [(None,) * 5] * 3
    assert ("GD906", "/appeals") in {(d.code, d.pointer) for d in result.diagnostics}


def test_a_flat_report_with_an_error_is_not_repaired() -> None:
    report = _pingtan_like().build()
    text = flat_text(report).replace("270020130", "270020131")  # 总计 off by one
    result = parse(text)
    # The row cannot be split without trusting its total: blank, not fixed.
    assert result.report.applications.granted.values() == (None,) * 7
    assert ("GD906", "/applications/granted") in {(d.code, d.pointer) for d in result.diagnostics}
