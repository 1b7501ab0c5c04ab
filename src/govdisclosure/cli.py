"""The ``govdisclosure`` command line: a thin layer over the public API.

Commands: ``check`` (findings for files and folders of reports, as text, JSON, SARIF or
GitHub Actions annotations), ``convert`` (JSON, tidy CSV, Markdown, HTML), ``rules``,
``rule CODE`` and ``schema``.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or
input errors (a message of one or two lines on stderr, never a traceback). When some
inputs could not be read, the run still checks all the others and then exits 2, even if
findings were found: the result is incomplete, and that is the more serious news.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any, TextIO

import attrs

from . import check, rules
from .checks import Finding, Severity, get_rule, presets
from .exceptions import (
    GovDisclosureError,
    RuleSelectionError,
)
from .model import AnnualReport, Source, SourceSpan

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "REPORT_SUFFIXES", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

#: File name suffixes a folder is searched for (a file named on the command line is
#: read whatever its suffix).
REPORT_SUFFIXES = (".json", ".html", ".htm", ".docx", ".pdf", ".txt")

#: Show a progress bar on a terminal when a run has more files than this.
PROGRESS_MIN_FILES = 5

_EXIT_CODES = """\
exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or input error: a bad option, a path that does not exist, a file that
     cannot be read or is not a report. Every other file is still checked; the
     run then exits 2 even if it also found findings (its result is incomplete).
"""

_EPILOG = f"""\
examples:
  govdisclosure check examples/qidu-2019.json
  govdisclosure check report.json --select GD3 --fail-on warning
  govdisclosure check report.json --previous last-year.json
  govdisclosure check reports/ --jobs 2 --format sarif -o results.sarif
  govdisclosure check reports/ --format github     # annotations in GitHub Actions
  govdisclosure convert report.json --to html -o report.html
  govdisclosure convert reports/ --to csv -o cells.csv
  govdisclosure rules
  govdisclosure rule GD301
  govdisclosure schema > report.schema.json

{_EXIT_CODES}"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误 (usage error): {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="govdisclosure",
        description="政府信息公开工作年度报告: check, read and write annual reports.",
        epilog=_EPILOG,
        formatter_class=raw,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p_check = sub.add_parser(
        "check",
        help="check reports and print their findings",
        description="Check reports (files, or folders searched recursively for "
        + ", ".join(REPORT_SUFFIXES)
        + ") and print their findings, then a summary.",
        epilog=_EXIT_CODES,
        formatter_class=raw,
    )
    p_check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p_check.add_argument("--previous", type=Path, help="last year's report, for cross-year rules")
    p_check.add_argument(
        "--select",
        action="append",
        metavar="PREFIXES",
        help="only rules whose code starts with one of these (repeatable, comma-separated)",
    )
    p_check.add_argument(
        "--ignore",
        action="append",
        metavar="PREFIXES",
        help="skip rules whose code starts with one of these (repeatable, comma-separated)",
    )
    p_check.add_argument(
        "--preset",
        choices=tuple(presets()),
        help="default (every rule at its severity), strict (warnings become errors) or "
        "lenient (errors only for the hard identities; no notes)",
    )
    p_check.add_argument(
        "--format",
        choices=("text", "json", "sarif", "github"),
        default="text",
        help="text (default), json, sarif (SARIF 2.1.0), github (workflow commands)",
    )
    p_check.add_argument(
        "--fail-on",
        choices=("error", "warning", "note", "never"),
        default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )
    p_check.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="check with N processes (0: one per CPU; default 1). Output order is the "
        "input order whatever N is",
    )
    p_check.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    p_check.add_argument("--lang", choices=("zh", "en"), default="zh", help="message language")
    p_check.add_argument(
        "--no-progress", action="store_true", help="no progress bar, even on a terminal"
    )

    p_convert = sub.add_parser(
        "convert",
        help="convert reports to JSON, tidy CSV, Markdown or HTML",
        description="Write a report as canonical JSON, as a Markdown or HTML page in the "
        "official layout, or many reports (files or folders) as one tidy CSV of cells.",
        epilog=_EXIT_CODES,
        formatter_class=raw,
    )
    p_convert.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p_convert.add_argument(
        "--to", required=True, choices=("json", "csv", "markdown", "html"), dest="target"
    )
    p_convert.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    p_convert.add_argument(
        "--mark-findings", action="store_true", help="HTML: mark the findings of check()"
    )

    p_rules = sub.add_parser("rules", help="list every rule")
    p_rules.add_argument("--lang", choices=("zh", "en"), default="zh", help="summary language")
    p_rule = sub.add_parser("rule", help="show one rule's full documentation")
    p_rule.add_argument("code")
    sub.add_parser("schema", help="print the JSON Schema of the canonical form")
    return parser


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return jobs or os.cpu_count() or 1


# -- reading -----------------------------------------------------------------------------


def _read(path: Path) -> tuple[AnnualReport, tuple[Finding, ...], str]:
    """The report in ``path``, the parser's diagnostics, and the format it was read as.

    Every file goes through :func:`govdisclosure.parse`: ``.json`` files are the canonical
    form, any other file a published document (HTML, Word, PDF, text). The parser applies
    the size limit before reading.

    Raises:
        GovDisclosureError: the file cannot be read, is too large, is not a report, or
            its format needs an extra that is not installed. ``where`` is the path.
    """
    from .parsers import parse

    try:
        if not path.is_file():
            if path.exists():
                raise IsADirectoryError(21, "not a file")
            raise FileNotFoundError(2, "no such file")
        result = parse(path)
    except OSError as error:
        raise GovDisclosureError(
            f"无法读取文件：{_os_reason(error, zh=True)}",
            f"cannot read the file: {_os_reason(error, zh=False)}",
            where=str(path),
        ) from None
    except GovDisclosureError as error:
        error.where = _where(path, error.where)
        raise
    return result.report, tuple(result.diagnostics), result.format


def _os_reason(error: OSError, *, zh: bool) -> str:
    reasons_zh = {
        "FileNotFoundError": "文件或文件夹不存在",
        "PermissionError": "没有读取权限",
        "IsADirectoryError": "不是文件",
    }
    name = type(error).__name__
    if zh and name in reasons_zh:
        return reasons_zh[name]
    return error.strerror or str(error)


def _where(path: Path, where: str | None) -> str:
    if not where:
        return str(path)
    return where if where.startswith(str(path)) else f"{path}: {where}"


def _error_line(error: BaseException, path: Path) -> str:
    if isinstance(error, GovDisclosureError):
        error.where = _where(path, error.where)
        return str(error)
    # A bug, not bad input: still one line, naming the file.
    return f"{path}: 内部错误 (internal error): {type(error).__name__}: {error}"


# -- checking ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Options:
    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    preset: str | None
    previous: AnnualReport | None


@attrs.frozen(kw_only=True)
class _Outcome:
    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    format: str | None = None
    fatal: bool = False


def _split_prefixes(values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    out = [p.strip().upper() for v in values for p in v.split(",") if p.strip()]
    return tuple(dict.fromkeys(out))


_DIAGNOSTIC_PREFIX = re.compile(r"GD9[0-9]{0,2}")


def _validate_prefixes(prefixes: tuple[str, ...] | None, what: str) -> None:
    if prefixes is None:
        return
    codes = [r.code for r in rules()]
    for prefix in prefixes:
        if not any(c.startswith(prefix) for c in codes) and not _DIAGNOSTIC_PREFIX.fullmatch(
            prefix
        ):
            raise RuleSelectionError(
                f"{what} 中的 {prefix!r} 不是任何规则代码的前缀",
                f"{prefix!r} in {what} matches no rule code",
            )


def _for_catalogue(prefixes: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The prefixes ``check()`` knows (parser diagnostics are filtered here instead)."""
    if prefixes is None:
        return None
    codes = [r.code for r in rules()]
    return tuple(p for p in prefixes if any(c.startswith(p) for c in codes))


def _selected(code: str, options: _Options) -> bool:
    if options.select is not None and not code.startswith(options.select):
        return False
    return not (options.ignore and code.startswith(options.ignore))


def _check_kwargs(options: _Options) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "previous": options.previous,
        "select": _for_catalogue(options.select),
    }
    ignore = _for_catalogue(options.ignore)
    if ignore:
        kwargs["ignore"] = ignore
    if options.preset is not None:
        kwargs["preset"] = options.preset
    return kwargs


def _with_lines(path: Path, findings: list[Finding]) -> list[Finding]:
    """Findings on a JSON file, with the line of each pointer as their source position."""
    from .codecs import pointer_lines

    wanted = {f.location.pointer for f in findings}
    wanted.update(r.pointer for f in findings for r in f.related)
    try:
        lines = pointer_lines(path.read_text(encoding="utf-8"), wanted)
    except (OSError, UnicodeDecodeError):
        return findings

    def locate(location: Any) -> Any:
        line = lines.get(location.pointer)
        if location.span is not None or line is None:
            return location
        return attrs.evolve(location, span=SourceSpan(line=line))

    return [
        attrs.evolve(f, location=locate(f.location), related=tuple(locate(r) for r in f.related))
        for f in findings
    ]


def _check_one(path_text: str, options: _Options) -> _Outcome:
    path = Path(path_text)
    try:
        report, diagnostics, source_format = _read(path)
        findings = [d for d in diagnostics if _selected(d.code, options)]
        findings += check(report, **_check_kwargs(options))
        if source_format == "json" and findings:
            findings = _with_lines(path, findings)
        return _Outcome(path=path_text, findings=tuple(findings), format=source_format)
    except RuleSelectionError as error:
        return _Outcome(path=path_text, error=str(error), fatal=True)
    except KeyboardInterrupt:
        raise
    except Exception as error:
        return _Outcome(path=path_text, error=_error_line(error, path))


_WORKER_OPTIONS: _Options | None = None


def _init_worker(options: _Options) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent process handles Ctrl-C


def _check_in_worker(path_text: str) -> _Outcome:
    assert _WORKER_OPTIONS is not None
    return _check_one(path_text, _WORKER_OPTIONS)


def _run(paths: list[str], options: _Options, jobs: int) -> Iterator[_Outcome]:
    """Check ``paths``; outcomes come in input order whatever ``jobs`` is."""
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield _check_one(path, options)
        return
    workers = min(jobs, len(paths))
    chunksize = max(1, min(16, len(paths) // (workers * 8)))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(options,))
    try:
        yield from pool.map(_check_in_worker, paths, chunksize=chunksize)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _expand(paths: Iterable[Path]) -> tuple[list[str], list[_Outcome]]:
    """Files to read (folders searched recursively), and paths that give none."""
    files: dict[str, None] = {}
    missing: list[_Outcome] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                str(p)
                for p in path.rglob("*")
                if p.suffix.lower() in REPORT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.is_file()
            )
            if not found:
                missing.append(
                    _Outcome(
                        path=str(path),
                        error=f"{path}: 文件夹中没有报告文件（{'、'.join(REPORT_SUFFIXES)}）"
                        f" (no report files in this folder)",
                    )
                )
            files.update(dict.fromkeys(found))
        elif path.exists():
            files[str(path)] = None
        else:
            missing.append(
                _Outcome(path=str(path), error=f"{path}: 路径不存在 (no such file or folder)")
            )
    return list(files), missing


# -- output ------------------------------------------------------------------------------


class _Progress:
    """A one-line progress bar on stderr, drawn only on a terminal (stdlib only)."""

    def __init__(self, total: int, stream: TextIO, *, enabled: bool) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled and total > PROGRESS_MIN_FILES and _isatty(stream)
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn >= 0.1 or self.done == self.total:
            self._drawn = now
            self.draw()

    def draw(self) -> None:
        if not self.enabled:
            return
        width = max(10, min(40, _terminal_width() - 40))
        filled = width * self.done // max(self.total, 1)
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total}  {rate:.0f}/s ")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * (_terminal_width() - 1) + "\r")
            self.stream.flush()


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def _text_line(path: str, finding: Finding, lang: str) -> str:
    location = finding.location
    where = f"{path}:{location.pointer}"
    if location.span is not None:
        where += f" ({location.span})"
    return f"{where}: {finding.code} [{finding.severity.value}] {finding.text(lang)}"


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github_line(path: str, finding: Finding, lang: str) -> str:
    location = finding.location
    props = [f"file={_github_escape(path, prop=True)}"]
    span = location.span
    if span is not None and span.line is not None:
        props.append(f"line={span.line}")
        if span.end_line is not None and span.end_line > span.line:
            props.append(f"endLine={span.end_line}")
    title = f"{finding.code} {finding.name} @ {location.pointer or '/'}"
    props.append(f"title={_github_escape(title, prop=True)}")
    message = _github_escape(finding.text(lang))
    return f"::{_GITHUB_LEVEL[finding.severity]} {','.join(props)}::{message}"


def _summary(outcomes: list[_Outcome], lang: str) -> str:
    counts = dict.fromkeys(Severity, 0)
    for outcome in outcomes:
        for finding in outcome.findings:
            counts[finding.severity] += 1
    failed = sum(1 for o in outcomes if o.error is not None)
    e, w, n = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.NOTE]
    if lang == "en":
        text = f"{len(outcomes)} file(s) checked: {e} error(s), {w} warning(s), {n} note(s)"
        return text + (f"; {failed} file(s) could not be read" if failed else "")
    text = f"共检查 {len(outcomes)} 个文件：错误 {e} 条，警告 {w} 条，提示 {n} 条"
    return text + (f"；{failed} 个文件无法读取" if failed else "")


def _open_output(path: Path | None, *, newline: str | None = None) -> TextIO:
    if path is None:
        return sys.stdout
    try:
        return path.open("w", encoding="utf-8", newline=newline)
    except OSError as error:
        raise GovDisclosureError(
            f"无法写入文件：{_os_reason(error, zh=True)}",
            f"cannot write the file: {_os_reason(error, zh=False)}",
            where=str(path),
        ) from None


def _cmd_check(args: argparse.Namespace) -> int:
    select = _split_prefixes(args.select)
    ignore = _split_prefixes(args.ignore)
    _validate_prefixes(select, "--select")
    _validate_prefixes(ignore, "--ignore")
    previous = None
    if args.previous is not None:
        previous, _, _ = _read(args.previous)
    options = _Options(select=select, ignore=ignore, preset=args.preset, previous=previous)
    files, missing = _expand(args.paths)
    threshold = None if args.fail_on == "never" else Severity(args.fail_on).rank

    out = _open_output(args.output)
    streaming = args.format in ("text", "github")
    summary_stream = out if streaming and args.output is None else sys.stderr
    progress = _Progress(len(files), sys.stderr, enabled=not args.no_progress)
    outcomes: list[_Outcome] = []
    try:
        for outcome in missing:
            _report_failure(outcome, args.format, out)
            outcomes.append(outcome)
        for outcome in _run(files, options, args.jobs):
            if outcome.fatal:
                progress.clear()
                raise RuleSelectionError(outcome.error or "", outcome.error)
            outcomes.append(outcome)
            printed = outcome.error is not None or (streaming and outcome.findings)
            if printed:
                progress.clear()
            if outcome.error is not None:
                _report_failure(outcome, args.format, out)
            elif streaming:
                for finding in outcome.findings:
                    line = (
                        _text_line(outcome.path, finding, args.lang)
                        if args.format == "text"
                        else _github_line(outcome.path, finding, args.lang)
                    )
                    print(line, file=out)
            if printed:
                out.flush()
            progress.advance()
        progress.clear()
        if args.format == "json":
            from .codecs import findings_to_json

            out.write(findings_to_json(_records(outcomes)) + "\n")
        elif args.format == "sarif":
            from .codecs import to_sarif

            sarif = to_sarif(_records(outcomes), base_uri=Path.cwd().as_uri() + "/")
            # Compact: logs of thousands of files are read by viewers, not people.
            out.write(json.dumps(sarif, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(_summary(outcomes, args.lang), file=summary_stream)
    finally:
        if out is not sys.stdout:
            out.close()
    if any(o.error is not None for o in outcomes):
        return EXIT_USAGE
    worst = max((f.severity.rank for o in outcomes for f in o.findings), default=-1)
    return EXIT_FINDINGS if threshold is not None and worst >= threshold else EXIT_OK


def _records(outcomes: list[_Outcome]) -> list[Any]:
    from .codecs import FileFindings

    return [
        FileFindings(path=o.path, findings=o.findings, error=o.error, format=o.format)
        for o in outcomes
    ]


def _report_failure(outcome: _Outcome, output_format: str, out: TextIO) -> None:
    message = outcome.error or ""
    print(f"govdisclosure: {message}", file=sys.stderr)
    if output_format == "github":
        props = f"file={_github_escape(outcome.path, prop=True)},title=govdisclosure"
        print(f"::error {props}::{_github_escape(message)}", file=out)


# -- other commands ----------------------------------------------------------------------


def _cmd_convert(args: argparse.Namespace) -> int:
    files, missing = _expand(args.paths)
    for outcome in missing:
        print(f"govdisclosure: {outcome.error}", file=sys.stderr)
    if args.target != "csv" and len(files) + len(missing) != 1:
        raise GovDisclosureError(
            f"转换为 {args.target} 时只能给一个文件（CSV 可以多个）",
            f"--to {args.target} takes one file (only --to csv takes many)",
        )
    if args.target == "csv":
        return _convert_csv(files, args.output) or (EXIT_USAGE if missing else EXIT_OK)
    if missing:
        return EXIT_USAGE
    report, _, _ = _read(Path(files[0]))
    if args.target == "json":
        from .codecs import dumps

        text = dumps(report) + "\n"
    elif args.target == "markdown":
        from .render import render_markdown

        text = render_markdown(report)
    else:
        from .render import render_html

        text = render_html(report, check(report) if args.mark_findings else None)
    out = _open_output(args.output)
    try:
        out.write(text)
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_OK


def _convert_csv(files: list[str], output: Path | None) -> int:
    from .codecs import write_csv

    failed = 0

    def reports() -> Iterator[AnnualReport]:
        nonlocal failed
        for name in files:
            path = Path(name)
            try:
                report, _, source_format = _read(path)
            except GovDisclosureError as error:
                failed += 1
                print(f"govdisclosure: {_error_line(error, path)}", file=sys.stderr)
                continue
            if report.source is None or not report.source.document:
                source = report.source or Source(format=source_format)
                report = attrs.evolve(report, source=attrs.evolve(source, document=name))
            yield report

    out = _open_output(output, newline="")
    try:
        write_csv(reports(), out)
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_USAGE if failed else EXIT_OK


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cmd_rules(lang: str, out: TextIO) -> int:
    rows = [("CODE", "SEVERITY", "NAME", "SUMMARY")]
    for rule in rules():
        summary = rule.summary if lang == "en" else rule.summary_zh
        rows.append((rule.code, rule.severity.value, rule.name, summary))
    widths = [max(_width(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row[:3])]
        print("  ".join([*cells, row[3]]), file=out)
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
            return _cmd_check(args)
        if args.command == "convert":
            return _cmd_convert(args)
        if args.command == "rules":
            return _cmd_rules(args.lang, out)
        if args.command == "rule":
            return _cmd_rule(args.code, out)
        if args.command == "schema":
            return _cmd_schema(out)
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
    parser.print_help(sys.stderr)
    return EXIT_USAGE
