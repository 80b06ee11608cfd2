"""Deduction rules: a 评分标准 cell split into one `Rule` per clause.

A clause ends at `，；。` (or at `、` right after `…分`), but a clause without a deduction
of its own (`每年至少开展2次培训，`) is joined to the next one, and a bare cap
(`最高扣6分`) or a trailing remark is joined to the rule before it:

    每年至少开展2次培训，每少1次扣3分，最高扣6分。
    → Rule(text="每年至少开展2次培训，每少1次扣3分，最高扣6分", deduct=3, per="少1次", cap=6)

A clause that zeroes the item (`低于60%此项不得分`) is kept as a rule whose `deduct` is the
item's whole points (the item then scores 0), its text as written; with the item's points
unknown, `deduct` stays None:

    低于60%此项不得分   (item of 6 points) → Rule(text="低于60%此项不得分", deduct=6)
"""

from __future__ import annotations

import re

from extractor.models import Rule
from extractor.numerals import parse_chinese_number

# A number of points as written: 3, 0.5, 一 (one Chinese digit, 十 for ten).
NUMBER = r"\d+(?:\.\d+)?|[一二两三四五六七八九十]"
# The Chinese points NUMBER takes, read by extractor.numerals: 扣一分, 扣两分, 扣十分.
CHINESE_POINTS = frozenset("一二两三四五六七八九十")

# Where a clause ends: after ，；。 or after 分、 (未开展A扣2分、未开展B扣2分; not inside a
# list of figures: 分别奖10分、5分、3分), and before a
# numbered part written straight after the last one's points: …（3分）2.部署工作
CLAUSE_BREAK = re.compile(
    r"(?<=[，；。;,])|(?<=分、)(?!\s*\d+(?:\.\d+)?\s*分)|(?<=[分）)])(?=\d{1,2}[.．、](?!\d))"
)

# A clause opening a numbered part of the cell: 1.成立领导小组, 2、部署工作, （3）
PART_START = re.compile(r"^\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])")

# An award clause, which ends a rule as a deduction does: 分别奖10分、5分、3分, 另加2分
AWARD = re.compile(rf"(?:奖励?|加)\s*(?:{NUMBER})\s*分")

# The points of the part a deduction sits in, which `扣完为止` exhausts: 得5分，每少一次扣0.5分
# → 5; （2分，少一次扣0.5分，扣完为止） → 2
PART_POINTS = re.compile(rf"(?<![扣除奖加减])(?P<points>{NUMBER})\s*分\s*[，,；;]")

# Punctuation trimmed off the end of a rule's text: 扣3分。 → 扣3分
TRAILING_PUNCTUATION = "，；。;,、 \u3000"

# The word of a deduction: 扣, 扣除, and 减 right before its figure (减2分; 减少 is no
# deduction)
DEDUCT = rf"(?:扣(?:除)?|减(?=\s*(?:{NUMBER})))"

# A ranged deduction: 扣1-3分, 扣1—3分, 扣1～3分, 扣1至3分, 减1-3分
RANGE_DEDUCTION = re.compile(
    rf"{DEDUCT}\s*(?P<low>{NUMBER})\s*(?:-|—|–|~|～|至|到)\s*(?P<high>{NUMBER})\s*分"
)

# A fixed deduction: 扣3分, 扣除0.5分, 扣一分, 减2分
DEDUCTION = re.compile(rf"{DEDUCT}\s*(?P<points>{NUMBER})\s*分")

# The most a rule may take off: 最高扣2分, 最多扣6分, 累计最高扣4分, 扣满3分为止
CAP = re.compile(
    rf"(?:累计)?(?:最高|最多|至多)(?:可)?(?:扣(?:除)?|减)\s*(?P<cap>{NUMBER})\s*分"
    rf"|扣满\s*(?P<cap_full>{NUMBER})\s*分为止"
)

# A cap without a number: 扣完为止, 扣完本项分为止
OPEN_CAP = re.compile(r"[扣减]完(?:本项分|该项分)?为止")

# The unit a deduction repeats for: 每发现1处扣1分 → 发现1处; 覆盖面每降低5%扣1分 → 降低5%
PER_UNIT = re.compile(rf"每(?P<per>[^，；。、每扣]{{1,20}}?)(?:的)?(?:均)?{DEDUCT}")

# The unit counted without 每, one of something before 扣: 损坏一处扣1分 → 损坏一处;
# 缺1项扣2分 → 缺1项; 出现1例未处理扣2分 → 出现1例未处理 (cases: 例 件 起 宗);
# 一季度内不更新的扣2分 → 一季度内不更新 (a period without the duty); 缺1人扣2分 → 缺1人
# (people and things counted: 人 名 家 条 份 篇 场)
COUNTED_UNIT = re.compile(
    r"(?P<per>[^，；。、每扣（）]{0,10}?(?:一|1)\s*"
    r"(?:处|次|个|项|户|例|件|起|宗|人|名|家|条|份|篇|场|季度|年|月|周)"
    rf"[^，；。、每扣（）]{{0,10}}?)(?:的)?{DEDUCT}"
)

# A clause that voids the item instead of subtracting: 低于60%此项不得分, 该项得0分,
# 出现重大问题的不得分
ZERO_SCORE = re.compile(r"不得分|不计分|得0分|计0分")

# The points a numbered part states for itself at its end, which its `不得分` takes away:
# 1.确保…达80%以上，否则不得分（10分） → 10
OWN_POINTS = re.compile(rf"[（(]\s*(?P<points>{NUMBER})\s*分\s*[）)]\s*$")

# A clause that scores in proportion instead of per event: 按完成比例得分, 按比例扣分,
# 按扣分比例折算扣分分值, 按实际完成进度计分
PROPORTIONAL = re.compile(
    r"按(?:照)?[^，；。、]{0,6}?(?:比例|比率|进度)[^，；。、]{0,4}?(?:得分|计分|赋分|扣分|折算|拆算)"
)


def parse_number(text: str) -> float:
    """`3` → 3.0, `0.5` → 0.5, `三` → 3.0, `十` → 10.0; ValueError for text NUMBER rejects."""
    value = parse_chinese_number(text) if text in CHINESE_POINTS else None
    return value if value is not None else float(text)


def split_clauses(text: str) -> list[str]:
    """Raw clauses of a cell, punctuation kept: `扣3分，扣2分。` → [`扣3分，`, `扣2分。`]."""
    return [piece for piece in CLAUSE_BREAK.split(text) if piece.strip()]


def is_cap_only(clause: str) -> bool:
    """True for a clause that only caps the rule before it: `最高扣6分`, `扣完为止`."""
    core = clause.strip().rstrip(TRAILING_PUNCTUATION + "）)")
    return bool(CAP.fullmatch(core) or OPEN_CAP.fullmatch(core))


def has_deduction(clause: str) -> bool:
    """True when a clause takes points off, voids the item, scores in proportion or awards."""
    return bool(
        RANGE_DEDUCTION.search(clause)
        or DEDUCTION.search(clause)
        or ZERO_SCORE.search(clause)
        or PROPORTIONAL.search(clause)
        or AWARD.search(clause)
    )


def group_clauses(text: str) -> list[str]:
    """The text of each rule of a cell, clauses joined as the module docstring describes."""
    groups: list[list[str]] = []
    pending: list[str] = []
    for clause in split_clauses(text):
        if groups and not pending and is_cap_only(clause):
            groups[-1].append(clause)
            continue
        if pending and PART_START.match(clause):
            # a numbered part without a deduction is a rule of its own (`1.成立小组（1分）`)
            groups.append(pending)
            pending = []
        pending.append(clause)
        if has_deduction(CAP.sub("", clause)):
            groups.append(pending)
            pending = []
    if pending:
        if groups and not PART_START.match(pending[0]):
            groups[-1].extend(pending)
        else:
            groups.append(pending)
    return [
        joined
        for joined in ("".join(group).strip().rstrip(TRAILING_PUNCTUATION) for group in groups)
        if joined
    ]


def parse_rule(text: str, item_points: float | None = None) -> Rule:
    """One rule's numbers: `每发现1处扣1分，最高扣2分` → deduct 1, per `发现1处`, cap 2.

    A rule that zeroes the item (`此项不得分`) without a deduction of its own takes off
    `item_points`, the item's whole points (None when unknown), or, for a numbered part
    stating its own points (`2.…否则不得分（10分）`), that part's; so does the cap of one
    that deducts until nothing is left (`扣完为止`). A proportional rule (`按完成比例得分`)
    keeps its text with no numbers.
    """
    cap_match = CAP.search(text)
    cap = None
    if cap_match:
        cap = parse_number(cap_match.group("cap") or cap_match.group("cap_full"))
    elif OPEN_CAP.search(text):
        deduction = DEDUCTION.search(text)
        parts = list(PART_POINTS.finditer(text[: deduction.start()])) if deduction else []
        cap = parse_number(parts[-1].group("points")) if parts else item_points
    body = CAP.sub("", text)
    deduct = deduct_max = None
    ranged = RANGE_DEDUCTION.search(body)
    if ranged:
        deduct = parse_number(ranged.group("low"))
        deduct_max = parse_number(ranged.group("high"))
    else:
        fixed = DEDUCTION.search(body)
        if fixed:
            deduct = parse_number(fixed.group("points"))
        elif ZERO_SCORE.search(body):
            own = OWN_POINTS.search(body) if PART_START.match(body) else None
            deduct = parse_number(own.group("points")) if own else item_points
    per_match = (PER_UNIT.search(body) or COUNTED_UNIT.search(body)) if deduct is not None else None
    per = per_match.group("per") if per_match else None
    return Rule(text=text, deduct=deduct, deduct_max=deduct_max, per=per, cap=cap)


def deduction_rules(text: str) -> list[Rule]:
    """The rules of `text` that state a deduction (`损坏一处扣1分`): for scoring hints written
    inside a criterion, which mostly say what earns points (`实施得1分，仅有方案不得分`) and
    are kept as the item's note, not as rules."""
    return [
        rule
        for rule in parse_rules(text)
        if RANGE_DEDUCTION.search(rule.text) or DEDUCTION.search(rule.text)
    ]


def parse_rules(text: str, item_points: float | None = None) -> list[Rule]:
    """Every rule of a 评分标准 cell, in order; [] for an empty cell.

    `item_points` is the item's points, the deduction of a `不得分` rule.
    """
    return [parse_rule(group, item_points) for group in group_clauses(text)]


def scoring_rules(text: str, item_points: float | None = None) -> list[Rule]:
    """The rules of a cell that states the criterion too (`考核内容及评分标准`): those that
    deduct, void the item, score in proportion or award, each without the leading
    sentences that only state the requirement (`完成投资计划（20分）。未完成的不得分` →
    `未完成的不得分`); a cell of requirements only (`建立工作台账`) has none."""
    if not has_deduction(text):
        return []  # no clause of it can score (most criteria): no need to split it
    return [
        parse_rule(scoring_part(rule.text), item_points)
        for rule in parse_rules(text, item_points)
        if has_deduction(rule.text)
    ]


def scoring_part(text: str) -> str:
    """`text` from its first sentence (ended by 。) that scores: the requirement stated
    before it in whole sentences is the criterion's."""
    sentences = [piece for piece in re.split(r"(?<=。)", text) if piece.strip()]
    while len(sentences) > 1 and not has_deduction(CAP.sub("", sentences[0])):
        sentences.pop(0)
    return "".join(sentences).strip()
