"""Reports that stray from the template, in every form: read as a careful reader would.

Each test takes a real published report of the corpus in one form (text extracted from a
PDF, Markdown from a converter, a web page, a Word file, a PDF; see
``tests/parsers/_forms.py``), makes the edit a publisher's tools make — a label
misprinted, cut off or lost, a table broken over pages, a cell left out of a row, （六）
printed in the other edition's shape, a heading misnumbered — and parses the result. A
deviation is read where exactly one reading fits (with a diagnostic saying how), and left
unread, with its reason, where it does not; a figure is never put in the wrong cell.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import pytest

from govdisclosure import AnnualReport, check
from govdisclosure.checks import Origin
from govdisclosure.model import Applicant, ApplicationRow, Edition, Section, iter_cells
from govdisclosure.model._cellmap import CellValue
from govdisclosure.parsers import Block, Document, ParseResult, Table, assemble, parse
from govdisclosure.parsers.frontends._html import read_html

from .parsers import _cjkpdf
from .parsers._edits import W, replace, set_cell_text
from .parsers._forms import FORMS, OTHER_ROWS, Form, HtmlForm, PdfForm, TextForm, transcription

GRID_FORMS = ("markdown", "html", "docx", "pdf")


def parsed(form: Form) -> ParseResult:
    data, fmt = form.document()
    return parse(data, format=fmt)


def table_cells(report: AnnualReport) -> dict[str, CellValue]:
    """The cells of tables 三 and 四, by pointer."""
    return {
        ref.pointer: value
        for ref, value in iter_cells(report)
        if ref.section in (Section.APPLICATIONS, Section.APPEALS)
    }


def unread(result: ParseResult) -> dict[str, str]:
    return {c.pointer: c.reason.value for c in result.report.unread}


def codes(result: ParseResult) -> set[tuple[str, str]]:
    return {(d.code, d.pointer) for d in result.diagnostics}


def count(result: ParseResult, code: str) -> int:
    """How many ``code`` diagnostics are about tables 三 and 四 (the Markdown form's
    table 二 has rows of its own a converter made uneven)."""
    return sum(1 for d in result.diagnostics if d.code == code and _three_or_four(d.pointer))


def _three_or_four(pointer: str) -> bool:
    return pointer.startswith(("/applications", "/appeals"))


def assert_read(result: ParseResult, form: Form, left: Mapping[str, str] = {}) -> None:
    """Every cell of tables 三 and 四 as the report prints it, but the cells ``left``
    unread (pointer → reason)."""
    expected = table_cells(transcription(form.stem))
    got = table_cells(result.report)
    assert set(got) == set(expected)
    for pointer, value in expected.items():
        assert got[pointer] == (None if pointer in left else value), pointer
    assert {p: r for p, r in unread(result).items() if p in expected} == dict(left)


def assert_never_shifted(result: ParseResult, form: Form) -> None:
    """Every cell of tables 三 and 四 either holds what the report prints there or is
    unread; no finding about the report as published rests on an unread cell."""
    expected = table_cells(transcription(form.stem))
    got = table_cells(result.report)
    left = unread(result)
    for pointer, value in expected.items():
        if got[pointer] != value:
            assert got[pointer] is None, pointer
            assert pointer in left, pointer
    blamed = {
        f.location.pointer
        for f in check(result.report)
        if f.origin is Origin.REPORT and f.location.pointer in left
    }
    assert not blamed


def rows(*pointers: str, reason: str = "row_not_recognised") -> dict[str, str]:
    """Every cell of the rows of table 三 at ``pointers``, with ``reason``."""
    return {f"{p}/{a.value}": reason for p in pointers for a in Applicant}


# -- row labels ---------------------------------------------------------------------------

MISPRINTS = [
    # characters missing (a county report of 2023, spec §8)
    (
        "2.其他法律行政法规禁止公开",
        "2.其他法律行政止公开",
        "/applications/withheld/prohibited_by_law",
    ),
    # a character misread (OCR)
    ("6.属于四类过程性信息", "6.属于四类过程姓信息", "/applications/withheld/process_information"),
    # characters added
    ("2.重复申请", "2.重复提出申请", "/applications/not_processed/repeated_application"),
    # cut short
    ("四、结转下年度继续办理", "四、结转下年度继续", "/applications/carried_forward"),
    ("（七）总计", "（七）总", "/applications/total_handled"),
]


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize(("label", "printed", "pointer"), MISPRINTS)
def test_a_misprinted_row_label_is_read_as_the_one_row_that_fits(
    name: str, label: str, printed: str, pointer: str
) -> None:
    form = FORMS[name]()
    result = parsed(form.label(label, printed))
    assert_read(result, form)
    assert ("GD915", pointer) in codes(result)
    (note,) = (d for d in result.diagnostics if d.code == "GD915")
    assert note.actual == printed
    assert not count(result, "GD902")
    assert not count(result, "GD908")


@pytest.mark.parametrize("name", FORMS)
def test_a_row_whose_label_was_lost_is_placed_by_its_place(name: str) -> None:
    form = FORMS[name]()
    result = parsed(form.label("2.其他法律行政法规禁止公开", ""))
    assert_read(result, form)
    assert ("GD915", "/applications/withheld/prohibited_by_law") in codes(result)
    assert not count(result, "GD902")


@pytest.mark.parametrize("name", FORMS)
def test_two_rows_that_could_be_either_are_left_unread(name: str) -> None:
    # 5. printed without its ordinal, its words half 5.'s and half 6.'s; 6. printed with
    # no label at all. The printed label fits both missing rows: neither is guessed.
    form = FORMS[name]()
    form.label("5.属于三类内部事务信息", "属于类内部过程信息")
    form.label("6.属于四类过程性信息", "")
    result = parsed(form)
    missing = (
        "/applications/withheld/internal_affairs",
        "/applications/withheld/process_information",
    )
    assert_read(result, form, rows(*missing))
    assert {("GD908", p) for p in missing} <= codes(result)
    assert not count(result, "GD915")
    # What the two printed rows hold is kept, with one diagnostic per printed row.
    kept = [d for d in result.diagnostics if d.code == "GD902" and _three_or_four(d.pointer)]
    assert len(kept) <= 2
    for diagnostic in kept:
        assert {r.pointer for r in diagnostic.related} == set(missing)


@pytest.mark.parametrize("name", FORMS)
def test_a_label_broken_by_a_page_break_is_read_whole(name: str) -> None:
    # "3.补正后申请内容" with its figures at the foot of a page, "仍不明确" alone on top
    # of the next: the stray piece is no leftover and shifts nothing.
    form = FORMS[name]()
    result = parsed(form.break_label("3.补正后申请内容仍不明确", "仍不明确"))
    assert_read(result, form)
    assert ("GD915", "/applications/unavailable/unclear_after_correction") in codes(result)
    assert not count(result, "GD902")
    assert not [x for x in result.leftovers if "仍不明确" in x.text]


def test_a_label_cut_short_is_read_with_its_pieces_after_the_figures() -> None:
    # Text from a PDF: the figures level with the label's first line, the rest of the
    # label on the next lines and, past a page break and a running header, on the next
    # page ("4.无正当理由 0 … 0 | 大量反复申 | - 6 - | 淮安市人民政府文件 | 请"). The
    # first line alone is too short to be any row; with its pieces it is exactly one.
    form = TextForm()
    line = "4.无正当理由大量反复申请 0 0 0 0 0 0 0"
    cut = "4.无正当理由 0 0 0 0 0 0 0\n大量反复申\n- 6 -\n淮安市人民政府文件\n请"
    form.text = replace(form.text, {line: cut})
    result = parsed(form)
    assert_read(result, form)
    pointer = "/applications/not_processed/excessive_repetition"
    (note,) = (d for d in result.diagnostics if d.code == "GD915")
    assert (note.location.pointer, note.actual) == (pointer, "4.无正当理由大量反复申")
    # The running header is kept, with one diagnostic; the label's pieces are no leftover.
    (kept,) = (d for d in result.diagnostics if d.code == "GD902")
    assert kept.actual == "淮安市人民政府文件"
    assert not [x for x in result.leftovers if "大量反复" in x.text or x.text == "请"]


def test_a_cut_label_placed_leaves_one_row_to_place_by_its_place() -> None:
    # Two rows of the gap deviate: 3.要求提供公开出版物 lost its label, 4.无正当理由… is
    # cut short. Once the cut label is read with its pieces, one row is left between
    # two rows found, and the row of figures without a label is it.
    form = TextForm()
    old = "3.要求提供公开出版物 0 0 0 0 0 0 0\n4.无正当理由大量反复申请 0 0 0 0 0 0 0"
    new = "0 0 0 0 0 0 0\n4.无正当理由 0 0 0 0 0 0 0\n大量反复申\n- 6 -\n请"
    form.text = replace(form.text, {old: new})
    result = parsed(form)
    assert_read(result, form)
    assert {
        ("GD915", "/applications/not_processed/publication_requested"),
        ("GD915", "/applications/not_processed/excessive_repetition"),
    } <= codes(result)
    assert not count(result, "GD902")


def test_header_labels_wrapped_side_by_side_are_structure() -> None:
    # Text from a PDF whose header cells wrap level with each other: a line holds the
    # first lines of two labels (社会 | 法律), the next their second lines.
    form = TextForm()
    wrapped = "社 会 公 益\n组织\n法 律 服 务\n机构\n"
    form.text = replace(form.text, {wrapped: "社会 法律\n公益 服务\n组织 机构\n"})
    result = parsed(form)
    assert_read(result, form)
    assert not count(result, "GD902")
    assert not [x for x in result.leftovers if "社会" in x.text or "机构" in x.text]


# -- a portal's footer after the report ---------------------------------------------------

#: A government portal's footer as a web page prints it after the report (another site's
#: than any corpus report's): downloads, share, links, registration, copyright, advice.
PORTAL_FOOTER = [
    "附件下载",
    "扫一扫在手机上查看当前页面",
    "友情链接",
    "中国政府网",
    "江苏省人民政府",
    "网站标识码：3208000001 苏ICP备05002431号 苏公网安备32080202000123号",
    "版权所有：淮安市人民政府",
    "主办单位：淮安市人民政府办公室",
    "为确保最佳浏览效果，建议您使用以下浏览器版本：IE浏览器9.0版本及以上",
]


def _with_footer(form: Form, lines: list[str]) -> tuple[str | bytes, str]:
    """``form``'s document with ``lines`` printed after the report, as its form prints a
    web page's footer."""
    if isinstance(form, PdfForm):
        form.flow.extend(_cjkpdf.Para(line) for line in lines)
        return form.document()
    data, fmt = form.document()
    assert isinstance(data, str)
    if fmt == "html":
        return data + "".join(f"<div>{line}</div>" for line in lines), fmt
    return data.rstrip("\n") + "\n\n" + "\n\n".join(lines) + "\n", fmt


@pytest.mark.parametrize("name", ["text", "markdown", "html", "pdf"])
def test_a_portals_footer_after_the_report_is_kept_apart(name: str) -> None:
    expected = parsed(FORMS[name]())
    form = FORMS[name]()
    data, fmt = _with_footer(form, PORTAL_FOOTER)
    result = parse(data, format=fmt)
    assert_read(result, form)
    assert result.report.other_matters == expected.report.other_matters
    assert ("GD901", "") in codes(result)
    kept = " ".join(x.text for x in result.leftovers if x.reason == "outside the report")
    assert all("".join(line.split()) in "".join(kept.split()) for line in PORTAL_FOOTER)


@pytest.mark.parametrize("name", ["text", "html", "pdf"])
def test_words_of_a_footer_in_the_report_are_the_reports(name: str) -> None:
    # 六 ends with a sentence that names a download, and the organ's signature: one footer
    # word in a short line is not a portal's footer.
    words = ["报告全文可在本网站附件下载", "淮安市人民政府办公室", "2025年1月20日"]
    expected = parsed(FORMS[name]())
    form = FORMS[name]()
    data, fmt = _with_footer(form, words)
    result = parse(data, format=fmt)
    assert result.report.other_matters.split("\n")[-3:] == words
    assert result.report.other_matters.startswith(expected.report.other_matters)


@pytest.mark.parametrize(
    "chrome",
    [
        # a page printed from a portal: its source line without a space, share buttons
        ["来源：淮安市人民政府办公室时间：2025-01-20 10:00", "微信微博QQ空间", "文件下载"],
        # a crawler's dump: one line, words apart
        ["来源：淮安市人民政府办公室 时间：2025-01-20 10:00 微信 微博 QQ空间 文件下载"],
    ],
)
def test_a_portals_chrome_after_the_title_is_kept_apart(chrome: list[str]) -> None:
    expected = parsed(TextForm())
    form = TextForm()
    title = "2024 年政府信息公开工作年度报告\n"
    form.text = replace(form.text, {title: title + "\n".join(chrome) + "\n"})
    result = parsed(form)
    assert result.report.preface == expected.report.preface
    kept = "".join(x.text for x in result.leftovers if x.reason == "outside the report")
    assert "".join("".join(chrome).split()) in "".join(kept.split())


# -- running headers and footers ----------------------------------------------------------

#: What a browser prints above and below each page: the date and the page's title (a
#: report title with the portal's name after it), the file's address and "n/N".
BROWSER_HEADER = (
    "2025/3/10 09:1{page} 淮安市人民政府2024年政府信息公开工作年度报告_年报_淮安市人民政府"
)
BROWSER_FOOTER = "file:///C:/Users/report/2024/page.html {page}/{pages}"


@pytest.mark.parametrize("open_breaks", [False, True])
def test_running_headers_and_footers_stay_out_of_the_report(open_breaks: bool) -> None:
    plain = PdfForm()
    printed = PdfForm()
    for form in (plain, printed):
        form.three.open_breaks = open_breaks
    expected = parsed(plain)
    data = _cjkpdf.write(printed.flow, running_header=BROWSER_HEADER, running_footer=BROWSER_FOOTER)
    result = parse(data, format="pdf")
    assert_read(result, printed)
    report, want = result.report, expected.report
    assert (report.title, report.agency, report.year) == (want.title, want.agency, want.year)
    for field in ("preface", "overview", "problems", "other_matters"):
        assert getattr(report, field) == getattr(want, field), field
    assert codes(result) == codes(expected)
    furniture = [x.text for x in result.leftovers if x.reason == "page header/footer"]
    pages = len(furniture) // 2
    assert pages >= 2
    assert sorted(furniture) == sorted(
        [BROWSER_HEADER.format(page=n).replace("  ", " ") for n in range(1, pages + 1)]
        + [BROWSER_FOOTER.format(page=n, pages=pages) for n in range(1, pages + 1)]
    )


# -- tables printed by a browser ------------------------------------------------------------


def test_a_table_printed_by_a_browser_over_pages_is_read_whole() -> None:
    # The part on the next page has no top rule; its first row's label wraps over two
    # lines with the figures centred between them.
    form = PdfForm()
    form.three.open_breaks = True
    form.split("5.要求行政机关确认或重新出具已获取信息", "none")
    result = parsed(form)
    assert_read(result, form)
    assert ("GD913", "") in codes(result)
    flagged = {c for c, p in codes(result) if _three_or_four(p)}
    assert not flagged & {"GD902", "GD903", "GD908", "GD915"}


def test_a_row_a_browser_breaks_across_pages_is_read_whole() -> None:
    # No rule at the break on either page: "4.无正当理由大量反复申" with its figures at the
    # foot of one page, "请" alone on top of the next.
    form = PdfForm()
    form.three.open_breaks = True
    form.break_label("4.无正当理由大量反复申请", "请")
    result = parsed(form)
    assert_read(result, form)
    assert ("GD915", "/applications/not_processed/excessive_repetition") in codes(result)
    assert not count(result, "GD902")
    assert not [x for x in result.leftovers if x.text == "请"]


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("header", ["full", "partial", "none"])
def test_a_table_over_two_pages_is_read_whatever_its_second_header(name: str, header: str) -> None:
    form = FORMS[name]()
    result = parsed(form.split("1.信访举报投诉类申请", header))
    assert_read(result, form)
    flagged = {c for c, p in codes(result) if not p.startswith("/proactive")}
    assert not flagged & {"GD902", "GD903", "GD908", "GD906"}


def _on_pages(document: Document, first_page: int) -> Document:
    """``document`` with its tables printed one a page from ``first_page`` on, as a scan's
    pages give them (the PDF front-end joins what lines up; what it cannot is read on by
    the assembler)."""
    blocks: list[Block] = []
    page = first_page
    for block in document.blocks:
        if isinstance(block, Table):
            cells = tuple(
                attrs.evolve(c, span=attrs.evolve(c.span, page=page)) for c in block.cells
            )
            block = attrs.evolve(block, cells=cells)
            page += 1
        blocks.append(block)
    return attrs.evolve(document, blocks=tuple(blocks))


def test_a_table_read_over_parts_on_several_pages_is_noted_once() -> None:
    form = HtmlForm().split("1.信访举报投诉类申请", "none")
    data, _ = form.document()
    assert isinstance(data, str)
    document = read_html(data)
    result = assemble(_on_pages(document, 3))
    assert_read(result, form)
    joined = [d.location.pointer for d in result.diagnostics if d.code == "GD913"]
    assert joined.count("/applications") == 1
    # A web page has no pages: its tables are not "joined over pages".
    assert "/applications" not in [
        d.location.pointer for d in assemble(document).diagnostics if d.code == "GD913"
    ]


# -- one diagnostic per row ---------------------------------------------------------------


@pytest.mark.parametrize("name", FORMS)
def test_an_extra_row_is_kept_with_one_diagnostic(name: str) -> None:
    form = FORMS[name]()
    figures = ["5", "1", "0", "0", "0", "0", "6"]
    result = parsed(form.extra_row("二、上年结转政府信息公开申请数量", "其中：网上申请", figures))
    assert_read(result, form)
    (kept,) = (d for d in result.diagnostics if d.code == "GD902" and _three_or_four(d.pointer))
    assert isinstance(kept.actual, str)
    assert "其中" in kept.actual
    assert kept.actual.split()[-7:] == figures
    texts = [x.text for x in result.leftovers]
    assert any("其中" in t for t in texts)


# -- mixed templates ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["text", "pdf"])
def test_a_2021_report_with_one_other_handling_row_is_read_as_printed(name: str) -> None:
    form = FORMS[name]()
    summed = ["181", "5", "0", "0", "1", "0", "187"]  # 1. + 2. + 3. of Huai'an 2024
    result = parsed(form.other_handling_as_one(summed))  # type: ignore[attr-defined]
    report = result.report
    assert (report.layout.edition, report.layout.applications) == (Edition.E2021, Edition.E2019)
    assert report.applications.other_handling.values() == tuple(map(int, summed))  # type: ignore[union-attr]
    full = transcription(form.stem).applications
    for row, counts in report.applications.rows():
        if row is not ApplicationRow.OTHER_HANDLING:
            assert counts == full.row(row), row
    assert not count(result, "GD908")
    assert not unread(result)
    # The identities add up with the one row; the publisher is told of the mixed template.
    findings = check(result)
    assert "GD002" in {f.code for f in findings}
    assert not [f for f in findings if f.severity.value == "error"]


@pytest.mark.parametrize("name", ["markdown", "html", "docx"])
def test_a_2019_report_with_three_other_handling_rows_is_read_as_printed(name: str) -> None:
    form = FORMS[name]()
    items = [(OTHER_ROWS[0], ["1", "", "", "", "", "", "1"]), (OTHER_ROWS[1], [""] * 7)]
    items.append((OTHER_ROWS[2], ["2", "", "", "", "", "", "2"]))
    result = parsed(form.other_handling_as_three(items))  # type: ignore[attr-defined]
    report = result.report
    assert (report.layout.edition, report.layout.applications) == (Edition.E2019, Edition.E2021)
    other = report.applications.other_handling
    assert other.correction_overdue.values() == (1, None, None, None, None, None, 1)  # type: ignore[union-attr]
    assert other.fee_unpaid.values() == (None,) * 7  # type: ignore[union-attr]
    assert other.other.values() == (2, None, None, None, None, None, 2)  # type: ignore[union-attr]
    assert not count(result, "GD908")
    assert not unread(result)


# -- headings -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", FORMS)
def test_a_misnumbered_heading_is_read_by_its_text(name: str) -> None:
    form = FORMS[name]()
    printed = "六、" + form.headings()[Section.PROBLEMS][2:]
    result = parsed(form.heading(Section.PROBLEMS, printed))
    plain = parsed(FORMS[name]())
    assert ("GD917", "/problems") in codes(result)
    assert not count(result, "GD907")
    for section in Section:
        assert result.report.text_of(section) == plain.report.text_of(section), section
    assert result.report.appeals == plain.report.appeals


@pytest.mark.parametrize("name", FORMS)
def test_a_missing_heading_loses_nothing(name: str) -> None:
    form = FORMS[name]()
    result = parsed(form.heading(Section.APPEALS, ""))
    plain = parsed(FORMS[name]())
    assert ("GD907", "/appeals") in codes(result)
    # Table 四 is still read, and nothing of the report is lost or kept twice.
    assert_read(result, form)
    assert not count(result, "GD902")
    for section in (Section.PROBLEMS, Section.OTHER_MATTERS):
        assert result.report.text_of(section) == plain.report.text_of(section), section


# -- a cell left out of a row --------------------------------------------------------------


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize(
    ("label", "index"),
    [(None, 0), (None, 7), ("（一）予以公开", 0), ("1.信访举报投诉类申请", 2)],
    ids=["四-first", "四-middle", "三-first", "三-third"],
)
def test_a_row_one_cell_short_is_never_shifted(name: str, label: str | None, index: int) -> None:
    form = FORMS[name]()
    result = parsed(form.drop_cell(label, index))
    assert_never_shifted(result, form)
    row = "/appeals" if label is None else None
    if row is not None:
        assert {c for c, p in codes(result) if p == row} & {"GD903", "GD906", "GD916"}


@pytest.mark.parametrize("name", GRID_FORMS)
def test_a_total_left_out_is_placed_by_the_blocks_sums(name: str) -> None:
    # 行政复议's 总计 left out: a gap anywhere else breaks a block's sum.
    form = FORMS[name]()
    result = parsed(form.drop_cell(None, 4))
    assert_read(result, form, {"/appeals/administrative_review/total": "absent"})
    assert ("GD916", "/appeals") in codes(result)


def test_a_figure_left_out_of_table_three_is_placed_by_the_column_identities() -> None:
    # Huai'an prints every cell: the column identities leave one place for the gap.
    form = FORMS["pdf"]()
    result = parsed(form.drop_cell("（一）予以公开", 0))
    assert_read(result, form, {"/applications/granted/natural_person": "absent"})
    assert ("GD916", "/applications/granted") in codes(result)


def test_a_figure_left_out_of_text_is_not_guessed() -> None:
    # Text has no grid: fourteen figures for fifteen cells are not split by guesswork.
    form = FORMS["text"]()
    result = parsed(form.drop_cell(None, 0))
    assert_never_shifted(result, form)
    assert table_cells(result.report)["/appeals/direct_litigation/total"] is None


# -- table 四's header broken by a page break ----------------------------------------------


@pytest.mark.parametrize(
    "edit",
    [
        # a page number between the parts of a header cell (尚未 | 审结)
        {"尚 未\n审结\n总计\n未经复议直接起诉": "尚 未\n- 6 -\n审结\n总计\n未经复议直接起诉"},
        # and a running header line as well
        {"其 他 结\n果\n尚 未\n审结": "其 他 结\n果\n- 6 -\n淮安市人民政府\n尚 未\n审结"},
        # the figures on the next page
        {"总计\n72 64 178": "总计\n- 7 -\n72 64 178"},
    ],
    ids=["page-number", "running-header", "figures-next-page"],
)
def test_table_four_header_broken_by_a_page_break_in_text(edit: dict[str, str]) -> None:
    form = FORMS["text"]()
    assert isinstance(form, TextForm)
    form.text = replace(form.text, edit)
    result = parsed(form)
    assert_read(result, form)
    assert not count(result, "GD903")
    assert not count(result, "GD906")
    # What is no label (the running header) is kept aside, once.
    assert count(result, "GD902") == ("淮安" in "".join(edit.values()))


@pytest.mark.parametrize("before", [1, 2, 3], ids=["after-row-1", "after-row-2", "figures"])
def test_table_four_header_broken_by_a_page_break_in_a_pdf(before: int) -> None:
    # The header cells 结果维持 … span two rows: a break after the first cuts them, their
    # text flowing on to the next page (结果 | 维持).
    form = FORMS["pdf"]()
    assert isinstance(form, PdfForm)
    form.four.breaks.add(before)
    result = parsed(form)
    assert_read(result, form)
    assert not count(result, "GD903")
    assert not [x for x in result.leftovers if not x.reason.startswith("page")]


@pytest.mark.parametrize("name", ["html", "docx", "markdown"])
@pytest.mark.parametrize("before", [1, 2, 3], ids=["after-row-1", "after-row-2", "figures"])
def test_table_four_header_broken_by_a_page_break_in_a_page_or_word(name: str, before: int) -> None:
    form = FORMS[name]()
    edits = form.page if isinstance(form, HtmlForm) else form.word  # type: ignore[attr-defined]
    edits.split_table("未经复议直接起诉", before=before)
    result = parsed(form)
    assert_read(result, form)
    assert not count(result, "GD903")
    assert not count(result, "GD902")


# -- blank markers ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["text", "html", "docx", "pdf"])
def test_a_row_printed_with_dashes_is_noted_once(name: str) -> None:
    form = FORMS[name]()
    row = "3.要求提供公开出版物"
    pointer = "/applications/not_processed/publication_requested"
    if isinstance(form, TextForm):
        form.text = replace(form.text, {f"{row} 0 0 0 0 0 0 0": f"{row} — — — — — — —"})
    elif isinstance(form, PdfForm):
        for printed in form.three.rows[form.three.row_with(row)][-7:]:
            printed.text = "—"
    else:
        edits = form.page if isinstance(form, HtmlForm) else form.word  # type: ignore[attr-defined]
        _, tr = edits.row_with(row)
        for cell in [c for c in tr if c.tag in ("td", f"{{{W}}}tc")][-7:]:
            set_cell_text(cell, "—")
    result = parsed(form)
    notes = [d for d in result.diagnostics if d.code == "GD904" and d.pointer.startswith(pointer)]
    assert [(d.pointer, len(d.related)) for d in notes] == [(pointer, 7)]
    assert result.report.applications.not_processed.publication_requested.values() == (None,) * 7
