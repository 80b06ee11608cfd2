"""Committee: leading-group rosters of role markers and `name（position）` entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.document import DocumentBuilder, SourceInfo, document_from_lines
from extractor.fields.committee import (
    BARE_NAME_PATTERN,
    MEMBER_ENTRY_PATTERN,
    NAME_CELL_PATTERN,
    NAME_HEADER_PATTERN,
    POSITION_HEADER_PATTERN,
    ROLE_CELL_PATTERN,
    ROLE_MARKER_PATTERN,
    SPACED_ENTRY_PATTERN,
    extract_committee,
    roster_columns,
    split_fused_entry,
    tokenize_roster_line,
)
from extractor.normalize import normalize_line
from extractor.pipeline import build_structure
from extractor.readers import read_document
from extractor.readers.txt import read_txt
from extractor.structure import Structure
from tests.conftest import CORPUS, extracted


def committee_of(lines: list[str]):
    doc = document_from_lines(lines)
    return doc, extract_committee(Structure(doc=doc, sections=[], tables=[])).records


def read_committee(lines: list[str]):
    """The committee of a snippet as a reader leaves it (1–2 spaces between 汉字 removed)."""
    structure = Structure(
        doc=document_from_lines([normalize_line(line) for line in lines]), sections=[], tables=[]
    )
    extracted = extract_committee(structure)
    return extracted.records, extracted.warnings


@pytest.mark.parametrize(
    ("text", "role"),
    [("组  长：", "组长"), ("组长:", "组长"), ("副组长：", "副组长"), ("成  员：", "成员")],
)
def test_role_marker_pattern(text: str, role: str) -> None:
    match = ROLE_MARKER_PATTERN.match(text)
    assert match and match.group("role").replace(" ", "") == role


def test_role_marker_pattern_needs_a_colon() -> None:
    assert not ROLE_MARKER_PATTERN.match("组长负责全面工作")


@pytest.mark.parametrize(
    ("text", "name", "position"),
    [
        ("蔡少林（党工委副书记、办事处主任）", "蔡少林", "党工委副书记、办事处主任"),
        ("杨  猛（交警一中队中队长）", "杨  猛", "交警一中队中队长"),
        ("王巧虹（社区发展办副主任)", "王巧虹", "社区发展办副主任"),
        ("王巧虹(社区发展办副主任)", "王巧虹", "社区发展办副主任"),
    ],
)
def test_member_entry_pattern(text: str, name: str, position: str) -> None:
    match = MEMBER_ENTRY_PATTERN.match(text)
    assert match and (match.group("name"), match.group("position")) == (name, position)


def test_member_entry_pattern_rejects_a_long_heading() -> None:
    assert not MEMBER_ENTRY_PATTERN.fullmatch("绿色社区创建标准（试行）")


def test_bare_name_pattern_stops_before_a_bracket() -> None:
    assert BARE_NAME_PATTERN.fullmatch("张三")
    assert not BARE_NAME_PATTERN.match("各成员单位负责人")


def test_tokenize_a_line_with_two_entries_and_a_marker() -> None:
    tokens = tokenize_roster_line("庄景炜（队长）庄龙彬（副所长）成员：王金荣（副主任）")
    assert tokens is not None
    assert [(t.kind, t.role, t.name) for t in tokens] == [
        ("member", None, "庄景炜"),
        ("member", None, "庄龙彬"),
        ("role", "成员", None),
        ("member", None, "王金荣"),
    ]


@pytest.mark.parametrize(
    "line", ["领导小组下设办公室，依托在社区发展办。", "组长：由街道主任担任", "（一）加强组织领导"]
)
def test_tokenize_rejects_prose(line: str) -> None:
    assert tokenize_roster_line(line) is None


def test_roles_are_inherited_by_entry_lines() -> None:
    doc, members = committee_of(
        [
            "某街道领导小组",
            "组  长：张大山（党工委书记）",
            "副组长：李四（办事处副主任）",
            "        王五（司法所所长)",
            "成  员：赵  六（社区发展办副主任）",
            "钱七（教育办主任）",
            "领导小组下设办公室。",
            "孙八（不是成员）",
        ]
    )
    assert [(m.role, m.name, m.position) for m in members] == [
        ("组长", "张大山", "党工委书记"),
        ("副组长", "李四", "办事处副主任"),
        ("副组长", "王五", "司法所所长"),
        ("成员", "赵六", "社区发展办副主任"),
        ("成员", "钱七", "教育办主任"),
    ]
    assert members[0].evidence.quote == "组  长：张大山（党工委书记）"
    assert members[2].evidence.quote == "王五（司法所所长)"
    for member in members:
        assert doc.text[member.evidence.start : member.evidence.end] == member.evidence.quote


def test_bare_names_after_a_marker() -> None:
    _, members = committee_of(["成员：张三、李四、王五"])
    assert [(m.role, m.name, m.position) for m in members] == [
        ("成员", "张三", None),
        ("成员", "李四", None),
        ("成员", "王五", None),
    ]


def test_no_roster_no_members() -> None:
    _, members = committee_of(["张三（主任）", "一、工作目标", "到2021年底完成。"])
    assert members == []


def test_table_column_patterns() -> None:
    assert ROLE_CELL_PATTERN.match("副组长") and not ROLE_CELL_PATTERN.match("组长单位")
    assert NAME_HEADER_PATTERN.search("姓  名") and not NAME_HEADER_PATTERN.search("名称")
    assert POSITION_HEADER_PATTERN.search("单位及职务") and POSITION_HEADER_PATTERN.search("职位")
    assert NAME_CELL_PATTERN.match("杨  猛") and not NAME_CELL_PATTERN.match("县住房和城乡建设局")


def test_roster_columns_by_content_and_header() -> None:
    rows = [["组长", "张三", "县长"], ["成员", "李四", "局长"]]
    assert roster_columns(["职务", "姓名", "单位及职务"], rows) == (0, 1, 2)
    assert roster_columns(["姓名", "组内职务", "工作单位"], [["张三", "组长", "县政府"]]) == (
        1,
        0,
        2,
    )
    assert roster_columns([], [["组长", "张三"]]) == (0, 1, None)
    assert roster_columns(["序号", "社区名称"], [["1", "某社区"]]) is None


def test_members_from_a_roster_table_inherit_a_merged_role() -> None:
    builder = DocumentBuilder()
    builder.add_paragraph("某县绿色社区创建工作领导小组成员名单")
    builder.add_table(
        [
            ["职务", "姓名", "单位及职务"],
            ["组长", "张大山", "县政府副县长"],
            ["副组长", "李四", "县住建局局长"],
            ["", "王五", "县民政局局长"],
            ["成员", "赵  六", "县公安局副局长"],
        ]
    )
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    members = extract_committee(build_structure(doc)).records
    assert [(m.role, m.name, m.position) for m in members] == [
        ("组长", "张大山", "县政府副县长"),
        ("副组长", "李四", "县住建局局长"),
        ("副组长", "王五", "县民政局局长"),
        ("成员", "赵六", "县公安局副局长"),
    ]
    assert members[0].evidence.quote == "组长\t张大山\t县政府副县长"
    assert members[2].evidence.quote == "王五\t县民政局局长"


# --- corpus -----------------------------------------------------------------------------

QINGYANG_COMMITTEE = [
    ("组长", "蔡少林", "党工委副书记、办事处主任"),
    ("副组长", "林祥星", "党工委武装部长、宣传委员"),
    ("副组长", "林振贤", "党工委组织委员"),
    ("副组长", "曾台店", "办事处副主任"),
    ("副组长", "吕少欣", "办事处副主任"),
    ("副组长", "洪文峰", "司法所所长"),
    ("副组长", "丁金铭", "综合便民服务中心主任"),
    ("副组长", "郑金福", "社会事务服务中心主任"),
    ("副组长", "庄景炜", "综合执法队队长"),
    ("副组长", "庄龙彬", "青阳派出所副所长"),
    ("副组长", "杨猛", "交警一中队中队长、青阳派出所副所长"),
    ("成员", "王金荣", "社会事务服务中心副主任"),
    ("成员", "郑梅香", "乡村振兴服务科科长"),
    ("成员", "黄珑", "社区发展办副主任"),
    ("成员", "王巧虹", "社区发展办副主任"),
    ("成员", "陈菁莹", "社会事务办副主任"),
    ("成员", "颜彦", "社区治理办副主任"),
    ("成员", "王明溪", "教育办主任"),
    ("成员", "柯明珠", "社区卫生服务中心主任"),
    ("成员", "林春节", "综治执法队副队长"),
    ("成员", "李德旺", "综治执法队副队长"),
]


def test_corpus_qingyang_committee() -> None:
    plan = extracted(CORPUS / "qingyang.txt")
    assert [(m.role, m.name, m.position) for m in plan.committee] == QINGYANG_COMMITTEE
    text = read_document(CORPUS / "qingyang.txt").text
    first = plan.committee[0].evidence
    assert text[first.start : first.end] == first.quote
    assert first.quote.startswith("组") and first.quote.endswith("（党工委副书记、办事处主任）")


@pytest.mark.parametrize("name", ["hangtai", "wusong", "zhaoxiang", "zhejiang"])
def test_corpus_plans_without_a_leading_group(name: str) -> None:
    assert extracted(CORPUS / f"{name}.txt").committee == []


# --- every role, and entries written name-gap-position or run together --------------------


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("常务副组长：", "常务副组长"),
        ("组　长：", "组长"),
        ("办公室主任：", "办公室主任"),
        ("秘 书 长:", "秘书长"),
        ("主任委员：", "主任委员"),
        ("副主任委员：", "副主任委员"),
        ("委　员：", "委员"),
        ("召集人：", "召集人"),
        ("指挥长：", "指挥长"),
    ],
)
def test_role_marker_pattern_knows_every_role(text: str, role: str) -> None:
    match = ROLE_MARKER_PATTERN.match(text)
    assert match and "".join(match.group("role").split()) == role


@pytest.mark.parametrize(
    ("text", "name", "position"),
    [
        ("韩　正　　国务院副总理", "韩　正", "国务院副总理"),  # full-width padding and gap
        ("韩 正  国务院副总理", "韩 正", "国务院副总理"),  # half-width
        ("丁学东　　国务院副秘书长", "丁学东", "国务院副秘书长"),
        ("丁学东   国务院副秘书长", "丁学东", "国务院副秘书长"),
        (
            "郭卫民　　中央宣传部部务会议成员、新闻办副主任",
            "郭卫民",
            "中央宣传部部务会议成员、新闻办副主任",
        ),
    ],
)
def test_spaced_entry_pattern(text: str, name: str, position: str) -> None:
    match = SPACED_ENTRY_PATTERN.match(text)
    assert match and (match.group("name"), match.group("position")) == (name, position)


def test_spaced_entry_pattern_rejects_a_sentence() -> None:
    assert not SPACED_ENTRY_PATTERN.match("领导小组 负责统筹协调，研究解决重大问题。")


@pytest.mark.parametrize(
    ("entry", "name", "position"),
    [
        ("韩正国务院副总理", "韩正", "国务院副总理"),
        ("丁学东国务院副秘书长", "丁学东", "国务院副秘书长"),
        ("张勇发展改革委副主任", "张勇", "发展改革委副主任"),
        ("刘伟财政部副部长", "刘伟", "财政部副部长"),
        ("马正其市场监管总局副局长", "马正其", "市场监管总局副局长"),
        ("李明市财政局局长", "李明", "市财政局局长"),  # a level after a two-character name
        ("王建中国家发展改革委副主任", "王建中", "国家发展改革委副主任"),  # not 王建 + 中国…
        ("欧阳晓明县教育局局长", "欧阳晓明", "县教育局局长"),  # a compound surname
    ],
)
def test_split_fused_entry(entry: str, name: str, position: str) -> None:
    assert split_fused_entry(entry) == (name, position)


@pytest.mark.parametrize("entry", ["张三某某集团董事长", "办公室主任"])
def test_split_fused_entry_without_an_organisation_is_undecided(entry: str) -> None:
    assert split_fused_entry(entry) is None


NATIONAL_ROSTER = [
    "现将调整后的名单通知如下：",
    "组　长：韩　正　　国务院副总理",
    "常务副组长：丁学东　　国务院副秘书长",
    "副组长：李干杰　　生态环境部部长",
    "宁吉喆　　统计局局长",
    "成　员：张　勇　　发展改革委副主任",
    "刘　伟　　财政部副部长",
    "领导小组办公室设在生态环境部，办公室主任由生态环境部副部长刘伟兼任。",
]
NATIONAL_MEMBERS = [
    ("组长", "韩正", "国务院副总理"),
    ("常务副组长", "丁学东", "国务院副秘书长"),
    ("副组长", "李干杰", "生态环境部部长"),
    ("副组长", "宁吉喆", "统计局局长"),
    ("成员", "张勇", "发展改革委副主任"),
    ("成员", "刘伟", "财政部副部长"),
    ("办公室主任", "刘伟", "生态环境部副部长"),
]


def test_a_roster_written_name_gap_position_as_typed() -> None:
    doc, members = committee_of(NATIONAL_ROSTER)
    assert [(m.role, m.name, m.position) for m in members] == NATIONAL_MEMBERS
    assert members[0].evidence.quote == "组　长：韩　正　　国务院副总理"
    assert members[3].evidence.quote == "宁吉喆　　统计局局长"
    assert members[-1].evidence.quote == "办公室主任由生态环境部副部长刘伟兼任"
    for member in members:
        assert doc.text[member.evidence.start : member.evidence.end] == member.evidence.quote


def test_a_roster_written_name_gap_position_as_read() -> None:
    members, warnings = read_committee(NATIONAL_ROSTER)  # 韩正国务院副总理 …
    assert [(m.role, m.name, m.position) for m in members] == NATIONAL_MEMBERS
    assert members[0].evidence.quote == "组长：韩正国务院副总理"
    assert warnings == []


def test_a_roster_with_a_wide_gap_as_read() -> None:
    members, _ = read_committee(["组　长：韩　正　　　国务院副总理", "丁学东　　　国务院副秘书长"])
    assert [(m.role, m.name, m.position) for m in members] == [
        ("组长", "韩正", "国务院副总理"),
        ("组长", "丁学东", "国务院副秘书长"),
    ]


def test_roles_repeated_on_every_line() -> None:
    _, members = committee_of(
        ["组长：张三（县长）", "副组长：李四（副县长）", "副组长：王五（县政府办主任）"]
    )
    assert [m.role for m in members] == ["组长", "副组长", "副组长"]


def test_an_unsplit_entry_is_warned_not_guessed() -> None:
    members, warnings = read_committee(["组　长：张　三　　某某集团董事长", "李四（县长）"])
    assert [(m.role, m.name) for m in members] == [("组长", "李四")]
    assert [w.code for w in warnings] == ["committee_member_unsplit"]
    assert warnings[0].evidence and warnings[0].evidence.quote == "组长：张三某某集团董事长"


def test_a_committee_and_a_joint_meeting() -> None:
    _, members = committee_of(
        [
            "主任委员：张三（县长）",
            "副主任委员：李四（副县长）",
            "委　员：王五（县教育局局长）、赵六（县财政局局长）",
            "召集人：钱七（副县长）",
            "成员：孙八（县民政局局长）",
        ]
    )
    assert [(m.role, m.name) for m in members] == [
        ("主任委员", "张三"),
        ("副主任委员", "李四"),
        ("委员", "王五"),
        ("委员", "赵六"),
        ("召集人", "钱七"),
        ("成员", "孙八"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "领导小组办公室设在县住建局，张强同志兼任办公室主任。",
        "领导小组下设办公室，由张强同志兼任办公室主任。",
        "办公室设在县住建局，张强兼任领导小组办公室主任。",
        "办公室设在县住建局，张强同志担任办公室主任，负责日常工作。",
    ],
)
def test_an_office_taken_by_a_listed_member_holder_first(sentence: str) -> None:
    _, members = committee_of(["组长：王建国（县长）", "副组长：张强（县住建局局长）", sentence])
    assert [(m.role, m.name, m.position) for m in members] == [
        ("组长", "王建国", "县长"),
        ("副组长", "张强", "县住建局局长"),
        ("办公室主任", "张强", "县住建局局长"),  # the post the roster lists
    ]
    assert members[-1].evidence.quote.endswith("办公室主任")


def test_an_office_holder_of_a_roster_table_follows_the_table() -> None:
    lines = [
        "成立工作领导小组，组成人员如下：",
        "职务\t姓名\t单位及职务",
        "组长\t马志远\t区政府副区长",
        "副组长\t韩雪\t区民政局局长",
        "领导小组办公室设在区民政局，韩雪同志兼任办公室主任。",
    ]
    text = "\n".join(lines) + "\n"
    structure = build_structure(read_txt(Path("roster.txt"), text.encode("utf-8")))
    members = extract_committee(structure).records
    assert [(m.role, m.name) for m in members] == [
        ("组长", "马志远"),
        ("副组长", "韩雪"),
        ("办公室主任", "韩雪"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "办公室设在县住建局，李四同志兼任办公室主任。",  # not in the roster
        "张强同志兼任县住建局局长。",  # no office of the group
    ],
)
def test_an_office_taken_by_someone_unlisted_is_not_guessed(sentence: str) -> None:
    _, members = committee_of(["组长：王建国（县长）", "副组长：张强（县住建局局长）", sentence])
    assert [m.name for m in members] == ["王建国", "张强"]


def test_an_office_holder_not_in_the_roster_is_not_guessed() -> None:
    _, members = committee_of(
        ["组长：张三（县长）", "办公室设在县住建局，办公室主任由县住建局局长李四兼任。"]
    )
    assert [(m.role, m.name) for m in members] == [("组长", "张三")]


@pytest.mark.parametrize(
    "lines",
    [
        ["一、工作目标", "到2025年，全县完成改造。", "县长负责全面工作。"],
        ["成员单位：县住建局、县民政局、县财政局。"],
        ["成员：县住建局、县民政局、县财政局"],  # units, not people
        ["组长由县长担任，副组长由分管副县长担任。"],
    ],
)
def test_a_plan_without_a_roster_has_no_committee(lines: list[str]) -> None:
    _, members = committee_of(lines)
    assert members == []


def test_a_contact_table_is_no_roster() -> None:
    assert roster_columns(["单位", "姓名", "职务"], [["县住建局", "张三", "主任"]]) is None
    rows = [["主任委员", "张三", "县长"], ["委员", "李四", "局长"]]
    assert roster_columns(["职务", "姓名", "单位及职务"], rows) == (0, 1, 2)


@pytest.mark.parametrize(
    ("line", "clauses"),
    [
        ("成立领导小组，组长由县政府分管副县长担任，副组长由县住建局局长担任。",
         ["组长由县政府分管副县长担任", "副组长由县住建局局长担任"]),
        ("领导小组办公室主任由县住建局局长兼任。", ["领导小组办公室主任由县住建局局长兼任"]),
        ("成立以县长为组长的工作专班。", ["成立以县长为组长"]),
    ],
)  # fmt: skip
def test_roles_given_by_office_alone_are_said(line: str, clauses: list[str]) -> None:
    doc = document_from_lines(["一、组织领导", line])
    extracted = extract_committee(Structure(doc=doc, sections=[], tables=[]))
    assert extracted.records == []
    assert [w.evidence.quote for w in extracted.warnings if w.evidence] == clauses
    assert {w.code for w in extracted.warnings} == {"committee_roles_in_prose"}


@pytest.mark.parametrize(
    ("line", "members"),
    [
        ("成立以县长张三为组长，常务副县长李四、副县长王五为副组长，县住建局局长赵六为成员的领导小组。",
         [("组长", "张三", "县长"), ("副组长", "李四", "常务副县长"), ("副组长", "王五", "副县长"),
          ("成员", "赵六", "县住建局局长")]),
        ("成立领导小组，县长张三任组长，副县长李四任副组长。",
         [("组长", "张三", "县长"), ("副组长", "李四", "副县长")]),
        ("组长由县委书记王五担任。", [("组长", "王五", "县委书记")]),
    ],
)  # fmt: skip
def test_members_named_in_running_text_are_read(
    line: str, members: list[tuple[str, str, str]]
) -> None:
    doc = document_from_lines(["一、组织领导", line])
    extracted = extract_committee(Structure(doc=doc, sections=[], tables=[]))
    assert [(m.role, m.name, m.position) for m in extracted.records] == members
    assert extracted.warnings == []


def test_no_prose_warning_beside_a_roster_or_without_roles() -> None:
    roster = ["组长：张三（县长）", "副组长：李四（副县长）", "组长由张三担任。"]
    doc = document_from_lines(roster)
    assert extract_committee(Structure(doc=doc, sections=[], tables=[])).warnings == []
    doc = document_from_lines(["各单位要明确一名分管领导负责。"])
    assert extract_committee(Structure(doc=doc, sections=[], tables=[])).warnings == []
