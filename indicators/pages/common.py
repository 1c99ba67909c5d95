"""What every page shares: cached loading, errors as tables, URL view state, downloads."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st

from indicators import charts, tables
from indicators.dataset import (
    DEFAULT_DATA_DIR,
    Dataset,
    DataValidationError,
    clear_validated_memo,
    data_signature,
    load_dataset,
    problems_frame,
    resolve_data_dir,
)
from indicators.export import csv_bytes
from indicators.problems import Problem
from indicators.safe_read import Signature
from indicators.slides import PPTX_MIME, build_deck
from indicators.upload import UploadResult, check_upload
from indicators.views import borders, compare, data, energy, links, over_time
from indicators.views.base import Figure


@st.cache_data(show_spinner="Loading and validating the data…", max_entries=4)
def _load_files(data_dir: str, signature: Signature) -> Dataset:
    # Keyed by the files' (size, mtime_ns, inode, ctime_ns): an edited file is a new key, read on the next rerun.
    return load_dataset(data_dir)


#: The signature each data folder had when last loaded in this process (to drop views drawn from older files).
_SEEN: dict[str, Signature] = {}
_SEEN_LOCK = threading.Lock()


def _load(data_dir: str) -> Dataset:
    """The validated dataset as the files are now (a failed validation raises; old data is never shown instead)."""
    signature = data_signature(data_dir)
    with _SEEN_LOCK:
        changed = _SEEN.get(data_dir, signature) != signature
        _SEEN[data_dir] = signature
    if changed:
        _forget_views()
    return _load_files(data_dir, signature)


def _forget_views() -> None:
    """Drop the views and the map: they were drawn from files that have changed since."""
    for cached in (_compare, _over_time, _borders, _map, _energy, _data, _table):
        cached.clear()


def _reload_button() -> None:
    """'Reload data' in the sidebar: forget everything loaded, so the files are read and validated again now."""
    if st.sidebar.button(
        "Reload data",
        key="common_reload",
        icon=":material/refresh:",
        help="Read and validate the data files again. Edits are also picked up on their own, at the next interaction.",
    ):
        clear_validated_memo()
        _load_files.clear()
        _forget_views()


def dataset() -> Dataset:
    """The validated dataset with the figures this browser session added (:func:`add_own_figures`), or a stop
    with the problem report (never a traceback)."""
    _reload_button()
    directory = resolve_data_dir()
    try:
        return _with_own(_load(str(directory)), own_figures())
    except DataValidationError as err:
        st.error(
            f"The data in `{err.data_dir}` did not validate: {len(err.problems)} problem(s). "
            "Nothing was changed; fix the files listed below and reload."
        )
        st.dataframe(problems_frame(err.problems), hide_index=True, width="stretch")
        st.stop()
        raise  # unreachable: st.stop() ends the script


# ------------------------------------------------------------ figures a browser session adds


@dataclasses.dataclass(frozen=True)
class OwnFigures:
    """Rows someone added in this browser session (observations contract), and the sources they cite anew."""

    rows: pd.DataFrame
    sources: pd.DataFrame
    #: What the upload was (file name, bytes, citation), so an unchanged upload is not checked again on each rerun.
    digest: str


#: Session key of the :class:`OwnFigures` added in this browser session. Nothing is written to the data folder.
_OWN = "own_figures"


def own_figures() -> OwnFigures | None:
    own: OwnFigures | None = st.session_state.get(_OWN)
    return own


def _with_own(ds: Dataset, own: OwnFigures | None) -> Dataset:
    """``ds`` with the session's own figures and sources appended (a new Dataset; the cached one is not changed)."""
    if own is None:
        return ds
    return dataclasses.replace(
        ds,
        observations=pd.concat([ds.observations, own.rows], ignore_index=True),
        sources=pd.concat([ds.sources, own.sources], ignore_index=True),
    )


def add_own_figures(data: bytes, name: str, citation: str) -> UploadResult:
    """Check an uploaded observations file against the shipped package; keep its rows for this session if it passes.

    A refused file changes nothing (the figures added before stay). Checking an unchanged upload again is skipped.
    """
    digest = hashlib.sha256(b"\0".join([name.encode(), data, citation.encode()])).hexdigest()
    own = own_figures()
    if own is not None and own.digest == digest:
        return UploadResult(own.rows, (), own.sources)
    result = check_upload(_load(str(resolve_data_dir())), data, name, citation)
    if result.rows is not None and not result.problems:
        sources = result.new_sources if result.new_sources is not None else pd.DataFrame()
        st.session_state[_OWN] = OwnFigures(result.rows, sources, digest)
    return result


def shipped_dataset() -> Dataset:
    """The data package as shipped, without this session's own figures (for downloads of the package itself)."""
    return _load(str(resolve_data_dir()))


def forget_own_figures() -> None:
    st.session_state.pop(_OWN, None)


def show_problems(problems: Sequence[Problem]) -> None:
    """Problems as a table: the file, its own row, the column, the value and what is wrong."""
    st.dataframe(problems_frame(problems), hide_index=True, width="stretch")


# ------------------------------------------------------------ URL view state


_NOTICES = "url_notices"


def _notice(text: str) -> None:
    """Remember a notice about the link, shown once by :func:`show_url_notices` at the top of the page."""
    st.session_state.setdefault(_NOTICES, [])
    if text not in st.session_state[_NOTICES]:
        st.session_state[_NOTICES].append(text)


def show_url_notices() -> None:
    """Say which settings of the link were not understood (and what is shown instead), then forget them."""
    for text in st.session_state.pop(_NOTICES, []):
        st.info(plain(text), icon=":material/link_off:")


def from_url(key: str, options: Sequence[Any], default: Any, describe: Callable[[Any], str] = str) -> Any:
    """The option named by query parameter ``key``, if valid; else ``default``, with a notice."""
    raw = st.query_params.get(key)
    if raw is None:
        return default
    for option in options:
        if str(option) == raw:
            return option
    _notice(f"The link's {key} '{raw}' is unknown; showing {describe(default)}.")
    return default


def list_from_url(key: str, options: Sequence[str], default: Sequence[str]) -> list[str]:
    """A comma-separated list in the URL, keeping only known options, in their order."""
    raw = st.query_params.get(key)
    if raw is None:
        return list(default)
    wanted = [part for part in raw.split(",") if part]
    known = [o for o in options if o in wanted]
    unknown = [w for w in wanted if w not in options]
    if unknown:
        _notice(f"The link's {key} names {', '.join(repr(u) for u in unknown)}, not offered here; left out.")
    # An empty value is a deliberate empty selection; names that are all unknown fall back to the default.
    return known if known or not wanted else list(default)


def flag_from_url(key: str, default: bool) -> bool:
    raw = st.query_params.get(key)
    return default if raw is None else raw in ("1", "true", "yes", "on")


def _encode(values: dict[str, Any]) -> dict[str, str]:
    """View settings as query-parameter strings: lists comma-joined, flags as 1/0."""
    out = {}
    for key, value in values.items():
        if isinstance(value, list | tuple):
            out[key] = ",".join(str(v) for v in value)
        elif isinstance(value, bool):
            out[key] = "1" if value else "0"
        else:
            out[key] = str(value)
    return out


#: Session key: each page's last settings (URL path -> encoded query), for the slide deck.
_VIEWS = "slides_views"


def keep_in_url(values: dict[str, Any]) -> None:
    """Write exactly the page's current view settings into the URL (settings that no longer apply are dropped)."""
    encoded = _encode(values)
    if st.query_params.to_dict() != encoded:
        st.query_params.from_dict(encoded)
    # The slide deck shows each page as last seen: remember this page's settings under its URL path.
    page = _page_path()
    if page is not None:
        st.session_state.setdefault(_VIEWS, {})[page] = urlencode(encoded, safe=",")


def _page_path() -> str | None:
    """The running page's URL path ("" for the default page, "energy", …), or None when no browser said (AppTest)."""
    url = st.context.url
    if not url:
        return None
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    # Behind a base path (/dash/energy) the page is the last segment; the default page has none of its own (/dash).
    return last if last in links.PAGE_PATHS else ""


def share_link(values: dict[str, Any]) -> None:
    """A 'copy link to this view' box (the code block has a copy button)."""
    url = st.context.url or ""
    if url and urlsplit(url).path == "":
        url += "/"
    query = urlencode(_encode(values), safe=",")
    with st.popover("Link to this view", help="Copy a link that reopens this page with these settings.", icon=":material/link:"):
        st.code(f"{url}?{query}", language=None, wrap_lines=True)
        st.caption("Use the copy button at the right of the box.")


# ------------------------------------------------------------ downloads


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
    # The same dict that keep_in_url fills, not a copy: keep_in_url runs after the sidebar in this same run,
    # and the deck is built on click, so it sees the settings now on the screen.
    views: dict[str, str] = st.session_state.setdefault(_VIEWS, {})

    def deck() -> bytes:
        urls = []
        for url in links.DEFAULT_URLS:
            path = url.strip("/")
            urls.append(f"/{path}?{views[path]}" if views.get(path) else url)
        return build_deck(links.slides_for(ds, urls), ds.sources)

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


# ------------------------------------------------------------ views, computed once per data folder and setting


@st.cache_data(show_spinner=False, max_entries=4)
def _compare_menu(data_dir: str) -> compare.CompareMenu:
    return compare.compare_menu(_load(data_dir))


def compare_menu() -> compare.CompareMenu:
    return _compare_menu(str(resolve_data_dir()))


@st.cache_data(show_spinner=False, max_entries=256)
def _compare(
    data_dir: str, settings: compare.CompareSettings, own_rows: pd.DataFrame | None, own_sources: pd.DataFrame | None
) -> compare.CompareView:
    # The session's own figures are arguments, so they are part of the cache key: other rows, another view.
    own = None if own_rows is None or own_sources is None else OwnFigures(own_rows, own_sources, "")
    return compare.compare_view(_with_own(_load(data_dir), own), settings)


def compare_view(settings: compare.CompareSettings) -> compare.CompareView:
    own = own_figures()
    if own is None:
        return _compare(str(resolve_data_dir()), settings, None, None)
    return _compare(str(resolve_data_dir()), settings, own.rows, own.sources)


@st.cache_data(show_spinner=False, max_entries=128)
def _over_time(data_dir: str, settings: over_time.OverTimeSettings) -> over_time.OverTimeView:
    return over_time.over_time_view(_load(data_dir), settings)


def over_time_view(settings: over_time.OverTimeSettings) -> over_time.OverTimeView:
    return _over_time(str(resolve_data_dir()), settings)


@st.cache_data(show_spinner=False, max_entries=16)
def _borders(data_dir: str, groups: bool) -> borders.BordersView:
    return borders.borders_view(_load(data_dir), groups)


def borders_view(groups: bool) -> borders.BordersView:
    return _borders(str(resolve_data_dir()), groups)


@st.cache_resource(show_spinner=False)
def _map(data_dir: str, topology: str, year: int | None) -> Figure:
    # A resource, not data: its large spec is shared, not copied on every run (Streamlit copies a spec before changing it).
    return borders.map_figure(_load(data_dir), topology, year)


def map_figure(year: int | None = None) -> Figure:
    return _map(str(resolve_data_dir()), str(DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY), year)


@st.cache_data(show_spinner=False, max_entries=64)
def _energy(data_dir: str, crude: bool, base_year: int | None, barrels_per_tonne: float) -> energy.EnergyView:
    return energy.energy_view(_load(data_dir), crude, base_year, barrels_per_tonne)


def energy_view(crude: bool, base_year: int | None, barrels_per_tonne: float) -> energy.EnergyView:
    return _energy(str(resolve_data_dir()), crude, base_year, barrels_per_tonne)


@st.cache_data(show_spinner=False, max_entries=4)
def _data(data_dir: str) -> data.DataView:
    return data.data_view(_load(data_dir))


def data_view() -> data.DataView:
    return _data(str(resolve_data_dir()))


@st.cache_data(show_spinner=False, max_entries=128)
def _table(data_dir: str, table: str, countries: tuple[str, ...], search: str) -> data.TableView:
    return data.table_view(_load(data_dir), table, countries, search)


def table_view(table: str, countries: tuple[str, ...], search: str) -> data.TableView:
    return _table(str(resolve_data_dir()), table, countries, search)


#: Characters that start Markdown anywhere in a line in Streamlit (emphasis, code, links and images, HTML and
#: entities, strikethrough, tables, LaTeX ``$``, ``:emoji:``/``:material/…:`` shortcodes and ``:color[…]``
#: directives). CommonMark lets any ASCII punctuation be written with a backslash, and then it shows as itself.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>~$:|&])")
#: What makes a line a heading, list or rule when it starts it: ``#``, ``-``, ``+``, ``=`` or ``1.`` before a space.
_LINE_START = re.compile(r"^([#+\-=]|[0-9]+[.)](?=\s|$))")


def plain(text: object) -> str:
    """Text from a data file (a name, a title, a citation) made safe to put into Markdown: it shows literally,
    never as emphasis, a link, HTML or a heading (line breaks become spaces). Use it for every data value in
    st.markdown, st.caption, st.info/st.warning, metric labels and help text."""
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(str(text).split()))
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


def footer(ds: Dataset) -> None:
    st.caption(
        f"Data: {plain(ds.essay['citation'])} Reference series: World Bank WDI (CC BY 4.0), U.S. EIA (public domain). {charts.MAP_SOURCE}"
    )
