"""Legible in the meeting room: country colours that stand out from white (and from each other, for colour-blind
viewers), and text in a country's colour dark enough to read."""

from __future__ import annotations

import itertools
import math

import pandas as pd
import pytest

from indicators.countries import MARK_CONTRAST, OVERFLOW_PALETTE, TEXT_CONTRAST, colours, legible, text_colours
from indicators.dataset import Dataset, load_dataset

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
    # Fifteen colours cannot all be far apart under every colour vision; no two may look alike (ΔE 5 is visible),
    # and the line-end labels name every line.
    closest = _closest(ds.colours)
    assert min(closest.values()) >= 5, closest
