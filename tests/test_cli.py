"""The command line: exit codes, one-line errors, output formats, folders, processes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import govdisclosure
from govdisclosure.cli import main

from .conftest import EXAMPLES


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _bad_pingtan(tmp_path: Path, name: str = "bad.json") -> Path:
    data = _example("pingtan-2021")
    data["applications"]["granted"]["total"] = 31
    return _write(tmp_path / name, data)


def _json_run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main(["check", *argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def _pairs(file_entry: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["code"], f["pointer"]) for f in file_entry["findings"]]


def test_check_clean_report(capsys: pytest.CaptureFixture[str]) -> None:
    # The seed is arithmetically consistent; its one finding is the town's 规章 (GD202).
    assert main(["check", str(EXAMPLES / "qidu-2019.json")]) == 0
    out = capsys.readouterr().out
    # the GD202 warning, the file's summary and the run's summary
    assert out.count("\n") == 3
    assert ":13: GD202 [warning/report] 表二“规章”行“本年新制作数量”列为 1" in out
    code, data = _json_run(capsys, str(EXAMPLES / "qidu-2019.json"))
    assert code == 0
    assert data["summary"] == {
        "files": 1,
        "failed": 0,
        "error": 0,
        "warning": 1,
        "note": 0,
        "report": 1,
        "reading": 0,
    }
    assert main(["check", str(EXAMPLES / "qidu-2019.json"), "--fail-on", "warning"]) == 1


def test_check_reports_findings_and_fails_on_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad_pingtan(tmp_path)
    line = _line_of(path, '"total": 31')
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line}: GD303 [error/report] 表三“（一）予以公开”行“总计”列为 31" in out
    # A message that does not name its place is located by it.
    assert f"{path}:10: 一、总体情况: GD101 [note/report]" in out
    assert out.splitlines()[-2].startswith(f"{path}: 错误 2 条，警告 0 条，提示 1 条")
    assert main(["check", str(path), "--fail-on", "never"]) == 0
    assert main(["check", str(path), "--ignore", "GD30"]) == 0
    assert main(["check", str(path), "--ignore", "GD301,GD302", "--ignore", "gd303"]) == 0
    assert main(["check", str(path), "--select", "GD4"]) == 0
    capsys.readouterr()
    code, data = _json_run(capsys, str(path), "--lang", "en")
    assert code == 1
    (entry,) = data["files"]
    assert entry["path"] == str(path)
    assert entry["format"] == "json"
    assert entry["error"] is None
    assert _pairs(entry) == [
        ("GD101", "/overview"),  # a note: the overview is over 1,000 characters
        ("GD303", "/applications/granted/total"),
        ("GD302", "/applications/total_handled/total"),
    ]
    row_total = entry["findings"][1]
    assert row_total["span"] == {"line": line}
    assert row_total["expected"] == 30
    assert row_total["actual"] == 31
    assert data["summary"]["error"] == 2


def _line_of(path: Path, needle: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in text:
            return number
    raise AssertionError(needle)


def test_fail_on_warning_and_note(tmp_path: Path) -> None:
    data = _example("qidu-2019")
    data["year"] = 2022  # a 2019-edition report for 2022: GD001, a warning
    path = _write(tmp_path / "late.json", data)
    assert main(["check", str(path)]) == 0
    assert main(["check", str(path), "--fail-on", "warning"]) == 1
    assert main(["check", str(path), "--fail-on", "note"]) == 1


def test_github_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad_pingtan(tmp_path, "a,b:c.json")
    assert main(["check", str(path), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    annotations = [x for x in lines if x.startswith("::")]
    escaped = str(path).replace(":", "%3A").replace(",", "%2C")
    line = _line_of(path, '"total": 31')
    errors = [x for x in annotations if x.startswith("::error ")]
    assert len(errors) == 2
    assert errors[0].startswith(f"::error file={escaped},line={line},title=GD303 ")
    # The example's GD101 note (an overview over 1,000 characters) becomes a notice.
    notices = [x for x in annotations if x.startswith("::notice ")]
    assert [x.split("title=")[1].split(" ")[0] for x in notices] == ["GD101"]
    assert not any("\n" in a for a in annotations)


@pytest.mark.parametrize(
    "content",
    [None, b"", b"{not json", b'{"edition": "2019"}', "报告".encode("gbk"), b"[1, 2]"],
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


def test_a_folder_is_searched_recursively(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "b" / "z.json", _example("qidu-2019"))
    _write(tmp_path / "a.json", _example("pingtan-2021"))
    _bad_pingtan(tmp_path / "b" / "c")
    _write(tmp_path / ".hidden" / "x.json", _example("qidu-2019"))
    (tmp_path / "notes.md").write_text("# not a report", encoding="utf-8")
    code, data = _json_run(capsys, str(tmp_path))
    assert code == 1
    assert [f["path"] for f in data["files"]] == [
        str(tmp_path / "a.json"),
        str(tmp_path / "b" / "c" / "bad.json"),
        str(tmp_path / "b" / "z.json"),
    ]


def test_one_bad_file_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path / "1-good.json", _example("qidu-2019"))
    broken = tmp_path / "2-broken.json"
    broken.write_text("{", encoding="utf-8")
    bad = _bad_pingtan(tmp_path, "3-bad.json")
    missing = tmp_path / "missing.json"
    # Findings were found, but inputs failed too: the run exits 2 (incomplete result).
    code = main(["check", str(good), str(broken), str(bad), str(missing), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2
    data = json.loads(captured.out)
    by_path = {f["path"]: f for f in data["files"]}
    assert by_path[str(broken)]["error"] is not None
    assert by_path[str(missing)]["error"] is not None
    assert ("GD303", "/applications/granted/total") in _pairs(by_path[str(bad)])
    assert _pairs(by_path[str(good)]) == [("GD202", "/proactive/rules/newly_made")]
    assert data["summary"]["failed"] == 2
    err_lines = captured.err.strip().splitlines()
    assert any(str(broken) in x for x in err_lines)
    assert any(str(missing) in x for x in err_lines)
    assert "Traceback" not in captured.err
    # --fail-on never does not hide unreadable inputs.
    assert main(["check", str(good), str(broken), "--fail-on", "never"]) == 2


def test_jobs_give_the_same_output_in_the_same_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(12):
        data = _example("pingtan-2021" if i % 2 else "qidu-2019")
        if i % 3 == 0:
            data["appeals"]["administrative_review"]["total"] = 99 + i
        _write(tmp_path / f"r{i:02d}.json", data)
    (tmp_path / "r05.json").write_text("not json", encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        for fmt in ("text", "json"):
            code = main(["check", str(tmp_path), "--jobs", jobs, "--format", fmt])
            captured = capsys.readouterr()
            outputs.append((code, captured.out, captured.err))
    assert outputs[0] == outputs[2]
    assert outputs[1] == outputs[3]
    assert outputs[0][0] == 2


def test_summary_counts_severities_and_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _bad_pingtan(tmp_path)
    _write(tmp_path / "seed.json", _example("qidu-2019"))
    # A report with a structure error fails; a JSON file that is no report at all is
    # passed over (test_folder_walks_name_what_they_skip).
    (tmp_path / "x.json").write_text('{"edition": "2019", "applications": {}}', encoding="utf-8")
    code, data = _json_run(capsys, str(tmp_path))
    assert code == 2
    # bad.json: GD303, GD302 (errors) and GD101 (note); seed.json: GD202 (warning).
    assert data["summary"] == {
        "files": 3,
        "failed": 1,
        "error": 2,
        "warning": 1,
        "note": 1,
        "report": 4,
        "reading": 0,
    }


def test_progress_bar_only_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(8):
        _write(tmp_path / f"r{i}.json", _example("qidu-2019"))

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["check", str(tmp_path)]) == 0
    assert "\r[" in terminal.getvalue()
    assert "8/8" in terminal.getvalue()
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["check", str(tmp_path), "--no-progress"]) == 0
    assert terminal.getvalue() == ""
    monkeypatch.undo()
    assert main(["check", str(tmp_path)]) == 0
    assert "\r" not in capsys.readouterr().err  # piped: quiet


def test_paths_that_give_no_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["check", str(empty)]) == 2
    assert str(empty) in capsys.readouterr().err
    assert main(["check", str(tmp_path / "nope")]) == 2
    assert str(tmp_path / "nope") in capsys.readouterr().err


def test_document_formats_without_a_report_fail_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("这不是年度报告。", encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2


def test_previous_and_preset_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = str(EXAMPLES / "pingtan-2021.json")
    assert main(["check", report, "--previous", str(EXAMPLES / "qidu-2019.json")]) == 0
    assert main(["check", report, "--previous", str(tmp_path / "none.json")]) == 2
    assert str(tmp_path / "none.json") in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["check", report, "--preset", "no-such-preset"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "no-such-preset" in err
    assert "Traceback" not in err


REPORTS = Path(__file__).resolve().parent / "data" / "reports"


def test_presets_regrade_findings(capsys: pytest.CaptureFixture[str]) -> None:
    seed = str(EXAMPLES / "qidu-2019.json")
    # default: the town's 规章 is a warning, which does not fail the run.
    code, data = _json_run(capsys, seed)
    assert (code, [(f["code"], f["severity"]) for f in data["files"][0]["findings"]]) == (
        0,
        [("GD202", "warning")],
    )
    # strict: warnings become errors.
    code, data = _json_run(capsys, seed, "--preset", "strict")
    assert (code, [(f["code"], f["severity"]) for f in data["files"][0]["findings"]]) == (
        1,
        [("GD202", "error")],
    )
    # lenient: notes are dropped (Pingtan's long overview, GD101).
    code, data = _json_run(capsys, str(EXAMPLES / "pingtan-2021.json"), "--preset", "lenient")
    assert (code, data["files"][0]["findings"]) == (0, [])


def test_previous_year_is_compared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    this_year = REPORTS / "005_pingtan_2022.json"
    last_year = REPORTS / "004_pingtan_2021.json"
    code, data = _json_run(capsys, str(this_year), "--previous", str(last_year), "--select", "GD8")
    assert (code, data["files"][0]["findings"]) == (0, [])  # 1 carried over = 1 carried forward
    changed = json.loads(last_year.read_text(encoding="utf-8"))
    changed["applications"]["carried_forward"]["natural_person"] = 3
    changed["applications"]["carried_forward"]["total"] = 3
    altered = _write(tmp_path / "2021.json", changed)
    code, data = _json_run(capsys, str(this_year), "--previous", str(altered), "--select", "GD8")
    assert _pairs(data["files"][0]) == [
        ("GD803", "/applications/carried_over/natural_person"),
        ("GD803", "/applications/carried_over/total"),
    ]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["check", "x.json", "--jobs", "-1"])
    assert info.value.code == 2
    assert main(["check", str(EXAMPLES / "qidu-2019.json"), "--select", "GD7"]) == 2
    assert main(["check", str(EXAMPLES / "qidu-2019.json"), "--ignore", "GD3,XX"]) == 2
    assert main(["rule", "GD999"]) == 2
    assert main([]) == 2


def test_diagnostic_prefixes_are_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    # GD9xx are parser diagnostics: selecting only them runs no rule on a JSON file.
    code, data = _json_run(capsys, str(EXAMPLES / "qidu-2019.json"), "--select", "GD9")
    assert code == 0
    assert data["files"][0]["findings"] == []


@pytest.mark.parametrize(("lang", "heading"), [("en", "exit codes:"), ("zh", "退出码：")])
def test_help_has_examples_and_exit_codes(
    capsys: pytest.CaptureFixture[str], lang: str, heading: str
) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", lang, "--help"])
    out = capsys.readouterr().out
    assert "govdisclosure check examples/qidu-2019.json" in out
    assert heading in out
    with pytest.raises(SystemExit):
        main(["check", "--help", "--lang", lang])
    assert heading in capsys.readouterr().out


def test_rules_rule_schema_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["CODE", "SEVERITY", "NAME", "SUMMARY"]
    codes = [line.split()[0] for line in lines[1:]]
    assert codes == [r.code for r in govdisclosure.rules()]
    # Aligned: the summary starts in the same column on every line.
    starts = {line.index(line.split()[3]) for line in lines}
    assert len(starts) == 1
    assert main(["rules", "--lang", "en"]) == 0
    assert govdisclosure.rules()[0].summary in capsys.readouterr().out
    assert main(["rule", "gd301"]) == 0
    assert "## What it checks" in capsys.readouterr().out
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$defs"]["applicantRow"]["type"] == "object"
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("govdisclosure ")


def test_convert_json_markdown_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = EXAMPLES / "pingtan-2021.json"
    report = govdisclosure.loads(source.read_bytes())
    assert main(["convert", str(source), "--to", "json"]) == 0
    assert govdisclosure.loads(capsys.readouterr().out) == report
    assert main(["convert", str(source), "--to", "markdown"]) == 0
    assert capsys.readouterr().out == govdisclosure.render_markdown(report)
    out = tmp_path / "page.html"
    assert main(["convert", str(source), "--to", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == govdisclosure.render_html(report)
    bad = _bad_pingtan(tmp_path)
    assert main(["convert", str(bad), "--to", "html", "--mark-findings"]) == 0
    assert 'data-pointer="/applications/granted/total" data-mark=' in capsys.readouterr().out


def test_convert_many_reports_to_one_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "in" / "a.json", _example("qidu-2019"))
    _write(tmp_path / "in" / "b.json", _example("pingtan-2021"))
    # A report with a structure error (a JSON file that is no report at all would be
    # passed over: test_folder_walks_name_what_they_skip).
    (tmp_path / "in" / "c.json").write_text(
        '{"edition": "2019", "applications": {}}', encoding="utf-8"
    )
    out = tmp_path / "cells.csv"
    assert main(["convert", str(tmp_path / "in"), "--to", "csv", "-o", str(out)]) == 2
    assert str(tmp_path / "in" / "c.json") in capsys.readouterr().err
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    documents = {r["document"] for r in rows}
    assert documents == {str(tmp_path / "in" / "a.json"), str(tmp_path / "in" / "b.json")}
    qidu = govdisclosure.loads((EXAMPLES / "qidu-2019.json").read_bytes())
    pingtan = govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())
    from govdisclosure.model import cell_refs

    assert len(rows) == len(cell_refs(qidu.edition)) + len(cell_refs(pingtan.edition))


def test_convert_takes_one_file_except_for_csv(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(EXAMPLES / "qidu-2019.json"), str(EXAMPLES / "pingtan-2021.json")]
    assert main(["convert", *paths, "--to", "html"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_output_file_for_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    assert (
        main(["check", str(EXAMPLES / "qidu-2019.json"), "--format", "json", "-o", str(out)]) == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1  # the summary goes to stderr
    assert main(["check", str(EXAMPLES / "qidu-2019.json"), "-o", str(tmp_path / "no/x")]) == 2


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "check", str(EXAMPLES / "qidu-2019.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    # the seed's GD202 warning, the file's summary and the run's
    assert result.stdout.count("\n") == 3
    assert result.stderr == ""


def test_blank_cells_of_a_row_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    # Shanghai 2019 leaves most zero cells blank: one GD010 line per row in text, one
    # entry per cell in JSON.
    page = str(EXAMPLES / "shanghai-2019.html")
    assert main(["check", page, "--select", "GD010"]) == 0
    lines = capsys.readouterr().out.splitlines()
    blank_lines = [x for x in lines if " GD010 " in x]
    assert any(
        "表三“（一）予以公开”行: GD010 [warning/report] 2 个单元格为空" in x for x in blank_lines
    )
    _, data = _json_run(capsys, page, "--select", "GD010")
    (entry,) = data["files"]
    assert len(entry["findings"]) > len(blank_lines)
    rows = {f["pointer"].rsplit("/", 1)[0] for f in entry["findings"]}
    assert len(rows) == len(blank_lines)


def test_aggregate_writes_the_region_and_checks_a_published_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = str(EXAMPLES / "pingtan-2021.json")
    two = str(_write(tmp_path / "copy.json", _example("pingtan-2021")))
    out = tmp_path / "region.json"
    assert main(["aggregate", one, two, "--agency", "某县人民政府", "-o", str(out)]) == 0
    region = govdisclosure.loads(out.read_bytes())
    report = govdisclosure.loads(Path(one).read_bytes())
    assert region.agency.name == "某县人民政府"
    assert region.applications.new_received.total == 2 * (
        report.applications.new_received.total or 0
    )
    assert region.unread == ()
    # The published region against its parts: every doubled cell differs (GD821).
    capsys.readouterr()
    assert main(["aggregate", one, two, "--agency", "x", "--check", one]) == 1
    text = capsys.readouterr().out
    assert " GD821 [warning/report] " in text
    assert main(["aggregate", one, two, "--agency", "x", "--check", one, "--fail-on", "never"]) == 0
    # A part that cannot be read stops the run.
    capsys.readouterr()
    assert main(["aggregate", one, str(tmp_path / "missing.json"), "--agency", "x"]) == 2
    assert "govdisclosure:" in capsys.readouterr().err


def test_aggregate_of_parts_with_blanks_leaves_the_cells_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = _example("pingtan-2021")
    blank["applications"]["granted"]["natural_person"] = None
    path = _write(tmp_path / "blank.json", blank)
    one = str(EXAMPLES / "pingtan-2021.json")
    out = tmp_path / "region.json"
    assert main(["aggregate", one, str(path), "--agency", "x", "-o", str(out)]) == 0
    region = govdisclosure.loads(out.read_bytes())
    assert [(c.pointer, c.reason.value, c.parts) for c in region.unread] == [
        ("/applications/granted/natural_person", "incomplete_parts", (1,))
    ]
    assert "1 个单元格" in capsys.readouterr().err
    skipped = tmp_path / "skipped.json"
    assert (
        main(["aggregate", one, str(path), "--agency", "x", "--blanks", "skip", "-o", str(skipped)])
        == 0
    )
    assert govdisclosure.loads(skipped.read_bytes()).unread == ()
    assert main(["aggregate", one, str(path), "--agency", "x", "--blanks", "refuse"]) == 2


# -- --limit ------------------------------------------------------------------------------


def test_limits_are_set_for_each_file_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.json"
    path.write_bytes((EXAMPLES / "qidu-2019.json").read_bytes())
    assert main(["check", str(path), "--fail-on", "never"]) == 0
    capsys.readouterr()
    assert main(["check", str(path), "--limit", "max_bytes=100", "--format", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    (error,) = [f["error"] for f in data["files"] if f.get("error")]
    assert "max_bytes" in error


@pytest.mark.parametrize(
    "option", ["max_seconds", "nope=1", "max_pages=0", "max_seconds=nan", "isolate=maybe"]
)
def test_a_limit_that_is_not_one_is_a_usage_error(
    option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", str(EXAMPLES / "qidu-2019.json"), "--limit", option])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "--limit" in err
    assert "Traceback" not in err
