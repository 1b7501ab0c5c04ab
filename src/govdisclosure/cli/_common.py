"""What the commands share: reading files, walking folders, writing output, progress.

Every command reads reports through :func:`read` (one :func:`govdisclosure.parse` per
file) and names a file it cannot read in one line (:func:`error_line`), never a
traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TextIO

import attrs

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
            where=str(path),
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


def where(path: Path | str, inner: str | None) -> str:
    """``path``, or ``inner`` (a place inside it) prefixed with it."""
    if not inner:
        return str(path)
    return inner if inner.startswith(str(path)) else f"{path}: {inner}"


def error_line(error: BaseException, path: Path | str) -> str:
    """One line saying why ``path`` failed."""
    if isinstance(error, GovDisclosureError):
        error.where = where(path, error.where)
        return str(error)
    # A bug, not bad input: still one line, naming the file.
    return f"{path}: 内部错误 (internal error): {type(error).__name__}: {error}"


@attrs.frozen(kw_only=True)
class Missing:
    """A path on the command line that gives no file to read, and why (one line)."""

    path: str
    error: str


def expand(paths: Iterable[Path]) -> tuple[list[str], list[Missing]]:
    """Files to read (folders searched recursively), and paths that give none."""
    files: dict[str, None] = {}
    missing: list[Missing] = []
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
                    Missing(
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
                Missing(path=str(path), error=f"{path}: 路径不存在 (no such file or folder)")
            )
    return list(files), missing


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
            where=str(path),
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
