"""File names as text that can always be written: readable, valid UTF-8, reversible.

A file name on Linux is bytes; Python gives names that are not UTF-8 (GBK names from zip
archives made on Windows, say) as ``str`` holding lone surrogates (``surrogateescape``),
which no UTF-8 writer accepts. Every name a message, a JSON document, a CSV row or a
SARIF log shows goes through :func:`readable` (or :func:`uri_path`), never ``str(path)``.
"""

from __future__ import annotations

import os
from urllib.parse import quote

__all__ = ["readable", "uri_path"]


def _raw(name: str) -> bytes:
    """The bytes of ``name`` as the operating system holds them."""
    try:
        return os.fsencode(name)
    except UnicodeEncodeError:  # a lone surrogate that no file name decoded into
        return name.encode("utf-8", "surrogatepass")


def readable(name: str | bytes | os.PathLike[str]) -> str:
    """``name`` as valid UTF-8 text: as it is when it is, else its bytes that are not
    UTF-8 written as backslash escapes (``\\xb1\\xa8``).

    >>> readable("年度报告.json")
    '年度报告.json'
    >>> readable(os.fsdecode(b"\\xb1\\xa8\\xb8\\xe6.json"))
    '\\\\xb1\\\\xa8\\\\xb8\\\\xe6.json'
    """
    text = os.fsdecode(name)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _raw(text).decode("utf-8", "backslashreplace")
    return text


def uri_path(name: str) -> str:
    """``name`` percent-encoded as the path of a URI, byte for byte (``/`` kept)."""
    return quote(_raw(name), safe="/")
