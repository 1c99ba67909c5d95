"""Borders: the border lengths the essay states, as chart, table and map."""

from __future__ import annotations

import streamlit as st

from indicators.pages import cached, common, downloads, urlstate, widgets
from indicators.views.readers import BordersReader

ds = common.page("Borders", "Border lengths as the essay states them.")
show_groups, show_map, map_year = widgets.settings(BordersReader(ds, urlstate.query()), ds)

view = cached.borders_view(show_groups)
common.finding(view.finding)
if view.figure is None:
    st.info("No border is left with these settings. Switch on group borders to see them.")
else:
    downloads.show_figure(view.figure, key="borders_chart")
    st.subheader("Table")
    downloads.show_table(view.table, "SCO border lengths", key="borders_csv")

st.subheader("Statements without a length")
downloads.show_table(view.no_border, "SCO no common border statements", key="borders_no_border_csv")

if show_map:
    st.subheader("Map")
    downloads.show_figure(cached.map_figure(map_year), key="borders_region_map")
    st.caption(
        "Boundaries are de facto (Natural Earth, public domain), no endorsement implied. Hover a country for its stated borders."
    )
common.footer(ds)
