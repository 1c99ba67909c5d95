"""View links: a page's URL (path and query) read back into that page's settings, and the slides of its charts.

A link (``/?indicator=population&countries=KAZ,KGZ``, ``/energy?bpt=7.2``) is read by the page's own reader
(:mod:`indicators.views.readers`): a value the page would not accept falls back to its default with a notice. Only a
path that names no page is an error (:class:`LinkError`): no page's defaults could stand in. Each chart the page shows
becomes a :class:`~indicators.views.slide_text.Slide`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from indicators import charts
from indicators.load.dataset import DEFAULT_DATA_DIR, Dataset
from indicators.pages.registry import PAGES
from indicators.views import borders, compare, energy, over_time
from indicators.views.readers import BordersReader, CompareReader, DataReader, EnergyReader, OverTimeReader, Query
from indicators.views.slide_text import Slide, chart_slide


class LinkError(ValueError):
    """A link whose path names no page of the dashboard."""


@dataclass(frozen=True)
class DeckPlan:
    """The slides of some links, and what in those links was not understood (each notice names its link)."""

    slides: list[Slide]
    notices: list[str] = field(default_factory=list)


def page_of(url: str) -> tuple[str, str]:
    """(page, query string) of a link; a full URL, a path with a query, or a query alone ("?indicator=gdp_usd")."""
    parts = urlsplit(url.strip())
    path = parts.path.strip("/")
    if path not in PAGE_PATHS:
        known = ", ".join("/" + p for p in PAGE_PATHS)
        raise LinkError(f"'{url}' names no page of the dashboard (the pages are {known}).")
    return PAGE_PATHS[path], parts.query


#: One chart of a page: its slide, given the link and the link's notices (:func:`~indicators.views.slide_text.chart_slide`
#: with the chart's note lines, the view it comes from, its figures as a table and source lines its text does not name).
Chart = partial[Slide]
#: A page's charts and its notices.
Charts = tuple[list[Chart], list[str]]


def _chart_of(view: Any, missing: str) -> Charts:
    """The view's one chart and its notices; ``missing`` said too when the view has no chart."""
    if view.figure is None:
        return [], [*view.notices, missing]
    return [partial(chart_slide, view.figure, view.notes(), view=view, table=view.table)], list(view.notices)


def _compare(ds: Dataset, q: Query) -> Charts:
    settings = CompareReader(compare.compare_menu(ds), q).settings()
    if not settings.countries:
        return [], ["No member selected, so there is no chart."]
    view = compare.compare_view(ds, settings)
    return _chart_of(view, view.warning or "No chart with these settings.")


def _over_time(ds: Dataset, q: Query) -> Charts:
    settings = OverTimeReader(ds, q).settings()
    if not settings.countries:
        return [], ["No country selected, so there is no chart."]
    view = over_time.over_time_view(ds, settings)
    return _chart_of(view, f"Neither the record nor the essay has {view.title} for the selected countries.")


def _borders(ds: Dataset, q: Query) -> Charts:
    # As the borders page: the chart, then the map when it is switched on.
    groups, show_map, map_year = BordersReader(ds, q).settings()
    view = borders.borders_view(ds, groups)
    if view.figure is None:
        shown, notices = [], ["No border is left with these settings, so there is no border chart."]
    else:
        shown, notices = [partial(chart_slide, view.figure, view.notes(), view=view, table=view.table)], []
    if show_map:
        figure = borders.map_figure(ds, DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY, map_year)
        roles = borders.map_roles(ds, map_year)
        lines = [f"- {r['country']} ({r['role']}): {r['borders']}." for _, r in roles.iterrows()]
        table = roles[["country", "role", "borders"]].set_axis(["Country", "Role", "Borders the essay states"], axis=1)
        lines = ["Each country on the map, with the borders the essay states for it:", *lines]
        # The sources of the membership the map colours (the dated membership table's).
        ids = ds.membership.loc[ds.membership["year"] <= map_year, "source_id"]
        cited = ds.sources[ds.sources["source_id"].isin(set(ids))]["citation"]
        shown.append(partial(chart_slide, figure, lines, table=table, more_sources=tuple(str(c).strip() for c in cited)))
    return shown, notices


def _energy(ds: Dataset, q: Query) -> Charts:
    # As the energy page: the main chart, then the EIA chart in barrels when it is switched on.
    view = energy.energy_view(ds, *EnergyReader(ds, q).settings())
    if view.figure is None:
        return [], ["The data has no oil-import figures for China, so there is no chart."]
    figures = view.points[["label", "series", "evidence", "locator", "source"]].copy()
    figures.columns = ["Figure", "Basis", "Evidence", "Where in the essay", "Source"]
    table = pd.concat([figures, view.arithmetic], ignore_index=True)
    shown = [partial(chart_slide, view.figure, view.notes(), view=view, table=table)]
    if view.crude is not None:
        lines = ["Beside the essay:"]
        if view.net_importer_from:
            lines.append(f"The essay: China a net oil importer from {view.net_importer_from}.")
        if view.crude_net_import_from:
            lines.append(f"This series: crude-oil net imports positive for good from {view.crude_net_import_from}.")
        shown.append(partial(chart_slide, view.crude, lines))
    return shown, []


def _data(ds: Dataset, q: Query) -> Charts:
    return [], ["The data page has no chart, so it adds no slide."]


#: Each page with settings in its links: the query keys it reads, and its charts for those settings.
PAGE_CHARTS: dict[str, tuple[frozenset[str], Callable[[Dataset, Query], Charts]]] = {
    "compare": (CompareReader.KEYS, _compare),
    "over_time": (OverTimeReader.KEYS, _over_time),
    "borders": (BordersReader.KEYS, _borders),
    "energy": (EnergyReader.KEYS, _energy),
    "data": (DataReader.KEYS, _data),
}

#: URL path (as app.py routes it) -> page. The compare page is the app's default page, at the root.
PAGE_PATHS = {page.url_path: page.name for page in PAGES if page.name in PAGE_CHARTS}

#: Each chart page in its default settings, in the app's page order: the default deck.
DEFAULT_URLS = tuple(page.url for page in PAGES if page.name in PAGE_CHARTS and page.charts)


def plan_deck(ds: Dataset, urls: Sequence[str]) -> DeckPlan:
    """The slides of each link's charts, in the order given, and the links' notices.

    Raises :class:`LinkError` for a link whose path names no page (checked for every link before any view is built).
    """
    pages = [page_of(url) for url in urls]
    slides: list[Slide] = []
    notices: list[str] = []
    for url, (page, query) in zip(urls, pages, strict=True):
        keys, charts_of = PAGE_CHARTS[page]
        q = Query.of_link(query, keys)
        shown, page_notices = charts_of(ds, q)
        said = q.notices + page_notices
        slides += [chart(url, said) for chart in shown]
        notices += [f"{url}: {text}" for text in said]
    return DeckPlan(slides, notices)


def slides_for(ds: Dataset, urls: Sequence[str]) -> list[Slide]:
    """The slides of each link's charts (see :func:`plan_deck` for the notices too)."""
    return plan_deck(ds, urls).slides
