"""How a published document is read: front-ends, the assembler, :class:`ParseResult`.

The file-format front-ends (:func:`read_html`, :func:`read_docx`, :func:`read_pdf`) turn a
file into a :class:`Document`; each needs an optional extra (``html``, ``docx``, ``pdf``),
imported only when the function is first called.
"""

from ._document import Block, Document, Table, TableCell, TextBlock
from ._docx import read_docx
from ._html import read_html
from ._pdf import read_pdf
from ._result import Leftover, ParseResult

__all__ = [
    "Block",
    "Document",
    "Leftover",
    "ParseResult",
    "Table",
    "TableCell",
    "TextBlock",
    "read_docx",
    "read_html",
    "read_pdf",
]
