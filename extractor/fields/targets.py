"""TODO(stub): replaced by the real extractor."""

from __future__ import annotations

from extractor.models import Target
from extractor.structure import Structure


def extract_targets(structure: Structure) -> list[Target]:
    """Stub."""
    return []
