"""Reports per second for each file-format front-end, against baselines in the same process.

For every corpus file, prints the front-end's reports/s and its time as a multiple of
baselines measured side by side (never asserts a time):

* HTML: reading the file's bytes; the standard library's ``html.parser`` with no handler
  (tokenising only, the floor of a stdlib-based reader); lxml's parse alone (the floor of
  ours); selectolax/lexbor's parse, when installed; then ``read_html`` on the page as
  published (UTF-8), re-encoded as GBK with a meta tag, and wrapped in a portal page.
* DOCX: unzipping ``word/document.xml``; lxml's parse of it; python-docx opening the
  file, when installed; then ``read_docx``.
* PDF: PDFium extracting every character box and path segment (the floor, as in
  ``bench_pdf.py``, which has the full comparison); then ``read_pdf``, isolated.

Run: ``python benchmarks/bench_frontends.py`` (needs the ``all`` extra).
"""

from __future__ import annotations

import argparse
import io
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from _timing import best_times

from govdisclosure.parsers import read_docx, read_html, read_pdf

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"
SHANGHAI = CORPUS / "001_shanghai_szfbgt_2019"
HUAIAN = CORPUS / "009_huaian_szf_2024"

PORTAL_HEAD = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>2019年上海市人民政府办公厅政府信息公开工作年度报告</title>
<link rel="stylesheet" href="/css/site.css"><style>.nav li{float:left}</style>
<script>var _hmt = _hmt || [];
(function(){ var hm = document.createElement("script"); })();</script>
</head><body><div class="top"><ul class="nav">{nav}</ul></div>
<table width="100%"><tr><td class="side"><ul>{side}</ul></td><td class="main">
<div class="crumbs">首页 &gt; 政务公开 &gt; 政府信息公开年报</div><div class="article">"""
PORTAL_TAIL = """</div></td></tr></table><div class="footer">{footer}</div>
<script src="/js/jquery.min.js"></script></body></html>"""


def portal(fragment: str) -> bytes:
    """The report fragment inside a portal page of navigation, scripts and a layout table."""
    nav = "".join(f'<li><a href="/c{i}">栏目{i}</a></li>' for i in range(40))
    side = "".join(f'<li><a href="/s{i}">政务公开目录{i}</a></li>' for i in range(60))
    footer = "".join(f"<p>主办单位：某某人民政府办公室 备案号{i}</p>" for i in range(5))
    head = PORTAL_HEAD.replace("{nav}", nav).replace("{side}", side)
    return (head + fragment + PORTAL_TAIL.replace("{footer}", footer)).encode("utf-8")


def report(title: str, timings: dict[str, float], ours: list[str]) -> None:
    print(title)
    baselines = [name for name in timings if name not in ours]
    for name, seconds in timings.items():
        ratios = "  ".join(
            f"{seconds / timings[base]:7.2f}x {base.split(' ')[0]}" for base in baselines[1:]
        )
        print(f"  {name:42s} {1 / seconds:10.1f} reports/s  {ratios}")


def bench_html(repeat: int, number: int) -> None:
    page = SHANGHAI.with_suffix(".html")
    data = page.read_bytes()
    text = data.decode("utf-8")
    gbk = ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' + text).encode(
        "gbk"
    )
    wrapped = portal(text)

    def stdlib() -> None:
        parser = HTMLParser()
        parser.feed(text)
        parser.close()

    from lxml import etree

    functions: dict[str, Callable[[], object]] = {
        "read the bytes": page.read_bytes,
        "html.parser, no handler": stdlib,
        "lxml parse only": lambda: etree.fromstring(data, etree.HTMLParser(encoding="utf-8")),
    }
    try:
        from selectolax.lexbor import (  # type: ignore[import-not-found, unused-ignore]
            LexborHTMLParser,
        )

        functions["selectolax (lexbor) parse only"] = lambda: LexborHTMLParser(text)
    except ImportError:
        pass
    ours: dict[str, Callable[[], object]] = {
        "read_html (as published, UTF-8)": lambda: read_html(data),
        "read_html (GBK, meta tag)": lambda: read_html(gbk),
        "read_html (in a portal page)": lambda: read_html(wrapped),
    }
    timings = best_times({**functions, **ours}, repeat=repeat, number=number, warmup=True)
    report(
        f"HTML {page.name} ({len(data):,} bytes; portal {len(wrapped):,} bytes), "
        f"best of {repeat} x {number}",
        timings,
        list(ours),
    )


def bench_docx(repeat: int, number: int) -> None:
    path = SHANGHAI.with_suffix(".docx")
    data = path.read_bytes()

    def unzip() -> bytes:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("word/document.xml")

    from lxml import etree

    xml = unzip()
    functions: dict[str, Callable[[], object]] = {
        "unzip word/document.xml": unzip,
        "lxml parse of document.xml": lambda: etree.fromstring(xml),
    }
    try:
        import docx  # type: ignore[import-not-found, unused-ignore]

        functions["python-docx open"] = lambda: docx.Document(io.BytesIO(data))
    except ImportError:
        pass
    functions["read_docx"] = lambda: read_docx(data)
    timings = best_times(functions, repeat=repeat, number=number, warmup=True)
    report(
        f"DOCX {path.name} ({len(data):,} bytes), best of {repeat} x {number}",
        timings,
        ["read_docx"],
    )


def bench_pdf(repeat: int) -> None:
    for path in (SHANGHAI.with_suffix(".pdf"), HUAIAN.with_suffix(".pdf")):
        _bench_pdf(path, repeat)


def _bench_pdf(path: Path, repeat: int) -> None:
    from bench_pdf import floor

    data = path.read_bytes()
    timings = best_times(
        {
            "read the bytes": path.read_bytes,
            "PDFium (every char box and path segment)": lambda: floor(data),
            "read_pdf": lambda: read_pdf(data),
        },
        repeat=repeat,
        number=1,
        warmup=True,
    )
    report(f"PDF {path.name} ({len(data):,} bytes), best of {repeat}", timings, ["read_pdf"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pdf-repeat", type=int, default=3)
    args = parser.parse_args()
    bench_html(args.repeat, args.number)
    bench_docx(args.repeat, max(args.number // 4, 1))
    bench_pdf(args.pdf_repeat)


if __name__ == "__main__":
    main()
