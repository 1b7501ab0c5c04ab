"""Every cell of a report by JSON pointer, in document order.

This is the one place that knows how a pointer into the canonical JSON form maps to an
attribute path in the model. Checks, exports, renderers and parsers all go through it.
"""

from __future__ import annotations

import linecache
from collections.abc import Callable, Iterator, Mapping
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
    "Layout",
    "Shape",
    "cell_refs",
    "cell_values",
    "document_order",
    "escape_pointer_token",
    "get_at",
    "iter_cells",
    "replace_at",
]

CellValue = int | Money | None


class Layout(NamedTuple):
    """The shape of a report's tables.

    Attributes:
        edition: the report's edition: the headings, table 二 and the rules that apply.
        applications: the edition whose table 三 the report prints. It differs from
            ``edition`` in a *mixed* report: a 2021 report whose table 三 keeps the 2019
            single row （六）其他处理 (or the reverse). The model holds such a table as
            printed, one row or three, never an invented split.
    """

    edition: Edition
    applications: Edition

    @property
    def is_mixed(self) -> bool:
        """Whether table 三 follows the other edition's shape."""
        return self.edition is not self.applications


#: A layout, or an edition standing for its own (unmixed) layout.
Shape = Edition | Layout


def _layout(shape: Shape) -> Layout:
    return shape if isinstance(shape, Layout) else Layout(shape, shape)


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


def cell_refs(shape: Shape) -> tuple[CellRef, ...]:
    """Every table cell of a report of ``shape`` in document order (二, then 三, then 四).

    ``shape`` is an :class:`Edition` (the edition's own tables) or a :class:`Layout`
    (``report.layout``: table 三 as the report prints it).
    """
    return _cell_refs(_layout(shape))


@cache
def _cell_refs(layout: Layout) -> tuple[CellRef, ...]:
    edition = layout.edition
    refs: list[CellRef] = []
    for prow in ProactiveRow.for_edition(edition):
        for pcol in prow.columns(edition):
            refs.append(_ref(Section.PROACTIVE, prow, pcol, "proactive", prow.value, pcol.value))
    for arow in ApplicationRow.for_edition(layout.applications):
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


def document_order(shape: Shape) -> Mapping[str, int]:
    """Position of every known pointer (cells, texts, metadata) in reading order."""
    return _document_order(_layout(shape))


@cache
def _document_order(layout: Layout) -> Mapping[str, int]:
    order: list[str] = ["", "/edition", "/year", "/agency", "/agency/name", "/agency/level"]
    order += ["/title", "/preface", "/overview", "/proactive", "/proactive/text_before"]
    cells = _cell_refs(layout)

    def rows_and_cells(section: Section) -> list[str]:
        # A row's pointer comes right before its first cell.
        out: list[str] = []
        seen = {f"/{section.value}"}
        for ref in cells:
            if ref.section is section:
                row = ref.pointer.rsplit("/", 1)[0]
                if row not in seen:
                    seen.add(row)
                    out.append(row)
                out.append(ref.pointer)
        return out

    order += rows_and_cells(Section.PROACTIVE)
    order += ["/proactive/text_after", "/applications", "/applications/text_before"]
    order += rows_and_cells(Section.APPLICATIONS)
    order += ["/applications/text_after", "/appeals", "/appeals/text_before"]
    order += rows_and_cells(Section.APPEALS)
    order += ["/appeals/text_after", "/problems", "/other_matters", "/unread", "/source"]
    return MappingProxyType({p: i for i, p in enumerate(order)})


def get_at(root: Any, path: tuple[str, ...]) -> Any:
    """The value at attribute ``path`` below ``root``."""
    value = root
    for name in path:
        value = getattr(value, name)
    return value


def cell_values(report: Any) -> list[CellValue]:
    """The value of every table cell of ``report``, in the order of :func:`cell_refs`."""
    return values_getter(report.layout)(report)


@cache
def values_getter(layout: Layout) -> Callable[[Any], list[CellValue]]:
    """A compiled ``report -> [value of each cell]`` for reports of ``layout``, in the
    order of :func:`cell_refs` (one attribute load per cell; built once per layout)."""
    names: dict[tuple[str, ...], str] = {(): "r"}
    lines = ["def values(r):"]
    refs = _cell_refs(layout)
    for ref in refs:
        parent = ref.path[:-1]
        for depth in range(1, len(parent) + 1):
            path = parent[:depth]
            if path not in names:
                names[path] = f"o{len(names)}"
                lines.append(f"    {names[path]} = {names[path[:-1]]}.{path[-1]}")
    cells = ", ".join(f"{names[ref.path[:-1]]}.{ref.path[-1]}" for ref in refs)
    lines.append(f"    return [{cells}]")
    source = "\n".join(lines) + "\n"
    filename = f"<govdisclosure cell values {layout.edition.value}/{layout.applications.value}>"
    namespace: dict[str, Any] = {}
    exec(compile(source, filename, "exec"), namespace)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    function: Callable[[Any], list[CellValue]] = namespace["values"]
    return function


def iter_cells(report: Any) -> Iterator[tuple[CellRef, CellValue]]:
    """Every table cell of ``report`` with its value, in document order."""
    return zip(cell_refs(report.layout), cell_values(report), strict=True)


def replace_at(root: Any, path: tuple[str, ...], value: Any) -> Any:
    """A copy of ``root`` with the value at attribute ``path`` replaced (``attrs.evolve``)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    child = getattr(root, head)
    return attrs.evolve(root, **{head: replace_at(child, rest, value)})
