"""Findings as JSON: one object per finding, grouped by the file they were found in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from .._fsnames import readable
from ..checks import Finding, Location, Origin, Severity
from ..model import Layout, SourceSpan
from ._fast import indented_json

__all__ = [
    "FINDINGS_FORMAT_VERSION",
    "FileFindings",
    "finding_to_dict",
    "findings_to_dict",
    "findings_to_json",
]

#: Version of the layout :func:`findings_to_dict` produces; bumped on incompatible change.
FINDINGS_FORMAT_VERSION = 1


def json_value(value: int | Decimal | str | None) -> int | str | None:
    """A finding's ``expected``/``actual`` as JSON data: money as a decimal string."""
    if value is None or isinstance(value, (int, str)):
        return value
    return format(value, "f")


#: The fields of a source span, in order.
_SPAN_FIELDS = tuple(f.name for f in attrs.fields(SourceSpan))


def span_to_dict(span: SourceSpan | None) -> dict[str, Any] | None:
    """The fields of ``span`` that are set, or ``None``."""
    if span is None:
        return None
    data = {k: v for k in _SPAN_FIELDS if (v := getattr(span, k)) is not None}
    if "bbox" in data:
        data["bbox"] = list(data["bbox"])
    return data


class _Memo:
    """The JSON data of the source spans and locations met in one run, by ``id`` (each
    kept with its object, so that the ``id`` stays its own): many locations of a run
    share a span, and many findings of the command line share a location."""

    __slots__ = ("boxes", "locations", "related", "spans")

    def __init__(self, *, share: bool) -> None:
        self.spans: dict[int, tuple[SourceSpan, dict[str, Any]]] = {}
        #: Whether a span with a box (its coordinates: the only floats) was met.
        self.boxes = False
        #: With ``share``, one dict per location, in every finding that names it (for
        #: JSON text: data handed to a caller is never shared).
        self.locations: dict[int, tuple[Location, dict[str, Any]]] | None = {} if share else None
        #: With ``share``, one list per tuple of related places (an identity's findings
        #: in files laid out alike name the same tuple).
        self.related: dict[int, tuple[tuple[Location, ...], list[Any]]] | None = (
            {} if share else None
        )


def _location(location: Location, memo: _Memo) -> dict[str, Any]:
    """``location`` as JSON data (see :class:`_Memo`)."""
    locations = memo.locations
    if locations is not None:
        seen_location = locations.get(id(location))
        if seen_location is not None and seen_location[0] is location:
            return seen_location[1]
        data = _location_data(location, memo)
        locations[id(location)] = (location, data)
        return data
    return _location_data(location, memo)


def _related(related: tuple[Location, ...], memo: _Memo) -> list[Any]:
    """The related places of a finding as JSON data (see :class:`_Memo`)."""
    shared = memo.related
    if shared is None:
        return [_location(r, memo) for r in related]
    seen = shared.get(id(related))
    if seen is not None and seen[0] is related:
        return seen[1]
    data = [_location(r, memo) for r in related]
    shared[id(related)] = (related, data)
    return data


def _location_data(location: Location, memo: _Memo) -> dict[str, Any]:
    span = location.span
    if span is None:
        data = None
    else:
        spans = memo.spans
        seen = spans.get(id(span))
        if seen is None or seen[0] is not span:
            data = span_to_dict(span)
            if data is not None and "bbox" not in data:
                spans[id(span)] = (span, data)
            elif data is not None:
                memo.boxes = True
        else:
            data = seen[1]
        if data is not None:
            data = {**data}  # each location its own (a bbox list is made anew above)
    return {
        "pointer": location.pointer,
        "text_range": list(location.text_range) if location.text_range else None,
        "span": data,
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """``finding`` as plain JSON data.

    Keys: ``code``, ``name``, ``severity``, ``origin`` (``report``: the report as
    published; ``reading``: what reading the document could not do), ``message``
    (Chinese), ``message_en``, ``pointer``, ``text_range``, ``span`` (the source position,
    or ``null``), ``related`` (the other locations: ``pointer``, ``text_range``, ``span``),
    ``expected``, ``actual`` (numbers, or decimal strings for money).
    """
    return _finding_dict(finding, _Memo(share=False))


def _finding_dict(finding: Finding, memo: _Memo) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "origin": finding.origin.value,
        "message": finding.message,
        "message_en": finding.message_en,
        **_location(finding.location, memo),
        "related": _related(finding.related, memo),
        "expected": json_value(finding.expected),
        "actual": json_value(finding.actual),
    }


@attrs.frozen(kw_only=True)
class FileFindings:
    """What checking one file gave: its findings, or why it could not be read.

    Attributes:
        path: the file, as given (relative paths stay relative).
        findings: the findings, parser diagnostics included.
        error: why the file could not be read (one line), or ``None``.
        format: the format it was read as (``"json"``, ``"html"``…), if it was.
        layout: the report's :attr:`~govdisclosure.AnnualReport.layout`, if it was read:
            places are then named in the words of its edition.
    """

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    format: str | None = None
    layout: Layout | None = None


Results = Mapping[str, Iterable[Finding]] | Iterable[FileFindings]


def file_results(results: Results) -> list[FileFindings]:
    """``results`` as a list of :class:`FileFindings` (a mapping is findings per path)."""
    if isinstance(results, Mapping):
        return [FileFindings(path=p, findings=tuple(f)) for p, f in results.items()]
    return list(results)


def findings_to_dict(results: Results) -> dict[str, Any]:
    """The findings of a run over many files as plain JSON data.

    Args:
        results: findings per file (a mapping of path to findings), or
            :class:`FileFindings` records, which can also say a file could not be read.

    Returns:
        ``{"version": 1, "files": [{"path", "format", "error", "findings": [...]}, ...],
        "summary": {"files", "failed", "error", "warning", "note", "report", "reading"}}``,
        files in the order given; ``report`` and ``reading`` count the findings by
        origin. A file that could not be read has ``error`` set and no findings.
    """
    return _findings_data(results, _Memo(share=False))


def _findings_data(results: Results, memo: _Memo) -> dict[str, Any]:
    counts = dict.fromkeys((s.value for s in Severity), 0)
    counts.update(dict.fromkeys((o.value for o in Origin), 0))
    files: list[dict[str, Any]] = []
    failed = 0
    for result in file_results(results):
        items = [_finding_dict(f, memo) for f in result.findings]
        for item in items:
            counts[item["severity"]] += 1
            counts[item["origin"]] += 1
        failed += result.error is not None
        error = None if result.error is None else readable(result.error)
        # A name that is not UTF-8 is written with backslash escapes: the JSON stays UTF-8.
        files.append(
            {
                "path": readable(result.path),
                "format": result.format,
                "error": error,
                "findings": items,
            }
        )
    return {
        "version": FINDINGS_FORMAT_VERSION,
        "files": files,
        "summary": {"files": len(files), "failed": failed, **counts},
    }


def findings_to_json(results: Results, *, indent: int | None = 2) -> str:
    """:func:`findings_to_dict` as JSON text (Chinese written as is)."""
    # Written at once: the findings may share the data of a location.
    memo = _Memo(share=True)
    data = _findings_data(results, memo)
    if not memo.boxes and type(indent) is int and indent >= 1:
        text = _laid_out(data, indent)
        if text is not None:
            return text
    return indented_json(data, indent)


def _laid_out(data: dict[str, Any], indent: int) -> str | None:
    """``indented_json(data, indent)`` for data holding no float, written by msgspec in C
    (``json.dumps`` escapes strings and writes integers as it does; it writes floats
    otherwise); ``None`` where msgspec cannot (a lone surrogate, no msgspec)."""
    try:
        import msgspec

        laid_out: bytes = msgspec.json.format(msgspec.json.encode(data), indent=indent)
        return laid_out.decode("utf-8")
    except Exception:
        return None
