"""Golden regression: each corpus plan's extraction equals its reviewed golden file.

A golden is a claim that every value in it is right, checked by hand against the source.
After a reviewed change, regenerate one with
`rubric extract corpus/NAME.txt -o golden/NAME.json`, then read `git diff golden/` value by
value before committing it.
"""

from __future__ import annotations

import json

import pytest

from extractor.review.diff import diff_plans, render_text
from tests.conftest import CORPUS, GOLDEN, PLAN_NAMES, extracted


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_extraction_matches_golden(name: str) -> None:
    golden = json.loads((GOLDEN / f"{name}.json").read_text("utf-8"))
    plan = json.loads(extracted(CORPUS / f"{name}.txt").model_dump_json())
    changes = diff_plans(golden, plan, with_evidence=True)
    assert not changes, f"golden/{name}.json differs:\n" + render_text(changes)
