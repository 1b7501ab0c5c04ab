"""JSON pointer to line: every value, or only the wanted pointers (the rest read past)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure.codecs import pointer_lines
from govdisclosure.testing import reports

_keys = st.text(alphabet='ab/~ 公开"\\', max_size=4)
_json: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='x\n"公', max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=30,
)
_layouts = st.sampled_from(
    [
        {"indent": None},
        {"indent": 0},
        {"indent": 2},
        {"indent": 1, "separators": (",\n", ":\n")},
    ]
)


def test_lines_of_a_small_document() -> None:
    text = '{\n  "a": [\n    1,\n    {"b~/": 2}\n  ],\n  "c":\n    null\n}'
    assert pointer_lines(text) == {
        "": 1,
        "/a": 2,
        "/a/0": 3,
        "/a/1": 4,
        "/a/1/b~0~1": 4,
        "/c": 6,
    }
    assert pointer_lines(text, ["/a/1/b~0~1", "/c", "/d", "/a/5"]) == {
        "/a/1/b~0~1": 4,
        "/c": 6,
    }
    assert pointer_lines(text, []) == {}
    assert pointer_lines('{"a": [1, }', ["/b"]) == {}  # invalid where it is read past


@given(document=_json, layout=_layouts, data=st.data())
def test_wanted_pointers_have_the_lines_of_the_full_walk(
    document: Any, layout: dict[str, Any], data: st.DataObject
) -> None:
    text = json.dumps(document, ensure_ascii=False, **layout)
    every = pointer_lines(text)
    wanted = data.draw(st.sets(st.sampled_from(sorted(every))))
    absent = {"/no such key", "/0/no such key", "/999"} - set(every)
    assert pointer_lines(text, wanted | absent) == {p: every[p] for p in wanted}


@given(report=reports(), data=st.data())
def test_wanted_pointers_of_a_report(
    report: govdisclosure.AnnualReport, data: st.DataObject
) -> None:
    text = govdisclosure.dumps(report)
    every = pointer_lines(text)
    wanted = data.draw(st.sets(st.sampled_from(sorted(every)), max_size=8))
    assert pointer_lines(text, wanted) == {p: every[p] for p in wanted}
