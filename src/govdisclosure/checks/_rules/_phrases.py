"""The Chinese phrases the text rules look for, and the reader of numbers in the text.

Every phrase the narrative rules (GD5xx, GD6xx) recognise lives in the tables of this
module, with a comment saying where it was seen. The reader is deliberately narrow:

* a *claim* is a number written in Arabic digits (half- or full-width) followed by a count
  unit (件, 起 or 宗), tied to the words before it (``收到…申请 70 件``) or, for
  carried-forward applications, after it (``1件结转下年度``);
* between the words and the number there may be at most a few characters, none of them a
  digit or a clause break (``，、。；！？`` or a line break): a number is only read as the
  figure of the words in its own clause;
* numbers in Chinese numerals (三件, 十二件) are **not** read. They are rare in the
  reports seen so far (none in the development corpus), and reading them would invite
  misreadings of words that contain numerals (一是, 三安全一稳定). A sentence stating a figure
  in Chinese numerals is simply not checked.

Every regular expression here runs in linear time: character classes that exclude digits
are followed by digits, bounded quantifiers only, no nested quantifiers
(``tests/test_narrative.py`` runs them against pathological input).
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ...model import AnnualReport

__all__ = [
    "FEE_DENIAL",
    "FEE_MENTION",
    "NOTHING_TO_REPORT",
    "PHRASES",
    "Claim",
    "Phrase",
    "Stated",
    "fee_patterns",
    "read_claims",
    "sentence_range",
    "word_patterns",
]


class Stated(str, enum.Enum):
    """What a number in the text says it counts."""

    RECEIVED = "received"
    """New applications received (本年新收), or received and carried over (spec S-6)."""
    RECEIVED_NEW = "received_new"
    """New applications received this year, unambiguously (本年新收)."""
    CARRIED_OVER = "carried_over"
    """Applications carried over from last year (上年结转)."""
    HANDLED = "handled"
    """Applications handled or answered this year (办结, 答复) — （七）总计."""
    CARRIED_FORWARD = "carried_forward"
    """Applications carried forward to next year (结转下年度, 顺延到下年度)."""
    GRANTED_OR_PARTIAL = "granted_or_partial"
    """（一）予以公开 and （二）部分公开 together."""
    GRANTED = "granted"
    """（一）予以公开."""
    PARTIALLY_GRANTED = "partially_granted"
    """（二）部分公开."""
    WITHHELD = "withheld"
    """（三）不予公开, all eight reasons."""
    UNAVAILABLE = "unavailable"
    """（四）无法提供, all three reasons."""
    NOT_PROCESSED = "not_processed"
    """（五）不予处理, all five reasons."""
    OTHER_HANDLING = "other_handling"
    """（六）其他处理 (one row in 2019, three in 2021)."""
    REVIEW = "review"
    """行政复议 cases — table 四, 行政复议·总计."""
    LITIGATION = "litigation"
    """行政诉讼 cases — 未经复议直接起诉·总计 + 复议后起诉·总计 (spec T4-B)."""


class Phrase(NamedTuple):
    """How a figure is stated.

    Attributes:
        stated: what the number counts.
        words: the words, as literal strings; ``#`` stands for a four-digit year
            (``结转至#年`` reads "结转至2026年").
        gap: at most this many characters between the words and the number.
        number_first: the number comes before the words (``1件结转下年度``).
        requires: one of these must occur between the words and the number, or within
            :data:`REQUIRE_AFTER` characters after the unit (``收到70件申请``).
        excludes: none of these may occur between the words and the number.
    """

    stated: Stated
    words: tuple[str, ...]
    gap: int
    number_first: bool = False
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()


def _years(*stems: str) -> tuple[str, ...]:
    """Each stem followed by 下年度, 下一年度, 下年 and 下一年."""
    tails = ("下年度", "下一年度", "下年", "下一年")
    return tuple(f"{stem}{tail}" for stem in stems for tail in tails)


#: Words that tie a number to something other than an application: an appeal, a petition,
#: an enquiry ("受理各类群众诉求259起" is not about applications).
_NOT_APPLICATIONS = ("复议", "诉讼", "起诉", "咨询", "信访", "投诉", "举报", "诉求", "建议", "提案")
_FORWARD_STEMS = ("结转", "结转至", "结转到", "顺延", "顺延至", "顺延到", "转入", "转至")

#: The phrase table. When several phrases end at the same place before a number, the
#: longest words win ("予以公开及部分公开" over "部分公开"); otherwise the words closest to
#: the number do.
PHRASES: Mapping[str, Phrase] = MappingProxyType(
    {
        # "本年新收政府信息公开申请 70 件" — the template's own row label R1.
        "received_new": Phrase(
            Stated.RECEIVED_NEW,
            ("本年新收", "本年度新收", "新收"),
            16,
            requires=("申请",),
            excludes=_NOT_APPLICATIONS,
        ),
        # "共受理政府信息公开申请859件" (Shanghai 2019), "共受理政府信息公开申请 3119 件"
        # (Huai'an 2024), "共收到70件申请" (Pingtan 2021), "收到依申请公开0件" (the seed).
        # Ambiguous between R1 and R1 + R2 (spec S-6).
        "received": Phrase(
            Stated.RECEIVED,
            ("收到", "受理", "接收", "接到"),
            16,
            requires=("申请",),
            excludes=(*_NOT_APPLICATIONS, "结转"),
        ),
        # "含上年度结转申请18件" (Shanghai 2019), "含上年度结转申请 34 件" (Huai'an 2024).
        "carried_over": Phrase(
            Stated.CARRIED_OVER,
            ("上年结转", "上一年结转", "上年度结转", "上一年度结转", "上年转入", "上年度转入"),
            10,
        ),
        # "结转下年度继续办理 1 件", "结转至2026年6件" (Pingtan 2025, spec §6.1).
        "forward_words_first": Phrase(
            Stated.CARRIED_FORWARD,
            (*_years(*_FORWARD_STEMS), "结转至#年", "结转到#年", "顺延至#年", "顺延到#年"),
            10,
        ),
        # "1件结转下年度继续办理" (Pingtan 2021), "另有72件申请按照《条例》顺延到下年度答复"
        # (Shanghai 2019), "另有 103 件顺延到下年度答复" (Huai'an 2024).
        "forward_number_first": Phrase(
            Stated.CARRIED_FORWARD, _years(*_FORWARD_STEMS), 12, number_first=True
        ),
        # "答复政府信息公开申请805件" (Shanghai 2019), "办结69件" (Pingtan 2021),
        # "答复 3050 件" (Huai'an 2024).
        "handled": Phrase(
            Stated.HANDLED,
            ("办结", "答复", "办理完毕", "处理完毕"),
            12,
            excludes=(*_NOT_APPLICATIONS, "结转"),
        ),
        # "予以公开及部分公开258件" (Shanghai 2019).
        "granted_or_partial": Phrase(
            Stated.GRANTED_OR_PARTIAL,
            tuple(f"予以公开{joiner}部分公开" for joiner in ("及", "和", "或", "与", "以及", "、")),
            6,
        ),
        "granted": Phrase(Stated.GRANTED, ("予以公开",), 6),
        "partially_granted": Phrase(Stated.PARTIALLY_GRANTED, ("部分公开",), 6),
        # "不予公开35件" (Shanghai 2019).
        "withheld": Phrase(Stated.WITHHELD, ("不予公开",), 6),
        # "因本机关不掌握等原因无法提供265件" (Shanghai 2019).
        "unavailable": Phrase(Stated.UNAVAILABLE, ("无法提供",), 6),
        # "不予处理158件" (Shanghai 2019).
        "not_processed": Phrase(Stated.NOT_PROCESSED, ("不予处理",), 6),
        # "其他处理0件" (Shanghai 2019).
        "other_handling": Phrase(Stated.OTHER_HANDLING, ("其他处理",), 6),
        # "行政复议7件" (Shanghai 2019), "行政复议案件2件" (Pingtan 2022),
        # "政府信息公开行政复议 351 件" (Huai'an 2024), "行政复议36起" (Pingtan 2025).
        "review": Phrase(Stated.REVIEW, ("行政复议",), 10, excludes=("诉讼", "起诉")),
        # "诉讼9件" (Shanghai 2019), "行政诉讼案件1件" (Pingtan 2022),
        # "行政诉讼 46 件" (Huai'an 2024), "行政诉讼9起" (Pingtan 2025).
        "litigation": Phrase(Stated.LITIGATION, ("行政诉讼", "诉讼"), 10, excludes=("复议",)),
    }
)

_PHRASES = dict(PHRASES)

#: Characters after the unit searched for a phrase's ``requires`` words ("收到70件申请").
REQUIRE_AFTER = 6
#: The units a count is stated in.
UNITS = ("件", "起", "宗")
#: Digits of a number (half- and full-width), at most :data:`_MAX_DIGITS` of them.
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_MAX_DIGITS = 7
#: White space allowed between a number and its unit ("3119 件").
_SPACE = frozenset(" \t\u3000\xa0")
#: What may stand right before a unit that ends a figure: a digit or a space.
_BEFORE_UNIT = _DIGITS | _SPACE
#: Characters a gap between words and number may not contain: digits, and clause or
#: sentence breaks (a figure belongs to the words of its own clause).
_GAP = r"[^\d，,、。；;！？!?\n]"
_MAX_GAP = max(p.gap for p in PHRASES.values())
#: How far left of a number the words are looked for.
_WINDOW = _MAX_GAP + max(len(w) for p in PHRASES.values() for w in p.words) + 4


def _alternation(words: list[str]) -> str:
    """A regular expression of ``words``, longest first; ``#`` matches four digits."""
    forms = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace("\\#", "#").replace("#", r"\d{4}") for w in forms)


_YEAR = re.compile(r"\d{4}")

#: Phrase key by words as matched: reversed for the words before a number.
_BEFORE = {w[::-1]: k for k, p in PHRASES.items() if not p.number_first for w in p.words}
_AFTER = {w: k for k, p in PHRASES.items() if p.number_first for w in p.words}


def _phrase_key(table: dict[str, str], words: str) -> str:
    """The key of the phrase whose words matched (a year in them is ``#`` in the table)."""
    try:
        return table[words]
    except KeyError:
        return table[_YEAR.sub("#", words)]


@cache
def word_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns of the words around a number (compiled on first use).

    The first is matched against the text left of a number, *reversed* (the closest words
    win); the second against the text right of the number's unit. Before the words, a
    look-ahead for their first characters lets the engine pass a place where no word
    begins in one test instead of trying every word there (it matches the same).
    """
    gap = f"(?P<gap>{_GAP}{{0,{_MAX_GAP}}}?)"
    return (
        re.compile(f"{gap}{_starts(_BEFORE)}(?P<words>{_alternation(list(_BEFORE))})"),
        re.compile(f"{gap}{_starts(_AFTER)}(?P<words>{_alternation(list(_AFTER))})"),
    )


def _starts(words: Iterable[str]) -> str:
    """A look-ahead for the first character of any of ``words`` (none starts with ``#``)."""
    firsts = sorted({w[0] for w in words})
    assert "#" not in firsts
    return f"(?=[{''.join(re.escape(c) for c in firsts)}])"


#: 六 mentions the information-processing fee (信息处理费) at all (spec S-7): "无收取信息
#: 处理费情况" (Pingtan 2021), "全年收取政府信息公开信息处理费 3940 元" (Huai'an 2024),
#: "未收取任何费用".
FEE_MENTION = r"信息处理费|处理费|收费|缴费|收取[^。；;\n]{0,10}?费"

#: 六 says that no fee was charged: "无收取信息处理费情况", "未收取信息处理费",
#: "没有收取任何费用", "信息处理费0元".
FEE_DENIAL = (
    r"(?:无|未|没有|不存在|并未|均未)[^。；;\n]{0,8}?(?:收取|收费|缴费|处理费)"
    r"|处理费[^。；;\n\d]{0,6}?(?:0|０|零)(?:\.0+)?元"
)


#: 六 speaks of the fee notices themselves ("发出收费通知2份，申请人均未缴费").
FEE_NOTICE = r"(?:收费|缴费|缴纳)[^。；;\n]{0,4}?通知"


@cache
def fee_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """:data:`FEE_MENTION` and :data:`FEE_DENIAL`, compiled on first use."""
    return re.compile(FEE_MENTION), re.compile(FEE_DENIAL)


@cache
def fee_notice_pattern() -> re.Pattern[str]:
    """:data:`FEE_NOTICE`, compiled on first use."""
    return re.compile(FEE_NOTICE)


#: A section that says only that there is nothing to say (compared after stripping
#: white space and punctuation).
NOTHING_TO_REPORT = frozenset({"", "无", "暂无", "没有", "无问题", "暂无问题"})
#: What is stripped before comparing with :data:`NOTHING_TO_REPORT`.
STRIP = " \t\r\n\u3000\xa0。．.，,、；;：:！!？?（）()“”\"'‘’-—…"

#: Sentence ends, for the text range of a finding.
_SENTENCE_END = "。！？；;!?\n"


class Claim(NamedTuple):
    """A figure stated in the report's text.

    Attributes:
        stated: what the number counts.
        number: the number.
        pointer: the text field it was read from (``/overview``…).
        start: offset of the match in that field's text.
        end: offset just after the match.
    """

    stated: Stated
    number: int
    pointer: str
    start: int
    end: int


#: ``Claim(...)`` from the tuple of its fields, without the keyword-ready ``__new__``.
_new_claim = tuple.__new__

#: The free-text fields read for claims (the title is not), with their attribute paths.
_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("/preface", ("preface",)),
    ("/overview", ("overview",)),
    ("/proactive/text_before", ("proactive", "text_before")),
    ("/proactive/text_after", ("proactive", "text_after")),
    ("/applications/text_before", ("applications", "text_before")),
    ("/applications/text_after", ("applications", "text_after")),
    ("/appeals/text_before", ("appeals", "text_before")),
    ("/appeals/text_after", ("appeals", "text_after")),
    ("/problems", ("problems",)),
    ("/other_matters", ("other_matters",)),
)


def text_at(report: AnnualReport, pointer: str) -> str:
    """The free text of ``report`` at ``pointer`` (one of the fields read for claims)."""
    for candidate, path in _FIELDS:
        if candidate == pointer:
            value: object = report
            for name in path:
                value = getattr(value, name)
            assert isinstance(value, str)
            return value
    raise KeyError(pointer)


def _texts(report: AnnualReport) -> tuple[str, ...]:
    """The free-text fields read for claims, in the order of :data:`_FIELDS`."""
    p, a, b = report.proactive, report.applications, report.appeals
    return (
        report.preface,
        report.overview,
        p.text_before,
        p.text_after,
        a.text_before,
        a.text_after,
        b.text_before,
        b.text_after,
        report.problems,
        report.other_matters,
    )


def read_claims(report: AnnualReport) -> dict[Stated, list[Claim]]:
    """Every figure the report's text states, by what it counts.

    The texts are joined and searched for the count units (件, 起, 宗) with ``str.find``;
    only where digits stand before a unit are the words around them matched.
    """
    starts: list[int] = []
    fields: list[int] = []
    present: list[str] = []
    offset = 0
    for field, text in enumerate(_texts(report)):
        if text:
            present.append(text)
            starts.append(offset)
            fields.append(field)
            offset += len(text) + 1
    found: dict[Stated, list[Claim]] = {}
    joined = "\n".join(present)
    left, right = word_patterns()
    find = joined.find
    for unit in UNITS:
        at = find(unit)
        while at > 0:
            if joined[at - 1] in _BEFORE_UNIT:
                claim = _claim_at(joined, at, left, right)
                if claim is not None:
                    key, number, begin, end = claim
                    index = bisect_right(starts, begin) - 1
                    base = starts[index]
                    stated = _PHRASES[key].stated
                    found.setdefault(stated, []).append(
                        _new_claim(
                            Claim,
                            (stated, number, _FIELDS[fields[index]][0], begin - base, end - base),
                        )
                    )
            at = find(unit, at + 1)
    for claims in found.values():
        if len(claims) > 1:
            claims.sort(key=lambda c: (c.pointer, c.start))
    return found


def _claim_at(
    text: str, unit: int, left: re.Pattern[str], right: re.Pattern[str]
) -> tuple[str, int, int, int] | None:
    """The claim whose unit is at ``text[unit]``: phrase key, number, start, end."""
    end_digits = unit
    spaces = 0
    while end_digits > 0 and text[end_digits - 1] in _SPACE and spaces < 2:
        end_digits -= 1
        spaces += 1
    start = end_digits
    while start > 0 and text[start - 1] in _DIGITS:
        start -= 1
        if end_digits - start > _MAX_DIGITS:
            return None
    if start == end_digits or (start > 0 and text[start - 1] in ".．"):
        return None
    number = int(text[start:end_digits])
    after = unit + 1
    window = text[max(start - _WINDOW, 0) : start][::-1]
    match = left.match(window)
    if match is not None:
        key = _phrase_key(_BEFORE, match.group("words"))
        gap = match.group("gap")[::-1]
        begin = start - match.end()
        end = after
    else:
        match = right.match(text, after)
        if match is None:
            return None
        key = _phrase_key(_AFTER, match.group("words"))
        gap = match.group("gap")
        begin = start
        end = match.end()
    phrase = _PHRASES[key]
    if len(gap) > phrase.gap:
        return None
    if gap and phrase.excludes and _word_patterns_of(key)[0].search(gap):
        return None
    if phrase.requires:
        required = _word_patterns_of(key)[1]
        if not (required.search(gap) or required.search(text, after, after + REQUIRE_AFTER)):
            return None
    return key, number, begin, end


@cache
def _word_patterns_of(key: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Any of the phrase's ``excludes``, and any of its ``requires`` (literal words,
    compiled on first use: one search for all of them)."""
    phrase = _PHRASES[key]
    return (
        re.compile("|".join(map(re.escape, phrase.excludes)) or "(?!)"),
        re.compile("|".join(map(re.escape, phrase.requires)) or "(?!)"),
    )


def sentence_range(text: str, start: int, end: int) -> tuple[int, int]:
    """The ``(start, end)`` offsets of the sentence of ``text`` around ``start:end``.

    The sentence runs from just after the previous sentence end (。！？；or a line break)
    to its own end, included.
    """
    # The nearest mark before is looked for close by first (a window's last mark), then
    # further back: a sentence of a long text is not searched back to the text's start.
    last, after = _sentence_marks()
    begin = 0
    low = start
    while low > 0:
        low = max(low - _SENTENCE_STEP, 0)
        before = last.match(text, low, start)
        if before is not None:
            begin = before.end()
            break
    stop = after.search(text, end)
    if stop is None:
        return begin, len(text)
    return begin, stop.start() + (stop.group() != "\n")


@cache
def _sentence_marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The last of :data:`_SENTENCE_END` in a text, and any of them (compiled on first
    use)."""
    marks = f"[{re.escape(_SENTENCE_END)}]"
    return re.compile(f"(?s:.*){marks}"), re.compile(marks)


#: How far before a figure :func:`sentence_range` first looks for the sentence's start.
_SENTENCE_STEP = 128
