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
    extract_rubrics,
    heading_row_text,
    is_spanning_row,
    is_total_row,
    nearby_paragraphs,
)
from extractor.models import Evidence, Item, Rubric, Rule, Table, Warning
from extractor.pipeline import build_structure as pipeline_structure
from extractor.pipeline import extract_from_document
from extractor.readers import read_document
from extractor.readers.txt import read_txt
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
    [rubric] = extract_rubrics(structure).records
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
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    # Stated: 合计 row 12 is first after no header total; the note says 10.
    assert rubric.total_points == 12.0
    codes = [(w.code, quote(w.evidence)) for w in extracted.warnings]
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
    extracted = extract_rubrics(structure)
    found = [(w.code, quote(w.evidence)) for w in extracted.warnings]
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
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    [dimension] = rubric.dimensions
    assert dimension.name == "营造宜居环境" and dimension.points is None
    assert [(i.number, i.criterion, i.points) for i in dimension.items] == [
        ("1", "社区绿地布局合理", 5.0),
        ("2", "社区停车秩序规范", 5.0),
    ]
    assert (rubric.total_points, rubric.pass_score) == (100.0, 8.0)
    # Header says 100, the 合计 row 10: the items (10) disagree with the header only.
    assert [(w.code, quote(w.evidence)) for w in extracted.warnings] == [
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
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    assert [(d.name, d.points) for d in rubric.dimensions] == [("强化管理", None), ("附加", None)]
    second = rubric.dimensions[0].items[1]
    assert [(r.deduct, r.per, r.cap) for r in second.rules] == [(1.0, "降低5%", 6.0)]
    [bonus] = rubric.dimensions[1].items
    assert (bonus.bonus, bonus.points, bonus.number) == (True, 4.0, "3")
    assert rubric.total_points == 12.0  # 6 + 6, the 附加 item left out
    assert (rubric.pass_score, rubric.pass_rule) == (10.0, "各项相加之和达到10分以上，即达标。")
    assert extracted.warnings == []


def read_snippet_rubric(source: str) -> tuple[Rubric, list[Warning]]:
    """The one rubric of a .txt snippet, read and recovered as the pipeline does it, and
    the warnings of reading it and of the rubric."""
    structure = pipeline_structure(read_txt(Path("snippet.txt"), source.encode()))
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    return rubric, [*structure.warnings, *extracted.warnings]


def test_cells_with_line_breaks_give_joined_values_and_quotes_with_the_breaks() -> None:
    source = (
        "附件1\n绿色社区创建标准\n"
        "\t序号\n\t内容\n\t创建标准\n\t标准分\n（20分）\n\n"
        "\t1\n\t（一）建立健全机制\n（20分）\n\t坚持共同缔造理念\n（80%以上得6分）\n\t6\n\n"
        "\t2\n\t\n\t充分利用现有\n沟通议事平台\n\t14\n\n"
        "\t合计\n\t\n\t\n\t20\n\n"
    )
    rubric, warnings = read_snippet_rubric(source)
    [dimension] = rubric.dimensions
    assert (dimension.name, dimension.points) == ("建立健全机制", 20.0)
    first, second = dimension.items
    assert (first.criterion, first.note, first.points) == ("坚持共同缔造理念", "80%以上得6分", 6)
    assert first.evidence.quote == "坚持共同缔造理念\n（80%以上得6分）"
    assert second.criterion == "充分利用现有沟通议事平台"
    assert second.evidence.quote == "充分利用现有\n沟通议事平台"
    assert rubric.total_points == 20.0 and warnings == []
    text = read_txt(Path("snippet.txt"), source.encode()).text
    for item in (first, second):
        assert text[item.evidence.start : item.evidence.end] == item.evidence.quote


def test_a_rules_cell_with_one_rule_a_line_and_a_two_line_total_label() -> None:
    rubric, warnings = read_snippet_rubric(
        "\t内容\n\t分值\n\t建设标准\n\t评分\n标准\n\n"
        "\t强化\n管理\n\t6\n\t建设了安防系统\n\t未建设扣6分。\n损坏一处扣1分。\n\n"
        "\t合计\n分值\n\t6\n\n"
    )
    [dimension] = rubric.dimensions
    assert dimension.name == "强化管理"
    [item] = dimension.items
    assert [(r.text, r.deduct, r.per) for r in item.rules] == [
        ("未建设扣6分", 6.0, None),
        ("损坏一处扣1分", 1.0, "损坏一处"),
    ]
    assert rubric.total_points == 6.0 and warnings == []


def test_standards_without_points() -> None:
    source = [
        ["绿色社区创建标准（试行）"],
        ["内容", "创建标准"],
        ["培育绿色文化", "1", "发布了居民公约"],
        ["", "2", "文物古迹得到保护"],
    ]
    structure = build_structure(source, ["内容", "创建标准", "创建标准"], 2, title="标准")
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    assert (rubric.total_points, rubric.pass_score, rubric.levels) == (None, None, [])
    assert [(i.number, i.points) for i in rubric.dimensions[0].items] == [("1", None), ("2", None)]
    assert extracted.warnings == []


def test_only_rubric_tables_and_tables_with_a_criterion() -> None:
    roster = build_structure([["序号", "社区名称"], ["1", "某社区"]], ["序号", "社区名称"], 1)
    assert extract_rubrics(roster).records == []
    other = build_structure([["序号", "名称"], ["1", "某"]], ["序号", "名称"], 1, kind="roster")
    assert extract_rubrics(other).records == []


DISTANT_GRADES_PLAN = (
    "某市2024年度生活垃圾分类工作考核细则\n"
    "一、考核方式\n"
    "考核结果分为优秀、良好、合格、不合格四个等次，{bands}\n"
    "二、考核内容及评分标准\n"
    "序号\t考核内容\t分值\t评分标准\n"
    "1\t成立工作专班\t40\t未成立专班扣5分\n"
    "2\t落实工作经费\t60\t经费未列入预算的不得分\n"
    "{after}"
)


@pytest.mark.parametrize(
    "bands",
    [
        "得分90分以上为优秀，80分（含）至90分为良好，60分（含）至80分为合格，60分以下为不合格。",
        "90分以上为优秀,80-89分为良好,60-79分为合格,60分以下为不合格。",
    ],
)
def test_grades_stated_away_from_the_one_table_are_its_grades(bands: str) -> None:
    rubric, warnings = read_snippet_rubric(DISTANT_GRADES_PLAN.format(bands=bands, after=""))
    assert (rubric.levels, rubric.pass_score) == (["不合格", "合格", "良好", "优秀"], 60.0)
    assert rubric.pass_rule is not None and rubric.pass_rule.endswith(bands.replace(",", "，"))
    assert [w.code for w in warnings] == []


def test_two_distant_grade_sentences_are_named_not_given() -> None:
    # which sentence grades the table is not decided: each is named in a warning
    plan = DISTANT_GRADES_PLAN.format(
        bands="得分90分以上为优秀，60分以上为合格。",
        after="三、结果运用\n对乡镇的考核，85分以上为优秀，70分以上为合格。\n",
    )
    rubric, warnings = read_snippet_rubric(plan)
    assert (rubric.levels, rubric.pass_score) == ([], None)
    assert [w.code for w in warnings] == ["rubric_grades_elsewhere"] * 2
    assert "85分以上为优秀" in warnings[1].message


def test_no_grade_sentence_leaves_the_table_without_grades() -> None:
    plan = DISTANT_GRADES_PLAN.format(bands="考核采取日常检查与年终考核相结合的方式。", after="")
    rubric, warnings = read_snippet_rubric(plan)
    assert (rubric.levels, rubric.pass_score, warnings) == ([], None, [])


def test_pass_line_before_the_table_stops_at_the_attachment_label() -> None:
    source = [["内容", "标准"], ["甲", "某标准"]]
    structure = build_structure(
        source,
        ["内容", "标准"],
        1,
        before=("正文：考核达到90分以上的给予表彰。", "附件1", "得分不低于60分为合格。"),
    )
    [rubric] = extract_rubrics(structure).records
    assert (rubric.pass_score, rubric.pass_rule) == (60.0, "得分不低于60分为合格。")


# --- corpus: every value below was checked by hand against the source table -----------

RUBRIC_WARNING_CODES = {
    "points_sum_mismatch",
    "dimension_points_mismatch",
    "level_total_mismatch",
    "duplicate_item_number",
}
_corpus_cache: dict[str, tuple[list[Rubric], Structure]] = {}


def corpus_rubrics(name: str) -> tuple[list[Rubric], Structure]:
    """The rubrics of a corpus plan through the real reader and structure stages."""
    if name not in _corpus_cache:
        structure = pipeline_structure(read_document(CORPUS / f"{name}.txt"))
        _corpus_cache[name] = (extract_rubrics(structure).records, structure)
    return _corpus_cache[name]


def dimension_summary(rubric: Rubric) -> list[tuple[str | None, float | None, int]]:
    """(name, subtotal, number of items) per dimension."""
    return [(d.name, d.points, len(d.items)) for d in rubric.dimensions]


def all_items(rubric: Rubric) -> list[Item]:
    """The items of every dimension, in order."""
    return [item for dimension in rubric.dimensions for item in dimension.items]


def rubric_warnings(structure: Structure) -> list[str]:
    """The codes of the rubric warnings a plan raised."""
    return [w.code for w in structure.warnings if w.code in RUBRIC_WARNING_CODES]


def test_corpus_hangtai_rubric() -> None:
    [rubric], structure = corpus_rubrics("hangtai")
    assert rubric.title == "桓台县绿色社区创建标准（试行）"
    assert (rubric.total_points, rubric.pass_score, rubric.levels) == (100.0, 80.0, [])
    assert rubric.pass_rule == "说明：绿色社区创建得分须不低于80分。"
    assert dimension_summary(rubric) == [
        ("建立健全社区人居环境建设和整治机制", None, 4),
        ("推进社区基础设施绿色化", None, 5),
        ("营造社区宜居环境", None, 4),
        ("提高社区信息化智能化水平", None, 3),
        ("培育社区绿色文化", None, 4),
    ]
    items = all_items(rubric)
    assert [i.number for i in items] == [str(n) for n in range(1, 21)]
    assert {i.points for i in items} == {5.0}
    assert all(i.note is None and not i.rules and not i.bonus for i in items)
    assert items[10].criterion == "社区停车秩序规范，无占压消防、救护等生命通道的情况"
    assert items[12].criterion == "补齐在卫生防疫、养老服务等方面的短板，完善“15分钟生活圈”"
    assert rubric_warnings(structure) == []


def test_corpus_wusong_rubric() -> None:
    [rubric], structure = corpus_rubrics("wusong")
    assert rubric.title == "绿色社区创建标准自评表"
    assert (rubric.total_points, rubric.pass_score) == (110.0, 85.0)
    assert rubric.pass_rule == "备注：总分110分，自评达到85分以上可申报创建达标"
    assert rubric.levels == ["合格", "一般", "良好"]
    assert dimension_summary(rubric) == [
        ("建立健全社区人居环境建设和整治机制", 20.0, 4),
        ("推进社区基础设施绿色化", 20.0, 6),
        ("营造社区宜居环境", 22.0, 5),
        ("提高社区信息化智能化水平", 20.0, 4),
        ("培育社区绿色文化", 18.0, 6),
        ("创新特色项目", 10.0, 4),
    ]
    items = all_items(rubric)
    assert [i.number for i in items] == [str(n) for n in range(1, 30)]
    first = items[0]
    assert (
        first.criterion
        == "坚持美好环境与幸福生活共同缔造理念，各主体共同参与社区人居环境建设和整治工作"
    )
    assert (first.note, first.points) == ("80%以上得6分", 6.0)
    assert first.level_points == {"合格": 4.0, "一般": 5.0, "良好": 6.0}
    assert (items[9].criterion, items[9].note) == (
        "结合屋顶资源建设分布式光伏设施",
        "实施得1分，仅有方案不得分",
    )
    assert (items[11].criterion, items[11].note) == (
        "社区停车秩序规范",
        "划线、编号、归类有序停放机动车和非机动车得5分",
    )
    assert items[23].level_points == {"合格": 1.0, "一般": 1.5, "良好": 2.0}
    # the one deduction written inside a criterion's note becomes a rule; hints stay notes
    assert [(i.number, [(r.deduct, r.per) for r in i.rules]) for i in items if i.rules] == [
        ("16", [(1.0, "损坏一处")])
    ]
    assert [i.note for i in items[19:22]] == [None, None, None]
    assert sum(i.points or 0 for i in items) == 110.0
    assert [sum(i.level_points[level] for i in items) for level in rubric.levels] == [
        73.0,
        91.5,
        110.0,
    ]
    assert rubric_warnings(structure) == []


def test_corpus_qingyang_standards_without_points() -> None:
    [rubric], structure = corpus_rubrics("qingyang")
    assert rubric.title == "绿色社区创建标准（试行）"
    assert (rubric.total_points, rubric.pass_score, rubric.pass_rule) == (None, None, None)
    assert dimension_summary(rubric) == [
        ("建立健全社区人居环境建设和整治机制", None, 3),
        ("推进社区基础设施绿色化", None, 3),
        ("营造社区宜居环境", None, 4),
        ("提高社区信息化智能化水平", None, 2),
        ("培育社区绿色文化", None, 4),
    ]
    items = all_items(rubric)
    assert [i.number for i in items] == [str(n) for n in range(1, 17)]
    assert {i.points for i in items} == {None}
    assert items[11].criterion == "物业管理覆盖面不低于30%"
    assert rubric_warnings(structure) == []


def test_corpus_zhejiang_rules_and_bonus() -> None:
    [rubric], structure = corpus_rubrics("zhejiang")
    assert rubric.title == "绿色社区建设评估参考标准"
    # No total is stated: 16 items × 6 = 96; the 附加 item (4) is a bonus beyond it.
    assert (rubric.total_points, rubric.pass_score, rubric.levels) == (96.0, 80.0, [])
    assert rubric.pass_rule == "各项相加之和达到80分以上，即达到“绿色社区”标准，此标准供各地参考。"
    assert dimension_summary(rubric) == [
        ("建立健全党建引领的治理机制", None, 3),
        ("推进集约高效的基础设施改造", None, 3),
        ("营造绿色宜居的社区环境", None, 4),
        ("强化智能安全的社区管理", None, 2),
        ("培育和睦共治的特色文化", None, 4),
        ("附加", None, 1),
    ]
    items = all_items(rubric)
    assert [i.number for i in items] == [str(n) for n in range(1, 18)]
    assert [i.points for i in items] == [6.0] * 16 + [4.0]
    assert [i.bonus for i in items] == [False] * 16 + [True]
    assert [len(i.rules) for i in items] == [2, 2, 1, 2, 3, 2, 2, 3, 2, 2, 1, 1, 2, 1, 3, 2, 1]

    def rule(number: int, index: int) -> Rule:
        return items[number - 1].rules[index]

    assert (rule(1, 1).deduct, rule(1, 1).deduct_max) == (1.0, 3.0)
    assert (rule(8, 0).deduct, rule(8, 0).per, rule(8, 0).cap) == (1.0, "发现1处", 2.0)
    assert (rule(10, 1).text, rule(10, 1).deduct) == ("低于60%此项不得分", 6.0)  # item scores 0
    assert (rule(11, 0).text, rule(11, 0).deduct) == ("未建设智能化安防系统扣6分", 6.0)
    assert (rule(12, 0).deduct, rule(12, 0).per, rule(12, 0).cap) == (1.0, "降低5%", 6.0)
    assert (rule(14, 0).deduct, rule(14, 0).per, rule(14, 0).cap) == (3.0, "少1次", 6.0)
    assert (rule(17, 0).deduct, rule(17, 0).cap) == (None, None)
    assert rubric_warnings(structure) == []


def test_corpus_zhaoxiang_has_no_rubric() -> None:
    rubrics, structure = corpus_rubrics("zhaoxiang")
    assert rubrics == []
    assert rubric_warnings(structure) == []


def test_total_row_read_in_source_order_whatever_the_squaring() -> None:
    """The 合计 row padded on the right (not filled across) reads the same figures."""
    rows, after = corpus_table("wusong.txt", "绿色社区创建标准自评表")
    header = [
        "序号",
        "内容",
        "创建标准",
        "分值",
        "权重分/合格",
        "权重分/一般",
        "权重分/良好",
        "得分",
    ]
    structure = build_structure(
        rows, header, 2, title="自评表", after=tuple(after), fill_columns=(1,)
    )
    assert structure.tables[0].table.rows[-1] == ["合计", "110", "73", "91.5", "110", "", "", ""]
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    assert (rubric.total_points, rubric.pass_score, len(all_items(rubric))) == (110.0, 85.0, 29)
    assert extracted.warnings == []


def test_changed_level_total_in_the_corpus_table_is_caught() -> None:
    rows, after = corpus_table("wusong.txt", "绿色社区创建标准自评表")
    rows[-1] = ["合计", "110", "73", "92", "110", ""]
    rows[2][3] = "7"  # item 1: 6 → 7 points
    header = [
        "序号",
        "内容",
        "创建标准",
        "分值",
        "权重分/合格",
        "权重分/一般",
        "权重分/良好",
        "得分",
    ]
    structure = build_structure(rows, header, 2, after=tuple(after), fill_columns=(1,))
    extracted = extract_rubrics(structure)
    assert [(w.code, quote(w.evidence)) for w in extracted.warnings] == [
        ("points_sum_mismatch", "合计\t110\t73\t92\t110"),
        ("points_sum_mismatch", "总分110分"),
        ("dimension_points_mismatch", "（一）建立健全社区人居环境建设和整治机制（20分）"),
        ("level_total_mismatch", "合计\t110\t73\t92\t110"),
    ]


def test_heading_row_text() -> None:
    assert heading_row_text(["一、组织领导（20分）", "", "", ""]) == "一、组织领导（20分）"
    assert heading_row_text(["附加分", "附加分", "附加分"]) == "附加分"
    assert heading_row_text(["1", "标准", "5"]) is None
    assert heading_row_text(["5", "", ""]) is None


def test_table_without_dimension_column_takes_heading_rows() -> None:
    source = [
        ["序号", "考核标准", "分值"],
        ["一、组织领导（10分）", "一、组织领导（10分）", "一、组织领导（10分）"],
        ["1", "成立领导小组", "6"],
        ["2", "制定实施方案", "4"],
        ["二、附加分"],
        ["3", "获得表彰", "2"],
    ]
    structure = build_structure(source, ["序号", "考核标准", "分值"], 1, fill_columns=())
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    assert dimension_summary(rubric) == [("组织领导", 10.0, 2), ("附加分", None, 1)]
    assert [i.bonus for i in all_items(rubric)] == [False, False, True]
    assert rubric.total_points == 10.0
    assert extracted.warnings == []


def test_flat_table_is_one_unnamed_dimension() -> None:
    source = [["序号", "评估标准", "分值"], ["1", "成立领导小组", "6"], ["1", "制定方案", "4"]]
    structure = build_structure(source, ["序号", "评估标准", "分值"], 1, fill_columns=())
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    assert dimension_summary(rubric) == [(None, None, 2)]
    assert [w.code for w in extracted.warnings] == ["duplicate_item_number"]


def test_second_content_column_is_the_criterion() -> None:
    source = [["项目", "考核内容", "分值"], ["组织领导", "成立领导小组", "6"]]
    structure = build_structure(source, ["项目", "考核内容", "分值"], 1)
    [rubric] = extract_rubrics(structure).records
    assert [(d.name, [i.criterion for i in d.items]) for d in rubric.dimensions] == [
        ("组织领导", ["成立领导小组"])
    ]


def test_nearby_paragraphs_stop_at_tables_labels_and_headings() -> None:
    builder = DocumentBuilder()
    builder.add_paragraph("附件1")
    before = builder.add_paragraph("考核得分不低于60分。")
    block = builder.add_table([["内容", "标准"], ["甲", "某标准"]])
    after = builder.add_paragraph("说明：得分须不低于80分。")
    heading = builder.add_paragraph("四、保障措施")
    builder.add_paragraph("达到90分以上的给予表彰。")
    doc = builder.build(SourceInfo(path="<snippet>", format="txt", sha256="0" * 64))
    assert nearby_paragraphs(doc, block, frozenset({heading.start})) == [after, before]
    assert nearby_paragraphs(doc, block)[:3] == [after, heading, doc.paragraphs[-1]]


# --- any scoring table: column names and order, dimension rows, names, text points -----


def word_table(rows: list[list[str]]) -> str:
    """Rows in the Word-export layout the txt reader reads: each cell a line after a TAB,
    a blank line after each row; a merged cell is written blank."""
    return "".join("".join(f"\t{cell}\n" for cell in row) + "\n" for row in rows)


def test_dimension_rows_with_subtotals_name_the_items_by_their_label_columns() -> None:
    rubric, warnings = read_snippet_rubric(
        "某县2023年度目标管理考核细则\n"
        + word_table(
            [
                ["序号", "考核项目", "考核项目", "分值", "考核内容", "评分标准", "说明"],
                ["", "总  分", "", "100", "", "", ""],
                ["一、", "共性指标", "", "30", "", "", ""],
                ["1", "组织保障", "组织保障", "20", "成立工作专班", "未成立扣5分", ""],
                ["2", "信息报送", "信息报送", "10", "按月报送进展", "每少一次扣1分", ""],
                ["二、", "个性指标", "", "70", "", "", "各单位按各自70分考核"],
                ["1", "重点单位", "县甲局", "70", "完成年度任务", "按完成比例得分", ""],
                ["2", "", "县乙局", "40", "推进A项工作", "未推进不得分", ""],
                ["", "", "", "30", "推进B项工作", "滞后一个月扣5分", ""],
                ["3", "一般单位", "县丙局", "70", "配合完成任务", "不配合扣10分", ""],
                ["三、", "奖扣分项目", "", "", "受上级表彰或通报", "获国家级表彰的另加5分", ""],
            ]
        )
    )
    assert [(d.name, d.points, len(d.items)) for d in rubric.dimensions] == [
        ("共性指标", 30.0, 2),
        ("个性指标", 70.0, 4),
        ("奖扣分项目", None, 1),
    ]
    common, units, extra = rubric.dimensions
    assert [(i.number, i.name, i.points) for i in common.items] == [
        ("1", "组织保障", 20.0),
        ("2", "信息报送", 10.0),
    ]
    assert [(i.name, i.points) for i in units.items] == [
        ("重点单位/县甲局", 70.0),
        ("重点单位/县乙局", 40.0),
        ("重点单位/县乙局", 30.0),
        ("一般单位/县丙局", 70.0),
    ]
    [bonus] = extra.items
    assert (bonus.bonus, bonus.points, bonus.criterion) == (True, None, "受上级表彰或通报")
    assert rubric.total_points == 100.0
    assert common.items[1].rules[0].per == "少一次"
    codes = [w.code for w in warnings]
    assert codes == ["dimension_scored_per_unit"]
    assert "个性指标" in warnings[0].message


def test_a_dimension_column_groups_and_a_second_label_column_names() -> None:
    source = [
        ["考核内容", "考核要点", "考核指标", "标准分", "扣分标准"],
        ["基础工作", "制度建设", "制度健全", "6", "缺一项扣2分"],
        ["", "台账管理", "台账完整", "4", "每发现一处扣1分，最高扣4分"],
        ["宣传工作", "宣传报道", "年内报道3次", "5", "少一次扣1分"],
    ]
    header = source[0]
    structure = build_structure(source, header, 1, fill_columns=(0,))
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    assert [(d.name, [(i.name, i.criterion) for i in d.items]) for d in rubric.dimensions] == [
        ("基础工作", [("制度建设", "制度健全"), ("台账管理", "台账完整")]),
        ("宣传工作", [("宣传报道", "年内报道3次")]),
    ]
    rule = rubric.dimensions[0].items[1].rules[0]
    assert (rule.deduct, rule.per, rule.cap) == (1.0, "发现一处", 4.0)
    assert rubric.total_points == 15.0 and extracted.warnings == []


def test_a_label_column_that_never_groups_names_the_items() -> None:
    source = [
        ["序号", "考核项目", "评分细则", "分值"],
        ["1", "组织领导", "未成立领导小组扣3分", "5"],
        ["2", "资金保障", "资金未到位不得分", "5"],
    ]
    structure = build_structure(source, source[0], 1, fill_columns=())
    [rubric] = extract_rubrics(structure).records
    [dimension] = rubric.dimensions
    assert dimension.name is None
    assert [(i.name, i.criterion, i.points) for i in dimension.items] == [
        (None, "组织领导", 5.0),
        (None, "资金保障", 5.0),
    ]
    assert dimension.items[1].rules[0].deduct == 5.0  # 不得分: the item's whole points


@pytest.mark.parametrize(
    ("criterion", "points", "unclear"),
    [
        ("按时报送材料（8分）", 8.0, False),
        ("按时报送材料(8分)", 8.0, False),
        ("1.建立台账（5分）；2.定期更新（5分）", 10.0, False),
        ("开展培训，满分10分", 10.0, False),
        ("每少一次扣1分", None, False),
        ("覆盖率90%以上得6分，80%以上得4分", None, True),
    ],
)
def test_points_only_in_the_text(criterion: str, points: float | None, unclear: bool) -> None:
    source = [["序号", "考核要点", "分值"], ["1", criterion, ""], ["2", "其他要求", "5"]]
    structure = build_structure(source, source[0], 1, fill_columns=())
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    assert rubric.dimensions[0].items[0].points == points
    codes = [w.code for w in extracted.warnings]
    assert ("item_points_unclear" in codes) is unclear


def test_penalty_rows_keep_their_rules_and_stay_out_of_the_total() -> None:
    source = [
        ["考核项目", "考核内容", "分值"],
        ["日常管理", "按期完成任务", "10"],
        ["", "资料齐全", "10"],
        ["扣分项", "发生安全事故的每起扣5分", ""],
        ["一票否决", "出现重大责任事故的，实行一票否决", ""],
    ]
    structure = build_structure(source, source[0], 1, fill_columns=(0,))
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    penalty, veto = rubric.dimensions[1].items[0], rubric.dimensions[2].items[0]
    assert (penalty.points, penalty.bonus, penalty.rules[0].deduct) == (None, False, 5.0)
    assert (veto.points, veto.bonus) == (None, False)
    assert rubric.total_points == 20.0 and extracted.warnings == []


def test_a_notes_column_with_deductions_holds_the_rules() -> None:
    source = [
        ["项目", "考核标准", "权重", "备注"],
        ["组织", "成立专班", "10", "未成立扣10分"],
        ["", "明确分工", "10", ""],
    ]
    structure = build_structure(source, source[0], 1, fill_columns=(0,))
    [rubric] = extract_rubrics(structure).records
    first = rubric.dimensions[0].items[0]
    assert [(r.text, r.deduct) for r in first.rules] == [("未成立扣10分", 10.0)]


def test_subtotal_rows_give_the_dimension_its_points_not_the_total() -> None:
    source = [
        ["序号", "考核内容", "分值"],
        ["一、基础工作", "", ""],
        ["1", "建立制度", "6"],
        ["2", "完善台账", "4"],
        ["小计", "", "10"],
        ["二、宣传工作", "", ""],
        ["3", "开展宣传", "5"],
        ["合计", "", "15"],
    ]
    structure = build_structure(source, source[0], 1, fill_columns=())
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    assert [(d.name, d.points) for d in rubric.dimensions] == [
        ("基础工作", 10.0),
        ("宣传工作", None),
    ]
    assert rubric.total_points == 15.0 and extracted.warnings == []


@pytest.mark.parametrize(
    ("after", "levels", "pass_score"),
    [
        ("总得分≥90分为优秀，≥70分为合格。", ["合格", "优秀"], 70.0),
        (
            "考核结果：90分以上为优秀，80-89分为良好，60-79分为合格，60分以下为不合格。",
            ["不合格", "合格", "良好", "优秀"],
            60.0,
        ),
        ("得分85分以上为A级，70—84分为B级。", ["B级", "A级"], None),
        ("自评得分须不低于80分。", [], 80.0),
    ],
)
def test_grade_bands_around_the_table(after: str, levels: list[str], pass_score) -> None:
    source = [["考核内容", "分值"], ["建立制度", "60"], ["开展宣传", "40"]]
    structure = build_structure(source, source[0], 1, fill_columns=(), after=(after,))
    [rubric] = extract_rubrics(structure).records
    assert (rubric.levels, rubric.pass_score) == (levels, pass_score)


def test_level_columns_of_any_names() -> None:
    source = [["考核指标", "A档", "B档", "C档"], ["制度健全", "10", "6", "2"]]
    structure = build_structure(source, source[0], 1, fill_columns=())
    [rubric] = extract_rubrics(structure).records
    assert rubric.levels == ["A档", "B档", "C档"]
    assert rubric.dimensions[0].items[0].level_points == {"A档": 10.0, "B档": 6.0, "C档": 2.0}


def test_a_scoring_table_without_a_criterion_column_is_named_in_a_warning() -> None:
    source = [["序号", "单位", "得分"], ["1", "县甲局", "95"]]
    structure = build_structure(source, source[0], 1, title="2022年度考核结果")
    extracted = extract_rubrics(structure)
    assert extracted.records == []
    [warning] = extracted.warnings
    assert warning.code == "scoring_table_without_rubric"
    assert "2022年度考核结果" in warning.message


def test_a_task_table_stating_points_is_named_in_a_warning_and_a_roster_is_not() -> None:
    task = build_structure(
        [
            ["序号", "工作任务", "完成时限"],
            ["1", "完成整治（10分）", "6月"],
            ["2", "验收（5分）", "9月"],
        ],
        ["序号", "工作任务", "完成时限"],
        1,
        kind="other",
    )
    extracted = extract_rubrics(task)
    assert extracted.records == []
    assert [w.code for w in extracted.warnings] == ["scoring_table_without_rubric"]
    roster = build_structure(
        [["序号", "社区名称"], ["1", "某社区"], ["2", "另一社区"]],
        ["序号", "社区名称"],
        1,
        kind="roster",
    )
    extracted = extract_rubrics(roster)
    assert extracted.records == [] and extracted.warnings == []


def test_grade_bands_in_a_note_row_of_the_table() -> None:
    source = [
        ["考核内容", "分值"],
        ["建立制度", "60"],
        ["开展宣传", "40"],
        ["说明：总分≥85分为优秀，≥60分为合格。", "说明：总分≥85分为优秀，≥60分为合格。"],
    ]
    structure = build_structure(source, source[0], 1, fill_columns=())
    [rubric] = extract_rubrics(structure).records
    assert (rubric.levels, rubric.pass_score) == (["合格", "优秀"], 60.0)
    assert sum(len(d.items) for d in rubric.dimensions) == 2


def test_a_name_cell_filled_from_the_dimension_row_is_no_name() -> None:
    source = [
        ["序号", "考核项目", "考核项目", "分值", "考核内容"],
        ["一、", "共性指标", "共性指标", "10", ""],
        ["1", "共性指标", "组织保障", "10", "成立专班"],
    ]
    structure = build_structure(source, source[0], 1, fill_columns=())
    [rubric] = extract_rubrics(structure).records
    assert rubric.dimensions[0].items[0].name == "组织保障"


def test_item_numbers_lose_their_enumeration_mark() -> None:
    text = "\n".join(
        [
            "某县河长制工作考核细则",
            "序号\t考核项目\t分值\t考核内容\t评分标准",
            "1、\t组织领导\t10\t成立工作领导小组\t未成立扣10分",
            "2．\t日常工作\t10\t按时上报工作情况\t少报一次扣1分",
            "三、\t奖扣分项目\t\t上级检查评比情况\t年内被通报批评的扣5分",
        ]
    )
    plan = extract_from_document(read_txt(Path("snippet.txt"), text.encode()))
    [rubric] = plan.rubrics
    numbers = [item.number for dimension in rubric.dimensions for item in dimension.items]
    assert numbers == ["1", "2", "三"]


@pytest.mark.parametrize(
    "header",
    ["考核内容及评分标准", "考核内容和评分办法", "考核要点与计分方法"],
)
def test_a_column_of_criteria_and_scoring_gives_both(header: str) -> None:
    rubric, warnings = read_snippet_rubric(
        "某县年度目标管理考核细则\n"
        + word_table(
            [
                ["序号", "考核项目", header, "分值"],
                ["一", "目标任务（60分）", "", ""],
                ["1", "重点项目", "完成投资计划（20分）。每低1个百分点扣0.5分。", "20"],
                ["2", "招商引资", "完成招商任务。未完成的不得分。", "40"],
                ["二", "党建工作（40分）", "", ""],
                ["3", "基层党建", "落实党建责任制。", "40"],
                ["", "合计", "", "100"],
            ]
        )
    )
    assert [(d.name, d.points, len(d.items)) for d in rubric.dimensions] == [
        ("目标任务", 60.0, 2),
        ("党建工作", 40.0, 1),
    ]
    first, second = rubric.dimensions[0].items
    assert (first.name, first.criterion) == (
        "重点项目",
        "完成投资计划（20分）。每低1个百分点扣0.5分。",
    )
    assert [(r.text, r.deduct, r.per) for r in first.rules] == [
        ("每低1个百分点扣0.5分", 0.5, "低1个百分点")
    ]
    assert [(r.text, r.deduct) for r in second.rules] == [("未完成的不得分", 40.0)]
    assert rubric.dimensions[1].items[0].rules == []
    assert rubric.total_points == 100.0 and warnings == []


@pytest.mark.parametrize(
    ("criterion", "rules"),
    [
        ("发现一处乱停乱放扣0.5分，最高扣5分", [("发现一处乱停乱放扣0.5分，最高扣5分", 0.5, 5.0)]),
        ("每发现一处卫生死角扣1分，扣完为止。", [("每发现一处卫生死角扣1分，扣完为止", 1.0, 10.0)]),
        ("建立志愿服务站。未建立的不得分", [("未建立的不得分", 10.0, None)]),
        ("设施完好（损坏一处扣1分）", [("损坏一处扣1分", 1.0, None)]),  # the note's rules
        ("公共场所秩序良好，无乱停乱放", []),  # a standard without scoring: no rule
    ],
)
def test_a_criterion_that_deducts_without_a_rules_column_gives_the_rules(
    criterion: str, rules: list[tuple[str, float, float | None]]
) -> None:
    source = [["序号", "测评项目", "分值", "测评标准"], ["1", "公共秩序", "10", criterion]]
    structure = build_structure(source, source[0], 1, fill_columns=())
    [rubric] = extract_rubrics(structure).records
    [item] = rubric.dimensions[0].items
    assert [(r.text, r.deduct, r.cap) for r in item.rules] == rules


def test_fixed_width_dimension_rows_start_dimensions() -> None:
    rubric, warnings = read_snippet_rubric(
        "某镇安全生产考核评分表\n\n"
        "序号    考核内容            分值    评分标准\n"
        "一、组织领导（15分）\n"
        "1       成立安委会          5       未成立的不得分\n"
        "2       召开安委会会议      10      每少一次扣2分\n"
        "二、隐患排查（25分）\n"
        "3       建立排查台账        25      台账不全扣1-3分\n"
        "        合计                40\n"
    )
    assert [(d.name, d.points, len(d.items)) for d in rubric.dimensions] == [
        ("组织领导", 15.0, 2),
        ("隐患排查", 25.0, 1),
    ]
    assert rubric.total_points == 40.0 and warnings == []


def test_a_bonus_dimension_states_its_most_as_its_points_outside_the_total() -> None:
    rubric, warnings = read_snippet_rubric(
        "某社区创建工作考核细则\n"
        + word_table(
            [
                ["序号", "考核项目", "考核内容", "分值", "评分标准"],
                ["一、基础工作（满分40分）"],
                ["1", "组织机构", "成立领导小组", "40", "未成立扣5分"],
                ["二、加分项（最高加10分）"],
                ["2", "创新亮点", "经验被省级推广", "", "省级加5分，国家级加10分"],
                ["三、扣分项（最多扣10分）"],
                ["3", "负面舆情", "被通报", "", "每次扣5分"],
            ]
        )
    )
    assert [(d.name, d.points) for d in rubric.dimensions] == [
        ("基础工作", 40.0),
        ("加分项", 10.0),
        ("扣分项（最多扣10分）", None),
    ]
    assert rubric.dimensions[1].items[0].bonus
    assert rubric.total_points == 40.0
    assert [w.code for w in warnings] == ["table_row_spans_guessed"]


@pytest.mark.parametrize(
    ("outer", "inner"),
    [
        (["一", "二"], ["（一）", "（二）", "（一）", "（二）"]),
        (["一、", "二、"], ["1", "2", "3", "4"]),
        (["第一部分", "第二部分"], ["1．", "2．", "1．", "2．"]),
        (["（一）", "（二）"], ["1", "2", "1", "2"]),
    ],
)
def test_a_number_column_mixing_two_kinds_numbers_dimensions_by_the_first(
    outer: list[str], inner: list[str]
) -> None:
    source = [
        ["序号", "考核内容", "分值", "评分标准"],
        [outer[0], "组织领导", "20", ""],
        [inner[0], "成立领导小组", "10", "未成立不得分"],
        [inner[1], "制定实施方案", "10", "未制定不得分"],
        [outer[1], "工作落实", "30", ""],
        [inner[2], "按期完成整改", "15", "每逾期一项扣3分"],
        ["序号", "考核内容", "分值", "评分标准"],  # the header repeated on a new page
        [inner[3], "建立长效机制", "15", "未建立扣5分"],
        ["合计", "", "50", ""],
    ]
    structure = build_structure(source, source[0], 1, fill_columns=())
    extracted = extract_rubrics(structure)
    [rubric] = extracted.records
    assert [(d.name, d.points, [i.number for i in d.items]) for d in rubric.dimensions] == [
        ("组织领导", 20.0, [n.rstrip("、．") for n in inner[:2]]),
        ("工作落实", 30.0, [n.rstrip("、．") for n in inner[2:]]),
    ]
    assert rubric.total_points == 50.0
    assert extracted.warnings == []


def test_a_number_column_of_one_kind_numbers_items() -> None:
    source = [
        ["序号", "考核内容", "分值", "评分标准"],
        ["一", "组织领导", "20", "未成立不得分"],
        ["二", "工作落实", "30", "每逾期一项扣3分"],
    ]
    structure = build_structure(source, source[0], 1, fill_columns=())
    [rubric] = extract_rubrics(structure).records
    assert [(d.name, [i.number for i in d.items]) for d in rubric.dimensions] == [
        (None, ["一", "二"])
    ]


DISTANT_GRADES_TABLE = [
    "某区垃圾分类工作考核办法",
    "一、考核内容及评分标准",
    "考核项目\t考核内容\t分值\t评分标准",
    "组织保障\t成立工作领导小组\t40\t未成立的不得分",
    "宣传发动\t开展入户宣传\t60\t未开展的不得分",
    "加分项\t获得省级以上表彰\t另加5分\t",
    "合计\t\t100\t",
    "二、考核结果运用",
]


@pytest.mark.parametrize(
    "bands",
    [
        "考核得分90分以上为优秀，75分至89分为良好，60分至74分为合格，60分以下为不合格。",
        "考核结果分为优秀（90分（含）以上）、良好（75—89分）、合格（60—74分）、不合格（60分以下）。",
    ],
)
def test_grade_bands_in_a_section_of_their_own_are_the_tables(bands: str) -> None:
    text = "\n".join([*DISTANT_GRADES_TABLE, bands, "考核结果作为年度评先评优的依据。"])
    plan = extract_from_document(read_txt(Path("snippet.txt"), text.encode()))
    [rubric] = plan.rubrics
    assert (rubric.levels, rubric.pass_score) == (["不合格", "合格", "良好", "优秀"], 60.0)
    assert rubric.pass_rule == bands
    assert "rubric_grades_elsewhere" not in [w.code for w in plan.warnings]


def test_grade_bands_stated_twice_away_from_the_table_are_not_guessed_between() -> None:
    text = "\n".join(
        [
            *DISTANT_GRADES_TABLE,
            "区级考核得分90分以上为优秀，60分以下为不合格。",
            "三、其他",
            "街道自评得分85分以上为优秀，70分以下为不合格。",
        ]
    )
    plan = extract_from_document(read_txt(Path("snippet.txt"), text.encode()))
    [rubric] = plan.rubrics
    assert (rubric.levels, rubric.pass_score) == ([], None)
    named = [w.evidence.quote for w in plan.warnings if w.code == "rubric_grades_elsewhere"]
    assert named == [
        "区级考核得分90分以上为优秀，60分以下为不合格。",
        "街道自评得分85分以上为优秀，70分以下为不合格。",
    ]


def test_grade_bands_by_the_table_win_over_those_away_from_it() -> None:
    table = DISTANT_GRADES_TABLE[:-1]  # the bands right under the table, no heading between
    text = "\n".join(
        [*table, "得分80分以上为合格。", "二、考核结果运用", "90分以上为优秀，60分以上为合格。"]
    )
    plan = extract_from_document(read_txt(Path("snippet.txt"), text.encode()))
    [rubric] = plan.rubrics
    assert (rubric.levels, rubric.pass_score) == (["合格"], 80.0)


def test_a_bonus_rows_points_written_as_its_award_are_its_points() -> None:
    text = "\n".join(DISTANT_GRADES_TABLE)
    plan = extract_from_document(read_txt(Path("snippet.txt"), text.encode()))
    [rubric] = plan.rubrics
    [bonus] = [item for d in rubric.dimensions for item in d.items if item.bonus]
    assert (bonus.criterion, bonus.points) == ("获得省级以上表彰", 5.0)
    assert rubric.total_points == 100.0  # a bonus stays out of the total


ARTICLES_WITHOUT_TABLE = [
    "某市社区治理工作考核办法",
    "第一章  总则",
    "第一条  为推进社区治理，制定本办法。",
    "第二章  考核等次",
    "第二条  考核满分100分。",
]


@pytest.mark.parametrize(
    "bands",
    [
        "第三条  得分90分以上（含90分）为优秀；80分以上（含80分）不足90分为良好；"
        "60分以上（含60分）不足80分为合格；60分以下为不合格。",
        "第三条  考核结果分为优秀（90分以上）、合格（60—89分）、不合格（60分以下）。",
        "第三条  总分≥85分为达标，<85分为不达标。",
    ],
)
def test_grades_with_a_pass_line_and_no_rubric_are_warned(bands: str) -> None:
    text = "\n".join([*ARTICLES_WITHOUT_TABLE, bands])
    plan = extract_from_document(read_txt(Path("snippet.txt"), text.encode()))
    assert plan.rubrics == []
    [warning] = [w for w in plan.warnings if w.code == "grades_without_rubric"]
    assert warning.evidence is not None
    assert warning.evidence.quote.strip() == "".join(bands.split())  # the reader drops the gap


@pytest.mark.parametrize(
    "sentence",
    [
        "第三条  得分90分以上为优秀。",  # no pass line: a remark in passing
        "第三条  考核结果作为评先评优的依据。",  # no bands at all
    ],
)
def test_grades_without_a_pass_line_are_not_warned(sentence: str) -> None:
    text = "\n".join([*ARTICLES_WITHOUT_TABLE, sentence])
    plan = extract_from_document(read_txt(Path("snippet.txt"), text.encode()))
    assert "grades_without_rubric" not in [w.code for w in plan.warnings]


def test_grades_given_to_a_rubric_are_not_warned_as_without_one() -> None:
    text = "\n".join(
        [*DISTANT_GRADES_TABLE, "得分90分以上为优秀，60分以下为不合格，60分以上为合格。"]
    )
    plan = extract_from_document(read_txt(Path("snippet.txt"), text.encode()))
    assert len(plan.rubrics) == 1
    assert "grades_without_rubric" not in [w.code for w in plan.warnings]


def test_bands_a_table_took_as_its_levels_are_not_named_again_for_another() -> None:
    text = "\n".join(
        [
            "某区考核办法",
            "一、街道考核",
            "考核内容\t分值\t评分标准",
            "成立领导小组\t40\t未成立的不得分",
            "开展宣传\t60\t未开展的不得分",
            "得分85分以上为A级，70分以上为B级。",  # levels without a pass line, by the table
            "二、社区考核",
            "考核内容\t分值\t评分标准",
            "建立台账\t50\t未建立的不得分",
            "开展活动\t50\t未开展的不得分",
        ]
    )
    plan = extract_from_document(read_txt(Path("snippet.txt"), text.encode()))
    assert [rubric.levels for rubric in plan.rubrics] == [["B级", "A级"], []]
    assert "rubric_grades_elsewhere" not in [w.code for w in plan.warnings]
