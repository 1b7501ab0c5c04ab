"""Every reader's limit error names the limit, the value found and the maximum.

:class:`~govdisclosure.LimitExceededError` documents ``limit``, ``value`` and ``maximum``
so that a program can tell which limit to raise without reading the message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from govdisclosure import LimitExceededError, Limits, parse
from govdisclosure.parsers import read_docx, read_html, read_pdf, read_text

from ._docxgen import CONTENT_TYPES, RELS, document_xml, docx, p, package, tbl, tc, tr
from ._hostile import deflated_page, many_segments, many_text_operators
from ._pdfgen import Page, pdf

SEED = Path(__file__).resolve().parent.parent / "data" / "seeds" / "qidu-2019.txt"


def _bomb() -> bytes:
    xml = document_xml(p("x") + " " * 5_000_000)
    return package(
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": xml}
    )


_TEN_BY_TEN = tbl(*[tr(*(tc(str(i)) for i in range(10)))] * 10)
_GRID = Page().grid([float(x) for x in range(50, 550, 20)], [float(y) for y in range(50, 750, 20)])

CASES: dict[str, tuple[Callable[[], object], str, float]] = {
    "text bytes": (lambda: read_text("x" * 200, limits=Limits(max_bytes=100)), "max_bytes", 100),
    "text cells": (
        lambda: read_text("\t" + "\t".join(["1"] * 50) + "\n", limits=Limits(max_cells=10)),
        "max_cells",
        10,
    ),
    "html bytes": (
        lambda: read_html(b"<p>x</p>" * 100, limits=Limits(max_bytes=500)),
        "max_bytes",
        500,
    ),
    "html tags": (
        lambda: read_html("<p>x" * 1000, limits=Limits(max_elements=999)),
        "max_elements",
        999,
    ),
    "html depth": (
        lambda: read_html("<div>" * 20 + "x" + "</div>" * 20, limits=Limits(max_depth=10)),
        "max_depth",
        10,
    ),
    "html cells": (
        lambda: read_html(
            "<table>" + "<tr><td>a</td><td>b</td></tr>" * 20 + "</table>",
            limits=Limits(max_cells=30),
        ),
        "max_cells",
        30,
    ),
    "docx ratio": (
        lambda: read_docx(_bomb()),
        "max_decompression_ratio",
        Limits().max_decompression_ratio,
    ),
    "docx elements": (
        lambda: read_docx(docx(p("x") * 200), limits=Limits(max_elements=500)),
        "max_elements",
        500,
    ),
    "docx depth": (
        lambda: read_docx(
            docx("<w:sdt><w:sdtContent>" * 20 + p("x") + "</w:sdtContent></w:sdt>" * 20),
            limits=Limits(max_depth=20),
        ),
        "max_depth",
        20,
    ),
    "docx cells": (
        lambda: read_docx(docx(_TEN_BY_TEN), limits=Limits(max_cells=99)),
        "max_cells",
        99,
    ),
    "pdf pages": (
        lambda: read_pdf(pdf([Page().text(1, 1, "x")] * 3), limits=Limits(max_pages=2)),
        "max_pages",
        2,
    ),
    "pdf seconds": (
        lambda: read_pdf(pdf([Page().text(1, 1, "x")] * 2), limits=Limits(max_seconds=0.0)),
        "max_seconds",
        0.0,
    ),
    "pdf cells": (lambda: read_pdf(pdf([_GRID]), limits=Limits(max_cells=100)), "max_cells", 100),
    "pdf objects": (
        lambda: read_pdf(many_text_operators(300), limits=Limits(max_objects=100)),
        "max_objects",
        100,
    ),
    "pdf segments": (
        lambda: read_pdf(many_segments(300), limits=Limits(max_segments=100)),
        "max_segments",
        100,
    ),
    "pdf chars": (
        lambda: read_pdf(many_text_operators(300), limits=Limits(max_chars=100)),
        "max_chars",
        100,
    ),
    "pdf memory": (
        lambda: read_pdf(deflated_page(100 * 2**20), limits=Limits(max_memory=128 * 2**20)),
        "max_memory",
        128 * 2**20,
    ),
    "parse path bytes": (lambda: parse(SEED, limits=Limits(max_bytes=100)), "max_bytes", 100),
    "parse cells": (lambda: parse(SEED, limits=Limits(max_cells=50)), "max_cells", 50),
    "parse seconds": (lambda: parse(SEED, limits=Limits(max_seconds=0.0)), "max_seconds", 0.0),
}


@pytest.mark.parametrize("case", CASES)
def test_the_error_names_its_limit(case: str) -> None:
    read, limit, maximum = CASES[case]
    with pytest.raises(LimitExceededError) as error:
        read()
    assert (error.value.limit, error.value.maximum) == (limit, maximum)
    assert error.value.value is not None
    assert error.value.value > maximum
