"""Jinja2 templates of the HTML outputs (package data), rendered with autoescape on.

Plans are untrusted input: every value reaches the page through Jinja2's escaping; no
template marks plan text `|safe`.
"""

from __future__ import annotations

from typing import Any


def render_template(name: str, **context: Any) -> str:
    """Render the template `name` of this package with `context`, HTML-escaped."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=PackageLoader("extractor.review", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(name).render(**context)
