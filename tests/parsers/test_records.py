"""The positional constructors build the same records as attrs does."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.model import SourceSpan
from govdisclosure.parsers._document import TableCell
from govdisclosure.parsers.frontends._records import positional

_maybe_int = st.none() | st.integers(min_value=1, max_value=10_000)


@given(
    line=_maybe_int,
    table=_maybe_int,
    row=_maybe_int,
    column=_maybe_int,
    text=st.text(max_size=20),
    rowspan=st.integers(min_value=1, max_value=5),
    colspan=st.integers(min_value=1, max_value=5),
    clipped=st.booleans(),
    confidence=st.none() | st.floats(min_value=0, max_value=1),
)
def test_same_records_as_attrs(
    line: int | None,
    table: int | None,
    row: int | None,
    column: int | None,
    text: str,
    rowspan: int,
    colspan: int,
    clipped: bool,
    confidence: float | None,
) -> None:
    span = positional(SourceSpan)(line, None, table, row, column, None, None)
    expected_span = SourceSpan(line=line, table=table, row=row, column=column)
    assert span == expected_span
    assert hash(span) == hash(expected_span)
    assert repr(span) == repr(expected_span)
    r, c = row or 0, column or 0
    cell = positional(TableCell)(text, r, c, rowspan, colspan, span, clipped, confidence)
    expected = TableCell(
        text=text,
        row=r,
        column=c,
        rowspan=rowspan,
        colspan=colspan,
        span=expected_span,
        clipped=clipped,
        confidence=confidence,
    )
    assert cell == expected
    assert attrs.asdict(cell) == attrs.asdict(expected)


def test_records_stay_frozen() -> None:
    span = positional(SourceSpan)(1, None, 2, 3, 4, None, None)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        span.line = 5  # type: ignore[misc]


def test_every_field_is_required() -> None:
    with pytest.raises(TypeError):
        positional(SourceSpan)(1, None, 2)


@attrs.frozen
class _Validated:
    n: int = attrs.field(validator=attrs.validators.instance_of(int))


@attrs.frozen
class _PostInit:
    n: int

    def __attrs_post_init__(self) -> None:
        pass


@attrs.frozen(slots=False)
class _Unslotted:
    n: int


@attrs.frozen(cache_hash=True)
class _CachedHash:
    n: int


@pytest.mark.parametrize("cls", [_Validated, _PostInit, _Unslotted, _CachedHash])
def test_refuses_classes_that_run_code_on_construction(cls: type) -> None:
    with pytest.raises(TypeError):
        positional(cls)
