"""TODO(stub): replaced by the real extractor."""

from __future__ import annotations

from extractor.models import Community
from extractor.structure import Structure


def extract_communities(structure: Structure) -> list[Community]:
    """Stub."""
    return []
