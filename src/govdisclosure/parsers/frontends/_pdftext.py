"""Text from a PDF's characters: lines by their height on the page, words by their gaps.

Characters whose middles (halfway between the top and bottom of their boxes) lie within
:data:`LINE_TOLERANCE` points of each other are one line, read left to right. In a line
a new word starts after a printed space, where the next character starts more than
:data:`WORD_GAP` points after the previous one ends, or where it starts before the
previous one (text printed over itself); words are joined with one space, lines with
``"\\n"``. (Text printed twice at nearly the same place, the bold effect of some word
processors, is read once by the engine's text page already.)
"""

from __future__ import annotations

import math
from operator import itemgetter

from ._pdfium import Char

__all__ = ["LINE_TOLERANCE", "WORD_GAP", "line_box", "lines", "text", "words"]

LINE_TOLERANCE = 3.0
WORD_GAP = 3.0


def lines(chars: list[Char]) -> list[list[Char]]:
    """The characters grouped into lines, top to bottom, each left to right."""
    ordered = sorted(chars, key=_middle)
    out: list[list[Char]] = []
    last = None
    for char in ordered:
        if last is None or char[5] > last + LINE_TOLERANCE:
            out.append([])
        out[-1].append(char)
        last = char[5]
    for line in out:
        line.sort(key=_x0)
    return out


def words(line: list[Char]) -> list[str]:
    """The words of one line (see the module's description)."""
    out: list[str] = []
    current: list[str] = []
    previous: Char | None = None
    for char in line:
        if char[0] == " ":
            if current:
                out.append("".join(current))
                current = []
            previous = None
            continue
        if previous is not None and (
            char[1] < previous[1]
            or char[1] > previous[3] + WORD_GAP
            or abs(char[5] - previous[5]) > LINE_TOLERANCE
        ):
            out.append("".join(current))
            current = []
        current.append(char[0])
        previous = char
    if current:
        out.append("".join(current))
    return out


def text(chars: list[Char]) -> str:
    """The text of ``chars``: words joined by spaces, lines by ``"\\n"``."""
    joined = (" ".join(words(line)) for line in lines(chars))
    return "\n".join(line for line in joined if line)


def line_box(line: list[Char]) -> tuple[float, float, float, float] | None:
    """The box around a line's printed characters (spaces left out), if it has any."""
    x0 = top = math.inf
    x1 = bottom = -math.inf
    for char in line:
        if char[0] != " ":
            if char[1] < x0:
                x0 = char[1]
            if char[2] < top:
                top = char[2]
            if char[3] > x1:
                x1 = char[3]
            if char[4] > bottom:
                bottom = char[4]
    return None if x0 == math.inf else (x0, top, x1, bottom)


_middle = itemgetter(5)
_x0 = itemgetter(1)
