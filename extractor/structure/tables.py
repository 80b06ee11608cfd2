"""TODO(stub): replaced by the real table recovery."""

from __future__ import annotations

from extractor.document import Document
from extractor.models import Section
from extractor.structure import RecoveredTable


def recover_tables(doc: Document, sections: list[Section]) -> list[RecoveredTable]:
    """Stub."""
    return []
