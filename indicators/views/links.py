"""View links: a page's URL (path and query) read back into that page's settings, and the slides of its charts.

A link is what "Link to this view" gives (``/?indicator=population&countries=KAZ,KGZ``, ``/energy?bpt=7.2``).
It is read with the page script's own defaults and checks: a value the page would not accept falls back to the
page's default and is reported as a notice, never raised. Only a path that names no page is an error
(:class:`LinkError`), since there is no page whose defaults could stand in.

Each chart the page shows with those settings becomes a :class:`Slide`: the chart's spec, its title, unit and
source lines (read from the chart's own title and subtitle, so the slide says what the chart says), the legend
drawn in the chart, and speaker notes listing the figures shown with the essay's evidence phrase and locator.
No number is made here: every one comes from a view's table or the chart's own text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pandas as pd

from indicators import charts
from indicators.countries import membership_years
from indicators.dataset import DEFAULT_DATA_DIR, Dataset
from indicators.record import BARRELS_PER_TONNE
from indicators.registry import COMPARE
from indicators.views import borders, compare, energy, over_time
from indicators.views.base import Figure, essay_year, figures_year, has_record

#: URL path (as app.py routes it) -> page. The compare page is the app's default page, at the root.
PAGE_PATHS = {"": "compare", "over_time": "over_time", "borders": "borders", "energy": "energy", "data": "data"}

#: Each chart page in its default settings, in the app's page order: the default deck.
DEFAULT_URLS: tuple[str, ...] = ("/", "/over_time", "/borders", "/energy")

#: The query keys each page reads (keep_in_url writes no others); any other key is reported, then ignored.
PAGE_KEYS = {
    "compare": {"indicator", "share_of", "as_of", "countries", "complete", "reference", "year", "log"},
    "over_time": {"indicator", "countries", "log", "events"},
    "borders": {"groups", "map", "map_year"},
    "energy": {"base_year", "bpt", "crude"},
    "data": {"table", "countries", "q"},
}

#: Flag values the pages read as on (common.flag_from_url); the others they read as off.
ON = ("1", "true", "yes", "on")
OFF = ("0", "false", "no", "off")


class LinkError(ValueError):
    """A link whose path names no page of the dashboard."""


@dataclass(frozen=True)
class Slide:
    """One chart as a slide: what goes on it and what the speaker is told."""

    title: str
    spec: dict[str, Any]  # the chart's Vega-Lite spec, as the page draws it (title, subtitle and legend inside)
    alt_text: str
    unit: tuple[str, ...]  # the subtitle lines before the sources: the unit and what the chart leaves out
    sources: tuple[str, ...]  # the source line(s), as the chart prints them
    legend: str  # the legend panel's entries, as drawn in the chart ("" when the chart has none)
    notes: str  # speaker notes: the figures shown, each with its evidence and where the essay says it
    stem: str  # a file-name stem
    url: str  # the link the slide was made from


@dataclass(frozen=True)
class DeckPlan:
    """The slides of some links, and what in those links was not understood (each notice names its link)."""

    slides: list[Slide]
    notices: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ reading a link


def page_of(url: str) -> tuple[str, str]:
    """(page, query string) of a link; a full URL, a path with a query, or a query alone ("?indicator=gdp_usd")."""
    parts = urlsplit(url.strip())
    path = parts.path.strip("/")
    if path not in PAGE_PATHS:
        known = ", ".join("/" + p for p in PAGE_PATHS)
        raise LinkError(f"'{url}' names no page of the dashboard (the pages are {known}).")
    return PAGE_PATHS[path], parts.query


class Query:
    """A link's query read as the page scripts read theirs (indicators.pages.common: from_url, list_from_url,
    flag_from_url), with the same notices for values that are not offered."""

    def __init__(self, query: str, page: str) -> None:
        # A repeated key counts once, with its last value (as Streamlit's st.query_params.get returns it).
        self.values = {key: values[-1] for key, values in parse_qs(query, keep_blank_values=True).items()}
        self.notices: list[str] = []
        unknown = sorted(set(self.values) - PAGE_KEYS[page])
        if unknown:
            self.notices.append(f"The link's {', '.join(repr(k) for k in unknown)} is not a setting of this page; ignored.")

    def option(self, key: str, options: Sequence[Any], default: Any, describe: Callable[[Any], str] = str) -> Any:
        raw = self.values.get(key)
        if raw is None:
            return default
        for option in options:
            if str(option) == raw:
                return option
        self.notices.append(f"The link's {key} '{raw}' is unknown; showing {describe(default)}.")
        return default

    def options(self, key: str, options: Sequence[str], default: Sequence[str]) -> list[str]:
        raw = self.values.get(key)
        if raw is None:
            return list(default)
        wanted = [part for part in raw.split(",") if part]
        known = [o for o in options if o in wanted]
        unknown = [w for w in wanted if w not in options]
        if unknown:
            self.notices.append(f"The link's {key} names {', '.join(repr(u) for u in unknown)}, not offered here; left out.")
        # As on the page: an empty value is a deliberate empty selection; names all unknown fall back to the default.
        return known if known or not wanted else list(default)

    def flag(self, key: str, default: bool) -> bool:
        raw = self.values.get(key)
        if raw is None:
            return default
        if raw not in ON + OFF:
            # The page reads such a value as off without a word; a deck made from a typed link says so.
            self.notices.append(f"The link's {key} '{raw}' is not on/off (1/0); read as off, as the page does.")
        return raw in ON


# ------------------------------------------------------------------ the slides of each page


#: The heading of the notes' list of figures.
FIGURES = "Figures shown, with the essay's evidence and where the essay says it:"


@dataclass
class _Charts:
    """A page's charts with the note lines that go with each, and its notices."""

    shown: list[tuple[Figure, list[str]]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _compare(ds: Dataset, q: Query) -> _Charts:
    # Mirrors indicators/pages/compare.py: the same menus, defaults and conditions, in the same order.
    offered = [i.id for i in ds.registry.offered(COMPARE)]
    bases = [i.id for i in ds.registry.share_bases()]
    title = {i: ds.indicator(i).title for i in ds.registry}
    essay_as_of = essay_year(ds)
    years_of_change = sorted({*membership_years(ds.membership), essay_as_of})
    indicator = q.option("indicator", offered, offered[0], title.__getitem__)
    share_of = bases[0] if bases else indicator
    is_share = ds.indicator(indicator).is_share
    if is_share and bases:
        share_of = q.option("share_of", bases, bases[0], title.__getitem__)
    as_of = q.option("as_of", years_of_change, essay_as_of)
    members = ds.members_in(as_of)
    countries = q.options("countries", members, members)
    measured = ds.indicator(share_of if is_share else indicator)
    complete = has_record(ds, measured) and q.flag("complete", False)
    years = sorted({int(y) for y in ds.reference.loc[ds.reference["indicator_id"] == measured.reference_indicator, "year"]})
    if not years and measured.is_ratio and measured.numerator:
        years = sorted({int(y) for y in ds.reference.loc[ds.reference["indicator_id"] == measured.numerator, "year"]})
    show_reference = not is_share and bool(years) and has_record(ds, measured) and q.flag("reference", False)
    year = figures_year(ds)
    if show_reference:
        year = q.option("year", years, year if year in years else years[-1])
    log = q.flag("log", False)
    out = _Charts()
    if not countries:
        out.notices.append("No member selected, so there is no chart.")
        return out
    view = compare.compare_view(
        ds, compare.CompareSettings(indicator, tuple(countries), share_of, as_of, complete, show_reference, year, log)
    )
    out.notices += view.notices
    if view.figure is None:
        out.notices.append(view.warning or "No chart with these settings.")
        return out
    out.shown.append((view.figure, [FIGURES, *figure_notes(view.table)]))
    return out


def _over_time(ds: Dataset, q: Query) -> _Charts:
    # Mirrors indicators/pages/over_time.py.
    indicators = [i.id for i in over_time.offered(ds)]
    title = {i: ds.indicator(i).title for i in indicators}
    countries_offered = over_time.record_countries(ds)
    founders = [c for c in ds.members_in(essay_year(ds)) if c in countries_offered]
    indicator = q.option("indicator", indicators, indicators[0], title.__getitem__)
    countries = q.options("countries", countries_offered, founders)
    log = q.flag("log", True)
    events = q.flag("events", True)
    out = _Charts()
    if not countries:
        out.notices.append("No country selected, so there is no chart.")
        return out
    view = over_time.over_time_view(ds, over_time.OverTimeSettings(indicator, tuple(countries), log, events))
    out.notices += view.notices
    if view.figure is None:
        out.notices.append(f"Neither the record nor the essay has {view.title} for the selected countries.")
        return out
    points = over_time.essay_points(ds, ds.indicator(indicator), countries)
    essay = pd.DataFrame(
        {
            "Country": points.get("country"),
            "Figure": points.get("label"),
            "Year": points.get("year"),
            "Basis": points.get("basis"),
            "Evidence": points.get("evidence"),
            "Formula": points.get("formula"),
            "Where in the essay": points.get("locator"),
            "Source": points.get("source"),
        }
    )
    lines = [FIGURES, *figure_notes(essay)] if not essay.empty else ["The essay gives no figure for these countries."]
    out.shown.append((view.figure, lines + record_notes(view.table)))
    return out


def _borders(ds: Dataset, q: Query) -> _Charts:
    # Mirrors indicators/pages/borders.py: the chart, then the map when it is switched on.
    groups = q.flag("groups", True)
    show_map = q.flag("map", True)
    out = _Charts()
    view = borders.borders_view(ds, groups)
    if view.figure is None:
        out.notices.append("No border is left with these settings, so there is no border chart.")
    else:
        no_border = [f"- {r.iloc[0]}: no common border with {r.iloc[1]} ({r.iloc[2]})." for _, r in view.no_border.iterrows()]
        extra = ["Statements without a length:", *no_border] if no_border else []
        out.shown.append((view.figure, [FIGURES, *figure_notes(view.table), *extra]))
    if show_map:
        essay_as_of = essay_year(ds)
        map_years = sorted({*membership_years(ds.membership), essay_as_of, *(int(y) for y in ds.membership["year"])})
        map_year = q.option("map_year", map_years, essay_as_of)
        figure = borders.map_figure(ds, DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY, map_year)
        roles = borders.map_roles(ds, map_year)
        lines = [f"- {r['country']} ({r['role']}): {r['borders']}." for _, r in roles.iterrows()]
        out.shown.append((figure, ["Each country on the map, with the borders the essay states for it:", *lines]))
    return out


def _energy(ds: Dataset, q: Query) -> _Charts:
    # Mirrors indicators/pages/energy.py: the main chart, then the EIA chart in barrels when it is switched on.
    years = energy.base_year_options(ds)
    base_year = q.option("base_year", years, years[0]) if years else None
    factors = [f"{x / 100:g}" for x in range(600, 901)]
    factor = round(float(q.option("bpt", factors, f"{BARRELS_PER_TONNE:g}")), 2)
    crude = q.flag("crude", True)
    out = _Charts()
    view = energy.energy_view(ds, crude, base_year, factor)
    if view.figure is None:
        out.notices.append("The data has no oil-import figures for China, so there is no chart.")
        return out
    outlook = energy.energy_outlook(ds, base_year=base_year, barrels_per_tonne=factor)
    points = outlook.points
    figures = pd.DataFrame(
        {
            "Figure": points["label"],
            "Basis": points["series"],
            "Evidence": points["evidence"],
            "Where in the essay": points["locator"],
            "Source": points["source"],
        }
    )
    lines = [FIGURES, *figure_notes(figures), "The arithmetic:", *figure_notes(view.arithmetic)]
    if view.outcome:
        lines.append(f"What happened: {view.outcome}")
    out.shown.append((view.figure, lines))
    if view.crude is not None:
        said = f"The essay: China a net oil importer from {view.net_importer_from}." if view.net_importer_from else ""
        turned = (
            f"This series: crude-oil net imports positive for good from {view.crude_net_import_from}."
            if view.crude_net_import_from
            else ""
        )
        out.shown.append((view.crude, ["Beside the essay:", *(t for t in (said, turned) if t)]))
    return out


def _data(ds: Dataset, q: Query) -> _Charts:
    return _Charts(notices=["The data page has no chart, so it adds no slide."])


PAGE_CHARTS: dict[str, Callable[[Dataset, Query], _Charts]] = {
    "compare": _compare,
    "over_time": _over_time,
    "borders": _borders,
    "energy": _energy,
    "data": _data,
}


# ------------------------------------------------------------------ notes and chart text


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
    texts = [str(r["text"]) for rows in _legend_rows(spec) for r in rows]
    return "; ".join(dict.fromkeys(texts))


def title_lines(spec: dict[str, Any]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(title, unit lines, source lines) from the chart's own title.

    The charts put the unit first and the sources last in their subtitle ("Unit: …", …, "Source: …" wrapped
    over lines). Everything before the first "Source:" line is the unit block; a chart with no "Source:" line
    (the map) ends with its source, so its last line is taken.
    """
    title = spec.get("title", {})
    if isinstance(title, str):
        return title, (), ()
    text = title.get("text", "")
    text = " ".join(text) if isinstance(text, list) else str(text)
    subtitle = title.get("subtitle", [])
    lines = [str(s) for s in ([subtitle] if isinstance(subtitle, str) else subtitle) if str(s).strip()]
    first = next((i for i, line in enumerate(lines) if line.startswith("Source:")), max(len(lines) - 1, 0))
    return text, tuple(lines[:first]), tuple(lines[first:])


def _stem(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _slide(figure: Figure, note_lines: list[str], url: str, notices: list[str]) -> Slide:
    title, unit, sources = title_lines(figure.spec)
    legend = legend_text(figure.spec)
    notes = [figure.alt_text, "", "View: " + url]
    if note_lines:
        notes += ["", *note_lines]
    if legend:
        notes += ["", "Legend (in the picture): " + legend]
    notes += ["", *sources]
    if notices:
        notes += ["", "About the link:", *notices]
    return Slide(
        title=title or figure.name,
        spec=figure.spec,
        alt_text=figure.alt_text,
        unit=unit,
        sources=sources,
        legend=legend,
        notes="\n".join(notes),
        stem=_stem(figure.name),
        url=url,
    )


def plan_deck(ds: Dataset, urls: Sequence[str]) -> DeckPlan:
    """The slides of each link's charts, in the order given, and the links' notices.

    Raises :class:`LinkError` for a link whose path names no page (checked for every link before any view is built).
    """
    pages = [page_of(url) for url in urls]
    slides: list[Slide] = []
    notices: list[str] = []
    for url, (page, query) in zip(urls, pages, strict=True):
        q = Query(query, page)
        shown = PAGE_CHARTS[page](ds, q)
        said = q.notices + shown.notices
        slides += [_slide(figure, lines, url, said) for figure, lines in shown.shown]
        notices += [f"{url}: {text}" for text in said]
    return DeckPlan(slides, notices)


def slides_for(ds: Dataset, urls: Sequence[str]) -> list[Slide]:
    """The slides of each link's charts (see :func:`plan_deck` for the notices too)."""
    return plan_deck(ds, urls).slides
