"""Small PDFs written by hand: ruled tables and text at known places.

Coordinates are given as the reader reports them (points, from the top-left corner of an
A4 page) and turned into PDF's bottom-up coordinates here. Text is ASCII in Helvetica.
"""

from __future__ import annotations

import attrs

WIDTH = 595.0
HEIGHT = 842.0


@attrs.define
class Page:
    ops: list[str] = attrs.field(factory=list)

    def line(self, x0: float, top0: float, x1: float, top1: float) -> Page:
        self.ops.append(f"{x0} {HEIGHT - top0} m {x1} {HEIGHT - top1} l S")
        return self

    def text(self, x: float, top: float, text: str, size: float = 10) -> Page:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        baseline = HEIGHT - top - size * 0.8
        self.ops.append(f"BT /F1 {size} Tf {x} {baseline} Td ({escaped}) Tj ET")
        return self

    def image(self, x0: float, top: float, x1: float, bottom: float) -> Page:
        """Draw a 2 × 2 grey inline image over the box (a page of such is a "scan")."""
        self.ops.append(
            f"q {x1 - x0} 0 0 {bottom - top} {x0} {HEIGHT - bottom} cm "
            "BI /W 2 /H 2 /CS /G /BPC 8 ID \x40\x80\x80\x40 EI Q"
        )
        return self

    def grid(
        self,
        xs: list[float],
        ys: list[float],
        *,
        skip: frozenset[tuple[str, int, int]] = frozenset(),
    ) -> Page:
        """Rule a grid; ``skip`` leaves out ("v", row, column-edge) or ("h", row-edge,
        column) segments, which merges the cells on either side."""
        for i, top in enumerate(ys):
            for j in range(len(xs) - 1):
                if ("h", i, j) not in skip:
                    self.line(xs[j], top, xs[j + 1], top)
        for j, x in enumerate(xs):
            for i in range(len(ys) - 1):
                if ("v", i, j) not in skip:
                    self.line(x, ys[i], x, ys[i + 1])
        return self


def pdf(pages: list[Page], *, trailer_extra: str = "") -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids: list[int] = []
    for page in pages:
        content = "\n".join(page.ops).encode("latin-1")
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                (
                    f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] "
                    f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {stream} 0 R >>"
                ).encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    refs = " ".join(f"{kid} 0 R" for kid in kids)
    objects[pages_id - 1] = f"<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>".encode()

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R {trailer_extra}>>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


ENCRYPTED = (
    "/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 "
    f"/O <{'ab' * 32}> /U <{'cd' * 32}> >> /ID [<{'01' * 16}> <{'01' * 16}>] "
)
"""A trailer entry: standard encryption whose user password is not empty."""
