"""Reading page images — scanned PDF pages, PNG or JPEG photos of a page — with a
character recogniser (OCR). Needs the ``ocr`` extra (RapidOCR on ONNX Runtime, OpenCV).

The engine is RapidOCR's PP-OCR detector and recogniser: both models ship in the
``rapidocr`` wheel and are loaded from there by path, so nothing is downloaded, ever; they
run on the CPU. What comes out of one page (:func:`read_page_image`):

* The page is straightened first (a scan or photo turned by up to 5°) and its ruled
  lines found (:mod:`._raster`). Each ruled table of two columns or more becomes a
  :class:`Table` whose grid comes from the lines: where no line parts two grid slots,
  they are one merged cell, with its ``rowspan``/``colspan``.
* The rules are painted out and the text found on the page (the detector works on the
  page reduced to about 144 dpi; each text box is then recognised at the page's full
  resolution). A text box belongs to the cell under its centre; a box running over a
  drawn cell border is cut between its characters. A cell with marks of ink but no text
  found is recognised on its own: a faint digit is not silently a blank cell.
* Every cell and text line carries the recogniser's ``confidence``: how sure it was of
  its least certain character; a text line also its confidence in each character
  (``confidences``). The assembler leaves a cell it was unsure of unread, unless an
  identity of the table confirms the reading, and marks a figure of the text with an
  unsure digit ``□``.
* Text outside tables becomes one :class:`TextBlock` per line, in reading order (top to
  bottom; tables where they stand). Every span has the page and the box in points from
  the page's top-left corner (pixels divided by ``scale``; boxes of the page as given,
  before it was straightened).
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Sequence
from importlib.util import find_spec
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..._limits import DEFAULT_LIMITS, Limits
from ...exceptions import GovDisclosureError, LimitExceededError, ParseError
from ...model import SourceSpan
from .._clock import deadline, reading
from .._document import Block, Document, Table, TableCell, TextBlock
from .._notes import OCR_PAGE, Note
from ._common import CellBudget, check_size, missing_extra

if TYPE_CHECKING:
    from PIL.Image import Image

    from ._raster import Box, Grid, Pixels, Straightened

__all__ = ["available", "read_image", "read_page_image"]

#: The modules the ``ocr`` extra brings.
_MODULES = ("rapidocr", "onnxruntime", "cv2", "numpy", "PIL")
#: The models of the ``rapidocr`` wheel this front-end loads (detector, recogniser).
_DETECTOR = "PP-OCRv6_det_small.onnx"
_RECOGNISER = "PP-OCRv6_rec_small.onnx"

_DETECT_SCALE = 2.0
"""Pixels per point the detector works at (144 dpi): text of 7 points and more is found
there, in a third of the time the full page takes at 200 dpi."""
_MAX_SCALE = 300 / 72
"""A photo or scan finer than 300 dpi is reduced to it: finer adds time, not accuracy."""
_A4_WIDTH = 595.0
"""Points: the width of an A4 page, the scale of an image that does not state its dpi."""
_PAD = 0.75
"""Points of paper kept around a text box when it is cut out for the recogniser."""
_PAGE_EDGE = 1.0
"""Points within which a table edge lies on the image's edge (the table is cut by it)."""

_lock = threading.Lock()
_engine: Any = None
#: RapidOCR keeps each call's options on the engine: one call at a time.
_calling = threading.Lock()


def available() -> bool:
    """Whether the ``ocr`` extra is installed (``pip install 'govdisclosure[ocr]'``)."""
    return all(find_spec(module) is not None for module in _MODULES)


def read_image(
    data: bytes,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read a PNG or JPEG image of one report page (a scan, a photo) by OCR.

    The image's resolution is taken from its dpi where it states one, else the page's
    short side is taken to be A4 wide; an image finer than 300 dpi is reduced to it. A
    photo's EXIF orientation is applied. With ``limits.isolate`` (the default) the image
    is decoded and read in a child process held to ``max_memory`` and to
    ``max_seconds`` plus ``max_ocr_seconds_per_page``, as a PDF is (the decoder and the
    recogniser are native code).

    Args:
        data: the file's bytes.
        name: the document's name or path, for messages and :attr:`Document.name`.
        limits: safety limits (``max_bytes``, ``max_pixels``, ``max_cells``,
            ``max_seconds``, ``max_ocr_seconds_per_page``, ``max_memory``, ``isolate``).

    Returns:
        The page's text lines and tables (format ``"image"``, page 1).

    Raises:
        ParseError: the bytes are not a PNG or JPEG image, or cannot be decoded; or the
            ``ocr`` extra is not installed (``pip install 'govdisclosure[ocr]'``).
        LimitExceededError: the file is over ``max_bytes``, the image over
            ``max_pixels``, its tables over ``max_cells``; or reading it took longer
            than ``max_seconds`` plus ``max_ocr_seconds_per_page`` or more memory than
            ``max_memory``.
    """
    _require(name or "<image>")
    check_size(len(data), limits, name)
    if limits.isolate:
        from .._isolation import run_isolated

        return run_isolated("image", data, name=name, limits=limits)
    return read_image_in_process(data, name=name, limits=limits)


def read_image_in_process(
    data: bytes,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """:func:`read_image` in this process (what the reader process runs).

    The page adds ``max_ocr_seconds_per_page`` to the time budget as its OCR begins."""
    where = name or "<image>"
    _require(where)
    check_size(len(data), limits, name)
    from PIL import Image, ImageOps, UnidentifiedImageError

    image: Image.Image
    try:
        with warnings.catch_warnings():
            # The size is checked against max_pixels just below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=["PNG", "JPEG"])
    except Image.DecompressionBombError:
        # Over twice Pillow's own limit (about 179 million pixels).
        largest = 2 * (Image.MAX_IMAGE_PIXELS or 0)
        raise LimitExceededError(
            f"图像超过 {largest} 个像素，超过上限 max_pixels={limits.max_pixels}",
            f"the image has over {largest} pixels, over max_pixels={limits.max_pixels}",
            where=where,
            limit="max_pixels",
            value=largest,
            maximum=limits.max_pixels,
        ) from None
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ParseError(
            f"不是可读取的 PNG 或 JPEG 图像（{error}）",
            f"not a readable PNG or JPEG image ({error})",
            where=where,
            reason="unreadable",
        ) from None
    _check_pixels(image.width * image.height, limits, where)
    width = image.width
    dpi = _stated_dpi(image.info.get("dpi"))
    # Pixels per point: from the stated dpi, else the page's short side is an A4 width.
    scale = dpi / 72 if dpi is not None else min(image.size) / _A4_WIDTH
    try:
        if image.format == "JPEG" and scale > _MAX_SCALE:
            # A large JPEG is decoded at a fraction of its size directly.
            shrink = _MAX_SCALE / scale
            image.draft("L", (round(image.width * shrink), round(image.height * shrink)))
            scale *= image.width / width
        image = ImageOps.exif_transpose(image)
        image.load()
    except (OSError, ValueError, SyntaxError) as error:  # a truncated or damaged file
        raise ParseError(
            f"图像已损坏，无法解码（{error}）",
            f"the image is damaged and cannot be decoded ({error})",
            where=where,
            reason="unreadable",
        ) from None
    if scale > _MAX_SCALE:
        shrink = _MAX_SCALE / scale
        size = (max(1, round(image.width * shrink)), max(1, round(image.height * shrink)))
        image = image.convert("L").resize(size, Image.Resampling.LANCZOS)
        scale = _MAX_SCALE
    with reading():  # parse()'s clock, or one of its own when called directly
        deadline(limits, where).ocr_page_begins()
        blocks, notes = read_page_image(image, page=1, scale=scale, limits=limits)
    return Document(format="image", blocks=blocks, name=name, notes=notes)


def read_page_image(
    image: Image,
    *,
    page: int,
    scale: float,
    limits: Limits = DEFAULT_LIMITS,
    first_table: int = 1,
) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
    """Read one page image by OCR: its text lines and ruled tables, in reading order.

    Args:
        image: the page (a PIL image in any mode), rendered or scanned at ``scale``.
        page: the page's number (1-based), for the spans.
        scale: pixels per point (``dpi / 72``).
        limits: ``max_pixels`` (the image), ``max_cells`` (the page's tables) and
            ``max_seconds`` (the document's budget, looked at between the page's
            pieces of text).
        first_table: the :attr:`Table.index` of the page's first table (the tables of
            the pages before it, plus one).

    Returns:
        The blocks (a :class:`TextBlock` per line outside tables, a :class:`Table` per
        ruled table, with confidences and spans in points) and the notes (``ocr-page``:
        the page was read by OCR, and the angle it was straightened by).

    Raises:
        ParseError: the ``ocr`` extra is not installed, or the OCR engine failed.
        LimitExceededError: the image is over ``max_pixels`` or its tables over
            ``max_cells``, or the document's ``max_seconds`` are spent.
    """
    where = f"page {page}"
    _require(where)
    _check_pixels(image.width * image.height, limits, where)
    if not scale > 0:
        raise ValueError(f"scale must be a positive number of pixels per point, not {scale!r}")
    try:
        return _Page(image, page, scale, limits, first_table).read()
    except GovDisclosureError:
        raise
    except Exception as error:  # the engine is native code: any failure is a read error
        raise ParseError(
            f"第 {page} 页文字识别（OCR）失败（{type(error).__name__}: {error}）",
            f"OCR of page {page} failed ({type(error).__name__}: {error})",
            where=where,
        ) from error


def _require(where: str) -> None:
    for module in _MODULES:
        if find_spec(module) is None:
            raise missing_extra(module, "ocr", where)


def _check_pixels(pixels: int, limits: Limits, where: str) -> None:
    if pixels > limits.max_pixels:
        raise LimitExceededError(
            f"图像有 {pixels} 个像素，超过上限 max_pixels={limits.max_pixels}",
            f"the image has {pixels} pixels, over max_pixels={limits.max_pixels}",
            where=where,
            limit="max_pixels",
            value=pixels,
            maximum=limits.max_pixels,
        )


def _stated_dpi(dpi: object) -> float | None:
    """A plausible resolution an image states (72 to 1200 dpi), else ``None``."""
    if isinstance(dpi, tuple) and dpi:
        try:
            value = float(dpi[0])
        except (TypeError, ValueError):
            return None
        if 72 <= value <= 1200:
            return value
    return None


# -- the engine ---------------------------------------------------------------------------


def _ocr_engine() -> Any:
    """The one RapidOCR engine of this process, built on first use from the models in
    the ``rapidocr`` wheel."""
    global _engine
    with _lock:
        if _engine is None:
            import rapidocr

            models = Path(rapidocr.__file__).parent / "models"
            detector, recogniser = models / _DETECTOR, models / _RECOGNISER
            missing = [p.name for p in (detector, recogniser) if not p.is_file()]
            if missing:
                raise ParseError(
                    f"OCR 引擎 rapidocr 的安装中没有所需的模型 {', '.join(missing)}；"
                    "请安装 'govdisclosure[ocr]' 所要求的版本",
                    f"the rapidocr installation lacks the models {', '.join(missing)}; "
                    "install the version 'govdisclosure[ocr]' requires",
                    reason="format_unavailable",
                )
            _engine = rapidocr.RapidOCR(
                params={
                    "Global.log_level": "error",
                    "Global.use_cls": False,
                    # Every reading is kept: what is unsure is decided later, not dropped.
                    "Global.text_score": 0.0,
                    # Images are sized here, not by the engine.
                    "Global.max_side_len": 100_000,
                    "Global.min_side_len": 1,
                    "Det.model_path": str(detector),
                    "Rec.model_path": str(recogniser),
                }
            )
        return _engine


@attrs.define
class _Fragment:
    """Text the recogniser read in one box: its characters, each with its confidence and
    its horizontal centre (pixels of the straightened page)."""

    text: str
    box: Box
    confidences: list[float]
    centres: list[float]

    def cut(self, start: int, stop: int) -> _Fragment:
        x0, y0, x1, y1 = self.box
        centres = self.centres[start:stop]
        half = (x1 - x0) / max(1, len(self.text)) / 2
        return _Fragment(
            self.text[start:stop],
            (max(x0, centres[0] - half), y0, min(x1, centres[-1] + half), y1),
            self.confidences[start:stop],
            centres,
        )


def _recognise(engine: Any, crop: Pixels, box: Box) -> _Fragment:
    """Read one cut-out text box."""
    import cv2

    with _calling:
        result = engine(
            cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR),
            use_det=False,
            use_cls=False,
            use_rec=True,
            return_word_box=True,
        )
    texts = getattr(result, "txts", None) or ("",)
    text = str(texts[0])
    words = getattr(result, "word_results", None) or ()
    info = words[0] if words else None
    confidences = [float(c) for c in getattr(info, "confs", ())]
    columns = [c for cols in getattr(info, "word_cols", ()) for c in cols]
    length = float(getattr(info, "line_txt_len", 0.0) or 0.0)
    # The recogniser's word columns skip spaces: give each kept character its place.
    x0, _, x1, _ = box
    kept = [i for i, ch in enumerate(text) if not ch.isspace()]
    centres = [x0 + (x1 - x0) * (i + 0.5) / max(1, len(text)) for i in range(len(text))]
    if length > 0 and len(columns) == len(kept):
        for i, column in zip(kept, columns, strict=True):
            centres[i] = x0 + (x1 - x0) * min(1.0, (column + 0.5) / length)
    if len(confidences) != len(text):
        score = float((getattr(result, "scores", None) or (0.0,))[0])
        confidences = [score] * len(text)
    if not text:
        return _Fragment("", box, [0.0], [(x0 + x1) / 2])
    return _Fragment(text, box, confidences, centres)


# -- one page -----------------------------------------------------------------------------


@attrs.define
class _Slot:
    """What was read into one cell of a table."""

    fragments: list[_Fragment] = attrs.field(factory=list)


class _Page:
    """One page image being read."""

    def __init__(self, image: Image, page: int, scale: float, limits: Limits, first_table: int):
        from . import _raster

        self.page = page
        self.scale = scale
        self.limits = limits
        self.clock = deadline(limits, f"page {page}")
        self.first_table = first_table
        grey = _raster.as_grey(image.convert("L"))
        self.height, self.width = grey.shape
        self.straight: Straightened = _raster.straighten(grey, scale)

    def read(self) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
        import cv2
        import numpy as np

        from . import _raster

        self.clock.check()
        scale = self.scale
        straight = self.straight
        binary = _raster.ink(straight.grey, scale)
        across, down = _raster.rule_masks(binary, scale)
        grids = _raster.find_tables(across, down, scale, max_slots=self.limits.max_cells)
        budget = CellBudget(self.limits, f"page {self.page}")
        for grid in grids:
            budget.take((len(grid.xs) - 1) * (len(grid.ys) - 1))
        clean, rules = _raster.erase(straight.grey, across, down, grids, scale)
        engine = _ocr_engine()
        # Text is found on the page with its rules (they keep neighbouring cells apart)
        # and read with the rules painted out.
        factor = min(1.0, _DETECT_SCALE / scale)
        small = (
            straight.grey
            if factor == 1.0
            else cv2.resize(straight.grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
        )
        with _calling:
            found = engine(
                cv2.cvtColor(small, cv2.COLOR_GRAY2BGR), use_det=True, use_cls=False, use_rec=False
            )
        quads = getattr(found, "boxes", None)
        pad = max(1, round(_PAD * scale))
        fragments: list[_Fragment] = []
        for quad in [] if quads is None else quads:
            self.clock.check()  # each piece of text is one call of the recogniser
            points = np.asarray(quad, dtype=np.float64) / factor
            x0, y0 = points.min(axis=0)
            x1, y1 = points.max(axis=0)
            for left, right in _at_borders(float(x0), float(x1), (y0 + y1) / 2, grids, pad):
                box = _clip((left - pad, y0 - pad, right + pad, y1 + pad), self.width, self.height)
                if box[2] - box[0] < 2 or box[3] - box[1] < 2:
                    continue
                crop = clean[round(box[1]) : round(box[3]), round(box[0]) : round(box[2])]
                fragment = _recognise(engine, crop, box)
                if fragment.text.strip():
                    fragments.append(fragment)
        paper = binary.copy()
        paper[rules > 0] = 0
        return self._blocks(grids, fragments, clean, paper, engine)

    # -- placing what was read ------------------------------------------------------------

    def _blocks(
        self,
        grids: list[Grid],
        fragments: list[_Fragment],
        clean: Pixels,
        paper: Pixels,
        engine: Any,
    ) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
        from . import _raster

        slots: list[list[_Slot]] = [[_Slot() for _ in grid.cells] for grid in grids]
        outside: list[_Fragment] = []
        for fragment in fragments:
            outside.extend(_place(fragment, grids, slots))
        # Ink in a cell where no text was found: read it on its own, never a blank cell.
        for grid, cells in zip(grids, slots, strict=True):
            for cell, slot in zip(grid.cells, cells, strict=True):
                marks = _raster.ink_boxes(paper, cell.box, self.scale)
                missed = [m for m in marks if not _covered(m, slot.fragments)]
                if not missed:
                    continue
                pad = max(1, round(_PAD * self.scale))
                box = _clip(
                    (
                        min(m[0] for m in missed) - pad,
                        min(m[1] for m in missed) - pad,
                        max(m[2] for m in missed) + pad,
                        max(m[3] for m in missed) + pad,
                    ),
                    self.width,
                    self.height,
                )
                crop = clean[round(box[1]) : round(box[3]), round(box[0]) : round(box[2])]
                fragment = _recognise(engine, crop, box)
                if not fragment.text.strip():
                    fragment = _Fragment("", box, [0.0], [(box[0] + box[2]) / 2])
                slot.fragments.append(fragment)
        items: list[tuple[float, float, Block]] = []
        for i, (grid, cells) in enumerate(zip(grids, slots, strict=True)):
            table = self._table(grid, cells, self.first_table + i)
            items.append((grid.ys[0], grid.xs[0], table))
        for line in _lines(outside):
            box = _union(f.box for f in line)
            items.append((box[1], box[0], self._line(line, box)))
        items.sort(key=lambda item: (item[0], item[1]))
        notes: list[Note] = [self._note()]
        return tuple(block for _, _, block in items), tuple(notes)

    def _table(self, grid: Grid, slots: list[_Slot], index: int) -> Table:
        edge = _PAGE_EDGE * self.scale
        x0, y0, x1, y1 = grid.box
        cut = (x0 <= edge, x1 >= self.width - edge, y0 <= edge, y1 >= self.height - edge)
        cells: list[TableCell] = []
        for cell, slot in zip(grid.cells, slots, strict=True):
            fragments = slot.fragments
            # A cell on an edge of the table that lies on the image's edge is cut by it.
            clipped = (
                (cut[0] and cell.column == 0)
                or (cut[1] and cell.column + cell.colspan == len(grid.xs) - 1)
                or (cut[2] and cell.row == 0)
                or (cut[3] and cell.row + cell.rowspan == len(grid.ys) - 1)
            )
            cells.append(
                TableCell(
                    text=_text(fragments),
                    row=cell.row,
                    column=cell.column,
                    rowspan=cell.rowspan,
                    colspan=cell.colspan,
                    clipped=clipped,
                    confidence=_confidence(fragments),
                    span=SourceSpan(
                        page=self.page,
                        bbox=self._points(cell.box),
                        table=index,
                        row=cell.row + 1,
                        column=cell.column + 1,
                    ),
                )
            )
        return Table(
            index=index,
            cells=tuple(cells),
            n_rows=len(grid.ys) - 1,
            n_columns=len(grid.xs) - 1,
            span=SourceSpan(page=self.page, bbox=self._points(grid.box), table=index),
        )

    def _line(self, fragments: list[_Fragment], box: Box) -> TextBlock:
        text, scores = _scored(fragments)
        return TextBlock(
            text=text,
            span=SourceSpan(page=self.page, bbox=self._points(box)),
            confidence=_confidence(fragments),
            confidences=scores,
        )

    def _points(self, box: Box) -> Box:
        x0, y0, x1, y1 = self.straight.original(box)
        s = self.scale
        return (
            round(max(0.0, x0) / s, 2),
            round(max(0.0, y0) / s, 2),
            round(min(float(self.width), x1) / s, 2),
            round(min(float(self.height), y1) / s, 2),
        )

    def _note(self) -> Note:
        dpi = round(self.scale * 72)
        angle = self.straight.angle
        turned_zh = f"，页面倾斜 {abs(angle):.1f}° 已校正" if angle else ""
        turned_en = f"; the page was straightened by {abs(angle):.1f}°" if angle else ""
        return (
            OCR_PAGE,
            f"第 {self.page} 页为图像，已经文字识别（OCR，约 {dpi} dpi）读取{turned_zh}",
            f"page {self.page} is an image and was read by OCR (about {dpi} dpi){turned_en}",
        )


def _at_borders(
    x0: float, x1: float, y: float, grids: Sequence[Grid], margin: float
) -> list[tuple[float, float]]:
    """A text box's horizontal extent, cut where it runs over a drawn border between two
    cells of a table (the detector may take a row of figures for one line of text)."""
    for grid in grids:
        gx0, gy0, gx1, gy1 = grid.box
        if not (gy0 <= y < gy1 and x0 < gx1 and x1 > gx0):
            continue
        row = min(max(0, grid.row_at(y)), len(grid.ys) - 2)
        cuts = [
            x
            for c, x in enumerate(grid.xs[1:-1], start=1)
            if x0 + margin < x < x1 - margin and grid.slots[row][c - 1] != grid.slots[row][c]
        ]
        if cuts:
            edges = [x0, *cuts, x1]
            return list(pairwise(edges))
    return [(x0, x1)]


def _place(fragment: _Fragment, grids: Sequence[Grid], slots: list[list[_Slot]]) -> list[_Fragment]:
    """Put a fragment into the cell under it — cut between its characters where it runs
    over a drawn cell border — and return what lies outside every table."""
    x0, y0, x1, y1 = fragment.box
    y = (y0 + y1) / 2
    for grid, cells in zip(grids, slots, strict=True):
        gx0, gy0, gx1, gy1 = grid.box
        if not (gy0 <= y < gy1 and x0 < gx1 and x1 > gx0):
            continue
        owners = [grid.cell_at(x, y) for x in fragment.centres]
        if all(owner is None for owner in owners):
            continue
        outside: list[_Fragment] = []
        start = 0
        for i in range(1, len(owners) + 1):
            if i == len(owners) or owners[i] != owners[start]:
                part = fragment if start == 0 and i == len(owners) else fragment.cut(start, i)
                owner = owners[start]
                if owner is None:
                    outside.append(part)
                elif part.text.strip():
                    cells[owner].fragments.append(part)
                start = i
        return outside
    return [fragment]


def _lines(fragments: list[_Fragment]) -> list[list[_Fragment]]:
    """Fragments grouped into lines (their boxes overlap vertically by half the smaller
    height), top to bottom, each left to right."""
    lines: list[list[_Fragment]] = []
    for fragment in sorted(fragments, key=lambda f: ((f.box[1] + f.box[3]) / 2, f.box[0])):
        _, y0, _, y1 = fragment.box
        if lines:
            ly0 = min(f.box[1] for f in lines[-1])
            ly1 = max(f.box[3] for f in lines[-1])
            overlap = min(y1, ly1) - max(y0, ly0)
            if overlap >= 0.5 * min(y1 - y0, ly1 - ly0):
                lines[-1].append(fragment)
                continue
        lines.append([fragment])
    for line in lines:
        line.sort(key=lambda f: f.box[0])
    return lines


def _join(fragments: list[_Fragment]) -> str:
    """One line's text: fragments left to right, a space only between two ASCII letters
    or digits (Chinese text has none)."""
    return _scored(fragments)[0]


def _scored(fragments: list[_Fragment]) -> tuple[str, tuple[float, ...]]:
    """One line's text (as :func:`_join` gives it) and the recogniser's confidence in
    each of its characters (a space put between two fragments is sure)."""
    text = ""
    scores: list[float] = []
    for fragment in fragments:
        piece = fragment.text.strip()
        lead = len(fragment.text) - len(fragment.text.lstrip())
        if (
            text
            and piece
            and text[-1].isascii()
            and text[-1].isalnum()
            and piece[0].isascii()
            and piece[0].isalnum()
        ):
            text += " "
            scores.append(1.0)
        text += piece
        scores.extend(round(c, 3) for c in fragment.confidences[lead : lead + len(piece)])
    if len(scores) != len(text):  # the recogniser gave no score per character
        scores = [min(scores, default=1.0)] * len(text)
    return text, tuple(scores)


def _text(fragments: list[_Fragment]) -> str:
    """A cell's text: its lines joined with ``"\\n"``."""
    return "\n".join(_join(line) for line in _lines(fragments) if _join(line))


def _confidence(fragments: Sequence[_Fragment]) -> float | None:
    values = [c for f in fragments for c in f.confidences]
    return round(min(values), 4) if values else None


def _covered(mark: Box, fragments: Sequence[_Fragment]) -> bool:
    """Whether the centre of a mark of ink lies in one of the fragments' boxes."""
    x = (mark[0] + mark[2]) / 2
    y = (mark[1] + mark[3]) / 2
    return any(f.box[0] <= x <= f.box[2] and f.box[1] <= y <= f.box[3] for f in fragments)


def _union(boxes: Any) -> Box:
    items = list(boxes)
    return (
        min(b[0] for b in items),
        min(b[1] for b in items),
        max(b[2] for b in items),
        max(b[3] for b in items),
    )


def _clip(box: Box, width: int, height: int) -> Box:
    x0, y0, x1, y1 = box
    return (max(0.0, x0), max(0.0, y0), min(float(width), x1), min(float(height), y1))
