"""``govdisclosure rules``, ``rule CODE`` and ``schema``: what the library knows."""

from __future__ import annotations

import json
import sys
import unicodedata
from typing import Any, TextIO

from ..checks import get_rule, rules
from ._common import EXIT_OK, add_lang_option
from ._lang import say

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the ``rules``, ``rule`` and ``schema`` commands to the subparsers ``sub``."""
    p_rules = sub.add_parser("rules", help=say("列出全部规则", "list every rule"))
    add_lang_option(p_rules)
    p_rules.set_defaults(run=lambda args: _rules(args.lang, sys.stdout))
    p_rule = sub.add_parser(
        "rule", help=say("显示一条规则的完整说明", "show one rule's full documentation")
    )
    p_rule.add_argument("code", help=say("规则代码，如 GD301", "a rule code, such as GD301"))
    add_lang_option(p_rule)
    p_rule.set_defaults(run=lambda args: _rule(args.code, sys.stdout))
    p_schema = sub.add_parser(
        "schema",
        help=say("输出规范 JSON 格式的 JSON Schema", "print the JSON Schema of the canonical form"),
    )
    add_lang_option(p_schema)
    p_schema.set_defaults(run=lambda args: _schema(sys.stdout))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _rules(lang: str, out: TextIO) -> int:
    rows = [("CODE", "SEVERITY", "NAME", "SUMMARY")]
    for rule in rules():
        summary = rule.summary if lang == "en" else rule.summary_zh
        rows.append((rule.code, rule.severity.value, rule.name, summary))
    widths = [max(_width(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row[:3])]
        print("  ".join([*cells, row[3]]), file=out)
    return EXIT_OK


def _rule(code: str, out: TextIO) -> int:
    rule = get_rule(code)
    editions = ", ".join(sorted(e.value for e in rule.editions))
    print(f"# {rule.code} {rule.name}\n", file=out)
    print(f"{rule.summary_zh}\n{rule.summary}\n", file=out)
    print(
        f"Default severity: {rule.severity.value}. Origin: {rule.origin.value}. "
        f"Editions: {editions}.\n",
        file=out,
    )
    print(rule.doc, file=out)
    return EXIT_OK


def _schema(out: TextIO) -> int:
    from ..codecs import json_schema

    json.dump(json_schema(), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return EXIT_OK
