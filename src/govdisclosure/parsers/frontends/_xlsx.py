"""Reading Excel workbooks: XLSX (SpreadsheetML) into a :class:`~govdisclosure.parsers.Document`.

The workbook is read with lxml (the ``xlsx`` or ``docx`` extra) through the same checked
zip package as Word files (:mod:`._docx`), so every part is bounded before it is
decompressed. openpyxl is not needed to read.

What comes out:

* **A govdisclosure workbook** (written by ``convert --to xlsx`` or ``template``; see
  :mod:`govdisclosure._workbook`): the report sheet, row by row, with each part of the
  prose from the text sheet read after its section's heading (the text before a table
  after the heading, the text after it after the table), and the report's facts from
  their named cells as :attr:`Document.metadata`. Other sheets (findings, a summary) are
  not part of the report: a note names them.
* **Any other workbook** (the template filled in by hand in a workbook of one's own, a
  table pasted into Excel): every visible sheet in order, row by row.

A sheet becomes blocks: rows with a bordered cell (or, on a sheet without borders, two
or more filled cells) form tables, a merged cell once with its spans; every other row
is a line of text. A value is what the cell shows: a number as written (up to Excel's
15 digits), text, a formula's last computed value — or, for a formula a spreadsheet
program never computed, the value of the cell it refers to when it is a plain
reference (``=正文!B5``); any other formula is kept as its text (``=SUM(D5:D9)``),
which is not a figure. Hidden sheets, rows and columns are not what a reader of the
workbook sees and are not read: a hidden sheet is named in a note; the text of hidden
rows and columns is set aside (:attr:`Document.set_aside`, leftovers in the result,
reason ``hidden in the source``), as HTML and Word text that is hidden. Source spans:
``page`` is the sheet's position in the workbook, ``row``/``column`` the cell's on its
sheet (1-based) and ``table`` the table's in the document.

Untrusted files: as for DOCX (member count, part sizes and compression ratios checked
before anything is decompressed; XML without DTDs, entities or network), and the cells
are counted against ``max_cells``, a table's whole grid included.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import attrs

from ..._limits import DEFAULT_LIMITS, Limits
from ..._workbook import HEADING_PREFIX, METADATA_KEYS, NAME_PREFIX, TEXT_KEYS
from ...exceptions import ParseError
from ...model import AgencyLevel, Section, SourceSpan
from .. import _notes
from .._clock import deadline
from .._document import HIDDEN, Block, Document, SetAside, Table, TableCell, TextBlock
from .._notes import Note
from ._common import (
    CellBudget,
    SpanClamp,
    check_size,
    clean_lines,
    optional_import,
    set_aside_note,
)
from ._docx import _Package

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["read_xlsx"]

# SpreadsheetML: the transitional namespace (what Excel, WPS and LibreOffice write) and
# ISO strict.
_MAIN_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)
_REL_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_WORKBOOK = "xl/workbook.xml"
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
# A formula that is a plain reference, as a spreadsheet shows the cell it names
# (optionally followed by &"" or wrapped in T(), the idioms that keep an empty cell "").
_REFERENCE = re.compile(
    r"""^=?\s*(?:T\()?\s*
        (?:(?P<sheet>'(?:[^']|'')+'|[^'!&()\s"]+)!)?
        (?P<cell>\$?[A-Za-z]{1,3}\$?[0-9]{1,7})
        \s*\)?\s*(?:&\s*""\s*)?$""",
    re.VERBOSE,
)
#: How many plain references are followed in a row (a chain of =A1 → =B1 …).
_MAX_REFERENCES = 16
#: Significant digits of a number as a spreadsheet program shows it.
_DIGITS = 15
#: Rows and columns of a worksheet (Excel's maximum).
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384


@attrs.frozen
class _Cell:
    """A cell of a sheet as stored: its text, whether it has a border, its formula."""

    text: str
    bordered: bool
    formula: str = ""
    computed: bool = True  # False: a formula with no value computed


@attrs.define
class _Sheet:
    name: str
    position: int
    part: str
    hidden: bool = False
    cells: dict[tuple[int, int], _Cell] = attrs.field(factory=dict)
    merges: list[tuple[int, int, int, int]] = attrs.field(factory=list)
    hidden_rows: set[int] = attrs.field(factory=set)
    hidden_columns: set[int] = attrs.field(factory=set)
    loaded: bool = False


def read_xlsx(
    data: bytes,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read an Excel workbook (.xlsx) into a :class:`Document`.

    Args:
        data: the file's bytes.
        name: the document's name or path, for messages and :attr:`Document.name`.
        limits: safety limits (``max_bytes``, ``max_decompression_ratio``,
            ``max_elements``, ``max_depth``, ``max_cells``).

    Returns:
        The report's text blocks and tables in reading order; for a govdisclosure
        workbook, its facts (title, agency, level, year, edition) as
        :attr:`Document.metadata`.

    Raises:
        ParseError: the bytes are not an XLSX workbook (not a zip, no workbook part,
            malformed XML, a part declaring a DTD), the workbook holds several reports
            written by govdisclosure (``reason="several_reports"``), or lxml is not
            installed (``pip install 'govdisclosure[xlsx]'``).
        LimitExceededError: the file or a part is over ``max_bytes``, a part is compressed
            more than ``max_decompression_ratio`` (a zip bomb), the zip has more than
            10,000 members, the XML is over ``max_elements``/``max_depth``, or the sheets
            hold more than ``max_cells`` cells.
    """
    etree_module = optional_import("lxml.etree", "xlsx", name)
    clock = deadline(limits, name)
    where = name or "<xlsx>"
    check_size(len(data), limits, name)
    package = _Package(data, limits, where, etree_module, kind="XLSX")
    clock.check()
    return _Workbook(package, limits, where, name, clock.tick).document()


class _Workbook:
    """One workbook: its sheets, shared strings, styles and defined names."""

    def __init__(
        self,
        package: _Package,
        limits: Limits,
        where: str,
        name: str | None,
        tick: Callable[[], None],
    ) -> None:
        self.package = package
        self.tick = tick
        self.where = where
        self.name = name
        self.budget = CellBudget(limits, where)
        self.max_cells = limits.max_cells
        self.clamp = SpanClamp()
        self.tables = 0
        self.notes: list[Note] = []
        #: Text of hidden rows and columns: kept out of the blocks, never lost.
        self.set_aside: list[SetAside] = []
        part = self._main_part()
        root = package.xml(part)
        tag = str(root.tag)
        namespace = tag[1:].partition("}")[0] if tag.startswith("{") else ""
        if namespace not in _MAIN_NAMESPACES:
            raise ParseError(
                f"{part} 不是 Excel 工作簿（根元素 {tag}）",
                f"{part} is not a SpreadsheetML workbook (root element {tag})",
                where=where,
            )
        self.ns = f"{{{namespace}}}"
        targets = self._relationships(part)
        self.sheets: list[_Sheet] = []
        sheets = root.find(self.ns + "sheets")
        for position, sheet in enumerate(
            sheets.iter(self.ns + "sheet") if sheets is not None else (), start=1
        ):
            rid = _attribute(sheet, "id", _REL_NAMESPACES)
            target = targets.get(rid or "")
            if target is None:
                continue
            self.sheets.append(
                _Sheet(
                    name=sheet.get("name") or f"#{position}",
                    position=position,
                    part=target,
                    hidden=(sheet.get("state") or "visible") != "visible",
                )
            )
        self.by_position = {sheet.position: sheet for sheet in self.sheets}
        self.names = self._defined_names(root)
        self.strings = self._shared_strings(targets)
        self.bordered = self._bordered_styles(targets)

    # -- package parts -------------------------------------------------------------------

    def _main_part(self) -> str:
        members = self.package.members
        if "_rels/.rels" in members:
            rels = self.package.xml("_rels/.rels")
            for rel in rels.iter(_PACKAGE_RELS + "Relationship"):
                if (rel.get("Type") or "").endswith("/officeDocument"):
                    target = (rel.get("Target") or "").lstrip("/")
                    if target in members:
                        return target
        return _WORKBOOK

    def _relationships(self, part: str) -> dict[str, str]:
        """The workbook's relationships: id -> part name (sheets, strings, styles)."""
        folder, _, file = part.rpartition("/")
        rels_part = f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"
        targets: dict[str, str] = {}
        if rels_part not in self.package.members:
            return targets
        for rel in self.package.xml(rels_part).iter(_PACKAGE_RELS + "Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                continue
            resolved = target.lstrip("/") if target.startswith("/") else _join(folder, target)
            targets[rel.get("Id") or ""] = resolved
            kind = (rel.get("Type") or "").rpartition("/")[2]
            targets.setdefault("#" + kind, resolved)
        return targets

    def _defined_names(self, root: etree._Element) -> list[tuple[str, int | None, str]]:
        """``(name, sheet position or None, reference)`` of every defined name."""
        out: list[tuple[str, int | None, str]] = []
        names = root.find(self.ns + "definedNames")
        for item in names.iter(self.ns + "definedName") if names is not None else ():
            local = item.get("localSheetId")
            scope = int(local) + 1 if local is not None and local.isdigit() else None
            out.append(((item.get("name") or "").strip().lower(), scope, (item.text or "").strip()))
        return out

    def _shared_strings(self, targets: dict[str, str]) -> list[str]:
        part = targets.get("#sharedStrings")
        if part is None or part not in self.package.members:
            return []
        root = self.package.xml(part)
        return [_rich_text(si, self.ns) for si in root.iter(self.ns + "si")]

    def _bordered_styles(self, targets: dict[str, str]) -> list[bool]:
        """For each cell format (``s``), whether it draws a border."""
        part = targets.get("#styles")
        if part is None or part not in self.package.members:
            return []
        root = self.package.xml(part)
        borders: list[bool] = []
        container = root.find(self.ns + "borders")
        for border in container.iter(self.ns + "border") if container is not None else ():
            borders.append(
                any(
                    (side.get("style") or "none") != "none"
                    for side in border
                    if isinstance(side.tag, str)
                    and side.tag[len(self.ns) :]
                    in ("left", "right", "top", "bottom", "start", "end")
                )
            )
        formats: list[bool] = []
        xfs = root.find(self.ns + "cellXfs")
        for xf in xfs.iter(self.ns + "xf") if xfs is not None else ():
            index = xf.get("borderId") or "0"
            formats.append(index.isdigit() and int(index) < len(borders) and borders[int(index)])
        return formats

    # -- sheets ------------------------------------------------------------------------

    def load(self, sheet: _Sheet) -> _Sheet:
        """Read ``sheet``'s cells (once)."""
        if sheet.loaded:
            return sheet
        sheet.loaded = True
        if sheet.part not in self.package.members:
            self.notes.append(
                (
                    _notes.SHEETS_NOT_READ,
                    f"工作表“{sheet.name}”的内容（{sheet.part}）不在文件中",
                    f"the content of sheet {sheet.name!r} ({sheet.part}) is not in the file",
                )
            )
            return sheet
        root = self.package.xml(sheet.part)
        ns = self.ns
        for column in root.iter(ns + "col"):
            if column.get("hidden") in ("1", "true"):
                low, high = _int(column.get("min"), 1), _int(column.get("max"), 1)
                if high - low < _MAX_COLUMN:
                    sheet.hidden_columns.update(range(low, min(high, _MAX_COLUMN) + 1))
        data = root.find(ns + "sheetData")
        for row_number, row in enumerate(data.iter(ns + "row") if data is not None else (), 1):
            r = _int(row.get("r"), row_number)
            if row.get("hidden") in ("1", "true"):
                sheet.hidden_rows.add(r)
            column_number = 0
            for c in row.iter(ns + "c"):
                self.budget.take(1)
                position = _position(c.get("r"))
                if position is None:
                    column_number += 1
                    position = (r, column_number)
                column_number = position[1]
                sheet.cells[position] = self._cell(c)
        merges = root.find(ns + "mergeCells")
        for merge in merges.iter(ns + "mergeCell") if merges is not None else ():
            area = _area(merge.get("ref") or "")
            if area is not None:
                sheet.merges.append(area)
        return sheet

    def _cell(self, c: etree._Element) -> _Cell:
        ns = self.ns
        kind = c.get("t") or "n"
        style = _int(c.get("s"), 0)
        bordered = 0 <= style < len(self.bordered) and self.bordered[style]
        formula_element = c.find(ns + "f")
        formula = (formula_element.text or "") if formula_element is not None else ""
        value_element = c.find(ns + "v")
        raw = value_element.text if value_element is not None else None
        if kind == "inlineStr":
            inline = c.find(ns + "is")
            text = _rich_text(inline, ns) if inline is not None else ""
        elif raw is None:
            return _Cell(
                text="", bordered=bordered, formula=formula, computed=formula_element is None
            )
        elif kind == "s":
            index = _int(raw, -1)
            text = self.strings[index] if 0 <= index < len(self.strings) else ""
        elif kind == "b":
            text = "TRUE" if raw.strip() in ("1", "true") else "FALSE"
        elif kind in ("str", "e"):
            text = _unescape(raw)
        else:
            text = _number(raw)
        return _Cell(text=text, bordered=bordered, formula=formula)

    def value(self, sheet: _Sheet, position: tuple[int, int]) -> str:
        """What the cell at ``position`` shows, plain references followed."""
        seen: set[tuple[str, tuple[int, int]]] = set()
        for _ in range(_MAX_REFERENCES):
            cell = sheet.cells.get(position)
            if cell is None:
                return ""
            if cell.computed:
                return cell.text
            target = self._reference(sheet, cell.formula)
            if target is None or (target[0].name, target[1]) in seen:
                return "=" + cell.formula
            seen.add((target[0].name, target[1]))
            sheet, position = target
        return ""

    def _reference(self, sheet: _Sheet, formula: str) -> tuple[_Sheet, tuple[int, int]] | None:
        match = _REFERENCE.match(formula)
        if match is None:
            return None
        name = match.group("sheet")
        target = sheet
        if name is not None:
            name = name[1:-1].replace("''", "'") if name.startswith("'") else name
            found = [s for s in self.sheets if s.name == name]
            if not found:
                return None
            target = self.load(found[0])
        position = _position(match.group("cell"))
        return None if position is None else (target, position)

    # -- the document --------------------------------------------------------------------

    def document(self) -> Document:
        scopes = self._report_scopes()
        if len(scopes) > 1:
            names = "、".join(self.by_position[p].name for p in scopes)
            raise ParseError(
                f"这个工作簿包含 {len(scopes)} 份报告（工作表 {names}），一次只能读取一份："
                "请每份报告一个工作簿",
                f"this workbook holds {len(scopes)} reports (sheets {names}); parse() reads "
                "one report per file: write them one per workbook",
                where=self.where,
                reason="several_reports",
            )
        if scopes:
            blocks, metadata = self._named(scopes[0])
        else:
            blocks, metadata = self._plain(), ()
        aside = set_aside_note(self.set_aside)
        return Document(
            format="xlsx",
            blocks=tuple(blocks),
            name=self.name,
            notes=(*self.notes, *self.clamp.notes(), *([aside] if aside else [])),
            metadata=metadata,
            set_aside=tuple(self.set_aside),
        )

    def _report_scopes(self) -> list[int]:
        """The sheets (positions) whose names mark the report sheet of a govdisclosure
        workbook: the scope of their ``govdisclosure.heading.*`` names."""
        scopes: list[int] = []
        for name, scope, reference in self.names:
            if name.startswith(HEADING_PREFIX):
                where = scope if scope is not None else self._sheet_of(reference)
                if where is not None and where in self.by_position and where not in scopes:
                    scopes.append(where)
        return scopes

    def _sheet_of(self, reference: str) -> int | None:
        target = self._target(reference)
        return target[0].position if target is not None else None

    def _target(self, reference: str) -> tuple[_Sheet, tuple[int, int], int] | None:
        """The sheet, first cell and row count a defined name refers to."""
        sheet_part, _, cells = reference.rpartition("!")
        if not sheet_part:
            return None
        sheet_name = (
            sheet_part[1:-1].replace("''", "'") if sheet_part.startswith("'") else sheet_part
        )
        found = [s for s in self.sheets if s.name == sheet_name]
        if not found:
            return None
        start, _, end = cells.partition(":")
        first = _position(start)
        last = _position(end) if end else first
        if first is None or last is None:
            return None
        return found[0], first, max(1, last[0] - first[0] + 1)

    def _named_value(self, names: dict[str, str], key: str) -> str | None:
        reference = names.get(NAME_PREFIX + key)
        if reference is None:
            return None
        target = self._target(reference)
        if target is None:
            return None
        sheet, (row, column), rows = target
        self.load(sheet)
        rows = min(rows, len(sheet.cells) + 1)
        return "".join(self.value(sheet, (row + i, column)) for i in range(rows))

    def _named(self, position: int) -> tuple[list[Block], tuple[tuple[str, str], ...]]:
        names = {
            name: reference
            for name, scope, reference in self.names
            if name.startswith(NAME_PREFIX) and scope in (position, None)
        }
        sheet = self.load(self.by_position[position])
        metadata: list[tuple[str, str]] = []
        for key in METADATA_KEYS:
            value = self._named_value(names, key)
            if value is None:
                continue
            value = value.strip()
            if key == "agency_level":
                value = _level(value)
            if value or key in ("title", "agency_level"):
                metadata.append((key, value))
        title_reference = names.get(NAME_PREFIX + "title")
        title_target = self._target(title_reference) if title_reference else None
        title_cell = title_target[1] if title_target and title_target[0] is sheet else None
        headings: dict[int, Section] = {}
        for section in Section:
            target = self._target(names.get(HEADING_PREFIX + section.value, ""))
            if target is not None and target[0] is sheet:
                headings[target[1][0]] = section
        texts = {key: self._named_value(names, key) for key in TEXT_KEYS}
        blocks: list[Block] = []
        title = dict(metadata).get("title")
        if title:
            blocks.append(TextBlock(text=title, span=_span(sheet, title_cell), heading=1))
        placed: set[str] = set()

        def emit(key: str, span: SourceSpan) -> None:
            text = texts.get(key)
            placed.add(key)
            if text:
                for line in text.split("\n"):
                    if line.strip():
                        blocks.append(TextBlock(text=line, span=span))

        emit("preface", _span(sheet, title_cell))
        pending: Section | None = None
        for block, first_row in self._blocks(sheet, skip={title_cell} if title_cell else set()):
            blocks.append(block)
            heading = headings.get(first_row) if isinstance(block, TextBlock) else None
            if heading is not None and isinstance(block, TextBlock):
                if heading in (Section.PROACTIVE, Section.APPLICATIONS, Section.APPEALS):
                    emit(f"{heading.value}.text_before", block.span)
                    pending = heading
                else:
                    emit(heading.value, block.span)
                    pending = None
            elif isinstance(block, Table) and pending is not None:
                emit(f"{pending.value}.text_after", block.span or SourceSpan())
                pending = None
        for key in TEXT_KEYS:
            if key not in placed and texts.get(key):
                self.notes.append(
                    (
                        _notes.TEXT_NOT_PLACED,
                        f"“{key}”部分的文字找不到所属的标题或表格，放在文末",
                        f"the text of {key!r} has no heading or table to follow; it is put "
                        "at the end",
                    )
                )
                emit(key, SourceSpan(page=position))
        others = [s.name for s in self.sheets if not s.loaded]
        if others:
            self.notes.append(
                (
                    _notes.SHEETS_NOT_READ,
                    f"工作表 {'、'.join(others)} 不属于报告（报告在工作表“{sheet.name}”），未读取",
                    f"sheet(s) {', '.join(others)} are not part of the report (it is on sheet "
                    f"{sheet.name!r}); not read",
                )
            )
        return blocks, tuple(metadata)

    def _plain(self) -> list[Block]:
        blocks: list[Block] = []
        hidden = []
        for sheet in self.sheets:
            if sheet.hidden:
                hidden.append(sheet.name)
                continue
            blocks.extend(block for block, _ in self._blocks(self.load(sheet), skip=set()))
        if hidden:
            self.notes.append(
                (
                    _notes.HIDDEN_CONTENT,
                    f"隐藏的工作表 {'、'.join(hidden)} 未读取",
                    f"hidden sheets {', '.join(hidden)} were not read",
                )
            )
        return blocks

    def _blocks(self, sheet: _Sheet, *, skip: set[tuple[int, int]]) -> Iterator[tuple[Block, int]]:
        """The sheet's blocks in order, each with the sheet row it starts on."""
        covered: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        origin_of: dict[tuple[int, int], tuple[int, int]] = {}
        for top, left, bottom, right in sheet.merges:
            if (bottom - top + 1) * (right - left + 1) > 4 * self.max_cells:
                continue  # a merge far larger than the sheet's cells: drawn, not data
            for r in range(top, bottom + 1):
                for c in range(left, right + 1):
                    origin_of[(r, c)] = (top, left)
            covered[(top, left)] = (top, left, bottom, right)
        hidden_rows = sheet.hidden_rows
        hidden_columns = sheet.hidden_columns
        rows: dict[int, list[int]] = {}
        hidden: list[tuple[int, int]] = []
        for r, c in sheet.cells:
            self.tick()
            if (r, c) in skip:
                continue
            if origin_of.get((r, c), (r, c)) != (r, c):
                continue  # inside a merged cell: its top-left cell holds the value
            if r in hidden_rows or c in hidden_columns:
                hidden.append((r, c))
                continue
            rows.setdefault(r, []).append(c)
        for r, c in sorted(hidden):  # not read, but kept (set aside), in sheet order
            text = self.value(sheet, (r, c)).strip()
            if text:
                span = SourceSpan(page=sheet.position, row=r, column=c)
                self.set_aside.append(SetAside(text=text, span=span, reason=HIDDEN))
        any_border = any(cell.bordered for cell in sheet.cells.values())

        def texts(r: int) -> list[tuple[int, str]]:
            return [
                (c, text) for c in sorted(rows[r]) if (text := self.value(sheet, (r, c)).strip())
            ]

        def in_table(r: int) -> bool:
            if any_border:
                return any(sheet.cells[(r, c)].bordered for c in rows[r])
            return len(texts(r)) >= 2

        def reach(r: int) -> int:
            """The last row the merged cells starting on row ``r`` cover."""
            return max([r, *(covered[(r, c)][2] for c in rows[r] if (r, c) in covered)])

        order = sorted(rows)
        i = 0
        while i < len(order):
            r = order[i]
            if not in_table(r):
                found = texts(r)
                if found:
                    span = SourceSpan(page=sheet.position, row=r, column=found[0][0])
                    for line in "\t".join(t for _, t in found).split("\n"):
                        if line.strip():
                            yield TextBlock(text=line.strip(), span=span), r
                i += 1
                continue
            # A table: the rows that follow with a bordered cell, and the rows its merged
            # cells reach down to.
            region, bottom = [r], reach(r)
            j = i + 1
            while j < len(order):
                row = order[j]
                if row > bottom + 1 or not (row <= bottom or in_table(row)):
                    break
                region.append(row)
                bottom = max(bottom, reach(row))
                j += 1
            yield self._table(sheet, region, rows, covered), r
            i = j

    def _table(
        self,
        sheet: _Sheet,
        region: list[int],
        rows: dict[int, list[int]],
        covered: dict[tuple[int, int], tuple[int, int, int, int]],
    ) -> Table:
        top, bottom = region[0], region[-1]
        left = min(c for r in region for c in rows[r])
        right = max(covered.get((r, c), (r, c, r, c))[3] for r in region for c in rows[r])
        right = min(right, left + 1000)  # a merge wider than any table is clamped
        n_rows, n_columns = bottom - top + 1, right - left + 1
        self.budget.take(n_rows * n_columns)
        index = self._next_table()
        cells: list[TableCell] = []
        taken: set[tuple[int, int]] = set()
        for r in region:
            for c in sorted(rows[r]):
                if c > right:
                    continue
                merge = covered.get((r, c))
                rowspan = colspan = 1
                if merge is not None:
                    rowspan = self.clamp.clamp(min(merge[2], bottom) - r + 1, "rowspan", f"{r}")
                    colspan = self.clamp.clamp(min(merge[3], right) - c + 1, "colspan", f"{c}")
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken.add((r + dr, c + dc))
                cells.append(
                    TableCell(
                        text=clean_lines(self.value(sheet, (r, c)).split("\n"), collapse=False),
                        row=r - top,
                        column=c - left,
                        rowspan=rowspan,
                        colspan=colspan,
                        span=SourceSpan(page=sheet.position, table=index, row=r, column=c),
                    )
                )
        # A spreadsheet's grid has no holes: a slot no cell covers is an empty cell.
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) not in taken and (r, c) not in sheet.cells:
                    cells.append(
                        TableCell(
                            text="",
                            row=r - top,
                            column=c - left,
                            span=SourceSpan(page=sheet.position, table=index, row=r, column=c),
                        )
                    )
        cells.sort(key=lambda cell: (cell.row, cell.column))
        return Table(
            index=index,
            cells=tuple(cells),
            n_rows=n_rows,
            n_columns=n_columns,
            span=SourceSpan(page=sheet.position, table=index),
        )

    def _next_table(self) -> int:
        self.tables += 1
        return self.tables


def _span(sheet: _Sheet, cell: tuple[int, int] | None) -> SourceSpan:
    if cell is None:
        return SourceSpan(page=sheet.position)
    return SourceSpan(page=sheet.position, row=cell[0], column=cell[1])


def _level(value: str) -> str:
    """A level as the template's drop-down shows it (its label) → the enum value."""
    for level in AgencyLevel:
        if value in (level.label(), level.value):
            return level.value
    return value


def _attribute(element: etree._Element, name: str, namespaces: tuple[str, ...]) -> str | None:
    for namespace in namespaces:
        value = element.get(f"{{{namespace}}}{name}")
        if value is not None:
            return value
    return None


def _join(folder: str, target: str) -> str:
    parts = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _int(value: str | None, default: int) -> int:
    if value is None:
        return default
    value = value.strip()
    return int(value) if value.isdigit() and len(value) < 10 else default


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _position(reference: str | None) -> tuple[int, int] | None:
    """``(row, column)``, 1-based, of an A1 reference (``$`` allowed)."""
    match = _CELL_REF.match((reference or "").strip())
    if match is None:
        return None
    row, column = int(match.group(2)), _column_number(match.group(1))
    if not (1 <= row <= _MAX_ROW and 1 <= column <= _MAX_COLUMN):
        return None
    return row, column


def _area(reference: str) -> tuple[int, int, int, int] | None:
    start, _, end = reference.partition(":")
    first, last = _position(start), _position(end or start)
    if first is None or last is None:
        return None
    top, bottom = sorted((first[0], last[0]))
    left, right = sorted((first[1], last[1]))
    return top, left, bottom, right


def _unescape(text: str) -> str:
    """Undo the ``_xHHHH_`` escapes of ``ST_Xstring``."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _rich_text(element: etree._Element, ns: str) -> str:
    """The text of a string item: its ``t`` and its runs' ``t``, not phonetic runs."""
    pieces: list[str] = []
    for child in element:
        tag = child.tag
        if tag == ns + "t":
            pieces.append(child.text or "")
        elif tag == ns + "r":
            for t in child.iter(ns + "t"):
                pieces.append(t.text or "")
    return _unescape("".join(pieces))


def _number(raw: str) -> str:
    """A stored number as a spreadsheet shows it: 15 significant digits, no exponent."""
    raw = raw.strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return raw
    if not value.is_finite():
        return raw
    digits = len(value.as_tuple().digits)
    if digits > _DIGITS:
        value = round(value, _DIGITS - value.adjusted() - 1)
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
