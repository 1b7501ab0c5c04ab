"""Hostile PDFs, made on the spot: small files that cost a careless reader hours or gigabytes.

Each function returns the bytes of a complete PDF (with a correct cross-reference table,
so that the engine reads it as it is instead of repairing it):

* :func:`self_referencing`: objects that refer to themselves (a page tree that is its
  own kid, a stream whose ``/Length`` is itself, a trailer whose ``/Prev`` is itself);
* :func:`many_segments`: one page whose single path has ``count`` line segments;
* :func:`many_text_operators`: one page of ``count`` text objects;
* :func:`many_rectangles`: one page of ``count`` filled rectangles, deflated (the engine
  spends seconds building them before any limit can be checked);
* :func:`deflated_page`: one page whose content stream inflates to ``size`` bytes of
  blank space (compressed, a few hundred bytes per megabyte);
* :func:`many_pages`: a page tree of ``count`` pages.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def assemble(objects: Iterable[bytes], *, root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF of ``objects`` (numbered from 1, in order) with its xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(offsets) + 1,
        root,
        trailer,
        xref,
    )
    return bytes(out)


def _stream(content: bytes, *, deflate: bool = False) -> bytes:
    if deflate:
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
            + content
            + b"\nendstream"
        )
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def one_page(content: bytes, *, deflate: bool = False) -> bytes:
    """A one-page PDF (A4, Helvetica as /F1) with ``content`` as its content stream."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            _FONT,
            _stream(content, deflate=deflate),
        ]
    )


def self_referencing() -> list[bytes]:
    """PDFs whose objects refer to themselves, each a few hundred bytes."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    return [
        # The page tree is its own kid.
        assemble(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                page,
                _stream(b"BT /F1 12 Tf 72 720 Td (x) Tj ET"),
            ]
        ),
        # A page whose parent is itself and whose contents are the page tree.
        assemble(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Contents 2 0 R >>",
            ]
        ),
        # A content stream whose /Length is itself.
        assemble(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                page,
                b"<< /Length 4 0 R >>\nstream\nBT ET\nendstream",
            ]
        ),
        # An object that is a reference to itself, used as the page's resources.
        assemble(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 4 0 R "
                b"/Contents 5 0 R >>",
                b"4 0 R",
                _stream(b"BT /F1 12 Tf 72 720 Td (x) Tj ET"),
            ]
        ),
        # A form XObject that draws itself.
        assemble(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /XObject << /X 4 0 R >> >> /Contents 5 0 R >>",
                b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                b"/Resources << /XObject << /X 4 0 R >> >> /Length 5 >>\n"
                b"stream\n/X Do\nendstream",
                _stream(b"/X Do"),
            ]
        ),
        # A trailer whose previous cross-reference section is itself.
        assemble(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                page,
                _stream(b""),
            ],
            trailer=b"/Prev 9 ",
        ),
    ]


def many_segments(count: int) -> bytes:
    """One page, one stroked path of ``count`` line segments (a zigzag)."""
    lines = [b"0.1 w 10 10 m"]
    lines.extend(b"%d %d l" % (10 + i % 500, 10 + (i * 7) % 800) for i in range(count))
    lines.append(b"S")
    return one_page(b"\n".join(lines))


def many_text_operators(count: int) -> bytes:
    """One page of ``count`` text objects of one character each."""
    ops = (b"BT /F1 1 Tf %d %d Td (x) Tj ET" % (i % 590, i % 840) for i in range(count))
    return one_page(b"\n".join(ops))


def many_rectangles(count: int) -> bytes:
    """One page of ``count`` filled rectangles, its content deflated."""
    return one_page(zlib.compress(b"0 0 1 1 re f\n" * count, 9), deflate=True)


def deflated_page(size: int) -> bytes:
    """One page whose deflated content stream inflates to ``size`` bytes of spaces."""
    chunk = b" " * (1 << 20)
    squeeze = zlib.compressobj(9)
    parts = [squeeze.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(squeeze.compress(b" " * (size % len(chunk))))
    parts.append(squeeze.flush())
    return one_page(b"".join(parts), deflate=True)


def many_pages(count: int) -> bytes:
    """A page tree of ``count`` empty pages (all sharing one empty content stream)."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        _stream(b""),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"
    objects.extend(page for _ in range(count))
    return assemble(objects)
