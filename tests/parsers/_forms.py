"""The corpus reports in every form a reader meets, each open to a publisher's edits.

One :class:`Form` per front-end, each built from a real published report of the corpus
(``tests/data/corpus``):

* ``text`` — Huai'an 2024 as text extracted from its published PDF (wrapped labels, page
  numbers inside the table);
* ``markdown`` — Shanghai 2019's web page as a converter writes it (paragraphs, pipe
  tables with merged cells repeated over their slots);
* ``html`` and ``docx`` — Shanghai 2019's web page and Word file;
* ``pdf`` — Huai'an 2024's hand-verified figures laid out as Word prints a report
  (:mod:`._cjkpdf`).

Every form offers the same edits, made the way that form's tools make them (see
:mod:`._edits`); :meth:`Form.document` gives the edited document and its format.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from lxml import etree

from govdisclosure import AnnualReport, loads
from govdisclosure.model import Section
from govdisclosure.parsers import Table, TextBlock, parse
from govdisclosure.parsers.frontends._html import read_html

from . import _cjkpdf
from ._edits import HtmlPage, WordFile, _set_text, replace

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "corpus"
REPORTS = DATA / "reports"

HUAIAN = "009_huaian_szf_2024"
SHANGHAI = "001_shanghai_szfbgt_2019"

#: The 2021 （六） group: its label and its rows' labels.
OTHER = "（六）其他处理"
OTHER_ROWS = (
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
)
#: Table 三's header as text extracted from a PDF prints it (Huai'an 2024).
TEXT_HEADER = (
    "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）\n申请人情况\n"
    "自然人\n法人或其他组织\n总计商 业 企\n业\n科研机\n构\n"
    "社 会 公 益\n组织\n法 律 服 务\n机构\n其他\n"
)
PARTIAL_HEADER = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
#: The header rows of table 三 printed again on a new page: all, the last, none.
_HEADER_ROWS: dict[str, int | tuple[int, ...]] = {"full": 3, "partial": (2,), "none": 0}


@cache
def transcription(stem: str) -> AnnualReport:
    """The hand transcription of a corpus report."""
    return loads((REPORTS / f"{stem}.json").read_bytes())


@cache
def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@cache
def corpus_bytes(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


class Form:
    """A corpus report in one form, with the edits a publisher's tools make."""

    name = ""
    stem = ""

    def label(self, old: str, new: str) -> Form:
        """Print the row label ``old`` as ``new`` (``""``: the label is lost)."""
        raise NotImplementedError

    def break_label(self, label: str, rest: str) -> Form:
        """A page break inside the row ``label``: its end ``rest`` alone on the next page."""
        raise NotImplementedError

    def split(self, at: str, header: str) -> Form:
        """A page break before the row ``at`` with the header on the new page printed
        ``"full"``, ``"partial"`` (its last row only) or ``"none"``."""
        raise NotImplementedError

    def drop_cell(self, label: str | None, index: int) -> Form:
        """Leave out value cell ``index`` of the row ``label`` (``None``: table 四)."""
        raise NotImplementedError

    def heading(self, section: Section, printed: str) -> Form:
        """Print the heading of ``section`` as ``printed`` (``""``: no heading)."""
        raise NotImplementedError

    def extra_row(self, after: str, label: str, figures: Sequence[str]) -> Form:
        """A row the template does not have, printed after the row ``after``."""
        raise NotImplementedError

    def document(self) -> tuple[str | bytes, str]:
        """The edited document and its format (for :func:`govdisclosure.parse`)."""
        raise NotImplementedError

    def headings(self) -> dict[Section, str]:
        """The section headings as this report prints them (as read from it)."""
        return _headings(self.name)


# -- text ---------------------------------------------------------------------------------


class TextForm(Form):
    """Huai'an 2024 as text extracted from its PDF: a row is a line, label and figures."""

    name = "text"
    stem = HUAIAN

    def __init__(self) -> None:
        self.text = corpus_text(f"{HUAIAN}.txt")

    def _line(self, label: str) -> str:
        match = re.search(rf"^{re.escape(label)} [\d ]+$", self.text, re.MULTILINE)
        assert match, label
        return match.group(0)

    def label(self, old: str, new: str) -> Form:
        line = self._line(old)
        figures = line[len(old) + 1 :]
        self.text = replace(self.text, {line: f"{new} {figures}" if new else figures})
        return self

    def break_label(self, label: str, rest: str) -> Form:
        line = self._line(label)
        head = label[: len(label) - len(rest)]
        figures = line[len(label) + 1 :]
        self.text = replace(self.text, {line: f"{head} {figures}\n- 5 -\n{rest}"})
        return self

    def split(self, at: str, header: str) -> Form:
        line = self._line(at)
        printed = {"full": TEXT_HEADER, "partial": " ".join(PARTIAL_HEADER) + "\n", "none": ""}
        self.text = replace(self.text, {line: f"- 5 -\n{printed[header]}{line}"})
        return self

    def drop_cell(self, label: str | None, index: int) -> Form:
        if label is None:
            line = next(x for x in self.text.splitlines() if x.startswith("72 64 178"))
            figures, head = line.split(" "), ""
        else:
            line = self._line(label)
            figures, head = line[len(label) + 1 :].split(" "), f"{label} "
        del figures[index]
        self.text = replace(self.text, {line: head + " ".join(figures)})
        return self

    def heading(self, section: Section, printed: str) -> Form:
        old = self.headings()[section]
        self.text = replace(self.text, {f"\n{old}\n": f"\n{printed}\n" if printed else "\n"})
        return self

    def extra_row(self, after: str, label: str, figures: Sequence[str]) -> Form:
        line = self._line(after)
        self.text = replace(self.text, {line: f"{line}\n{label} {' '.join(figures)}"})
        return self

    def other_handling_as_one(self, figures: Sequence[str]) -> Form:
        """Print 2021's three （六） rows as 2019's one row (a mixed report)."""
        start = self.text.index("（六）其\n他处理")
        end = self.text.index("（七）总计")
        self.text = self.text[:start] + f"{OTHER} {' '.join(figures)}\n" + self.text[end:]
        return self

    def document(self) -> tuple[str | bytes, str]:
        return self.text, "text"


# -- web page, Word ------------------------------------------------------------------------


class HtmlForm(Form):
    """Shanghai 2019's web page."""

    name = "html"
    stem = SHANGHAI

    def __init__(self) -> None:
        self.page = HtmlPage(corpus_text(f"{SHANGHAI}.html"))

    def label(self, old: str, new: str) -> Form:
        self.page.set_text(old, new)
        return self

    def break_label(self, label: str, rest: str) -> Form:
        after = _next_row(label)
        self.page.split_table(after, tail=(label, rest), header_rows=0)
        return self

    def split(self, at: str, header: str) -> Form:
        rows = _HEADER_ROWS[header]
        self.page.split_table(at, header_rows=rows)
        return self

    def drop_cell(self, label: str | None, index: int) -> Form:
        if label is not None:
            # The value cells of a row of table 三 are its last seven.
            _, row = self.page.row_with(label)
            index += len([c for c in row if c.tag == "td"]) - 7
        self.page.drop_cell(label, index)
        return self

    def heading(self, section: Section, printed: str) -> Form:
        self.page.set_text(self.headings()[section], printed)
        return self

    def extra_row(self, after: str, label: str, figures: Sequence[str]) -> Form:
        _, row = self.page.row_with(after)
        new = etree.Element("tr")
        etree.SubElement(new, "td", {"colspan": "3"}).text = label
        for figure in figures:
            etree.SubElement(new, "td").text = figure
        row.addnext(new)
        return self

    def other_handling_as_three(self, items: Sequence[tuple[str, Sequence[str]]]) -> Form:
        """Print 2019's one （六） row as 2021's three (a mixed report, the reverse)."""
        self.page.regroup(OTHER, OTHER, items)
        return self

    def document(self) -> tuple[str | bytes, str]:
        return self.page.html(), "html"


class WordForm(Form):
    """Shanghai 2019's Word file."""

    name = "docx"
    stem = SHANGHAI

    def __init__(self) -> None:
        self.word = WordFile(corpus_bytes(f"{SHANGHAI}.docx"))

    def label(self, old: str, new: str) -> Form:
        self.word.set_text(old, new)
        return self

    def break_label(self, label: str, rest: str) -> Form:
        self.word.split_table(_next_row(label), tail=(label, rest), header_rows=0)
        return self

    def split(self, at: str, header: str) -> Form:
        rows = _HEADER_ROWS[header]
        self.word.split_table(at, header_rows=rows)
        return self

    def drop_cell(self, label: str | None, index: int) -> Form:
        if label is None:
            self.word.drop_cell(None, index)
        else:
            # Word rows carry their merged stub cells: the value cells are the last 7.
            _, row = self.word.row_with(label)
            cells = len(row.findall(f"{{{_W}}}tc"))
            self.word.drop_cell(label, cells - 7 + index)
        return self

    def heading(self, section: Section, printed: str) -> Form:
        self.word.set_text(self.headings()[section], printed)
        return self

    def extra_row(self, after: str, label: str, figures: Sequence[str]) -> Form:
        _, row = self.word.row_with(after)
        _, model = self.word.row_with("一、本年新收政府信息公开申请数量")
        new = copy.deepcopy(model)
        cells = new.findall(f"{{{_W}}}tc")
        _set_text(cells[0], label)
        for cell, figure in zip(cells[1:], figures, strict=True):
            _set_text(cell, figure)
        row.addnext(new)
        return self

    def other_handling_as_three(self, items: Sequence[tuple[str, Sequence[str]]]) -> Form:
        self.word.regroup(OTHER, OTHER, items, like="1.信访举报投诉类申请")
        return self

    def document(self) -> tuple[str | bytes, str]:
        return self.word.docx(), "docx"


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# -- Markdown -----------------------------------------------------------------------------


class MarkdownForm(HtmlForm):
    """Shanghai 2019's web page as a converter writes Markdown: paragraphs, and one pipe
    table per table with merged cells repeated over their slots."""

    name = "markdown"

    def __init__(self) -> None:
        super().__init__()
        self.dropped: tuple[str | None, int] | None = None

    def drop_cell(self, label: str | None, index: int) -> Form:
        # The converter writes the row it finds: one pipe cell fewer.
        self.dropped = (label, index)
        return self

    def document(self) -> tuple[str | bytes, str]:
        page, _ = super().document()
        assert isinstance(page, str)
        lines = markdown_lines(page)
        if self.dropped is not None:
            label, index = self.dropped
            for i, line in enumerate(lines):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if label is None and cells[:2] == ["5", ""] and len(cells) == 15:
                    del cells[index]  # table 四's row: fifteen figures
                elif label is not None and label in cells[:3]:
                    del cells[len(cells) - 7 + index]
                else:
                    continue
                lines[i] = _pipe(cells)
                break
            else:
                raise AssertionError(label)
        return "\n".join(lines), "text"


def _pipe(texts: Iterable[str]) -> str:
    return "| " + " | ".join(t.replace("|", "\\|").replace("\n", " ") for t in texts) + " |"


def markdown_lines(page: str, *, expand: bool = True) -> list[str]:
    """A web page as a converter writes it in Markdown: paragraphs, and one pipe table per
    table, its merged cells repeated over their slots (``expand``) or written once."""
    document = read_html(page)
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, TextBlock):
            lines += [block.text, ""]
            continue
        assert isinstance(block, Table)
        if expand:
            rows = [[cell.text if cell else "" for cell in row] for row in block.grid()]
        else:
            rows = [[cell.text for cell in row] for row in block.rows() if row]
        lines.append(_pipe(rows[0]))
        lines.append("|" + "|".join("---" for _ in rows[0]) + "|")
        lines += [_pipe(row) for row in rows[1:]]
        lines.append("")
    return lines


def bar_lines(page: str | bytes, *, shape: str = "row") -> list[str]:
    """A web page as converters copy it into text without a delimiter row, each cell
    closed by a bar: ``"row"``, a row a line (a row whose first slot is merged from above
    begins with a bar); ``"cell"``, a cell a line, a line of bars padding a row shorter
    than the table; ``"bar-line"``, a cell's text on lines of its own and its bar alone on
    the next."""
    document = read_html(page)
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, TextBlock):
            lines.append(block.text)
            continue
        assert isinstance(block, Table)
        for row in block.rows():
            texts = [cell.text.replace("\n", " ") for cell in row]
            if shape == "cell":
                lines += [f"{text} |" if text else "|" for text in texts]
                if block.n_columns > len(row):
                    lines.append("|" * (block.n_columns - len(row)))
            elif shape == "bar-line":
                for cell in row:
                    lines += [part for part in cell.text.split("\n") if part.strip()]
                    lines.append("|")
            elif row:
                opened = "| " if row[0].column > 0 else ""
                lines.append(opened + " | ".join(texts) + " |")
    return lines


# -- PDF ----------------------------------------------------------------------------------


class PdfForm(Form):
    """Huai'an 2024's figures laid out as Word prints a report, written as a PDF."""

    name = "pdf"
    stem = HUAIAN

    def __init__(self) -> None:
        self.flow = _cjkpdf.report_flow(transcription(HUAIAN))
        self.two, self.three, self.four = _cjkpdf.tables(self.flow)
        self.running_header: str | None = None

    def _table_with(self, label: str) -> _cjkpdf.Grid:
        for grid in (self.three, self.two):
            try:
                grid.row_with(label)
            except AssertionError:
                continue
            return grid
        raise AssertionError(label)

    def label(self, old: str, new: str) -> Form:
        self._table_with(old).cell(old).text = new
        return self

    def break_label(self, label: str, rest: str) -> Form:
        self.three.break_inside(label, rest)
        return self

    def split(self, at: str, header: str) -> Form:
        grid = self.three
        index = grid.row_with(at)
        grid.breaks.add(index)
        if header == "full":
            grid.repeat_header = True
        elif header == "partial":
            grid.repeat_header = (grid.header_rows - 1,)
        return self

    def drop_cell(self, label: str | None, index: int) -> Form:
        if label is None:
            del self.four.rows[-1][index]
        else:
            row = self.three.rows[self.three.row_with(label)]
            del row[len(row) - 7 + index]
        return self

    def heading(self, section: Section, printed: str) -> Form:
        label = section.label()
        for i, item in enumerate(self.flow):
            if isinstance(item, _cjkpdf.Para) and item.text == label:
                if printed:
                    item.text = printed
                else:
                    del self.flow[i]
                return self
        raise AssertionError(label)

    def headings(self) -> dict[Section, str]:
        return {section: section.label() for section in Section}

    def extra_row(self, after: str, label: str, figures: Sequence[str]) -> Form:
        grid = self.three
        index = grid.row_with(after)
        row = [_cjkpdf.Cell(label, colspan=3), *(_cjkpdf.Cell(f) for f in figures)]
        grid.rows.insert(index + 1, row)
        return self

    def other_handling_as_one(self, figures: Sequence[str]) -> Form:
        self.three.single_row(OTHER, OTHER, figures)
        return self

    def document(self) -> tuple[str | bytes, str]:
        return _cjkpdf.write(self.flow, running_header=self.running_header), "pdf"


@cache
def _headings(name: str) -> dict[Section, str]:
    data, fmt = FORMS[name]().document()
    source = parse(data, format=fmt).report.source
    assert source is not None
    return {h.section: h.text for h in source.headings}


def _next_row(label: str) -> str:
    """The row after ``label`` in table 三 (where a page break inside ``label`` puts
    the next part's first row)."""
    order = {
        "3.补正后申请内容仍不明确": "1.信访举报投诉类申请",
        "1.属于国家秘密": "2.其他法律行政法规禁止公开",
    }
    return order[label]


FORMS: dict[str, type[Form]] = {
    "text": TextForm,
    "markdown": MarkdownForm,
    "html": HtmlForm,
    "docx": WordForm,
    "pdf": PdfForm,
}
