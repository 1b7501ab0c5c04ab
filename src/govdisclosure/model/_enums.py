"""Enumerations of the report's editions, sections, rows and columns.

Member *values* are the stable English slugs used as keys in the canonical JSON form and
in exports; they are API and never change. The official Chinese label of every member,
per edition, is available from ``member.label(edition)`` (tables in :mod:`._labels`).
"""

from __future__ import annotations

import enum
import sys
from types import ModuleType

__all__ = [
    "AgencyLevel",
    "AppealKind",
    "AppealOutcome",
    "Applicant",
    "ApplicationRow",
    "Edition",
    "MoneyUnit",
    "NotProcessedReason",
    "OtherHandlingReason",
    "ProactiveColumn",
    "ProactiveRow",
    "Section",
    "UnavailableReason",
    "UnreadReason",
    "WithheldReason",
]


class _Labelled(str, enum.Enum):
    """A string enum whose members carry official Chinese labels."""

    def __str__(self) -> str:
        return str(self.value)

    def label(self, edition: Edition | None = None) -> str:
        """The official Chinese label of this member (in ``edition`` when it matters)."""
        # Looked up once per member and edition, then kept on the member: messages ask
        # for labels in every finding.
        if edition is None:
            slot = 0
        elif edition is _E2019:
            slot = 1
        elif edition is _E2021:
            slot = 2
        else:
            label: str = _labels().label_of(self, edition)
            return label
        known: list[str | None] | None = self.__dict__.get("_label_cache")
        if known is None:
            known = [None, None, None]
            self.__dict__["_label_cache"] = known
        found = known[slot]
        if found is None:
            found = known[slot] = _labels().label_of(self, edition)
        return found


class Edition(_Labelled):
    """The national format a report follows.

    ``E2019``: 国办公开办函〔2019〕60号, the trial format used for the 2019 and 2020 reports.
    ``E2021``: 国办公开办函〔2021〕30号, used from the 2021 reports on.
    """

    E2019 = "2019"
    E2021 = "2021"

    @classmethod
    def for_year(cls, year: int) -> Edition | None:
        """The edition a report for ``year`` should follow, or ``None`` before 2019."""
        if year >= 2021:
            return _E2021
        if year >= 2019:
            return _E2019
        return None


# Module constants: an enum member looked up on its class is a slow attribute access.
_E2019: Edition = Edition.E2019
_E2021: Edition = Edition.E2021


class AgencyLevel(_Labelled):
    """The kind of administrative organ that publishes the report."""

    STATE_COUNCIL_DEPARTMENT = "state_council_department"
    """A ministry or other department of the State Council (国务院部门)."""
    PROVINCE = "province"
    """A provincial-level people's government (省、自治区、直辖市人民政府)."""
    PREFECTURE = "prefecture"
    """A prefecture-level city or autonomous prefecture government (设区的市、自治州)."""
    COUNTY = "county"
    """A county or district government (县、县级市、区人民政府)."""
    TOWNSHIP = "township"
    """A town, township or street office (乡、镇人民政府, 街道办事处)."""
    DEPARTMENT = "department"
    """A department of a local government (政府工作部门) at any level."""
    OTHER = "other"
    """Anything else (development zones, vertically managed branches, …)."""

    @property
    def can_make_rules(self) -> bool:
        """Whether organs of this kind may make 规章 under the Legislation Law (立法法).

        State Council departments (部门规章) and the governments of provinces, autonomous
        regions, municipalities, districted cities and autonomous prefectures (地方政府规章).
        """
        return self in _RULE_MAKERS


_RULE_MAKERS = frozenset(
    {AgencyLevel.STATE_COUNCIL_DEPARTMENT, AgencyLevel.PROVINCE, AgencyLevel.PREFECTURE}
)


class Section(_Labelled):
    """The six sections of the report, in template order."""

    OVERVIEW = "overview"
    PROACTIVE = "proactive"
    APPLICATIONS = "applications"
    APPEALS = "appeals"
    PROBLEMS = "problems"
    OTHER_MATTERS = "other_matters"


class Applicant(_Labelled):
    """The seven columns of table 三, in template order (the last is the total)."""

    NATURAL_PERSON = "natural_person"
    COMMERCIAL_ENTERPRISE = "commercial_enterprise"
    RESEARCH_INSTITUTION = "research_institution"
    PUBLIC_INTEREST_ORGANIZATION = "public_interest_organization"
    LEGAL_SERVICE_INSTITUTION = "legal_service_institution"
    OTHER = "other"
    TOTAL = "total"

    @property
    def is_total(self) -> bool:
        return self is Applicant.TOTAL


class WithheldReason(_Labelled):
    """（三）不予公开: the eight reasons for not disclosing."""

    STATE_SECRET = "state_secret"
    PROHIBITED_BY_LAW = "prohibited_by_law"
    ENDANGERS_SECURITY = "endangers_security"
    THIRD_PARTY_RIGHTS = "third_party_rights"
    INTERNAL_AFFAIRS = "internal_affairs"
    PROCESS_INFORMATION = "process_information"
    ENFORCEMENT_CASE_FILE = "enforcement_case_file"
    ADMINISTRATIVE_INQUIRY = "administrative_inquiry"


class UnavailableReason(_Labelled):
    """（四）无法提供: the three reasons the information cannot be provided."""

    NOT_HELD = "not_held"
    NEEDS_CREATION = "needs_creation"
    UNCLEAR_AFTER_CORRECTION = "unclear_after_correction"


class NotProcessedReason(_Labelled):
    """（五）不予处理: the five reasons an application is not processed."""

    PETITION_OR_COMPLAINT = "petition_or_complaint"
    REPEATED_APPLICATION = "repeated_application"
    PUBLICATION_REQUESTED = "publication_requested"
    EXCESSIVE_REPETITION = "excessive_repetition"
    CONFIRMATION_REQUESTED = "confirmation_requested"


class OtherHandlingReason(_Labelled):
    """（六）其他处理 in the 2021 edition: three rows (2019 has a single row)."""

    CORRECTION_OVERDUE = "correction_overdue"
    FEE_UNPAID = "fee_unpaid"
    OTHER = "other"


class ApplicationRow(_Labelled):
    """Every data row of table 三 in template order, across both editions.

    The value is the row's path below ``/applications`` in the canonical JSON form.
    ``OTHER_HANDLING`` exists only in the 2019 edition; the three ``OTHER_HANDLING_*``
    rows only in 2021. :meth:`for_edition` lists the rows of one edition.
    """

    NEW_RECEIVED = "new_received"
    CARRIED_OVER = "carried_over"
    GRANTED = "granted"
    PARTIALLY_GRANTED = "partially_granted"
    WITHHELD_STATE_SECRET = "withheld/state_secret"
    WITHHELD_PROHIBITED_BY_LAW = "withheld/prohibited_by_law"
    WITHHELD_ENDANGERS_SECURITY = "withheld/endangers_security"
    WITHHELD_THIRD_PARTY_RIGHTS = "withheld/third_party_rights"
    WITHHELD_INTERNAL_AFFAIRS = "withheld/internal_affairs"
    WITHHELD_PROCESS_INFORMATION = "withheld/process_information"
    WITHHELD_ENFORCEMENT_CASE_FILE = "withheld/enforcement_case_file"
    WITHHELD_ADMINISTRATIVE_INQUIRY = "withheld/administrative_inquiry"
    UNAVAILABLE_NOT_HELD = "unavailable/not_held"
    UNAVAILABLE_NEEDS_CREATION = "unavailable/needs_creation"
    UNAVAILABLE_UNCLEAR_AFTER_CORRECTION = "unavailable/unclear_after_correction"
    NOT_PROCESSED_PETITION_OR_COMPLAINT = "not_processed/petition_or_complaint"
    NOT_PROCESSED_REPEATED_APPLICATION = "not_processed/repeated_application"
    NOT_PROCESSED_PUBLICATION_REQUESTED = "not_processed/publication_requested"
    NOT_PROCESSED_EXCESSIVE_REPETITION = "not_processed/excessive_repetition"
    NOT_PROCESSED_CONFIRMATION_REQUESTED = "not_processed/confirmation_requested"
    OTHER_HANDLING = "other_handling"
    OTHER_HANDLING_CORRECTION_OVERDUE = "other_handling/correction_overdue"
    OTHER_HANDLING_FEE_UNPAID = "other_handling/fee_unpaid"
    OTHER_HANDLING_OTHER = "other_handling/other"
    TOTAL_HANDLED = "total_handled"
    CARRIED_FORWARD = "carried_forward"

    @classmethod
    def for_edition(cls, edition: Edition) -> tuple[ApplicationRow, ...]:
        """The data rows of table 三 in ``edition``, in template order."""
        return _ROWS_2019 if edition is Edition.E2019 else _ROWS_2021

    @property
    def is_outcome(self) -> bool:
        """Whether the row is one of the outcomes （一）…（六） summed by （七）总计."""
        return self not in _NON_OUTCOME

    @property
    def group(self) -> str | None:
        """The outcome group the row belongs to (``"withheld"``…), or ``None``."""
        head, _, tail = self.value.partition("/")
        return head if tail else None


_NON_OUTCOME = frozenset(
    {
        ApplicationRow.NEW_RECEIVED,
        ApplicationRow.CARRIED_OVER,
        ApplicationRow.TOTAL_HANDLED,
        ApplicationRow.CARRIED_FORWARD,
    }
)
_ROWS_2019 = tuple(r for r in ApplicationRow if not r.value.startswith("other_handling/"))
_ROWS_2021 = tuple(r for r in ApplicationRow if r is not ApplicationRow.OTHER_HANDLING)


class AppealKind(_Labelled):
    """The three blocks of table 四."""

    ADMINISTRATIVE_REVIEW = "administrative_review"
    DIRECT_LITIGATION = "direct_litigation"
    LITIGATION_AFTER_REVIEW = "litigation_after_review"


class AppealOutcome(_Labelled):
    """The five columns of each block of table 四 (the last is the total)."""

    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"
    TOTAL = "total"


class ProactiveRow(_Labelled):
    """The data rows of table 二 across both editions (see :meth:`for_edition`)."""

    RULES = "rules"
    NORMATIVE_DOCUMENTS = "normative_documents"
    LICENSING = "licensing"
    OTHER_SERVICES = "other_services"
    PENALTIES = "penalties"
    COERCIVE_MEASURES = "coercive_measures"
    FEES = "fees"
    PROCUREMENT = "procurement"

    @classmethod
    def for_edition(cls, edition: Edition) -> tuple[ProactiveRow, ...]:
        """The data rows of table 二 in ``edition``, in template order."""
        if edition is Edition.E2019:
            return tuple(cls)
        return tuple(r for r in cls if r not in (cls.OTHER_SERVICES, cls.PROCUREMENT))

    def columns(self, edition: Edition) -> tuple[ProactiveColumn, ...]:
        """The columns of this row in ``edition``, in template order."""
        columns: tuple[ProactiveColumn, ...] = _labels().proactive_columns(self, edition)
        return columns


class ProactiveColumn(_Labelled):
    """The columns of table 二 across both editions.

    2019: ``newly_made``/``newly_published``/``total_published`` (item 一);
    ``previous_count``/``change``/``decisions`` (items 五 and 六; 八 lacks ``decisions``);
    ``projects``/``amount`` (item 九). 2021: ``issued``/``repealed``/``in_force`` (item 一);
    ``decisions`` (五, 六); ``amount`` (八, in 万元).
    """

    NEWLY_MADE = "newly_made"
    NEWLY_PUBLISHED = "newly_published"
    TOTAL_PUBLISHED = "total_published"
    PREVIOUS_COUNT = "previous_count"
    CHANGE = "change"
    DECISIONS = "decisions"
    PROJECTS = "projects"
    AMOUNT = "amount"
    ISSUED = "issued"
    REPEALED = "repealed"
    IN_FORCE = "in_force"


class MoneyUnit(_Labelled):
    """Units of money printed in table 二."""

    YUAN = "yuan"
    TEN_THOUSAND_YUAN = "ten_thousand_yuan"


class UnreadReason(_Labelled):
    """Why reading a published document left a table cell unread.

    An *unread* cell is not a *blank* one: the report may well print a figure there, but
    the reader could not take it from the document. Checks never blame the publisher for
    an unread cell (see :class:`~govdisclosure.model.UnreadCell`).
    """

    ABSENT = "absent"
    """The cell is not in the file: a column drawn off the page, a table not found, a row
    shorter than the header."""
    CROPPED = "cropped"
    """The cell is cut by the page edge: what was printed beyond it is not in the file."""
    AMBIGUOUS = "ambiguous"
    """Figures run together (``693665``) admit several readings, or none, and the table's
    identities do not single one out."""
    ROW_NOT_RECOGNISED = "row_not_recognised"
    """The row's label was not recognised (or the row is not in the document)."""
    COLUMN_UNCERTAIN = "column_uncertain"
    """The cell's column cannot be told from the header grid."""
    LAYOUT = "layout"
    """The layout of the row could not be followed (more or fewer values than columns)."""
    ILLEGIBLE = "illegible"
    """The cell holds text that is not a figure of its column."""
    UNCERTAIN = "uncertain"
    """A character recogniser (OCR) was not sure of a digit."""
    INCOMPLETE_PARTS = "incomplete_parts"
    """An aggregate's cell whose parts include a blank or unread cell: its sum is not
    known."""


def _labels() -> ModuleType:
    """The module of label tables (imported on first use: it imports this one)."""
    module = sys.modules.get("govdisclosure.model._labels")
    if module is None:
        from . import _labels

        module = _labels
    return module
