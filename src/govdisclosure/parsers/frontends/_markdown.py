"""The shapes of Markdown that reports converted to text arrive in.

Converters (Pandoc, Word and PDF to Markdown tools, :func:`govdisclosure.render_markdown`)
write a report as Markdown: YAML front matter with what the document says about itself,
``#`` headings, GitHub-flavoured pipe tables (a header row, a ``|---|`` delimiter row,
then data rows; merged cells repeated in every slot they cover). The text front-end
(:mod:`._text`) reads these shapes with the helpers here; everything else stays plain
text.
"""

from __future__ import annotations

import json
import re

__all__ = [
    "atx_heading",
    "bar_cells",
    "front_matter",
    "is_delimiter_row",
    "pipe_cells",
    "unescape",
]

_FENCE = re.compile(r"^---[ \t]*$")
_FENCE_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_PLAIN_COMMENT = re.compile(r"[ \t]+#.*$")
#: The most lines of front matter looked through for its closing fence.
_MAX_FRONT_MATTER = 200
_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
_DELIMITER_CELL = re.compile(r"^[ \t]*:?-+:?[ \t]*$")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PIPE_OR_ESCAPE = re.compile(r"\\.|\|", re.DOTALL)
# Two bars or more run together at the end of a row, after a cell's closing bar and a
# space: the converter's padding of a row shorter than the table, one bar a missing cell.
_PADDING = re.compile(r"(?<=\|)\s+\|{2,}$")


def front_matter(lines: list[str]) -> tuple[list[tuple[str, str]], int] | None:
    """The ``key: value`` pairs of YAML front matter opening ``lines``, and how many
    lines it takes (both fences included); ``None`` when the text has none.

    Only flat scalars are read (plain, ``'single'`` or ``"double"`` quoted); any other
    line of the front matter is kept with the key ``""``.
    """
    if not lines or not _FENCE.match(lines[0]):
        return None
    for end in range(1, min(len(lines), _MAX_FRONT_MATTER + 1)):
        if _FENCE_END.match(lines[end]):
            break
    else:
        return None
    pairs: list[tuple[str, str]] = []
    for line in lines[1:end]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY_VALUE.match(line)
        if match is None:
            pairs.append(("", line))
            continue
        pairs.append((match.group("key"), _scalar(match.group("value") or "")))
    return pairs, end + 1


def _scalar(raw: str) -> str:
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
        try:
            value = json.loads(raw)
        except ValueError:
            return raw[1:-1]
        return value if isinstance(value, str) else raw[1:-1]
    if raw.startswith("'") and raw.endswith("'") and len(raw) >= 2:
        return raw[1:-1].replace("''", "'")
    return _PLAIN_COMMENT.sub("", raw)


def atx_heading(line: str) -> tuple[int, str] | None:
    """``(level, text)`` of a ``#`` heading line, else ``None``."""
    if "#" not in line[:4]:
        return None
    match = _HEADING.match(line)
    if match is None:
        return None
    return len(match.group("marks")), match.group("text") or ""


def pipe_cells(line: str) -> list[str] | None:
    """The cells of a pipe-table row (``| a | b |``), unescaped; ``None`` if the line
    has no unescaped ``|``."""
    if "|" not in line:
        return None
    # Pipes and escapes are found in C; a long line costs a loop step per pipe, not
    # per character.
    cells: list[str] = []
    found = False
    start = 0
    for match in _PIPE_OR_ESCAPE.finditer(line):
        if match.group() == "|":
            found = True
            cells.append(line[start : match.start()])
            start = match.end()
    if not found:
        return None
    cells.append(line[start:])
    if not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return [unescape(c.strip()) for c in cells]


def bar_cells(line: str) -> list[str] | None:
    """The cells of a line of a table written without a delimiter row, each cell closed
    by ``|`` (``规章 | 0 | 0 | 0 |``, or one cell a line: ``规章 |``), as web pages are
    turned into text by converters; ``None`` unless the line ends with an unescaped
    ``|``. A ``|`` opening the line opens its first cell (``| a | b |``); the line ``|``
    is one empty cell.

    Bars run together after a row's cells (``一、本年新收… | 0 | ||||||||``) are the
    converter's padding of a row shorter than the table: a cell stands for several
    slots (merged), which ones the line does not say, so the padding is no cells (an
    empty cell is written ``| |``). After a label alone (``行政许可 | ||||``), the
    padding is the row's empty slots, one bar each."""
    line = line.strip()
    if not line.endswith("|") or line.endswith("\\|"):
        return None
    cells = _split_bars(line)
    padding = _PADDING.search(line)
    if padding is not None:
        kept = _split_bars(line[: padding.start()].rstrip())
        if len(kept) > 1:
            cells = kept
    return cells


def _split_bars(line: str) -> list[str]:
    body = line[1:-1] if line.startswith("|") and len(line) > 1 else line[:-1]
    cells: list[str] = []
    start = 0
    for match in _PIPE_OR_ESCAPE.finditer(body):
        if match.group() == "|":
            cells.append(body[start : match.start()])
            start = match.end()
    cells.append(body[start:])
    return [unescape(c.strip()) for c in cells]


def is_delimiter_row(line: str) -> bool:
    """Whether ``line`` is a pipe table's delimiter row (``|---|:--:|``)."""
    if "-" not in line:
        return False
    cells = pipe_cells(line)
    if not cells:
        return False
    return all(_DELIMITER_CELL.match(c) for c in cells)


def unescape(text: str) -> str:
    """Markdown's backslash escapes of ASCII punctuation undone (``\\|`` → ``|``)."""
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text
