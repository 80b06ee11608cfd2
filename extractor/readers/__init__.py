"""Readers: one module per input format, each returning a `Document`.

The format is decided from the file's content (magic bytes), never from its extension.
A new format is a new module here plus one entry in `detect_format`/`read_document`.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from extractor.document import Document
from extractor.errors import InputError

MAX_INPUT_BYTES = 200 * 1024 * 1024  # a plan is a few MB at most; refuse anything absurd

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .wps compound file


def detect_format(data: bytes) -> str:
    """The format of a file from its first bytes: pdf, docx (any zip), doc (OLE) or txt."""
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return "docx"
    if data.startswith(OLE_MAGIC):
        return "doc"
    return "txt"


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of the raw file bytes (the `source.sha256` field)."""
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError saying why they cannot be had."""
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a plan file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(path, "file is empty")
    if size > MAX_INPUT_BYTES:
        raise InputError(path, f"file is {size} bytes, over the {MAX_INPUT_BYTES}-byte limit")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from exc


def read_document(path: Path) -> Document:
    """Read any supported plan file into a Document (InputError if it cannot be).

    The content decides the reader, whatever the extension: a PDF named `.docx` is read
    as a PDF, a Word file named `.txt` as Word.
    """
    data = read_bytes(path)
    fmt = detect_format(data)
    if fmt == "docx":
        from extractor.readers.docx import read_docx

        return read_docx(path, data)
    if fmt == "doc":
        from extractor.readers.legacy import read_legacy

        return read_legacy(path, data)
    if fmt == "pdf":
        return read_pdf_if_installed(path, data)
    from extractor.readers.txt import read_txt

    return read_txt(path, data)


def read_pdf_if_installed(path: Path, data: bytes) -> Document:
    """Read a PDF with extractor.readers.pdf, or say that PDF support is missing."""
    if importlib.util.find_spec("extractor.readers.pdf") is None:
        raise InputError(path, "PDF support not installed (no extractor.readers.pdf module)")
    from extractor.readers import pdf

    return pdf.read_pdf(path, data)
