"""The claims scorecard: every checkable claim of the essay (``claims.csv``) set against the record or the essay's
own figures, with a verdict computed here and how robust it is across releases and documented alternatives.

A claim's row names its test; each test is one function below. Verdicts are never stored in the data.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from functools import partial

import pandas as pd

import indicators.analysis.record as record
from indicators.analysis.consistency import TOLERANCE, consistency_report
from indicators.analysis.countries import members_of, neighbours
from indicators.analysis.derive import describe
from indicators.analysis.releases import DEPENDS, HOLDS, ONE_RELEASE, release_label, releases
from indicators.load.dataset import Dataset
from indicators.outputs.formatting import format_figure

HOLDS_UP, FAILS, PARTLY, NOT_COMPARABLE, UNTESTED = "holds", "does not hold", "partly", "different definition", "no record"
#: Robustness of a claim that no release or assumption enters.
FIXED = "no release or assumption involved"

COLUMNS = ["claim_id", "claim", "evidence", "locator", "essay", "record", "release", "verdict", "robustness", "explanation"]

MAP_RELEASE = "Natural Earth v4.0.0, de facto boundaries (data/geo)"
MEMBERSHIP_RELEASE = "membership.csv (news reports of each summit)"

Result = dict[str, str]


def _short(verdict: str) -> str:
    """A record verdict (agrees, inside the stated bounds, …) as the scorecard says it."""
    if verdict in (record.AGREES, record.INSIDE, record.MATCHES):
        return HOLDS_UP
    return NOT_COMPARABLE if verdict == record.DIFFERENT_DEFINITION else FAILS


def _release(ds: Dataset, country: str, indicator_id: str, year: int) -> str:
    """Who publishes the record's series, and which release of it is read."""
    row = record.record_row(ds, country, indicator_id, year)
    return "" if row is None else release_label(ds, row)


def _record(ds: Dataset, country: str, indicator_id: str, year: int) -> tuple[float, list[float]]:
    """The record's value in the release read (NaN where it has none), and every value it took across the releases
    read (the current one alone where none are tracked; none where it has none)."""
    row = record.record_row(ds, country, indicator_id, year)
    current = math.nan if row is None else float(row["value"])
    values = [r.value for r in releases(ds, country, indicator_id, year)]
    return current, values or ([] if row is None else [current])


def _same_figure(frame: pd.DataFrame, claim: pd.Series) -> pd.DataFrame:
    same = (frame["country_code"] == claim["subject_code"]) & (frame["indicator_id"] == claim["indicator_id"])
    rows: pd.DataFrame = frame[same & (frame["year"] == claim["year"])]
    return rows


def _oil(ds: Dataset, figure: pd.Series) -> Result:
    """China's oil imports against crude imports, gross and net, at every sourced factor (and, for the present-tense
    figure, in each reading of its year)."""
    judged = record.judge_figure(ds, figure)
    years = [int(figure["year"])]
    if pd.notna(figure["year_assumption"]):
        chosen = ds.assumptions.set_index("assumption_id").loc[figure["year_assumption"]]
        years = [int(chosen["chosen"]), *(int(y) for y in str(chosen["alternatives"]).split(";"))]
    outcomes: dict[str, list[str]] = {}
    values: list[float] = []
    crude = (record.CRUDE_IMPORTS, record.CRUDE_NET_IMPORTS)
    for year, series, factor in itertools.product(years, crude, record.BARRELS_PER_TONNE_SOURCES):
        kbd = _record(ds, str(figure["country_code"]), series, year)[0]
        if math.isnan(kbd):
            continue
        mt = record.kbd_to_mt(kbd, factor)
        verdict = _short(judged(mt)[0])
        label = f"{'gross' if series == record.CRUDE_IMPORTS else 'net'} crude, {year}"
        outcomes.setdefault(label, []).append(verdict)
        if year == years[0] and series == record.CRUDE_IMPORTS:
            values.append(mt)
    if not values:
        return {"verdict": UNTESTED, "explanation": "The record has no crude-import figure for that year."}
    main = outcomes[f"gross crude, {years[0]}"]
    verdict = main[0] if len(set(main)) == 1 else PARTLY
    by_reading = "; ".join(f"{label}: {'/'.join(sorted(set(v)))}" for label, v in outcomes.items())
    every = {v for vs in outcomes.values() for v in vs}
    factors = "–".join(f"{f:g}" for f in sorted(record.BARRELS_PER_TONNE_SOURCES))
    return {
        "record": f"{min(values):,.1f}–{max(values):,.1f} Mt of crude imports in {years[0]} (at {factors} barrels a tonne)",
        "release": _release(ds, str(figure["country_code"]), record.CRUDE_IMPORTS, years[0]) + ", crude only",
        "verdict": verdict,
        "robustness": "holds in every reading" if len(every) == 1 else "depends on the reading",
        "explanation": f"By reading of the record: {by_reading}. Crude only; the essay says oil.",
    }


def _per_capita(ds: Dataset, claim: pd.Series, figure: pd.Series) -> Result:
    """GDP per head against the record's GDP ÷ population, over every pair of their releases."""
    country, year = str(claim["subject_code"]), int(claim["year"])
    (gdp, gdps), (population, pops) = (_record(ds, country, series, year) for series in ("gdp_usd", "population"))
    if not gdps or not pops:
        return {"verdict": UNTESTED, "explanation": "The record lacks GDP or population for that year."}
    judged = record.judge_figure(ds, figure)
    ratios = [g / p for g, p in itertools.product(gdps, pops)]
    current = (gdp or math.nan) / (population or math.nan)
    verdict, _, why = judged(current)
    every = {_short(judged(r)[0]) for r in ratios}
    return {
        "record": f"US${current:,.0f} = World Bank GDP ÷ World Bank population, {year} (US${min(ratios):,.0f}–{max(ratios):,.0f} over every release)",
        "release": f"{_release(ds, country, 'gdp_usd', year)}; {_release(ds, country, 'population', year)}",
        "verdict": _short(verdict),
        "robustness": DEPENDS if len(every) > 1 else HOLDS,
        "explanation": why[0].upper() + why[1:] + f". Every pair of GDP and population releases of 2012–2026 gives "
        f"US${min(ratios):,.0f}–{max(ratios):,.0f}.",
    }


def check_figure(ds: Dataset, claim: pd.Series) -> Result:
    figures = _same_figure(ds.observations, claim)
    if figures.empty:
        return {"verdict": UNTESTED, "explanation": "No stated figure in observations.csv for this claim."}
    figure = figures.iloc[0]
    out: Result = {"essay": describe(ds, figure)}
    if claim["indicator_id"] == record.OIL_IMPORTS:
        return out | _oil(ds, figure)
    if claim["indicator_id"] == "gdp_per_capita_usd":
        return out | _per_capita(ds, claim, figure)
    row = _same_figure(record.essay_vs_record(ds), claim)
    if row.empty:
        return out | {"verdict": UNTESTED, "explanation": "The reference files hold no series for this figure."}
    r = row.iloc[0]
    return out | {
        "record": f"{r['record']} ({int(r['year'])})",
        "release": str(r["record_source"]),
        "verdict": _short(str(r["verdict"])),
        "robustness": str(r["robustness"]),
        "explanation": str(r["explanation"]),
    }


def _about(a: float, b: float) -> tuple[str, str]:
    """The subject is about as large as the group together: within the tolerance of "about"."""
    gap = (a - b) / b
    return (HOLDS_UP if abs(gap) <= TOLERANCE else FAILS), f"{gap:+.1%} from the rest together; 'about' allows ±{TOLERANCE:.0%}."


def _fewer(a: float, b: float) -> tuple[str, str]:
    return (HOLDS_UP if a < b else FAILS), f"The record counts both alike: {a:,.0f} against {b:,.0f}."


def _against_group(judge_values: Callable[[float, float], tuple[str, str]], ds: Dataset, claim: pd.Series) -> Result:
    """A claim about the subject against the sum of a group, judged (``judge_values``: verdict and why) on the current
    release and on the lowest and highest values every member took across releases."""
    indicator, year = str(claim["indicator_id"]), int(claim["year"])
    subject = str(claim["subject_code"])
    release = _release(ds, subject, indicator, year)
    others = members_of(ds.countries, str(claim["object_code"]))
    now, mine = _record(ds, subject, indicator, year)
    current, theirs = zip(*(_record(ds, c, indicator, year) for c in others), strict=True)
    if not mine or any(not v for v in theirs):
        return {
            "release": release,
            "verdict": UNTESTED,
            "robustness": ONE_RELEASE,
            "explanation": "The record lacks a figure for one of the countries.",
        }
    rest = sum(current)
    verdict, why = judge_values(now, rest)
    extremes = [(a, b) for a in (min(mine), max(mine)) for b in (sum(min(v) for v in theirs), sum(max(v) for v in theirs))]
    every = {judge_values(a, b)[0] for a, b in extremes}
    unit = ds.indicator(indicator)
    names = ", ".join(ds.names.get(c, c) for c in others)
    compared = f"{format_figure(now, 'exact', unit)} against {format_figure(rest, 'exact', unit)} ({names}; {year})"
    robustness = DEPENDS if len(every) > 1 else HOLDS if releases(ds, subject, indicator, year) else ONE_RELEASE
    return {"record": compared, "release": release, "verdict": verdict, "robustness": robustness, "explanation": why}


def check_largest(ds: Dataset, claim: pd.Series) -> Result:
    if pd.isna(claim["indicator_id"]):
        return {"verdict": UNTESTED, "explanation": "The reference files hold no such series (no land areas)."}
    year, indicator = int(claim["year"]), str(claim["indicator_id"])
    members = members_of(ds.countries, str(claim["object_code"]))
    records = {c: _record(ds, c, indicator, year) for c in members}
    now = {c: current for c, (current, _) in records.items()}
    values = {c: taken for c, (_, taken) in records.items()}
    if any(not v for v in values.values()):
        return {"verdict": UNTESTED, "explanation": "The record lacks a figure for one of the members."}
    subject = str(claim["subject_code"])
    # Largest in every release: the subject's lowest value above every other member's highest.
    firm = min(values[subject]) > max(max(v) for c, v in values.items() if c != subject)
    top = max(now, key=lambda c: now[c])
    unit = ds.indicator(indicator)
    runner = max((c for c in members if c != subject), key=lambda c: now[c])
    return {
        "record": f"{ds.names[subject]} {format_figure(now[subject], 'exact', unit)}; next {ds.names[runner]} {format_figure(now[runner], 'exact', unit)} ({year})",
        "release": _release(ds, subject, indicator, year),
        "verdict": HOLDS_UP if top == subject else FAILS,
        "robustness": HOLDS if firm == (top == subject) else DEPENDS,
        "explanation": f"{ds.names[top]} is the largest of the {len(members)} members in the record.",
    }


def check_net_importer_since(ds: Dataset, claim: pd.Series) -> Result:
    ref = ds.reference
    net = (ref["country_code"] == claim["subject_code"]) & (ref["indicator_id"] == record.CRUDE_NET_IMPORTS)
    series = ref[net].sort_values("year")
    negative = series.loc[series["value"] <= 0, "year"]
    after = series[series["year"] > negative.max()] if not negative.empty else series
    if after.empty:
        return {"verdict": UNTESTED, "explanation": "The record never shows net crude imports."}
    first = int(after["year"].iloc[0])
    return {
        "essay": str(int(claim["year"])),
        "record": f"net crude importer every year from {first} (EIA crude imports minus exports)",
        "release": _release(ds, str(claim["subject_code"]), record.CRUDE_NET_IMPORTS, first),
        "verdict": NOT_COMPARABLE,
        "robustness": ONE_RELEASE,
        "explanation": f"Crude alone turns to net imports for good in {first}; the essay's {int(claim['year'])} may count "
        "refined products too, which these open files do not hold: neither confirmed nor refuted.",
    }


def check_internal(ds: Dataset, claim: pd.Series) -> Result:
    report = consistency_report(ds)
    rows = _same_figure(report[report["check"].str.startswith("stated ")], claim)
    if rows.empty:
        return {"verdict": UNTESTED, "explanation": "No check of the essay's own figures matches this claim."}
    r = rows.iloc[0]
    return {
        "essay": str(r["stated"]),
        "record": f"the essay's own figures: {r['compared_with']}",
        "release": "the essay only",
        "verdict": HOLDS_UP if r["status"] == "agrees" else FAILS,
        "robustness": FIXED,
        "explanation": str(r["explanation"]).capitalize() + ".",
    }


def check_member_count(ds: Dataset, claim: pd.Series) -> Result:
    year, stated = int(claim["year"]), len(members_of(ds.countries, str(claim["subject_code"])))
    now = ds.members_in(year)
    return {
        "essay": f"{stated} members",
        "record": f"{len(now)} members at the end of {year}",
        "release": MEMBERSHIP_RELEASE,
        "verdict": HOLDS_UP if len(now) == stated else FAILS,
        "robustness": FIXED,
        "explanation": ", ".join(ds.names.get(c, c) for c in now) + ".",
    }


def check_member_since(ds: Dataset, claim: pd.Series) -> Result:
    m = ds.membership
    rows = m[(m["country_code"] == claim["subject_code"]) & (m["status"] == "member")]
    if rows.empty:
        return {"verdict": FAILS, "release": MEMBERSHIP_RELEASE, "explanation": "The membership record has no member row."}
    first = rows.sort_values("year").iloc[0]
    when = str(first["date"]) if pd.notna(first["date"]) else str(int(first["year"]))
    return {
        "essay": str(int(claim["year"])),
        "record": f"member from {when}",
        "release": MEMBERSHIP_RELEASE,
        "verdict": HOLDS_UP if int(first["year"]) == int(claim["year"]) else FAILS,
        "robustness": FIXED,
        "explanation": str(first["note"]),
    }


def _borders(ds: Dataset, claim: pd.Series, expect: bool) -> Result:
    adjacent = neighbours(ds.data_dir)
    subject = str(claim["subject_code"])
    if subject not in adjacent:
        return {"verdict": UNTESTED, "explanation": "The map has no shape for this country."}
    others = members_of(ds.countries, str(claim["object_code"]))
    touching = [c for c in others if c in adjacent[subject]]
    apart = [c for c in others if c not in adjacent[subject]]
    hits = touching if expect else apart
    names = ", ".join(ds.names.get(c, c) for c in hits) or "none"
    misses = ", ".join(ds.names.get(c, c) for c in (apart if expect else touching))
    verdict = HOLDS_UP if len(hits) == len(others) else (PARTLY if hits else FAILS)
    what = "borders" if expect else "has no border with"
    return {
        "record": f"{ds.names.get(subject, subject)} {what}: {names}" + (f" (not: {misses})" if misses else ""),
        "release": MAP_RELEASE,
        "verdict": verdict,
        "robustness": FIXED,
        "explanation": "Whether a border exists, from the map's shared boundaries; the reference files hold no lengths.",
    }


#: The test each ``claims.csv`` value of ``test`` names.
TESTS: dict[str, Callable[[Dataset, pd.Series], Result]] = {
    "figure": check_figure,
    "about_sum": partial(_against_group, _about),
    "fewer": partial(_against_group, _fewer),
    "largest": check_largest,
    "net_importer_since": check_net_importer_since,
    "internal": check_internal,
    "member_count": check_member_count,
    "member_since": check_member_since,
    "no_common_border": partial(_borders, expect=False),
    "common_border": partial(_borders, expect=True),
}


def scorecard(ds: Dataset) -> pd.DataFrame:
    """One row per claim: what it says, its evidence, what the record says, the verdict and how robust it is."""
    rows = []
    for _, claim in ds.claims.iterrows():
        result = TESTS[str(claim["test"])](ds, claim)
        said = {column: claim[column] for column in COLUMNS[:4]}
        unsaid = dict.fromkeys(COLUMNS[4:], "") | {"robustness": ONE_RELEASE if result["verdict"] != UNTESTED else ""}
        rows.append(said | unsaid | result)
    return pd.DataFrame(rows, columns=COLUMNS)
