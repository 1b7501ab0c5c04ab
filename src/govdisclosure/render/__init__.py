"""How people see a report: the official layout as HTML and Markdown.

:func:`render_html` draws the template's tables with their merged header cells and marks
findings on their cells; :func:`render_markdown` writes the same tables as pipe tables.
"""

from ._html import render_html
from ._markdown import render_markdown

__all__ = ["render_html", "render_markdown"]
