"""Running rules over a report: :func:`check`, :func:`rules`, :func:`get_rule`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import attrs

from ..exceptions import Problem, RuleSelectionError, StructureError
from ..model import AnnualReport, Edition, SourceSpan, document_order
from ._finding import Finding, Location, Severity
from ._registry import Context, Rule, iter_rules
from ._rules import appeals, applications, parsing, structure

__all__ = ["check", "get_rule", "rules"]

#: The rule families in the order their modules are listed; rules sort by code.
_FAMILIES = (structure, applications, appeals, parsing)

RULES: tuple[Rule, ...] = tuple(sorted(iter_rules(_FAMILIES), key=lambda r: r.code))
_BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
if len(_BY_CODE) != len(RULES):  # pragma: no cover - guarded by tests too
    raise RuntimeError("two rules share a code")

Prefixes = str | Iterable[str] | None


def rules() -> tuple[Rule, ...]:
    """Every rule, ordered by code."""
    return RULES


def get_rule(code: str) -> Rule:
    """The rule with ``code`` (e.g. ``"GD301"``).

    Raises:
        RuleSelectionError: no rule has that code.
    """
    try:
        return _BY_CODE[code.upper()]
    except KeyError:
        raise RuleSelectionError(
            f"没有代码为 {code} 的规则", f"no rule has the code {code!r}"
        ) from None


def _prefixes(value: Prefixes, what: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = (value,) if isinstance(value, str) else tuple(value)
    out: list[str] = []
    for item in items:
        prefix = item.strip().upper()
        if not any(code.startswith(prefix) for code in _BY_CODE):
            raise RuleSelectionError(
                f"{what} 中的 {item!r} 不是任何规则代码的前缀",
                f"{item!r} in {what} matches no rule code",
            )
        out.append(prefix)
    return tuple(sorted(set(out)))


@lru_cache(maxsize=256)
def _active(
    edition: Edition, select: tuple[str, ...] | None, ignore: tuple[str, ...] | None
) -> tuple[Rule, ...]:
    chosen = []
    for rule in RULES:
        if not rule.applies_to(edition):
            continue
        if select is not None and not rule.code.startswith(select):
            continue
        if ignore is not None and rule.code.startswith(ignore):
            continue
        chosen.append(rule)
    return tuple(chosen)


def _severity_table(overrides: Mapping[str, Severity | str] | None) -> dict[str, Severity]:
    if not overrides:
        return {}
    table: dict[str, Severity] = {}
    by_length = sorted(overrides.items(), key=lambda kv: len(kv[0]))
    for prefix, value in by_length:
        try:
            severity = Severity(value)
        except ValueError:
            raise RuleSelectionError(
                f"严重程度 {value!r} 无效，应为 error、warning 或 note",
                f"severity {value!r} must be error, warning or note",
            ) from None
        (matched,) = _prefixes(prefix, "severity") or ((),)
        for code in _BY_CODE:
            if code.startswith(matched):
                table[code] = severity
    return table


def check(
    report: AnnualReport,
    *,
    previous: AnnualReport | None = None,
    select: Prefixes = None,
    ignore: Prefixes = None,
    severity: Mapping[str, Severity | str] | None = None,
) -> list[Finding]:
    """Check ``report`` against the format's identities and rules.

    Args:
        report: the report to check.
        previous: last year's report of the same organ, for the cross-year rules.
        select: run only rules whose code starts with one of these prefixes
            (``"GD3"``, ``("GD301", "GD4")``).
        ignore: skip rules whose code starts with one of these prefixes.
        severity: per-run severity overrides by code prefix, e.g. ``{"GD010": "note"}``;
            the longest matching prefix wins.

    Returns:
        The findings, in document order (the position of each finding's cell or text in
        the report), then by code. The same input always gives the same list.

    Raises:
        RuleSelectionError: a prefix matches no rule, or a severity is not valid.
        StructureError: ``report`` is not an :class:`AnnualReport`.
    """
    if not isinstance(report, AnnualReport):
        raise StructureError(
            [Problem("", "应为 AnnualReport 对象", f"expected an AnnualReport, got {type(report)}")]
        )
    if previous is not None and not isinstance(previous, AnnualReport):
        raise StructureError(
            [Problem("", "previous 应为 AnnualReport", "previous must be an AnnualReport")]
        )
    active = _active(report.edition, _prefixes(select, "select"), _prefixes(ignore, "ignore"))
    overrides = _severity_table(severity)
    context = Context(report, previous)
    findings: list[Finding] = []
    for rule in active:
        if rule.scope == "parse" or (rule.scope == "previous" and previous is None):
            continue
        context.bind(rule, overrides.get(rule.code, rule.severity))
        findings.extend(rule.function(context))
    if not findings:
        return findings
    if report.source is not None and report.source.spans:
        findings = _with_spans(findings, {e.pointer: e.span for e in report.source.spans})
    order = document_order(report.edition)
    last = len(order)
    findings.sort(key=lambda f: (order.get(f.location.pointer, last), f.location.pointer, f.code))
    return findings


def _with_spans(findings: list[Finding], spans: Mapping[str, SourceSpan]) -> list[Finding]:
    def locate(location: Location) -> Location:
        span = spans.get(location.pointer)
        if span is None or location.span is not None:
            return location
        return attrs.evolve(location, span=span)

    return [
        attrs.evolve(f, location=locate(f.location), related=tuple(locate(r) for r in f.related))
        for f in findings
    ]
