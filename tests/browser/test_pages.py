"""The running dashboard in headless Chromium: every page renders cleanly, widgets drive the charts and the URL."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import PageLog, screenshot, wait_idle
from playwright.sync_api import Locator, Page, expect

from indicators import load_dataset
from indicators.charts.style import title_lines
from indicators.outputs.export import csv_bytes
from indicators.pages import registry
from indicators.pages.registry import PAGES
from indicators.views.borders import border_frame
from indicators.views.compare import CompareSettings, compare_view

pytestmark = pytest.mark.browser

CHART = "[data-testid='stVegaLiteChart']"


def drawn(title: str) -> str:
    """A chart title as its SVG text reads: the lines it wraps to, one after the other."""
    return "".join(title_lines(title))


def chart_title(page: Page, index: int = 0) -> Locator:
    """The title line Vega draws at the top of a chart (the first text of its title group)."""
    return page.locator(CHART).nth(index).locator(".role-title text").first


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def open_page(page: Page, base_url: str, path: str, charts: int) -> None:
    page.goto(base_url + path)
    wait_idle(page, charts=charts)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


@pytest.mark.parametrize("entry", PAGES, ids=[p.name for p in PAGES])
def test_page_renders_cleanly(page: Page, page_log: PageLog, base_url: str, entry: registry.Page) -> None:
    open_page(page, base_url, entry.url, entry.charts)
    headings = page.locator("[data-testid='stMain'] h1")
    expect(headings).to_have_count(1)
    expect(headings).to_have_text(entry.heading)
    expect(page.locator(CHART)).to_have_count(entry.charts)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert screenshot(page, entry.name).stat().st_size > 0
    page_log.assert_clean()
    assert page_log.websockets, "the page never opened the Streamlit websocket"


#: Other views reachable by URL: path and query, Vega-Lite charts, title of the first chart
OTHER_VIEWS = [
    (
        "/?indicator=members_share&share_of=gdp_usd",
        1,
        "GDP share of the total of the 3 of 6 members with a figure, values for 2002",
    ),
    ("/?indicator=gdp_per_capita_usd&reference=1", 1, "GDP per capita: the 6 SCO members of 2003, values for 2002"),
    ("/energy?crude=0", 1, "China's oil imports: the essay and the record"),
]


@pytest.mark.parametrize(("path", "charts", "title"), OTHER_VIEWS, ids=["members-share", "world-bank-overlay", "energy-no-crude"])
def test_other_views_render_cleanly(page: Page, page_log: PageLog, base_url: str, path: str, charts: int, title: str) -> None:
    open_page(page, base_url, path, charts)
    expect(chart_title(page)).to_have_text(drawn(title))
    page_log.assert_clean()


def test_indicator_change_redraws_chart_and_updates_url(page: Page, page_log: PageLog, base_url: str) -> None:
    open_page(page, base_url, "/", charts=1)
    expect(chart_title(page)).to_have_text(drawn("GDP: the 6 SCO members of 2003, values for 2002"))
    chart = page.locator(CHART)
    alt_before = chart.get_attribute("aria-label")
    assert alt_before is not None
    assert alt_before.startswith("Bar chart of GDP")

    page.get_by_role("combobox", name="Indicator").click()
    page.get_by_role("option", name="Population", exact=True).click()

    expect(chart_title(page)).to_have_text(drawn("Population: the 6 SCO members of 2003, values for 2002"))
    expect(page).to_have_url(re.compile(r"[?&]indicator=population(&|$)"))
    expect(page.get_by_role("combobox", name="Indicator")).to_have_value("Population")
    wait_idle(page, charts=1)
    alt_after = chart.get_attribute("aria-label")
    assert alt_after is not None
    assert alt_after.startswith("Bar chart of Population")
    assert alt_after != alt_before
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    page_log.assert_clean()


def test_compare_csv_download_matches_library(page: Page, page_log: PageLog, base_url: str) -> None:
    open_page(page, base_url, "/", charts=1)
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV", exact=True).click()
    download = info.value
    assert download.failure() is None
    got = Path(download.path()).read_bytes()

    ds = load_dataset()
    view = compare_view(ds, CompareSettings("gdp_usd", tuple(ds.members_in(2003)), "population", 2003))
    expected = csv_bytes(view.table)
    assert download.suggested_filename == "gdp-the-6-sco-members-of-2003-values-for-2002.csv"
    assert got == expected
    page_log.assert_clean()


def test_compare_view_from_url(page: Page, page_log: PageLog, base_url: str) -> None:
    open_page(page, base_url, "/?indicator=armed_forces&countries=KAZ,KGZ&log=1", charts=1)
    expect(page.get_by_role("combobox", name="Indicator")).to_have_value("Armed forces")
    expect(page.locator(".st-key-compare_countries_2003 [data-tag]")).to_have_text(["Kazakhstan", "Kyrgyzstan"])
    expect(page.get_by_role("switch", name="Log scale")).to_be_checked()
    expect(page.get_by_role("switch", name="Add World Bank values")).not_to_be_checked()
    expect(chart_title(page)).to_have_text(drawn("Armed forces: Kazakhstan and Kyrgyzstan, values for 2002"))
    alt = page.locator(CHART).get_attribute("aria-label") or ""
    assert "Kazakhstan" in alt
    assert "Kyrgyzstan" in alt
    for other in ("China", "Russia", "Tajikistan", "Uzbekistan"):
        assert other not in alt
    params = query(page.url)
    assert params["indicator"] == ["armed_forces"]
    assert params["countries"] == ["KAZ,KGZ"]
    assert params["log"] == ["1"]
    screenshot(page, "compare-armed-forces-log")
    page_log.assert_clean()


def border_cells(page: Page) -> Locator:
    """The 'Border' column of the first table on the borders page (Glide's accessible grid mirrors the canvas)."""
    return page.locator("[data-testid='stDataFrame']").first.locator("td[aria-colindex='1']")


def test_borders_view_from_url(page: Page, page_log: PageLog, base_url: str) -> None:
    borders = border_frame(load_dataset())
    all_pairs = list(borders["pair"])
    country_pairs = list(borders.loc[borders["neighbour_type"] == "country", "pair"])
    assert [p for p in all_pairs if "(group)" in p], "the data has no group border, so this test proves nothing"
    assert country_pairs

    # Control: by default the group borders are in the chart and the table, so their absence below means something.
    # (Without the map, which is slow to draw and not needed here.)
    open_page(page, base_url, "/borders?map=0", charts=1)
    expect(page.get_by_role("switch", name="Show map")).not_to_be_checked()
    expect(page.get_by_role("switch", name="Include group borders")).to_be_checked()
    assert "(group)" in (page.locator(CHART).first.get_attribute("aria-label") or "")
    expect(border_cells(page)).to_have_text(all_pairs)

    open_page(page, base_url, "/borders?groups=0", charts=2)
    expect(page.get_by_role("switch", name="Include group borders")).not_to_be_checked()
    expect(border_cells(page)).to_have_text(country_pairs)
    bar_chart = page.locator(CHART).first
    alt = bar_chart.get_attribute("aria-label") or ""
    assert alt.startswith("Bar chart of stated border lengths")
    assert "(group)" not in alt
    axis_labels = bar_chart.locator(".role-axis-label text").all_text_contents()
    assert set(country_pairs) <= set(axis_labels)
    assert not [label for label in axis_labels if "(group)" in label]
    assert query(page.url)["groups"] == ["0"]
    screenshot(page, "borders-no-groups")
    page_log.assert_clean()


def test_data_view_from_url(page: Page, page_log: PageLog, base_url: str) -> None:
    open_page(page, base_url, "/data?table=sources.csv", charts=0)
    expect(page.get_by_role("combobox", name="Table")).to_have_value("Sources and licences (sources.csv)")
    # The page always ends with a "Sources and licences" section, so check the first subheader: the selected table's.
    expect(page.locator("[data-testid='stMain'] h3").filter(has_text="Sources and licences").first).to_be_visible()
    # The grid draws only the columns in view; sources.csv starts with these (observations.csv would not).
    # The data page shows human headers (the CSV download keeps the contract's names).
    header = page.locator("[data-testid='stDataFrame']").first.locator("th")
    expect(header.first).to_have_text("Source id")
    expect(header).to_contain_text(["Source id", "Kind", "Author", "Title"])
    assert query(page.url)["table"] == ["sources.csv"]
    screenshot(page, "data-sources")
    page_log.assert_clean()


def test_share_link_reproduces_the_view(page: Page, page_log: PageLog, base_url: str) -> None:
    open_page(page, base_url, "/?indicator=population&countries=KGZ,TJK,UZB&log=1", charts=1)
    page.get_by_role("button", name="Link to this view").click()
    code = page.locator("[data-testid='stPopoverBody'] [data-testid='stCode'] code")
    expect(code).to_contain_text("indicator=population")
    link = (code.text_content() or "").strip()

    shared, current = urlsplit(link), urlsplit(page.url)
    assert (shared.scheme, shared.netloc) == (current.scheme, current.netloc)
    assert shared.path in ("", "/")
    assert query(link) == query(page.url)
    assert query(link)["countries"] == ["KGZ,TJK,UZB"]

    # The link opens the same view in a fresh tab.
    other = page.context.new_page()
    other.goto(link)
    wait_idle(other, charts=1)
    expect(other.get_by_role("combobox", name="Indicator")).to_have_value("Population")
    expect(other.locator(".st-key-compare_countries_2003 [data-tag]")).to_have_text(["Kyrgyzstan", "Tajikistan", "Uzbekistan"])
    expect(other.get_by_role("switch", name="Log scale")).to_be_checked()
    expect(chart_title(other)).to_have_text(drawn("Population: Kyrgyzstan, Tajikistan and Uzbekistan, values for 2002"))
    assert query(other.url) == query(page.url)
    page_log.assert_clean()


def until(page: Page, condition: Callable[[], bool], timeout_ms: int = 5_000) -> None:
    """Poll ``condition`` (browser events arrive asynchronously) instead of sleeping for a fixed time."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        page.wait_for_timeout(50)


def test_page_log_allows_only_the_known_404s(page: Page, page_log: PageLog, base_url: str) -> None:
    """The allow-list is narrow: the deep-link probes pass, any other 404 or console error fails the check."""
    page.goto(base_url + "/_stcore/health")
    assert page.evaluate("() => fetch('/borders/_stcore/health').then(r => r.status)") == 404
    # Both the response and its console message are allowed.
    until(page, lambda: len(page_log.allowed) == 2)
    assert page_log.problems() == []

    assert page.evaluate("() => fetch('/media/no-such-file.csv').then(r => r.status)") == 404
    page.evaluate("() => console.error('something broke')")
    until(page, lambda: len(page_log.problems()) == 3)
    problems = page_log.problems()
    assert "HTTP 404: " + base_url + "/media/no-such-file.csv" in problems
    assert any(p.startswith("console error: Failed to load resource") and "/media/no-such-file.csv" in p for p in problems), (
        problems
    )
    assert any(p.startswith("console error: something broke") for p in problems), problems


def test_page_log_flags_foreign_hosts(page: Page, page_log: PageLog, base_url: str) -> None:
    # Answered locally by the route, so nothing leaves the machine; the request event still fires.
    page.route("http://example.invalid/**", lambda route: route.fulfill(status=200, body="ok"))
    page.goto(base_url + "/_stcore/health")
    page.evaluate("() => fetch('http://example.invalid/pixel', {mode: 'no-cors'})")
    until(page, lambda: bool(page_log.non_local))
    assert page_log.problems() == ["request to a non-local host: http://example.invalid/pixel"]
