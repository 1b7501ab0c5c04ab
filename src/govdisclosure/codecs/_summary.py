"""One row per report: who, when, the key figures and ratios, the findings, a content hash.

The row a researcher pivots the tidy cell CSV into, computed once: agency, level, year,
edition, the file it was read from, table 三 by outcome and table 四 by result
(:func:`govdisclosure.model.key_figures`: printed totals, or computed where the printed
one is blank, marked in ``computed``), the ratios researchers use, error/warning/note
counts by origin, and hashes that tell the same report read from several files. Reports
of the same agency and year are marked: each such row but one names the one kept in
``duplicate_of``.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import json
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

import attrs

from ..checks import Finding, Origin, Severity
from ..exceptions import GovDisclosureError
from ..model import (
    FIGURE_FIELDS,
    RATE_FIELDS,
    AnnualReport,
    Money,
    cell_values,
    key_figures,
    require_report,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "SUMMARY_COLUMNS",
    "SummaryItem",
    "duplicate_groups",
    "summary_dataframe",
    "summary_rows",
    "write_summary_csv",
    "write_summary_parquet",
]

_COUNTS = tuple(
    f"{severity}_{origin}"
    for origin in ("report", "reading")
    for severity in ("errors", "warnings", "notes")
)

#: The columns of the summary, in order.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "document",
    "format",
    "agency",
    "agency_level",
    "year",
    "edition",
    "period",
    *FIGURE_FIELDS,
    *RATE_FIELDS,
    "computed",
    "unread_cells",
    *_COUNTS,
    "content_hash",
    "figures_hash",
    "duplicate_of",
)

#: Columns holding whole numbers (``None`` when not known).
_INTEGER_COLUMNS = frozenset({"year", *FIGURE_FIELDS, "unread_cells", *_COUNTS})
#: Digits kept of a ratio in the CSV (Parquet and Python keep the float as computed).
RATE_DIGITS = 6

#: What a summary row is made from: a report, a parse result (its diagnostics are the
#: reading findings), or a report with its findings already computed.
SummaryItem = Any


def _findings_of(item: SummaryItem) -> tuple[AnnualReport, Sequence[Finding]]:
    from ..checks import check  # the rule families load only when something is checked

    if isinstance(item, tuple) and len(item) == 2:
        return require_report(item[0], "item[0]"), tuple(item[1])
    if hasattr(item, "report") and hasattr(item, "diagnostics"):
        return require_report(item.report), check(item)
    report = require_report(item, "item")
    return report, check(report)


def _hash(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cell(value: int | Money | None) -> object:
    if isinstance(value, Money):
        return [format(value.value, "f"), value.unit.value if value.unit else None]
    return value


def _content_hash(report: AnnualReport) -> str:
    """SHA-256 of the report's canonical JSON without ``source`` (where it was read from).

    Two files holding the same report read the same way hash the same.
    """
    from ._json import dumps

    return hashlib.sha256(dumps(attrs.evolve(report, source=None)).encode("utf-8")).hexdigest()


def _figures_hash(report: AnnualReport) -> str:
    """SHA-256 of agency, year, edition and every table cell (not the text): the same
    figures whatever the wording or the file."""
    return _hash(
        [
            report.agency.name.strip(),
            report.year,
            report.edition.value,
            [_cell(v) for v in cell_values(report)],
        ]
    )


def _row(report: AnnualReport, findings: Sequence[Finding]) -> dict[str, Any]:
    source = report.source
    level = report.agency.level
    row: dict[str, Any] = {
        "document": (source.document if source and source.document else "") or "",
        "format": (source.format if source and source.format else "") or "",
        "agency": report.agency.name,
        "agency_level": level.value if level else "",
        "year": report.year,
        "edition": report.edition.value,
        "period": f"{report.year}-01-01/{report.year}-12-31" if report.year > 0 else "",
    }
    figures = key_figures(report)
    for name in (*FIGURE_FIELDS, *RATE_FIELDS):
        row[name] = getattr(figures, name)
    row["computed"] = ";".join(figures.computed)
    row["unread_cells"] = len(report.unread)
    counts = dict.fromkeys(_COUNTS, 0)
    plural = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.NOTE: "notes"}
    for finding in findings:
        origin = "reading" if finding.origin is Origin.READING else "report"
        counts[f"{plural[finding.severity]}_{origin}"] += 1
    row.update(counts)
    row["content_hash"] = _content_hash(report)
    row["figures_hash"] = _figures_hash(report)
    row["duplicate_of"] = ""
    return row


def _key(row: dict[str, Any]) -> tuple[str, int] | None:
    name = "".join(str(row["agency"]).split())
    if not name or row["year"] <= 0:
        return None
    return name, int(row["year"])


def _preference(row: dict[str, Any], index: int) -> tuple[int, int, int, int]:
    # The best reading is kept: fewest unread cells, fewest findings about reading,
    # the canonical JSON form before any published format, then the input order.
    reading = row["errors_reading"] + row["warnings_reading"] + row["notes_reading"]
    return (row["unread_cells"], reading, row["format"] != "json", index)


def duplicate_groups(rows: Sequence[dict[str, Any]]) -> list[list[int]]:
    """Indexes of the rows of the same agency (white space ignored) and year, one list
    per group of two or more; the row kept comes first (see :func:`summary_rows`)."""
    groups: dict[tuple[str, int], list[int]] = {}
    for index, row in enumerate(rows):
        key = _key(row)
        if key is not None:
            groups.setdefault(key, []).append(index)
    return [
        sorted(members, key=lambda i: _preference(rows[i], i))
        for members in groups.values()
        if len(members) > 1
    ]


def summary_rows(items: Iterable[SummaryItem]) -> list[dict[str, Any]]:
    """One row per report, keyed by :data:`SUMMARY_COLUMNS`, in the order given.

    Args:
        items: reports (checked here with :func:`govdisclosure.check`), parse results
            (checked with their reading diagnostics, so the ``*_reading`` counts are
            filled), or ``(report, findings)`` pairs.

    Returns:
        Rows of Python values: ``int`` counts, ``float`` ratios, ``None`` for a figure or
        ratio that is not known (a blank or unread term, a zero denominator) — never a
        0 or NaN in its place. ``document`` and ``format`` come from ``report.source``.
        Rows of the same agency and year are duplicates: all but one name the one kept
        in ``duplicate_of`` (the one with the fewest unread cells, then the fewest
        findings about reading, then JSON before published formats, then the first).
    """
    rows = [_row(*_findings_of(item)) for item in items]
    for group in duplicate_groups(rows):
        kept = rows[group[0]]
        for index in group[1:]:
            rows[index]["duplicate_of"] = kept["document"] or kept["content_hash"][:12]
    return rows


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{round(value, RATE_DIGITS):.{RATE_DIGITS}f}".rstrip("0").rstrip(".") or "0"
    return str(value)


def write_summary_csv(rows: Iterable[dict[str, Any]], file: IO[str]) -> int:
    """Write summary rows (with a header row) to ``file`` as CSV; return the rows written.

    Open ``file`` with ``newline=""``. A value that is not known is an empty field;
    ratios keep 6 decimal places.
    """
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_csv_value(row[c]) for c in SUMMARY_COLUMNS])
        count += 1
    return count


def _optional(module: str, extra: str, function: str) -> Any:
    """``module``, or an error naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:  # pragma: no cover - depends on the installation
        raise GovDisclosureError(
            f"{function} 需要 {module.partition('.')[0]}：pip install 'govdisclosure[{extra}]'",
            f"{function} needs {module.partition('.')[0]}: pip install 'govdisclosure[{extra}]'",
        ) from None


def _arrow_table(rows: Sequence[dict[str, Any]]) -> Any:
    pyarrow = _optional("pyarrow", "parquet", "write_summary_parquet")

    fields = []
    for column in SUMMARY_COLUMNS:
        if column in _INTEGER_COLUMNS:
            kind = pyarrow.int64()
        elif column in RATE_FIELDS:
            kind = pyarrow.float64()
        else:
            kind = pyarrow.string()
        fields.append(pyarrow.field(column, kind, nullable=True))
    schema = pyarrow.schema(fields)
    columns = {c: [row[c] for row in rows] for c in SUMMARY_COLUMNS}
    return pyarrow.table(columns, schema=schema)


def write_summary_parquet(rows: Sequence[dict[str, Any]], path: str) -> int:
    """Write summary rows to a Parquet file at ``path`` (needs the ``parquet`` extra,
    pyarrow); return the rows written. Counts are nullable 64-bit integers, ratios
    doubles (null where not known), the rest strings."""
    parquet = _optional("pyarrow.parquet", "parquet", "write_summary_parquet")
    parquet.write_table(_arrow_table(rows), path)
    return len(rows)


def summary_dataframe(rows: Sequence[dict[str, Any]]) -> pandas.DataFrame:
    """Summary rows as a :class:`pandas.DataFrame` (needs the ``pandas`` extra): counts
    as nullable integers (``Int64``), ratios as floats (``NaN`` only where the row's
    value is ``None``: not known), the rest as strings."""
    pandas = _optional("pandas", "pandas", "summary_dataframe")
    frame = pandas.DataFrame.from_records(list(rows), columns=list(SUMMARY_COLUMNS))
    for column in SUMMARY_COLUMNS:
        if column in _INTEGER_COLUMNS:
            frame[column] = frame[column].astype("Int64")
        elif column in RATE_FIELDS:
            frame[column] = frame[column].astype("float64")
    return frame
