"""TODO(stub): replaced by the real extractor."""

from __future__ import annotations

from extractor.models import Attachment
from extractor.structure import Structure


def extract_attachments(structure: Structure) -> list[Attachment]:
    """Stub."""
    return []
