"""Tests for extractor.structure.chrome: website chrome before a printed web page's title."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import build_structure
from extractor.readers.txt import read_txt
from extractor.structure import Structure
from extractor.structure.chrome import WEBSITE_CHROME, is_chrome_line

NOTICE = """关于印发某县绿色社区创建行动实施方案的通知

各乡镇人民政府，县直各单位：
现将《某县绿色社区创建行动实施方案》印发给你们，请认真贯彻执行。

某县绿色社区创建行动实施方案

一、工作目标
到2025年，建成示范社区10个。
二、主要任务
加强组织领导。
"""


def structure_of(text: str, tmp_path: Path) -> Structure:
    """The structure of `text` read as a .txt plan."""
    path = tmp_path / "plan.txt"
    data = text.encode("utf-8")
    path.write_bytes(data)
    return build_structure(read_txt(path, data))


@pytest.mark.parametrize(
    "line",
    [
        "首页 机构 新闻 政务公开 互动 服务",
        "首页 | 机构 | 新闻 | 政务公开 | 政民互动",
        "首页\u3000走进某县\u3000新闻中心\u3000政务公开\u3000政务服务",
        "当前位置：首页 > 政务公开 > 政策文件",
        "您现在的位置：首页 ＞ 信息公开",
        "首页 » 政务公开 » 通知公告",
        "字号：大 中 小",
        "【字体：大 中 小】 【打印】 【关闭】",
        "打印本页 关闭窗口",
        "分享到：微信 微博",
        "https://www.gov.cn/zhengce/content/2023-03/01/content_5744.htm",
        "2023/3/1 下午3:45 关于印发实施方案的通知_中国政府网",
        "某县人民政府门户网站",
    ],
)
def test_chrome_lines_are_recognised(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "主送：各区人民政府，市政府各部门",
        "各区人民政府：",
        "各乡镇人民政府，县直各单位：",
        "现将《某县绿色社区创建行动实施方案》印发给你们，请认真贯彻执行。",
        "索引号：000014349/2023-00012 发布机构：某县人民政府办公室",
        "序号 单位 姓名 职务",  # a table header: short items, no site section
        "政务公开工作要点",
    ],
)
def test_a_plans_own_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome_line(line)


@pytest.mark.parametrize(
    "chrome",
    [
        "首页 机构 新闻 政务公开 互动 服务\n当前位置：首页 > 政务公开 > 政策文件\n"
        "字号：大 中 小\n打印本页 关闭窗口\n",
        "首页 | 机构 | 新闻 | 政务公开 | 互动\n首页 ＞ 政务公开 ＞ 文件\n分享到\n",
        "首页\u3000机构\u3000新闻\u3000政务公开\n您现在的位置：首页 » 信息公开\n",
        "首页 | 机构 | 新闻 | 政务公开\n人事信息 | 财政资金 | 招标采购 | 统计数据\n"
        "当前位置：首页 > 政务公开\n",  # a menu's second row, no site section in it
    ],
)
def test_chrome_before_the_title_is_kept_out_and_named(chrome: str, tmp_path: Path) -> None:
    plain = structure_of(NOTICE, tmp_path)
    printed = structure_of(chrome + "\n" + NOTICE, tmp_path)
    assert [(s.kind, s.title) for s in printed.sections] == [
        (s.kind, s.title) for s in plain.sections
    ]
    assert printed.sections[0].title == "关于印发某县绿色社区创建行动实施方案的通知"
    assert printed.tables == []
    (warning,) = [w for w in printed.warnings if w.code == WEBSITE_CHROME]
    lines = [line for line in chrome.splitlines() if line.strip()]
    assert warning.message.startswith(f"{len(lines)} lines before the title")
    assert warning.evidence is not None and warning.evidence.start == 0
    assert warning.evidence.quote.splitlines()[-1].replace(" ", "")[:4] == lines[-1][:4]


def test_without_chrome_nothing_changes(tmp_path: Path) -> None:
    structure = structure_of(NOTICE, tmp_path)
    assert [s.kind for s in structure.sections][:1] == ["preamble"]
    assert all(w.code != WEBSITE_CHROME for w in structure.warnings)


def test_a_real_preamble_is_not_flagged(tmp_path: Path) -> None:
    text = "主送：各区人民政府，市政府各部门\n各区人民政府：\n" + NOTICE
    structure = structure_of(text, tmp_path)
    assert structure.sections[0].title == "主送：各区人民政府，市政府各部门"
    assert all(w.code != WEBSITE_CHROME for w in structure.warnings)


def test_chrome_on_a_web_page_printed_to_pdf_is_kept_out() -> None:
    from extractor.readers.pdf import read_pdf
    from tests.handmade_pdf import Page, pdf_bytes
    from tests.handmade_pdf import text as draw

    lines = ["首页  机构  新闻  政务公开  互动", "当前位置：首页 > 政务公开 > 政策文件",
             "字号：大 中 小  打印本页  关闭窗口"]  # fmt: skip
    chrome = [draw(60, 790 - 16 * row, line, 10) for row, line in enumerate(lines)]
    body = [line for line in NOTICE.splitlines() if line]
    ops = [draw(72, 700 - 20 * row, line, 12) for row, line in enumerate(body)]
    plain = build_structure(read_pdf(Path("plain.pdf"), pdf_bytes([Page(ops=ops)])))
    printed = build_structure(read_pdf(Path("web.pdf"), pdf_bytes([Page(ops=chrome + ops)])))
    assert [(s.kind, s.title) for s in printed.sections] == [
        (s.kind, s.title) for s in plain.sections
    ]
    assert printed.tables == [] and plain.warnings == []
    assert [w.message.split(" before")[0] for w in printed.warnings] == ["3 lines"]
