"""The renderers' own words (not the template's: those live in ``model/_labels.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["FINDINGS_HEADING", "GENERATED_TITLE", "SEVERITY_MARKS"]

#: The heading printed when a report has no title of its own: agency and year filled in.
GENERATED_TITLE = "{agency}{year}年政府信息公开工作年度报告"

#: The heading of the findings list of an HTML page (Chinese, English).
FINDINGS_HEADING = ("检查结果", "Findings")

#: The mark drawn after a cell with a finding, by severity value.
SEVERITY_MARKS: Mapping[str, str] = MappingProxyType(
    {"error": "\u2716", "warning": "\u25b2", "note": "\u25cf"}
)
