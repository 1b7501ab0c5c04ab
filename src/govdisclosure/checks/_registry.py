"""Rules: what they are, how they are declared, and the context they run in."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ..model import Edition, describe
from ..model._cellmap import CellValue
from ..model._describe import _places as places_of
from ._finding import Finding, Location, Origin, Severity, Value, new_finding, new_rule_finding
from ._plan import plan

if TYPE_CHECKING:
    from ..model import AnnualReport

__all__ = ["RETIRED", "Context", "Rule", "RuleFunction", "rule"]

RuleFunction = Callable[["Context"], Iterable[Finding]]
_T = TypeVar("_T")

_CODE = re.compile(r"^GD[0-9]{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DOC_HEADINGS = ("## What it checks", "## Why it matters", "## Example", "## How to fix")
ALL_EDITIONS = frozenset(Edition)
_SCOPES = ("report", "previous", "aggregate", "parse")

#: Tests that a report passes whenever a rule can find something in it, by the rule's
#: code: several rules that rest on the same work (the text's figures compared with the
#: tables, say) are skipped together, after one test, when it fails. A rule finds the
#: same with or without its test (a test checks it).
PRECONDITIONS: dict[str, Callable[[Context], bool]] = {}

#: Codes of rules that were removed. A retired code is never given to another rule, so a
#: code read in an old report of findings always means what it meant then.
RETIRED: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Rule:
    """A check over a report, with its stable code and its documentation.

    Attributes:
        code: ``GD`` + three digits, stable; a retired code is never reused.
        name: kebab-case name of the problem the rule finds, stable.
        severity: default :class:`Severity` of its findings.
        summary: one line in English.
        summary_zh: one line in Chinese.
        editions: the editions the rule applies to.
        doc: the full text (What it checks / Why it matters / Example / How to fix).
        scope: ``"report"`` (one report), ``"previous"`` (needs last year's report too;
            run by ``check(report, previous=...)``), ``"aggregate"`` (a region's report
            against its parts; run by :func:`govdisclosure.check_aggregate`), ``"parse"``
            (a diagnostic :func:`govdisclosure.parse` emits while reading a document;
            :func:`govdisclosure.check` does not run it).
        origin: whose problem its findings are: :attr:`Origin.REPORT` (the report as
            published; the default) or :attr:`Origin.READING` (what reading a document
            could not do: every parse diagnostic, and the notes on cells left unread).
        function: the generator that yields findings.
        quiet_when_clean: the rule finds nothing in a report whose tables are clean
            (:attr:`Context.clean`: every cell a figure, none negative where it cannot
            be, every identity of tables 三 and 四 holding, no cell left unread), so
            :func:`~govdisclosure.check` does not run it on one.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    summary_zh: str
    editions: frozenset[Edition] = ALL_EDITIONS
    doc: str
    scope: str = "report"
    origin: Origin = Origin.REPORT
    function: RuleFunction = attrs.field(eq=False, repr=False)
    quiet_when_clean: bool = attrs.field(default=False, eq=False, repr=False)

    def applies_to(self, edition: Edition) -> bool:
        """Whether the rule runs on reports of ``edition``."""
        return edition in self.editions

    def __reduce__(self) -> tuple[Any, ...]:
        # @rule binds the Rule to its function's name, so pickle cannot find the function
        # by reference: a rule pickles as the module-level name it is defined under.
        module = getattr(self.function, "__module__", "")
        name = getattr(self.function, "__qualname__", "")
        if _rule_at(module, name) is not self:
            import pickle  # only here: `import govdisclosure` stays light

            raise pickle.PicklingError(
                f"rule {self.code} is not defined at module level as {module}.{name}"
            )
        return (_load_rule, (module, name))


def _load_rule(module: str, name: str) -> Rule:
    rule = _rule_at(module, name)
    if rule is None:
        import pickle

        raise pickle.UnpicklingError(f"no rule is defined as {module}.{name}")
    return rule


def _rule_at(module: str, name: str) -> Rule | None:
    """The rule defined as ``name`` in ``module``, or ``None``."""
    try:
        value = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
    return value if isinstance(value, Rule) else None


def rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    summary_zh: str,
    editions: Iterable[Edition] = ALL_EDITIONS,
    scope: str = "report",
    origin: Origin | None = None,
    quiet_when_clean: bool = False,
) -> Callable[[RuleFunction], Rule]:
    """Declare a rule. The decorated function's docstring is the rule's documentation.

    The docstring must have the four sections ``## What it checks``, ``## Why it
    matters``, ``## Example`` and ``## How to fix``, in that order. ``origin`` is
    :attr:`Origin.READING` for parse diagnostics (scope ``"parse"``) unless given, else
    :attr:`Origin.REPORT`. ``quiet_when_clean`` says that the rule finds nothing when
    :attr:`Context.clean` holds (a test checks it on clean reports).
    """
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} must be GD and three digits")
    if code in RETIRED:
        raise ValueError(f"rule code {code} is retired and cannot be reused")
    if not _NAME.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if scope not in _SCOPES:
        raise ValueError(f"rule scope {scope!r} must be one of {_SCOPES}")

    def decorate(function: RuleFunction) -> Rule:
        doc = inspect.cleandoc(function.__doc__ or "")
        positions = [doc.find(h) for h in _DOC_HEADINGS]
        if -1 in positions or positions != sorted(positions):
            raise ValueError(f"{code}: the docstring needs the sections {_DOC_HEADINGS} in order")
        return Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            summary_zh=summary_zh,
            editions=frozenset(editions),
            doc=doc,
            scope=scope,
            origin=origin
            if origin is not None
            else (Origin.READING if scope == "parse" else Origin.REPORT),
            function=function,
            quiet_when_clean=quiet_when_clean,
        )

    return decorate


class Context:
    """What a rule sees: the report (and last year's, or the parts of an aggregate).

    Rules create findings with :meth:`finding`, which fills in the rule's code, name and
    the severity in force for this run. Work several rules share (reading the numbers
    stated in the text, for example) is done once per report through :meth:`memo`.
    """

    __slots__ = (
        "_clean",
        "_filled",
        "_has_blank",
        "_memo",
        "_origin",
        "_places",
        "_rule",
        "_severity",
        "_unread",
        "_values",
        "children",
        "layout",
        "plan",
        "previous",
        "report",
    )

    def __init__(
        self,
        report: AnnualReport,
        previous: AnnualReport | None = None,
        children: tuple[AnnualReport, ...] = (),
    ) -> None:
        self.report = report
        self.previous = previous
        #: The reports an aggregate is compared with (:func:`govdisclosure.check_aggregate`).
        self.children = children
        self._memo: dict[str, object] = {}
        #: The shape of the report's tables (:attr:`AnnualReport.layout`).
        self.layout = report.layout
        #: The identities of the report's layout as positions in :attr:`values`.
        self.plan = plan(self.layout)
        self._values: list[CellValue] | None = None
        self._has_blank: bool | None = None
        self._clean: bool | None = None
        self._filled: bool | None = None
        self._places: Mapping[str, tuple[str, str]] | None = None
        self._unread: frozenset[int] | None = None
        self._rule: Rule | None = None
        self._severity = Severity.ERROR
        self._origin = Origin.REPORT

    @property
    def values(self) -> list[CellValue]:
        """Every table cell's value, in the order of ``plan.refs`` (computed once)."""
        if self._values is None:
            self._values = self.plan.get_values(self.report)
        return self._values

    @property
    def clean(self) -> bool:
        """Whether the report's tables are clean: every cell holds a figure (none blank,
        none left unread), none is negative where it cannot be, and every identity of
        tables 三 and 四 holds. Rules declared ``quiet_when_clean`` find nothing then."""
        if self._clean is None:
            self._clean = (
                not self.report.unread
                and filled_and_not_negative(self)
                and self.plan.kernel.identities_hold(self.values)
            )
        return self._clean

    @property
    def has_blank(self) -> bool:
        """Whether any table cell is ``None`` (blank, or unread)."""
        if self._has_blank is None:
            self._has_blank = None in self.values
        return self._has_blank

    @property
    def unread(self) -> frozenset[int]:
        """Positions (in :attr:`values`) of the cells reading left unread.

        Their value is ``None`` like a blank's, but the report may print a figure there:
        a rule of origin ``report`` never rests on them — it skips every identity that
        involves one (GD012 notes, once per row, what could not be checked).
        """
        if self._unread is None:
            unread = self.report.unread
            if not unread:
                self._unread = frozenset()
            else:
                positions = self.plan.positions
                self._unread = frozenset(
                    positions[c.pointer] for c in unread if c.pointer in positions
                )
        return self._unread

    def describe(self, pointer: str) -> tuple[str, str]:
        """The place ``pointer`` names in the template's words (Chinese, English), e.g.
        ``表三“（二）部分公开”行“总计”列`` (see :func:`govdisclosure.model.describe`)."""
        places = self._places
        if places is None:
            places = self._places = places_of(self.layout)
        found = places.get(pointer)
        return found if found is not None else describe(pointer, self.layout)

    def known(self, positions: Iterable[int]) -> bool:
        """Whether no cell at ``positions`` was left unread."""
        unread = self.unread
        return not unread or unread.isdisjoint(positions)

    def memo(self, key: str, compute: Callable[[AnnualReport], _T]) -> _T:
        """``compute(report)``, computed once per report and shared by the rules."""
        try:
            return self._memo[key]  # type: ignore[return-value]
        except KeyError:
            value = self._memo[key] = compute(self.report)
            return value

    def bind(self, rule: Rule, severity: Severity) -> None:
        """Make ``rule`` the rule whose findings :meth:`finding` creates."""
        self._rule = rule
        self._severity = severity
        self._origin = rule.origin

    def finding(
        self,
        pointer: str,
        message: str,
        message_en: str,
        *,
        related: Iterable[str | Location] = (),
        expected: Value = None,
        actual: Value = None,
        text_range: tuple[int, int] | None = None,
    ) -> Finding:
        """A finding of the current rule at ``pointer``."""
        rule = self._rule
        assert rule is not None, "Context.finding() outside a rule"
        return new_finding(
            rule.code,
            rule.name,
            self._severity,
            message,
            message_en,
            location_of(pointer)
            if text_range is None
            else Location(pointer=pointer, text_range=text_range),
            _related(related),
            expected,
            actual,
            self._origin,
        )


def finding_maker(
    ctx: Context,
) -> Callable[[Location, str, str, tuple[Location, ...], Value, Value], Finding]:
    """A function making findings of the rule bound to ``ctx``, as
    :meth:`Context.finding` does but with every argument positional and already made:
    ``make(location, message, message_en, related, expected, actual)`` (for rules whose
    findings come by the dozen: one call each, no keyword)."""
    rule = ctx._rule
    assert rule is not None, "finding_maker() outside a rule"
    return partial(new_rule_finding, rule.code, rule.name, ctx._severity, ctx._origin)


def filled_and_not_negative(ctx: Context) -> bool:
    """Whether every table cell of ``ctx``'s report holds a figure (none blank, none left
    unread) and none is negative where it cannot be (computed once per context)."""
    filled = ctx._filled
    if filled is None:
        filled = ctx._filled = ctx.plan.kernel.filled_and_not_negative(ctx.values)
        if filled:
            ctx._has_blank = False
    return filled


#: Locations by pointer: a Location is immutable, so the findings of every run share
#: one per place instead of making one per finding (an identity's finding names up to
#: twenty cells). Emptied when it grows past :data:`_LOCATIONS_KEPT`.
_LOCATIONS: dict[str, Location] = {}
_LOCATIONS_KEPT = 4096


#: The related places of findings by their pointers (an identity's parts are named by
#: the same tuple every time): emptied when it grows past :data:`_LOCATIONS_KEPT`.
_RELATED: dict[tuple[str, ...], tuple[Location, ...]] = {}


def _related(related: Iterable[str | Location]) -> tuple[Location, ...]:
    """``related`` as locations (pointers made :class:`Location` by :func:`location_of`)."""
    if related.__class__ is tuple:
        pointers: tuple[Any, ...] = related
        if pointers and pointers[0].__class__ is str:
            found = _RELATED.get(pointers)
            if found is not None:
                return found
            places = tuple(r if isinstance(r, Location) else location_of(r) for r in pointers)
            if all(r.__class__ is str for r in pointers):
                if len(_RELATED) >= _LOCATIONS_KEPT:
                    _RELATED.clear()
                _RELATED[pointers] = places
            return places
    return tuple(r if isinstance(r, Location) else location_of(r) for r in related)


def location_of(pointer: str) -> Location:
    """The :class:`Location` of ``pointer`` (no text range, span or other report)."""
    try:
        return _LOCATIONS[pointer]
    except KeyError:
        if len(_LOCATIONS) >= _LOCATIONS_KEPT:
            _LOCATIONS.clear()
        location = _LOCATIONS[pointer] = Location(pointer=pointer)
        return location


def iter_rules(modules: Iterable[object]) -> Iterator[Rule]:
    """Every :class:`Rule` defined at module level in ``modules``."""
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, Rule):
                yield value
