"""The oracle the front-end fuzz suites share (tests/test_fuzz_*.py, tests/fuzz_atheris.py).

Whatever document comes in, reading it must:

1. give a :class:`~govdisclosure.ParseResult` or raise a :class:`GovDisclosureError` —
   nothing else escapes, and everything downstream of a result (``check``, ``dumps``,
   the renderers, the CSV rows) works on it too;
2. stay within its :class:`~govdisclosure.Limits`: under :func:`bounded`, the process may
   not use more than :data:`MEMORY_BUDGET` more address space, and the call may not run
   more than :data:`GRACE` seconds past ``limits.max_seconds`` (a generous margin: this
   checks that the time limit is honoured, not how fast reading is);
3. lose nothing printed: a *marker* (a word of Latin letters no label holds, inserted
   where the document prints text) must come out somewhere — in the report, a leftover,
   an unread cell's text or a diagnostic — and an unread cell left so for what it
   printed (ambiguous, illegible) keeps that text.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import sys
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

import govdisclosure
from govdisclosure import GovDisclosureError, Limits
from govdisclosure.codecs import to_csv_rows
from govdisclosure.model import UnreadReason

#: Whether the fuzz suites draw the same cases every run (the default, so that a run of
#: CI is reproducible) or new ones (``GOVDISCLOSURE_FUZZ_RANDOM=1``, to explore).
DERANDOMIZE = not os.environ.get("GOVDISCLOSURE_FUZZ_RANDOM")

#: The limits the fuzzers read under: the defaults, with a shorter time budget.
FUZZ_LIMITS = Limits(max_seconds=10.0)
#: How much more address space one read may take (a bound, far above what reading uses).
MEMORY_BUDGET = 3 * 1024**3
#: Seconds a read may run past ``max_seconds`` before it counts as not honouring it.
GRACE = 20.0
#: Markers: ``qzx`` and letters, so that no label, number or unit can swallow them.
MARKER_PREFIX = "qzx"
#: Reasons that say the cell printed something reading could not take (a row of no
#: values at all is unread for its layout, with nothing printed to keep).
_PRINTED_REASONS = frozenset({UnreadReason.AMBIGUOUS, UnreadReason.ILLEGIBLE})


def markers() -> st.SearchStrategy[str]:
    """A marker word: ``qzx`` and six capital letters."""
    return st.text("ABCDEFGHJKLMNPRSTUVWXY", min_size=6, max_size=6).map(
        lambda s: MARKER_PREFIX + s
    )


class OverTimeError(Exception):
    """A read ran past its time limit and the grace period."""


@contextlib.contextmanager
def bounded(limits: Limits = FUZZ_LIMITS) -> Iterator[None]:
    """Hold the code inside to ``limits.max_seconds`` (plus :data:`GRACE`) and to
    :data:`MEMORY_BUDGET` more address space (POSIX; elsewhere no bound is set)."""
    if sys.platform == "win32":  # pragma: no cover
        yield
        return
    if os.environ.get("PYTEST_XDIST_WORKER"):
        # A worker of pytest-xdist has threads of its own (and of the native libraries
        # earlier tests loaded, such as the OCR runtime) that a cap on the whole
        # process's address space would make fail and abort the worker: there, only the
        # time is bounded. CI runs the slow suites in one process (``-n 0``), bounded both
        # ways.
        with _timed(limits):
            yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    cap = used + MEMORY_BUDGET if used else resource.RLIM_INFINITY
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    with _timed(limits):
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        try:
            yield
        finally:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def _timed(limits: Limits) -> Iterator[None]:
    """Raise :class:`OverTimeError` in the code inside once it has run
    ``limits.max_seconds`` and :data:`GRACE`."""

    def alarm(signum: int, frame: Any) -> None:
        raise OverTimeError(f"still reading {limits.max_seconds + GRACE:.0f} s after it began")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, limits.max_seconds + GRACE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 when it cannot be read)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * resource.getpagesize()


def read(
    data: str | bytes, format: str, limits: Limits = FUZZ_LIMITS
) -> govdisclosure.ParseResult | None:
    """Parse ``data`` as the oracle requires; ``None`` when a GovDisclosureError was
    raised (the only exception allowed out)."""
    with bounded(limits):
        try:
            result = govdisclosure.parse(data, format=format, limits=limits)
        except GovDisclosureError as error:
            str(error).encode("utf-8", "surrogatepass")  # the message itself prints
            return None
        downstream(result)
    return result


def downstream(result: govdisclosure.ParseResult) -> None:
    """What a user does next with a result never fails on it."""
    report = result.report
    findings = govdisclosure.check(result)
    for finding in findings:
        finding.text("zh")
        finding.text("en")
    text = govdisclosure.dumps(report)
    assert govdisclosure.loads(text) == report
    govdisclosure.render_markdown(report)
    govdisclosure.render_html(report, findings)
    list(to_csv_rows(report))


def kept(result: govdisclosure.ParseResult) -> str:
    """Everything reading kept, as one text to search: the report, the leftovers, the
    unread cells' texts and the diagnostics."""
    parts = [govdisclosure.dumps(result.report)]
    parts.extend(left.text for left in result.leftovers)
    parts.extend(cell.text for cell in result.report.unread)
    for finding in result.diagnostics:
        parts.extend((finding.message, finding.message_en, str(finding.actual)))
    return "\n".join(parts)


def assert_nothing_lost(result: govdisclosure.ParseResult, inserted: list[str]) -> None:
    """Every marker inserted where the document prints text is kept somewhere, and every
    cell left unread for what it printed keeps that text."""
    everything = kept(result)
    lost = [marker for marker in inserted if marker not in everything]
    assert not lost, f"markers lost: {lost}"
    for cell in result.report.unread:
        if cell.reason in _PRINTED_REASONS:
            assert cell.text.strip(), cell


# -- mutations -------------------------------------------------------------------------

#: Text a hostile or broken document holds: labels of the template, figures too long to
#: be counts, signs and separators, table syntax, page furniture, odd characters.
HOSTILE = (
    "一、总体情况",
    "三、收到和处理政府信息公开申请情况",
    "（一）予以公开",
    "总计",
    "自然人",
    "本年新收政府信息公开申请数量",
    "行政许可",
    "9" * 16,
    "9" * 4_301,
    "1" * 20_000,
    "-" + "9" * 5_000,
    "0" * 300,
    "+1737",
    "20 +1737",
    "1,288",
    "１２３",
    "12.5万元",
    "/",
    "—",
    "不适用",
    "\t",
    "\t\t\t",
    "|",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    " |\n",
    "||\n",
    "规章 | 0 | 0 | 0 |\n行政许可 | 0 |\n",
    "规章 |\n0 |\n|\n|||\n",
    "\n",
    "\n" * 500,
    " \n" * 200,
    "\r",
    "\r\n",
    "- 4 -",
    "第 3 页",
    "\u3000",
    "\u200b",
    "\x00",
    "\ufeff",
    "\U0001f600",
    "“”",
    "#",
    "## 四、",
    "---\n",
    "=== 正文 ===\n",
    "2021年度",
)


@st.composite
def mutated(
    draw: st.DrawFn,
    base: str,
    *,
    extra: tuple[str, ...] = (),
    max_edits: int = 6,
) -> tuple[str, list[str]]:
    """``base`` edited at drawn places (inserts of hostile text and markers, deletions,
    duplications), and the markers the result still holds whole."""
    text = base
    inserted: list[str] = []
    pool = HOSTILE + extra
    for _ in range(draw(st.integers(0, max_edits))):
        kind = draw(st.sampled_from(("marker", "marker", "insert", "delete", "repeat")))
        at = draw(st.integers(0, len(text)))
        if kind == "marker":
            at = outside_notes(text, at)
            word = draw(markers())
            inserted.append(word)
            text = text[:at] + word + text[at:]
        elif kind == "insert":
            snippet = draw(st.sampled_from(pool) | st.text(max_size=12))
            text = text[:at] + snippet + text[at:]
        else:
            length = draw(st.integers(1, 200))
            piece = text[at : at + length]
            text = (
                text[:at]
                + (piece * draw(st.integers(2, 50)) if kind == "repeat" else "")
                + (text[at + length :])
            )
    return text, [word for word in inserted if word in text]


_OPENING = "（("
_CLOSING = "）)"


def outside_notes(text: str, at: int) -> int:
    """``at``, or the place just after the parenthetical it falls in (on its line).

    A row label's parenthetical note is read as part of the label, whatever it says (a
    known gap, see ``test_a_marker_in_a_row_labels_note_is_kept``): markers go elsewhere.
    """
    line_start = text.rfind("\n", 0, at) + 1
    depth = 0
    for char in text[line_start:at]:
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING and depth:
            depth -= 1
    if not depth:
        return at
    position = at
    while position < len(text) and depth and text[position] != "\n":
        if text[position] in _OPENING:
            depth += 1
        elif text[position] in _CLOSING:
            depth -= 1
        position += 1
    return position
