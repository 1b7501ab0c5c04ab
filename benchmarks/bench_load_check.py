"""Load + full check of a report from JSON bytes, against what a user would pick instead.

Prints ratios measured side by side in one process (never asserts a time):

* ``json.loads`` of the same bytes — the floor;
* a pydantic v2 model of the same JSON validating the same bytes;
* a msgspec model of the same JSON decoding the same bytes;
* ``govdisclosure.loads`` alone, and ``loads`` + ``check``.

Run: ``python benchmarks/bench_load_check.py`` (needs the ``bench`` extra).
"""

# No `from __future__ import annotations`: the models below are local classes whose
# annotations pydantic and msgspec must resolve at class creation.

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional, Union, get_args, get_origin

from _timing import best_times

import govdisclosure
from govdisclosure.codecs import _decode

ROOT = Path(__file__).resolve().parent.parent


def _declared() -> dict[str, type]:
    """The canonical JSON form as plain annotated classes, by name.

    Declared once and built for both libraries by :func:`_build`.
    """

    class Row:
        natural_person: Optional[int]  # noqa: UP045 - pydantic needs runtime types on 3.10
        commercial_enterprise: Optional[int]  # noqa: UP045
        research_institution: Optional[int]  # noqa: UP045
        public_interest_organization: Optional[int]  # noqa: UP045
        legal_service_institution: Optional[int]  # noqa: UP045
        other: Optional[int]  # noqa: UP045
        total: Optional[int]  # noqa: UP045

    class Withheld:
        state_secret: Row
        prohibited_by_law: Row
        endangers_security: Row
        third_party_rights: Row
        internal_affairs: Row
        process_information: Row
        enforcement_case_file: Row
        administrative_inquiry: Row

    class Unavailable:
        not_held: Row
        needs_creation: Row
        unclear_after_correction: Row

    class NotProcessed:
        petition_or_complaint: Row
        repeated_application: Row
        publication_requested: Row
        excessive_repetition: Row
        confirmation_requested: Row

    class OtherHandling:
        correction_overdue: Row
        fee_unpaid: Row
        other: Row

    class Applications:
        new_received: Row
        carried_over: Row
        granted: Row
        partially_granted: Row
        withheld: Withheld
        unavailable: Unavailable
        not_processed: NotProcessed
        other_handling: OtherHandling
        total_handled: Row
        carried_forward: Row
        text_before: str
        text_after: str

    class Block:
        upheld: Optional[int]  # noqa: UP045
        corrected: Optional[int]  # noqa: UP045
        other: Optional[int]  # noqa: UP045
        pending: Optional[int]  # noqa: UP045
        total: Optional[int]  # noqa: UP045

    class Appeals:
        administrative_review: Block
        direct_litigation: Block
        litigation_after_review: Block
        text_before: str
        text_after: str

    class Documents:
        issued: Optional[int]  # noqa: UP045
        repealed: Optional[int]  # noqa: UP045
        in_force: Optional[int]  # noqa: UP045

    class Decisions:
        decisions: Optional[int]  # noqa: UP045

    class Money:
        value: str
        unit: Optional[str]  # noqa: UP045

    class Fees:
        amount: Optional[Money]  # noqa: UP045

    class Proactive:
        rules: Documents
        normative_documents: Documents
        licensing: Decisions
        penalties: Decisions
        coercive_measures: Decisions
        fees: Fees
        text_before: str
        text_after: str

    class Agency:
        name: str
        level: Optional[str]  # noqa: UP045

    class Report:
        edition: str
        year: int
        agency: Agency
        title: str
        preface: str
        overview: str
        proactive: Proactive
        applications: Applications
        appeals: Appeals
        problems: str
        other_matters: str
        source: None

    return dict(locals())


def _build(make: Callable[[str, dict[str, Any]], type]) -> Any:
    """The ``Report`` class made by ``make(name, fields)``, each class it refers to first."""
    declared = _declared()
    built: dict[str, type] = {}

    def build(name: str) -> type:
        if name not in built:
            fields = declared[name].__annotations__.items()
            built[name] = make(name, {field: resolve(t) for field, t in fields})
        return built[name]

    def resolve(annotation: Any) -> Any:
        if isinstance(annotation, type) and annotation.__name__ in declared:
            return build(annotation.__name__)
        if get_origin(annotation) is Union:  # Optional[Money]
            return Union[tuple(resolve(a) for a in get_args(annotation))]  # noqa: UP007
        return annotation

    return build("Report")


def _pydantic_model() -> Callable[[bytes], Any]:
    from pydantic import BaseModel, ConfigDict, create_model

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)

    def make(name: str, fields: dict[str, Any]) -> type:
        model: type = create_model(  # type: ignore[call-overload]
            name, __base__=Strict, **{field: (t, ...) for field, t in fields.items()}
        )
        return model

    return _build(make).model_validate_json  # type: ignore[no-any-return]


def _msgspec_model() -> Callable[[bytes], Any]:
    import msgspec

    def make(name: str, fields: dict[str, Any]) -> type:
        return msgspec.defstruct(name, list(fields.items()), forbid_unknown_fields=True)

    decoder: msgspec.json.Decoder[Any] = msgspec.json.Decoder(_build(make))
    return decoder.decode


def _stdlib_decoder(on: bool, saved: list[Any] = []) -> None:  # noqa: B006 - a cell
    """Make loads decode with the standard library's json alone (as without msgspec)."""
    if on:
        saved.append(_decode._FAST)
        _decode._FAST = None
    else:
        _decode._FAST = saved.pop()


def _import_runs(statement: str) -> tuple[float, float]:
    """One ``python -X importtime -c statement``: (wall seconds, seconds it reports).

    The reported figure is the sum of the cumulative times of the top-level imports the
    statement makes, so interpreter start-up and its noise are left out.
    """
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    reported = 0
    for line in done.stderr.splitlines():
        # "import time: self [us] | cumulative | imported package"; top level: no indent.
        parts = line.split("|")
        if len(parts) == 3 and parts[2].startswith(" ") and not parts[2].startswith("  "):
            name = parts[2].strip()
            if name not in _STARTUP_MODULES:
                reported += int(parts[1])
    return wall, reported / 1e6


_STARTUP_MODULES: set[str] = set()


def _import_times(statements: list[str], repeat: int) -> dict[str, tuple[float, float]]:
    """Median (wall time over a bare start, reported import time) per statement.

    The statements run interleaved, ``repeat`` rounds, so that a busy moment of the
    machine weighs on all of them alike.
    """
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "pass"],
        check=True,
        capture_output=True,
        text=True,
    )
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and not parts[2].startswith("  "):
            _STARTUP_MODULES.add(parts[2].strip())
    walls: dict[str, list[float]] = {s: [] for s in ["pass", *statements]}
    reported: dict[str, list[float]] = {s: [] for s in statements}
    for _ in range(repeat):
        for statement in walls:
            wall, own = _import_runs(statement)
            walls[statement].append(wall)
            if statement in reported:
                reported[statement].append(own)
    bare = statistics.median(walls["pass"])
    return {
        s: (statistics.median(walls[s]) - bare, statistics.median(reported[s])) for s in statements
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=ROOT / "examples" / "pingtan-2021.json")
    parser.add_argument("--number", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--import-repeat", type=int, default=21)
    args = parser.parse_args()

    data = args.report.read_bytes()
    candidates: dict[str, Callable[[], object]] = {"json.loads (floor)": lambda: json.loads(data)}
    try:
        validate = _pydantic_model()
        candidates["pydantic v2 model_validate_json"] = lambda: validate(data)
    except ImportError:
        print("pydantic not installed; skipped (pip install '.[bench]')")
    try:
        decode = _msgspec_model()
        candidates["msgspec decode (typed)"] = lambda: decode(data)
    except ImportError:
        print("msgspec not installed; skipped (pip install '.[bench]')")
    report = govdisclosure.loads(data)

    def loads() -> object:
        return govdisclosure.loads(data)

    def loads_check() -> object:
        return govdisclosure.check(govdisclosure.loads(data))

    candidates["govdisclosure.loads"] = loads
    candidates["govdisclosure.check"] = lambda: govdisclosure.check(report)
    candidates["govdisclosure.loads + check"] = loads_check
    setup: dict[str, Callable[[bool], None]] = {}
    if _decode._FAST is not None:
        for name, function in (("loads", loads), ("loads + check", loads_check)):
            candidates[f"  {name}, json decoder only"] = function
            setup[f"  {name}, json decoder only"] = _stdlib_decoder
    timings = best_times(candidates, repeat=args.repeat, number=args.number, setup=setup)

    print(
        f"report: {args.report.name} ({len(data):,} bytes), best of {args.repeat} "
        f"interleaved rounds of {args.number} calls; loads decodes with "
        f"{_decode.fast_decoder_name()}"
    )
    pydantic = timings.get("pydantic v2 model_validate_json")
    msgspec = timings.get("msgspec decode (typed)")
    for name, seconds in timings.items():
        ratios = []
        if pydantic:
            ratios.append(f"{seconds / pydantic:5.2f}x pydantic")
        if msgspec:
            ratios.append(f"{seconds / msgspec:6.2f}x msgspec")
        print(f"  {name:36s} {seconds * 1e6:8.1f} µs  {'  '.join(ratios)}")
    full = timings["govdisclosure.loads + check"]
    if pydantic:
        verdict = "met" if full <= pydantic else "NOT met"
        print(f"  goal loads + check <= 1.0x pydantic: {verdict} ({full / pydantic:.2f}x)")
    if msgspec:
        verdict = "met" if full <= 3 * msgspec else "NOT met"
        print(f"  goal loads + check <= 3x msgspec:    {verdict} ({full / msgspec:.2f}x)")

    times = _import_times(["import govdisclosure", "import attrs, cattrs"], args.import_repeat)
    (ours_wall, ours), (theirs_wall, theirs) = times.values()
    print(
        f"import govdisclosure vs import attrs, cattrs (median of {args.import_repeat}, "
        f"interleaved):\n"
        f"  reported by -X importtime: {ours * 1e3:.1f} ms vs {theirs * 1e3:.1f} ms: "
        f"{ours / theirs:.2f}x\n"
        f"  wall time over a bare start: {ours_wall * 1e3:.1f} ms vs "
        f"{theirs_wall * 1e3:.1f} ms: {ours_wall / theirs_wall:.2f}x\n"
        f"  goal <= 1.5x: {'met' if ours / theirs <= 1.5 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
