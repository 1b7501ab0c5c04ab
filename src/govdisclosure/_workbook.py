"""How a govdisclosure workbook (.xlsx) names the parts of a report.

Shared by the writer (:mod:`govdisclosure.render`) and the reader
(``govdisclosure.parsers.frontends._xlsx``). A workbook written by ``convert --to xlsx``
or ``template --to xlsx`` keeps each report on two sheets: the report sheet in the
official layout (title, section headings, tables 二/三/四) and a text sheet (the facts
about the report, and its prose part by part). Defined names scoped to the report sheet
say where each part is, so that the reader needs no labels and a user may move rows:

- ``govdisclosure.title``, ``.agency``, ``.agency_level``, ``.year``, ``.edition``: the
  cells holding the report's facts (the title is the report sheet's first row);
- ``govdisclosure.heading.<section>``: the heading cell of each section on the report
  sheet (``overview`` … ``other_matters``);
- ``govdisclosure.<part>``: the cells of each part of the prose (``preface``,
  ``overview``, ``proactive.text_before`` …, ``other_matters``), read in order and
  joined as they are (a part longer than a cell holds continues in the next cell).

A workbook without these names is read sheet by sheet, row by row.
"""

from __future__ import annotations

from .model import Section
from .model._cellmap import TEXT_POINTERS

__all__ = [
    "CELL_TEXT_LIMIT",
    "HEADING_PREFIX",
    "METADATA_KEYS",
    "NAME_PREFIX",
    "TEXT_KEYS",
    "heading_name",
    "metadata_name",
    "text_name",
]

NAME_PREFIX = "govdisclosure."
HEADING_PREFIX = NAME_PREFIX + "heading."

#: The report's facts, as the reader hands them to the assembler (Document.metadata).
METADATA_KEYS: tuple[str, ...] = ("title", "agency", "agency_level", "year", "edition")

#: The parts of the prose, in reading order: ``/proactive/text_before`` is
#: ``proactive.text_before`` (the title is a fact, not prose).
TEXT_KEYS: tuple[str, ...] = tuple(
    p.strip("/").replace("/", ".") for p in TEXT_POINTERS if p != "/title"
)

#: The most characters an Excel cell holds.
CELL_TEXT_LIMIT = 32_767


def metadata_name(key: str) -> str:
    """The defined name of a fact of the report (``govdisclosure.year``)."""
    return NAME_PREFIX + key


def text_name(key: str) -> str:
    """The defined name of a part of the prose (``govdisclosure.proactive.text_before``)."""
    return NAME_PREFIX + key


def heading_name(section: Section) -> str:
    """The defined name of a section's heading cell (``govdisclosure.heading.overview``)."""
    return HEADING_PREFIX + section.value
