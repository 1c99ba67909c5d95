"""Borders: the border lengths the essay states, the statements of no common border, and the map.

A session's own figures (``Dataset.own``) are observations of an indicator, and no indicator is a border
length, so this page has none to show (see :mod:`indicators.views.own`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators import charts
from indicators.analysis.countries import STATUS_WORDS, status_since, statuses_in
from indicators.contract.registry import KILOMETRES
from indicators.load.dataset import Dataset
from indicators.views.base import HEADERS, STATED, Figure, decorate, essay_year, spec_of
from indicators.views.findings import extremes
from indicators.views.slide_text import FIGURES, figure_notes


def border_frame(ds: Dataset) -> pd.DataFrame:
    """Stated borders with names; group borders say which countries they run along."""
    names, b = ds.names, ds.borders.reset_index(drop=True)
    members = ds.countries.set_index("code")["members"]
    rel = ds.relations[ds.relations["relation"] == "no_common_border"]
    no_border = {frozenset(pair) for pair in zip(rel["subject_code"], rel["object_code"], strict=True)}

    def along(country: str, group: str) -> str:
        # A group border runs along the members that touch the country: the essay says which ones do not.
        return ", ".join(names[c] for c in str(members[group]).split(";") if frozenset((country, c)) not in no_border)

    group = b["neighbour_code"].str.startswith("G_")
    out = decorate(ds, b.assign(value=b["length_km"], basis=STATED, year=b["year"].astype(int)), KILOMETRES)
    return out.assign(
        pair=out["country"] + " – " + b["neighbour_code"].map(names) + group.map({True: " (group)", False: ""}),
        neighbour=b["neighbour_code"].map(names),
        neighbour_type=group.map({True: "group of countries", False: "country"}),
        group_members=[along(c, n) if g else "" for c, n, g in zip(b["country_code"], b["neighbour_code"], group, strict=True)],
        # Again: an empty frame comes back from decorate with its columns only.
        neighbour_code=b["neighbour_code"],
        length_km=b["length_km"],
    )


#: The borders table's columns: border_frame's column key, and its header where it is not the one in HEADERS.
BORDER_HEADERS = {"pair": "Border", "neighbour_type": "Neighbour is", "group_members": "Runs along", "label": "Length"}
BORDER_HEADERS |= {"length_km": "Length (km)", "lower": "Lower bound (km)", "upper": "Upper bound (km)"}
BORDER_COLUMNS = [*BORDER_HEADERS, "qualifier_label", "year", "source", "locator", "evidence", "note"]


def map_roles(ds: Dataset, year: int) -> pd.DataFrame:
    """Countries on the map for ``year``: the SCO's members, observers, dialogue partners and partners then, the
    neighbours the essay's border statements name, and the countries the essay names as possible members. A country
    with an SCO status is shown by it; that the essay also names it comes second, in its ``detail``."""
    names = ds.names
    frame = border_frame(ds)
    status = statuses_in(ds.membership, year)
    since = status_since(ds.membership, year)
    mem = ds.members_in(year)
    order = list(charts.STATUS_ROLES)
    sco = sorted((c for c in ds.countries["code"] if status.get(c) in charts.STATUS_ROLES), key=lambda c: order.index(status[c]))
    named = {c for c in frame["neighbour_code"] if not c.startswith("G_")} | set(
        ds.relations.loc[ds.relations["relation"] == "no_common_border", "object_code"]
    )
    essay_possible = set(ds.countries.loc[ds.countries["essay_role"] == "possible_member", "code"])
    neighbours = sorted(c for c in named if c not in mem and c not in sco)
    possible = [c for c in ds.countries["code"] if c in essay_possible and c not in mem and c not in sco and c not in neighbours]
    roles = dict.fromkeys(mem, charts.MAP_MEMBER) | {c: charts.STATUS_ROLES[status[c]] for c in sco}
    roles |= dict.fromkeys(neighbours, charts.MAP_NEIGHBOUR) | dict.fromkeys(possible, charts.MAP_POSSIBLE)
    rows = []
    for code, role in roles.items():
        touching = frame[(frame["country_code"] == code) | (frame["neighbour_code"] == code)]
        groups = frame[frame["group_members"].str.contains(names[code], regex=False)]
        text = "; ".join(
            [f"{r['pair']}: {r['label']} ({r['year']})" for _, r in touching.iterrows()]
            + [f"part of {r['pair']}: {r['label']} ({r['year']})" for _, r in groups.iterrows()]
        )
        detail = role
        if code in since:
            detail = f"SCO {STATUS_WORDS[status[code]]} in {year} (from {since[code]})"
            if code in essay_possible:
                detail += f"; also {charts.MAP_POSSIBLE}"
        borders = text or "none stated"
        rows.append((code, names[code], role, status.get(code, ""), since.get(code), detail, borders, ds.colours.get(code)))
    return pd.DataFrame(rows, columns=["iso3", "country", "role", "status", "since", "detail", "borders", "colour"])


@dataclass(frozen=True)
class BordersView:
    figure: Figure | None
    table: pd.DataFrame
    no_border: pd.DataFrame
    #: One computed sentence, shown above the chart: the longest and the shortest stated border.
    finding: str = ""
    #: The table's rows under their column keys (border_frame's), for the slide's notes.
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)

    def notes(self) -> list[str]:
        """The speaker notes' lines: each border shown with its evidence, then the statements of no common border."""
        lines = [FIGURES, *figure_notes(self.figures, "pair", ("evidence", "locator", "source", "note"))]
        said = [f"- {country}: no common border with {other} ({where})." for country, other, where in self.no_border.values]
        return lines + (["Statements without a length:", *said] if said else [])


def borders_view(ds: Dataset, groups: bool) -> BordersView:
    frame = border_frame(ds)
    if not groups:
        frame = frame[frame["neighbour_type"] == "country"]
    figure = None
    if not frame.empty:
        text = "Bar chart of stated border lengths: " + "; ".join(
            f"{p} {lab}" for p, lab in zip(frame["pair"], frame["label"], strict=True)
        )
        figure = Figure(spec_of(charts.border_chart(frame)), text + ".", "SCO border lengths")
    # Like with like: a border between two countries is not set beside one that runs along a group of them.
    pairs = frame[frame["neighbour_type"] == "country"]
    finding = extremes(
        pairs, "pair", "borders", "Borders between two countries the essay states", ("longest", "shortest", "long")
    )
    if groups and len(pairs) < len(frame):
        along = frame[frame["neighbour_type"] != "country"]
        longest = along.iloc[int(pd.to_numeric(along["x"]).to_numpy().argmax())]
        finding += (
            f" Borders along a group of countries are not compared with these (the longest: {longest['pair']},"
            f" {longest['label']} in {int(longest['year'])})."
        )
    table = frame[BORDER_COLUMNS].rename(columns=HEADERS | BORDER_HEADERS)
    rel = ds.relations[ds.relations["relation"] == "no_common_border"]
    said = {"country": rel["subject_code"].map(ds.names), "no common border with": rel["object_code"].map(ds.names)}
    no_border = pd.DataFrame(said | {"where in the essay": rel["locator"]}).reset_index(drop=True)
    return BordersView(figure, table, no_border, finding, frame)


def long_date(iso: str) -> str:
    """An ISO date as people write it: 2025-09-01 -> 1 September 2025."""
    stamp = pd.Timestamp(iso)
    return f"{stamp.day} {stamp.month_name()} {stamp.year}"


def map_figure(ds: Dataset, topology: str | Path, year: int | None = None) -> Figure:
    """The map of the SCO in ``year`` (default: the year the essay was written)."""
    year = essay_year(ds) if year is None else year
    roles = map_roles(ds, year)

    def who(role: str) -> str:
        return ", ".join(roles.loc[roles["role"] == role, "country"])

    text = (
        f"Map of Central Asia and its neighbours: the SCO's members in {year} ({who(charts.MAP_MEMBER)}) in their fixed colours"
    )
    text += "".join(f"; {words} ({who(role)})" for role, words in charts.ROLE_WORDS.items() if who(role))
    text += ". Hover a country for its SCO status and the borders the essay states for it."
    topo = charts.load_topology(topology)
    points = charts.label_points(topo, list(roles["iso3"]))
    west, south, east, north = charts.MAP_FRAME
    inside = points["lon"].between(west, east) & points["lat"].between(south, north)
    outside = [
        f"{r['country']} ({STATUS_WORDS[r['status']]} from {r['since']})" if r["status"] else str(r["country"])
        for _, r in roles[~roles["iso3"].isin(set(points.loc[inside, "iso3"]))].iterrows()
    ]
    notes = []
    dates = ds.membership.loc[ds.membership["year"] <= year, "date"].dropna()
    if "partner" in set(roles["status"]) and not dates.empty:
        notes.append(
            f"As of {long_date(str(dates.max()))}, the last change recorded: observers and dialogue partners became one status, SCO partner."
        )
    spec = charts.region_map(topo, roles[roles["iso3"].isin(set(points["iso3"]))], year, outside=outside, notes=notes).to_dict()
    if outside:
        text += " Outside the map's frame: " + ", ".join(outside) + "."
    return Figure(spec, text, f"SCO map {year}")
