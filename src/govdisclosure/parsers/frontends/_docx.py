"""Reading Word files: DOCX (Office Open XML) into a :class:`~govdisclosure.parsers.Document`.

The main part (``word/document.xml``, found through the package relationships) is read
directly with lxml (the ``docx`` extra), which keeps what python-docx's object model makes
awkward: the body's paragraphs and tables in one order, and merged cells as they are
stored (``w:gridSpan`` across, ``w:vMerge`` down, ``w:gridBefore``/``w:gridAfter`` at the
row ends).

What comes out:

* Every body paragraph with text becomes a :class:`TextBlock` (line breaks ``"\\n"``, tabs
  ``"\\t"``); its span's ``line`` is the paragraph's 1-based position among all the
  paragraphs of the body, in document order (table cells and text boxes included).
* Every table becomes a :class:`Table`, each cell once with its grid position and spans;
  a cell's paragraphs are joined with ``"\\n"``. A table that holds another table, or has
  a single column, is page layout: its content is read as running text and the tables
  inside as tables (note ``layout-table``).
* Text of tracked deletions, field codes and the fallback copies of text boxes is not
  text of the document; page headers, footers, footnotes and comments are not read.
* Runs Word does not show as text are kept out of the text and set aside
  (:attr:`Document.set_aside`, leftovers in the result), never glued onto a figure: hidden
  runs (``w:vanish``, ``w:specVanish``, ``w:webHidden``), struck-through runs
  (``w:strike``, ``w:dstrike``), and superscript runs inside table cells, which are
  footnote marks. (A run hidden through a character style, not its own properties, is
  read.)
* A paragraph in the ``Title`` style is a level-1 heading (the document's title line),
  and custom document properties named ``govdisclosure:<key>`` are the document's
  metadata (what ``render_docx`` writes that the body does not print).

Untrusted files: the zip is checked before anything is decompressed (member count, each
part's size against ``max_bytes`` and its compression ratio against
``max_decompression_ratio``); XML parts are parsed without network access, without
loading or resolving any DTD or entity, and a part that declares a DTD is refused.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ..._limits import DEFAULT_LIMITS, Limits
from ...exceptions import LimitExceededError, ParseError
from ...model import SourceSpan
from .._clock import Deadline, deadline
from .._document import (
    FOOTNOTE_MARK,
    HIDDEN,
    STRUCK,
    Block,
    Document,
    SetAside,
    Table,
    TableCell,
    TextBlock,
)
from .._notes import Note
from ._common import (
    CellBudget,
    SpanClamp,
    check_size,
    clean_lines,
    depth_over,
    layout_note,
    optional_import,
    set_aside_note,
)

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["read_docx"]

MAX_MEMBERS = 10_000
"""The most files a DOCX zip may hold (Word writes a few dozen; images add some)."""

_MAIN_DOCUMENT = "word/document.xml"
# A DTD (the door to entity expansion and external entities) is refused before parsing;
# XML parts may be UTF-8 or UTF-16.
_DTD_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CORE_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_CUSTOM_PROPERTIES = "docProps/custom.xml"
_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
#: Custom document properties named ``govdisclosure:<key>`` state what the body does not
#: print (agency, level, year, edition, title): Document.metadata.
_METADATA_PREFIX = "govdisclosure:"
#: The paragraph style of a document's title (what Word calls it in every language).
_TITLE_STYLE = "Title"
# WordprocessingML: the transitional namespace (what Word writes) and ISO strict.
_W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)


@attrs.define
class _OpenCell:
    """A cell being built: vertical merges extend it downwards."""

    lines: list[str]
    row: int
    column: int
    colspan: int
    rowspan: int = 1


class _Names:
    """Qualified tag names for one WordprocessingML namespace."""

    def __init__(self, namespace: str) -> None:
        w = f"{{{namespace}}}"
        self.w = w
        self.body = w + "body"
        self.p = w + "p"
        self.r = w + "r"
        self.t = w + "t"
        self.tab = w + "tab"
        self.ptab = w + "ptab"
        self.br = w + "br"
        self.cr = w + "cr"
        self.no_break_hyphen = w + "noBreakHyphen"
        self.sym = w + "sym"
        self.char = w + "char"
        self.tbl = w + "tbl"
        self.tr = w + "tr"
        self.tc = w + "tc"
        self.tr_pr = w + "trPr"
        self.tc_pr = w + "tcPr"
        self.grid_span = w + "gridSpan"
        self.grid_before = w + "gridBefore"
        self.grid_after = w + "gridAfter"
        self.v_merge = w + "vMerge"
        self.h_merge = w + "hMerge"
        self.val = w + "val"
        self.r_pr = w + "rPr"
        self.hidden = (w + "vanish", w + "specVanish", w + "webHidden")
        self.struck = (w + "strike", w + "dstrike")
        self.vert_align = w + "vertAlign"
        self.txbx_content = w + "txbxContent"
        self.sdt = w + "sdt"
        self.sdt_content = w + "sdtContent"
        self.custom_xml = w + "customXml"
        # Not text of the document: deleted or moved-away text, field codes, properties.
        self.skip = frozenset(
            w + name
            for name in (
                "del",
                "delText",
                "moveFrom",
                "instrText",
                "delInstrText",
                "pPr",
                "rPr",
                "tblPr",
                "tblGrid",
                "trPr",
                "tcPr",
                "sectPr",
                "footnoteReference",
                "endnoteReference",
                "commentReference",
            )
        )
        # Containers whose children are read in their place.
        self.transparent = frozenset(
            {self.sdt, self.sdt_content, self.custom_xml, w + "ins", w + "moveTo", w + "smartTag"}
        )


def read_docx(
    data: bytes,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read a Word file (DOCX) into a :class:`Document`.

    Args:
        data: the file's bytes.
        name: the document's name or path, for messages and :attr:`Document.name`.
        limits: safety limits (``max_bytes``, ``max_decompression_ratio``,
            ``max_elements``, ``max_depth``, ``max_cells``).

    Returns:
        The body's text blocks and tables in document order; the core properties' title
        as :attr:`Document.title`; the custom properties ``govdisclosure:<key>`` as
        :attr:`Document.metadata`.

    Raises:
        ParseError: the bytes are not a DOCX (not a zip, no main document part, malformed
            XML, a part declaring a DTD), or python's lxml is not installed
            (``pip install 'govdisclosure[docx]'``).
        LimitExceededError: the file or a part is over ``max_bytes``, a part is
            compressed more than ``max_decompression_ratio`` (a zip bomb), the zip has
            more than 10,000 members, or the XML is over ``max_elements``/``max_depth``,
            or its tables over ``max_cells``.
    """
    etree_module = optional_import("lxml.etree", "docx", name)
    clock = deadline(limits, name)
    where = name or "<docx>"
    check_size(len(data), limits, name)
    package = _Package(data, limits, where, etree_module)
    main = package.main_part()
    root = package.xml(main)
    tag = str(root.tag)
    namespace = tag[1:].partition("}")[0] if tag.startswith("{") else ""
    if namespace not in _W_NAMESPACES:
        raise ParseError(
            f"{main} 不是 Word 文档正文（根元素 {tag}）",
            f"{main} is not a WordprocessingML document (root element {tag})",
            where=where,
        )
    names = _Names(namespace)
    body = root.find(names.body)
    clock.check()
    reader = _Reader(names, limits, where, clock)
    if body is not None:
        reader.blocks_of(body)
    return Document(
        format="docx",
        blocks=tuple(reader.blocks),
        name=name,
        title=package.title(),
        metadata=package.metadata(),
        notes=reader.notes(),
        set_aside=tuple(reader.set_aside),
    )


class _Package:
    """The zip container, checked before anything is decompressed."""

    def __init__(
        self, data: bytes, limits: Limits, where: str, etree_module: Any, kind: str = "DOCX"
    ) -> None:
        #: The file kind messages name (``"DOCX"``, ``"XLSX"``: the same zip package).
        self.kind = kind
        self.limits = limits
        self.where = where
        self.etree = etree_module
        members = _declared_members(data)
        if members is not None and members > MAX_MEMBERS:
            raise self._too_many(members)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except Exception as e:  # zipfile raises many kinds on damaged archives
            raise ParseError(
                f"不是 {kind} 文件：无法作为 ZIP 压缩包打开（{e}）",
                f"not a {kind} file: it does not open as a zip archive ({e})",
                where=where,
            ) from e
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise self._too_many(len(infos))
        self.members = {info.filename: info for info in infos}

    def _too_many(self, count: int) -> LimitExceededError:
        return LimitExceededError(
            f"{self.kind} 压缩包含 {count} 个文件，超过上限 {MAX_MEMBERS}",
            f"the {self.kind} zip holds {count} files, over the limit of {MAX_MEMBERS}",
            where=self.where,
        )

    def read(self, part: str) -> bytes:
        """A part's bytes, after checking its declared size and compression ratio."""
        info = self.members.get(part)
        if info is None:
            raise ParseError(
                f"不是 {self.kind} 文件：缺少 {part}",
                f"not a {self.kind} file: {part} is missing",
                where=self.where,
            )
        where = f"{self.where}:{part}"
        check_size(info.file_size, self.limits, where)
        ratio_limit = self.limits.max_decompression_ratio
        if info.file_size > 0 and (
            info.compress_size == 0 or info.file_size > info.compress_size * ratio_limit
        ):
            ratio = info.file_size / max(info.compress_size, 1)
            raise LimitExceededError(
                f"压缩比 {ratio:.0f} 超过上限 max_decompression_ratio={ratio_limit:g}"
                "（疑似压缩炸弹）",
                f"compression ratio {ratio:.0f} is over max_decompression_ratio="
                f"{ratio_limit:g} (a zip bomb?)",
                where=where,
                limit="max_decompression_ratio",
                value=ratio,
                maximum=ratio_limit,
            )
        if info.flag_bits & 0x1:
            raise ParseError(
                f"{self.kind} 中的 {part} 已加密，无法读取",
                f"{part} in the {self.kind} is encrypted",
                where=self.where,
            )
        try:
            with self.zip.open(info) as stream:
                content = stream.read(info.file_size + 1)
        except Exception as e:  # zipfile and zlib raise many kinds on damaged data
            raise ParseError(
                f"{self.kind} 中的 {part} 无法解压（{type(e).__name__}: {e}）",
                f"{part} in the {self.kind} cannot be decompressed ({type(e).__name__}: {e})",
                where=self.where,
            ) from e
        check_size(len(content), self.limits, where)
        return content

    def xml(self, part: str) -> etree._Element:
        """Parse an XML part safely: no network, no DTD, no entities."""
        content = self.read(part)
        where = f"{self.where}:{part}"
        elements = content.count(b"<")
        if elements > self.limits.max_elements:
            raise LimitExceededError(
                f"{part} 含约 {elements} 个元素，超过上限 max_elements={self.limits.max_elements}",
                f"{part} has about {elements} elements, over max_elements="
                f"{self.limits.max_elements}",
                where=where,
                limit="max_elements",
                value=elements,
                maximum=self.limits.max_elements,
            )
        if any(marker in content for marker in _DTD_MARKERS):
            raise self._dtd(part)
        etree_module = self.etree
        parser = etree_module.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            attribute_defaults=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        try:
            root: etree._Element = etree_module.fromstring(content, parser)
        except etree_module.XMLSyntaxError as e:
            limit = any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)
            if limit:
                raise LimitExceededError(
                    f"{part} 超出 XML 解析器的限制：{e}",
                    f"{part} is beyond the XML parser's limits: {e}",
                    where=where,
                ) from e
            raise ParseError(
                f"{part} 不是格式正确的 XML：{e}",
                f"{part} is not well-formed XML: {e}",
                where=where,
            ) from e
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise self._dtd(part)
        depth = depth_over(root, self.limits.max_depth)
        if depth is not None:
            raise LimitExceededError(
                f"{part} 元素嵌套超过上限 max_depth={self.limits.max_depth}",
                f"{part} nests elements deeper than max_depth={self.limits.max_depth}",
                where=f"{where}:{depth.sourceline}",
                limit="max_depth",
                value=self.limits.max_depth + 1,
                maximum=self.limits.max_depth,
            )
        return root

    def _dtd(self, part: str) -> ParseError:
        return ParseError(
            f"{part} 含有 DTD 声明（DOCTYPE/ENTITY），Office 文件不会有，已拒绝读取",
            f"{part} declares a DTD (DOCTYPE/ENTITY), which no Office file has; refused",
            where=f"{self.where}:{part}",
        )

    def main_part(self) -> str:
        """The main document part, as the package relationships name it."""
        if "_rels/.rels" in self.members:
            rels = self.xml("_rels/.rels")
            for rel in rels.iter(_PACKAGE_RELS + "Relationship"):
                if rel.get("Type") in _OFFICE_DOCUMENT:
                    target = (rel.get("Target") or "").lstrip("/")
                    if target in self.members:
                        return target
        return _MAIN_DOCUMENT

    def metadata(self) -> tuple[tuple[str, str], ...]:
        """The custom properties named ``govdisclosure:<key>``, as ``(key, value)`` pairs
        (never an error: a damaged part states nothing)."""
        if _CUSTOM_PROPERTIES not in self.members:
            return ()
        try:
            custom = self.xml(_CUSTOM_PROPERTIES)
        except ParseError:
            return ()
        pairs: list[tuple[str, str]] = []
        for prop in custom.iter(_CUSTOM + "property"):
            name = prop.get("name") or ""
            if name.startswith(_METADATA_PREFIX):
                value = "".join(child.text or "" for child in prop)
                pairs.append((name[len(_METADATA_PREFIX) :], value))
        return tuple(pairs)

    def title(self) -> str | None:
        """The title in the core properties, if any (never an error)."""
        if "docProps/core.xml" not in self.members:
            return None
        try:
            core = self.xml("docProps/core.xml")
        except ParseError:
            return None
        title = core.find(_CORE_TITLE)
        text = (title.text or "").strip() if title is not None else ""
        return text or None


def _declared_members(data: bytes) -> int | None:
    """The member count the zip's end record declares, read before zipfile parses the
    central directory (``None`` if there is no plain end record)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    (total,) = struct.unpack_from("<H", data, end + 10)
    return None if total == 0xFFFF else int(total)


class _Reader:
    """Walks the body once, collecting text blocks and tables in order."""

    def __init__(self, names: _Names, limits: Limits, where: str, clock: Deadline) -> None:
        self.n = names
        self.tick = clock.tick
        self.blocks: list[Block] = []
        self.budget = CellBudget(limits, where)
        self.clamp = SpanClamp()
        self.layout = 0
        self._paragraphs = 0
        self._tables = 0
        #: Runs kept out of the text (hidden, struck through, footnote marks).
        self.set_aside: list[SetAside] = []

    def notes(self) -> tuple[Note, ...]:
        notes = list(self.clamp.notes())
        aside = set_aside_note(self.set_aside)
        if aside is not None:
            notes.append(aside)
        if self.layout:
            notes.append(layout_note(self.layout))
        return tuple(notes)

    # -- block content ----------------------------------------------------------------

    def blocks_of(self, container: etree._Element) -> None:
        """Read the block content (paragraphs, tables) of the body, a cell or a text box."""
        n = self.n
        for child in _block_children(container, n):
            self.tick()
            if child.tag == n.p:
                boxes: list[etree._Element] = []
                self._paragraphs += 1
                line = self._paragraphs
                aside: list[tuple[str, str]] = []
                text = self.paragraph_text(child, boxes, aside)
                if text:
                    heading = 1 if _style(child, n) == _TITLE_STYLE else 0
                    self.blocks.append(
                        TextBlock(text=text, span=SourceSpan(line=line), heading=heading)
                    )
                self._aside(aside, SourceSpan(line=line))
                for box in boxes:
                    self.blocks_of(box)
            elif child.tag == n.tbl:
                self.table(child)

    def paragraph_text(
        self,
        paragraph: etree._Element,
        boxes: list[etree._Element],
        aside: list[tuple[str, str]],
        *,
        in_cell: bool = False,
    ) -> str:
        """The paragraph's text; text boxes met inside are appended to ``boxes``, runs
        kept out of the text to ``aside`` as ``(reason, text)``."""
        pieces: list[str] = []
        self._runs(paragraph, pieces, boxes, aside, in_cell)
        return "".join(pieces).strip()

    def _aside(self, found: list[tuple[str, str]], span: SourceSpan) -> None:
        """Keep runs set aside at ``span``; neighbouring runs of one reason as one text."""
        merged: list[tuple[str, str]] = []
        for reason, text in found:
            if merged and merged[-1][0] == reason:
                merged[-1] = (reason, merged[-1][1] + text)
            else:
                merged.append((reason, text))
        for reason, text in merged:
            if text.strip():
                self.set_aside.append(SetAside(text=text.strip(), span=span, reason=reason))

    def _run_reason(self, run: etree._Element, in_cell: bool) -> str | None:
        """Why a run's text is kept out of the text, from its own properties, if it is."""
        properties = run.find(self.n.r_pr)
        if properties is None:
            return None
        n = self.n
        for child in properties:
            tag = child.tag
            if tag in n.hidden and _on(child, n):
                return HIDDEN
        for child in properties:
            tag = child.tag
            if tag in n.struck and _on(child, n):
                return STRUCK
            if tag == n.vert_align and in_cell and child.get(n.val) == "superscript":
                return FOOTNOTE_MARK
        return None

    def _runs(
        self,
        element: etree._Element,
        pieces: list[str],
        boxes: list[etree._Element],
        aside: list[tuple[str, str]],
        in_cell: bool,
    ) -> None:
        n = self.n
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in n.skip:
                continue
            if tag == n.r:
                reason = self._run_reason(child, in_cell)
                if reason is None:
                    self._runs(child, pieces, boxes, aside, in_cell)
                else:
                    kept: list[str] = []
                    self._runs(child, kept, boxes, aside, in_cell)
                    aside.append((reason, "".join(kept)))
            elif tag == n.t:
                if child.text:
                    pieces.append(child.text)
            elif tag in (n.tab, n.ptab):
                pieces.append("\t")
            elif tag in (n.br, n.cr):
                pieces.append("\n")
            elif tag == n.no_break_hyphen:
                pieces.append("-")
            elif tag == n.sym:
                pieces.append(_symbol(child.get(n.char)))
            elif tag == n.txbx_content:
                boxes.append(child)
            elif tag == _MC + "AlternateContent":
                chosen = _alternate(child)
                if chosen is not None:
                    self._runs(chosen, pieces, boxes, aside, in_cell)
            else:
                self._runs(child, pieces, boxes, aside, in_cell)

    # -- tables -----------------------------------------------------------------------

    def table(self, table: etree._Element) -> None:
        n = self.n
        if _has_nested_table(table, n):
            self._layout(table)
            return
        rows = list(_children(table, n.tr, n))
        index = self._tables + 1
        cells: list[_OpenCell] = []
        # Grid column -> the cell covering it in the previous row (for vertical merges).
        above: dict[int, _OpenCell] = {}
        n_columns = 0
        for r, tr in enumerate(rows):
            self.tick()
            where = f"table {index} row {r + 1}"
            tr_pr = tr.find(n.tr_pr)
            c = self._grid_count(tr_pr, n.grid_before, 0, where)
            current: dict[int, _OpenCell] = {}
            previous: _OpenCell | None = None
            for tc in _children(tr, n.tc, n):
                tc_pr = tc.find(n.tc_pr)
                span = self._grid_count(tc_pr, n.grid_span, 1, where) or 1
                aside: list[tuple[str, str]] = []
                lines = self.cell_lines(tc, aside)
                self._aside(aside, SourceSpan(table=index, row=r + 1, column=c + 1))
                if _merge(tc_pr, n.h_merge, n) == "continue" and previous is not None:
                    # Legacy horizontal merge: the cell to the left grows.
                    cell = previous
                    self.budget.take(span * cell.rowspan)
                    cell.colspan += span
                else:
                    self.budget.take(span)
                    merged = above.get(c) if _merge(tc_pr, n.v_merge, n) == "continue" else None
                    if merged is not None and merged.column == c and merged.colspan == span:
                        merged.rowspan += 1
                        cell = merged
                    else:
                        cell = _OpenCell(lines=[], row=r, column=c, colspan=span)
                        cells.append(cell)
                # A merged-away cell normally has no text; if it has some, it is kept.
                cell.lines.extend(lines)
                for column in range(c, c + span):
                    current[column] = cell
                previous = cell
                c += span
            c += self._grid_count(tr_pr, n.grid_after, 0, where)
            n_columns = max(n_columns, c)
            above = current
        if n_columns < 2:
            self._layout(table)
            return
        self._tables = index
        self.blocks.append(
            Table(
                index=index,
                cells=tuple(
                    TableCell(
                        text=clean_lines(cell.lines, collapse=False),
                        row=cell.row,
                        column=cell.column,
                        rowspan=cell.rowspan,
                        colspan=cell.colspan,
                        span=SourceSpan(table=index, row=cell.row + 1, column=cell.column + 1),
                    )
                    for cell in cells
                ),
                n_rows=len(rows),
                n_columns=n_columns,
                span=SourceSpan(table=index),
            )
        )

    def _grid_count(
        self, properties: etree._Element | None, tag: str, default: int, where: str
    ) -> int:
        """A ``w:gridSpan``/``w:gridBefore``/``w:gridAfter`` value, huge ones clamped."""
        if properties is None:
            return default
        element = properties.find(tag)
        if element is None:
            return default
        raw = (element.get(self.n.val) or "").strip()
        if not raw.isdigit():
            return default
        value = int(raw) if len(raw) < 10 else 10**9
        if value == 0:
            return 0
        return self.clamp.clamp(value, tag.rpartition("}")[2], where)

    def cell_lines(self, container: etree._Element, aside: list[tuple[str, str]]) -> list[str]:
        """The lines of a cell's text: one per paragraph, split at line breaks (runs kept
        out of the text go to ``aside``)."""
        n = self.n
        lines: list[str] = []
        for child in _block_children(container, n):
            if child.tag == n.p:
                self._paragraphs += 1
                boxes: list[etree._Element] = []
                text = self.paragraph_text(child, boxes, aside, in_cell=True)
                lines.extend(text.split("\n"))
                for box in boxes:
                    lines.extend(self.cell_lines(box, aside))
        return lines

    def _layout(self, table: etree._Element) -> None:
        """Read a layout table's cells as running text, and tables inside as tables."""
        n = self.n
        self.layout += 1
        for tr in _children(table, n.tr, n):
            for tc in _children(tr, n.tc, n):
                self.blocks_of(tc)


def _children(parent: etree._Element, tag: str, n: _Names) -> Iterator[etree._Element]:
    """Children with ``tag``, looking through content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in n.transparent:
            yield from _children(child, tag, n)


def _block_children(parent: etree._Element, n: _Names) -> Iterator[etree._Element]:
    """Paragraphs and tables under ``parent``, looking through wrappers."""
    for child in parent:
        tag = child.tag
        if tag == n.p or tag == n.tbl:
            yield child
        elif tag in n.transparent:
            yield from _block_children(child, n)
        elif tag == _MC + "AlternateContent":
            chosen = _alternate(child)
            if chosen is not None:
                yield from _block_children(chosen, n)


def _has_nested_table(table: etree._Element, n: _Names) -> bool:
    return any(element is not table for element in table.iter(n.tbl))


def _alternate(element: etree._Element) -> etree._Element | None:
    """The branch of ``mc:AlternateContent`` to read: the first choice, else the fallback."""
    choice = element.find(_MC + "Choice")
    return choice if choice is not None else element.find(_MC + "Fallback")


def _style(paragraph: etree._Element, n: _Names) -> str | None:
    """The paragraph's style id (``w:pPr/w:pStyle``), if any."""
    properties = paragraph.find(n.w + "pPr")
    style = properties.find(n.w + "pStyle") if properties is not None else None
    return style.get(n.val) if style is not None else None


def _on(toggle: etree._Element, n: _Names) -> bool:
    """Whether a toggle property (``<w:vanish/>``, ``<w:strike w:val="false"/>``) is on."""
    return (toggle.get(n.val) or "true").strip().lower() not in ("0", "false", "off")


def _merge(properties: etree._Element | None, tag: str, n: _Names) -> str | None:
    """``"restart"``, ``"continue"`` or ``None`` for a ``w:vMerge``/``w:hMerge``."""
    if properties is None:
        return None
    element = properties.find(tag)
    if element is None:
        return None
    return "restart" if element.get(n.val) == "restart" else "continue"


def _symbol(code: str | None) -> str:
    """The character of a ``w:sym`` (symbol fonts map into the private use area)."""
    try:
        value = int(code or "", 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:
        value -= 0xF000
    return chr(value) if 0x20 <= value < 0xD800 or 0xE000 <= value <= 0x10FFFF else ""
