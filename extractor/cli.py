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


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8) to `path` via a temporary file in the same folder, then
    rename it into place, so that a reader never sees a partial file."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp_name, 0o666 & ~current_umask())  # mkstemp's 0600 is not what users expect
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def output_names(inputs: list[Path]) -> dict[Path, str]:
    """The JSON file name of each input in an output directory: `NAME.json`, or
    `NAME.SUFFIX.json` where plans of one name come in several formats (a.txt, a.docx)."""
    stems = [p.stem for p in inputs]
    return {p: f"{p.name}.json" if stems.count(p.stem) > 1 else f"{p.stem}.json" for p in inputs}


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


def plan_json(path: Path, indent: int | None = 2) -> str:
    """The extracted plan of `path` as JSON text, one line if `indent` is None (InputError if
    the file cannot be read as a plan)."""
    from extractor.pipeline import extract_file

    plan = extract_file(path)
    return plan.model_dump_json(indent=indent) + "\n"


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
    names = output_names(inputs)
    failures = 0
    for path in inputs:
        try:
            # Several plans on stdout are JSON Lines: one compact object per line.
            text = plan_json(path, indent=None if many and output == "-" else 2)
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failures += 1
            continue
        if output == "-":
            sys.stdout.write(text)
        elif many:
            write_atomically(Path(output) / names[path], text)
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
        help="Output: a .json file for one plan; a directory for several (NAME.json each, "
        "NAME.SUFFIX.json where one name comes in several formats); - for stdout (JSON Lines "
        "for several plans).",
    ),
]


@app.command("extract")
def extract_command(files: FilesArg, output: OutputOpt = "-") -> None:
    """Extract plans into contract JSON (shared/CONTRACT.md).

    Examples:

      rubric extract plans/county.txt -o rubric.json

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
    `rubric extract FILE`. A table row is one line, its cells separated by tabs; a cell
    written over several lines in a .txt or .docx keeps its line breaks (a PDF cell is
    one line).
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

    Examples: `extract plans/county.txt -o rubric.json`;
    `extract corpus/ -o out/` (one JSON per plan); `extract plan.txt` (to stdout).

    Exit codes: 0 success; 2 usage error; 3 unreadable or unsupported input.
    """
    run_extract(files, output)


def extract_main() -> None:
    """Entry point of the `extract` console script."""
    extract_app(prog_name="extract")


# ---------------------------------------------------------------- review commands
# Thin wrappers over extractor.review: load and check inputs, call one pure function,
# write the result atomically.

JSON_SUFFIX = ".json"


def load_plan(path: Path):  # -> Plan (imported lazily)
    """The Plan in an extracted JSON file, or a plan file extracted on the fly."""
    from pydantic import ValidationError

    from extractor.models import Plan
    from extractor.readers import read_bytes

    if path.suffix.lower() != JSON_SUFFIX:
        from extractor.pipeline import extract_file

        return extract_file(path)
    data = read_bytes(path)
    try:
        return Plan.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise InputError(path, f"not a plan JSON ({where}: {first['msg']})") from None


def load_plans(paths: list[Path]) -> list:
    """Plans of `paths` (JSON or plan files); a one-line error and exit 3 if one fails."""
    try:
        return [load_plan(path) for path in paths]
    except InputError as exc:
        raise fail(str(exc)) from None


@app.command("diff")
def diff_command(
    old: Annotated[Path, typer.Argument(help="Old plan JSON (or a plan file, extracted first).")],
    new: Annotated[
        Path | None, typer.Argument(help="New plan JSON (or a plan file, extracted first).")
    ] = None,
    golden: Annotated[
        Path | None,
        typer.Option(help="Compare OLD, extracted now, against this reviewed golden JSON."),
    ] = None,
    with_evidence: Annotated[
        bool, typer.Option("--with-evidence", help="Also compare evidence offsets and quotes.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help='Print {"equal", "changes": [...]} as JSON.')
    ] = False,
) -> None:
    """Semantic diff of two plans: records matched by identity, not list position.

    Rubric items pair by number and criterion, targets by year and figure, phases by
    name, units by name; evidence is ignored unless --with-evidence. Output is grouped by
    field, one line per change: `~ rubrics[0].dimensions[1].items[3].points: 5 → 6`.

    Examples:

      rubric diff old.json new.json

      rubric diff plans/county.txt --golden golden/county.json --with-evidence

      rubric diff a.json b.json --json | jq '.changes[].path'

    Exit codes: 0 equal; 1 different; 2 usage error; 3 unreadable input.
    """
    from extractor.review.diff import diff_plans, print_rich, render_json

    if (new is None) == (golden is None):
        raise fail("give either NEW or --golden GOLDEN.json (not both)", EXIT_USAGE)
    old_path, new_path = (golden, old) if golden is not None else (old, new)
    old_plan, new_plan = load_plans([old_path, new_path])
    changes = diff_plans(
        old_plan.model_dump(mode="json"),
        new_plan.model_dump(mode="json"),
        with_evidence=with_evidence,
    )
    if as_json:
        sys.stdout.write(render_json(changes))
    else:
        from rich.console import Console

        print_rich(changes, Console(highlight=False, soft_wrap=True))
    if changes:
        raise typer.Exit(1)


def load_rubric(path: Path, index: int):  # -> Rubric (imported lazily)
    """Rubric number `index` of a plan JSON, or a JSON file holding one rubric."""
    from pydantic import ValidationError

    from extractor.models import Rubric
    from extractor.readers import read_bytes

    data = read_bytes(path)
    try:
        raw = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InputError(path, "not valid JSON") from None
    if isinstance(raw, dict) and "dimensions" in raw:
        try:
            return Rubric.model_validate(raw)
        except ValidationError as exc:
            raise InputError(path, f"not a rubric JSON ({exc.errors()[0]['msg']})") from None
    plan = load_plan(path)
    if not plan.rubrics:
        raise InputError(path, "the plan has no rubric (its rubrics list is empty)")
    if not 0 <= index < len(plan.rubrics):
        raise InputError(path, f"--rubric {index}: the plan has {len(plan.rubrics)} rubric(s)")
    return plan.rubrics[index]


@app.command("score")
def score_command(
    rubric_file: Annotated[
        Path, typer.Argument(metavar="RUBRIC.json", help="A plan JSON with rubrics, or one rubric.")
    ],
    assessment: Annotated[
        Path,
        typer.Argument(
            metavar="ASSESSMENT.csv|json",
            help="Per item: points, a level name, or counted deduction events.",
        ),
    ],
    rubric_index: Annotated[
        int, typer.Option("--rubric", help="Which rubric of the plan (0 = the first).")
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Apply a rubric to one community's assessment: total, pass score, passed.

    The assessment names items by number (or criterion) and gives points (`5`), a level
    (`良好`, through the item's level_points) or deduction events (`{"events": 2}`: the
    item's points minus deduct × events, capped per rule).

    Examples:

      rubric score out/county.json self-check.csv      (CSV: item,points)

      rubric score out/province.json check.json --json  ({"items": {"8": {"events": [1, 0, 2]}}})

    Exit codes: 0 scored; 2 usage error; 3 unreadable input, unknown item or a score
    above its maximum.
    """
    from extractor.review.score import (
        AssessmentError,
        parse_assessment_csv,
        parse_assessment_json,
        print_score_table,
        score_rubric,
    )

    try:
        rubric = load_rubric(rubric_file, rubric_index)
        from extractor.readers import read_bytes

        raw = read_bytes(assessment)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(assessment, "is not UTF-8 text") from None
        try:
            if assessment.suffix.lower() == JSON_SUFFIX:
                entries = parse_assessment_json(text)
            else:
                entries = parse_assessment_csv(text)
            result = score_rubric(rubric, entries)
        except AssessmentError as exc:
            raise InputError(assessment, str(exc)) from None
    except InputError as exc:
        raise fail(str(exc)) from None
    if as_json:
        sys.stdout.write(result.to_json())
    else:
        from rich.console import Console

        print_score_table(result, Console(highlight=False))


@app.command("compare")
def compare_command(
    plans: Annotated[
        list[Path],
        typer.Argument(help="Plan JSON files, plan files (extracted first) or plan databases."),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Report file; its suffix picks the format: .html .xlsx .csv .md"
        ),
    ],
) -> None:
    """Compare plans side by side across jurisdictions.

    Views: overview with lineage (which plan implements which), targets by jurisdiction ×
    year, phases (a timeline in HTML), rubrics (total, pass score, dimension weights), a
    crosswalk of equivalent criteria (jieba word similarity) with the unmatched ones, and
    responsible units per task. HTML is one self-contained file; XLSX has one sheet per
    view; CSV is one file with a `view` column.

    Examples:

      rubric compare out/*.json -o report.html

      rubric compare out/county.json out/province.json -o report.xlsx
    """
    from extractor.review.compare import OUTPUT_FORMATS, build_comparison, render_comparison

    output_format = output.suffix.lower().lstrip(".")
    if output_format not in OUTPUT_FORMATS:
        raise fail(
            f"{output}: unknown report format; use one of "
            + ", ".join(f".{f}" for f in OUTPUT_FORMATS),
            EXIT_USAGE,
        )
    from extractor.cli_data import load_compared_plans

    loaded = load_compared_plans(plans)
    rendered = render_comparison(build_comparison(loaded), output_format)
    if isinstance(rendered, bytes):
        write_atomically(output, rendered)
    else:
        write_atomically(output, rendered)


@app.command("report")
def report_command(
    plan_file: Annotated[
        Path,
        typer.Argument(
            metavar="PLAN.json", help="An extracted plan (or a plan file, extracted now)."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    source: Annotated[
        Path | None,
        typer.Option(help="The plan's source file, if not at the plan's source.path."),
    ] = None,
) -> None:
    """Evidence view: the plan's text with every extracted record highlighted by field.

    A side list names every record; clicking one scrolls to its evidence. The text is
    re-read from --source (default: the plan's source.path), whose sha256 must match the
    plan's. One self-contained HTML file; all plan text is escaped.

    Examples:

      rubric report out/county.json -o county.html

      rubric report out/county.json --source ~/plans/county.txt -o county.html

      rubric report plans/county.docx -o county.html     (extracts first)
    """
    from extractor.readers import read_document
    from extractor.review.report import build_report, render_report

    if output.suffix.lower() not in (".html", ".htm"):
        raise fail(f"{output}: the evidence view is HTML; name the output .html", EXIT_USAGE)
    try:
        if plan_file.suffix.lower() != JSON_SUFFIX:
            from extractor.pipeline import extract_from_document

            doc = read_document(source or plan_file)
            plan = extract_from_document(doc)
        else:
            (plan,) = load_plans([plan_file])
            source_path = source or Path(plan.source.path)
            if not source_path.exists():
                raise InputError(
                    source_path, "the plan's source file is not there; pass --source FILE"
                )
            doc = read_document(source_path)
            if doc.source.sha256 != plan.source.sha256:
                raise InputError(
                    source_path,
                    f"sha256 {doc.source.sha256[:12]}… does not match the plan's "
                    f"source.sha256 {plan.source.sha256[:12]}…; pass --source with the file "
                    "it was extracted from",
                )
        try:
            report = build_report(plan, doc.text)
        except ValueError as exc:
            raise InputError(plan_file, str(exc)) from None
    except InputError as exc:
        raise fail(str(exc)) from None
    write_atomically(output, render_report(report))


# The data teams' commands (extractor/cli_data.py).
from extractor.cli_data import export_command, index_command  # noqa: E402

app.command("index")(index_command)
app.command("export")(export_command)
