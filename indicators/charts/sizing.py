"""A chart's spec redrawn for a room: a slide or a full screen, with every text large enough to read from the back.

The screen charts are laid out for a column of the dashboard (14-px ticks and legends). On a slide the picture is
drawn at the slide's own size, one pixel to one point, so a text of ``n`` pixels in the spec is ``n`` points on
the slide. :func:`room_spec` takes any chart's spec (whatever its title or subtitle hold) and returns it at a given
size with every font enlarged in proportion and none below :data:`MIN_ROOM_TEXT`; the spacing that goes with the
text (label offsets, legend symbols and padding) grows with it, so labels keep clear of their marks.
"""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Iterator
from typing import Any

from indicators.charts.map import relabel
from indicators.charts.style import TEXT_SIZE

#: The smallest text in a chart drawn for a room, in pixels (= points on a slide, drawn one pixel to the point):
#: slide guidance asks for at least 18 pt.
MIN_ROOM_TEXT = 18

#: How much every text grows: the screen's smallest text (:data:`TEXT_SIZE`) becomes :data:`MIN_ROOM_TEXT`.
ROOM_FACTOR = MIN_ROOM_TEXT / TEXT_SIZE

#: Room at the right of a chart drawn for a room, in pixels: about six characters of its largest labels.
LABEL_ROOM = 6 * MIN_ROOM_TEXT

#: Lengths that go with a text and grow with it (pixels): a text mark's offsets, legend and axis spacing, label limits.
_LENGTHS = frozenset(
    {"dx", "dy", "labelOffset", "labelPadding", "columnPadding", "rowPadding", "titlePadding", "labelLimit", "offset"}
)


def room_spec(spec: dict[str, Any], width: int | str, height: int | str, legends_right: bool = False) -> dict[str, Any]:
    """``spec`` drawn ``width`` × ``height`` pixels (either may be ``"container"``), its texts enlarged by
    :data:`ROOM_FACTOR` and none under :data:`MIN_ROOM_TEXT` pixels.

    ``legends_right``: every legend to the right of the plot, one entry a line, where its entries are short (a wide
    screen has room there, and the plot keeps its height). The title block and the footer go (:func:`unframed`): a
    slide or the present page states them as text around the picture, in type sized for the room.
    """
    # A map's names are placed again for the room's size: enlarged where they stood, they would run into each other.
    out = unframed(relabel(spec, height if isinstance(height, int) else None, ROOM_FACTOR))
    # Every font size grows by ROOM_FACTOR (to at least MIN_ROOM_TEXT), the spacing that goes with text in proportion,
    # and legend symbols' areas by its square. Data rows are left as they are.
    # A rotated y title longer than about half the picture's height goes over two or more lines (longer than its
    # axis, it would be cut at the picture's edge).
    fits = max(12, int(0.5 * height / (MIN_ROOM_TEXT * 0.55))) if isinstance(height, int) else 0
    for node in _nodes(out):
        x, y = node.get("x"), node.get("y")
        # Four-digit years under a time axis say what it is: the line its title took goes to the plot.
        if isinstance(x, dict) and x.get("title") == "Year":
            x["title"] = None
        for holder in (y, y.get("axis")) if isinstance(y, dict) and fits else ():
            if isinstance(holder, dict) and isinstance(holder.get("title"), str) and len(holder["title"]) > fits:
                holder["title"] = textwrap.wrap(holder["title"], max(fits, len(holder["title"]) // 2 + 1))
        for key, value in node.items():
            if not isinstance(value, int | float) or isinstance(value, bool):
                continue
            if key == "fontSize" or key.endswith("FontSize"):
                node[key] = round(max(value * ROOM_FACTOR, MIN_ROOM_TEXT), 1)
            elif key in _LENGTHS:
                node[key] = round(value * ROOM_FACTOR, 1)
            elif key == "symbolSize":
                node[key] = round(value * ROOM_FACTOR * ROOM_FACTOR)
    # Every kind of text gets an explicit size, so none falls back to Vega's small defaults (10-11 px).
    for part in ("axis", "legend", "text", "mark"):
        section = out.setdefault("config", {}).setdefault(part, {})
        for key in ("labelFontSize", "titleFontSize") if part in ("axis", "legend") else ("fontSize",):
            section[key] = max(section.get(key, 0), MIN_ROOM_TEXT)
    # autosize: the layout is measured again once the enlarged labels are placed, so the bar labels at the right keep
    # inside the picture.
    out.update(width=width, height=height, autosize={"type": "fit", "contains": "padding"})
    # Labels written after a bar's end, and legend labels, may run past the plot; the screen charts leave room for
    # them at screen size, the enlarged ones need more at the right.
    padding = out["padding"] if isinstance(out.get("padding"), dict) else {}
    out["padding"] = {**padding, "right": max(padding.get("right", 0), LABEL_ROOM)}
    legended = [node for node in _nodes(out) if isinstance(node.get("legend"), dict)]
    # A legend's entries are the domain of its scale: short ones fit two columns, or the right of the plot.
    scales = [node["scale"] for node in legended if isinstance(node.get("scale"), dict)]
    entries = [v for scale in scales for v in scale.get("domain", []) if isinstance(v, str)]
    short = max(map(len, entries), default=0) <= RIGHT_LEGEND_CHARS
    for legend in (node["legend"] for node in legended):
        if "projection" in out:
            # A map is as tall as it is wide: its legends go to its right, where a wide slide has room, not under it.
            legend.update(orient="right", direction="vertical", columns=1)
        elif legends_right and short:
            # Beyond the labels written after the plot's right edge (line ends, bar values), which Vega does not
            # count when it places a legend.
            legend.update(orient="right", direction="vertical", columns=1, offset=LABEL_ROOM + MIN_ROOM_TEXT)
        elif legend.get("orient") == "bottom":
            # Two columns of short entries; one entry a line for long ones (enlarged, they would run past the edge).
            # Rows packed close (a slide has little height to spare for the plot).
            legend.update(columns=2 if short else 1, offset=8, rowPadding=2, symbolSize=160)
    return out


#: Longest legend entry (characters) that goes to the right of the plot on a wide screen; a longer one would take
#: the plot's width, so its legend stays beneath.
RIGHT_LEGEND_CHARS = 44


def unframed(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` without its title block and the footer (unit, sources) a framed chart carries as its
    legend's title: for a slide or a page that states them as text around the chart."""
    out = copy.deepcopy(spec)
    out.pop("title", None)
    for node in _nodes(out):
        legend = node.get("legend")
        if isinstance(legend, dict) and legend.get("titleOrient") == "bottom":
            for key in [k for k in legend if k.startswith("title")]:
                del legend[key]
            legend["title"] = None
    return out


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in a spec, its data rows left out."""
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key not in ("values", "datasets"):
                yield from _nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _nodes(item)
