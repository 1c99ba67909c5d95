"""The record over time: one line per country from the reference record, the essay's figures on the lines
as points with their bounds, and the SCO's membership changes marked on the time axis."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from indicators.charts import own
from indicators.charts.style import TEXT_SIZE, framed, legend_items, records, tooltips, wrap

#: The mark of the essay's figures by qualifier (how certain each is, as on the compare page), its legend symbol
#: and what its legend entry says.
ESSAY_MARKS = {
    "exact": ("circle", "dot", "as stated"),
    "approx": ("circle", "open_dot", "'about' (open dot)"),
    "lt": ("triangle-down", "down", "'less than': the value lies below"),
    "gt": ("triangle-up", "up", "'more than': the value lies above"),
    "range": ("circle", "range", "a range"),
}
ESSAY_ENTRIES = {qualifier: (symbol, f"the essay, {text}") for qualifier, (_, symbol, text) in ESSAY_MARKS.items()}

#: The outline of an essay figure that counts something else than the line it sits on, drawn as a hollow square in
#: its country's colour: its place against the line means nothing, so it must not look like the comparable figures.
APART_DASH = [3, 2]


#: Closest two line-end labels may sit, as a share of the axis (of its log span on a log axis): a label's height on a
#: slide's plot (18 pt on about 190 pt), more than enough on the screen's (15 px on 260 px).
LABEL_GAP = 0.1


#: Membership labels sit in rows above the plot, each starting at its year; a row is this many pixels high.
EVENT_ROW = 19
#: The narrowest plot the labels are laid out for (a 1280-px window's chart column, less the axis), in pixels, and
#: the width of a character of the labels' text: a label that would reach the next one's start goes a row higher.
NARROWEST_PLOT = 640
CHAR_WIDTH = 0.56 * TEXT_SIZE


def event_lanes(events: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """``events`` with the row (``lane``, 0 next to the plot) and side (``align``) of each label, so that no two
    labels overlap at the narrowest layout: a label runs right from its year, or left where it would pass the
    axis's end; a label too long for either side says its ``short`` form (the tooltip keeps the names)."""
    out = events.sort_values("year", kind="stable").reset_index(drop=True)
    per_year = NARROWEST_PLOT / max(last - first, 1)
    ends: dict[int, float] = {}  # the pixel where each row's last label ends
    texts, lanes, aligns = [], [], []
    shorts = out["short"] if "short" in out else out["text"]
    for year, long, short in zip(out["year"], out["text"], shorts, strict=True):
        at = (float(year) - first) * per_year
        need = len(str(long)) * CHAR_WIDTH + 8
        text = long if at + need <= NARROWEST_PLOT or at - need >= 0 else short
        texts.append(text)
        width = len(str(text)) * CHAR_WIDTH + 8
        align = "left" if at + width <= NARROWEST_PLOT else "right"
        start, end = (at, at + width) if align == "left" else (at - width, at)
        lane = next((i for i, e in ends.items() if e < start), len(ends))
        ends[lane] = end
        lanes.append(lane)
        aligns.append(align)
    return out.assign(full=out["text"], text=texts, lane=lanes, align=aligns, label_px=[-8 - lane * EVENT_ROW for lane in lanes])


def _axis_position(values: pd.Series, log: bool) -> list[float]:
    return [math.log10(v) if log else v for v in values.astype(float) if not (log and v <= 0)]


def spread_labels(ends: pd.DataFrame, log: bool, axis: pd.Series, centred: bool = False) -> pd.DataFrame:
    """Labels moved apart (in order of their ``y``) so that no two overlap: at least :data:`LABEL_GAP` of the span
    the axis draws for ``axis`` (the values it shows; if none, the labels' own): whole decades on a log axis, from
    zero on a linear one, as Vega's nice scale draws them."""
    out = ends.dropna(subset=["y"]).sort_values("y").copy()
    if log:
        out = out[out["y"].astype(float) > 0]
    if out.empty:
        return out.assign(label_y=pd.Series(dtype=float))
    values = _axis_position(out["y"], log)
    shown = _axis_position(axis.dropna(), log) or values
    low, high = (math.floor(min(shown)), math.ceil(max(shown))) if log else (min(min(shown), 0.0), max(max(shown), 0.0))
    span = (high - low) or 1.0
    placed: list[float] = []
    for v in values:
        placed.append(max(v, placed[-1] + LABEL_GAP * span) if placed else v)
    if centred:
        # Moved apart about their middle, not all upwards: each label stays as near its own point as it can.
        shift = min(sum(placed) / len(placed) - sum(values) / len(values), placed[0] - low)
        placed = [p - shift for p in placed]
    out["label_y"] = [10**p if log else p for p in placed]
    return out


def over_time_chart(
    lines: pd.DataFrame,
    points: pd.DataFrame,
    events: pd.DataFrame,
    *,
    title: str,
    y_title: str,
    subtitle: Sequence[str],
    log: bool = False,
    different_definition: str | None = None,
    added: pd.DataFrame | None = None,
    added_label: str | None = None,
) -> alt.LayerChart:
    """``lines``: country, colour, text_colour, year, y, label, formula, source. ``points``: country, colour,
    text_colour, year, y, y_lower, y_upper, qualifier, label, basis, source, locator, evidence. ``events``: year,
    country, colour, text.

    ``subtitle``: the unit line, then the source lines. ``different_definition``: what the record counts, where the
    essay's figures count something else; the points are then drawn apart (:data:`APART`) and a line after the
    unit line says why. ``added``: the person's own figures, shaped as ``points`` (drawn apart, see
    :mod:`indicators.charts.own`).
    """
    years = [*lines["year"], *points["year"], *own.extent(added, ["year"])]
    first, last = int(min(years, default=1990)), int(max(years, default=2024))
    x = alt.X("year:Q", title="Year", scale=alt.Scale(domain=[first, last], nice=False), axis=alt.Axis(format="d", tickMinStep=1))
    beyond = events[(events["year"] < first) | (events["year"] > last)] if not events.empty else events
    if not beyond.empty:  # a change outside the years drawn is said beneath the chart, never drawn past its edge
        said = "; ".join(map(str, beyond["text"]))
        subtitle = [*subtitle, *wrap(f"Outside the years shown ({first}–{last}): {said}.")]
        events = events.drop(beyond.index)
    y_scale = alt.Scale(type="log") if log else alt.Scale(zero=True)
    colour = alt.Color("colour:N", scale=None, legend=None)
    text_colour = alt.Color("text_colour:N", scale=None, legend=None)
    line_data = records(lines, ["country", "colour", "text_colour", "year", "y", "label", "formula", "source"])
    layers: list[alt.Chart] = [
        alt.Chart(line_data)
        .mark_line(strokeWidth=2.2)
        .encode(
            x=x,
            y=alt.Y("y:Q", title=y_title, scale=y_scale),
            color=colour,
            detail="country:N",
            tooltip=tooltips("country:N", "year:Q", "label:N", "formula:N", "source:N", label="Record", formula="How"),
        )
    ]
    all_y = pd.concat([line_data["y"], points["y"] if "y" in points else pd.Series(dtype=float)]).astype(float)
    last_points = spread_labels(line_data.sort_values("year").drop_duplicates("country", keep="last"), log, all_y)
    layers.append(
        alt.Chart(last_points)
        .mark_text(align="left", dx=6, fontSize=TEXT_SIZE + 1, fontWeight="bold")
        .encode(x=x, y=alt.Y("label_y:Q", scale=y_scale), text="country:N", color=text_colour)
    )
    lanes = 0
    if not events.empty:
        event_data = event_lanes(records(events, ["year", "country", "colour", "text_colour", "text", "short"]), first, last)
        lanes = int(event_data["lane"].max()) + 1
        layers.append(
            alt.Chart(event_data)
            .mark_rule(strokeDash=[4, 3], strokeWidth=1.4)
            .encode(x=x, color=colour, tooltip=tooltips("full:N", "country:N", full="SCO membership", country="Who"))
        )
        for align in ("left", "right"):
            layers.append(
                alt.Chart(event_data)
                .transform_filter(f"datum.align == '{align}'")
                .mark_text(align=align, baseline="bottom", dx=3 if align == "left" else -3, fontSize=TEXT_SIZE)
                .encode(x=x, y=alt.Y("label_px:Q", scale=None), text="text:N", color=text_colour)
            )
    if not points.empty:
        columns = ["country", "colour", "text_colour", "year", "y", "y_lower", "y_upper", "qualifier", "label", "basis"]
        point_data = records(points, [*columns, "source", "locator", "evidence"])
        point_data["shape"] = point_data["qualifier"].map({q: mark[0] for q, mark in ESSAY_MARKS.items()}).fillna("circle")
        point_data["filled"] = point_data["qualifier"].isin(["exact", "lt", "gt"])
        tip = tooltips("country:N", "label:N", "year:Q", "basis:N", "locator:N", "evidence:N", "source:N", label="The essay")
        points_chart = alt.Chart(point_data)
        layers.append(
            points_chart.transform_filter("datum.qualifier == 'range'")
            .mark_rule(strokeWidth=3, strokeDash=APART_DASH if different_definition else alt.Undefined)
            .encode(x=x, y=alt.Y("y_lower:Q", scale=y_scale), y2="y_upper:Q", color=colour, tooltip=tip)
        )
        if different_definition:
            mark = points_chart.mark_point(shape="square", size=230, strokeWidth=2.8, strokeDash=APART_DASH)
            drawn = {"stroke": colour, "fill": alt.value("#ffffff")}
        else:
            mark = points_chart.mark_point(size=190, strokeWidth=2.2, stroke="#222222")
            fill = alt.condition("datum.filled", alt.Fill("colour:N", scale=None, legend=None), alt.value("#ffffff"))
            drawn = {"shape": alt.Shape("shape:N", scale=None, legend=None), "fill": fill}
        layers.append(mark.encode(**drawn, x=x, y=alt.Y("y:Q", scale=y_scale), tooltip=tip))
        # Each essay figure says its value beside its mark ("about 66,000", "< 15 million"), so "about" and a bound
        # are read in words, not only from the mark's shape.
        # Labels of one year are moved apart, as the line-end labels are.
        labelled = pd.concat([spread_labels(group, log, all_y, centred=True) for _, group in point_data.groupby("year")])
        # In its country's text colour (as its line's end name), so a label moved apart still says whose it is.
        label = alt.Chart(labelled).encode(x=x, y=alt.Y("label_y:Q", scale=y_scale), text="label:N")
        # A white outline first: the record's lines run past the labels, which stay legible over them.
        text: dict[str, Any] = {"align": "left", "dx": 11, "fontSize": TEXT_SIZE, "fontWeight": "bold"}
        layers.append(label.mark_text(**text, stroke="#ffffff", strokeWidth=4, strokeJoin="round", color="#ffffff"))
        layers.append(label.mark_text(**text).encode(color=text_colour))
    layers += own.time_layers(added, x=x, y_scale=y_scale)
    items: list[tuple[str, str]] = [("line", "the record: one line per country")]
    present = set(points["qualifier"]) if not points.empty else set()
    if different_definition and present:
        items.append(("apart", "essay figure, different definition: not comparable with the line"))
        items += legend_items(present & {"range"}, ESSAY_ENTRIES)
        why = "Dashed squares: the essay's figures, counted differently from the record and not comparable with its lines."
        subtitle = [*subtitle[:1], *wrap(f"{why} The record: {different_definition.rstrip('.')}."), *subtitle[1:]]
    else:
        items += legend_items(present, ESSAY_ENTRIES)
    if not events.empty:
        items.append(("dashed", "an SCO membership change"))
    items += own.legend(added, added_label)
    # The points take their shape and fill from the data (no scale); framed gives the legend scales of its own.
    # The plot is 260 px high: with the page's heading and finding, the plot down to its time axis fits a 720-px
    # screen (at 420 px it was cut at mid-height). The membership labels' rows sit above the plot: their height is
    # added to it.
    return framed(layers, items, title, subtitle, 260 + lanes * EVENT_ROW)
