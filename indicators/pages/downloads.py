"""Charts, tables and their downloads on a page, and the slide deck of every chart page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from indicators import charts, tables
from indicators.dataset import Dataset
from indicators.export import csv_bytes
from indicators.pages.urlstate import last_views
from indicators.slides import PPTX_MIME, build_deck
from indicators.views import links
from indicators.views.base import Figure
from indicators.views.claims import claims_view


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def chart_downloads(chart: Any, name: str, key: str) -> None:
    """PNG (2× scale) and SVG of the chart as built, title, legend and source included, at the fixed width of a slide
    (:data:`charts.EXPORT_WIDTH`) rather than the column's."""
    row = st.container(horizontal=True)
    formats: list[tuple[str, Callable[[], bytes | str], str, str, str]] = [
        ("PNG for slides (2×)", lambda: charts.to_png(chart, scale=2), "png", "image/png", ":material/image:"),
        ("SVG", lambda: charts.to_svg(chart), "svg", "image/svg+xml", ":material/draw:"),
    ]
    for label, make, ext, mime, icon in formats:
        row.download_button(
            label, data=make, file_name=f"{slug(name)}.{ext}", mime=mime, key=f"{key}_{ext}", on_click="ignore", icon=icon
        )


def slides_download(ds: Dataset) -> None:
    """'Slides (PowerPoint)': every chart page's main charts as last seen in this session (or in their default
    settings), one chart per slide, then the sources and licences. Built only when clicked."""
    # keep_in_url runs after the sidebar in this same run, and the deck is built on click: the settings it reads
    # are those on the screen then.
    views = last_views()

    def deck() -> bytes:
        urls = []
        for url in links.DEFAULT_URLS:
            path = url.strip("/")
            urls.append(f"/{path}?{views[path]}" if views.get(path) else url)
        card = claims_view(ds)
        return build_deck(links.slides_for(ds, urls), ds.sources, card.slide, card.summary)

    st.download_button(
        "Slides (PowerPoint)",
        data=deck,
        file_name="sco-indicators-slides.pptx",
        mime=PPTX_MIME,
        key="slides_deck",
        on_click="ignore",
        icon=":material/slideshow:",
        help="A .pptx deck: each chart page's charts as you last set them (defaults for pages not opened), "
        "one per slide with its unit, sources and the essay's evidence in the speaker notes; then the sources and licences.",
        width="stretch",
    )


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

    ``formats`` maps a column to "year", "percent", "int" or "decimals:N" (see :mod:`indicators.tables`).
    ``download``: a different frame for the CSV (the same rows in the data contract, for a contract file).
    """
    shown, numeric = tables.display(frame, formats, headers)
    config: dict[str, Any] = {column: st.column_config.TextColumn(alignment="right") for column in numeric}
    config |= {column: st.column_config.LinkColumn() for column in links}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)
    table_download(frame if download is None else download, name, key=key, label=label)


def table_download(frame: pd.DataFrame, name: str, key: str, label: str = "CSV") -> None:
    """The table shown, as CSV (UTF-8 with BOM so Excel opens it cleanly)."""
    st.download_button(
        label,
        data=csv_bytes(frame),
        file_name=f"{slug(name)}.csv",
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def show_figure(figure: Figure, key: str) -> None:
    """The chart across its column (and the screen in fullscreen), with its alt text, then its PNG and SVG downloads."""
    # The spec is sized for this ("container" width, autosize fit); Streamlit sets the column's width on resize.
    st.vega_lite_chart(spec=figure.spec, theme=None, alt=figure.alt_text, key=key, width="stretch")
    chart_downloads(figure.spec, figure.name, key=key)
