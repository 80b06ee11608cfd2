"""Cross-format: each corpus plan extracted from its .pdf equals the one from its .txt.

Every field is compared except `source` and the evidence offsets and pages, with the same
`plan_fields` as the .docx comparison (tests/conftest.py): quotes of whole tables are compared
with runs of tabs collapsed, since the PDF, like the .docx, has a grid position for each
column a merged cell covers.
"""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, PLAN_NAMES, extracted, plan_fields


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_pdf_extraction_equals_the_txt_on_every_field(name: str) -> None:
    from_pdf = extracted(CORPUS / f"{name}.pdf")
    assert from_pdf.source.format == "pdf" and (from_pdf.source.pages or 0) > 1
    txt_fields, pdf_fields = plan_fields(extracted(CORPUS / f"{name}.txt")), plan_fields(from_pdf)
    for field in txt_fields:
        assert pdf_fields[field] == txt_fields[field], field


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_pdf_evidence_has_pages(name: str) -> None:
    plan = extracted(CORPUS / f"{name}.pdf")
    pages = [t.evidence.page for t in plan.targets] + [p.evidence.page for p in plan.phases]
    assert all(page is not None and 1 <= page <= plan.source.pages for page in pages)
