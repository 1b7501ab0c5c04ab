"""Findings as SARIF 2.1.0, for code-scanning viewers and CI.

One run, tool ``govdisclosure`` with the whole rule catalogue as rule descriptors (the
rule's documentation is the ``fullDescription`` and ``help``). Each finding is a result
with:

- a **logical location**: the JSON pointer into the canonical form
  (``fullyQualifiedName``), kind ``"property"``;
- a **physical location**: the file (URI relative to the run's ``%SRCROOT%`` when the
  path given was relative) and a region. Where the source line is known (a text or
  JSON source) the region starts on it. Where it is not (a table cell of a Word or PDF
  source), the region is line 1 and its ``message`` names the place in the template's
  words (表三“（一）予以公开”行“总计”列), its page, and the pointer: GitHub code scanning
  refuses results without a ``region.startLine``. The position is also kept as
  properties of the physical location.
- ``relatedLocations`` for the other cells of the identity, ``partialFingerprints``
  from code and pointer (stable across runs), and ``origin`` (``report`` or
  ``reading``: whose problem it is), ``expected`` and ``actual`` as properties.

Files that could not be read are tool execution notifications of level ``error``, and
the invocation is then not successful.
"""

from __future__ import annotations

from pathlib import Path, PurePath, PurePosixPath
from typing import Any

from .._fsnames import readable, uri_path
from ..checks import Finding, Location, Rule
from ..model import Edition, Layout, SourceSpan, describe
from ._findings import FileFindings, Results, file_results, json_value, span_to_dict

__all__ = ["SARIF_SCHEMA_URI", "SARIF_VERSION", "to_sarif"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_SRCROOT = "%SRCROOT%"
_FINGERPRINT = "govdisclosureFinding/v1"
#: The layout places are named in when a record does not say its report's.
_DEFAULT = Layout(Edition.E2021, Edition.E2021)


def _text(zh: str, en: str) -> str:
    return zh if not en or en == zh else f"{zh} ({en})"


def _descriptor(rule: Rule) -> dict[str, Any]:
    section = rule.code[2]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _text(rule.summary_zh, rule.summary)},
        "fullDescription": {"text": rule.doc, "markdown": rule.doc},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {
            "editions": sorted(e.value for e in rule.editions),
            "scope": rule.scope,
            "origin": rule.origin.value,
            "tags": ["govdisclosure", f"section-{section}", f"origin-{rule.origin.value}"],
        },
    }


def _unknown_descriptor(finding: Finding) -> dict[str, Any]:
    # A code outside the catalogue (a parser diagnostic not registered as a rule).
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": finding.severity.value},
    }


def _uri(path: str) -> dict[str, str]:
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": Path(path).as_uri()}
    posix = PurePosixPath(*pure.parts).as_posix() if pure.parts else path
    # Byte for byte: a name that is not UTF-8 (a GBK name) is percent-encoded as it is.
    return {"uri": uri_path(posix), "uriBaseId": _SRCROOT}


def _logical(location: Location) -> dict[str, Any]:
    pointer = location.pointer
    name = pointer.rsplit("/", 1)[-1] if pointer else "/"
    return {"fullyQualifiedName": pointer or "/", "name": name or "/", "kind": "property"}


def _place(location: Location, layout: Layout) -> str:
    """The place in the template's words, and the page where it is known."""
    zh, _ = describe(location.pointer, layout)
    span = location.span
    if span is not None and span.page is not None:
        zh += f"（第 {span.page} 页）"
    return zh


#: The source positions of the spans met in one log, by ``id`` (each kept with its span,
#: so that the ``id`` stays its own); spans with a box are not kept (their box is a list).
_Positions = dict[int, tuple[SourceSpan, dict[str, Any] | None]]


def _position(span: SourceSpan | None, positions: _Positions) -> dict[str, Any] | None:
    """:func:`span_to_dict` of ``span``, a dict of its own for each location (the
    locations of one line share their span)."""
    if span is None:
        return None
    seen = positions.get(id(span))
    if seen is not None and seen[0] is span:
        return None if seen[1] is None else dict(seen[1])
    data = span_to_dict(span)
    if data is None or "bbox" not in data:
        positions[id(span)] = (span, data)
        return None if data is None else dict(data)
    return data


def _physical(
    artifact: dict[str, str], location: Location, layout: Layout, positions: _Positions
) -> dict[str, Any]:
    # ``artifact`` is the file's artifactLocation, computed once per file; each location
    # gets its own copy.
    span = location.span
    physical: dict[str, Any] = {"artifactLocation": dict(artifact)}
    region: dict[str, Any]
    if span is not None and span.line is not None:
        region = {"startLine": span.line}
        if span.end_line is not None and span.end_line >= span.line:
            region["endLine"] = span.end_line
    else:
        text = f"{_place(location, layout)}: {location.pointer or '/'}"
        region = {"startLine": 1, "message": {"text": text}}
    physical["region"] = region
    position = _position(span, positions)
    if position:
        physical["properties"] = {"sourcePosition": position}
    return physical


def _result(
    artifact: dict[str, str],
    finding: Finding,
    index: int,
    layout: Layout,
    positions: _Positions,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": finding.severity.value,
        "message": {"text": _text(finding.message, finding.message_en)},
        "locations": [
            {
                "physicalLocation": _physical(artifact, finding.location, layout, positions),
                "logicalLocations": [_logical(finding.location)],
            }
        ],
        "partialFingerprints": {_FINGERPRINT: f"{finding.code}:{finding.location.pointer}"},
    }
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": _physical(artifact, related, layout, positions),
                "logicalLocations": [_logical(related)],
                "message": {"text": _place(related, layout)},
            }
            for number, related in enumerate(finding.related, start=1)
        ]
    properties = {
        "pointer": finding.location.pointer,
        "origin": finding.origin.value,
        "expected": json_value(finding.expected),
        "actual": json_value(finding.actual),
    }
    result["properties"] = {k: v for k, v in properties.items() if v is not None}
    return result


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("govdisclosure")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def to_sarif(
    results: Results,
    *,
    base_uri: str | None = None,
    catalogue: tuple[Rule, ...] | None = None,
) -> dict[str, Any]:
    """A SARIF 2.1.0 log of the findings of a run over many files.

    Args:
        results: findings per file (a mapping of path to findings), or
            :class:`~govdisclosure.codecs.FileFindings` records, which can also say a
            file could not be read.
        base_uri: the absolute URI (``file:///…/``) relative paths are relative to,
            recorded as ``originalUriBaseIds["%SRCROOT%"]``; leave it out to let the
            viewer resolve them against the repository root.
        catalogue: the rules to describe (default: every rule of :func:`rules`).

    Returns:
        The log as plain JSON data (``json.dump`` it). It validates against the OASIS
        SARIF 2.1.0 JSON schema.
    """
    from ..checks import rules  # the rule families load when a log is written

    records: list[FileFindings] = file_results(results)
    descriptors = [_descriptor(r) for r in (catalogue if catalogue is not None else rules())]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    positions: _Positions = {}
    for record in records:
        artifact = _uri(record.path)
        if record.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": readable(record.error)},
                    "locations": [{"physicalLocation": {"artifactLocation": dict(artifact)}}],
                }
            )
        for finding in record.findings:
            if finding.code not in index:
                index[finding.code] = len(descriptors)
                descriptors.append(_unknown_descriptor(finding))
            sarif_results.append(
                _result(
                    artifact, finding, index[finding.code], record.layout or _DEFAULT, positions
                )
            )
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    version = _version()
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "govdisclosure",
                "version": version,
                "semanticVersion": version,
                "rules": descriptors,
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if base_uri is not None:
        run["originalUriBaseIds"] = {_SRCROOT: {"uri": base_uri}}
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}
