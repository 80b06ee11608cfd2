"""Tests for extractor.readers.txt: paragraphs, tab-laid-out tables, errors, the corpus."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from extractor.document import Document, Paragraph, TableBlock
from extractor.errors import InputError
from extractor.readers import read_document
from extractor.readers.txt import is_table_break, read_txt, split_cells

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PLANS = ("hangtai", "wusong", "zhaoxiang", "qingyang", "zhejiang")


def read_snippet(text: str, encoding: str = "utf-8") -> Document:
    return read_txt(Path("snippet.txt"), text.encode(encoding))


def texts(doc: Document) -> list[str | list[list[str]]]:
    """Each block as its text (paragraph) or its rows of cell texts (table)."""
    return [
        [[cell.text for cell in row] for row in block.rows]
        if isinstance(block, TableBlock)
        else block.text
        for block in doc.blocks
    ]


def assert_offsets_exact(doc: Document) -> None:
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            assert doc.text[block.start : block.end] == block.text
        else:
            for row in block.rows:
                for cell in row:
                    assert doc.text[cell.start : cell.end] == cell.text
                    assert "\t" not in cell.text
                    lines = cell.text.split("\n")  # a cell's own line breaks, no blank line
                    assert all(line == line.strip() != "" for line in lines) or cell.text == ""


# --- paragraphs -----------------------------------------------------------------------


def test_paragraphs_are_normalised_lines() -> None:
    doc = read_snippet(" 标题\n\n到 2021 年底，全镇 ４５％以上。\n[bookmark: _Hlk1](一)建立机制\n")
    assert texts(doc) == ["标题", "到2021年底，全镇45%以上。", "（一）建立机制"]
    assert doc.text == "标题\n到2021年底，全镇45%以上。\n（一）建立机制"
    assert_offsets_exact(doc)


def test_page_number_and_artefact_only_lines_are_dropped() -> None:
    doc = read_snippet("第一段。\n- 5 -\n— 6 —\n第 7 页\n[bookmark: _GoBack]\n第二段。\n8/12\n")
    assert texts(doc) == ["第一段。", "第二段。"]


def test_hard_wrapped_text_is_joined() -> None:
    lines = [
        "一、工作目标",
        "到 2021 年底，推广绿色社区创建示范成果，全镇 45%以",
        "上城市社区创建达标。到 2022 年，绿色社区创建行动取得显",
        "著成效，全镇 65%以上城市社区创建达标。基本实现社区人居",
        "环境整洁、舒适、安全、美丽的目标。",
        "二、创建内容",
    ]
    doc = read_snippet("\n\n".join(lines) + "\n")
    assert texts(doc) == [
        "一、工作目标",
        "到2021年底，推广绿色社区创建示范成果，全镇45%以上城市社区创建达标。"
        "到2022年，绿色社区创建行动取得显著成效，全镇65%以上城市社区创建达标。"
        "基本实现社区人居环境整洁、舒适、安全、美丽的目标。",
        "二、创建内容",
    ]


def test_hard_wrapped_full_stop_at_the_width_continues_unless_indented() -> None:
    lines = [
        "（三）巩固提升阶段。巩固前期取得的成果，加大工作力",
        "度，统筹推进、持续深入。力争全镇 65%以上的城市社区创建",
        "达标。基本实现社区人居环境整洁、舒适、安全、美丽的目标。",
        "同时，总结经验成果，建立健全长效管理机制，做到",
        "共建、建设共管、效果共评、成果共享，推动城市精细化管理。",
        "\u3000\u3000把绿色社区创建纳入社区宣传体系，定期发布绿色社区创",
        "建活动信息。贯彻共建共治共享理念，编制发布社区绿色生活",
        "行为公约。",
    ]
    doc = read_snippet("\n\n".join(lines) + "\n")
    assert texts(doc) == [
        "（三）巩固提升阶段。巩固前期取得的成果，加大工作力度，统筹推进、持续深入。"
        "力争全镇65%以上的城市社区创建达标。基本实现社区人居环境整洁、舒适、安全、"
        "美丽的目标。同时，总结经验成果，建立健全长效管理机制，做到共建、建设共管、"
        "效果共评、成果共享，推动城市精细化管理。",
        "把绿色社区创建纳入社区宣传体系，定期发布绿色社区创建活动信息。"
        "贯彻共建共治共享理念，编制发布社区绿色生活行为公约。",
    ]


def test_unwrapped_heading_and_body_stay_apart() -> None:
    doc = read_snippet(
        "（一）建立健全社区人居环境建设和整治机制\n"
        "绿色社区创建要与加强基层党组织建设、居民自治机制建设、社区服务体系建设有机结合。\n"
        "（二）推进社区基础设施绿色化\n"
        "结合城市更新和存量住房改造，提升社区供水、排水、供电、弱电、道路、供气等基础设施。\n"
    )
    assert len(doc.paragraphs) == 4
    assert doc.paragraphs[0].text == "（一）建立健全社区人居环境建设和整治机制"


# --- tables ---------------------------------------------------------------------------


def test_tab_lines_make_cells_and_blank_lines_end_rows() -> None:
    doc = read_snippet("附件2\n\t序号\n\t名称\n\n\t1\n\t宝龙社区\n\n说明：共1个。\n")
    assert texts(doc) == ["附件2", [["序号", "名称"], ["1", "宝龙社区"]], "说明：共1个。"]
    table = doc.tables[0]
    assert doc.text[table.start : table.end] == "序号\t名称\n1\t宝龙社区"
    assert_offsets_exact(doc)


def test_cell_further_lines_are_the_cells_line_breaks() -> None:
    doc = read_snippet("\t内容\n\t标准分\n（100分）\n\n\t建立健全\n社区人居\n环境建设\n\t5\n\n")
    assert texts(doc) == [[["内容", "标准分\n（100分）"], ["建立健全\n社区人居\n环境建设", "5"]]]
    assert doc.text == "内容\t标准分\n（100分）\n建立健全\n社区人居\n环境建设\t5"
    assert_offsets_exact(doc)


@pytest.mark.parametrize(
    ("source", "cell"),
    [
        ("\t甲\n\ta\nb\n", "a\nb"),
        ("\t甲\n\t 到 2021 年\n　４５％以上 \n", "到2021年\n45%以上"),  # each line normalised
        ("\t甲\n\t\na\nb\n", "a\nb"),  # the tab line blank: no break at the start
        ("\t甲\n\ta\nb\n\u00a0\n", "a\nb"),  # nor at the end
        ("\t甲\n\tLevel A\n(20 points)\n", "Level A\n（20 points）"),
    ],
)
def test_cell_lines_are_normalised_and_blank_lines_dropped(source: str, cell: str) -> None:
    doc = read_snippet(source)
    assert texts(doc) == [[["甲", cell]]]
    assert_offsets_exact(doc)


def test_a_white_space_line_ends_the_row_so_a_cell_holds_no_blank_line() -> None:
    doc = read_snippet("\t甲\n\ta\n \u3000\nb\n")
    assert texts(doc) == [[["甲", "a"]], "b"]


def test_one_cell_rows_become_paragraphs_with_their_lines_joined() -> None:
    doc = read_snippet("正文。\n\n\n\t建立健全\n社区人居\n\n\tLevel A\nfirst\n")
    assert texts(doc) == ["正文。", "建立健全社区人居", "Level A first"]


def test_empty_and_nbsp_cells_are_kept_empty() -> None:
    doc = read_snippet("\t甲\n\t \n\t\u00a0\n\t\n\t乙\n\n\t丙\n\t\n\t\n\t\n\t丁\n")
    assert texts(doc) == [[["甲", "", "", "", "乙"], ["丙", "", "", "", "丁"]]]


def test_tab_after_leading_spaces_opens_a_cell() -> None:
    doc = read_snippet("附件：\n \t2021年计划表\n\n\t单位\n\t某街道\n\n")
    assert texts(doc) == ["附件：", [["2021年计划表"], ["单位", "某街道"]]]


def test_text_line_after_a_finished_row_ends_the_table() -> None:
    doc = read_snippet("\t甲\n\t乙\n\n\n正文。\n\t丙\n\t丁\n\n")
    assert texts(doc) == [[["甲", "乙"]], "正文。", [["丙", "丁"]]]
    doc = read_snippet("\t甲\n\t乙\n\n正文。\n")
    assert texts(doc) == [[["甲", "乙"]], "正文。"]


def test_two_blank_lines_end_a_table() -> None:
    doc = read_snippet("\t表一\n\n\t甲\n\t乙\n\n\n\n\t表二\n\n\t丙\n\t丁\n")
    assert texts(doc) == [[["表一"], ["甲", "乙"]], [["表二"], ["丙", "丁"]]]


def test_attachment_heading_right_after_a_cell_ends_the_table() -> None:
    doc = read_snippet("\t1\n\t宝林雅苑52号101室\n 附件2：\n自评表\n\t序号\n\t内容\n")
    assert texts(doc) == [
        [["1", "宝林雅苑52号101室"]],
        "附件2：",
        "自评表",
        [["序号", "内容"]],
    ]


def test_a_single_cell_table_is_a_paragraph() -> None:
    doc = read_snippet("正文。\n\n\n\t街道党政办      2022年1月7日印发\n\n\n")
    assert texts(doc) == ["正文。", "街道党政办      2022年1月7日印发"]
    assert doc.tables == ()


def test_tab_indented_paragraphs_are_paragraphs() -> None:
    doc = read_snippet("\t一、工作目标\n\n\t到2021年底，全镇45%以上。\n\n\t二、创建内容\n")
    assert texts(doc) == ["一、工作目标", "到2021年底，全镇45%以上。", "二、创建内容"]


def test_a_line_with_several_tabs_opens_several_cells() -> None:
    assert split_cells("\t甲\t乙\t") == ["甲", "乙", ""]
    doc = read_snippet("\t甲\t乙\n\n\t丙\t丁\n")
    assert texts(doc) == [[["甲", "乙"], ["丙", "丁"]]]


def test_a_paragraph_indented_by_a_stray_tab_next_to_a_table_stays_a_paragraph() -> None:
    doc = read_snippet(
        "\t为加强社区建设，现提出如下意见，请认真贯彻落实。\n\n"
        "\t序号\n\t名称\n\n\t1\n\t甲社区\n\n"
        "\t以上名单如有变动，另行通知。\n"
    )
    assert texts(doc) == [
        "为加强社区建设，现提出如下意见，请认真贯彻落实。",
        [["序号", "名称"], ["1", "甲社区"]],
        "以上名单如有变动，另行通知。",
    ]
    assert_offsets_exact(doc)


def test_a_one_cell_title_row_is_kept_in_the_table() -> None:
    doc = read_snippet("\t2021年社区创建计划表\n\n\t序号\n\t名称\n\n\t1\n\t甲社区\n")
    assert texts(doc) == [[["2021年社区创建计划表"], ["序号", "名称"], ["1", "甲社区"]]]


def test_a_doubled_blank_line_between_rows_keeps_one_table() -> None:
    doc = read_snippet("\t序号\n\t名称\n\n\t1\n\t甲社区\n\n\n\t2\n\t乙社区\n")
    assert texts(doc) == [[["序号", "名称"], ["1", "甲社区"], ["2", "乙社区"]]]


def test_a_doubled_blank_line_before_a_title_row_still_ends_the_table() -> None:
    doc = read_snippet("\t序号\n\t名称\n\n\t1\n\t甲社区\n\n\n\t附表说明\n")
    assert texts(doc) == [[["序号", "名称"], ["1", "甲社区"]], "附表说明"]


def test_a_doubled_blank_line_before_a_new_header_ends_the_table() -> None:
    doc = read_snippet("\t序号\n\t名称\n\n\t1\n\t甲社区\n\n\n\t编号\n\t单位\n\n\t1\n\t乙局\n")
    assert texts(doc) == [[["序号", "名称"], ["1", "甲社区"]], [["编号", "单位"], ["1", "乙局"]]]


def test_a_missing_blank_line_between_rows_is_cut_back_with_a_warning() -> None:
    doc = read_snippet("\t序号\n\t名称\n\n\t1\n\t甲社区\n\t2\n\t乙社区\n\n\t3\n\t丙社区\n")
    assert texts(doc) == [[["序号", "名称"], ["1", "甲社区"], ["2", "乙社区"], ["3", "丙社区"]]]
    (warning,) = doc.warnings
    assert warning.code == "table_rows_run_together"
    assert "序号 | 名称" in warning.message
    assert warning.evidence is not None and warning.evidence.quote == "1\t甲社区"
    assert_offsets_exact(doc)


def test_a_row_of_other_width_is_not_cut() -> None:
    doc = read_snippet("\t序号\n\t名称\n\t分值\n\n\t1\n\t甲\n\t5\n\n\t合计\n\t5\n")
    assert texts(doc) == [[["序号", "名称", "分值"], ["1", "甲", "5"], ["合计", "5"]]]
    assert doc.warnings == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (" 附件2：", True),
        ("附件1", True),
        ("附表3", True),
        ("三、组织实施", True),
        ("（100分）", False),
        ("社区人居", False),
        ("天蓝地绿水清（获得一项市级示范项目得4分）", False),
    ],
)
def test_is_table_break(line: str, expected: bool) -> None:
    assert is_table_break(line) is expected


def test_page_number_inside_a_table_is_dropped() -> None:
    doc = read_snippet("\t甲\n- 3 -\n\t乙\n\n")
    assert texts(doc) == [[["甲", "乙"]]]


# --- encodings and errors -------------------------------------------------------------

SNIPPET = (
    "一、工作目标\n到2021年底，全镇45%以上城市社区创建达标。\n\t序号\n\t名称\n\n\t1\n\t宝龙社区\n"
)


@pytest.mark.parametrize(
    "data",
    [
        SNIPPET.encode("utf-8"),
        b"\xef\xbb\xbf" + SNIPPET.encode("utf-8"),
        b"\xff\xfe" + SNIPPET.encode("utf-16-le"),
        b"\xfe\xff" + SNIPPET.encode("utf-16-be"),
        (SNIPPET * 2).encode("gb18030"),
        SNIPPET.replace("\n", "\r\n").encode("utf-8"),
    ],
)
def test_read_txt_decodes_every_encoding_alike(data: bytes) -> None:
    doc = read_txt(Path("plan.txt"), data)
    assert doc.paragraphs[0].text == "一、工作目标"
    assert [[c.text for c in row] for row in doc.tables[0].rows][:2] == [
        ["序号", "名称"],
        ["1", "宝龙社区"],
    ]


def test_source_info() -> None:
    data = "标题\n".encode()
    doc = read_txt(Path("dir/plan.txt"), data)
    assert doc.source.path == "dir/plan.txt"
    assert doc.source.format == "txt"
    assert doc.source.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.source.pages is None


NO_TEXT = "plan.txt: no text: only white space, page numbers or conversion artefacts"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "plan.txt: file is empty"),
        (b" \n\t\n\xc2\xa0\n", NO_TEXT),
        (
            b"- 5 -\n[bookmark: _GoBack]\n",
            NO_TEXT,
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "plan.txt: binary file, not a text plan"),
        (b"\xef\xbb\xbf\xff\xfe\xfd", "plan.txt: not valid UTF-8 text (bad byte at offset 0)"),
    ],
)
def test_bad_input_gives_one_line_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        read_txt(Path("plan.txt"), data)
    assert str(info.value) == message


def test_read_document_routes_binary_and_empty_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="file is empty"):
        read_document(empty)
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match="binary file"):
        read_document(binary)


# --- the corpus -----------------------------------------------------------------------


def read_plan(name: str) -> Document:
    return read_document(CORPUS / f"{name}.txt")


def paragraph_texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


def rows_of(table: TableBlock) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


@pytest.mark.parametrize("name", PLANS)
def test_corpus_offsets_and_conventions(name: str) -> None:
    doc = read_plan(name)
    assert_offsets_exact(doc)
    assert "[bookmark" not in doc.text
    assert "\u00a0" not in doc.text and "\u3000" not in doc.text
    for paragraph in doc.paragraphs:
        assert paragraph.text == paragraph.text.strip() != ""
        assert "\t" not in paragraph.text and "\n" not in paragraph.text


def test_corpus_table_counts_and_shapes() -> None:
    shapes = {
        name: [(len(t.rows), max(len(r) for r in t.rows)) for t in read_plan(name).tables]
        for name in PLANS
    }
    assert shapes == {
        # issuing bureaus, 20-item standards, 21-community roster
        "hangtai": [(6, 3), (22, 5), (23, 3)],
        # 2021 roster, 2022 roster, 29-item self-assessment, application form
        "wusong": [(19, 4), (15, 4), (32, 8), (10, 4)],
        "zhaoxiang": [],
        # 16 standards (the issuing-office footer is a paragraph, not a row)
        "qingyang": [(18, 3)],
        # 17-item rubric, reporting summary
        "zhejiang": [(18, 5), (5, 8)],
    }


def test_corpus_zhaoxiang_wrapped_lines_are_joined() -> None:
    paragraphs = paragraph_texts(read_plan("zhaoxiang"))
    assert "一、工作目标" in paragraphs
    goal = paragraphs[paragraphs.index("一、工作目标") + 1]
    assert goal == (
        "到2021年底，推广绿色社区创建示范成果，全镇45%以上城市社区创建达标。"
        "到2022年，绿色社区创建行动取得显著成效，全镇65%以上城市社区创建达标。"
        "基本实现社区人居环境整洁、舒适、安全、美丽的目标。"
    )
    assert paragraphs[0] == "赵巷镇绿色社区创建行动实施方案"
    assert any("（沪建城管联〔2020〕683号）" in p for p in paragraphs)
    assert any(
        p.startswith("（一）建立健全社区人居环境建设和整治机制。绿色社区创建要与")
        for p in paragraphs
    )
    assert "2022年：佳福东居委会、佳昱居委会、秀景居委会、巷佳居委会。" in paragraphs
    assert (
        "（一）试点探索阶段。制定本镇绿色社区创建行动方案，细化工作措施，明确责任分工，全面动员部署。"
        in paragraphs
    )
    assert any("每年10月30日之前" in p for p in paragraphs)
    headings = [p for p in paragraphs if p[:2] in {"一、", "二、", "三、", "四、", "五、", "六、"}]
    assert headings == [
        "一、工作目标",
        "二、创建范围",
        "三、创建内容",
        "四、组织实施",
        "五、具体创建步骤",
        "六、强化保障措施",
    ]
    # a line ending in 。 at the wrap width carries on into the next line …
    assert (
        "（三）提高社区信息化智能化水平，培育社区绿色文化。推进社区市政基础设施智能化改造"
        "和安防系统智能化建设。搭建社区公共服务综合信息平台。"
    ) in "".join(paragraphs)
    assert any(
        p.startswith("（三）提高社区信息化智能化水平，培育社区绿色文化。推进社区市政")
        and p.endswith("公共服务设施监管等领域智能化升级。")
        for p in paragraphs
    )
    assert (
        "（三）巩固提升阶段。巩固前期取得的成果，加大工作力度，统筹推进、持续深入。"
        "力争全镇65%以上的城市社区创建达标。基本实现社区人居环境整洁、舒适、安全、"
        "美丽的目标。同时，总结经验成果，建立健全长效管理机制。"
    ) in paragraphs
    # … but not into a year's list, nor after a line ending short of the width
    assert any(
        p.startswith("2021年：崧鑫居委会") and p.endswith("佳煌居委会。") for p in paragraphs
    )
    assert any(p.endswith("绿色社区创建项目的申报和实施。") for p in paragraphs)
    assert any(p.startswith("镇经发办、社区办、社发办") for p in paragraphs)
    assert len(paragraphs) == 26


def test_corpus_wusong_headings_stay_separate() -> None:
    paragraphs = paragraph_texts(read_plan("wusong"))
    heading = paragraphs.index("（一）建立健全社区人居环境建设和整治机制")
    assert paragraphs[heading + 1].startswith("绿色社区创建要与加强基层党组织建设")
    assert "（一）试点探索阶段（2021年3月底前）" in paragraphs
    assert "附件2：" in paragraphs
    assert "备注：总分110分，自评达到85分以上可申报创建达标" in paragraphs


def test_corpus_wusong_tables() -> None:
    roster_2021, roster_2022, rubric, form = read_plan("wusong").tables
    assert rows_of(roster_2021)[:4] == [
        ["2021年绿色社区创建计划表"],
        ["单位", "吴淞街道"],
        ["时间点", "序号", "居委名称", "地址"],
        ["第一批（2021年）", "1", "吴淞新城居委会", "班溪路55弄82号二楼"],
    ]
    assert rows_of(roster_2021)[-1] == ["", "16", "海江新村居委会", "塘后路203弄22号"]
    assert rows_of(roster_2022)[-1] == ["", "12", "二纺居委会", "宝林雅苑52号101室"]
    assert rows_of(rubric)[1] == ["", "", "", "", "合格", "一般", "良好", ""]
    assert rows_of(rubric)[2][1] == "（一）建立健全社区人居环境建设和整治机制\n（20分）"
    assert rows_of(rubric)[-1] == ["合计", "110", "73", "91.5", "110", ""]
    assert rows_of(form)[7] == ["所属街镇\n推荐意见", "街道（盖章）\n年月日"]


def test_corpus_hangtai_tables() -> None:
    bureaus, standards, roster = read_plan("hangtai").tables
    assert rows_of(bureaus)[0] == ["桓台县住房和城乡建设局", "", "桓台县发展和改革局"]
    assert rows_of(bureaus)[2] == ["桓台县民政局", "", ""]
    assert rows_of(standards)[0] == ["内容", "创建标准", "标准分\n（100分）", "得分\n（分）"]
    assert rows_of(standards)[1][0] == "建立健全\n社区人居\n环境建设\n和整治机制"
    assert rows_of(standards)[2][:2] == ["", "2"]
    assert rows_of(standards)[-1] == ["合计分值", "100", ""]
    assert rows_of(roster)[16] == ["16", "索镇", "永安社区"]
    assert rows_of(roster)[-1] == ["", "合计", "21"]
    paragraphs = paragraph_texts(read_plan("hangtai"))
    assert "附件：1．桓台县绿色社区创建标准（试行）" in paragraphs
    assert "说明：绿色社区创建得分须不低于80分。" in paragraphs


def test_corpus_qingyang_page_numbers_and_roster() -> None:
    doc = read_plan("qingyang")
    assert "- 5 -" not in doc.text and "- 1 -" not in doc.text
    paragraphs = paragraph_texts(doc)
    assert paragraphs[1] == "晋政青〔2022〕4号"
    assert "4、实施步骤" in paragraphs
    assert "杨猛（交警一中队中队长、青阳派出所副所长）" in paragraphs
    assert "王巧虹（社区发展办副主任）" in paragraphs
    assert "组长：蔡少林（党工委副书记、办事处主任）" in paragraphs
    assert paragraphs[-1] == "青阳街道党政办                             2022年1月7日印发"
    (standards,) = doc.tables
    assert rows_of(standards)[0] == ["绿色社区创建标准（试行）"]
    assert rows_of(standards)[2][0] == "建立健全社区人居\n环境建设和整治机制"
    assert rows_of(standards)[-1] == [
        "",
        "16",
        "社区相关文物古迹、历史建筑、古树名木等历史文化资源得到有效保护",
    ]


def test_corpus_zhejiang_artefacts_and_tables() -> None:
    doc = read_plan("zhejiang")
    paragraphs = paragraph_texts(doc)
    assert paragraphs[0] == "浙江省绿色社区建设行动实施方案"
    assert "（建城〔2020〕68号）" in paragraphs[1]
    assert paragraphs[-1].startswith("注：本表由设区市住房和城乡建设部门汇总填写")
    rubric, summary = doc.tables
    assert rows_of(rubric)[0] == ["内容", "分值", "建设标准", "评分标准"]
    assert rows_of(rubric)[-1][:3] == ["附加", "4", "17"]
    assert rows_of(summary)[-1] == ["地区合计", "/", "", "", "/", "", "", ""]
