"""The sidebar's menus, each made from its :class:`~indicators.views.readers.Setting` and opened at the link's value.

A widget's value is the user's once they change it: the link's value only opens it (Streamlit keeps a keyed widget's
value across reruns), so settings that depend on it follow what the user picked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from indicators.views.readers import Setting


def choose(s: Setting, key: str, widget: Callable[..., Any] = st.selectbox, **extra: Any) -> Any:
    """A select box (or another one-of menu, ``widget``, such as ``st.radio``) of the setting's options."""
    index = list(s.options).index(s.value)
    return widget(s.label, s.options, index=index, format_func=s.describe, key=key, help=s.help, **extra)


def pick(s: Setting, key: str) -> list[str]:
    """A multiselect of country codes shown by name (opened at the link's unless a button set it: :func:`set_to`)."""
    opened = None if key in st.session_state else s.value
    return list(st.multiselect(s.label, s.options, default=opened, format_func=s.describe, key=key, help=s.help))


def switch(s: Setting, key: str) -> bool:
    """A toggle (opened at the link's unless a button set it: :func:`set_to`)."""
    return bool(st.toggle(s.label, value=s.value and key not in st.session_state, key=key, help=s.help))


def set_to(key: str, value: object) -> None:
    """A button's callback: the widget ``key`` takes ``value`` at the next run (a one-click reset or switch)."""
    st.session_state[key] = value
