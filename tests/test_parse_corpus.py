"""Real published reports parse to their hand-verified figures.

The seed (Word-copied text) must give the same sections 二, 三 and 四 — cells and prose —
as its hand transcription ``examples/qidu-2019.json``. Every corpus item listed in
:data:`CORPUS` (see ``tests/data/corpus/MANIFEST.md``) must give all figures of tables 三
and 四 of its ``*.expected.json``, and of table 二 where the expected file has them.
Adding an item (an HTML, Word or PDF form, say) is one line in :data:`CORPUS`.

Every front-end is here: the Shanghai report as its web page, as Word and as PDF; the
Huai'an report as its published PDF and as text extracted from it. One exception to
"all figures": MANIFEST says the Shanghai ``.docx`` and ``.pdf`` carry the figures of
the ``.html``, which does not hold for the PDF. LibreOffice printed table 三 and table 四
wider than the page and wrote only the text runs that reach onto the page: what the
cells on and beyond its edge held is not in the file (checked with pdfplumber, which
finds no character of those values anywhere). Those cells are listed in
:attr:`Item.absent`; the parser must leave exactly them unread (``report.unread``), each
explained by a GD903 diagnostic, and read every other cell as the ``.html`` prints it.

Whose problem a finding is must not depend on the form: the findings of origin
``report`` on every form equal those on the hand transcription, except those that rest on
a cell the form does not hold.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any, NamedTuple

import pytest

import govdisclosure
from govdisclosure import AnnualReport, Edition, check
from govdisclosure.checks import get_rule
from govdisclosure.model import (
    AgencyLevel,
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    Money,
    MoneyUnit,
    ProactiveColumn,
    ProactiveRow,
    iter_cells,
)
from govdisclosure.model._labels import (
    APPLICATION_GROUP_LABELS,
    APPLICATION_RESULTS_LABEL,
    PROACTIVE_BLOCKS,
)
from govdisclosure.parsers import ParseResult, parse
from govdisclosure.parsers.assemble._fold import fold_key

from .conftest import DATA, SHANGHAI_BLANK_TOTALS, load_example

CORPUS_DIR = DATA / "corpus"


class Item(NamedTuple):
    """A corpus document and what its parse must show beyond the expected figures."""

    document: str
    expected: str
    #: Cells of table 二 that the document's form leaves ambiguous (blank + GD906).
    ambiguous_proactive: frozenset[str] = frozenset()
    #: Codes of the error findings check() must report: the report's real errors, as
    #: published (MANIFEST, "Known real errors"); e.g. Shanghai 2019's blank 总计 cells.
    errors: frozenset[str] = frozenset()
    #: Cells of tables 三 and 四 (JSON pointers) that are not in the file: unread + GD903.
    absent: frozenset[str] = frozenset()


#: The cells of the Shanghai PDF that lie beyond the edge of their page. Table 三 (pages
#: 4-6) is cut after the 法律服务机构 column: that column's cells are on the edge and
#: empty (the values, centred in the cells, are drawn off the page), 其他 and 总计 are
#: wholly off the page. Table 四 (page 6) starts left of the page: the cell of 行政复议 ›
#: 结果维持 is on the edge and empty (its 5 is off the page); on the right, 复议后起诉 ›
#: 尚未审结 is on the edge and 复议后起诉 › 总计 off the page.
SHANGHAI_PDF_ABSENT = frozenset(
    {
        f"/applications/{row.value}/{column}"
        for row in ApplicationRow.for_edition(Edition.E2019)
        for column in ("legal_service_institution", "other", "total")
    }
    | {
        "/appeals/administrative_review/upheld",
        "/appeals/litigation_after_review/pending",
        "/appeals/litigation_after_review/total",
    }
)

CORPUS = (
    # Shanghai's blank 总计 cells are its real errors (GD304 total-left-blank, 11 rows).
    Item(
        "001_shanghai_szfbgt_2019.html",
        "001_shanghai_szfbgt_2019.expected.json",
        errors=frozenset({"GD304"}),
    ),
    Item(
        "001_shanghai_szfbgt_2019.docx",
        "001_shanghai_szfbgt_2019.expected.json",
        errors=frozenset({"GD304"}),
    ),
    # The PDF does not hold the 总计 column, so nothing can be said of its blanks.
    Item(
        "001_shanghai_szfbgt_2019.pdf",
        "001_shanghai_szfbgt_2019.expected.json",
        absent=SHANGHAI_PDF_ABSENT,
    ),
    Item("002_pingtan_2019.txt", "002_pingtan_2019.expected.json"),
    Item("004_pingtan_2021.txt", "004_pingtan_2021.expected.json"),
    Item("005_pingtan_2022.txt", "005_pingtan_2022.expected.json"),
    Item("009_huaian_szf_2024.txt", "009_huaian_szf_2024.expected.json"),
    Item("009_huaian_szf_2024.pdf", "009_huaian_szf_2024.expected.json"),
    Item(
        "010_pingtan_scjgj_2019.txt",
        "010_pingtan_scjgj_2019.expected.json",
        # "20+1737", "144+5149", "67+36103": the sign fixes the first cell only;
        # "156805947.43元" has seven readings.
        frozenset(
            {
                "licensing/change",
                "licensing/decisions",
                "other_services/change",
                "other_services/decisions",
                "penalties/change",
                "penalties/decisions",
                "procurement/projects",
                "procurement/amount",
            }
        ),
    ),
    Item(
        "011_pingtan_gzj_2019.txt",
        "011_pingtan_gzj_2019.expected.json",
        # "1411" is 14|1|1, 1|41|1 or 1|4|11 (MANIFEST: read from the page's cells).
        frozenset({"rules/newly_made", "rules/newly_published", "rules/total_published"}),
    ),
)

_PARSED: dict[str, ParseResult] = {}


def parsed(name: str) -> ParseResult:
    if name not in _PARSED:
        _PARSED[name] = parse(CORPUS_DIR / name)
    return _PARSED[name]


def expected_of(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS_DIR / item.expected).read_text(encoding="utf-8"))
    return data


# -- mapping the expected files' row paths to the model, through the label tables --------


def application_row(path: str, edition: Edition) -> ApplicationRow:
    """The row of table 三 an expected file's path names (by label, not by position)."""
    parts = path.split("/")
    own = fold_key(parts[-1])
    group = fold_key(parts[-2]) if len(parts) > 1 else None
    for row in ApplicationRow.for_edition(edition):
        if fold_key(row.label(edition)) != own:
            continue
        if row.group is None:
            if group in (None, fold_key(APPLICATION_RESULTS_LABEL)):
                return row
        elif group == fold_key(APPLICATION_GROUP_LABELS[row.group]):
            return row
    raise AssertionError(f"no row of the {edition.value} edition is labelled {path!r}")


def appeal_kind(path: str) -> AppealKind:
    own = fold_key(path.split("/")[-1])
    (kind,) = (k for k in AppealKind if fold_key(k.label()) == own)
    return kind


def proactive_row(path: str, edition: Edition) -> ProactiveRow:
    caption, label = (fold_key(p) for p in path.split("/"))
    for block, rows in PROACTIVE_BLOCKS[edition]:
        if fold_key(block) == caption:
            (row,) = (r for r in rows if fold_key(r.label(edition)) == label)
            return row
    raise AssertionError(f"no block {path!r} in the {edition.value} edition")


def printed_value(text: str, column: ProactiveColumn, edition: Edition) -> int | Money:
    """A table-二 cell as the expected file prints it ("+17", "6805947.43元", "18651.06")."""
    if column is ProactiveColumn.AMOUNT:
        match = re.fullmatch(r"([\d.]+)(万元|元)?", text)
        assert match, text
        unit = {"元": MoneyUnit.YUAN, "万元": MoneyUnit.TEN_THOUSAND_YUAN}.get(match.group(2) or "")
        if unit is None and edition is Edition.E2021:
            unit = MoneyUnit.TEN_THOUSAND_YUAN
        return Money(value=Decimal(match.group(1)), unit=unit)
    assert re.fullmatch(r"[+-]?\d+", text), text
    return int(text)


# -- the seed --------------------------------------------------------------------------


def test_seed_parses_to_its_transcription(qidu: AnnualReport) -> None:
    result = parse(DATA / "seeds" / "qidu-2019.txt")
    report = result.report
    assert result.format == "text"
    assert report.edition is Edition.E2019
    assert report.proactive == qidu.proactive
    assert report.applications == qidu.applications
    assert report.appeals == qidu.appeals
    # The prose around the tables, word for word (part of the equalities above, but the
    # point of this test, so said explicitly).
    for part in ("proactive", "applications", "appeals"):
        assert getattr(report, part).text_before == getattr(qidu, part).text_before
        assert getattr(report, part).text_after == getattr(qidu, part).text_after


def test_seed_keeps_every_word(qidu: AnnualReport) -> None:
    report = parse(DATA / "seeds" / "qidu-2019.txt").report
    for name in ("title", "preface", "overview", "problems", "other_matters"):
        assert getattr(report, name) == getattr(qidu, name), name
    assert report.year == 2019
    assert report.agency.level is qidu.agency.level


def test_seed_has_nothing_left_over() -> None:
    result = parse(DATA / "seeds" / "qidu-2019.txt")
    assert result.leftovers == ()
    assert [(d.code, d.pointer) for d in result.diagnostics] == []


def test_seed_values_point_into_the_text() -> None:
    report = parse(DATA / "seeds" / "qidu-2019.txt").report
    assert report.source is not None
    # 规范性文件 row of table 二: 11 | 4 | 194 on lines 44-46 of the seed.
    spans = [
        report.source.span_of(f"/proactive/normative_documents/{c}")
        for c in ("newly_made", "newly_published", "total_published")
    ]
    assert [s.line for s in spans if s is not None] == [44, 45, 46]
    headings = [(h.section.value, h.span.line if h.span else None) for h in report.source.headings]
    assert headings == [
        ("overview", 2),
        ("proactive", 24),
        ("applications", 104),
        ("appeals", 366),
        ("problems", 411),
        ("other_matters", 420),
    ]


# -- the corpus ------------------------------------------------------------------------


def expected_cells(item: Item) -> dict[str, int | None]:
    """The expected figures of tables 三 and 四, by JSON pointer."""
    expected = expected_of(item)
    edition = Edition(expected["edition"])
    cells: dict[str, int | None] = {}
    for path, values in expected["table3"].items():
        row = application_row(path, edition)
        for applicant, value in zip(Applicant, values, strict=True):
            cells[f"/applications/{row.value}/{applicant.value}"] = value
    for path, values in expected["table4"].items():
        kind = appeal_kind(path)
        for outcome, value in zip(AppealOutcome, values, strict=True):
            cells[f"/appeals/{kind.value}/{outcome.value}"] = value
    return cells


@pytest.mark.parametrize("item", CORPUS, ids=lambda i: i.document)
def test_corpus_table3_and_table4(item: Item) -> None:
    expected = expected_of(item)
    result = parsed(item.document)
    report = result.report
    edition = Edition(expected["edition"])
    assert report.edition is edition
    assert report.year == expected["year"]
    got = {row: counts.values() for row, counts in report.applications.rows()}
    want = {application_row(p, edition): tuple(v) for p, v in expected["table3"].items()}
    assert set(want) == set(got)
    values = {ref.pointer: value for ref, value in iter_cells(report)}
    cells = expected_cells(item)
    assert item.absent <= set(cells)
    # Every cell in the file is read as printed; a cell not in the file is unread, and a
    # GD903 diagnostic names it (one per row).
    assert {p: values[p] for p in cells if p not in item.absent} == {
        p: v for p, v in cells.items() if p not in item.absent
    }
    unread = {c.pointer for c in report.unread if c.pointer in cells}
    assert unread == item.absent
    assert {values[p] for p in item.absent} <= {None}
    explained = {r.pointer for d in result.diagnostics if d.code == "GD903" for r in d.related}
    assert item.absent <= explained
    assert {c.code for c in report.unread if c.pointer in item.absent} <= {"GD903"}


def test_shanghai_pdf_cells_on_the_page_edge_are_cropped_in_every_row() -> None:
    # 法律服务机构 is on the edge of every row, the last row of table 三 too (its empty
    # last cell is the table's last token); 其他 and 总计 are off the page.
    result = parsed("001_shanghai_szfbgt_2019.pdf")
    reasons = {c.pointer: c.reason.value for c in result.report.unread}
    for row in ApplicationRow.for_edition(Edition.E2019):
        base = f"/applications/{row.value}"
        assert reasons[f"{base}/legal_service_institution"] == "cropped", row
        assert (reasons[f"{base}/other"], reasons[f"{base}/total"]) == ("absent", "absent")


@pytest.mark.parametrize(
    "item", [i for i in CORPUS if "table2" in expected_of(i)], ids=lambda i: i.document
)
def test_corpus_table2(item: Item) -> None:
    expected = expected_of(item)
    result = parsed(item.document)
    report = result.report
    edition = report.edition
    ambiguous = {
        (d.code, r.pointer) for d in result.diagnostics for r in d.related if d.code == "GD906"
    }
    blank: set[str] = set()
    for path, printed in expected["table2"].items():
        row = proactive_row(path, edition)
        values = report.proactive.row(row).values()
        for column, text, value in zip(row.columns(edition), printed, values, strict=True):
            cell = f"{row.value}/{column.value}"
            if value is None:
                blank.add(cell)
                assert ("GD906", f"/proactive/{cell}") in ambiguous, cell
            else:
                assert value == printed_value(text, column, edition), cell
    # Exactly the cells the flattened form leaves ambiguous are blank; all others read.
    assert blank == item.ambiguous_proactive


@pytest.mark.parametrize("item", CORPUS, ids=lambda i: i.document)
def test_corpus_organ_and_prose(item: Item) -> None:
    expected = expected_of(item)
    report = parsed(item.document).report
    assert report.agency.name
    assert expected["agency"].startswith(report.agency.name)
    for name in ("preface", "overview", "problems", "other_matters"):
        assert getattr(report, name), name


def test_ambiguous_rows_resolved_by_column_identities() -> None:
    # MANIFEST: 2021 （一）予以公开 "270020130" and 不掌握 "220000325" each have two readings
    # by the row total; the column identities of table 三 leave one.
    result = parsed("004_pingtan_2021.txt")
    split = {(d.code, d.pointer) for d in result.diagnostics if d.code == "GD905"}
    assert ("GD905", "/applications/granted") in split
    assert ("GD905", "/applications/unavailable/not_held") in split
    report = result.report
    assert report.applications.granted.values() == (27, 0, 0, 2, 0, 1, 30)
    assert report.applications.unavailable.not_held.values() == (22, 0, 0, 0, 0, 3, 25)
    assert report.appeals.administrative_review.values() == (1, 0, 2, 0, 3)
    assert report.appeals.direct_litigation.values() == (12, 0, 0, 0, 12)


def test_pdf_text_footers_and_wrapped_lines() -> None:
    result = parsed("009_huaian_szf_2024.txt")
    report = result.report
    # Page numbers between lines are set aside, not read as values.
    assert sorted(lo.text for lo in result.leftovers if lo.reason == "page number") == [
        f"- {n} -" for n in range(1, 7)
    ]
    # Wrapped lines are joined into paragraphs: the preface is two paragraphs.
    assert report.preface.count("\n") == 1
    assert report.preface.startswith(
        "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》"
    )
    assert report.title.replace(" ", "") == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert report.agency.name == "淮安市人民政府"


def test_crawler_chrome_is_left_over_not_lost() -> None:
    result = parsed("004_pingtan_2021.txt")
    report = result.report
    assert report.title == "平潭综合实验区2021年度政府信息公开工作年度报告"
    # The example transcription of the same page has the same preface and section texts.
    example = load_example("pingtan-2021")
    for name in ("preface", "overview", "problems", "other_matters"):
        assert getattr(report, name) == getattr(example, name), name
    left = " ".join(lo.text for lo in result.leftovers)
    assert "当前位置" in left
    assert "附件下载" in left
    assert ("GD901", "") in {(d.code, d.pointer) for d in result.diagnostics}


def test_pingtan_2021_tables_equal_the_example() -> None:
    report = parsed("004_pingtan_2021.txt").report
    example = load_example("pingtan-2021")
    assert report.applications == example.applications
    assert report.appeals == example.appeals
    # 行政规范性文件 "693665" cannot be read from the flattened text; everything else is.
    assert report.proactive.normative_documents.values() == (None, None, None)
    assert report.proactive.licensing == example.proactive.licensing
    assert report.proactive.fees == example.proactive.fees


def test_real_errors_parse_as_published() -> None:
    # A row whose 总计 does not add up is read as printed; check() finds it.
    text = (DATA / "seeds" / "qidu-2019.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    # The 7th value of （一）予以公开 (line 148) becomes 3 while its parts stay 0.
    assert lines[147] == "\t0"
    lines[147] = "\t3"
    report = parse("\n".join(lines)).report
    assert report.applications.granted.total == 3
    findings = check(report)
    by_code = {(f.code, f.pointer) for f in findings}
    assert ("GD303", "/applications/granted/total") in by_code
    # ... and the finding points into the document: line 148.
    (row_total,) = (f for f in findings if f.code == "GD303")
    assert row_total.location.span is not None
    assert row_total.location.span.line == 148


@pytest.mark.parametrize("item", CORPUS, ids=lambda i: i.document)
def test_checks_find_the_real_errors_and_no_others(item: Item) -> None:
    report = parsed(item.document).report
    errors = {f.code for f in check(report) if f.severity.value == "error"}
    assert errors == item.errors


def test_json_round_trip_of_a_parsed_report() -> None:
    report = parsed("009_huaian_szf_2024.txt").report
    again = govdisclosure.loads(govdisclosure.dumps(report))
    assert again == report


def test_diagnostics_are_the_parse_rules() -> None:
    seen = set()
    for item in CORPUS:
        result = parsed(item.document)
        for finding in result.diagnostics:
            rule = get_rule(finding.code)
            assert rule.scope == "parse"
            assert (finding.name, finding.severity) == (rule.name, rule.severity)
            seen.add(finding.code)
        # check() never runs the parse rules.
        assert not [f for f in check(result.report) if f.code.startswith("GD9")]
    assert {"GD901", "GD905", "GD906"} <= seen


def test_an_unknown_row_in_flattened_text_is_kept_aside() -> None:
    text = (CORPUS_DIR / "010_pingtan_scjgj_2019.txt").read_text(encoding="utf-8")
    text = text.replace("规范性文件222第二十条", "规范性文件222其他主动公开文件121286第二十条", 1)
    result = parse(text)
    assert result.report.proactive.normative_documents.values() == (2, 2, 2)
    assert ("GD902", "/proactive/normative_documents") in {
        (d.code, d.pointer) for d in result.diagnostics
    }
    assert any("其他主动公开文件121286" in lo.text for lo in result.leftovers)


SHANGHAI = [i for i in CORPUS if i.document.startswith("001_")]


@pytest.mark.parametrize("item", SHANGHAI, ids=lambda i: i.document)
def test_a_general_office_has_its_governments_level(item: Item) -> None:
    # 上海市人民政府办公厅 publishes the report of 本政府机关: a municipality, so province.
    agency = parsed(item.document).report.agency
    assert (agency.name, agency.level) == ("上海市人民政府办公厅", AgencyLevel.PROVINCE)


@pytest.mark.parametrize("item", [i for i in SHANGHAI if not i.absent], ids=lambda i: i.document)
def test_shanghai_narrative_mismatch_is_found_at_its_sentences(item: Item) -> None:
    # MANIFEST: the text says 予以公开及部分公开258件 … 无法提供265件; the table gives 275
    # (272+3) and 337 (265+47+25).
    report = parsed(item.document).report
    found = [f for f in check(report) if f.code == "GD505"]
    said = {}
    for finding in found:
        assert finding.pointer == "/overview"
        assert finding.location.text_range is not None
        start, end = finding.location.text_range
        said[finding.actual] = report.overview[start:end]
    assert set(said) == {258, 265}
    assert "予以公开及部分公开258件" in said[258].replace(" ", "")
    assert "无法提供265件" in said[265].replace(" ", "")


@pytest.mark.parametrize("item", SHANGHAI, ids=lambda i: i.document)
def test_shanghai_blank_totals_are_its_real_errors(item: Item) -> None:
    # MANIFEST: the 总计 column is left blank in 11 outcome rows with figures beside it.
    report = parsed(item.document).report
    blank_totals = {f.pointer for f in check(report) if f.code == "GD304"}
    # The PDF lost its 总计 column: those cells are unread, not blank, and no finding
    # claims anything of them.
    assert blank_totals == set(SHANGHAI_BLANK_TOTALS) - item.absent


def _on_the_report(findings: list[Any], unread: frozenset[str] = frozenset()) -> set[Any]:
    """The (code, pointer) pairs of the findings of origin ``report`` that involve none of
    the cells ``unread``."""
    return {
        (f.code, f.pointer)
        for f in findings
        if f.origin.value == "report"
        and not ({f.pointer, *(r.pointer for r in f.related)} & unread)
    }


@pytest.mark.parametrize("item", CORPUS, ids=lambda i: i.document)
def test_findings_on_the_report_do_not_depend_on_its_form(item: Item) -> None:
    # parse(x) and the hand transcription give the same findings of origin ``report``,
    # except those resting on a cell the form does not hold (and parse left unread).
    result = parsed(item.document)
    unread = result.report.unread_pointers
    transcription = govdisclosure.loads(
        (DATA / "reports" / f"{item.document.split('.')[0]}.json").read_bytes()
    )
    on_parse = _on_the_report(check(result))
    assert on_parse == _on_the_report(check(transcription), unread)
    # Nothing of origin ``report`` involves an unread cell.
    assert on_parse == _on_the_report(check(result), unread)
    # What parse leaves unread is what the form does not hold: cells off the page, or
    # figures run together that admit no unique reading.
    assert {p for p in unread if not _ambiguous_run(result, p)} <= item.absent
    assert {f"/proactive/{p}" for p in item.ambiguous_proactive} <= unread


def _ambiguous_run(result: ParseResult, pointer: str) -> bool:
    cell = result.report.unread_cell(pointer)
    return cell is not None and cell.reason.value == "ambiguous" and cell.code == "GD906"


def test_a_section_whose_heading_is_not_found_is_not_judged() -> None:
    # The seed without its 五 heading: its text goes with 四, and 五 is unread — no GD510
    # ("五 is empty") is held against the town for what reading did not find.
    text = (DATA / "seeds" / "qidu-2019.txt").read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("五、"))
    result = parse(text.replace(heading, heading[2:].replace("存在的主要问题", "有关问题"), 1))
    assert "/problems" in result.report.unread_pointers
    assert ("GD907", "/problems") in {(d.code, d.pointer) for d in result.diagnostics}
    assert "GD510" not in {f.code for f in check(result)}
