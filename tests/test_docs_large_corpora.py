"""The scripts of docs/how-to/large-corpora.md run as printed (the stdlib ones)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import govdisclosure
from govdisclosure import AnnualReport
from govdisclosure.codecs import to_dict

from .conftest import ROOT

PAGE = ROOT / "docs" / "how-to" / "large-corpora.md"
_BLOCK = re.compile(r'```python title="(?P<title>[^"]+)"\n(?P<code>.*?)\n```', re.DOTALL)


def _script(title: str, folder: Path) -> Path:
    blocks = {m["title"]: m["code"] for m in _BLOCK.finditer(PAGE.read_text(encoding="utf-8"))}
    path = folder / title
    path.write_text(blocks[title] + "\n", encoding="utf-8")
    return path


def _run(script: Path, argument: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(script), str(argument)],
        capture_output=True,
        text=True,
        check=True,
        cwd=script.parent,
        timeout=120,
    )
    return done.stdout.splitlines()


def _broken(report: AnnualReport) -> str:
    data = to_dict(report)
    data["applications"]["granted"]["total"] += 1
    return govdisclosure.dumps(govdisclosure.codecs.from_dict(data), indent=None)


def test_the_multiprocessing_script_checks_a_folder(
    tmp_path: Path, qidu: AnnualReport, pingtan_2021: AnnualReport
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a-qidu.json").write_text(govdisclosure.dumps(qidu), encoding="utf-8")
    (folder / "b-broken.json").write_text(_broken(pingtan_2021), encoding="utf-8")
    (folder / "c-not-a-report.json").write_text('{"edition": "2021"}', encoding="utf-8")
    lines = _run(_script("check_corpus.py", tmp_path), folder)
    expected = [
        f"a-qidu.json: {f.code} {f.severity} {f.pointer}" for f in govdisclosure.check(qidu)
    ]
    assert [line for line in lines if line.startswith("a-qidu.json")] == expected
    assert "b-broken.json: GD303 error /applications/granted/total" in lines
    assert [line.split(":")[0] for line in lines if "not a report" in line] == [
        "c-not-a-report.json"
    ]


def test_the_check_jsonl_script_checks_a_file(tmp_path: Path, pingtan_2021: AnnualReport) -> None:
    path = tmp_path / "reports.jsonl"
    good = govdisclosure.dumps(pingtan_2021, indent=None)
    path.write_text("\n".join([good, "{oops", _broken(pingtan_2021)]) + "\n", encoding="utf-8")
    lines = _run(_script("check_jsonl.py", tmp_path), path)
    assert [line.split(": ")[0] for line in lines if "not a report" in line] == [f"{path}:2"]
    assert f"{path}:3: 平潭综合实验区 2021: GD303 /applications/granted/total" in lines
    expected = [
        f"{path}:1: 平潭综合实验区 2021: {f.code} {f.pointer}"
        for f in govdisclosure.check(pingtan_2021)
    ]
    assert [line for line in lines if line.startswith(f"{path}:1:")] == expected
