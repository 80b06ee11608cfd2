"""PDFs written by hand for the reader's tests: raw content streams, two fonts.

`Helvetica` (a standard 14 font: digits, Latin, ASCII punctuation) and `STSong-Light`
(Adobe's standard CJK font, `UniGB-UCS2-H`: no font file needed) are drawn glyph run by
glyph run at exact positions, so a test controls what real published files get wrong:
a CJK font whose descriptor gives other vertical metrics than the Latin font (its glyph
boxes then sit higher or lower than the digits of the same line while the baselines
agree), text drawn rotated, pages with `/Rotate`, glyphs drawn twice (fake bold), ruled
tables with merged cells, and streams compressed far beyond their size.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field

from pdfminer.fontmetrics import FONT_METRICS

LATIN_FONT, CJK_FONT = "F1", "F2"
HELVETICA_WIDTHS = FONT_METRICS["Helvetica"][1]


@dataclass
class Page:
    """One page: its size in points, its `/Rotate`, and its content operators."""

    ops: list[str] = field(default_factory=list)
    width: float = 595.0
    height: float = 842.0
    rotate: int = 0
    compress: bool = False


def is_latin(char: str) -> bool:
    """True for a character drawn in Helvetica (ASCII)."""
    return ord(char) < 0x80


def char_width(char: str, size: float) -> float:
    """The advance of one character at `size` points."""
    return (HELVETICA_WIDTHS.get(char, 556) if is_latin(char) else 1000) * size / 1000


def runs(text: str) -> list[str]:
    """`text` cut where it changes between Latin and CJK."""
    pieces: list[str] = []
    for char in text:
        if pieces and is_latin(pieces[-1][-1]) == is_latin(char):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def encoded(run: str) -> str:
    """A run as a PDF string operand of its font."""
    if is_latin(run[0]):
        escaped = run.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return "<" + "".join(f"{ord(char):04X}" for char in run) + ">"


def text(
    x: float, y: float, content: str, size: float = 12.0, turn: int = 0, spacing: float = 0.0
) -> str:
    """Operators drawing `content` from baseline point `(x, y)` (PDF space, y up), its
    direction turned `turn` degrees counter-clockwise (0, 90, 180, 270)."""
    cos, sin = round(math.cos(math.radians(turn))), round(math.sin(math.radians(turn)))
    ops = []
    for run in runs(content):
        font = LATIN_FONT if is_latin(run[0]) else CJK_FONT
        ops.append(
            f"BT /{font} {size:g} Tf {cos} {sin} {-sin} {cos} {x:.2f} {y:.2f} Tm "
            f"{encoded(run)} Tj ET"
        )
        advance = sum(char_width(char, size) + spacing for char in run)
        x, y = x + cos * advance, y + sin * advance
    return "\n".join(ops)


def bold_text(x: float, y: float, content: str, size: float = 12.0, offset: float = 0.4) -> str:
    """`content` drawn twice, the second copy `offset` points right (fake bold)."""
    return text(x, y, content, size) + "\n" + text(x + offset, y, content, size)


def line(x0: float, y0: float, x1: float, y1: float) -> str:
    """A stroked rule from `(x0, y0)` to `(x1, y1)`."""
    return f"0.8 w {x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l S"


Span = tuple[int, int, int, int]  # a merged cell: first row, first column, last row, last column


def grid(
    x: float, y: float, widths: list[float], heights: list[float], spans: tuple[Span, ...] = ()
) -> str:
    """The rules of a table whose top-left corner is `(x, y)` (y up), with column `widths`
    and row `heights` (top down); no rule is drawn inside a merged cell of `spans`."""
    xs = [x + sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [y - sum(heights[:i]) for i in range(len(heights) + 1)]

    def inside(r: int, c: int, r2: int, c2: int) -> bool:
        return any(
            r0 <= min(r, r2) and max(r, r2) <= r1 and c0 <= min(c, c2) and max(c, c2) <= c1
            for r0, c0, r1, c1 in spans
        )

    ops = []
    for r in range(len(heights)):
        for c in range(len(widths)):
            if c and not inside(r, c - 1, r, c):  # the rule left of (r, c)
                ops.append(line(xs[c], ys[r], xs[c], ys[r + 1]))
            if r and not inside(r - 1, c, r, c):  # the rule above (r, c)
                ops.append(line(xs[c], ys[r], xs[c + 1], ys[r]))
    ops.append(line(xs[0], ys[0], xs[-1], ys[0]))
    ops.append(line(xs[0], ys[-1], xs[-1], ys[-1]))
    ops.append(line(xs[0], ys[0], xs[0], ys[-1]))
    ops.append(line(xs[-1], ys[0], xs[-1], ys[-1]))
    return "\n".join(ops)


def pdf_bytes(pages: list[Page], cjk_descent: int = -120, cjk_ascent: int = 880) -> bytes:
    """A PDF of `pages`; the CJK font's descriptor says `cjk_descent`/`cjk_ascent`
    (thousandths of an em), Helvetica's metrics are the standard ones."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    latin = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                b"/Encoding /WinAnsiEncoding >>")  # fmt: skip
    descriptor = add(
        f"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        f"/FontBBox [-25 {cjk_descent} 1000 {cjk_ascent}] /ItalicAngle 0 "
        f"/Ascent {cjk_ascent} /Descent {cjk_descent} /CapHeight 800 /StemV 80 >>".encode()
    )
    cid = add(
        f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        f"/FontDescriptor {descriptor} 0 R /DW 1000 >>".encode()
    )
    cjk = add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H "
        f"/Encoding /UniGB-UCS2-H /DescendantFonts [{cid} 0 R] >>".encode()
    )
    kids = []
    for page in pages:
        content = "\n".join(page.ops).encode("latin-1")
        if page.compress:
            data = zlib.compress(content)
            stream = add(
                f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
                + data
                + b"\nendstream"
            )
        else:
            stream = add(
                f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
            )
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R "
                f"/MediaBox [0 0 {page.width:g} {page.height:g}] /Rotate {page.rotate} "
                f"/Resources << /Font << /{LATIN_FONT} {latin} 0 R /{CJK_FONT} {cjk} 0 R >> >> "
                f"/Contents {stream} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objects[pages_id - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
        f"/Count {len(kids)} >>".encode()
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
