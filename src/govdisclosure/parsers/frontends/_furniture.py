"""Running page headers and footers: the lines a page layout repeats on every page.

A printed report carries text that is the page's, not the report's: a page number
(``- 4 -``, ``第 4 页 共 8 页``), the organ's name or the report's title at the head of
each page, and — printed from a browser — the date, the page title, the file's address
and ``2/8``. Read as running text they would be spliced into the prose of the section the
page break falls in, into a table continued over the page, or taken for the title.

A careful reader knows them by their place and their repetition: a line is *page
furniture* when, on at least half the pages (and two or more), a line of the same text —
up to its digits (page numbers, dates) and spaces — stands at the top or at the foot of
the page, in its margin, with nothing of the page between it and the edge. Lines read by
a character recogniser may differ by a misread character from page to page: two lines on
neighbouring pages are the same when nine in ten of their characters agree.

The front-ends that see pages (PDF, a scanned PDF read by OCR) mark such lines
:attr:`~govdisclosure.parsers.TextBlock.furniture`; the assembler keeps them as leftovers,
out of the prose, the tables and the title. The work is linear in the pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

__all__ = ["MARGIN", "PageLine", "running_lines"]

MARGIN = 1 / 8
"""The top and bottom eighth of a page: where running headers and footers stand (公文
margins are 37 and 35 mm of 297; a browser prints them in the top and bottom half inch)."""
_EDGE_LINES = 2
"""Lines looked at from each edge of a page: a header or footer has one or two."""
_ALIKE = 0.9
"""How alike (characters in common, of the two lines' length) two lines read by a
recogniser must be to be one running line."""
_LONGEST = 200
"""Characters: a longer line is body text, not a running header or footer."""
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
Node = tuple[int, int]


class PageLine(NamedTuple):
    """An item of a page in reading order: a line of text, or (``text is None``) anything
    else (a table, an image) that stops the search for running lines from that edge.

    Attributes:
        top: the item's top, in points from the top of the page.
        bottom: its bottom.
        text: the line's text; ``None`` for an item that is not a line of text.
    """

    top: float
    bottom: float
    text: str | None


def running_lines(pages: Sequence[tuple[float, Sequence[PageLine]]]) -> set[tuple[int, int]]:
    """The running headers and footers among the lines of ``pages``.

    Args:
        pages: each page's height and its items, top to bottom.

    Returns:
        ``(page index, item index)`` of every line that is page furniture.
    """
    needed = max(2, (len(pages) + 1) // 2)
    if len(pages) < needed:
        return set()
    found: set[tuple[int, int]] = set()
    for edge in ("top", "bottom"):
        # Per page, the lines at this edge (nearest the edge first) and their keys.
        at_edge: list[list[tuple[int, str]]] = [
            _at_edge(height, items, edge) for height, items in pages
        ]
        # Lines of neighbouring pages alike are one running line (union-find).
        parent: dict[Node, Node] = {}
        for p, lines in enumerate(at_edge):
            for i, _ in lines:
                parent[(p, i)] = (p, i)
        for p in range(1, len(at_edge)):
            for before in (p - 1, p - 2):
                if before < 0:
                    continue
                for i, key in at_edge[p]:
                    for j, other in at_edge[before]:
                        if _alike(key, other):
                            a, b = _root(parent, (p, i)), _root(parent, (before, j))
                            if a != b:
                                parent[max(a, b)] = min(a, b)
        groups: dict[tuple[int, int], set[int]] = {}
        for node in parent:
            groups.setdefault(_root(parent, node), set()).add(node[0])
        for node in parent:
            if len(groups[_root(parent, node)]) >= needed:
                found.add(node)
    return found


def _root(parent: dict[Node, Node], node: Node) -> Node:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _at_edge(height: float, items: Sequence[PageLine], edge: str) -> list[tuple[int, str]]:
    """The lines at the top (bottom) of a page, in its margin, with their keys."""
    out: list[tuple[int, str]] = []
    order = range(len(items)) if edge == "top" else range(len(items) - 1, -1, -1)
    for index in order:
        item = items[index]
        inside = (
            item.bottom <= height * MARGIN if edge == "top" else item.top >= height * (1 - MARGIN)
        )
        if item.text is None or not inside or len(out) == _EDGE_LINES:
            break
        key = _key(item.text)
        if key and len(key) <= _LONGEST:
            out.append((index, key))
    return out


def _key(text: str) -> str:
    """A line's text with its digits (page numbers, dates) and spaces left out."""
    return _DIGITS.sub("0", _SPACE.sub("", text))


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= _ALIKE
        and matcher.quick_ratio() >= _ALIKE
        and matcher.ratio() >= _ALIKE
    )
