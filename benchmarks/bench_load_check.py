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
from typing import Any, Optional

import govdisclosure

ROOT = Path(__file__).resolve().parent.parent


def _pydantic_model() -> Callable[[bytes], Any]:
    from pydantic import BaseModel, ConfigDict

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)

    class Row(Strict):
        natural_person: Optional[int]  # noqa: UP045 - pydantic needs runtime types on 3.10
        commercial_enterprise: Optional[int]  # noqa: UP045
        research_institution: Optional[int]  # noqa: UP045
        public_interest_organization: Optional[int]  # noqa: UP045
        legal_service_institution: Optional[int]  # noqa: UP045
        other: Optional[int]  # noqa: UP045
        total: Optional[int]  # noqa: UP045

    class Withheld(Strict):
        state_secret: Row
        prohibited_by_law: Row
        endangers_security: Row
        third_party_rights: Row
        internal_affairs: Row
        process_information: Row
        enforcement_case_file: Row
        administrative_inquiry: Row

    class Unavailable(Strict):
        not_held: Row
        needs_creation: Row
        unclear_after_correction: Row

    class NotProcessed(Strict):
        petition_or_complaint: Row
        repeated_application: Row
        publication_requested: Row
        excessive_repetition: Row
        confirmation_requested: Row

    class OtherHandling(Strict):
        correction_overdue: Row
        fee_unpaid: Row
        other: Row

    class Applications(Strict):
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

    class Block(Strict):
        upheld: Optional[int]  # noqa: UP045
        corrected: Optional[int]  # noqa: UP045
        other: Optional[int]  # noqa: UP045
        pending: Optional[int]  # noqa: UP045
        total: Optional[int]  # noqa: UP045

    class Appeals(Strict):
        administrative_review: Block
        direct_litigation: Block
        litigation_after_review: Block
        text_before: str
        text_after: str

    class Documents(Strict):
        issued: Optional[int]  # noqa: UP045
        repealed: Optional[int]  # noqa: UP045
        in_force: Optional[int]  # noqa: UP045

    class Decisions(Strict):
        decisions: Optional[int]  # noqa: UP045

    class Money(Strict):
        value: str
        unit: Optional[str]  # noqa: UP045

    class Fees(Strict):
        amount: Optional[Money]  # noqa: UP045

    class Proactive(Strict):
        rules: Documents
        normative_documents: Documents
        licensing: Decisions
        penalties: Decisions
        coercive_measures: Decisions
        fees: Fees
        text_before: str
        text_after: str

    class Agency(Strict):
        name: str
        level: Optional[str]  # noqa: UP045

    class Report(Strict):
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

    return Report.model_validate_json


def _msgspec_model() -> Callable[[bytes], Any]:
    import msgspec

    class Base(msgspec.Struct, forbid_unknown_fields=True):
        pass

    class Row(Base):
        natural_person: Optional[int]  # noqa: UP045
        commercial_enterprise: Optional[int]  # noqa: UP045
        research_institution: Optional[int]  # noqa: UP045
        public_interest_organization: Optional[int]  # noqa: UP045
        legal_service_institution: Optional[int]  # noqa: UP045
        other: Optional[int]  # noqa: UP045
        total: Optional[int]  # noqa: UP045

    class Withheld(Base):
        state_secret: Row
        prohibited_by_law: Row
        endangers_security: Row
        third_party_rights: Row
        internal_affairs: Row
        process_information: Row
        enforcement_case_file: Row
        administrative_inquiry: Row

    class Unavailable(Base):
        not_held: Row
        needs_creation: Row
        unclear_after_correction: Row

    class NotProcessed(Base):
        petition_or_complaint: Row
        repeated_application: Row
        publication_requested: Row
        excessive_repetition: Row
        confirmation_requested: Row

    class OtherHandling(Base):
        correction_overdue: Row
        fee_unpaid: Row
        other: Row

    class Applications(Base):
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

    class Block(Base):
        upheld: Optional[int]  # noqa: UP045
        corrected: Optional[int]  # noqa: UP045
        other: Optional[int]  # noqa: UP045
        pending: Optional[int]  # noqa: UP045
        total: Optional[int]  # noqa: UP045

    class Appeals(Base):
        administrative_review: Block
        direct_litigation: Block
        litigation_after_review: Block
        text_before: str
        text_after: str

    class Documents(Base):
        issued: Optional[int]  # noqa: UP045
        repealed: Optional[int]  # noqa: UP045
        in_force: Optional[int]  # noqa: UP045

    class Decisions(Base):
        decisions: Optional[int]  # noqa: UP045

    class Money(Base):
        value: str
        unit: Optional[str]  # noqa: UP045

    class Fees(Base):
        amount: Optional[Money]  # noqa: UP045

    class Proactive(Base):
        rules: Documents
        normative_documents: Documents
        licensing: Decisions
        penalties: Decisions
        coercive_measures: Decisions
        fees: Fees
        text_before: str
        text_after: str

    class Agency(Base):
        name: str
        level: Optional[str]  # noqa: UP045

    class Report(Base):
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

    decoder = msgspec.json.Decoder(Report)
    return decoder.decode


def _time(function: Callable[[], object], *, repeat: int, number: int) -> float:
    """The best per-call time in seconds over ``repeat`` rounds of ``number`` calls."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        rounds.append((time.perf_counter() - start) / number)
    return min(rounds)


def _import_time(statement: str, repeat: int) -> float:
    """The median wall time of ``python -c statement`` minus a bare interpreter start."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = statistics.median(run("pass") for _ in range(repeat))
    return statistics.median(run(statement) for _ in range(repeat)) - bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=ROOT / "examples" / "pingtan-2021.json")
    parser.add_argument("--number", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--import-repeat", type=int, default=15)
    args = parser.parse_args()

    data = args.report.read_bytes()
    timings: dict[str, float] = {
        "json.loads (floor)": _time(
            lambda: json.loads(data), repeat=args.repeat, number=args.number
        ),
    }
    try:
        validate = _pydantic_model()
        timings["pydantic v2 model_validate_json"] = _time(
            lambda: validate(data), repeat=args.repeat, number=args.number
        )
    except ImportError:
        print("pydantic not installed; skipped (pip install '.[bench]')")
    try:
        decode = _msgspec_model()
        timings["msgspec decode"] = _time(
            lambda: decode(data), repeat=args.repeat, number=args.number
        )
    except ImportError:
        print("msgspec not installed; skipped (pip install '.[bench]')")
    timings["govdisclosure.loads"] = _time(
        lambda: govdisclosure.loads(data), repeat=args.repeat, number=args.number
    )
    report = govdisclosure.loads(data)
    timings["govdisclosure.check"] = _time(
        lambda: govdisclosure.check(report), repeat=args.repeat, number=args.number
    )
    timings["govdisclosure.loads + check"] = _time(
        lambda: govdisclosure.check(govdisclosure.loads(data)),
        repeat=args.repeat,
        number=args.number,
    )

    print(
        f"report: {args.report.name} ({len(data):,} bytes), best of {args.repeat} x {args.number}"
    )
    base = timings.get("pydantic v2 model_validate_json")
    for name, seconds in timings.items():
        ratio = f"{seconds / base:6.2f}x pydantic" if base else ""
        print(f"  {name:34s} {seconds * 1e6:9.1f} µs  {ratio}")
    full = timings["govdisclosure.loads + check"]
    if "msgspec decode" in timings:
        print(f"  loads + check vs msgspec decode: {full / timings['msgspec decode']:.2f}x")

    ours = _import_time("import govdisclosure", args.import_repeat)
    theirs = _import_time("import attrs, cattrs", args.import_repeat)
    print(
        f"import govdisclosure {ours * 1e3:.1f} ms vs import attrs, cattrs {theirs * 1e3:.1f} ms: "
        f"{ours / theirs:.2f}x"
    )


if __name__ == "__main__":
    main()
