"""Coverage-guided fuzzing of the readers with atheris (libFuzzer for Python).

Not collected by pytest: run it by hand, on Linux, with the ``fuzz`` extra::

    pip install -e '.[fuzz]'
    python tests/fuzz_atheris.py --format html -atheris_runs=100000
    python tests/fuzz_atheris.py --format docx /tmp/corpus examples/ -max_total_time=600

Each input goes through the oracle of the Hypothesis suites (:mod:`tests.fuzzing`): only
a GovDisclosureError may escape, everything downstream of a result works, and the read
stays within its limits. A crash is anything else: atheris saves the input that caused
it. Seed it with a folder of documents (``examples/``, say) for a head start, after a
scratch folder: libFuzzer writes the inputs it finds into the first folder it is given.
libFuzzer options (``-max_len``, ``-jobs``…) pass through.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzzing import read

FORMATS = ("text", "html", "docx")


def main() -> None:
    import atheris  # type: ignore[import-not-found,import-untyped,unused-ignore]

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=FORMATS, required=True)
    args, rest = parser.parse_known_args()
    format = args.format

    def one(data: bytes) -> None:
        read(data, format)

    atheris.instrument_all()
    atheris.Setup([sys.argv[0], *rest], one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
