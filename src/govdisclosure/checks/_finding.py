"""What a check returns: :class:`Finding`, its :class:`Severity` and :class:`Location`."""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from ..model import SourceSpan

__all__ = ["Finding", "Location", "Origin", "Severity", "Value"]

Value = int | Decimal | str | None


class Severity(str, enum.Enum):
    """How serious a finding is. The values equal SARIF's ``level`` strings.

    ``error``: an identity or rule the format requires is broken.
    ``warning``: possible but implausible, or inconsistent with another report.
    ``note``: completeness and presentation.
    """

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for note: compare severities with this."""
        return _RANK[self]

    @property
    def label(self) -> str:
        """The Chinese word for this severity (错误, 警告, 提示)."""
        return _ZH[self]


_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.NOTE: 0}
_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.NOTE: "提示"}


class Origin(str, enum.Enum):
    """Whose problem a finding is.

    ``report``: the report as published — its publisher can fix it.
    ``reading``: what reading the document could not do (a cell not read, a row not
    recognised, an encoding guessed) — nothing to hold against the publisher.
    """

    REPORT = "report"
    READING = "reading"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def label(self) -> str:
        """The Chinese word for this origin (报告, 读取)."""
        return "报告" if self is Origin.REPORT else "读取"


@attrs.frozen(kw_only=True)
class Location:
    """A place in a report.

    Attributes:
        pointer: RFC 6901 JSON pointer into the canonical form (:func:`govdisclosure.dumps`).
        text_range: for a pointer to free text, the ``(start, end)`` character offsets of the
            sentence concerned.
        span: the position in the published document, when the report was parsed from one.
        report: which report the pointer is in, for findings that involve several:
            ``None`` is the report checked (the parent, for
            :func:`~govdisclosure.check_aggregate`); ``"previous"`` is last year's report
            given to :func:`~govdisclosure.check`; ``"children/<i>"`` is the ``i``-th
            (0-based) report in the ``children`` given to
            :func:`~govdisclosure.check_aggregate`.
    """

    pointer: str
    text_range: tuple[int, int] | None = None
    span: SourceSpan | None = None
    report: str | None = None

    def __str__(self) -> str:
        text = self.pointer or "/"
        if self.report is not None:
            text = f"{self.report}:{text}"
        if self.text_range is not None:
            text += f"[{self.text_range[0]}:{self.text_range[1]}]"
        if self.span is not None:
            text += f" ({self.span})"
        return text


@attrs.frozen(kw_only=True)
class Finding:
    """One problem found in a report.

    Attributes:
        code: the rule's stable code, ``GD`` and three digits; the hundreds digit is the
            report section (0 structure, 1–6 the sections, 8 across reports, 9 parsing).
        name: the rule's stable kebab-case name.
        severity: :class:`Severity` after any per-run override.
        message: what is wrong, in Chinese, with the numbers.
        message_en: the same in English.
        location: the cell or text the finding is about.
        related: the other cells of the identity (or text) involved.
        expected: the value the rule expected at ``location``, where there is one.
        actual: the value found at ``location``.
        origin: whose problem it is: :attr:`Origin.REPORT` (the report as published) or
            :attr:`Origin.READING` (what reading the document could not do). No finding
            of origin ``report`` rests on a cell reading left unread.
    """

    code: str
    name: str
    severity: Severity
    message: str
    message_en: str
    location: Location
    related: tuple[Location, ...] = ()
    expected: Value = None
    actual: Value = None
    origin: Origin = Origin.REPORT

    @property
    def pointer(self) -> str:
        """Shortcut for ``location.pointer``."""
        return self.location.pointer

    def text(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.message_en if lang == "en" else self.message

    def __str__(self) -> str:
        return f"{self.location} {self.code} [{self.severity.value}] {self.message}"


def _store_only(cls: type, order: tuple[str, ...] | None = None) -> Callable[..., Any]:
    """A function building ``cls`` from its field values in order (or in ``order``, a
    permutation of the field names), storing them the way its attrs ``__init__`` does
    (the class has no validator, converter or hook)."""
    fields = attrs.fields(cls)
    assert all(f.validator is None and f.converter is None and f.init for f in fields)
    assert not hasattr(cls, "__attrs_post_init__")
    assert not hasattr(cls, "__attrs_pre_init__")
    names = [f.name for f in fields]
    assert order is None or sorted(order) == sorted(names)
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = [f"def make({', '.join(order or names)}):", "    x = _new(_cls)"]
    for i, name in enumerate(names):
        namespace[f"_s{i}"] = cls.__dict__[name].__set__
        lines.append(f"    _s{i}(x, {name})")
    lines.append("    return x")
    exec("\n".join(lines), namespace)
    make: Callable[..., Any] = namespace["make"]
    make.__module__ = __name__
    return make


#: ``Finding(...)`` for the checks' own findings, without a keyword call per field:
#: arguments in field order (code, name, severity, message, message_en, location,
#: related, expected, actual, origin).
new_finding: Callable[..., Finding] = _store_only(Finding)
new_finding.__qualname__ = new_finding.__name__ = "new_finding"
#: ``Finding(...)`` with the rule's fields first (code, name, severity, origin, location,
#: message, message_en, related, expected, actual): bound to a rule's first four by
#: :func:`~govdisclosure.checks._registry.finding_maker`.
new_rule_finding: Callable[..., Finding] = _store_only(
    Finding,
    (
        "code",
        "name",
        "severity",
        "origin",
        "location",
        "message",
        "message_en",
        "related",
        "expected",
        "actual",
    ),
)
new_rule_finding.__qualname__ = new_rule_finding.__name__ = "new_rule_finding"
#: ``Location(...)`` the same way (pointer, text_range, span, report).
new_location: Callable[..., Location] = _store_only(Location)
new_location.__qualname__ = new_location.__name__ = "new_location"


def _reduce_finding(self: Finding) -> tuple[Any, ...]:
    # Pickled as its field values, rebuilt by storing them: findings travel between
    # processes (check_jsonl, the command line's --jobs, Dask) by the thousand.
    return new_finding, (
        self.code,
        self.name,
        self.severity,
        self.message,
        self.message_en,
        self.location,
        self.related,
        self.expected,
        self.actual,
        self.origin,
    )


def _reduce_location(self: Location) -> tuple[Any, ...]:
    return new_location, (self.pointer, self.text_range, self.span, self.report)


Finding.__reduce__ = _reduce_finding  # type: ignore[method-assign,assignment]
Location.__reduce__ = _reduce_location  # type: ignore[method-assign,assignment]
