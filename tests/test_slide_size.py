"""The default deck as a room reads it: every text inside each chart picture at least 18 pt at the slide's real size,
headlines from the views' findings, sources on every chart slide, nothing that asks for hovering or clicking.

How the text inside a picture is measured: the picture's spec is drawn as SVG by the same renderer as the PNG
(vl-convert), and every ``<text>`` element's font size is read from it; a pixel of the SVG is
``picture width on the slide (pt) / SVG width (px)`` points. The picture is the 2× PNG of that same spec, so its
pixel size is checked to be twice the SVG's.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from io import BytesIO
from types import SimpleNamespace
from typing import Any

import pytest
from pptx import Presentation
from pptx.shapes.autoshape import Shape
from pptx.shapes.picture import Picture
from pptx.slide import Slide as PptxSlide

from indicators import charts, load_dataset
from indicators.charts.sizing import MIN_ROOM_TEXT, room_spec
from indicators.load.dataset import Dataset
from indicators.outputs.slides import (
    EMU_PER_POINT,
    PICTURE_SCALE,
    build_deck,
    picture_spec,
    png_size,
    short_sources,
    slide_headline,
)
from indicators.views.links import DEFAULT_URLS, slides_for
from indicators.views.slide_text import Slide, for_the_room, headline

SLIDE_MIN_PT = 18
INTERACTIVE = re.compile(r"\b(hover|click|select|tap)", re.IGNORECASE)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="module")
def default_deck(ds: Dataset) -> tuple[list[Slide], list[PptxSlide]]:
    slides = slides_for(ds, DEFAULT_URLS)
    prs = Presentation(BytesIO(build_deck(slides, ds.sources)))
    return slides, list(prs.slides)


def svg_text_sizes(svg: str) -> list[float]:
    """The font size (px) of every text the SVG draws (Vega writes it as an attribute or in a style)."""
    sizes = [float(x) for x in re.findall(r'font-size="([0-9.]+)(?:px)?"', svg)]
    return sizes + [float(x) for x in re.findall(r"font-size:\s*([0-9.]+)px", svg)]


def svg_width(svg: str) -> float:
    found = re.search(r'<svg[^>]*\swidth="([0-9.]+)"', svg)
    assert found, "no width on the SVG"
    return float(found.group(1))


def test_every_text_in_every_chart_picture_is_at_least_18_pt_on_the_slide(
    default_deck: tuple[list[Slide], list[PptxSlide]],
) -> None:
    slides, pptx_slides = default_deck
    smallest = {}
    for chart, slide in zip(slides, pptx_slides, strict=False):
        picture = next(s for s in slide.shapes if isinstance(s, Picture))
        spec = picture_spec(chart.spec, picture.width, picture.height)
        svg = charts.to_svg(spec)
        sizes = svg_text_sizes(svg)
        assert sizes, f"{chart.stem}: no text found in the picture"
        # The PNG on the slide is this same drawing at 2×.
        assert png_size(picture.image.blob)[0] == round(PICTURE_SCALE * svg_width(svg))
        points_per_px = picture.width / EMU_PER_POINT / svg_width(svg)
        smallest[chart.stem] = min(sizes) * points_per_px
    assert min(smallest.values()) >= SLIDE_MIN_PT, smallest


def svg_text_boxes(svg: str) -> list[tuple[str, float, float, float, float]]:
    """(text, left, top, right, bottom) of every line of text the SVG shows, rotated ones left out: the width
    estimated at half the font size a character (narrower than any sans-serif's average, so a box never claims more
    than the text covers), from a little under the cap height above the baseline to a little under it."""
    boxes = []

    def walk(node: ET.Element, x: float, y: float) -> None:
        moved = re.match(r"translate\(([-0-9.e]+),\s*([-0-9.e]+)\)(.*)", node.get("transform", ""))
        if moved:
            x, y = x + float(moved[1]), y + float(moved[2])
        if not node.tag.endswith("}text"):
            for child in node:
                walk(child, x, y)
            return
        if (moved and "rotate" in moved[3]) or node.get("opacity") == "0":
            return
        size = float(node.get("font-size", "0").removesuffix("px"))
        spans = [span for span in node if span.tag.endswith("}tspan")]
        lines = ["".join(span.itertext()) for span in spans] if spans else ["".join(node.itertext())]
        for i, text in enumerate(lines):
            width = 0.5 * size * len(text)
            left = x - {"start": 0.0, "middle": width / 2, "end": width}[node.get("text-anchor", "start")]
            base = y + i * size * float(spans[i].get("dy", "1.2em").removesuffix("em") if spans and i else 0)
            boxes.append((text, left, base - 0.65 * size, left + width, base + 0.1 * size))

    walk(ET.fromstring(svg), 0.0, 0.0)
    return list(dict.fromkeys(boxes))  # a label drawn twice in one place (over its white outline) is one text


def test_no_two_texts_in_a_chart_picture_run_into_each_other(default_deck: tuple[list[Slide], list[PptxSlide]]) -> None:
    slides, pptx_slides = default_deck
    clashes = {}
    for chart, slide in zip(slides, pptx_slides, strict=False):
        picture = next(s for s in slide.shapes if isinstance(s, Picture))
        boxes = svg_text_boxes(charts.to_svg(picture_spec(chart.spec, picture.width, picture.height)))
        assert len(boxes) > 5, chart.stem
        clashes[chart.stem] = [
            (a[0], b[0])
            for a, b in itertools.combinations(boxes, 2)
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
        ]
    assert not any(clashes.values()), clashes


def test_room_spec_raises_every_font_and_keeps_the_order_of_sizes() -> None:
    spec: dict[str, Any] = {
        "title": {"text": "t"},
        "config": {"axis": {"labelFontSize": 14, "titleFontSize": 15}},
        "layer": [{"mark": {"type": "text", "fontSize": 12, "dx": 10}}, {"mark": {"type": "text", "fontSize": 22}}],
        "datasets": {"d": [{"fontSize": 3}]},
    }
    out = room_spec(spec, 900, 300)
    assert "title" not in out
    assert (out["width"], out["height"]) == (900, 300)
    assert out["config"]["axis"]["labelFontSize"] == MIN_ROOM_TEXT
    assert out["config"]["axis"]["titleFontSize"] > MIN_ROOM_TEXT
    assert out["layer"][0]["mark"]["fontSize"] == MIN_ROOM_TEXT  # 12 px is raised to the floor
    assert out["layer"][1]["mark"]["fontSize"] > 22
    assert out["layer"][0]["mark"]["dx"] > 10
    assert out["datasets"] == {"d": [{"fontSize": 3}]}  # data is never touched
    assert spec["layer"][0]["mark"]["fontSize"] == 12  # nor is the spec given


def test_headlines_are_the_views_findings_and_titles_the_charts(
    default_deck: tuple[list[Slide], list[PptxSlide]],
) -> None:
    slides, pptx_slides = default_deck
    for chart, slide in zip(slides, pptx_slides, strict=False):
        assert slide.shapes.title is not None
        assert slide.shapes.title.text_frame.text == slide_headline(chart)
    # A view with a finding gives its finding; one without (the map) falls back to the chart's title.
    assert headline(SimpleNamespace(finding="Kazakhstan's GDP is the largest."), "GDP") == "Kazakhstan's GDP is the largest."
    assert headline(SimpleNamespace(finding=""), "GDP") == "GDP"
    assert headline(None, "GDP") == "GDP"


def test_every_chart_slide_names_its_sources_and_none_asks_for_hovering(
    ds: Dataset, default_deck: tuple[list[Slide], list[PptxSlide]]
) -> None:
    slides, pptx_slides = default_deck
    for chart, slide in zip(slides, pptx_slides, strict=False):
        said = {s.name: s.text_frame.text for s in slide.shapes if isinstance(s, Shape) and s.has_text_frame}
        assert chart.sources
        assert short_sources(" ".join(chart.sources)) in said["Unit and sources"]
        notes = slide.notes_slide.notes_text_frame
        assert notes is not None
        for text in [*said.values(), notes.text, chart.alt_text]:
            assert not INTERACTIVE.search(text), f"{chart.stem}: {text!r}"
    map_slide = next(c for c in slides if c.stem.startswith("sco-map"))
    text = " ".join(map_slide.sources)
    assert "Natural Earth" in text
    membership = ds.sources.loc[ds.sources["source_id"].isin(set(ds.membership["source_id"])), "citation"]
    assert all(str(c).strip() in text for c in membership)


def test_for_the_room_drops_only_the_sentences_that_ask_for_the_mouse() -> None:
    assert for_the_room("Map of the SCO. Hover a country for its borders. Natural Earth.") == "Map of the SCO. Natural Earth."
    assert for_the_room("Click here.") == ""
