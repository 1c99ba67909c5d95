"""The 'Slides (PowerPoint)' button in a real browser: the deck holds each page as the user last set it."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from browser_support import PageLog, wait_idle
from playwright.sync_api import Page, expect
from pptx import Presentation
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide as PptxSlide

pytestmark = pytest.mark.browser


def chart_title(slide: PptxSlide) -> str:
    box = next((s for s in slide.shapes if isinstance(s, Shape) and s.name == "Chart title"), None)
    if box is not None:
        return str(box.text_frame.text)
    return str(slide.shapes.title.text_frame.text) if slide.shapes.title is not None else ""


#: Building the deck draws every chart at 2× on the server.
DECK_TIMEOUT_MS = 180_000


def test_deck_holds_each_page_as_set_in_this_session(page: Page, page_log: PageLog, base_url: str) -> None:
    page.goto(base_url + "/?indicator=population")
    wait_idle(page, charts=1)
    # To another page within the same session (the sidebar's link, not a reload), and change a setting there.
    page.locator("[data-testid='stSidebarNav'] a", has_text="The record over time").click()
    wait_idle(page, charts=1)
    expect(page.locator("[data-testid='stMain'] h1")).to_have_text("The record over time")
    page.get_by_role("combobox", name="Scale").click()
    page.get_by_role("option", name="Linear").click()
    wait_idle(page, charts=1)
    expect(page).to_have_url(re.compile(r"[?&]log=0(&|$)"))

    with page.expect_download(timeout=DECK_TIMEOUT_MS) as info:
        page.get_by_role("button", name="Slides (PowerPoint)").click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename == "sco-indicators-slides.pptx"
    prs = Presentation(BytesIO(Path(download.path()).read_bytes()))
    slides = list(prs.slides)
    # The chart's title: under the headline (the view's finding), or the headline itself where a view has none.
    titles = [chart_title(s) for s in slides]
    # The compare page as it was left (population), the record over time as now set (no log scale).
    assert titles[0] == "Population: the 6 SCO members of 2003, values for 2002"
    assert titles[1].startswith("GDP, 1990–")
    over_time = " ".join(s.text_frame.text for s in slides[1].shapes if isinstance(s, Shape) and s.has_text_frame)
    assert "Unit: US$ billion." in over_time
    assert "Log scale" not in over_time
    # Pages not opened: their defaults (borders: chart and map; energy: its chart and the EIA chart).
    assert titles[2:5] == [
        "Border lengths stated in the essay",
        "The SCO in 2003 (members) and the countries the essay names",
        "China's oil imports: the essay and the record",
    ]
    assert titles[5].startswith("Reference: China's crude oil net imports")
    # Then the claims that fail or depend on the release, as a table, and the sources and licences.
    assert titles[6].startswith("Claims that fail, or that depend on the release or reading")
    assert titles[-1].startswith("Sources and licences")
    page_log.assert_clean()
