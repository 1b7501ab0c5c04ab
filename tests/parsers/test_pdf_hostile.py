"""Hostile PDFs end quickly with a library error, and the reader process is contained.

The files are made by :mod:`._hostile`. Each case runs by default in a small version
(a lowered limit, a smaller file) and, marked ``slow``, at the size that hung or sank
the pdfminer-based reader: 400,000 segments, 200,000 text operators, a 300 MB deflated
stream, 300,000 pages. The memory and time bounds come from the reader process's
limits (``max_memory``, ``max_seconds``): a test here checks that the error says which.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import msgspec
import pytest

from govdisclosure import GovDisclosureError, LimitExceededError, Limits, ParseError, parse
from govdisclosure._limits import DEFAULT_LIMITS
from govdisclosure.model import SourceSpan
from govdisclosure.parsers import Document, Table, TableCell, _clock, _isolation, read_pdf
from govdisclosure.parsers.frontends._pdf import read_pdf_in_process

from . import _hostile
from ._grid import corpus_bytes

NAME = "hostile.pdf"
MIB = 1024 * 1024


def _refused(data: bytes, limits: Limits = DEFAULT_LIMITS) -> LimitExceededError:
    with pytest.raises(LimitExceededError) as error:
        read_pdf(data, name=NAME, limits=limits)
    assert error.value.where == NAME
    assert error.value.value is not None
    assert error.value.maximum is not None
    assert error.value.value > error.value.maximum
    return error.value


# -- objects that refer to themselves -------------------------------------------------------


@pytest.mark.parametrize("index", range(len(_hostile.self_referencing())))
def test_self_referencing_objects_end_with_a_parse_error(index: int) -> None:
    data = _hostile.self_referencing()[index]
    with pytest.raises(ParseError) as error:
        parse(data, format="pdf")
    # Either the file is unreadable or it holds no report: never a hang.
    assert error.value.reason in {"unreadable", "not_a_report"}


@pytest.mark.parametrize("index", range(len(_hostile.self_referencing())))
def test_self_referencing_objects_in_process(index: int) -> None:
    data = _hostile.self_referencing()[index]
    where = None
    try:
        document = read_pdf_in_process(data, name=NAME)
    except ParseError as error:
        where = error.where
    else:
        assert document.tables() == ()
        where = NAME
    assert where == NAME


# -- a page of many segments, text operators, characters ------------------------------------


def test_a_page_of_many_segments_is_refused() -> None:
    error = _refused(_hostile.many_segments(3_000), Limits(max_segments=1_000))
    assert (error.limit, error.maximum) == ("max_segments", 1_000)


@pytest.mark.slow
def test_a_page_of_400k_segments_is_refused_by_default() -> None:
    assert _refused(_hostile.many_segments(400_000)).limit == "max_segments"


def test_a_page_of_many_objects_is_refused() -> None:
    error = _refused(_hostile.many_text_operators(3_000), Limits(max_objects=1_000))
    assert (error.limit, error.maximum) == ("max_objects", 1_000)


@pytest.mark.slow
def test_a_page_of_200k_text_operators_is_refused_by_default() -> None:
    assert _refused(_hostile.many_text_operators(200_000)).limit == "max_objects"


def test_too_many_characters_are_refused() -> None:
    error = _refused(_hostile.many_text_operators(500), Limits(max_chars=100))
    assert (error.limit, error.maximum) == ("max_chars", 100)


def test_a_page_of_many_segments_within_the_limits_is_read() -> None:
    document = read_pdf(_hostile.many_segments(3_000), name=NAME)
    assert document.tables() == ()


# -- a stream that inflates to hundreds of megabytes ----------------------------------------


def test_a_stream_inflating_past_max_memory_is_refused() -> None:
    error = _refused(_hostile.deflated_page(100 * MIB), Limits(max_memory=128 * MIB))
    assert (error.limit, error.maximum) == ("max_memory", 128 * MIB)


@pytest.mark.slow
def test_a_300_mb_stream_is_read_within_the_default_memory_or_refused_below() -> None:
    data = _hostile.deflated_page(300 * MIB)
    assert len(data) < MIB
    # Blank space is no report: a parse error, not a hang or a dead interpreter.
    with pytest.raises(ParseError):
        parse(data, format="pdf")
    assert _refused(data, Limits(max_memory=256 * MIB)).limit == "max_memory"


# -- pages ---------------------------------------------------------------------------------


def test_too_many_pages_are_refused_before_they_are_read() -> None:
    error = _refused(_hostile.many_pages(300))
    assert (error.limit, error.value, error.maximum) == ("max_pages", 300, 200)


@pytest.mark.slow
def test_300k_pages_are_refused_before_they_are_read() -> None:
    data = _hostile.many_pages(300_000)
    error = _refused(data, Limits(max_bytes=len(data)))
    assert (error.limit, error.value) == ("max_pages", 300_000)


# -- the engine itself: hung, crashed; the reader process ----------------------------------


def test_an_engine_busy_past_max_seconds_is_stopped() -> None:
    # Building a million rectangles is one native call of several seconds: nothing
    # inside the reader can check the time then; the reader process is killed.
    data = _hostile.many_rectangles(3_000_000)
    error = _refused(data, Limits(max_seconds=0.2, max_objects=10_000_000))
    assert error.limit == "max_seconds"


def test_the_reader_reads_in_what_is_left_of_the_documents_time() -> None:
    # max_seconds is one budget per document from the start of parse(): what was spent
    # before the PDF reached its reader is spent for the reader too.
    data = corpus_bytes("009_huaian_szf_2024.pdf")
    limits = Limits(max_seconds=30.0)
    spent = limits.max_seconds + 1
    # Nothing left: refused before a reader process is asked.
    with _clock.reading(spent), pytest.raises(LimitExceededError) as before:
        read_pdf(data, name=NAME, limits=limits)
    assert (before.value.limit, before.value.where) == ("max_seconds", NAME)
    # A reader process told how much was spent stops at the first page itself.
    header = {"reader": "pdf", "name": NAME, "limits": attrs.asdict(limits), "spent": spent}
    answer = _isolation._serve_one(header, data)
    assert answer["error"]["limit"] == "max_seconds"
    assert answer["error"]["value"] > limits.max_seconds
    # So does the reader in this process.
    with _clock.reading(spent), pytest.raises(LimitExceededError) as inside:
        read_pdf(data, name=NAME, limits=attrs.evolve(limits, isolate=False))
    assert inside.value.limit == "max_seconds"
    # With time left, the file is read.
    with _clock.reading(1.0):
        assert read_pdf(data, name=NAME, limits=limits).tables()


def test_a_crashed_engine_is_a_parse_error_naming_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read = _isolation._Worker._read
    crashed: list[int] = []

    def crash_first(worker: Any, *args: Any) -> bytes:
        if not crashed:  # as if the engine hit a segmentation fault on this file
            crashed.append(worker.process.pid)
            os.kill(worker.process.pid, signal.SIGSEGV)
        return read(worker, *args)

    monkeypatch.setattr(_isolation._Worker, "_read", crash_first)
    data = corpus_bytes("009_huaian_szf_2024.pdf")
    with pytest.raises(ParseError) as error:
        read_pdf(data, name=NAME)
    assert error.value.where == NAME
    assert error.value.reason == "unreadable"
    assert "SIGSEGV" in str(error.value)
    # The next file gets a new reader process.
    assert read_pdf(data, name=NAME).tables()


def test_isolated_and_in_process_reading_agree() -> None:
    for name in ("009_huaian_szf_2024.pdf", "001_shanghai_szfbgt_2019.pdf"):
        data = corpus_bytes(name)
        isolated = read_pdf(data, name=name)
        assert isolated == read_pdf(data, name=name, limits=Limits(isolate=False))
        assert isolated == read_pdf_in_process(data, name=name)


def _sent(change: Callable[[Any], None] = lambda document: None) -> bytes:
    """What a reader process sends for a one-cell table, after ``change`` to the answer
    as plain data (field names to values)."""
    cell = TableCell(text="x", row=0, column=0, span=SourceSpan(page=1, bbox=(1, 2, 3, 4)))
    table = Table(index=1, cells=(cell,), n_rows=1, n_columns=1)
    answer = msgspec.msgpack.decode(
        _isolation._encode_answer({"document": Document(format="pdf", blocks=(table,))})
    )
    change(answer)
    return msgspec.msgpack.encode(answer)


def _cell(answer: Any) -> Any:
    return answer["document"]["blocks"][0][1]["cells"][0]


def _set(path: Callable[[Any], Any], key: object, value: object) -> Callable[[Any], None]:
    def change(answer: Any) -> None:
        path(answer)[key] = value

    return change


def _sent_as_is(answer: object) -> bytes:
    return msgspec.msgpack.encode(answer)


@pytest.mark.parametrize(
    "payload",
    [
        b"not msgpack",
        _sent_as_is([]),
        _sent_as_is({"document": {"blocks": []}}),
        _sent_as_is({}),
        _sent(_set(_cell, "clipped", "no")),
        _sent(_set(_cell, "text", 1)),
        _sent(_set(_cell, "span", "script")),
        # A block that is neither text nor a table, or both.
        _sent(_set(lambda a: a["document"]["blocks"], 0, [None, None])),
        _sent(lambda a: a["document"]["blocks"][0].__setitem__(0, {"text": "x"})),
        _sent(lambda a: a.__setitem__("os.system", 1)),
        _sent(lambda a: a["document"].__setitem__("os.system", 1)),
        _sent_as_is(
            {"error": {"type": "SystemExit", "message": "", "message_en": "", "where": None}}
        ),
    ],
)
def test_an_answer_that_is_not_a_document_is_a_parse_error(payload: bytes) -> None:
    # A reader process subverted by a hostile file can send anything: it is checked.
    with pytest.raises(ParseError, match="not a document") as error:
        _isolation._answer(payload, NAME)
    assert error.value.where == NAME


def test_an_answer_carries_every_field_of_the_document() -> None:
    clipped = _sent(_set(_cell, "clipped", True))
    (table,) = _isolation._answer(clipped, NAME).tables()
    assert table.cells[0].clipped
    for name in ("009_huaian_szf_2024.pdf", "001_shanghai_szfbgt_2019.pdf"):
        document = read_pdf_in_process(corpus_bytes(name), name=name)
        payload = _isolation._encode_answer({"document": document})
        assert _isolation._answer(payload, name) == document


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_reader_process_dies_with_its_parent(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(corpus_bytes("009_huaian_szf_2024.pdf"))
    code = (
        "import os, sys; from govdisclosure.parsers import _isolation, read_pdf; "
        f"read_pdf(open({str(pdf)!r}, 'rb').read()); "
        "print(_isolation._POOL.idle[0].process.pid, flush=True); os._exit(0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    pid = int(out.stdout)
    deadline = time.monotonic() + 10
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(pid)


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_limits_refuse_a_memory_bound_too_small_to_start_a_reader() -> None:
    with pytest.raises(ValueError, match="max_memory"):
        Limits(max_memory=MIB)
    with pytest.raises(TypeError, match="isolate"):
        Limits(isolate=1)  # type: ignore[arg-type]


def test_every_error_is_a_library_error() -> None:
    # The same files through parse(): only GovDisclosureError subclasses come out.
    for data in (_hostile.many_pages(201), _hostile.many_segments(10)):
        with pytest.raises(GovDisclosureError):
            parse(data, format="pdf")


# -- time for pages read by OCR -------------------------------------------------------------


def _fake_worker(script: str) -> _isolation._Worker:
    """A worker that runs ``script`` instead of a reader: it answers as it likes."""
    worker = object.__new__(_isolation._Worker)
    worker.max_memory = DEFAULT_LIMITS.max_memory
    worker.owner = os.getpid()
    worker.process = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    return worker


def _answering_after(ocr_pages: int, seconds: float) -> str:
    """A worker's script: say ``ocr_pages`` pages begin OCR, then answer an empty
    document after ``seconds``."""
    answer = _isolation._encode_answer({"document": Document(format="pdf", blocks=())})
    return (
        "import struct, sys, time\n"
        "out = sys.stdout.buffer\n"
        f"for _ in range({ocr_pages}):\n"
        f"    out.write(struct.pack('>Q', {_isolation._OCR_PAGE})); out.flush()\n"
        f"time.sleep({seconds})\n"
        f"payload = {answer!r}\n"
        "out.write(struct.pack('>Q', len(payload)) + payload); out.flush()\n"
    )


@pytest.mark.parametrize(("max_pages", "answered"), [(10, True), (1, False)])
def test_each_page_read_by_ocr_adds_its_time_up_to_max_pages(
    monkeypatch: pytest.MonkeyPatch, max_pages: int, answered: bool
) -> None:
    # The worker takes 2.5 s, far over max_seconds, after saying five pages begin OCR:
    # 0.1 + 5 × 1.0 s is room enough; counted for one page only (max_pages=1), 0.1 + 1.0
    # is not — a worker cannot buy itself more than max_pages pages of time.
    worker = _fake_worker(_answering_after(5, 2.5))
    monkeypatch.setattr(_isolation._POOL, "acquire", lambda max_memory: worker)
    limits = Limits(max_seconds=0.1, max_ocr_seconds_per_page=1.0, max_pages=max_pages)
    try:
        if answered:
            assert _isolation.run_isolated("pdf", b"", name=NAME, limits=limits).blocks == ()
        else:
            with pytest.raises(LimitExceededError) as error:
                _isolation.run_isolated("pdf", b"", name=NAME, limits=limits)
            assert (error.value.limit, error.value.maximum) == ("max_seconds", 1.1)
    finally:
        worker.kill()


def test_a_document_without_ocr_keeps_max_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    worker = _fake_worker(_answering_after(0, 2.5))
    monkeypatch.setattr(_isolation._POOL, "acquire", lambda max_memory: worker)
    limits = Limits(max_seconds=0.1, max_ocr_seconds_per_page=60.0)
    try:
        with pytest.raises(LimitExceededError) as error:
            _isolation.run_isolated("pdf", b"", name=NAME, limits=limits)
        assert (error.value.limit, error.value.maximum) == ("max_seconds", 0.1)
    finally:
        worker.kill()
