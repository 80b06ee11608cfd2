"""Cross-format: each corpus plan extracted from its .pdf equals the one from its .txt.

Every field is compared except `source` and the evidence offsets and pages. A quote of a
whole table keeps one tab per grid position, and the PDF (like the .docx) has a position
for each column a merged cell covers where the .txt has one cell, so table quotes are
compared with runs of tabs collapsed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from extractor.pipeline import extract_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PLAN_NAMES = ("hangtai", "wusong", "zhaoxiang", "qingyang", "zhejiang")
LOCATION_KEYS = {"source", "start", "end", "page"}
TAB_RUN = re.compile(r"\t+")


def comparable(value: Any) -> Any:
    """A dumped Plan without source and evidence locations, table tab runs collapsed."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in LOCATION_KEYS}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, str) and "\t" in value:
        return "\n".join(TAB_RUN.sub("\t", row).rstrip("\t") for row in value.split("\n"))
    return value


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_pdf_extraction_equals_the_txt_on_every_field(name: str) -> None:
    from_txt = extract_file(CORPUS / f"{name}.txt").model_dump(mode="json")
    from_pdf = extract_file(CORPUS / f"{name}.pdf").model_dump(mode="json")
    assert from_pdf["source"]["format"] == "pdf" and from_pdf["source"]["pages"] > 1
    txt_fields, pdf_fields = comparable(from_txt), comparable(from_pdf)
    for field in txt_fields:
        assert pdf_fields[field] == txt_fields[field], field


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_pdf_evidence_has_pages(name: str) -> None:
    plan = extract_file(CORPUS / f"{name}.pdf")
    pages = [t.evidence.page for t in plan.targets] + [p.evidence.page for p in plan.phases]
    assert all(page is not None and 1 <= page <= plan.source.pages for page in pages)


def test_collapsing_tab_runs_only_touches_tabbed_text() -> None:
    assert comparable({"quote": "内容\t\t分值\t\n甲\t1", "start": 3}) == {
        "quote": "内容\t分值\n甲\t1"
    }
    assert comparable(["一、工作目标"]) == ["一、工作目标"]
