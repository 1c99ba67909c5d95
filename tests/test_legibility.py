"""Legible in the meeting room: country colours that stand out from white (and from each other, for colour-blind
viewers), and text in a country's colour dark enough to read."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pandas as pd
import pytest

from indicators.analysis.countries import (
    MARK_CONTRAST,
    OTHER_COLOUR,
    OVERFLOW_PALETTE,
    TEXT_CONTRAST,
    colours,
    legible,
    text_colours,
)
from indicators.charts.over_time import NARROWEST_PLOT, event_lanes
from indicators.charts.style import LEGEND_COLUMN_CHARS, legend_layer
from indicators.load.dataset import Dataset, load_dataset
from indicators.load.upload import with_own
from indicators.views.over_time import LOG_SPAN, OverTimeSettings, over_time_view, record_countries

FOUNDERS = ("CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def _linear(colour: str) -> list[float]:
    def one(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return [one(int(colour[i : i + 2], 16)) for i in (1, 3, 5)]


def wcag_contrast(colour: str) -> float:
    """Contrast against white, written out here from WCAG 2.2's definition (not the module's own function)."""
    red, green, blue = _linear(colour)
    return 1.05 / (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05)


def test_the_contrast_formula_gives_wcags_known_ratios() -> None:
    assert wcag_contrast("#000000") == pytest.approx(21.0)
    assert wcag_contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey for text on white
    assert wcag_contrast("#E69F00") == pytest.approx(2.25, abs=0.01)  # the old Kyrgyzstan orange: too light


def test_every_country_colour_stands_out_and_its_text_reads(ds: Dataset) -> None:
    marks, texts = ds.colours, ds.text_colours
    assert marks.keys() == texts.keys()
    assert len(marks) >= 15
    for code in marks:
        assert wcag_contrast(marks[code]) >= MARK_CONTRAST == 3.0, (code, marks[code])
        assert wcag_contrast(texts[code]) >= TEXT_CONTRAST == 4.5, (code, texts[code])


def test_the_rule_holds_for_any_country_added_later() -> None:
    # More countries than the overflow palette has colours, with no colour of their own, and one given a pale colour.
    rows = [{"code": f"X{i:02d}", "kind": "country", "colour": None} for i in range(len(OVERFLOW_PALETTE) + 2)]
    rows.append({"code": "PAL", "kind": "country", "colour": "#FFEEAA"})
    countries = pd.DataFrame(rows)
    for code, colour in colours(countries).items():
        assert wcag_contrast(colour) >= 3.0, (code, colour)
        assert wcag_contrast(text_colours(countries)[code]) >= 4.5, code
    assert all(wcag_contrast(c) >= 3.0 for c in OVERFLOW_PALETTE)
    # A darker shade keeps its hue: orange stays orange.
    shade = legible("#E69F00")
    assert int(shade[1:3], 16) > int(shade[3:5], 16) > int(shade[5:7], 16)


# Machado, Oliveira and Fernandes (2009): full-severity protanopia, deuteranopia and tritanopia, in linear RGB.
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
    "typical vision": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}


def _lab(colour: str, matrix: tuple[tuple[float, ...], ...]) -> tuple[float, float, float]:
    rgb = _linear(colour)
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix)
    x, y, z = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _closest(palette: dict[str, str]) -> dict[str, float]:
    """Per kind of vision: the smallest colour difference (CIE76 ΔE) between two colours of ``palette``."""
    return {
        vision: min(math.dist(_lab(a, m), _lab(b, m)) for a, b in itertools.combinations(palette.values(), 2))
        for vision, m in CVD.items()
    }


def test_the_six_founders_stay_apart_for_colour_blind_viewers(ds: Dataset) -> None:
    # The default view's six lines: clearly different under each simulated colour vision (ΔE 15 is plainly visible).
    closest = _closest({c: ds.colours[c] for c in FOUNDERS})
    assert min(closest.values()) >= 15, closest


def test_no_two_countries_look_the_same_to_colour_blind_viewers(ds: Dataset) -> None:
    # Every country of the record (29) cannot be far apart under every colour vision; no two may look alike (ΔE 5
    # is visible), and the line-end labels name every line. None is left in the shared grey.
    assert OTHER_COLOUR not in ds.colours.values()
    closest = _closest(ds.colours)
    assert min(closest.values()) >= 5, closest


# --- the over-time chart: a legend for every mark, values beside the figures, the scale the values need ---------


def _spec(ds: Dataset, indicator: str, countries: tuple[str, ...], log: bool | None = None) -> dict[str, Any]:
    figure = over_time_view(ds, OverTimeSettings(indicator, countries, log)).figure
    assert figure is not None
    return figure.spec


def _legend(spec: dict[str, Any]) -> list[str]:
    shapes = [layer.get("encoding", {}).get("shape") or {} for layer in spec["layer"]]
    return [t for shape in shapes for t in (shape.get("scale") or {}).get("domain", [])]


def _y_types(spec: dict[str, Any]) -> set[str]:
    encodings = [layer.get("encoding", {}) for layer in spec["layer"]]
    return {e["y"]["scale"].get("type", "linear") for e in encodings if "y" in e and e["y"].get("scale")}


def _texts(spec: dict[str, Any], field: str) -> list[str]:
    out = []
    for layer in spec["layer"]:
        halo = layer.get("mark", {}).get("stroke") == "#ffffff"  # a label's white outline, drawn beneath it
        if layer.get("mark", {}).get("type") == "text" and layer["encoding"].get("text", {}).get("field") == field and not halo:
            out += [str(r[field]) for r in spec["datasets"][layer["data"]["name"]]]
    return out


def test_the_legend_is_drawn_apart_from_the_points_scales(ds: Dataset) -> None:
    # The points take shape and fill from their data; shared with them, the legend's scales vanished.
    spec = _spec(ds, "population", ("KAZ", "TJK"))
    assert spec["resolve"]["scale"] == {"shape": "independent", "fill": "independent"}


def test_every_kind_of_mark_has_a_legend_entry(ds: Dataset) -> None:
    # "less than" and "about" among the essay's populations, the membership changes, the record's lines.
    legend = _legend(_spec(ds, "population", ("KAZ", "TJK")))
    assert legend == [
        "the record: one line per country",
        "the essay, 'about' (open dot)",
        "the essay, 'less than': the value lies below",
        "an SCO membership change",
    ]
    # Armed forces count something else in the record: the essay's squares are called not comparable.
    assert "essay figure, different definition: not comparable with the line" in _legend(_spec(ds, "armed_forces", ("KAZ",)))
    # The person's own figures have an entry naming their citation, and their marks say value and year.
    row = ds.observations[(ds.observations["country_code"] == "KAZ") & (ds.observations["indicator_id"] == "population")]
    mine = row.assign(year=2020, value=18_700_000.0, qualifier="approx", upper=None, source_id="eiu_kaz_2003")
    spec = _spec(with_own(ds, mine), "population", ("KAZ",))
    assert any(text.startswith("Your figures (") for text in _legend(spec))
    assert _texts(spec, "value_text") == ["about 18.7 million (2020)"]


def test_the_essays_figures_carry_their_values(ds: Dataset) -> None:
    labels = _texts(_spec(ds, "population", ("KAZ", "TJK")), "label")
    assert sorted(labels) == ["< 15 million", "about 5 million"]


def test_the_scale_is_linear_unless_the_values_span_more_than_20_times(ds: Dataset) -> None:
    assert LOG_SPAN == 20
    # Kazakhstan and Uzbekistan: 15 to 37 million people, linear.
    assert _y_types(_spec(ds, "population", ("KAZ", "UZB"))) == {"linear"}
    # All 13 countries: Mongolia's 2 million beside India's 1.4 billion, log.
    assert _y_types(_spec(ds, "population", tuple(record_countries(ds)))) == {"log"}
    # A link's or the menu's choice wins either way.
    assert _y_types(_spec(ds, "population", ("KAZ", "UZB"), log=True)) == {"log"}
    assert _y_types(_spec(ds, "population", tuple(record_countries(ds)), log=False)) == {"linear"}


def test_membership_labels_never_overlap_at_the_narrowest_layout(ds: Dataset) -> None:
    spec = _spec(ds, "population", tuple(record_countries(ds)))
    labels = [r for name, rows in spec["datasets"].items() for r in rows if "lane" in r]
    assert len(labels) >= 9
    per_year, char = NARROWEST_PLOT / (2024 - 1990), 0.56 * 14
    boxes = []
    for r in labels:
        at, width = (r["year"] - 1990) * per_year, len(r["text"]) * char
        left = at if r["align"] == "left" else at - width
        assert left >= 0, r["text"]  # inside the plot's width
        assert left + width <= NARROWEST_PLOT + 1, r["text"]
        boxes.append((r["lane"], left, left + width))
    for (lane_a, a0, a1), (lane_b, b0, b1) in itertools.combinations(boxes, 2):
        assert lane_a != lane_b or a1 <= b0 or b1 <= a0
    # Two changes in one year stand in two rows, not on top of each other.
    same_year = event_lanes(pd.DataFrame({"year": [2015, 2015], "text": ["A joins 2015", "B becomes observer 2015"]}), 1990, 2024)
    assert sorted(same_year["lane"]) == [0, 1]


def test_a_long_legend_entry_is_never_cut() -> None:
    long = "Your figures (" + "Jane Doe, a very long citation of a report " * 3 + ")"
    legend = legend_layer([("line", "the record"), ("added", long)]).to_dict()["encoding"]["shape"]["legend"]
    assert legend["columns"] == 1  # an entry longer than a column puts the legend in one column
    texts = legend_layer([("added", long)]).to_dict()["encoding"]["shape"]["scale"]["domain"]
    assert all(len(line) <= 2 * LEGEND_COLUMN_CHARS for line in texts[0].split("\n"))
    assert texts[0].replace("\n", " ") == long  # wrapped, not cut
