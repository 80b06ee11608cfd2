"""Command line: `extract` and `rubric` (extract, text, schema, and the review commands).

Exit codes, the same for every command:
  0  success
  1  `rubric diff`: the two sides differ
  2  usage error (unknown option, missing argument, several plans into one .json file)
  3  any other failure: an input that cannot be read as a plan (missing, unreadable, empty,
     binary, corrupt, encrypted, past a limit), or an output that cannot be written

Errors are one line, `error: PATH: what is wrong`, on stderr; never a traceback (`--debug`
shows one), never a partial output file (outputs are written to a temporary file, synced,
and renamed into place), never an input overwritten. Every command catches failures at its
boundary (`command_boundary`); a batch goes on past a failing plan and ends with a summary.
What a library prints while a plan is read goes to `--verbose`, not into the error line.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from extractor.errors import (
    EXIT_BAD_INPUT,
    EXIT_USAGE,
    InputError,
    OutputError,
    display_path,
)
from extractor.limits import DEFAULT_LIMITS, Limits, use_limits

PLAN_SUFFIXES = (".txt", ".docx", ".pdf", ".doc", ".wps")

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 differences found (diff); 2 usage error; "
    "3 an input that cannot be read or an output that cannot be written."
)


@dataclass
class CliSettings:
    """How the running command reports: --debug (tracebacks) and --verbose (library output)."""

    debug: bool = False
    verbose: bool = False


SETTINGS = CliSettings()  # set once per process by the options; the CLI is the only edge

app = typer.Typer(
    name="rubric",
    help="Turn Chinese implementation plans (实施方案) into evidence-backed JSON rubrics, "
    "and review, compare and apply them.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DebugOpt = Annotated[
    bool,
    typer.Option("--debug", help="On a failure, show the Python traceback after the error line."),
]
VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="Show what libraries print while reading (warnings, notes)."
    ),
]


@app.callback()
def rubric_options(debug: DebugOpt = False, verbose: VerboseOpt = False) -> None:
    """Options for every command: `rubric --debug COMMAND …`."""
    SETTINGS.debug, SETTINGS.verbose = debug, verbose


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    first_line = (message.splitlines() or [""])[0]
    print(f"error: {first_line}", file=sys.stderr)
    return typer.Exit(code)


def failure_message(exc: BaseException, path: str | Path | None = None) -> str:
    """One line for an exception that is not an InputError, naming the file it concerns."""
    if isinstance(exc, OSError):
        name = path if path is not None else exc.filename
        where = display_path(name) if name is not None else "output"
        return f"{where}: {exc.strerror or exc}"
    if isinstance(exc, MemoryError):
        return f"{display_path(path or '?')}: too large for the memory available"
    reason = (str(exc).strip().splitlines() or [""])[0]
    where = f"{display_path(path)}: " if path is not None else ""
    return (
        f"{where}cannot be processed ({type(exc).__name__}: {reason}); "
        "rerun with --debug for the traceback"
    )


F = TypeVar("F", bound=Callable[..., Any])


def command_boundary(command: F) -> F:
    """Catch every failure of a command and say it in one line with exit 3 (usage errors
    and deliberate exits pass through); with --debug the traceback follows the line."""

    @functools.wraps(command)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.exceptions.TyperException):
            raise
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            if SETTINGS.debug:
                raise
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except Exception as exc:
            print(f"error: {failure_message(exc)}", file=sys.stderr)
            if SETTINGS.debug:
                raise
            raise typer.Exit(EXIT_BAD_INPUT) from None

    return guarded  # type: ignore[return-value]


# ---------------------------------------------------------------- library output


@contextlib.contextmanager
def library_output_routed() -> Iterator[None]:
    """Hold back what libraries write to stdout and stderr (warnings, log lines, C-level
    notes such as onnxruntime's) while a plan is read; show it after, as `note:` lines,
    only with --verbose. Our own messages are printed outside, so they stay one line."""
    if SETTINGS.debug:
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
            if SETTINGS.verbose:
                held.seek(0)
                lines = held.read().decode("utf-8", "replace").splitlines()
                lines += [f"{w.category.__name__}: {w.message}" for w in caught]
                for line in lines:
                    if line.strip():
                        print(f"note: {line}", file=sys.stderr)


# ---------------------------------------------------------------- writing outputs

TEMP_PREFIX_MARK = ".extract-"  # temporary outputs: `.NAME.extract-PID-RANDOM.tmp`
TEMP_SUFFIX = ".tmp"


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8) to `path` so that a reader never sees a partial file:
    into a temporary file in the same folder, synced to disk, then renamed into place (the
    folder synced too). Temporary files of this pattern left by a killed run are removed
    first. OutputError naming `path` when it cannot be written."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise OutputError(path, "is a directory; name an output file inside it")
        remove_stale_temporaries(path)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}{TEMP_PREFIX_MARK}{os.getpid()}-",
            suffix=TEMP_SUFFIX,
            dir=path.parent,
        )
    except OSError as exc:
        raise OutputError(path, f"cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o666 & ~current_umask())  # mkstemp's 0600 is not what users expect
        os.replace(tmp_name, path)
        sync_directory(path.parent)
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(path, f"cannot be written ({exc.strerror or exc})") from None
        raise


def sync_directory(folder: Path) -> None:
    """fsync a folder so that a rename in it survives a crash (not possible everywhere)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files of earlier writes of `path` whose process is gone (a
    kill -9 mid-write); a live process's are left alone. Returns the files removed."""
    removed = []
    for candidate in path.parent.glob(f".{glob_escape(path.name)}{TEMP_PREFIX_MARK}*{TEMP_SUFFIX}"):
        pid_text = candidate.name[len(f".{path.name}{TEMP_PREFIX_MARK}") :].split("-", 1)[0]
        if not pid_text.isdigit() or process_alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed


def glob_escape(name: str) -> str:
    """`name` with glob's special characters matched literally."""
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)


def process_alive(pid: int) -> bool:
    """True when a process `pid` exists (it may belong to another user)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def current_umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------- extract


def output_names(inputs: list[Path]) -> dict[Path, str]:
    """The JSON file name of each input in an output directory: `NAME.json`, or
    `NAME.SUFFIX.json` where plans of one name come in several formats (a.txt, a.docx);
    where two inputs of one name come from two folders, the later ones get `NAME-2.json`,
    `NAME-3.json` … (names compared ignoring case, as some file systems do)."""
    names_of_stem: dict[str, set[str]] = {}
    for path in inputs:
        names_of_stem.setdefault(path.stem.lower(), set()).add(path.name.lower())
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for path in inputs:
        several_formats = len(names_of_stem[path.stem.lower()]) > 1
        base = path.name if several_formats else path.stem
        name, number = f"{base}.json", 1
        while name.lower() in taken:
            number += 1
            name = f"{base}-{number}.json"
        taken.add(name.lower())
        names[path] = name
    return names


def collect_inputs(paths: list[Path]) -> list[Path]:
    """The plan files named by `paths`, a directory standing for the plans directly in it;
    a file named twice is read once."""
    files: list[Path] = []
    for path in paths:
        try:
            is_dir = path.is_dir()
            found = (
                sorted(p for p in path.iterdir() if p.suffix.lower() in PLAN_SUFFIXES)
                if is_dir
                else []
            )
            found = [p for p in found if p.is_file()]
        except OSError as exc:
            raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
        if is_dir and not found:
            raise InputError(path, f"directory has no plan files ({', '.join(PLAN_SUFFIXES)})")
        files.extend(found if is_dir else [path])
    seen: set[str] = set()
    unique = []
    for path in files:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def same_file(a: Path, b: Path) -> bool:
    """True when `a` and `b` name one file (links and `..` resolved)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


@dataclass
class OutputPlan:
    """Where each input's JSON goes: stdout (`targets` empty), one file, or a directory."""

    to_stdout: bool
    targets: dict[Path, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def plan_outputs(inputs: list[Path], files: list[Path], output: str) -> OutputPlan:
    """Decide each input's output before anything is read: OutputError for an empty `-o`
    or an output that is one of the inputs; a usage error for several plans into one
    .json file. Two inputs never share an output (renamed, with a note saying so)."""
    if output == "-":
        return OutputPlan(to_stdout=True)
    if not output.strip():
        raise OutputError(repr(output), "empty output path; give a file, a directory or -")
    target = Path(output)
    many = len(inputs) > 1 or any(p.is_dir() for p in files)
    as_directory = many or target.is_dir() or output.endswith(("/", os.sep))
    if many and target.suffix.lower() == ".json" and not target.is_dir():
        raise fail(
            f"{display_path(output)}: several plans need an output directory, not a .json file",
            EXIT_USAGE,
        )
    plan = OutputPlan(to_stdout=False)
    if as_directory:
        names = output_names(inputs)
        plan.targets = {path: target / names[path] for path in inputs}
        by_name: dict[str, list[Path]] = {}
        for path in inputs:
            by_name.setdefault(path.name.lower(), []).append(path)
        for same in (group for group in by_name.values() if len(group) > 1):
            plan.notes.append(
                "inputs share a name: " + ", ".join(f"{display_path(p)} → {names[p]}" for p in same)
            )
    else:
        plan.targets = {inputs[0]: target}
    for source, destination in plan.targets.items():
        for given in inputs:
            if same_file(destination, given):
                raise OutputError(
                    destination,
                    f"is an input; writing {display_path(source)}'s JSON there would overwrite "
                    "it: choose another -o",
                )
    return plan


def plan_json(path: Path, indent: int | None = 2) -> str:
    """The extracted plan of `path` as JSON text, one line if `indent` is None (InputError if
    the file cannot be read as a plan)."""
    from extractor.pipeline import extract_file

    plan = extract_file(path)
    return plan.model_dump_json(indent=indent) + "\n"


def extract_one(path: Path, indent: int | None) -> str:
    """`plan_json` with library output held back and every failure as an InputError."""
    try:
        with library_output_routed():
            return plan_json(path, indent)
    except InputError:
        raise
    except Exception as exc:
        if SETTINGS.debug:
            raise
        raise InputError(path, failure_message(exc, path).split(": ", 1)[-1]) from None


def run_extract(files: list[Path], output: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Extract `files` into `output` (a file, a directory, or - for stdout), under `limits`.

    A plan that fails is one error line and the batch goes on; at the end a batch with
    failures says how many and exits 3.
    """
    try:
        inputs = collect_inputs(files)
        outputs = plan_outputs(inputs, files, output)
    except InputError as exc:
        raise fail(str(exc)) from None
    for note in outputs.notes:
        print(f"note: {note}", file=sys.stderr)
    # Several plans on stdout are JSON Lines: one compact object per line.
    indent = None if outputs.to_stdout and len(inputs) > 1 else 2
    failed: list[Path] = []
    with use_limits(limits):
        for path in inputs:
            try:
                text = extract_one(path, indent)
                if outputs.to_stdout:
                    sys.stdout.write(text)
                    sys.stdout.flush()
                else:
                    write_atomically(outputs.targets[path], text)
            except InputError as exc:
                print(f"error: {exc}", file=sys.stderr)
                failed.append(path)
    if failed and len(inputs) > 1:
        print(
            f"error: {len(failed)} of {len(inputs)} plans failed: "
            + ", ".join(display_path(p) for p in failed),
            file=sys.stderr,
        )
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def parse_limits(settings: list[str] | None) -> Limits:
    """Limits from `--limit NAME=VALUE` options (`table-cells=1e6`); a usage error if bad."""
    values: dict[str, int] = {}
    for setting in settings or []:
        name, sep, value = setting.partition("=")
        try:
            number = float(value.replace("_", "")) if sep else float("nan")
        except ValueError:
            number = float("nan")
        if not (number >= 1 and number == int(number)):  # NaN fails both
            raise fail(
                f"--limit {setting}: give NAME=N with N a whole number ≥ 1 "
                f"(names: {', '.join(Limits.names())})",
                EXIT_USAGE,
            )
        values[name.strip()] = int(number)
    try:
        return DEFAULT_LIMITS.raised(values)
    except ValueError as exc:
        raise fail(f"--limit: {exc}", EXIT_USAGE) from None


FilesArg = Annotated[
    list[Path],
    typer.Argument(help="Plan files (.txt, .docx, .pdf, .doc, .wps) or directories of them."),
]
OutputOpt = Annotated[
    str,
    typer.Option(
        "--output",
        "-o",
        help="Output: a .json file for one plan; a directory for several, or for one plan "
        "when it exists or ends in / (NAME.json each, NAME.SUFFIX.json where one name comes "
        "in several formats, NAME-2.json where two folders hold one name); - for stdout "
        "(JSON Lines for several plans). Never one of the inputs.",
    ),
]
LimitOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--limit",
        metavar="NAME=N",
        help="Raise a resource limit for a genuinely large plan, NAME=N, repeatable: "
        + "; ".join(
            f"{name} (default {getattr(DEFAULT_LIMITS, name.replace('-', '_')):,})"
            for name in Limits.names()
        )
        + ". A plan past a limit is refused with exit 3 naming it.",
    ),
]


@app.command("extract")
@command_boundary
def extract_command(files: FilesArg, output: OutputOpt = "-", limit: LimitOpt = None) -> None:
    """Extract plans into contract JSON (shared/CONTRACT.md).

    Examples:

      rubric extract plans/county.txt -o rubric.json

      rubric extract corpus/ -o out/          (one JSON per plan)

      rubric extract plan.docx -o - | jq .targets

      rubric extract huge.txt --limit characters=50000000 -o huge.json
    """
    run_extract(files, output, parse_limits(limit))


@app.command("text")
@command_boundary
def text_command(
    file: Annotated[Path, typer.Argument(help="A plan file.")],
    limit: LimitOpt = None,
) -> None:
    """Print the normalised text that evidence offsets point into.

    `evidence.quote == text[evidence.start:evidence.end]` for every record of
    `rubric extract FILE`. A table row is one line, its cells separated by tabs; a cell
    written over several lines in a .txt or .docx keeps its line breaks (a PDF cell is
    one line).
    """
    from extractor.readers import read_document

    with use_limits(parse_limits(limit)), library_output_routed():
        doc = read_document(file)
    sys.stdout.write(doc.text)
    if not doc.text.endswith("\n"):
        sys.stdout.write("\n")


@app.command("schema")
@command_boundary
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
@command_boundary
def extract_only(
    files: FilesArg,
    output: OutputOpt = "-",
    limit: LimitOpt = None,
    debug: DebugOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Extract plans into contract JSON (shared/CONTRACT.md).

    Examples: `extract plans/county.txt -o rubric.json`;
    `extract corpus/ -o out/` (one JSON per plan); `extract plan.txt` (to stdout);
    `extract huge.txt --limit characters=50000000 -o huge.json`.

    Exit codes: 0 success; 2 usage error; 3 an input that cannot be read (each failing
    plan is one error line; a batch goes on and ends with a summary) or an output that
    cannot be written.
    """
    SETTINGS.debug, SETTINGS.verbose = debug, verbose
    run_extract(files, output, parse_limits(limit))


def extract_main() -> None:
    """Entry point of the `extract` console script."""
    extract_app(prog_name="extract")


# ---------------------------------------------------------------- review commands
# Thin wrappers over extractor.review: load and check inputs, call one pure function,
# write the result atomically.

JSON_SUFFIX = ".json"


def refuse_input_as_output(output: Path, inputs: list[Path]) -> None:
    """OutputError when `output` is one of `inputs`: a report never overwrites its source."""
    for given in inputs:
        if same_file(output, given):
            raise OutputError(output, "is an input; choose another -o")


def load_plan(path: Path):  # -> Plan (imported lazily)
    """The Plan in an extracted JSON file, or a plan file extracted on the fly."""
    from pydantic import ValidationError

    from extractor.models import Plan
    from extractor.readers import read_bytes

    if path.suffix.lower() != JSON_SUFFIX:
        from extractor.pipeline import extract_file

        with library_output_routed():
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
@command_boundary
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

    if path.suffix.lower() != JSON_SUFFIX:
        raw = None  # a plan file (.txt, .docx, .pdf …): extracted now by load_plan
    else:
        try:
            raw = json.loads(read_bytes(path))
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
@command_boundary
def score_command(
    rubric_file: Annotated[
        Path,
        typer.Argument(
            metavar="PLAN",
            help="A plan JSON with rubrics, one rubric's JSON, or a plan file (extracted now).",
        ),
    ],
    assessment: Annotated[
        Path | None,
        typer.Argument(
            metavar="ASSESSMENT",
            help="A .csv (UTF-8 or GBK), .xlsx or .json giving per item points, a level "
            "name, or counted deduction events.",
        ),
    ] = None,
    rubric_index: Annotated[
        int, typer.Option("--rubric", help="Which rubric of the plan (0 = the first).")
    ] = 0,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="SHEET.xlsx",
            help="Write a blank assessment sheet for the rubric instead of scoring.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Apply a rubric to one community's assessment: total, pass score, passed.

    The assessment is a sheet with a header row (title rows above it are skipped), in
    Chinese or English: a column naming the item (item/条目/序号/编号) and one score
    column: points (points/得分/评分/分数), a level (level/等级, through the item's
    level_points) or deduction events (events/扣分次数: the item's points minus deduct ×
    events, capped per rule; one count per rule, `2;0;1`). Rows with no score are not
    assessed (0 points). CSV may be UTF-8 or GB18030/GBK; .xlsx is read from its first
    sheet; JSON is {"items": {"1": 5, "2": "良好", "3": {"events": 2}}}.

    An item is named by its number, its name (the unit scored), its criterion,
    DIMENSION/NUMBER, DIMENSION/NAME or #N (N-th item in table order). Where numbers
    repeat across dimensions (a county 考核细则 numbers 1.. in each), add a
    dimension/维度 column (or name/名称, criterion/评分内容), or use the keys the
    --template sheet lists.

    Examples:

      \b
      self-check.csv (UTF-8 or GBK):
      条目,得分
      1,5
      2,4.5

      rubric score out/county.json self-check.csv

      rubric score plans/county.txt --template county-sheet.xlsx   (fill it, then:)

      rubric score plans/county.txt county-sheet.xlsx --json

    Exit codes: 0 scored (or template written); 2 usage error; 3 unreadable input,
    unknown or ambiguous item, or a score above its maximum.
    """
    from extractor.review.score import (
        AssessmentError,
        print_score_table,
        read_assessment,
        score_rubric,
    )

    if (assessment is None) == (template is None):
        raise fail("give either ASSESSMENT or --template SHEET.xlsx (not both)", EXIT_USAGE)
    try:
        rubric = load_rubric(rubric_file, rubric_index)
        if template is not None:
            from extractor.review.score_template import assessment_template

            refuse_input_as_output(template, [rubric_file])
            write_atomically(template, assessment_template(rubric))
            return
        from extractor.readers import read_bytes

        raw = read_bytes(assessment)
        try:
            result = score_rubric(rubric, read_assessment(assessment.name, raw))
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
@command_boundary
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
    refuse_input_as_output(output, plans)
    from extractor.cli_data import load_compared_plans

    loaded = load_compared_plans(plans)
    write_atomically(output, render_comparison(build_comparison(loaded), output_format))


@app.command("report")
@command_boundary
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
    refuse_input_as_output(output, [plan_file, *([source] if source else [])])
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
