"""The labels the assembler searches for, compiled once from the label and variant tables.

Everything here is built from :mod:`govdisclosure.model._labels` (the official wording) and
:mod:`govdisclosure.model._variants` (what reports print instead), folded to keys
(:func:`~._fold.fold_key`) and compiled into patterns over keys. Every pattern is a plain
alternation of literals with bounded optional parts, so matching is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType

from ...model import (
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    Edition,
    ProactiveRow,
    Section,
    label_of,
)
from ...model._labels import (
    APPEAL_GROUP_LABELS,
    APPLICATION_GROUP_LABELS,
    APPLICATION_HEADER,
    APPLICATION_NOTE,
    APPLICATION_RESULTS_LABEL,
    PROACTIVE_BLOCKS,
    PROACTIVE_ITEM_HEADER,
    SECTION_LABELS,
    proactive_columns,
)
from ...model._variants import (
    APPEAL_HEADER_LABELS,
    APPLICANT_VARIANTS,
    APPLICATION_HEADER_LABELS,
    APPLICATION_ROW_VARIANTS,
    EDITION_SIGNATURES,
    ORDINAL_NUMERALS,
    PRE_2019_SIGNALS,
    PROACTIVE_CAPTION_MISPRINTS,
    PROACTIVE_HEADER_LABELS,
    PROACTIVE_ROW_VARIANTS,
    SECTION_HEADING_VARIANTS,
    SECTION_ORDINALS,
    TABLE3_MARKERS,
    YEAR_SUFFIXES,
)
from ._fold import fold_key

__all__ = [
    "ANNOTATION",
    "Anchors",
    "anchors",
    "template_notes",
]

#: A parenthetical annotation right after a label (one level of nesting, bounded) — but
#: not an ordinal such as （六）, which begins the next label.
ANNOTATION = re.compile(
    rf"\((?![{ORDINAL_NUMERALS}\d]{{1,3}}\))(?:[^()]|\([^()]{{0,80}}\)){{0,400}}\)"
)

_N = f"[{ORDINAL_NUMERALS}]+"
# Digits that are no ordinal: a figure (the key of "2.其他" has "2." — an ordinal).
_FIGURE = re.compile(r"(?<![\d(])\d+(?![\d.)])|\d+\.\d")
_ORDINAL = re.compile(rf"^(?P<prefix>（{_N}）|\({_N}\)|{_N}、|\d+[.．、])(?P<core>.*)$")
_TRAILING_NOTE = re.compile(r"（[^（）]*）$")


def _alternation(keys: Iterable[str]) -> str:
    unique = sorted({k for k in keys if k}, key=lambda k: (-len(k), k))
    return "|".join(re.escape(k) for k in unique)


def _split_label(label: str) -> tuple[str, str]:
    """A label's ordinal prefix and its core (without a trailing parenthetical note)."""
    match = _ORDINAL.match(label)
    prefix, core = (match.group("prefix"), match.group("core")) if match else ("", label)
    core = _TRAILING_NOTE.sub("", core) or core
    return prefix, core


def _prefix_spellings(prefix: str) -> list[str]:
    """The spellings of an ordinal prefix in keys, in the order an alternation of them
    tries them (see :func:`_alternation`)."""
    number = fold_key(prefix).strip("().")
    if not number:
        return []
    if number.isdigit():
        spellings = {f"{number}.", f"({number})", f"{number})"}
    else:
        spellings = {f"({number})", f"{number}."}
    return sorted(spellings, key=lambda k: (-len(k), k))


def _row_pattern(prefix: str, cores: Iterable[str], *, needs_prefix: bool) -> re.Pattern[str]:
    """A row label's pattern: ``(?:ordinal)?(?:cores)`` (the ordinal required when
    ``needs_prefix``).

    It is written with the ordinal's spellings distributed over the cores, each spelling
    one alternative (and the cores alone the last): the same matches, tried in the same
    order, but every alternative starts with a literal, so that a search skips to where
    one of their first characters is, instead of trying a match at every position of
    the text (several times faster over a whole document).
    """
    alternatives = _alternation(fold_key(c) for c in cores)
    branches = [
        f"{re.escape(spelling)}(?:{alternatives})" for spelling in _prefix_spellings(prefix)
    ]
    if not branches or not needs_prefix:
        branches.append(f"(?:{alternatives})")
    return re.compile("|".join(branches))


_KEY_SEPARATOR = "\x00"


class Anchors:
    """Compiled patterns for one edition (see :func:`anchors`)."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.headings = _heading_patterns()
        self.unnumbered = _unnumbered_headings()
        self.application_rows = _application_rows(edition)
        self.proactive_rows = _proactive_rows(edition)
        keys = _structural_keys()
        self.structural = re.compile(_alternation(keys))
        self.structural_keys = tuple(sorted(keys, key=len, reverse=True))
        #: Every structural key in one text, each after a separator no key holds: a
        #: piece is part of some key exactly when it is found in this text (and holds
        #: no separator), one C-level search instead of one per key.
        assert not any(_KEY_SEPARATOR in k for k in keys)
        self.structural_text = _KEY_SEPARATOR + _KEY_SEPARATOR.join(self.structural_keys)
        self.structural_set = keys
        note = fold_key(APPLICATION_NOTE)
        self.table3_start = re.compile(
            _alternation([note, fold_key(APPLICATION_HEADER["applicants"])])
        )
        self.captions = re.compile(_alternation(fold_key(c) for c in _captions()))
        #: Where table 二 begins: a block's caption, or the header of its first block
        #: (信息内容 and the first column's label) where that block's caption is not
        #: printed.
        self.table2_start = re.compile(
            _alternation([*(fold_key(c) for c in _captions()), *_first_block_headers()])
        )
        self.appeal_header = re.compile(_alternation(_appeal_header_keys()))


@cache
def anchors(edition: Edition) -> Anchors:
    """The compiled anchors of ``edition`` (built once)."""
    return Anchors(edition)


@cache
def _heading_patterns(*, any_ordinal: bool = False) -> Mapping[Section, re.Pattern[str]]:
    note_start = re.escape(fold_key(APPLICATION_NOTE)[1:3])
    year = f"(?:\\d{{4}}(?:{_alternation(YEAR_SUFFIXES)}))?"
    patterns: dict[Section, re.Pattern[str]] = {}
    for section in Section:
        variants = (_split_label(SECTION_LABELS[section])[1], *SECTION_HEADING_VARIANTS[section])
        cores = _alternation(fold_key(v) for v in variants)
        ordinal = (
            f"(?P<ordinal>[{ORDINAL_NUMERALS}])"
            if any_ordinal
            else re.escape(SECTION_ORDINALS[section])
        )
        patterns[section] = re.compile(
            f"{ordinal}\\.{year}(?:{cores})"
            f"(?P<note>\\((?!{note_start})(?![{ORDINAL_NUMERALS}\\d]{{1,3}}\\))[^()]{{1,20}}\\))?"
        )
    return MappingProxyType(patterns)


def misnumbered_headings() -> Mapping[Section, re.Pattern[str]]:
    """Each section's heading texts after *any* ordinal (``六、存在的问题及改进情况`` for
    五); the ordinal printed is the group ``ordinal``."""
    return _heading_patterns(any_ordinal=True)


@cache
def _unnumbered_headings() -> Mapping[str, Section]:
    table: dict[str, Section] = {}
    for section in Section:
        for variant in (
            _split_label(SECTION_LABELS[section])[1],
            *SECTION_HEADING_VARIANTS[section],
        ):
            key = fold_key(variant)
            table.setdefault(key, section)
            table.setdefault(key + ":", section)
    return MappingProxyType(table)


@cache
def _application_rows(edition: Edition) -> tuple[tuple[ApplicationRow, re.Pattern[str]], ...]:
    rows = []
    for row in ApplicationRow.for_edition(edition):
        prefix, core = _split_label(row.label(edition))
        cores = (core, *APPLICATION_ROW_VARIANTS.get(row, ()))
        short = len(fold_key(core)) <= 2 and row is not ApplicationRow.TOTAL_HANDLED
        rows.append((row, _row_pattern(prefix, cores, needs_prefix=short)))
    return tuple(rows)


@cache
def _proactive_rows(edition: Edition) -> tuple[tuple[ProactiveRow, re.Pattern[str]], ...]:
    rows = []
    for row in ProactiveRow.for_edition(edition):
        cores = (row.label(edition), *PROACTIVE_ROW_VARIANTS[row])
        rows.append((row, _row_pattern("", cores, needs_prefix=False)))
    return tuple(rows)


@cache
def template_notes() -> frozenset[str]:
    """The keys of the parenthetical notes the template's row labels carry (either
    edition, their known variants too), e.g. the key of （区分处理的，只计这一情形，不计
    其他情形）: a note after a row label that is none of these is the publisher's words."""
    labels: list[str] = []
    for edition in Edition:
        labels.extend(row.label(edition) for row in ApplicationRow.for_edition(edition))
        labels.extend(row.label(edition) for row in ProactiveRow.for_edition(edition))
    for variants in (*APPLICATION_ROW_VARIANTS.values(), *PROACTIVE_ROW_VARIANTS.values()):
        labels.extend(variants)
    return frozenset(
        fold_key(note) for label in labels for note in re.findall(r"（[^（）]*）|\([^()]*\)", label)
    )


def _appeal_header_keys() -> set[str]:
    keys = {fold_key(v) for variants in APPEAL_HEADER_LABELS.values() for v in variants}
    keys |= {fold_key(label_of(k)) for k in AppealKind}
    keys |= {fold_key(v) for v in APPEAL_GROUP_LABELS.values()}
    keys |= {fold_key(label_of(o)) for o in AppealOutcome}
    return keys


def _first_block_headers() -> set[str]:
    """The keys of the header of table 二's first block in either edition: 信息内容 and
    the label of its first column (本年制发件数, 本年新制作数量)."""
    return {
        fold_key(PROACTIVE_ITEM_HEADER + proactive_columns(row, edition)[0].label(edition))
        for edition in Edition
        for row in ProactiveRow.for_edition(edition)[:1]
    }


@cache
def _captions() -> frozenset[str]:
    """The captions of table 二's blocks in both editions, as the template prints them
    and with the article misprinted as reports print it."""
    captions: set[str] = set()
    for edition in Edition:
        for caption, _ in PROACTIVE_BLOCKS[edition]:
            captions.add(caption)
            for article, misprints in PROACTIVE_CAPTION_MISPRINTS.items():
                captions |= {caption.replace(article, m) for m in misprints if article in caption}
    return frozenset(captions)


@cache
def _structural_keys() -> frozenset[str]:
    """Every label of the three tables: text inside a table that is structure, not data."""
    keys: set[str] = set()
    for edition in Edition:
        for row in ApplicationRow.for_edition(edition):
            label = row.label(edition)
            keys.add(fold_key(label))
            keys.add(fold_key(_split_label(label)[1]))
        for prow in ProactiveRow.for_edition(edition):
            keys.add(fold_key(prow.label(edition)))
            for column in proactive_columns(prow, edition):
                keys.add(fold_key(column.label(edition)))
    keys |= {fold_key(caption) for caption in _captions()}
    for group in (*APPLICATION_GROUP_LABELS.values(), APPLICATION_RESULTS_LABEL):
        keys.add(fold_key(group))
        keys.add(fold_key(_split_label(group)[1]))
    keys.add(fold_key(APPLICATION_NOTE))
    keys |= {fold_key(v) for v in APPLICATION_HEADER.values()}
    keys |= {fold_key(v) for v in APPLICATION_HEADER_LABELS}
    keys |= {fold_key(v) for variants in APPLICANT_VARIANTS.values() for v in variants}
    keys |= {fold_key(label_of(a)) for a in Applicant}
    keys |= {fold_key(v) for variants in APPLICATION_ROW_VARIANTS.values() for v in variants}
    keys |= {fold_key(v) for variants in PROACTIVE_ROW_VARIANTS.values() for v in variants}
    keys.add(fold_key(PROACTIVE_ITEM_HEADER))
    keys |= {fold_key(v) for v in PROACTIVE_HEADER_LABELS}
    keys |= _appeal_header_keys()
    keys.discard("")
    return frozenset(keys)


@cache
def signatures() -> Mapping[Edition, re.Pattern[str]]:
    """One pattern per edition matching its signature labels (spec §8)."""
    return MappingProxyType(
        {
            ed: re.compile(_alternation(fold_key(s) for s in EDITION_SIGNATURES[ed]))
            for ed in Edition
        }
    )


@cache
def split_other_handling() -> re.Pattern[str]:
    """Table 三's 2021 （六） sub-rows: the table-三 signature of the 2021 edition."""
    rows = (
        ApplicationRow.OTHER_HANDLING_CORRECTION_OVERDUE,
        ApplicationRow.OTHER_HANDLING_FEE_UNPAID,
    )
    cores = [fold_key(_split_label(r.label(Edition.E2021))[1]) for r in rows]
    cores += [fold_key(v) for r in rows for v in APPLICATION_ROW_VARIANTS.get(r, ())]
    return re.compile(_alternation(cores))


@cache
def pre_2019_signals() -> re.Pattern[str]:
    """Signals of a report of the 2008 Regulations (spec §5)."""
    return re.compile(_alternation(fold_key(s) for s in PRE_2019_SIGNALS))


@cache
def table3_markers() -> re.Pattern[str]:
    """Text that only a 2019/2021 table 三 prints."""
    return re.compile(_alternation(fold_key(s) for s in TABLE3_MARKERS))


def absorbable(key: str, anchors_: Anchors) -> bool:
    """Whether ``key`` is made of table labels and pieces of them (structure, not data).

    A figure is data, even where a label holds the same digit (``5`` in ``5.属于…``):
    digits count as a label's only as its ordinal (``5.``, ``(5)``).
    """
    if not key:
        return True
    if _FIGURE.search(key):
        return False
    every_key = anchors_.structural_text
    for piece in anchors_.structural.split(key):
        if piece and (piece not in every_key or _KEY_SEPARATOR in piece):
            return False
    return True
