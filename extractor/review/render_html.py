"""The comparison as one self-contained HTML page (inline CSS and SVG, no network).

Plans are untrusted input: every value reaches the page through Jinja2's autoescape.
Marked cells get the classes `diff-points` / `diff-wording` (coloured by the template).
"""

from __future__ import annotations

from extractor.review.views import MARK_LEGEND, Comparison, cell_text, format_number


def render_html(comparison: Comparison) -> str:
    """One self-contained HTML page (inline CSS and SVG, no network, text escaped)."""
    from extractor.review.templates import render_template

    return render_template(
        "compare.html.j2",
        comparison=comparison,
        cell_text=cell_text,
        format_number=format_number,
        mark_legend=MARK_LEGEND,
    )
