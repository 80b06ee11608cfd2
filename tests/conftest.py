"""Shared fixtures: the corpus plans and their extractions (computed once per session)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from extractor.models import Plan
from extractor.normalize import join_line_breaks
from extractor.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "golden"
PLAN_NAMES = ("hangtai", "wusong", "zhaoxiang", "qingyang", "zhejiang")
# Real plans of other levels and kinds (see golden/README.md): their goldens are the
# reviewed truth, and golden/gaps/NAME.txt lists where the extractor still differs.
DEVSET_NAMES = (
    "guojia_dujian_jili",
    "guojia_wufei_chengshi",
    "guojia_wuranyuan_lingdao_xiaozu",
    "guojia_zhiye_jiaoyu",
    "jiangxi_liutong_xiaofei",
    "jiangxi_putong_gaozhong",
    "jiangxi_yingyouer_zhaohu",
    "lishui_tuiyi_anzhi",
    "shicheng_hezhangzhi_kaohe",
)
GAPS = GOLDEN / "gaps"

EVIDENCE_POSITION_KEYS = ("start", "end", "page")
# A horizontal merge is one cell in .txt but one grid position per column in .docx and .pdf,
# so a quote over such a row differs only in how many tabs separate its cells.
TAB_RUN = re.compile(r"\t+")
TRAILING_TABS = re.compile(r"\t+(?=\n|$)")

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


# --- cross-format comparison: the same plan from .txt, .docx and .pdf ----------------


def comparable(value: Any, keep_line_breaks: bool = False) -> Any:
    """A model_dump with evidence offsets/pages dropped and quotes made comparable
    (`comparable_quote`; with `keep_line_breaks`, only their tab runs unified)."""
    if isinstance(value, dict):
        return {
            key: comparable_quote(item, keep_line_breaks)
            if key == "quote"
            else comparable(item, keep_line_breaks)
            for key, item in value.items()
            if not (key in EVIDENCE_POSITION_KEYS and "quote" in value)
        }
    if isinstance(value, list):
        return [comparable(item, keep_line_breaks) for item in value]
    return value


def unify_tabs(quote: str) -> str:
    """A quote with runs of tabs as one tab and none at line ends (see TAB_RUN)."""
    return TRAILING_TABS.sub("", TAB_RUN.sub("\t", quote))


def comparable_quote(quote: str, keep_line_breaks: bool = False) -> str:
    """A quote with its tab runs unified and, unless `keep_line_breaks`, its lines joined
    as the PDF reader joins a cell's lines (`join_line_breaks`).

    A .txt or .docx cell keeps its line breaks, a PDF cell cannot (a wrap of the cell's
    width looks the same as a break), so across all three formats a quote over such a
    cell can only be compared with its lines joined; row and paragraph breaks are joined
    alike. .txt and .docx keep the same breaks and are compared with them as well.
    """
    quote = unify_tabs(quote)
    return quote if keep_line_breaks else join_line_breaks(quote)


def plan_fields(plan: Plan, keep_line_breaks: bool = False) -> dict[str, Any]:
    """Every top-level field of a plan but `source`, made comparable (see `comparable`)."""
    dump = plan.model_dump(mode="json")
    dump.pop("source")
    return comparable(dump, keep_line_breaks)
