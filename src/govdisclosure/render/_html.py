"""The report as a standalone HTML page in the official layout, findings marked on cells."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ..checks import Finding
from ..model import AnnualReport, Layout, Section, UnreadCell, describe, require_report
from ._blocks import Heading, Table, Text, report_blocks, title_of
from ._layout import GridCell, TableLayout
from ._words import FINDINGS_HEADING, SEVERITY_MARKS

__all__ = ["render_html"]

_CSS = """\
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei",
"PingFang SC",sans-serif;margin:2em auto;max-width:72em;padding:0 1em;line-height:1.6;color:#111}
h1{text-align:center;font-size:1.5em}
h2{font-size:1.15em;margin-top:1.6em}
table.gd-table{border-collapse:collapse;margin:1em 0;width:100%;font-size:.9em}
.gd-table th,.gd-table td{border:1px solid #333;padding:.25em .4em;vertical-align:middle}
.gd-table th{font-weight:normal;background:#f3f3f3;text-align:center}
.gd-table th.gd-row{text-align:left}
.gd-table th.gd-caption{font-weight:bold;background:#e4e4e4}
.gd-table th.gd-note{font-size:.85em;text-align:left}
.gd-table td{text-align:right;font-variant-numeric:tabular-nums;min-width:2.5em}
.gd-finding{position:relative}
td.gd-error,.gd-text.gd-error{background:#fdd;outline:2px solid #c00;outline-offset:-2px}
td.gd-warning,.gd-text.gd-warning{background:#ffe9c2;outline:2px solid #d80;outline-offset:-2px}
td.gd-note,.gd-text.gd-note{background:#e3f0ff;outline:2px solid #36c;outline-offset:-2px}
td.gd-related{outline:1px dashed #c00;outline-offset:-3px}
.gd-finding::after{content:attr(data-mark);position:absolute;top:0;right:.1em;font-size:.7em}
.gd-error::after{color:#c00}.gd-warning::after{color:#d80}.gd-note::after{color:#36c}
.gd-text.gd-finding{padding:.2em .4em}
aside.gd-findings{border-top:2px solid #333;margin-top:2em}
aside.gd-findings li{margin:.3em 0}
aside.gd-findings code{font-weight:bold}
td.gd-unread{background:repeating-linear-gradient(45deg,#eee,#eee 4px,#fff 4px,#fff 8px)}
td.gd-unread:empty::before{content:"未读";color:#777;font-size:.75em}
.gd-origin-reading{color:#555}
.gd-en{color:#555}
"""


def _attrs(pairs: Iterable[tuple[str, str | int | None]]) -> str:
    return "".join(
        f' {name}="{escape(str(value), quote=True)}"' for name, value in pairs if value is not None
    )


def _anchor(pointer: str) -> str:
    return "gd" + pointer.replace("/", "-") if pointer else "gd-report"


class _Marks:
    """Findings indexed by the pointer they sit on, and by the pointers they relate to."""

    def __init__(self, findings: Iterable[Finding], report: AnnualReport) -> None:
        self.findings = tuple(findings)
        self.layout: Layout = report.layout
        #: The cells reading left unread: marked, not shown as blanks.
        self.unread: dict[str, UnreadCell] = {c.pointer: c for c in report.unread}
        self.at: dict[str, list[Finding]] = {}
        self.related: dict[str, list[Finding]] = {}
        for finding in self.findings:
            self.at.setdefault(finding.location.pointer, []).append(finding)
            for other in finding.related:
                self.related.setdefault(other.pointer, []).append(finding)

    def attributes(self, pointer: str) -> tuple[list[str], list[tuple[str, str | int | None]]]:
        """CSS classes and attributes (``title``, ``data-mark``) for the element at pointer."""
        here = self.at.get(pointer, [])
        classes: list[str] = []
        pairs: list[tuple[str, str | int | None]] = []
        if here:
            worst = max((f.severity for f in here), key=lambda s: s.rank)
            classes += ["gd-finding", f"gd-{worst.value}"]
            pairs.append(("data-mark", SEVERITY_MARKS[worst.value]))
            pairs.append(("title", "\n".join(_tooltip(f) for f in here)))
        elif pointer in self.related:
            classes.append("gd-related")
            pairs.append(
                (
                    "title",
                    "\n".join(f"{f.code} → {f.location.pointer}" for f in self.related[pointer]),
                )
            )
        return classes, pairs


def _tooltip(finding: Finding) -> str:
    return (
        f"{finding.code} [{finding.severity.label}·{finding.origin.label}] {finding.message}\n"
        f"{finding.message_en}"
    )


def _cell(cell: GridCell, marks: _Marks) -> str:
    classes = [f"gd-{cell.role}"]
    pairs: list[tuple[str, str | int | None]] = [
        ("rowspan", cell.rowspan if cell.rowspan > 1 else None),
        ("colspan", cell.colspan if cell.colspan > 1 else None),
    ]
    if cell.pointer is not None:
        pairs += [("id", _anchor(cell.pointer)), ("data-pointer", cell.pointer)]
        more_classes, more_pairs = marks.attributes(cell.pointer)
        classes += more_classes
        pairs += more_pairs
        unread = marks.unread.get(cell.pointer)
        if unread is not None:
            classes.append("gd-unread")
            pairs.append(("data-unread", unread.reason.value))
            if not more_pairs:
                pairs.append(
                    ("title", f"未读取：{unread.reason.label()}（{unread.code}）{unread.text}")
                )
    tag = "th" if cell.header else "td"
    pairs.insert(0, ("class", " ".join(classes)))
    return f"<{tag}{_attrs(pairs)}>{escape(cell.text)}</{tag}>"


def _table(layout: TableLayout, marks: _Marks) -> list[str]:
    out = [f'<table class="gd-table" data-section="{layout.section.value}">']
    for index, row in enumerate(layout.rows):
        if index == 0 and layout.header_rows:
            out.append("<thead>")
        if index == layout.header_rows:
            if layout.header_rows:
                out.append("</thead>")
            out.append("<tbody>")
        out.append("<tr>" + "".join(_cell(c, marks) for c in row) + "</tr>")
    out.append("</tbody>")
    out.append("</table>")
    return out


def _text(block: Text, marks: _Marks) -> list[str]:
    classes, pairs = marks.attributes(block.pointer)
    pairs = [
        ("class", " ".join(["gd-text", *classes])),
        ("id", _anchor(block.pointer)),
        ("data-pointer", block.pointer),
        *pairs,
    ]
    paragraphs = [f"<p>{escape(line)}</p>" for line in block.text.split("\n")]
    return [f"<div{_attrs(pairs)}>", *paragraphs, "</div>"]


def _findings_list(marks: _Marks, known: set[str]) -> list[str]:
    zh, en = FINDINGS_HEADING
    out = [
        '<aside class="gd-findings">',
        f'<h2>{escape(zh)} <span class="gd-en" lang="en">{escape(en)}</span></h2>',
        "<ol>",
    ]
    for finding in marks.findings:
        pointer = finding.location.pointer
        where = escape(describe(pointer, marks.layout)[0])
        if pointer in known:
            where = f'<a href="#{escape(_anchor(pointer), quote=True)}">{where}</a>'
        origin = finding.origin
        out.append(
            f'<li class="gd-{finding.severity.value} gd-origin-{origin.value}" '
            f'data-origin="{origin.value}"><code>{escape(finding.code)}</code> '
            f"{escape(finding.name)} [{escape(finding.severity.label)}·"
            f"{escape(origin.label)}] {where}: {escape(finding.message)} "
            f'<span class="gd-en" lang="en">{escape(finding.message_en)} '
            f"({origin.value})</span></li>"
        )
    out += ["</ol>", "</aside>"]
    return out


def render_html(report: AnnualReport, findings: Iterable[Finding] | None = None) -> str:
    """``report`` as a standalone HTML page laid out like the official template.

    Tables 二, 三 and 四 have the template's merged header cells (``rowspan``/``colspan``)
    and Chinese labels; every value cell is a ``<td>`` carrying its JSON pointer in
    ``data-pointer``; blank cells are empty. Texts keep every line of the report.
    The report's own title (empty when it has none: the page then shows one made of
    agency and year) and what the page does not print (agency, level, year, edition)
    are in ``<meta>`` tags named ``govdisclosure:…``, which
    :func:`govdisclosure.parse` reads back.

    Args:
        report: the report.
        findings: findings to mark (e.g. from :func:`govdisclosure.check`). Each cell or
            text with a finding gets a coloured frame and a mark, its messages as a
            tooltip (``title``), and the page ends with the list of findings, linked to
            their cells. Cells related to a finding get a dashed frame.

    Returns:
        The page, as text (encode it as UTF-8: the page declares that charset).
    """
    report = require_report(report)
    marks = _Marks(findings or (), report)
    title, generated = title_of(report)
    meta = [
        ("title", report.title),
        ("agency", report.agency.name),
        ("agency-level", report.agency.level.value if report.agency.level else ""),
        ("year", str(report.year)),
        ("edition", report.edition.value),
    ]
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        *(f'<meta name="govdisclosure:{k}"{_attrs([("content", v)])}>' for k, v in meta),
        f"<title>{escape(title)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        f'<article class="gd-report" data-edition="{report.edition.value}">',
    ]
    title_classes, title_pairs = marks.attributes("/title")
    if generated:
        title_classes.append("gd-generated")
    out.append(
        f"<h1{_attrs([('class', ' '.join(title_classes) or None), *title_pairs])}>"
        f"{escape(title)}</h1>"
    )
    known = {"/title"}
    for block in report_blocks(report):
        if isinstance(block, Heading):
            if block.section is not Section.OVERVIEW:
                out.append("</section>")
            out.append(f'<section id="gd-{block.section.value}">')
            out.append(f"<h2>{escape(block.section.label())}</h2>")
        elif isinstance(block, Text):
            known.add(block.pointer)
            out += _text(block, marks)
        elif isinstance(block, Table):
            known.update(cell.pointer for row in block.layout.rows for cell in row if cell.pointer)
            out += _table(block.layout, marks)
    out += ["</section>", "</article>"]
    if marks.findings:
        out += _findings_list(marks, known)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
