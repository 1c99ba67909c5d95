"""Compare members: one indicator across the SCO's members of a chosen year."""

from __future__ import annotations

import streamlit as st

from indicators.pages import common
from indicators.views.compare import CompareSettings

st.title("Compare members")
st.caption("One indicator across SCO members, with how certain each figure is and where it comes from.")

ds = common.dataset()
menu = common.compare_menu()
offered = list(menu.indicators)
bases = list(menu.bases)
title = menu.titles
essay_as_of = menu.essay_year
years_of_change = list(menu.as_of_years)


with st.sidebar:
    st.header("View")
    indicator = st.selectbox(
        "Indicator",
        offered,
        index=offered.index(common.from_url("indicator", offered, offered[0], title.__getitem__)),
        format_func=title.__getitem__,
        key="compare_indicator",
    )
    share_of = bases[0] if bases else indicator
    is_share = indicator in menu.shares
    if is_share and bases:
        share_of = st.selectbox(
            "Share of which total",
            bases,
            index=bases.index(common.from_url("share_of", bases, bases[0], title.__getitem__)),
            format_func=title.__getitem__,
            key="compare_share_of",
        )
    as_of = st.selectbox(
        "The SCO as of",
        years_of_change,
        index=years_of_change.index(common.from_url("as_of", years_of_change, essay_as_of, menu.as_of_labels.__getitem__)),
        format_func=menu.as_of_labels.__getitem__,
        key="compare_as_of",
        help="Members come from the dated membership table (one source per change).",
    )
    members = list(menu.members[as_of])
    countries = st.multiselect(
        "Members",
        members,
        default=common.list_from_url("countries", members, members),
        format_func=menu.names.__getitem__,
        key=f"compare_countries_{as_of}",
    )
    measured = share_of if is_share else indicator
    complete = measured in menu.with_record and st.toggle(
        "Fill gaps from the record",
        value=common.flag_from_url("complete", False),
        key="compare_complete",
        help="Members the essay gives no figure for get the World Bank's value for the same year, drawn and labelled as the record.",
    )
    years = list(menu.record_years[measured])
    show_reference = (
        not is_share
        and bool(years)
        and measured in menu.with_record
        and st.toggle(
            "Add World Bank values",
            value=common.flag_from_url("reference", False),
            key="compare_reference",
            help="Black diamonds: the World Bank's recorded value for the chosen year (the record, not the essay).",
        )
    )
    year = menu.figures_year
    if show_reference:
        year = st.select_slider(
            "Record year",
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
    common.slides_download(ds)

state: dict[str, object] = {"indicator": indicator, "as_of": as_of, "countries": countries}
if is_share:
    state["share_of"] = share_of
if complete:
    state["complete"] = True
if show_reference:
    state |= {"reference": True, "year": year}
if log:
    state["log"] = True
common.keep_in_url(state)
common.share_link(state)
common.show_url_notices()

if not countries:
    st.info("No member selected. Pick one or more members in the sidebar to compare them.")
    st.stop()

view = common.compare_view(CompareSettings(indicator, tuple(countries), share_of, as_of, complete, show_reference, year, log))
for text in view.notices:
    st.info(common.plain(text))
if view.warning:
    st.warning(common.plain(view.warning))
if view.figure:
    common.show_figure(view.figure, key="compare_chart")
if view.missing:
    st.markdown(
        f"**No figure given:** {common.plain(', '.join(view.missing))}. These members have no bar; no figure is invented for them."
    )
for first in range(0, len(view.cards), 5):
    for col, card in zip(st.columns(5), view.cards[first : first + 5], strict=False):
        col.metric(common.plain(card["label"]), card["value"], help=common.plain(card["help"]), border=True)

number_format = "percent" if is_share else f"decimals:{menu.decimals[indicator]}"
st.subheader("Table")
common.show_table(
    view.table,
    view.title,
    key="compare_csv",
    formats=dict.fromkeys([view.unit_column, "Lower bound", "Upper bound"], number_format),
)
common.footer(ds)
