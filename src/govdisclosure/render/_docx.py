"""The report as a Word file (.docx), laid out as agencies publish it. Standard library only.

The document: the title (style ``Title``), the text before section 一, the six section
headings, every paragraph of the report's text, and tables 二, 三 and 四 in the template's
layout — merged header cells as ``w:gridSpan`` (across) and ``w:vMerge`` (down), borders
on every cell, values right-aligned, a blank cell empty. A cell reading left unread holds
the word 未读 on a grey ground with a comment saying why (it reads back unread, never
blank); a cell or text with findings is shaded in the colour of the worst one and
carries them as a Word comment. A4 portrait, body text 仿宋 16 pt (三号) with a two-
character first-line indent, headings 黑体, the title 宋体 22 pt (二号) bold, tables 10.5
pt — GB/T 9704's habits, in fonts every Chinese Windows has.

What the body does not print — agency, level, year, edition and the title itself — is in
custom document properties named ``govdisclosure:…``, which :func:`govdisclosure.parse`
reads back (so a report reads back to the same report). The file is written with
:mod:`zipfile` from XML text: the same report always gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from html import escape

from ..checks import Finding
from ..model import AnnualReport, Section, require_report
from ._blocks import Heading, Table, Text, report_blocks, title_of
from ._layout import GridCell, TableLayout, expand
from ._words import TEMPLATE_TITLE, TEMPLATE_TITLE_NOTE, UNREAD_MARK, unread_note

__all__ = ["render_docx"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FILLS = {"error": "FFDDDD", "warning": "FFE9C2", "note": "E3F0FF"}
_HEADER_FILL = "F2F2F2"
_UNREAD_FILL = "E6E6E6"
#: The text width of an A4 page with GB/T 9704 margins (2.8 cm left, 2.6 cm right), twips.
_TEXT_WIDTH = 8844
_COLUMNS = {
    Section.PROACTIVE: (2844, 2000, 2000, 2000),
    Section.APPLICATIONS: (560, 900, 2300) + (726,) * 6 + (728,),
    Section.APPEALS: (590,) * 14 + (584,),
}
# Characters XML 1.0 cannot carry (Word cannot hold them either): shown as U+FFFD.
_NOT_XML = dict.fromkeys((*range(9), 11, 12, *range(14, 32)), "�")
_CONTENT_TYPES = {
    "/word/document.xml": "wordprocessingml.document.main",
    "/word/styles.xml": "wordprocessingml.styles",
    "/word/settings.xml": "wordprocessingml.settings",
    "/word/comments.xml": "wordprocessingml.comments",
    "/docProps/app.xml": "extended-properties",
    "/docProps/custom.xml": "custom-properties",
}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _text(value: str) -> str:
    return escape(value.translate(_NOT_XML), quote=False)


def _attr(value: str) -> str:
    return escape(value.translate(_NOT_XML), quote=True)


def _runs(text: str, *, properties: str = "") -> str:
    """``text`` as runs: tabs as ``w:tab``, nothing else interpreted."""
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    out: list[str] = []
    for i, piece in enumerate(text.split("\t")):
        if i:
            out.append(f"<w:r>{rpr}<w:tab/></w:r>")
        if piece:
            out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{_text(piece)}</w:t></w:r>')
    return "".join(out)


class _Comments:
    """Word comments, numbered in the order they are made."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def wrap(self, runs: str, lines: Sequence[str]) -> str:
        """``runs`` with a comment of ``lines`` anchored on them."""
        if not lines:
            return runs
        number = len(self.items)
        paragraphs = "".join(
            f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{_runs(line)}</w:p>'
            for text in lines
            for line in text.split("\n")
        )
        self.items.append(
            f'<w:comment w:id="{number}" w:author="govdisclosure" w:initials="GD">'
            f"{paragraphs}</w:comment>"
        )
        return (
            f'<w:commentRangeStart w:id="{number}"/>{runs}<w:commentRangeEnd w:id="{number}"/>'
            f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
            f'<w:commentReference w:id="{number}"/></w:r>'
        )

    def part(self) -> str:
        return f'{_XML}<w:comments xmlns:w="{_W}">{"".join(self.items)}</w:comments>'


def _note(finding: Finding) -> str:
    return (
        f"{finding.code} [{finding.severity.label}·{finding.origin.label}] "
        f"{finding.message}\n{finding.message_en}"
    )


class _Writer:
    def __init__(self, report: AnnualReport, findings: Iterable[Finding], template: bool):
        self.report = report
        self.template = template
        self.comments = _Comments()
        self.at: dict[str, list[Finding]] = {}
        for finding in findings:
            self.at.setdefault(finding.location.pointer, []).append(finding)
        self.unread = {c.pointer: c for c in report.unread}

    def notes(self, pointer: str) -> list[str]:
        return [_note(f) for f in self.at.get(pointer, ())]

    def worst(self, pointer: str) -> str | None:
        here = self.at.get(pointer)
        if not here:
            return None
        return max((f.severity for f in here), key=lambda s: s.rank).value

    # -- paragraphs -------------------------------------------------------------------

    def title(self) -> str:
        if self.template:
            text, lines = TEMPLATE_TITLE, [TEMPLATE_TITLE_NOTE]
        else:
            text, _ = title_of(self.report)
            lines = self.notes("/title")
        return (
            '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>'
            f"{self.comments.wrap(_runs(text), lines)}</w:p>"
        )

    def heading(self, section: Section) -> str:
        runs = self.comments.wrap(_runs(section.label()), self.notes(f"/{section.value}"))
        return f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{runs}</w:p>'

    def text(self, block: Text) -> str:
        out: list[str] = []
        lines = block.text.split("\n")
        fill = self.worst(block.pointer)
        shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{_FILLS[fill]}"/>' if fill else ""
        for i, line in enumerate(lines):
            runs = _runs(line, properties=shade)
            if i == 0:
                runs = self.comments.wrap(runs, self.notes(block.pointer))
            out.append(f"<w:p>{runs}</w:p>")
        return "".join(out)

    # -- tables -----------------------------------------------------------------------

    def table(self, layout: TableLayout) -> str:
        widths = _COLUMNS[layout.section]
        grid = expand(layout)
        rows: list[str] = []
        for r, line in enumerate(grid):
            cells: list[str] = []
            c = 0
            while c < len(line):
                cell = line[c]
                span = cell.colspan
                above = r > 0 and grid[r - 1][c] is cell
                width = sum(widths[c : c + span])
                cells.append(self._cell(cell, width, continued=above))
                c += span
            header = r < layout.header_rows
            trpr = (
                "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
                if header
                else ("<w:trPr><w:cantSplit/></w:trPr>")
            )
            rows.append(f"<w:tr>{trpr}{''.join(cells)}</w:tr>")
        grid_columns = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        return (
            "<w:tbl><w:tblPr>"
            '<w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="40" w:type="dxa"/><w:right w:w="40" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
            f"<w:tblGrid>{grid_columns}</w:tblGrid>{''.join(rows)}</w:tbl>"
            # Word needs a paragraph between a table and what follows it.
            '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>'
        )

    def _cell(self, cell: GridCell, width: int, *, continued: bool) -> str:
        properties = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
        if cell.colspan > 1:
            properties.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
        if cell.rowspan > 1:
            properties.append('<w:vMerge w:val="restart"/>' if not continued else "<w:vMerge/>")
        fill: str | None = _HEADER_FILL if cell.header and cell.role != "row" else None
        text, lines, italic = (
            cell.text,
            [] if cell.pointer is None else self.notes(cell.pointer),
            "",
        )
        if cell.pointer is not None:
            unread = self.unread.get(cell.pointer)
            if unread is not None:
                text, fill, italic = UNREAD_MARK, _UNREAD_FILL, '<w:i/><w:color w:val="777777"/>'
                lines = [unread_note(unread), *lines]
            worst = self.worst(cell.pointer)
            if worst is not None:
                fill = _FILLS[worst]
        if fill:
            properties.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
        properties.append('<w:vAlign w:val="center"/>')
        if continued:
            return f"<w:tc><w:tcPr>{''.join(properties)}</w:tcPr><w:p/></w:tc>"
        align = "right" if not cell.header else ("left" if cell.role == "row" else "center")
        runs = self.comments.wrap(_runs(text, properties=italic), lines)
        return (
            f"<w:tc><w:tcPr>{''.join(properties)}</w:tcPr>"
            f'<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{align}"/></w:pPr>'
            f"{runs}</w:p></w:tc>"
        )

    # -- the document -----------------------------------------------------------------

    def body(self) -> str:
        out = [self.title()]
        for block in report_blocks(self.report):
            if isinstance(block, Heading):
                out.append(self.heading(block.section))
            elif isinstance(block, Text):
                out.append(self.text(block))
            elif isinstance(block, Table):
                out.append(self.table(block.layout))
        section = (
            '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" '
            'w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
        )
        return (
            f'{_XML}<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>'
            f"{''.join(out)}{section}</w:body></w:document>"
        )

    def properties(self) -> list[tuple[str, str]]:
        report = self.report
        if self.template:
            return [("edition", report.edition.value)]
        level = report.agency.level
        return [
            ("title", report.title),
            ("agency", report.agency.name),
            ("agency_level", level.value if level else ""),
            ("year", str(report.year)),
            ("edition", report.edition.value),
        ]


_STYLES = f"""{_XML}<w:styles xmlns:w="{_W}">
<w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋"
 w:cs="Times New Roman"/>
<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/>
</w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>
<w:pPr><w:spacing w:before="240" w:after="480" w:line="700" w:lineRule="exact"/>
<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>
<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:b/>
<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/>
</w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/>
<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="280" w:lineRule="atLeast"/>
<w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="宋体"/>
<w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/>
<w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>
<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>
<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>
<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>
<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
</w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>
<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>
</w:tblBorders></w:tblPr></w:style>
</w:styles>"""

_SETTINGS = (
    f'{_XML}<w:settings xmlns:w="{_W}"><w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/></w:settings>'
)


def _package(writer: _Writer, body: str) -> bytes:
    title = writer.report.title or title_of(writer.report)[0]
    parts: dict[str, str] = {
        "word/document.xml": body,
        "word/styles.xml": _STYLES,
        "word/settings.xml": _SETTINGS,
        "docProps/core.xml": (
            f"{_XML}<cp:coreProperties "
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{_text(TEMPLATE_TITLE if writer.template else title)}</dc:title>"
            "<dc:creator>govdisclosure</dc:creator></cp:coreProperties>"
        ),
        "docProps/app.xml": (
            f"{_XML}<Properties xmlns="
            '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>govdisclosure</Application></Properties>"
        ),
        "docProps/custom.xml": _custom(writer.properties()),
    }
    relations = [("styles", "styles.xml"), ("settings", "settings.xml")]
    if writer.comments.items:
        parts["word/comments.xml"] = writer.comments.part()
        relations.append(("comments", "comments.xml"))
    parts["word/_rels/document.xml.rels"] = _relationships(
        [(f"{_REL}/{kind}", target) for kind, target in relations]
    )
    parts["_rels/.rels"] = _relationships(
        [
            (f"{_REL}/officeDocument", "word/document.xml"),
            (f"{_PKG_REL}/metadata/core-properties", "docProps/core.xml"),
            (f"{_REL}/extended-properties", "docProps/app.xml"),
            (f"{_REL}/custom-properties", "docProps/custom.xml"),
        ]
    )
    overrides = "".join(
        f'<Override PartName="{name}" ContentType="application/vnd.openxmlformats-'
        f'officedocument.{kind}+xml"/>'
        for name, kind in _CONTENT_TYPES.items()
        if name.lstrip("/") in parts
    )
    parts["[Content_Types].xml"] = (
        f"{_XML}<Types "
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f"{overrides}</Types>"
    )
    order = ["[Content_Types].xml", "_rels/.rels", *(p for p in parts if p[0] not in "[_")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name].encode("utf-8"))
    return buffer.getvalue()


def _relationships(items: list[tuple[str, str]]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(items, start=1)
    )
    return f'{_XML}<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'


def _custom(pairs: list[tuple[str, str]]) -> str:
    props = "".join(
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
        f'pid="{pid}" name="govdisclosure:{key}"><vt:lpwstr>{_text(value)}</vt:lpwstr>'
        "</property>"
        for pid, (key, value) in enumerate(pairs, start=2)
    )
    return (
        f"{_XML}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{props}</Properties>"
    )


def render_docx(
    report: AnnualReport,
    findings: Iterable[Finding] | None = None,
    *,
    template: bool = False,
) -> bytes:
    """``report`` as a Word file (.docx) laid out as agencies publish it.

    Args:
        report: the report.
        findings: findings to mark (e.g. from :func:`govdisclosure.check`): each cell or
            text with findings is shaded in the colour of the worst one and carries them
            as a Word comment. Comments are not part of the report: the file reads back
            the same with or without them.
        template: write a blank fill-in template instead: the title
            政府信息公开工作年度报告 (with a comment asking for the organ and year before it),
            empty paragraphs and empty table cells, and only the edition as a document
            property (see :func:`govdisclosure.render.template_docx`).

    Returns:
        The file's bytes (the same report always gives the same bytes).
        :func:`govdisclosure.parse` reads them back to the same report: every cell, every
        paragraph, agency, level, year, edition and title; a cell left unread reads back
        unread. Text characters that Word cannot hold (control characters other than
        tab and line break) are written as U+FFFD.
    """
    report = require_report(report)
    writer = _Writer(report, findings or (), template)
    return _package(writer, writer.body())
