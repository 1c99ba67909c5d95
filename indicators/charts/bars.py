"""Bars of figures with qualifiers: the compare chart and the border chart, and their alt text.

Uncertainty is drawn, not hidden:

* a figure "as stated" is a solid bar;
* "about" is a lighter bar with a dotted outline, and its label says "about";
* "less than X" is an outline bar to X with a ◀ marker at X (the value lies left of it);
* "more than X" is a solid bar to X with a ▶ marker at X (the value lies right of it);
* a range "X–Y" is an error bar from X to Y with its midpoint, and no bar;
* a derived figure has a dashed outline and says "(derived)" with its formula in the tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from indicators.charts import own
from indicators.charts.style import (
    LABEL_SIZE,
    QUALIFIER_OPACITY,
    RECORD_OPACITY,
    REFERENCE_COLOUR,
    ROW_HEIGHT,
    framed,
    legend_items,
    records,
    source_lines,
    tooltips,
)
from indicators.outputs.formatting import NOT_STATED

#: The outline of a derived figure, and of a "less than" bar, is dashed. The dash arrays are values in the spec
#: (a condition), not a data column: data reaches the live chart through Arrow, which turned an array per row into
#: the text "[4,3]", an invalid SVG stroke-dasharray drawn as a solid line.
DERIVED_OR_LT = {"test": "datum.basis == 'derived' || datum.qualifier == 'lt'", "value": [4, 3]}
# "About" is told by more than a lighter fill: a dotted outline (and "about" in the bar's label).
BAR_OUTLINE: dict[str, Any] = {
    "condition": [DERIVED_OR_LT, {"test": "datum.qualifier == 'approx'", "value": [1.5, 2.5]}],
    "value": [1, 0],
}


#: The fields of a row the bars draw from (besides its category and country), then those only their tooltips show.
FIELDS = ["colour", "x", "x_lower", "x_upper", "bar_end", "qualifier", "basis", "label", "year", "qualifier_label", "formula"]
FIELDS += ["source", "locator", "evidence", "note", "group_members"]

#: The compare and border charts' legend entry of each qualifier (as drawn by :func:`uncertainty_bars`).
QUALIFIER_ENTRIES = {
    "exact": ("solid", "as stated"),
    "approx": ("about", "about (approximate): lighter, dotted outline"),
    "lt": ("lt", "less than: the value lies left of this marker"),
    "gt": ("gt", "more than: the value lies right of this marker"),
    "range": ("range", "range: lower–upper, dot at midpoint"),
}


def qualifier_legend_items(
    frame: pd.DataFrame, reference_label: str | None = None, record_label: str | None = None
) -> list[tuple[str, str]]:
    """Legend entries for the qualifiers and bases present in a frame."""
    bases = {
        "derived": ("derived", "derived (dashed outline; formula in tooltip)"),
        "record": ("record", record_label or "the record (World Bank), filling a gap: not the essay"),
    }
    essay = frame.loc[frame["basis"] != "record", "qualifier"]
    items = legend_items(set(essay.dropna()), QUALIFIER_ENTRIES) + legend_items(set(frame["basis"]), bases)
    return [*items, ("reference", reference_label)] if reference_label else items


def uncertainty_bars(
    frame: pd.DataFrame,
    *,
    category: str,
    x_title: str,
    order: Sequence[str],
    tooltip: Sequence[alt.Tooltip],
    reference: pd.DataFrame | None = None,
    log: bool = False,
    added: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """Horizontal bars of figures with qualifiers (see module doc), one row per ``category``.

    With ``log`` the bars become stems with a dot (a bar's length means nothing on a
    log axis), and the axis spans the data with some room on both sides.
    """
    data = records(frame, list(dict.fromkeys([category, "country", *FIELDS])))
    data["opacity"] = data["qualifier"].map(QUALIFIER_OPACITY).fillna(0.0)
    # A gap filled from the record is drawn pale with a full outline, apart from every figure of the essay.
    data.loc[data["basis"] == "record", "opacity"] = RECORD_OPACITY
    # Figures of different years side by side each say their year (the 1989 China–USSR border beside 2003 lengths).
    years = pd.to_numeric(data["year"], errors="coerce")
    data["label_text"] = data["label"]
    if years.nunique() > 1:
        data["label_text"] = [
            f"{label} ({int(year)})" if label and pd.notna(year) else label
            for label, year in zip(data["label"], years, strict=True)
        ]
    data["label_at"] = data[["bar_end", "x_upper", "x"]].max(axis=1)
    domain = list(order)
    axis = alt.Axis(labelLimit=340, labelFontSize=LABEL_SIZE)
    y = alt.Y(f"{category}:N", title="", sort=domain, scale=alt.Scale(domain=domain), axis=axis)
    # Each row carries its country's fixed colour (countries.csv), so a new country needs no code.
    colour = alt.Color("colour:N", scale=None, legend=None)
    references = [] if reference is None else [float(v) for v in reference["x"].dropna()]
    x_max = max([*data["label_at"].dropna(), *references, *own.extent(added), 0.0])
    if log:
        lows = [v for v in [*data["bar_end"], *data["x_lower"], *references, *own.extent(added, ("x", "x_lower"))] if v > 0]
        x_min = min(lows) / 3 if lows else 0.1
        x_scale = alt.Scale(type="log", domain=[x_min, x_max * 8 if x_max > 0 else 10], nice=False)
        data["stem_from"] = x_min
    base = alt.Chart(data).encode(y=y, tooltip=list(tooltip))
    if log:
        stem = (
            base.transform_filter("isValid(datum.bar_end)")
            .mark_rule(strokeWidth=2, opacity=0.7)
            .encode(
                x=alt.X("stem_from:Q", title=x_title, scale=x_scale),
                x2="bar_end:Q",
                color=colour,
                strokeDash={"condition": DERIVED_OR_LT, "value": [1, 0]},
            )
        )
        dots = (
            base.transform_filter("isValid(datum.bar_end) && datum.qualifier != 'lt' && datum.qualifier != 'gt'")
            .mark_point(filled=True, size=190, strokeWidth=1.6)
            .encode(
                x=alt.X("bar_end:Q", scale=x_scale),
                color=colour,
                fillOpacity=alt.FillOpacity("opacity:Q", scale=None, legend=None),
            )
        )
        bars = alt.LayerChart(layer=[stem, dots])
    else:
        x_scale = alt.Scale(domain=[0, x_max * 1.32 if x_max > 0 else 1], nice=False, zero=True)
        bars = (
            base.transform_filter("isValid(datum.bar_end)")
            .mark_bar(height=alt.RelativeBandSize(band=0.62), strokeWidth=1.6)
            .encode(
                x=alt.X("bar_end:Q", title=x_title, scale=x_scale, axis=alt.Axis(tickCount=6, labelFlush=True)),
                color=colour,
                stroke=colour,
                fillOpacity=alt.FillOpacity("opacity:Q", scale=None, legend=None),
                strokeDash=BAR_OUTLINE,
                strokeWidth=alt.condition("datum.qualifier == 'approx'", alt.value(2.4), alt.value(1.6)),
            )
        )
    rng = base.transform_filter("datum.qualifier == 'range'")
    rule = rng.mark_rule(strokeWidth=3).encode(x=alt.X("x_lower:Q", scale=x_scale), x2="x_upper:Q", color=colour)
    caps_lo, caps_hi = (
        rng.mark_tick(thickness=3, size=ROW_HEIGHT * 0.6).encode(x=alt.X(f"{end}:Q", scale=x_scale), color=colour)
        for end in ("x_lower", "x_upper")
    )
    mid = rng.mark_point(filled=True, size=70).encode(x=alt.X("x:Q", scale=x_scale), color=colour)
    lt = (
        base.transform_filter("datum.qualifier == 'lt'")
        .mark_point(shape="triangle-left", filled=True, size=190, stroke="#222222", strokeWidth=0.8)
        .encode(x=alt.X("x_upper:Q", scale=x_scale), color=colour)
    )
    gt = (
        base.transform_filter("datum.qualifier == 'gt'")
        .mark_point(shape="triangle-right", filled=True, size=190, xOffset=10, stroke="#222222", strokeWidth=0.8)
        .encode(x=alt.X("x_lower:Q", scale=x_scale), color=colour)
    )
    labels = (
        base.transform_filter("isValid(datum.label_at)")
        .mark_text(align="left", dx=22, fontSize=LABEL_SIZE, color="#222222")
        .encode(x=alt.X("label_at:Q", scale=x_scale), text="label_text:N")
    )
    layers: list[alt.Chart | alt.LayerChart] = [bars, rule, caps_lo, caps_hi, mid, lt, gt, labels]
    if reference is not None and not reference.empty:
        ref = records(reference, ["country", "x", "label", "year", "formula", "source"])
        layers.append(
            alt.Chart(ref)
            .mark_point(shape="diamond", filled=True, size=110, color=REFERENCE_COLOUR, opacity=0.9)
            .encode(
                y=alt.Y("country:N", sort=domain, scale=alt.Scale(domain=domain)),
                x=alt.X("x:Q", scale=x_scale),
                tooltip=tooltips(
                    "country:N", "label:N", "year:O", "formula:N", "source:N", label="Reference value", formula="How"
                ),
            )
        )
    layers += own.bar_layers(added, category=category, y=y, x_scale=x_scale)
    return alt.LayerChart(layer=layers)


def plot_height(rows: int) -> int:
    return max(ROW_HEIGHT * rows, 80)


def figure_years(frame: pd.DataFrame) -> list[int]:
    return sorted({int(y) for y in frame["year"].dropna()})


def compare_chart(
    frame: pd.DataFrame,
    meta: pd.Series | dict[str, Any],
    *,
    title: str | None = None,
    subtitle_extra: Sequence[str] = (),
    reference: pd.DataFrame | None = None,
    reference_year: int | None = None,
    reference_label: str | None = None,
    log: bool = False,
    added: pd.DataFrame | None = None,
    added_label: str | None = None,
    record_label: str | None = None,
) -> alt.LayerChart:
    """The compare page's chart: members with a figure, drawn by qualifier, with its legend below.

    ``title`` names who is compared (the view knows whether that is a whole membership or a selection).
    """
    shown = frame[frame["basis"] != NOT_STATED]
    has_reference = reference is not None and not reference.empty
    mine = own.legend(added, added_label)
    order = list((frame if has_reference or mine else shown)["country"])
    fields = (
        "country:N",
        "label:N",
        "qualifier_label:N",
        "basis:N",
        "formula:N",
        "year:O",
        "source:N",
        "locator:N",
        "evidence:N",
    )
    tooltip = tooltips(*fields, label=str(meta["title"]))
    x_title = f"{meta['title']} ({meta['axis_label']})"
    if log:
        x_title += ", log scale"
    ref_label = (reference_label or f"World Bank value, {reference_year} (reference, not the essay)") if has_reference else None
    years = figure_years(shown)
    year_text = f"year{'s' if len(years) > 1 else ''} {', '.join(str(y) for y in years)}" if years else "no year"
    missing = list(frame.loc[frame["basis"] == NOT_STATED, "country"])
    whose = "The record's values, the essay's as diamonds" if record_label else "The essay's figures, and the record where marked"
    if not (shown["basis"] == "record").any():
        whose = "Figures as the essay states them"
    subtitle = [f"Unit: {meta['axis_label']}. {whose} ({year_text}).", *subtitle_extra]
    if missing:
        subtitle.append("No figure given: " + ", ".join(missing) + ".")
    extra = [] if ref_label is None or record_label else ["Diamonds: World Bank WDI."]
    extra += [own.subtitle_note(added_label)] if mine else []
    subtitle += source_lines(list(shown["source"]), " ".join(extra))
    bars = uncertainty_bars(
        shown, category="country", x_title=x_title, order=order, tooltip=tooltip, reference=reference, log=log, added=added
    )
    items = qualifier_legend_items(shown, ref_label, record_label) + mine
    return framed([bars], items, title or str(meta["title"]), subtitle, plot_height(len(order)))


def border_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Stated border lengths, one row per stated pair; group borders labelled as groups."""
    fields = ("pair:N", "label:N", "qualifier_label:N", "group_members:N", "year:O", "locator:N", "evidence:N", "note:N")
    tooltip = tooltips(*fields, pair="Border", label="Length", group_members="Group runs along")
    years = figure_years(frame)
    if len(years) > 1:
        subtitle = [f"Unit: kilometres. Years {', '.join(map(str, years))}: each length's year is in its label."]
    else:
        subtitle = [f"Unit: kilometres{f', as of {years[0]}' if years else ''}."]
    if (frame["neighbour_type"] == "group of countries").any():
        subtitle.append("A (group) row is one stated length for the border with several countries together.")
    subtitle += source_lines(list(frame["source"]))
    order = list(frame["pair"])
    bars = uncertainty_bars(frame, category="pair", x_title="Border length (km)", order=order, tooltip=tooltip)
    return framed([bars], qualifier_legend_items(frame), "Border lengths stated in the essay", subtitle, plot_height(len(order)))


def alt_text(frame: pd.DataFrame, meta: pd.Series | dict[str, Any]) -> str:
    """A sentence describing the compare chart for screen readers."""
    shown = frame[frame["basis"] != NOT_STATED]
    parts = "; ".join(f"{r['country']} {r['label']}" for _, r in shown.iterrows())
    missing = list(frame.loc[frame["basis"] == NOT_STATED, "country"])
    text = f"Bar chart of {meta['title']} ({meta['axis_label']}) for {len(shown)} of the {len(frame)} SCO members shown: {parts}."
    if missing:
        text += " Not stated in the essay: " + ", ".join(missing) + "."
    return text
