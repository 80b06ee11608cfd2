"""Targets from indicator tables: the 主要指标 table of a 规划 or 行动计划.

Such a table names an indicator per row (`指标` / `指标名称`), its unit (a `单位` column, or
the name's last bracket: `城市绿地率（%）`), and a value per year (`2022年 | 2025年`), the
first of which is usually the baseline. Each year column after the plan's own year (or, the
plan's year unknown, after the first) gives one target per row:
`城市生活垃圾资源化利用率（%） | 55 | 60` → 2025, 60%, subject 城市生活垃圾资源化利用率.
A comparator written with the value is kept (`≥40`, `40以上`, `约60`); a baseline column
(`现状值`, `基期`) gives none. A value in a unit the contract does not hold (shares and counts
only: `亿元`, `岁`) is left out with a warning naming the indicator.
"""

from __future__ import annotations

import datetime as dt
import re

from extractor.document import Document
from extractor.models import Comparator, Evidence, Target, Warning
from extractor.numerals import MEASURE_WORDS, MULTIPLIERS, YEAR_NUMBER, year_value
from extractor.structure import RecoveredTable
from extractor.structure.tables import body_grid

# the header of the indicators' name column: 指标 / 指标名称 / 主要指标 (not 指标属性 / 指标类型)
NAME_HEADER_PATTERN = re.compile(r"指标(?!属性|类型|类别|性质)")
# a header naming the year a value column is for: 2025年 / 2025年目标 / 目标值（2025年）
YEAR_HEADER_PATTERN = re.compile(rf"(?P<year>{YEAR_NUMBER})\s*年")
# a baseline column, no target: 现状值 / 基期值 / 2020年（基期） / 基数 / 完成情况
BASELINE_HEADER_PATTERN = re.compile(r"现状|基期|基数|基准|完成情况|实际")
# the unit column: 单位 / 计量单位
MEASURE_UNIT_HEADER_PATTERN = re.compile(r"^\s*(?:计量)?单位\s*$")
# the unit written with the name: 城市绿地率（%） / 老旧小区改造数量（个）
NAME_UNIT_PATTERN = re.compile(r"\s*[（(](?P<unit>[^（）()]{1,8})[）)]\s*$")
# a value and the comparator written with it: 60 / ≥40 / ＞40 / ≤5 / 40以上 / 不低于40 / 约60
VALUE_PATTERN = re.compile(
    r"^(?P<before>≥|＞|>|≤|＜|<|不低于|不少于|不超过|不高于|约|大于|小于)?\s*"
    r"(?P<value>\d+(?:\.\d+)?)\s*(?P<after>以上|以下|左右)?$"
)
COMPARATORS: dict[str, Comparator] = {
    "≥": ">=", "不低于": ">=", "不少于": ">=", "以上": ">=", "＞": ">", ">": ">", "大于": ">",
    "≤": "<=", "不超过": "<=", "不高于": "<=", "以下": "<=", "＜": "<", "<": "<", "小于": "<",
    "约": "~", "左右": "~",
}  # fmt: skip
# units of a share, and the measure words of a count as targets read them in the text
# (numerals.MEASURE_WORDS, with 万/亿 a multiple): % / 个 / 万人 / 人次 / 千米
PERCENT_UNITS = ("%", "％", "百分比")
COUNT_UNIT_PATTERN = re.compile(rf"^(?P<mult>万|亿)?(?P<measure>{MEASURE_WORDS})$")


def indicator_columns(header: list[str]) -> tuple[int, int | None, list[tuple[int, int]]] | None:
    """(name column, unit column or None, [(column, year)] of the value columns that are not
    baselines) of an indicator table's header, or None for any other table."""
    name = next((i for i, text in enumerate(header) if NAME_HEADER_PATTERN.search(text)), None)
    if name is None:
        return None
    unit = next(
        (i for i, text in enumerate(header) if MEASURE_UNIT_HEADER_PATTERN.match(text.strip())),
        None,
    )
    years = [
        (i, year)
        for i, text in enumerate(header)
        if i != name
        and (found := YEAR_HEADER_PATTERN.search(text))
        and not BASELINE_HEADER_PATTERN.search(text)
        and (year := year_value(found.group("year"))) is not None
    ]
    return (name, unit, years) if years else None


def target_years(years: list[tuple[int, int]], plan_year: int | None) -> list[tuple[int, int]]:
    """The value columns that hold targets: those for a year after the plan's own (its
    baseline is the year it was written in or before), else all but the first."""
    if plan_year is not None:
        return [(column, year) for column, year in years if year > plan_year]
    return years[1:] if len(years) > 1 else years


def read_value(text: str) -> tuple[float, Comparator] | None:
    """The number and comparator of a value cell (`≥40` → 40, ">="), None for no number."""
    found = VALUE_PATTERN.match(text.strip())
    if found is None:
        return None
    word = found.group("before") or found.group("after")
    return float(found.group("value")), COMPARATORS.get(word, "=") if word else "="


def indicator_targets(
    doc: Document, recovered: RecoveredTable, plan_year: int | None
) -> tuple[list[Target], list[Warning]]:
    """The targets of one indicator table (none for another table), and a warning for each
    indicator whose unit the contract does not hold."""
    table = recovered.table
    if table.kind == "rubric":
        return [], []  # a scoring table's 考核指标 are criteria, scored, not goals
    columns = indicator_columns(table.header)
    if columns is None:
        return [], []
    name_column, unit_column, years = columns
    targets: list[Target] = []
    warnings: list[Warning] = []
    for row, cells in zip(table.rows, body_grid(recovered), strict=True):
        if name_column >= len(row) or not row[name_column].strip():
            continue
        name = row[name_column].strip()
        unit_in_name = NAME_UNIT_PATTERN.search(name)
        subject = NAME_UNIT_PATTERN.sub("", name) or name
        unit = (
            row[unit_column].strip() if unit_column is not None and unit_column < len(row) else ""
        )
        unit = unit or (unit_in_name.group("unit").strip() if unit_in_name else "")
        evidence = doc.evidence(cells[0].start, cells[-1].end)
        for column, year in target_years(years, plan_year):
            value = read_value(row[column]) if column < len(row) else None
            if value is None:
                continue
            number, comparator = value
            share = unit in PERCENT_UNITS
            counted = COUNT_UNIT_PATTERN.match(unit)
            count = number * MULTIPLIERS.get(counted.group("mult") or "", 1) if counted else None
            if not share and (count is None or count != int(count)):
                warnings.append(unrecorded_warning(name, unit, evidence))
                continue
            targets.append(
                Target(
                    year=year,
                    percent=number if share else None,
                    count=int(count) if count is not None and not share else None,
                    comparator=comparator,
                    subject=subject,
                    deadline=dt.date(year, 12, 31),
                    evidence=evidence,
                )
            )
    return targets, warnings


def unrecorded_warning(name: str, unit: str, evidence: Evidence) -> Warning:
    """The doubt an indicator in a unit the contract cannot hold leaves."""
    return Warning(
        code="indicator_unit_unrecorded",
        message=f"indicator {name} is measured in {unit or 'no stated unit'}: a target records "
        "a share or a count, so its values are left out",
        evidence=evidence,
    )
