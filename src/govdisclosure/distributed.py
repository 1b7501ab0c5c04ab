"""Read and check a corpus of published reports on a Dask cluster.

A national corpus is tens of thousands of web pages, Word files and PDFs a year, and
reading them is the expensive part. :func:`check_files` spreads it over a Dask cluster:
a bag of the files of a folder or an object store (any `fsspec
<https://filesystem-spec.readthedocs.io/>`_ URL: ``s3://``, ``gs://``, ``abfs://``…), each
read with :func:`govdisclosure.parse` and checked with :func:`govdisclosure.check` where it
lies, exactly as ``govdisclosure check`` does on one machine. :func:`cells` and
:func:`findings` turn the results into tidy data frames (one row per table cell, one per
finding) to write as CSV or Parquet::

    from dask.distributed import Client, LocalCluster
    from govdisclosure.distributed import cells, check_files, findings

    client = Client(LocalCluster(n_workers=2))     # or Client("tcp://scheduler:8786")
    checked = check_files("reports/")              # or "s3://bucket/reports/2023/"
    cells(checked).to_parquet("cells/")
    findings(checked).to_parquet("findings/")

The rows are those of ``govdisclosure convert --to csv`` (:data:`~govdisclosure.codecs.
CSV_COLUMNS`) and of ``govdisclosure check --format json`` (:data:`FINDING_COLUMNS`: one
row per finding, the related places as JSON), for the same files in the same order.
Needs the ``dask`` extra (``pip install "govdisclosure[dask]"``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, cast

import attrs

from ._fsnames import readable
from ._limits import DEFAULT_LIMITS, Limits
from .cli._check import Outcome, _Options, check_file
from .cli._common import REPORT_SUFFIXES, NotAReportError, foreign_json
from .codecs._csv import CSV_COLUMNS, to_csv_rows
from .codecs._findings import finding_to_dict
from .exceptions import GovDisclosureError, ParseError, StructureError
from .model import AnnualReport, Source
from .parsers import ParseResult

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe

__all__ = [
    "FINDING_COLUMNS",
    "Checked",
    "cells",
    "check_files",
    "errors",
    "finding_rows",
    "findings",
    "list_files",
]

#: The columns of :func:`findings`, in order: the file, then what ``govdisclosure check
#: --format json`` writes of each finding (``text_range``, ``span`` and ``related`` as
#: JSON text; ``expected`` and ``actual`` as text, empty when there is none).
FINDING_COLUMNS: tuple[str, ...] = (
    "path",
    "format",
    "code",
    "name",
    "severity",
    "origin",
    "message",
    "message_en",
    "pointer",
    "text_range",
    "span",
    "related",
    "expected",
    "actual",
)


@attrs.frozen(kw_only=True)
class Checked:
    """One file read and checked: what ``govdisclosure check`` says of it, and the report.

    Attributes:
        path: the file (a local path, or the URL it was listed under).
        outcome: the findings, or why the file could not be read, as the command line
            has them (:class:`govdisclosure.cli.Outcome`).
        report: the report read from it, or ``None`` when it could not be read.
    """

    path: str
    outcome: Outcome
    report: AnnualReport | None = None


def list_files(
    urlpath: str | os.PathLike[str] | Iterable[str],
    *,
    storage_options: Mapping[str, Any] | None = None,
) -> list[str]:
    """The report files under ``urlpath``, in the order the command line reads them.

    ``urlpath`` is a folder (searched recursively for ``.json``, ``.html``, ``.htm``,
    ``.docx``, ``.pdf`` and ``.txt`` files, hidden ones left out, as ``govdisclosure
    check`` does), a file, a glob (``s3://bucket/2023/*.pdf``), or a list of them; local,
    or any fsspec URL (``storage_options`` go to its file system: credentials, region…).
    Local files are named by their path, others by their URL.
    """
    import fsspec

    if isinstance(urlpath, (str, os.PathLike)):
        urlpaths: list[str] = [os.fspath(urlpath)]
    else:
        urlpaths = [os.fspath(u) for u in urlpath]
    found: dict[str, None] = {}
    for url in urlpaths:
        fs, root = fsspec.core.url_to_fs(url, **dict(storage_options or {}))
        local = _is_local(fs)
        if fs.isdir(root):
            base = PurePosixPath(root)
            names = sorted(
                name
                for name in fs.find(root)
                if PurePosixPath(name).suffix.lower() in REPORT_SUFFIXES
                and not any(p.startswith(".") for p in PurePosixPath(name).relative_to(base).parts)
            )
        elif fs.exists(root):
            names = [root]
        else:
            names = sorted(fs.glob(root))
        for name in names:
            found[_local_path(name, url) if local else fs.unstrip_protocol(name)] = None
    return list(found)


def _is_local(fs: Any) -> bool:
    from fsspec.implementations.local import LocalFileSystem

    return isinstance(fs, LocalFileSystem)


def _local_path(name: str, given: str) -> str:
    """A local file's path as the command line names it: below the folder as given."""
    absolute = os.path.abspath(given)
    if os.path.isdir(absolute) and name.startswith(absolute.rstrip(os.sep) + os.sep):
        return str(Path(given) / os.path.relpath(name, absolute))
    return str(Path(given)) if absolute == os.path.abspath(name) else name


def check_files(
    urlpath: str | os.PathLike[str] | Iterable[str],
    *,
    storage_options: Mapping[str, Any] | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    preset: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    npartitions: int | None = None,
) -> dask.bag.Bag:
    """A Dask bag of :class:`Checked`: every report file under ``urlpath``, read and checked.

    Each file is read and checked by the worker that holds its partition (the bag is of
    file names, so no document travels through the client), exactly as ``govdisclosure
    check`` reads and checks it: the same findings in the same order, JSON files' findings
    with the line of each pointer, a file that cannot be read giving its one-line error.
    ``select``, ``ignore`` and ``preset`` are those of :func:`govdisclosure.check`.

    Args:
        urlpath: a folder, file, glob or list of them, local or an fsspec URL (see
            :func:`list_files`).
        storage_options: for the file system of a URL (credentials, endpoint…).
        select: run only the rules whose codes start with these prefixes.
        ignore: skip the rules whose codes start with these prefixes.
        preset: ``"default"``, ``"strict"`` or ``"lenient"``.
        limits: the :class:`~govdisclosure.Limits` of reading each file.
        npartitions: how many partitions (tasks) to split the files into; by default
            about 100 files each, and at least as many partitions as fit the files.

    Raises:
        RuleSelectionError: a prefix or preset names no rule (before anything is read).
    """
    import dask.bag as db

    from .checks._engine import schedule
    from .model import Edition

    prefixes = (select,) if isinstance(select, str) else select
    skip = (ignore,) if isinstance(ignore, str) else ignore
    selected = None if prefixes is None else tuple(p.strip().upper() for p in prefixes)
    ignored = None if skip is None else tuple(p.strip().upper() for p in skip)
    # Every argument is checked now, before any task runs.
    schedule(
        Edition.E2021,
        frozenset({"report"}),
        select=selected,
        ignore=ignored,
        severity=None,
        preset=preset,
    )
    options = _Options(
        select=selected, ignore=ignored or None, preset=preset, previous=None, related_lines=True
    )
    paths = list_files(urlpath, storage_options=storage_options)
    if npartitions is None:
        npartitions = max(1, -(-len(paths) // 100))
    sequence: Any = db.from_sequence
    bag = sequence(paths, npartitions=max(1, min(npartitions, len(paths) or 1)))
    checked = bag.map(
        _check, options=options, storage_options=dict(storage_options or {}), limits=limits
    )
    return cast("dask.bag.Bag", checked)


def _check(
    path: str, *, options: _Options, storage_options: dict[str, Any], limits: Limits
) -> Checked:
    """Read and check one file where the task runs."""
    import fsspec

    fs, name = fsspec.core.url_to_fs(path, **storage_options)
    if _is_local(fs) and limits is DEFAULT_LIMITS:
        outcome, result = check_file(path, options)
    else:
        outcome, result = check_file(
            path,
            options,
            read_file=lambda _: _read(fs, name, path, limits),
            bytes_of=lambda _: fs.cat_file(name),
        )
    if outcome.fatal:
        raise GovDisclosureError(outcome.error or "", outcome.error)
    return Checked(path=path, outcome=outcome, report=None if result is None else result.report)


def _read(fs: Any, name: str, path: str, limits: Limits) -> ParseResult:
    """:func:`govdisclosure.parse` of a file of ``fs``, named ``path`` in what it says."""
    from .parsers import parse

    try:
        size = fs.size(name)
        if size is not None and size > limits.max_bytes:
            from .parsers.frontends._common import check_size

            check_size(size, limits, path)
        data = fs.cat_file(name)
    except FileNotFoundError:
        raise ParseError("文件不存在", "no such file", where=path, reason="unreadable") from None
    except OSError as error:
        reason = getattr(error, "strerror", None) or error
        raise ParseError(
            f"无法读取文件：{reason}",
            f"cannot read the file: {reason}",
            where=path,
            reason="unreadable",
        ) from None
    from .parsers._api import _SUFFIXES

    format = _SUFFIXES.get(PurePosixPath(name).suffix.lower())
    try:
        result = parse(data, format=format, limits=limits)
    except StructureError:
        foreign = foreign_json(data) if format == "json" else None
        if foreign is None:
            raise
        raise NotAReportError(*foreign, where=path) from None
    report = result.report
    if result.format != "json" and (report.source is None or not report.source.document):
        source = report.source or Source(format=result.format)
        report = attrs.evolve(report, source=attrs.evolve(source, document=readable(path)))
        result = attrs.evolve(result, report=report)
    return result


# -- tidy data ----------------------------------------------------------------------------


def _cell_rows(checked: Checked) -> list[dict[str, str]]:
    """The tidy cells of a file, as ``govdisclosure convert --to csv`` writes them."""
    report = checked.report
    if report is None:
        return []
    if report.source is None or not report.source.document:
        source = report.source or Source(format=checked.outcome.format)
        report = attrs.evolve(report, source=attrs.evolve(source, document=readable(checked.path)))
    return list(to_csv_rows(report))


def finding_rows(
    path: str, file_format: str | None, items: Iterable[Mapping[str, Any]]
) -> Iterator[dict[str, str]]:
    """Tidy rows (:data:`FINDING_COLUMNS`) of the findings of one file, given as
    ``govdisclosure check --format json`` writes them (:func:`~govdisclosure.codecs.
    finding_to_dict`)."""
    for item in items:
        yield {
            "path": readable(path),  # valid UTF-8 whatever the bytes of the file's name
            "format": file_format or "",
            "code": item["code"],
            "name": item["name"],
            "severity": item["severity"],
            "origin": item["origin"],
            "message": item["message"],
            "message_en": item["message_en"],
            "pointer": item["pointer"],
            "text_range": _json_text(item["text_range"]),
            "span": _json_text(item["span"]),
            "related": _json_text(item["related"]),
            "expected": _plain(item["expected"]),
            "actual": _plain(item["actual"]),
        }


def _json_text(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def _finding_rows(checked: Checked) -> list[dict[str, str]]:
    outcome = checked.outcome
    items = [finding_to_dict(f) for f in outcome.findings]
    return list(finding_rows(checked.path, outcome.format, items))


def cells(checked: dask.bag.Bag) -> dask.dataframe.DataFrame:
    """One row per table cell of every report read (:data:`~govdisclosure.codecs.
    CSV_COLUMNS`, all text), in file order: what ``govdisclosure convert --to csv``
    writes for the same files. Files that could not be read have no rows."""
    bag: Any = checked
    frame = bag.map(_cell_rows).flatten().to_dataframe(meta=dict.fromkeys(CSV_COLUMNS, "string"))
    return cast("dask.dataframe.DataFrame", frame)


def findings(checked: dask.bag.Bag) -> dask.dataframe.DataFrame:
    """One row per finding (:data:`FINDING_COLUMNS`, all text), in file order and each
    file's findings in the order of ``govdisclosure check --format json``."""
    bag: Any = checked
    frame = (
        bag.map(_finding_rows).flatten().to_dataframe(meta=dict.fromkeys(FINDING_COLUMNS, "string"))
    )
    return cast("dask.dataframe.DataFrame", frame)


def errors(checked: dask.bag.Bag) -> dask.bag.Bag:
    """``(path, error)`` of every file that could not be read: the command line's lines."""
    bag: Any = checked
    return cast("dask.bag.Bag", bag.filter(_failed).map(_error))


def _failed(checked: Checked) -> bool:
    # A file that is not a report at all is passed over, as a folder walk does.
    return checked.outcome.error is not None and not checked.outcome.foreign


def _error(checked: Checked) -> tuple[str, str | None]:
    return checked.path, checked.outcome.error
