"""Borders: the border lengths the essay states, as chart, table and map."""

from __future__ import annotations

import streamlit as st

from indicators.pages import common

st.title("Borders")
st.caption("Border lengths as the essay states them.")

ds = common.dataset()
with st.sidebar:
    st.header("View")
    show_groups = st.toggle(
        "Include group borders",
        value=common.flag_from_url("groups", True),
        key="borders_groups",
        help="Borders the essay gives for several countries together (e.g. China with the USSR).",
    )
    show_map = st.toggle("Show map", value=common.flag_from_url("map", True), key="borders_map")
    common.slides_download(ds)
state = {"groups": show_groups, "map": show_map}
common.keep_in_url(state)
common.share_link(state)
common.show_url_notices()

view = common.borders_view(show_groups)
if view.figure is None:
    st.info("No border is left with these settings. Switch on group borders to see them.")
else:
    common.show_figure(view.figure, key="borders_chart")
    st.subheader("Table")
    common.show_table(
        view.table,
        "SCO border lengths",
        key="borders_csv",
        formats={"Length (km)": "localized", "Lower bound (km)": "localized", "Upper bound (km)": "localized", "Year": "%d"},
    )

st.subheader("Statements without a length")
st.dataframe(view.no_border, hide_index=True, width="stretch")

if show_map:
    st.subheader("Map")
    common.show_figure(common.map_figure(), key="borders_region_map")
    st.caption(
        "Boundaries are de facto (Natural Earth, public domain), no endorsement implied. Hover a country for its stated borders."
    )
common.footer(ds)
