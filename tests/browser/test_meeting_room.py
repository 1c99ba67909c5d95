"""Ready for the meeting room: the finding on the first screen, titles whole, the SCO-year menu and the link agreeing.

Measured in the running app at the window sizes of a laptop and a meeting-room screen.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import WINDOWS, PageLog, each_page_at_each_window, measure_charts, open_at, screenshot, wait_idle
from playwright.sync_api import Page, ViewportSize, expect

pytestmark = pytest.mark.browser

#: path, charts drawn, name
CHART_PAGES = [
    ("/", 1, "compare"),
    ("/?indicator=members_share&share_of=population", 1, "compare-share"),
    ("/over_time", 1, "over-time"),
    ("/borders", 2, "borders"),
    ("/energy", 2, "energy"),
]

FOLD = """() => {
    const finding = document.querySelector(".st-key-finding");
    const chart = document.querySelector("[data-testid='stVegaLiteChart'] svg.marks");
    const axis = chart && chart.querySelector(".role-axis[aria-label^='X-axis']");
    return {
        finding: finding && finding.getBoundingClientRect().bottom,
        chart: chart && chart.getBoundingClientRect().top,
        axis: axis && axis.getBoundingClientRect().bottom,
    };
}"""


@each_page_at_each_window(CHART_PAGES)
def test_the_finding_and_the_chart_top_are_on_the_first_screen_and_titles_are_whole(
    page: Page, page_log: PageLog, base_url: str, path: str, charts: int, name: str, window: ViewportSize
) -> None:
    open_at(page, base_url, path, charts, window)
    screenshot(page, f"meeting-{name}-{window['width']}")
    at: dict[str, Any] = page.evaluate(FOLD)
    assert at["finding"] is not None, "the page leads with its finding"
    assert at["finding"] <= window["height"], at
    # The chart's top (its title and the start of its plot) is on the first screen, under the finding.
    assert at["finding"] <= at["chart"] <= window["height"] - 100, at
    if name == "over-time":
        # The over-time plot is not cut at mid-height: its time axis is on the first screen.
        assert at["axis"] is not None
        assert at["axis"] <= window["height"], at
    for chart in measure_charts(page):
        assert chart["title_lines"], "every chart has a title"
        assert not any(line.endswith("…") for line in chart["title_lines"]), chart
        assert chart["title_right"] <= chart["right"] + 1, chart
    page_log.assert_clean()


def test_the_sco_year_menu_brings_that_years_members_as_the_link_does(page: Page, page_log: PageLog, base_url: str) -> None:
    window = WINDOWS[0]
    open_at(page, base_url, "/?as_of=2024", 1, window)
    linked = page.locator(".st-key-compare_countries_2024 [data-tag]").all_inner_texts()
    assert len(linked) == 10
    open_at(page, base_url, "/", 1, window)
    page.get_by_role("combobox", name="The SCO as of").click()
    page.get_by_role("option", name="2024: 10 members", exact=True).click()
    wait_idle(page, charts=1)
    expect(page.locator(".st-key-compare_countries_2024 [data-tag]")).to_have_text(linked)
    assert "as_of=2024" in page.url
    expect(page.locator("[data-testid='stVegaLiteChart'] .role-title-text").first).to_contain_text("10 SCO members of 2024")
    page_log.assert_clean()
