"""The canonical JSON form: :func:`dumps`, :func:`loads`, :func:`to_dict`, :func:`from_dict`.

Built on cattrs' ``preconf.json`` converter. Two converters share one configuration: a
fast one used first, and a detailed-validation one that runs only when the fast one
fails, to collect *every* problem with its JSON pointer for :class:`StructureError`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
from cattrs import ClassValidationError, IterableValidationError
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.preconf.json import JsonConverter, make_converter

from ..exceptions import Problem, StructureError
from ..model import (
    AgencyLevel,
    AnnualReport,
    AppealCounts,
    Applicant,
    ApplicantCounts,
    Edition,
    MoneyUnit,
    OtherHandling,
    OtherHandlingReason,
    Proactive2019,
    Proactive2021,
    Section,
    SourceSpan,
)
from ..model._cellmap import escape_pointer_token

__all__ = ["dumps", "from_dict", "loads", "to_dict"]

#: Top-level keys of the canonical form, in order.
TOP_LEVEL_KEYS = (
    "edition",
    "year",
    "agency",
    "title",
    "preface",
    "overview",
    "proactive",
    "applications",
    "appeals",
    "problems",
    "other_matters",
    "source",
)


class _CellError(ValueError):
    """A leaf value of the wrong kind; carries its own Chinese and English message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is int:
        return value
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
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
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


_GROUP_ONLY_KEYS = frozenset(r.value for r in OtherHandlingReason) - {a.value for a in Applicant}


def _configure(converter: JsonConverter) -> JsonConverter:
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    for enum_type in (Edition, AgencyLevel, MoneyUnit, Section):
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


def _fast_row_hook(cls: Any, names: tuple[str, ...]) -> Callable[[Any, Any], Any]:
    """A structure hook for a row of count cells that only accepts the canonical form.

    Anything else (a missing key, a string, a float) raises, and :func:`from_dict` hands
    the whole document to the detailed converter, which decides and explains.
    """
    keys = frozenset(names)

    def structure(value: Any, _: Any) -> Any:
        if value.__class__ is not dict or value.keys() != keys:
            raise _CellError("", "not the canonical form")
        for cell in value.values():
            if cell is not None and cell.__class__ is not int:
                raise _CellError("", "not the canonical form")
        return cls(**value)

    return structure


def _fast() -> JsonConverter:
    converter = _configure(make_converter(forbid_extra_keys=True, detailed_validation=False))
    for cls in (ApplicantCounts, AppealCounts):
        names = tuple(a.name for a in attrs.fields(cls))
        converter.register_structure_hook(cls, _fast_row_hook(cls, names))
    return converter


_FAST = _fast()
_DETAILED = _configure(make_converter(forbid_extra_keys=True, detailed_validation=True))

_REPORT_FIELDS = attrs.fields_dict(AnnualReport)
_REQUIRED = frozenset(name for name, f in _REPORT_FIELDS.items() if f.default is attrs.NOTHING)


def _report_field_types(edition: Edition) -> dict[str, Any]:
    types = {name: _REPORT_FIELDS[name].type for name in TOP_LEVEL_KEYS}
    types["proactive"] = Proactive2019 if edition is Edition.E2019 else Proactive2021
    return types


def to_dict(report: AnnualReport) -> dict[str, Any]:
    """The canonical form of ``report`` as plain Python data (``dict``/``list``/``str``…)."""
    data: dict[str, Any] = _FAST.unstructure(report)
    return data


def dumps(report: AnnualReport, *, indent: int | None = 2) -> str:
    """``report`` in the canonical JSON form.

    Keys are in template order, Chinese is written as is (not ``\\u`` escaped), money is a
    decimal string. The output is deterministic: the same report always gives the same
    text, and ``dumps(loads(dumps(r))) == dumps(r)``.
    """
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def loads(data: str | bytes | bytearray) -> AnnualReport:
    """A report from its canonical JSON form.

    Raises:
        StructureError: the text is not JSON, or not a report; every problem is listed
            with its JSON pointer.
    """
    try:
        obj = json.loads(data, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise StructureError(
            [
                Problem(
                    "",
                    f"不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列，{error.msg}",
                    f"not valid JSON: line {error.lineno} column {error.colno}: {error.msg}",
                )
            ]
        ) from None
    except UnicodeDecodeError as error:
        raise StructureError(
            [Problem("", f"不是 UTF-8 编码的文本：{error.reason}", f"not UTF-8 text: {error}")]
        ) from None
    except (RecursionError, ValueError) as error:
        # Nesting too deep for the decoder, or an integer literal too long to convert.
        raise StructureError(
            [Problem("", f"JSON 无法读取：{error}", f"JSON could not be read: {error}")]
        ) from None
    return from_dict(obj)


def from_dict(obj: Any) -> AnnualReport:
    """A report from its canonical form as plain Python data (as :func:`json.load` gives).

    Raises:
        StructureError: every problem found, each with its JSON pointer.
    """
    if not isinstance(obj, Mapping):
        raise StructureError([Problem("", "报告应为 JSON 对象", "a report must be a JSON object")])
    try:
        return _structure(_FAST, obj)
    except RecursionError:
        raise StructureError(
            [Problem("", "嵌套层次过深", "the document is nested too deeply")]
        ) from None
    except Exception:
        pass  # the fast path accepts only the canonical form
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
    for name in sorted(set(obj) - set(TOP_LEVEL_KEYS)):
        problems.append(_extra_key(f"/{escape_pointer_token(name)}"))
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
        return [
            _extra_key(f"{pointer}/{escape_pointer_token(k)}") for k in sorted(error.extra_fields)
        ]
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


def _missing(pointer: str) -> Problem:
    return Problem(pointer, "缺少必填字段", "required key missing")


def _extra_key(pointer: str) -> Problem:
    return Problem(pointer, "不认识的字段", "unexpected key")
