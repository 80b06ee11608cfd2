"""Text normalisation shared by every reader: decoding, width and space rules, hard wraps.

Small pure functions over strings. The .txt reader applies them to its lines; the .docx and
.pdf readers apply them to their paragraphs and lines, so that every format yields the same
normalised text, whose conventions every extractor relies on:

- full-width digits, Latin letters and ％ become ASCII; half-width ( ) become （ ）; a year
  in square or tortoise-shell brackets becomes 〔2020〕; Chinese punctuation and quotes stay;
- runs of 1–2 spaces between CJK characters/digits are removed, runs of 3+ stay;
- conversion artefacts (`[bookmark: _Hlk…]`, zero-width characters) are removed and
  page-number lines (`- 5 -`) dropped;
- hard-wrapped lines (text laid out at a fixed width, from a PDF) are joined into paragraphs.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import InputError
from extractor.lookahead import led_by

# --- width unification ---------------------------------------------------------------

# ０-９ Ａ-Ｚ ａ-ｚ ％ → 0-9 A-Z a-z %, ( ) → （ ）; nothing else changes width
WIDTH_TRANSLATION = {
    **{code: code - 0xFEE0 for code in range(ord("０"), ord("９") + 1)},
    **{code: code - 0xFEE0 for code in range(ord("Ａ"), ord("Ｚ") + 1)},
    **{code: code - 0xFEE0 for code in range(ord("ａ"), ord("ｚ") + 1)},
    ord("％"): "%",
    ord("("): "（",
    ord(")"): "）",
}

# the characters WIDTH_TRANSLATION changes: lines without any skip the (slow) translation
WIDTH_CHARS_PATTERN = re.compile("[０-９Ａ-Ｚａ-ｚ％()]")

# a year in any bracket pair: `[2020]`, `〔2020]`, `［2020］`, `【2020】` → `〔2020〕`
YEAR_BRACKET_PATTERN = re.compile(r"[\[［〔【]\s*(\d{4})\s*[\]］〕】]")

# --- Chinese characters ----------------------------------------------------------------

# One Chinese character, as a pattern fragment for the extractors: `社`, `区`, `〇`; not
# `a`, `é`, `²`, `1`, `１`, `_`, `，`, `（`. Exactly: a word character (a letter or a numeral)
# above U+00FF that is not a decimal digit — every CJK ideograph (U+4E00–9FFF, extension A,
# compatibility ideographs), 〇 and 々, and also circled and Roman numerals (① Ⅱ), kana,
# hangul, Greek, Cyrillic and full-width Latin letters. Used instead of the code-point
# range `[\u4e00-\u9fff]` because a class holding a big range costs ~1.75 ms to compile
# (sre fills a 64K character map in a Python loop) and the extractors compile two dozen of
# them at every start, while this class compiles in ~0.05 ms. The letters it admits beyond
# the ideographs do not occur in plan text (full-width Latin is already folded to ASCII by
# `unify_widths`); 〇 occurs only inside dates in Chinese numerals (二〇二一年) and ① Ⅱ
# only as list markers, and the plans extracted stay the same with them (checked on the
# corpus rewritten with 二〇二一年 dates and ① Ⅱ list markers).
HAN = r"[^\W\d\x00-\xff]"

# CJK punctuation (、。《》〔〕…), full-width forms (，：；（）), curly quotes, ellipsis,
# dashes and the middle dot
CJK_PUNCTUATION_CHARS = (
    "\u3001-\u303f\uff01-\uffef"  # CJK and full-width punctuation (U+3000 is a space)
    "\u2010-\u2027\u00b7"  # ‘’“” … — ·
)

# Roman numerals, fractions and circled numbers (Ⅱ, ⅓, ①): list markers and figures, which
# HAN admits but the space rules do not count as Chinese (`① 建立台账` keeps its space)
NUMBER_FORM_CHARS = "\u2150-\u218f\u2460-\u24ff"

# a Chinese character or CJK punctuation mark: what a Chinese text puts its 1–2 stray
# spaces between (`杨  猛`, `阶段 。`)
CJK_CHAR = rf"(?:(?![{NUMBER_FORM_CHARS}]){HAN}|[{CJK_PUNCTUATION_CHARS}])"

# CJK_CHAR as the body of a character class, code-point ranges for the ideographs: for the
# PDF reader, which only compiles it when it reads a PDF
CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff" + CJK_PUNCTUATION_CHARS

# --- ASCII punctuation in Chinese text ------------------------------------------------

# ASCII clause punctuation typed in Chinese text (web copies, hand-typed or OCR'd plans) and
# the full-width form Chinese text uses, which every extractor splits clauses on:
# `专项整治, 严格监管` → `专项整治，严格监管`, `方案如下:` → `方案如下：`
ASCII_CLAUSE_PUNCTUATION = {",": "，", ";": "；", ":": "："}
ASCII_CLAUSE_PUNCTUATION_PATTERN = re.compile("[,;:]")
# a Chinese character or CJK punctuation mark next to one of them (spaces aside) makes it
# Chinese punctuation; between two digits it stays (`1,000`, `17:30`, `1:1`)
CJK_CHAR_PATTERN = re.compile(CJK_CHAR)

# --- spaces ---------------------------------------------------------------------------

# white space inside a line: space, tab, NBSP, ideographic space U+3000, other Zs spaces
SPACE_CHARS = " \t\u00a0\u2002\u2003\u2009\u200a\u202f\u205f\u3000"

# 1–2 spaces between CJK characters or a CJK character and a digit: `到 2021 年底`,
# `45% 以上`, `杨  猛`, `阶段 。`; a run of 3+ spaces (a deliberate gap) is left alone
CJK_SPACE_PATTERN = re.compile(
    led_by(
        SPACE_CHARS,
        rf"(?:(?<={CJK_CHAR})[{SPACE_CHARS}]{{1,2}}(?={CJK_CHAR}|[0-9])"
        rf"|(?<=[0-9%])[{SPACE_CHARS}]{{1,2}}(?={CJK_CHAR}))",
    )
)

# any space character: lines without one skip the space rules
ANY_SPACE_PATTERN = re.compile(f"[{SPACE_CHARS}]")

# any single space character other than the ASCII space: NBSP, U+3000, tab … → " "
OTHER_SPACE_PATTERN = re.compile(rf"[{SPACE_CHARS.replace(' ', '')}]")

# --- artefacts and page numbers -------------------------------------------------------

# invisible characters that only break matching: zero-width space/joiners, word joiner,
# a byte-order mark inside the text (`绿\u200b色`)
INVISIBLE_CHARS_PATTERN = re.compile("[\u200b-\u200d\u2060\ufeff]")

# Word bookmarks left by a docx→txt conversion: `[bookmark: _Hlk49932247]`, `[bookmark: _GoBack]`
ARTEFACT_PATTERN = re.compile(r"\[bookmark:[^\]]*\]")

# a line that is only a page number: `- 5 -`, `— 5 —`, `－5－`, `第 5 页`, `第5页 共12页`,
# `5/12`, `Page 5 of 12`
PAGE_NUMBER_PATTERNS = (
    re.compile(r"^[-－—–―~～]+\s*(?P<page>\d{1,4})\s*[-－—–―~～]+$"),
    re.compile(r"^第\s*(?P<page>\d{1,4})\s*页\s*(?:[，,/]?\s*共\s*(?P<total>\d{1,4})\s*页)?$"),
    re.compile(r"^共\s*(?P<total>\d{1,4})\s*页\s*[，,/]?\s*第\s*(?P<page>\d{1,4})\s*页$"),
    re.compile(r"^(?P<page>\d{1,4})\s*/\s*(?P<total>\d{1,4})$"),
    re.compile(r"^page\s*(?P<page>\d{1,4})(?:\s*of\s*(?P<total>\d{1,4}))?$", re.IGNORECASE),
)

# a page-number line is short: `第12页，共120页` is 11 characters
MAX_PAGE_NUMBER_CHARS = 20

# --- headings and hard wraps ----------------------------------------------------------

CHINESE_NUMERALS = "一二三四五六七八九十百零〇两"

# the start of a heading or list item, which never continues the line before it
# 一、工作目标  十一、附则  二．  二，(a comma typed for 、)
CHAPTER_HEADING_PATTERN = re.compile(rf"^[{CHINESE_NUMERALS}]+[、.．，,](?![0-9])")
# 附件1  附件：1．…  附件2：  附表2  附件
ATTACHMENT_HEADING_PATTERN = re.compile(rf"^附[件表]\s*(?:[\d{CHINESE_NUMERALS}]+|[：:]|$)")

# Any heading or list numbering at the start of a line, as a pattern fragment for the
# extractors that strip it: （一） (二) ㈡ 一、 二， 三． 1． 2、 3. （4） ⑸ ⒍ ⑦
NUMBERING_PREFIX = (
    rf"(?:[（(]\s*[{CHINESE_NUMERALS}\d]{{1,3}}\s*[)）]|[{CHINESE_NUMERALS}]{{1,3}}[、.．，,](?![0-9])"
    r"|\d{1,2}\s*(?:[、．]|\.(?![0-9]))|[①-⑳㈠-㈩⑴-⒇⒈-⒛])"
)

HEADING_PATTERNS = (
    CHAPTER_HEADING_PATTERN,
    re.compile(rf"^[（(][{CHINESE_NUMERALS}]+[）)]"),  # （一）建立健全…  (二)推进…
    re.compile(r"^[（(]\d{1,2}[）)]"),  # （1）制定方案  (2)
    re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))"),  # 1．制定方案  1、  1.  (not 1.5亿)
    re.compile(r"^[①-⑳㈠-㈩⑴-⒇⒈-⒛]"),  # ①建立…  ㈡推进…  ⑵完善…  ⒉制定…
    re.compile(rf"^第[{CHINESE_NUMERALS}\d]+[章节条部篇]"),  # 第三条  第一章
    ATTACHMENT_HEADING_PATTERN,
)

# a line ending one of these ends its sentence or clause, so no hard wrap follows it …
SENTENCE_END_CHARS = "。；！？：;!?:"

# … except a full stop (or a semicolon, an exclamation or question mark) at the very end
# of a line filled to the wrap width: the paragraph may go on (`…美丽的目标。` +
# `同时，总结经验成果…`, `…达到创建要求；` + `2022年，全县60%以上…`); a colon ends the
# line it is on (`名单如下：` + a list)
WRAPPABLE_SENTENCE_ENDS = "。；！？;!?"

# a heading line that carries on: its body starts on it (`（二）加强督促。镇某办、`) or it
# stops mid-clause (`一、推进绿色社区、`)
GLUED_OR_OPEN_HEADING_PATTERN = re.compile(r"[。；;]|[、，,]\s*$")

# a line opening a paragraph of its own even after a line filled up to a full stop: a list
# item led by a year or a batch and a colon, or an enumeration word
LIST_ITEM_PATTERNS = (
    # 2022年：佳福东居委会、…  2021 年度：  2021—2022年：  二〇二二年：
    re.compile(
        r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})"
        r"(?:\s*[-—–～~至到]\s*(?:\d{4}|[〇○零一二三四五六七八九]{4}))?\s*年度?\s*[：:]"
    ),
    # 第二批：  第一批次:
    re.compile(rf"^第[\d{CHINESE_NUMERALS}]+批次?\s*[：:]"),
    # 一是加强组织领导  二是
    re.compile(rf"^[{CHINESE_NUMERALS}]+是"),
)

# hard wraps happen at a page's text width: no line of a wrapped text is wider than this
# many display columns (a CJK character is 2 columns), nor narrower than the minimum
MAX_WRAP_WIDTH = 120
MIN_WRAP_WIDTH = 30

# a line is "full" when it reaches this share of the wrap width: the first line of a
# paragraph loses its indent, a number moved whole to the next line leaves a gap, and
# normalisation removes the spaces around numbers
FULL_LINE_RATIO = 0.8

# the first line of a paragraph is narrower by its indent: two CJK characters, 4 columns
FIRST_LINE_INDENT_COLUMNS = 4

# the wrap width is near this percentile of the line widths (robust to one over-long line)
WRAP_WIDTH_PERCENTILE = 0.9

# a line ending in a punctuation mark may run this many columns past the wrap width: Word
# and WPS hang a closing mark (`，` `。` `”`) in the margin rather than start a line with it,
# so a page wrapped at 58 columns has lines of 60; the wrap width is the width most lines
# come to within this many columns below the percentile, not the hanging lines' width
HANGING_PUNCTUATION_COLUMNS = 2

# a text is hard-wrapped when at least this share of its lines (and at least
# MIN_WRAPPED_LINES) are full and stop mid-sentence
WRAPPED_LINE_SHARE = 0.3
MIN_WRAPPED_LINES = 3

# … and at least this share of its lines are within WRAP_WIDTH_TOLERANCE columns of the
# wrap width: a page fills its lines to the same width, a list of names does not
AT_WIDTH_LINE_SHARE = 0.2
WRAP_WIDTH_TOLERANCE = 1
WRAP_WIDTH_OFFSETS = range(-WRAP_WIDTH_TOLERANCE, WRAP_WIDTH_TOLERANCE + 1)

# a text whose paragraphs open with an indent: at least this share of its lines (and at
# least MIN_WRAPPED_LINES) are indented. There a line without an indent never opens a
# paragraph, whatever the line before ends with (`…一是…；` + `二是…`, `电子邮箱：` +
# `abc@qq.com。`): in a text of unindented paragraphs one is a paragraph per line or less
INDENTED_LINE_SHARE = 0.1

# ASCII letters and digits: two of them meeting across a wrap are kept apart by a space
# when one is a letter (`green` + `community`); digits join (`683` + `号`, `20` + `21`)
LATIN_WORD_CHAR = re.compile(r"[A-Za-z0-9]")

# --- decoding -------------------------------------------------------------------------

# byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one)
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# encodings that GB18030 extends: decode with the superset so rare characters survive
GB_FAMILY = {"gb2312", "gbk", "cp936", "ms936", "euc_cn", "gb18030", "hz"}

# control characters a text file does not hold (it may hold tab, line feed, vertical tab,
# form feed — pdftotext's page break — and carriage return): `\x00`, `\x1b`, `\x7f`
CONTROL_CHAR_PATTERN = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

# more control characters than this share of the text means it is not text at all
MAX_CONTROL_SHARE = 0.01

# a byte sequence is taken for BOM-less UTF-16 when at least this share of the bytes on
# one parity are NUL, as ASCII and line breaks make them …
UTF16_NUL_SHARE = 0.05

# … and the other parity has at most a quarter as many
UTF16_PARITY_RATIO = 4

# Encodings charset-normalizer may find that are worth trying before GB18030 (the other
# East Asian multi-byte ones, UTF-16/32): `big5`, `cp950`, `shift_jis`, `euc_kr`, `utf_16`.
# A single-byte guess (`cp775`, `cp1250`) for a few Chinese characters in mostly ASCII
# text is tried after GB18030 instead.
MULTIBYTE_ENCODING_PREFIXES = (
    "gb", "big5", "cp950", "cp932", "cp949", "euc", "shift_jis", "iso2022", "utf", "hz",
)  # fmt: skip

# A few bytes that fit no encoding (a stray byte from a bad copy, a truncated last
# character) are replaced by U+FFFD and reported, not a reason to refuse the plan: up to
# one byte in a thousand (at least one), and never more than MAX_REPLACED_BYTES.
REPLACED_BYTE_SHARE = 0.001
MAX_REPLACED_BYTES = 1000
REPLACEMENT_CHAR = "\ufffd"
# UTF-8 with a few bad bytes is taken for UTF-8 only when its valid multi-byte characters
# outnumber the bad bytes this many times over: a GB18030 text read as UTF-8 has almost
# none (its bytes rarely form UTF-8 sequences), a UTF-8 plan has thousands.
UTF8_CHARS_PER_BAD_BYTE = 10
# byte offsets listed in the warning about replaced bytes; the rest are counted
SHOWN_REPLACED_OFFSETS = 10

# Other formats saved under a .txt name, recognised by their start (after white space):
# `{\rtf1\ansi…` (RTF, refused: its text cannot be had without an RTF parser) …
RTF_START_PATTERN = re.compile(r"\s*\{\\rtf")
# … `<!DOCTYPE html>`, `<html>`, `<meta charset=…>`, `<div>` (HTML, read as its text):
# a tag first, and an HTML element within the first KiB
HTML_START_PATTERN = re.compile(r"\s*<[!a-zA-Z]")
HTML_ELEMENT_PATTERN = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|span|br|h[1-6])\b", re.IGNORECASE
)
HTML_SNIFF_CHARS = 1024
# HTML elements whose content is not text, and those that break a line
HTML_SKIPPED_ELEMENTS = frozenset(("script", "style", "head", "title", "noscript", "template"))
HTML_BLOCK_ELEMENTS = frozenset(
    ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
     "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "hr", "header", "footer", "caption")
)  # fmt: skip


def unify_widths(text: str) -> str:
    """Full-width digits/letters/％ to ASCII, ( ) to （ ）, bracketed years to 〔2020〕."""
    if WIDTH_CHARS_PATTERN.search(text):
        text = text.translate(WIDTH_TRANSLATION)
    return YEAR_BRACKET_PATTERN.sub(bracket_year, text)


def unify_clause_punctuation(text: str) -> str:
    """ASCII `, ; :` next to a Chinese character (spaces aside) → `，；：`; between two digits
    (`1,000`, `17:30`) or in Latin text they stay."""
    if not ASCII_CLAUSE_PUNCTUATION_PATTERN.search(text):
        return text
    pieces, last = [], 0
    for match in ASCII_CLAUSE_PUNCTUATION_PATTERN.finditer(text):
        at = match.start()
        left = text[:at].rstrip(SPACE_CHARS)[-1:]
        right = text[at + 1 :].lstrip(SPACE_CHARS)[:1]
        if left.isdigit() and right.isdigit():
            continue
        if CJK_CHAR_PATTERN.fullmatch(left or " ") or CJK_CHAR_PATTERN.fullmatch(right or " "):
            pieces.append(text[last:at] + ASCII_CLAUSE_PUNCTUATION[match.group()])
            last = at + 1
    return "".join(pieces) + text[last:] if pieces else text


def bracket_year(match: re.Match[str]) -> str:
    """`〔2020〕` for a year matched in any bracket pair."""
    return f"〔{match[1]}〕"


def collapse_cjk_spaces(text: str) -> str:
    """Remove 1–2 spaces between CJK characters/digits; other spaces become ASCII spaces."""
    if not ANY_SPACE_PATTERN.search(text):
        return text
    text = CJK_SPACE_PATTERN.sub("", text)
    return OTHER_SPACE_PATTERN.sub(" ", text)


def remove_artefacts(text: str) -> str:
    """Drop conversion artefacts (`[bookmark: _Hlk49932247]`) and zero-width characters."""
    if "[" in text:
        text = ARTEFACT_PATTERN.sub("", text)
    return INVISIBLE_CHARS_PATTERN.sub("", text)


# every character a step of `normalize_line` acts on: `[` (artefacts), invisible characters,
# full-width digits/letters/％ and ASCII brackets (widths), year brackets, ASCII `, ; :`,
# white space; a line with none of them is only stripped (`第一章　总则` is not: U+3000)
NORMALIZING_CHARS_PATTERN = re.compile(
    "[\\[\u200b-\u200d\u2060\ufeff０-９Ａ-Ｚａ-ｚ％()［〔【,;:" + SPACE_CHARS + "]"
)


def normalize_line(text: str) -> str:
    """One line or paragraph in normalised form: artefacts out, widths, clause punctuation
    and spaces unified."""
    if not text or text.isspace():
        return ""
    if not NORMALIZING_CHARS_PATTERN.search(text):
        return text.strip()  # no character any step below changes: each would be a no-op
    text = remove_artefacts(text)
    text = unify_widths(text)
    text = unify_clause_punctuation(text)
    text = collapse_cjk_spaces(text)
    return text.strip()


def is_page_number_line(text: str) -> bool:
    """True when the whole line is a page number (`- 5 -`, `第 5 页`, `5/12`)."""
    line = text.strip()
    if not line or len(line) > MAX_PAGE_NUMBER_CHARS:
        return False
    for pattern in PAGE_NUMBER_PATTERNS:
        match = pattern.match(line)
        if match is not None:
            page, total = int(match["page"]), match.groupdict().get("total")
            # `3/2` is not page 3 of 2, and page 0 does not exist
            return page > 0 and (total is None or page <= int(total))
    return False


def looks_like_heading(line: str) -> bool:
    """True when the line starts like a heading or list item (`一、`, `（一）`, `1．`, `附件`)."""
    stripped = line.strip()
    return any(pattern.match(stripped) for pattern in HEADING_PATTERNS)


def display_width(text: str) -> int:
    """Columns the text takes in a Chinese fixed-width layout: 2 per CJK character.

    Every character from U+0800 up (ideographs, full-width forms, “”—…, which Chinese
    typesetting sets full-width) counts 2 and ASCII counts 1. Taken from the UTF-8 length
    (3 bytes and 1 byte respectively) because it runs on every line: (chars + bytes) / 2.
    """
    return (len(text) + len(text.encode("utf-8"))) // 2


def ends_sentence(line: str) -> bool:
    """True when the line ends with sentence- or clause-ending punctuation (。；：！？)."""
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1] in SENTENCE_END_CHARS


def detect_wrap_width(lines: list[str]) -> int | None:
    """The width the lines are hard-wrapped at, or None when they are not hard-wrapped.

    Hard-wrapped text has many lines of about the same width, close to the widest, that
    stop mid-sentence; text with one paragraph per line has widths all over the place.
    """
    widths = [display_width(line.strip()) for line in lines if line.strip()]
    if len(widths) < MIN_WRAPPED_LINES:
        return None
    percentile = sorted(widths)[int(WRAP_WIDTH_PERCENTILE * (len(widths) - 1))]
    counts = Counter(widths)

    def lines_at(width: int) -> int:
        return sum(counts[width + offset] for offset in WRAP_WIDTH_OFFSETS)

    # the commonest width, then the widest: a hanging mark only ever adds columns
    candidates = range(percentile - HANGING_PUNCTUATION_COLUMNS, percentile + 1)
    wrap_width = max(candidates, key=lambda width: (counts[width], width))
    if not MIN_WRAP_WIDTH <= wrap_width <= MAX_WRAP_WIDTH:
        return None
    at_width = lines_at(wrap_width)
    if at_width < AT_WIDTH_LINE_SHARE * len(widths):
        return None
    wrapped = sum(
        1
        for line in lines
        if line.strip() and not ends_sentence(line) and is_full_line(line, wrap_width)
    )
    if wrapped < max(MIN_WRAPPED_LINES, WRAPPED_LINE_SHARE * len(widths)):
        return None
    return wrap_width


def is_full_line(line: str, wrap_width: int) -> bool:
    """True when the line fills (nearly) the whole wrap width."""
    return display_width(line.strip()) >= FULL_LINE_RATIO * wrap_width


def join_line_pieces(left: str, right: str) -> str:
    """Join two pieces of one paragraph: no space between CJK, one between Latin words."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if (
        LATIN_WORD_CHAR.match(left[-1])
        and LATIN_WORD_CHAR.match(right[0])
        and (left[-1].isalpha() or right[0].isalpha())
    ):
        return f"{left} {right}"
    return left + right


def join_line_breaks(text: str) -> str:
    """`text`'s "\\n"-separated lines joined into one line, as `join_line_pieces` joins a
    hard wrap: `建立健全\\n社区人居` → `建立健全社区人居`, `Level\\nA` → `Level A`."""
    if "\n" not in text:
        return text
    joined = ""
    for line in text.split("\n"):
        joined = join_line_pieces(joined, line)
    return joined


def reaches_wrap_width(line: str, wrap_width: int, first_line: bool = False) -> bool:
    """True when the line is filled right up to the wrap width (a first line: its indent).

    Stricter than `is_full_line`: a line that ends a paragraph may well come near the width.
    """
    indent = FIRST_LINE_INDENT_COLUMNS if first_line else 0
    return display_width(line.strip()) >= wrap_width - indent - WRAP_WIDTH_TOLERANCE


def starts_own_paragraph(line: str) -> bool:
    """True when a line opens a paragraph: indented, a heading, a year/batch list item, 一是."""
    stripped = line.strip()
    return (
        line[:1] in SPACE_CHARS
        or looks_like_heading(stripped)
        or any(pattern.match(stripped) for pattern in LIST_ITEM_PATTERNS)
    )


def is_indented(line: str) -> bool:
    """True when the line starts with white space (the reader keeps an indent as one)."""
    return line[:1] in SPACE_CHARS and bool(line.strip())


def indents_paragraphs(lines: list[str]) -> bool:
    """True when the text opens its paragraphs with an indent (INDENTED_LINE_SHARE)."""
    nonblank = [line for line in lines if line.strip()]
    indented = sum(1 for line in nonblank if is_indented(line))
    return indented >= max(MIN_WRAPPED_LINES, INDENTED_LINE_SHARE * len(nonblank))


def continues_on_next_line(
    line: str,
    next_line: str,
    wrap_width: int,
    first_line: bool = False,
    indented_paragraphs: bool = False,
) -> bool:
    """True when `line` was hard-wrapped and `next_line` carries on its paragraph.

    A full line continues unless it ends a sentence or the next line is a heading; a
    heading line whose title is whole (no body glued on, not stopping mid-clause) only when
    it reaches the wrap width (it was wrapped, not short). A line
    ending in 。；！？ continues only when it reaches the wrap width exactly (`first_line`: the
    paragraph's first line, short by the indent) and the next line does not open a
    paragraph of its own (indented, a heading, `2022年：…`, `一是…`). In a text whose
    paragraphs open with an indent (`indented_paragraphs`), a full line continues exactly
    when the next line is not indented.
    """
    if not is_full_line(line, wrap_width) or looks_like_heading(next_line):
        return False
    if (
        looks_like_heading(line)
        and not GLUED_OR_OPEN_HEADING_PATTERN.search(line)
        and not reaches_wrap_width(line, wrap_width, first_line)
    ):
        # a heading that fits its line ends there, however near the width it comes
        return False
    if indented_paragraphs:
        return not is_indented(next_line)
    if not ends_sentence(line):
        return True
    return (
        line.rstrip()[-1] in WRAPPABLE_SENTENCE_ENDS
        and reaches_wrap_width(line, wrap_width, first_line)
        and not starts_own_paragraph(next_line)
    )


def join_lines_at_width(lines: list[str], wrap_width: int | None) -> list[str]:
    """Join the lines hard-wrapped at `wrap_width` into paragraphs (None: one per line).

    A line's leading spaces (an indent) are kept by the caller for the paragraph rules; the
    paragraphs themselves are stripped.
    """
    paragraphs: list[str] = []
    indented_paragraphs = wrap_width is not None and indents_paragraphs(lines)
    previous = ""  # the source line before `line`, which decides whether `line` continues
    previous_first = True  # whether `previous` opened its paragraph
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if (
            paragraphs
            and wrap_width is not None
            and continues_on_next_line(
                previous, raw, wrap_width, previous_first, indented_paragraphs
            )
        ):
            paragraphs[-1] = join_line_pieces(paragraphs[-1], line)
            previous_first = False
        else:
            paragraphs.append(line)
            previous_first = True
        previous = line
    return paragraphs


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Paragraphs from non-blank lines: joined where the text is hard-wrapped, else as is."""
    return join_lines_at_width(lines, detect_wrap_width(lines))


@dataclass(frozen=True)
class DecodedText:
    """A text file's text with how it was had: the `encoding`, the byte offsets of the
    bytes that fit it not and were replaced by U+FFFD (`replaced`), and `converted_from`
    ("html") when the file was another format read for its text."""

    text: str
    encoding: str
    replaced: tuple[int, ...] = ()
    converted_from: str | None = None

    def replaced_message(self) -> str:
        """One sentence on the replaced bytes: how many, where (the first few offsets)."""
        shown = ", ".join(str(offset) for offset in self.replaced[:SHOWN_REPLACED_OFFSETS])
        more = " …" if len(self.replaced) > SHOWN_REPLACED_OFFSETS else ""
        return (
            f"{len(self.replaced)} byte(s) that are not valid {self.encoding.upper()} were "
            f"replaced by {REPLACEMENT_CHAR} (byte offsets {shown}{more})"
        )


def decode_text(path: str | Path, data: bytes) -> str:
    """The text of a plain-text file, its encoding detected (InputError if it is not text).

    See `decode_text_file`, which also says what was replaced or converted.
    """
    return decode_text_file(path, data).text


def decode_text_file(path: str | Path, data: bytes) -> DecodedText:
    """The text of a plain-text file (InputError if it is not text).

    A byte-order mark decides first; then strict UTF-8; then UTF-8 with a few bad bytes
    replaced, where the rest is plainly UTF-8; then charset-normalizer (GB18030, GBK,
    UTF-16, Big5 …, the GB family decoded with its superset GB18030); then GB18030 itself
    (charset-normalizer gives up on GB18030 text holding zero-width marks), with a few bad
    bytes replaced if need be. An RTF file is refused, an HTML page read for its text.
    """
    if not data:
        raise InputError(path, "file is empty")
    tolerated = min(MAX_REPLACED_BYTES, max(1, int(len(data) * REPLACED_BYTE_SHARE)))
    for bom, encoding in BOMS:
        if data.startswith(bom):
            decoded = decode_tolerantly(path, data[len(bom) :], encoding, tolerated)
            return decode_markup(path, decoded, len(bom))
    if b"\x00" in data:
        encoding = bomless_utf16_encoding(data)
        if encoding is None:
            raise InputError(path, "binary file, not a text plan")
        return decode_markup(path, decode_tolerantly(path, data, encoding, tolerated))
    try:
        return decode_markup(path, DecodedText(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    decoded = decode_replacing(data, "utf-8", tolerated)
    if decoded is not None and plainly_utf8(decoded):
        return decode_markup(path, decoded)
    return decode_markup(path, decode_detected(path, data, utf8_error, tolerated))


def decode_replacing(data: bytes, encoding: str, tolerated: int) -> DecodedText | None:
    """`data` decoded with each byte that does not fit `encoding` replaced by U+FFFD, or
    None when more than `tolerated` bytes would be. Linear: each piece is decoded once."""
    view = memoryview(data)
    pieces: list[str] = []
    replaced: list[int] = []
    position = 0
    while True:
        try:
            pieces.append(codecs.decode(view[position:], encoding))
            break
        except UnicodeDecodeError as exc:
            start, end = position + exc.start, position + max(exc.end, exc.start + 1)
            pieces.append(codecs.decode(view[position:start], encoding))
            pieces.append(REPLACEMENT_CHAR)
            replaced.extend(range(start, end))
            if len(replaced) > tolerated:
                return None
            position = end
    return DecodedText("".join(pieces), encoding, tuple(replaced))


def plainly_utf8(decoded: DecodedText) -> bool:
    """True when text decoded as UTF-8 with bad bytes replaced has many more valid
    multi-byte characters than bad bytes (UTF8_CHARS_PER_BAD_BYTE)."""
    multibyte = sum(1 for ch in decoded.text if ord(ch) > 0x7F and ch != REPLACEMENT_CHAR)
    return multibyte >= UTF8_CHARS_PER_BAD_BYTE * len(decoded.replaced)


def decode_tolerantly(path: str | Path, data: bytes, encoding: str, tolerated: int) -> DecodedText:
    """`data` as `encoding` with up to `tolerated` bad bytes replaced, or an InputError
    naming the first bad byte."""
    decoded = decode_replacing(data, encoding, tolerated)
    if decoded is None:
        return DecodedText(decode_strictly(path, data, encoding), encoding)  # raises
    return decoded


def decode_strictly(path: str | Path, data: bytes, encoding: str) -> str:
    """`data` decoded as `encoding`, or an InputError naming the bad byte."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not valid {encoding.upper()} text (bad byte at offset {exc.start})"
        ) from exc


def decode_detected(
    path: str | Path, data: bytes, utf8_error: UnicodeDecodeError, tolerated: int = 0
) -> DecodedText:
    """`data` decoded in the encoding charset-normalizer finds (GB18030 for the GB family;
    GB18030 first when it finds a single-byte one), else as GB18030 with up to `tolerated`
    bad bytes replaced."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    candidates = ["gb18030"]
    if best is not None and best.encoding is not None:
        encoding = best.encoding.lower().replace("-", "_")
        encoding = "gb18030" if encoding in GB_FAMILY else encoding
        # a plan is Chinese: a Western single-byte guess comes after GB18030, not before
        multibyte = encoding.startswith(MULTIBYTE_ENCODING_PREFIXES)
        candidates = [encoding, "gb18030"] if multibyte else ["gb18030", encoding]
    for encoding in dict.fromkeys(candidates):
        try:
            return DecodedText(data.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    decoded = decode_replacing(data, "gb18030", tolerated) if tolerated else None
    if decoded is not None:
        return decoded
    raise InputError(
        path,
        f"undecodable text: invalid UTF-8 at byte {utf8_error.start}, and no other "
        "encoding (GB18030, UTF-16, Big5 …) fits either",
    )


def decode_markup(path: str | Path, decoded: DecodedText, offset: int = 0) -> DecodedText:
    """Check that decoded text is a text plan (`check_is_text`), not another format saved
    as .txt: RTF is refused, an HTML page read as its text (`decode_html`). `offset` (a
    byte-order mark's length) moves the replaced bytes' offsets to the file's."""
    head = decoded.text[:HTML_SNIFF_CHARS].lstrip("\ufeff")
    if RTF_START_PATTERN.match(head):
        raise InputError(
            path,
            "an RTF document, not a text plan: save it from Word or WPS as .docx or as "
            "plain text (.txt)",
        )
    replaced = tuple(o + offset for o in decoded.replaced)
    if HTML_START_PATTERN.match(head) and HTML_ELEMENT_PATTERN.search(head):
        text = decode_html(decoded.text)
        return DecodedText(text, decoded.encoding, replaced, converted_from="html")
    return DecodedText(check_is_text(path, decoded.text), decoded.encoding, replaced)


def decode_html(markup: str) -> str:
    """An HTML page's text laid out as a text plan: blocks on lines of their own, tables
    in the txt reader's layout (a tab opens each cell, a blank line ends each row),
    scripts and styles dropped. Through the standard library's `html.parser`."""
    from html.parser import HTMLParser

    class TextCollector(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skipping = 0
            self.table_depth = 0
            self.line_has_text = False
            self.row_open = False

        def emit(self, text: str) -> None:
            self.parts.append(text)
            self.line_has_text = False

        def start_line(self) -> None:
            if self.parts and not self.parts[-1].endswith("\n"):
                self.emit("\n")

        def break_line(self) -> None:
            # inside a table a blank line would end the row: break only after text
            if not self.table_depth or self.line_has_text:
                self.emit("\n")

        def end_row(self) -> None:
            if self.row_open:
                self.start_line()
                self.emit("\n")  # one blank line ends a row
                self.row_open = False

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag in HTML_SKIPPED_ELEMENTS:
                self.skipping += 1
            elif tag == "table":
                self.table_depth += 1
                if self.table_depth == 1:
                    self.emit("\n\n\n")
            elif tag == "tr" and self.table_depth == 1:
                self.end_row()  # </tr> may be left out
            elif tag in ("td", "th") and self.table_depth == 1:
                self.start_line()
                self.emit("\t")
                self.row_open = True
            elif tag in HTML_BLOCK_ELEMENTS:
                self.break_line()

        def handle_startendtag(self, tag: str, attrs: list) -> None:
            if tag in HTML_BLOCK_ELEMENTS:
                self.break_line()

        def handle_endtag(self, tag: str) -> None:
            if tag in HTML_SKIPPED_ELEMENTS:
                self.skipping = max(0, self.skipping - 1)
            elif tag == "table":
                self.table_depth = max(0, self.table_depth - 1)
                if not self.table_depth:
                    self.end_row()
                    self.emit("\n\n\n")
            elif tag == "tr" and self.table_depth == 1:
                self.end_row()
            elif tag in HTML_BLOCK_ELEMENTS:
                self.break_line()

        def handle_data(self, data: str) -> None:
            if self.skipping:
                return
            if self.table_depth:  # source line breaks inside a table are spaces
                data = re.sub(r"\s+", " ", data)
            else:
                data = re.sub(r"[ \t]*\n\s*", "\n", data)
            if data.strip():
                self.parts.append(data)
                self.line_has_text = not data.endswith("\n")

    collector = TextCollector()
    collector.feed(markup)
    collector.close()
    text = "".join(collector.parts)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def bomless_utf16_encoding(data: bytes) -> str | None:
    """utf-16-le/-be when the NUL bytes sit (nearly all) on one parity, as in UTF-16.

    ASCII characters and line breaks put a NUL in their high byte; the odd CJK character
    with a zero low byte (一 is U+4E00) puts a few on the other parity.
    """
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    enough = UTF16_NUL_SHARE * len(data) // 2
    if odd_nuls >= enough and even_nuls * UTF16_PARITY_RATIO <= odd_nuls:
        return "utf-16-le"
    if even_nuls >= enough and odd_nuls * UTF16_PARITY_RATIO <= even_nuls:
        return "utf-16-be"
    return None


def check_is_text(path: str | Path, text: str) -> str:
    """`text` unchanged, or an InputError when control characters show it is binary."""
    controls = len(CONTROL_CHAR_PATTERN.findall(text))
    if "\x00" in text or controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(path, "binary file, not a text plan")
    return text
