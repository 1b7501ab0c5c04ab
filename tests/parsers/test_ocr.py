"""Reading scans by OCR: the page geometry, the API's edges, and real scans read back.

The geometry (skew, ruled lines, merged cells, tables joined over a page break) is tested
on images drawn here, without the recogniser. The recogniser reads scans made from the
corpus PDFs (``_scans.py``): image-only PDFs of their pages rendered in grey and JPEG-
compressed at 150, 200 and 300 dpi, clean or turned by 1° with light noise. Every cell of
tables 三 and 四 must be read exactly or left unread, never read wrong; at 200 dpi at least
99 % of the Huai'an report's cells must be exact. The default run reads two scans through
``parse()`` (a crooked scanned PDF at 200 dpi, which the PDF reader hands to
``read_page_image`` page by page, and a photo of one page); every resolution and variant
of both reports, read page by page with ``read_page_image`` and ``join_pages``, is
``slow``.
"""

from __future__ import annotations

import io
import struct
import zlib
from functools import cache
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from numpy.typing import NDArray
from PIL import Image

import govdisclosure
from govdisclosure import LimitExceededError, Limits, ParseError
from govdisclosure.model import SourceSpan
from govdisclosure.parsers import (
    Document,
    Table,
    TableCell,
    TextBlock,
    _clock,
    assemble,
    detect_format,
)
from govdisclosure.parsers.frontends import _ocr, _raster
from govdisclosure.parsers.frontends._scanjoin import join_pages

from ..test_parse_corpus import CORPUS, Item, expected_cells
from ._grid import CORPUS as CORPUS_DIR
from ._scans import CROOKED, DPIS, VARIANTS, Variant, read_scan, scan, score

SCALE = 200 / 72
HUAIAN = next(i for i in CORPUS if i.document == "009_huaian_szf_2024.pdf")
SHANGHAI = next(i for i in CORPUS if i.document == "001_shanghai_szfbgt_2019.pdf")
#: The pages of tables 三 and 四.
PAGES = {HUAIAN.document: (4, 5), SHANGHAI.document: (4, 5, 6)}


# -- the page's geometry, on drawn pages ---------------------------------------------------


def ruled_page(angle: float = 0.0) -> NDArray[Any]:
    """An A4 page at 200 dpi with one ruled table: 4 rows × 5 columns, the first column
    of rows 1-2 merged, the top row's last three columns merged; a heading above it."""
    page: NDArray[Any] = np.full((round(842 * SCALE), round(595 * SCALE)), 255, np.uint8)
    xs = [round(x * SCALE) for x in (60, 200, 280, 360, 440, 520)]
    ys = [round(y * SCALE) for y in (200, 230, 260, 290, 320)]
    for i, y in enumerate(ys):
        for c in range(5):
            if i == 2 and c == 0:
                continue  # rows 1 and 2 share the first column's cell
            cv2.line(page, (xs[c], y), (xs[c + 1], y), 0, 2)
    for j, x in enumerate(xs):
        for r in range(4):
            if r == 0 and j in (3, 4):
                continue  # the top row's last three columns are one cell
            cv2.line(page, (x, ys[r]), (x, ys[r + 1]), 0, 2)
    cv2.putText(page, "HEADING", (xs[0], ys[0] - 40), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 0, 6)
    if angle:
        height, width = page.shape
        turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        page = cv2.warpAffine(page, turn, (width, height), borderValue=255)
    return page


def tables_of(page: NDArray[Any]) -> tuple[float, list[_raster.Grid]]:
    straight = _raster.straighten(page, SCALE)
    across, down = _raster.rule_masks(_raster.ink(straight.grey, SCALE), SCALE)
    return straight.angle, _raster.find_tables(across, down, SCALE, max_slots=10_000)


def test_a_ruled_table_is_found_with_its_merged_cells() -> None:
    angle, grids = tables_of(ruled_page())
    assert angle == 0.0
    (grid,) = grids
    cells = [(c.row, c.column, c.rowspan, c.colspan) for c in grid.cells]
    assert (0, 2, 1, 3) in cells  # the top row's last three columns
    assert (1, 0, 2, 1) in cells  # the first column of rows 1 and 2
    assert len(cells) == 20 - 2 - 1
    assert len(grid.xs) == 6
    assert len(grid.ys) == 5


@pytest.mark.parametrize("turn", [1.0, -1.5, 3.0])
def test_a_crooked_page_is_straightened(turn: float) -> None:
    angle, grids = tables_of(ruled_page(turn))
    assert angle == pytest.approx(-turn, abs=0.1)
    (grid,) = grids
    assert len(grid.cells) == 17


def test_a_page_of_noise_has_no_table() -> None:
    rng = np.random.default_rng(7)
    noise = np.where(rng.random((800, 600)) < 0.05, 0, 255).astype(np.uint8)
    _, grids = tables_of(noise)
    assert grids == []


def test_boxes_map_back_to_the_page_as_given() -> None:
    straight = _raster.straighten(ruled_page(2.0), SCALE)
    assert straight.angle != 0.0
    box = (500.0, 600.0, 700.0, 650.0)
    x0, y0, x1, y1 = straight.original(box)
    centre = np.array([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2, 1.0])
    back = straight.back @ centre
    assert x0 < back[0] < x1
    assert y0 < back[1] < y1


# -- joining tables over a page break ------------------------------------------------------


def _part(page: int, top: float, rows: int, shift: float = 0.0) -> Table:
    edges = [50.0 + shift, 150.0 + shift, 250.0 + shift, 350.0 + shift]
    cells = [
        TableCell(
            text=f"{page}.{r}.{c}",
            row=r,
            column=c,
            span=SourceSpan(
                page=page, bbox=(edges[c], top + 20 * r, edges[c + 1], top + 20 * (r + 1))
            ),
        )
        for r in range(rows)
        for c in range(3)
    ]
    return Table(
        index=1,
        cells=tuple(cells),
        n_rows=rows,
        n_columns=3,
        span=SourceSpan(page=page, bbox=(edges[0], top, edges[-1], top + 20 * rows)),
    )


def test_a_table_continued_on_the_next_page_is_joined() -> None:
    # The second page's scan is shifted by 6 points: the columns still line up.
    number = TextBlock(text="- 4 -", span=SourceSpan(page=1, bbox=(280, 810, 300, 820)))
    pages = [
        ((_part(1, 500, 15), number), 842.0),
        ((_part(2, 60, 4, shift=6.0), TextBlock(text="end", span=SourceSpan(page=2))), 842.0),
    ]
    blocks, notes = join_pages(pages, first_table=3)
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    (table,) = tables
    assert table.index == 3
    assert (table.n_rows, table.n_columns) == (19, 3)
    assert {c.span.table for c in table.cells} == {3}
    continued = table.grid()[15][2]
    assert continued is not None
    assert continued.text == "2.0.2"
    assert [code for code, _, _ in notes] == ["table-joined"]
    assert [b.text for b in blocks if isinstance(b, TextBlock)] == ["- 4 -", "end"]


def test_tables_whose_columns_differ_are_not_joined() -> None:
    lower = _part(2, 60, 4)
    narrower = Table(
        index=1,
        cells=tuple(c for c in lower.cells if c.column < 2),
        n_rows=4,
        n_columns=2,
        span=lower.span,
    )
    blocks, notes = join_pages([((_part(1, 500, 15),), 842.0), ((narrower,), 842.0)])
    assert [b.index for b in blocks if isinstance(b, Table)] == [1, 2]
    assert notes == ()


# -- the API's edges -----------------------------------------------------------------------


def _png(width: int, height: int) -> bytes:
    """A PNG that states its size and holds no pixel data worth decoding."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_images_are_detected_by_signature_and_suffix(tmp_path: object) -> None:
    assert detect_format(_png(10, 10)) == "image"
    assert detect_format(b"\xff\xd8\xff\xe0" + bytes(100)) == "image"
    with pytest.raises(ParseError) as raised:
        govdisclosure.parse("not an image", format="image")
    assert raised.value.reason == "unreadable"


def test_the_ocr_extra_is_installed() -> None:
    assert _ocr.available()


def test_a_missing_extra_is_format_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_ocr, "find_spec", lambda name: None if name == "rapidocr" else object())
    assert not _ocr.available()
    with pytest.raises(ParseError) as raised:
        govdisclosure.parse(_png(10, 10))
    assert raised.value.reason == "format_unavailable"
    assert "govdisclosure[ocr]" in str(raised.value)


def test_an_image_over_max_pixels_is_refused_before_decoding() -> None:
    with pytest.raises(LimitExceededError) as raised:
        _ocr.read_image(_png(100_000, 100_000), limits=Limits(max_pixels=50_000_000))
    assert raised.value.limit == "max_pixels"


def test_bytes_that_are_no_image_are_unreadable() -> None:
    with pytest.raises(ParseError) as raised:
        _ocr.read_image(b"GIF89a" + bytes(64), name="x.gif")
    assert raised.value.reason == "unreadable"
    image = io.BytesIO()
    Image.new("L", (400, 300), 255).save(image, "JPEG")
    with pytest.raises(ParseError) as raised:
        _ocr.read_image(image.getvalue()[:200], name="cut.jpg")
    assert raised.value.reason == "unreadable"


def test_a_blank_page_reads_as_nothing() -> None:
    blocks, notes = _ocr.read_page_image(Image.new("L", (600, 800), 255), page=3, scale=600 / 595)
    assert blocks == ()
    assert [code for code, _, _ in notes] == ["ocr-page"]


def test_a_page_is_read_within_the_documents_time() -> None:
    # OCR looks at the document's one budget (max_seconds from the start of parse())
    # before the page and between its pieces of text.
    limits = Limits(max_seconds=5.0)
    page = Image.new("L", (600, 800), 255)
    with _clock.reading(6.0), pytest.raises(LimitExceededError) as error:
        _ocr.read_page_image(page, page=3, scale=600 / 595, limits=limits)
    assert (error.value.limit, error.value.where) == ("max_seconds", "page 3")
    with _clock.reading(1.0):
        assert _ocr.read_page_image(page, page=3, scale=600 / 595, limits=limits)[0] == ()


# -- scans read back -----------------------------------------------------------------------


@cache
def read_back(document: str, dpi: int, variant: Variant) -> Document:
    data = (CORPUS_DIR / document).read_bytes()
    scanned = scan(data, dpi=dpi, variant=variant, pages=PAGES[document])
    return read_scan(scanned, dpi=dpi, name=document)


def exact_or_unread(item: Item, dpi: int, variant: Variant) -> float:
    """Assemble the scan, check that no cell is read wrong; the share read exactly."""
    result = assemble(read_back(item.document, dpi, variant))
    found = score(result.report, expected_cells(item))
    assert found.wrong == ()
    # Every cell left unread is explained by a diagnostic of its own row or cell.
    explained = {d.pointer for d in result.diagnostics} | {
        r.pointer for d in result.diagnostics for r in d.related
    }
    for cell in result.report.unread:
        assert cell.code in {d.code for d in result.diagnostics}
        assert any(cell.pointer.startswith(p) for p in explained if p), cell.pointer
    return found.share_exact


def test_a_crooked_noisy_scanned_pdf_at_200_dpi_is_read_by_parse() -> None:
    # The PDF reader renders each page without text and hands it to read_page_image.
    data = (CORPUS_DIR / HUAIAN.document).read_bytes()
    scanned = scan(data, dpi=200, variant=CROOKED, pages=PAGES[HUAIAN.document])
    result = govdisclosure.parse(scanned, limits=Limits(max_seconds=600))
    assert result.format == "pdf"
    found = score(result.report, expected_cells(HUAIAN))
    assert found.wrong == ()
    assert found.share_exact >= 0.99
    # Table 三 runs over both pages and was joined; its values point at their pages.
    assert ("GD913", "") in {(d.code, d.pointer) for d in result.diagnostics}
    source = result.report.source
    assert source is not None
    first = source.span_of("/applications/new_received/total")
    last = source.span_of("/applications/carried_forward/total")
    assert first is not None
    assert last is not None
    assert (first.page, last.page, first.table) == (1, 2, last.table)
    assert first.bbox is not None


def test_a_photo_of_a_page_is_read_by_parse() -> None:
    data = (CORPUS_DIR / HUAIAN.document).read_bytes()
    scanned = pdfium.PdfDocument(scan(data, dpi=200, variant=CROOKED, pages=(5,)))
    page = scanned[0].render(scale=200 / 72, grayscale=True).to_pil()
    photo = io.BytesIO()
    page.save(photo, "JPEG", quality=80)  # no dpi: taken as A4 wide
    # OCR takes seconds a page (many on a busy machine): room for it in the reader process.
    result = govdisclosure.parse(photo.getvalue(), limits=Limits(max_seconds=600))
    assert result.format == "image"
    appeals = result.report.appeals
    assert appeals.administrative_review.values() == (72, 64, 178, 37, 351)
    assert appeals.direct_litigation.values() == (13, 4, 8, 1, 26)
    assert appeals.litigation_after_review.values() == (12, 1, 1, 6, 20)
    found = score(result.report, expected_cells(HUAIAN))
    assert found.wrong == ()
    assert result.report.source is not None
    span = result.report.source.span_of("/appeals/administrative_review/total")
    assert span is not None
    assert span.page == 1
    assert span.bbox is not None


@pytest.mark.slow
@pytest.mark.parametrize("variant", list(VARIANTS), ids=list(VARIANTS))
@pytest.mark.parametrize("dpi", DPIS)
@pytest.mark.parametrize("item", [HUAIAN, SHANGHAI], ids=lambda i: i.document)
def test_every_scan_reads_exactly_or_leaves_unread(item: Item, dpi: int, variant: str) -> None:
    share = exact_or_unread(item, dpi, VARIANTS[variant])
    if item is HUAIAN and dpi >= 200:
        assert share >= 0.99
