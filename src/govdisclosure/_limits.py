"""Safety limits for reading untrusted input.

Every reader (``loads`` and every ``parse`` front-end) honours a :class:`Limits`. Input over
a limit raises :class:`~govdisclosure.LimitExceededError` naming the limit, the value found
and where; nothing is silently cut.
"""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT_LIMITS", "Limits"]


_count = attrs.validators.and_(attrs.validators.instance_of(int), attrs.validators.ge(1))
_seconds = attrs.validators.ge(0.0)  # NaN is not >= 0 either


@attrs.frozen(kw_only=True)
class Limits:
    """How much untrusted input a reader accepts.

    Counts are whole numbers of at least 1, the others numbers of at least 0 (``inf``
    for no limit on time); anything else (NaN, say) raises ``ValueError``/``TypeError``
    at once.

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
        max_pages: the most PDF pages read.
        max_seconds: wall-clock budget for one document, from the start of ``parse()``
            to its result (the front-end and the assembler share it), checked inside
            every loop whose work grows with the input; a single call into a
            third-party parser (lxml's parse of a page, a PDF page's layout analysis)
            is not interrupted.
        max_decompression_ratio: for zipped containers (DOCX), the largest ratio of a
            part's uncompressed to compressed size.
    """

    max_bytes: int = attrs.field(default=50 * 1024 * 1024, validator=_count)
    max_cells: int = attrs.field(default=20_000, validator=_count)
    max_depth: int = attrs.field(default=200, validator=_count)
    max_elements: int = attrs.field(default=1_000_000, validator=_count)
    max_pages: int = attrs.field(default=200, validator=_count)
    max_seconds: float = attrs.field(default=30.0, validator=_seconds)
    max_decompression_ratio: float = attrs.field(default=200.0, validator=_seconds)


DEFAULT_LIMITS = Limits()
