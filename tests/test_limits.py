"""Resource limits (extractor.limits): each checked before its work, refused naming it, raisable;
hostile files under a memory rlimit; section lookup by bisect; hostile zips one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractor.document import DocumentBuilder, SourceInfo
from extractor.errors import InputError
from extractor.limits import DEFAULT_LIMITS, LimitExceeded, Limits, current_limits, use_limits
from extractor.pipeline import build_structure
from extractor.readers import detect_format, read_document
from extractor.readers.docx import chinese_counting, letters, roman
from tests import hostile
from tests.conftest import ROOT

MEMORY_LIMIT_BYTES = 1024**3  # the bound: any input stays under 1 GB


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- the Limits settings -----------------------------------------------------------------


def test_limits_have_option_names_and_can_be_raised() -> None:
    assert Limits.names() == ("characters", "table-cells", "document-cells", "list-number")
    raised = DEFAULT_LIMITS.raised({"table-cells": 10**6, "list_number": 40_000})
    assert (raised.table_cells, raised.list_number) == (10**6, 40_000)
    assert raised.characters == DEFAULT_LIMITS.characters
    with pytest.raises(ValueError, match="unknown limit 'pages'"):
        DEFAULT_LIMITS.raised({"pages": 5})


def test_use_limits_is_scoped() -> None:
    with use_limits(Limits(characters=10)):
        assert current_limits().characters == 10
    assert current_limits() is DEFAULT_LIMITS


def test_limit_message_names_the_limit_and_the_option() -> None:
    error = LimitExceeded("table_cells", "table of 2 rows × 3 columns", 6, 5)
    assert str(error) == (
        "table of 2 rows × 3 columns: 6 is over the table-cells limit of 5 "
        "(raise it with --limit table-cells=N if the file is genuine)"
    )


# --- characters ----------------------------------------------------------------------------


def test_characters_past_the_limit_are_refused_naming_it(tmp_path: Path) -> None:
    plan = write(
        tmp_path, "long.txt", ("一、工作目标\n" + "到2025年全市社区达标。\n" * 50).encode()
    )
    with use_limits(Limits(characters=200)), pytest.raises(InputError) as info:
        read_document(plan)
    assert "characters limit of 200" in info.value.message
    assert info.value.path.endswith("long.txt")
    with use_limits(Limits(characters=2000)):
        assert len(read_document(plan).text) < 2000


def test_builder_checks_characters_before_appending() -> None:
    builder = DocumentBuilder(limits=Limits(characters=10))
    builder.add_paragraph("一二三四五")
    with pytest.raises(LimitExceeded, match="characters"):
        builder.add_paragraph("六七八九十")
    assert builder.build(SourceInfo("x", "txt", "0" * 64)).text == "一二三四五"


# --- table cells -----------------------------------------------------------------------------


def test_table_cells_count_the_squared_grid() -> None:
    builder = DocumentBuilder(limits=Limits(table_cells=20))
    builder.add_table([["a", "b"], ["c", "d"]])
    # 3 rows, the widest 8 wide: squared, 24 cells, though only 10 are given
    with pytest.raises(LimitExceeded, match="3 rows × 8 columns: 24 is over the table-cells"):
        builder.add_table([["a"], ["b"], list("abcdefgh")])


def test_document_cells_add_up_over_tables() -> None:
    builder = DocumentBuilder(limits=Limits(table_cells=10, document_cells=15))
    builder.add_table([["a", "b"], ["c", "d"]] * 2)  # 8
    with pytest.raises(LimitExceeded, match="document-cells limit of 15"):
        builder.add_table([["a", "b"], ["c", "d"]] * 2)  # 16


def test_txt_table_past_the_limit_is_refused(tmp_path: Path) -> None:
    cells = "".join(f"\t第{n}列\n" for n in range(30))
    plan = write(tmp_path, "wide.txt", f"一、任务\n{cells}\n{cells}\n".encode())
    with use_limits(Limits(table_cells=50)), pytest.raises(InputError, match="table-cells"):
        read_document(plan)
    with use_limits(Limits(table_cells=60)):
        assert read_document(plan).tables[0].rows[0][29].text == "第29列"


def test_docx_row_spanning_thousands_of_columns_is_refused_before_it_is_built(
    tmp_path: Path,
) -> None:
    # 4,000 cells each spanning 64 columns: 256,000 grid positions from 2 KB of zip
    data = hostile.docx_bytes(hostile.table([["x"] * 4000], span=64))
    assert len(data) < 5000
    plan = write(tmp_path, "wide.docx", data)
    with pytest.raises(InputError, match="over the table-cells limit of 100,000"):
        read_document(plan)
    small = write(tmp_path, "small.docx", hostile.docx_bytes(hostile.table([["序号", "任务"]] * 3)))
    with use_limits(Limits(table_cells=5)), pytest.raises(InputError, match="3 rows × 2 columns"):
        read_document(small)


def test_docx_many_rows_are_refused_as_they_come(tmp_path: Path) -> None:
    plan = write(tmp_path, "tall.docx", hostile.docx_bytes(hostile.table([["a", "b"]] * 40)))
    with use_limits(Limits(table_cells=60)), pytest.raises(InputError, match="31 rows × 2"):
        read_document(plan)


# --- list numbers ---------------------------------------------------------------------------


def test_numeral_builders() -> None:
    assert [letters(n) for n in (1, 26, 27, 53)] == ["A", "Z", "AA", "AAA"]
    assert [roman(n) for n in (4, 9, 14, 1994)] == ["IV", "IX", "XIV", "MCMXCIV"]
    assert [chinese_counting(n) for n in (1, 10, 12, 105, 1000)] == [
        "一",
        "十",
        "十二",
        "一百零五",
        "1000",
    ]
    # below 1 there is no letter or Roman numeral: the digits, not an empty label
    assert (letters(0), roman(0), letters(-3), roman(-3)) == ("0", "0", "-3", "-3")


@pytest.mark.parametrize("fmt", ["upperLetter", "lowerRoman", "chineseCounting", "decimal"])
def test_list_start_of_2_6e9_is_refused_before_any_label_is_written(
    tmp_path: Path, fmt: str
) -> None:
    data = hostile.docx_bytes(
        hostile.paragraph("工作目标", num_id="1"), hostile.numbering(2_600_000_000, fmt)
    )
    plan = write(tmp_path, "numbered.docx", data)
    with pytest.raises(InputError) as info:
        read_document(plan)
    assert "2,600,000,000 is over the list-number limit of 32,767" in info.value.message


def test_list_number_limit_raised_lets_a_large_start_through(tmp_path: Path) -> None:
    body = hostile.paragraph("工作目标", num_id="1") + hostile.paragraph("基本原则", num_id="1")
    plan = write(tmp_path, "numbered.docx", hostile.docx_bytes(body, hostile.numbering(40_000)))
    with pytest.raises(InputError, match="list-number"):
        read_document(plan)
    with use_limits(Limits(list_number=50_000)):
        text = read_document(plan).text
    assert text.startswith(letters(40_000) + "．工作目标")


def test_list_numbers_within_the_limit_read_as_before(tmp_path: Path) -> None:
    body = hostile.paragraph("工作目标", num_id="1") + hostile.paragraph("基本原则", num_id="1")
    data = hostile.docx_bytes(body, hostile.numbering(1, "chineseCounting"))
    assert read_document(write(tmp_path, "n.docx", data)).text == "一．工作目标\n二．基本原则"


# --- hostile files under a memory rlimit ------------------------------------------------------

HOSTILE_FILES = {
    "numbering_2_6e9.docx": lambda: hostile.docx_bytes(
        hostile.paragraph("工作", num_id="1"), hostile.numbering(2_600_000_000)
    ),
    "wide_rows.docx": lambda: hostile.docx_bytes(hostile.table([["x"] * 20_000] * 4, span=64)),
    "many_cells.txt": lambda: ("\t格\n" * 500 + "\n").encode() * 1000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_file_is_refused_under_a_1_gb_memory_limit(tmp_path: Path, name: str) -> None:
    plan = write(tmp_path, name, HOSTILE_FILES[name]())
    code = (
        "import resource, sys;"
        f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT_BYTES}, {MEMORY_LIMIT_BYTES}));"
        "from extractor.cli import extract_main; sys.argv[0] = 'extract'; extract_main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(plan), "-o", str(tmp_path / "out.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "limit" in lines[0], result.stderr
    assert not (tmp_path / "out.json").exists()


# --- hostile zips: one InputError each, never a traceback -------------------------------------

HOSTILE_ZIPS = {
    "encrypted.docx": (hostile.encrypted_docx, "encrypted .docx"),
    "compression.docx": (hostile.unknown_compression_docx, "compression method"),
    "negative_seek.docx": (hostile.negative_seek_docx, "negative seek"),
    "corrupt_styles.docx": (hostile.corrupt_styles_docx, "corrupt .docx (XMLSyntaxError"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_ZIPS))
def test_hostile_zip_is_an_input_error(tmp_path: Path, name: str) -> None:
    make, words = HOSTILE_ZIPS[name]
    plan = write(tmp_path, name, make())
    with pytest.raises(InputError) as info:
        read_document(plan)
    assert words in info.value.message
    assert "\n" not in str(info.value)


# --- format detection ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix", [b"", b"\n", b"\xef\xbb\xbf", b"GPL Ghostscript 9.55.0\r\n", b" " * 1000]
)
def test_pdf_header_anywhere_in_the_first_kib(prefix: bytes) -> None:
    assert detect_format(prefix + b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") == "pdf"


def test_pdf_header_past_the_first_kib_or_in_text_is_not_a_pdf() -> None:
    assert detect_format(b" " * 1100 + b"%PDF-1.7\n") == "txt"
    assert detect_format("一、说明\n本文不是PDF文件。".encode()) == "txt"


def test_pdf_after_a_banner_is_read_as_a_pdf(tmp_path: Path) -> None:
    pdf = ROOT / "corpus" / "hangtai.pdf"
    if not pdf.exists():
        pytest.skip("no corpus PDF")
    plan = write(tmp_path, "banner.pdf", b"GPL Ghostscript 9.55.0\n" + pdf.read_bytes())
    doc = read_document(plan)
    assert doc.source.format == "pdf"
    assert doc.text.strip()


# --- section lookup ------------------------------------------------------------------------


def naive_section_path(sections: list, offset: int) -> list:
    """The linear scan section_path used to be: the reference for the bisect."""
    path, siblings = [], sections
    while siblings:
        current = None
        for section in siblings:
            if section.evidence.start <= offset:
                current = section
            else:
                break
        if current is None:
            break
        path.append(current)
        siblings = current.children
    return path


def test_section_path_by_bisect_matches_the_linear_scan(tmp_path: Path) -> None:
    lines = ["前言：为推进工作，制定本方案。"]
    for chapter in "一二三":
        lines.append(f"{chapter}、第{chapter}部分")
        for sub in "一二三四":
            lines.append(f"（{sub}）第{sub}项任务")
            lines += [f"{n}．具体措施第{n}条。" for n in range(1, 4)]
            lines.append("各单位要抓好落实。")
    plan = write(tmp_path, "plan.txt", "\n".join(lines).encode())
    structure = build_structure(read_document(plan))
    text = structure.doc.text
    assert [s.number for s in structure.section_path(text.index("（三）第三项"))] == [
        "一",
        "（三）",
    ]
    for offset in range(0, len(text), 3):
        assert structure.section_path(offset) == naive_section_path(structure.sections, offset)
    assert structure.section_path(0) == []
    deepest = structure.section_path(text.rindex("3．具体措施"))
    assert [s.level for s in deepest] == [1, 2, 3]
    assert deepest[0].number == "三"
