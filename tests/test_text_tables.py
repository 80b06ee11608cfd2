"""Tests for extractor.readers.text_tables: every plain-text table layout, read by the txt
reader and recovered by structure.tables, on made-up snippets; negatives for each guard."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.document import Document, TableBlock
from extractor.models import Table
from extractor.pipeline import build_structure, extract_from_document
from extractor.readers.text_tables import (
    FIXED_WIDTH_GAP_PATTERN,
    ORDINAL_CELL_PATTERN,
    PIPE_RULE_PATTERN,
    TAB_ROW_LINE_PATTERN,
    align_row,
    align_rows,
    cell_kind,
    column_gaps,
    column_profiles,
    find_text_tables,
    header_kind,
    is_box_rule,
    split_pipe_line,
)
from extractor.readers.txt import read_txt


def read(text: str) -> Document:
    return read_txt(Path("snippet.txt"), text.encode("utf-8"))


def tables(text: str) -> list[Table]:
    return [recovered.table for recovered in build_structure(read(text)).tables]


def warning_codes(text: str) -> list[str]:
    return [w.code for w in build_structure(read(text)).warnings]


def source_rows(doc: Document) -> list[list[str | tuple[str, str | None]]]:
    """The first table block's cells: text, or (text, origin) for a merged position."""
    block = next(b for b in doc.blocks if isinstance(b, TableBlock))
    return [[(c.text, c.merged_from) if c.merged else c.text for c in row] for row in block.rows]


def assert_offsets_exact(doc: Document) -> None:
    for block in doc.blocks:
        if isinstance(block, TableBlock):
            for row in block.rows:
                for cell in row:
                    assert doc.text[cell.start : cell.end] == cell.text
                    assert "\t" not in cell.text and "|" not in cell.text
                    assert "│" not in cell.text


# --- patterns -------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["序号\t名称", " \t合计\t100\t\t", "1\t甲社区\t"])
def test_tab_row_line_pattern(line: str) -> None:
    assert TAB_ROW_LINE_PATTERN.match(line)


@pytest.mark.parametrize("line", ["\t序号", " \t2021年绿色社区创建计划表", "没有制表符"])
def test_tab_row_line_pattern_leaves_word_export_lines(line: str) -> None:
    assert not TAB_ROW_LINE_PATTERN.match(line)


@pytest.mark.parametrize("line", ["|---|:--:|", "--- | ---", "｜－－｜－－｜", "| --- | --- |"])
def test_pipe_rule_pattern(line: str) -> None:
    assert PIPE_RULE_PATTERN.match(line)


@pytest.mark.parametrize("line", ["| 1 | 甲 |", "——", "- 5 -"])
def test_pipe_rule_pattern_no_match(line: str) -> None:
    assert not PIPE_RULE_PATTERN.match(line)


@pytest.mark.parametrize("line", ["┌──┬──┐", "├──┼──┤", "│  ├──┤", "+----+----+", "+====+"])
def test_is_box_rule(line: str) -> None:
    assert is_box_rule(line)


@pytest.mark.parametrize("line", ["│序号│名称│", "+86-10-1234", "------", "| a | b |"])
def test_is_box_rule_no_match(line: str) -> None:
    assert not is_box_rule(line)


@pytest.mark.parametrize("line", ["序号  名称", "1　　甲社区", "韩　正"])
def test_fixed_width_gap_pattern(line: str) -> None:
    assert FIXED_WIDTH_GAP_PATTERN.search(line)


@pytest.mark.parametrize("line", ["    缩进的段落", "一句 话", "正文。"])
def test_fixed_width_gap_pattern_no_match(line: str) -> None:
    assert not FIXED_WIDTH_GAP_PATTERN.search(line)


@pytest.mark.parametrize("text", ["一、", "（二）", "(3)", "4.", "5、", "6．"])
def test_ordinal_cell_pattern(text: str) -> None:
    assert ORDINAL_CELL_PATTERN.match(text)


@pytest.mark.parametrize("text", ["1.5", "12", "一、组织领导"])
def test_ordinal_cell_pattern_no_match(text: str) -> None:
    assert not ORDINAL_CELL_PATTERN.match(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", "empty"),
        ("二、", "ordinal"),
        ("15", "integer"),
        ("3.5", "number"),
        ("45%", "number"),
        ("区卫健局", "label"),
        # an office a person holds (a 责任领导 column), not a label
        ("分管副区长", "person"),
        ("县长", "person"),
        ("办公室主任", "person"),
        ("促进经济增长", "label"),  # 长 after no level or body: no office
        ("延长服务时间", "label"),
        ("规范处置医疗废物（25分）。", "text"),
        ("持续推进农业面源污染治理与农村人居环境整治", "text"),
    ],
)
def test_cell_kind(text: str, kind: str) -> None:
    assert cell_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("序号", "ordinal"), ("各项分值", "number"), ("得分（分）", "number"), ("评分标准", "text")],
)
def test_header_kind(text: str, kind: str) -> None:
    assert header_kind(text) == kind


def test_header_kind_none_for_other_words() -> None:
    assert header_kind("考核项目") is None


def test_split_pipe_line() -> None:
    assert split_pipe_line("| 甲 | 乙 |") == [" 甲 ", " 乙 "]
    assert split_pipe_line("｜甲｜乙｜") == ["甲", "乙"]
    assert split_pipe_line("甲 | 乙") == ["甲 ", " 乙"]
    assert split_pipe_line(r"| a\|b | c |") == [" a|b ", " c "]


# --- aligning short rows --------------------------------------------------------------


def test_align_row_right_by_default() -> None:
    profiles = column_profiles([["第一批", "1", "甲社区"], ["第二批", "2", "乙社区"]], 3)
    assert align_row(["3", "丙社区"], profiles, above=[0, 1, 2]) == ["above", 0, 1]


def test_align_row_middle_gap_by_kind() -> None:
    # 序号 | 组别 | 单位 | 分值 | 内容: the group column, after the 序号, is merged
    full = [["1", "重点单位", "区教育局", "40", "开展校园安全专项检查并建立工作台账。"]] * 2
    profiles = column_profiles(full, 5)
    placed = align_row(
        ["2", "区卫健局", "25", "规范处置医疗废物并定期开展检查。"], profiles, [0, 1, 2, 3, 4]
    )
    assert placed == [0, "above", 1, 2, 3]


def test_align_rows_two_merged_columns_apart_by_a_persons_office() -> None:
    # 序号 | 重点任务 | 具体措施 | 牵头领导 | 牵头单位 | 完成时间: a web copy writes the
    # merged task and leader cells in their first row only
    rows = [
        ["序号", "重点任务", "具体措施", "牵头领导", "牵头单位", "完成时间"],
        ["1", "发展特色产业", "建设高标准农田", "分管副区长", "区农业农村局", "2024年底前"],
        ["2", "培育经营主体20家", "区农业农村局", "2025年6月底前"],
        ["3", "提升人居环境", "实施村庄绿化", "分管副区长", "区林业局", "2024年底前"],
    ]
    assert align_rows(rows)[2] == [0, "above", 1, "above", 2, 3]


def test_align_rows_a_row_of_names_still_aligns_right() -> None:
    # persons by name, not office, say nothing: the missing cells stay the leading ones
    rows = [
        ["序号", "重点任务", "具体措施", "牵头领导", "牵头单位"],
        ["1", "发展特色产业", "建设高标准农田", "张三", "区农业农村局"],
        ["2", "培育主体", "区农业农村局"],
        ["3", "提升人居环境", "实施村庄绿化", "李四", "区林业局"],
    ]
    assert align_rows(rows)[2] == [0, "above", "above", 1, 2]


def test_align_row_row_span_keeps_the_cells_columns() -> None:
    # the row above has one cell over columns 1-2: a row span must cover both, so a
    # single missing cell is that row's own cell spanning on (a column span)
    profiles = column_profiles([["1", "甲", "乙", "10"], ["2", "丙", "丁", "20"]], 4)
    assert align_row(["3", "戊", "30"], profiles, above=[0, 1, 1, 3]) == [0, 1, "left", 2]


def test_align_row_without_a_row_above_spans_left() -> None:
    profiles = column_profiles([["1", "甲", "乙", "10"], ["2", "丙", "丁", "20"]], 4)
    assert align_row(["序号", "项目", "分值"], profiles, above=None) == [0, 1, "left", 2]


def test_align_rows_total_row_takes_nothing_from_above() -> None:
    rows = [["序号", "名称", "分值"], ["1", "甲", "10"], ["2", "乙", "20"], ["合计", "30"]]
    assert align_rows(rows)[-1] == [0, "left", 1]


def test_align_rows_top_level_item_takes_nothing_from_above() -> None:
    rows = [
        ["序号", "组别", "单位", "分值"],
        ["1", "重点单位", "区教育局", "40"],
        ["2", "区卫健局", "25"],
        ["二、", "加减分项目", "10"],
    ]
    placements = align_rows(rows)
    assert placements[2] == [0, "above", 1, 2]
    assert placements[3] == [0, 1, "left", 2]


# --- tab rows (web and Excel copies) --------------------------------------------------

RUBRIC_TAB_ROWS = """某区2020年度安全生产工作考核细则
序号\t评价项目\t分值\t评价内容\t评分办法\t备注
 \t合计\t100\t\t\t
一、\t基础工作（各单位）\t30\t\t\t
1\t制度建设\t10\t建立制度\t建立工作制度，得10分。\t
二、\t专项工作\t70\t\t\t按单位分别考核
1\t重点单位\t区教育局\t40\t校园安全整治\t开展专项检查（20分）；建立台账（20分）。\t
2\t区卫健局\t25\t医疗废物处置\t规范处置医疗废物（25分）。\t
15\t医疗机构污水处理\t完成污水处理设施改造（15分）。\t
3\t一般单位\t区民政局\t40\t养老机构管理\t开展养老机构检查（40分）。\t
4\t区司法局\t40\t法治宣传\t开展法治宣传活动（40分）。\t
三、\t加减分项目\t\t上级表彰\t获上级表彰的加2分。\t
"""


def test_tab_rows_with_a_merged_group_column_square_by_kind() -> None:
    doc = read(RUBRIC_TAB_ROWS)
    assert_offsets_exact(doc)
    (table,) = tables(RUBRIC_TAB_ROWS)
    assert table.kind == "rubric"
    assert table.header == ["序号", "评价项目", "评价项目", "分值", "评价内容", "评分办法", "备注"]
    rows = {row[0] + row[2] + row[3]: row for row in table.rows}
    assert table.rows[0][:4] == ["", "合计", "合计", "100"]
    assert table.rows[1][:4] == ["一、", "基础工作（各单位）", "基础工作（各单位）", "30"]
    assert table.rows[2] == [
        "1",
        "制度建设",
        "制度建设",
        "10",
        "建立制度",
        "建立工作制度，得10分。",
        "",
    ]
    assert rows["2区卫健局25"][1] == "重点单位"  # the group label, merged from above
    assert rows["2区卫健局15"][4] == "医疗机构污水处理"  # 序号, group, unit all from above
    assert rows["4区司法局40"][1] == "一般单位"
    assert table.rows[-1][:4] == ["三、", "加减分项目", "加减分项目", ""]
    assert "table_row_spans_guessed" not in warning_codes(RUBRIC_TAB_ROWS)


def test_tab_rows_short_row_aligned_right_merges_from_above() -> None:
    text = "批次\t序号\t社区名称\n第一批\t1\t甲社区\n2\t乙社区\n第二批\t3\t丙社区\n"
    doc = read(text)
    assert source_rows(doc)[2] == [("", "above"), "2", "乙社区"]
    assert source_rows(doc)[2][0] == ("", "above")
    (table,) = tables(text)
    assert table.header == ["批次", "序号", "社区名称"]
    assert table.rows == [
        ["第一批", "1", "甲社区"],
        ["第一批", "2", "乙社区"],
        ["第二批", "3", "丙社区"],
    ]


def test_tab_rows_trailing_tabs_are_empty_cells() -> None:
    doc = read("序号\t名称\t备注\n1\t甲社区\t\n2\t乙社区\t已完成\n")
    assert source_rows(doc)[1] == ["1", "甲社区", ""]
    assert_offsets_exact(doc)


def test_tab_rows_two_row_header_from_a_web_copy() -> None:
    text = "序号\t项目\t目标值\t备注\n2021年\t2022年\n1\t绿地\t10\t20\t无\n2\t林地\t5\t8\t\n"
    (table,) = tables(text)
    assert table.header == ["序号", "项目", "目标值/2021年", "目标值/2022年", "备注"]
    assert table.rows == [["1", "绿地", "10", "20", "无"], ["2", "林地", "5", "8", ""]]


def test_tab_rows_two_row_header_from_an_excel_copy() -> None:
    text = (
        "序号\t项目\t目标值\t\t备注\n\t\t2021年\t2022年\t\n1\t绿地\t10\t20\t无\n2\t林地\t5\t8\t\n"
    )
    (table,) = tables(text)
    assert table.header == ["序号", "项目", "目标值/2021年", "目标值/2022年", "备注"]


def test_tab_rows_blank_lines_between_rows_keep_one_table() -> None:
    (table,) = tables("序号\t名称\n\n1\t甲社区\n\n2\t乙社区\n")
    assert table.rows == [["1", "甲社区"], ["2", "乙社区"]]


def test_one_tab_row_line_is_no_table() -> None:
    doc = read("第一段。\n姓名\t张三\n第二段。\n")
    assert not doc.tables


# --- pipes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "| 序号 | 项目 | 分值 |\n|---|---|---|\n| 1 | 组织领导 | 10 |\n| 2 | 宣传工作 | 5 |\n",
        "| 序号 | 项目 | 分值 |\n| 1 | 组织领导 | 10 |\n| 2 | 宣传工作 | 5 |\n",
        "｜序号｜项目｜分值｜\n｜1｜组织领导｜10｜\n｜2｜宣传工作｜5｜\n",
        "序号 | 项目 | 分值\n--- | --- | ---\n1 | 组织领导 | 10\n2 | 宣传工作 | 5\n",
    ],
)
def test_pipe_tables(text: str) -> None:
    doc = read("说明如下：\n" + text + "以上为分值。\n")
    assert_offsets_exact(doc)
    assert doc.blocks[0].text == "说明如下："
    assert doc.blocks[-1].text == "以上为分值。"
    (table,) = tables(text)
    assert table.header == ["序号", "项目", "分值"]
    assert table.rows == [["1", "组织领导", "10"], ["2", "宣传工作", "5"]]
    assert table.kind == "rubric"


def test_pipe_table_two_row_header_with_empty_cells() -> None:
    text = (
        "| 序号 | 项目 | 目标值 | |\n| | | 2021年 | 2022年 |\n|---|---|---|---|\n"
        "| 1 | 绿地 | 10 | 20 |\n| 2 | 林地 | 5 | 8 |\n"
    )
    (table,) = tables(text)
    assert table.header == ["序号", "项目", "目标值/2021年", "目标值/2022年"]


def test_a_line_with_pipes_in_prose_is_no_table() -> None:
    assert not read("选项A|选项B 二选一。\n下一段。\n").tables


# --- box drawing ----------------------------------------------------------------------

BOX_TABLE = """┌────┬────────┬──────┐
│序号│名称    │分值  │
├────┼────────┼──────┤
│1   │社区建设│10    │
│    │宣传工作│      │
├────┼────────┼──────┤
│2   │垃圾分类│20    │
├────┴────────┼──────┤
│合计         │30    │
└─────────────┴──────┘
"""


def test_box_table_wrapped_cell_keeps_its_line_break() -> None:
    doc = read(BOX_TABLE)
    assert_offsets_exact(doc)
    rows = source_rows(doc)
    assert rows[1] == ["1", "社区建设\n宣传工作", "10"]
    assert rows[3] == ["合计", ("", "left"), "30"]
    (table,) = tables(BOX_TABLE)
    assert table.header == ["序号", "名称", "分值"]
    assert table.rows[0] == ["1", "社区建设宣传工作", "10"]
    assert table.rows[-1] == ["合计", "合计", "30"]


def test_box_table_two_row_header_and_a_cell_reaching_down() -> None:
    text = (
        "┌────┬──────┬───────────┐\n"
        "│序号│项目  │目标值     │\n"
        "│    │      ├─────┬─────┤\n"
        "│    │      │2021年│2022年│\n"
        "├────┼──────┼─────┼─────┤\n"
        "│1   │绿地  │10   │20   │\n"
        "└────┴──────┴─────┴─────┘\n"
    )
    doc = read(text)
    assert source_rows(doc)[1] == [("", "above"), ("", "above"), "2021年", "2022年"]
    (table,) = tables(text)
    assert table.header == ["序号", "项目", "目标值/2021年", "目标值/2022年"]
    assert table.rows == [["1", "绿地", "10", "20"]]


def test_ascii_grid_table() -> None:
    text = (
        "+------+----------+\n| 序号 | 名称     |\n+======+==========+\n"
        "| 1    | 甲社区   |\n|      | 东区     |\n+------+----------+\n"
        "| 2    | 乙社区   |\n+------+----------+\n"
    )
    doc = read(text)
    assert_offsets_exact(doc)
    assert source_rows(doc) == [["序号", "名称"], ["1", "甲社区\n东区"], ["2", "乙社区"]]


def test_ascii_grid_ruled_only_under_the_header_reads_a_row_a_line() -> None:
    text = (
        "+------+----------+\n| 序号 | 名称     |\n+------+----------+\n"
        "| 1    | 甲社区   |\n|      | 东区     |\n| 2    | 乙社区   |\n+------+----------+\n"
    )
    assert source_rows(read(text)) == [["序号", "名称"], ["1", "甲社区\n东区"], ["2", "乙社区"]]


# --- fixed width ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "序号    项目          分值    备注\n1       组织领导      10      无\n"
        "2       宣传工作      5\n3       考核评估      20      年底\n",
        "序号　　项目　　　　　分值　　备注\n１　　　组织领导　　　10　　　无\n"
        "２　　　宣传工作　　　５\n３　　　考核评估　　　20　　　年底\n",
    ],
)
def test_fixed_width_table(text: str) -> None:
    doc = read(text)
    assert_offsets_exact(doc)
    (table,) = tables(text)
    assert table.header == ["序号", "项目", "分值", "备注"]
    assert table.rows == [
        ["1", "组织领导", "10", "无"],
        ["2", "宣传工作", "5", ""],
        ["3", "考核评估", "20", "年底"],
    ]


def test_fixed_width_two_row_header() -> None:
    text = (
        "序号　　考核项目　　　目标值\n"
        "　　　　　　　　　　　2021年　　2022年\n"
        "１　　　绿地面积　　　１０　　　２０\n"
        "２　　　林地面积　　　５　　　　８\n"
        "３　　　水体面积　　　３　　　　４\n"
    )
    (table,) = tables(text)
    assert table.header == ["序号", "考核项目", "目标值/2021年", "目标值/2022年"]
    assert table.rows[1] == ["2", "林地面积", "5", "8"]


def test_column_gaps() -> None:
    assert column_gaps(["1   甲    10", "2   乙丙  20"]) == [(1, 4), (8, 10)]


def test_name_list_with_full_width_spaces_is_no_table() -> None:
    # names spaced `韩　正`, then two full-width spaces, then the post: two columns that
    # do not even line up (the role markers push them) — a roster, read as text
    text = (
        "组　长：韩　正　　国务院副总理\n副组长：丁学东　　国务院副秘书长\n"
        "李干杰　　生态环境部部长\n成　员：郭卫民　　中央宣传部副主任\n"
        "张　勇　　发展改革委副主任\n辛国斌　　工业和信息化部副部长\n"
    )
    doc = read(text)
    assert not doc.tables
    assert doc.blocks[0].text == "组长：韩正国务院副总理"


@pytest.mark.parametrize(
    "text",
    [
        # a role marker padded with ASCII spaces, names and posts aligned in three columns
        "组  长：张三　县人民政府县长\n副组长：李四　县人民政府副县长\n"
        "成  员：赵六　县住建局局长\n　　　　钱七　县财政局局长\n",
        "主  任：张三    县长\n副主任：李四    副县长\n委  员：王五    县财政局局长\n",
    ],
)
def test_a_roster_aligned_in_columns_is_no_table(text: str) -> None:
    assert not read(text).tables


def test_an_aligned_roster_gives_its_members() -> None:
    text = (
        "某县实施方案\n一、组织领导\n组  长：张三　县人民政府县长\n"
        "副组长：李四　县人民政府副县长\n成  员：赵六　县住建局局长\n　　　　钱七　县财政局局长\n"
    )
    plan = extract_from_document(read(text))
    assert [(m.role, m.name, m.position) for m in plan.committee] == [
        ("组长", "张三", "县人民政府县长"),
        ("副组长", "李四", "县人民政府副县长"),
        ("成员", "赵六", "县住建局局长"),
        ("成员", "钱七", "县财政局局长"),
    ]


def test_two_aligned_columns_are_no_table() -> None:
    text = "张　勇　　发展改革委副主任\n辛国斌　　工业和信息化部副部长\n刘　伟　　财政部副部长\n"
    assert not read(text).tables


def test_prose_with_double_spaces_is_no_table() -> None:
    text = (
        "　　为进一步加强  绿色社区建设，现将有关事项通知如下。各单位要高度重视，\n"
        "认真组织实施  确保各项任务落到实处，按时报送  工作进展情况。\n"
        "　　联系人：张三  电话：12345678\n"
    )
    assert not read(text).tables


def test_signature_block_is_no_table() -> None:
    text = (
        "某某县人民政府办公室          某某县财政局\n2021年1月7日                  2021年1月8日\n"
    )
    assert not read(text).tables


def test_find_text_tables_keys_tables_by_first_line() -> None:
    lines = ["前文。", "| 甲 | 乙 |", "| 1 | 2 |", "后文。"]
    found = find_text_tables(lines)
    assert list(found) == [1]
    assert (found[1].start, found[1].end, found[1].layout) == (1, 3, "pipes")


def test_box_table_with_a_ruling_off_the_columns_warns() -> None:
    text = (
        "┌────┬────────┬──────┐\n│序号│名称    │分值  │\n├────┼────────┼──────┤\n"
        "│1   │社区建设  │10    │\n├────┼────────┼──────┤\n│2   │垃圾分类│20    │\n"
        "└────┴────────┴──────┘\n"
    )
    doc = read(text)
    (warning,) = doc.warnings
    assert warning.code == "table_layout_irregular"
    assert "序号 | 名称 | 分值" in warning.message
    assert warning.evidence is not None and warning.evidence.quote.startswith("1\t")
    assert not read(BOX_TABLE).warnings


def test_a_second_row_of_labels_not_under_a_span_is_a_body_row() -> None:
    text = "名称\t地址\t备注\n甲社区\t东路1号\t\n乙社区\t西路2号\t已完成\n"
    doc = read(text)
    assert source_rows(doc)[1] == ["甲社区", "东路1号", ""]
    (table,) = tables(text)
    assert table.header == ["名称", "地址", "备注"]
    assert table.rows[0] == ["甲社区", "东路1号", ""]


def test_fixed_width_wrapped_cell_continues_under_its_column() -> None:
    text = (
        "序号    项目          内容                分值\n"
        "1       组织领导      成立领导小组，      10\n"
        "                      明确分工。\n"
        "2       宣传工作      开展宣传活动。      5\n"
        "3       考核评估      年底考核。          20\n"
        "    注：分值合计35分。\n"
    )
    doc = read(text)
    assert_offsets_exact(doc)
    assert source_rows(doc)[1] == ["1", "组织领导", "成立领导小组，\n明确分工。", "10"]
    assert len(source_rows(doc)) == 4
    assert doc.blocks[-1].text == "注：分值合计35分。"


@pytest.mark.parametrize(
    "text",
    [
        "序号    考核内容            分值    评分标准\n"
        "一、组织领导（15分）\n"
        "1       成立安委会          5       未成立的不得分\n"
        "2       召开安委会会议      10      每少一次扣2分\n"
        "二、隐患排查（25分）\n"
        "3       建立排查台账        25      台账不全扣1-3分\n",
        "序号　　考核内容　　　　　　分值　　评分标准\n"
        "（一）组织领导（15分）\n"
        "１　　　成立安委会　　　　　５　　　未成立的不得分\n"
        "２　　　召开安委会会议　　　10　　　每少一次扣2分\n"
        "第二部分：隐患排查\n"
        "３　　　建立排查台账　　　　25　　　台账不全扣1-3分\n",
    ],
)
def test_fixed_width_flush_left_line_between_rows_spans_the_table(text: str) -> None:
    doc = read(text)
    assert_offsets_exact(doc)
    (table,) = tables(text)
    assert table.header == ["序号", "考核内容", "分值", "评分标准"]
    assert len(table.rows) == 5
    assert len(set(table.rows[0])) == 1 and table.rows[0][0].endswith("组织领导（15分）")
    assert table.rows[2][1] == "召开安委会会议"
    assert len(set(table.rows[3])) == 1


@pytest.mark.parametrize(
    "dimension",
    ["一、组织领导（20分）", "（一）组织领导（20分）", "第一部分：组织领导", "组织领导"],
)
def test_tab_rows_line_without_tabs_between_rows_spans_the_table(dimension: str) -> None:
    text = (
        "序号\t考核内容\t分值\t评分标准\n"
        f"{dimension}\n"
        "1\t成立工作专班\t10\t未成立不得分\n"
        "2\t定期召开调度会\t10\t每少一次扣2分\n"
        "二、工作成效（30分）\n"
        "3\t完成年度任务\t30\t每低1个百分点扣1分\n"
    )
    doc = read(text)
    assert_offsets_exact(doc)
    (table,) = tables(text)
    assert table.header == ["序号", "考核内容", "分值", "评分标准"]
    assert table.rows[0] == [dimension] * 4
    assert table.rows[3] == ["二、工作成效（30分）"] * 4
    assert table.rows[4] == ["3", "完成年度任务", "30", "每低1个百分点扣1分"]


@pytest.mark.parametrize(
    "between",
    [
        "以上各项由县考核办负责核实。",  # a sentence
        "各单位对照以上考核内容和评分标准认真开展自查自评并报送自评报告",  # too long
    ],
)
def test_tab_rows_prose_between_rows_ends_the_table(between: str) -> None:
    text = (
        "序号\t考核内容\t分值\n1\t成立专班\t10\n2\t召开会议\t10\n"
        f"{between}\n"
        "序号\t名称\t备注\n1\t甲\t无\n"
    )
    doc = read(text)
    assert len(doc.tables) == 2
    assert any(between in block.text for block in doc.paragraphs)


@pytest.mark.parametrize(
    "after",
    [
        # a flush-left line after the last row, prose after it: the table ends before it
        "注：以上为参考分值。\n各单位要认真组织自查。\n",
        # a long flush-left line between table lines is prose, not a spanning row
        "各单位对照以上考核内容和评分标准认真开展自查自评并于每年年底前报送自评报告。\n"
        "4       档案管理          5       缺一项扣1分\n",
    ],
)
def test_fixed_width_flush_left_prose_is_no_spanning_row(after: str) -> None:
    text = (
        "序号    项目              分值    评分标准\n"
        "1       组织领导          10      未成立不得分\n"
        "2       宣传工作          5       少一次扣1分\n"
        "3       考核评估          20      未考核不得分\n" + after
    )
    doc = read(text)
    first = doc.tables[0]
    assert len(first.rows) == 4
    assert any(after.splitlines()[0] in block.text for block in doc.paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        "1.\t加强组织领导。\n2.\t强化宣传引导。\n3.\t严格考核评估。\n",
        "（一）\t加强组织领导\n（二）\t强化宣传引导\n",
    ],
)
def test_a_numbered_list_with_tabs_is_no_table(text: str) -> None:
    doc = read(text)
    assert not doc.tables
    assert len(doc.paragraphs) == text.count("\n")


def test_a_two_column_table_with_a_header_is_a_table() -> None:
    (table,) = tables("序号\t社区名称\n1\t甲社区\n2\t乙社区\n")
    assert table.header == ["序号", "社区名称"]
