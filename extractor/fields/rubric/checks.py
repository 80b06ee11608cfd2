"""Warnings that check a rubric against its own stated numbers.

Sums leave bonus items (附加) out: they add to a score beyond the stated total. A sum is
only compared when every item it covers has a value; a table without points is not checked.

- `points_sum_mismatch`: the items' points do not add up to a stated total
  (header `标准分（100分）`, the `合计` row, or a note `总分110分`);
- `dimension_points_mismatch`: a dimension's items do not add up to its subtotal `（20分）`;
- `level_total_mismatch`: a level column does not add up to its figure in the `合计` row;
- `duplicate_item_number`: two items carry the same number.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.models import Evidence, Item, Rubric, Warning

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


def counted_items(rubric: Rubric) -> list[Item]:
    """The items that count toward the total: every item but the bonus ones."""
    return [item for dim in rubric.dimensions for item in dim.items if not item.bonus]


def items_points(rubric: Rubric) -> float | None:
    """The sum of the counted items' points, or None when some item has none."""
    return sum_points([item.points for item in counted_items(rubric)])


def points_sum_warnings(rubric: Rubric, stated: list[StatedNumber]) -> list[Warning]:
    """One warning per stated total that the items' points do not reach."""
    computed = items_points(rubric)
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
        if dimension.points is None:
            continue
        computed = sum_points([item.points for item in dimension.items if not item.bonus])
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


def duplicate_number_warnings(rubric: Rubric) -> list[Warning]:
    """One warning per item whose number an earlier item of the rubric already had."""
    seen: set[str] = set()
    warnings: list[Warning] = []
    for dimension in rubric.dimensions:
        for item in dimension.items:
            if item.number is None:
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
