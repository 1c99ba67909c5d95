"""The sidebar's menus, opened at the settings the page's reader gives (the link's, else the page's defaults).

A widget's value is the user's once they change it: the default only opens it (Streamlit keeps a keyed widget's
value across reruns), so settings that depend on it follow what the user picked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


def choose(label: str, options: Sequence[T], default: T, describe: Callable[[T], str], key: str, help: str | None = None) -> T:
    """A select box of ``options`` (each shown as ``describe`` says), opened at ``default``."""
    choice: T = st.selectbox(label, options, index=list(options).index(default), format_func=describe, key=key, help=help)
    return choice


def pick_countries(
    label: str, options: Sequence[str], default: Sequence[str], names: Mapping[str, str], key: str, help: str | None = None
) -> list[str]:
    """A multiselect of country codes shown by name, opened at ``default`` (unless a button set it: :func:`set_to`)."""
    opened = None if key in st.session_state else default
    picked: list[str] = st.multiselect(label, options, default=opened, format_func=names.__getitem__, key=key, help=help)
    return picked


def switch(label: str, value: bool, key: str, help: str | None = None) -> bool:
    """A toggle, opened at ``value`` (unless a button set it: :func:`set_to`)."""
    return bool(st.toggle(label, value=value and key not in st.session_state, key=key, help=help))


def set_to(key: str, value: object) -> None:
    """A button's callback: the widget ``key`` takes ``value`` at the next run (a one-click reset or switch)."""
    st.session_state[key] = value
