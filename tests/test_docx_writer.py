"""Word files as agencies publish them: written, and read back to the same report.

:func:`govdisclosure.render.render_docx` writes the title, the six sections and the three
tables in the official layout (merged cells as ``gridSpan``/``vMerge``); ``parse()``
reads every cell, word and fact back. Findings become Word comments, which are not part
of the report. The blank template, filled in by hand, reads as what was typed.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import govdisclosure
from govdisclosure import AnnualReport, Edition
from govdisclosure.model import cell_values, iter_cells, replace_at
from govdisclosure.render import render_docx, template_docx
from govdisclosure.testing import consistent_reports, reports, with_unread_cells

from .conftest import load_example
from .test_xlsx import _texts, printable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@given(reports().map(printable))
def test_every_cell_reads_back(report: AnnualReport) -> None:
    parsed = govdisclosure.parse(render_docx(report)).report
    assert parsed.layout == report.layout
    assert cell_values(parsed) == cell_values(report)


@given(st.data())
def test_words_facts_and_unread_cells_read_back(data: st.DataObject) -> None:
    report = data.draw(consistent_reports())
    report = data.draw(with_unread_cells(report))
    result = govdisclosure.parse(render_docx(report, govdisclosure.check(report)))
    parsed = result.report
    assert result.format == "docx"
    assert cell_values(parsed) == cell_values(report)
    assert (parsed.edition, parsed.year, parsed.agency) == (
        report.edition,
        report.year,
        report.agency,
    )
    assert _texts(parsed) == _texts(report)
    assert parsed.unread_pointers == report.unread_pointers


@given(consistent_reports())
def test_a_consistent_report_reads_back_with_nothing_to_say(report: AnnualReport) -> None:
    result = govdisclosure.parse(render_docx(report))
    assert [(d.code, d.pointer) for d in result.diagnostics] == []
    assert result.leftovers == ()


def _document(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def test_the_same_report_gives_the_same_bytes() -> None:
    report = load_example("pingtan-2021")
    assert render_docx(report) == render_docx(report)


def test_merged_headers_are_grid_spans_and_vertical_merges() -> None:
    body = _document(render_docx(load_example("pingtan-2021")))
    tables = body.findall(f".//{W}tbl")
    assert len(tables) == 3
    applications = tables[1]
    first_row = applications.find(f"{W}tr")
    spans = [
        int(tc.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val")) for tc in first_row.findall(f"{W}tc")
    ]
    assert spans == [3, 7]  # the note over the label columns; 申请人情况 over seven
    restarts = applications.findall(f".//{W}vMerge[@{W}val='restart']")
    continued = [v for v in applications.iter(f"{W}vMerge") if v.get(f"{W}val") is None]
    assert restarts
    assert continued


def test_findings_are_comments_that_do_not_change_the_report() -> None:
    report = replace_at(load_example("pingtan-2021"), ("applications", "granted", "total"), 31)
    findings = govdisclosure.check(report)
    data = render_docx(report, findings)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        comments = package.read("word/comments.xml").decode("utf-8")
    assert "GD303" in comments
    assert govdisclosure.parse(data).report == govdisclosure.parse(render_docx(report)).report


def _fill_row(body: Any, label: str, typed: dict[int, str]) -> None:
    """Type ``typed[i]`` into the ``i``-th value cell (0-based) of the row ``label``."""
    for row in body.iter(f"{W}tr"):
        cells = row.findall(f"{W}tc")
        texts = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in cells]
        if label in texts:
            values = [tc for tc, text in zip(cells, texts, strict=True) if text == ""]
            for column, value in typed.items():
                paragraph = values[column].find(f"{W}p")
                run = etree.SubElement(paragraph, f"{W}r")
                etree.SubElement(run, f"{W}t").text = value
            return
    raise AssertionError(label)


def test_a_filled_in_template_reads_as_the_figures_typed_into_it() -> None:
    data = template_docx(Edition.E2019)
    blank = govdisclosure.parse(data)
    assert blank.report.edition is Edition.E2019
    assert all(v is None for v in cell_values(blank.report))
    package = zipfile.ZipFile(io.BytesIO(data))
    body = _document(data)
    title = next(p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle") is not None)
    text = next(title.iter(f"{W}t"))
    text.text = "某某镇人民政府2020年" + (text.text or "")
    _fill_row(body, "（一）予以公开", {0: "3", 6: "3"})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in package.infolist():
            content = package.read(item)
            if item.filename == "word/document.xml":
                content = etree.tostring(body, xml_declaration=True, encoding="UTF-8")
            target.writestr(item, content)
    result = govdisclosure.parse(out.getvalue())
    report = result.report
    assert (report.agency.name, report.year) == ("某某镇人民政府", 2020)
    values = {ref.pointer: v for ref, v in iter_cells(report) if v is not None}
    assert values == {
        "/applications/granted/natural_person": 3,
        "/applications/granted/total": 3,
    }
    assert result.diagnostics == ()
