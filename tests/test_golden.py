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

from extractor.review.diff import Change, change_line, diff_plans, render_text
from tests.conftest import CORPUS, DEVSET_NAMES, GAPS, GOLDEN, PLAN_NAMES, extracted

UPDATE_HINT = "if every change is right: rubric golden update {name} (then git diff golden/)"


def golden_of(name: str) -> dict:
    return json.loads((GOLDEN / f"{name}.json").read_text("utf-8"))


def golden_changes(name: str) -> list[Change]:
    plan = json.loads(extracted(CORPUS / f"{name}.txt").model_dump_json())
    return diff_plans(golden_of(name), plan, with_evidence=True)


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_extraction_matches_golden(name: str) -> None:
    changes = golden_changes(name)
    assert not changes, (
        f"golden/{name}.json differs (each change with the golden's evidence quote):\n"
        + render_text(changes, evidence_from=golden_of(name))
        + UPDATE_HINT.format(name=name)
    )


@pytest.mark.parametrize("name", DEVSET_NAMES)
def test_devset_extraction_differs_from_golden_only_by_known_gaps(name: str) -> None:
    lines = [change_line(change) for change in golden_changes(name)]
    gaps_file = GAPS / f"{name}.txt"
    known = gaps_file.read_text("utf-8").splitlines() if gaps_file.exists() else []
    new = [line for line in lines if line not in known]
    closed = [line for line in known if line not in lines]
    if new:
        changes = [c for c in golden_changes(name) if change_line(c) in new]
        pytest.fail(
            f"golden/{name}.json: new differences (with the golden's evidence quote):\n"
            + render_text(changes, evidence_from=golden_of(name))
            + UPDATE_HINT.format(name=name)
        )
    assert not closed, (
        f"{gaps_file}: gaps now closed, strike them (rubric golden update {name}):\n"
        + "\n".join(closed)
    )


def test_a_failing_golden_prints_each_change_with_its_evidence_quote() -> None:
    golden = {
        "targets": [{"year": 2021, "percent": 30.0, "evidence": {"quote": "到2021年\t30%"}}],
        "rubrics": [{"title": "表", "dimensions": [{"items": [{"number": "1", "criterion": "甲",
                     "points": 5.0, "rules": [], "evidence": {"quote": "1\t甲\t5"}}]}],
                     "evidence": {"quote": "表"}}],
    }  # fmt: skip
    new = json.loads(json.dumps(golden))
    new["rubrics"][0]["dimensions"][0]["items"][0]["points"] = 6.0
    new["rubrics"][0]["dimensions"][0]["items"][0]["rules"] = [{"text": "扣1分", "deduct": 1}]
    new["targets"] = []
    assert render_text(diff_plans(golden, new), evidence_from=golden).splitlines() == [
        "targets (1 removed)",
        '  - targets[0]: {"year": 2021, "percent": 30}',
        "      evidence: 「到2021年│30%」",
        "rubrics (1 changed, 1 added)",
        "  ~ rubrics[0].dimensions[0].items[0].points: 5 → 6",
        "      evidence: 「1│甲│5」",
        '  + rubrics[0].dimensions[0].items[0].rules[0]: {"text": "扣1分", "deduct": 1}',
        "      evidence: 「1│甲│5」",
    ]
