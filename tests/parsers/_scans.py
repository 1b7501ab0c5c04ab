"""Scans made from the corpus PDFs, and how well OCR reads them back.

:func:`scan` prints a PDF to an image-only PDF the way an office scanner does: each page
rendered by pypdfium2 at a resolution, in grey, optionally turned a little and speckled
with noise, JPEG-compressed, one image per page (Pillow's PDF writer embeds the JPEG as
it is). :func:`read_scan` reads such a PDF the way a PDF reader must once a page has no
text: it renders each page at the resolution it was scanned at and hands it to
:func:`~govdisclosure.parsers.frontends._ocr.read_page_image`. :func:`score` compares the
report's tables 三 and 四 with the hand-verified figures: each cell is exact, unread, or
wrong (read, but not as printed) — the last must never happen.

Used by ``tests/parsers/test_ocr.py`` and ``benchmarks/bench_ocr.py``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from govdisclosure import AnnualReport
from govdisclosure.model import iter_cells
from govdisclosure.parsers import Block, Document
from govdisclosure.parsers._notes import Note
from govdisclosure.parsers.frontends._ocr import read_page_image
from govdisclosure.parsers.frontends._scanjoin import join_pages


class Variant(NamedTuple):
    """How a scan departs from a clean print: turned by ``rotate`` degrees, grey noise of
    standard deviation ``noise`` (of 255), and the JPEG ``quality``."""

    rotate: float = 0.0
    noise: float = 0.0
    quality: int = 75


#: A clean scan, and a crooked, noisy one.
GREY = Variant()
CROOKED = Variant(rotate=1.0, noise=8.0)
VARIANTS = {"grey": GREY, "crooked": CROOKED}
DPIS = (150, 200, 300)


def scan(
    pdf: bytes, *, dpi: int, variant: Variant = GREY, pages: Iterable[int] | None = None
) -> bytes:
    """An image-only PDF of ``pdf`` (its ``pages``, 1-based; all by default)."""
    source = pdfium.PdfDocument(pdf)
    numbers = list(pages) if pages is not None else range(1, len(source) + 1)
    rng = np.random.default_rng(len(pdf) + dpi)
    images: list[Image.Image] = []
    for number in numbers:
        grey = np.asarray(source[number - 1].render(scale=dpi / 72, grayscale=True).to_pil())
        if variant.rotate:
            height, width = grey.shape
            turn = cv2.getRotationMatrix2D((width / 2, height / 2), variant.rotate, 1.0)
            grey = cv2.warpAffine(
                grey, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=255
            )
        if variant.noise:
            speckled = grey.astype(np.float32) + rng.normal(0.0, variant.noise, grey.shape)
            grey = np.clip(speckled, 0, 255).astype(np.uint8)
        images.append(Image.fromarray(np.ascontiguousarray(grey), mode="L"))
    out = io.BytesIO()
    images[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=float(dpi),
        quality=variant.quality,
    )
    return out.getvalue()


def read_scan(pdf: bytes, *, dpi: int, name: str | None = None) -> Document:
    """The document OCR reads from an image-only PDF, each page rendered at ``dpi``."""
    document = pdfium.PdfDocument(pdf)
    pages: list[tuple[tuple[Block, ...], float]] = []
    notes: list[Note] = []
    for number in range(1, len(document) + 1):
        page = document[number - 1]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        found, said = read_page_image(image, page=number, scale=dpi / 72)
        pages.append((found, page.get_height()))
        notes.extend(said)
    blocks, joined = join_pages(pages)
    return Document(format="pdf", blocks=blocks, name=name, notes=(*notes, *joined))


class Score(NamedTuple):
    """Cells of tables 三 and 四: read as printed, unread, and read wrong (pointers)."""

    exact: int
    unread: int
    wrong: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.exact + self.unread + len(self.wrong)

    @property
    def share_exact(self) -> float:
        return self.exact / self.total


def score(report: AnnualReport, expected: Mapping[str, int | None]) -> Score:
    """How the report's cells compare with the ``expected`` figures (pointer → value)."""
    values = {ref.pointer: value for ref, value in iter_cells(report)}
    unread = {cell.pointer for cell in report.unread}
    exact = left = 0
    wrong: list[str] = []
    for pointer, value in expected.items():
        if pointer in unread:
            left += 1
        elif values.get(pointer) == value:
            exact += 1
        else:
            wrong.append(pointer)
    return Score(exact, left, tuple(wrong))
