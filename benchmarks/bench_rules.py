"""What the rule families cost, measured side by side in one process (never asserts a time).

Prints, per report, the time of ``check`` with every rule against ``check`` with only the
template's identities and structure rules (``select=("GD0", "GD3", "GD4")``) — the ratio
is the price of the plausibility, text and 二 rules — and the time of the text reader
alone. Then ``check`` with last year's report, and ``check_aggregate`` of a region of
20 reports against ``aggregate``.

Run: ``python benchmarks/bench_rules.py``.
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from _timing import best_times

import govdisclosure
from govdisclosure.checks._rules._phrases import read_claims

ROOT = Path(__file__).resolve().parent.parent
IDENTITIES = ("GD0", "GD3", "GD4")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    n, r = args.number, args.repeat

    def load(path: Path) -> govdisclosure.AnnualReport:
        return govdisclosure.loads(path.read_bytes())

    reports = {
        "pingtan-2021 (example)": load(ROOT / "examples" / "pingtan-2021.json"),
        "qidu-2019 (example)": load(ROOT / "examples" / "qidu-2019.json"),
        "shanghai-2019 (corpus)": load(
            ROOT / "tests" / "data" / "reports" / "001_shanghai_szfbgt_2019.json"
        ),
    }
    print(f"best of {r} x {n}")
    for name, report in reports.items():
        times = best_times(
            {
                "check": partial(govdisclosure.check, report),
                "identities": partial(govdisclosure.check, report, select=IDENTITIES),
                "text reader": partial(read_claims, report),
            },
            repeat=r,
            number=n,
        )
        full, base, text = times["check"], times["identities"], times["text reader"]
        print(
            f"  {name:24s} check {full * 1e6:7.1f} µs = {full / base:4.2f}x identities only "
            f"({base * 1e6:.1f} µs); text reader {text * 1e6:5.1f} µs"
        )

    last = load(ROOT / "tests" / "data" / "reports" / "004_pingtan_2021.json")
    this = load(ROOT / "tests" / "data" / "reports" / "005_pingtan_2022.json")
    times = best_times(
        {
            "alone": partial(govdisclosure.check, this),
            "with previous": partial(govdisclosure.check, this, previous=last),
        },
        repeat=r,
        number=n,
    )
    alone, both = times["alone"], times["with previous"]
    print(f"  check with previous: {both / alone:4.2f}x check alone ({both * 1e6:.1f} µs)")

    parts = [this] * 20
    summed = govdisclosure.aggregate(parts, agency="某某市")
    times = best_times(
        {
            "aggregate": partial(govdisclosure.aggregate, parts, agency="某某市"),
            "check_aggregate": partial(govdisclosure.check_aggregate, summed, parts),
        },
        repeat=r,
        number=max(n // 20, 1),
    )
    build, compare = times["aggregate"], times["check_aggregate"]
    print(
        f"  20 reports: aggregate {build * 1e3:.2f} ms, check_aggregate {compare * 1e3:.2f} ms "
        f"({compare / build:.2f}x)"
    )


if __name__ == "__main__":
    main()
