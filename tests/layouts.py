"""Reports laid out as published text, for round-trip tests of the parser.

:func:`word_text` writes a report the way text copied out of Word looks (the seed's shape:
one table cell per tab-led line, a blank line between rows); :func:`flat_text` the way a
site crawler flattens a web page (the body on one line, table cells run together, a blank
cell left as a space). Labels come from the label tables, so the layouts follow the model.
"""

from __future__ import annotations

from collections.abc import Iterator

from govdisclosure.model import (
    AnnualReport,
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    Edition,
    Money,
    MoneyUnit,
    ProactiveColumn,
    Section,
)
from govdisclosure.model._labels import (
    APPEAL_GROUP_LABELS,
    APPLICATION_GROUP_LABELS,
    APPLICATION_HEADER,
    APPLICATION_NOTE,
    APPLICATION_RESULTS_LABEL,
    PROACTIVE_BLOCKS,
    PROACTIVE_ITEM_HEADER,
    SECTION_LABELS,
)

Cells = list[str]


def title_of(report: AnnualReport) -> str:
    return f"{report.agency.name}{report.year}年政府信息公开工作年度报告"


def cell_text(value: object, column: object, edition: Edition) -> str:
    """A cell as a report prints it: signed changes with their sign, money with its unit."""
    if value is None:
        return ""
    if isinstance(value, Money):
        default = MoneyUnit.TEN_THOUSAND_YUAN if edition is Edition.E2021 else None
        unit = "" if value.unit in (None, default) else value.unit.label()
        return f"{value.value}{unit}"
    assert isinstance(value, int)
    if column is ProactiveColumn.CHANGE and value > 0:
        return f"+{value}"
    return str(value)


def proactive_rows(report: AnnualReport) -> Iterator[Cells]:
    """Table 二 as rows of cells: per block its caption, its header, its rows."""
    edition = report.edition
    for caption, rows in PROACTIVE_BLOCKS[edition]:
        yield [caption]
        columns = rows[0].columns(edition)
        yield [PROACTIVE_ITEM_HEADER, *(c.label(edition) for c in columns)]
        for row in rows:
            values = report.proactive.row(row).values()
            cells = (cell_text(v, c, edition) for v, c in zip(values, columns, strict=True))
            yield [row.label(edition), *cells]


def application_rows(report: AnnualReport) -> Iterator[Cells]:
    """Table 三 as rows of cells: the header's three rows, then each row with its stub."""
    edition = report.edition
    applicants = [a.label() for a in Applicant]
    yield [APPLICATION_NOTE, APPLICATION_HEADER["applicants"]]
    yield ["", applicants[0], APPLICATION_HEADER["legal_persons"], applicants[-1]]
    yield ["", "", *applicants[1:-1], ""]
    seen_groups: set[str] = set()
    for row, counts in report.applications.rows():
        values = [cell_text(v, None, edition) for v in counts.values()]
        label = row.label(edition)
        if row in (
            ApplicationRow.NEW_RECEIVED,
            ApplicationRow.CARRIED_OVER,
            ApplicationRow.CARRIED_FORWARD,
        ):
            stub = [label]
        elif row is ApplicationRow.GRANTED:
            stub = [APPLICATION_RESULTS_LABEL, label]
        elif row.group is None:
            stub = ["", label]
        elif row.group not in seen_groups:
            seen_groups.add(row.group)
            stub = ["", APPLICATION_GROUP_LABELS[row.group], label]
        else:
            stub = ["", "", label]
        yield [*stub, *values]


def appeal_rows(report: AnnualReport) -> Iterator[Cells]:
    """Table 四: the three header rows and the row of fifteen values."""
    outcomes = [o.label() for o in AppealOutcome]
    yield [APPEAL_GROUP_LABELS["review"], APPEAL_GROUP_LABELS["litigation"]]
    yield [
        *outcomes,
        AppealKind.DIRECT_LITIGATION.label(),
        AppealKind.LITIGATION_AFTER_REVIEW.label(),
    ]
    yield ["", "", "", "", "", *outcomes, *outcomes]
    values: Cells = []
    for block in report.appeals.block_objects():
        values.extend(cell_text(v, None, report.edition) for v in block.values())
    yield values


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _parts(report: AnnualReport) -> Iterator[tuple[str, object]]:
    """The report in reading order: ("text", paragraph) or ("table", rows)."""
    yield "text", title_of(report)
    yield "heading", SECTION_LABELS[Section.OVERVIEW]
    for p in _paragraphs(report.overview):
        yield "text", p
    for section, rows, part in (
        (Section.PROACTIVE, proactive_rows, report.proactive),
        (Section.APPLICATIONS, application_rows, report.applications),
        (Section.APPEALS, appeal_rows, report.appeals),
    ):
        yield "heading", SECTION_LABELS[section]
        for p in _paragraphs(part.text_before):
            yield "text", p
        yield "table", list(rows(report))
        for p in _paragraphs(part.text_after):
            yield "text", p
    yield "heading", SECTION_LABELS[Section.PROBLEMS]
    for p in _paragraphs(report.problems):
        yield "text", p
    yield "heading", SECTION_LABELS[Section.OTHER_MATTERS]
    for p in _paragraphs(report.other_matters):
        yield "text", p


def word_text(report: AnnualReport) -> str:
    """The report as text copied out of Word (the seed's layout)."""
    lines: list[str] = []
    for kind, content in _parts(report):
        if kind == "table":
            assert isinstance(content, list)
            lines.append("")
            for row in content:
                lines.extend(f"\t{cell}" for cell in row)
                lines.append("")
            lines.append("")
        else:
            assert isinstance(content, str)
            lines.append(content)
    return "\n".join(lines) + "\n"


def flat_text(report: AnnualReport) -> str:
    """The report as a crawler's dump: one line, table cells run together.

    A blank cell prints as a space (``&nbsp;``); blocks are separated by a space.
    """
    pieces: list[str] = []
    for kind, content in _parts(report):
        if kind == "table":
            assert isinstance(content, list)
            pieces.append("".join(cell if cell else " " for row in content for cell in row))
        else:
            assert isinstance(content, str)
            pieces.append(content)
    return " ".join(pieces)
