"""Properties of parse(): round trips of generated reports, and robustness on any input."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import AnnualReport, GovDisclosureError, ParseError, check, dumps, loads
from govdisclosure.model import iter_cells
from govdisclosure.parsers import ParseResult, parse
from govdisclosure.testing import consistent_reports

from .conftest import DATA
from .layouts import flat_text, word_text

SEED_LINES = (DATA / "seeds" / "qidu-2019.txt").read_text(encoding="utf-8").split("\n")


def _cells(report: AnnualReport) -> dict[str, object]:
    return {ref.pointer: value for ref, value in iter_cells(report)}


@given(consistent_reports())
def test_word_text_round_trip(report: AnnualReport) -> None:
    parsed = parse(word_text(report)).report
    assert parsed.edition is report.edition
    assert parsed.year == report.year
    assert _cells(parsed) == _cells(report)


@given(consistent_reports())
def test_flattened_text_is_never_misread(report: AnnualReport) -> None:
    # Cells run together are split only where one reading fits: a cell is either read
    # right or left blank with a diagnostic; never a wrong figure.
    result = parse(flat_text(report))
    parsed, truth = _cells(result.report), _cells(report)
    located = {d.pointer for d in result.diagnostics} | {
        r.pointer for d in result.diagnostics for r in d.related
    }
    for pointer, value in parsed.items():
        if value is None:
            row = pointer.rsplit("/", 1)[0]
            assert (
                pointer in located
                or row in located
                or (pointer.startswith("/appeals/") and "/appeals" in located)
            ), pointer
        else:
            assert value == truth[pointer], pointer


def _outcome(source: str | bytes) -> ParseResult | None:
    try:
        return parse(source)
    except GovDisclosureError:
        return None


@given(st.text(max_size=2_000))
def test_any_text_parses_or_raises_a_library_error(text: str) -> None:
    _outcome(text)


@given(st.text(max_size=40), st.sampled_from([".txt", ".pdf", ".json", ".html", ".docx", ""]))
def test_path_like_strings(stem: str, suffix: str) -> None:
    # One-line strings ending like a file name are taken as paths: missing, unreadable or
    # odd paths are library errors too.
    _outcome(stem.replace("\n", "") + suffix)


@given(st.binary(max_size=2_000))
def test_any_bytes_parse_or_raise_a_library_error(data: bytes) -> None:
    _outcome(data)


_TAGS = st.sampled_from(
    ["<html>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "<p>", "</p>", "<br/>"]
)
_WORDS = st.sampled_from(
    [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量",
        "（一）予以公开",
        "三、本年度办理结果",
        "（七）总计",
        "四、结转下年度继续办理",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议",
        "结果维持",
        "总计",
        "第二十条第（一）项",
        "规章",
        "0",
        "12",
        "270020130",
        "\t",
        "\n",
        " ",
        "/",
        "（",
        "）",
    ]
)


@given(st.lists(st.one_of(_TAGS, _WORDS, st.text(max_size=5)), max_size=80))
def test_report_like_and_html_like_text(parts: list[str]) -> None:
    _outcome("".join(parts))


@given(st.data())
def test_mangled_seed_parses_or_is_refused(data: st.DataObject) -> None:
    lines = list(SEED_LINES)
    for _ in range(data.draw(st.integers(0, 12))):
        action = data.draw(st.sampled_from(["drop", "duplicate", "swap", "garble"]))
        i = data.draw(st.integers(0, len(lines) - 1))
        if action == "drop":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = data.draw(st.text(max_size=20))
        if not lines:
            break
    result = _outcome("\n".join(lines))
    if result is not None:
        # Whatever was read is a report the checks run on and the JSON form keeps whole.
        check(result.report)
        assert loads(dumps(result.report)) == result.report


def _pathological(n: int) -> list[str]:
    return [
        "1" * n,
        "一、" * (n // 2),
        "（" * n,
        "(" * n,
        "第二十条第（一）项" * (n // 10),
        "一、本年新收政府信息公开申请数量" + "0" * n,
        "1." * (n // 2),
        "年度报告" * (n // 5),
        "2019年" * (n // 5),
        "\t\n" * (n // 2),
        "- 1 -\n" * (n // 5),
        "\n" * n,
        "三、收到和处理政府信息公开申请情况" + "（本列数据" * (n // 5),
    ]


def _finish(samples: list[str]) -> None:
    # Long runs of what the patterns look for: all patterns are linear, so these end
    # promptly (the suite would hang if one backtracked; benchmarks/bench_parse.py
    # measures the growth).
    for sample in samples:
        with contextlib.suppress(ParseError):
            parse(sample)


def test_pathological_inputs_finish() -> None:
    _finish(_pathological(10_000))


@pytest.mark.slow
def test_long_pathological_inputs_finish() -> None:
    _finish(_pathological(200_000))
