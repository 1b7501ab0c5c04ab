"""Running rules over a report: :func:`check`, :func:`rules`, :func:`get_rule`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple, Protocol

import attrs

from ..exceptions import RuleSelectionError
from ..model import AnnualReport, Edition, SourceSpan, document_order, require_report
from ._finding import Finding, Location, Severity
from ._presets import PRESETS, Preset
from ._registry import PRECONDITIONS, RETIRED, Context, Rule, iter_rules
from ._rules import (
    aggregates,
    appeals,
    applications,
    continuity,
    narrative,
    parsing,
    proactive,
    structure,
)

__all__ = ["Parsed", "Schedule", "check", "get_rule", "presets", "rules"]


class Parsed(Protocol):
    """What :func:`govdisclosure.parse` returns, as :func:`check` uses it: the report and
    the reader's diagnostics (a :class:`~govdisclosure.ParseResult`)."""

    @property
    def report(self) -> AnnualReport: ...

    @property
    def diagnostics(self) -> tuple[Finding, ...]: ...


#: The rule families; rules sort by code.
_FAMILIES = (
    structure,
    proactive,
    applications,
    appeals,
    narrative,
    continuity,
    aggregates,
    parsing,
)

RULES: tuple[Rule, ...] = tuple(sorted(iter_rules(_FAMILIES), key=lambda r: r.code))
_BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
if len(_BY_CODE) != len(RULES):  # pragma: no cover - guarded by tests too
    raise RuntimeError("two rules share a code")
if set(_BY_CODE) & set(RETIRED):  # pragma: no cover - guarded by tests too
    raise RuntimeError("a rule uses a retired code")

Prefixes = str | Iterable[str] | None
Overrides = Mapping[str, Severity | str] | None
#: Each rule to run with the severity its findings get.
Steps = tuple[tuple[Rule, Severity], ...]


#: Each step's precondition (see :data:`~._registry.PRECONDITIONS`), or ``None``.
Gates = tuple["Callable[[Context], bool] | None", ...]


class Schedule(NamedTuple):
    """What one run does: its steps, and those left when the report's tables are clean."""

    steps: Steps
    #: The steps without the rules that are quiet when the tables are clean, or ``None``
    #: when there are none such (the run need not ask whether the tables are clean).
    when_clean: Steps | None
    #: The precondition of each of :attr:`steps`, and of each of :attr:`when_clean`.
    gates: Gates
    gates_when_clean: Gates


def rules() -> tuple[Rule, ...]:
    """Every rule, ordered by code (including the parser's diagnostics, scope ``"parse"``)."""
    return RULES


def presets() -> Mapping[str, Preset]:
    """The presets :func:`check` accepts, by name (``default``, ``strict``, ``lenient``)."""
    return PRESETS


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
    try:
        return _valid_prefixes(items, what)
    except TypeError:  # an unhashable item: validate it the slow way (and fail there)
        return _valid_prefixes.__wrapped__(items, what)


@lru_cache(maxsize=256)
def _valid_prefixes(items: tuple[str, ...], what: str) -> tuple[str, ...]:
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise RuleSelectionError(
                f"{what} 中的 {item!r} 不是规则代码前缀", f"{item!r} in {what} is not a code prefix"
            )
        prefix = item.strip().upper()
        if not any(code.startswith(prefix) for code in _BY_CODE):
            raise RuleSelectionError(
                f"{what} 中的 {item!r} 不是任何规则代码的前缀",
                f"{item!r} in {what} matches no rule code",
            )
        out.append(prefix)
    return tuple(sorted(set(out)))


def _overrides(overrides: Overrides) -> tuple[tuple[str, Severity], ...]:
    """The overrides as (prefix, severity) pairs, shortest prefix first."""
    if not overrides:
        return ()
    items = tuple(overrides.items())
    try:
        return _valid_overrides(items)
    except TypeError:  # an unhashable value: validate it the slow way (and fail there)
        return _valid_overrides.__wrapped__(items)


@lru_cache(maxsize=256)
def _valid_overrides(
    items: tuple[tuple[str, Severity | str], ...],
) -> tuple[tuple[str, Severity], ...]:
    pairs: list[tuple[str, Severity]] = []
    for prefix, value in items:
        try:
            severity = Severity(value)
        except ValueError:
            raise RuleSelectionError(
                f"严重程度 {value!r} 无效，应为 error、warning 或 note",
                f"severity {value!r} must be error, warning or note",
            ) from None
        (matched,) = _prefixes(prefix, "severity") or ("",)
        pairs.append((matched, severity))
    return tuple(sorted(set(pairs), key=lambda p: (len(p[0]), p[0])))


def _preset(name: str | None) -> str:
    """The name of the preset to use (``None`` is ``"default"``); validates it."""
    if name is None:
        return "default"
    if isinstance(name, str) and name in PRESETS:
        return name
    names = ", ".join(PRESETS)
    raise RuleSelectionError(
        f"没有名为 {name!r} 的预设（可选：{names}）",
        f"no preset named {name!r} (one of {names})",
    )


@lru_cache(maxsize=512)
def _schedule(
    edition: Edition,
    scopes: frozenset[str],
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...] | None,
    overrides: tuple[tuple[str, Severity], ...],
    preset_name: str,
) -> Schedule:
    preset = PRESETS[preset_name]
    chosen: list[tuple[Rule, Severity]] = []
    for rule in RULES:
        if rule.scope not in scopes or not rule.applies_to(edition):
            continue
        if select is not None and not rule.code.startswith(select):
            continue
        if ignore is not None and rule.code.startswith(ignore):
            continue
        severity = preset.severity_of(rule)
        for prefix, override in overrides:  # shortest first: the longest match wins
            if rule.code.startswith(prefix):
                severity = override
        if severity.rank < preset.floor.rank:
            continue
        chosen.append((rule, severity))
    when_clean = tuple(step for step in chosen if not step[0].quiet_when_clean)
    return Schedule(
        tuple(chosen),
        when_clean if len(when_clean) < len(chosen) else None,
        tuple(PRECONDITIONS.get(rule.code) for rule, _ in chosen),
        tuple(PRECONDITIONS.get(rule.code) for rule, _ in when_clean),
    )


def schedule(
    edition: Edition,
    scopes: frozenset[str],
    *,
    select: Prefixes,
    ignore: Prefixes,
    severity: Overrides,
    preset: str | None,
) -> Schedule:
    """The rules one run executes, each with its severity (validates every argument)."""
    return _schedule(
        edition,
        scopes,
        _prefixes(select, "select"),
        _prefixes(ignore, "ignore"),
        _overrides(severity),
        _preset(preset),
    )


def run(context: Context, plan: Schedule) -> list[Finding]:
    """Run ``plan`` over ``context``; the findings in document order, then by code."""
    findings: list[Finding] = []
    steps, gates = plan.steps, plan.gates
    if plan.when_clean is not None and context.clean:
        steps, gates = plan.when_clean, plan.gates_when_clean
    extend = findings.extend
    bind = context.bind
    passed: dict[Callable[[Context], bool], bool] = {}
    for (rule, severity), gate in zip(steps, gates, strict=True):
        if gate is not None:
            # One test for the rules that rest on the same work: they find nothing when
            # it fails.
            open_ = passed.get(gate)
            if open_ is None:
                open_ = passed[gate] = gate(context)
            if not open_:
                continue
        bind(rule, severity)
        extend(rule.function(context))
    if not findings:
        return findings
    report = context.report
    if report.source is not None and report.source.spans:
        findings = _with_spans(findings, {e.pointer: e.span for e in report.source.spans})
    order = document_order(context.layout)
    last = len(order)
    findings.sort(key=lambda f: (order.get(f.location.pointer, last), f.location.pointer, f.code))
    return findings


_REPORT = frozenset({"report"})
_WITH_PREVIOUS = frozenset({"report", "previous"})


def check(
    report: AnnualReport | Parsed,
    *,
    previous: AnnualReport | Parsed | None = None,
    select: Prefixes = None,
    ignore: Prefixes = None,
    severity: Overrides = None,
    preset: str | None = None,
) -> list[Finding]:
    """Check ``report`` against the format's identities and rules.

    Args:
        report: the report to check — or what :func:`govdisclosure.parse` returned: then
            the reader's diagnostics (``GD9xx``, origin ``reading``) come first, filtered
            by ``select``/``ignore``/``severity`` like the rules, as the command line
            prints them.
        previous: last year's report of the same organ (or its parse result); runs the
            cross-year rules (GD8xx, scope ``"previous"``) as well.
        select: run only rules whose code starts with one of these prefixes
            (``"GD3"``, ``("GD301", "GD4")``).
        ignore: skip rules whose code starts with one of these prefixes.
        severity: per-run severity overrides by code prefix, e.g. ``{"GD010": "note"}``;
            the longest matching prefix wins, and overrides win over the preset.
        preset: ``"default"`` (the same as ``None``), ``"strict"`` or ``"lenient"``
            (see :func:`presets`). ``select``/``ignore`` choose rules first, the preset
            sets their severities, ``severity`` overrides those, and the preset's floor
            drops what ends up below it (``lenient`` drops notes).

    Returns:
        The findings, in document order (the position of each finding's cell or text in
        the report), then by code; a parse result's diagnostics before them, in the order
        reading found them. The same input always gives the same list. Each finding's
        :attr:`~Finding.origin` says whose problem it is; none of origin ``report`` rests
        on a cell reading left unread.

    Raises:
        RuleSelectionError: a prefix matches no rule, a severity is not valid, or there
            is no such preset.
        StructureError: ``report`` (or ``previous``) is neither an :class:`AnnualReport`
            nor a parse result.
    """
    diagnostics: tuple[Finding, ...] = ()
    if not isinstance(report, AnnualReport):
        diagnostics, report = _parsed(report, "report")
        if report.unread and (select is None or not _named(select, _UNREAD_NOTE)):
            # The reader's diagnostics already say, row by row, what was not read.
            ignore = (*_as_tuple(ignore), _UNREAD_NOTE)
    if previous is not None and not isinstance(previous, AnnualReport):
        _, previous = _parsed(previous, "previous")
    plan = schedule(
        report.edition,
        _REPORT if previous is None else _WITH_PREVIOUS,
        select=select,
        ignore=ignore,
        severity=severity,
        preset=preset,
    )
    findings = run(Context(report, previous), plan)
    if not diagnostics:
        return findings
    kept = _diagnostics(diagnostics, select=select, ignore=ignore, severity=severity, preset=preset)
    return [*kept, *findings]


def _parsed(value: object, argument: str) -> tuple[tuple[Finding, ...], AnnualReport]:
    """The diagnostics and the report of a parse result (else a :class:`StructureError`)."""
    report = getattr(value, "report", None)
    diagnostics = getattr(value, "diagnostics", None)
    if (
        isinstance(report, AnnualReport)
        and isinstance(diagnostics, tuple)
        and all(isinstance(d, Finding) for d in diagnostics)
    ):
        return diagnostics, report
    require_report(value, argument)
    raise AssertionError("unreachable")  # pragma: no cover


def _diagnostics(
    diagnostics: tuple[Finding, ...],
    *,
    select: Prefixes,
    ignore: Prefixes,
    severity: Overrides,
    preset: str | None,
) -> list[Finding]:
    """A parse result's diagnostics as a run of :func:`check` keeps them: chosen by
    ``select``/``ignore`` (their codes are in the catalogue), their severity set by the
    preset and the overrides."""
    plan = schedule(
        Edition.E2021,
        _PARSE,
        select=select,
        ignore=ignore,
        severity=severity,
        preset=preset,
    )
    kept = {rule.code: level for rule, level in plan.steps}
    out: list[Finding] = []
    for finding in diagnostics:
        level = kept.get(finding.code)
        if level is None:
            continue
        out.append(finding if level is finding.severity else attrs.evolve(finding, severity=level))
    return out


_PARSE = frozenset({"parse"})
#: GD012, the note on cells left unread: said by the reader's own diagnostics instead.
_UNREAD_NOTE = "GD012"


def _as_tuple(prefixes: Prefixes) -> tuple[str, ...]:
    if prefixes is None:
        return ()
    return (prefixes,) if isinstance(prefixes, str) else tuple(prefixes)


def _named(prefixes: Prefixes, code: str) -> bool:
    """Whether ``prefixes`` name ``code`` itself (not merely a prefix of it)."""
    return any(isinstance(p, str) and p.strip().upper() == code for p in _as_tuple(prefixes))


def _with_spans(findings: list[Finding], spans: Mapping[str, SourceSpan]) -> list[Finding]:
    def locate(location: Location) -> Location:
        span = spans.get(location.pointer)
        if span is None or location.span is not None or location.report is not None:
            return location
        return attrs.evolve(location, span=span)

    return [
        attrs.evolve(f, location=locate(f.location), related=tuple(locate(r) for r in f.related))
        for f in findings
    ]
