"""The report root: :class:`AnnualReport`, its agency, and where its values came from."""

import attrs

from ..exceptions import Problem, StructureError
from ._enums import AgencyLevel, Edition, Section
from ._sections import Appeals, Applications, OtherHandling, Proactive, Proactive2019

__all__ = ["Agency", "AnnualReport", "Heading", "PointerSpan", "Source", "SourceSpan"]


@attrs.frozen(kw_only=True)
class Agency:
    """The administrative organ that publishes the report.

    ``level`` is ``None`` when it is not known (a parser sets it only where the name makes
    it clear).
    """

    name: str
    level: AgencyLevel | None = None


@attrs.frozen(kw_only=True)
class SourceSpan:
    """A place in a published document.

    Text sources give ``line`` (1-based, and ``end_line`` for a range); HTML and DOCX give
    ``table``/``row``/``column`` (1-based, physical grid after merged cells are expanded);
    PDF gives ``page`` and ``bbox`` (x0, top, x1, bottom in points) and the table position
    where it found one.
    """

    line: int | None = None
    end_line: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            if self.end_line is not None and self.end_line != self.line:
                parts.append(f"lines {self.line}-{self.end_line}")
            else:
                parts.append(f"line {self.line}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts) or "unknown position"


@attrs.frozen(kw_only=True)
class PointerSpan:
    """The source position of the value at ``pointer`` (a JSON pointer)."""

    pointer: str
    span: SourceSpan


@attrs.frozen(kw_only=True)
class Heading:
    """A section heading as the report printed it."""

    section: Section
    text: str
    span: SourceSpan | None = None


@attrs.frozen(kw_only=True)
class Source:
    """Where a report was read from, when a parser produced it.

    Attributes:
        document: the path or name of the document, as given to the parser.
        format: ``"html"``, ``"docx"``, ``"pdf"``, ``"text"`` or ``"json"``.
        headings: the section headings as printed, in document order.
        spans: the source position of every value the parser placed.
    """

    document: str | None = None
    format: str | None = None
    headings: tuple[Heading, ...] = ()
    spans: tuple[PointerSpan, ...] = ()

    def span_of(self, pointer: str) -> SourceSpan | None:
        """The source position of the value at ``pointer``, if known."""
        for entry in self.spans:
            if entry.pointer == pointer:
                return entry.span
        return None


def _check_shape(report: "AnnualReport") -> None:
    problems: list[Problem] = []
    edition: object = report.edition  # a caller may pass anything at run time
    if not isinstance(edition, Edition):
        problems.append(
            Problem(
                "/edition",
                f"版本应为 {[e.value for e in Edition]} 之一",
                f"edition must be one of {[e.value for e in Edition]}",
            )
        )
    else:
        if report.proactive.edition is not report.edition:
            problems.append(
                Problem(
                    "/proactive",
                    f"第二部分的表格是 {report.proactive.edition.value} 版格式，"
                    f"与报告版本 {report.edition.value} 不符",
                    f"section 二 has the {report.proactive.edition.value} edition's rows, "
                    f"but the report's edition is {report.edition.value}",
                )
            )
        wants_group = report.edition is Edition.E2021
        if isinstance(report.applications.other_handling, OtherHandling) is not wants_group:
            problems.append(
                Problem(
                    "/applications/other_handling",
                    "2021 版“（六）其他处理”分三行，2019 版为一行；与报告版本不符",
                    "（六）其他处理 has three rows in the 2021 edition and one in 2019; "
                    f"this does not fit edition {report.edition.value}",
                )
            )
    if problems:
        raise StructureError(problems)


@attrs.frozen(kw_only=True)
class AnnualReport:
    """A 政府信息公开工作年度报告: every section, every table cell, every word.

    Sections follow the template: 一 :attr:`overview`, 二 :attr:`proactive`,
    三 :attr:`applications`, 四 :attr:`appeals`, 五 :attr:`problems`,
    六 :attr:`other_matters`. :attr:`title` and :attr:`preface` keep the report's title and
    the text printed before section 一. Reported totals are stored as published; blank
    cells are ``None``; sums that do not add up load fine (see :func:`govdisclosure.check`).

    Construction raises :class:`~govdisclosure.StructureError` only when the parts do not
    fit the edition (2019 section-二 rows in a 2021 report, for example).
    """

    edition: Edition
    year: int
    agency: Agency
    title: str = ""
    preface: str = ""
    overview: str = ""
    proactive: Proactive
    applications: Applications
    appeals: Appeals
    problems: str = ""
    other_matters: str = ""
    source: Source | None = None

    def __attrs_post_init__(self) -> None:
        _check_shape(self)

    @property
    def is_2019(self) -> bool:
        """Whether the report follows the 2019 edition (section 二 is :class:`Proactive2019`)."""
        return isinstance(self.proactive, Proactive2019)

    def text_of(self, section: Section) -> str:
        """The free text of ``section`` (for 二–四, the text before and after the table)."""
        if section is Section.OVERVIEW:
            return self.overview
        if section is Section.PROBLEMS:
            return self.problems
        if section is Section.OTHER_MATTERS:
            return self.other_matters
        part = {
            Section.PROACTIVE: self.proactive,
            Section.APPLICATIONS: self.applications,
            Section.APPEALS: self.appeals,
        }[section]
        return "\n".join(t for t in (part.text_before, part.text_after) if t)
