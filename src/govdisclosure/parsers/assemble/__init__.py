"""Assembling a report from any :class:`~govdisclosure.parsers.Document`.

One reader of the report format for every front-end: the document is laid out as one
stream of tokens (:mod:`._stream`) searched in a folded key (:mod:`._fold`); sections are
found by their headings, the edition by its signature labels, the organ and year by the
title (:mod:`._meta`); the tables by their row labels (:mod:`._anchors`, :mod:`._tables`),
their columns by the header grid (:mod:`._columns`), runs of digits split only where the
identities allow one reading (:mod:`._split`); rows whose labels are misprinted or lost
placed where one reading fits (:mod:`._gaps`, :mod:`._rowmatch`), rows short of cells
placed by the identities (:mod:`._short`); the prose paragraph by paragraph
(:mod:`._prose`). :func:`assemble` returns the report, the ``GD9xx`` diagnostics and the
leftovers (:mod:`._assembler`).
"""

from ._assembler import assemble

__all__ = ["assemble"]
