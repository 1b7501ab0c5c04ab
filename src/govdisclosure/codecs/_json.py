"""The canonical JSON form: :func:`dumps`, :func:`loads`, :func:`to_dict`, :func:`from_dict`.

Built on cattrs' ``preconf.json`` converter. Two converters share one configuration: a
fast one used first, and a detailed-validation one that runs only when the fast one
fails, to collect *every* problem with its JSON pointer for :class:`StructureError`.

:func:`loads` first reads the JSON text straight into the model with :mod:`msgspec`
(:class:`._fast.TypedReader`: decoded into mirrors of the model's classes, every key and
leaf checked in C, then converted into the attrs classes), one *variant* per layout of a
report (edition, and the shape of table 三's （六）其他处理). When no variant reads the
document, it is decoded into plain data by :mod:`._decode` (msgspec, or the standard
library's :mod:`json`), within :class:`Limits`, and the fast converter reads it: it takes
the canonical form only, through structure functions compiled once per class
(:mod:`._fast`). Whatever neither takes, the detailed converter decides and explains.
All three give the same report for a document that they read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs
from cattrs import ClassValidationError, IterableValidationError
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.preconf.json import JsonConverter, make_converter

from .._limits import DEFAULT_LIMITS, Limits
from ..exceptions import Problem, StructureError
from ..model import (
    MAX_COUNT,
    AgencyLevel,
    AnnualReport,
    Applicant,
    ApplicantCounts,
    Applications,
    Edition,
    MoneyUnit,
    OtherHandling,
    OtherHandlingReason,
    Proactive2019,
    Proactive2021,
    Section,
    SourceSpan,
    UnreadReason,
    require_report,
)
from ..model._cellmap import escape_pointer_token
from ..model._cells import Count
from ..model._report import report_of_checked_counts
from . import _decode
from ._decode import REPORT_DEPTH, check_depth, check_size, decode
from ._fast import DECIMAL_TEXT, TypedReader, compile_structure, indented_json

if TYPE_CHECKING:
    from ._fast import FieldTypes

__all__ = ["dumps", "from_dict", "loads", "to_dict"]

_REPORT_FIELDS = attrs.fields_dict(AnnualReport)

#: Top-level keys of the canonical form, in order: the fields of
#: :class:`~govdisclosure.model.AnnualReport`, as :func:`dumps` writes them.
TOP_LEVEL_KEYS: tuple[str, ...] = tuple(_REPORT_FIELDS)


class _CellError(ValueError):
    """A leaf value of the wrong kind; carries its own Chinese and English message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


#: The most digits an integer may have: Python's own default for reading and writing
#: integers as text (``sys.int_info.default_max_str_digits``).
_MAX_INT_DIGITS = 4300


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is int:
        return value
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        if value.adjusted() >= _MAX_INT_DIGITS:
            raise _CellError(
                f"整数超过 {_MAX_INT_DIGITS} 位：{_show(value)}",
                f"an integer of more than {_MAX_INT_DIGITS} digits: {_show(value)}",
            )
        return int(value)
    if type(value) is float and value.is_integer():
        return int(value)
    raise _CellError(f"应为整数，实为 {_show(value)}", f"expected an integer, got {_show(value)}")


def _structure_str(value: Any, _: Any) -> str:
    if isinstance(value, str):
        return value
    raise _CellError(f"应为字符串，实为 {_show(value)}", f"expected a string, got {_show(value)}")


def _structure_float(value: Any, _: Any) -> float:
    if type(value) in (int, float) or isinstance(value, Decimal):
        return float(value)
    raise _CellError(f"应为数字，实为 {_show(value)}", f"expected a number, got {_show(value)}")


def _structure_decimal(value: Any, _: Any) -> Decimal:
    if isinstance(value, Decimal):
        result = value
    elif type(value) is int:
        result = Decimal(value)
    elif type(value) is float:
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise _CellError(
                f"金额应为十进制数字字符串，实为 {_show(value)}",
                f"expected a decimal number, got {_show(value)}",
            ) from None
    else:
        raise _CellError(
            f"金额应为十进制数字，实为 {_show(value)}",
            f"expected a decimal number, got {_show(value)}",
        )
    if not result.is_finite():
        raise _CellError("金额应为有限数", "expected a finite number")
    return result


def _enum_hook(enum_type: Any) -> Callable[[Any, Any], Any]:
    values = {m.value: m for m in enum_type}
    allowed = ", ".join(repr(v) for v in values)

    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, str) and value in values:
            return values[value]
        raise _CellError(
            f"应为 {allowed} 之一，实为 {_show(value)}",
            f"expected one of {allowed}, got {_show(value)}",
        )

    return structure


def _enum_value(member: Any) -> str:
    value: str = member.value
    return value


def _show(value: Any) -> str:
    """A short rendering of ``value`` for a message, whatever its size or nesting."""
    if isinstance(value, Mapping):
        return f"an object of {len(value)} key(s)"
    if isinstance(value, (list, tuple)):
        return f"an array of {len(value)} item(s)"
    if isinstance(value, str):
        value = value[:40]
    elif isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value) if value.bit_length() > 128 else value
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


_GROUP_ONLY_KEYS = frozenset(r.value for r in OtherHandlingReason) - {a.value for a in Applicant}


def _configure(converter: JsonConverter) -> JsonConverter:
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    for enum_type in (Edition, AgencyLevel, MoneyUnit, Section, UnreadReason):
        converter.register_structure_hook(enum_type, _enum_hook(enum_type))
        converter.register_unstructure_hook(enum_type, _enum_value)
    # Plain JSON data out: the bounding box tuple becomes a list.
    span_to_dict = converter.get_unstructure_hook(SourceSpan)

    def unstructure_span(span: SourceSpan) -> dict[str, Any]:
        data: dict[str, Any] = span_to_dict(span)
        if span.bbox is not None:
            data["bbox"] = list(span.bbox)
        return data

    converter.register_unstructure_hook(SourceSpan, unstructure_span)

    def structure_other(value: Any, _: Any) -> ApplicantCounts | OtherHandling:
        # 2019 prints one row of applicant cells, 2021 a group of three rows. "other" is
        # both a column and a row name, so dispatch on the keys only one shape has.
        if isinstance(value, Mapping) and _GROUP_ONLY_KEYS & value.keys():
            return converter.structure(value, OtherHandling)
        return converter.structure(value, ApplicantCounts)

    converter.register_structure_hook(ApplicantCounts | OtherHandling, structure_other)
    return converter


def _fast() -> tuple[JsonConverter, Callable[[Any], AnnualReport]]:
    """The fast converter, and its function reading a report in the canonical form."""
    converter = _configure(make_converter(forbid_extra_keys=True, detailed_validation=False))

    def other_handling(compiler: Any) -> Callable[[Any], Any]:
        group = compiler.hook(OtherHandling)
        row = compiler.hook(ApplicantCounts)

        def structure(value: Any) -> Any:
            return group(value) if _GROUP_ONLY_KEYS & value.keys() else row(value)

        return structure

    def proactive(compiler: Any) -> Callable[[Any], Any]:
        # By its keys; a section 二 that does not fit the edition fails in AnnualReport,
        # and the detailed converter explains.
        by_keys = {
            tuple(a.name for a in attrs.fields(cls)): compiler.hook(cls)
            for cls in (Proactive2019, Proactive2021)
        }

        def structure(value: Any) -> Any:
            return by_keys[tuple(value)](value)

        return structure

    hook = compile_structure(
        leaf_hooks={Decimal: lambda value: _structure_decimal(value, Decimal)},
        fallback=lambda type_: _unary(converter.get_structure_hook(type_), type_),
        unions={
            ApplicantCounts | OtherHandling: other_handling,
            Proactive2019 | Proactive2021: proactive,
        },
    )
    whole = hook(AnnualReport)

    def report(value: Any) -> AnnualReport:
        # ``unread`` is written only when reading left cells unread.
        if value.__class__ is dict and "unread" not in value:
            value = {**value}
            source = value.pop("source", _ABSENT)
            value["unread"] = []
            if source is not _ABSENT:
                value["source"] = source
        result: AnnualReport = whole(value)
        return result

    return converter, report


_ABSENT = object()


def _unary(hook: Callable[[Any, Any], Any], type_: Any) -> Callable[[Any], Any]:
    return lambda value: hook(value, type_)


_FAST, _structure_fast = _fast()
_DETAILED = _configure(make_converter(forbid_extra_keys=True, detailed_validation=True))

_REQUIRED = frozenset(name for name, f in _REPORT_FIELDS.items() if f.default is attrs.NOTHING)


def _report_field_types(edition: Edition) -> dict[str, Any]:
    types = {name: _REPORT_FIELDS[name].type for name in TOP_LEVEL_KEYS}
    types["proactive"] = Proactive2019 if edition is Edition.E2019 else Proactive2021
    return types


def to_dict(report: AnnualReport) -> dict[str, Any]:
    """The canonical form of ``report`` as plain Python data (``dict``/``list``/``str``…).

    ``unread`` is written only when the report has unread cells (a report read from a
    document), so the canonical form of every other report is what it always was.
    """
    report = require_report(report)
    data: dict[str, Any] = _FAST.unstructure(report)
    if not data["unread"]:
        del data["unread"]
    return data


def dumps(report: AnnualReport, *, indent: int | None = 2) -> str:
    """``report`` in the canonical JSON form.

    Raises :class:`~govdisclosure.StructureError` when ``report`` is not a report (a
    parse result: pass its ``.report``).

    Keys are in template order, Chinese is written as is (not ``\\u`` escaped), money is a
    decimal string. The output is deterministic: the same report always gives the same
    text, and ``dumps(loads(dumps(r))) == dumps(r)``.
    """
    return indented_json(to_dict(report), indent)


def loads(
    data: str | bytes | bytearray | memoryview, *, limits: Limits = DEFAULT_LIMITS
) -> AnnualReport:
    """A report from its canonical JSON form (UTF-8 bytes, or text).

    Args:
        data: one JSON document.
        limits: how much input to accept: ``max_bytes`` (the document's size in bytes,
            checked before it is decoded) and ``max_depth`` (how deeply arrays and
            objects may nest). See :class:`~govdisclosure.Limits`.

    Raises:
        StructureError: the bytes are not UTF-8, the text is not JSON, or not a report;
            every problem is listed with its JSON pointer.
        LimitExceededError: the document is over a limit; the error names the limit,
            the value found and where.
    """
    report = _read_typed(data, limits)
    if report is not None:
        return report
    obj = decode(data, limits)
    try:
        return from_dict(obj)
    except StructureError:
        # A report is never nested deeper than REPORT_DEPTH: a document over the depth
        # limit cannot be one, and the limit is the clearer thing to say.
        if limits.max_depth >= REPORT_DEPTH:
            check_depth(obj, limits)
        raise


def _read_typed(data: Any, limits: Limits) -> AnnualReport | None:
    """The report in ``data`` read by the typed reader, or ``None`` (read it otherwise)."""
    if data.__class__ is not bytes and data.__class__ is not str:
        return None  # bytearray, memoryview, or not text: decode() converts or refuses
    if _decode._FAST is None or limits.max_depth < REPORT_DEPTH:
        return None  # no msgspec; or the depth must be measured before decoding
    reader = _typed_reader()
    if reader is None:
        return None
    check_size(data, limits)
    report: AnnualReport | None = reader.read(data)
    return report


@cache
def _typed_reader() -> TypedReader | None:
    """The typed reader of a report, one variant per layout (built on first use)."""
    try:
        import msgspec
    except ImportError:
        return None
    from typing import Annotated, Literal

    proactive = {Edition.E2019: Proactive2019, Edition.E2021: Proactive2021}
    other = {Edition.E2019: ApplicantCounts, Edition.E2021: OtherHandling}
    e2019, e2021 = Edition.E2019, Edition.E2021
    variants: list[FieldTypes] = [
        {
            (AnnualReport, "edition"): (Literal[edition.value], Edition),
            (AnnualReport, "proactive"): (proactive[edition], proactive[edition]),
            (Applications, "other_handling"): (other[table], other[table]),
        }
        # The editions' own layouts first; mixed ones are rare.
        for edition, table in ((e2021, e2021), (e2019, e2019), (e2021, e2019), (e2019, e2021))
    ]
    money = Annotated[str, msgspec.Meta(pattern=DECIMAL_TEXT)]
    # Counts are checked while decoding (an int within bounds, or null), so the report is
    # built without checking each cell again.
    count = Annotated[int, msgspec.Meta(ge=-MAX_COUNT, le=MAX_COUNT)] | None
    return TypedReader(
        AnnualReport,
        variants,
        leaves={Decimal: money, Count: count},
        constructors={AnnualReport: report_of_checked_counts},
    )


def from_dict(obj: Any) -> AnnualReport:
    """A report from its canonical form as plain Python data (as :func:`json.load` gives).

    Raises:
        StructureError: every problem found, each with its JSON pointer.
    """
    try:
        return _structure_fast(obj)
    except Exception:
        pass  # the fast path accepts only the canonical form
    if not isinstance(obj, Mapping):
        raise StructureError([Problem("", "报告应为 JSON 对象", "a report must be a JSON object")])
    # Not the canonical form, or not a report: the detailed converter decides, and
    # explains every problem with its pointer.
    try:
        return _structure(_DETAILED, obj)
    except RecursionError:
        raise StructureError(
            [Problem("", "嵌套层次过深", "the document is nested too deeply")]
        ) from None
    except Exception:
        problems = _collect(obj)
    raise StructureError(problems) from None


def _structure(converter: JsonConverter, obj: Mapping[str, Any]) -> AnnualReport:
    edition = _structure_edition(obj.get("edition"))
    kwargs: dict[str, Any] = {}
    for name, type_ in _report_field_types(edition).items():
        if name in obj:
            kwargs[name] = converter.structure(obj[name], type_)
    extra = set(obj) - set(TOP_LEVEL_KEYS)
    if extra:
        raise ForbiddenExtraKeysError(None, AnnualReport, extra)
    return AnnualReport(**kwargs)


def _structure_edition(value: Any) -> Edition:
    result: Edition = _enum_hook(Edition)(value, Edition)
    return result


def _collect(obj: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    try:
        edition: Edition | None = _structure_edition(obj.get("edition"))
    except _CellError as error:
        edition = None
        if "edition" in obj:
            problems.append(Problem("/edition", error.zh, error.en))
    for name in sorted(set(obj) - set(TOP_LEVEL_KEYS), key=str):
        problems.append(_extra_key(f"/{_token(name)}"))
    if edition is None:
        edition = Edition.E2021
    kwargs: dict[str, Any] = {}
    for name, type_ in _report_field_types(edition).items():
        pointer = f"/{name}"
        if name == "edition" and name in obj:
            kwargs[name] = edition  # checked above
            continue
        if name not in obj:
            if name in _REQUIRED:
                problems.append(_missing(pointer))
            continue
        try:
            kwargs[name] = _DETAILED.structure(obj[name], type_)
        except Exception as error:
            problems.extend(_problems(error, pointer, type_))
    if not problems:
        try:
            AnnualReport(**kwargs)
        except StructureError as error:
            problems.extend(error.problems)
    if not problems:  # pragma: no cover - _structure failed, so a problem exists
        problems.append(Problem("", "报告结构错误", "the report is malformed"))
    return problems


def _problems(error: BaseException, pointer: str, type_: Any) -> list[Problem]:
    out: list[Problem] = []
    if isinstance(error, ClassValidationError):
        with_names, without = error.group_exceptions()
        for sub, attribute in with_names:
            out.extend(
                _problems(sub, f"{pointer}/{escape_pointer_token(attribute.name)}", attribute.type)
            )
        for sub in without:
            out.extend(_problems(sub, pointer, None))
        return out
    if isinstance(error, IterableValidationError):
        with_indices, without = error.group_exceptions()
        for sub, item in with_indices:
            out.extend(_problems(sub, f"{pointer}/{item.index}", item.type))
        for sub in without:
            out.extend(_problems(sub, pointer, None))
        return out
    if isinstance(error, ForbiddenExtraKeysError):
        return [_extra_key(f"{pointer}/{_token(k)}") for k in sorted(error.extra_fields, key=str)]
    if isinstance(error, KeyError):
        return [_missing(pointer)]
    if isinstance(error, _CellError):
        return [Problem(pointer, error.zh, error.en)]
    if isinstance(error, StructureError):
        return list(error.problems)
    if (isinstance(error, AttributeError | TypeError) and "items" in str(error)) or (
        isinstance(error, TypeError) and "mapping" in str(error).lower()
    ):
        return [Problem(pointer, "应为 JSON 对象", "expected a JSON object")]
    expected = getattr(type_, "__name__", None)
    if expected:
        return [
            Problem(
                pointer,
                f"应为 {expected} 对象",
                f"expected {expected} (a JSON object of its fields)",
            )
        ]
    return [Problem(pointer, f"无效的值（{error}）", f"invalid value ({error})")]


def _token(key: Any) -> str:
    """``key`` as a JSON pointer token (a key of a Python mapping need not be a string)."""
    return escape_pointer_token(key if isinstance(key, str) else str(key))


def _missing(pointer: str) -> Problem:
    return Problem(pointer, "缺少必填字段", "required key missing")


def _extra_key(pointer: str) -> Problem:
    return Problem(pointer, "不认识的字段", "unexpected key")
