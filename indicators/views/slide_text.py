"""A chart as a slide: its title, unit and source lines and its legend read from the chart's own spec, and
speaker notes made from a view's table (the figures shown, each with the essay's evidence and locator).

No number is made here: every one comes from a view's table or the chart's own text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from indicators.charts.style import LEGEND_BREAK, notes_of
from indicators.views.base import Figure


@dataclass(frozen=True)
class Slide:
    """One chart as a slide: what goes on it and what the speaker is told."""

    title: str
    headline: str  # what the slide says first: the view's finding, or the chart's title when the view has none
    spec: dict[str, Any]  # the chart's Vega-Lite spec, as the page draws it (title, subtitle and legend inside)
    alt_text: str
    unit: tuple[str, ...]  # the subtitle lines before the sources: the unit and what the chart leaves out
    sources: tuple[str, ...]  # the source line(s), as the chart prints them
    legend: str  # the legend panel's entries, as drawn in the chart ("" when the chart has none)
    notes: str  # speaker notes: the figures shown, each with its evidence and where the essay says it
    stem: str  # a file-name stem
    url: str  # the link the slide was made from
    table: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False)  # the figures the chart shows


#: The heading of the notes' list of figures.
FIGURES = "Figures shown, with the essay's evidence and where the essay says it:"


def _text(value: object) -> str:
    """A table cell as text: empty for missing, years without '.0'."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


#: Which column names the thing a row is about, and which holds its figure as printed (the first present wins).
WHAT_COLUMNS = ("Country", "Border", "Quantity")
FIGURE_COLUMNS = ("Figure", "Length", "Result")
#: The details of a figure, in the order a speaker reads them: (label, column).
DETAIL_COLUMNS = (
    ("Basis", "Basis"),
    ("Evidence", "Evidence"),
    ("Where in the essay", "Where in the essay"),
    ("Formula", "Formula"),
    ("Inputs", "Inputs"),
    ("Source", "Source"),
    ("Note", "Note"),
)


def figure_notes(table: pd.DataFrame) -> list[str]:
    """One line per row of a view's table: the figure, its year, and each detail column present and filled.

    Columns are read by name and skipped where a table has none, so every page's table can be read the same way.
    """
    lines = []
    for _, row in table.iterrows():
        what = next((_text(row[c]) for c in WHAT_COLUMNS if c in table and _text(row[c])), "")
        figure = next((_text(row[c]) for c in FIGURE_COLUMNS if c in table and _text(row[c])), "")
        year = _text(row["Year"]) if "Year" in table else ""
        head = ": ".join(t for t in (what, figure) if t) + (f" ({year})" if year else "")
        details = []
        for label, column in DETAIL_COLUMNS:
            text = _text(row[column]) if column in table else ""
            if text:
                details.append(f"{label}: “{text}”" if column == "Evidence" else f"{label}: {text}")
        line = "- " + head + (". " + "; ".join(details) if details else "")
        lines.append(line if line.endswith(".") else line + ".")
    return lines


def record_notes(table: pd.DataFrame) -> list[str]:
    """The record's lines on the over-time chart, summed up per country: years covered and the source."""
    if "Source kind" not in table:
        return []
    record = table[table["Source kind"] == "record"]
    lines = []
    for country, rows in record.groupby("Country", sort=False):
        years = pd.to_numeric(rows["Year"])
        sources = "; ".join(dict.fromkeys(s for s in rows["Source"] if s))
        lines.append(f"- {country}: {len(rows)} values, {int(years.min())}–{int(years.max())}. Source: {sources}.")
    return ["The record (lines):", *lines] if lines else []


def _legend_rows(node: object) -> Iterator[list[dict[str, Any]]]:
    """Every legend layer's rows in a spec: the charts build their legend from a dataset of rows that hold only
    the entry's text (indicators.charts.style.legend_layer)."""
    if isinstance(node, dict):
        for value in node.values():
            yield from _legend_rows(value)
    elif isinstance(node, list):
        if node and all(isinstance(r, dict) and set(r) == {"text"} for r in node):
            yield node
        else:
            for value in node:
                yield from _legend_rows(value)


def legend_text(spec: dict[str, Any]) -> str:
    """The legend's entries as drawn in the chart, in order."""
    texts = [str(r["text"]).replace(LEGEND_BREAK, " ") for rows in _legend_rows(spec) for r in rows]
    return "; ".join(dict.fromkeys(texts))


def title_lines(spec: dict[str, Any]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(title, unit lines, source lines) from the chart's own title and footer.

    The charts put the unit first and the sources last in their footer (or the map's subtitle) ("Unit: …", …, "Source: …" wrapped
    over lines). Everything before the first "Source:" line is the unit block; a chart with no "Source:" line
    (the map) ends with its source, so its last line is taken.
    """
    title = spec.get("title", {})
    if isinstance(title, str):
        return title, (), ()
    text = title.get("text", "")
    text = " ".join(text) if isinstance(text, list) else str(text)
    lines = [line for line in notes_of(spec) if line.strip()]
    first = next((i for i, line in enumerate(lines) if line.startswith("Source:")), max(len(lines) - 1, 0))
    return text, tuple(lines[:first]), tuple(lines[first:])


#: Words that ask a reader to act on a screen: a slide, a printout or an offline page cannot be hovered or clicked.
_INTERACTIVE = re.compile(r"\b(hover|click|select|tap)", re.IGNORECASE)


def for_the_room(text: str) -> str:
    """``text`` without its sentences that ask for hovering, clicking or selecting."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return " ".join(s for s in sentences if s and not _INTERACTIVE.search(s))


def headline(view: object, title: str) -> str:
    """What a slide or the present page says first: the view's one computed sentence (its ``finding``), or the
    chart's title when the view has none."""
    finding = getattr(view, "finding", "")
    return str(finding).strip() if isinstance(finding, str) and finding.strip() else title


def _stem(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def chart_slide(
    figure: Figure,
    note_lines: list[str],
    url: str,
    notices: list[str],
    view: object = None,
    table: pd.DataFrame | None = None,
    more_sources: tuple[str, ...] = (),
) -> Slide:
    """The slide of one chart made from ``url``: its note lines, its legend and sources, and the link's notices.

    ``view`` is the page's view object (its ``finding`` is the headline); ``table`` the figures the chart shows;
    ``more_sources`` source lines the chart's own text does not name (the map's membership table).
    """
    title, unit, sources = title_lines(figure.spec)
    # Lines and sentences that ask for hovering go: nobody in the room holds the mouse.
    unit = tuple(t for t in (for_the_room(line) for line in unit) if t)
    sources = tuple(t for t in (for_the_room(line) for line in (*sources, *more_sources)) if t)
    alt_text = for_the_room(figure.alt_text)
    legend = legend_text(figure.spec)
    finding = headline(view, title or figure.name)
    notes = [finding, "", alt_text, "", "View: " + url]
    if note_lines:
        notes += ["", *note_lines]
    if legend:
        notes += ["", "Legend (in the picture): " + legend]
    notes += ["", *sources]
    if notices:
        notes += ["", "About the link:", *notices]
    return Slide(
        title=title or figure.name,
        headline=finding,
        spec=figure.spec,
        alt_text=alt_text,
        unit=unit,
        sources=sources,
        legend=legend,
        notes="\n".join(notes),
        stem=_stem(figure.name),
        url=url,
        table=pd.DataFrame() if table is None else table,
    )
