"""The timing loop the benchmarks share: best per-call time over interleaved rounds.

Imported by the scripts next to it (``python benchmarks/X.py`` puts this folder first
on ``sys.path``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from pathlib import Path


def best_times(
    functions: Mapping[str, Callable[[], object]],
    *,
    repeat: int,
    number: int,
    setup: Mapping[str, Callable[[bool], None]] | None = None,
    warmup: bool = False,
) -> dict[str, float]:
    """The best per-call time in seconds of each function, by name.

    The functions run interleaved, ``repeat`` rounds of ``number`` calls each, so that a
    busy moment of the machine weighs on all of them alike. ``setup[name](True)`` and
    ``setup[name](False)`` are called before and after each round of ``name`` (the latter
    even if a call raises); ``warmup`` calls each function once before timing.
    """
    if warmup:
        for function in functions.values():
            function()
    setups = setup or {}
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(repeat):
        for name, function in functions.items():
            around = setups.get(name)
            if around is not None:
                around(True)
            try:
                start = time.perf_counter()
                for _ in range(number):
                    function()
                elapsed = (time.perf_counter() - start) / number
            finally:
                if around is not None:
                    around(False)
            best[name] = min(best[name], elapsed)
    return best


# -- ratios against the code before a change ---------------------------------------------

#: Ratios measured with the code of ``main`` before issue 14 (written by ``--save-ratios``
#: runs against that code; see ``benchmarks/README.md``), printed beside today's.
BASELINE_FILE = Path(__file__).resolve().parent / "baseline.json"


def _baseline() -> dict[str, float]:
    try:
        data = json.loads(BASELINE_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, (int, float))}


class Ratios:
    """Ratios printed as they are measured, each beside its baseline and its goal.

    ``save(path)`` writes them as JSON (``{key: ratio}``), the form of
    :data:`BASELINE_FILE`, so that a run against older code records that code's ratios.
    """

    def __init__(self) -> None:
        self.measured: dict[str, float] = {}
        self.before = _baseline()

    def show(
        self,
        key: str,
        label: str,
        value: float,
        *,
        at_most: float | None = None,
        at_least: float | None = None,
        unit: str = "x",
    ) -> None:
        """Print ``label: value`` with the baseline's value and whether the goal is met."""
        self.measured[key] = value
        text = f"  {label}: {value:.2f}{unit}"
        before = self.before.get(key)
        if before is not None:
            text += f" (before: {before:.2f}{unit})"
        if at_most is not None:
            text += f"; goal <= {at_most:g}{unit}: {'met' if value <= at_most else 'NOT met'}"
        if at_least is not None:
            text += f"; goal >= {at_least:g}{unit}: {'met' if value >= at_least else 'NOT met'}"
        print(text, flush=True)

    def save(self, path: Path | None) -> None:
        """Merge the measured ratios into the JSON file at ``path`` (if given)."""
        if path is None:
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        data.update({k: round(v, 3) for k, v in self.measured.items()})
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
