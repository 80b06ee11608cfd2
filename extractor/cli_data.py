"""The data teams' commands of `rubric`: `index` (a database or Parquet of many plans) and
`export --spacy` (span training data), plus the plan loading that lets `rubric compare`
read a database.

The commands are plain functions registered on the `rubric` app at the end of
`extractor/cli.py` (`app.command("index")(index_command)`), so that this module owns them
whole. Heavy imports (pydantic, sqlite tables, pyarrow, spaCy, Dask) happen inside them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from extractor.errors import EXIT_BAD_INPUT, EXIT_USAGE, InputError

if TYPE_CHECKING:
    from extractor.models import Plan

JSON_SUFFIX = ".json"
INDEX_FORMATS = ("sqlite", "parquet")


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    from extractor.cli import fail

    return fail(message, code)


def _plan_suffixes() -> tuple[str, ...]:
    from extractor.cli import PLAN_SUFFIXES

    return PLAN_SUFFIXES


def is_database(path: Path) -> bool:
    """Whether `path` names a plan database (`.sqlite`, `.sqlite3`, `.db`)."""
    from extractor.store import sqlite

    return sqlite.is_database(path)


def collect_plan_sources(paths: list[Path]) -> list[Path]:
    """The files named by `paths`, a directory standing for the plan JSON, plan files and
    databases directly in it (sorted by name); InputError for a directory with none."""
    from extractor.store.sqlite import DATABASE_SUFFIXES

    suffixes = (JSON_SUFFIX, *_plan_suffixes(), *DATABASE_SUFFIXES)
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes
            )
            if not found:
                raise InputError(path, f"directory has no plans ({', '.join(suffixes)})")
            files.extend(found)
        else:
            files.append(path)
    return files


def iter_plans(
    paths: list[Path], jobs: int = 1, scheduler: str | None = None
) -> Iterator[tuple[Path, Plan | str]]:
    """Every plan of `paths` in order, as `(path, Plan or error message)`: plan JSON read,
    databases opened (every plan in them), plan files extracted (on `jobs` local workers
    or a Dask `scheduler`, see `extractor.cluster`)."""
    from extractor import load
    from extractor.cluster import extract_many
    from extractor.store.sqlite import read_plans

    sources = collect_plan_sources(paths)
    to_extract = [p for p in sources if p.suffix.lower() != JSON_SUFFIX and not is_database(p)]
    extracted = extract_many(to_extract, jobs=jobs, scheduler=scheduler) if to_extract else None
    for path in sources:
        try:
            if path.suffix.lower() == JSON_SUFFIX:
                yield path, load(path)
            elif is_database(path):
                for plan in read_plans(path):
                    yield path, plan
            else:
                assert extracted is not None
                _, result = next(extracted)
                yield path, result
        except InputError as exc:
            yield path, str(exc)


def load_compared_plans(paths: list[Path]) -> list[Plan]:
    """The plans `rubric compare` compares: plan JSON, plan files, and every plan of a
    database; a one-line error and exit 3 if one cannot be read."""
    plans: list[Plan] = []
    try:
        for _, result in iter_plans(paths):
            if isinstance(result, str):
                raise _fail(result)
            plans.append(result)
    except InputError as exc:
        raise _fail(str(exc)) from None
    return plans


PlansArg = Annotated[
    list[Path],
    typer.Argument(
        help="Plan JSON files (what `extract -o` writes), plan files (extracted now), plan "
        "databases, or directories of them."
    ),
]
JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Plan files extracted by this many local worker processes (Dask LocalCluster; "
        "extra `cluster`). 1: in this process.",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        help="Extract plan files on a running Dask scheduler (tcp://host:8786) whose workers "
        "see the files and have plan-extractor installed.",
    ),
]


def index_command(
    plans: PlansArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The database (.sqlite, .sqlite3 or .db; updated if it exists) or, with "
            "--format parquet, a folder for TABLE.parquet files.",
        ),
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="sqlite (stdlib, nothing to install) or parquet (extra `parquet`).",
        ),
    ] = "sqlite",
    jobs: JobsOpt = 1,
    scheduler: SchedulerOpt = None,
) -> None:
    """Index plans into a database: one table per kind of record, full-text search.

    Tables: plans, sections, targets, phases, deadlines, responsibilities (with
    responsibilities_lead / _participants and the view responsibility_units), rubrics,
    dimensions, items (items_level_points), rules, tables, communities, committee,
    attachments, warnings, references; every record keyed by plan_id and carrying its
    evidence offsets. `search` is an FTS5 index over item criteria, tasks and section
    headings. A plan whose source path or sha256 is already indexed replaces it.

    Examples:

      rubric index out/ -o plans.sqlite

      rubric index corpus/ -o plans.sqlite --jobs 2        (plan files extracted first)

      rubric index out/ --format parquet -o plans_parquet/

      sqlite3 plans.sqlite "SELECT * FROM search WHERE search MATCH '垃圾分类'"

    Exit codes: 0 indexed; 2 usage error (or the extra that an option needs is not
    installed); 3 a plan could not be read (the others are indexed).
    """
    from extractor.store.sqlite import index_plans, open_database

    if output_format not in INDEX_FORMATS:
        raise _fail(f"--format must be one of {', '.join(INDEX_FORMATS)}", EXIT_USAGE)
    if output_format == "sqlite" and not is_database(output):
        raise _fail(f"{output}: name the database .sqlite, .sqlite3 or .db", EXIT_USAGE)
    if output_format == "parquet" and output.exists() and not output.is_dir():
        raise _fail(f"{output}: Parquet tables go into a folder, not a file", EXIT_USAGE)
    if output_format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise _fail(
                "Parquet needs pyarrow: pip install 'plan-extractor[parquet]'", EXIT_USAGE
            ) from None
    failures = 0

    def good_plans() -> Iterator[Plan]:
        nonlocal failures
        for _, result in iter_plans(plans, jobs=jobs, scheduler=scheduler):
            if isinstance(result, str):
                print(f"error: {result}", file=sys.stderr)
                failures += 1
            else:
                yield result

    try:
        if output_format == "sqlite":
            with open_database(output) as conn:
                result = index_plans(conn, good_plans())
        else:
            from extractor.store.parquet import export_parquet

            with open_database(":memory:") as conn:
                result = index_plans(conn, good_plans())
                export_parquet(conn, output)
    except InputError as exc:
        raise _fail(str(exc)) from None
    except ImportError as exc:  # --jobs or --scheduler without the extra `cluster`
        raise _fail(str(exc), EXIT_USAGE) from None
    print(
        f"{output}: {result.added + result.replaced} plans indexed "
        f"({result.added} added, {result.replaced} replaced)",
        file=sys.stderr,
    )
    if failures:
        raise typer.Exit(EXIT_BAD_INPUT)


def export_command(
    plans: Annotated[
        list[Path],
        typer.Argument(
            help="Plan files, or plan JSON whose source file is at its source.path (its "
            "sha256 checked), or directories of them."
        ),
    ],
    spacy_output: Annotated[
        Path,
        typer.Option(
            "--spacy",
            help="The DocBin to write (.spacy): span groups units, targets, deadlines, "
            "rubric_items over each plan's normalised text.",
        ),
    ],
) -> None:
    """Export plans as spaCy training data: a DocBin of span groups (extra `spacy`).

    Each doc is a plan's normalised text (`rubric text`) tokenised by a blank `zh`
    pipeline, with span groups `units` (LEAD / PARTICIPANT), `targets`, `deadlines` and
    `rubric_items` from the evidence offsets. `spacy train` reads it (a spancat with
    spans_key = "targets", say); displaCy renders it (style="span").

    Example: rubric export corpus/ --spacy train.spacy
    """
    try:
        from extractor.spacy_component import export_docbin
    except ImportError:
        raise _fail(
            "spaCy is not installed: pip install 'plan-extractor[spacy]'", EXIT_USAGE
        ) from None
    try:
        sources = collect_plan_sources(plans)
        pairs = [_text_and_plan(path) for path in sources if not is_database(path)]
        count = export_docbin(pairs, spacy_output)
    except InputError as exc:
        raise _fail(str(exc)) from None
    print(f"{spacy_output}: {count} docs", file=sys.stderr)


def _text_and_plan(path: Path) -> tuple[str, Plan]:
    """A plan's normalised text and its Plan: a plan file extracted, or a plan JSON with its
    source re-read (InputError if it is gone or changed)."""
    from extractor import load, read
    from extractor.pipeline import extract_from_document

    if path.suffix.lower() != JSON_SUFFIX:
        document = read(path)
        return document.text, extract_from_document(document)
    plan = load(path)
    source = Path(plan.source.path)
    if not source.exists():
        raise InputError(path, f"its source {source} is not there; export the plan file")
    document = read(source)
    if document.source.sha256 != plan.source.sha256:
        raise InputError(path, f"its source {source} changed since it was extracted")
    return document.text, plan
