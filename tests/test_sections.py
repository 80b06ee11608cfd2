"""Tests of extractor.structure.sections: patterns on snippets, then the five corpus plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.document import DocumentBuilder, SourceInfo, document_from_lines
from extractor.models import Section
from extractor.structure.sections import (
    ARABIC_HEADING,
    ARTICLE_HEADING,
    ATTACHMENT_HEADING,
    ATTACHMENT_LIST_ITEM,
    ATTACHMENT_LIST_START,
    CHAPTER_HEADING,
    CHINESE_ORDINAL_HEADING,
    CIRCLED_HEADING,
    COVER_NOTICE_SIGNAL,
    PAREN_ARABIC_HEADING,
    PAREN_CHINESE_HEADING,
    PLAN_TITLE,
    article_number_end,
    build_sections,
    chinese_numeral_value,
    find_attachment_list,
    find_plan_title,
    looks_like_title,
    match_heading,
    numbering_end,
    numbering_value,
    numbering_warnings,
    section_kind,
)
from tests.conftest import extracted

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def flatten(sections: list[Section]) -> list[Section]:
    """Every section of a tree, in document order."""
    out: list[Section] = []
    for section in sections:
        out.append(section)
        out.extend(flatten(section.children))
    return out


def outline(sections: list[Section]) -> list[tuple[int, str | None, str, str]]:
    """(level, number, title, kind) of every section, in document order."""
    return [(s.level, s.number, s.title, s.kind) for s in flatten(sections)]


def check_evidence(doc_text: str, sections: list[Section]) -> None:
    """Every section's evidence quotes the document exactly."""
    for s in flatten(sections):
        assert doc_text[s.evidence.start : s.evidence.end] == s.evidence.quote


# --- patterns -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一、创建目标", "一"),
        ("十二、附则", "十二"),
        ("三．实施步骤", "三"),
        ("五 、 工作措施", "五"),
        ("二，创建内容", "二"),  # a comma typed for 、
        ("三,工作步骤", "三"),
    ],
)
def test_chinese_ordinal_heading_matches(text: str, number: str) -> None:
    m = CHINESE_ORDINAL_HEADING.match(text)
    assert m is not None and m.group("number") == number


@pytest.mark.parametrize("text", ["一是加强领导", "（一）建立机制", "一般社区", "一,5倍"])
def test_chinese_ordinal_heading_rejects(text: str) -> None:
    assert CHINESE_ORDINAL_HEADING.match(text) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("（一）建立工作机制。", "（一）"),
        ("(二)加强调度指导", "(二)"),
        ("（十一）其他", "（十一）"),
    ],
)
def test_paren_chinese_heading_matches(text: str, number: str) -> None:
    m = PAREN_CHINESE_HEADING.match(text)
    assert m is not None and m.group("number") == number


def test_paren_chinese_heading_rejects() -> None:
    assert PAREN_CHINESE_HEADING.match("（试行）") is None
    assert PAREN_CHINESE_HEADING.match("（1）制定方案") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("1．制定方案。", "1"), ("4、 实施步骤", "4"), ("2.逐步推广", "2"), ("12、其他", "12")],
)
def test_arabic_heading_matches(text: str, value: str) -> None:
    m = ARABIC_HEADING.match(text)
    assert m is not None and m.group("value") == value


@pytest.mark.parametrize("text", ["1.5倍以上", "2021年底", "30%以上", "（1）完善"])
def test_arabic_heading_rejects(text: str) -> None:
    assert ARABIC_HEADING.match(text) is None


def test_paren_arabic_heading() -> None:
    assert PAREN_ARABIC_HEADING.match("（1）完善设施").group("number") == "（1）"
    assert PAREN_ARABIC_HEADING.match("(2)加强管理").group("number") == "(2)"
    assert PAREN_ARABIC_HEADING.match("（一）建立") is None


def test_circled_heading() -> None:
    assert CIRCLED_HEADING.match("①建立台账").group("number") == "①"
    assert CIRCLED_HEADING.match("1．建立台账") is None


def test_article_heading() -> None:
    assert ARTICLE_HEADING.match("第三条 本办法适用于全县").group("number") == "第三条"
    assert ARTICLE_HEADING.match("第12条").group("number") == "第12条"
    assert ARTICLE_HEADING.match("第一批（2021年）") is None


def test_chapter_heading() -> None:
    assert CHAPTER_HEADING.match("第一章 总则").group("number") == "第一章"
    assert CHAPTER_HEADING.match("第一条 总则") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("附件1", "1"), ("附件2：", "2"), ("附件 3：绿色社区创建申报表", "3"), ("附件", None)],
)
def test_attachment_heading_matches(text: str, value: str | None) -> None:
    m = ATTACHMENT_HEADING.match(text)
    assert m is not None and m.group("value") == value


def test_attachment_heading_rejects_running_text() -> None:
    assert ATTACHMENT_HEADING.match("附件1所列标准") is None
    assert ATTACHMENT_HEADING.match("附表2") is None


def test_attachment_list_patterns() -> None:
    assert ATTACHMENT_LIST_START.match("附件：1．桓台县绿色社区创建标准（试行）") is not None
    assert ATTACHMENT_LIST_START.match("附件:") is not None
    assert ATTACHMENT_LIST_START.match("附件1") is None
    item = ATTACHMENT_LIST_ITEM.fullmatch("3. 绿色社区创建申报表")
    assert item is not None and (item.group("number"), item.group("title")) == (
        "3",
        "绿色社区创建申报表",
    )
    assert ATTACHMENT_LIST_ITEM.fullmatch("2．桓台县绿色社区创建名单").group("number") == "2"
    assert ATTACHMENT_LIST_ITEM.fullmatch("附件1") is None


@pytest.mark.parametrize(
    "text",
    [
        "桓台县绿色社区创建行动实施方案",
        "青阳街道绿色社区创建行动实施方案（试行）",
        "某市绿色社区管理办法(暂行)",
        "某区绿色社区创建标准",
    ],
)
def test_plan_title_matches(text: str) -> None:
    assert PLAN_TITLE.search(text) is not None


@pytest.mark.parametrize(
    "text", ["《青阳街道绿色社区创建行动实施方案》的通知", "青阳街道办事处关于印发", "2022年1月7日"]
)
def test_plan_title_rejects(text: str) -> None:
    assert PLAN_TITLE.search(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "青阳街道办事处关于印发",
        "现印发给你们，请认真贯彻落实。",
        "各社区居委会，各有关单位：",
        "城区街道办事处、某镇：",
    ],
)
def test_cover_notice_signal_matches(text: str) -> None:
    assert COVER_NOTICE_SIGNAL.search(text) is not None


@pytest.mark.parametrize("text", ["2022年1月7日", "附件：", "某镇绿色社区创建行动实施方案"])
def test_cover_notice_signal_rejects(text: str) -> None:
    assert COVER_NOTICE_SIGNAL.search(text) is None


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("三十五", 35), ("7", 7)],
)
def test_chinese_numeral_value(numeral: str, value: int) -> None:
    assert chinese_numeral_value(numeral) == value


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("三", 3), ("12", 12), ("②", 2), ("⑳", 20), ("㈠", 1), ("㈩", 10), ("⑵", 2), ("⒛", 20)],
)
def test_numbering_value(numeral: str, value: int) -> None:
    assert numbering_value(numeral) == value


def test_chinese_numeral_value_rejects() -> None:
    assert chinese_numeral_value("一二") is None
    assert chinese_numeral_value("百") is None
    assert chinese_numeral_value("一百零五") is None
    assert chinese_numeral_value("二〇二一") is None


def test_looks_like_title() -> None:
    assert looks_like_title("实施步骤")
    assert looks_like_title("推广示范阶段（2022年2月1日至2022年10月31日）")
    assert not looks_like_title("各社区要对照标准。")
    assert not looks_like_title("组长：某某")
    assert not looks_like_title("")
    assert not looks_like_title("很长" * 30)
    assert looks_like_title("很长" * 30, max_chars=60)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("基本原则", "principles"),
        ("创建对象", "scope"),
        ("创建范围", "scope"),
        ("工作目标", "objectives"),
        ("创建内容", "content"),
        ("主要任务", "content"),
        ("组织实施", "organization"),
        ("全面组织实施", "organization"),
        ("加强组织协调，强调职责任务", "organization"),
        ("明确工作职责", "organization"),
        ("实施步骤", "steps"),
        ("具体创建步骤", "steps"),
        ("试点探索阶段（2021年3月底前）", "steps"),
        ("试点阶段(2021年)", "steps"),
        ("巩固提升阶段", "steps"),
        ("工作安排", "steps"),
        ("推进进度", "steps"),
        ("阶段评估", "other"),
        ("阶段性总结", "other"),
        ("推进实施", "other"),
        ("推进措施", "measures"),
        ("强化保障措施", "measures"),
        ("工作措施", "measures"),
        ("工作要求", "measures"),
        ("附件", "attachment"),
        ("强化技术支撑", "other"),
        ("总体要求", "principles"),  # not measures: 要求 of the whole plan
        ("把握总体要求，完善全面培养体系", "principles"),
        ("指导思想", "principles"),
        ("完善部际联席会议制度", "organization"),
        # a whole measure glued to its number says what it is about, not its kind
        (
            "对年度目标任务完成情况好、地方投资落实到位的省（区、市），在安排中央预算内投资时给予倾斜支持",
            "other",
        ),
        ("试点先行阶段（2021年12月1日至2022年1月31日前完成全部准备工作）", "steps"),
        # a phase whatever its words: not organization for 组织实施
        ("组织实施阶段（2023年4月—10月）", "steps"),
        ("组织实施阶段", "steps"),
        ("领导小组部署阶段(2023年3月)", "steps"),
        ("组织实施阶段性工作", "organization"),  # no phase: 阶段 does not end it
        ("重点工作", "content"),
        ("主要工作", "content"),
        ("重点工作成效", "other"),  # the work done, not the tasks
        # 组织 as organising the work, not an organisation named as a noun
        ("加强组织协调", "organization"),
        ("组织开展试点", "organization"),
        ("强化组织保障", "organization"),
        ("做优职业教育培训评价组织", "other"),
        ("深化社区党组织建设", "other"),
        ("培育发展社会组织", "other"),
        ("加强社会组织管理", "other"),
        ("深化基层党组织建设", "other"),
    ],
)
def test_section_kind(title: str, kind: str) -> None:
    assert section_kind(title) == kind


# --- headings -------------------------------------------------------------------------


def test_match_heading_glued_to_body() -> None:
    doc = document_from_lines(["（一）建立健全机制。绿色社区创建要与基层党建结合。"])
    heading = match_heading(doc.paragraphs[0])
    assert heading is not None
    assert (heading.number, heading.title, heading.level, heading.glued) == (
        "（一）",
        "建立健全机制",
        2,
        True,
    )
    assert doc.text[heading.start : heading.end] == "（一）建立健全机制。"


def test_match_heading_plain_and_half_width() -> None:
    doc = document_from_lines(["(二)推进社区基础设施绿色化，营造社区宜居环境", "  ①建立台账"])
    first = match_heading(doc.paragraphs[0])
    assert (first.number, first.title, first.level, first.glued) == (
        "(二)",
        "推进社区基础设施绿色化，营造社区宜居环境",
        2,
        False,
    )
    second = match_heading(doc.paragraphs[1])
    assert (second.number, second.value, second.level, doc.text[second.start : second.end]) == (
        "①",
        1,
        5,
        "①建立台账",
    )


def test_match_heading_none() -> None:
    doc = document_from_lines(["绿色社区创建行动从2021年12月开始。", "一、"])
    assert match_heading(doc.paragraphs[0]) is None
    assert match_heading(doc.paragraphs[1]) is None


def test_levels_and_nesting() -> None:
    doc = document_from_lines(
        [
            "某镇绿色社区创建行动实施方案",
            "一、工作目标",
            "（一）总体目标。到2021年底…",
            "1．制定方案。各社区要…",
            "（1）细化任务",
            "①建立台账",
            "二、保障措施",
        ]
    )
    sections = build_sections(doc)
    assert outline(sections) == [
        (1, "一", "工作目标", "objectives"),
        (2, "（一）", "总体目标", "objectives"),
        (3, "1", "制定方案", "other"),
        (4, "（1）", "细化任务", "content"),
        (5, "①", "建立台账", "other"),
        (1, "二", "保障措施", "measures"),
    ]
    assert [s.number for s in sections] == ["一", "二"]
    assert sections[0].children[0].children[0].children[0].children[0].title == "建立台账"
    check_evidence(doc.text, sections)


def test_misnumbered_top_heading_is_level_1() -> None:
    doc = document_from_lines(
        [
            "三、创建内容",
            "（一）建立机制。…",
            "4、 实施步骤",
            "（一）试点阶段",
            "1．制定方案。…",
            "五、工作措施",
        ]
    )
    sections = build_sections(doc)
    assert [(s.level, s.number, s.title) for s in sections] == [
        (1, "三", "创建内容"),
        (1, "4", "实施步骤"),
        (1, "五", "工作措施"),
    ]
    assert sections[1].kind == "steps"
    assert sections[1].evidence.quote == "4、 实施步骤"
    assert [(c.level, c.number) for c in flatten(sections[1].children)] == [(2, "（一）"), (3, "1")]


def test_arabic_list_under_top_heading_stays_level_3() -> None:
    # 2、具体目标 continues its own list (1、总体目标), not the 一、 sequence
    doc = document_from_lines(["一、工作目标", "1、总体目标", "2、具体目标", "二、工作措施"])
    assert [(s.level, s.number) for s in flatten(build_sections(doc))] == [
        (1, "一"),
        (3, "1"),
        (3, "2"),
        (1, "二"),
    ]


def test_arabic_line_not_continuing_sequence_stays_level_3() -> None:
    doc = document_from_lines(["一、工作目标", "3、具体目标", "二、工作措施"])
    assert [(s.level, s.number) for s in flatten(build_sections(doc))] == [
        (1, "一"),
        (3, "3"),
        (1, "二"),
    ]


def test_arabic_line_not_followed_by_next_top_value_stays_level_3() -> None:
    # 2、 continues 一、 but the next top heading is 四、, not 三、
    doc = document_from_lines(["一、工作目标", "2、具体目标", "四、工作措施"])
    assert [s.level for s in flatten(build_sections(doc))] == [1, 3, 1]


def test_glued_misnumbered_line_stays_level_3() -> None:
    doc = document_from_lines(["一、工作目标", "2、制定方案。各社区要…", "三、工作措施"])
    assert [s.level for s in flatten(build_sections(doc))] == [1, 3, 1]


def test_articles_top_level_and_under_chapters() -> None:
    articles = document_from_lines(
        ["某市绿色社区管理办法", "第一条 为规范创建工作，制定本办法。", "第二条 本办法适用于全市。"]
    )
    assert outline(build_sections(articles)) == [
        (1, "第一条", "为规范创建工作，制定本办法", "other"),
        (1, "第二条", "本办法适用于全市", "other"),
    ]
    chapters = document_from_lines(
        [
            "某市绿色社区管理办法",
            "第一章 总则",
            "第一条 为规范创建工作。",
            "第二章 组织实施",
            "第二条 职责。",
        ]
    )
    sections = build_sections(chapters)
    assert outline(sections) == [
        (1, "第一章", "总则", "other"),
        (2, "第一条", "为规范创建工作", "other"),
        (1, "第二章", "组织实施", "organization"),
        (2, "第二条", "职责", "organization"),
    ]
    check_evidence(chapters.text, sections)


def test_parts_sit_under_chapters_and_articles_under_parts() -> None:
    doc = document_from_lines(
        [
            "某市河湖管理办法",
            "第一章 总则",
            "第一节 目标",
            "第一条 到2025年，全市河湖全面达标。",
            "第二节 职责",
            "第二条 各区负责辖区河湖管理。",
            "第二章 附则",
            "第三条 本办法自发布之日起施行。",
        ]
    )
    assert outline(build_sections(doc)) == [
        (1, "第一章", "总则", "other"),
        (2, "第一节", "目标", "objectives"),
        (3, "第一条", "到2025年，全市河湖全面达标", "other"),
        (2, "第二节", "职责", "organization"),
        (3, "第二条", "各区负责辖区河湖管理", "other"),
        (1, "第二章", "附则", "other"),
        (2, "第三条", "本办法自发布之日起施行", "other"),
    ]


@pytest.mark.parametrize(
    ("top", "second", "third", "fourth"),
    [
        ("一、", "（一）", "1．", "（1）"),  # GB/T 9704
        ("一，", "(一)", "1.", "(1)"),  # comma typed for 、, half-width brackets
        ("一．", "㈠", "⒈", "⑴"),  # one-character numbers of word processors and OCR
    ],
)
def test_every_numbering_form_gives_the_same_tree(
    top: str, second: str, third: str, fourth: str
) -> None:
    def lines(n: int) -> list[str]:
        # the n-th number of each form: 二， / ㈡ / ⒉ / ⑵ …
        def nth(form: str) -> str:
            if len(form) == 1:  # a one-character number
                return chr(ord(form) + n - 1)
            return form.replace("一", "一二"[n - 1]).replace("1", str(n))

        return [
            f"{nth(top)}工作目标",
            f"{nth(second)}总体目标。到2022年，全县60%以上社区达标。",
            f"{nth(third)}制定方案。",
            f"{nth(fourth)}细化措施",
        ]

    doc = document_from_lines(["某县绿色社区创建行动实施方案", *lines(1), *lines(2)])
    assert [(s.level, s.title) for s in flatten(build_sections(doc))] == [
        (1, "工作目标"),
        (2, "总体目标"),
        (3, "制定方案"),
        (4, "细化措施"),
    ] * 2


# --- preamble, title, attachments ------------------------------------------------------


def test_preamble_before_plan_title() -> None:
    doc = document_from_lines(
        [
            "某街道办事处文件",
            "某政〔2022〕4号",
            "某街道办事处关于印发",
            "《某街道绿色社区创建行动实施方案》的通知",
            "各社区居委会：",
            "现印发给你们，请认真贯彻执行。",
            "2022年1月7日",
            "某街道绿色社区创建行动实施方案",
            "（试行）",
            "为贯彻落实…，制定本方案。",
            "一、创建对象",
        ]
    )
    assert find_plan_title(doc.blocks) == 7
    sections = build_sections(doc)
    assert outline(sections) == [
        (0, None, "某街道办事处文件", "preamble"),
        (1, "一", "创建对象", "scope"),
    ]
    assert sections[0].evidence.quote == "某街道办事处文件"


@pytest.mark.parametrize(
    ("first_lines", "title"),
    [
        # a notice title wrapped before its last words: the two lines are one title
        (["某省人民政府办公厅关于印发“无废城市”建设", "试点工作方案的通知"],
         "某省人民政府办公厅关于印发“无废城市”建设试点工作方案的通知"),
        (["某县人民政府关于印发《某县绿色社区", "创建行动实施方案》的通知"],
         "某县人民政府关于印发《某县绿色社区创建行动实施方案》的通知"),
        # the last line may carry a status note in full- or half-width brackets
        (["某区关于印发垃圾分类工作", "实施意见（试行）的通知（征求意见稿）"],
         "某区关于印发垃圾分类工作实施意见（试行）的通知（征求意见稿）"),
        # a title on one line stays one line, whatever follows it
        (["某街道办事处关于印发实施方案的通知", "某街发〔2022〕4号"],
         "某街道办事处关于印发实施方案的通知"),
        # a title wrapped after its issuer
        (["某县人民政府", "关于印发某县实施方案的通知"], "某县人民政府关于印发某县实施方案的通知"),
        # a red header is not wrapped into the number or the title under it
        (["某县人民政府文件", "某政发〔2021〕5号"], "某县人民政府文件"),
        (["某县人民政府文件", "某县人民政府关于印发实施方案的通知"], "某县人民政府文件"),
        # joint issuers one a line above 关于…, three lines in all
        (["中共某县委办公室", "某县人民政府办公室", "关于印发某县实施方案的通知"],
         "中共某县委办公室某县人民政府办公室关于印发某县实施方案的通知"),
        # a fourth line is too many: the first line stands alone
        (["甲局", "乙局", "丙局", "关于印发某县实施方案的通知"], "甲局"),
    ],
)  # fmt: skip
def test_a_notice_title_wrapped_over_two_lines_is_the_preamble_title(
    first_lines: list[str], title: str
) -> None:
    doc = document_from_lines(
        [*first_lines, "各社区居委会：", "现印发给你们，请认真贯彻执行。",
         "某街道绿色社区创建行动实施方案", "一、创建对象"]
    )  # fmt: skip
    preamble = build_sections(doc)[0]
    assert (preamble.kind, preamble.title) == ("preamble", title)
    assert preamble.evidence.quote.replace("\n", "") == title


def test_no_preamble_without_cover_notice() -> None:
    doc = document_from_lines(
        ["某镇绿色社区创建行动实施方案", "为促进…，制定本方案。", "一、工作目标"]
    )
    assert find_plan_title(doc.blocks) == 0
    assert outline(build_sections(doc)) == [(1, "一", "工作目标", "objectives")]


def test_no_title_no_preamble() -> None:
    doc = document_from_lines(["各社区：", "一、工作目标"])
    assert find_plan_title(doc.blocks) is None
    assert outline(build_sections(doc)) == [(1, "一", "工作目标", "objectives")]


def test_attachment_list_is_not_a_heading_and_headings_are_sections() -> None:
    doc = document_from_lines(
        [
            "某县绿色社区创建行动实施方案",
            "一、推进措施",
            "（一）建立工作机制。…",
            "附件：1．某县绿色社区创建标准（试行）",
            "2．某县绿色社区创建名单",
            "附件1",
            "某县绿色社区创建标准（试行）",
            "1．基础设施完好。",
            "附件2",
            "某县绿色社区创建名单",
        ]
    )
    sections = build_sections(doc)
    assert outline(sections) == [
        (1, "一", "推进措施", "measures"),
        (2, "（一）", "建立工作机制", "other"),
        (1, "附件1", "某县绿色社区创建标准（试行）", "attachment"),
        (1, "附件2", "某县绿色社区创建名单", "attachment"),
    ]
    assert sections[1].evidence.quote == "附件1\n某县绿色社区创建标准（试行）"
    listed = find_attachment_list(doc)
    assert [(e.number, e.title, doc.text[e.start : e.end]) for e in listed] == [
        ("1", "某县绿色社区创建标准（试行）", "1．某县绿色社区创建标准（试行）"),
        ("2", "某县绿色社区创建名单", "2．某县绿色社区创建名单"),
    ]


def test_attachment_list_as_run_of_numbered_attachment_lines() -> None:
    doc = document_from_lines(
        ["一、工作措施", "附件1：创建标准", "附件2：创建名单", "附件1", "创建标准"]
    )
    assert outline(build_sections(doc)) == [
        (1, "一", "工作措施", "measures"),
        (1, "附件1", "创建标准", "attachment"),
    ]
    assert [(e.number, e.title) for e in find_attachment_list(doc)] == [
        ("1", "创建标准"),
        ("2", "创建名单"),
    ]


def test_lone_attachment_heading_titled_by_table() -> None:
    builder = DocumentBuilder()
    builder.add_paragraph("一、工作措施")
    builder.add_paragraph("附件：")
    builder.add_paragraph("3. 绿色社区创建申报表")
    builder.add_paragraph("附件2：")
    builder.add_table([["绿色社区创建标准自评表"], ["序号", "内容"]])
    builder.add_paragraph("附件")
    builder.add_paragraph("（一）组长：某某")
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    sections = build_sections(doc)
    assert outline(sections) == [
        (1, "一", "工作措施", "measures"),
        (1, "附件2", "绿色社区创建标准自评表", "attachment"),
        (1, "附件", "附件", "attachment"),
    ]
    assert sections[1].evidence.quote == "附件2：\n绿色社区创建标准自评表"
    assert [(e.number, e.title) for e in find_attachment_list(doc)] == [("3", "绿色社区创建申报表")]


def test_attachment_titled_by_a_table_title_cell_over_two_lines() -> None:
    builder = DocumentBuilder()
    builder.add_paragraph("一、工作措施")
    builder.add_paragraph("附件2：")
    builder.add_table([["绿色社区创建\n标准自评表"], ["序号", "内容"]])
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    sections = build_sections(doc)
    assert outline(sections)[1] == (1, "附件2", "绿色社区创建标准自评表", "attachment")
    assert sections[1].evidence.quote == "附件2：\n绿色社区创建\n标准自评表"


def test_tables_create_no_headings() -> None:
    builder = DocumentBuilder()
    builder.add_paragraph("一、创建内容")
    builder.add_table([["序号", "内容"], ["1", "一、建立机制"]])
    builder.add_paragraph("二、工作措施")
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    assert [s.number for s in build_sections(doc)] == ["一", "二"]


# --- the five corpus plans -------------------------------------------------------------


def corpus_sections(name: str) -> tuple[str, list[Section]]:
    """The normalised text and the section tree of one corpus plan."""
    from extractor.readers import read_document

    doc = read_document(CORPUS / f"{name}.txt")
    return doc.text, build_sections(doc)


STEPS_HANGTAI = [
    (2, "（一）", "开展试点示范阶段（2020年11月至2021年6月）", "steps"),
    (2, "（二）", "全面推广展开阶段（2021年7月至2022年11月）", "steps"),
    (2, "（三）", "形成长效机制阶段（2022年12月以后）", "steps"),
]
CONTENT_FIVE = [
    (2, "（一）", "建立健全社区人居环境建设和整治机制", "other"),
    (2, "（二）", "推进社区基础设施绿色化", "other"),
    (2, "（三）", "营造社区宜居环境", "other"),
    (2, "（四）", "提高社区信息化智能化水平", "other"),
    (2, "（五）", "培育社区绿色文化", "other"),
]
CONTENT_THREE = [
    (2, "（一）", "建立健全社区人居环境建设和整治机制", "other"),
    (2, "（二）", "推进社区基础设施绿色化，营造社区宜居环境", "other"),
    (2, "（三）", "提高社区信息化智能化水平，培育社区绿色文化", "other"),
]
ORGANIZATION_THREE = [
    (2, "（一）", "加强组织协调，强调职责任务", "organization"),
    (2, "（二）", "抓好示范引领，加强督促指导", "other"),
    (2, "（三）", "做好申报总结", "other"),
]
MEASURES_THREE = [
    (2, "（一）", "统筹相关政策予以支持", "other"),
    (2, "（二）", "强化技术支撑", "other"),
    (2, "（三）", "加强宣传动员", "other"),
]


def test_corpus_hangtai() -> None:
    text, sections = corpus_sections("hangtai")
    check_evidence(text, sections)
    assert outline(sections) == [
        (0, None, "城区街道办事处、索镇、果里镇：", "preamble"),
        (1, "一", "创建目标", "objectives"),
        (1, "二", "创建内容", "content"),
        *CONTENT_FIVE,
        (1, "三", "实施步骤", "steps"),
        *STEPS_HANGTAI,
        (1, "四", "推进措施", "measures"),
        (2, "（一）", "建立工作机制", "other"),
        (2, "（二）", "加强调度指导", "other"),
        (2, "（三）", "加大支持力度", "other"),
        (1, "附件1", "桓台县绿色社区创建标准（试行）", "attachment"),
        (1, "附件2", "桓台县绿色社区创建名单", "attachment"),
    ]
    assert sections[3].children[0].evidence.quote == (
        "（一）开展试点示范阶段（2020年11月至2021年6月）。"
    )


def test_corpus_qingyang() -> None:
    text, sections = corpus_sections("qingyang")
    check_evidence(text, sections)
    assert outline(sections) == [
        (0, None, "晋江市人民政府青阳街道办事处文件", "preamble"),
        (1, "一", "创建对象", "scope"),
        (1, "二", "创建目标", "objectives"),
        (1, "三", "创建内容", "content"),
        *CONTENT_FIVE,
        (1, "4", "实施步骤", "steps"),
        (2, "（一）", "试点先行阶段（2021年12月1日至2022年1月31日）", "steps"),
        (3, "1", "制定方案", "other"),
        (3, "2", "选取试点", "other"),
        (3, "3", "推进实施", "other"),
        (2, "（二）", "推广示范阶段（2022年2月1日至2022年10月31日）", "steps"),
        (3, "1", "试点总结", "other"),
        (3, "2", "逐步推广", "other"),
        (3, "3", "阶段评估", "other"),
        (2, "（三）", "巩固提升阶段（2022年11月1日至2022年12月底）", "steps"),
        (1, "五", "工作措施", "measures"),
        (2, "（一）", "加强组织领导", "organization"),
        (2, "（二）", "明确工作职责", "organization"),
        (2, "（三）", "统筹政策支持", "other"),
        (2, "（四）", "强化技术支撑", "other"),
        (2, "（五）", "加大宣传动员", "other"),
        (2, "（六）", "加强信息报送", "other"),
        (1, "附件1", "青阳街道绿色社区创建行动工作领导小组", "attachment"),
        (1, "附件2", "绿色社区创建标准（试行）", "attachment"),
    ]
    steps = sections[4]
    assert steps.children[0].children[0].evidence.quote == "1．制定方案。"


def test_corpus_wusong() -> None:
    text, sections = corpus_sections("wusong")
    check_evidence(text, sections)
    assert outline(sections) == [
        (1, "一", "工作目标", "objectives"),
        (1, "二", "创建内容", "content"),
        *CONTENT_THREE,
        (1, "三", "全面组织实施", "organization"),
        *ORGANIZATION_THREE,
        (1, "四", "具体创建步骤", "steps"),
        (2, "（一）", "试点探索阶段（2021年3月底前）", "steps"),
        (2, "（二）", "推广示范阶段（2021年4月至12月）", "steps"),
        (2, "（三）", "巩固提升阶段（2022年1月至12月）", "steps"),
        (1, "五", "强化保障措施", "measures"),
        *MEASURES_THREE,
        (1, "附件2", "绿色社区创建标准自评表", "attachment"),
        (1, "附件3", "绿色社区创建申报表", "attachment"),
    ]


def test_corpus_zhaoxiang() -> None:
    text, sections = corpus_sections("zhaoxiang")
    check_evidence(text, sections)
    assert outline(sections) == [
        (1, "一", "工作目标", "objectives"),
        (1, "二", "创建范围", "scope"),
        (1, "三", "创建内容", "content"),
        *CONTENT_THREE,
        (1, "四", "组织实施", "organization"),
        *ORGANIZATION_THREE,
        (1, "五", "具体创建步骤", "steps"),
        (2, "（一）", "试点探索阶段", "steps"),
        (2, "（二）", "推广示范阶段", "steps"),
        (2, "（三）", "巩固提升阶段", "steps"),
        (1, "六", "强化保障措施", "measures"),
        *MEASURES_THREE,
    ]
    assert sections[3].children[0].evidence.quote == "（一）加强组织协调，强调职责任务。"


def test_corpus_zhejiang() -> None:
    text, sections = corpus_sections("zhejiang")
    check_evidence(text, sections)
    assert outline(sections) == [
        (1, "一", "基本原则", "principles"),
        (1, "二", "创建目标", "objectives"),
        (1, "三", "创建内容", "content"),
        (2, "（一）", "建立健全党建引领的治理机制", "other"),
        (2, "（二）", "推进集约高效的基础设施改造", "other"),
        (2, "（三）", "营造绿色宜居的社区环境", "other"),
        (2, "（四）", "强化智能安全的社区管理", "other"),
        (2, "（五）", "培育和睦共治的特色文化", "other"),
        (1, "四", "组织实施", "organization"),
        (2, "（一）", "加强组织推动", "organization"),
        (2, "（二）", "统筹政策支持", "other"),
        (2, "（三）", "强化技术支撑", "other"),
        (2, "（四）", "加强宣传动员", "other"),
        (2, "（五）", "做好总结评价", "other"),
        (1, "附件1", "绿色社区建设评估参考标准", "attachment"),
        (1, "附件2", "绿色社区建设任务完成情况汇总表", "attachment"),
    ]


def top_sections(*numbers: str) -> list[Section]:
    """Level-1 body sections numbered as given, each with evidence on its own line."""
    doc = document_from_lines([f"{n}、标题{i}" for i, n in enumerate(numbers)])
    return [
        Section(
            number=n,
            title=f"标题{i}",
            kind="other",
            level=1,
            evidence=doc.evidence(p.start, p.end),
        )
        for i, (n, p) in enumerate(zip(numbers, doc.paragraphs, strict=True))
    ]


@pytest.mark.parametrize(
    ("numbers", "flagged"),
    [
        (["一", "二", "三", "4", "五"], ["4"]),  # another style in the sequence
        (["一", "二", "四"], ["四"]),  # a gap
        (["一", "二", "二"], ["二"]),  # a repeat (the second 二)
        (["1", "2", "三"], ["三"]),  # mostly Arabic: the Chinese one is off
        (["一", "二", "三"], []),
        (["1", "2", "3"], []),
        ([], []),
    ],
)
def test_numbering_warnings(numbers: list[str], flagged: list[str]) -> None:
    warnings = numbering_warnings(top_sections(*numbers))
    assert [w.evidence.quote.split("、")[0] for w in warnings if w.evidence] == flagged
    assert all(w.code == "heading_misnumbered" for w in warnings)


def test_numbering_warnings_skip_attachments_and_preamble() -> None:
    sections = top_sections("一", "二")
    attachment = sections[1].model_copy(update={"number": "附件1", "kind": "attachment"})
    preamble = sections[0].model_copy(update={"number": None, "kind": "preamble", "level": 0})
    assert numbering_warnings([preamble, sections[0], attachment]) == []


def test_corpus_qingyang_misnumbered_heading_is_warned() -> None:
    plan = extracted(CORPUS / "qingyang.txt")
    codes = [(w.code, w.evidence.quote if w.evidence else None) for w in plan.warnings]
    assert ("heading_misnumbered", "4、实施步骤") in codes


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # wrapped: the first line does not end as a title does
        (
            ["2023年市区符合政府安排工作条件", "退役士兵安置任务"],
            "2023年市区符合政府安排工作条件退役士兵安置任务",
        ),
        (["某县绿色社区创建", "行动考核评分表（试行）"], "某县绿色社区创建行动考核评分表（试行）"),
        # whole: the first line ends as a title; the next line is the table's caption or prose
        (["绿色社区创建名单", "填报单位：某街道"], "绿色社区创建名单"),
        (["绿色社区创建申报表", "2021年度"], "绿色社区创建申报表"),
    ],
)
def test_an_attachments_title_wrapped_over_two_lines_is_whole(lines: list[str], title: str) -> None:
    builder = DocumentBuilder()
    builder.add_paragraph("某县绿色社区创建行动实施方案")
    builder.add_paragraph("附件")
    for line in lines:
        builder.add_paragraph(line)
    builder.add_table([["序号", "名称"], ["1", "甲社区"]])
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    attachment = next(s for s in build_sections(doc) if s.number == "附件")
    assert attachment.title == title
    assert attachment.evidence.quote.endswith(lines[1] if title.endswith(lines[1]) else lines[0])


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("第六条　各设区市人民政府应…", 4),
        ("第十二条 本办法自印发之日起施行。", 5),
        ("第3条各地应…", 3),
        ("各设区市人民政府应…", 0),  # no number
        ("（六）各设区市人民政府应…", 0),  # an item's number is a heading's, not an article's
        ("根据第六条规定，…", 0),  # a citation of an article inside a sentence
    ],
)
def test_article_number_end(text: str, end: int) -> None:
    assert article_number_end(text) == end


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("3. 累计创建美丽宜居村庄50个。", 3),
        ("4．累计创建…", 2),
        ("（二）新增停车位…", 3),
        ("(2)新增停车位…", 3),
        ("  二、工作目标", 4),  # leading white space counts
        ("②新建…", 1),
        ("第六条　各设区市…", 4),
        ("2024年新增…", 0),  # a year is no number
        ("12.5亿立方米以内", 0),  # a decimal is no number
        ("新增停车位5000个。", 0),
    ],
)
def test_numbering_end(text: str, end: int) -> None:
    assert numbering_end(text) == end


def test_numbered_headings_sit_under_chapters_and_parts() -> None:
    doc = document_from_lines(
        [
            "某市生态环境保护规划",
            "第一章 发展基础",
            "一、工作成效",
            "（一）环境质量持续改善。",
            "第二章 重点任务",
            "第一节 推进绿色发展",
            "一、优化产业结构",
            "1．淘汰落后产能。",
            "第三章 保障措施",
            "一、加强组织领导",
        ]
    )
    sections = build_sections(doc)
    assert outline(sections) == [
        (1, "第一章", "发展基础", "other"),
        (2, "一", "工作成效", "other"),
        (3, "（一）", "环境质量持续改善", "other"),
        (1, "第二章", "重点任务", "content"),
        (2, "第一节", "推进绿色发展", "other"),
        (3, "一", "优化产业结构", "other"),
        (5, "1", "淘汰落后产能", "other"),
        (1, "第三章", "保障措施", "measures"),
        (2, "一", "加强组织领导", "organization"),
    ]
    assert numbering_warnings(sections) == []
    check_evidence(doc.text, sections)


def test_numbered_headings_without_chapters_keep_their_levels() -> None:
    doc = document_from_lines(["某市规划", "一、工作成效", "（一）环境质量改善。", "二、重点任务"])
    assert [s.level for s in flatten(build_sections(doc))] == [1, 2, 1]
