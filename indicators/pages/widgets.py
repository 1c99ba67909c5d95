"""The sidebar's menus, each made from its :class:`~indicators.views.readers.Setting` and opened at the link's value.

A widget's value is the user's once they change it: the link's value only opens it (Streamlit keeps a keyed widget's
value across reruns), so settings that depend on it follow what the user picked. Each widget notes its value in the
setting's query (:attr:`~indicators.views.query.Query.chosen`), which :func:`~indicators.pages.urlstate.keep_and_share`
writes into the URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import streamlit as st

from indicators.load.dataset import Dataset
from indicators.pages import downloads, urlstate
from indicators.views.query import Query
from indicators.views.readers import Setting

T = TypeVar("T")


@contextmanager
def sidebar(q: Query, deck: Dataset | None = None) -> Iterator[None]:
    """The sidebar's "View" menus (the with-block's widgets), the slide deck's downloads below them (for the data
    ``deck``), then the settings written into the URL and shared (:func:`~indicators.pages.urlstate.keep_and_share`)."""
    with st.sidebar:
        st.header("View")
        yield
        if deck is not None:
            downloads.slides_download(deck)
    urlstate.keep_and_share(q)


def noted(s: Setting, value: T) -> T:
    """``value``, noted for the URL (a quiet setting only when it is not at its default)."""
    if s.query is not None and not (s.quiet and value == s.default):
        s.query.chosen[s.key] = value
    return value


def choose(s: Setting, key: str, widget: Callable[..., Any] = st.selectbox, **extra: Any) -> Any:
    """A select box (or another one-of menu, ``widget``, such as ``st.radio``) of the setting's options."""
    index = list(s.options).index(s.value)
    return noted(s, widget(s.label, s.options, index=index, format_func=s.describe, key=key, help=s.help, **extra))


def pick(s: Setting, key: str) -> list[str]:
    """A multiselect of country codes shown by name (opened at the link's unless a button set it: :func:`set_button`)."""
    opened = None if key in st.session_state else s.value
    return noted(s, list(st.multiselect(s.label, s.options, default=opened, format_func=s.describe, key=key, help=s.help)))


def switch(s: Setting, key: str) -> bool:
    """A toggle (opened at the link's unless a button set it: :func:`set_button`)."""
    return noted(s, bool(st.toggle(s.label, value=s.value and key not in st.session_state, key=key, help=s.help)))


def slide(s: Setting, key: str) -> Any:
    return noted(s, st.select_slider(s.label, options=s.options, value=s.value, key=key, help=s.help))


def number(s: Setting, key: str) -> float:
    """A number among the setting's (numeric) options, in steps of 0.01."""
    low, high = float(s.options[0]), float(s.options[-1])
    value = st.number_input(s.label, low, high, s.value, 0.01, "%.2f", key, s.help)
    return noted(s, round(float(value), 2))


def text(s: Setting, key: str) -> str:
    return noted(s, str(st.text_input(s.label, value=s.value, key=key, help=s.help)))


def set_button(label: str, key: str, value: object, button: str, icon: str, about: str | None) -> None:
    """A button that gives the widget ``key`` the value ``value`` at the next run (a one-click reset or switch)."""
    st.button(label, on_click=lambda: st.session_state.update({key: value}), key=button, icon=icon, help=about)
