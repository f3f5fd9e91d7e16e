"""The colours and dashes of bilat's charts, each chosen by a stable code, never by a label.

A chart's data carries codes (a statistics basis ``KZ``, a series kind ``path``, a decision
status ``done``, a project kind ``transport``); its scales map those codes to the colours and
dashes here, and its legends show the reader's words through a label expression. So "done" is
the same green and the path to a target the same dashed red in every language.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

# A side's colour by its position in the commission, when the commission gives none.
SIDES = ("#00a3d9", "#1a9e4b")
# Series that are no side's: the figure a meeting announced, the path a target needs.
SERIES = {"meeting": "#8a8f98", "path": "#b3261e"}
# Decision statuses, from not started (grey) to done (green); late and failed in warm colours.
STATUSES = {
    "not_started": "#8a8f98", "in_progress": "#0b5cab", "reported": "#00a3d9",
    "returned": "#d08c00", "done": "#1a9e4b", "not_done": "#b3261e", "overdue": "#e15759",
    "removed": "#5b6475", "on_control": "#0b5cab", "open": "#0b5cab",
}
# Kinds of project (and of water site) on the map.
KINDS = (
    "#0b5cab", "#e15759", "#59a14f", "#f28e2b", "#00a3d9", "#edc948", "#7f3c8d", "#9c755f",
    "#499894", "#d37295",
)
# Quality of a reading.
QUALITIES = {"good": "#2b7a3d", "suspect": "#d08c00", "poor": "#b00020"}
BAR = "#0b5cab"  # a chart of one series
OTHER = "#5b6475"  # a code the palette does not know

# Dashes by series kind: what was measured is solid; what is projected or sketched is dashed.
SOLID = [1, 0]
DASHED = [6, 4]
DASHES = {"actual": SOLID, "path": DASHED}


def side_colour(position: int, colour: str = "") -> str:
    """A side's colour: its own, else the palette's for its position (0 = first side)."""
    return colour or SIDES[position % len(SIDES)]


def status_colour(code: str) -> str:
    return STATUSES.get(code, OTHER)


def colours(codes: Iterable[str], palette: Mapping[str, str] | tuple[str, ...]) -> list[str]:
    """The colour of each code: by key from a mapping, by position from a tuple."""
    if isinstance(palette, tuple):
        return [palette[i % len(palette)] for i, _code in enumerate(codes)]
    return [palette.get(code, OTHER) for code in codes]


def label_expr(labels: Mapping[str, str]) -> str:
    """A Vega expression showing each code's label in a legend or axis (codes stay the data)."""
    expr = "datum.label"
    for code, label in reversed(list(labels.items())):
        expr = f"datum.label === {json.dumps(code)} ? {json.dumps(label)} : ({expr})"
    return expr
