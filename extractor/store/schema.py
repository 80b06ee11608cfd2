"""The tables of a plan database, derived from the contract models and the record registry.

Every list of records in the contract is a table named after its kind (`extractor.records`:
`targets`, `items`, a section's `children` in `sections`); a plan is one row of `plans`.
Nested models are flattened into prefixed columns (`evidence_start`, `source_sha256`),
lists of plain values are tables of their own (`responsibilities_lead`: one row per unit),
a mapping is a table of key/value rows (`items_level_points`), and anything else (a table's
`rows`) is a JSON text column. A field added to the models is a column or a table here
without a line changed.

Every table has `id`, `plan_id` and `seq` (the record's 0-based index in its list); a record
nested in another names its parent as `SINGULAR_id` (`items.dimension_id`), a section its
parent section as `parent_id` (null at the top).
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from pydantic import BaseModel

from extractor.models import Plan
from extractor.records import KIND_ALIASES

ColumnType = Literal["integer", "real", "text", "boolean", "date", "json"]
TableShape = Literal["records", "values", "mapping"]

PLANS = "plans"
ID, PLAN_ID, POSITION, PARENT_ID = "id", "plan_id", "seq", "parent_id"
VALUE, KEY = "value", "key"
RESERVED_COLUMNS = frozenset({ID, PLAN_ID, POSITION, PARENT_ID})
FLATTEN_SEPARATOR = "_"  # evidence.start → evidence_start

SCALAR_TYPES: dict[type, ColumnType] = {
    bool: "boolean",  # before int: bool is an int
    int: "integer",
    float: "real",
    str: "text",
    dt.date: "date",
}


@dataclass(frozen=True)
class Column:
    """One data column: its name, logical type and the key path to its value in a record
    (`("evidence", "start")`; empty for the value column of a values or mapping table)."""

    name: str
    type: ColumnType
    path: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    """One table: `shape` records (a model per row), values (a list of plain values) or
    mapping (key/value rows); `field` is the list's name in its parent, `parent` the parent
    table (None for plans) and `parent_key` the column naming the parent row (None where
    `plan_id` does; `parent_id` for a table whose records nest in each other, null at the
    top)."""

    name: str
    shape: TableShape
    field: str
    parent: str | None
    parent_key: str | None
    columns: tuple[Column, ...]
    model: type[BaseModel] | None = None
    value_type: ColumnType | None = None
    self_field: str | None = None  # a list of records of this same table (`children`)

    @property
    def key_columns(self) -> tuple[str, ...]:
        """The columns every row has before its data: id, plan, parent, position."""
        if self.parent is None:
            return (ID,)
        parent = (self.parent_key,) if self.parent_key else ()
        return (ID, PLAN_ID, *parent, POSITION)

    @property
    def column_names(self) -> tuple[str, ...]:
        """All columns, keys first."""
        return (*self.key_columns, *(c.name for c in self.columns))


def singular(table: str) -> str:
    """`responsibilities` → `responsibility`, `items` → `item`, `committee` → `committee`."""
    if table.endswith("ies"):
        return table[:-3] + "y"
    return table[:-1] if table.endswith("s") else table


def _without_none(annotation: Any) -> tuple[Any, bool]:
    """The annotation without its `| None`, and whether None was allowed."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], len(args) < len(typing.get_args(annotation))
    return annotation, False


def scalar_type(annotation: Any) -> ColumnType | None:
    """The column type of a plain value's annotation (Literal of strings → text), else None."""
    if typing.get_origin(annotation) is Literal:
        values = typing.get_args(annotation)
        return "text" if all(isinstance(v, str) for v in values) else None
    if isinstance(annotation, type):
        for python_type, column_type in SCALAR_TYPES.items():
            if issubclass(annotation, python_type):
                return column_type
    return None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def build_tables(model: type[BaseModel] = Plan) -> tuple[TableSpec, ...]:
    """Every table of the database, parents before children, from the contract models."""
    tables: list[TableSpec] = []
    _add_records_table(tables, PLANS, model, field="", parent=None)
    return tuple(tables)


def _add_records_table(
    tables: list[TableSpec], name: str, model: type[BaseModel], field: str, parent: str | None
) -> None:
    for index, spec in enumerate(tables):
        if spec.name == name:  # a recursive list (a section's children): same table
            if parent != name:
                raise ValueError(f"{name}: records of one kind under two parents")
            tables[index] = replace(spec, parent_key=PARENT_ID, self_field=field)
            return
    parent_key = None if parent in (None, PLANS) else f"{singular(parent)}_id"
    position = len(tables)
    tables.append(TableSpec(name, "records", field, parent, parent_key, (), model))
    columns: list[Column] = []
    _collect_columns(tables, name, model, (), columns)
    clash = {c.name for c in columns} & RESERVED_COLUMNS
    if clash:
        raise ValueError(f"{model.__name__}: field names {clash} are the store's own columns")
    tables[position] = replace(tables[position], columns=tuple(columns))


def _collect_columns(
    tables: list[TableSpec],
    table: str,
    model: type[BaseModel],
    prefix: tuple[str, ...],
    columns: list[Column],
) -> None:
    for field, info in model.model_fields.items():
        annotation, _ = _without_none(info.annotation)
        path = (*prefix, field)
        name = FLATTEN_SEPARATOR.join(path)
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if (column_type := scalar_type(annotation)) is not None:
            columns.append(Column(name, column_type, path))
        elif _is_model(annotation):
            _collect_columns(tables, table, annotation, path, columns)
        elif origin is list and args and _is_model(args[0]) and not prefix:
            kind = KIND_ALIASES.get(field, field)
            _add_records_table(tables, kind, args[0], field, table)
        elif origin is list and args and (value_type := scalar_type(args[0])) and not prefix:
            tables.append(_plain_table(f"{table}_{field}", "values", field, table, value_type))
        elif origin is dict and len(args) == 2 and (value_type := scalar_type(args[1])):
            tables.append(_plain_table(f"{table}_{field}", "mapping", field, table, value_type))
        else:
            columns.append(Column(name, "json", path))  # a table's rows: list[list[str]]


def _plain_table(
    name: str, shape: TableShape, field: str, parent: str, value_type: ColumnType
) -> TableSpec:
    parent_key = None if parent == PLANS else f"{singular(parent)}_id"
    columns = (Column(VALUE, value_type, ()),)
    if shape == "mapping":
        columns = (Column(KEY, "text", ()), *columns)
    return TableSpec(name, shape, field, parent, parent_key, columns, value_type=value_type)


TABLES: tuple[TableSpec, ...] = build_tables()
TABLES_BY_NAME: dict[str, TableSpec] = {t.name: t for t in TABLES}


# ---------------------------------------------------------------- plan → rows


def _dig(record: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = record
    for key in path:
        if value is None:
            return None
        value = value.get(key)
    return value


def _cell(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.type == "json":
        return json.dumps(value, ensure_ascii=False)
    if column.type == "boolean":
        return int(value)
    return value


def plan_rows(plan: Mapping[str, Any], next_id: dict[str, int]) -> dict[str, list[tuple]]:
    """The rows of one plan (its JSON dict) for every table, ids drawn from `next_id` (the
    next free id of each table, advanced as rows are made)."""
    rows: dict[str, list[tuple]] = {t.name: [] for t in TABLES}
    plans = TABLES_BY_NAME[PLANS]
    plan_id = next_id[PLANS]
    next_id[PLANS] += 1
    rows[PLANS].append((plan_id, *(_cell(c, _dig(plan, c.path)) for c in plans.columns)))
    _child_rows(plans, plan, plan_id, plan_id, next_id, rows)
    return rows


def _child_rows(
    spec: TableSpec,
    record: Mapping[str, Any],
    record_id: int,
    plan_id: int,
    next_id: dict[str, int],
    rows: dict[str, list[tuple]],
) -> None:
    for child in TABLES:
        if child.parent == spec.name and child.name != spec.name:
            parent = None if child.parent_key == PARENT_ID else record_id
            _list_rows(child, record.get(child.field), parent, plan_id, next_id, rows)
    if spec.self_field:
        _list_rows(spec, record.get(spec.self_field), record_id, plan_id, next_id, rows)


def _list_rows(
    spec: TableSpec,
    values: Any,
    parent: int | None,
    plan_id: int,
    next_id: dict[str, int],
    rows: dict[str, list[tuple]],
) -> None:
    if not values:
        return
    if spec.shape == "mapping":
        values = list(values.items())
    for position, value in enumerate(values):
        row_id = next_id[spec.name]
        next_id[spec.name] += 1
        keys = (row_id, plan_id, *([parent] if spec.parent_key else []), position)
        if spec.shape == "values":
            rows[spec.name].append((*keys, value))
        elif spec.shape == "mapping":
            rows[spec.name].append((*keys, value[0], value[1]))
        else:
            data = tuple(_cell(c, _dig(value, c.path)) for c in spec.columns)
            rows[spec.name].append((*keys, *data))
            _child_rows(spec, value, row_id, plan_id, next_id, rows)


# ---------------------------------------------------------------- rows → plans


def _uncell(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.type == "json":
        return json.loads(value)
    if column.type == "boolean":
        return bool(value)
    if column.type == "date" and isinstance(value, dt.date):
        return value.isoformat()
    return value


def _record(spec: TableSpec, row: Mapping[str, Any]) -> dict[str, Any]:
    """A record dict from a row: flattened columns nested back, a nested model whose
    columns are all null left null where the model allows it."""
    assert spec.model is not None
    record: dict[str, Any] = {}
    for column in spec.columns:
        target = record
        for key in column.path[:-1]:
            target = target.setdefault(key, {})
        target[column.path[-1]] = _uncell(column, row[column.name])
    _drop_null_models(spec.model, record)
    return record


def _drop_null_models(model: type[BaseModel], record: dict[str, Any]) -> None:
    for field, info in model.model_fields.items():
        annotation, optional = _without_none(info.annotation)
        if _is_model(annotation) and isinstance(record.get(field), dict):
            _drop_null_models(annotation, record[field])
            if optional and all(v is None for v in record[field].values()):
                record[field] = None


ChildKey = tuple[str, str, int]  # (table, "plan" or "parent", the owner's id)


def plans_from_rows(rows: Mapping[str, list[Mapping[str, Any]]]) -> list[Plan]:
    """The plans of a set of table rows (each row a mapping of column → value), in the
    order of their ids: the inverse of `plan_rows`."""
    children: dict[ChildKey, list[Mapping[str, Any]]] = {}
    for spec in TABLES:
        for row in rows.get(spec.name, []) if spec.parent else []:
            owner = row[spec.parent_key] if spec.parent_key else None
            key = (
                (spec.name, "plan", row[PLAN_ID]) if owner is None else (spec.name, "parent", owner)
            )
            children.setdefault(key, []).append(row)
    for found in children.values():
        found.sort(key=lambda r: r[POSITION])
    plans_spec = TABLES_BY_NAME[PLANS]
    plans = []
    for row in sorted(rows.get(PLANS, []), key=lambda r: r[ID]):
        record = _record(plans_spec, row)
        _fill_children(plans_spec, row[ID], record, children)
        plans.append(Plan.model_validate(record))
    return plans


def _fill_children(
    spec: TableSpec,
    record_id: int,
    record: dict[str, Any],
    children: dict[ChildKey, list[Mapping[str, Any]]],
) -> None:
    lists = [(c, c.field) for c in TABLES if c.parent == spec.name and c.name != spec.name]
    if spec.self_field:
        lists.append((spec, spec.self_field))
    for child, field in lists:
        by_plan = spec.name == PLANS and child.parent_key in (None, PARENT_ID)
        found = children.get((child.name, "plan" if by_plan else "parent", record_id), [])
        if child.shape == "values":
            record[field] = [_uncell(child.columns[0], r[VALUE]) for r in found]
        elif child.shape == "mapping":
            record[field] = {r[KEY]: _uncell(child.columns[1], r[VALUE]) for r in found}
        else:
            records = []
            for row in found:
                nested = _record(child, row)
                _fill_children(child, row[ID], nested, children)
                records.append(nested)
            record[field] = records
