"""The compile caches: patterns built from stored programs equal the ones `re` compiles,
dataclass methods run from stored code objects equal the ones compiled from their source."""

from __future__ import annotations

import dataclasses
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from types import CodeType

import pytest

from extractor import compile_cache
from tests.conftest import ROOT


def test_a_stored_program_gives_the_pattern_re_gives() -> None:
    for pattern, flags in [
        (r"(?P<year>20\d{2})年(?:底|末)?前", 0),
        (r"[一二三四五六七八九十]+、\s*", re.MULTILINE),
        (r"(?i)total|合计", 0),
        (r"^\s*（([一二三四五六七八九十]+)）", re.M | re.S),
    ]:
        entry = compile_cache.assemble(pattern, int(flags))
        built = compile_cache.build(pattern, entry)
        assert built == re.compile(pattern, flags)  # compares flags, pattern and program
        assert built.groupindex == re.compile(pattern, flags).groupindex


def test_patterns_cached_stores_then_reuses_and_leaves_others_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(compile_cache.CACHE_DIR_ENV, str(tmp_path))
    namespace = {"__name__": "extractor.example", "re": re}
    source = "A = re.compile(r'(?P<n>\\d+)个'); B = re.compile('x', re.I)"
    with compile_cache.patterns_cached():
        exec(source, namespace)
        outside = re.compile(r"(\d+)个")  # this test module is not an extractor module
    assert namespace["A"] == re.compile(r"(?P<n>\d+)个")
    stored = compile_cache.load_entries(compile_cache.cache_file())
    assert set(stored) == {(r"(?P<n>\d+)个", 0), ("x", int(re.I))}
    assert outside == re.compile(r"(\d+)个")
    # the second time the program comes from the file, not from re's parser
    monkeypatch.setattr(compile_cache, "assemble", lambda *a: pytest.fail("assembled again"))
    with compile_cache.patterns_cached():
        exec(source, namespace)
    assert namespace["B"] == re.compile("x", re.I)


def test_a_damaged_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(compile_cache.CACHE_DIR_ENV, str(tmp_path))
    compile_cache.cache_file().write_bytes(b"\x00not marshal")
    namespace = {"__name__": "extractor.example", "re": re}
    with compile_cache.patterns_cached():
        exec("A = re.compile('年')", namespace)
    assert namespace["A"] == re.compile("年")


def test_extract_gives_the_same_json_with_a_cold_and_a_warm_cache(tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(ROOT), compile_cache.CACHE_DIR_ENV: str(tmp_path / "cache")}
    command = [sys.executable, "-c", "from extractor.cli import extract_main; extract_main()",
               str(ROOT / "corpus" / "hangtai.txt")]  # fmt: skip

    cold = subprocess.run(command, capture_output=True, env={**os.environ, **env}, cwd=ROOT)
    warm = subprocess.run(command, capture_output=True, env={**os.environ, **env}, cwd=ROOT)
    assert cold.returncode == warm.returncode == 0
    names = {path.name for path in (tmp_path / "cache").iterdir()}
    cache_names = {compile_cache.REGEX_CACHE, compile_cache.CODE_CACHE}
    assert names == {f"{name}.marshal" for name in cache_names}
    assert cold.stdout == warm.stdout


def test_entries_of_other_runs_are_kept_unless_they_outnumber_this_runs() -> None:
    used = {"a": 1, "b": 2}
    assert compile_cache.entries_to_keep({"a": 0, "x": 9}, used) == {"x": 9, "a": 1, "b": 2}
    stale = {f"old{n}": n for n in range(3)}
    assert compile_cache.entries_to_keep(stale, used) == used


def test_the_cache_names_carry_the_python_version() -> None:
    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}"
    assert tag in compile_cache.REGEX_CACHE and tag in compile_cache.CODE_CACHE
    assert compile_cache.CODE_CACHE.endswith(f"-O{sys.flags.optimize}")


SAMPLE_DATACLASS = """
@dataclasses.dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int = 0
    tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)
"""


def define_sample() -> type:
    """The sample dataclass, defined afresh (without this module's `from __future__`)."""
    namespace: dict = {"dataclasses": dataclasses}
    exec(compile(SAMPLE_DATACLASS, "<sample>", "exec", dont_inherit=True), namespace)
    return namespace["Span"]


def sample_behaviour(span_class: type) -> tuple:
    """What the generated methods of the sample do."""
    one, two = span_class(1, 2), span_class(1, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.start = 5
    annotations = span_class.__init__.__annotations__
    return (repr(one), one == span_class(1, 2), one < two, hash(one) == hash(span_class(1, 2)),
            annotations, one.tags)  # fmt: skip


def test_dataclass_methods_cached_stores_then_reuses_equal_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(compile_cache.CACHE_DIR_ENV, str(tmp_path))
    expected = sample_behaviour(define_sample())
    with compile_cache.dataclass_methods_cached():
        cold = sample_behaviour(define_sample())
    assert "exec" not in vars(dataclasses)
    stored = compile_cache.load_entries(compile_cache.cache_file(compile_cache.CODE_CACHE))
    assert stored and all(code == compile_cache.compile_source(src) for src, code in stored.items())
    # the second time the code comes from the file, not from the compiler
    monkeypatch.setattr(compile_cache, "compile_source", lambda s: pytest.fail("compiled again"))
    with compile_cache.dataclass_methods_cached():
        warm = sample_behaviour(define_sample())
    assert cold == warm == expected
    # annotations evaluated, as dataclasses' own exec leaves them (not "_type_start")
    assert expected[4] == {"start": int, "end": int, "tags": tuple[str, ...], "return": None}


def test_a_nested_block_is_part_of_the_outer_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(compile_cache.CACHE_DIR_ENV, str(tmp_path))
    with compile_cache.dataclass_methods_cached():
        outer = vars(dataclasses)["exec"]
        with compile_cache.dataclass_methods_cached():
            assert vars(dataclasses)["exec"] is outer
            define_sample()
        assert vars(dataclasses)["exec"] is outer
    assert "exec" not in vars(dataclasses)


@pytest.mark.parametrize(
    "content",
    [b"\x00not marshal", marshal.dumps([1, 2]), b""],
    ids=["garbage", "not a dict", "empty"],
)
def test_a_damaged_code_cache_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    monkeypatch.setenv(compile_cache.CACHE_DIR_ENV, str(tmp_path))
    compile_cache.cache_file(compile_cache.CODE_CACHE).write_bytes(content)
    with compile_cache.dataclass_methods_cached():
        behaviour = sample_behaviour(define_sample())
    assert behaviour == sample_behaviour(define_sample())


def test_a_stored_entry_that_is_not_code_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(compile_cache.CACHE_DIR_ENV, str(tmp_path))
    with compile_cache.dataclass_methods_cached():
        define_sample()
    path = compile_cache.cache_file(compile_cache.CODE_CACHE)
    path.write_bytes(marshal.dumps(dict.fromkeys(compile_cache.load_entries(path), 7)))
    with compile_cache.dataclass_methods_cached():
        behaviour = sample_behaviour(define_sample())
    assert behaviour == sample_behaviour(define_sample())
    assert all(isinstance(code, CodeType) for code in compile_cache.load_entries(path).values())


def test_cached_exec_leaves_other_calls_to_the_builtin() -> None:
    used: dict = {}
    exec_cached = compile_cache.cached_exec({}, used)
    answer = 0
    exec_cached("answer = 42")  # no namespace: the caller's, as the builtin's
    scope: dict = {}
    exec_cached(compile("x = 1", "<test>", "exec"), scope)  # code, not text
    assert scope["x"] == 1 and not used
    exec_cached("y = 2", scope)
    assert scope["y"] == 2 and list(used) == ["y = 2"]
    assert answer == 0  # a function's locals are a snapshot, for the builtin as well


def test_a_damaged_stored_program_is_assembled_again_and_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(compile_cache.CACHE_DIR_ENV, str(tmp_path))
    path = compile_cache.cache_file()
    path.write_bytes(marshal.dumps({("年", 0): (0, [999, 1], 0, {}, (None,))}))
    namespace = {"__name__": "extractor.example", "re": re}
    with compile_cache.patterns_cached():
        exec("A = re.compile('年')", namespace)
    assert namespace["A"] == re.compile("年")
    assert compile_cache.load_entries(path) == {("年", 0): compile_cache.assemble("年", 0)}


def test_without_a_home_folder_nothing_is_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(compile_cache.CACHE_DIR_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", no_home)
    namespace = {"__name__": "extractor.example", "re": re}
    with compile_cache.patterns_cached(), compile_cache.dataclass_methods_cached():
        exec("A = re.compile('年')", namespace)
        behaviour = sample_behaviour(define_sample())
    assert namespace["A"] == re.compile("年")
    assert behaviour == sample_behaviour(define_sample())
