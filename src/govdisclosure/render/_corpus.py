"""A page about a corpus of reports: one self-contained HTML file, charts as inline SVG.

What the page shows, for a folder of reports a researcher or a reviewing office has read:
the findings by rule (on the report as published, and on reading it) and by report; the
outcome mix of table 三 by year and by level; the 不予公开率 and 予以公开率 over the years;
and a table of the reports, sortable by any column, each linked to its page in the
official layout. Nothing is fetched from the network: styles, charts and the few lines
of script that sort the table are in the page.

Shares and rates are *pooled*: the outcomes of every report of a year (or level) whose
outcomes are all known are added up, and a report with a blank or unread outcome is left
out of that chart and counted as such — never counted as 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import NamedTuple

from ..checks import Finding, Origin, Severity
from ..model import AgencyLevel, AnnualReport, Figures, key_figures, require_report
from ._words import CORPUS_WORDS

__all__ = ["CorpusItem", "render_corpus"]

#: The outcomes of table 三 in the charts, their figure field and colour.
_OUTCOMES = (
    ("granted", "#2e7d32"),
    ("partially_granted", "#9ccc65"),
    ("withheld", "#c62828"),
    ("unavailable", "#ef9a9a"),
    ("not_processed", "#ffb300"),
    ("other_handling", "#90a4ae"),
)
_REPORT_COLOUR = "#c62828"
_READING_COLOUR = "#90a4ae"


class CorpusItem(NamedTuple):
    """One report of the corpus: its findings, and the address of its own page (if any)."""

    report: AnnualReport
    findings: Sequence[Finding] = ()
    href: str | None = None


_CSS = """\
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei",
"PingFang SC",sans-serif;margin:2em auto;max-width:76em;padding:0 1em;line-height:1.5;color:#111}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
.gd-en{color:#555;font-weight:normal}
.gd-facts{display:flex;flex-wrap:wrap;gap:1em;margin:1em 0}
.gd-fact{border:1px solid #ccc;border-radius:4px;padding:.5em 1em;min-width:8em}
.gd-fact b{display:block;font-size:1.4em}
figure{margin:1em 0}figcaption{font-size:.9em;color:#444}
svg text{font-family:inherit;font-size:12px;fill:#222}
.gd-legend span{display:inline-block;margin-right:1em;font-size:.85em}
.gd-legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
table.gd-reports{border-collapse:collapse;width:100%;font-size:.85em}
.gd-reports th,.gd-reports td{border:1px solid #bbb;padding:.2em .4em}
.gd-reports th{background:#f3f3f3;cursor:pointer;user-select:none;white-space:nowrap}
.gd-reports th[aria-sort=ascending]::after{content:" \\25b2"}
.gd-reports th[aria-sort=descending]::after{content:" \\25bc"}
.gd-reports td.n{text-align:right;font-variant-numeric:tabular-nums}
.gd-reports tr.gd-dup td{color:#777}
.gd-note{font-size:.85em;color:#555}
"""

# Sorting the table: numbers as numbers (empty last), text by the Chinese collation.
_SCRIPT = """\
(function () {
  var table = document.querySelector("table.gd-reports");
  if (!table) return;
  var heads = table.querySelectorAll("thead th");
  var collator = new Intl.Collator("zh-CN", {numeric: true});
  heads.forEach(function (th, index) {
    th.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = th.getAttribute("data-type") === "number";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute("data-value");
        var y = b.cells[index].getAttribute("data-value");
        if (numeric) {
          if (x === "" || y === "") return (x === "") - (y === "");
          var d = parseFloat(x) - parseFloat(y);
          return ascending ? d : -d;
        }
        var c = collator.compare(x, y);
        return ascending ? c : -c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
"""


def _words(key: str) -> str:
    zh, en = CORPUS_WORDS[key]
    return f'{escape(zh)} <span class="gd-en" lang="en">{escape(en)}</span>'


def _bar_chart(
    rows: Sequence[tuple[str, Sequence[tuple[float, str]], str]],
    *,
    label_width: int = 260,
    width: int = 900,
) -> str:
    """Horizontal stacked bars: ``(label, [(value, colour)…], note)`` per row."""
    if not rows:
        return ""
    biggest = max((sum(v for v, _ in parts) for _, parts, _ in rows), default=0) or 1
    height = 22 * len(rows) + 10
    room = width - label_width - 90
    out = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">']
    for i, (label, parts, note) in enumerate(rows):
        y = 5 + 22 * i
        out.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
        )
        x = float(label_width)
        for value, colour in parts:
            w = room * value / biggest
            if w > 0:
                out.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="16" fill="{colour}"/>'
                )
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + 14}">{escape(note)}</text>')
    out.append("</svg>")
    return "".join(out)


def _share_chart(rows: Sequence[tuple[str, dict[str, int], str]], width: int = 900) -> str:
    """100 % stacked bars of the outcome mix: ``(label, counts by outcome, note)``."""
    if not rows:
        return ""
    label_width, room = 160, width - 160 - 290
    height = 26 * len(rows) + 10
    out = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">']
    for i, (label, counts, note) in enumerate(rows):
        y = 5 + 26 * i
        total = sum(counts.values())
        out.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
        )
        x = float(label_width)
        for name, colour in _OUTCOMES:
            share = counts.get(name, 0) / total if total else 0
            w = room * share
            if w > 0:
                title = f"{CORPUS_WORDS[name][0]} {counts.get(name, 0)} ({share:.1%})"
                out.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="18" fill="{colour}">'
                    f"<title>{escape(title)}</title></rect>"
                )
            x += w
        out.append(f'<text x="{label_width + room + 6}" y="{y + 15}">{escape(note)}</text>')
    out.append("</svg>")
    return "".join(out)


def _line_chart(series: Sequence[tuple[str, str, dict[int, float]]], width: int = 900) -> str:
    """Rates (0–1) over years: ``(name, colour, {year: rate})`` per line."""
    years = sorted({year for _, _, points in series for year in points})
    if not years:
        return ""
    height, left, right, top, bottom = 280, 60, 30, 20, 40
    top_rate = max((v for _, _, p in series for v in p.values()), default=0)
    ceiling = max(0.1, min(1.0, (int(top_rate * 10) + 1) / 10))
    span_x = width - left - right
    span_y = height - top - bottom

    def x_of(year: int) -> float:
        if len(years) == 1:
            return left + span_x / 2
        return left + span_x * (year - years[0]) / (years[-1] - years[0])

    def y_of(rate: float) -> float:
        return top + span_y * (1 - rate / ceiling)

    out = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">']
    for tick in range(11):
        rate = ceiling * tick / 10
        y = y_of(rate)
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e0e0e0"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{rate:.0%}</text>'
        )
    for year in years:
        out.append(
            f'<text x="{x_of(year):.1f}" y="{height - bottom + 18}" text-anchor="middle">'
            f"{year}</text>"
        )
    for name, colour, points in series:
        ordered = sorted(points.items())
        if len(ordered) > 1:
            path = " ".join(f"{x_of(y):.1f},{y_of(v):.1f}" for y, v in ordered)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for year, value in ordered:
            out.append(
                f'<circle cx="{x_of(year):.1f}" cy="{y_of(value):.1f}" r="4" fill="{colour}">'
                f"<title>{escape(name)} {year}: {value:.1%}</title></circle>"
            )
    out.append("</svg>")
    return "".join(out)


def _legend(items: Iterable[tuple[str, str]]) -> str:
    spans = "".join(
        f'<span><i style="background:{colour}"></i>{escape(label)}</span>'
        for label, colour in items
    )
    return f'<div class="gd-legend">{spans}</div>'


def _outcomes(figures: Figures) -> dict[str, int] | None:
    counts = {name: getattr(figures, name) for name, _ in _OUTCOMES}
    if any(v is None for v in counts.values()):
        return None
    return {k: int(v) for k, v in counts.items()}


def _pooled(
    groups: dict[str, list[Figures]],
) -> list[tuple[str, dict[str, int], str]]:
    rows: list[tuple[str, dict[str, int], str]] = []
    for label, members in groups.items():
        total: dict[str, int] = {}
        used = 0
        for figures in members:
            counts = _outcomes(figures)
            if counts is None:
                continue
            used += 1
            for name, value in counts.items():
                total[name] = total.get(name, 0) + value
        handled = sum(total.values())
        left_out = len(members) - used
        note = CORPUS_WORDS["pooled_note"][0].format(used=used, handled=handled)
        if left_out:
            note += CORPUS_WORDS["pooled_left_out"][0].format(count=left_out)
        rows.append((label, total, note))
    return rows


def render_corpus(
    items: Iterable[CorpusItem | tuple[AnnualReport, Sequence[Finding]]],
    *,
    title: str | None = None,
    duplicates: Sequence[Sequence[int]] = (),
    charts: bool = True,
) -> str:
    """A self-contained HTML page about a corpus of reports.

    Args:
        items: the reports with their findings (:class:`CorpusItem`, or ``(report,
            findings)`` pairs), and where each one's own page is (``href``, e.g. a page
            of :func:`render_html` written beside this one).
        title: the page's title (default: a generated one).
        duplicates: groups of indexes of ``items`` that are the same report (the same
            agency and year from several files, first the one kept; see
            :func:`govdisclosure.codecs.duplicate_groups`): the others are greyed in the
            table and left out of the charts.
        charts: draw the charts; without them the page is the table of reports (the
            index of a folder of pages, ``convert DIR --to html -o OUT``).

    Returns:
        The page (encode it as UTF-8). It loads nothing from the network.
    """
    entries = [CorpusItem(*item) if not isinstance(item, CorpusItem) else item for item in items]
    for i, entry in enumerate(entries):
        require_report(entry.report, f"items[{i}]")
    dropped = {i for group in duplicates for i in list(group)[1:]}
    kept = [e for i, e in enumerate(entries) if i not in dropped]
    figures = [key_figures(e.report) for e in entries]
    heading = title or CORPUS_WORDS["title"][0]
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(heading)}</h1>",
    ]
    out += _facts(entries, kept, dropped)
    if charts:
        out += _by_rule(kept)
        out += _by_report(entries, dropped)
        kept_figures = [figures[i] for i in range(len(entries)) if i not in dropped]
        out += _mix(kept, kept_figures)
        out += _rates(kept, kept_figures)
    out += _table(entries, figures, dropped)
    out += [f"<script>\n{_SCRIPT}</script>", "</body>", "</html>", ""]
    return "\n".join(out)


def _count(findings: Iterable[Finding], severity: Severity, origin: Origin) -> int:
    return sum(1 for f in findings if f.severity is severity and f.origin is origin)


def _facts(entries: list[CorpusItem], kept: list[CorpusItem], dropped: set[int]) -> list[str]:
    years = sorted({e.report.year for e in kept if e.report.year > 0})
    agencies = {e.report.agency.name for e in kept}
    findings = [f for e in kept for f in e.findings]

    def fact(key: str, value: object) -> str:
        return f'<div class="gd-fact">{_words(key)}<b>{escape(str(value))}</b></div>'

    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "—")
    return [
        '<section class="gd-facts">',
        fact("reports", len(entries)),
        fact("duplicates", len(dropped)),
        fact("agencies", len(agencies)),
        fact("years", span),
        fact("errors", _count(findings, Severity.ERROR, Origin.REPORT)),
        fact("warnings", _count(findings, Severity.WARNING, Origin.REPORT)),
        fact("reading", sum(1 for f in findings if f.origin is Origin.READING)),
        fact("unread", sum(len(e.report.unread) for e in kept)),
        "</section>",
    ]


def _by_rule(kept: list[CorpusItem]) -> list[str]:
    from ..checks import get_rule

    counts: dict[str, list[int]] = {}
    for entry in kept:
        for finding in entry.findings:
            pair = counts.setdefault(finding.code, [0, 0])
            pair[finding.origin is Origin.READING] += 1
    rows = []
    for code, (report, reading) in sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0])):
        try:
            name = get_rule(code).name
        except Exception:  # a code of a rule this version does not know
            name = ""
        rows.append(
            (
                f"{code} {name}"[:40],
                [(report, _REPORT_COLOUR), (reading, _READING_COLOUR)],
                str(report + reading),
            )
        )
    out = [f"<h2>{_words('by_rule')}</h2>"]
    if not rows:
        return [*out, f'<p class="gd-note">{_words("no_findings")}</p>']
    legend = _legend(
        [
            (CORPUS_WORDS["origin_report"][0], _REPORT_COLOUR),
            (CORPUS_WORDS["origin_reading"][0], _READING_COLOUR),
        ]
    )
    return [*out, f'<figure id="gd-by-rule">{legend}{_bar_chart(rows)}</figure>']


def _by_report(entries: list[CorpusItem], dropped: set[int]) -> list[str]:
    scored = []
    for i, entry in enumerate(entries):
        if i in dropped:
            continue
        report = sum(1 for f in entry.findings if f.origin is Origin.REPORT)
        reading = len(entry.findings) - report
        if report or reading:
            label = f"{entry.report.agency.name} {entry.report.year}"
            scored.append((label[:24], report, reading))
    scored.sort(key=lambda row: (-(row[1] + row[2]), row[0]))
    rows = [
        (label, [(r, _REPORT_COLOUR), (d, _READING_COLOUR)], str(r + d))
        for label, r, d in scored[:30]
    ]
    out = [f"<h2>{_words('by_report')}</h2>"]
    if not rows:
        return [*out, f'<p class="gd-note">{_words("no_findings")}</p>']
    more = len(scored) - len(rows)
    note = f'<p class="gd-note">{_words("more_reports")} {more}</p>' if more > 0 else ""
    return [*out, f'<figure id="gd-by-report">{_bar_chart(rows)}</figure>{note}']


def _mix(kept: list[CorpusItem], figures: list[Figures]) -> list[str]:
    by_year: dict[str, list[Figures]] = {}
    by_level: dict[str, list[Figures]] = {}
    for entry, figure in sorted(zip(kept, figures, strict=True), key=lambda p: p[0].report.year):
        by_year.setdefault(str(entry.report.year), []).append(figure)
    levels = {level: level.label() for level in AgencyLevel}
    for level in AgencyLevel:
        members = [f for e, f in zip(kept, figures, strict=True) if e.report.agency.level is level]
        if members:
            by_level[levels[level]] = members
    unknown = [f for e, f in zip(kept, figures, strict=True) if e.report.agency.level is None]
    if unknown:
        by_level[CORPUS_WORDS["level_unknown"][0]] = unknown
    legend = _legend((CORPUS_WORDS[name][0], colour) for name, colour in _OUTCOMES)
    return [
        f"<h2>{_words('mix_by_year')}</h2>",
        f'<figure id="gd-mix-year">{legend}{_share_chart(_pooled(by_year))}</figure>',
        f"<h2>{_words('mix_by_level')}</h2>",
        f'<figure id="gd-mix-level">{legend}{_share_chart(_pooled(by_level))}</figure>',
    ]


def _rates(kept: list[CorpusItem], figures: list[Figures]) -> list[str]:
    sums: dict[int, list[int]] = {}
    for entry, figure in zip(kept, figures, strict=True):
        handled, withheld, granted = figure.total_handled, figure.withheld, figure.granted
        if entry.report.year <= 0 or not handled or withheld is None or granted is None:
            continue
        pair = sums.setdefault(entry.report.year, [0, 0, 0, 0])
        pair[0] += withheld
        pair[1] += granted
        pair[2] += handled
        pair[3] += 1
    withheld_rates = {y: w / h for y, (w, _, h, _) in sums.items() if h}
    granted_rates = {y: g / h for y, (_, g, h, _) in sums.items() if h}
    series = [
        (CORPUS_WORDS["withheld_rate"][0], "#c62828", withheld_rates),
        (CORPUS_WORDS["granted_rate"][0], "#2e7d32", granted_rates),
    ]
    counts = "，".join(
        CORPUS_WORDS["year_count"][0].format(year=y, count=n)
        for y, (_, _, _, n) in sorted(sums.items())
    )
    legend = _legend((name, colour) for name, colour, _ in series)
    return [
        f"<h2>{_words('rates')}</h2>",
        f'<figure id="gd-rates">{legend}{_line_chart(series)}'
        f"<figcaption>{_words('rates_note')} {escape(counts)}</figcaption></figure>",
    ]


def _cell(value: object, *, number: bool = False, text: str | None = None) -> str:
    shown = "" if value is None else (text if text is not None else str(value))
    data = "" if value is None else str(value)
    cls = ' class="n"' if number else ""
    return f'<td{cls} data-value="{escape(data, quote=True)}">{escape(shown)}</td>'


def _table(entries: list[CorpusItem], figures: list[Figures], dropped: set[int]) -> list[str]:
    columns = (
        ("agency", "text"),
        ("level", "text"),
        ("year", "number"),
        ("edition", "text"),
        ("format", "text"),
        ("received", "number"),
        ("handled", "number"),
        ("granted_rate", "number"),
        ("withheld_rate", "number"),
        ("errors", "number"),
        ("warnings", "number"),
        ("reading", "number"),
        ("unread", "number"),
        ("document", "text"),
    )
    head = "".join(
        f'<th data-type="{kind}" scope="col">{escape(CORPUS_WORDS[key][0])}</th>'
        for key, kind in columns
    )
    rows: list[str] = []
    for i, (entry, figure) in enumerate(zip(entries, figures, strict=True)):
        report = entry.report
        source = report.source
        document = (source.document if source else None) or ""
        name = escape(report.agency.name or "—")
        agency = f'<a href="{escape(entry.href, quote=True)}">{name}</a>' if entry.href else name
        level = report.agency.level

        def rate(value: float | None) -> str:
            return _cell(
                None if value is None else round(value, 6),
                number=True,
                text=None if value is None else f"{value:.1%}",
            )

        findings = entry.findings
        cells = [
            f'<td data-value="{escape(report.agency.name, quote=True)}">{agency}</td>',
            _cell(level.label() if level else ""),
            _cell(report.year, number=True),
            _cell(report.edition.value),
            _cell((source.format if source else None) or ""),
            _cell(figure.received, number=True),
            _cell(figure.total_handled, number=True),
            rate(figure.granted_rate),
            rate(figure.withheld_rate),
            _cell(_count(findings, Severity.ERROR, Origin.REPORT), number=True),
            _cell(_count(findings, Severity.WARNING, Origin.REPORT), number=True),
            _cell(sum(1 for f in findings if f.origin is Origin.READING), number=True),
            _cell(len(report.unread), number=True),
            _cell(document),
        ]
        duplicate = ' class="gd-dup"' if i in dropped else ""
        rows.append(f"<tr{duplicate}>{''.join(cells)}</tr>")
    return [
        f"<h2>{_words('table')}</h2>",
        f'<p class="gd-note">{_words("table_note")}</p>',
        f'<table class="gd-reports"><thead><tr>{head}</tr></thead>',
        f"<tbody>{''.join(rows)}</tbody></table>",
    ]
