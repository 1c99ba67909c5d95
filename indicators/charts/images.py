"""PNG and SVG of a chart (for slides), rendered on the server by vl-convert."""

from __future__ import annotations

from typing import Any

import altair as alt

#: A chart as Altair built it, or its Vega-Lite spec (what a cached view keeps).
ChartOrSpec = alt.TopLevelMixin | dict[str, Any]


def _spec(chart: ChartOrSpec) -> dict[str, Any]:
    return chart if isinstance(chart, dict) else chart.to_dict()


def to_png(chart: ChartOrSpec, scale: float = 2.0) -> bytes:
    """A PNG of the chart at ``scale``× (for slides)."""
    import vl_convert as vlc

    png: bytes = vlc.vegalite_to_png(_spec(chart), scale=scale)
    return png


def to_svg(chart: ChartOrSpec) -> str:
    """An SVG of the chart."""
    import vl_convert as vlc

    svg: str = vlc.vegalite_to_svg(_spec(chart))
    return svg
