"""Loading the data folder once per version of its files: the files' signature is the key of every cache."""

from __future__ import annotations

import streamlit as st

from indicators.load.dataset import Dataset, data_signature, load_dataset, resolve_data_dir
from indicators.load.safe_read import Signature


@st.cache_resource(show_spinner="Loading and validating the data…", max_entries=4)
def _load_files(data_dir: str, signature: Signature) -> Dataset:
    # Keyed by the files' (size, mtime_ns, inode, ctime_ns): an edited file is a new key, read on the next rerun.
    # One Dataset shared by every session, not a copy per call: views only read it (pandas copies on write, and
    # tests/test_app.py checks that every page leaves it as loaded).
    return load_dataset(data_dir)


def files() -> tuple[str, Signature]:
    """The data folder in use and its files' signature as they are now."""
    data_dir = str(resolve_data_dir())
    return data_dir, data_signature(data_dir)


def load(data_dir: str, signature: Signature | None = None) -> Dataset:
    """The validated dataset as the files are now (a failed validation raises; old data is never shown instead)."""
    return _load_files(data_dir, signature or data_signature(data_dir))


def reload_button() -> None:
    """'Reload data' in the sidebar: forget everything loaded and drawn, so the files are read and validated again now."""
    if st.sidebar.button(
        "Reload data",
        key="common_reload",
        icon=":material/refresh:",
        help="Read and validate the data files again. Edits are also picked up on their own, at the next interaction.",
    ):
        st.cache_data.clear()
        st.cache_resource.clear()
