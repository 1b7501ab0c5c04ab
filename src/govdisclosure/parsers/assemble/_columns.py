"""The columns of tables 三 and 四, read from the header labels above them.

A table whose cells stand on a grid (HTML, Word, PDF, Markdown; see
:attr:`~._document.Table.on_grid`) says which column a value belongs to by the header
cells above it: 自然人, 法人或其他组织 › 商业企业 … 其他, 总计 in table 三; 行政复议 or
行政诉讼 › 未经复议直接起诉 | 复议后起诉, then 结果维持 … 总计 in table 四. Reading the
columns from the header, not from a value's position in its row, reads correctly

* a Word export that gives a column two grid columns (``colspan="2"`` in the header and
  every data row),
* a row with fewer cells than the template prints (a PDF table printed wider than its
  page: the columns beyond the edge are not in the file), and
* a header in another order than the template's.

A header *identifies* the columns only when it is unambiguous: every grid column is
named by at most one column of the template, every template column names one run of
adjacent grid columns, and no header cell says something that is not a label of the
table. Otherwise :func:`application_columns` and :func:`appeal_columns` return ``None``
and the caller reads by position, as before. (A pipe table written by a converter that
does not repeat merged cells has a header that does not line up with its grid: two
labels end up over one column, and the header is not used.)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from functools import cache, lru_cache
from types import MappingProxyType
from typing import TypeVar

from ...model import AppealKind, AppealOutcome, Applicant, label_of
from ...model._labels import APPEAL_GROUP_LABELS
from ...model._variants import APPEAL_HEADER_LABELS, APPLICANT_VARIANTS
from .._document import Table
from ._anchors import ANNOTATION, Anchors, absorbable
from ._fold import fold_key

__all__ = ["appeal_columns", "application_columns"]

L = TypeVar("L", bound=Hashable)  # what a header cell names
K = TypeVar("K", bound=Hashable)  # the column it makes


class _Ambiguous:
    """A grid column the header names twice, or with words that are no label."""


_AMBIGUOUS = _Ambiguous()


class _Said:
    """What a header cell says when it names no column: nothing, or no label at all."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


# What a header cell says: a key (a column of the template or part of one), nothing
# (a group label, the note, a blank), or something that is not a label of the table.
_NOTHING = _Said("NOTHING")
_UNKNOWN = _Said("UNKNOWN")

#: The fewest columns of the template a header must name to be taken as the header.
_MIN_NAMED = 2


def _key(text: str) -> str:
    key = fold_key(text)
    # A provincial annotation in parentheses after the label: 其他（含个体工商户）.
    match = ANNOTATION.search(key)
    if match is not None and match.end() == len(key) and match.start() > 0:
        key = key[: match.start()]
    return key


@cache
def _applicant_labels() -> Mapping[str, Applicant]:
    table: dict[str, Applicant] = {}
    for applicant in Applicant:
        for label in (label_of(applicant), *APPLICANT_VARIANTS.get(applicant, ())):
            table[fold_key(label)] = applicant
    return MappingProxyType(table)


@cache
def _appeal_labels() -> Mapping[str, AppealKind | AppealOutcome]:
    table: dict[str, AppealKind | AppealOutcome] = {}
    for kind in AppealKind:
        table[fold_key(label_of(kind))] = kind
    for key, variants in APPEAL_HEADER_LABELS.items():
        if isinstance(key, AppealOutcome):
            for label in (label_of(key), *variants):
                table[fold_key(label)] = key
    return MappingProxyType(table)


def application_columns(
    table: Table, header_rows: int, marks: Anchors
) -> dict[int, Applicant] | None:
    """Grid column → applicant column of table 三, from the ``header_rows`` top rows.

    Grid columns the header does not name are not in the map. ``None`` when the header
    does not identify the columns (see the module documentation).
    """

    def column(keys: set[Applicant]) -> Applicant | _Ambiguous:
        return next(iter(keys)) if len(keys) == 1 else _AMBIGUOUS

    return _columns(table, header_rows, lambda text: _applicant_said(text, marks), column)


def appeal_columns(
    table: Table, header_rows: int, marks: Anchors
) -> dict[int, tuple[AppealKind, AppealOutcome]] | None:
    """Grid column → (block, outcome) of table 四, from the ``header_rows`` top rows.

    A column is named when the labels above it give exactly one block (行政复议,
    未经复议直接起诉, 复议后起诉; 行政诉讼 alone names none) and one outcome.
    """

    def column(
        keys: set[AppealKind | AppealOutcome],
    ) -> tuple[AppealKind, AppealOutcome] | _Ambiguous:
        kinds = [k for k in keys if isinstance(k, AppealKind)]
        outcomes = [k for k in keys if isinstance(k, AppealOutcome)]
        if len(kinds) == 1 and len(outcomes) == 1:
            return kinds[0], outcomes[0]
        return _AMBIGUOUS

    return _columns(table, header_rows, lambda text: _appeal_said(text, marks), column)


@lru_cache(maxsize=4096)
def _applicant_said(text: str, marks: Anchors) -> Applicant | _Said:
    """What a header cell of table 三 says."""
    key = _key(text)
    if not key:
        return _NOTHING
    found = _applicant_labels().get(key)
    if found is not None:
        return found
    return _NOTHING if absorbable(key, marks) else _UNKNOWN


@lru_cache(maxsize=4096)
def _appeal_said(text: str, marks: Anchors) -> AppealKind | AppealOutcome | _Said:
    """What a header cell of table 四 says (行政诉讼 alone names no block)."""
    key = _key(text)
    if not key or key == fold_key(APPEAL_GROUP_LABELS["litigation"]):
        return _NOTHING
    found = _appeal_labels().get(key)
    if found is not None:
        return found
    return _NOTHING if absorbable(key, marks) else _UNKNOWN


def _columns(
    table: Table,
    header_rows: int,
    classify: Callable[[str], L | _Said],
    column: Callable[[set[L]], K | _Ambiguous],
) -> dict[int, K] | None:
    if not table.on_grid or header_rows <= 0:
        return None
    said: dict[int, set[L]] = {}  # grid column → what the header cells over it name
    unknown: set[int] = set()
    for cell in table.cells:
        if cell.row >= header_rows:
            continue
        what = classify(cell.text)
        if what is _NOTHING:
            continue
        for c in range(cell.column, min(cell.column + cell.colspan, table.n_columns)):
            if isinstance(what, _Said):
                unknown.add(c)
            else:
                said.setdefault(c, set()).add(what)
    if unknown:
        # Words that are no label of the table over a column: not this table's header.
        return None
    out: dict[int, K] = {}
    runs: dict[K, list[int]] = {}
    for c in sorted(said):
        named = column(said[c])
        if isinstance(named, _Ambiguous):
            # Two columns named over one grid column: the header is not laid out on the
            # grid the values stand on.
            return None
        out[c] = named
        runs.setdefault(named, []).append(c)
    if len(runs) < _MIN_NAMED:
        return None
    for columns in runs.values():
        if columns[-1] - columns[0] + 1 != len(columns):
            return None  # one column of the template printed in two places
    return out
