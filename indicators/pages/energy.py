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
    "Chart of China's oil imports in million tonnes a year: about 70 in 2003 (reported), a projection of 150 to 200 for 2010 "
    "drawn as a band with the constant-growth paths to it, and the implied 2010 demand of 300 to 400 (derived). "
    "A dashed line marks 1993, when the essay says China became a net oil importer.",
    key="energy_chart",
)
common.chart_downloads(chart, "China oil imports essay", key="energy_chart")

st.subheader("The arithmetic")
st.dataframe(outlook.arithmetic.rename(columns=str.capitalize), hide_index=True, width="stretch")
common.table_download(outlook.arithmetic, "China oil outlook arithmetic", key="energy_csv")

if show_crude:
    st.subheader("Reference: recorded crude-oil trade")
    if outlook.crude.empty:
        st.info("No EIA crude-oil series for China in the reference data.")
    else:
        crude = charts.crude_chart(outlook.crude, outlook.net_importer_from)
        common.show_chart(
            crude,
            "Line chart of China's crude-oil net imports from the U.S. EIA, 1990 to 2018, in thousand barrels a day; "
            "below zero until 1995, positive from 1996 and rising.",
            key="energy_crude_chart",
        )
        common.chart_downloads(crude, "China crude net imports EIA", key="energy_crude_chart")
        st.caption(
            "Crude oil only, in barrels a day: no conversion to tonnes is applied (that needs an assumed barrels-per-tonne "
            "factor). Crude alone turns to net imports in 1996 in this series; the essay's 1993 may count refined products too."
        )
common.share_link(state)
common.footer(ds)
