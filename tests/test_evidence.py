"""Every record's evidence quotes the normalised text exactly at its offsets."""

from __future__ import annotations

from typing import Any

from extractor.readers import read_document
from tests.conftest import CORPUS


def iter_evidence(value: Any, path: str = ""):
    """Yield (path, evidence dict) for every evidence object inside a dumped plan."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "evidence" and isinstance(inner, dict):
                yield f"{path}.evidence", inner
            else:
                yield from iter_evidence(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from iter_evidence(inner, f"{path}[{i}]")


def test_every_quote_is_the_text_at_its_offsets(corpus_plan) -> None:
    name, plan = corpus_plan
    text = read_document(CORPUS / f"{name}.txt").text
    found = list(iter_evidence(plan.model_dump(mode="json")))
    assert found, "no evidence at all"
    for path, evidence in found:
        assert evidence["quote"] == text[evidence["start"] : evidence["end"]], path
        assert evidence["quote"].strip(), f"{path}: empty quote"
