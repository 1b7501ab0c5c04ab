"""Reading grows linearly with the input: time and memory for hostile padding, as ratios.

Each case pads a report with one kind of hostile filler (blank lines, lines of ``0``, one
line of ``0 0 0 …``, a run of digits inside table 三…) at sizes ``n`` and ``2n`` and
``4n``, and prints the time and the peak memory each took as multiples of the smallest:
linear reading gives about 2x and 4x. The unpadded report is the baseline in the same
process. Every case must end in a report or a ``GovDisclosureError`` (a limit) — the
script says which. Nothing is asserted about time.

Run: ``python benchmarks/bench_hostile.py`` (``--size`` sets ``n`` in bytes; default
2 MB, so that the 4n case reads 8 MB).
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
from pathlib import Path

import govdisclosure

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: (name, format, filler unit, where the filler goes: "end" or a text the page holds)
CASES = [
    ("blank lines", "text", "\n", "end"),
    ("spaces and breaks", "text", " \r\n", "end"),
    ("lines of 0", "text", "0\n", "end"),
    ("one line of 0 0 0", "text", "0 ", "end"),
    ("digits in table 三", "text", "0", "| 一、本年新收"),
    ("words in table 二", "text", "0 ", "| 行政许可"),
    ("pipes", "text", "|", "end"),
    ("html text", "html", "0 ", "</body>"),
    ("html pre lines", "html", "0\n", "</body>"),
]


def _document(format: str, unit: str, size: int, where: str) -> bytes:
    report = govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())
    base = govdisclosure.render_markdown(report) if format == "text" else None
    page = base if base is not None else govdisclosure.render_html(report)
    filler = unit * (size // len(unit.encode("utf-8")))
    if format == "html" and where == "</body>":
        filler = (
            ("<pre>" if "\n" in unit else "<p>") + filler + ("</pre>" if "\n" in unit else "</p>")
        )
    if where == "end":
        text = page + filler
    else:
        at = page.index(where)
        text = page[:at] + filler + page[at:]
    return text.encode("utf-8")


def _one(format: str, unit: str, size: int, where: str) -> tuple[float, int, str]:
    """Run one parse in a fresh process: (seconds, peak kilobytes, outcome)."""
    code = (
        "import sys, time, resource, govdisclosure\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from bench_hostile import _document\n"
        "data = _document(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "start = time.perf_counter()\n"
        "try:\n"
        "    govdisclosure.parse(data, format=sys.argv[2]); outcome = 'report'\n"
        "except govdisclosure.GovDisclosureError as error:\n"
        "    outcome = f'{type(error).__name__}({getattr(error, \"limit\", None)})'\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before\n"
        "print(seconds, peak, outcome)\n"
    )
    here = str(Path(__file__).resolve().parent)
    done = subprocess.run(
        [sys.executable, "-c", code, here, format, unit, str(size), where],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak, outcome = done.stdout.split()
    return float(seconds), int(peak), outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2_000_000)
    args = parser.parse_args()
    base_seconds, base_peak, _ = _one("text", " ", 1, "end")
    print(f"baseline (the report alone): {base_seconds * 1000:.0f} ms, +{base_peak // 1024} MB")
    for name, format, unit, where in CASES:
        rows = []
        for factor in (1, 2, 4):
            gc.collect()
            rows.append(_one(format, unit, args.size * factor, where))
        first_seconds, first_peak = max(rows[0][0], 1e-9), max(rows[0][1], 1)
        cells = "  ".join(
            f"{factor}n: {seconds / first_seconds:4.1f}x time {peak / first_peak:4.1f}x mem"
            for factor, (seconds, peak, _) in zip((1, 2, 4), rows, strict=True)
        )
        outcomes = sorted({outcome for _, _, outcome in rows})
        print(
            f"{name:20} n={args.size // 1000} kB  {cells}  ({rows[0][0]:.2f} s, "
            f"+{rows[0][1] // 1024} MB at n)  {', '.join(outcomes)}"
        )


if __name__ == "__main__":
    main()
