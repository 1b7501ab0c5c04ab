"""Front-ends: one per file format, each turning bytes into a
:class:`~govdisclosure.parsers.Document` of text blocks and tables with their source
positions. They know a file format, not the report format.

``_text`` (plain text, Word copies, PDF text, crawler dumps, Markdown through
``_markdown``), ``_html`` (lxml; encodings through ``_encoding``), ``_docx`` (OOXML read
directly) and ``_pdf``; shared limits and helpers in ``_common``. The HTML, Word and PDF
front-ends need their extras and are imported only when first used.
"""
