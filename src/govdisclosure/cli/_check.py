"""``govdisclosure check``: findings for files and folders of reports.

Text output names every place in the template's words (表三“（一）予以公开”行“总计”列)
with its line or page, says whose problem each finding is (``[error/report]``: the report
as published; ``[warning/reading]``: what reading the document could not do), groups the
blank-cell warnings of one row into one line, and ends each file with a one-line summary.
JSON and SARIF keep one entry per finding.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

import attrs

from .._fsnames import readable
from .._workers import tied_initializer
from ..checks import Finding, Origin, Severity, check, presets, rules
from ..exceptions import RuleSelectionError
from ..model import AnnualReport, Edition, Layout, SourceSpan, cell_refs, describe
from ._common import (
    EXIT_CODES,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    REPORT_SUFFIXES,
    Missing,
    Progress,
    error_line,
    expand,
    jobs,
    open_output,
    read,
)

__all__ = ["Outcome", "register", "run_check", "summary_line", "text_lines"]


def register(sub: Any) -> None:
    """Add the ``check`` command to the subparsers ``sub``."""
    raw = argparse.RawDescriptionHelpFormatter
    p_check = sub.add_parser(
        "check",
        help="check reports and print their findings",
        description="Check reports (files, or folders searched recursively for "
        + ", ".join(REPORT_SUFFIXES)
        + ") and print their findings, then a summary.",
        epilog=EXIT_CODES,
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
        type=jobs,
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
    p_check.set_defaults(run=run_check)


@attrs.frozen(kw_only=True)
class _Options:
    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    preset: str | None
    previous: AnnualReport | None


@attrs.frozen(kw_only=True)
class Outcome:
    """What checking one file gave (or why it could not be read)."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    format: str | None = None
    layout: Layout | None = None
    fatal: bool = False


def _split_prefixes(values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    out = [p.strip().upper() for v in values for p in v.split(",") if p.strip()]
    return tuple(dict.fromkeys(out))


def _validate_prefixes(prefixes: tuple[str, ...] | None, what: str) -> None:
    if prefixes is None:
        return
    codes = [r.code for r in rules()]
    for prefix in prefixes:
        if not any(c.startswith(prefix) for c in codes):
            raise RuleSelectionError(
                f"{what} 中的 {prefix!r} 不是任何规则代码的前缀",
                f"{prefix!r} in {what} matches no rule code",
            )


def _with_lines(path: Path, findings: list[Finding]) -> list[Finding]:
    """Findings on a JSON file, with the line of each pointer as their source position."""
    from ..codecs import pointer_lines

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


def _check_one(path_text: str, options: _Options) -> Outcome:
    path = Path(path_text)
    try:
        result = read(path)
        kwargs: dict[str, Any] = {"previous": options.previous, "select": options.select}
        if options.ignore:
            kwargs["ignore"] = options.ignore
        if options.preset is not None:
            kwargs["preset"] = options.preset
        findings = check(result, **kwargs)
        if result.format == "json" and findings:
            findings = _with_lines(path, findings)
        return Outcome(
            path=path_text,
            findings=tuple(findings),
            format=result.format,
            layout=result.report.layout,
        )
    except RuleSelectionError as error:
        return Outcome(path=path_text, error=str(error), fatal=True)
    except KeyboardInterrupt:
        raise
    except Exception as error:
        return Outcome(path=path_text, error=error_line(error, path))


_WORKER_OPTIONS: _Options | None = None


def _init_worker(options: _Options) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent process handles Ctrl-C


def _check_in_worker(path_text: str) -> Outcome:
    assert _WORKER_OPTIONS is not None
    return _check_one(path_text, _WORKER_OPTIONS)


def _run(paths: list[str], options: _Options, jobs: int) -> Iterator[Outcome]:
    """Check ``paths``; outcomes come in input order whatever ``jobs`` is."""
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield _check_one(path, options)
        return
    workers = min(jobs, len(paths))
    chunksize = max(1, min(16, len(paths) // (workers * 8)))
    # The workers die with this process, even when it is killed (SIGTERM, SIGKILL).
    initializer, initargs = tied_initializer(_init_worker, options)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=initializer, initargs=initargs)
    try:
        yield from pool.map(_check_in_worker, paths, chunksize=chunksize)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- text output -------------------------------------------------------------------------

_BLANK = "GD010"
#: The layout pointers are described in when a file's is not known.
_DEFAULT = Layout(Edition.E2021, Edition.E2021)


def _place(finding: Finding, layout: Layout | None, lang: str, *, named: str = "") -> str:
    """Where the finding is, in the template's words, with its page; the words are left
    out when ``named`` (the message) opens with them already."""
    location = finding.location
    zh, en = describe(location.pointer, layout or _DEFAULT)
    place = zh if lang == "zh" else en
    if location.report == "previous":
        place = ("上一年度报告" if lang == "zh" else "last year's report: ") + place
    page = _page(location.span, lang)
    if named.startswith(place):
        return page.strip(" （）()")
    return place + page


def _page(span: SourceSpan | None, lang: str) -> str:
    """The page of a PDF position, as a suffix (a line goes into ``path:line``)."""
    if span is None or span.page is None:
        return ""
    return f"（第 {span.page} 页）" if lang == "zh" else f" (page {span.page})"


def _tag(finding: Finding) -> str:
    return f"[{finding.severity.value}/{finding.origin.value}]"


def _line_of(path: str, finding: Finding) -> str:
    """``path:line`` where the finding has a line (text, JSON, web pages), else ``path``
    (shown as valid UTF-8: a name that is not UTF-8 gets backslash escapes)."""
    span = finding.location.span
    if span is not None and span.line is not None:
        return f"{readable(path)}:{span.line}"
    return readable(path)


def text_lines(outcome: Outcome, lang: str) -> list[str]:
    """The text lines of one file's findings (blank cells of one row on one line), then the
    file's summary line."""
    lines: list[str] = []
    findings = outcome.findings
    i = 0
    while i < len(findings):
        finding = findings[i]
        j = i + 1
        if finding.code == _BLANK:
            row = finding.location.pointer.rsplit("/", 1)[0]
            while (
                j < len(findings)
                and findings[j].code == _BLANK
                and findings[j].severity is finding.severity
                and findings[j].location.pointer.rsplit("/", 1)[0] == row
            ):
                j += 1
        if j - i > 1:
            lines.append(_blank_row_line(outcome, findings[i:j], lang))
        else:
            message = finding.text(lang)
            place = _place(finding, outcome.layout, lang, named=message)
            where = f" {place}:" if place else ""
            lines.append(
                f"{_line_of(outcome.path, finding)}:{where} {finding.code} {_tag(finding)} "
                f"{message}"
            )
        i = j
    lines.append(file_summary(outcome, lang))
    return lines


def _blank_row_line(outcome: Outcome, group: Sequence[Finding], lang: str) -> str:
    first = group[0]
    layout = outcome.layout or _DEFAULT
    row = first.location.pointer.rsplit("/", 1)[0]
    row_zh, row_en = describe(row, layout)
    refs = {ref.pointer: ref for ref in cell_refs(layout)}
    columns_zh = [
        refs[f.location.pointer].column.label(layout.edition)
        if f.location.pointer in refs
        else f.location.pointer
        for f in group
    ]
    columns_en = [f.location.pointer.rsplit("/", 1)[1] for f in group]
    page = _page(first.location.span, lang)
    if lang == "zh":
        place = row_zh + page
        message = (
            f"{len(group)} 个单元格为空（{'、'.join(columns_zh)}）；空白不等于 0，"
            "涉及这些单元格的勾稽关系未核对"
        )
    else:
        place = row_en + page
        message = (
            f"{len(group)} cells are blank ({', '.join(columns_en)}); blank is not zero, "
            "identities involving them were not checked"
        )
    return f"{_line_of(outcome.path, first)}: {place}: {first.code} {_tag(first)} {message}"


def _counts(findings: Sequence[Finding]) -> tuple[dict[Severity, int], int]:
    counts = dict.fromkeys(Severity, 0)
    reading = 0
    for finding in findings:
        counts[finding.severity] += 1
        reading += finding.origin is Origin.READING
    return counts, reading


def file_summary(outcome: Outcome, lang: str) -> str:
    """One line closing a file's findings: how many, and how many are about reading."""
    path = readable(outcome.path)
    if not outcome.findings:
        return f"{path}: 未发现问题" if lang == "zh" else f"{path}: no findings"
    counts, reading = _counts(outcome.findings)
    e, w, n = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.NOTE]
    if lang == "en":
        return (
            f"{path}: {e} error(s), {w} warning(s), {n} note(s) "
            f"({len(outcome.findings) - reading} on the report, {reading} on reading it)"
        )
    return (
        f"{path}: 错误 {e} 条，警告 {w} 条，提示 {n} 条"
        f"（关于报告 {len(outcome.findings) - reading} 条，关于读取 {reading} 条）"
    )


def summary_line(outcomes: Sequence[Outcome], lang: str) -> str:
    """The run's summary: files, findings by severity and origin, files not read."""
    counts = dict.fromkeys(Severity, 0)
    reading = total = 0
    for outcome in outcomes:
        found, by_reading = _counts(outcome.findings)
        for severity, count in found.items():
            counts[severity] += count
        reading += by_reading
        total += len(outcome.findings)
    failed = sum(1 for o in outcomes if o.error is not None)
    e, w, n = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.NOTE]
    if lang == "en":
        text = (
            f"{len(outcomes)} file(s) checked: {e} error(s), {w} warning(s), {n} note(s) "
            f"({total - reading} on the reports, {reading} on reading them)"
        )
        return text + (f"; {failed} file(s) could not be read" if failed else "")
    text = (
        f"共检查 {len(outcomes)} 个文件：错误 {e} 条，警告 {w} 条，提示 {n} 条"
        f"（关于报告 {total - reading} 条，关于读取 {reading} 条）"
    )
    return text + (f"；{failed} 个文件无法读取" if failed else "")


# -- GitHub annotations ------------------------------------------------------------------

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github_line(outcome: Outcome, finding: Finding, lang: str) -> str:
    location = finding.location
    props = [f"file={_github_escape(readable(outcome.path), prop=True)}"]
    span = location.span
    if span is not None and span.line is not None:
        props.append(f"line={span.line}")
        if span.end_line is not None and span.end_line > span.line:
            props.append(f"endLine={span.end_line}")
    place = _place(finding, outcome.layout, lang)
    title = f"{finding.code} {finding.name} ({finding.origin.value}) @ {place}"
    props.append(f"title={_github_escape(title, prop=True)}")
    message = _github_escape(finding.text(lang))
    return f"::{_GITHUB_LEVEL[finding.severity]} {','.join(props)}::{message}"


# -- the command -------------------------------------------------------------------------


def run_check(args: argparse.Namespace) -> int:
    """Run ``govdisclosure check``; return the exit code."""
    select = _split_prefixes(args.select)
    ignore = _split_prefixes(args.ignore)
    _validate_prefixes(select, "--select")
    _validate_prefixes(ignore, "--ignore")
    previous = None
    if args.previous is not None:
        previous = read(args.previous).report
    options = _Options(select=select, ignore=ignore, preset=args.preset, previous=previous)
    files, missing = expand(args.paths)
    threshold = None if args.fail_on == "never" else Severity(args.fail_on).rank

    out = open_output(args.output)
    streaming = args.format in ("text", "github")
    summary_stream = out if streaming and args.output is None else sys.stderr
    progress = Progress(len(files), sys.stderr, enabled=not args.no_progress)
    outcomes: list[Outcome] = []
    try:
        for lost in missing:
            outcome = Outcome(path=lost.path, error=lost.error)
            _report_failure(outcome, args.format, out)
            outcomes.append(outcome)
        for outcome in _run(files, options, args.jobs):
            if outcome.fatal:
                progress.clear()
                raise RuleSelectionError(outcome.error or "", outcome.error)
            outcomes.append(outcome)
            printed = outcome.error is not None or streaming
            if printed:
                progress.clear()
            if outcome.error is not None:
                _report_failure(outcome, args.format, out)
            elif args.format == "text":
                for line in text_lines(outcome, args.lang):
                    print(line, file=out)
            elif args.format == "github":
                for finding in outcome.findings:
                    print(_github_line(outcome, finding, args.lang), file=out)
            if printed:
                out.flush()
            progress.advance()
        progress.clear()
        if args.format == "json":
            from ..codecs import findings_to_json

            out.write(findings_to_json(_records(outcomes)) + "\n")
        elif args.format == "sarif":
            from ..codecs import to_sarif

            sarif = to_sarif(_records(outcomes), base_uri=Path.cwd().as_uri() + "/")
            # Compact: logs of thousands of files are read by viewers, not people.
            out.write(json.dumps(sarif, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(summary_line(outcomes, args.lang), file=summary_stream)
    finally:
        if out is not sys.stdout:
            out.close()
    if any(o.error is not None for o in outcomes):
        return EXIT_USAGE
    worst = max((f.severity.rank for o in outcomes for f in o.findings), default=-1)
    return EXIT_FINDINGS if threshold is not None and worst >= threshold else EXIT_OK


def _records(outcomes: list[Outcome]) -> list[Any]:
    from ..codecs import FileFindings

    return [
        FileFindings(
            path=o.path, findings=o.findings, error=o.error, format=o.format, layout=o.layout
        )
        for o in outcomes
    ]


def _report_failure(outcome: Outcome | Missing, output_format: str, out: TextIO) -> None:
    message = outcome.error or ""
    print(f"govdisclosure: {message}", file=sys.stderr)
    if output_format == "github":
        props = f"file={_github_escape(readable(outcome.path), prop=True)},title=govdisclosure"
        print(f"::error {props}::{_github_escape(message)}", file=out)
