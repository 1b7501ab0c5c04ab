"""How a published document is read: front-ends, the assembler, :class:`ParseResult`."""

from ._document import Block, Document, Table, TableCell, TextBlock
from ._result import Leftover, ParseResult

__all__ = ["Block", "Document", "Leftover", "ParseResult", "Table", "TableCell", "TextBlock"]
