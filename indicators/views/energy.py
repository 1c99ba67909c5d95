"""China's energy outlook: the essay's oil-import path, the projection as a band, and the arithmetic it implies."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators import charts
from indicators.dataset import Dataset
from indicators.derive import derive, describe, growth_rate
from indicators.formatting import QUALIFIER_LABELS, format_figure
from indicators.views.base import Figure, source_label


@dataclass(frozen=True)
class EnergyOutlook:
    """China's oil path as the essay tells it, with the arithmetic it implies."""

    points: pd.DataFrame  # stated figures, reported and projected
    demand: pd.DataFrame  # derived demand band for the projection year
    paths: pd.DataFrame  # yearly values on constant-growth paths to each end of the band (low, high)
    arithmetic: pd.DataFrame  # each derived number with its formula
    net_importer_from: int | None
    crude: pd.DataFrame  # EIA crude net imports (reference, other unit)
    crude_net_import_from: int | None  # first year of positive crude net imports in the EIA series


def energy_outlook(ds: Dataset, country: str = "CHN") -> EnergyOutlook:
    obs = ds.observations[ds.observations["country_code"] == country]
    imports = obs[obs["indicator_id"] == "oil_imports_mt"].sort_values("year")
    m = ds.indicator("oil_imports_mt")
    points = imports.copy()
    points["label"] = [f"{describe(ds, r)} ({int(r['year'])})" for _, r in points.iterrows()]
    points["qualifier_label"] = points["qualifier"].map(QUALIFIER_LABELS)
    points["series"] = ["projection (estimate)" if k == "projection" else "reported" for k in points["kind"]]
    points["source"] = [source_label(ds, s) for s in points["source_id"]]
    demand = derive(ds, ds.indicator("oil_demand_mt"))
    demand = demand[demand["country_code"] == country].copy()
    demand["label"] = [describe(ds, r) + " (derived)" for _, r in demand.iterrows()]
    demand["series"] = "implied demand (derived)"

    arithmetic_rows = []
    for _, d in demand.iterrows():
        arithmetic_rows.append(
            {"quantity": f"oil demand {int(d['year'])}", "result": d["label"], "formula": d["formula"], "inputs": d["inputs"]}
        )
    reported = imports[imports["kind"] == "reported"]
    projected = imports[(imports["kind"] == "projection") & (imports["qualifier"] == "range")]
    path_rows = []
    rates: dict[str, float] = {}
    if not reported.empty and not projected.empty:
        start = reported.iloc[-1]
        end = projected.iloc[0]
        years = int(end["year"]) - int(start["year"])
        for bound_name, bound in (("low", end["lower"]), ("high", end["upper"])):
            rate = growth_rate(float(start["value"]), float(bound), years)
            formula = (
                f"({format_figure(bound, 'exact', m)} / {format_figure(start['value'], 'exact', m)})"
                f"^(1/{years}) − 1 = {rate:.1%} a year"
            )
            arithmetic_rows.append(
                {
                    "quantity": f"growth of imports {int(start['year'])}–{int(end['year'])}, {bound_name} end",
                    "result": f"{rate:.1%} a year",
                    "formula": formula,
                    "inputs": f"{start['source_id']} ({start['locator']}); {end['source_id']} ({end['locator']})",
                }
            )
            rates[bound_name] = rate
        first, last = int(start["year"]), int(end["year"])
        for yr in range(first, last + 1):
            # value in year t on a constant-growth path: start × (1 + rate)^(t − start year)
            low = float(start["value"]) * (1 + rates["low"]) ** (yr - first)
            high = float(start["value"]) * (1 + rates["high"]) ** (yr - first)
            path_rows.append({"year": yr, "low": low, "high": high, "text": f"{low:,.0f}–{high:,.0f} Mt"})
    flag = obs[obs["indicator_id"] == "oil_net_importer_from"]
    crude = ds.reference[
        (ds.reference["country_code"] == country) & (ds.reference["indicator_id"] == "crude_oil_net_imports_kbd")
    ]
    return EnergyOutlook(
        points=points.reset_index(drop=True),
        demand=demand.reset_index(drop=True),
        paths=pd.DataFrame(path_rows, columns=["year", "low", "high", "text"]),
        arithmetic=pd.DataFrame(arithmetic_rows, columns=["quantity", "result", "formula", "inputs"]),
        net_importer_from=int(flag["value"].iloc[0]) if not flag.empty else None,
        crude=crude[["year", "value", "unit", "source_id", "series_code"]].reset_index(drop=True),
        crude_net_import_from=_first_year_from_which_positive(crude),
    )


def _first_year_from_which_positive(series: pd.DataFrame) -> int | None:
    """The first year after which every value is positive (a country turned net importer for good)."""
    ordered = series.sort_values("year")
    negative = ordered.loc[ordered["value"] <= 0, "year"]
    after = ordered[ordered["year"] > negative.max()] if not negative.empty else ordered
    return int(after["year"].iloc[0]) if not after.empty else None


@dataclass(frozen=True)
class EnergyView:
    figure: Figure | None
    arithmetic: pd.DataFrame
    crude: Figure | None
    net_importer_from: int | None
    crude_net_import_from: int | None


def energy_view(ds: Dataset, crude: bool) -> EnergyView:
    o = energy_outlook(ds)
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
