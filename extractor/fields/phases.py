"""TODO(stub): replaced by the real extractor."""

from __future__ import annotations

from extractor.models import Phase
from extractor.structure import Structure


def extract_phases(structure: Structure) -> list[Phase]:
    """Stub."""
    return []
