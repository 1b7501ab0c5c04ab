"""Safety limits for reading untrusted input.

Every reader (``loads`` and every ``parse`` front-end) honours a :class:`Limits`. Input over
a limit raises :class:`~govdisclosure.LimitExceededError` naming the limit, the value found
and where; nothing is silently cut. Readers built on native engines (PDF, OCR) run, unless
told the input is trusted (``isolate=False``), in a child process that the operating
system holds to ``max_memory`` and that is stopped after ``max_seconds`` (plus
``max_ocr_seconds_per_page`` for each page it reads by OCR).
"""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT_LIMITS", "Limits", "time_budget"]


_count = attrs.validators.and_(attrs.validators.instance_of(int), attrs.validators.ge(1))
_seconds = attrs.validators.ge(0.0)  # NaN is not >= 0 either
_MIB = 1024 * 1024
_memory = attrs.validators.and_(attrs.validators.instance_of(int), attrs.validators.ge(64 * _MIB))


@attrs.frozen(kw_only=True)
class Limits:
    """How much untrusted input a reader accepts.

    Counts are whole numbers of at least 1, the others numbers of at least 0 (``inf``
    for no limit on time), ``max_memory`` at least 64 MiB and ``isolate`` a bool;
    anything else (NaN, say) raises ``ValueError``/``TypeError`` at once.

    The JSON reader (:func:`govdisclosure.loads`, :func:`govdisclosure.check_jsonl`)
    honours ``max_bytes`` (the size of one document, or of one line of JSON Lines,
    checked before decoding) and ``max_depth`` (how deeply arrays and objects nest;
    measured without recursion). A report in the canonical form nests 4 deep, 6 with a
    ``source``.

    Attributes:
        max_bytes: the largest input, in bytes (after decompression for DOCX parts).
        max_cells: the most table cells in one document.
        max_depth: the deepest nesting of JSON values or markup elements.
        max_elements: the most markup elements (HTML tags; XML elements of a DOCX part)
            in one document, and the most lines holding text of a text document (or of
            an HTML ``<pre>``): reading takes memory per element and per line, whatever
            the bytes. Blank lines do not count (a run of them is read as one block).
        max_pages: the most PDF pages read, checked before any page is loaded.
        max_pixels: the most pixels of one page image read by OCR (a scanned page, a
            PNG or JPEG photo): an A4 page at 300 dpi has 8.7 million, a 48-megapixel
            phone photo 48 million. Checked before the image is decoded.
        max_seconds: wall-clock budget for one document, from the start of ``parse()``
            to its result (the front-end and the assembler share it, and so does a
            reader process), checked inside every loop whose work grows with the input.
            A single call into a third-party parser (lxml's parse of a page, PDFium's
            load of a page, one OCR recognition) is not interrupted; a native engine
            running isolated is stopped when it overruns. Pages read by OCR add
            ``max_ocr_seconds_per_page`` each.
        max_ocr_seconds_per_page: what each page read by a character recogniser (a
            scanned PDF page, a PNG or JPEG photo) adds to ``max_seconds``: OCR takes
            seconds a page (3 to 12 on two shared cores at 200 dpi), a text layer
            milliseconds. The budget grows as each such page begins, so a document that
            needs no OCR keeps ``max_seconds``, and no document gets more than
            ``max_seconds + max_pages × max_ocr_seconds_per_page``.
        max_decompression_ratio: for zipped containers (DOCX), the largest ratio of a
            part's uncompressed to compressed size.
        max_objects: the most graphic objects (text runs, paths, images, forms and what
            they hold) on one PDF page, counted before any is read.
        max_segments: the most path segments (the lines and curves of drawings and
            table rules) on one PDF page, counted before their points are read.
        max_chars: the most characters in a PDF's text layer, all pages together.
        max_memory: the address space, in bytes, of the child process in which an
            isolated native engine reads a document (the operating system refuses it
            more; not enforced where the platform has no ``RLIMIT_AS``, such as
            Windows).
        isolate: read documents that need a native engine (PDF) in a child process held
            to ``max_memory`` and ``max_seconds``, whose crash, hang or memory blow-up
            becomes a :class:`~govdisclosure.ParseError` or
            :class:`~govdisclosure.LimitExceededError`. ``False`` reads them in this
            process: faster to start, for files you trust, but a fault of the engine
            then takes the interpreter with it and ``max_memory`` does not apply.
    """

    max_bytes: int = attrs.field(default=50 * 1024 * 1024, validator=_count)
    max_cells: int = attrs.field(default=20_000, validator=_count)
    max_depth: int = attrs.field(default=200, validator=_count)
    max_elements: int = attrs.field(default=1_000_000, validator=_count)
    max_pages: int = attrs.field(default=200, validator=_count)
    max_pixels: int = attrs.field(default=60_000_000, validator=_count)
    max_seconds: float = attrs.field(default=30.0, validator=_seconds)
    max_ocr_seconds_per_page: float = attrs.field(default=30.0, validator=_seconds)
    max_decompression_ratio: float = attrs.field(default=200.0, validator=_seconds)
    max_objects: int = attrs.field(default=100_000, validator=_count)
    max_segments: int = attrs.field(default=200_000, validator=_count)
    max_chars: int = attrs.field(default=2_000_000, validator=_count)
    max_memory: int = attrs.field(default=2048 * _MIB, validator=_memory)
    isolate: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))


DEFAULT_LIMITS = Limits()


def time_budget(limits: Limits, ocr_pages: int) -> float:
    """The seconds a document may take once ``ocr_pages`` of its pages began to be read
    by OCR (at most ``max_pages`` count)."""
    return limits.max_seconds + min(ocr_pages, limits.max_pages) * limits.max_ocr_seconds_per_page
