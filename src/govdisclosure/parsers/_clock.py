"""One time budget per document: ``Limits.max_seconds``, from the start of :func:`parse`.

:func:`parse` opens a :func:`reading` context; the front-end and the assembler each take
a :class:`Deadline` (:func:`deadline`), which counts from the moment that context opened,
so reading a document and assembling it share one budget. Called on their own (a front-end
without :func:`parse`), they start the clock themselves. A reader process (see
:mod:`._isolation`) is told how much of the budget was spent before it was handed the file
and opens its own :func:`reading` with that much already spent: the PDF engine and OCR
in it count against the same budget, and the parent stops it once the rest is spent.

A check is a call to :meth:`Deadline.check` in every loop whose work grows with the input
(lines, blocks, tokens, cells); :meth:`Deadline.tick` does the clock look-up only every
few hundred calls, so a check costs next to nothing in a tight loop.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .._limits import Limits
from ..exceptions import LimitExceededError

__all__ = ["Deadline", "deadline", "reading"]

#: The clock (a module attribute, so that tests can drive it).
_now = time.monotonic
_STARTED: ContextVar[float | None] = ContextVar("govdisclosure_reading_started", default=None)
#: Calls of :meth:`Deadline.tick` between two looks at the clock.
_EVERY = 256


@contextmanager
def reading(spent: float = 0.0) -> Iterator[None]:
    """Start the clock of one document, ``spent`` seconds of its budget already gone (a
    nested context keeps the outer clock)."""
    if _STARTED.get() is not None:
        yield
        return
    token = _STARTED.set(_now() - spent)
    try:
        yield
    finally:
        _STARTED.reset(token)


class Deadline:
    """The time left for reading one document; raises when it is spent."""

    __slots__ = ("_count", "_limit", "_started", "where")

    def __init__(self, limits: Limits, where: str | None) -> None:
        started = _STARTED.get()
        self._started = _now() if started is None else started
        self._limit = limits.max_seconds
        self._count = 0
        self.where = where

    @property
    def started(self) -> float:
        """When the clock started (:func:`time.monotonic`)."""
        return self._started

    def elapsed(self) -> float:
        """Seconds spent since the clock started."""
        return _now() - self._started

    def left(self) -> float:
        """Seconds of the budget left (0 once it is spent)."""
        return max(0.0, self._limit - self.elapsed())

    def tick(self) -> None:
        """A step of a loop: looks at the clock every few hundred calls."""
        self._count += 1
        if self._count >= _EVERY:
            self._count = 0
            self.check()

    def check(self, where: str | None = None, progress: tuple[str, str] | None = None) -> None:
        """Raise :class:`LimitExceededError` if the document's time is spent; the message
        says how far reading got when ``progress`` (Chinese, English) is given."""
        elapsed = _now() - self._started
        if elapsed > self._limit:
            zh = en = ""
            if progress is not None:
                zh, en = (
                    f"（已用 {elapsed:.1f} 秒，{progress[0]}）",
                    f" ({elapsed:.1f} s, {progress[1]})",
                )
            raise LimitExceededError(
                f"读取时间超过上限 max_seconds={self._limit:g}{zh}",
                f"reading took longer than max_seconds={self._limit:g}{en}",
                where=where or self.where,
                limit="max_seconds",
                value=elapsed,
                maximum=self._limit,
            )


def deadline(limits: Limits, where: str | None) -> Deadline:
    """The :class:`Deadline` of the document being read."""
    return Deadline(limits, where)
