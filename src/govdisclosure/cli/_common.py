"""What the commands share: reading files, walking folders, writing output, progress.

Every command reads reports through :func:`read` (one :func:`govdisclosure.parse` per
file) and names a file it cannot read in one line (:func:`error_line`), never a
traceback.
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TextIO

import attrs

from .._fsnames import readable
from ..exceptions import GovDisclosureError
from ..parsers import ParseResult

__all__ = [
    "EXIT_CODES",
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "PROGRESS_MIN_FILES",
    "REPORT_SUFFIXES",
    "Missing",
    "Parser",
    "Progress",
    "error_line",
    "expand",
    "open_output",
    "os_reason",
    "read",
    "where",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

#: File name suffixes a folder is searched for (a file named on the command line is
#: read whatever its suffix).
REPORT_SUFFIXES = (".json", ".html", ".htm", ".docx", ".pdf", ".txt")

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


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 2 with a bilingual one-liner."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误 (usage error): {message}\n")


# -- reading -----------------------------------------------------------------------------


def read(path: Path) -> ParseResult:
    """The report in ``path`` with the parser's diagnostics and the format it was read as.

    Every file goes through :func:`govdisclosure.parse`: ``.json`` files are the canonical
    form, any other file a published document (HTML, Word, PDF, text). The parser applies
    the size limit before reading.

    Raises:
        GovDisclosureError: the file cannot be read, is too large, is not a report, or
            its format needs an extra that is not installed. ``where`` is the path.
    """
    from ..parsers import parse

    try:
        if not path.is_file():
            if path.exists():
                raise IsADirectoryError(21, "not a file")
            raise FileNotFoundError(2, "no such file")
        return parse(path)
    except OSError as error:
        raise GovDisclosureError(
            f"无法读取文件：{os_reason(error, zh=True)}",
            f"cannot read the file: {os_reason(error, zh=False)}",
            where=readable(path),
        ) from None
    except GovDisclosureError as error:
        error.where = where(path, error.where)
        raise


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


def where(path: Path, inner: str | None) -> str:
    """``path``, or ``inner`` (a place inside it) prefixed with it (as valid UTF-8 text:
    a name that is not UTF-8 is shown with backslash escapes)."""
    name = readable(path)
    if not inner:
        return name
    inner = readable(inner)
    return inner if inner.startswith(name) else f"{name}: {inner}"


def error_line(error: BaseException, path: Path) -> str:
    """One line saying why ``path`` failed."""
    if isinstance(error, GovDisclosureError):
        error.where = where(path, error.where)
        return readable(str(error))
    # A bug, not bad input: still one line, naming the file.
    return readable(
        f"{where(path, None)}: 内部错误 (internal error): {type(error).__name__}: {error}"
    )


@attrs.frozen(kw_only=True)
class Missing:
    """A path on the command line that gives no file to read, and why (one line)."""

    path: str
    error: str


def expand(paths: Iterable[Path]) -> tuple[list[str], list[Missing]]:
    """Files to read (folders searched recursively), and paths that give none.

    Paths are kept as the operating system gives them (a name that is not UTF-8 holds
    ``surrogateescape`` characters); messages show them with :func:`readable`. In a
    folder, every entry with a report suffix that is not a regular file (a named pipe, a
    socket, a device, a dangling symbolic link, a symbolic link loop) is named with its
    reason, as a file that cannot be read: the run then exits 2. Symbolic links to
    folders are not followed (so a link loop is never walked).
    """
    files: dict[str, None] = {}
    missing: list[Missing] = []
    for path in paths:
        if path.is_dir():
            found: list[str] = []
            odd: list[Missing] = []
            for p in path.rglob("*"):
                if p.suffix.lower() not in REPORT_SUFFIXES or any(
                    part.startswith(".") for part in p.relative_to(path).parts
                ):
                    continue
                kind = _not_a_file(p)
                if kind is None:
                    found.append(str(p))
                elif kind != _FOLDER:
                    odd.append(_unreadable(p, kind))
            if not found and not odd:
                missing.append(
                    Missing(
                        path=str(path),
                        error=f"{readable(path)}: 文件夹中没有报告文件"
                        f"（{'、'.join(REPORT_SUFFIXES)}） (no report files in this folder)",
                    )
                )
            files.update(dict.fromkeys(sorted(found)))
            missing.extend(sorted(odd, key=lambda m: m.path))
        elif path.exists():
            files[str(path)] = None
        else:
            kind = _not_a_file(path)
            missing.append(_unreadable(path, kind or ("路径不存在", "no such file or folder")))
    return list(files), missing


_FOLDER = ("文件夹", "a folder")


def _not_a_file(path: Path) -> tuple[str, str] | None:
    """Why ``path`` is not a regular file that can be read (Chinese, English), or
    ``None`` if it is one. :data:`_FOLDER` for a folder."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return "符号链接指向的文件不存在", "a dangling symbolic link"
        return "路径不存在", "no such file or folder"
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
    zh, en = why
    return Missing(path=str(path), error=f"{readable(path)}: {zh}，未读取 ({en}; not read)")


# -- output ------------------------------------------------------------------------------


def open_output(path: Path | None, *, newline: str | None = None) -> TextIO:
    """``path`` opened for writing UTF-8 text, or standard output."""
    if path is None:
        return sys.stdout
    try:
        return path.open("w", encoding="utf-8", newline=newline)
    except OSError as error:
        raise GovDisclosureError(
            f"无法写入文件：{os_reason(error, zh=True)}",
            f"cannot write the file: {os_reason(error, zh=False)}",
            where=readable(path),
        ) from None


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
