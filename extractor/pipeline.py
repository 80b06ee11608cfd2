"""The whole pipeline: file → reader → structure → fields → Plan.

Each stage is a module of its own (see the package layout in README.md); this one only
strings them together, so that `extract`, `rubric diff` and the tests run the same path.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extractor.checks import check_plan
from extractor.document import Document
from extractor.fields import (
    attachments,
    committee,
    communities,
    deadlines,
    metadata,
    phases,
    responsibilities,
    rubrics,
    targets,
)
from extractor.models import Plan, Source
from extractor.readers import read_document
from extractor.structure import Structure
from extractor.structure.chrome import chrome_warnings, website_chrome
from extractor.structure.sections import build_sections, numbering_warnings
from extractor.structure.tables import recover_tables, table_warnings


def build_structure(doc: Document) -> Structure:
    """Sections and tables of a read document, website chrome before the title left out of
    both; the reader's warnings come first, then the chrome's, the section tree's and the
    tables' doubts."""
    chrome = website_chrome(doc.blocks)
    sections = build_sections(doc, chrome)
    tables = recover_tables(doc, sections, chrome)
    return Structure(
        doc=doc,
        sections=sections,
        tables=tables,
        warnings=[
            *doc.warnings,
            *chrome_warnings(doc, chrome),
            *numbering_warnings(sections),
            *table_warnings(doc, tables),
        ],
    )


def extract_from_document(doc: Document) -> Plan:
    """Every contract field of one read document.

    Each field extractor is a pure function of the structure returning its records and its
    warnings; the phases, which targets and deadlines date their figures by, are found once,
    and so is the plan's dating (issue date and own year, from the metadata).
    The plan's warnings are the structure's, then each field's in the order of the fields,
    then the self-checks' on the whole plan (`extractor.checks`).
    """
    structure = build_structure(doc)
    meta = metadata.extract_metadata(structure)
    dating = targets.plan_dating(meta.issued_on, meta.title)  # the metadata's, not again
    phase_spans = phases.phases_with_spans(structure)
    found = {
        "targets": targets.extract_targets(structure, phase_spans, dating),
        "phases": phases.extract_phases(structure, phase_spans),
        "deadlines": deadlines.extract_deadlines(structure, phase_spans, dating),
        "responsibilities": responsibilities.extract_responsibilities(structure, dating),
        "rubrics": rubrics.extract_rubrics(structure),
        "communities": communities.extract_communities(structure),
        "committee": committee.extract_committee(structure),
        "attachments": attachments.extract_attachments(structure),
    }
    plan = Plan(
        source=Source(
            path=doc.source.path,
            format=doc.source.format,
            sha256=doc.source.sha256,
            pages=doc.source.pages,
        ),
        title=meta.title,
        jurisdiction=meta.jurisdiction,
        doc_number=meta.doc_number,
        issued_on=meta.issued_on,
        issuers=meta.issuers,
        references=meta.references,
        sections=structure.sections,
        tables=[t.table for t in structure.tables],
        **{field: extracted.records for field, extracted in found.items()},
        warnings=[
            *structure.warnings,
            *(warning for extracted in found.values() for warning in extracted.warnings),
        ],
    )
    plan.warnings.extend(check_plan(plan, doc.text))  # the self-checks come last
    return plan


def extract_file(path: str | Path) -> Plan:
    """Read `path` (any supported format) and extract its Plan."""
    with cycle_collector_paused():
        return extract_from_document(read_document(Path(path)))


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector pauses while one plan is read and extracted.

    Each of its full passes scans every live object, and a large plan keeps hundreds of
    thousands alive (cells, evidence, records), so with it running the time per KB grows
    with the plan (`bench/scaling_hostile.py`, table rows to 7 MB: per-KB ratio 1.29 with
    it, 0.92 without). Reading and extracting create few reference cycles; reference
    counting frees the rest as usual, and collections resume when the pause ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
