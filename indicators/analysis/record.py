"""The essay beside the record: like with like, bounded figures judged by their bounds, each inconsistency once.

A **different definition** (indicators.csv says what the record counts) shows both numbers and judges nothing; a
bounded figure ("less than", "more than", a range) is judged by whether, and how far outside, the record lies; "about"
allows :data:`~indicators.analysis.consistency.TOLERANCE`; a figure without a qualifier, the rounding of its printed digits.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

import pandas as pd

from indicators.analysis.consistency import TOLERANCE
from indicators.analysis.derive import Interval, describe, implied_population
from indicators.analysis.releases import ONE_RELEASE, across_releases, release_label
from indicators.load.dataset import Dataset
from indicators.outputs.formatting import format_figure

#: Barrels in a tonne of crude oil: the Energy Institute (formerly BP) Statistical Review's world-average
#: conversion factor for crude. An assumption (crude densities differ), so the energy page lets the user change it.
BARRELS_PER_TONNE = 7.33

#: The sourced barrels-per-tonne factors for crude: every figure converted from barrels is stated over the range
#: they span (and the factor the user sets, if outside it). Only factors with a source are listed; none is invented.
BARRELS_PER_TONNE_SOURCES: dict[float, str] = {
    7.32: "UN Statistics Division, Energy Statistics Yearbook, conversion factors: crude petroleum, average specific "
    "gravity (unstats.un.org/unsd/energy/yearbook/conversion.htm)",
    7.33: "Energy Institute (formerly BP), Statistical Review of World Energy, approximate conversion factors: crude "
    "oil, world-average gravity",
}


def factor_range(barrels_per_tonne: float = BARRELS_PER_TONNE) -> tuple[float, float]:
    """The lowest and highest barrels-per-tonne factor a converted figure is stated over."""
    factors = [*BARRELS_PER_TONNE_SOURCES, barrels_per_tonne]
    return min(factors), max(factors)


#: The record's crude-oil series set beside the essay's oil imports, in thousand barrels a day.
CRUDE_IMPORTS, CRUDE_NET_IMPORTS = "crude_oil_imports_kbd", "crude_oil_net_imports_kbd"
OIL_IMPORTS = "oil_imports_mt"

DIFFERENT_DEFINITION = "different definition"
AGREES, DISAGREES = "agrees", "disagrees"
INSIDE, OUTSIDE = "inside the stated bounds", "outside the stated bounds"
MATCHES, DIFFERS = "matches as printed", "differs from the printed figure"

COLUMNS = [
    "country_code",
    "country",
    "indicator_id",
    "year",
    "essay",
    "record",
    "record_source",
    "relative_gap",
    "verdict",
    "robustness",
    "explanation",
]


def kbd_to_mt(kbd: float, barrels_per_tonne: float = BARRELS_PER_TONNE) -> float:
    """Thousand barrels a day to million tonnes a year: kb/d × 1,000 × 365 ÷ barrels per tonne ÷ 10⁶."""
    return kbd * 365.0 / barrels_per_tonne / 1000.0


def record_row(ds: Dataset, country: str, indicator_id: str | None, year: int) -> pd.Series | None:
    """The record's row for a country, indicator and year (in the release read), or None."""
    ref = ds.reference
    hit = ref[(ref["country_code"] == country) & (ref["indicator_id"] == indicator_id) & (ref["year"] == year)]
    return None if hit.empty else hit.iloc[0]


def judge(qualifier: str, stated: Interval, record: float, printed_step: float) -> tuple[str, float, str]:
    """(verdict, relative gap, explanation) for a figure of the same definition as the record."""
    if qualifier in ("lt", "gt", "range"):
        gap = stated.gap(Interval(record, record, record))
        if gap == 0:
            return INSIDE, 0.0, "the record lies inside the bounds the essay states"
        return OUTSIDE, gap, f"the record lies {gap:.1%} beyond the stated bound"
    if stated.value == 0:
        # A stated zero has no relative gap: say how far the record is in the figure's own terms.
        return (MATCHES if record == 0 else DIFFERS), (0.0 if record == 0 else math.inf), "the essay states zero"
    gap = abs(record - stated.value) / stated.value
    if qualifier == "approx":
        verdict = AGREES if gap <= TOLERANCE else DISAGREES
        return verdict, gap, f"{gap:.1%} apart; 'about' allows ±{TOLERANCE:.0%}"
    if abs(record - stated.value) <= printed_step / 2:
        return MATCHES, gap, "the record rounds to the printed figure"
    return DIFFERS, gap, f"{gap:.1%} apart; a figure stated without 'about' allows only the rounding of its printed digits"


def judge_figure(ds: Dataset, figure: pd.Series) -> Callable[[float], tuple[str, float, str]]:
    """:func:`judge` for one stated figure (a row of observations.csv): a value of the record -> (verdict, gap, why)."""
    unit = ds.indicator(str(figure["indicator_id"]))
    return partial(judge, str(figure["qualifier"]), Interval.from_row(figure), printed_step=unit.scale * 10.0**-unit.decimals)


def _record_sides(ds: Dataset, row: pd.Series, record: float) -> str:
    """For a stated population the essay's own GDP ÷ GDP per capita contradicts: which figure the record is nearer."""
    implied = implied_population(ds)
    same = implied[(implied["country_code"] == row["country_code"]) & (implied["year"] == row["year"])]
    if row["indicator_id"] != "population" or same.empty:
        return ""
    other = float(same["value"].iloc[0])
    stated = float(row["value"])
    # A stated zero has no relative gap to the implied figure (and the loader refuses a zero denominator anyway).
    if stated == 0 or abs(other - stated) / stated <= TOLERANCE:
        return ""
    nearer = "implied" if abs(record - other) < abs(record - stated) else "stated"
    implied_text = format_figure(other, "exact", ds.indicator("population"))
    return (
        f" The essay's GDP ÷ GDP per capita implies {implied_text}; the record is nearer the {nearer} figure."
        if nearer == "implied"
        else f" The record is nearer the stated figure than the {implied_text} implied by GDP ÷ GDP per capita."
    )


def essay_vs_record(ds: Dataset, oil_year: int | None = None) -> pd.DataFrame:
    """Each reported essay figure beside the record for the same country, indicator and year, with a verdict. China's oil
    imports are set beside crude imports at :data:`BARRELS_PER_TONNE`; ``oil_year`` moves the "presently" figure's year."""
    obs = ds.observations[ds.observations["kind"] == "reported"]
    rows: list[dict[str, object]] = []
    for _, r in obs.iterrows():
        indicator = ds.indicator(r["indicator_id"])
        oil = indicator.id == OIL_IMPORTS
        year = oil_year if oil and oil_year is not None else int(r["year"])
        series = CRUDE_IMPORTS if oil else indicator.reference_indicator
        found = record_row(ds, r["country_code"], series, year)
        if series is None or found is None:
            continue
        record = float(found["value"])
        only, caveat, record_text = "", "", format_figure(record, "exact", indicator)
        if oil:
            kbd, record = record, kbd_to_mt(record)
            record_text = (
                f"{format_figure(record, 'exact', indicator)} ({kbd:,.0f} kb/d at {BARRELS_PER_TONNE:g} barrels a tonne)"
            )
            only, caveat = ", crude only", " The record counts crude oil only; the essay says oil."
        source = release_label(ds, found, f" ({found['series_code']}){only}")
        robustness = ONE_RELEASE
        if not oil and indicator.reference_same_definition is False:
            verdict, gap = DIFFERENT_DEFINITION, math.nan
            explanation = (
                f"Not comparable: the essay gives {indicator.description[0].lower() + indicator.description[1:]} "
                f"The record: {indicator.reference_definition}"
            )
        else:
            judged = judge_figure(ds, r)
            verdict, gap, explanation = judged(record)
            robustness, releases_text = across_releases(ds, str(r["country_code"]), series, year, judged)
            sides = _record_sides(ds, r, record)
            explanation = (
                explanation[0].upper() + explanation[1:] + "." + caveat + sides + (" " + releases_text if releases_text else "")
            )
        rows.append(
            {
                "country_code": r["country_code"],
                "country": ds.names.get(r["country_code"], r["country_code"]),
                "indicator_id": indicator.id,
                "year": year,
                "essay": describe(ds, r),
                "record": record_text,
                "record_source": source,
                "relative_gap": gap,
                "verdict": verdict,
                "robustness": robustness,
                "explanation": explanation,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def inconsistencies(report: pd.DataFrame) -> int:
    """How many distinct inconsistencies a consistency report shows. A stated figure and the same quantity derived from
    the essay's other figures disagree from both sides at once (Tajikistan's GDP per capita against GDP ÷ population, and
    its population against GDP ÷ GDP per capita, are one contradiction): those rows for one country and year count once."""
    bad = report[report["status"] == DISAGREES]
    ratio = bad["check"].astype(str).str.startswith("stated ")
    triples = bad.loc[ratio, ["country_code", "year"]].drop_duplicates()
    return len(triples) + int((~ratio).sum())
