"""Where each value of a JSON text is: JSON pointer to line number.

Findings on a report read from a JSON file can then point at the line of the file, so
editors, CI annotations and SARIF viewers land on the right place.

Most files are laid out as :func:`govdisclosure.dumps` writes them: every member of an
object on its own line, indented two spaces per level. For such a text (it is its own
``msgspec.json.format(text, indent=2)``), the line of a member is found with a few
``str.find`` calls: the key, quoted, at the start of a line at its depth's indent, after
its parent's key and before its parent's closing brace. Pointers that way cannot reach
(through an array, or a key written with escapes) are found by walking the text.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Collection
from functools import cache

from ..model._cellmap import escape_pointer_token

__all__ = ["pointer_lines", "pointer_lines_of_file"]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def pointer_lines(text: str, pointers: Collection[str] | None = None) -> dict[str, int]:
    """The 1-based line on which each value of the JSON ``text`` starts, by JSON pointer.

    For a member of an object this is the line of its key. Returns an empty mapping when
    ``text`` is not valid JSON (a report that loaded always is).

    Args:
        text: the JSON text.
        pointers: if given, only these pointers are wanted: the mapping holds those found
            in ``text`` (with the same lines as without the argument), and every value
            that is not on the way to one of them is read past in one step.
    """
    return _pointer_lines(text, pointers, None)


def pointer_lines_of_file(data: bytes, pointers: Collection[str]) -> dict[str, int]:
    """:func:`pointer_lines` of the UTF-8 JSON file whose bytes are ``data``, its text
    as a file read in text mode gives it (``\\r\\n`` and ``\\r`` read as ``\\n``).

    Raises:
        UnicodeDecodeError: ``data`` is not UTF-8.
    """
    lines, shared = lines_of_file(data, pointers)
    if shared:
        return {pointer: lines[pointer] for pointer in pointers if pointer in lines}
    return lines


def lines_of_file(data: bytes, pointers: Collection[str]) -> tuple[dict[str, int], bool]:
    """:func:`pointer_lines_of_file`, or (the second item ``True``) the lines of every
    pointer of the file, a mapping shared by every file of the same skeleton: the same
    object for each (read it, never change it)."""
    try:
        import msgspec

        laid_out = msgspec.json.format(data, indent=2) == data.strip(b" \t\r\n")
    except Exception:  # not JSON (the walk says so), or no msgspec
        laid_out = False
    skeleton = None
    if laid_out and _ESCAPED_QUOTE_KEY not in data:
        # Laid out: the lines depend on the skeleton alone (the same for every file of
        # one shape), and the lines of a skeleton seen before are kept.
        skeleton = _SCALAR.sub(b'"', data)
        known = _BY_SKELETON.get(skeleton)
        if known is not None:
            return known, True
    text = data.decode("utf-8")
    if "\r" in text:  # around the value only, if it is laid out
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if skeleton is None:
        return _pointer_lines(text, pointers, laid_out), False
    if skeleton not in _SEEN:
        # Once only: a shape seen once may never come back (a parsed report's source
        # spans make each one its own), so only the lines wanted are found.
        if len(_SEEN) >= _SKELETONS_KEPT:
            _SEEN.clear()
        _SEEN.add(skeleton)
        return _pointer_lines(text, pointers, laid_out), False
    every = _pointer_lines(text, None, laid_out)
    if len(_BY_SKELETON) >= _SKELETONS_KEPT:
        _BY_SKELETON.clear()
    _BY_SKELETON[skeleton] = every
    return every, True


#: What a laid-out JSON text keeps of each line in its *skeleton*: the indent, then the
#: key (up to its first ``": ``) and, where the value opens an object or array on the
#: line, the bracket; a scalar value is dropped. Laid out, a scalar takes one line
#: whatever it is (a string has no raw line break), so two texts of one skeleton have
#: every pointer on the same line.
_SCALAR = re.compile(rb'": (?![\[{]\n)[^\n]*')
#: In a text without it, no string holds ``": `` (a quote in a string is escaped), so
#: the first ``": `` of a line ends its key; a text with it is not put in skeletons.
_ESCAPED_QUOTE_KEY = b'\\": '
#: Every pointer's line by skeleton, for the skeletons seen twice; and the skeletons
#: seen once. Each emptied when it grows past :data:`_SKELETONS_KEPT`.
_BY_SKELETON: dict[bytes, dict[str, int]] = {}
_SEEN: set[bytes] = set()
_SKELETONS_KEPT = 64


def _pointer_lines(
    text: str, pointers: Collection[str] | None, laid_out: bool | None
) -> dict[str, int]:
    """:func:`pointer_lines`; ``laid_out`` says whether ``text`` is known to be laid out
    two spaces per level (``None``: not known yet)."""
    found: dict[str, int] = {}
    if pointers is not None:
        found, pointers = _by_indentation(text, pointers, laid_out)
        if not pointers:
            return found
    # The pointers to walk into: the wanted ones and every prefix of them.
    walk: set[str] | None = None
    if pointers is not None:
        walk = {""}
        for pointer in pointers:
            walk.add(pointer)
            walk.update(pointer[:i] for i, char in enumerate(pointer) if char == "/")
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    lines: dict[str, int] = {}

    def line_at(offset: int) -> int:
        return bisect_right(starts, offset)

    def skip(i: int) -> int:
        match = _WHITESPACE.match(text, i)
        return match.end() if match else i

    # ``at`` is where the value's line is read: its key in an object, else the value.
    def member(i: int, pointer: str, at: int) -> int:
        if walk is not None and pointer not in walk:
            _, end = _DECODER.raw_decode(text, skip(i))
            return end
        return value(i, pointer, at)

    def value(i: int, pointer: str, at: int) -> int:
        i = skip(i)
        lines[pointer] = line_at(at)
        char = text[i : i + 1]
        if char == "{":
            i = skip(i + 1)
            if text[i : i + 1] == "}":
                return i + 1
            while True:
                key_start = skip(i)
                key, i = _DECODER.raw_decode(text, key_start)
                if not isinstance(key, str):
                    raise ValueError("a key must be a string")
                i = skip(i)
                if text[i : i + 1] != ":":
                    raise ValueError("':' expected")
                child = f"{pointer}/{escape_pointer_token(key)}"
                i = skip(member(i + 1, child, key_start))
                if text[i : i + 1] == ",":
                    i += 1
                    continue
                if text[i : i + 1] == "}":
                    return i + 1
                raise ValueError("',' or '}' expected")
        if char == "[":
            i = skip(i + 1)
            if text[i : i + 1] == "]":
                return i + 1
            index = 0
            while True:
                i = skip(i)
                i = skip(member(i, f"{pointer}/{index}", i))
                index += 1
                if text[i : i + 1] == ",":
                    i += 1
                    continue
                if text[i : i + 1] == "]":
                    return i + 1
                raise ValueError("',' or ']' expected")
        _, end = _DECODER.raw_decode(text, i)
        return end

    try:
        start = skip(0)
        value(start, "", start)
    except (ValueError, IndexError, RecursionError):
        return {}
    if pointers is not None:
        found.update((pointer, lines[pointer]) for pointer in pointers if pointer in lines)
        return found
    return lines


def _by_indentation(
    text: str, pointers: Collection[str], laid_out: bool | None = None
) -> tuple[dict[str, int], Collection[str]]:
    """The lines of the ``pointers`` that the indentation leads to, when ``text`` is laid
    out two spaces per level; and the pointers left to find otherwise. ``laid_out`` says
    whether it is (``None``: find out)."""
    if laid_out is None:
        try:
            import msgspec

            laid_out = msgspec.json.format(text, indent=2) == text.strip(" \t\r\n")
        except Exception:  # not JSON (the walk says so), or no msgspec
            laid_out = False
    if not laid_out:
        return {}, pointers
    # Each resolved member: (position of its line, end of its object's lines or -1).
    first = len(text) - len(text.lstrip(" \t\r\n"))
    resolved = {"": (first, len(text) if text.startswith("{", first) else -1)}
    positions: dict[str, int] = {}
    left: list[str] = []
    listed: dict[str, _Members | None] = {}
    for pointer in pointers:
        place = _resolve(text, pointer, resolved, listed)
        if place is None:
            left.append(pointer)
        else:
            positions[pointer] = place
    lines: dict[str, int] = {}
    line, at = 1, 0
    for pointer, position in sorted(positions.items(), key=lambda item: item[1]):
        line += text.count("\n", at, position)
        at = position
        lines[pointer] = line
    return lines, left


#: Where a member was not found: the walk decides.
_UNRESOLVED = (-1, -1)
#: A ``~`` that is not the start of ``~0`` or ``~1``: a token with one names no member
#: (a member named ``~`` is ``~0``).
_LONE_TILDE = re.compile("~(?![01])")


def _resolve(
    text: str,
    pointer: str,
    resolved: dict[str, tuple[int, int]],
    listed: dict[str, _Members | None],
) -> int | None:
    """Where the line of ``pointer``'s member starts, or ``None`` if the indentation does
    not lead there (through an array, a missing member, a key there twice)."""
    entry = resolved.get(pointer)
    if entry is None:
        entry = resolved[pointer] = _place(text, pointer, resolved, listed)
    return None if entry[0] < 0 else entry[0]


def _place(
    text: str,
    pointer: str,
    resolved: dict[str, tuple[int, int]],
    listed: dict[str, _Members | None],
) -> tuple[int, int]:
    """(where the member's line starts, where its object's lines end or -1)."""
    if not pointer.startswith("/"):
        return _UNRESOLVED
    parent, _, token = pointer.rpartition("/")
    if _resolve(text, parent, resolved, listed) is None:
        return _UNRESOLVED
    if "~" in token:
        if _LONE_TILDE.search(token):
            return _UNRESOLVED  # not a pointer's escape: no member has that name
        name = token.replace("~1", "/").replace("~0", "~")
    else:
        name = token
    start, end = resolved[parent]
    if end < 0:
        return _UNRESOLVED  # the parent is not an object
    depth = pointer.count("/")
    if end - start <= _LISTED and '"' not in name and text.find("\\", start, end) < 0:
        # A small object with no escape in it: its key is found as written.
        needle = f'\n{"  " * depth}"{name}": '
        at = text.find(needle, start, end)
        if at < 0 or text.find(needle, at + 1, end) >= 0:
            return _UNRESOLVED  # absent, or there twice (the walk decides which counts)
        at, value = at + 1, at + len(needle)
    else:
        members = listed.get(parent, _UNLISTED)
        if members is _UNLISTED:
            members = listed[parent] = _members(text, start, end, depth)
        member = None if members is None else members.get(name)
        if member is None:
            return _UNRESOLVED  # absent, or a key there twice: the walk decides
        at, value = member
    if text.startswith("{\n", value):  # an object, closed by a brace at the key's indent
        return at, text.find(f"\n{'  ' * depth}}}", value)
    return at, -1


#: An object larger than this has its members listed once (a jump to each line at their
#: indent), rather than each searched for to its end.
_LISTED = 1024

#: The members of an object: where each one's line starts, and where its value starts.
_Members = dict[str, tuple[int, int]]
_UNLISTED: _Members = {}


@cache
def _member_lines(depth: int) -> re.Pattern[str]:
    """A key at the start of a line at ``depth``'s indent, followed by ``": ``."""
    return re.compile(f'\n {{{2 * depth}}}"((?:[^"\\\\\n]|\\\\.)*)": ')


def _members(text: str, start: int, end: int, depth: int) -> _Members | None:
    """The keys of the members at ``depth`` of the object between ``start`` and ``end``,
    with where their lines and values start; ``None`` if a key is there twice."""
    members: _Members = {}
    for match in _member_lines(depth).finditer(text, start, end):
        key = match.group(1)
        if "\\" in key:
            key = json.loads(f'"{key}"')
        if key in members:
            return None
        members[key] = (match.start() + 1, match.end())
    return members
