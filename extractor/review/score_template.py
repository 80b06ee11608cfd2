"""A blank assessment sheet for one rubric (`rubric score PLAN --template sheet.xlsx`).

One row per item: its key (the shortest that names it alone, as `rubric score` prints
it), dimension, name, criterion and maximum, then the cells staff fill: a level (a
drop-down of the item's levels where it has some), deduction events (one count per
counted rule, `2;0;1`) or points (a decimal between 0 and the maximum). The header uses
the names `rubric score` reads (score.py), so the filled sheet is scored as it is. A
second sheet states the rubric's total, pass score and how to fill the first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractor.models import Rubric
from extractor.review.render_xlsx import add_view_sheet, workbook_bytes
from extractor.review.score import item_key, item_maximum, placed_items
from extractor.review.views import Value, View, number_cell

TEMPLATE_COLUMNS = [
    "条目 item",
    "维度 dimension",
    "名称 name",
    "评分内容 criterion",
    "满分 max",
    "等级 level",
    "扣分次数 events",
    "得分 points",
]
LEVEL_COLUMN, EVENTS_COLUMN, POINTS_COLUMN = "F", "G", "H"
FILL_COLOUR = "FFFBE6"  # the cells to fill, pale yellow
# Excel refuses a list validation whose quoted list is longer than this
VALIDATION_LIST_MAX = 255
# Characters that would break a quoted list validation (`"良好,合格"`)
VALIDATION_LIST_FORBIDDEN = str.maketrans("", "", '",')


def template_view(rubric: Rubric) -> View:
    """The assessment sheet's rows: one per item, the cells to fill empty."""
    items = placed_items(rubric)
    rows: list[list[Value]] = [
        [
            item_key(p, items),
            p.dimension,
            p.item.name,
            p.item.criterion,
            number_cell(item_maximum(p.item)),
            None,
            None,
            None,
        ]
        for p in items
    ]
    return View(
        name="评分 assessment", title=rubric.title or "", columns=TEMPLATE_COLUMNS, rows=rows
    )


def about_view(rubric: Rubric) -> View:
    """The second sheet: the rubric's figures and how to fill the first sheet."""
    rows: list[list[Value]] = [
        ["评分表 Rubric", rubric.title],
        ["总分 Total", number_cell(rubric.total_points)],
        ["合格分 Pass score", number_cell(rubric.pass_score)],
        ["合格规则 Pass rule", rubric.pass_rule],
        [
            "填写 How to fill",
            "每行填写一项：得分，或等级（下拉选择），或扣分次数（每条扣分规则一个数，用分号分隔，"
            "如 2;0;1）；未填写的行按未评分计 0 分。请勿修改“条目”列。"
            " Fill one of points, level (drop-down) or events (one count per deduction rule,"
            " `2;0;1`) per row; rows left empty are not assessed (0 points). Keep the item"
            " column as it is.",
        ],
        ["评分 Scoring", "rubric score PLAN.json THIS.xlsx"],
    ]
    return View(name="说明 about", title="", columns=["项目 Field", "内容 Value"], rows=rows)


def add_validations(sheet: Any, rubric: Rubric) -> None:
    """Drop-downs of level names and 0–maximum limits on the cells staff fill."""
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    fill = PatternFill("solid", fgColor=FILL_COLOUR)
    lists: dict[str, DataValidation] = {}
    for row, placed in enumerate(placed_items(rubric), start=2):
        for column in (LEVEL_COLUMN, EVENTS_COLUMN, POINTS_COLUMN):
            sheet[f"{column}{row}"].fill = fill
        names = [n.translate(VALIDATION_LIST_FORBIDDEN) for n in placed.item.level_points]
        formula = '"' + ",".join(n for n in names if n) + '"'
        if names and len(formula) <= VALIDATION_LIST_MAX:
            if formula not in lists:
                lists[formula] = DataValidation(type="list", formula1=formula, allow_blank=True)
                sheet.add_data_validation(lists[formula])
            lists[formula].add(f"{LEVEL_COLUMN}{row}")
        maximum = item_maximum(placed.item)
        if maximum is not None:
            limit = DataValidation(
                type="decimal",
                operator="between",
                formula1="0",
                formula2=f"{maximum:g}",
                allow_blank=True,
                error=f"0–{maximum:g}",
                showErrorMessage=True,
            )
            sheet.add_data_validation(limit)
            limit.add(f"{POINTS_COLUMN}{row}")


def assessment_template(rubric: Rubric) -> bytes:
    """The blank assessment workbook of `rubric` as XLSX bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet = add_view_sheet(workbook, template_view(rubric))
    add_validations(sheet, rubric)
    add_view_sheet(workbook, about_view(rubric))
    return workbook_bytes(workbook)


def write_assessment_template(rubric: Rubric, path: Path | str) -> None:
    """Write the blank assessment workbook of `rubric` to `path`."""
    Path(path).write_bytes(assessment_template(rubric))
