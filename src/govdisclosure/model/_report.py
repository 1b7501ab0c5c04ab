"""The report root: :class:`AnnualReport`, its agency, and where its values came from."""

from collections.abc import Callable
from functools import cache, cached_property
from operator import attrgetter, itemgetter
from typing import Any

import attrs

from ..exceptions import Problem, StructureError
from ._cellmap import Layout, cell_refs, cell_values, values_getter
from ._cells import MAX_COUNT, Money, count_problem, money_problem
from ._enums import AgencyLevel, Edition, ProactiveColumn, Section, UnreadReason
from ._sections import Appeals, Applications, Proactive, Proactive2019

__all__ = [
    "Agency",
    "AnnualReport",
    "Heading",
    "PointerSpan",
    "Source",
    "SourceSpan",
    "UnreadCell",
    "require_report",
]


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


@attrs.frozen(kw_only=True)
class UnreadCell:
    """A table cell that reading a published document could not read.

    Its value in the report is ``None``, as for a blank cell, but it is not a blank: the
    report may print a figure there that the reader could not take from the document.
    No check blames the publisher for it; identities that involve it are not checked.

    A free-text section whose heading reading did not find (``/overview``, ``/problems``,
    ``/other_matters``) may be listed too: its text is empty because it was not found,
    not because the report printed nothing, and no rule judges it. So may the year
    (``/year``, then 0) and the organ's name (``/agency/name``, then empty) when the
    document does not say them.

    Attributes:
        pointer: the cell's JSON pointer.
        reason: why it was not read.
        code: the ``GD9xx`` diagnostic that explains it (``GD822`` for a region's cell
            whose parts were incomplete).
        text: what the document printed there, where the reader saw something it could
            not read (a run of digits with several readings, text that is not a figure);
            empty otherwise.
        parts: for a region's cell (:func:`govdisclosure.aggregate`, reason
            ``incomplete_parts``), the 0-based indexes of the reports whose cell was blank
            or unread.
    """

    pointer: str
    reason: UnreadReason
    code: str
    text: str = ""
    parts: tuple[int, ...] = ()


def _check_shape(report: "AnnualReport", *, counts_checked: bool = False) -> None:
    """Raise :class:`StructureError` if ``report``'s parts do not fit together.

    ``counts_checked``: every count cell is known to be an ``int`` within bounds or
    ``None`` (and every amount cell a :class:`Money` or ``None``): only the amounts are
    checked then.
    """
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
    year: object = report.year
    if type(year) is not int or not _MIN_YEAR <= year <= _MAX_YEAR:
        problems.append(
            Problem(
                "/year",
                f"年度应为 {_MIN_YEAR} 到 {_MAX_YEAR} 之间的整数",
                f"the year must be a whole number from {_MIN_YEAR} to {_MAX_YEAR}",
            )
        )
    if not problems:
        problems.extend(_cell_problems(report, counts_checked=counts_checked))
    if not problems and report.unread:
        problems.extend(_unread_problems(report))
    if problems:
        raise StructureError(problems)


#: The fields other than table cells that reading may leave unread, each with the path
#: of the attribute that holds it and the value it then has: the free-text sections whose
#: heading was not found, and the year and the organ's name when the document does not
#: say them.
UNREAD_FIELDS: dict[str, tuple[tuple[str, ...], object]] = {
    "/year": (("year",), 0),
    "/agency/name": (("agency", "name"), ""),
    "/overview": (("overview",), ""),
    "/problems": (("problems",), ""),
    "/other_matters": (("other_matters",), ""),
}
#: The free-text sections among :data:`UNREAD_FIELDS`.
UNREAD_TEXTS = frozenset({"/overview", "/problems", "/other_matters"})


#: The years a report may have: four digits at most (0 where reading found none).
_MIN_YEAR = 0
_MAX_YEAR = 9999


def _cell_problems(report: "AnnualReport", *, counts_checked: bool = False) -> list[Problem]:
    """Every cell that holds no count (or amount) the model accepts, at its pointer."""
    layout = report.layout
    get_counts, get_amounts = _kinds(layout)
    # The common case in a few C-level passes: every count cell an int or None, every
    # money cell Money or None, the counts within bounds and the amounts valid.
    if counts_checked:
        counts_fit = True
    elif set(map(type, counts := get_counts(report))) <= _COUNT_TYPES:
        numbers = list(filter(None, counts))  # zeros and blanks are in bounds
        counts_fit = not numbers or (min(numbers) >= -MAX_COUNT and max(numbers) <= MAX_COUNT)
    else:
        counts_fit = False
    if counts_fit and all(
        m is None or (m.__class__ is Money and money_problem(m.value) is None)
        for m in get_amounts(report)
    ):
        return []
    values = values_getter(layout)(report)
    # Otherwise, cell by cell: every cell an int within bounds, None, or Money.
    if all(
        v is None or (v.__class__ is int and -MAX_COUNT <= v <= MAX_COUNT) or v.__class__ is Money
        for v in values
    ) and not any(v.__class__ is Money and money_problem(v.value) for v in values):
        return []
    problems: list[Problem] = []
    for ref, value in zip(cell_refs(report.layout), values, strict=True):
        if isinstance(value, Money):
            problem = money_problem(value.value)
            pointer = f"{ref.pointer}/value"
        else:
            problem = count_problem(value)
            pointer = ref.pointer
        if problem is not None:
            problems.append(Problem(pointer, *problem))
    return problems


_COUNT_TYPES = frozenset({int, type(None)})


@cache
def _kinds(
    layout: Layout,
) -> tuple[Callable[[Any], tuple[Any, ...]], Callable[[Any], tuple[Any, ...]]]:
    """For ``layout``: getters of a report's count cells and of its money cells (each
    a tuple, in the order of :func:`cell_refs`)."""
    refs = cell_refs(layout)
    values = values_getter(layout)
    counts = itemgetter(*(i for i, r in enumerate(refs) if r.column is not ProactiveColumn.AMOUNT))
    amounts = [attrgetter(".".join(r.path)) for r in refs if r.column is ProactiveColumn.AMOUNT]

    def get_counts(report: Any) -> tuple[Any, ...]:
        return counts(values(report))  # type: ignore[no-any-return]

    def get_amounts(report: Any) -> tuple[Any, ...]:
        return tuple(get(report) for get in amounts)

    return get_counts, get_amounts


def _unread_problems(report: "AnnualReport") -> list[Problem]:
    """An unread cell names a cell of the report's tables (or one of its free-text
    sections), once, and that cell is blank (the text empty)."""
    refs = cell_refs(report.layout)
    index = {ref.pointer: i for i, ref in enumerate(refs)}
    values = cell_values(report)
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, cell in enumerate(report.unread):
        pointer = f"/unread/{i}/pointer"
        position = index.get(cell.pointer)
        field = UNREAD_FIELDS.get(cell.pointer)
        if field is not None:
            path, empty = field
            value: object = report
            for name in path:
                value = getattr(value, name)
            if cell.pointer in seen:
                problems.append(
                    Problem(pointer, "同一单元格重复列出", "the same cell is listed twice")
                )
            elif value != empty:
                problems.append(
                    Problem(
                        pointer,
                        f"未读取的字段应为 {empty!r}，实为 {value!r}"[:120],
                        f"an unread field must be {empty!r}, not {value!r}"[:120],
                    )
                )
            seen.add(cell.pointer)
            continue
        if position is None:
            problems.append(
                Problem(
                    pointer,
                    f"{cell.pointer!r} 不是本报告表格的单元格",
                    f"{cell.pointer!r} is not a table cell of this report",
                )
            )
        elif cell.pointer in seen:
            problems.append(Problem(pointer, "同一单元格重复列出", "the same cell is listed twice"))
        elif values[position] is not None:
            problems.append(
                Problem(
                    pointer,
                    "未读取的单元格应为空（null），此单元格有数值",
                    "an unread cell must be null, but this cell holds a value",
                )
            )
        seen.add(cell.pointer)
    return problems


@attrs.frozen(kw_only=True)
class AnnualReport:
    """A 政府信息公开工作年度报告: every section, every table cell, every word.

    Sections follow the template: 一 :attr:`overview`, 二 :attr:`proactive`,
    三 :attr:`applications`, 四 :attr:`appeals`, 五 :attr:`problems`,
    六 :attr:`other_matters`. :attr:`title` and :attr:`preface` keep the report's title and
    the text printed before section 一. Reported totals are stored as published; blank
    cells are ``None``; sums that do not add up load fine (see :func:`govdisclosure.check`).

    :attr:`unread` lists the cells a parser could not read, with why: their value is
    ``None`` too, but they are not blanks the report printed. Reports built by hand or
    by :class:`ReportBuilder` have none. Table 三 is held as printed: a 2021 report whose
    table 三 keeps the 2019 single row （六）其他处理 has that one row (see :attr:`layout`).

    Construction raises :class:`~govdisclosure.StructureError` only when the parts do not
    fit the edition (2019 section-二 rows in a 2021 report, for example), or an unread
    cell is not a blank cell of the report's tables.
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
    unread: tuple[UnreadCell, ...] = ()
    source: Source | None = None

    def __attrs_post_init__(self) -> None:
        _check_shape(self)

    @property
    def is_2019(self) -> bool:
        """Whether the report follows the 2019 edition (section 二 is :class:`Proactive2019`)."""
        return isinstance(self.proactive, Proactive2019)

    @property
    def layout(self) -> Layout:
        """The shape of the report's tables: its edition, and the edition whose table 三
        it prints (the two differ in a mixed report; see :class:`Layout`)."""
        return Layout(self.edition, self.applications.edition)

    @cached_property
    def unread_pointers(self) -> frozenset[str]:
        """The pointers of the cells reading left unread (see :attr:`unread`)."""
        return frozenset(cell.pointer for cell in self.unread)

    def unread_cell(self, pointer: str) -> UnreadCell | None:
        """The unread cell at ``pointer``, or ``None`` if the cell was read (or is no cell)."""
        if not self.unread:
            return None
        for cell in self.unread:
            if cell.pointer == pointer:
                return cell
        return None

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


def report_of_checked_counts(**fields: Any) -> "AnnualReport":
    """An :class:`AnnualReport` of ``fields`` whose count cells are known to be ``int``
    within bounds or ``None`` and whose amount cells :class:`Money` or ``None`` (a typed
    reader's decoder checked them): built without checking each count again. Everything
    else is checked as :class:`AnnualReport` checks it."""
    report = object.__new__(AnnualReport)
    set_field = object.__setattr__
    for name in _FIELD_NAMES:  # every field given (a KeyError otherwise)
        set_field(report, name, fields[name])
    _check_shape(report, counts_checked=True)
    return report


_FIELD_NAMES = tuple(f.name for f in attrs.fields(AnnualReport))


def require_report(value: object, argument: str = "report") -> AnnualReport:
    """``value`` if it is an :class:`AnnualReport`; else a :class:`StructureError` that
    says what was given — and, for a parse result, to pass its ``.report``.

    Every public function that takes a report checks it with this.
    """
    if isinstance(value, AnnualReport):
        return value
    kind = type(value).__name__
    if hasattr(value, "report") and hasattr(value, "diagnostics"):
        zh = f"{argument} 应为 AnnualReport，传入的是 {kind}（parse() 的结果）：请传入它的 .report"
        en = (
            f"{argument} must be an AnnualReport, not a {kind} (what parse() returns): "
            "pass its .report"
        )
    else:
        zh = f"{argument} 应为 AnnualReport，传入的是 {kind}"
        en = f"{argument} must be an AnnualReport, not {kind}"
    raise StructureError([Problem("", zh, en)])
