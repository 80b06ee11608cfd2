"""One plan's workbook: its sheets, typed cells and layout, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from extractor.review.workbook import plan_views, plan_workbook, write_plan_workbook
from tests.conftest import CORPUS, extracted

SHEETS = [
    "overview",
    "rubrics",
    "items",
    "targets",
    "phases",
    "deadlines",
    "responsibilities",
    "communities",
    "committee",
]


def load(data: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data))


def rows_of(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(2, None, values_only=True)]


def test_plan_workbook_sheets_and_layout(tmp_path: Path) -> None:
    plan = extracted(CORPUS / "hangtai.txt")
    path = tmp_path / "hangtai.xlsx"
    write_plan_workbook(plan, path)
    workbook = load(path.read_bytes())
    assert workbook.sheetnames == SHEETS
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.page_setup.orientation == "landscape"
    # 桓台县: 20 rubric items, 100 points in all, 21 communities, 8 responsibilities
    items = rows_of(workbook["items"])
    assert len(items) == 20
    assert all(isinstance(r["分值 Points"], int | float) for r in items)
    assert sum(r["分值 Points"] for r in items) == 100
    assert {r["辖区 Jurisdiction"] for r in items} == {"桓台县"}
    assert len(rows_of(workbook["communities"])) == 21
    responsibilities = rows_of(workbook["responsibilities"])
    assert len(responsibilities) == 8 and all(r["任务 Task"] for r in responsibilities)
    phases = rows_of(workbook["phases"])
    assert phases[0]["开始 Start"] == dt.datetime(2020, 11, 1)  # a date, not text
    targets = rows_of(workbook["targets"])
    assert (targets[0]["年份 Year"], targets[0]["比例% Percent"]) == (2021, 30)


def test_county_assessment_items_keep_their_department_names() -> None:
    # a 考核细则 numbers items 1.. in each dimension and names the department scored
    plan = extracted(CORPUS / "shicheng_hezhangzhi_kaohe.txt")
    items = rows_of(load(plan_workbook(plan))["items"])
    named = [r for r in items if r["名称 Name"] and "县农粮局" in r["名称 Name"]]
    assert len(named) >= 2 and len({r["评分内容 Criterion"] for r in named}) == len(named)
    assert any(r["扣分规则 Rules"] for r in items)


def test_empty_sheets_keep_their_header() -> None:
    plan = extracted(CORPUS / "zhaoxiang.txt")  # no rubric
    workbook = load(plan_workbook(plan))
    assert workbook["items"].max_row == 1
    assert workbook["items"]["G1"].value == "评分内容 Criterion"


def test_plan_views_have_one_label() -> None:
    views = plan_views(extracted(CORPUS / "wusong.txt"))
    assert views[0].rows[0][0] == "吴淞街道"
