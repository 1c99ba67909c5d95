"""China's energy outlook: the essay's oil-import path, the projection as a band, and the arithmetic it implies."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from indicators import charts
from indicators.analysis.derive import ABOUT, Interval, derive, describe, growth_rate
from indicators.analysis.record import (
    BARRELS_PER_TONNE,
    CRUDE_IMPORTS,
    CRUDE_NET_IMPORTS,
    OIL_IMPORTS,
    factor_range,
    judge,
    kbd_to_mt,
)
from indicators.load.dataset import Dataset
from indicators.outputs.citations import cite
from indicators.outputs.formatting import QUALIFIER_LABELS, format_figure, percent_span, round_to, span
from indicators.views import own
from indicators.views.base import Figure, source_label, spec_of
from indicators.views.slide_text import FIGURES, figure_notes


@dataclass(frozen=True)
class EnergyView:
    """China's oil path as the essay tells it, the arithmetic it implies, and the record beside it."""

    figure: Figure | None
    points: pd.DataFrame  # stated figures, reported and projected
    demand: pd.DataFrame  # derived demand band for the projection year
    paths: pd.DataFrame  # yearly values on constant-growth paths to each end of the band (low, high)
    arithmetic: pd.DataFrame  # each derived number with its formula and its cited inputs
    net_importer_from: int | None
    crude_series: pd.DataFrame  # EIA crude net imports (reference, other unit)
    crude: Figure | None  # the chart of crude_series, when asked for
    crude_net_import_from: int | None  # first year of positive crude net imports in the EIA series
    outcome: str  # what the record shows for the projection year, computed
    base_years: pd.DataFrame  # each reading of "presently": the record that year beside the essay's figure
    assumption: dict[str, str]
    added: pd.DataFrame  # the person's own oil-import figures, as a table

    @property
    def finding(self) -> str:
        """One computed sentence, shown above the chart: what the record shows against the projection (the outcome)."""
        return self.outcome

    def notes(self) -> list[str]:
        """The speaker notes' lines: the essay's figures, the arithmetic (its headers are its keys capitalised), the outcome."""
        figures = figure_notes(
            self.points.rename(columns={"series": "basis"}), None, ("basis", "evidence", "locator", "source"), year=False
        )
        steps = figure_notes(self.arithmetic.rename(columns=str.lower), "quantity", ("formula", "inputs"), "result", year=False)
        lines = [FIGURES, *figures, "The arithmetic:", *steps]
        return lines + ([f"What happened: {self.outcome}"] if self.outcome else [])


def _assumption(ds: Dataset) -> dict[str, str]:
    """The assumption the oil figure's year rests on (its row of assumptions.csv), or {} when it rests on none."""
    obs = ds.observations
    rows = obs[(obs["indicator_id"] == OIL_IMPORTS) & obs["year_assumption"].notna()]
    if rows.empty:
        return {}
    return {k: str(v) for k, v in ds.assumptions.set_index("assumption_id").loc[rows["year_assumption"].iloc[0]].items()}


def base_year_options(ds: Dataset) -> list[int]:
    """The readings of the oil figure's "presently": the chosen one first, then the alternatives."""
    assumption = _assumption(ds)
    if not assumption:
        return []
    return [int(assumption["chosen"]), *(int(y) for y in assumption["alternatives"].split(";"))]


def record_in_tonnes(ds: Dataset, country: str, barrels_per_tonne: float) -> pd.DataFrame:
    """The record's crude imports and net imports converted to million tonnes a year (see :func:`kbd_to_mt`)."""
    ref = ds.reference[
        (ds.reference["country_code"] == country) & ds.reference["indicator_id"].isin([CRUDE_IMPORTS, CRUDE_NET_IMPORTS])
    ]
    wide = ref.pivot_table(index="year", columns="indicator_id", values="value", aggfunc="first")
    wide = wide.reindex(columns=[CRUDE_IMPORTS, CRUDE_NET_IMPORTS]).reset_index()
    out = pd.DataFrame({"year": wide["year"].astype(int)})
    for column, series in (("imports", CRUDE_IMPORTS), ("net_imports", CRUDE_NET_IMPORTS)):
        out[f"{column}_mt"] = [kbd_to_mt(v, barrels_per_tonne) for v in wide[series]]
        out[f"{column}_kbd"] = wide[series]
    return out


#: How finely a converted tonnage is stated: the nearest 5 Mt. The conversion factor moves a 2010 figure by about
#: 0.3 Mt, crude against net crude by about 3 Mt, and the record counts crude only (products excluded).
TONNES_STEP = 5.0


def outcome_sentence(record: pd.DataFrame, projected: pd.DataFrame, barrels_per_tonne: float) -> str:
    """Where the record's imports fall in the projection year against the projected band: a rounded figure, its
    range over the sourced barrels-per-tonne factors (:data:`~indicators.analysis.record.BARRELS_PER_TONNE_SOURCES`), gross
    and net of crude exports, and how far outside the band over all of them."""
    if projected.empty or record.empty:
        return ""
    end = projected.iloc[0]
    year, low, high = int(end["year"]), float(end["lower"]), float(end["upper"])
    row = record[record["year"] == year]
    if row.empty or pd.isna(row["imports_kbd"].iloc[0]):
        return f"The record has no crude-import figure for {year}."
    f_lo, f_hi = factor_range(barrels_per_tonne)
    r = row.iloc[0]
    kbd, net_kbd = float(r["imports_kbd"]), r["net_imports_kbd"]
    flows = [kbd] + ([float(net_kbd)] if pd.notna(net_kbd) else [])
    # Every alternative: each sourced factor (and the user's), gross and net. A higher factor gives fewer tonnes.
    values = [kbd_to_mt(k, f) for k in flows for f in (f_lo, f_hi)]
    gross = f"about {round_to(r['imports_mt'], TONNES_STEP):,.0f} Mt of crude oil ({span(values[1], values[0], '{} Mt')}"
    gross += f" at {span(f_lo, f_hi, '{}', 2)} barrels a tonne)"
    net_text = f"; net of crude exports, about {round_to(r['net_imports_mt'], TONNES_STEP):,.0f} Mt" if len(flows) == 2 else ""
    band = f"the projected {low:,.0f}–{high:,.0f} Mt"
    if min(values) > high:
        where = f"{percent_span(min(values) / high - 1, max(values) / high - 1)} above the top of {band}"
    elif max(values) < low:
        where = f"{percent_span(1 - max(values) / low, 1 - min(values) / low)} below the bottom of {band}"
    elif low <= min(values) and max(values) <= high:
        where = f"inside {band}"
    else:
        where = f"at the edge of {band}: inside or outside depending on the factor and on gross or net"
    either = " gross or net" if len(flows) == 2 else ""
    return (
        f"In {year} the record shows China importing {gross}{net_text}: {where},{either}. "
        f"Converted from {kbd:,.0f} thousand barrels a day; crude only, so total oil imports (with refined products) "
        "were higher still."
    )


def growth_text(start: float, approx: bool, bound: float, years: int) -> str:
    """A compound growth rate of the oil imports (in Mt) as firm as its inputs: whole percents, with its range when the start is "about"."""
    rate = growth_rate(start, bound, years)
    text = f"about {rate:.0%} a year"
    if approx:
        # "about" start ± ABOUT: a higher start needs slower growth.
        lo, hi = (growth_rate(start * (1 + d), bound, years) for d in (ABOUT, -ABOUT))
        text += f" ({percent_span(lo, hi)} with “about {start:g} Mt” as {start * (1 - ABOUT):g}–{start * (1 + ABOUT):g} Mt)"
    return text


#: The country whose oil path the energy page tells.
ENERGY_COUNTRY = "CHN"


def _first_year_from_which_positive(series: pd.DataFrame) -> int | None:
    """The first year after which every value is positive (a country turned net importer for good)."""
    ordered = series.sort_values("year")
    negative = ordered.loc[ordered["value"] <= 0, "year"]
    after = ordered[ordered["year"] > negative.max()] if not negative.empty else ordered
    return int(after["year"].iloc[0]) if not after.empty else None


BASE_YEAR_COLUMNS = ["Year read", "Essay", "Crude imports", "Gap", "Verdict", "Net crude imports", "Gap (net)", "Verdict (net)"]


def base_year_evidence(ds: Dataset, barrels_per_tonne: float) -> pd.DataFrame:
    """For each reading of the oil figure's year: the essay's figure beside the record's crude imports, gross and net
    of crude exports (each converted at ``barrels_per_tonne``), the gap and the verdict. A test of each reading, not
    evidence for one: the year is chosen on the essay's own dating (assumptions.csv)."""
    obs = ds.observations
    stated = obs[(obs["indicator_id"] == OIL_IMPORTS) & obs["year_assumption"].notna()]
    if stated.empty:
        return pd.DataFrame(columns=BASE_YEAR_COLUMNS)
    r = stated.iloc[0]
    figure = Interval.from_row(r)
    m = ds.indicator(OIL_IMPORTS)
    tonnes = record_in_tonnes(ds, str(r["country_code"]), barrels_per_tonne).set_index("year").to_dict("index")
    rows = []
    for year in (y for y in base_year_options(ds) if y in tonnes):
        row: list[object] = [year, describe(ds, r)]
        for series in ("imports", "net_imports"):  # each: the record's figure, the gap and the verdict
            mt, kbd = float(tonnes[year][f"{series}_mt"]), float(tonnes[year][f"{series}_kbd"])
            if math.isnan(mt):
                row += ["no record", float("nan"), ""]
            else:
                verdict, gap, _ = judge(str(r["qualifier"]), figure, mt, m.scale * 10.0**-m.decimals)
                row += [f"{mt:,.1f} Mt ({kbd:,.0f} kb/d)", gap, verdict]
        rows.append(row)
    return pd.DataFrame(rows, columns=BASE_YEAR_COLUMNS)


def energy_view(
    ds: Dataset, crude: bool, base_year: int | None = None, barrels_per_tonne: float = BARRELS_PER_TONNE
) -> EnergyView:
    obs = ds.observations[ds.observations["country_code"] == ENERGY_COUNTRY]
    if base_year is not None:  # the rows whose year rests on an assumption move to the reading the user chose
        obs = obs.assign(year=obs["year"].where(obs["year_assumption"].isna(), base_year))
    imports = obs[obs["indicator_id"] == OIL_IMPORTS].sort_values("year")
    m = ds.indicator(OIL_IMPORTS)
    points = imports.assign(
        label=[f"{describe(ds, r)} ({int(r['year'])})" for _, r in imports.iterrows()],
        qualifier_label=imports["qualifier"].map(QUALIFIER_LABELS),
        series=imports["kind"].map({"projection": "projection (estimate)"}).fillna("reported"),
        source=[source_label(ds, s) for s in imports["source_id"]],
    ).reset_index(drop=True)
    demand = derive(ds, ds.indicator("oil_demand_mt"))
    demand = demand[demand["country_code"] == ENERGY_COUNTRY]
    # On the chart: the figure as the essay's numbers give it; the bar and the arithmetic show the width of "about".
    demand = demand.assign(
        label=[(r["nominal"] if isinstance(r["nominal"], str) else describe(ds, r)) + " (derived)" for _, r in demand.iterrows()],
        series="implied demand (derived)",
    ).reset_index(drop=True)

    steps = []  # the arithmetic: (quantity, result, formula, inputs)
    for _, d in demand.iterrows():
        width = f"{describe(ds, d)} with “about” as ±{ABOUT:.0%}; derived"
        result = f"{d['nominal']} ({width})" if isinstance(d["nominal"], str) and d["nominal"] != describe(ds, d) else d["label"]
        steps.append((f"oil demand {int(d['year'])}", result, d["formula"], d["inputs"]))
    reported = imports[imports["kind"] == "reported"]
    projected = imports[(imports["kind"] == "projection") & (imports["qualifier"] == "range")]
    paths = []
    if not reported.empty and not projected.empty:
        start, end = reported.iloc[-1], projected.iloc[0]
        first, last = int(start["year"]), int(end["year"])
        value, given = float(start["value"]), format_figure(start["value"], "exact", m)
        inputs = f"{start['source_id']} ({start['locator']}); {end['source_id']} ({end['locator']})"
        rates = {}
        for name, bound in (("low", end["lower"]), ("high", end["upper"])):
            rates[name] = growth_rate(value, float(bound), last - first)
            formula = f"({format_figure(bound, 'exact', m)} / {given})^(1/{last - first}) − 1 ≈ {rates[name]:.0%} a year"
            result = growth_text(value, start["qualifier"] == "approx", float(bound), last - first)
            steps.append((f"growth of imports {first}–{last}, {name} end", result, formula, inputs))
        readings = [y for y in base_year_options(ds) if y < last] or [first]
        each = "; ".join(
            f"{percent_span(*(growth_rate(value, float(b), last - y) for b in (end['lower'], end['upper'])))} a year from {y}"
            for y in readings
        )
        formula = f"(end of the band / {given})^(1/years) − 1, rounded to whole percents"
        steps.append(("growth of imports, each reading of “presently”", each, formula, inputs))
        for yr in range(first, last + 1):
            # value in year t on a constant-growth path: start × (1 + rate)^(t − start year)
            low, high = (value * (1 + rates[name]) ** (yr - first) for name in ("low", "high"))
            paths.append((yr, low, high, f"{low:,.0f}–{high:,.0f} Mt"))
    arithmetic = pd.DataFrame(steps, columns=["Quantity", "Result", "Formula", "Inputs"])
    arithmetic["Inputs"] = [cite(ds, text) for text in arithmetic["Inputs"]]
    path_frame = pd.DataFrame(paths, columns=["year", "low", "high", "text"])
    flag = obs[obs["indicator_id"] == "oil_net_importer_from"]
    net_importer_from = int(flag["value"].iloc[0]) if not flag.empty else None
    ref = ds.reference
    crude_series = ref[(ref["country_code"] == ENERGY_COUNTRY) & (ref["indicator_id"] == CRUDE_NET_IMPORTS)]
    crude_series = crude_series[["year", "value", "unit", "source_id", "series_code"]].reset_index(drop=True)
    record = record_in_tonnes(ds, ENERGY_COUNTRY, barrels_per_tonne)
    outcome = outcome_sentence(record, projected, barrels_per_tonne)

    added = own.own_rows(ds, OIL_IMPORTS, [ENERGY_COUNTRY], m)
    added = added.assign(y=added["x"], y_lower=added["x_lower"], y_upper=added["x_upper"])
    figure = None
    if not points.empty:
        label = own.legend_label(ds, added) if not added.empty else None
        shown = added.head(own.MAX_DRAWN)
        chart = charts.energy_chart(
            points, demand, path_frame, net_importer_from, record, barrels_per_tonne, added=shown, added_label=label
        )
        text = charts.energy_alt_text(points, demand, net_importer_from) + own.alt_text(shown)
        figure = Figure(spec_of(chart), text, "China oil imports essay")
    crude_figure = None
    if crude and not crude_series.empty:
        crude_chart = charts.crude_chart(crude_series, net_importer_from)
        crude_figure = Figure(spec_of(crude_chart), charts.crude_alt_text(crude_series), "China crude net imports EIA")
    return EnergyView(
        figure=figure,
        points=points,
        demand=demand,
        paths=path_frame,
        arithmetic=arithmetic,
        net_importer_from=net_importer_from,
        crude_series=crude_series,
        crude=crude_figure,
        crude_net_import_from=_first_year_from_which_positive(crude_series),
        outcome=outcome,
        base_years=base_year_evidence(ds, barrels_per_tonne),
        assumption=_assumption(ds),
        added=own.own_table(added, m),
    )
