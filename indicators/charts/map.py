"""The region map: members, the neighbour in the border statements and possible members, with labels.

The shapes come pre-cut and pre-simplified (``scripts/prepare_geo.py``), each with its label position in degrees
and in the plot's pixels (where Vega draws it at :data:`MAP_LAYOUT_WIDTH`), so nothing here computes geometry.
"""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import altair as alt
import pandas as pd

from indicators.charts.style import LABEL_SIZE, TEXT_SIZE, chart_height, fit_container, records, titled, tooltips

MAP_SOURCE = "Boundaries: Natural Earth (public domain); de facto boundaries, no endorsement implied."

#: The map's shapes as shipped: the countries in the map's frame, simplified, one label position each (data/geo/SOURCE.md).
MAP_TOPOLOGY = "sco_region_map.topo.json"


def load_topology(path: str | Path) -> dict[str, Any]:
    """A TopoJSON file as a dict (drawn as is: the shipped map file needs no processing)."""
    topo: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return topo


def label_points(topo: dict[str, Any], codes: Sequence[str]) -> pd.DataFrame:
    """The label position stored with each of ``codes``: ``lon``, ``lat`` in degrees, ``x``, ``y`` in the plot's pixels."""
    columns = {"iso3": "iso3", "name": "name", "label_lon": "lon", "label_lat": "lat", "label_x": "x", "label_y": "y"}
    rows = [geom["properties"] for geom in topo["objects"]["countries"]["geometries"] if geom["properties"]["iso3"] in codes]
    return pd.DataFrame(rows, columns=list(columns)).rename(columns=columns)


MAP_MEMBER = "SCO member"
MAP_OBSERVER = "SCO observer"
MAP_DIALOGUE = "SCO dialogue partner"
MAP_PARTNER = "SCO partner (from 1 September 2025)"
MAP_NEIGHBOUR = "neighbour in the essay's border statements"
MAP_POSSIBLE = "named by the essay as a possible member"
#: The map's role for each SCO status other than member (membership.csv's ``status``).
STATUS_ROLES = {"observer": MAP_OBSERVER, "dialogue_partner": MAP_DIALOGUE, "partner": MAP_PARTNER}
#: Each other role's fill (pale blue, green and purple for the SCO's statuses, greys for the essay's countries), its
#: marker's shape and both in words, for the map's alt text. Each SCO status is told by a marker too, not by its fill
#: alone (a small country shows only its marker). The essay's countries have no marker: their legend swatch is a
#: square, like a filled area.
ROLE_STYLES = {
    MAP_OBSERVER: ("#9db7d5", "circle", "in pale blue with a circle, its observers"),
    MAP_DIALOGUE: ("#b3d5a0", "triangle-up", "in pale green with a triangle, its dialogue partners"),
    MAP_PARTNER: ("#c9b3dd", "diamond", "in pale purple with a diamond, its partners"),
    MAP_NEIGHBOUR: ("#a8a8a8", "square", "in dark grey, the neighbours in the essay's border statements"),
    MAP_POSSIBLE: ("#d9d9d9", "square", "in light grey, the other countries the essay names as possible members"),
}
ROLE_WORDS = {role: words for role, (_, _, words) in ROLE_STYLES.items()}
MARKED = list(STATUS_ROLES.values())
MARKER_SIZE = 70  # square pixels
MARKER_BOX = 11  # pixels a marker covers, for the names' placement

#: What the map must show (west, south, east, north, in degrees): all of China (73–135°E, 18–54°N) and the
#: Central Asian members, Belarus (a member since 2024), Egypt, Turkey and the Caucasus in the west, Sri Lanka and
#: Cambodia in the south (SCO dialogue partners), Russia to 66°N. The Maldives reach south of it, and are named. The projection is fitted to this frame at whatever size the chart is drawn.
MAP_FRAME = (23.0, 3.0, 136.0, 66.0)
MAP_PLOT_HEIGHT = 560


def map_projection(step: float = 2.0) -> alt.Projection:
    """The map's projection, fitted to points along :data:`MAP_FRAME`'s edges (which curve in a conic)."""
    west, south, east, north = MAP_FRAME
    lons = [west + i * step for i in range(int((east - west) / step) + 1)] + [east]
    lats = [south + i * step for i in range(int((north - south) / step) + 1)] + [north]
    points = [[lon, lat] for lon in lons for lat in (south, north)] + [[lon, lat] for lat in lats for lon in (west, east)]
    outline = {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": points}}
    # The conic's standard parallels, a sixth of the frame's height in from its top and bottom (the usual rule), and
    # its central meridian, the frame's middle: the frame is drawn with little distortion.
    parallels = [south + (north - south) / 6, north - (north - south) / 6]
    return alt.Projection(type="conicEqualArea", parallels=parallels, rotate=[-(west + east) / 2, 0, 0], fit=outline)


#: Narrowest plot the labels are placed for: the map's column at a 1280-px window. Wider, the map grows and the
#: names (fixed in size) only move apart. The map file's pixel positions are for this size (``scripts/prepare_geo.py``).
MAP_LAYOUT_WIDTH = 780

#: Where a name may go relative to its point, in order of preference: (x, y direction, align, baseline).
LABEL_PLACES: dict[str, tuple[int, int, Literal["left", "center", "right"], Literal["top", "middle", "bottom"]]] = {
    "on": (0, 0, "center", "middle"),
    "above": (0, -1, "center", "bottom"),
    "below": (0, 1, "center", "top"),
    "right": (1, 0, "left", "middle"),
    "left": (-1, 0, "right", "middle"),
    "above right": (1, -1, "left", "bottom"),
    "above left": (-1, -1, "right", "bottom"),
    "below right": (1, 1, "left", "top"),
    "below left": (-1, 1, "right", "top"),
}
LABEL_GAP = 4  # pixels between a moved name and its point
LABEL_CLEARANCE = 1.5  # pixels added around each name, so two names keep 3 px apart
CHAR_WIDTH = 0.58  # a generous average glyph width, in font sizes, for the names (bold sans-serif: about 0.53)


def place_labels(
    points: pd.DataFrame, width: float = MAP_LAYOUT_WIDTH, height: float = MAP_PLOT_HEIGHT, scale: float = 1.0, drop: bool = False
) -> list[str | None]:
    """A place (a key of :data:`LABEL_PLACES`) for each name, so that no two names overlap and each stays in the plot.

    Names are placed in the order of ``points`` (members first, each at its pixel ``x``, ``y``), each at the first
    place in the plot that keeps clear of the names already placed; where none does, at the place that overlaps
    them least, or with ``drop`` nowhere (None) unless it is a member's. ``scale``: the names' size relative to the map, as drawn in a room.
    """
    marked = points["role"].isin(MARKED).tolist()
    half = MARKER_BOX / 2
    # Markers sit on their points: every name keeps clear of them, and a marked country's name never goes on it.
    taken: list[tuple[float, float, float, float]] = [
        (x - half, y - half, x + half, y + half) for x, y, m in zip(points["x"], points["y"], marked, strict=True) if m
    ]
    places = []
    for (_, row), has_marker in zip(points.iterrows(), marked, strict=True):
        size = (LABEL_SIZE if row["role"] != MAP_POSSIBLE else TEXT_SIZE) * scale
        w, h = len(str(row["name"])) * size * CHAR_WIDTH, size * 1.2
        x, y = float(row["x"]), float(row["y"])
        gap = LABEL_GAP + (half if has_marker else 0)
        candidates = []
        for place, (sx, sy, _, _) in LABEL_PLACES.items():
            if has_marker and place == "on":
                continue
            cx, cy = x + sx * (w / 2 + gap), y + sy * (h / 2 + gap)
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            box = (box[0] - LABEL_CLEARANCE, box[1] - LABEL_CLEARANCE, box[2] + LABEL_CLEARANCE, box[3] + LABEL_CLEARANCE)
            overlap = sum(
                max(0.0, min(box[2], b[2]) - max(box[0], b[0])) * max(0.0, min(box[3], b[3]) - max(box[1], b[1])) for b in taken
            )
            candidates.append((overlap, place, box))
        # A member's name is always drawn; with ``drop``, another country's name only where it is clear.
        leave = drop and row["role"] != MAP_MEMBER
        best = min(candidates, key=lambda c: c[0], default=None)  # the first free place, if any
        if best is None:
            places.append(None if leave else "right" if has_marker else "on")
        elif best[0] and leave:
            places.append(None)
        else:
            places.append(best[1])
            taken.append(best[2])
    return places


def region_map(
    topo: dict[str, Any], roles: pd.DataFrame, year: int, outside: Sequence[str] = (), notes: Sequence[str] = ()
) -> alt.LayerChart:
    """The SCO in ``year``: members in their fixed colours, observers, dialogue partners and partners in pale fills
    with a marker each, the other countries the essay names in greys, each named; legends below. ``outside`` names
    the countries of ``roles`` that lie outside the map's frame, which the subtitle then names; ``notes`` are further
    subtitle lines.

    ``roles``: iso3, country (name), role (:data:`MAP_MEMBER`, a value of :data:`STATUS_ROLES`, :data:`MAP_NEIGHBOUR`
    or :data:`MAP_POSSIBLE`), detail, borders (text of the stated borders touching the country), colour (the
    member's own).
    """
    countries = alt.Data(values=topo, format=alt.DataFormat(type="topojson", feature="countries"))  # type: ignore[no-untyped-call]
    # The shapes are inlined once, at the top, and shared by the shape layers.
    backdrop = (
        alt.Chart().mark_geoshape(fill="#f1f1f1", stroke="#ffffff", strokeWidth=0.6, clip=True).encode(tooltip=alt.value(None))
    )
    fields = ["country", "role", "detail", "borders", "colour"]
    lookup = alt.LookupData(records(roles, ["iso3", *fields]), "iso3", fields)
    tooltip = tooltips("country:N", "detail:N", "borders:N", detail="Role", borders="Borders stated in the essay")
    shapes: alt.Chart = (  # Altair types its mark_* methods as returning Any
        alt.Chart()
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.9, clip=True)
        .transform_lookup(lookup="properties.iso3", from_=lookup)
    )
    shown = roles[roles["role"] == MAP_MEMBER]
    scale = alt.Scale(domain=list(shown["country"]), range=list(shown["colour"]))
    key = alt.Legend(title=f"SCO members, {year}", orient="bottom", direction="horizontal", columns=4, offset=16)
    members = shapes.transform_filter(f"datum.role == '{MAP_MEMBER}'").encode(
        color=alt.Color("country:N", scale=scale, legend=key), tooltip=tooltip
    )
    other_roles = [r for r in ROLE_STYLES if r in set(roles["role"])]
    # One legend for the shapes' fills and the markers' fills and shapes: the same title, so they merge.
    legend = alt.Legend(
        title=f"Other countries, {year}",
        orient="bottom",
        direction="vertical",
        offset=16,
        symbolSize=MARKER_SIZE * 1.5,
        symbolStrokeColor="#333333",
        symbolStrokeWidth=0.8,
    )

    def by_role(part: int) -> alt.Scale:
        return alt.Scale(domain=other_roles, range=[ROLE_STYLES[r][part] for r in other_roles])

    fill = alt.Fill("role:N", scale=by_role(0), legend=legend)
    others = shapes.transform_filter(f"isValid(datum.role) && datum.role != '{MAP_MEMBER}'").encode(fill=fill, tooltip=tooltip)
    # In the order of ``roles`` (members first), which is the order names are placed in.
    points = roles[["iso3", "role", "country", "detail"]].merge(label_points(topo, list(roles["iso3"])), on="iso3")
    places = place_labels(points)
    meta = records(points, ["iso3", "name", "lon", "lat", "x", "y", "role"]).to_dict("records")
    points = records(points, ["iso3", "name", "lon", "lat", "role", "country", "detail"])
    points["place"] = places
    points["marker"] = points["role"].isin(MARKED)
    # The legend of the other countries comes from the markers: each status by its fill and its shape.
    markers = (
        alt.Chart(points[points["marker"]])
        .mark_point(filled=True, size=MARKER_SIZE, stroke="#333333", strokeWidth=0.8, opacity=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            fill=fill,
            shape=alt.Shape("role:N", scale=by_role(1), legend=legend),
            tooltip=tooltips("country:N", "detail:N", detail="Role"),
        )
    )
    # One projection for every layer, stated once.
    names = name_layers(points)
    chart = alt.LayerChart(data=countries, layer=[backdrop, members, others, markers, *names], projection=map_projection())
    subtitle = ["Hover a country for its SCO status and the borders the essay states for it.", MAP_SOURCE, *notes]
    if outside:
        # Never show part of the membership as the whole: say who lies outside the map's frame.
        subtitle.append("Outside this map's frame: " + ", ".join(outside) + ".")
    height = chart_height(MAP_PLOT_HEIGHT, len(subtitle), legend_rows=max(3, len(other_roles)), axis=False)
    out = fit_container(titled(chart, map_title(year, set(roles["role"])), subtitle), height)
    # The names' points, for a room to place them again at its own size (:func:`relabel`).
    out.usermeta = {**out.usermeta, NAMES_META: meta}
    return out


def name_layers(points: pd.DataFrame) -> list[alt.Chart]:
    """The names' text layers: ``points`` with name, lon, lat, role and place (a key of :data:`LABEL_PLACES`); one
    layer for each place and style (a name beside a status marker keeps clear of it)."""
    names = []
    is_possible, has_marker = points["role"] == MAP_POSSIBLE, points["role"].isin(MARKED)
    for place, (sx, sy, align, baseline) in LABEL_PLACES.items():
        for possible, marked in ((False, False), (False, True), (True, False)):
            style: dict[str, Any] = (
                {"fontSize": TEXT_SIZE, "fontStyle": "italic", "color": "#444444"}
                if possible
                else {"fontSize": LABEL_SIZE, "fontWeight": "bold", "color": "#222222"}
            )
            here = points[(points["place"] == place) & (is_possible == possible) & (has_marker == marked)]
            if here.empty:
                continue
            gap = LABEL_GAP + (MARKER_BOX / 2 if marked else 0)
            names.append(
                alt.Chart(here[["name", "lon", "lat"]])
                .mark_text(align=align, baseline=baseline, dx=sx * gap, dy=sy * gap, **style)
                .encode(longitude="lon:Q", latitude="lat:Q", text="name:N", tooltip=alt.value(None))
            )
    return names


#: The key in a map spec's ``usermeta`` under which its names' points are kept.
NAMES_META = "map_names"


#: Plot heights (pixels) a room's map places its names for where its height is the screen's ("container"): each set
#: of names is shown from its height up to the next, so a large screen names more than a small one.
ROOM_HEIGHTS = (420, 560, 720)


def relabel(spec: dict[str, Any], plot_height: float | None, scale: float) -> dict[str, Any]:
    """A map's spec with its names placed again for a room: drawn ``plot_height`` pixels high (None: as high as the
    screen allows, one set of names for each of :data:`ROOM_HEIGHTS`, each shown at its height) with every text
    ``scale`` times its size. A name that finds no free place there is left out, and a note beneath the plot
    names it (a crowd of overlapping names would be unreadable; an unnamed country must not pass unnoticed).
    Any other spec is returned as it is."""
    rows = spec.get("usermeta", {}).get(NAMES_META)
    if not rows or "layer" not in spec:
        return spec
    points = pd.DataFrame(rows)
    # Members first, as on the screen, but the most crowded first (those with most other points within 120 px at the
    # layout's size): a large country's name has room to move, a small one's in a crowd has not.
    xy = list(zip(points["x"], points["y"], strict=True))
    near = [sum(math.dist(a, b) < 120 for b in xy) for a in xy]
    # Then the neighbour of the essay's border statements, before the other countries.
    rank = points["role"].map({MAP_MEMBER: 0, MAP_NEIGHBOUR: 1}).fillna(2)
    points = points.assign(near=near, rank=rank).sort_values(["rank", "near"], ascending=[True, False])
    out = dict(spec, datasets=dict(spec.get("datasets", {})))
    # The names are the layers placed by longitude that write a text (the markers draw none).
    layers = [layer for layer in spec["layer"] if not {"longitude", "text"} <= set(layer.get("encoding", {}))]
    heights = [plot_height] if plot_height else list(ROOM_HEIGHTS)
    notes = []
    for i, height in enumerate(heights):
        # At the layout's size a name takes ``scale`` × (layout height / room height) of the size it has on the
        # screen; type in a room runs wider than the estimate made for the screen's font (CHAR_WIDTH): a tenth more.
        places = place_labels(points, scale=scale * MAP_PLOT_HEIGHT / height * 1.1, drop=True)
        shown = " && ".join(
            ([f"height >= {height}"] if i else []) + ([f"height < {heights[i + 1]}"] if i + 1 < len(heights) else [])
        )
        named = points.assign(place=pd.Series(places, index=points.index, dtype=object))
        for chart in name_layers(named[named["place"].notna()]):
            layer = chart.to_dict()
            out["datasets"].update(layer.pop("datasets", {}))
            if shown:
                layer["mark"]["opacity"] = {"expr": f"{shown} ? 1 : 0"}
            layers.append({key: value for key, value in layer.items() if key not in ("$schema", "config")})
        unnamed = [name for name, place in zip(points["name"], places, strict=True) if place is None]
        # Said of the size the names were placed for (a slide, or the present page on a 1280x720 screen), which a
        # larger screen may exceed: the reason stays true on any screen. Wrapped to about the map's width (about 1.2
        # times its height).
        words = "Left unnamed to keep the names apart on a slide or small screen: " + ", ".join(unnamed)
        per_line = max(40, int(1.2 * height / (TEXT_SIZE * scale * CHAR_WIDTH)))
        notes.append((shown, textwrap.wrap(words + " (named on the dashboard's map).", per_line) if unnamed else []))
    if any(lines for _, lines in notes):
        # Beneath the plot: the note of the names shown at the plot's height (none where every name is drawn).
        text: Any = notes[-1][1]
        for shown, lines in reversed(notes[:-1]):
            text = {"expr": f"{shown} ? {json.dumps(lines)} : {json.dumps(text) if isinstance(text, list) else text['expr']}"}
        mark = {
            "type": "text",
            "align": "left",
            "baseline": "top",
            "fontSize": TEXT_SIZE,
            "color": "#333333",
            "dy": 6,
            "text": text,
        }
        layers.append({"data": {"values": [{}]}, "mark": mark, "encoding": {"x": {"value": 0}, "y": {"value": "height"}}})
    out["layer"] = layers
    return out


def map_title(year: int, shown: set[str]) -> str:
    """The map's title, naming only the kinds of country it shows."""
    plurals = {MAP_OBSERVER: "observers", MAP_DIALOGUE: "dialogue partners", MAP_PARTNER: "partners"}
    kinds = ["members", *(plural for role, plural in plurals.items() if role in shown)]
    essay = " and the countries the essay names" if shown & {MAP_NEIGHBOUR, MAP_POSSIBLE} else ""
    return f"The SCO in {year} ({', '.join(kinds)}){essay}"
