"""What the commands share: reading files, walking folders, writing output, progress.

Every command reads reports through :func:`read` (one :func:`govdisclosure.parse` per
file) and names a file it cannot read in one line (:func:`error_line`), never a
traceback.
"""

from __future__ import annotations

import argparse
import errno
import fnmatch
import json
import os
import stat
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any, TextIO

import attrs

from .._fsnames import readable
from .._limits import DEFAULT_LIMITS, Limits
from ..exceptions import GovDisclosureError, ParseError, StructureError
from ..parsers import ParseResult
from ._lang import error_text, say

__all__ = [
    "EXIT_CODES",
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "PROGRESS_MIN_FILES",
    "REPORT_SUFFIXES",
    "Missing",
    "NotAReportError",
    "Parser",
    "Progress",
    "Skipped",
    "add_lang_option",
    "add_walk_options",
    "error_line",
    "exit_codes",
    "expand",
    "limit_option",
    "limits_of",
    "open_output",
    "os_reason",
    "paths_help",
    "read",
    "run_limits",
    "tell_skipped",
    "use_limits",
    "where",
    "write_bytes",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

#: File name suffixes a folder is searched for (a file named on the command line is
#: read whatever its suffix).
REPORT_SUFFIXES = (".json", ".html", ".htm", ".docx", ".xlsx", ".pdf", ".txt")

#: Why a folder walk passes over a file of these suffixes (Chinese, English); ``{suffix}``
#: is the file's own suffix, as its name spells it.
_NOT_READ: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        (".doc", ".wps", ".rtf"),
        (
            "旧版 Word/WPS 文字文件，无法读取；请另存为 .docx",
            "a legacy Word/WPS file; save it as .docx",
        ),
    ),
    **dict.fromkeys(
        (".xls", ".et"),
        (
            "旧版 Excel/WPS 表格文件，无法读取；请另存为 .xlsx",
            "a legacy Excel/WPS file; save it as .xlsx",
        ),
    ),
    **dict.fromkeys(
        (".md", ".markdown"),
        (
            "文件夹中的 Markdown 文件不读取（多为说明文件）；"
            "要读取请直接指明该文件，或用 --glob '*{suffix}'",
            "Markdown in a folder is not read (it is usually a README); name the file, or "
            "use --glob '*{suffix}'",
        ),
    ),
    **dict.fromkeys(
        (".zip", ".rar", ".7z", ".tar", ".gz"),
        ("压缩包：请先解压", "an archive: unpack it first"),
    ),
    **dict.fromkeys(
        (".png", ".jpg", ".jpeg"),
        (
            "文件夹中的图片不读取（一页的照片多不是完整的报告）；要用文字识别读取，"
            "请直接指明该文件（需要 ocr 扩展），或用 --glob '*{suffix}'",
            "images in a folder are not read (a photo of one page is rarely a whole "
            "report); name the file to read it by OCR (the ocr extra), or use "
            "--glob '*{suffix}'",
        ),
    ),
    **dict.fromkeys(
        (".tif", ".tiff", ".bmp", ".gif"),
        ("图片文件：只读取 PNG 和 JPEG 图片", "an image: only PNG and JPEG images are read"),
    ),
    ".ofd": ("OFD 版式文件，无法读取；请用 PDF", "an OFD file; use the PDF"),
    ".sarif": ("SARIF 检查结果文件，不是报告", "a SARIF log of findings, not a report"),
    ".csv": ("CSV 表格，不是报告", "a CSV table, not a report"),
    ".parquet": ("Parquet 数据文件，不是报告", "a Parquet file, not a report"),
}

#: Show a progress bar on a terminal when a run has more files than this.
PROGRESS_MIN_FILES = 5

EXIT_CODES = """\
exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or input error: a bad option, a path that does not exist, a file that
     cannot be read or is not a report. Every other file is still checked; the
     run then exits 2 even if it also found findings (its result is incomplete).
"""

_EXIT_CODES_ZH = """\
退出码：
  0  没有达到 --fail-on 所指严重程度的检查结果
  1  有达到 --fail-on 所指严重程度的检查结果
  2  用法或输入错误：选项有误、路径不存在、文件无法读取或不是报告。其余文件照常检查，
     但即使也有检查结果，仍以 2 退出（结果不完整）。
"""


def exit_codes() -> str:
    """The exit codes, as help text in the language of the run."""
    return say(_EXIT_CODES_ZH, EXIT_CODES)


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 2 with a bilingual one-liner."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {say('用法错误', 'usage error')}: {message}\n")


# -- reading -----------------------------------------------------------------------------


_limits: Limits = DEFAULT_LIMITS


def run_limits() -> Limits:
    """The limits files are read with in this run (``--limit``)."""
    return _limits


def use_limits(limits: Limits) -> None:
    """Read this run's files with ``limits`` (in a worker process too)."""
    global _limits
    _limits = limits


def limit_option(text: str) -> tuple[str, Any]:
    """``--limit NAME=VALUE``: a field of :class:`~govdisclosure.Limits` and its value."""
    name, equals, value = text.partition("=")
    name = name.strip().replace("-", "_")
    kinds = {f.name: getattr(f.type, "__name__", f.type) for f in attrs.fields(Limits)}
    if not equals or name not in kinds:
        raise argparse.ArgumentTypeError(
            say(
                f"应为 名称=值，名称为 {', '.join(kinds)} 之一：{text!r}",
                f"expected NAME=VALUE, NAME one of {', '.join(kinds)}: {text!r}",
            )
        )
    value = value.strip()
    try:
        parsed: Any
        if kinds[name] == "bool":
            parsed = _BOOLEANS[value.lower()]
        elif kinds[name] == "int":
            parsed = int(value)
        else:
            parsed = float(value)
        attrs.evolve(DEFAULT_LIMITS, **{name: parsed})  # the field's own validation
    except (KeyError, ValueError, TypeError):
        raise argparse.ArgumentTypeError(
            say(f"{name} 的值无效：{value!r}", f"not a valid value of {name}: {value!r}")
        ) from None
    return name, parsed


_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def limits_of(items: Sequence[tuple[str, Any]] | None) -> Limits:
    """The limits ``--limit`` options give (the defaults for the others)."""
    chosen: dict[str, Any] = dict(items or ())
    return attrs.evolve(DEFAULT_LIMITS, **chosen)


def read(path: Path, data: bytes | None = None) -> ParseResult:
    """The report in ``path`` with the parser's diagnostics and the format it was read as.

    Every file goes through :func:`govdisclosure.parse`: ``.json`` files are the canonical
    form, any other file a published document (HTML, Word, PDF, text). The parser applies
    the size limit before reading. ``data``, when given, is the bytes of the JSON file at
    ``path``, already read by the caller.

    Raises:
        GovDisclosureError: the file cannot be read, is too large, is not a report, or
            its format needs an extra that is not installed. ``where`` is the path.
    """
    from ..parsers import parse

    try:
        if data is not None:
            return parse(data, format="json", limits=_limits)
        if not path.is_file():
            if path.exists():
                raise IsADirectoryError(21, "not a file")
            raise FileNotFoundError(2, "no such file")
        return parse(path, limits=_limits)
    except StructureError as error:
        try:
            raw = path.read_bytes() if data is None else data
        except OSError:
            raw = b""
        foreign = foreign_json(raw)
        if foreign is not None:
            raise NotAReportError(*foreign, where=readable(path)) from None
        error.where = where(path, error.where)
        raise
    except ParseError as error:
        if error.reason in _FOREIGN_REASONS and path.suffix.lower() in (".xlsx", ".xlsm"):
            raise NotAReportError(error.message, error.message_en, where=readable(path)) from None
        error.where = where(path, error.where)
        raise
    except OSError as error:
        raise GovDisclosureError(
            f"无法读取文件：{os_reason(error, zh=True)}",
            f"cannot read the file: {os_reason(error, zh=False)}",
            where=readable(path),
        ) from None
    except GovDisclosureError as error:
        error.where = where(path, error.where)
        raise


class NotAReportError(GovDisclosureError):
    """A file that is not a report at all (a JSON file without a report's keys, a
    workbook with no report table): named and passed over in a folder walk, an error
    when named on the command line."""


#: Reasons of a workbook's ParseError that make it a foreign file in a folder.
_FOREIGN_REASONS = frozenset({"not_a_report", "several_reports"})
#: What every report has (in the canonical JSON form, as in a published one): table 三.
_REPORT_KEY = "applications"


def foreign_json(raw: bytes) -> tuple[str, str] | None:
    """Why the JSON document ``raw`` is not a report at all (Chinese, English), or
    ``None`` when it has a table 三 (``applications``): then its structure errors are the
    news."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if isinstance(data, dict) and _REPORT_KEY in data:
        return None
    if isinstance(data, dict) and "runs" in data and "version" in data:
        what = ("这是 SARIF 检查结果文件", "it is a SARIF log of findings")
    elif isinstance(data, dict) and "files" in data and "summary" in data:
        what = (
            "这是检查结果文件（check --format json）",
            "it is a findings file (check --format json)",
        )
    elif isinstance(data, dict):
        keys = "、".join(list(data)[:5])
        what = (f"它的键是 {keys}", f"its keys are {', '.join(list(data)[:5])}")
    else:
        what = (f"它是 {type(data).__name__}", f"it is a JSON {type(data).__name__}")
    return (
        f"这个 JSON 文件不是年度报告：没有表三（applications），{what[0]}",
        f"this JSON file is not a report: it has no table 三 (applications); {what[1]}",
    )


def os_reason(error: OSError, *, zh: bool) -> str:
    """Why an operating-system call failed, in Chinese or English."""
    reasons_zh = {
        "FileNotFoundError": "文件或文件夹不存在",
        "PermissionError": "没有读取权限",
        "IsADirectoryError": "不是文件",
    }
    name = type(error).__name__
    if zh and name in reasons_zh:
        return reasons_zh[name]
    return error.strerror or str(error)


def where(path: Path | str, inner: str | None) -> str:
    """``path``, or ``inner`` (a place inside it) prefixed with it (as valid UTF-8 text:
    a name that is not UTF-8 is shown with backslash escapes, see :func:`readable`)."""
    name = readable(path)
    if not inner:
        return name
    inner = readable(inner)
    return inner if inner.startswith(name) else f"{name}: {inner}"


def error_line(error: BaseException, path: Path | str) -> str:
    """One line saying why ``path`` failed, in the language of the run."""
    if isinstance(error, GovDisclosureError):
        error.where = where(path, error.where)
        return error_text(error)
    # A bug, not bad input: still one line, naming the file.
    return readable(
        f"{where(path, None)}: {say('内部错误', 'internal error')}: {type(error).__name__}: {error}"
    )


@attrs.frozen(kw_only=True)
class Missing:
    """A path on the command line that gives no file to read, and why (one line)."""

    path: str
    error: str


@attrs.frozen(kw_only=True)
class Skipped:
    """A file a folder walk passed over, and why (in the language of the run)."""

    path: str
    reason: str

    def line(self) -> str:
        """The line saying so."""
        return f"govdisclosure: {say('跳过', 'skipped')} {readable(self.path)}: {self.reason}"


def _matches(relative: Path, patterns: Sequence[str]) -> bool:
    text = relative.as_posix()
    return any(
        fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(relative.name, pattern)
        for pattern in patterns
    )


def expand(
    paths: Iterable[Path],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> tuple[list[str], list[Missing], list[Skipped]]:
    """Files to read (folders searched recursively), paths that give none, and the files
    a folder walk passed over with why.

    In a folder, a file is read when its suffix is one of :data:`REPORT_SUFFIXES`, or it
    matches a pattern of ``include`` (``--glob``: then only matching files are read);
    files and folders matching ``exclude`` (``--exclude``) are left out and counted;
    hidden files and folders are left out and counted; every other file is named with
    the reason it is not read. A file named on the command line is always read.

    Paths are kept as the operating system gives them (a name that is not UTF-8 holds
    ``surrogateescape`` characters); messages show them with :func:`readable`. An entry
    the walk would read that is no regular file (a named pipe, a socket, a device, a
    dangling symbolic link, a symbolic link loop) is named with its reason, as a file
    that cannot be read (in ``missing``: the run then exits 2). Symbolic links to
    folders are not followed (so a link loop is never walked).
    """
    files: dict[str, None] = {}
    missing: list[Missing] = []
    skipped: list[Skipped] = []
    for path in paths:
        if path.is_dir():
            found: list[str] = []
            odd: list[Missing] = []
            hidden = excluded = 0
            for p in sorted(path.rglob("*")):
                relative = p.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    hidden += p.is_file()
                    continue
                if exclude and (
                    _matches(relative, exclude)
                    or any(
                        _matches(Path(*relative.parts[: i + 1]), exclude)
                        for i in range(len(relative.parts) - 1)
                    )
                ):
                    excluded += p.is_file()
                    continue
                suffix = p.suffix.lower()
                wanted = _matches(relative, include) if include else suffix in REPORT_SUFFIXES
                kind = _not_a_file(p)
                if kind is _FOLDER:
                    continue
                if kind is not None:
                    if wanted:  # no file, under a name the walk reads: it cannot be read
                        odd.append(_unreadable(p, kind))
                    continue
                if wanted:
                    found.append(str(p))
                elif not include:
                    skipped.append(Skipped(path=str(p), reason=_why_not(p.suffix)))
            if hidden or excluded:
                counted = []
                if hidden:
                    counted.append(say(f"{hidden} 个隐藏文件", f"{hidden} hidden file(s)"))
                if excluded:
                    counted.append(
                        say(
                            f"{excluded} 个按 --exclude 排除的文件",
                            f"{excluded} file(s) by --exclude",
                        )
                    )
                skipped.append(Skipped(path=str(path), reason=say("，", ", ").join(counted)))
            if not found and not odd:
                what = (
                    say("与 --glob 相符的文件", "files matching --glob")
                    if include
                    else say(f"报告文件（{'、'.join(REPORT_SUFFIXES)}）", "report files")
                )
                missing.append(
                    Missing(
                        path=str(path),
                        error=f"{readable(path)}: "
                        + say(f"文件夹中没有{what}", f"no {what} in this folder"),
                    )
                )
            files.update(dict.fromkeys(found))
            missing.extend(odd)
        elif path.exists():
            files[str(path)] = None
        else:
            missing.append(_unreadable(path, _not_a_file(path) or _NO_SUCH_PATH))
    return list(files), missing, skipped


_FOLDER = ("文件夹", "a folder")
_NO_SUCH_PATH = ("路径不存在", "no such file or folder")


def _not_a_file(path: Path) -> tuple[str, str] | None:
    """Why ``path`` is not a regular file that can be read (Chinese, English), or
    ``None`` if it is one; :data:`_FOLDER` for a folder."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return "符号链接指向的文件不存在", "a dangling symbolic link"
        return _NO_SUCH_PATH
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "符号链接形成循环", "a symbolic link loop"
        return os_reason(error, zh=True), os_reason(error, zh=False)
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _FOLDER
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO），不是普通文件", "a named pipe (FIFO), not a regular file"
    if stat.S_ISSOCK(mode):
        return "套接字，不是普通文件", "a socket, not a regular file"
    return "设备文件，不是普通文件", "a device, not a regular file"


def _unreadable(path: Path, why: tuple[str, str]) -> Missing:
    """``path`` named as a path that gives no file to read, with why."""
    zh, en = why
    if why is not _NO_SUCH_PATH:
        zh, en = f"{zh}，未读取", f"{en}; not read"
    return Missing(path=str(path), error=f"{readable(path)}: {say(zh, en)}")


def _why_not(suffix: str) -> str:
    """Why a walk passes over a file whose name ends in ``suffix`` (as spelt there)."""
    known = _NOT_READ.get(suffix.lower())
    if known is not None:
        zh, en = known
        return say(zh.replace("{suffix}", suffix), en.replace("{suffix}", suffix))
    if not suffix:
        return say("没有扩展名，格式未知", "no file name suffix: the format is not known")
    return say(f"不是报告的文件格式（{suffix}）", f"not a report's file format ({suffix})")


def tell_skipped(skipped: Iterable[Skipped], stream: TextIO | None = None) -> None:
    """Print one line per file or folder a walk passed over."""
    for item in skipped:
        print(item.line(), file=stream or sys.stderr)


# -- output ------------------------------------------------------------------------------


def open_output(path: Path | None, *, newline: str | None = None) -> TextIO:
    """``path`` opened for writing UTF-8 text, or standard output."""
    if path is None:
        return sys.stdout
    try:
        return path.open("w", encoding="utf-8", newline=newline)
    except OSError as error:
        raise _cannot_write(error, path) from None


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (its folder made), or say why not."""
    try:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        raise _cannot_write(error, path) from None


def _cannot_write(error: OSError, path: Path) -> GovDisclosureError:
    return GovDisclosureError(
        f"无法写入文件：{os_reason(error, zh=True)}",
        f"cannot write the file: {os_reason(error, zh=False)}",
        where=readable(path),
    )


class Progress:
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


def jobs(value: str) -> int:
    """``--jobs``: a number of processes (0: one per CPU)."""
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if count < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return count or os.cpu_count() or 1


# -- options several commands share -------------------------------------------------------


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """``--lang`` after the command, as before the command (see :mod:`._lang`)."""
    from ._lang import LANGUAGES

    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=say(
            "输出语言（也可写在命令前）", "message language (may come before the command too)"
        ),
    )


def add_walk_options(parser: argparse.ArgumentParser) -> None:
    """The options of the commands that read files: ``--glob`` and ``--exclude`` (which
    files a folder walk reads) and ``--limit`` (how much reading one may take)."""
    parser.add_argument(
        "--limit",
        action="append",
        type=limit_option,
        default=[],
        metavar="NAME=VALUE",
        help=say(
            "读取每个文件的安全上限（可重复），如 max_seconds=120、"
            "max_ocr_seconds_per_page=60、max_pages=50；名称见 govdisclosure.Limits",
            "a safety limit for reading each file (repeatable), such as max_seconds=120, "
            "max_ocr_seconds_per_page=60, max_pages=50; the names are govdisclosure.Limits'",
        ),
    )
    parser.add_argument(
        "--glob",
        action="append",
        default=[],
        metavar="PATTERN",
        help=say(
            "在文件夹中只读取与之相符的文件（如 '*.pdf'、'2023/*'；可重复）",
            "in folders, read only files matching PATTERN ('*.pdf', '2023/*'; repeatable)",
        ),
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help=say(
            "在文件夹中跳过与之相符的文件或文件夹（可重复）",
            "in folders, skip files or folders matching PATTERN (repeatable)",
        ),
    )


def paths_help() -> str:
    """The help of the PATH arguments."""
    return say(
        f"报告文件或文件夹（文件夹递归查找 {'、'.join(REPORT_SUFFIXES)} 文件）",
        f"report files or folders (searched recursively for {', '.join(REPORT_SUFFIXES)})",
    )
