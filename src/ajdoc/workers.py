"""Tasks spread over worker processes, their outcomes given back in the tasks' order.

With one job (or one task) each task runs here, in turn; with more, in a pool of that many worker
processes (started by fork on Linux: they begin with what this process loaded, the library and
the prepared templates, instead of loading it again). Either way the heap that exists at the start
is set aside from the garbage collector's full passes meanwhile (``rendering.heap``). The caller
gives picklable tasks and a module-level function; what a task returns is its outcome, so a
function that reports its own mistakes as outcomes never ends the others.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterator, Sequence, TypeVar

from .rendering.heap import set_aside

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def in_order(fn: Callable[[T], R], tasks: Sequence[T], jobs: int) -> Iterator[R]:
    """`fn(task)` of each task, in order, `jobs` processes at once (see the module's text)."""
    with set_aside():  # for the whole run; workers started by fork keep it
        if jobs <= 1 or len(tasks) < 2:
            for task in tasks:
                yield fn(task)
            return
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(fn, tasks, chunksize=max(1, len(tasks) // (jobs * 8)))
