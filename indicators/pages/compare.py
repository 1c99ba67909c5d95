"""Compare members: one indicator across the SCO's members of a chosen year."""

from __future__ import annotations

import streamlit as st

from indicators.pages import cached, common, downloads, urlstate, widgets
from indicators.views.readers import CompareReader

ds = common.page("Compare members", "One indicator across SCO members, with how certain each figure is and where it comes from.")
menu = cached.compare_menu()
link = CompareReader(menu, urlstate.query())
# Each later setting is read from the link given the choices above it, as the user has them now.
settings = widgets.settings(link, ds)

if not settings.countries:
    st.info("No member selected. Pick one or more members in the sidebar to compare them.")
    st.stop()

view = cached.compare_view(settings)
common.finding(view.finding)
fill = link.complete(settings.indicator, settings.share_of)
if view.missing and fill is not None and not settings.complete:
    widgets.set_button(fill.label, fill.name, True, "compare_fill", ":material/add_chart:", fill.help)
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
        st.metric(common.plain(card.label), common.plain(card.value), help=common.plain(card.help), border=True, width="content")

number_format = "percent" if settings.indicator in menu.shares else f"decimals:{menu.decimals[settings.indicator]}"
st.subheader("Table")
downloads.show_table(
    view.table,
    view.title,
    key="compare_csv",
    formats=dict.fromkeys([view.unit_column, "Lower bound", "Upper bound"], number_format),
)
common.footer(ds)
