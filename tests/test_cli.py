"""The command line: outputs, exit codes, one-line errors and no partial files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.cli import CYCLE_COLLECTOR_THRESHOLD
from tests.conftest import CORPUS, ROOT

BAD_INPUTS = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "undecodable.txt": b"\xff\xfe\xfd\x81\x00\x00\xfe" * 50 + b"\x80\x81\x82",
}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the `rubric` CLI in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-c", "from extractor.cli import app; app(prog_name='rubric')", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def run_extract(*args: str) -> subprocess.CompletedProcess:
    """Run the `extract` console script's entry point in a subprocess."""
    return subprocess.run(
        [sys.executable, "-c", "from extractor.cli import extract_main; extract_main()", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_extract_writes_one_json_file(tmp_path: Path) -> None:
    out = tmp_path / "rubric.json"
    result = run_extract(str(CORPUS / "hangtai.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    assert data["source"]["format"] == "txt"
    assert data["schema_version"] == "1.0"
    assert list(tmp_path.iterdir()) == [out], "temporary files left behind"


def test_extract_directory_writes_one_file_per_plan(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("hangtai", "wusong"):
        (plans / f"{name}.txt").write_bytes((CORPUS / f"{name}.txt").read_bytes())
    (plans / "notes.md").write_text("not a plan", "utf-8")
    out = tmp_path / "out"
    result = run("extract", str(plans), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["hangtai.json", "wusong.json"]


def test_extract_to_stdout() -> None:
    result = run("extract", str(CORPUS / "wusong.txt"), "-o", "-")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"]["path"].endswith("wusong.txt")


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_3_and_no_output(tmp_path: Path, name: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(BAD_INPUTS[name])
    out = tmp_path / "out.json"
    result = run_extract(str(bad), "-o", str(out))
    assert_one_line_error(result, 3, name)
    assert not out.exists()


def test_missing_path(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run_extract(str(tmp_path / "nope.txt"), "-o", str(out))
    assert_one_line_error(result, 3, "nope.txt", "no such file")
    assert not out.exists()


def test_directory_without_plans(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("x", "utf-8")
    out = tmp_path / "out"
    result = run_extract(str(tmp_path), "-o", str(out))
    assert_one_line_error(result, 3, "no plan files")
    assert not out.exists()


def test_several_plans_into_a_json_file_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    result = run("extract", str(CORPUS / "hangtai.txt"), str(CORPUS / "wusong.txt"), "-o", str(out))
    assert_one_line_error(result, 2, "output directory")
    assert not out.exists()


def test_no_arguments_is_a_usage_error() -> None:
    assert run_extract().returncode == 2


def test_text_prints_the_normalised_text() -> None:
    result = run("text", str(CORPUS / "zhejiang.txt"))
    assert result.returncode == 0
    assert "[bookmark:" not in result.stdout
    assert "浙江省绿色社区建设行动实施方案" in result.stdout


@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_text_shows_a_cells_line_breaks(tmp_path: Path, suffix: str) -> None:
    source = "\t序号\n\t内容\n\n\t1\n\t建立健全\n社区人居\n"
    if suffix == "txt":
        path = tmp_path / "plan.txt"
        path.write_text(source, "utf-8")
    else:
        import docx

        document = docx.Document()
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text = "序号", "内容", "1"
        table.cell(1, 1).text = "建立健全"
        table.cell(1, 1).add_paragraph("社区人居")
        path = tmp_path / "plan.docx"
        document.save(path)
    result = run("text", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "序号\t内容\n1\t建立健全\n社区人居\n"


def test_schema_command_matches_committed_schema() -> None:
    result = run("schema")
    committed = (ROOT / "schemas" / "plan.schema.json").read_text("utf-8")
    assert json.loads(result.stdout) == json.loads(committed)


# --- one error path: hostile inputs, outputs that cannot be written ----------------------

PLAN_TEXT = "一、工作目标\n到2025年，全市80%以上社区达标。\n二、保障措施\n各单位要抓好落实。\n"


def write_plan(path: Path, text: str = PLAN_TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        ("encrypted_docx", "encrypted .docx"),
        ("unknown_compression_docx", "compression method"),
        ("negative_seek_docx", "corrupt .docx"),
        ("corrupt_styles_docx", "corrupt .docx"),
    ],
)
def test_hostile_docx_is_one_line_exit_3(tmp_path: Path, make: str, words: str) -> None:
    from tests import hostile

    plan = tmp_path / "plan.docx"
    plan.write_bytes(getattr(hostile, make)())
    out = tmp_path / "out.json"
    result = run_extract(str(plan), "-o", str(out))
    assert_one_line_error(result, 3, "plan.docx", words)
    assert not out.exists()


def test_limit_option_names_and_raises_the_limit(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.txt")
    out = tmp_path / "out.json"
    result = run_extract(str(plan), "--limit", "characters=20", "-o", str(out))
    assert_one_line_error(result, 3, "plan.txt", "characters limit of 20", "--limit characters=")
    assert not out.exists()
    result = run("extract", str(plan), "--limit", "characters=1e6", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text("utf-8"))["sections"]


@pytest.mark.parametrize("setting", ["pages=5", "characters=0", "characters=lots", "characters"])
def test_bad_limit_option_is_a_usage_error(tmp_path: Path, setting: str) -> None:
    plan = write_plan(tmp_path / "plan.txt")
    assert_one_line_error(run_extract(str(plan), "--limit", setting), 2, "--limit")


def test_output_that_is_the_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "p.txt")
    result = run_extract(str(plan), "-o", str(plan))
    assert_one_line_error(result, 3, "p.txt", "is an input")
    assert plan.read_text("utf-8") == PLAN_TEXT
    # the same file reached another way (a ./ path, a symbolic link)
    (tmp_path / "link.txt").symlink_to(plan)
    result = run_extract(str(tmp_path / "link.txt"), "-o", str(tmp_path / "." / "p.txt"))
    assert_one_line_error(result, 3, "is an input")
    assert plan.read_text("utf-8") == PLAN_TEXT


def test_an_input_named_like_its_output_in_the_output_directory_is_kept(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "p.json")  # a text plan that happens to be named .json
    other = write_plan(tmp_path / "q.txt")
    result = run_extract(str(plan), str(other), "-o", str(tmp_path))
    assert_one_line_error(result, 3, "p.json", "is an input")
    assert plan.read_text("utf-8") == PLAN_TEXT


def test_two_inputs_of_one_name_get_two_outputs_and_a_note(tmp_path: Path) -> None:
    first = write_plan(tmp_path / "a" / "plan.txt")
    second = write_plan(tmp_path / "b" / "plan.txt", PLAN_TEXT.replace("80%", "90%"))
    out = tmp_path / "out"
    result = run_extract(str(first), str(second), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a-plan.json", "b-plan.json"]
    assert "a-plan.json" in result.stderr and "b-plan.json" in result.stderr
    sources = {
        name: json.loads((out / name).read_text("utf-8"))["source"]["path"]
        for name in ("a-plan.json", "b-plan.json")
    }
    assert sources == {"a-plan.json": str(first), "b-plan.json": str(second)}


def test_output_names_say_the_format_and_the_folder() -> None:
    from extractor.cli import output_names

    inputs = [Path("x/a.txt"), Path("y/a.txt"), Path("x/a.docx"), Path("x/b.txt"), Path("y/B.txt")]
    assert list(output_names(inputs).values()) == [
        "x-a.txt.json",
        "y-a.txt.json",
        "a.docx.json",
        "x-b.json",
        "y-B.json",
    ]


def test_output_names_go_up_folders_until_they_differ_then_number() -> None:
    from extractor.cli import output_names

    inputs = [Path("2023/q1/plan.txt"), Path("2024/q1/plan.txt"), Path("x-plan.txt")]
    assert list(output_names(inputs).values()) == [
        "2023-q1-plan.json",
        "2024-q1-plan.json",
        "x-plan.json",
    ]
    clash = [Path("x/plan.txt"), Path("y/plan.txt"), Path("x-plan.txt")]
    assert list(output_names(clash).values()) == ["x-plan.json", "y-plan.json", "x-plan-2.json"]


def test_output_names_keep_subfolders_and_name_stdin() -> None:
    from extractor.cli import output_names

    inputs = [Path("d/a.txt"), Path("d/sub/a.txt"), Path("d/sub/a.pdf"), Path("-")]
    folders = {Path("d/a.txt"): Path(), Path("d/sub/a.txt"): Path("sub"),
               Path("d/sub/a.pdf"): Path("sub")}  # fmt: skip
    assert list(output_names(inputs, folders).values()) == [
        "a.json",
        "sub/a.txt.json",
        "sub/a.pdf.json",
        "stdin.json",
    ]


def test_output_an_existing_directory_writes_inside_it(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.txt")
    out = tmp_path / "out"
    out.mkdir()
    result = run_extract(str(plan), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["plan.json"]


@pytest.mark.parametrize("target", ["", "file.txt/out.json"])
def test_output_that_cannot_be_written_is_one_line_exit_3(tmp_path: Path, target: str) -> None:
    plan = write_plan(tmp_path / "plan.txt")
    write_plan(tmp_path / "file.txt")  # a file where the output wants a folder
    result = subprocess.run(
        [sys.executable, "-c", "from extractor.cli import extract_main; extract_main()",
         str(plan), "-o", target],
        capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert_one_line_error(result, 3, "out.json" if target else "empty output path")


def test_read_only_output_is_one_line_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tempfile

    import typer

    from extractor import cli

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    plan = write_plan(tmp_path / "plan.txt")
    with pytest.raises(typer.Exit) as info:
        cli.run_extract([plan], str(tmp_path / "ro" / "out.json"))
    assert info.value.exit_code == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {tmp_path / 'ro' / 'out.json'}: cannot be written (Permission denied)"]


def test_unreadable_input_is_one_line_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import typer

    from extractor import cli

    plan = write_plan(tmp_path / "plan.txt")
    original = os.open

    def refuse(path: str | Path, flags: int, *args: int) -> int:  # as a chmod would for a user
        if Path(path) == plan:
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(typer.Exit) as info:
        cli.run_extract([plan], str(tmp_path / "out.json"))
    assert info.value.exit_code == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {plan}: cannot be read (Permission denied)"]


def test_a_file_name_with_a_non_utf8_byte_is_read_and_named(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    odd = Path(os.fsdecode(bytes(folder) + b"/\xb7\xbd\xb0\xb8.txt"))  # GBK 方案, read as UTF-8
    write_plan(odd)
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-c", "from extractor.cli import extract_main; extract_main()",
         str(folder).encode(), b"-o", str(out).encode()],
        capture_output=True, cwd=ROOT,
    )  # fmt: skip
    stderr = result.stderr.decode()
    assert result.returncode == 3, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert lines[0].startswith("error: ") and "bad.txt" in lines[0]
    assert lines[1] == "2 plans: 1 written, 1 failed"
    (written,) = out.iterdir()  # the batch went on past the failing plan
    assert json.loads(written.read_text("utf-8"))["source"]["path"].endswith(
        "\\xb7\\xbd\\xb0\\xb8.txt"
    )


def test_batch_goes_on_past_a_failing_plan_and_says_so(tmp_path: Path) -> None:
    good = write_plan(tmp_path / "in" / "good.txt")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = run_extract(str(good.parent), "-o", str(out))
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'in' / 'empty.txt'}: file is empty",
        "2 plans: 1 written, 1 failed",
    ]
    assert [p.name for p in out.iterdir()] == ["good.json"]


UNEXPECTED = (
    "import sys, warnings; import extractor.pipeline as p\n"
    "def broken(doc):\n"
    "    warnings.warn('a library warning'); print('library chatter', file=sys.stderr)\n"
    "    raise KeyError('boom')\n"
    "p.extract_from_document = broken\n"
    "from extractor.cli import extract_main; extract_main()\n"
)


def test_an_unexpected_failure_is_one_line_and_library_output_held_back(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.txt")
    result = subprocess.run(
        [sys.executable, "-c", UNEXPECTED, str(plan), "-o", str(tmp_path / "o.json")],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert_one_line_error(result, 3, "plan.txt", "KeyError", "--debug")
    assert "chatter" not in result.stderr and "library warning" not in result.stderr


def test_verbose_shows_library_output_and_debug_the_traceback(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.txt")
    args = [sys.executable, "-c", UNEXPECTED, str(plan), "-o", str(tmp_path / "o.json")]
    verbose = subprocess.run([*args, "--verbose"], capture_output=True, text=True, cwd=ROOT)
    assert verbose.returncode == 3
    assert "note: library chatter" in verbose.stderr
    assert "note: UserWarning: a library warning" in verbose.stderr
    assert verbose.stderr.strip().splitlines()[-1].startswith("error: ")
    debug = subprocess.run([*args, "--debug"], capture_output=True, text=True, cwd=ROOT)
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr and "KeyError: 'boom'" in debug.stderr


# --- atomic writes ------------------------------------------------------------------------

KILLED_MID_WRITE = (
    "import os, signal, sys\n"
    "from pathlib import Path\n"
    "from extractor import cli\n"
    "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
    "cli.write_atomically(Path(sys.argv[1]), 'new content')\n"
)


def test_kill_9_mid_write_leaves_the_old_file_and_the_next_write_cleans_up(
    tmp_path: Path,
) -> None:
    from extractor.cli import write_atomically

    target = tmp_path / "out.json"
    target.write_text("old content", "utf-8")
    result = subprocess.run(
        [sys.executable, "-c", KILLED_MID_WRITE, str(target)], capture_output=True, cwd=ROOT
    )
    assert result.returncode == -9
    assert target.read_text("utf-8") == "old content"
    (stale,) = [p for p in tmp_path.iterdir() if p != target]
    assert stale.name.startswith(".out.json.extract-") and stale.name.endswith(".tmp")
    write_atomically(target, "newer content")
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert target.read_text("utf-8") == "newer content"


def test_a_live_processes_temporary_file_is_left_alone(tmp_path: Path) -> None:
    from extractor.cli import remove_stale_temporaries

    target = tmp_path / "out.json"
    live = tmp_path / f".out.json.extract-{os.getppid()}-abc.tmp"
    dead = tmp_path / ".out.json.extract-999999999-abc.tmp"
    other = tmp_path / ".other.json.extract-999999999-abc.tmp"
    for path in (live, dead, other):
        path.write_text("partial", "utf-8")
    assert remove_stale_temporaries(target) == [dead]
    assert live.exists() and other.exists()


def test_report_never_overwrites_its_source(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"  # an HTML plan, read as text, asked to report onto itself
    page.write_text("<html><body><p>一、工作目标</p><p>到2025年达标。</p></body></html>", "utf-8")
    before = page.read_bytes()
    result = run("report", str(page), "-o", str(page))
    assert_one_line_error(result, 3, "plan.html", "is an input")
    assert page.read_bytes() == before
    report = tmp_path / "view.html"
    assert run("report", str(page), "-o", str(report)).returncode == 0
    assert "一、工作目标" in report.read_text("utf-8")


# --- batches: names, formats, subfolders, stdin, jobs, progress, summary -------------------

NOT_A_PLAN_TEXT = (
    "# Notes\n\nSome words about a project, 2025, with a table:\n\n| a | b |\n|---|---|\n"
)


def test_a_text_without_plan_structure_is_refused_or_forced(tmp_path: Path) -> None:
    notes = write_plan(tmp_path / "README.md", NOT_A_PLAN_TEXT + "到2025年，完成80%。\n")
    out = tmp_path / "out.json"
    result = run_extract(str(notes), "-o", str(out))
    assert_one_line_error(result, 3, "README.md", "not a plan", "--force")
    assert not out.exists()
    forced = run_extract(str(notes), "--force", "-o", str(out))
    assert forced.returncode == 0, forced.stderr
    assert forced.stderr.startswith("warning: ") and "not a plan" in forced.stderr
    warnings = json.loads(out.read_text("utf-8"))["warnings"]
    assert [w["code"] for w in warnings][-1] == "not_a_plan"


def test_a_plan_with_headings_only_is_not_refused(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.txt", "一、总体要求\n做好工作。\n二、工作措施\n抓好落实。\n")
    assert run_extract(str(plan), "-o", str(tmp_path / "o.json")).returncode == 0


def test_stdin_is_read_as_a_plan(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "from extractor.cli import extract_main; extract_main()"]
    result = subprocess.run([*command, "-"], input=PLAN_TEXT.encode(), capture_output=True,
                            cwd=ROOT)  # fmt: skip
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["source"]["path"] == "<stdin>" and plan["targets"][0]["percent"] == 80
    other = write_plan(tmp_path / "other.txt")
    out = tmp_path / "out"
    both = subprocess.run([*command, "-", str(other), "-o", str(out)], input=PLAN_TEXT.encode(),
                          capture_output=True, cwd=ROOT)  # fmt: skip
    assert both.returncode == 0, both.stderr
    assert sorted(p.name for p in out.iterdir()) == ["other.json", "stdin.json"]
    empty = subprocess.run([*command, "-"], input="", capture_output=True, text=True, cwd=ROOT)
    assert_one_line_error(empty, 3, "<stdin>", "empty")


def test_subfolders_are_noted_or_read_with_recursive(tmp_path: Path) -> None:
    write_plan(tmp_path / "in" / "a.txt")
    write_plan(tmp_path / "in" / "sub" / "a.txt")
    write_plan(tmp_path / "in" / ".hidden" / "c.txt")
    out = tmp_path / "out"
    flat = run_extract(str(tmp_path / "in"), "-o", str(out))
    assert flat.returncode == 0, flat.stderr
    assert flat.stderr.splitlines()[0] == (
        f"note: {tmp_path / 'in'}: 1 subfolder(s) skipped (-r reads them): sub"
    )
    assert [p.name for p in out.iterdir()] == ["a.json"]
    deep = run_extract(str(tmp_path / "in"), "-r", "-o", str(tmp_path / "deep"))
    assert deep.returncode == 0, deep.stderr
    written = sorted(p.relative_to(tmp_path / "deep").as_posix()
                     for p in (tmp_path / "deep").rglob("*.json"))  # fmt: skip
    assert written == ["a.json", "sub/a.json"]
    assert deep.stderr.strip().splitlines() == ["2 plans: 2 written, 0 failed"]


def test_a_plan_in_several_formats_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for suffix in ("txt", "docx"):
        folder.mkdir(exist_ok=True)
        (folder / f"hangtai.{suffix}").write_bytes((CORPUS / f"hangtai.{suffix}").read_bytes())
    out = tmp_path / "out"
    result = run_extract(str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["hangtai.docx.json", "hangtai.txt.json"]
    assert result.stderr.splitlines()[0] == (
        f"note: {folder / 'hangtai'}: one plan in 2 formats (.docx, .txt) → "
        "hangtai.docx.json, hangtai.txt.json"
    )


def batch_folder(tmp_path: Path) -> Path:
    """Four plans of the corpus and one that fails, in one folder."""
    folder = tmp_path / "in"
    for name in ("hangtai", "wusong", "qingyang", "zhejiang"):
        write_plan(folder / f"{name}.txt", (CORPUS / f"{name}.txt").read_text("utf-8"))
    (folder / "broken.txt").write_bytes(b"")
    return folder


def test_jobs_give_the_same_output_as_a_serial_run(tmp_path: Path) -> None:
    folder = batch_folder(tmp_path)
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        to_files = run_extract(str(folder), "-j", jobs, "-o", str(out))
        to_stdout = run_extract(str(folder), "--jobs", jobs)
        files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
        runs[jobs] = (to_files.returncode, to_files.stderr.replace(str(out), "OUT"), files,
                      to_stdout.returncode, to_stdout.stdout, to_stdout.stderr)  # fmt: skip
    assert runs["1"] == runs["2"]
    code, stderr, files, _, stdout, _ = runs["1"]
    assert code == 3 and len(files) == 4 and len(stdout.splitlines()) == 4
    assert stderr.splitlines() == [
        f"error: {folder / 'broken.txt'}: file is empty",
        "5 plans: 4 written, 1 failed",
    ]


def test_quiet_prints_errors_only(tmp_path: Path) -> None:
    folder = batch_folder(tmp_path)
    (folder / "broken.txt").unlink()
    write_plan(folder / "sub" / "x.txt")
    result = run_extract(str(folder), "-q", "-o", str(tmp_path / "out"))
    assert result.returncode == 0 and result.stderr == ""
    (folder / "broken.txt").write_bytes(b"")
    failing = run_extract(str(folder), "--quiet", "-o", str(tmp_path / "out"))
    assert failing.returncode == 3
    assert failing.stderr.splitlines()[0].endswith("broken.txt: file is empty")


def test_a_terminal_gets_a_progress_bar_and_the_summary(tmp_path: Path) -> None:
    import pty

    folder = batch_folder(tmp_path)
    leader, follower = pty.openpty()
    result = subprocess.run(
        [sys.executable, "-c", "from extractor.cli import extract_main; extract_main()",
         str(folder), "-j", "1", "-o", str(tmp_path / "out")],
        stderr=follower, stdout=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    os.close(follower)
    shown = b""
    with __import__("contextlib").suppress(OSError):
        while chunk := os.read(leader, 65536):
            shown += chunk
    os.close(leader)
    text = shown.decode("utf-8", "replace")
    assert result.returncode == 3
    assert "━" in text and "extracting" in text  # the bar was drawn
    assert "broken.txt: file is empty" in text and "5 plans: 4 written, 1 failed" in text


def test_bad_jobs_is_a_usage_error(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.txt")
    for jobs in ("0", "two", "-1"):
        assert_one_line_error(run_extract(str(plan), "-j", jobs), 2, "--jobs")


def test_debug_still_exits_3(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_extract(str(empty), "--debug")
    assert result.returncode == 3 and "Traceback" in result.stderr


@pytest.mark.parametrize("command", [["extract"], ["rubric"]])
def test_version(command: list[str]) -> None:
    result = run_extract("--version") if command == ["extract"] else run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("plan-extractor ")


def test_python_m_extractor_is_the_rubric_command(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "extractor",
            "extract",
            str(CORPUS / "zhaoxiang.txt"),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text("utf-8"))["title"]


@pytest.mark.parametrize("command", ["extract", "text", "diff", "score", "compare", "report"])
def test_help_shows_plain_placeholders_and_the_contract(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    usage = result.stdout.splitlines()[0]
    arguments = result.stdout.split("Options:")[0].split("Arguments:")[-1]
    assert "{" not in usage and "<" not in arguments
    if command == "extract":
        assert usage == "Usage: rubric extract [OPTIONS] FILE…"
        assert "docs/CONTRACT.md" in result.stdout
    assert "shared/CONTRACT.md" not in result.stdout


# --- rubric golden update -----------------------------------------------------------------


def golden_root(tmp_path: Path, *names: str) -> Path:
    """A copy of the corpus plans, goldens, notes and gaps of `names`."""
    for name in names:
        files = [("corpus", f"{name}.txt"), ("golden", f"{name}.json")]
        files += [("golden", f"{name}.notes.md"), ("golden/gaps", f"{name}.txt")]
        for sub, file in files:
            if (ROOT / sub / file).exists():
                (tmp_path / sub).mkdir(parents=True, exist_ok=True)
                (tmp_path / sub / file).write_bytes((ROOT / sub / file).read_bytes())
    return tmp_path


def run_golden_update(root: Path, *names: str, ci: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "true"} if ci else {})
    return subprocess.run(
        [sys.executable, "-c", "from extractor.cli import app; app(prog_name='rubric')",
         "golden", "update", *names, "--root", str(root)],
        capture_output=True, text=True, cwd=ROOT, env=env,
    )  # fmt: skip


def test_golden_update_rewrites_a_seed_golden_and_shows_each_change_with_its_quote(
    tmp_path: Path,
) -> None:
    root = golden_root(tmp_path, "hangtai")
    golden_file = root / "golden" / "hangtai.json"
    reviewed = golden_file.read_text("utf-8")
    stale = json.loads(reviewed)
    stale["rubrics"][0]["dimensions"][0]["items"][1]["points"] = 99
    golden_file.write_text(json.dumps(stale, ensure_ascii=False, indent=2) + "\n", "utf-8")
    result = run_golden_update(root, "hangtai")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"hangtai: 1 change(s) in {golden_file}",
        "rubrics (1 changed)",
        "  ~ rubrics[0].dimensions[0].items[1].points: 99 → 5",
        "      evidence: 「搭建沟通议事平台，开展多种形式基层协商，推动决策共谋、发展共建、"
        "建设共管、效果共评、成果共享」",
    ]
    assert golden_file.read_text("utf-8") == reviewed  # what extract writes from the root
    again = run_golden_update(root, "hangtai")
    assert again.stdout == f"hangtai: 0 change(s) in {golden_file}\n"


def test_golden_update_lists_a_devset_plans_gaps_and_keeps_its_golden(tmp_path: Path) -> None:
    name = "guojia_zhiye_jiaoyu"
    root = golden_root(tmp_path, name)
    gaps_file = root / "golden" / "gaps" / f"{name}.txt"
    gaps = gaps_file.read_text("utf-8").splitlines()
    gaps_file.write_text("\n".join([*gaps[1:], "~ stale.gap: 1 → 2"]) + "\n", "utf-8")
    golden = (root / "golden" / f"{name}.json").read_bytes()
    result = run_golden_update(root, name)
    assert result.returncode == 0, result.stderr
    assert f"+{gaps[0]}" in result.stdout.splitlines()
    assert "-~ stale.gap: 1 → 2" in result.stdout.splitlines()
    assert gaps_file.read_text("utf-8").splitlines() == gaps
    assert (root / "golden" / f"{name}.json").read_bytes() == golden


def test_golden_update_refuses_in_ci_and_an_unknown_name(tmp_path: Path) -> None:
    root = golden_root(tmp_path, "hangtai")
    assert_one_line_error(run_golden_update(root, "hangtai", ci=True), 2, "$CI", "never in CI")
    assert_one_line_error(run_golden_update(root, "nope"), 3, "nope.json", "no such golden")


def test_extract_to_a_workbook_writes_the_plans_sheets(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "hangtai.xlsx"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from extractor.cli import extract_main; extract_main()",
            str(CORPUS / "hangtai.txt"),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert {"items", "targets", "deadlines", "responsibilities"} <= set(book.sheetnames)
    items = list(book["items"].iter_rows(values_only=True))
    plan = json.loads((ROOT / "golden" / "hangtai.json").read_text("utf-8"))
    count = sum(len(d["items"]) for r in plan["rubrics"] for d in r["dimensions"])
    assert len(items) == count + 1  # a header, then one row per rubric item
    column = items[0].index("分值 Points")
    points = [row[column] for row in items[1:]]
    assert all(isinstance(value, int | float) for value in points), "points stored as numbers"


# modules `extract` of a .txt plan does without (start-up, bench/startup.py): json (the
# output is pydantic's), zipfile (the .docx reader's), importlib.metadata (pydantic's
# plugin loader, extractor.pydantic_plugins)
NOT_ON_THE_TEXT_PATH = ("json", "zipfile", "importlib.metadata")
IMPORTED_PROBE = (
    "import gc, sys, extractor.cli as cli\n"
    f"cli.exit_now = lambda code: print(code, gc.get_threshold()[0], "
    f"*(m for m in {NOT_ON_THE_TEXT_PATH!r} if m in sys.modules))\n"
    "cli.extract_main()\n"
)


def test_extract_of_a_text_plan_imports_only_what_it_needs_and_collects_seldom(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.json"
    result = subprocess.run(
        [sys.executable, "-c", IMPORTED_PROBE, str(CORPUS / "hangtai.txt"), "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.stdout.split() == ["0", str(CYCLE_COLLECTOR_THRESHOLD)], result.stderr
    assert json.loads(out.read_text("utf-8"))["source"]["format"] == "txt"
