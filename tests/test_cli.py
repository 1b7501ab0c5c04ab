"""The command line: exit codes, one-line errors, output formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govdisclosure.cli import main

from .conftest import EXAMPLES


def test_check_clean_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLES / "qidu-2019.json")]) == 0
    assert "0 error" in capsys.readouterr().out


def test_check_reports_findings_and_fails_on_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((EXAMPLES / "pingtan-2021.json").read_text(encoding="utf-8"))
    data["applications"]["granted"]["total"] = 31
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:/applications/granted/total: GD303 [error]" in out
    assert main(["check", str(path), "--fail-on", "never"]) == 0
    assert main(["check", str(path), "--ignore", "GD30"]) == 0
    capsys.readouterr()
    assert main(["check", str(path), "--format", "json", "--lang", "en"]) == 1
    results = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["pointer"]) for f in results[str(path)]] == [
        ("GD101", "/overview"),  # a note: the overview is over 1,000 characters
        ("GD303", "/applications/granted/total"),
        ("GD302", "/applications/total_handled/total"),
    ]


@pytest.mark.parametrize(
    "content",
    [None, b"", b"{not json", b'{"edition": "2019"}', "报告".encode("gbk")],
)
def test_bad_input_is_one_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None
) -> None:
    path = tmp_path / "report.json"
    if content is not None:
        path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    assert main(["check", str(EXAMPLES / "qidu-2019.json"), "--select", "GD7"]) == 2
    assert main(["rule", "GD999"]) == 2
    assert main([]) == 2


def test_rules_rule_schema_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    assert "GD301" in capsys.readouterr().out
    assert main(["rule", "gd301"]) == 0
    assert "## What it checks" in capsys.readouterr().out
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$defs"]["applicantRow"]["type"] == "object"
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("govdisclosure ")


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "check", str(EXAMPLES / "qidu-2019.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "1 file(s) checked" in result.stdout
