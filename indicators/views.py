"""Tables shaped for the pages: one function per view, pure, no Streamlit.

Every frame carries, beside the numbers, what a reader needs to judge them:
the qualifier in words, whether the figure is stated or derived, the formula,
the source and the locator, and a label formatted with unit and qualifier.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from indicators import charts
from indicators.dataset import Dataset
from indicators.derive import (
    DERIVED_COLUMNS,
    armed_forces_per_1000,
    describe,
    gdp_per_capita,
    growth_rate,
    members,
    members_share,
    oil_demand,
)
from indicators.formatting import QUALIFIER_LABELS, format_figure

#: Indicators offered on the compare page, in menu order.
COMPARE_INDICATORS = [
    "gdp_usd",
    "gdp_per_capita_usd",
    "population",
    "armed_forces",
    "armed_forces_per_1000",
    "members_share",
]

#: Indicators whose share of the members' total can be shown (additive quantities).
SHARE_BASES = ["gdp_usd", "population", "armed_forces"]

#: Reference (World Bank) series behind each compare indicator; ratios are derived below.
REFERENCE_SERIES = {"gdp_usd": "gdp_usd", "population": "population", "armed_forces": "armed_forces"}

VIEW_COLUMNS = [
    "country_code",
    "country",
    "indicator_id",
    "year",
    "value",
    "lower",
    "upper",
    "qualifier",
    "qualifier_label",
    "basis",
    "label",
    "x",
    "x_lower",
    "x_upper",
    "bar_end",
    "formula",
    "source_id",
    "source",
    "locator",
    "evidence",
    "note",
]


def meta(ds: Dataset, indicator_id: str) -> pd.Series:
    """One row of ``indicators.csv``."""
    return ds.meta(indicator_id)


def source_label(ds: Dataset, source_ids: str) -> str:
    """Short citation(s) for one or more '+'-joined source ids."""
    src = ds.sources.set_index("source_id")
    labels = []
    for sid in str(source_ids).split("+"):
        if sid in src.index:
            row = src.loc[sid]
            cited = ", as cited in the essay" if pd.notna(row["cited_in"]) else ""
            labels.append(f"{row['author']}, {row['title']} ({row['year']}){cited}")
        else:
            labels.append(sid)
    return "; ".join(labels)


def _scale(x: object, m: pd.Series) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x):  # type: ignore[call-overload]
        return None
    return float(x) / float(m["scale"])  # type: ignore[arg-type]


def _decorate(ds: Dataset, frame: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Add names, labels, scaled chart columns and citations to stated/derived rows."""
    m = meta(ds, indicator_id)
    names = ds.names
    out = frame.copy()
    out["country"] = out["country_code"].map(names)
    out["qualifier_label"] = out["qualifier"].map(QUALIFIER_LABELS)
    out["label"] = [
        format_figure(r["value"], r["qualifier"], m, r["lower"], r["upper"]) + (" (derived)" if r["basis"] == "derived" else "")
        for _, r in out.iterrows()
    ]
    out["x"] = [_scale(v, m) for v in out["value"]]
    out["x_lower"] = [_scale(v, m) for v in out["lower"]]
    out["x_upper"] = [_scale(v, m) for v in out["upper"]]
    # A bar is drawn only as far as the figure is known: to the value for exact and
    # "about" figures, to the bound for "less than" / "more than"; a range gets no bar.
    out["bar_end"] = [
        None if q == "range" else (xu if q == "lt" else (xl if q == "gt" else x))
        for q, x, xl, xu in zip(out["qualifier"], out["x"], out["x_lower"], out["x_upper"], strict=True)
    ]
    out["source"] = [source_label(ds, s) for s in out["source_id"]]
    return out


def stated_or_derived(ds: Dataset, indicator_id: str) -> pd.DataFrame:
    """All stated figures for an indicator, plus derived ones for countries the essay gives none."""
    obs = ds.observations
    stated = obs[(obs["indicator_id"] == indicator_id) & (obs["kind"] == "reported")].copy()
    stated["derived"] = False
    stated["formula"] = None
    stated["inputs"] = None
    derivers = {
        "gdp_per_capita_usd": gdp_per_capita,
        "armed_forces_per_1000": armed_forces_per_1000,
    }
    parts = [stated[DERIVED_COLUMNS]]
    if indicator_id in derivers:
        derived = derivers[indicator_id](ds)
        derived = derived[~derived["country_code"].isin(stated["country_code"])]
        parts.append(derived)
    frames = [p for p in parts if not p.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=DERIVED_COLUMNS)


def compare_frame(ds: Dataset, indicator_id: str, countries: list[str], share_of: str = "population") -> pd.DataFrame:
    """One row per selected member: its figure (stated or derived) or 'not stated'.

    Where a member has figures for several years, the latest is shown (the table says
    which year). Shares are taken within one year: the year most members have a figure
    for, the latest of those on a tie.
    """
    if indicator_id == "members_share":
        base = stated_or_derived(ds, share_of)
        if not base.empty:
            counts = base[base["country_code"].isin(members(ds, "G_SCO"))].groupby("year")["country_code"].nunique()
            if not counts.empty:
                best = counts[counts == counts.max()].index.max()
                base = base[base["year"] == best]
        figures = members_share(ds, base)
    else:
        figures = stated_or_derived(ds, indicator_id)
    figures = figures.sort_values("year", kind="stable").drop_duplicates("country_code", keep="last").copy()
    figures["basis"] = ["derived" if d else "stated" for d in figures["derived"].astype(bool)]
    figures = figures[figures["country_code"].isin(countries)]
    missing = [c for c in countries if c not in set(figures["country_code"])]
    blank = pd.DataFrame(
        {
            "country_code": missing,
            "indicator_id": indicator_id,
            "basis": "not stated",
            "qualifier": None,
        }
    )
    stated_part = _decorate(ds, figures, indicator_id) if not figures.empty else pd.DataFrame(columns=VIEW_COLUMNS)
    if not blank.empty:
        blank["country"] = blank["country_code"].map(ds.names)
        blank["label"] = "not stated"
    frames = [f for f in (stated_part, blank) if not f.empty]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=VIEW_COLUMNS)
    out = out.reindex(columns=VIEW_COLUMNS)
    order = {c: i for i, c in enumerate(countries)}
    return out.sort_values("country_code", key=lambda s: s.map(order)).reset_index(drop=True)


def not_stated(frame: pd.DataFrame) -> list[str]:
    """Names of the members a compare frame has no figure for."""
    return list(frame.loc[frame["basis"] == "not stated", "country"])


def reference_frame(ds: Dataset, indicator_id: str, countries: list[str], year: int) -> pd.DataFrame:
    """World Bank values for the compare indicator in ``year`` (ratios derived from WB series)."""
    ref = ds.reference[(ds.reference["year"] == year) & ds.reference["country_code"].isin(countries)]
    wide = ref.pivot_table(index="country_code", columns="indicator_id", values="value", aggfunc="first")
    formulas = {
        "gdp_per_capita_usd": ("gdp_usd", "population", 1.0, "GDP / population (World Bank)"),
        "armed_forces_per_1000": ("armed_forces", "population", 1000.0, "armed forces / population × 1000 (World Bank)"),
    }
    if indicator_id in REFERENCE_SERIES and REFERENCE_SERIES[indicator_id] in wide:
        values = wide[REFERENCE_SERIES[indicator_id]]
        formula = "as recorded"
    elif indicator_id in formulas and {formulas[indicator_id][0], formulas[indicator_id][1]} <= set(wide.columns):
        num, den, factor, formula = formulas[indicator_id]
        values = wide[num] / wide[den] * factor
    else:
        return pd.DataFrame(columns=["country_code", "country", "year", "value", "x", "label", "formula", "source"])
    values = values.dropna()
    m = meta(ds, indicator_id)
    series_sources = sorted(set(ref.loc[ref["country_code"].isin(values.index), "source_id"]))
    out = pd.DataFrame(
        {
            "country_code": values.index,
            "country": values.index.map(ds.names),
            "year": year,
            "value": values.to_numpy(),
        }
    )
    out["x"] = out["value"] / float(m["scale"])
    out["label"] = [format_figure(v, "exact", m) for v in out["value"]]
    out["formula"] = formula
    out["source"] = "World Bank, World Development Indicators" if series_sources else ""
    return out.reset_index(drop=True)


def reference_years(ds: Dataset, indicator_id: str) -> list[int]:
    base = REFERENCE_SERIES.get(indicator_id, "gdp_usd" if indicator_id == "gdp_per_capita_usd" else "armed_forces")
    years = ds.reference.loc[ds.reference["indicator_id"] == base, "year"]
    return sorted(int(y) for y in years.unique())


# ---------------------------------------------------------------- borders


def border_frame(ds: Dataset) -> pd.DataFrame:
    """Stated borders with names; group borders say which countries they run along."""
    names = ds.names
    groups = ds.countries.set_index("code")
    km = pd.Series({"scale": 1, "decimals": 0, "display": "{} km", "short_unit": "km"})
    rows = []
    no_border = {
        frozenset((r["subject_code"], r["object_code"]))
        for _, r in ds.relations[ds.relations["relation"] == "no_common_border"].iterrows()
    }
    for _, b in ds.borders.iterrows():
        n = b["neighbour_code"]
        is_group = n.startswith("G_")
        # A group border runs along the members that touch the country: the essay says which ones do not.
        touching = [c for c in str(groups.loc[n, "members"]).split(";") if frozenset((b["country_code"], c)) not in no_border]
        along = [names[c] for c in touching] if is_group else [names[n]]
        pair = f"{names[b['country_code']]} – {names[n]}"
        rows.append(
            {
                "country_code": b["country_code"],
                "neighbour_code": n,
                "pair": pair + (" (group)" if is_group else ""),
                "country": names[b["country_code"]],
                "neighbour": names[n],
                "neighbour_type": "group of countries" if is_group else "country",
                "group_members": ", ".join(along) if is_group else "",
                "length_km": b["length_km"],
                "qualifier": b["qualifier"],
                "qualifier_label": QUALIFIER_LABELS[b["qualifier"]],
                "lower": b["lower"],
                "upper": b["upper"],
                "label": format_figure(b["length_km"], b["qualifier"], km, b["lower"], b["upper"]),
                "x": b["length_km"],
                "x_lower": b["lower"],
                "x_upper": b["upper"],
                "bar_end": None
                if b["qualifier"] == "range"
                else (b["upper"] if b["qualifier"] == "lt" else (b["lower"] if b["qualifier"] == "gt" else b["length_km"])),
                "basis": "stated",
                "year": int(b["year"]),
                "source": source_label(ds, b["source_id"]),
                "source_id": b["source_id"],
                "locator": b["locator"],
                "evidence": b["evidence"],
                "note": b["note"],
            }
        )
    return pd.DataFrame(rows)


def no_border_statements(ds: Dataset) -> pd.DataFrame:
    rel = ds.relations[ds.relations["relation"] == "no_common_border"]
    names = ds.names
    return pd.DataFrame(
        {
            "country": rel["subject_code"].map(names),
            "no common border with": rel["object_code"].map(names),
            "where in the essay": rel["locator"],
        }
    ).reset_index(drop=True)


# ---------------------------------------------------------------- energy


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
    m = meta(ds, "oil_imports_mt")
    points = imports.copy()
    points["label"] = [f"{describe(ds, r)} ({int(r['year'])})" for _, r in points.iterrows()]
    points["qualifier_label"] = points["qualifier"].map(QUALIFIER_LABELS)
    points["series"] = ["projection (estimate)" if k == "projection" else "reported" for k in points["kind"]]
    points["source"] = [source_label(ds, s) for s in points["source_id"]]
    demand = oil_demand(ds)
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


def essay_year(ds: Dataset) -> int:
    """The year most of the essay's reported figures refer to (the default reference year)."""
    years = ds.observations.loc[ds.observations["kind"] == "reported", "year"]
    return int(years.mode().iloc[0])


# ---------------------------------------------------------------- data and sources


def with_provenance(ds: Dataset, table: str) -> pd.DataFrame:
    """A table as shown on the data page: names and the citation beside each row."""
    frame = ds.table(table).copy()
    if "country_code" in frame:
        frame.insert(1, "country", frame["country_code"].map(ds.names))
    if table == "observations.csv":
        frame.insert(4, "figure", [describe(ds, r) for _, r in frame.iterrows()])
    if table == "borders.csv":
        frame.insert(3, "figure", border_frame(ds)["label"].to_numpy())
    if "source_id" in frame and table != "sources.csv":
        src = ds.sources.set_index("source_id")["citation"]
        frame["citation"] = frame["source_id"].map(src)
    return frame


def filter_rows(frame: pd.DataFrame, countries: list[str] | None = None, text: str = "") -> pd.DataFrame:
    """Rows for the given country codes (where the table has them) whose cells contain ``text``."""
    out = frame
    if countries is not None:
        code_cols = [c for c in ("country_code", "neighbour_code", "subject_code", "object_code", "code") if c in out]
        if code_cols:
            mask = pd.Series(False, index=out.index)
            for c in code_cols:
                mask |= out[c].isin(countries)
            out = out[mask]
    if text:
        needle = text.casefold()
        hit = out.astype(str).apply(lambda col: col.str.casefold().str.contains(needle, regex=False)).any(axis=1)
        out = out[hit]
    return out


def member_codes(ds: Dataset) -> list[str]:
    return members(ds, "G_SCO")


def compare_table(frame: pd.DataFrame, m: pd.Series) -> pd.DataFrame:
    """The compare page's table, human headers; the CSV download is exactly this frame."""
    unit = str(m["unit"])
    table = pd.DataFrame(
        {
            "Country": frame["country"],
            "Figure": frame["label"],
            f"Value ({unit})": pd.to_numeric(frame["value"], errors="coerce"),
            "Lower bound": pd.to_numeric(frame["lower"], errors="coerce"),
            "Upper bound": pd.to_numeric(frame["upper"], errors="coerce"),
            "Qualifier": frame["qualifier_label"],
            "Basis": frame["basis"],
            "Year": pd.to_numeric(frame["year"], errors="coerce").astype("Int64"),
            "Formula": frame["formula"],
            "Source": frame["source"],
            "Where in the essay": frame["locator"],
            "Evidence": frame["evidence"],
            "Note": frame["note"],
        }
    ).reset_index(drop=True)
    text = ["Figure", "Qualifier", "Basis", "Formula", "Source", "Where in the essay", "Evidence", "Note"]
    table[text] = table[text].astype(object).where(table[text].notna(), "")
    return table


def metric_cards(frame: pd.DataFrame, m: pd.Series) -> list[dict[str, str]]:
    """One card per selected member: its figure with qualifier (unit in the label), and where it comes from."""
    compact = m.copy()
    compact["display"] = "{}"
    unit = str(m["axis_label"])
    cards = []
    for _, r in frame.iterrows():
        if r["basis"] == "not stated":
            cards.append(
                {
                    "label": str(r["country"]),
                    "value": "not stated",
                    "help": "The essay gives no figure for this member.",
                    "basis": "not stated",
                }
            )
            continue
        where = f"{r['source']}; {r['locator']}"
        detail = f"Derived: {r['formula']}" if r["basis"] == "derived" else f"Evidence: “{r['evidence']}”"
        value = format_figure(r["value"], r["qualifier"], compact, r["lower"], r["upper"])
        suffix = ", derived" if r["basis"] == "derived" else ""
        cards.append(
            {
                "label": f"{r['country']} ({unit}{suffix})",
                "value": value,
                "help": f"{r['qualifier_label']}. {detail}. Source: {where}.",
                "basis": str(r["basis"]),
            }
        )
    return cards


def border_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Border": frame["pair"],
            "Neighbour is": frame["neighbour_type"],
            "Runs along": frame["group_members"],
            "Length": frame["label"],
            "Length (km)": frame["length_km"],
            "Lower bound (km)": frame["lower"],
            "Upper bound (km)": frame["upper"],
            "Qualifier": frame["qualifier_label"],
            "Year": frame["year"],
            "Source": frame["source"],
            "Where in the essay": frame["locator"],
            "Evidence": frame["evidence"],
            "Note": frame["note"],
        }
    )


def map_roles(ds: Dataset) -> pd.DataFrame:
    """Countries on the map: the members, and the neighbours the essay's border statements name."""
    names = ds.names
    frame = border_frame(ds)
    mem = member_codes(ds)
    neighbours = sorted(
        {c for c in frame["neighbour_code"] if not c.startswith("G_") and c not in mem}
        | {c for c in ds.relations.loc[ds.relations["relation"] == "no_common_border", "object_code"] if c not in mem}
    )
    possible = [
        c
        for c in ds.countries.loc[ds.countries["essay_role"] == "possible_member", "code"]
        if c not in mem and c not in neighbours
    ]
    rows = []
    for code in mem + neighbours + possible:
        touching = frame[(frame["country_code"] == code) | (frame["neighbour_code"] == code)]
        groups = frame[frame["group_members"].str.contains(names[code], regex=False)]
        text = "; ".join(
            [f"{r['pair']}: {r['label']}" for _, r in touching.iterrows()]
            + [f"part of {r['pair']}: {r['label']}" for _, r in groups.iterrows()]
        )
        role = charts.MAP_MEMBER if code in mem else "neighbour in the essay's border statements"
        if code in possible:
            role = charts.MAP_POSSIBLE
        rows.append(
            {
                "iso3": code,
                "country": names[code],
                "role": role,
                "borders": text or "none stated",
            }
        )
    return pd.DataFrame(rows)
