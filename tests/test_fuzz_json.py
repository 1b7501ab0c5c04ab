"""Fuzzing the JSON reader: whatever comes in, a report or a GovDisclosureError comes out.

Two kinds of input: arbitrary JSON values and structures, and canonical reports
mutated at a random place (a key renamed or removed, a value replaced by one of another
type, nested deeper, wrapped in an array, an unknown key added). The mutations are built
by construction: the place is drawn from the places the document has.

For every error, each problem's pointer must lead to a real place: in the input, or,
for a key that is missing, in its parent.
"""

from __future__ import annotations

import contextlib
import json
from decimal import Decimal
from typing import Any

from cattrs.errors import CattrsError
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import AnnualReport, GovDisclosureError, StructureError
from govdisclosure.codecs import _json, from_dict, to_dict
from govdisclosure.testing import reports

_MISSING = object()

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=25,
)
# Python data need not have string keys; from_dict must still say what is wrong.
python_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=10) | st.integers(), children, max_size=5)
    ),
    max_leaves=25,
)


def _resolve(document: Any, pointer: str) -> Any:
    """The value at RFC 6901 ``pointer`` in ``document``, or ``_MISSING``."""
    if pointer == "":
        return document
    value = document
    for token in pointer[1:].split("/"):
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict):
            matches = [k for k in value if k == key or str(k) == key]
            if not matches:
                return _MISSING
            value = value[matches[0]]
        elif isinstance(value, (list, tuple)) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            return _MISSING
    return value


def _assert_pointers_resolve(error: GovDisclosureError, document: Any) -> None:
    assert isinstance(error, StructureError)
    assert error.problems
    for problem in error.problems:
        pointer = problem.pointer
        assert pointer == "" or pointer.startswith("/"), pointer
        if _resolve(document, pointer) is _MISSING:
            parent = pointer.rpartition("/")[0]
            assert _resolve(document, parent) is not _MISSING, (pointer, document)


def _read(document: Any, *, as_text: bool) -> AnnualReport | None:
    try:
        if as_text:
            return govdisclosure.loads(json.dumps(document, ensure_ascii=False, default=str))
        return from_dict(document)
    except GovDisclosureError as error:
        _assert_pointers_resolve(error, document)
        return None


@given(json_values)
def test_loads_of_any_json_gives_a_report_or_a_clear_error(value: Any) -> None:
    text = json.dumps(value, default=str)
    try:
        govdisclosure.loads(text)
    except GovDisclosureError as error:
        _assert_pointers_resolve(error, json.loads(text, parse_float=Decimal))


@given(python_values)
def test_from_dict_of_any_data_gives_a_report_or_a_clear_error(value: Any) -> None:
    try:
        from_dict(value)
    except GovDisclosureError as error:
        _assert_pointers_resolve(error, value)


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_loads_of_any_bytes_or_text_gives_a_report_or_a_clear_error(data: bytes | str) -> None:
    with contextlib.suppress(StructureError):
        govdisclosure.loads(data)


# -- mutated canonical reports ----------------------------------------------------------


def _places(document: Any, pointer: str = "") -> list[tuple[str, Any]]:
    """Every (pointer, value) of ``document`` below the root, parents before children."""
    out: list[tuple[str, Any]] = []
    items: Any = ()
    if isinstance(document, dict):
        items = document.items()
    elif isinstance(document, list):
        items = enumerate(document)
    for key, value in items:
        child = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
        out.append((child, value))
        out.extend(_places(value, child))
    return out


def _parent_and_key(document: Any, pointer: str) -> tuple[Any, Any]:
    head, _, token = pointer.rpartition("/")
    parent = _resolve(document, head)
    key: Any = token.replace("~1", "/").replace("~0", "~")
    if isinstance(parent, list):
        key = int(key)
    return parent, key


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    document = to_dict(draw(reports()))
    place, value = draw(st.sampled_from(_places(document)))
    parent, key = _parent_and_key(document, place)
    mutation = draw(
        st.sampled_from(("replace", "wrap", "nest", "rename", "remove", "add", "stringify"))
    )
    if mutation == "replace":
        parent[key] = draw(json_values)
    elif mutation == "wrap":
        parent[key] = [value]
    elif mutation == "nest":
        parent[key] = {"value": value}
    elif mutation == "stringify":
        parent[key] = json.dumps(value, ensure_ascii=False, default=str)
    elif mutation == "rename" and isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=12))] = parent.pop(key)
    elif mutation == "remove" and isinstance(parent, dict):
        del parent[key]
    elif isinstance(parent, dict):  # add (or rename/remove inside an array: add too)
        parent[draw(st.text(max_size=12))] = draw(json_values)
    else:
        parent.append(draw(json_values))
    return document


@given(mutated_documents())
def test_a_mutated_report_gives_a_report_or_errors_at_real_places(document: Any) -> None:
    _read(document, as_text=False)
    _read(document, as_text=True)


# -- value-preserving variants of canonical reports -------------------------------------


def _is_money_value(pointer: str, parent: Any) -> bool:
    return (
        pointer.endswith("/value")
        and isinstance(parent, dict)
        and set(parent)
        == {
            "value",
            "unit",
        }
    )


def _same_value_variants(value: Any, *, money: bool) -> list[Any]:
    """Other spellings of ``value`` that the detailed path reads as the same value."""
    if type(value) is int:
        variants: list[Any] = [Decimal(value)]
        if abs(value) < 2**53:
            variants.append(float(value))
        return variants
    if type(value) is float:
        return [Decimal(repr(value))]
    if money and isinstance(value, str):
        amount = Decimal(value)
        variants = [amount]
        if amount == amount.to_integral_value():
            variants.append(int(amount))
        if Decimal(repr(float(amount))) == amount:
            variants.append(float(amount))
        return variants
    if isinstance(value, dict) and len(value) >= 2:
        return [dict(reversed(value.items()))]  # the same keys in another order
    return []


@st.composite
def variant_documents(draw: st.DrawFn) -> tuple[AnnualReport, Any]:
    """A report, and its canonical form with one to three values spelled another way.

    An integer as ``Decimal`` or ``float``, an amount as a number instead of a string, an
    object's keys in another order: the document still holds the same report. Half the
    time, where the report has one, only amounts and coordinates are respelled: leaves
    the fast path reads through the same hooks as the detailed one, so it accepts them.
    """
    report = draw(reports())
    document = to_dict(report)
    candidates: list[str] = []
    leaves: list[str] = []
    for pointer, value in _places(document):
        money = _is_money_value(pointer, _parent_and_key(document, pointer)[0])
        if _same_value_variants(value, money=money):
            candidates.append(pointer)
            if money or type(value) is float:
                leaves.append(pointer)
    only_leaves: bool = draw(st.booleans())
    if leaves and only_leaves:
        candidates = leaves
    for pointer in draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True)):
        parent, key = _parent_and_key(document, pointer)
        variants = _same_value_variants(parent[key], money=_is_money_value(pointer, parent))
        parent[key] = draw(st.sampled_from(variants))
    return report, document


@given(variant_documents())
def test_a_value_preserving_variant_reads_as_the_same_report(
    case: tuple[AnnualReport, Any],
) -> None:
    report, document = case
    assert from_dict(document) == report
    assert _json._structure(_json._DETAILED, document) == report


#: What the fast and the detailed path raise when they refuse a document (``from_dict``
#: turns any of them into a StructureError).
_REFUSALS = (ValueError, TypeError, KeyError, AttributeError, CattrsError, GovDisclosureError)


def _canonical_text(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, default=str)


@given(mutated_documents() | variant_documents().map(lambda case: case[1]))
def test_the_fast_path_never_accepts_what_the_detailed_path_reads_differently(
    document: Any,
) -> None:
    try:
        fast = _json._structure_fast(document)
    except _REFUSALS:
        # Refused: then the document is not the canonical form of what the detailed path
        # reads (or the detailed path refuses it too). The fast path must never refuse
        # a report's canonical form.
        try:
            detailed = _json._structure(_json._DETAILED, document)
        except _REFUSALS:
            return
        assert _canonical_text(to_dict(detailed)) != _canonical_text(document)
        return
    assert _json._structure(_json._DETAILED, document) == fast


@given(reports())
def test_the_fast_path_reads_every_canonical_report(report: AnnualReport) -> None:
    document = to_dict(report)
    assert _json._structure_fast(document) == report
    assert _json._structure(_json._DETAILED, document) == report
