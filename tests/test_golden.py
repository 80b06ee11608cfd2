"""Golden regression: each corpus plan's extraction against its reviewed golden file.

A golden is a claim that every value in it is right, checked by hand against the source.
The five seed plans must equal their goldens exactly. The devset plans (real plans of other
levels and kinds) are compared with theirs too, and may differ only by the gaps recorded in
`golden/gaps/NAME.txt` (one `rubric diff` line each): a new difference is a regression, and
a gap that closed must be struck from the list, so the list always says exactly what the
extractor still gets wrong. See golden/README.md for regenerating either.
"""

from __future__ import annotations

import json

import pytest

from extractor.review.diff import change_line, diff_plans, render_text
from tests.conftest import CORPUS, DEVSET_NAMES, GAPS, GOLDEN, PLAN_NAMES, extracted


def golden_changes(name: str) -> list:
    golden = json.loads((GOLDEN / f"{name}.json").read_text("utf-8"))
    plan = json.loads(extracted(CORPUS / f"{name}.txt").model_dump_json())
    return diff_plans(golden, plan, with_evidence=True)


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_extraction_matches_golden(name: str) -> None:
    changes = golden_changes(name)
    assert not changes, f"golden/{name}.json differs:\n" + render_text(changes)


@pytest.mark.parametrize("name", DEVSET_NAMES)
def test_devset_extraction_differs_from_golden_only_by_known_gaps(name: str) -> None:
    lines = [change_line(change) for change in golden_changes(name)]
    gaps_file = GAPS / f"{name}.txt"
    known = gaps_file.read_text("utf-8").splitlines() if gaps_file.exists() else []
    new = [line for line in lines if line not in known]
    closed = [line for line in known if line not in lines]
    assert not new, f"golden/{name}.json: new differences:\n" + "\n".join(new)
    assert not closed, f"{gaps_file}: gaps now closed, strike them:\n" + "\n".join(closed)
