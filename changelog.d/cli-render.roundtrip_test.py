"""parse() reads the rendered layout back: to move into tests/ once parse() is merged.

Not collected where it is (``changelog.d`` is outside ``testpaths``). After the merge,
move it to ``tests/test_render_roundtrip.py`` and set the two format names below to the
ones ``govdisclosure.parse`` uses (``None`` lets it sniff). The renderers are designed
for this: official labels, one ``<td>`` / pipe cell per value, blank cells empty, merged
cells as ``rowspan``/``colspan`` in HTML and expanded (repeated) in Markdown; the page's
``<meta name="govdisclosure:…">`` tags and the Markdown front matter carry agency, year
and edition when the title does not.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import AnnualReport
from govdisclosure.model import Section, cell_refs, cell_values, replace_at
from govdisclosure.render import render_html, render_markdown
from govdisclosure.testing import consistent_reports

HTML_FORMAT: str | None = "html"
MARKDOWN_FORMAT: str | None = None  # the text front-end, if it reads pipe tables


@st.composite
def reports_with_blanks(draw: st.DrawFn) -> AnnualReport:
    """Consistent reports with some count cells of 三 and 四 left blank (``None``)."""
    report: AnnualReport = draw(consistent_reports())
    refs = [r for r in cell_refs(report.edition) if r.section is not Section.PROACTIVE]
    for ref in draw(st.lists(st.sampled_from(refs), max_size=8, unique=True)):
        report = replace_at(report, ref.path, None)
    return report


def _parse(text: str, format: str | None) -> Any:
    return govdisclosure.parse(text.encode("utf-8"), format=format)


def _same_tables(parsed: AnnualReport, report: AnnualReport) -> None:
    assert parsed.edition is report.edition
    assert cell_values(parsed) == cell_values(report)


@given(reports_with_blanks())
def test_parse_reads_the_html_page_back_to_the_same_tables(report: AnnualReport) -> None:
    _same_tables(_parse(render_html(report), HTML_FORMAT).report, report)


@given(reports_with_blanks())
def test_parse_reads_the_markdown_back_to_the_same_tables(report: AnnualReport) -> None:
    _same_tables(_parse(render_markdown(report), MARKDOWN_FORMAT).report, report)


@given(consistent_reports())
def test_html_round_trip_keeps_texts_and_metadata(report: AnnualReport) -> None:
    parsed = _parse(render_html(report), HTML_FORMAT).report
    assert (parsed.year, parsed.agency.name) == (report.year, report.agency.name)
    for name in ("title", "preface", "overview", "problems", "other_matters"):
        assert getattr(parsed, name) == getattr(report, name), name
    for part in ("proactive", "applications", "appeals"):
        for text in ("text_before", "text_after"):
            got = getattr(getattr(parsed, part), text)
            assert got == getattr(getattr(report, part), text), (part, text)


@given(consistent_reports())
def test_a_rendered_consistent_report_parses_without_error_diagnostics(
    report: AnnualReport,
) -> None:
    result = _parse(render_html(report), HTML_FORMAT)
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
