"""Present: the deck's views one at a time, full-screen, for the meeting room.

``/present`` shows the current deck (each chart page as last set in this session, or its defaults);
``/present?views=<link>&views=<link>`` the views given, as "Link to this view" writes them (URL-encoded).
ArrowRight/ArrowLeft or the buttons step through them; Escape or "Back to this view" returns to the page.
"""

from __future__ import annotations

import html

import streamlit as st

from indicators.charts.sizing import room_spec
from indicators.pages import common, downloads
from indicators.pages.urlstate import last_views
from indicators.views import links

#: The chart's height on the screen (pixels): room for headline, title, buttons and caption at 720 px high.
CHART_HEIGHT = 400

#: No sidebar or toolbar; the page's own heading small; text for the room (at least 18 px).
_STYLE = """<style>
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], [data-testid='stHeader'],
[data-testid='stSidebarNav'], [data-testid='stExpandSidebarButton'] { display: none !important; }
[data-testid='stMainBlockContainer'] { padding: 0.6rem 2.5vw 0.5rem !important; max-width: 100% !important; }
[data-testid='stMain'] h1 { font-size: 18px !important; color: #555; padding: 0 !important; font-weight: 400 !important; }
.present-finding { font-size: 34px; line-height: 1.2; font-weight: 600; margin: 0; }
.present-title { font-size: 22px; color: #444; margin: 0.2rem 0 0; }
.present-caption, .present-caption a { font-size: 18px; color: #333; }
</style>"""

#: ArrowRight/ArrowLeft click Next/Previous, Escape follows "Back to this view". Streamlit has no key events in
#: Python; this fixed script (no data in it) listens on the page: one listener, replaced when the page runs again.
_KEYS = """<script>
(() => {
  const press = (key) => {
    const b = document.querySelector('.st-key-' + key + ' button');
    if (b && !b.disabled) b.click();
  };
  if (window.__presentKeys) document.removeEventListener('keydown', window.__presentKeys);
  window.__presentKeys = (event) => {
    if (!document.querySelector('.st-key-present_next')) return;  // another page of the app
    if (event.key === 'ArrowRight') press('present_next');
    else if (event.key === 'ArrowLeft') press('present_previous');
    else if (event.key === 'Escape') {
      const a = document.getElementById('present-back');
      if (a) window.location.href = a.href;
    }
  };
  document.addEventListener('keydown', window.__presentKeys);
})();
</script>"""

st.html(_STYLE)
st.title("Present")
ds = common.dataset()
urls = st.query_params.get_all("views") or downloads.deck_urls(last_views())
try:
    slides = links.plan_deck(ds, urls).slides
except links.LinkError as err:
    st.error(common.plain(str(err)))
    st.stop()
if not slides:
    st.info("These views have no chart to show.")
    st.stop()

# Which view is shown (1-based) is in the URL, so a reload or a shared link keeps it.
shown = st.query_params.get("at", "1")
at = (int(shown) - 1 if shown.isdigit() else 0) % len(slides)
slide = slides[at]
st.html(f"<p class='present-finding'>{html.escape(slide.headline)}</p>")
if slide.title != slide.headline:
    st.html(f"<p class='present-title'>{html.escape(slide.title)}</p>")
st.vega_lite_chart(
    spec=room_spec(slide.spec, "container", CHART_HEIGHT), theme=None, alt=slide.alt_text, key="present_chart", width="stretch"
)
caption = " ".join([*slide.unit, *slide.sources])
back = html.escape(slide.url, quote=True)
# The key script goes with visible text: Streamlit runs a script of st.html that has something to show.
st.html(
    f"<p class='present-caption'>{html.escape(caption)} "
    f"<a id='present-back' href='{back}' target='_self'>Back to this view</a></p>{_KEYS}",
    unsafe_allow_javascript=True,
)
row = st.container(horizontal=True)
previous = row.button("Previous", key="present_previous", icon=":material/arrow_back:")
row.markdown(f"**{at + 1} of {len(slides)}** · arrow keys step, Escape goes back")
following = row.button("Next", key="present_next", icon=":material/arrow_forward:")
if previous or following:
    st.query_params["at"] = str((at + (1 if following else -1)) % len(slides) + 1)
    st.rerun()
