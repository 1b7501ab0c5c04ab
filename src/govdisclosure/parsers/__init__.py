"""How a published document is read: :func:`parse`, front-ends, the assembler, :class:`ParseResult`.

:func:`parse` reads a file, bytes or text; front-ends (text here; HTML, Word and PDF where
installed) turn a format into a :class:`Document` of text blocks and tables; :func:`assemble`
finds the report in any :class:`Document`.
"""

from .._limits import DEFAULT_LIMITS, Limits
from ._api import FORMATS, detect_format, parse
from ._assembler import assemble
from ._document import Block, Document, Table, TableCell, TextBlock
from ._result import Leftover, ParseResult
from ._text import read_text

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "Block",
    "Document",
    "Leftover",
    "Limits",
    "ParseResult",
    "Table",
    "TableCell",
    "TextBlock",
    "assemble",
    "detect_format",
    "parse",
    "read_text",
]
