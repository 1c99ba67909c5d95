"""The record over time: any indicator the record has, for any of its countries, beside the essay's figures."""

from __future__ import annotations

import streamlit as st

from indicators.pages import cached, common, downloads, urlstate, widgets
from indicators.views.readers import OverTimeReader

ds = common.page(
    "The record over time", "What happened: the record from 1990, a line per country, the essay's figures as points."
)
settings = widgets.settings(OverTimeReader(ds, urlstate.query()), ds)

if not settings.countries:
    st.info("No country selected. Pick one or more in the sidebar.")
    st.stop()

view = cached.over_time_view(settings)
common.finding(view.finding)
if view.figure is None:
    st.warning(f"Neither the record nor the essay has {common.plain(view.title)} for the selected countries.")
else:
    downloads.show_figure(view.figure, key="over_time_chart")
for text in view.notices:
    st.info(common.plain(text))
st.subheader("Table")
downloads.show_table(
    view.table,
    view.title,
    key="over_time_csv",
    formats={c: f"decimals:{ds.indicator(settings.indicator).decimals}" for c in view.table.columns if c.startswith("Value")},
)
common.footer(ds)
