"""Reading web pages: HTML into a :class:`~govdisclosure.parsers.Document`.

Parsing uses lxml (libxml2's HTML parser, the ``html`` extra): it parses report pages
about ten times faster than the standard library's ``html.parser`` tokenises them, closes
tags the way sloppy pages need, and gives each element its source line (see
``benchmarks/bench_frontends.py``).

What comes out:

* Every ``<table>`` that holds data becomes a :class:`Table`: each ``<td>``/``<th>`` once,
  placed on the grid by the HTML table model (``rowspan``/``colspan``, ``rowspan="0"`` to
  the end of the table), its text flattened with ``<br>`` and block elements as line
  breaks. Blank cells (``&nbsp;``) have ``""``.
* A table that holds another table, or has a single column, is page layout: its content is
  read as running text and the tables inside it as tables (note ``layout-table``).
* Everything else is running text: one :class:`TextBlock` per block element (``p``,
  ``div``, ``h1``…``h6``, ``li``, table cells of layout tables…) and per ``<br>``-separated
  line, in document order, each with its source line; white space is collapsed as a
  browser shows it, except in ``<pre>``, whose every non-blank line is a block as written
  (leading tabs kept: reports copied out of Word are sometimes published that way).
  ``<script>``, ``<style>``, ``<template>``, the ``<head>`` and comments are not text;
  the ``<title>`` becomes :attr:`Document.title`, ``<meta name="govdisclosure:…">``
  tags (written by :func:`govdisclosure.render_html`) :attr:`Document.metadata`.
  Blocks of ``<h1>``…``<h6>`` carry their heading level. Navigation and other page chrome are
  kept: the assembler decides what belongs to the report.
* What the page does not show as its text is kept out of the blocks and cells and set
  aside (:attr:`Document.set_aside`, leftovers in the result), never glued onto a figure:
  hidden elements (the ``hidden`` attribute, ``display:none`` or ``visibility:hidden`` in
  an inline style or in a simple rule of a ``<style>`` sheet — ``.class``, ``#id``,
  ``tag``, ``tag.class`` — and ``<noscript>``); struck-through text (``<del>``, ``<s>``,
  ``<strike>``, ``text-decoration: line-through``); and superscripts inside table cells,
  which are footnote marks (``821<sup>9</sup>`` is the figure 821 and the mark 9). Rules
  the reader does not understand (descendant selectors, media queries) hide nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from ..._limits import DEFAULT_LIMITS, Limits
from ...exceptions import LimitExceededError
from ...model import SourceSpan
from .._clock import Deadline, deadline
from .._document import (
    FOOTNOTE_MARK,
    HIDDEN,
    STRUCK,
    Block,
    Document,
    SetAside,
    Table,
    TableCell,
    TextBlock,
)
from .._notes import SPAN_OVERLAP, Note
from ._common import (
    HTML_SPACE,
    LIBXML2_MAX_DEPTH,
    MAX_SPAN,
    CellBudget,
    SpanClamp,
    check_size,
    clean_lines,
    depth_over,
    layout_note,
    optional_import,
    set_aside_note,
)
from ._encoding import decode_bytes, scrub_surrogates
from ._records import positional

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["read_html"]

# Elements that start and end a block of running text (HTML's block-level and table
# elements, list items, and the legacy ones portal pages still use).
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
# Elements whose content is not text of the page.
_SKIP = frozenset({"head", "iframe", "object", "script", "style", "template", "title"})
_CELL = frozenset({"td", "th"})
_NUMBER = re.compile(r"[ \t\n\f\r]*\+?([0-9]+)")
_ROWSPAN_TO_END = 0
_META_PREFIX = "govdisclosure:"
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_new_cell = positional(TableCell)
_new_span = positional(SourceSpan)

# -- what the page does not show as text ----------------------------------------------

_HIDDEN_TAGS = frozenset({"noscript"})
_STRUCK_TAGS = frozenset({"del", "s", "strike"})
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_DECLARATION = re.compile(r"\s*([-a-zA-Z]+)\s*:\s*([^;]*)")
_IMPORTANT = re.compile(r"\s*!\s*important\s*$", re.IGNORECASE)
# A compound selector the reader understands: an optional tag, then ids and classes.
_SIMPLE_SELECTOR = re.compile(r"(?P<tag>[a-zA-Z][a-zA-Z0-9]*)?(?P<rest>(?:[.#][-\w]+)*)")
_SELECTOR_PART = re.compile(r"([.#])([-\w]+)")
#: The most rules of a page's style sheets the reader keeps (a page's own are a few
#: hundred; the rest are ignored, hiding nothing).
_MAX_RULES = 10_000


class _Style(NamedTuple):
    """What a style says about showing an element: ``hidden`` (``None``: it does not
    say), and whether its text is struck through."""

    hidden: bool | None
    struck: bool


def _style(declarations: str) -> _Style:
    """The effect of CSS declarations (``display:none; color:red``…); the last wins."""
    hidden: bool | None = None
    display_none = visibility_hidden = None
    struck = False
    for match in _DECLARATION.finditer(declarations):
        name = match.group(1).lower()
        value = _IMPORTANT.sub("", match.group(2)).strip().lower()
        if name == "display":
            display_none = value == "none"
        elif name == "visibility":
            visibility_hidden = value in ("hidden", "collapse")
        elif name in ("text-decoration", "text-decoration-line"):
            struck = "line-through" in value
    if display_none is not None or visibility_hidden is not None:
        hidden = bool(display_none) or bool(visibility_hidden)
    return _Style(hidden, struck)


_SHOWN = _Style(None, False)
#: The names :func:`_style` reads, as they are found in lower-cased declarations.
_STYLE_NAMES = ("display", "visibility", "decoration")


@lru_cache(maxsize=1024)  # a page repeats its inline styles
def _inline_style(declarations: str | None) -> _Style:
    """:func:`_style` of an element's ``style`` attribute; without a name it reads
    (most inline styles: fonts, margins), it says nothing, at the cost of a few
    searches."""
    if not declarations:
        return _SHOWN
    lowered = declarations.lower()
    if all(name not in lowered for name in _STYLE_NAMES):
        return _SHOWN
    return _style(declarations)


class _Rule(NamedTuple):
    tag: str | None
    ids: frozenset[str]
    classes: frozenset[str]
    style: _Style


def _rules(sheets: list[str]) -> list[_Rule]:
    """The rules of style sheets that hide or strike through, with simple selectors.

    Only top-level rules count: an ``@media`` block (print styles, say) is skipped whole.
    A linear scan: braces are counted, nothing is parsed recursively.
    """
    rules: list[_Rule] = []
    for sheet in sheets:
        css = _CSS_COMMENT.sub("", sheet)
        position, size = 0, len(css)
        while position < size and len(rules) < _MAX_RULES:
            opening = css.find("{", position)
            if opening < 0:
                break
            depth, cursor = 1, opening + 1
            while cursor < size and depth:
                char = css[cursor]
                if char == "{":
                    depth += 1
                elif char == "}":
                    depth -= 1
                cursor += 1
            prelude = css[position:opening].strip()
            body = css[opening + 1 : cursor - 1]
            position = cursor
            if prelude.startswith("@") or "{" in body:
                continue
            style = _style(body)
            if not style.hidden and not style.struck:
                continue
            for selector in prelude.split(","):
                rule = _rule(selector.strip(), style)
                if rule is not None:
                    rules.append(rule)
    return rules


def _rule(selector: str, style: _Style) -> _Rule | None:
    match = _SIMPLE_SELECTOR.fullmatch(selector)
    if match is None or not selector:
        return None
    parts = _SELECTOR_PART.findall(match.group("rest") or "")
    tag = match.group("tag")
    return _Rule(
        tag=tag.lower() if tag else None,
        ids=frozenset(name for kind, name in parts if kind == "#"),
        classes=frozenset(name for kind, name in parts if kind == "."),
        style=style,
    )


class _Sheet:
    """The rules of a page's style sheets, indexed by what their selectors name (each
    under one class, else its id, else its tag, else every element)."""

    def __init__(self, rules: list[_Rule]) -> None:
        self.by_class: dict[str, list[_Rule]] = {}
        self.by_id: dict[str, list[_Rule]] = {}
        self.by_tag: dict[str, list[_Rule]] = {}
        self.anywhere: list[_Rule] = []
        for rule in rules:
            if rule.classes:
                self.by_class.setdefault(min(rule.classes), []).append(rule)
            elif rule.ids:
                self.by_id.setdefault(min(rule.ids), []).append(rule)
            elif rule.tag is not None:
                self.by_tag.setdefault(rule.tag, []).append(rule)
            else:
                self.anywhere.append(rule)

    def matching(self, element: etree._Element, tag: str) -> list[_Rule]:
        """The rules whose selector matches ``element``."""
        classes = frozenset((element.get("class") or "").split())
        ident = element.get("id")
        candidates = list(self.anywhere)
        candidates.extend(self.by_tag.get(tag, ()))
        if ident is not None:
            candidates.extend(self.by_id.get(ident, ()))
        for name in classes:
            candidates.extend(self.by_class.get(name, ()))
        return [
            rule
            for rule in candidates
            if (rule.tag is None or rule.tag == tag)
            and rule.classes <= classes
            and (not rule.ids or rule.ids == {ident})
        ]


def _set_aside_marks(root: etree._Element) -> dict[Any, str]:
    """The outermost elements whose text the page does not show as text, with why."""
    sheets = ["".join(style.itertext()) for style in root.iter("style")]
    rules = _rules(sheets) if sheets else []
    sheet = _Sheet(rules) if rules else None
    marks: dict[Any, str] = {}

    def reason(element: etree._Element, tag: str, in_cell: bool) -> str | None:
        if tag in _HIDDEN_TAGS or element.get("hidden") is not None:
            return HIDDEN
        inline = _inline_style(element.get("style"))
        hidden, struck = inline.hidden, inline.struck or tag in _STRUCK_TAGS
        if sheet is not None and (hidden is None or not struck):
            for rule in sheet.matching(element, tag):
                if hidden is None and rule.style.hidden:
                    hidden = True
                struck = struck or rule.style.struck
        if hidden:
            return HIDDEN
        if struck:
            return STRUCK
        if tag == "sup" and in_cell:
            return FOOTNOTE_MARK
        return None

    if sheet is None:
        return _marked_by_attributes(root, reason)
    # The page's nesting has been checked against max_depth: the walk is bounded.
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, in_cell = stack.pop()
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            tag = tag.lower()
            why = reason(child, tag, in_cell)
            if why is not None:
                marks[child] = why
            else:
                stack.append((child, in_cell or tag in _CELL))
    return marks


#: The tags that may be set aside for what they are, whatever their attributes.
_MARKED_TAGS = _HIDDEN_TAGS | _STRUCK_TAGS | {"sup"}


@lru_cache(maxsize=1)
def _queries() -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """XPath queries (compiled once): whether an element under the root has a ``hidden``
    attribute; the values of the ``style`` attributes under the root."""
    from lxml import etree

    return (
        etree.XPath("boolean(descendant::*/@hidden)"),
        etree.XPath("descendant::*/@style", smart_strings=False),
    )


def _shows_everything(root: etree._Element) -> bool:
    """Whether no element under ``root`` can be set aside by its tag or attributes: none
    has a tag of :data:`_MARKED_TAGS` or a ``hidden`` attribute, and no inline style
    says anything :func:`_style` reads. The usual page, told in C but for its distinct
    inline styles (the HTML parser writes tag and attribute names in lower case)."""
    for _ in root.iter(*_MARKED_TAGS):
        return False
    has_hidden, styles = _queries()
    if has_hidden(root):
        return False
    return all(_inline_style(style) is _SHOWN for style in set(styles(root)))


def _marked_by_attributes(
    root: etree._Element, reason: Callable[[etree._Element, str, bool], str | None]
) -> dict[Any, str]:
    """:func:`_set_aside_marks` of a page whose style sheets hide nothing: only an
    element's tag and its ``hidden`` and ``style`` attributes can set it aside, so the
    elements are read in document order in one C-level iteration, and only those with
    one of them are asked (with whether they are in a cell, for ``sup``). The usual page,
    where no element has any of them (:func:`_shows_everything`), is not iterated."""
    marks: dict[Any, str] = {}
    if _shows_everything(root):
        return marks
    inside: set[Any] = set()  # the elements under one set aside: not asked
    for element in root.iter():
        tag = element.tag
        if element is root or not isinstance(tag, str):
            continue
        tag = tag.lower()
        if element.get("hidden") is None and tag not in _MARKED_TAGS:
            style = element.get("style")
            if style is None or _inline_style(style) is _SHOWN:
                continue  # what reason() would say: nothing
        if inside and element in inside:
            continue
        in_cell = tag == "sup" and any(
            a is not root and isinstance(a.tag, str) and a.tag.lower() in _CELL
            for a in element.iterancestors()
        )
        why = reason(element, tag, in_cell)
        if why is not None:
            marks[element] = why
            inside.update(element.iterdescendants())
    return marks


def _text_of(element: etree._Element) -> str:
    """All the text under ``element`` (what was set aside), on one line."""
    return _one_line("".join(element.itertext()))


def read_html(
    data: bytes | str,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read a web page (a whole portal page or a fragment) into a :class:`Document`.

    Args:
        data: the page, as bytes (encoding detected: BOM, then the declared charset, then
            UTF-8, then GB18030) or as text.
        name: the document's name or path, for messages and :attr:`Document.name`.
        limits: safety limits (``max_bytes``, ``max_elements``, ``max_depth``,
            ``max_cells``).

    Returns:
        The page's text blocks and tables in document order. A page with no text gives
        a document with no blocks (deciding that it is not a report is the assembler's
        call). Encoding guesses and replacements, clamped spans and layout tables are
        recorded in :attr:`Document.notes`.

    Raises:
        LimitExceededError: the page is over ``max_bytes``, has more than
            ``max_elements`` tags, nests deeper than ``max_depth`` (or than libxml2's own
            limit of 256), or its tables have more than ``max_cells`` grid slots.
        ParseError: lxml is not installed (``pip install 'govdisclosure[html]'``).
    """
    etree_module = optional_import("lxml.etree", "html", name)
    clock = deadline(limits, name)
    where = name or "<html>"
    check_size(len(data), limits, name)
    notes: list[Note] = []
    if isinstance(data, str):
        text, scrub_notes = scrub_surrogates(data)
        notes.extend(scrub_notes)
    else:
        decoded = decode_bytes(data, markup=True)
        text = decoded.text
        notes.extend(decoded.notes)
    encoded = text.encode("utf-8")
    check_size(len(encoded), limits, name)
    tags = encoded.count(b"<")
    if tags > limits.max_elements:
        raise LimitExceededError(
            f"HTML 含约 {tags} 个标签，超过上限 max_elements={limits.max_elements}",
            f"the page has about {tags} tags, over max_elements={limits.max_elements}",
            where=name,
            limit="max_elements",
            value=tags,
            maximum=limits.max_elements,
        )

    parser = etree_module.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        compact=True,
        default_doctype=False,
    )
    try:
        root = etree_module.fromstring(encoded, parser)
    except (etree_module.LxmlError, ValueError):
        root = None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            raise LimitExceededError(
                f"HTML 超出解析器的限制（嵌套超过 {LIBXML2_MAX_DEPTH} 层或文本节点过大）："
                f"{error.message}",
                f"the page is beyond the HTML parser's limits (nesting deeper than "
                f"{LIBXML2_MAX_DEPTH} or a huge text node): {error.message}",
                where=f"{where}:{error.line}",
            )
    if root is None:
        return Document(format="html", blocks=(), name=name, notes=tuple(notes))
    too_deep = depth_over(root, limits.max_depth)
    if too_deep is not None:
        raise LimitExceededError(
            f"HTML 元素嵌套超过上限 max_depth={limits.max_depth}",
            f"the page nests elements deeper than max_depth={limits.max_depth}",
            where=f"{where}:{too_deep.sourceline}",
            limit="max_depth",
            value=limits.max_depth + 1,
            maximum=limits.max_depth,
        )

    clock.check()
    title = _title(root)
    metadata = _metadata(root)
    marks = _set_aside_marks(root)  # before <style> goes: its rules may hide elements
    # Not text of the page; their tails are.
    etree_module.strip_elements(root, *_SKIP, with_tail=False)
    reader = _Reader(limits=limits, where=name, marks=marks, clock=clock)
    reader.mark_layout_tables(root)
    reader.flow(root)
    reader.flush()
    notes.extend(reader.notes())
    return Document(
        format="html",
        blocks=tuple(reader.blocks),
        name=name,
        title=title,
        notes=tuple(notes),
        metadata=metadata,
        set_aside=tuple(reader.set_aside),
    )


def _metadata(root: etree._Element) -> tuple[tuple[str, str], ...]:
    """The ``<meta name="govdisclosure:KEY" content="…">`` tags, as ``(KEY, content)``."""
    pairs: list[tuple[str, str]] = []
    for element in root.iter("meta"):
        name = element.get("name") or ""
        if name.lower().startswith(_META_PREFIX):
            pairs.append((name[len(_META_PREFIX) :], element.get("content") or ""))
    return tuple(pairs)


def _title(root: etree._Element) -> str | None:
    for element in root.iter("title"):
        return _one_line("".join(element.itertext())) or None
    return None


def _one_line(text: str | None) -> str:
    """Text of one line: HTML white space collapsed, stripped."""
    if not text:
        return ""
    # Only a run of two or more, or a tab or line break, needs collapsing; most texts
    # have none (a regular expression would look at every character to find that out).
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
        text = HTML_SPACE.sub(" ", text)
    return text.strip()


def _span_value(raw: str) -> int | None:
    """HTML's rules for parsing a non-negative integer; ``None`` if there is none."""
    if raw.isdigit() and len(raw) < 10:
        return int(raw)
    match = _NUMBER.match(raw)
    if match is None:
        return None
    digits = match.group(1).lstrip("0") or "0"
    # Huge numbers are clamped anyway; do not convert thousands of digits.
    return int(digits) if len(digits) <= 9 else 10**9


class _Reader:
    """Walks a parsed page once, collecting text blocks and tables in order.

    The page's nesting has been checked against ``max_depth`` (and libxml2 never nests
    deeper than 256), so the recursion here is bounded.
    """

    def __init__(
        self, *, limits: Limits, where: str | None, marks: dict[Any, str], clock: Deadline
    ) -> None:
        self.blocks: list[Block] = []
        self.limits = limits
        self.where = where
        self.tick = clock.tick
        #: Lines of ``<pre>`` text made blocks, counted against ``max_elements``.
        self._pre_lines = 0
        #: Elements whose text is set aside, with why; and what was set aside.
        self.marks = marks
        self.set_aside: list[SetAside] = []
        self.budget = CellBudget(limits, where)
        self.clamp = SpanClamp()
        self.layout: set[Any] = set()
        self.overlaps: list[str] = []
        self._buffer: list[str] = []
        self._line: int | None = None
        self._tables = 0

    # -- running text ---------------------------------------------------------------

    def mark_layout_tables(self, root: etree._Element) -> None:
        """Mark every table that holds another table as layout."""
        for table in root.iter("table"):
            for ancestor in table.iterancestors("table"):
                if ancestor in self.layout:
                    break  # its ancestors are marked already
                self.layout.add(ancestor)

    def text(self, text: str | None, element: etree._Element) -> None:
        if not text:
            return
        if self._line is None and not text.isspace():
            self._line = element.sourceline
        self._buffer.append(text)

    def flush(self) -> None:
        if self._buffer:
            text = _one_line("".join(self._buffer))
            if text:
                self.blocks.append(TextBlock(text=text, span=SourceSpan(line=self._line)))
            self._buffer.clear()
        self._line = None

    def aside(self, element: etree._Element, span: SourceSpan | None = None) -> None:
        """Set the text of a marked element aside (at ``span``, or its line)."""
        text = _text_of(element)
        if text:
            where = span if span is not None else SourceSpan(line=element.sourceline)
            self.set_aside.append(SetAside(text=text, span=where, reason=self.marks[element]))

    def flow(self, element: etree._Element) -> None:
        """Read ``element`` (and its tail) as running text."""
        self.tick()
        tag = element.tag
        if element in self.marks:
            self.aside(element)
        elif isinstance(tag, str):
            if tag == "br":
                self.flush()
            elif tag == "table" and element not in self.layout:
                self.flush()
                if not self.table(element):
                    self.layout.add(element)
                    self._block(element)
            elif tag == "pre":
                self._pre(element)
            elif tag in _BLOCK:
                self._block(element)
            else:
                self.text(element.text, element)
                for child in element:
                    self.flow(child)
        self.text(element.tail, element)

    def _block(self, element: etree._Element) -> None:
        self.flush()
        first = len(self.blocks)
        self.text(element.text, element)
        for child in element:
            self.flow(child)
        self.flush()
        level = _HEADINGS.get(element.tag) if isinstance(element.tag, str) else None
        if level is not None:
            for i in range(first, len(self.blocks)):
                block = self.blocks[i]
                if isinstance(block, TextBlock) and not block.heading:
                    self.blocks[i] = TextBlock(text=block.text, span=block.span, heading=level)

    def _pre(self, element: etree._Element) -> None:
        """Preformatted text keeps its lines (reports are sometimes published as text)."""
        self.flush()
        first = element.sourceline
        found: list[etree._Element] = []
        text = "".join(_visible_texts(element, self.marks, found))
        for hidden in found:
            self.aside(hidden)
        # Each line may become a block: like tags, lines count against max_elements.
        self._count_pre_lines(text, first)
        for offset, line in enumerate(text.split("\n")):
            line = line.rstrip()
            if line.strip():
                where = None if first is None else first + offset
                self.blocks.append(TextBlock(text=line, span=SourceSpan(line=where)))

    def _count_pre_lines(self, text: str, first: int | None) -> None:
        """Count the lines of ``<pre>`` text (each may become a block) against
        ``max_elements``, before they are split apart."""
        limit = self.limits.max_elements
        self._pre_lines += text.count("\n") + 1
        if self._pre_lines > limit:
            raise LimitExceededError(
                f"<pre> 中的文字超过 {limit} 行（上限 max_elements）",
                f"more than {limit} lines of <pre> text (the limit max_elements)",
                where=f"{self.where or '<html>'}:{first}",
                limit="max_elements",
                value=self._pre_lines,
                maximum=limit,
            )

    # -- tables -----------------------------------------------------------------------

    def table(self, element: etree._Element) -> bool:
        """Read a data table; ``False`` if it turns out to be layout (one column)."""
        rows: list[list[etree._Element]] = []
        stray: list[TextBlock] = []
        self._collect_rows(element, rows, None, stray)
        index = self._tables + 1
        cells, n_columns = self._place(rows, index)
        if n_columns < 2:
            return False
        self._tables = index
        self.blocks.extend(stray)
        self.blocks.append(
            Table(
                index=index,
                cells=tuple(cells),
                n_rows=len(rows),
                n_columns=n_columns,
                span=SourceSpan(line=element.sourceline, table=index),
            )
        )
        return True

    def _collect_rows(
        self,
        node: etree._Element,
        rows: list[list[etree._Element]],
        row: list[etree._Element] | None,
        stray: list[TextBlock],
    ) -> None:
        """Gather the cells of each row; text outside cells and captions go to ``stray``."""
        _stray(node.text, node, stray)
        for child in node:
            tag = child.tag
            if child in self.marks:
                self.aside(child)  # a hidden row or cell takes no place on the grid
            elif tag in _CELL:
                if row is None:  # a cell outside any row starts an implied row
                    row = []
                    rows.append(row)
                row.append(child)
            elif tag == "tr":
                new_row: list[etree._Element] = []
                rows.append(new_row)
                self._collect_rows(child, rows, new_row, stray)
                row = None
            elif not isinstance(tag, str):
                pass
            elif tag == "caption":
                found: list[etree._Element] = []
                text = _cell_text(child, self.marks, found)
                for hidden in found:
                    self.aside(hidden)
                if text:
                    stray.append(TextBlock(text=text, span=SourceSpan(line=child.sourceline)))
            else:
                self._collect_rows(child, rows, row, stray)
            if child.tail:
                _stray(child.tail, child, stray)

    def _place(self, rows: list[list[etree._Element]], index: int) -> tuple[list[TableCell], int]:
        """Place cells on the grid by the HTML table model."""
        n_rows = len(rows)
        # Per row, the columns taken by cells reaching down from rows above (rowspan > 1).
        below: list[set[int]] = [set() for _ in range(n_rows)]
        cells: list[TableCell] = []
        n_columns = 0
        take, marks = self.budget.take, self.marks
        # The marked elements inside the cell being read (set aside, then cleared).
        found: list[etree._Element] = []
        for r, row in enumerate(rows):
            self.tick()
            taken = below[r]
            c = 0
            for element in row:
                while c in taken:
                    c += 1
                raw_colspan = element.get("colspan")
                colspan = 1 if raw_colspan is None else self._span(raw_colspan, "colspan", index, r)
                raw_rowspan = element.get("rowspan")
                if raw_rowspan is None:
                    rowspan = 1
                else:
                    rowspan = self._span(raw_rowspan, "rowspan", index, r)
                    rowspan = n_rows - r if rowspan == _ROWSPAN_TO_END else min(rowspan, n_rows - r)
                take(rowspan * colspan)  # before the slots it covers are marked
                if colspan > 1 or rowspan > 1:
                    for cc in range(c, c + colspan):
                        if cc in taken:
                            self.overlaps.append(f"table {index} row {r + 1} column {cc + 1}")
                        for rr in range(r + 1, r + rowspan):
                            below[rr].add(cc)
                # TableCell(text, row, column, rowspan, colspan, span, clipped, confidence)
                # and SourceSpan(line, end_line, table, row, column, page, bbox)
                span = _new_span(element.sourceline, None, index, r + 1, c + 1, None, None)
                text = _cell_text(element, marks, found)
                cells.append(_new_cell(text, r, c, rowspan, colspan, span, False, None))
                if found:
                    for hidden in found:
                        self.aside(hidden, span)
                    found.clear()
                c += colspan
                if c > n_columns:
                    n_columns = c
        return cells, n_columns

    def _span(self, raw: str, what: str, index: int, row: int) -> int:
        """A ``colspan``/``rowspan`` value: 1 when invalid, huge ones clamped.

        ``rowspan="0"`` (to the end of the table) is returned as 0.
        """
        value = _span_value(raw)
        if value is None:
            return 1
        if value == 0:
            return _ROWSPAN_TO_END if what == "rowspan" else 1
        if value <= MAX_SPAN:
            return value
        return self.clamp.clamp(value, what, f"table {index} row {row + 1}")

    def notes(self) -> tuple[Note, ...]:
        notes = list(self.clamp.notes())
        aside = set_aside_note(self.set_aside)
        if aside is not None:
            notes.append(aside)
        if self.overlaps:
            shown = "; ".join(self.overlaps[:5])
            notes.append(
                (
                    SPAN_OVERLAP,
                    f"表格合并单元格相互重叠：{shown}",
                    f"merged cells overlap: {shown}",
                )
            )
        if self.layout:
            notes.append(layout_note(len(self.layout)))
        return tuple(notes)


def _cell_text(element: etree._Element, marks: dict[Any, str], found: list[etree._Element]) -> str:
    """The text of a cell: ``<br>`` and block elements break lines. Marked elements
    (:func:`_set_aside_marks`) inside are left out and appended to ``found``."""
    children = len(element)
    if children == 0:  # the common cases first: text only, or one wrapper
        return _one_line(element.text)
    if children == 1:
        child = element[0]
        before, after = element.text, child.tail
        if (
            len(child) == 0
            and child.tag != "br"
            and child not in marks
            and (not before or before.isspace())
            and (not after or after.isspace())
        ):
            return _one_line(child.text)
    lines: list[list[str]] = [[]]
    if element.text:
        lines[-1].append(element.text)
    _inline(element, lines, marks, found)
    return clean_lines(["".join(pieces) for pieces in lines], collapse=True)


def _visible_texts(
    element: etree._Element, marks: dict[Any, str], found: list[etree._Element]
) -> list[str]:
    """The text under ``element`` in order, marked elements left out (and appended to
    ``found``); their tails are kept."""
    pieces: list[str] = [element.text or ""]

    def walk(node: etree._Element) -> None:
        for child in node:
            if child in marks:
                found.append(child)
            elif isinstance(child.tag, str):
                pieces.append(child.text or "")
                walk(child)
            pieces.append(child.tail or "")

    walk(element)
    return pieces


def _inline(
    element: etree._Element,
    lines: list[list[str]],
    marks: dict[Any, str],
    found: list[etree._Element],
) -> None:
    """Append the text under ``element`` to ``lines``, breaking at ``<br>`` and blocks."""
    for child in element:
        tag = child.tag
        if child in marks:
            found.append(child)
        elif isinstance(tag, str):
            if tag == "br":
                lines.append([])
            else:
                block = tag in _BLOCK
                if block:
                    lines.append([])
                if child.text:
                    lines[-1].append(child.text)
                _inline(child, lines, marks, found)
                if block:
                    lines.append([])
        if child.tail:
            lines[-1].append(child.tail)


def _stray(text: str | None, element: etree._Element, stray: list[TextBlock]) -> None:
    """Keep text found inside a table but outside its cells, as a text block."""
    if text and not text.isspace():
        stray.append(TextBlock(text=_one_line(text), span=SourceSpan(line=element.sourceline)))
