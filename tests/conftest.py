"""Shared fixtures: the corpus plans and their extractions (computed once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.models import Plan
from extractor.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "golden"
PLAN_NAMES = ("hangtai", "wusong", "zhaoxiang", "qingyang", "zhejiang")

_cache: dict[Path, Plan] = {}


def extracted(path: Path) -> Plan:
    """The Plan of a corpus file, extracted once per test session.

    `source.path` is made relative to the repository, as `extract corpus/x.txt` run from its
    root writes it, so that goldens do not depend on where the checkout lives.
    """
    if path not in _cache:
        plan = extract_file(path)
        plan.source.path = path.resolve().relative_to(ROOT).as_posix()
        _cache[path] = plan
    return _cache[path]


@pytest.fixture(params=PLAN_NAMES)
def corpus_plan(request: pytest.FixtureRequest) -> tuple[str, Plan]:
    """Each corpus .txt plan with its extraction."""
    name = request.param
    return name, extracted(CORPUS / f"{name}.txt")
