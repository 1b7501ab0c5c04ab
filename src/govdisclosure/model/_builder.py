"""A builder for report authors: fill in the parts, get every total computed."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from ..exceptions import Problem, StructureError
from ._cells import AppealCounts, ApplicantCounts, Money
from ._enums import (
    AgencyLevel,
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    Edition,
    MoneyUnit,
    ProactiveColumn,
    ProactiveRow,
)
from ._report import Agency, AnnualReport
from ._sections import (
    Appeals,
    Applications,
    DecisionCount2021,
    DocumentCounts2019,
    DocumentCounts2021,
    FeeAmount2021,
    FeeItemCounts2019,
    MatterCounts2019,
    Proactive,
    Proactive2019,
    Proactive2021,
    ProcurementRow2019,
)

__all__ = ["ReportBuilder"]

_PARTS = tuple(a for a in Applicant if not a.is_total)
_APPEAL_PARTS = tuple(o for o in AppealOutcome if o is not AppealOutcome.TOTAL)


class ReportBuilder:
    """Fill in a report part by part; :meth:`build` computes every total.

    Cells you do not set are 0. Totals are never set by hand: each row's 总计, the
    （七）总计 row, every 总计 of table 四 and — unless you set it — the row
    四、结转下年度继续办理 (新收 + 上年结转 − （七）总计) are computed.

    Example:
        >>> from govdisclosure import Edition, ReportBuilder
        >>> b = ReportBuilder(edition=Edition.E2021, year=2023, agency="某某镇人民政府",
        ...                   level="township")
        >>> _ = b.applications("new_received", natural_person=3, commercial_enterprise=1)
        >>> _ = b.applications("granted", natural_person=2)
        >>> _ = b.applications("unavailable/not_held", natural_person=1, commercial_enterprise=1)
        >>> _ = b.appeals("administrative_review", upheld=1)
        >>> report = b.build()
        >>> report.applications.total_handled.total
        4
        >>> report.appeals.administrative_review.total
        1
    """

    def __init__(
        self,
        *,
        edition: Edition | str,
        year: int,
        agency: Agency | str,
        level: AgencyLevel | str | None = None,
    ) -> None:
        self.edition = Edition(edition)
        self.year = year
        if isinstance(agency, Agency):
            self.agency = agency
        else:
            self.agency = Agency(name=agency, level=None if level is None else AgencyLevel(level))
        self.title = ""
        self.preface = ""
        self.overview = ""
        self.problems = ""
        self.other_matters = ""
        #: Prose around the tables, keyed ``"proactive"``/``"applications"``/``"appeals"``.
        self.text_before: dict[str, str] = {}
        self.text_after: dict[str, str] = {}
        self._applications: dict[ApplicationRow, dict[Applicant, int]] = {}
        self._appeals: dict[AppealKind, dict[AppealOutcome, int]] = {}
        self._proactive: dict[ProactiveRow, dict[ProactiveColumn, Any]] = {}

    # -- filling in ---------------------------------------------------------------------

    def applications(self, row: ApplicationRow | str, **cells: int) -> ReportBuilder:
        """Set applicant counts of one row of table 三 (keyword per :class:`Applicant`)."""
        r = ApplicationRow(row)
        pointer = f"/applications/{r.value}"
        if r not in ApplicationRow.for_edition(self.edition):
            raise _error(pointer, f"{self.edition.value} 版没有此行", "no such row in this edition")
        if r is ApplicationRow.TOTAL_HANDLED:
            raise _error(
                pointer, "（七）总计由各办理结果相加得出，不能直接填写", "computed, not set"
            )
        values = self._applications.setdefault(r, {})
        for key, value in cells.items():
            column = _member(Applicant, key, pointer)
            if column.is_total:
                raise _error(f"{pointer}/total", "总计由各列相加得出，不能直接填写", "computed")
            values[column] = _count(value, f"{pointer}/{key}")
        return self

    def appeals(self, kind: AppealKind | str, **cells: int) -> ReportBuilder:
        """Set counts of one block of table 四 (keyword per :class:`AppealOutcome`)."""
        k = AppealKind(kind)
        pointer = f"/appeals/{k.value}"
        values = self._appeals.setdefault(k, {})
        for key, value in cells.items():
            outcome = _member(AppealOutcome, key, pointer)
            if outcome is AppealOutcome.TOTAL:
                raise _error(f"{pointer}/total", "总计由各列相加得出，不能直接填写", "computed")
            values[outcome] = _count(value, f"{pointer}/{key}")
        return self

    def proactive(self, row: ProactiveRow | str, **cells: Any) -> ReportBuilder:
        """Set cells of one row of table 二 (keyword per :class:`ProactiveColumn`).

        Money cells take a :class:`Money`, a ``Decimal``, an ``int`` or a decimal string;
        a bare number is in the column's own unit (万元 for 2021 fees; unstated for the 2019
        procurement amount).
        """
        r = ProactiveRow(row)
        pointer = f"/proactive/{r.value}"
        allowed = r.columns(self.edition)
        if not allowed:
            raise _error(pointer, f"{self.edition.value} 版没有此行", "no such row in this edition")
        values = self._proactive.setdefault(r, {})
        for key, value in cells.items():
            column = _member(ProactiveColumn, key, pointer)
            if column not in allowed:
                raise _error(f"{pointer}/{key}", "此行没有该列", "no such column in this row")
            if column is ProactiveColumn.AMOUNT:
                values[column] = self._money(value, f"{pointer}/{key}")
            elif column is ProactiveColumn.CHANGE:
                values[column] = _count(value, f"{pointer}/{key}", signed=True)
            else:
                values[column] = _count(value, f"{pointer}/{key}")
        return self

    def _money(self, value: Any, pointer: str) -> Money:
        if isinstance(value, Money):
            return value
        try:
            amount = Decimal(value) if isinstance(value, (int, str, Decimal)) else None
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            raise _error(pointer, "金额应为数字", "an amount must be a number")
        unit = MoneyUnit.TEN_THOUSAND_YUAN if self.edition is Edition.E2021 else None
        return Money(value=amount, unit=unit)

    # -- building -----------------------------------------------------------------------

    def build(self) -> AnnualReport:
        """The report, with every total computed."""
        rows = {r: self._row(r) for r in ApplicationRow.for_edition(self.edition)}
        outcomes = [c for r, c in rows.items() if r.is_outcome]
        rows[ApplicationRow.TOTAL_HANDLED] = _sum_rows(outcomes)
        if ApplicationRow.CARRIED_FORWARD not in self._applications:
            rows[ApplicationRow.CARRIED_FORWARD] = self._carried_forward(rows)
        return AnnualReport(
            edition=self.edition,
            year=self.year,
            agency=self.agency,
            title=self.title,
            preface=self.preface,
            overview=self.overview,
            proactive=self._build_proactive(),
            applications=self._build_applications(rows),
            appeals=Appeals(
                administrative_review=self._appeal(AppealKind.ADMINISTRATIVE_REVIEW),
                direct_litigation=self._appeal(AppealKind.DIRECT_LITIGATION),
                litigation_after_review=self._appeal(AppealKind.LITIGATION_AFTER_REVIEW),
                text_before=self.text_before.get("appeals", ""),
                text_after=self.text_after.get("appeals", ""),
            ),
            problems=self.problems,
            other_matters=self.other_matters,
        )

    def _row(self, row: ApplicationRow) -> ApplicantCounts:
        cells = self._applications.get(row, {})
        return ApplicantCounts.of(**{c.value: cells.get(c, 0) for c in _PARTS})

    def _carried_forward(self, rows: dict[ApplicationRow, ApplicantCounts]) -> ApplicantCounts:
        values: dict[str, int] = {}
        for column in _PARTS:
            value = (
                _int(rows[ApplicationRow.NEW_RECEIVED].get(column))
                + _int(rows[ApplicationRow.CARRIED_OVER].get(column))
                - _int(rows[ApplicationRow.TOTAL_HANDLED].get(column))
            )
            if value < 0:
                raise _error(
                    f"/applications/carried_forward/{column.value}",
                    f"办理结果比新收与上年结转之和多 {-value} 件",
                    f"{-value} more applications handled than received and carried over",
                )
            values[column.value] = value
        return ApplicantCounts.of(**values)

    def _build_applications(self, rows: dict[ApplicationRow, ApplicantCounts]) -> Applications:
        return Applications.from_rows(
            self.edition,
            rows,
            text_before=self.text_before.get("applications", ""),
            text_after=self.text_after.get("applications", ""),
        )

    def _appeal(self, kind: AppealKind) -> AppealCounts:
        cells = self._appeals.get(kind, {})
        return AppealCounts.of(**{o.value: cells.get(o, 0) for o in _APPEAL_PARTS})

    def _build_proactive(self) -> Proactive:
        def cells(row: ProactiveRow) -> dict[str, Any]:
            given = self._proactive.get(row, {})
            out: dict[str, Any] = {}
            for column in row.columns(self.edition):
                default: Any = None if column is ProactiveColumn.AMOUNT else 0
                out[column.value] = given.get(column, default)
            return out

        texts = {
            "text_before": self.text_before.get("proactive", ""),
            "text_after": self.text_after.get("proactive", ""),
        }
        if self.edition is Edition.E2019:
            return Proactive2019(
                rules=DocumentCounts2019(**cells(ProactiveRow.RULES)),
                normative_documents=DocumentCounts2019(**cells(ProactiveRow.NORMATIVE_DOCUMENTS)),
                licensing=MatterCounts2019(**cells(ProactiveRow.LICENSING)),
                other_services=MatterCounts2019(**cells(ProactiveRow.OTHER_SERVICES)),
                penalties=MatterCounts2019(**cells(ProactiveRow.PENALTIES)),
                coercive_measures=MatterCounts2019(**cells(ProactiveRow.COERCIVE_MEASURES)),
                fees=FeeItemCounts2019(**cells(ProactiveRow.FEES)),
                procurement=ProcurementRow2019(**cells(ProactiveRow.PROCUREMENT)),
                **texts,
            )
        return Proactive2021(
            rules=DocumentCounts2021(**cells(ProactiveRow.RULES)),
            normative_documents=DocumentCounts2021(**cells(ProactiveRow.NORMATIVE_DOCUMENTS)),
            licensing=DecisionCount2021(**cells(ProactiveRow.LICENSING)),
            penalties=DecisionCount2021(**cells(ProactiveRow.PENALTIES)),
            coercive_measures=DecisionCount2021(**cells(ProactiveRow.COERCIVE_MEASURES)),
            fees=FeeAmount2021(**cells(ProactiveRow.FEES)),
            **texts,
        )


def _sum_rows(rows: list[ApplicantCounts]) -> ApplicantCounts:
    return ApplicantCounts.of(
        **{c.value: sum(_int(r.get(c)) for r in rows) for c in _PARTS},
    )


def _int(value: int | None) -> int:
    return 0 if value is None else value


def _member(enum_type: Any, key: str, pointer: str) -> Any:
    try:
        return enum_type(key)
    except ValueError:
        names = ", ".join(m.value for m in enum_type)
        raise _error(
            f"{pointer}/{key}", f"未知的列名 {key!r}", f"unknown column {key!r} (one of {names})"
        ) from None


def _count(value: Any, pointer: str, *, signed: bool = False) -> int:
    if type(value) is not int:
        raise _error(pointer, "件数应为整数", "a count must be an integer")
    if value < 0 and not signed:
        raise _error(pointer, "件数不能为负数", "a count cannot be negative")
    return value


def _error(pointer: str, zh: str, en: str) -> StructureError:
    return StructureError([Problem(pointer, zh, en)])
