"""The views, computed once per data folder and settings: typed wrappers the page scripts call.

Each wrapper takes a view's own arguments; the data folder in use is added as the first part of the cache key,
and every cache is dropped when that folder's files change (:mod:`indicators.pages.loading`).

Views of a session that added its own figures are never put in the shared caches: Streamlit hashes a large
DataFrame argument by a sample of its rows, so two uploads that differ outside the sample would share an entry
(and one session could be shown another's figure). They are remembered in the session itself instead, keyed on
the upload's SHA-256 (:attr:`~indicators.pages.own.OwnFigures.digest`), a few views at a time, and dropped when the
upload is replaced or removed, or the data files change.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st

from indicators import charts
from indicators.dataset import DEFAULT_DATA_DIR, Dataset, data_signature, resolve_data_dir
from indicators.pages.loading import drawn_from_files, load
from indicators.pages.own import OWN_VIEWS, OwnFigures, own_figures
from indicators.upload import with_added
from indicators.views import borders, claims, compare, data, energy, links, over_time
from indicators.views.base import Figure

P = ParamSpec("P")
V = TypeVar("V")

#: Views kept per session with its own figures: a page's view and a few settings back and forth.
OWN_VIEWS_KEPT = 8


class _OwnViews:
    """The views of one upload over one loaded dataset, the most recent :data:`OWN_VIEWS_KEPT`."""

    def __init__(self, files: Hashable, digest: str) -> None:
        self.files = files
        self.digest = digest
        self.views: OrderedDict[Hashable, Any] = OrderedDict()


def _own_view(data_dir: str, own: OwnFigures, compute: Callable[[Dataset], V], key: Hashable) -> V:
    """``compute`` of the data folder's dataset with the session's own figures, remembered in this session by
    (upload digest, view and arguments); a new upload or edited files start afresh, so replaced views are released."""
    files = (data_dir, data_signature(data_dir))
    memo: _OwnViews | None = st.session_state.get(OWN_VIEWS)
    if memo is None or memo.files != files or memo.digest != own.digest:
        memo = _OwnViews(files, own.digest)
        st.session_state[OWN_VIEWS] = memo
    if key in memo.views:
        memo.views.move_to_end(key)
    else:
        memo.views[key] = compute(with_added(load(data_dir), own.rows, own.sources))
        while len(memo.views) > OWN_VIEWS_KEPT:
            memo.views.popitem(last=False)
    result: V = memo.views[key]
    return result


def per_data_dir(
    compute: Callable[Concatenate[Dataset, P], V], max_entries: int | None, resource: bool = False, own: bool = False
) -> Callable[P, V]:
    """``compute`` of the current data folder's dataset, remembered per folder and arguments.

    ``resource``: keep one shared result rather than a copy per run (for a large spec that is only read).
    ``own``: the dataset carries the figures this browser session added (``Dataset.added``, drawn apart by the
    views); such views are remembered in the session, by the upload's digest (see the module's docstring).
    """

    def run(data_dir: str, *args: P.args, **kwargs: P.kwargs) -> V:
        return compute(load(data_dir), *args, **kwargs)

    # Streamlit names a cache by its function's module, qualified name and source, which every `run` shares.
    run.__qualname__ = f"{compute.__module__}.{compute.__qualname__}"
    cache = st.cache_resource if resource else st.cache_data
    remembered = cache(show_spinner=False, max_entries=max_entries)(run)
    drawn_from_files(remembered)

    def current(*args: P.args, **kwargs: P.kwargs) -> V:
        mine = own_figures() if own else None
        data_dir = str(resolve_data_dir())
        if mine is not None:
            key = (run.__qualname__, args, tuple(sorted(kwargs.items())))
            return _own_view(data_dir, mine, lambda ds: compute(ds, *args, **kwargs), key)
        result: V = remembered(data_dir, *args, **kwargs)
        return result

    return current


compare_menu = per_data_dir(compare.compare_menu, max_entries=4)
compare_view = per_data_dir(compare.compare_view, max_entries=256, own=True)
over_time_view = per_data_dir(over_time.over_time_view, max_entries=128, own=True)
borders_view = per_data_dir(borders.borders_view, max_entries=16)
energy_view = per_data_dir(energy.energy_view, max_entries=64, own=True)
data_view = per_data_dir(data.data_view, max_entries=4)
table_view = per_data_dir(data.table_view, max_entries=128)
#: The slides of a deck's links (the present page steps through them without building every view again).
deck_slides = per_data_dir(links.slides_for, max_entries=16, resource=True, own=True)
claims_view = per_data_dir(claims.claims_view, max_entries=4)
_map = per_data_dir(borders.map_figure, max_entries=None, resource=True)


def map_figure(year: int | None = None) -> Figure:
    return _map(str(DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY), year)
