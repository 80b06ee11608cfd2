"""TODO(stub): replaced by the real extractor."""

from __future__ import annotations

from extractor.models import Rubric
from extractor.structure import Structure


def extract_rubrics(structure: Structure) -> list[Rubric]:
    """Stub."""
    return []
