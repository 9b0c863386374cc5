"""The pool of worker processes the out-of-core counter splits and counts a ledger with.

Part of the command line's edge: the workers leave Ctrl-C to the command (which stops
them) and die on SIGTERM, so that no worker outlives an interrupted command.
"""

from __future__ import annotations

import signal
import sys
from concurrent.futures import Executor, ProcessPoolExecutor
from multiprocessing import get_context
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["map_jobs", "stop_workers", "worker_pool"]

_T = TypeVar("_T")
_R = TypeVar("_R")


def map_jobs(pool: Executor | None, function: Callable[[_T], _R], jobs: list[_T]) -> Iterator[_R]:
    """``function`` of each job, in order: in ``pool``, or here for one job or no pool."""
    if pool is None or len(jobs) == 1:
        return map(function, jobs)
    return pool.map(function, jobs)


def _start_worker() -> None:
    """In a worker: leave Ctrl-C to the command (it stops the workers), die on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def worker_pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool of ``workers`` processes (forked on Linux), or none for one worker."""
    if workers <= 1:
        return None
    context = get_context("fork") if sys.platform == "linux" else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now (the command was interrupted): no result is wanted."""
    # The executor has no public way to stop its workers before Python 3.14
    # (terminate_workers); its processes are in this attribute since 3.2.
    processes: dict[int, Any] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()
