"""Side-by-side comparison of several plans: what `rubric compare` builds and writes.

`build_comparison(plans)` turns extracted plans into a `Comparison` of views (views.py:
overview with lineage, targets, phases, deadlines, rubrics, rubric items, the criterion
crosswalk of crosswalk.py, responsibilities, communities, committee) and the phase
timeline (timeline.py). `render_comparison` picks one renderer per output format
(render_html, render_xlsx, render_csv, render_markdown); renderers never look at a plan.
"""

from __future__ import annotations

from extractor.models import Plan
from extractor.review.crosswalk import (
    CROSSWALK_MIN_SIMILARITY,
    CrosswalkItem,
    align_items,
    criterion_words,
    crosswalk_views,
    format_item,
    weighted_jaccard,
)
from extractor.review.render_csv import csv_safe, render_csv
from extractor.review.render_html import render_html
from extractor.review.render_markdown import markdown_text, render_markdown
from extractor.review.render_xlsx import render_xlsx, xlsx_text
from extractor.review.timeline import Timeline, build_timeline, timeline_ticks
from extractor.review.views import (
    Comparison,
    View,
    committee_view,
    communities_view,
    deadlines_view,
    dimension_shares,
    format_target,
    items_view,
    order_plans,
    overview_view,
    phases_view,
    reference_level,
    responsibilities_view,
    rubrics_view,
    target_list_view,
    targets_view,
    unique_labels,
)

__all__ = [
    "CROSSWALK_MIN_SIMILARITY",
    "OUTPUT_FORMATS",
    "Comparison",
    "CrosswalkItem",
    "Timeline",
    "View",
    "align_items",
    "build_comparison",
    "build_timeline",
    "criterion_words",
    "csv_safe",
    "dimension_shares",
    "format_item",
    "format_target",
    "markdown_text",
    "reference_level",
    "render_comparison",
    "render_csv",
    "render_html",
    "render_markdown",
    "render_xlsx",
    "timeline_ticks",
    "weighted_jaccard",
    "xlsx_text",
]

OUTPUT_FORMATS = ("html", "xlsx", "csv", "md")


def build_comparison(plans: list[Plan]) -> Comparison:
    """Every view of the comparison of `plans` (ordered from the highest level down)."""
    ordered = order_plans(plans)
    labels = unique_labels(ordered)
    crosswalk, unmatched = crosswalk_views(ordered, labels)
    shares = [
        (
            f"{label} · {rubric.title or ''}".rstrip(" ·"),
            [(name, share) for name, _, share in dimension_shares(rubric) if share],
        )
        for plan, label in zip(ordered, labels, strict=True)
        for rubric in plan.rubrics
    ]
    return Comparison(
        plans=labels,
        views=[
            overview_view(ordered, labels),
            targets_view(ordered, labels),
            target_list_view(ordered, labels),
            phases_view(ordered, labels),
            deadlines_view(ordered, labels),
            rubrics_view(ordered, labels),
            items_view(ordered, labels),
            crosswalk,
            unmatched,
            responsibilities_view(ordered, labels),
            communities_view(ordered, labels),
            committee_view(ordered, labels),
        ],
        timeline=build_timeline(ordered, labels),
        rubric_shares=[s for s in shares if s[1]],
    )


def render_comparison(comparison: Comparison, output_format: str) -> str | bytes:
    """The comparison in one of OUTPUT_FORMATS (bytes for xlsx, text for the others)."""
    renderers = {
        "html": render_html,
        "xlsx": render_xlsx,
        "csv": render_csv,
        "md": render_markdown,
    }
    return renderers[output_format](comparison)
