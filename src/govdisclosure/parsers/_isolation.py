"""Native engines read untrusted files in a child process held to ``Limits``.

A PDF engine is native code: a hostile file can make it crash, loop or take all memory,
and inside this interpreter none of that can be caught. So, unless ``Limits.isolate`` is
off, a front-end that needs one (``read_pdf``; ``read_image``, whose image decoder and
character recogniser are native too) hands the file to a *worker*: a child
Python process that

* runs with its address space limited to ``max_memory`` (``RLIMIT_AS``; core dumps off),
* reads within what is left of the document's one time budget (``max_seconds`` from the
  start of :func:`~govdisclosure.parse`, see :mod:`._clock`): it is told how much was
  spent before it was given the file, checks the rest itself, and is killed when it has
  not answered once the rest (and a moment's grace) has passed — the budget growing by
  ``max_ocr_seconds_per_page`` for each page it says it begins to read by OCR (at most
  ``max_pages`` of them: a subverted worker gains no more),
* dies with its parent (:func:`govdisclosure._workers.tie_to_parent`:
  ``PR_SET_PDEATHSIG`` on Linux; elsewhere it notices within a second that its parent is
  gone, or when its input closes).

The answer comes back as MessagePack (a :class:`Document`, or an error), decoded by
msgspec against the declared type of every field, nothing else: a worker subverted by a
hostile file can at worst send a wrong document, never code. Its crash becomes a
:class:`~govdisclosure.ParseError`, its overrun a
:class:`~govdisclosure.LimitExceededError` (``max_seconds``; ``max_memory`` when the
engine ran out of memory), both naming the file. Workers are started on first use (a few
tenths of a second) and kept for the next file, one per thread that reads at the same
time; a worker that failed is replaced. A process forked from this one starts its own.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import json
import os
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import typing
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

import attrs
import msgspec

from .._limits import Limits
from .._workers import tie_to_parent
from ..exceptions import GovDisclosureError, LimitExceededError, ParseError
from ._clock import Deadline, deadline, reading
from ._document import Block, Document, Table, TextBlock

__all__ = ["run_isolated", "shutdown"]

#: What a worker may run: reader name → (module, function(data, *, name, limits)).
READERS = {
    "pdf": ("govdisclosure.parsers.frontends._pdf", "read_pdf_in_process"),
    "image": ("govdisclosure.parsers.frontends._ocr", "read_image_in_process"),
}

OUT_OF_MEMORY = 3
"""The exit status of a worker that ran out of memory outside a reader."""
_GRACE = 0.5
"""Seconds a worker is given beyond the time left to report its own overrun."""
_LENGTH = struct.Struct(">Q")
_OCR_PAGE = (1 << 64) - 1
"""A length no answer has: the worker begins to read a page by OCR."""
_WHAT = {"pdf": "PDF", "image": "PNG/JPEG"}


def run_isolated(reader: str, data: bytes, *, name: str | None, limits: Limits) -> Document:
    """Run the front-end ``reader`` on ``data`` in a worker process; see the module.

    Raises:
        ParseError: the file is unreadable, or the engine crashed on it.
        LimitExceededError: a limit of ``limits`` was exceeded, the worker overran
            ``max_seconds`` or ran out of ``max_memory``.
    """
    where = name or f"<{reader}>"
    clock = deadline(limits, where)  # the document's budget, as parse() started it
    clock.check()
    spent = clock.elapsed()
    header = json.dumps(
        {
            "reader": reader,
            "name": name,
            "limits": attrs.asdict(limits),
            "spent": spent,
            "ocr_pages": clock.ocr_pages,
        },
        allow_nan=True,
    ).encode("utf-8")
    worker = _POOL.acquire(limits.max_memory)
    healthy = False
    try:
        answer = worker.ask(header, data, clock)
        healthy = True
    except _OverranError:
        budget = clock.limit
        what = _WHAT.get(reader, reader)
        budget_zh, budget_en = clock.budget_text()
        raise LimitExceededError(
            f"读取 {what} 超过时间上限 {budget:g} 秒（{budget_zh}），读取进程已终止",
            f"reading the {what} took over its {budget:g} s ({budget_en}); the reader "
            "process was stopped",
            where=where,
            limit="max_seconds",
            value=clock.elapsed(),
            maximum=clock.limit,
        ) from None
    except _DiedError as death:
        raise _death_error(death, reader, where, limits) from None
    finally:
        _POOL.release(worker, healthy)
    return _answer(answer, where)


def shutdown() -> None:
    """Stop every idle worker (at exit; tests may call it too)."""
    _POOL.shutdown()


# -- the parent's side -------------------------------------------------------------------


class _OverranError(Exception):
    pass


class _DiedError(Exception):
    def __init__(self, status: int | None, peak: int) -> None:
        super().__init__(status)
        self.status = status
        self.peak = peak


class _Worker:
    def __init__(self, max_memory: int) -> None:
        self.max_memory = max_memory
        self.owner = os.getpid()
        package = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package, env.get("PYTHONPATH")) if p)
        env.pop("PYTHONSTARTUP", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "govdisclosure.parsers._isolation",
                str(os.getpid()),
                str(max_memory),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )

    def alive(self) -> bool:
        return self.owner == os.getpid() and self.process.poll() is None

    def ask(self, header: bytes, data: bytes, clock: Deadline) -> bytes:
        """Send a file, wait for the answer within what is left of ``clock`` (and the
        grace): ``max_ocr_seconds_per_page`` more each time the worker says it begins a
        page by OCR, at most ``max_pages`` times."""
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        try:
            self.process.stdin.write(_LENGTH.pack(len(header)) + header)
            self.process.stdin.write(_LENGTH.pack(len(data)))
            self.process.stdin.write(data)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._died() from None
        out = self.process.stdout
        while True:
            until = clock.started + clock.limit + _GRACE
            size = _LENGTH.unpack(self._read(out, _LENGTH.size, until))[0]
            if size != _OCR_PAGE:
                return self._read(out, size, until)
            clock.ocr_page_begins()

    def _read(self, out: Any, size: int, until: float) -> bytes:
        chunks: list[bytes] = []
        left = size
        fd = out.fileno()
        while left:
            wait = until - time.monotonic()
            if wait <= 0:
                self.kill()
                raise _OverranError
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                continue
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise self._died()
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _died(self) -> _DiedError:
        try:
            _, status, usage = os.wait4(self.process.pid, 0)
        except ChildProcessError:
            return _DiedError(self.process.returncode, 0)
        self.process.returncode = (
            -os.WTERMSIG(status) if os.WIFSIGNALED(status) else (os.WEXITSTATUS(status))
        )
        # ru_maxrss is in KiB on Linux, bytes on macOS.
        peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        return _DiedError(self.process.returncode, peak)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()

    def close(self) -> None:
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            self.kill()
        if self.process.stdout is not None:
            self.process.stdout.close()


class _Pool:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.idle: list[_Worker] = []

    def acquire(self, max_memory: int) -> _Worker:
        with self.lock:
            for i, worker in enumerate(self.idle):
                if worker.max_memory == max_memory and worker.alive():
                    return self.idle.pop(i)
        return _Worker(max_memory)

    def release(self, worker: _Worker, healthy: bool) -> None:
        if healthy and worker.alive():
            with self.lock:
                self.idle.append(worker)
        elif worker.owner == os.getpid():
            worker.kill()

    def shutdown(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for worker in idle:
            if worker.owner == os.getpid():
                worker.close()

    def forget(self) -> None:
        """In a forked child: the workers are the parent's, not to be used or closed."""
        self.lock = threading.Lock()
        self.idle = []


_POOL = _Pool()
atexit.register(_POOL.shutdown)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_POOL.forget)


def _death_error(death: _DiedError, reader: str, where: str, limits: Limits) -> GovDisclosureError:
    what = _WHAT.get(reader, reader)
    status = death.status
    if status is not None and status < 0:
        try:
            how = signal.Signals(-status).name
        except ValueError:
            how = f"signal {-status}"
    elif status == OUT_OF_MEMORY:
        how = "MemoryError"
    else:
        how = f"exit status {status}"
    # PDFium aborts (SIGABRT, silently) when an allocation fails, as it does under
    # RLIMIT_AS; any fault once the worker's peak neared the limit is taken as memory too.
    out_of_memory = status == OUT_OF_MEMORY or (
        status is not None
        and status < 0
        and (-status == signal.SIGABRT or death.peak >= limits.max_memory // 2)
    )
    if out_of_memory:
        return LimitExceededError(
            f"读取 {what} 所需内存超过上限 max_memory={limits.max_memory}，读取进程已终止（{how}）",
            f"reading the {what} needed more memory than max_memory={limits.max_memory}; "
            f"the reader process stopped ({how})",
            where=where,
            limit="max_memory",
            value=max(death.peak, limits.max_memory + 1),
            maximum=limits.max_memory,
        )
    return ParseError(
        f"读取 {what} 的引擎异常终止（{how}）：文件损坏或为恶意构造",
        f"the {what} engine failed on the file ({how}): it is damaged or hostile",
        where=where,
        reason="unreadable",
    )


# -- the answer, checked -------------------------------------------------------------------


class _MalformedError(Exception):
    pass


def _answer(payload: bytes, where: str) -> Document:
    try:
        answer = _DECODER.decode(payload)
        if answer.error is not None:
            raise _error(answer.error)
        if answer.document is None:
            raise _MalformedError
        return _from_wire(answer.document)
    except GovDisclosureError:
        raise
    except (_MalformedError, msgspec.MsgspecError, ValueError, KeyError, TypeError):
        raise ParseError(
            "读取进程返回的结果无法识别",
            "the reader process sent an answer that is not a document",
            where=where,
            reason="unreadable",
        ) from None


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise _MalformedError
    return value


def _opt_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _MalformedError
    return float(value)


# A Document travels as MessagePack, every field decoded by msgspec against its declared
# type (in C: a value of another type fails the whole answer). Its blocks, text or table,
# travel in a wrapper naming which; the other fields are the Document's own, so that a
# field added to it travels without a change here.


class _Block(msgspec.Struct, omit_defaults=True, forbid_unknown_fields=True, array_like=True):
    text: TextBlock | None = None
    table: Table | None = None


def _wire_type() -> Any:
    from . import _document

    hints = typing.get_type_hints(Document, vars(_document))
    return msgspec.defstruct(
        "_WireDocument",
        [
            (field.name, tuple[_Block, ...] if field.name == "blocks" else hints[field.name])
            for field in attrs.fields(Document)
        ],
        forbid_unknown_fields=True,
        module=__name__,
    )


_WireDocument = _wire_type()


_Answer: Any = msgspec.defstruct(
    "_Answer",
    [("document", _WireDocument | None, None), ("error", dict[str, Any] | None, None)],
    forbid_unknown_fields=True,
    module=__name__,
)


_DECODER = msgspec.msgpack.Decoder(_Answer)
_ENCODER = msgspec.msgpack.Encoder()
_FIELDS = tuple(field.name for field in attrs.fields(Document))


def _to_wire(document: Document) -> Any:
    values = {name: getattr(document, name) for name in _FIELDS}
    values["blocks"] = tuple(
        _Block(text=block) if isinstance(block, TextBlock) else _Block(table=block)
        for block in document.blocks
    )
    return _WireDocument(**values)


def _from_wire(wire: Any) -> Document:
    values = {name: getattr(wire, name) for name in _FIELDS}
    blocks: list[Block] = []
    for block in wire.blocks:
        if (block.text is None) == (block.table is None):
            raise _MalformedError  # neither, or both
        blocks.append(block.text if block.text is not None else block.table)
    values["blocks"] = tuple(blocks)
    return Document(**values)


def _encode_answer(answer: dict[str, Any]) -> bytes:
    """The reader process's answer: ``{"document": Document}`` or ``{"error": {...}}``."""
    document = answer.get("document")
    if document is not None:
        return _ENCODER.encode(_Answer(document=_to_wire(document)))
    return _ENCODER.encode(_Answer(error=answer["error"]))


_ERRORS: dict[str, type[GovDisclosureError]] = {
    "ParseError": ParseError,
    "LimitExceededError": LimitExceededError,
}


def _error(value: object) -> GovDisclosureError:
    if not isinstance(value, dict):
        raise _MalformedError
    kind = _ERRORS.get(_str(value["type"]))
    if kind is None:
        raise _MalformedError
    message, message_en = _str(value["message"]), _str(value["message_en"])
    where = _opt_str(value["where"])
    if kind is LimitExceededError:

        def number(key: str) -> float | None:
            item = value.get(key)
            return None if item is None else _number(item)

        return LimitExceededError(
            message,
            message_en,
            where=where,
            limit=_opt_str(value.get("limit")),
            value=number("value"),
            maximum=number("maximum"),
        )
    return ParseError(message, message_en, where=where, reason=_str(value.get("reason", "")))


# -- the worker's side ----------------------------------------------------------------------


def _encode_error(error: GovDisclosureError) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "LimitExceededError" if isinstance(error, LimitExceededError) else "ParseError",
        "message": error.message,
        "message_en": error.message_en,
        "where": error.where,
    }
    if isinstance(error, LimitExceededError):
        out.update(limit=error.limit, value=error.value, maximum=error.maximum)
    else:
        out["reason"] = getattr(error, "reason", "") or "unreadable"
    return out


def _serve_one(
    header: dict[str, Any], data: bytes, on_ocr_page: Callable[[], None] | None = None
) -> dict[str, Any]:
    limits = Limits(**dict(header["limits"], isolate=False))
    name = header["name"]
    module_name, function = READERS[header["reader"]]
    reader = getattr(import_module(module_name), function)
    try:
        # The rest of the document's budget: what the parent spent before is spent here;
        # each page begun by OCR adds to it, here and (told) in the parent.
        with reading(float(header.get("spent", 0.0)), int(header.get("ocr_pages", 0)), on_ocr_page):
            return {"document": reader(data, name=name, limits=limits)}
    except GovDisclosureError as error:
        return {"error": _encode_error(error)}
    except MemoryError:
        what = _WHAT.get(header["reader"], header["reader"])
        return {
            "error": _encode_error(
                LimitExceededError(
                    f"读取 {what} 所需内存超过上限 max_memory={limits.max_memory}",
                    f"reading the {what} needed more memory than max_memory={limits.max_memory}",
                    where=name,
                    limit="max_memory",
                    value=limits.max_memory + 1,
                    maximum=limits.max_memory,
                )
            )
        }


def _limit_memory(max_memory: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no address-space limit
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if hasattr(resource, "RLIMIT_AS"):
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))


def _read_exactly(stream: Any, size: int) -> bytes | None:
    chunks: list[bytes] = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def main(argv: list[str]) -> None:
    """The worker: answer requests on stdin until it closes.

    Running out of memory anywhere outside a reader (starting up under a small
    ``max_memory``, writing an answer) ends it with :data:`OUT_OF_MEMORY`.
    """
    parent, max_memory = int(argv[0]), int(argv[1])
    tie_to_parent(parent)  # at once on Linux, else within a second
    # The readers are loaded first: the limit bounds what a file makes them do.
    for module_name, _ in READERS.values():
        import_module(module_name)
    import_module("pypdfium2")
    try:
        _limit_memory(max_memory)
        _serve()
    except MemoryError:
        os._exit(OUT_OF_MEMORY)
    except OSError as error:  # a library loaded on demand: "cannot map memory"
        if error.errno == errno.ENOMEM or "memory" in str(error).lower():
            os._exit(OUT_OF_MEMORY)
        raise


def _serve() -> None:
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        length = _read_exactly(source, _LENGTH.size)
        if length is None:
            return
        header = _read_exactly(source, _LENGTH.unpack(length)[0])
        size = _read_exactly(source, _LENGTH.size)
        if header is None or size is None:
            return
        data = _read_exactly(source, _LENGTH.unpack(size)[0])
        if data is None:
            return

        def ocr_page() -> None:
            sink.write(_LENGTH.pack(_OCR_PAGE))
            sink.flush()

        payload = _encode_answer(_serve_one(json.loads(header), data, ocr_page))
        sink.write(_LENGTH.pack(len(payload)) + payload)
        sink.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
