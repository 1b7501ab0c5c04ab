"""Folding text for label matching: one spelling for the many ways a label is printed.

:func:`fold_key` turns a label or a stretch of document text into its *key*: full-width
ASCII becomes half-width, traditional forms of the labels' characters become their
simplified forms, ``、`` ``．`` ``。``-free ordinal separators become ``.``, white
space of every kind (line breaks, ``&nbsp;``, U+3000) and quote marks are dropped. Two
spellings of a label have the same key, so matching is exact string search on keys.

:class:`Folded` keeps the key of a long text together with the map from key positions back
to the text, so a match in the key can be cut out of the original (and located in it).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import NamedTuple

from ...model._variants import TRADITIONAL_FORMS

__all__ = ["QUOTES", "Folded", "fold_key", "fold_width", "key_of_folded"]

#: Quote marks, dropped from keys: a label with “…”, "…" or no quotes is one label.
QUOTES = frozenset("\u201c\u201d\u2018\u2019\"'\u300c\u300d\u300e\u300f")

# Characters dropped from keys besides white space: zero-width characters and quote
# marks (a label with “…”, "…" or no quotes at all is one label).
_DROP_OTHERS = "\u200b\u200c\u200d\u2060\ufeff\u201c\u201d\u2018\u2019\"'\u300c\u300d\u300e\u300f"
# Characters dropped from keys: white space of every kind and the others.
_DROP = re.compile(rf"[\s{_DROP_OTHERS}]+")
# A kept character: where a long text may be cut into windows without cutting a run.
_KEPT = re.compile(_DROP.pattern.replace("[", "[^", 1).removesuffix("+"))
#: Characters of text folded at a time (see :class:`Folded`).
_WINDOW = 1 << 16


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
    # Traditional forms of the labels' characters (規範 as 规范): a label is one label
    # in either script.
    table.update({ord(form): simplified for form, simplified in TRADITIONAL_FORMS.items()})
    return table


_WIDTH = {chr(code): half for code, half in _width_table().items()}
# The characters _WIDTH maps (none of them ASCII). str.translate would look up every
# character of a text in the table (a failed lookup for almost all of them); few
# characters of any text are in it, so they are found first and only those replaced.
_WIDE = re.compile("[" + "".join(re.escape(char) for char in _WIDTH) + "]")


def fold_width(text: str) -> str:
    """``text`` with full-width ASCII made half-width, ordinal separators unified and
    traditional forms of the labels' characters made simplified.

    Every character maps to exactly one character, so positions are unchanged.
    """
    if text.isascii():
        return text
    for char in set(_WIDE.findall(text)):
        text = text.replace(char, _WIDTH[char])
    return text


def _drop(text: str) -> str:
    """``_DROP.sub("", text)``, three to four times faster: the white space is dropped
    by splitting in C, the few other characters only where the text has them."""
    # str.split() splits at what ``\s`` matches in a pattern on text (both test
    # Py_UNICODE_ISSPACE).
    key = "".join(text.split())
    for char in _DROP_OTHERS:
        if char in key:
            key = key.replace(char, "")
    return key


def fold_key(text: str) -> str:
    """The key of ``text``: width folded, white space and quote marks dropped."""
    return _drop(fold_width(text))


def key_of_folded(text: str) -> str:
    """The key of ``text`` whose width is folded already (:func:`fold_width`)."""
    return _drop(text)


class _Window(NamedTuple):
    """The runs of dropped characters in one window of a folded text (see :class:`Folded`)."""

    run_starts: array[int]  # where each run starts in the text
    cumulative: array[int]  # characters dropped in the window up to and including each run
    gap_at: array[int]  # key position (in the window's key) of the first kept character after


def _window_table(text: str, offset: int) -> _Window:
    """The :class:`_Window` of ``text``, which starts at ``offset`` in the folded text.

    Its runs are the runs ``_DROP`` matches, found without a pattern: the other
    characters dropped become spaces (one for one), and each stretch of kept characters
    is found after the one before it, the gaps between them being the runs.
    """
    for char in _DROP_OTHERS:
        if char in text:
            text = text.replace(char, " ")
    code = "i" if offset + len(text) < 2**31 - 1 else "q"
    run_starts: array[int] = array(code)
    cumulative: array[int] = array(code)
    gap_at: array[int] = array(code)
    position = dropped = 0
    find = text.find
    for word in text.split():
        # Only white space lies between `position` and the word (which holds none):
        # its first occurrence from there is the word itself.
        at = find(word, position)
        if at > position:
            run_starts.append(offset + position)
            dropped += at - position
            cumulative.append(dropped)
            gap_at.append(at - dropped)
        position = at + len(word)
    if position < len(text):
        run_starts.append(offset + position)
        dropped += len(text) - position
        cumulative.append(dropped)
        gap_at.append(len(text) - dropped)
    return _Window(run_starts, cumulative, gap_at)


class Folded:
    """The key of a text with the way back from key positions to text positions.

    The text is cut into windows of about :data:`_WINDOW` characters, each cut at a kept
    character (so that no run of dropped characters is cut). Building the key is one
    regular-expression pass per window, in C; the table of a window's runs (what maps
    positions back and forth) is built when a position in that window is first asked for.
    A text with millions of spaces costs a table only where it is searched.

    Attributes:
        text: the original text.
        width_folded: the text with its width folded (:func:`fold_width`): character for
            character, so a slice of it is the slice of the text folded.
        key: its key (:func:`fold_key`).
    """

    __slots__ = ("_folded", "_key_starts", "_tables", "_text_starts", "key", "text", "width_folded")

    def __init__(self, text: str, tick: Callable[[], None] | None = None) -> None:
        self.text = text
        folded = fold_width(text)
        self._folded = self.width_folded = folded
        keys: list[str] = []
        text_starts = [0]
        key_starts = [0]
        size = len(folded)
        position = key_length = 0
        while True:
            stop = size
            if size - position > _WINDOW:
                kept = _KEPT.search(folded, position + _WINDOW)
                stop = size if kept is None else kept.start()
            part = _drop(folded[position:stop])
            keys.append(part)
            key_length += len(part)
            if stop >= size:
                break
            if tick is not None:
                tick()
            position = stop
            text_starts.append(position)
            key_starts.append(key_length)
        self.key = "".join(keys)
        self._text_starts = text_starts
        self._key_starts = key_starts
        self._tables: dict[int, _Window] = {}

    def _window(self, index: int) -> _Window:
        table = self._tables.get(index)
        if table is None:
            start = self._text_starts[index]
            stop = (
                self._text_starts[index + 1]
                if index + 1 < len(self._text_starts)
                else len(self._folded)
            )
            table = _window_table(self._folded[start:stop], start)
            self._tables[index] = table
        return table

    def position(self, key_index: int) -> int:
        """The text position of the key character at ``key_index``.

        ``key_index == len(key)`` maps to ``len(text)``.
        """
        if key_index >= len(self.key):
            return len(self.text)
        starts = self._key_starts
        if len(starts) == 1 and key_index >= 0:  # the usual text: one window
            table = self._tables.get(0) or self._window(0)
            runs = bisect_right(table.gap_at, key_index)
            return key_index + table.cumulative[runs - 1] if runs else key_index
        index = bisect_right(starts, key_index) - 1
        local = key_index - starts[index]
        table = self._window(index)
        runs = bisect_right(table.gap_at, local)
        return self._text_starts[index] + local + (table.cumulative[runs - 1] if runs else 0)

    def end_position(self, key_end: int) -> int:
        """The text position just after the key character at ``key_end - 1``."""
        if key_end <= 0:
            return 0
        return self.position(key_end - 1) + 1

    def key_index(self, position: int) -> int:
        """The key position of the first kept character at or after text ``position``."""
        if position <= 0:
            return 0
        if position >= len(self.text):
            return len(self.key)
        index = bisect_right(self._text_starts, position) - 1
        start = self._text_starts[index]
        table = self._window(index)
        # The runs that start before `position`; the last of them may reach past it.
        runs = bisect_left(table.run_starts, position)
        dropped = 0
        if runs:
            last = runs - 1
            dropped = table.cumulative[last]
            run_end = table.gap_at[last] + dropped + start
            if run_end > position:
                dropped -= run_end - position
        return min(self._key_starts[index] + position - start - dropped, len(self.key))
