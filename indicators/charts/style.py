"""What every chart shares: fonts, the registered theme, fixed colours, legends, sizes, source lines.

Each chart carries its title, unit, a source line and its own legend, so a PNG or SVG of it stands alone on a
slide. Each is one layered view, so it can take the width of its column on screen.
"""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

REFERENCE_COLOUR = "#000000"

#: Fill opacity by qualifier (the legend shows what each means).
QUALIFIER_OPACITY = {"exact": 0.95, "approx": 0.45, "lt": 0.08, "gt": 0.95}

#: Fill opacity of a bar filled from the record (a gap the essay leaves), with its full outline.
RECORD_OPACITY = 0.18

#: Width of the PNG and SVG downloads, in pixels (the 2× PNG is twice that): a slide's width at a readable scale.
#: On screen a chart takes the width of its column instead (``width: "container"``).
EXPORT_WIDTH = 1200
ROW_HEIGHT = 40
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"

#: Smallest text on any chart, in pixels (axis ticks, legends, map labels, notes); what reads from the back of a
#: meeting room on a projected 1920-px screen. Labels of values are a size larger, titles larger still.
TEXT_SIZE = 14
LABEL_SIZE = 15
SUBTITLE_SIZE = 15
TITLE_SIZE = 22
#: Line heights (pixels) of the title block, used to size a chart so its plot keeps the height it was given.
TITLE_LINE = 28
SUBTITLE_LINE = 20

ESSAY_SOURCE = "Source: Zhao Huasheng, essay on security building in Central Asia and the SCO (c. 2003)"
#: Characters a subtitle line holds: a 15-px line of about 100 characters is about 720 px wide, inside the narrowest
#: column the dashboard is laid out for (820 px at a 1280-px window); Vega does not wrap titles itself.
SUBTITLE_WIDTH = 100
#: Characters a title line holds: at 22 px about 60 characters fill 720 px, so a long title wraps rather than
#: being cut at the column's edge ("values for 2…").
TITLE_WIDTH = 60


def source_lines(sources: Sequence[str], extra: str = "") -> list[str]:
    """The source line(s) of a chart: the essay, then each source its figures cite, wrapped to the chart's width."""
    cited = [s for s in dict.fromkeys(part.strip() for text in sources for part in str(text).split(";")) if s]
    cited = [s for s in cited if not s.startswith("Zhao Huasheng")]
    return wrap(ESSAY_SOURCE + ("; " + "; ".join(cited) if cited else "") + "." + (" " + extra if extra else ""))


def wrap(text: str, width: int = SUBTITLE_WIDTH) -> list[str]:
    """``text`` as lines of at most ``width`` characters (a longer word keeps a line): subtitle lines by default."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def _theme() -> alt.theme.ThemeConfig:
    labels = {
        "labelFont": FONT,
        "titleFont": FONT,
        "labelColor": "#222222",
        "labelFontSize": TEXT_SIZE,
        "titleFontSize": LABEL_SIZE,
    }
    axis: Any = {**labels, "titleColor": "#333333", "gridColor": "#e6e6e6"}
    legend: Any = {**labels, "titleColor": "#222222", "labelLimit": 0, "titleLimit": 0}
    return alt.theme.ThemeConfig(
        config={
            "font": FONT,
            "background": "#ffffff",
            "view": {"stroke": None},
            # Fonts and colours are named for each part: Streamlit sets its own there unless a chart does.
            "title": {
                "anchor": "start",
                "font": FONT,
                "subtitleFont": FONT,
                "color": "#222222",
                "fontSize": TITLE_SIZE,
                "lineHeight": TITLE_LINE,
                "subtitleFontSize": SUBTITLE_SIZE,
                "subtitleLineHeight": SUBTITLE_LINE,
                "subtitleColor": "#444444",
                "subtitlePadding": 6,
                "offset": 14,
                # Streamlit cuts a title to the column's width unless a limit is set; lines are wrapped beforehand.
                "limit": 0,
            },
            "axis": axis,
            "legend": legend,
            "text": {"fontSize": LABEL_SIZE},
            # Only layers that say what to show have tooltips: Streamlit otherwise shows every field of any mark
            # (a map label's longitude and latitude, say).
            "mark": {"tooltip": False},
        }
    )


alt.theme.register("sco", enable=True)(_theme)


#: The tooltip title of each field the charts show, unless a chart names it otherwise.
TOOLTIP_TITLES = {
    "country": "Country",
    "label": "Figure",
    "qualifier_label": "Qualifier",
    "basis": "Basis",
    "formula": "Formula",
    "year": "Year",
    "source": "Source",
    "locator": "Where in the essay",
    "evidence": "Evidence",
    "note": "Note",
}


def tooltips(*fields: str, **titles: str) -> list[alt.Tooltip]:
    """Tooltips of ``fields`` ("name:type", or "name:type:format"), each titled by ``titles`` or else
    :data:`TOOLTIP_TITLES`. A quantitative year reads as a whole number (2002, not 2,002).
    """
    tips = []
    for field in fields:
        name, kind, *given = field.split(":")
        title = titles.get(name, TOOLTIP_TITLES.get(name, name))
        number = given[0] if given else "d" if (name, kind) == ("year", "Q") else None
        tips.append(alt.Tooltip(f"{name}:{kind}", title=title, format=number) if number else alt.Tooltip(field, title=title))
    return tips


def records(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    out = frame[[c for c in columns if c in frame]].copy()
    for c in ("x", "x_lower", "x_upper", "bar_end", "value", "lower", "upper"):
        if c in out:
            out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    for c in out.columns:
        if out[c].dtype == object or str(out[c].dtype) in ("str", "string"):
            out[c] = out[c].where(out[c].notna(), "")
    return out


GREY = "#555555"
ENERGY_BAND_COLOUR = "#D55E00"
REPORTED_COLOUR = "#0072B2"
#: Figures a person added in their session: a neutral dark grey (no country has a grey), drawn hollow.
ADDED_COLOUR = "#444444"


def _rgba(colour: str, alpha: float) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha:g})"


def _rect(x0: float, y0: float, x1: float, y1: float) -> str:
    return f"M{x0:g},{y0:g}H{x1:g}V{y1:g}H{x0:g}Z"


def _dashes(start: float, stop: float, dash: float, gap: float) -> list[tuple[float, float]]:
    spans, at = [], start
    while at < stop:
        spans.append((at, round(min(at + dash, stop), 3)))
        at = round(at + dash + gap, 3)
    return spans


def _dashed_square(half: float = 0.8, thick: float = 0.14, dash: float = 0.34, gap: float = 0.2) -> str:
    """A square outline drawn as dashes, as one filled SVG path (so the legend needs only shape and fill)."""
    sides = []
    for a, b in _dashes(-half, half, dash, gap):
        sides += [
            _rect(a, -half, b, -half + thick),
            _rect(a, half - thick, b, half),
            _rect(-half, a, -half + thick, b),
            _rect(half - thick, a, half, b),
        ]
    return "".join(sides)


def _dotted_square() -> str:
    """A pale square inside a dotted outline, as one filled SVG path: the "about" bar's legend symbol (the inside
    drawn as thin stripes, lighter than a solid square in the same colour)."""
    stripes = [_rect(-0.55, y, 0.55, y + 0.07) for y in (-0.5, -0.3, -0.1, 0.1, 0.3)]
    return _dashed_square(thick=0.16, dash=0.12, gap=0.14) + "".join(stripes)


#: Legend symbols as (shape, fill): a Vega shape name or an SVG path in the unit square, and a colour with its
#: opacity. Outlines and lines are drawn as filled paths, so a legend entry needs no stroke of its own and the
#: legend merges from two channels (shape and fill) that no plotted layer uses.
LEGEND_SYMBOLS: dict[str, tuple[str, str]] = {
    "solid": ("square", _rgba(GREY, QUALIFIER_OPACITY["exact"])),
    "about": (_dotted_square(), GREY),
    "lt": ("triangle-left", GREY),
    "gt": ("triangle-right", GREY),
    "range": (_rect(-0.9, -0.09, 0.9, 0.09) + _rect(-0.9, -0.5, -0.72, 0.5) + _rect(0.72, -0.5, 0.9, 0.5), GREY),
    "derived": (_dashed_square(), GREY),
    "apart": (_dashed_square(), GREY),
    "reference": ("diamond", REFERENCE_COLOUR),
    "band": ("square", _rgba(ENERGY_BAND_COLOUR, 0.22)),
    "dashed": ("".join(_rect(a, -0.11, b, 0.11) for a, b in _dashes(-1.0, 1.0, 0.4, 0.25)), GREY),
    "point": ("circle", _rgba(REPORTED_COLOUR, 0.6)),
    "line": (_rect(-1.0, -0.12, 1.0, 0.12), GREY),
    "record": ("square", _rgba(GREY, RECORD_OPACITY)),
    "dot": ("circle", GREY),
    "open_dot": ("circle", _rgba(GREY, 0.3)),
    "down": ("triangle-down", GREY),
    "up": ("triangle-up", GREY),
    # A hollow triangle as one filled path: the inner triangle runs the other way round, so it is a hole.
    "added": ("M0,-0.95L0.95,0.75L-0.95,0.75ZM0,-0.45L-0.55,0.5L0.55,0.5Z", ADDED_COLOUR),
}


#: Characters of a legend entry that fit a column of a two-column legend in the narrowest chart (about 720 px of
#: 14-px text); a longer entry puts the legend in one column, and one longer than a line is wrapped.
LEGEND_COLUMN_CHARS = 44
LEGEND_LINE_CHARS = 2 * LEGEND_COLUMN_CHARS
#: Separates the lines of a wrapped legend entry in its text (the legend's label expression splits on it).
LEGEND_BREAK = "\n"


def legend_layout(items: Sequence[tuple[str, str]], columns: int = 2) -> tuple[list[str], int, int]:
    """The entries' texts, each wrapped to :data:`LEGEND_LINE_CHARS` (lines joined by :data:`LEGEND_BREAK`); the
    legend's columns: ``columns`` when every entry fits one, else one, so that no entry runs past the chart's edge;
    and the rows it takes (a wrapped entry counts its lines)."""
    texts = [LEGEND_BREAK.join(wrap(text, LEGEND_LINE_CHARS)) for _, text in items]
    columns = columns if all(len(text) <= LEGEND_COLUMN_CHARS for _, text in items) else 1
    lines = [text.count(LEGEND_BREAK) + 1 for text in texts]
    return texts, columns, sum(max(lines[i : i + columns]) for i in range(0, len(lines), columns))


def legend_layer(items: Sequence[tuple[str, str]], columns: int = 2, notes: Sequence[str] = ()) -> alt.Chart:
    """A legend below the plot, part of the chart (and so of every exported image), that draws no marks itself.

    ``items`` are (symbol key of :data:`LEGEND_SYMBOLS`, text). The legend is Vega-Lite's own, built from the
    scales of an empty layer, so it is laid out with the plot at any width and needs no pixel positions. An entry
    too long for a column puts the legend in one column; one too long for a line is wrapped, never cut.
    ``notes``: the chart's unit and source lines, drawn as the legend's title beneath its entries: the chart's
    footer, inside every exported image, below the plot rather than between the title and the plot.
    """
    texts, columns, _ = legend_layout(items, columns)
    footer: dict[str, Any] = {}
    if notes:
        footer = {
            "titleOrient": "bottom",
            "titleAnchor": "start",
            "titleFontWeight": "normal",
            "titleFontSize": SUBTITLE_SIZE,
            "titleLineHeight": SUBTITLE_LINE,
            "titleColor": "#444444",
            "titlePadding": 10,
        }
    legend = alt.Legend(
        title=list(notes) if notes else None,
        **footer,
        orient="bottom",
        direction="vertical",
        columns=columns,
        labelExpr="split(datum.label, '\\n')",
        columnPadding=32,
        rowPadding=6,
        symbolSize=220,
        labelOffset=10,
        offset=18,
    )

    def scale(part: int) -> alt.Scale:
        return alt.Scale(domain=texts, range=[LEGEND_SYMBOLS[key][part] for key, _ in items])

    layer: alt.Chart = (  # Altair types its mark_* methods as returning Any
        alt.Chart(pd.DataFrame({"text": texts}))
        .mark_point(filled=True, opacity=1)
        .encode(shape=alt.Shape("text:N", scale=scale(0), legend=legend), fill=alt.Fill("text:N", scale=scale(1), legend=legend))
        .transform_filter("false")
    )
    return layer


def legend_items(present: Collection[object], entries: Mapping[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """The entries (of ``entries``, by key: a qualifier, say) of the keys ``present``, so a legend names only what its chart draws."""
    return [entry for key, entry in entries.items() if key in present]


def chart_height(plot: float, subtitle_lines: int, legend_rows: int = 0, axis: bool = True, title_lines: int = 1) -> int:
    """The whole chart's height for a plot ``plot`` pixels tall under a title of ``title_lines`` lines with
    ``subtitle_lines`` lines of subtitle or footer.

    Charts are sized with ``autosize: fit`` (what lets them fill their column, and the screen in fullscreen), which
    makes the plot whatever is left of the height once title, axis and legend are laid out; adding those back here
    keeps the plot at about ``plot`` pixels.
    """
    title = title_lines * TITLE_LINE + subtitle_lines * SUBTITLE_LINE + 20
    legend = legend_rows * 22 + 18 if legend_rows else 0  # 22 pixels a row at TEXT_SIZE (symbol, label, padding)
    # 52 pixels for the x axis with its title, 16 for the padding.
    return round(plot + title + (52 if axis else 0) + legend + 16)


def fit_container(chart: alt.LayerChart, height: int) -> alt.LayerChart:
    """The chart as the dashboard shows it: the column's width, ``height`` pixels in all, drawn as SVG.

    Downloads set their own width (:data:`EXPORT_WIDTH`) at export time, see :mod:`indicators.charts.images`.
    """
    return chart.properties(
        width="container",
        height=height,
        autosize=alt.AutoSizeParams(type="fit", contains="padding"),
        # Set on the chart, not in the theme: Streamlit replaces a chart's missing padding with its own.
        padding={"left": 8, "right": 16, "top": 8, "bottom": 8},
        # SVG on screen, as in the downloads: crisp when projected, and its text can be checked in a browser.
        usermeta={"embedOptions": {"renderer": "svg"}},
    )


def title_lines(title: str) -> list[str]:
    """A chart's title as the lines it is drawn in: at most :data:`TITLE_WIDTH` characters, never cut, broken
    after a clause (a word ending in ":" or ",") where one falls in the line's second half, so "values for 2023"
    stays together."""
    lines: list[str] = []
    words: list[str] = []
    for word in title.split():
        if words and len(" ".join([*words, word])) > TITLE_WIDTH:
            ends = [i for i, w in enumerate(words) if w.endswith((":", ",")) and len(" ".join(words[: i + 1])) > TITLE_WIDTH // 2]
            cut = ends[-1] + 1 if ends else len(words)
            lines.append(" ".join(words[:cut]))
            words = words[cut:]
        words.append(word)
    return [*lines, " ".join(words)] if words else [title]


def titled(chart: alt.LayerChart, title: str, subtitle: Sequence[str] = ()) -> alt.LayerChart:
    """The chart with its title (wrapped over lines) and any subtitle lines."""
    lines = title_lines(title)
    # One line stays a plain string (what a reader of the spec expects); a longer title is Vega's list of lines.
    text: str | list[str] = lines[0] if len(lines) == 1 else lines
    return chart.properties(title=alt.TitleParams(text=text, subtitle=list(subtitle) if subtitle else alt.Undefined))


def framed(
    layers: Sequence[alt.Chart | alt.LayerChart],
    items: Sequence[tuple[str, str]],
    title: str,
    notes: Sequence[str],
    plot: float,
    columns: int = 2,
) -> alt.LayerChart:
    """A chart as every chart page shows it: its title above the plot; beneath it the legend ``items``, then the
    ``notes`` (unit, what is left out, sources) as its footer. ``plot``: the plot's height in pixels."""
    if items:
        # The legend's own shape and fill scales: a layer that draws its shapes unscaled (scale=None) would otherwise
        # share them and take the legend, and with it the footer, away.
        legended = alt.LayerChart(layer=[*layers, legend_layer(items, columns, notes)])
        chart = titled(legended.resolve_scale(shape="independent", fill="independent"), title)
    else:  # no legend to carry the footer: the notes stay in the subtitle
        chart = titled(alt.LayerChart(layer=list(layers)), title, notes)
    rows = legend_layout(items, columns)[2]
    return fit_container(chart, chart_height(plot, len(notes), rows, title_lines=len(title_lines(title))))


def title_of(spec: Mapping[str, Any]) -> str:
    """A chart's title as one line of text (its drawn lines joined)."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, Mapping) else title
    return " ".join(str(t) for t in text) if isinstance(text, list) else str(text)


def notes_of(spec: Mapping[str, Any]) -> list[str]:
    """A chart's unit and source lines, where :func:`framed` put them (its legend's footer) or in its subtitle."""
    for layer in spec.get("layer", []):
        for channel in ("shape", "fill"):
            legend = layer.get("encoding", {}).get(channel, {}).get("legend") or {}
            if legend.get("titleOrient") == "bottom" and legend.get("title"):
                title = legend["title"]
                return [str(title)] if isinstance(title, str) else [str(t) for t in title]
    title = spec.get("title", {})
    subtitle = title.get("subtitle", []) if isinstance(title, Mapping) else []
    return [str(subtitle)] if isinstance(subtitle, str) else [str(s) for s in subtitle]
