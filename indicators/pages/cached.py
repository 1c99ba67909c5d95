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
from indicators.pages.own import OwnFigures, _with_own, own_figures
from indicators.views import borders, compare, data, energy, over_time
from indicators.views.base import Figure

P = ParamSpec("P")
V = TypeVar("V")


def per_data_dir(
    compute: Callable[Concatenate[Dataset, P], V], max_entries: int | None, resource: bool = False
) -> Callable[P, V]:
    """``compute`` of the current data folder's dataset, remembered per folder and arguments.

    ``resource``: keep one shared result rather than a copy per run (for a large spec that is only read).
    """

    def run(data_dir: str, *args: P.args, **kwargs: P.kwargs) -> V:
        return compute(load(data_dir), *args, **kwargs)

    # Streamlit names a cache by its function's module, qualified name and source, which every `run` shares.
    run.__qualname__ = f"{compute.__module__}.{compute.__qualname__}"
    cache = st.cache_resource if resource else st.cache_data
    remembered = cache(show_spinner=False, max_entries=max_entries)(run)
    drawn_from_files(remembered)

    def current(*args: P.args, **kwargs: P.kwargs) -> V:
        result: V = remembered(str(resolve_data_dir()), *args, **kwargs)
        return result

    return current


compare_menu = per_data_dir(compare.compare_menu, max_entries=4)
over_time_view = per_data_dir(over_time.over_time_view, max_entries=128)
borders_view = per_data_dir(borders.borders_view, max_entries=16)
energy_view = per_data_dir(energy.energy_view, max_entries=64)
data_view = per_data_dir(data.data_view, max_entries=4)
table_view = per_data_dir(data.table_view, max_entries=128)
_map = per_data_dir(borders.map_figure, max_entries=None, resource=True)


def map_figure(year: int | None = None) -> Figure:
    return _map(str(DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY), year)


def _compare_with_own(
    ds: Dataset, settings: compare.CompareSettings, own_rows: pd.DataFrame | None, own_sources: pd.DataFrame | None
) -> compare.CompareView:
    # The session's own figures are arguments, so they are part of the cache key: other rows, another view.
    own = None if own_rows is None or own_sources is None else OwnFigures(own_rows, own_sources, "")
    return compare.compare_view(_with_own(ds, own), settings)


_compare = per_data_dir(_compare_with_own, max_entries=256)


def compare_view(settings: compare.CompareSettings) -> compare.CompareView:
    own = own_figures()
    if own is None:
        return _compare(settings, None, None)
    return _compare(settings, own.rows, own.sources)
