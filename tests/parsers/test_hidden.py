"""Text a reader of the page never sees is not part of a figure, and is never lost.

``821<sup>9</sup>`` is the figure 821 with the footnote mark 9; a hidden or struck-through
digit is not a digit of the figure. Each case is built from a generated document (the
web page :func:`govdisclosure.render_html` writes, or the example Word file with one run
added) and requires the figure exact and the extra text among the leftovers, with its
reason, at the cell.
"""

from __future__ import annotations

import io
import zipfile

import pytest

import govdisclosure
from govdisclosure.parsers import read_docx, read_html
from govdisclosure.parsers._document import FOOTNOTE_MARK, HIDDEN, STRUCK

from ..conftest import EXAMPLES
from ._docxgen import docx, p, tbl, tc, tr

CELL_ID = 'id="gd-applications-new_received-natural_person" '
POINTER = "/applications/new_received/natural_person"


def _page(extra: str, *, head: str = "") -> str:
    report = govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())
    page = govdisclosure.render_html(report)
    start = page.index(CELL_ID)
    value = page.index(">64<", start)
    page = page[: value + 3] + extra + page[value + 3 :]
    return page.replace("</head>", head + "</head>", 1)


def _aside(result: govdisclosure.ParseResult) -> list[tuple[str, str]]:
    reasons = {HIDDEN, STRUCK, FOOTNOTE_MARK}
    return [(left.text, left.reason) for left in result.leftovers if left.reason in reasons]


@pytest.mark.parametrize(
    ("extra", "head", "kept"),
    [
        ("<sup>9</sup>", "", ("9", FOOTNOTE_MARK)),
        ("<sup>注1</sup>", "", ("注1", FOOTNOTE_MARK)),
        ("<span hidden>9</span>", "", ("9", HIDDEN)),
        ('<span style="color:red;DISPLAY : none !important">9</span>', "", ("9", HIDDEN)),
        ('<b style="visibility:hidden">9</b>', "", ("9", HIDDEN)),
        ("<noscript>9</noscript>", "", ("9", HIDDEN)),
        ("<del>9</del>", "", ("9", STRUCK)),
        ("<s>9</s>", "", ("9", STRUCK)),
        ("<strike>9</strike>", "", ("9", STRUCK)),
        ('<span style="text-decoration: line-through">9</span>', "", ("9", STRUCK)),
        ('<i class="fn x">9</i>', "<style>/* c */ i.fn { display: none }</style>", ("9", HIDDEN)),
        (
            '<i id="gone">9</i>',
            "<style>p{color:red} #gone{visibility:hidden}</style>",
            ("9", HIDDEN),
        ),
        (
            '<i class="old">9</i>',
            "<style>.old{text-decoration:line-through}</style>",
            ("9", STRUCK),
        ),
        ("<!-- 9 -->", "", None),
    ],
)
def test_html_text_the_page_does_not_show_is_no_digit(
    extra: str, head: str, kept: tuple[str, str] | None
) -> None:
    result = govdisclosure.parse(_page(extra, head=head), format="html")
    assert result.report.applications.new_received.natural_person == 64
    assert POINTER not in result.report.unread_pointers
    assert _aside(result) == ([] if kept is None else [kept])
    if kept is not None:
        (left,) = [x for x in result.leftovers if x.reason == kept[1]]
        assert left.span is not None
        assert left.span.table is not None  # located at its cell
        assert any("set-aside" in d.message for d in result.diagnostics)


def test_an_inline_style_that_shows_the_element_overrides_a_hiding_class() -> None:
    result = govdisclosure.parse(
        _page('<i class="x" style="display:inline">9</i>', head="<style>.x{display:none}</style>"),
        format="html",
    )
    assert result.report.applications.new_received.natural_person == 649


def test_rules_the_reader_does_not_understand_hide_nothing() -> None:
    head = "<style>@media print { .x { display: none } } div .x { display: none }</style>"
    result = govdisclosure.parse(_page('<i class="x">9</i>', head=head), format="html")
    assert result.report.applications.new_received.natural_person == 649


def test_hidden_running_text_is_set_aside_and_the_rest_read() -> None:
    page = (
        "<html><body><p>甲<span style='display:none'>隐藏</span>乙</p>"
        "<div hidden><p>整段隐藏</p></div><p>丙<del>删</del>丁</p></body></html>"
    )
    document = read_html(page)
    assert [b.text for b in document.blocks] == ["甲乙", "丙丁"]  # type: ignore[union-attr]
    assert [(a.text, a.reason) for a in document.set_aside] == [
        ("隐藏", HIDDEN),
        ("整段隐藏", HIDDEN),
        ("删", STRUCK),
    ]


def test_a_hidden_cell_takes_no_place_on_the_grid() -> None:
    page = (
        "<table><tr><td>a</td><td style='display:none'>x</td><td>b</td></tr>"
        "<tr><td>1</td><td>2</td></tr></table>"
    )
    document = read_html(page)
    (table,) = document.tables()
    assert [(c.row, c.column, c.text) for c in table.cells] == [
        (0, 0, "a"),
        (0, 1, "b"),
        (1, 0, "1"),
        (1, 1, "2"),
    ]
    assert [a.text for a in document.set_aside] == ["x"]


def test_a_superscript_in_running_text_is_read_as_written() -> None:
    document = read_html("<p>面积 100 m<sup>2</sup></p>")
    assert [b.text for b in document.blocks] == ["面积 100 m2"]  # type: ignore[union-attr]
    assert document.set_aside == ()


# -- Word ---------------------------------------------------------------------------------


def _run(text: str, properties: str) -> str:
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize(
    ("properties", "reason"),
    [
        ("<w:vanish/>", HIDDEN),
        ('<w:vanish w:val="true"/>', HIDDEN),
        ("<w:specVanish/>", HIDDEN),
        ("<w:webHidden/>", HIDDEN),
        ("<w:strike/>", STRUCK),
        ('<w:dstrike w:val="1"/>', STRUCK),
        ('<w:vertAlign w:val="superscript"/>', FOOTNOTE_MARK),
        ('<w:vanish w:val="false"/>', None),
        ('<w:strike w:val="0"/>', None),
        ('<w:vertAlign w:val="subscript"/>', None),
    ],
)
def test_word_runs_not_shown_as_text_are_set_aside(properties: str, reason: str | None) -> None:
    cell = p("821", _run("9", properties))
    document = read_docx(docx(tbl(tr(tc("项目"), tc(cell)), tr(tc("a"), tc("b")))))
    (table,) = document.tables()
    text = table.cells[1].text
    if reason is None:
        assert text == "8219"
        assert document.set_aside == ()
    else:
        assert text == "821"
        (aside,) = document.set_aside
        assert (aside.text, aside.reason) == ("9", reason)
        assert aside.span is not None
        assert (aside.span.table, aside.span.row, aside.span.column) == (1, 1, 2)


def test_a_word_superscript_in_running_text_is_read_hidden_runs_are_not() -> None:
    body = p("面积 m", _run("2", '<w:vertAlign w:val="superscript"/>'), _run("秘", "<w:vanish/>"))
    document = read_docx(docx(body))
    assert [b.text for b in document.blocks] == ["面积 m2"]  # type: ignore[union-attr]
    assert [(a.text, a.reason) for a in document.set_aside] == [("秘", HIDDEN)]


def _with_run_after(data: bytes, figure: str, run: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                xml = content.decode("utf-8")
                marker = f"<w:t>{figure}</w:t></w:r>"
                assert xml.count(marker) == 1
                content = xml.replace(marker, marker + run).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("properties", "reason"),
    [("<w:vanish/>", HIDDEN), ('<w:vertAlign w:val="superscript"/>', FOOTNOTE_MARK)],
)
def test_a_word_report_figure_is_exact_with_a_hidden_run_after_it(
    properties: str, reason: str
) -> None:
    original = (EXAMPLES / "shanghai-2019.docx").read_bytes()
    before = govdisclosure.parse(original, format="docx")
    figure = before.report.applications.new_received.natural_person
    assert figure == 821
    data = _with_run_after(original, "821", _run("9", properties))
    result = govdisclosure.parse(data, format="docx")
    assert result.report.applications.new_received.natural_person == 821
    assert ("9", reason) in _aside(result)
