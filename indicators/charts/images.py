"""PNG and SVG of a chart (for slides), drawn by vl-convert in a worker process (:mod:`indicators.charts.render`):
a chart that cannot be drawn raises :class:`~indicators.charts.render.RenderError`, never aborts the server."""

from __future__ import annotations

import functools
from typing import Any

import altair as alt

from indicators.charts.render import render
from indicators.charts.style import EXPORT_WIDTH

#: A chart as Altair built it, or its Vega-Lite spec (what a cached view keeps).
ChartOrSpec = alt.TopLevelMixin | dict[str, Any]


def export_spec(chart: ChartOrSpec, width: int = EXPORT_WIDTH) -> dict[str, Any]:
    """The chart's spec at a fixed width: on screen it takes its column's width, a file has no column."""
    spec = dict(chart) if isinstance(chart, dict) else chart.to_dict()
    if spec.get("width") == "container":
        spec["width"] = width
    return spec


def to_png(chart: ChartOrSpec, scale: float = 2.0) -> bytes:
    """A PNG of the chart, :data:`EXPORT_WIDTH` wide at ``scale``× (for slides); RenderError if it cannot be drawn."""
    return render(export_spec(chart), "png", scale)


def to_svg(chart: ChartOrSpec) -> str:
    """An SVG of the chart, :data:`EXPORT_WIDTH` wide; RenderError if it cannot be drawn."""
    return render(export_spec(chart), "svg").decode("utf-8")


@functools.cache
def javascript_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script (about 0.9 MB) that sets ``window.vegaEmbed``: what a page
    needs to draw the charts with nothing fetched. Built once per process (it takes several seconds)."""
    import vl_convert as vlc

    bundle: str = vlc.javascript_bundle("window.vegaEmbed = vegaEmbed;")
    return bundle
