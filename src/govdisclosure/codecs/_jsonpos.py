"""Where each value of a JSON text is: JSON pointer to line number.

Findings on a report read from a JSON file can then point at the line of the file, so
editors, CI annotations and SARIF viewers land on the right place.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Collection

from ..model._cellmap import escape_pointer_token

__all__ = ["pointer_lines"]

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
        return {pointer: lines[pointer] for pointer in pointers if pointer in lines}
    return lines
