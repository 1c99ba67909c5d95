"""Chart builders: (tidy frame, metadata) -> Altair chart, pure, no Streamlit.

``style`` holds what every chart shares (theme, colours, legend panel, source lines); ``bars`` the compare
and border charts; ``energy`` the oil charts; ``map`` the region map; ``images`` the PNG/SVG export.
Importing the package registers and enables the house theme.
"""

from __future__ import annotations

from indicators.charts.bars import alt_text, border_chart, compare_chart, qualifier_legend_items, uncertainty_bars
from indicators.charts.energy import crude_alt_text, crude_chart, energy_alt_text, energy_chart
from indicators.charts.images import to_png, to_svg
from indicators.charts.map import MAP_MEMBER, MAP_POSSIBLE, MAP_SOURCE, MAP_TOPOLOGY, label_points, load_topology, region_map
from indicators.charts.style import (
    COUNTRY_COLOURS,
    ESSAY_SOURCE,
    FONT,
    OTHER_COLOUR,
    QUALIFIER_OPACITY,
    REFERENCE_COLOUR,
    ROW_HEIGHT,
    SUBTITLE_WIDTH,
    WIDTH,
    country_scale,
    source_lines,
)

__all__ = [
    "COUNTRY_COLOURS",
    "ESSAY_SOURCE",
    "FONT",
    "MAP_MEMBER",
    "MAP_POSSIBLE",
    "MAP_SOURCE",
    "MAP_TOPOLOGY",
    "OTHER_COLOUR",
    "QUALIFIER_OPACITY",
    "REFERENCE_COLOUR",
    "ROW_HEIGHT",
    "SUBTITLE_WIDTH",
    "WIDTH",
    "alt_text",
    "border_chart",
    "compare_chart",
    "country_scale",
    "crude_alt_text",
    "crude_chart",
    "energy_alt_text",
    "energy_chart",
    "label_points",
    "load_topology",
    "qualifier_legend_items",
    "region_map",
    "source_lines",
    "to_png",
    "to_svg",
    "uncertainty_bars",
]
