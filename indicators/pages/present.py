"""Present: the deck's views one at a time, full-screen, for the meeting room.

``/present`` shows the current deck (each chart page as last set in this session, or its defaults);
``/present?views=<link>&views=<link>`` the views given, as "Link to this view" writes them (URL-encoded).
ArrowRight/ArrowLeft or the buttons step through them; Escape or "Back to this view" returns to the page the
view came from.
"""

from __future__ import annotations

import html
from urllib.parse import parse_qsl

import streamlit as st

from indicators.charts.sizing import room_spec
from indicators.pages import cached, common, downloads
from indicators.pages.registry import page_named
from indicators.pages.urlstate import last_views
from indicators.views import links

#: The least height of the chart (pixels): below the buttons, the headline, title, chart and caption fill the screen's
#: height and the chart takes what the others leave, down to this; a screen lower than that scrolls.
MIN_CHART_HEIGHT = 280

#: Characters of a finding beyond which it is set smaller (26 px, still well above the 18 px floor).
LONG_FINDING = 160

#: No sidebar or toolbar; the page's own heading small; text for the room (at least 18 px).
_STYLE = """<style>
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], [data-testid='stHeader'],
[data-testid='stSidebarNav'], [data-testid='stExpandSidebarButton'] { display: none !important; }
[data-testid='stMainBlockContainer'] { padding: 0.6rem 2.5vw 0.5rem !important; max-width: 100% !important; }
[data-testid='stMain'] h1 { font-size: 18px !important; color: #555; padding: 0 !important; font-weight: 400 !important; }
.present-finding { font-size: 34px; line-height: 1.2; font-weight: 600; margin: 0; }
.present-finding.present-long { font-size: 26px; }
.present-title { font-size: 22px; color: #444; margin: 0.2rem 0 0; }
.present-caption, .present-caption a { font-size: 18px; color: #333; }
[data-testid='stLayoutWrapper']:has(> .st-key-present_body) { flex: 0 0 calc(100vh - 6rem) !important; height: calc(100vh - 6rem) !important; }
.st-key-present_body { height: 100% !important; overflow-y: auto; }
.st-key-present_chart { min-height: MIN_CHART_HEIGHTpx; }
</style>""".replace("MIN_CHART_HEIGHT", str(MIN_CHART_HEIGHT))

st.html(_STYLE)
st.title("Present")
common.dataset()  # the problem report, if the data does not validate
urls = st.query_params.get_all("views") or downloads.deck_urls(last_views())
try:
    slides = cached.deck_slides(tuple(urls))
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
# Streamlit's own button shortcuts: ArrowRight/ArrowLeft step, Escape goes back (no script of ours in the page).
row = st.container(horizontal=True, vertical_alignment="center")
previous = row.button("Previous", key="present_previous", icon=":material/arrow_back:", shortcut="Left")
row.markdown(f"**{at + 1} of {len(slides)}**")
following = row.button("Next", key="present_next", icon=":material/arrow_forward:", shortcut="Right")
back = row.button("Back to this view", key="present_back", icon=":material/close:", shortcut="Escape", help=slide.url)
# A long finding in smaller type, so that it does not push the chart off the first screen.
size = "" if len(slide.headline) <= LONG_FINDING else " present-long"
# One block as high as the screen below the buttons (the style above): the chart stretches into what the texts leave.
body = st.container(key="present_body", height=MIN_CHART_HEIGHT, border=False)
body.html(f"<p class='present-finding{size}'>{html.escape(slide.headline)}</p>")
if slide.title != slide.headline:
    body.html(f"<p class='present-title'>{html.escape(slide.title)}</p>")
body.vega_lite_chart(
    spec=room_spec(slide.spec, "container", "container", legends_right=True),
    theme=None,
    alt=slide.alt_text,
    key="present_chart",
    width="stretch",
    height="stretch",
)
caption = " ".join([*slide.unit, *slide.sources])
body.html(f"<p class='present-caption'>{html.escape(caption)}</p>")
if back:
    page_name, query = links.page_of(slide.url)
    st.switch_page(page_named(page_name).path, query_params=parse_qsl(query))
if previous or following:
    st.query_params["at"] = str((at + (1 if following else -1)) % len(slides) + 1)
    st.rerun()
