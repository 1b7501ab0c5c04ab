"""No silent loss: ``dumps`` writes every field of every model class, and reading what
was written gives the same bytes again."""

from __future__ import annotations

import enum
import json
import typing
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import AnnualReport, model
from govdisclosure.codecs import from_dict, to_dict
from govdisclosure.testing import reports, sources


@st.composite
def reports_with_sources(draw: st.DrawFn) -> AnnualReport:
    """Arbitrary reports, always with a source (so Source and its parts are written)."""
    return attrs.evolve(draw(reports(mixed=True, unread=True)), source=draw(sources()))


def _walk(value: Any, data: Any, pointer: str, seen: set[type]) -> None:
    """Assert that ``data`` (the JSON form) holds every field and value of ``value``."""
    if attrs.has(type(value)):
        seen.add(type(value))
        names = [f.name for f in attrs.fields(type(value))]
        if isinstance(value, AnnualReport) and not value.unread:
            names.remove("unread")  # written only when reading left cells unread
        assert isinstance(data, dict), pointer
        assert list(data) == names, pointer
        for name in names:
            _walk(getattr(value, name), data[name], f"{pointer}/{name}", seen)
    elif isinstance(value, tuple):
        assert isinstance(data, list), pointer
        assert len(data) == len(value), pointer
        for i, (item, written) in enumerate(zip(value, data, strict=True)):
            _walk(item, written, f"{pointer}/{i}", seen)
    elif isinstance(value, enum.Enum):
        assert data == value.value, pointer
    elif isinstance(value, Decimal):
        assert isinstance(data, str), pointer
        assert Decimal(data) == value, pointer
        assert str(value) == data, pointer  # the same digits, not only the same number
    else:
        assert type(data) is type(value), pointer
        assert data == value, pointer


@given(reports_with_sources())
def test_dumps_writes_every_field_and_value(report: AnnualReport) -> None:
    data = json.loads(govdisclosure.dumps(report))
    _walk(report, data, "", set())


def _attrs_classes_below(root: type) -> set[type]:
    found: set[type] = set()
    pending: list[Any] = [root]
    while pending:
        type_ = pending.pop()
        if attrs.has(type_) and type_ not in found:
            found.add(type_)
            pending.extend(typing.get_type_hints(type_).values())
        else:
            pending.extend(typing.get_args(type_))
    return found


#: Model classes computed from a report, never part of one (so never written): tested apart.
DERIVED = {model.Figures}  # key_figures(): tests/test_summary.py


def test_every_model_class_is_part_of_a_report() -> None:
    """So the walk above covers every attrs class of the model (none is left unwritten)."""
    model_classes = {
        value
        for name in model.__all__
        if isinstance(value := getattr(model, name), type) and attrs.has(value)
    }
    outside = model_classes - _attrs_classes_below(AnnualReport) - DERIVED
    assert not outside, f"model classes dumps() never writes (test them apart): {outside}"


@given(reports_with_sources())
def test_a_report_read_and_written_is_byte_identical_on_the_second_round(
    report: AnnualReport,
) -> None:
    first = govdisclosure.dumps(report)
    second = govdisclosure.dumps(govdisclosure.loads(first.encode("utf-8")))
    assert second == first
    compact = govdisclosure.dumps(report, indent=None)
    assert govdisclosure.dumps(govdisclosure.loads(compact), indent=None) == compact


@given(reports_with_sources(), st.randoms(use_true_random=False))
def test_a_non_canonical_document_settles_after_one_round(
    report: AnnualReport, random: Any
) -> None:
    """Keys in another order, counts written 3.0: read, written, read, written again."""
    data = to_dict(report)
    shuffled = _shuffle(data, random)
    first = govdisclosure.dumps(from_dict(shuffled))
    assert first == govdisclosure.dumps(report)
    assert govdisclosure.dumps(govdisclosure.loads(first)) == first


def _shuffle(data: Any, random: Any) -> Any:
    if isinstance(data, dict):
        items = list(data.items())
        random.shuffle(items)
        return {k: _shuffle(v, random) for k, v in items}
    if isinstance(data, list):
        return [_shuffle(v, random) for v in data]
    if type(data) is int and random.random() < 0.2:
        return Decimal(data)  # as a JSON number 12.0 would be read
    return data
