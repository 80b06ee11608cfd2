"""Decoding a .txt plan (extractor.normalize.decode_text_file): a few bad bytes replaced and
reported, GB18030 with zero-width marks, RTF refused, HTML read as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.normalize import (
    DecodedText,
    decode_html,
    decode_replacing,
    decode_text,
    decode_text_file,
)
from extractor.pipeline import extract_file
from extractor.readers import read_document

PLAN = (
    "一、工作目标\n到2025年底，全市80%以上城市社区达到绿色社区创建要求。\n"
    "二、重点任务\n（一）建立健全社区人居环境建设和整治机制。\n"
) * 20


# --- a few bad bytes -------------------------------------------------------------------------


def test_one_stray_byte_in_utf8_is_replaced_and_reported() -> None:
    data = PLAN.encode("utf-8")
    at = data.index("全市".encode())
    decoded = decode_text_file("plan.txt", data[:at] + b"\xff" + data[at:])
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == (at,)
    assert decoded.text == PLAN[: PLAN.index("全市")] + "\ufffd" + PLAN[PLAN.index("全市") :]
    assert decoded.replaced_message() == (
        f"1 byte(s) that are not valid UTF-8 were replaced by \ufffd (byte offsets {at})"
    )


def test_a_truncated_last_character_is_replaced() -> None:
    data = PLAN.encode("utf-8") + "社".encode()[:2]
    decoded = decode_text_file("plan.txt", data)
    assert decoded.replaced == (len(data) - 2, len(data) - 1)
    assert decoded.text.endswith("\ufffd")


def test_many_offsets_are_listed_up_to_ten() -> None:
    pieces = (PLAN * 5).encode("utf-8").split(b"\n")
    data = b"\n".join(piece + (b"\xff" if n < 12 else b"") for n, piece in enumerate(pieces))
    decoded = decode_text_file("plan.txt", data)
    assert len(decoded.replaced) == 12
    assert decoded.replaced_message().startswith("12 byte(s)")
    assert decoded.replaced_message().endswith(" …)")


def test_too_many_bad_bytes_still_refuse_the_plan() -> None:
    data = bytearray(PLAN.encode("utf-8"))
    for n in range(0, len(data), 50):
        data[n] = 0xFF  # one byte in 50: not a stray byte, a broken file
    with pytest.raises(InputError, match="undecodable text"):
        decode_text("plan.txt", bytes(data))


def test_gb18030_with_one_stray_byte_is_read_as_gb18030() -> None:
    data = PLAN.encode("gb18030")
    at = data.index("全市".encode("gb18030"))
    decoded = decode_text_file("plan.txt", data[:at] + b"\x80" + data[at:])
    assert decoded.encoding == "gb18030"
    assert decoded.replaced == (at,)
    assert "全市80%以上" in decoded.text


def test_gbk_text_with_few_chinese_characters_is_not_taken_for_broken_utf8() -> None:
    text = "Plan for 2025: community standards.\n" * 40 + "社区\n"
    assert decode_text("plan.txt", text.encode("gbk")) == text


def test_decode_replacing_gives_up_past_the_tolerance() -> None:
    assert decode_replacing(b"ab\xffcd\xfe", "utf-8", 1) is None
    assert decode_replacing(b"ab\xffcd\xfe", "utf-8", 2) == DecodedText(
        "ab\ufffdcd\ufffd", "utf-8", (2, 5)
    )


def test_a_bad_byte_after_a_bom_counts_from_the_file_start() -> None:
    data = b"\xef\xbb\xbf" + PLAN.encode("utf-8")
    at = data.index(b"\n") + 1
    decoded = decode_text_file("plan.txt", data[:at] + b"\xff" + data[at:])
    assert decoded.replaced == (at,)


def test_the_reader_warns_of_replaced_bytes(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    data = PLAN.encode("utf-8")
    at = data.index(b"\n") + 1
    plan.write_bytes(data[:at] + b"\xff" + data[at:])
    doc = read_document(plan)
    (warning,) = doc.warnings
    assert warning.code == "bytes_replaced"
    assert f"byte offsets {at})" in warning.message
    assert extract_file(plan).warnings[0].code == "bytes_replaced"


# --- GB18030 that charset-normalizer gives up on --------------------------------------------


def test_gb18030_with_zero_width_marks_is_read(tmp_path: Path) -> None:
    text = (
        PLAN.replace("全市", "全\u200b市")
        .replace("社区", "社\u200d区")
        .replace("二、", "\ufeff二、")
    )
    decoded = decode_text_file("plan.txt", text.encode("gb18030"))
    assert decoded.encoding == "gb18030" and not decoded.replaced
    assert decoded.text == text
    plan = tmp_path / "plan.txt"
    plan.write_bytes(text.encode("gb18030"))
    assert "全市80%以上城市社区" in read_document(plan).text  # the marks normalised away


# --- RTF and HTML saved as .txt --------------------------------------------------------------


@pytest.mark.parametrize(
    "start", ["{\\rtf1\\ansi\\deff0", "\ufeff{\\rtf1", "\n  {\\rtf1\\adeflang"]
)
def test_rtf_saved_as_txt_is_refused_in_one_line(tmp_path: Path, start: str) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(start + " {\\fonttbl{\\f0 SimSun;}}\\f0 \\'d2\\'bb\\'a1\\'a2 }", "utf-8")
    with pytest.raises(InputError) as info:
        read_document(plan)
    assert info.value.message.startswith("an RTF document, not a text plan")
    assert "\n" not in str(info.value)


HTML_PLAN = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>页面标题</title>
<style>p { color: red }</style><script>var x = "<p>不是正文</p>";</script></head>
<body><h1>某某区绿色社区创建行动实施方案</h1>
<p>一、工作目标</p><p>到2025年，全区<b>80%</b>以上社区达到创建要求。</p>
<table border="1">
<tr><th>序号</th><th>重点任务</th><th>牵头单位</th></tr>
<tr><td>1</td><td><p>建立健全机制</p><p></p><p>完善制度</p></td><td>区住建局</td></tr>
<tr><td>2<td>推进 &lt;社区&gt; 设施建设<td>区发改委</tr>
</table>
<p>二、保障措施</p><p>各单位要抓好落实。</p></body></html>
"""


def test_html_saved_as_txt_is_read_as_its_text_with_tables(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(HTML_PLAN, "utf-8")
    doc = read_document(plan)
    assert doc.warnings[0].code == "html_converted"
    assert "<" not in doc.text.replace("<社区>", "")
    assert "不是正文" not in doc.text and "color" not in doc.text and "页面标题" not in doc.text
    assert doc.paragraphs[0].text == "某某区绿色社区创建行动实施方案"
    assert "到2025年，全区80%以上社区达到创建要求。" in doc.text
    (table,) = doc.tables
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["序号", "重点任务", "牵头单位"],
        ["1", "建立健全机制\n完善制度", "区住建局"],
        ["2", "推进 <社区> 设施建设", "区发改委"],
    ]
    plan_json = extract_file(plan)
    assert [s.number for s in plan_json.sections] == ["一", "二"]


@pytest.mark.parametrize(
    "text",
    [
        "<div>一、工作目标</div><div>到2025年达标。</div>",
        "  \n<HTML><BODY><P>一、工作目标<P>到2025年达标。</BODY></HTML>",
        "<p>一、工作目标<br>到2025年达标。</p>",
    ],
)
def test_html_fragments_are_detected(text: str) -> None:
    decoded = decode_text_file("plan.txt", text.encode("utf-8"))
    assert decoded.converted_from == "html"
    lines = [line for line in decoded.text.split("\n") if line]
    assert lines == ["一、工作目标", "到2025年达标。"]


@pytest.mark.parametrize(
    "text",
    [
        "一、工作目标\n到2025年，<社区>达标率≥80%。\n",  # angle brackets in plain text
        "<关于印发某某方案的通知>\n一、工作目标\n",  # a title in angle brackets, no HTML element
        "说明：使用<p>标签的网页不在此列。\n",  # an element named in text, not at the start
    ],
)
def test_plain_text_with_angle_brackets_is_not_html(text: str) -> None:
    decoded = decode_text_file("plan.txt", text.encode("utf-8"))
    assert decoded.converted_from is None
    assert decoded.text == text


def test_html_that_holds_no_text_is_refused_not_silently_empty(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("<html><head><script>x()</script></head><body></body></html>", "utf-8")
    with pytest.raises(InputError, match="no text"):
        read_document(plan)


def test_decode_html_drops_scripts_and_keeps_entities() -> None:
    text = decode_html("<p>甲&amp;乙</p><script>bad()</script><p>丙&nbsp;丁</p>")
    assert text.split("\n") == ["甲&乙", "", "丙\u00a0丁", ""]
