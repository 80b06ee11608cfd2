"""TODO(stub): replaced by the real extractor."""

from __future__ import annotations

from extractor.models import Responsibility
from extractor.structure import Structure


def extract_responsibilities(structure: Structure) -> list[Responsibility]:
    """Stub."""
    return []
