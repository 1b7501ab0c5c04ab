"""Sections 二, 三 and 四 of the report: one frozen class per table and row category."""

from collections.abc import Mapping
from typing import ClassVar

import attrs

from ..exceptions import Problem, StructureError
from ._cells import AppealCounts, ApplicantCounts, Count, Money, sum_cells
from ._enums import (
    AppealKind,
    Applicant,
    ApplicationRow,
    Edition,
    NotProcessedReason,
    OtherHandlingReason,
    ProactiveColumn,
    ProactiveRow,
    UnavailableReason,
    WithheldReason,
)

__all__ = [
    "Appeals",
    "Applications",
    "DecisionCount2021",
    "DocumentCounts2019",
    "DocumentCounts2021",
    "FeeAmount2021",
    "FeeItemCounts2019",
    "MatterCounts2019",
    "NotProcessed",
    "OtherHandling",
    "Proactive",
    "Proactive2019",
    "Proactive2021",
    "ProactiveCell",
    "ProcurementRow2019",
    "Unavailable",
    "Withheld",
]

ProactiveCell = int | Money | None

# --------------------------------------------------------------------------------------
# Section 二 (主动公开政府信息情况)
# --------------------------------------------------------------------------------------


class _ProactiveRowBase:
    __slots__ = ()
    _names: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._names = tuple(n for n in cls.__annotations__ if not n.startswith("_"))

    def values(self) -> tuple[ProactiveCell, ...]:
        """The cells in template column order."""
        return tuple(getattr(self, name) for name in self._names)

    def get(self, column: ProactiveColumn) -> ProactiveCell:
        """The cell in ``column``; ``KeyError`` if the row has no such column."""
        try:
            value: ProactiveCell = getattr(self, column.value)
        except AttributeError:
            raise KeyError(column.value) from None
        return value


@attrs.frozen(kw_only=True)
class DocumentCounts2019(_ProactiveRowBase):
    """2019 第二十条第（一）项: 本年新制作数量, 本年新公开数量, 对外公开总数量."""

    newly_made: Count
    newly_published: Count
    total_published: Count


@attrs.frozen(kw_only=True)
class MatterCounts2019(_ProactiveRowBase):
    """2019 第二十条第（五）（六）项: 上一年项目数量, 本年增/减 (signed), 处理决定数量."""

    previous_count: Count
    change: Count
    decisions: Count


@attrs.frozen(kw_only=True)
class FeeItemCounts2019(_ProactiveRowBase):
    """2019 第二十条第（八）项 行政事业性收费: 上一年项目数量, 本年增/减 (signed)."""

    previous_count: Count
    change: Count


@attrs.frozen(kw_only=True)
class ProcurementRow2019(_ProactiveRowBase):
    """2019 第二十条第（九）项 政府集中采购: 采购项目数量, 采购总金额."""

    projects: Count
    amount: Money | None


@attrs.frozen(kw_only=True)
class DocumentCounts2021(_ProactiveRowBase):
    """2021 第二十条第（一）项: 本年制发件数, 本年废止件数, 现行有效件数."""

    issued: Count
    repealed: Count
    in_force: Count


@attrs.frozen(kw_only=True)
class DecisionCount2021(_ProactiveRowBase):
    """2021 第二十条第（五）（六）项: 本年处理决定数量."""

    decisions: Count


@attrs.frozen(kw_only=True)
class FeeAmount2021(_ProactiveRowBase):
    """2021 第二十条第（八）项 行政事业性收费: 本年收费金额（单位：万元）."""

    amount: Money | None


ProactiveRowValue = (
    DocumentCounts2019
    | MatterCounts2019
    | FeeItemCounts2019
    | ProcurementRow2019
    | DocumentCounts2021
    | DecisionCount2021
    | FeeAmount2021
)


class _ProactiveBase:
    __slots__ = ()
    edition: ClassVar[Edition]

    def rows(self) -> tuple[tuple[ProactiveRow, "ProactiveRowValue"], ...]:
        """Every data row in template order."""
        return tuple((r, getattr(self, r.value)) for r in ProactiveRow.for_edition(self.edition))

    def row_objects(self) -> tuple["ProactiveRowValue", ...]:
        """Every data row in template order (as :meth:`rows`, without the row keys)."""
        return tuple(getattr(self, name) for name in _PROACTIVE_NAMES[self.edition])

    def row(self, row: ProactiveRow) -> "ProactiveRowValue":
        """The data row ``row``; ``KeyError`` if this edition has no such row."""
        if row not in ProactiveRow.for_edition(self.edition):
            raise KeyError(row.value)
        value: ProactiveRowValue = getattr(self, row.value)
        return value


@attrs.frozen(kw_only=True)
class Proactive2019(_ProactiveBase):
    """二、主动公开政府信息情况, 2019 edition: Art. 20 items （一）（五）（六）（八）（九）.

    ``text_before`` and ``text_after`` keep the prose the report prints before and after
    the table, word for word.
    """

    edition: ClassVar[Edition] = Edition.E2019

    rules: DocumentCounts2019
    normative_documents: DocumentCounts2019
    licensing: MatterCounts2019
    other_services: MatterCounts2019
    penalties: MatterCounts2019
    coercive_measures: MatterCounts2019
    fees: FeeItemCounts2019
    procurement: ProcurementRow2019
    text_before: str = ""
    text_after: str = ""


@attrs.frozen(kw_only=True)
class Proactive2021(_ProactiveBase):
    """二、主动公开政府信息情况, 2021 edition: Art. 20 items （一）（五）（六）（八）.

    ``text_before`` and ``text_after`` keep the prose the report prints before and after
    the table, word for word.
    """

    edition: ClassVar[Edition] = Edition.E2021

    rules: DocumentCounts2021
    normative_documents: DocumentCounts2021
    licensing: DecisionCount2021
    penalties: DecisionCount2021
    coercive_measures: DecisionCount2021
    fees: FeeAmount2021
    text_before: str = ""
    text_after: str = ""


Proactive = Proactive2019 | Proactive2021
_PROACTIVE_NAMES = {e: tuple(r.value for r in ProactiveRow.for_edition(e)) for e in Edition}

# --------------------------------------------------------------------------------------
# Section 三 (收到和处理政府信息公开申请情况)
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Withheld:
    """（三）不予公开: one row per reason."""

    state_secret: ApplicantCounts
    prohibited_by_law: ApplicantCounts
    endangers_security: ApplicantCounts
    third_party_rights: ApplicantCounts
    internal_affairs: ApplicantCounts
    process_information: ApplicantCounts
    enforcement_case_file: ApplicantCounts
    administrative_inquiry: ApplicantCounts

    reasons: ClassVar[tuple[WithheldReason, ...]] = tuple(WithheldReason)

    def get(self, reason: WithheldReason) -> ApplicantCounts:
        """The row for ``reason``."""
        row: ApplicantCounts = getattr(self, reason.value)
        return row


@attrs.frozen(kw_only=True)
class Unavailable:
    """（四）无法提供: one row per reason."""

    not_held: ApplicantCounts
    needs_creation: ApplicantCounts
    unclear_after_correction: ApplicantCounts

    reasons: ClassVar[tuple[UnavailableReason, ...]] = tuple(UnavailableReason)

    def get(self, reason: UnavailableReason) -> ApplicantCounts:
        """The row for ``reason``."""
        row: ApplicantCounts = getattr(self, reason.value)
        return row


@attrs.frozen(kw_only=True)
class NotProcessed:
    """（五）不予处理: one row per reason."""

    petition_or_complaint: ApplicantCounts
    repeated_application: ApplicantCounts
    publication_requested: ApplicantCounts
    excessive_repetition: ApplicantCounts
    confirmation_requested: ApplicantCounts

    reasons: ClassVar[tuple[NotProcessedReason, ...]] = tuple(NotProcessedReason)

    def get(self, reason: NotProcessedReason) -> ApplicantCounts:
        """The row for ``reason``."""
        row: ApplicantCounts = getattr(self, reason.value)
        return row


@attrs.frozen(kw_only=True)
class OtherHandling:
    """（六）其他处理 in the 2021 edition: three rows. (2019 prints a single row.)"""

    correction_overdue: ApplicantCounts
    fee_unpaid: ApplicantCounts
    other: ApplicantCounts

    reasons: ClassVar[tuple[OtherHandlingReason, ...]] = tuple(OtherHandlingReason)

    def get(self, reason: OtherHandlingReason) -> ApplicantCounts:
        """The row for ``reason``."""
        row: ApplicantCounts = getattr(self, reason.value)
        return row


_GROUP_OF_ROW: dict[ApplicationRow, tuple[str, str | None]] = {
    row: (row.value.partition("/")[0], row.value.partition("/")[2] or None)
    for row in ApplicationRow
}


@attrs.frozen(kw_only=True)
class Applications:
    """三、收到和处理政府信息公开申请情况: table 三, rows in template order.

    ``other_handling`` is a single :class:`ApplicantCounts` row in the 2019 edition and an
    :class:`OtherHandling` group of three rows in 2021. ``total_handled`` is the reported
    （七）总计 row; :meth:`computed_total_handled` sums the outcome rows beside it.
    ``text_before``/``text_after`` keep the prose around the table, word for word.
    """

    new_received: ApplicantCounts
    carried_over: ApplicantCounts
    granted: ApplicantCounts
    partially_granted: ApplicantCounts
    withheld: Withheld
    unavailable: Unavailable
    not_processed: NotProcessed
    other_handling: ApplicantCounts | OtherHandling
    total_handled: ApplicantCounts
    carried_forward: ApplicantCounts
    text_before: str = ""
    text_after: str = ""

    @classmethod
    def from_rows(
        cls,
        edition: Edition,
        rows: Mapping[ApplicationRow, ApplicantCounts],
        *,
        text_before: str = "",
        text_after: str = "",
    ) -> "Applications":
        """Table 三 of ``edition`` from its data rows, keyed by :class:`ApplicationRow`.

        Raises:
            StructureError: a row of the edition is missing, or a row of the other
                edition is given; every such row is named by its pointer.
        """
        wanted = ApplicationRow.for_edition(edition)
        missing = [r for r in wanted if r not in rows]
        foreign = [r for r in rows if r not in wanted]
        if missing or foreign:
            raise StructureError(
                [Problem(f"/applications/{r.value}", "缺少此行", "row missing") for r in missing]
                + [
                    Problem(
                        f"/applications/{r.value}",
                        f"{edition.value} 版没有此行",
                        f"no such row in the {edition.value} edition",
                    )
                    for r in foreign
                ]
            )

        def group(prefix: str) -> dict[str, ApplicantCounts]:
            return {r.value.partition("/")[2]: c for r, c in rows.items() if r.group == prefix}

        other: ApplicantCounts | OtherHandling
        if edition is Edition.E2019:
            other = rows[ApplicationRow.OTHER_HANDLING]
        else:
            other = OtherHandling(**group("other_handling"))
        return cls(
            new_received=rows[ApplicationRow.NEW_RECEIVED],
            carried_over=rows[ApplicationRow.CARRIED_OVER],
            granted=rows[ApplicationRow.GRANTED],
            partially_granted=rows[ApplicationRow.PARTIALLY_GRANTED],
            withheld=Withheld(**group("withheld")),
            unavailable=Unavailable(**group("unavailable")),
            not_processed=NotProcessed(**group("not_processed")),
            other_handling=other,
            total_handled=rows[ApplicationRow.TOTAL_HANDLED],
            carried_forward=rows[ApplicationRow.CARRIED_FORWARD],
            text_before=text_before,
            text_after=text_after,
        )

    @property
    def edition(self) -> Edition:
        """The edition implied by the shape of （六）其他处理."""
        return Edition.E2021 if isinstance(self.other_handling, OtherHandling) else Edition.E2019

    def row(self, row: ApplicationRow) -> ApplicantCounts:
        """The data row ``row``; ``KeyError`` if it does not exist in this edition."""
        head, tail = _GROUP_OF_ROW[row]
        value = getattr(self, head)
        if tail is None:
            if not isinstance(value, ApplicantCounts):
                raise KeyError(row.value)
            return value
        if not hasattr(value, tail):
            raise KeyError(row.value)
        result: ApplicantCounts = getattr(value, tail)
        return result

    def row_objects(self) -> tuple[ApplicantCounts, ...]:
        """Every data row in template order (as :meth:`rows`, without the row keys)."""
        w, u, n, o = self.withheld, self.unavailable, self.not_processed, self.other_handling
        others = (
            (o,)
            if isinstance(o, ApplicantCounts)
            else (o.correction_overdue, o.fee_unpaid, o.other)
        )
        return (
            self.new_received,
            self.carried_over,
            self.granted,
            self.partially_granted,
            w.state_secret,
            w.prohibited_by_law,
            w.endangers_security,
            w.third_party_rights,
            w.internal_affairs,
            w.process_information,
            w.enforcement_case_file,
            w.administrative_inquiry,
            u.not_held,
            u.needs_creation,
            u.unclear_after_correction,
            n.petition_or_complaint,
            n.repeated_application,
            n.publication_requested,
            n.excessive_repetition,
            n.confirmation_requested,
            *others,
            self.total_handled,
            self.carried_forward,
        )

    def rows(self) -> tuple[tuple[ApplicationRow, ApplicantCounts], ...]:
        """Every data row in template order, with its :class:`ApplicationRow`."""
        return tuple(zip(ApplicationRow.for_edition(self.edition), self.row_objects(), strict=True))

    def outcome_rows(self) -> tuple[tuple[ApplicationRow, ApplicantCounts], ...]:
        """The outcome rows （一）…（六） that （七）总计 adds up."""
        return tuple((r, c) for r, c in self.rows() if r.is_outcome)

    def computed_total_handled(self) -> dict[Applicant, int | None]:
        """Per column, the sum of the outcome rows (``None`` where a cell is blank)."""
        outcomes = [c.values() for _, c in self.outcome_rows()]
        return {col: sum_cells(values[i] for values in outcomes) for i, col in enumerate(Applicant)}


# --------------------------------------------------------------------------------------
# Section 四 (政府信息公开行政复议、行政诉讼情况)
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Appeals:
    """四、政府信息公开行政复议、行政诉讼情况: three blocks of five cells.

    ``text_before``/``text_after`` keep the prose around the table, word for word.
    """

    administrative_review: AppealCounts
    direct_litigation: AppealCounts
    litigation_after_review: AppealCounts
    text_before: str = ""
    text_after: str = ""

    def get(self, kind: AppealKind) -> AppealCounts:
        """The block ``kind``."""
        block: AppealCounts = getattr(self, kind.value)
        return block

    def blocks(self) -> tuple[tuple[AppealKind, AppealCounts], ...]:
        """The three blocks in template order."""
        return tuple(zip(AppealKind, self.block_objects(), strict=True))

    def block_objects(self) -> tuple[AppealCounts, AppealCounts, AppealCounts]:
        """The three blocks in template order (as :meth:`blocks`, without the keys)."""
        return (self.administrative_review, self.direct_litigation, self.litigation_after_review)

    def litigation_total(self) -> int | None:
        """未经复议直接起诉·总计 + 复议后起诉·总计 (no cell prints it; text often quotes it)."""
        return sum_cells((self.direct_litigation.total, self.litigation_after_review.total))
