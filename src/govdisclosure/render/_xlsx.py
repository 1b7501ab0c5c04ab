"""The report as an Excel workbook (.xlsx) in the official layout (needs openpyxl).

One report is two sheets, and a third when findings are given:

- **报告** — the report sheet, laid out like the template: the title, the six section
  headings, and tables 二, 三 and 四 with the template's merged header cells. Every value
  is a number (money with a unit the header does not state, or a count too long for
  Excel's 15 digits, is text, so that nothing is rounded); a blank cell is empty. A cell
  reading left unread holds the word 未读 on a hatched grey fill, with a comment saying
  why; it reads back as unread, never as a blank. A cell with findings is filled in the
  colour of the worst one (error red, warning orange, note blue) and carries them as a
  comment.
- **正文** — the facts about the report (机关名称, 机关层级, 报告年度, 格式) and its prose,
  part by part, one cell each (Excel holds 32,767 characters in a cell; a longer part
  continues in the cells below).
- **检查结果** — the findings, one per row, each linked to its cell.

Several reports go into one workbook: a **汇总** sheet (one row per report, linked to its
sheets), one **检查结果** sheet for all, and 报告1/正文1, 报告2/正文2 … The parts of each
report are named as :mod:`govdisclosure._workbook` says, so :func:`govdisclosure.parse`
reads a one-report workbook back to the same report (and a blank template, filled in by
hand, to the report typed into it).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from .._workbook import (
    CELL_TEXT_LIMIT,
    TEXT_KEYS,
    heading_name,
    metadata_name,
    text_name,
)
from ..checks import Finding, Severity
from ..exceptions import GovDisclosureError
from ..model import (
    AgencyLevel,
    AnnualReport,
    Edition,
    Money,
    ProactiveColumn,
    Section,
    describe,
    iter_cells,
    key_figures,
    require_report,
)
from ..model._cellmap import CellValue
from ._blocks import title_of
from ._layout import GridCell, TableLayout, expand, table_layouts
from ._words import (
    FINDINGS_COLUMNS,
    SHEET_FINDINGS,
    SHEET_REPORT,
    SHEET_SUMMARY,
    SHEET_TEXT,
    SUMMARY_SHEET_COLUMNS,
    TEXT_SHEET_FACTS,
    TEXT_SHEET_HEADINGS,
    TEXT_SHEET_PARTS,
    UNREAD_MARK,
    unread_note,
)

__all__ = ["render_template_xlsx", "render_xlsx", "render_xlsx_many", "xlsx_text"]

#: Grid columns of the widest table (四).
_WIDTH = 15
_COLUMN_WIDTHS = (16, 14, 30) + (10,) * (_WIDTH - 3)
_FILLS = {"error": "FFDDDD", "warning": "FFE9C2", "note": "E3F0FF"}
_HEADER_FILL = "F3F3F3"
_CAPTION_FILL = "E4E4E4"
#: Excel keeps 15 significant digits of a number; longer ones are written as text.
_EXCEL_DIGITS = 15
_ESCAPED = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise GovDisclosureError(
            "写 Excel 文件需要 openpyxl：pip install 'govdisclosure[xlsx]'",
            "writing Excel files needs openpyxl: pip install 'govdisclosure[xlsx]'",
        ) from None
    return openpyxl


def xlsx_text(text: str) -> str:
    """``text`` as a cell of an .xlsx file holds it (ECMA-376 ``ST_Xstring``): characters
    XML cannot carry written ``_xHHHH_``, and a literal ``_xHHHH_`` protected as
    ``_x005F_xHHHH_``. Spreadsheet programs (and the reader) undo this."""
    text = _ESCAPED.sub(r"_x005F_\1", text)
    return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _ref(sheet: str, row: int, column: int, end_row: int | None = None) -> str:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(column)
    ref = f"{_quote(sheet)}!${letter}${row}"
    if end_row is not None and end_row != row:
        ref += f":${letter}${end_row}"
    return ref


class _Styles:
    """The few styles the workbook uses, made once."""

    def __init__(self, openpyxl: Any) -> None:
        styles = openpyxl.styles
        thin = styles.Side(style="thin", color="333333")
        self.border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
        self.header_fill = styles.PatternFill("solid", fgColor=_HEADER_FILL)
        self.caption_fill = styles.PatternFill("solid", fgColor=_CAPTION_FILL)
        self.fills = {k: styles.PatternFill("solid", fgColor=v) for k, v in _FILLS.items()}
        self.unread_fill = styles.PatternFill("lightUp", fgColor="BBBBBB", bgColor="FFFFFF")
        self.unread_font = styles.Font(color="777777", italic=True)
        self.title_font = styles.Font(bold=True, size=16)
        self.heading_font = styles.Font(bold=True, size=12)
        self.bold = styles.Font(bold=True)
        self.center = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = styles.Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.right = styles.Alignment(horizontal="right", vertical="center")
        self.top = styles.Alignment(vertical="top", wrap_text=True)
        self.link_font = styles.Font(color="0563C1", underline="single")
        self.comment = openpyxl.comments.Comment


class _Marks:
    """Findings by the pointer they sit on."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = tuple(findings)
        self.at: dict[str, list[Finding]] = {}
        for finding in self.findings:
            self.at.setdefault(finding.location.pointer, []).append(finding)


def _note(finding: Finding) -> str:
    return (
        f"{finding.code} [{finding.severity.label}·{finding.origin.label}] {finding.message}\n"
        f"{finding.message_en}"
    )


def _number(value: CellValue, column: ProactiveColumn | None, edition: Edition) -> Any:
    """A value as the cell holds it: a number where Excel keeps it exactly, else text."""
    from ._layout import cell_text

    if value is None:
        return None
    if isinstance(value, int):
        return value if len(str(abs(value))) <= _EXCEL_DIGITS else str(value)
    text = cell_text(value, column, edition=edition)
    plain = format(value.value, "f")
    digits = len(plain.replace("-", "").replace(".", "").lstrip("0"))
    if text != plain or digits > _EXCEL_DIGITS:
        return text
    as_float = float(value.value)
    if Decimal(repr(as_float)) != value.value:
        return text
    return int(as_float) if as_float.is_integer() and "." not in plain else as_float


def _decimals(value: CellValue) -> int:
    if isinstance(value, Money):
        exponent = value.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return 0


class _ReportSheets:
    """Writes one report's sheets and remembers where each pointer went."""

    def __init__(
        self,
        book: _Book,
        report: AnnualReport,
        findings: Sequence[Finding],
        *,
        suffix: str = "",
        template: bool = False,
    ) -> None:
        self.book = book
        self.report = report
        self.marks = _Marks(findings)
        self.template = template
        self.sheet_name = SHEET_REPORT + suffix
        self.text_name = SHEET_TEXT + suffix
        self.sheet = book.sheet(self.sheet_name)
        self.text = book.sheet(self.text_name)
        #: pointer -> (sheet name, row, column) of the cell that shows it.
        self.places: dict[str, tuple[str, int, int]] = {}
        self.unread = {c.pointer: c for c in report.unread}

    # -- names -------------------------------------------------------------------------

    def name(self, name: str, ref: str) -> None:
        DefinedName = self.book.openpyxl.workbook.defined_name.DefinedName  # noqa: N806
        self.sheet.defined_names[name] = DefinedName(name, attr_text=ref)

    # -- writing -----------------------------------------------------------------------

    def write(self) -> None:
        self._report_sheet()
        self._text_sheet()

    def _report_sheet(self) -> None:
        ws, st = self.sheet, self.book.styles
        for index, width in enumerate(_COLUMN_WIDTHS, start=1):
            ws.column_dimensions[self.book.letter(index)].width = width
        title, _ = title_of(self.report)
        cell = ws.cell(1, 1)
        self.book.set(cell, "" if self.template else self.report.title)
        if not self.report.title and not self.template:
            # No title of its own: the cell stays empty (that is what the report
            # printed); the sheet's header shows the one made of agency and year.
            ws.oddHeader.center.text = xlsx_text(title)
        cell.font, cell.alignment = st.title_font, st.center
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=_WIDTH)
        ws.row_dimensions[1].height = 30
        self.name(metadata_name("title"), _ref(self.sheet_name, 1, 1))
        self.places["/title"] = (self.sheet_name, 1, 1)
        row = 3
        tables = table_layouts(self.report)
        for section in Section:
            cell = ws.cell(row, 1)
            self.book.set(cell, section.label())
            cell.font = st.heading_font
            self.name(heading_name(section), _ref(self.sheet_name, row, 1))
            self.places.setdefault(f"/{section.value}", (self.sheet_name, row, 1))
            row += 1
            if section in tables:
                row = self._table(tables[section], row) + 1
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True

    def _table(self, layout: TableLayout, top: int) -> int:
        """Write ``layout`` from row ``top``; return the row after it."""
        ws, st = self.sheet, self.book.styles
        grid = expand(layout)
        edition = self.report.edition
        values = {ref.pointer: (ref, value) for ref, value in iter_cells(self.report)}
        for r, line in enumerate(grid):
            for c, cell in enumerate(line):
                target = ws.cell(top + r, 1 + c)
                target.border = st.border
                first = (r == 0 or grid[r - 1][c] is not cell) and (
                    c == 0 or line[c - 1] is not cell
                )
                if not first:
                    continue
                if cell.rowspan > 1 or cell.colspan > 1:
                    ws.merge_cells(
                        start_row=top + r,
                        start_column=1 + c,
                        end_row=top + r + cell.rowspan - 1,
                        end_column=c + cell.colspan,
                    )
                if cell.header:
                    self._label(target, cell)
                elif cell.pointer is not None:
                    ref, value = values[cell.pointer]
                    column = ref.column if isinstance(ref.column, ProactiveColumn) else None
                    self._value(target, cell.pointer, value, column, edition)
            if r < layout.header_rows:
                ws.row_dimensions[top + r].height = 42 if r == 0 else 30
            else:
                lines = max(
                    (
                        _lines(cell.text, sum(_COLUMN_WIDTHS[c : c + cell.colspan]))
                        for c, cell in enumerate(line)
                        if cell.header and cell.rowspan == 1
                    ),
                    default=1,
                )
                if lines > 1:
                    ws.row_dimensions[top + r].height = 15.0 * lines
        return top + len(grid)

    def _label(self, target: Any, cell: GridCell) -> None:
        st = self.book.styles
        self.book.set(target, cell.text)
        target.alignment = st.left if cell.role == "row" else st.center
        if cell.role == "caption":
            target.fill, target.font = st.caption_fill, st.bold
        elif cell.role != "row":
            target.fill = st.header_fill

    def _value(
        self,
        target: Any,
        pointer: str,
        value: CellValue,
        column: ProactiveColumn | None,
        edition: Edition,
    ) -> None:
        st = self.book.styles
        self.places[pointer] = (self.sheet_name, target.row, target.column)
        unread = self.unread.get(pointer)
        if unread is not None:
            self.book.set(target, UNREAD_MARK)
            target.fill, target.font = st.unread_fill, st.unread_font
            target.alignment = st.center
            self._comment(target, [unread_note(unread)])
        else:
            number = _number(value, column, edition)
            if isinstance(number, str):
                self.book.set(target, number)
            else:
                target.value = number
            places = _decimals(value)
            if places:
                target.number_format = "0." + "0" * places
            target.alignment = st.right
        self._mark(target, pointer)
        if self.template:
            self.book.validate(self.sheet, target, column)

    def _mark(self, target: Any, pointer: str) -> None:
        here = self.marks.at.get(pointer)
        if not here:
            return
        worst = max((f.severity for f in here), key=lambda s: s.rank)
        target.fill = self.book.styles.fills[worst.value]
        self._comment(target, [_note(f) for f in here])

    def _comment(self, target: Any, lines: list[str]) -> None:
        existing = target.comment.text + "\n\n" if target.comment is not None else ""
        text = xlsx_text(existing + "\n\n".join(lines))
        comment = self.book.styles.comment(text, "govdisclosure")
        comment.width = 360
        comment.height = min(600, 40 + 18 * math.ceil(len(text) / 24))
        target.comment = comment

    def _text_sheet(self) -> None:
        ws, st, report = self.text, self.book.styles, self.report
        ws.column_dimensions["A"].width = 38
        ws.column_dimensions["B"].width = 100
        facts_heading, texts_heading = TEXT_SHEET_HEADINGS
        cell = ws.cell(1, 1)
        self.book.set(cell, facts_heading)
        cell.font = st.heading_font
        level = report.agency.level
        facts: dict[str, Any] = {
            "agency": report.agency.name,
            "agency_level": level.label() if level is not None else "",
            "year": report.year,
            "edition": report.edition.value,
        }
        if self.template:
            facts.update(agency="", agency_level="", year=None)
        row = 2
        pointers = {
            "agency": "/agency/name",
            "agency_level": "/agency/level",
            "year": "/year",
            "edition": "/edition",
        }
        for key, label in TEXT_SHEET_FACTS.items():
            label_cell, value_cell = ws.cell(row, 1), ws.cell(row, 2)
            self.book.set(label_cell, label)
            label_cell.font = st.bold
            value = facts[key]
            if isinstance(value, str):
                self.book.set(value_cell, value)
            else:
                value_cell.value = value
            value_cell.alignment = st.left
            value_cell.border = st.border
            self.name(metadata_name(key), _ref(self.text_name, row, 2))
            self.places[pointers[key]] = (self.text_name, row, 2)
            self._mark(value_cell, pointers[key])
            if key == "agency_level":
                self.book.choices(ws, value_cell, [lv.label() for lv in AgencyLevel])
            elif key == "edition":
                self.book.choices(ws, value_cell, [e.value for e in Edition])
                note = ws.cell(row, 3)
                self.book.set(note, " / ".join(f"{e.value}: {e.label()}" for e in Edition))
            row += 1
        self.places.setdefault("/agency", self.places["/agency/name"])
        row += 1
        cell = ws.cell(row, 1)
        self.book.set(cell, texts_heading)
        cell.font = st.heading_font
        row += 1
        for key in TEXT_KEYS:
            label = TEXT_SHEET_PARTS[key]
            pointer = "/" + key.replace(".", "/")
            text = "" if self.template else _text_at(report, key)
            chunks = _chunks(text)
            label_cell = ws.cell(row, 1)
            self.book.set(label_cell, label)
            label_cell.font, label_cell.alignment = st.bold, st.top
            for i, chunk in enumerate(chunks):
                target = ws.cell(row + i, 2)
                self.book.set(target, chunk)
                target.alignment, target.border = st.top, st.border
                ws.row_dimensions[row + i].height = _height(chunk)
            self.name(text_name(key), _ref(self.text_name, row, 2, row + len(chunks) - 1))
            self.places[pointer] = (self.text_name, row, 2)
            self._mark(ws.cell(row, 2), pointer)
            row += len(chunks)


def _text_at(report: AnnualReport, key: str) -> str:
    value: Any = report
    for part in key.split("."):
        value = getattr(value, part)
    return str(value)


def _chunks(text: str) -> list[str]:
    """``text`` in pieces a cell can hold, cut after a line break where there is one."""
    limit = CELL_TEXT_LIMIT - 8  # room for an escaped character at the end
    chunks: list[str] = []
    while len(xlsx_text(text)) > limit:
        cut = text.rfind("\n", 0, limit // 2) + 1 or limit // 2
        chunks.append(text[:cut])
        text = text[cut:]
    chunks.append(text)
    return chunks


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a cell ``width`` characters wide (a Chinese
    character is two)."""
    return sum(
        max(1, math.ceil(sum(2 if ord(ch) > 0x2E7F else 1 for ch in line) / max(width - 1, 1)))
        for line in text.split("\n")
    )


def _height(text: str) -> float:
    """A row height (points) that shows ``text`` in a column 100 characters wide."""
    return float(min(409, max(15, 15 * _lines(text, 100))))


class _Book:
    """An openpyxl workbook with the styles and helpers the sheets share."""

    def __init__(self) -> None:
        self.openpyxl = _openpyxl()
        self.workbook = self.openpyxl.Workbook()
        self.styles = _Styles(self.openpyxl)
        self._first = True
        self.letter = self.openpyxl.utils.get_column_letter

    def sheet(self, title: str) -> Any:
        if self._first:
            self._first = False
            ws = self.workbook.active
            ws.title = title
            return ws
        return self.workbook.create_sheet(title)

    def set(self, cell: Any, text: str) -> None:
        """Put ``text`` in ``cell`` as text (never a formula, whatever it starts with)."""
        cell.value = xlsx_text(text) if text else None
        if text:
            cell.data_type = "s"

    def row(self, ws: Any, r: int, values: Sequence[Any]) -> list[Any]:
        """Write ``values`` into row ``r`` from column A (text as text); return the cells."""
        cells = []
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c)
            if isinstance(value, str):
                self.set(cell, value)
            else:
                cell.value = value
            cells.append(cell)
        return cells

    def choices(self, ws: Any, cell: Any, options: list[str]) -> None:
        DataValidation = self.openpyxl.worksheet.datavalidation.DataValidation  # noqa: N806
        listed = ",".join(options)
        check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
        check.errorStyle = "warning"
        ws.add_data_validation(check)
        check.add(cell)

    def validate(self, ws: Any, cell: Any, column: ProactiveColumn | None) -> None:
        """A fill-in template's value cell: a whole number (a decimal for an amount),
        not negative except 本年增/减; anything else asks before it is kept."""
        DataValidation = self.openpyxl.worksheet.datavalidation.DataValidation  # noqa: N806
        if column is ProactiveColumn.AMOUNT:
            check = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        elif column is ProactiveColumn.CHANGE:
            check = DataValidation(
                type="whole", operator="between", formula1="-1000000000", formula2="1000000000"
            )
        else:
            check = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        check.errorStyle = "warning"
        check.allow_blank = True
        ws.add_data_validation(check)
        check.add(cell)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def _findings_sheet(
    book: _Book, written: Sequence[tuple[_ReportSheets, str]], *, several: bool
) -> None:
    findings = [(sheets, label, f) for sheets, label in written for f in sheets.marks.findings]
    if not findings:
        return
    ws = book.sheet(SHEET_FINDINGS)
    st = book.styles
    columns = list(FINDINGS_COLUMNS)
    if not several:
        columns = columns[1:]
    for c, title in enumerate(columns, start=1):
        cell = ws.cell(1, c)
        book.set(cell, title)
        cell.font, cell.fill, cell.border = st.bold, st.header_fill, st.border
    widths = {
        "报告": 24,
        "代码": 8,
        "规则": 28,
        "严重程度": 8,
        "来源": 6,
        "位置": 40,
        "信息": 60,
        "Message": 60,
        "应为": 10,
        "实为": 10,
        "指针": 40,
    }
    for c, title in enumerate(columns, start=1):
        ws.column_dimensions[book.letter(c)].width = widths.get(title.split(" ")[0], 14)
    for r, (sheets, label, finding) in enumerate(findings, start=2):
        where = describe(finding.location.pointer, sheets.report.layout)[0]
        if finding.location.report == "previous":
            where = "上一年度报告：" + where
        values: list[Any] = [
            label,
            finding.code,
            finding.name,
            finding.severity.label,
            finding.origin.label,
            where,
            finding.message,
            finding.message_en,
            _plain(finding.expected),
            _plain(finding.actual),
            finding.location.pointer,
        ]
        if not several:
            values = values[1:]
        for cell in book.row(ws, r, values):
            cell.alignment = st.top
        fill = st.fills[finding.severity.value]
        ws.cell(r, 2 if several else 1).fill = fill
        place = _place(sheets.places, finding.location.pointer)
        if place is not None and finding.location.report is None:
            link = ws.cell(r, columns.index("位置") + 1)
            link.hyperlink = book.openpyxl.worksheet.hyperlink.Hyperlink(
                ref=link.coordinate,
                location=f"{_quote(place[0])}!{book.letter(place[2])}{place[1]}",
            )
            link.font = st.link_font
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{book.letter(len(columns))}{len(findings) + 1}"


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _place(places: dict[str, tuple[str, int, int]], pointer: str) -> tuple[str, int, int] | None:
    """Where ``pointer`` is shown: its own cell, else the first cell below it (a row's)."""
    if pointer in places:
        return places[pointer]
    prefix = pointer + "/"
    for known, place in places.items():
        if known.startswith(prefix):
            return place
    return None


def render_xlsx(report: AnnualReport, findings: Iterable[Finding] | None = None) -> bytes:
    """``report`` as an Excel workbook in the official layout (needs the ``xlsx`` extra).

    Args:
        report: the report.
        findings: findings to mark (e.g. from :func:`govdisclosure.check`): each on its
            cell as a fill and a comment, and all of them on a sheet 检查结果 linked to
            their cells.

    Returns:
        The .xlsx file's bytes. :func:`govdisclosure.parse` reads them back to the same
        report (every cell, the texts, agency, level, year, edition and title; a cell
        left unread reads back unread).

    Raises:
        GovDisclosureError: openpyxl is not installed.
    """
    report = require_report(report)
    book = _Book()
    sheets = _ReportSheets(book, report, tuple(findings or ()))
    sheets.write()
    _findings_sheet(book, [(sheets, report.agency.name)], several=False)
    return book.bytes()


def render_template_xlsx(report: AnnualReport) -> bytes:
    """``report`` (a blank one) as a fill-in template: agency, level and year left empty,
    the value cells checked as they are typed (see :func:`govdisclosure.render.template_xlsx`).
    """
    book = _Book()
    _ReportSheets(book, require_report(report), (), template=True).write()
    return book.bytes()


def render_xlsx_many(items: Iterable[tuple[AnnualReport, Iterable[Finding]]]) -> bytes:
    """Several reports in one workbook, with a summary sheet (needs the ``xlsx`` extra).

    Args:
        items: ``(report, findings)`` pairs (findings may be empty).

    Returns:
        The .xlsx file's bytes: a sheet 汇总 (one row per report: agency, year, edition,
        file, the main figures and ratios, findings by severity, a link to its sheet),
        a sheet 检查结果 with every finding, and each report's sheets 报告N and 正文N as
        :func:`render_xlsx` writes them. (:func:`govdisclosure.parse` reads workbooks of
        one report.)
    """
    book = _Book()
    summary = book.sheet(SHEET_SUMMARY)
    written: list[tuple[_ReportSheets, str]] = []
    for index, (report, findings) in enumerate(items, start=1):
        report = require_report(report, f"items[{index - 1}][0]")
        sheets = _ReportSheets(book, report, tuple(findings), suffix=str(index))
        sheets.write()
        written.append((sheets, f"{index} {report.agency.name}".strip()))
    _summary_sheet(book, summary, written)
    _findings_sheet(book, written, several=True)
    return book.bytes()


def _summary_sheet(book: _Book, ws: Any, written: Sequence[tuple[_ReportSheets, str]]) -> None:
    st = book.styles
    for c, (title, width) in enumerate(SUMMARY_SHEET_COLUMNS, start=1):
        cell = ws.cell(1, c)
        book.set(cell, title)
        cell.font, cell.fill, cell.border, cell.alignment = (
            st.bold,
            st.header_fill,
            st.border,
            st.center,
        )
        ws.column_dimensions[book.letter(c)].width = width
    for r, (sheets, _) in enumerate(written, start=2):
        report = sheets.report
        figures = key_figures(report)
        counts = dict.fromkeys(Severity, 0)
        for finding in sheets.marks.findings:
            counts[finding.severity] += 1
        level = report.agency.level
        source = report.source
        row: list[Any] = [
            r - 1,
            report.agency.name,
            level.label() if level else "",
            report.year,
            report.edition.value,
            (source.document or "") if source else "",
            figures.received,
            figures.total_handled,
            figures.granted_rate,
            figures.withheld_rate,
            counts[Severity.ERROR],
            counts[Severity.WARNING],
            counts[Severity.NOTE],
            len(report.unread),
            sheets.sheet_name,
        ]
        for cell, value in zip(book.row(ws, r, row), row, strict=True):
            cell.border = st.border
            if isinstance(value, float):
                cell.number_format = "0.0%"
        link = ws.cell(r, len(row))
        link.hyperlink = book.openpyxl.worksheet.hyperlink.Hyperlink(
            ref=link.coordinate, location=f"{_quote(sheets.sheet_name)}!A1"
        )
        link.font = st.link_font
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{book.letter(len(SUMMARY_SHEET_COLUMNS))}{len(written) + 1}"
