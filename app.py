"""SCO indicators dashboard: routes to the pages listed in indicators/pages/registry.py."""

import streamlit as st

from indicators.pages.registry import PAGES

st.set_page_config(page_title="SCO indicators", layout="wide")
# Less empty space above each page's heading (Streamlit leaves 6rem), so the finding and the chart come first.
st.html("<style>[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }</style>")
page = st.navigation([st.Page(p.path, title=p.title, url_path=p.url_path or None, default=p.default) for p in PAGES])
page.run()
