"""Chart builders: (tidy frame, metadata) -> ``alt.Chart``, pure, no Streamlit.

Uncertainty is drawn, not hidden:

* a figure "as stated" is a solid bar;
* "about" is a lighter bar;
* "less than X" is an outline bar to X with a ◀ marker at X (the value lies left of it);
* "more than X" is a solid bar to X with a ▶ marker at X (the value lies right of it);
* a range "X–Y" is an error bar from X to Y with its midpoint, and no bar;
* a derived figure has a dashed outline and says "(derived)" with its formula in the tooltip.

Each chart carries its title, unit, a source line and its own legend panel, so a
PNG or SVG of it stands alone on a slide.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

#: One fixed colour per founding member on every page (Okabe–Ito, colour-blind safe).
COUNTRY_COLOURS = {
    "China": "#D55E00",
    "Russia": "#0072B2",
    "Kazakhstan": "#009E73",
    "Kyrgyzstan": "#E69F00",
    "Tajikistan": "#CC79A7",
    "Uzbekistan": "#56B4E9",
}
OTHER_COLOUR = "#8C8C8C"
REFERENCE_COLOUR = "#000000"

#: Fill opacity by qualifier (the legend panel shows what each means).
QUALIFIER_OPACITY = {"exact": 0.95, "approx": 0.45, "lt": 0.08, "gt": 0.95}

WIDTH = 720
ROW_HEIGHT = 34
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"

ESSAY_SOURCE = "Source: Zhao Huasheng, essay on security building in Central Asia and the SCO (c. 2003)"
SUBTITLE_WIDTH = 115  # characters a subtitle line holds at the chart's width


def source_lines(sources: Sequence[str], extra: str = "") -> list[str]:
    """The source line(s) of a chart: the essay, then each source its figures cite, wrapped to the chart's width."""
    cited = [s for s in dict.fromkeys(part.strip() for text in sources for part in str(text).split(";")) if s]
    cited = [s for s in cited if not s.startswith("Zhao Huasheng")]
    words = (ESSAY_SOURCE + ("; " + "; ".join(cited) if cited else "") + "." + (" " + extra if extra else "")).split(" ")
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > SUBTITLE_WIDTH:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


MAP_SOURCE = "Boundaries: Natural Earth (public domain); de facto boundaries, no endorsement implied."


def _theme() -> alt.theme.ThemeConfig:
    return alt.theme.ThemeConfig(
        config={
            "font": FONT,
            "background": "#ffffff",
            "padding": {"left": 8, "right": 16, "top": 8, "bottom": 8},
            "view": {"stroke": None},
            "title": {"anchor": "start", "fontSize": 16, "subtitleFontSize": 12, "subtitleColor": "#444444", "offset": 10},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleColor": "#333333", "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12},
        }
    )


alt.theme.register("sco", enable=True)(_theme)


def country_scale(names: Sequence[str] | None = None) -> alt.Scale:
    """The fixed colour of every member; other countries are grey."""
    domain = list(COUNTRY_COLOURS)
    extra = [n for n in (names or []) if n not in COUNTRY_COLOURS]
    return alt.Scale(domain=domain + extra, range=list(COUNTRY_COLOURS.values()) + [OTHER_COLOUR] * len(extra))


def _num(x: Any) -> float | None:
    if x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _records(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    out = frame[[c for c in columns if c in frame]].copy()
    for c in ("x", "x_lower", "x_upper", "bar_end", "value", "lower", "upper"):
        if c in out:
            out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    for c in out.columns:
        if out[c].dtype == object or str(out[c].dtype) in ("str", "string"):
            out[c] = out[c].where(out[c].notna(), "")
    return out


def _legend_panel(items: list[tuple[str, str]], width: int = WIDTH, columns: int = 2) -> Any:
    """A legend drawn as a chart, so it is part of every exported image.

    ``items`` are (symbol key, text); keys: solid, about, lt, gt, range, derived,
    reference, band, dashed, point.  Positions are in pixels.
    """
    col_width = width / columns
    rows = [
        {"key": key, "text": text, "sx": 10 + (i % columns) * col_width, "sy": 10 + (i // columns) * 22}
        for i, (key, text) in enumerate(items)
    ]
    data = pd.DataFrame(rows)
    height = int(data["sy"].max()) + 12
    data["tx"] = data["sx"] + 16
    data["lo"] = data["sx"] - 8
    data["hi"] = data["sx"] + 8
    base = alt.Chart(data).encode(x=alt.X("sx:Q", scale=None, axis=None), y=alt.Y("sy:Q", scale=None, axis=None))
    grey = "#555555"

    def only(key: str) -> alt.Chart:
        return base.transform_filter(alt.datum.key == key)

    layers = [
        only("solid").mark_square(size=150, color=grey, opacity=0.95),
        only("about").mark_square(size=150, color=grey, opacity=0.45),
        only("lt").mark_point(shape="triangle-left", size=120, color=grey, filled=True),
        only("gt").mark_point(shape="triangle-right", size=120, color=grey, filled=True),
        only("range").mark_rule(color=grey, strokeWidth=2.5).encode(x=alt.X("lo:Q", scale=None, axis=None), x2="hi:Q"),
        only("range").mark_tick(color=grey, thickness=2.5, size=10).encode(x=alt.X("lo:Q", scale=None, axis=None)),
        only("range").mark_tick(color=grey, thickness=2.5, size=10).encode(x=alt.X("hi:Q", scale=None, axis=None)),
        only("derived").mark_square(size=150, filled=False, color=grey, strokeDash=[3, 2], strokeWidth=1.5),
        only("reference").mark_point(shape="diamond", size=100, filled=True, color=REFERENCE_COLOUR),
        only("band").mark_square(size=150, color="#D55E00", opacity=0.22),
        only("dashed")
        .mark_rule(color=grey, strokeWidth=4, strokeDash=[3, 2])
        .encode(x=alt.X("lo:Q", scale=None, axis=None), x2="hi:Q"),
        only("point").mark_point(size=110, filled=True, color="#0072B2", opacity=0.6),
    ]
    used = [
        layer
        for layer, key in zip(
            layers,
            ["solid", "about", "lt", "gt", "range", "range", "range", "derived", "reference", "band", "dashed", "point"],
            strict=True,
        )
        if key in set(data["key"])
    ]
    label = base.mark_text(align="left", baseline="middle", fontSize=12, color="#222222").encode(
        x=alt.X("tx:Q", scale=None, axis=None), text="text:N"
    )
    return alt.layer(*used, label).properties(width=width, height=height)


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
) -> Any:
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
    data = _records(frame, cols)
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
    x_max = max([v for v in data["label_at"].tolist() if _num(v) is not None] + [0.0])
    if reference is not None and not reference.empty:
        x_max = max(x_max, float(reference["x"].max()))
    base = alt.Chart(data).encode(y=y, tooltip=list(tooltip))
    if log:
        lows = [v for v in [*data["bar_end"], *data["x_lower"]] if _num(v) is not None and float(v) > 0]
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
        bars = alt.layer(stem, dots)
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
    layers: list[Any] = [bars, rule, caps_lo, caps_hi, mid, lt, gt, labels]
    if reference is not None and not reference.empty:
        ref = _records(reference, ["country", "x", "label", "year", "formula", "source"])
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
    return alt.layer(*layers).properties(width=WIDTH, height=max(ROW_HEIGHT * len(domain), 60))


def _titled(chart: alt.TopLevelMixin, title: str, subtitle: Sequence[str]) -> Any:
    return chart.properties(title=alt.TitleParams(text=title, subtitle=list(subtitle)))


def compare_chart(
    frame: pd.DataFrame,
    meta: pd.Series | dict[str, Any],
    *,
    subtitle_extra: Sequence[str] = (),
    reference: pd.DataFrame | None = None,
    reference_year: int | None = None,
    log: bool = False,
) -> Any:
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
    legend = _legend_panel(qualifier_legend_items(shown, ref_label))
    years = sorted({int(y) for y in shown["year"].dropna()})
    year_text = f"year {', '.join(str(y) for y in years)}" if years else "no year"
    missing = list(frame.loc[frame["basis"] == "not stated", "country"])
    subtitle = [f"Unit: {meta['axis_label']}. Figures as the essay states them ({year_text}).", *subtitle_extra]
    if missing:
        subtitle.append("Not stated in the essay: " + ", ".join(missing) + ".")
    subtitle += source_lines(list(shown["source"]), "" if ref_label is None else "Diamonds: World Bank WDI.")
    chart = alt.vconcat(bars, legend, spacing=14)
    return _titled(chart, f"{meta['title']}: SCO founding members", subtitle)


def border_chart(frame: pd.DataFrame) -> Any:
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
    legend = _legend_panel(qualifier_legend_items(data))
    subtitle = ["Unit: kilometres."]
    if (data["neighbour_type"] == "group of countries").any():
        subtitle[0] += " A (group) row is one stated length for the border with several countries together."
    subtitle += source_lines(list(data["source"]))
    return _titled(alt.vconcat(bars, legend, spacing=14), "Border lengths stated in the essay", subtitle)


# ------------------------------------------------------------------- map


def load_topology(path: str | Path) -> dict[str, Any]:
    topo: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return topo


def _decode_arc(topo: dict[str, Any], index: int) -> list[tuple[float, float]]:
    arc = topo["arcs"][index if index >= 0 else ~index]
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    x = y = 0
    points = []
    for dx, dy in arc:
        x += dx
        y += dy
        points.append((x * sx + tx, y * sy + ty))
    return points if index >= 0 else points[::-1]


#: Longitude and latitude the map can show (with room to spare); shapes outside are left out of the spec.
MAP_EXTENT = (35.0, 15.0, 140.0, 82.0)


def _polygons(geom: dict[str, Any]) -> list[Any]:
    return list(geom["arcs"]) if geom["type"] == "MultiPolygon" else [geom["arcs"]]


def prune_topology(topo: dict[str, Any], extent: tuple[float, float, float, float] = MAP_EXTENT) -> dict[str, Any]:
    """The topology without the countries wholly outside ``extent`` (west, south, east, north), and without their arcs."""
    west, south, east, north = extent
    kept = []
    for geom in topo["objects"]["countries"]["geometries"]:
        points = [p for polygon in _polygons(geom) for ring in polygon for i in ring for p in _decode_arc(topo, i)]
        if any(west <= x <= east and south <= y <= north for x, y in points):
            kept.append(geom)
    used = sorted({i if i >= 0 else ~i for geom in kept for polygon in _polygons(geom) for ring in polygon for i in ring})
    new_index = {old: new for new, old in enumerate(used)}

    def remap(i: int) -> int:
        return new_index[i] if i >= 0 else ~new_index[~i]

    geometries = []
    for geom in kept:
        polygons = [[[remap(i) for i in ring] for ring in polygon] for polygon in _polygons(geom)]
        arcs = polygons if geom["type"] == "MultiPolygon" else polygons[0]
        geometries.append({**geom, "arcs": arcs})
    return {
        **topo,
        "arcs": [topo["arcs"][i] for i in used],
        "objects": {"countries": {**topo["objects"]["countries"], "geometries": geometries}},
    }


#: Largest shift of a boundary point the map's simplification allows, in degrees. At the map's scale one degree
#: is about 10 pixels, so 0.05° stays under a pixel even in the 2× PNG; shared borders stay shared because whole
#: arcs (each drawn once for both neighbours) are simplified, with their end points kept.
MAP_TOLERANCE = 0.05


def _douglas_peucker(points: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    """The points of a line that keep it within ``tolerance`` (in the points' own units) of the original."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else math.hypot(x - x1, y - y1)
            if d > worst:
                worst, worst_at = d, i
        if worst > tolerance:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_topology(topo: dict[str, Any], tolerance: float = MAP_TOLERANCE) -> dict[str, Any]:
    """The topology with every arc simplified to within ``tolerance`` degrees (see :data:`MAP_TOLERANCE`)."""
    sx, sy = topo["transform"]["scale"]
    grid_tolerance = tolerance / max(sx, sy)  # arcs are stored on the quantisation grid
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        absolute = []
        for dx, dy in arc:
            x += dx
            y += dy
            absolute.append((x, y))
        kept = _douglas_peucker(absolute, grid_tolerance)
        deltas = [list(kept[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in itertools.pairwise(kept)]
        arcs.append(deltas)
    return {**topo, "arcs": arcs}


def label_points(topo: dict[str, Any], codes: Sequence[str]) -> pd.DataFrame:
    """A label position per country: the centre of the bounding box of its largest polygon."""
    rows = []
    for geom in topo["objects"]["countries"]["geometries"]:
        code = geom["properties"]["iso3"]
        if code not in codes:
            continue
        polygons = _polygons(geom)
        best: tuple[float, float, float] | None = None
        for polygon in polygons:
            ring = [p for i in polygon[0] for p in _decode_arc(topo, i)]
            xs = [p[0] for p in ring]
            ys = [p[1] for p in ring]
            area = (max(xs) - min(xs)) * (max(ys) - min(ys))
            if best is None or area > best[0]:
                best = (area, (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
        if best is not None:
            rows.append({"iso3": code, "name": geom["properties"]["name"], "lon": best[1], "lat": best[2]})
    return pd.DataFrame(rows, columns=["iso3", "name", "lon", "lat"])


MAP_MEMBER = "SCO founding member"
MAP_POSSIBLE = "named by the essay as a possible member"


def region_map(topo: dict[str, Any], roles: pd.DataFrame, width: int = WIDTH, height: int = 430) -> Any:
    """Members in their fixed colours, their neighbours named in the essay in grey.

    ``roles``: iso3, country (name), role (:data:`MAP_MEMBER`, :data:`MAP_POSSIBLE` or another role, drawn
    dark grey), borders (text of the stated borders touching the country).
    """
    countries = alt.Data(values=topo, format=alt.DataFormat(type="topojson", feature="countries"))  # type: ignore[no-untyped-call]
    projection = {
        "type": "conicEqualArea",
        "parallels": [35, 55],
        "rotate": [-80, 0, 0],
        "center": [0, 44],
        "scale": 560,
        "translate": [width / 2, height / 2],
    }
    # The shapes are inlined once, at the top, and shared by the two shape layers.
    backdrop = alt.Chart().mark_geoshape(fill="#f1f1f1", stroke="#ffffff", strokeWidth=0.6, clip=True).project(**projection)
    lookup = _records(roles, ["iso3", "country", "role", "borders"])
    tooltip = [
        alt.Tooltip("country:N", title="Country"),
        alt.Tooltip("role:N", title="Role"),
        alt.Tooltip("borders:N", title="Borders stated in the essay"),
    ]

    def shapes(test: str) -> Any:
        return (
            alt.Chart()
            .mark_geoshape(stroke="#ffffff", strokeWidth=0.9, clip=True)
            .transform_lookup(lookup="properties.iso3", from_=alt.LookupData(lookup, "iso3", ["country", "role", "borders"]))
            .transform_filter(test)
            .project(**projection)
        )

    members = shapes(f"datum.role == '{MAP_MEMBER}'").encode(
        color=alt.Color("country:N", scale=country_scale(), legend=None), tooltip=tooltip
    )
    others = (
        shapes(f"isValid(datum.role) && datum.role != '{MAP_MEMBER}'")
        .transform_calculate(fill=f"datum.role == '{MAP_POSSIBLE}' ? '#d9d9d9' : '#a8a8a8'")
        .encode(color=alt.Color("fill:N", scale=None), tooltip=tooltip)
    )
    points = label_points(topo, list(roles["iso3"])).merge(roles[["iso3", "role"]], on="iso3")
    points = _records(points, ["iso3", "name", "lon", "lat", "role"])
    labels = (
        alt.Chart(points)
        .mark_text(fontSize=11, fontWeight="bold", color="#222222")
        .transform_filter(f"datum.role != '{MAP_POSSIBLE}'")
        .encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
        .project(**projection)
    )
    minor = (
        alt.Chart(points)
        .mark_text(fontSize=10, fontStyle="italic", color="#555555")
        .transform_filter(f"datum.role == '{MAP_POSSIBLE}'")
        .encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
        .project(**projection)
    )
    chart = alt.layer(backdrop, members, others, labels, minor, data=countries).properties(width=width, height=height)
    return _titled(
        chart,
        "SCO founding members and the neighbours the essay names",
        [
            "Coloured: the six founding members (fixed colours). Dark grey: neighbours in the essay's border statements.",
            "Light grey, italic: countries the essay names as possible future members.",
            MAP_SOURCE,
        ],
    )


# ------------------------------------------------------------------- energy


def energy_chart(points: pd.DataFrame, demand: pd.DataFrame, paths: pd.DataFrame, net_importer_from: int | None) -> Any:
    """China's oil imports: reported figure, the projection as a band, the demand it implies."""
    years = [int(y) for y in points["year"]] + [int(y) for y in demand["year"]]
    if net_importer_from is not None:
        years.append(net_importer_from)
    first, last = min(years) - 3, max(years) + 2  # a little room either side of the stated years
    tops = [float(v) for frame in (points, demand) for col in ("value", "upper") if col in frame for v in frame[col].dropna()]
    x_scale = alt.Scale(domain=[first, last], nice=False)
    y_scale = alt.Scale(domain=[0, max(tops) * 1.05], nice=False)
    x = alt.X("year:Q", title="Year", scale=x_scale, axis=alt.Axis(format="d", values=list(range(first, last + 1, 2))))
    layers: list[Any] = []
    if net_importer_from is not None:
        flag = pd.DataFrame({"year": [net_importer_from], "text": [f"net oil importer from {net_importer_from} (essay)"]})
        rule = alt.Chart(flag).mark_rule(strokeDash=[2, 3], color="#555555").encode(x=x)
        layers += [
            rule,
            alt.Chart(flag).mark_text(align="left", dx=4, dy=-6, y=8, fontSize=11, color="#333333").encode(x=x, text="text:N"),
        ]
    if not paths.empty:
        band = _records(paths, ["year", "low", "high", "text"])
        band_enc = {
            "x": x,
            "tooltip": [
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip("text:N", title="Constant-growth paths to the projection's ends (derived)"),
            ],
        }
        layers.append(
            alt.Chart(band)
            .mark_area(color="#D55E00", opacity=0.18)
            .encode(y=alt.Y("low:Q", scale=y_scale, title="Oil, million tonnes a year"), y2="high:Q", **band_enc)
        )
        for edge in ("low", "high"):
            layers.append(
                alt.Chart(band)
                .mark_line(strokeDash=[5, 4], color="#D55E00", strokeWidth=1.4)
                .encode(y=alt.Y(f"{edge}:Q", scale=y_scale), **band_enc)
            )
    proj = _records(
        points[points["kind"] == "projection"],
        ["year", "value", "lower", "upper", "label", "qualifier_label", "series", "source", "locator", "evidence"],
    )
    rep = _records(
        points[points["kind"] == "reported"],
        ["year", "value", "lower", "upper", "label", "qualifier_label", "series", "source", "locator", "evidence"],
    )
    tip = [
        alt.Tooltip("label:N", title="Figure"),
        alt.Tooltip("series:N", title="Kind"),
        alt.Tooltip("qualifier_label:N", title="Qualifier"),
        alt.Tooltip("locator:N", title="Where in the essay"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]
    if not proj.empty:
        layers.append(
            alt.Chart(proj)
            .mark_rule(strokeWidth=5, color="#D55E00")
            .encode(x=x, y=alt.Y("lower:Q", scale=y_scale), y2="upper:Q", tooltip=tip)
        )
        layers.append(
            alt.Chart(proj)
            .mark_text(align="left", dx=8, fontSize=12, color="#A04000")
            .encode(x=x, y=alt.Y("upper:Q", scale=y_scale), text="label:N")
        )
    if not rep.empty:
        layers.append(
            alt.Chart(rep)
            .mark_point(filled=True, size=120, color="#0072B2", opacity=0.6)
            .encode(x=x, y=alt.Y("value:Q", scale=y_scale), tooltip=tip)
        )
        layers.append(
            alt.Chart(rep)
            .mark_text(align="right", dx=-10, dy=-4, fontSize=12, color="#0B4F7A")
            .encode(x=x, y=alt.Y("value:Q", scale=y_scale), text="label:N")
        )
    dem_rows = demand
    if not demand.empty:
        dem = _records(demand, ["year", "lower", "upper", "label", "formula", "inputs"])
        dtip = [
            alt.Tooltip("label:N", title="Implied demand"),
            alt.Tooltip("formula:N", title="Formula"),
            alt.Tooltip("inputs:N", title="Inputs"),
        ]
        layers.append(
            alt.Chart(dem)
            .mark_rule(strokeWidth=5, strokeDash=[3, 2], color="#555555")
            .encode(x=x, y=alt.Y("lower:Q", scale=y_scale), y2="upper:Q", tooltip=dtip)
        )
        layers.append(
            alt.Chart(dem)
            .mark_text(align="left", dx=8, fontSize=12, color="#555555")
            .encode(x=x, y=alt.Y("upper:Q", scale=y_scale), text="label:N")
        )
    plot = alt.layer(*layers).properties(width=WIDTH, height=360)
    items: list[tuple[str, str]] = [("point", f"reported: {r['label']}") for _, r in rep.iterrows()]
    items += [("range", f"projection: {r['label']} (estimates the essay cites)") for _, r in proj.iterrows()]
    if not paths.empty:
        items.append(("band", f"constant yearly growth from {int(paths['year'].min())} to each end of the projection (derived)"))
    items += [
        ("dashed", f"implied demand: {r['label']} = {str(r['formula']).split(' = ', 1)[-1]}") for _, r in dem_rows.iterrows()
    ]
    legend = _legend_panel(items, columns=1)
    return _titled(
        alt.vconcat(plot, legend, spacing=14),
        "China's oil imports: the essay's figures and projection",
        [
            "Unit: million tonnes a year. Projection and derived values are styled apart from the reported figure.",
            *source_lines(list(points["source"])),
        ],
    )


def crude_chart(crude: pd.DataFrame, net_importer_from: int | None) -> Any:
    """EIA crude-oil net imports (reference; crude only, in barrels, not the essay's unit)."""
    data = _records(crude, ["year", "value", "unit", "series_code"])
    span = [int(data["year"].min()), int(data["year"].max())] if not data.empty else [0, 1]
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(domain=span, nice=False))
    line = (
        alt.Chart(data)
        .mark_line(point=True, color="#0072B2")
        .encode(
            x=x,
            y=alt.Y("value:Q", title="Crude oil net imports (thousand barrels a day)"),
            tooltip=[
                alt.Tooltip("year:Q", format="d", title="Year"),
                alt.Tooltip("value:Q", format=",.0f", title="Net imports, kb/d"),
                alt.Tooltip("series_code:N", title="Series"),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"value": [0]})).mark_rule(color="#333333").encode(y="value:Q")
    layers: list[Any] = [zero, line]
    if net_importer_from is not None:
        flag = pd.DataFrame({"year": [net_importer_from]})
        layers.append(alt.Chart(flag).mark_rule(strokeDash=[2, 3], color="#555555").encode(x=x))
    legend = _legend_panel(
        [("point", "EIA crude-oil net imports (reference data)"), ("dashed", "the essay's 'net importer since' year")], columns=2
    )
    return _titled(
        alt.vconcat(alt.layer(*layers).properties(width=WIDTH, height=240), legend, spacing=14),
        f"Reference: China's crude oil net imports, {span[0]}–{span[1]}",
        [
            "Unit: thousand barrels a day; crude oil only (refined products excluded),",
            "so not comparable with the essay's tonnes. Below zero = net crude exporter.",
            "Source: U.S. EIA, International Energy Statistics (retrieved 2026-03-28).",
        ],
    )


# ------------------------------------------------------------------- export


def _spec(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart if isinstance(chart, dict) else chart.to_dict()
    return spec


def to_png(chart: Any, scale: float = 2.0) -> bytes:
    """A PNG of the chart (an Altair chart or its spec) at ``scale``× (for slides)."""
    import vl_convert as vlc

    png: bytes = vlc.vegalite_to_png(_spec(chart), scale=scale)
    return png


def to_svg(chart: Any) -> str:
    """An SVG of the chart (an Altair chart or its spec)."""
    import vl_convert as vlc

    svg: str = vlc.vegalite_to_svg(_spec(chart))
    return svg


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


def energy_alt_text(points: pd.DataFrame, demand: pd.DataFrame, net_importer_from: int | None) -> str:
    """A sentence describing the energy chart, built from its data."""
    parts = [f"{r['label']}, {r['series']}" for _, r in points.iterrows()]
    parts += [f"implied demand {r['label']} in {int(r['year'])}" for _, r in demand.iterrows()]
    text = "Chart of China's oil imports in million tonnes a year: " + "; ".join(parts) + "."
    text += " The projection is drawn as a band between constant-growth paths from the reported figure."
    if net_importer_from is not None:
        text += f" A dashed line marks {net_importer_from}, when the essay says China became a net oil importer."
    return text


def crude_alt_text(crude: pd.DataFrame) -> str:
    """A sentence describing the EIA crude chart, built from its data."""
    if crude.empty:
        return "No crude-oil data."
    first, last = crude.iloc[0], crude.iloc[-1]
    positive = crude.loc[crude["value"] > 0, "year"]
    turn = f" Net imports are positive from {int(positive.min())}." if not positive.empty else ""
    return (
        f"Line chart of China's crude-oil net imports (U.S. EIA), {int(first['year'])} to {int(last['year'])}, "
        f"in thousand barrels a day: {first['value']:,.0f} in {int(first['year'])}, {last['value']:,.0f} in {int(last['year'])}.{turn}"
    )
