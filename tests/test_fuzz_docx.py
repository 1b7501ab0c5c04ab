"""Fuzzing the Word reader: whatever DOCX comes in, a result or a GovDisclosureError.

Files are built by construction — a report drawn by :mod:`govdisclosure.testing`,
written as paragraphs and tables of WordprocessingML (from its Markdown, one paragraph a
line, one table a pipe table), or the example Shanghai file — and then edited: runs
inserted with hidden, struck-through or superscript properties, *markers* inserted into
text, huge or broken merges, spans of XML deleted or repeated, and the zip itself cut
short, flipped or packed as a bomb. Every case must end in a result or a
GovDisclosureError within the limits (see :mod:`tests.fuzzing`).

"Printed" here is the text of ``w:t`` elements of the body, outside tracked deletions,
moved-away text and the fallback copies of alternate content: a marker counts only if
it stands there in the edited file, as lxml reads it on its own.

The default run is brief; ``pytest -m slow`` runs the same properties at depth.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import govdisclosure
from govdisclosure.testing import consistent_reports, reports

from .conftest import EXAMPLES
from .fuzzing import DERANDOMIZE, assert_nothing_lost, markers, read
from .parsers._docxgen import docx, p, tbl, tc, tr

_QUICK = settings(max_examples=20, suppress_health_check=list(HealthCheck), derandomize=DERANDOMIZE)
_DEEP = settings(max_examples=600, suppress_health_check=list(HealthCheck), derandomize=DERANDOMIZE)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SHANGHAI = (EXAMPLES / "shanghai-2019.docx").read_bytes()
_DELIMITER = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")
_NOT_PRINTED = {f"{{{W}}}del", f"{{{W}}}moveFrom", f"{{{W}}}instrText"}
_ELEMENT = re.compile(r"<w:(r|tc|tr|p)>.*?</w:\1>", re.DOTALL)
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

RUNS = (
    "<w:vanish/>",
    "<w:specVanish/>",
    "<w:webHidden/>",
    "<w:strike/>",
    '<w:dstrike w:val="true"/>',
    '<w:vertAlign w:val="superscript"/>',
    '<w:vanish w:val="false"/>',
    "",
)
XML = (
    '<w:gridSpan w:val="99999999"/>',
    '<w:gridSpan w:val="0"/>',
    "<w:vMerge/>",
    '<w:vMerge w:val="restart"/>',
    "<w:tab/>",
    "<w:br/>",
    '<w:sym w:char="F0FC"/>',
    '<w:sym w:char="zz"/>',
    "<w:p/>",
    "<w:tbl/>",
    "<w:tr/>",
    "<w:tc/>",
    "<w:del><w:r><w:delText>5</w:delText></w:r></w:del>",
    '<w:fldSimple w:instr="PAGE"><w:r><w:t>4</w:t></w:r></w:fldSimple>',
)


def _docx_of(markdown: str) -> bytes:
    """A Word file of ``markdown``'s lines: a paragraph per line, a table per pipe table."""
    body: list[str] = []
    rows: list[str] = []
    for line in markdown.split("\n"):
        if _DELIMITER.match(line):
            continue
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            rows.append(tr(*(tc(escape(cell)) if cell else tc() for cell in cells)))
            continue
        if rows:
            body.append(tbl(*rows))
            rows = []
        body.append(p(escape(line.lstrip("# "))) if line.strip() else p())
    if rows:
        body.append(tbl(*rows))
    return docx("".join(body))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _pack(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _printed(document_xml: bytes) -> str:
    try:
        root = etree.fromstring(document_xml, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return ""
    texts = []
    for element in root.iter(f"{{{W}}}t"):
        ancestors = {a.tag for a in element.iterancestors()}
        if not ancestors & _NOT_PRINTED and _FALLBACK not in ancestors:
            texts.append(element.text or "")
    return "".join(texts)


@st.composite
def packages(draw: st.DrawFn) -> tuple[bytes, list[str], str]:
    """A Word file, the markers inserted, and its document part as edited."""
    if draw(st.integers(0, 3)) == 0:
        data = SHANGHAI
    else:
        data = _docx_of(govdisclosure.render_markdown(draw(consistent_reports() | reports())))
    parts = _parts(data)
    xml = parts["word/document.xml"].decode("utf-8")
    inserted: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(("marker", "marker", "run", "xml", "delete", "repeat")))
        if kind == "marker":
            places = [m.end() for m in re.finditer(r"<w:t(?: [^>]*)?>", xml)]
            if not places:
                continue
            at = draw(st.sampled_from(places))
            word = draw(markers())
            inserted.append(word)
            xml = xml[:at] + word + xml[at:]
        elif kind == "run":
            places = [m.end() for m in re.finditer(r"</w:r>", xml)]
            if not places:
                continue
            at = draw(st.sampled_from(places))
            text = draw(markers() | st.sampled_from(["9", "12", "注1", "9" * 5000]))
            if text.startswith("qzx"):
                inserted.append(text)
            run = f"<w:r><w:rPr>{draw(st.sampled_from(RUNS))}</w:rPr><w:t>{text}</w:t></w:r>"
            xml = xml[:at] + run + xml[at:]
        elif kind == "xml":
            places = [m.end() for m in re.finditer(r"<w:(?:tcPr|p|tc|r)>", xml)]
            at = draw(st.sampled_from(places or [len(xml)]))
            xml = xml[:at] + draw(st.sampled_from(XML)) + xml[at:]
        else:
            # A whole run, cell, row or paragraph deleted or repeated (the XML stays well
            # formed, mostly: a cut that is not is a case of its own, now and then).
            spans = [m.span() for m in _ELEMENT.finditer(xml)]
            if not spans or draw(st.integers(0, 19)) == 0:
                at = draw(st.integers(0, len(xml)))
                start, stop = at, at + draw(st.integers(1, 300))
            else:
                start, stop = draw(st.sampled_from(spans))
            times = draw(st.integers(2, 20)) if kind == "repeat" else 0
            xml = xml[:start] + xml[start:stop] * times + xml[stop:]
    parts["word/document.xml"] = xml.encode("utf-8")
    packed = _pack(parts)
    damage = draw(st.sampled_from(("none",) * 12 + ("truncate", "flip", "stored")))
    if damage == "truncate":
        packed = packed[: draw(st.integers(0, len(packed)))]
    elif damage == "flip":
        at = draw(st.integers(0, len(packed) - 1))
        packed = packed[:at] + bytes([packed[at] ^ draw(st.integers(1, 255))]) + packed[at + 1 :]
    elif damage == "stored":
        packed = _pack(parts, zipfile.ZIP_STORED)
    return packed, inserted, xml


def _check(packed: bytes, inserted: list[str], xml: str, *_: object) -> None:
    result = read(packed, "docx")
    if result is not None:
        printed = _printed(xml.encode("utf-8"))
        assert_nothing_lost(result, [m for m in inserted if m in printed])


@_QUICK
@given(packages())
def test_any_word_file_reads_within_limits_and_loses_nothing(
    package: tuple[bytes, list[str], str],
) -> None:
    _check(*package)


@_QUICK
@given(st.binary(max_size=3_000).map(lambda b: b"PK\x03\x04" + b))
def test_any_bytes_give_a_result_or_a_clear_error(data: bytes) -> None:
    read(data, "docx")


def test_a_zip_bomb_is_refused_by_its_ratio() -> None:
    parts = _parts(SHANGHAI)
    parts["word/document.xml"] = parts["word/document.xml"] + b" " * 30_000_000
    with pytest.raises(govdisclosure.LimitExceededError) as info:
        govdisclosure.parse(_pack(parts), format="docx")
    assert info.value.limit == "max_decompression_ratio"


@pytest.mark.slow
@_DEEP
@given(packages())
def test_deep_docx_fuzzing(package: tuple[bytes, list[str], str]) -> None:
    _check(*package)
