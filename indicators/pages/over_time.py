"""The record over time: any indicator the record has, for any of its countries, beside the essay's figures."""

from __future__ import annotations

import streamlit as st

from indicators.pages import common
from indicators.views.base import essay_year
from indicators.views.over_time import OverTimeSettings, offered, record_countries

st.title("The record over time")
st.caption(
    "What happened: the reference record from 1990, one line per country, with the essay's figures as points "
    "and the SCO's membership changes on the time axis."
)

ds = common.dataset()
indicators = [i.id for i in offered(ds)]
title = {i: ds.indicator(i).title for i in indicators}
countries_offered = record_countries(ds)
founders = [c for c in ds.members_in(essay_year(ds)) if c in countries_offered]
with st.sidebar:
    st.header("View")
    indicator = st.selectbox(
        "Indicator",
        indicators,
        index=indicators.index(common.from_url("indicator", indicators, indicators[0], title.__getitem__)),
        format_func=title.__getitem__,
        key="over_time_indicator",
    )
    countries = st.multiselect(
        "Countries",
        countries_offered,
        default=common.list_from_url("countries", countries_offered, founders),
        format_func=ds.names.__getitem__,
        key="over_time_countries",
        help="The six founders by default; the record covers the 13 countries the SCO's membership has touched.",
    )
    log = st.toggle("Log scale", value=common.flag_from_url("log", True), key="over_time_log")
    events = st.toggle("Mark membership changes", value=common.flag_from_url("events", True), key="over_time_events")
    common.slides_download(ds)

state: dict[str, object] = {"indicator": indicator, "countries": countries, "log": log, "events": events}
common.keep_in_url(state)
common.share_link(state)
common.show_url_notices()

if not countries:
    st.info("No country selected. Pick one or more in the sidebar.")
    st.stop()

view = common.over_time_view(OverTimeSettings(indicator, tuple(countries), log, events))
for text in view.notices:
    st.info(common.plain(text))
if view.figure is None:
    st.warning(f"Neither the record nor the essay has {common.plain(view.title)} for the selected countries.")
else:
    common.show_figure(view.figure, key="over_time_chart")
st.subheader("Table")
common.show_table(
    view.table,
    view.title,
    key="over_time_csv",
    formats={c: f"decimals:{ds.indicator(indicator).decimals}" for c in view.table.columns if c.startswith("Value")},
)
common.footer(ds)
