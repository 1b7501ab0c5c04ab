"""The assembler: one reader of the report format for every front-end.

Given a :class:`~govdisclosure.parsers.Document` (from the HTML, Word, PDF or text
front-end, or built by hand), :func:`assemble` finds the report in it:

1. **Sections** by their headings (一 … 六, in the spellings of spec §8), searched in the
   document's key (:mod:`._fold`) in order. A heading needs its ordinal and a known text,
   so the row labels of table 三 (一、本年新收…, 三、本年度办理结果, 四、结转下年度继续办理)
   are never taken for headings.
2. **Title, organ, year** from the text before section 一 (:mod:`._meta`); portal
   navigation and crawler headers before the title are set aside as leftovers.
3. **The edition** from signature labels: table 二's column headers decide, table 三's
   three-row （六）其他处理 and the year break ties (spec §8).
4. **Tables** by their row labels, in template order, in the stretch of the section
   (:mod:`._anchors`); a row label is matched with or without its ordinal (``1.`` ``1．``
   ``1、`` ``（1）``), its quotes and its parenthetical annotation. A row's values are the
   cells (for tables) or the numbers (for text) between its label and the next; numbers run
   together are split only where the table's identities allow exactly one reading
   (:mod:`._split`). Labels of the header and the stub between rows are structure; any
   other text inside a table is kept as a leftover.
5. **Prose**: the title, the text before 一, every section's text and the text before and
   after the tables of 二, 三, 四, paragraph by paragraph (wrapped lines of PDF text are
   joined back into paragraphs).

Every value placed carries its source position (``report.source.spans``); everything read
but not placed is a :class:`~govdisclosure.parsers.Leftover`; everything noticed is a
``GD9xx`` diagnostic.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cache
from itertools import product
from typing import Any, NamedTuple, NoReturn

from .._limits import DEFAULT_LIMITS, Limits
from ..checks import Finding, Location, Rule
from ..checks._rules import parsing as rules
from ..exceptions import LimitExceededError, ParseError
from ..model import (
    Agency,
    AnnualReport,
    AppealCounts,
    AppealKind,
    AppealOutcome,
    Appeals,
    Applicant,
    ApplicantCounts,
    ApplicationRow,
    Applications,
    DecisionCount2021,
    DocumentCounts2019,
    DocumentCounts2021,
    Edition,
    FeeAmount2021,
    FeeItemCounts2019,
    Heading,
    MatterCounts2019,
    MoneyUnit,
    NotProcessed,
    NotProcessedReason,
    OtherHandling,
    OtherHandlingReason,
    PointerSpan,
    Proactive,
    Proactive2019,
    Proactive2021,
    ProactiveColumn,
    ProactiveRow,
    ProcurementRow2019,
    Section,
    Source,
    SourceSpan,
    Unavailable,
    UnavailableReason,
    Withheld,
    WithheldReason,
    cell_refs,
)
from ..model._cellmap import TEXT_POINTERS, CellValue
from ..model._variants import (
    BLANK_MARKERS,
    COUNT_UNITS,
    CRAWLER_AGENCY_KEYS,
    MONEY_UNITS,
    NUMBER_IN_PROSE,
    ORDINAL_NUMERALS,
    PORTAL_CHROME,
)
from . import _anchors
from ._anchors import ANNOTATION, Anchors, absorbable
from ._document import Document
from ._fold import QUOTES, fold_key, fold_width
from ._meta import find_titles, level_of, split_title, year_in
from ._result import Leftover, ParseResult
from ._split import (
    Budget,
    BudgetExhaustedError,
    Chunk,
    Kind,
    Run,
    chunks,
    compositions,
    is_blank_marker,
    read_cell,
    sum_readings,
)
from ._stream import CELL, TEXT, Piece, Stream, Token
from ._text import BODY_MARKER

__all__ = ["assemble"]

#: Steps all digit-run searches of one document may take together.
_SEARCH_BUDGET = 400_000
#: Readings collected per run before a run counts as hopelessly ambiguous.
_READINGS = 24
#: Combinations of ambiguous rows tried against the column identities of table 三.
_COMBINATIONS = 20_000

_APPLICANTS = tuple(Applicant)
_SECTIONS = tuple(Section)
_OUTCOMES = tuple(AppealOutcome)


def assemble(document: Document, *, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Find the report in ``document``.

    Raises:
        ParseError: no report can be built: the document has no table 三 of the 2019 or
            2021 format (``reason`` ``"pre_2019"`` when it is a report of the 2008
            Regulations, ``"not_a_report"`` otherwise).
        LimitExceededError: the document has more table cells than ``limits.max_cells``,
            or reading it took longer than ``limits.max_seconds``.
    """
    return _Assembler(document, limits).run()


# --------------------------------------------------------------------------------------
# Text patterns built from the variant tables
# --------------------------------------------------------------------------------------

_DASHES = "".join(sorted({m for m in BLANK_MARKERS if len(m) == 1 and not m.isalnum()}))
_WORD_MARKERS = sorted(
    (m for m in BLANK_MARKERS if len(m) > 1 and not set(m) <= set(_DASHES)), key=len, reverse=True
)
_UNITS = sorted((*COUNT_UNITS, *MONEY_UNITS), key=len, reverse=True)
_UNIT = "|".join(re.escape(u) for u in _UNITS)
_MARKER_WORD = "|".join(re.escape(w) for w in _WORD_MARKERS)
# The numbers (and blank markers) at the start of a stretch: a row's values in text.
_VALUE_PREFIX = re.compile(
    rf"(?:\s+|[+\-]?\d[\d.,]*(?:{_UNIT})?|[{re.escape(_DASHES)}]+|{_MARKER_WORD})*"
)
_NUMERIC = re.compile(r"[\s\d.,+\-]*")
_PROSE_NUMBER = tuple(fold_width(s) for s in NUMBER_IN_PROSE)
_TERMINAL = frozenset("。！？!?；;")
_NOT_BEFORE_HEADING = frozenset("、，,；;：:（(《“\"'·")
_NUMERAL = f"[{ORDINAL_NUMERALS}]"
_ENUMERATOR = re.compile(
    rf"^\s*(?:[（(][{ORDINAL_NUMERALS}\d]{{1,3}}[)）]|{_NUMERAL}{{1,3}}[、.．]|\d{{1,3}}[、.．](?!\d))"
)
_AGENCY_KEY = "|".join(re.escape(k) for k in CRAWLER_AGENCY_KEYS)
_CRAWLER_AGENCY = re.compile(rf"^\s*(?:{_AGENCY_KEY})\s*[:：]\s*(?P<value>\S.*?)\s*$")
_DATE_OR_TIME = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}:\d{2}(?::\d{2})?$")
_CHROME = tuple(fold_width(c) for c in PORTAL_CHROME)


def _is_chrome(fragment: str) -> bool:
    folded = fold_width(fragment)
    return any(c in folded for c in _CHROME) or bool(_DATE_OR_TIME.match(folded))


def _width(text: str) -> int:
    """Display width: 2 for a CJK character (3 bytes in UTF-8), 1 for ASCII."""
    return (len(text.encode("utf-8", "surrogatepass")) + len(text)) // 2


# --------------------------------------------------------------------------------------
# Intermediate results
# --------------------------------------------------------------------------------------


class _Hit(NamedTuple):
    """A row label found in the key: ``[start, end)``, and where its values begin."""

    row: object
    start: int
    end: int
    values: int


class _Place(NamedTuple):
    """A stretch ``[start, end)`` of the stream text."""

    start: int
    end: int


#: Where a value was read: a position in the stream's text, or a table cell.
Where = int | Piece
#: One way to read a row: its values and where each was read.
Reading = tuple[tuple[CellValue, ...], tuple[Where, ...]]


class _RowRead:
    """What was read for one row: one reading, several (to be decided), or none."""

    __slots__ = ("base", "kinds", "readings", "span", "status")

    def __init__(self, base: str, span: SourceSpan | None) -> None:
        self.base = base
        self.span = span
        self.readings: list[Reading] = []
        self.status = "missing"


class _Values:
    """A row's values as found between two labels: cells, or a run of text."""

    __slots__ = ("cells", "chunks", "end", "extra", "residue")

    def __init__(self) -> None:
        self.cells: list[Piece] | None = None
        self.chunks: list[Chunk] = []
        self.residue: list[_Place] = []
        self.extra: list[Piece] = []
        self.end = 0


# --------------------------------------------------------------------------------------
# The assembler
# --------------------------------------------------------------------------------------


class _Assembler:
    def __init__(self, document: Document, limits: Limits) -> None:
        self.document = document
        self.limits = limits
        self.started = time.monotonic()
        self.stream = Stream(document)
        if self.stream.n_cells > limits.max_cells:
            raise LimitExceededError(
                f"文档有 {self.stream.n_cells} 个表格单元格，超过上限 max_cells={limits.max_cells}",
                f"the document has {self.stream.n_cells} table cells, over the limit "
                f"max_cells={limits.max_cells}",
                where=document.name,
            )
        self.diagnostics: list[Finding] = []
        self.leftovers: list[Leftover] = []
        self.values: dict[str, CellValue] = {}
        self.spans: dict[str, SourceSpan] = {}
        self.texts: dict[str, str] = {}
        self.budget = Budget(_SEARCH_BUDGET)
        self.marks = _anchors.anchors(Edition.E2021)
        self._short: list[Token] | None = None
        self._heading_of: dict[int, Section] = {}
        self.wrapped, self.line_width = self._layout()

    # -- small helpers ------------------------------------------------------------------

    def _tick(self) -> None:
        if time.monotonic() - self.started > self.limits.max_seconds:
            raise LimitExceededError(
                f"读取时间超过上限 max_seconds={self.limits.max_seconds}",
                f"reading took longer than max_seconds={self.limits.max_seconds}",
                where=self.document.name,
            )

    def _diagnose(
        self,
        rule: Rule,
        pointer: str,
        zh: str,
        en: str,
        *,
        span: SourceSpan | None = None,
        actual: str | int | Decimal | None = None,
        related: Iterable[str] = (),
    ) -> None:
        self.diagnostics.append(
            Finding(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=zh,
                message_en=en,
                location=Location(pointer=pointer, span=span),
                related=tuple(Location(pointer=p) for p in related),
                actual=actual,
            )
        )

    def _leftover(self, start: int, end: int, reason: str) -> bool:
        """Keep ``[start, end)`` aside (per token); whether it held any text."""
        kept = False
        for piece in self.stream.pieces(start, end):
            text = self.stream.text[piece.lo : piece.hi]
            if not text.strip():
                continue
            span = (
                piece.token.span
                if piece.token.kind == CELL
                else self.stream.span_of(piece.lo, piece.hi)
            )
            self.leftovers.append(Leftover(text=text.strip(), span=span, reason=reason))
            kept = True
        return kept

    def _layout(self) -> tuple[bool, int]:
        """Whether the text's lines are wrapped (PDF text), and its full line width."""
        widths: list[int] = []
        endings: list[bool] = []
        for token in self.stream.tokens:
            if token.kind != TEXT:
                continue
            for line in token.text.split("\n"):
                core = line.strip()
                if core:
                    widths.append(_width(core))
                    endings.append(core[-1] in _TERMINAL)
        if len(widths) < 8:
            return False, 0
        ordered = sorted(widths)
        full = ordered[int(len(ordered) * 0.8)]
        if full < 20:
            return False, full
        open_full = sum(
            1 for w, ends in zip(widths, endings, strict=True) if w >= 0.85 * full and not ends
        )
        return open_full >= max(3, len(widths) // 4), full

    # -- the run ------------------------------------------------------------------------

    def run(self) -> ParseResult:
        stream = self.stream
        self._front_end_notes()
        for block in stream.furniture:
            self.leftovers.append(
                Leftover(text=block.text.strip(), span=block.span, reason="page number")
            )
        headings = self._headings()
        self._tick()
        first = min((h.start for h in headings.values()), default=len(stream.text))
        title, title_place, chrome_end = self._title(first)
        agency_name, year = self._agency_and_year(title, first)
        edition = self._edition(headings, year)
        marks = _anchors.anchors(edition)
        self.marks = marks
        self._tick()

        table3 = self._table3(headings, marks, edition)
        if table3 is None:
            self._refuse()
        self._tick()
        table2 = self._table2(headings, marks, edition, table3)
        table4 = self._table4(headings, marks, table3)
        self._tick()

        tables: dict[Section, _Place] = {Section.APPLICATIONS: table3}
        if table2 is not None:
            tables[Section.PROACTIVE] = table2
        if table4 is not None:
            tables[Section.APPEALS] = table4
        self._prose(headings, tables, title_place, chrome_end, first)
        self._missing_sections(headings, tables)

        proactive, applications, appeals = self._sections(edition)
        level = level_of(agency_name) if agency_name else None
        report = AnnualReport(
            edition=edition,
            year=year or 0,
            agency=Agency(name=agency_name or "", level=level),
            title=title,
            preface=self.texts.get("/preface", ""),
            overview=self.texts.get("/overview", ""),
            proactive=proactive,
            applications=applications,
            appeals=appeals,
            problems=self.texts.get("/problems", ""),
            other_matters=self.texts.get("/other_matters", ""),
            source=self._source(headings, edition),
        )
        return ParseResult(
            report=report,
            diagnostics=tuple(self.diagnostics),
            leftovers=tuple(self.leftovers),
            format=self.document.format,
        )

    # -- front-end notes ----------------------------------------------------------------

    def _front_end_notes(self) -> None:
        known = {r.code: r for r in (rules.encoding_guessed, rules.table_split_joined)}
        for code, zh, en in self.document.notes:
            rule = known.get(code)
            if rule is None:
                self._diagnose(rules.reader_note, "", f"[{code}] {zh}", f"[{code}] {en}")
            else:
                self._diagnose(rule, "", zh, en)

    # -- sections -----------------------------------------------------------------------

    def _headings(self) -> dict[Section, _Place]:
        stream = self.stream
        patterns = _anchors.anchors(Edition.E2021).headings
        found: dict[Section, _Place] = {}
        position = 0
        for section in Section:
            hit = self._find_heading(patterns[section], position)
            if hit is None:
                hit = self._unnumbered_heading(section, position)
            if hit is None:
                continue
            found[section] = hit
            position = stream.key_index(hit.end)
        return found

    def _find_heading(self, pattern: re.Pattern[str], position: int) -> _Place | None:
        stream, key, text = self.stream, self.stream.key, self.stream.text
        for match in pattern.finditer(key, position):
            start = stream.position(match.start())
            before = text[start - 1] if start > 0 else "\n"
            if before in _NOT_BEFORE_HEADING:
                continue  # "包括：一、总体情况；二、…" lists the sections, it does not start one
            return _Place(start, stream.end_position(match.end()))
        return None

    def _unnumbered_heading(self, section: Section, position: int) -> _Place | None:
        start = self.stream.position(position)
        for token in self._short_lines():
            if token.start >= start and self._heading_of.get(token.start) is section:
                return _Place(token.start, token.end)
        return None

    def _short_lines(self) -> list[Token]:
        """Text tokens short enough to be a heading on their own (computed once)."""
        if self._short is None:
            table = _anchors.anchors(Edition.E2021).unnumbered
            self._short = []
            for token in self.stream.tokens:
                if token.kind == TEXT and 0 < len(token.text) <= 40:
                    section = table.get(fold_key(token.text))
                    if section is not None:
                        self._short.append(token)
                        self._heading_of[token.start] = section
        return self._short

    # -- title, organ, year -------------------------------------------------------------

    def _title(self, first: int) -> tuple[str, _Place | None, int]:
        """The title, where it is, and where the text before it (chrome) ends."""
        stream, text = self.stream, self.stream.text
        chrome_end = 0
        for token in stream.tokens:
            if token.start >= first:
                break
            if token.kind == TEXT and BODY_MARKER.match(token.text):
                chrome_end = token.end
        candidates = [m for m in find_titles(text, chrome_end, first) if m.standalone]
        if not candidates:
            document_title = self.document.title
            return (document_title or "").strip(), None, chrome_end
        match = candidates[-1]
        start, end = match.start, match.end
        # A title printed over two lines: the organ alone on the line before the year.
        holder = stream.token_at(start)
        if holder is not None and holder.start == start:
            index = stream.tokens.index(holder)
            if index > 0:
                previous = stream.tokens[index - 1]
                core = previous.text.strip()
                if (
                    previous.kind == TEXT
                    and previous.start >= chrome_end
                    and core
                    and _width(core) <= 40
                    and split_title(text[start:end])[0] is None
                    and not any(ch in _TERMINAL or ch in "，,:：" for ch in core)
                ):
                    start = previous.start + previous.text.index(core[0])
        title = re.sub(r"\s*\n\s*", "", text[start:end]).strip()
        return title, _Place(start, end), start

    def _agency_and_year(self, title: str, first: int) -> tuple[str | None, int | None]:
        agency, year = split_title(title) if title else (None, None)
        if (agency is None or year is None) and self.document.title:
            other_agency, other_year = split_title(self.document.title)
            agency = agency or other_agency
            year = year or other_year
        if agency is None:
            for token in self.stream.tokens:
                if token.start >= first:
                    break
                match = _CRAWLER_AGENCY.match(token.text) if token.kind == TEXT else None
                if match:
                    agency = match.group("value")
                    break
        from_text = False
        if year is None:
            year = year_in(self.stream.text)
            from_text = year is not None
        if agency is None:
            self._diagnose(
                rules.agency_or_year_not_found,
                "/agency/name",
                "标题中未找到报告机关名称，机关名称留空",
                "the title does not name the organ; the name is left empty",
            )
        if year is None or from_text:
            self._diagnose(
                rules.agency_or_year_not_found,
                "/year",
                f"标题中未找到报告年度，取正文中首次出现的年份 {year}"
                if from_text
                else "标题和正文中都未找到报告年度，年度记为 0",
                f"the title gives no year; the first year in the text, {year}, was taken"
                if from_text
                else "no report year in the title or the text; the year is set to 0",
                actual=year,
            )
        return agency, year

    # -- edition ------------------------------------------------------------------------

    def _edition(self, headings: dict[Section, _Place], year: int | None) -> Edition:
        stream, key = self.stream, self.stream.key
        lo, hi = 0, len(key)
        if Section.PROACTIVE in headings:
            start, stop = self._window(headings, Section.PROACTIVE, 0)
            lo, hi = stream.key_index(start), stream.key_index(stop)
        counts = {
            edition: len(set(pattern.findall(key, lo, hi)))
            for edition, pattern in _anchors.signatures().items()
        }
        split = _anchors.split_other_handling().search(key) is not None
        c19, c21 = counts[Edition.E2019], counts[Edition.E2021]
        if c19 and c21:
            edition = Edition.E2019 if c19 > c21 else Edition.E2021
            if c19 == c21:
                edition = Edition.E2021 if split else (Edition.for_year(year or 0) or edition)
            self._diagnose(
                rules.edition_signatures_conflict,
                "/edition",
                f"同时出现 2019 版（{c19} 处）和 2021 版（{c21} 处）的特征标签，"
                f"按 {edition.value} 版读取",
                f"signature labels of both editions appear (2019: {c19}, 2021: {c21}); "
                f"read as the {edition.value} edition",
                actual=edition.value,
            )
            return edition
        if c19 or c21:
            return Edition.E2019 if c19 else Edition.E2021
        if split:
            edition = Edition.E2021
            how_zh, how_en = (
                "表三“（六）其他处理”分三行",
                "table 三 splits （六）其他处理 into three rows",
            )
        elif year is not None and Edition.for_year(year) is not None:
            edition = Edition.for_year(year) or Edition.E2021
            how_zh, how_en = f"报告年度 {year}", f"the report year {year}"
        else:
            edition = Edition.E2019
            how_zh, how_en = (
                "表三“（六）其他处理”为一行",
                "table 三 prints （六）其他处理 as one row",
            )
        self._diagnose(
            rules.edition_signatures_missing,
            "/edition",
            f"未找到表二的版本特征标签；依据{how_zh}按 {edition.value} 版读取",
            f"no signature label of table 二; read as the {edition.value} edition from {how_en}",
            actual=edition.value,
        )
        return edition

    # -- locating rows ------------------------------------------------------------------

    def _locate(
        self, patterns: Sequence[tuple[object, re.Pattern[str]]], lo: int, hi: int
    ) -> list[_Hit | None]:
        """Each row's label in ``key[lo:hi]``, in template order (others ``None``).

        Rows follow one another, so each is first looked for after the one before. Only
        when that leaves rows unfound is every row looked for on its own, the longest run
        of them in template order kept, and the rest looked for between their neighbours.
        """
        key = self.stream.key
        position = lo
        quick: list[_Hit | None] = []
        for row, pattern in patterns:
            match = pattern.search(key, position, hi)
            if match is None:
                break
            hit = self._hit(row, match, hi)
            quick.append(hit)
            position = hit.values
        if len(quick) == len(patterns):
            return quick
        first: list[_Hit | None] = []
        for row, pattern in patterns:
            match = pattern.search(key, lo, hi)
            first.append(None if match is None else self._hit(row, match, hi))
        keep = _increasing(first)
        hits: list[_Hit | None] = [h if i in keep else None for i, h in enumerate(first)]
        # Rows found out of place: look again between their neighbours.
        for i, (row, pattern) in enumerate(patterns):
            if hits[i] is not None:
                continue
            left = max((h.values for h in hits[:i] if h is not None), default=lo)
            right = min((h.start for h in hits[i + 1 :] if h is not None), default=hi)
            match = pattern.search(key, left, right)
            if match is not None:
                hits[i] = self._hit(row, match, right)
        return hits

    def _hit(self, row: object, match: re.Match[str], hi: int) -> _Hit:
        note = ANNOTATION.match(self.stream.key, match.end(), hi)
        return _Hit(row, match.start(), match.end(), note.end() if note else match.end())

    def _slices(self, hits: Sequence[_Hit | None], hi: int) -> list[tuple[_Hit, int, int]]:
        """For each hit, the text stretch of its values: up to the next hit (or ``hi``)."""
        present = [h for h in hits if h is not None]
        stream = self.stream
        out = []
        text = stream.text
        for i, hit in enumerate(present):
            stop = stream.position(present[i + 1].start if i + 1 < len(present) else hi)
            start = stream.end_position(hit.values)
            # A closing quote of the label (dropped from keys) is still the label.
            while start < stop and text[start] in QUOTES:
                start += 1
            out.append((hit, start, stop))
        return out

    def _values(self, start: int, stop: int, count: int, *, last: bool) -> _Values:
        """The values in ``[start, stop)``: the first ``count`` cells, or a run of numbers."""
        stream = self.stream
        found = _Values()
        pieces = list(stream.pieces(start, stop))
        cells = [p for p in pieces if p.token.kind == CELL and p.whole]
        if cells:
            taken = 0
            while taken < min(count, len(cells)) and not self._is_label(cells[taken].token.text):
                taken += 1
            runs = self._cell_runs(pieces, cells[:taken]) if taken < count else []
            if len(runs) > taken:
                # Fewer cells than columns, but more numbers: a reader put several values
                # in one cell. Read them as a run.
                found.chunks = runs
                found.end = runs[-1].offset + len(runs[-1].text)
                found.extra = [p for p in cells[taken:] if p.token.text.strip()]
                return found
            found.cells = cells[:taken]
            found.end = found.cells[-1].hi if found.cells else start
            found.extra = [p for p in cells[taken:] if p.token.text.strip()]
            for piece in pieces:
                if piece.token.kind == CELL and piece.whole:
                    continue
                if stream.text[piece.lo : piece.hi].strip():
                    found.residue.append(_Place(piece.lo, piece.hi))
            if found.extra and not last:
                found.end = found.extra[-1].hi
            return found
        text = fold_width(stream.text[start:stop])
        end = _VALUE_PREFIX.match(text).end()  # type: ignore[union-attr]
        rest = text[end:]
        parts = chunks(text[:end], start)
        if (
            parts
            and rest
            and not rest[0].isspace()
            and not text[end - 1 : end].isspace()
            and rest.startswith(_PROSE_NUMBER)
        ):
            # "…0 0 2020年，…": the last number belongs to the prose after the table.
            moved = parts.pop()
            end = moved.offset - start
        found.chunks = parts
        found.end = parts[-1].offset + len(parts[-1].text) if parts else start
        if stream.text[start + end : stop].strip():
            found.residue.append(_Place(start + end, stop))
        return found

    def _cell_runs(self, pieces: Sequence[Piece], cells: Sequence[Piece]) -> list[Chunk]:
        """The numbers in ``cells`` (and in text between them), as chunks of a run."""
        if not cells:
            return []
        out: list[Chunk] = []
        last = cells[-1].hi
        for piece in pieces:
            if piece.lo >= last:
                break
            text = fold_width(self.stream.text[piece.lo : piece.hi])
            if _NUMERIC.fullmatch(text):
                out.extend(chunks(text, piece.lo))
        return out

    def _is_label(self, text: str) -> bool:
        """Whether a cell holds a table label (a stub or header), not a value."""
        if _NUMERIC.fullmatch(fold_width(text)) or is_blank_marker(text):
            return False
        return absorbable(fold_key(text), self.marks)

    def _absorb(self, places: Iterable[_Place], marks: Anchors, pointer: str) -> None:
        """Residue inside a table: labels are structure; anything else is kept aside."""
        for place in places:
            segment = self.stream.text[place.start : place.end]
            if absorbable(fold_key(segment), marks):
                continue
            if self._leftover(place.start, place.end, "not a row of the template"):
                self._diagnose(
                    rules.unplaced_table_text,
                    pointer,
                    f"表格中有无法对应格式模板的内容，已保留为未归类内容：{segment.strip()[:40]}",
                    f"text in the table matches no row of the template; kept as a leftover: "
                    f"{segment.strip()[:40]}",
                    span=self.stream.span_of(place.start, place.end),
                    actual=segment.strip()[:200],
                )

    # -- reading values -----------------------------------------------------------------

    def _read_direct(
        self,
        base: str,
        columns: Sequence[str],
        kinds: Sequence[Kind],
        items: Sequence[tuple[str, int | Piece]],
        unit: MoneyUnit | None,
    ) -> Reading:
        """Cells whose boundaries are known: each read on its own."""
        values: list[CellValue] = []
        wheres: list[Where] = []
        for column, kind, (text, where) in zip(columns, kinds, items, strict=True):
            value, problem = read_cell(text, kind, unit)
            pointer = f"{base}/{column}"
            span = self._span(where) if problem else None
            if problem == "blank":
                self._diagnose(
                    rules.blank_marker_cell,
                    pointer,
                    f"单元格印为“{text.strip()}”，按空白读取（不是 0）"
                    if text.strip()
                    else "单元格为空白，按空白读取（不是 0）",
                    f"the cell is printed as {text.strip()!r}; read as blank, not 0",
                    span=span,
                    actual=text.strip(),
                )
            elif problem == "unreadable":
                self._diagnose(
                    rules.unreadable_cell,
                    pointer,
                    f"单元格内容“{text.strip()[:40]}”无法识别为数值，按空白处理",
                    f"the cell {text.strip()[:40]!r} is not a number of this column; read as blank",
                    span=span,
                    actual=text.strip()[:200],
                )
            values.append(value)
            wheres.append(where)
        return tuple(values), tuple(wheres)

    def _span(self, where: Where) -> SourceSpan | None:
        return where.token.span if isinstance(where, Piece) else self.stream.span_at(where)

    def _read_cut(
        self,
        run: Run,
        cut: Sequence[tuple[int, int]],
        kinds: Sequence[Kind],
        unit: MoneyUnit | None,
    ) -> Reading:
        values: list[CellValue] = []
        wheres: list[Where] = []
        for (a, b), kind in zip(cut, kinds, strict=True):
            value, _ = read_cell(run.text[a:b], kind, unit)
            values.append(value)
            wheres.append(run.offset(a))
        return tuple(values), tuple(wheres)

    def _read_row(
        self,
        base: str,
        columns: Sequence[str],
        kinds: Sequence[Kind],
        found: _Values,
        *,
        groups: int = 0,
        parts: int = 0,
        unit: MoneyUnit | None = None,
        label_span: SourceSpan | None = None,
    ) -> _RowRead:
        """Read one row's values; ``groups``/``parts`` give its sums, if any."""
        read = _RowRead(base, label_span)
        count = len(columns)
        if found.cells is not None:
            cells = found.cells
            if len(cells) < count:
                self._row_unreadable(
                    base,
                    f"只有 {len(cells)} 个单元格，应为 {count} 个",
                    f"{len(cells)} cells where {count} are printed",
                    label_span,
                )
                read.status = "unreadable"
                return read
            items: list[tuple[str, int | Piece]] = [(p.token.text, p) for p in cells]
            read.readings = [self._read_direct(base, columns, kinds, items, unit)]
            read.status = "read"
            return read
        parts_ = found.chunks
        if not parts_:
            self._row_unreadable(base, "没有数值", "no values", label_span)
            read.status = "unreadable"
            return read
        if len(parts_) == count:
            items = [(c.text, c.offset) for c in parts_]
            read.readings = [self._read_direct(base, columns, kinds, items, unit)]
            read.status = "read"
            return read
        if len(parts_) > count:
            self._row_unreadable(
                base,
                f"有 {len(parts_)} 个数值，应为 {count} 个",
                f"{len(parts_)} values where {count} cells are printed",
                label_span,
            )
            read.status = "unreadable"
            return read
        # Fewer chunks than cells: numbers run together.
        if sum(len(c.text) for c in parts_) > count * 24 or any(
            is_blank_marker(c.text) for c in parts_
        ):
            self._ambiguous(base, columns, "无法拆分", "cannot be split", label_span, parts_)
            read.status = "ambiguous"
            return read
        run = Run(parts_)
        try:
            # With identities to test, all that matters first is whether one reading exists.
            every = compositions(run, kinds, limit=1 if groups else _READINGS, budget=self.budget)
            if every is not None and len(every) == 1:
                read.readings = [self._read_cut(run, every[0], kinds, unit)]
                read.status = "read"
                return read
            if groups and every != []:
                fitting = sum_readings(
                    run, groups=groups, parts=parts, limit=_READINGS, budget=self.budget
                )
            else:
                fitting = every
        except BudgetExhaustedError:
            fitting = None
        if fitting is None or not fitting:
            why_zh = "没有一种拆分符合勾稽关系" if fitting == [] and groups else "拆分方式过多"
            why_en = (
                "no reading fits the identities"
                if fitting == [] and groups
                else "too many readings"
            )
            if fitting == [] and not groups:
                why_zh, why_en = "没有一种拆分符合各列的数值格式", "no reading fits the columns"
            self._ambiguous(base, columns, why_zh, why_en, label_span, parts_)
            read.status = "ambiguous"
            return read
        read.readings = [self._read_cut(run, cut, kinds, unit) for cut in fitting]
        if len(read.readings) == 1:
            read.status = "row_total"
            self._diagnose(
                rules.digit_run_split,
                base,
                f"数字串“{run.text}”依据本行总计等于各列之和拆分为：{_show(read.readings[0][0])}",
                f"the run {run.text!r} was split by the row's total into "
                f"{_show(read.readings[0][0])}",
                span=label_span,
                actual=run.text,
            )
        else:
            read.status = "candidates"
        return read

    def _row_unreadable(self, base: str, zh: str, en: str, span: SourceSpan | None) -> None:
        self._diagnose(
            rules.unreadable_cell,
            base,
            f"此行{zh}，各单元格按空白处理",
            f"this row has {en}; its cells are read as blank",
            span=span,
        )

    def _ambiguous(
        self,
        base: str,
        columns: Sequence[str],
        zh: str,
        en: str,
        span: SourceSpan | None,
        parts: Sequence[Chunk],
    ) -> None:
        text = " ".join(c.text for c in parts)
        self._diagnose(
            rules.digit_run_ambiguous,
            base,
            f"数字串“{text}”{zh}，此行单元格留空，不作猜测",
            f"the run {text!r}: {en}; the row's cells are left blank, not guessed",
            span=span,
            actual=text,
            related=(f"{base}/{c}" for c in columns),
        )

    def _place(self, base: str, columns: Sequence[str], reading: Reading) -> None:
        for column, value, where in zip(columns, reading[0], reading[1], strict=True):
            pointer = f"{base}/{column}"
            self.values[pointer] = value
            span = self._span(where)
            if span is not None:
                self.spans[pointer] = span

    # -- table 三 -----------------------------------------------------------------------

    def _window(
        self, headings: dict[Section, _Place], section: Section, fallback: int
    ) -> tuple[int, int]:
        """Text positions: from the end of ``section``'s heading (or ``fallback``) to the
        start of the next heading found after it."""
        start = headings[section].end if section in headings else fallback
        order = _SECTIONS.index(section)
        later = [
            h.start for s, h in headings.items() if _SECTIONS.index(s) > order and h.start >= start
        ]
        return start, min(later, default=len(self.stream.text))

    def _table3(
        self, headings: dict[Section, _Place], marks: Anchors, edition: Edition
    ) -> _Place | None:
        stream, key = self.stream, self.stream.key
        fallback = headings[Section.PROACTIVE].end if Section.PROACTIVE in headings else 0
        start, stop = self._window(headings, Section.APPLICATIONS, fallback)
        lo, hi = stream.key_index(start), stream.key_index(stop)
        opening = marks.table3_start.search(key, lo, hi)
        if opening is not None:
            lo = opening.start()
        hits = self._locate(marks.application_rows, lo, hi)
        present = [h for h in hits if h is not None]
        if len(present) < 3:
            return None
        table_start = (
            stream.position(opening.start())
            if opening
            else self._backwards(present[0].start, lo, marks)
        )
        # The header between the table's start and its first row is structure.
        self._absorb(
            [_Place(table_start, stream.position(present[0].start))], marks, "/applications"
        )
        reads: dict[ApplicationRow, _RowRead] = {}
        columns = [a.value for a in _APPLICANTS]
        kinds = [Kind.COUNT] * 7
        slices = self._slices(hits, hi)
        end = table_start
        for index, (hit, a, b) in enumerate(slices):
            row = hit.row
            assert isinstance(row, ApplicationRow)
            base = f"/applications/{row.value}"
            last = index == len(slices) - 1
            found = self._values(a, b, 7, last=last)
            label_span = stream.span_of(stream.position(hit.start), stream.end_position(hit.end))
            reads[row] = self._read_row(
                base, columns, kinds, found, groups=1, parts=6, label_span=label_span
            )
            end = max(end, found.end)
            self._extra_cells(found, base, marks)
            if not last:
                self._absorb(found.residue, marks, base)
            else:
                end = self._table_tail(found, marks, end)
        for row in ApplicationRow.for_edition(edition):
            if row not in reads:
                self._row_missing(f"/applications/{row.value}", row.label(edition))
        self._decide_by_columns(reads, edition)
        for read in reads.values():
            if len(read.readings) == 1:
                self._place(read.base, columns, read.readings[0])
            else:
                self._row_span(read.base, columns, read.span)
        return _Place(table_start, end)

    def _row_span(self, base: str, columns: Sequence[str], span: SourceSpan | None) -> None:
        """Cells left blank still point into the document: at their row."""
        if span is not None:
            for column in columns:
                self.spans.setdefault(f"{base}/{column}", span)

    def _extra_cells(self, found: _Values, base: str, marks: Anchors) -> None:
        if found.extra:
            self._absorb([_Place(p.lo, p.hi) for p in found.extra], marks, base)

    def _table_tail(self, found: _Values, marks: Anchors, end: int) -> int:
        """After a table's last row: labels are still the table; prose starts after."""
        for place in found.residue:
            segment = self.stream.text[place.start : place.end]
            if absorbable(fold_key(segment), marks):
                end = max(end, place.end)
            else:
                break
        return end

    def _backwards(self, first_row: int, lo: int, marks: Anchors) -> int:
        """Where a table's header begins: labels right before its first row."""
        key, stream = self.stream.key, self.stream
        start = first_row
        matches = list(marks.structural.finditer(key, lo, first_row))
        for match in reversed(matches):
            gap = key[match.end() : start]
            if gap and not absorbable(gap, marks):
                break
            start = match.start()
        return stream.position(start)

    def _row_missing(self, base: str, label: str) -> None:
        self._diagnose(
            rules.row_not_found,
            base,
            f"未找到“{label}”行，该行单元格为空",
            f"the row {label!r} was not found; its cells are blank",
        )

    def _decide_by_columns(self, reads: dict[ApplicationRow, _RowRead], edition: Edition) -> None:
        """Rows whose total allows several readings: try the column identities (T3-A/B)."""
        open_rows = [r for r, read in reads.items() if read.status == "candidates"]
        if not open_rows:
            return
        fixed: dict[ApplicationRow, tuple[CellValue, ...]] = {
            r: read.readings[0][0] for r, read in reads.items() if len(read.readings) == 1
        }
        outcome_rows = [r for r in ApplicationRow.for_edition(edition) if r.is_outcome]
        balance = (
            ApplicationRow.NEW_RECEIVED,
            ApplicationRow.CARRIED_OVER,
            ApplicationRow.TOTAL_HANDLED,
            ApplicationRow.CARRIED_FORWARD,
        )
        involved_total = any(
            r in outcome_rows or r is ApplicationRow.TOTAL_HANDLED for r in open_rows
        )
        involved_balance = any(r in balance for r in open_rows)
        options = [reads[r].readings for r in open_rows]
        combinations = 1
        for option in options:
            combinations *= len(option)
        chosen: dict[ApplicationRow, set[int]] = {r: set() for r in open_rows}
        if combinations <= _COMBINATIONS:
            for pick in product(*(range(len(o)) for o in options)):
                table = dict(fixed)
                for row, i in zip(open_rows, pick, strict=True):
                    table[row] = reads[row].readings[i][0]
                if involved_total and not _outcomes_add_up(table, outcome_rows):
                    continue
                if involved_balance and not _balances(table, balance):
                    continue
                for row, i in zip(open_rows, pick, strict=True):
                    chosen[row].add(i)
        for row in open_rows:
            read = reads[row]
            picks = chosen[row]
            columns = [a.value for a in _APPLICANTS]
            if len(picks) == 1:
                (i,) = picks
                read.readings = [read.readings[i]]
                read.status = "columns"
                self._diagnose(
                    rules.digit_run_split,
                    read.base,
                    f"此行数字串可按本行总计拆分为 {len(options[open_rows.index(row)])} 种方式，"
                    f"依据各列勾稽关系确定为：{_show(read.readings[0][0])}",
                    f"the row's total allows {len(options[open_rows.index(row)])} readings; the "
                    f"column identities of table 三 leave one: {_show(read.readings[0][0])}",
                    span=read.span,
                )
            else:
                count = len(read.readings)
                read.readings = []
                read.status = "ambiguous"
                zh = "各列勾稽关系仍不能确定唯一拆分" if picks else "没有一种拆分符合各列勾稽关系"
                en = (
                    "the column identities leave several"
                    if picks
                    else "none fits the column identities"
                )
                self._diagnose(
                    rules.digit_run_ambiguous,
                    read.base,
                    f"此行数字串可按本行总计拆分为 {count} 种方式，{zh}；此行单元格留空，不作猜测",
                    f"the row's total allows {count} readings and {en}; the row's cells are "
                    "left blank, not guessed",
                    span=read.span,
                    related=(f"{read.base}/{c}" for c in columns),
                )

    # -- table 二 -----------------------------------------------------------------------

    def _table2(
        self, headings: dict[Section, _Place], marks: Anchors, edition: Edition, table3: _Place
    ) -> _Place | None:
        stream, key = self.stream, self.stream.key
        fallback = headings[Section.OVERVIEW].end if Section.OVERVIEW in headings else 0
        start, stop = self._window(headings, Section.PROACTIVE, fallback)
        stop = min(stop, table3.start) if table3.start >= start else stop
        lo, hi = stream.key_index(start), stream.key_index(stop)
        caption = marks.captions.search(key, lo, hi)
        if caption is None and Section.PROACTIVE not in headings:
            return None
        if caption is not None:
            lo = caption.start()
        hits = self._locate(marks.proactive_rows, lo, hi)
        present = [h for h in hits if h is not None]
        if not present:
            return None
        table_start = (
            stream.position(caption.start())
            if caption
            else self._backwards(present[0].start, lo, marks)
        )
        self._absorb([_Place(table_start, stream.position(present[0].start))], marks, "/proactive")
        slices = self._slices(hits, hi)
        end = table_start
        found_rows: set[ProactiveRow] = set()
        for index, (hit, a, b) in enumerate(slices):
            row = hit.row
            assert isinstance(row, ProactiveRow)
            found_rows.add(row)
            base = f"/proactive/{row.value}"
            columns = row.columns(edition)
            kinds = [_kind(c) for c in columns]
            unit = MoneyUnit.TEN_THOUSAND_YUAN if edition is Edition.E2021 else None
            last = index == len(slices) - 1
            found = self._values(a, b, len(columns), last=last)
            label_span = stream.span_of(stream.position(hit.start), stream.end_position(hit.end))
            names = [c.value for c in columns]
            read = self._read_proactive(base, names, kinds, found, unit, label_span)
            if read is not None:
                self._place(base, names, read)
            else:
                self._row_span(base, names, label_span)
            end = max(end, found.end)
            self._extra_cells(found, base, marks)
            if not last:
                self._absorb(found.residue, marks, base)
            else:
                end = self._table_tail(found, marks, end)
        for row in ProactiveRow.for_edition(edition):
            if row not in found_rows:
                self._row_missing(f"/proactive/{row.value}", row.label(edition))
        return _Place(table_start, end)

    def _read_proactive(
        self,
        base: str,
        columns: Sequence[str],
        kinds: Sequence[Kind],
        found: _Values,
        unit: MoneyUnit | None,
        label_span: SourceSpan | None,
    ) -> Reading | None:
        """A row of table 二: no identities, so a run is read only where one reading exists;
        cells on which every reading agrees are read, the others left blank."""
        read = self._read_row(base, columns, kinds, found, unit=unit, label_span=label_span)
        if read.status in ("read",):
            return read.readings[0]
        if read.status != "candidates":
            return None
        readings = read.readings
        values: list[CellValue] = []
        wheres: list[Where] = []
        unsure: list[str] = []
        for i, column in enumerate(columns):
            seen = {(r[0][i], r[1][i]) for r in readings}
            if len(seen) == 1:
                value, where = next(iter(seen))
                values.append(value)
                wheres.append(where)
            else:
                # Where the run starts: the cell is somewhere in it.
                values.append(None)
                wheres.append(found.chunks[0].offset)
                unsure.append(column)
        text = " ".join(c.text for c in found.chunks)
        self._diagnose(
            rules.digit_run_ambiguous,
            base,
            f"数字串“{text}”有 {len(readings)} 种拆分方式，表二没有勾稽关系可以确定；"
            f"{len(unsure)} 个单元格留空，不作猜测",
            f"the run {text!r} has {len(readings)} readings and table 二 has no identities to "
            f"decide; {len(unsure)} cells are left blank, not guessed",
            span=label_span,
            actual=text,
            related=(f"{base}/{c}" for c in unsure),
        )
        return tuple(values), tuple(wheres)

    # -- table 四 -----------------------------------------------------------------------

    def _table4(
        self, headings: dict[Section, _Place], marks: Anchors, table3: _Place
    ) -> _Place | None:
        stream = self.stream
        start, stop = self._window(headings, Section.APPEALS, table3.end)
        start = max(start, table3.end)
        lo, hi = stream.key_index(start), stream.key_index(stop)
        header = self._appeal_header(lo, hi, marks)
        if header is None:
            return None
        head_start, head_end = header
        table_start = stream.position(head_start)
        a = stream.end_position(head_end)
        found = self._values(a, stream.position(hi), 15, last=True)
        columns = [f"{k.value}/{o.value}" for k in AppealKind for o in _OUTCOMES]
        read = self._read_row(
            "/appeals",
            columns,
            [Kind.COUNT] * 15,
            found,
            groups=3,
            parts=4,
            label_span=stream.span_of(table_start, a),
        )
        if len(read.readings) == 1:
            self._place("/appeals", columns, read.readings[0])
        else:
            self._row_span("/appeals", columns, read.span)
        if read.status == "candidates":
            self._ambiguous(
                "/appeals",
                columns,
                f"有 {len(read.readings)} 种符合各栏总计的拆分方式",
                f"{len(read.readings)} readings fit the blocks' totals",
                read.span,
                found.chunks,
            )
        end = self._table_tail(found, marks, max(found.end, a))
        return _Place(table_start, end)

    def _appeal_header(self, lo: int, hi: int, marks: Anchors) -> tuple[int, int] | None:
        """The first stretch of at least three table-四 header labels in a row."""
        key = self.stream.key
        pattern = marks.appeal_header
        for match in pattern.finditer(key, lo, hi):
            count, end = 1, match.end()
            while True:
                nxt = pattern.match(key, end, hi)
                if nxt is None:
                    break
                count, end = count + 1, nxt.end()
            if count >= 3:
                return match.start(), end
        return None

    # -- refusing -----------------------------------------------------------------------

    def _refuse(self) -> NoReturn:
        key = self.stream.key
        name = self.document.name
        # A table 三 label or a table-二 signature shows the 2019/2021 formats.
        formatted = _anchors.table3_markers().search(key) is not None or any(
            pattern.search(key) for pattern in _anchors.signatures().values()
        )
        if not formatted and _anchors.pre_2019_signals().search(key):
            raise ParseError(
                "这是 2019 年以前（依据 2008 年《条例》）格式的年度报告："
                "没有 2019/2021 版统一格式的表三，本库不读取这种报告",
                "this is a report of the pre-2019 regime (2008 Regulations): it has no table 三 of "
                "the 2019/2021 formats, and such reports are not read",
                where=name,
                reason="pre_2019",
            )
        if formatted:
            raise ParseError(
                "这是 2019/2021 版格式的报告，但没有找到表三（收到和处理政府信息公开申请情况）："
                "至少需要识别出其中 3 行",
                "a report of the 2019/2021 formats, but its table 三 (applications received and "
                "handled) was not found: at least 3 of its rows must be recognised",
                where=name,
                reason="no_applications_table",
            )
        raise ParseError(
            "不是政府信息公开工作年度报告：没有找到“收到和处理政府信息公开申请情况”表（表三）",
            "not a government information disclosure annual report: no table 三 "
            "(applications received and handled) was found",
            where=name,
            reason="not_a_report",
        )

    # -- prose --------------------------------------------------------------------------

    def _prose(
        self,
        headings: dict[Section, _Place],
        tables: dict[Section, _Place],
        title: _Place | None,
        chrome_end: int,
        first: int,
    ) -> None:
        stream = self.stream
        total = len(stream.text)
        # Every heading and table is a boundary; each prose field runs to the next one.
        bounds = sorted(
            {p.start for p in headings.values()} | {p.start for p in tables.values()} | {total}
        )

        def until(position: int) -> int:
            for bound in bounds:
                if bound >= position:
                    return bound
            return total

        # Text before the title: page chrome, set aside.
        if chrome_end > 0 and self._leftover(0, min(chrome_end, first), "outside the report"):
            self._diagnose(
                rules.unplaced_text,
                "",
                "标题前的页面导航等文字不属于报告，已保留为未归类内容",
                "text before the title (page navigation, a crawler's header) is not part of the "
                "report; kept as leftovers",
                span=stream.span_of(0, min(chrome_end, first)),
            )
        preface_start = title.end if title is not None else chrome_end
        preface_start = self._skip_chrome(preface_start, until(preface_start))
        self._text("/preface", preface_start, until(preface_start))
        end_of_text = self._trailing_chrome(total)
        for section, pointer in (
            (Section.OVERVIEW, "/overview"),
            (Section.PROBLEMS, "/problems"),
            (Section.OTHER_MATTERS, "/other_matters"),
        ):
            if section in headings:
                start = headings[section].end
                self._text(pointer, start, min(until(start), end_of_text))
        for section, name in (
            (Section.PROACTIVE, "proactive"),
            (Section.APPLICATIONS, "applications"),
            (Section.APPEALS, "appeals"),
        ):
            heading = headings.get(section)
            table = tables.get(section)
            if heading is not None:
                stop = (
                    table.start
                    if table is not None and table.start >= heading.end
                    else until(heading.end)
                )
                self._text(f"/{name}/text_before", heading.end, stop)
            if table is not None:
                self._text(f"/{name}/text_after", table.end, min(until(table.end), end_of_text))

    def _skip_chrome(self, start: int, stop: int) -> int:
        """After a portal's title: share buttons and dates, up to the report's first words."""
        text = self.stream.text
        position = start
        for match in re.finditer(r"\S+", text[start:stop]):
            if len(match.group()) > 24 or not _is_chrome(match.group()):
                break
            position = start + match.end()
        if position > start:
            self._leftover(start, position, "outside the report")
        return position

    def _trailing_chrome(self, total: int) -> int:
        """Before the end of a portal page: "附件下载", "来源：…"; where the report ends."""
        text = self.stream.text
        tail = text[max(0, total - 400) : total]
        offset = total - len(tail)
        end = total
        for match in reversed(list(re.finditer(r"\S+", tail))):
            fragment = match.group()
            if (
                len(fragment) > 40
                or not _is_chrome(fragment)
                or "\n" in text[offset + match.end() : end]
            ):
                break
            end = offset + match.start()
        if end < total and self._leftover(end, total, "outside the report"):
            self._diagnose(
                rules.unplaced_text,
                "",
                "报告末尾的页面文字（附件下载、来源等）不属于报告，已保留为未归类内容",
                "page text after the report (downloads, source line) is kept as leftovers",
                span=self.stream.span_of(end, total),
            )
        return end

    def _text(self, pointer: str, start: int, stop: int) -> None:
        if stop <= start:
            return
        stream = self.stream
        paragraphs: list[str] = []
        current: list[str] = []
        cells = False
        first_span: int | None = None
        last_span = start

        def close() -> None:
            if current:
                paragraphs.append(_join(current))
                current.clear()

        for piece in stream.pieces(start, stop):
            if piece.token.kind == CELL:
                cells = cells or bool(piece.token.text.strip())
                close()
                continue
            segment = stream.text[piece.lo : piece.hi]
            lines = segment.split("\n")
            position = piece.lo
            for line in lines:
                core = line.strip()
                if core:
                    if first_span is None:
                        first_span = position + line.index(core[0])
                    last_span = position + len(line.rstrip())
                if not core:
                    close()
                elif not self.wrapped:
                    close()
                    paragraphs.append(core)
                else:
                    if current and self._breaks(current[-1], core):
                        close()
                    current.append(core)
                position += len(line) + 1
            if not self.wrapped:
                close()
        close()
        if cells:
            self._leftover_cells(pointer, start, stop)
        text = "\n".join(p for p in paragraphs if p)
        if text:
            self.texts[pointer] = text
            if first_span is not None:
                span = stream.span_of(first_span, max(first_span + 1, last_span))
                if span is not None:
                    self.spans[pointer] = span

    def _breaks(self, previous: str, line: str) -> bool:
        """Whether a paragraph ends between two lines of wrapped (PDF) text."""
        return (
            previous[-1] in _TERMINAL
            or _width(previous) < 0.8 * self.line_width
            or bool(_ENUMERATOR.match(line))
        )

    def _leftover_cells(self, pointer: str, start: int, stop: int) -> None:
        stream = self.stream
        kept = False
        for piece in stream.pieces(start, stop):
            if piece.token.kind == CELL and piece.token.text.strip():
                self.leftovers.append(
                    Leftover(
                        text=piece.token.text.strip(),
                        span=piece.token.span,
                        reason="table outside 二, 三 and 四",
                    )
                )
                kept = True
        if kept:
            self._diagnose(
                rules.unplaced_text,
                pointer,
                "文字部分中的表格不属于表二、表三、表四，其单元格已保留为未归类内容",
                "a table inside a text section is none of tables 二, 三, 四; its cells are kept "
                "as leftovers",
                span=stream.span_of(start, stop),
            )

    def _missing_sections(
        self, headings: dict[Section, _Place], tables: dict[Section, _Place]
    ) -> None:
        for section in Section:
            if section not in headings:
                self._diagnose(
                    rules.section_not_found,
                    f"/{section.value}",
                    f"未找到“{section.label()}”标题",
                    f"the heading {section.label()!r} was not found",
                )
        for section in (Section.PROACTIVE, Section.APPEALS):
            if section not in tables:
                self._diagnose(
                    rules.section_not_found,
                    f"/{section.value}",
                    f"未找到“{section.label()}”的表格，其单元格为空",
                    f"the table of {section.label()!r} was not found; its cells are blank",
                )

    # -- the report ---------------------------------------------------------------------

    def _sections(self, edition: Edition) -> tuple[Proactive, Applications, Appeals]:
        values = self.values

        def counts(row: ApplicationRow) -> ApplicantCounts:
            return ApplicantCounts.from_values(
                _count(values.get(p)) for p in _APPLICATION_POINTERS[row]
            )

        def sub(
            prefix: str,
            member: WithheldReason | UnavailableReason | NotProcessedReason | OtherHandlingReason,
        ) -> ApplicantCounts:
            return counts(ApplicationRow(f"{prefix}/{member.value}"))

        other: ApplicantCounts | OtherHandling
        if edition is Edition.E2019:
            other = counts(ApplicationRow.OTHER_HANDLING)
        else:
            other = OtherHandling(
                **{m.value: sub("other_handling", m) for m in OtherHandlingReason}
            )
        applications = Applications(
            new_received=counts(ApplicationRow.NEW_RECEIVED),
            carried_over=counts(ApplicationRow.CARRIED_OVER),
            granted=counts(ApplicationRow.GRANTED),
            partially_granted=counts(ApplicationRow.PARTIALLY_GRANTED),
            withheld=Withheld(**{m.value: sub("withheld", m) for m in WithheldReason}),
            unavailable=Unavailable(**{m.value: sub("unavailable", m) for m in UnavailableReason}),
            not_processed=NotProcessed(
                **{m.value: sub("not_processed", m) for m in NotProcessedReason}
            ),
            other_handling=other,
            total_handled=counts(ApplicationRow.TOTAL_HANDLED),
            carried_forward=counts(ApplicationRow.CARRIED_FORWARD),
            text_before=self.texts.get("/applications/text_before", ""),
            text_after=self.texts.get("/applications/text_after", ""),
        )
        blocks = {
            kind.value: AppealCounts.from_values(
                _count(values.get(f"/appeals/{kind.value}/{o.value}")) for o in _OUTCOMES
            )
            for kind in AppealKind
        }
        appeals = Appeals(
            **blocks,
            text_before=self.texts.get("/appeals/text_before", ""),
            text_after=self.texts.get("/appeals/text_after", ""),
        )
        rows: dict[str, Any] = {
            row.value: _PROACTIVE_ROW_TYPES[edition][row](
                **{
                    c.value: values.get(f"/proactive/{row.value}/{c.value}")
                    for c in row.columns(edition)
                }
            )
            for row in ProactiveRow.for_edition(edition)
        }
        rows["text_before"] = self.texts.get("/proactive/text_before", "")
        rows["text_after"] = self.texts.get("/proactive/text_after", "")
        proactive: Proactive = (
            Proactive2019(**rows) if edition is Edition.E2019 else Proactive2021(**rows)
        )
        return proactive, applications, appeals

    def _source(self, headings: dict[Section, _Place], edition: Edition) -> Source:
        stream = self.stream
        printed = tuple(
            Heading(
                section=section,
                text=re.sub(r"\s+", "", stream.text[place.start : place.end]),
                span=stream.span_of(place.start, place.end),
            )
            for section, place in sorted(headings.items(), key=lambda kv: kv[1].start)
        )
        spans = tuple(
            PointerSpan(pointer=p, span=self.spans[p]) for p in _order(edition) if p in self.spans
        )
        return Source(
            document=self.document.name, format=self.document.format, headings=printed, spans=spans
        )


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------

_PROACTIVE_ROW_TYPES: dict[Edition, dict[ProactiveRow, type]] = {
    Edition.E2019: {
        ProactiveRow.RULES: DocumentCounts2019,
        ProactiveRow.NORMATIVE_DOCUMENTS: DocumentCounts2019,
        ProactiveRow.LICENSING: MatterCounts2019,
        ProactiveRow.OTHER_SERVICES: MatterCounts2019,
        ProactiveRow.PENALTIES: MatterCounts2019,
        ProactiveRow.COERCIVE_MEASURES: MatterCounts2019,
        ProactiveRow.FEES: FeeItemCounts2019,
        ProactiveRow.PROCUREMENT: ProcurementRow2019,
    },
    Edition.E2021: {
        ProactiveRow.RULES: DocumentCounts2021,
        ProactiveRow.NORMATIVE_DOCUMENTS: DocumentCounts2021,
        ProactiveRow.LICENSING: DecisionCount2021,
        ProactiveRow.PENALTIES: DecisionCount2021,
        ProactiveRow.COERCIVE_MEASURES: DecisionCount2021,
        ProactiveRow.FEES: FeeAmount2021,
    },
}


_APPLICATION_POINTERS = {
    row: tuple(f"/applications/{row.value}/{a.value}" for a in Applicant) for row in ApplicationRow
}


@cache
def _order(edition: Edition) -> tuple[str, ...]:
    """Pointers of placed values in document order (title, texts, cells)."""
    cells = tuple(ref.pointer for ref in cell_refs(edition))
    return (*TEXT_POINTERS[:3], *cells, *TEXT_POINTERS[3:])


def _count(value: CellValue) -> int | None:
    """A table-三/四 cell (never money)."""
    return value if isinstance(value, int) else None


def _kind(column: ProactiveColumn) -> Kind:
    if column is ProactiveColumn.AMOUNT:
        return Kind.MONEY
    if column is ProactiveColumn.CHANGE:
        return Kind.SIGNED
    return Kind.COUNT


def _show(values: Sequence[CellValue]) -> str:
    return ", ".join("—" if v is None else str(v) for v in values)


def _join(lines: Sequence[str]) -> str:
    """Wrapped lines of one paragraph, joined (a space only between two Latin words)."""
    out = lines[0]
    for line in lines[1:]:
        if out[-1:].isascii() and out[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum():
            out += " "
        out += line
    return out


def _increasing(hits: Sequence[_Hit | None]) -> set[int]:
    """Indexes of the longest run of hits in template order whose positions increase."""
    items = [(i, h) for i, h in enumerate(hits) if h is not None]
    best: list[list[int]] = []
    for j, (_, hit) in enumerate(items):
        chain = [j]
        for k in range(j):
            if items[k][1].values <= hit.start and len(best[k]) + 1 > len(chain):
                chain = [*best[k], j]
        best.append(chain)
    longest = max(best, key=len, default=[])
    return {items[j][0] for j in longest}


def _sum(values: Iterable[CellValue]) -> int | None:
    total = 0
    for value in values:
        if not isinstance(value, int):
            return None
        total += value
    return total


def _outcomes_add_up(
    table: dict[ApplicationRow, tuple[CellValue, ...]], outcome_rows: Sequence[ApplicationRow]
) -> bool:
    totals = table.get(ApplicationRow.TOTAL_HANDLED)
    if totals is None or any(r not in table for r in outcome_rows):
        return True  # cannot be checked: no evidence either way
    for column in range(7):
        added = _sum(table[r][column] for r in outcome_rows)
        if added is not None and isinstance(totals[column], int) and added != totals[column]:
            return False
    return True


def _balances(
    table: dict[ApplicationRow, tuple[CellValue, ...]], rows: Sequence[ApplicationRow]
) -> bool:
    if any(r not in table for r in rows):
        return True
    new, over, handled, forward = (table[r] for r in rows)
    for column in range(7):
        a, b, c, d = new[column], over[column], handled[column], forward[column]
        if (
            isinstance(a, int)
            and isinstance(b, int)
            and isinstance(c, int)
            and isinstance(d, int)
            and a + b != c + d
        ):
            return False
    return True
