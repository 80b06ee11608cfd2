"""Extract many plans at once: in this process, on a local Dask cluster, or on a real one.

`extract_many(paths, scheduler=None, jobs=1)` yields `(path, Plan or error message)` in the
order of `paths`, whatever order the workers finish in, so that a batch writes the same
files and the same database as a serial run. Every mode runs `extract_one` on each path:

- `jobs=1` and no scheduler: serially, in this process (Dask is not imported);
- `jobs=N`: a `dask.distributed.LocalCluster` of N single-threaded worker processes
  (extraction is pure Python: threads would share one interpreter lock), closed afterwards;
- `scheduler="tcp://host:8786"`: an existing Dask scheduler, whose workers must see the
  paths (a shared file system) and have this package installed (extra `cluster`).

Each worker reads its own files and sends back the extracted Plan; an input that cannot be
read as a plan comes back as its one-line error (`PATH: what is wrong`), never raised.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from extractor.errors import InputError
from extractor.models import Plan

INSTALL_HINT = "a Dask cluster needs dask.distributed: pip install 'plan-extractor[cluster]'"
# Plans handed to the cluster ahead of the one being yielded: enough to keep every worker
# busy, few enough that a batch of thousands never holds all its plans in memory at once.
IN_FLIGHT_PER_WORKER = 4
# Plans per task: a .txt plan of 15 KB extracts in about 5 ms, and the scheduler's round trip
# of one task costs about as much, so small files travel in chunks (up to this many plans and
# CHUNK_BYTES of files; a chunk's results come back whole). A PDF of 100 KB or more takes
# 0.2 s a page and goes alone, so that two workers share a batch of PDFs evenly.
PLANS_PER_TASK = 8
CHUNK_BYTES = 100_000

PlanOrError = Plan | str


def extract_one(path: str | os.PathLike[str]) -> tuple[str, PlanOrError]:
    """One plan file's Plan, or its error message when it cannot be read as a plan."""
    from extractor.pipeline import extract_file

    try:
        return str(path), extract_file(Path(path))
    except InputError as exc:
        return str(path), str(exc)


def extract_chunk(paths: list[str]) -> list[tuple[str, PlanOrError]]:
    """`extract_one` of each path, in order: one cluster task."""
    return [extract_one(path) for path in paths]


def extract_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    scheduler: str | None = None,
    jobs: int = 1,
    processes: bool = True,
) -> Iterator[tuple[str, PlanOrError]]:
    """Extract every path, yielding `(path, Plan or error message)` in input order.

    `scheduler` is the address of a running Dask scheduler; without one, `jobs` > 1 starts a
    local cluster of that many workers (`processes=False` keeps them as threads in this
    process: for tests, no faster for the pure-Python extraction), and `jobs` = 1 runs here.
    """
    if scheduler is None and jobs <= 1:
        for path in paths:
            yield extract_one(path)
        return
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ImportError(INSTALL_HINT) from None
    if scheduler is not None:
        with Client(scheduler) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            yield from _ordered_results(client, paths, workers)
        return
    cluster = LocalCluster(
        n_workers=jobs,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=None,  # no web dashboards: nothing listens but the cluster
        worker_dashboard_address=None,
    )
    with cluster, Client(cluster) as client:
        yield from _ordered_results(client, paths, jobs)


def _ordered_results(
    client, paths: Iterable[str | os.PathLike[str]], workers: int
) -> Iterator[tuple[str, PlanOrError]]:
    """Submit paths in chunks, a window at a time, and yield their results in input order."""
    window = max(1, workers * IN_FLIGHT_PER_WORKER)
    pending = []
    for chunk in task_chunks(str(path) for path in paths):
        # pure=False: a file changed between two runs must be read again, not remembered
        pending.append(client.submit(extract_chunk, chunk, pure=False))
        if len(pending) >= window:
            yield from pending.pop(0).result()
    while pending:
        yield from pending.pop(0).result()


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # not visible here (or missing): the worker will say


def task_chunks(paths: Iterable[str]) -> Iterator[list[str]]:
    """Consecutive paths grouped into tasks of at most PLANS_PER_TASK plans and, beyond
    their first plan, CHUNK_BYTES of files."""
    chunk: list[str] = []
    size = 0
    for path in paths:
        file_size = _file_size(path)
        if chunk and (len(chunk) == PLANS_PER_TASK or size + file_size > CHUNK_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(path)
        size += file_size
    if chunk:
        yield chunk
