"""The DOCX front-end: the Shanghai Word file, merged cells, body order, hostile files."""

from __future__ import annotations

import contextlib
import io
import sys
import zipfile
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import GovDisclosureError, LimitExceededError, ParseError
from govdisclosure._limits import Limits
from govdisclosure.parsers import Document, TextBlock, read_docx, read_html
from govdisclosure.parsers.frontends import _docx as docx_module

from ._docxgen import (
    CONTENT_TYPES,
    RELS,
    document_xml,
    docx,
    p,
    package,
    tbl,
    tc,
    tr,
)
from ._grid import (
    cell_at,
    codes,
    corpus_bytes,
    layout,
    line_of,
    numbers,
    row_values,
    table_four,
    table_four_expected,
    table_three_rows,
    texts,
)

SHANGHAI = "001_shanghai_szfbgt_2019"


@cache
def shanghai() -> Document:
    return read_docx(corpus_bytes(f"{SHANGHAI}.docx"), name=f"{SHANGHAI}.docx")


# -- the Shanghai Word file ---------------------------------------------------------------


@pytest.mark.parametrize(("label", "values"), table_three_rows(SHANGHAI))
def test_shanghai_table_three_figures(label: str, values: list[int | None]) -> None:
    assert numbers(row_values(shanghai(), label)) == values


def test_shanghai_table_four_figures() -> None:
    assert numbers(table_four(shanghai())) == table_four_expected(SHANGHAI)


def test_shanghai_word_tables_keep_the_web_page_grids() -> None:
    # The Word file was saved from the web page: tables 三 and 四 must come out cell for
    # cell, span for span, as the HTML front-end reads them.
    html = read_html(corpus_bytes(f"{SHANGHAI}.html"))
    for ours, theirs in zip(shanghai().tables()[1:], html.tables()[1:], strict=True):
        assert (ours.n_rows, ours.n_columns) == (theirs.n_rows, theirs.n_columns)
        assert layout(ours) == layout(theirs)


def test_shanghai_merged_cells_from_grid_span_and_vmerge() -> None:
    table = shanghai().tables()[1]
    label = cell_at(table, 10, 0)
    assert (label.text, label.row, label.rowspan, label.colspan) == ("三、本年度办理结果", 5, 20, 1)
    assert (label.span.table, label.span.row, label.span.column) == (2, 6, 1)
    header = cell_at(table, 0, 5)
    assert (header.text, header.column, header.colspan) == ("申请人情况", 3, 7)


def test_shanghai_body_in_order_with_paragraph_positions() -> None:
    document = shanghai()
    assert document.format == "docx"
    assert document.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    order = [b.text if isinstance(b, TextBlock) else f"table {b.index}" for b in document.blocks]
    assert order[0] == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert order.index("table 1") == order.index("二、主动公开政府信息情况") + 1
    assert order.index("table 2") == order.index("三、收到和处理政府信息公开申请情况") + 1
    assert order.index("table 3") == order.index("四、政府信息公开行政复议、行政诉讼情况") + 1
    assert order[-1] == "无。"
    lines = [line_of(b.span) for b in document.blocks if isinstance(b, TextBlock)]
    assert lines[:3] == [1, 2, 3]
    assert lines == sorted(lines)
    assert lines[-1] > lines[-2] > 81  # paragraphs inside table cells are counted too
    assert texts(document) == texts(read_html(corpus_bytes(f"{SHANGHAI}.html")))


# -- WordprocessingML, built ---------------------------------------------------------------


def test_grid_span_vmerge_grid_before_and_after() -> None:
    body = tbl(
        tr(tc("A", vmerge="restart"), tc("B", span=2), tc("C")),
        tr(tc(vmerge="continue"), tc("D"), tc("E"), tc("F")),
        tr(tc("G"), tc("H", span=2), before=1),
        tr(tc("I"), tc("J"), after=2),
    )
    (table,) = read_docx(docx(body)).tables()
    assert (table.n_rows, table.n_columns) == (4, 4)
    assert layout(table) == [
        (0, 0, 2, 1, "A"),
        (0, 1, 1, 2, "B"),
        (0, 3, 1, 1, "C"),
        (1, 1, 1, 1, "D"),
        (1, 2, 1, 1, "E"),
        (1, 3, 1, 1, "F"),
        (2, 1, 1, 1, "G"),
        (2, 2, 1, 2, "H"),
        (3, 0, 1, 1, "I"),
        (3, 1, 1, 1, "J"),
    ]
    assert table.grid()[2][0] is None  # gridBefore leaves the slot empty
    assert table.grid()[3][2:] == (None, None)  # and so does gridAfter


def test_a_vertical_merge_spans_many_rows_and_keeps_stray_text() -> None:
    rows = [tr(tc("合并", vmerge="restart"), tc("1"))]
    rows += [tr(tc(vmerge="continue"), tc(str(i))) for i in range(2, 5)]
    rows += [tr(tc("又", vmerge="continue"), tc("5"))]
    (table,) = read_docx(docx(tbl(*rows))).tables()
    merged = table.cells[0]
    assert (merged.rowspan, merged.text) == (5, "合并\n又")


def test_legacy_horizontal_merge() -> None:
    body = tbl(
        tr(tc("宽", hmerge="restart"), tc(hmerge="continue"), tc("x")),
        tr(tc("a"), tc("b"), tc("c")),
    )
    (table,) = read_docx(docx(body)).tables()
    assert layout(table)[:2] == [(0, 0, 1, 2, "宽"), (0, 2, 1, 1, "x")]


def test_cell_text_has_line_breaks_and_tabs() -> None:
    cell = tc(p("本年新", "<w:r><w:br/></w:r>", "制作数量"), p("<w:r><w:tab/></w:r>", "x"), p())
    (table,) = read_docx(docx(tbl(tr(cell, tc("1"))))).tables()
    assert table.cells[0].text == "本年新\n制作数量\nx"


def test_tracked_changes_field_codes_and_content_controls() -> None:
    body = (
        p(
            "保留",
            "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>",
            "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins>",
            "<w:r><w:instrText>PAGE</w:instrText></w:r>",
            "<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>",
        )
        + f"<w:sdt><w:sdtPr/><w:sdtContent>{p('控件')}</w:sdtContent></w:sdt>"
        + tbl(
            f"<w:sdt><w:sdtContent>{tr(tc('a'), tc('b'))}</w:sdtContent></w:sdt>",
            tr(f"<w:customXml>{tc('c')}</w:customXml>", tc("d")),
        )
    )
    document = read_docx(docx(body))
    assert texts(document) == ["保留插入链接", "控件"]
    (table,) = document.tables()
    assert [[c.text for c in row] for row in table.rows()] == [["a", "b"], ["c", "d"]]


def test_text_boxes_are_read_once() -> None:
    box = f"<w:txbxContent>{p('框内')}</w:txbxContent>"
    alternate = (
        "<mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent>"
    )
    document = read_docx(docx(p("正文", f"<w:r>{alternate}</w:r>")))
    assert texts(document) == ["正文", "框内"]
    assert [line_of(b.span) for b in document.blocks] == [1, 2]


def test_a_table_inside_a_cell_makes_the_outer_table_layout() -> None:
    inner = tbl(tr(tc("1"), tc("2")), tr(tc("3"), tc("4")))
    outer = tbl(tr(tc("外"), f"<w:tc>{p('上')}{inner}{p('下')}</w:tc>"))
    document = read_docx(docx(p("前") + outer + p("后")))
    order = [b.text if isinstance(b, TextBlock) else f"table {b.index}" for b in document.blocks]
    assert order == ["前", "外", "上", "table 1", "下", "后"]
    assert codes(document) == ["layout-table"]


def test_a_single_column_table_is_text() -> None:
    document = read_docx(docx(tbl(tr(tc("甲")), tr(tc("乙")))))
    assert document.tables() == ()
    assert texts(document) == ["甲", "乙"]


def test_a_huge_grid_span_is_clamped_and_noted() -> None:
    document = read_docx(docx(tbl(tr(tc("a", span=999_999_999), tc("b")))))
    (table,) = document.tables()
    assert table.cells[0].colspan == 1000
    assert codes(document) == ["span-clamped"]


def test_strict_ooxml_namespace_is_read() -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    xml = document_xml(p("严格")).replace(docx_module._W_NAMESPACES[0], strict)
    data = package(
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": xml}
    )
    assert texts(read_docx(data)) == ["严格"]


def test_main_part_found_through_the_relationships() -> None:
    rels = RELS.replace("word/document.xml", "word/document2.xml")
    data = package(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": rels,
            "word/document2.xml": document_xml(p("二")),
        }
    )
    assert texts(read_docx(data)) == ["二"]


def test_an_empty_body_gives_an_empty_document() -> None:
    assert read_docx(docx("")).blocks == ()


# -- not a DOCX ---------------------------------------------------------------------------


def test_not_a_zip_is_a_parse_error_naming_the_file() -> None:
    with pytest.raises(ParseError) as error:
        read_docx(b"%PDF-1.4 not a docx", name="report.docx")
    assert error.value.where == "report.docx"


def test_a_zip_without_a_main_document_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match=r"word/document\.xml"):
        read_docx(package({"hello.txt": "hi"}), name="x.docx")


def test_malformed_xml_is_a_parse_error() -> None:
    data = package({"word/document.xml": "<w:document><w:body><w:p>"})
    with pytest.raises(ParseError):
        read_docx(data)


def test_a_root_that_is_not_a_word_document_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        read_docx(package({"word/document.xml": "<html><body/></html>"}))


# -- hostile files ------------------------------------------------------------------------

LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def test_billion_laughs_is_refused() -> None:
    # The DTD itself is refused, so no entity is ever expanded.
    data = docx(p("&lol9;".replace("&", "\x00")).replace("\x00", "&"), prolog=LAUGHS)
    with pytest.raises(ParseError, match="DTD") as error:
        read_docx(data)
    assert error.value.where is not None
    assert error.value.where.endswith(":word/document.xml")


def test_an_external_entity_is_never_resolved() -> None:
    prolog = '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
    xml = document_xml("<w:p><w:r><w:t>&secret;</w:t></w:r></w:p>", prolog=prolog)
    data = package(
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": xml}
    )
    with pytest.raises(ParseError) as error:
        read_docx(data)
    assert "DTD" in str(error.value)


def test_a_dtd_without_entities_is_refused_too() -> None:
    with pytest.raises(ParseError):
        read_docx(docx(p("x"), prolog="<!DOCTYPE w:document>"))


def test_a_zip_bomb_is_refused_before_decompressing() -> None:
    padding = " " * 5_000_000  # compresses about a thousand times
    xml = document_xml(p("x") + padding)
    data = package(
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": xml}
    )
    assert len(data) < 50_000
    with pytest.raises(LimitExceededError, match="max_decompression_ratio") as error:
        read_docx(data, name="bomb.docx")
    assert error.value.where == "bomb.docx:word/document.xml"


def test_a_part_over_max_bytes_is_refused() -> None:
    data = docx(p("x" * 5000))
    with pytest.raises(LimitExceededError, match="max_bytes"):
        read_docx(data, limits=Limits(max_bytes=4000))


def test_a_file_over_max_bytes_is_refused() -> None:
    with pytest.raises(LimitExceededError):
        read_docx(docx(p("x")), limits=Limits(max_bytes=100))


def test_too_many_members_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_module, "MAX_MEMBERS", 2)
    with pytest.raises(LimitExceededError):
        read_docx(docx(p("x")))


def test_deep_nesting_is_refused() -> None:
    nested = "<w:sdt><w:sdtContent>" * 300 + p("x") + "</w:sdtContent></w:sdt>" * 300
    with pytest.raises(LimitExceededError):
        read_docx(docx(nested))
    shallow = "<w:sdt><w:sdtContent>" * 20 + p("x") + "</w:sdtContent></w:sdt>" * 20
    assert texts(read_docx(docx(shallow))) == ["x"]
    with pytest.raises(LimitExceededError):
        read_docx(docx(shallow), limits=Limits(max_depth=20))


def test_too_many_elements_are_refused() -> None:
    with pytest.raises(LimitExceededError, match="max_elements"):
        read_docx(docx(p("x") * 200), limits=Limits(max_elements=500))


def test_too_many_cells_are_refused() -> None:
    row = tr(*(tc(str(i)) for i in range(10)))
    with pytest.raises(LimitExceededError, match="max_cells"):
        read_docx(docx(tbl(*[row] * 10)), limits=Limits(max_cells=99))


def test_an_encrypted_member_is_a_parse_error() -> None:
    data = bytearray(docx(p("x")))
    # Set the "encrypted" flag of every entry, as a password-protected zip has it.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        offsets = [info.header_offset for info in archive.infolist()]
    for offset in offsets:
        data[offset + 6] |= 0x1
    start = bytes(data).rfind(b"PK\x01\x02", 0)
    while start != -1:
        data[start + 8] |= 0x1
        start = bytes(data).rfind(b"PK\x01\x02", 0, start)
    with pytest.raises(ParseError, match="encrypted"):
        read_docx(bytes(data))


def test_missing_lxml_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lxml.etree", None)
    with pytest.raises(ParseError, match=r"govdisclosure\[docx\]"):
        read_docx(docx(p("x")))


@given(st.binary())
def test_fuzz_arbitrary_bytes(data: bytes) -> None:
    with contextlib.suppress(GovDisclosureError):
        read_docx(data)


@given(st.binary(max_size=400))
def test_fuzz_arbitrary_document_parts(part: bytes) -> None:
    data = package(
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": part}
    )
    with contextlib.suppress(GovDisclosureError):
        read_docx(data)


@given(st.integers(min_value=0), st.binary(min_size=1, max_size=8))
def test_fuzz_damaged_real_file(at: int, junk: bytes) -> None:
    good = docx(tbl(tr(tc("a", span=2), tc("b")), tr(tc("c"), tc("d"), tc("e"))) + p("x"))
    at %= len(good)
    with contextlib.suppress(GovDisclosureError):
        read_docx(good[:at] + junk + good[at + len(junk) :])
