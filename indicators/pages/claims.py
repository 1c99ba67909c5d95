"""The claims scorecard: every checkable claim of the essay against the record, with its verdict and robustness."""

from __future__ import annotations

import streamlit as st

from indicators.pages import cached, common, downloads

ds = common.page(
    "Claims scorecard",
    "Every claim of the essay that can be checked, one row each: what it says, in the essay's words and where, what "
    "the record says and which release of it, the verdict, and whether the verdict holds in every release and reading.",
)
view = cached.claims_view()
st.markdown(f"**{common.plain(view.summary)}**")
with st.sidebar:
    downloads.slides_download(ds)
st.subheader("Claims that fail, or that depend on the release or reading")
downloads.show_table(view.slide, "sco claims fragile", key="claims_fragile_csv")
st.subheader("Every claim")
st.caption(
    "Verdicts are computed from claims.csv and the record each time, never stored. “about” allows ±10% "
    "(indicators/analysis/derive.py); a figure printed without it allows only its rounding. Release dates are the datahub.io "
    "repackaging's, not the World Bank's."
)
downloads.show_table(view.table, "sco claims scorecard", key="claims_csv")
common.footer(ds)
