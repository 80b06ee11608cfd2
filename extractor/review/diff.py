"""Semantic diff of two plans: records matched by identity, not by list position.

`diff_plans(old, new)` walks the two JSON trees (`Plan.model_dump(mode="json")`) and
returns one `Change` per added, removed or changed value, each with a path such as
`rubrics[0].dimensions[1].items[3].points`. Records in a list are paired by the identity
key of their field (`IDENTITY_KEYS`: a rubric item by its number, name and criterion, a target
by year and figures, a phase by name …), so that an inserted record shows as one
addition, not as every later record changing. Evidence is ignored unless asked for, so
that moving text around does not count as a change of meaning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from extractor.records import KIND_ALIASES, RECORD_KINDS, record_kind

ChangeKind = Literal["added", "removed", "changed"]

# List field name → the record keys that identify one record of it (`extractor.records`):
# a field of the same name means the same thing wherever it sits (`items` of any dimension,
# `children` of any section). Fields not named here are paired by position.
IDENTITY_KEYS: dict[str, tuple[str, ...]] = {
    field: kind.identity
    for field in [*RECORD_KINDS, *KIND_ALIASES]
    if (kind := record_kind(field)) is not None and kind.identity
}

# When the full identity finds no partner, a record may still be the same one edited:
# an item whose criterion was corrected keeps its number. These looser keys pair the
# leftovers when they are unique on both sides.
LOOSE_IDENTITY_KEYS: dict[str, tuple[str, ...]] = {
    field: kind.loose_identity
    for field in [*RECORD_KINDS, *KIND_ALIASES]
    if (kind := record_kind(field)) is not None and kind.loose_identity
}

EVIDENCE_KEY = "evidence"

# Paths that say where a file lay, not what it says: two extractions of the same plan from
# different folders are equal.
IGNORED_PATHS = frozenset({"source.path"})

SUMMARY_WIDTH = 100  # characters of a whole added/removed record shown in text output
QUOTE_WIDTH = 120  # characters of an evidence quote shown under a change

# One step of a change's path: a key (`rubrics`, `.points`) or an index (`[3]`)
PATH_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Change:
    """One difference: at `path`, `old` became `new` (None on the side that lacks it)."""

    path: str
    kind: ChangeKind
    old: Any = None
    new: Any = None

    @property
    def field(self) -> str:
        """The top-level plan field the change belongs to (`rubrics`, `targets` …)."""
        return self.path.split(".", 1)[0].split("[", 1)[0]


def diff_plans(
    old: dict, new: dict, with_evidence: bool = False, ignore: frozenset[str] = IGNORED_PATHS
) -> list[Change]:
    """Every difference between two plan dicts, in document order of the fields."""
    changes: list[Change] = []
    _diff_value(old, new, "", None, with_evidence, ignore, changes)
    return changes


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _diff_value(
    old: Any,
    new: Any,
    path: str,
    field: str | None,
    with_evidence: bool,
    ignore: frozenset[str],
    changes: list[Change],
) -> None:
    if path in ignore:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            if key == EVIDENCE_KEY and not with_evidence:
                continue
            sub = _join(path, key)
            if key not in new:
                changes.append(Change(sub, "removed", old=old[key]))
            elif key not in old:
                changes.append(Change(sub, "added", new=new[key]))
            else:
                _diff_value(old[key], new[key], sub, key, with_evidence, ignore, changes)
    elif isinstance(old, list) and isinstance(new, list):
        _diff_list(old, new, path, field, with_evidence, ignore, changes)
    elif not _same_scalar(old, new):
        changes.append(Change(path, "changed", old=old, new=new))


def _same_scalar(old: Any, new: Any) -> bool:
    # bool is an int in Python: True must not equal 1 here
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    return old == new


def _diff_list(
    old: list,
    new: list,
    path: str,
    field: str | None,
    with_evidence: bool,
    ignore: frozenset[str],
    changes: list[Change],
) -> None:
    pairs, removed, added = pair_records(old, new, field)
    for i in removed:
        changes.append(Change(f"{path}[{i}]", "removed", old=old[i]))
    for i, j in pairs:
        # a list inside a list (a table row) has no field of its own: its cells are positional
        inner = field if isinstance(old[i], dict) else None
        _diff_value(old[i], new[j], f"{path}[{i}]", inner, with_evidence, ignore, changes)
    for j in added:
        changes.append(Change(f"{path}[{j}]", "added", new=new[j]))


def pair_records(
    old: list, new: list, field: str | None
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair the elements of two lists: (pairs of indices, unpaired old, unpaired new).

    Strings and other scalars of a named field pair with an equal value; records with an
    equal identity key (`IDENTITY_KEYS`), then an equal loose key; records of a field
    without a key, and the cells of a row (`field` None), pair by position. Equal keys pair
    in order of appearance.
    """
    if field is not None and all(not isinstance(v, dict | list) for v in old + new):
        return _pair_by(old, new, _scalar_key)
    keys = IDENTITY_KEYS.get(field or "")
    if keys is None:
        shared = min(len(old), len(new))
        return (
            [(i, i) for i in range(shared)],
            list(range(shared, len(old))),
            list(range(shared, len(new))),
        )
    pairs, removed, added = _pair_by(old, new, _record_key(keys))
    loose = LOOSE_IDENTITY_KEYS.get(field or "")
    if loose and removed and added:
        more, removed, added = _pair_unique(old, new, removed, added, _record_key(loose))
        pairs = sorted(pairs + more)
    return pairs, removed, added


def _scalar_key(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _record_key(keys: tuple[str, ...]) -> Callable[[Any], Any]:
    def key(record: Any) -> Any:
        if not isinstance(record, dict):
            return _scalar_key(record)
        return _scalar_key([record.get(k) for k in keys])

    return key


def _pair_by(
    old: list, new: list, key: Callable[[Any], Any]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    waiting: dict[Any, list[int]] = {}
    for j, value in enumerate(new):
        waiting.setdefault(key(value), []).append(j)
    pairs: list[tuple[int, int]] = []
    removed: list[int] = []
    for i, value in enumerate(old):
        queue = waiting.get(key(value))
        if queue:
            pairs.append((i, queue.pop(0)))
        else:
            removed.append(i)
    taken = {j for _, j in pairs}
    added = [j for j in range(len(new)) if j not in taken]
    return pairs, removed, added


def _pair_unique(
    old: list, new: list, removed: list[int], added: list[int], key: Callable[[Any], Any]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    def unique(indices: list[int], values: list) -> dict[Any, int]:
        seen: dict[Any, list[int]] = {}
        for i in indices:
            seen.setdefault(key(values[i]), []).append(i)
        return {k: v[0] for k, v in seen.items() if len(v) == 1}

    old_unique, new_unique = unique(removed, old), unique(added, new)
    null_key = key({})
    pairs = [(i, new_unique[k]) for k, i in old_unique.items() if k in new_unique and k != null_key]
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    return (
        pairs,
        [i for i in removed if i not in paired_old],
        [j for j in added if j not in paired_new],
    )


def format_value(value: Any, width: int = SUMMARY_WIDTH) -> str:
    """A value as compact JSON (5.0 shown as 5), evidence left out, cut to `width`."""
    text = json.dumps(_for_display(value), ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= width else text[: width - 1] + "…"


def _for_display(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _for_display(v) for k, v in value.items() if k != EVIDENCE_KEY}
    if isinstance(value, list):
        return [_for_display(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


CHANGE_MARKS: dict[ChangeKind, str] = {"added": "+", "removed": "-", "changed": "~"}


def change_line(change: Change) -> str:
    """One change as a line: `~ rubrics[0].items[3].points: 5 → 6`, `+ targets[2]: {…}`."""
    mark = CHANGE_MARKS[change.kind]
    if change.kind == "added":
        return f"{mark} {change.path}: {format_value(change.new)}"
    if change.kind == "removed":
        return f"{mark} {change.path}: {format_value(change.old)}"
    return f"{mark} {change.path}: {format_value(change.old)} → {format_value(change.new)}"


def group_by_field(changes: list[Change]) -> dict[str, list[Change]]:
    """Changes grouped by top-level field, fields in order of first appearance."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.field, []).append(change)
    return groups


def render_text(changes: list[Change], evidence_from: dict | None = None) -> str:
    """Plain-text diff grouped by field, one path-based line per change; with
    `evidence_from` (the old plan dict), each line is followed by the evidence quote of
    the record the change concerns (`evidence_quote`), so a reviewer can judge it."""
    if not changes:
        return "no differences\n"
    lines: list[str] = []
    for field, group in group_by_field(changes).items():
        counts = ", ".join(
            f"{sum(c.kind == kind for c in group)} {kind}"
            for kind in ("changed", "added", "removed")
            if any(c.kind == kind for c in group)
        )
        lines.append(f"{field} ({counts})")
        for change in group:
            lines.append(f"  {change_line(change)}")
            if evidence_from is not None:
                quote = evidence_quote(change, evidence_from)
                lines.append(f"      evidence: {format_quote(quote) if quote else '(none)'}")
    return "\n".join(lines) + "\n"


def path_steps(path: str) -> list[str | int]:
    """A change's path as keys and indices: `a[2].b` → ["a", 2, "b"]."""
    return [int(index) if index else key for key, index in PATH_STEP.findall(path)]


def evidence_quote(change: Change, old_plan: dict) -> str | None:
    """The evidence quote of the record a change concerns: an added or removed record's
    own, else that of the nearest record with evidence along the change's path in
    `old_plan` (a path's indices are the old plan's, but for an added record's last one)."""
    record = change.new if change.kind == "added" else change.old
    if change.kind != "changed" and isinstance(record, dict):
        own = record.get(EVIDENCE_KEY)
        if isinstance(own, dict) and own.get("quote"):
            return own["quote"]
    steps = path_steps(change.path)
    if change.kind == "added":
        steps = steps[:-1]
    node: Any = old_plan
    quote = None
    for step in steps:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
        else:
            node = node.get(step) if isinstance(node, dict) else None
        if node is None:
            break
        evidence = node.get(EVIDENCE_KEY) if isinstance(node, dict) else None
        if isinstance(evidence, dict) and evidence.get("quote"):
            quote = evidence["quote"]
    return quote


def format_quote(quote: str, width: int = QUOTE_WIDTH) -> str:
    """A quote on one line in 「」: line breaks as ⏎, tabs (cell breaks) as │, cut to
    `width` characters."""
    text = quote.replace("\n", "⏎").replace("\t", "│")
    if len(text) > width:
        text = text[: width - 1] + "…"
    return f"「{text}」"


def render_json(changes: list[Change]) -> str:
    """The diff as JSON: `{"equal": bool, "changes": [{path, kind, old, new}]}`."""
    payload = {"equal": not changes, "changes": [asdict(c) for c in changes]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def print_rich(changes: list[Change], console: Any) -> None:
    """Print the diff on a rich Console: a heading per field, colour per kind of change."""
    from rich.markup import escape

    styles = {"added": "green", "removed": "red", "changed": "yellow"}
    if not changes:
        console.print("no differences")
        return
    for field, group in group_by_field(changes).items():
        console.print(f"[bold]{escape(field)}[/bold] ({len(group)})")
        for change in group:
            console.print(f"  [{styles[change.kind]}]{escape(change_line(change))}[/]")
