"""Reading published reports: reports per second per format, against baselines.

For each format of the corpus in ``tests/data`` (text now; HTML, Word and PDF whenever
their readers are installed) it times :func:`govdisclosure.parse` over every document of
that format and, in the same process, :func:`govdisclosure.loads` of the canonical JSON of
the same reports — the cost of a report that needs no reading at all (goal for text: at
most 1.5x). It prints reports/s and the ratio between the two (never asserts a time).

Then:

* ``parse()`` of a web page against lxml's parse of the same bytes (goal: at most 4x);
* extra rows that match no label of table 三 (in the text form of the seed report): the
  time each adds (goal: at most 0.1 ms) and whether that time stays the same per row as
  their number grows (linear);
* reading stays linear on pathological input: the time for an input twice as long, over
  the time for the input itself (about 2 when linear).

Each ratio is printed beside the one measured with the code before issue 14
(``baseline.json``).

Run: ``python benchmarks/bench_parse.py`` (``--number``/``--repeat`` to taste).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
from collections.abc import Callable
from pathlib import Path

from _timing import Ratios, best_times

import govdisclosure
from govdisclosure import GovDisclosureError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
_FORMATS = {".txt": "text", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
#: The goal for text: parse() at most this many times loads() of the same reports. Web
#: pages have theirs against lxml (below); the other formats none.
_TEXT_GOAL = 1.5


def _documents() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for path in [*sorted((DATA / "corpus").iterdir()), DATA / "seeds" / "qidu-2019.txt"]:
        fmt = _FORMATS.get(path.suffix.lower())
        if fmt is not None:
            found.setdefault(fmt, []).append(path)
    return found


def _available(fmt: str) -> bool:
    if fmt == "text":
        return True
    try:
        importlib.import_module(f"govdisclosure.parsers.frontends._{fmt}")
    except ImportError:
        return False
    return True


def _formats(number: int, repeat: int, ratios: Ratios) -> None:
    print(f"{'format':7s} {'docs':>4s} {'parse/s':>9s} {'loads/s':>9s} {'ratio':>7s}  goal (ratio)")
    text_ratio = float("nan")
    for fmt, paths in _documents().items():
        if not _available(fmt):
            print(f"{fmt:7s} {len(paths):4d}  skipped: the {fmt} reader is not installed")
            continue
        blobs = [p.read_bytes() for p in paths]
        try:
            jsons = [govdisclosure.dumps(govdisclosure.parse(b, format=fmt).report) for b in blobs]
        except GovDisclosureError as error:
            print(f"{fmt:7s} {len(paths):4d}  skipped: {error}")
            continue

        def parse_all(blobs: list[bytes] = blobs, fmt: str = fmt) -> None:
            for blob in blobs:
                govdisclosure.parse(blob, format=fmt)

        def load_all(jsons: list[str] = jsons) -> None:
            for text in jsons:
                govdisclosure.loads(text)

        times = best_times({"parse": parse_all, "loads": load_all}, repeat=repeat, number=number)
        parsing, loading = times["parse"] / len(blobs), times["loads"] / len(blobs)
        ratio = parsing / loading
        if fmt == "text":
            goal = f"<= {_TEXT_GOAL:g}x: {'met' if ratio <= _TEXT_GOAL else 'NOT met'}"
        else:
            goal = "<= 4x of lxml: see below" if fmt == "html" else ""
        print(
            f"{fmt:7s} {len(paths):4d} {1 / parsing:9.0f} {1 / loading:9.0f} {ratio:6.1f}x  {goal}"
        )
        if fmt == "text":
            text_ratio = ratio
    ratios.show("parse.text_vs_loads", "parse() of text vs loads()", text_ratio, at_most=1.5)


def _linearity(repeat: int) -> None:
    samples = {
        "digits": "1" * 50_000,
        "ordinals 一、": "一、" * 25_000,
        "open parentheses": "（" * 50_000,
        "table-三 label + zeros": "一、本年新收政府信息公开申请数量" + "0" * 50_000,
        "years": "2019年" * 10_000,
        "blank lines": "\n" * 50_000,
    }
    print("\nlinearity: time(2n) / time(n) on pathological input (2 = linear)")
    for name, sample in samples.items():

        def run(text: str) -> None:
            with contextlib.suppress(GovDisclosureError):
                govdisclosure.parse(text)

        times = best_times(
            {"n": lambda s=sample: run(s), "2n": lambda s=sample: run(s * 2)},  # type: ignore[misc]
            repeat=repeat,
            number=1,
        )
        single, double = times["n"], times["2n"]
        print(
            f"  {name:26s} n={len(sample):7d}  {single * 1e3:7.1f} ms  ratio {double / single:4.2f}"
        )


def _web_page(number: int, repeat: int, ratios: Ratios) -> None:
    """``parse()`` of a web page against lxml's parse of its bytes."""
    if not _available("html"):
        print("\nweb page: skipped (the html extra is not installed)")
        return
    from lxml import etree

    page = DATA / "corpus" / "001_shanghai_szfbgt_2019.html"
    data = page.read_bytes()
    times = best_times(
        {
            "lxml": lambda: etree.fromstring(data, etree.HTMLParser(encoding="utf-8")),
            "parse": lambda: govdisclosure.parse(data, format="html"),
        },
        repeat=repeat,
        number=number,
        warmup=True,
    )
    print(
        f"\nweb page {page.name} ({len(data):,} bytes): parse() {times['parse'] * 1e3:.2f} ms, "
        f"lxml {times['lxml'] * 1e3:.2f} ms"
    )
    ratio = times["parse"] / times["lxml"]
    ratios.show("parse.html_vs_lxml", "parse() of a web page vs lxml", ratio, at_most=4.0)


def _text_rows(count: int, label: str) -> str:
    """The seed's text with ``count`` rows no label matches, before （七）总计."""
    text = (DATA / "seeds" / "qidu-2019.txt").read_text(encoding="utf-8")
    at = text.rindex("\n\n", 0, text.index("\t（七）总计"))
    cells = "".join(f"\n\t{v}" for v in ("1", "0", "0", "0", "0", "0", "1"))
    rows = "".join(f"\n\n\t\n\t{label.format(n=n)}{cells}" for n in range(count))
    return text[:at] + rows + text[at:]


def _html_rows(count: int, label: str) -> str:
    """The seed's web page (as rendered) with ``count`` such rows before （七）总计."""
    from govdisclosure.render import render_html

    page = render_html(govdisclosure.loads((ROOT / "examples" / "qidu-2019.json").read_bytes()))
    at = page.rindex("<tr", 0, page.index("（七）总计"))
    cells = "".join(f"<td>{v}</td>" for v in ("1", "0", "0", "0", "0", "0", "1"))
    rows = "".join(
        f'<tr><th colspan="2">{label.format(n=n)}</th>{cells}</tr>\n' for n in range(count)
    )
    return page[:at] + rows + page[at:]


def _unknown_rows(repeat: int, ratios: Ratios) -> None:
    """The time each row of table 三 that matches no label adds, and its growth."""
    labels = {
        "unrelated words": "其他未列明的办理情形第{n}类",
        "near a label": "（三）不予公开{n}.其他法律法规规定的情形",
    }
    kinds: list[tuple[str, str, Callable[[int, str], str]]] = [("text", "text", _text_rows)]
    if _available("html"):
        kinds.append(("web page", "html", _html_rows))
    counts = (0, 50, 100, 200)
    print("\nrows of table 三 that match no label (the seed report):")
    worst = worst_growth = 0.0
    for kind, fmt, make in kinds:
        for name, label in labels.items():
            texts = {k: make(k, label) for k in counts}
            times = best_times(
                {
                    str(k): lambda t=texts[k], f=fmt: govdisclosure.parse(t, format=f)  # type: ignore[misc]
                    for k in counts
                },
                repeat=repeat,
                number=1,
                warmup=True,
            )
            base = times["0"]
            each = {k: (times[str(k)] - base) / k for k in counts if k}
            growth = each[counts[-1]] / each[counts[1]]
            worst, worst_growth = max(worst, max(each.values())), max(worst_growth, growth)
            print(
                f"  {kind}, {name}: "
                + ", ".join(f"{k} rows {times[str(k)] * 1e3:.1f} ms" for k in counts)
                + "\n    each row: "
                + ", ".join(f"{v * 1e3:.3f} ms ({k} rows)" for k, v in each.items())
                + f"; at {counts[-1]} rows over at {counts[1]}: {growth:.2f} (1 = linear)"
            )
    ratios.show("parse.unknown_row_ms", "time one row adds", worst * 1e3, at_most=0.1, unit=" ms")
    ratios.show(
        "parse.unknown_row_growth", "per-row cost, 200 rows over 50 (1 = linear)", worst_growth
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--save-ratios", type=Path, metavar="FILE")
    args = parser.parse_args()
    ratios = Ratios()
    _formats(args.number, args.repeat, ratios)
    _web_page(args.number, args.repeat, ratios)
    _unknown_rows(args.repeat, ratios)
    _linearity(max(1, args.repeat // 2))
    ratios.save(args.save_ratios)


if __name__ == "__main__":
    main()
