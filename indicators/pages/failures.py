"""Downloads made on click that failed: said to the person as an error on their page, never a silent no-op.

A download's file is made on click, outside the page's run, where nothing can be shown. A failure (a chart the
drawing engine cannot draw, a deck python-pptx refuses) is kept for the session that clicked, a rerun of it is asked
for, and the page shows it at the top (:func:`show`). The browser also says at once that the file could not be made.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from indicators.charts.render import RenderError

T = TypeVar("T")

_LOGGER = logging.getLogger(__name__)

#: Session id -> sentences not yet shown. At most a few per session: older ones are dropped.
_FAILED: dict[str, list[str]] = {}
_LOCK = threading.Lock()
_KEPT = 5


def _session_id() -> str | None:
    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx.session_id if ctx is not None else None


def report(session_id: str | None, message: str) -> None:
    """Keep ``message`` for ``session_id`` and ask Streamlit to run the session's page again, as it was, so that the
    error shows now (best effort: at the latest it shows at the person's next interaction)."""
    if session_id is None:
        return
    with _LOCK:
        _FAILED[session_id] = [*_FAILED.get(session_id, []), message][-_KEPT:]
    try:
        from streamlit.runtime import Runtime

        info = Runtime.instance()._session_mgr.get_active_session_info(session_id)
        if info is not None:
            info.session.request_rerun(getattr(info.session, "_client_state", None))
    except Exception:
        _LOGGER.debug("could not ask for a rerun of session %s", session_id, exc_info=True)


def guarded(make: Callable[[], T], what: str) -> Callable[[], T]:
    """``make`` (a download's file, made on click), with a failure reported to the session it was made for:
    a :class:`RenderError`'s own sentence, or "The {what} could not be made: ..." for a ValueError or OSError."""
    session_id = _session_id()

    def run() -> T:
        try:
            return make()
        except RenderError as err:
            report(session_id, str(err))
            raise
        except (ValueError, OSError) as err:
            report(session_id, f"The {what} could not be made: {err}")
            raise

    return run


def pending(session_id: str | None) -> list[str]:
    """The failures kept for ``session_id``, now forgotten."""
    if session_id is None:
        return []
    with _LOCK:
        return _FAILED.pop(session_id, [])


def show() -> None:
    """Each download of this session that failed since the last run, as an error."""
    for message in pending(_session_id()):
        st.error(message, icon=":material/error:")
