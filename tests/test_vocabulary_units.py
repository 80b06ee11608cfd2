"""Units section of extractor/vocabulary.py: suffixes, collective units, roles, connectors."""

from __future__ import annotations

import re

import pytest

from extractor.vocabulary import (
    COLLECTIVE_UNIT_PATTERN,
    CONVENTION_ONWARD_PATTERN,
    FIRST_LEADS_PATTERN,
    LEVEL_ONLY_PATTERN,
    NOT_UNIT_WORDS,
    ROLE_LABEL_PATTERN,
    UNIT_SUFFIX_PATTERN,
    UNIT_TAIL_PATTERN,
)


@pytest.mark.parametrize(
    "name",
    [
        "省教育厅",
        "市场监管总局",
        "国家发展改革委",
        "海关总署",
        "省消防救援总队",
        "赣江新区管委会",
        "省计划生育协会",
        "省残疾人联合会",
        "某某集团",
        "某燃气公司",
        "人行某中心支行",
        "省妇联",
    ],
)
def test_unit_suffixes_end_unit_names(name: str) -> None:
    assert UNIT_SUFFIX_PATTERN.search(name)


@pytest.mark.parametrize("text", ["社区居民", "形成全社会", "积极推进", "2020年"])
def test_unit_suffixes_do_not_end_other_words(text: str) -> None:
    assert not UNIT_SUFFIX_PATTERN.search(text)


@pytest.mark.parametrize(
    "name",
    [
        "各市、县（区）政府",
        "各市、县〔区〕人民政府",
        "各区人民政府",
        "有关部门",
        "各成员单位",
        "省直有关部门",
        "各地",
        "各有关单位",
        "各县（市、区）",
        "各县(市、区)人民政府",
        "各镇街",
        "各村（社区）",
    ],
)
def test_unit_collective_units(name: str) -> None:
    assert COLLECTIVE_UNIT_PATTERN.match(name)


@pytest.mark.parametrize(
    "text", ["各项工作", "有关要求", "省教育厅", "各村民", "各社区居民", "各县（市、区）要"]
)
def test_unit_collective_units_negative(text: str) -> None:
    assert not COLLECTIVE_UNIT_PATTERN.match(text)


def test_unit_level_only_pieces() -> None:
    assert LEVEL_ONLY_PATTERN.match("各市")
    assert LEVEL_ONLY_PATTERN.match("各设区市")
    assert not LEVEL_ONLY_PATTERN.match("县〔区〕政府")


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("甲局等", "甲局"),
        ("甲局等省直有关部门", "甲局"),
        ("甲局等部门", "甲局"),
        ("甲局按职责分工", "甲局"),
        ("甲局", "甲局"),
    ],
)
def test_unit_tails(text: str, rest: str) -> None:
    assert UNIT_TAIL_PATTERN.sub("", text) == rest


@pytest.mark.parametrize(
    "text",
    [
        "列第一的为牵头单位",
        "列第一位者为牵头单位",
        "排在第一位的部门为牵头部门",
        "排名第一的单位为牵头单位",
    ],
)
def test_unit_first_leads_convention(text: str) -> None:
    assert FIRST_LEADS_PATTERN.search(text)


def test_unit_first_leads_convention_negative() -> None:
    assert not FIRST_LEADS_PATTERN.search("第一责任人为牵头领导的主要负责同志")
    assert CONVENTION_ONWARD_PATTERN.fullmatch("下同")
    assert not CONVENTION_ONWARD_PATTERN.fullmatch("以下内容")


def test_unit_role_labels_full_and_ascii_colon() -> None:
    for text in ("责任单位：甲厅", "责任单位:甲厅", "配合部门：乙局", "协办单位: 乙局"):
        match = ROLE_LABEL_PATTERN.match(text)
        assert match and match.group("units").strip() in ("甲厅", "乙局")
    assert not ROLE_LABEL_PATTERN.match("单位名称：甲厅")


def test_unit_not_unit_words() -> None:
    assert NOT_UNIT_WORDS.search("支持邮政")
    assert not NOT_UNIT_WORDS.search("省邮政管理局")


# --- one vocabulary: the lists other modules build their patterns from ------------------


def test_unit_suffixes_are_bodies_generic_words_and_places() -> None:
    from extractor.vocabulary import (
        BODY_SUFFIXES,
        GENERIC_UNIT_SUFFIXES,
        PLACE_UNIT_SUFFIXES,
        UNIT_SUFFIXES,
    )

    assert set(UNIT_SUFFIXES) == {*BODY_SUFFIXES, *GENERIC_UNIT_SUFFIXES, *PLACE_UNIT_SUFFIXES}
    assert not {*GENERIC_UNIT_SUFFIXES, *PLACE_UNIT_SUFFIXES} & set(BODY_SUFFIXES)


def test_alternation_is_longest_first_escaped_and_unique() -> None:
    from extractor.vocabulary import alternation

    assert alternation(("局", "总局", "局")) == "总局|局"
    assert alternation(("（街道）",)) == re.escape("（街道）")
    assert re.fullmatch(f"(?:{alternation(('委', '委员会'))})", "委员会")


@pytest.mark.parametrize(
    "name", ["产教融合型企业", "高等职业学校", "职业院校", "培训评价组织", "某县公安局某镇派出所"]
)
def test_unit_suffixes_end_national_plan_units(name: str) -> None:
    assert UNIT_SUFFIX_PATTERN.search(name)


@pytest.mark.parametrize(
    ("text", "rest"),
    [("甲部门、乙部门和其他有关部门", "甲部门、乙部门"), ("甲局及其他单位", "甲局")],
)
def test_unit_tails_of_other_units(text: str, rest: str) -> None:
    assert UNIT_TAIL_PATTERN.sub("", text) == rest


@pytest.mark.parametrize("word", ["可以", "委托", "做好", "带动", "由"])
def test_unit_not_unit_words_of_clauses(word: str) -> None:
    assert NOT_UNIT_WORDS.search(f"政府{word}甲会")


@pytest.mark.parametrize(
    "header", ["牵头单位", "责任单位", "责任部门", "负责单位", "主责部门", "责任主体", "牵头"]
)
def test_lead_header_words(header: str) -> None:
    from extractor.vocabulary import LEAD_HEADER_PATTERN

    assert LEAD_HEADER_PATTERN.search(header)


@pytest.mark.parametrize("header", ["责任人", "责任领导", "完成时限", "配合单位"])
def test_lead_header_words_negative(header: str) -> None:
    from extractor.vocabulary import LEAD_HEADER_PATTERN

    assert not LEAD_HEADER_PATTERN.search(header)


def test_modules_build_their_patterns_from_the_vocabulary() -> None:
    from extractor.fields import committee, deadlines, metadata, responsibilities
    from extractor.vocabulary import LEAD_HEADER_PATTERN

    # one list each: a unit suffix or header word added to the vocabulary reaches every module
    # a task table's actor is its lead columns', as responsibilities reads them
    assert deadlines.task_table_columns is responsibilities.task_table_columns
    assert responsibilities.LEAD_HEADER_PATTERN is LEAD_HEADER_PATTERN
    assert committee.UNIT_NAME_END_PATTERN is UNIT_SUFFIX_PATTERN
    assert re.fullmatch(deadlines.UNIT_NAME_PATTERN, "生态环境部")  # 部, a body suffix
    assert re.fullmatch(deadlines.UNIT_NAME_PATTERN, "各省份")  # an area
    assert metadata.ISSUER_PATTERN.match("某市红十字会")  # 会 signs
    assert not UNIT_SUFFIX_PATTERN.search("座谈会")  # … but in running text is a meeting
    assert metadata.BRANCH_UNIT_PATTERN.search("某县公安局某镇派出所")


@pytest.mark.parametrize(
    ("text", "national"),
    [
        ("国务院办公厅", True),
        ("中国人民银行", True),
        ("海关总署", True),
        ("生态环境部办公厅", True),
        ("省教育厅", False),
        ("市财政局", False),
        ("县卫生健康部", False),
    ],
)
def test_national_bodies(text: str, national: bool) -> None:
    from extractor.fields.metadata import NATIONAL_ISSUER_PATTERN

    assert bool(NATIONAL_ISSUER_PATTERN.search(text)) is national


@pytest.mark.parametrize(
    ("title", "ends"),
    [
        ("某县绿色社区创建行动实施方案", True),
        ("关于同意某事的批复", True),
        ("关于某事的复函", True),
        ("某县考核评分汇总表", True),
        ("某县实施方案（试行）", True),
        ("2023年市区符合政府安排工作条件", False),
    ],
)
def test_document_kinds_end_titles(title: str, ends: bool) -> None:
    from extractor.vocabulary import TITLE_END_PATTERN

    assert bool(TITLE_END_PATTERN.search(title)) is ends
