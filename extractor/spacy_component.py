"""spaCy pipeline component `plan_extractor` and DocBin export (extra `spacy`).

    import spacy
    nlp = spacy.blank("zh")                 # the character segmenter: no model, no jieba
    nlp.add_pipe("plan_extractor")          # registered by this module (and its entry point)
    doc = nlp(text)
    doc._.plan                              # the Plan
    doc.spans["targets"]                    # one span per target, from its evidence

The component runs the extractor on `doc.text` and turns evidence offsets into span groups:
`units` (each lead or participant unit of a responsibility, labelled LEAD or PARTICIPANT,
found inside its responsibility's evidence), `targets`, `deadlines` and `rubric_items`.
Evidence offsets point into the extractor's normalised text (hard-wrapped lines joined,
width forms unified); where `doc.text` is not that text, offsets are carried over by
aligning the two texts. `export_docbin` writes the spans of many plans as a `DocBin`
that `spacy train` reads (a span categoriser learns from `spans_key`), built on the
normalised text so that no offset needs carrying.

spaCy is imported by this module only; `extractor.extract` never imports it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from extractor.errors import InputError
from extractor.models import Evidence, Plan

COMPONENT_NAME = "plan_extractor"
PLAN_EXTENSION = "plan"  # doc._.plan
LANGUAGE = "zh"
# Span group → label of its spans; units are labelled by their role instead.
SPAN_LABELS = {
    "targets": "TARGET",
    "deadlines": "DEADLINE",
    "rubric_items": "RUBRIC_ITEM",
}
UNITS_KEY = "units"
UNIT_ROLE_LABELS = {"lead": "LEAD", "participants": "PARTICIPANT"}
SPAN_KEYS = (UNITS_KEY, *SPAN_LABELS)


def ensure_extension() -> None:
    """Register `Doc._.plan` (None until the component has run)."""
    if not Doc.has_extension(PLAN_EXTENSION):
        Doc.set_extension(PLAN_EXTENSION, default=None)


def offset_map(normalised: str, original: str) -> list[int]:
    """For each offset 0..len(normalised) of the normalised text, the offset of the same
    place in `original` (identity where the texts are equal); a character the normaliser
    added or changed maps into the stretch of `original` it came from."""
    if normalised == original:
        return list(range(len(normalised) + 1))
    mapping = [0] * (len(normalised) + 1)
    matcher = difflib.SequenceMatcher(None, normalised, original, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i in range(i1, i2):
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                mapping[i] = j1 + (i - i1)
            else:
                mapping[i] = j1 if tag == "insert" else min(j1 + (i - i1), max(j1, j2 - 1))
    mapping[len(normalised)] = len(original)
    return mapping


def _span(doc: Doc, start: int, end: int, label: str, mapping: list[int]) -> Span | None:
    if not 0 <= start < end < len(mapping):
        return None
    return doc.char_span(mapping[start], mapping[end - 1] + 1, label=label, alignment_mode="expand")


def _evidence_span(doc: Doc, evidence: Evidence, label: str, mapping: list[int]) -> Span | None:
    return _span(doc, evidence.start, evidence.end, label, mapping)


def plan_spans(doc: Doc, plan: Plan, mapping: list[int]) -> dict[str, list[Span]]:
    """The span groups of a plan over `doc`, `mapping` carrying evidence offsets into it."""
    groups: dict[str, list[Span]] = {key: [] for key in SPAN_KEYS}
    for responsibility in plan.responsibilities:
        evidence = responsibility.evidence
        for role, label in UNIT_ROLE_LABELS.items():
            for unit in getattr(responsibility, role):
                # units close their measure (`…（A牵头，B配合）`): the last mention is theirs
                at = evidence.quote.rfind(unit)
                if at >= 0:
                    start = evidence.start + at
                    span = _span(doc, start, start + len(unit), label, mapping)
                    if span is not None:
                        groups[UNITS_KEY].append(span)
    records = {
        "targets": [t.evidence for t in plan.targets],
        "deadlines": [d.evidence for d in plan.deadlines],
        "rubric_items": [
            item.evidence
            for rubric in plan.rubrics
            for dimension in rubric.dimensions
            for item in dimension.items
        ],
    }
    for key, evidences in records.items():
        for evidence in evidences:
            span = _evidence_span(doc, evidence, SPAN_LABELS[key], mapping)
            if span is not None:
                groups[key].append(span)
    return groups


def set_plan(doc: Doc, plan: Plan | None, normalised_text: str | None = None) -> Doc:
    """Set `doc._.plan` and the span groups; `normalised_text` is the text the plan's
    evidence points into (default: `doc.text` itself)."""
    ensure_extension()
    doc._.set(PLAN_EXTENSION, plan)
    if plan is None:
        groups: dict[str, list[Span]] = {key: [] for key in SPAN_KEYS}
    else:
        text = doc.text if normalised_text is None else normalised_text
        groups = plan_spans(doc, plan, offset_map(text, doc.text))
    for key, spans in groups.items():
        doc.spans[key] = spans
    return doc


class PlanExtractor:
    """The `plan_extractor` component: extract the plan of `doc.text` and set its spans.

    A doc with no text to read as a plan (empty, only white space) gets `doc._.plan` None
    and empty span groups rather than an error, as spaCy components do with empty docs.
    """

    def __init__(self, nlp: Language, name: str = COMPONENT_NAME) -> None:
        self.name = name
        ensure_extension()

    def __call__(self, doc: Doc) -> Doc:
        from extractor import read
        from extractor.pipeline import extract_from_document

        try:
            document = read(doc.text)
        except InputError:
            return set_plan(doc, None)
        return set_plan(doc, extract_from_document(document), document.text)


@Language.factory(COMPONENT_NAME)
def make_plan_extractor(nlp: Language, name: str) -> PlanExtractor:
    """Factory of the `plan_extractor` component (`nlp.add_pipe("plan_extractor")`)."""
    return PlanExtractor(nlp, name)


def plan_doc(nlp: Language, text: str, plan: Plan) -> Doc:
    """The doc of one plan's normalised text (`extractor.read(...).text`, which its
    evidence points into), with its plan and spans."""
    return set_plan(nlp.make_doc(text), plan)


def export_docbin(
    plans: Iterable[tuple[str, Plan]], output: Path, nlp: Language | None = None
) -> int:
    """Write the span groups of every `(normalised text, plan)` to `output` as a DocBin
    (the `.spacy` format `spacy train` reads); the number of docs written. The file is
    written whole and renamed into place."""
    import spacy

    nlp = nlp or spacy.blank(LANGUAGE)
    docbin = DocBin(store_user_data=False)  # doc._.plan is a pydantic model, not msgpack
    count = 0
    for text, plan in plans:
        docbin.add(plan_doc(nlp, text, plan))
        count += 1
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.tmp")
    docbin.to_disk(partial)
    partial.replace(output)
    return count
