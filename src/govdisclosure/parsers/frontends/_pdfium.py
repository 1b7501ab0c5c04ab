"""The PDF engine: what each page of a PDF holds, as plain data, from PDFium (pypdfium2).

Only this module calls the engine. It gives, page by page, in the page's display
coordinates (points from the top-left corner of the visible page, after its rotation):

* the characters of the text layer, each with its box (from the font's ascent to its
  descent, the advance wide); spaces PDFium inserts between words and lines are not
  characters of the file and are left out;
* the straight horizontal and vertical segments of every path (strokes and fills alike,
  inside form XObjects too): the ruled lines and rectangle sides tables are drawn with;
* how many images the page shows (a page of images and no text is a scan).

Every limit that bounds a page's work is checked before the work: ``max_objects`` when
the page is loaded, ``max_segments`` before a path's points are read, ``max_chars`` before
the characters are, ``max_seconds`` (the document's one budget, :mod:`.._clock`) between
objects and characters. PDFium's own parsing of a page (one native call) cannot be
interrupted from here: an isolated reader (see :mod:`govdisclosure.parsers._isolation`) is
stopped from outside when it overruns.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

from ..._limits import Limits
from ...exceptions import LimitExceededError, ParseError
from .._clock import Deadline

__all__ = ["Char", "Engine", "PageContent", "Rule"]

Char = tuple[str, float, float, float, float, float]
"""A character: ``(text, x0, top, x1, bottom, middle)``; ``middle`` is halfway between
``top`` and ``bottom``: characters of one line share it whatever their font (their
boxes are centred on the em square), more nearly than their tops or bottoms."""
Rule = tuple[float, float, float]
"""A straight segment: ``(y, x0, x1)`` if horizontal, ``(x, top, bottom)`` if vertical."""

_STRAIGHT = 0.1
"""Points within which a segment's two ends are level (or plumb): it is a ruled line."""
_CHECK_EVERY = 2048
"""Objects or characters between two checks of the time budget."""

# FPDF_PAGEOBJ_* and FPDF_SEGMENT_* (fpdf_edit.h)
_TEXT, _PATH, _IMAGE, _FORM = 1, 2, 3, 5
_LINETO, _MOVETO = 0, 2
_PASSWORD = 4  # FPDF_ERR_PASSWORD

Matrix = tuple[float, float, float, float, float, float]
"""An affine map ``(a, b, c, d, e, f)``: ``x' = a x + c y + e``, ``y' = b x + d y + f``."""


class PageContent:
    """What one page holds, in display coordinates."""

    __slots__ = ("chars", "height", "horizontal", "images", "number", "vertical", "width")

    def __init__(self, number: int, width: float, height: float) -> None:
        self.number = number
        self.width = width
        self.height = height
        self.chars: list[Char] = []
        self.horizontal: list[Rule] = []
        self.vertical: list[Rule] = []
        self.images = 0


class Engine:
    """An open PDF: :meth:`pages` reads them in order within ``limits``.

    Raises:
        ParseError: the bytes are not a PDF PDFium can open, or it needs a password.
    """

    def __init__(self, data: bytes, where: str, limits: Limits, clock: Deadline) -> None:
        import pypdfium2
        import pypdfium2.raw as pdfium_c

        self._c: Any = pdfium_c
        self._where = where
        self._limits = limits
        self._clock = clock
        self._chars_left = limits.max_chars
        try:
            self.pdf: Any = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as error:
            if error.err_code == _PASSWORD:
                raise ParseError(
                    "PDF 已加密（需要密码），无法读取",
                    "the PDF is encrypted (it needs a password)",
                    where=where,
                    reason="unreadable",
                ) from None
            raise ParseError(
                f"PDF 文件损坏，无法读取（{error}）",
                f"the PDF is damaged and cannot be read ({error})",
                where=where,
                reason="unreadable",
            ) from None
        self.page_count: int = pdfium_c.FPDF_GetPageCount(self.pdf.raw)
        # Reused out-parameters of the engine's calls.
        self._x = ctypes.c_float()
        self._y = ctypes.c_float()
        self._matrix = pdfium_c.FS_MATRIX()
        self._rect = pdfium_c.FS_RECTF()

    def close(self) -> None:
        """Release the document."""
        self.pdf.close()

    def title(self) -> str | None:
        """The document information's ``/Title``, if it has one."""
        title = self.pdf.get_metadata_value("Title")
        return (title.strip() or None) if isinstance(title, str) else None

    def pages(self) -> Iterator[PageContent]:
        """Each page's content, in order; checks the time budget before each."""
        for index in range(self.page_count):
            self.check_time(index)
            yield self._page(index)
        self.check_time(self.page_count)

    def check_time(self, pages_read: int) -> None:
        """Raise :class:`LimitExceededError` once the document's time is spent
        (``max_seconds``, plus what its pages read by OCR added)."""
        self._clock.check(
            self._where, (f"PDF 读到第 {pages_read} 页", f"{pages_read} PDF pages read")
        )

    def ocr_page_begins(self) -> None:
        """Count a page about to be read by OCR: the time budget grows by
        ``max_ocr_seconds_per_page`` (and the reader process's parent is told)."""
        self._clock.ocr_page_begins()

    def render(self, number: int, scale: float) -> Any:
        """Page ``number`` (1-based) as a PIL image, ``scale`` pixels per point."""
        page = self.pdf[number - 1]
        try:
            return page.render(scale=scale).to_pil()
        finally:
            page.close()

    # -- one page -----------------------------------------------------------------------

    def _page(self, index: int) -> PageContent:
        c = self._c
        page = c.FPDF_LoadPage(self.pdf.raw, index)
        if not page:
            raise ParseError(
                f"PDF 第 {index + 1} 页无法读取",
                f"page {index + 1} of the PDF cannot be read",
                where=self._where,
                reason="unreadable",
            )
        try:
            self.check_time(index)  # loading the page is one native step
            box = c.FS_RECTF()
            c.FPDF_GetPageBoundingBox(page, box)
            display, width, height = _display(box, c.FPDFPage_GetRotation(page))
            content = PageContent(index + 1, width, height)
            self._objects(page, content, display)
            self._text(page, content, display)
            return content
        finally:
            c.FPDF_ClosePage(page)

    def _objects(self, page: Any, content: PageContent, display: Matrix) -> None:
        """The page's ruled segments and images; forms are walked into."""
        c = self._c
        count = c.FPDFPage_CountObjects(page)
        self._check_objects(count, content.number)
        # (handle, count, get, matrix to display) of each object list still to walk
        lists: list[tuple[Any, int, Any, Matrix]] = [(page, count, c.FPDFPage_GetObject, display)]
        seen = count
        segments = 0
        matrix = self._matrix
        while lists:
            owner, n, get, outer = lists.pop()
            for i in range(n):
                if not i % _CHECK_EVERY:
                    self.check_time(content.number - 1)
                obj = get(owner, i)
                kind = c.FPDFPageObj_GetType(obj)
                if kind == _PATH:
                    n_segments = c.FPDFPath_CountSegments(obj)
                    segments += max(n_segments, 0)
                    self._check_segments(segments, content.number)
                    if n_segments > 1 and c.FPDFPageObj_GetMatrix(obj, matrix):
                        self._path(obj, n_segments, _compose(outer, matrix), content)
                elif kind == _IMAGE:
                    content.images += 1
                elif kind == _FORM:
                    inner = c.FPDFFormObj_CountObjects(obj)
                    if inner > 0 and c.FPDFPageObj_GetMatrix(obj, matrix):
                        seen += inner
                        self._check_objects(seen, content.number)
                        lists.append((obj, inner, c.FPDFFormObj_GetObject, _compose(outer, matrix)))

    def _path(self, obj: Any, count: int, to_display: Matrix, content: PageContent) -> None:
        """The straight level and plumb segments of one path, in display coordinates."""
        c = self._c
        x, y = self._x, self._y
        a, b, cc, d, e, f = to_display
        horizontal, vertical = content.horizontal, content.vertical
        if count == 2:  # a move and a line (most rules are drawn so): no more to ask
            first, second = c.FPDFPath_GetPathSegment(obj, 0), c.FPDFPath_GetPathSegment(obj, 1)
            if c.FPDFPathSegment_GetType(second) == _LINETO:
                c.FPDFPathSegment_GetPoint(first, x, y)
                x0, y0 = a * x.value + cc * y.value + e, b * x.value + d * y.value + f
                c.FPDFPathSegment_GetPoint(second, x, y)
                x1, y1 = a * x.value + cc * y.value + e, b * x.value + d * y.value + f
                _rule(x0, y0, x1, y1, horizontal, vertical)
            return
        start_x = start_y = last_x = last_y = 0.0
        last_segment = None
        for k in range(count):
            segment = c.FPDFPath_GetPathSegment(obj, k)
            kind = c.FPDFPathSegment_GetType(segment)
            c.FPDFPathSegment_GetPoint(segment, x, y)
            px, py = x.value, y.value
            here_x, here_y = a * px + cc * py + e, b * px + d * py + f
            if kind == _MOVETO:
                if last_segment is not None and c.FPDFPathSegment_GetClose(last_segment):
                    _rule(last_x, last_y, start_x, start_y, horizontal, vertical)
                start_x, start_y = here_x, here_y
                last_segment = None
            else:
                if kind == _LINETO:
                    _rule(last_x, last_y, here_x, here_y, horizontal, vertical)
                last_segment = segment
            last_x, last_y = here_x, here_y
        if last_segment is not None and c.FPDFPathSegment_GetClose(last_segment):
            _rule(last_x, last_y, start_x, start_y, horizontal, vertical)

    def _text(self, page: Any, content: PageContent, display: Matrix) -> None:
        """The characters of the page's text layer, in the engine's reading order."""
        c = self._c
        textpage = c.FPDFText_LoadPage(page)
        if not textpage:
            return
        try:
            count = c.FPDFText_CountChars(textpage)
            if count <= 0:
                return
            text = _all_text(c, textpage, count)
            a, b, cc, d, e, f = display
            upright = a == 1.0 and b == 0.0 and cc == 0.0 and d == -1.0
            rect = self._rect
            box_of, rect_ref = c.FPDFText_GetLooseCharBox, ctypes.byref(rect)
            append = content.chars.append
            left = self._chars_left
            # Every index may be a character: count them one by one only if that could
            # exceed the budget.
            careful = count > left
            for start in range(0, count, _CHECK_EVERY):
                self.check_time(content.number - 1)
                for i in range(start, min(start + _CHECK_EVERY, count)):
                    char = text[i]
                    box_of(textpage, i, rect_ref)
                    x0, x1, y_top, y_bottom = rect.left, rect.right, rect.top, rect.bottom
                    if char.isspace():
                        # A space the engine inserted has an empty box; a printed one
                        # ends a word, as its gap does.
                        if x0 == x1 and y_top == y_bottom:
                            continue
                        char = " "
                    if careful:
                        left -= 1
                        if left < 0:
                            self._over_chars()
                    if upright:
                        top, bottom = f - y_top, f - y_bottom
                        append((char, x0 + e, top, x1 + e, bottom, (top + bottom) / 2))
                        continue
                    u0, v0 = a * x0 + cc * y_top + e, b * x0 + d * y_top + f
                    u1, v1 = a * x1 + cc * y_bottom + e, b * x1 + d * y_bottom + f
                    append(
                        (char, min(u0, u1), min(v0, v1), max(u0, u1), max(v0, v1), (v0 + v1) / 2)
                    )
            if not careful:
                left -= len(content.chars)
            self._chars_left = left
        finally:
            c.FPDFText_ClosePage(textpage)

    # -- limits -------------------------------------------------------------------------

    def _check_objects(self, count: int, page: int) -> None:
        maximum = self._limits.max_objects
        if count > maximum:
            raise LimitExceededError(
                f"PDF 第 {page} 页有 {count} 个以上图形对象，超过上限 max_objects={maximum}",
                f"page {page} of the PDF has {count} or more objects, over max_objects={maximum}",
                where=self._where,
                limit="max_objects",
                value=count,
                maximum=maximum,
            )

    def _check_segments(self, count: int, page: int) -> None:
        maximum = self._limits.max_segments
        if count > maximum:
            raise LimitExceededError(
                f"PDF 第 {page} 页的路径有 {count} 段以上，超过上限 max_segments={maximum}",
                f"page {page} of the PDF has {count} or more path segments, "
                f"over max_segments={maximum}",
                where=self._where,
                limit="max_segments",
                value=count,
                maximum=maximum,
            )

    def _over_chars(self) -> None:
        maximum = self._limits.max_chars
        raise LimitExceededError(
            f"PDF 的文字超过上限 max_chars={maximum} 个字符",
            f"the PDF's text layer has more than max_chars={maximum} characters",
            where=self._where,
            limit="max_chars",
            value=maximum + 1,
            maximum=maximum,
        )


def _all_text(c: Any, textpage: Any, count: int) -> str:
    """The page's characters, one per index; a control character or one the engine
    cannot map to Unicode is U+FFFD."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = c.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", "replace")
    if len(text) != count:
        # Characters beyond the BMP take two UTF-16 units: ask for each one.
        codes = [c.FPDFText_GetUnicode(textpage, i) for i in range(count)]
        text = "".join(chr(code) if _is_code_point(code) else "\ufffd" for code in codes)
    return text.translate(_CONTROLS)


def _is_code_point(code: int) -> bool:
    return 0 < code < 0x110000 and not 0xD800 <= code < 0xE000


_CONTROLS = {code: "\ufffd" for code in range(0x20) if not chr(code).isspace()}


def _rule(
    x0: float, y0: float, x1: float, y1: float, horizontal: list[Rule], vertical: list[Rule]
) -> None:
    """Keep the segment from (x0, y0) to (x1, y1) if it is level or plumb."""
    if -_STRAIGHT < y1 - y0 < _STRAIGHT:
        if x1 - x0 >= 1.0 or x0 - x1 >= 1.0:
            horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif -_STRAIGHT < x1 - x0 < _STRAIGHT and (y1 - y0 >= 1.0 or y0 - y1 >= 1.0):
        vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _display(box: Any, rotation: int) -> tuple[Matrix, float, float]:
    """The map from PDF user space to the page as displayed (origin top-left, y down,
    after ``/Rotate``), and the displayed width and height."""
    left, bottom, right, top = box.left, box.bottom, box.right, box.top
    width, height = right - left, top - bottom
    if rotation == 1:  # 90° clockwise
        return (0.0, 1.0, 1.0, 0.0, -bottom, -left), height, width
    if rotation == 2:
        return (-1.0, 0.0, 0.0, 1.0, right, -bottom), width, height
    if rotation == 3:
        return (0.0, -1.0, -1.0, 0.0, top, right), height, width
    return (1.0, 0.0, 0.0, -1.0, -left, top), width, height


def _compose(outer: Matrix, inner: Any) -> Matrix:
    """``outer`` after ``inner`` (an ``FS_MATRIX``): first inner, then outer."""
    a, b, c, d, e, f = outer
    ia, ib, ic, id_, ie, if_ = inner.a, inner.b, inner.c, inner.d, inner.e, inner.f
    return (
        a * ia + c * ib,
        b * ia + d * ib,
        a * ic + c * id_,
        b * ic + d * id_,
        a * ie + c * if_ + e,
        b * ie + d * if_ + f,
    )
