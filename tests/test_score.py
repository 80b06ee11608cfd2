"""Scoring an assessment with a rubric: points, levels, events, maxima, caps, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.models import Plan, Rubric
from extractor.review.score import (
    Assessed,
    AssessmentError,
    Entry,
    ItemRef,
    decode_csv,
    find_header,
    parse_assessment_csv,
    parse_assessment_json,
    parse_assessment_xlsx,
    parse_entry,
    parse_events,
    read_assessment,
    score_rubric,
)
from tests.conftest import ROOT

EVIDENCE = {"start": 0, "end": 1, "quote": "x"}


def rubric() -> Rubric:
    """A rubric with a points item, a level item, a deduction item and a bonus item."""
    return Rubric.model_validate(
        {
            "title": "评分表",
            "total_points": 20,
            "pass_score": 15,
            "evidence": EVIDENCE,
            "dimensions": [
                {
                    "name": "治理",
                    "points": 12,
                    "items": [
                        {"number": "1", "criterion": "建立机制", "points": 5, "evidence": EVIDENCE},
                        {
                            "number": "2",
                            "criterion": "搭建平台",
                            "points": 6,
                            "level_points": {"合格": 4, "一般": 5, "良好": 6},
                            "evidence": EVIDENCE,
                        },
                        {
                            "number": "3",
                            "criterion": "停车秩序规范",
                            "points": 6,
                            "rules": [
                                {
                                    "text": "乱停车每发现1处扣1分，最高扣2分",
                                    "deduct": 1,
                                    "per": "发现1处",
                                    "cap": 2,
                                },
                                {"text": "占压通道的每发现1处扣2分", "deduct": 2, "per": "发现1处"},
                            ],
                            "evidence": EVIDENCE,
                        },
                    ],
                },
                {
                    "name": "附加",
                    "items": [
                        {
                            "number": "4",
                            "criterion": "作出突出贡献",
                            "points": 4,
                            "bonus": True,
                            "rules": [{"text": "扣1-3分", "deduct": 1, "deduct_max": 3}],
                            "evidence": EVIDENCE,
                        },
                    ],
                },
            ],
        }
    )


def test_parse_entry_variants() -> None:
    assert parse_entry(5, "1") == Assessed(points=5.0)
    assert parse_entry("4.5", "1") == Assessed(points=4.5)
    assert parse_entry(" 良好 ", "2") == Assessed(level="良好")
    assert parse_entry({"events": 2}, "3") == Assessed(events=(2,))
    assert parse_entry({"events": [1, 0, 2]}, "3") == Assessed(events=(1, 0, 2))
    assert parse_entry({"level": "合格"}, "2") == Assessed(level="合格")
    with pytest.raises(AssessmentError, match="item 9"):
        parse_entry([1, 2], "9")
    with pytest.raises(AssessmentError):
        parse_entry(True, "1")


def test_parse_events_rejects_fractions_and_negatives() -> None:
    assert parse_events("2;0;1", "3") == (2, 0, 1)
    for bad in (-1, 1.5, "x", "-1"):
        with pytest.raises(AssessmentError, match="whole numbers"):
            parse_events(bad, "3")


def scores(entries: list[Entry]) -> dict[str, Assessed]:
    """Entries named by their item column alone, as a dict."""
    return {str(e.ref): e.assessed for e in entries}


def test_parse_assessment_json_with_and_without_items_key() -> None:
    text = '{"items": {"1": 5, "2": "良好", "3": {"events": 2}}}'
    assert scores(parse_assessment_json(text)) == {
        "1": Assessed(points=5.0),
        "2": Assessed(level="良好"),
        "3": Assessed(events=(2,)),
    }
    assert scores(parse_assessment_json('{"1": 3}')) == {"1": Assessed(points=3.0)}
    with pytest.raises(AssessmentError, match="not valid JSON"):
        parse_assessment_json("{1:")


def test_parse_assessment_csv_with_mixed_columns_and_bom() -> None:
    text = "\ufeffitem,points,level,events\n1,5,,\n2,,良好,\n3,,,1;2\n\n"
    assert scores(parse_assessment_csv(text)) == {
        "1": Assessed(points=5.0),
        "2": Assessed(level="良好"),
        "3": Assessed(events=(1, 2)),
    }
    assert scores(parse_assessment_csv("序号,得分\n1,4\n")) == {"1": Assessed(points=4.0)}


@pytest.mark.parametrize(
    "header",
    [
        "条目,得分",
        "序号,评分",
        "编号,分数",
        "Item,Points",
        "ITEM , SCORE",
        "条目 item,得分 points",
        "条目（item）,得分(points)",
        "No.,实得分",
    ],
)
def test_chinese_and_english_headers(header: str) -> None:
    assert scores(parse_assessment_csv(f"{header}\n1,4\n2,3.5\n")) == {
        "1": Assessed(points=4.0),
        "2": Assessed(points=3.5),
    }


def test_title_rows_above_the_header_are_skipped() -> None:
    text = "某某社区绿色社区创建自评表,,\n填表日期：2021年5月,,\n序号,评分内容,得分\n1,建立机制,5\n"
    (entry,) = parse_assessment_csv(text)
    assert entry.ref == ItemRef(key="1", criterion="建立机制")
    assert entry.assessed == Assessed(points=5.0) and entry.where == "line 4"


def test_header_words_must_be_whole_words() -> None:
    # 评分标准 is a criterion column, not a points column; 满分 (the maximum) is not a score
    assert find_header([["序号", "评分标准", "满分", "得分"]])[1:] == (
        {"points": 3},
        {"key": 0, "criterion": 1},
    )
    with pytest.raises(AssessmentError, match="no header row"):
        find_header([["序号", "评分标准", "满分"]])


def test_rows_without_a_score_are_not_assessed() -> None:
    entries = parse_assessment_csv("item,points,level\n1,5,\n2,,\n3,,\n")
    assert scores(entries) == {"1": Assessed(points=5.0)}
    result = score_rubric(rubric(), entries)
    assert result.not_assessed == ["2", "3", "4"]


def test_parse_assessment_csv_errors() -> None:
    with pytest.raises(AssessmentError, match="header"):
        parse_assessment_csv("名字,value\n1,5\n")
    with pytest.raises(AssessmentError, match="line 2"):
        parse_assessment_csv("item,points,level\n1,5,良好\n")
    with pytest.raises(AssessmentError, match="line 3: a score with no item"):
        parse_assessment_csv("item,points\n1,5\n,4\n")
    with pytest.raises(AssessmentError, match="not a number"):
        parse_assessment_csv("item,points\n1,five\n")
    with pytest.raises(AssessmentError, match="line 3: item 1 is assessed twice"):
        score_rubric(rubric(), parse_assessment_csv("item,points\n1,5\n1,4\n"))


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_csv_in_gbk_or_utf8(encoding: str) -> None:
    raw = "条目,等级\r\n2,良好\r\n".encode(encoding)
    assert scores(read_assessment("自评.csv", raw)) == {"2": Assessed(level="良好")}
    assert decode_csv(raw) == "条目,等级\r\n2,良好\r\n"


def xlsx_of(rows: list[list[object]]) -> bytes:
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_assessment_with_numbers_as_numbers() -> None:
    data = xlsx_of(
        [["自评表"], ["序号", "得分", "等级"], [1, 5, None], [2, None, "良好"], [3.0, 4.5]]
    )
    assert scores(parse_assessment_xlsx(data)) == {
        "1": Assessed(points=5.0),
        "2": Assessed(level="良好"),
        "3": Assessed(points=4.5),
    }
    assert parse_assessment_xlsx(data)[0].where == "row 3"
    with pytest.raises(AssessmentError, match=r"not a readable \.xlsx"):
        read_assessment("a.xlsx", b"not a zip")


def repeated_numbers_rubric() -> Rubric:
    """A county 考核细则: items numbered 1.. in each dimension, one number per unit scored."""

    def item(number: str, name: str | None, criterion: str, points: float) -> dict:
        return {
            "number": number,
            "name": name,
            "criterion": criterion,
            "points": points,
            "evidence": EVIDENCE,
        }

    return Rubric.model_validate(
        {
            "title": "考核细则",
            "total_points": 100,
            "evidence": EVIDENCE,
            "dimensions": [
                {"name": "通用项目", "items": [item("1", None, "组织领导", 10)]},
                {
                    "name": "部门项目",
                    "items": [
                        item("1", "甲局", "推进河道保洁", 20),
                        item("2", "乙局", "控制养殖污染", 30),
                        item("2", "乙局", "减少化肥使用", 40),
                    ],
                },
            ],
        }
    )


def test_items_with_repeated_numbers_are_keyed_by_dimension_name_or_criterion() -> None:
    result = score_rubric(repeated_numbers_rubric(), {})
    # the shortest key naming each item alone: DIMENSION/NUMBER, else its criterion
    assert [s.key for s in result.items] == [
        "通用项目/1",
        "部门项目/1",
        "控制养殖污染",
        "减少化肥使用",
    ]
    entries = parse_assessment_csv(
        "维度,序号,评分内容,得分\n通用项目,1,,8\n部门项目,1,,15\n,2,减少化肥使用,30\n"
    )
    result = score_rubric(repeated_numbers_rubric(), entries)
    assert [s.points for s in result.items] == [8, 15, 0, 30]
    keys = {"甲局": 18, "#3": 25, "#1": 1}
    result = score_rubric(
        repeated_numbers_rubric(), {k: Assessed(points=v) for k, v in keys.items()}
    )
    assert [s.points for s in result.items] == [1, 18, 25, 0]
    by_name = parse_assessment_csv("名称,评分内容,得分\n甲局,,19\n乙局,控制养殖污染,29\n")
    result = score_rubric(repeated_numbers_rubric(), by_name)
    assert [s.points for s in result.items] == [0, 19, 29, 0]


def test_an_ambiguous_item_is_refused_with_the_keys_to_use() -> None:
    with pytest.raises(
        AssessmentError, match=r"item 1: '1' names 2 items \(通用项目/1, 部门项目/1\)"
    ):
        score_rubric(repeated_numbers_rubric(), {"1": Assessed(points=1)})
    with pytest.raises(AssessmentError, match="line 2: '乙局' names 2 items"):
        score_rubric(repeated_numbers_rubric(), parse_assessment_csv("名称,得分\n乙局,3\n"))


def test_full_score_passes() -> None:
    entries = parse_assessment_json('{"1": 5, "2": "良好", "3": {"events": 0}, "4": 4}')
    result = score_rubric(rubric(), entries)
    # dimension 治理 is capped at its 12 points (5 + 6 + 6 = 17); the bonus adds 4
    assert result.total == 16
    assert result.passed is True
    assert [s.points for s in result.items] == [5, 6, 6, 4]
    assert result.not_assessed == []


def test_events_deduct_with_cap_per_rule() -> None:
    # rule 1: 5 × 1 capped at 2; rule 2: 1 × 2 uncapped → 6 − 4 = 2
    entries = {"3": Assessed(events=(5, 1))}
    result = score_rubric(rubric(), entries)
    assert result.items[2].points == 2
    assert result.items[2].given == "events 5;1"
    # points never go below zero
    assert score_rubric(rubric(), {"3": Assessed(events=(1, 9))}).items[2].points == 0


def test_levels_map_through_level_points() -> None:
    result = score_rubric(rubric(), {"2": Assessed(level="一般"), "1": Assessed(points=4)})
    assert [s.points for s in result.items[:2]] == [4, 5]
    assert result.total == 9
    assert result.passed is False
    assert result.not_assessed == ["3", "4"]


def test_item_named_by_criterion() -> None:
    result = score_rubric(rubric(), {"建立机制": Assessed(points=3)})
    assert result.items[0].points == 3 and result.items[0].key == "1"


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"9": Assessed(points=1)}, "unknown item '9'"),
        ({"1": Assessed(points=6)}, "item 1: 6 points is above its maximum 5"),
        ({"1": Assessed(points=-1)}, "negative"),
        ({"2": Assessed(level="优秀")}, "unknown level '优秀' (one of 合格、一般、良好)"),
        ({"1": Assessed(level="良好")}, "item 1 has no levels"),
        ({"1": Assessed(events=(1,))}, "no counted deduction rule"),
        ({"3": Assessed(events=(1, 1, 1))}, "3 event counts for 2 deduction rules"),
        ({"4": Assessed(events=(1,))}, "is a range; give points instead"),
        ({"1": Assessed(points=1), "建立机制": Assessed(points=1)}, "assessed twice"),
    ],
)
def test_score_errors(entries: dict, message: str) -> None:
    with pytest.raises(AssessmentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        score_rubric(rubric(), entries)


def test_no_pass_score_gives_no_verdict() -> None:
    unrated = rubric().model_copy(update={"pass_score": None})
    assert score_rubric(unrated, {}).passed is None


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from extractor.cli import app; app(prog_name='rubric')", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def plan_file(tmp_path: Path) -> Path:
    plan = Plan.model_validate(
        {
            "source": {"path": "a.txt", "format": "txt", "sha256": "0" * 64},
            "rubrics": [json.loads(rubric().model_dump_json())],
        }
    )
    path = tmp_path / "plan.json"
    path.write_text(plan.model_dump_json(), "utf-8")
    return path


def test_cli_score_json_and_table(tmp_path: Path) -> None:
    assessment = tmp_path / "a.csv"
    assessment.write_text("item,points,level,events\n1,5,,\n2,,良好,\n3,,,1\n4,2,,\n", "utf-8")
    result = run("score", str(plan_file(tmp_path)), str(assessment), "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert (payload["total"], payload["pass_score"], payload["passed"]) == (14, 15, False)
    table = run("score", str(plan_file(tmp_path)), str(assessment))
    assert table.returncode == 0
    assert "total 14 / 20, pass ≥ 15: NOT PASSED" in table.stdout


def test_cli_score_errors_are_one_line(tmp_path: Path) -> None:
    assessment = tmp_path / "a.json"
    assessment.write_text('{"items": {"1": 7}}', "utf-8")
    result = run("score", str(plan_file(tmp_path)), str(assessment))
    assert result.returncode == 3
    assert result.stderr.strip() == (
        f"error: {assessment}: item 1: 7 points is above its maximum 5"
    )
    empty_plan = tmp_path / "empty.json"
    empty_plan.write_text('{"source": {"path": "a.txt", "format": "txt", "sha256": "0"}}', "utf-8")
    no_rubric = run("score", str(empty_plan), str(assessment))
    assert no_rubric.returncode == 3 and "has no rubric" in no_rubric.stderr
    assert run("score", str(plan_file(tmp_path)), str(assessment), "--rubric", "2").returncode == 3


# ---------------------------------------------------------------- corpus rubrics


def corpus_rubric(name: str) -> Rubric:
    from tests.conftest import CORPUS, extracted

    return extracted(CORPUS / f"{name}.txt").rubrics[0]


def test_corpus_county_rubric_full_marks_and_one_item_short() -> None:
    rubric = corpus_rubric("hangtai")
    full = {i.number: Assessed(points=i.points) for d in rubric.dimensions for i in d.items}
    assert score_rubric(rubric, full).total == 100
    full["11"] = Assessed(points=4)  # 社区停车秩序规范… (5分)
    result = score_rubric(rubric, full)
    assert (result.total, result.pass_score, result.passed) == (99, 80, True)
    with pytest.raises(AssessmentError, match="item 11: 6 points is above its maximum 5"):
        score_rubric(rubric, {"11": Assessed(points=6)})


def test_corpus_level_rubric_maps_levels() -> None:
    rubric = corpus_rubric("wusong")
    result = score_rubric(rubric, {"12": Assessed(level="一般")})  # 合格 3 / 一般 4 / 良好 5
    assert result.items[11].points == 4 and result.total == 4


def test_corpus_deduction_rubric_counts_events_per_rule() -> None:
    rubric = corpus_rubric("zhejiang")
    # item 8: 乱停车 / 公共车位被占用 / 占压生命通道, each 每发现1处扣1分，最高扣2分
    result = score_rubric(rubric, {"8": Assessed(events=(5, 0, 1))})
    assert next(s for s in result.items if s.key == "8").points == 6 - 2 - 0 - 1


# ---------------------------------------------------------------- NaN and infinity


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity", "1e999"])
def test_csv_points_that_are_not_finite_are_refused(value: str) -> None:
    with pytest.raises(AssessmentError, match=f"line 2: points '{value}' is not a finite number"):
        parse_assessment_csv(f"item,points\n1,{value}\n")


@pytest.mark.parametrize(
    "text", ['{"1": NaN}', '{"1": Infinity}', '{"1": "nan"}', '{"1": {"points": "inf"}}']
)
def test_json_points_that_are_not_finite_are_refused(text: str) -> None:
    with pytest.raises(AssessmentError, match=r"item 1: points .* is not a finite number"):
        parse_assessment_json(text)


def test_a_level_named_like_no_number_is_still_a_level() -> None:
    assert parse_entry("良好", "2") == Assessed(level="良好")
    assert parse_entry("5", "1") == Assessed(points=5.0)


def test_a_rubric_with_nan_points_is_refused_not_written_as_nan() -> None:
    broken = rubric().model_copy(update={"pass_score": float("nan")})
    with pytest.raises(AssessmentError, match="not finite"):
        score_rubric(broken, {"1": Assessed(points=5)})


def test_cli_score_nan_is_one_line_exit_3_and_no_json(tmp_path: Path) -> None:
    assessment = tmp_path / "a.csv"
    assessment.write_text("item,points\n1,nan\n", "utf-8")
    result = run("score", str(plan_file(tmp_path)), str(assessment), "--json")
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"error: {assessment}: line 2: points 'nan' is not a finite number"
    )


# ---------------------------------------------------------------- assessment template


def test_cli_template_from_a_source_file_round_trips(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sheet_path = tmp_path / "sheet.xlsx"
    plan = ROOT / "corpus" / "shicheng_hezhangzhi_kaohe.txt"
    result = run("score", str(plan), "--template", str(sheet_path))
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(sheet_path)
    assert workbook.sheetnames == ["评分 assessment", "说明 about"]
    sheet = workbook["评分 assessment"]
    assert [c.value for c in sheet[1]] == [
        "条目 item",
        "维度 dimension",
        "名称 name",
        "评分内容 criterion",
        "满分 max",
        "等级 level",
        "扣分次数 events",
        "得分 points",
    ]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:H")
    keys = [row[0] for row in sheet.iter_rows(2, None, values_only=True)]
    assert len(keys) == len(set(keys)) > 30  # every item has a key naming it alone
    limits = [v for v in sheet.data_validations.dataValidation if v.type == "decimal"]
    assert limits and all(v.formula1 == "0" for v in limits)
    # fill three items' points in the sheet (the maximum each), then score it
    maxima = {}
    for row in sheet.iter_rows(2, 4):
        row[7].value = row[4].value
        maxima[row[0].value] = row[4].value
    workbook.save(sheet_path)
    scored = run("score", str(plan), str(sheet_path), "--json")
    assert scored.returncode == 0, scored.stderr
    payload = json.loads(scored.stdout)
    given = {i["key"]: i["points"] for i in payload["items"] if i["assessed"]}
    assert given == maxima
    assert payload["total"] == sum(maxima.values())


def test_template_offers_a_level_drop_down() -> None:
    import io

    from openpyxl import load_workbook

    from extractor.review.score_template import assessment_template

    sheet = load_workbook(io.BytesIO(assessment_template(rubric()))).worksheets[0]
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert [(v.formula1, str(v.sqref)) for v in lists] == [('"合格,一般,良好"', "F3")]
    assert [row[0] for row in sheet.iter_rows(2, None, values_only=True)] == ["1", "2", "3", "4"]


def test_cli_scores_a_gbk_csv_with_chinese_headers(tmp_path: Path) -> None:
    assessment = tmp_path / "自评.csv"
    assessment.write_bytes("序号,得分,等级\r\n1,5,\r\n2,,良好\r\n".encode("gbk"))
    result = run("score", str(plan_file(tmp_path)), str(assessment), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] == 11


def test_cli_score_usage_and_help(tmp_path: Path) -> None:
    neither = run("score", str(plan_file(tmp_path)))
    assert neither.returncode == 2 and "--template" in neither.stderr
    both = run("score", str(plan_file(tmp_path)), "a.csv", "--template", "t.xlsx")
    assert both.returncode == 2
    help_text = run("score", "--help").stdout
    assert (
        "条目,得分" in help_text and "--template" in help_text and "DIMENSION/NUMBER" in help_text
    )
