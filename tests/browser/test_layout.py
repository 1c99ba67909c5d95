"""Charts that read from the back of the room: column width, text size, dashes, map names, fullscreen.

Measured in the running app at the two window sizes of a laptop and a meeting-room screen.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import CHART, WINDOWS, PageLog, at_each_window, each_page_at_each_window, measure_charts, open_at, screenshot
from playwright.sync_api import Locator, Page, ViewportSize

pytestmark = pytest.mark.browser

#: path, charts drawn, screenshot name
CHART_PAGES = [("/", 1, "compare"), ("/borders", 2, "borders"), ("/energy", 2, "energy")]
SMALLEST_TEXT_PX = 14
#: A valid SVG dash array: numbers separated by commas or spaces (Vega writes "4,3").
DASH_ARRAY = re.compile(r"^\d+(\.\d+)?([ ,]+\d+(\.\d+)?)*$")


@each_page_at_each_window(CHART_PAGES)
def test_charts_fill_their_column_with_readable_text(
    page: Page, page_log: PageLog, base_url: str, path: str, charts: int, name: str, window: ViewportSize
) -> None:
    open_at(page, base_url, path, charts, window)
    measured = measure_charts(page)
    assert len(measured) == charts
    for i, chart in enumerate(measured):
        where = f"{name} chart {i} at {window['width']} px"
        assert chart["svg"], f"{where}: not drawn as SVG, so its text cannot be measured"
        assert chart["width"] >= 0.9 * chart["column"], f"{where}: {chart['width']:.0f} px of a {chart['column']:.0f}-px column"
        assert chart["right"] <= chart["window"], f"{where}: runs {chart['right'] - chart['window']:.0f} px past the window"
        assert chart["fonts"], where
        smallest = min(chart["fonts"])
        assert smallest[0] >= SMALLEST_TEXT_PX, f"{where}: {smallest[1]!r} is {smallest[0]} px"
        assert [d for d in chart["dashes"] if not DASH_ARRAY.match(d)] == [], f"{where}: invalid stroke-dasharray"
    screenshot(page, f"layout-{name}-{window['width']}")
    page_log.assert_clean()


def test_derived_bars_are_dashed_on_screen(page: Page, page_log: PageLog, base_url: str) -> None:
    # Every member's share is derived, so the bars' outlines must carry a real dash array.
    open_at(page, base_url, "/?indicator=members_share", 1, WINDOWS[0])
    (chart,) = measure_charts(page)
    assert "4,3" in chart["dashes"]
    assert [d for d in chart["dashes"] if not DASH_ARRAY.match(d)] == []
    page_log.assert_clean()


def _boxes(texts: Locator) -> list[dict[str, Any]]:
    boxes: list[dict[str, Any]] = texts.evaluate_all(
        """texts => texts.map(t => {
            const r = t.getBoundingClientRect();
            return {text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
        })"""
    )
    return boxes


@at_each_window
def test_map_names_do_not_collide_and_stay_in_the_frame(
    page: Page, page_log: PageLog, base_url: str, window: ViewportSize
) -> None:
    open_at(page, base_url, "/borders", 2, window)
    chart = page.locator(CHART).nth(1)
    chart.scroll_into_view_if_needed()
    names = _boxes(chart.locator("svg .role-mark text"))
    frame = chart.locator("svg.marks").bounding_box()
    assert frame is not None
    assert {"Kazakhstan", "Tajikistan", "Kyrgyzstan", "Pakistan"} <= {n["text"] for n in names}
    for n in names:
        assert frame["x"] <= n["left"], f"{n['text']} is cut off"
        assert n["right"] <= frame["x"] + frame["width"], f"{n['text']} is cut off"
    overlaps = [
        (a["text"], b["text"])
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]
    ]
    assert overlaps == []
    page_log.assert_clean()


def _tooltip(page: Page) -> str:
    text: str = page.evaluate(
        "() => { const t = document.querySelector('#vg-tooltip-element.visible'); return t ? t.innerText : ''; }"
    )
    return text


def test_map_names_and_legends_have_no_raw_tooltips(page: Page, page_log: PageLog, base_url: str) -> None:
    open_at(page, base_url, "/borders?groups=0", 2, WINDOWS[1])
    chart = page.locator(CHART).nth(1)
    chart.scroll_into_view_if_needed()
    name = chart.locator(".role-mark text", has_text="Kazakhstan").first.bounding_box()
    assert name is not None
    # Control: the country's shape just below its name has a tooltip, so silence on the name means something.
    page.mouse.move(name["x"] + name["width"] / 2, name["y"] + name["height"] + 25)
    page.wait_for_function("() => document.querySelector('#vg-tooltip-element.visible') !== null")
    assert "Kazakhstan" in _tooltip(page)
    page.mouse.move(name["x"] + name["width"] / 2, name["y"] + name["height"] / 2)
    page.wait_for_timeout(500)
    assert _tooltip(page) == ""
    symbol = chart.locator(".role-legend-symbol path").first.bounding_box()
    assert symbol is not None
    page.mouse.move(symbol["x"] + symbol["width"] / 2, symbol["y"] + symbol["height"] / 2)
    page.wait_for_timeout(500)
    assert _tooltip(page) == ""
    page_log.assert_clean()


def test_fullscreen_chart_fills_the_screen(page: Page, page_log: PageLog, base_url: str) -> None:
    open_at(page, base_url, "/", 1, WINDOWS[1])
    page.locator(CHART).hover()
    page.get_by_role("button", name="Fullscreen").first.click()
    page.wait_for_function(
        "() => document.querySelector(\"[data-testid='stVegaLiteChart'] svg.marks\").getBoundingClientRect().width > 0.9 * window.innerWidth"
    )
    box = page.locator(f"{CHART} svg.marks").bounding_box()
    assert box is not None
    assert box["width"] >= 0.9 * WINDOWS[1]["width"]
    assert box["height"] >= 0.8 * WINDOWS[1]["height"]
    screenshot(page, "layout-compare-fullscreen")
    page_log.assert_clean()


CARDS = """() => [...document.querySelectorAll("[data-testid='stMetricValue'], [data-testid='stMetricLabel']")].map(e => {
    const text = e.querySelector("p, div") || e;
    return [e.textContent.trim(), text.scrollWidth, text.clientWidth];
})"""


@at_each_window
def test_cards_show_their_whole_figure(page: Page, page_log: PageLog, base_url: str, window: ViewportSize) -> None:
    # Ten members with the record filling gaps: the most cards, and the longest figures ("about 5 million").
    open_at(page, base_url, "/?indicator=population&as_of=2024&complete=1", 1, window)
    page.wait_for_function("document.querySelectorAll(\"[data-testid='stMetricValue']\").length >= 10")
    cards: list[tuple[str, int, int]] = page.evaluate(CARDS)
    assert len(cards) == 20, cards  # a label and a value for each of the 10 members
    cut = [text for text, needed, shown in cards if needed > shown + 1]
    assert cut == [], f"cut short at {window['width']} px: {cut}"
    page_log.assert_clean()
