"""Countries as data: fixed colours by country code, and SCO membership in any year from the dated table."""

from __future__ import annotations

import colorsys
import json
from collections.abc import Collection
from pathlib import Path

import pandas as pd

#: Colours for countries whose ``colour`` cell in countries.csv is empty (the record's further SCO partners), handed
#: out in row order. Chosen by a max-min search over a 16-step RGB grid (contrast 3:1 to 7:1 on white, HSV
#: saturation at most 0.8) so that each differs from the 15 own colours, the grey and each other by CIE76 ΔE >= 8
#: under typical vision and simulated protanopia, deuteranopia and tritanopia (``tests/test_legibility.py``).
OVERFLOW_PALETTE = (
    "#7733CC",
    "#DD33CC",
    "#669955",
    "#5566FF",
    "#666655",
    "#BB77BB",
    "#AA3377",
    "#7788DD",
    "#DD4444",
    "#3355AA",
    "#8855DD",
    "#6633DD",
    "#FF5566",
    "#448833",
)

#: Least contrast with the white background (WCAG 2.2): a mark (line, bar, point) 3:1 (1.4.11), text 4.5:1 (1.4.3).
MARK_CONTRAST = 3.0
TEXT_CONTRAST = 4.5

#: A country beyond both palettes: grey, which the charts also use for "not a country of interest".
OTHER_COLOUR = "#8C8C8C"

#: The status that makes a country an SCO member from its row's year on.
MEMBER = "member"


def luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#RRGGBB`` colour (0 black to 1 white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(colour: str, background: str = "#FFFFFF") -> float:
    """WCAG contrast ratio of two colours: (lighter + 0.05) / (darker + 0.05), from 1 to 21."""
    a, b = sorted((luminance(colour), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def legible(colour: str, ratio: float = MARK_CONTRAST) -> str:
    """``colour`` itself if it reaches ``ratio`` against white, else the lightest darker shade of its hue that does
    (lightness lowered in steps of 1%, hue and saturation kept)."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))
    shade = colour.upper()
    while contrast(shade) < ratio and lightness > 0:
        lightness = max(0.0, lightness - 0.01)
        shade = "#" + "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, lightness, saturation))
    return shade


def colours(countries: pd.DataFrame, first: Collection[str] = ()) -> dict[str, str]:
    """Country code -> colour: the row's own colour, else the next overflow colour, else grey. Overflow colours go in row
    order, to the countries in ``first`` (the SCO's members of any year) before the others, so a member added as data is
    never the one left grey. Each is at least :data:`MARK_CONTRAST` on white (see :func:`legible`)."""
    rows = countries[countries["kind"] == "country"]
    own = {str(c): str(colour) for c, colour in zip(rows["code"], rows["colour"], strict=True) if pd.notna(colour)}
    uncoloured = [str(c) for c in rows["code"] if str(c) not in own]
    ranked = [c for c in uncoloured if c in first] + [c for c in uncoloured if c not in first]
    spare = dict(zip(ranked, OVERFLOW_PALETTE, strict=False))
    return {str(c): legible(own.get(str(c)) or spare.get(str(c), OTHER_COLOUR)) for c in rows["code"]}


def text_colours(countries: pd.DataFrame, first: Collection[str] = ()) -> dict[str, str]:
    """Country code -> the shade of its colour that text is written in: at least :data:`TEXT_CONTRAST` on white
    (``first`` as for :func:`colours`)."""
    return {code: legible(colour, TEXT_CONTRAST) for code, colour in colours(countries, first).items()}


#: How each status is said in running text.
STATUS_WORDS = {"member": "member", "observer": "observer", "dialogue_partner": "dialogue partner", "partner": "partner"}


def _known(membership: pd.DataFrame, year: int) -> pd.DataFrame:
    return membership[membership["year"] <= year].sort_values(["year", "date"], kind="stable", na_position="first")


def statuses_in(membership: pd.DataFrame, year: int) -> dict[str, str]:
    """Country code -> its SCO status at the end of ``year`` (the latest change up to that year wins)."""
    known = _known(membership, year)
    return dict(zip(known["country_code"], known["status"], strict=True))


def status_since(membership: pd.DataFrame, year: int) -> dict[str, int]:
    """Country code -> the year its status at the end of ``year`` took effect."""
    known = _known(membership, year)
    return {str(c): int(y) for c, y in zip(known["country_code"], known["year"], strict=True)}


def members_in(membership: pd.DataFrame, year: int, order: list[str]) -> list[str]:
    """The SCO's members at the end of ``year``, in ``order`` (countries.csv row order)."""
    rank = {c: i for i, c in enumerate(order)}
    return sorted((c for c, s in statuses_in(membership, year).items() if s == MEMBER), key=lambda c: rank.get(c, len(rank)))


def members_of(countries: pd.DataFrame, code: str) -> list[str]:
    """The countries of a group in countries.csv (its ``members`` cell), or the country ``code`` alone."""
    row = countries[countries["code"] == code]
    if row.empty or pd.isna(row["members"].iloc[0]):
        return [code]
    return str(row["members"].iloc[0]).split(";")


def membership_years(membership: pd.DataFrame) -> list[int]:
    """The years in which the SCO's membership changed."""
    return sorted({int(y) for y in membership.loc[membership["status"] == MEMBER, "year"]})


#: The map whose shared boundaries say which countries border each other (data/geo/SOURCE.md).
MAP_FILE = Path("geo") / "sco_region_map.topo.json"


def neighbours(data_dir: Path) -> dict[str, set[str]]:
    """Which countries share a boundary on the shipped map: two shapes that use the same arc (TopoJSON)."""
    path = data_dir / MAP_FILE
    if not path.is_file():
        return {}
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs: dict[str, set[int]] = {}

    def walk(item: object, into: set[int]) -> None:
        if isinstance(item, int):
            into.add(item if item >= 0 else ~item)  # a negative index is the arc reversed
        elif isinstance(item, list):
            for sub in item:
                walk(sub, into)

    for geometry in topo["objects"]["countries"]["geometries"]:
        walk(geometry.get("arcs", []), arcs.setdefault(str(geometry["properties"]["iso3"]), set()))
    return {a: {b for b in arcs if b != a and arcs[a] & arcs[b]} for a in arcs}
