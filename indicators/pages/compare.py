"""Compare members: one indicator across the SCO's members of a chosen year."""

from __future__ import annotations

import streamlit as st

from indicators.pages import cached, common, downloads, urlstate, widgets
from indicators.views.compare import ESSAY_VALUES, RECORD_VALUES, CompareSettings
from indicators.views.readers import CompareReader

ds = common.page("Compare members", "One indicator across SCO members, with how certain each figure is and where it comes from.")
menu = cached.compare_menu()
link = CompareReader(menu, urlstate.query())

with widgets.sidebar(link.q, ds):
    indicator = widgets.choose(link.indicator, "compare_indicator")
    is_share = indicator in menu.shares
    # Each later setting is read from the link given the choices above it, as the user has them now.
    share = link.share_of(indicator)
    share_of = widgets.choose(share, "compare_share_of") if link.asks_share_of(indicator) else share.value
    as_of = widgets.choose(link.as_of, "compare_as_of")
    members = menu.members[as_of]
    members_key = f"compare_countries_{as_of}"
    countries = widgets.pick(link.countries(as_of), members_key)
    if set(countries) != set(members):
        about = f"Select exactly the {len(members)} members of {as_of}."
        widgets.set_button(
            f"Members of {as_of}", members_key, list(members), "compare_reset_members", ":material/restart_alt:", about
        )
    measured = link.measured(indicator, share_of)
    fill = link.complete(measured)
    complete = fill is not None and widgets.switch(fill, "compare_complete")
    offered = link.values(indicator, measured)
    values = widgets.choose(offered, "compare_values", st.radio, horizontal=True) if offered else ESSAY_VALUES
    show_reference = offered is not None and values == ESSAY_VALUES and widgets.switch(link.reference(), "compare_reference")
    year = menu.figures_year
    if show_reference or values == RECORD_VALUES:
        year = widgets.slide(link.year(measured, values), f"compare_year_{values}")
    log = widgets.switch(link.log, "compare_log")

if not countries:
    st.info("No member selected. Pick one or more members in the sidebar to compare them.")
    st.stop()

view = cached.compare_view(
    CompareSettings(indicator, tuple(countries), share_of, as_of, complete, show_reference, year, log, values)
)
common.finding(view.finding)
if view.missing and fill is not None and not complete:
    widgets.set_button(fill.label, "compare_complete", True, "compare_fill", ":material/add_chart:", fill.help)
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
