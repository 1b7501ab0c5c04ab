"""The report as Markdown (GitHub-flavoured pipe tables) in the official layout.

Markdown cannot merge cells, and every value must stay one cell. So:

- Tables 三 and 四, whose merged cells are all labels, are written as their *expanded
  grid*: a label the template merges over several rows or columns is repeated in every
  slot it covers — a group label such as （三）不予公开 stands in a label column on each of
  its rows, and 法人或其他组织 heads each of its five columns. This is the grid a reader
  gets from the HTML page once merged cells are expanded. One exception: the 勾稽关系
  note of table 三, which labels the label columns rather than any value, is printed
  once, in the top-left slot; the other slots it covers are empty. The first grid row is
  the pipe table's header row.
- Table 二, whose blocks have one to three value columns (merged over the 3-column grid
  in HTML), is written as one pipe table per block, each preceded by its caption
  (第二十条第（一）项 …) on a line of its own: header 信息内容 and the block's columns,
  then its rows. No value is ever repeated.

Report metadata is given in YAML front matter: the report's own title (empty when it
has none: the ``#`` heading then shows one made of agency and year), and what the body
does not print (agency, level, year, edition). :func:`govdisclosure.parse` reads it back.
"""

from __future__ import annotations

import json

from ..model import AnnualReport, Section, require_report
from ._blocks import Heading, Table, Text, report_blocks, title_of
from ._layout import TableLayout, expand

__all__ = ["render_markdown"]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _proactive(layout: TableLayout) -> list[str]:
    """Table 二 as one pipe table per block, each after its caption line."""
    lines: list[str] = []
    for row in layout.rows:
        texts = [_cell(cell.text) for cell in row]
        if row[0].role == "caption":
            if lines:
                lines.append("")
            lines += [texts[0], ""]
            continue
        lines.append("| " + " | ".join(texts) + " |")
        if row[0].role == "column":
            lines.append("|" + "|".join("---" for _ in row) + "|")
    return lines


def _table(layout: TableLayout) -> list[str]:
    if layout.section is Section.PROACTIVE:
        return _proactive(layout)
    grid = expand(layout)
    lines: list[str] = []
    for r, row in enumerate(grid):
        texts: list[str] = []
        for c, cell in enumerate(row):
            first = (r == 0 or grid[r - 1][c] is not cell) and (c == 0 or row[c - 1] is not cell)
            texts.append("" if cell.role == "note" and not first else _cell(cell.text))
        lines.append("| " + " | ".join(texts) + " |")
        if r == 0:
            lines.append("|" + "|".join("---" for _ in row) + "|")
    return lines


def _paragraphs(text: str) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        line = line.replace("\\", "\\\\")  # a backslash is printed as itself
        if line.startswith(("#", "|")):
            line = "\\" + line  # neither a heading nor a table row
        out += [line, ""]
    return out


def render_markdown(report: AnnualReport) -> str:
    """``report`` as Markdown: front matter, title, every section's text and table.

    Headings are the template's section titles (``## 一、总体情况`` …); every line of the
    report's text is a paragraph; tables are pipe tables with the official labels and
    one cell per value (blank cells empty). See the module documentation for how
    merged header cells are flattened.
    """
    report = require_report(report)
    title, _ = title_of(report)
    level = report.agency.level.value if report.agency.level else ""
    out = [
        "---",
        f"agency: {json.dumps(report.agency.name, ensure_ascii=False)}",
        f"agency_level: {json.dumps(level)}",
        f"year: {report.year}",
        f'edition: "{report.edition.value}"',
        f"title: {json.dumps(report.title, ensure_ascii=False)}",
        "---",
        "",
        f"# {title.replace(chr(10), ' ')}",
        "",
    ]
    for block in report_blocks(report):
        if isinstance(block, Heading):
            out += [f"## {block.section.label()}", ""]
        elif isinstance(block, Text):
            out += _paragraphs(block.text)
        elif isinstance(block, Table):
            out += [*_table(block.layout), ""]
    return "\n".join(out)
