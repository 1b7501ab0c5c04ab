"""The ``govdisclosure`` command line: a thin layer over the public API.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or
input errors (a message of one or two lines on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import check, rules
from .checks import Finding, Severity, get_rule
from .exceptions import GovDisclosureError

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

_EPILOG = """\
examples:
  govdisclosure check examples/qidu-2019.json
  govdisclosure check report.json --select GD3 --fail-on warning
  govdisclosure rules
  govdisclosure rule GD301
  govdisclosure schema > report.schema.json

exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
            2 usage or input error
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误 (usage error): {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govdisclosure",
        description="政府信息公开工作年度报告: check, read and write annual reports.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p_check = sub.add_parser("check", help="check reports and print their findings")
    p_check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p_check.add_argument("--previous", type=Path, help="last year's report, for cross-year rules")
    p_check.add_argument("--select", action="append", help="only rules with this code prefix")
    p_check.add_argument("--ignore", action="append", help="skip rules with this code prefix")
    p_check.add_argument("--format", choices=("text", "json"), default="text")
    p_check.add_argument("--lang", choices=("zh", "en"), default="zh", help="message language")
    p_check.add_argument(
        "--fail-on", choices=("error", "warning", "note", "never"), default="error"
    )

    sub.add_parser("rules", help="list every rule")
    p_rule = sub.add_parser("rule", help="show one rule's full documentation")
    p_rule.add_argument("code")
    sub.add_parser("schema", help="print the JSON Schema of the canonical form")
    return parser


def _read_report(path: Path) -> object:
    from .codecs import loads

    try:
        data = path.read_bytes()
    except OSError as error:
        raise GovDisclosureError(
            f"无法读取文件：{error.strerror}",
            f"cannot read the file: {error.strerror}",
            where=str(path),
        ) from None
    try:
        return loads(data)
    except GovDisclosureError as error:
        error.where = str(path)
        raise


def _print_text(path: Path, findings: list[Finding], lang: str, out: TextIO) -> None:
    for finding in findings:
        location = finding.location
        where = f"{path}:{location.pointer}"
        if location.span is not None:
            where += f" ({location.span})"
        print(f"{where}: {finding.code} [{finding.severity.value}] {finding.text(lang)}", file=out)


def _finding_json(finding: Finding) -> dict[str, object]:
    def value(v: object) -> object:
        return v if v is None or isinstance(v, (int, str)) else str(v)

    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "message_en": finding.message_en,
        "pointer": finding.location.pointer,
        "related": [r.pointer for r in finding.related],
        "expected": value(finding.expected),
        "actual": value(finding.actual),
    }


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    previous = None
    if args.previous is not None:
        previous = _read_report(args.previous)
    threshold = None if args.fail_on == "never" else Severity(args.fail_on).rank
    worst = -1
    results: dict[str, list[dict[str, object]]] = {}
    counts = dict.fromkeys(Severity, 0)
    for path in args.paths:
        report = _read_report(path)
        findings = check(
            report,  # type: ignore[arg-type]
            previous=previous,  # type: ignore[arg-type]
            select=args.select,
            ignore=args.ignore,
        )
        for finding in findings:
            counts[finding.severity] += 1
            worst = max(worst, finding.severity.rank)
        if args.format == "json":
            results[str(path)] = [_finding_json(f) for f in findings]
        else:
            _print_text(path, findings, args.lang, out)
    if args.format == "json":
        json.dump(results, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        summary = ", ".join(f"{counts[s]} {s.value}" for s in Severity)
        print(f"{len(args.paths)} file(s) checked: {summary}", file=out)
    return EXIT_FINDINGS if threshold is not None and worst >= threshold else EXIT_OK


def _cmd_rules(out: TextIO) -> int:
    for rule in rules():
        print(
            f"{rule.code}  {rule.severity.value:7s}  {rule.name:28s}  {rule.summary_zh}", file=out
        )
    return EXIT_OK


def _cmd_rule(code: str, out: TextIO) -> int:
    rule = get_rule(code)
    editions = ", ".join(sorted(e.value for e in rule.editions))
    print(f"# {rule.code} {rule.name}\n", file=out)
    print(f"{rule.summary_zh}\n{rule.summary}\n", file=out)
    print(f"Default severity: {rule.severity.value}. Editions: {editions}.\n", file=out)
    print(rule.doc, file=out)
    return EXIT_OK


def _cmd_schema(out: TextIO) -> int:
    from .codecs import json_schema

    json.dump(json_schema(), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    out = sys.stdout
    if args.version:
        from . import __version__

        print(f"govdisclosure {__version__}", file=out)
        return EXIT_OK
    try:
        if args.command == "check":
            return _cmd_check(args, out)
        if args.command == "rules":
            return _cmd_rules(out)
        if args.command == "rule":
            return _cmd_rule(args.code, out)
        if args.command == "schema":
            return _cmd_schema(out)
    except GovDisclosureError as error:
        print(f"govdisclosure: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    parser.print_help(sys.stderr)
    return EXIT_USAGE
