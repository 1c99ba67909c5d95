"""The views, computed once per data folder and settings: typed wrappers the page scripts call.

Each wrapper takes a view's own arguments; the data folder in use is added as the first part of the cache key,
and every cache is dropped when that folder's files change (:mod:`indicators.pages.loading`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

import pandas as pd
import streamlit as st

from indicators import charts
from indicators.dataset import DEFAULT_DATA_DIR, Dataset, resolve_data_dir
from indicators.pages.loading import drawn_from_files, load
from indicators.pages.own import own_figures
from indicators.upload import with_added
from indicators.views import borders, claims, compare, data, energy, over_time
from indicators.views.base import Figure

P = ParamSpec("P")
V = TypeVar("V")


def per_data_dir(
    compute: Callable[Concatenate[Dataset, P], V], max_entries: int | None, resource: bool = False, own: bool = False
) -> Callable[P, V]:
    """``compute`` of the current data folder's dataset, remembered per folder and arguments.

    ``resource``: keep one shared result rather than a copy per run (for a large spec that is only read).
    ``own``: the dataset carries the figures this browser session added (``Dataset.added``, drawn apart by the
    views); they are arguments of the cached function, so other rows make another entry.
    """

    def run(
        data_dir: str, own_rows: pd.DataFrame | None, own_sources: pd.DataFrame | None, *args: P.args, **kwargs: P.kwargs
    ) -> V:
        ds = load(data_dir)
        if own_rows is not None:
            ds = with_added(ds, own_rows, own_sources)
        return compute(ds, *args, **kwargs)

    # Streamlit names a cache by its function's module, qualified name and source, which every `run` shares.
    run.__qualname__ = f"{compute.__module__}.{compute.__qualname__}"
    cache = st.cache_resource if resource else st.cache_data
    remembered = cache(show_spinner=False, max_entries=max_entries)(run)
    drawn_from_files(remembered)

    def current(*args: P.args, **kwargs: P.kwargs) -> V:
        mine = own_figures() if own else None
        rows, sources = (mine.rows, mine.sources) if mine is not None else (None, None)
        result: V = remembered(str(resolve_data_dir()), rows, sources, *args, **kwargs)
        return result

    return current


compare_menu = per_data_dir(compare.compare_menu, max_entries=4)
compare_view = per_data_dir(compare.compare_view, max_entries=256, own=True)
over_time_view = per_data_dir(over_time.over_time_view, max_entries=128, own=True)
borders_view = per_data_dir(borders.borders_view, max_entries=16)
energy_view = per_data_dir(energy.energy_view, max_entries=64, own=True)
data_view = per_data_dir(data.data_view, max_entries=4)
table_view = per_data_dir(data.table_view, max_entries=128)
claims_view = per_data_dir(claims.claims_view, max_entries=4)
_map = per_data_dir(borders.map_figure, max_entries=None, resource=True)


def map_figure(year: int | None = None) -> Figure:
    return _map(str(DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY), year)
