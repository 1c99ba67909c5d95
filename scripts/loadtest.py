"""Load test: N browser sessions at once on one dashboard server, each visiting every page and changing a setting.

One headless Chromium drives N browser contexts (separate sessions, as N people would be) concurrently; they
start together. Each opens the default page, goes to every page of ``indicators/pages/registry.py`` through the
sidebar menu, and on each page changes one sidebar control (``SETTINGS``) and waits for the rerun. After every
load and every change it counts exceptions on the page, ``st.error`` notices, and charts expected but not drawn.
The server process tree's resident memory is sampled every 100 ms.

    .venv/bin/python scripts/loadtest.py [--sessions 10] [--port PORT] [--json results.json]

Exit status 1 when a session had an error (an exception on a page, a step that failed or did not settle) or a
chart was not drawn; 2 when the test could not run (no Chromium, the server did not start).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]  # the harness (tests/support.py) and browser_support

# One definition of the server, the browser and what a page shows, shared with the benchmark and the browser tests.
from browser_support import PAGE_STATE_JS, is_benign_console_error  # noqa: E402
from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Page, ViewportSize, WebError, async_playwright  # noqa: E402
from playwright.async_api import Error as PlaywrightError  # noqa: E402

from indicators.pages import registry  # noqa: E402
from indicators.pages.registry import PAGES  # noqa: E402
from tests.support import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_MISSING, MemorySampler, streamlit_server  # noqa: E402

VIEWPORT: ViewportSize = {"width": 1400, "height": 1000}


@dataclass(frozen=True)
class Setting:
    """One sidebar control of a page, found by its widget key (Streamlit gives its container the class st-key-<key>)."""

    key: str
    kind: Literal["toggle", "selectbox", "radio", "button"]

    @property
    def selector(self) -> str:
        return f".st-key-{self.key}"


#: The control each page's session changes (keys from the page scripts in indicators/pages/); every choice keeps
#: the page's number of charts, so the charts expected after the change are the registry's.
SETTINGS: dict[str, Setting] = {
    "compare": Setting("compare_indicator", "selectbox"),
    "over_time": Setting("over_time_log", "selectbox"),
    "borders": Setting("borders_map_year", "selectbox"),
    "energy": Setting("energy_base_year", "radio"),
    "data": Setting("data_table", "selectbox"),
    "present": Setting("present_next", "button"),
}

#: Counts the script runs that finish from now on (the attribute leaves ``running``), so a wait after a click
#: cannot mistake the state before the rerun for its end. A quick run may never show ``running`` in the page (the
#: browser, busy, can take the run's start and end in one render), so a main area whose text differs from what it
#: was at the click counts as a finished run too: every setting of SETTINGS changes what the page shows.
ARM_RUNS_JS = """() => {
    window.__loadtestRunsDone = 0;
    window.__loadtestBefore = document.querySelector("[data-testid='stMain']").textContent;
    if (window.__loadtestObserver) return;
    const app = document.querySelector("[data-testid='stApp']");
    window.__loadtestObserver = new MutationObserver(records => {
        for (const r of records) { if (r.oldValue === 'running') window.__loadtestRunsDone++; }
    });
    window.__loadtestObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state'], attributeOldValue: true});
}"""
RUNS_DONE_JS = """() => (window.__loadtestRunsDone || 0)
    + (document.querySelector("[data-testid='stMain']").textContent !== window.__loadtestBefore ? 1 : 0)"""


@dataclass
class Step:
    """One page load or one setting change in one session, and what the page showed once it settled."""

    page: str
    action: str
    seconds: float
    exceptions: int = 0
    error_notices: int = 0
    charts_missing: int = 0
    problem: str = ""


@dataclass
class Session:
    number: int
    steps: list[Step] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return sum(s.exceptions + bool(s.problem) for s in self.steps)

    @property
    def error_notices(self) -> int:
        return sum(s.error_notices for s in self.steps)

    @property
    def charts_missing(self) -> int:
        return sum(s.charts_missing for s in self.steps)


# ------------------------------------------------------------------------------------------ one session


async def settle(page: Page, entry: registry.Page, timeout: float, after_run: bool) -> dict[str, Any]:
    """Poll until the run has finished (a new one, if ``after_run``), the page shows its heading, nothing is stale,
    visible tables and the page's charts are drawn; then (or at the timeout, with ``timed_out`` set) return what the
    page shows. Charts are awaited by the registry's count: a chart's element appears only once its code has loaded."""
    deadline = time.monotonic() + timeout
    while True:
        state: dict[str, Any] = await page.evaluate(PAGE_STATE_JS)
        state["runs_done"] = await page.evaluate(RUNS_DONE_JS)
        ran = not after_run or state["runs_done"] > 0
        idle = state["running"] == "notRunning" and state["stale"] == 0 and state["tables_pending"] == 0
        # An exception ends the run early: its charts will not come, so do not wait for them.
        drawn = state["sized"] >= entry.charts or state["exceptions"] > 0
        if ran and idle and drawn and entry.heading in (state["heading"] or ""):
            return state | {"timed_out": False}
        if time.monotonic() > deadline:
            return state | {"timed_out": True}
        await asyncio.sleep(0.1)


async def change(page: Page, setting: Setting) -> None:
    """Give the control another value: flip a toggle, pick an option or a radio choice not chosen now, press a
    button."""
    control = page.locator(setting.selector)
    if setting.kind == "button":
        await control.get_by_role("button").click()
    elif setting.kind == "toggle":
        await control.locator("[data-testid='stCheckbox'] label").click()
    elif setting.kind == "radio":
        await control.locator("label[data-testid='stRadioOption']:not([data-selected='true'])").first.click()
    else:
        await control.get_by_role("combobox").click()
        await page.locator("[role='option']:not([aria-selected='true'])").first.click()


async def step(page: Page, entry: registry.Page, action: str, timeout: float, act: Callable[[], Awaitable[object]]) -> Step:
    """Run one action (a coroutine factory) on a settled page, wait for its rerun, and judge the result."""
    started = time.perf_counter()
    result = Step(entry.name, action, 0.0)
    try:
        # A new page is recognised by its heading (each page has its own); a setting keeps the heading, so the end
        # of its rerun is recognised by a run that finishes after the click.
        after_run = action.startswith("change")
        if after_run:
            await page.evaluate(ARM_RUNS_JS)
        await act()
        state = await settle(page, entry, timeout, after_run)
    except PlaywrightError as err:
        result.problem = f"browser error: {err.message.splitlines()[0]}"
        result.charts_missing = entry.charts
    else:
        result.exceptions = state["exceptions"]
        result.error_notices = state["error_notices"]
        result.charts_missing = max(0, entry.charts - state["sized"])
        if state["timed_out"]:
            shown = ", ".join(f"{k} {state[k]!r}" for k in ("running", "heading", "stale", "tables_pending", "runs_done"))
            result.problem = f"did not settle within {timeout:.0f} s ({shown})"
    result.seconds = time.perf_counter() - started
    return result


def record_console(context: BrowserContext, session: Session) -> None:
    def on_console(message: ConsoleMessage) -> None:
        url = message.location.get("url", "")
        if message.type == "error" and not is_benign_console_error(message.text, url):
            session.console_errors.append(f"console: {message.text} (at {url or 'unknown location'})")

    def on_web_error(error: WebError) -> None:
        session.console_errors.append(f"page error: {error.error}")

    context.on("console", on_console)
    context.on("weberror", on_web_error)


async def run_session(browser: Browser, number: int, base_url: str, start: asyncio.Barrier, timeout: float) -> Session:
    session = Session(number)
    context = await browser.new_context(viewport=VIEWPORT)
    record_console(context, session)
    page = await context.new_page()
    await start.wait()
    started = time.perf_counter()
    try:
        for index, entry in enumerate(PAGES):
            if index == 0:
                session.steps.append(await step(page, entry, "open", timeout, functools.partial(page.goto, base_url + entry.url)))
            else:
                link = page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=entry.title, exact=True)
                session.steps.append(await step(page, entry, "menu", timeout, link.click))
            setting = SETTINGS.get(entry.name)
            if setting is not None:
                session.steps.append(
                    await step(page, entry, f"change {setting.key}", timeout, functools.partial(change, page, setting))
                )
    finally:
        session.seconds = time.perf_counter() - started
        await context.close()
    return session


async def run_all(base_url: str, sessions: int, timeout: float) -> list[Session]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            start = asyncio.Barrier(sessions)
            return list(
                await asyncio.gather(*(run_session(browser, n, base_url, start, timeout) for n in range(1, sessions + 1)))
            )
        finally:
            await browser.close()


# ------------------------------------------------------------------------------------------ report


def report(results: list[Session], sampler: MemorySampler, wall: float) -> dict[str, Any]:
    print(
        f"{'session':>7}  {'steps':>5}  {'errors':>6}  {'st.error':>8}  {'console':>7}  {'charts not drawn':>16}  {'time s':>7}"
    )
    for s in results:
        print(
            f"{s.number:>7}  {len(s.steps):>5}  {s.errors:>6}  {s.error_notices:>8}  {len(s.console_errors):>7}  "
            f"{s.charts_missing:>16}  {s.seconds:>7.1f}"
        )
    for s in results:
        for st in s.steps:
            if st.problem or st.exceptions or st.error_notices or st.charts_missing:
                what = (
                    st.problem
                    or f"{st.exceptions} exception(s), {st.error_notices} st.error, {st.charts_missing} chart(s) not drawn"
                )
                print(f"  session {s.number}, page {st.page}, {st.action}: {what}")
        for message in s.console_errors:
            print(f"  session {s.number}: {message}")
    summary = {
        "sessions": len(results),
        "sessions_with_error": sum(s.errors > 0 for s in results),
        "console_errors": sum(len(s.console_errors) for s in results),
        "error_notices": sum(s.error_notices for s in results),
        "charts_not_drawn": sum(s.charts_missing for s in results),
        "server_rss_start_mib": round(sampler.start_mib, 1),
        "server_rss_peak_mib": round(sampler.peak_mib, 1),
        "rss_samples": sampler.samples,
        "wall_seconds": round(wall, 1),
        "slowest_step_seconds": round(max((st.seconds for s in results for st in s.steps), default=0.0), 1),
    }
    print()
    print(f"Sessions with an error: {summary['sessions_with_error']} of {len(results)}")
    print(f"Console errors (console messages of type error and page errors): {summary['console_errors']}")
    print(f"st.error notices: {summary['error_notices']}")
    print(f"Charts not drawn: {summary['charts_not_drawn']}")
    print(
        f"Server RSS (process tree): {summary['server_rss_start_mib']} MiB at start, "
        f"peak {summary['server_rss_peak_mib']} MiB ({sampler.samples} samples)"
    )
    print(f"Wall time: {summary['wall_seconds']} s (slowest step {summary['slowest_step_seconds']} s)")
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10, help="browser sessions at once (default 10)")
    parser.add_argument("--port", type=int, help="port of the server the test starts (default: a free one)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds one step may take to settle (default 300)")
    parser.add_argument("--json", type=Path, help="also write the summary and every step as JSON to this file")
    args = parser.parse_args()
    if args.sessions < 1:
        parser.error("--sessions must be at least 1")
    if not CHROMIUM.is_file():
        print(f"loadtest: {CHROMIUM_MISSING}", file=sys.stderr)
        return 2
    # The server's own log goes to a temporary file; keep it to errors.
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
    try:
        with streamlit_server(port=args.port) as server:
            print(f"Server {server.url} (pid {server.pid}); {args.sessions} session(s) over {len(PAGES)} pages", flush=True)
            started = time.perf_counter()
            with MemorySampler(server.pid) as sampler:
                results = asyncio.run(run_all(server.url, args.sessions, args.timeout))
            wall = time.perf_counter() - started
    except (RuntimeError, PlaywrightError) as err:
        print(f"loadtest: could not run: {err}", file=sys.stderr)
        return 2
    summary = report(results, sampler, wall)
    if args.json:
        detail = [asdict(s) | {"errors": s.errors} for s in results]
        args.json.write_text(json.dumps({"summary": summary, "sessions": detail}, indent=2), encoding="utf-8")
    return 1 if summary["sessions_with_error"] or summary["charts_not_drawn"] else 0


if __name__ == "__main__":
    sys.exit(main())
