"""The record registry: every list of records in the contract is registered once."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from extractor.models import Plan, Rubric
from extractor.records import KIND_ALIASES, RECORD_KINDS, record_kind
from extractor.review.diff import IDENTITY_KEYS
from extractor.review.report import label_part, record_label


def record_lists(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Fields of `model` holding a list of records, and the record model, recursively."""
    found: dict[str, type[BaseModel]] = {}
    for name, info in model.model_fields.items():
        args = typing.get_args(info.annotation)
        if typing.get_origin(info.annotation) is list and args and isinstance(args[0], type):
            inner = args[0]
            if issubclass(inner, BaseModel):
                found[name] = inner
                if inner is not model:
                    found.update(record_lists(inner))
    return found


def test_every_list_of_records_in_the_contract_is_registered() -> None:
    lists = record_lists(Plan)
    assert {"targets", "items", "dimensions", "rules", "children"} <= set(lists)
    for field, model in lists.items():
        kind = record_kind(field)
        assert kind is not None, f"{field} ({model.__name__}) has no RecordKind"
        assert set(kind.identity) <= set(model.model_fields), field
        assert set(kind.loose_identity) <= set(model.model_fields), field


def test_diff_pairs_by_the_registered_identity_aliases_included() -> None:
    assert IDENTITY_KEYS["items"] == RECORD_KINDS["items"].identity
    assert IDENTITY_KEYS["children"] == RECORD_KINDS["sections"].identity
    assert KIND_ALIASES == {"children": "sections"}
    assert "rubrics" in record_lists(Plan) and "dimensions" in record_lists(Rubric)


def test_labels_come_from_the_registered_keys() -> None:
    target = {"year": 2022, "percent": 60.0, "count": None, "subject": "城市社区"}
    assert record_label("targets", target) == "2022 60% 城市社区"
    assert record_label("targets", {"year": None, "percent": None, "count": 30}) == "30"
    duty = {"section": "二（一）", "task": None, "lead": ["县住建局", "县公安局"]}
    assert record_label("responsibilities", duty) == "二（一） 县住建局、县公安局"
    assert record_label(
        "deadlines", {"date": None, "approximate": "11月下旬", "action": "上报"}
    ) == ("11月下旬 上报")
    assert record_label("unknown", {"title": "标题"}) == "标题"
    assert record_label("unknown", {}) == "unknown"
    assert label_part({"a": "", "b": "乙"}, "a|b") == "乙"
