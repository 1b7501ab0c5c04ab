"""parse(): sources, format detection, errors, limits and refusals."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure import LimitExceededError, ParseError, StructureError
from govdisclosure.parsers import Limits, detect_format, parse, read_text

from .conftest import DATA, EXAMPLES

SEED = DATA / "seeds" / "qidu-2019.txt"


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\xef\xbb\xbf  %PDF-1.4", "pdf"),
        (_zip("[Content_Types].xml", "word/document.xml"), "docx"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"  <p style='x'>2019</p><table><tr><td>1</td></tr></table>", "html"),
        ("<table><tr><td>规章</td></tr></table>", "html"),
        (b'{"edition": "2019"}', "json"),
        ("\ufeff{}", "json"),
        ("齐都镇政府2019年信息公开工作年度报告\n一、总体情况", "text"),
        (b"\xc6\xeb\xb6\xbc", "text"),
        (b"", "text"),
    ],
)
def test_detect_format(data: bytes | str, expected: str) -> None:
    assert detect_format(data) == expected


@pytest.mark.parametrize(
    "data",
    [_zip("xl/workbook.xml"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100],
    ids=["zip-not-word", "legacy-doc"],
)
def test_containers_that_are_not_read(data: bytes) -> None:
    with pytest.raises(ParseError) as info:
        parse(data)
    assert info.value.reason == "unsupported_format"


def test_path_bytes_and_text_give_the_same_report() -> None:
    by_path = parse(SEED)
    assert by_path.report.source is not None
    assert by_path.report.source.document == str(SEED)
    by_str_path = parse(str(SEED))
    by_bytes = parse(SEED.read_bytes())
    by_text = parse(SEED.read_text(encoding="utf-8"))
    for other in (by_str_path, by_bytes, by_text):
        assert other.report.applications == by_path.report.applications
        assert other.report.proactive == by_path.report.proactive
        assert other.format == "text"


def test_gbk_bytes_are_read_and_the_guess_is_noted() -> None:
    result = parse(SEED.read_text(encoding="utf-8").encode("gb18030"))
    assert result.report.applications == parse(SEED).report.applications
    assert ("GD912", "") in {(d.code, d.pointer) for d in result.diagnostics}


def test_json_is_the_canonical_form() -> None:
    path = EXAMPLES / "pingtan-2021.json"
    result = parse(path)
    assert result.format == "json"
    assert result.report == govdisclosure.loads(path.read_bytes())
    assert result.diagnostics == ()
    assert parse(path.read_bytes()).report == result.report


def test_json_that_is_not_a_report() -> None:
    with pytest.raises(StructureError):
        parse(b'{"edition": "2019"}')


def test_front_door() -> None:
    result = govdisclosure.parse(SEED)
    assert isinstance(result, govdisclosure.ParseResult)


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_a_format_whose_reader_is_missing(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    # As an installation without the reader (or its optional dependency) behaves.
    monkeypatch.setitem(sys.modules, f"govdisclosure.parsers.frontends._{fmt}", None)
    with pytest.raises(ParseError) as info:
        parse(b"%PDF-1.4 <html>", format=fmt)
    assert info.value.reason == "format_unavailable"


@pytest.mark.parametrize(
    ("fmt", "dependency"), [("html", "lxml.etree"), ("docx", "lxml.etree"), ("pdf", "pypdfium2")]
)
def test_a_format_whose_dependency_is_missing(
    monkeypatch: pytest.MonkeyPatch, fmt: str, dependency: str
) -> None:
    # The reader is installed but its optional dependency is not.
    monkeypatch.setitem(sys.modules, dependency, None)
    with pytest.raises(ParseError) as info:
        parse(b"%PDF-1.4 <html>", format=fmt)
    assert info.value.reason == "format_unavailable"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("\t" + "\t".join(["1"] * 50) + "\n", 1),  # the first line of a tab table
        ("说明\n\t1\n" + "\t" + "\t".join(["1"] * 50) + "\n", 3),  # a later line
        ("| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 10, 7),  # a pipe table
    ],
)
def test_text_tables_over_max_cells(text: str, line: int) -> None:
    with pytest.raises(LimitExceededError) as info:
        read_text(text, name="t.txt", limits=Limits(max_cells=10))
    assert info.value.where == f"t.txt:{line}"


def test_binary_formats_need_bytes() -> None:
    with pytest.raises(ParseError) as info:
        parse("not a pdf", format="pdf")
    assert info.value.reason == "unreadable"


def test_unknown_format() -> None:
    with pytest.raises(ParseError) as info:
        parse(b"x", format="xlsx")
    assert info.value.reason == "unsupported_format"


def test_a_source_of_the_wrong_type() -> None:
    with pytest.raises(ParseError) as info:
        parse(12345)  # type: ignore[arg-type]
    assert info.value.reason == "unreadable"


@pytest.mark.parametrize("name", ["missing.txt", "missing-report.pdf", "nul\x00byte.txt"])
def test_a_missing_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with pytest.raises(ParseError) as info:
        parse(str(path))
    assert info.value.reason == "unreadable"
    assert info.value.where == str(path)


def test_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ParseError) as info:
        parse(tmp_path)
    assert info.value.reason == "unreadable"


def test_a_pre_2019_report_is_refused() -> None:
    path = DATA / "parse" / "pre2019-county-2017.txt"
    with pytest.raises(ParseError) as info:
        parse(path)
    assert info.value.reason == "pre_2019"
    assert info.value.where == str(path)


def test_a_2019_report_without_table_3_is_not_called_pre_2019() -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    # Drop table 三 (lines 105-363); the seed's overview has "概述", a pre-2019 signal,
    # but its table 二 shows the 2019 format.
    text = "\n".join(lines[:104] + lines[363:])
    with pytest.raises(ParseError) as info:
        parse(text)
    assert info.value.reason == "no_applications_table"


@pytest.mark.parametrize(
    "text", ["", "hello", "政府信息公开", "一、总体情况\n二、主动公开政府信息情况\n"]
)
def test_not_a_report(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(text)
    assert info.value.reason == "not_a_report"


def test_limits(tmp_path: Path) -> None:
    small = Limits(max_bytes=100)
    with pytest.raises(LimitExceededError):
        parse(SEED, limits=small)
    with pytest.raises(LimitExceededError):
        parse(SEED.read_bytes(), limits=small)
    with pytest.raises(LimitExceededError):
        parse(SEED.read_text(encoding="utf-8"), limits=small)
    with pytest.raises(LimitExceededError):
        parse(SEED, limits=Limits(max_cells=50))
    with pytest.raises(LimitExceededError):
        parse(SEED, limits=Limits(max_seconds=0.0))
