"""Browser fixtures: one Streamlit server for the session, Debian's Chromium, and a log of what each page did.

Nothing here downloads a browser: the tests drive /usr/bin/chromium through Playwright's Python package.
Without Chromium the tests skip, unless SCO_REQUIRE_BROWSER=1 (as in CI), where they fail instead.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from browser_support import VIEWPORT, PageLog, screenshot
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.support import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_MISSING, streamlit_server


def _require_browser() -> bool:
    return os.environ.get("SCO_REQUIRE_BROWSER", "") == "1"


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; skip without it, or fail when SCO_REQUIRE_BROWSER=1 so CI cannot pass by skipping."""
    if not CHROMIUM.is_file():
        if _require_browser():
            pytest.fail(CHROMIUM_MISSING)
        pytest.skip(CHROMIUM_MISSING)
    return CHROMIUM


@pytest.fixture(scope="session")
def base_url(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free localhost port, wait for its health check, stop it afterwards."""
    with streamlit_server(log=tmp_path_factory.mktemp("streamlit") / "server.log") as server:
        yield server.url


@pytest.fixture(scope="session")
def playwright_instance(chromium: Path) -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright, chromium: Path) -> Iterator[Browser]:
    try:
        launched = playwright_instance.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
    except PlaywrightError as err:
        message = f"Chromium at {chromium} did not start: {err}"
        if _require_browser():
            pytest.fail(message)
        pytest.skip(message)
    yield launched
    launched.close()


@pytest.fixture
def page_log() -> PageLog:
    """Console errors and requests of the test's browser context (see :meth:`PageLog.assert_clean`)."""
    return PageLog()


_REPORT_KEY = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    item.stash.setdefault(_REPORT_KEY, {})[report.when] = report
    return report


@pytest.fixture
def page(browser: Browser, page_log: PageLog, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser context and page (tall viewport, downloads on); a screenshot is kept when the test fails."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page_log.attach(context)
    new_page = context.new_page()
    yield new_page
    reports = request.node.stash.get(_REPORT_KEY, {})
    if "call" in reports and reports["call"].failed:
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        with contextlib.suppress(PlaywrightError):
            screenshot(new_page, f"FAILED-{name}")
    context.close()
