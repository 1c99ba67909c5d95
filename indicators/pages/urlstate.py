"""A page's view settings in its URL: read (with notices), written back, shared as a link, kept for the slides."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st

from indicators.pages.common import plain
from indicators.views import links
from indicators.views.readers import Query

#: Session key: each page's last settings (URL path -> encoded query), for the slide deck.
_VIEWS = "slides_views"


def query() -> Query:
    """The page's query parameters, to read its settings from (a repeated key counts with its last value)."""
    return Query(st.query_params.to_dict())


def _encode(value: Any) -> str:
    """A view setting as a query-parameter string: a list comma-joined, a flag as 1/0, a number as short as it goes."""
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return f"{value:g}" if isinstance(value, float) else str(value)


def last_views() -> dict[str, str]:
    """Each page's last settings in this session (URL path -> query), as :func:`keep_and_share` keeps them."""
    # The dict itself, not a copy: a deck built later in the session sees the settings set since.
    views: dict[str, str] = st.session_state.setdefault(_VIEWS, {})
    return views


def _page_path() -> str | None:
    """The running page's URL path ("" for the default page, "energy", …), or None when no browser said (AppTest)."""
    url = st.context.url
    if not url:
        return None
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    # Behind a base path (/dash/energy) the page is the last segment; the default page has none of its own (/dash).
    return last if last in links.PAGE_PATHS else ""


def keep_and_share(shown: dict[str, Any], notices: list[str]) -> None:
    """The top of every page: exactly the settings ``shown`` by its widgets written into the URL (settings that no
    longer apply are dropped) and kept for the slide deck, a 'copy link to this view' box, and the link's notices."""
    encoded = {key: _encode(value) for key, value in shown.items()}
    if st.query_params.to_dict() != encoded:
        st.query_params.from_dict(encoded)
    page = _page_path()
    if page is not None:
        last_views()[page] = urlencode(encoded, safe=",")
    url = st.context.url or ""
    if url and urlsplit(url).path == "":
        url += "/"
    with st.popover("Link to this view", help="Copy a link that reopens this page with these settings.", icon=":material/link:"):
        st.code(f"{url}?{urlencode(encoded, safe=',')}", language=None, wrap_lines=True)
        st.caption("Use the copy button at the right of the box.")
    for text in dict.fromkeys(notices):
        st.info(plain(text), icon=":material/link_off:")
