"""Values of tables 三 and 四 go to the column their header labels name.

A table that stands on a grid (HTML, Word, PDF, Markdown) says which column a value is in
by the header cells above it. The assembler reads the columns from there, so a column
given two grid columns and a header in another order are read right; where the header
does not name the columns unambiguously it reads by position as before, and never
guesses. A row with fewer cells than its header has columns does not say where the gap
is: it is read only where the table's identities leave one placement, and otherwise the
cells whose column is uncertain are left unread (never shifted under the wrong header).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from govdisclosure import Edition
from govdisclosure.model import Applicant
from govdisclosure.parsers import Document, ParseResult, Table, TableCell, assemble, parse
from govdisclosure.parsers.assemble._anchors import anchors
from govdisclosure.parsers.assemble._columns import application_columns
from govdisclosure.parsers.frontends._html import read_html

from .conftest import DATA
from .test_parse_corpus import appeal_kind, application_row
from .test_parse_documents import (
    APPLICANTS,
    Spec,
    codes,
    shanghai_like,
    table,
    table3_2019,
    table4,
)

CORPUS = DATA / "corpus"
SHANGHAI_HTML = CORPUS / "001_shanghai_szfbgt_2019.html"
OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
OUTCOME_KEYS = ["upheld", "corrected", "other", "pending", "total"]


def with_commercial_over_two_columns(page: str) -> str:
    """The Shanghai page as Pingtan 2021's Word export prints table 三: 商业企业 takes
    two grid columns (``colspan="2"``) in the header and in every data row."""
    start = page.index("<table", page.index("三、收到和处理政府信息公开申请情况"))
    end = page.index("</table>", start)
    rows = page[start:end].split("<tr>")
    out = [rows[0]]
    for index, row in enumerate(rows[1:]):
        if index == 0:
            row = row.replace('colspan="7"', 'colspan="8"', 1)  # 申请人情况
        elif index == 1:
            row = row.replace('colspan="5"', 'colspan="6"', 1)  # 法人或其他组织
        elif index == 2:
            assert "商业企业" in row.split("<td")[1]
            row = row.replace("<td", '<td colspan="2"', 1)
        else:
            cells = row.split("<td")
            second = len(cells) - 6  # the second of the seven value cells
            cells[second] = ' colspan="2"' + cells[second]
            row = "<td".join(cells)
        out.append(row)
    return page[:start] + "<tr>".join(out) + page[end:]


def test_a_column_over_two_grid_columns_is_read_by_its_header() -> None:
    page = with_commercial_over_two_columns(SHANGHAI_HTML.read_text(encoding="utf-8"))
    document = read_html(page)
    three = document.tables()[1]
    assert three.n_columns == 11  # one wider than the template's 10
    spans = {c.colspan for c in three.cells if c.text in ("商业企业", "35")}
    assert spans == {2}
    result = parse(page, format="html")
    expected = json.loads((CORPUS / "001_shanghai_szfbgt_2019.expected.json").read_text("utf-8"))
    report = result.report
    for path, values in expected["table3"].items():
        row = application_row(path, Edition.E2019)
        assert report.applications.row(row).values() == tuple(values), path
    for path, values in expected["table4"].items():
        assert dict(report.appeals.blocks())[appeal_kind(path)].values() == tuple(values)
    # The same findings as the page itself gives: blank cells, nothing unreadable.
    assert codes(result) == codes(parse(SHANGHAI_HTML.read_text(encoding="utf-8"), format="html"))
    assert not [d for d in result.diagnostics if d.code == "GD903"]


def test_a_row_short_of_cells_is_not_shifted_under_the_wrong_headers() -> None:
    # The row has five cells where the header has seven columns (a ragged row): the
    # document does not say which two are missing. The row total is printed nowhere, so
    # any two of the six applicant columns may be the gap: no cell's column is certain.
    result = assemble(shanghai_like(table3=table3_2019({"new": ["821", "35", "", "", "2"]})))
    assert result.report.applications.new_received.values() == (None,) * 7
    unread = _unread(result)
    assert unread.pop("/applications/new_received/total") == "absent"
    assert unread == {
        f"/applications/new_received/{a.value}": "column_uncertain"
        for a in Applicant
        if a is not Applicant.TOTAL
    }
    # One GD903 for the row, naming its cells; no GD916 (no placement was chosen).
    assert ("GD903", "/applications/new_received") in codes(result)
    assert not [d for d in result.diagnostics if d.code == "GD916"]


#: A table 三 whose every cell is printed (rows not given are zeros) and adds up.
FULL = {
    "new": ["10", "2", "0", "0", "1", "0", "13"],
    "over": ["1", "0", "0", "0", "0", "0", "1"],
    "granted": ["8", "2", "0", "0", "1", "0", "11"],
    "total": ["8", "2", "0", "0", "1", "0", "11"],
    "forward": ["3", "0", "0", "0", "0", "0", "3"],
}


def test_a_row_short_of_cells_is_read_where_the_identities_leave_one_placement() -> None:
    # （一）予以公开 printed without its 商业企业 cell: 8 0 0 1 0 11. The row's total
    # allows a gap anywhere; the column identities (T3-B: the outcomes add up to （七）总计,
    # column by column) leave only a gap under 商业企业.
    values = {**FULL, "granted": ["8", "0", "0", "1", "0", "11"]}
    result = assemble(shanghai_like(table3=table3_2019(values)))
    granted = result.report.applications.granted
    assert granted.values() == (8, None, 0, 0, 1, 0, 11)
    assert _unread(result) == {"/applications/granted/commercial_enterprise": "absent"}
    assert ("GD916", "/applications/granted") in codes(result)
    assert not [d for d in result.diagnostics if d.code == "GD903"]


def test_a_row_short_of_cells_reads_only_what_every_placement_agrees_on() -> None:
    # 二、上年结转 printed without one of its zeros: 1 0 0 0 0 1. Every gap among the
    # zeros fits every identity: the 1s are placed (自然人, 总计), the zeros' columns are
    # not known.
    values = {**FULL, "over": ["1", "0", "0", "0", "0", "1"]}
    result = assemble(shanghai_like(table3=table3_2019(values)))
    over = result.report.applications.carried_over
    assert (over.natural_person, over.total) == (1, 1)
    assert set(_unread(result).values()) == {"column_uncertain"}
    assert set(_unread(result)) == {
        f"/applications/carried_over/{a.value}"
        for a in Applicant
        if a not in (Applicant.NATURAL_PERSON, Applicant.TOTAL)
    }
    assert ("GD903", "/applications/carried_over") in codes(result)


def _table3_with_header(header: Sequence[Spec], values: dict[str, list[str]]) -> Table:
    """Table 三 with another last header row (the applicants under 法人或其他组织)."""
    full = table3_2019(values)
    rows: dict[int, list[TableCell]] = {}
    for cell in full.cells:
        rows.setdefault(cell.row, []).append(cell)
    specs: list[list[Spec]] = []
    for r in range(full.n_rows):
        if r == 2:
            specs.append(list(header))
        else:
            specs.append([(c.text, c.rowspan, c.colspan) for c in rows.get(r, [])])
    return table(2, specs)


def test_a_header_in_another_order_is_followed() -> None:
    # 科研机构 printed before 商业企业, the values under their own labels.
    header = ["科研机构", "商业企业", *APPLICANTS[2:]]
    values = {"new": ["821", "4", "35", "0", "2", "1", "863"]}
    result = assemble(shanghai_like(table3=_table3_with_header(header, values)))
    assert result.report.applications.new_received.values() == (821, 35, 4, 0, 2, 1, 863)


def test_a_header_naming_a_column_twice_is_not_used() -> None:
    # 其他 printed over two columns apart (商业企业 mislabelled): the header does not
    # say which is which. Rows with the template's seven cells are read by position, as
    # before; others are refused.
    header = ["其他", *APPLICANTS[1:]]
    values = {
        "new": ["821", "35", "0", "0", "2", "1", "859"],
        "over": ["18", "", "", "", ""],
    }
    result = assemble(shanghai_like(table3=_table3_with_header(header, values)))
    applications = result.report.applications
    assert applications.new_received.values() == (821, 35, 0, 0, 2, 1, 859)
    assert applications.carried_over.values() == (None,) * 7
    assert ("GD903", "/applications/carried_over") in codes(result)


def test_a_value_under_a_label_of_no_column_is_read_by_position() -> None:
    # A column headed 备注 (no column of the template) after 其他: the header places no
    # value there, so the row falls back to its position — and 备注 is not a figure.
    header = [*APPLICANTS[:4], "备注"]
    values = {"new": ["821", "35", "0", "0", "2", "1", "859"]}
    result = assemble(shanghai_like(table3=_table3_with_header(header, values)))
    assert result.report.applications.new_received.values() == (821, 35, 0, 0, 2, 1, 859)


def test_a_table_without_its_header_is_read_by_position() -> None:
    # The header stands in a table of its own (a page break the reader did not join):
    # the data rows are read by position; a short row is refused, never guessed.
    full = table3_2019({"new": ["821", "35", "", "", "2"]})
    header = Table(
        index=2,
        cells=tuple(c for c in full.cells if c.row < 3),
        n_rows=3,
        n_columns=full.n_columns,
    )
    body = Table(
        index=3,
        cells=tuple(
            TableCell(
                text=c.text,
                row=c.row - 3,
                column=c.column,
                rowspan=c.rowspan,
                colspan=c.colspan,
                span=c.span,
            )
            for c in full.cells
            if c.row >= 3
        ),
        n_rows=full.n_rows - 3,
        n_columns=full.n_columns,
    )
    doc = shanghai_like(table3=header)
    blocks = list(doc.blocks)
    blocks.insert(blocks.index(header) + 1, body)
    result = assemble(Document(format="html", blocks=tuple(blocks)))
    applications = result.report.applications
    assert applications.new_received.values() == (None,) * 7
    assert ("GD903", "/applications/new_received") in codes(result)
    assert applications.carried_over.values() == (0,) * 7


def test_a_short_row_of_text_copied_from_word_is_refused() -> None:
    # Tab-separated cells carry no grid: a short row is not read by the header.
    full = table3_2019({"new": ["821", "35", "", "", "2"]})
    text_like = Table(
        index=2,
        cells=full.cells,
        n_rows=full.n_rows,
        n_columns=full.n_columns,
        on_grid=False,
    )
    result = assemble(shanghai_like(table3=text_like))
    assert result.report.applications.new_received.values() == (None,) * 7
    assert ("GD903", "/applications/new_received") in codes(result)


def _table4(header: Sequence[Sequence[Spec]], values: Sequence[str]) -> Table:
    return table(3, [*header, list(values)])


def test_table_four_blocks_in_another_order() -> None:
    # 复议后起诉 printed before 未经复议直接起诉.
    header: list[list[Spec]] = [
        [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        [*((o, 2, 1) for o in OUTCOMES), ("复议后起诉", 1, 5), ("未经复议直接起诉", 1, 5)],
        [*OUTCOMES, *OUTCOMES],
    ]
    values = ["5", "0", "0", "2", "7", "1", "0", "0", "0", "1", "8", "0", "0", "1", "9"]
    doc = shanghai_like()
    blocks = [
        _table4(header, values) if isinstance(b, Table) and b.index == 3 else b for b in doc.blocks
    ]
    result = assemble(Document(format="html", blocks=tuple(blocks)))
    appeals = result.report.appeals
    assert appeals.administrative_review.values() == (5, 0, 0, 2, 7)
    assert appeals.direct_litigation.values() == (8, 0, 0, 1, 9)
    assert appeals.litigation_after_review.values() == (1, 0, 0, 0, 1)


def _with_table_four(values: Sequence[str]) -> Document:
    doc = shanghai_like()
    blocks = [table4(values) if isinstance(b, Table) and b.index == 3 else b for b in doc.blocks]
    return Document(format="html", blocks=tuple(blocks))


def test_table_four_short_of_two_cells_where_blank_totals_allow_any_place() -> None:
    # Thirteen cells under fifteen headers, 复议后起诉 printed blank. A total printed
    # blank says nothing of its parts (reports leave totals blank beside filled parts), so
    # gaps that move 5 … 9 to other blocks keep every sum that can be checked: no cell's
    # column is certain, and none is guessed.
    values = ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", ""]
    result = assemble(_with_table_four(values))
    appeals = result.report.appeals
    assert [block.values() for _, block in appeals.blocks()] == [(None,) * 5] * 3
    assert _unread(result) == {
        f"/appeals/{kind}/{o}": "column_uncertain"
        for kind in ("administrative_review", "direct_litigation", "litigation_after_review")
        for o in OUTCOME_KEYS
    }
    assert ("GD903", "/appeals") in codes(result)


def test_table_four_short_of_a_total_is_placed_by_the_blocks_sums() -> None:
    # 行政复议's total left out: a gap anywhere else breaks a block's sum.
    values = ["5", "", "", "2", "8", "", "", "1", "9", "", "", "", "", ""]
    result = assemble(_with_table_four(values))
    appeals = result.report.appeals
    assert appeals.administrative_review.values() == (5, None, None, 2, None)
    assert appeals.direct_litigation.values() == (8, None, None, 1, 9)
    assert _unread(result) == {"/appeals/administrative_review/total": "absent"}
    assert ("GD916", "/appeals") in codes(result)


def test_header_labels_are_folded_and_may_carry_annotations() -> None:
    # Line breaks inside labels (商业\n企业), 合计 for 总计, an annotation after 其他.
    header = [
        "商业\n企业",
        "科研\n机构",
        "社会公益\n组织",
        "法律服务\n机构",
        "其他（含个体工商户）",
    ]
    full = _table3_with_header(header, {"new": ["821", "35", "", "", "2", "1", "859"]})
    cells = tuple(
        TableCell(
            text="合计" if c.text == "总计" else c.text,
            row=c.row,
            column=c.column,
            rowspan=c.rowspan,
            colspan=c.colspan,
            span=c.span,
        )
        for c in full.cells
    )
    relabelled = Table(index=2, cells=cells, n_rows=full.n_rows, n_columns=full.n_columns)
    # The header names all seven columns, each over its own grid column.
    named = application_columns(relabelled, 3, anchors(Edition.E2019))
    assert named is not None
    assert sorted(named.items()) == [(3 + i, a) for i, a in enumerate(Applicant)]
    result = assemble(shanghai_like(table3=relabelled))
    assert result.report.applications.new_received.values() == (821, 35, None, None, 2, 1, 859)
    assert not _unread(result)


def _unread(result: ParseResult) -> dict[str, str]:
    """The cells reading left unread, with their reasons."""
    return {c.pointer: c.reason.value for c in result.report.unread}
