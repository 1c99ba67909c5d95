"""Helpers for the browser tests: what a page logged, waiting for a Streamlit run to settle, screenshots, the window
sizes of a laptop and a meeting-room screen, and what each chart measures on screen."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, ViewportSize, WebError, WebSocket

from tests.support import ROOT

#: Tall enough that a full-page screenshot shows the whole page (Streamlit scrolls an inner element, not the document).
VIEWPORT: ViewportSize = {"width": 1500, "height": 2400}
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
#: The window sizes of a laptop and a meeting-room screen.
WINDOWS: list[ViewportSize] = [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]
at_each_window = pytest.mark.parametrize("window", WINDOWS, ids=[f"{w['width']}x{w['height']}" for w in WINDOWS])
CHART = "[data-testid='stVegaLiteChart']"
#: Hosts a page may talk to: the local server only.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
#: How long a page may take to finish its script run and draw its charts.
IDLE_TIMEOUT_MS = 60_000

# Benign 404s. On a deep link such as /borders, Streamlit's frontend first probes the health and host-config
# endpoints under the page's own path (/borders/_stcore/health, /borders/_stcore/host-config), gets 404,
# and then falls back to the root path, which answers. The browser logs each 404 as a console error.
# Only these URLs, with status 404, are allowed; every other failed response or console error fails the test.
BENIGN_404_PATH = re.compile(r"^/[A-Za-z0-9_-]+/_stcore/(?:health|host-config)$")
BENIGN_404_CONSOLE = "Failed to load resource: the server responded with a status of 404"


#: What a page shows right now: script state, stale elements, charts (present, drawn, drawn at a non-zero size),
#: tables still loading, the heading, exceptions (``st.exception`` and uncaught errors) and ``st.error`` notices.
#: ``wait_idle`` and ``scripts/loadtest.py`` poll it.
PAGE_STATE_JS = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    const charts = [...document.querySelectorAll("[data-testid='stVegaLiteChart']")];
    const marks = charts.map(c => c.querySelector('svg.marks, canvas.marks')).filter(m => m !== null);
    // A table in a collapsed expander is not drawn until it is opened: wait only for visible ones.
    const tables = [...document.querySelectorAll("[data-testid='stDataFrame']")].filter(t => t.checkVisibility());
    const heading = document.querySelector("[data-testid='stMain'] h1");
    // An exception's box is itself an error alert; only alerts outside one are st.error notices.
    const notices = [...document.querySelectorAll("[data-testid='stAlertContentError']")]
        .filter(a => a.closest("[data-testid='stException']") === null);
    return {
        running: app === null ? 'missing' : app.getAttribute('data-test-script-state'),
        stale: document.querySelectorAll("[data-stale='true']").length,
        charts: charts.length,
        drawn: marks.length,
        // Drawn: at a non-zero size and, for SVG, holding text (every chart has some). Vega sizes the SVG before a
        // chart's data has loaded (the map's shapes come from a data: URL, read asynchronously).
        sized: marks.filter(m => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0
            && (m.tagName !== 'svg' || [...m.querySelectorAll('text')].some(t => t.textContent.trim() !== '')); }).length,
        tables_pending: tables.filter(t => t.querySelector("table[role='grid'] th") === null).length,
        heading: heading === null ? null : heading.textContent,
        exceptions: document.querySelectorAll("[data-testid='stException']").length,
        error_notices: notices.length,
    };
}"""


def _is_benign_404(url: str) -> bool:
    return BENIGN_404_PATH.match(urlsplit(url).path) is not None


def is_benign_console_error(text: str, url: str) -> bool:
    """A console error that is one of the allowed 404s of a deep link (see BENIGN_404_PATH)."""
    return text.startswith(BENIGN_404_CONSOLE) and _is_benign_404(url)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


@dataclass
class PageLog:
    """What the browser reported while a test ran: console errors, failed and non-local requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_responses: list[tuple[int, str]] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    non_local: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.on("console", self._on_console)
        context.on("weberror", self._on_web_error)
        context.on("request", self._on_request)
        context.on("response", self._on_response)
        context.on("requestfailed", self._on_request_failed)
        context.on("page", lambda page: page.on("websocket", self._on_websocket))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        if is_benign_console_error(message.text, url):
            self.allowed.append(f"console 404 {url}")
            return
        self.console_errors.append(f"{message.text} (at {url or 'unknown location'})")

    def _on_web_error(self, error: WebError) -> None:
        self.page_errors.append(str(error.error))

    def _on_request(self, request: Request) -> None:
        if not _is_local(request.url):
            self.non_local.append(request.url)

    def _on_websocket(self, ws: WebSocket) -> None:
        self.websockets.append(ws.url)
        if not _is_local(ws.url):
            self.non_local.append(ws.url)

    def _on_response(self, response: Response) -> None:
        if response.status < 400:
            return
        if response.status == 404 and _is_benign_404(response.url):
            self.allowed.append(f"response 404 {response.url}")
            return
        self.failed_responses.append((response.status, response.url))

    def _on_request_failed(self, request: Request) -> None:
        # A rerun replaces a download's file: the browser then aborts its request for the old one, which is no error
        # (a missing file would still come back as an HTTP error above).
        if "/media/" in request.url and request.failure == "net::ERR_ABORTED":
            return
        self.failed_requests.append(f"{request.url} ({request.failure})")

    def problems(self) -> list[str]:
        return (
            [f"console error: {e}" for e in self.console_errors]
            + [f"uncaught page error: {e}" for e in self.page_errors]
            + [f"HTTP {status}: {url}" for status, url in self.failed_responses]
            + [f"request failed: {r}" for r in self.failed_requests]
            + [f"request to a non-local host: {u}" for u in self.non_local]
        )

    def assert_clean(self) -> None:
        """Fail on any console error, page error, failed or non-local request beyond the allow-list."""
        problems = self.problems()
        assert not problems, "The browser reported:\n  " + "\n  ".join(problems)


def wait_idle(page: Page, charts: int | None = None, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Wait until the script run has finished and (if given) exactly ``charts`` Vega-Lite charts are drawn.

    Right after a page load the app reports script state ``initial``; ``notRunning`` means a run has finished.
    Charts and tables are drawn asynchronously after the run (tables load lazily), so they are polled, not slept for;
    a table hidden in a collapsed expander is not waited for.
    """
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        state = page.evaluate(PAGE_STATE_JS)
        settled = state["running"] == "notRunning" and state["stale"] == 0 and state["tables_pending"] == 0
        if settled and (charts is None or state["charts"] == state["drawn"] == charts):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"page did not settle within {timeout_ms} ms (expected {charts} chart(s)): {state}")
        page.wait_for_timeout(100)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def each_page_at_each_window(pages: list[tuple[str, int, str]]) -> pytest.MarkDecorator:
    """Parametrize a test by ``path``, ``charts`` and ``name`` of each of ``pages``, and by each ``window`` of WINDOWS."""
    cases = [
        pytest.param(path, charts, name, window, id=f"{window['width']}x{window['height']}-{name}")
        for window in WINDOWS
        for path, charts, name in pages
    ]
    return pytest.mark.parametrize(("path", "charts", "name", "window"), cases)


def open_at(page: Page, base_url: str, path: str, charts: int, window: ViewportSize) -> None:
    page.set_viewport_size(window)
    page.goto(base_url + path)
    wait_idle(page, charts=charts)


#: Each chart as drawn: whether as SVG, its width against its column's, its right edge against the window's, its
#: texts' sizes, its dash arrays, and its title's lines with the right edge of the widest.
CHARTS_JS = """() => [...document.querySelectorAll("[data-testid='stVegaLiteChart']")].map(chart => {
    const column = chart.closest("[data-testid='stVerticalBlock']").getBoundingClientRect();
    const svg = chart.querySelector("svg.marks");
    const box = (svg || chart).getBoundingClientRect();
    const texts = svg ? [...svg.querySelectorAll("text")].filter(t => t.textContent.trim() !== "") : [];
    const title = svg ? [...svg.querySelectorAll(".role-title-text text, .role-title-text tspan")] : [];
    return {
        svg: svg !== null,
        column: column.width,
        width: box.width,
        right: box.right,
        window: window.innerWidth,
        fonts: texts.map(t => [parseFloat(getComputedStyle(t).fontSize), t.textContent.slice(0, 40)]),
        dashes: svg ? [...svg.querySelectorAll("[stroke-dasharray]")].map(e => e.getAttribute("stroke-dasharray")) : [],
        title_lines: title.map(t => t.textContent),
        title_right: Math.max(0, ...title.map(t => t.getBoundingClientRect().right)),
    };
})"""


def measure_charts(page: Page) -> list[dict[str, Any]]:
    charts: list[dict[str, Any]] = page.evaluate(CHARTS_JS)
    return charts
