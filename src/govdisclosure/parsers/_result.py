"""What :func:`govdisclosure.parse` returns."""

from __future__ import annotations

import attrs

from ..checks import Finding
from ..model import AnnualReport, SourceSpan

__all__ = ["Leftover", "ParseResult"]


@attrs.frozen(kw_only=True)
class Leftover:
    """Text or a cell the parser read but could not place in the report.

    Attributes:
        text: the text, as found.
        span: where it is in the source.
        reason: why it was not placed, in English (the matching diagnostic says it in
            Chinese too).
    """

    text: str
    span: SourceSpan | None = None
    reason: str = ""


@attrs.frozen(kw_only=True)
class ParseResult:
    """A report read from a published document, and what reading it noticed.

    Attributes:
        report: the report. Values the parser could not read are blank (``None``), never
            guessed; every such cell has a diagnostic.
        diagnostics: findings with ``GD9xx`` codes (unplaced text, unreadable cells,
            guesses refused, cells split by the table's identities), each located in the
            report and, where known, in the source.
        leftovers: everything read that is not in the report.
        format: the format the document was read as (``"html"``, ``"docx"``, ``"pdf"``,
            ``"text"``, ``"json"``).
    """

    report: AnnualReport
    diagnostics: tuple[Finding, ...] = ()
    leftovers: tuple[Leftover, ...] = ()
    format: str = ""
