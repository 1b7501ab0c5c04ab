"""``govdisclosure summary``: one row per report, as CSV or Parquet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .._fsnames import readable
from ..exceptions import GovDisclosureError
from ._common import (
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    add_walk_options,
    expand,
    open_output,
    paths_help,
    tell_skipped,
)
from ._convert import Reading
from ._lang import say

__all__ = ["register", "run_summary", "tell_duplicates"]


def register(sub: Any) -> None:
    """Add the ``summary`` command to the subparsers ``sub``."""
    p = sub.add_parser(
        "summary",
        help=say(
            "每份报告一行：主要数字、比率和检查结果",
            "one row per report: figures, ratios, findings",
        ),
        description=say(
            "每份报告写一行：机关、层级、年度、格式、来源文件；表三各项办理结果和表四复议、"
            "诉讼结果（总计为空时按分项计算，并在 computed 列注明）；予以公开率、不予公开率、"
            "复议纠错率、诉讼纠错率（有空白或未读的项时为空，不当作 0）；按来源分列的错误、"
            "警告、提示数；内容哈希。同一机关同一年度出自多个文件的，在 duplicate_of 列注明。",
            "Write one row per report: organ, level, year, edition, source file; table 三 by "
            "outcome and table 四 by result (a blank printed total computed from its parts "
            "and named in 'computed'); the grant, refusal and correction rates (empty, never "
            "0, where a term is blank or unread); errors, warnings and notes by origin; "
            "content hashes. Reports of the same organ and year from several files are "
            "marked in 'duplicate_of'.",
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=paths_help())
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=say(
            "写入文件 FILE（.csv 或 .parquet；默认输出 CSV 到标准输出）",
            "write to FILE (.csv or .parquet; default: CSV on standard output)",
        ),
    )
    p.add_argument(
        "--format",
        choices=("csv", "parquet"),
        help=say(
            "输出格式（默认按 -o 的扩展名）", "output format (default: from the suffix of -o)"
        ),
    )
    p.add_argument(
        "--drop-duplicates",
        action="store_true",
        help=say(
            "同一机关同一年度只保留一行（读取最完整的那份）",
            "keep one row per organ and year (the best read)",
        ),
    )
    add_walk_options(p)
    add_lang_option(p)
    p.set_defaults(run=run_summary)


def tell_duplicates(rows: list[dict[str, Any]], groups: list[list[int]]) -> None:
    """One line per organ and year found in several files."""
    for group in groups:
        kept = rows[group[0]]
        others = ", ".join(str(rows[i]["document"]) for i in group[1:])
        print(
            say(
                f"govdisclosure: 重复：{kept['agency']} {kept['year']} 年度出自 {len(group)} 个"
                f"文件；保留 {kept['document']}，另有 {others}",
                f"govdisclosure: duplicate: {kept['agency']} {kept['year']} is in "
                f"{len(group)} files; kept {kept['document']}, also {others}",
            ),
            file=sys.stderr,
        )


def run_summary(args: argparse.Namespace) -> int:
    """Run ``govdisclosure summary``; return the exit code."""
    from ..codecs import duplicate_groups, summary_rows, write_summary_csv, write_summary_parquet

    output: Path | None = args.output
    form = args.format or (
        "parquet" if output is not None and output.suffix.lower() == ".parquet" else "csv"
    )
    if form == "parquet" and output is None:
        raise GovDisclosureError(
            "Parquet 是二进制格式，请用 -o 指定输出文件",
            "Parquet is a binary format: give the output file with -o FILE",
        )
    files, missing, skipped = expand(args.paths, include=args.glob, exclude=args.exclude)
    for lost in missing:
        print(f"govdisclosure: {lost.error}", file=sys.stderr)
    tell_skipped(skipped)
    reading = Reading(files, findings=True, named={str(p) for p in args.paths})
    rows = summary_rows((item.report, item.findings) for item in reading)
    groups = duplicate_groups(rows)
    tell_duplicates(rows, groups)
    if args.drop_duplicates:
        dropped = {i for group in groups for i in group[1:]}
        rows = [row for i, row in enumerate(rows) if i not in dropped]
    if form == "parquet":
        assert output is not None
        write_summary_parquet(rows, str(output))
    else:
        out = open_output(output, newline="")
        try:
            write_summary_csv(rows, out)
        finally:
            if out is not sys.stdout:
                out.close()
    if output is not None:
        print(
            say(
                f"govdisclosure: {len(rows)} 份报告写入 {readable(output)}",
                f"govdisclosure: {len(rows)} report(s) written to {readable(output)}",
            ),
            file=sys.stderr,
        )
    return EXIT_USAGE if reading.failed or missing else EXIT_OK
