"""Every public object pickles: what a process pool or a distributed engine sends around.

The test walks the ``__all__`` of every public module (any module whose dotted name has
no part starting with ``_``), so a class added later is covered without editing it.
Instances come from the public strategies (:mod:`govdisclosure.testing`) where there is
one, else from Hypothesis' inference over the class's annotated fields.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import pickle
import pkgutil
from types import FunctionType
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import AnnualReport, Edition, GovDisclosureError, ReportBuilder, check
from govdisclosure.checks import Context, Rule
from govdisclosure.exceptions import LimitExceededError, Problem, StructureError
from govdisclosure.model import CellRef, cell_refs
from govdisclosure.stream import LineResult
from govdisclosure.testing import CellChange, cell_changes, reports, sources

_SUBMODULES = pkgutil.walk_packages(govdisclosure.__path__, "govdisclosure.")
PUBLIC_MODULES = [
    "govdisclosure",
    *sorted(m.name for m in _SUBMODULES if not any(p.startswith("_") for p in m.name.split("."))),
]
#: Strategy factories (Hypothesis composites) are helpers for writing tests, not data.
NOT_DATA_MODULES = {"govdisclosure.testing"}


def _public() -> list[tuple[str, str, Any]]:
    out = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            out.append((module_name, name, getattr(module, name)))
    return out


PUBLIC = _public()
CLASSES = sorted({value for _, _, value in PUBLIC if isinstance(value, type)}, key=repr)


def _round_trips(value: Any) -> list[Any]:
    """``value`` pickled and unpickled with each protocol from 2 to the highest."""
    return [
        pickle.loads(pickle.dumps(value, protocol=protocol))
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1)
    ]


problems = st.lists(
    st.builds(
        Problem, pointer=st.just("/year") | st.just(""), message=st.text(), message_en=st.text()
    ),
    min_size=1,
    max_size=3,
)
structure_errors = st.builds(StructureError, problems, where=st.none() | st.text(max_size=20))
limit_errors = st.builds(
    LimitExceededError,
    st.text(),
    st.text(),
    where=st.none() | st.text(max_size=20),
    limit=st.sampled_from(("max_bytes", "max_depth")),
    value=st.integers(0, 10**9),
    maximum=st.integers(0, 10**9),
)
errors: st.SearchStrategy[GovDisclosureError] = st.one_of(structure_errors, limit_errors)


@st.composite
def _findings(draw: st.DrawFn) -> Any:
    findings = check(draw(reports()))
    if findings:
        return draw(st.sampled_from(findings))
    return draw(st.from_type(govdisclosure.Finding))


# Wherever a report is inferred (inside ParseResult, say), one from the public strategy.
st.register_type_strategy(AnnualReport, reports())

SPECIAL: dict[type, st.SearchStrategy[Any]] = {
    govdisclosure.Limits: st.builds(
        govdisclosure.Limits,
        max_bytes=st.integers(1, 2**40),
        max_depth=st.integers(1, 10**6),
        max_seconds=st.floats(min_value=0.001, allow_infinity=True),
    ),
    AnnualReport: reports(),
    govdisclosure.model.Source: sources(),
    Rule: st.sampled_from(govdisclosure.rules()),
    govdisclosure.Finding: _findings(),
    Context: reports().map(Context),
    CellRef: st.sampled_from(cell_refs(Edition.E2019) + cell_refs(Edition.E2021)),
    CellChange: reports().flatmap(cell_changes),
    ReportBuilder: st.builds(
        ReportBuilder, edition=st.sampled_from(Edition), year=st.just(2021), agency=st.text()
    ),
    LineResult: st.builds(
        LineResult,
        line=st.integers(1, 10**6),
        findings=st.lists(_findings(), max_size=2).map(tuple),
        error=st.none() | errors,
    ),
}


def _instances(cls: type) -> st.SearchStrategy[Any]:
    if cls in SPECIAL:
        return SPECIAL[cls]
    if issubclass(cls, enum.Enum):
        return st.sampled_from(cls)
    if cls is StructureError:
        return structure_errors
    if cls is LimitExceededError:
        return limit_errors
    if issubclass(cls, BaseException):
        plain = st.builds(cls, st.text(), st.text(), where=st.none() | st.text(max_size=20))
        return plain | errors if cls is GovDisclosureError else plain
    return st.from_type(cls)


def _same_error(a: BaseException, b: BaseException) -> None:
    assert type(a) is type(b)
    assert str(a) == str(b)
    assert vars(a) == vars(b)


def test_every_public_module_is_walked() -> None:
    assert {"govdisclosure.model", "govdisclosure.checks", "govdisclosure.stream"} <= set(
        PUBLIC_MODULES
    )
    assert {AnnualReport, Rule, LineResult, StructureError, govdisclosure.Severity} <= set(CLASSES)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
@settings(max_examples=5)
@given(data=st.data())
def test_instances_of_every_public_class_pickle(cls: type, data: st.DataObject) -> None:
    value = data.draw(_instances(cls))
    assert isinstance(value, cls)
    for again in _round_trips(value):
        if isinstance(value, BaseException):
            _same_error(value, again)
        elif isinstance(value, LineResult):
            # the error is compared apart: exceptions compare by identity
            assert again == value
            if value.error is not None:
                _same_error(value.error, again.error)
        elif isinstance(value, Context):
            assert (again.report, again.previous) == (value.report, value.previous)
        elif isinstance(value, ReportBuilder):
            assert again.build() == value.build()
        else:
            assert type(again) is type(value)
            # Instances inferred from annotations may hold NaN (equal to nothing) or a
            # signalling Decimal NaN (whose == raises): then by repr, which shows every field.
            try:
                equal = again == value
            except ArithmeticError:
                equal = False
            assert equal or repr(again) == repr(value)


@pytest.mark.parametrize(
    ("module", "name", "value"),
    [p for p in PUBLIC if p[0] not in NOT_DATA_MODULES],
    ids=lambda p: p if isinstance(p, str) else "",
)
def test_every_public_name_pickles_by_reference(module: str, name: str, value: Any) -> None:
    if isinstance(value, (type, FunctionType)) or inspect.isroutine(value):
        for again in _round_trips(value):
            assert again is value
    else:
        for again in _round_trips(value):
            assert again == value


def test_every_part_of_a_report_pickles_on_its_own(pingtan_2021: AnnualReport) -> None:
    parts: list[Any] = [pingtan_2021]
    while parts:
        part = parts.pop()
        if attrs.has(type(part)):
            for again in _round_trips(part):
                assert again == part
            parts.extend(getattr(part, f.name) for f in attrs.fields(type(part)))
        elif isinstance(part, tuple):
            parts.extend(part)
