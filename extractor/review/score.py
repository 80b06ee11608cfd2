"""Apply a machine-derived rubric to one community's (or unit's) assessment.

An assessment gives, per rubric item, either the points awarded, a level name (`良好`,
mapped through the item's `level_points`), or a count of deduction events (`{"events":
2}`: the item's points minus `deduct × events`, each rule capped at its `cap`). Scores
are checked against the item's maximum, summed (a dimension's subtotal capped at its
stated points) and compared with the rubric's pass score.

Assessment files (`read_assessment`): CSV in UTF-8 (with or without BOM) or GB18030/GBK,
an .xlsx (its first sheet), or JSON. Spreadsheets have a header row (title rows above it
are skipped) with Chinese or English names; a header cell matches when one of its words is
a known name (`得分 points` matches `得分` and `points`):

    条目,得分              item,level            序号,维度,扣分次数
    1,5                   2,良好                 1,通用考核项目,2;0;1   (one count per rule)

    {"items": {"1": 5, "2": "良好", "3": {"events": 2}}}

How a row names its item (`ItemRef`): the `item` column (条目/序号/编号) holds the item's
number, its name (the unit scored, `县农粮局`), its criterion, `DIMENSION/NUMBER`
(`部门履职差异考核项目/2`), `DIMENSION/NAME`, or `#N` (the N-th item in table order). When
that names several items (a county 考核细则 numbers its items 1.. in every dimension),
the `dimension` (维度/类别), `name` (名称/考核对象) and `criterion` (评分内容/考核内容)
columns narrow it down; without an `item` column, those columns alone name the item. A
row that gives no score is not assessed (0 points, listed), as in a half-filled template.
`rubric score PLAN --template sheet.xlsx` writes a blank sheet in this format.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from extractor.models import Item, Rubric

# Header names, matched against each word of a header cell (`得分 points`), lower-cased.
ITEM_COLUMNS = ("item", "number", "no", "no.", "序号", "编号", "条目", "条目序号", "项目序号")
POINTS_COLUMNS = (
    "points",
    "score",
    "得分",
    "分数",
    "评分",
    "实得分",
    "自评得分",
    "自评分",
    "考核得分",
)
LEVEL_COLUMNS = ("level", "等级", "档次", "评定等级")
EVENTS_COLUMNS = ("events", "次数", "扣分次数")
DIMENSION_COLUMNS = ("dimension", "维度", "类别", "考核项目", "一级指标")
NAME_COLUMNS = ("name", "名称", "考核对象", "被考核单位", "责任单位")
CRITERION_COLUMNS = (
    "criterion",
    "评分内容",
    "考核内容",
    "评分标准",
    "考核标准",
    "评价内容",
    "内容",
    "指标",
)
# A header cell's words: `得分 points`, `得分(points)`, `得分/points` → 得分, points
HEADER_WORD_SEPARATORS = re.compile(r"[\s()（）/|]+")
HEADER_SEARCH_ROWS = 10  # title rows above the header a sheet may have (`某社区自评表`)

# Separator of per-rule event counts in one CSV cell: `2;0;1`
EVENTS_SEPARATOR = ";"
KEY_SEPARATOR = "/"  # `DIMENSION/NUMBER`, `DIMENSION/NAME`
# Encodings tried in order for a CSV: UTF-8 (a BOM is dropped), then GB18030, the superset
# of GBK and GB2312 that Excel on a Chinese Windows writes as "CSV".
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


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


@dataclass(frozen=True)
class ItemRef:
    """How an assessment row names its item (see the module doc); None: not given."""

    key: str | None = None
    dimension: str | None = None
    name: str | None = None
    criterion: str | None = None

    def __str__(self) -> str:
        parts = [self.dimension, self.key, self.name, self.criterion]
        return KEY_SEPARATOR.join(p for p in parts if p) or "?"


@dataclass(frozen=True)
class Entry:
    """One assessed item: which item, its assessment, and where it was written."""

    ref: ItemRef
    assessed: Assessed
    where: str


def parse_assessment_json(text: str) -> list[Entry]:
    """`{"items": {"1": 5, "2": "良好", "3": {"events": 2}}}` (or the inner object alone)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AssessmentError(f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(data, dict) and isinstance(data.get("items"), dict):
        data = data["items"]
    if not isinstance(data, dict):
        raise AssessmentError('expected {"items": {"ITEM": score, ...}}')
    return [
        Entry(ItemRef(key=str(k).strip()), parse_entry(v, str(k)), f"item {str(k).strip()}")
        for k, v in data.items()
    ]


def header_words(cell: str) -> list[str]:
    """The words of a header cell, lower-cased (`得分 (points)` → 得分, points)."""
    return [w for w in HEADER_WORD_SEPARATORS.split(cell.strip().lower()) if w]


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    words = [header_words(h) for h in header]
    for name in names:
        for index, cell_words in enumerate(words):
            if name in cell_words:
                return index
    return None


SCORE_KINDS = {"points": POINTS_COLUMNS, "level": LEVEL_COLUMNS, "events": EVENTS_COLUMNS}
REF_KINDS = {
    "key": ITEM_COLUMNS,
    "dimension": DIMENSION_COLUMNS,
    "name": NAME_COLUMNS,
    "criterion": CRITERION_COLUMNS,
}


def columns_of(header: list[str], kinds: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """The column of each kind whose names the header row has."""
    found = {kind: _column(header, names) for kind, names in kinds.items()}
    return {kind: column for kind, column in found.items() if column is not None}


def find_header(rows: list[list[str]]) -> tuple[int, dict[str, int], dict[str, int]]:
    """The header row among the first HEADER_SEARCH_ROWS: its index, and the columns of
    each score kind and each way of naming the item found there."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        scores = columns_of(row, SCORE_KINDS)
        refs = columns_of(row, REF_KINDS)
        if scores and refs:
            return index, scores, refs
    raise AssessmentError(
        "no header row naming the item (item/条目/序号, dimension/维度, name/名称 or "
        "criterion/评分内容) and a score (points/得分/评分, level/等级 or events/扣分次数)"
    )


def parse_assessment_rows(rows: list[list[str]], unit: str = "line") -> list[Entry]:
    """Rows of a sheet (CSV or XLSX, cells as text) with a header row (find_header).

    A row giving no score is skipped (not assessed); one giving two is an error.
    """
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise AssessmentError("the assessment is empty")
    start, scores, refs = find_header(rows)
    entries: list[Entry] = []
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        cells = [c.strip() for c in row] + [""] * (len(rows[start]) - len(row))
        filled = {k: cells[c] for k, c in scores.items() if cells[c]}
        given = {k: cells[c] or None for k, c in refs.items()}
        where = f"{unit} {number}"
        if not filled:
            continue
        if not any(given.values()):
            raise AssessmentError(f"{where}: a score with no item")
        if len(filled) != 1:
            raise AssessmentError(f"{where}: give exactly one of points, level, events")
        ((kind, value),) = filled.items()
        if kind == "points":
            assessed = Assessed(points=finite_points(value, where))
        elif kind == "level":
            assessed = Assessed(level=value)
        else:
            assessed = Assessed(events=parse_events(value, str(ItemRef(**given))))
        entries.append(Entry(ItemRef(**given), assessed, where))
    return entries


def parse_assessment_csv(text: str) -> list[Entry]:
    """CSV text with a header row (find_header) and one item per row."""
    return parse_assessment_rows(list(csv.reader(io.StringIO(text.lstrip("\ufeff")))))


def decode_csv(raw: bytes) -> str:
    """CSV bytes as text: UTF-8 (BOM or not), else GB18030/GBK (CSV_ENCODINGS)."""
    for encoding in CSV_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssessmentError("is neither UTF-8 nor GB18030/GBK text")


def spreadsheet_text(value: object) -> str:
    """An XLSX cell as the text a CSV would hold: 5.0 → "5", None → ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_assessment_xlsx(data: bytes) -> list[Entry]:
    """The first sheet of an .xlsx workbook, read as parse_assessment_rows reads a CSV."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise AssessmentError(f"not a readable .xlsx workbook ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        rows = [[spreadsheet_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return parse_assessment_rows(rows, unit="row")


def read_assessment(name: str, raw: bytes) -> list[Entry]:
    """An assessment file's entries, its format from its name: .json, .xlsx, else CSV."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AssessmentError("is not UTF-8 text") from None
        return parse_assessment_json(text)
    if suffix in (".xlsx", ".xlsm"):
        return parse_assessment_xlsx(raw)
    return parse_assessment_csv(decode_csv(raw))


def item_maximum(item: Item) -> float | None:
    """The most an item can score: its points, else its best level's points."""
    if item.points is not None:
        return item.points
    return max(item.level_points.values()) if item.level_points else None


@dataclass(frozen=True)
class Placed:
    """A rubric item with its dimension's name and its 1-based position in table order."""

    item: Item
    dimension: str | None
    position: int


def placed_items(rubric: Rubric) -> list[Placed]:
    """Every item of the rubric with its dimension and position, in table order."""
    items = [(item, d.name) for d in rubric.dimensions for item in d.items]
    return [Placed(item, dimension, n) for n, (item, dimension) in enumerate(items, start=1)]


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and "".join(a.split()) == "".join(b.split())


def key_forms(placed: Placed) -> list[str]:
    """Every key naming the item, shortest first: number, DIMENSION/NUMBER, name,
    DIMENSION/NAME, criterion, `#position`."""
    item, dimension = placed.item, placed.dimension
    forms = [item.number, None, item.name, None, item.criterion, f"#{placed.position}"]
    if dimension:
        forms[1] = f"{dimension}{KEY_SEPARATOR}{item.number}" if item.number else None
        forms[3] = f"{dimension}{KEY_SEPARATOR}{item.name}" if item.name else None
    return [f for f in forms if f]


def matches(placed: Placed, ref: ItemRef) -> bool:
    """True when every part of `ref` that is given fits the item."""
    if ref.key is not None and not any(_same(ref.key, f) for f in key_forms(placed)):
        return False
    if ref.dimension is not None and not _same(ref.dimension, placed.dimension):
        return False
    if ref.name is not None and not _same(ref.name, placed.item.name):
        return False
    return ref.criterion is None or _same(ref.criterion, placed.item.criterion)


def find_item(items: list[Placed], ref: ItemRef) -> Placed:
    """The one item `ref` names; AssessmentError when none or several fit.

    A key that names several items on its own (number 2 in every dimension) is narrowed by
    the row's dimension, name and criterion; those columns are ignored when the key alone
    names one item, so that a criterion retyped with a typo does not lose its row.
    """
    by_key = [p for p in items if matches(p, ItemRef(key=ref.key))] if ref.key else items
    found = by_key if len(by_key) == 1 else [p for p in by_key if matches(p, ref)]
    if len(found) == 1:
        return found[0]
    if not found:
        known = ", ".join(item_key(p, items) for p in items)
        raise AssessmentError(f"unknown item {str(ref)!r} (the rubric has: {known})")
    names = ", ".join(item_key(p, items) for p in found)
    raise AssessmentError(
        f"{str(ref)!r} names {len(found)} items ({names}); give DIMENSION/NUMBER, "
        "#N, or dimension/name/criterion columns"
    )


def item_key(placed: Placed, items: list[Placed]) -> str:
    """The shortest key that names `placed` alone among `items` (key_forms)."""
    for form in key_forms(placed):
        if sum(any(_same(form, f) for f in key_forms(p)) for p in items) == 1:
            return form
    return f"#{placed.position}"


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


def score_rubric(rubric: Rubric, entries: list[Entry] | dict[str, Assessed]) -> ScoreResult:
    """Score an assessment (entries, or `{key: Assessed}`); AssessmentError for an unknown
    or ambiguous item, an item assessed twice, or an invalid score."""
    if isinstance(entries, dict):
        entries = [Entry(ItemRef(key=k), a, f"item {k}") for k, a in entries.items()]
    items = placed_items(rubric)
    by_position: dict[int, Entry] = {}
    for entry in entries:
        try:
            placed = find_item(items, entry.ref)
        except AssessmentError as exc:
            raise AssessmentError(f"{entry.where}: {exc}") from None
        if placed.position in by_position:
            key = item_key(placed, items)
            raise AssessmentError(f"{entry.where}: item {key} is assessed twice")
        by_position[placed.position] = entry
    scores: list[ItemScore] = []
    total = 0.0
    places = iter(items)
    for dimension in rubric.dimensions:
        subtotal = bonus = 0.0
        for item in dimension.items:
            placed = next(places)
            key, entry = item_key(placed, items), by_position.get(placed.position)
            points, given = score_item(item, key, entry.assessed) if entry else (0.0, None)
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
