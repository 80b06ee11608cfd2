"""The phase timeline of a comparison: one lane per plan, one bar per dated phase.

`build_timeline(plans, labels)` computes the geometry only (pixels, sub-rows, colours); the
HTML template draws it as an inline SVG.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from extractor.models import Phase, Plan


@dataclass(frozen=True)
class Bar:
    """One phase in the timeline: x/width in pixels, `row` the sub-row inside its lane."""

    label: str
    start: str | None
    end: str | None
    x: float
    width: float
    row: int
    colour: int
    point: bool = False  # a phase with a single date, drawn as a marker
    label_left: bool = False  # a marker's label drawn to its left (no room on the right)
    open_end: bool = False  # a phase with a start and no end (…以后): a faded bar


@dataclass
class Lane:
    """One jurisdiction's row of phases in the timeline."""

    label: str
    y: float
    height: float
    bars: list[Bar] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)


@dataclass
class Timeline:
    """Geometry of the phase timeline (an inline SVG in HTML)."""

    width: float
    height: float
    left: float
    lanes: list[Lane]
    ticks: list[tuple[float, str]]


TIMELINE_WIDTH = 1200  # pixels of the whole SVG
TIMELINE_LEFT = 130  # pixels for the lane labels
TIMELINE_ROW_HEIGHT = 26
TIMELINE_LANE_PADDING = 8
TIMELINE_AXIS_HEIGHT = 28
TIMELINE_COLOURS = 6  # bars cycle through this many CSS classes
TIMELINE_LABEL_CHAR = 12  # pixels per CJK character of a label beside a single-date marker
TIMELINE_TICK_LABEL = 50  # pixels a tick label needs before the right edge


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def timeline_ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    """Month starts from `first` to after `last`, thinned to at most about 14 ticks."""
    months = [_month_start(first)]
    while months[-1] <= last:
        months.append(_next_month(months[-1]))
    step = next(s for s in (1, 2, 3, 6, 12, 24) if len(months) / s <= 14)
    return [m for m in months if (m.month - 1) % step == 0] or months[:1]


TIMELINE_OPEN_END_DAYS = 61  # an open-ended phase (2022年12月以后) is drawn this long, faded


def _phase_dates(phase: Phase) -> tuple[dt.date, dt.date] | None:
    """The drawn span of a phase: start–end, start + TIMELINE_OPEN_END_DAYS when the end
    is open, the end alone (a marker) when the start is unknown, None when undated."""
    if phase.start and phase.end:
        return (phase.start, phase.end) if phase.start <= phase.end else (phase.end, phase.start)
    if phase.start:
        return phase.start, phase.start + dt.timedelta(days=TIMELINE_OPEN_END_DAYS)
    return (phase.end, phase.end) if phase.end else None


def build_timeline(plans: list[Plan], labels: list[str]) -> Timeline | None:
    """Lanes of phase bars, one lane per plan; None when no phase has a date."""
    spans = [_phase_dates(ph) for plan in plans for ph in plan.phases]
    dated = [s for s in spans if s]
    if not dated:
        return None
    first = _month_start(min(s[0] for s in dated))
    last = max(s[1] for s in dated)
    ticks = timeline_ticks(first, last)
    end = _next_month(last)
    scale = (TIMELINE_WIDTH - TIMELINE_LEFT - 10) / max(1, (end - first).days)

    def x_of(day: dt.date) -> float:
        return round(TIMELINE_LEFT + (day - first).days * scale, 1)

    lanes: list[Lane] = []
    y = float(TIMELINE_AXIS_HEIGHT)
    for plan, label in zip(plans, labels, strict=True):
        lane = Lane(label=label, y=y, height=0)
        row_ends: list[float] = []
        for index, phase in enumerate(plan.phases):
            dates = _phase_dates(phase)
            if dates is None:
                lane.undated.append(phase.name)
                continue
            point = dates[0] == dates[1]
            open_end = phase.start is not None and phase.end is None
            x = x_of(dates[0])
            right = x_of(dates[1] + dt.timedelta(days=1)) if not point else x + 1
            # a marker's label runs to its right: keep that space free in its row
            label_width = 12 + TIMELINE_LABEL_CHAR * len(phase.name)
            label_left = point and x + label_width > TIMELINE_WIDTH
            taken = right if not point else (x + 8 if label_left else x + label_width)
            left = x if not point else (x - label_width if label_left else x - 8)
            row = next((r for r, e in enumerate(row_ends) if e <= left), len(row_ends))
            if row == len(row_ends):
                row_ends.append(taken)
            row_ends[row] = taken
            lane.bars.append(
                Bar(
                    label=phase.name,
                    start=phase.start.isoformat() if phase.start else None,
                    end=phase.end.isoformat() if phase.end else None,
                    x=x,
                    width=max(1.0, round(right - x, 1)),
                    row=row,
                    colour=index % TIMELINE_COLOURS,
                    point=point,
                    label_left=label_left,
                    open_end=open_end,
                )
            )
        rows = max(1, len(row_ends)) + (1 if lane.undated and len(row_ends) < 2 else 0)
        lane.height = rows * TIMELINE_ROW_HEIGHT + TIMELINE_LANE_PADDING
        lanes.append(lane)
        y += lane.height
    tick_marks = [
        (x_of(t), f"{t.year}-{t.month:02d}")
        for t in ticks
        if x_of(t) <= TIMELINE_WIDTH - TIMELINE_TICK_LABEL
    ]
    return Timeline(
        width=TIMELINE_WIDTH, height=y + 4, left=TIMELINE_LEFT, lanes=lanes, ticks=tick_marks
    )
