"""plan-extractor's public Python API: Chinese implementation plans → evidence-backed Plans.

    import extractor

    plan = extractor.extract("corpus/hangtai.txt")      # a path, the file's bytes, or its text
    plan.rubrics[0].total_points                         # 100.0
    extractor.score(plan.rubrics[0], {"1": 5, "2": 4})   # → ScoreResult(total=9.0, …)

`import extractor` is cheap: pydantic, the readers and the review modules are imported by the
function that needs them (or on first access to a model name such as `extractor.Plan`).
Errors a caller can cause are typed: `InputError` (an input that cannot be read as a plan,
exit code 3 in the CLI) and `AssessmentError` (an assessment that does not fit its rubric).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from extractor.errors import InputError

if TYPE_CHECKING:
    from extractor.document import Document
    from extractor.models import Plan, Rubric
    from extractor.review.compare import Comparison
    from extractor.review.diff import Change
    from extractor.review.score import ScoreResult

__all__ = [
    "AssessmentError",
    "Change",
    "Comparison",
    "Document",
    "InputError",
    "Plan",
    "Rubric",
    "ScoreResult",
    "compare",
    "diff",
    "extract",
    "load",
    "read",
    "score",
]

InputFormat = Literal["txt", "docx", "pdf", "doc", "wps"]
PlanSource = str | bytes | os.PathLike[str]

# A `str` naming a file rather than holding a plan's text: one line ending in a plan file's
# suffix (`corpus/hangtai.txt`, `C:\\plans\\a.DOCX`); a plan's text is never one such line.
PATH_SUFFIXES = (".txt", ".docx", ".pdf", ".doc", ".wps", ".json")
BYTES_NAME = "<bytes>"  # source.path of a plan given as bytes
TEXT_NAME = "<text>"  # source.path of a plan given as text
# Formats whose files start with the same magic bytes (OLE compound files).
SAME_MAGIC = {"wps": "doc"}

# Lazily exported names → the module defining them.
LAZY_NAMES = {
    "Plan": "extractor.models",
    "Rubric": "extractor.models",
    "Document": "extractor.document",
    "Change": "extractor.review.diff",
    "Comparison": "extractor.review.compare",
    "ScoreResult": "extractor.review.score",
    "AssessmentError": "extractor.review.score",
}


def __getattr__(name: str) -> Any:
    """The model and result classes, imported on first access (`extractor.Plan`)."""
    if name in LAZY_NAMES:
        import importlib

        return getattr(importlib.import_module(LAZY_NAMES[name]), name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")


def _source_bytes(source: PlanSource) -> tuple[Path, bytes]:
    """The name and bytes of a plan given as a path, its bytes or its text."""
    from extractor.readers import read_bytes

    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if not data:
            raise InputError(BYTES_NAME, "file is empty")
        return Path(BYTES_NAME), data
    if isinstance(source, str):
        one_line = "\n" not in source and "\r" not in source
        if not (one_line and source.strip().lower().endswith(PATH_SUFFIXES)):
            if not source.strip():
                raise InputError(TEXT_NAME, "no text")
            return Path(TEXT_NAME), source.encode("utf-8")
        source = Path(source.strip())
    if isinstance(source, os.PathLike):
        path = Path(source)
        return path, read_bytes(path)
    raise TypeError(f"a plan is a path, bytes or str, not {type(source).__name__}")


def read(source: PlanSource, *, format: InputFormat | None = None) -> Document:
    """Read a plan into a `Document`: its normalised text (which evidence offsets point
    into) and its paragraph and table blocks.

    `source` is a path (`Path` or a one-line `str` ending in a plan suffix), the file's
    bytes, or the plan's text as a `str`. The format is read from the bytes; `format`, when
    given, must agree with them (InputError otherwise). Raises InputError for anything that
    cannot be read as a plan.
    """
    from extractor.readers import detect_format, read_data

    path, data = _source_bytes(source)
    if path.suffix.lower() == ".json" and data.lstrip()[:1] == b"{":
        raise InputError(path, "is a plan JSON, not a plan; read it with extractor.load")
    detected = detect_format(data)
    if format is not None and SAME_MAGIC.get(format, format) != detected:
        raise InputError(path, f"the content is {detected}, not {format}")
    if format == "wps" and path.suffix.lower() != ".wps":
        path = path.with_suffix(".wps")  # the legacy reader names the format by the suffix
    return read_data(path, data, detected)


def extract(source: PlanSource, *, format: InputFormat | None = None) -> Plan:
    """Extract the `Plan` of one plan (a path, its bytes or its text; see `read`).

    Raises InputError for an input that cannot be read as a plan.
    """
    from extractor.pipeline import cycle_collector_paused, extract_from_document

    with cycle_collector_paused():
        return extract_from_document(read(source, format=format))


def _plan_dict(plan: Plan | Mapping[str, Any] | str | os.PathLike[str]) -> dict[str, Any]:
    """A plan as its JSON dict: from a Plan, a dict, or a plan JSON / plan file path."""
    from extractor.models import Plan

    if isinstance(plan, Plan):
        return plan.model_dump(mode="json")
    if isinstance(plan, Mapping):
        return Plan.model_validate(plan).model_dump(mode="json")
    return load(plan).model_dump(mode="json")


def load(source: str | os.PathLike[str]) -> Plan:
    """The Plan in a plan JSON file (as `extract -o` writes it), or a plan file extracted.
    Raises InputError for a file that is neither."""
    from pydantic import ValidationError

    from extractor.models import Plan
    from extractor.readers import read_bytes

    path = Path(source)
    if path.suffix.lower() != ".json":
        return extract(path)
    try:
        return Plan.model_validate_json(read_bytes(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise InputError(path, f"not a plan JSON ({where}: {first['msg']})") from None


def diff(
    old: Plan | Mapping[str, Any] | str | os.PathLike[str],
    new: Plan | Mapping[str, Any] | str | os.PathLike[str],
    *,
    with_evidence: bool = False,
) -> list[Change]:
    """The semantic differences between two plans, records paired by identity (as
    `rubric diff`): empty when they say the same. Each side is a Plan, a plan dict, or the
    path of a plan JSON or plan file; evidence is compared only `with_evidence`."""
    from extractor.review.diff import diff_plans

    return diff_plans(_plan_dict(old), _plan_dict(new), with_evidence=with_evidence)


def compare(
    plans: Iterable[Plan | Mapping[str, Any] | str | os.PathLike[str]],
    *,
    format: Literal["html", "xlsx", "csv", "md"] | None = None,
) -> Comparison | str | bytes:
    """Plans side by side (as `rubric compare`): the `Comparison` (its `views` are plain
    tables), or rendered as `format` (bytes for xlsx, text for html, csv and md).

    A plan is a Plan, a plan dict, or the path of a plan JSON, a plan file or a plan database
    written by `rubric index` (every plan in it)."""
    from extractor.models import Plan
    from extractor.review.compare import OUTPUT_FORMATS, build_comparison, render_comparison

    loaded: list[Plan] = []
    for plan in plans:
        if isinstance(plan, Plan):
            loaded.append(plan)
        elif isinstance(plan, Mapping):
            loaded.append(Plan.model_validate(plan))
        elif _is_database(Path(plan)):
            from extractor.store.sqlite import read_plans

            loaded.extend(read_plans(Path(plan)))
        else:
            loaded.append(load(plan))
    comparison = build_comparison(loaded)
    if format is None:
        return comparison
    if format not in OUTPUT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(OUTPUT_FORMATS)}, not {format!r}")
    return render_comparison(comparison, format)


def _is_database(path: Path) -> bool:
    from extractor.store.sqlite import is_database

    return is_database(path)


def score(
    rubric: Rubric | Plan | Mapping[str, Any],
    assessment: Mapping[str, float | int | str | Mapping[str, Any]],
) -> ScoreResult:
    """Apply a rubric to one assessment (as `rubric score`): `assessment` maps an item's
    number (or criterion) to its points (`5`), a level name (`"良好"`) or counted deduction
    events (`{"events": 2}`). `rubric` is a Rubric, a rubric dict, or a Plan (its first
    rubric). Raises AssessmentError for an unknown item or an invalid score."""
    from extractor.models import Plan, Rubric
    from extractor.review.score import AssessmentError, parse_entry, score_rubric

    if isinstance(rubric, Plan):
        if not rubric.rubrics:
            raise AssessmentError("the plan has no rubric")
        rubric = rubric.rubrics[0]
    elif not isinstance(rubric, Rubric):
        rubric = Rubric.model_validate(rubric)
    entries = {str(key).strip(): parse_entry(value, str(key)) for key, value in assessment.items()}
    return score_rubric(rubric, entries)
