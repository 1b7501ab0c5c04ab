"""The assembler: one reader of the report format for every front-end.

Given a :class:`~govdisclosure.parsers.Document` (from the HTML, Word, PDF or text
front-end, or built by hand), :func:`assemble` finds the report in it:

1. **Sections** by their headings (一 … 六, in the spellings of spec §8), searched in the
   document's key (:mod:`._fold`) in order. A heading needs an ordinal and a known text,
   so the row labels of table 三 (一、本年新收…, 三、本年度办理结果, 四、结转下年度继续办理)
   are never taken for headings; a known text with another section's ordinal is read as
   the section its text names (GD917).
2. **Title, organ, year** from the text before section 一 (:mod:`._meta`); portal
   navigation and crawler headers before the title are set aside as leftovers.
3. **The edition** from signature labels: table 二's column headers decide, table 三's
   three-row （六）其他处理 and the year break ties (spec §8).
4. **Tables** (:mod:`._tables`) by their row labels, in template order, in the stretch
   of the section (:mod:`._anchors`); a row label is matched with or without its ordinal
   (``1.`` ``1．`` ``1、`` ``（1）``), its quotes and its parenthetical annotation. A row's
   values are the cells (for tables) or the numbers (for text) between its label and the
   next; numbers run together are split only where the table's identities allow exactly
   one reading (:mod:`._split`). Table 三 is read in the shape it is printed (one
   （六） row or three, whatever table 二's edition). Between rows found, a row whose
   label is misprinted, cut short or lost is placed where exactly one template row fits
   (:mod:`._gaps`); a row with fewer cells than its header where the identities leave one
   placement (:mod:`._short`). Labels of the header and the stub between rows, and their
   pieces cut by a page break, are structure; any other text inside a table is kept as a
   leftover, with one diagnostic per printed row.
5. **Prose** (:mod:`._prose`): the title, the text before 一, every section's text and the
   text before and after the tables of 二, 三, 四, paragraph by paragraph (wrapped lines
   of PDF text are joined back into paragraphs).

Every value placed carries its source position (``report.source.spans``); everything read
but not placed is a :class:`~govdisclosure.parsers.Leftover`; everything noticed is a
``GD9xx`` diagnostic. What reading collects is held by :class:`._state.State`, which the
table reader and the prose writer extend and this module's assembler combines.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, NoReturn

from ..._limits import DEFAULT_LIMITS, Limits
from ...checks._rules import parsing as rules
from ...exceptions import ParseError
from ...model import (
    Agency,
    AgencyLevel,
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
    Layout,
    MatterCounts2019,
    PointerSpan,
    Proactive,
    Proactive2019,
    Proactive2021,
    ProactiveRow,
    ProcurementRow2019,
    Section,
    Source,
    UnreadCell,
    UnreadReason,
    cell_refs,
)
from ...model._cellmap import TEXT_POINTERS, CellValue, document_order
from ...model._report import UNREAD_FIELDS, UNREAD_TEXTS
from ...model._variants import CRAWLER_AGENCY_KEYS, REPORT_TITLE_SUFFIXES, YEAR_SUFFIXES
from .. import _notes
from .._document import Document
from .._patterns import BODY_MARKER
from .._result import Leftover, ParseResult
from ..frontends._records import positional
from . import _anchors
from ._fold import fold_key
from ._meta import find_titles, level_of, split_title, year_in
from ._prose import ProseWriting
from ._state import TERMINAL, Place, width
from ._stream import CELL, TEXT, Token
from ._tables import TableReading
from ._uncertain import settle_unsure

__all__ = ["assemble"]

_OUTCOMES = tuple(AppealOutcome)
#: ``PointerSpan(pointer, span)`` by position, without a keyword call.
_new_pointer_span = positional(PointerSpan)


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


#: The keys of a document's metadata the report is built from (see :class:`Document`).
_METADATA_KEYS = frozenset({"title", "agency", "agency_level", "year", "edition"})
_NOT_BEFORE_HEADING = frozenset("、，,；;：:（(《“\"'·")
_AGENCY_KEY = "|".join(re.escape(k) for k in CRAWLER_AGENCY_KEYS)
_CRAWLER_AGENCY = re.compile(rf"^\s*(?:{_AGENCY_KEY})\s*[:：]\s*(?P<value>\S.*?)\s*$")


class _Assembler(TableReading, ProseWriting):
    """Reads one document: sections, metadata, edition, tables, prose, the report."""

    # -- set-up ----------------------------------------------------------------------

    def __init__(self, document: Document, limits: Limits) -> None:
        super().__init__(document, limits)
        self._short: list[Token] | None = None
        self._heading_of: dict[int, Section] = {}

    # -- the run ---------------------------------------------------------------------

    def run(self) -> ParseResult:
        stream = self.stream
        self._front_end_notes()
        for block, why in stream.furniture:
            self.leftovers.append(Leftover(text=block.text.strip(), span=block.span, reason=why))
        stated = self._metadata()
        headings = self._headings()
        self._tick()
        first = min((h.start for h in headings.values()), default=len(stream.text))
        title, title_place, chrome_end = self._title(first, stated.get("title"))
        if title_place is not None and "title" in stated:
            self._keep_title_line(title, title_place, stated)
        agency_name, year = self._agency_and_year(title, first, stated)
        edition = self._edition(headings, year, self._stated_edition(stated))
        marks = _anchors.anchors(edition)
        self.marks = marks
        self._tick()

        table3 = self._table3(headings, marks, edition)
        if table3 is None:
            self._refuse()
        self._tick()
        table2 = self._table2(headings, marks, edition, table3)
        table4 = self._table4(headings, marks, table3)
        settle_unsure(self, edition)
        self._tick()

        tables: dict[Section, Place] = {Section.APPLICATIONS: table3}
        if table2 is not None:
            tables[Section.PROACTIVE] = table2
        if table4 is not None:
            tables[Section.APPEALS] = table4
        for section, place in sorted(tables.items(), key=lambda item: item[1].start):
            self._parts_over_pages(section, place)
        self._prose(headings, tables, title_place, chrome_end, first)
        self._missing_sections(headings, tables)
        places = {f"/{section.value}": place for section, place in tables.items()}
        if title_place is not None:
            places["/title"] = title_place
        self._unsure_figures(places)

        layout = Layout(edition, self.shape or edition)
        proactive, applications, appeals = self._sections(layout)
        level = self._level(agency_name, stated)
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
            unread=self._unread_cells(layout),
            source=self._source(headings, layout),
        )
        return ParseResult(
            report=report,
            diagnostics=tuple(self.diagnostics),
            leftovers=tuple(self.leftovers),
            format=self.document.format,
        )

    def _parts_over_pages(self, section: Section, place: Place) -> None:
        """GD913 for a table of the report read from tables of the document printed on
        different pages (a scan's parts, a PDF's parts the front-end could not join):
        the same note the PDF front-end gives a table it joined."""
        pages: dict[int, int | None] = {}  # document table → the page it starts on
        for token in self.stream.tokens_in(place.start, place.end):
            if token.kind == CELL and token.table is not None and token.table not in pages:
                pages[token.table] = token.span.page if token.span is not None else None
        on = list(dict.fromkeys(p for p in pages.values() if p is not None))
        if len(pages) < 2 or len(on) < 2:
            return
        label = f"表{section.label()[:1]}"
        where_zh = "、".join(map(str, on))
        where_en = ", ".join(map(str, on))
        self._diagnose(
            rules.table_split_joined,
            f"/{section.value}",
            f"{label}跨页印出（第 {where_zh} 页），文档中的 {len(pages)} 个表格连读为一张表",
            f"table {section.label()[:1]} runs over pages {where_en}: the document's "
            f"{len(pages)} tables there are read as one",
        )

    def _front_end_notes(self) -> None:
        # A front-end's note codes (``_notes``) name what it noticed; the ones with a
        # diagnostic of their own map to it, every other note is a GD914 reader note.
        known = {
            _notes.ENCODING_GUESSED: rules.encoding_guessed,
            _notes.ENCODING_MISMATCH: rules.encoding_guessed,
            _notes.ENCODING_UNKNOWN: rules.encoding_guessed,
            _notes.TABLE_JOINED: rules.table_split_joined,
            rules.encoding_guessed.code: rules.encoding_guessed,
            rules.table_split_joined.code: rules.table_split_joined,
        }
        for code, zh, en in self.document.notes:
            rule = known.get(code)
            if rule is None:
                self._diagnose(rules.reader_note, "", f"[{code}] {zh}", f"[{code}] {en}")
            else:
                self._diagnose(rule, "", zh, en)

    # -- what the document states about itself ---------------------------------------

    def _metadata(self) -> dict[str, str]:
        """The document's own metadata (:attr:`Document.metadata`) the report uses; the
        other pairs are kept as leftovers."""
        known: dict[str, str] = {}
        for key, value in self.document.metadata:
            name = key.strip().lower().replace("-", "_")
            if name in _METADATA_KEYS and name not in known:
                known[name] = value.strip()
            else:
                text = f"{key}: {value}" if key else value
                self.leftovers.append(Leftover(text=text, reason="document metadata not used"))
        return known

    def _metadata_note(self, key: str, value: str) -> None:
        # The note quotes the value's beginning; the whole of it is kept.
        self.leftovers.append(
            Leftover(text=f"{key}: {value}", reason="document metadata not understood")
        )
        self._diagnose(
            rules.reader_note,
            "",
            f"文档元数据 {key} 的值“{value[:40]}”无法识别，已忽略",
            f"the document's metadata {key} = {value[:40]!r} is not understood; ignored",
            actual=value[:200],
        )

    def _stated_edition(self, stated: dict[str, str]) -> Edition | None:
        value = stated.get("edition")
        if value is None:
            return None
        try:
            return Edition(value)
        except ValueError:
            self._metadata_note("edition", value)
            return None

    def _level(self, name: str | None, stated: dict[str, str]) -> AgencyLevel | None:
        value = stated.get("agency_level")
        if value is not None:
            if not value:
                return None  # the document states that no level is given
            try:
                return AgencyLevel(value)
            except ValueError:
                self._metadata_note("agency_level", value)
        return level_of(name) if name else None

    # -- sections --------------------------------------------------------------------

    def _headings(self) -> dict[Section, Place]:
        stream = self.stream
        patterns = _anchors.anchors(Edition.E2021).headings
        found: dict[Section, Place] = {}
        position = 0
        for section in Section:
            hit = self._find_heading(patterns[section], position)
            if hit is None:
                hit = self._unnumbered_heading(section, position)
            if hit is None:
                hit = self._misnumbered_heading(section, position)
            if hit is None:
                continue
            found[section] = hit
            position = stream.key_index(hit.end)
        return found

    def _find_heading(self, pattern: re.Pattern[str], position: int) -> Place | None:
        stream, key, text = self.stream, self.stream.key, self.stream.text
        for match in pattern.finditer(key, position):
            start = stream.position(match.start())
            before = text[start - 1] if start > 0 else "\n"
            if before in _NOT_BEFORE_HEADING:
                continue  # "包括：一、总体情况；二、…" lists the sections, it does not start one
            end = stream.end_position(match.end())
            if match.group("note") is not None:
                # An annotation belongs to the heading only on the heading's own line or
                # block: a paragraph after it may begin with a parenthesis.
                core_end = stream.end_position(match.start("note"))
                if stream.token_at(core_end - 1) is not stream.token_at(end - 1):
                    end = core_end
            return Place(start, end)
        return None

    def _misnumbered_heading(self, section: Section, position: int) -> Place | None:
        """A heading with the text of ``section`` and another section's ordinal (六、存在的
        问题及改进情况 for 五), read as ``section`` with a GD917 note."""
        hit = self._find_heading(_anchors.misnumbered_headings()[section], position)
        if hit is None:
            return None
        printed = re.sub(r"\s+", "", self.stream.text[hit.start : hit.end])
        label = section.label()
        self._diagnose(
            rules.heading_misnumbered,
            f"/{section.value}",
            f"标题“{printed}”的序号与格式模板不符，按其文字读作“{label}”部分",
            f"the heading {printed!r} has another section's ordinal; read by its text as {label!r}",
            span=self.stream.span_of(hit.start, hit.end),
            actual=printed,
        )
        return hit

    def _unnumbered_heading(self, section: Section, position: int) -> Place | None:
        start = self.stream.position(position)
        for token in self._short_lines():
            if token.start >= start and self._heading_of.get(token.start) is section:
                return Place(token.start, token.end)
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

    def _missing_sections(
        self, headings: dict[Section, Place], tables: dict[Section, Place]
    ) -> None:
        for section in Section:
            if section not in headings:
                self._diagnose(
                    rules.section_not_found,
                    f"/{section.value}",
                    f"未找到“{section.label()}”标题",
                    f"the heading {section.label()!r} was not found",
                )
                pointer = f"/{section.value}"
                if pointer in UNREAD_TEXTS and not self.texts.get(pointer):
                    # Its text is not known: it may be in the document under a heading the
                    # reader did not recognise, or not in the file at all (one page of a
                    # report). Unread, so no rule judges an empty section.
                    self._unread((pointer,), UnreadReason.ABSENT, rules.section_not_found)
        for section in (Section.PROACTIVE, Section.APPEALS):
            if section not in tables:
                self._diagnose(
                    rules.section_not_found,
                    f"/{section.value}",
                    f"未找到“{section.label()}”的表格，其单元格未读取",
                    f"the table of {section.label()!r} was not found; its cells are not read",
                )
                self._unread(
                    (
                        ref.pointer
                        for ref in cell_refs(self.marks.edition)
                        if ref.section is section
                    ),
                    UnreadReason.ABSENT,
                    rules.section_not_found,
                )

    # -- title, organ, year ----------------------------------------------------------

    def _title(self, first: int, stated: str | None = None) -> tuple[str, Place | None, int]:
        """The title, where it is, and where the text before it (chrome) ends.

        A title the document's metadata states is the title; the line that shows it is
        the first level-1 heading before section 一 (or, failing that, the title-like
        line found as usual).
        """
        stream, text = self.stream, self.stream.text
        chrome_end = 0
        heading: Token | None = None
        for token in stream.tokens:
            if token.start >= first:
                break
            if token.kind == TEXT and BODY_MARKER.match(token.text):
                chrome_end = token.end
            if (
                heading is None
                and token.block is not None
                and token.block.heading == 1
                and token.text.strip()
            ):
                heading = token
        if stated is not None and heading is not None and heading.start >= chrome_end:
            return stated, Place(heading.start, heading.end), heading.start
        candidates = [
            m
            for m in find_titles(text, chrome_end, first, folded=stream.folded.width_folded)
            if m.standalone
        ]
        if stated is not None:
            if not candidates:
                return stated, None, chrome_end
            match = candidates[-1]
            return stated, Place(match.start, match.end), match.start
        if not candidates:
            document_title = self.document.title
            return (document_title or "").strip(), None, chrome_end
        # The last title-like phrase before 一 — unless the container names the title (an
        # HTML <title>): then the phrase that says the same, so that a list of other
        # reports on a portal page is not taken for the title.
        match = candidates[-1]
        named = self.document.title
        if named:
            same = [m for m in candidates if fold_key(text[m.start : m.end]) in fold_key(named)]
            match = same[-1] if same else match
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
                    and width(core) <= 40
                    and split_title(text[start:end])[0] is None
                    and not any(ch in TERMINAL or ch in "，,:：" for ch in core)
                ):
                    start = previous.start + previous.text.index(core[0])
        title = re.sub(r"\s*\n\s*", "", text[start:end]).strip()
        return title, Place(start, end), start

    def _keep_title_line(self, title: str, place: Place, stated: dict[str, str]) -> None:
        """The line that shows the title, kept as a leftover when it says something else
        than the title the document states (so that none of its words is lost) — unless
        the document states no title of its own and the line is the one a writer prints
        for such a report (its organ and year, then a title's usual ending)."""
        shown = self.stream.key_of(place.start, place.end)
        if not title:
            organ, year = stated.get("agency", ""), stated.get("year", "")
            if shown in {
                fold_key(f"{organ}{year}{marker}{ending}")
                for marker in YEAR_SUFFIXES
                for ending in REPORT_TITLE_SUFFIXES
            }:
                return
        if shown != fold_key(title):
            shown_text = self.stream.text[place.start : place.end].strip()
            self.leftovers.append(
                Leftover(
                    text=shown_text,
                    span=self.stream.span_of(place.start, place.end),
                    reason="title line; the document states another title",
                )
            )

    def _agency_and_year(
        self, title: str, first: int, stated: dict[str, str] | None = None
    ) -> tuple[str | None, int | None]:
        stated = stated or {}
        agency, year = split_title(title) if title else (None, None)
        if "agency" in stated:
            agency = stated["agency"] or None
        if "year" in stated:
            value = stated["year"]
            if value.isascii() and value.isdigit() and len(value) == 4:
                year = int(value)
            else:
                self._metadata_note("year", value)
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
            self._unread(("/agency/name",), UnreadReason.ABSENT, rules.agency_or_year_not_found)
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
        if year is None:
            self._unread(("/year",), UnreadReason.ABSENT, rules.agency_or_year_not_found)
        return agency, year

    # -- edition ---------------------------------------------------------------------

    def _edition(
        self, headings: dict[Section, Place], year: int | None, stated: Edition | None = None
    ) -> Edition:
        """The edition by its signature labels (spec §8). An edition the document's
        metadata states decides where the signatures do not; where they contradict it,
        the signatures win, with a diagnostic."""
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
                edition = stated or (
                    Edition.E2021 if split else (Edition.for_year(year or 0) or edition)
                )
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
            edition = Edition.E2019 if c19 else Edition.E2021
            if stated is not None and stated is not edition:
                self._diagnose(
                    rules.edition_signatures_conflict,
                    "/edition",
                    f"文档元数据称 {stated.value} 版，但表二的特征标签属于 {edition.value} 版，"
                    f"按 {edition.value} 版读取",
                    f"the document's metadata states the {stated.value} edition, but the "
                    f"signature labels of table 二 are of the {edition.value} edition; read as "
                    f"the {edition.value} edition",
                    actual=edition.value,
                )
            return edition
        if stated is not None:
            return stated
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
            f"未找到表二的版本特征标签；依据{how_zh}，按 {edition.value} 版读取",
            f"no signature label of table 二; read as the {edition.value} edition from {how_en}",
            actual=edition.value,
        )
        return edition

    # -- refusing --------------------------------------------------------------------

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

    # -- the report ------------------------------------------------------------------

    def _sections(self, layout: Layout) -> tuple[Proactive, Applications, Appeals]:
        values = self.values
        edition, shape = layout

        def counts(pointers: tuple[str, ...]) -> ApplicantCounts:
            return ApplicantCounts.from_values([_count(values.get(p)) for p in pointers])

        applications = Applications.from_rows(
            shape,
            {row: counts(_APPLICATION_POINTERS[row]) for row in ApplicationRow.for_edition(shape)},
            text_before=self.texts.get("/applications/text_before", ""),
            text_after=self.texts.get("/applications/text_after", ""),
        )
        appeals = Appeals(
            **{
                name: AppealCounts.from_values([_count(values.get(p)) for p in pointers])
                for name, pointers in _APPEAL_POINTERS
            },
            text_before=self.texts.get("/appeals/text_before", ""),
            text_after=self.texts.get("/appeals/text_after", ""),
        )
        rows: dict[str, Any] = {
            name: row_type(**{field: values.get(pointer) for field, pointer in cells})
            for name, row_type, cells in _proactive_rows(edition)
        }
        rows["text_before"] = self.texts.get("/proactive/text_before", "")
        rows["text_after"] = self.texts.get("/proactive/text_after", "")
        proactive: Proactive = (
            Proactive2019(**rows) if edition is Edition.E2019 else Proactive2021(**rows)
        )
        return proactive, applications, appeals

    def _unread_cells(self, layout: Layout) -> tuple[UnreadCell, ...]:
        """The cells (and free-text sections) left unread, in document order (a cell a
        value was placed in after all is read)."""
        unread, values = self.unread, self.values
        order = document_order(layout)
        kept = [
            pointer
            for pointer in unread
            if pointer in order
            and (pointer in UNREAD_FIELDS or values.get(pointer) is None)
            and not (pointer in UNREAD_TEXTS and self.texts.get(pointer))
        ]
        return tuple(unread[p] for p in sorted(kept, key=order.__getitem__))

    def _source(self, headings: dict[Section, Place], layout: Layout) -> Source:
        stream = self.stream
        printed = tuple(
            Heading(
                section=section,
                text=re.sub(r"\s+", "", stream.text[place.start : place.end]),
                span=stream.span_of(place.start, place.end),
            )
            for section, place in sorted(headings.items(), key=lambda kv: kv[1].start)
        )
        placed = self.spans
        spans = []
        for pointer in _order(layout):
            span = placed.get(pointer)
            if span is not None:
                spans.append(_new_pointer_span(pointer, span))
        return Source(
            document=self.document.name,
            format=self.document.format,
            headings=printed,
            spans=tuple(spans),
        )


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


# The report's tables as the assembler builds them from the values read, by pointer:
# worked out once here (an enum's .value is a Python-level property).
_APPLICATION_POINTERS = {
    row: tuple(f"/applications/{row.value}/{a.value}" for a in Applicant) for row in ApplicationRow
}
#: Table 四's blocks: each block's field name and the pointers of its cells.
_APPEAL_POINTERS = tuple(
    (kind.value, tuple(f"/appeals/{kind.value}/{o.value}" for o in _OUTCOMES))
    for kind in AppealKind
)


@cache
def _proactive_rows(edition: Edition) -> tuple[tuple[str, type, tuple[tuple[str, str], ...]], ...]:
    """Table 二's rows in ``edition``: field name, row type, and each cell's field and
    pointer."""
    return tuple(
        (
            row.value,
            _PROACTIVE_ROW_TYPES[edition][row],
            tuple((c.value, f"/proactive/{row.value}/{c.value}") for c in row.columns(edition)),
        )
        for row in ProactiveRow.for_edition(edition)
    )


@cache
def _order(layout: Layout) -> tuple[str, ...]:
    """Pointers of placed values in document order (title, texts, cells)."""
    cells = tuple(ref.pointer for ref in cell_refs(layout))
    return (*TEXT_POINTERS[:3], *cells, *TEXT_POINTERS[3:])


def _count(value: CellValue) -> int | None:
    """A table-三/四 cell (never money)."""
    return value if isinstance(value, int) else None
