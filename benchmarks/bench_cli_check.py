"""``govdisclosure check`` over a folder of reports: processes and output formats.

Writes N reports (the two examples, varied, some with errors) to a temporary folder and
runs the command line in this process, printing times and ratios measured in the same
process against ``check(loads(path.read_bytes()))`` over the same files in a Python loop
— what the command line adds to the library (never asserts a time):

* ``--format text``, ``json`` and ``sarif`` with ``--jobs 1`` (goal for text and JSON:
  at most 1.5x the loop);
* the same with ``--jobs 2`` (and more with ``--jobs``).

Each ratio is printed beside the one measured with the code before issue 14
(``baseline.json``).

Run: ``python benchmarks/bench_cli_check.py [--reports 2000] [--jobs 1 2]``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _timing import Ratios

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


def loop(folder: Path) -> float:
    """``check(loads(bytes))`` over every file of ``folder``, in a Python loop."""
    import govdisclosure

    paths = sorted(folder.rglob("*.json"))
    start = time.perf_counter()
    for path in paths:
        govdisclosure.check(govdisclosure.loads(path.read_bytes()))
    return time.perf_counter() - start


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--save-ratios", type=Path, metavar="FILE")
    args = parser.parse_args()
    ratios = Ratios()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        write_reports(folder, args.reports)
        print(f"{args.reports} reports; best of {args.repeat} runs")
        runs: dict[str, Callable[[], float]] = {"loop": lambda: loop(folder)}
        for output_format in ("text", "json", "sarif"):
            for jobs in args.jobs:
                out = Path(tmp) / f"out.{output_format}"
                runs[f"{output_format} {jobs}"] = (
                    lambda f=output_format, j=jobs, o=out: run(folder, j, f, o)  # type: ignore[misc]
                )
        # Untimed, over a few files: what the first use of each path costs once per
        # process (imports, compiled readers and plans) is not counted in one run only.
        warm = Path(tmp) / "warm-up"
        write_reports(warm, 20)
        loop(warm)
        for output_format in ("text", "json", "sarif"):
            run(warm, 1, output_format, Path(tmp) / f"warm.{output_format}")
        best = dict.fromkeys(runs, float("inf"))
        for _ in range(args.repeat):  # interleaved: a busy moment weighs on all alike
            for name, function in runs.items():
                best[name] = min(best[name], function())
        base = best.pop("loop")
        print(
            f"check(loads(bytes)) in a Python loop: {base:6.2f} s "
            f"({args.reports / base:6.0f} reports/s)"
        )
        for name, seconds in best.items():
            output_format, jobs = name.split()
            print(
                f"--format {output_format:5s} --jobs {jobs}: {seconds:6.2f} s "
                f"({args.reports / seconds:6.0f} reports/s, {seconds / base:4.2f}x the loop)"
            )
        for output_format in ("text", "json"):
            ratios.show(
                f"cli_check.{output_format}",
                f"--format {output_format} --jobs 1 vs the loop",
                best[f"{output_format} 1"] / base,
                at_most=1.5,
            )
    ratios.save(args.save_ratios)


if __name__ == "__main__":
    main_()
