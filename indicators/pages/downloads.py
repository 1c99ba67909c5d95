"""Charts, tables and their downloads on a page, and the slide deck of every chart page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from indicators import charts
from indicators.load.dataset import Dataset
from indicators.outputs import tables
from indicators.outputs.export import csv_bytes
from indicators.outputs.offline import HTML_MIME, offline_page
from indicators.outputs.slides import PPTX_MIME, build_deck
from indicators.pages.failures import guarded
from indicators.pages.urlstate import last_views
from indicators.views import links
from indicators.views.base import Figure
from indicators.views.claims import claims_view

#: Most rows a table shows on a page (formatting them for reading costs time on every rerun); its CSV holds all.
MAX_TABLE_ROWS = 5_000


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def slides_download(ds: Dataset) -> None:
    """The deck of every chart page's main charts as last seen in this session (or in their default settings), as
    'Slides (PowerPoint)' and as an 'Offline page (HTML)'. Built only when clicked."""
    # keep_and_share runs after the sidebar in this same run, and the deck is built on click: the settings it reads
    # are those on the screen then.
    views = last_views()

    def deck() -> bytes:
        card = claims_view(ds)
        return build_deck(links.slides_for(ds, deck_urls(views)), ds.sources, card.slide, card.summary)

    def offline() -> bytes:
        # Links back to each view point at this very server.
        return offline_page(links.slides_for(ds, deck_urls(views)), ds.sources, base_url()).encode("utf-8")

    sidebar_file("Slides (PowerPoint)", guarded(deck, "slide deck"), "slides.pptx", PPTX_MIME, "slides_deck", DECK_HELP)
    sidebar_file("Offline page (HTML)", guarded(offline, "offline page"), "views.html", HTML_MIME, "offline_page", PAGE_HELP)


#: The icon of each of the deck's two downloads (by widget key), and what each file holds (its button's help).
ICONS = {"slides_deck": ":material/slideshow:", "offline_page": ":material/public_off:"}
DECK_HELP = (
    "A .pptx deck: each chart page's charts as you last set them (defaults for pages not opened), one per slide "
    "with its unit, sources and the essay's evidence in the speaker notes; then the sources and licences."
)
PAGE_HELP = (
    "One HTML file of the same views that opens in any browser with no network: each chart drawn in the "
    "file, its finding, its figures as a table, unit, sources and licences, and a link back to the view."
)


def sidebar_file(label: str, data: Callable[[], bytes], name: str, mime: str, key: str, about: str) -> None:
    """A download across the sidebar of a file made on click, named ``sco-indicators-<name>``."""
    file_name = f"sco-indicators-{name}"
    st.download_button(label, data, file_name, mime, key, about, on_click="ignore", icon=ICONS[key], width="stretch")


def deck_urls(views: dict[str, str]) -> list[str]:
    """The links of the current deck: each chart page as last set in this session, or in its default settings."""
    return [f"{url}?{views[url.strip('/')]}" if views.get(url.strip("/")) else url for url in links.DEFAULT_URLS]


def base_url() -> str:
    """The dashboard's own address (scheme and host), as the browser reached it; "" when no browser said."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def show_table(
    frame: pd.DataFrame,
    name: str,
    key: str,
    formats: dict[str, str] | None = None,
    label: str = "CSV",
    headers: bool = False,
    links: tuple[str, ...] = (),
    download: pd.DataFrame | None = None,
) -> None:
    """A table for reading (numbers rounded and grouped, gaps empty; ``headers``: human column names), then its
    CSV download: the same rows and columns at full precision, under the frame's own column names.

    ``formats`` maps a column to "year", "percent", "int" or "decimals:N" (see :mod:`indicators.outputs.tables`).
    ``download``: a different frame for the CSV (the same rows in the data contract, for a contract file).
    """
    shown, numeric = tables.display(frame.head(MAX_TABLE_ROWS), formats, headers)
    config: dict[str, Any] = {column: st.column_config.TextColumn(alignment="right") for column in numeric}
    config |= {column: st.column_config.LinkColumn() for column in links}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)
    if len(frame) > MAX_TABLE_ROWS:
        st.caption(f"The first {MAX_TABLE_ROWS:,} of {len(frame):,} rows are shown; the CSV holds all {len(frame):,}.")
    # UTF-8 with BOM so Excel opens it cleanly; a large one is written on click.
    rows = frame if download is None else download
    data = csv_bytes(rows) if len(rows) <= MAX_TABLE_ROWS else guarded(lambda: csv_bytes(rows), "CSV")
    st.download_button(label, data, f"{slug(name)}.csv", "text/csv", key, on_click="ignore", icon=":material/download:")


def show_figure(figure: Figure, key: str) -> None:
    """The chart across its column (and the screen in fullscreen), with its alt text, then PNG (2× scale) and SVG of
    the chart as built, title, legend and source included, at the fixed width of a slide (:data:`charts.EXPORT_WIDTH`)
    rather than the column's. Drawn on click in the worker process; a failure is shown on the page
    (:mod:`indicators.pages.failures`)."""
    # The spec is sized for this ("container" width, autosize fit); Streamlit sets the column's width on resize.
    st.vega_lite_chart(spec=figure.spec, theme=None, alt=figure.alt_text, key=key, width="stretch")
    spec, file = figure.spec, slug(figure.name)
    row = st.container(horizontal=True)
    png = guarded(lambda: charts.to_png(spec, scale=2), "PNG of the chart")
    row.download_button(
        "PNG for slides (2×)", png, f"{file}.png", "image/png", f"{key}_png", on_click="ignore", icon=":material/image:"
    )
    svg = guarded(lambda: charts.to_svg(spec), "SVG of the chart")
    row.download_button("SVG", svg, f"{file}.svg", "image/svg+xml", f"{key}_svg", on_click="ignore", icon=":material/draw:")
