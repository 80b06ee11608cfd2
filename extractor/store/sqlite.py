"""A database of plans in SQLite (stdlib): one table per kind of record, and full-text search.

`index_plans(db, plans)` writes plans into the tables of `extractor.store.schema` (one per
kind of record, keyed by plan, evidence offsets included) and a search table over rubric
criteria, responsibility tasks and section headings; `read_plans(db)` reads them back as
the same `Plan`s. A plan is identified by its source: indexing a plan whose `source.path`
or `source.sha256` is already there replaces that plan (a changed file, or the same file
under another name), so re-indexing never duplicates.

Search is FTS5 with the trigram tokenizer where this Python's SQLite has it (any CJK
substring of three characters or more is found through the index); shorter queries, and
SQLite builds without FTS5, fall back to `LIKE` over the same table.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import InputError
from extractor.models import SCHEMA_VERSION, Plan
from extractor.store.schema import (
    ID,
    PARENT_ID,
    PLAN_ID,
    PLANS,
    TABLES,
    TABLES_BY_NAME,
    ColumnType,
    TableSpec,
    plan_rows,
    plans_from_rows,
)

DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
STORE_VERSION = "1"  # the layout of the tables; a reader refuses a database of another
SQLITE_MAGIC = b"SQLite format 3\x00"

SQL_TYPES: dict[ColumnType, str] = {
    "integer": "INTEGER",
    "real": "REAL",
    "text": "TEXT",
    "boolean": "INTEGER",  # 0 / 1
    "date": "TEXT",  # ISO 8601, `2022-12-31`: sorts and compares as a date
    "json": "TEXT",
}

SEARCH_TABLE = "search"  # FTS5 over SEARCH_TEXT_TABLE (external content), or a view of it
SEARCH_TEXT_TABLE = "search_text"
SEARCH_COLUMNS = ("text", "kind", "plan_id", "record_id")
# What the search table holds: table → the columns whose text is searched, joined by a space
# (an item by its name and criterion, so `垃圾分类` finds an item named so).
SEARCHED_COLUMNS: dict[str, tuple[str, ...]] = {
    "items": ("name", "criterion", "note"),
    "responsibilities": ("task",),
    "sections": ("title",),
}
TRIGRAM = 3  # the trigram tokenizer finds substrings of at least this many characters
USE_FTS5 = True  # False: a new database searches by LIKE even where FTS5 is compiled in

# The units of a responsibility with their role, as one relation: which bureau leads most?
UNITS_VIEW = """
CREATE VIEW IF NOT EXISTS responsibility_units AS
    SELECT plan_id, responsibility_id, 'lead' AS role, value AS unit, seq
    FROM responsibilities_lead
    UNION ALL
    SELECT plan_id, responsibility_id, 'participant' AS role, value AS unit, seq
    FROM responsibilities_participants
"""


def quote_name(name: str) -> str:
    """An SQL identifier, quoted (`end`, `rows` and `key` are words SQL keeps for itself)."""
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(spec: TableSpec) -> str:
    """`CREATE TABLE` of one table: keys referencing the plan and the parent row, data
    columns with their SQL types."""
    lines = [f"{quote_name(ID)} INTEGER PRIMARY KEY"]
    if spec.parent is not None:
        lines.append(
            f"{quote_name(PLAN_ID)} INTEGER NOT NULL REFERENCES {PLANS}({ID}) ON DELETE CASCADE"
        )
        if spec.parent_key:
            parent = spec.name if spec.parent_key == PARENT_ID else spec.parent
            lines.append(
                f"{quote_name(spec.parent_key)} INTEGER REFERENCES {quote_name(parent)}"
                f"({ID}) ON DELETE CASCADE"
            )
        lines.append('"seq" INTEGER NOT NULL')
    lines += [f"{quote_name(c.name)} {SQL_TYPES[c.type]}" for c in spec.columns]
    return (
        f"CREATE TABLE IF NOT EXISTS {quote_name(spec.name)} (\n    "
        + ",\n    ".join(lines)
        + "\n)"
    )


def schema_sql() -> list[str]:
    """Every statement creating the database's tables, indexes and views."""
    statements = [create_table_sql(spec) for spec in TABLES]
    # plan_id and every parent key indexed: joins, and deletes whose foreign-key checks
    # would otherwise scan each child table once per deleted row
    statements += [
        f"CREATE INDEX IF NOT EXISTS {quote_name(f'{spec.name}_{key}')} "
        f"ON {quote_name(spec.name)}({quote_name(key)})"
        for spec in TABLES
        if spec.parent is not None
        for key in (PLAN_ID, spec.parent_key)
        if key
    ]
    statements += [
        "CREATE UNIQUE INDEX IF NOT EXISTS plans_source_sha256 ON plans(source_sha256)",
        "CREATE INDEX IF NOT EXISTS plans_source_path ON plans(source_path)",
        "CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT)",
        UNITS_VIEW,
    ]
    return statements


def has_fts5() -> bool:
    """Whether this Python's SQLite has FTS5 with the trigram tokenizer (SQLite ≥ 3.34)."""
    with closing(sqlite3.connect(":memory:")) as conn:
        try:
            conn.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')")
        except sqlite3.OperationalError:
            return False
    return True


def _create_search_table(conn: sqlite3.Connection) -> str:
    """The searched texts (`search_text`, one row per record, by plan) and over them the
    `search` table: FTS5 where available (`fts5`), else a plain view (`like`)."""
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {SEARCH_TEXT_TABLE} (id INTEGER PRIMARY KEY, text TEXT, "
        "kind TEXT, plan_id INTEGER, record_id INTEGER)"
    )
    conn.execute(
        f"CREATE INDEX IF NOT EXISTS {SEARCH_TEXT_TABLE}_plan_id ON {SEARCH_TEXT_TABLE}(plan_id)"
    )
    try:
        if not USE_FTS5:
            raise sqlite3.OperationalError("FTS5 not wanted")
        # external content: a plan's rows are found (and deleted) through search_text's
        # plan_id index, never by scanning the full-text table
        conn.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5(text, "
            "kind UNINDEXED, plan_id UNINDEXED, record_id UNINDEXED, "
            f"content='{SEARCH_TEXT_TABLE}', content_rowid='id', tokenize='trigram')"
        )
        return "fts5"
    except sqlite3.OperationalError:
        conn.execute(
            f"CREATE VIEW IF NOT EXISTS {SEARCH_TABLE} AS "
            f"SELECT text, kind, plan_id, record_id FROM {SEARCH_TEXT_TABLE}"
        )
        return "like"


def check_database(path: Path) -> None:
    """InputError unless `path` is absent or an SQLite file (never overwrite anything else)."""
    if path.exists():
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                raise InputError(path, "is not an SQLite database")


@contextmanager
def open_database(path: Path | str, create: bool = True) -> Iterator[sqlite3.Connection]:
    """A connection to a plan database, its tables created if `create`; committed and
    closed on leaving. InputError for a file that is not a plan database."""
    path = Path(path)
    if str(path) != ":memory:":
        check_database(path)
        if not create and not path.exists():
            raise InputError(path, "no such database")
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        version = _store_info(conn).get("store_version")
        if version not in (None, STORE_VERSION):
            raise InputError(path, f"plan database of layout {version}, not {STORE_VERSION}")
        if version is None and not create:
            raise InputError(path, "is not a plan database (no store_info table)")
        if create:
            # one transaction for the tables and the plans: one sync to disk, not one per
            # CREATE, and a failed run leaves the database as it was
            conn.execute("BEGIN")
            for statement in schema_sql():
                conn.execute(statement)
            search = _store_info(conn).get("search") or _create_search_table(conn)
            conn.executemany(
                "INSERT OR REPLACE INTO store_info VALUES (?, ?)",
                [
                    ("store_version", STORE_VERSION),
                    ("plan_schema_version", SCHEMA_VERSION),
                    ("search", search),
                ],
            )
        yield conn
        conn.commit()
    except sqlite3.DatabaseError as exc:
        raise InputError(path, f"database error: {exc}") from None
    finally:
        conn.close()


def _store_info(conn: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(conn.execute("SELECT key, value FROM store_info").fetchall())
    except sqlite3.OperationalError:
        return {}


def _next_ids(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        spec.name: conn.execute(
            f"SELECT COALESCE(MAX({ID}), 0) + 1 FROM {quote_name(spec.name)}"
        ).fetchone()[0]
        for spec in TABLES
    }


def delete_plan(conn: sqlite3.Connection, plan_id: int) -> None:
    """Remove one plan and every record of it (children before parents)."""
    if _store_info(conn).get("search") == "fts5":
        columns = ", ".join(SEARCH_COLUMNS)
        conn.execute(
            f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, {columns}) "
            f"SELECT 'delete', id, {columns} FROM {SEARCH_TEXT_TABLE} WHERE plan_id = ?",
            (plan_id,),
        )
    conn.execute(f"DELETE FROM {SEARCH_TEXT_TABLE} WHERE plan_id = ?", (plan_id,))
    for spec in reversed(TABLES):
        key = ID if spec.parent is None else PLAN_ID
        conn.execute(f"DELETE FROM {quote_name(spec.name)} WHERE {key} = ?", (plan_id,))


def _search_rows(spec: TableSpec, rows: list[tuple]) -> Iterator[tuple[str, str, int, int]]:
    searched = SEARCHED_COLUMNS.get(spec.name)
    if not searched:
        return
    names = spec.column_names
    indexes = [names.index(c) for c in searched]
    for row in rows:
        text = " ".join(row[i] for i in indexes if row[i])
        if text:
            yield text, spec.name, row[names.index(PLAN_ID)], row[0]


def _index_search_texts(conn: sqlite3.Connection, rows: list[tuple[str, str, int, int]]) -> None:
    first = conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {SEARCH_TEXT_TABLE}").fetchone()
    numbered = [(first[0] + i, *row) for i, row in enumerate(rows)]
    columns = ", ".join(SEARCH_COLUMNS)
    conn.executemany(
        f"INSERT INTO {SEARCH_TEXT_TABLE} (id, {columns}) VALUES (?, ?, ?, ?, ?)", numbered
    )
    if _store_info(conn).get("search") == "fts5":
        conn.executemany(
            f"INSERT INTO {SEARCH_TABLE} (rowid, {columns}) VALUES (?, ?, ?, ?, ?)", numbered
        )


@dataclass(frozen=True)
class IndexResult:
    """What one `index_plans` run did: plans added, plans replaced (same path or hash)."""

    added: int
    replaced: int


def index_plans(conn: sqlite3.Connection, plans: Iterable[Plan]) -> IndexResult:
    """Write `plans` into an open plan database, each replacing any plan of the same source
    path or sha256 already there."""
    next_id = _next_ids(conn)
    added = replaced = 0
    for plan in plans:
        old = conn.execute(
            "SELECT id FROM plans WHERE source_path = ? OR source_sha256 = ?",
            (plan.source.path, plan.source.sha256),
        ).fetchall()
        for (plan_id,) in old:
            delete_plan(conn, plan_id)
        replaced += bool(old)
        added += not old
        rows = plan_rows(plan.model_dump(mode="json"), next_id)
        texts: list[tuple[str, str, int, int]] = []
        for spec in TABLES:
            if rows[spec.name]:
                names = ", ".join(quote_name(c) for c in spec.column_names)
                marks = ", ".join("?" * len(spec.column_names))
                conn.executemany(
                    f"INSERT INTO {quote_name(spec.name)} ({names}) VALUES ({marks})",
                    rows[spec.name],
                )
                texts.extend(_search_rows(spec, rows[spec.name]))
        _index_search_texts(conn, texts)
    return IndexResult(added=added, replaced=replaced)


def table_rows(
    conn: sqlite3.Connection, table: str, plan_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    """The rows of one table as dicts, in id order (only those of `plan_ids` if given)."""
    spec = TABLES_BY_NAME[table]
    sql = f"SELECT * FROM {quote_name(table)}"
    params: list[int] = []
    if plan_ids is not None:
        key = ID if spec.parent is None else PLAN_ID
        sql += f" WHERE {key} IN ({', '.join('?' * len(plan_ids))})"
        params = plan_ids
    return [dict(row) for row in conn.execute(sql + f" ORDER BY {ID}", params)]


def read_plans(path: Path | str, where: str | None = None) -> list[Plan]:
    """The plans of a database, in the order they were indexed; `where` is an SQL condition
    on the `plans` table choosing some (`jurisdiction_level = 'county'`)."""
    with open_database(path, create=False) as conn:
        sql = "SELECT id FROM plans" + (f" WHERE {where}" if where else "") + " ORDER BY id"
        plan_ids = [row[0] for row in conn.execute(sql)]
        return plans_from_rows({t.name: table_rows(conn, t.name, plan_ids) for t in TABLES})


@dataclass(frozen=True)
class SearchHit:
    """A record whose text holds the query: its table (`items`, `responsibilities`,
    `sections`), plan and row id, and the text searched."""

    kind: str
    plan_id: int
    record_id: int
    text: str


def search(conn: sqlite3.Connection, query: str, kind: str | None = None) -> list[SearchHit]:
    """Records whose searched text holds `query` as a substring (FTS5 trigram index where
    the query is long enough and the index exists, else LIKE), in index order."""
    query = query.strip()
    fts = _store_info(conn).get("search") == "fts5" and len(query) >= TRIGRAM
    if fts:
        table = SEARCH_TABLE
        condition, value = f"{SEARCH_TABLE} MATCH ?", '"' + query.replace('"', '""') + '"'
    else:
        table = SEARCH_TEXT_TABLE
        escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        condition, value = "text LIKE ? ESCAPE '\\'", f"%{escaped}%"
    sql = f"SELECT kind, plan_id, record_id, text FROM {table} WHERE {condition}"
    params: list[Any] = [value]
    if kind is not None:
        sql += " AND kind = ?"
        params.append(kind)
    rows = conn.execute(sql + " ORDER BY plan_id, kind, record_id", params)
    return [SearchHit(*row) for row in rows]


def is_database(path: Path) -> bool:
    """Whether `path` names a plan database by its suffix (`.sqlite`, `.sqlite3`, `.db`)."""
    return path.suffix.lower() in DATABASE_SUFFIXES
