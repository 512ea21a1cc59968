"""Per-article work spread over the machine's cores, results in the order asked for.

Extracting or building an archive is the same pure computation repeated per article, and
CPython runs it on one core at a time. Forked worker processes share the parent's imported
modules and arguments for free and send back only each article's result. Results come
back in order, so the first error is the one a sequential run would raise; an error in a
worker is re-raised in the parent as the same ``ToolkitError`` (they pickle with their path
and line). Small runs stay in the calling process: starting workers costs more than an
article or two take.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

from toolkit.errors import ToolkitError

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a run stays in this process: starting and stopping two workers took
# 10-20 ms here, and an article takes 2-4 ms to extract or build.
MIN_PARALLEL = 16
_CHUNK = 8  # items per message to a worker: fewer round trips, still an even spread

# The function the forked workers run: a fork inherits it, so it needs no pickling (a
# closure over a Workspace works). Set while the workers start.
_task: Callable[[Any], Any] | None = None


def cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int) -> int:
    """``jobs`` as a number of processes: 0 means one per core."""
    return cores() if jobs <= 0 else jobs


def ordered_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    min_items: int = MIN_PARALLEL,
    chunk: int = _CHUNK,
) -> Generator[R, None, None]:
    """``map(fn, items)``, on up to ``jobs`` processes (0: one per core) when worth it.

    Without ``fork`` (Windows, or a platform that forbids it) the work stays here. A worker
    that dies (the out-of-memory killer, a crash in a C extension) raises
    :class:`~toolkit.errors.ToolkitError` instead of leaving the run waiting for it.
    """
    workers = min(resolve_jobs(jobs), -(-len(items) // chunk))
    if (
        workers <= 1
        or len(items) < min_items
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield from map(fn, items)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _task
    try:
        pool = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"), initializer=_leave_ctrl_c
        )
    except (ImportError, NotImplementedError, OSError):
        # No working semaphores (a container without /dev/shm): the work stays here.
        yield from map(fn, items)
        return
    try:
        _task = fn
        try:  # the first submission forks every worker: each inherits _task
            results = pool.map(_run, items, chunksize=chunk)
        except OSError:  # fork refused (memory, a process limit): the work stays here
            results = map(fn, items)
        finally:
            _task = None  # the parent needs none
        yield from results
    except BrokenProcessPool:
        raise ToolkitError(
            "a worker process died (out of memory?); nothing written, run again with --jobs 1"
        ) from None
    finally:
        # On an error or an abandoned iteration: no new chunk starts; running ones finish.
        pool.shutdown(wait=True, cancel_futures=True)


def _leave_ctrl_c() -> None:
    """In a worker: Ctrl-C (SIGINT to the terminal's whole process group) is the parent's to
    handle; it stops the pool. A worker would only print a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(item: Any) -> Any:
    assert _task is not None, "ordered_map's worker started without its task"
    return _task(item)
