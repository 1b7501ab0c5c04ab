"""Turning the bytes of a published document into text, and saying how it was done.

Chinese government sites publish in UTF-8 and in GBK/GB2312 (read here as GB18030, their
superset), often without saying which, sometimes saying the wrong one. The order:

1. a byte order mark (UTF-8, UTF-16 LE/BE) decides;
2. else a declared charset (``<meta charset>``, ``http-equiv`` content type, the XML
   declaration; looked for in the first bytes of markup only) is tried strictly, unless
   it names a legacy encoding and the bytes are valid UTF-8 (then they are UTF-8: text
   in GBK is almost never valid UTF-8, while UTF-8 often decodes as GB18030 mojibake);
3. else, or when the declaration does not fit the bytes, UTF-8 and then GB18030 are
   tried strictly;
4. when nothing decodes cleanly, UTF-8 is kept if most of its non-ASCII characters are
   valid, else GB18030; the undecodable bytes become U+FFFD.

Every step past a BOM or a declaration that fits leaves a note, so the assembler can say
how the text was read. Decoding never raises.
"""

from __future__ import annotations

import codecs
import re

import attrs

from .._notes import (
    ENCODING_GUESSED,
    ENCODING_MISMATCH,
    ENCODING_REPLACED,
    ENCODING_UNKNOWN,
    Note,
)

__all__ = ["Decoded", "decode_bytes", "scrub_surrogates"]

# WHATWG's BOM sniffing: UTF-8 and UTF-16 only (UTF-32 is not a web encoding).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels browsers read as GBK (WHATWG Encoding Standard) plus GB18030 itself: all are
# decoded as GB18030, which is a superset of GBK and of GB2312.
_GB_LABELS = frozenset(
    {
        "chinese",
        "cp936",
        "csgb2312",
        "csiso58gb231280",
        "gb18030",
        "gb2312",
        "gb_2312",
        "gb_2312-80",
        "gbk",
        "iso-ir-58",
        "ms936",
        "windows-936",
        "x-gbk",
        "euc-cn",
    }
)
_UTF8_LABELS = frozenset(
    {"utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"}
)
# A charset declared inside ASCII-compatible markup cannot really be UTF-16 (WHATWG reads
# such a declaration as UTF-8).
_UTF16_LABELS = frozenset({"utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2"})

# How far into the bytes a declaration is looked for. Portal pages sometimes put long
# scripts before the meta tag, so this is wider than WHATWG's 1024-byte prescan.
_PRESCAN = 32 * 1024
# Bounded repetition: a run of "<meta" without ">" must not make the scan quadratic.
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(
    rb"""\A\s{0,64}<\?xml\b[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""",
    re.IGNORECASE,
)
_PROBE = b"<meta charset=x>"
_SURROGATES = re.compile("[\ud800-\udfff]")


@attrs.frozen(kw_only=True)
class Decoded:
    """Text decoded from bytes.

    Attributes:
        text: the decoded text (BOM removed).
        encoding: the Python codec name used (``"utf-8"``, ``"gb18030"``, ...).
        notes: what was guessed or replaced, as ``(code, message_zh, message_en)``.
    """

    text: str
    encoding: str
    notes: tuple[Note, ...] = ()


def _codec_for(label: str) -> str | None:
    """The Python codec for a declared charset label, or ``None`` if unknown."""
    label = label.strip().lower()
    if label in _GB_LABELS:
        return "gb18030"
    if label in _UTF8_LABELS or label in _UTF16_LABELS:
        return "utf-8"
    try:
        name = codecs.lookup(label).name
        # Only ASCII-compatible text encodings can have been declared inside markup
        # (this also refuses bytes-to-bytes codecs such as "base64").
        if _PROBE.decode(name) != _PROBE.decode("ascii"):
            return None
    except Exception:  # an installed codec may fail in any way on the probe
        return None
    return name


def declared_charset(data: bytes) -> str | None:
    """The charset label that markup declares in its first bytes, if any."""
    head = data[:_PRESCAN]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    return match.group(1).decode("ascii", "replace")


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):
        return None


def _replacing(data: bytes, codec: str) -> str | None:
    """``data`` decoded with U+FFFD for bad bytes; ``None`` if the codec cannot do that
    (a few of Python's codecs, such as "idna", fail whatever the error handler)."""
    try:
        return data.decode(codec, "replace")
    except Exception:
        return None


def decode_bytes(data: bytes, *, markup: bool) -> Decoded:
    """Decode ``data``: BOM, then (for markup) a declared charset, then UTF-8, then GB18030.

    Args:
        data: the document's bytes.
        markup: look for a charset declared in HTML/XML markup.

    Returns:
        The text, the codec used and notes on any guess or replacement. Never raises.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            text = _strict(body, codec)
            if text is not None:
                return Decoded(text=text, encoding=codec)
            text = body.decode(codec, "replace")
            return Decoded(text=text, encoding=codec, notes=(_replaced(codec),))

    notes: list[Note] = []
    declared = declared_charset(data) if markup else None
    if declared is not None:
        declared_codec = _codec_for(declared)
        if declared_codec is None:
            notes.append(
                (
                    ENCODING_UNKNOWN,
                    f"文档声明的字符编码“{declared}”无法识别，已按内容判断",
                    f"the declared charset {declared!r} is unknown; the encoding was guessed",
                )
            )
        else:
            # Non-ASCII bytes that are valid UTF-8 are UTF-8, whatever the page says: text
            # in a legacy encoding almost never is (GB18030, by contrast, accepts most
            # UTF-8 byte sequences, as mojibake).
            utf8 = None
            if declared_codec != "utf-8" and not data.isascii():
                utf8 = _strict(data, "utf-8")
            text = _strict(data, declared_codec) if utf8 is None else None
            if text is not None:
                return Decoded(text=text, encoding=declared_codec)
            for other in ("utf-8", "gb18030"):
                if other == declared_codec:
                    continue
                text = utf8 if other == "utf-8" and utf8 is not None else _strict(data, other)
                if text is not None:
                    notes.append(
                        (
                            ENCODING_MISMATCH,
                            f"文档声明字符编码为“{declared}”，但内容实为 {other}，"
                            f"已按 {other} 读取",
                            f"the document declares {declared!r} but its bytes are {other}; "
                            f"read as {other}",
                        )
                    )
                    return Decoded(text=text, encoding=other, notes=tuple(notes))
            text = _replacing(data, declared_codec)
            if text is not None:
                notes.append(_replaced(declared_codec))
                return Decoded(text=text, encoding=declared_codec, notes=tuple(notes))

    if data.isascii():
        return Decoded(text=data.decode("ascii"), encoding="ascii", notes=tuple(notes))
    for codec in ("utf-8", "gb18030"):
        text = _strict(data, codec)
        if text is not None:
            notes.append(
                (
                    ENCODING_GUESSED,
                    f"文档未声明字符编码，按内容判断为 {codec}",
                    f"the document does not declare its encoding; read as {codec}",
                )
            )
            return Decoded(text=text, encoding=codec, notes=tuple(notes))
    # Neither decodes cleanly. UTF-8 with a few broken bytes still decodes mostly to valid
    # characters; GBK read as UTF-8 gives almost nothing but replacements.
    utf8 = data.decode("utf-8", "replace")
    bad = utf8.count("\ufffd")
    good = sum(1 for char in utf8 if char > "\x7f") - bad
    if good >= bad:
        codec, text = "utf-8", utf8
    else:
        codec, text = "gb18030", data.decode("gb18030", "replace")
    notes.append(_replaced(codec))
    return Decoded(text=text, encoding=codec, notes=tuple(notes))


def scrub_surrogates(text: str) -> tuple[str, tuple[Note, ...]]:
    """Replace lone surrogates (which no encoding can write) by U+FFFD, with a note."""
    if _SURROGATES.search(text) is None:
        return text, ()
    return _SURROGATES.sub("\ufffd", text), (
        (
            ENCODING_REPLACED,
            "文本含无效的代理字符，已替换为 U+FFFD",
            "the text contains lone surrogates; they were replaced by U+FFFD",
        ),
    )


def _replaced(codec: str) -> Note:
    return (
        ENCODING_REPLACED,
        f"部分字节无法按 {codec} 解码，已替换为 U+FFFD",
        f"some bytes are not valid {codec}; they were replaced by U+FFFD",
    )
