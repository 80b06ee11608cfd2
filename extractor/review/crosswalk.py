"""The criterion crosswalk: equivalent rubric items of several plans on one row.

Items are aligned by the jieba-segmented words of their criteria: idf-weighted Jaccard
similarity, greedy pairing of the most similar items first, at most one item per plan in a
row, rows below `CROSSWALK_MIN_SIMILARITY` not made. Ties are broken by plan and position
and similarities are summed exactly (`math.fsum`), so the rows do not depend on the order
Python iterates sets in (`PYTHONHASHSEED`). On each row, the cells whose points or wording
differ from the row's first plan (the highest level) are marked.

jieba is imported only here, inside the function that needs it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from extractor.models import Item, Plan
from extractor.review.views import (
    MARK_POINTS,
    MARK_WORDING,
    Marks,
    Value,
    View,
    format_number,
    rubric_items,
)

# Two criteria are equivalent when the idf-weighted Jaccard similarity of their word sets
# (or of their headline clauses) reaches this. Over the rubric items of four plans, two
# 社区停车秩序规范… items score 0.23–1.0 (1.0 by headline); unrelated pairs have a median
# of 0.01, and 95% score below 0.19.
CROSSWALK_MIN_SIMILARITY = 0.3
CROSSWALK_LABEL_WORDS = 4  # shared words shown as the row label
# Words that carry no meaning for matching: function words and scoring boilerplate.
CROSSWALK_STOP_WORDS = frozenset(
    "的 和 与 及 等 了 有 无 在 对 按 得 分 扣 以上 以下 情况 相关 进行 开展 各类 每 项".split()
)
# End of a criterion's headline clause: `社区停车秩序规范，无占压…` → `社区停车秩序规范`
HEADLINE_END = re.compile(r"[，,；;。：:（(]")
HEADLINE_MIN_WORDS = 2  # a shorter headline says too little to match on alone
# A token worth comparing: CJK words of two or more characters, or Latin/number words
CROSSWALK_WORD = re.compile(r"^(?:[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9]+)$")
# What two wordings may differ in and still say the same: spaces and punctuation
# (`社区停车秩序规范，无占压` and `社区停车秩序规范 无占压` are the same wording)
WORDING_NOISE = re.compile(r"[\W_]+")


def criterion_words(text: str) -> frozenset[str]:
    """The content words of a criterion, segmented by jieba (imported on first use).

    jieba's search mode adds the parts of long words (全覆盖 → 覆盖), so that 覆盖面 and
    全覆盖 still share a word.
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return frozenset(
        w
        for w in jieba.lcut_for_search(text)
        if CROSSWALK_WORD.match(w) and w not in CROSSWALK_STOP_WORDS
    )


def inverse_document_frequency(word_sets: list[frozenset[str]]) -> dict[str, float]:
    """Smoothed idf of each word over the criteria: rare words weigh more."""
    count = len(word_sets)
    frequency: dict[str, int] = {}
    for words in word_sets:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    return {w: math.log((count + 1) / (f + 1)) + 1 for w, f in sorted(frequency.items())}


def weighted_jaccard(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    """Σ idf of shared words over Σ idf of all words of the two sets (0 when both empty).

    Sums are exact (`math.fsum`): a float sum in set order would differ in its last bit
    from one hash seed to the next and break ties differently.
    """
    union = math.fsum(idf.get(w, 1.0) for w in a | b)
    return math.fsum(idf.get(w, 1.0) for w in a & b) / union if union else 0.0


@dataclass(frozen=True)
class CrosswalkItem:
    """One rubric item entering the crosswalk: which plan, where, its words.

    `headline` holds the words of the criterion's first clause, which names what is
    assessed (`社区停车秩序规范`) while the rest elaborates; empty when too short.
    """

    plan: int
    position: int
    item: Item
    words: frozenset[str]
    headline: frozenset[str] = frozenset()


def crosswalk_item(plan: int, position: int, item: Item) -> CrosswalkItem:
    """An item with its criterion's words and headline words."""
    headline = criterion_words(HEADLINE_END.split(item.criterion, maxsplit=1)[0])
    return CrosswalkItem(
        plan=plan,
        position=position,
        item=item,
        words=criterion_words(item.criterion),
        headline=headline if len(headline) >= HEADLINE_MIN_WORDS else frozenset(),
    )


def item_similarity(a: CrosswalkItem, b: CrosswalkItem, idf: dict[str, float]) -> float:
    """The better of the whole criteria's and the headlines' weighted Jaccard similarity."""
    whole = weighted_jaccard(a.words, b.words, idf)
    if a.headline and b.headline:
        return max(whole, weighted_jaccard(a.headline, b.headline, idf))
    return whole


def align_items(
    items: list[CrosswalkItem], threshold: float = CROSSWALK_MIN_SIMILARITY
) -> list[list[CrosswalkItem]]:
    """Groups of equivalent items, at most one per plan, most similar pairs joined first.

    Returns every item exactly once: groups of one are the unmatched items. Groups are
    ordered by their first item (plan order, then position).
    """
    idf = inverse_document_frequency([i.words for i in items])
    pairs = sorted(
        (
            (item_similarity(a, b, idf), ia, ib)
            for ia, a in enumerate(items)
            for ib, b in enumerate(items)
            if ia < ib and a.plan != b.plan
        ),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    group_of = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    for similarity, ia, ib in pairs:
        if similarity < threshold:
            break
        ga, gb = group_of[ia], group_of[ib]
        if ga == gb:
            continue
        plans_a = {items[m].plan for m in members[ga]}
        if any(items[m].plan in plans_a for m in members[gb]):
            continue
        for m in members.pop(gb):
            group_of[m] = ga
            members[ga].append(m)
    groups = [sorted(m, key=lambda i: (items[i].plan, items[i].position)) for m in members.values()]
    groups.sort(key=lambda g: (items[g[0]].plan, items[g[0]].position))
    return [[items[i] for i in group] for group in groups]


def shared_words(group: list[CrosswalkItem], idf: dict[str, float]) -> list[str]:
    """The most telling words the group's criteria share, in the first criterion's order."""
    counts: dict[str, int] = {}
    for member in group:
        for word in sorted(member.words):
            counts[word] = counts.get(word, 0) + 1
    common = [w for w, c in counts.items() if c >= 2]
    # jieba's search mode gives 物业管理 and also 物业, 管理: show the longest only
    common = [w for w in common if not any(w != o and w in o for o in common)]
    common.sort(key=lambda w: (-counts[w], -idf.get(w, 0.0), w))
    first = group[0].item.criterion
    chosen = common[:CROSSWALK_LABEL_WORDS]
    return sorted(chosen, key=lambda w: (first.find(w) if w in first else len(first), w))


def item_maximum(item: Item) -> float | None:
    """The most an item can score: its points, else its best level's points."""
    if item.points is not None:
        return item.points
    return max(item.level_points.values()) if item.level_points else None


def format_item(item: Item) -> str:
    """`11. 社区停车秩序规范…（5分）` — number, name (`县农粮局：`), criterion, points or the
    best level's."""
    number = f"{item.number}. " if item.number else ""
    points = item_maximum(item)
    suffix = f"（{format_number(points)}分）" if points is not None else ""
    bonus = "〔附加〕" if item.bonus else ""
    name = f"{item.name}：" if item.name else ""
    return f"{number}{bonus}{name}{item.criterion}{suffix}"


def wording(item: Item) -> str:
    """An item's criterion without spaces and punctuation (WORDING_NOISE), for comparing."""
    return WORDING_NOISE.sub("", item.criterion)


def group_differences(group: list[CrosswalkItem]) -> dict[int, tuple[str, ...]]:
    """Per plan of an aligned group, how its item differs from the group's first item
    (the highest-level plan's): MARK_POINTS, MARK_WORDING, both or neither."""
    reference = group[0].item
    reference_points = item_maximum(reference)
    differences: dict[int, tuple[str, ...]] = {}
    for member in group[1:]:
        points = item_maximum(member.item)
        marks = []
        if points is not None and reference_points is not None and points != reference_points:
            marks.append(MARK_POINTS)
        if wording(member.item) != wording(reference):
            marks.append(MARK_WORDING)
        if marks:
            differences[member.plan] = tuple(marks)
    return differences


def differences_text(group: list[CrosswalkItem], differences: dict[int, tuple[str, ...]]) -> str:
    """The row's differences in words: `分值 points 5 / 3 / —; 表述 wording 2`."""
    parts = []
    if any(MARK_POINTS in marks for marks in differences.values()):
        points = [format_number(item_maximum(m.item)) or "—" for m in group]
        parts.append("分值不同 points " + " / ".join(points))
    worded = sum(MARK_WORDING in marks for marks in differences.values())
    if worded:
        parts.append(f"表述不同 wording ×{worded}")
    return "；".join(parts)


def crosswalk_views(plans: list[Plan], labels: list[str]) -> tuple[View, View]:
    """The crosswalk of equivalent items across plans, and the items left unmatched.

    Crosswalk cells whose points or wording differ from the row's first item are marked
    (`View.marks`), and a last column says how the row differs.
    """
    with_items = [i for i, plan in enumerate(plans) if any(rubric_items(r) for r in plan.rubrics)]
    items = [
        crosswalk_item(i, pos, item)
        for i in with_items
        for pos, item in enumerate(it for r in plans[i].rubrics for it in rubric_items(r))
    ]
    groups = align_items(items)
    idf = inverse_document_frequency([i.words for i in items])
    rows: list[list[Value]] = []
    marks: Marks = {}
    unmatched: list[list[Value]] = []
    for group in groups:
        if len(group) == 1:
            only = group[0]
            unmatched.append([labels[only.plan], format_item(only.item)])
            continue
        by_plan = {member.plan: member for member in group}
        differences = group_differences(group)
        row: list[Value] = [" ".join(shared_words(group, idf)) or None]
        for column, plan in enumerate(with_items, start=1):
            row.append(format_item(by_plan[plan].item) if plan in by_plan else None)
            if plan in differences:
                marks[(len(rows), column)] = differences[plan]
        row += [len(group), differences_text(group, differences) or None]
        rows.append(row)
    crosswalk = View(
        name="crosswalk",
        title="条目对照 Criterion crosswalk",
        columns=["共同词 Shared words"]
        + [labels[i] for i in with_items]
        + ["方案数 Plans", "差异 Differences"],
        rows=rows,
        note="按条目用词（jieba 分词）的相似度对齐，每行每个方案至多一条；与该行第一个方案"
        "（层级最高）相比分值不同或表述不同的条目已标出。"
        f" Items aligned by word similarity (idf-weighted Jaccard ≥ {CROSSWALK_MIN_SIMILARITY});"
        " cells whose points or wording differ from the row's first plan are marked.",
        marks=marks,
    )
    left = View(
        name="unmatched",
        title="未对齐条目 Unmatched criteria",
        columns=["辖区 Jurisdiction", "条目 Item"],
        rows=unmatched,
        note="在其他方案中没有相近条目的评分条目。 Items with no equivalent in the other plans.",
    )
    return crosswalk, left
