"""Field extractors: one module per contract field, each a pure function of the structure.

Every `extract_*` function takes the `Structure` (and, where it needs them, values the
pipeline computed once, such as the phases) and returns an `Extracted`: its records and the
warnings it raised, in order. None of them writes to shared state, so the pipeline may call
them in any order and the plan's warnings do not depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from extractor.models import Warning

Records = TypeVar("Records")


@dataclass(frozen=True)
class Extracted(Generic[Records]):
    """What one field extractor found: its `records` and the `warnings` it raised."""

    records: Records
    warnings: list[Warning] = field(default_factory=list)
