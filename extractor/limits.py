"""Resource limits: how big an input may be before the work it would cost is refused.

Every limit is checked before the work it guards (a table's cells are counted before its
grid is squared, a list number before it is written out in letters), so that memory stays
under about 1 GB and time linear in the size of any input the limits let through. A file
past a limit is refused with exit 3 and a message naming the limit; `--limit NAME=VALUE`
(`extract`, `rubric extract`) raises it for a file that really is that large.

The defaults are far above any real plan (the largest seen: ~600,000 characters, tables of
~3,000 cells) and keep the peak memory of anything they let through under 1 GB; the
figures behind them are from `bench/scaling_hostile.py`.

The limits in force are a context variable: the CLI sets them with `use_limits` around its
work, readers and the document builder read them with `current_limits`, and everything
else (the tests, `extract_file`) gets the defaults.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The resource limits in force; each field's comment gives the reason for its value.

    Field names with `_` for `-` are the names `--limit` takes: `--limit characters=5e7`.
    """

    # Normalised characters of one document. A long provincial plan with its annexes is
    # ~600,000. Extraction peaks at 60-125 bytes a character (plain paragraphs to dense
    # headings; bench/scaling_hostile.py): 5 million characters (~15 MB of UTF-8 text)
    # peak at ~620 MB, and a 50 MB text (17 million) would need over 2 GB.
    characters: int = 5_000_000
    # Grid positions of one table once squared (rows × its widest row). A roster of 5,000
    # communities × 10 columns is 50,000. A squared cell costs ~2.2 KB through the pipeline
    # (cell, grid, table record, responsibilities, JSON): 100,000 is ~250 MB. A row spanning
    # thousands of columns (1.4 GB for a 71 KB .docx) is stopped here.
    table_cells: int = 100_000
    # Grid positions of all the tables of one document together, for the same reason:
    # 200,000 cells with 3 million characters in them peak at ~530 MB.
    document_cells: int = 200_000
    # The largest value a Word list counter may reach. Word's own numbering dialog stops at
    # 32,767; a start of 2.6e9 would be written as 100 million letters (9 GB) by upperLetter.
    list_number: int = 32_767

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The limit names, as `--limit` takes them (`table-cells`)."""
        return tuple(option_name(f.name) for f in dataclasses.fields(cls))

    def raised(self, settings: dict[str, int]) -> Limits:
        """These limits with some replaced: `{"table-cells": 10**6}` (ValueError if unknown)."""
        fields = {f.name for f in dataclasses.fields(self)}
        changes = {}
        for name, value in settings.items():
            field_name = name.replace("-", "_")
            if field_name not in fields:
                raise ValueError(f"unknown limit {name!r} (one of {', '.join(self.names())})")
            changes[field_name] = value
        return dataclasses.replace(self, **changes)


DEFAULT_LIMITS = Limits()

_ACTIVE_LIMITS: ContextVar[Limits] = ContextVar("extractor_limits", default=DEFAULT_LIMITS)


def option_name(field_name: str) -> str:
    """The `--limit` name of a Limits field: `table_cells` → `table-cells`."""
    return field_name.replace("_", "-")


def current_limits() -> Limits:
    """The limits in force (DEFAULT_LIMITS unless a caller set others with `use_limits`)."""
    return _ACTIVE_LIMITS.get()


@contextlib.contextmanager
def use_limits(limits: Limits) -> Iterator[Limits]:
    """Put `limits` in force for the code run inside the `with` block."""
    token = _ACTIVE_LIMITS.set(limits)
    try:
        yield limits
    finally:
        _ACTIVE_LIMITS.reset(token)


class LimitExceeded(Exception):
    """An input past one of the Limits; the message names the limit and how to raise it.

    Raised where the reader does not know the file (the document builder); readers'
    callers turn it into an InputError naming the file.
    """

    def __init__(self, limit: str, what: str, value: int, maximum: int) -> None:
        name = option_name(limit)
        super().__init__(
            f"{what}: {value:,} is over the {name} limit of {maximum:,} "
            f"(raise it with --limit {name}=N if the file is genuine)"
        )
        self.limit = name
        self.value = value
        self.maximum = maximum


def check_limit(limit: str, what: str, value: int, limits: Limits | None = None) -> None:
    """Raise LimitExceeded when `value` is over the limit named `limit` (a Limits field)."""
    maximum = getattr(limits or current_limits(), limit)
    if value > maximum:
        raise LimitExceeded(limit, what, value, maximum)
