"""Reading published reports: reports per second per format, against loading their JSON.

For each format of the corpus in ``tests/data`` (text now; HTML, Word and PDF whenever
their readers are installed) it times :func:`govdisclosure.parse` over every document of
that format and, in the same process, :func:`govdisclosure.loads` of the canonical JSON of
the same reports — the cost of a report that needs no reading at all. It prints reports/s
and the ratio between the two (never asserts a time; the goal for text and HTML is
300 reports/s on one core).

A second table shows that reading stays linear on pathological input: the time for an
input twice as long, over the time for the input itself (≈2 when linear).

Run: ``python benchmarks/bench_parse.py`` (``--number``/``--repeat`` to taste).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
from pathlib import Path

from _timing import best_times

import govdisclosure
from govdisclosure import GovDisclosureError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
_FORMATS = {".txt": "text", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
_GOAL = 300.0


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


def _formats(number: int, repeat: int) -> None:
    print(f"{'format':7s} {'docs':>4s} {'parse/s':>9s} {'loads/s':>9s} {'ratio':>7s}  goal")
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
        goal = "" if fmt not in ("text", "html") else ("met" if 1 / parsing >= _GOAL else "NOT met")
        print(
            f"{fmt:7s} {len(paths):4d} {1 / parsing:9.0f} {1 / loading:9.0f} "
            f"{parsing / loading:6.1f}x  {goal}"
        )


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    _formats(args.number, args.repeat)
    _linearity(max(1, args.repeat // 2))


if __name__ == "__main__":
    main()
