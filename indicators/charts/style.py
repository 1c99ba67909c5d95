"""What every chart shares: fonts, the registered theme, fixed colours, the legend panel, source lines.

Each chart carries its title, unit, a source line and its own legend panel, so a
PNG or SVG of it stands alone on a slide.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, TypeVar

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


def num(x: Any) -> float | None:
    if x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def records(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    out = frame[[c for c in columns if c in frame]].copy()
    for c in ("x", "x_lower", "x_upper", "bar_end", "value", "lower", "upper"):
        if c in out:
            out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    for c in out.columns:
        if out[c].dtype == object or str(out[c].dtype) in ("str", "string"):
            out[c] = out[c].where(out[c].notna(), "")
    return out


def legend_panel(items: list[tuple[str, str]], width: int = WIDTH, columns: int = 2) -> alt.LayerChart:
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
    return alt.LayerChart(layer=[*used, label]).properties(width=width, height=height)


Titled = TypeVar("Titled", alt.Chart, alt.LayerChart, alt.VConcatChart)


def titled(chart: Titled, title: str, subtitle: Sequence[str]) -> Titled:
    """The chart with its title and subtitle lines (unit, sources)."""
    return chart.properties(title=alt.TitleParams(text=title, subtitle=list(subtitle)))
