"""``govdisclosure convert``: reports as JSON, Markdown, HTML, Word or Excel; many as one
tidy CSV, one workbook, or a folder of files with an index page."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from .._fsnames import readable, uri_path
from ..checks import Finding, check
from ..exceptions import GovDisclosureError
from ..model import AnnualReport, Source
from ._common import (
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    add_walk_options,
    error_line,
    exit_codes,
    expand,
    open_output,
    paths_help,
    read,
    tell_skipped,
    write_bytes,
)
from ._lang import say

__all__ = ["register", "run_convert"]

#: The file name suffix of each format.
_SUFFIX = {
    "json": ".json",
    "csv": ".csv",
    "markdown": ".md",
    "html": ".html",
    "docx": ".docx",
    "xlsx": ".xlsx",
}
INDEX = "index.html"


def register(sub: Any) -> None:
    """Add the ``convert`` command to the subparsers ``sub``."""
    p_convert = sub.add_parser(
        "convert",
        help=say(
            "把报告转换为 JSON、CSV、Markdown、HTML、Word 或 Excel",
            "convert reports to JSON, tidy CSV, Markdown, HTML, Word or Excel",
        ),
        description=say(
            "把一份报告写成规范 JSON，或按统一格式排版的 Markdown、HTML 页面、Word 文件、"
            "Excel 工作簿；多份报告（文件或文件夹）写成一个单元格 CSV、一个 Excel 工作簿"
            "（含汇总表），或一个文件夹（每份报告一个文件，HTML 另有 index.html 一览表，"
            "并标出检查结果）。",
            "Write a report as canonical JSON, or in the official layout as Markdown, an HTML "
            "page, a Word file or an Excel workbook; many reports (files or folders) as one "
            "tidy CSV of cells, one Excel workbook with a summary sheet, or a folder of one "
            "file per report (HTML pages get an index.html, and their findings marked).",
        ),
        epilog=exit_codes(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_convert.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=paths_help())
    p_convert.add_argument(
        "--to",
        required=True,
        choices=("json", "csv", "markdown", "html", "docx", "xlsx"),
        dest="target",
        help=say("目标格式", "the format to write"),
    )
    p_convert.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=say(
            "写入文件 FILE；多份报告转为 json/markdown/html/docx 时为文件夹",
            "write to FILE; a folder when several reports go to json/markdown/html/docx",
        ),
    )
    p_convert.add_argument(
        "--mark-findings",
        action="store_true",
        help=say(
            "HTML、Word、Excel：标出 check() 的检查结果（写入文件夹时总是标出）",
            "HTML, Word, Excel: mark the findings of check() (always, when writing a folder)",
        ),
    )
    add_walk_options(p_convert)
    add_lang_option(p_convert)
    p_convert.set_defaults(run=run_convert)


@attrs.frozen(kw_only=True)
class _Read:
    """A report read from a file, with where it came from and its findings."""

    path: str
    report: AnnualReport
    findings: tuple[Finding, ...]


def _with_document(report: AnnualReport, name: str, format: str) -> AnnualReport:
    if report.source is not None and report.source.document:
        return report
    source = report.source or Source(format=format)
    return attrs.evolve(report, source=attrs.evolve(source, document=readable(name)))


class Reading:
    """The reports of ``files``, read one at a time: a file that cannot be read is named
    on stderr and counted in :attr:`failed`; a file that is not a report at all is
    passed over with a line saying so when a folder walk found it (an error when it was
    named on the command line)."""

    def __init__(self, files: list[str], *, findings: bool, named: set[str]) -> None:
        self.files = files
        self.findings = findings
        self.named = named
        self.failed = 0

    def __iter__(self) -> Iterator[_Read]:
        from ._common import NotAReportError, Skipped

        for name in self.files:
            path = Path(name)
            try:
                result = read(path)
            except NotAReportError as error:
                if name not in self.named:
                    line = error_line(error, path).removeprefix(f"{readable(path)}: ")
                    print(Skipped(path=name, reason=line).line(), file=sys.stderr)
                    continue
                self.failed += 1
                print(f"govdisclosure: {error_line(error, path)}", file=sys.stderr)
                continue
            except GovDisclosureError as error:
                self.failed += 1
                print(f"govdisclosure: {error_line(error, path)}", file=sys.stderr)
                continue
            report = _with_document(result.report, name, result.format)
            findings = tuple(check(result)) if self.findings else ()
            yield _Read(path=name, report=report, findings=findings)


def read_all(files: list[str], *, findings: bool, named: set[str]) -> tuple[list[_Read], int]:
    """Every report of ``files`` (see :class:`Reading`), and how many could not be read."""
    reading = Reading(files, findings=findings, named=named)
    done = list(reading)
    return done, reading.failed


def run_convert(args: argparse.Namespace) -> int:
    """Run ``govdisclosure convert``; return the exit code."""
    files, missing, skipped = expand(args.paths, include=args.glob, exclude=args.exclude)
    for lost in missing:
        print(f"govdisclosure: {lost.error}", file=sys.stderr)
    tell_skipped(skipped)
    target = args.target
    several = len(files) > 1 or any(p.is_dir() for p in args.paths)
    if target == "csv":
        return _convert_csv(files, args.output, {str(p) for p in args.paths}) or (
            EXIT_USAGE if missing else EXIT_OK
        )
    if target in ("docx", "xlsx") and args.output is None:
        raise GovDisclosureError(
            f"转换为 {target} 时请用 -o 指定输出文件",
            f"--to {target} writes a binary file: give it with -o FILE",
        )
    if several:
        if target == "xlsx":
            return _many_to_workbook(args, files, missing)
        if args.output is None:
            raise GovDisclosureError(
                f"把多份报告转换为 {target} 时请用 -o 指定输出文件夹",
                f"several reports to {target}: give the output folder with -o DIR",
            )
        return _many_to_folder(args, files, missing)
    if missing or not files:
        return EXIT_USAGE
    result = read(Path(files[0]))
    report = result.report
    marks = check(result) if args.mark_findings else None
    if target in ("docx", "xlsx"):
        from ..render import render_docx, render_xlsx

        render = render_docx if target == "docx" else render_xlsx
        write_bytes(args.output, render(report, marks))
        return EXIT_OK
    text = _text(report, target, marks)
    out = open_output(args.output)
    try:
        out.write(text)
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_OK


def _text(report: AnnualReport, target: str, marks: list[Finding] | None) -> str:
    if target == "json":
        from ..codecs import dumps

        return dumps(report) + "\n"
    if target == "markdown":
        from ..render import render_markdown

        return render_markdown(report)
    from ..render import render_html

    return render_html(report, marks)


def _output_names(paths: list[str], roots: list[Path], suffix: str) -> list[str]:
    """A file name in the output folder for each input: its path below the folder it was
    found in (or its name), with ``suffix`` after its own (``a/b.pdf`` → ``a/b.pdf.html``),
    made unique."""
    names: list[str] = []
    taken: set[str] = set()
    for path in paths:
        p = Path(path)
        relative = Path(p.name)
        for root in roots:
            if root.is_dir() and p.is_relative_to(root):
                relative = p.relative_to(root)
                break
        base = relative.as_posix() + suffix
        name, n = base, 2
        while name.lower() in taken or name == INDEX:
            name = f"{base.removesuffix(suffix)}-{n}{suffix}"
            n += 1
        taken.add(name.lower())
        names.append(name)
    return names


def _many_to_folder(args: argparse.Namespace, files: list[str], missing: list[Any]) -> int:
    target, folder = args.target, args.output
    if folder.exists() and not folder.is_dir():
        raise GovDisclosureError(
            "输出应为文件夹，这里是一个文件",
            "the output must be a folder, not a file",
            where=readable(folder),
        )
    marked = target in ("html", "docx")
    done, failed = read_all(files, findings=marked, named={str(p) for p in args.paths})
    names = _output_names([d.path for d in done], list(args.paths), _SUFFIX[target])
    for item, name in zip(done, names, strict=True):
        destination = folder / name
        if target == "docx":
            from ..render import render_docx

            write_bytes(destination, render_docx(item.report, item.findings))
        else:
            text = _text(item.report, target, list(item.findings) if marked else None)
            write_bytes(destination, text.encode("utf-8"))
    if target == "html":
        from ..codecs import duplicate_groups, summary_rows
        from ..render import render_corpus
        from ..render._corpus import CorpusItem

        rows = summary_rows((d.report, d.findings) for d in done)
        index = render_corpus(
            # Each page's address in the folder, byte for byte (a name may not be UTF-8).
            [
                CorpusItem(d.report, d.findings, uri_path(n))
                for d, n in zip(done, names, strict=True)
            ],
            title=say("报告审查一览", "Review of the reports"),
            duplicates=duplicate_groups(rows),
            charts=False,
        )
        write_bytes(folder / INDEX, index.encode("utf-8"))
    written = len(done) + (target == "html")
    print(
        say(
            f"govdisclosure: 已写入 {written} 个文件到 {readable(folder)}",
            f"govdisclosure: {written} file(s) written to {readable(folder)}",
        ),
        file=sys.stderr,
    )
    return EXIT_USAGE if failed or missing else EXIT_OK


def _many_to_workbook(args: argparse.Namespace, files: list[str], missing: list[Any]) -> int:
    from ..render import render_xlsx_many

    done, failed = read_all(files, findings=True, named={str(p) for p in args.paths})
    write_bytes(args.output, render_xlsx_many((d.report, d.findings) for d in done))
    return EXIT_USAGE if failed or missing else EXIT_OK


def _convert_csv(files: list[str], output: Path | None, named: set[str]) -> int:
    from ..codecs import write_csv

    reading = Reading(files, findings=False, named=named)
    out = open_output(output, newline="")
    try:
        write_csv((item.report for item in reading), out)
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_USAGE if reading.failed else EXIT_OK
