"""``govdisclosure convert``: a report as JSON, Markdown or HTML; many as one tidy CSV."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from .._fsnames import readable
from ..checks import check
from ..exceptions import GovDisclosureError
from ..model import AnnualReport, Source
from ._common import EXIT_CODES, EXIT_OK, EXIT_USAGE, error_line, expand, open_output, read

__all__ = ["register", "run_convert"]


def register(sub: Any) -> None:
    """Add the ``convert`` command to the subparsers ``sub``."""
    p_convert = sub.add_parser(
        "convert",
        help="convert reports to JSON, tidy CSV, Markdown or HTML",
        description="Write a report as canonical JSON, as a Markdown or HTML page in the "
        "official layout, or many reports (files or folders) as one tidy CSV of cells.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_convert.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p_convert.add_argument(
        "--to", required=True, choices=("json", "csv", "markdown", "html"), dest="target"
    )
    p_convert.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    p_convert.add_argument(
        "--mark-findings", action="store_true", help="HTML: mark the findings of check()"
    )
    p_convert.set_defaults(run=run_convert)


def run_convert(args: argparse.Namespace) -> int:
    """Run ``govdisclosure convert``; return the exit code."""
    files, missing = expand(args.paths)
    for lost in missing:
        print(f"govdisclosure: {lost.error}", file=sys.stderr)
    if args.target != "csv" and len(files) + len(missing) != 1:
        raise GovDisclosureError(
            f"转换为 {args.target} 时只能给一个文件（CSV 可以多个）",
            f"--to {args.target} takes one file (only --to csv takes many)",
        )
    if args.target == "csv":
        return _convert_csv(files, args.output) or (EXIT_USAGE if missing else EXIT_OK)
    if missing:
        return EXIT_USAGE
    result = read(Path(files[0]))
    report = result.report
    if args.target == "json":
        from ..codecs import dumps

        text = dumps(report) + "\n"
    elif args.target == "markdown":
        from ..render import render_markdown

        text = render_markdown(report)
    else:
        from ..render import render_html

        text = render_html(report, check(result) if args.mark_findings else None)
    out = open_output(args.output)
    try:
        out.write(text)
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_OK


def _convert_csv(files: list[str], output: Path | None) -> int:
    from ..codecs import write_csv

    failed = 0

    def reports() -> Iterator[AnnualReport]:
        nonlocal failed
        for name in files:
            path = Path(name)
            try:
                result = read(path)
            except GovDisclosureError as error:
                failed += 1
                print(f"govdisclosure: {error_line(error, path)}", file=sys.stderr)
                continue
            report = result.report
            if report.source is None or not report.source.document:
                source = report.source or Source(format=result.format)
                report = attrs.evolve(report, source=attrs.evolve(source, document=readable(name)))
            yield report

    out = open_output(output, newline="")
    try:
        write_csv(reports(), out)
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_USAGE if failed else EXIT_OK
