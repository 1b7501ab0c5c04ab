"""Digests of what loads() and check() return, to show that a change to them changes nothing.

Making loading and checking faster must not change a report, a finding or an error.
This prints one line per case — its name and a digest of the outcome (the ``repr`` of
the report loaded, or of every finding of :func:`govdisclosure.check`: code, severity,
messages, locations with their spans, related locations, values, origin; or the error's
type, message and problems) — for:

* the examples, the hand transcriptions and the corpus's expected reports: loaded from
  their JSON bytes and text, checked alone, with every preset, with a selection, and
  against last year's report where there is one;
* the corpus's published documents, parsed, then checked as parse results (the
  diagnostics first) and, through their JSON with source spans, loaded again;
* ``--reports`` arbitrary reports from :func:`govdisclosure.testing.reports` (blank,
  negative, inconsistent, unread cells, mixed layouts, source spans) and as many
  consistent reports with a fifth of table 三's cells off by one to three: dumped,
  loaded and checked;
* every report above with one value replaced by one of another type or another spelling
  (a count as ``3.0``, money as a number or ``"NaN"``, an unknown key, a lone
  surrogate…): what loads() says.

The generated documents are written once to ``--documents`` (JSON Lines) and read from
there by every later run: Hypothesis draws text from the string constants of the code it
runs with, so two versions of the code would not generate the same reports. Run it with
the code after the change and with the code before it, and compare::

    python benchmarks/check_outputs.py --documents /tmp/docs.jsonl > after.txt
    PYTHONPATH=/path/to/the/old/src python benchmarks/check_outputs.py \
        --documents /tmp/docs.jsonl > before.txt
    diff before.txt after.txt && echo "same results"
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import AnnualReport, GovDisclosureError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
_DOCUMENTS = {".txt": "text", ".html": "html", ".docx": "docx", ".pdf": "pdf"}


def _digest(outcome: Callable[[], object]) -> str:
    try:
        text = repr(outcome())
    except GovDisclosureError as error:
        problems = getattr(error, "problems", ())
        text = f"{type(error).__name__} {error} {problems!r} {getattr(error, 'reason', None)}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _draw(strategy: st.SearchStrategy[Any], count: int, salt: int) -> list[Any]:
    found: list[Any] = []

    @seed(20240614 + salt)
    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        found.append(value)

    collect()
    return found


def _off_by_a_little(report: AnnualReport, rng: random.Random) -> bytes:
    """``report`` with a fifth of table 三's cells off by 1 to 3, as JSON bytes."""
    from govdisclosure.model import Section, cell_refs

    data = json.loads(govdisclosure.dumps(report))
    refs = [r for r in cell_refs(report.layout) if r.section is Section.APPLICATIONS]
    for ref in rng.sample(refs, len(refs) // 5):
        node = data
        for key in ref.path[:-1]:
            node = node[key]
        if isinstance(node[ref.path[-1]], int):
            node[ref.path[-1]] += rng.randint(1, 3)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


_RESPELLINGS: tuple[tuple[str, str], ...] = (
    ("count as a float", "3.0"),
    ("count as text", '"3"'),
    ("count as true", "true"),
    ("a big count", "1" + "0" * 25),
    ("money as a number", "12.5"),
    ("money NaN", '"NaN"'),
    ("money with spaces", '" 12.5 "'),
    ("an object with an unknown key", '{"unknown": 1}'),
    ("a lone surrogate", '"\\ud800"'),
    ("null", "null"),
)


def _respelled(data: bytes, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """``data`` with one value, chosen by ``rng``, spelled as each of :data:`_RESPELLINGS`."""
    document = json.loads(data)
    places: list[tuple[Any, Any]] = []
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            places.append((node, key))
            if isinstance(value, (dict, list)):
                stack.append(value)
    for name, spelling in _RESPELLINGS:
        node, key = rng.choice(places)
        saved = node[key]
        node[key] = "\0marker\0"
        text = json.dumps(document, ensure_ascii=False).replace('"\\u0000marker\\u0000"', spelling)
        node[key] = saved
        yield name, text.encode("utf-8")


def _generated(count: int) -> Iterator[tuple[str, str]]:
    """Generated documents: (name, JSON text)."""
    from govdisclosure.testing import consistent_reports, reports

    rng = random.Random(20240614)
    drawn = _draw(reports() | reports(mixed=True, unread=True), count, 1)
    for i, report in enumerate(drawn):
        yield f"report {i}", govdisclosure.dumps(report)
    for i, report in enumerate(_draw(consistent_reports(), count, 2)):
        data = _off_by_a_little(report, rng)
        yield f"consistent report {i} off by a little", data.decode("utf-8")


def _documents(path: Path, count: int) -> list[tuple[str, bytes]]:
    if not path.exists():
        with path.open("w", encoding="utf-8") as out:
            for name, text in _generated(count):
                out.write(json.dumps([name, text], ensure_ascii=False) + "\n")
    with path.open(encoding="utf-8") as lines:
        return [(name, text.encode("utf-8")) for name, text in map(json.loads, lines)]


def _cases(documents: list[tuple[str, bytes]]) -> Iterator[tuple[str, Callable[[], object]]]:
    rng = random.Random(20240614)
    named: list[tuple[str, bytes]] = []
    for folder, pattern in (
        (ROOT / "examples", "*.json"),
        (DATA / "reports", "*.json"),
        (DATA / "corpus", "*.expected.json"),
    ):
        named += [(path.name, path.read_bytes()) for path in sorted(folder.glob(pattern))]
    loaded: dict[str, AnnualReport] = {}
    for name, data in named:
        yield f"loads {name}", lambda d=data: govdisclosure.loads(d)  # type: ignore[misc]
        yield f"loads {name} as text", lambda d=data: govdisclosure.loads(d.decode("utf-8"))  # type: ignore[misc]
        try:
            loaded[name] = govdisclosure.loads(data)
        except GovDisclosureError:
            continue
    for name, report in loaded.items():
        yield f"check {name}", lambda r=report: govdisclosure.check(r)  # type: ignore[misc]
        for preset in ("strict", "lenient"):
            yield (
                f"check {name} {preset}",
                lambda r=report, p=preset: govdisclosure.check(r, preset=p),  # type: ignore[misc]
            )
        yield (
            f"check {name} select GD3 ignore GD303",
            lambda r=report: govdisclosure.check(r, select="GD3", ignore="GD303"),  # type: ignore[misc]
        )
    reports_by_agency: dict[str, list[AnnualReport]] = {}
    for report in loaded.values():
        reports_by_agency.setdefault(report.agency.name, []).append(report)
    for same in reports_by_agency.values():
        same.sort(key=lambda r: r.year)
        for last, this in itertools.pairwise(same):
            yield (
                f"check {this.agency.name} {this.year} with {last.year}",
                lambda t=this, p=last: govdisclosure.check(t, previous=p),  # type: ignore[misc]
            )

    for path in sorted((DATA / "corpus").iterdir()):
        fmt = _DOCUMENTS.get(path.suffix)
        if fmt is None:
            continue
        try:
            result = govdisclosure.parse(path)
        except (GovDisclosureError, ImportError):
            continue
        yield f"check parse({path.name})", lambda r=result: govdisclosure.check(r)  # type: ignore[misc]
        spans = govdisclosure.dumps(result.report).encode("utf-8")
        yield f"loads parse({path.name}) json", lambda d=spans: govdisclosure.loads(d)  # type: ignore[misc]
        named.append((f"parse({path.name})", spans))

    for name, data in documents:
        named.append((name, data))
        yield f"loads {name}", lambda d=data: govdisclosure.loads(d)  # type: ignore[misc]
        yield f"loads+check {name}", lambda d=data: _loads_check(d)  # type: ignore[misc]
    for name, data in named:
        for what, respelled in _respelled(data, rng):
            yield f"loads {name} with {what}", lambda d=respelled: govdisclosure.loads(d)  # type: ignore[misc]


def _loads_check(data: bytes) -> object:
    return govdisclosure.check(govdisclosure.loads(data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200, help="generated reports")
    parser.add_argument(
        "--documents",
        type=Path,
        default=Path(tempfile.gettempdir()) / "govdisclosure-check-outputs.jsonl",
        help="the generated documents (written on the first run, read by the later ones)",
    )
    args = parser.parse_args()
    for name, outcome in _cases(_documents(args.documents, args.reports)):
        print(f"{_digest(outcome)}  {name}")


if __name__ == "__main__":
    main()
