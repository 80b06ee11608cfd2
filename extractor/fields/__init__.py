"""Field extractors: one module per contract field, each a pure function of the structure.

Every `extract_*` function takes the `Structure` (and, where it needs them, values the
pipeline computed once, such as the phases) and returns an `Extracted`: its records and the
warnings it raised, in order. None of them writes to shared state, so the pipeline may call
them in any order and the plan's warnings do not depend on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from extractor.models import Warning

Records = TypeVar("Records")


@dataclass(frozen=True)
class Extracted(Generic[Records]):
    """What one field extractor found: its `records` and the `warnings` it raised."""

    records: Records
    warnings: list[Warning] = field(default_factory=list)


@dataclass(frozen=True)
class PlanDating:
    """When the plan was made, for the extractors that date figures and duties by it: its
    issue date, and the year it counts as its own (the issue's, else the first of the period
    its title covers). The pipeline takes both from the metadata, found once."""

    issued_on: dt.date | None
    year: int | None
