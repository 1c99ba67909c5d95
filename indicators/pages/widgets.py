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
    """A multiselect of country codes shown by name, opened at ``default``."""
    picked: list[str] = st.multiselect(label, options, default=default, format_func=names.__getitem__, key=key, help=help)
    return picked


def switch(label: str, value: bool, key: str, help: str | None = None) -> bool:
    """A toggle, opened at ``value``."""
    return bool(st.toggle(label, value=value, key=key, help=help))
