"""/present: the deck's views one at a time, full-screen, stepped with the arrow keys and the buttons."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from browser_support import PageLog, screenshot, wait_idle
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CHART = "[data-testid='stVegaLiteChart']"


def smallest_chart_text(page: Page) -> float:
    sizes: list[float] = page.eval_on_selector_all(
        f"{CHART} svg text", "nodes => nodes.filter(n => n.textContent.trim()).map(n => parseFloat(getComputedStyle(n).fontSize))"
    )
    assert sizes, "no text in the chart"
    return min(sizes)


def assert_all_on_screen(page: Page, height: int) -> None:
    """The view's sources, its last line, end on the first screen: nothing of the view is below the fold."""
    caption = page.locator(".present-caption").bounding_box()
    assert caption is not None
    assert caption["y"] + caption["height"] <= height, f"the sources end at {caption['y'] + caption['height']:.0f} px of {height}"
    chart = page.locator(CHART).first.bounding_box()
    assert chart is not None
    assert chart["height"] >= 280


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_present_steps_with_keys_and_buttons(page: Page, page_log: PageLog, base_url: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(base_url + "/present")
    wait_idle(page, charts=1)
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
    counter = page.get_by_text("1 of 6", exact=False)
    expect(counter).to_be_visible()
    chart = page.locator(CHART).first
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] >= 0.85 * width
    assert smallest_chart_text(page) >= 18
    finding = page.locator(".present-finding")
    assert float(finding.evaluate("n => parseFloat(getComputedStyle(n).fontSize)")) > 18
    first = finding.inner_text()
    assert_all_on_screen(page, height)
    screenshot(page, f"present-{width}x{height}")

    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("2 of 6", exact=False)).to_be_visible()
    wait_idle(page, charts=1)
    assert smallest_chart_text(page) >= 18
    assert_all_on_screen(page, height)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("3 of 6", exact=False)).to_be_visible()
    page.get_by_role("button", name="Previous").click()
    expect(page.get_by_text("2 of 6", exact=False)).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_text("1 of 6", exact=False)).to_be_visible()
    expect(page.locator(".present-finding")).to_have_text(first)
    page.keyboard.press("ArrowLeft")  # round to the last
    expect(page.get_by_text("6 of 6", exact=False)).to_be_visible()
    wait_idle(page, charts=1)
    assert_all_on_screen(page, height)
    screenshot(page, f"present-last-{width}x{height}")
    # Escape returns to the page the view came from.
    page.keyboard.press("Escape")
    page.wait_for_url("**/energy*")
    wait_idle(page, charts=2)
    expect(page.locator("[data-testid='stMain'] h1")).to_have_text("China's energy outlook")
    page_log.assert_clean()


def test_present_takes_view_links(page: Page, page_log: PageLog, base_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    views = "&".join("views=" + quote(v, safe="") for v in ("/?indicator=population", "/borders?map=0"))
    page.goto(f"{base_url}/present?{views}")
    wait_idle(page, charts=1)
    expect(page.get_by_text("1 of 2", exact=False)).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("2 of 2", exact=False)).to_be_visible()
    wait_idle(page, charts=1)
    # The button (and Escape) goes back to the page the view came from, with the view's settings.
    page.get_by_role("button", name="Back to this view").click()
    # The page then writes its other settings beside the view's (groups=1, its default) into the address.
    page.wait_for_url(re.compile(r"/borders\?(.*&)?map=0(&|$)"))
    wait_idle(page)
    expect(page.locator("[data-testid='stMain'] h1")).to_have_text("Borders")
    page_log.assert_clean()
