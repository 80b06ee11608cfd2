"""The evidence view: records collected, evidence checked, text segmented, HTML escaped."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.models import Plan
from extractor.review.report import (
    EvidenceRecord,
    build_report,
    chinese_number,
    collect_records,
    cut_quote,
    date_pattern,
    locate_metadata,
    mismatched_evidence,
    quote_repeats_label,
    record_label,
    record_values,
    render_report,
    segment_text,
)
from tests.conftest import ROOT

TEXT = (
    "某县方案\n"
    "一、创建目标\n"
    "2021年，全县30%以上的城市社区参与创建。\n"
    "附件1\n"
    "1\t社区停车秩序规范<b>\t5\n"
    "2\t绿地布局合理\t5"
)


def ev(quote: str) -> dict:
    start = TEXT.index(quote)
    return {"start": start, "end": start + len(quote), "quote": quote}


def sample_plan(sha256: str = "0" * 64) -> Plan:
    table = "1\t社区停车秩序规范<b>\t5\n2\t绿地布局合理\t5"
    return Plan.model_validate(
        {
            "source": {"path": "plan.txt", "format": "txt", "sha256": sha256},
            "title": "某县方案",
            "sections": [
                {
                    "number": "一",
                    "title": "创建目标",
                    "kind": "objectives",
                    "level": 1,
                    "evidence": ev("一、创建目标"),
                    "children": [
                        {
                            "number": "1",
                            "title": "附件1",
                            "kind": "attachment",
                            "level": 3,
                            "evidence": ev("附件1"),
                        }
                    ],
                },
            ],
            "targets": [
                {
                    "year": 2021,
                    "percent": 30,
                    "subject": "城市社区",
                    "evidence": ev("2021年，全县30%以上的城市社区参与创建"),
                },
            ],
            "rubrics": [
                {
                    "title": "评分表",
                    "evidence": ev(table),
                    "dimensions": [
                        {
                            "items": [
                                {
                                    "number": "1",
                                    "criterion": "社区停车秩序规范<b>",
                                    "points": 5,
                                    "evidence": ev("1\t社区停车秩序规范<b>\t5"),
                                },
                                {
                                    "number": "2",
                                    "criterion": "绿地布局合理",
                                    "points": 5,
                                    "evidence": ev("2\t绿地布局合理\t5"),
                                },
                            ]
                        }
                    ],
                },
            ],
        }
    )


def test_collect_records_walks_nested_lists_in_plan_order() -> None:
    records = collect_records(sample_plan())
    assert [(r.rid, r.kind, r.path) for r in records] == [
        ("r0", "sections", "sections[0]"),
        ("r1", "sections", "sections[0].children[0]"),
        ("r2", "targets", "targets[0]"),
        ("r3", "rubrics", "rubrics[0]"),
        ("r4", "items", "rubrics[0].dimensions[0].items[0]"),
        ("r5", "items", "rubrics[0].dimensions[0].items[1]"),
    ]
    assert records[2].label == "2021 30% 城市社区"
    assert records[4].label == "1 社区停车秩序规范<b>"


def test_record_label_variants() -> None:
    assert record_label("phases", {"name": "动员部署"}) == "动员部署"
    assert record_label("committee", {"role": "组长", "name": "张三", "position": None}) == (
        "组长 张三"
    )
    assert record_label("targets", {"year": None, "count": 2, "subject": "试点社区"}) == (
        "2 试点社区"
    )
    assert record_label("phases", {}) == "phases"
    assert len(record_label("items", {"criterion": "长" * 200})) == 60


def test_quote_repeats_label() -> None:
    assert quote_repeats_label("一 创建目标", "一、创建目标")
    assert quote_repeats_label("1 社区停车秩序规范", "社区停车秩序规范")
    assert not quote_repeats_label("2021 30% 城市社区", "2021年，全县30%以上的城市社区")
    assert not quote_repeats_label("x", "")


def test_mismatched_evidence_is_found() -> None:
    records = collect_records(sample_plan())
    assert mismatched_evidence(records, TEXT) == []
    shifted = "X" + TEXT
    assert len(mismatched_evidence(records, shifted)) == len(records)
    assert mismatched_evidence(records, TEXT[:10]) != []


def test_segments_cover_the_text_and_innermost_kind_wins() -> None:
    records = collect_records(sample_plan())
    segments = segment_text(TEXT, records)
    assert "".join(s.text for s in segments) == TEXT
    parking = next(s for s in segments if "停车" in s.text)
    assert parking.text == "1\t社区停车秩序规范<b>\t5"
    assert parking.kind == "items"
    assert parking.records == ("r4", "r3")  # the item inside the rubric
    assert parking.anchors == ("r3", "r4")
    newline = next(s for s in segments if s.text == "\n" and s.records)
    assert newline.kind == "rubrics"  # between two items, still inside the table
    assert segments[0].kind is None and segments[0].text == "某县方案\n"


def test_segment_text_keeps_anchors_of_empty_records() -> None:
    empty = EvidenceRecord("r0", "warnings", "warnings[0]", "w", 3, 3, "")
    segments = segment_text("abcdef", [empty])
    assert [(s.text, s.anchors) for s in segments] == [("abc", ()), ("def", ("r0",))]


def test_build_report_refuses_evidence_that_does_not_match() -> None:
    with pytest.raises(ValueError, match="first: sections\\[0\\]"):
        build_report(sample_plan(), "X" + TEXT)


def test_render_report_escapes_and_links_records() -> None:
    report = build_report(sample_plan(), TEXT)
    assert report.kinds == [
        ("metadata", "元数据 metadata", 1),  # the title, found in the text
        ("sections", "章节 sections", 2),
        ("targets", "目标 targets", 1),
        ("rubrics", "评分表 rubrics", 1),
        ("items", "评分条目 rubric items", 2),
    ]
    html = render_report(report)
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert '<a id="r4"></a><mark class="k-items" data-r="r4 r3">' in html
    assert 'href="#r4" data-target="r4"' in html
    assert "https://" not in html and "<link" not in html and "src=" not in html


@pytest.mark.parametrize(
    ("quote", "width", "expected"),
    [
        ("建立健全\n（20分）", 90, "建立健全\n（20分）"),  # a cell's line break is kept
        ("a  b\t\tc", 90, "a b c"),  # other white space runs are one space
        ("1\t甲\n\n2\t乙 ", 90, "1 甲\n2 乙"),  # no blank line, none trailing
        ("一二三\n四五六", 5, "一二三\n…"),
    ],
)
def test_cut_quote_keeps_line_breaks(quote: str, width: int, expected: str) -> None:
    assert cut_quote(quote, width) == expected


def test_render_report_shows_a_cells_line_breaks_escaped() -> None:
    text = "序号\t内容\n1\t建立健全<i>\n（20分）\t20"
    quote = "建立健全<i>\n（20分）"
    start = text.index(quote)
    evidence = {"start": start, "end": start + len(quote), "quote": quote}
    plan = Plan.model_validate(
        {
            "source": {"path": "plan.txt", "format": "txt", "sha256": "0" * 64},
            "rubrics": [
                {
                    "evidence": {"start": 0, "end": len(text), "quote": text},
                    "dimensions": [
                        {
                            "items": [
                                {"criterion": "建立健全<i>", "points": 20, "evidence": evidence}
                            ]
                        }
                    ],
                }
            ],
        }
    )
    html = render_report(build_report(plan, text))
    assert '<span class="quote">建立健全&lt;i&gt;\n（20分）</span>' in html
    assert "aside li .quote { display: block; color: var(--muted); font-size: 12px; " in html
    assert "white-space: pre-line; }" in html
    assert "<i>" not in html


def test_render_report_draws_tables_as_tables() -> None:
    text = "序号\t内容\n1\t建立健全<i>\n（20分）\t20"
    plan = Plan.model_validate(
        {
            "source": {"path": "plan.txt", "format": "txt", "sha256": "0" * 64},
            "tables": [
                {
                    "kind": "rubric",
                    "header": ["序号", "内容"],
                    "rows": [["1", "建立健全<i>（20分）"]] + [[str(n), "x"] for n in range(2, 15)],
                    "evidence": {"start": 0, "end": len(text), "quote": text},
                }
            ],
        }
    )
    html = render_report(build_report(plan, text))
    assert '<table class="cells"><tr><th>序号</th><th>内容</th></tr>' in html
    assert "<tr><td>1</td><td>建立健全&lt;i&gt;（20分）</td></tr>" in html
    assert "<td>12</td>" in html and "<td>13</td>" not in html
    assert "… 2 行未显示 more rows" in html


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from extractor.cli import app; app(prog_name='rubric')", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


PROSE = "某县方案\n一、创建目标\n2021年，全县30%以上的<b>城市社区参与创建。\n"


def write_case(tmp_path: Path) -> tuple[Path, Path]:
    """A prose-only source file and a plan whose evidence points into its read text."""
    from extractor.readers import read_document

    source = tmp_path / "plan.txt"
    source.write_text(PROSE, "utf-8")
    text = read_document(source).text
    quote = "2021年，全县30%以上的<b>城市社区参与创建"
    start = text.index(quote)
    plan = Plan.model_validate(
        {
            "source": {
                "path": str(source),
                "format": "txt",
                "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
            },
            "targets": [
                {
                    "year": 2021,
                    "percent": 30,
                    "evidence": {"start": start, "end": start + len(quote), "quote": quote},
                }
            ],
        }
    )
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(plan.model_dump_json(), "utf-8")
    return plan_path, source


def test_cli_report_reads_the_source_and_checks_its_sha256(tmp_path: Path) -> None:
    plan_path, source = write_case(tmp_path)
    out = tmp_path / "view.html"
    result = run("report", str(plan_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert '<mark class="k-targets" data-r="r0">2021年，全县30%以上的&lt;b&gt;城市' in (
        out.read_text("utf-8")
    )
    other = tmp_path / "other.txt"
    other.write_text(PROSE + "变更\n", "utf-8")
    wrong = run("report", str(plan_path), "--source", str(other), "-o", str(tmp_path / "x.html"))
    assert wrong.returncode == 3
    assert "does not match the plan's source.sha256" in wrong.stderr
    assert wrong.stderr.count("\n") == 1
    assert not (tmp_path / "x.html").exists()
    source.unlink()
    gone = run("report", str(plan_path), "-o", str(out))
    assert gone.returncode == 3 and "pass --source FILE" in gone.stderr
    assert run("report", str(plan_path), "-o", str(tmp_path / "v.pdf")).returncode == 2


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    from tests.test_compare import screenshot

    html = tmp_path / "view.html"
    html.write_text(render_report(build_report(sample_plan(), TEXT)), "utf-8")
    png = Path(os.environ.get("SCREENSHOT_DIR", tmp_path)) / "report.png"
    result = screenshot(html, png, tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000


def test_corpus_reports_hold_every_record(corpus_plan: tuple[str, Plan]) -> None:
    from extractor.readers import read_document

    name, plan = corpus_plan
    text = read_document(ROOT / plan.source.path).text
    report = build_report(plan, text)
    assert "".join(s.text for s in report.segments) == text
    assert len(report.records) == sum(count for _, _, count in report.kinds)
    anchored = {rid for s in report.segments for rid in s.anchors}
    assert anchored == {r.rid for r in report.records}
    targets = [r for r in report.records if r.kind == "targets"]
    assert len(targets) == 2, name  # every plan sets one target for 2021 and one for 2022


def test_cli_report_extracts_a_plan_file_first(tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    result = run("report", "corpus/zhaoxiang.txt", "-o", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text("utf-8")
    assert "赵巷镇绿色社区创建行动实施方案" in html and 'class="k-targets"' in html


# ---------------------------------------------------------------- extracted values, metadata


def test_record_values_show_what_was_extracted() -> None:
    item = {
        "number": "8",
        "criterion": "停车秩序规范",
        "points": 6.0,
        "level_points": {"合格": 3.0, "良好": 5.0},
        "rules": [
            {"text": "每发现1处扣1分，最高扣2分", "deduct": 1.0, "per": "发现1处", "cap": 2.0},
            {"text": "扣1-3分", "deduct": 1.0, "deduct_max": 3.0, "per": None, "cap": None},
            {"text": "视情况扣分", "deduct": None},
        ],
        "bonus": False,
        "note": None,
        "evidence": {"start": 0, "end": 1, "quote": "x"},
    }
    assert record_values(item) == (
        ("序号", "8"),
        ("评分内容", "停车秩序规范"),
        ("分值", "6"),
        ("等级分", "合格 3 · 良好 5"),
        ("扣分", "每发现1处扣1分，最高扣2分（扣1 每发现1处 封顶2）\n扣1-3分（扣1–3）\n视情况扣分"),
    )
    duty = {"task": "推进绿色化", "lead": ["县住建局"], "participants": ["县水利局", "索镇"]}
    assert record_values(duty) == (
        ("任务", "推进绿色化"),
        ("牵头", "县住建局"),
        ("参与", "县水利局、索镇"),
    )
    assert record_values({"name": "某社区", "children": [{"x": 1}], "aspirational": True}) == (
        ("名称", "某社区"),
        ("力争", "是"),
    )


def test_record_values_leave_out_what_the_label_shows() -> None:
    section = {"number": "一", "title": "工作目标", "kind": "objectives", "level": 1}
    assert record_values(section, "sections") == (("类型", "objectives"),)
    item = {"number": "8", "name": None, "criterion": "停车", "points": 6.0, "bonus": True}
    assert record_values(item, "items") == (("分值", "6"), ("附加", "是"))


def test_report_lists_values_and_pdf_pages() -> None:
    plan = sample_plan()
    plan.targets[0].evidence.page = 3
    html = render_report(build_report(plan, TEXT))
    assert '<span class="page">p. 3</span>' in html
    assert "<dt>比例%</dt><dd>30</dd>" in html
    assert "<dt>对象</dt>" not in html  # the subject is in the target's label already


@pytest.mark.parametrize(
    ("n", "written"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (31, "三十一")]
)
def test_chinese_number(n: int, written: str) -> None:
    assert chinese_number(n) == written


@pytest.mark.parametrize(
    "text",
    [
        "2021年1月7日",
        "2021年01月07日",
        "2021 年 1 月 7 日",
        "二〇二一年一月七日",
        "二○二一年一月七号",
    ],
)
def test_date_pattern_finds_a_date_as_written(text: str) -> None:
    import datetime as dt

    assert date_pattern(dt.date(2021, 1, 7)).search(f"某某局\n{text}\n")


def test_date_pattern_does_not_match_another_day() -> None:
    import datetime as dt

    for text in ("2021年1月17日", "2021年11月7日", "2020年1月7日", "二〇二一年一月十七日"):
        assert not date_pattern(dt.date(2021, 1, 7)).search(text), text


def test_locate_metadata_wrapped_title_last_date_and_missing_issuer() -> None:
    import datetime as dt

    text = "某县绿色社区创建\n行动方案\n2021年1月7日召开会议。\n某县住房和城乡建设局\n2021年1月7日"
    plan = Plan.model_validate(
        {
            "source": {"path": "p.txt", "format": "txt", "sha256": "0" * 64},
            "title": "某县绿色社区创建行动方案",
            "issuers": ["某县住房和城乡建设局", "某县民政局"],
            "issued_on": dt.date(2021, 1, 7),
        }
    )
    found, missing = locate_metadata(plan, text)
    spans = {name: text[start:end] for name, _, start, end in found}
    assert spans["标题 title"] == "某县绿色社区创建\n行动方案"
    assert spans["印发单位 issuer"] == "某县住房和城乡建设局"
    date = next(start for name, _, start, _ in found if name == "印发日期 issued")
    assert date == text.rindex("2021年1月7日")  # the signature date, not the first mention
    assert missing == [("印发单位 issuer", "某县民政局")]
    html = render_report(build_report(plan, text))
    assert "原文中未找到 not found in the text" in html and "某县民政局" in html


def test_corpus_report_metadata_has_evidence() -> None:
    from extractor.readers import read_document
    from tests.conftest import CORPUS, extracted

    plan = extracted(CORPUS / "hangtai.txt")
    report = build_report(plan, read_document(CORPUS / "hangtai.txt").text)
    metadata = [r for r in report.records if r.kind == "metadata"]
    names = [r.label.split(":")[0] for r in metadata]
    assert names[0] == "标题 title" and "印发日期 issued" in names
    assert not [name for name, _ in report.unlocated if name != "印发单位 issuer"]
