"""Chart builders: (tidy frame, metadata) -> Altair chart, pure, no Streamlit.

``style`` holds what every chart shares (theme, colours, legends, sizes, source lines); ``bars`` the compare
and border charts; ``energy`` the oil charts; ``map`` the region map; ``images`` the PNG/SVG export.
Importing the package registers and enables the house theme.
"""

from __future__ import annotations

from indicators.charts.bars import alt_text, border_chart, compare_chart
from indicators.charts.energy import crude_alt_text, crude_chart, energy_alt_text, energy_chart
from indicators.charts.images import export_spec, javascript_bundle, to_png, to_svg
from indicators.charts.map import (
    MAP_DIALOGUE,
    MAP_FRAME,
    MAP_MEMBER,
    MAP_NEIGHBOUR,
    MAP_OBSERVER,
    MAP_PARTNER,
    MAP_POSSIBLE,
    MAP_SOURCE,
    MAP_TOPOLOGY,
    ROLE_WORDS,
    STATUS_ROLES,
    label_points,
    load_topology,
    region_map,
)
from indicators.charts.render import RenderError
from indicators.charts.style import EXPORT_WIDTH, SUBTITLE_WIDTH, TEXT_SIZE, notes_of, title_of

__all__ = [
    "EXPORT_WIDTH",
    "MAP_DIALOGUE",
    "MAP_FRAME",
    "MAP_MEMBER",
    "MAP_NEIGHBOUR",
    "MAP_OBSERVER",
    "MAP_PARTNER",
    "MAP_POSSIBLE",
    "MAP_SOURCE",
    "MAP_TOPOLOGY",
    "ROLE_WORDS",
    "STATUS_ROLES",
    "SUBTITLE_WIDTH",
    "TEXT_SIZE",
    "RenderError",
    "alt_text",
    "border_chart",
    "compare_chart",
    "crude_alt_text",
    "crude_chart",
    "energy_alt_text",
    "energy_chart",
    "export_spec",
    "javascript_bundle",
    "label_points",
    "load_topology",
    "notes_of",
    "region_map",
    "title_of",
    "to_png",
    "to_svg",
]
