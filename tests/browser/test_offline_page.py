"""`python -m indicators html` writes one file that draws every chart in Chromium with the network refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import screenshot
from playwright.sync_api import Page, Route

from tests.support import run_cli

pytestmark = pytest.mark.browser


def test_offline_page_draws_every_chart_with_every_request_refused(page: Page, tmp_path: Path) -> None:
    out = tmp_path / "views.html"
    done = run_cli("html", "--out", str(out), timeout=300)
    assert done.returncode == 0, done.stderr
    charts = sum(1 for line in done.stdout.splitlines() if line.startswith("  - "))
    assert charts == 6  # the default deck: compare, over time, borders and map, energy and the EIA chart

    own = out.as_uri()
    refused: list[str] = []

    def only_the_file(route: Route) -> None:
        if route.request.url == own:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_file)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(own)
    page.wait_for_function(f"document.querySelectorAll(\"[data-drawn='1']\").length == {charts}", timeout=60_000)
    # Drawn: an SVG with marks in every chart's place, nothing asked of the network.
    for number in range(1, charts + 1):
        assert page.locator(f"#chart-{number} svg .mark-group, #chart-{number} svg path").count() > 0
    assert refused == []
    assert errors == []
    # Per view: its table of figures, its sources, and a link back to the view.
    sections = page.locator("section[id^='view-']")
    assert sections.count() == charts
    for i in range(charts):
        section = sections.nth(i)
        assert section.locator("table, p:has-text('No table')").count() >= 1
        assert section.locator("p.sources").inner_text().strip()
        assert section.locator("a[href^='http://localhost:8501/']").count() == 1
    assert sections.nth(0).locator("table tbody tr").count() >= 1
    assert "Natural Earth" in sections.nth(3).inner_text()
    assert "Licence:" in page.locator("body").inner_text()
    page.set_viewport_size({"width": 1280, "height": 720})
    screenshot(page, "offline-page")


def test_offline_page_escapes_data_text(tmp_path: Path) -> None:
    """A link's notice or a figure's text never becomes markup; formula-like cells are made inert."""
    import pandas as pd

    from indicators.outputs.offline import table_html

    cells = table_html(pd.DataFrame({"Country": ["<script>alert(1)</script>", '=HYPERLINK("x")'], "Value": [1.5, 2.0]}))
    assert "<script>" not in cells
    assert "&lt;script&gt;" in cells
    assert "'=HYPERLINK" in cells.replace("&#x27;", "'")
