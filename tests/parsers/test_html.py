"""The HTML front-end: real report pages, merged cells, encodings, hostile markup."""

from __future__ import annotations

import codecs
import encodings.aliases
import sys
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import GovDisclosureError, LimitExceededError, ParseError
from govdisclosure._limits import Limits
from govdisclosure.parsers import Document, Table, TextBlock, read_html

from ._grid import (
    cell_at,
    codes,
    corpus_bytes,
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
    return read_html(corpus_bytes(f"{SHANGHAI}.html"), name=f"{SHANGHAI}.html")


# -- the Shanghai page ------------------------------------------------------------------


@pytest.mark.parametrize(("label", "values"), table_three_rows(SHANGHAI))
def test_shanghai_table_three_figures(label: str, values: list[int | None]) -> None:
    assert numbers(row_values(shanghai(), label)) == values


def test_shanghai_table_four_figures() -> None:
    assert numbers(table_four(shanghai())) == table_four_expected(SHANGHAI)


def test_shanghai_tables_and_their_grids() -> None:
    document = shanghai()
    assert document.format == "html"
    assert document.name == f"{SHANGHAI}.html"
    shapes = [(t.index, t.n_rows, t.n_columns) for t in document.tables()]
    assert shapes == [(1, 18, 5), (2, 26, 10), (3, 4, 15)]


def test_shanghai_table_three_merged_headers() -> None:
    table = shanghai().tables()[1]

    def spans(row: int, column: int) -> tuple[str, int, int, int, int]:
        cell = cell_at(table, row, column)
        return cell.text, cell.row, cell.column, cell.rowspan, cell.colspan

    assert spans(0, 0)[1:] == (0, 0, 3, 3)
    assert spans(2, 2)[0].startswith("（本列数据的勾稽关系")
    assert spans(0, 3) == ("申请人情况", 0, 3, 1, 7)
    assert spans(2, 3) == ("自然人", 1, 3, 2, 1)
    assert spans(1, 4) == ("法人或其他组织", 1, 4, 1, 5)
    assert spans(2, 9) == ("总计", 1, 9, 2, 1)
    assert [cell_at(table, 2, c).text for c in range(4, 9)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert spans(24, 0) == ("三、本年度办理结果", 5, 0, 20, 1)
    assert spans(14, 1) == ("（三）不予公开", 7, 1, 8, 1)
    assert spans(25, 2) == ("四、结转下年度继续办理", 25, 0, 1, 3)


def test_shanghai_blank_cells_are_empty_text() -> None:
    table = shanghai().tables()[1]
    partly = cell_at(table, 6, 4)  # （二）部分公开 / 商业企业: &nbsp;
    assert partly.text == ""


def test_cells_keep_line_breaks_and_positions() -> None:
    table = shanghai().tables()[0]
    header = cell_at(table, 1, 1)
    assert header.text == "本年新\n制作数量"
    assert (header.span.table, header.span.row, header.span.column) == (1, 2, 2)
    merged = cell_at(table, 1, 3)  # 本年新公开数量 covers columns 3 and 4
    assert (merged.column, merged.colspan, merged.span.column) == (2, 2, 3)


def test_shanghai_running_text_in_order() -> None:
    blocks = texts(shanghai())
    assert blocks[0] == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    headings = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、政府信息公开工作存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    positions = [blocks.index(h) for h in headings]
    assert positions == sorted(positions)
    assert blocks[-1] == "无。"
    # each table sits after its section heading
    order = [b.text if isinstance(b, TextBlock) else f"table {b.index}" for b in shanghai().blocks]
    assert order.index("table 2") == order.index(headings[2]) + 1


def test_shanghai_encoding_is_guessed_from_the_bytes() -> None:
    assert codes(shanghai()) == ["encoding-guessed"]
    assert "utf-8" in shanghai().notes[0][2]


# -- encodings ----------------------------------------------------------------------------

REPORT = (
    "<html><head>{meta}<title>年度报告</title></head>"
    "<body><p>政府信息公开工作年度报告</p></body></html>"
)


def _first_text(document: Document) -> str:
    return texts(document)[0]


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="gbk">',
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        "<meta charset=GB18030>",
    ],
)
def test_gbk_declared_in_a_meta_tag(meta: str) -> None:
    document = read_html(REPORT.format(meta=meta).encode("gbk"))
    assert _first_text(document) == "政府信息公开工作年度报告"
    assert document.title == "年度报告"
    assert codes(document) == []


def test_shanghai_page_reencoded_as_gbk_with_meta_reads_the_same() -> None:
    page = corpus_bytes(f"{SHANGHAI}.html").decode("utf-8")
    gbk = ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' + page).encode(
        "gbk"
    )
    document = read_html(gbk)
    assert document.blocks == shanghai().blocks
    assert codes(document) == []


def test_shanghai_page_reencoded_as_gbk_without_meta_is_guessed() -> None:
    document = read_html(corpus_bytes(f"{SHANGHAI}.html").decode("utf-8").encode("gbk"))
    assert document.blocks == shanghai().blocks
    assert codes(document) == ["encoding-guessed"]
    assert "gb18030" in document.notes[0][2]


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_a_byte_order_mark_decides(bom: bytes, codec: str) -> None:
    page = corpus_bytes(f"{SHANGHAI}.html").decode("utf-8")
    document = read_html(bom + page.encode(codec))
    assert document.blocks == shanghai().blocks
    assert codes(document) == []


def test_a_bom_wins_over_a_wrong_meta_tag() -> None:
    document = read_html(codecs.BOM_UTF8 + REPORT.format(meta='<meta charset="gbk">').encode())
    assert _first_text(document) == "政府信息公开工作年度报告"
    assert codes(document) == []


def test_a_wrong_declaration_is_noted_and_overridden() -> None:
    document = read_html(REPORT.format(meta='<meta charset="gbk">').encode("utf-8"))
    assert _first_text(document) == "政府信息公开工作年度报告"
    assert codes(document) == ["encoding-mismatch"]


def test_an_unknown_declared_charset_is_noted() -> None:
    document = read_html(REPORT.format(meta='<meta charset="x-no-such">').encode("gbk"))
    assert _first_text(document) == "政府信息公开工作年度报告"
    assert codes(document) == ["encoding-unknown", "encoding-guessed"]


def test_a_non_text_codec_label_is_not_used() -> None:
    document = read_html(REPORT.format(meta='<meta charset="base64">').encode("utf-8"))
    assert _first_text(document) == "政府信息公开工作年度报告"
    assert codes(document) == ["encoding-unknown", "encoding-guessed"]


def test_no_declared_codec_label_makes_decoding_raise() -> None:
    # Every codec name Python knows, declared over bytes no codec reads cleanly.
    labels = {*encodings.aliases.aliases, *encodings.aliases.aliases.values(), "idna"}
    for label in sorted(labels):
        data = f'<meta charset="{label}"><p>年度报告</p>'.encode("gbk") + b"\\x\xff."
        assert texts(read_html(data)), label


def test_undecodable_bytes_are_replaced_and_noted() -> None:
    data = "<p>年度报告</p>".encode() + b"<p>\xff\xfe\x80</p>"
    document = read_html(data)
    assert _first_text(document) == "年度报告"
    assert "\ufffd" in texts(document)[1]
    assert codes(document) == ["encoding-replaced"]


def test_text_input_needs_no_decoding() -> None:
    document = read_html(corpus_bytes(f"{SHANGHAI}.html").decode("utf-8"))
    assert document.blocks == shanghai().blocks
    assert codes(document) == []


def test_lone_surrogates_in_text_are_replaced() -> None:
    document = read_html("<p>a\ud800b</p>")
    assert texts(document) == ["a\ufffdb"]
    assert codes(document) == ["encoding-replaced"]


# -- structure --------------------------------------------------------------------------

PORTAL = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>2023年某区政府信息公开工作年度报告_某区人民政府</title>
<style>p { color: red }</style>
<script>var html = "<p>not text</p>";</script>
</head>
<body>
<!-- a comment is not text -->
<div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a></div>
<table width="100%"><tr>
  <td class="side"><ul><li>通知公告</li><li>政策文件</li></ul></td>
  <td class="main">
    <h1>2023年某区政府信息公开工作年度报告</h1>
    <p>一、总体情况</p>
    <p>第一行<br>第二行</p>
    <table border="1">
      <tr><th>信息内容</th><th>本年制发件数</th></tr>
      <tr><td>规章</td><td>0</td></tr>
    </table>
  </td>
</tr></table>
<div class="footer">主办：某区人民政府办公室<script>document.write("x")</script></div>
</body>
</html>
"""


def test_a_portal_page_keeps_its_chrome_and_finds_the_nested_table() -> None:
    document = read_html(PORTAL.encode())
    assert document.title == "2023年某区政府信息公开工作年度报告_某区人民政府"
    assert texts(document) == [
        "首页 | 政务公开",
        "通知公告",
        "政策文件",
        "2023年某区政府信息公开工作年度报告",
        "一、总体情况",
        "第一行",
        "第二行",
        "主办：某区人民政府办公室",
    ]
    (table,) = document.tables()
    assert table.index == 1
    assert [[c.text for c in row] for row in table.rows()] == [
        ["信息内容", "本年制发件数"],
        ["规章", "0"],
    ]
    assert codes(document) == ["layout-table"]


def test_text_blocks_carry_their_source_line() -> None:
    document = read_html(PORTAL.encode())
    by_text = {b.text: line_of(b.span) for b in document.blocks if isinstance(b, TextBlock)}
    lines = PORTAL.splitlines()
    assert lines[by_text["一、总体情况"] - 1].strip() == "<p>一、总体情况</p>"
    (table,) = document.tables()
    assert "<table border" in lines[line_of(table.span) - 1]
    cell = table.cells[-1]
    assert lines[line_of(cell.span) - 1].strip().startswith("<tr><td>规章")
    assert (cell.span.table, cell.span.row, cell.span.column) == (1, 2, 2)


def test_nested_tags_in_cells_are_flattened_with_line_breaks() -> None:
    html = (
        "<table><tr><td><p><b>本年</b><span>新</span></p><p>制作<br/>数量</p></td>"
        "<td>&nbsp;</td><td> \n 12 \n </td><td><div>a</div>b<ul><li>c</li></ul></td></tr></table>"
    )
    (table,) = read_html(html).tables()
    assert [c.text for c in table.cells] == ["本年新\n制作\n数量", "", "12", "a\nb\nc"]


def test_preformatted_text_keeps_its_lines() -> None:
    html = "<body>\n<pre>一、总体情况\n\n\t自然人\t3\n  </pre><p>后</p></body>"
    document = read_html(html)
    assert [(b.text, line_of(b.span)) for b in document.blocks if isinstance(b, TextBlock)] == [
        ("一、总体情况", 2),
        ("\t自然人\t3", 4),
        ("后", 5),
    ]


def test_several_tables_are_numbered_in_order() -> None:
    html = "<p>x</p>" + "<table><tr><td>a</td><td>b</td></tr></table><p>y</p>" * 3
    document = read_html(html)
    assert [t.index for t in document.tables()] == [1, 2, 3]
    assert [type(b).__name__ for b in document.blocks] == [
        "TextBlock",
        "Table",
        "TextBlock",
        "Table",
        "TextBlock",
        "Table",
        "TextBlock",
    ]


def test_a_table_inside_a_data_cell_makes_the_outer_table_layout() -> None:
    html = (
        "<table><tr><td>外</td><td><table><tr><td>1</td><td>2</td></tr>"
        "<tr><td>3</td><td>4</td></tr></table></td></tr><tr><td>下</td><td>5</td></tr></table>"
    )
    document = read_html(html)
    (inner,) = document.tables()
    assert (inner.n_rows, inner.n_columns) == (2, 2)
    assert [c.text for c in inner.cells] == ["1", "2", "3", "4"]
    assert texts(document) == ["外", "下", "5"]


def test_a_single_column_table_is_text() -> None:
    document = read_html("<table><tr><td><p>甲</p><p>乙</p></td></tr></table>")
    assert document.tables() == ()
    assert texts(document) == ["甲", "乙"]


def test_rowspan_and_colspan_follow_the_html_table_model() -> None:
    html = """<table>
      <tr><td rowspan=2>a</td><td colspan=2>b</td></tr>
      <tr><td>c</td><td>d</td></tr>
      <tr><td colspan="2px">e</td><td rowspan="0">f</td></tr>
      <tr><td>g</td><td rowspan=9>h</td></tr>
    </table>"""
    (table,) = read_html(html).tables()
    assert (table.n_rows, table.n_columns) == (4, 3)
    grid = [[c.text if c else None for c in row] for row in table.grid()]
    assert grid == [
        ["a", "b", "b"],
        ["a", "c", "d"],
        ["e", "e", "f"],
        ["g", "h", "f"],
    ]
    by_text = {c.text: (c.row, c.column, c.rowspan, c.colspan) for c in table.cells}
    assert by_text["f"] == (2, 2, 2, 1)  # rowspan=0: to the end of the table
    assert by_text["h"] == (3, 1, 1, 1)  # past the last row: clamped, as browsers do


def test_ragged_rows_leave_empty_slots() -> None:
    (table,) = read_html(
        "<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr></table>"
    ).tables()
    assert table.grid()[1][1:] == (None, None)


def test_overlapping_spans_are_noted() -> None:
    html = "<table><tr><td>a</td><td rowspan=2>b</td></tr><tr><td colspan=2>c</td></tr></table>"
    document = read_html(html)
    assert codes(document) == ["span-overlap"]


def test_caption_and_stray_text_in_a_table_are_kept() -> None:
    document = read_html("<table><caption>表一</caption><tr><td>a</td><td>b</td></tr></table>")
    assert texts(document) == ["表一"]
    assert len(document.tables()) == 1


def test_empty_and_textless_input_gives_an_empty_document() -> None:
    for data in (b"", "", "   ", b"<html></html>", "<script>x</script>", b"<!-- x -->"):
        document = read_html(data)
        assert document.blocks == ()


def test_unclosed_tags_are_closed() -> None:
    document = read_html("<table><tr><td>a<td>b<tr><td>c<td>d</table><p>x<p>y")
    (table,) = document.tables()
    assert [[c.text for c in row] for row in table.rows()] == [["a", "b"], ["c", "d"]]
    assert texts(document) == ["x", "y"]


# -- hostile input ----------------------------------------------------------------------


def test_a_colspan_bomb_is_clamped_and_noted() -> None:
    document = read_html('<table><tr><td colspan="999999999">a</td><td>b</td></tr></table>')
    (table,) = document.tables()
    assert table.cells[0].colspan == 1000
    assert table.n_columns == 1001
    assert codes(document) == ["span-clamped"]


def test_a_number_of_thousands_of_digits_is_clamped_without_converting_it() -> None:
    document = read_html(f'<table><tr><td rowspan="{"9" * 50_000}">a</td><td>b</td></tr></table>')
    assert codes(document) == ["span-clamped"]


def test_many_wide_cells_exceed_max_cells() -> None:
    row = '<tr><td colspan="999999999">a</td></tr>'
    with pytest.raises(LimitExceededError):
        read_html("<table>" + row * 50 + "</table>")


@pytest.mark.parametrize("depth", [201, 300, 100_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    with pytest.raises(LimitExceededError):
        read_html("<div>" * depth + "x" + "</div>" * depth)


def test_nesting_within_the_limit_is_read() -> None:
    document = read_html("<div>" * 150 + "深" + "</div>" * 150)
    assert texts(document) == ["深"]


def test_nesting_over_a_lower_limit_is_refused() -> None:
    with pytest.raises(LimitExceededError):
        read_html("<div>" * 20 + "x" + "</div>" * 20, limits=Limits(max_depth=10))


def test_input_over_max_bytes_is_refused() -> None:
    with pytest.raises(LimitExceededError):
        read_html(b"<p>x</p>" * 100, limits=Limits(max_bytes=500))
    with pytest.raises(LimitExceededError):
        read_html("<p>x</p>" * 100, limits=Limits(max_bytes=500))


def test_too_many_tags_are_refused_before_parsing() -> None:
    with pytest.raises(LimitExceededError):
        read_html("<p>x" * 1000, limits=Limits(max_elements=999))


def test_missing_lxml_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lxml.etree", None)
    with pytest.raises(ParseError, match=r"govdisclosure\[html\]"):
        read_html("<p>x</p>")


# -- fuzzing ------------------------------------------------------------------------------

_TAGS = st.sampled_from(
    ["p", "div", "table", "tr", "td", "th", "br", "span", "b", "li", "script", "title", "tbody"]
)
_ATTRS = st.sampled_from(
    ["", ' colspan="3"', " rowspan=0", ' colspan="99999999999"', " rowspan=-2", ' colspan="x"']
)
_PIECES = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", _TAGS, _ATTRS),
    st.builds(lambda t: f"</{t}>", _TAGS),
    st.text(max_size=8),
    st.sampled_from(
        ["&nbsp;", "&#0;", "&#xD800;", "<!--", "-->", "<![CDATA[", "<meta charset=gbk>"]
    ),
)


def _read_or_refuse(data: bytes | str) -> None:
    try:
        document = read_html(data)
    except GovDisclosureError:
        return
    assert isinstance(document, Document)
    for table in document.tables():
        assert isinstance(table, Table)
        table.grid()


@given(st.text())
def test_fuzz_arbitrary_text(data: str) -> None:
    _read_or_refuse(data)


@given(st.binary())
def test_fuzz_arbitrary_bytes(data: bytes) -> None:
    _read_or_refuse(data)


@given(st.lists(_PIECES, max_size=60).map("".join))
def test_fuzz_tag_soup(data: str) -> None:
    _read_or_refuse(data)
    _read_or_refuse(data.encode("utf-8", "surrogatepass"))
