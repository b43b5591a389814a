"""Chart geometry for the HTML audit report: bars, stacked bars and a donut, as plain numbers.

Why server-side: the report must be one self-contained file that opens offline, prints,
and loads no script or chart library. Python computes the shapes; the Jinja2 macros in
templates/audit/charts.html.j2 turn them into inline SVG (autoescaped like the rest).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

LABEL_WIDTH = 220  # px reserved left of the bars for the row label
VALUE_WIDTH = 90  # px reserved right of the bars for the total
ROW_HEIGHT = 22
BAR_HEIGHT = 15


@dataclass(frozen=True)
class Segment:
    key: str  # CSS class suffix and legend key
    value: int
    x: float
    width: float


@dataclass(frozen=True)
class Row:
    label: str
    y: float
    total: int
    segments: tuple[Segment, ...]
    note: str = ""  # shown after the bar, e.g. "42.1%"


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bar_x: int
    bar_width: int
    rows: tuple[Row, ...]
    keys: tuple[str, ...]  # legend order


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[tuple[str, int]], str]],
    *,
    width: int = 760,
    scale_to: int | None = None,
    relative: bool = False,
) -> BarChart:
    """One horizontal bar per row, split into segments.

    `rows`: (label, [(key, value), ...], note). `relative`: every bar spans the full width
    (shares); otherwise bars are to scale against the largest total (or `scale_to`).
    """
    bar_width = width - LABEL_WIDTH - VALUE_WIDTH
    largest = scale_to or max((sum(v for _, v in parts) for _, parts, _ in rows), default=0) or 1
    out = []
    keys: dict[str, None] = {}
    for index, (label, parts, note) in enumerate(rows):
        total = sum(v for _, v in parts)
        span = bar_width if relative else bar_width * total / largest
        x = float(LABEL_WIDTH)
        segments = []
        for key, value in parts:
            keys.setdefault(key)
            w = span * value / total if total else 0.0
            if value:
                segments.append(Segment(key, value, round(x, 2), round(w, 2)))
            x += w
        out.append(Row(label, index * ROW_HEIGHT + 4, total, tuple(segments), note))
    return BarChart(width, len(rows) * ROW_HEIGHT + 8, LABEL_WIDTH, bar_width, tuple(out), tuple(keys))


def bars(rows: Sequence[tuple[str, int, str]], *, key: str = "bar", width: int = 760) -> BarChart:
    """Plain horizontal bars to scale: (label, value, note)."""
    return stacked_bars([(label, [(key, value)], note) for label, value, note in rows], width=width)


@dataclass(frozen=True)
class Slice:
    key: str
    value: int
    share: float  # 0..1
    path: str  # SVG path data of the ring segment


@dataclass(frozen=True)
class Donut:
    size: int
    slices: tuple[Slice, ...]
    total: int


def donut(parts: Sequence[tuple[str, int]], *, size: int = 220, thickness: float = 0.38) -> Donut:
    """A ring split by share; each slice is one closed path (outer arc, inner arc back)."""
    total = sum(v for _, v in parts)
    c = size / 2
    outer = c - 4
    inner = outer * (1 - thickness)
    out = []
    angle = -math.pi / 2
    for key, value in parts:
        if not value or not total:
            continue
        share = value / total
        sweep = min(share, 0.999999) * 2 * math.pi  # a full circle cannot be one arc
        end = angle + sweep
        large = 1 if sweep > math.pi else 0
        p = [
            f"M {c + outer * math.cos(angle):.2f} {c + outer * math.sin(angle):.2f}",
            f"A {outer:.2f} {outer:.2f} 0 {large} 1 {c + outer * math.cos(end):.2f} {c + outer * math.sin(end):.2f}",
            f"L {c + inner * math.cos(end):.2f} {c + inner * math.sin(end):.2f}",
            f"A {inner:.2f} {inner:.2f} 0 {large} 0 {c + inner * math.cos(angle):.2f} {c + inner * math.sin(angle):.2f}",
            "Z",
        ]
        out.append(Slice(key, value, share, " ".join(p)))
        angle = end
    return Donut(size, tuple(out), total)
