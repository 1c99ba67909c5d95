"""Loading the data folder once per version of its files, and dropping what was drawn from older files."""

from __future__ import annotations

import threading
from typing import Any

import streamlit as st

from indicators.dataset import Dataset, clear_validated_memo, data_signature, load_dataset
from indicators.safe_read import Signature


@st.cache_data(show_spinner="Loading and validating the data…", max_entries=4)
def _load_files(data_dir: str, signature: Signature) -> Dataset:
    # Keyed by the files' (size, mtime_ns, inode, ctime_ns): an edited file is a new key, read on the next rerun.
    return load_dataset(data_dir)


#: The signature each data folder had when last loaded in this process (to drop views drawn from older files).
_SEEN: dict[str, Signature] = {}
_SEEN_LOCK = threading.Lock()

#: The caches of views drawn from a data folder (indicators.pages.cached adds each as it makes it).
_VIEW_CACHES: list[Any] = []


def load(data_dir: str) -> Dataset:
    """The validated dataset as the files are now (a failed validation raises; old data is never shown instead)."""
    signature = data_signature(data_dir)
    with _SEEN_LOCK:
        changed = _SEEN.get(data_dir, signature) != signature
        _SEEN[data_dir] = signature
    if changed:
        _forget_views()
    return _load_files(data_dir, signature)


def drawn_from_files(cache: Any) -> None:
    """Have ``cache`` (a Streamlit cached function) dropped whenever the data files change or are reloaded."""
    _VIEW_CACHES.append(cache)


def _forget_views() -> None:
    """Drop the views and the map: they were drawn from files that have changed since."""
    for cached in _VIEW_CACHES:
        cached.clear()


def reload_button() -> None:
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
