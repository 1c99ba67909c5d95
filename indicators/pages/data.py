"""Data and sources: every table with its provenance, the checks, and downloads."""

from __future__ import annotations

import streamlit as st

from indicators.load.dataset import resolve_data_dir
from indicators.load.upload import template_csv
from indicators.outputs.export import ExportError, datapackage, zip_bytes
from indicators.pages import cached, common, downloads, loading, own, urlstate, widgets
from indicators.schemas import table_title
from indicators.views.readers import DataReader

st.title("Data and sources")
ds = common.dataset()
info = cached.data_view()
st.success(info.checked, icon=":material/verified:")
with st.expander("How the files were checked"):
    st.markdown(
        f"{info.tables} tables, {info.rows:,} rows, 0 problems. Each table is checked against its schema (the pandera "
        "models in `indicators/schemas/`: types, allowed values, formats, keys), then across tables: references, "
        "evidence phrases, the years that rest on an assumption, and figures that others are divided by."
    )
st.markdown(f"**Cite the essay as:** {common.plain(info.citation)}")

st.subheader("Add your own figures")
st.caption(
    "A CSV in the layout of observations.csv, checked like the shipped data. Accepted figures join the comparisons "
    "for this browser session only: hollow triangles on the Compare, Over time and Energy charts and their own rows "
    "in the tables, labelled by their source, never summed with the essay's. Nothing is written to the data folder. "
    "They stay while this tab is open (move between pages with the menu); reloading the page or opening a link anew "
    "starts without them."
)
st.download_button(
    "Template (CSV, one example row to replace)",
    data=template_csv(ds),
    file_name="sco-my-figures-template.csv",
    mime="text/csv",
    key="data_upload_template",
    on_click="ignore",
    icon=":material/download:",
)
uploaded = st.file_uploader("Your figures (CSV)", type=["csv"], key="data_upload_file")
citation = st.text_input(
    "Citation of a new source (one line)",
    key="data_upload_citation",
    help="Needed when your file uses a source_id that is not in sources.csv, such as the template's my_source.",
)
if uploaded is not None:
    result = own.add_own_figures(uploaded.getvalue(), uploaded.name, citation)
    if result.rows is None:
        st.error(
            f"{len(result.problems)} problem(s) in {common.plain(uploaded.name)}: nothing was added.", icon=":material/error:"
        )
        common.show_problems(result.problems)
added = own.own_figures()
if added is not None:
    st.success(f"{len(added.rows)} figures added for this browser session.", icon=":material/add_chart:")
    downloads.show_table(added.rows, "sco my figures", key="data_upload_csv")
    if st.button("Remove my figures", key="data_upload_forget", icon=":material/delete:"):
        own.forget_own_figures()
        st.rerun()

table_name, countries, search = widgets.settings(DataReader(ds, urlstate.query()))

st.subheader(table_title(table_name))
table = cached.table_view(table_name, tuple(countries), search)
if table.shown.empty:
    st.info("No row matches these filters. Clear the search or select more countries.")
else:
    st.caption(
        f"{len(table.shown):,} of {table.total:,} rows. Each essay figure carries its source, locator and evidence phrase. "
        "The CSV holds these rows as the data contract writes them (ids and column names of datapackage.json)."
    )
    downloads.show_table(
        table.shown,
        f"sco {table_name.removesuffix('.csv')}",
        key="data_csv",
        label="These rows as CSV (contract file)",
        download=table.rows,
    )

st.subheader("The SCO's membership")
st.caption(
    f"All {len(info.membership)} countries that have held an SCO status (member, observer, dialogue partner, or partner, "
    "the status into which the Tianjin Declaration merged the last two), complete to the last change recorded. "
    "Dialogue partners are dated by the signing of their memorandum; each change's report is in the membership table above."
)
downloads.show_table(info.membership, "sco membership by country", key="data_membership_csv", headers=True)

st.subheader("Consistency within the essay")
st.markdown(info.consistency_text)
downloads.show_table(
    info.consistency, "sco consistency report", key="data_consistency_csv", formats={"relative_gap": "percent"}, headers=True
)

st.subheader("The essay beside the reference record")
st.caption(
    "Same country, indicator and year. Each verdict names the release it reads and is recomputed for every World Bank "
    "release since 2012 (vintages.csv; dates are the datahub.io repackaging's): “depends on the release” gives both. "
    "Armed-forces definitions differ (WDI counts paramilitary forces). Every claim of the essay, with its verdict: "
    "the [claims scorecard](/claims)."
)
downloads.show_table(
    info.reference, "sco essay vs record", key="data_reference_csv", formats={"relative_gap": "percent"}, headers=True
)

st.subheader("Download everything")
shipped = loading.load(str(resolve_data_dir()))  # the package as shipped: figures added in this session are not part of it
try:
    datapackage(shipped)  # checked now: a broken datapackage.json is said here, not left to a button that does nothing
except ExportError as err:
    st.error(f"The ZIP cannot be made: {common.plain(err)}", icon=":material/error:")
else:
    st.download_button(
        "All tables, datapackage.json and README (ZIP)",
        data=lambda: zip_bytes(shipped, info.readme),
        file_name="sco-indicators-data.zip",
        mime="application/zip",
        key="data_zip",
        on_click="ignore",
        icon=":material/folder_zip:",
    )

st.subheader("Sources and licences")
downloads.show_table(info.sources, "sco sources", key="data_sources_csv", headers=True, links=("Url",))
common.footer(ds)
