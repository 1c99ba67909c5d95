"""SCO indicators dashboard: routes to the pages in indicators/pages/."""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).parent / "indicators" / "pages"

st.set_page_config(page_title="SCO indicators", layout="wide")
page = st.navigation(
    [
        st.Page(PAGES / "compare.py", title="Compare members", default=True),
        st.Page(PAGES / "over_time.py", title="The record over time", url_path="over_time"),
        st.Page(PAGES / "borders.py", title="Borders", url_path="borders"),
        st.Page(PAGES / "energy.py", title="China's energy outlook", url_path="energy"),
        st.Page(PAGES / "data.py", title="Data and sources", url_path="data"),
    ]
)
page.run()
