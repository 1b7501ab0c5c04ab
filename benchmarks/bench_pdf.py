"""``parse()`` of each corpus PDF against the PDF engine's floor, as ratios, in one run.

The floor is what no PDF reader on PDFium can skip: open the file and, page by page,
extract every character's box (``FPDFText_GetCharBox``) and every path segment's point
(``FPDFPath_GetPathSegment``, ``FPDFPathSegment_GetPoint``, forms walked into) —
nothing else. Against it, for each corpus PDF (never asserting a time):

* ``read_pdf`` in this process (``Limits(isolate=False)``) and isolated (the default: a
  worker process, started before timing, so the figure is the steady state of a batch);
* ``parse()`` likewise: the front-end, the assembler and the report;
* the first ``parse()`` in a fresh interpreter, isolated and not (imports and, isolated,
  starting the worker included), once.

The goal is ``parse()`` within 2x the floor. ``--pdfplumber`` adds pdfplumber reading
every page's characters (the floor of the earlier reader), when it is installed.

Run: ``python benchmarks/bench_pdf.py`` (needs the ``pdf`` extra).
"""

from __future__ import annotations

import argparse
import ctypes
import io
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

import attrs
from _timing import best_times

from govdisclosure import Limits, parse
from govdisclosure.parsers import read_pdf

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"
PDFS = sorted(CORPUS.glob("*.pdf"))
ISOLATE = "isolate" in attrs.fields_dict(Limits)
"""Whether this version of the library reads PDFs in a worker process."""


def floor(data: bytes) -> int:
    """Every character box and path segment of ``data``; returns how many were read."""
    import pypdfium2
    import pypdfium2.raw as c

    pdf = pypdfium2.PdfDocument(data)
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    x, y = ctypes.c_float(), ctypes.c_float()
    count = 0
    try:
        for index in range(c.FPDF_GetPageCount(pdf.raw)):
            page = c.FPDF_LoadPage(pdf.raw, index)
            textpage = c.FPDFText_LoadPage(page)
            for i in range(c.FPDFText_CountChars(textpage)):
                c.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
                count += 1
            c.FPDFText_ClosePage(textpage)
            lists: list[tuple[Any, int, Any]] = [
                (page, c.FPDFPage_CountObjects(page), c.FPDFPage_GetObject)
            ]
            while lists:
                owner, n, get = lists.pop()
                for j in range(n):
                    obj = get(owner, j)
                    kind = c.FPDFPageObj_GetType(obj)
                    if kind == c.FPDF_PAGEOBJ_PATH:
                        for k in range(c.FPDFPath_CountSegments(obj)):
                            c.FPDFPathSegment_GetPoint(c.FPDFPath_GetPathSegment(obj, k), x, y)
                            count += 1
                    elif kind == c.FPDF_PAGEOBJ_FORM:
                        inner = c.FPDFFormObj_CountObjects(obj)
                        lists.append((obj, inner, c.FPDFFormObj_GetObject))
            c.FPDF_ClosePage(page)
    finally:
        pdf.close()
    return count


def pdfplumber_chars(data: bytes) -> None:
    pdfplumber: Any = import_module("pdfplumber")  # not a dependency: the earlier engine
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            assert page.chars is not None


def cold(path: Path, isolate: bool) -> float:
    """Seconds of the first parse() in a fresh interpreter (imports included)."""
    limits = "Limits()" if isolate or not ISOLATE else "Limits(isolate=False)"
    code = (
        "import time; t = time.perf_counter(); "
        "from govdisclosure import Limits, parse; "
        f"parse({str(path)!r}, limits={limits}); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def bench(path: Path, repeat: int, with_pdfplumber: bool) -> None:
    data = path.read_bytes()
    here = Limits(isolate=False) if ISOLATE else Limits()
    functions: dict[str, Callable[[], object]] = {
        "floor: every char box and path segment": lambda: floor(data),
        "read_pdf, in process": lambda: read_pdf(data, limits=here),
        "parse(), in process": lambda: parse(data, format="pdf", limits=here),
    }
    if ISOLATE:
        functions["read_pdf, isolated"] = lambda: read_pdf(data)
        functions["parse(), isolated"] = lambda: parse(data, format="pdf")
    if with_pdfplumber:
        functions["pdfplumber: every page's chars"] = lambda: pdfplumber_chars(data)
    timings = best_times(functions, repeat=repeat, number=1, warmup=True)
    base = timings["floor: every char box and path segment"]
    print(
        f"\nPDF {path.name} ({len(data):,} bytes, {floor(data):,} chars + segments), "
        f"best of {repeat}"
    )
    for name, seconds in timings.items():
        print(f"  {name:<42} {seconds * 1000:8.1f} ms  {seconds / base:6.2f}x floor")
    for isolate in (False, True) if ISOLATE else (False,):
        label = "isolated" if isolate else "in process"
        seconds = cold(path, isolate)
        print(f"  {'first parse() in a new interpreter, ' + label:<42} {seconds * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--pdfplumber", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    for path in PDFS:
        bench(path, args.repeat, args.pdfplumber)
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
