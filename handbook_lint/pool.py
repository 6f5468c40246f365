"""Work on many pages at once (linting, drawing): chunks of pages in worker processes, results in page order.

Below `PARALLEL_THRESHOLD` pages, or with one job, pages are linted in this process: starting
workers costs more than it saves. Workers are forked where the platform allows (they start
with everything imported), else spawned.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from handbook_lint.config import Config
from handbook_lint.diagnostics import Diagnostic

T = TypeVar("T")

PARALLEL_THRESHOLD = 50
#: Each worker gets about this many chunks, so that a slow page does not hold up the others.
_CHUNKS_PER_JOB = 4
_MAX_CHUNK = 32

#: The digest of the bytes linted, the diagnostics, the `structure-tables` entries matched.
Linted = tuple[str | None, list[Diagnostic], list[int]]


def default_jobs() -> int:
    """One job per CPU this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_files(
    tasks: list[tuple[str, Config]], *, jobs: int, done: Callable[[int], Any] | None = None
) -> Iterator[Linted]:
    """Lint each (path, configuration), yielding the results in order; `done(1)` after each page."""
    return map_pages(_lint, tasks, jobs=jobs, done=done)


def map_pages(
    work: Callable[[str, Config], T],
    tasks: list[tuple[str, Config]],
    *,
    jobs: int,
    done: Callable[[int], Any] | None = None,
) -> Iterator[T]:
    """`work(path, configuration)` for each task, yielding the results in order (a caller that
    uses each as it comes holds no list of them); `done(1)` after each page. `work` must be a
    module-level function: workers are given it by name."""
    if jobs <= 1 or len(tasks) < PARALLEL_THRESHOLD:
        for path, config in tasks:
            result = _work_on_page(work, path, config)
            if done is not None:
                done(1)
            yield result
        return
    from concurrent.futures import ProcessPoolExecutor  # only runs this long import it

    workers = min(jobs, len(tasks))
    chunk = max(1, min(_MAX_CHUNK, len(tasks) // (workers * _CHUNKS_PER_JOB)))
    configs: dict[int, tuple[int, Config]] = {}  # each configuration goes to a worker once
    for _, config in tasks:
        configs.setdefault(id(config), (len(configs), config))
    indexed = [(work, path, configs[id(config)][0]) for path, config in tasks]
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_receive,
        initargs=([config for _, config in configs.values()],),
    ) as pool:
        for result in pool.map(_work_on_indexed, indexed, chunksize=chunk):
            if done is not None:
                done(1)
            yield result


_WORKER_CONFIGS: list[Config] = []


def _receive(configs: list[Config]) -> None:
    """A worker's start: the configurations its tasks name by index."""
    _WORKER_CONFIGS[:] = configs


def _work_on_indexed(task: tuple[Callable[[str, Config], T], str, int]) -> T:
    work, path, config = task
    return _work_on_page(work, path, _WORKER_CONFIGS[config])


def _work_on_page(work: Callable[[str, Config], T], path: str, config: Config) -> T:
    # A page leaves reference cycles behind (parsers, trees with parent links), which the
    # command line's raised collection threshold would keep for millions of allocations:
    # a worker grew with the pages it read (55 MB at 10x the corpus, 100 MB at 50x).
    # Collected while young they cost little, and memory stays flat (43 MB at 10x). They are
    # collected before the next page, not after each: the last page's go with the process
    # (a collection after a one-page run's only page searched the engine it imported: 0.7 ms).
    gc.collect(1)
    return work(path, config)


def _lint(path: str, config: Config) -> Linted:
    from handbook_lint.engine import lint_file_digest

    return lint_file_digest(path, config)


def _context() -> Any:
    """Fork on Linux when no other thread runs (a fork copies only the calling thread), else spawn."""
    import multiprocessing

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
