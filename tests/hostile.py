"""Hostile and awkward files, built by the tests that use them (no committed binaries)."""

from __future__ import annotations

import io
import struct
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL_NS}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId2" Type="{REL_NS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)


def paragraph(text: str, num_id: str | None = None, style: str | None = None) -> str:
    """A `w:p` with one run; `num_id` makes it a list paragraph, `style` gives a pStyle."""
    properties = ""
    if num_id is not None:
        properties += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    if style is not None:
        properties = f'<w:pStyle w:val="{style}"/>' + properties
    ppr = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def table(rows: list[list[str]], span: int = 1) -> str:
    """A `w:tbl` of text cells, each spanning `span` grid columns."""
    grid = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc>{grid}{paragraph(c)}</w:tc>" for c in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl>{body}</w:tbl>"


def numbering(start: int, fmt: str = "upperLetter") -> str:
    """numbering.xml with list 1 at level 0 counting from `start` in `fmt`."""
    return (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        '<w:lvlText w:val="%1．"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def docx_bytes(body: str, numbering_xml: str | None = None, styles_xml: str | None = None) -> bytes:
    """A minimal .docx holding `body` (paragraph and table XML), with optional parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>',
        )
        if numbering_xml is not None:
            archive.writestr("word/numbering.xml", numbering_xml)
        if styles_xml is not None:
            archive.writestr("word/styles.xml", styles_xml)
    return out.getvalue()


PLAIN_BODY = paragraph("一、工作目标") + paragraph("到2025年，全市80%以上社区达标。")


def patch_zip_headers(data: bytes, local: tuple[int, bytes], central: tuple[int, bytes]) -> bytes:
    """Overwrite bytes at an offset of every local header (PK\\3\\4) and central directory
    record (PK\\1\\2): `(offset, new bytes)` each."""
    patched = bytearray(data)
    for signature, (offset, value) in ((b"PK\x03\x04", local), (b"PK\x01\x02", central)):
        at = patched.find(signature)
        while at >= 0:
            patched[at + offset : at + offset + len(value)] = value
            at = patched.find(signature, at + 4)
    return bytes(patched)


def encrypted_docx() -> bytes:
    """A .docx whose members carry the zip 'encrypted' flag (bit 0)."""
    flag = struct.pack("<H", 0x1)
    return patch_zip_headers(docx_bytes(PLAIN_BODY), (6, flag), (8, flag))


def unknown_compression_docx() -> bytes:
    """A .docx whose members claim compression method 99 (no reader knows it)."""
    method = struct.pack("<H", 99)
    return patch_zip_headers(docx_bytes(PLAIN_BODY), (8, method), (10, method))


def negative_seek_docx() -> bytes:
    """A damaged .docx whose end record puts the central directory 100 bytes late: zipfile
    then seeks to a negative offset for the first member."""
    data = bytearray(docx_bytes(PLAIN_BODY))
    end = data.rfind(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", data, end + 16)
    struct.pack_into("<I", data, end + 16, offset + 100)
    return bytes(data)


def corrupt_styles_docx() -> bytes:
    """A .docx whose styles.xml is not XML, read because a paragraph names a style."""
    body = paragraph("一、工作目标", style="Heading1") + paragraph("到2025年达标。")
    return docx_bytes(body, styles_xml="<w:styles><unclosed")
