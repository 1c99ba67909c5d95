"""What every page shares: cached loading, errors as tables, URL view state, downloads."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st

from indicators import charts, figures
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
from indicators.safe_read import Signature


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
    _view.clear()
    _map.clear()


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
    """The validated dataset, or a stop with the problem report (never a traceback)."""
    _reload_button()
    directory = resolve_data_dir()
    try:
        return _load(str(directory))
    except DataValidationError as err:
        st.error(
            f"The data in `{err.data_dir}` did not validate: {len(err.problems)} problem(s). "
            "Nothing was changed; fix the files listed below and reload."
        )
        st.dataframe(problems_frame(err.problems), hide_index=True, width="stretch")
        st.stop()
        raise  # unreachable: st.stop() ends the script


# ------------------------------------------------------------ URL view state


def from_url(key: str, options: Sequence[Any], default: Any) -> Any:
    """The option named by query parameter ``key``, if valid; else ``default``."""
    raw = st.query_params.get(key)
    if raw is None:
        return default
    for option in options:
        if str(option) == raw:
            return option
    return default


def list_from_url(key: str, options: Sequence[str], default: Sequence[str]) -> list[str]:
    """A comma-separated list in the URL, keeping only known options, in their order."""
    raw = st.query_params.get(key)
    if raw is None:
        return list(default)
    wanted = [part for part in raw.split(",") if part]
    known = [o for o in options if o in wanted]
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


def keep_in_url(values: dict[str, Any]) -> None:
    """Write the page's view settings into the URL so the link brings the same view back."""
    encoded = _encode(values)
    if {k: st.query_params.get(k) for k in encoded} != encoded:
        st.query_params.update(encoded)


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
    """PNG (2× scale) and SVG of the chart exactly as built, title, legend and source included."""
    row = st.container(horizontal=True)
    formats: list[tuple[str, Callable[[], bytes | str], str, str, str]] = [
        ("PNG for slides (2×)", lambda: charts.to_png(chart, scale=2), "png", "image/png", ":material/image:"),
        ("SVG", lambda: charts.to_svg(chart), "svg", "image/svg+xml", ":material/draw:"),
    ]
    for label, make, ext, mime, icon in formats:
        row.download_button(
            label, data=make, file_name=f"{slug(name)}.{ext}", mime=mime, key=f"{key}_{ext}", on_click="ignore", icon=icon
        )


def show_table(frame: pd.DataFrame, name: str, key: str, formats: dict[str, str] | None = None, label: str = "CSV") -> None:
    """A table, then its CSV download: the same frame, so the file holds exactly the values shown.

    ``formats`` maps a column to a Streamlit number format ("localized", "percent", "%d").
    """
    config = {column: st.column_config.NumberColumn(format=fmt) for column, fmt in (formats or {}).items()}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)
    table_download(frame, name, key=key, label=label)


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


def show_figure(figure: figures.Figure, key: str) -> None:
    """The chart at its own size (as in the PNG), with its alt text, then its PNG and SVG downloads."""
    st.vega_lite_chart(spec=figure.spec, theme=None, alt=figure.alt_text, key=key, width="content")
    chart_downloads(figure.spec, figure.name, key=key)


@st.cache_data(show_spinner=False, max_entries=256)
def _view(name: str, data_dir: str, args: tuple[Any, ...]) -> Any:
    return getattr(figures, f"{name}_view")(_load(data_dir), *args)


def view(name: str, *args: Any) -> Any:
    """``figures.<name>_view(dataset, *args)``, computed once per data folder and view setting."""
    return _view(name, str(resolve_data_dir()), args)


@st.cache_resource(show_spinner=False)
def _map(data_dir: str, topology: str) -> figures.Figure:
    # A resource, not data: its 300 KB spec is shared, not copied on every run (Streamlit copies a spec before changing it).
    return figures.map_figure(_load(data_dir), topology)


def map_figure() -> figures.Figure:
    return _map(str(resolve_data_dir()), str(DEFAULT_DATA_DIR / "geo" / "sco_region_50m.topo.json"))


def footer(ds: Dataset) -> None:
    essay = ds.sources.set_index("source_id").loc["zhao_2003"]
    st.caption(
        f"Data: {essay['citation']} Reference series: World Bank WDI (CC BY 4.0), U.S. EIA (public domain). {charts.MAP_SOURCE}"
    )
