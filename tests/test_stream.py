"""check_jsonl: JSON Lines in, one result per line out, in order, whatever the lines hold."""

from __future__ import annotations

import io
import multiprocessing
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

import govdisclosure
from govdisclosure import (
    AnnualReport,
    LimitExceededError,
    Limits,
    RuleSelectionError,
    StructureError,
    check,
    check_jsonl,
)
from govdisclosure.codecs import to_dict
from govdisclosure.stream import LineResult

from .conftest import EXAMPLES


def _line(report: AnnualReport) -> str:
    return govdisclosure.dumps(report, indent=None)


@pytest.fixture
def broken(pingtan_2021: AnnualReport) -> AnnualReport:
    """The pingtan report with one identity broken (a row total off by one)."""
    data = to_dict(pingtan_2021)
    data["applications"]["granted"]["total"] += 1
    return govdisclosure.codecs.from_dict(data)


@pytest.fixture
def lines(qidu: AnnualReport, pingtan_2021: AnnualReport, broken: AnnualReport) -> list[str]:
    return [
        _line(qidu),
        "",
        "{not json",
        _line(broken),
        "   ",
        _line(pingtan_2021).replace('"year": 2021', '"year": "2021"'),
        _line(pingtan_2021),
    ]


def _summary(results: list[LineResult]) -> list[tuple[object, ...]]:
    return [
        (
            r.line,
            r.agency,
            r.year,
            None if r.error is None else (type(r.error).__name__, r.error.where),
            [(f.code, f.pointer) for f in r.findings],
        )
        for r in results
    ]


def _expected(
    source: str | None, qidu: AnnualReport, broken: AnnualReport
) -> list[tuple[object, ...]]:
    pingtan = govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())

    def at(line: int) -> str:
        return f"{source}:{line}" if source else f"line {line}"

    def findings(report: AnnualReport) -> list[tuple[str, str]]:
        return [(f.code, f.pointer) for f in govdisclosure.check(report)]

    return [
        (1, qidu.agency.name, 2019, None, findings(qidu)),
        (3, None, None, ("StructureError", at(3)), []),
        (4, broken.agency.name, 2021, None, findings(broken)),
        (6, None, None, ("StructureError", at(6)), []),
        (7, broken.agency.name, 2021, None, findings(pingtan)),
    ]


def test_lines_give_results_in_order_and_bad_lines_do_not_stop_the_stream(
    lines: list[str], qidu: AnnualReport, broken: AnnualReport
) -> None:
    results = list(check_jsonl(lines))
    assert _summary(results) == _expected(None, qidu, broken)
    assert results[2].findings, "the broken identity is found"
    assert [r.ok for r in results] == [True, False, True, False, True]
    error = results[3].error
    assert isinstance(error, StructureError)
    assert [p.pointer for p in error.problems] == ["/year"]
    assert str(error).startswith("line 6: ")


def test_a_path_a_binary_file_and_bytes_lines_give_the_same_results(
    tmp_path: Path, lines: list[str], qidu: AnnualReport, broken: AnnualReport
) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = _expected(str(path), qidu, broken)
    assert _summary(list(check_jsonl(path))) == expected
    assert _summary(list(check_jsonl(str(path)))) == expected
    with path.open("rb") as file:
        assert _summary(list(check_jsonl(file))) == expected
    unnamed = io.BytesIO(path.read_bytes())
    assert _summary(list(check_jsonl(unnamed))) == _expected(None, qidu, broken)
    encoded = [line.encode("utf-8") + b"\n" for line in lines]
    assert _summary(list(check_jsonl(encoded))) == _expected(None, qidu, broken)
    results = list(check_jsonl(path))
    assert str(results[1].error).startswith(f"{path}:3: ")
    assert results[1].where == f"{path}:3"


def test_a_line_over_the_size_limit_is_skipped_without_being_read_whole(
    tmp_path: Path, qidu: AnnualReport
) -> None:
    good = _line(qidu)
    limit = len(good.encode("utf-8")) + 10
    path = tmp_path / "reports.jsonl"
    path.write_bytes(
        b"\n".join([good.encode(), b"[" + b"1," * 300_000 + b"1]", good.encode()]) + b"\n"
    )
    results = list(check_jsonl(path, limits=Limits(max_bytes=limit)))
    assert [(r.line, r.ok) for r in results] == [(1, True), (2, False), (3, True)]
    error = results[1].error
    assert isinstance(error, LimitExceededError)
    assert (error.limit, error.maximum, error.value) == ("max_bytes", limit, 600_003)
    assert error.where == f"{path}:2"
    # The same limit, given lines already in memory.
    listed = list(check_jsonl(path.read_text().splitlines(), limits=Limits(max_bytes=limit)))
    assert [(r.line, r.ok) for r in listed] == [(1, True), (2, False), (3, True)]


_OPTIONS: list[dict[str, Any]] = [
    {"select": "GD3"},
    {"ignore": ["GD303"]},
    {"severity": {"GD303": "note"}},
]


@pytest.mark.parametrize("options", _OPTIONS)
def test_select_ignore_and_severity_reach_every_line(
    lines: list[str], qidu: AnnualReport, broken: AnnualReport, options: dict[str, Any]
) -> None:
    pingtan = govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())
    reports = {1: qidu, 4: broken, 7: pingtan}

    def findings(found: Iterable[govdisclosure.Finding]) -> list[tuple[str, str, str]]:
        return [(f.code, f.pointer, f.severity.value) for f in found]

    everything = {r.line: findings(r.findings) for r in check_jsonl(lines) if r.ok}
    assert everything == {line: findings(check(report)) for line, report in reports.items()}
    # Each option changes what these lines give: GD303 is found on the broken line.
    assert any(code == "GD303" for code, _, _ in everything[4])
    results = {r.line: findings(r.findings) for r in check_jsonl(lines, **options) if r.ok}
    assert results == {line: findings(check(report, **options)) for line, report in reports.items()}
    assert results != everything


def test_a_bad_selection_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    missing = tmp_path / "not-there.jsonl"
    with pytest.raises(RuleSelectionError):
        check_jsonl(missing, select="GD7")
    with pytest.raises(RuleSelectionError):
        check_jsonl(missing, severity={"GD301": "fatal"})
    with pytest.raises(ValueError, match="jobs"):
        check_jsonl(missing, jobs=0)
    with pytest.raises(TypeError, match="line 2"):
        list(check_jsonl(["{}", {"edition": "2021"}]))  # type: ignore[list-item]


def test_jobs_2_gives_the_same_results_in_the_same_order(
    tmp_path: Path, lines: list[str], qidu: AnnualReport, broken: AnnualReport
) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(lines * 20) + "\n", encoding="utf-8")
    serial = list(check_jsonl(path))
    parallel = list(check_jsonl(path, jobs=2, chunksize=3))
    assert _summary(parallel) == _summary(serial)
    assert [str(r.error) for r in parallel] == [str(r.error) for r in serial]
    assert _summary(serial)[:5] == _expected(str(path), qidu, broken)


def test_jobs_2_splits_a_file_into_ranges_of_whole_lines(
    tmp_path: Path, lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(govdisclosure.stream, "_RANGE_BYTES", 3_000)  # many ranges
    path = tmp_path / "reports.jsonl"
    over = "[" + "1," * 20_000 + "1]"
    path.write_text("\n".join([*lines, over, *lines] * 5) + "\n", encoding="utf-8")
    limits = Limits(max_bytes=30_000)
    serial = list(check_jsonl(path, limits=limits))
    parallel = list(check_jsonl(path, jobs=2, limits=limits))
    assert _summary(parallel) == _summary(serial)
    assert [r.line for r in serial if isinstance(r.error, LimitExceededError)] == [
        8 + 15 * i for i in range(5)
    ]
    with path.open("rb") as file:  # a file object: lines are sent in chunks instead
        assert _summary(list(check_jsonl(file, jobs=2, limits=limits))) == _summary(serial)


def test_stopping_early_shuts_the_workers_down(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(lines * 50) + "\n", encoding="utf-8")
    stream = check_jsonl(path, jobs=2, chunksize=2)
    first = [next(stream) for _ in range(3)]
    assert multiprocessing.active_children(), "the workers are running"
    stream.close()
    assert [r.line for r in first] == [1, 3, 4]
    # Closing the stream shuts its pool down and waits for the workers to exit.
    assert multiprocessing.active_children() == []


def test_results_pickle(lines: list[str]) -> None:
    for result in check_jsonl(lines):
        again = pickle.loads(pickle.dumps(result))
        assert again == result
        assert str(again.error) == str(result.error)
