"""Safety limits for reading untrusted input.

Every reader (``loads`` and every ``parse`` front-end) honours a :class:`Limits`. Input over
a limit raises :class:`~govdisclosure.LimitExceededError` naming the limit, the value found
and where; nothing is silently cut.
"""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT_LIMITS", "Limits"]


@attrs.frozen(kw_only=True)
class Limits:
    """How much untrusted input a reader accepts.

    Attributes:
        max_bytes: the largest input, in bytes (after decompression for DOCX parts).
        max_cells: the most table cells in one document.
        max_depth: the deepest nesting of JSON values or markup elements.
        max_elements: the most markup elements (HTML tags; XML elements of a DOCX part)
            in one document: a parse tree takes memory per element, whatever the bytes.
        max_pages: the most PDF pages read.
        max_seconds: wall-clock budget for one document (checked between steps; a
            single step of a third-party parser is not interrupted).
        max_decompression_ratio: for zipped containers (DOCX), the largest ratio of a
            part's uncompressed to compressed size.
    """

    max_bytes: int = 50 * 1024 * 1024
    max_cells: int = 20_000
    max_depth: int = 200
    max_elements: int = 1_000_000
    max_pages: int = 200
    max_seconds: float = 30.0
    max_decompression_ratio: float = 200.0


DEFAULT_LIMITS = Limits()
