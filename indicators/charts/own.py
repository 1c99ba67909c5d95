"""The layer of a person's own figures: hollow triangles in a neutral grey, beside the essay's.

One mark for every chart (the compare bars, the record over time, the oil imports), with its own legend entry
(``("added", "Your figures (…)")``, see :data:`indicators.charts.style.LEGEND_SYMBOLS`) and a tooltip that keeps
each figure's year, qualifier, source and where it is stated. It is never a bar, so it never reads as the essay's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from indicators.charts.style import ADDED_COLOUR, LABEL_SIZE, records, tooltips

_COLUMNS = ["country", "colour", "year", "x", "x_lower", "x_upper", "y", "y_lower", "y_upper", "label"]
_COLUMNS += ["qualifier_label", "source", "locator", "note"]


def legend(own: pd.DataFrame | None, label: str | None) -> list[tuple[str, str]]:
    """The layer's legend entry (``label``, by default "Your figures"), none when nothing was added."""
    return [] if own is None or own.empty else [("added", label or "Your figures")]


def subtitle_note(label: str | None) -> str:
    """The subtitle's sentence saying what the hollow triangles are (``label``: the legend entry)."""
    who = label or "Your figures"
    return f"Hollow triangles: {who[:1].lower()}{who[1:]}, not the essay."


def extent(own: pd.DataFrame | None, columns: Sequence[str] = ("x", "x_upper")) -> list[float]:
    """Every position the layer draws on the value axis (so a chart's domain can take it in)."""
    if own is None or own.empty:
        return []
    values = pd.concat([pd.to_numeric(own[c], errors="coerce") for c in columns if c in own])
    return [float(v) for v in values.dropna()]


def _layers(
    own: pd.DataFrame | None, columns: Sequence[str], at: dict[str, Any], value: str, scale: alt.Scale, **text: Any
) -> list[alt.Chart]:
    """A whisker from ``{value}_lower`` to ``{value}_upper`` where there are bounds, a hollow triangle at ``value``
    and each figure's value and year beside it; ``at`` places them on the other axis. None when nothing was added."""
    if own is None or own.empty:
        return []
    data = records(own, columns)
    for column in ("y", "y_lower", "y_upper"):
        if column in data:
            data[column] = pd.to_numeric(data[column], errors="coerce").astype("float64")
    axis = alt.X if value == "x" else alt.Y
    offset = text.get("dy", 0) if value == "x" else 0
    # Each figure says its value and its year beside its mark: "15.7 million (2002)".
    data["value_text"] = [
        f"{label} ({int(year)})" if label else f"{int(year)}" for label, year in zip(data["label"], data["year"], strict=True)
    ]
    base = alt.Chart(data).encode(**at)
    whisker = (
        base.transform_filter(f"isValid(datum.{value}_lower) && isValid(datum.{value}_upper)")
        .mark_rule(strokeWidth=1.6, color=ADDED_COLOUR, yOffset=offset)
        .encode(**{value: axis(f"{value}_lower:Q", scale=scale), f"{value}2": f"{value}_upper:Q"})
    )
    position = {value: axis(f"{value}:Q", scale=scale)}
    fields = ("country:N", "label:N", "year:O", "qualifier_label:N", "source:N", "locator:N", "note:N")
    marks = base.mark_point(
        shape="triangle-up", filled=False, size=200, strokeWidth=2.4, color=ADDED_COLOUR, opacity=1, yOffset=offset
    ).encode(**position, tooltip=tooltips(*fields, label="Your figure", locator="Where stated"))
    values = base.mark_text(align="left", fontSize=LABEL_SIZE - 1, color=ADDED_COLOUR, **text).encode(
        **position, text="value_text:N"
    )
    return [whisker, marks, values]


def bar_layers(own: pd.DataFrame | None, *, category: str, y: alt.Y, x_scale: alt.Scale) -> list[alt.Chart]:
    """The layers at each own value in its ``category`` row (a range also gets a thin whisker), for the compare
    chart: 13 px below the row's middle, beside the bar rather than on it."""
    return _layers(own, list(dict.fromkeys([category, *_COLUMNS])), {"y": y}, "x", x_scale, dx=10, dy=13)


def time_layers(own: pd.DataFrame | None, *, x: alt.X, y_scale: alt.Scale) -> list[alt.Chart]:
    """The layers at (year, ``y``), for charts over time (the record's lines, the oil imports)."""
    return _layers(own, _COLUMNS, {"x": x}, "y", y_scale, dx=11, dy=13, fontWeight="bold")
