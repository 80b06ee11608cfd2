"""TODO(stub): replaced by the real extractor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from extractor.models import Jurisdiction, Reference
from extractor.structure import Structure


@dataclass
class Metadata:
    """The plan's top-level facts: title, jurisdiction, number, date, issuers, references."""

    title: str | None = None
    jurisdiction: Jurisdiction = field(default_factory=Jurisdiction)
    doc_number: str | None = None
    issued_on: dt.date | None = None
    issuers: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


def extract_metadata(structure: Structure) -> Metadata:
    """Stub."""
    return Metadata()
