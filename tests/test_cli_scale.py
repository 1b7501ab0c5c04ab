"""A thousand reports in a folder: the run completes, sums up, and its SARIF validates."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import govdisclosure
from govdisclosure.cli import main

from .conftest import EXAMPLES
from .test_sarif import validate

N_REPORTS = 1_000


def _write_reports(root: Path) -> list[Path]:
    bases = [
        json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
        for name in ("qidu-2019.json", "pingtan-2021.json")
    ]
    paths = []
    for i in range(N_REPORTS):
        data: dict[str, Any] = copy.deepcopy(bases[i % 2])
        granted = data["applications"]["granted"]
        granted["natural_person"] += i % 5
        granted["total"] += i % 5  # the row adds up; （七）总计 and 结转 no longer do
        if i % 7 == 0:
            data["appeals"]["administrative_review"]["total"] = 100 + i
        if i % 13 == 0:
            data["applications"]["carried_over"]["other"] = None
        path = root / f"batch{i // 100:02d}" / f"report{i:04d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.slow
def test_a_thousand_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = _write_reports(tmp_path / "reports")
    expected = [govdisclosure.check(govdisclosure.loads(p.read_bytes())) for p in paths]
    out = tmp_path / "results.sarif"
    code = main(
        ["check", str(tmp_path / "reports"), "--jobs", "2", "--format", "sarif", "-o", str(out)]
    )
    assert code == 1
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    errors = sum(f.severity is govdisclosure.Severity.ERROR for fs in expected for f in fs)
    assert str(N_REPORTS) in summary
    assert str(errors) in summary
    log = json.loads(out.read_text(encoding="utf-8"))
    validate(log)
    (run,) = log["runs"]
    results = run["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    want = [(str(p), f.code, f.pointer) for p, fs in zip(paths, expected, strict=True) for f in fs]
    got = [
        (uri, r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"])
        for uri, r in zip(uris, results, strict=True)
    ]
    assert [(Path(u).name, c, p) for u, c, p in got] == [(Path(u).name, c, p) for u, c, p in want]
    assert run["invocations"][0]["executionSuccessful"] is True
