"""Table recovery: each step on short snippets, then the corpus tables."""

from __future__ import annotations

import re

import pytest

from extractor.document import Cell, Document, DocumentBuilder, SourceInfo, TableBlock
from extractor.structure.tables import (
    ATTACHMENT_LABEL_PATTERN,
    ATTACHMENT_PREFIX_PATTERN,
    COMMITTEE_PATTERN,
    DATE_LINE_PATTERN,
    FORM_LINE_PATTERN,
    FORM_PATTERN,
    HEADER_WORD_PATTERN,
    NUMBER_CELL_PATTERN,
    NUMBERED_HEADING_PATTERN,
    PROSE_PATTERN,
    ROSTER_COMMUNITY_PATTERN,
    ROSTER_COMPANION_PATTERN,
    ROSTER_CONTEXT_PATTERN,
    ROSTER_NAME_PATTERN,
    RUBRIC_ASSESSMENT_PATTERN,
    RUBRIC_POINTS_PATTERN,
    RUBRIC_STANDARDS_PATTERN,
    SEQUENCE_CELL_PATTERN,
    SEQUENCE_HEADER_PATTERN,
    SUMMARY_PATTERN,
    TOTAL_ROW_PATTERN,
    VALUE_HEADER_PATTERN,
    blank_share,
    body_grid,
    cell_text,
    classify_table,
    expand_header,
    fill_merged_cells,
    fill_merged_header,
    find_header_rows,
    flatten_header,
    header_column,
    header_word_count,
    is_body_row,
    is_header_continuation,
    is_roster_header,
    is_spanning_row,
    is_title_row,
    is_total_row,
    label_columns,
    preceding_title,
    recover_tables,
    sequence_columns,
    split_stacked_tables,
    split_title_rows,
    square_rows,
    table_warnings,
    title_from_paragraph,
    usual_width,
    widen_spanning_cell,
)

Layout = list[list[str | tuple[str, bool]]]


def cells(*texts: str | tuple[str, bool | str]) -> tuple[Cell, ...]:
    """A row of cells with made-up offsets (for steps that only read texts); a merged
    cell is `("", True)` or `("", "above" | "left")` (its origin)."""
    row = []
    for i, value in enumerate(texts):
        text, merge = (value, False) if isinstance(value, str) else value
        origin = merge if isinstance(merge, str) else None
        row.append(
            Cell(
                text=text,
                start=i * 10,
                end=i * 10 + len(text),
                merged=bool(merge),
                merged_from=origin,
            )
        )
    return tuple(row)


def texts(rows) -> list[list[str]]:
    return [[c.text for c in row] for row in rows]


def document(*parts: str | Layout) -> Document:
    """Paragraphs (str) and tables (list of rows) laid out in order."""
    builder = DocumentBuilder()
    for part in parts:
        if isinstance(part, str):
            builder.add_paragraph(part)
        else:
            builder.add_table(part)
    return builder.build(SourceInfo(path="<snippet>", format="txt", sha256="0" * 64))


def only_table(*parts: str | Layout):
    doc = document(*parts)
    (recovered,) = recover_tables(doc, [])
    return doc, recovered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建立健全\n社区人居", "建立健全社区人居"),
        ("（一）建立健全机制\n（20分）", "（一）建立健全机制（20分）"),
        ("Level A\nfirst", "Level A first"),  # Latin words keep a space (join_line_pieces)
        ("Level A\n(20 points)", "Level A(20 points)"),
        (" 社区 ", "社区"),
        ("", ""),
    ],
)
def test_cell_text_joins_the_cells_lines(text: str, expected: str) -> None:
    assert cell_text(Cell(text=text, start=0, end=len(text))) == expected


def test_recovered_values_join_cell_lines_and_evidence_keeps_them() -> None:
    doc, recovered = only_table(
        [
            ["序号", "内容", "分值"],
            ["1", "建立健全\n社区人居", "20"],
            ["2", "推进社区\n基础设施", "10"],
            ["合计", "", "30"],
        ]
    )
    table = recovered.table
    assert table.header == ["序号", "内容", "分值"]
    assert [row[1] for row in table.rows[:2]] == ["建立健全社区人居", "推进社区基础设施"]
    assert table.kind == "rubric"
    assert "1\t建立健全\n社区人居\t20" in table.evidence.quote
    assert table.evidence.quote == doc.text[table.evidence.start : table.evidence.end]


def test_header_and_title_cells_with_line_breaks_are_read_joined() -> None:
    _, recovered = only_table(
        [["2021年绿色社区\n创建计划表"], ["序号", "居委\n名称"], ["1", "宝龙\n居委会"]]
    )
    assert recovered.table.title == "2021年绿色社区创建计划表"
    assert recovered.table.header == ["序号", "居委名称"]
    assert recovered.table.rows == [["1", "宝龙居委会"]]
    assert recovered.table.kind == "roster"


# Two-row header: a level span over 合格/一般/良好, as in a self-assessment rubric.
TWO_ROW_HEADER: Layout = [
    ["序号", "内容", "创建标准", "分值", "权重分", "得分"],
    ["", "", "", "", "合格", "一般", "良好", ""],
    ["1", "（一）机制建设（20分）", "坚持共同缔造理念，各主体共同参与", "6", "4", "5", "6", ""],
    ["2", "", "充分利用现有沟通议事平台", "4", "3", "3.5", "4", ""],
    ["合计", "10", "7", "8.5", "10", ""],
]
# Short header: 创建标准 covers the item number and its text.
SHORT_HEADER: Layout = [
    ["内容", "创建标准", "标准分（100分）", "得分（分）"],
    ["建立健全机制", "1", "坚持美好环境与幸福生活共同缔造理念", "5", ""],
    ["", "2", "搭建沟通议事平台，开展多种形式基层协商", "5", ""],
    ["推进绿色化", "3", "社区内各类基础设施比较完善", "5", ""],
    ["合计分值", "15", ""],
]
ROSTER: Layout = [
    ["2021年绿色社区创建计划表"],
    ["单位", "某某街道"],
    ["时间点", "序号", "居委名称", "地址"],
    ["第一批（2021年）", "1", "甲居委会", "甲路1号"],
    ["", "2", "乙居委会", "乙路2号"],
    ["", "3", "丙居委会", "丙路3号"],
]


# --- patterns ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["序号", "居委名称", "标准分（100分）", "县（市、区）", "2021年完成数量", "权重分"]
)
def test_header_word_pattern_matches_header_words(text: str) -> None:
    assert HEADER_WORD_PATTERN.search(text)


@pytest.mark.parametrize("text", ["桓台县民政局", "合格", "坚持美好环境", "……"])
def test_header_word_pattern_skips_body_words(text: str) -> None:
    assert not HEADER_WORD_PATTERN.search(text)


@pytest.mark.parametrize("text", ["1", "12", "3．", "4、", "5."])
def test_sequence_cell_pattern(text: str) -> None:
    assert SEQUENCE_CELL_PATTERN.match(text)


@pytest.mark.parametrize("text", ["1.5", "第1项", "一", ""])
def test_sequence_cell_pattern_no_match(text: str) -> None:
    assert not SEQUENCE_CELL_PATTERN.match(text)


@pytest.mark.parametrize(
    "text",
    ["合计", "合 计", "合计分值", "地区合计", "总计", "小计", "总分", "总 分", "总分（100分）"],
)
def test_total_row_pattern(text: str) -> None:
    assert TOTAL_ROW_PATTERN.match(text)


@pytest.mark.parametrize(
    "text", ["建立健全社区人居环境建设和整治机制合计", "统计", "第一批", "总分配", "总体要求"]
)
def test_total_row_pattern_no_match(text: str) -> None:
    assert not TOTAL_ROW_PATTERN.match(text)


@pytest.mark.parametrize("text", ["附件1", "附件2：", "附件 3:", "附件"])
def test_attachment_label_pattern(text: str) -> None:
    assert ATTACHMENT_LABEL_PATTERN.match(text)


def test_attachment_label_pattern_needs_the_label_alone() -> None:
    assert not ATTACHMENT_LABEL_PATTERN.match("附件1：绿色社区创建标准")
    assert ATTACHMENT_PREFIX_PATTERN.sub("", "附件1：绿色社区创建标准") == "绿色社区创建标准"
    assert ATTACHMENT_PREFIX_PATTERN.sub("", "附件2．创建名单") == "创建名单"


@pytest.mark.parametrize("text", ["一、创建目标", "（二）推进", "(二)推进", "3．制定方案"])
def test_numbered_heading_pattern(text: str) -> None:
    assert NUMBERED_HEADING_PATTERN.match(text)


@pytest.mark.parametrize("text", ["2021年绿色社区创建计划表", "1.5倍"])
def test_numbered_heading_pattern_no_match(text: str) -> None:
    assert not NUMBERED_HEADING_PATTERN.match(text)


@pytest.mark.parametrize(
    ("pattern", "matching", "not_matching"),
    [
        (NUMBER_CELL_PATTERN, ["1", "100", "3.5"], ["1．", "第1", "（100分）", ""]),
        (VALUE_HEADER_PATTERN, ["得分（分）", "分值", "备注", "推荐意见"], ["内容", "时间点"]),
        (SEQUENCE_HEADER_PATTERN, ["序号", "编号", "No.", "no"], ["内容", "号码牌"]),
        (
            RUBRIC_POINTS_PATTERN,
            ["标准分（100分）", "权重分", "评分标准", "自评表", "各项分值", "扣分标准"],
            ["创建标准", "考核内容"],
        ),
        (RUBRIC_ASSESSMENT_PATTERN, ["考核内容", "考评办法", "考核细则"], ["工作任务", "名单"]),
        (COMMITTEE_PATTERN, ["组长", "成员单位", "职务"], ["姓名", "单位"]),
        (ROSTER_NAME_PATTERN, ["名称", "居委名称", "名单"], ["地址", "序号"]),
        (ROSTER_COMMUNITY_PATTERN, ["居委名称", "社区", "小区名称", "村"], ["名称", "单位"]),
        (ROSTER_CONTEXT_PATTERN, ["街道（乡镇）", "绿色社区创建名单"], ["相关文件", "序号"]),
        (ROSTER_COMPANION_PATTERN, ["序号", "地址", "街道（乡镇）"], ["名称", "时间点"]),
        (SUMMARY_PATTERN, ["汇总表", "2021年完成数量", "合计完成比例"], ["完成比例", "名单"]),
        (FORM_PATTERN, ["申报表", "街道（盖章）", "推荐意见", "填报单位"], ["社区名称"]),
        (RUBRIC_STANDARDS_PATTERN, ["创建标准", "建设标准", "评价标准"], ["标准分", "标准"]),
        (FORM_LINE_PATTERN, ["填报单位：", "联系人:"], ["绿色社区创建名单"]),
        (DATE_LINE_PATTERN, ["2021年1月7日", "2022 年 1 月 7 日印发"], ["2021年计划表"]),
        (PROSE_PATTERN, ["现通知如下。", "甲，乙", "甲；乙"], ["创建标准（试行）"]),
    ],
)
def test_kind_and_cell_patterns(pattern, matching: list[str], not_matching: list[str]) -> None:
    assert all(pattern.search(text) for text in matching)
    assert not any(pattern.search(text) for text in not_matching)


# --- steps ------------------------------------------------------------------------------


def test_is_title_row() -> None:
    assert is_title_row(cells("计划表"))
    assert is_title_row(cells("计划表", ("", True)))
    assert not is_title_row(cells("计划表", ""))
    assert not is_title_row(cells(("", True), "甲"))


def test_is_body_row() -> None:
    assert is_body_row(cells("内容", "5"))
    assert is_body_row(cells("坚持美好环境与幸福生活共同缔造理念，各主体共同参与"))
    assert not is_body_row(cells("序号", "标准分（100分）", ""))


def test_header_word_count() -> None:
    assert header_word_count(cells("时间点", "序号", "居委名称", "地址")) == 4
    assert header_word_count(cells("单位", "某某街道")) == 2
    assert header_word_count(cells("合格", "一般", "良好")) == 0


def test_is_header_continuation() -> None:
    top = cells("序号", "权重分", "得分")
    assert is_header_continuation(cells("", "合格", "一般", "良好", ""), top, 5)
    assert not is_header_continuation(cells("1", "4", "5", "6", ""), top, 5)
    assert not is_header_continuation(cells("甲", "乙", "丙", "丁", "戊"), top, 5)
    assert not is_header_continuation(cells("……", "", ""), top, 3)


def test_widen_spanning_cell() -> None:
    row = cells("内容", "创建标准", "得分")
    assert [c.text for c in widen_spanning_cell(row, 1, 4)] == [
        "内容",
        "创建标准",
        "创建标准",
        "得分",
    ]
    assert [c.text for c in widen_spanning_cell(row, 9, 4)] == ["内容", "创建标准", "得分", "得分"]
    assert [c.text for c in widen_spanning_cell(row, 0, 3)] == ["内容", "创建标准", "得分"]


def test_blank_share() -> None:
    assert blank_share([cells("甲", ""), cells("", "")]) == 0.75
    assert blank_share([]) == 0.0


def test_fill_merged_header_across_then_down() -> None:
    M = ("", True)
    header = [cells("序号", "权重分", M, "得分"), cells(M, "合格", "一般", M)]
    assert texts(fill_merged_header(header)) == [
        ["序号", "权重分", "权重分", "得分"],
        ["序号", "合格", "一般", "得分"],
    ]


def test_fill_merged_header_span_from_the_left_in_a_lower_row() -> None:
    header = [cells("序号", "考核内容", "分值"), cells(("", "above"), "内容", ("", "left"))]
    assert texts(fill_merged_header(header))[1] == ["序号", "内容", "内容"]


def test_is_roster_header() -> None:
    assert is_roster_header(None, ["时间点", "序号", "居委名称", "地址"])
    assert is_roster_header(None, ["序号", "街道（乡镇）", "名称"])
    assert is_roster_header("绿色社区创建名单", ["序号", "名称"])
    assert not is_roster_header("相关文件", ["序号", "文件名称", "文号"])
    assert not is_roster_header(None, ["社区名称"])


def test_split_title_rows_takes_leading_one_cell_rows() -> None:
    rows = [cells("计划表"), cells("序号", "名称"), cells("1", "甲社区")]
    assert split_title_rows(rows) == 1


def test_split_title_rows_takes_a_spanning_docx_title_row() -> None:
    rows = [cells("计划表", ("", True), ("", True)), cells("序号", "名称", "地址")]
    assert split_title_rows(rows) == 1
    assert (
        split_title_rows([cells("单位", "某街道", ("", True)), cells("序号", "名称", "地址")]) == 0
    )


def test_split_title_rows_keeps_a_lone_one_cell_table() -> None:
    assert split_title_rows([cells("某某办公室  2022年1月7日印发")]) == 0
    assert split_title_rows([cells("社区名称"), cells("甲社区"), cells("乙社区")]) == 0
    assert split_title_rows([cells("序号", "名称"), cells("1", "甲")]) == 0


def test_find_header_rows_two_row_header() -> None:
    rows = [cells(*r) for r in TWO_ROW_HEADER]
    assert find_header_rows(rows, 8) == (0, 2)


def test_find_header_rows_skips_a_caption_row() -> None:
    rows = [cells(*r) for r in ROSTER[1:]]
    assert find_header_rows(rows, 4) == (1, 1)


def test_find_header_rows_none_in_a_signature_block() -> None:
    rows = [cells("某县民政局", "", "某县公安局"), cells("某县水利局", "", "")]
    assert find_header_rows(rows, 3) == (0, 0)


def test_find_header_rows_none_when_the_first_row_has_blanks() -> None:
    rows = [cells("社区名称", "", "社区地址", ""), cells("社区面积", "", "考评时间", "")]
    assert find_header_rows(rows, 4) == (0, 0)


def test_find_header_rows_second_row_needs_a_span() -> None:
    rows = [cells("县（市、区）", "完成数量", "完成比例"), cells("……", "", "")]
    assert find_header_rows(rows, 3) == (0, 1)


def test_find_header_rows_second_row_under_merged_cells() -> None:
    top = cells("序号", "权重分", ("", True), ("", True), "得分")
    below = cells("", "合格", "一般", "良好", "")
    assert find_header_rows([top, below, cells("1", "4", "5", "6", "")], 5) == (0, 2)


def test_expand_and_flatten_two_row_header() -> None:
    header = [cells(*TWO_ROW_HEADER[0]), cells(*TWO_ROW_HEADER[1])]
    body = [cells(*r) for r in TWO_ROW_HEADER[2:]]
    assert flatten_header(expand_header(header, body, 8)) == [
        "序号",
        "内容",
        "创建标准",
        "分值",
        "权重分/合格",
        "权重分/一般",
        "权重分/良好",
        "得分",
    ]


def test_expand_short_header_repeats_the_cell_over_the_number_column() -> None:
    header = [cells(*SHORT_HEADER[0])]
    body = [cells(*r) for r in SHORT_HEADER[1:]]
    assert flatten_header(expand_header(header, body, 5)) == [
        "内容",
        "创建标准",
        "创建标准",
        "标准分（100分）",
        "得分（分）",
    ]


def test_expand_short_header_number_column_after_points() -> None:
    header = [cells("内容", "分值", "建设标准", "评分标准")]
    body = [cells("机制", "6", "1", "坚持", "缺文件扣3分"), cells("", "6", "2", "搭建", "扣3分")]
    assert flatten_header(expand_header(header, body, 5)) == [
        "内容",
        "分值",
        "建设标准",
        "建设标准",
        "评分标准",
    ]


def test_expand_short_header_without_a_number_column_pads_empty() -> None:
    header = [cells("序号", "名称")]
    body = [cells("1", "甲", "备用"), cells("2", "乙", "")]
    assert flatten_header(expand_header(header, body, 3)) == ["序号", "名称", ""]


def test_flagged_two_row_header_fills_across_then_down() -> None:
    M = ("", True)
    layout: Layout = [
        ["序号", "内容", "权重分", M, M, "得分"],
        [M, M, "合格", "一般", "良好", M],
        ["1", "机制", "4", "5", "6", ""],
        [M, "议事", "3", "3.5", "4", ""],
    ]
    _, recovered = only_table(layout)
    assert recovered.header_rows == 2
    assert recovered.table.header == [
        "序号",
        "内容",
        "权重分/合格",
        "权重分/一般",
        "权重分/良好",
        "得分",
    ]
    assert recovered.table.rows == [
        ["1", "机制", "4", "5", "6", ""],
        ["1", "议事", "3", "3.5", "4", ""],
    ]


def test_sequence_columns_needs_rising_numbers() -> None:
    body = [cells("甲", "1", "5"), cells("", "2", "5"), cells("", "3", "5")]
    assert sequence_columns(body, 3) == [1]
    assert sequence_columns([cells("甲", "1")], 2) == []


def test_square_rows_first_cell_spans_under_a_header() -> None:
    (row,) = square_rows([cells("合计", "15", "")], 5, span_first=True)
    assert [c.text for c in row] == ["合计", "合计", "合计", "15", ""]


def test_square_rows_last_cell_spans_in_a_headerless_table() -> None:
    (row,) = square_rows([cells("推荐意见", "（盖章）")], 4, span_first=False)
    assert [c.text for c in row] == ["推荐意见", "（盖章）", "（盖章）", "（盖章）"]


def test_square_rows_complete_rows_are_padded_at_the_end() -> None:
    rows = square_rows([cells("1", "甲", "10"), cells("合计", "10")], 4, True, complete=3)
    assert texts(rows) == [["1", "甲", "10", ""], ["合计", "合计", "10", ""]]


def test_usual_width_skips_total_rows() -> None:
    rows = [cells("1", "甲", "10"), cells("2", "乙", "5"), cells("合计", "15")]
    assert usual_width(rows) == 3
    assert usual_width([]) == 0


def test_a_row_longer_than_its_header_is_kept_with_a_warning() -> None:
    doc, recovered = only_table(
        [["序号", "名称", "分值"], ["1", "组织领导", "10"], ["2", "宣传工作", "5", "另计"]]
    )
    assert recovered.table.header == ["序号", "名称", "分值", ""]
    assert recovered.table.rows == [["1", "组织领导", "10", ""], ["2", "宣传工作", "5", "另计"]]
    (warning,) = table_warnings(doc, [recovered])
    assert warning.code == "table_columns_without_header"
    assert "序号 | 名称 | 分值" in warning.message
    assert warning.evidence.quote == "2\t宣传工作\t5\t另计"


def test_a_short_row_without_merge_marks_warns_its_span_is_guessed() -> None:
    doc, recovered = only_table(
        [["序号", "名称", "分值"], ["1", "组织领导", "10"], ["宣传工作", "5"]]
    )
    (warning,) = table_warnings(doc, [recovered])
    assert warning.code == "table_row_spans_guessed"
    assert warning.evidence.quote == "宣传工作\t5"


def test_a_short_total_row_or_a_marked_merge_gives_no_warning() -> None:
    doc, recovered = only_table(
        [
            ["序号", "名称", "分值"],
            ["1", "组织领导", "10"],
            [("", "above"), "宣传", "5"],
            ["合计", "15"],
        ]
    )
    assert table_warnings(doc, [recovered]) == []


def test_a_table_of_figures_without_header_warns() -> None:
    doc, recovered = only_table(
        "2021年目标", [["1", "甲社区", "10"], ["2", "乙社区", "20"], ["3", "丙社区", "30"]]
    )
    assert recovered.table.header == []
    (warning,) = table_warnings(doc, [recovered])
    assert warning.code == "table_header_not_found"
    assert "2021年目标" in warning.message


def test_a_list_of_names_or_a_form_without_header_does_not_warn() -> None:
    doc, recovered = only_table([["甲县民政局", "", "乙县公安局"], ["丙县水利局", "", ""]])
    assert table_warnings(doc, [recovered]) == []
    doc, recovered = only_table(
        [["社区名称", "", "社区地址", ""], ["常住人口", "", "联系电话", ""]]
    )
    assert table_warnings(doc, [recovered]) == []


def test_label_columns_passes_number_columns_and_stops_at_text() -> None:
    header = ["序号", "内容", "创建标准", "分值", "得分"]
    body = [
        cells("1", "机制", "坚持", "6", ""),
        cells("2", "", "搭建", "4", ""),
        cells("合计", "合计", "合计", "10", ""),
    ]
    assert label_columns(header, body) == [1]


def test_label_columns_none_without_header() -> None:
    assert label_columns([], [cells("甲", ""), cells("", "")]) == []


def test_label_columns_value_header_is_no_label() -> None:
    header = ["得分", "内容"]
    assert label_columns(header, [cells("5", "甲"), cells("", "乙")]) == []


def test_fill_merged_cells_fills_labels_keeps_blanks() -> None:
    body = [
        cells("第一批（2021年）", "1", "甲居委会", ""),
        cells("", "2", "乙居委会", ""),
        cells("", "合计", "2", ""),
    ]
    filled = fill_merged_cells(body, [0])
    assert texts(filled) == [
        ["第一批（2021年）", "1", "甲居委会", ""],
        ["第一批（2021年）", "2", "乙居委会", ""],
        ["", "合计", "2", ""],
    ]
    # the filled position carries the offsets of the cell it repeats
    assert filled[1][0] is body[0][0]


def test_fill_merged_cells_always_fills_flagged_cells() -> None:
    M = ("", True)
    body = [cells("甲", "1", "5"), cells(M, "2", M), cells("合计", M, "8")]
    assert texts(fill_merged_cells(body, [])) == [
        ["甲", "1", "5"],
        ["甲", "2", "2"],
        ["合计", "合计", "8"],
    ]
    assert texts(fill_merged_cells(body, [2]))[1] == ["甲", "2", "5"]


def test_fill_merged_cells_follows_the_readers_merge_origin() -> None:
    # a row span in a value column (not a label column) still fills from above, and a
    # column span in the first column of a later row fills from its left neighbour only
    # when it has one
    body = [
        cells("1", "组织领导", "10"),
        cells("2", "宣传工作", ("", "above")),
        cells(("", "above"), "日常工作", "5"),
        cells("3", ("", "left"), "2"),
    ]
    assert texts(fill_merged_cells(body, [])) == [
        ["1", "组织领导", "10"],
        ["2", "宣传工作", "10"],
        ["2", "日常工作", "5"],
        ["3", "3", "2"],
    ]


def test_fill_merged_cells_flagged_form_field_spans_across() -> None:
    M = ("", True)
    body = [cells("社区名称", "", "社区地址", ""), cells("自查评分", "", M, M)]
    assert texts(fill_merged_cells(body, [])) == [
        ["社区名称", "", "社区地址", ""],
        ["自查评分", "", "", ""],
    ]


def test_fill_merged_cells_flagged_row_span_fills_across() -> None:
    body = [cells("1", "甲", "5"), cells("附加项", ("", True), ("", True)), cells("2", "乙", "3")]
    assert texts(fill_merged_cells(body, [])) == [
        ["1", "甲", "5"],
        ["附加项", "附加项", "附加项"],
        ["2", "乙", "3"],
    ]


def test_is_total_row() -> None:
    assert is_total_row(cells("", "合 计", "21"))
    assert is_total_row(cells("", "总  分", "100"))  # label in the 考核项目 column
    assert is_total_row(cells("总分", "", "100"))
    assert not is_total_row(cells("1", "合计社区", "21"))
    assert not is_total_row(cells("1", "总分", "21"))


@pytest.mark.parametrize(
    ("title", "header", "body", "kind"),
    [
        (None, ["内容", "创建标准", "创建标准", "标准分（100分）", "得分（分）"], [], "rubric"),
        ("创建标准（试行）", ["内容", "创建标准", "创建标准"], [], "rubric"),
        (None, ["序号", "街道（乡镇）", "名称"], [], "roster"),
        (None, ["时间点", "序号", "居委名称", "地址"], [], "roster"),
        (None, ["职务", "姓名", "单位"], [], "committee"),
        ("任务完成情况汇总表", ["县（市、区）", "完成数量"], [], "summary"),
        ("绿色社区创建申报表", [], [cells("社区名称", "", "社区地址", "")], "form"),
        (None, [], [cells("名称", "", "", ""), cells("地址", "", "", "")], "form"),
        (None, [], [cells("某县民政局", "", "某县公安局")], "other"),
        ("相关文件", ["序号", "文件名称", "文号"], [], "other"),
        ("绿色社区创建名单", ["序号", "名称"], [], "roster"),
        (None, ["序号", "名称"], [], "other"),
        (None, ["社区"], [], "other"),
        (None, ["任务", "牵头单位", "配合单位", "完成时限"], [], "other"),
        (None, ["项目", "时间"], [cells("甲", "2021年")], "other"),
        # any scoring table: 考核/考评/评分/分值 words in the header or the title
        ("某县考核细则", ["序号", "考核项目", "各项分值", "考核内容", "评分标准"], [], "rubric"),
        (None, ["考核内容", "考核要点"], [], "rubric"),
        (None, ["考评项目", "考评办法"], [], "rubric"),
        ("年度目标考核评分表", ["序号", "项目", "要求"], [], "rubric"),
        ("年度考核细则", ["序号", "工作内容", "标准"], [], "rubric"),
        # … but not a task table, a roster or a committee that a 考核 title sits over
        ("年度考核任务分解表", ["序号", "工作任务", "牵头单位", "完成时限"], [], "other"),
        (None, ["序号", "考核任务", "责任单位", "完成时间"], [], "other"),
        ("考核工作领导小组", ["职务", "姓名", "单位"], [], "committee"),
        ("2022年考核社区名单", ["序号", "社区名称", "地址"], [], "roster"),
        ("2022年度考核对象名单", ["序号", "单位名称", "联系人"], [], "other"),
    ],
)
def test_classify_table(title, header, body, kind) -> None:
    assert classify_table(title, header, body) == kind


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("绿色社区创建名单", "绿色社区创建名单"),
        ("附件1：绿色社区创建标准（试行）", "绿色社区创建标准（试行）"),
        # a single attachment's label has no number, in either width
        ("附件：某区重点任务分解表", "某区重点任务分解表"),
        ("附件:某区重点任务分解表", "某区重点任务分解表"),
        ("附件2：", None),
        ("附件", None),
        ("填报单位：（盖章）    填报时间：", None),
        ("说明：创建得分须不低于80分。", None),
        ("四、推进措施", None),
        ("2021年1月7日", None),
        ("2022年1月7日印发", None),
        ("2021年绿色社区创建计划表", "2021年绿色社区创建计划表"),
        # a lead-in line names the table before 如下：/ 见下表：, in either width
        ("各乡镇无障碍环境建设工作考核评分标准如下：", "各乡镇无障碍环境建设工作考核评分标准"),
        ("具体任务分工如下:", "具体任务分工"),
        ("2024年度考核指标见下表：", "2024年度考核指标"),
        # a lead-in without a table's kind of name, or prose, is none
        ("具体要求如下：", None),
        ("经研究，考核评分标准如下：", None),
    ],
)
def test_title_from_paragraph(text: str, title: str | None) -> None:
    assert title_from_paragraph(text) == title


@pytest.mark.parametrize(
    ("row", "spanning"),
    [
        (["一、强化组织保障"] * 6, True),  # filled across from a docx/Word-export span
        (["", "二、推进重点工程", "二、推进重点工程"], True),
        (["1", "建立工作机制", "县发改局", "县发改局"], False),  # one unit in two columns
        (["一、强化组织保障", "", ""], False),  # one cell: a pipe table's group row, no span
        (["", "", ""], False),
    ],
)
def test_is_spanning_row(row: list[str], spanning: bool) -> None:
    assert is_spanning_row(row) is spanning


def test_preceding_title_skips_a_fill_in_line() -> None:
    doc = document("附件2", "任务完成情况汇总表", "填报单位：（盖章）", [["县（市、区）", "数量"]])
    assert preceding_title(doc.blocks, 3) == "任务完成情况汇总表"


def test_preceding_title_stops_at_an_attachment_label() -> None:
    doc = document("某某标准", "附件2：", [["序号", "名称"]])
    assert preceding_title(doc.blocks, 2) is None


def test_preceding_title_stops_at_prose() -> None:
    doc = document("根据有关文件精神，现通知如下。", [["某县民政局", "", "某县公安局"]])
    assert preceding_title(doc.blocks, 1) is None


def test_split_stacked_tables_at_a_title_row_with_its_own_header() -> None:
    doc = document([*ROSTER, ["2022年绿色社区创建计划表"], *ROSTER[2:4]])
    parts = split_stacked_tables(doc.tables[0])
    assert [len(p.rows) for p in parts] == [6, 3]
    assert doc.text[parts[1].start : parts[1].end].startswith("2022年绿色社区创建计划表\n")


def test_split_stacked_tables_keeps_a_section_row_inside_a_rubric() -> None:
    doc = document([["序号", "内容", "分值"], ["1", "甲", "5"], ["附加项"], ["2", "乙", "3"]])
    assert split_stacked_tables(doc.tables[0]) == [doc.tables[0]]


# --- whole tables -----------------------------------------------------------------------


def test_recover_two_row_header_rubric() -> None:
    doc, recovered = only_table("绿色社区创建标准自评表", TWO_ROW_HEADER)
    table = recovered.table
    assert table.kind == "rubric"
    assert table.title == "绿色社区创建标准自评表"
    assert recovered.header_rows == 2
    assert table.rows == [
        ["1", "（一）机制建设（20分）", "坚持共同缔造理念，各主体共同参与", "6", "4", "5", "6", ""],
        ["2", "（一）机制建设（20分）", "充分利用现有沟通议事平台", "4", "3", "3.5", "4", ""],
        ["合计", "合计", "合计", "10", "7", "8.5", "10", ""],
    ]
    assert table.evidence.quote == doc.text[table.evidence.start : table.evidence.end]
    assert table.evidence.quote.startswith("序号\t内容")


def test_recover_short_header_rubric() -> None:
    _, recovered = only_table("某县绿色社区创建标准（试行）", SHORT_HEADER)
    assert recovered.table.header == [
        "内容",
        "创建标准",
        "创建标准",
        "标准分（100分）",
        "得分（分）",
    ]
    assert recovered.table.rows[1] == [
        "建立健全机制",
        "2",
        "搭建沟通议事平台，开展多种形式基层协商",
        "5",
        "",
    ]
    assert recovered.table.rows[-1] == ["合计分值", "合计分值", "合计分值", "15", ""]
    assert all(len(row) == 5 for row in recovered.grid)


def test_recover_roster_with_title_and_caption_rows() -> None:
    doc, recovered = only_table("附件1", ROSTER)
    assert recovered.table.title == "2021年绿色社区创建计划表"
    assert recovered.table.kind == "roster"
    assert (recovered.title_rows, recovered.header_rows) == (2, 1)
    assert [row[0] for row in recovered.table.rows] == ["第一批（2021年）"] * 3
    grid = body_grid(recovered)
    assert len(grid) == len(recovered.table.rows) == 3
    assert grid[2][0].text == "第一批（2021年）"
    assert doc.text[grid[2][2].start : grid[2][2].end] == "丙居委会"


def test_recover_headerless_signature_block() -> None:
    _, recovered = only_table(
        "根据上级文件，制定本方案。",
        [
            ["某县住建局", "", "某县发改局"],
            ["某县民政局", "", ""],
            ["某县水利局", "", "某县公安局"],
        ],
    )
    assert recovered.table.header == []
    assert recovered.table.kind == "other"
    assert recovered.table.title is None
    assert recovered.table.rows[1] == ["某县民政局", "", ""]


def test_recover_form_keeps_blank_fields() -> None:
    _, recovered = only_table(
        "附件3：",
        "绿色社区创建申报表",
        [["社区名称", "", "社区地址", ""], ["自查评分", ""], ["推荐意见", "街道（盖章）"]],
    )
    assert recovered.table.kind == "form"
    assert recovered.table.rows == [
        ["社区名称", "", "社区地址", ""],
        ["自查评分", "", "", ""],
        ["推荐意见", "街道（盖章）", "街道（盖章）", "街道（盖章）"],
    ]


def test_recover_tables_splits_stacked_rosters() -> None:
    doc = document(
        [
            *ROSTER,
            ["2022年绿色社区创建计划表"],
            *ROSTER[1:3],
            ["第二批（2022年）", "1", "丁", "丁路"],
        ]
    )
    first, second = recover_tables(doc, [])
    assert second.table.title == "2022年绿色社区创建计划表"
    assert second.table.rows == [["第二批（2022年）", "1", "丁", "丁路"]]
    assert second.table.evidence.quote.startswith("2022年绿色社区创建计划表")
    assert first.table.evidence.quote.endswith("丙路3号")


def test_recover_tables_on_document_without_tables() -> None:
    assert recover_tables(document("一、创建目标"), []) == []


def test_recover_tables_ignores_empty_blocks() -> None:
    doc = document("甲")
    empty = TableBlock(rows=(), start=0, end=0)
    doc = Document(text=doc.text, blocks=(*doc.blocks, empty), source=doc.source)
    assert recover_tables(doc, []) == []


# --- corpus (values checked by hand against corpus/*.txt) --------------------------------


def corpus_structure(name: str):
    from extractor.pipeline import build_structure
    from extractor.readers import read_document
    from tests.conftest import CORPUS

    return build_structure(read_document(CORPUS / f"{name}.txt"))


def corpus_tables(name: str):
    return corpus_structure(name).tables


def summary(tables) -> list[tuple[str, str | None, int, int]]:
    return [(t.table.kind, t.table.title, len(t.table.header), len(t.table.rows)) for t in tables]


def test_corpus_hangtai_tables() -> None:
    bureaus, rubric, roster = corpus_tables("hangtai")
    assert summary([bureaus, rubric, roster]) == [
        ("other", None, 0, 6),
        ("rubric", "桓台县绿色社区创建标准（试行）", 5, 21),
        ("roster", "桓台县绿色社区创建名单", 3, 22),
    ]
    assert bureaus.table.rows[2] == ["桓台县民政局", "", ""]
    assert rubric.table.header == ["内容", "创建标准", "创建标准", "标准分（100分）", "得分（分）"]
    assert rubric.table.rows[4] == [
        "推进社区基础设施绿色化",
        "5",
        "社区内各类基础设施比较完善",
        "5",
        "",
    ]
    assert rubric.table.rows[13][:2] == ["提高社区信息化智能化水平", "14"]
    assert rubric.table.rows[-1] == ["合计分值", "合计分值", "合计分值", "100", ""]
    assert roster.table.header == ["序号", "街道（乡镇）", "名称"]
    assert roster.table.rows[15] == ["16", "索镇", "永安社区"]
    assert roster.table.rows[-1] == ["", "合计", "21"]


def test_corpus_wusong_tables() -> None:
    first, second, rubric, form = corpus_tables("wusong")
    assert summary([first, second, rubric, form]) == [
        ("roster", "2021年绿色社区创建计划表", 4, 16),
        ("roster", "2022年绿色社区创建计划表", 4, 12),
        ("rubric", "绿色社区创建标准自评表", 8, 30),
        ("form", "绿色社区创建申报表", 0, 10),
    ]
    assert (first.title_rows, first.header_rows) == (2, 1)
    assert first.table.header == ["时间点", "序号", "居委名称", "地址"]
    assert [row[0] for row in first.table.rows] == ["第一批（2021年）"] * 16
    assert first.table.rows[15] == ["第一批（2021年）", "16", "海江新村居委会", "塘后路203弄22号"]
    assert [row[0] for row in second.table.rows] == ["第二批（2022年）"] * 12
    assert rubric.header_rows == 2
    assert rubric.table.header == [
        "序号",
        "内容",
        "创建标准",
        "分值",
        "权重分/合格",
        "权重分/一般",
        "权重分/良好",
        "得分",
    ]
    assert rubric.table.rows[1] == [
        "2",
        "（一）建立健全社区人居环境建设和整治机制（20分）",
        "充分利用现有沟通议事平台",
        "4",
        "3",
        "3.5",
        "4",
        "",
    ]
    assert rubric.table.rows[28][1] == "（六）创新特色项目（10分）"
    assert rubric.table.rows[-1] == ["合计", "合计", "合计", "110", "73", "91.5", "110", ""]
    assert form.table.rows[0] == ["社区名称", "", "社区地址", ""]
    assert form.table.rows[5] == ["自查评分", "", "", ""]


def test_corpus_zhaoxiang_has_no_tables() -> None:
    assert corpus_tables("zhaoxiang") == []


def test_corpus_qingyang_tables() -> None:
    (standards,) = corpus_tables("qingyang")
    assert summary([standards]) == [("rubric", "绿色社区创建标准（试行）", 3, 16)]
    assert standards.table.header == ["内容", "创建标准", "创建标准"]
    assert standards.table.rows[9] == [
        "营造社区宜居环境",
        "10",
        "对噪音扰民等问题进行了有效治理",
    ]


def test_corpus_zhejiang_tables() -> None:
    rubric, report = corpus_tables("zhejiang")
    assert summary([rubric, report]) == [
        ("rubric", "绿色社区建设评估参考标准", 5, 17),
        ("summary", "绿色社区建设任务完成情况汇总表", 8, 4),
    ]
    assert rubric.table.header == ["内容", "分值", "建设标准", "建设标准", "评分标准"]
    assert rubric.table.rows[11][:3] == ["强化智能安全的社区管理", "6", "12"]
    assert rubric.table.rows[-1][:3] == ["附加", "4", "17"]
    assert report.table.header[0] == "县（市、区）"
    assert report.table.header[-1] == "合计完成比例"
    assert report.table.rows[-1] == ["地区合计", "/", "", "", "/", "", "", ""]


@pytest.mark.parametrize("name", ["hangtai", "wusong", "qingyang", "zhejiang"])
def test_corpus_grids_are_square_and_evidence_exact(name: str) -> None:
    structure = corpus_structure(name)
    for recovered in structure.tables:
        width = max(len(row) for row in recovered.grid)
        assert all(len(row) == width for row in recovered.grid)
        assert len(recovered.grid) == len(recovered.block.rows)
        if recovered.table.header:
            assert width == len(recovered.table.header)
        evidence = recovered.table.evidence
        assert evidence.quote == structure.doc.text[evidence.start : evidence.end]
        assert evidence.start == recovered.block.start


@pytest.mark.parametrize("name", ["hangtai", "wusong", "qingyang", "zhejiang"])
def test_corpus_docx_tables_match_txt_tables(name: str) -> None:
    """The .docx flags merges the .txt leaves blank: both recover the same tables."""
    from extractor.pipeline import build_structure
    from extractor.readers import read_document
    from tests.conftest import CORPUS

    def recovered(suffix: str) -> list[tuple]:
        structure = build_structure(read_document(CORPUS / f"{name}.{suffix}"))
        return [
            (t.table.kind, t.table.title, t.table.header, t.table.rows, t.header_rows)
            for t in structure.tables
        ]

    assert recovered("docx") == recovered("txt")


def test_header_column_ignores_spaces_and_can_skip() -> None:
    pattern = re.compile(r"街道|乡镇")
    assert header_column(["序号", "街道 （乡镇）", "名称"], pattern) == 1
    assert header_column(["街道", "所属街道"], pattern, skip=0) == 1
    assert header_column(["序号", "名称"], pattern) is None


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            ["2023年市区符合政府安排工作条件", "退役士兵安置任务"],
            "2023年市区符合政府安排工作条件退役士兵安置任务",
        ),
        (["附件2", "某县绿色社区创建", "行动考核评分表"], "某县绿色社区创建行动考核评分表"),
        (["绿色社区创建名单", "2021年创建计划表"], "2021年创建计划表"),  # two titles, not one
        (["各社区要按时报送。", "2021年创建计划表"], "2021年创建计划表"),  # prose above
    ],
)
def test_a_table_title_wrapped_over_two_lines_is_whole(lines: list[str], title: str) -> None:
    _, recovered = only_table(*lines, [["序号", "名称"], ["1", "甲社区"]])
    assert recovered.table.title == title
