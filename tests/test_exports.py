"""Exports: the tidy CSV (and pandas frame) of cells, and findings as JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from decimal import Decimal

import attrs
from hypothesis import given

import govdisclosure
from govdisclosure import AnnualReport, Edition
from govdisclosure.codecs import (
    CSV_COLUMNS,
    FileFindings,
    cell_label_paths,
    findings_to_dict,
    findings_to_json,
    to_csv_rows,
    to_dataframe,
    write_csv,
)
from govdisclosure.model import (
    Applicant,
    ApplicationRow,
    Money,
    MoneyUnit,
    Source,
    SourceSpan,
    cell_refs,
    iter_cells,
    replace_at,
)
from govdisclosure.model._labels import APPLICATION_HEADER, APPLICATION_RESULTS_LABEL
from govdisclosure.testing import reports

from .conftest import load_example


def _value_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Money):
        return format(value.value, "f")
    return str(value)


@given(reports())
def test_one_row_per_cell_with_slugs_labels_and_values(report: AnnualReport) -> None:
    rows = list(to_csv_rows(report))
    cells = list(iter_cells(report))
    assert len(rows) == len(cells)
    for row, (ref, value) in zip(rows, cells, strict=True):
        assert tuple(row) == CSV_COLUMNS
        assert row["pointer"] == ref.pointer
        assert (row["section"], row["row"], row["column"]) == (
            ref.section.value,
            ref.row.value,
            ref.column.value,
        )
        assert row["section_label"] == ref.section.label()
        assert row["row_label"].endswith(ref.row.label(report.edition))
        assert row["column_label"].endswith(ref.column.label(report.edition))
        assert row["value"] == _value_text(value)
        unit = value.unit if isinstance(value, Money) else None
        assert row["unit"] == (unit.value if unit else "")
        assert row["unit_label"] == (unit.label() if unit else "")
        assert row["year"] == str(report.year)
        assert row["edition"] == report.edition.value
        assert row["agency"] == report.agency.name


def test_label_paths_name_the_merged_headers() -> None:
    refs = {ref.pointer: ref for ref in cell_refs(Edition.E2021)}
    ref = refs["/applications/withheld/state_secret/commercial_enterprise"]
    row, column = cell_label_paths(ref, Edition.E2021)
    assert row.split("/") == [
        APPLICATION_RESULTS_LABEL,
        "（三）不予公开",
        ApplicationRow.WITHHELD_STATE_SECRET.label(),
    ]
    assert column.split("/") == [
        APPLICATION_HEADER["legal_persons"],
        Applicant.COMMERCIAL_ENTERPRISE.label(),
    ]
    assert cell_label_paths(refs["/applications/new_received/total"], Edition.E2021) == (
        ApplicationRow.NEW_RECEIVED.label(),
        Applicant.TOTAL.label(),
    )
    assert cell_label_paths(refs["/appeals/litigation_after_review/total"], Edition.E2021) == (
        "行政诉讼/复议后起诉",
        "总计",
    )
    assert cell_label_paths(refs["/proactive/fees/amount"], Edition.E2021) == (
        "第二十条第（八）项/行政事业性收费",
        "本年收费金额（单位：万元）",
    )


def test_blank_is_empty_and_money_has_its_unit() -> None:
    report = load_example("qidu-2019")
    report = replace_at(report, ("applications", "granted", "other"), None)
    report = replace_at(
        report,
        ("proactive", "procurement", "amount"),
        Money(value=Decimal("73802895.90"), unit=MoneyUnit.YUAN),
    )
    rows = {r["pointer"]: r for r in to_csv_rows(report)}
    assert rows["/applications/granted/other"]["value"] == ""
    assert rows["/applications/granted/natural_person"]["value"] == "0"
    money = rows["/proactive/procurement/amount"]
    assert (money["value"], money["unit"], money["unit_label"]) == ("73802895.90", "yuan", "元")


def test_many_reports_stream_into_one_csv() -> None:
    qidu = load_example("qidu-2019")
    pingtan = attrs.evolve(
        load_example("pingtan-2021"), source=Source(document="平潭/2021.html", format="html")
    )
    consumed: list[str] = []

    def lazily() -> Iterator[AnnualReport]:
        for report in (qidu, pingtan):
            consumed.append(report.agency.name)
            yield report

    rows = to_csv_rows(lazily())
    first = next(rows)
    assert consumed == [qidu.agency.name]  # nothing read ahead
    assert first["document"] == ""
    buffer = io.StringIO(newline="")
    count = write_csv([qidu, pingtan], buffer)
    assert count == len(cell_refs(Edition.E2019)) + len(cell_refs(Edition.E2021))
    read = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    assert len(read) == count
    assert tuple(read[0]) == CSV_COLUMNS
    assert {r["document"] for r in read} == {"", "平潭/2021.html"}
    assert read == [*to_csv_rows(qidu), *to_csv_rows(pingtan)]


def test_dataframe_has_the_csv_columns_and_exact_values() -> None:
    report = replace_at(load_example("pingtan-2021"), ("applications", "granted", "other"), None)
    frame = to_dataframe([report, load_example("qidu-2019")])
    assert tuple(frame.columns) == CSV_COLUMNS
    assert len(frame) == len(cell_refs(Edition.E2021)) + len(cell_refs(Edition.E2019))
    assert str(frame["year"].dtype) == "int64"
    by_pointer = frame[frame["year"] == 2021].set_index("pointer")["value"]
    assert by_pointer["/applications/granted/other"] is None
    assert by_pointer["/applications/granted/total"] == 30
    assert type(by_pointer["/applications/granted/total"]) is int
    assert by_pointer["/proactive/fees/amount"] == Decimal("24252.311082")


def test_findings_json_lists_every_file_in_order() -> None:
    report = replace_at(load_example("pingtan-2021"), ("applications", "granted", "total"), 31)
    findings = govdisclosure.check(report, select="GD3")
    located = [
        attrs.evolve(f, location=attrs.evolve(f.location, span=SourceSpan(line=66)))
        for f in findings
    ]
    data = findings_to_dict(
        [
            FileFindings(path="b.json", findings=tuple(located), format="json"),
            FileFindings(path="a.json", error="a.json: 不是有效的 JSON (not valid JSON)"),
            FileFindings(path="c.json", format="json"),
        ]
    )
    assert data["version"] == 1
    assert [f["path"] for f in data["files"]] == ["b.json", "a.json", "c.json"]
    first = data["files"][0]["findings"][0]
    assert (first["code"], first["pointer"]) == ("GD303", "/applications/granted/total")
    assert first["span"] == {"line": 66}
    assert first["related"][0]["pointer"] == "/applications/granted/natural_person"
    assert (first["expected"], first["actual"]) == (30, 31)
    assert data["files"][1]["error"]
    assert data["summary"] == {
        "files": 3,
        "failed": 1,
        "error": 2,
        "warning": 0,
        "note": 0,
        "report": 2,
        "reading": 0,
    }
    assert {f["origin"] for f in data["files"][0]["findings"]} == {"report"}
    # A mapping of path to findings works too, and the JSON text is the same data.
    assert (
        json.loads(findings_to_json({"b.json": located}))["files"][0]["findings"]
        == (data["files"][0]["findings"])
    )
