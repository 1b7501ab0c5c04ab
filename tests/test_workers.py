"""No worker outlives its parent: a killed parallel run leaves no process behind.

Each test starts a parallel run in a child Python process (``check_jsonl(jobs=2)``, or
``govdisclosure check --jobs 2``), waits until its two workers are busy, kills the
parent with ``SIGTERM`` or ``SIGKILL``, and then requires both workers to be gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from .conftest import EXAMPLES

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads process parents from /proc"
)

#: check_jsonl over an endless stream of lines: it runs until it is killed.
JSONL_RUN = """
import itertools, sys
import govdisclosure
line = open(sys.argv[1], encoding="utf-8").read().replace("\\n", " ")
results = govdisclosure.check_jsonl(itertools.repeat(line), jobs=2, chunksize=1)
next(results)
print("busy", flush=True)
for _ in results:
    pass
"""

#: The CLI with every file's check made to take a minute.
CLI_RUN = """
import sys, time
from govdisclosure.cli import _check, main

original = _check._check_one

def slow(*arguments):
    print("busy", flush=True)
    time.sleep(60)
    return original(*arguments)

_check._check_one = slow
sys.exit(main(["check", sys.argv[1], "--jobs", "2", "--no-progress"]))
"""


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    state = stat.rpartition(")")[2].split()[0]
    return state not in ("Z", "X")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _workers(parent: subprocess.Popen[str], count: int) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        children = [c for c in _children(parent.pid) if _alive(c)]
        if len(children) >= count:
            return children
        assert parent.poll() is None, parent.stderr.read() if parent.stderr else ""
        time.sleep(0.05)
    raise AssertionError("the workers did not start")


def _kill_and_check(parent: subprocess.Popen[str], how: signal.Signals) -> None:
    assert parent.stdout is not None
    assert parent.stdout.readline().startswith("busy")  # two workers may write at once
    workers = _workers(parent, 2)
    os.kill(parent.pid, how)
    parent.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [w for w in workers if _alive(w)]
    for pid in survivors:  # leave nothing running, whatever the result
        os.kill(pid, signal.SIGKILL)
    assert survivors == []


def _start(script: str, argument: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), str(argument)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_check_jsonl_workers_die_with_their_parent(how: signal.Signals) -> None:
    _kill_and_check(_start(JSONL_RUN, EXAMPLES / "qidu-2019.json"), how)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_cli_check_workers_die_with_their_parent(tmp_path: Path, how: signal.Signals) -> None:
    for index in range(4):
        (tmp_path / f"r{index}.json").write_bytes((EXAMPLES / "qidu-2019.json").read_bytes())
    _kill_and_check(_start(CLI_RUN, tmp_path), how)


def test_the_watchdog_alone_ends_a_worker_whose_parent_is_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without the Linux death signal (as on other systems), the watchdog thread that
    # waits on the parent's sentinel ends the worker.
    script = """
    import itertools, sys
    import govdisclosure
    from govdisclosure import _workers
    _workers._death_signal = lambda: None
    line = open(sys.argv[1], encoding="utf-8").read().replace("\\n", " ")
    results = govdisclosure.check_jsonl(itertools.repeat(line), jobs=2, chunksize=1)
    next(results)
    print("busy", flush=True)
    for _ in results:
        pass
    """
    _kill_and_check(_start(script, EXAMPLES / "qidu-2019.json"), signal.SIGKILL)
