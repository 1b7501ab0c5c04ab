"""The ``govdisclosure`` command line: a thin layer over the public API.

Commands: ``check`` (findings for files and folders of reports, as text, JSON, SARIF or
GitHub Actions annotations), ``convert`` (JSON, tidy CSV, Markdown, HTML, Word, Excel;
a folder to a folder of pages), ``summary`` (one row per report), ``report`` (a page
about a corpus), ``template`` (blank fill-in templates), ``aggregate`` (a region's report
from its parts, or checked against them), ``rules``, ``rule CODE`` and ``schema``. One
module per command; this one builds the parser and dispatches.

The language (help, messages, summaries) is Chinese, or English where the locale is not
Chinese, or as ``--lang`` says (:mod:`._lang`).

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or
input errors (a message of one or two lines on stderr, never a traceback). When some
inputs could not be read, the run still checks all the others and then exits 2, even if
findings were found: the result is incomplete, and that is the more serious news.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ..exceptions import GovDisclosureError
from . import _aggregate, _catalogue, _check, _convert, _lang, _report, _summary, _template
from ._common import (
    EXIT_CODES,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    REPORT_SUFFIXES,
    Parser,
    exit_codes,
    limits_of,
    use_limits,
)
from ._lang import say

__all__ = ["EXIT_CODES", "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "REPORT_SUFFIXES", "main"]

_EXAMPLES = """\
  govdisclosure check examples/qidu-2019.json
  govdisclosure check report.json --select GD3 --fail-on warning
  govdisclosure check report.json --previous last-year.json
  govdisclosure check reports/ --pair-years
  govdisclosure check reports/ --jobs 2 --format sarif -o results.sarif
  govdisclosure convert report.json --to html -o report.html
  govdisclosure convert reports/ --to html -o pages/
  govdisclosure convert report.json --to xlsx -o report.xlsx
  govdisclosure convert reports/ --to csv -o cells.csv
  govdisclosure summary reports/ -o summary.csv
  govdisclosure report reports/ -o corpus.html
  govdisclosure template --edition 2021 --to xlsx -o 模板.xlsx
  govdisclosure aggregate departments/ --agency 某某县人民政府 -o county.json
  govdisclosure rules
  govdisclosure rule GD301
  govdisclosure schema > report.schema.json
"""


def _build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="govdisclosure",
        description=say(
            "政府信息公开工作年度报告：核对、读取和写出年度报告。",
            "政府信息公开工作年度报告: check, read and write annual reports.",
        ),
        epilog=f"{say('示例：', 'examples:')}\n{_EXAMPLES}\n{exit_codes()}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="store_true", help=say("显示版本并退出", "print the version and exit")
    )
    parser.add_argument(
        "--lang",
        choices=_lang.LANGUAGES,
        default=None,
        help=say(
            "输出语言（帮助、信息、汇总）；默认按区域设置（LANG、LC_ALL），中文区域为中文",
            "the language of help, messages and summaries; by default the locale's "
            "(LANG, LC_ALL): Chinese for a Chinese locale, else English",
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar=say("命令", "COMMAND"), parser_class=Parser)
    for command in (_check, _convert, _summary, _report, _template, _aggregate, _catalogue):
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = _lang.detect(arguments, os.environ)
    with _lang.using(lang):
        return _main(arguments, lang)


def _main(arguments: list[str], lang: str) -> int:
    parser = _build_parser()
    args = parser.parse_args(arguments)
    args.lang = lang
    if args.version:
        from .. import __version__

        print(f"govdisclosure {__version__}", file=sys.stdout)
        return EXIT_OK
    run = getattr(args, "run", None)
    if run is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    use_limits(limits_of(getattr(args, "limit", None)))
    try:
        code: int = run(args)
        return code
    except GovDisclosureError as error:
        print(f"govdisclosure: {_lang.error_text(error)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_USAGE
