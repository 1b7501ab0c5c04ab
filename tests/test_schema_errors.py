"""The JSON Schema names the real error, as validators in other languages report it.

The edition decides the report's shape (``if``/``then``), （六）其他处理 is told by its keys
and a nullable value is null-or-else, so one wrong value gives one error, at its own
path — not "the document matches neither edition" or "'2019' was expected".
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure.model import cell_refs
from govdisclosure.testing import consistent_reports, reports

from .conftest import EXAMPLES

_VALIDATOR = jsonschema.Draft202012Validator(govdisclosure.json_schema())


def _errors(document: Any) -> list[tuple[str, str]]:
    return [(e.json_path, e.validator) for e in _VALIDATOR.iter_errors(document)]


@given(st.data())
def test_one_wrong_cell_is_one_error_at_its_path(data: st.DataObject) -> None:
    report = data.draw(consistent_reports())
    document = json.loads(govdisclosure.dumps(report))
    ref = data.draw(st.sampled_from(cell_refs(report.layout)))
    target = document
    for key in ref.path[:-1]:
        target = target[key]
    target[ref.path[-1]] = "30"
    assert _errors(document) == [("$." + ".".join(ref.path), "type")]


@given(reports(mixed=True, unread=True))
def test_every_report_is_valid(report: govdisclosure.AnnualReport) -> None:
    assert _errors(json.loads(govdisclosure.dumps(report))) == []


def _example() -> Any:
    return json.loads((EXAMPLES / "pingtan-2021.json").read_text(encoding="utf-8"))


def test_the_edition_itself_is_the_error_when_it_is_wrong() -> None:
    document = _example()
    document["edition"] = "2022"
    assert _errors(document) == [("$.edition", "enum")]
    del document["edition"]
    assert _errors(document) == [("$", "required")]


def test_a_row_missing_from_the_split_other_handling_is_named() -> None:
    document = _example()
    del document["applications"]["other_handling"]["fee_unpaid"]
    assert _errors(document) == [("$.applications.other_handling", "required")]
