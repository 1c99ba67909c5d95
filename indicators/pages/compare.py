"""Compare members: one indicator across the six founding members."""

from __future__ import annotations

import streamlit as st

from indicators import views
from indicators.pages import common

st.title("Compare members")
st.caption("One indicator across the SCO founding members, with how certain each figure is and where the essay states it.")

ds = common.dataset()
members = views.member_codes(ds)
names = ds.names
titles = {i: str(views.meta(ds, i)["title"]) for i in views.COMPARE_INDICATORS}

with st.sidebar:
    st.header("View")
    indicator = st.selectbox(
        "Indicator",
        views.COMPARE_INDICATORS,
        index=views.COMPARE_INDICATORS.index(common.from_url("indicator", views.COMPARE_INDICATORS, "gdp_usd")),
        format_func=titles.__getitem__,
        key="compare_indicator",
    )
    share_of = "population"
    if indicator == "members_share":
        share_of = st.selectbox(
            "Share of which total",
            views.SHARE_BASES,
            index=views.SHARE_BASES.index(common.from_url("share_of", views.SHARE_BASES, "population")),
            format_func=lambda i: str(views.meta(ds, i)["title"]),
            key="compare_share_of",
        )
    countries = st.multiselect(
        "Members",
        members,
        default=common.list_from_url("countries", members, members),
        format_func=names.__getitem__,
        key="compare_countries",
    )
    years = views.reference_years(ds, indicator) if indicator != "members_share" else []
    show_reference = bool(years) and st.toggle(
        "Add World Bank values",
        value=common.flag_from_url("reference", False),
        key="compare_reference",
        help="Black diamonds: the World Bank's recorded value for the chosen year (reference data, not the essay).",
    )
    year = views.essay_year(ds)
    if show_reference:
        year = st.select_slider(
            "Reference year",
            options=years,
            value=common.from_url("year", years, year if year in years else years[-1]),
            key="compare_year",
        )
    log = st.toggle(
        "Log scale",
        value=common.flag_from_url("log", False),
        key="compare_log",
        help="For values that differ by orders of magnitude; bars become dots on stems.",
    )

state = {"indicator": indicator, "countries": countries, "reference": show_reference, "year": year, "log": log}
if indicator == "members_share":
    state["share_of"] = share_of
common.keep_in_url(state)

if not countries:
    st.info("No member selected. Pick one or more members in the sidebar to compare them.")
    st.stop()

view = common.view("compare", indicator, tuple(countries), share_of, show_reference, year, log)
if view.cards:
    for col, card in zip(st.columns(max(len(view.cards), 3)), view.cards, strict=False):
        col.metric(card["label"], card["value"], help=card["help"], border=True)
if view.warning:
    st.warning(view.warning)
if view.figure:
    common.show_figure(view.figure, key="compare_chart")
if view.missing:
    st.markdown(
        f"**Not stated in the essay:** {', '.join(view.missing)}. These members have no bar; no figure is invented for them."
    )

st.subheader("Table")
common.show_table(
    view.table,
    f"{view.title} SCO members",
    key="compare_csv",
    formats={view.unit_column: "localized", "Lower bound": "localized", "Upper bound": "localized", "Year": "%d"},
)
common.share_link(state)
common.footer(ds)
