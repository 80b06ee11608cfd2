"""Semantic diff: identity matching, evidence handling, text and JSON output, the CLI."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

from extractor.models import Plan
from extractor.review.diff import (
    Change,
    change_line,
    diff_plans,
    pair_records,
    render_json,
    render_text,
)
from tests.conftest import ROOT


def evidence(start: int, quote: str) -> dict:
    return {"start": start, "end": start + len(quote), "quote": quote, "page": None}


def item(number: str, criterion: str, points: float, start: int = 0) -> dict:
    return {
        "number": number,
        "criterion": criterion,
        "points": points,
        "evidence": evidence(start, criterion),
    }


def sample_plan() -> dict:
    """A small plan dict with the list fields the diff matches by identity."""
    plan = Plan.model_validate(
        {
            "source": {"path": "corpus/a.txt", "format": "txt", "sha256": "0" * 64},
            "title": "某县绿色社区创建行动实施方案",
            "jurisdiction": {"name": "某县", "level": "county"},
            "issuers": ["县住房和城乡建设局", "县民政局"],
            "targets": [
                {
                    "year": 2021,
                    "percent": 30.0,
                    "comparator": ">=",
                    "evidence": evidence(10, "2021年，全县30%以上"),
                },
                {
                    "year": 2022,
                    "percent": 60.0,
                    "comparator": ">=",
                    "evidence": evidence(30, "2022年，全县60%以上"),
                },
            ],
            "phases": [
                {"name": "动员部署", "end": "2021-01-31", "evidence": evidence(50, "动员部署")},
                {"name": "组织实施", "end": "2021-11-30", "evidence": evidence(60, "组织实施")},
            ],
            "rubrics": [
                {
                    "title": "评分表",
                    "total_points": 100,
                    "pass_score": 80,
                    "evidence": evidence(100, "评分表"),
                    "dimensions": [
                        {
                            "name": "治理",
                            "points": 10,
                            "items": [item("1", "建立机制", 5), item("2", "搭建平台", 5)],
                        },
                        {
                            "name": "环境",
                            "points": 10,
                            "items": [item("3", "绿地布局合理", 5), item("4", "停车秩序规范", 5)],
                        },
                    ],
                }
            ],
            "tables": [
                {
                    "title": "评分表",
                    "kind": "rubric",
                    "header": ["序号", "标准"],
                    "rows": [["1", "建立机制"], ["2", "搭建平台"]],
                    "evidence": evidence(100, "评分表"),
                },
            ],
        }
    )
    return json.loads(plan.model_dump_json())


def test_equal_plans_have_no_changes() -> None:
    assert diff_plans(sample_plan(), sample_plan()) == []
    assert render_text([]) == "no differences\n"


def test_changed_points_have_a_path_through_dimensions_and_items() -> None:
    old, new = sample_plan(), sample_plan()
    new["rubrics"][0]["dimensions"][1]["items"][1]["points"] = 6
    changes = diff_plans(old, new)
    assert changes == [Change("rubrics[0].dimensions[1].items[1].points", "changed", 5, 6)]
    assert change_line(changes[0]) == "~ rubrics[0].dimensions[1].items[1].points: 5 → 6"


def test_inserted_record_is_one_addition_not_a_shift() -> None:
    old, new = sample_plan(), sample_plan()
    inserted = {
        "name": "调查摸底",
        "end": "2020-12-31",
        "start": None,
        "description": None,
        "evidence": evidence(40, "调查摸底"),
    }
    new["phases"].insert(0, inserted)
    changes = diff_plans(old, new)
    assert [(c.path, c.kind) for c in changes] == [("phases[0]", "added")]
    assert changes[0].new["name"] == "调查摸底"


def test_reordered_records_are_equal() -> None:
    old, new = sample_plan(), sample_plan()
    new["targets"].reverse()
    new["rubrics"][0]["dimensions"][0]["items"].reverse()
    assert diff_plans(old, new) == []


def test_removed_target_is_reported_at_its_old_index() -> None:
    old, new = sample_plan(), sample_plan()
    del new["targets"][0]
    changes = diff_plans(old, new)
    assert [(c.path, c.kind, c.old["year"]) for c in changes] == [("targets[0]", "removed", 2021)]


def test_edited_criterion_pairs_by_item_number() -> None:
    old, new = sample_plan(), sample_plan()
    new["rubrics"][0]["dimensions"][1]["items"][1]["criterion"] = "社区停车秩序规范"
    changes = diff_plans(old, new)
    assert [(c.path, c.old, c.new) for c in changes] == [
        ("rubrics[0].dimensions[1].items[1].criterion", "停车秩序规范", "社区停车秩序规范")
    ]


def test_target_with_other_figure_is_removed_and_added() -> None:
    old, new = sample_plan(), sample_plan()
    new["targets"][1]["percent"] = 50.0
    new["targets"][1]["aspirational"] = True
    changes = diff_plans(old, new)
    # the year alone still pairs the leftovers: one change per value
    assert [(c.path, c.old, c.new) for c in changes] == [
        ("targets[1].percent", 60.0, 50.0),
        ("targets[1].aspirational", False, True),
    ]


def test_evidence_is_ignored_unless_asked_for() -> None:
    old, new = sample_plan(), sample_plan()
    new["targets"][0]["evidence"]["start"] = 11
    assert diff_plans(old, new) == []
    changes = diff_plans(old, new, with_evidence=True)
    assert [(c.path, c.old, c.new) for c in changes] == [("targets[0].evidence.start", 10, 11)]


def test_source_path_is_ignored_but_sha256_is_not() -> None:
    old, new = sample_plan(), sample_plan()
    new["source"]["path"] = "/elsewhere/a.txt"
    assert diff_plans(old, new) == []
    new["source"]["sha256"] = "1" * 64
    assert [c.path for c in diff_plans(old, new)] == ["source.sha256"]


def test_string_lists_match_by_value() -> None:
    old, new = sample_plan(), sample_plan()
    new["issuers"] = ["县民政局", "县水利局"]
    changes = diff_plans(old, new)
    assert [(c.path, c.kind, c.old, c.new) for c in changes] == [
        ("issuers[0]", "removed", "县住房和城乡建设局", None),
        ("issuers[1]", "added", None, "县水利局"),
    ]


def test_table_cells_are_positional() -> None:
    old, new = sample_plan(), sample_plan()
    new["tables"][0]["rows"][1] = ["搭建平台", "2"]
    changes = diff_plans(old, new)
    assert [(c.path, c.old, c.new) for c in changes] == [
        ("tables[0].rows[1][0]", "2", "搭建平台"),
        ("tables[0].rows[1][1]", "搭建平台", "2"),
    ]


def test_bool_is_not_equal_to_one() -> None:
    assert [c.kind for c in diff_plans({"bonus": True}, {"bonus": 1})] == ["changed"]
    assert diff_plans({"points": 5}, {"points": 5.0}) == []


def test_pair_records_without_key_pairs_by_position() -> None:
    pairs, removed, added = pair_records([{"a": 1}, {"a": 2}], [{"a": 3}], "unknown_field")
    assert (pairs, removed, added) == ([(0, 0)], [1], [])


def test_pair_records_with_duplicate_keys_pairs_in_order() -> None:
    old = [{"name": "x", "v": 1}, {"name": "x", "v": 2}]
    new = [{"name": "x", "v": 1}, {"name": "x", "v": 2}, {"name": "x", "v": 3}]
    assert pair_records(old, new, "phases") == ([(0, 0), (1, 1)], [], [2])


def test_render_text_groups_by_field() -> None:
    old, new = sample_plan(), sample_plan()
    new["title"] = "某县方案"
    new["rubrics"][0]["pass_score"] = 85
    del new["phases"][1]
    text = render_text(diff_plans(old, new))
    assert text.splitlines() == [
        "title (1 changed)",
        '  ~ title: "某县绿色社区创建行动实施方案" → "某县方案"',
        "phases (1 removed)",
        '  - phases[1]: {"name": "组织实施", "start": null, "end": "2021-11-30", '
        '"description": null}',
        "rubrics (1 changed)",
        "  ~ rubrics[0].pass_score: 80 → 85",
    ]


def test_render_json_is_machine_readable() -> None:
    old, new = sample_plan(), sample_plan()
    new["targets"][0]["percent"] = 35.0
    payload = json.loads(render_json(diff_plans(old, new)))
    assert payload == {
        "equal": False,
        "changes": [{"path": "targets[0].percent", "kind": "changed", "old": 30.0, "new": 35.0}],
    }


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from extractor.cli import app; app(prog_name='rubric')", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def write(path: Path, plan: dict) -> Path:
    path.write_text(json.dumps(plan, ensure_ascii=False), "utf-8")
    return path


def test_cli_diff_exit_codes_and_json(tmp_path: Path) -> None:
    old = write(tmp_path / "old.json", sample_plan())
    changed = copy.deepcopy(sample_plan())
    changed["phases"][0]["end"] = "2021-02-28"
    new = write(tmp_path / "new.json", changed)
    same = run("diff", str(old), str(old))
    assert same.returncode == 0, same.stderr
    assert "no differences" in same.stdout
    differ = run("diff", str(old), str(new))
    assert differ.returncode == 1
    assert "phases[0].end" in differ.stdout
    assert '"2021-01-31" → "2021-02-28"' in differ.stdout
    as_json = run("diff", str(old), str(new), "--json")
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout)["changes"][0]["path"] == "phases[0].end"


def test_cli_diff_bad_input_is_one_line_error(tmp_path: Path) -> None:
    old = write(tmp_path / "old.json", sample_plan())
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    result = run("diff", str(old), str(bad))
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "bad.json" in result.stderr
    missing = run("diff", str(old), str(tmp_path / "missing.json"))
    assert missing.returncode == 3 and "no such file" in missing.stderr
    usage = run("diff", str(old))
    assert usage.returncode == 2


def test_corpus_plans_equal_themselves_and_show_a_changed_item(corpus_plan) -> None:
    _, plan = corpus_plan
    old = json.loads(plan.model_dump_json())
    assert diff_plans(old, copy.deepcopy(old), with_evidence=True) == []
    if not old["rubrics"]:
        return
    new = copy.deepcopy(old)
    dimension = next(i for i, d in enumerate(new["rubrics"][0]["dimensions"]) if d["items"])
    new["rubrics"][0]["dimensions"][dimension]["items"][0]["points"] = 99
    changes = diff_plans(old, new)
    assert [c.path for c in changes] == [f"rubrics[0].dimensions[{dimension}].items[0].points"]


def test_cli_diff_extracts_a_plan_against_its_golden(tmp_path: Path) -> None:
    from tests.conftest import CORPUS, extracted

    golden = tmp_path / "golden.json"
    golden.write_text(extracted(CORPUS / "zhaoxiang.txt").model_dump_json(), "utf-8")
    plan = str(CORPUS / "zhaoxiang.txt")
    same = run("diff", plan, "--golden", str(golden), "--with-evidence")
    assert same.returncode == 0, same.stdout + same.stderr
    edited = json.loads(golden.read_text("utf-8"))
    edited["title"] = "旧标题"
    golden.write_text(json.dumps(edited, ensure_ascii=False), "utf-8")
    differ = run("diff", plan, "--golden", str(golden))
    assert differ.returncode == 1
    assert '~ title: "旧标题" → "赵巷镇绿色社区创建行动实施方案"' in differ.stdout
    both = run("diff", plan, str(golden), "--golden", str(golden))
    assert both.returncode == 2 and "either NEW or --golden" in both.stderr


def test_every_review_command_has_help_with_an_example() -> None:
    for command in ("diff", "compare", "report", "score"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert "Examples:" in result.stdout and f"rubric {command} " in result.stdout
