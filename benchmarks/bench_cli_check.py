"""``govdisclosure check`` over a folder of reports: processes and output formats.

Writes N reports (the two examples, varied, some with errors) to a temporary folder and
runs the command line in this process, printing times and ratios against the
one-process text run measured in the same process (never asserts a time):

* ``--jobs 1`` and ``--jobs 2`` (and more with ``--jobs``), ``--format text``;
* the same with ``--format sarif`` (building and writing the SARIF log).

Run: ``python benchmarks/bench_cli_check.py [--reports 1000] [--jobs 2 4]``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from govdisclosure.cli import main

ROOT = Path(__file__).resolve().parent.parent


def write_reports(root: Path, count: int) -> None:
    bases = [
        json.loads((ROOT / "examples" / name).read_text(encoding="utf-8"))
        for name in ("qidu-2019.json", "pingtan-2021.json")
    ]
    for i in range(count):
        data: dict[str, Any] = copy.deepcopy(bases[i % 2])
        data["applications"]["granted"]["natural_person"] += i % 5
        data["applications"]["granted"]["total"] += i % 5
        if i % 7 == 0:
            data["appeals"]["administrative_review"]["total"] = 100 + i
        path = root / f"batch{i // 100:02d}" / f"report{i:04d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def run(folder: Path, jobs: int, output_format: str, out: Path) -> float:
    argv = ["check", str(folder), "--jobs", str(jobs), "--format", output_format]
    argv += ["-o", str(out), "--no-progress"]
    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stderr(sink), contextlib.redirect_stdout(sink):
        main(argv)
    return time.perf_counter() - start


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        write_reports(folder, args.reports)
        baseline = None
        print(f"{args.reports} reports; best of {args.repeat} runs")
        for output_format in ("text", "sarif"):
            for jobs in args.jobs:
                out = Path(tmp) / f"out.{output_format}"
                best = min(run(folder, jobs, output_format, out) for _ in range(args.repeat))
                baseline = baseline or best
                print(
                    f"--format {output_format:5s} --jobs {jobs}: {best:6.2f} s "
                    f"({args.reports / best:6.0f} reports/s, {best / baseline:4.2f}x the "
                    "one-process text run)"
                )


if __name__ == "__main__":
    main_()
