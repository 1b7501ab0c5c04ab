"""Every cell of a report by JSON pointer, in document order.

This is the one place that knows how a pointer into the canonical JSON form maps to an
attribute path in the model. Checks, exports, renderers and parsers all go through it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from ._cells import Money
from ._enums import (
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    Edition,
    ProactiveColumn,
    ProactiveRow,
    Section,
)

__all__ = [
    "TEXT_POINTERS",
    "CellRef",
    "CellValue",
    "cell_refs",
    "cell_values",
    "document_order",
    "escape_pointer_token",
    "get_at",
    "iter_cells",
    "replace_at",
]

CellValue = int | Money | None


class CellRef(NamedTuple):
    """One table cell: where it is in the JSON form and what it means.

    Attributes:
        pointer: RFC 6901 pointer into the canonical JSON form.
        section: :attr:`Section.PROACTIVE`, :attr:`Section.APPLICATIONS` or
            :attr:`Section.APPEALS`.
        row: the row (an :class:`ApplicationRow`, :class:`ProactiveRow` or
            :class:`AppealKind`).
        column: the column (an :class:`Applicant`, :class:`ProactiveColumn` or
            :class:`AppealOutcome`).
        path: attribute names from the report root to the cell.
    """

    pointer: str
    section: Section
    row: ApplicationRow | ProactiveRow | AppealKind
    column: Applicant | ProactiveColumn | AppealOutcome
    path: tuple[str, ...]

    @property
    def is_total(self) -> bool:
        """Whether the cell is a printed 总计 (a column total of table 三 or 四)."""
        return self.column is Applicant.TOTAL or self.column is AppealOutcome.TOTAL


def escape_pointer_token(token: str) -> str:
    """Escape one reference token for an RFC 6901 JSON pointer."""
    return token.replace("~", "~0").replace("/", "~1")


def _ref(section: Section, row: Any, column: Any, *path: str) -> CellRef:
    return CellRef("/" + "/".join(path), section, row, column, path)


@cache
def cell_refs(edition: Edition) -> tuple[CellRef, ...]:
    """Every table cell of ``edition`` in document order (二, then 三, then 四)."""
    refs: list[CellRef] = []
    for prow in ProactiveRow.for_edition(edition):
        for pcol in prow.columns(edition):
            refs.append(_ref(Section.PROACTIVE, prow, pcol, "proactive", prow.value, pcol.value))
    for arow in ApplicationRow.for_edition(edition):
        for acol in Applicant:
            refs.append(
                _ref(
                    Section.APPLICATIONS,
                    arow,
                    acol,
                    "applications",
                    *arow.value.split("/"),
                    acol.value,
                )
            )
    for kind in AppealKind:
        for outcome in AppealOutcome:
            refs.append(_ref(Section.APPEALS, kind, outcome, "appeals", kind.value, outcome.value))
    return tuple(refs)


#: Pointers of the free-text fields, in document order.
TEXT_POINTERS: tuple[str, ...] = (
    "/title",
    "/preface",
    "/overview",
    "/proactive/text_before",
    "/proactive/text_after",
    "/applications/text_before",
    "/applications/text_after",
    "/appeals/text_before",
    "/appeals/text_after",
    "/problems",
    "/other_matters",
)


@cache
def document_order(edition: Edition) -> Mapping[str, int]:
    """Position of every known pointer (cells, texts, metadata) in reading order."""
    order: list[str] = ["", "/edition", "/year", "/agency", "/agency/name", "/agency/level"]
    order += ["/title", "/preface", "/overview", "/proactive", "/proactive/text_before"]
    cells = cell_refs(edition)
    order += [c.pointer for c in cells if c.section is Section.PROACTIVE]
    order += ["/proactive/text_after", "/applications", "/applications/text_before"]
    order += [c.pointer for c in cells if c.section is Section.APPLICATIONS]
    order += ["/applications/text_after", "/appeals", "/appeals/text_before"]
    order += [c.pointer for c in cells if c.section is Section.APPEALS]
    order += ["/appeals/text_after", "/problems", "/other_matters", "/source"]
    return MappingProxyType({p: i for i, p in enumerate(order)})


def get_at(root: Any, path: tuple[str, ...]) -> Any:
    """The value at attribute ``path`` below ``root``."""
    value = root
    for name in path:
        value = getattr(value, name)
    return value


def cell_values(report: Any) -> list[CellValue]:
    """The value of every table cell of ``report``, in the order of :func:`cell_refs`."""
    values: list[CellValue] = []
    for row in report.proactive.row_objects():
        values.extend(row.values())
    for counts in report.applications.row_objects():
        values.extend(counts.values())
    for block in report.appeals.block_objects():
        values.extend(block.values())
    return values


def iter_cells(report: Any) -> Iterator[tuple[CellRef, CellValue]]:
    """Every table cell of ``report`` with its value, in document order."""
    return zip(cell_refs(report.edition), cell_values(report), strict=True)


def replace_at(root: Any, path: tuple[str, ...], value: Any) -> Any:
    """A copy of ``root`` with the value at attribute ``path`` replaced (``attrs.evolve``)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    child = getattr(root, head)
    return attrs.evolve(root, **{head: replace_at(child, rest, value)})
