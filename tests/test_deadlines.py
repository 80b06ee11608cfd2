"""Tests of extractor.fields.deadlines: dated duties with actor, recipient and action."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.document import DocumentBuilder, SourceInfo
from extractor.fields.dates import DateParts
from extractor.fields.deadlines import (
    ACTOR_PATTERN,
    BEFORE_DATE_FILLER,
    BY_ACTOR_PATTERN,
    BY_YEAR_PATTERN,
    CONTEXT_YEAR_PATTERN,
    DEADLINE_PATTERN,
    DUTY_HINT_PATTERN,
    FIGURE_PATTERN,
    LEADING_MODAL_PATTERN,
    OTHER_CLAUSE_PATTERN,
    REPORT_PATTERN,
    REPORT_TO_PATTERN,
    TO_RECIPIENT_PATTERN,
    TRAILING_PAREN_PATTERN,
    action_bounds,
    duties_in_sentence,
    duty_end,
    extract_deadlines,
    find_recipient,
    is_period_label,
    month_and_day,
    same_duty,
)
from extractor.models import Deadline, Evidence
from extractor.structure import Structure
from extractor.structure.tables import recover_tables
from tests.conftest import CORPUS, extracted
from tests.test_phases import Heading, outline_structure

D = dt.date


def plain_structure(*lines: str) -> Structure:
    """A plan of plain paragraphs under one measures heading."""
    return outline_structure(["一、保障措施", *lines], [(0, "一", "保障措施", "measures", 1)])


def summary(deadlines: list[Deadline]) -> list[tuple]:
    return [
        (d.date, d.recurrence, d.month, d.day, d.approximate, d.actor, d.recipient, d.action)
        for d in deadlines
    ]


# --- patterns -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "yearly"),
    [
        ("于每年10月15日前将", "10月15日", "每年"),
        ("在2021年12月15日前向", "2021年12月15日", None),
        ("10月1日之前，各居民区", "10月1日", None),
        ("于当年10月15日前上报", "10月15日", "当年"),
        ("于次年1月底前报送", "1月底", "次年"),
        ("2021年底前完成", "2021年底", None),
        ("11月下旬，市", "11月下旬", None),
        ("并于10月底以前达到", "10月底", None),
    ],
)
def test_deadline_pattern(text: str, date: str, yearly: str | None) -> None:
    found = DEADLINE_PATTERN.search(text)
    assert found is not None
    assert (found.group("date"), found.group("yearly")) == (date, yearly)


@pytest.mark.parametrize(
    "text", ["2021年，全县", "2021年10月召开会议", "从2021年12月开始", "到2022年底实现创建目标"]
)
def test_deadline_pattern_no_match(text: str) -> None:
    assert DEADLINE_PATTERN.search(text) is None


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("各居民区将创建申请报告", "各居民区"),
        ("社区管理办进行评估", "社区管理办"),
        ("各社区要加大力度", "各社区"),
        ("各设区市建设部门于每年", "各设区市建设部门"),
        ("同时社区也可以根据", "社区"),
        ("街道将按照目标", "街道"),
        ("区精细化推进办将会同", "区精细化推进办"),
        ("各镇（街道）要于", "各镇（街道）"),
        ("各县（市、区）建设部门要会同", "各县（市、区）建设部门"),
        ("各区（县）于", "各区（县）"),
        ("各区要在", "各区"),
        ("县住建局(县住房保障事务中心)负责", "县住建局(县住房保障事务中心)"),
    ],
)
def test_actor_pattern(text: str, actor: str) -> None:
    found = ACTOR_PATTERN.match(text)
    assert found is not None
    assert found.group("actor") == actor


@pytest.mark.parametrize(
    "text",
    [
        "向街道进行申报",
        "在摸清底数的基础上",
        "对照创建标准完成",
        "报市委组织部",  # a report to a unit: the unit is its recipient, not its actor
        "交区委办公室汇总",
        "全部完成",  # the adverb, though it ends like 生态环境部
    ],
)
def test_actor_pattern_no_match(text: str) -> None:
    assert ACTOR_PATTERN.match(text) is None


def test_by_actor_pattern() -> None:
    found = BY_ACTOR_PATTERN.search("本表由设区市住房和城乡建设部门汇总填写")
    assert found.group("actor") == "设区市住房和城乡建设部门"
    assert BY_ACTOR_PATTERN.search("由此可见") is None


@pytest.mark.parametrize(
    ("pattern", "text", "unit"),
    [
        (TO_RECIPIENT_PATTERN, "向街道进行申报", "街道"),
        (TO_RECIPIENT_PATTERN, "向县住房和城乡建设局报送年度报告", "县住房和城乡建设局"),
        (
            REPORT_TO_PATTERN,
            "报送年度评估总结情况至某街道领导小组办公室（盖章）",
            "某街道领导小组办公室",
        ),
        (REPORT_TO_PATTERN, "将材料报送至某街道领导小组（挂靠社区发展办）", "某街道领导小组"),
        (REPORT_PATTERN, "比例上报省建设厅，并填写附表2", "省建设厅"),
        (REPORT_PATTERN, "自测评分表报镇三大整治办汇总", "镇三大整治办"),
        (REPORT_PATTERN, "汇总后提交区精细化推进办；", "区精细化推进办"),
    ],
)
def test_recipient_patterns(pattern, text: str, unit: str) -> None:  # type: ignore[no-untyped-def]
    found = pattern.search(text)
    assert found is not None
    assert found.group("unit") == unit


def test_report_pattern_skips_report_words() -> None:
    assert REPORT_PATTERN.search("创建申请报告和自测评分表") is None
    assert REPORT_PATTERN.search("汇报材料") is None


def test_find_recipient_needs_a_unit_name() -> None:
    text = "对申报项目进行实地考察测评，初审通过后报市城市管理精细化推进办"
    assert find_recipient(text, 0, len(text))[0] == "市城市管理精细化推进办"
    text = "对申报项目进行实地抽样考评"
    assert find_recipient(text, 0, len(text)) == (None, 0)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("将工作总结报送我部城市建设司", "我部城市建设司"),  # a ministry's department
        ("将材料报送至省住房和城乡建设厅城建处", "省住房和城乡建设厅城建处"),
        ("报区城管局市容科备案", "区城管局市容科"),
        ("将有关情况报送上级", None),  # no unit's name
    ],
)
def test_a_recipient_may_be_a_department_of_a_body(text: str, unit: str | None) -> None:
    assert find_recipient(text, 0, len(text))[0] == unit


def test_small_patterns() -> None:
    assert DUTY_HINT_PATTERN.search("于每年10月15日前")
    assert DUTY_HINT_PATTERN.search("2021年3月底之前")
    assert DUTY_HINT_PATTERN.search("11月下旬，")
    assert not DUTY_HINT_PATTERN.search("目前，各社区要提前谋划")
    assert CONTEXT_YEAR_PATTERN.findall("2022年2月20日前，并于10月底前") == ["2022"]
    assert CONTEXT_YEAR_PATTERN.findall("第12021年") == []
    assert BEFORE_DATE_FILLER.search("各设区市建设部门于").group(0) == "于"
    assert BEFORE_DATE_FILLER.search("各社区要在").group(0) == "要在"
    assert BEFORE_DATE_FILLER.search("并于").group(0) == "并于"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("到2022年实现生活垃圾分类全覆盖", "2022年"),
        ("到2022年底实现创建目标", "2022年底"),
        ("至2025年末基本建成", "2025年末"),
        ("到2023年全面完成改造", "2023年"),
    ],
)
def test_by_year_pattern(text: str, date: str) -> None:
    found = BY_YEAR_PATTERN.search(text)
    assert found is not None and found.group("date") == date


@pytest.mark.parametrize(
    "text",
    ["到2022年，全镇65%以上", "2022年实现全覆盖", "到2022年底前", "从2021年12月开始，持续推进"],
)
def test_by_year_pattern_no_match(text: str) -> None:
    assert BY_YEAR_PATTERN.search(text) is None


def test_figure_pattern() -> None:
    assert FIGURE_PATTERN.search("实现60%的社区达标")
    assert FIGURE_PATTERN.search("建成百分之六十")
    assert FIGURE_PATTERN.search("建成10个示范社区")
    assert FIGURE_PATTERN.search("建成两个示范社区")
    assert FIGURE_PATTERN.search("实现生活垃圾分类全覆盖") is None


@pytest.mark.parametrize(
    ("text", "modal"),
    [
        ("要积极申报", "要"),
        ("须报送名单", "须"),
        ("应当及时上报", "应当"),
        ("也应上报", "也应"),
        ("将会同相关部门考评", "将"),
        ("将对申报项目进行考评", "将"),
    ],
)
def test_leading_modal_pattern(text: str, modal: str) -> None:
    found = LEADING_MODAL_PATTERN.match(text)
    assert found is not None and found.group(0) == modal


@pytest.mark.parametrize("text", ["将创建申请报告报社区管理办", "报送年度评估总结", "向街道申报"])
def test_leading_modal_pattern_keeps_object_marker(text: str) -> None:
    assert LEADING_MODAL_PATTERN.match(text) is None


def test_other_clause_and_trailing_paren_patterns() -> None:
    assert OTHER_CLAUSE_PATTERN.match("由区精推办会同相关行业部门")
    assert OTHER_CLAUSE_PATTERN.match("力争取得阶段性成果")
    assert OTHER_CLAUSE_PATTERN.match("汇总后提交区精细化推进办") is None
    assert OTHER_CLAUSE_PATTERN.match("并填写附表2") is None
    assert (
        TRAILING_PAREN_PATTERN.search("报送至领导小组（挂靠社区发展办）").group(0)
        == "（挂靠社区发展办）"
    )
    assert TRAILING_PAREN_PATTERN.search("报送至领导小组(盖章)").group(0) == "(盖章)"
    assert TRAILING_PAREN_PATTERN.search("报各县（市、区）建设部门") is None
    # a bracket the action's clause ends inside (its comma cut it): left out too
    assert (
        TRAILING_PAREN_PATTERN.search("完成规范化改造（市城管局牵头").group(0) == "（市城管局牵头"
    )
    assert (
        TRAILING_PAREN_PATTERN.search("完成规范化改造(责任单位：甲局").group(0) == "(责任单位：甲局"
    )


def test_duty_end() -> None:
    text = "10月30日之前，甲报乙汇总，汇总后提交丙；11月15日之前，丙考评。"
    assert text[duty_end(text, 7, text.index("11月"), len(text) - 1) - 1] == "丙"
    text = "2月20日前将清单报送至乙，并于10月底前达到创建要求。"
    next_start = text.index("10月")
    assert text[6 : duty_end(text, 6, next_start, len(text) - 1)] == "将清单报送至乙"
    text = "于每年10月15日前上报省建设厅，并填写附表2。"
    start = text.index("上报")
    assert text[start : duty_end(text, start, len(text) - 1, len(text) - 1)] == (
        "上报省建设厅，并填写附表2"
    )


def test_action_bounds() -> None:
    text = "将会同相关部门考评，初审通过后报市办，由区办会同相关部门复核；"
    start, end = action_bounds(text, 0, len(text) - 1)
    assert text[start:end] == "会同相关部门考评，初审通过后报市办"
    text = "，报送至领导小组（挂靠社区发展办）"
    start, end = action_bounds(text, 0, len(text))
    assert text[start:end] == "报送至领导小组"
    text = "达到创建要求，力争取得阶段性成果"
    assert text[slice(*action_bounds(text, 0, len(text)))] == "达到创建要求"
    text = "各区完成分类投放点规范化改造（市城管局牵头，各区政府负责）。"
    start = text.index("完成")
    assert text[slice(*action_bounds(text, start, len(text) - 1))] == "完成分类投放点规范化改造"


def test_same_duty() -> None:
    evidence = Evidence(start=0, end=1, quote="x")
    first = Deadline(
        recurrence="yearly",
        month=10,
        day=15,
        action="将报告上报省厅",
        recipient="省厅",
        actor="各市建设部门",
        evidence=evidence,
    )
    restated = first.model_copy(update={"action": "上报省厅", "actor": "市建设部门"})
    assert same_duty(restated, first)
    assert not same_duty(first.model_copy(update={"day": 16}), first)
    assert not same_duty(first.model_copy(update={"recipient": "市厅"}), first)
    assert not same_duty(first.model_copy(update={"recurrence": None}), first)
    unaddressed = first.model_copy(update={"recipient": None})
    assert not same_duty(unaddressed.model_copy(update={"action": "完成创建"}), unaddressed)
    assert same_duty(unaddressed.model_copy(), unaddressed)


def test_restated_duty_is_one_record_and_action_runs_over_coordinate_clauses() -> None:
    structure = plain_structure(
        "各设区市建设部门于每年10月15日前将年度报告上报省建设厅，并填写附表2。",
        "注：本表由设区市建设部门汇总填写，与年度报告一并于当年10月15日前上报省建设厅。",
    )
    (deadline,) = extract_deadlines(structure).records
    assert deadline.action == "将年度报告上报省建设厅，并填写附表2"
    assert deadline.evidence.quote == (
        "各设区市建设部门于每年10月15日前将年度报告上报省建设厅，并填写附表2"
    )


def test_year_to_reach_with_action_is_a_deadline() -> None:
    structure = plain_structure(
        "提高分类质量，到2022年实现生活垃圾分类全覆盖。",
        "创建行动从2021年12月开始，持续推进，到2022年底实现创建目标。",
    )
    assert summary(extract_deadlines(structure).records) == [
        (D(2022, 12, 31), None, 12, 31, None, None, None, "实现生活垃圾分类全覆盖"),
        (D(2022, 12, 31), None, 12, 31, None, None, None, "实现创建目标"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "到2025年底，力争基本完成2000年底前建成的需改造城镇老旧小区改造任务。",
        "到2025年底,力争基本完成2000年底前已建成的老旧小区改造任务。",
    ],
)
def test_a_date_qualifying_a_noun_is_no_deadline(line: str) -> None:
    # 2000年底前建成的 says which estates; the duty is due by the year to be reached
    [deadline] = extract_deadlines(plain_structure(line)).records
    assert (deadline.date, deadline.action.startswith("力争基本完成2000年底前")) == (
        D(2025, 12, 31),
        True,
    )


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("各区于2024年6月底前完成设施选址。", "完成设施选址"),
        # a verb with its object before 的, and 将 fronting the object: duties still
        ("各区要于2024年6月底前完成全区的摸底调查。", "完成全区的摸底调查"),
        ("各区于2024年6月底前将整改的结果报送县住建局。", "将整改的结果报送县住建局"),
    ],
)
def test_a_date_before_a_verb_is_still_a_deadline(line: str, action: str) -> None:
    [deadline] = extract_deadlines(plain_structure(line)).records
    assert (deadline.date, deadline.actor, deadline.action) == (D(2024, 6, 30), "各区", action)


@pytest.mark.parametrize(
    ("line", "actors"),
    [
        # the paragraph's own number is no part of its actor
        ("（一）各乡镇于2024年4月15日前完成设施选址。", ["各乡镇"]),
        ("1.各乡镇于2024年4月15日前完成设施选址。", ["各乡镇"]),
        ("第六条　各乡镇于2024年4月15日前完成设施选址。", ["各乡镇"]),
        # a step done first (汇总后) and 今年 between the actor and the date
        (
            "各村于2024年5月20日前报乡镇政府，乡镇政府汇总后于5月30日前报县城管局。",
            ["各村", "乡镇政府"],
        ),
        ("县城管局要在今年9月底前完成车辆配备。", ["县城管局"]),
    ],
)
def test_the_actor_before_the_date(line: str, actors: list[str]) -> None:
    assert [d.actor for d in extract_deadlines(plain_structure(line)).records] == actors


def test_subject_with_a_share_is_the_actor() -> None:
    structure = plain_structure(
        "按照上级任务，街道所辖社区总数的25%比例的社区可作为试点名单报送至领导小组，"
        "2022年1月31日前对照创建标准完成创建目标。"
    )
    (deadline,) = extract_deadlines(structure).records
    assert deadline.actor == "街道所辖社区总数的25%比例的社区"
    assert deadline.evidence.quote.startswith("街道所辖社区总数的25%比例的社区可作为")
    assert deadline.action == "对照创建标准完成创建目标"


def test_month_and_day() -> None:
    assert month_and_day(DateParts(month=10, day=15), None) == (10, 15)
    assert month_and_day(DateParts(month=10, part="底"), None) == (10, 31)
    assert month_and_day(DateParts(month=2, part="底"), None) == (2, None)
    assert month_and_day(DateParts(month=2, part="底"), D(2024, 2, 29)) == (2, 29)
    assert month_and_day(DateParts(year=2021, part="底"), D(2021, 12, 31)) == (12, 31)
    assert month_and_day(DateParts(month=11, part="下旬"), D(2021, 11, 30)) == (11, None)
    assert month_and_day(DateParts(year=2022), D(2022, 12, 31)) == (12, 31)
    assert month_and_day(DateParts(year=2022), None) == (None, None)


def test_is_period_label() -> None:
    text = "（一）试点探索阶段（2021年3月底前）"
    assert is_period_label(text, 10, 19)
    text = "完成申报（须在2021年3月底前报送）"
    assert not is_period_label(text, 7, 16)
    assert not is_period_label("2021年3月底前", 0, 9)


def test_duties_in_sentence_splits_at_each_date_and_carries_yearly() -> None:
    text = "每年10月30日之前，甲将材料报乙办；11月15日之前，乙办报丙办；11月下旬，丙办考评。"
    duties = duties_in_sentence(text, 0, len(text))
    assert [(d.parts.month, d.parts.day, d.parts.part, d.yearly) for d in duties] == [
        (10, 30, None, True),
        (11, 15, None, True),
        (11, None, "下旬", True),
    ]
    assert [text[d.start : d.duty_end] for d in duties] == [
        "每年10月30日之前，甲将材料报乙办",
        "11月15日之前，乙办报丙办",
        "11月下旬，丙办考评",
    ]


def test_duties_in_sentence_the_following_year() -> None:
    text = "资金使用情况于次年1月底前报省人社厅。"
    (duty,) = duties_in_sentence(text, 0, len(text))
    assert (duty.parts.month, duty.parts.part, duty.yearly) == (1, "底", True)
    # after a named year it is that year's next, one date left unread rather than misdated
    text = "2024年启动试点，次年6月底前全面推开。"
    assert duties_in_sentence(text, 0, len(text)) == []


# --- extraction on snippets -----------------------------------------------------------------


def test_dated_duty_with_actor_before_the_date() -> None:
    structure = plain_structure(
        "各设区市建设部门于每年10月15日前将年度总结评估报告上报省建设厅，并填写附表2。"
    )
    assert summary(extract_deadlines(structure).records) == [
        (
            None,
            "yearly",
            10,
            15,
            None,
            "各设区市建设部门",
            "省建设厅",
            "将年度总结评估报告上报省建设厅，并填写附表2",
        )
    ]


def test_month_day_without_year_stays_undated() -> None:
    structure = plain_structure("10月1日之前，各居民区将创建申请报告报社区管理办。")
    assert summary(extract_deadlines(structure).records) == [
        (None, None, 10, 1, None, "各居民区", "社区管理办", "将创建申请报告报社区管理办")
    ]


def test_month_day_takes_year_from_its_sentence() -> None:
    structure = plain_structure(
        "街道将按照工作目标，2022年2月20日前将清单报送至某市领导小组，并于10月底前达到创建要求。"
    )
    assert summary(extract_deadlines(structure).records) == [
        (D(2022, 2, 20), None, 2, 20, None, "街道", "某市领导小组", "将清单报送至某市领导小组"),
        (D(2022, 10, 31), None, 10, 31, None, "街道", None, "达到创建要求"),
    ]


def test_month_day_takes_year_from_its_phase() -> None:
    lines = [
        "四、实施步骤",
        "（一）试点阶段（2021年12月1日至2022年1月31日）",
        "各社区于1月15日前向街道进行申报。",
        "（二）推广阶段（2021年7月至2022年11月）",
        "各社区于10月15日前向街道报送材料。",
    ]
    headings: list[Heading] = [
        (0, "四", "实施步骤", "steps", 1),
        (1, "（一）", "试点阶段", "other", 2),
        (3, "（二）", "推广阶段", "other", 2),
    ]
    deadlines = extract_deadlines(outline_structure(lines, headings)).records
    # 1月 fits only 2022 of the first phase; 10月 fits both years of the second → unknown
    assert [(d.date, d.month, d.day, d.recipient) for d in deadlines] == [
        (D(2022, 1, 15), 1, 15, "街道"),
        (None, 10, 15, "街道"),
    ]


def test_actor_with_a_note_before_the_date() -> None:
    structure = plain_structure("各镇（街道）要于2021年5月底前将创建方案报县住建局备案。")
    assert summary(extract_deadlines(structure).records) == [
        (D(2021, 5, 31), None, 5, 31, None, "各镇（街道）", "县住建局", "将创建方案报县住建局备案")
    ]


def test_approximate_date_keeps_the_words() -> None:
    structure = plain_structure("2021年11月下旬，市推进办组织专家进行考评。")
    assert summary(extract_deadlines(structure).records) == [
        (D(2021, 11, 30), None, 11, None, "2021年11月下旬", "市推进办", None, "组织专家进行考评")
    ]


def test_phase_labels_and_restated_targets_are_not_deadlines() -> None:
    structure = plain_structure(
        "（一）试点探索阶段（2021年3月底前）",
        "（二）推广阶段：2021年12月底前",
        "2021年底前将创建范围扩大到30%的社区。",
        "到2022年实现60%的社区达标。",
        "到2022年建成10个示范社区。",
        "到2022年底，全县建成10个示范社区。",
        "2021年底前在每个街道明确1个试点社区。",
    )
    assert extract_deadlines(structure).records == []


def test_evidence_is_exact() -> None:
    structure = plain_structure(
        "各社区要加大力度，于每年11月20日前报送年度评估总结情况至街道办公室（盖章）。"
    )
    (deadline,) = extract_deadlines(structure).records
    text = structure.doc.text
    assert deadline.evidence.quote == text[deadline.evidence.start : deadline.evidence.end]
    assert deadline.evidence.quote == (
        "各社区要加大力度，于每年11月20日前报送年度评估总结情况至街道办公室"
    )
    assert (deadline.actor, deadline.recipient) == ("各社区", "街道办公室")


# --- corpus: every deadline checked by hand against the source text -------------------------


def corpus_deadlines(name: str) -> list[tuple]:
    return summary(extracted(CORPUS / f"{name}.txt").deadlines)


def test_corpus_hangtai_deadlines() -> None:
    assert corpus_deadlines("hangtai") == [
        (
            None,
            "yearly",
            10,
            1,
            None,
            "各参与创建部门单位",
            "县住房和城乡建设局",
            "向县住房和城乡建设局报送年度创建总结评估报告",
        )
    ]


def test_corpus_wusong_deadlines() -> None:
    assert corpus_deadlines("wusong") == [
        (
            None,
            None,
            10,
            1,
            None,
            "各居民区",
            "社区管理办",
            "将创建申请报告和自测评分表报社区管理办",
        ),
        (
            None,
            None,
            10,
            30,
            None,
            "社区管理办",
            "区精细办",
            "进行创建情况和实施效果年度评估后报区精细办",
        ),
    ]


def test_corpus_zhaoxiang_deadlines() -> None:
    assert corpus_deadlines("zhaoxiang") == [
        (
            None,
            "yearly",
            10,
            30,
            None,
            "各创建社区",
            "镇三大整治办",
            "将创建申请报告和自测评分表报镇三大整治办汇总，汇总后提交区精细化推进办",
        ),
        (
            None,
            "yearly",
            11,
            15,
            None,
            "区精细化推进办",
            "市城市管理精细化推进办",
            "会同相关行业部门对申报项目进行实地考察测评，初审通过后报市城市管理精细化推进办",
        ),
        (
            None,
            "yearly",
            11,
            None,
            "11月下旬",
            "市城市管理精细化推进办",
            None,
            "会同市住房城乡建设管理委科技委组织中外专家、人大政协和市民代表对申报项目进行实地抽样考评",
        ),
    ]


def test_corpus_qingyang_deadlines() -> None:
    rows = corpus_deadlines("qingyang")
    assert [(r[0], r[1], r[2], r[3], r[5], r[6]) for r in rows] == [
        (D(2022, 12, 31), None, 12, 31, None, None),
        (D(2021, 12, 15), None, 12, 15, "社区", "街道"),
        (D(2022, 1, 31), None, 1, 31, "街道所辖社区总数的25%比例的社区", None),
        (D(2022, 2, 20), None, 2, 20, "试点社区", "青阳街道绿色社区创建行动工作领导小组"),
        (D(2022, 2, 20), None, 2, 20, "街道", "晋江市绿色社区创建行动工作领导小组"),
        (D(2022, 10, 31), None, 10, 31, "街道", None),
        (None, "yearly", 11, 20, "各社区", "青阳街道绿色社区创建行动工作领导小组办公室"),
    ]
    assert [r[7] for r in rows][:3] == [
        "实现创建目标",
        "向街道进行申报",
        "对照创建标准完成创建目标",
    ]
    assert rows[5][7] == "达到创建要求"  # 力争取得阶段性成果 is a hope, not part of the duty


def test_corpus_zhejiang_deadlines() -> None:
    assert corpus_deadlines("zhejiang") == [
        (D(2022, 12, 31), None, 12, 31, None, None, None, "实现生活垃圾分类全覆盖"),
        (
            D(2020, 9, 30),
            None,
            9,
            30,
            None,
            "各设区市建设部门",
            "省建设厅",
            "将本地区实施方案报省建设厅",
        ),
        (
            None,
            "yearly",
            10,
            15,
            None,
            "各设区市建设部门",
            "省建设厅",
            "将年度总结评估报告和本地区绿色社区名单、数量、比例上报省建设厅，并填写附表2",
        ),
    ]  # the note under 附件2 restates the 10月15日 report: one record


def task_table_structure(rows: list[list[str]]) -> Structure:
    """A Structure holding one table, recovered as the pipeline would."""
    builder = DocumentBuilder()
    builder.add_paragraph("三、工作任务")
    builder.add_table(rows)
    doc = builder.build(SourceInfo(path="<snippet>", format="txt", sha256="0" * 64))
    return Structure(doc=doc, sections=[], tables=recover_tables(doc, []))


def test_task_table_rows_with_a_date_are_deadlines() -> None:
    structure = task_table_structure(
        [
            ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "开展河道清淤", "区水务局", "各街道办事处", "2018年12月底"],
            ["2", "整治入河排污口", "区生态环境分局", "区水务局", "2019年6月30日前"],
            ["3", "建立巡河制度", "区河长办", "", "每年3月底前"],
            ["4", "加强宣传", "区委宣传部", "", "长期坚持"],  # no date: no deadline
        ]
    )
    found = [
        (d.date, d.recurrence, d.month, d.day, d.action, d.actor)
        for d in extract_deadlines(structure).records
    ]
    assert found == [
        (dt.date(2018, 12, 31), None, 12, 31, "开展河道清淤", "区水务局"),
        (dt.date(2019, 6, 30), None, 6, 30, "整治入河排污口", "区生态环境分局"),
        (None, "yearly", 3, 31, "建立巡河制度", "区河长办"),
    ]
    quote = extract_deadlines(structure).records[0].evidence.quote
    assert quote == "1\t开展河道清淤\t区水务局\t各街道办事处\t2018年12月底"


@pytest.mark.parametrize(
    "header",
    [
        ["序号", "工作任务", "完成时间"],  # no actor column: actor unknown
        ["序号", "重点任务", "时间节点"],
    ],
)
def test_task_table_without_actor_column(header: list[str]) -> None:
    structure = task_table_structure([header, ["1", "完成清淤", "2020年10月"]])
    (deadline,) = extract_deadlines(structure).records
    assert (deadline.date, deadline.actor, deadline.action) == (
        dt.date(2020, 10, 31),
        None,
        "完成清淤",
    )


def test_tables_without_a_deadline_column_give_no_deadlines() -> None:
    structure = task_table_structure(
        [["序号", "居委名称", "地址"], ["1", "某某居委会", "某路1号2021年新建"]]
    )
    assert extract_deadlines(structure).records == []


# --- deadlines in the forms national and provincial plans use --------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # actors before the date: 各省份于, 国务院办公厅将于, 各地要在
        (
            "各省份于2020年3月15日前将实施方案报送国务院办公厅。",
            (
                D(2020, 3, 15),
                None,
                3,
                15,
                None,
                "各省份",
                "国务院办公厅",
                "将实施方案报送国务院办公厅",
            ),
        ),
        (
            "国务院办公厅将于每年3月底前组织开展督查。",
            (None, "yearly", 3, 31, None, "国务院办公厅", None, "组织开展督查"),
        ),
        (
            "各地要在2019年6月底前完成清理工作。",
            (D(2019, 6, 30), None, 6, 30, None, "各地", None, "完成清理工作"),
        ),
        # 到YYYY年底 with the action later in its clause, with or without an actor
        (
            "到2019年底，各地要全面完成排查整治。",
            (D(2019, 12, 31), None, 12, 31, None, "各地", None, "全面完成排查整治"),
        ),
        (
            "到2019年底,全面完成排查整治;",
            (D(2019, 12, 31), None, 12, 31, None, None, None, "全面完成排查整治"),
        ),
        # an actor right after the date, before 完成
        (
            "2020年底前各市县完成编制核定。",
            (D(2020, 12, 31), None, 12, 31, None, "各市县", None, "完成编制核定"),
        ),
        # a count that is not a goal (推荐1名) leaves the duty a duty
        (
            "2021年12月15日前，各居民区推荐1名联络员报街道。",
            (D(2021, 12, 15), None, 12, 15, None, None, "街道", "各居民区推荐1名联络员报街道"),
        ),
    ],
)
def test_national_and_provincial_forms(line: str, expected: tuple) -> None:
    assert summary(extract_deadlines(plain_structure(line)).records) == [expected]


def test_year_from_the_issue_date_is_inferred_and_warned() -> None:
    structure = plain_structure("各地要在3月15日前将名单报省教育厅。", "2020年2月5日")
    extracted = extract_deadlines(structure)
    assert summary(extracted.records) == [
        (D(2020, 3, 15), None, 3, 15, None, "各地", "省教育厅", "将名单报省教育厅")
    ]
    assert [w.code for w in extracted.warnings] == ["deadline_year_inferred"]


def test_a_day_past_at_issue_falls_in_the_next_year() -> None:
    structure = plain_structure("各地要在1月10日前完成清理工作。", "2018年12月6日")
    assert [d.date for d in extract_deadlines(structure).records] == [D(2019, 1, 10)]


def test_no_issue_date_no_year_no_warning() -> None:
    structure = plain_structure("各地要在10月10日前完成清理工作。")
    extracted = extract_deadlines(structure)
    assert [(d.date, d.month, d.day) for d in extracted.records] == [(None, 10, 10)]
    assert extracted.warnings == []


def test_a_context_year_wins_over_the_issue_date() -> None:
    structure = plain_structure("2021年，各地要在3月15日前将名单报省教育厅。", "2020年2月5日")
    extracted = extract_deadlines(structure)
    assert [d.date for d in extracted.records] == [D(2021, 3, 15)]
    assert extracted.warnings == []


# --- dates in Chinese numerals, halves of a year ----------------------------------------------


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("各社区要于二〇二一年十月底前将创建方案报县住建局。", D(2021, 10, 31)),
        ("各社区要于二○二一年十月底前将创建方案报县住建局。", D(2021, 10, 31)),
        ("各社区要于二零二一年十月三十日前将创建方案报县住建局。", D(2021, 10, 30)),
        ("各社区要于2021年10月底前将创建方案报县住建局。", D(2021, 10, 31)),
    ],
)
def test_dated_duty_in_chinese_numerals(line: str, date: dt.date) -> None:
    assert summary(extract_deadlines(plain_structure(line)).records) == [
        (date, None, 10, date.day, None, "各社区", "县住建局", "将创建方案报县住建局")
    ]


def test_month_day_takes_a_chinese_numeral_year_from_its_sentence() -> None:
    structure = plain_structure("二〇二二年，各社区开展自评，11月15日前报街道办。")
    assert [d.date for d in extract_deadlines(structure).records] == [D(2022, 11, 15)]


def test_year_to_reach_in_chinese_numerals() -> None:
    structure = plain_structure("提高分类质量，到二〇二二年实现生活垃圾分类全覆盖。")
    assert summary(extract_deadlines(structure).records) == [
        (D(2022, 12, 31), None, 12, 31, None, None, None, "实现生活垃圾分类全覆盖")
    ]


@pytest.mark.parametrize(
    ("line", "date", "words", "actor"),
    [
        (
            "2019年上半年，试点城市政府印发实施方案。",
            D(2019, 6, 30),
            "2019年上半年",
            "试点城市政府",
        ),
        (
            "二〇二一年下半年，各区政府制定工作计划。",
            D(2021, 12, 31),
            "二〇二一年下半年",
            "各区政府",
        ),
        ("2021年第一季度，各区政府编制实施方案。", D(2021, 3, 31), "2021年第一季度", "各区政府"),
    ],
)
def test_half_or_quarter_of_a_year_is_an_approximate_deadline(
    line: str, date: dt.date, words: str, actor: str
) -> None:
    [found] = extract_deadlines(plain_structure(line)).records
    assert (found.date, found.approximate, found.actor) == (date, words, actor)


def test_a_year_alone_or_a_half_of_no_year_is_no_deadline() -> None:
    structure = plain_structure("2021年，各区政府开展试点。", "上半年，各区政府编制方案。")
    assert extract_deadlines(structure).records == []


# --- a year to be reached: its outcomes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "year", "action"),
    [
        (
            "到2022年，培养体系进一步完善，落实机制进一步健全。",
            2022,
            "培养体系进一步完善，落实机制进一步健全",
        ),
        ("到2020年，在试点城市全面推行责任保险。", 2020, "在试点城市全面推行责任保险"),
        (
            "到二〇二一年，系统构建指标体系，学校教学条件基本达标。",
            2021,
            "系统构建指标体系，学校教学条件基本达标",
        ),
        # a later clause naming a unit is one more outcome of the year
        (
            "到2020年，基本建成回收体系，试点城市在重点领域取得明显进展。",
            2020,
            "基本建成回收体系，试点城市在重点领域取得明显进展",
        ),
    ],
)
def test_year_to_reach_outcomes_are_one_deadline(line: str, year: int, action: str) -> None:
    [found] = extract_deadlines(plain_structure(line)).records
    assert (found.date, found.actor, found.action) == (D(year, 12, 31), None, action)


@pytest.mark.parametrize(
    "line",
    [
        "到2022年，全省建成30所示范学校。",  # a figure: a target
        "从2019年到2022年，各地开展试点。",  # the end of a span, no outcome
    ],
)
def test_year_to_reach_without_an_outcome_or_with_a_figure_is_no_deadline(line: str) -> None:
    assert extract_deadlines(plain_structure(line)).records == []


# --- time-limit lines under a measure -------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date", "recurrence", "month", "day"),
    [
        ("完成时限：2024年12月底前", D(2024, 12, 31), None, 12, 31),
        ("完成时限:2025年6月", D(2025, 6, 30), None, 6, None),  # the month's end, ASCII colon
        ("时间节点：2023年—2025年", D(2025, 12, 31), None, 12, 31),  # a period: its end
        ("完成时间：2023年6月至9月", D(2023, 9, 30), None, 9, None),  # the end takes the year
        ("办结时限：每年12月10日前", None, "yearly", 12, 10),
        ("完成期限：二〇二四年底", D(2024, 12, 31), None, 12, 31),
    ],
)
def test_a_time_limit_line_dates_the_measure_above_it(
    line: str, date: dt.date | None, recurrence: str | None, month: int, day: int | None
) -> None:
    structure = plain_structure("（一）完善服务设施。建设服务站。", "责任单位：甲局、乙局", line)
    (deadline,) = extract_deadlines(structure).records
    assert summary([deadline]) == [
        (date, recurrence, month, day, None, "甲局、乙局", None, "保障措施")
    ]
    assert deadline.evidence.quote == line


@pytest.mark.parametrize(
    "line",
    [
        "完成时限：长期坚持",  # no date
        "完成时限：2022年以后",  # an opening, not a limit
        "工作时间：每周一至周五",  # no time-limit word
    ],
)
def test_lines_without_a_dated_limit_give_none(line: str) -> None:
    assert extract_deadlines(plain_structure("（一）完善服务设施。", line)).records == []


def test_a_time_limit_line_without_a_measure_gives_none() -> None:
    structure = outline_structure(["完成时限：2024年12月底前"], [])
    assert extract_deadlines(structure).records == []


def test_a_report_after_the_date_names_its_recipient_not_an_actor() -> None:
    structure = plain_structure("考核结果于2024年1月底前报市委组织部。")
    assert summary(extract_deadlines(structure).records) == [
        (D(2024, 1, 31), None, 1, 31, None, None, "市委组织部", "报市委组织部")
    ]


def test_an_articles_number_is_no_part_of_its_actor() -> None:
    structure = plain_structure(
        "第六条　各设区市人民政府应于每年1月15日前将工作总结报送省住房和城乡建设厅。"
    )
    [deadline] = extract_deadlines(structure).records
    assert (deadline.actor, deadline.recipient) == ("各设区市人民政府", "省住房和城乡建设厅")


def test_a_request_names_its_actor() -> None:
    structure = plain_structure("请各单位于2023年4月10日前报送联络员名单。")
    assert [d.actor for d in extract_deadlines(structure).records] == ["各单位"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "各县于每年6月底和12月底前分别报送工作进展。",
            [(None, "yearly", 6, 30, "各县"), (None, "yearly", 12, 31, "各县")],
        ),
        (
            "各单位于2023年3月、6月、9月底前报送报表。",
            [(D(2023, 3, 31), None, 3, 31, "各单位"), (D(2023, 6, 30), None, 6, 30, "各单位"),
             (D(2023, 9, 30), None, 9, 30, "各单位")],
        ),
        (
            "各地于2023年6月15日及12月15日前报送。",
            [(D(2023, 6, 15), None, 6, 15, "各地"), (D(2023, 12, 15), None, 12, 15, "各地")],
        ),
        # two dates, each with its own 前, are two duties as before
        (
            "各地于2023年6月15日前报送，12月15日前总结。",
            [(D(2023, 6, 15), None, 6, 15, "各地"), (D(2023, 12, 15), None, 12, 15, "各地")],
        ),
    ],
)  # fmt: skip
def test_dates_joined_under_one_before_are_each_a_deadline_of_the_duty(
    line: str, expected: list[tuple]
) -> None:
    deadlines = extract_deadlines(plain_structure(line)).records
    assert [(d.date, d.recurrence, d.month, d.day, d.actor) for d in deadlines] == expected


@pytest.mark.parametrize(
    ("measure", "date", "actor", "quote"),
    [
        ("建设服务站。（县住建局负责，2023年12月底前完成）", D(2023, 12, 31), "县住建局",
         "（县住建局负责，2023年12月底前完成）"),
        ("建设服务站。（责任单位：县住建局；完成时限：2023年12月底前）", D(2023, 12, 31),
         "县住建局", "（责任单位：县住建局；完成时限：2023年12月底前）"),
        ("建设服务站。(责任单位:甲局、乙局,完成时限:2023年6月)", D(2023, 6, 30), "甲局、乙局",
         "(责任单位:甲局、乙局,完成时限:2023年6月)"),
        ("建设服务站。【牵头单位：甲局；配合单位：乙局；时间节点：2024年底】", D(2024, 12, 31),
         "甲局", "【牵头单位：甲局；配合单位：乙局；时间节点：2024年底】"),
        ("建设服务站。责任单位：县住建局；完成时限：2023年底前。", D(2023, 12, 31), "县住建局",
         "责任单位：县住建局；完成时限：2023年底前。"),
    ],
)  # fmt: skip
def test_a_time_limit_in_a_measures_assignment_dates_the_measure(
    measure: str, date: dt.date, actor: str, quote: str
) -> None:
    lines = ["一、重点任务", f"（一）完善设施。{measure}"]
    headings: list[Heading] = [
        (0, "一", "重点任务", "content", 1),
        (1, "（一）", "完善设施", "other", 2),
    ]
    (deadline,) = extract_deadlines(outline_structure(lines, headings)).records
    assert (deadline.date, deadline.actor, deadline.action) == (date, actor, "完善设施")
    assert deadline.evidence.quote == quote


def test_a_period_in_brackets_is_no_assignment() -> None:
    lines = ["一、实施步骤", "（一）试点阶段（2021年3月底前）。确定试点。"]
    headings: list[Heading] = [
        (0, "一", "实施步骤", "steps", 1),
        (1, "（一）", "试点阶段", "other", 2),
    ]
    assert extract_deadlines(outline_structure(lines, headings)).records == []


@pytest.mark.parametrize(
    "line",
    [
        "区城管局每月5日前将上月数据报区分类办。",
        "各镇街每季度末月25日前报送工作进展。",
        "各单位每季度结束后10日内报送报表。",
        "各社区每周五前报送信息。",
        "各县每半年第一个月10日前报送总结。",
    ],
)
def test_a_duty_recurring_more_often_than_yearly_is_said_not_recorded(line: str) -> None:
    extracted = extract_deadlines(plain_structure(line))
    assert extracted.records == []
    (warning,) = [w for w in extracted.warnings if w.code == "deadline_recurrence_unrecorded"]
    assert warning.evidence is not None and warning.evidence.quote == line


@pytest.mark.parametrize("line", ["每月开展一次检查。", "各单位于每年12月10日前报送。"])
def test_no_recurrence_warning_without_a_frequent_due_date(line: str) -> None:
    warnings = extract_deadlines(plain_structure(line)).warnings
    assert not [w for w in warnings if w.code == "deadline_recurrence_unrecorded"]


@pytest.mark.parametrize(
    ("lines", "date", "inferred"),
    [
        (["各乡镇年底前完成摸底调查。"], D(2023, 12, 31), True),  # the plan's year
        (["各乡镇要在今年年底前完成摸底。"], D(2023, 12, 31), True),
        (["2024年，各乡镇年底前完成验收。"], D(2024, 12, 31), False),  # the sentence's year
        (["各乡镇2023年底前完成摸底。"], D(2023, 12, 31), False),  # read with its own year
    ],
)
def test_the_end_of_an_unnamed_year_is_a_deadline_in_the_year_the_context_gives(
    lines: list[str], date: dt.date, inferred: bool
) -> None:
    structure = plain_structure(*lines, "某县住建局", "2023年4月20日")
    extracted = extract_deadlines(structure)
    assert [d.date for d in extracted.records] == [date]
    assert any(w.code == "deadline_year_inferred" for w in extracted.warnings) is inferred


@pytest.mark.parametrize("line", ["三年内完成改造。", "年底召开总结会。", "到年底，基本完成。"])
def test_no_year_end_deadline_without_before(line: str) -> None:
    structure = plain_structure(line, "某县住建局", "2023年4月20日")
    assert extract_deadlines(structure).records == []


# --- what a dated hand-over hands over, a start opening the sentence -----------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("开展社区环境整治，2025年9月底前完成。", (D(2025, 9, 30), None, "开展社区环境整治")),
        ("1.开展社区环境整治，2025年9月底前完成。", (D(2025, 9, 30), None, "开展社区环境整治")),
        (
            "完善社区数据平台,于2025年6月30日前全部完成。",
            (D(2025, 6, 30), None, "完善社区数据平台"),
        ),
        (
            "各街道要新建社区养老服务中心，2024年底前建成投用。",
            (D(2024, 12, 31), "各街道", "新建社区养老服务中心建成投用"),
        ),
        (
            "（二）启动管网改造，二〇二四年十月底前完工。",
            (D(2024, 10, 31), None, "启动管网改造"),
        ),
    ],
)
def test_a_dated_clause_that_only_says_done_takes_the_work_before_it(
    line: str, expected: tuple
) -> None:
    records = extract_deadlines(plain_structure(line)).records
    assert [(d.date, d.actor, d.action) for d in records] == [expected]
    assert records[0].evidence.quote.rstrip("。").endswith(("完成", "完工", "投用"))


@pytest.mark.parametrize(
    ("line", "action"),
    [
        # the dated clause says more than done: its own action
        ("开展社区环境整治，2025年9月底前完成验收工作。", "完成验收工作"),
        # nothing before the date: the bare verb stays
        ("2025年9月底前完成。", "完成"),
        # the clause before is a dated duty of its own
        ("2025年6月底前制定方案，9月底前完成。", "完成"),
        # the clause before only gives a unit its role, no work
        ("县民政局负责，县财政局配合，2024年7月1日前落实到位。", "落实到位"),
        ("县民政局牵头，2024年7月1日前完成。", "完成"),
    ],
)
def test_a_bare_completion_keeps_its_words_where_no_work_precedes(line: str, action: str) -> None:
    actions = [d.action for d in extract_deadlines(plain_structure(line)).records]
    assert actions[-1] == action


def hand_over(line: str) -> list[tuple]:
    records = extract_deadlines(plain_structure(line)).records
    return [(d.actor, d.recipient, d.action) for d in records]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "各有关部门制定或调整完善后的实施办法，于2018年12月31日前报送国务院办公厅。",
            ("各有关部门", "国务院办公厅", "制定或调整完善后的实施办法报送国务院办公厅"),
        ),
        (
            "各设区市建设部门汇总的申报材料,于2020年9月底前上报省建设厅。",
            ("各设区市建设部门", "省建设厅", "汇总的申报材料上报省建设厅"),
        ),
        (
            "各县（市、区）编制的年度计划，2021年3月底前提交市住建局。",
            ("各县（市、区）", "市住建局", "编制的年度计划提交市住建局"),
        ),
    ],
)
def test_a_clause_naming_what_a_dated_report_hands_over_opens_its_action(
    line: str, expected: tuple
) -> None:
    assert hand_over(line) == [expected]


@pytest.mark.parametrize(
    ("line", "action"),
    [
        # a duty of its own (a modal) before the date: the dated duty is another
        (
            "各设区市建设部门要做好实施方案统筹工作，于2020年9月底前将本地区实施方案报省建设厅。",
            "将本地区实施方案报省建设厅",
        ),
        # what follows the date hands nothing over
        ("各有关部门制定的实施办法，于2018年12月31日前组织评审。", "组织评审"),
        # a manner before the date, no document: the dated duty alone
        ("各乡镇按照本方案的要求，于2024年6月底前上报改造计划。", "上报改造计划"),
        # 报名 is no report of a document
        ("符合条件的居民的申请，于2024年6月底前报名参加。", "报名参加"),
    ],
)
def test_a_clause_before_a_dated_duty_that_hands_nothing_over_stays_out(
    line: str, action: str
) -> None:
    assert [a for _, _, a in hand_over(line)] == [action]


@pytest.mark.parametrize(
    ("line", "quote"),
    [
        (
            "从2019年起，各有关部门于每年2月底前报送拟予激励的名单。",
            "从2019年起，各有关部门于每年2月底前报送拟予激励的名单",
        ),
        (
            "自2020年开始,各地于每年6月底前上报工作总结。",
            "自2020年开始,各地于每年6月底前上报工作总结",
        ),
        # a start inside a clause with a duty of its own is no opening of this one
        (
            "从2019年起推进试点，各部门于每年2月底前报送名单。",
            "各部门于每年2月底前报送名单",
        ),
    ],
)
def test_a_start_opening_the_sentence_in_a_clause_of_its_own_is_evidence(
    line: str, quote: str
) -> None:
    records = extract_deadlines(plain_structure(line)).records
    assert [d.evidence.quote for d in records] == [quote]
    assert [d.recurrence for d in records] == ["yearly"]


# --- task tables: time limits of every kind, actors from cells stating roles ---------------


def test_task_table_time_limits_without_a_date_are_no_deadlines() -> None:
    structure = task_table_structure(
        [
            ["序号", "重点任务", "牵头单位", "完成时限"],
            ["1", "推进帮办代办", "区审批局", "持续推进"],
            ["2", "开展宣传", "区委宣传部", "2024年起"],  # an open end: no date
            ["3", "建立台账", "区民政局", "2023年—2025年"],  # a range ends at its end
            ["4", "完善制度", "区司法局", "/"],  # a blank's stand-in: no limit at all
            ["5", "组织培训", "区人社局", ""],
        ]
    )
    found = [
        (d.date, d.recurrence, d.action, d.actor) for d in extract_deadlines(structure).records
    ]
    assert found == [(dt.date(2025, 12, 31), None, "建立台账", "区民政局")]


def test_task_table_actor_is_the_lead_a_cell_names() -> None:
    structure = task_table_structure(
        [
            ["序号", "工作任务", "牵头领导", "责任单位", "完成时间"],
            ["1", "推行一件事", "分管副区长", "区审批局（牵头）、区数据中心", "2024年6月底前"],
            ["2", "深化一网通办", "分管副区长", "区数据中心牵头，区审批局配合", "2024年9月30日前"],
            ["3", "降低用地成本", "分管副区长", "区资源局，区发改局", "每年12月底前"],
        ]
    )  # fmt: skip
    found = [(d.date, d.month, d.day, d.actor) for d in extract_deadlines(structure).records]
    assert found == [
        (dt.date(2024, 6, 30), 6, 30, "区审批局"),
        (dt.date(2024, 9, 30), 9, 30, "区数据中心"),
        (None, 12, 31, "区资源局、区发改局"),  # a person (分管副区长) is never the actor
    ]


def test_task_table_group_rows_and_sub_yearly_limits() -> None:
    structure = task_table_structure(
        [
            ["序号", "工作任务", "牵头单位", "完成时限"],
            ["一、2024年重点工作"] * 4,  # a group row spanning the table: no duty
            ["1", "开展巡查", "区城管局", "每季度"],
            ["2", "报送进展", "区城管局", "每月5日前"],
        ]
    )
    found = extract_deadlines(structure)
    assert found.records == []  # more often than yearly: said, not recorded, as in the text
    assert [w.code for w in found.warnings] == ["deadline_recurrence_unrecorded"] * 2
    assert "row 2" in found.warnings[0].message and "每季度" in found.warnings[0].message


def test_task_table_month_without_year_takes_the_plans_year() -> None:
    builder = DocumentBuilder()
    builder.add_paragraph("某区实施方案")
    builder.add_paragraph("三、工作任务")
    builder.add_table(
        [["序号", "工作任务", "牵头单位", "完成时限"], ["1", "开展巡查", "甲局", "6月底前"]]
    )
    builder.add_paragraph("某区人民政府")
    builder.add_paragraph("2024年3月1日")
    doc = builder.build(SourceInfo(path="<snippet>", format="txt", sha256="0" * 64))
    found = extract_deadlines(Structure(doc=doc, sections=[], tables=recover_tables(doc, [])))
    assert [(d.date, d.actor) for d in found.records] == [(dt.date(2024, 6, 30), "甲局")]
    assert [w.code for w in found.warnings] == ["deadline_year_inferred"]
