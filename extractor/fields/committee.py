"""TODO(stub): replaced by the real extractor."""

from __future__ import annotations

from extractor.models import Member
from extractor.structure import Structure


def extract_committee(structure: Structure) -> list[Member]:
    """Stub."""
    return []
