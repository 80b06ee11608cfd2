"""Running a batch of plans: one job per input, run serially or on a pool of processes.

`extract` builds a `Job` per input and hands them with its `BatchOptions` to `run_batch`,
which yields one `Outcome` per job in the order of the jobs, whatever the backend: a pool
finishes plans out of order, but what is printed and written is the same as a serial run.
A backend is anything with `map(work, items)` returning the results in order
(`SerialBackend`, `ProcessPoolBackend`); a Dask or cluster backend plugs in the same way.

Each job runs in isolation: the library output of its reading is held back (notes, shown
with --verbose), and every failure becomes the one-line reason of its Outcome, never an
exception across the backend (a traceback travels as text, for --debug).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from extractor.errors import InputError, display_path
from extractor.limits import DEFAULT_LIMITS, Limits, use_limits

STDIN_NAME = "<stdin>"  # how a plan read from standard input is named (source.path, errors)

NOT_A_PLAN = "not_a_plan"  # the warning code of a text extracted with --force
NOT_A_PLAN_MESSAGE = (
    "not a plan: no headings, title, scoring tables, phases, responsibilities or "
    "leading group found"
)
# The fields that only a plan's structure gives. Targets, deadlines and tables alone do not
# make a plan: any prose that mentions 到2025年 or holds a Markdown table gives some.
PLAN_STRUCTURE_FIELDS = (
    "sections",
    "title",
    "rubrics",
    "phases",
    "responsibilities",
    "committee",
    "communities",
)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Job:
    """One input of a batch: a file, or standard input's bytes (read up front)."""

    source: Path
    data: bytes | None = None

    @property
    def name(self) -> str:
        """The input as errors and `source.path` name it."""
        return STDIN_NAME if self.data is not None else display_path(self.source)


@dataclass(frozen=True)
class BatchOptions:
    """How every job of a batch is run (plain data: it travels to worker processes)."""

    limits: Limits = DEFAULT_LIMITS
    indent: int | None = 2  # None: one line (JSON Lines on stdout)
    force: bool = False  # extract a text without plan structure, with a warning
    debug: bool = False  # let library output through; keep the traceback of a failure


@dataclass(frozen=True)
class Outcome:
    """What one job gave: the plan's JSON text, or the one-line reason it failed."""

    job: Job
    text: str | None = None
    error: str | None = None  # `PATH: what is wrong`
    warnings: tuple[str, ...] = ()  # one line each, for stderr (`PATH: …`)
    notes: tuple[str, ...] = ()  # what libraries printed while it was read
    traceback: str | None = None  # with BatchOptions.debug

    @property
    def ok(self) -> bool:
        """True when the plan was extracted."""
        return self.error is None


class Backend(Protocol):
    """Runs `work` over `items`, yielding the results in the order of `items`."""

    def map(self, work: Callable[[T], R], items: Sequence[T]) -> Iterator[R]: ...


class SerialBackend:
    """Every job in this process, one after the other."""

    def map(self, work: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """Results of `work` over `items`, in order."""
        return map(work, items)


@dataclass
class ProcessPoolBackend:
    """Jobs on a pool of `workers` processes; results come back in the order of the jobs.

    The pool is forked where the platform can (the workers inherit the imported pipeline
    instead of importing it again); it is started before the caller's progress display
    draws, as `map` submits every job at once.
    """

    workers: int

    def map(self, work: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """Results of `work` over `items`, in order; the pool closes when they are read."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        results = pool.map(work, items)  # submits every job now

        def ordered() -> Iterator[R]:
            try:
                yield from results
            finally:
                pool.shutdown(cancel_futures=True)

        return ordered()


@dataclass
class DaskBackend:
    """Jobs on a running `dask.distributed` scheduler (`extract --scheduler tcp://host:8786`):
    each worker reads its files and returns the outcome; results come back in the order of
    the jobs. The workers need this package installed (extra `cluster`) and the input paths
    on a shared file system."""

    scheduler: str

    def map(self, work: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """Results of `work` over `items`, in order; ImportError without dask.distributed."""
        try:
            from dask.distributed import Client
        except ImportError:
            from extractor.cluster import INSTALL_HINT

            raise ImportError(INSTALL_HINT) from None

        def ordered() -> Iterator[R]:
            with Client(self.scheduler) as client:
                # pure=False: a file changed between two runs must be read again
                for future in client.map(work, list(items), pure=False):
                    yield future.result()

        return ordered()


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def choose_backend(jobs: int | None, count: int, scheduler: str | None = None) -> Backend:
    """The backend for `count` plans: a Dask scheduler's workers when an address is given,
    else `jobs` processes (None: one per core), a pool only where it has two workers or more
    to give."""
    if scheduler:
        return DaskBackend(scheduler)
    workers = min(jobs or default_workers(), count)
    return ProcessPoolBackend(workers) if workers > 1 else SerialBackend()


def run_batch(jobs: Sequence[Job], options: BatchOptions, backend: Backend) -> Iterator[Outcome]:
    """One Outcome per job, in the order of `jobs`."""
    if isinstance(backend, ProcessPoolBackend):
        import_pipeline()  # once, before the workers fork: they share it
    return backend.map(functools.partial(run_job, options=options), jobs)


def run_job(job: Job, options: BatchOptions) -> Outcome:
    """Extract one job's plan under `options`; a failure is the Outcome's error line."""
    notes: list[str] = []
    try:
        with use_limits(options.limits), library_output_held(notes, options.debug):
            plan = extract_job(job)
        warnings: tuple[str, ...] = ()
        if not has_plan_structure(plan):
            if not options.force:
                raise InputError(job.name, f"{NOT_A_PLAN_MESSAGE} (--force extracts it anyway)")
            from extractor.models import Warning

            plan.warnings.append(Warning(code=NOT_A_PLAN, message=NOT_A_PLAN_MESSAGE))
            warnings = (f"{job.name}: {NOT_A_PLAN_MESSAGE}; extracted anyway (--force)",)
        text = plan.model_dump_json(indent=options.indent) + "\n"
        return Outcome(job, text=text, warnings=warnings, notes=tuple(notes))
    except InputError as exc:
        return Outcome(job, error=str(exc), notes=tuple(notes), traceback=trace(options))
    except Exception as exc:
        return Outcome(
            job,
            error=f"{job.name}: {failure_reason(exc)}",
            notes=tuple(notes),
            traceback=trace(options),
        )


def trace(options: BatchOptions) -> str | None:
    """The traceback of the exception being handled, when --debug asks for it."""
    if not options.debug:
        return None
    import traceback

    return traceback.format_exc()


def import_pipeline() -> None:
    """Import the pipeline and the text reader with their patterns and dataclass methods
    built from the compile caches (`extractor.compile_cache`): most of a one-plan run is
    this import."""
    if "extractor.pipeline" in sys.modules:
        return
    from extractor.compile_cache import dataclass_methods_cached, patterns_cached

    with patterns_cached(), dataclass_methods_cached():
        import extractor.pipeline
        import extractor.readers.txt  # noqa: F401


def extract_job(job: Job):  # -> Plan (imported lazily)
    """The Plan of one job's file or bytes (InputError if it cannot be read as a plan)."""
    import_pipeline()
    from extractor.pipeline import cycle_collector_paused, extract_file, extract_from_document

    if job.data is None:
        return extract_file(job.source)
    with cycle_collector_paused():
        return extract_from_document(read_stdin_document(job.data))


def read_stdin_document(data: bytes):  # -> Document
    """A Document of bytes read from standard input, refused as a file would be."""
    from extractor.readers import MAX_INPUT_BYTES, read_data

    if not data:
        raise InputError(STDIN_NAME, "file is empty")
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(STDIN_NAME, f"over the {MAX_INPUT_BYTES}-byte limit")
    return read_data(Path(STDIN_NAME), data)


def has_plan_structure(plan) -> bool:  # plan: Plan
    """True when the plan has any of the fields only a plan's structure gives
    (PLAN_STRUCTURE_FIELDS)."""
    return any(getattr(plan, name) for name in PLAN_STRUCTURE_FIELDS)


def failure_reason(exc: BaseException) -> str:
    """What is wrong, in one line, for an exception that is not an InputError."""
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    if isinstance(exc, MemoryError):
        return "too large for the memory available"
    reason = (str(exc).strip().splitlines() or [""])[0]
    return (
        f"cannot be processed ({type(exc).__name__}: {reason}); "
        "rerun with --debug for the traceback"
    )


@contextlib.contextmanager
def library_output_held(notes: list[str], debug: bool = False) -> Iterator[None]:
    """Hold back what libraries write to stdout and stderr (warnings, log lines, C-level
    notes such as onnxruntime's) while a plan is read, appending it to `notes`, one line
    each; with `debug` let it through. Our own messages are printed outside."""
    if debug:
        yield
        return
    try:
        targets = [(stream, stream.fileno()) for stream in (sys.stdout, sys.stderr)]
    except (AttributeError, ValueError, io.UnsupportedOperation):
        targets = []  # not real files (a test runner's buffers): Python warnings only
    import warnings

    with tempfile.TemporaryFile() as held, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        saved = []
        for stream, fd in targets:
            stream.flush()
            saved.append((stream, fd, os.dup(fd)))
            os.dup2(held.fileno(), fd)
        try:
            yield
        finally:
            for stream, fd, copy in saved:
                stream.flush()
                os.dup2(copy, fd)
                os.close(copy)
            held.seek(0)
            lines = held.read().decode("utf-8", "replace").splitlines()
            lines += [f"{w.category.__name__}: {w.message}" for w in caught]
            notes.extend(line for line in lines if line.strip())
