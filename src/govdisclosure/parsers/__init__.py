"""How a published document is read: :func:`parse`, the front-ends, the assembler.

The walk of one value, top to bottom: bytes → a front-end (``frontends/``: text, HTML,
Word, PDF) → a :class:`Document` of text blocks and table cells with their source
positions (``_document``) → the assembler (``assemble/``: sections, labels, columns,
digit runs, prose) → a :class:`ParseResult`: the report (cells read, blank or unread),
its ``GD9xx`` diagnostics and its leftovers.

:func:`parse` reads a file, bytes or text and returns a :class:`ParseResult`. Front-ends
turn a file format into a :class:`Document` — :func:`read_text`, and :func:`read_html`,
:func:`read_docx`, :func:`read_xlsx`, :func:`read_pdf` and :func:`read_image` (a PNG or
JPEG of a page, by OCR) with their optional extras (``html``, ``docx``, ``xlsx``, ``pdf``,
``ocr``, imported only when first called) — and :func:`assemble` finds the report in any
:class:`Document`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .._limits import DEFAULT_LIMITS, Limits
from ._api import FORMATS, detect_format, parse
from ._document import Block, Document, SetAside, Table, TableCell, TextBlock
from ._result import Leftover, ParseResult
from .assemble import assemble
from .frontends._text import read_text

if TYPE_CHECKING:
    from .frontends._docx import read_docx
    from .frontends._html import read_html
    from .frontends._ocr import read_image
    from .frontends._pdf import read_pdf
    from .frontends._xlsx import read_xlsx

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "Block",
    "Document",
    "Leftover",
    "Limits",
    "ParseResult",
    "SetAside",
    "Table",
    "TableCell",
    "TextBlock",
    "assemble",
    "detect_format",
    "parse",
    "read_docx",
    "read_html",
    "read_image",
    "read_pdf",
    "read_text",
    "read_xlsx",
]

# The HTML, Word, Excel, PDF and image front-ends are loaded on first use, so that reading
# text or JSON does not pay for importing them.
_LAZY = {
    "read_docx": "govdisclosure.parsers.frontends._docx",
    "read_html": "govdisclosure.parsers.frontends._html",
    "read_image": "govdisclosure.parsers.frontends._ocr",
    "read_pdf": "govdisclosure.parsers.frontends._pdf",
    "read_xlsx": "govdisclosure.parsers.frontends._xlsx",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govdisclosure.parsers' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
