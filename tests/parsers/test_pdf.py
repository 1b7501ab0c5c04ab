"""The PDF front-end: tables by their ruled lines, across pages, and hostile files."""

from __future__ import annotations

import contextlib
import functools
import sys
import types
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import GovDisclosureError, LimitExceededError, ParseError
from govdisclosure._limits import Limits
from govdisclosure.model import SourceSpan
from govdisclosure.parsers import Block, Document, Table, TableCell, TextBlock, _clock, read_pdf
from govdisclosure.parsers._notes import Note
from govdisclosure.parsers.frontends._furniture import PageLine, running_lines
from govdisclosure.parsers.frontends._pdf import OCR_SCALE, read_pdf_in_process

from ._grid import (
    cell_at,
    codes,
    corpus_bytes,
    distinct,
    layout,
    numbers,
    row_values,
    table_four,
    table_four_expected,
    table_three_rows,
    texts,
)
from ._hostile import assemble
from ._pdfgen import ENCRYPTED, HEIGHT, WIDTH, Page, pdf

HUAIAN = "009_huaian_szf_2024"
SHANGHAI = "001_shanghai_szfbgt_2019"


@cache
def huaian() -> Document:
    return read_pdf(corpus_bytes(f"{HUAIAN}.pdf"), name=f"{HUAIAN}.pdf")


@cache
def shanghai() -> Document:
    return read_pdf(corpus_bytes(f"{SHANGHAI}.pdf"), name=f"{SHANGHAI}.pdf")


# -- Huai'an: the published PDF -------------------------------------------------------------


@pytest.mark.parametrize(("label", "values"), table_three_rows(HUAIAN))
def test_huaian_table_three_figures(label: str, values: list[int | None]) -> None:
    assert numbers(row_values(huaian(), label)) == values


def test_huaian_table_four_figures() -> None:
    assert numbers(table_four(huaian())) == table_four_expected(HUAIAN)


def test_huaian_tables_split_across_pages_are_joined() -> None:
    document = huaian()
    shapes = [(t.n_rows, t.n_columns) for t in document.tables()]
    assert shapes == [(14, 4), (28, 10), (4, 15)]
    assert codes(document).count("table-joined") == 2
    three = document.tables()[1]
    pages = {cell.span.page for cell in three.cells}
    assert pages == {4, 5}
    first_on_five = min(c.row for c in three.cells if c.span.page == 5)
    assert first_on_five == 16
    # the merged （四）无法提供 label is cut by the page break: one cell on each page
    assert cell_at(three, 15, 1).text == "（四）无"
    assert (cell_at(three, 16, 1).text, cell_at(three, 16, 1).rowspan) == ("法提供", 2)


def test_huaian_cells_have_page_box_and_grid_position() -> None:
    three = huaian().tables()[1]
    cell = cell_at(three, 3, 3)  # 一、本年新收 / 自然人
    assert cell.text == "3001"
    span = cell.span
    assert (span.page, span.table, span.row, span.column) == (4, 2, 4, 4)
    assert span.bbox is not None
    x0, top, x1, bottom = span.bbox
    assert 0 < x0 < x1 < WIDTH
    assert 0 < top < bottom < HEIGHT


def test_huaian_merged_header_cells() -> None:
    three = huaian().tables()[1]
    corner = cell_at(three, 2, 2)
    assert corner.text.startswith("（本列数据的勾稽关系为")
    assert (corner.row, corner.column, corner.rowspan, corner.colspan) == (0, 0, 3, 3)
    applicants = cell_at(three, 0, 9)
    assert (applicants.text, applicants.column, applicants.colspan) == ("申请人情况", 3, 7)
    legal = cell_at(three, 1, 6)
    assert (legal.text, legal.column, legal.colspan) == ("法人或其他组织", 4, 5)
    total = cell_at(three, 2, 9)
    assert (total.text, total.row, total.rowspan) == ("总计", 1, 2)
    four = huaian().tables()[2]
    assert [c.text for c in distinct(four.grid()[0])] == ["行政复议", "行政诉讼"]
    assert [c.colspan for c in distinct(four.grid()[0])] == [5, 10]


def test_huaian_page_footers_and_framed_paragraphs_are_text() -> None:
    document = huaian()
    lines = texts(document)
    assert [t for t in lines if t.startswith("- ")] == [f"- {n} -" for n in range(1, 7)]
    assert "一、总体情况" in lines
    assert any(t.startswith("本报告由淮安市人民政府办公室") for t in lines)  # was in a box
    assert "layout-table" in codes(document)
    footer = next(b for b in document.blocks if isinstance(b, TextBlock) and b.text == "- 4 -")
    assert footer.span.page == 4
    assert footer.span.bbox is not None


def test_huaian_reading_order() -> None:
    order = [b.text if isinstance(b, TextBlock) else f"table {b.index}" for b in huaian().blocks]
    assert order.index("table 2") == order.index("三、收到和处理政府信息公开申请情况") + 1
    assert order.index("table 3") == order.index("四、政府信息公开行政复议、行政诉讼情况") + 1
    assert order.index("六、其他需要报告的事项") > order.index("table 3")


# -- Shanghai: an over-wide table printed past the page edge --------------------------------

# LibreOffice printed the web page's table 三 wider than the page: the columns 法律服务机构
# (in part), 其他 and 总计 are not in the PDF at all. The four applicant columns that are
# must carry the figures of the expected file.
VISIBLE = 4


@pytest.mark.parametrize(("label", "values"), table_three_rows(SHANGHAI))
def test_shanghai_visible_columns_of_table_three(label: str, values: list[int | None]) -> None:
    assert numbers(row_values(shanghai(), label)[:VISIBLE]) == values[:VISIBLE]


def test_shanghai_clipped_table_keeps_the_text_beyond_the_edge() -> None:
    document = shanghai()
    three = document.tables()[1]
    assert (three.n_rows, three.n_columns) == (26, 8)
    assert "table-clipped" in codes(document)
    assert codes(document).count("table-joined") == 1
    assert {c.span.page for c in three.cells} == {4, 5, 6}
    # label text printed left of the page edge is kept in the border cell
    assert cell_at(three, 3, 0).text == "一、本年新收政府信息公开申请数量"
    assert cell_at(three, 2, 7).text == "法律服务机构"


def test_shanghai_table_two_is_read_with_its_merged_cells() -> None:
    two = shanghai().tables()[0]
    assert (two.n_rows, two.n_columns) == (18, 5)
    title = cell_at(two, 0, 4)
    assert (title.text, title.colspan) == ("第二十条第（一）项", 5)
    assert row_values(shanghai(), "政府集中采购") == ["6", "251000元"]


# -- built PDFs -----------------------------------------------------------------------------

XS = [100.0, 200.0, 300.0, 400.0]


def _continued(lower_xs: list[float], *, footer_lines: int = 1) -> bytes:
    """A table at the bottom of page 1 (merged cells) continued at the top of page 2."""
    ys = [700.0, 720.0, 740.0, 760.0, 780.0]
    merged = frozenset({("v", 0, 2), ("h", 2, 0)})
    first = Page().text(100, 650, "Heading").grid(XS, ys, skip=merged)
    for x, top, text in [
        (105, 703, "Label"),
        (205, 703, "Merged"),
        (105, 723, "Tall"),
        (205, 723, "1"),
        (305, 723, "2"),
        (205, 743, "3"),
        (305, 743, "4"),
        (105, 763, "x"),
        (205, 763, "5"),
        (305, 763, "6"),
    ]:
        first.text(x, top, text)
    for i in range(footer_lines):
        first.text(290, 795 + 12 * i, f"- {i + 1} -")
    second = Page().grid(lower_xs, [50.0, 70.0, 90.0]).text(105, 53, "y").text(205, 53, "7")
    second.text(105, 73, "z").text(205, 73, "8").text(100, 120, "After")
    return pdf([first, second])


def test_merged_cells_come_from_the_geometry() -> None:
    document = read_pdf(_continued(XS))
    (table,) = document.tables()
    assert layout(table)[:5] == [
        (0, 0, 1, 1, "Label"),
        (0, 1, 1, 2, "Merged"),
        (1, 0, 2, 1, "Tall"),
        (1, 1, 1, 1, "1"),
        (1, 2, 1, 1, "2"),
    ]


def test_a_continued_table_is_joined_when_its_columns_line_up() -> None:
    document = read_pdf(_continued([100.0, 200.0, 400.0]))
    assert codes(document) == ["table-joined"]
    (table,) = document.tables()
    assert (table.n_rows, table.n_columns) == (6, 3)
    assert layout(table)[-4:] == [
        (4, 0, 1, 1, "y"),
        (4, 1, 1, 2, "7"),
        (5, 0, 1, 1, "z"),
        (5, 1, 1, 2, "8"),
    ]
    assert [c.span.page for c in table.cells][-1] == 2
    assert texts(document) == ["Heading", "- 1 -", "After"]


def test_a_table_that_does_not_line_up_is_not_joined() -> None:
    document = read_pdf(_continued([100.0, 250.0, 400.0]))
    assert [t.n_rows for t in document.tables()] == [4, 2]
    assert codes(document) == []


def test_text_between_the_parts_prevents_a_join() -> None:
    document = read_pdf(_continued(XS, footer_lines=3))
    assert len(document.tables()) == 2


def test_a_heading_between_the_parts_prevents_a_join() -> None:
    # The first table ends mid-page, a section heading follows: the table on the next
    # page is another table, even though its columns line up.
    first = Page().grid(XS, [500.0, 520.0, 540.0]).text(105, 503, "a").text(100, 600, "Next")
    second = Page().grid(XS, [50.0, 70.0]).text(105, 53, "b")
    assert len(read_pdf(pdf([first, second])).tables()) == 2
    # ... and so does a table that ends near the bottom with a heading below it.
    first = Page().grid(XS, [640.0, 660.0, 680.0]).text(105, 643, "a").text(100, 700, "Next")
    assert len(read_pdf(pdf([first, second])).tables()) == 2


def _cell_texts(table: Table) -> list[list[str]]:
    """The texts of the cells starting on each row of ``table``."""
    return [[cell.text for cell in row] for row in table.rows()]


def _browser_break(*, free_column: bool = False) -> bytes:
    """A table printed by a browser over a page break: page 1's part ends on a rule, page
    2's part has no top rule; its first row (label over two lines, the figure centred
    between them) stands above the first rule drawn. With ``free_column``, a merged cell
    fills the left column of page 2's part from top to bottom: no rule crosses it."""
    xs = [60.0, *XS] if free_column else XS
    first = Page().text(100, 650, "Heading").grid(xs, [700.0, 720.0, 760.0])
    first.text(105, 703, "a").text(205, 703, "1").text(305, 703, "2")
    first.text(105, 723, "b").text(205, 733, "3").text(305, 733, "4")
    second = Page()
    for x in xs:
        second.line(x, 50.0, x, 130.0)  # the column rules run up to the part's top
    second.line(XS[0], 90.0, XS[-1], 90.0).line(XS[0], 110.0, XS[-1], 110.0)
    second.line(XS[0], 130.0, XS[-1], 130.0)
    second.text(105, 53, "long").text(105, 73, "label").text(205, 63, "5").text(305, 63, "6")
    second.text(105, 93, "c").text(205, 93, "7").text(305, 93, "8")
    second.text(105, 113, "d").text(205, 113, "9").text(305, 113, "10")
    return pdf([first, second])


def test_a_part_without_a_top_rule_is_closed_where_its_column_rules_end() -> None:
    # Browsers draw the rule between two rows once, at the foot of the earlier page.
    document = read_pdf(_browser_break())
    (table,) = document.tables()
    assert codes(document) == ["table-joined"]
    assert _cell_texts(table) == [
        ["a", "1", "2"],
        ["b", "3", "4"],
        ["long\nlabel", "5", "6"],
        ["c", "7", "8"],
        ["d", "9", "10"],
    ]
    assert texts(document) == ["Heading"]


def test_a_merged_cell_filling_a_part_closes_with_the_table() -> None:
    document = read_pdf(_browser_break(free_column=True))
    (table,) = document.tables()
    assert codes(document) == ["table-joined"]
    assert (table.n_rows, table.n_columns) == (5, 4)
    assert _cell_texts(table)[2] == ["", "long\nlabel", "5", "6"]
    assert texts(document) == ["Heading"]


def test_a_row_broken_across_pages_is_closed_on_both_pages() -> None:
    # Neither page draws a rule at the break: page 1's column rules run on below its last
    # rule, page 2's above its first.
    first = Page().grid(XS, [700.0, 720.0])
    for x in XS:
        first.line(x, 720.0, x, 760.0)
    first.text(105, 703, "a").text(205, 703, "1").text(305, 703, "2")
    first.text(105, 723, "broken").text(205, 733, "3").text(305, 733, "4")
    second = Page().grid(XS, [90.0, 110.0])
    for x in XS:
        second.line(x, 50.0, x, 90.0)
    second.text(105, 60, "end").text(105, 93, "c").text(205, 93, "7").text(305, 93, "8")
    document = read_pdf(pdf([first, second]))
    (table,) = document.tables()
    assert _cell_texts(table) == [
        ["a", "1", "2"],
        ["broken", "3", "4"],
        ["end", "", ""],
        ["c", "7", "8"],
    ]
    assert texts(document) == []


def test_rules_overshooting_a_corner_make_no_row() -> None:
    # Column rules drawn a few points past the top rule: slack, not an open row.
    page = Page().grid(XS, [100.0, 120.0, 140.0])
    for x in XS:
        page.line(x, 95.0, x, 100.0)
    page.text(105, 103, "a").text(205, 103, "1").text(105, 123, "b").text(205, 123, "2")
    (table,) = read_pdf(pdf([page])).tables()
    assert table.n_rows == 2


def test_open_ends_of_tables_side_by_side_are_not_joined() -> None:
    # Two tables whose column rules both run up to the same height: no rule reaches from
    # one to the other, so they are closed apart.
    page = Page()
    for xs in ([60.0, 120.0, 180.0], [300.0, 360.0, 420.0]):
        for x in xs:
            page.line(x, 80.0, x, 140.0)
        page.line(xs[0], 110.0, xs[-1], 110.0).line(xs[0], 140.0, xs[-1], 140.0)
        page.text(xs[0] + 5, 90, "top").text(xs[0] + 5, 115, "row")
    tables = read_pdf(pdf([page])).tables()
    assert [(t.n_rows, t.n_columns) for t in tables] == [(2, 2), (2, 2)]


def test_running_headers_and_footers_are_page_furniture() -> None:
    # A browser's print: the date and the page's title above, the address and "n/N"
    # below, on every page; the body's own first and last lines are not furniture.
    pages = []
    for n, (top, foot) in enumerate([("One", "Two"), ("Three", "Four"), ("Five", "Six")], 1):
        page = Page().text(30, 15, f"12/7/26, 1:1{n} PM Annual report _ Portal")
        page.text(100, 60, f"{top} begins the page").text(100, 740, f"{foot} ends it")
        pages.append(page.text(30, 820, f"file:///tmp/page.html {n}/3"))
    document = read_pdf(pdf(pages))
    marked = [(b.span.page, b.text) for b in document.blocks if isinstance(b, TextBlock)]
    furniture = [
        (b.span.page, b.text[:4])
        for b in document.blocks
        if isinstance(b, TextBlock) and b.furniture
    ]
    assert furniture == [(n, text) for n in (1, 2, 3) for text in ("12/7", "file")]
    assert len(marked) == 12


def test_a_line_on_fewer_than_half_the_pages_is_no_furniture() -> None:
    pages = [Page().text(100, 60, word) for word in ("One", "Two", "Three", "Four", "Five")]
    for page in pages[:2]:
        page.text(30, 15, "Draft")
    document = read_pdf(pdf(pages))
    assert not [b for b in document.blocks if isinstance(b, TextBlock) and b.furniture]


def test_a_one_column_box_is_text() -> None:
    page = Page().grid([100.0, 400.0], [100.0, 130.0, 160.0])
    page.text(110, 110, "Framed paragraph").text(110, 140, "second line")
    document = read_pdf(pdf([page]))
    assert document.tables() == ()
    assert texts(document) == ["Framed paragraph", "second line"]
    assert codes(document) == ["layout-table"]


def test_text_lines_have_page_and_box_in_reading_order() -> None:
    page = Page().text(300, 100, "right").text(100, 100, "left").text(100, 50, "top")
    document = read_pdf(pdf([page, Page().text(100, 50, "next page")]))
    assert texts(document) == ["top", "left right", "next page"]
    line = document.blocks[1]
    assert isinstance(line, TextBlock)
    assert line.span.page == 1
    assert line.span.bbox is not None
    assert line.span.bbox[0] == pytest.approx(100, abs=0.5)
    assert line.span.bbox[1] == pytest.approx(100, abs=1.5)


def test_a_table_past_the_page_edge_keeps_its_text() -> None:
    page = (
        Page()
        .grid([0.0, 100.0, 200.0], [100.0, 120.0])
        .text(-60, 103, "Outside")
        .text(150, 103, "in")
    )
    document = read_pdf(pdf([page]))
    (table,) = document.tables()
    assert [c.text for c in table.cells] == ["Outside", "in"]
    assert codes(document) == ["table-clipped"]


def test_cells_on_the_page_edge_are_clipped() -> None:
    # A table drawn from the left page edge to the right one: its border cells may have
    # lost text drawn beyond the edges; the cells inside did not.
    page = Page().grid([0.0, 100.0, 200.0, 595.0], [100.0, 120.0]).text(150, 103, "in")
    (table,) = read_pdf(pdf([page])).tables()
    assert [(c.column, c.clipped) for c in table.cells] == [(0, True), (1, False), (2, True)]


def test_a_table_inside_the_page_is_not_clipped() -> None:
    page = Page().grid([100.0, 200.0, 300.0], [100.0, 120.0]).text(150, 103, "in")
    (table,) = read_pdf(pdf([page])).tables()
    assert not any(c.clipped for c in table.cells)


def test_a_pdf_without_text_is_noted() -> None:
    document = read_pdf(pdf([Page().line(100, 100, 200, 100)]))
    assert document.blocks == ()
    assert codes(document) == ["no-text"]


def test_an_encrypted_pdf_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="encrypted"):
        read_pdf(pdf([Page().text(100, 100, "secret")], trailer_extra=ENCRYPTED), name="x.pdf")


@pytest.mark.parametrize(
    "data", [b"", b"not a pdf", b"%PDF-1.4\ngarbage", pdf([Page().text(1, 1, "x")])[:200]]
)
def test_not_a_pdf_or_a_damaged_one_is_a_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError) as error:
        read_pdf(data, name="broken.pdf")
    assert error.value.where == "broken.pdf"


def test_too_many_pages_are_refused() -> None:
    with pytest.raises(LimitExceededError, match="max_pages"):
        read_pdf(pdf([Page().text(1, 1, "x")] * 3), limits=Limits(max_pages=2))


def test_the_time_budget_is_checked_between_pages() -> None:
    with pytest.raises(LimitExceededError, match="max_seconds"):
        read_pdf(pdf([Page().text(1, 1, "x")] * 2), limits=Limits(max_seconds=0.0))


def test_a_file_over_max_bytes_is_refused() -> None:
    with pytest.raises(LimitExceededError):
        read_pdf(pdf([Page().text(1, 1, "x")]), limits=Limits(max_bytes=100))


def test_too_many_cells_are_refused() -> None:
    page = Page().grid(
        [float(x) for x in range(50, 550, 20)], [float(y) for y in range(50, 750, 20)]
    )
    with pytest.raises(LimitExceededError, match="max_cells"):
        read_pdf(pdf([page]), limits=Limits(max_cells=100))


def test_missing_pypdfium2_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(ParseError, match=r"govdisclosure\[pdf\]"):
        read_pdf(pdf([Page()]))


@settings(max_examples=30)
@given(st.binary(max_size=2000), st.booleans())
def test_fuzz_arbitrary_bytes(data: bytes, header: bool) -> None:
    with contextlib.suppress(GovDisclosureError):
        read_pdf(b"%PDF-1.4\n" + data if header else data)


@settings(max_examples=30)
@given(st.integers(min_value=0, max_value=2000), st.binary(min_size=1, max_size=8))
def test_fuzz_damaged_real_structure(at: int, junk: bytes) -> None:
    good = pdf([Page().grid(XS, [100.0, 120.0, 140.0]).text(105, 103, "a")])
    at = min(at, len(good) - 1)
    with contextlib.suppress(GovDisclosureError):
        read_pdf(good[:at] + junk + good[at + len(junk) :])


# -- pages without a text layer: OCR when the ocr extra is there ---------------------------

OCR_MODULE = "govdisclosure.parsers.frontends._ocr"


def _scanned() -> bytes:
    """A page with a ruled table and text, then a page that is only an image."""
    first = Page().grid(XS, [100.0, 120.0, 140.0]).text(105, 103, "a").text(205, 103, "1")
    first.text(105, 123, "b").text(205, 123, "2")
    return pdf([first, Page().image(50, 50, 545, 792)])


class _FakeOcr(types.ModuleType):
    """Stands in for the ``ocr`` extra's front-end; records what it was given."""

    def __init__(self, available: bool) -> None:
        super().__init__(OCR_MODULE)
        self.ready = available
        self.calls: list[tuple[int, float, tuple[int, int]]] = []

    def available(self) -> bool:
        return self.ready

    def read_page_image(
        self, image: Any, *, page: int, scale: float, limits: Limits
    ) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
        self.calls.append((page, scale, image.size))
        span = SourceSpan(page=page, bbox=(60.0, 70.0, 200.0, 90.0), table=1, row=1, column=1)
        cell = TableCell(text="7", row=0, column=0, span=span)
        table = Table(index=1, cells=(cell,), n_rows=1, n_columns=1, span=span)
        line = TextBlock(text="scanned", span=SourceSpan(page=page, bbox=(60, 40, 200, 55)))
        return (line, table), (("ocr-page", "第 2 页经文字识别", "page 2 was read by OCR"),)


def test_a_page_without_text_is_read_by_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    ocr = _FakeOcr(available=True)
    monkeypatch.setitem(sys.modules, OCR_MODULE, ocr)
    document = read_pdf_in_process(_scanned(), name="scan.pdf")
    # The page is rendered at OCR_SCALE and handed over with its number.
    ((page, scale, (width, height)),) = ocr.calls
    assert (page, scale) == (2, OCR_SCALE)
    assert (width, height) == (round(WIDTH * scale), round(HEIGHT * scale))
    # Its blocks follow the first page's; its table is the document's second.
    assert [type(b).__name__ for b in document.blocks] == ["Table", "TextBlock", "Table"]
    scanned = document.tables()[1]
    assert (scanned.index, scanned.cells[0].span.table, scanned.cells[0].text) == (2, 2, "7")
    assert codes(document) == ["ocr-page"]


@pytest.mark.parametrize(("per_page", "refused"), [(60.0, False), (0.0, True)])
def test_a_page_read_by_ocr_adds_to_the_time_budget(
    monkeypatch: pytest.MonkeyPatch, per_page: float, refused: bool
) -> None:
    # OCR of the scanned page takes 20 s of a clock that stands still otherwise: over
    # max_seconds, within max_seconds plus max_ocr_seconds_per_page.
    clock = [1000.0]
    ocr = _FakeOcr(available=True)
    recognise = ocr.read_page_image

    def slow(*args: Any, **kwargs: Any) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
        clock[0] += 20.0
        return recognise(*args, **kwargs)

    monkeypatch.setattr(ocr, "read_page_image", slow)
    monkeypatch.setitem(sys.modules, OCR_MODULE, ocr)
    monkeypatch.setattr(_clock, "_now", lambda: clock[0])
    begun: list[int] = []
    limits = Limits(max_seconds=10.0, max_ocr_seconds_per_page=per_page)
    read = functools.partial(read_pdf_in_process, _scanned(), limits=limits)
    # As in a reader process: the parent is told as the page begins.
    with _clock.reading(on_ocr_page=lambda: begun.append(1)):
        if refused:
            with pytest.raises(LimitExceededError) as error:
                read()
            assert (error.value.limit, error.value.maximum) == ("max_seconds", 10.0 + per_page)
        else:
            assert len(read().tables()) == 2
    assert begun == [1]


@pytest.mark.parametrize("installed", [False, True])
def test_without_ocr_a_scan_is_noted(monkeypatch: pytest.MonkeyPatch, installed: bool) -> None:
    monkeypatch.setitem(sys.modules, OCR_MODULE, _FakeOcr(available=False) if installed else None)
    scan = pdf([Page().image(50, 50, 545, 792)])
    document = read_pdf_in_process(scan, name="scan.pdf")
    assert document.blocks == ()
    assert codes(document) == ["no-text"]


def test_text_printed_twice_for_a_bold_effect_is_read_once() -> None:
    # Some word processors embolden by printing the text again a fraction of a point
    # off; the characters are there twice, the text once.
    page = Page().text(100, 100, "Bold 12").text(100.3, 100.2, "Bold 12").text(100, 140, "x")
    assert texts(read_pdf(pdf([page]))) == ["Bold 12", "x"]


# -- pages as displayed: rotation, forms ----------------------------------------------------


def _one_page(
    content: str, *, page: str = "", resources: str = "", extra: tuple[bytes, ...] = ()
) -> bytes:
    body = content.encode("latin-1")
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] {page} "
                f"/Resources << /Font << /F1 4 0 R >> {resources} >> /Contents 5 0 R >>"
            ).encode(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
            *extra,
        ]
    )


def test_a_landscape_page_is_read_as_displayed() -> None:
    # /Rotate 90 turns the page a quarter clockwise; its content is drawn turned the
    # other way, so that it reads upright. Display (X, Y) is user space (Y, X).
    ops = ["BT /F1 10 Tf 0 1 -1 0 110 100 Tm (Landscape line) Tj ET"]
    xs, ys = [100, 200, 300], [300, 320, 340]
    ops += [f"{y} {xs[0]} m {y} {xs[-1]} l S" for y in ys]
    ops += [f"{ys[0]} {x} m {ys[-1]} {x} l S" for x in xs]
    for x, y, text in [(105, 311, "a"), (205, 311, "1"), (105, 331, "b"), (205, 331, "2")]:
        ops.append(f"BT /F1 10 Tf 0 1 -1 0 {y} {x} Tm ({text}) Tj ET")
    document = read_pdf(_one_page("\n".join(ops), page="/Rotate 90"))
    assert texts(document) == ["Landscape line"]
    line = document.blocks[0]
    assert isinstance(line, TextBlock)
    assert line.span.bbox is not None
    assert line.span.bbox[0] == pytest.approx(100, abs=0.5)
    (table,) = document.tables()
    assert layout(table) == [
        (0, 0, 1, 1, "a"),
        (0, 1, 1, 1, "1"),
        (1, 0, 1, 1, "b"),
        (1, 1, 1, 1, "2"),
    ]
    assert table.span is not None
    assert table.span.bbox == (100, 300, 300, 340)


def test_rules_inside_a_form_are_read_where_the_form_puts_them() -> None:
    # The grid is drawn in a form XObject, placed 100 points right and 50 points down.
    grid = Page().grid([0.0, 100.0, 200.0], [100.0, 120.0, 140.0])
    form = "\n".join(grid.ops).encode("latin-1")
    xobject = (
        b"<< /Type /XObject /Subtype /Form /BBox [-1000 -1000 2000 2000] /Length %d >>\n"
        b"stream\n" % len(form) + form + b"\nendstream"
    )
    text = Page().text(105, 153, "a").text(205, 153, "1").text(105, 173, "b")
    content = "q 1 0 0 1 100 -50 cm /G Do Q\n" + "\n".join(text.ops)
    document = read_pdf(_one_page(content, resources="/XObject << /G 6 0 R >>", extra=(xobject,)))
    (table,) = document.tables()
    assert [c.text for c in table.cells] == ["a", "1", "b", ""]
    assert table.span is not None
    assert table.span.bbox == (100, 150, 300, 190)


# -- running headers and footers, as lines ------------------------------------------------


def _page(*lines: tuple[float, str | None]) -> tuple[float, list[PageLine]]:
    return 842.0, [PageLine(top, top + 10, text) for top, text in lines]


def test_running_lines_read_by_ocr_may_differ_by_a_character() -> None:
    header = "淮安市人民政府办公室关于二〇二四年度政府信息公开工作年度报告"
    misread = header.replace("办公室", "办公宝")
    pages = [
        _page((20, header), (80, "正文一"), (810, "- 1 -")),
        _page((20, misread), (80, "正文二"), (810, "- 2 -")),
        _page((20, header), (80, "正文三"), (810, "- 3 -")),
    ]
    assert running_lines(pages) == {(p, i) for p in range(3) for i in (0, 2)}


def test_running_lines_stop_at_the_first_item_that_is_no_line() -> None:
    # A table at the top of each page: the same line below it is the page's, not a header.
    pages = [_page((20, None), (90, "续表"), (400, "正文")) for _ in range(4)]
    assert running_lines(pages) == set()
    # ... and a line beyond the margin is the page's too.
    pages = [_page((300, "同一行"), (400, f"正文{n}")) for n in range(4)]
    assert running_lines(pages) == set()


def test_a_single_page_has_no_running_lines() -> None:
    assert running_lines([_page((20, "页眉"), (810, "- 1 -"))]) == set()
