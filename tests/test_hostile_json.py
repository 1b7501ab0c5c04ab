"""Hostile JSON: deep nesting, enormous numbers, huge inputs, bad encodings, limits.

Every case runs with both decoders (msgspec, when it parses first, and the standard
library alone): the result and the error must not depend on which one is installed.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govdisclosure
from govdisclosure import AnnualReport, LimitExceededError, Limits, StructureError
from govdisclosure.codecs import _decode, to_dict

from .conftest import EXAMPLES

PINGTAN = (EXAMPLES / "pingtan-2021.json").read_text(encoding="utf-8")


@pytest.fixture(params=["msgspec", "json"], autouse=True)
def decoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with msgspec parsing first, then with the standard library only."""
    if request.param == "json":
        monkeypatch.setattr(_decode, "_FAST", None)
    else:
        assert _decode._FAST is not None, "msgspec is part of the test extra"
    param: str = request.param
    return param


DEFAULT = Limits()


def _pointers(data: str | bytes, limits: Limits = DEFAULT) -> list[str]:
    with pytest.raises(StructureError) as info:
        govdisclosure.loads(data, limits=limits)
    return [p.pointer for p in info.value.problems]


def _limit(data: str | bytes, limits: Limits = DEFAULT) -> LimitExceededError:
    with pytest.raises(LimitExceededError) as info:
        govdisclosure.loads(data, limits=limits)
    assert isinstance(info.value, govdisclosure.GovDisclosureError)
    return info.value


def _with(path: tuple[str, ...], value: str) -> str:
    """The pingtan report with the JSON text ``value`` spliced in at ``path``."""
    data: Any = json.loads(PINGTAN)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = "\0marker\0"
    return json.dumps(data, ensure_ascii=False).replace('"\\u0000marker\\u0000"', value)


# -- nesting ----------------------------------------------------------------------------


@pytest.mark.parametrize("open_close", [("[", "]"), ('{"a":', "}")])
def test_deep_nesting_is_refused_at_the_depth_limit(open_close: tuple[str, str]) -> None:
    opening, closing = open_close
    error = _limit(opening * 100_000 + "1" + closing * 100_000)
    assert (error.limit, error.maximum, error.value) == ("max_depth", 200, 201)
    assert error.where is not None


def test_nesting_the_decoder_can_read_is_still_held_to_the_limit() -> None:
    error = _limit(_with(("overview",), "[" * 300 + "]" * 300))
    assert (error.limit, error.maximum) == ("max_depth", 200)
    assert error.where == "/overview" + "/0" * 199


def test_the_depth_limit_is_configurable() -> None:
    deep = "[" * 50 + "]" * 50
    assert _limit(deep, Limits(max_depth=10)).maximum == 10
    # Over what the decoders can read, with no limit to name: a structure error.
    assert _pointers("[" * 100_000 + "]" * 100_000, Limits(max_depth=10**6)) == [""]


def test_a_depth_limit_below_a_reports_own_depth_refuses_reports() -> None:
    error = _limit(PINGTAN, Limits(max_depth=3))
    assert (error.limit, error.maximum) == ("max_depth", 3)


def test_brackets_inside_strings_are_not_nesting() -> None:
    # A depth limit under a report's own depth is checked before decoding, by a scan
    # that must skip strings (this report nests 4 deep).
    text = _with(("overview",), json.dumps("[{" * 5_000))
    report = govdisclosure.loads(text, limits=Limits(max_depth=5))
    assert report.overview == "[{" * 5_000
    assert _pointers('{"a": "[[[[[[[[[[[["}', Limits(max_depth=2)) == [
        "/a",
        "/edition",
        "/year",
        "/agency",
        "/proactive",
        "/applications",
        "/appeals",
    ]


# -- numbers ----------------------------------------------------------------------------


def test_an_integer_of_a_hundred_thousand_digits_is_refused_where_it_stands() -> None:
    assert _pointers(_with(("year",), "1" * 100_000)) == ["/year"]
    cell = ("applications", "granted", "natural_person")
    with pytest.raises(StructureError) as info:
        govdisclosure.loads(_with(cell, "9" * 100_000))
    assert [p.pointer for p in info.value.problems] == ["/applications/granted/natural_person"]
    assert len(str(info.value)) < 1_000


@pytest.mark.parametrize("digits", [16, 4_300, 4_301])
def test_a_count_over_the_maximum_is_refused_at_its_cell(digits: int) -> None:
    cell = ("appeals", "direct_litigation", "pending")
    assert _pointers(_with(cell, "9" * digits)) == ["/appeals/direct_litigation/pending"]
    assert _pointers(_with(cell, "-" + "9" * digits)) == ["/appeals/direct_litigation/pending"]


def test_a_count_at_the_maximum_loads_and_checks() -> None:
    from govdisclosure.model import MAX_COUNT

    cell = ("applications", "granted", "natural_person")
    report = govdisclosure.loads(_with(cell, str(MAX_COUNT)))
    assert report.applications.granted.natural_person == MAX_COUNT
    # Sums of counts at the maximum are formatted into messages without trouble.
    assert any(f.code.startswith("GD3") for f in govdisclosure.check(report))


@pytest.mark.parametrize(
    "value", ['"1234567890123456"', '"1.123456789"', "1e15", '"-9999999999999999.5"']
)
def test_money_over_the_maximum_is_refused_at_its_value(value: str) -> None:
    assert _pointers(_with(("proactive", "fees", "amount", "value"), value)) == [
        "/proactive/fees/amount/value"
    ]


@pytest.mark.parametrize("literal", ["1e999999", "1E+5000", "2.5e4300"])
def test_a_count_written_with_a_huge_exponent_is_refused_at_its_cell(literal: str) -> None:
    cell = ("applications", "granted", "natural_person")
    assert _pointers(_with(cell, literal)) == ["/applications/granted/natural_person"]


def test_a_count_written_with_an_exponent_is_read_exactly() -> None:
    report = govdisclosure.loads(_with(("applications", "granted", "natural_person"), "4.5e1"))
    assert report.applications.granted.natural_person == 45


def test_an_exponent_no_decimal_can_hold_is_refused() -> None:
    assert _pointers(_with(("year",), "1e999999999999999999999")) == [""]
    assert _pointers(_with(("year",), "-1e-999999999999999999999")) == [""]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_where_they_stand(literal: str) -> None:
    cell = ("appeals", "direct_litigation", "upheld")
    assert _pointers(_with(cell, literal)) == ["/appeals/direct_litigation/upheld"]
    money = ("proactive", "fees", "amount", "value")
    assert _pointers(_with(money, literal)) == ["/proactive/fees/amount/value"]


def test_money_as_a_json_number_stays_exact() -> None:
    value = "999999999999999.12345678"  # the most digits an amount may have
    report = govdisclosure.loads(_with(("proactive", "fees", "amount", "value"), value))
    assert to_dict(report)["proactive"]["fees"]["amount"]["value"] == value


# -- size -------------------------------------------------------------------------------


def test_the_size_limit_is_checked_before_decoding() -> None:
    data = PINGTAN.encode("utf-8")
    error = _limit(data + b"not json at all", Limits(max_bytes=len(data)))
    assert (error.limit, error.value, error.maximum) == ("max_bytes", len(data) + 15, len(data))
    assert govdisclosure.loads(data, limits=Limits(max_bytes=len(data))).year == 2021


def test_text_is_measured_in_utf8_bytes() -> None:
    size = len(PINGTAN.encode("utf-8"))
    assert len(PINGTAN) < size
    error = _limit(PINGTAN, Limits(max_bytes=size - 1))
    assert error.value == size


@pytest.mark.slow
def test_a_100_mb_file_is_refused_by_default_and_read_within_a_larger_limit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "huge.json"
    path.write_text(
        _with(("overview",), json.dumps("年" * 35_000_000, ensure_ascii=False)), encoding="utf-8"
    )
    data = path.read_bytes()
    assert len(data) > 100 * 1024 * 1024
    error = _limit(data)
    assert (error.limit, error.value) == ("max_bytes", len(data))
    report = govdisclosure.loads(data, limits=Limits(max_bytes=200 * 1024 * 1024))
    assert len(report.overview) == 35_000_000


def test_a_huge_string_where_a_number_belongs_gives_a_short_error() -> None:
    cell = ("applications", "granted", "total")
    with pytest.raises(StructureError) as info:
        govdisclosure.loads(_with(cell, json.dumps("9" * 10_000_000)))
    assert [p.pointer for p in info.value.problems] == ["/applications/granted/total"]
    assert len(str(info.value)) < 1_000


# -- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_refused(encoding: str) -> None:
    assert _pointers(PINGTAN.encode(encoding)) == [""]


@pytest.mark.parametrize(
    "data",
    [
        b'{"edition": "2021\xff"}',
        b'{"edition": "\xc3"}',
        b'{"overview": "\xed\xa0\x80"}',  # a surrogate encoded as if it were a character
        b"\x80",
    ],
)
def test_invalid_utf8_is_refused(data: bytes) -> None:
    assert _pointers(data) == [""]


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    assert govdisclosure.loads(b"\xef\xbb\xbf" + PINGTAN.encode("utf-8")).year == 2021


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ude00\\ud83d", "a\\ud83dz"])
def test_a_lone_surrogate_is_refused_where_it_stands(escape: str) -> None:
    assert _pointers(_with(("overview",), f'"{escape}"')) == ["/overview"]
    text = _with(("agency", "name"), f'"{escape}"')
    assert _pointers(text.encode("utf-8")) == ["/agency/name"]


def test_a_lone_surrogate_in_a_key_is_refused_at_the_key() -> None:
    text = PINGTAN.replace('"preface"', '"pre\\udc00face"', 1)
    assert _pointers(text) == ["/pre\udc00face"]


def test_a_raw_lone_surrogate_in_text_input_is_refused() -> None:
    text = _with(("problems",), '"独有标记"').replace("独有标记", "问\ud800")
    assert _pointers(text) == ["/problems"]


def test_a_surrogate_pair_is_one_character_and_round_trips() -> None:
    report = govdisclosure.loads(_with(("overview",), '"\\ud83d\\ude00"'))
    assert report.overview == "\U0001f600"
    again = govdisclosure.dumps(report).encode("utf-8")
    assert govdisclosure.loads(again) == report


# -- the two decoders agree -------------------------------------------------------------


def test_loads_gives_the_same_report_with_either_decoder(decoder: str) -> None:
    report = govdisclosure.loads(PINGTAN.encode("utf-8"))
    assert isinstance(report, AnnualReport)
    assert govdisclosure.dumps(report) + "\n" == PINGTAN
    assert _decode.fast_decoder_name() == ("msgspec" if decoder == "msgspec" else "json")


def test_a_decimal_is_never_a_binary_float() -> None:
    data = _decode.decode(b"[0.1, 1e-7, 3.0, -0.0, 12345678901234567890.5]", Limits())
    assert [str(v) for v in data] == ["0.1", "1E-7", "3.0", "-0.0", "12345678901234567890.5"]
    assert all(type(v) is Decimal for v in data)


@pytest.mark.parametrize(
    "kwargs",
    [{"max_depth": 0}, {"max_bytes": -1}, {"max_bytes": 1.5}, {"max_seconds": float("nan")}],
)
def test_limits_that_make_no_sense_are_refused_at_once(kwargs: dict[str, Any]) -> None:
    with pytest.raises((ValueError, TypeError)):
        Limits(**kwargs)
