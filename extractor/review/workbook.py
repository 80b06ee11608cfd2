"""One plan as an Excel workbook staff can work in (`extract PLAN -o plan.xlsx`).

Sheets: overview, rubrics, rubric items (one row per item: points, each level's points,
rules as text and as deduct / per / cap, bonus), targets, phases, deadlines,
responsibilities, communities, committee. The same views and sheet layout as the
comparison's XLSX (views.py, render_xlsx.py): numbers and dates typed, autofilter, frozen
header, wrapped rows, landscape fit-to-width, text never a formula.
"""

from __future__ import annotations

from pathlib import Path

from extractor.models import Plan
from extractor.review.render_xlsx import views_workbook
from extractor.review.views import (
    View,
    committee_view,
    communities_view,
    deadlines_view,
    items_view,
    overview_view,
    phases_view,
    responsibilities_view,
    rubrics_view,
    target_list_view,
    unique_labels,
)


def plan_views(plan: Plan) -> list[View]:
    """The sheets of one plan's workbook, in order."""
    plans, labels = [plan], unique_labels([plan])
    return [
        overview_view(plans, labels),
        rubrics_view(plans, labels),
        items_view(plans, labels),
        target_list_view(plans, labels, name="targets"),
        phases_view(plans, labels),
        deadlines_view(plans, labels),
        responsibilities_view(plans, labels),
        communities_view(plans, labels),
        committee_view(plans, labels),
    ]


def plan_workbook(plan: Plan) -> bytes:
    """One plan's workbook as XLSX bytes (the same plan always gives the same bytes)."""
    return views_workbook(plan_views(plan))


def write_plan_workbook(plan: Plan, path: Path | str) -> None:
    """Write one plan's workbook to `path` (an .xlsx file; the caller picks the name)."""
    Path(path).write_bytes(plan_workbook(plan))
