"""Compiled regular expressions and dataclass methods kept between runs, as Python keeps
compiled modules in .pyc.

Starting `extract` compiles two kinds of things that do not change from one run to the
next, in Python, at a cost comparable to the extraction itself:

- about 300 regular expressions of the pipeline's modules (named module-level data, as the
  style asks), each parsed and assembled by `re` (about 45 ms of one run before this cache);
- about 400 methods (`__init__`, `__repr__`, `__eq__`, …) of about 90 dataclasses (ours,
  pydantic's, typer's): `dataclasses` writes each method's source and compiles it with
  `exec` (about 20 ms, `bench/startup.py`).

Inside `patterns_cached()`, a pattern compiled by an `extractor` module is built from its
stored `_sre` program; inside `dataclass_methods_cached()`, a method's source is executed
from its stored code object. Either is compiled the ordinary way once and stored.

What is stored is what `re` would hand to `_sre.compile`, and the code object `exec` would
compile from the same source with the same flags: a pattern from the cache equals (`==`,
which compares the program) the one `re.compile` gives, and a method's code equals the one
compiled from its source (tests/test_compile_cache.py). Each cache is a marshal file keyed
by Python version, as a .pyc is; it lives in the user's cache folder, which only the user
can write, as their own .pyc files. Anything unexpected (another Python, a `re` whose
internals differ, an unreadable or damaged file, a folder that cannot be written) falls
back to compiling the ordinary way, never to an error.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
import tempfile
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

PACKAGE_PREFIX = "extractor."  # only patterns compiled by this package's modules are cached
CACHE_DIR_ENV = "PLAN_EXTRACTOR_CACHE_DIR"  # where the caches live, if not the user cache
# a regex program is only valid for the `re` that made it, code for the Python that
# compiled it at that optimisation level (-O drops asserts)
VERSION_TAG = f"{sys.implementation.cache_tag}-{sys.hexversion:x}"
REGEX_CACHE = f"regex-{VERSION_TAG}"
CODE_CACHE = f"code-{VERSION_TAG}-O{sys.flags.optimize}"
# a cache keeps the entries of other runs (an `extract` of a .docx compiles more than one of
# a .txt) unless they outnumber this run's: then they are mostly stale (edited code), and
# the file is rewritten with this run's entries alone
STALE_ENTRIES_MAX_RATIO = 1.0
# the file name `exec` gives the source it compiles, as dataclasses' methods show it
EXEC_FILENAME = "<string>"

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def cache_file(name: str = REGEX_CACHE) -> Path:
    """A cache file: in $PLAN_EXTRACTOR_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache."""
    folder = os.environ.get(CACHE_DIR_ENV)
    if folder:
        return Path(folder) / f"{name}.marshal"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "plan-extractor" / f"{name}.marshal"


def load_entries(path: Path) -> dict:
    """The stored entries (empty when the file is missing, unreadable or damaged)."""
    try:
        entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def save_entries(path: Path, entries: dict) -> None:
    """Write the entries atomically (a temporary file renamed into place); a cache that
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


def entries_to_keep(stored: dict, used: dict) -> dict:
    """What to write back: this run's entries and the other stored ones, unless those
    outnumber this run's (STALE_ENTRIES_MAX_RATIO)."""
    others = {key: value for key, value in stored.items() if key not in used}
    if len(others) > STALE_ENTRIES_MAX_RATIO * len(used):
        return dict(used)
    return {**others, **used}


@contextlib.contextmanager
def entries_kept(name: str) -> Iterator[tuple[dict, dict]]:
    """The stored entries of cache `name` and a dict for the ones used in the block; the
    file is rewritten at the end when an entry used was not stored (`entries_to_keep`)."""
    try:
        path: Path | None = cache_file(name)
    except RuntimeError:  # no home folder to hold it: compiled the ordinary way
        path = None
    stored = load_entries(path) if path else {}
    used: dict = {}
    try:
        yield stored, used
    finally:
        if path and any(key not in stored for key in used):
            save_entries(path, entries_to_keep(stored, used))


# ---------------------------------------------------------------- regular expressions


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


def stored_pattern(stored: dict, key: tuple[str, int]) -> tuple[Entry, re.Pattern[str]]:
    """The program and pattern of `key` (pattern, flags) from `stored`, or assembled when
    it is missing or damaged (then dropped from `stored`, so that the file is rewritten)."""
    pattern, flags = key
    with contextlib.suppress(Exception):
        return stored[key], build(pattern, stored[key])
    stored.pop(key, None)
    entry = assemble(pattern, flags)
    return entry, build(pattern, entry)


@contextlib.contextmanager
def patterns_cached() -> Iterator[None]:
    """Within the block, `re.compile` called by an `extractor` module with a text pattern
    builds it from the cache (assembling and storing it the first time)."""
    original = re.compile
    with entries_kept(REGEX_CACHE) as (stored, used):

        def compile_cached(pattern: Any, flags: Any = 0) -> re.Pattern:
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if not (isinstance(pattern, str) and caller.startswith(PACKAGE_PREFIX)):
                return original(pattern, flags)
            key = (pattern, int(flags))
            try:
                entry, compiled = stored_pattern(stored, key)
            except Exception:  # re internals not as expected: the ordinary way
                return original(pattern, flags)
            used[key] = entry
            return compiled

        re.compile = compile_cached  # type: ignore[assignment]
        try:
            yield
        finally:
            re.compile = original


# ---------------------------------------------------------------- dataclass methods


def compile_source(source: str) -> types.CodeType:
    """The code object `exec(source, …)` compiles when called from `dataclasses` (whose
    module has no `from __future__` import, so the source inherits no flag)."""
    return compile(source, EXEC_FILENAME, "exec", dont_inherit=True)


def cached_exec(stored: dict, used: dict) -> Callable[..., None]:
    """An `exec` for `dataclasses` that runs a source's code from `stored` (compiling and
    recording it in `used` the first time); anything but a text source with its globals
    given is the builtin's."""
    builtin_exec = exec

    def exec_cached(source: Any, scope: Any = None, local: Any = None, /, **kwargs: Any) -> None:
        if not isinstance(source, str) or not isinstance(scope, dict) or kwargs:
            if scope is None:  # the builtin would read the namespaces of its caller
                caller = sys._getframe(1)
                scope, local = caller.f_globals, caller.f_locals
            return builtin_exec(source, scope, local, **kwargs)
        code = stored.get(source)
        if not isinstance(code, types.CodeType):
            stored.pop(source, None)  # missing or damaged: stored afresh
            code = compile_source(source)
        used[source] = code
        return builtin_exec(code, scope, local)

    return exec_cached


@contextlib.contextmanager
def dataclass_methods_cached() -> Iterator[None]:
    """Within the block, the methods `dataclasses` writes for a new dataclass are run from
    the cache's code objects (compiled and stored the first time). A block inside another
    is part of the outer one."""
    import dataclasses

    if "exec" in vars(dataclasses):  # an outer block (or someone else) already stands in
        yield
        return
    with entries_kept(CODE_CACHE) as (stored, used):
        dataclasses.exec = cached_exec(stored, used)  # type: ignore[attr-defined]
        try:
            yield
        finally:
            del dataclasses.exec  # type: ignore[attr-defined]
