"""The sidebar's menus, each made from its :class:`~indicators.views.readers.Setting` and opened at the link's value.

A widget's value is the user's once they change it: the link's value only opens it (Streamlit keeps a keyed widget's
value across reruns), so settings that depend on it follow what the user picked. The values shown are what
:func:`~indicators.pages.urlstate.keep_and_share` writes into the URL.
"""

from __future__ import annotations

from typing import Any, TypeVar

import streamlit as st

from indicators.load.dataset import Dataset
from indicators.pages import downloads, urlstate
from indicators.views.readers import Reader, Setting

S = TypeVar("S")


def settings(link: Reader[S], deck: Dataset | None = None) -> S:
    """The page's settings as the sidebar's "View" menus have them (each opened at the link's value), the slide deck's
    downloads below them (for the data ``deck``), then exactly the settings shown written into the URL and shared
    (:func:`~indicators.pages.urlstate.keep_and_share`): a quiet one only when it is not at its default."""
    shown: dict[str, Any] = {}

    def noted(s: Setting) -> Any:
        value = ask(s)
        if not (s.quiet and value == s.default):
            shown[s.key] = value
        return value

    with st.sidebar:
        st.header("View")
        values = link.settings(noted)
        if deck is not None:
            downloads.slides_download(deck)
    urlstate.keep_and_share(shown, link.q.notices)
    return values


def ask(s: Setting) -> Any:
    """The setting's widget (its ``kind``) and its value. A multiselect or toggle is opened at the link's value unless a
    button set it (:func:`set_button`), such as a multiselect's reset."""
    key, label, opened = s.name, s.label, s.value
    value: Any
    if s.kind == "toggle":
        value = bool(st.toggle(label, value=opened and key not in st.session_state, key=key, help=s.help))
    elif s.kind == "multi":
        opened = None if key in st.session_state else opened
        value = list(st.multiselect(label, s.options, default=opened, format_func=s.describe, key=key, help=s.help))
        if s.reset and set(value) != set(s.options):
            button_label, button, about = s.reset
            set_button(button_label, key, list(s.options), button, ":material/restart_alt:", about)
    elif s.kind == "slider":
        value = st.select_slider(label, options=s.options, value=opened, key=key, help=s.help)
    elif s.kind == "number":
        low, high = float(s.options[0]), float(s.options[-1])  # the setting's (numeric) options, in steps of 0.01
        value = round(float(st.number_input(label, low, high, opened, 0.01, "%.2f", key, s.help)), 2)
    elif s.kind == "text":
        value = str(st.text_input(label, value=opened, key=key, help=s.help))
    elif s.kind == "select":
        index = list(s.options).index(opened)
        value = st.selectbox(label, s.options, index=index, format_func=s.describe, key=key, help=s.help)
    else:  # a radio ("row": across)
        index = list(s.options).index(opened)
        value = st.radio(label, s.options, index=index, format_func=s.describe, key=key, help=s.help, horizontal=s.kind == "row")
    return value


def set_button(label: str, key: str, value: object, button: str, icon: str, about: str | None) -> None:
    """A button that gives the widget ``key`` the value ``value`` at the next run (a one-click reset or switch)."""
    st.button(label, on_click=lambda: st.session_state.update({key: value}), key=button, icon=icon, help=about)
