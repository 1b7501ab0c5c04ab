"""The command line's outputs for a folder of reports: Word, Excel, pages and an index,
one row per report, a corpus page, blank templates; years paired; walks that say what
they skip; and the language of it all."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure.cli import REPORT_SUFFIXES, _lang, main
from govdisclosure.model import cell_values
from govdisclosure.render import render_markdown

from .conftest import EXAMPLES, load_example


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of reports as a reviewing office receives them: three organs, two years
    of one, one report in two formats, and files that are not reports."""
    root = tmp_path / "reports"
    (root / "2022").mkdir(parents=True)
    shutil.copy(EXAMPLES / "pingtan-2021.json", root / "pingtan-2021.json")
    shutil.copy(EXAMPLES / "pingtan-2022.json", root / "2022" / "pingtan-2022.json")
    shutil.copy(EXAMPLES / "qidu-2019.json", root / "qidu-2019.json")
    shutil.copy(EXAMPLES / "shanghai-2019.html", root / "shanghai-2019.html")
    shutil.copy(EXAMPLES / "shanghai-2019.docx", root / "shanghai-2019.docx")
    (root / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (root / "README.md").write_text("# 说明\n", encoding="utf-8")
    (root / "scans.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    (root / "manifest.json").write_text('{"files": 5}', encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\0")
    return root


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_a_walk_names_every_file_it_passes_over(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(folder), "--format", "json", "--fail-on", "never"]) == 0
    captured = capsys.readouterr()
    skipped = [line for line in _lines(captured.err) if "跳过" in line]
    named = {line.split()[2].rstrip(":") for line in skipped}
    assert named == {
        str(folder / "old.doc"),
        str(folder / "README.md"),
        str(folder / "scans.zip"),
        str(folder / "manifest.json"),
        str(folder),  # the hidden file, counted
    }
    manifest = next(line for line in skipped if "manifest.json" in line)
    assert "不是年度报告" in manifest
    data = json.loads(captured.out)
    assert data["summary"]["files"] == 5
    assert data["summary"]["failed"] == 0


@pytest.mark.parametrize("name", ["page-5.png", "page-5.JPEG", "notes.markdown"])
def test_a_skipped_file_is_told_how_to_be_read_by_its_own_suffix(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(EXAMPLES / "pingtan-2021.json", tmp_path / "pingtan-2021.json")
    (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    assert main(["check", str(tmp_path), "--format", "json", "--fail-on", "never"]) == 0
    (line,) = [x for x in _lines(capsys.readouterr().err) if name in x]
    suffix = name[name.index(".") :]
    assert re.findall(r"--glob '([^']*)'", line) == [f"*{suffix}"]


def test_a_foreign_file_named_on_the_command_line_is_an_error_that_says_so(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "check", str(folder / "manifest.json")]) == 2
    err = capsys.readouterr().err
    assert "this JSON file is not a report" in err
    assert "Traceback" not in err


def test_glob_and_exclude_choose_what_a_walk_reads(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s.csv"
    assert (
        main(["summary", str(folder), "--glob", "*.json", "--exclude", "2022", "-o", str(out)]) == 0
    )
    err = capsys.readouterr().err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted(Path(r["document"]).name for r in rows) == ["pingtan-2021.json", "qidu-2019.json"]
    assert "--exclude" in err
    # --glob reads what a walk would pass over, Markdown included.
    (folder / "md").mkdir()
    (folder / "md" / "q.md").write_text(
        render_markdown(load_example("qidu-2019")), encoding="utf-8"
    )
    assert main(["summary", str(folder / "md"), "--glob", "*.md", "-o", str(out)]) == 0
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 1


def test_check_pairs_each_report_with_last_year(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(folder), "--pair-years", "--format", "json"]) in (0, 1)
    data = json.loads(capsys.readouterr().out)
    # The 2022 report was compared with 2021: its cross-year rules ran (and found the
    # same carry-over); the 2021 report had no 2020 to compare with.
    assert main(["check", str(folder), "--pair-years"]) in (0, 1)
    out = capsys.readouterr().out
    (line,) = [x for x in _lines(out) if "已与上一年度报告" in x]
    assert line.startswith(str(folder / "2022" / "pingtan-2022.json"))
    assert line.endswith(str(folder / "pingtan-2021.json") + " 比较")
    assert data["summary"]["failed"] == 0


def test_a_previous_report_of_another_year_is_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [
        "check",
        str(EXAMPLES / "pingtan-2022.json"),
        "--previous",
        str(EXAMPLES / "qidu-2019.json"),
        "--format",
        "json",
    ]
    assert main([*argv, "--fail-on", "warning"]) == 1
    data = json.loads(capsys.readouterr().out)
    gd801 = [f for f in data["files"][0]["findings"] if f["code"] == "GD801"]
    assert [(f["severity"], f["pointer"]) for f in gd801] == [("warning", "/year")]


def test_convert_a_folder_to_pages_with_an_index(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pages"
    assert main(["convert", str(folder), "--to", "html", "-o", str(out)]) == 0
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert pages == [
        "2022/pingtan-2022.json.html",
        "index.html",
        "pingtan-2021.json.html",
        "qidu-2019.json.html",
        "shanghai-2019.docx.html",
        "shanghai-2019.html.html",
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', index)
    assert sorted(links) == sorted(p for p in pages if p != "index.html")
    # Findings are marked on the pages: Shanghai's blank totals (GD304, errors).
    shanghai = (out / "shanghai-2019.docx.html").read_text(encoding="utf-8")
    assert 'class="gd-value gd-finding gd-error"' in shanghai
    assert not re.search(r'(src|href)="(https?:)?//', index)  # nothing from the network


def test_convert_to_word_and_excel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = EXAMPLES / "pingtan-2021.json"
    report = govdisclosure.loads(source.read_bytes())
    for target in ("docx", "xlsx"):
        out = tmp_path / f"r.{target}"
        assert main(["convert", str(source), "--to", target, "-o", str(out)]) == 0
        assert cell_values(govdisclosure.parse(out).report) == cell_values(report)
        # Binary output needs a file.
        assert main(["convert", str(source), "--to", target]) == 2
    book = tmp_path / "all.xlsx"
    assert main(["convert", str(EXAMPLES), "--to", "xlsx", "-o", str(book)]) == 0
    import openpyxl

    sheets = openpyxl.load_workbook(book).sheetnames
    assert sheets[0] == "汇总"
    reports = [p for p in EXAMPLES.iterdir() if p.suffix in REPORT_SUFFIXES]
    assert len([s for s in sheets if s.startswith("报告")]) == len(reports)


def test_summary_rows_and_duplicates(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", str(folder)]) == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert len(rows) == 5
    (duplicate,) = [line for line in _lines(captured.err) if "重复" in line]
    assert "上海市人民政府办公厅 2019" in duplicate
    marked = [r for r in rows if r["duplicate_of"]]
    assert len(marked) == 1
    parquet = tmp_path / "s.parquet"
    assert main(["summary", str(folder), "--drop-duplicates", "-o", str(parquet)]) == 0
    import pyarrow.parquet

    assert pyarrow.parquet.read_table(parquet).num_rows == 4
    assert main(["summary", str(folder), "--format", "parquet"]) == 2  # needs -o


def test_report_writes_a_page_and_the_pages_it_links(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site" / "corpus.html"
    assert main(["report", str(folder), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', page)
    assert len(links) == 5
    for link in links:
        assert (out.parent / link).is_file()
    assert page.count("<svg") == 5  # by rule, by report, by year, by level, rates
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_templates_read_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for target in ("xlsx", "docx"):
        out = tmp_path / f"模板.{target}"
        assert main(["template", "--edition", "2019", "--to", target, "-o", str(out)]) == 0
        report = govdisclosure.parse(out).report
        assert report.edition.value == "2019"
        assert all(v is None for v in cell_values(report))


# -- the language ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "environ", "lang"),
    [
        ([], {}, "zh"),
        ([], {"LANG": "zh_CN.UTF-8"}, "zh"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        ([], {"LC_ALL": "de_DE.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ([], {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ([], {"LANG": "C.UTF-8"}, "zh"),
        ([], {"LANG": "en_US.UTF-8", "GOVDISCLOSURE_LANG": "zh"}, "zh"),
        (["--lang", "en"], {"LANG": "zh_CN.UTF-8"}, "en"),
        (["check", "x.json", "--lang=zh"], {"LANG": "en_US.UTF-8"}, "zh"),
        (["check", "--", "--lang", "en"], {"LANG": "zh_CN"}, "zh"),
    ],
)
def test_the_language_of_a_run(argv: list[str], environ: dict[str, str], lang: str) -> None:
    assert _lang.detect(argv, environ) == lang


def test_help_and_errors_speak_the_locale(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GOVDISCLOSURE_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with pytest.raises(SystemExit):
        main(["convert", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: govdisclosure convert")
    assert main(["check", "no-such-file.json"]) == 2
    assert capsys.readouterr().err.strip().endswith("no such file or folder")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with pytest.raises(SystemExit):
        main(["convert", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：govdisclosure convert")
    assert "位置参数" in out
    assert main(["check", "no-such-file.json"]) == 2
    assert capsys.readouterr().err.strip().endswith("路径不存在")
    with pytest.raises(SystemExit):
        main(["check"])
    assert "缺少必需的参数" in capsys.readouterr().err


def test_argparse_is_left_as_it_was() -> None:
    import argparse

    before = argparse._  # type: ignore[attr-defined]
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "check"])
    assert argparse._ is before  # type: ignore[attr-defined]
