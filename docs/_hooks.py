"""MkDocs hooks: the reference pages that come from the code are generated on every build.

Registered in ``mkdocs.yml`` (``hooks: [docs/_hooks.py]``). What is generated, and from what:

- ``reference/rules/index.md`` and one ``reference/rules/GDnnn.md`` per rule, from the rule
  registry (:func:`govdisclosure.rules`); the nav entry ``reference/rules/index.md`` gets one
  child per rule. A rule added to the registry appears in the site without any edit here.
- ``reference/glossary.md``, from the enums and their official labels (``member.label()``)
  and the English glosses in :data:`ENGLISH` below (a member without a gloss fails the build).
- ``reference/schema.md`` and the schema file itself, ``schema/report-1.json`` (the path of
  the schema's ``$id``), from :func:`govdisclosure.json_schema`.
- ``examples/*``: the repository's example reports (JSON, and the published documents), so
  that readers can download them.
- ``<!-- generated: NAME -->`` lines in hand-written pages are replaced by the generated
  block NAME (see :data:`BLOCKS`); an unknown NAME fails the build.

Nothing here imports MkDocs at module level, so the tests can import this file with only
the ``test`` extra installed (``tests/test_docs_pages.py`` does).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

import govdisclosure
from govdisclosure import Edition, Severity
from govdisclosure.checks import Rule
from govdisclosure.model import (
    AgencyLevel,
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    MoneyUnit,
    ProactiveColumn,
    ProactiveRow,
    Section,
)
from govdisclosure.model._labels import APPLICATION_GROUP_LABELS

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent

RULES_DIR = "reference/rules"
RULES_INDEX = f"{RULES_DIR}/index.md"
GLOSSARY = "reference/glossary.md"
SCHEMA_PAGE = "reference/schema.md"
#: The schema file, at the path of its ``$id`` below the site's root ("schema/report-1.json").
SCHEMA_FILE = str(govdisclosure.json_schema()["$id"]).split("://", 1)[1].split("/", 1)[1]

#: Nav entries dropped (with a note in the build log) while their page does not exist.
OPTIONAL_PAGES = frozenset({"how-to/large-corpora.md"})

# -- rules ----------------------------------------------------------------------------

#: The report part each hundreds digit of a rule code stands for.
FAMILIES: Mapping[str, str] = {
    "0": "GD0xx — the document: edition, blank and impossible cells",
    "1": "GD1xx — 一、总体情况 (overview)",
    "2": "GD2xx — 二、主动公开政府信息情况 (proactive disclosure, table 二)",
    "3": "GD3xx — 三、收到和处理政府信息公开申请情况 (applications, table 三)",
    "4": "GD4xx — 四、政府信息公开行政复议、行政诉讼情况 (appeals, table 四)",
    "5": "GD5xx — 五 and the narrative against the tables",
    "6": "GD6xx — 六 and the narrative against the tables",
    "7": "GD7xx",
    "8": "GD8xx — across reports (last year's report, aggregates)",
    "9": "GD9xx — parser diagnostics",
}

_SCOPES = {
    "report": "one report — `check(report)`",
    "previous": "this year's and last year's report — `check(report, previous=last_year)`",
    "parse": "reading a published document — a diagnostic of the parser, not run by `check()`",
}


def _editions(rule: Rule) -> str:
    return ", ".join(f"{e.value} ({e.label()})" for e in Edition if rule.applies_to(e))


def rule_page(rule: Rule) -> str:
    """The page of one rule: its identity, then its own documentation text."""
    severity = Severity(rule.severity)
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"**{rule.summary_zh}**",
        "",
        rule.summary,
        "",
        f"- **Code:** `{rule.code}`",
        f"- **Name:** `{rule.name}`",
        f"- **Default severity:** `{severity.value}` ({severity.label})",
        f"- **Editions:** {_editions(rule)}",
        f"- **Needs:** {_SCOPES.get(rule.scope, rule.scope)}",
        "",
        rule.doc.strip(),
        "",
        "## Select, ignore or re-grade it",
        "",
        "```python",
        f'govdisclosure.check(report, ignore="{rule.code}")',
        f'govdisclosure.check(report, severity={{"{rule.code}": "note"}})',
        "```",
        "",
        f"On the command line: `govdisclosure check --ignore {rule.code} PATH`; "
        f"`govdisclosure rule {rule.code}` prints this text. See "
        "[Select, ignore and re-grade rules](../../how-to/select-rules.md).",
        "",
        "[All rules](index.md)",
        "",
    ]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_index(rules: Iterable[Rule]) -> str:
    """The index of the catalogue: one table per family of codes."""
    by_family: dict[str, list[Rule]] = {}
    for rule in rules:
        by_family.setdefault(rule.code[2], []).append(rule)
    total = sum(len(v) for v in by_family.values())
    lines = [
        "# Rules",
        "",
        f"The catalogue has {total} rules. Each has a stable code — `GD` and three digits, "
        "whose hundreds digit names the part of the report — a stable kebab-case name, a "
        "default severity and its own documentation: *What it checks*, *Why it matters*, "
        "*Example*, *How to fix*. These pages are generated from the rule registry "
        "(`govdisclosure.rules()`) on every build of this site.",
        "",
        "Severities: `error` (错误) — an identity or rule the format requires is broken; "
        "`warning` (警告) — possible but implausible, or inconsistent with another report; "
        "`note` (提示) — completeness and presentation.",
        "",
    ]
    for digit in sorted(by_family):
        lines += [
            f"## {FAMILIES.get(digit, f'GD{digit}xx')}",
            "",
            "| Code | Name | Severity | Editions | 说明 | Summary |",
            "|---|---|---|---|---|---|",
        ]
        for rule in by_family[digit]:
            editions = ", ".join(e.value for e in Edition if rule.applies_to(e))
            lines.append(
                f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | "
                f"`{Severity(rule.severity).value}` | {editions} | {_cell(rule.summary_zh)} | "
                f"{_cell(rule.summary)} |"
            )
        lines.append("")
    return "\n".join(lines)


def rule_nav(rules: Iterable[Rule]) -> list[str | dict[str, str]]:
    """The nav children of the Rules section: the index, then one entry per rule."""
    return [RULES_INDEX, *({f"{r.code} {r.name}": f"{RULES_DIR}/{r.code}.md"} for r in rules)]


# -- glossary -------------------------------------------------------------------------

#: English glosses of the enum members the glossary lists (the Chinese is the model's).
ENGLISH: Mapping[Any, str] = {
    Edition.E2019: "the 2019 edition (trial format), for the 2019 and 2020 reports",
    Edition.E2021: "the 2021 edition, from the 2021 reports on",
    Section.OVERVIEW: "I. Overview",
    Section.PROACTIVE: "II. Proactive disclosure",
    Section.APPLICATIONS: "III. Applications received and handled",
    Section.APPEALS: "IV. Administrative reconsideration and litigation",
    Section.PROBLEMS: "V. Main problems and improvements",
    Section.OTHER_MATTERS: "VI. Other matters to report",
    AgencyLevel.STATE_COUNCIL_DEPARTMENT: "department of the State Council",
    AgencyLevel.PROVINCE: "provincial-level government",
    AgencyLevel.PREFECTURE: "prefecture-level (districted city) government",
    AgencyLevel.COUNTY: "county-level government",
    AgencyLevel.TOWNSHIP: "township or town government, street office",
    AgencyLevel.DEPARTMENT: "department of a local government",
    AgencyLevel.OTHER: "other (development zones, vertically managed branches, …)",
    Applicant.NATURAL_PERSON: "natural persons",
    Applicant.COMMERCIAL_ENTERPRISE: "commercial enterprises",
    Applicant.RESEARCH_INSTITUTION: "research institutions",
    Applicant.PUBLIC_INTEREST_ORGANIZATION: "public-interest organisations",
    Applicant.LEGAL_SERVICE_INSTITUTION: "legal-service institutions",
    Applicant.OTHER: "other legal persons or organisations",
    Applicant.TOTAL: "total",
    ApplicationRow.NEW_RECEIVED: "new applications received this year",
    ApplicationRow.CARRIED_OVER: "applications carried over from last year",
    ApplicationRow.GRANTED: "disclosed",
    ApplicationRow.PARTIALLY_GRANTED: "partly disclosed (severable handling counts only here)",
    ApplicationRow.WITHHELD_STATE_SECRET: "not disclosed: state secret",
    ApplicationRow.WITHHELD_PROHIBITED_BY_LAW: "not disclosed: prohibited by other laws",
    ApplicationRow.WITHHELD_ENDANGERS_SECURITY: "not disclosed: would endanger security "
    "or stability",
    ApplicationRow.WITHHELD_THIRD_PARTY_RIGHTS: "not disclosed: third parties' rights",
    ApplicationRow.WITHHELD_INTERNAL_AFFAIRS: "not disclosed: internal-affairs information",
    ApplicationRow.WITHHELD_PROCESS_INFORMATION: "not disclosed: process information",
    ApplicationRow.WITHHELD_ENFORCEMENT_CASE_FILE: "not disclosed: enforcement case file",
    ApplicationRow.WITHHELD_ADMINISTRATIVE_INQUIRY: "not disclosed: administrative inquiry matter",
    ApplicationRow.UNAVAILABLE_NOT_HELD: "cannot be provided: not held by this organ",
    ApplicationRow.UNAVAILABLE_NEEDS_CREATION: "cannot be provided: would have to be created",
    ApplicationRow.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION: "cannot be provided: still unclear "
    "after correction",
    ApplicationRow.NOT_PROCESSED_PETITION_OR_COMPLAINT: "not processed: petition or complaint",
    ApplicationRow.NOT_PROCESSED_REPEATED_APPLICATION: "not processed: repeated application",
    ApplicationRow.NOT_PROCESSED_PUBLICATION_REQUESTED: "not processed: publication requested",
    ApplicationRow.NOT_PROCESSED_EXCESSIVE_REPETITION: "not processed: massive repetition "
    "without good reason",
    ApplicationRow.NOT_PROCESSED_CONFIRMATION_REQUESTED: "not processed: confirmation or "
    "re-issue of information already obtained",
    ApplicationRow.OTHER_HANDLING: "other handling (one row, 2019 edition)",
    ApplicationRow.OTHER_HANDLING_CORRECTION_OVERDUE: "other handling: not corrected in time",
    ApplicationRow.OTHER_HANDLING_FEE_UNPAID: "other handling: fee not paid in time",
    ApplicationRow.OTHER_HANDLING_OTHER: "other handling: other",
    ApplicationRow.TOTAL_HANDLED: "total handled",
    ApplicationRow.CARRIED_FORWARD: "carried forward to next year",
    AppealKind.ADMINISTRATIVE_REVIEW: "administrative reconsideration",
    AppealKind.DIRECT_LITIGATION: "litigation without reconsideration first",
    AppealKind.LITIGATION_AFTER_REVIEW: "litigation after reconsideration",
    AppealOutcome.UPHELD: "upheld",
    AppealOutcome.CORRECTED: "corrected",
    AppealOutcome.OTHER: "other result",
    AppealOutcome.PENDING: "pending",
    AppealOutcome.TOTAL: "total",
    ProactiveRow.RULES: "rules (规章 of ministries and of governments that may make them)",
    ProactiveRow.NORMATIVE_DOCUMENTS: "normative documents",
    ProactiveRow.LICENSING: "administrative licensing",
    ProactiveRow.OTHER_SERVICES: "other external administrative services",
    ProactiveRow.PENALTIES: "administrative penalties",
    ProactiveRow.COERCIVE_MEASURES: "administrative coercive measures",
    ProactiveRow.FEES: "administrative fees",
    ProactiveRow.PROCUREMENT: "centralised government procurement",
    ProactiveColumn.NEWLY_MADE: "newly made this year",
    ProactiveColumn.NEWLY_PUBLISHED: "newly published this year",
    ProactiveColumn.TOTAL_PUBLISHED: "total published (cumulative)",
    ProactiveColumn.PREVIOUS_COUNT: "number of items last year",
    ProactiveColumn.CHANGE: "change this year (signed)",
    ProactiveColumn.DECISIONS: "decisions made",
    ProactiveColumn.PROJECTS: "procurement projects",
    ProactiveColumn.AMOUNT: "amount",
    ProactiveColumn.ISSUED: "issued this year",
    ProactiveColumn.REPEALED: "repealed this year",
    ProactiveColumn.IN_FORCE: "in force",
    MoneyUnit.YUAN: "yuan",
    MoneyUnit.TEN_THOUSAND_YUAN: "ten thousand yuan",
    Severity.ERROR: "error: an identity or rule the format requires is broken",
    Severity.WARNING: "warning: possible but implausible, or inconsistent with another report",
    Severity.NOTE: "note: completeness and presentation",
}

#: Terms of the field that are not enum members: (中文, English, where in the library).
TERMS: tuple[tuple[str, str, str], ...] = (
    (
        "政府信息公开工作年度报告",
        "government information disclosure annual report",
        "`AnnualReport`",
    ),
    ("年度报告格式", "the national report format (edition)", "`Edition`"),
    (
        "勾稽关系",
        "identity (the arithmetic the tables must satisfy)",
        "[identities](../explanation/identities.md), rules GD3xx/GD4xx",
    ),
    ("主动公开", "proactive disclosure", "`report.proactive`"),
    ("依申请公开", "disclosure on application", "`report.applications`"),
    ("行政复议", "administrative reconsideration", "`report.appeals.administrative_review`"),
    (
        "行政诉讼",
        "administrative litigation",
        "`report.appeals.direct_litigation`, `report.appeals.litigation_after_review`",
    ),
    ("政府信息公开工作主管部门", "the competent office for disclosure work", "—"),
    ("汇总", "aggregate report of a region (sum of its organs' reports)", "—"),
    (
        "信息处理费",
        "information-processing fee (reported in 六 from 2021)",
        "`report.other_matters`",
    ),
    ("空白（空格、/、-、—、不适用）", "blank cell — never read as 0", "`None`; rule GD010"),
    ("总计", "total as printed (reported total)", "`total` fields; `computed_total()`"),
    (
        "规章",
        "rules made by ministries and by governments entitled to make them",
        "`ProactiveRow.RULES`; `AgencyLevel.can_make_rules`",
    ),
)


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _gloss(member: Any) -> str:
    try:
        return ENGLISH[member]
    except KeyError:
        raise LookupError(
            f"docs/_hooks.py: no English gloss for {type(member).__name__}.{member.name}; "
            "add one to ENGLISH"
        ) from None


def _py(member: Any) -> str:
    return f"`{type(member).__name__}.{member.name}`"


def glossary_page() -> str:
    """中文 ↔ English ↔ identifier, from the enums and their official labels."""
    head = ("中文", "English", "Python", "JSON")
    lines = [
        "# Glossary",
        "",
        "中文 ↔ English ↔ identifier. The Chinese is the official template's wording, "
        "read from the model's label tables (`member.label(edition)`); the JSON column is "
        "the member's value, the key used in the [canonical JSON form](json.md) and in "
        "finding pointers. Generated from the code on every build.",
        "",
        "## The report",
        "",
    ]
    lines += _table(
        head,
        [(e.label(), _gloss(e), _py(e), f'`"{e.value}"`') for e in Edition]
        + [(s.label(), _gloss(s), _py(s), f"`/{s.value}`") for s in Section],
    )
    lines += ["## Agency levels (机关层级)", ""]
    lines += _table(head, [(a.label(), _gloss(a), _py(a), f"`{a.value}`") for a in AgencyLevel])
    lines += [
        "## Table 三: columns",
        "",
        "The five columns after 自然人 sit under the group header 法人或其他组织 "
        "(legal persons or other organisations).",
        "",
    ]
    lines += _table(head, [(a.label(), _gloss(a), _py(a), f"`{a.value}`") for a in Applicant])
    lines += [
        "## Table 三: rows",
        "",
        "The pointer of a cell is `/applications/<row>/<column>`, e.g. "
        "`/applications/withheld/state_secret/natural_person`.",
        "",
    ]
    rows = []
    for row in ApplicationRow:
        editions = [e.value for e in Edition if row in ApplicationRow.for_edition(e)]
        label = row.label()
        if row.group is not None:
            label = f"{APPLICATION_GROUP_LABELS[row.group]} {label}"
        if len(editions) == 1:
            label += f" ({editions[0]} only)"
        rows.append((label, _gloss(row), _py(row), f"`{row.value}`"))
    lines += _table(head, rows)
    lines += ["## Table 四", "", "The pointer of a cell is `/appeals/<block>/<column>`.", ""]
    lines += _table(
        head,
        [(k.label(), _gloss(k), _py(k), f"`{k.value}`") for k in AppealKind]
        + [(o.label(), _gloss(o), _py(o), f"`{o.value}`") for o in AppealOutcome],
    )
    lines += [
        "## Table 二",
        "",
        "Labels differ between the editions; a row or column the edition does not have is "
        "marked —. The pointer of a cell is `/proactive/<row>/<column>`.",
        "",
    ]
    head2 = ("2019 edition", "2021 edition", "English", "Python", "JSON")
    lines += _table(
        head2,
        [(*_by_edition(r), _gloss(r), _py(r), f"`{r.value}`") for r in ProactiveRow]
        + [(*_by_edition(c), _gloss(c), _py(c), f"`{c.value}`") for c in ProactiveColumn],
    )
    lines += ["## Money units", ""]
    lines += _table(head, [(u.label(), _gloss(u), _py(u), f"`{u.value}`") for u in MoneyUnit])
    lines += ["## Severities of findings", ""]
    lines += _table(head, [(s.label, _gloss(s), _py(s), f"`{s.value}`") for s in Severity])
    lines += ["## Other terms", ""]
    lines += _table(("中文", "English", "In govdisclosure"), TERMS)
    return "\n".join(lines)


def _by_edition(member: ProactiveRow | ProactiveColumn) -> tuple[str, str]:
    out = []
    for edition in Edition:
        if isinstance(member, ProactiveRow):
            present = member in ProactiveRow.for_edition(edition)
        else:
            present = any(member in r.columns(edition) for r in ProactiveRow.for_edition(edition))
        out.append(member.label(edition) if present else "—")
    return out[0], out[1]


# -- schema ---------------------------------------------------------------------------


def schema_file(schema: Mapping[str, Any]) -> str:
    """The schema as the published file."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_page(schema: Mapping[str, Any]) -> str:
    """The schema page: what it is, where it is, its definitions, and the schema itself."""
    depth = SCHEMA_PAGE.count("/")
    href = "../" * depth + SCHEMA_FILE
    lines = [
        "# JSON Schema",
        "",
        f"The JSON Schema (draft 2020-12) of the [canonical JSON form](json.md), "
        f"`$id` `{schema['$id']}`. It is generated from the model — the same enums and "
        "label tables — so it cannot drift from it; this page is regenerated from "
        "`govdisclosure.json_schema()` on every build.",
        "",
        f"- Download: [{SCHEMA_FILE.rsplit('/', 1)[-1]}]({href})",
        "- From Python: `govdisclosure.json_schema()` (a fresh `dict`)",
        "- From the command line: `govdisclosure schema`",
        "",
        "Every table property carries the official Chinese label as its `title`, so tools "
        "that show titles show the template's wording.",
        "",
        "## Definitions",
        "",
    ]
    rows = [(f"`#/$defs/{name}`", _describe(d)) for name, d in schema["$defs"].items()]
    lines += _table(("Definition", "Title or description"), rows)
    lines += [
        "## The schema",
        "",
        '??? example "The whole schema"',
        "",
        "    ```json",
        *("    " + line for line in schema_file(schema).splitlines()),
        "    ```",
        "",
    ]
    return "\n".join(lines)


def _describe(definition: Mapping[str, Any]) -> str:
    """A definition of the schema in a few words: its title or description, else its shape."""
    text = definition.get("title") or definition.get("description")
    if text:
        return str(text)
    alternatives = [d for d in definition.get("oneOf", ()) if d != {"type": "null"}]
    if len(alternatives) == 1 and len(definition["oneOf"]) == 2:
        return "`null`, or " + _describe(alternatives[0])
    properties = definition.get("properties")
    if properties:
        keys = ", ".join(f"`{k}`" for k in properties)
        return f"an object with {keys}"
    return ""


# -- generated blocks inside hand-written pages -----------------------------------------


def limits_table() -> str:
    """The fields of :class:`govdisclosure._limits.Limits`, their defaults and meaning."""
    from govdisclosure._limits import Limits

    described = _attribute_docs(Limits.__doc__ or "")
    rows = []
    for field in attrs.fields(Limits):
        default = f"`{field.default!r}`"
        if field.name.endswith(("bytes", "memory")) and isinstance(field.default, int):
            default += f" ({field.default / 2**20:g} MiB)"
        rows.append((f"`{field.name}`", default, described.get(field.name, "")))
    return "\n".join(_table(("Limit", "Default", "What it bounds"), rows))


def _attribute_docs(doc: str) -> dict[str, str]:
    """``name: text`` entries of a Google-style ``Attributes:`` section."""
    out: dict[str, str] = {}
    current = None
    in_section = False
    for line in doc.splitlines():
        stripped = line.strip()
        if stripped == "Attributes:":
            in_section = True
            continue
        if not in_section:
            continue
        match = re.match(r"^(\w+): (.*)$", stripped)
        if match and line.startswith(" " * 8) and not line.startswith(" " * 12):
            current = match.group(1)
            out[current] = match.group(2)
        elif stripped and current is not None:
            out[current] += " " + stripped
    return out


def exit_codes_table() -> str:
    """The command line's exit codes, from :mod:`govdisclosure.cli`."""
    from govdisclosure import cli

    rows = [
        (str(cli.EXIT_OK), "no finding at or above `--fail-on` (default `error`)"),
        (str(cli.EXIT_FINDINGS), "findings at or above `--fail-on`"),
        (str(cli.EXIT_USAGE), "usage or input error: a one- or two-line message on stderr"),
        ("130", "interrupted (Ctrl-C)"),
    ]
    return "\n".join(_table(("Exit code", "Meaning"), rows))


#: ``<!-- generated: NAME -->`` lines are replaced by ``BLOCKS[NAME]()``.
BLOCKS: Mapping[str, Callable[[], str]] = {
    "limits-table": limits_table,
    "exit-codes": exit_codes_table,
}

_BLOCK = re.compile(r"^<!-- generated: ([a-z0-9-]+) -->$", re.MULTILINE)


def expand_blocks(markdown: str, where: str) -> str:
    """``markdown`` with every generated-block marker replaced by its block."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in BLOCKS:
            raise LookupError(f"{where}: unknown generated block {name!r} (see BLOCKS)")
        return BLOCKS[name]()

    return _BLOCK.sub(replace, markdown)


# -- everything generated ---------------------------------------------------------------


def generated_pages() -> dict[str, str]:
    """Every generated page and file: path below the docs directory → content."""
    rules = govdisclosure.rules()
    schema = govdisclosure.json_schema()
    pages = {RULES_INDEX: rules_index(rules), GLOSSARY: glossary_page()}
    pages.update({f"{RULES_DIR}/{r.code}.md": rule_page(r) for r in rules})
    pages[SCHEMA_PAGE] = schema_page(schema)
    pages[SCHEMA_FILE] = schema_file(schema)
    return pages


def _walk_nav(items: list[Any], docs_dir: Path, log: Callable[[str], None]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if value == RULES_INDEX:
                out.append({title: rule_nav(govdisclosure.rules())})
            elif isinstance(value, list):
                out.append({title: _walk_nav(value, docs_dir, log)})
            elif value in OPTIONAL_PAGES and not (docs_dir / value).exists():
                log(f"nav: {value} does not exist yet; its entry is left out")
            else:
                out.append(item)
        else:
            out.append(item)
    return out


# -- MkDocs event hooks -----------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Give the Rules section one nav entry per rule; drop absent optional pages."""
    import logging

    log = logging.getLogger("mkdocs.hooks.govdisclosure")
    # jieba (Chinese words for the search index) logs its dictionary loading at DEBUG.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    if config.nav is not None:
        config.nav = _walk_nav(config.nav, Path(config.docs_dir), log.info)
    return config


_EXAMPLE_SUFFIXES = frozenset({".json", ".html", ".docx", ".pdf", ".txt"})


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, the schema file and the downloadable examples."""
    from mkdocs.structure.files import File

    for uri, content in generated_pages().items():
        files.append(File.generated(config, uri, content=content))
    for path in sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in _EXAMPLE_SUFFIXES):
        files.append(File.generated(config, f"examples/{path.name}", abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    """Replace the generated-block markers of a hand-written page."""
    return expand_blocks(markdown, page.file.src_uri)
