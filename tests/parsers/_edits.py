"""The edits a publisher's tools make, applied to the corpus documents themselves.

Each helper takes a real published document (HTML page, Word file, text) and returns it
changed the way documents in the wild are: a label with characters missing, a label cell
emptied, a cell left out of a row, a table broken in two at a page break (a header
repeated, partly repeated or not, a page number between the parts, the end of a label
alone at the top of the next part), a header row repeated inside a table, a heading
misnumbered. Tables are edited as tables (lxml), so merged cells cut by a break are cut
the way a page break cuts them: one part on each side.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from lxml import etree, html

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """A label as compared: white space removed."""
    return _SPACE.sub("", text)


# -- HTML ---------------------------------------------------------------------------------


class Grid:
    """The cells of a table on its grid: (row, column, rowspan, colspan) per cell."""

    def __init__(self, rows: Sequence[Any], span: Callable[[Any], tuple[int, int]]) -> None:
        self.rows = list(rows)
        self.place: dict[int, tuple[int, int, int, int]] = {}
        self.cells: list[Any] = []
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(self.rows):
            c = 0
            for cell in _cells_of(row):
                while (r, c) in taken:
                    c += 1
                rowspan, colspan = span(cell)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken.add((r + dr, c + dc))
                self.place[id(cell)] = (r, c, rowspan, colspan)
                self.cells.append(cell)
                c += colspan


def _cells_of(row: Any) -> list[Any]:
    tag = row.tag if isinstance(row.tag, str) else ""
    if tag == f"{_W}tr":
        return list(row.iterchildren(f"{_W}tc"))
    return [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]


def _html_span(cell: Any) -> tuple[int, int]:
    return int(cell.get("rowspan", "1") or 1), int(cell.get("colspan", "1") or 1)


class HtmlPage:
    """A web page whose tables can be edited as a publisher's tools would."""

    def __init__(self, page: str) -> None:
        self.root = html.fromstring(page)

    def html(self) -> str:
        return html.tostring(self.root, encoding="unicode")

    def tables(self) -> list[Any]:
        return [t for t in self.root.iter("table") if not t.xpath("ancestor::table")]

    def table_with(self, label: str) -> Any:
        """The table with a cell reading ``label``."""
        for table in self.tables():
            if any(squash(cell.text_content()) == squash(label) for cell in table.iter("td")):
                return table
        raise AssertionError(f"no table has {label!r}")

    @staticmethod
    def rows(table: Any) -> list[Any]:
        return [r for r in table.iter("tr") if r.xpath("ancestor::table[1]")[0] is table]

    def row_with(self, label: str) -> tuple[Any, Any]:
        """The table and the row whose cell reads ``label``."""
        table = self.table_with(label)
        for row in self.rows(table):
            if any(squash(c.text_content()) == squash(label) for c in _cells_of(row)):
                return table, row
        raise AssertionError(label)

    def set_text(self, old: str, new: str) -> HtmlPage:
        """The cell or paragraph reading ``old`` reads ``new`` (a misprint, a lost label)."""
        tags = ("td", "p", "h1", "h2", "h3", "h4", "strong", "span", "b")
        found = [e for e in self.root.iter(*tags) if squash(e.text_content()) == squash(old)]
        assert found, f"no element reads {old!r}"
        # The innermost element that reads it: its words only, no mark-up left inside.
        deepest = [e for e in found if not any(d is not e and d in found for d in e.iter())]
        element = deepest[0]
        for child in list(element):
            element.remove(child)
        element.text = new
        return self

    def drop_cell(self, label: str | None, index: int) -> HtmlPage:
        """Leave out cell ``index`` (0-based, label cells included) of the row labelled
        ``label`` — or, for ``None``, of the last row of the last table (table 四)."""
        if label is None:
            row = self.rows(self.tables()[-1])[-1]
        else:
            _, row = self.row_with(label)
        cell = _cells_of(row)[index]
        row.remove(cell)
        return self

    def repeat_header(self, before: str, header_rows: int) -> HtmlPage:
        """Repeat the table's first ``header_rows`` rows in front of the row labelled
        ``before``, inside the same table (a converter that joins the pages of a table
        keeps the header printed on top of each): merged cells are cut there."""
        table, _ = self.row_with(before)
        self.split_table(before, header_rows=header_rows, between=())
        second = table.getnext()
        body = table.find("tbody") if table.find("tbody") is not None else table
        for row in self.rows(second):
            body.append(row)
        second.getparent().remove(second)
        return self

    def regroup(
        self, single: str, group: str, items: Sequence[tuple[str, Sequence[str]]]
    ) -> HtmlPage:
        """Print the one-row ``single`` (2019's （六）其他处理) as the group ``group`` of
        ``items`` (label, figures) — the 2021 shape of that part of table 三."""
        _html_regroup(self, single, group, items)
        return self

    def split_table(
        self,
        at: str,
        *,
        header_rows: int | Sequence[int] = 0,
        between: Sequence[str] = ("- 4 -",),
        tail: tuple[str, str] | None = None,
        before: int | None = None,
    ) -> HtmlPage:
        """Break the table before the row labelled ``at`` (or, with ``before``, before
        that row of the table holding ``at``), as a page break does.

        Merged cells cut by the break become one cell on each side (the second empty).
        ``header_rows`` rows of the header (or the rows at the indexes given) are
        repeated on top of the second part;
        ``between`` are paragraphs between the parts (a page number). ``tail`` =
        ``(label, rest)`` first cuts the row labelled ``label`` (the last before the
        break) after its label's beginning: ``rest`` stands alone, with empty cells, on
        top of the second part.
        """
        table, row = self.row_with(at)
        rows = self.rows(table)
        if before is not None:
            row = rows[before]
        if tail is not None:
            label, rest = tail
            _, previous = self.row_with(label)
            row = _html_tail_row(table, rows, previous, label, rest)
            rows = self.rows(table)
        grid = Grid(rows, _html_span)
        cut = rows.index(row)
        second = etree.Element("table", dict(table.attrib))
        body = etree.SubElement(second, "tbody")
        for header in _header(rows, header_rows):
            body.append(copy.deepcopy(header))
        continued: list[tuple[int, Any]] = []
        for cell in grid.cells:
            r, c, rowspan, _ = grid.place[id(cell)]
            if r < cut < r + rowspan:
                cell.set("rowspan", str(cut - r))
                rest_cell = etree.Element("td", dict(cell.attrib.items()))
                rest_cell.set("rowspan", str(r + rowspan - cut))
                continued.append((c, rest_cell))
        for moved in rows[cut:]:
            moved.getparent().remove(moved)
            body.append(moved)
        for column, rest_cell in continued:
            _insert_at_column(rows[cut], rest_cell, column, grid)
        anchor = table
        for text in between:
            paragraph = etree.Element("p")
            paragraph.text = text
            anchor.addnext(paragraph)
            anchor = paragraph
        anchor.addnext(second)
        return self


def _header(rows: Sequence[Any], header_rows: int | Sequence[int]) -> list[Any]:
    """The rows to repeat: the first ``header_rows``, or those at the indexes given."""
    if isinstance(header_rows, int):
        return list(rows[:header_rows])
    return [rows[i] for i in header_rows]


def _html_regroup(
    page: HtmlPage, single: str, group: str, items: Sequence[tuple[str, Sequence[str]]]
) -> None:
    table, row = page.row_with(single)
    rows = page.rows(table)
    grid = Grid(rows, _html_span)
    index = rows.index(row)
    for cell in grid.cells:
        r, _, rowspan, _ = grid.place[id(cell)]
        if r < index < r + rowspan:  # the stub 三、本年度办理结果 over the row
            cell.set("rowspan", str(rowspan + len(items) - 1))
    label, *values = _cells_of(row)
    anchor = row
    for i, (text, figures) in enumerate(items):
        new = etree.Element("tr")
        if i == 0:
            head = etree.SubElement(new, "td", {"rowspan": str(len(items))})
            head.text = group
        item = etree.SubElement(new, "td")
        item.text = text
        for model, figure in zip(values, figures, strict=True):
            cell = etree.SubElement(new, "td", dict(model.attrib.items()))
            cell.text = figure
        anchor.addnext(new)
        anchor = new
    del label
    row.getparent().remove(row)


def _insert_at_column(row: Any, cell: Any, column: int, grid: Grid) -> None:
    """Put ``cell`` in ``row`` before the first of its cells (placed on ``grid``, the
    table before the edit) at ``column`` or right of it."""
    for other in _cells_of(row):
        place = grid.place.get(id(other))
        if place is not None and place[1] >= column:
            other.addprevious(cell)
            return
    row.append(cell)


def _html_tail_row(table: Any, rows: list[Any], row: Any, label: str, rest: str) -> Any:
    """Cut ``label`` in ``row`` so that ``rest`` stands in a new row under it; return it."""
    grid = Grid(rows, _html_span)
    index = rows.index(row)
    cells = _cells_of(row)
    label_cell = next(c for c in cells if squash(c.text_content()) == squash(label))
    label_column = grid.place[id(label_cell)][1]
    for cell in grid.cells:
        r, c, rowspan, _ = grid.place[id(cell)]
        # Cells merged over the label's row and the next, and the stub left of the label,
        # reach over the new row too.
        if r <= index < r + rowspan and (r + rowspan > index + 1 or c < label_column):
            cell.set("rowspan", str(rowspan + 1))
    new = etree.Element("tr")
    for cell in cells:
        _, c, rowspan, _colspan = grid.place[id(cell)]
        if c < label_column or (rowspan > 1 and cell is not label_cell):
            continue
        copied = etree.SubElement(new, cell.tag, dict(cell.attrib.items()))
        copied.attrib.pop("rowspan", None)
        copied.text = rest if cell is label_cell else ""
    for child in list(label_cell):
        label_cell.remove(child)
    label_cell.text = label[: len(label) - len(rest)]
    row.addnext(new)
    return new


# -- Word ---------------------------------------------------------------------------------


def _docx_span(cell: Any) -> tuple[int, int]:
    span = cell.find(f"{_W}tcPr/{_W}gridSpan")
    return 1, int(span.get(f"{_W}val")) if span is not None else 1


def _text_of(cell: Any) -> str:
    return "".join(t.text or "" for t in cell.iter(f"{_W}t"))


class WordFile:
    """A Word file whose body can be edited as a publisher's tools would."""

    def __init__(self, data: bytes) -> None:
        self.parts: dict[str, bytes] = {}
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                self.parts[name] = archive.read(name)
        self.root = etree.fromstring(self.parts["word/document.xml"])

    def docx(self) -> bytes:
        self.parts["word/document.xml"] = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in self.parts.items():
                archive.writestr(name, content)
        return buffer.getvalue()

    def tables(self) -> list[Any]:
        return list(self.root.iter(f"{_W}tbl"))

    def _cells(self) -> Iterator[Any]:
        yield from self.root.iter(f"{_W}tc")

    def row_with(self, label: str) -> tuple[Any, Any]:
        for cell in self._cells():
            if squash(_text_of(cell)) == squash(label):
                row = cell.getparent()
                return row.getparent(), row
        raise AssertionError(label)

    def set_text(self, old: str, new: str) -> WordFile:
        """The cell or paragraph reading ``old`` (its runs joined) reads ``new``."""
        for element in (*self._cells(), *self.root.iter(f"{_W}p")):
            if squash(_text_of(element)) == squash(old):
                _set_text(element, new)
                return self
        raise AssertionError(f"nothing reads {old!r}")

    def drop_cell(self, label: str | None, index: int) -> WordFile:
        """Leave out cell ``index`` of the row labelled ``label`` (``None``: the last row
        of the last table)."""
        if label is None:
            row = list(self.tables()[-1].iterchildren(f"{_W}tr"))[-1]
        else:
            _, row = self.row_with(label)
        cell = list(row.iterchildren(f"{_W}tc"))[index]
        row.remove(cell)
        return self

    def split_table(
        self,
        at: str,
        *,
        header_rows: int | Sequence[int] = 0,
        between: Sequence[str] = ("- 4 -",),
        tail: tuple[str, str] | None = None,
        before: int | None = None,
    ) -> WordFile:
        """Break the table before the row labelled ``at`` (see :meth:`HtmlPage.split_table`)."""
        table, row = self.row_with(at)
        if before is not None:
            row = list(table.iterchildren(f"{_W}tr"))[before]
        if tail is not None:
            label, rest = tail
            _, previous = self.row_with(label)
            row = _docx_tail_row(previous, label, rest)
        rows = list(table.iterchildren(f"{_W}tr"))
        cut = rows.index(row)
        second = etree.Element(f"{_W}tbl")
        for part in table:
            if part.tag in (f"{_W}tblPr", f"{_W}tblGrid"):
                second.append(copy.deepcopy(part))
        for header in _header(rows, header_rows):
            second.append(copy.deepcopy(header))
        for moved in rows[cut:]:
            table.remove(moved)
            second.append(moved)
        # A merged cell cut by the break starts again on the new page.
        for cell in rows[cut].iterchildren(f"{_W}tc"):
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None:
                merge.set(f"{_W}val", "restart")
        anchor = table
        for text in between:
            paragraph = _paragraph(text)
            anchor.addnext(paragraph)
            anchor = paragraph
        anchor.addnext(second)
        return self

    def regroup(
        self,
        single: str,
        group: str,
        items: Sequence[tuple[str, Sequence[str]]],
        *,
        like: str,
    ) -> WordFile:
        """Print the one-row ``single`` as the group ``group`` of ``items`` (see
        :meth:`HtmlPage.regroup`), its rows made like the row labelled ``like`` (a row
        that opens a group: the results stub, the group cell, the item, the figures)."""
        _docx_regroup(self, single, group, items, like)
        return self

    def repeat_header(self, before: str, header_rows: int) -> WordFile:
        """Repeat the first ``header_rows`` rows in front of the row labelled ``before``,
        inside the same table (see :meth:`HtmlPage.repeat_header`)."""
        table, _ = self.row_with(before)
        self.split_table(before, header_rows=header_rows, between=())
        second = table.getnext()
        for row in list(second.iterchildren(f"{_W}tr")):
            table.append(row)
        second.getparent().remove(second)
        return self


def _docx_regroup(
    word: WordFile, single: str, group: str, items: Sequence[tuple[str, Sequence[str]]], like: str
) -> None:
    _, row = word.row_with(single)
    _, model = word.row_with(like)
    anchor = row
    for i, (text, figures) in enumerate(items):
        new = copy.deepcopy(model)
        cells = list(new.iterchildren(f"{_W}tc"))
        head = cells[1].find(f"{_W}tcPr/{_W}vMerge")
        assert head is not None, "the model row starts a merged group cell"
        if i == 0:
            head.set(f"{_W}val", "restart")
            _set_text(cells[1], group)
        else:
            head.attrib.pop(f"{_W}val", None)
            _set_text(cells[1], "")
        _set_text(cells[2], text)
        for cell, figure in zip(cells[3:], figures, strict=True):
            _set_text(cell, figure)
        anchor.addnext(new)
        anchor = new
    row.getparent().remove(row)


def set_cell_text(cell: Any, text: str) -> None:
    """Make a table cell (HTML ``<td>`` or Word ``<w:tc>``) read ``text``."""
    if isinstance(cell.tag, str) and cell.tag == f"{_W}tc":
        _set_text(cell, text)
        return
    for child in list(cell):
        cell.remove(child)
    cell.text = text


def _paragraph(text: str) -> Any:
    paragraph = etree.Element(f"{_W}p")
    run = etree.SubElement(paragraph, f"{_W}r")
    etree.SubElement(run, f"{_W}t").text = text
    return paragraph


def _set_text(element: Any, text: str) -> None:
    texts = list(element.iter(f"{_W}t"))
    if not texts:
        paragraph = element.find(f"{_W}p")
        run = etree.SubElement(paragraph if paragraph is not None else element, f"{_W}r")
        texts = [etree.SubElement(run, f"{_W}t")]
    texts[0].text = text
    for other in texts[1:]:
        other.text = ""


def _docx_tail_row(row: Any, label: str, rest: str) -> Any:
    """Cut ``label`` in ``row``; ``rest`` in a new row under it (stub cells merged on)."""
    new = copy.deepcopy(row)
    found = False
    pairs = zip(row.iterchildren(f"{_W}tc"), new.iterchildren(f"{_W}tc"), strict=True)
    for old_cell, cell in pairs:
        merge = cell.find(f"{_W}tcPr/{_W}vMerge")
        if squash(_text_of(old_cell)) == squash(label):
            _set_text(old_cell, label[: len(label) - len(rest)])
            _set_text(cell, rest)
            found = True
        elif not found:
            # The stub left of the label runs on over the new row.
            if merge is None:
                props = cell.find(f"{_W}tcPr")
                merge = etree.SubElement(props, f"{_W}vMerge")
                old_props = old_cell.find(f"{_W}tcPr")
                if old_props.find(f"{_W}vMerge") is None:
                    etree.SubElement(old_props, f"{_W}vMerge").set(f"{_W}val", "restart")
            merge.attrib.pop(f"{_W}val", None)
            _set_text(cell, "")
        else:
            _set_text(cell, "")
    row.addnext(new)
    return new


# -- text ---------------------------------------------------------------------------------


def replace(text: str, pairs: dict[str, str] | Sequence[tuple[str, str]]) -> str:
    """``text`` with each ``old`` replaced once by ``new`` (each must be there)."""
    items = pairs.items() if isinstance(pairs, dict) else pairs
    for old, new in items:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text
