"""Consistency warnings: totals, subtotals, level totals, duplicate numbers."""

from __future__ import annotations

from extractor.fields.rubric.checks import (
    StatedNumber,
    dimension_points_warnings,
    duplicate_number_warnings,
    format_points,
    is_scored_per_unit,
    items_points,
    level_total_warnings,
    per_unit_warnings,
    points_sum_warnings,
    sum_points,
)
from extractor.models import Dimension, Evidence, Item, Rubric

EVIDENCE = Evidence(start=0, end=2, quote="合计")


def item(number: str, points: float | None, bonus: bool = False, **levels: float) -> Item:
    """A bare item for sums."""
    return Item(
        number=number,
        criterion=f"标准{number}",
        points=points,
        level_points=levels,
        bonus=bonus,
        evidence=EVIDENCE,
    )


def rubric(*dimensions: Dimension) -> Rubric:
    """A rubric of the given dimensions."""
    return Rubric(title="评分表", dimensions=list(dimensions), evidence=EVIDENCE)


def test_format_and_sum() -> None:
    assert (format_points(110.0), format_points(91.5)) == ("110", "91.5")
    assert sum_points([1.0, 2.5]) == 3.5
    assert sum_points([1.0, None]) is None
    assert sum_points([]) is None


def test_items_points_leaves_bonus_out_and_needs_every_value() -> None:
    dim = Dimension(name="甲", items=[item("1", 6), item("2", 6), item("3", 4, bonus=True)])
    assert items_points(rubric(dim)) == 12.0
    assert items_points(rubric(Dimension(items=[item("1", 6), item("2", None)]))) is None


def test_points_sum_warnings() -> None:
    plan = rubric(Dimension(items=[item("1", 5), item("2", 5)]))
    assert points_sum_warnings(plan, [StatedNumber(10.0, EVIDENCE)]) == []
    [warning] = points_sum_warnings(plan, [StatedNumber(100.0, EVIDENCE), StatedNumber(10, None)])
    assert warning.code == "points_sum_mismatch"
    assert warning.message == "评分表: items add up to 10 points, the table states 100"
    assert (
        points_sum_warnings(rubric(Dimension(items=[item("1", None)])), [StatedNumber(5, None)])
        == []
    )


def test_dimension_points_warnings() -> None:
    good = Dimension(name="甲", points=10, items=[item("1", 6), item("2", 4)])
    bad = Dimension(name="乙", points=20, items=[item("3", 6), item("4", 4)])
    no_subtotal = Dimension(name="丙", items=[item("5", 6)])
    warnings = dimension_points_warnings(rubric(good, bad, no_subtotal), [None, EVIDENCE, None])
    assert [(w.code, w.message, w.evidence) for w in warnings] == [
        ("dimension_points_mismatch", "乙: items add up to 10 points, the subtotal is 20", EVIDENCE)
    ]


def test_level_total_warnings() -> None:
    dim = Dimension(items=[item("1", 6, 合格=4, 良好=6), item("2", 4, 合格=3, 良好=4)])
    assert level_total_warnings(rubric(dim), {"合格": 7, "良好": 10}, EVIDENCE) == []
    [warning] = level_total_warnings(rubric(dim), {"合格": 8, "良好": 10}, EVIDENCE)
    assert warning.code == "level_total_mismatch"
    assert "合格 adds up to 7" in warning.message


def test_duplicate_number_warnings() -> None:
    plan = rubric(Dimension(items=[item("1", 1), item("2", 1)]), Dimension(items=[item("2", 1)]))
    [warning] = duplicate_number_warnings(plan)
    assert (warning.code, warning.message) == (
        "duplicate_item_number",
        "评分表: item number 2 occurs more than once",
    )
    assert duplicate_number_warnings(rubric(Dimension(items=[item("1", 1)]))) == []


def named(name: str, points: float | None, number: str = "1") -> Item:
    """An item scoring one unit."""
    return Item(number=number, name=name, criterion="任务", points=points, evidence=EVIDENCE)


def test_a_dimension_scored_per_unit_counts_its_subtotal_once() -> None:
    units = Dimension(
        name="个性指标",
        points=60,
        items=[
            named("甲局", 60),
            named("乙局", 30, "2"),
            named("乙局", 30, "2"),
            named("丙局", 60),
        ],
    )
    plan = rubric(Dimension(name="共性指标", points=40, items=[item("1", 40)]), units)
    assert is_scored_per_unit(units)
    assert items_points(plan) == 100.0
    [warning] = per_unit_warnings(plan, [None, EVIDENCE])
    assert warning.code == "dimension_scored_per_unit"
    assert "个性指标" in warning.message and "3 units" in warning.message
    assert dimension_points_warnings(plan, [None, EVIDENCE]) == []


def test_units_missing_the_subtotal_are_named_in_the_one_warning() -> None:
    units = Dimension(
        name="个性指标",
        points=60,
        items=[named("甲局", 60), named("乙局", 60), named("丙局", 55)],
    )
    [warning] = per_unit_warnings(rubric(units), [None])
    assert "丙局 55" in warning.message


def test_a_dimension_of_unnamed_items_is_not_per_unit() -> None:
    plain = Dimension(name="甲", points=10, items=[item("1", 6), item("2", 6)])
    assert not is_scored_per_unit(plain)
    assert [w.code for w in dimension_points_warnings(rubric(plain), [None])] == [
        "dimension_points_mismatch"
    ]


def test_penalty_items_stay_out_of_the_sum() -> None:
    veto = Item(criterion="出现重大事故一票否决", points=None, evidence=EVIDENCE)
    plan = rubric(Dimension(items=[item("1", 6), item("2", 4), veto]))
    assert items_points(plan) == 10.0


def test_numbering_restarting_at_one_in_a_dimension_is_no_duplicate() -> None:
    plan = rubric(
        Dimension(items=[item("1", 1), item("2", 1)]),
        Dimension(items=[item("1", 1), item("2", 1), item("2", 1)]),
    )
    [warning] = duplicate_number_warnings(plan)
    assert warning.evidence == EVIDENCE and "2" in warning.message
    assert duplicate_number_warnings(plan, {(1, 2)}) == []
