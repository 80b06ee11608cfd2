"""Grade bands, pass lines and totals in prose around a scoring table."""

from __future__ import annotations

import pytest

from extractor.document import DocumentBuilder
from extractor.fields.rubric.grades import (
    NOTE_TOTAL,
    PASS_SCORE,
    PASS_SCORE_GROUPS,
    find_pass_line,
    grade_bands,
    sentence_around,
)


@pytest.mark.parametrize(
    ("text", "levels", "pass_score"),
    [
        ("总得分≥90分为优秀，≥70分为合格。", ["合格", "优秀"], 70.0),
        (
            "90分以上为优秀，80-89分为良好，60-79分为合格，60分以下为不合格。",
            ["不合格", "合格", "良好", "优秀"],
            60.0,
        ),
        (
            "得分在90分以上的为优秀，60分至89分的为合格，低于60分的为不合格。",
            ["不合格", "合格", "优秀"],
            60.0,
        ),
        ("考核得分90（含）以上为优秀，75分及以上为达标", ["达标", "优秀"], 75.0),
        ("总分≥85分为A级，70～84分为B级，<70分为C级", ["C级", "B级", "A级"], None),
        ("85分以上评为一档，70分以上评为二档", ["二档", "一档"], None),
        (
            "总分不低于90分为优秀，不低于75分为良好，不低于60分为合格，低于60分为不合格。",
            ["不合格", "合格", "良好", "优秀"],
            60.0,
        ),
        ("考核总分50分，得分须不低于40分为合格", ["合格"], 40.0),
        # an end marked as in (含) or out (不含) of its band, before or after the range mark
        (
            "得分90分以上为优秀，80分（含）至90分为良好，60分（含）至80分为合格，60分以下为不合格。",
            ["不合格", "合格", "良好", "优秀"],
            60.0,
        ),
        (
            "90分(含)以上为优秀,80(含)-90分(不含)为良好,60(含)-80分(不含)为合格,60分以下为不合格",
            ["不合格", "合格", "良好", "优秀"],
            60.0,
        ),
        ("80分（含）～89分为良好，60分（含）～79分为合格", ["合格", "良好"], 60.0),
        ("得分不低于８５分评为达标", ["达标"], 85.0),
        (
            "考核结果分为优秀（90分以上）、良好（80—89分）、合格（60—79分）、不合格（60分以下）。",
            ["不合格", "合格", "良好", "优秀"],
            60.0,
        ),
        (
            "优秀：90分以上；良好：80-89分；合格：60-79分；不合格：60分以下。",
            ["不合格", "合格", "良好", "优秀"],
            60.0,
        ),
        ("评定等级为优秀(≥90分)、合格（60分（含）以上）", ["合格", "优秀"], 60.0),
        (
            "90分以上为优秀，60分至89分为合格，59分及以下为不合格。",
            ["不合格", "合格", "优秀"],
            60.0,
        ),
        # whether a bound counts itself, in brackets before the range or after 以上
        (
            "得分在90分（含）以上的为优秀；75分（含）至90分的为良好；60分（含）至75分的为合格；"
            "60分以下为不合格。",
            ["不合格", "合格", "良好", "优秀"],
            60.0,
        ),
        (
            "90分以上（含90分）为优秀，60分(含)-89分为合格，60分以下为不合格",
            ["不合格", "合格", "优秀"],
            60.0,
        ),
        ("75分（含）—90分（不含）为良好，60（含）～75分（不含）为合格", ["合格", "良好"], 60.0),
        ("优秀（90分（含）以上）、合格（60分（含）至89分）", ["合格", "优秀"], 60.0),
        # the upper bound said in words after 以上: 不足 / 低于 / 未达到
        (
            "得分90分以上（含90分）为优秀；80分以上（含80分）不足90分为良好；"
            "60分以上（含60分）不足80分为合格；60分以下为不合格。",
            ["不合格", "合格", "良好", "优秀"],
            60.0,
        ),
        (
            "90分以上为优秀，75分以上、低于90分的为良好，60分以上、低于75分的为合格，"
            "低于60分的为不合格。",
            ["不合格", "合格", "良好", "优秀"],
            60.0,
        ),
        ("85分及以上为达标，70分以上未达到85分为基本达标", ["基本达标", "达标"], 70.0),
    ],
)
def test_grade_bands(text: str, levels: list[str], pass_score: float | None) -> None:
    bands = grade_bands(text)
    assert bands is not None
    assert (bands.levels, bands.pass_score) == (levels, pass_score)


@pytest.mark.parametrize(
    "text",
    [
        "得分须不低于80分。",
        "自评达到85分以上可申报",
        "60分以下的单位约谈主要负责人",
        "低于60分为不合格",
        "考核内容：20分",
        "良好：较好完成年度任务",
        "扣分（含）以上为主",  # a bracket note with no score
        "不足60分为不合格",  # a bottom band alone states no score that earns a grade
        "",
    ],
)
def test_no_grade_bands(text: str) -> None:
    assert grade_bands(text) is None


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("说明：绿色社区创建得分须不低于80分。", 80.0),
        ("备注：总分110分，自评达到85分以上可申报创建达标", 85.0),
        ("各项相加之和达到80分以上，即达到“绿色社区”标准", 80.0),
        ("得分在75分及以上的为合格", 75.0),
        ("总分110分", None),
        ("满分100分，逐项打分", None),
        ("说明：考核得分低于60分的，确定为不合格。", 60.0),
        ("得分不足70分的评为“不达标”", 70.0),
        ("60分以下的为不合格", 60.0),
        ("低于60分的单位约谈主要负责人", None),  # no grade: no pass line
        ("加分最高不超过5分", None),  # a cap, not a pass line
        ("加分项累计不得超过5分", None),
        ("附加分最多不能超过10分", None),
        ("扣分不高于10分", None),
    ],
)
def test_pass_score_pattern(text: str, score: float | None) -> None:
    match = PASS_SCORE.search(text)
    found = (
        float(next(match.group(g) for g in PASS_SCORE_GROUPS if match.group(g))) if match else None
    )
    assert found == score


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("备注：总分110分，自评达到85分以上", "110"),
        ("满分为100分", "100"),
        ("总分值 120 分", "120"),
        ("达到80分以上", None),
        ("说明：考核总分80分以上为合格。", None),  # a bound on the score, not the total
        ("总分60分（含）以下为不合格", None),
        ("总分100分，总分60分及以上为合格", "100"),
        # a score bounded as a band or a pass line is no total
        ("总分80分以上为合格，90分以上为优秀。", None),
        ("总分60分及以上为合格", None),
        ("总分80分以上为合格，满分100分", "100"),
    ],
)
def test_note_total_pattern(text: str, points: str | None) -> None:
    match = NOTE_TOTAL.search(text)
    assert (match.group("points") if match else None) == points


def test_sentence_around_takes_the_sentence_with_its_full_stop() -> None:
    text = "本表供参考。各项相加之和达到80分以上，即达标。其余从略"
    start = text.index("达到")
    assert text[slice(*sentence_around(text, start, start + 6))] == (
        "各项相加之和达到80分以上，即达标。"
    )


def test_find_pass_line_reads_the_first_paragraph_with_one() -> None:
    builder = DocumentBuilder()
    first = builder.add_paragraph("此标准供各地参考。")
    second = builder.add_paragraph("说明：创建得分须不低于80分。")
    assert find_pass_line([first, second]) == (80.0, "说明：创建得分须不低于80分。")
    assert find_pass_line([first]) is None
