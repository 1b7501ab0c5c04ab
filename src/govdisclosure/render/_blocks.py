"""The report in reading order, as blocks both renderers walk: headings, texts, tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..model import AnnualReport, Section
from ._layout import TableLayout, table_layouts
from ._words import GENERATED_TITLE

__all__ = ["Heading", "Table", "Text", "report_blocks", "title_of"]


class Heading(NamedTuple):
    """A section heading (二、主动公开政府信息情况 …)."""

    section: Section


class Text(NamedTuple):
    """Free text of the report at ``pointer``, as published (may hold line breaks)."""

    pointer: str
    text: str


class Table(NamedTuple):
    """A table of the template."""

    layout: TableLayout


Block = Heading | Text | Table


def title_of(report: AnnualReport) -> tuple[str, bool]:
    """The report's title, or a generated one (agency and year) and ``True`` if generated."""
    if report.title:
        return report.title, False
    return GENERATED_TITLE.format(agency=report.agency.name, year=report.year), True


def report_blocks(report: AnnualReport) -> Iterator[Block]:
    """Every part of ``report`` after its title, in the template's order.

    Empty texts are left out; every heading and table is always there.
    """
    tables = table_layouts(report)

    def text(pointer: str, value: str) -> Iterator[Block]:
        if value:
            yield Text(pointer, value)

    yield from text("/preface", report.preface)
    yield Heading(Section.OVERVIEW)
    yield from text("/overview", report.overview)
    for section, part in (
        (Section.PROACTIVE, report.proactive),
        (Section.APPLICATIONS, report.applications),
        (Section.APPEALS, report.appeals),
    ):
        yield Heading(section)
        yield from text(f"/{section.value}/text_before", part.text_before)
        yield Table(tables[section])
        yield from text(f"/{section.value}/text_after", part.text_after)
    yield Heading(Section.PROBLEMS)
    yield from text("/problems", report.problems)
    yield Heading(Section.OTHER_MATTERS)
    yield from text("/other_matters", report.other_matters)
