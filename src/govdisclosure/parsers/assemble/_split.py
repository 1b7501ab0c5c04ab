"""Reading cell texts, and telling apart cells that flattened text ran together.

A table cell's text is read by :func:`read_cell` for the kind of its column: a count
(``3``, ``3件``, ``1,288``), a signed change (``+17``, ``-18``) or money (``251000元``,
``18651.06``). Blank cells and the markers ``/ - — 不适用`` are blank (``None``), never 0.

Text flattened from a web page loses the cell boundaries: ``230 000023`` is seven cells.
:func:`chunks` cuts such text at the boundaries it still shows (white space, a sign that
starts a new cell). When there are fewer chunks than cells the reading is not given:

* :func:`compositions` lists every way to cut the chunks into cells of the right kinds
  (each cell a well-formed number: no leading zeros, a unit only at the end). Table 二 has
  no identities, so this is all there is: one way or none is read, several are refused.
* :func:`sum_readings` lists the ways in which, moreover, each group's last cell is the sum
  of the cells before it — a row of table 三 (six applicant cells and their 总计) or the
  three blocks of table 四 (four results and their 总计).

The searches are bounded: a run longer than its cells could be is refused at once, at most
``limit`` readings are collected, and every step is counted against a :class:`Budget`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from ...model import MAX_COUNT, Money, MoneyUnit
from ...model._cells import money_problem
from ...model._variants import BLANK_MARKERS, COUNT_UNITS, MONEY_UNITS
from ._fold import fold_width

__all__ = [
    "MAX_DIGITS",
    "Budget",
    "BudgetExhaustedError",
    "Chunk",
    "Kind",
    "Run",
    "chunks",
    "compositions",
    "read_cell",
    "sum_readings",
]

#: The most digits a count cell has in a run (no count reaches 10**12).
MAX_DIGITS = 12
#: The most characters of a money cell in a run (digits, point, decimals, unit).
MAX_MONEY = 24
#: The most digits a count cell read on its own may have: a longer figure is over the
#: model's maximum (:data:`~govdisclosure.model.MAX_COUNT`) and is left unread, its
#: text kept.
_COUNT_DIGITS = len(str(MAX_COUNT))


class Kind(enum.Enum):
    """What a column holds."""

    COUNT = "count"
    SIGNED = "signed"
    MONEY = "money"


class Chunk(NamedTuple):
    """A stretch of a run between visible boundaries, and where it starts in the stream."""

    text: str
    offset: int


class BudgetExhaustedError(Exception):
    """A search took more steps than its budget allows."""


class Budget:
    """Steps a document's digit-run searches may take in all."""

    __slots__ = ("left",)

    def __init__(self, steps: int) -> None:
        self.left = steps

    def tick(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise BudgetExhaustedError


_BLANKS = frozenset(fold_width(m) for m in BLANK_MARKERS)
_COUNT_UNIT = "|".join(re.escape(u) for u in COUNT_UNITS)
_MONEY_UNIT = "|".join(re.escape(u) for u in sorted(MONEY_UNITS, key=len, reverse=True))
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_COUNT_CELL = re.compile(rf"(?P<n>{_NUMBER})(?:{_COUNT_UNIT})?")
_SIGNED_CELL = re.compile(rf"(?P<s>[+-]?)(?P<n>{_NUMBER})(?:{_COUNT_UNIT})?")
_MONEY_CELL = re.compile(rf"(?P<n>{_NUMBER}(?:\.\d+)?)(?P<u>{_MONEY_UNIT})?")
_SPACE = re.compile(r"\s+")

# In a run, cells are plain: no separators, no leading zeros; a unit only ends a cell
# (money in 元 or 万元, a count in 个 or 件: "1个246900元" is 1个 | 246900元).
_STRICT = {
    Kind.COUNT: re.compile(rf"(?:0|[1-9]\d*)(?:{_COUNT_UNIT})?"),
    Kind.SIGNED: re.compile(rf"[+-]?(?:0|[1-9]\d*)(?:{_COUNT_UNIT})?"),
    Kind.MONEY: re.compile(rf"(?:0|[1-9]\d*)(?:\.\d+)?(?:{_MONEY_UNIT})?"),
}
_MAX_LEN = {Kind.COUNT: MAX_DIGITS + 1, Kind.SIGNED: MAX_DIGITS + 2, Kind.MONEY: MAX_MONEY}
_SIGN_BREAK = re.compile(r"(?<=\d)(?=[+-]\d)")
_WORD = re.compile(r"\S+")

Value = int | Money | None


def is_blank_marker(text: str) -> bool:
    """Whether a cell text means "blank": empty, or a marker such as ``/`` or ``不适用``."""
    core = fold_width(text).strip()
    return not core or core in _BLANKS


def read_cell(text: str, kind: Kind, unit: MoneyUnit | None = None) -> tuple[Value, str | None]:
    """A cell's value and what went wrong, if anything.

    Returns ``(value, None)`` for a number; ``(None, "blank")`` for a blank cell or a
    blank marker; ``(None, "unreadable")`` for anything else, a figure over the model's
    bounds included (a count of more than 15 digits, an amount of more than 15 digits
    before the point or 8 after it). ``unit`` is the money unit
    the column states when the cell does not.
    """
    if text.isdigit() and text.isascii() and kind is not Kind.MONEY:
        if len(text) > _COUNT_DIGITS:
            return None, "unreadable"  # over the model's maximum (MAX_COUNT)
        return int(text), None  # the common case: a plain count
    if not text or text.isspace():
        return None, "blank"  # the next most common: an empty cell
    core = _SPACE.sub(" ", fold_width(text).strip())
    if not core or core in _BLANKS:
        return None, "blank"
    if kind is Kind.MONEY:
        match = _MONEY_CELL.fullmatch(core)
        if match is None:
            return None, "unreadable"
        try:
            amount = Decimal(match.group("n").replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return None, "unreadable"
        if money_problem(amount) is not None:
            return None, "unreadable"  # more digits than an amount may have
        stated = match.group("u")
        return Money(value=amount, unit=MONEY_UNITS[stated] if stated else unit), None
    pattern = _SIGNED_CELL if kind is Kind.SIGNED else _COUNT_CELL
    match = pattern.fullmatch(core)
    if match is None:
        return None, "unreadable"
    digits = match.group("n").replace(",", "")
    if len(digits.lstrip("0")) > _COUNT_DIGITS:
        return None, "unreadable"  # over the model's maximum (MAX_COUNT)
    number = int(digits)
    if kind is Kind.SIGNED and match.group("s") == "-":
        number = -number
    return number, None


def chunks(text: str, offset: int) -> list[Chunk]:
    """The chunks of a run: cut at white space and before a sign that follows a digit.

    ``offset`` is the position of ``text`` in the stream; each chunk keeps its own.
    """
    out: list[Chunk] = []
    for match in _WORD.finditer(text):
        piece, start = match.group(), match.start()
        last = 0
        if "+" in piece or "-" in piece:
            for cut in _SIGN_BREAK.finditer(piece):
                out.append(Chunk(piece[last : cut.start()], offset + start + last))
                last = cut.start()
        out.append(Chunk(piece[last:], offset + start + last))
    return out


class Run:
    """The chunks of a run as one string with its forced cell boundaries."""

    __slots__ = ("_forced", "_next_forced", "n", "offsets", "text")

    def __init__(self, parts: Sequence[Chunk]) -> None:
        self.text = "".join([c.text for c in parts])
        self.n = len(self.text)
        forced: list[int] = []
        offsets: list[int] = []
        position = 0
        for chunk in parts:
            if position:
                forced.append(position)
            offsets.extend(range(chunk.offset, chunk.offset + len(chunk.text)))
            position += len(chunk.text)
        self.offsets = offsets
        self._forced = forced
        self._next_forced: list[int] | None = None

    @property
    def next_forced(self) -> list[int]:
        """``next_forced[i]``: the first forced boundary after position ``i`` (``n + 1``
        if none); made when a search first asks (a run of one character per cell needs
        none)."""
        nxt = self._next_forced
        if nxt is None:
            nxt = [self.n + 1] * (self.n + 1)
            upcoming = self.n + 1
            forced_set = set(self._forced)
            for i in range(self.n, -1, -1):
                nxt[i] = upcoming
                if i in forced_set:
                    upcoming = i
            self._next_forced = nxt
        return nxt

    def fits(self, a: int, b: int) -> bool:
        """Whether ``[a, b)`` crosses no forced boundary."""
        return self.next_forced[a] >= b

    def offset(self, index: int) -> int:
        """The stream position of the run's character ``index``."""
        return self.offsets[index]


Cut = tuple[tuple[int, int], ...]


def compositions(
    run: Run, kinds: Sequence[Kind], *, limit: int, budget: Budget
) -> list[Cut] | None:
    """Every way (up to ``limit``) to cut ``run`` into cells of ``kinds``.

    Returns the cuts as ``(start, end)`` pairs in the run, or ``None`` when there are more
    than ``limit``. Raises :class:`BudgetExhaustedError` when the search runs out of steps.
    """
    n, count = run.n, len(kinds)
    if n == count:
        # One character per cell: the only way, if every character is a cell (a digit is
        # a cell of every kind).
        cut = tuple((i, i + 1) for i in range(n))
        ok = (run.text.isdigit() and run.text.isascii()) or all(
            _STRICT[kind].fullmatch(run.text, i, i + 1) for i, kind in enumerate(kinds)
        )
        return [cut] if ok else []
    patterns = [_STRICT[k] for k in kinds]
    widths = [_MAX_LEN[k] for k in kinds]
    if n < count or n > sum(widths):
        return []
    room = [0] * (count + 1)
    for j in range(count - 1, -1, -1):
        room[j] = room[j + 1] + widths[j]
    found: list[Cut] = []
    cells: list[tuple[int, int]] = []
    text = run.text
    next_forced = run.next_forced

    def walk(position: int, j: int) -> bool:
        budget.tick()
        if j == count:
            if position == n:
                found.append(tuple(cells))
                return len(found) > limit
            return False
        pattern = patterns[j]
        longest = min(n - (count - j - 1), position + widths[j])
        for end in range(position + 1, longest + 1):
            if next_forced[position] < end:  # not run.fits(position, end)
                break
            rest = n - end
            if rest > room[j + 1]:
                continue
            if pattern.fullmatch(text, position, end) is None:
                continue
            cells.append((position, end))
            stop = walk(end, j + 1)
            cells.pop()
            if stop:
                return True
        return False

    if walk(0, 0):
        return None
    return found


def sum_readings(
    run: Run, *, groups: int, parts: int, limit: int, budget: Budget
) -> list[Cut] | None:
    """Every way (up to ``limit``) to cut a run of digits into ``groups`` sums.

    Each group is ``parts`` counts followed by their total: a row of table 三 is one
    group of six; table 四 is three groups of four. Returns ``None`` when there are more
    than ``limit`` readings. Raises :class:`BudgetExhaustedError` when the search runs out of steps.
    """
    text, n = run.text, run.n
    width = parts + 1
    if not text.isdigit() or not text.isascii() or n < groups * width:
        return []
    if n > groups * width * MAX_DIGITS:
        return []
    found: list[Cut] = []
    cells: list[tuple[int, int]] = []
    # Sub-searches known to give no reading: (position, stop, k, remaining, after, group).
    dead: set[tuple[int, int, int, int, int, int]] = set()
    # A number is congruent to its digit sum modulo 9, so however digits are cut into
    # counts, the counts add up to the digits' sum modulo 9: a total must match it.
    digit_sums = [0]
    for ch in text:
        digit_sums.append(digit_sums[-1] + ord(ch) - 48)

    def well_formed(a: int, b: int) -> bool:
        return b - a <= MAX_DIGITS and run.fits(a, b) and (text[a] != "0" or b - a == 1)

    def split(position: int, stop: int, k: int, remaining: int, after: int, g: int) -> bool:
        # Cut text[position:stop] into k counts adding up to `remaining`.
        budget.tick()
        if not _can_add_up(stop - position, k, remaining):
            return False
        if k == 1:
            if well_formed(position, stop) and int(text[position:stop]) == remaining:
                cells.append((position, stop))
                done = group(after, g + 1)
                cells.pop()
                return done
            return False
        state = (position, stop, k, remaining, after, g)
        if state in dead:
            return False
        before = len(found)
        widest = len(str(remaining))
        for end in range(position + 1, min(stop - (k - 1), position + widest) + 1):
            if not well_formed(position, end):
                if not run.fits(position, end) or text[position] == "0":
                    break
                continue
            value = int(text[position:end])
            if value > remaining:
                break
            cells.append((position, end))
            done = split(end, stop, k - 1, remaining - value, after, g)
            cells.pop()
            if done:
                return True
        if len(found) == before:
            dead.add(state)
        return False

    def group(position: int, g: int) -> bool:
        if g == groups:
            if position == n:
                # Cells were pushed in order: parts, total (per group).
                found.append(_in_order(cells, parts))
                return len(found) > limit
            return False
        later = groups - g - 1
        lowest = position + width
        highest = min(n - later * width, position + width * MAX_DIGITS)
        for end in range(lowest, highest + 1):
            if n - end > later * width * MAX_DIGITS:
                continue
            for length in range(1, min(MAX_DIGITS, end - position - parts) + 1):
                start = end - length
                if not well_formed(start, end):
                    continue
                total = int(text[start:end])
                if (total - digit_sums[start] + digit_sums[position]) % 9:
                    continue
                if not _can_add_up(start - position, parts, total):
                    continue
                cells.append((start, end))
                done = split(position, start, parts, total, end, g)
                cells.pop()
                if done:
                    return True
        return False

    if group(0, 0):
        return None
    return found


def _in_order(cells: list[tuple[int, int]], parts: int) -> Cut:
    # Each group pushed its total first, then its parts: put the total last.
    out: list[tuple[int, int]] = []
    width = parts + 1
    for g in range(0, len(cells), width):
        block = cells[g : g + width]
        out.extend(block[1:])
        out.append(block[0])
    return tuple(out)


def _can_add_up(digits: int, cells: int, total: int) -> bool:
    """Whether ``digits`` digits cut into ``cells`` counts can possibly add up to ``total``.

    The counts' sizes are pinned by the total's: every count is at most ``total`` (so at
    most as long), the longest has at least ``digits / cells`` digits, and the largest sum
    possible gives one count all digits but one per other cell.
    """
    if digits < cells:
        return False
    size = len(str(total))
    if digits > cells * size:
        return False
    longest = -(-digits // cells)
    if longest >= 2 and total < 10 ** (longest - 1):
        return False
    largest: int = 10 ** (digits - cells + 1) + 9 * (cells - 1)
    return total < largest
