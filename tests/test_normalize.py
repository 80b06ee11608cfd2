"""Tests for extractor.normalize: widths, spaces, artefacts, page numbers, hard wraps, decoding."""

from __future__ import annotations

import re

import pytest

from extractor.errors import InputError
from extractor.normalize import (
    HAN,
    continues_on_next_line,
    decode_text,
    detect_wrap_width,
    display_width,
    ends_sentence,
    indents_paragraphs,
    is_page_number_line,
    join_line_breaks,
    join_line_pieces,
    join_lines_at_width,
    join_wrapped_lines,
    looks_like_heading,
    normalize_line,
    reaches_wrap_width,
    starts_own_paragraph,
    unify_clause_punctuation,
)

# --- width unification ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("３０％以上", "30%以上"),
        ("ＰＤＦ版", "PDF版"),
        ("ｅｍａｉｌ", "email"),
        ("(一)建立", "（一）建立"),
        ("（一）建立", "（一）建立"),
        ("王巧虹（社区发展办副主任)", "王巧虹（社区发展办副主任）"),
        ("建城[2020]68号", "建城〔2020〕68号"),
        ("建城〔2020]68号", "建城〔2020〕68号"),
        ("建城[2020〕68号", "建城〔2020〕68号"),
        ("建城［2020］68号", "建城〔2020〕68号"),
        ("建城【2020】68号", "建城〔2020〕68号"),
        ("建城〔2020〕68号", "建城〔2020〕68号"),
        ("见[附件]", "见[附件]"),  # not a year: brackets stay
        ("1．制定方案", "1．制定方案"),  # the full-width period stays
        ("“美丽家园”创建", "“美丽家园”创建"),  # quotes verbatim
        ('"美丽家园"创建', '"美丽家园"创建'),
        ("，。；：、", "，。；：、"),  # Chinese punctuation verbatim
    ],
)
def test_normalize_line_unifies_widths(raw: str, expected: str) -> None:
    assert normalize_line(raw) == expected


# --- Chinese characters ----------------------------------------------------------------


@pytest.mark.parametrize("char", ["社", "区", "猛", "㐀", "豈", "〇", "々"])
def test_han_matches_chinese_characters(char: str) -> None:
    assert re.fullmatch(HAN, char)


@pytest.mark.parametrize(
    "char", ["a", "Z", "é", "²", "1", "１", "_", " ", "\u3000", "，", "、", "。", "（", "·", "%"]
)
def test_han_rejects_latin_digits_and_punctuation(char: str) -> None:
    assert not re.fullmatch(HAN, char)


# --- spaces ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("到 2021 年底", "到2021年底"),
        ("全镇 45%以", "全镇45%以"),
        ("45% 以上", "45%以上"),
        ("杨  猛", "杨猛"),
        ("索  镇", "索镇"),
        ("年  月  日", "年月日"),
        ("内\u00a0容", "内容"),  # NBSP
        ("内\u3000容", "内容"),  # ideographic space
        ("内\u3000\u3000容", "内容"),
        ("阶段 。制定", "阶段。制定"),
        ("4、 实施步骤", "4、实施步骤"),
        ("每年 10 月 30", "每年10月30"),
        ("党政办   2022年1月7日印发", "党政办   2022年1月7日印发"),  # 3+ spaces stay
        ("青阳街道办事处        ", "青阳街道办事处"),
        ("green community", "green community"),  # Latin words keep their space
        ("PDF 版", "PDF 版"),  # Latin next to CJK: left alone
        ("10 30", "10 30"),  # two numbers stay apart
        ("a\u00a0b", "a b"),  # other spaces become ASCII spaces
        ("附件：\t1．标准", "附件：1．标准"),  # a tab inside a paragraph is a space
        ("二〇二一 年", "二〇二一年"),  # 〇 is a CJK character
        ("① 建立台账", "① 建立台账"),  # a circled number is not: the marker keeps its space
        ("第Ⅱ 阶段", "第Ⅱ 阶段"),  # nor is a Roman numeral
        ("10 m² 以上", "10 m² 以上"),  # nor a superscript
    ],
)
def test_normalize_line_space_rules(raw: str, expected: str) -> None:
    assert normalize_line(raw) == expected


def test_normalize_line_strips_and_empties() -> None:
    assert normalize_line("  \u00a0 ") == ""
    assert normalize_line("") == ""
    assert normalize_line(" 赵巷镇绿色社区创建行动实施方案") == "赵巷镇绿色社区创建行动实施方案"


# --- artefacts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "[bookmark: _Hlk49932247]浙江省绿色社区建设行动实施方案",
            "浙江省绿色社区建设行动实施方案",
        ),
        ("[bookmark: _GoBack]注：本表由", "注：本表由"),
        ("前[bookmark: _Hlk1]后", "前后"),
        ("[bookmark: _GoBack]", ""),
        ("[bookmark: _Hlk1][bookmark: _Hlk2]（一）建立", "（一）建立"),
        ("绿\u200b色\ufeff社区", "绿色社区"),  # zero-width characters
        ("[注]见附件", "[注]见附件"),  # other brackets are text
    ],
)
def test_normalize_line_removes_bookmarks(raw: str, expected: str) -> None:
    assert normalize_line(raw) == expected


# --- page numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "- 5 -",
        "-5-",
        "— 5 —",
        "－５－",
        "– 12 –",
        "  - 1 -  ",
        "第 5 页",
        "第5页",
        "第5页 共12页",
        "第5页，共12页",
        "共12页 第5页",
        "5/12",
        "5 / 12",
        "Page 3 of 9",
        "page 3",
    ],
)
def test_is_page_number_line_true(line: str) -> None:
    assert is_page_number_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "5",  # a bare number may be a table cell or a list value
        "12/5",  # page 12 of 5 is not a page number
        "- 0 -",
        "0/5",
        "- 5 -项目",
        "第5条 总则",
        "第五页",
        "2021年1月7日",
        "一、工作目标",
        "1/2/2021",
    ],
)
def test_is_page_number_line_false(line: str) -> None:
    assert not is_page_number_line(line)


# --- headings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "一、工作目标",
        "十一、附则",
        "（一）建立健全社区人居环境建设和整治机制",
        "(二)推进社区基础设施绿色化",
        "（1）制定方案",
        "(2)选取试点",
        "1．制定方案。",
        "1、制定方案",
        "1.青阳街道绿色社区创建行动工作领导小组",
        "4、 实施步骤",
        "①建立工作机制",
        "第三条 职责",
        "第一章 总则",
        "附件1",
        "附件：1．桓台县绿色社区创建标准（试行）",
        "附件2：",
        "附表2",
        " （一）统筹相关政策予以支持。",
        "二，创建内容",
        "㈡加强调度",
        "⑵完善设施",
        "⒉制定方案",
        "第一节 目标",
    ],
)
def test_looks_like_heading_true(line: str) -> None:
    assert looks_like_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "上城市社区创建达标。",
        "1.5亿元用于改造",  # a decimal, not a list number
        "2021 年：崧鑫居委会",
        "2021年底前完成",
        "附近社区",
        "号）的部署要求",
        "（100分）",
        "一,5倍",
        "",
    ],
)
def test_looks_like_heading_false(line: str) -> None:
    assert not looks_like_heading(line)


# --- hard wraps -----------------------------------------------------------------------


def test_display_width_counts_cjk_double() -> None:
    assert display_width("abc") == 3
    assert display_width("一、工作目标") == 12
    assert display_width("全镇45%以") == 9
    assert display_width("“美丽”") == 8


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("目标。", True),
        ("如下：", True),
        ("问题；", True),
        ("吗？", True),
        ("全镇 45%以", False),
        ("", False),
    ],
)
def test_ends_sentence(line: str, expected: bool) -> None:
    assert ends_sentence(line) is expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("全镇45%以", "上城市社区", "全镇45%以上城市社区"),
        ("〔2020〕683", "号）的部署", "〔2020〕683号）的部署"),
        ("每年10月30", "日之前", "每年10月30日之前"),
        ("green", "community", "green community"),
        ("version", "2", "version 2"),
        ("20", "21年", "2021年"),
        ("", "开头", "开头"),
        ("绿色社区", " 创建要与", "绿色社区创建要与"),
    ],
)
def test_join_line_pieces(left: str, right: str, expected: str) -> None:
    assert join_line_pieces(left, right) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建立健全\n社区人居", "建立健全社区人居"),
        ("建立健全\n社区人居\n环境建设", "建立健全社区人居环境建设"),
        ("Level A\nfirst", "Level A first"),  # two Latin words keep a space
        ("Level A\n(20 points)", "Level A(20 points)"),  # as join_line_pieces: no word char
        ("年\n2021", "年2021"),
        ("a\n\nb", "a b"),  # a blank line joins nothing in between
        ("一行", "一行"),
        ("", ""),
    ],
)
def test_join_line_breaks(text: str, expected: str) -> None:
    assert join_line_breaks(text) == expected


# hard-wrapped at 27 CJK characters (54 columns), like a PDF page turned into text
WRAPPED_LINES = [
    "赵巷镇绿色社区创建行动实施方案",
    "一、工作目标",
    "到2021年底，推广绿色社区创建示范成果，全镇45%以",
    "上城市社区创建达标。到2022年，绿色社区创建行动取得显",
    "著成效，全镇65%以上城市社区创建达标。基本实现社区人居",
    "环境整洁、舒适、安全、美丽的目标。",
    "二、创建内容",
    "（一）建立健全社区人居环境建设和整治机制。绿色社区",
    "创建要与加强基层党组织建设、居民自治机制建设、社区服务",
    "体系建设有机结合。搭建沟通议事平台，实现决策共谋、发展",
    "共建、建设共管、效果共评、成果共享，推动城市精细化管理",
    "进社区。",
    "（二）推进社区基础设施绿色化，营造社区宜居环境。结",
    "合城市更新和存量住房改造，提升社区供水、排水、供电、弱",
    "电、道路、供气、消防、生活垃圾分类等基础设施。",
]


def test_detect_wrap_width_finds_the_page_width() -> None:
    assert detect_wrap_width(WRAPPED_LINES) == 54


def test_join_wrapped_lines_joins_mid_sentence_and_mid_number() -> None:
    assert join_wrapped_lines(WRAPPED_LINES) == [
        "赵巷镇绿色社区创建行动实施方案",
        "一、工作目标",
        "到2021年底，推广绿色社区创建示范成果，全镇45%以上城市社区创建达标。"
        "到2022年，绿色社区创建行动取得显著成效，全镇65%以上城市社区创建达标。"
        "基本实现社区人居环境整洁、舒适、安全、美丽的目标。",
        "二、创建内容",
        "（一）建立健全社区人居环境建设和整治机制。绿色社区创建要与加强基层党组织建设、"
        "居民自治机制建设、社区服务体系建设有机结合。搭建沟通议事平台，实现决策共谋、"
        "发展共建、建设共管、效果共评、成果共享，推动城市精细化管理进社区。",
        "（二）推进社区基础设施绿色化，营造社区宜居环境。结合城市更新和存量住房改造，"
        "提升社区供水、排水、供电、弱电、道路、供气、消防、生活垃圾分类等基础设施。",
    ]


# wrapped at 21 CJK characters (42 columns), a closing mark hanging in the margin (44)
HANGING_LINES = [
    "到2021年底，推广绿色社区创建示范成果，全镇",
    "45%以上城市社区创建达标；到2022年，绿色社区",
    "创建行动取得显著成效，全镇城市社区创建达标，",
    "基本实现社区人居环境整洁、舒适、安全、美丽",
    "的目标。同时结合好绿色社区创建行动示范基地，",
    "以点带面，推动创建活动全面开展，形成长效机",
    "制和工作合力。",
]


def test_detect_wrap_width_is_not_the_hanging_punctuation_width() -> None:
    widths = [display_width(line) for line in HANGING_LINES]
    assert widths == [42, 43, 44, 42, 44, 42, 14]  # the 90th percentile is a hanging line
    assert detect_wrap_width(HANGING_LINES) == 42
    assert join_wrapped_lines(HANGING_LINES) == ["".join(HANGING_LINES)]


# wrapped at 21 CJK characters, every paragraph opened by a two-character indent
INDENTED_LINES = [
    "\u3000\u3000一、工作职责",
    "\u3000\u3000各社区作为落实绿色社区创建工作的责任主",
    "体，一是要建立各科室、各社区协作机制负责；",
    "二是创建过程中按要求统筹落实相关支持政策，",
    "加强宣传动员，抓好示范引领工作。电子邮箱：",
    "abc@qq.com。",
    "\u3000\u3000二、附则",
    "\u3000\u3000本方案自印发之日起施行，由街道办事处负",
    "责解释，未尽事宜另行通知各社区居委会执行。",
    "\u3000\u3000各社区要按照本方案抓好贯彻落实工作。",
]


def test_indented_paragraphs_decide_where_a_wrapped_paragraph_ends() -> None:
    # the txt reader keeps an indent as one space
    lines = [f" {line.lstrip()}" if line[:1] == "\u3000" else line for line in INDENTED_LINES]
    assert join_lines_at_width(lines, 42) == [
        "一、工作职责",
        "各社区作为落实绿色社区创建工作的责任主体，一是要建立各科室、各社区协作机制负责；"
        "二是创建过程中按要求统筹落实相关支持政策，加强宣传动员，抓好示范引领工作。"
        "电子邮箱：abc@qq.com。",
        "二、附则",
        "本方案自印发之日起施行，由街道办事处负责解释，未尽事宜另行通知各社区居委会执行。",
        "各社区要按照本方案抓好贯彻落实工作。",
    ]


def test_without_indents_a_colon_or_list_word_still_opens_a_paragraph() -> None:
    # the same text unindented: `二是` after a `；` and a line after `：` open paragraphs
    paragraphs = join_lines_at_width([line.lstrip("\u3000") for line in INDENTED_LINES], 42)
    assert (
        "二是创建过程中按要求统筹落实相关支持政策，加强宣传动员，抓好示范引领工作。电子邮箱："
        in (paragraphs)
    )
    assert "abc@qq.com。" in paragraphs


def test_indents_paragraphs_needs_a_share_of_indented_lines() -> None:
    assert indents_paragraphs([" 一段", "接着", " 二段", "接着", " 三段"])
    assert not indents_paragraphs([" 一段", *["接着"] * 40])  # one centred title
    assert not indents_paragraphs([" 一段", "接着"])


def test_join_wrapped_lines_stops_before_a_heading() -> None:
    lines = [*WRAPPED_LINES[:5], "（一）加强组织协调，强调职责任务。绿色社区创建行动由镇"]
    paragraphs = join_wrapped_lines(lines)
    assert paragraphs[-1] == "（一）加强组织协调，强调职责任务。绿色社区创建行动由镇"
    assert paragraphs[-2].endswith("基本实现社区人居")


def test_join_wrapped_lines_stops_after_a_sentence_end() -> None:
    lines = [
        *WRAPPED_LINES[:4],
        "著成效，全镇65%以上城市社区创建达标。基本实现社区人居。",
        "下一段",
    ]
    assert join_wrapped_lines(lines)[-1] == "下一段"


def test_join_wrapped_lines_ignores_blank_lines_and_stray_spaces() -> None:
    lines = ["", WRAPPED_LINES[7], "", " " + WRAPPED_LINES[8], ""]
    assert join_lines_at_width(lines, 54) == [WRAPPED_LINES[7] + WRAPPED_LINES[8]]


def test_join_wrapped_lines_keeps_latin_words_apart() -> None:
    lines = ["the plan covers every urban community of the town and its green", "spaces"]
    assert join_lines_at_width(lines, 64) == [
        "the plan covers every urban community of the town and its green spaces"
    ]


# full stops at the wrap width (54 columns): body lines 54–56 wide, a first line 50 wide
FULL_STOP_BODY = "达标。基本实现社区人居环境整洁、舒适、安全、美丽的目标。"  # 56
FULL_STOP_FIRST = "（三）提高社区信息化智能化水平，培育社区绿色文化。"  # 50
FULL_STOP_SHORT = "办牵头负责推进相关单位绿色社区创建项目的申报和实施。"  # 52


def test_full_stop_snippets_have_their_widths() -> None:
    assert [display_width(line) for line in (FULL_STOP_BODY, FULL_STOP_FIRST)] == [56, 50]
    assert display_width(FULL_STOP_SHORT) == 52


@pytest.mark.parametrize(
    ("line", "first_line", "expected"),
    [
        (FULL_STOP_BODY, False, True),
        (FULL_STOP_FIRST, True, True),  # short by the indent only
        (FULL_STOP_FIRST, False, False),  # a body line this short ends its paragraph
        (FULL_STOP_SHORT, False, False),
        (FULL_STOP_SHORT, True, True),
        ("巩固前期取得的成果，加大工作力度，统筹推进、持续深入。力争", False, True),  # 53
        ("同时，总结经验成果，建立健全长效管理机制。", True, False),  # 42
    ],
)
def test_reaches_wrap_width(line: str, first_line: bool, expected: bool) -> None:
    assert reaches_wrap_width(line, 54, first_line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (" 把绿色社区创建纳入社区宣传体系", True),  # indented by a space
        ("\u3000\u3000把绿色社区创建纳入社区宣传体系", True),  # … by ideographic spaces
        ("\u00a0把绿色社区创建纳入", True),
        ("（一）加强组织协调", True),
        ("(二)抓好示范引领", True),
        ("（1）制定方案", True),
        ("2．细化措施", True),
        ("2022年：佳福东居委会、佳昱居委会", True),
        ("2022 年：佳福东居委会", True),  # not yet normalised
        ("2021年度:崧鑫居委会", True),
        ("2021—2022年：各居委会", True),
        ("二〇二二年：佳福东居委会", True),
        ("二○二一年度：崧鑫居委会", True),
        ("二〇二二年底前完成创建", False),
        ("第二批：佳福东居委会", True),
        ("第1批次：崧鑫居委会", True),
        ("一是加强组织领导", True),
        ("十二是强化督查", True),
        ("同时，总结经验成果", False),
        ("推进社区市政基础设施智能化改造", False),
        ("2022年底前完成创建", False),  # a year without a colon is prose
        ("2022年，绿色社区创建行动取得显著成效", False),
        ("镇经发办、社区办、社发办", False),
        ("统一是前提", False),
    ],
)
def test_starts_own_paragraph(line: str, expected: bool) -> None:
    assert starts_own_paragraph(line) is expected


@pytest.mark.parametrize(
    ("line", "next_line", "first_line", "expected"),
    [
        (FULL_STOP_BODY, "同时，总结经验成果，建立健全长效管理机制。", False, True),
        (FULL_STOP_FIRST, "推进社区市政基础设施智能化改造和安防系统智能化建设。搭", True, True),
        (FULL_STOP_BODY, " 同时，总结经验成果", False, False),  # indented: a new paragraph
        (FULL_STOP_BODY, "\u3000\u3000同时，总结经验成果", False, False),
        (FULL_STOP_BODY, "（二）抓好示范引领，加强督促指导。", False, False),
        (FULL_STOP_BODY, "二、创建范围", False, False),
        (FULL_STOP_BODY, "一是加强组织领导", False, False),
        (
            "居委会、华秀居委会、龙联居委会、佳辉居委会、佳煌居委会。",
            "2022年：佳福东居委会、佳昱居委会、秀景居委会、巷",
            False,
            False,
        ),
        (FULL_STOP_SHORT, "镇经发办、社区办、社发办、规土所、水务所、派出所、", False, False),
        (FULL_STOP_FIRST, "推进社区市政基础设施", False, False),  # not at width as a body line
        ("级。", "把绿色社区创建纳入社区宣传体系", False, False),  # not full
        # a semicolon at the width carries on as a full stop does (a clause of the same
        # paragraph: `…要求；` + `2022年，…`); short of the width it stops the paragraph
        ("达标；基本实现社区人居环境整洁、舒适、安全、美丽的目标；", "同时", False, True),
        ("达标；基本实现社区人居环境整洁、舒适、安全、美丽；", "同时", False, False),
        ("达标；基本实现社区人居环境整洁、舒适、安全、美丽的目标；", "一是加强", False, False),
        # a colon stops it at any width (`名单如下：` + a list)
        ("达标。基本实现社区人居环境整洁、舒适、安全、美丽的目标：", "同时", False, False),
        # a line that stops mid-sentence continues, indented or not
        ("（一）建立健全社区人居环境建设和整治机制。绿色社区", " 创建要与加强", True, True),
        ("（一）建立健全社区人居环境建设和整治机制。绿色社区", "（二）推进", True, False),
    ],
)
def test_continues_on_next_line(
    line: str, next_line: str, first_line: bool, expected: bool
) -> None:
    assert continues_on_next_line(line, next_line, 54, first_line) is expected


def test_join_lines_at_width_carries_a_full_stop_at_the_width_on() -> None:
    lines = [
        "防疫、社区服务等方面的短板。",
        "（三）提高社区信息化智能化水平，培育社区绿色文化。",
        "推进社区市政基础设施智能化改造和安防系统智能化建设。搭",
        "建社区公共服务综合信息平台。",
        "（三）巩固提升阶段。巩固前期取得的成果，加大工作力",
        "度，统筹推进、持续深入。力争全镇65%以上的城市社区创建",
        FULL_STOP_BODY,
        "同时，总结经验成果，建立健全长效管理机制。",
        "下一段不接上一段。",
    ]
    assert join_lines_at_width(lines, 54) == [
        "防疫、社区服务等方面的短板。",
        "（三）提高社区信息化智能化水平，培育社区绿色文化。推进社区市政基础设施智能化"
        "改造和安防系统智能化建设。搭建社区公共服务综合信息平台。",
        "（三）巩固提升阶段。巩固前期取得的成果，加大工作力度，统筹推进、持续深入。"
        "力争全镇65%以上的城市社区创建"
        + FULL_STOP_BODY
        + "同时，总结经验成果，建立健全长效管理机制。",
        "下一段不接上一段。",
    ]


def test_join_lines_at_width_keeps_lists_and_short_full_stops_apart() -> None:
    lines = [
        "2021年：崧鑫居委会、崧涵居委会、崧湖居委会、华沁",
        "居委会、华秀居委会、龙联居委会、佳辉居委会、佳煌居委会。",
        "2022年：佳福东居委会、佳昱居委会、秀景居委会、巷",
        "佳居委会。",
        "整治办牵头负责考核督促、监督检查，协调推动工作，镇规保",
        FULL_STOP_SHORT,
        "镇经发办、社区办、社发办、规土所、水务所、派出所、",
        "市场监管所、房管所、网格化中心等参与单位。",
        "共建、建设共管、效果共评、成果共享，推动城市精细化管理进。",
        " 把绿色社区创建纳入社区宣传体系。",
    ]
    assert join_lines_at_width(lines, 54) == [
        "2021年：崧鑫居委会、崧涵居委会、崧湖居委会、华沁居委会、华秀居委会、龙联居委会、"
        "佳辉居委会、佳煌居委会。",
        "2022年：佳福东居委会、佳昱居委会、秀景居委会、巷佳居委会。",
        "整治办牵头负责考核督促、监督检查，协调推动工作，镇规保" + FULL_STOP_SHORT,
        "镇经发办、社区办、社发办、规土所、水务所、派出所、市场监管所、房管所、网格化中心等参与单位。",
        "共建、建设共管、效果共评、成果共享，推动城市精细化管理进。",
        "把绿色社区创建纳入社区宣传体系。",
    ]


# one paragraph per line, as in most converted plans: nothing may be joined
UNWRAPPED_LINES = [
    "吴淞街道绿色社区创建行动实施方案",
    "一、工作目标",
    "到2021年底，推广绿色社区创建示范成果，辖区50%以上社区创建达标。到2022年，绿色社区创建行动"
    "取得显著成效，辖区85%社区创建达标。基本实现社区人居环境整洁、舒适、安全、美丽的目标。",
    "二、创建内容",
    "（一）建立健全社区人居环境建设和整治机制",
    "绿色社区创建要与加强基层党组织建设、居民自治机制建设、社区服务体系建设有机结合。搭建沟通议事"
    "平台，实现决策共谋、发展共建、建设共管、效果共评、成果共享，推动城市精细化管理进社区。",
    "（二）推进社区基础设施绿色化，营造社区宜居环境",
    "结合城市更新和存量住房改造，提升社区供水、排水、供电、弱电、道路、供气，消防、生活垃圾分类"
    "等基础设施，综合治理社区道路，畅通消防、救护等生命通道。",
]


def test_join_wrapped_lines_leaves_one_paragraph_per_line_alone() -> None:
    assert detect_wrap_width(UNWRAPPED_LINES) is None
    assert join_wrapped_lines(UNWRAPPED_LINES) == UNWRAPPED_LINES


def test_detect_wrap_width_none_for_short_lists() -> None:
    names = ["林振贤（党工委组织委员）", "曾台店（办事处副主任）", "吕少欣（办事处副主任）"] * 3
    assert detect_wrap_width(names) is None  # narrower than any page


def test_detect_wrap_width_none_for_lists_of_uneven_width() -> None:
    members = [
        "庄龙彬（青阳派出所副所长）",
        "杨猛（交警一中队中队长、青阳派出所副所长）",
        "王金荣（社会事务服务中心副主任）",
        "郑梅香（乡村振兴服务科科长）",
        "丁金铭（综合便民服务中心主任）",
        "柯明珠（社区卫生服务中心主任兼社区卫生服务站站长）",
        "林春节（综治执法队副队长）",
        "陈菁莹（社会事务办副主任）",
        "王明溪（教育办主任）",
        "颜彦（社区治理办副主任）",
    ]
    assert detect_wrap_width(members) is None
    # long enough and open-ended, but of every width: not a page's fixed line width
    uneven = ["海滨新村居委会地址" + "号楼" * (n // 2) + "室" * (n % 2) for n in range(13, 23)]
    assert sorted(display_width(line) for line in uneven) == list(range(44, 64, 2))
    assert detect_wrap_width(uneven) is None
    assert detect_wrap_width(["一行", "两行"]) is None
    assert detect_wrap_width([]) is None


def test_join_lines_at_width_none_keeps_lines() -> None:
    assert join_lines_at_width(["甲", "", " 乙 "], None) == ["甲", "乙"]


# --- decoding -------------------------------------------------------------------------

SAMPLE = "一、工作目标\n到2021年底，全镇45%以上城市社区创建达标。“美丽家园”创建\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        b"\xff\xfe" + SAMPLE.encode("utf-16-le"),
        b"\xfe\xff" + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16"),  # Python writes its own BOM
        SAMPLE.encode("utf-16-le"),  # no BOM: the NUL bytes of the line breaks give it away
        SAMPLE.encode("utf-32"),
        (SAMPLE * 3).encode("gb18030"),
        (SAMPLE * 3).encode("gbk"),
    ],
)
def test_decode_text_detects_encodings(data: bytes) -> None:
    text = decode_text("plan.txt", data)
    assert text.lstrip("\ufeff").startswith("一、工作目标\n到2021年底")
    assert "\ufeff" not in text


def test_decode_text_keeps_gb18030_only_characters() -> None:
    # 㐀 (CJK extension A) exists in GB18030 but not in GBK
    text = "社区名称：㐀家园社区。到2021年底，全镇45%以上城市社区创建达标。\n" * 3
    assert decode_text("plan.txt", text.encode("gb18030")) == text


def test_decode_text_rejects_empty() -> None:
    with pytest.raises(InputError, match="empty"):
        decode_text("plan.txt", b"")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(256)) * 4,
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00",
        b"text\x01\x02\x03\x04\x05\x06\x07\x08 more",
    ],
)
def test_decode_text_rejects_binary(data: bytes) -> None:
    with pytest.raises(InputError, match="binary file, not a text plan"):
        decode_text("plan.bin", data)


def test_decode_text_rejects_bad_bytes_after_bom() -> None:
    with pytest.raises(InputError, match="not valid UTF-8 text"):
        decode_text("plan.txt", b"\xef\xbb\xbf\xe4\xb8")


def test_decode_text_rejects_undecodable_text() -> None:
    with pytest.raises(InputError) as info:
        decode_text("plan.txt", bytes(range(128, 256)) * 4)
    assert info.value.message == (
        "undecodable text: invalid UTF-8 at byte 0, and no other encoding "
        "(GB18030, UTF-16, Big5 …) fits either"
    )


def test_decode_text_error_is_one_line_with_the_path() -> None:
    with pytest.raises(InputError) as info:
        decode_text("dir/plan.txt", b"\x00\x01\x02\x03\x04")
    assert str(info.value) == "dir/plan.txt: binary file, not a text plan"
    assert "\n" not in str(info.value)


# --- ASCII clause punctuation -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("专项整治, 严格监管", "专项整治，严格监管"),
        ("方案如下:", "方案如下："),
        ("（县住建局牵头;县公安局配合）", "（县住建局牵头；县公安局配合）"),
        ("责任单位: 县住建局", "责任单位：县住建局"),
        ("每年10月15日前上报,逾期扣分", "每年10月15日前上报，逾期扣分"),
        ("（15分); 2.完善", "（15分）；2.完善"),  # a bracket is CJK punctuation too
        ("时间:17:30前", "时间：17:30前"),  # the clock keeps its colon
    ],
)
def test_ascii_clause_punctuation_in_chinese_text_is_full_width(text: str, expected: str) -> None:
    assert normalize_line(text) == expected


@pytest.mark.parametrize(
    "text",
    ["投资1,000万元", "17:30", "比例1:1", "http://www.gov.cn", "Level A, first; second: x"],
)
def test_ascii_punctuation_between_digits_or_in_latin_text_stays(text: str) -> None:
    assert unify_clause_punctuation(text) == text


@pytest.mark.parametrize("indent", ["", "　　"])
def test_a_heading_that_fits_its_line_does_not_swallow_the_next_paragraph(indent: str) -> None:
    # wrapped at 21 characters: the heading is 18, near the width but not at it
    lines = [
        "为推进绿色社区创建工作，结合本县实际，制定",
        "本方案，请各单位认真贯彻落实并抓好工作落实",
        f"{indent}（二）推进社区基础设施绿色和宜居环境",
        "结合城市更新和存量住房改造，提升社区供水、",
        "排水、供电、道路等基础设施，综合治理社区道",
        "路，畅通消防、救护等生命通道。",
    ]
    paragraphs = join_wrapped_lines(lines)
    assert paragraphs[1] == "（二）推进社区基础设施绿色和宜居环境"
    assert paragraphs[2].startswith("结合城市更新") and paragraphs[2].endswith("生命通道。")


def test_a_wrapped_heading_is_joined_with_its_rest() -> None:
    lines = [
        "为推进绿色社区创建工作，结合本县实际，制定",
        "本方案，请各单位认真贯彻落实并抓好工作落实",
        "（一）试点先行阶段（2021年12月1日至2022年1",
        "月31日）",
        "各社区要按照统筹规划、分步推进的原则，细化",
        "工作措施，明确责任分工。",
    ]
    assert join_wrapped_lines(lines)[1] == "（一）试点先行阶段（2021年12月1日至2022年1月31日）"


def test_a_heading_line_with_its_body_glued_on_goes_on_on_the_next_line() -> None:
    lines = [
        "为推进绿色社区创建工作，结合本县实际，制定",
        "本方案，请各单位认真贯彻落实并抓好工作落实",
        "（二）加强示范引领和督促指导。县局、",  # near the width, not at it
        "县城管局要会同有关部门加强督促检查，及时研",
        "究、协调解决工作中出现的问题。",
    ]
    assert join_wrapped_lines(lines)[1] == (
        "（二）加强示范引领和督促指导。县局、县城管局要会同有关部门加强督促检查，"
        "及时研究、协调解决工作中出现的问题。"
    )


def test_normalize_line_shortcut_agrees_with_every_step() -> None:
    """A line with no character any step acts on is only stripped; each trigger still runs."""
    from extractor.normalize import (
        collapse_cjk_spaces,
        remove_artefacts,
        unify_clause_punctuation,
        unify_widths,
    )

    lines = [
        "建立健全社区人居环境建设和整治机制。",
        "到２０２２年底，完成６０％以上",
        "依据〔2020〕68号文件",
        "见[2020]12号",
        "【2021】3号",
        "甲局,乙局;丙局:丁局",
        "到 2021 年底",
        "第一章\u3000总则",
        "社区\u200b建设",
        "[bookmark: _GoBack]社区",
        "（一）（20分）",
        "(一)建立机制",
        "\u00a0社区\u00a0",
    ]
    for line in lines:
        full = collapse_cjk_spaces(
            unify_clause_punctuation(unify_widths(remove_artefacts(line)))
        ).strip()
        assert normalize_line(line) == full, line
    assert normalize_line("建立健全社区人居环境机制。") == "建立健全社区人居环境机制。"
