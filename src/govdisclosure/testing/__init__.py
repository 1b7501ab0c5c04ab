"""Public Hypothesis strategies for reports — for our tests and for yours.

Requires ``hypothesis`` (the ``test`` extra). Consistent reports are built *by
construction*: the parts are drawn and every total is derived, so no example is ever
filtered away.

>>> from hypothesis import given
>>> from govdisclosure import check, Severity
>>> from govdisclosure.testing import consistent_reports
>>> @given(consistent_reports())
... def test_pipeline_keeps_reports_consistent(report):
...     assert not [f for f in check(report) if f.severity is Severity.ERROR]
"""

from __future__ import annotations

from ._strategies import (
    CellChange,
    agencies,
    cell_changes,
    consistent_reports,
    editions,
    free_texts,
    reports,
    sources,
    with_unread_cells,
)

__all__ = [
    "CellChange",
    "agencies",
    "cell_changes",
    "consistent_reports",
    "editions",
    "free_texts",
    "reports",
    "sources",
    "with_unread_cells",
]
