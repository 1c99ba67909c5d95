"""The slide deck read back with python-pptx; the command line that writes it; the app's download button."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide as PptxSlide
from pptx.text.text import TextFrame
from pptx.util import Pt
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from indicators import charts, load_dataset
from indicators.load.dataset import Dataset
from indicators.outputs.slides import (
    EMU_PER_POINT,
    PICTURE_SCALE,
    PPTX_MIME,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    SOURCES_TITLE,
    TITLE_PT,
    build_deck,
    picture_spec,
    png_size,
    short_sources,
    slide_headline,
)
from indicators.views.compare import CompareSettings, compare_view
from indicators.views.links import DEFAULT_URLS, slides_for
from indicators.views.slide_text import Slide, legend_text
from tests.support import run_cli

ROOT = Path(__file__).parents[1]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


@dataclass
class Deck:
    slides: list[Slide]
    data: bytes
    prs: PresentationType


@pytest.fixture(scope="module")
def deck(ds: Dataset) -> Deck:
    """The default deck (each chart page in its default settings), written and read back."""
    slides = slides_for(ds, DEFAULT_URLS)
    data = build_deck(slides, ds.sources)
    return Deck(slides, data, Presentation(BytesIO(data)))


def frames(slide: PptxSlide) -> list[TextFrame]:
    return [shape.text_frame for shape in slide.shapes if isinstance(shape, Shape) and shape.has_text_frame]


def texts(slide: PptxSlide) -> list[str]:
    return [frame.text for frame in frames(slide)]


def run_sizes(slide: PptxSlide) -> list[float]:
    return [
        run.font.size.pt
        for frame in frames(slide)
        for paragraph in frame.paragraphs
        for run in paragraph.runs
        if run.font.size is not None and run.text.strip()
    ]


def chart_title(slide: PptxSlide) -> str:
    """The chart's title on a chart slide: the text under the headline, or the headline itself when they are one."""
    box = next((shape for shape in slide.shapes if isinstance(shape, Shape) and shape.name == "Chart title"), None)
    if box is not None:
        return str(box.text_frame.text)
    assert slide.shapes.title is not None
    return str(slide.shapes.title.text_frame.text)


def notes(slide: PptxSlide) -> str:
    frame = slide.notes_slide.notes_text_frame
    assert frame is not None
    return str(frame.text)


# ------------------------------------------------------------------ the default deck, read back


def test_default_deck_is_the_charts_of_every_chart_page_then_the_sources(deck: Deck) -> None:
    pages = [s.url for s in deck.slides]
    # Compare, the record over time, the borders chart and map, the energy chart and the EIA chart beside it.
    assert pages == ["/", "/over_time", "/borders", "/borders", "/energy", "/energy"]
    slides = list(deck.prs.slides)
    titles = [s.shapes.title.text_frame.text for s in slides if s.shapes.title is not None]
    # The headline is the finding's first sentence; the whole finding opens the speaker notes.
    assert titles[: len(deck.slides)] == [slide_headline(s) for s in deck.slides]
    assert all(s.headline.startswith(slide_headline(s)) for s in deck.slides)
    assert "Converted from" not in titles[4]
    assert "Converted from" in deck.slides[4].notes
    assert [chart_title(s) for s in slides[: len(deck.slides)]] == [s.title for s in deck.slides]
    rest = titles[len(deck.slides) :]
    assert rest, "no sources slide"
    assert all(t.startswith(SOURCES_TITLE) for t in rest)
    assert len(slides) == len(deck.slides) + len(rest)
    assert deck.prs.slide_width == SLIDE_WIDTH
    assert deck.prs.slide_height == SLIDE_HEIGHT
    assert SLIDE_WIDTH * 9 == SLIDE_HEIGHT * 16


def test_each_chart_slide_has_title_picture_unit_source_and_notes(deck: Deck) -> None:
    for chart, slide in zip(deck.slides, deck.prs.slides, strict=False):
        title = slide.shapes.title
        assert title is not None
        assert title.is_placeholder
        assert title.placeholder_format.type == PP_PLACEHOLDER.TITLE
        assert title.text_frame.text == slide_headline(chart)
        assert all(run.font.size == Pt(TITLE_PT) for p in title.text_frame.paragraphs for run in p.runs)
        assert min(run_sizes(slide)) >= 18

        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1, chart.title
        picture = pictures[0]
        width, height = png_size(picture.image.blob)
        # At 2×: twice the pixels of the same chart drawn at 1×, one pixel to the point of its place on the slide.
        base_width, base_height = png_size(charts.to_png(picture_spec(chart.spec, picture.width, picture.height), scale=1))
        assert (width, height) == (PICTURE_SCALE * base_width, PICTURE_SCALE * base_height)
        assert base_width == pytest.approx(picture.width / EMU_PER_POINT, abs=1)
        # Across the slide's width inside its margins, inside the slide, aspect ratio kept.
        assert picture.width >= 0.9 * SLIDE_WIDTH
        assert picture.left >= 0
        assert picture.top >= 0
        assert picture.left + picture.width <= SLIDE_WIDTH
        assert picture.top + picture.height <= SLIDE_HEIGHT
        assert picture.width / picture.height == pytest.approx(width / height, rel=0.01)
        assert picture._element.nvPicPr.cNvPr.get("descr") == chart.alt_text

        body = " ".join(t for t in texts(slide) if t not in (chart.title, slide_headline(chart)))
        # The sources said short (the essay by author and year), in full in the notes.
        assert short_sources(" ".join(chart.sources)) in body
        assert "\n".join(chart.sources) in notes(slide)
        assert " ".join(chart.unit) in body
        if not chart.stem.startswith("sco-map"):  # the map has no unit, only what its colours mean
            assert "Unit: " in body
            assert "Source: " in body

        said = notes(slide)
        # The whole finding first (the headline is its first sentence), then the alt text.
        assert said.startswith(chart.headline + "\n\n" + chart.alt_text)
        assert f"View: {chart.url}" in said


def test_notes_carry_each_figure_with_its_evidence_and_locator(ds: Dataset, deck: Deck) -> None:
    by_stem = {s.stem: notes(slide) for s, slide in zip(deck.slides, deck.prs.slides, strict=False)}
    compare_notes = notes(deck.prs.slides[0])
    view = compare_view(ds, CompareSettings("gdp_usd", tuple(ds.members_in(2003)), "population", 2003))
    stated = view.table[view.table["Evidence"] != ""]
    assert not stated.empty
    for _, row in stated.iterrows():
        assert f"{row['Country']}: {row['Figure']}" in compare_notes
        assert f"“{row['Evidence']}”" in compare_notes
        assert row["Where in the essay"] in compare_notes
    assert "The common border between them is 1,700 kilometers" in by_stem["sco-border-lengths"]
    assert "Presently, China imports about 70 million tons of oil annually" in by_stem["china-oil-imports-essay"]
    assert "§2 China's interests, point 2" in by_stem["china-oil-imports-essay"]


def test_sources_slides_list_every_citation_and_licence(ds: Dataset, deck: Deck) -> None:
    slides = list(deck.prs.slides)[len(deck.slides) :]
    text = "\n".join(t for slide in slides for t in texts(slide))
    for _, row in ds.sources.iterrows():
        assert str(row["citation"]).strip() in text
        assert f"Licence: {str(row['licence']).strip()}" in text
    for slide in slides:
        assert min(run_sizes(slide)) >= 18
        box = next(s for s in slide.shapes if s.name == "Sources")
        assert box.top + box.height <= SLIDE_HEIGHT


def test_legend_text_is_the_legend_drawn_in_the_chart(deck: Deck) -> None:
    compare_slide = deck.slides[0]
    assert compare_slide.legend
    assert compare_slide.legend.split("; ") == [
        row["text"] for rows in compare_slide.spec["datasets"].values() for row in rows if set(row) == {"text"}
    ]
    assert "as stated" in compare_slide.legend  # the default compare view has figures as stated
    assert legend_text({"title": "no legend"}) == ""


# ------------------------------------------------------------------ LibreOffice opens it (where it is installed)


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; the deck is read back with python-pptx only"
)
def test_libreoffice_converts_the_deck_to_one_pdf_page_per_slide(deck: Deck, tmp_path: Path) -> None:
    source = tmp_path / "deck.pptx"
    source.write_bytes(deck.data)
    # A profile of its own, so a LibreOffice the user has open (or another test run) does not take the job.
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    pdf = tmp_path / "deck.pdf"
    assert done.returncode == 0, done.stderr
    assert pdf.exists(), done.stdout
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))
    assert pages == len(deck.prs.slides)


# ------------------------------------------------------------------ the command line


def run_slides(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("slides", *args, timeout=300)


def test_cli_writes_a_deck_and_will_not_overwrite_it(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    done = run_slides("--out", str(out), "/borders?map=0", "/?indicator=population&countries=KAZ,QQQ")
    assert done.returncode == 0, done.stderr
    prs = Presentation(str(out))
    assert f"Wrote {out}: {len(prs.slides)} slides (2 charts," in done.stdout
    assert f"{out.stat().st_size:,} bytes" in done.stdout
    assert "'QQQ', not offered here" in done.stderr
    titles = [chart_title(s) for s in list(prs.slides)[:2]]
    assert titles == ["Border lengths stated in the essay", "Population: Kazakhstan, values for 2002"]

    before = out.read_bytes()
    again = run_slides("--out", str(out), "/borders?map=0")
    assert again.returncode == 1
    assert "exists; add --force" in again.stderr
    assert out.read_bytes() == before

    forced = run_slides("--out", str(out), "--force", "/borders?map=0")
    assert forced.returncode == 0, forced.stderr
    assert len(Presentation(str(out)).slides) < len(prs.slides)


def test_cli_bad_link_exits_2_without_a_traceback(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    done = run_slides("--out", str(out), "/", "/no_such_page?indicator=gdp_usd")
    assert done.returncode == 2
    assert "ERROR: '/no_such_page?indicator=gdp_usd' names no page" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not out.exists()


# ------------------------------------------------------------------ the app's download button


CHART_PAGES = {
    "compare": "indicators/pages/compare.py",
    "over_time": "indicators/pages/over_time.py",
    "borders": "indicators/pages/borders.py",
    "energy": "indicators/pages/energy.py",
}


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """The callables that download buttons register (Streamlit runs one when its button is clicked), by label."""
    found: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def spy(self: MediaFileManager, data_callable: Callable[[], Any], mimetype: str | None, *args: Any, **kwargs: Any) -> str:
        if mimetype == PPTX_MIME:
            found["slides"] = data_callable
        return original(self, data_callable, mimetype, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return found


@pytest.mark.parametrize("name", list(CHART_PAGES))
def test_every_chart_page_offers_the_deck(name: str, deferred: dict[str, Callable[[], Any]]) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    if name != "compare":
        at.switch_page(CHART_PAGES[name])
    at.run()
    assert not at.exception
    labels = [b.proto.label for b in at.sidebar.get("download_button")]
    assert labels.count("Slides (PowerPoint)") == 1
    assert "slides" in deferred  # built on click, not on every run


def test_data_page_has_no_deck_button() -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("indicators/pages/data.py")
    at.run()
    assert "Slides (PowerPoint)" not in [b.proto.label for b in at.get("download_button")]


def test_the_deck_shows_the_page_as_set(monkeypatch: pytest.MonkeyPatch, deferred: dict[str, Callable[[], Any]]) -> None:
    """The compare page as set on screen, the other pages in their defaults."""
    from indicators.pages import urlstate

    # AppTest has no browser to tell the page's URL; say it is the compare page's ("").
    monkeypatch.setattr(urlstate, "_page_path", lambda: "")
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["indicator"] = "population"
    at.run()
    at.multiselect(key="compare_countries_2003").set_value(["KAZ", "TJK"]).run()
    assert not at.exception
    prs = Presentation(BytesIO(deferred["slides"]()))
    titles = [chart_title(s) for s in list(prs.slides)[:2]]
    assert titles[0] == "Population: Kazakhstan and Tajikistan, values for 2002"
    assert titles[1].startswith("GDP, 1990–")  # the record over time, not visited: its default
    assert "Kazakhstan boasts a population of less than 15 million" in notes(prs.slides[0])
