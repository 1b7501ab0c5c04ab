"""Every code example in the documentation runs, so that none can rot.

What runs, for each page of ``docs/**/*.md`` and for ``README.md``:

- ```` ```python ```` blocks, in page order, in one fresh namespace per page (run as the
  script ``__main__``), with the repository root as the working directory. A block fails
  the test by raising — examples state what they show with ``assert``.
- ```` ```console ```` blocks: each ``$ govdisclosure ARGS`` (or ``$ python -m
  govdisclosure ARGS``) line runs through :func:`govdisclosure.cli.main`; the lines shown
  below it are its output (stdout and stderr together), where a line ``...`` stands for
  any number of lines; ``$ echo $?`` followed by a number is the exit code expected of the
  command before it (0 when not stated). Only govdisclosure commands may appear, without
  shell operators.
- ```` ```sh ````/```` ```bash ```` blocks under ``docs/`` are installation instructions and
  are not run; they may not run ``govdisclosure`` (show it in a console block instead).

A block that must not run is preceded by the visible line ``<!-- not-tested: REASON -->``
(the last non-blank line before the block). A future feature is not a reason.
Examples must not write into the repository: each page is checked for new files.
"""

from __future__ import annotations

import io
import re
import shlex
import sys
import types
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import NamedTuple

import pytest

from govdisclosure.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

MARKER = re.compile(r"^\s*<!--\s*not-tested:(?P<reason>.*?)-->\s*$")
_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
PYTHON = frozenset({"python", "py", "python3"})
SHELL = frozenset({"sh", "bash", "shell"})
_SHELL_OPERATORS = frozenset({"|", "||", "&&", ";", ">", ">>", "<", "&", "2>", "2>&1"})


class Block(NamedTuple):
    """A fenced code block of a page."""

    page: str
    line: int
    lang: str
    code: str
    not_tested: str | None


def pages() -> list[Path]:
    """Every page whose examples run: the docs' Markdown files and the README."""
    return [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]


def blocks(text: str, page: str) -> Iterator[Block]:
    """The fenced code blocks of ``text`` (a Markdown page), in order.

    Fences may be indented (inside tabs or admonitions); the block's code is dedented by
    the fence's indentation.

    Raises:
        ValueError: a not-tested marker that no block follows, or one without a reason.
    """
    lines = text.splitlines()
    i = 0
    pending: tuple[int, str] | None = None
    while i < len(lines):
        line = lines[i]
        marker = MARKER.match(line)
        if marker:
            pending = (i + 1, marker.group("reason").strip())
            if not pending[1]:
                raise ValueError(f"{page}:{i + 1}: a not-tested marker needs a reason")
            i += 1
            continue
        opened = _OPEN.match(line)
        if not opened:
            if line.strip() and pending is not None:
                raise ValueError(f"{page}:{pending[0]}: a not-tested marker must precede a block")
            i += 1
            continue
        indent = len(opened.group("indent"))
        fence = opened.group("fence")
        info = opened.group("info").strip()
        lang = info.split()[0].lower() if info else ""
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            candidate = lines[j].strip()
            if candidate.startswith(fence) and set(candidate) == {fence[0]}:
                break
            body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
            j += 1
        yield Block(page, i + 1, lang, "\n".join(body) + "\n", pending[1] if pending else None)
        pending = None
        i = j + 1
    if pending is not None:
        raise ValueError(f"{page}:{pending[0]}: a not-tested marker must precede a block")


# -- console blocks -------------------------------------------------------------------


class Command(NamedTuple):
    """One ``$`` line of a console block, with what the page says it prints and exits."""

    line: int
    argv: list[str]
    output: list[str]
    exit_code: int


def commands(block: Block) -> list[Command]:
    """The govdisclosure commands of a console block."""
    parsed: list[Command] = []
    for offset, raw in enumerate(block.code.splitlines()):
        line = block.line + 1 + offset
        if raw.startswith("$ "):
            argv = shlex.split(raw[2:])
            if argv == ["echo", "$?"]:
                if not parsed:
                    raise ValueError(f"{block.page}:{line}: `echo $?` before any command")
                parsed.append(Command(line, argv, [], 0))
                continue
            if _SHELL_OPERATORS & set(argv):
                raise ValueError(f"{block.page}:{line}: shell operators are not run: {raw}")
            if argv[:1] == ["govdisclosure"]:
                args = argv[1:]
            elif argv[:3] == ["python", "-m", "govdisclosure"]:
                args = argv[3:]
            else:
                raise ValueError(
                    f"{block.page}:{line}: a console block runs only govdisclosure; "
                    f"put other commands in a ```sh block: {raw}"
                )
            parsed.append(Command(line, args, [], 0))
        elif parsed:
            parsed[-1].output.append(raw.rstrip())
        elif raw.strip():
            raise ValueError(f"{block.page}:{line}: output before any `$ ` command")
    # Fold each `echo $?` into the command before it.
    folded: list[Command] = []
    for command in parsed:
        if command.argv == ["echo", "$?"]:
            shown = [o for o in command.output if o.strip()]
            if len(shown) != 1 or not shown[0].strip().isdigit():
                raise ValueError(f"{block.page}:{command.line}: `echo $?` must show one number")
            folded[-1] = folded[-1]._replace(exit_code=int(shown[0]))
        else:
            folded.append(command)
    return folded


def run_cli(argv: list[str]) -> tuple[int, list[str]]:
    """Exit code and output lines (stdout and stderr as a terminal shows them)."""
    buffer = io.StringIO()
    with redirect_stdout(buffer), redirect_stderr(buffer):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 2
    return code, [line.rstrip() for line in buffer.getvalue().splitlines()]


def output_matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` matches ``expected``, where a line ``...`` matches any lines."""
    expected = _trim(expected)
    actual = _trim(actual)

    def match(e: int, a: int) -> bool:
        if e == len(expected):
            return a == len(actual)
        if expected[e].strip() == "...":
            return any(match(e + 1, k) for k in range(a, len(actual) + 1))
        return a < len(actual) and expected[e] == actual[a] and match(e + 1, a + 1)

    return match(0, 0)


def _trim(lines: list[str]) -> list[str]:
    out = list(lines)
    while out and not out[-1].strip():
        out.pop()
    return out


def check_console(block: Block) -> None:
    """Run every command of a console block and compare exit code and output."""
    for command in commands(block):
        code, output = run_cli(command.argv)
        where = f"{block.page}:{command.line}: govdisclosure {shlex.join(command.argv)}"
        assert code == command.exit_code, (
            f"{where}: exit code {code}, page says {command.exit_code}"
        )
        if command.output and any(line.strip() for line in command.output):
            assert output_matches(command.output, output), (
                f"{where}: the output differs from the page.\n--- page\n"
                + "\n".join(command.output)
                + "\n--- actual\n"
                + "\n".join(output)
            )


# -- running a page -------------------------------------------------------------------


def run_python(code: str, filename: str, namespace: dict[str, object]) -> None:
    """Run ``code`` as part of the script ``__main__`` whose globals are ``namespace``."""
    module = types.ModuleType("__main__")
    module.__dict__.update(namespace)
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = module
    try:
        exec(compile(code, filename, "exec"), module.__dict__)
    finally:
        sys.modules["__main__"] = saved
        namespace.clear()
        namespace.update(module.__dict__)


#: Caches that tools (Hypothesis, Python) may create while examples run.
_CACHES = frozenset({".hypothesis", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"})


def _snapshot() -> set[Path]:
    """The files an example could leave behind in the repository."""
    places = [ROOT, ROOT / "examples", DOCS, *(p for p in DOCS.rglob("*") if p.is_dir())]
    return {
        p
        for place in places
        if place.is_dir() and place.name not in _CACHES
        for p in place.iterdir()
        if p.name not in _CACHES
    }


def run_page(path: Path) -> int:
    """Run every example of the page at ``path``; return how many blocks ran."""
    page = str(path.relative_to(ROOT))
    in_docs = path.is_relative_to(DOCS)
    namespace: dict[str, object] = {"__name__": "__main__", "__file__": str(path)}
    ran = 0
    for block in blocks(path.read_text(encoding="utf-8"), page):
        if block.not_tested is not None:
            continue
        if block.lang in PYTHON:
            run_python(block.code, f"{page}:{block.line}", namespace)
            ran += 1
        elif block.lang == "console":
            check_console(block)
            ran += 1
        elif block.lang in SHELL and in_docs:
            for raw in block.code.splitlines():
                words = shlex.split(raw.removeprefix("$ "), comments=True)
                assert "govdisclosure" not in words[:3] or "install" in words, (
                    f"{page}:{block.line}: show govdisclosure commands in a console block, "
                    "where they are run"
                )
    return ran


@pytest.mark.parametrize("path", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_of_the_page_run(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    before = _snapshot()
    run_page(path)
    assert _snapshot() - before == set(), f"{path}: an example left files in the repository"


# -- the harness itself -----------------------------------------------------------------


def test_blocks_are_found_with_their_language_marker_and_indentation() -> None:
    page = "\n".join(
        [
            "Text.",
            "```python",
            "x = 1",
            "```",
            "<!-- not-tested: needs a cluster -->",
            "",
            "```py title='a'",
            "y = 2",
            "```",
            '=== "Tab"',
            "",
            "    ```console",
            "    $ govdisclosure rules",
            "    ```",
        ]
    )
    found = list(blocks(page, "p.md"))
    assert [(b.line, b.lang, b.code, b.not_tested) for b in found] == [
        (2, "python", "x = 1\n", None),
        (7, "py", "y = 2\n", "needs a cluster"),
        (12, "console", "$ govdisclosure rules\n", None),
    ]


@pytest.mark.parametrize(
    "page",
    [
        "<!-- not-tested: -->\n```python\nx\n```\n",
        "<!-- not-tested: orphan -->\n\nA paragraph.\n",
        "```python\nx\n```\n<!-- not-tested: at the end -->\n",
    ],
)
def test_markers_must_have_a_reason_and_a_block(page: str) -> None:
    with pytest.raises(ValueError, match="not-tested marker"):
        list(blocks(page, "p.md"))


def test_console_commands_exit_codes_and_output_patterns() -> None:
    block = Block(
        "p.md",
        1,
        "console",
        "$ govdisclosure check a.json\nline 1\n...\n$ echo $?\n1\n"
        "$ python -m govdisclosure rules\n",
        None,
    )
    assert [(c.argv, c.output, c.exit_code) for c in commands(block)] == [
        (["check", "a.json"], ["line 1", "..."], 1),
        (["rules"], [], 0),
    ]
    assert output_matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert output_matches(["a", "..."], ["a"])
    assert not output_matches(["a", "d"], ["a", "b", "d"])
    for bad, problem in (
        ("$ ls\n", "runs only govdisclosure"),
        ("$ govdisclosure schema > x.json\n", "shell operators"),
        ("output first\n", "output before any"),
    ):
        with pytest.raises(ValueError, match=problem):
            commands(Block("p.md", 1, "console", bad, None))


def test_a_failing_command_is_caught() -> None:
    wrong_code = Block("p.md", 1, "console", "$ govdisclosure rule GD999\n", None)
    with pytest.raises(AssertionError, match="exit code 2"):
        check_console(wrong_code)
    wrong_output = Block("p.md", 1, "console", "$ govdisclosure rule GD301\nnothing\n", None)
    with pytest.raises(AssertionError, match="output differs"):
        check_console(wrong_output)


def test_the_docs_have_examples_to_run() -> None:
    # Guards the harness against finding nothing (a changed fence syntax, a moved folder).
    found = [
        b
        for path in pages()
        for b in blocks(path.read_text(encoding="utf-8"), str(path))
        if b.not_tested is None and (b.lang in PYTHON or b.lang == "console")
    ]
    assert len(found) >= 20
    assert {b.lang for b in found} >= {"python", "console"}
