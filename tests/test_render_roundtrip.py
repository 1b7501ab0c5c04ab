"""parse() reads the renderers' output back: the same tables, words and metadata.

The renderers are designed for this: official labels, one ``<td>`` / pipe cell per value,
blank cells empty, merged cells as ``rowspan``/``colspan`` in HTML and expanded (repeated)
in Markdown; the page's ``<meta name="govdisclosure:…">`` tags and the Markdown front
matter carry title, agency, level, year and edition. The web page is read by the HTML
front-end; the Markdown by the text front-end, which reads pipe tables, ``#`` headings
and YAML front matter (the shapes converted reports arrive in).
"""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import AnnualReport, check
from govdisclosure.model import Section, cell_refs, cell_values, iter_cells, replace_at
from govdisclosure.parsers import ParseResult
from govdisclosure.render import render_docx, render_html, render_markdown
from govdisclosure.testing import consistent_reports

from .conftest import load_example

HTML_FORMAT = "html"
MARKDOWN_FORMAT = "text"


@st.composite
def reports_with_blanks(draw: st.DrawFn) -> AnnualReport:
    """Consistent reports with some count cells of 三 and 四 left blank (``None``)."""
    report: AnnualReport = draw(consistent_reports())
    refs = [r for r in cell_refs(report.edition) if r.section is not Section.PROACTIVE]
    for ref in draw(st.lists(st.sampled_from(refs), max_size=8, unique=True)):
        report = replace_at(report, ref.path, None)
    return report


def _parse(text: str, format: str | None) -> ParseResult:
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


def _same_words_and_metadata(parsed: AnnualReport, report: AnnualReport) -> None:
    assert (parsed.year, parsed.agency, parsed.edition) == (
        report.year,
        report.agency,
        report.edition,
    )
    for name in ("title", "preface", "overview", "problems", "other_matters"):
        assert getattr(parsed, name) == getattr(report, name), name
    for part in ("proactive", "applications", "appeals"):
        for text in ("text_before", "text_after"):
            got = getattr(getattr(parsed, part), text)
            assert got == getattr(getattr(report, part), text), (part, text)


@given(consistent_reports())
def test_html_round_trip_keeps_texts_and_metadata(report: AnnualReport) -> None:
    _same_words_and_metadata(_parse(render_html(report), HTML_FORMAT).report, report)


@given(consistent_reports())
def test_markdown_round_trip_keeps_texts_and_metadata(report: AnnualReport) -> None:
    _same_words_and_metadata(_parse(render_markdown(report), MARKDOWN_FORMAT).report, report)


@given(consistent_reports())
def test_a_rendered_consistent_report_parses_without_error_diagnostics(
    report: AnnualReport,
) -> None:
    for result in (
        _parse(render_html(report), HTML_FORMAT),
        _parse(render_markdown(report), MARKDOWN_FORMAT),
    ):
        assert [d for d in result.diagnostics if d.severity.value == "error"] == []
        # Stronger: nothing at all to say, and nothing left over.
        assert [(d.code, d.pointer) for d in result.diagnostics] == []
        assert result.leftovers == ()


def _found(report: AnnualReport) -> list[tuple[str, str]]:
    return [(f.code, f.pointer) for f in check(report)]


@given(reports_with_blanks())
def test_a_blank_cell_read_back_is_blank_and_checked_as_blank(report: AnnualReport) -> None:
    # The renderers print a blank cell empty: it reads back blank with nothing to note,
    # and check() reports it (GD010) exactly where the original report has it.
    blank = {
        ref.pointer
        for ref, value in zip(cell_refs(report.edition), cell_values(report), strict=True)
        if value is None
    }
    for result in (
        _parse(render_html(report), HTML_FORMAT),
        _parse(render_markdown(report), MARKDOWN_FORMAT),
    ):
        assert [(d.code, d.pointer) for d in result.diagnostics] == []
        read_back = {ref.pointer for ref, v in iter_cells(result.report) if v is None}
        assert read_back == blank
        # Every finding, GD010 included, is where the original report has it.
        assert _found(result.report) == _found(report)


def test_markdown_is_sniffed_as_text_and_read_the_same() -> None:
    report = load_example("pingtan-2021")
    markdown = render_markdown(report)
    sniffed = govdisclosure.parse(markdown.encode("utf-8"))
    assert sniffed.format == "text"
    assert sniffed.report == _parse(markdown, MARKDOWN_FORMAT).report
    assert cell_values(sniffed.report) == cell_values(report)


def _paragraphs_like_wrapped_lines(report: AnnualReport) -> AnnualReport:
    """``report`` with texts whose paragraphs look like a page's wrapped lines: as wide
    as each other, none ending a sentence, some a single character."""
    line = "““““““““““"
    return attrs.evolve(
        report,
        title="",
        preface="",
        overview=line,
        proactive=attrs.evolve(report.proactive, text_before="", text_after=""),
        applications=attrs.evolve(report.applications, text_before="", text_after=f"{line}\n“"),
        appeals=attrs.evolve(report.appeals, text_before="", text_after=line),
        problems=f"{line}\n“",
        other_matters=f"{line}\n“",
    )


def test_a_web_page_or_word_paragraph_is_never_joined_to_the_next(qidu: AnnualReport) -> None:
    # Wrapped lines are joined back into paragraphs only where a block is a line (text,
    # PDF, scans): a web page's <p> and a Word paragraph end where they end, however
    # much the document's lines look wrapped.
    report = _paragraphs_like_wrapped_lines(qidu)
    for data, format in (
        (render_html(report).encode("utf-8"), HTML_FORMAT),
        (render_docx(report), "docx"),
    ):
        _same_words_and_metadata(govdisclosure.parse(data, format=format).report, report)
