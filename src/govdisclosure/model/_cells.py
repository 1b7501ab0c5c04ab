"""Rows of cells: the applicant columns of table 三, the outcome columns of table 四, money.

A cell holds what the report printed: an ``int``, or ``None`` for a blank cell (blank,
``/``, ``-``, ``—``, ``不适用``). Reported totals are stored as published; the expected
total is computed by :meth:`computed_total` beside them. Nothing here refuses a wrong sum:
checks report it.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import ClassVar

import attrs

from ._enums import AppealOutcome, Applicant, MoneyUnit

__all__ = [
    "MAX_COUNT",
    "MAX_MONEY_DIGITS",
    "MAX_MONEY_PLACES",
    "AppealCounts",
    "ApplicantCounts",
    "Money",
    "count_problem",
    "money_problem",
    "sum_cells",
]

Count = int | None

#: The largest count a cell may hold: fifteen digits (10**15 - 1); the smallest is
#: ``-MAX_COUNT``. No report counts anywhere near it, every count below it is exact in a
#: JSON reader that reads numbers as binary floats (JavaScript's own limit is 2**53), and
#: the sum of a million such counts still prints in a few dozen digits. A larger figure
#: is refused by the model, by :func:`govdisclosure.loads`, and left unread by the parsers.
MAX_COUNT = 10**15 - 1
#: The most digits an amount of money has before its decimal point.
MAX_MONEY_DIGITS = 15
#: The most digits an amount of money has after its decimal point. With
#: :data:`MAX_MONEY_DIGITS`, 23 significant digits: sums of many amounts stay exact in
#: the default :mod:`decimal` context (28 digits).
MAX_MONEY_PLACES = 8


def count_problem(value: object) -> tuple[str, str] | None:
    """What is wrong with ``value`` as a count (Chinese, English), or ``None`` if nothing.

    A count is an ``int`` (not a ``bool``) from ``-MAX_COUNT`` to :data:`MAX_COUNT`, or
    ``None`` (blank). The message never prints a huge number whole.
    """
    if value is None:
        return None
    if type(value) is not int:
        kind = type(value).__name__
        return f"计数应为整数，实为 {kind}", f"a count must be an integer, not {kind}"
    if -MAX_COUNT <= value <= MAX_COUNT:
        return None
    digits = _digits(value)
    return (
        f"计数有 {digits} 位，超过上限（{len(str(MAX_COUNT))} 位，最大 {MAX_COUNT}）",
        f"a count of {digits} digits is over the maximum ({MAX_COUNT})",
    )


def money_problem(value: object) -> tuple[str, str] | None:
    """What is wrong with ``value`` as an amount of money, or ``None`` if nothing.

    An amount is a finite :class:`~decimal.Decimal` with at most :data:`MAX_MONEY_DIGITS`
    digits before the decimal point and :data:`MAX_MONEY_PLACES` after it.
    """
    if not isinstance(value, Decimal):
        kind = type(value).__name__
        return (
            f"金额应为十进制数（Decimal），实为 {kind}",
            f"an amount must be a Decimal, not {kind}",
        )
    if not value.is_finite():
        return "金额应为有限数", "an amount must be a finite number"
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    places = max(0, -exponent)
    whole = 0 if value.is_zero() else max(0, value.adjusted() + 1)
    if places > MAX_MONEY_PLACES:
        return (
            f"金额小数点后有 {places} 位，超过上限 {MAX_MONEY_PLACES} 位",
            f"an amount with {places} digits after the point; at most {MAX_MONEY_PLACES}",
        )
    if whole > MAX_MONEY_DIGITS:
        return (
            f"金额整数部分有 {whole} 位，超过上限 {MAX_MONEY_DIGITS} 位",
            f"an amount with {whole} digits before the point; at most {MAX_MONEY_DIGITS}",
        )
    return None


def _digits(value: int) -> int:
    """How many decimal digits ``abs(value)`` has, without converting it to text."""
    size = abs(value)
    if size.bit_length() <= 64 * 64:  # up to ~1233 digits: text is quick and allowed
        return len(str(size))
    estimate = int(size.bit_length() * 0.30102999566398120)  # log10(2)
    return estimate + 1 if size >= 10**estimate else estimate


# The field names of the rows' cells in template column order (an enum's ``.value`` is a
# Python-level property: looked up once here, not per row built).
_APPLICANT_FIELDS = tuple(c.value for c in Applicant)
_OUTCOME_FIELDS = tuple(c.value for c in AppealOutcome)


def sum_cells(values: Iterable[int | None]) -> int | None:
    """The sum of ``values``, or ``None`` if any of them is blank."""
    total = 0
    for value in values:
        if value is None:
            return None
        total += value
    return total


@attrs.frozen(kw_only=True)
class ApplicantCounts:
    """One row of table 三: a count per applicant column, and the reported 总计.

    Columns in template order: 自然人, then under 法人或其他组织 商业企业, 科研机构,
    社会公益组织, 法律服务机构, 其他; then 总计.
    """

    natural_person: Count
    commercial_enterprise: Count
    research_institution: Count
    public_interest_organization: Count
    legal_service_institution: Count
    other: Count
    total: Count

    columns: ClassVar[tuple[Applicant, ...]] = tuple(Applicant)

    @classmethod
    def of(
        cls,
        *,
        natural_person: int = 0,
        commercial_enterprise: int = 0,
        research_institution: int = 0,
        public_interest_organization: int = 0,
        legal_service_institution: int = 0,
        other: int = 0,
    ) -> "ApplicantCounts":
        """A row with the given applicant counts (missing ones 0) and its total computed."""
        return cls(
            natural_person=natural_person,
            commercial_enterprise=commercial_enterprise,
            research_institution=research_institution,
            public_interest_organization=public_interest_organization,
            legal_service_institution=legal_service_institution,
            other=other,
            total=natural_person
            + commercial_enterprise
            + research_institution
            + public_interest_organization
            + legal_service_institution
            + other,
        )

    @classmethod
    def zero(cls) -> "ApplicantCounts":
        """A row of zeros."""
        return cls.of()

    @classmethod
    def blank(cls) -> "ApplicantCounts":
        """A row of blank cells."""
        return cls(
            natural_person=None,
            commercial_enterprise=None,
            research_institution=None,
            public_interest_organization=None,
            legal_service_institution=None,
            other=None,
            total=None,
        )

    @classmethod
    def from_values(cls, values: Iterable[int | None]) -> "ApplicantCounts":
        """A row from seven values in template column order (the last is 总计)."""
        cells = tuple(values)
        if len(cells) != 7:
            raise ValueError(f"a row of table 三 has 7 cells, got {len(cells)}")
        return cls(**dict(zip(_APPLICANT_FIELDS, cells, strict=True)))

    def values(self) -> tuple[Count, ...]:
        """The seven cells in template column order (the last is 总计)."""
        return (
            self.natural_person,
            self.commercial_enterprise,
            self.research_institution,
            self.public_interest_organization,
            self.legal_service_institution,
            self.other,
            self.total,
        )

    def parts(self) -> tuple[Count, ...]:
        """The six applicant cells without the total."""
        return (
            self.natural_person,
            self.commercial_enterprise,
            self.research_institution,
            self.public_interest_organization,
            self.legal_service_institution,
            self.other,
        )

    def get(self, column: Applicant) -> Count:
        """The cell in ``column``."""
        value: Count = getattr(self, column.value)
        return value

    def computed_total(self) -> Count:
        """The sum of the six applicant cells, or ``None`` if any of them is blank."""
        return sum_cells(self.parts())


@attrs.frozen(kw_only=True)
class AppealCounts:
    """One block of table 四: 结果维持, 结果纠正, 其他结果, 尚未审结 and the reported 总计."""

    upheld: Count
    corrected: Count
    other: Count
    pending: Count
    total: Count

    columns: ClassVar[tuple[AppealOutcome, ...]] = tuple(AppealOutcome)

    @classmethod
    def of(
        cls, *, upheld: int = 0, corrected: int = 0, other: int = 0, pending: int = 0
    ) -> "AppealCounts":
        """A block with the given counts (missing ones 0) and its total computed."""
        return cls(
            upheld=upheld,
            corrected=corrected,
            other=other,
            pending=pending,
            total=upheld + corrected + other + pending,
        )

    @classmethod
    def from_values(cls, values: Iterable[int | None]) -> "AppealCounts":
        """A block from five values in template column order (the last is 总计)."""
        cells = tuple(values)
        if len(cells) != 5:
            raise ValueError(f"a block of table 四 has 5 cells, got {len(cells)}")
        return cls(**dict(zip(_OUTCOME_FIELDS, cells, strict=True)))

    def values(self) -> tuple[Count, ...]:
        """The five cells in template column order (the last is 总计)."""
        return (self.upheld, self.corrected, self.other, self.pending, self.total)

    def parts(self) -> tuple[Count, ...]:
        """The four outcome cells without the total."""
        return (self.upheld, self.corrected, self.other, self.pending)

    def get(self, column: AppealOutcome) -> Count:
        """The cell in ``column``."""
        value: Count = getattr(self, column.value)
        return value

    def computed_total(self) -> Count:
        """结果维持 + 结果纠正 + 其他结果 + 尚未审结, or ``None`` if any is blank."""
        return sum_cells(self.parts())


@attrs.frozen(kw_only=True)
class Money:
    """An amount of money as printed, with its unit.

    ``unit`` is ``None`` where neither the cell nor the template states one (the 2019
    采购总金额 column prints no unit; reports usually write 元 in the cell). The 2021
    收费金额 column is in 万元 by the template's header.
    """

    value: Decimal
    unit: MoneyUnit | None = None

    def in_yuan(self) -> Decimal | None:
        """The amount in 元, or ``None`` when the unit is unknown."""
        if self.unit is MoneyUnit.YUAN:
            return self.value
        if self.unit is MoneyUnit.TEN_THOUSAND_YUAN:
            return self.value * 10000
        return None

    def __str__(self) -> str:
        unit = "" if self.unit is None else self.unit.label()
        return f"{self.value}{unit}"
