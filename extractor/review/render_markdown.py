"""The comparison as one Markdown document: a section and a pipe table per view.

Markdown renderers pass HTML through: plan text is escaped so that `<script>` stays text,
and `|` so that it does not split a table cell. Marked cells carry their markers (`[分≠]`).
"""

from __future__ import annotations

from extractor.review.views import MARK_LEGEND, Comparison, marked_text

MARKDOWN_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|"})


def markdown_text(text: str) -> str:
    """Plan text safe in Markdown: `& < > |` escaped, line breaks as `<br>`."""
    return text.translate(MARKDOWN_ESCAPES).replace("\n", "<br>")


def render_markdown(comparison: Comparison) -> str:
    """One Markdown document: a section and a pipe table per view (text escaped)."""
    plans = markdown_text("、".join(comparison.plans))
    lines = [f"# 方案对比 Plan comparison: {plans}", ""]
    for view in comparison.views:
        lines += [f"## {markdown_text(view.title)}", ""]
        if view.note:
            lines += [markdown_text(view.note), ""]
        if view.marks:
            lines += [markdown_text(MARK_LEGEND), ""]
        if not view.rows:
            lines += ["（无 none）", ""]
            continue
        lines.append("| " + " | ".join(markdown_text(c) for c in view.columns) + " |")
        lines.append("|" + "---|" * len(view.columns))
        lines += [
            "| "
            + " | ".join(markdown_text(marked_text(view, r, c)) for c in range(len(row)))
            + " |"
            for r, row in enumerate(view.rows)
        ]
        lines.append("")
    return "\n".join(lines)
