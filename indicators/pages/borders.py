"""Borders: the border lengths the essay states, as chart, table and map."""

from __future__ import annotations

import streamlit as st

from indicators.countries import membership_years
from indicators.pages import common
from indicators.views.base import essay_year

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
    essay_as_of = essay_year(ds)
    map_years = sorted({*membership_years(ds.membership), essay_as_of, *(int(y) for y in ds.membership["year"])})
    map_year = essay_as_of
    if show_map:
        map_year = st.selectbox(
            "Map: the SCO as of",
            map_years,
            index=map_years.index(common.from_url("map_year", map_years, essay_as_of)),
            format_func=lambda y: f"{y} (as the essay saw it)" if y == essay_as_of else str(y),
            key="borders_map_year",
            help="Members and observers from the dated membership table.",
        )
    common.slides_download(ds)
state: dict[str, object] = {"groups": show_groups, "map": show_map}
if show_map and map_year != essay_as_of:
    state["map_year"] = map_year
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
    )

st.subheader("Statements without a length")
common.show_table(view.no_border, "SCO no common border statements", key="borders_no_border_csv")

if show_map:
    st.subheader("Map")
    common.show_figure(common.map_figure(map_year), key="borders_region_map")
    st.caption(
        "Boundaries are de facto (Natural Earth, public domain), no endorsement implied. Hover a country for its stated borders."
    )
common.footer(ds)
