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
import gc
import os
import sys
import tempfile
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from extractor.compile_cache import dataclass_methods_cached
from extractor.errors import (
    EXIT_BAD_INPUT,
    EXIT_USAGE,
    InputError,
    OutputError,
    display_path,
)
from extractor.limits import DEFAULT_LIMITS, Limits, use_limits
from extractor.pydantic_plugins import plugins_off

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


class PlainHelpCommand(typer.core.TyperCommand):
    """A command whose help names each argument by its placeholder alone (`FILE…`, as man
    pages write it), not typer's `{FILE}...` and `<list[Path]>`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, typer.core.TyperArgument) and param.metavar:
                param.display_type = lambda ctx: None  # type: ignore[method-assign]

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """`[OPTIONS] FILE…`: an optional argument in brackets, a required one plain."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, typer.core.TyperArgument) and param.metavar:
                pieces.append(param.metavar if param.required else f"[{param.metavar}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces


app = typer.Typer(
    name="rubric",
    help="Turn Chinese implementation plans (实施方案) into evidence-backed JSON rubrics, "
    "and review, compare and apply them. The output's fields are described in "
    "docs/CONTRACT.md (`rubric schema` prints its JSON Schema).\n\n" + EXIT_CODES_HELP,
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


def package_version() -> str:
    """The installed version of plan-extractor ("unknown" when run from a bare checkout)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("plan-extractor")
    except PackageNotFoundError:
        return "unknown"


def print_version(value: bool) -> None:
    """--version: print the version and stop."""
    if value:
        print(f"plan-extractor {package_version()}")
        raise typer.Exit(0)


VersionOpt = Annotated[
    bool,
    typer.Option(
        "--version",
        help="Print the version and exit.",
        callback=print_version,
        is_eager=True,
    ),
]


@app.callback()
def rubric_options(
    debug: DebugOpt = False, verbose: VerboseOpt = False, version: VersionOpt = False
) -> None:
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
    """Hold back what libraries print while a plan is read (`batch.library_output_held`);
    show it after, as `note:` lines, only with --verbose."""
    from extractor.batch import library_output_held

    notes: list[str] = []
    try:
        with library_output_held(notes, SETTINGS.debug):
            yield
    finally:
        print_notes(notes)


def print_notes(notes: Iterable[str]) -> None:
    """Library output held back while a plan was read, as `note:` lines with --verbose."""
    if SETTINGS.verbose:
        for line in notes:
            print(f"note: {line}", file=sys.stderr)


# ---------------------------------------------------------------- writing outputs

TEMP_PREFIX_MARK = ".extract-"  # temporary outputs: `.NAME.extract-PID-RANDOM.tmp`
TEMP_SUFFIX = ".tmp"


def output_content(target: Path, plan_json: str) -> str | bytes:
    """What `extract` writes to `target`: the plan's JSON, or for a `.xlsx` target the plan's
    workbook (rubric items, targets, phases, deadlines, responsibilities … one sheet each)."""
    if target.suffix.lower() != ".xlsx":
        return plan_json
    from extractor.models import Plan
    from extractor.review.workbook import plan_workbook

    return plan_workbook(Plan.model_validate_json(plan_json))


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

STDIN_ARGUMENT = "-"
STDIN_OUTPUT_STEM = "stdin"  # `extract - -o DIR/` writes DIR/stdin.json


@dataclass
class FoundInputs:
    """The plan files named on the command line, each with the folder it sits in below
    the directory argument it was found under (only with --recursive), and notes."""

    files: list[Path] = field(default_factory=list)
    folders: dict[Path, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def is_hidden(path: Path) -> bool:
    """True for a dot-file or dot-folder (`.git`, an editor's `.plan.txt.swp`)."""
    return path.name.startswith(".")


def plan_files_in(folder: Path, recursive: bool) -> tuple[list[Path], list[Path]]:
    """The plan files of `folder` (sorted by path; with `recursive`, of its subfolders too,
    hidden ones left out) and the subfolders skipped without `recursive`."""
    files: list[Path] = []
    skipped: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if is_hidden(entry):
            continue
        if entry.is_dir():
            if recursive:
                files.extend(plan_files_in(entry, recursive)[0])
            else:
                skipped.append(entry)
        elif entry.suffix.lower() in PLAN_SUFFIXES and entry.is_file():
            files.append(entry)
    return files, skipped


def collect_inputs(paths: list[Path], recursive: bool = False) -> FoundInputs:
    """The plan files named by `paths`: a directory stands for the plans directly in it
    (with `recursive`, in its subfolders too: a subfolder skipped without it is noted);
    `-` is standard input; a file named twice is read once. InputError for a folder that
    cannot be read or holds no plan."""
    found = FoundInputs()
    seen: set[str] = set()
    for path in paths:
        if str(path) == STDIN_ARGUMENT:
            key, files = STDIN_ARGUMENT, [path]
        else:
            try:
                is_dir = path.is_dir()
                files, skipped = plan_files_in(path, recursive) if is_dir else ([path], [])
            except OSError as exc:
                raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
            if is_dir and not files:
                hint = " (-r reads its subfolders)" if skipped else ""
                raise InputError(
                    path, f"directory has no plan files ({', '.join(PLAN_SUFFIXES)}){hint}"
                )
            if skipped:
                names = ", ".join(display_path(p.name) for p in skipped)
                found.notes.append(
                    f"{display_path(path)}: {len(skipped)} subfolder(s) skipped "
                    f"(-r reads them): {names}"
                )
            if is_dir:
                for file in files:
                    found.folders[file] = file.parent.relative_to(path)
        for file in files:
            key = STDIN_ARGUMENT if file is path and str(path) == STDIN_ARGUMENT else None
            key = key or os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                found.files.append(file)
    return found


def is_stdin(path: Path) -> bool:
    """True for the `-` argument (standard input)."""
    return str(path) == STDIN_ARGUMENT


def output_names(inputs: list[Path], folders: dict[Path, Path] | None = None) -> dict[Path, str]:
    """Where each input's JSON goes in an output directory, as a path relative to it.

    - `NAME.json`, in the input's folder below the directory argument with --recursive
      (`sub/NAME.json`); standard input is `stdin.json`;
    - `NAME.FORMAT.json` (`hangtai.txt.json`, `hangtai.pdf.json`) where one plan name comes
      in several formats;
    - where inputs from different folders would still share a name, each is prefixed with
      its folder's name, and more folders up until they differ (`2023/plan.txt` →
      `2023-plan.json`, `2024/plan.txt` → `2024-plan.json`);
    - a name still taken gets a number (`plan-2.json`).
    Names are compared ignoring case, as some file systems do.
    """
    folders = folders or {}

    def place(path: Path) -> Path:
        return folders.get(path, Path())

    formats: dict[tuple[str, str], set[str]] = {}
    for path in inputs:
        key = (place(path).as_posix().lower(), path.stem.lower())
        formats.setdefault(key, set()).add(path.suffix.lower())
    base: dict[Path, str] = {}
    for path in inputs:
        if is_stdin(path):
            base[path] = f"{STDIN_OUTPUT_STEM}.json"
            continue
        several = len(formats[(place(path).as_posix().lower(), path.stem.lower())]) > 1
        name = f"{path.stem}.{path.suffix.lstrip('.')}.json" if several else f"{path.stem}.json"
        base[path] = name
    names = disambiguate_by_folder(inputs, base, place)
    taken: set[str] = set()
    result: dict[Path, str] = {}
    for path in inputs:
        name = names[path]
        stem, number = name.removesuffix(".json"), 1
        while name.lower() in taken:
            number += 1
            name = f"{stem}-{number}.json"
        taken.add(name.lower())
        result[path] = name
    return result


def disambiguate_by_folder(
    inputs: list[Path], base: dict[Path, str], place: Callable[[Path], Path]
) -> dict[Path, str]:
    """`place(path)/base[path]` for each input; where several inputs share one, each is
    prefixed with as few of its own folder names as make them differ (all or none)."""
    groups: dict[str, list[Path]] = {}
    for path in inputs:
        groups.setdefault((place(path) / base[path]).as_posix().lower(), []).append(path)
    names: dict[Path, str] = {}
    for group in groups.values():
        chosen = {path: base[path] for path in group}
        if len(group) > 1:
            parents = {path: Path(os.path.abspath(path)).parent.parts[1:] for path in group}
            for depth in range(1, max(len(p) for p in parents.values()) + 1):
                prefixed = {path: "-".join([*parents[path][-depth:], base[path]]) for path in group}
                if len({name.lower() for name in prefixed.values()}) == len(group):
                    chosen = prefixed
                    break
        for path in group:
            names[path] = (place(path) / chosen[path]).as_posix()
    return names


def several_formats_notes(inputs: list[Path], names: dict[Path, str] | None) -> list[str]:
    """A note for each plan found in several formats (`corpus/hangtai: .txt, .docx, .pdf`),
    with the output each gets when `names` are given."""
    groups: dict[str, list[Path]] = {}
    for path in inputs:
        if not is_stdin(path):
            groups.setdefault(str(path.with_suffix("")).lower(), []).append(path)
    notes = []
    for group in (g for g in groups.values() if len(g) > 1):
        formats = ", ".join(p.suffix for p in group)
        where = display_path(group[0].with_suffix(""))
        outputs = f" → {', '.join(names[p] for p in group)}" if names else ""
        notes.append(f"{where}: one plan in {len(group)} formats ({formats}){outputs}")
    return notes


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


def plan_outputs(found: FoundInputs, files: list[Path], output: str) -> OutputPlan:
    """Decide each input's output before anything is read: OutputError for an empty `-o`
    or an output that is one of the inputs; a usage error for several plans into one
    .json file. Two inputs never share an output (named apart, with a note saying so)."""
    inputs = found.files
    if output == "-":
        return OutputPlan(to_stdout=True, notes=several_formats_notes(inputs, None))
    if not output.strip():
        raise OutputError(repr(output), "empty output path; give a file, a directory or -")
    target = Path(output)
    many = len(inputs) > 1 or any(p.is_dir() for p in files if not is_stdin(p))
    as_directory = many or target.is_dir() or output.endswith(("/", os.sep))
    if many and target.suffix.lower() == ".json" and not target.is_dir():
        raise fail(
            f"{display_path(output)}: several plans need an output directory, not a .json file",
            EXIT_USAGE,
        )
    plan = OutputPlan(to_stdout=False)
    if as_directory:
        names = output_names(inputs, found.folders)
        plan.targets = {path: target / names[path] for path in inputs}
        plan.notes = several_formats_notes(inputs, names)
        by_name: dict[str, list[Path]] = {}
        for path in inputs:
            place = found.folders.get(path, Path())
            by_name.setdefault((place / path.name).as_posix().lower(), []).append(path)
        for same in (group for group in by_name.values() if len(group) > 1):
            plan.notes.append(
                "inputs share a name: " + ", ".join(f"{display_path(p)} → {names[p]}" for p in same)
            )
    else:
        plan.targets = {inputs[0]: target}
    for source, destination in plan.targets.items():
        for given in inputs:
            if not is_stdin(given) and same_file(destination, given):
                raise OutputError(
                    destination,
                    f"is an input; writing {display_path(source)}'s JSON there would overwrite "
                    "it: choose another -o",
                )
    return plan


class BatchDisplay:
    """What a batch prints on stderr: error and warning lines as they come, a progress bar
    when stderr is a terminal (lines are printed above it), and the summary at the end."""

    def __init__(self, total: int, show_progress: bool) -> None:
        self.total = total
        self.progress: Any = None
        if show_progress:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.progress = Progress(
                TextColumn("extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True, highlight=False),
                transient=True,
            )
            self.task = self.progress.add_task("", total=total)

    def __enter__(self) -> BatchDisplay:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def say(self, line: str) -> None:
        """Print one line on stderr, above the progress bar if there is one."""
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr)

    def advance(self, name: str) -> None:
        """One more plan done; the bar names it."""
        if self.progress is not None:
            self.progress.update(self.task, advance=1, description=name)


def show_progress_bar(total: int, quiet: bool) -> bool:
    """A progress bar for a batch on a terminal, never with --quiet or a redirected stderr."""
    return total > 1 and not quiet and sys.stderr.isatty()


def run_extract(
    files: list[Path],
    output: str,
    limits: Limits = DEFAULT_LIMITS,
    *,
    recursive: bool = False,
    jobs: int | None = 1,
    scheduler: str | None = None,
    force: bool = False,
    quiet: bool = False,
) -> None:
    """Extract `files` into `output` (a file, a directory, or - for stdout), under `limits`,
    on `jobs` processes (None: one per core) or a Dask `scheduler`'s workers.

    A plan that fails is one error line and the batch goes on; a batch ends with a
    summary (`100 plans: 98 written, 2 failed`), and with exit 3 if a plan failed.
    """
    from extractor.batch import BatchOptions, Job, choose_backend, run_batch

    try:
        found = collect_inputs(files, recursive)
        outputs = plan_outputs(found, files, output)
    except InputError as exc:
        raise fail(str(exc)) from None
    if not quiet:
        for note in found.notes + outputs.notes:
            print(f"note: {note}", file=sys.stderr)
    inputs = found.files
    work = [Job(path, sys.stdin.buffer.read()) if is_stdin(path) else Job(path) for path in inputs]
    # Several plans on stdout are JSON Lines: one compact object per line.
    indent = None if outputs.to_stdout and len(inputs) > 1 else 2
    options = BatchOptions(limits=limits, indent=indent, force=force, debug=SETTINGS.debug)
    try:
        backend = choose_backend(jobs, len(work), scheduler)
        outcomes = run_batch(work, options, backend)  # a pool starts now
    except ImportError as exc:  # --scheduler without the `cluster` extra
        raise fail(str(exc), EXIT_USAGE) from None
    failed = 0
    with BatchDisplay(len(work), show_progress_bar(len(work), quiet)) as display:
        for outcome in outcomes:
            if SETTINGS.verbose:
                for note in outcome.notes:
                    display.say(f"note: {note}")
            for warning in () if quiet else outcome.warnings:
                display.say(f"warning: {warning}")
            error = outcome.error
            if outcome.text is not None:
                try:
                    if outputs.to_stdout:
                        sys.stdout.write(outcome.text)
                        sys.stdout.flush()
                    else:
                        target = outputs.targets[outcome.job.source]
                        write_atomically(target, output_content(target, outcome.text))
                except OutputError as exc:
                    error = str(exc)
            if error is not None:
                failed += 1
                display.say(f"error: {error}")
                if outcome.traceback:
                    display.say(outcome.traceback.rstrip())
            display.advance(outcome.job.name)
    if len(inputs) > 1 and (failed or not quiet):
        verb = "extracted" if outputs.to_stdout else "written"
        print(
            f"{len(inputs)} plans: {len(inputs) - failed} {verb}, {failed} failed",
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


def parse_jobs(jobs: str | None) -> int | None:
    """`--jobs N` as a number of processes ≥ 1 (None: one per core); a usage error if bad."""
    if jobs is None:
        return None
    if not jobs.strip().isdigit() or int(jobs) < 1:
        raise fail(f"--jobs {jobs}: give a whole number of processes ≥ 1", EXIT_USAGE)
    return int(jobs)


CONTRACT_DOC = "docs/CONTRACT.md"

FilesArg = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILE…",
        help="Plan files (.txt, .docx, .pdf, .doc, .wps), directories of them, or - for "
        "standard input.",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    str,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Output: a .json file for one plan (or a .xlsx: the plan's sheets for staff, one "
        "row per rubric item, target, deadline, responsibility …); a directory for several, "
        "or for one plan "
        "when it exists or ends in / (NAME.json each; NAME.txt.json, NAME.pdf.json … where "
        "one plan comes in several formats; FOLDER-NAME.json where two folders hold one "
        "name; sub/NAME.json with -r); - for stdout (JSON Lines for several plans). Never "
        "one of the inputs.",
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
        show_default=False,
    ),
]
RecursiveOpt = Annotated[
    bool,
    typer.Option(
        "--recursive", "-r", help="Read the plans in subfolders of a directory too (sub/NAME.json)."
    ),
]
JobsOpt = Annotated[
    str | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        help="Extract on N processes (default: one per core); the output is the same as with -j 1.",
        show_default=False,
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Extract on the workers of a running Dask scheduler (tcp://host:8786) instead of "
        "local processes; the workers need this package (extra `cluster`) and the files on a "
        "shared file system. The output is the same as a serial run.",
        show_default=False,
    ),
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Extract a text that has no plan structure (no headings, title, scoring "
        "tables, phases, responsibilities or leading group), with the warning not_a_plan, "
        "instead of refusing it.",
    ),
]
QuietOpt = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Print errors only: no notes, progress bar or summary."),
]
EXTRACT_HELP = f"""Extract plans into contract JSON ({CONTRACT_DOC} describes every field).

    Examples:

      PROG plans/county.txt -o rubric.json

      PROG corpus/ -o out/             (one JSON per plan; -r for subfolders)

      PROG plan.docx                   (to stdout; several plans: JSON Lines)

      cat plan.txt | PROG - -o plan.json

      PROG huge.txt --limit characters=50000000 -o huge.json

    A batch shows a progress bar on a terminal, one error line per failing plan, and a
    summary: `100 plans: 98 written, 2 failed`. A text with no plan structure (a README,
    a letter) is refused: "not a plan" (--force extracts it with a warning).

    Exit codes: 0 success; 2 usage error; 3 an input that cannot be read as a plan (each
    failing plan is one error line; a batch goes on) or an output that cannot be written.
    """


@app.command("extract", cls=PlainHelpCommand, help=EXTRACT_HELP.replace("PROG", "rubric extract"))
@command_boundary
def extract_command(
    files: FilesArg,
    output: OutputOpt = "-",
    recursive: RecursiveOpt = False,
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    force: ForceOpt = False,
    quiet: QuietOpt = False,
    limit: LimitOpt = None,
) -> None:
    """Extract plans into contract JSON."""
    run_extract(
        files,
        output,
        parse_limits(limit),
        recursive=recursive,
        jobs=parse_jobs(jobs),
        scheduler=scheduler,
        force=force,
        quiet=quiet,
    )


@app.command("text", cls=PlainHelpCommand)
@command_boundary
def text_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A plan file.")],
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


@app.command("schema", cls=PlainHelpCommand)
@command_boundary
def schema_command(
    model: Annotated[
        str,
        typer.Option(
            "--model",
            "-m",
            metavar="NAME",
            help="Which schema: plan (what extract writes) or rubric (one Rubric record, "
            "for scoring tools).",
        ),
    ] = "plan",
) -> None:
    """Print the JSON Schema of the output, as committed in schemas/MODEL.schema.json.

    The fields are described in docs/CONTRACT.md.

    Example: rubric schema --model rubric > schemas/rubric.schema.json
    """
    import json

    from extractor.models import SCHEMA_MODELS, json_schema

    if model not in SCHEMA_MODELS:
        raise fail(f"--model must be one of {', '.join(SCHEMA_MODELS)}, not {model!r}", EXIT_USAGE)
    sys.stdout.write(json.dumps(json_schema(model), ensure_ascii=False, indent=2) + "\n")


extract_app = typer.Typer(
    add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None
)


@extract_app.command(cls=PlainHelpCommand, help=EXTRACT_HELP.replace("PROG", "extract"))
@command_boundary
def extract_only(
    files: FilesArg,
    output: OutputOpt = "-",
    recursive: RecursiveOpt = False,
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    force: ForceOpt = False,
    quiet: QuietOpt = False,
    limit: LimitOpt = None,
    debug: DebugOpt = False,
    verbose: VerboseOpt = False,
    version: VersionOpt = False,
) -> None:
    """Extract plans into contract JSON."""
    SETTINGS.debug, SETTINGS.verbose = debug, verbose
    run_extract(
        files,
        output,
        parse_limits(limit),
        recursive=recursive,
        jobs=parse_jobs(jobs),
        scheduler=scheduler,
        force=force,
        quiet=quiet,
    )


# Python's cycle collector runs after every 700 new objects by default. Starting `extract`
# makes some 40 000 that live as long as the process (modules, classes, patterns, pydantic
# schemas) and few cycles, so it would scan them some 60 times for nothing (~6 ms of a
# run); this many lets it run a few times a plan and still bounds the cycles a long batch
# leaves (a PDF's reader leaves a few hundred objects a plan; a .txt plan none).
CYCLE_COLLECTOR_THRESHOLD = 50_000


def extract_main() -> None:
    """Entry point of the `extract` console script; ends the process at once (`exit_now`)."""
    # pydantic looks for plugins (a scan of every installed package's entry points, ~8 ms)
    # when it first builds a validator; the command line uses none, so it does not look
    plugins_off()
    gc.set_threshold(CYCLE_COLLECTOR_THRESHOLD)
    try:
        # the methods of the dataclasses pydantic and the pipeline define on import come
        # from the cache, not the compiler (20 ms of a run)
        with dataclass_methods_cached():
            extract_app(prog_name="extract")
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    exit_now(code)


def exit_now(code: object) -> typing.NoReturn:
    """Flush stdout and stderr and end the process with `code` without tearing down the
    interpreter: freeing every module and object of the pipeline takes longer than one
    plan's extraction (about 30 ms), and nothing is left to release: outputs are written
    and synced, temporary files closed, a pool's workers joined (mypy ends the same way).
    A code that is not a number (a message) is printed and exits 3; None is 0."""
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(f"error: {code}", file=sys.stderr)
        code = EXIT_BAD_INPUT
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`extract … | head`): nothing to save
            pass
    os._exit(code)


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


@app.command("diff", cls=PlainHelpCommand)
@command_boundary
def diff_command(
    old: Annotated[
        Path,
        typer.Argument(metavar="OLD", help="Old plan JSON (or a plan file, extracted first)."),
    ],
    new: Annotated[
        Path | None,
        typer.Argument(metavar="NEW", help="New plan JSON (or a plan file, extracted first)."),
    ] = None,
    golden: Annotated[
        Path | None,
        typer.Option(
            metavar="GOLDEN.json",
            help="Compare OLD, extracted now, against this reviewed golden JSON.",
        ),
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
    import json

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


@app.command("score", cls=PlainHelpCommand)
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
        int,
        typer.Option("--rubric", metavar="N", help="Which rubric of the plan (0 = the first)."),
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


@app.command("compare", cls=PlainHelpCommand)
@command_boundary
def compare_command(
    plans: Annotated[
        list[Path],
        typer.Argument(
            metavar="PLAN…",
            help="Plan JSON files, plan files (extracted first) or plan databases.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Report file; its suffix picks the format: .html .xlsx .csv .md",
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


@app.command("report", cls=PlainHelpCommand)
@command_boundary
def report_command(
    plan_file: Annotated[
        Path,
        typer.Argument(
            metavar="PLAN.json", help="An extracted plan (or a plan file, extracted now)."
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE.html", help="The HTML file to write.")
    ],
    source: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="The plan's source file, if not at the plan's source.path."
        ),
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


# ---------------------------------------------------------------- golden files

golden_app = typer.Typer(
    help="Golden files: the reviewed extraction of each corpus plan (golden/README.md).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(golden_app, name="golden")

CI_ENV = "CI"  # set by every common CI service; goldens are never rewritten there


def reviewed_by_hand(golden_dir: Path, name: str) -> bool:
    """True for a golden written and checked by readers (golden/NAME.notes.md records
    their decisions): it is truth, never regenerated from output; its gaps are listed."""
    return (golden_dir / f"{name}.notes.md").exists()


def gap_lines(golden: dict, plan: dict) -> list[str]:
    """Where an extraction differs from a hand-reviewed golden, one diff line each (the
    format of golden/gaps/NAME.txt)."""
    from extractor.review.diff import change_line, diff_plans

    return [change_line(c) for c in diff_plans(golden, plan, with_evidence=True)]


@golden_app.command("update", cls=PlainHelpCommand)
@command_boundary
def golden_update_command(
    names: Annotated[
        list[str],
        typer.Argument(metavar="NAME…", help="Plans of corpus/NAME.txt, e.g. hangtai."),
    ],
    root: Annotated[
        Path,
        typer.Option(metavar="DIR", help="The repository (holding corpus/ and golden/)."),
    ] = Path(),
) -> None:
    """Regenerate a golden from the current extraction and print what changed.

    For a seed plan (a golden without readers' notes) it prints each changed value with
    the golden's evidence quote, then writes golden/NAME.json. A devset golden (one with
    golden/NAME.notes.md) is hand-reviewed truth and is never rewritten from output: its
    gaps, golden/gaps/NAME.txt, are listed again and the lines that came or went printed.
    Review with `git diff golden/` before committing. Refused where $CI is set.

    Examples:

      rubric golden update hangtai

      rubric golden update guojia_zhiye_jiaoyu wusong
    """
    import difflib
    import json

    from extractor.pipeline import extract_file
    from extractor.review.diff import diff_plans, render_text

    if os.environ.get(CI_ENV):
        raise fail(
            f"${CI_ENV} is set: goldens are updated and reviewed by hand, never in CI",
            EXIT_USAGE,
        )
    golden_dir, corpus = root / "golden", root / "corpus"
    for name in names:
        source, golden_file = corpus / f"{name}.txt", golden_dir / f"{name}.json"
        if not golden_file.exists():
            raise fail(f"{display_path(golden_file)}: no such golden (NAME as in golden/NAME.json)")
        with library_output_routed():
            plan = extract_file(source)
        plan.source.path = f"corpus/{name}.txt"  # as `extract` run from the repository writes it
        golden = json.loads(golden_file.read_text("utf-8"))
        fresh = json.loads(plan.model_dump_json())
        if reviewed_by_hand(golden_dir, name):
            gaps_file = golden_dir / "gaps" / f"{name}.txt"
            before = gaps_file.read_text("utf-8").splitlines() if gaps_file.exists() else []
            after = gap_lines(golden, fresh)
            print(f"{name}: hand-reviewed golden kept; {len(after)} gap(s) in {gaps_file}")
            for line in difflib.unified_diff(before, after, "gaps before", "gaps now", lineterm=""):
                print(line)
            if after:
                write_atomically(gaps_file, "\n".join(after) + "\n")
            elif gaps_file.exists():
                gaps_file.unlink()
            continue
        changes = diff_plans(golden, fresh, with_evidence=True)
        print(f"{name}: {len(changes)} change(s) in {golden_file}")
        if changes:
            sys.stdout.write(render_text(changes, evidence_from=golden))
            write_atomically(golden_file, plan.model_dump_json(indent=2) + "\n")


# The data teams' commands (extractor/cli_data.py).
from extractor.cli_data import export_command, index_command  # noqa: E402

app.command("index")(index_command)
app.command("export")(export_command)
