"""China's energy outlook: the essay's oil-import path, the projection as a band, and the arithmetic it implies."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators import charts
from indicators.citations import cite
from indicators.dataset import Dataset
from indicators.derive import derive, describe, growth_rate
from indicators.formatting import QUALIFIER_LABELS, format_figure
from indicators.record import BARRELS_PER_TONNE, CRUDE_IMPORTS, CRUDE_NET_IMPORTS, OIL_IMPORTS, essay_vs_record, kbd_to_mt
from indicators.views import added as own
from indicators.views.base import Figure, source_label, spec_of


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
    record: pd.DataFrame  # the record in the essay's unit: year, imports_mt, net_imports_mt (crude only, converted)
    base_year: int  # the year read for the "presently" figure
    outcome: str  # what the record shows for the projection year, computed


def _read_year(obs: pd.DataFrame, base_year: int | None) -> pd.DataFrame:
    """The rows whose year rests on an assumption, moved to ``base_year`` (the reading the user chose)."""
    if base_year is None:
        return obs
    assumed = obs["year_assumption"].notna()
    return obs.assign(year=obs["year"].where(~assumed, base_year))


def base_year_options(ds: Dataset) -> list[int]:
    """The readings of the oil figure's "presently": the chosen one first, then the alternatives."""
    obs = ds.observations
    rows = obs[(obs["indicator_id"] == OIL_IMPORTS) & obs["year_assumption"].notna()]
    if rows.empty:
        return []
    assumption = ds.assumptions.set_index("assumption_id").loc[rows["year_assumption"].iloc[0]]
    return [int(assumption["chosen"]), *(int(y) for y in str(assumption["alternatives"]).split(";"))]


def record_in_tonnes(ds: Dataset, country: str, barrels_per_tonne: float) -> pd.DataFrame:
    """The record's crude imports and net imports converted to million tonnes a year (see :func:`kbd_to_mt`)."""
    ref = ds.reference[
        (ds.reference["country_code"] == country) & ds.reference["indicator_id"].isin([CRUDE_IMPORTS, CRUDE_NET_IMPORTS])
    ]
    wide = ref.pivot_table(index="year", columns="indicator_id", values="value", aggfunc="first").reset_index()
    out = pd.DataFrame({"year": wide["year"].astype(int)})
    for column, series in (("imports_mt", CRUDE_IMPORTS), ("net_imports_mt", CRUDE_NET_IMPORTS)):
        out[column] = [kbd_to_mt(v, barrels_per_tonne) for v in wide[series]] if series in wide else float("nan")
        out[column.replace("_mt", "_kbd")] = wide[series] if series in wide else float("nan")
    return out


def outcome_sentence(record: pd.DataFrame, projected: pd.DataFrame, barrels_per_tonne: float) -> str:
    """Where the record's imports fall in the projection year against the projected band, in Mt and %."""
    if projected.empty or record.empty:
        return ""
    end = projected.iloc[0]
    year, low, high = int(end["year"]), float(end["lower"]), float(end["upper"])
    row = record[record["year"] == year]
    if row.empty or pd.isna(row["imports_mt"].iloc[0]):
        return f"The record has no crude-import figure for {year}."
    got, kbd = float(row["imports_mt"].iloc[0]), float(row["imports_kbd"].iloc[0])
    if got > high:
        where = f"{got - high:,.1f} Mt ({(got - high) / high:.1%}) above the top of the projected {low:,.0f}–{high:,.0f} Mt"
    elif got < low:
        where = f"{low - got:,.1f} Mt ({(low - got) / low:.1%}) below the bottom of the projected {low:,.0f}–{high:,.0f} Mt"
    else:
        where = f"inside the projected {low:,.0f}–{high:,.0f} Mt"
    net = row["net_imports_mt"].iloc[0]
    net_text = f" (net of crude exports: {float(net):,.1f} Mt)" if pd.notna(net) else ""
    return (
        f"In {year} the record shows China importing {got:,.1f} Mt of crude oil{net_text}: {where}. "
        f"Converted from {kbd:,.0f} thousand barrels a day at {barrels_per_tonne:g} barrels a tonne; crude only, "
        "so total oil imports (with refined products) were higher still."
    )


#: The country whose oil path the energy page tells.
ENERGY_COUNTRY = "CHN"


def energy_outlook(
    ds: Dataset, country: str = ENERGY_COUNTRY, base_year: int | None = None, barrels_per_tonne: float = BARRELS_PER_TONNE
) -> EnergyOutlook:
    obs = _read_year(ds.observations[ds.observations["country_code"] == country], base_year)
    imports = obs[obs["indicator_id"] == OIL_IMPORTS].sort_values("year")
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
    crude = ds.reference[(ds.reference["country_code"] == country) & (ds.reference["indicator_id"] == CRUDE_NET_IMPORTS)]
    record = record_in_tonnes(ds, country, barrels_per_tonne)
    return EnergyOutlook(
        points=points.reset_index(drop=True),
        demand=demand.reset_index(drop=True),
        paths=pd.DataFrame(path_rows, columns=["year", "low", "high", "text"]),
        arithmetic=pd.DataFrame(arithmetic_rows, columns=["quantity", "result", "formula", "inputs"]),
        net_importer_from=int(flag["value"].iloc[0]) if not flag.empty else None,
        crude=crude[["year", "value", "unit", "source_id", "series_code"]].reset_index(drop=True),
        crude_net_import_from=_first_year_from_which_positive(crude),
        record=record,
        base_year=int(reported["year"].iloc[-1]) if not reported.empty else (base_year or 0),
        outcome=outcome_sentence(record, projected, barrels_per_tonne),
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
    outcome: str
    base_years: pd.DataFrame  # each reading of "presently": the record that year beside the essay's figure
    assumption: dict[str, str]
    added: pd.DataFrame = field(default_factory=pd.DataFrame)  # the person's own oil-import figures, as a table
    #: One computed sentence, shown above the chart: what the record shows against the projection (the outcome).
    finding: str = ""


def base_year_evidence(ds: Dataset, barrels_per_tonne: float) -> pd.DataFrame:
    """For each reading of the oil figure's year: the essay's figure, the record that year, and the gap."""
    rows = []
    for year in base_year_options(ds):
        found = essay_vs_record(ds, barrels_per_tonne, oil_year=year)
        oil = found[found["indicator_id"] == OIL_IMPORTS]
        if oil.empty:
            continue
        r = oil.iloc[0]
        rows.append(
            {
                "Year read": year,
                "Essay": r["essay"],
                "Record (crude imports)": r["record"],
                "Gap": r["relative_gap"],
                "Verdict": r["verdict"],
            }
        )
    return pd.DataFrame(rows, columns=["Year read", "Essay", "Record (crude imports)", "Gap", "Verdict"])


def energy_view(
    ds: Dataset, crude: bool, base_year: int | None = None, barrels_per_tonne: float = BARRELS_PER_TONNE
) -> EnergyView:
    o = energy_outlook(ds, base_year=base_year, barrels_per_tonne=barrels_per_tonne)
    added = own.added_rows(ds, OIL_IMPORTS, [ENERGY_COUNTRY], ds.indicator(OIL_IMPORTS))
    if not added.empty:
        added = added.assign(y=added["x"], y_lower=added["x_lower"], y_upper=added["x_upper"])
    figure = None
    if not o.points.empty:
        label = own.legend_label(ds, added) if not added.empty else None
        shown = own.drawn(added)
        chart = charts.energy_chart(
            o.points, o.demand, o.paths, o.net_importer_from, o.record, barrels_per_tonne, added=shown, added_label=label
        )
        text = charts.energy_alt_text(o.points, o.demand, o.net_importer_from) + own.alt_text(shown)
        figure = Figure(spec_of(chart), text, "China oil imports essay")
    crude_figure = None
    if crude and not o.crude.empty:
        crude_chart = charts.crude_chart(o.crude, o.net_importer_from)
        crude_figure = Figure(spec_of(crude_chart), charts.crude_alt_text(o.crude), "China crude net imports EIA")
    arithmetic = o.arithmetic.assign(inputs=[cite(ds, text) for text in o.arithmetic["inputs"]]).rename(columns=str.capitalize)
    options = base_year_options(ds)
    assumption: dict[str, str] = {}
    if options:
        ids = ds.observations.loc[ds.observations["year_assumption"].notna(), "year_assumption"]
        assumption = {k: str(v) for k, v in ds.assumptions.set_index("assumption_id").loc[ids.iloc[0]].items()}
    return EnergyView(
        figure,
        arithmetic,
        crude_figure,
        o.net_importer_from,
        o.crude_net_import_from,
        o.outcome,
        base_year_evidence(ds, barrels_per_tonne),
        assumption,
        own.added_table(added, ds.indicator(OIL_IMPORTS)),
        o.outcome,
    )
