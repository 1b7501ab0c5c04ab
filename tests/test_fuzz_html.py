"""Fuzzing the HTML reader: whatever page comes in, a result or a GovDisclosureError.

Pages are built by construction — a report drawn by :mod:`govdisclosure.testing` as the
page :func:`~govdisclosure.render_html` writes, or the example Shanghai page — and then
edited: hostile markup inserted between tags (superscripts, hidden and struck-through
text, huge or zero spans, stray table tags, entities, comments, scripts, deep nesting),
*markers* inserted into text, spans deleted or repeated, the bytes re-encoded. Every case
must end in a result or a GovDisclosureError within the limits (see :mod:`tests.fuzzing`).

"Printed" here is what a browser would render as text (hidden text included, since the
reader keeps it aside): a marker counts only if, in the edited page as lxml parses it on
its own, it stands in the body outside scripts, styles, templates and comments.

The default run is brief; ``pytest -m slow`` runs the same properties at depth.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

import govdisclosure
from govdisclosure.testing import consistent_reports, reports

from .conftest import EXAMPLES
from .fuzzing import DERANDOMIZE, assert_nothing_lost, markers, read

_QUICK = settings(max_examples=25, suppress_health_check=list(HealthCheck), derandomize=DERANDOMIZE)
_DEEP = settings(
    max_examples=1_000, suppress_health_check=list(HealthCheck), derandomize=DERANDOMIZE
)
SHANGHAI = (EXAMPLES / "shanghai-2019.html").read_text(encoding="utf-8")

MARKUP = (
    "<sup>9</sup>",
    "<sup>注</sup>",
    "<span hidden>7</span>",
    '<span style="display:none">8</span>',
    "<del>5</del>",
    "<s>4</s>",
    "<noscript>3</noscript>",
    "<td>",
    "</td>",
    "<tr>",
    "</tr>",
    "<table>",
    "</table>",
    '<td colspan="999999999">1</td>',
    '<td rowspan="0">2</td>',
    '<td colspan="-3" rowspan="abc">x</td>',
    "<th>总计</th>",
    "<br>",
    "<p>",
    "</p>",
    "&nbsp;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&amp;lt;",
    "<!-- 注释 -->",
    "<script>var a = '<td>1</td>';</script>",
    "<style>.x{display:none} td{visibility:hidden}</style>",
    "<template><td>9</td></template>",
    "<![CDATA[1]]>",
    "<pre>\t一、本年新收\t1\t2</pre>",
    '<meta charset="gbk">',
    "<div>" * 300,
    "</div>" * 300,
    "<b>" * 2_000,
    "<h1>",
    "9" * 5_000,
    "一、总体情况",
    "（一）予以公开",
    "\x00",
    "\ufeff",
)


def _text_positions(page: str) -> list[int]:
    """Places in ``page`` between a tag's ``>`` and the next ``<``, after ``<body``."""
    start = page.find("<body")
    return [m.start(1) for m in re.finditer(r">([^<]*)", page) if m.start() > start]


def _printed(page: str | bytes) -> str:
    """The text of the page's body as lxml reads it on its own, without scripts, styles,
    templates, comments and the head (hidden text included)."""
    try:
        root = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return ""
    for element in root.iter(etree.Comment):
        element.text = ""
    for tag in ("script", "style", "template", "head", "title"):
        for element in root.iter(tag):
            element.clear(keep_tail=True)
    return "".join(root.itertext())


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, list[str]]:
    if draw(st.integers(0, 4)) == 0:
        page = SHANGHAI
    else:
        report = draw(consistent_reports() | reports())
        page = govdisclosure.render_html(report)
    inserted: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(("marker", "marker", "markup", "markup", "delete", "repeat")))
        if kind == "marker":
            places = _text_positions(page)
            if not places:
                continue
            at = draw(st.sampled_from(places))
            word = draw(markers())
            inserted.append(word)
            page = page[:at] + word + page[at:]
        elif kind == "markup":
            at = draw(st.sampled_from(_text_positions(page) or [len(page)]))
            page = page[:at] + draw(st.sampled_from(MARKUP)) + page[at:]
        else:
            at = draw(st.integers(0, len(page)))
            length = draw(st.integers(1, 300))
            piece = page[at : at + length]
            times = draw(st.integers(2, 30)) if kind == "repeat" else 0
            page = page[:at] + piece * times + page[at + length :]
    return page, inserted


def _check(page: str, inserted: list[str], encoding: str | None) -> None:
    data: str | bytes = page
    if encoding is not None:
        data = page.encode(encoding, "replace")
    result = read(data, "html")
    if result is not None:
        printed = _printed(data)
        assert_nothing_lost(result, [m for m in inserted if m in printed])


@_QUICK
@given(pages(), st.sampled_from([None, "utf-8", "gb18030"]))
def test_any_page_reads_within_limits_and_loses_nothing(
    page: tuple[str, list[str]], encoding: str | None
) -> None:
    _check(*page, encoding)


@_QUICK
@given(st.binary(max_size=2_000) | st.text(max_size=2_000).map(lambda t: "<p>" + t))
def test_any_bytes_or_markup_give_a_result_or_a_clear_error(data: bytes | str) -> None:
    read(data, "html")


@pytest.mark.slow
@_DEEP
@given(pages(), st.sampled_from([None, "utf-8", "gb18030", "utf-16"]))
def test_deep_html_fuzzing(page: tuple[str, list[str]], encoding: str | None) -> None:
    _check(*page, encoding)


def test_a_word_among_a_rows_values_is_kept() -> None:
    # Found by the deep HTML fuzzing (shrunk): text between a row's values (here stray
    # text a browser moves out of the table) was dropped when the row was read as a run.
    page = (
        "上年结转政府信息公开申请</>7</><table><td>6</>"
        "<th>没有现成信息需要另行制作补正后申请内容仍不明确</th>qzxMARKER"
    )
    result = read(page, "html")
    assert result is not None
    assert_nothing_lost(result, ["qzxMARKER"])


def test_a_word_in_a_cell_after_a_rows_run_is_kept() -> None:
    # Found by the deep HTML fuzzing (shrunk).
    page = (
        "第二十条第（六）项行政强制<r>0<p><p>0<p><table><td>qzxMARKER"
        "<td>行政事业性收费>本年新收政府信息公开申请上年结转政府信息公开申请予以公开"
    )
    result = read(page, "html")
    assert result is not None
    assert_nothing_lost(result, ["qzxMARKER"])
