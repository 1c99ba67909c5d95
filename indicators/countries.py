"""Countries as data: fixed colours by country code, and SCO membership in any year from the dated table."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

#: Colours for countries whose ``colour`` cell in countries.csv is empty, handed out in row order. Paul Tol's
#: "light" scheme: colour-blind safe and distinct from the Okabe–Ito and "muted" colours the shipped rows use.
OVERFLOW_PALETTE = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00")

#: A country beyond both palettes: grey, which the charts also use for "not a country of interest".
OTHER_COLOUR = "#8C8C8C"

#: The status that makes a country an SCO member from its row's year on.
MEMBER = "member"


def colours(countries: pd.DataFrame, first: Collection[str] = ()) -> dict[str, str]:
    """Country code -> colour: the row's own colour, else the next overflow colour, else grey.

    Overflow colours go in row order, to the countries in ``first`` (the SCO's members of any year, which the
    compare page sets side by side) before the others: a member added as data is never the one left grey.
    """
    rows = countries[countries["kind"] == "country"]
    own = {str(c): str(colour) for c, colour in zip(rows["code"], rows["colour"], strict=True) if pd.notna(colour)}
    uncoloured = [str(c) for c in rows["code"] if str(c) not in own]
    ranked = [c for c in uncoloured if c in first] + [c for c in uncoloured if c not in first]
    spare = dict(zip(ranked, OVERFLOW_PALETTE, strict=False))
    return {str(c): own.get(str(c)) or spare.get(str(c), OTHER_COLOUR) for c in rows["code"]}


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
