"""The official layout: HTML structure, merged cells, texts, escaping, findings, Markdown.

These tests read the rendered output with the standard library's HTML parser and a
pipe-table splitter, expand merged cells themselves, and check that every value sits
under its official column labels and beside its row labels.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import govdisclosure
from govdisclosure import AnnualReport, Edition, Severity
from govdisclosure.checks import Location
from govdisclosure.model import (
    AppealKind,
    Applicant,
    ApplicationRow,
    CellRef,
    Money,
    MoneyUnit,
    ProactiveColumn,
    ProactiveRow,
    Section,
    iter_cells,
    replace_at,
)
from govdisclosure.model._cellmap import TEXT_POINTERS
from govdisclosure.model._labels import (
    APPEAL_GROUP_LABELS,
    APPLICATION_GROUP_LABELS,
    APPLICATION_HEADER,
    APPLICATION_NOTE,
    APPLICATION_RESULTS_LABEL,
    PROACTIVE_BLOCKS,
    PROACTIVE_ITEM_HEADER,
    proactive_block_of,
)
from govdisclosure.render import render_html, render_markdown
from govdisclosure.testing import consistent_reports, reports

# -- reading the page back -------------------------------------------------------------


@attrs.define
class Cell:
    tag: str
    attrs: dict[str, str]
    text: str = ""

    @property
    def rowspan(self) -> int:
        return int(self.attrs.get("rowspan", "1"))

    @property
    def colspan(self) -> int:
        return int(self.attrs.get("colspan", "1"))


@attrs.define
class Page(HTMLParser):
    tables: list[tuple[str, list[list[Cell]]]] = attrs.field(factory=list)
    texts: dict[str, list[str]] = attrs.field(factory=dict)
    metas: dict[str, str] = attrs.field(factory=dict)
    elements: list[tuple[str, dict[str, str]]] = attrs.field(factory=list)
    findings_items: int = 0
    h1: str = ""
    _cell: Cell | None = None
    _text_pointer: str | None = None
    _paragraph: list[str] | None = None
    _in_h1: bool = False

    def __attrs_post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attributes}
        self.elements.append((tag, values))
        if tag == "table":
            self.tables.append((values["data-section"], []))
        elif tag == "tr":
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self._cell = Cell(tag, values)
            self.tables[-1][1][-1].append(self._cell)
        elif tag == "div" and "data-pointer" in values:
            self._text_pointer = values["data-pointer"]
            self.texts[self._text_pointer] = []
        elif tag == "p" and self._text_pointer is not None:
            self._paragraph = []
        elif tag == "meta" and values.get("name", "").startswith("govdisclosure:"):
            self.metas[values["name"].split(":", 1)[1]] = values["content"]
        elif tag == "li":
            self.findings_items += 1
        elif tag == "h1":
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._cell = None
        elif tag == "p" and self._paragraph is not None and self._text_pointer is not None:
            self.texts[self._text_pointer].append("".join(self._paragraph))
            self._paragraph = None
        elif tag == "div":
            self._text_pointer = None
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += data
        elif self._paragraph is not None:
            self._paragraph.append(data)
        elif self._in_h1:
            self.h1 += data


def read_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def expand(rows: list[list[Cell]]) -> list[list[Cell]]:
    """The grid with merged cells expanded (what a table reader does)."""
    slots: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in slots:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert (r + dr, c + dc) not in slots, "overlapping cells"
                    slots[(r + dr, c + dc)] = cell
            c += cell.colspan
    n_rows = len(rows)
    n_columns = 1 + max(c for _, c in slots)
    assert len(slots) == n_rows * n_columns, "the grid has gaps"
    return [[slots[(r, c)] for c in range(n_columns)] for r in range(n_rows)]


def dedup(texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        if not out or out[-1] != text:
            out.append(text)
    return out


# -- what each value cell should say, and its labels ------------------------------------


def printed(ref: CellRef, value: Any, edition: Edition) -> str:
    if value is None:
        return ""
    if isinstance(value, Money):
        text = format(value.value, "f")
        in_header = edition is Edition.E2021 and ref.column is ProactiveColumn.AMOUNT
        if value.unit is None or (in_header and value.unit is MoneyUnit.TEN_THOUSAND_YUAN):
            return text
        return text + value.unit.label()
    return str(value)


def column_path(ref: CellRef, edition: Edition) -> list[str]:
    column = ref.column
    if isinstance(column, Applicant):
        head = [APPLICATION_HEADER["applicants"]]
        if column in (Applicant.NATURAL_PERSON, Applicant.TOTAL):
            return [*head, column.label()]
        return [*head, APPLICATION_HEADER["legal_persons"], column.label()]
    if isinstance(ref.row, AppealKind):
        if ref.row is AppealKind.ADMINISTRATIVE_REVIEW:
            return [APPEAL_GROUP_LABELS["review"], column.label()]
        return [APPEAL_GROUP_LABELS["litigation"], ref.row.label(), column.label()]
    return [column.label(edition)]


def row_path(ref: CellRef, edition: Edition) -> list[str]:
    row = ref.row
    if isinstance(row, ApplicationRow):
        path = []
        if row.is_outcome or row is ApplicationRow.TOTAL_HANDLED:
            path.append(APPLICATION_RESULTS_LABEL)
        if row.group is not None:
            path.append(APPLICATION_GROUP_LABELS[row.group])
        return [*path, row.label(edition)]
    if isinstance(row, ProactiveRow):
        return [row.label(edition)]
    return []


def check_layout(report: AnnualReport, html: str) -> None:
    page = read_page(html)
    edition = report.edition
    grids = {section: expand(rows) for section, rows in page.tables}
    assert list(grids) == ["proactive", "applications", "appeals"]
    place: dict[str, tuple[int, int]] = {}
    for section, grid in grids.items():
        for r, line in enumerate(grid):
            for c, cell in enumerate(line):
                if cell.tag == "td" and (c == 0 or line[c - 1] is not cell):
                    pointer = cell.attrs["data-pointer"]
                    place.setdefault(pointer, (r, c))
                    assert pointer.startswith(f"/{section}/")
    refs = list(iter_cells(report))
    assert set(place) == {ref.pointer for ref, _ in refs}
    for ref, value in refs:
        grid = grids[ref.section.value]
        r, c = place[ref.pointer]
        cell = grid[r][c]
        assert cell.tag == "td"
        assert cell.text == printed(ref, value, edition), ref.pointer
        if ref.section is Section.PROACTIVE:
            # Up the block: the header row (信息内容 …), then the block's caption.
            header = next(
                i
                for i in range(r - 1, -1, -1)
                if grid[i][0].tag == "th" and grid[i][0].text == PROACTIVE_ITEM_HEADER
            )
            assert grid[header][c].text == ref.column.label(edition)
            assert grid[header - 1][0].text == proactive_block_of(ref.row, edition)  # type: ignore[arg-type]
            assert grid[r][0].text == ref.row.label(edition)
            continue
        heads = dedup([grid[i][c].text for i in range(r) if grid[i][c].tag == "th"])
        assert heads == column_path(ref, edition), ref.pointer
        stub = dedup([grid[r][i].text for i in range(c) if grid[r][i].tag == "th"])
        assert stub == row_path(ref, edition), ref.pointer


# -- tests -------------------------------------------------------------------------------


@settings(max_examples=25)  # each example renders and reads back a whole page
@given(reports())
def test_every_value_is_at_its_place(report: AnnualReport) -> None:
    check_layout(report, render_html(report))


@pytest.mark.parametrize("name", ["qidu-2019", "pingtan-2021"])
def test_examples_layout(name: str) -> None:
    report = _example(name)
    check_layout(report, render_html(report))


def _example(name: str) -> AnnualReport:
    from .conftest import load_example

    return load_example(name)


def _span_of(rows: list[list[Cell]], text: str) -> tuple[int, int]:
    for row in rows:
        for cell in row:
            if cell.text == text:
                return cell.rowspan, cell.colspan
    raise AssertionError(text)


@pytest.mark.parametrize(("name", "outcome_rows"), [("qidu-2019", 20), ("pingtan-2021", 22)])
def test_merged_header_cells_follow_the_template(name: str, outcome_rows: int) -> None:
    report = _example(name)
    page = read_page(render_html(report))
    tables = dict(page.tables)
    apps = tables["applications"]
    assert _span_of(apps, APPLICATION_NOTE) == (3, 3)
    assert _span_of(apps, APPLICATION_HEADER["applicants"]) == (1, 7)
    assert _span_of(apps, APPLICATION_HEADER["legal_persons"]) == (1, 5)
    assert _span_of(apps, Applicant.NATURAL_PERSON.label()) == (2, 1)
    assert _span_of(apps, APPLICATION_RESULTS_LABEL) == (outcome_rows, 1)
    assert _span_of(apps, APPLICATION_GROUP_LABELS["withheld"]) == (8, 1)
    assert _span_of(apps, APPLICATION_GROUP_LABELS["unavailable"]) == (3, 1)
    assert _span_of(apps, APPLICATION_GROUP_LABELS["not_processed"]) == (5, 1)
    other = APPLICATION_GROUP_LABELS["other_handling"]
    assert _span_of(apps, other) == ((1, 2) if report.is_2019 else (3, 1))
    assert _span_of(apps, ApplicationRow.NEW_RECEIVED.label()) == (1, 3)
    assert _span_of(apps, ApplicationRow.TOTAL_HANDLED.label()) == (1, 2)
    appeals = tables["appeals"]
    assert _span_of(appeals, APPEAL_GROUP_LABELS["review"]) == (1, 5)
    assert _span_of(appeals, APPEAL_GROUP_LABELS["litigation"]) == (1, 10)
    assert _span_of(appeals, AppealKind.DIRECT_LITIGATION.label()) == (1, 5)
    assert _span_of(appeals, AppealKind.LITIGATION_AFTER_REVIEW.label()) == (1, 5)
    proactive = tables["proactive"]
    captions = [row[0] for row in proactive if row[0].attrs.get("class") == "gd-caption"]
    blocks = [
        proactive_block_of(r, report.edition) for r in ProactiveRow.for_edition(report.edition)
    ]
    assert [c.text for c in captions] == list(dict.fromkeys(blocks))
    assert all(c.colspan == 4 for c in captions)


@settings(max_examples=25)  # each example renders and reads back a whole page
@given(reports())
def test_texts_and_metadata_are_kept_word_for_word(report: AnnualReport) -> None:
    page = read_page(render_html(report))
    for pointer in TEXT_POINTERS[1:]:  # the title is the <h1>
        value = _text_at(report, pointer)
        if value:
            assert "\n".join(page.texts[pointer]) == value, pointer
        else:
            assert pointer not in page.texts
    if report.title:
        assert page.h1 == report.title
    assert page.metas["agency"] == report.agency.name
    assert page.metas["year"] == str(report.year)
    assert page.metas["edition"] == report.edition.value


def _text_at(report: AnnualReport, pointer: str) -> str:
    value: Any = report
    for name in pointer.strip("/").split("/"):
        value = getattr(value, name)
    assert isinstance(value, str)
    return value


def test_text_is_escaped() -> None:
    evil = '<script>alert("x")</script> & "quoted" <b>'
    report = attrs.evolve(
        _example("pingtan-2021"),
        title=evil,
        overview=evil + "\n第二段",
        agency=govdisclosure.Agency(name=evil),
    )
    html = render_html(report)
    assert "<script" not in html.lower()
    assert "<b>" not in html
    assert "&lt;script&gt;" in html
    page = read_page(html)
    assert page.h1 == evil
    assert page.texts["/overview"] == [evil, "第二段"]
    assert page.metas["agency"] == evil


def test_findings_are_marked_on_their_cells() -> None:
    report = replace_at(_example("pingtan-2021"), ("applications", "granted", "total"), 31)
    findings = govdisclosure.check(report, select="GD3")
    assert [(f.code, f.pointer) for f in findings] == [
        ("GD303", "/applications/granted/total"),
        ("GD302", "/applications/total_handled/total"),
    ]
    page = read_page(render_html(report, findings))
    cells = {
        cell.attrs["data-pointer"]: cell
        for _, rows in page.tables
        for row in rows
        for cell in row
        if "data-pointer" in cell.attrs
    }
    for finding in findings:
        cell = cells[finding.pointer]
        classes = cell.attrs["class"].split()
        assert "gd-finding" in classes
        assert "gd-error" in classes
        assert cell.attrs["data-mark"]
        assert finding.code in cell.attrs["title"]
        assert finding.message in cell.attrs["title"]
        assert cell.text == printed_at(report, finding.pointer)  # the mark is not text
        for related in finding.related:
            related_classes = cells[related.pointer].attrs["class"].split()
            assert "gd-finding" in related_classes or "gd-related" in related_classes
    marked = [p for p, c in cells.items() if "gd-finding" in c.attrs["class"].split()]
    assert sorted(marked) == sorted(f.pointer for f in findings)
    assert page.findings_items == len(findings)
    ids = {values["id"] for _, values in page.elements if "id" in values}
    links = [values["href"] for tag, values in page.elements if tag == "a"]
    assert len(links) == len(findings)
    assert all(link[1:] in ids for link in links)


def printed_at(report: AnnualReport, pointer: str) -> str:
    for ref, value in iter_cells(report):
        if ref.pointer == pointer:
            return printed(ref, value, report.edition)
    raise AssertionError(pointer)


def test_findings_on_texts_and_elsewhere() -> None:
    report = attrs.evolve(_example("qidu-2019"), year=2022)
    findings = govdisclosure.check(report, select="GD0")
    assert [(f.code, f.pointer) for f in findings] == [("GD001", "/edition")]
    on_text = attrs.evolve(
        findings[0], severity=Severity.NOTE, location=Location(pointer="/overview")
    )
    page = read_page(render_html(report, [*findings, on_text]))
    assert page.findings_items == 2  # both listed, though no element shows the edition
    marked = [v for _, v in page.elements if "gd-finding" in v.get("class", "").split()]
    assert [v["data-pointer"] for v in marked] == ["/overview"]
    assert "gd-note" in marked[0]["class"].split()
    assert on_text.message in marked[0]["title"]


def test_without_findings_there_is_no_findings_list() -> None:
    page = read_page(render_html(_example("qidu-2019")))
    assert not [tag for tag, _ in page.elements if tag == "aside"]
    assert page.findings_items == 0


def test_money_prints_its_unit_unless_the_header_does() -> None:
    report = _example("pingtan-2021")
    fees = ("proactive", "fees", "amount")
    with_header_unit = replace_at(
        report, fees, Money(value=Decimal("24252.311082"), unit=MoneyUnit.TEN_THOUSAND_YUAN)
    )
    in_yuan = replace_at(report, fees, Money(value=Decimal("1E+3"), unit=MoneyUnit.YUAN))
    assert ">24252.311082</td>" in render_html(with_header_unit)
    assert ">1000元</td>" in render_html(in_yuan)


def test_a_report_without_title_gets_one_marked_as_generated() -> None:
    report = attrs.evolve(_example("qidu-2019"), title="")
    page = read_page(render_html(report))
    assert report.agency.name in page.h1
    assert str(report.year) in page.h1
    assert any(tag == "h1" and "gd-generated" in v.get("class", "") for tag, v in page.elements)


# -- Markdown ----------------------------------------------------------------------------


def md_tables(markdown: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in markdown.split("\n"):
        if line.startswith("| "):
            cells = [c.replace("\\|", "|") for c in re.split(r"(?<!\\) \| ", line[2:-2])]
            if current is None:
                current = []
                tables.append(current)
            current.append(cells)
        elif re.fullmatch(r"\|(---\|)+", line):
            continue
        else:
            current = None
    return tables


@settings(max_examples=25)  # each example renders and reads back a whole page
@given(reports())
def test_markdown_tables_hold_the_html_cells_each_value_once(report: AnnualReport) -> None:
    page = read_page(render_html(report))
    markdown = render_markdown(report)
    tables = md_tables(markdown)
    (_, proactive), (_, applications), (_, appeals) = page.tables
    # 二: one pipe table per block, after its caption; each HTML cell once.
    blocks: list[list[list[str]]] = []
    for row in proactive:
        if row[0].attrs["class"] == "gd-caption":
            blocks.append([])
            assert f"\n\n{row[0].text}\n\n" in markdown
        else:
            blocks[-1].append([cell.text for cell in row])
    assert tables[: len(blocks)] == blocks
    # 三 and 四: the expanded grid (label cells repeated), the note once.
    for rows, flat in zip((applications, appeals), tables[len(blocks) :], strict=True):
        grid = expand(rows)
        expected = [
            [
                cell.text if cell.attrs.get("class") != "gd-note" or (r, c) == (0, 0) else ""
                for c, cell in enumerate(line)
            ]
            for r, line in enumerate(grid)
        ]
        assert flat == expected
        for line in grid:  # no value cell is merged, so no value is repeated
            values = [cell for cell in line if cell.tag == "td"]
            assert len({id(cell) for cell in values}) == len(values)


@given(consistent_reports())
def test_markdown_keeps_headings_texts_and_metadata(report: AnnualReport) -> None:
    markdown = render_markdown(report)
    front = markdown.split("---\n")[1]
    assert f"year: {report.year}\n" in front
    assert f'edition: "{report.edition.value}"\n' in front
    headings = [line[3:] for line in markdown.split("\n") if line.startswith("## ")]
    assert headings == [s.label() for s in Section]
    body = markdown.split("\n")
    for pointer in TEXT_POINTERS[1:]:
        for line in _text_at(report, pointer).split("\n"):
            assert line in body


def test_markdown_escapes_lines_that_would_change_the_structure() -> None:
    report = attrs.evolve(_example("qidu-2019"), overview="# 不是标题\n| 不是表格 |")
    lines = render_markdown(report).split("\n")
    assert "\\# 不是标题" in lines
    assert "\\| 不是表格 |" in lines
    blocks = len(PROACTIVE_BLOCKS[report.edition])
    assert len(md_tables(render_markdown(report))) == blocks + 2
