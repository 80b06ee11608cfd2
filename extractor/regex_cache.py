"""Compiled regular expressions kept between runs, as Python keeps compiled modules in .pyc.

The pipeline's modules compile about 300 patterns when they are imported (named module-level
data, as the style asks); `re` parses and assembles each in Python, which is most of what
`extract` spends starting up (about 45 ms of 60 ms on the 2-core development machine,
`bench/startup.py`). Inside `patterns_cached()`, a pattern compiled by an `extractor` module
is assembled once, its `_sre` program stored in a cache file, and later runs build the
pattern object straight from the stored program.

The stored program is what `re` itself would hand to `_sre.compile`, keyed by pattern,
flags and Python version: a pattern from the cache equals (`==`, which compares the
program) the one `re.compile` gives (tests/test_regex_cache.py). Anything unexpected (a
Python whose `re` internals differ, an unreadable or damaged cache, a folder that cannot be
written) falls back to `re.compile`, never to an error.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PACKAGE_PREFIX = "extractor."  # only patterns compiled by this package's modules are cached
CACHE_DIR_ENV = "PLAN_EXTRACTOR_CACHE_DIR"  # where the cache lives, if not the user cache
# a program is only valid for the `re` that made it
CACHE_TAG = f"regex-{sys.implementation.cache_tag}-{sys.hexversion:x}"

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def cache_file() -> Path:
    """The cache file: in $PLAN_EXTRACTOR_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache."""
    folder = os.environ.get(CACHE_DIR_ENV)
    if folder:
        return Path(folder) / f"{CACHE_TAG}.marshal"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "plan-extractor" / f"{CACHE_TAG}.marshal"


def load_entries(path: Path) -> dict[tuple[str, int], Entry]:
    """The stored programs (empty when the file is missing, unreadable or damaged)."""
    try:
        entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def save_entries(path: Path, entries: dict[tuple[str, int], Entry]) -> None:
    """Write the programs atomically (a temporary file renamed into place); a cache that
    cannot be written is simply not written."""
    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps(entries))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def assemble(pattern: str, flags: int) -> Entry:
    """The `_sre` program of `pattern`, as `re._compiler.compile` assembles it."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # named constants are ints
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    groups = parsed.state.groups - 1
    return (flags | parsed.state.flags, code, groups, groupindex, tuple(indexgroup))


def build(pattern: str, entry: Entry) -> re.Pattern[str]:
    """The pattern object of a stored program."""
    import _sre  # type: ignore[import-not-found]

    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


@contextlib.contextmanager
def patterns_cached() -> Iterator[None]:
    """Within the block, `re.compile` called by an `extractor` module with a text pattern
    builds it from the cache (assembling and storing it the first time); the cache file is
    rewritten at the end with the patterns of this block when one was missing."""
    path = cache_file()
    stored = load_entries(path)
    used: dict[tuple[str, int], Entry] = {}
    original = re.compile

    def compile_cached(pattern: Any, flags: Any = 0) -> re.Pattern:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if not (isinstance(pattern, str) and caller.startswith(PACKAGE_PREFIX)):
            return original(pattern, flags)
        key = (pattern, int(flags))
        try:
            entry = stored.get(key) or assemble(pattern, int(flags))
            compiled = build(pattern, entry)
        except Exception:  # re internals not as expected: the ordinary way
            return original(pattern, flags)
        used[key] = entry
        return compiled

    re.compile = compile_cached  # type: ignore[assignment]
    try:
        yield
    finally:
        re.compile = original
        if any(key not in stored for key in used):
            save_entries(path, used)
