"""The contract models: committed JSON Schemas in sync, corpus output valid against them."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pydantic import ValidationError

from extractor.models import SCHEMA_MODELS, Evidence, Plan, Source, json_schema
from tests.conftest import ROOT


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_committed_schema_equals_models(name: str) -> None:
    committed = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8"))
    assert committed == json_schema(name), (
        f"schemas/{name}.schema.json is stale: run `rubric schema --model {name} "
        f"> schemas/{name}.schema.json`"
    )


def test_corpus_output_validates_against_schema(corpus_plan) -> None:
    _, plan = corpus_plan
    schema = json.loads((ROOT / "schemas" / "plan.schema.json").read_text("utf-8"))
    jsonschema.validate(json.loads(plan.model_dump_json()), schema)


def test_unknown_key_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Evidence(start=0, end=1, quote="x", page=None, extra=1)


def test_minimal_plan_defaults_to_empty_fields() -> None:
    plan = Plan(source=Source(path="a.txt", format="txt", sha256="0" * 64))
    dumped = plan.model_dump()
    assert dumped["schema_version"] == "1.0"
    assert dumped["targets"] == [] and dumped["title"] is None
    assert dumped["jurisdiction"] == {"name": None, "level": None}
