"""Tidy exports: one row per table cell, for one report or thousands.

Each row names the report (document, agency, level, year, edition), the cell (section,
row and column as stable slugs — the enum values of the canonical JSON form — and as the
template's Chinese labels, and its JSON pointer) and its value. A blank cell has an empty
value, never a 0. A cell reading left unread has an empty value too, and the reason in
``unread`` (``absent``, ``cropped``, ``ambiguous``…; empty for every cell that was read or
printed blank). Money carries its unit in a column of its own. ``computed_value`` is what
the template's identities make of a cell that is a sum (a 总计, the （七）总计 row), from
the cells it adds up; empty where a term is blank or unread, and for every other cell.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache
from typing import IO, TYPE_CHECKING

from .._fsnames import readable
from ..model import (
    AnnualReport,
    AppealKind,
    Applicant,
    ApplicationRow,
    CellRef,
    Edition,
    Layout,
    Money,
    ProactiveRow,
    cell_refs,
    cell_values,
    require_report,
)
from ..model._labels import (
    APPEAL_GROUP_LABELS,
    APPLICATION_GROUP_LABELS,
    APPLICATION_HEADER,
    APPLICATION_RESULTS_LABEL,
    proactive_block_of,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "CSV_COLUMNS",
    "cell_label_paths",
    "computed_values",
    "to_csv_rows",
    "to_dataframe",
    "write_csv",
]

#: The columns of the tidy export, in order.
CSV_COLUMNS: tuple[str, ...] = (
    "document",
    "agency",
    "agency_level",
    "year",
    "edition",
    "section",
    "section_label",
    "row",
    "row_label",
    "column",
    "column_label",
    "pointer",
    "value",
    "computed_value",
    "unread",
    "unit",
    "unit_label",
)

#: Separator of the levels of a merged-header label path (三、本年度办理结果/（三）不予公开/…).
LABEL_PATH_SEPARATOR = "/"


def _row_label(ref: CellRef, edition: Edition) -> str:
    row = ref.row
    parts: list[str] = []
    if isinstance(row, ProactiveRow):
        parts = [proactive_block_of(row, edition), row.label(edition)]
    elif isinstance(row, ApplicationRow):
        if row.is_outcome or row is ApplicationRow.TOTAL_HANDLED:
            parts.append(APPLICATION_RESULTS_LABEL)
        if row.group is not None:
            parts.append(APPLICATION_GROUP_LABELS[row.group])
        parts.append(row.label(edition))
    else:
        if row is not AppealKind.ADMINISTRATIVE_REVIEW:
            parts.append(APPEAL_GROUP_LABELS["litigation"])
        parts.append(row.label())
    return LABEL_PATH_SEPARATOR.join(parts)


def _column_label(ref: CellRef, edition: Edition) -> str:
    column = ref.column
    if isinstance(column, Applicant) and column not in (Applicant.NATURAL_PERSON, Applicant.TOTAL):
        return f"{APPLICATION_HEADER['legal_persons']}{LABEL_PATH_SEPARATOR}{column.label()}"
    return column.label(edition)


def cell_label_paths(ref: CellRef, edition: Edition) -> tuple[str, str]:
    """The official labels of a cell's row and column, merged header levels joined by ``/``.

    For example ``("三、本年度办理结果/（三）不予公开/1.属于国家秘密", "法人或其他组织/商业企业")``
    or ``("行政诉讼/复议后起诉", "总计")``.
    """
    return _row_label(ref, edition), _column_label(ref, edition)


def _reports(reports: AnnualReport | Iterable[AnnualReport]) -> Iterator[AnnualReport]:
    if isinstance(reports, AnnualReport):
        yield reports
        return
    if hasattr(reports, "report") and hasattr(reports, "diagnostics"):
        require_report(reports, "reports")  # a parse result: says to pass its .report
    for report in reports:
        yield require_report(report, "reports")


@cache
def _cell_columns(layout: Layout) -> tuple[dict[str, str], ...]:
    # The columns that depend only on the layout and the cell, in :func:`cell_refs` order.
    edition = layout.edition
    cells: list[dict[str, str]] = []
    for ref in cell_refs(layout):
        row_label, column_label = cell_label_paths(ref, edition)
        cells.append(
            {
                "section": ref.section.value,
                "section_label": ref.section.label(),
                "row": ref.row.value,
                "row_label": row_label,
                "column": ref.column.value,
                "column_label": column_label,
                "pointer": ref.pointer,
            }
        )
    return tuple(cells)


def computed_values(report: AnnualReport) -> dict[str, int | None]:
    """The value each sum cell of ``report`` should hold, from the cells it adds up, by
    pointer: every 总计 of tables 三 and 四 (its row's parts) and the applicant cells of
    the （七）总计 row (the outcome rows above). ``None`` where a term is blank or
    unread."""
    out: dict[str, int | None] = {}
    applications = report.applications
    for row, counts in applications.rows():
        out[f"/applications/{row.value}/total"] = counts.computed_total()
    for column, value in applications.computed_total_handled().items():
        if column is not Applicant.TOTAL:
            out[f"/applications/total_handled/{column.value}"] = value
    for kind, block in report.appeals.blocks():
        out[f"/appeals/{kind.value}/total"] = block.computed_total()
    return out


def _rows(report: AnnualReport) -> Iterator[tuple[dict[str, str], int | Decimal | None]]:
    edition = report.edition
    level = report.agency.level
    source = report.source
    document = readable(source.document) if source is not None and source.document else ""
    head = {
        "document": document,
        "agency": report.agency.name,
        "agency_level": level.value if level else "",
        "year": str(report.year),
        "edition": edition.value,
    }
    unread = {c.pointer: c.reason.value for c in report.unread} if report.unread else {}
    computed = computed_values(report)
    for cell, value in zip(_cell_columns(report.layout), cell_values(report), strict=True):
        plain: int | Decimal | None
        if isinstance(value, Money):
            unit, plain = value.unit, value.value
        else:
            unit, plain = None, value
        row = {
            **head,
            **cell,
            "value": "",
            "computed_value": _text(computed.get(cell["pointer"])),
            "unread": unread.get(cell["pointer"], "") if unread else "",
            "unit": unit.value if unit else "",
            "unit_label": unit.label() if unit else "",
        }
        yield row, plain


def _text(value: int | Decimal | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def to_csv_rows(reports: AnnualReport | Iterable[AnnualReport]) -> Iterator[dict[str, str]]:
    """One dict per table cell of each report, keyed by :data:`CSV_COLUMNS`.

    Reports are consumed lazily, one at a time, so a generator of thousands of reports
    is exported in constant memory. ``document`` is the report's ``source.document`` (the
    file it was read from), or empty.
    """
    for report in _reports(reports):
        for row, value in _rows(report):
            row["value"] = _text(value)
            yield row


def write_csv(reports: AnnualReport | Iterable[AnnualReport], file: IO[str]) -> int:
    """Write the tidy CSV of ``reports`` (with a header row) to ``file``; return the rows.

    Open ``file`` with ``newline=""`` (as the :mod:`csv` module asks); UTF-8 is the
    encoding to choose. Values that look like formulas are written as they are: the
    export is data, not a spreadsheet.
    """
    writer = csv.DictWriter(file, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in to_csv_rows(reports):
        writer.writerow(row)
        count += 1
    return count


def to_dataframe(reports: AnnualReport | Iterable[AnnualReport]) -> pandas.DataFrame:
    """The tidy export as a :class:`pandas.DataFrame` (needs the ``pandas`` extra).

    Same columns as the CSV. ``year`` is an integer column; ``value`` (dtype
    ``object``) holds Python ``int`` for counts, :class:`~decimal.Decimal` for money
    (exact) and ``None`` for blank and unread cells (``unread`` tells them apart), so
    nothing is rounded — convert with ``pandas.to_numeric`` as needed;
    ``computed_value`` is a nullable integer column (``Int64``, ``<NA>`` where not
    computed). Every other column holds strings, ``""`` where empty.
    """
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the installation
        from ..exceptions import GovDisclosureError

        raise GovDisclosureError(
            "to_dataframe 需要 pandas：pip install 'govdisclosure[pandas]'",
            "to_dataframe needs pandas: pip install 'govdisclosure[pandas]'",
        ) from None
    records: list[dict[str, str]] = []
    values: list[int | Decimal | None] = []
    computed: list[int | None] = []
    years: list[int] = []
    for report in _reports(reports):
        for row, value in _rows(report):
            records.append(row)
            values.append(value)
            computed.append(int(row["computed_value"]) if row["computed_value"] else None)
            years.append(report.year)
    frame = pandas.DataFrame.from_records(records, columns=list(CSV_COLUMNS))
    frame["year"] = pandas.Series(years, dtype="int64")
    frame["value"] = pandas.Series(values, dtype=object)
    frame["computed_value"] = pandas.Series(computed, dtype="Int64")
    return frame
