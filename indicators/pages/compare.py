"""Compare members: one indicator across the SCO's members of a chosen year."""

from __future__ import annotations

import streamlit as st

from indicators.pages import cached, common, downloads, urlstate, widgets
from indicators.views.compare import ESSAY_VALUES, RECORD_VALUES, CompareSettings
from indicators.views.readers import CompareReader

ds = common.page("Compare members", "One indicator across SCO members, with how certain each figure is and where it comes from.")
menu = cached.compare_menu()
title = menu.titles
link = CompareReader(menu, urlstate.query())

with st.sidebar:
    st.header("View")
    indicator = widgets.choose("Indicator", menu.indicators, link.indicator(), title.__getitem__, key="compare_indicator")
    is_share = indicator in menu.shares
    # Each later setting is read from the link given the choices above it, as the user has them now.
    share_of = link.share_of(indicator)
    if link.asks_share_of(indicator):
        share_of = widgets.choose("Share of which total", menu.bases, share_of, title.__getitem__, key="compare_share_of")
    as_of = widgets.choose(
        "The SCO as of",
        menu.as_of_years,
        link.as_of(),
        menu.as_of_labels.__getitem__,
        key="compare_as_of",
        help="Members come from the dated membership table (one source per change).",
    )
    members = menu.members[as_of]
    members_key = f"compare_countries_{as_of}"
    countries = widgets.pick_countries("Members", members, link.countries(as_of), menu.names, key=members_key)
    if set(countries) != set(members):
        st.button(
            f"Members of {as_of}",
            on_click=widgets.set_to,
            args=(members_key, list(members)),
            key="compare_reset_members",
            icon=":material/restart_alt:",
            help=f"Select exactly the {len(members)} members of {as_of}.",
        )
    measured = link.measured(indicator, share_of)
    complete = link.offers_complete(measured) and widgets.switch(
        "Fill gaps from the record",
        link.complete(),
        key="compare_complete",
        help="Members the essay gives no figure for get the World Bank's value for the same year, drawn and labelled as the record.",
    )
    values = ESSAY_VALUES
    if link.offers_reference(indicator, measured):
        values = st.radio(
            "Values",
            (ESSAY_VALUES, RECORD_VALUES),
            index=(ESSAY_VALUES, RECORD_VALUES).index(link.values()),
            format_func={ESSAY_VALUES: "the essay's", RECORD_VALUES: "the record's (World Bank)"}.__getitem__,
            horizontal=True,
            key="compare_values",
            help="The record's values for a year you choose (its latest by default) as the bars, the essay's figures beside them as diamonds.",
        )
    show_reference = (
        values == ESSAY_VALUES
        and link.offers_reference(indicator, measured)
        and widgets.switch(
            "Add World Bank values",
            link.reference(),
            key="compare_reference",
            help="Black diamonds: the World Bank's recorded value for the chosen year (the record, not the essay).",
        )
    )
    year = menu.figures_year
    if show_reference or values == RECORD_VALUES:
        years = menu.record_years[measured]
        year = st.select_slider("Record year", options=years, value=link.year(measured, values), key=f"compare_year_{values}")
    log = widgets.switch(
        "Log scale",
        link.log(),
        key="compare_log",
        help="For values that differ by orders of magnitude; bars become dots on stems.",
    )
    downloads.slides_download(ds)

state: dict[str, object] = {"indicator": indicator, "as_of": as_of, "countries": countries}
if is_share:
    state["share_of"] = share_of
if complete:
    state["complete"] = True
if show_reference:
    state |= {"reference": True, "year": year}
if values == RECORD_VALUES:
    state |= {"values": values, "year": year}
if log:
    state["log"] = True
urlstate.keep_and_share(state, link.q)

if not countries:
    st.info("No member selected. Pick one or more members in the sidebar to compare them.")
    st.stop()

view = cached.compare_view(
    CompareSettings(indicator, tuple(countries), share_of, as_of, complete, show_reference, year, log, values)
)
common.finding(view.finding)
if view.missing and link.offers_complete(measured) and not complete:
    st.button(
        "Fill gaps from the record",
        on_click=widgets.set_to,
        args=("compare_complete", True),
        key="compare_fill",
        icon=":material/add_chart:",
        help="Members the essay gives no figure for get the World Bank's value for the same year, drawn and labelled as the record.",
    )
if view.figure:
    downloads.show_figure(view.figure, key="compare_chart")
for text in view.notices:
    st.info(common.plain(text))
if view.warning:
    st.warning(common.plain(view.warning))
if view.missing:
    st.markdown(
        f"**No figure given:** {common.plain(', '.join(view.missing))}. These members have no bar; no figure is invented for them."
    )
# Cards as wide as their figure, wrapping onto more rows: a fixed grid cut figures short ("1,280…") on a projector.
with st.container(horizontal=True, gap="small"):
    for card in view.cards:
        st.metric(
            common.plain(card.label),
            common.plain(card.value),
            help=common.plain(card.help),
            border=True,
            width="content",
        )

number_format = "percent" if is_share else f"decimals:{menu.decimals[indicator]}"
st.subheader("Table")
downloads.show_table(
    view.table,
    view.title,
    key="compare_csv",
    formats=dict.fromkeys([view.unit_column, "Lower bound", "Upper bound"], number_format),
)
common.footer(ds)
