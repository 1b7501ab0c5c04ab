"""govdisclosure.distributed on a dask.distributed cluster of two workers.

A folder of mixed files — web pages, Word files, PDFs, text and JSON, in subfolders, with
a file that is not a report, a broken report and a hidden file — is read and checked on a
LocalCluster of two worker processes. The tidy cells must be the rows of ``govdisclosure
convert --to csv`` and the findings those of ``govdisclosure check --format json`` (file
by file, finding by finding, errors included) over the same folder. An object store is
stood in for by fsspec's in-memory file system.

Marked ``dask``: CI runs it in a step of its own (``pytest -m dask``), with the ``dask``
extra installed.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govdisclosure.cli import main

from .conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.dask

try:
    import dask
    import distributed  # noqa: F401 - the cluster package of the extra

    from govdisclosure.distributed import (
        FINDING_COLUMNS,
        cells,
        check_files,
        errors,
        finding_rows,
        findings,
        list_files,
    )
except ImportError as missing:  # run deliberately without the extra: fail, never skip
    _MISSING: ImportError | None = missing
else:
    _MISSING = None


@pytest.fixture(autouse=True)
def _the_dask_extra() -> None:
    if _MISSING is not None:
        pytest.fail(f"pytest -m dask needs the dask extra (pip install '.[dask]'): {_MISSING}")


CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reports")
    web = root / "web"
    office = root / "office" / "2019"
    json_files = root / "json"
    for place in (web, office, json_files):
        place.mkdir(parents=True)
    shutil.copy(CORPUS / "001_shanghai_szfbgt_2019.html", web)
    shutil.copy(CORPUS / "001_shanghai_szfbgt_2019.docx", office)
    shutil.copy(CORPUS / "001_shanghai_szfbgt_2019.pdf", office)
    shutil.copy(CORPUS / "004_pingtan_2021.txt", root)
    shutil.copy(CORPUS / "005_pingtan_2022.txt", root)
    shutil.copy(EXAMPLES / "qidu-2019.json", json_files)
    shutil.copy(EXAMPLES / "pingtan-2021.json", json_files)
    broken = json.loads((EXAMPLES / "pingtan-2021.json").read_text(encoding="utf-8"))
    broken["applications"]["granted"]["total"] += 3
    (json_files / "broken.json").write_text(
        json.dumps(broken, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (json_files / "not-a-report.json").write_text('{"edition": "2021"}', encoding="utf-8")
    (root / ".hidden.json").write_text("{}", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


def _cli(*argv: str) -> None:
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        main(list(argv))


def _expected(folder: Path, tmp_path: Path) -> tuple[list[dict[str, str]], list[Any], list[Any]]:
    """The command line's cells, findings rows and errors over ``folder``."""
    out_csv, out_json = tmp_path / "cells.csv", tmp_path / "findings.json"
    _cli("convert", str(folder), "--to", "csv", "-o", str(out_csv))
    _cli("check", str(folder), "--format", "json", "-o", str(out_json), "--no-progress")
    with out_csv.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    files = json.loads(out_json.read_text(encoding="utf-8"))["files"]
    found = [r for f in files for r in finding_rows(f["path"], f["format"], f["findings"])]
    failed = [(f["path"], f["error"]) for f in files if f["error"] is not None]
    return rows, found, failed


def _records(frame: Any) -> list[dict[str, str]]:
    return [
        {k: "" if v is None else str(v) for k, v in row.items()}
        for row in frame.compute().to_dict("records")
    ]


def test_files_are_listed_as_the_command_line_reads_them(folder: Path) -> None:
    from govdisclosure.cli._common import expand

    assert list_files(folder) == expand([folder])[0]
    assert list_files(str(folder) + "/") == expand([Path(str(folder) + "/")])[0]
    assert not any(".hidden" in path for path in list_files(folder))


def test_a_cluster_of_two_gives_what_the_command_line_gives(
    folder: Path, tmp_path: Path, client: Any
) -> None:
    assert len(client.scheduler_info()["workers"]) == 2
    cell_rows, finding_rows_, failed = _expected(folder, tmp_path)
    checked = check_files(folder, npartitions=4)
    assert checked.npartitions >= 2
    assert _records(cells(checked)) == cell_rows
    assert _records(findings(checked)) == finding_rows_
    assert errors(checked).compute() == failed
    # The files were read by both workers, not by this process.
    where = client.run(lambda: __import__("os").getpid())
    assert len(set(where.values())) == 2
    assert {"GD303", "GD101"} <= {row["code"] for row in finding_rows_}
    assert len({row["document"] for row in cell_rows}) == 8


def test_tidy_frames_write_to_parquet_and_csv(folder: Path, tmp_path: Path, client: Any) -> None:
    import pandas

    checked = check_files(folder, npartitions=3)
    cells(checked).to_parquet(tmp_path / "cells", write_index=False)
    findings(checked).to_csv(tmp_path / "findings-*.csv", index=False)
    expected_cells, expected_findings, _ = _expected(folder, tmp_path)
    written = pandas.read_parquet(tmp_path / "cells").fillna("").astype(str)
    assert written.to_dict("records") == expected_cells
    parts = sorted((tmp_path).glob("findings-*.csv"))
    frames = [pandas.read_csv(p, dtype=str, keep_default_na=False) for p in parts]
    assert pandas.concat(frames)[list(FINDING_COLUMNS)].to_dict("records") == expected_findings


def test_an_object_store_listing_is_read_from_its_urls(folder: Path, tmp_path: Path) -> None:
    import fsspec

    memory = fsspec.filesystem("memory")
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            memory.pipe(f"/corpus/{path.relative_to(folder).as_posix()}", path.read_bytes())
    cell_rows, finding_rows_, failed = _expected(folder, tmp_path)
    with dask.config.set(scheduler="sync"):  # the in-memory store lives in this process
        checked = check_files("memory://corpus/")
        urls = [c.path for c in checked.compute()]
        got_cells = _records(cells(checked))
        got_findings = _records(findings(checked))
        got_errors = errors(checked).compute()
    assert all(url.startswith("memory:///corpus/") for url in urls)
    local = [str(folder / url.removeprefix("memory:///corpus/")) for url in urls]
    assert local == list_files(folder)
    to_url = dict(zip(local, urls, strict=True))

    def same(rows: list[dict[str, str]], column: str) -> list[dict[str, str]]:
        return [{**row, column: to_url.get(row[column], row[column])} for row in rows]

    assert got_cells == same(cell_rows, "document")
    assert got_findings == same(finding_rows_, "path")
    assert got_errors == [
        (to_url[path], error.replace(path, to_url[path])) for path, error in failed
    ]
