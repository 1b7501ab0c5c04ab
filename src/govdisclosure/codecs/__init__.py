"""How reports and findings are stored and exported.

The canonical JSON form and its JSON Schema; the tidy CSV (and pandas) export of table
cells; one summary row per report (CSV, Parquet, pandas); findings as JSON and as SARIF
2.1.0.
"""

from ._csv import (
    CSV_COLUMNS,
    cell_label_paths,
    computed_values,
    to_csv_rows,
    to_dataframe,
    write_csv,
)
from ._findings import (
    FileFindings,
    finding_to_dict,
    findings_to_dict,
    findings_to_json,
)
from ._json import dumps, from_dict, loads, to_dict
from ._jsonpos import pointer_lines
from ._sarif import to_sarif
from ._schema import json_schema
from ._summary import (
    SUMMARY_COLUMNS,
    duplicate_groups,
    summary_dataframe,
    summary_rows,
    write_summary_csv,
    write_summary_parquet,
)

__all__ = [
    "CSV_COLUMNS",
    "SUMMARY_COLUMNS",
    "FileFindings",
    "cell_label_paths",
    "computed_values",
    "dumps",
    "duplicate_groups",
    "finding_to_dict",
    "findings_to_dict",
    "findings_to_json",
    "from_dict",
    "json_schema",
    "loads",
    "pointer_lines",
    "summary_dataframe",
    "summary_rows",
    "to_csv_rows",
    "to_dataframe",
    "to_dict",
    "to_sarif",
    "write_csv",
    "write_summary_csv",
    "write_summary_parquet",
]
