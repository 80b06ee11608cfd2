"""Communities: roster tables and prose lists, on snippets."""

from __future__ import annotations

import pytest

from extractor.document import Document, DocumentBuilder, SourceInfo
from extractor.fields.communities import (
    ADDRESS_HEADER_PATTERN,
    BATCH_PATTERN,
    COMMUNITY_SUFFIX_PATTERN,
    COUNT_PATTERN,
    INNER_SPACE_PATTERN,
    LIST_END_PATTERN,
    NAME_HEADER_PATTERN,
    NAME_SEPARATOR_PATTERN,
    PROSE_LIST_LEAD_PATTERN,
    TOWNSHIP_HEADER_PATTERN,
    YEAR_CELL_PATTERN,
    YEAR_HEADER_PATTERN,
    YEAR_PATTERN,
    batch_and_year,
    cell_names,
    extract_communities,
    prose_list_names,
    roster_columns,
    title_batch_and_year,
    year_of_cell,
)
from extractor.structure import Structure
from extractor.structure.tables import recover_tables


def structure_of(*parts: str | list[list[str]]) -> Structure:
    builder = DocumentBuilder()
    for part in parts:
        if isinstance(part, str):
            builder.add_paragraph(part)
        else:
            builder.add_table(part)
    doc: Document = builder.build(SourceInfo(path="<snippet>", format="txt", sha256="0" * 64))
    return Structure(doc=doc, sections=[], tables=recover_tables(doc, []))


TOWNSHIP_ROSTER = [
    ["序号", "街道（乡镇）", "名称"],
    ["1", "城区街道", "宝龙社区"],
    ["2", "城区街道", "西苑社区"],
    ["3", "索  镇", "永安社区"],
    ["", "合  计", "3"],
]
BATCH_ROSTER = [
    ["2021年绿色社区创建计划表"],
    ["单位", "某某街道"],
    ["时间点", "序号", "居委名称", "地址"],
    ["第一批（2021年）", "1", "甲居委会", "甲路55弄82号"],
    ["", "2", "乙居委会", "乙路165弄1号"],
]


# --- patterns ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["街道（乡镇）", "乡镇", "镇（街道）", "所属街镇"])
def test_township_header_pattern(text: str) -> None:
    assert TOWNSHIP_HEADER_PATTERN.search(text)


@pytest.mark.parametrize("text", ["名称", "居委名称", "社区名称", "小区"])
def test_name_header_pattern(text: str) -> None:
    assert NAME_HEADER_PATTERN.search(text)


def test_name_header_pattern_no_match() -> None:
    assert not NAME_HEADER_PATTERN.search("地址")


@pytest.mark.parametrize(
    ("text", "batch", "year"),
    [
        ("第一批（2021年）", "第一批", "2021"),
        ("第二批(2022年)", "第二批", "2022"),
        ("第3批", "第3批", None),
    ],
)
def test_batch_pattern(text: str, batch: str, year: str | None) -> None:
    match = BATCH_PATTERN.search(text)
    assert match and (match.group("batch"), match.group("year")) == (batch, year)


def test_batch_pattern_no_match() -> None:
    assert not BATCH_PATTERN.search("2021年绿色社区创建计划表")


def test_year_pattern() -> None:
    match = YEAR_PATTERN.search("2022 年绿色社区创建计划表")
    assert match and match.group("year") == "2022"
    assert not YEAR_PATTERN.search("第3批名单")


@pytest.mark.parametrize(
    ("text", "batch", "year"),
    [
        ("2021年：甲", None, "2021"),
        ("2022 年: 甲", None, "2022"),
        ("第一批（2021年）：甲", "第一批", "2021"),
        ("第二批：甲", "第二批", None),
        ("2022年计划创建：甲", None, "2022"),
    ],
)
def test_prose_list_lead_pattern(text: str, batch: str | None, year: str | None) -> None:
    match = PROSE_LIST_LEAD_PATTERN.match(text)
    assert match and (match.group("batch"), match.group("year")) == (batch, year)
    assert text[match.end() :] == "甲"


def test_prose_list_lead_pattern_needs_a_colon() -> None:
    assert not PROSE_LIST_LEAD_PATTERN.match("2021年，全县30%以上的城市社区参与创建")
    assert not PROSE_LIST_LEAD_PATTERN.match("2021年底前完成全部社区的摸底调查工作：甲")


@pytest.mark.parametrize(
    "text", ["崧鑫居委会", "宝龙社区", "某某小区", "某某村委会", "某某居民委员会"]
)
def test_community_suffix_pattern(text: str) -> None:
    assert COMMUNITY_SUFFIX_PATTERN.search(text)


@pytest.mark.parametrize("text", ["县住房和城乡建设局", "社区居民"])
def test_community_suffix_pattern_no_match(text: str) -> None:
    assert not COMMUNITY_SUFFIX_PATTERN.search(text)


def test_address_count_and_end_patterns() -> None:
    assert ADDRESS_HEADER_PATTERN.search("详细地址") and ADDRESS_HEADER_PATTERN.search("位置")
    assert not ADDRESS_HEADER_PATTERN.search("名称")
    assert [COUNT_PATTERN.match(t).group("count") for t in ["21", "21个", "共 21 个"]] == ["21"] * 3
    assert not COUNT_PATTERN.match("21户以上") and not COUNT_PATTERN.match("合计")
    assert YEAR_HEADER_PATTERN.search("创建年度") and YEAR_HEADER_PATTERN.search("批次")
    assert not YEAR_HEADER_PATTERN.search("居委名称")
    assert [YEAR_CELL_PATTERN.search(t).group("year") for t in ["2021", "2022年度"]] == [
        "2021",
        "2022",
    ]
    assert not YEAR_CELL_PATTERN.search("12021号") and not YEAR_CELL_PATTERN.search("第一批")
    assert LIST_END_PATTERN.search("甲居委会。") and LIST_END_PATTERN.search("甲居委会. ")
    assert not LIST_END_PATTERN.search("甲居委会、")


def test_separator_and_space_patterns() -> None:
    assert NAME_SEPARATOR_PATTERN.split("甲社区、乙社区，丙社区, 丁社区；戊社区") == [
        "甲社区",
        "乙社区",
        "丙社区",
        "丁社区",
        "戊社区",
    ]
    assert INNER_SPACE_PATTERN.sub("", "某  镇\u3000中") == "某镇中"


# --- steps ------------------------------------------------------------------------------


def test_roster_columns() -> None:
    assert roster_columns(["序号", "街道（乡镇）", "名称"]) == (2, 1, None)
    assert roster_columns(["时间点", "序号", "居委名称", "地址"]) == (2, None, 3)
    assert roster_columns(["序号", "地址"]) == (None, None, None)


def test_batch_and_year() -> None:
    assert batch_and_year(["", "第一批（2021年）", "1"]) == ("第一批", 2021)
    assert batch_and_year(["1", "甲居委会"]) == (None, None)


def test_title_batch_and_year() -> None:
    assert title_batch_and_year("2021年绿色社区创建计划表") == (None, 2021)
    assert title_batch_and_year("二〇二一年绿色社区创建计划表") == (None, 2021)
    assert title_batch_and_year("第二批（二○二二年）创建名单") == ("第二批", 2022)
    assert title_batch_and_year("第二批（2022年）创建名单") == ("第二批", 2022)
    assert title_batch_and_year("绿色社区创建名单") == (None, None)
    assert title_batch_and_year(None) == (None, None)


def test_cell_names_splits_only_community_lists() -> None:
    assert cell_names("甲社区、乙居委会") == ["甲社区", "乙居委会"]
    assert cell_names("甲社区") == ["甲社区"]
    assert cell_names("阳光花园、锦绣苑") == ["阳光花园、锦绣苑"]
    assert cell_names("") == []


def test_year_of_cell() -> None:
    assert year_of_cell("2021年") == 2021
    assert year_of_cell("二零二一年") == 2021
    assert year_of_cell("一二三四五") is None
    assert year_of_cell("第一批") is None


def test_roster_year_column_and_listed_names() -> None:
    rows = [
        ["序号", "街道", "社区名称", "创建年度"],
        ["1", "甲街道", "甲社区、乙社区", "2021年"],
        ["2", "乙街道", "丙社区", "2022"],
        ["合计", "", "共3个", ""],
    ]
    structure = structure_of("绿色社区创建名单", rows)
    extracted = extract_communities(structure)
    communities = extracted.records
    assert [(c.name, c.township, c.year) for c in communities] == [
        ("甲社区", "甲街道", 2021),
        ("乙社区", "甲街道", 2021),
        ("丙社区", "乙街道", 2022),
    ]
    assert communities[1].evidence.quote == "1\t甲街道\t甲社区、乙社区\t2021年"
    assert extracted.warnings == []


def test_prose_list_names_with_offsets() -> None:
    text = "2021年：崧鑫居委会、崧涵居委会，佳煌居委会。"
    names = prose_list_names(text)
    assert [n for n, _, _ in names] == ["崧鑫居委会", "崧涵居委会", "佳煌居委会"]
    assert all(text[start:end] == name for name, start, end in names)


def test_prose_list_names_rejects_other_items() -> None:
    assert prose_list_names("2021年：完成试点、总结经验。") is None
    assert prose_list_names("根据创建指标要求，此次创建计划如下：") is None


# --- whole extraction -------------------------------------------------------------------


def test_roster_with_townships_and_total() -> None:
    structure = structure_of("绿色社区创建名单", TOWNSHIP_ROSTER)
    extracted = extract_communities(structure)
    communities = extracted.records
    assert [(c.name, c.township) for c in communities] == [
        ("宝龙社区", "城区街道"),
        ("西苑社区", "城区街道"),
        ("永安社区", "索镇"),
    ]
    assert all(c.year is None and c.batch is None and c.address is None for c in communities)
    assert communities[2].evidence.quote == "3\t索  镇\t永安社区"
    assert extracted.warnings == []


def test_roster_total_mismatch_warns() -> None:
    rows = [*TOWNSHIP_ROSTER[:-1], ["", "合计", "4"]]
    structure = structure_of("绿色社区创建名单", rows)
    extracted = extract_communities(structure)
    assert len(extracted.records) == 3
    (warning,) = extracted.warnings
    assert warning.code == "roster_count_mismatch"
    assert warning.evidence and warning.evidence.quote == "合计\t4"


def test_roster_with_batch_address_and_filled_batch() -> None:
    structure = structure_of(BATCH_ROSTER)
    communities = extract_communities(structure).records
    assert [(c.name, c.year, c.batch, c.address) for c in communities] == [
        ("甲居委会", 2021, "第一批", "甲路55弄82号"),
        ("乙居委会", 2021, "第一批", "乙路165弄1号"),
    ]
    assert communities[1].evidence.quote == "2\t乙居委会\t乙路165弄1号"


def test_roster_year_from_title_when_no_batch_cell() -> None:
    rows = [
        ["2022年绿色社区创建计划表"],
        ["序号", "居委名称"],
        ["1", "丙居委会"],
        ["2", "丁居委会"],
    ]
    communities = extract_communities(structure_of(rows)).records
    assert [(c.name, c.year, c.batch) for c in communities] == [
        ("丙居委会", 2022, None),
        ("丁居委会", 2022, None),
    ]


@pytest.mark.parametrize(
    ("caption", "township"),
    [
        (["单位", "某某街道"], "某某街道"),
        (["所属街镇：", "某  镇"], "某镇"),
        (["填报单位", "某乡"], "某乡"),
        (["单位", "某某局"], None),  # not a township
        (["负责人", "某某街道"], None),  # not a unit label
        (["填报\n单位", "某某\n街道"], "某某街道"),  # cells over two lines read as one
    ],
)
def test_roster_township_from_caption_row(caption: list[str], township: str | None) -> None:
    rows = [
        ["2021年绿色社区创建计划表"],
        caption,
        ["序号", "居委名称", "地址"],
        ["1", "丙居委会", "某路1号"],
    ]
    (community,) = extract_communities(structure_of(rows)).records
    assert (community.name, community.township) == ("丙居委会", township)


def test_prose_lists_by_year() -> None:
    structure = structure_of(
        "根据创建指标要求，此次创建计划如下：",
        "2021年：崧鑫居委会、崧涵居委会。",
        "2022年：佳福东居委会、巷佳居委会。",
    )
    communities = extract_communities(structure).records
    assert [(c.name, c.year) for c in communities] == [
        ("崧鑫居委会", 2021),
        ("崧涵居委会", 2021),
        ("佳福东居委会", 2022),
        ("巷佳居委会", 2022),
    ]
    assert communities[3].evidence.quote == "巷佳居委会"


def test_prose_does_not_repeat_roster_names() -> None:
    structure = structure_of(TOWNSHIP_ROSTER, "2021年：宝龙社区、新建社区。")
    assert [c.name for c in extract_communities(structure).records] == [
        "宝龙社区",
        "西苑社区",
        "永安社区",
        "新建社区",
    ]


def test_non_roster_tables_give_no_communities() -> None:
    rows = [["内容", "创建标准"], ["机制", "1", "坚持共同缔造"], ["", "2", "搭建议事平台"]]
    assert extract_communities(structure_of(rows)).records == []


# --- corpus (values checked by hand against corpus/*.txt) --------------------------------


def corpus_communities(name: str):
    from extractor.pipeline import build_structure
    from extractor.readers import read_document
    from tests.conftest import CORPUS

    structure = build_structure(read_document(CORPUS / f"{name}.txt"))
    return structure, extract_communities(structure).records


def test_corpus_hangtai_communities() -> None:
    structure, communities = corpus_communities("hangtai")
    assert len(communities) == 21
    assert [c.township for c in communities] == ["城区街道"] * 14 + ["果里镇"] + ["索镇"] * 6
    assert [c.name for c in communities[:3]] == ["宝龙社区", "西苑社区", "兴华社区"]
    assert [c.name for c in communities[13:16]] == ["东岳国际社区", "鸿嘉社区", "永安社区"]
    assert communities[-1].name == "五里社区"
    assert all(c.year is None and c.batch is None and c.address is None for c in communities)
    assert communities[-1].evidence.quote == "21\t索镇\t五里社区"
    assert structure.warnings == []


def test_corpus_wusong_communities() -> None:
    structure, communities = corpus_communities("wusong")
    assert len(communities) == 28
    assert [(c.year, c.batch) for c in communities] == [(2021, "第一批")] * 16 + [
        (2022, "第二批")
    ] * 12
    assert (communities[0].name, communities[0].address) == ("吴淞新城居委会", "班溪路55弄82号二楼")
    assert (communities[15].name, communities[15].address) == ("海江新村居委会", "塘后路203弄22号")
    assert (communities[16].name, communities[16].address) == ("和丰居委会", "淞滨路70弄8号一楼")
    assert (communities[-1].name, communities[-1].address) == ("二纺居委会", "宝林雅苑52号101室")
    assert all(c.township == "吴淞街道" for c in communities)  # from the `单位` caption row
    assert structure.warnings == []


def test_corpus_zhaoxiang_communities() -> None:
    _, communities = corpus_communities("zhaoxiang")
    assert [(c.name, c.year) for c in communities] == [
        ("崧鑫居委会", 2021),
        ("崧涵居委会", 2021),
        ("崧湖居委会", 2021),
        ("华沁居委会", 2021),
        ("华秀居委会", 2021),
        ("龙联居委会", 2021),
        ("佳辉居委会", 2021),
        ("佳煌居委会", 2021),
        ("佳福东居委会", 2022),
        ("佳昱居委会", 2022),
        ("秀景居委会", 2022),
        ("巷佳居委会", 2022),
    ]
    assert all(c.evidence.quote == c.name for c in communities)


@pytest.mark.parametrize("name", ["qingyang", "zhejiang"])
def test_corpus_plans_without_communities(name: str) -> None:
    assert corpus_communities(name)[1] == []
