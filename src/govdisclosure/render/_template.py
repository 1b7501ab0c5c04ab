"""Blank fill-in templates: the official layout with every cell empty, for an agency to
fill in (Excel or Word) and :func:`govdisclosure.parse` to read back."""

from __future__ import annotations

from ..model import Agency, AnnualReport, Edition, ReportBuilder, cell_refs, replace_at

__all__ = ["blank_report", "template_docx", "template_xlsx"]


def blank_report(
    edition: Edition | str, *, year: int | None = None, agency: str = ""
) -> AnnualReport:
    """A report of ``edition`` with every table cell blank and no text.

    ``year`` defaults to the first year the edition was used for (2019, 2021).
    """
    edition = Edition(edition)
    first = 2019 if edition is Edition.E2019 else 2021
    report = ReportBuilder(edition=edition, year=year or first, agency=Agency(name=agency)).build()
    for ref in cell_refs(report.layout):
        report = replace_at(report, ref.path, None)
    return report


def template_xlsx(edition: Edition | str) -> bytes:
    """A blank Excel template of ``edition`` (needs the ``xlsx`` extra).

    The report sheet has the template's tables with every value cell empty (a cell
    warns, without refusing, when what is typed is not a whole number — a decimal for
    an amount — or is negative where the template counts); the text sheet has empty
    cells for 机关名称 (typed), 机关层级 (chosen from a list), 报告年度 and each part of
    the text, and states the edition. Filled in and saved (by Excel, WPS or LibreOffice),
    :func:`govdisclosure.parse` reads it as the report typed into it.
    """
    from ._xlsx import render_template_xlsx

    return render_template_xlsx(blank_report(edition))


def template_docx(edition: Edition | str) -> bytes:
    """A blank Word template of ``edition``: the title 政府信息公开工作年度报告 (with a comment
    asking for the organ and year before it), the six section headings and tables 二, 三
    and 四 with every value cell empty. Filled in and saved, :func:`govdisclosure.parse`
    reads it as the report typed into it (the organ and year from the title)."""
    from ._docx import render_docx

    return render_docx(blank_report(edition), template=True)
