"""Run every benchmark, one after the other, each printing its ratios.

Run: ``python benchmarks/run_all.py`` (needs the ``bench`` extra; the stream benchmark
writes a JSON Lines corpus of about 1 GB to the temp directory the first time, and
reuses it). Pass ``--quick`` for a smaller run (10,000 reports, fewer rounds).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = [
        ["bench_load_check.py", *(["--repeat", "5", "--import-repeat", "7"] if args.quick else [])],
        ["bench_stream.py", *(["--reports", "10000"] if args.quick else [])],
    ]
    for script, *options in runs:
        print(f"== {script} {' '.join(options)}".rstrip(), flush=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, str(HERE / script), *options], check=True)
        print(f"   ({time.perf_counter() - start:.0f} s)\n", flush=True)


if __name__ == "__main__":
    main()
