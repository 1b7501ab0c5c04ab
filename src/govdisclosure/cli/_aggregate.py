"""``govdisclosure aggregate``: a region's report (汇总) from its parts, and a published
region report checked against them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..checks import Severity, aggregate, check_aggregate
from ..exceptions import GovDisclosureError
from ..model import Agency, AgencyLevel, AnnualReport
from ._check import Outcome, summary_line, text_lines
from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_lang_option,
    add_walk_options,
    error_line,
    expand,
    open_output,
    read,
    tell_skipped,
)
from ._lang import say

__all__ = ["register", "run_aggregate"]

_EXAMPLES = """\
  govdisclosure aggregate departments/ towns/ --agency 某某县人民政府 -o county.json
  govdisclosure aggregate departments/ towns/ --agency 某某县人民政府 --check county-2023.pdf
"""

_EPILOG_EN = f"""\
examples:
{_EXAMPLES}
exit codes:
  0  the aggregate was written (and, with --check, no finding at or above --fail-on)
  1  with --check: findings at or above --fail-on
  2  usage or input error: a part that cannot be read, parts of mixed editions or
     years, amounts in different units, a blank under --blanks refuse
"""

_EPILOG_ZH = f"""\
示例：
{_EXAMPLES}
退出码：
  0  已写出汇总（用 --check 时：没有达到 --fail-on 所指严重程度的检查结果）
  1  用 --check 时：有达到 --fail-on 所指严重程度的检查结果
  2  用法或输入错误：组成报告无法读取，版本或年度不一，金额单位不同，--blanks refuse 时遇到空白
"""


def register(sub: Any) -> None:
    """Add the ``aggregate`` command to the subparsers ``sub``."""
    p = sub.add_parser(
        "aggregate",
        help=say(
            "把多份报告汇总为一个地区的报告，或核对地区报告",
            "sum reports into a region's report (汇总), or check a region's report",
        ),
        description=say(
            "把 PATHS 中的报告（文件，或递归查找的文件夹）逐格相加，得到一个地区的汇总报告，"
            "写成 JSON。某格的组成报告中有空白或未读的，汇总值未知：记为 null 并列入 "
            '"unread"（--blanks）。用 --check 时改为把已发布的地区报告与组成报告之和比较'
            "（GD821、GD822）并列出检查结果。",
            "Sum the reports in PATHS (files, or folders searched recursively) cell by cell "
            "into the report of a region (汇总) and write it as JSON. A cell whose parts "
            "include a blank or unread cell is not known: it is null and listed under "
            '"unread" (--blanks). With --check, compare a published region report with the '
            "sum of its parts instead (GD821, GD822) and print the findings.",
        ),
        epilog=say(_EPILOG_ZH, _EPILOG_EN),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=say("组成报告", "the parts"))
    p.add_argument(
        "--agency",
        required=True,
        help=say("发布汇总报告的机关", "the organ that publishes the aggregate"),
    )
    p.add_argument(
        "--level",
        choices=tuple(level.value for level in AgencyLevel),
        help=say("该机关的层级", "the organ's level"),
    )
    p.add_argument(
        "--year",
        type=int,
        help=say("报告年度（默认：组成报告的年度）", "the report year (default: the parts' year)"),
    )
    p.add_argument(
        "--blanks",
        choices=("propagate", "skip", "refuse"),
        default="propagate",
        help=say(
            "组成报告某格为空时：propagate（默认：汇总格未知）、skip（视为没有）、refuse（报错）",
            "a blank part's cell: propagate (default: the region's cell is not known), "
            "skip (count it as nothing), refuse (stop with an error)",
        ),
    )
    p.add_argument(
        "--check",
        type=Path,
        metavar="REGION",
        help=say(
            "已发布的地区报告：列出它与 PATHS 之和不一致之处",
            "the region's published report: print where it differs from the sum of PATHS",
        ),
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "note", "never"),
        default="warning",
        help=say(
            "用 --check 时：有达到此严重程度的检查结果则以 1 退出（默认 warning）",
            "with --check: exit 1 when a finding is at least this severe (default: warning)",
        ),
    )
    add_lang_option(p)
    p.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=say("写入文件 FILE", "write to FILE")
    )
    add_walk_options(p)
    p.set_defaults(run=run_aggregate)


def run_aggregate(args: argparse.Namespace) -> int:
    """Run ``govdisclosure aggregate``; return the exit code."""
    files, missing, skipped = expand(args.paths, include=args.glob, exclude=args.exclude)
    for lost in missing:
        print(f"govdisclosure: {lost.error}", file=sys.stderr)
    tell_skipped(skipped)
    parts: list[AnnualReport] = []
    failed = bool(missing)
    for name in files:
        path = Path(name)
        try:
            parts.append(read(path).report)
        except GovDisclosureError as error:
            failed = True
            print(f"govdisclosure: {error_line(error, path)}", file=sys.stderr)
    if failed:
        raise GovDisclosureError(
            "有组成报告无法读取，不汇总（汇总须包括全部组成报告）",
            "some parts could not be read; nothing is summed (an aggregate needs every part)",
        )
    if args.check is not None:
        return _check(args, parts)
    agency = Agency(name=args.agency, level=None if args.level is None else AgencyLevel(args.level))
    region = aggregate(parts, agency=agency, year=args.year, blanks=args.blanks)
    from ..codecs import dumps

    out = open_output(args.output)
    try:
        out.write(dumps(region) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    unknown = len(region.unread)
    if unknown:
        print(
            say(
                f"govdisclosure: 汇总了 {len(parts)} 份报告；{unknown} 个单元格因组成报告为空"
                "或未读取而未知（见 unread）",
                f"govdisclosure: {len(parts)} reports summed; {unknown} cell(s) not known "
                'because a part is blank or unread: see "unread"',
            ),
            file=sys.stderr,
        )
    return EXIT_OK


def _check(args: argparse.Namespace, parts: list[AnnualReport]) -> int:
    result = read(args.check)
    findings = check_aggregate(result.report, parts)
    outcome = Outcome(
        path=str(args.check),
        findings=tuple(findings),
        format=result.format,
        layout=result.report.layout,
    )
    out = open_output(args.output)
    try:
        for line in text_lines(outcome, args.lang):
            print(line, file=out)
        print(summary_line([outcome], args.lang), file=out)
    finally:
        if out is not sys.stdout:
            out.close()
    if args.fail_on == "never":
        return EXIT_OK
    threshold = Severity(args.fail_on).rank
    worst = max((f.severity.rank for f in findings), default=-1)
    return EXIT_FINDINGS if worst >= threshold else EXIT_OK
