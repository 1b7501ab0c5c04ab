"""Reading text is linear in its size, and every limit is checked where the work grows.

A report followed by a megabyte of blank lines, a text of millions of short lines, one
line of millions of words: each ends in a report or a ``LimitExceededError`` naming its
limit. What is asserted here is structure (how many blocks a padding makes, which limit
answers, that the clock is looked at while the loops run), never time: timings are in
``benchmarks/bench_hostile.py``.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import LimitExceededError, Limits
from govdisclosure.parsers import read_html, read_text
from govdisclosure.parsers.assemble import _fold
from govdisclosure.parsers.assemble._fold import Folded

from .conftest import EXAMPLES

REPORT = govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())
MARKDOWN = govdisclosure.render_markdown(REPORT)


def _same_report(text: str) -> None:
    result = govdisclosure.parse(text, format="text")
    original = govdisclosure.parse(MARKDOWN, format="text")
    assert govdisclosure.dumps(result.report) == govdisclosure.dumps(original.report)


@pytest.mark.parametrize("blank", ["\n", "\r\n", " \n", "\u3000\r", "\n\n \n"])
def test_blank_lines_after_a_report_cost_one_block(blank: str) -> None:
    padding = blank * 100_000
    document = read_text(MARKDOWN + padding)
    plain = read_text(MARKDOWN)
    assert len(document.blocks) <= len(plain.blocks) + 1
    _same_report(MARKDOWN + padding)


def test_blank_lines_keep_every_line_number() -> None:
    text = "甲\n\n\n乙\n \n丙"
    document = read_text(text)
    spans = [(b.text, b.span.line, b.span.end_line) for b in document.blocks]  # type: ignore[union-attr]
    assert spans == [
        ("甲", 1, None),
        ("\n", 2, 3),
        ("乙", 4, None),
        (" ", 5, None),
        ("丙", 6, None),
    ]


def test_lines_holding_text_are_counted_against_max_elements() -> None:
    limits = Limits(max_elements=50)
    text = "\n".join(["一行文字"] * 40) + "\n" * 10_000  # blank lines do not count
    assert len(read_text(text, limits=limits).blocks) == 41
    with pytest.raises(LimitExceededError) as info:
        read_text("0\n" * 51, limits=limits)
    assert (info.value.limit, info.value.maximum) == ("max_elements", 50)
    assert info.value.where == "<text>:51"


def test_a_text_of_millions_of_short_lines_is_refused_before_it_is_split() -> None:
    with pytest.raises(LimitExceededError) as info:
        govdisclosure.parse(MARKDOWN + "0\n" * 2_000_000, format="text")
    assert info.value.limit == "max_elements"


def test_html_pre_lines_are_counted_against_max_elements() -> None:
    page = "<html><body><pre>" + "0\n" * 60 + "</pre></body></html>"
    with pytest.raises(LimitExceededError) as info:
        read_html(page, limits=Limits(max_elements=50))
    assert info.value.limit == "max_elements"


class _Clock:
    """A clock that advances one second every time it is read."""

    def __init__(self) -> None:
        self.reads = itertools.count()

    def __call__(self) -> float:
        return float(next(self.reads))


@pytest.mark.parametrize(
    ("format", "document"),
    [
        ("text", MARKDOWN + "\n".join(["一行文字"] * 50_000)),
        ("text", MARKDOWN + "0 " * 2_000_000),
        ("html", "<html><body>" + "<p>一行文字</p>" * 50_000 + "</body></html>"),
    ],
    ids=["lines", "one-long-line", "html-paragraphs"],
)
def test_the_time_limit_is_checked_inside_the_loops(
    monkeypatch: pytest.MonkeyPatch, format: str, document: str
) -> None:
    # With a clock that ticks once per look, only a reader that looks at it while its
    # loops run (not merely between the steps of reading) goes over 40 "seconds".
    from govdisclosure.parsers import _clock

    monkeypatch.setattr(_clock, "_now", _Clock())
    with pytest.raises(LimitExceededError) as info:
        govdisclosure.parse(document, format=format, limits=Limits(max_seconds=40))
    assert info.value.limit == "max_seconds"


def test_the_front_end_and_the_assembler_share_one_time_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from govdisclosure.parsers import _clock

    clock = _Clock()
    monkeypatch.setattr(_clock, "_now", clock)
    # Reading the front-end alone looks at the clock a few times; parse() counts from
    # its start, so the assembler's checks see the front-end's time too.
    read_text(MARKDOWN, limits=Limits(max_seconds=1_000))
    front_end_reads = next(clock.reads)
    limits = Limits(max_seconds=front_end_reads)
    with pytest.raises(LimitExceededError):
        govdisclosure.parse(MARKDOWN, format="text", limits=limits)


# -- the folded key of a long text ---------------------------------------------------------

_PIECES = st.sampled_from(["a", "1", " ", "\n", "\u3000", "“", "Ｂ", "、", "  ", "\t"])


@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(1, 8))
def test_a_folded_text_maps_the_same_whatever_its_windows(text: str, window: int) -> None:
    whole = Folded(text)
    original = _fold._WINDOW
    try:
        _fold._WINDOW = window
        windowed = Folded(text)
    finally:
        _fold._WINDOW = original
    assert windowed.key == whole.key == _fold.fold_key(text)
    for index in range(len(whole.key) + 1):
        assert windowed.position(index) == whole.position(index)
        assert windowed.end_position(index) == whole.end_position(index)
    for position in range(len(text) + 2):
        assert windowed.key_index(position) == whole.key_index(position)
    # Every key character maps back to a character that folds to it.
    for index, char in enumerate(whole.key):
        assert _fold.fold_width(text[whole.position(index)]) == char


def test_a_title_line_that_differs_from_the_stated_title_is_kept() -> None:
    text = MARKDOWN.replace("\n# ", "\n# 另一个标题 ", 1)
    result = govdisclosure.parse(text, format="text")
    assert result.report.title == REPORT.title  # what the front matter states
    kept = [left for left in result.leftovers if "另一个标题" in left.text]
    assert len(kept) == 1
    assert kept[0].span is not None
