"""China's energy outlook: imports reported, projected, what the projection implies, and what happened."""

from __future__ import annotations

import streamlit as st

from indicators.pages import cached, common, downloads, urlstate, widgets
from indicators.views.own import drawn_notice
from indicators.views.readers import EnergyReader

ds = common.page(
    "China's energy outlook",
    "The essay's path for China's oil imports: the projection as a band, the arithmetic it implies, "
    "and the record of what happened, on the same axis.",
)
link = EnergyReader(ds, urlstate.query())
show_crude, base_year, factor = widgets.settings(link, ds)

view = cached.energy_view(show_crude, base_year, factor)
if view.figure is None:
    st.info("The data has no oil-import figures for China.")
    st.stop()
common.finding(view.finding)
downloads.show_figure(view.figure, key="energy_chart")

st.subheader("The arithmetic")
downloads.show_table(view.arithmetic, "China oil outlook arithmetic", key="energy_csv")

if not view.added.empty:
    st.subheader("Your figures")
    st.caption("Added on the Data page for this browser session: drawn as hollow triangles, apart from the essay's path.")
    too_many = drawn_notice(len(view.added))
    if too_many:
        st.info(too_many, icon=":material/info:")
    downloads.show_table(view.added, "China oil imports your figures", key="energy_added_csv")

if view.assumption:
    with st.expander(f"Why {link.years[0]}: the year of “presently”", icon=":material/help:"):
        st.text(view.assumption["question"])
        st.text(f"Chosen: {view.assumption['chosen']}. {view.assumption['evidence_for_chosen']}")
        st.text(f"Other reading: {view.assumption['alternatives']}. {view.assumption['evidence_for_alternatives']}")
        st.text(f"What it changes: {view.assumption['effect']}")

if not view.base_years.empty:
    st.subheader("“About 70 million tons” beside the record")
    st.caption(
        "Each reading of the year, against crude imports (gross) and crude imports net of crude exports, converted at "
        "the factor set in the sidebar. A test of each reading, not evidence for it: the year rests on the essay's own dating."
    )
    downloads.show_table(
        view.base_years,
        "China oil imports presently vs record",
        key="energy_base_years_csv",
        formats={"Year read": "year", "Gap": "percent", "Gap (net)": "percent"},
    )

if show_crude:
    st.subheader("The record in its own unit")
    if view.crude is None:
        st.info("No EIA crude-oil series for China in the reference data.")
    else:
        downloads.show_figure(view.crude, key="energy_crude_chart")
        st.caption(
            "Crude oil only, in barrels a day, as published. Crude alone turns to net imports for good in "
            f"{view.crude_net_import_from} in this series; the essay's {view.net_importer_from} may count refined products too."
        )
common.footer(ds)
