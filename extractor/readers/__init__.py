"""Readers: one module per input format, each returning a `Document`.

The format is decided from the file's content (magic bytes), never from its extension.
A new format is a new module here plus one entry in `detect_format`/`read_document`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import stat
import struct
import sys
import zlib
from pathlib import Path

from extractor.document import Document
from extractor.errors import InputError, display_path
from extractor.limits import LimitExceeded

MAX_INPUT_BYTES = 200 * 1024 * 1024  # a plan is a few MB at most; refuse anything absurd

PDF_MAGIC = b"%PDF-"
# PDF readers (Acrobat, pdfium, pdfminer) look for the header within the first KiB: bytes
# before it (a Ghostscript banner, a stray newline, a BOM) do not make a PDF something else
PDF_HEADER_WINDOW = 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .wps compound file

# What a reader's third-party parser raises on a damaged or hostile file that it did not
# turn into an InputError itself, and how to say it: zipfile raises RuntimeError for an
# encrypted member, NotImplementedError for an unknown compression method, ValueError for
# a negative seek in a damaged archive; lxml's XMLSyntaxError is a SyntaxError. With
# zipfile's BadZipFile when zipfile is imported (`reader_failures`).
READER_FAILURES: tuple[type[BaseException], ...] = (
    RuntimeError,
    NotImplementedError,
    ValueError,
    LookupError,
    EOFError,
    SyntaxError,
    zlib.error,
    struct.error,
)
ENCRYPTED_ZIP_WORDS = ("encrypted", "password")


def detect_format(data: bytes) -> str:
    """The format of a file from its first bytes: pdf, docx (any zip), doc (OLE) or txt.

    A PDF's `%PDF-` header may come anywhere in the first PDF_HEADER_WINDOW bytes.
    """
    if PDF_MAGIC in data[: PDF_HEADER_WINDOW + len(PDF_MAGIC)]:
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
    try:  # one open, never blocking (a FIFO), and its descriptor's facts: no more look-ups
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as file:
            facts = os.fstat(file.fileno())
            if stat.S_ISDIR(facts.st_mode):
                raise InputError(path, "is a directory, not a plan file")
            if facts.st_size == 0:
                raise InputError(path, "file is empty")
            if facts.st_size > MAX_INPUT_BYTES:
                raise InputError(
                    path, f"file is {facts.st_size} bytes, over the {MAX_INPUT_BYTES}-byte limit"
                )
            return file.read()
    except FileNotFoundError as exc:
        raise InputError(path, "no such file") from exc
    except IsADirectoryError as exc:  # where a folder cannot be opened at all
        raise InputError(path, "is a directory, not a plan file") from exc
    except OSError as exc:  # permissions, a file used as a folder, a name too long
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from exc


def read_document(path: Path) -> Document:
    """Read any supported plan file into a Document (InputError if it cannot be).

    The content decides the reader, whatever the extension: a PDF named `.docx` is read
    as a PDF, a Word file named `.txt` as Word.
    """
    data = read_bytes(path)
    # readers name the file (source.path, messages) but never reopen it: a name with a
    # byte that is not UTF-8 is given to them as printable text, which JSON can hold
    return read_data(Path(display_path(path)), data)


def read_data(path: Path, data: bytes, fmt: str | None = None) -> Document:
    """A Document of `data`, a plan's bytes (a file's, standard input's, the API caller's),
    read by the reader of its format (`detect_format`'s answer unless `fmt` is given);
    `path` names it in `source.path` and messages. Whatever a reader fails with (a limit, a
    damaged zip or XML, memory) is an InputError naming `path`."""
    fmt = fmt or detect_format(data)
    try:
        return read_format(path, data, fmt)
    except InputError:
        raise
    except LimitExceeded as exc:
        raise InputError(path, str(exc)) from exc
    except MemoryError as exc:
        raise InputError(path, "too large to read in the memory available") from exc
    except reader_failures() as exc:
        raise InputError(path, reader_failure_message(fmt, exc)) from exc


def reader_failures() -> tuple[type[BaseException], ...]:
    """READER_FAILURES, and zipfile's BadZipFile once zipfile is imported: only the .docx
    reader uses it, and a .txt plan is read without importing it (0.7 ms)."""
    zipfile = sys.modules.get("zipfile")
    return (*READER_FAILURES, zipfile.BadZipFile) if zipfile else READER_FAILURES


def reader_failure_message(fmt: str, exc: BaseException) -> str:
    """One line saying why a third-party parser gave up on a `fmt` file."""
    reason = (str(exc).strip().splitlines() or [""])[0]
    if fmt == "docx" and any(word in reason.lower() for word in ENCRYPTED_ZIP_WORDS):
        return "encrypted .docx (its parts are password-protected); save it without a password"
    if fmt == "docx" and isinstance(exc, NotImplementedError):
        return f"corrupt .docx (unsupported zip compression method: {reason})"
    label = {"docx": ".docx", "doc": ".doc/.wps", "pdf": "PDF", "txt": "text"}.get(fmt, fmt)
    return f"corrupt {label} ({type(exc).__name__}: {reason})" if reason else f"corrupt {label}"


def read_format(path: Path, data: bytes, fmt: str) -> Document:
    """Read `data` with the reader of `fmt` (detect_format's answer)."""
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
