"""The views, computed once per version of the data files and settings: typed wrappers the page scripts call.

The data folder and its files' signature (:func:`indicators.pages.loading.files`) are part of every cache key, so
edited files are a new key. Views of a session with its own figures stay out of the shared caches (Streamlit hashes a
large DataFrame by a sample of its rows, so two uploads could share an entry): they are kept in the session, keyed on
the upload's SHA-256, a few at a time.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st

from indicators import charts
from indicators.load.dataset import DEFAULT_DATA_DIR, Dataset
from indicators.load.safe_read import Signature
from indicators.load.upload import with_own
from indicators.pages.loading import files, load
from indicators.pages.own import OWN_VIEWS, own_figures
from indicators.views import borders, claims, compare, data, energy, links, over_time
from indicators.views.base import Figure

P = ParamSpec("P")
V = TypeVar("V")

#: Views kept per session with its own figures: a page's view and a few settings back and forth.
OWN_VIEWS_KEPT = 8

#: Every view a wrapper computes, by name.
_VIEWS: dict[str, Callable[..., Any]] = {}


def _compute(view: str, data_dir: str, signature: Signature, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return _VIEWS[view](load(data_dir, signature), *args, **kwargs)


_copied = st.cache_data(show_spinner=False, max_entries=512)(_compute)
#: For large specs that are only read: one shared result rather than a copy per run.
_shared = st.cache_resource(show_spinner=False, max_entries=32)(_compute)


def cached_view(compute: Callable[Concatenate[Dataset, P], V], resource: bool = False, own: bool = False) -> Callable[P, V]:
    """``compute`` of the current data files' dataset, remembered per version of the files and arguments.
    ``own``: the dataset carries this session's own figures, if any (``Dataset.own``)."""
    name = f"{compute.__module__}.{compute.__qualname__}"
    _VIEWS[name] = compute

    def current(*args: P.args, **kwargs: P.kwargs) -> V:
        data_dir, signature = files()
        mine = own_figures() if own else None
        if mine is None:
            result: V = (_shared if resource else _copied)(name, data_dir, signature, args, kwargs)
            return result
        # The most recent views of this upload over this version of the files; a new upload or new files start afresh.
        drawn_from = (data_dir, signature, mine.digest)
        if st.session_state.get(OWN_VIEWS, (None,))[0] != drawn_from:
            st.session_state[OWN_VIEWS] = (drawn_from, OrderedDict())
        views: OrderedDict[Hashable, Any] = st.session_state[OWN_VIEWS][1]
        key = (name, args, tuple(sorted(kwargs.items())))
        if key not in views:
            views[key] = compute(with_own(load(data_dir, signature), mine.rows, mine.sources), *args, **kwargs)
            while len(views) > OWN_VIEWS_KEPT:
                views.popitem(last=False)
        views.move_to_end(key)
        result = views[key]
        return result

    return current


compare_menu = cached_view(compare.compare_menu)
compare_view = cached_view(compare.compare_view, own=True)
over_time_view = cached_view(over_time.over_time_view, own=True)
borders_view = cached_view(borders.borders_view)
energy_view = cached_view(energy.energy_view, own=True)
data_view = cached_view(data.data_view)
table_view = cached_view(data.table_view)
#: The slides of a deck's links (the present page steps through them without building every view again).
deck_slides = cached_view(links.slides_for, resource=True, own=True)
claims_view = cached_view(claims.claims_view)
_map = cached_view(borders.map_figure, resource=True)


def map_figure(year: int | None = None) -> Figure:
    return _map(str(DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY), year)
