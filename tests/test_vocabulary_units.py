"""Units section of extractor/vocabulary.py: suffixes, collective units, roles, connectors."""

from __future__ import annotations

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
    ],
)
def test_unit_collective_units(name: str) -> None:
    assert COLLECTIVE_UNIT_PATTERN.match(name)


@pytest.mark.parametrize("text", ["各项工作", "有关要求", "省教育厅"])
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
