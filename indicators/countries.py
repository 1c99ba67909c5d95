"""Countries as data: fixed colours by country code, and SCO membership in any year from the dated table."""

from __future__ import annotations

import colorsys

import pandas as pd

#: Colours for countries whose ``colour`` cell in countries.csv is empty, handed out in row order. Paul Tol's
#: "light" scheme, each darkened (same hue and saturation) to 3:1 on white by :func:`legible`.
OVERFLOW_PALETTE = ("#5C99D6", "#EB7148", "#AB9318", "#FF587A", "#009CEB", "#3CA587", "#8E9B27", "#989800")

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


def colours(countries: pd.DataFrame) -> dict[str, str]:
    """Country code -> colour: the row's own colour, else the next overflow colour in row order, else grey; each
    at least :data:`MARK_CONTRAST` on white (a lighter one is darkened, see :func:`legible`)."""
    out: dict[str, str] = {}
    spare = iter(OVERFLOW_PALETTE)
    for code, kind, colour in zip(countries["code"], countries["kind"], countries["colour"], strict=True):
        if kind != "country":
            continue
        out[str(code)] = legible(str(colour) if pd.notna(colour) else next(spare, OTHER_COLOUR))
    return out


def text_colours(countries: pd.DataFrame) -> dict[str, str]:
    """Country code -> the shade of its colour that text is written in: at least :data:`TEXT_CONTRAST` on white."""
    return {code: legible(colour, TEXT_CONTRAST) for code, colour in colours(countries).items()}


def statuses_in(membership: pd.DataFrame, year: int) -> dict[str, str]:
    """Country code -> its SCO status at the end of ``year`` (the latest change up to that year wins)."""
    known = membership[membership["year"] <= year].sort_values(["year", "date"], kind="stable", na_position="first")
    return dict(zip(known["country_code"], known["status"], strict=True))


def members_in(membership: pd.DataFrame, year: int, order: list[str] | None = None) -> list[str]:
    """The SCO's members at the end of ``year``: in ``order`` (e.g. countries.csv row order) where given."""
    codes = [c for c, s in statuses_in(membership, year).items() if s == MEMBER]
    if order is not None:
        rank = {c: i for i, c in enumerate(order)}
        codes.sort(key=lambda c: rank.get(c, len(rank)))
    return codes


def membership_years(membership: pd.DataFrame) -> list[int]:
    """The years in which the SCO's membership changed."""
    return sorted({int(y) for y in membership.loc[membership["status"] == MEMBER, "year"]})
