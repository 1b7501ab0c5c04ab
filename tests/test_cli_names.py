"""File names that are not UTF-8, and folder entries that are no files.

Zip archives made on Windows unpack to GBK file names, which Python holds as ``str`` with
lone surrogates. Every output must still be written (valid UTF-8, the name readable with
backslash escapes; in SARIF, the URI percent-encodes the name's bytes) and the exit code
must mean what it says. A folder's FIFOs, sockets, dangling links and link loops are named
with their reason, as files that cannot be read (exit 2), never skipped in silence.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import socket
import sys
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure._fsnames import readable, uri_path
from govdisclosure.cli import main

from .conftest import EXAMPLES

#: 年度报告 in GBK: not UTF-8 (0xC4 0xEA is no UTF-8 sequence).
GBK_STEM = "年度报告".encode("gbk")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")


def _gbk_file(folder: Path, suffix: str = ".json", source: Path | None = None) -> Path:
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + GBK_STEM + suffix.encode()))
    shutil.copy(source or EXAMPLES / "pingtan-2021.json", path)
    return path


def test_readable_names_keep_utf8_and_escape_the_rest() -> None:
    assert readable("年度报告.json") == "年度报告.json"
    shown = readable(os.fsdecode(b"\xb1\xa8.json"))
    assert shown == "\\xb1\\xa8.json"
    shown.encode("utf-8")
    assert uri_path(os.fsdecode(b"a b/\xb1\xa8.json")) == "a%20b/%B1%A8.json"
    assert readable("lone \ud800") == "lone \\xed\\xa0\\x80"  # a stray surrogate


@posix_only
@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_check_writes_every_format_for_a_gbk_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    monkeypatch.chdir(tmp_path)
    path = _gbk_file(tmp_path)
    out = tmp_path / f"out.{output_format}"
    code = main(["check", ".", "--format", output_format, "-o", str(out)])
    assert code == 0  # pingtan's one finding is a note
    text = out.read_bytes().decode("utf-8")  # valid UTF-8
    shown = readable(path.name)
    assert shown.startswith("\\xc4\\xea")
    if output_format == "json":
        assert [f["path"] for f in json.loads(text)["files"]] == [shown]
    elif output_format == "sarif":
        log = json.loads(text)
        location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == uri_path(path.name)
        assert location["artifactLocation"]["uri"].startswith("%C4%EA")
    else:
        assert shown in text


@posix_only
def test_a_gbk_name_that_cannot_be_read_is_one_readable_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    path = _gbk_file(tmp_path, source=broken)
    out = tmp_path / "out.json"
    assert main(["check", str(path), "--format", "json", "-o", str(out)]) == 2
    entry = json.loads(out.read_text(encoding="utf-8"))["files"][0]
    assert entry["path"] == readable(str(path))
    assert entry["error"].startswith(readable(str(path)))
    err = capsys.readouterr().err
    assert err.count("\n") == 2  # the file's line and the summary
    assert readable(str(path)) in err


@posix_only
def test_convert_to_csv_names_a_gbk_file_readably(tmp_path: Path) -> None:
    path = _gbk_file(tmp_path)
    out = tmp_path / "cells.csv"
    assert main(["convert", str(tmp_path), "--to", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {row["document"] for row in rows} == {readable(str(path))}


@posix_only
def test_parse_names_a_gbk_file_readably_in_its_source_and_errors(tmp_path: Path) -> None:
    text = govdisclosure.render_markdown(
        govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())
    )
    source = tmp_path / "report.md"
    source.write_text(text, encoding="utf-8")
    path = _gbk_file(tmp_path, ".txt", source)
    result = govdisclosure.parse(path)
    assert result.report.source is not None
    assert result.report.source.document == readable(str(path))
    govdisclosure.dumps(result.report).encode("utf-8")
    empty = _gbk_file(tmp_path, ".pdf", tmp_path / "report.md")
    with pytest.raises(govdisclosure.GovDisclosureError) as info:
        govdisclosure.parse(empty)
    assert info.value.where == readable(str(empty))


@posix_only
def test_check_jsonl_names_a_gbk_file_readably(tmp_path: Path) -> None:
    source = tmp_path / "lines.jsonl"
    source.write_text("{}\n", encoding="utf-8")
    path = _gbk_file(tmp_path, ".jsonl", source)
    (result,) = govdisclosure.check_jsonl(path)
    assert result.source == readable(str(path))
    assert result.error is not None
    str(result.error).encode("utf-8")


# -- the folder walk ----------------------------------------------------------------------


@posix_only
def test_a_folder_walk_names_every_entry_that_is_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLES / "qidu-2019.json", folder / "sub" / "good.json")
    os.mkfifo(folder / "fifo.json")
    (folder / "dangling.json").symlink_to(folder / "nowhere.json")
    (folder / "loop.json").symlink_to(folder / "loop.json")
    (folder / "sub" / "up").symlink_to(folder)  # a folder link loop: never walked
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "sock.json"))
        code = main(["--lang", "en", "check", str(folder), "--format", "json"])
    finally:
        server.close()
    assert code == 2
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    named = {Path(f["path"]).name: f["error"] for f in data["files"] if f["error"]}
    assert set(named) == {"fifo.json", "dangling.json", "loop.json", "sock.json"}
    reasons = {name: error.rpartition(": ")[2] for name, error in named.items()}
    assert "FIFO" in reasons["fifo.json"]
    assert "dangling" in reasons["dangling.json"]
    assert "loop" in reasons["loop.json"]
    assert "socket" in reasons["sock.json"]
    assert [f["path"] for f in data["files"] if not f["error"]] == [
        str(folder / "sub" / "good.json")
    ]
    assert captured.err.count("govdisclosure: ") == 4


@posix_only
def test_a_dangling_link_named_on_the_command_line_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "gone.json"
    link.symlink_to(tmp_path / "nowhere.json")
    assert main(["--lang", "en", "check", str(link)]) == 2
    assert "dangling" in capsys.readouterr().err.rpartition(": ")[2]


@posix_only
def test_pages_written_for_a_gbk_name_are_linked_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    path = _gbk_file(source)
    pages = tmp_path / "pages"
    assert main(["convert", str(source), "--to", "html", "-o", str(pages)]) == 0
    page = path.name + ".html"
    assert (pages / page).is_file()  # the page's own name keeps the file's bytes
    index = (pages / "index.html").read_text(encoding="utf-8")  # valid UTF-8
    assert re.findall(r'<a href="([^"]+)">', index) == [uri_path(page)]
    overview = tmp_path / "corpus.html"
    assert main(["report", str(source), "-o", str(overview)]) == 0
    links = re.findall(r'<a href="([^"]+)">', overview.read_text(encoding="utf-8"))
    assert links == [uri_path(f"corpus-pages/{page}")]


@posix_only
def test_the_tidy_findings_of_a_gbk_file_name_it_readably() -> None:
    from govdisclosure.distributed import finding_rows

    finding: dict[str, object] = dict.fromkeys(
        ("text_range", "span", "related", "expected", "actual")
    )
    finding.update(code="GD101", name="x", severity="note", origin="report", pointer="")
    finding.update(message="m", message_en="m")
    name = os.fsdecode(b"\xb1\xa8.json")
    (row,) = finding_rows(name, "json", [finding])
    assert row["path"] == readable(name) == "\\xb1\\xa8.json"


@posix_only
def test_a_walk_names_what_it_would_read_that_is_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Under --glob, what matches is what the walk reads: a FIFO matching it is named;
    # a FIFO the walk would not read anyway (no report suffix, no --glob) is no file
    # that it passes over.
    shutil.copy(EXAMPLES / "qidu-2019.json", tmp_path / "good.json")
    os.mkfifo(tmp_path / "feed.dat")
    assert main(["--lang", "en", "check", str(tmp_path)]) == 0
    assert "feed.dat" not in capsys.readouterr().err
    shutil.copy(EXAMPLES / "qidu-2019.json", tmp_path / "good.dat")
    assert main(["--lang", "en", "check", str(tmp_path), "--glob", "*.dat"]) == 2
    (line,) = [x for x in capsys.readouterr().err.splitlines() if "feed.dat" in x]
    assert line.startswith(f"govdisclosure: {tmp_path / 'feed.dat'}: ")
    assert "FIFO" in line.rpartition(": ")[2]
