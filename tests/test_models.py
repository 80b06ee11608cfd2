"""The contract models: committed JSON Schemas in sync, corpus output valid against them."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pydantic import ValidationError

from extractor import models
from extractor.models import (
    SCHEMA_MODELS,
    Evidence,
    Plan,
    Record,
    Source,
    json_schema,
    new_dict,
    new_list,
)
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


def test_list_and_dict_defaults_are_fresh_for_each_record() -> None:
    first = Plan(source=Source(path="a.txt", format="txt", sha256="0" * 64))
    second = Plan(source=Source(path="b.txt", format="txt", sha256="0" * 64))
    first.targets.append(None)  # type: ignore[arg-type]
    assert second.targets == [] and first.targets is not second.targets
    assert new_list() == [] and new_list() is not new_list()
    assert new_dict() == {} and new_dict() is not new_dict()


def contract_models() -> list[type]:
    """Every model of the contract: Plan and the models its fields hold."""
    return [m for m in vars(models).values() if isinstance(m, type) and issubclass(m, Record)]


@pytest.mark.parametrize("model", contract_models(), ids=lambda model: model.__name__)
def test_default_factories_are_python_functions_or_models(model: type[Record]) -> None:
    # a builtin factory (`list`) makes pydantic parse its signature with tokenize at build
    for name, field in model.model_fields.items():
        factory = field.default_factory
        assert factory is None or not isinstance(factory, type) or issubclass(factory, Record), (
            f"{model.__name__}.{name}: default_factory={factory!r}; use new_list / new_dict"
        )
