"""Excel workbooks: written in the official layout, read back to the same report.

The writer (:func:`govdisclosure.render.render_xlsx`) and the reader (``parse()`` of an
.xlsx, the front-end ``parsers/frontends/_xlsx.py``) are tested together: every cell,
word and fact a report holds survives the round trip, a cell left unread stays unread,
findings are marked without changing what is read, and the blank template filled in
by hand — in the workbook written, or copied into a workbook of one's own — reads as
the figures typed into it. The reader is bounded like the Word reader.
"""

from __future__ import annotations

import io
import re
import zipfile
from copy import copy
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import AnnualReport, Edition, LimitExceededError, Limits, ParseError
from govdisclosure.model import (
    Applicant,
    ApplicationRow,
    MoneyUnit,
    ProactiveColumn,
    Section,
    cell_refs,
    cell_values,
    iter_cells,
    replace_at,
)
from govdisclosure.model._cellmap import CellValue
from govdisclosure.parsers import ParseResult, detect_format
from govdisclosure.parsers._document import HIDDEN
from govdisclosure.render import render_xlsx, render_xlsx_many, template_xlsx
from govdisclosure.testing import consistent_reports, reports, with_unread_cells

from .conftest import load_example


def printable(report: AnnualReport) -> AnnualReport:
    """``report`` with what no published table can print made printable: counts are not
    negative (except 本年增/减), and a 2021 fee is in the 万元 its header states.

    (The readers of every format read a negative count as text that is not a figure.)
    """
    from govdisclosure.model import Money

    for ref, value in iter_cells(report):
        if ref.column is ProactiveColumn.CHANGE:
            continue
        new: CellValue = value
        if isinstance(value, int) and value < 0:
            new = -value
        elif isinstance(value, Money):
            unit = MoneyUnit.TEN_THOUSAND_YUAN if report.edition is Edition.E2021 else value.unit
            new = attrs.evolve(value, value=abs(value.value), unit=unit)
        if new is not value:
            report = replace_at(report, ref.path, new)
    return report


def _parse(data: bytes) -> ParseResult:
    return govdisclosure.parse(data)


def _texts(report: AnnualReport) -> dict[str, str]:
    out = {
        name: getattr(report, name)
        for name in ("title", "preface", "overview", "problems", "other_matters")
    }
    for part in ("proactive", "applications", "appeals"):
        for text in ("text_before", "text_after"):
            out[f"{part}.{text}"] = getattr(getattr(report, part), text)
    return out


@given(reports().map(printable))
def test_every_cell_reads_back(report: AnnualReport) -> None:
    parsed = _parse(render_xlsx(report)).report
    assert parsed.layout == report.layout
    assert cell_values(parsed) == cell_values(report)


@given(st.data())
def test_words_facts_and_unread_cells_read_back(data: st.DataObject) -> None:
    report = data.draw(consistent_reports())
    report = data.draw(with_unread_cells(report))
    parsed = _parse(render_xlsx(report, govdisclosure.check(report))).report
    assert cell_values(parsed) == cell_values(report)
    assert (parsed.edition, parsed.year, parsed.agency) == (
        report.edition,
        report.year,
        report.agency,
    )
    assert _texts(parsed) == _texts(report)
    # An unread cell is written 未读 (not a figure): it reads back unread, never blank.
    assert parsed.unread_pointers == report.unread_pointers


@given(consistent_reports())
def test_a_consistent_report_reads_back_with_nothing_to_say(report: AnnualReport) -> None:
    result = _parse(render_xlsx(report))
    assert [(d.code, d.pointer) for d in result.diagnostics] == []
    assert result.leftovers == ()
    assert result.format == "xlsx"


def _book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def _cell_of(ws: Any, text: str) -> Any:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(f"no cell {text!r}")


def test_findings_are_comments_and_a_sheet_and_do_not_change_what_is_read() -> None:
    report = replace_at(load_example("pingtan-2021"), ("applications", "granted", "total"), 31)
    findings = govdisclosure.check(report)
    data = render_xlsx(report, findings)
    book = _book(data)
    assert book.sheetnames == ["报告", "正文", "检查结果"]
    sheet = book["检查结果"]
    codes = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert codes == [f.code for f in findings]
    # The wrong total carries its findings as a comment, on a red fill.
    wrong = [c for row in book["报告"].iter_rows() for c in row if c.value == 31]
    assert len(wrong) == 1
    assert "GD303" in wrong[0].comment.text
    assert wrong[0].fill.fgColor.rgb.endswith("FFDDDD")
    assert _parse(data).report == _parse(render_xlsx(report)).report


def test_the_official_layout_merges_the_headers() -> None:
    book = _book(render_xlsx(load_example("pingtan-2021")))
    ws = book["报告"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    applicants = _cell_of(ws, "申请人情况")
    legal = _cell_of(ws, "法人或其他组织")
    # 申请人情况 spans the seven applicant columns; 法人或其他组织 five of them.
    assert f"{applicants.coordinate}:{_shift(applicants, 0, 6)}" in merged
    assert f"{legal.coordinate}:{_shift(legal, 0, 4)}" in merged
    review = _cell_of(ws, "行政复议")
    assert f"{review.coordinate}:{_shift(review, 0, 4)}" in merged


def _shift(cell: Any, rows: int, columns: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(cell.column + columns)}{cell.row + rows}"


def test_a_mixed_table_three_is_printed_as_it_is() -> None:
    # A 2021 report whose table 三 keeps the 2019 single row （六）其他处理.
    report = load_example("pingtan-2021")
    rows = dict(report.applications.rows())
    single = {
        r: rows.get(r) or rows[ApplicationRow.OTHER_HANDLING_OTHER]
        for r in ApplicationRow.for_edition(Edition.E2019)
    }
    from govdisclosure.model import Applications

    mixed = attrs.evolve(report, applications=Applications.from_rows(Edition.E2019, single))
    assert mixed.layout.is_mixed
    ws = _book(render_xlsx(mixed))["报告"]
    labels = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "（六）其他处理" in labels
    other_rows = [r.label(Edition.E2021) for r in ApplicationRow if r.group == "other_handling"]
    assert not labels & set(other_rows)


def test_unread_cells_are_marked_not_blank() -> None:
    report = load_example("pingtan-2021")
    pointer = "/applications/granted/natural_person"
    (ref,) = [r for r in cell_refs(report.layout) if r.pointer == pointer]
    from govdisclosure.model import UnreadCell, UnreadReason

    report = attrs.evolve(
        replace_at(report, ref.path, None),
        unread=(
            UnreadCell(pointer=pointer, reason=UnreadReason.AMBIGUOUS, code="GD906", text="2 7"),
        ),
    )
    ws = _book(render_xlsx(report))["报告"]
    marked = [c for row in ws.iter_rows() for c in row if c.value == "未读"]
    assert len(marked) == 1
    assert "GD906" in marked[0].comment.text
    assert "2 7" in marked[0].comment.text
    parsed = _parse(render_xlsx(report)).report
    assert parsed.unread_pointers == {pointer}


# -- the template, filled in by hand ----------------------------------------------------


@pytest.mark.parametrize("edition", list(Edition))
def test_the_blank_template_reads_as_a_blank_report(edition: Edition) -> None:
    result = _parse(template_xlsx(edition))
    report = result.report
    assert report.edition is edition
    assert all(v is None for v in cell_values(report))
    # The organ and the year are not filled in: not known (unread, so GD001 does not
    # judge a year 0), and reading says so (and nothing else). The cells are blanks.
    assert {c.pointer for c in report.unread} == {"/agency/name", "/year"}
    assert {(d.code, d.pointer) for d in result.diagnostics} == {
        ("GD911", "/agency/name"),
        ("GD911", "/year"),
    }
    found = {f.code for f in govdisclosure.check(result)}
    assert "GD010" in found  # every cell blank


def _fill(data: bytes) -> tuple[bytes, dict[str, int]]:
    """The 2021 template as a person fills it in: organ, level, year, a few figures."""
    book = _book(data)
    text = book["正文"]
    ws = book["报告"]
    text[_cell_of(text, "机关名称").offset(0, 1).coordinate] = "某某县人民政府"
    text[_cell_of(text, "机关层级").offset(0, 1).coordinate] = "县级人民政府"
    text[_cell_of(text, "报告年度").offset(0, 1).coordinate] = 2023
    text[_cell_of(text, "一、总体情况").offset(0, 1).coordinate] = (
        "我县认真落实条例。\n加强平台建设。"
    )
    column = _cell_of(ws, "自然人").column
    total = _cell_of(ws, "总计").column
    typed = {}
    for label, value in (("（一）予以公开", 7), ("四、结转下年度继续办理", 2)):
        row = _cell_of(ws, label).row
        ws.cell(row, column).value = value
        ws.cell(row, total).value = value
    typed["/applications/granted/natural_person"] = 7
    typed["/applications/granted/total"] = 7
    typed["/applications/carried_forward/natural_person"] = 2
    typed["/applications/carried_forward/total"] = 2
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), typed


def test_a_filled_in_template_reads_as_the_figures_typed_into_it() -> None:
    data, typed = _fill(template_xlsx(Edition.E2021))
    result = _parse(data)
    report = result.report
    assert (report.agency.name, report.agency.level, report.year) == (
        "某某县人民政府",
        govdisclosure.AgencyLevel.COUNTY,
        2023,
    )
    assert report.overview == "我县认真落实条例。\n加强平台建设。"
    values = {ref.pointer: v for ref, v in iter_cells(report)}
    assert {p: v for p, v in values.items() if v is not None} == typed
    assert result.diagnostics == ()


def test_the_template_copied_into_a_workbook_of_ones_own_reads_too() -> None:
    # No names, no text sheet: the tables and a title typed over them.
    data, typed = _fill(template_xlsx(Edition.E2021))
    source = _book(data)["报告"]
    book = openpyxl.Workbook()
    ws = book.active
    for merged in source.merged_cells.ranges:
        ws.merge_cells(str(merged))
    for row in source.iter_rows():
        for cell in row:
            target = ws.cell(cell.row, cell.column)
            if type(target).__name__ == "MergedCell":
                continue
            target.value = cell.value
            target.border = copy(cell.border)
    ws["A1"] = "某某县人民政府2023年政府信息公开工作年度报告"
    buffer = io.BytesIO()
    book.save(buffer)
    report = _parse(buffer.getvalue()).report
    assert (report.agency.name, report.year, report.edition) == (
        "某某县人民政府",
        2023,
        Edition.E2021,
    )
    values = {ref.pointer: v for ref, v in iter_cells(report)}
    assert {p: v for p, v in values.items() if v is not None} == typed


def test_a_plain_table_without_borders_reads_by_its_filled_cells() -> None:
    report = load_example("pingtan-2021")
    book = _book(render_xlsx(report))
    for row in book["报告"].iter_rows():
        for cell in row:
            cell.border = openpyxl.styles.Border()
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = _parse(buffer.getvalue()).report
    assert cell_values(parsed) == cell_values(report)


# -- several reports --------------------------------------------------------------------


def test_several_reports_make_one_workbook_with_a_summary_sheet() -> None:
    reports_ = [load_example("pingtan-2021"), load_example("qidu-2019")]
    data = render_xlsx_many((r, govdisclosure.check(r)) for r in reports_)
    book = _book(data)
    assert book.sheetnames == ["汇总", "报告1", "正文1", "报告2", "正文2", "检查结果"]
    summary = book["汇总"]
    agencies = [row[1].value for row in summary.iter_rows(min_row=2)]
    assert agencies == [r.agency.name for r in reports_]
    links = [row[-1].hyperlink.location for row in summary.iter_rows(min_row=2)]
    assert links == ["'报告1'!A1", "'报告2'!A1"]
    with pytest.raises(ParseError) as caught:
        _parse(data)
    assert caught.value.reason == "several_reports"


# -- the reader: formats, formulas, hidden content, limits ---------------------------------


def test_detected_by_content_and_by_suffix(tmp_path: Any) -> None:
    data = render_xlsx(load_example("qidu-2019"))
    assert detect_format(data) == "xlsx"
    path = tmp_path / "report.xlsx"
    path.write_bytes(data)
    assert govdisclosure.parse(path).format == "xlsx"
    with pytest.raises(ParseError, match=r"\.xls"):
        detect_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)


def _edit_sheet(data: bytes, part: str, edit: Any) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == part:
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def _granted_refs(report: AnnualReport) -> tuple[str, str]:
    """The A1 references of （一）予以公开's 自然人 and 总计 cells on the report sheet."""
    ws = _book(render_xlsx(report))["报告"]
    row = _cell_of(ws, "（一）予以公开").row
    person, total = _cell_of(ws, "自然人").column, _cell_of(ws, "总计").column
    return ws.cell(row, person).coordinate, ws.cell(row, total).coordinate


def _formula(ref: str, cached: str | None, text: str) -> Any:
    """An edit of a sheet's XML putting a formula (with or without its value) in ``ref``."""

    def edit(xml: str) -> str:
        start = xml.index(f'<c r="{ref}"')
        end = xml.index("</c>", start) + 4
        style = re.search(r' s="[0-9]+"', xml[start:end])
        value = f"<v>{cached}</v>" if cached is not None else ""
        cell = f'<c r="{ref}"{style.group() if style else ""}><f>{text}</f>{value}</c>'
        return xml[:start] + cell + xml[end:]

    return edit


def test_a_formula_reads_as_its_value_and_an_uncomputed_one_is_not_a_figure() -> None:
    report = load_example("pingtan-2021")
    pointer = "/applications/granted/natural_person"
    person, total = _granted_refs(report)
    data = render_xlsx(report)
    sheet = "xl/worksheets/sheet1.xml"
    # A formula's last computed value is what the cell shows.
    computed = _edit_sheet(data, sheet, _formula(person, "26", "20+6"))
    assert _parse(computed).report.applications.granted.natural_person == 26
    # A plain reference never computed: the value of the cell it names (总计, 30).
    refer = _edit_sheet(data, sheet, _formula(person, None, f"'报告'!${total[0]}${total[1:]}"))
    assert _parse(refer).report.applications.granted.natural_person == 30
    # Any other formula never computed is not a figure: the cell is unread, with its text.
    sums = _edit_sheet(data, sheet, _formula(person, None, "SUM(D1:D2)"))
    parsed = _parse(sums).report
    assert parsed.applications.granted.natural_person is None
    unread = parsed.unread_cell(pointer)
    assert unread is not None
    assert unread.text == "=SUM(D1:D2)"


def test_hidden_rows_are_not_read_and_their_text_is_kept() -> None:
    # As hidden text of a web page or a Word file: set aside, kept as leftovers.
    report = load_example("pingtan-2021")
    ref, _ = _granted_refs(report)
    row = "".join(ch for ch in ref if ch.isdigit())
    data = _edit_sheet(
        render_xlsx(report),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(f'<row r="{row}"', f'<row r="{row}" hidden="1"', 1),
    )
    result = _parse(data)
    assert result.report.applications.granted.natural_person is None
    hidden = [x for x in result.leftovers if x.reason == HIDDEN]
    granted = report.applications.granted
    assert [x.text for x in hidden] == [
        "三、本年度办理结果",
        "（一）予以公开",
        *(str(value) for value in granted.values()),
    ]
    assert {(x.span.page, x.span.row) for x in hidden if x.span is not None} == {(1, int(row))}
    assert len([x for x in hidden if x.span is not None]) == len(hidden)
    notes = [d.message_en for d in result.diagnostics if d.code == "GD914"]
    assert any(note.startswith("[set-aside]") and "hidden" in note for note in notes)


def test_a_zip_bomb_is_refused_before_it_is_decompressed() -> None:
    report = load_example("qidu-2019")
    bomb = _edit_sheet(
        render_xlsx(report),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("</worksheet>", "<!--" + " " * 5_000_000 + "--></worksheet>"),
    )
    with pytest.raises(LimitExceededError) as caught:
        govdisclosure.parse(bomb, limits=Limits(max_decompression_ratio=100))
    assert caught.value.limit == "max_decompression_ratio"


def test_cells_are_counted_against_max_cells() -> None:
    data = render_xlsx(load_example("qidu-2019"))
    with pytest.raises(LimitExceededError) as caught:
        govdisclosure.parse(data, limits=Limits(max_cells=200))
    assert caught.value.limit == "max_cells"


def test_a_dtd_is_refused() -> None:
    data = _edit_sheet(
        render_xlsx(load_example("qidu-2019")),
        "xl/worksheets/sheet1.xml",
        lambda xml: '<!DOCTYPE x [<!ENTITY a "b">]>' + xml,
    )
    with pytest.raises(ParseError, match="DTD"):
        govdisclosure.parse(data)


def test_a_damaged_file_is_a_parse_error() -> None:
    data = render_xlsx(load_example("qidu-2019"))
    with pytest.raises(ParseError):
        govdisclosure.parse(data[: len(data) // 2], format="xlsx")


def test_every_section_of_the_template_is_on_the_report_sheet() -> None:
    ws = _book(template_xlsx(Edition.E2019))["报告"]
    labels = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert [s.label() for s in Section] == [v for v in labels if v in {s.label() for s in Section}]
    assert Applicant.NATURAL_PERSON.label() in labels


# -- damaged and hostile workbooks ------------------------------------------------------

_PARTS = (
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/workbook.xml",
    "xl/styles.xml",
    "xl/_rels/workbook.xml.rels",
)
_PINGTAN_XLSX = render_xlsx(load_example("pingtan-2021"))
_PIECES = (
    "<",
    ">",
    "/>",
    '"',
    "=",
    " ",
    "x",
    "0",
    "-1",
    "999999999",
    "XFD1048576",
    "A0",
    "$",
    'r="',
    's="',
    't="s"',
    't="inlineStr"',
    't="b"',
    't="e"',
    't="str"',
    "<v>",
    "</v>",
    "<f>",
    "</f>",
    "<c ",
    "</c>",
    "<row ",
    "</row>",
    'hidden="1"',
    '<mergeCell ref="',
    "A1:XFD1048576",
    "A1:A1",
    'localSheetId="',
    "'报告'!",
    "&amp;",
    "_x0000_",
    "\u6570",
)


def _damaged(data: st.DataObject) -> bytes:
    """The example workbook with a few pieces of one part's XML replaced (drawn one by one,
    so that a failing case prints its edits, not the file)."""
    part = data.draw(st.sampled_from(_PARTS), label="part")

    def edit(xml: str) -> str:
        for _ in range(data.draw(st.integers(1, 4), label="edits")):
            start = data.draw(st.integers(0, len(xml)), label="at")
            end = min(len(xml), start + data.draw(st.integers(0, 40), label="cut"))
            piece = "".join(data.draw(st.lists(st.sampled_from(_PIECES), max_size=4)))
            xml = xml[:start] + piece + xml[end:]
        return xml

    return _edit_sheet(_PINGTAN_XLSX, part, edit)


def _read_or_refuse(data: bytes) -> None:
    try:
        result = govdisclosure.parse(data, format="xlsx")
    except govdisclosure.GovDisclosureError:
        return
    # What was read is a report like any other: it checks, and it writes.
    govdisclosure.check(result)
    govdisclosure.dumps(result.report)


@given(st.data())
def test_a_damaged_workbook_gives_a_report_or_a_library_error(data: st.DataObject) -> None:
    _read_or_refuse(_damaged(data))


@pytest.mark.slow
@settings(max_examples=2_000)
@given(st.data())
def test_a_damaged_workbook_gives_a_report_or_a_library_error_at_depth(
    data: st.DataObject,
) -> None:
    _read_or_refuse(_damaged(data))
