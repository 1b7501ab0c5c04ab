"""The timing loop the benchmarks share: best per-call time over interleaved rounds.

Imported by the scripts next to it (``python benchmarks/X.py`` puts this folder first
on ``sys.path``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping


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
