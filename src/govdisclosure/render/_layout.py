"""The official layout of tables 二, 三 and 四 as grids of (possibly merged) cells.

One description of the template serves every renderer: the HTML page draws the merged
cells with ``rowspan``/``colspan``; Markdown, which cannot merge cells, writes the
expanded grid (see :func:`expand`). Labels come from :mod:`govdisclosure.model._labels`
only; data cells carry the JSON pointer of the value they show.
"""

from __future__ import annotations

import attrs

from ..model import (
    AnnualReport,
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    Edition,
    Money,
    MoneyUnit,
    ProactiveColumn,
    Section,
)
from ..model._cellmap import CellValue, iter_cells
from ..model._labels import (
    APPEAL_GROUP_LABELS,
    APPLICATION_GROUP_LABELS,
    APPLICATION_HEADER,
    APPLICATION_NOTE,
    APPLICATION_RESULTS_LABEL,
    PROACTIVE_BLOCKS,
    PROACTIVE_ITEM_HEADER,
)

__all__ = [
    "PROACTIVE_WIDTH",
    "GridCell",
    "TableLayout",
    "cell_text",
    "expand",
    "table_layouts",
]

#: Value columns of table 二: the widest block (第二十条第（一）项) has three.
PROACTIVE_WIDTH = 3


@attrs.frozen(kw_only=True)
class GridCell:
    """One cell of a rendered table, at its top-left slot.

    Attributes:
        text: what the cell prints (a label, or a value as printed; ``""`` for blank).
        rowspan: rows the cell covers.
        colspan: columns the cell covers.
        header: whether the cell is a label (``<th>``) rather than a value.
        pointer: for a value cell, the JSON pointer of its value.
        role: what the cell is, for styling: ``"caption"`` (a block caption of 二),
            ``"note"`` (the 勾稽关系 note of 三), ``"group"``, ``"column"``, ``"row"``,
            ``"value"`` or ``"filler"`` (an empty value slot of a narrow 二 block).
    """

    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = True
    pointer: str | None = None
    role: str = "row"


@attrs.frozen(kw_only=True)
class TableLayout:
    """A table of the template: rows of :class:`GridCell` on ``n_columns`` grid columns.

    Attributes:
        section: the report section the table belongs to.
        rows: the cells starting on each grid row, left to right (merged cells once).
        n_columns: the width of the grid.
        header_rows: how many leading rows are column headers.
    """

    section: Section
    rows: tuple[tuple[GridCell, ...], ...]
    n_columns: int
    header_rows: int


def cell_text(value: CellValue, column: ProactiveColumn | None = None, *, edition: Edition) -> str:
    """A value as the table prints it: blank for ``None``, money with its unit.

    The unit is left out where the column header states it (2021 本年收费金额（单位：万元）).
    Decimals are written in positional notation, never with an exponent.
    """
    if value is None:
        return ""
    if isinstance(value, Money):
        text = format(value.value, "f")
        if value.unit is None or _unit_in_header(column, edition) is value.unit:
            return text
        return f"{text}{value.unit.label()}"
    return str(value)


def _unit_in_header(column: ProactiveColumn | None, edition: Edition) -> MoneyUnit | None:
    if column is ProactiveColumn.AMOUNT and edition is Edition.E2021:
        return MoneyUnit.TEN_THOUSAND_YUAN
    return None


def _values(report: AnnualReport) -> dict[str, str]:
    edition = report.edition
    return {
        ref.pointer: cell_text(
            value,
            ref.column if isinstance(ref.column, ProactiveColumn) else None,
            edition=edition,
        )
        for ref, value in iter_cells(report)
    }


def _value(values: dict[str, str], pointer: str, colspan: int = 1) -> GridCell:
    return GridCell(
        text=values[pointer], colspan=colspan, header=False, pointer=pointer, role="value"
    )


def _proactive(report: AnnualReport, values: dict[str, str]) -> TableLayout:
    edition = report.edition
    width = 1 + PROACTIVE_WIDTH
    rows: list[tuple[GridCell, ...]] = []
    for caption, block_rows in PROACTIVE_BLOCKS[edition]:
        rows.append((GridCell(text=caption, colspan=width, role="caption"),))
        columns = block_rows[0].columns(edition)
        spans = _spread(len(columns))
        header = [GridCell(text=PROACTIVE_ITEM_HEADER, role="column")]
        header += [
            GridCell(text=c.label(edition), colspan=s, role="column")
            for c, s in zip(columns, spans, strict=True)
        ]
        rows.append(tuple(header))
        for row in block_rows:
            cells = [GridCell(text=row.label(edition), role="row")]
            cells += [
                _value(values, f"/proactive/{row.value}/{c.value}", s)
                for c, s in zip(row.columns(edition), spans, strict=True)
            ]
            rows.append(tuple(cells))
    return TableLayout(section=Section.PROACTIVE, rows=tuple(rows), n_columns=width, header_rows=0)


def _spread(n: int) -> tuple[int, ...]:
    """Column spans of a block with ``n`` value columns on the 3-column grid of 二.

    The last column of a narrower block spans the remaining grid columns, as the
    2021 template's single-value blocks do (``colspan=3``).
    """
    return (1,) * (n - 1) + (PROACTIVE_WIDTH - n + 1,)


def _applications(report: AnnualReport, values: dict[str, str]) -> TableLayout:
    edition = report.edition
    legal_persons = [a for a in Applicant if a not in (Applicant.NATURAL_PERSON, Applicant.TOTAL)]
    header = (
        (
            GridCell(text=APPLICATION_NOTE, rowspan=3, colspan=3, role="note"),
            GridCell(text=APPLICATION_HEADER["applicants"], colspan=7, role="group"),
        ),
        (
            GridCell(text=Applicant.NATURAL_PERSON.label(), rowspan=2, role="column"),
            GridCell(text=APPLICATION_HEADER["legal_persons"], colspan=5, role="group"),
            GridCell(text=Applicant.TOTAL.label(), rowspan=2, role="column"),
        ),
        tuple(GridCell(text=a.label(), role="column") for a in legal_persons),
    )
    # Table 三 as the report prints it (a mixed report keeps the other edition's （六）).
    all_rows = ApplicationRow.for_edition(report.layout.applications)
    outcome_span = sum(1 for r in all_rows if r.is_outcome) + 1  # + （七）总计
    group_sizes: dict[str, int] = {}
    for r in all_rows:
        if r.group is not None:
            group_sizes[r.group] = group_sizes.get(r.group, 0) + 1
    rows: list[tuple[GridCell, ...]] = list(header)
    seen_groups: set[str] = set()
    for r in all_rows:
        stub: list[GridCell] = []
        if r is ApplicationRow.GRANTED:
            stub.append(
                GridCell(text=APPLICATION_RESULTS_LABEL, rowspan=outcome_span, role="group")
            )
        if r in (
            ApplicationRow.NEW_RECEIVED,
            ApplicationRow.CARRIED_OVER,
            ApplicationRow.CARRIED_FORWARD,
        ):
            stub.append(GridCell(text=r.label(edition), colspan=3, role="row"))
        elif r.group is None:
            stub.append(GridCell(text=r.label(edition), colspan=2, role="row"))
        else:
            if r.group not in seen_groups:
                seen_groups.add(r.group)
                stub.append(
                    GridCell(
                        text=APPLICATION_GROUP_LABELS[r.group],
                        rowspan=group_sizes[r.group],
                        role="group",
                    )
                )
            stub.append(GridCell(text=r.label(edition), role="row"))
        cells = [_value(values, f"/applications/{r.value}/{a.value}") for a in Applicant]
        rows.append((*stub, *cells))
    return TableLayout(section=Section.APPLICATIONS, rows=tuple(rows), n_columns=10, header_rows=3)


def _appeals(values: dict[str, str]) -> TableLayout:
    outcomes = tuple(AppealOutcome)
    litigation = (AppealKind.DIRECT_LITIGATION, AppealKind.LITIGATION_AFTER_REVIEW)
    rows = (
        (
            GridCell(text=APPEAL_GROUP_LABELS["review"], colspan=5, role="group"),
            GridCell(text=APPEAL_GROUP_LABELS["litigation"], colspan=10, role="group"),
        ),
        (
            *(GridCell(text=o.label(), rowspan=2, role="column") for o in outcomes),
            *(GridCell(text=k.label(), colspan=5, role="group") for k in litigation),
        ),
        tuple(GridCell(text=o.label(), role="column") for _ in litigation for o in outcomes),
        tuple(
            _value(values, f"/appeals/{k.value}/{o.value}") for k in AppealKind for o in outcomes
        ),
    )
    return TableLayout(section=Section.APPEALS, rows=rows, n_columns=15, header_rows=3)


def table_layouts(report: AnnualReport) -> dict[Section, TableLayout]:
    """The three tables of ``report`` (二, 三, 四) in the template's layout."""
    values = _values(report)
    return {
        Section.PROACTIVE: _proactive(report, values),
        Section.APPLICATIONS: _applications(report, values),
        Section.APPEALS: _appeals(values),
    }


def expand(table: TableLayout) -> list[list[GridCell]]:
    """The grid with merged cells expanded: every slot holds the cell covering it."""
    n_rows = len(table.rows)
    slots: list[list[GridCell | None]] = [[None] * table.n_columns for _ in range(n_rows)]
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while c < table.n_columns and slots[r][c] is not None:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    slots[r + dr][c + dc] = cell
            c += cell.colspan
    grid: list[list[GridCell]] = []
    for r, line in enumerate(slots):
        if any(slot is None for slot in line):  # pragma: no cover - layouts are complete
            raise AssertionError(f"row {r} of the {table.section.value} table has a gap")
        grid.append([slot for slot in line if slot is not None])
    return grid
