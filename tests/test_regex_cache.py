"""The regex cache: patterns built from stored programs equal the ones `re` compiles."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import regex_cache
from tests.conftest import ROOT


def test_a_stored_program_gives_the_pattern_re_gives() -> None:
    for pattern, flags in [
        (r"(?P<year>20\d{2})年(?:底|末)?前", 0),
        (r"[一二三四五六七八九十]+、\s*", re.MULTILINE),
        (r"(?i)total|合计", 0),
        (r"^\s*（([一二三四五六七八九十]+)）", re.M | re.S),
    ]:
        entry = regex_cache.assemble(pattern, int(flags))
        built = regex_cache.build(pattern, entry)
        assert built == re.compile(pattern, flags)  # compares flags, pattern and program
        assert built.groupindex == re.compile(pattern, flags).groupindex


def test_patterns_cached_stores_then_reuses_and_leaves_others_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(regex_cache.CACHE_DIR_ENV, str(tmp_path))
    namespace = {"__name__": "extractor.example", "re": re}
    source = "A = re.compile(r'(?P<n>\\d+)个'); B = re.compile('x', re.I)"
    with regex_cache.patterns_cached():
        exec(source, namespace)
        outside = re.compile(r"(\d+)个")  # this test module is not an extractor module
    assert namespace["A"] == re.compile(r"(?P<n>\d+)个")
    stored = regex_cache.load_entries(regex_cache.cache_file())
    assert set(stored) == {(r"(?P<n>\d+)个", 0), ("x", int(re.I))}
    assert outside == re.compile(r"(\d+)个")
    # the second time the program comes from the file, not from re's parser
    monkeypatch.setattr(regex_cache, "assemble", lambda *a: pytest.fail("assembled again"))
    with regex_cache.patterns_cached():
        exec(source, namespace)
    assert namespace["B"] == re.compile("x", re.I)


def test_a_damaged_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(regex_cache.CACHE_DIR_ENV, str(tmp_path))
    regex_cache.cache_file().write_bytes(b"\x00not marshal")
    namespace = {"__name__": "extractor.example", "re": re}
    with regex_cache.patterns_cached():
        exec("A = re.compile('年')", namespace)
    assert namespace["A"] == re.compile("年")


def test_extract_gives_the_same_json_with_a_cold_and_a_warm_cache(tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(ROOT), regex_cache.CACHE_DIR_ENV: str(tmp_path / "cache")}
    command = [sys.executable, "-c", "from extractor.cli import extract_main; extract_main()",
               str(ROOT / "corpus" / "hangtai.txt")]  # fmt: skip

    cold = subprocess.run(command, capture_output=True, env={**os.environ, **env}, cwd=ROOT)
    warm = subprocess.run(command, capture_output=True, env={**os.environ, **env}, cwd=ROOT)
    assert cold.returncode == warm.returncode == 0
    assert list((tmp_path / "cache").iterdir())
    assert cold.stdout == warm.stdout
