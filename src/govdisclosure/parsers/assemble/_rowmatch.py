"""Row labels printed unlike the template: matched by their place and their likeness.

Published tables misprint labels (``2.其他法律行政止公开`` for 2.其他法律行政法规禁止公开),
shorten them, lose their ends at a page break (``3.补正后申请内容`` with ``仍不明确`` on the
next page) or have them misread by a character recogniser. Such a label is not found by
the label patterns (:mod:`._anchors`), and the rows of table 三 around it are. A careful
reader places it by two facts together:

* **its place in the numbered sequence**: it stands between two rows that were found, so
  it can only be one of the template rows missing between them, in order; its ordinal
  (``2.``, ``（三）``, ``四、``), where printed, must be that row's;
* **its likeness to that row's label**: enough of the template's characters, in order
  (the longest common subsequence), and not much else.

A printed label is taken for a row only when exactly one missing row fits it and no other
printed label fits that row. This module finds the label-like stretches of a text
(:func:`candidates`) and says which template rows a stretch fits (:func:`fitting`); the
table reader (:mod:`._tables`) decides with the document's layout in hand.

The work is bounded: only the text between two rows found is searched, only for the rows
missing there, and labels are compared as short strings of CJK characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from types import MappingProxyType
from typing import NamedTuple

from ...model import ApplicationRow, Edition
from ...model._variants import APPLICATION_ROW_VARIANTS, ORDINAL_NUMERALS
from ._fold import fold_width

__all__ = ["Candidate", "RowLabel", "candidates", "fitting", "ordinal_of", "row_labels"]

_N = f"[{ORDINAL_NUMERALS}]{{1,3}}"
# Ordinals in width-folded text (（一） → (一), 1、 and 1． → 1.): a group (（三）), a part of
# the table (一、) or an item (1. or (1)). An item number is not the start of a decimal.
_ORDINAL = re.compile(
    rf"\((?P<group>{_N})\)|(?P<top>{_N})\.|\((?P<item1>\d{{1,2}})\)|"
    rf"(?<![\d.])(?P<item>\d{{1,2}})\.(?!\d)"
)
# What separates labels: ordinals and figures.
_BOUNDARY = re.compile(rf"{_ORDINAL.pattern}|[+\-]?\d+(?:[.,]\d+)*")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TRAILING_NOTE = re.compile(r"\([^()]*\)?\s*$")
#: The fewest CJK characters of a label-like stretch.
_MIN_CHARS = 2
#: The longest label compared (longer stretches are prose, not a label).
_MAX_CHARS = 80

Ordinal = tuple[str, int]  # ("group" | "top" | "item", number)


class Candidate(NamedTuple):
    """A label-like stretch of text: ``[start, end)`` in the stream text.

    Attributes:
        start: where it starts (its ordinal included).
        end: just after its last character of the label (a trailing note included).
        ordinal: its printed ordinal, if any.
        core: its CJK characters without the ordinal and a trailing note: what is
            compared with the template's label.
        printed: the stretch as printed, white space removed (for messages).
    """

    start: int
    end: int
    ordinal: Ordinal | None
    core: str
    printed: str


class RowLabel(NamedTuple):
    """A template row's label as compared: its ordinal and its cores (official first)."""

    ordinal: Ordinal | None
    cores: tuple[str, ...]


def _number(numeral: str) -> int:
    """1…99 from Chinese numerals (一 … 十, 十一 … 九十九)."""
    digits = ORDINAL_NUMERALS
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + digits.index(numeral[1]) + 1
    if numeral.endswith("十"):
        return (digits.index(numeral[0]) + 1) * 10
    if len(numeral) == 3 and numeral[1] == "十":
        return (digits.index(numeral[0]) + 1) * 10 + digits.index(numeral[2]) + 1
    return digits.index(numeral[0]) + 1


def _ordinal(match: re.Match[str]) -> Ordinal | None:
    if match.group("group"):
        return ("group", _number(match.group("group")))
    if match.group("top"):
        return ("top", _number(match.group("top")))
    item = match.group("item") or match.group("item1")
    return ("item", int(item)) if item else None


def ordinal_of(label: str) -> Ordinal | None:
    """The ordinal a label starts with (``（三）`` → ``("group", 3)``), if any."""
    folded = fold_width(label).lstrip()
    match = _ORDINAL.match(folded)
    return _ordinal(match) if match else None


def _core(text: str) -> str:
    """The CJK characters of ``text`` (width-folded) without a trailing note."""
    stripped = _TRAILING_NOTE.sub("", text)
    return "".join(_CJK.findall(stripped or text))


@cache
def row_labels(shape: Edition) -> Mapping[ApplicationRow, RowLabel]:
    """Each row of table 三 in ``shape``: its ordinal and the cores of its spellings."""
    table: dict[ApplicationRow, RowLabel] = {}
    for row in ApplicationRow.for_edition(shape):
        label = fold_width(row.label(shape))
        match = _ORDINAL.match(label)
        ordinal = _ordinal(match) if match else None
        rest = label[match.end() :] if match else label
        cores = [_core(rest)]
        cores += [_core(fold_width(v)) for v in APPLICATION_ROW_VARIANTS.get(row, ())]
        table[row] = RowLabel(ordinal, tuple(dict.fromkeys(c for c in cores if c)))
    return MappingProxyType(table)


def candidates(text: str, offset: int) -> list[Candidate]:
    """The label-like stretches of ``text`` (which starts at stream position ``offset``).

    A stretch runs from an ordinal (or from the end of a figure) to the next ordinal or
    figure and holds at least two CJK characters; its ordinal is the one right before it.
    """
    folded = fold_width(text)
    out: list[Candidate] = []
    position = 0
    ordinal: Ordinal | None = None
    ordinal_start = 0
    for match in _BOUNDARY.finditer(folded):
        _add(out, folded, text, offset, position, match.start(), ordinal, ordinal_start)
        ordinal, ordinal_start = _ordinal(match), match.start()  # None for a figure
        position = match.end()
    _add(out, folded, text, offset, position, len(folded), ordinal, ordinal_start)
    return out


def _add(
    out: list[Candidate],
    folded: str,
    text: str,
    offset: int,
    a: int,
    b: int,
    ordinal: Ordinal | None,
    ordinal_start: int,
) -> None:
    segment = folded[a:b]
    chars = _CJK.findall(segment)
    # A numbered label may be short (（七）总, cut off at a page break).
    if not chars or len(chars) > _MAX_CHARS or (ordinal is None and len(chars) < _MIN_CHARS):
        return
    # The label runs from its first to its last character (a closing note included).
    first = _CJK.search(segment)
    assert first is not None
    last = max(segment.rfind(chars[-1]), segment.rfind(")"))
    start = a + first.start()
    # The ordinal belongs to the label when only white space lies between them.
    if ordinal is not None and not folded[ordinal_start:start].split(maxsplit=1)[1:]:
        start = ordinal_start
    else:
        ordinal = None
    end = a + last + 1
    core = _core(segment[first.start() : last + 1])
    if not core:
        return
    printed = "".join(text[start:end].split())
    out.append(Candidate(offset + start, offset + end, ordinal, core, printed))


def lcs(a: str, b: str) -> int:
    """The length of the longest common subsequence of two short strings."""
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for char in a:
        current = [0]
        for j, other in enumerate(b):
            current.append(previous[j] + 1 if char == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def _likeness(core: str, cores: Iterable[str]) -> tuple[float, float, int]:
    """The best (recall, precision, common characters) of ``core`` against ``cores``."""
    best = (0.0, 0.0, 0)
    chars = set(core)
    for template in cores:
        if len(core) > 2 * len(template) or not chars & set(template):
            continue  # less than half of it could be the template's: no fit
        common = lcs(core, template)
        score = (common / len(template), common / len(core), common)
        if score[0] + score[1] > best[0] + best[1]:
            best = score
    return best


def fits(candidate: Candidate, label: RowLabel, *, ordinal_unique: bool) -> bool:
    """Whether ``candidate`` may be the printed label of the row ``label`` describes.

    With the row's ordinal printed, half its characters in order (and half of the
    candidate's being the row's) suffice — a third when no other row of the table has
    that ordinal (一、 二、 四、, （一） （二） （七）). Without an ordinal, three in five
    both ways and at least three characters.
    """
    recall, precision, common = _likeness(candidate.core, label.cores)
    if candidate.ordinal is not None:
        if candidate.ordinal != label.ordinal or not common:
            return False
        least = 1 / 3 if ordinal_unique else 1 / 2
        return recall >= least and precision >= 1 / 2
    return common >= 3 and recall >= 3 / 5 and precision >= 3 / 5


def fitting(
    candidate: Candidate, rows: Sequence[ApplicationRow], shape: Edition
) -> list[ApplicationRow]:
    """The rows among ``rows`` (those missing where ``candidate`` stands) it fits."""
    labels = row_labels(shape)
    counts = _ordinal_counts(shape)
    return [
        row
        for row in rows
        if fits(
            candidate,
            labels[row],
            ordinal_unique=counts.get(labels[row].ordinal, 0) == 1,
        )
    ]


@cache
def _ordinal_counts(shape: Edition) -> Mapping[Ordinal | None, int]:
    counts: dict[Ordinal | None, int] = {}
    for label in row_labels(shape).values():
        counts[label.ordinal] = counts.get(label.ordinal, 0) + 1
    return MappingProxyType(counts)
