"""Warnings that check a rubric against its own stated numbers.

Sums leave bonus items (附加) and penalty-only items (扣分项, 一票否决: no points) out: they
add to or take from a score beyond the stated total. A sum is only compared when every item
it covers has a value; a table without points is not checked.

A dimension whose items name the units they score (`县农粮局`, `县水利局`), each unit's
items adding up to the dimension's subtotal, scores each unit on its own subtotal: it
counts once toward the total, and says so in one warning.

- `points_sum_mismatch`: the items' points do not add up to a stated total
  (header `标准分（100分）`, the `合计` row, or a note `总分110分`);
- `dimension_points_mismatch`: a dimension's items do not add up to its subtotal `（20分）`;
- `level_total_mismatch`: a level column does not add up to its figure in the `合计` row;
- `duplicate_item_number`: two items carry the same number (not the rows of one merged
  number cell);
- `dimension_scored_per_unit`: a dimension scores each of its units on its own subtotal
  (its items add up to many times it); units whose items miss the subtotal are named in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.fields.rubric.cells import is_penalty, numbering_value
from extractor.models import Dimension, Evidence, Item, Rubric, Warning

# Two sums closer than this are equal (float addition of 0.5 steps is exact, but be safe).
SUM_TOLERANCE = 1e-6


@dataclass(frozen=True)
class StatedNumber:
    """A figure the document states, with where it says so: `合计 … 110`."""

    value: float
    evidence: Evidence | None


def format_points(value: float) -> str:
    """`110.0` → `110`, `91.5` → `91.5`."""
    return f"{value:g}"


def sum_points(values: list[float | None]) -> float | None:
    """The sum of `values`, or None when the list is empty or any value is missing."""
    if not values or any(value is None for value in values):
        return None
    return sum(value for value in values if value is not None)


def is_penalty_item(dimension: Dimension, item: Item) -> bool:
    """True for a penalty-only item: no points, under or named as 扣分项 / 一票否决."""
    labels = (dimension.name or "", item.name or "", item.number or "", item.criterion)
    return item.points is None and not item.bonus and any(is_penalty(text) for text in labels)


def dimension_counted_items(dimension: Dimension) -> list[Item]:
    """The items of `dimension` that count toward a total: not bonus, not penalty-only."""
    return [
        item for item in dimension.items if not item.bonus and not is_penalty_item(dimension, item)
    ]


def counted_items(rubric: Rubric) -> list[Item]:
    """The items that count toward the total: every item but the bonus and penalty ones."""
    return [item for dim in rubric.dimensions for item in dimension_counted_items(dim)]


def unit_sums(dimension: Dimension) -> dict[str, float | None]:
    """The points of each named unit's items in `dimension`, in order of appearance."""
    groups: dict[str, list[float | None]] = {}
    for item in dimension_counted_items(dimension):
        groups.setdefault(item.name or "", []).append(item.points)
    return {name: sum_points(values) for name, values in groups.items()}


def is_scored_per_unit(dimension: Dimension) -> bool:
    """True when two or more named units each score the dimension's subtotal: most units'
    items add up to it, and all of them together to more."""
    if dimension.points is None:
        return False
    sums = unit_sums(dimension)
    if len(sums) < 2 or "" in sums:
        return False
    matching = [s for s in sums.values() if s is not None and abs(s - dimension.points) < 0.5]
    total = sum_points(list(sums.values()))
    return 2 * len(matching) > len(sums) and (total is None or total > dimension.points)


def items_points(rubric: Rubric) -> float | None:
    """The sum of the counted items' points (a dimension scored per unit counts its
    subtotal), or None when some item has none."""
    values: list[float | None] = []
    for dimension in rubric.dimensions:
        if is_scored_per_unit(dimension):
            values.append(dimension.points)
        else:
            values.extend(item.points for item in dimension_counted_items(dimension))
    return sum_points(values)


def per_unit_warnings(rubric: Rubric, evidences: list[Evidence | None]) -> list[Warning]:
    """One warning per dimension scored per unit, naming the units that miss the subtotal."""
    warnings: list[Warning] = []
    for dimension, evidence in zip(rubric.dimensions, evidences, strict=False):
        if not is_scored_per_unit(dimension) or dimension.points is None:
            continue
        sums = unit_sums(dimension)
        points = dimension.points
        missing = [
            f"{name} {format_points(s) if s is not None else '?'}"
            for name, s in sums.items()
            if s is None or abs(s - points) > SUM_TOLERANCE
        ]
        message = (
            f"{dimension.name}: each of its {len(sums)} units is scored on its own "
            f"{format_points(points)} points (its items add up to that per unit); the total "
            f"counts {format_points(points)} once"
        )
        if missing:
            message += "; units whose items add up otherwise: " + "、".join(missing)
        warnings.append(
            Warning(code="dimension_scored_per_unit", message=message, evidence=evidence)
        )
    return warnings


def points_sum_warnings(rubric: Rubric, stated: list[StatedNumber]) -> list[Warning]:
    """One warning per stated total that the items' points do not reach."""
    computed = items_points(rubric) if stated else None  # summed only when a total is stated
    if computed is None:
        return []
    return [
        Warning(
            code="points_sum_mismatch",
            message=f"{rubric.title or '评分表'}: items add up to {format_points(computed)} "
            f"points, the table states {format_points(total.value)}",
            evidence=total.evidence,
        )
        for total in stated
        if abs(total.value - computed) > SUM_TOLERANCE
    ]


def dimension_points_warnings(rubric: Rubric, evidences: list[Evidence | None]) -> list[Warning]:
    """One warning per dimension whose items miss its stated subtotal."""
    warnings: list[Warning] = []
    for dimension, evidence in zip(rubric.dimensions, evidences, strict=False):
        if dimension.points is None or is_scored_per_unit(dimension):
            continue
        computed = sum_points([item.points for item in dimension_counted_items(dimension)])
        if computed is not None and abs(computed - dimension.points) > SUM_TOLERANCE:
            warnings.append(
                Warning(
                    code="dimension_points_mismatch",
                    message=f"{dimension.name}: items add up to {format_points(computed)} "
                    f"points, the subtotal is {format_points(dimension.points)}",
                    evidence=evidence,
                )
            )
    return warnings


def level_total_warnings(
    rubric: Rubric, level_totals: dict[str, float], evidence: Evidence | None
) -> list[Warning]:
    """One warning per level whose column does not add up to its `合计` figure."""
    warnings: list[Warning] = []
    items = counted_items(rubric)
    for level, stated in level_totals.items():
        computed = sum_points([item.level_points.get(level) for item in items])
        if computed is not None and abs(computed - stated) > SUM_TOLERANCE:
            warnings.append(
                Warning(
                    code="level_total_mismatch",
                    message=f"{rubric.title or '评分表'}: level {level} adds up to "
                    f"{format_points(computed)} points, the total row states "
                    f"{format_points(stated)}",
                    evidence=evidence,
                )
            )
    return warnings


def duplicate_number_warnings(
    rubric: Rubric, continued: frozenset[tuple[int, int]] | set[tuple[int, int]] = frozenset()
) -> list[Warning]:
    """One warning per item whose number an earlier item already had.

    Numbering may restart at 1 in a dimension (`一、 1 … 5`, `二、 1 … 30`, `二 （一）…`),
    which starts the count afresh; `continued` holds the (dimension, item) positions whose number is
    the row above's merged cell, which are no duplicates.
    """
    warnings: list[Warning] = []
    seen: set[str] = set()
    for d, dimension in enumerate(rubric.dimensions):
        first = next((item.number for item in dimension.items if item.number), None)
        if first is not None and numbering_value(first) == 1:
            seen = set()
        for i, item in enumerate(dimension.items):
            if item.number is None or (d, i) in continued:
                continue
            if item.number in seen:
                warnings.append(
                    Warning(
                        code="duplicate_item_number",
                        message=f"{rubric.title or '评分表'}: item number {item.number} "
                        "occurs more than once",
                        evidence=item.evidence,
                    )
                )
            seen.add(item.number)
    return warnings
