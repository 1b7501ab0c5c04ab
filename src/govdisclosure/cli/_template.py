"""``govdisclosure template``: a blank fill-in template (Excel or Word)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .._fsnames import readable
from ..model import Edition
from ._common import EXIT_OK, add_lang_option, write_bytes
from ._lang import say

__all__ = ["register", "run_template"]


def register(sub: Any) -> None:
    """Add the ``template`` command to the subparsers ``sub``."""
    p = sub.add_parser(
        "template",
        help=say(
            "生成空白填报模板（Excel 或 Word）", "write a blank fill-in template (Excel or Word)"
        ),
        description=say(
            "按统一格式生成空白的年度报告模板，供机关填写；填好后可直接用 check 核对，"
            "或用 parse() 读取。Excel 模板：在“报告”工作表填表二、三、四，在“正文”工作表"
            "填机关名称、层级、年度和各部分文字。Word 模板：在标题前写机关名称和年度，"
            "在各标题下写文字，在表格中填数。",
            "Write a blank annual report in the official format for an organ to fill in; "
            "filled in, check it with `check` or read it with parse(). Excel: the tables on "
            "the sheet 报告, the organ, level, year and the text on the sheet 正文. Word: the "
            "organ and year before the title, the text under each heading, the figures in "
            "the tables.",
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--edition",
        required=True,
        choices=tuple(e.value for e in Edition),
        help=say(
            "格式版本：2019（国办公开办函〔2019〕60号）或 2021（〔2021〕30号）",
            "the edition: 2019 (国办公开办函〔2019〕60号) or 2021 (〔2021〕30号)",
        ),
    )
    p.add_argument(
        "--to",
        required=True,
        choices=("xlsx", "docx"),
        dest="target",
        help=say("Excel（xlsx）或 Word（docx）", "Excel (xlsx) or Word (docx)"),
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help=say("写入文件 FILE", "write to FILE"),
    )
    add_lang_option(p)
    p.set_defaults(run=run_template)


def run_template(args: argparse.Namespace) -> int:
    """Run ``govdisclosure template``; return the exit code."""
    from ..render import template_docx, template_xlsx

    make = template_xlsx if args.target == "xlsx" else template_docx
    write_bytes(args.output, make(args.edition))
    print(
        say(
            f"govdisclosure: {args.edition} 版空白模板写入 {readable(args.output)}",
            f"govdisclosure: a blank {args.edition} template written to {readable(args.output)}",
        ),
        file=sys.stderr,
    )
    return EXIT_OK
