"""One time budget per document: ``Limits.max_seconds``, from the start of :func:`parse`.

:func:`parse` opens a :func:`reading` context; the front-end and the assembler each take
a :class:`Deadline` (:func:`deadline`), which counts from the moment that context opened,
so reading a document and assembling it share one budget. Called on their own (a front-end
without :func:`parse`), they start the clock themselves. A reader process (see
:mod:`._isolation`) is told how much of the budget was spent before it was handed the file
and opens its own :func:`reading` with that much already spent: the PDF engine and OCR
in it count against the same budget, and the parent stops it once the rest is spent.

Each page that begins to be read by OCR (a scanned page, a photo) adds
``Limits.max_ocr_seconds_per_page`` to the budget (:meth:`Deadline.ocr_page_begins`; at
most ``max_pages`` such pages count): OCR takes seconds a page where a text layer takes
milliseconds. The pages are counted once per document, by every :class:`Deadline` of it,
and a reader process tells its parent as each begins, so the parent waits as long.

A check is a call to :meth:`Deadline.check` in every loop whose work grows with the input
(lines, blocks, tokens, cells); :meth:`Deadline.tick` does the clock look-up only every
few hundred calls, so a check costs next to nothing in a tight loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .._limits import Limits, time_budget
from ..exceptions import LimitExceededError

__all__ = ["Deadline", "deadline", "reading"]

#: The clock (a module attribute, so that tests can drive it).
_now = time.monotonic
#: Calls of :meth:`Deadline.tick` between two looks at the clock.
_EVERY = 256


class _Reading:
    """The clock of one document: when it started, how many pages began OCR."""

    __slots__ = ("ocr_pages", "on_ocr_page", "started")

    def __init__(
        self, started: float, ocr_pages: int = 0, on_ocr_page: Callable[[], None] | None = None
    ) -> None:
        self.started = started
        self.ocr_pages = ocr_pages
        self.on_ocr_page = on_ocr_page


_READING: ContextVar[_Reading | None] = ContextVar("govdisclosure_reading", default=None)


@contextmanager
def reading(
    spent: float = 0.0, ocr_pages: int = 0, on_ocr_page: Callable[[], None] | None = None
) -> Iterator[None]:
    """Start the clock of one document, ``spent`` seconds of its budget already gone and
    ``ocr_pages`` pages already begun by OCR; ``on_ocr_page`` is called as each further
    page begins (a nested context keeps the outer clock)."""
    if _READING.get() is not None:
        yield
        return
    token = _READING.set(_Reading(_now() - spent, ocr_pages, on_ocr_page))
    try:
        yield
    finally:
        _READING.reset(token)


class Deadline:
    """The time left for reading one document; raises when it is spent."""

    __slots__ = ("_count", "_limit", "_limits", "_reading", "_started", "where")

    def __init__(self, limits: Limits, where: str | None) -> None:
        self._reading = _READING.get() or _Reading(_now())
        self._started = self._reading.started
        self._limits = limits
        self._limit = time_budget(limits, self._reading.ocr_pages)
        self._count = 0
        self.where = where

    @property
    def started(self) -> float:
        """When the clock started (:func:`time.monotonic`)."""
        return self._started

    @property
    def ocr_pages(self) -> int:
        """Pages of the document that began to be read by OCR."""
        return self._reading.ocr_pages

    @property
    def limit(self) -> float:
        """The seconds the document may take: ``max_seconds``, plus
        ``max_ocr_seconds_per_page`` for each page begun by OCR."""
        self._limit = time_budget(self._limits, self._reading.ocr_pages)
        return self._limit

    def elapsed(self) -> float:
        """Seconds spent since the clock started."""
        return _now() - self._started

    def left(self) -> float:
        """Seconds of the budget left (0 once it is spent)."""
        return max(0.0, self.limit - self.elapsed())

    def ocr_page_begins(self) -> None:
        """A page of the document begins to be read by OCR: the budget grows by
        ``max_ocr_seconds_per_page`` (up to ``max_pages`` such pages)."""
        self._reading.ocr_pages += 1
        self._limit = time_budget(self._limits, self._reading.ocr_pages)
        if self._reading.on_ocr_page is not None:
            self._reading.on_ocr_page()

    def budget_text(self) -> tuple[str, str]:
        """The budget spelt out (Chinese, English), with what OCR added."""
        limits, pages = self._limits, self._reading.ocr_pages
        zh = en = f"max_seconds={limits.max_seconds:g}"
        if pages:
            per_page = f"max_ocr_seconds_per_page={limits.max_ocr_seconds_per_page:g}"
            zh += f"，另加 {pages} 页文字识别、每页 {per_page}"
            en += f" plus {pages} page(s) of OCR at {per_page}"
        return zh, en

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
        if elapsed > self._limit and elapsed > self.limit:  # the budget may have grown
            limit = self._limit
            budget_zh, budget_en = self.budget_text()
            zh = en = ""
            if progress is not None:
                zh, en = (
                    f"；已用 {elapsed:.1f} 秒，{progress[0]}",
                    f"; {elapsed:.1f} s, {progress[1]}",
                )
            raise LimitExceededError(
                f"读取时间超过上限 {limit:g} 秒（{budget_zh}{zh}）",
                f"reading took longer than its {limit:g} s ({budget_en}{en})",
                where=where or self.where,
                limit="max_seconds",
                value=elapsed,
                maximum=limit,
            )


def deadline(limits: Limits, where: str | None) -> Deadline:
    """The :class:`Deadline` of the document being read."""
    return Deadline(limits, where)
