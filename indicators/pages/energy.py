"""China's energy outlook: imports reported, projected and what the projection implies."""

from __future__ import annotations

import streamlit as st

from indicators.pages import common

st.title("China's energy outlook")
st.caption("The essay's path for China's oil imports, with the projection drawn as a band and the arithmetic it implies.")

ds = common.dataset()
with st.sidebar:
    st.header("View")
    show_crude = st.toggle(
        "Add EIA crude-oil reference",
        value=common.flag_from_url("crude", True),
        key="energy_crude",
        help="Recorded crude-oil net imports (U.S. EIA), in barrels a day: another unit and crude only.",
    )
state = {"crude": show_crude}
common.keep_in_url(state)
common.share_link(state)
common.show_url_notices()

view = common.energy_view(show_crude)
if view.figure is None:
    st.info("The data has no oil-import figures for China.")
    st.stop()
common.show_figure(view.figure, key="energy_chart")

st.subheader("The arithmetic")
common.show_table(view.arithmetic, "China oil outlook arithmetic", key="energy_csv")

if show_crude:
    st.subheader("Reference: recorded crude-oil trade")
    if view.crude is None:
        st.info("No EIA crude-oil series for China in the reference data.")
    else:
        common.show_figure(view.crude, key="energy_crude_chart")
        st.caption(
            "Crude oil only, in barrels a day: no conversion to tonnes is applied (that needs an assumed barrels-per-tonne "
            f"factor). Crude alone turns to net imports for good in {view.crude_net_import_from} in this series; the essay's "
            f"{view.net_importer_from} may count refined products too."
        )
common.footer(ds)
