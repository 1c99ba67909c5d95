"""Where the essay disagrees with itself, or with the reference record.

Each check compares a stated figure with one derived from other stated figures (or a part with its whole) and
reports both, with their provenance. Rows are matched through dictionaries built in one pass over each table, never
by filtering a table once per row, so the time grows with the tables plus the comparisons reported.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from typing import Any

import pandas as pd

from indicators.analysis.countries import members_of
from indicators.analysis.derive import ABOUT, Interval, derive, describe, implied_population, records
from indicators.analysis.releases import HOLDS
from indicators.contract.registry import KILOMETRES
from indicators.load.dataset import Dataset
from indicators.outputs.formatting import format_figure

#: The width of "about" (defined once, in :mod:`indicators.analysis.derive`): the gap tolerated between a stated figure
#: and the same quantity derived from other stated figures, and the width derived bounds give an "about" input.
TOLERANCE = ABOUT

REPORT_COLUMNS = [
    "check",
    "country_code",
    "indicator_id",
    "year",
    "stated",
    "stated_from",
    "compared_with",
    "compared_from",
    "relative_gap",
    "status",
    "robustness",
    "explanation",
]


Row = dict[str, Any]


def _cited(row: Row | pd.Series) -> str:
    return f'{row["source_id"]} ({row["locator"]}): "{row["evidence"]}"'


def _rows_by(
    frame: pd.DataFrame, columns: list[str], wanted: Iterable[tuple[Hashable, ...]]
) -> dict[tuple[Hashable, ...], list[Row]]:
    """The rows of ``frame`` (as dicts) whose values in ``columns`` are one of ``wanted``, grouped by those values, in frame order."""
    keys = set(wanted)
    hit = [key in keys for key in zip(*(frame[c].tolist() for c in columns), strict=True)]
    out: dict[tuple[Hashable, ...], list[Row]] = {}
    # Not groupby: a frame built per group costs seconds where there are tens of thousands of them.
    for row in records(frame.loc[hit]):
        out.setdefault(tuple(row[c] for c in columns), []).append(row)
    return out


def stated_vs_derived(ds: Dataset) -> list[dict[str, object]]:
    """Each derived figure that the essay also states directly."""
    out: list[dict[str, object]] = []
    # The check's own tolerance stands for "about" here: derived at their stated points, not widened twice.
    derived = pd.concat(
        [implied_population(ds, about=0.0), derive(ds, ds.indicator("gdp_per_capita_usd"), about=0.0)], ignore_index=True
    )
    key = ["country_code", "indicator_id", "year"]
    stated_rows = _rows_by(ds.observations, key, zip(*(derived[c].tolist() for c in key), strict=True))
    for d in records(derived):
        for s in stated_rows.get((d["country_code"], d["indicator_id"], d["year"]), []):
            a, b = Interval.from_row(s), Interval.from_row(d)
            gap = a.gap(b)
            # A stated figure of zero: no relative direction (rather than a division by zero).
            direction = (b.value - a.value) / a.value if a.value else math.inf
            out.append(
                {
                    "check": f"stated {d['indicator_id']} vs {d['formula'].split(' = ')[0]}",
                    "country_code": d["country_code"],
                    "indicator_id": d["indicator_id"],
                    "year": int(d["year"]),
                    "stated": describe(ds, s),
                    "stated_from": _cited(s),
                    "compared_with": f"{format_figure(d['value'], 'exact', ds.indicator(d['indicator_id']))} = {d['formula'].split(' = ', 1)[1]}",
                    "compared_from": d["inputs"],
                    "relative_gap": gap,
                    "status": "agrees" if gap <= TOLERANCE else "disagrees",
                    "explanation": f"derived figure is {direction:+.1%} from the stated one (tolerance ±{TOLERANCE:.0%})",
                }
            )
    return out


def _border_sets(ds: Dataset) -> list[tuple[str, frozenset[str], pd.Series]]:
    """Every border row as (country, set of neighbouring countries, row), both ways round."""
    groups = {code for code in ds.borders["neighbour_code"] if code.startswith("G_")}
    members = {code: frozenset(members_of(ds.countries, code)) for code in groups}
    out = []
    for _, b in ds.borders.iterrows():
        a, n = b["country_code"], b["neighbour_code"]
        if n.startswith("G_"):
            out.append((a, members[n] - {a}, b))
        else:
            out.append((a, frozenset({n}), b))
            out.append((n, frozenset({a}), b))
    return out


def _part_whole_pairs(sets: list[tuple[str, frozenset[str], pd.Series]]) -> list[tuple[int, int]]:
    """(i, j) for every pair where ``sets[i]``'s neighbours are a strict subset of ``sets[j]``'s, for the same country,
    in nested-loop order, found through an index of the sets holding each (country, neighbour): time grows with pairs."""
    holding: dict[tuple[str, str], list[int]] = {}
    by_country: dict[str, list[int]] = {}
    for j, (country, whole, _) in enumerate(sets):
        by_country.setdefault(country, []).append(j)
        for neighbour in whole:
            holding.setdefault((country, neighbour), []).append(j)
    pairs: list[tuple[int, int]] = []
    for i, (country, part, _) in enumerate(sets):
        # Every whole holding all of the part holds its rarest neighbour: look only there. (An empty part,
        # from a group of one, is a subset of every non-empty whole.)
        candidates = min((holding[country, n] for n in part), key=len) if part else by_country[country]
        pairs.extend((i, j) for j in sorted(set(candidates)) if part < sets[j][1])
    return pairs


def border_parts(ds: Dataset) -> list[dict[str, object]]:
    """A border with some neighbours cannot be longer than the border with a group holding them."""
    out: list[dict[str, object]] = []
    sets = _border_sets(ds)
    names = ds.names
    for i, j in _part_whole_pairs(sets):
        country, part, prow = sets[i]
        wrow = sets[j][2]
        p, w = (Interval.of(row["length_km"], row["qualifier"], row["lower"], row["upper"]) for row in (prow, wrow))
        gap = (p.lo - w.hi) / w.hi if p.lo > w.hi else 0.0
        part_name = ", ".join(sorted(names[c] for c in part))
        out.append(
            {
                "check": "border with part of a group ≤ border with the whole group",
                "country_code": country,
                "indicator_id": "length_km",
                "year": int(wrow["year"]),
                "stated": f"{names[country]}–{names[wrow['neighbour_code']]}: "
                + format_figure(w.value, wrow["qualifier"], KILOMETRES, wrow["lower"], wrow["upper"]),
                "stated_from": _cited(wrow),
                "compared_with": f"{names[country]}–{part_name}: "
                + format_figure(p.value, prow["qualifier"], KILOMETRES, prow["lower"], prow["upper"]),
                "compared_from": _cited(prow),
                "relative_gap": gap,
                # A part longer than its whole is a contradiction however the figures were rounded:
                # the rounding tolerance does not apply to this check.
                "status": "agrees" if gap == 0 else "disagrees",
                "explanation": "the part's lower bound does not exceed the whole's upper bound"
                if gap == 0
                else "the part is longer than the whole",
            }
        )
    return out


def relation_checks(ds: Dataset) -> list[dict[str, object]]:
    """Comparisons the essay makes in words, tested against its own figures where it gives both."""
    out: list[dict[str, object]] = []
    names = ds.names
    relations = ds.relations[ds.relations["relation"] == "less_than"]
    pairs = list(zip(relations["subject_code"], relations["object_code"], relations["quantity"], strict=True))
    subjects = _rows_by(ds.observations, ["country_code", "indicator_id"], [(s, q) for s, _, q in pairs])
    # The object's figures only in the years the subject has one.
    years = [(o, q, a["year"]) for s, o, q in pairs for a in subjects.get((s, q), [])]
    objects = _rows_by(ds.observations, ["country_code", "indicator_id", "year"], years)
    for _, rel in relations.iterrows():
        for ra in subjects.get((rel["subject_code"], rel["quantity"]), []):
            for rb in objects.get((rel["object_code"], rel["quantity"], ra["year"]), []):
                ia, ib = Interval.from_row(ra), Interval.from_row(rb)
                ok = ia.lo < ib.hi
                out.append(
                    {
                        "check": "relation stated in words",
                        "country_code": rel["subject_code"],
                        "indicator_id": rel["quantity"],
                        "year": int(ra["year"]),
                        "stated": f"{names[rel['subject_code']]} {describe(ds, ra)} < {names[rel['object_code']]} {describe(ds, rb)}",
                        "stated_from": f"{ra['source_id']} ({ra['locator']}); {rb['source_id']} ({rb['locator']})",
                        "compared_with": rel["statement"],
                        "compared_from": f"{rel['relation_id']} ({rel['locator']})",
                        "relative_gap": 0.0 if ok else math.inf,
                        "status": "agrees" if ok else "disagrees",
                        "explanation": "the stated figures bear out the comparison"
                        if ok
                        else "the stated figures contradict the comparison",
                    }
                )
    return out


def consistency_report(ds: Dataset) -> pd.DataFrame:
    """All internal checks, disagreements first."""
    rows = stated_vs_derived(ds) + border_parts(ds) + relation_checks(ds)
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    # The essay against its own figures: no record figure, so no release can change a verdict.
    frame["robustness"] = pd.Series(f"{HOLDS} (no record figure involved)", index=frame.index, dtype=object)
    by_status = frame.sort_values(["status", "check", "country_code"], ascending=[False, True, True], kind="stable")
    return by_status.reset_index(drop=True)  # "disagrees" sorts after "agrees": descending puts it first
