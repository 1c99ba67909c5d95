"""Figures a browser session adds: rows checked like the shipped data, kept for this session only."""

from __future__ import annotations

import dataclasses
import hashlib

import pandas as pd
import streamlit as st

from indicators.load.dataset import Dataset, resolve_data_dir
from indicators.load.upload import UploadResult, check_upload, with_own
from indicators.pages.loading import load


@dataclasses.dataclass(frozen=True)
class OwnFigures:
    """Rows someone added in this browser session (observations contract), and the sources they cite anew."""

    rows: pd.DataFrame
    sources: pd.DataFrame
    #: What the upload was (file name, bytes, citation), so an unchanged upload is not checked again on each rerun.
    digest: str


#: Session key of the :class:`OwnFigures` added in this browser session. Nothing is written to the data folder.
_OWN = "own_figures"
#: Session key of the views computed with them (:mod:`indicators.pages.cached`), released with them.
OWN_VIEWS = "own_views"


def own_figures() -> OwnFigures | None:
    own: OwnFigures | None = st.session_state.get(_OWN)
    return own


def with_own_figures(ds: Dataset) -> Dataset:
    """``ds`` with this session's own figures as ``Dataset.own`` (a new Dataset; the cached one is not changed)."""
    own = own_figures()
    return ds if own is None else with_own(ds, own.rows, own.sources)


def add_own_figures(data: bytes, name: str, citation: str) -> UploadResult:
    """Check an uploaded observations file against the shipped package; keep its rows for this session if it passes.

    A refused file changes nothing (the figures added before stay). Checking an unchanged upload again is skipped.
    """
    digest = hashlib.sha256(b"\0".join([name.encode(), data, citation.encode()])).hexdigest()
    own = own_figures()
    if own is not None and own.digest == digest:
        return UploadResult(own.rows, (), own.sources)
    result = check_upload(load(str(resolve_data_dir())), data, name, citation)
    if result.rows is not None and not result.problems:
        forget_own_figures()  # the figures replaced, and every view drawn with them, are released first
        sources = result.new_sources if result.new_sources is not None else pd.DataFrame()
        st.session_state[_OWN] = OwnFigures(result.rows, sources, digest)
    return result


def forget_own_figures() -> None:
    """Release this session's own figures and the views drawn with them."""
    st.session_state.pop(_OWN, None)
    st.session_state.pop(OWN_VIEWS, None)
