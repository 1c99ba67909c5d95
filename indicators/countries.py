"""Countries as data: fixed colours by country code, and SCO membership in any year from the dated table."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

#: Colours for countries whose ``colour`` cell in countries.csv is empty, handed out in row order. Paul Tol's
#: "light" scheme: colour-blind safe and distinct from the Okabe–Ito and "muted" colours the shipped rows use.
OVERFLOW_PALETTE = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00")

#: A country beyond both palettes: grey, which the charts also use for "not a country of interest".
OTHER_COLOUR = "#8C8C8C"

#: The status that makes a country an SCO member from its row's year on.
MEMBER = "member"


def colours(countries: pd.DataFrame) -> dict[str, str]:
    """Country code -> colour: the row's own colour, else the next overflow colour in row order, else grey."""
    out: dict[str, str] = {}
    spare = iter(OVERFLOW_PALETTE)
    for code, kind, colour in zip(countries["code"], countries["kind"], countries["colour"], strict=True):
        if kind != "country":
            continue
        out[str(code)] = str(colour) if pd.notna(colour) else next(spare, OTHER_COLOUR)
    return out


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
