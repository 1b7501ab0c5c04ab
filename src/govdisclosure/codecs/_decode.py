"""JSON text to plain Python data, within :class:`~govdisclosure.Limits`, exactly.

:func:`decode` turns the bytes or text of one JSON document into ``dict``/``list``/``str``/
``int``/``Decimal``/``bool``/``None``: numbers with a fraction or an exponent become
:class:`~decimal.Decimal` straight from their digits (never through a binary float), so
money stays exact.

Two decoders give the same result. When :mod:`msgspec` is installed (the ``fast`` extra)
it parses first; it accepts a strict subset of what the standard library accepts (UTF-8
only, no ``NaN``/``Infinity`` literals, no lone surrogates), so whenever it declines, the
standard library's :mod:`json` parses the document again and decides, and every error is
the standard library's. The two never disagree on a document both accept (a test
checks it).

Limits are checked without recursing: the size before anything is decoded, the nesting
depth either before decoding (when ``max_depth`` is below the depth a report needs) or
after (a report is never deeper than :data:`REPORT_DEPTH`; only a document that is not
a report needs its depth measured, and then it is measured with an explicit stack).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from .._limits import Limits
from ..exceptions import LimitExceededError, Problem, StructureError
from ..model._cellmap import escape_pointer_token

__all__ = [
    "REPORT_DEPTH",
    "check_depth",
    "check_size",
    "decode",
    "depth_of",
    "fast_decoder_name",
]

#: The deepest nesting the canonical form of a report has: the root object, ``source``,
#: its ``spans`` array, a pointer span, its ``span`` object, and the ``bbox`` array.
REPORT_DEPTH = 6

_UTF8_BOM = b"\xef\xbb\xbf"
# An escaped UTF-16 surrogate (\uD800-\uDFFF); a valid pair decodes to one character,
# so after decoding, any surrogate left in a string was a lone one.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A JSON string, or one bracket: enough to measure nesting without parsing.
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_OPEN = frozenset(b"[{")


class _NumberOutOfRangeError(ValueError):
    """A number literal whose exponent :class:`~decimal.Decimal` cannot represent."""

    def __init__(self, literal: str) -> None:
        super().__init__(literal)
        self.literal = literal


def _decimal(literal: str) -> Decimal:
    try:
        return Decimal(literal)
    except ArithmeticError:  # an exponent beyond the decimal context's range
        raise _NumberOutOfRangeError(literal) from None


#: The longest integer literal read as an ``int``: Python's own limit for converting text
#: to ``int`` (``sys.int_info.default_max_str_digits``), a sign included.
_MAX_INT_LITERAL = 4300


def _integer(literal: str) -> int | Decimal:
    """An integer literal: an ``int``, or, when longer than Python converts, a
    :class:`~decimal.Decimal` that the structure hooks refuse at its own pointer."""
    if len(literal) <= _MAX_INT_LITERAL:
        return int(literal)
    return Decimal(literal)


def _fast_decoder() -> tuple[Callable[[Any], Any], tuple[type[BaseException], ...]] | None:
    try:
        import msgspec
    except ImportError:
        return None
    decoder = msgspec.json.Decoder(float_hook=_decimal)
    return decoder.decode, (msgspec.MsgspecError, RecursionError, UnicodeError, ValueError)


_FAST = _fast_decoder()


def fast_decoder_name() -> str:
    """``"msgspec"`` when the fast decoder is in use, else ``"json"`` (the standard library)."""
    return "json" if _FAST is None else "msgspec"


def decode(data: str | bytes | bytearray | memoryview, limits: Limits) -> Any:
    """``data`` parsed as one JSON document, within ``limits``.

    Raises:
        LimitExceededError: the document is over ``limits.max_bytes``, or nested deeper
            than ``limits.max_depth`` where the depth has to be known before decoding.
        StructureError: the bytes are not UTF-8, the text is not JSON, a number cannot be
            represented, or a string holds a lone UTF-16 surrogate.
        TypeError: ``data`` is not text or bytes.
    """
    if isinstance(data, memoryview):
        data = data.tobytes()
    if not isinstance(data, (str, bytes, bytearray)):
        raise TypeError(
            f"loads() takes the JSON text as str or bytes, not {type(data).__name__}; "
            "for data already parsed, use govdisclosure.codecs.from_dict()"
        )
    check_size(data, limits)
    if limits.max_depth < REPORT_DEPTH:
        _check_text_depth(data, limits)
    if _FAST is not None:
        decode_fast, declined = _FAST
        try:
            return decode_fast(data)
        except declined:
            pass  # the standard library decides, and explains
    return _decode_stdlib(data, limits)


def check_size(data: str | bytes | bytearray, limits: Limits) -> None:
    """Raise :class:`LimitExceededError` if ``data`` is over ``limits.max_bytes``."""
    size = len(data)
    if isinstance(data, str) and size * 4 > limits.max_bytes:
        size = len(data.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise LimitExceededError(
            f"JSON 文档有 {size} 字节，超过上限 max_bytes={limits.max_bytes}",
            f"the JSON document has {size} bytes, over the limit max_bytes={limits.max_bytes}",
            limit="max_bytes",
            value=size,
            maximum=limits.max_bytes,
        )


def _decode_stdlib(data: str | bytes | bytearray, limits: Limits) -> Any:
    text = data if isinstance(data, str) else _utf8(bytes(data))
    try:
        obj = json.loads(text, parse_float=_decimal, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise _not_json(
            f"第 {error.lineno} 行第 {error.colno} 列，{error.msg}",
            f"line {error.lineno} column {error.colno}: {error.msg}",
        ) from None
    except RecursionError:
        # Deeper than the decoder can go: the limit says how deep is too deep.
        _check_text_depth(text.encode("utf-8", "surrogatepass"), limits)
        raise _not_json("嵌套层次过深", "nested too deeply to read") from None
    except _NumberOutOfRangeError as error:
        shown = _truncate(error.literal)
        raise _not_json(
            f"数字 {shown} 超出可表示的范围", f"the number {shown} is out of range"
        ) from None
    except ValueError as error:  # an integer literal over Python's digit limit
        raise _not_json(
            f"数字无法读取（{error}）", f"a number could not be read ({error})"
        ) from None
    # Bytes were decoded strictly, so only an escape can have made a surrogate; text
    # given as str may hold one as it is.
    if _has_surrogates(text, raw=isinstance(data, str)):
        problems = [
            Problem(
                pointer,
                "字符串含有孤立的 UTF-16 代理码位，无法以 UTF-8 写出",
                "the string holds a lone UTF-16 surrogate, which UTF-8 cannot encode",
            )
            for pointer in _surrogate_pointers(obj)
        ]
        if problems:
            raise StructureError(problems)
    return obj


def _utf8(data: bytes) -> str:
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    else:
        encoding = json.detect_encoding(data)
        if encoding != "utf-8":
            name = encoding.upper()
            raise StructureError(
                [
                    Problem(
                        "",
                        f"JSON 应为 UTF-8 编码，这份文档看来是 {name}",
                        f"JSON must be UTF-8; this document looks like {name}",
                    )
                ]
            )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StructureError(
            [
                Problem(
                    "",
                    f"不是 UTF-8 编码的文本：第 {error.start} 字节起，{error.reason}",
                    f"not UTF-8 text: at byte {error.start}, {error.reason}",
                )
            ]
        ) from None


def _has_surrogates(text: str, *, raw: bool) -> bool:
    if _ESCAPED_SURROGATE.search(text) is not None:
        return True
    if not raw or text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _surrogate_pointers(obj: Any) -> Iterator[str]:
    stack: list[tuple[str, Any]] = [("", obj)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value) is not None:
                yield pointer
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                child = f"{pointer}/{escape_pointer_token(key)}"
                if _SURROGATE.search(key) is not None:
                    yield child
                stack.append((child, item))
        elif isinstance(value, list):
            for index in range(len(value) - 1, -1, -1):
                stack.append((f"{pointer}/{index}", value[index]))


def _not_json(zh: str, en: str) -> StructureError:
    return StructureError([Problem("", f"不是有效的 JSON：{zh}", f"not valid JSON: {en}")])


def _truncate(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."


def _check_text_depth(data: str | bytes | bytearray, limits: Limits) -> None:
    """Raise if the JSON text nests deeper than ``limits.max_depth`` (a linear scan)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if raw.count(b"[") + raw.count(b"{") <= limits.max_depth:
        return
    depth = 0
    for match in _TOKEN.finditer(raw):
        token = match.group()
        if len(token) != 1:
            continue  # a string
        if token[0] in _OPEN:
            depth += 1
            if depth > limits.max_depth:
                raise _too_deep(limits, f"byte {match.start()}")
        else:
            depth -= 1


def depth_of(obj: Any, limit: int) -> str | None:
    """The pointer of a value nested deeper than ``limit`` in ``obj``, or ``None``.

    Walks with an explicit stack (no recursion); the root object or array is depth 1.
    """
    stack: list[tuple[Any, int, str]] = [(obj, 1, "")]
    while stack:
        value, depth, pointer = stack.pop()
        if isinstance(value, dict):
            items: Any = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            continue
        if depth > limit:
            return pointer
        for key, item in items:
            if isinstance(item, (dict, list)):
                token = escape_pointer_token(key) if isinstance(key, str) else str(key)
                stack.append((item, depth + 1, f"{pointer}/{token}"))
    return None


def _too_deep(limits: Limits, where: str) -> LimitExceededError:
    return LimitExceededError(
        f"JSON 嵌套超过 {limits.max_depth} 层（上限 max_depth）",
        f"JSON nested deeper than {limits.max_depth} levels (the limit max_depth)",
        where=where,
        limit="max_depth",
        value=limits.max_depth + 1,
        maximum=limits.max_depth,
    )


def check_depth(obj: Any, limits: Limits) -> None:
    """Raise :class:`LimitExceededError` if ``obj`` nests deeper than ``limits.max_depth``."""
    pointer = depth_of(obj, limits.max_depth)
    if pointer is not None:
        raise _too_deep(limits, pointer or "/")
