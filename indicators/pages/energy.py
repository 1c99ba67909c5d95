"""China's energy outlook: imports reported, projected and what the projection implies."""

from __future__ import annotations

import streamlit as st

from indicators import charts, views
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

outlook = views.energy_outlook(ds)
if outlook.points.empty:
    st.info("The data has no oil-import figures for China.")
    st.stop()

chart = charts.energy_chart(outlook.points, outlook.demand, outlook.paths, outlook.net_importer_from)
common.show_chart(
    chart,
    charts.energy_alt_text(outlook.points, outlook.demand, outlook.net_importer_from),
    key="energy_chart",
    name="China oil imports essay",
)

st.subheader("The arithmetic")
arithmetic = outlook.arithmetic.rename(columns=str.capitalize)
st.dataframe(arithmetic, hide_index=True, width="stretch")
common.table_download(arithmetic, "China oil outlook arithmetic", key="energy_csv")

if show_crude:
    st.subheader("Reference: recorded crude-oil trade")
    if outlook.crude.empty:
        st.info("No EIA crude-oil series for China in the reference data.")
    else:
        crude = charts.crude_chart(outlook.crude, outlook.net_importer_from)
        common.show_chart(
            crude,
            charts.crude_alt_text(outlook.crude),
            key="energy_crude_chart",
            name="China crude net imports EIA",
        )
        turn = outlook.crude_net_import_from
        st.caption(
            "Crude oil only, in barrels a day: no conversion to tonnes is applied (that needs an assumed barrels-per-tonne "
            f"factor). Crude alone turns to net imports for good in {turn} in this series; the essay's "
            f"{outlook.net_importer_from} may count refined products too."
        )
common.share_link(state)
common.footer(ds)
