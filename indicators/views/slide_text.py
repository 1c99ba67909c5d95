"""A chart as a slide: its title, unit and source lines and its legend read from the chart's own spec, and
speaker notes made from a view's figures (each with the essay's evidence and locator), read by column key.

No number is made here: every one comes from a view's figures or the chart's own text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from indicators.analysis.numbers import missing
from indicators.charts.style import LEGEND_BREAK, notes_of, title_of
from indicators.views.base import HEADERS, Figure


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
    """A cell as text: empty for missing, years without '.0'."""
    if missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


#: The details of a figure a note can give, in the order a speaker reads them: column key -> what the note calls it.
DETAILS = {c: HEADERS[c] for c in ("basis", "evidence", "locator", "formula", "inputs", "source", "note")}


def figure_notes(
    rows: pd.DataFrame, what: str | None, details: Collection[str], figure: str = "label", year: bool = True
) -> list[str]:
    """One line per row of a view's figures, read by column key: what the row is about (column ``what``), its
    ``figure`` as printed, its year and each of ``details`` (keys of :data:`DETAILS`) that is filled.

    Every column named must be there: a column renamed fails here, it does not leave the notes quietly empty.
    """
    columns = [c for c in (what, figure, "year" if year else None) if c] + [c for c in DETAILS if c in details]
    absent = [c for c in [*columns, *details] if c not in rows.columns]
    if absent:
        raise KeyError(f"The figures have no column {', '.join(absent)} for the slide's notes.")
    lines = []
    for row in rows[columns].itertuples(index=False):
        cells = dict(zip(columns, map(_text, row), strict=True))
        head = ": ".join(t for t in (cells.get(what or ""), cells[figure]) if t)
        head += f" ({cells['year']})" if cells.get("year") else ""
        said = [
            f"{DETAILS[c]}: “{cells[c]}”" if c == "evidence" else f"{DETAILS[c]}: {cells[c]}" for c in DETAILS if cells.get(c)
        ]
        line = "- " + head + (". " + "; ".join(said) if said else "")
        lines.append(line if line.endswith(".") else line + ".")
    return lines


def record_notes(lines: pd.DataFrame) -> list[str]:
    """The record's lines on the over-time chart (keyed: country, year, source), summed up per country."""
    said = [
        f"- {country}: {len(rows)} values, {int(rows['year'].min())}–{int(rows['year'].max())}. "
        f"Source: {'; '.join(dict.fromkeys(s for s in rows['source'] if s))}."
        for country, rows in lines.groupby("country", sort=False)
    ]
    return ["The record (lines):", *said] if said else []


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
    lines = [line for line in notes_of(spec) if line.strip()]
    first = next((i for i, line in enumerate(lines) if line.startswith("Source:")), max(len(lines) - 1, 0))
    return title_of(spec), tuple(lines[:first]), tuple(lines[first:])


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
    title = title or figure.name
    # Lines and sentences that ask for hovering go: nobody in the room holds the mouse.
    unit = tuple(t for t in (for_the_room(line) for line in unit) if t)
    sources = tuple(t for t in (for_the_room(line) for line in (*sources, *more_sources)) if t)
    alt_text = for_the_room(figure.alt_text)
    legend = legend_text(figure.spec)
    finding = headline(view, title)
    legend_block = ["Legend (in the picture): " + legend] if legend else []
    link_block = ["About the link:", *notices] if notices else []
    blocks = [[finding], [alt_text], ["View: " + url], note_lines, legend_block, sources, link_block]
    return Slide(
        title=title,
        headline=finding,
        spec=figure.spec,
        alt_text=alt_text,
        unit=unit,
        sources=sources,
        legend=legend,
        notes="\n\n".join("\n".join(block) for block in blocks if block),
        stem=re.sub(r"[^a-z0-9]+", "-", figure.name.lower()).strip("-"),
        url=url,
        table=pd.DataFrame() if table is None else table,
    )
