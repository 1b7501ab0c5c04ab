"""``govdisclosure report``: one offline page about a corpus of reports."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from .._fsnames import readable, uri_path
from ._common import (
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    add_walk_options,
    expand,
    paths_help,
    tell_skipped,
    write_bytes,
)
from ._convert import _output_names, read_all
from ._lang import say

__all__ = ["register", "run_report"]


def register(sub: Any) -> None:
    """Add the ``report`` command to the subparsers ``sub``."""
    p = sub.add_parser(
        "report",
        help=say("生成一个汇总分析网页（离线可用）", "write one offline page about a corpus"),
        description=say(
            "读取所有报告，生成一个不依赖网络的 HTML 页面：按规则和按报告的检查结果、"
            "按年度和按层级的办理结果构成、历年不予公开率和予以公开率，以及可排序的报告一览，"
            "每份报告链接到其按统一格式排版的页面（写在 --pages 文件夹中）。",
            "Read every report and write one HTML page that needs no network: findings by "
            "rule and by report, the outcome mix by year and by level, refusal and grant "
            "rates over the years, and a sortable table of the reports, each linked to its "
            "page in the official layout (written to the --pages folder).",
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=paths_help())
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help=say("写入页面 FILE（.html）", "write the page to FILE (.html)"),
    )
    p.add_argument(
        "--pages",
        type=Path,
        metavar="DIR",
        help=say(
            "每份报告的页面写入的文件夹（默认：与 FILE 同名、加 -pages 的文件夹）",
            "the folder for each report's page (default: FILE's name with -pages)",
        ),
    )
    p.add_argument(
        "--no-pages",
        action="store_true",
        help=say("不写每份报告的页面（一览表不加链接）", "write no report pages (no links)"),
    )
    p.add_argument("--title", help=say("页面标题", "the page's title"))
    add_walk_options(p)
    add_lang_option(p)
    p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    """Run ``govdisclosure report``; return the exit code."""
    from ..codecs import duplicate_groups, summary_rows
    from ..render import render_corpus, render_html
    from ..render._corpus import CorpusItem

    files, missing, skipped = expand(args.paths, include=args.glob, exclude=args.exclude)
    for lost in missing:
        print(f"govdisclosure: {lost.error}", file=sys.stderr)
    tell_skipped(skipped)
    done, failed = read_all(files, findings=True, named={str(p) for p in args.paths})
    output: Path = args.output
    hrefs: list[str | None] = [None] * len(done)
    if not args.no_pages:
        pages = args.pages or output.with_name(output.stem + "-pages")
        names = _output_names([d.path for d in done], list(args.paths), ".html")
        base = output.parent.resolve()
        for i, (item, name) in enumerate(zip(done, names, strict=True)):
            destination = pages / name
            write_bytes(destination, render_html(item.report, item.findings).encode("utf-8"))
            # The page's address, byte for byte (a file name may not be UTF-8).
            hrefs[i] = uri_path(Path(os.path.relpath(destination.resolve(), base)).as_posix())
    rows = summary_rows((d.report, d.findings) for d in done)
    page = render_corpus(
        [CorpusItem(d.report, d.findings, h) for d, h in zip(done, hrefs, strict=True)],
        title=args.title,
        duplicates=duplicate_groups(rows),
    )
    write_bytes(output, page.encode("utf-8"))
    print(
        say(
            f"govdisclosure: {len(done)} 份报告，页面写入 {readable(output)}",
            f"govdisclosure: {len(done)} report(s); the page is {readable(output)}",
        ),
        file=sys.stderr,
    )
    return EXIT_USAGE if failed or missing else EXIT_OK
