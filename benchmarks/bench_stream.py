"""Checking a large JSON Lines corpus: throughput and peak memory of ``check_jsonl``.

Generates (once, into the temp directory) a JSON Lines file of reports made from the two
examples with a fixed seed: agency names, years, cells and the length of the prose vary,
about 1 line in 100 is not a report (truncated, a wrong type), and about 1 report in 5
has a broken identity. Then, each in a fresh process so that its peak memory is its own:

* the floor: ``json.loads`` of every line (no model, no checks);
* ``check_jsonl(path, jobs=1)`` and ``check_jsonl(path, jobs=2)``: reports/s, and the peak
  resident memory (``ru_maxrss``) of the process and of its worker processes;
* ``check_jsonl(path, jobs=1)`` under :mod:`tracemalloc`: the peak of Python's heap.

Prints ratios measured side by side in this one run, each beside the one measured with
the code before issue 14 (``baseline.json``); asserts nothing about time. The goal for
``jobs=2`` is 1.6x the throughput of ``jobs=1``, or this machine's own ceiling (two
processes doing pure CPU work, printed) when that is lower.

Run: ``python benchmarks/bench_stream.py [--reports 100000]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _timing import Ratios

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("pingtan-2021.json", "qidu-2019.json")
MEMORY_GOAL_MB = 200


def generate(path: Path, count: int, seed: int) -> None:
    """Write ``count`` JSON lines to ``path``, deterministically from ``seed``."""
    rng = random.Random(seed)
    bases = [json.loads((ROOT / "examples" / name).read_text("utf-8")) for name in EXAMPLES]
    tmp = path.with_suffix(".partial")
    with tmp.open("w", encoding="utf-8") as out:
        for i in range(count):
            base = bases[i % len(bases)]
            roll = rng.random()
            if roll < 0.005:
                out.write(json.dumps(base, ensure_ascii=False)[: rng.randrange(1, 2000)] + "\n")
                continue
            data = json.loads(json.dumps(base))  # a deep copy of plain data
            data["agency"]["name"] = f"{base['agency']['name']}（样本 {i}）"
            data["year"] = base["year"] if base["edition"] == "2019" else rng.randrange(2021, 2026)
            _vary_cells(data, rng, broken=roll < 0.2)
            for key in ("overview", "problems", "other_matters"):
                text = data[key]
                data[key] = text[: rng.randrange(len(text) // 4, len(text) + 1)]
            if roll < 0.01:
                data["year"] = str(data["year"])  # not a report: a wrong type
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
    tmp.replace(path)


def _vary_cells(data: dict[str, Any], rng: random.Random, *, broken: bool) -> None:
    """Scale the appeals blocks consistently; break one identity when ``broken``."""
    factor = rng.randrange(1, 4)
    for block in data["appeals"].values():
        if isinstance(block, dict):
            for key, value in block.items():
                if isinstance(value, int):
                    block[key] = value * factor
    if broken:
        row = rng.choice(["granted", "partially_granted", "carried_forward"])
        data["applications"][row]["total"] += rng.randrange(1, 5)


# -- the measured runs, each in its own process ----------------------------------------


def _burn(n: int) -> int:
    """Pure CPU work, no I/O and no data to send: the best case for a process pool."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def ceiling(jobs: int, tasks: int = 8, size: int = 3_000_000) -> float:
    """How much faster ``jobs`` processes run pure CPU work than one, on this machine.

    Two virtual CPUs that share one physical core, or a busy host, give far less than
    ``jobs``; no code can do better than this.
    """
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    for _ in range(tasks):
        _burn(size)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_burn, [size] * jobs))  # start the workers
        start = time.perf_counter()
        list(pool.map(_burn, [size] * tasks))
        parallel = time.perf_counter() - start
    return serial / parallel


def _run_floor(path: str) -> dict[str, float]:
    start = time.perf_counter()
    count = 0
    with open(path, "rb") as file:
        for line in file:
            # A line that is not JSON is counted as the others.
            with contextlib.suppress(ValueError):
                json.loads(line)
            count += 1
    return {"seconds": time.perf_counter() - start, "reports": count}


def _run_check(path: str, jobs: int, traced: bool) -> dict[str, float]:
    import tracemalloc

    import govdisclosure

    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    count = findings = errors = 0
    for result in govdisclosure.check_jsonl(path, jobs=jobs):
        count += 1
        findings += len(result.findings)
        errors += result.error is not None
    seconds = time.perf_counter() - start
    out = {"seconds": seconds, "reports": count, "findings": findings, "errors": errors}
    if traced:
        out["traced_peak"] = tracemalloc.get_traced_memory()[1]
    return out


def _worker(args: argparse.Namespace) -> None:
    if args.mode == "floor":
        out = _run_floor(args.path)
    else:
        out = _run_check(args.path, args.jobs, args.mode == "traced")
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    me, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    out["rss_self"] = me.ru_maxrss * scale
    out["rss_children"] = children.ru_maxrss * scale
    out["cpu"] = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
    out["load"] = os.getloadavg()[0]
    print(json.dumps(out))


def _measure(path: Path, mode: str, jobs: int = 1) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", mode, "--path", str(path), "--jobs", str(jobs)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    parser.add_argument("--save-ratios", type=Path, metavar="FILE")
    parser.add_argument("--worker", choices=("floor", "check", "traced"), help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        args.mode = args.worker
        _worker(args)
        return

    ratios = Ratios()
    path = Path(tempfile.gettempdir()) / f"govdisclosure-bench-{args.reports}-{args.seed}.jsonl"
    if args.regenerate or not path.exists():
        start = time.perf_counter()
        generate(path, args.reports, args.seed)
        print(f"generated {path} in {time.perf_counter() - start:.1f} s")
    size = path.stat().st_size
    print(f"corpus: {args.reports:,} lines, {size / 1e6:,.0f} MB ({path})")

    floor = _measure(path, "floor")
    # The machine's ceiling moves with what else runs on it: measured before and after.
    before = ceiling(2)
    runs = {jobs: _measure(path, "check", jobs) for jobs in (1, 2)}
    floor_rate = floor["reports"] / floor["seconds"]
    print(f"  {'json.loads per line (floor)':34s} {floor_rate:9,.0f} reports/s")
    for jobs, run in runs.items():
        rate = run["reports"] / run["seconds"]
        peak = max(run["rss_self"], run["rss_children"]) / 2**20
        print(
            f"  {f'check_jsonl(jobs={jobs})':34s} {rate:9,.0f} reports/s  "
            f"{floor_rate / rate:5.2f}x floor time  peak RSS {peak:6.1f} MB "
            f"(process {run['rss_self'] / 2**20:.1f}, largest worker "
            f"{run['rss_children'] / 2**20:.1f})  "
            f"{run['findings']:,.0f} findings, {run['errors']:,.0f} bad lines\n"
            f"  {'':34s} {run['cpu']:.1f} CPU s in all processes, "
            f"{run['reports'] / run['cpu']:,.0f} reports per CPU s; load average "
            f"{run['load']:.1f} on {os.cpu_count()} cores at the end"
        )
    speedup = runs[1]["seconds"] / runs[2]["seconds"]
    after = ceiling(2)
    top = max(before, after)
    print(
        f"  this machine's ceiling, pure CPU work in 2 processes vs 1: {before:.2f}x before "
        f"the runs, {after:.2f}x after"
    )
    ratios.show(
        "stream.jobs2", "check_jsonl jobs=2 vs jobs=1 (throughput)", speedup, at_least=min(1.6, top)
    )
    ratios.show("stream.jobs2_of_ceiling", "the same, over the machine's ceiling", speedup / top)
    if not args.no_trace:
        traced = _measure(path, "traced")
        peak_mb = traced["traced_peak"] / 2**20
        print(f"  tracemalloc peak, jobs=1, all {traced['reports']:,.0f} lines: {peak_mb:.1f} MB")
    worst = max(max(r["rss_self"], r["rss_children"]) for r in runs.values()) / 2**20
    verdict = "met" if worst < MEMORY_GOAL_MB else "NOT met"
    print(f"  peak memory goal (< {MEMORY_GOAL_MB} MB): {verdict} ({worst:.1f} MB)")
    ratios.save(args.save_ratios)


if __name__ == "__main__":
    main()
