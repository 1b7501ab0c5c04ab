"""Figures a character recogniser was unsure of: unread, unless an identity confirms them.

The documents are built by hand (the Shanghai-like document of test_parse_documents) and
given the confidences an OCR front-end would: no recogniser runs here. A cell under 0.9
is held back; it is read (GD919) only when an identity in which it is the only unsure
term holds with the recogniser's reading, otherwise unread with reason ``uncertain``
(GD918) — never guessed, and never the ground of a finding about the report.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from govdisclosure import check
from govdisclosure.checks import Origin
from govdisclosure.model import UnreadReason, iter_cells
from govdisclosure.parsers import Document, ParseResult, Table, TableCell, TextBlock, assemble
from govdisclosure.parsers.frontends._text import read_text

from .test_parse_documents import codes, shanghai_like

# Grid slots of the Shanghai-like table 三 (a 3-column stub, then the seven applicants)
# and table 四 (three header rows, then the figures).
NEW_RECEIVED = 3
TOTAL_HANDLED = 24
NATURAL_PERSON, COMMERCIAL, TOTAL = 3, 4, 9


def unsure(
    document: Document, table: int, cells: dict[tuple[int, int], tuple[str | None, float]]
) -> Document:
    """``document`` with the cells at grid slots (row, column) of table ``table`` read
    with the given confidences (and, where given, another text)."""

    def change(cell: TableCell) -> TableCell:
        found = cells.get((cell.row, cell.column))
        if found is None:
            return cell
        text, confidence = found
        return attrs.evolve(cell, text=cell.text if text is None else text, confidence=confidence)

    blocks = [
        attrs.evolve(b, cells=tuple(change(c) for c in b.cells))
        if isinstance(b, Table) and b.index == table
        else b
        for b in document.blocks
    ]
    return attrs.evolve(document, blocks=tuple(blocks))


def unread(result: ParseResult) -> dict[str, UnreadReason]:
    return {cell.pointer: cell.reason for cell in result.report.unread}


def test_a_sure_reading_is_read_as_before() -> None:
    document = unsure(shanghai_like(), 2, {(NEW_RECEIVED, NATURAL_PERSON): (None, 0.95)})
    result = assemble(document)
    assert result.report.applications.new_received.natural_person == 821
    assert not {c for c, _ in codes(result)} & {"GD918", "GD919"}


def test_an_unsure_figure_confirmed_by_its_row_total_is_read() -> None:
    # 821 + 35 + 2 + 1 = 859 (the blank cells add nothing).
    document = unsure(shanghai_like(), 2, {(NEW_RECEIVED, NATURAL_PERSON): (None, 0.62)})
    result = assemble(document)
    assert result.report.applications.new_received.natural_person == 821
    assert ("GD919", "/applications/new_received/natural_person") in codes(result)
    assert unread(result) == {}
    (note,) = [d for d in result.diagnostics if d.code == "GD919"]
    related = {r.pointer for r in note.related}
    assert "/applications/new_received/total" in related


def test_an_unsure_figure_no_identity_confirms_is_unread() -> None:
    # The recogniser read 36 where 35 is printed: the row's total asks for 35.
    pointer = "/applications/new_received/commercial_enterprise"
    document = unsure(shanghai_like(), 2, {(NEW_RECEIVED, COMMERCIAL): ("36", 0.55)})
    result = assemble(document)
    assert result.report.applications.new_received.commercial_enterprise is None
    assert unread(result) == {pointer: UnreadReason.UNCERTAIN}
    (warning,) = [d for d in result.diagnostics if d.code == "GD918"]
    assert warning.pointer == pointer
    assert warning.actual == "36"
    assert "35" in warning.message  # the value the identity asks for: a hint only
    # No finding about the report as published rests on the unread cell.
    for finding in check(result):
        if finding.origin is Origin.REPORT:
            assert pointer not in {finding.pointer, *(r.pointer for r in finding.related)}


def test_two_unsure_figures_of_one_row_confirm_each_other_through_other_identities() -> None:
    # 821 and the row's 859 are both unsure: the row's total cannot decide either, but
    # T3-A in the 自然人 column (821 + 18 = 767 + 72) confirms 821, which then lets the
    # row's total confirm 859.
    document = unsure(
        shanghai_like(),
        2,
        {(NEW_RECEIVED, NATURAL_PERSON): (None, 0.5), (NEW_RECEIVED, TOTAL): (None, 0.5)},
    )
    result = assemble(document)
    assert result.report.applications.new_received.values()[0] == 821
    assert result.report.applications.new_received.total == 859
    confirmed = {p for c, p in codes(result) if c == "GD919"}
    assert confirmed == {
        "/applications/new_received/natural_person",
        "/applications/new_received/total",
    }


def test_an_unsure_blank_is_not_read_as_blank() -> None:
    # Marks of ink the recogniser could not read at all: the cell may hold a figure.
    pointer = "/applications/new_received/research_institution"
    document = unsure(shanghai_like(), 2, {(NEW_RECEIVED, 5): ("", 0.0)})
    result = assemble(document)
    assert unread(result) == {pointer: UnreadReason.UNCERTAIN}
    assert ("GD918", pointer) in codes(result)


def test_an_unsure_cell_of_table_four_is_confirmed_by_its_block() -> None:
    # 行政复议: 5 + 2 = 7; the 7 is unsure.
    document = unsure(shanghai_like(), 3, {(3, 4): (None, 0.7)})
    result = assemble(document)
    assert result.report.appeals.administrative_review.total == 7
    assert ("GD919", "/appeals/administrative_review/total") in codes(result)


def test_an_unsure_cell_of_table_two_is_unread() -> None:
    # Table 二 has no identities: nothing can confirm a reading there.
    document = unsure(shanghai_like(), 1, {(2, 1): (None, 0.8)})  # 规章 › 本年新制作数量
    result = assemble(document)
    pointer = "/proactive/rules/newly_made"
    assert {ref.pointer: value for ref, value in iter_cells(result.report)}[pointer] is None
    assert unread(result) == {pointer: UnreadReason.UNCERTAIN}
    assert ("GD918", pointer) in codes(result)


def test_a_blank_cut_by_the_page_edge_stops_a_reading_by_position() -> None:
    # Table 四 without the header cell naming its first block is read by position; its
    # last cell is blank on the page edge and may have held a figure drawn beyond it, so
    # the row is not read by position.
    document = shanghai_like()
    blocks = []
    for block in document.blocks:
        if isinstance(block, Table) and block.index == 3:
            cells = tuple(
                attrs.evolve(c, clipped=True) if (c.row, c.column) == (3, 14) else c
                for c in block.cells
                if c.row != 0 or c.column != 0
            )
            block = attrs.evolve(block, cells=cells)
        blocks.append(block)
    result = assemble(attrs.evolve(document, blocks=tuple(blocks)))
    appeals = result.report.appeals
    assert all(v is None for v in appeals.administrative_review.values())
    assert set(unread(result)) >= {"/appeals/administrative_review/total"}


# -- figures of the text ---------------------------------------------------------------------

HUAIAN_TEXT = Path(__file__).resolve().parent / "data" / "corpus" / "009_huaian_szf_2024.txt"


def _misread(confidence: float) -> ParseResult:
    """Huai'an 2024 as text, its line stating the applications received (3119) read by a
    recogniser as 3179, the 7 with ``confidence``: every other character sure."""
    document = read_text(HUAIAN_TEXT.read_text(encoding="utf-8"))
    blocks = []
    for block in document.blocks:
        if isinstance(block, TextBlock) and "申请 3119 件" in block.text:
            text = block.text.replace("3119", "3179")
            scores = [1.0] * len(text)
            scores[text.index("3179") + 2] = confidence
            block = attrs.evolve(block, text=text, confidence=confidence, confidences=tuple(scores))
        blocks.append(block)
    return assemble(attrs.evolve(document, blocks=tuple(blocks)))


def test_a_figure_of_the_text_the_recogniser_was_unsure_of_is_marked_and_never_compared() -> None:
    result = _misread(0.62)
    assert "申请 □□□□ 件" in result.report.overview
    (note,) = (d for d in result.diagnostics if d.code == "GD920")
    assert (note.location.pointer, note.actual) == ("/overview", "3179")
    narrative = [f for f in check(result) if f.code.startswith("GD5")]
    assert narrative == []
    # Every other word is kept as read.
    assert result.report.overview.replace("□□□□", "3119") == _misread(1.0).report.overview.replace(
        "3179", "3119"
    )


def test_a_figure_read_surely_is_compared_with_the_tables() -> None:
    # The same misreading with a sure recogniser is the report's word: compared, and
    # found not to match table 三.
    result = _misread(0.95)
    assert not [d for d in result.diagnostics if d.code == "GD920"]
    assert [
        (f.code, f.origin)
        for f in check(result)
        if f.code.startswith("GD5") and f.location.pointer == "/overview"
    ]


def test_an_unsure_year_in_the_title_is_not_the_reports_year() -> None:
    # The title's year read as 2021 without confidence: the year is taken where the text
    # states it surely (GD911 says so), never from the unsure reading.
    document = read_text(HUAIAN_TEXT.read_text(encoding="utf-8"))
    blocks = []
    for block in document.blocks:
        if isinstance(block, TextBlock) and block.text.startswith("2024 年政府信息公开"):
            text = block.text.replace("2024", "2021", 1)
            scores = [1.0] * len(text)
            scores[3] = 0.5
            block = attrs.evolve(block, text=text, confidences=tuple(scores))
        blocks.append(block)
    result = assemble(attrs.evolve(document, blocks=tuple(blocks)))
    assert result.report.year == 2024
    assert "□□□□" in result.report.title
    assert ("GD920", "/title") in codes(result)
