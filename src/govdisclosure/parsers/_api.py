""":func:`parse`: a published report (file, bytes or text) as a :class:`ParseResult`.

Each format has a front-end that turns it into a :class:`~govdisclosure.parsers.Document`:
text (``frontends._text``), HTML, Word, Excel and PDF (``frontends._html``, ``._docx``,
``._xlsx`` and ``._pdf``), and PNG/JPEG images of a page (``frontends._ocr``), each with
``read_<format>(data, *, name, limits) -> Document`` (``data`` is ``bytes``, or ``str``
for HTML given as text). The PDF and image front-ends run their engines in a reader
process (``_isolation``) unless ``limits.isolate`` is off. They are imported on first use,
so their optional dependencies load only then; a missing reader or dependency is a
:class:`~govdisclosure.ParseError` with ``reason="format_unavailable"``. Every
:class:`Document` then goes to the one assembler (:func:`~govdisclosure.parsers.assemble`).
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

from .._fsnames import readable
from .._limits import DEFAULT_LIMITS, Limits
from ..exceptions import ParseError
from ._clock import reading
from ._document import Document
from ._result import ParseResult
from .assemble import assemble
from .frontends._common import check_size
from .frontends._text import decode_text, read_text

__all__ = ["FORMATS", "detect_format", "parse"]

#: The formats :func:`parse` reads.
FORMATS = ("html", "docx", "xlsx", "pdf", "image", "text", "json")

_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".pdf": "pdf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".json": "json",
}
_MARKUP = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<table",
    b"<p",
    b"<div",
    b"<meta",
    b"<?xml",
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG
#: Front-end modules not named after their format.
_MODULES = {"image": "_ocr"}
_SNIFF = 4096


def parse(
    source: str | bytes | os.PathLike[str],
    *,
    format: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ParseResult:
    """Read a published report: a web page, Word file, Excel workbook, PDF, text, or the
    canonical JSON.

    Args:
        source: a path (``str`` or :class:`os.PathLike`), the document's ``bytes``, or
            its text as ``str``. A ``str`` is taken as a path when it is one line naming
            a file that exists or ending in a known suffix (``.html``, ``.docx``, ``.xlsx``,
            ``.pdf``, ``.png``, ``.jpg``, ``.txt``, ``.json``…); otherwise it is the
            document's text.
        format: ``"html"``, ``"docx"``, ``"xlsx"``, ``"pdf"``, ``"image"`` (a PNG or JPEG
            of a page, read by OCR: the ``ocr`` extra), ``"text"`` or ``"json"``; detected
            when not given (from the path's suffix, then from the content: ``%PDF``, a zip
            holding ``word/document.xml`` or ``xl/workbook.xml``, a PNG or JPEG signature,
            markup, a JSON object, else text).
        limits: safety limits for untrusted input (size, cells, pages, time, memory).
            A PDF or an image is read in a separate reader process held to
            ``limits.max_memory`` and ``limits.max_seconds`` (plus
            ``limits.max_ocr_seconds_per_page`` for each page read by OCR) unless
            ``limits.isolate`` is ``False`` (for files you trust).

    Returns:
        The report, the ``GD9xx`` diagnostics of reading it, and what could not be
        placed. Cells that could not be read are blank (``None``), never guessed.

    Raises:
        ParseError: no report can be built (``error.reason`` says why: not a report, a
            report of the pre-2019 regime, an unreadable file, a format whose reader is
            not installed).
        StructureError: JSON input that is not a report in the canonical form.
        LimitExceededError: the input is over a limit of ``limits``, or reading it took
            more time or memory than they allow.

    Example:
        >>> import govdisclosure
        >>> result = govdisclosure.parse("tests/data/seeds/qidu-2019.txt")  # doctest: +SKIP
        >>> result.report.applications.new_received.total  # doctest: +SKIP
        0
    """
    with reading():  # one time budget (limits.max_seconds) for reading and assembling
        return _parse(source, format, limits)


def _parse(
    source: str | bytes | os.PathLike[str], format: str | None, limits: Limits
) -> ParseResult:
    name: str | None = None
    data: str | bytes
    path = _as_path(source)
    if path is not None:
        # The name as shown (messages, source.document): valid UTF-8 whatever the bytes
        # of the file's name; the file itself is opened by its own name.
        name = readable(path)
        data = _read(path, name, limits)
        if format is None:
            format = _SUFFIXES.get(path.suffix.lower())
    else:
        if not isinstance(source, (str, bytes)):
            raise ParseError(
                f"source 应为路径、bytes 或 str，实为 {type(source).__name__}",
                f"source must be a path, bytes or str, not {type(source).__name__}",
                reason="unreadable",
            )
        data = source
        size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
        check_size(size, limits, name)
    if format is None:
        format = detect_format(data)
    if format not in FORMATS:
        raise ParseError(
            f"不支持的格式 {format!r}，应为 {', '.join(FORMATS)} 之一",
            f"unsupported format {format!r}; one of {', '.join(FORMATS)}",
            where=name,
            reason="unsupported_format",
        )
    if format == "json":
        return _parse_json(data, name, limits)
    if format == "text":
        return assemble(read_text(data, name=name, limits=limits), limits=limits)
    if format in ("docx", "xlsx", "pdf", "image") and isinstance(data, str):
        raise ParseError(
            f"{format} 文件应以字节（bytes）或路径传入，而不是文本",
            f"a {format} file must be given as bytes or a path, not as text",
            where=name,
            reason="unreadable",
        )
    reader = _reader(format, name)
    document = reader(data, name=name, limits=limits)
    return assemble(document, limits=limits)


def detect_format(data: str | bytes) -> str:
    """The format of a document's content: ``"pdf"``, ``"docx"``, ``"xlsx"``, ``"image"``
    (PNG or JPEG), ``"html"``, ``"json"`` or ``"text"``.

    Raises:
        ParseError: the content is a zip archive that is neither a Word file nor an Excel
            workbook, or a legacy binary Office (``.doc``, ``.xls``) file.
    """
    if isinstance(data, bytes):
        head = data[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"%PDF"):
            return "pdf"
        if data.startswith(_IMAGES):
            return "image"
        if data.startswith(b"PK\x03\x04"):
            if b"word/document.xml" in data:
                return "docx"
            if b"xl/workbook.xml" in data:
                return "xlsx"
            raise ParseError(
                "这是一个 zip 压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件",
                "a zip archive that is not a Word (.docx) or Excel (.xlsx) file",
                reason="unsupported_format",
            )
        if data.startswith(_OLE):
            raise ParseError(
                "这是旧版 Word（.doc）或 Excel（.xls）等二进制文件，无法读取；"
                "请另存为 .docx 或 .xlsx",
                "a legacy binary Office file (.doc, .xls); save it as .docx or .xlsx",
                reason="unsupported_format",
            )
        lowered = head[:_SNIFF].lower()
    else:
        lowered = data[:_SNIFF].lstrip("\ufeff \t\r\n").lower().encode("utf-8", "replace")
    if lowered.startswith(_MARKUP) or (lowered.startswith(b"<") and b"</" in lowered):
        return "html"
    if lowered.startswith(b"{"):
        return "json"
    return "text"


def _as_path(source: object) -> Path | None:
    if isinstance(source, os.PathLike):
        return Path(source)
    if isinstance(source, str) and source and "\n" not in source and len(source) < 1024:
        path = Path(source)
        if path.suffix.lower() in _SUFFIXES:
            return path
        try:
            if path.is_file():
                return path
        except (OSError, ValueError):
            return None
    return None


def _read(path: Path, name: str, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        check_size(size, limits, name)
        with path.open("rb") as handle:
            # As large as the file is (a buffer of the limit's size costs more than
            # reading a small file); then whatever it has grown by, up to the limit.
            data = handle.read(min(size, limits.max_bytes) + 1)
            if len(data) > size:
                data += handle.read(limits.max_bytes + 1 - len(data))
            return data
    except FileNotFoundError:
        raise ParseError("文件不存在", "no such file", where=name, reason="unreadable") from None
    except IsADirectoryError:
        raise ParseError(
            "这是目录，不是文件", "a directory, not a file", where=name, reason="unreadable"
        ) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        reason = getattr(error, "strerror", None) or error
        raise ParseError(
            f"无法读取文件：{reason}",
            f"cannot read the file: {reason}",
            where=name,
            reason="unreadable",
        ) from None


def _parse_json(data: str | bytes, name: str | None, limits: Limits) -> ParseResult:
    from ..codecs import loads

    if isinstance(data, bytes) and not data.startswith(_BYTE_ORDER_MARKS):
        # Most files are UTF-8: read the bytes as they are (not decoded, then encoded
        # again by the JSON reader). What that reads is what the text decoded as UTF-8
        # reads; anything else (another encoding, an error) is read as text below, and
        # the error is the one that reading gives.
        try:
            return ParseResult(report=loads(data, limits=limits), format="json")
        except Exception:
            pass
    text = decode_text(data, name=name)[0] if isinstance(data, bytes) else data
    return ParseResult(report=loads(text, limits=limits), format="json")


#: The byte-order marks :func:`decode_text` reads an encoding from (UTF-32's first: it
#: begins with UTF-16's).
_BYTE_ORDER_MARKS = (
    codecs.BOM_UTF8,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


def _reader(format: str, name: str | None) -> Callable[..., Document]:
    module_name = f"govdisclosure.parsers.frontends.{_MODULES.get(format, '_' + format)}"
    try:
        module: Any = import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        raise ParseError(
            f"读取 {format} 格式需要相应的读取器，本安装中没有",
            f"this format needs the {format} reader, which this installation does not have",
            where=name,
            reason="format_unavailable",
        ) from None
    reader: Callable[..., Document] = getattr(module, f"read_{format}")
    return reader
