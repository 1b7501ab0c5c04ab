"""The report's words: title, preface, section texts and the prose around the tables.

Free text is kept paragraph by paragraph, each stripped, joined by ``"\\n"`` (see
``examples/README.md``). Text extracted from a PDF arrives as wrapped lines; when the
document's lines look wrapped (many full-width lines that end mid-sentence, most of them
equally wide, as justified lines are) they are joined back into paragraphs — inside a
block, and across blocks only where the source's blocks are lines (text, PDF, scans): a
web page's or a Word file's paragraph ends where it ends. Portal text
around a report (navigation, share buttons, a source line, downloads) is set aside as
leftovers, not mixed into the report's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..._limits import Limits
from ...checks._rules import parsing as rules
from ...model import Section
from ...model._variants import ORDINAL_NUMERALS, PORTAL_CHROME, PORTAL_FOOTER
from .._document import Document
from .._result import Leftover
from ._fold import fold_width
from ._state import TERMINAL, Place, State, width
from ._stream import CELL, TEXT

__all__ = ["ProseWriting"]

_NUMERAL = f"[{ORDINAL_NUMERALS}]"
_ENUMERATOR = re.compile(
    rf"^\s*(?:[（(][{ORDINAL_NUMERALS}\d]{{1,3}}[)）]|{_NUMERAL}{{1,3}}[、.．]|\d{{1,3}}[、.．](?!\d))"
)
_DATE_OR_TIME = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}:\d{2}(?::\d{2})?$")
_CHROME = tuple(fold_width(c) for c in PORTAL_CHROME)
_FOOTER = tuple(dict.fromkeys(fold_width(c) for c in (*PORTAL_CHROME, *PORTAL_FOOTER)))
#: The longest line that opens a portal's footer ("附件下载", "扫一扫在手机上查看当前页面").
_FOOTER_LINE = 40
#: The fewest footer words from that line to the end.
_FOOTER_WORDS = 2
#: The fewest equally wide open lines that show a text wrapped by a page.
_SAME_WIDTH = 5
#: Formats whose text blocks are lines, not paragraphs (see ``TextBlock``): in wrapped
#: text a paragraph goes on across their blocks. A web page's or a Word file's block is
#: a paragraph: it ends there however its lines look.
_LINE_FORMATS = frozenset({"text", "pdf", "image"})


def _is_chrome(fragment: str) -> bool:
    folded = fold_width(fragment)
    return any(c in folded for c in _CHROME) or bool(_DATE_OR_TIME.match(folded))


class ProseWriting(State):
    """Writes the free texts (a part of the assembler)."""

    def __init__(self, document: Document, limits: Limits) -> None:
        super().__init__(document, limits)
        self.wrapped, self.line_width = self._layout()
        #: Whether a paragraph of wrapped text may go on in the next block.
        self.lines_are_blocks = document.format in _LINE_FORMATS
        #: Where each free-text field was read from: ``[start, stop)`` of the stream.
        self.text_places: dict[str, Place] = {}

    # -- layout ----------------------------------------------------------------------

    def _layout(self) -> tuple[bool, int]:
        """Whether the text's lines are wrapped (PDF text), and its full line width."""
        widths: list[int] = []
        endings: list[bool] = []
        tick = self.deadline.tick
        for token in self.stream.tokens:
            tick()
            if token.kind != TEXT or (token.block is not None and token.block.heading):
                continue  # a heading the source marks is no line of running text
            if not token.text.strip():
                continue  # blank lines (a run of them is one token): nothing to measure
            for line in token.text.split("\n"):
                core = line.strip()
                if core:
                    widths.append(width(core))
                    endings.append(core[-1] in TERMINAL)
        if len(widths) < 8:
            return False, 0
        ordered = sorted(widths)
        full = ordered[int(len(ordered) * 0.8)]
        if full < 20:
            return False, full
        open_full = [
            w for w, ends in zip(widths, endings, strict=True) if w >= 0.85 * full and not ends
        ]
        if len(open_full) < max(3, len(widths) // 4):
            return False, full
        # Lines wrapped by a page are set justified: most of them are equally wide.
        # Paragraphs of any length that happen to end without a full stop are not.
        counts: dict[int, int] = {}
        for w in open_full:
            counts[w] = counts.get(w, 0) + 1
        same = max(counts.get(w - 1, 0) + n + counts.get(w + 1, 0) for w, n in counts.items())
        return same >= _SAME_WIDTH and same * 3 >= len(open_full), full

    # -- prose -----------------------------------------------------------------------

    def _prose(
        self,
        headings: dict[Section, Place],
        tables: dict[Section, Place],
        title: Place | None,
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
        last = max((p.end for p in (*headings.values(), *tables.values())), default=total)
        end_of_text = self._trailing_chrome(self._portal_footer(last, total))
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
        """After a portal's title: share buttons and dates, up to the report's first words.

        Chrome is taken a word at a time (a crawler's dump runs it into one line), or a
        whole short line at a time where a line holds a chrome word (``来源：…时间：…``
        printed without a space)."""
        text = self.stream.text
        position = start
        for match in re.finditer(r"[^\n]+", text[start:stop]):
            line = match.group()
            words = list(re.finditer(r"\S+", line))
            if not words:
                continue
            folded = fold_width(line.strip())
            if len(folded) <= _FOOTER_LINE and any(c in folded for c in _CHROME):
                position = start + match.start() + words[-1].end()
                continue
            for word in words:
                if len(word.group()) > 24 or not _is_chrome(word.group()):
                    break
                position = start + match.start() + word.end()
            break
        if position > start:
            self._leftover(start, position, "outside the report")
        return position

    def _portal_footer(self, after: int, total: int) -> int:
        """Where a portal's footer begins after the report's last section (``after``):
        the first short line holding a word of a portal's chrome or footer, when the text
        from there to the end holds at least two such words (downloads, share buttons,
        links to other sites, the site's registration, copyright, browser advice);
        ``total`` if there is none."""
        text = self.stream.text
        for match in re.finditer(r"[^\n]+", text[after:total]):
            line = fold_width(match.group().strip())
            if not line or len(line) > _FOOTER_LINE or not any(w in line for w in _FOOTER):
                continue
            start = after + match.start()
            tail = fold_width(text[start:total])
            if sum(1 for word in _FOOTER if word in tail) >= _FOOTER_WORDS:
                return start
        return total

    def _trailing_chrome(self, total: int) -> int:
        """Before the end of a portal page: "附件下载", "来源：…", a site's footer;
        where the report ends."""
        text = self.stream.text
        end_of_page = len(text)
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
        if end < end_of_page and self._leftover(end, end_of_page, "outside the report"):
            self._diagnose(
                rules.unplaced_text,
                "",
                "报告末尾的页面文字（附件下载、来源、网站页脚等）不属于报告，已保留为未归类内容",
                "page text after the report (downloads, source line, the site's footer) is "
                "kept as leftovers",
                span=self.stream.span_of(end, end_of_page),
            )
        return end

    def _text(self, pointer: str, start: int, stop: int) -> None:
        if stop <= start:
            return
        self.text_places[pointer] = Place(start, stop)
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

        tick = self.deadline.tick
        for piece in stream.pieces(start, stop):
            tick()
            if piece.token.kind == CELL:
                cells = cells or bool(piece.token.text.strip())
                close()
                continue
            segment = stream.text[piece.lo : piece.hi]
            if not segment.strip():
                close()  # blank lines end a paragraph (however many there are)
                continue
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
            if not self.wrapped or not self.lines_are_blocks:
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
            previous[-1] in TERMINAL
            or width(previous) < 0.8 * self.line_width
            or bool(_ENUMERATOR.match(line))
        )

    def _unsure_figures(self, places: dict[str, Place]) -> None:
        """GD920 for each figure of the report's text the recogniser was unsure of (its
        digits are ``□`` in the stream), at the field it stands in: ``places`` are the
        title's and the tables', :attr:`text_places` the prose fields'. A figure outside
        the report (portal chrome) is a leftover, kept as read."""
        stream = self.stream
        if not stream.unsure:
            return
        fields = sorted(
            ((place, pointer) for pointer, place in (*places.items(), *self.text_places.items())),
            key=lambda item: item[0].start,
        )
        for figure in stream.unsure:
            pointer = next(
                (p for place, p in fields if place.start <= figure.start < place.end), None
            )
            if pointer is None:
                continue
            shown = stream.text[figure.start : figure.end]
            self._diagnose(
                rules.ocr_uncertain_figure,
                pointer,
                f"文字识别对数字“{figure.text}”把握不足（置信度 {figure.confidence:.2f}），"
                f"记作“{shown}”，不据此核对",
                f"the recogniser was unsure of the figure {figure.text!r} (confidence "
                f"{figure.confidence:.2f}); it is written {shown!r} and nothing is checked "
                "against it",
                span=stream.span_at(figure.start),
                actual=figure.text,
            )

    def _leftover_cells(self, pointer: str, start: int, stop: int) -> None:
        stream = self.stream
        kept = False
        tick = self.deadline.tick
        for piece in stream.pieces(start, stop):
            tick()
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


def _join(lines: Sequence[str]) -> str:
    """Wrapped lines of one paragraph, joined (a space only between two Latin words)."""
    out = lines[0]
    for line in lines[1:]:
        if out[-1:].isascii() and out[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum():
            out += " "
        out += line
    return out
