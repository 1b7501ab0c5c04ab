"""Folding text for label matching: one spelling for the many ways a label is printed.

:func:`fold_key` turns a label or a stretch of document text into its *key*: full-width
ASCII becomes half-width, ``、`` ``．`` ``。``-free ordinal separators become ``.``, white
space of every kind (line breaks, ``&nbsp;``, U+3000) and quote marks are dropped. Two
spellings of a label have the same key, so matching is exact string search on keys.

:class:`Folded` keeps the key of a long text together with the map from key positions back
to the text, so a match in the key can be cut out of the original (and located in it).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from operator import sub

__all__ = ["QUOTES", "Folded", "fold_key", "fold_width"]

#: Quote marks, dropped from keys: a label with “…”, "…" or no quotes is one label.
QUOTES = frozenset("\u201c\u201d\u2018\u2019\"'\u300c\u300d\u300e\u300f")

# Characters dropped from keys: white space of every kind and quote marks (a label with
# “…”, "…" or no quotes at all is one label).
_DROP = re.compile(
    r"[\s\u200b\u200c\u200d\u2060\ufeff\u201c\u201d\u2018\u2019\"'\u300c\u300d\u300e\u300f]+"
)
_DROP_RUNS = re.compile(f"({_DROP.pattern})")


def _width_table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    # Ordinal separators: 一、 1、 1． 1. are one spelling.
    table[0x3001] = "."  # 、
    table[0xFF0E] = "."  # ．
    table[0xFF61] = "."  # ｡ (half-width ideographic full stop)
    table[0xFE50] = ","  # small comma
    table[0x2236] = ":"  # ratio sign, printed for a colon
    table[0x2010] = "-"  # hyphen
    table[0x2212] = "-"  # minus sign
    return table


_WIDTH = {chr(code): half for code, half in _width_table().items()}
# The characters _WIDTH maps (none of them ASCII). str.translate would look up every
# character of a text in the table (a failed lookup for almost all of them); few
# characters of any text are in it, so they are found first and only those replaced.
_WIDE = re.compile("[" + "".join(re.escape(char) for char in _WIDTH) + "]")


def fold_width(text: str) -> str:
    """``text`` with full-width ASCII made half-width and ordinal separators unified.

    Every character maps to exactly one character, so positions are unchanged.
    """
    if text.isascii():
        return text
    for char in set(_WIDE.findall(text)):
        text = text.replace(char, _WIDTH[char])
    return text


def fold_key(text: str) -> str:
    """The key of ``text``: width folded, white space and quote marks dropped."""
    return _DROP.sub("", fold_width(text))


class Folded:
    """The key of a text with the way back from key positions to text positions.

    Attributes:
        text: the original text.
        key: its key (:func:`fold_key`).
    """

    __slots__ = ("_cumulative", "_gap_at", "_run_starts", "key", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # Kept text and runs of dropped characters, alternately: kept, run, kept, …, kept.
        pieces = _DROP_RUNS.split(fold_width(text))
        self.key = "".join(pieces[::2])
        bounds = list(accumulate(map(len, pieces)))  # where each piece ends in the text
        starts, ends = bounds[:-1:2], bounds[1::2]  # of the runs
        self._run_starts = starts
        # Characters dropped by the runs up to and including each run.
        self._cumulative = list(accumulate(map(sub, ends, starts)))
        # Key position of the first kept character after each run.
        self._gap_at = list(map(sub, ends, self._cumulative))

    def position(self, key_index: int) -> int:
        """The text position of the key character at ``key_index``.

        ``key_index == len(key)`` maps to ``len(text)``.
        """
        if key_index >= len(self.key):
            return len(self.text)
        runs = bisect_right(self._gap_at, key_index)
        return key_index + (self._cumulative[runs - 1] if runs else 0)

    def end_position(self, key_end: int) -> int:
        """The text position just after the key character at ``key_end - 1``."""
        if key_end <= 0:
            return 0
        return self.position(key_end - 1) + 1

    def key_index(self, position: int) -> int:
        """The key position of the first kept character at or after text ``position``."""
        if position <= 0:
            return 0
        # The runs that start before `position`; the last of them may reach past it.
        runs = bisect_left(self._run_starts, position)
        dropped = 0
        if runs:
            last = runs - 1
            dropped = self._cumulative[last]
            run_end = self._gap_at[last] + dropped
            if run_end > position:
                dropped -= run_end - position
        return min(position - dropped, len(self.key))
