"""The plan database: tables from the models, round trip, replacement, search, the README's
questions, the `rubric index` command and the Parquet export."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel, Field
from typer.testing import CliRunner

from extractor.cli import app
from extractor.models import Plan
from extractor.records import RECORD_KINDS
from extractor.store.schema import TABLES, TABLES_BY_NAME, build_tables, plans_from_rows
from extractor.store.sqlite import (
    index_plans,
    open_database,
    read_plans,
    search,
    table_rows,
)
from tests.conftest import CORPUS, GOLDEN, ROOT, extracted
from tests.test_records import record_lists

GOLDEN_PLANS = sorted(GOLDEN.glob("*.json"))


def golden(name: str) -> Plan:
    return Plan.model_validate_json((GOLDEN / f"{name}.json").read_text("utf-8"))


def indexed(path: Path, plans: list[Plan]) -> Path:
    with open_database(path) as conn:
        index_plans(conn, plans)
    return path


def count(db: Path, sql: str) -> int:
    with open_database(db, create=False) as conn:
        return conn.execute(sql).fetchone()[0]


# ---------------------------------------------------------------- tables


def test_every_list_of_records_in_the_contract_has_a_table_named_by_its_kind() -> None:
    tables = {t.name for t in TABLES if t.shape == "records"}
    assert tables - {"plans"} <= set(RECORD_KINDS)
    for field in record_lists(Plan):
        assert {"children": "sections"}.get(field, field) in tables
    assert {
        "plans",
        "sections",
        "targets",
        "phases",
        "deadlines",
        "responsibilities",
        "responsibilities_lead",
        "responsibilities_participants",
        "rubrics",
        "dimensions",
        "items",
        "items_level_points",
        "rules",
        "communities",
        "committee",
    } <= {t.name for t in TABLES}


def test_records_are_keyed_by_plan_and_parent_and_carry_their_evidence() -> None:
    items = TABLES_BY_NAME["items"]
    assert items.key_columns == ("id", "plan_id", "dimension_id", "seq")
    assert {"evidence_start", "evidence_end", "evidence_quote", "evidence_page"} <= {
        c.name for c in items.columns
    }
    assert TABLES_BY_NAME["sections"].key_columns == ("id", "plan_id", "parent_id", "seq")
    assert TABLES_BY_NAME["rules"].parent_key == "item_id"
    assert TABLES_BY_NAME["responsibilities_lead"].parent_key == "responsibility_id"


class Note(BaseModel):
    text: str
    at: dt.date | None = None


class Finding(BaseModel):
    label: str
    score: float | None = None
    passed: bool = False
    note: Note | None = None
    tags: list[str] = Field(default_factory=list)
    weights: dict[str, int] = Field(default_factory=dict)
    grid: list[list[str]] = Field(default_factory=list)


class Report(BaseModel):
    title: str
    findings: list[Finding] = Field(default_factory=list)


def test_a_new_field_of_any_shape_gets_its_column_or_table() -> None:
    tables = {t.name: t for t in build_tables(Report)}
    assert list(tables) == ["plans", "findings", "findings_tags", "findings_weights"]
    columns = {c.name: c.type for c in tables["findings"].columns}
    assert columns == {
        "label": "text",
        "score": "real",
        "passed": "boolean",
        "note_text": "text",
        "note_at": "date",
        "grid": "json",
    }
    assert tables["findings_tags"].shape == "values"
    assert tables["findings_weights"].shape == "mapping"
    assert tables["findings_weights"].parent_key == "finding_id"


def test_a_field_named_like_a_key_column_is_refused() -> None:
    class Clash(BaseModel):
        seq: int

    class Outer(BaseModel):
        clashes: list[Clash]

    with pytest.raises(ValueError, match="seq"):
        build_tables(Outer)


# ---------------------------------------------------------------- round trip and replacement


def test_json_to_sqlite_to_json_gives_the_same_plans(tmp_path: Path) -> None:
    plans = [Plan.model_validate_json(p.read_text("utf-8")) for p in GOLDEN_PLANS]
    back = read_plans(indexed(tmp_path / "plans.sqlite", plans))
    assert len(back) == len(plans) == 14
    for plan, again in zip(plans, back, strict=True):
        assert again.model_dump_json() == plan.model_dump_json(), plan.source.path


def test_a_nested_section_tree_and_empty_values_survive(tmp_path: Path) -> None:
    plan = golden("hangtai")
    assert any(s.children for s in plan.sections)
    (again,) = read_plans(indexed(tmp_path / "p.sqlite", [plan]))
    assert again.sections == plan.sections
    assert again.jurisdiction == plan.jurisdiction


def test_reindexing_a_changed_plan_replaces_it(tmp_path: Path) -> None:
    db = indexed(tmp_path / "plans.sqlite", [golden("hangtai"), golden("wusong")])
    changed = golden("hangtai").model_copy(deep=True)
    changed.source.sha256 = "0" * 64  # the file was edited: same path, new content
    changed.targets = changed.targets[:1]
    with open_database(db) as conn:
        result = index_plans(conn, [changed])
    assert (result.added, result.replaced) == (0, 1)
    assert count(db, "SELECT COUNT(*) FROM plans") == 2
    hangtai_targets = "SELECT COUNT(*) FROM targets t JOIN plans p ON p.id = t.plan_id"
    assert count(db, hangtai_targets + " WHERE p.source_path = 'corpus/hangtai.txt'") == 1
    assert count(db, "SELECT COUNT(*) FROM items WHERE plan_id NOT IN (SELECT id FROM plans)") == 0


def test_the_same_file_under_another_name_replaces_it(tmp_path: Path) -> None:
    db = indexed(tmp_path / "plans.sqlite", [golden("hangtai")])
    moved = golden("hangtai").model_copy(deep=True)
    moved.source.path = "elsewhere/hangtai.txt"
    indexed(db, [moved])
    assert count(db, "SELECT COUNT(*) FROM plans") == 1
    assert count(db, "SELECT COUNT(*) FROM search WHERE plan_id NOT IN (SELECT id FROM plans)") == 0
    (plan,) = read_plans(db)
    assert plan.source.path == "elsewhere/hangtai.txt"


def test_indexing_the_same_plans_twice_changes_nothing(tmp_path: Path) -> None:
    plans = [golden("hangtai"), golden("zhejiang")]
    db = indexed(tmp_path / "plans.sqlite", plans)
    before = count(db, "SELECT COUNT(*) FROM items")
    indexed(db, plans)
    assert count(db, "SELECT COUNT(*) FROM items") == before
    assert read_plans(db) == plans


def test_read_plans_chooses_by_a_condition_on_plans(tmp_path: Path) -> None:
    db = indexed(tmp_path / "plans.sqlite", [golden("hangtai"), golden("zhejiang")])
    assert [p.jurisdiction.name for p in read_plans(db, "jurisdiction_level = 'county'")] == [
        "桓台县"
    ]


def test_a_file_that_is_not_a_plan_database_is_an_input_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(Exception, match="is not an SQLite database") as caught:
        read_plans(text)
    assert caught.typename == "InputError"
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(Exception, match="not a plan database"):
        read_plans(other)
    with pytest.raises(Exception, match="no such database"):
        read_plans(tmp_path / "absent.sqlite")


# ---------------------------------------------------------------- search


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus .txt plan, extracted now and indexed."""
    plans = [extracted(path) for path in sorted(CORPUS.glob("*.txt"))]
    return indexed(tmp_path_factory.mktemp("db") / "corpus.sqlite", plans)


def test_search_finds_criteria_tasks_and_headings(corpus_db: Path) -> None:
    with open_database(corpus_db, create=False) as conn:
        items = search(conn, "垃圾分类", kind="items")
        assert len(items) == 4
        assert all("垃圾分类" in hit.text for hit in items)
        kinds = {hit.kind for hit in search(conn, "垃圾分类")}
        assert kinds == {"items", "responsibilities"}
        headings = search(conn, "实施步骤", kind="sections")
        assert headings and all(hit.kind == "sections" for hit in headings)


def test_a_two_character_query_is_searched_by_like(corpus_db: Path) -> None:
    with open_database(corpus_db, create=False) as conn:
        hits = search(conn, "河长")
        assert hits and all("河长" in hit.text for hit in hits)
        assert search(conn, "河长", kind="items") != []


@pytest.mark.parametrize("query", ['"垃圾', "100%", "a_b", "垃圾分类 OR x"])
def test_search_takes_any_text_literally(corpus_db: Path, query: str) -> None:
    with open_database(corpus_db, create=False) as conn:
        assert all(query in hit.text for hit in search(conn, query))


def test_the_search_table_is_fts5_where_sqlite_has_it(corpus_db: Path) -> None:
    from extractor.store.sqlite import has_fts5

    with open_database(corpus_db, create=False) as conn:
        info = dict(conn.execute("SELECT key, value FROM store_info").fetchall())
    assert info["search"] == ("fts5" if has_fts5() else "like")
    assert info["store_version"] == "1"


def test_without_fts5_search_finds_the_same_by_like(
    tmp_path: Path, corpus_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractor.store.sqlite

    monkeypatch.setattr(extractor.store.sqlite, "USE_FTS5", False)
    db = indexed(tmp_path / "like.sqlite", read_plans(corpus_db))
    with open_database(db, create=False) as conn, open_database(corpus_db) as fts:
        info = dict(conn.execute("SELECT key, value FROM store_info").fetchall())
        assert info["search"] == "like"
        for query in ("垃圾分类", "河长", "实施步骤"):
            assert [h.text for h in search(conn, query)] == [h.text for h in search(fts, query)]
        sql = "SELECT COUNT(*) FROM search WHERE kind = 'items' AND text LIKE '%垃圾分类%'"
        assert conn.execute(sql).fetchone()[0] == 4


# ---------------------------------------------------------------- the README's questions


def readme_sql() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("## For engineers\n") :]
    return re.findall(r"```sql\n(.*?)```", section, re.S)


def test_the_readme_questions_are_answered_on_the_corpus(corpus_db: Path) -> None:
    targets_2022, waste_sorting, leads, leads_per_plan = readme_sql()[:4]
    with open_database(corpus_db, create=False) as conn:
        rows = conn.execute(targets_2022).fetchall()
        assert {(r[0], r[2]) for r in rows} == {
            ("吴淞街道", 85.0),
            ("桓台县", 60.0),
            ("浙江省", 60.0),
            ("赵巷镇", 65.0),
            ("青阳街道", 60.0),
        }
        rows = [tuple(r) for r in conn.execute(waste_sorting)]
        assert {(r[0], r[1], r[3]) for r in rows} == {
            ("桓台县", "8", 5.0),
            ("吴淞街道", "8", 5.0),
            ("浙江省", "5", 6.0),
            ("青阳街道", "5", None),  # its standard gives no points per item
        }
        assert all("垃圾分类" in r[2] for r in rows)
        top = conn.execute(leads).fetchall()
        assert (top[0][0], top[0][1]) == ("生态环境部", 27)
        per_plan = [tuple(r) for r in conn.execute(leads_per_plan)]
        assert per_plan[0] == ("全国", "生态环境部", 26)
        assert ("桓台县", "县住房和城乡建设局", 7) in per_plan
        with_leads = "SELECT COUNT(DISTINCT plan_id) FROM responsibility_units WHERE role = 'lead'"
        assert len(per_plan) == conn.execute(with_leads).fetchone()[0] == 11  # one row a plan


# ---------------------------------------------------------------- the commands


def rubric(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_rubric_index_writes_and_updates_a_database(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("hangtai", "wusong"):
        (out / f"{name}.json").write_text(
            (GOLDEN / f"{name}.json").read_text("utf-8"), encoding="utf-8"
        )
    db = tmp_path / "plans.sqlite"
    code, output = rubric("index", out, "-o", db)
    assert code == 0, output
    assert "2 plans indexed (2 added, 0 replaced)" in output
    code, output = rubric("index", out, CORPUS / "zhaoxiang.txt", "-o", db)
    assert code == 0, output
    assert "3 plans indexed (1 added, 2 replaced)" in output
    assert [p.jurisdiction.name for p in read_plans(db)] == ["桓台县", "吴淞街道", "赵巷镇"]


def test_rubric_index_indexes_the_good_plans_and_exits_3_for_a_bad_one(tmp_path: Path) -> None:
    db = tmp_path / "plans.sqlite"
    code, output = rubric("index", CORPUS / "hangtai.txt", tmp_path / "missing.txt", "-o", db)
    assert code == 3
    assert "missing.txt: no such file" in output
    assert len(read_plans(db)) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "plans.json"), "name the database .sqlite"),
        (("-o", "x.sqlite", "--format", "csv"), "--format must be one of"),
    ],
)
def test_rubric_index_usage_errors(args: tuple[str, ...], message: str) -> None:
    code, output = rubric("index", GOLDEN / "hangtai.json", *args)
    assert code == 2
    assert message in output


def test_rubric_compare_reads_a_database(tmp_path: Path) -> None:
    db = indexed(tmp_path / "plans.sqlite", [golden("hangtai"), golden("zhejiang")])
    report = tmp_path / "report.md"
    code, output = rubric("compare", db, GOLDEN / "wusong.json", "-o", report)
    assert code == 0, output
    text = report.read_text("utf-8")
    assert "浙江省、桓台县、吴淞街道" in text


# ---------------------------------------------------------------- Parquet


def test_parquet_holds_the_same_tables_and_plans(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from extractor.store.parquet import export_parquet, read_parquet_tables

    plans = [golden("hangtai"), golden("shicheng_hezhangzhi_kaohe"), golden("zhejiang")]
    db = indexed(tmp_path / "plans.sqlite", plans)
    folder = tmp_path / "parquet"
    with open_database(db, create=False) as conn:
        written = export_parquet(conn, folder)
        sqlite_items = table_rows(conn, "items")
    assert [p.stem for p in written] == [t.name for t in TABLES]
    tables = read_parquet_tables(folder)
    assert len(tables["items"]) == len(sqlite_items)
    assert tables["items"][0]["evidence_quote"] == sqlite_items[0]["evidence_quote"]
    assert isinstance(tables["phases"][0]["start"], dt.date)
    assert isinstance(tables["items"][0]["bonus"], bool)
    assert plans_from_rows(tables) == plans


def test_rubric_index_format_parquet(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    folder = tmp_path / "tables"
    plans = (GOLDEN / "hangtai.json", GOLDEN / "wusong.json")
    code, output = rubric("index", *plans, "--format", "parquet", "-o", folder)
    assert code == 0, output
    rows = pq.read_table(folder / "plans.parquet").to_pylist()
    assert [p["jurisdiction_name"] for p in rows] == ["桓台县", "吴淞街道"]
    assert pq.read_table(folder / "items.parquet").num_rows == 20 + 29


@pytest.mark.parametrize(
    ("module", "args", "extra"),
    [
        ("pyarrow", ("--format", "parquet", "-o", "tables"), "plan-extractor[parquet]"),
        ("dask.distributed", ("--jobs", "2", "-o", "plans.sqlite"), "plan-extractor[cluster]"),
    ],
)
def test_an_option_without_its_extra_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, args: tuple, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    monkeypatch.chdir(tmp_path)
    code, output = rubric("index", CORPUS / "hangtai.txt", CORPUS / "wusong.txt", *args)
    assert code == 2
    assert extra in output
