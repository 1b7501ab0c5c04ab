"""OCR pages per second, and how many table cells OCR reads right at each resolution.

Each corpus PDF is scanned to an image-only PDF (``tests/parsers/_scans.py``: every page
rendered grey by pypdfium2 at 150, 200 and 300 dpi, JPEG-compressed; ``grey`` as it is,
``crooked`` turned by 1° with light noise), read back by OCR page by page, assembled, and
its tables 三 and 四 compared with the hand-verified figures. Prints, per scan, the pages
per second of rendering alone (the floor of any reader of a scanned PDF) and of reading
by OCR (rendering included), the cells read exactly, left unread and read wrong, and how
many figures the recogniser was unsure of were confirmed by an identity (GD919) or left
unread (GD918); then the totals per resolution. Nothing is asserted: the tests do that.

The Shanghai PDF is printed wider than its pages (see tests/test_parse_corpus.py): on a
scan, what lies beyond the page edge — the 其他 and 总计 columns, the start of every row
label — is not there, so many of its cells are unread by design.

Run: ``python benchmarks/bench_ocr.py`` (needs the ``ocr`` and ``pdf`` extras; about ten
minutes on a busy 2-core machine). ``--dpi 200`` for one resolution, ``--all-pages`` to
scan whole reports rather than the pages of tables 三 and 四.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.parsers._scans import DPIS, VARIANTS, read_scan, scan, score  # noqa: E402
from tests.test_parse_corpus import CORPUS, expected_cells  # noqa: E402

from govdisclosure.parsers import assemble  # noqa: E402

CORPUS_DIR = ROOT / "tests" / "data" / "corpus"
#: The pages of tables 三 and 四 in each corpus PDF.
TABLE_PAGES = {
    "001_shanghai_szfbgt_2019.pdf": (4, 5, 6),
    "009_huaian_szf_2024.pdf": (4, 5),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, action="append", choices=DPIS)
    parser.add_argument("--all-pages", action="store_true")
    args = parser.parse_args()
    dpis = args.dpi or list(DPIS)
    items = [item for item in CORPUS if item.document in TABLE_PAGES]
    totals: dict[int, list[int]] = {dpi: [0, 0, 0] for dpi in dpis}
    print(
        f"{'scan':44s} {'pages':>5s} {'render/s':>9s} {'OCR pages/s':>12s}   "
        "cells exact / unread / wrong"
    )
    for item in items:
        data = (CORPUS_DIR / item.document).read_bytes()
        pages = None if args.all_pages else TABLE_PAGES[item.document]
        expected = expected_cells(item)
        for dpi in dpis:
            for name, variant in VARIANTS.items():
                scanned = scan(data, dpi=dpi, variant=variant, pages=pages)
                document = pdfium.PdfDocument(scanned)
                count = len(document)
                start = time.perf_counter()
                for i in range(count):
                    document[i].render(scale=dpi / 72, grayscale=True).to_pil()
                rendered = time.perf_counter() - start
                start = time.perf_counter()
                read = read_scan(scanned, dpi=dpi, name=item.document)
                seconds = time.perf_counter() - start
                parsed = assemble(read)
                result = score(parsed.report, expected)
                codes = [d.code for d in parsed.diagnostics]
                total = totals[dpi]
                total[0] += result.exact
                total[1] += result.unread
                total[2] += len(result.wrong)
                label = f"{item.document} {dpi} dpi {name}"
                print(
                    f"{label:44s} {count:5d} {count / rendered:9.1f} {count / seconds:12.3f}   "
                    f"{result.exact:4d} / {result.unread:3d} / {len(result.wrong):3d} "
                    f"of {result.total} ({result.share_exact:.1%} exact); unsure: "
                    f"{codes.count('GD919')} confirmed, {codes.count('GD918')} unread",
                    flush=True,
                )
                for pointer in result.wrong:
                    print(f"    wrong: {pointer}")
    print()
    for dpi, (exact, unread, wrong) in totals.items():
        cells = exact + unread + wrong
        print(
            f"{dpi} dpi: {exact} exact, {unread} unread, {wrong} wrong of {cells} cells "
            f"({exact / max(cells, 1):.1%} exact)"
        )


if __name__ == "__main__":
    main()
