"""Command line: `extract` and `rubric` (extract, text, schema, and the review commands).

Exit codes, the same for every command:
  0  success
  1  `rubric diff`: the two sides differ
  2  usage error (unknown option, missing argument)
  3  an input cannot be read as a plan (missing, empty, binary, corrupt, unsupported)

Errors are one line, `PATH: what is wrong`, on stderr; never a traceback, never a partial
output file (outputs are written to a temporary file and renamed into place).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from extractor.errors import EXIT_BAD_INPUT, EXIT_USAGE, InputError

PLAN_SUFFIXES = (".txt", ".docx", ".pdf", ".doc", ".wps")

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 differences found (diff); 2 usage error; "
    "3 unreadable or unsupported input."
)

app = typer.Typer(
    name="rubric",
    help="Turn Chinese implementation plans (实施方案) into evidence-backed JSON rubrics, "
    "and review, compare and apply them.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    print(f"error: {message}", file=sys.stderr)
    return typer.Exit(code)


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` via a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def collect_inputs(paths: list[Path]) -> list[Path]:
    """The plan files named by `paths`, a directory standing for the plans directly in it."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in PLAN_SUFFIXES)
            found = [p for p in found if p.is_file()]
            if not found:
                raise InputError(path, f"directory has no plan files ({', '.join(PLAN_SUFFIXES)})")
            files.extend(found)
        else:
            files.append(path)
    return files


def plan_json(path: Path) -> str:
    """The extracted plan of `path` as pretty JSON text (InputError if unreadable)."""
    from extractor.pipeline import extract_file

    plan = extract_file(path)
    return plan.model_dump_json(indent=2) + "\n"


def run_extract(files: list[Path], output: str) -> None:
    """Extract `files` into `output` (a file, a directory, or - for stdout)."""
    try:
        inputs = collect_inputs(files)
    except InputError as exc:
        raise fail(str(exc)) from None
    many = len(inputs) > 1 or any(p.is_dir() for p in files)
    if many and output != "-" and Path(output).suffix.lower() == ".json":
        raise fail(
            f"{output}: several plans need an output directory, not a .json file", EXIT_USAGE
        )
    failures = 0
    for path in inputs:
        try:
            text = plan_json(path)
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failures += 1
            continue
        if output == "-":
            sys.stdout.write(text)
        elif many:
            write_atomically(Path(output) / f"{path.stem}.json", text)
        else:
            write_atomically(Path(output), text)
    if failures:
        raise typer.Exit(EXIT_BAD_INPUT)


FilesArg = Annotated[
    list[Path],
    typer.Argument(help="Plan files (.txt, .docx, .pdf, .doc, .wps) or directories of them."),
]
OutputOpt = Annotated[
    str,
    typer.Option(
        "--output",
        "-o",
        help="Output: a .json file for one plan, a directory for several, - for stdout.",
    ),
]


@app.command("extract")
def extract_command(files: FilesArg, output: OutputOpt = "-") -> None:
    """Extract plans into contract JSON (shared/CONTRACT.md).

    Examples:

      rubric extract corpus/hangtai.txt -o rubric.json

      rubric extract corpus/ -o out/          (one JSON per plan)

      rubric extract plan.docx -o - | jq .targets
    """
    run_extract(files, output)


@app.command("text")
def text_command(
    file: Annotated[Path, typer.Argument(help="A plan file.")],
) -> None:
    """Print the normalised text that evidence offsets point into.

    `evidence.quote == text[evidence.start:evidence.end]` for every record of
    `rubric extract FILE`.
    """
    from extractor.readers import read_document

    try:
        doc = read_document(file)
    except InputError as exc:
        raise fail(str(exc)) from None
    sys.stdout.write(doc.text)
    if not doc.text.endswith("\n"):
        sys.stdout.write("\n")


@app.command("schema")
def schema_command(
    model: Annotated[
        str,
        typer.Option(
            "--model",
            "-m",
            help="Which schema: plan (what extract writes) or rubric (one Rubric record, "
            "for scoring tools).",
        ),
    ] = "plan",
) -> None:
    """Print the JSON Schema of the output, as committed in schemas/MODEL.schema.json.

    Example: rubric schema --model rubric > schemas/rubric.schema.json
    """
    from extractor.models import SCHEMA_MODELS, json_schema

    if model not in SCHEMA_MODELS:
        raise fail(f"--model must be one of {', '.join(SCHEMA_MODELS)}, not {model!r}", EXIT_USAGE)
    sys.stdout.write(json.dumps(json_schema(model), ensure_ascii=False, indent=2) + "\n")


extract_app = typer.Typer(
    add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None
)


@extract_app.command()
def extract_only(files: FilesArg, output: OutputOpt = "-") -> None:
    """Extract plans into contract JSON (shared/CONTRACT.md).

    Examples: `extract corpus/hangtai.txt -o rubric.json`;
    `extract corpus/ -o out/` (one JSON per plan); `extract plan.txt` (to stdout).

    Exit codes: 0 success; 2 usage error; 3 unreadable or unsupported input.
    """
    run_extract(files, output)


def extract_main() -> None:
    """Entry point of the `extract` console script."""
    extract_app(prog_name="extract")
