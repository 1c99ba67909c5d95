"""A slide deck (.pptx) of charts for a meeting: one chart per slide, then the sources and their licences.

Each chart slide: the finding's first sentence, the chart's title, the chart drawn for the slide (no text under
18 pt), its unit and short sources; the notes hold the full finding and sources (:mod:`indicators.views.slide_text`).
Nothing asks for hovering or clicking; the deck uses only what PowerPoint and LibreOffice Impress both read.
python-pptx is imported inside the functions, so the app does not pay for it until someone downloads a deck.
"""

from __future__ import annotations

import functools
import math
import re
import struct
import textwrap
from collections.abc import Callable, Iterator, Sequence
from io import BytesIO
from typing import TYPE_CHECKING, Any

import pandas as pd

from indicators import charts
from indicators.charts.sizing import room_spec
from indicators.charts.style import ESSAY_SOURCE
from indicators.views.slide_text import Slide

if TYPE_CHECKING:
    from pptx.slide import Slide as PptxSlide
    from pptx.text.text import TextFrame

#: PowerPoint's own widescreen size, 13.333 × 7.5 inches (in EMU, 914,400 to the inch).
SLIDE_WIDTH, SLIDE_HEIGHT = 12_192_000, 6_858_000
EMU_PER_INCH = 914_400
EMU_PER_POINT = 12_700
MARGIN = EMU_PER_INCH * 2 // 5
GAP = EMU_PER_INCH // 10
TITLE_TOP = EMU_PER_INCH * 3 // 10
TITLE_HEIGHT = EMU_PER_INCH * 9 // 10
#: The text boxes and tables under a slide's title span the slide between the margins.
BODY_WIDTH = SLIDE_WIDTH - 2 * MARGIN
BODY_TOP = TITLE_TOP + TITLE_HEIGHT + GAP
#: Sizes that read from the back of a meeting room: the headline 24 pt, the chart's title under it 20 pt, every
#: other text 18 pt (and so is the smallest text inside the chart pictures, see :data:`POINTS_PER_PIXEL`).
TITLE_PT = 24
CHART_TITLE_PT = 20
TEXT_PT = 18
#: Chart pictures are drawn one spec pixel to one point of the slide, so the spec's font sizes are the slide's.
POINTS_PER_PIXEL = 1
LINE_SPACING = 1.2
#: Average width of a character, in ems, where no font is found to measure text with; a little wide, so the
#: estimated height never runs short.
CHAR_EM = 0.55
#: Chart pictures are rendered at twice their pixel size, so they stay sharp on a projector and when zoomed.
PICTURE_SCALE = 2
SOURCES_TITLE = "Sources and licences"
CLAIMS_TITLE = "Claims that fail, or that depend on the release or reading"
#: A table slide's text: large enough to read from the back of the room.
TABLE_PT = 18
#: Rows of a table slide under its header: at 18 pt a row of up to two lines, 8 rows fill the space under the title.
TABLE_ROWS = 8
GREY = (0x44, 0x44, 0x44)

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, from the PNG's header (the IHDR chunk comes first, at a fixed offset)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


@functools.cache
def _measure() -> Callable[[str], float] | None:
    """A text's width in ems in DejaVu Sans, the widest of the fonts a deck's Calibri is drawn in (LibreOffice falls
    back to it), or None where Pillow finds no such font."""
    from PIL import ImageFont

    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 100)
    except OSError:
        return None
    return lambda text: font.getlength(text) / 100


def line_count(text: str, width: float, points: int) -> int:
    """Lines ``text`` takes, wrapped at spaces in a line ``width`` points wide."""
    measure = _measure()
    if measure is None:
        return max(1, len(textwrap.wrap(text, max(1, int(width / (points * CHAR_EM))))))
    lines, line = 1, ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and measure(trial) * points > width:
            lines, trial = lines + 1, word
        line = trial
    return lines


def text_height(paragraphs: Sequence[str], width: int, points: int = TEXT_PT) -> int:
    """A text box's height (EMU) for these paragraphs wrapped to ``width`` (EMU)."""
    # A text box has 0.1 inch of inner margin on each side, as python-pptx makes it.
    inner = (width - EMU_PER_INCH // 5) / EMU_PER_POINT
    lines = sum(line_count(p, inner, points) for p in paragraphs)
    return int(lines * points * LINE_SPACING * EMU_PER_POINT) + EMU_PER_INCH // 5


def picture_spec(spec: dict[str, Any], width: int, height: int) -> dict[str, Any]:
    """The chart drawn for a picture ``width`` × ``height`` EMU on the slide (:func:`~indicators.charts.sizing.room_spec`)."""
    per_pixel = EMU_PER_POINT * POINTS_PER_PIXEL
    return room_spec(spec, width // per_pixel, height // per_pixel)


def _paragraphs(frame: TextFrame, texts: Sequence[tuple[str, bool]], points: int, bold: bool | None = None) -> None:
    """Fill a text frame, one paragraph per (text, grey) pair; ``bold`` set on every run where given."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    frame.word_wrap = True
    for i, (text, grey) in enumerate(texts):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(points)
        if bold is not None:
            run.font.bold = bold
        if grey:
            run.font.color.rgb = RGBColor(*GREY)


def _title(slide: PptxSlide, text: str, box: tuple[int, int, int, int] | None = None) -> None:
    """The slide's title placeholder (outline view and screen readers find it), moved to ``box`` (EMU)."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu

    title = slide.shapes.title
    if title is None:  # the "Title Only" layout always has one; a changed template would not
        raise ValueError("the slide layout has no title placeholder")
    title.left, title.top, title.width, title.height = (Emu(v) for v in box or (MARGIN, TITLE_TOP, BODY_WIDTH, TITLE_HEIGHT))
    _paragraphs(title.text_frame, [(text, False)], TITLE_PT)
    title.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def slide_headline(chart: Slide) -> str:
    """The slide's headline: the finding's first sentence (its further sentences, the conversion and caveats, are in
    the speaker notes), so that the chart keeps the slide's height."""
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", chart.headline.strip(), maxsplit=1)[0]


def chart_layout(chart: Slide) -> dict[str, tuple[int, int, int, int]]:
    """Where each part of a chart slide goes, (left, top, width, height) in EMU."""
    boxes = {"headline": (MARGIN, TITLE_TOP, BODY_WIDTH, text_height([slide_headline(chart)], BODY_WIDTH, TITLE_PT))}
    top = TITLE_TOP + boxes["headline"][3]
    if chart.title != chart.headline:
        boxes["title"] = (MARGIN, top, BODY_WIDTH, text_height([chart.title], BODY_WIDTH, CHART_TITLE_PT))
        top += boxes["title"][3]
    caption = text_height([t for t, _ in caption_texts(chart)], BODY_WIDTH)
    picture = SLIDE_HEIGHT - MARGIN // 2 - caption - GAP - top - GAP
    boxes["picture"] = (MARGIN, top + GAP, BODY_WIDTH, picture)
    boxes["caption"] = (MARGIN, top + GAP + picture + GAP, BODY_WIDTH, caption)
    return boxes


def caption_texts(chart: Slide) -> list[tuple[str, bool]]:
    """The text under the chart: its unit (and what it leaves out), then its sources in grey, said short (the
    speaker notes and the last slides give them in full)."""
    texts = [(" ".join(chart.unit), False)] if chart.unit else []
    return texts + ([(short_sources(" ".join(chart.sources)), True)] if chart.sources else [])


#: How the essay is named under a chart on a slide (in full on the sources slides).
ESSAY_SHORT = "Source: Zhao Huasheng's essay (c. 2003)"


def short_sources(text: str) -> str:
    """A chart's source line made shorter for a slide, nothing dropped: the essay by author and year, and
    consecutive sources by one author ("X, a; X, b, as cited in the essay") under that author once ("X: a; b, as cited
    in the essay")."""
    text = text.replace(ESSAY_SOURCE, ESSAY_SHORT)
    cited = re.compile(r"^(?P<who>[^,;]+), (?P<what>.+?), as cited in the essay(?P<tail>\..*)?$")
    merged: list[tuple[str, list[str], str]] = []  # (author, what of each, the tail after the last) or (text, [], "")
    for part in text.split("; "):
        match = cited.match(part)
        if not match:
            merged.append((part, [], ""))
        elif merged and merged[-1][1] and merged[-1][0] == match["who"] and not merged[-1][2]:
            merged[-1] = (match["who"], [*merged[-1][1], match["what"]], match["tail"] or "")
        else:
            merged.append((match["who"], [match["what"]], match["tail"] or ""))
    return "; ".join(
        f"{who}{': ' if len(whats) > 1 else ', '}{'; '.join(whats)}, as cited in the essay{tail}" if whats else who
        for who, whats, tail in merged
    )


def _chart_slide(slide: PptxSlide, chart: Slide, png: bytes, boxes: dict[str, tuple[int, int, int, int]]) -> None:
    from pptx.util import Emu

    _title(slide, slide_headline(chart), boxes["headline"])
    if "title" in boxes:
        box = slide.shapes.add_textbox(*(Emu(v) for v in boxes["title"]))
        box.name = "Chart title"
        _paragraphs(box.text_frame, [(chart.title, True)], CHART_TITLE_PT)
    picture = slide.shapes.add_picture(BytesIO(png), *(Emu(v) for v in boxes["picture"]))
    picture.name = f"Chart: {chart.stem}"
    # python-pptx has no setter for a picture's alternative text; it is the descr attribute of the shape's cNvPr.
    element: Any = picture._element
    element.nvPicPr.cNvPr.set("descr", chart.alt_text)
    texts = caption_texts(chart)
    if texts:
        box = slide.shapes.add_textbox(*(Emu(v) for v in boxes["caption"]))
        box.name = "Unit and sources"
        _paragraphs(box.text_frame, texts, TEXT_PT)
    slide.notes_slide.notes_text_frame.text = chart.notes  # type: ignore[union-attr]


def source_entries(sources: pd.DataFrame) -> list[list[str]]:
    """Per source: its citation, its address when the citation does not give it, and its licence."""
    entries = []
    for citation, url, licence in zip(sources["citation"], sources["url"], sources["licence"], strict=True):
        address = "" if pd.isna(url) or str(url).strip() in str(citation) else f" {str(url).strip()}"
        licence_text = "not stated" if pd.isna(licence) else str(licence).strip()
        entries.append([str(citation).strip() + address, f"Licence: {licence_text}"])
    return entries


def paginate(entries: list[list[str]], width: int, height: int) -> list[list[list[str]]]:
    """Entries split over as few slides as their text fits in ``height``, about as many on each (a lone entry
    too long for one slide still gets a slide of its own)."""

    def fill(per_page: int) -> list[list[list[str]]]:
        pages: list[list[list[str]]] = [[]]
        for entry in entries:
            trial = [*pages[-1], entry]
            # Each entry's paragraphs, and an empty line for the space before it.
            if pages[-1] and (len(trial) > per_page or text_height([p for e in trial for p in ["", *e]], width) > height):
                pages.append([entry])
            else:
                pages[-1] = trial
        return pages

    greedy = fill(len(entries))
    # Greedy filling leaves the last slide with a straggler or two; spread the same number of slides evenly.
    even = fill(math.ceil(len(entries) / len(greedy)))
    return even if len(even) == len(greedy) else greedy


def _titled(prs: Any, layout: Any, title: str, pages: Sequence[Any], notes: str) -> Iterator[tuple[PptxSlide, Any]]:
    """A slide per page, titled "title (n of N)" where there are several, with ``notes``; yields (slide, page)."""
    for number, page in enumerate(pages, start=1):
        slide = prs.slides.add_slide(layout)
        _title(slide, title + (f" ({number} of {len(pages)})" if len(pages) > 1 else ""))
        yield slide, page
        slide.notes_slide.notes_text_frame.text = notes


def _sources_slides(prs: Any, layout: Any, sources: pd.DataFrame) -> None:
    from pptx.util import Emu, Pt

    height = SLIDE_HEIGHT - MARGIN - BODY_TOP
    pages = paginate(source_entries(sources), BODY_WIDTH, height)
    notes = "Every source the dashboard's data comes from, with its licence (sources.csv of the data package)."
    for slide, page in _titled(prs, layout, SOURCES_TITLE, pages, notes):
        box = slide.shapes.add_textbox(Emu(MARGIN), Emu(BODY_TOP), Emu(BODY_WIDTH), Emu(height))
        box.name = "Sources"
        texts = [(text, i > 0) for entry in page for i, text in enumerate(entry)]
        _paragraphs(box.text_frame, texts, TEXT_PT)
        # Space before each citation, so each source reads as one block (text_height counts a line for it).
        for paragraph, (_, grey) in zip(box.text_frame.paragraphs, texts, strict=True):
            if not grey:
                paragraph.space_before = Pt(TEXT_PT)


def _table_slides(prs: Any, layout: Any, title: str, table: pd.DataFrame, notes: str) -> None:
    """A table over as many slides as it needs, ``TABLE_ROWS`` rows each, every cell at ``TABLE_PT``."""
    from pptx.util import Emu

    pages = [table.iloc[i : i + TABLE_ROWS] for i in range(0, len(table), TABLE_ROWS)]
    # The first column (the claim in words) takes half the width; the others share the rest.
    widths = [BODY_WIDTH // 2] + [(BODY_WIDTH - BODY_WIDTH // 2) // (len(table.columns) - 1)] * (len(table.columns) - 1)
    for slide, page in _titled(prs, layout, title, pages, notes):
        rows = len(page) + 1
        # A full page fills the space under the title; a shorter one keeps the same row height (rows grow to fit).
        height = (SLIDE_HEIGHT - MARGIN - BODY_TOP) * rows // (TABLE_ROWS + 1)
        shape = slide.shapes.add_table(rows, len(table.columns), Emu(MARGIN), Emu(BODY_TOP), Emu(BODY_WIDTH), Emu(height))
        shape.name = "Claims"
        grid = shape.table
        for j, w in enumerate(widths):
            grid.columns[j].width = Emu(w)
        cells = [list(table.columns)] + [[str(v) for v in r] for r in page.itertuples(index=False)]
        for i, row in enumerate(cells):
            for j, text in enumerate(row):
                _paragraphs(grid.cell(i, j).text_frame, [(text, False)], TABLE_PT, bold=i == 0)


def slide_count(deck: bytes) -> int:
    """How many slides a .pptx file has (read back, so a caller reports what was written)."""
    from pptx import Presentation

    return len(Presentation(BytesIO(deck)).slides)


def build_deck(
    slides: Sequence[Slide], sources_frame: pd.DataFrame, claims: pd.DataFrame | None = None, claims_notes: str = ""
) -> bytes:
    """The .pptx file: one slide per chart, in order, then ``claims`` (the scorecard's claims that fail or depend on
    the release) as a table, then the sources and licences (each over several slides if needed)."""
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_WIDTH), Emu(SLIDE_HEIGHT)
    prs.core_properties.title = "SCO indicators"
    prs.core_properties.subject = "Figures from Zhao Huasheng's essay on security building in Central Asia and the SCO"
    title_only = next(layout for layout in prs.slide_layouts if layout.name == "Title Only")
    for chart in slides:
        boxes = chart_layout(chart)
        png = charts.to_png(picture_spec(chart.spec, *boxes["picture"][2:]), scale=PICTURE_SCALE)
        _chart_slide(prs.slides.add_slide(title_only), chart, png, boxes)
    if claims is not None and not claims.empty:
        _table_slides(prs, title_only, CLAIMS_TITLE, claims, claims_notes)
    _sources_slides(prs, title_only, sources_frame)
    out = BytesIO()
    prs.save(out)
    return out.getvalue()
