"""Formats: detection by content, dispatch, bad inputs at the CLI, and txt ↔ docx equality.

The cross-format test is the issue's promise: the same plan gives the same JSON whatever
its format, apart from `source` and the evidence offsets and pages.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import io
import os
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import pytest

from extractor.document import Document, DocumentBuilder, SourceInfo
from extractor.errors import InputError
from extractor.readers import (
    OLE_MAGIC,
    READER_FAILURES,
    detect_format,
    read_document,
    reader_failures,
)
from tests.conftest import (
    CORPUS,
    PLAN_NAMES,
    ROOT,
    comparable,
    comparable_quote,
    extracted,
    plan_fields,
)

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n"


def zip_of(members: dict[str, bytes]) -> bytes:
    """A deflated zip archive holding `members`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    """`data` written to `tmp_path/name`."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing.txt", "no such file"),
        (lambda folder: folder, "is a directory, not a plan file"),
        (lambda folder: write(folder, "empty.txt", b""), "file is empty"),
    ],
)
def test_a_file_that_cannot_be_had_says_why(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_document(make(tmp_path))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "plan.txt"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match="file is empty"):  # it would block if opened plainly
        read_document(pipe)


# --- detection and dispatch -----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (PDF_BYTES, "pdf"),
        ((CORPUS / "hangtai.docx").read_bytes(), "docx"),
        (zip_of({"xl/workbook.xml": b"<w/>"}), "docx"),  # any zip: the reader checks the parts
        (OLE_MAGIC + b"\x00" * 100, "doc"),
        ("一、工作目标".encode(), "txt"),
        (b"\x00\x01binary", "txt"),  # unknown bytes: the txt reader decides (binary error)
    ],
)
def test_detect_format_from_magic_bytes(data: bytes, fmt: str) -> None:
    assert detect_format(data) == fmt


def test_a_docx_named_txt_is_read_as_docx(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.txt", (CORPUS / "wusong.docx").read_bytes())
    doc = read_document(path)
    assert doc.source.format == "docx"
    assert doc.paragraphs[0].text == "吴淞街道绿色社区创建行动实施方案"


def test_a_txt_named_docx_is_read_as_txt(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.docx", "一、工作目标\n到2021年底。\n".encode())
    assert read_document(path).source.format == "txt"


def test_a_pdf_named_docx_goes_to_the_pdf_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, bytes]] = []

    def read_pdf(path: Path, data: bytes) -> Document:
        calls.append((path, data))
        builder = DocumentBuilder()
        builder.add_paragraph("PDF")
        return builder.build(SourceInfo(path=str(path), format="pdf", sha256="0" * 64))

    fake = types.ModuleType("extractor.readers.pdf")
    fake.__spec__ = importlib.machinery.ModuleSpec("extractor.readers.pdf", None)
    fake.read_pdf = read_pdf  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "extractor.readers.pdf", fake)
    monkeypatch.setattr("extractor.readers.pdf", fake, raising=False)
    path = write(tmp_path, "plan.docx", PDF_BYTES)
    assert read_document(path).source.format == "pdf"
    assert calls == [(path, PDF_BYTES)]


def test_a_pdf_without_pdf_support_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: None)
    path = write(tmp_path, "plan.docx", PDF_BYTES)
    with pytest.raises(InputError, match="PDF support not installed"):
        read_document(path)


def test_an_xlsx_is_an_unsupported_zip_format(tmp_path: Path) -> None:
    xlsx = zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    with pytest.raises(InputError, match="unsupported zip-based format"):
        read_document(write(tmp_path, "plan.docx", xlsx))


def test_binary_junk_named_docx_gets_the_txt_readers_binary_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="binary file"):
        read_document(write(tmp_path, "plan.docx", bytes(range(256)) * 8))


# --- bad inputs at the command line ---------------------------------------------------

BAD_INPUTS = {
    "corrupt.docx": (b"PK\x03\x04" + b"\x13" * 400, "corrupt .docx"),
    "bomb.docx": (zip_of({"word/document.xml": b"<" * (30 * 1024 * 1024)}), "zip bomb"),
    "sheet.docx": (zip_of({"xl/workbook.xml": b"<w/>"}), "unsupported zip-based format"),
    "pdf-named.docx": (PDF_BYTES, ""),  # the message is the PDF reader's (or "not installed")
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_3_and_no_output(tmp_path: Path, name: str) -> None:
    data, words = BAD_INPUTS[name]
    bad = write(tmp_path, name, data)
    out = tmp_path / "out.json"
    result = subprocess.run(
        [sys.executable, "-c", "from extractor.cli import extract_main; extract_main()",
         str(bad), "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert name in lines[0] and words in lines[0]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


# --- the same plan, .txt and .docx ----------------------------------------------------


def test_comparable_drops_only_positions() -> None:
    dump = {"evidence": {"start": 3, "end": 9, "quote": "合计\t\t\t100\t\n一", "page": 2},
            "start": "2021-01-01"}  # fmt: skip
    assert comparable(dump, keep_line_breaks=True) == {
        "evidence": {"quote": "合计\t100\n一"},
        "start": "2021-01-01",
    }


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("1\t（一）建立健全\n（20分）\t20", "1\t（一）建立健全（20分）\t20"),  # a .txt/.docx cell
        ("1\t（一）建立健全（20分）\t20", "1\t（一）建立健全（20分）\t20"),  # the .pdf cell
        ("Level A\nfirst", "Level A first"),  # Latin words keep a space, as the PDF reader's
        ("合计\t\t\t100\t\n一", "合计\t100一"),
    ],
)
def test_comparable_quote_joins_line_breaks_as_a_pdf_cell_does(quote: str, expected: str) -> None:
    assert comparable_quote(quote) == expected


def test_comparable_quote_can_keep_line_breaks() -> None:
    assert comparable_quote("a\t\tb\nc\t", keep_line_breaks=True) == "a\tb\nc"


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_docx_gives_the_same_plan_as_txt(name: str) -> None:
    """Full cross-format equality (needs every field extractor; all pass on the corpus)."""
    from_txt = plan_fields(extracted(CORPUS / f"{name}.txt"))
    from_docx = plan_fields(extracted(CORPUS / f"{name}.docx"))
    assert extracted(CORPUS / f"{name}.docx").source.format == "docx"
    for field in from_txt:
        assert from_docx[field] == from_txt[field], field


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_docx_quotes_keep_the_same_cell_line_breaks_as_txt(name: str) -> None:
    """.txt and .docx both keep a cell's line breaks: equal without joining any line."""
    from_txt = plan_fields(extracted(CORPUS / f"{name}.txt"), keep_line_breaks=True)
    from_docx = plan_fields(extracted(CORPUS / f"{name}.docx"), keep_line_breaks=True)
    for field in from_txt:
        assert from_docx[field] == from_txt[field], field


def test_corpus_quotes_hold_cell_line_breaks() -> None:
    """Not vacuous: wusong's two-line criterion cell is quoted with its break, read as one."""
    for suffix in ("txt", "docx"):
        item = extracted(CORPUS / f"wusong.{suffix}").rubrics[0].dimensions[1].items[5]
        assert (
            item.evidence.quote == "结合屋顶资源建设分布式光伏设施\n（实施得1分，仅有方案不得分）"
        )
        assert item.criterion == "结合屋顶资源建设分布式光伏设施", suffix
        assert item.note == "实施得1分，仅有方案不得分", suffix


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_docx_sections_and_tables_equal_txt(name: str) -> None:
    """The part that the readers alone decide: the heading tree and the recovered tables."""
    from_txt = plan_fields(extracted(CORPUS / f"{name}.txt"))
    from_docx = plan_fields(extracted(CORPUS / f"{name}.docx"))
    assert from_docx["sections"] == from_txt["sections"]
    assert from_docx["tables"] == from_txt["tables"]
    assert from_txt["sections"]  # not vacuous: every plan has headings


# --- the corpus .docx files are what corpus/make_formats.py makes ---------------------


def load_make_formats() -> types.ModuleType:
    """corpus/make_formats.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("make_formats", CORPUS / "make_formats.py")
    assert spec is not None and spec.loader is not None
    if "make_formats" not in sys.modules:
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_formats"] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["make_formats"]


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_corpus_docx_is_up_to_date_and_deterministic(name: str) -> None:
    made = load_make_formats().plan_to_docx(name)
    assert made == (CORPUS / f"{name}.docx").read_bytes(), (
        "stale corpus .docx: run .venv/bin/python corpus/make_formats.py"
    )


def test_a_bad_zip_is_a_reader_failure_once_zipfile_is_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert zipfile.BadZipFile in reader_failures()
    monkeypatch.delitem(sys.modules, "zipfile")  # as on the text path: nothing raises it
    assert reader_failures() == READER_FAILURES
    assert zipfile.BadZipFile not in READER_FAILURES
