"""The documentation's generated pages, and the hand-written pages that mirror the code.

The generated pages come from ``docs/_hooks.py`` (the MkDocs hooks); these tests import it
without MkDocs. The strict site build checks links and the nav; these tests check that
what is generated is complete and runs.
"""

from __future__ import annotations

import enum
import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest

import govdisclosure
from govdisclosure import cli
from govdisclosure.model import cell_values

from .test_docs_examples import DOCS, PYTHON, ROOT, blocks, run_python


@cache
def hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", DOCS / "_hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def pages() -> dict[str, str]:
    generated: dict[str, str] = hooks().generated_pages()
    return generated


def test_every_rule_has_its_page_and_is_in_the_index() -> None:
    index = pages()["reference/rules/index.md"]
    for rule in govdisclosure.rules():
        page = pages()[f"reference/rules/{rule.code}.md"]
        assert page.startswith(f"# {rule.code} {rule.name}\n")
        assert rule.summary_zh in page
        assert rule.doc.strip() in page
        assert f"`{rule.severity.value}`" in page
        assert f"[{rule.code}]({rule.code}.md)" in index
    rule_pages = {p for p in pages() if p.startswith("reference/rules/GD")}
    assert len(rule_pages) == len(govdisclosure.rules())


def test_the_rules_section_of_the_nav_lists_every_rule() -> None:
    nav = [{"Reference": [{"Rules": "reference/rules/index.md"}, {"Glossary": "g.md"}]}]
    walked = hooks()._walk_nav(nav, DOCS, lambda message: None)
    rules_section = walked[0]["Reference"][0]["Rules"]
    assert rules_section[0] == "reference/rules/index.md"
    assert [next(iter(entry.values())) for entry in rules_section[1:]] == [
        f"reference/rules/{r.code}.md" for r in govdisclosure.rules()
    ]
    assert walked[0]["Reference"][1] == {"Glossary": "g.md"}


def test_an_optional_page_is_left_out_of_the_nav_only_while_it_is_missing(
    tmp_path: Path,
) -> None:
    nav = [{"How-to": [{"A": "how-to/a.md"}, {"Large": "how-to/large-corpora.md"}]}]
    notes: list[str] = []
    assert hooks()._walk_nav(nav, tmp_path, notes.append) == [{"How-to": [{"A": "how-to/a.md"}]}]
    assert notes
    (tmp_path / "how-to").mkdir()
    (tmp_path / "how-to" / "large-corpora.md").write_text("# Large\n", encoding="utf-8")
    assert hooks()._walk_nav(nav, tmp_path, notes.append) == nav


@pytest.mark.parametrize("code", [r.code for r in govdisclosure.rules()])
def test_the_examples_of_a_rule_page_run(code: str) -> None:
    report = govdisclosure.loads((ROOT / "examples" / "pingtan-2021.json").read_bytes())
    page = pages()[f"reference/rules/{code}.md"]
    found = [b for b in blocks(page, code) if b.lang in PYTHON]
    assert found
    namespace: dict[str, object] = {"govdisclosure": govdisclosure, "report": report}
    for block in found:
        run_python(block.code, f"{code}:{block.line}", namespace)


def test_the_glossary_names_every_member_of_the_enums() -> None:
    glossary = pages()["reference/glossary.md"]
    for member in hooks().ENGLISH:
        assert f"`{type(member).__name__}.{member.name}`" in glossary
    enums = {type(member) for member in hooks().ENGLISH}
    assert {m for enum in enums for m in enum} == set(hooks().ENGLISH)


def test_a_member_without_a_gloss_fails_the_build() -> None:
    class Applicant(enum.Enum):  # as if a member were added to the model's enum
        STATELESS_ORGANISATION = "stateless_organisation"

    with pytest.raises(LookupError, match=r"no English gloss for Applicant\.STATELESS_ORG"):
        hooks()._gloss(Applicant.STATELESS_ORGANISATION)


def test_the_published_schema_is_json_schema_at_its_id() -> None:
    schema = govdisclosure.json_schema()
    published = pages()[hooks().SCHEMA_FILE]
    assert json.loads(published) == schema
    assert schema["$id"].endswith("/" + hooks().SCHEMA_FILE)
    assert all(f"`#/$defs/{name}`" in pages()["reference/schema.md"] for name in schema["$defs"])


def test_generated_blocks_are_expanded_and_unknown_ones_refused() -> None:
    page = "Before.\n\n<!-- generated: limits-table -->\n\nAfter.\n"
    expanded = hooks().expand_blocks(page, "p.md")
    assert "<!-- generated" not in expanded
    from govdisclosure._limits import Limits

    for field in attrs.fields(Limits):
        assert f"`{field.name}`" in expanded
        assert f"`{field.default!r}`" in expanded
    with pytest.raises(LookupError, match="unknown generated block"):
        hooks().expand_blocks("<!-- generated: nothing-here -->\n", "p.md")


def test_every_generated_block_a_page_asks_for_exists() -> None:
    for path in DOCS.rglob("*.md"):
        hooks().expand_blocks(path.read_text(encoding="utf-8"), str(path))


def _options(parser: Any) -> dict[str, set[str]]:
    """Every subcommand of the command line with its option strings."""
    (sub,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return {
        name: {s for action in command._actions for s in action.option_strings} - {"-h", "--help"}
        for name, command in sub.choices.items()
    }


def test_the_cli_reference_documents_every_command_and_option() -> None:
    reference = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    for command, options in _options(cli._build_parser()).items():
        assert re.search(rf"^## {command}$", reference, re.MULTILINE), command
        for option in options:
            assert f"`{option}" in reference, option
    for action in cli._build_parser()._actions:
        for option in action.option_strings:
            assert f"`{option}" in reference, option


def test_the_typo_example_differs_from_the_published_report_in_one_cell() -> None:
    published = govdisclosure.loads((ROOT / "examples" / "pingtan-2021.json").read_bytes())
    typo = govdisclosure.loads((DOCS / "examples" / "pingtan-2021-typo.json").read_bytes())
    different = [
        (ref.pointer, a, b)
        for ref, a, b in zip(
            govdisclosure.model.cell_refs(published.edition),
            cell_values(published),
            cell_values(typo),
            strict=True,
        )
        if a != b
    ]
    assert different == [("/applications/granted/total", 30, 31)]
    assert attrs.evolve(typo, applications=published.applications) == published
