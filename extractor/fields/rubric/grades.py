"""Grade bands written in prose around a scoring table, and the pass line they give.

    总得分≥90分为优秀，≥70分为合格
    → levels ["合格", "优秀"], pass line 70
    90分以上为优秀，80-89分为良好，60-79分为合格，60分以下为不合格
    → levels ["不合格", "合格", "良好", "优秀"], pass line 60
    分为优秀（90分以上）、良好（80—89分）、合格（60—79分）、不合格（60分以下）
    → the same (the grade first, its scores in brackets or after a colon)

Each band is a grade word and the lowest score that earns it (None for the band at the
bottom: `60分以下为不合格`). Levels are listed from the lowest band up; the pass line is
the threshold of the pass grade (合格, 达标, 及格), not the first number of the sentence.

Without bands, a pass line may be stated alone (`须不低于80分`, `低于60分的，确定为不合格`,
`find_pass_line`), and a total in a note (`总分110分`, `find_note_totals`). The table code
reads these in the paragraphs around a table, the prose rubrics in their whole section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.document import Document, Paragraph
from extractor.fields.rubric.checks import StatedNumber

NUMBER = r"\d+(?:\.\d+)?"

# A grade word or mark: 优秀, 良好, 合格, 不合格, 基本合格, 一般, 较差, 达标, A级, 一档,
# 一等, 先进; longer words first (不合格 before 合格)
GRADE = (
    r"基本合格|不合格|合格|不达标|基本达标|未达标|达标|不及格|及格|优秀|良好|较好|一般|较差|差"
    r"|[A-EＡ-Ｅ]\s*(?:级|档|等|类)|[一二三四五]\s*(?:档|等|级|类)|先进"
)

# Which grades mark the pass line: 合格, 达标, 及格 (基本合格 passes too, as the lowest pass)
PASS_GRADES = ("合格", "达标", "及格", "基本合格", "基本达标")

# What a text stating grade bands must hold somewhere: a grade named as the result of a
# score (`为优秀`, `评为合格`); texts without it skip the band patterns
BAND_HINT = re.compile(
    rf"(?:为|属于|列为|视为)\s*[“\"「]?(?:{GRADE})|(?:{GRADE})\s*[（(：:]\s*(?:得分)?\s*[≥<＜低不]?"
)

# Whether a bound counts itself, in brackets after it: （含）, （含90分）, （不含）
BOUND_NOTE = rf"(?:[（(]\s*不?含\s*(?:{NUMBER}\s*分?)?\s*[）)])?"

# A band with a lower bound (the score's name before it, 总得分在…, is not part of the match):
# ≥90分为优秀, 90分以上为优秀, 达到90分的为优秀, 80-89分为良好, 80分（含）以上评为良好,
# 90分以上（含90分）为优秀, 75分（含）至90分（不含）的为良好, 总得分在60至79分之间的为合格,
# 不低于60分为合格 (低于 is a bound from above, 不低于 is not), 80分以上（含80分）不足90分为良好 /
# 80分以上、低于90分的为良好 (the upper bound said as 不足/低于/未达到)
BAND_FROM = re.compile(
    rf"(?:≥|>=|＞=|不低于|达到|大于等于|满)?\s*"
    rf"(?<![\d.<＜])(?<!^低于)(?<![^不]低于)(?<!不足)(?<!小于)(?P<low>{NUMBER})\s*分?\s*"
    rf"{BOUND_NOTE}\s*(?:(?:[-—–~～至到]\s*{NUMBER}\s*分?\s*{BOUND_NOTE}\s*(?:之间)?)"
    rf"|(?:及|或)?以上\s*{BOUND_NOTE}"
    rf"(?:\s*[，,、]?\s*(?:不足|低于|不到|未达到|小于)\s*{NUMBER}\s*分?\s*{BOUND_NOTE})?)?"
    rf"\s*(?:的|者)?\s*[，,]?\s*(?:为|评为|定为|确定为|评定为|即为|属于|列为|视为)\s*"
    rf"[“\"「]?(?P<grade>{GRADE})"
)

# A band at the bottom: 60分以下为不合格, 低于60分的为不合格, <60分为不合格, 59分及以下为不合格
BAND_BELOW = re.compile(
    rf"(?:(?:低于|不足|小于|<|＜)\s*{NUMBER}\s*分?|{NUMBER}\s*分?\s*(?:及|或)?(?:以下|以内))"
    rf"\s*(?:的|者)?\s*[，,]?\s*(?:为|评为|定为|确定为|评定为|即为|属于|列为|视为)\s*"
    rf"[“\"「]?(?P<grade>{GRADE})"
)


# A band written grade first, its scores after it in brackets or after a colon:
# 优秀（90分以上）, 良好（80—89分）, 合格：60-79分, 优秀（≥90分）
GRADE_FIRST_FROM = re.compile(
    rf"(?P<grade>{GRADE})\s*(?:[（(]|[：:])\s*(?:得分)?\s*(?:"
    rf"(?:≥|>=|不低于|达到)\s*(?P<low_bound>{NUMBER})"
    rf"|(?P<low>{NUMBER})\s*分?\s*{BOUND_NOTE}\s*"
    rf"(?:[-—–~～至到]\s*{NUMBER}\s*分?|(?:及|或)?以上))"
)

# … and the bottom band so written: 不合格（60分以下）, 不合格：低于60分
GRADE_FIRST_BELOW = re.compile(
    rf"(?P<grade>{GRADE})\s*(?:[（(]|[：:])\s*(?:得分)?\s*"
    rf"(?:(?:低于|不足|小于|<|＜)\s*{NUMBER}\s*分?|{NUMBER}\s*分?\s*(?:及|或)?(?:以下|以内))"
)

# what before 超过 / 高于 makes it a cap, not a pass line: 不超过, 不得超过, 最多不能高于
NOT_A_CAP = r"(?<!不)(?<!不得)(?<!不能)(?<!不应)(?<!最高)(?<!最多)"
# A pass line: 得分须不低于80分, 自评达到85分以上, 各项相加之和达到80分以上, 80分及以上
# (not a cap: 加分最高不超过5分);
# or the score under which a unit fails: 得分低于60分的，确定为不合格, 60分以下为不达标
PASS_SCORE = re.compile(
    rf"(?:不低于|不少于|达到|{NOT_A_CAP}(?:高于|超过)|≥|>=)\s*(?P<score>{NUMBER})\s*分"
    rf"|(?P<score_after>{NUMBER})\s*分(?:及|或)?以上"
    rf"|(?:(?<!不)低于|不足|<|＜)\s*(?P<score_below>{NUMBER})\s*分(?!以上)"
    r"[^，。；;0-9]{0,6}[，,]?\s*(?:为|定为|确定为|评为|视为|认定为|即为)\s*[“\"]?"
    r"(?:不合格|不达标|不及格)"
    rf"|(?P<score_under>{NUMBER})\s*分以下[^，。；;0-9]{{0,4}}[，,]?\s*"
    r"(?:为|定为|确定为|评为|视为|认定为|即为)\s*[“\"]?(?:不合格|不达标|不及格)"
)

# The groups of PASS_SCORE that hold the score, in order.
PASS_SCORE_GROUPS = ("score", "score_after", "score_below", "score_under")

# A total stated in a note: 总分110分, 满分为100分, 总分值100分; not a bound on the total
# score (考核总分80分以上为合格, 总分60分（含）以下)
NOTE_TOTAL = re.compile(
    rf"(?:总分值|总分|满分)\s*(?:为|是|共)?\s*(?P<points>{NUMBER})\s*分"
    r"(?!\s*(?:[（(]\s*不?含[^）)]*[）)])?\s*(?:及|或)?(?:以上|以下|以内))"
)


# Characters that end a sentence: 。！？
SENTENCE_END = "。！？!?"


@dataclass(frozen=True)
class GradeBands:
    """Grades from the lowest band up, each grade's lowest score, and the sentence."""

    levels: list[str]
    thresholds: dict[str, float | None]
    text: str

    @property
    def pass_score(self) -> float | None:
        """The threshold of the lowest pass grade (合格, 达标, 及格), None without one."""
        passing = [
            threshold
            for grade, threshold in self.thresholds.items()
            if threshold is not None and grade.replace(" ", "") in PASS_GRADES
        ]
        return min(passing) if passing else None


def grade_bands(text: str) -> GradeBands | None:
    """The grade bands `text` states, or None when it states fewer than one with a score.

    `≥90分为优秀，≥70分为合格` → levels [合格, 优秀], thresholds {合格: 70, 优秀: 90}.
    """
    if not BAND_HINT.search(text):
        return None
    thresholds: dict[str, float | None] = {}
    spans: list[tuple[int, int]] = []
    for match in [*BAND_FROM.finditer(text), *GRADE_FIRST_FROM.finditer(text)]:
        grade = re.sub(r"\s+", "", match.group("grade"))
        thresholds.setdefault(grade, float(match.group("low") or match.group("low_bound")))
        spans.append(match.span())
    if not thresholds:
        return None
    for match in [*BAND_BELOW.finditer(text), *GRADE_FIRST_BELOW.finditer(text)]:
        if any(start <= match.start() < end for start, end in spans):
            continue
        thresholds.setdefault(re.sub(r"\s+", "", match.group("grade")), None)
    ordered = sorted(
        thresholds, key=lambda grade: -1.0 if thresholds[grade] is None else thresholds[grade]
    )
    return GradeBands(levels=ordered, thresholds=thresholds, text=text)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The `[start, end)` of the sentence of `text` holding `[start, end)`, its 。 included."""
    left = max((text.rfind(mark, 0, start) for mark in SENTENCE_END), default=-1) + 1
    rights = [i for i in (text.find(mark, end) for mark in SENTENCE_END) if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return left, right


def find_pass_line(paragraphs: list[Paragraph]) -> tuple[float, str] | None:
    """The pass score and its sentence: `说明：…得分须不低于80分。` → (80, that sentence)."""
    for paragraph in paragraphs:
        match = PASS_SCORE.search(paragraph.text)
        if match:
            score = float(next(match.group(g) for g in PASS_SCORE_GROUPS if match.group(g)))
            left, right = sentence_around(paragraph.text, match.start(), match.end())
            return score, paragraph.text[left:right].strip()
    return None


def find_note_totals(doc: Document, paragraphs: list[Paragraph]) -> list[StatedNumber]:
    """Totals stated in the paragraphs around a table: `总分110分`."""
    stated: list[StatedNumber] = []
    for paragraph in paragraphs:
        for match in NOTE_TOTAL.finditer(paragraph.text):
            evidence = doc.evidence(paragraph.start + match.start(), paragraph.start + match.end())
            stated.append(StatedNumber(float(match.group("points")), evidence))
    return stated


def find_grades(texts: list[str]) -> GradeBands | None:
    """The grade bands stated in the first sentence of `texts` that states any: the
    paragraphs around a table or a note row inside it (`≥90分为优秀，≥70分为合格`)."""
    for text in texts:
        for left, right in sentences(text):
            bands = grade_bands(text[left:right])
            if bands is not None:
                return bands
    return None


def sentences(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of each sentence of `text`, its 。 included."""
    spans: list[tuple[int, int]] = []
    start = 0
    for index, char in enumerate(text):
        if char in SENTENCE_END:
            spans.append((start, index + 1))
            start = index + 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
