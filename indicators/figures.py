"""What each page shows, computed in one pure call per page and view setting.

A page script reads its widgets, calls one function here (wrapped once in
``st.cache_data``) and renders the result.  Charts come back as Vega-Lite specs
(plain dicts), so a cached view is drawn without building or validating the
chart again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from indicators import charts, views
from indicators.consistency import TOLERANCE, consistency_report, essay_vs_reference
from indicators.dataset import Dataset
from indicators.schemas import SCHEMAS


@dataclass(frozen=True)
class Figure:
    """A chart as a Vega-Lite spec with its alt text and a file name for downloads."""

    spec: dict[str, Any]
    alt_text: str
    name: str


@dataclass(frozen=True)
class CompareView:
    title: str
    cards: list[dict[str, str]]
    figure: Figure | None
    missing: list[str]
    warning: str | None
    table: pd.DataFrame
    unit_column: str


def compare_view(
    ds: Dataset, indicator: str, countries: tuple[str, ...], share_of: str, reference: bool, year: int, log: bool
) -> CompareView:
    m = views.meta(ds, indicator)
    title = str(m["title"])
    frame = views.compare_frame(ds, indicator, list(countries), share_of=share_of)
    missing = views.not_stated(frame)
    cards = [c for c in views.metric_cards(frame, m) if c["basis"] != "not stated"]
    extra = []
    if indicator == "members_share":
        counted = int((frame["basis"] != "not stated").sum())
        base = str(views.meta(ds, share_of)["title"]).lower()
        extra.append(f"Share of the {base} summed over the {counted} members with a figure.")
    ref = views.reference_frame(ds, indicator, list(countries), year) if reference else None
    figure = None
    warning = None
    if frame["basis"].eq("not stated").all() and ref is None:
        warning = f"The essay states no {title.lower()} for the selected members: {', '.join(missing)}."
    else:
        chart = charts.compare_chart(frame, m, subtitle_extra=extra, reference=ref, reference_year=year, log=log)
        figure = Figure(chart.to_dict(), charts.alt_text(frame, m), f"{title} SCO members")
    table = views.compare_table(frame, m)
    return CompareView(title, cards, figure, missing, warning, table, str(table.columns[2]))


@dataclass(frozen=True)
class BordersView:
    figure: Figure | None
    table: pd.DataFrame
    no_border: pd.DataFrame


def borders_view(ds: Dataset, groups: bool) -> BordersView:
    frame = views.border_frame(ds)
    if not groups:
        frame = frame[frame["neighbour_type"] == "country"]
    figure = None
    if not frame.empty:
        text = "Bar chart of stated border lengths: " + "; ".join(
            f"{p} {lab}" for p, lab in zip(frame["pair"], frame["label"], strict=True)
        )
        figure = Figure(charts.border_chart(frame).to_dict(), text + ".", "SCO border lengths")
    return BordersView(figure, views.border_table(frame), views.no_border_statements(ds))


def map_figure(ds: Dataset, topology: str | Path) -> Figure:
    roles = views.map_roles(ds)
    members = ", ".join(roles.loc[roles["role"] == charts.MAP_MEMBER, "country"])
    possible = ", ".join(roles.loc[roles["role"] == charts.MAP_POSSIBLE, "country"])
    others = ", ".join(roles.loc[~roles["role"].isin([charts.MAP_MEMBER, charts.MAP_POSSIBLE]), "country"])
    text = f"Map of Central Asia: the SCO founding members ({members}) in their fixed colours"
    text += f"; in dark grey, the neighbours in the essay's border statements ({others})" if others else ""
    text += f"; in light grey, the countries the essay names as possible members ({possible})" if possible else ""
    text += ". Hover a country for the borders the essay states for it."
    return Figure(charts.region_map(charts.load_topology(topology), roles).to_dict(), text, "SCO members map")


@dataclass(frozen=True)
class EnergyView:
    figure: Figure | None
    arithmetic: pd.DataFrame
    crude: Figure | None
    net_importer_from: int | None
    crude_net_import_from: int | None


def energy_view(ds: Dataset, crude: bool) -> EnergyView:
    o = views.energy_outlook(ds)
    figure = None
    if not o.points.empty:
        chart = charts.energy_chart(o.points, o.demand, o.paths, o.net_importer_from)
        figure = Figure(
            chart.to_dict(), charts.energy_alt_text(o.points, o.demand, o.net_importer_from), "China oil imports essay"
        )
    crude_figure = None
    if crude and not o.crude.empty:
        crude_chart = charts.crude_chart(o.crude, o.net_importer_from)
        crude_figure = Figure(crude_chart.to_dict(), charts.crude_alt_text(o.crude), "China crude net imports EIA")
    arithmetic = o.arithmetic.rename(columns=str.capitalize)
    return EnergyView(figure, arithmetic, crude_figure, o.net_importer_from, o.crude_net_import_from)


@dataclass(frozen=True)
class DataView:
    rows: int
    tables: int
    citation: str
    consistency: pd.DataFrame
    disagreements: int
    consistency_text: str
    reference: pd.DataFrame
    readme: str
    sources: pd.DataFrame = field(repr=False)


def data_view(ds: Dataset) -> DataView:
    report = consistency_report(ds)
    bad = int((report["status"] == "disagrees").sum())
    text = (
        f"{len(report)} checks compare a stated figure with the same quantity derived from other stated figures, "
        f"or a part with its whole; **{bad} disagree** by more than {TOLERANCE:.0%}."
    )
    essay = ds.sources.set_index("source_id").loc["zhao_2003"]
    return DataView(
        rows=sum(len(ds.table(f)) for f in SCHEMAS),
        tables=len(SCHEMAS),
        citation=str(essay["citation"]),
        consistency=report,
        disagreements=bad,
        consistency_text=text,
        reference=essay_vs_reference(ds),
        readme=(
            "# SCO indicators data package\n\n"
            "Tables from the SCO indicators dashboard, validated. See datapackage.json for fields, keys and licences.\n\n"
            f"Essay: {essay['citation']}\n"
        ),
        sources=ds.sources[["source_id", "kind", "citation", "licence", "url"]].reset_index(drop=True),
    )


def table_view(ds: Dataset, table: str, countries: tuple[str, ...], search: str) -> tuple[pd.DataFrame, int]:
    """The chosen table with provenance, filtered; and its full row count."""
    full = views.with_provenance(ds, table)
    by_country = None if table in ("indicators.csv", "sources.csv") else list(countries)
    return views.filter_rows(full, by_country, search), len(full)
