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
import operator
import os
import signal
import stat
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import attrs

from .._fsnames import readable
from .._limits import DEFAULT_LIMITS, Limits
from .._workers import tied_initializer
from ..checks import Finding, Location, Origin, Severity, check, presets, rules
from ..checks._finding import new_finding, new_location
from ..exceptions import GovDisclosureError, RuleSelectionError
from ..model import AnnualReport, Edition, Layout, SourceSpan, cell_refs, describe
from ..parsers import ParseResult
from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    REPORT_SUFFIXES,
    Missing,
    NotAReportError,
    Progress,
    Skipped,
    add_lang_option,
    add_walk_options,
    error_line,
    exit_codes,
    expand,
    jobs,
    open_output,
    paths_help,
    read,
    run_limits,
    tell_skipped,
    use_limits,
)
from ._lang import error_text, say, using

__all__ = [
    "Outcome",
    "check_file",
    "pair_years",
    "register",
    "run_check",
    "summary_line",
    "text_lines",
]


def register(sub: Any) -> None:
    """Add the ``check`` command to the subparsers ``sub``."""
    raw = argparse.RawDescriptionHelpFormatter
    p_check = sub.add_parser(
        "check",
        help=say("核对报告并列出检查结果", "check reports and print their findings"),
        description=say(
            "核对报告（文件，或递归查找 "
            + "、".join(REPORT_SUFFIXES)
            + " 的文件夹），列出检查结果和汇总。",
            "Check reports (files, or folders searched recursively for "
            + ", ".join(REPORT_SUFFIXES)
            + ") and print their findings, then a summary.",
        ),
        epilog=exit_codes(),
        formatter_class=raw,
    )
    p_check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=paths_help())
    p_check.add_argument(
        "--previous",
        type=Path,
        help=say(
            "同一机关上一年度的报告，用于跨年度规则（年度不是上一年时为警告 GD801）",
            "last year's report of the same organ, for cross-year rules (a report of "
            "another year is a warning, GD801)",
        ),
    )
    p_check.add_argument(
        "--pair-years",
        action="store_true",
        help=say(
            "在所给文件中为每份报告找到同一机关上一年度的报告，一并比较",
            "compare each report with the same organ's report of the year before, "
            "found among the files given",
        ),
    )
    p_check.add_argument(
        "--select",
        action="append",
        metavar="PREFIXES",
        help=say(
            "只运行代码以这些前缀开头的规则（可重复，逗号分隔）",
            "only rules whose code starts with one of these (repeatable, comma-separated)",
        ),
    )
    p_check.add_argument(
        "--ignore",
        action="append",
        metavar="PREFIXES",
        help=say(
            "跳过代码以这些前缀开头的规则（可重复，逗号分隔）",
            "skip rules whose code starts with one of these (repeatable, comma-separated)",
        ),
    )
    p_check.add_argument(
        "--preset",
        choices=tuple(presets()),
        help=say(
            "default（全部规则，默认严重程度）、strict（警告升为错误）或 lenient"
            "（只有硬性勾稽关系为错误；不报提示）",
            "default (every rule at its severity), strict (warnings become errors) or "
            "lenient (errors only for the hard identities; no notes)",
        ),
    )
    p_check.add_argument(
        "--format",
        choices=("text", "json", "sarif", "github"),
        default="text",
        help=say(
            "text（默认）、json、sarif（SARIF 2.1.0）、github（工作流命令）",
            "text (default), json, sarif (SARIF 2.1.0), github (workflow commands)",
        ),
    )
    p_check.add_argument(
        "--fail-on",
        choices=("error", "warning", "note", "never"),
        default="error",
        help=say(
            "有达到此严重程度的检查结果时以 1 退出（默认 error）",
            "exit 1 when a finding is at least this severe (default: error)",
        ),
    )
    p_check.add_argument(
        "-j",
        "--jobs",
        type=jobs,
        default=1,
        metavar="N",
        help=say(
            "用 N 个进程核对（0：每个 CPU 一个；默认 1）。输出顺序总是输入顺序",
            "check with N processes (0: one per CPU; default 1). Output order is the "
            "input order whatever N is",
        ),
    )
    p_check.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=say("写入文件 FILE", "write to FILE")
    )
    add_walk_options(p_check)
    add_lang_option(p_check)
    p_check.add_argument(
        "--no-progress",
        action="store_true",
        help=say("不显示进度条（即使在终端上）", "no progress bar, even on a terminal"),
    )
    p_check.set_defaults(run=run_check)


@attrs.frozen(kw_only=True)
class _Options:
    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    preset: str | None
    previous: AnnualReport | None
    lang: str = "zh"
    #: Whether the output shows related locations' lines (JSON, SARIF), or only each
    #: finding's own (text, GitHub annotations).
    related_lines: bool = True
    #: The limits files are read with (``--limit``).
    limits: Limits = DEFAULT_LIMITS


@attrs.frozen(kw_only=True)
class Outcome:
    """What checking one file gave (or why it could not be read)."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    format: str | None = None
    layout: Layout | None = None
    fatal: bool = False
    #: The file is not a report at all (passed over in a folder walk).
    foreign: bool = False
    #: The report it was compared with as last year's (``--pair-years``).
    previous: str | None = None


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


def _with_lines(
    bytes_of: Callable[[], bytes], findings: list[Finding], *, related: bool
) -> list[Finding]:
    """Findings on a JSON file (its bytes from ``bytes_of()``), with the line of each
    pointer as their source position: of every location, or (``related=False``, for
    output that shows only where a finding is) of each finding's own."""
    from ..codecs._jsonpos import lines_of_file

    wanted = {f.location.pointer for f in findings}
    if related:
        wanted.update(r.pointer for f in findings for r in f.related)
    try:
        lines, shared = lines_of_file(bytes_of(), wanted)
    except (OSError, UnicodeDecodeError):
        return findings

    def locate(location: Location) -> Location:
        if location.span is not None:
            return location
        line = lines.get(location.pointer)
        if line is None:
            return location
        if location.text_range is None and location.report is None:
            return _located(location.pointer, line)
        return new_location(
            location.pointer, location.text_range, _line_span(line), location.report
        )

    def locate_all(places: tuple[Location, ...]) -> tuple[Location, ...]:
        if not shared:
            return tuple(map(locate, places))
        # The lines are those of every file of this skeleton, and an identity's related
        # places one tuple in every run: located once for all those files.
        key = (id(places), id(lines))
        done = _RELATED_LOCATED.get(key)
        if done is None or done[0] is not places or done[1] is not lines:
            if len(_RELATED_LOCATED) >= _LOCATED_KEPT:
                _RELATED_LOCATED.clear()
            done = _RELATED_LOCATED[key] = (places, lines, tuple(map(locate, places)))
        return done[2]

    out = []
    for f in findings:
        where = locate(f.location)
        also = locate_all(f.related) if related else f.related
        if where is f.location and all(map(operator.is_, also, f.related)):
            out.append(f)
            continue
        out.append(
            new_finding(
                f.code,
                f.name,
                f.severity,
                f.message,
                f.message_en,
                where,
                also,
                f.expected,
                f.actual,
                f.origin,
            )
        )
    return out


#: The located places of plain locations by (pointer, line), and the span of each line:
#: immutable, so shared by the findings of every file (files laid out alike put their
#: cells on the same lines). Each emptied when it grows past :data:`_LOCATED_KEPT`.
_LOCATED: dict[tuple[str, int], Location] = {}
_LINE_SPANS: dict[int, SourceSpan] = {}
_LOCATED_KEPT = 4096
#: Related places located, by (their tuple, the lines of a skeleton), with both kept so
#: that their ``id`` stays theirs (see :func:`_with_lines`).
_RELATED_LOCATED: dict[
    tuple[int, int], tuple[tuple[Location, ...], Mapping[str, int], tuple[Location, ...]]
] = {}


def _line_span(line: int) -> SourceSpan:
    span = _LINE_SPANS.get(line)
    if span is None:
        if len(_LINE_SPANS) >= _LOCATED_KEPT:
            _LINE_SPANS.clear()
        span = _LINE_SPANS[line] = SourceSpan(line=line)
    return span


def _located(pointer: str, line: int) -> Location:
    """The :class:`Location` of ``pointer`` on ``line`` (no text range, no other report)."""
    key = (pointer, line)
    location = _LOCATED.get(key)
    if location is None:
        if len(_LOCATED) >= _LOCATED_KEPT:
            _LOCATED.clear()
        location = _LOCATED[key] = new_location(pointer, None, _line_span(line), None)
    return location


@lru_cache(maxsize=32)
def _read_previous(path_text: str) -> AnnualReport:
    # Last year's report of several files of one organ is read once per process.
    return read(Path(path_text)).report


def _check_one(path_text: str, options: _Options, previous_path: str | None = None) -> Outcome:
    return check_file(path_text, options, previous_path=previous_path)[0]


def check_file(
    path_text: str,
    options: _Options,
    read_file: Callable[[str], ParseResult] | None = None,
    bytes_of: Callable[[str], bytes] | None = None,
    previous_path: str | None = None,
) -> tuple[Outcome, ParseResult | None]:
    """What ``govdisclosure check`` says of one file, and what reading it gave.

    ``read_file(path_text)`` reads it (:func:`read` of the path by default), and
    ``bytes_of(path_text)`` gives the bytes of a JSON file, whose findings get the line
    of each pointer (by default, those read once from disk). ``previous_path`` is the
    file of the organ's report of the year before (``--pair-years``).
    """
    path = Path(path_text)
    data: bytes | None = None
    with using(options.lang):
        try:
            if read_file is None:
                data = _json_bytes(path)
                result = read(path, data)
            else:
                result = read_file(path_text)
            previous = options.previous
            if previous_path is not None:
                previous = _read_previous(previous_path)
            kwargs: dict[str, Any] = {"previous": previous, "select": options.select}
            if options.ignore:
                kwargs["ignore"] = options.ignore
            if options.preset is not None:
                kwargs["preset"] = options.preset
            findings = check(result, **kwargs)
            if result.format == "json" and findings:
                if data is not None:
                    held = data
                    source: Callable[[], bytes] = lambda: held  # noqa: E731
                elif bytes_of is not None:
                    source = lambda: bytes_of(path_text)  # noqa: E731
                else:
                    source = path.read_bytes
                findings = _with_lines(source, findings, related=options.related_lines)
            outcome = Outcome(
                path=path_text,
                findings=tuple(findings),
                format=result.format,
                layout=result.report.layout,
                previous=previous_path,
            )
            return outcome, result
        except RuleSelectionError as error:
            return Outcome(path=path_text, error=error_text(error), fatal=True), None
        except NotAReportError as error:
            return Outcome(path=path_text, error=error_line(error, path), foreign=True), None
        except KeyboardInterrupt:
            raise
        except Exception as error:
            named = path if read_file is None else path_text  # a URL stays as written
            return Outcome(path=path_text, error=error_line(error, named)), None


@attrs.frozen(kw_only=True)
class _Identity:
    """Who published a file's report, for which year, and how well it was read."""

    path: str
    agency: str = ""
    year: int = 0
    quality: tuple[int, int] = (0, 0)


def _identify(path_text: str) -> _Identity:
    try:
        result = read(Path(path_text))
    except Exception:
        return _Identity(path=path_text)
    report = result.report
    reading = sum(1 for d in result.diagnostics if d.origin is Origin.READING)
    return _Identity(
        path=path_text,
        agency="".join(report.agency.name.split()),
        year=report.year,
        quality=(len(report.unread), reading),
    )


def pair_years(identities: Sequence[_Identity]) -> dict[str, str]:
    """For each file, the file of the same organ's report of the year before, if any
    (of several, the best read: fewest unread cells, then fewest reading findings)."""
    by_key: dict[tuple[str, int], list[_Identity]] = {}
    for identity in identities:
        if identity.agency and identity.year > 0:
            by_key.setdefault((identity.agency, identity.year), []).append(identity)
    pairs: dict[str, str] = {}
    for identity in identities:
        candidates = by_key.get((identity.agency, identity.year - 1))
        if identity.agency and candidates:
            best = min(candidates, key=lambda c: (c.quality, identities.index(c)))
            pairs[identity.path] = best.path
    return pairs


def _json_bytes(path: Path) -> bytes | None:
    """The bytes of a ``.json`` file that :func:`read` would read whole, else ``None``
    (any other file, one it cannot read, one over the size limit: :func:`read` decides
    and says why)."""
    if path.suffix.lower() != ".json":
        return None
    try:
        status = os.stat(path)
        largest = run_limits().max_bytes
        if not stat.S_ISREG(status.st_mode) or status.st_size > largest:
            return None
        with open(path, "rb") as file:
            # As large as the file is (a buffer of the limit's size costs more than
            # reading a report); then whatever it has grown by since, up to the limit.
            data = file.read(status.st_size + 1)
            if len(data) > status.st_size:
                data += file.read(largest + 1 - len(data))
    except (OSError, ValueError):
        return None
    return data if len(data) <= largest else None


_WORKER_OPTIONS: _Options | None = None


def _init_worker(options: _Options) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    use_limits(options.limits)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent process handles Ctrl-C


def _check_in_worker(item: tuple[str, str | None]) -> Outcome:
    assert _WORKER_OPTIONS is not None
    return _check_one(item[0], _WORKER_OPTIONS, item[1])


def _identify_in_worker(path_text: str) -> _Identity:
    return _identify(path_text)


def _pool(options: _Options, jobs: int, count: int) -> ProcessPoolExecutor | None:
    if jobs <= 1 or count < 2:
        return None
    workers = min(jobs, count)
    # The workers die with this process, even when it is killed (SIGTERM, SIGKILL).
    initializer, initargs = tied_initializer(_init_worker, options)
    return ProcessPoolExecutor(max_workers=workers, initializer=initializer, initargs=initargs)


def _chunksize(jobs: int, count: int) -> int:
    return max(1, min(16, count // (max(1, min(jobs, count)) * 8)))


def _run(
    paths: list[str], options: _Options, jobs: int, pairs: dict[str, str] | None = None
) -> Iterator[Outcome]:
    """Check ``paths``; outcomes come in input order whatever ``jobs`` is."""
    items = [(path, (pairs or {}).get(path)) for path in paths]
    pool = _pool(options, jobs, len(paths))
    if pool is None:
        for path, previous in items:
            yield _check_one(path, options, previous)
        return
    try:
        yield from pool.map(_check_in_worker, items, chunksize=_chunksize(jobs, len(paths)))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _identities(paths: list[str], options: _Options, jobs: int) -> list[_Identity]:
    pool = _pool(options, jobs, len(paths))
    if pool is None:
        return [_identify(path) for path in paths]
    try:
        return list(pool.map(_identify_in_worker, paths, chunksize=_chunksize(jobs, len(paths))))
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
    """One line closing a file's findings: how many, and how many are about reading (and,
    with ``--pair-years``, which report was taken for last year's)."""
    path = readable(outcome.path)
    compared = ""
    if outcome.previous is not None:
        previous = readable(outcome.previous)
        compared = (
            f"; compared with last year's {previous}"
            if lang == "en"
            else f"；已与上一年度报告 {previous} 比较"
        )
    if not outcome.findings:
        if lang == "zh":
            return f"{path}: 未发现问题{compared}"
        return f"{path}: no findings{compared}"
    counts, reading = _counts(outcome.findings)
    e, w, n = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.NOTE]
    if lang == "en":
        return (
            f"{path}: {e} error(s), {w} warning(s), {n} note(s) "
            f"({len(outcome.findings) - reading} on the report, {reading} on reading it)"
            f"{compared}"
        )
    return (
        f"{path}: 错误 {e} 条，警告 {w} 条，提示 {n} 条"
        f"（关于报告 {len(outcome.findings) - reading} 条，关于读取 {reading} 条）{compared}"
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
    if args.pair_years and args.previous is not None:
        raise GovDisclosureError(
            "--previous 和 --pair-years 不能同时使用",
            "--previous and --pair-years cannot be used together",
        )
    previous = None
    if args.previous is not None:
        previous = read(args.previous).report
    options = _Options(
        select=select,
        ignore=ignore,
        preset=args.preset,
        previous=previous,
        lang=args.lang,
        related_lines=args.format in ("json", "sarif"),
        limits=run_limits(),
    )
    files, missing, skipped = expand(args.paths, include=args.glob, exclude=args.exclude)
    named = {str(p) for p in args.paths}
    tell_skipped(skipped)
    pairs = pair_years(_identities(files, options, args.jobs)) if args.pair_years else None
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
        for outcome in _run(files, options, args.jobs, pairs):
            if outcome.fatal:
                progress.clear()
                raise RuleSelectionError(outcome.error or "", outcome.error)
            if outcome.foreign and outcome.path not in named:
                progress.clear()
                print(Skipped(path=outcome.path, reason=_reason(outcome)).line(), file=sys.stderr)
                progress.advance()
                continue
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
            out.write(_compact_json(sarif, boxes=_with_boxes(outcomes)) + "\n")
        print(summary_line(outcomes, args.lang), file=summary_stream)
    finally:
        if out is not sys.stdout:
            out.close()
    if any(o.error is not None for o in outcomes):
        return EXIT_USAGE
    worst = max((f.severity.rank for o in outcomes for f in o.findings), default=-1)
    return EXIT_FINDINGS if threshold is not None and worst >= threshold else EXIT_OK


def _with_boxes(outcomes: Sequence[Outcome]) -> bool:
    """Whether a finding of ``outcomes`` has a place with a box (a PDF's coordinates, the
    only floats of a log)."""
    return any(
        place.span is not None and place.span.bbox is not None
        for outcome in outcomes
        for finding in outcome.findings
        for place in (finding.location, *finding.related)
    )


def _compact_json(data: Any, *, boxes: bool) -> str:
    """``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``: written by msgspec
    in C when ``data`` holds no float (``boxes`` false): it escapes strings and writes
    integers as ``json.dumps`` does, and floats otherwise."""
    if not boxes:
        try:
            import msgspec

            text: str = msgspec.json.encode(data).decode("utf-8")
            return text
        except Exception:  # a lone surrogate, or no msgspec: the standard library writes it
            pass
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _reason(outcome: Outcome) -> str:
    """The error of a foreign file without its path (the skip line names it)."""
    text = outcome.error or ""
    prefix = f"{readable(outcome.path)}: "
    return text[len(prefix) :] if text.startswith(prefix) else text


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
