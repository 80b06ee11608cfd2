"""Rubric assembly: items, dimensions, totals, pass lines and warnings from scoring tables.

Tables are built by hand the way table recovery hands them over (flattened header, merged
label cells filled down, blank score cells ""), from snippets and from the corpus tables.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.document import Cell, DocumentBuilder, SourceInfo
from extractor.fields.rubrics import (
    NOTE_TOTAL,
    PASS_SCORE,
    extract_rubrics,
    find_pass_line,
    is_spanning_row,
    is_total_row,
    sentence_around,
)
from extractor.models import Evidence, Table
from extractor.structure import RecoveredTable, Structure

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# Between two CJK characters, 1–2 spaces go (the reader's normalisation): 内  容 → 内容
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff]) {1,2}(?=[\u4e00-\u9fff])")


def build_structure(
    source_rows: list[list[str]],
    header: list[str],
    header_rows: int,
    *,
    title: str | None = None,
    before: tuple[str, ...] = (),
    after: tuple[str, ...] = (),
    fill_columns: tuple[int, ...] = (0,),
    kind: str = "rubric",
) -> Structure:
    """A Structure holding one table, recovered as the table stage does it."""
    builder = DocumentBuilder()
    for text in before:
        builder.add_paragraph(text)
    block = builder.add_table(source_rows)
    for text in after:
        builder.add_paragraph(text)
    doc = builder.build(SourceInfo(path="<snippet>", format="txt", sha256="0" * 64))
    width = len(header)
    grid: list[tuple[Cell, ...]] = []
    above: dict[int, Cell] = {}
    for r, row in enumerate(block.rows):
        cells = list(row)
        pad_at = cells[-1].end if cells else block.end
        cells += [Cell(text="", start=pad_at, end=pad_at)] * (width - len(cells))
        is_total = any(re.fullmatch(r"合计分?值?", c.text) for c in cells)
        if r >= header_rows and not is_total:
            for column in fill_columns:
                if cells[column].text.strip():
                    above[column] = cells[column]
                elif column in above:
                    cells[column] = above[column]
        grid.append(tuple(cells))
    rows = [[cell.text for cell in row] for row in grid[header_rows:]]
    table = Table(
        title=title,
        kind=kind,
        header=header,
        rows=rows,
        evidence=doc.evidence(block.start, block.end),
    )
    recovered = RecoveredTable(table=table, block=block, grid=tuple(grid), header_rows=header_rows)
    return Structure(doc=doc, sections=[], tables=[recovered])


def corpus_table(name: str, after_line: str) -> tuple[list[list[str]], list[str]]:
    """The first table after the line `after_line` of a corpus file, and the lines after it.

    Cells start with a tab, a cell's further lines are joined on, a blank line ends a row.
    """
    lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == after_line)
    rows: list[list[str]] = []
    row: list[str] = []
    index = start + 1
    while not lines[index].startswith("\t"):
        index += 1
    while index < len(lines):
        line = lines[index]
        if line.startswith("\t"):
            row.append(line[1:])
        elif line.strip() and row:
            row[-1] += line
        elif not line.strip():
            if row:
                rows.append([CJK_GAP.sub("", cell.strip(" \u00a0")) for cell in row])
                row = []
            elif rows and index + 1 < len(lines) and not lines[index + 1].startswith("\t"):
                break
        else:
            break
        index += 1
    after = [line.strip() for line in lines[index:] if line.strip()][:3]
    return rows, after


def quote(evidence: Evidence | None) -> str | None:
    """The quoted text of an evidence, None without one."""
    return evidence.quote if evidence else None


# --- patterns -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("说明：绿色社区创建得分须不低于80分。", 80.0),
        ("备注：总分110分，自评达到85分以上可申报创建达标", 85.0),
        ("各项相加之和达到80分以上，即达到“绿色社区”标准", 80.0),
        ("得分在75分及以上的为合格", 75.0),
        ("总分110分", None),
        ("满分100分，逐项打分", None),
    ],
)
def test_pass_score_pattern(text: str, score: float | None) -> None:
    match = PASS_SCORE.search(text)
    found = float(match.group("score") or match.group("score_after")) if match else None
    assert found == score


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("备注：总分110分，自评达到85分以上", "110"),
        ("满分为100分", "100"),
        ("总分值 120 分", "120"),
        ("达到80分以上", None),
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


@pytest.mark.parametrize(
    ("row", "total", "spanning"),
    [
        (["合计", "110", "73", "91.5", "110", ""], True, False),
        (["合计分值", "合计分值", "100", ""], True, False),
        (["内容", "1", "某标准", "5", ""], False, False),
        (["某单位印发", "某单位印发", "某单位印发"], False, True),
    ],
)
def test_total_and_spanning_rows(row: list[str], total: bool, spanning: bool) -> None:
    assert is_total_row(row) is total
    if not total:
        assert is_spanning_row(row) is spanning


# --- snippets -------------------------------------------------------------------------

LEVEL_HEADER = [
    "序号",
    "内容",
    "创建标准",
    "分值",
    "权重分/合格",
    "权重分/一般",
    "权重分/良好",
    "得分",
]
LEVEL_SOURCE = [
    ["序号", "内容", "创建标准", "分值", "权重分", "得分"],
    ["", "", "", "", "合格", "一般", "良好", ""],
    ["1", "（一）建立机制（10分）", "居民参与（80%以上得6分）", "6", "4", "5", "6", ""],
    ["2", "", "议事平台", "4", "3", "3.5", "4", ""],
    ["3", "(二)附加项目", "获得示范称号", "2", "1", "1.5", "2", ""],
    ["合计", "12", "8", "10", "12", ""],
]


def level_structure(source: list[list[str]] | None = None) -> Structure:
    """A small two-row-header table with level columns and a total row."""
    return build_structure(
        source or LEVEL_SOURCE,
        LEVEL_HEADER,
        2,
        title="创建标准自评表",
        before=("附件2：", "创建标准自评表"),
        after=("备注：总分10分，自评达到8分以上可申报",),
        fill_columns=(1,),
    )


def test_level_table_items_dimensions_and_levels() -> None:
    structure = level_structure()
    [rubric] = extract_rubrics(structure)
    assert rubric.title == "创建标准自评表"
    assert rubric.levels == ["合格", "一般", "良好"]
    assert [(d.name, d.points) for d in rubric.dimensions] == [
        ("建立机制", 10.0),
        ("附加项目", None),
    ]
    first, second = rubric.dimensions[0].items
    assert (first.number, first.criterion, first.note, first.points) == (
        "1",
        "居民参与",
        "80%以上得6分",
        6.0,
    )
    assert first.level_points == {"合格": 4.0, "一般": 5.0, "良好": 6.0}
    assert first.evidence.quote == "居民参与（80%以上得6分）"
    assert second.level_points == {"合格": 3.0, "一般": 3.5, "良好": 4.0}
    [bonus] = rubric.dimensions[1].items
    assert bonus.bonus is True and first.bonus is False
    assert (rubric.pass_score, rubric.pass_rule) == (8.0, "备注：总分10分，自评达到8分以上可申报")
    assert rubric.evidence.quote.startswith("序号\t内容")


def test_level_table_totals_and_warnings() -> None:
    structure = level_structure()
    [rubric] = extract_rubrics(structure)
    # Stated: 合计 row 12 is first after no header total; the note says 10.
    assert rubric.total_points == 12.0
    codes = [(w.code, quote(w.evidence)) for w in structure.warnings]
    # Items without the bonus add to 10: the 合计 row (12, bonus included) mismatches, and
    # so do its level figures 8/10/12 against 7/8.5/10; the note's 10 agrees.
    assert codes == [
        ("points_sum_mismatch", "合计\t12\t8\t10\t12"),
        ("level_total_mismatch", "合计\t12\t8\t10\t12"),
        ("level_total_mismatch", "合计\t12\t8\t10\t12"),
        ("level_total_mismatch", "合计\t12\t8\t10\t12"),
    ]


def test_dimension_subtotal_mismatch_and_duplicate_number() -> None:
    source = [row[:] for row in LEVEL_SOURCE]
    source[3] = ["1", "", "议事平台", "3", "3", "3.5", "4", ""]
    source[5] = ["合计", "9", "7", "8.5", "10", ""]
    structure = level_structure(source)
    extract_rubrics(structure)
    found = [(w.code, quote(w.evidence)) for w in structure.warnings]
    assert ("dimension_points_mismatch", "（一）建立机制（10分）") in found
    assert ("duplicate_item_number", "议事平台") in found
    assert ("points_sum_mismatch", "总分10分") in found
    assert not any(code == "level_total_mismatch" for code, _ in found)


HANGTAI_LIKE_HEADER = ["内容", "创建标准", "创建标准", "标准分（100分）", "得分（分）"]


def test_untitled_number_column_and_header_total() -> None:
    source = [
        ["内容", "创建标准", "标准分（100分）", "得分（分）"],
        ["营造宜居环境", "1", "社区绿地布局合理", "5", " "],
        ["", "2", "社区停车秩序规范", "5", " "],
        ["合计分值", "10", " "],
    ]
    structure = build_structure(
        source, HANGTAI_LIKE_HEADER, 1, after=("说明：创建得分须不低于8分。",)
    )
    [rubric] = extract_rubrics(structure)
    [dimension] = rubric.dimensions
    assert dimension.name == "营造宜居环境" and dimension.points is None
    assert [(i.number, i.criterion, i.points) for i in dimension.items] == [
        ("1", "社区绿地布局合理", 5.0),
        ("2", "社区停车秩序规范", 5.0),
    ]
    assert (rubric.total_points, rubric.pass_score) == (100.0, 8.0)
    # Header says 100, the 合计 row 10: the items (10) disagree with the header only.
    assert [(w.code, quote(w.evidence)) for w in structure.warnings] == [
        ("points_sum_mismatch", "标准分（100分）")
    ]


def test_rules_column_bonus_row_and_computed_total() -> None:
    source = [
        ["内容", "分值", "建设标准", "评分标准"],
        ["强化管理", "6", "1", "建设了安防系统", "未建设扣6分。"],
        ["", "6", "2", "物业覆盖面不低于30%", "覆盖面每降低5%扣1分，最高扣6分。"],
        ["附加", "4", "3", "作出突出贡献的", "获得表彰。"],
    ]
    header = ["内容", "分值", "建设标准", "建设标准", "评分标准"]
    structure = build_structure(source, header, 1, after=("各项相加之和达到10分以上，即达标。",))
    [rubric] = extract_rubrics(structure)
    assert [(d.name, d.points) for d in rubric.dimensions] == [("强化管理", None), ("附加", None)]
    second = rubric.dimensions[0].items[1]
    assert [(r.deduct, r.per, r.cap) for r in second.rules] == [(1.0, "降低5%", 6.0)]
    [bonus] = rubric.dimensions[1].items
    assert (bonus.bonus, bonus.points, bonus.number) == (True, 4.0, "3")
    assert rubric.total_points == 12.0  # 6 + 6, the 附加 item left out
    assert (rubric.pass_score, rubric.pass_rule) == (10.0, "各项相加之和达到10分以上，即达标。")
    assert structure.warnings == []


def test_standards_without_points() -> None:
    source = [
        ["绿色社区创建标准（试行）"],
        ["内容", "创建标准"],
        ["培育绿色文化", "1", "发布了居民公约"],
        ["", "2", "文物古迹得到保护"],
    ]
    structure = build_structure(source, ["内容", "创建标准", "创建标准"], 2, title="标准")
    [rubric] = extract_rubrics(structure)
    assert (rubric.total_points, rubric.pass_score, rubric.levels) == (None, None, [])
    assert [(i.number, i.points) for i in rubric.dimensions[0].items] == [("1", None), ("2", None)]
    assert structure.warnings == []


def test_only_rubric_tables_and_tables_with_a_criterion() -> None:
    roster = build_structure([["序号", "社区名称"], ["1", "某社区"]], ["序号", "社区名称"], 1)
    assert extract_rubrics(roster) == []
    other = build_structure([["序号", "名称"], ["1", "某"]], ["序号", "名称"], 1, kind="roster")
    assert extract_rubrics(other) == []


def test_pass_line_before_the_table_stops_at_the_attachment_label() -> None:
    source = [["内容", "标准"], ["甲", "某标准"]]
    structure = build_structure(
        source,
        ["内容", "标准"],
        1,
        before=("正文：考核达到90分以上的给予表彰。", "附件1", "得分不低于60分为合格。"),
    )
    [rubric] = extract_rubrics(structure)
    assert (rubric.pass_score, rubric.pass_rule) == (60.0, "得分不低于60分为合格。")
