"""Apply a machine-derived rubric to one community's assessment.

An assessment gives, per rubric item, either the points awarded, a level name (`良好`,
mapped through the item's `level_points`), or a count of deduction events (`{"events":
2}`: the item's points minus `deduct × events`, each rule capped at its `cap`). Scores
are checked against the item's maximum, summed (a dimension's subtotal capped at its
stated points) and compared with the rubric's pass score.

Assessment files, parsed by `parse_assessment_csv` / `parse_assessment_json`:

    item,points          item,level          item,events
    1,5                  1,良好               8,2;0;1      (one count per rule)

    {"items": {"1": 5, "2": "良好", "3": {"events": 2}}}
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import asdict, dataclass, field

from extractor.models import Item, Rubric

# CSV header names, first match wins: `item,points`, `序号,得分` …
ITEM_COLUMNS = ("item", "number", "序号", "编号")
POINTS_COLUMNS = ("points", "score", "得分", "分数")
LEVEL_COLUMNS = ("level", "等级", "档次")
EVENTS_COLUMNS = ("events", "次数", "扣分次数")

# Separator of per-rule event counts in one CSV cell: `2;0;1`
EVENTS_SEPARATOR = ";"


class AssessmentError(ValueError):
    """An assessment that does not fit the rubric (unknown item, score above maximum …)."""


@dataclass(frozen=True)
class Assessed:
    """One item's assessment: exactly one of points, level, events is given."""

    points: float | None = None
    level: str | None = None
    events: tuple[int, ...] | None = None


@dataclass
class ItemScore:
    """The score of one rubric item: `given` as written in the assessment."""

    key: str
    criterion: str
    dimension: str | None
    maximum: float | None
    given: str | None
    points: float
    assessed: bool
    bonus: bool = False


@dataclass
class ScoreResult:
    """A scored assessment: total against the rubric's pass score, item by item."""

    rubric: str | None
    total: float
    total_points: float | None
    pass_score: float | None
    passed: bool | None
    items: list[ItemScore] = field(default_factory=list)

    @property
    def not_assessed(self) -> list[str]:
        """Keys of the items the assessment left out (scored 0)."""
        return [i.key for i in self.items if not i.assessed]

    def to_json(self) -> str:
        """The result as JSON text."""
        payload = asdict(self)
        payload["not_assessed"] = self.not_assessed
        # allow_nan=False: `NaN` is not JSON (score_rubric refuses what would give one)
        return json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def finite_points(value: object, where: str) -> float:
    """`value` as a number of points; AssessmentError for text that is no number and for
    NaN and ±infinity (`nan`, `inf`, `1e999`), which no score is and JSON cannot hold."""
    try:
        points = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise AssessmentError(f"{where}: points {value!r} is not a number") from None
    if not math.isfinite(points):
        raise AssessmentError(f"{where}: points {value!r} is not a finite number")
    return points


def parse_entry(value: object, key: str) -> Assessed:
    """One JSON assessment value: 5 → points, "良好" → level, {"events": 2} → events."""
    if isinstance(value, bool):
        raise AssessmentError(f"item {key}: true/false is not a score")
    if isinstance(value, int | float):
        return Assessed(points=finite_points(value, f"item {key}"))
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return Assessed(level=value.strip())
        return Assessed(points=finite_points(value, f"item {key}"))
    if isinstance(value, dict) and len(value) == 1:
        ((kind, inner),) = value.items()
        if kind == "points" and not isinstance(inner, bool):
            return Assessed(points=finite_points(inner, f"item {key}"))
        if kind == "level" and isinstance(inner, str):
            return Assessed(level=inner.strip())
        if kind == "events":
            return Assessed(events=parse_events(inner, key))
    raise AssessmentError(
        f'item {key}: expected points, a level name or {{"events": N}}, got {value!r}'
    )


def parse_events(value: object, key: str) -> tuple[int, ...]:
    """Event counts: 2, [2, 0, 1] or "2;0;1" (one per deduction rule, in order)."""
    if isinstance(value, str):
        parts: list[object] = [p.strip() for p in value.split(EVENTS_SEPARATOR)]
    elif isinstance(value, list):
        parts = list(value)
    else:
        parts = [value]
    counts: list[int] = []
    for part in parts:
        if isinstance(part, str) and part.isdigit():
            part = int(part)
        if isinstance(part, bool) or not isinstance(part, int) or part < 0:
            raise AssessmentError(f"item {key}: events must be whole numbers ≥ 0, got {value!r}")
        counts.append(part)
    return tuple(counts)


def parse_assessment_json(text: str) -> dict[str, Assessed]:
    """`{"items": {"1": 5, "2": "良好", "3": {"events": 2}}}` (or the inner object alone)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AssessmentError(f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(data, dict) and isinstance(data.get("items"), dict):
        data = data["items"]
    if not isinstance(data, dict):
        raise AssessmentError('expected {"items": {"ITEM": score, ...}}')
    return {str(k).strip(): parse_entry(v, str(k)) for k, v in data.items()}


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def parse_assessment_csv(text: str) -> dict[str, Assessed]:
    """CSV with an `item` column and one of `points`, `level`, `events` per row."""
    rows = [r for r in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if any(c.strip() for c in r)]
    if not rows:
        raise AssessmentError("the assessment is empty")
    header = rows[0]
    item_col = _column(header, ITEM_COLUMNS)
    columns = {
        "points": _column(header, POINTS_COLUMNS),
        "level": _column(header, LEVEL_COLUMNS),
        "events": _column(header, EVENTS_COLUMNS),
    }
    if item_col is None or all(c is None for c in columns.values()):
        raise AssessmentError("CSV header needs `item` and one of `points`, `level`, `events`")
    entries: dict[str, Assessed] = {}
    for line, row in enumerate(rows[1:], start=2):
        cells = {k: row[c].strip() for k, c in columns.items() if c is not None and c < len(row)}
        filled = {k: v for k, v in cells.items() if v}
        key = row[item_col].strip() if item_col < len(row) else ""
        if not key or len(filled) != 1:
            raise AssessmentError(
                f"line {line}: give the item and exactly one of points, level, events"
            )
        ((kind, value),) = filled.items()
        if key in entries:
            raise AssessmentError(f"line {line}: item {key} is assessed twice")
        if kind == "points":
            entries[key] = Assessed(points=finite_points(value, f"line {line}"))
        elif kind == "level":
            entries[key] = Assessed(level=value)
        else:
            entries[key] = Assessed(events=parse_events(value, key))
    return entries


def item_maximum(item: Item) -> float | None:
    """The most an item can score: its points, else its best level's points."""
    if item.points is not None:
        return item.points
    return max(item.level_points.values()) if item.level_points else None


def item_keys(rubric: Rubric) -> dict[str, Item]:
    """Every way an assessment may name an item: its number (when unique) or criterion."""
    items = [i for d in rubric.dimensions for i in d.items]
    numbers = [i.number for i in items if i.number]
    keys: dict[str, Item] = {}
    for item in items:
        if item.number and numbers.count(item.number) == 1:
            keys[item.number] = item
        keys.setdefault(item.criterion, item)
    return keys


def item_key(item: Item, keys: dict[str, Item]) -> str:
    """The shortest key that names `item` (its number where that is unique)."""
    if item.number and keys.get(item.number) is item:
        return item.number
    return item.criterion


def _format_points(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def score_item(item: Item, key: str, entry: Assessed) -> tuple[float, str]:
    """Points for one item and the assessment as written; AssessmentError if invalid."""
    maximum = item_maximum(item)
    if entry.level is not None:
        if not item.level_points:
            raise AssessmentError(f"item {key} has no levels; give points")
        if entry.level not in item.level_points:
            levels = "、".join(item.level_points)
            raise AssessmentError(f"item {key}: unknown level {entry.level!r} (one of {levels})")
        return item.level_points[entry.level], entry.level
    if entry.events is not None:
        counts = EVENTS_SEPARATOR.join(str(n) for n in entry.events)
        return _score_events(item, key, entry.events), f"events {counts}"
    points = entry.points if entry.points is not None else 0.0
    if points < 0:
        raise AssessmentError(f"item {key}: {_format_points(points)} points is negative")
    if maximum is not None and points > maximum:
        raise AssessmentError(
            f"item {key}: {_format_points(points)} points is above its maximum "
            f"{_format_points(maximum)}"
        )
    return points, _format_points(points)


def _score_events(item: Item, key: str, events: tuple[int, ...]) -> float:
    rules = [r for r in item.rules if r.deduct is not None]
    if item.points is None or not rules:
        raise AssessmentError(f"item {key} has no counted deduction rule; give points")
    if len(events) > len(rules):
        raise AssessmentError(
            f"item {key}: {len(events)} event counts for {len(rules)} deduction rules"
        )
    deducted = 0.0
    for rule, count in zip(rules, events, strict=False):
        if rule.deduct_max is not None and count:
            raise AssessmentError(
                f"item {key}: the deduction {rule.text!r} is a range; give points instead"
            )
        deduction = rule.deduct * count  # type: ignore[operator]
        deducted += min(rule.cap, deduction) if rule.cap is not None else deduction
    return max(0.0, item.points - deducted)


def score_rubric(rubric: Rubric, entries: dict[str, Assessed]) -> ScoreResult:
    """Score an assessment; AssessmentError for an unknown item or an invalid score."""
    keys = item_keys(rubric)
    unknown = [k for k in entries if k not in keys]
    if unknown:
        known = ", ".join(item_key(i, keys) for d in rubric.dimensions for i in d.items)
        raise AssessmentError(f"unknown item {unknown[0]!r} (the rubric has: {known})")
    by_item = {id(keys[k]): e for k, e in entries.items()}
    if len(by_item) < len(entries):
        raise AssessmentError("an item is assessed twice (by number and by criterion)")
    scores: list[ItemScore] = []
    total = 0.0
    for dimension in rubric.dimensions:
        subtotal = bonus = 0.0
        for item in dimension.items:
            key, entry = item_key(item, keys), by_item.get(id(item))
            points, given = score_item(item, key, entry) if entry else (0.0, None)
            if item.bonus:
                bonus += points
            else:
                subtotal += points
            scores.append(
                ItemScore(
                    key=key,
                    criterion=item.criterion,
                    dimension=dimension.name,
                    maximum=item_maximum(item),
                    given=given,
                    points=points,
                    assessed=entry is not None,
                    bonus=item.bonus,
                )
            )
        if dimension.points is not None:
            subtotal = min(subtotal, dimension.points)
        total += subtotal + bonus
    if not math.isfinite(total) or any(
        value is not None and not math.isfinite(value)
        for value in (rubric.pass_score, rubric.total_points, *(s.maximum for s in scores))
    ):
        raise AssessmentError("the rubric's points are not finite numbers (NaN or infinity)")
    passed = None if rubric.pass_score is None else total >= rubric.pass_score
    return ScoreResult(
        rubric=rubric.title,
        total=total,
        total_points=rubric.total_points,
        pass_score=rubric.pass_score,
        passed=passed,
        items=scores,
    )


def print_score_table(result: ScoreResult, console: object) -> None:
    """Print the result as a rich table: one row per item, then total and verdict."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=result.rubric or "rubric", show_lines=False)
    for name, justify in (
        ("item", "left"),
        ("criterion", "left"),
        ("given", "left"),
        ("max", "right"),
        ("points", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for s in result.items:
        criterion = s.criterion if len(s.criterion) <= 40 else s.criterion[:39] + "…"
        table.add_row(
            escape(s.key + (" (附加)" if s.bonus else "")),
            escape(criterion),
            escape(s.given) if s.given is not None else "not assessed",
            "" if s.maximum is None else _format_points(s.maximum),
            _format_points(s.points),
        )
    console.print(table)  # type: ignore[attr-defined]
    out_of = "" if result.total_points is None else f" / {_format_points(result.total_points)}"
    verdict = {True: "PASSED", False: "NOT PASSED", None: "no pass score in the rubric"}
    pass_text = "" if result.pass_score is None else f", pass ≥ {_format_points(result.pass_score)}"
    console.print(  # type: ignore[attr-defined]
        f"total {_format_points(result.total)}{out_of}{pass_text}: {verdict[result.passed]}"
    )
    if result.not_assessed:
        missing = escape(", ".join(result.not_assessed))
        console.print(f"not assessed (0 points): {missing}")  # type: ignore[attr-defined]
