"""TODO(stub): replaced by the real txt reader."""

from __future__ import annotations

from pathlib import Path

from extractor.document import DocumentBuilder, Document, SourceInfo
from extractor.readers import sha256_hex


def read_txt(path: Path, data: bytes) -> Document:
    """Stub: UTF-8 only, one paragraph per non-blank line."""
    builder = DocumentBuilder()
    for line in data.decode("utf-8-sig").splitlines():
        if line.strip():
            builder.add_paragraph(line.strip())
    return builder.build(SourceInfo(path=str(path), format="txt", sha256=sha256_hex(data)))
