"""Exceptions raised by govdisclosure.

Every failure a caller can cause raises a subclass of :class:`GovDisclosureError`.
Each says *what* went wrong and *where*: a JSON pointer into the canonical form, a file,
a line, a table cell. Messages are Chinese first with an English rendering available as
:attr:`GovDisclosureError.message_en`; ``str(error)`` gives both.

The tree::

    GovDisclosureError
    ├── StructureError      input that is not a report of the canonical form (JSON, Python objects)
    ├── ParseError          a published document from which no report can be built
    ├── AggregateError      reports that cannot be summed (mixed editions or years)
    ├── LimitExceededError  input over a configured safety limit (size, cells, depth, time)
    └── RuleSelectionError  an unknown rule code or preset asked for
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = [
    "AggregateError",
    "GovDisclosureError",
    "LimitExceededError",
    "ParseError",
    "Problem",
    "RuleSelectionError",
    "StructureError",
]


@attrs.frozen
class Problem:
    """One problem found in structured input.

    Attributes:
        pointer: RFC 6901 JSON pointer to the offending value ("" is the whole document).
        message: what is wrong, in Chinese.
        message_en: what is wrong, in English.
    """

    pointer: str
    message: str
    message_en: str

    def __str__(self) -> str:
        where = self.pointer or "/"
        return f"{where}: {self.message} ({self.message_en})"


class GovDisclosureError(Exception):
    """Base class of every error govdisclosure raises on bad input.

    Attributes:
        message: Chinese description.
        message_en: English description.
        where: the place the problem was found (file, pointer, line…), or ``None``.
    """

    def __init__(self, message: str, message_en: str | None = None, *, where: str | None = None):
        self.message = message
        self.message_en = message_en if message_en is not None else message
        self.where = where
        super().__init__(self._render())

    def __str__(self) -> str:
        return self._render()

    def _render(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        if self.message_en and self.message_en != self.message:
            return f"{prefix}{self.message} ({self.message_en})"
        return f"{prefix}{self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only state must survive pickling (multiprocessing workers raise these).
        return (_rebuild, (type(self), self.__dict__.copy()))


def _rebuild(cls: type[GovDisclosureError], state: dict[str, object]) -> GovDisclosureError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error._render())
    return error


class StructureError(GovDisclosureError):
    """Input is not a report in the canonical form.

    Raised by :func:`govdisclosure.loads` and by model constructors when the parts do not
    fit together (for example 2021 section-二 rows in a report whose edition is 2019).
    :attr:`problems` lists *every* problem found, each with its JSON pointer.
    """

    def __init__(self, problems: Sequence[Problem], *, where: str | None = None):
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        head = self.problems[:20]
        zh = f"报告结构有 {count} 处错误：" + "；".join(
            f"{p.pointer or '/'} {p.message}" for p in head
        )
        en = f"{count} structure problem(s): " + "; ".join(
            f"{p.pointer or '/'} {p.message_en}" for p in head
        )
        if count > len(head):
            zh += f"；……另有 {count - len(head)} 处"
            en += f"; … and {count - len(head)} more"
        super().__init__(zh, en, where=where)


class ParseError(GovDisclosureError):
    """No report can be built from a published document.

    Raised by :func:`govdisclosure.parse` only when nothing usable was found (not a
    report, a report of the pre-2019 regime, an unreadable file). Recoverable problems
    are returned as diagnostics instead.

    Attributes:
        reason: why, as a stable slug a program can test (the message is for people):
            ``"not_a_report"``, ``"pre_2019"``, ``"no_applications_table"``,
            ``"unreadable"``, ``"unsupported_format"``, ``"format_unavailable"``
            (the format's reader or its optional dependency is not installed), or ``""``.
    """

    def __init__(
        self,
        message: str,
        message_en: str | None = None,
        *,
        where: str | None = None,
        reason: str = "",
    ):
        self.reason = reason
        super().__init__(message, message_en, where=where)


class AggregateError(GovDisclosureError):
    """The reports given cannot be summed into one (different editions or years, none)."""


class LimitExceededError(GovDisclosureError):
    """Input exceeds a configured safety limit (bytes, cells, nesting depth, time).

    Attributes:
        limit: the name of the :class:`~govdisclosure.Limits` field that was exceeded
            (``"max_bytes"``, ``"max_depth"``…), or ``None``.
        value: the value found (for ``max_depth``, the depth reached when reading
            stopped: at least this deep).
        maximum: the limit in force.
    """

    def __init__(
        self,
        message: str,
        message_en: str | None = None,
        *,
        where: str | None = None,
        limit: str | None = None,
        value: float | None = None,
        maximum: float | None = None,
    ):
        self.limit = limit
        self.value = value
        self.maximum = maximum
        super().__init__(message, message_en, where=where)


class RuleSelectionError(GovDisclosureError):
    """A rule code, prefix or preset that does not exist was asked for."""
