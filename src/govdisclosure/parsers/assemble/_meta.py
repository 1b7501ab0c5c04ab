"""A report's title, organ, year and level, read from the document's own words.

The title is the last stand-alone phrase before section 一 that holds a year and ends like
a report title (``…2019年度政府信息公开工作年度报告``); a phrase inside 《》 is a reference,
not the title. The organ is what the title prints before the year (or after it: ``2019年
上海市人民政府办公厅…``); the year is the title's. The level is read from the organ's name
only where the name makes it clear (:func:`level_of`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ...model import AgencyLevel
from ...model._variants import (
    AGENCY_CONNECTORS,
    AGENCY_LEVEL_SUFFIXES,
    CHINESE_DIGITS,
    GOVERNMENT_OFFICE_SUFFIXES,
    GOVERNMENT_SUFFIXES,
    MINISTRY_SUFFIXES,
    MUNICIPALITIES,
    PLACE_CHARACTERS,
    PLACE_FALSE_FRIENDS,
    REPORT_TITLE_MARKERS,
    REPORT_TITLE_SUFFIXES,
    STATE_COUNCIL_PREFIXES,
    YEAR_SUFFIXES,
)
from ._fold import fold_width
from ._stream import UNREADABLE

__all__ = ["TitleMatch", "find_titles", "level_of", "split_title", "year_in"]

_NUMERALS = "".join(CHINESE_DIGITS)
_YEAR_WORDS = "|".join(re.escape(s) for s in YEAR_SUFFIXES)
# A year, or one whose digits the recogniser was unsure of (□□□□: a title all the same,
# of no year).
_YEAR = re.compile(rf"(?P<y>\d{{4}}|[{_NUMERALS}]{{4}}|{UNREADABLE}{{4}})\s?(?:{_YEAR_WORDS})")
_MARKER = re.compile("|".join(re.escape(m) for m in REPORT_TITLE_MARKERS))
# What ends a title phrase on either side: white space and punctuation.
_SEPARATORS = frozenset(" \t\n\r\u3000\xa0。，、；：:,;.!?！？《》“”\"'「」()（）【】[]")
_OPEN_QUOTE = frozenset('《“"「')
_REACH = 60


class TitleMatch(NamedTuple):
    """A title-like phrase at ``[start, end)`` of a text."""

    start: int
    end: int
    standalone: bool


def find_titles(
    text: str, lo: int = 0, hi: int | None = None, *, folded: str | None = None
) -> list[TitleMatch]:
    """Every title-like phrase in ``text[lo:hi]``, in order (``folded``: the text
    width-folded already, :func:`fold_width`)."""
    hi = len(text) if hi is None else hi
    # Width and script folded character for character: positions are the text's.
    text = fold_width(text) if folded is None else folded
    out: list[TitleMatch] = []
    for year in _YEAR.finditer(text, lo, hi):
        start = year.start()
        limit = max(lo, start - _REACH)
        while start > limit and text[start - 1] not in _SEPARATORS:
            start -= 1
        # Latin letters glued to the front are no part of a Chinese title (1:18 PM平潭…).
        while start < year.start() and text[start].isascii() and text[start].isalpha():
            start += 1
        stop = min(hi, year.end() + _REACH)
        end = year.end()
        while end < stop and text[end] not in _SEPARATORS:
            end += 1
        marker = None
        for m in _MARKER.finditer(text, year.end(), end):
            marker = m
        if marker is None:
            continue
        before = text[start - 1] if start > 0 else "\n"
        if before in _OPEN_QUOTE:
            continue
        standalone = before.isspace() and (marker.end() == end or text[end : end + 1].isspace())
        out.append(TitleMatch(start, marker.end(), standalone or start == 0))
    return out


def year_in(text: str) -> int | None:
    """The first plausible report year (2000–2099) printed in ``text``."""
    for match in _YEAR.finditer(text):
        year = _as_year(match.group("y"))
        if year is not None:
            return year
    return None


def _as_year(digits: str) -> int | None:
    if UNREADABLE in digits:
        return None
    value = int("".join(CHINESE_DIGITS.get(ch, ch) for ch in digits))
    return value if 2000 <= value <= 2099 else None


def split_title(title: str) -> tuple[str | None, int | None]:
    """The organ named in a title and the year it covers (``None`` where not found)."""
    compact = re.sub(r"\s+", "", title)
    # Matched on the folded title (a title in traditional characters too), cut from the
    # title as printed: folding keeps every position.
    key = fold_width(compact)
    match = _YEAR.search(key)
    if match is None:
        return compact[: _without_suffix(key)] or None, None
    year = _as_year(match.group("y"))
    end = match.start()
    for connector in AGENCY_CONNECTORS:
        if key[:end].endswith(connector):
            end -= len(connector)
    agency = compact[:end] or compact[match.end() :][: _without_suffix(key[match.end() :])]
    return agency or None, year


def _without_suffix(text: str) -> int:
    """How long ``text`` is without the suffix of a report's title it ends with."""
    for suffix in sorted(REPORT_TITLE_SUFFIXES, key=len, reverse=True):
        if text.endswith(suffix):
            return len(text) - len(suffix)
    return len(text)


def level_of(name: str) -> AgencyLevel | None:
    """The organ's level where its name makes it clear, else ``None``.

    A government's general office (…人民政府办公厅/办公室) has its government's level: it
    publishes the report of 本政府机关. Then townships (镇/乡人民政府, 街道办事处); then
    governments by their ending (省, 自治区, the four municipalities → province; 县/区 →
    county; 市, 自治州 → prefecture); State Council organs (a 国家/国务院 name without a
    place, a bare …部); departments of a local government (…局/委员会/办公室 with a place in
    the name); zones (开发区, 实验区) → other.
    """
    compact = re.sub(r"\s+", "", name)
    if not compact:
        return None
    for office in GOVERNMENT_OFFICE_SUFFIXES:
        government = compact.removesuffix(office)
        if government != compact and government.endswith(GOVERNMENT_SUFFIXES):
            return level_of(government)
    if any(compact == m + suffix for m in MUNICIPALITIES for suffix in GOVERNMENT_SUFFIXES):
        return AgencyLevel.PROVINCE
    has_place = _names_a_place(compact)
    for level, suffixes in AGENCY_LEVEL_SUFFIXES:
        if not any(compact.endswith(s) for s in suffixes):
            continue
        if level is AgencyLevel.DEPARTMENT:
            if compact.startswith(STATE_COUNCIL_PREFIXES):
                return AgencyLevel.OTHER if has_place else AgencyLevel.STATE_COUNCIL_DEPARTMENT
            if not has_place:
                return None
        return level
    if not has_place and compact.endswith(MINISTRY_SUFFIXES):
        return AgencyLevel.STATE_COUNCIL_DEPARTMENT
    return None


def _names_a_place(name: str) -> bool:
    """Whether ``name`` holds a place name: a place character after at least one other."""
    for word in PLACE_FALSE_FRIENDS:
        name = name.replace(word, "")
    return any(ch in PLACE_CHARACTERS for ch in name[1:])
