"""Fuzzing the text and Markdown readers: whatever comes in, a result or a GovDisclosureError.

Documents are built by construction — a report drawn by :mod:`govdisclosure.testing`,
written as Markdown (:func:`~govdisclosure.render_markdown`), as text copied out of Word
(cells on tab-led lines, a blank line between rows) or as a crawler's one-line dump —
and then edited at drawn places: hostile snippets (template labels, figures of thousands
of digits, table syntax, blank lines, control characters) and *markers* inserted, spans
deleted or repeated. Every case must end in a result or a GovDisclosureError within the
limits, and every marker must come out (see :mod:`tests.fuzzing`).

The default run is brief; ``pytest -m slow`` runs the same properties at depth.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure.testing import consistent_reports, reports

from .conftest import EXAMPLES
from .fuzzing import DERANDOMIZE, assert_nothing_lost, mutated, read

_DELIMITER = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")
_QUICK = settings(max_examples=25, suppress_health_check=list(HealthCheck), derandomize=DERANDOMIZE)
_DEEP = settings(
    max_examples=1_500, suppress_health_check=list(HealthCheck), derandomize=DERANDOMIZE
)


def _tabbed(markdown: str) -> str:
    """Markdown as text copied out of Word: no front matter or ``#``, each table cell on
    its own tab-led line, a blank line after each row."""
    lines: list[str] = []
    body = markdown.split("\n---\n", 1)[-1]
    for line in body.split("\n"):
        if _DELIMITER.match(line):
            continue
        if line.startswith("|"):
            lines.extend("\t" + cell.strip() for cell in line.strip().strip("|").split("|"))
            lines.append("")
        else:
            lines.append(line.lstrip("# "))
    return "\n".join(lines)


def _flat(markdown: str) -> str:
    """Markdown as a crawler's dump: a header, then the body on one line, run together."""
    body = _tabbed(markdown)
    return "标题：年度报告\n=== 正文 ===\n" + re.sub(r"\s+", "", body)


_SHAPES = {"markdown": lambda m: m, "tabbed": _tabbed, "flat": _flat}


@st.composite
def documents(draw: st.DrawFn, shape: str) -> tuple[str, list[str]]:
    report = draw(consistent_reports() | reports())
    base = _SHAPES[shape](govdisclosure.render_markdown(report))
    return draw(mutated(base))


def _check(document: tuple[str, list[str]], *, as_bytes: bool, encoding: str) -> None:
    text, inserted = document
    data: str | bytes = text
    if as_bytes:
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode("utf-8", "surrogatepass")
    result = read(data, "text")
    if result is not None:
        assert_nothing_lost(result, inserted)


@pytest.mark.parametrize("shape", ["markdown", "tabbed", "flat"])
@_QUICK
@given(data=st.data())
def test_text_of_any_shape_reads_within_limits_and_loses_nothing(
    shape: str, data: st.DataObject
) -> None:
    document = data.draw(documents(shape))
    as_bytes = data.draw(st.booleans())
    _check(document, as_bytes=as_bytes, encoding=data.draw(st.sampled_from(["utf-8", "gb18030"])))


@_QUICK
@given(st.binary(max_size=2_000) | st.text(max_size=2_000))
def test_any_bytes_or_text_give_a_result_or_a_clear_error(data: bytes | str) -> None:
    read(data, "text")


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["markdown", "tabbed", "flat"])
@_DEEP
@given(data=st.data())
def test_deep_text_fuzzing(shape: str, data: st.DataObject) -> None:
    document = data.draw(documents(shape))
    _check(
        document,
        as_bytes=data.draw(st.booleans()),
        encoding=data.draw(st.sampled_from(["utf-8", "gb18030", "utf-16"])),
    )


def test_a_marker_in_a_row_labels_note_is_kept() -> None:
    report = govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())
    text = govdisclosure.render_markdown(report).replace("（区分处理的", "（区分处qzxMARKER理的", 1)
    result = read(text, "text")
    assert result is not None
    assert_nothing_lost(result, ["qzxMARKER"])
    # The row is read all the same.
    assert result.report.applications == report.applications


def test_a_long_metadata_value_not_understood_is_kept_whole() -> None:
    # Found by the deep Markdown fuzzing (shrunk): a front matter value past what the
    # note quotes lost its end.
    report = govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())
    text = govdisclosure.render_markdown(report)
    start = text.index("agency_level:")
    end = text.index("\n", start)
    value = "agency_level: " * 15 + 'qzxMARKER""'
    result = read(text[:start] + f"agency_level: {value}" + text[end:], "text")
    assert result is not None
    assert_nothing_lost(result, ["qzxMARKER"])


def test_the_templates_own_note_is_no_leftover() -> None:
    report = govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())
    text = govdisclosure.render_markdown(report).replace("，只计这一情形，", ",只计这一情形,", 1)
    result = read(text, "text")
    assert result is not None
    assert not [left for left in result.leftovers if "只计" in left.text]
    assert result.report.applications == report.applications


def test_words_in_the_last_row_label_cell_of_a_block_are_kept() -> None:
    # Found by the deep Markdown fuzzing: when a block's later rows are missing, the
    # words after the last row's label, inside its cell, were dropped.
    report = govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())
    text = govdisclosure.render_markdown(report)
    cut = text[: text.index("第二十条第（八）项")] + text[text.index("## 三、") :]
    result = read(cut.replace("| 行政强制 | 42 |", "| 行政强制 qzxMARKER| 42 |"), "text")
    assert result is not None
    assert_nothing_lost(result, ["qzxMARKER"])
    assert result.report.proactive.coercive_measures.decisions == 42


def test_words_in_table_fours_header_cell_are_kept() -> None:
    # Found by the deep fuzzing of Word-copied text (shrunk): the other words of table
    # 四's last header cell were dropped.
    text = (
        "其他处理总计结转下年度办理四、政府信息公开行政复议、行政诉讼情况"
        "其他结果尚未审结总计qzxMARKER\t2"
    )
    result = read(text, "text")
    assert result is not None
    assert_nothing_lost(result, ["qzxMARKER"])
