"""Check many reports: JSON Lines in, findings out, in constant memory.

One report per line, in the canonical JSON form (what :func:`govdisclosure.dumps` writes
with ``indent=None``)::

    >>> import govdisclosure
    >>> for result in govdisclosure.check_jsonl("reports.jsonl", jobs=2):  # doctest: +SKIP
    ...     if result.error is not None:
    ...         print(result.error)            # reports.jsonl:17: 报告结构有 1 处错误…
    ...     for finding in result.findings:
    ...         print(result.where, result.agency, result.year, finding)

A line that is not a report gives a result carrying its error, and the stream goes on.
Lines are read one at a time (a line over ``limits.max_bytes`` is skipped without being
held in memory), and with ``jobs > 1`` only a few chunks of lines are in flight at once,
so memory stays flat however long the input is. Results come in input order.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import IO, Any, NamedTuple

import attrs

from ._fsnames import readable
from ._limits import DEFAULT_LIMITS, Limits
from ._workers import tied_initializer
from .checks import Finding, Severity, check
from .checks._engine import Overrides, Prefixes, schedule
from .codecs import loads
from .exceptions import GovDisclosureError, LimitExceededError, ParseError
from .model import Edition

__all__ = ["LineResult", "check_jsonl"]

Source = str | os.PathLike[str] | IO[bytes] | Iterable[str | bytes]

#: Chunks of lines in flight per worker process: enough to keep them busy, few enough
#: that memory does not grow with the input.
_IN_FLIGHT_PER_JOB = 4
_SKIP_BLOCK = 1 << 16
#: About how much of a file one worker task reads (whole lines).
_RANGE_BYTES = 1 << 20


@attrs.frozen(kw_only=True)
class LineResult:
    """What checking one line of a JSON Lines input gave.

    Attributes:
        line: the 1-based line number in the input.
        source: the file's path when the input was a path (or a file with a name),
            else ``None``.
        agency: the agency's name, when the line is a report.
        year: the report's year, when the line is a report.
        edition: the report's edition, when the line is a report.
        findings: the findings of :func:`govdisclosure.check`, in its order.
        error: why the line is not a report (a :class:`~govdisclosure.StructureError`
            or :class:`~govdisclosure.LimitExceededError` whose ``where`` is
            ``"file:line"``), else ``None``.
    """

    line: int
    source: str | None = None
    agency: str | None = None
    year: int | None = None
    edition: Edition | None = None
    findings: tuple[Finding, ...] = ()
    error: GovDisclosureError | None = attrs.field(default=None, eq=False)

    @property
    def ok(self) -> bool:
        """Whether the line was a report (it may still have findings)."""
        return self.error is None

    @property
    def where(self) -> str:
        """``"file:line"`` (or ``"line N"`` when the input has no name)."""
        return _where(self.source, self.line)


class _Options(NamedTuple):
    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    severity: dict[str, Severity | str] | None
    preset: str | None
    limits: Limits
    source: str | None


def check_jsonl(
    source: Source,
    *,
    jobs: int = 1,
    select: Prefixes = None,
    ignore: Prefixes = None,
    severity: Overrides = None,
    preset: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    chunksize: int = 64,
) -> Generator[LineResult, None, None]:
    """Check every report of a JSON Lines input, one :class:`LineResult` per line.

    Args:
        source: a path (``str`` or :class:`os.PathLike`), a binary file open for reading,
            or an iterable of lines (``str`` or ``bytes``; a line's trailing newline is
            optional). Blank lines are skipped.
        jobs: worker processes. ``1`` checks in this process; more use a process pool
            (the default :mod:`multiprocessing` start method; under ``spawn`` the calling
            script needs the usual ``if __name__ == "__main__":`` guard). The workers
            end when this process ends, however it is killed.
        select: as for :func:`govdisclosure.check`.
        ignore: as for :func:`govdisclosure.check`.
        severity: as for :func:`govdisclosure.check`.
        preset: as for :func:`govdisclosure.check`.
        limits: the :class:`~govdisclosure.Limits` for each line (``max_bytes`` is the
            longest line read).
        chunksize: lines sent to a worker at a time when ``jobs > 1`` and ``source`` is
            not a path (a file given by path is split into ranges of about 1 MiB of
            whole lines, which the workers read themselves).

    Returns:
        A generator of results in input order. Reading starts on the first ``next()``;
        closing it early (``close()``, or leaving a ``for`` loop and dropping it) closes
        the file and stops the worker processes.

    Raises:
        RuleSelectionError: ``select``, ``ignore``, ``severity`` or ``preset`` names no
            rule or preset (raised at once, before anything is read).
        ParseError: ``source`` is a path that does not exist, is a directory or cannot
            be opened (``reason="unreadable"``; raised at once).
        ValueError: ``jobs`` or ``chunksize`` is below 1.

    A line is never the end of the stream: a line that is not a report, or that
    checking fails on for any reason, gives a result whose ``error`` says why, and the
    next line is read.
    """
    if jobs < 1 or chunksize < 1:
        raise ValueError("jobs and chunksize must be at least 1")
    options = _Options(
        select=_as_tuple(select),
        ignore=_as_tuple(ignore),
        severity=dict(severity) if severity else None,
        preset=preset,
        limits=limits,
        source=None,
    )
    # Every argument is checked now, before anything is read (the checks cache this).
    schedule(
        Edition.E2021,
        frozenset({"report"}),
        select=options.select,
        ignore=options.ignore,
        severity=options.severity,
        preset=options.preset,
    )
    if isinstance(source, (str, os.PathLike)):
        _check_path(source)
    if jobs == 1:
        return _serial(source, options)
    return _parallel(source, options, jobs, chunksize)


def _check_path(source: str | os.PathLike[str]) -> None:
    """Raise :class:`ParseError` unless ``source`` names a file that can be opened."""
    name = readable(os.fsdecode(source))
    try:
        if os.path.isdir(source):
            raise IsADirectoryError(21, "Is a directory")
        with open(source, "rb"):
            pass
    except IsADirectoryError:
        raise ParseError(
            "这是目录，不是 JSON Lines 文件",
            "a directory, not a JSON Lines file",
            where=name,
            reason="unreadable",
        ) from None
    except FileNotFoundError:
        raise ParseError("文件不存在", "no such file", where=name, reason="unreadable") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise ParseError(
            f"无法读取文件：{reason}",
            f"cannot read the file: {reason}",
            where=name,
            reason="unreadable",
        ) from None


def _as_tuple(prefixes: Prefixes) -> tuple[str, ...] | None:
    """``prefixes`` as a tuple that pickles (an iterable given may be a generator)."""
    if prefixes is None or isinstance(prefixes, str):
        return None if prefixes is None else (prefixes,)
    return tuple(prefixes)


def _serial(source: Source, options: _Options) -> Generator[LineResult, None, None]:
    with _Lines(source, options.limits) as lines:
        options = options._replace(source=lines.name)
        for number, line in lines:
            yield _check_line(number, line, options)


def _warm() -> None:
    """Build what every worker needs before the first line (the typed JSON reader, the
    identity plans, the text patterns), so that workers forked from this process start
    with it instead of each building its own."""
    from .checks._plan import plan
    from .checks._rules._phrases import fee_patterns, word_patterns
    from .codecs._json import _typed_reader
    from .model import Layout

    _typed_reader()
    for edition in Edition:
        for applications in Edition:
            plan(Layout(edition, applications))
    word_patterns()
    fee_patterns()


def _parallel(
    source: Source, options: _Options, jobs: int, chunksize: int
) -> Generator[LineResult, None, None]:
    _warm()
    initializer, initargs = tied_initializer()  # workers die with this process
    with (
        _Lines(source, options.limits) as lines,
        ProcessPoolExecutor(jobs, initializer=initializer, initargs=initargs) as pool,
    ):
        options = options._replace(source=lines.name)
        if lines.file is not None and lines.path is not None:
            # A file by path: workers read their own ranges of it, so that the lines do
            # not travel through this process (nor are they counted here: each range
            # is numbered from 1, and its results are numbered in the file as they come).
            path = os.path.abspath(lines.path)
            tasks: Iterator[tuple[Any, ...]] = (
                (_check_range, path, start, end, options) for start, end in _ranges(lines.file)
            )
        else:
            tasks = ((_check_batch, batch, options) for batch in _batches(lines, chunksize))
        before = 0  # lines of the input before those whose results come next

        def results(done: Future[tuple[int, list[LineResult]]]) -> list[LineResult]:
            nonlocal before
            count, found = done.result()
            if before:
                for result in found:
                    _number_in_file(result, before)
            before += count
            return found

        pending: deque[Future[tuple[int, list[LineResult]]]] = deque()
        try:
            for function, *arguments in tasks:
                pending.append(pool.submit(function, *arguments))
                if len(pending) >= jobs * _IN_FLIGHT_PER_JOB:
                    yield from results(pending.popleft())
            while pending:
                yield from results(pending.popleft())
        finally:
            for future in pending:
                future.cancel()


def _number_in_file(result: LineResult, before: int) -> None:
    """Number a result of a range in the whole file (``before`` lines precede the range).

    The result was made in a worker and unpickled here, and no one else holds it yet:
    it is completed in place, as its ``__init__`` would have (frozen classes are set
    with ``object.__setattr__``), rather than copied for every line.
    """
    line = result.line + before
    object.__setattr__(result, "line", line)
    if result.error is not None:
        result.error.where = _where(result.source, line)


def _batches(
    lines: Iterable[tuple[int, bytes | str | LimitExceededError]], size: int
) -> Iterator[list[tuple[int, bytes | str | LimitExceededError]]]:
    batch: list[tuple[int, bytes | str | LimitExceededError]] = []
    for item in lines:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _ranges(file: IO[bytes]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive ranges of whole lines of ``file``.

    A range ends at the first line break at least ``_RANGE_BYTES`` past its start (a
    longer line makes a longer range: the worker reads past it in blocks if it is over
    the size limit), or where the file ends. The ends are found by seeking: this process
    reads only from each end to the next line break.
    """
    start = 0
    while True:
        position = start + _RANGE_BYTES - 1
        file.seek(position)
        while True:
            block = file.read(_SKIP_BLOCK)
            if not block:
                end = file.seek(0, os.SEEK_END)
                if end > start:
                    yield start, end
                return
            cut = block.find(b"\n")
            if cut >= 0:
                break
            position += len(block)
        end = position + cut + 1
        yield start, end
        start = end


def _check_batch(
    batch: list[tuple[int, bytes | str | LimitExceededError]], options: _Options
) -> tuple[int, list[LineResult]]:
    """The results of a batch of lines, numbered in the input already (so no line is to
    be added to the numbers of those after it: the first item is 0, as
    :func:`_check_range` gives the lines it read)."""
    return 0, [_check_line(number, line, options) for number, line in batch]


def _check_range(
    path: str, start: int, end: int, options: _Options
) -> tuple[int, list[LineResult]]:
    """The results of the lines of ``path`` between ``start`` and ``end``, numbered from
    1 in the range; and how many lines the range holds."""
    with open(path, "rb") as file:
        file.seek(start)
        lines = _read_lines(file, options.limits, budget=end - start)
        results: list[LineResult] = []
        while True:
            try:
                number, line = next(lines)
            except StopIteration as stop:
                count: int = stop.value
                return count, results
            results.append(_check_line(number, line, options))


def _check_line(
    number: int, line: bytes | str | LimitExceededError, options: _Options
) -> LineResult:
    try:
        if isinstance(line, LimitExceededError):
            raise line
        report = loads(line, limits=options.limits)
        findings = check(
            report,
            select=options.select,
            ignore=options.ignore,
            severity=options.severity,
            preset=options.preset,
        )
    except GovDisclosureError as error:
        error.where = _where(options.source, number)
        return LineResult(line=number, source=options.source, error=error)
    except Exception as error:  # a bug, not bad input: still one line's result
        failure = GovDisclosureError(
            f"检查这一行时出现内部错误：{type(error).__name__}",
            f"internal error while checking this line: {type(error).__name__}: {_short(error)}",
            where=_where(options.source, number),
        )
        return LineResult(line=number, source=options.source, error=failure)
    return LineResult(
        line=number,
        source=options.source,
        agency=report.agency.name,
        year=report.year,
        edition=report.edition,
        findings=tuple(findings),
    )


def _short(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception:  # str() itself may fail (an int of too many digits, say)
        return "?"
    return text if len(text) <= 200 else text[:197] + "..."


def _where(source: str | None, line: int) -> str:
    return f"{source}:{line}" if source else f"line {line}"


class _Lines:
    """The non-blank lines of ``source`` with their numbers, each within ``max_bytes``.

    A line over the limit is read past in blocks, never held whole, and stands in the
    stream as the :class:`LimitExceededError` it gives.
    """

    def __init__(self, source: Source, limits: Limits) -> None:
        self._source = source
        self._limits = limits
        self.file: IO[bytes] | None = None
        #: The path as the operating system has it, and as shown (valid UTF-8).
        self.path: str | None = None
        self.name: str | None = None

    def __enter__(self) -> _Lines:
        source = self._source
        if isinstance(source, (str, os.PathLike)):
            self.file = open(source, "rb")
            self.path = os.fspath(source)
            self.name = readable(self.path)
        elif hasattr(source, "readline"):
            name = getattr(source, "name", None)
            self.name = readable(name) if isinstance(name, str) else None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()

    def __iter__(self) -> Iterator[tuple[int, bytes | str | LimitExceededError]]:
        source: Any = self.file if self.file is not None else self._source
        if hasattr(source, "readline"):
            return self._read(source)
        return self._iterate(source)

    def _read(self, file: IO[bytes]) -> Iterator[tuple[int, bytes | str | LimitExceededError]]:
        return _read_lines(file, self._limits)

    def _iterate(self, lines: Iterable[str | bytes]) -> Iterator[tuple[int, str | bytes]]:
        for number, line in enumerate(lines, 1):
            if not isinstance(line, (str, bytes, bytearray)):
                raise TypeError(
                    f"check_jsonl() reads lines of text or bytes; line {number} is a "
                    f"{type(line).__name__}"
                )
            if line.strip():
                yield number, line


def _read_lines(
    file: IO[bytes], limits: Limits, *, budget: int | None = None
) -> Generator[tuple[int, bytes | str | LimitExceededError], None, int]:
    """The non-blank lines of ``file`` from where it stands, numbered from 1; it returns
    how many lines it read, blank ones included.

    Stops after ``budget`` bytes when given (a range ends at a line break). A line over
    ``limits.max_bytes`` is read past in blocks and stands as its LimitExceededError.
    """
    limit = limits.max_bytes
    number = 0
    left = -1 if budget is None else budget
    while left != 0:
        line = file.readline(limit + 1)
        if not line:
            break
        number += 1
        left -= len(line)
        if len(line) > limit and not _ends_line(line):
            rest, size = _skip_rest(file)
            left -= rest
            yield number, _too_long(len(line) + size, limits)
        elif line.strip():
            yield number, line
    return number


def _skip_rest(file: IO[bytes]) -> tuple[int, int]:
    """Read past the rest of the line: (bytes read, its length without the line break)."""
    read = 0
    while True:
        block = file.readline(_SKIP_BLOCK)
        read += len(block)
        if not block:
            return read, read
        if _ends_line(block):
            return read, read - (2 if block[-2:] in (b"\r\n", "\r\n") else 1)


def _too_long(size: int, limits: Limits) -> LimitExceededError:
    limit = limits.max_bytes
    return LimitExceededError(
        f"这一行有 {size} 字节，超过上限 max_bytes={limit}",
        f"the line has {size} bytes, over the limit max_bytes={limit}",
        limit="max_bytes",
        value=size,
        maximum=limit,
    )


def _ends_line(line: bytes | str) -> bool:
    return line.endswith(b"\n") if isinstance(line, bytes) else line.endswith("\n")
