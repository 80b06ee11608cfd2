"""The plan database's tables as Parquet files, for DuckDB, pandas or Spark (extra `parquet`).

`export_parquet(conn, folder)` writes `folder/TABLE.parquet` for every table of
`extractor.store.schema`, with the same columns as in SQLite and typed as the models type
them (dates as dates, booleans as booleans, a table's rows as JSON text);
`read_parquet_tables(folder)` reads them back as rows, which `plans_from_rows` turns into
the same plans. pyarrow is imported here only.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from extractor.store.schema import ID, TABLES, ColumnType, TableSpec
from extractor.store.sqlite import quote_name

PARQUET_SUFFIX = ".parquet"
INSTALL_HINT = "Parquet export needs pyarrow: pip install 'plan-extractor[parquet]'"


def _arrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ImportError(INSTALL_HINT) from None
    return pyarrow


def arrow_type(column_type: ColumnType) -> Any:
    """The Arrow type of a column type."""
    pa = _arrow()
    return {
        "integer": pa.int64(),
        "real": pa.float64(),
        "text": pa.string(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "json": pa.string(),
    }[column_type]


def arrow_schema(spec: TableSpec) -> Any:
    """The Arrow schema of one table: its key columns (int64), then its data columns."""
    pa = _arrow()
    keys = [pa.field(name, pa.int64()) for name in spec.key_columns]
    data = [pa.field(c.name, arrow_type(c.type)) for c in spec.columns]
    return pa.schema(keys + data)


def _column_values(column_type: ColumnType | None, values: list[Any]) -> list[Any]:
    if column_type == "date":
        import datetime as dt

        return [None if v is None else dt.date.fromisoformat(v) for v in values]
    if column_type == "boolean":
        return [None if v is None else bool(v) for v in values]
    return values


def export_parquet(conn: sqlite3.Connection, folder: Path) -> list[Path]:
    """Write every table of an open plan database to `folder/TABLE.parquet`; the paths
    written, in table order. Each file is written whole and renamed into place."""
    pa = _arrow()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in TABLES:
        schema = arrow_schema(spec)
        names = spec.column_names
        rows = conn.execute(
            f"SELECT {', '.join(quote_name(n) for n in names)} FROM {quote_name(spec.name)} "
            f"ORDER BY {ID}"
        ).fetchall()
        types: dict[str, ColumnType] = {c.name: c.type for c in spec.columns}
        arrays = [
            pa.array(_column_values(types.get(name), [row[i] for row in rows]), type=field.type)
            for i, (name, field) in enumerate(zip(names, schema, strict=True))
        ]
        table = pa.Table.from_arrays(arrays, schema=schema)
        path = folder / f"{spec.name}{PARQUET_SUFFIX}"
        partial = path.with_name(f".{path.name}.tmp")
        pa.parquet.write_table(table, partial)
        partial.replace(path)
        written.append(path)
    return written


def read_parquet_tables(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table exported to `folder` (a missing file: no rows)."""
    pa = _arrow()
    tables: dict[str, list[dict[str, Any]]] = {}
    for spec in TABLES:
        path = folder / f"{spec.name}{PARQUET_SUFFIX}"
        tables[spec.name] = pa.parquet.read_table(path).to_pylist() if path.exists() else []
    return tables
