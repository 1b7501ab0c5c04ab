"""How people see a report: the official layout as HTML, Markdown, Word and Excel.

:func:`render_html` draws the template's tables with their merged header cells and marks
findings on their cells; :func:`render_markdown` writes the same tables as pipe tables;
:func:`render_docx` writes the report as agencies publish it in Word (standard library
only); :func:`render_xlsx` writes it as an Excel workbook (the ``xlsx`` extra), and
:func:`render_xlsx_many` several in one workbook with a summary sheet.
:func:`template_xlsx` and :func:`template_docx` give blank fill-in templates, and
:func:`render_corpus` a page about a whole corpus of reports. Everything written reads
back with :func:`govdisclosure.parse` (except the corpus page).

openpyxl is imported only when a workbook is written.
"""

from ._corpus import render_corpus
from ._docx import render_docx
from ._html import render_html
from ._markdown import render_markdown
from ._template import blank_report, template_docx, template_xlsx
from ._xlsx import render_xlsx, render_xlsx_many

__all__ = [
    "blank_report",
    "render_corpus",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_xlsx",
    "render_xlsx_many",
    "template_docx",
    "template_xlsx",
]
