"""What the file-format front-ends share: optional imports, limits, spans and cell budgets."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..._limits import Limits
from ...exceptions import LimitExceededError, ParseError
from .._document import FOOTNOTE_MARK, HIDDEN, STRUCK, SetAside
from .._notes import LAYOUT_TABLE, SET_ASIDE, SPAN_CLAMPED, Note

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "HTML_SPACE",
    "LIBXML2_MAX_DEPTH",
    "MAX_SPAN",
    "CellBudget",
    "SpanClamp",
    "check_size",
    "clean_lines",
    "deeper_than",
    "depth_over",
    "layout_note",
    "missing_extra",
    "optional_import",
    "set_aside_note",
]

LIBXML2_MAX_DEPTH = 256
"""libxml2 (lxml) refuses to nest elements deeper than this; its "huge" option, which
lifts the limit, is never set here."""

MAX_SPAN = 1000
"""The widest/tallest a merged cell may be (HTML's own limit for ``colspan``); larger
spans are clamped with a note."""

_WHAT = {
    "html": "HTML",
    "docx": "DOCX (Word)",
    "xlsx": "XLSX (Excel)",
    "pdf": "PDF",
    "ocr": "PNG/JPEG (OCR)",
}
#: A run of HTML white space (a browser shows it as one space); not U+00A0 or U+3000.
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def optional_import(module: str, extra: str, where: str | None = None) -> ModuleType:
    """Import ``module`` from the optional extra ``extra``, or say how to install it.

    Raises:
        ParseError: the extra is not installed (``reason="format_unavailable"``); the
            message gives the pip command.
    """
    try:
        return import_module(module)
    except ImportError as error:
        raise missing_extra(module, extra, where) from error


def missing_extra(module: str, extra: str, where: str | None = None) -> ParseError:
    """The error for an optional dependency ``module`` (of the extra ``extra``) that is
    not installed (``reason="format_unavailable"``; the message gives the pip command)."""
    what = _WHAT[extra]
    command = f"pip install 'govdisclosure[{extra}]'"
    return ParseError(
        f"读取 {what} 文件需要可选依赖 {module}，请安装：{command}",
        f"reading {what} files needs the optional dependency {module}: {command}",
        where=where,
        reason="format_unavailable",
    )


def check_size(size: int, limits: Limits, where: str | None) -> None:
    """Refuse input over ``limits.max_bytes``."""
    if size > limits.max_bytes:
        raise LimitExceededError(
            f"输入 {size} 字节，超过上限 max_bytes={limits.max_bytes}",
            f"input of {size} bytes is over max_bytes={limits.max_bytes}",
            where=where,
            limit="max_bytes",
            value=size,
            maximum=limits.max_bytes,
        )


class CellBudget:
    """Counts table grid slots against ``limits.max_cells`` for one document.

    A merged cell counts once per grid slot it covers, so the budget bounds the memory a
    document's expanded grids (:meth:`~govdisclosure.parsers.Table.grid`) can take.
    """

    def __init__(self, limits: Limits, where: str | None) -> None:
        self._left = limits.max_cells
        self._limit = limits.max_cells
        self._where = where

    def take(self, slots: int) -> None:
        """Spend ``slots`` grid slots, or raise :class:`LimitExceededError`."""
        self._left -= slots
        if self._left < 0:
            raise LimitExceededError(
                f"表格单元格超过上限 max_cells={self._limit}",
                f"the document's tables have more than max_cells={self._limit} cells",
                where=self._where,
                limit="max_cells",
                value=self._limit - self._left,
                maximum=self._limit,
            )


class SpanClamp:
    """Clamps merged-cell spans to :data:`MAX_SPAN` and remembers that it did."""

    def __init__(self) -> None:
        self.clamped: list[str] = []

    def clamp(self, value: int, what: str, where: str) -> int:
        """``value`` limited to ``1..MAX_SPAN``; a value over the limit is recorded."""
        if value > MAX_SPAN:
            self.clamped.append(f"{where} {what}={value}")
            return MAX_SPAN
        return max(value, 1)

    def notes(self) -> tuple[Note, ...]:
        """One note listing the clamped spans (the first few), if any."""
        if not self.clamped:
            return ()
        shown = "; ".join(self.clamped[:5])
        more = f" (+{len(self.clamped) - 5})" if len(self.clamped) > 5 else ""
        return (
            (
                SPAN_CLAMPED,
                f"合并单元格跨度过大，已限制为 {MAX_SPAN}：{shown}{more}",
                f"merged-cell spans over {MAX_SPAN} were clamped: {shown}{more}",
            ),
        )


def clean_lines(lines: list[str], *, collapse: bool) -> str:
    """Join lines with ``"\\n"``: each stripped, empty ones dropped.

    With ``collapse``, runs of HTML white space inside a line become one space (how a
    browser renders them); non-breaking and ideographic spaces inside a line are kept.
    """
    out: list[str] = []
    for line in lines:
        if collapse:
            line = HTML_SPACE.sub(" ", line)
        line = line.strip()
        if line:
            out.append(line)
    return "\n".join(out)


@lru_cache(maxsize=8)
def deeper_than(depth: int) -> Any:
    """A compiled XPath (lxml) that finds the first element nested deeper than ``depth``,
    counting the element it is applied to as depth 1. One pass in C over the tree."""
    from lxml import etree

    return etree.XPath("(" + "*/" * (depth - 1) + "*)[1]")


def depth_over(root: etree._Element, max_depth: int) -> etree._Element | None:
    """The first element nested deeper than ``max_depth`` (``root`` = 1), if any.

    ``None`` without looking when ``max_depth`` is at libxml2's own limit or over it: the
    parser has refused deeper nesting already."""
    if max_depth >= LIBXML2_MAX_DEPTH:
        return None
    found = deeper_than(max_depth)(root)
    return found[0] if found else None


def layout_note(count: int) -> Note:
    """The note saying that ``count`` layout tables were read as running text."""
    return (
        LAYOUT_TABLE,
        f"{count} 个用于排版的表格（内含表格或只有一列）按正文读取",
        f"{count} layout table(s) (holding a table, or of one column) were read as running text",
    )


_ASIDE_WORDS = {
    HIDDEN: ("隐藏的文字", "hidden"),
    STRUCK: ("加删除线的文字", "struck through"),
    FOOTNOTE_MARK: ("单元格中的上标（脚注标记）", "superscripts in table cells (footnote marks)"),
}


def set_aside_note(found: list[SetAside]) -> Note | None:
    """The note saying what was set aside (counts by reason), or ``None``."""
    if not found:
        return None
    counts: dict[str, int] = {}
    for aside in found:
        counts[aside.reason] = counts.get(aside.reason, 0) + 1
    zh = "、".join(f"{_ASIDE_WORDS[r][0]} {n} 处" for r, n in counts.items() if r in _ASIDE_WORDS)
    en = ", ".join(f"{n} {_ASIDE_WORDS[r][1]}" for r, n in counts.items() if r in _ASIDE_WORDS)
    return (
        SET_ASIDE,
        f"{zh}未作为正文或数值读取，已保留为未归类内容",
        f"text not read as text or figures, kept as leftovers: {en}",
    )
