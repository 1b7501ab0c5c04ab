"""The notes front-ends leave on a :class:`~govdisclosure.parsers.Document`.

A note is ``(code, message_zh, message_en)``. The codes below are stable: the assembler
maps them to ``GD9xx`` diagnostics; the messages are prose and may change.
"""

from __future__ import annotations

__all__ = [
    "ENCODING_GUESSED",
    "ENCODING_MISMATCH",
    "ENCODING_REPLACED",
    "ENCODING_UNKNOWN",
    "HIDDEN_CONTENT",
    "LAYOUT_TABLE",
    "NO_TEXT",
    "OCR_PAGE",
    "SET_ASIDE",
    "SHEETS_NOT_READ",
    "SPAN_CLAMPED",
    "SPAN_OVERLAP",
    "TABLE_CLIPPED",
    "TABLE_JOINED",
    "TEXT_NOT_PLACED",
    "Note",
]

Note = tuple[str, str, str]

# Decoding bytes (HTML; any front-end that decodes text).
ENCODING_GUESSED = "encoding-guessed"
"""No BOM or declared charset: the encoding was inferred from the bytes."""
ENCODING_MISMATCH = "encoding-mismatch"
"""The declared charset does not fit the bytes; another encoding did."""
ENCODING_UNKNOWN = "encoding-unknown"
"""The declared charset label is not a known encoding; the encoding was inferred."""
ENCODING_REPLACED = "encoding-replaced"
"""Some bytes (or lone surrogates) could not be decoded and became U+FFFD."""

# Tables.
SPAN_CLAMPED = "span-clamped"
"""A colspan/rowspan/gridSpan beyond what a table can have was reduced."""
SPAN_OVERLAP = "span-overlap"
"""Merged cells of an HTML table overlap (a table model error); the later cell wins."""
LAYOUT_TABLE = "layout-table"
"""A table used for page layout (it holds another table, or has one column) was read as
running text; the tables inside it are read as tables."""
TABLE_JOINED = "table-joined"
"""A PDF table continued at the top of the next page was joined into one table."""
TABLE_CLIPPED = "table-clipped"
"""A PDF table runs past the page edge: text found beyond the edge was kept in the border
cells, but columns drawn entirely off the page are not in the file."""

# Workbooks.
HIDDEN_CONTENT = "hidden-content"
"""Hidden sheets of a workbook were not read (a reader of the workbook does not see them).
The text of hidden rows and columns is set aside instead (:data:`SET_ASIDE`)."""
SHEETS_NOT_READ = "sheets-not-read"
"""Sheets of a govdisclosure workbook that are not part of the report (findings, a
summary) were not read; or a sheet's content is missing from the file."""
TEXT_NOT_PLACED = "text-not-placed"
"""A part of a workbook's prose has no heading or table to follow on the report sheet;
it was put at the end."""

# Text kept out of the blocks.
SET_ASIDE = "set-aside"
"""Text the source hides (HTML, Word; a workbook's hidden rows and columns), strikes
through or prints as a footnote mark in a table cell was kept out of the text and the
cells (:attr:`~govdisclosure.parsers.Document.set_aside`); it is in the leftovers."""

# Whole documents.
NO_TEXT = "no-text"
"""A PDF without a text layer (a scan): nothing to read without OCR."""
OCR_PAGE = "ocr-page"
"""A page without text (a scan, a photo) was read by a character recogniser (OCR)."""
