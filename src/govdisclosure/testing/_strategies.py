"""Hypothesis strategies for :class:`~govdisclosure.AnnualReport` and its parts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

import attrs
from hypothesis import strategies as st

from ..model import (
    MAX_MONEY_DIGITS,
    Agency,
    AgencyLevel,
    AnnualReport,
    AppealCounts,
    Appeals,
    Applicant,
    ApplicantCounts,
    ApplicationRow,
    Applications,
    CellRef,
    DecisionCount2021,
    DocumentCounts2019,
    DocumentCounts2021,
    Edition,
    FeeAmount2021,
    FeeItemCounts2019,
    Heading,
    MatterCounts2019,
    Money,
    MoneyUnit,
    PointerSpan,
    Proactive,
    Proactive2019,
    Proactive2021,
    ProcurementRow2019,
    Section,
    Source,
    SourceSpan,
    UnreadCell,
    UnreadReason,
    cell_refs,
    get_at,
    replace_at,
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

_PARTS = tuple(a for a in Applicant if not a.is_total)

# Prose for consistent reports: Chinese without digits, so that no sentence can state a
# figure that contradicts the tables.
_PROSE_ALPHABET = (
    "政府信息公开工作年度报告我机关认真贯彻落实条例要求"
    "进一步规范管理提升质量平台建设监督保障，。、；：（）“”\n"
)


def editions() -> st.SearchStrategy[Edition]:
    """Either edition."""
    return st.sampled_from(tuple(Edition))


def free_texts(*, max_size: int = 200) -> st.SearchStrategy[str]:
    """Chinese prose without digits (it states no figure a rule could compare).

    The text is paragraphs as a report holds them (``examples/README.md``): none empty,
    joined by ``"\\n"``.
    """
    return st.text(alphabet=_PROSE_ALPHABET, max_size=max_size).map(_paragraphs)


def _paragraphs(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line)


def _one_line(*, max_size: int) -> st.SearchStrategy[str]:
    """A title: prose on one line."""
    return st.text(alphabet=_PROSE_ALPHABET.replace("\n", ""), max_size=max_size)


def agencies() -> st.SearchStrategy[Agency]:
    """An agency with a plausible name and any (or no) level."""
    names = st.sampled_from(
        (
            "齐都镇人民政府",
            "某某市人民政府",
            "某某区市场监督管理局",
            "某某省人民政府办公厅",
            "某某部",
        )
    )
    return st.builds(Agency, name=names, level=_levels())


def _levels() -> st.SearchStrategy[AgencyLevel | None]:
    return st.none() | st.sampled_from(tuple(AgencyLevel))


def _counts(max_count: int) -> st.SearchStrategy[int]:
    # Mostly zeros and small numbers, as real tables are, with the odd large one.
    return st.one_of(st.just(0), st.integers(0, 9), st.integers(0, max_count))


def _years(edition: Edition) -> st.SearchStrategy[int]:
    return st.integers(2019, 2020) if edition is Edition.E2019 else st.integers(2021, 2035)


def _money(unit: st.SearchStrategy[MoneyUnit | None]) -> st.SearchStrategy[Money]:
    values = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
    return st.builds(Money, value=values, unit=unit)


@st.composite
def _consistent_proactive(draw: st.DrawFn, edition: Edition, max_count: int) -> Proactive:
    count = _counts(max_count)
    texts = {"text_before": draw(free_texts()), "text_after": draw(free_texts(max_size=40))}
    if edition is Edition.E2019:

        def documents() -> DocumentCounts2019:
            newly = draw(count)
            return DocumentCounts2019(
                newly_made=draw(count),
                newly_published=newly,
                total_published=newly + draw(count),
            )

        def matters() -> MatterCounts2019:
            previous = draw(count)
            return MatterCounts2019(
                previous_count=previous,
                change=draw(st.integers(-previous, max_count)),
                decisions=draw(count),
            )

        previous_fees = draw(count)
        return Proactive2019(
            rules=documents(),
            normative_documents=documents(),
            licensing=matters(),
            other_services=matters(),
            penalties=matters(),
            coercive_measures=matters(),
            fees=FeeItemCounts2019(
                previous_count=previous_fees,
                change=draw(st.integers(-previous_fees, max_count)),
            ),
            procurement=ProcurementRow2019(
                projects=draw(count),
                amount=draw(_money(st.sampled_from((MoneyUnit.YUAN, None)))),
            ),
            **texts,
        )

    def documents21() -> DocumentCounts2021:
        return DocumentCounts2021(issued=draw(count), repealed=draw(count), in_force=draw(count))

    return Proactive2021(
        rules=documents21(),
        normative_documents=documents21(),
        licensing=DecisionCount2021(decisions=draw(count)),
        penalties=DecisionCount2021(decisions=draw(count)),
        coercive_measures=DecisionCount2021(decisions=draw(count)),
        fees=FeeAmount2021(amount=draw(_money(st.just(MoneyUnit.TEN_THOUSAND_YUAN)))),
        **texts,
    )


@st.composite
def _consistent_applications(draw: st.DrawFn, edition: Edition, max_count: int) -> Applications:
    count = _counts(max_count)
    outcome_rows = [r for r in ApplicationRow.for_edition(edition) if r.is_outcome]
    # Draw every outcome cell, then derive per column: handled = Σ outcomes; draw the
    # carry-forward and the carry-over (≤ handled + forward); new = the balance.
    cells: dict[ApplicationRow, dict[Applicant, int]] = {r: {} for r in ApplicationRow}
    for row in outcome_rows:
        for column in _PARTS:
            cells[row][column] = draw(count)
    for column in _PARTS:
        handled = sum(cells[r][column] for r in outcome_rows)
        forward = draw(count)
        over = draw(st.integers(0, handled + forward))
        cells[ApplicationRow.TOTAL_HANDLED][column] = handled
        cells[ApplicationRow.CARRIED_FORWARD][column] = forward
        cells[ApplicationRow.CARRIED_OVER][column] = over
        cells[ApplicationRow.NEW_RECEIVED][column] = handled + forward - over
    rows = {
        r: ApplicantCounts.of(**{c.value: v for c, v in cells[r].items()})
        for r in ApplicationRow.for_edition(edition)
    }
    return Applications.from_rows(
        edition,
        rows,
        text_before=draw(free_texts()),
        text_after=draw(free_texts(max_size=40)),
    )


@st.composite
def _consistent_appeals(draw: st.DrawFn, max_count: int) -> Appeals:
    count = _counts(max_count)

    def block() -> AppealCounts:
        return AppealCounts.of(
            upheld=draw(count), corrected=draw(count), other=draw(count), pending=draw(count)
        )

    return Appeals(
        administrative_review=block(),
        direct_litigation=block(),
        litigation_after_review=block(),
        text_before=draw(free_texts(max_size=40)),
        text_after=draw(free_texts(max_size=40)),
    )


@st.composite
def consistent_reports(
    draw: st.DrawFn,
    edition: Edition | None = None,
    *,
    max_count: int = 5_000,
) -> AnnualReport:
    """Reports whose every identity holds, built by construction.

    Every cell is filled (no blanks), counts are non-negative, the edition fits the year,
    2019 本年新公开数量 ≤ 对外公开总数量, and the prose states no figure. Texts are
    paragraphs as a report holds them (none empty, joined by ``"\\n"``; the title on
    one line), so a rendered report reads back to the same words.

    Args:
        edition: fix the edition, or ``None`` for either.
        max_count: the largest count drawn for a single cell.
    """
    ed = draw(editions()) if edition is None else edition
    return AnnualReport(
        edition=ed,
        year=draw(_years(ed)),
        agency=draw(agencies()),
        title=draw(_one_line(max_size=40)),
        preface=draw(free_texts(max_size=80)),
        overview=draw(free_texts()),
        proactive=draw(_consistent_proactive(ed, max_count)),
        applications=draw(_consistent_applications(ed, max_count)),
        appeals=draw(_consistent_appeals(max_count)),
        problems=draw(free_texts()),
        other_matters=draw(free_texts(max_size=80)),
    )


# -- arbitrary reports -----------------------------------------------------------------


def _any_cell() -> st.SearchStrategy[int | None]:
    return st.none() | st.integers(-(10**6), 10**12)


def sources() -> st.SearchStrategy[Source]:
    """Arbitrary :class:`Source` records (positions need not be plausible)."""
    small = st.none() | st.integers(1, 10_000)
    spans = st.builds(
        SourceSpan,
        line=small,
        end_line=small,
        table=small,
        row=small,
        column=small,
        page=small,
        bbox=st.none() | st.tuples(*[st.floats(0, 2000, allow_nan=False, width=32).map(float)] * 4),
    )
    pointers = st.sampled_from([ref.pointer for ref in cell_refs(Edition.E2021)])
    return st.builds(
        Source,
        document=st.none() | st.text(max_size=30),
        format=st.none() | st.sampled_from(("html", "docx", "pdf", "text", "json")),
        headings=st.lists(
            st.builds(
                Heading,
                section=st.sampled_from(tuple(Section)),
                text=st.text(max_size=30),
                span=st.none() | spans,
            ),
            max_size=6,
        ).map(tuple),
        spans=st.lists(st.builds(PointerSpan, pointer=pointers, span=spans), max_size=5).map(tuple),
    )


def _rows(cls: Any, names: tuple[str, ...], cell: st.SearchStrategy[Any]) -> Any:
    return st.builds(cls, **dict.fromkeys(names, cell))


def _any_money() -> st.SearchStrategy[Money | None]:
    largest = Decimal(10**MAX_MONEY_DIGITS) - Decimal("0.000001")  # the model's bound
    values = st.decimals(min_value=-largest, max_value=largest, places=6)
    return st.none() | st.builds(
        Money, value=values, unit=st.none() | st.sampled_from(tuple(MoneyUnit))
    )


def _any_proactive(edition: Edition) -> st.SearchStrategy[Proactive]:
    cell = _any_cell()
    text = st.text(max_size=100)
    if edition is Edition.E2019:
        docs = _rows(DocumentCounts2019, ("newly_made", "newly_published", "total_published"), cell)
        matters = _rows(MatterCounts2019, ("previous_count", "change", "decisions"), cell)
        return st.builds(
            Proactive2019,
            rules=docs,
            normative_documents=docs,
            licensing=matters,
            other_services=matters,
            penalties=matters,
            coercive_measures=matters,
            fees=_rows(FeeItemCounts2019, ("previous_count", "change"), cell),
            procurement=st.builds(ProcurementRow2019, projects=cell, amount=_any_money()),
            text_before=text,
            text_after=text,
        )
    docs21 = _rows(DocumentCounts2021, ("issued", "repealed", "in_force"), cell)
    decisions = _rows(DecisionCount2021, ("decisions",), cell)
    return st.builds(
        Proactive2021,
        rules=docs21,
        normative_documents=docs21,
        licensing=decisions,
        penalties=decisions,
        coercive_measures=decisions,
        fees=st.builds(FeeAmount2021, amount=_any_money()),
        text_before=text,
        text_after=text,
    )


@st.composite
def reports(
    draw: st.DrawFn,
    edition: Edition | None = None,
    *,
    mixed: bool = False,
    unread: bool = False,
) -> AnnualReport:
    """Arbitrary reports: any cell may be blank, negative or inconsistent; any text.

    Section 二 always fits the edition (that is what the model enforces); everything
    the checks look at is left to chance.

    Args:
        edition: fix the edition, or ``None`` for either.
        mixed: whether table 三 may keep the other edition's （六）其他处理 (a mixed
            report, as some publishers print: ``report.layout``).
        unread: whether some cells may be left unread, as a parser leaves them
            (``report.unread``).

    Reports read from published documents can be both: pass ``mixed=True,
    unread=True`` to test a pipeline that takes what :func:`govdisclosure.parse` gives.
    """
    ed = draw(editions()) if edition is None else edition
    shape = draw(editions()) if mixed and draw(st.integers(0, 9)) == 0 else ed
    row = st.builds(ApplicantCounts, **{a.value: _any_cell() for a in Applicant})
    rows = {r: draw(row) for r in ApplicationRow.for_edition(shape)}
    block = st.builds(AppealCounts, **{o: _any_cell() for o in AppealCounts.columns})
    text = st.text(max_size=200)
    report = AnnualReport(
        edition=ed,
        year=draw(st.integers(1990, 2100)),
        agency=draw(st.builds(Agency, name=st.text(max_size=40), level=_levels())),
        title=draw(text),
        preface=draw(text),
        overview=draw(text),
        proactive=draw(_any_proactive(ed)),
        applications=Applications.from_rows(
            shape, rows, text_before=draw(text), text_after=draw(text)
        ),
        appeals=Appeals(
            administrative_review=draw(block),
            direct_litigation=draw(block),
            litigation_after_review=draw(block),
            text_before=draw(text),
            text_after=draw(text),
        ),
        problems=draw(text),
        other_matters=draw(text),
        source=draw(st.none() | sources()),
    )
    if unread and draw(st.booleans()):
        return draw(with_unread_cells(report))
    return report


@st.composite
def with_unread_cells(
    draw: st.DrawFn, report: AnnualReport, *, max_cells: int = 20
) -> AnnualReport:
    """``report`` as a parser might have left it: some cells unread (their values
    ``None``, each with a reason and the diagnostic code that explains it).

    Useful to test that nothing is claimed about an unread cell: a consistent report
    with unread cells has no error of origin ``report``.
    """
    refs = cell_refs(report.layout)
    chosen = draw(
        st.lists(st.sampled_from(refs), max_size=max_cells, unique_by=lambda r: r.pointer)
    )
    order = {ref.pointer: i for i, ref in enumerate(refs)}
    chosen.sort(key=lambda ref: order[ref.pointer])
    cells = []
    for ref in chosen:
        report = replace_at(report, ref.path, None)
        reason = draw(
            st.sampled_from([r for r in UnreadReason if r is not UnreadReason.INCOMPLETE_PARTS])
        )
        cells.append(
            UnreadCell(
                pointer=ref.pointer,
                reason=reason,
                code=draw(st.sampled_from(("GD903", "GD906", "GD907", "GD908"))),
                text=draw(st.sampled_from(("", "20 +1737", "x"))),
            )
        )
    return attrs.evolve(report, unread=tuple(cells))


# -- perturbations ---------------------------------------------------------------------


class CellChange(NamedTuple):
    """One cell of a report changed: where, from what, to what, and the new report."""

    ref: CellRef
    old: int | None
    new: int
    report: AnnualReport


@st.composite
def cell_changes(
    draw: st.DrawFn,
    report: AnnualReport,
    *,
    sections: tuple[Section, ...] = (Section.APPLICATIONS, Section.APPEALS),
) -> CellChange:
    """``report`` with one count cell of ``sections`` changed to a different integer."""
    unread = report.unread_pointers
    refs = [
        r for r in cell_refs(report.layout) if r.section in sections and r.pointer not in unread
    ]
    ref = draw(st.sampled_from(refs))
    old = get_at(report, ref.path)
    new = draw(st.integers(0, 10**6).filter(lambda v: v != old))
    return CellChange(ref=ref, old=old, new=new, report=replace_at(report, ref.path, new))
