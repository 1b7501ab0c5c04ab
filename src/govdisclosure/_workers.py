"""Worker processes that die with their parent.

A process pool's workers outlive a parent killed by ``SIGTERM`` or ``SIGKILL``: they are
re-parented and go on holding the parent's output open. :func:`tie_to_parent`, run in
each worker when it starts (a pool's ``initializer``; the first thing a reader process of
:mod:`govdisclosure.parsers._isolation` does), ends the worker when its parent ends, two
ways:

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker the moment
  its parent dies, whatever killed the parent;
* everywhere, a watchdog thread: in a :mod:`multiprocessing` child, it waits on the pipe
  kept to the parent (the parent's *sentinel*, which becomes ready when the parent is
  gone); in a child started otherwise (a reader process), it looks every second whether
  the process has been re-parented. Either way it then ends the worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import wait
from typing import Any

__all__ = ["tie_to_parent", "tied_initializer"]

_PR_SET_PDEATHSIG = 1


def tie_to_parent(parent: int | None = None) -> None:
    """End this process when its parent ends (see the module documentation).

    ``parent`` is the process id of the parent, for a child not started by
    :mod:`multiprocessing`. A parent that died before this ran is noticed too: its
    sentinel is ready at once, or this process has another parent already.
    """
    if sys.platform.startswith("linux"):
        _death_signal()
    if parent is None:
        _watch_parent()
    else:
        _watch_parent_id(parent)


def _death_signal() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: the watchdog alone
        pass


def _watch_parent() -> None:
    process = multiprocessing.parent_process()
    sentinel = getattr(process, "sentinel", None)
    if sentinel is None:
        return  # not a multiprocessing child
    thread = threading.Thread(
        target=_exit_when_ready, args=(sentinel,), name="govdisclosure-parent-watch", daemon=True
    )
    thread.start()


def _exit_when_ready(sentinel: Any) -> None:
    with contextlib.suppress(OSError):
        wait([sentinel])
    os._exit(1)


def _watch_parent_id(parent: int) -> None:
    if os.getppid() != parent:
        os._exit(1)
    thread = threading.Thread(
        target=_exit_when_orphaned,
        args=(parent,),
        name="govdisclosure-parent-watch",
        daemon=True,
    )
    thread.start()


def _exit_when_orphaned(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def tied_initializer(
    initializer: Callable[..., object] | None = None, *args: object
) -> tuple[Callable[..., None], tuple[object, ...]]:
    """``(initializer, initargs)`` for a process pool whose workers die with this process,
    running ``initializer(*args)`` after tying them."""
    return _initialize, (initializer, args)


def _initialize(initializer: Callable[..., object] | None, args: tuple[object, ...]) -> None:
    tie_to_parent()
    if initializer is not None:
        initializer(*args)
