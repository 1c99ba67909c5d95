"""Bars of figures with qualifiers: the compare chart and the border chart, and their alt text.

Uncertainty is drawn, not hidden:

* a figure "as stated" is a solid bar;
* "about" is a lighter bar;
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

from indicators.charts.style import (
    QUALIFIER_OPACITY,
    REFERENCE_COLOUR,
    ROW_HEIGHT,
    WIDTH,
    country_scale,
    legend_panel,
    num,
    records,
    source_lines,
    titled,
)


def qualifier_legend_items(frame: pd.DataFrame, reference_label: str | None = None) -> list[tuple[str, str]]:
    """Legend entries for the qualifiers and bases present in a frame."""
    present = set(frame["qualifier"].dropna())
    items = []
    if "exact" in present:
        items.append(("solid", "as stated"))
    if "approx" in present:
        items.append(("about", "about (approximate)"))
    if "lt" in present:
        items.append(("lt", "less than: the value lies left of this marker"))
    if "gt" in present:
        items.append(("gt", "more than: the value lies right of this marker"))
    if "range" in present:
        items.append(("range", "range: lower–upper, dot at midpoint"))
    if "basis" in frame and (frame["basis"] == "derived").any():
        items.append(("derived", "derived (dashed outline; formula in tooltip)"))
    if reference_label:
        items.append(("reference", reference_label))
    return items


def uncertainty_bars(
    frame: pd.DataFrame,
    *,
    category: str,
    category_title: str,
    x_title: str,
    colour_field: str = "country",
    order: Sequence[str] | None = None,
    tooltip: Sequence[alt.Tooltip] = (),
    reference: pd.DataFrame | None = None,
    log: bool = False,
) -> alt.LayerChart:
    """Horizontal bars of figures with qualifiers (see module doc), one row per ``category``.

    With ``log`` the bars become stems with a dot (a bar's length means nothing on a
    log axis), and the axis spans the data with some room on both sides.
    """
    cols = list(
        dict.fromkeys(
            [
                category,
                colour_field,
                "x",
                "x_lower",
                "x_upper",
                "bar_end",
                "qualifier",
                "qualifier_label",
                "basis",
                "label",
                "formula",
                "source",
                "locator",
                "evidence",
                "year",
                "note",
                "group_members",
            ]
        )
    )
    data = records(frame, cols)
    data["opacity"] = data["qualifier"].map(QUALIFIER_OPACITY).fillna(0.0)
    data["dash"] = [
        [4, 3] if b == "derived" or q == "lt" else [1, 0] for b, q in zip(data["basis"], data["qualifier"], strict=True)
    ]
    data["label_at"] = data[["bar_end", "x_upper", "x"]].max(axis=1)
    domain = list(order) if order is not None else list(dict.fromkeys(data[category]))
    y = alt.Y(
        f"{category}:N",
        title=category_title,
        sort=domain,
        scale=alt.Scale(domain=domain),
        axis=alt.Axis(labelLimit=260, labelFontSize=12.5),
    )
    colour = alt.Color(f"{colour_field}:N", scale=country_scale(list(data[colour_field])), legend=None)
    x_max = max([v for v in data["label_at"].tolist() if num(v) is not None] + [0.0])
    if reference is not None and not reference.empty:
        x_max = max(x_max, float(reference["x"].max()))
    base = alt.Chart(data).encode(y=y, tooltip=list(tooltip))
    if log:
        lows = [v for v in [*data["bar_end"], *data["x_lower"]] if num(v) is not None and float(v) > 0]
        if reference is not None and not reference.empty:
            lows += [float(v) for v in reference["x"] if float(v) > 0]
        x_min = min(lows) / 3 if lows else 0.1
        x_scale = alt.Scale(type="log", domain=[x_min, x_max * 8 if x_max > 0 else 10], nice=False)
        data["stem_from"] = x_min
        base = alt.Chart(data).encode(y=y, tooltip=list(tooltip))
        stem = (
            base.transform_filter("isValid(datum.bar_end)")
            .mark_rule(strokeWidth=2, opacity=0.7)
            .encode(
                x=alt.X("stem_from:Q", title=x_title, scale=x_scale),
                x2="bar_end:Q",
                color=colour,
                strokeDash=alt.StrokeDash("dash", scale=None, legend=None),
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
            .mark_bar(height=ROW_HEIGHT * 0.62, strokeWidth=1.6)
            .encode(
                x=alt.X("bar_end:Q", title=x_title, scale=x_scale, axis=alt.Axis(tickCount=6, labelFlush=True)),
                color=colour,
                stroke=colour,
                fillOpacity=alt.FillOpacity("opacity:Q", scale=None, legend=None),
                strokeDash=alt.StrokeDash("dash", scale=None, legend=None),
            )
        )
    rng = base.transform_filter("datum.qualifier == 'range'")
    rule = rng.mark_rule(strokeWidth=3).encode(x=alt.X("x_lower:Q", scale=x_scale), x2="x_upper:Q", color=colour)
    caps_lo = rng.mark_tick(thickness=3, size=ROW_HEIGHT * 0.6).encode(x=alt.X("x_lower:Q", scale=x_scale), color=colour)
    caps_hi = rng.mark_tick(thickness=3, size=ROW_HEIGHT * 0.6).encode(x=alt.X("x_upper:Q", scale=x_scale), color=colour)
    mid = rng.mark_point(filled=True, size=70).encode(x=alt.X("x:Q", scale=x_scale), color=colour)
    lt = (
        base.transform_filter("datum.qualifier == 'lt'")
        .mark_point(shape="triangle-left", filled=True, size=150, stroke="#222222", strokeWidth=0.8)
        .encode(x=alt.X("x_upper:Q", scale=x_scale), color=colour)
    )
    gt = (
        base.transform_filter("datum.qualifier == 'gt'")
        .mark_point(shape="triangle-right", filled=True, size=150, xOffset=9, stroke="#222222", strokeWidth=0.8)
        .encode(x=alt.X("x_lower:Q", scale=x_scale), color=colour)
    )
    labels = (
        base.transform_filter("isValid(datum.label_at)")
        .mark_text(align="left", dx=20, fontSize=12.5, color="#222222")
        .encode(x=alt.X("label_at:Q", scale=x_scale), text="label:N")
    )
    layers: list[alt.Chart | alt.LayerChart] = [bars, rule, caps_lo, caps_hi, mid, lt, gt, labels]
    if reference is not None and not reference.empty:
        ref = records(reference, ["country", "x", "label", "year", "formula", "source"])
        layers.append(
            alt.Chart(ref)
            .mark_point(shape="diamond", filled=True, size=110, color=REFERENCE_COLOUR, opacity=0.9)
            .encode(
                y=alt.Y(f"{category}:N", sort=domain, scale=alt.Scale(domain=domain)) if category == "country" else y,
                x=alt.X("x:Q", scale=x_scale),
                tooltip=[
                    alt.Tooltip("country:N", title="Country"),
                    alt.Tooltip("label:N", title="Reference value"),
                    alt.Tooltip("year:O", title="Year"),
                    alt.Tooltip("formula:N", title="How"),
                    alt.Tooltip("source:N", title="Source"),
                ],
            )
        )
    return alt.LayerChart(layer=layers).properties(width=WIDTH, height=max(ROW_HEIGHT * len(domain), 60))


def compare_chart(
    frame: pd.DataFrame,
    meta: pd.Series | dict[str, Any],
    *,
    subtitle_extra: Sequence[str] = (),
    reference: pd.DataFrame | None = None,
    reference_year: int | None = None,
    log: bool = False,
) -> alt.VConcatChart:
    """The compare page's chart: members with a figure, drawn by qualifier, plus a legend panel."""
    shown = frame[frame["basis"] != "not stated"]
    order = list(shown["country"])
    if reference is not None and not reference.empty:
        order = list(frame["country"])
    tooltip = [
        alt.Tooltip("country:N", title="Country"),
        alt.Tooltip("label:N", title=str(meta["title"])),
        alt.Tooltip("qualifier_label:N", title="Qualifier"),
        alt.Tooltip("basis:N", title="Basis"),
        alt.Tooltip("formula:N", title="Formula"),
        alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("source:N", title="Source"),
        alt.Tooltip("locator:N", title="Where in the essay"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]
    x_title = f"{meta['title']} ({meta['axis_label']})"
    if log:
        x_title += ", log scale"
    bars = uncertainty_bars(
        shown, category="country", category_title="", x_title=x_title, order=order, tooltip=tooltip, reference=reference, log=log
    )
    ref_label = (
        f"World Bank value, {reference_year} (reference, not the essay)"
        if reference is not None and not reference.empty
        else None
    )
    legend = legend_panel(qualifier_legend_items(shown, ref_label))
    years = sorted({int(y) for y in shown["year"].dropna()})
    year_text = f"year {', '.join(str(y) for y in years)}" if years else "no year"
    missing = list(frame.loc[frame["basis"] == "not stated", "country"])
    subtitle = [f"Unit: {meta['axis_label']}. Figures as the essay states them ({year_text}).", *subtitle_extra]
    if missing:
        subtitle.append("Not stated in the essay: " + ", ".join(missing) + ".")
    subtitle += source_lines(list(shown["source"]), "" if ref_label is None else "Diamonds: World Bank WDI.")
    chart = alt.vconcat(bars, legend, spacing=14)
    return titled(chart, f"{meta['title']}: SCO founding members", subtitle)


def border_chart(frame: pd.DataFrame) -> alt.VConcatChart:
    """Stated border lengths, one row per stated pair; group borders labelled as groups."""
    data = frame.copy()
    order = list(data["pair"])
    tooltip = [
        alt.Tooltip("pair:N", title="Border"),
        alt.Tooltip("label:N", title="Length"),
        alt.Tooltip("qualifier_label:N", title="Qualifier"),
        alt.Tooltip("group_members:N", title="Group runs along"),
        alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("locator:N", title="Where in the essay"),
        alt.Tooltip("evidence:N", title="Evidence"),
        alt.Tooltip("note:N", title="Note"),
    ]
    bars = uncertainty_bars(data, category="pair", category_title="", x_title="Border length (km)", order=order, tooltip=tooltip)
    legend = legend_panel(qualifier_legend_items(data))
    subtitle = ["Unit: kilometres."]
    if (data["neighbour_type"] == "group of countries").any():
        subtitle[0] += " A (group) row is one stated length for the border with several countries together."
    subtitle += source_lines(list(data["source"]))
    return titled(alt.vconcat(bars, legend, spacing=14), "Border lengths stated in the essay", subtitle)


def alt_text(frame: pd.DataFrame, meta: pd.Series | dict[str, Any]) -> str:
    """A sentence describing the compare chart for screen readers."""
    shown = frame[frame["basis"] != "not stated"]
    parts = [f"{r['country']} {r['label']}" for _, r in shown.iterrows()]
    missing = list(frame.loc[frame["basis"] == "not stated", "country"])
    text = (
        f"Bar chart of {meta['title']} ({meta['axis_label']}) for {len(shown)} of {len(frame)} selected SCO members: "
        + "; ".join(parts)
        + "."
    )
    if missing:
        text += " Not stated in the essay: " + ", ".join(missing) + "."
    return text
