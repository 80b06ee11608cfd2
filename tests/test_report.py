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
    collect_records,
    cut_quote,
    mismatched_evidence,
    quote_repeats_label,
    record_label,
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
    plan = Plan.model_validate(
        {
            "source": {"path": "plan.txt", "format": "txt", "sha256": "0" * 64},
            "tables": [
                {
                    "kind": "rubric",
                    "header": ["序号", "内容"],
                    "rows": [["1", "建立健全<i>（20分）"]],
                    "evidence": {"start": start, "end": start + len(quote), "quote": quote},
                }
            ],
        }
    )
    html = render_report(build_report(plan, text))
    assert '<span class="quote">建立健全&lt;i&gt;\n（20分）</span>' in html
    assert "aside li .quote { display: block; color: var(--muted); font-size: 12px; " in html
    assert "white-space: pre-line; }" in html
    assert "<i>" not in html


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
