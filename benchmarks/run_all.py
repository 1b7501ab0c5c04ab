"""Run every benchmark of issue 14's goals, one after the other, each printing its ratios.

Run: ``python benchmarks/run_all.py`` (needs the ``bench`` extra; the stream benchmark
writes a JSON Lines corpus to the temp directory the first time, and reuses it). Pass
``--quick`` for a smaller run (fewer reports, fewer rounds), and ``--save-ratios FILE``
to write every ratio measured to ``FILE`` (JSON) — run against older code, that is how
``baseline.json`` was written (see ``benchmarks/README.md``).
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
    parser.add_argument("--save-ratios", type=Path, metavar="FILE")
    args = parser.parse_args()
    quick = args.quick
    runs = [
        ["bench_load_check.py", *(["--repeat", "5", "--import-repeat", "7"] if quick else [])],
        ["bench_cli_check.py", *(["--reports", "500", "--repeat", "1"] if quick else [])],
        ["bench_parse.py", *(["--number", "5", "--repeat", "3"] if quick else [])],
        ["bench_stream.py", *(["--reports", "10000", "--no-trace"] if quick else [])],
    ]
    for script, *options in runs:
        if args.save_ratios is not None:
            options += ["--save-ratios", str(args.save_ratios.resolve())]
        print(f"== {script} {' '.join(options)}".rstrip(), flush=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, str(HERE / script), *options], check=True)
        print(f"   ({time.perf_counter() - start:.0f} s)\n", flush=True)


if __name__ == "__main__":
    main()
