"""TODO(stub): replaced by the real section tree builder."""

from __future__ import annotations

from extractor.document import Document
from extractor.models import Section


def build_sections(doc: Document) -> list[Section]:
    """Stub."""
    return []
