"""Comparison across plans: views, lineage, crosswalk, timeline, the four output formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.models import Plan, Reference, Target
from extractor.review.compare import (
    Comparison,
    CrosswalkItem,
    View,
    align_items,
    build_comparison,
    build_timeline,
    criterion_words,
    csv_safe,
    dimension_shares,
    format_target,
    markdown_text,
    reference_level,
    render_csv,
    render_html,
    render_markdown,
    render_xlsx,
    timeline_ticks,
    weighted_jaccard,
)
from tests.conftest import ROOT


def ev(quote: str = "x", start: int = 0) -> dict:
    return {"start": start, "end": start + len(quote), "quote": quote}


def item(number: str, criterion: str, points: float | None = 5, **extra: object) -> dict:
    return {"number": number, "criterion": criterion, "points": points, "evidence": ev(), **extra}


def province_plan() -> Plan:
    return Plan.model_validate(
        {
            "source": {"path": "p.txt", "format": "txt", "sha256": "1" * 64},
            "title": "甲省绿色社区建设行动方案",
            "jurisdiction": {"name": "甲省", "level": "province"},
            "doc_number": "甲建城〔2020〕9号",
            "issued_on": "2020-08-01",
            "references": [
                {"title": "《绿色社区创建行动方案》", "doc_number": "建城〔2020〕68号"},
                {"title": "住房和城乡建设部等部门关于印发绿色社区创建行动方案的通知"},
            ],
            "targets": [
                {
                    "year": 2022,
                    "percent": 60,
                    "comparator": ">=",
                    "subject": "城市社区",
                    "evidence": ev(),
                },
            ],
            "phases": [
                {"name": "动员部署", "start": "2020-08-01", "end": "2020-09-30", "evidence": ev()},
                {"name": "全面推进", "start": "2020-10-01", "end": "2022-10-31", "evidence": ev()},
            ],
            "rubrics": [
                {
                    "title": "绿色社区建设标准",
                    "total_points": 100,
                    "pass_score": 80,
                    "evidence": ev(),
                    "dimensions": [
                        {
                            "name": "营造宜居环境",
                            "points": 12,
                            "items": [
                                item("7", "社区绿地布局合理，有公共活动空间和设施", 6),
                                item(
                                    "8",
                                    "社区停车秩序规范，无占压消防、救护等生命通道的情况",
                                    6,
                                    rules=[
                                        {
                                            "text": "乱停车每发现1处扣1分，最高扣2分",
                                            "deduct": 1,
                                            "per": "发现1处",
                                            "cap": 2,
                                        }
                                    ],
                                ),
                            ],
                        },
                        {
                            "name": "附加",
                            "items": [
                                item("17", "社区或居民在创建中作出突出贡献", 4, bonus=True),
                            ],
                        },
                    ],
                }
            ],
        }
    )


def county_plan() -> Plan:
    return Plan.model_validate(
        {
            "source": {"path": "c.txt", "format": "txt", "sha256": "2" * 64},
            "title": "乙县绿色社区创建行动实施方案",
            "jurisdiction": {"name": "乙县", "level": "county"},
            "issued_on": "2021-01-07",
            "issuers": ["乙县住房和城乡建设局", "乙县民政局"],
            "references": [
                {"title": "《甲省绿色社区建设行动方案》", "doc_number": "甲建城〔2020〕9号"},
                {"title": "《丙市绿色社区创建行动实施方案》", "doc_number": "丙建发〔2020〕192号"},
            ],
            "targets": [
                {
                    "year": 2021,
                    "percent": 30,
                    "comparator": ">=",
                    "subject": "城市社区",
                    "evidence": ev(),
                },
                {
                    "year": 2022,
                    "percent": 60,
                    "comparator": ">=",
                    "subject": "城市社区",
                    "aspirational": True,
                    "evidence": ev(),
                },
            ],
            "phases": [
                {"name": "动员部署阶段", "end": "2021-01-31", "evidence": ev()},
                {
                    "name": "组织实施阶段",
                    "start": "2021-02-01",
                    "end": "2021-11-30",
                    "evidence": ev(),
                },
                {"name": "总结评估", "evidence": ev()},
                {"name": "长效管理", "start": "2021-12-01", "evidence": ev()},
            ],
            "responsibilities": [
                {
                    "task": "推进社区基础设施绿色化",
                    "section": "（二）",
                    "lead": ["县住房和城乡建设局"],
                    "participants": ["县水利局", "索镇"],
                    "evidence": ev(),
                },
            ],
            "rubrics": [
                {
                    "title": "乙县绿色社区创建标准",
                    "total_points": 100,
                    "pass_score": 80,
                    "evidence": ev(),
                    "dimensions": [
                        {
                            "name": "营造社区宜居环境",
                            "items": [
                                item("10", "社区绿地布局合理，有公共活动空间和设施"),
                                item("11", "社区停车秩序规范，无占压消防、救护等生命通道的情况"),
                                item("12", "<script>alert(1)</script>对噪声扰民问题进行有效治理"),
                            ],
                        },
                        {
                            "name": "提高信息化水平",
                            "points": 10,
                            "items": [
                                item("13", "建设了智能化安防系统", 10),
                            ],
                        },
                    ],
                }
            ],
        }
    )


def street_plan() -> Plan:
    return Plan.model_validate(
        {
            "source": {"path": "s.txt", "format": "txt", "sha256": "3" * 64},
            "title": "丁街道绿色社区创建行动实施方案",
            "jurisdiction": {"name": "丁街道", "level": "street"},
            "rubrics": [
                {
                    "title": "绿色社区创建自评表",
                    "total_points": 110,
                    "pass_score": 85,
                    "levels": ["合格", "一般", "良好"],
                    "evidence": ev(),
                    "dimensions": [
                        {
                            "name": "宜居环境",
                            "items": [
                                item(
                                    "1",
                                    "社区停车秩序规范（划线、编号、归类有序停放机动车和非机动车）",
                                    None,
                                    level_points={"合格": 3, "一般": 4, "良好": 5},
                                ),
                                item("2", "开展垃圾分类宣传活动", 5),
                            ],
                        },
                    ],
                }
            ],
        }
    )


def plans() -> list[Plan]:
    return [street_plan(), county_plan(), province_plan()]


def view(name: str):
    return next(v for v in build_comparison(plans()).views if v.name == name)


def test_plans_are_ordered_from_the_highest_level() -> None:
    assert build_comparison(plans()).plans == ["甲省", "乙县", "丁街道"]


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("《住房和城乡建设部等部门关于印发绿色社区创建行动方案的通知》", "national"),
        ("住房城乡建设部、国家发展改革委关于…", "national"),
        ("国务院办公厅关于…的意见", "national"),
        ("《福建省住房和城乡建设厅等部门关于开展绿色社区创建行动的通知》", "province"),
        ("《内蒙古自治区绿色社区方案》", "province"),
        ("《泉州市绿色社区创建行动实施方案》", "city"),
        ("某某县方案", "county"),
        ("《关于全市推广开展智慧安防小区建设的指导意见》", None),
        ("《绿色社区创建行动方案》", None),
        ("《城市社区绿色创建指引》", None),
        ("《城镇老旧小区改造方案》", None),
        ("《宝山区绿色社区方案》", "district"),
        ("《吴淞街道工作要点》", "street"),
        (None, None),
    ],
)
def test_reference_level(title: str | None, level: str | None) -> None:
    assert reference_level(Reference(title=title)) == level


def test_overview_lineage_names_plans_in_the_set() -> None:
    overview = view("overview")
    rows = {row[0]: row for row in overview.rows}
    assert rows["乙县"][1] == "县"
    assert rows["乙县"][6] == (
        "省：《甲省绿色社区建设行动方案》（甲建城〔2020〕9号） → 甲省\n"
        "市：《丙市绿色社区创建行动实施方案》（丙建发〔2020〕192号）"
    )
    assert rows["甲省"][6] == (
        "国家：《住房和城乡建设部等部门关于印发绿色社区创建行动方案的通知》\n"
        "《绿色社区创建行动方案》（建城〔2020〕68号）"
    )
    assert rows["甲省"][7] == "乙县"  # cited by
    assert rows["丁街道"][6] is None
    assert rows["甲省"][3] == dt.date(2020, 8, 1)  # a date, not text


def test_format_target_variants() -> None:
    def target(**fields: object) -> Target:
        return Target.model_validate({"evidence": ev(), **fields})

    assert format_target(target(percent=30, comparator=">=", subject="城市社区")) == "≥30% 城市社区"
    assert format_target(target(percent=10, percent_max=20)) == "10%–20%"
    assert (
        format_target(target(count=100, comparator="=", subject="示范社区", aspirational=True))
        == "100 示范社区（力争）"
    )
    assert format_target(target()) == "?"


def test_targets_matrix_by_jurisdiction_and_year() -> None:
    targets = view("targets")
    assert targets.columns == ["辖区 Jurisdiction", "2021", "2022"]
    assert targets.rows == [
        ["甲省", None, "≥60% 城市社区"],
        ["乙县", "≥30% 城市社区", "≥60% 城市社区（力争）"],
        ["丁街道", None, None],
    ]


def test_rubrics_view_totals_ratio_and_shares() -> None:
    rows = {row[0]: row for row in view("rubrics").rows}
    assert rows["乙县"][2:7] == [100, 80, "80%", 4, None]
    assert rows["乙县"][7] == "营造社区宜居环境 15 (15%)\n提高信息化水平 10 (10%)"
    assert rows["丁街道"][4] == "77%"
    assert rows["丁街道"][6] == "合格、一般、良好"
    assert rows["甲省"][7] == "营造宜居环境 12 (12%)\n附加 4 (4%)"


def test_dimension_shares_without_total_use_the_sum() -> None:
    rubric = street_plan().rubrics[0].model_copy(update={"total_points": None})
    assert dimension_shares(rubric) == [("宜居环境", 5, 1.0)]


def test_criterion_words_drop_function_words_and_punctuation() -> None:
    words = criterion_words("社区停车秩序规范，无占压消防、救护等生命通道的情况")
    assert {"停车", "秩序", "规范", "消防", "救护", "通道"} <= words
    assert not words & {"的", "等", "无", "，", "情况"}


def test_weighted_jaccard() -> None:
    idf = {"停车": 2.0, "秩序": 2.0, "社区": 0.5, "绿地": 2.0}
    assert weighted_jaccard(frozenset({"停车", "秩序"}), frozenset({"停车", "秩序"}), idf) == 1
    assert (
        weighted_jaccard(frozenset({"停车", "社区"}), frozenset({"绿地", "社区"}), idf) == 0.5 / 4.5
    )
    assert weighted_jaccard(frozenset(), frozenset(), idf) == 0


def test_align_items_keeps_one_item_per_plan_in_a_row() -> None:
    def entry(plan: int, position: int, words: str) -> CrosswalkItem:
        from extractor.models import Item

        criterion = Item(criterion=words, evidence=ev())
        return CrosswalkItem(plan, position, criterion, frozenset(words.split()))

    items = [
        entry(0, 0, "停车 秩序"),
        entry(1, 0, "停车 秩序"),
        entry(1, 1, "停车 秩序 规范"),
        entry(2, 0, "绿地 布局"),
    ]
    groups = align_items(items)
    assert [[(m.plan, m.position) for m in g] for g in groups] == [
        [(0, 0), (1, 0)],
        [(1, 1)],
        [(2, 0)],
    ]


def test_crosswalk_puts_parking_items_on_one_row() -> None:
    crosswalk = view("crosswalk")
    assert crosswalk.columns == [
        "共同词 Shared words",
        "甲省",
        "乙县",
        "丁街道",
        "方案数 Plans",
        "差异 Differences",
    ]
    parking = [row for row in crosswalk.rows if "停车" in (row[0] or "")]
    assert len(parking) == 1
    assert parking[0][1:] == [
        "8. 社区停车秩序规范，无占压消防、救护等生命通道的情况（6分）",
        "11. 社区停车秩序规范，无占压消防、救护等生命通道的情况（5分）",
        "1. 社区停车秩序规范（划线、编号、归类有序停放机动车和非机动车）（5分）",
        3,
        "分值不同 points 6 / 5 / 5；表述不同 wording ×1",
    ]
    row = crosswalk.rows.index(parking[0])
    # against the first plan of the row (甲省): 乙县 differs in points only, 丁街道 in both
    assert (row, 1) not in crosswalk.marks
    assert crosswalk.marks[(row, 2)] == ("points",)
    assert crosswalk.marks[(row, 3)] == ("points", "wording")
    green = [row for row in crosswalk.rows if "绿地" in (row[0] or "")]
    assert green[0][1:4] == [
        "7. 社区绿地布局合理，有公共活动空间和设施（6分）",
        "10. 社区绿地布局合理，有公共活动空间和设施（5分）",
        None,
    ]


def test_unmatched_items_are_listed() -> None:
    unmatched = view("unmatched").rows
    assert ["丁街道", "2. 开展垃圾分类宣传活动（5分）"] in unmatched
    assert ["甲省", "17. 〔附加〕社区或居民在创建中作出突出贡献（4分）"] in unmatched
    assert ["乙县", "13. 建设了智能化安防系统（10分）"] in unmatched


def test_responsibilities_view() -> None:
    assert view("responsibilities").rows == [
        ["乙县", "（二）", "推进社区基础设施绿色化", "县住房和城乡建设局", "县水利局、索镇"]
    ]


def test_timeline_lanes_bars_and_undated_phases() -> None:
    ordered = [province_plan(), county_plan()]
    timeline = build_timeline(ordered, ["甲省", "乙县"])
    assert timeline is not None
    province, county = timeline.lanes
    assert [b.label for b in province.bars] == ["动员部署", "全面推进"]
    assert [b.row for b in province.bars] == [0, 0]
    assert province.bars[0].x == timeline.left
    assert county.bars[0].point and county.bars[0].end == "2021-01-31"
    assert county.undated == ["总结评估"]
    open_end = county.bars[2]
    assert open_end.open_end and not open_end.point and open_end.width > 50
    assert county.y == province.y + province.height
    assert build_timeline([street_plan()], ["丁街道"]) is None


def test_timeline_ticks_thin_out_long_spans() -> None:
    import datetime as dt

    short = timeline_ticks(dt.date(2021, 1, 15), dt.date(2021, 4, 2))
    assert short == [dt.date(2021, m, 1) for m in (1, 2, 3, 4, 5)]
    long = timeline_ticks(dt.date(2020, 8, 1), dt.date(2022, 10, 31))
    assert len(long) == 14 and all(t.month % 2 == 1 for t in long)


def test_markdown_escapes_pipes_and_breaks_lines() -> None:
    text = render_markdown(build_comparison(plans()))
    assert "## 目标 Targets" in text
    assert "| 乙县 | ≥30% 城市社区 | ≥60% 城市社区（力争） |" in text
    assert "国家：《住房和城乡建设部等部门关于印发绿色社区创建行动方案的通知》<br>" in text


def test_csv_has_a_view_column_and_one_header() -> None:
    text = render_csv(build_comparison(plans()))
    assert text.startswith("\ufeffview,")  # a BOM: Excel reads the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert {r["view"] for r in rows} >= {"overview", "targets", "crosswalk", "rubrics"}
    targets = [r for r in rows if r["view"] == "targets"]
    assert targets[1]["辖区 Jurisdiction"] == "乙县" and targets[1]["2021"] == "≥30% 城市社区"


def test_xlsx_has_one_sheet_per_view_frozen_header_and_widths() -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(render_xlsx(build_comparison(plans()))))
    assert workbook.sheetnames == [
        "overview",
        "targets",
        "target_list",
        "phases",
        "deadlines",
        "rubrics",
        "items",
        "crosswalk",
        "unmatched",
        "responsibilities",
        "communities",
        "committee",
    ]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        last = sheet.cell(sheet.max_row, sheet.max_column).coordinate
        assert sheet.auto_filter.ref == f"A1:{last}"
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    sheet = workbook["rubrics"]
    assert sheet["C3"].value == 100 and sheet["C3"].data_type == "n"  # a number, not text
    assert 8 <= sheet.column_dimensions["A"].width <= 60
    crosswalk = workbook["crosswalk"]
    assert crosswalk.column_dimensions["B"].width == 60  # long text capped, wraps
    assert crosswalk["B2"].alignment.wrap_text
    assert workbook["overview"]["D2"].value == dt.datetime(2020, 8, 1)  # a date cell
    assert workbook["overview"]["D2"].number_format == "yyyy-mm-dd"
    phases = workbook["phases"]
    assert phases["D2"].is_date and phases["D2"].value.date() == dt.date(2020, 9, 30)


def test_xlsx_rows_are_tall_enough_for_their_lines() -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(render_xlsx(build_comparison(plans()))))
    overview = workbook["overview"]
    # 甲省 cites two documents, one a line: its row shows two lines at least
    assert overview.row_dimensions[2].height >= 30
    assert workbook["rubrics"].row_dimensions[1].height >= 15


def test_xlsx_items_sheet_has_one_row_per_item_with_numbers() -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(render_xlsx(build_comparison(plans()))))["items"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == [
        "辖区 Jurisdiction",
        "评分表 Rubric",
        "维度 Dimension",
        "维度分值 Dimension points",
        "序号 Number",
        "名称 Name",
        "评分内容 Criterion",
        "分值 Points",
    ]
    rows = {
        (r[0], r[4]): dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(2, None, values_only=True)
    }
    assert len(rows) == 3 + 4 + 2
    parking = rows[("甲省", "8")]
    assert parking["分值 Points"] == 6 and parking["维度分值 Dimension points"] == 12
    assert parking["扣分规则 Rules"] == "乱停车每发现1处扣1分，最高扣2分"
    assert (parking["扣分 Deduct"], parking["每 Per"], parking["封顶 Cap"]) == (1, "发现1处", 2)
    assert rows[("甲省", "17")]["附加 Bonus"] == "是"
    street = rows[("丁街道", "1")]
    assert street["分值 Points"] is None
    assert [street[f"{level} 分 Points"] for level in ("合格", "一般", "良好")] == [3, 4, 5]


def test_xlsx_marks_differing_crosswalk_cells() -> None:
    from openpyxl import load_workbook

    comparison = build_comparison(plans())
    crosswalk = next(v for v in comparison.views if v.name == "crosswalk")
    sheet = load_workbook(io.BytesIO(render_xlsx(comparison)))["crosswalk"]
    row, column = next(k for k, m in crosswalk.marks.items() if m == ("points",))
    assert sheet.cell(row + 2, column + 1).fill.fgColor.rgb.endswith("FFD8A8")
    assert sheet.cell(row + 2, 2).fill.fgColor.rgb in ("00000000", None)  # the reference


def test_markdown_and_csv_mark_differing_cells() -> None:
    comparison = build_comparison(plans())
    md = render_markdown(comparison)
    assert "[分≠] 11. 社区停车秩序规范" in md
    assert "[分≠][文≠] 1. 社区停车秩序规范" in md
    assert "| 8. 社区停车秩序规范" in md  # the row's reference cell is not marked
    text = render_csv(comparison)
    assert "[分≠][文≠] 1. 社区停车秩序规范" in text


def test_html_colours_differing_cells() -> None:
    html = render_html(build_comparison(plans()))
    assert 'class=" diff-points" title="分值不同 points differ">11. 社区停车' in html
    assert "diff-points diff-wording" in html


def test_same_jurisdiction_is_told_apart_by_source() -> None:
    txt, pdf = county_plan(), county_plan()
    pdf.source.path = "corpus/乙县.pdf"
    txt.source.path = "corpus/乙县.txt"
    assert build_comparison([txt, pdf]).plans == ["乙县（乙县.txt）", "乙县（乙县.pdf）"]
    same = county_plan()
    assert build_comparison([same, county_plan()]).plans == [
        "乙县（c.txt） (1)",
        "乙县（c.txt） (2)",
    ]


def test_html_escapes_plan_text_and_is_self_contained() -> None:
    html = render_html(build_comparison(plans()))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "<link" not in html and "src=" not in html
    assert '<svg class="timeline"' in html
    assert "Noto Sans CJK SC" in html


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from extractor.cli import app; app(prog_name='rubric')", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def write_plans(tmp_path: Path) -> list[str]:
    paths = []
    for plan in plans():
        path = tmp_path / f"{plan.jurisdiction.name}.json"
        path.write_text(plan.model_dump_json(), "utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("suffix", ["html", "xlsx", "csv", "md"])
def test_cli_compare_writes_each_format(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / "out" / f"report.{suffix}"
    result = run("compare", *write_plans(tmp_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


def test_cli_compare_errors(tmp_path: Path) -> None:
    paths = write_plans(tmp_path)
    bad_format = run("compare", *paths, "-o", str(tmp_path / "report.pdf"))
    assert bad_format.returncode == 2 and "unknown report format" in bad_format.stderr
    (tmp_path / "bad.json").write_text(json.dumps({"title": 1}), "utf-8")
    bad = run("compare", paths[0], str(tmp_path / "bad.json"), "-o", str(tmp_path / "r.md"))
    assert bad.returncode == 3 and "bad.json" in bad.stderr
    assert not (tmp_path / "r.md").exists()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(html_path: Path, png: Path, profile: Path) -> subprocess.CompletedProcess:
    """Load a page in headless Chromium and save a screenshot (no network needed)."""
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            "--window-size=1400,2000",
            html_path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    html.write_text(render_html(build_comparison(plans())), "utf-8")
    png = Path(os.environ.get("SCREENSHOT_DIR", tmp_path)) / "compare.png"
    result = screenshot(html, png, tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page compresses to a few kB


# ---------------------------------------------------------------- the five corpus plans


def corpus_comparison():
    from tests.conftest import CORPUS, PLAN_NAMES, extracted

    return build_comparison([extracted(CORPUS / f"{name}.txt") for name in PLAN_NAMES])


def test_corpus_plans_ordered_province_county_streets_town() -> None:
    assert corpus_comparison().plans == ["浙江省", "桓台县", "吴淞街道", "青阳街道", "赵巷镇"]


def test_corpus_lineage_of_the_county_plan() -> None:
    overview = next(v for v in corpus_comparison().views if v.name == "overview")
    county = next(row for row in overview.rows if row[0] == "桓台县")
    lines = county[6].split("\n")
    # source: 根据《山东省…》（鲁建城建字〔2020〕22号）、《淄博市…》（淄建发〔2020〕192号）
    assert lines[:2] == [
        "省：《山东省绿色社区创建行动实施方案》（鲁建城建字〔2020〕22号）",
        "市：《淄博市绿色社区创建行动实施方案》（淄建发〔2020〕192号）",
    ]


def test_corpus_targets_matrix() -> None:
    targets = next(v for v in corpus_comparison().views if v.name == "targets")
    assert targets.columns == ["辖区 Jurisdiction", "2021", "2022"]
    rows = {row[0]: row[1:] for row in targets.rows}
    assert rows["浙江省"] == ["≥40% 城市社区", "≥60% 城市社区（力争）"]
    assert rows["桓台县"] == ["≥30% 城市社区", "≥60% 城市社区"]
    assert rows["青阳街道"][1] == "≥60% 社区（力争）"


def test_corpus_crosswalk_aligns_the_parking_items() -> None:
    crosswalk = next(v for v in corpus_comparison().views if v.name == "crosswalk")
    assert crosswalk.columns[1:5] == ["浙江省", "桓台县", "吴淞街道", "青阳街道"]
    parking = [row for row in crosswalk.rows if any("停车秩序" in (c or "") for c in row[1:5])]
    assert len(parking) == 1
    numbers = [cell.split(".")[0] for cell in parking[0][1:5]]
    # 浙江 item 8, 桓台 item 11, 吴淞 item 12, 青阳 item 8 (checked against the tables)
    assert numbers == ["8", "11", "12", "8"]
    # 物业管理覆盖面不低于30% / 社区实现物业管理全覆盖 / 居住物业管理覆盖面90%以上
    property_row = next(row for row in crosswalk.rows if "物业管理覆盖" in (row[1] or ""))
    assert [cell.split(".")[0] for cell in property_row[1:5]] == ["12", "15", "18", "12"]


def test_corpus_rubric_totals() -> None:
    rubrics = next(v for v in corpus_comparison().views if v.name == "rubrics")
    rows = {row[0]: row[2:6] for row in rubrics.rows}
    assert rows["桓台县"] == [100, 80, "80%", 20]
    assert rows["吴淞街道"] == [110, 85, "77%", 29]
    assert rows["青阳街道"] == [None, None, None, 16]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_corpus_comparison_renders_in_headless_chromium(tmp_path: Path) -> None:
    html = tmp_path / "corpus.html"
    html.write_text(render_html(corpus_comparison()), "utf-8")
    png = Path(os.environ.get("SCREENSHOT_DIR", tmp_path)) / "compare-corpus.png"
    result = screenshot(html, png, tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    assert png.stat().st_size > 50_000


# ---------------------------------------------------------------- injection-safe exports

DDE = "=cmd|' /C calc'!A0"
HOSTILE_CELLS = [DDE, "+1+1", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR", "<script>alert(1)</script>"]


def hostile_comparison() -> Comparison:
    view = View(
        name="=evil",
        title="<b>标题</b>",
        columns=["计划", '=HYPERLINK("http://x")'],
        rows=[[cell, -5] for cell in HOSTILE_CELLS] + [["a|b", 3.0]],
        note="<img src=x onerror=alert(1)>",
    )
    return Comparison(plans=["<甲>", "乙|丙"], views=[view], timeline=None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (DDE, "'" + DDE),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\nx"),  # a bare CR would split the row: a line break, quoted
        ("甲=乙", "甲=乙"),
        ("", ""),
        (-5, "-5"),
        (-2.5, "-2.5"),
        (None, ""),
    ],
)
def test_csv_safe_guards_formula_starts_of_text_only(value: object, expected: str) -> None:
    assert csv_safe(value) == expected


def test_csv_export_cells_never_start_a_formula() -> None:
    text = render_csv(hostile_comparison()).removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["view", "计划", '\'=HYPERLINK("http://x")']
    for row in rows[1:]:
        assert row[0] == "'=evil"
        assert not row[1].startswith(("=", "+", "-", "@", "\t", "\r"))
        assert row[2] in ("-5", "3")  # numbers stay numbers
    assert rows[1][1] == "'" + DDE


def test_xlsx_export_stores_formula_like_text_as_text() -> None:
    from openpyxl import load_workbook

    data = render_xlsx(hostile_comparison())
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    values = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert values[: len(HOSTILE_CELLS)] == HOSTILE_CELLS
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
    assert sheet.cell(1, 2).value == '=HYPERLINK("http://x")'
    assert sheet.cell(2, 2).value == -5  # a number stays a number
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml


def test_xlsx_export_drops_control_characters_it_cannot_hold() -> None:
    from openpyxl import load_workbook

    view = View(name="v", title="t", columns=["a"], rows=[["甲\x01乙\x1b丙"]])
    data = render_xlsx(Comparison(plans=["p"], views=[view], timeline=None))
    assert load_workbook(io.BytesIO(data)).worksheets[0].cell(2, 1).value == "甲乙丙"


def test_markdown_export_escapes_markup_and_pipes() -> None:
    md = render_markdown(hostile_comparison())
    assert "<script>" not in md and "<img" not in md and "<b>" not in md and "<甲>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "a\\|b" in md and "乙\\|丙" in md
    assert markdown_text("甲 & 乙\n丙") == "甲 &amp; 乙<br>丙"


# ---------------------------------------------------------------- same input, same bytes

DIGEST_SCRIPT = """
import hashlib, sys
from extractor.pipeline import extract_file
from extractor.review.compare import build_comparison, render_comparison
plans = [extract_file(p) for p in sys.argv[1:]]
comparison = build_comparison(plans)
for fmt in ("html", "xlsx", "csv", "md"):
    out = render_comparison(comparison, fmt)
    data = out if isinstance(out, bytes) else out.encode()
    print(fmt, hashlib.sha256(data).hexdigest())
"""


def test_compare_output_is_byte_identical_whatever_the_hash_seed() -> None:
    files = [str(ROOT / "corpus" / f"{name}.txt") for name in ("hangtai", "wusong", "qingyang")]
    files.append(str(ROOT / "corpus" / "zhejiang.txt"))
    files.append(str(ROOT / "corpus" / "hangtai.docx"))  # the same jurisdiction twice
    digests = set()
    for seed in ("0", "1", "42", "4242"):
        result = subprocess.run(
            [sys.executable, "-c", DIGEST_SCRIPT, *files],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert len(result.stdout.splitlines()) == 4
        digests.add(result.stdout)
    assert len(digests) == 1


def test_xlsx_bytes_do_not_depend_on_the_time_of_writing() -> None:
    import time

    first = render_xlsx(build_comparison(plans()))
    time.sleep(1.1)  # the zip entries' and the document's timestamps have 1-second resolution
    assert render_xlsx(build_comparison(plans())) == first


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_has_calc() -> bool:
    """True when LibreOffice and its spreadsheet module (Calc, `libsclo.so`) are installed:
    without Calc, `soffice` cannot load an XLSX (`source file could not be loaded`)."""
    if SOFFICE is None:
        return False
    program = Path(os.path.realpath(SOFFICE)).parent
    return any(program.glob("libsclo.*")) or any(program.glob("sclo.dll"))


HAS_CALC = libreoffice_has_calc()


def to_pdf(xlsx: Path, out_dir: Path) -> subprocess.CompletedProcess:
    """Convert a workbook to PDF with headless LibreOffice (its own profile, no network)."""
    return subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(out_dir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.mark.skipif(
    not HAS_CALC, reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc)"
)
def test_xlsx_renders_to_pdf_in_libreoffice(tmp_path: Path) -> None:
    xlsx = tmp_path / "compare.xlsx"
    xlsx.write_bytes(render_xlsx(corpus_comparison()))
    result = to_pdf(xlsx, tmp_path)
    pdf = tmp_path / "compare.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        pages = document.pages
        assert len(pages) >= 12  # every sheet prints, each on pages of its own
        assert all(page.width > page.height for page in pages)  # landscape
        text = "".join(page.extract_text() or "" for page in pages)
    assert "桓台县" in text and "共同词 Shared words" in text and "职务 Role" in text
