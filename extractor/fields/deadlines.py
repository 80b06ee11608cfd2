"""TODO(stub): replaced by the real extractor."""

from __future__ import annotations

from extractor.models import Deadline
from extractor.structure import Structure


def extract_deadlines(structure: Structure) -> list[Deadline]:
    """Stub."""
    return []
