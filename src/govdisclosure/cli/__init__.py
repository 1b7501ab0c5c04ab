"""The ``govdisclosure`` command line: a thin layer over the public API.

Commands: ``check`` (findings for files and folders of reports, as text, JSON, SARIF or
GitHub Actions annotations), ``convert`` (JSON, tidy CSV, Markdown, HTML), ``aggregate``
(a region's report from its parts, or checked against them), ``rules``, ``rule CODE``
and ``schema``. One module per command; this one builds the parser and dispatches.

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
from . import _aggregate, _catalogue, _check, _convert
from ._common import (
    EXIT_CODES,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    REPORT_SUFFIXES,
    Parser,
)

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "REPORT_SUFFIXES", "main"]

_EPILOG = f"""\
examples:
  govdisclosure check examples/qidu-2019.json
  govdisclosure check report.json --select GD3 --fail-on warning
  govdisclosure check report.json --previous last-year.json
  govdisclosure check reports/ --jobs 2 --format sarif -o results.sarif
  govdisclosure check reports/ --format github     # annotations in GitHub Actions
  govdisclosure convert report.json --to html -o report.html
  govdisclosure convert reports/ --to csv -o cells.csv
  govdisclosure aggregate departments/ --agency 某某县人民政府 -o county.json
  govdisclosure rules
  govdisclosure rule GD301
  govdisclosure schema > report.schema.json

{EXIT_CODES}"""


def _build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="govdisclosure",
        description="政府信息公开工作年度报告: check, read and write annual reports.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in (_check, _convert, _aggregate, _catalogue):
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from .. import __version__

        print(f"govdisclosure {__version__}", file=sys.stdout)
        return EXIT_OK
    run = getattr(args, "run", None)
    if run is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = run(args)
        return code
    except GovDisclosureError as error:
        print(f"govdisclosure: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_USAGE
