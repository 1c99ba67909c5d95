"""The region map: members, the neighbour in the border statements and possible members, with labels.

The shapes come pre-cut and pre-simplified (``scripts/prepare_geo.py``), each with its label position, so
nothing here computes geometry.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from indicators.charts.style import WIDTH, country_scale, records, titled

MAP_SOURCE = "Boundaries: Natural Earth (public domain); de facto boundaries, no endorsement implied."

#: The map's shapes as shipped: the countries in the map's frame, simplified, one label position each (data/geo/SOURCE.md).
MAP_TOPOLOGY = "sco_region_map.topo.json"


def load_topology(path: str | Path) -> dict[str, Any]:
    """A TopoJSON file as a dict (drawn as is: the shipped map file needs no processing)."""
    topo: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return topo


def label_points(topo: dict[str, Any], codes: Sequence[str]) -> pd.DataFrame:
    """The label position stored with each of ``codes`` (properties ``label_lon``, ``label_lat``)."""
    rows = [
        {
            "iso3": props["iso3"],
            "name": props["name"],
            "lon": float(props["label_lon"]),
            "lat": float(props["label_lat"]),
        }
        for props in (geom["properties"] for geom in topo["objects"]["countries"]["geometries"])
        if props["iso3"] in codes
    ]
    return pd.DataFrame(rows, columns=["iso3", "name", "lon", "lat"])


MAP_MEMBER = "SCO founding member"
MAP_POSSIBLE = "named by the essay as a possible member"


def region_map(topo: dict[str, Any], roles: pd.DataFrame, width: int = WIDTH, height: int = 430) -> alt.LayerChart:
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
    lookup = records(roles, ["iso3", "country", "role", "borders"])
    tooltip = [
        alt.Tooltip("country:N", title="Country"),
        alt.Tooltip("role:N", title="Role"),
        alt.Tooltip("borders:N", title="Borders stated in the essay"),
    ]

    def shapes(test: str) -> alt.Chart:
        shape: alt.Chart = (  # Altair types its mark_* methods as returning Any
            alt.Chart()
            .mark_geoshape(stroke="#ffffff", strokeWidth=0.9, clip=True)
            .transform_lookup(lookup="properties.iso3", from_=alt.LookupData(lookup, "iso3", ["country", "role", "borders"]))
            .transform_filter(test)
            .project(**projection)
        )
        return shape

    members = shapes(f"datum.role == '{MAP_MEMBER}'").encode(
        color=alt.Color("country:N", scale=country_scale(), legend=None), tooltip=tooltip
    )
    others = (
        shapes(f"isValid(datum.role) && datum.role != '{MAP_MEMBER}'")
        .transform_calculate(fill=f"datum.role == '{MAP_POSSIBLE}' ? '#d9d9d9' : '#a8a8a8'")
        .encode(color=alt.Color("fill:N", scale=None), tooltip=tooltip)
    )
    points = label_points(topo, list(roles["iso3"])).merge(roles[["iso3", "role"]], on="iso3")
    points = records(points, ["iso3", "name", "lon", "lat", "role"])
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
    chart = alt.LayerChart(data=countries, layer=[backdrop, members, others, labels, minor]).properties(
        width=width, height=height
    )
    return titled(
        chart,
        "SCO founding members and the neighbours the essay names",
        [
            "Coloured: the six founding members (fixed colours). Dark grey: neighbours in the essay's border statements.",
            "Light grey, italic: countries the essay names as possible future members.",
            MAP_SOURCE,
        ],
    )
