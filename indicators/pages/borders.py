"""Borders: the border lengths the essay states, as chart, table and map."""

from __future__ import annotations

import streamlit as st

from indicators import charts, views
from indicators.dataset import DEFAULT_DATA_DIR
from indicators.pages import common

st.title("Borders")
st.caption("Border lengths as the essay states them.")

ds = common.dataset()


@st.cache_data(show_spinner=False)
def _map_spec(data_dir: str, topology: str) -> dict[str, object]:
    """The map's Vega-Lite spec, built once per data folder (its 300 KB of shapes need not be re-validated)."""
    spec: dict[str, object] = charts.region_map(charts.load_topology(topology), views.map_roles(common.dataset())).to_dict()
    return spec


with st.sidebar:
    st.header("View")
    show_groups = st.toggle(
        "Include group borders",
        value=common.flag_from_url("groups", True),
        key="borders_groups",
        help="Borders the essay gives for several countries together (e.g. China with the USSR).",
    )
    show_map = st.toggle("Show map", value=common.flag_from_url("map", True), key="borders_map")
state = {"groups": show_groups, "map": show_map}
common.keep_in_url(state)

frame = views.border_frame(ds)
if not show_groups:
    frame = frame[frame["neighbour_type"] == "country"]

if frame.empty:
    st.info("No border is left with these settings. Switch on group borders to see them.")
else:
    chart = charts.border_chart(frame)
    text = (
        "Bar chart of stated border lengths: "
        + "; ".join(f"{p} {lab}" for p, lab in zip(frame["pair"], frame["label"], strict=True))
        + "."
    )
    common.show_chart(chart, text, key="borders_chart", name="SCO border lengths")

    st.subheader("Table")
    table = views.border_table(frame)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "Length (km)": st.column_config.NumberColumn(format="localized"),
            "Lower bound (km)": st.column_config.NumberColumn(format="localized"),
            "Upper bound (km)": st.column_config.NumberColumn(format="localized"),
            "Year": st.column_config.NumberColumn(format="%d"),
        },
    )
    common.table_download(table, "SCO border lengths", key="borders_csv")

st.subheader("Statements without a length")
st.dataframe(views.no_border_statements(ds), hide_index=True, width="stretch")

if show_map:
    st.subheader("Map")
    region = _map_spec(str(ds.data_dir), str(DEFAULT_DATA_DIR / "geo" / "sco_region_50m.topo.json"))
    common.show_chart(
        region,
        "Map of Central Asia: the six SCO founding members in their fixed colours and Afghanistan in grey; "
        "hover a country for the borders the essay states for it.",
        key="borders_region_map",
        name="SCO members map",
    )
    st.caption(
        "Boundaries are de facto (Natural Earth, public domain), no endorsement implied. Hover a country for its stated borders."
    )
common.share_link(state)
common.footer(ds)
