"""One row per report: the key figures, their ratios, findings by origin, duplicates.

A blank is never taken for 0: a printed total left blank is computed from its parts
(and marked), a figure with an unknown term is unknown, and so is every ratio that
needs it. The tidy cell CSV's ``computed_value`` is what each sum cell's terms add up to.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
import pandas
import pyarrow.parquet
import pytest
from hypothesis import given

import govdisclosure
from govdisclosure import AnnualReport
from govdisclosure.codecs import (
    SUMMARY_COLUMNS,
    duplicate_groups,
    summary_dataframe,
    summary_rows,
    to_csv_rows,
    write_summary_csv,
    write_summary_parquet,
)
from govdisclosure.model import (
    RATE_FIELDS,
    Source,
    cell_refs,
    get_at,
    key_figures,
    replace_at,
)
from govdisclosure.testing import consistent_reports, with_unread_cells

from .conftest import DATA, load_example


def test_the_figures_of_a_published_report() -> None:
    figures = key_figures(load_example("pingtan-2021"))
    assert (figures.received, figures.total_handled, figures.carried_forward) == (70, 69, 1)
    # （三）不予公开 is the sum of its eight rows; （四）无法提供 of its three.
    assert (figures.granted, figures.withheld, figures.unavailable) == (30, 8, 25)
    assert figures.granted_rate == pytest.approx(30 / 69)
    assert figures.withheld_rate == pytest.approx(8 / 69)
    # 复议: 1 upheld, 0 corrected, 2 other — a correction rate of 0 over 3 concluded.
    assert figures.review_correction_rate == 0
    assert figures.computed == ()


def test_a_blank_printed_total_is_computed_and_marked() -> None:
    report = replace_at(load_example("pingtan-2021"), ("applications", "granted", "total"), None)
    figures = key_figures(report)
    assert figures.granted == 30
    assert figures.computed == ("granted",)
    (row,) = summary_rows([report])
    assert row["granted"] == 30
    assert row["computed"] == "granted"


def test_an_unknown_term_makes_the_figure_and_its_ratios_unknown_never_zero() -> None:
    report = load_example("pingtan-2021")
    for column in ("natural_person", "total"):
        report = replace_at(report, ("applications", "withheld", "state_secret", column), None)
    figures = key_figures(report)
    assert figures.withheld is None
    assert figures.withheld_rate is None
    assert figures.granted_rate == pytest.approx(30 / 69)  # its terms are all known
    # A denominator of 0 gives no ratio either.
    assert key_figures(load_example("qidu-2019")).granted_rate is None


@given(consistent_reports())
def test_a_consistent_report_has_its_totals_printed_and_its_rates_between_0_and_1(
    report: AnnualReport,
) -> None:
    figures = key_figures(report)
    assert figures.computed == ()
    assert figures.total_handled == sum(
        getattr(figures, n)
        for n in (
            "granted",
            "partially_granted",
            "withheld",
            "unavailable",
            "not_processed",
            "other_handling",
        )
    )
    for name in RATE_FIELDS:
        rate = getattr(figures, name)
        assert rate is None or 0 <= rate <= 1


@given(consistent_reports())
def test_blanking_a_total_changes_nothing_but_the_mark(report: AnnualReport) -> None:
    refs = [r for r in cell_refs(report.layout) if r.is_total]
    for ref in refs[:3]:
        blanked = replace_at(report, ref.path, None)
        before, after = key_figures(report), key_figures(blanked)
        assert attrs.evolve(after, computed=()) == before


def test_rows_count_findings_by_origin() -> None:
    result = govdisclosure.parse(DATA / "corpus" / "011_pingtan_gzj_2019.txt")
    (row,) = summary_rows([result])
    assert set(row) == set(SUMMARY_COLUMNS)
    findings = govdisclosure.check(result)
    reading = [f for f in findings if f.origin.value == "reading"]
    assert row["warnings_reading"] + row["notes_reading"] + row["errors_reading"] == len(reading)
    assert row["unread_cells"] == len(result.report.unread)
    assert row["document"].endswith("011_pingtan_gzj_2019.txt")
    assert row["format"] == "text"


def test_the_same_report_from_several_files_is_marked_a_duplicate() -> None:
    corpus = DATA / "corpus"
    results = [
        govdisclosure.parse(corpus / f"001_shanghai_szfbgt_2019.{s}") for s in ("html", "docx")
    ]
    other = govdisclosure.parse(corpus / "004_pingtan_2021.txt")
    rows = summary_rows([*results, other])
    assert duplicate_groups(rows) == [[1, 0]]  # the Word file reads with fewer notes
    assert rows[0]["duplicate_of"] == rows[1]["document"]
    assert rows[1]["duplicate_of"] == rows[2]["duplicate_of"] == ""
    # The same tables read from both: the same figures.
    assert rows[0]["figures_hash"] == rows[1]["figures_hash"]


def test_csv_parquet_and_pandas_keep_unknown_as_empty(tmp_path: Path) -> None:
    report = replace_at(load_example("pingtan-2021"), ("applications", "granted", "total"), None)
    report = replace_at(report, ("applications", "granted", "natural_person"), None)
    report = attrs.evolve(report, source=Source(document="a.json", format="json"))
    rows = summary_rows([report, load_example("qidu-2019")])
    buffer = io.StringIO()
    assert write_summary_csv(rows, buffer) == 2
    read = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert list(read[0]) == list(SUMMARY_COLUMNS)
    assert read[0]["granted"] == read[0]["granted_rate"] == ""
    assert read[0]["document"] == "a.json"
    assert float(read[0]["withheld_rate"]) == pytest.approx(8 / 69, abs=1e-6)
    path = tmp_path / "summary.parquet"
    write_summary_parquet(rows, str(path))
    table = pyarrow.parquet.read_table(path)
    assert table.column_names == list(SUMMARY_COLUMNS)
    assert table.column("granted").to_pylist()[0] is None
    assert str(table.schema.field("received").type) == "int64"
    frame = summary_dataframe(rows)
    assert str(frame["granted"].dtype) == "Int64"
    assert pandas.isna(frame.loc[0, "granted"])
    assert frame.loc[1, "received"] == 0


def test_the_cell_csv_gives_what_each_sum_cell_adds_up_to() -> None:
    report = load_example("pingtan-2021")
    report = replace_at(report, ("applications", "granted", "total"), 31)
    report = replace_at(report, ("appeals", "administrative_review", "corrected"), None)
    rows = {r["pointer"]: r for r in to_csv_rows(report)}
    assert rows["/applications/granted/total"]["value"] == "31"
    assert rows["/applications/granted/total"]["computed_value"] == "30"
    assert rows["/applications/total_handled/natural_person"]["computed_value"] == "63"
    assert rows["/appeals/administrative_review/total"]["computed_value"] == ""  # a blank term
    assert rows["/applications/granted/natural_person"]["computed_value"] == ""  # not a sum


@given(consistent_reports().flatmap(with_unread_cells))
def test_computed_values_of_a_consistent_report_equal_its_totals(report: AnnualReport) -> None:
    for row in to_csv_rows(report):
        if row["computed_value"]:
            ref = next(r for r in cell_refs(report.layout) if r.pointer == row["pointer"])
            value = get_at(report, ref.path)
            # Where both are known they agree; an unread term leaves the sum unknown.
            if value is not None:
                assert int(row["computed_value"]) == value
