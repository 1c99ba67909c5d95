"""The record's releases: which release a comparison reads, and whether its verdict holds in every release.

``vintages.csv`` holds every value the World Bank GDP and population series took across the datahub.io releases of
2012-2026 (one row per run of equal values). A verdict computed for each value can differ: then the finding depends on
the release, and both are said with their values.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from indicators.load.dataset import Dataset
from indicators.outputs.citations import publisher_name
from indicators.outputs.formatting import format_figure

HOLDS = "holds in every release"
DEPENDS = "depends on the release"
ONE_RELEASE = "one release read"


@dataclass(frozen=True)
class Release:
    """One value a series took, and the first and last release dates at which it stood."""

    value: float
    first: str
    last: str


def releases(ds: Dataset, country: str, indicator_id: str, year: int) -> list[Release]:
    """Every value the record's series took for (country, indicator, year), oldest first; empty when not tracked."""
    v = ds.vintages
    rows = v[(v["country_code"] == country) & (v["indicator_id"] == indicator_id) & (v["year"] == year)]
    ordered = rows.sort_values("first_date")
    return [
        Release(float(v), str(a), str(b))
        for v, a, b in zip(ordered["value"], ordered["first_date"], ordered["last_date"], strict=True)
    ]


def release_label(ds: Dataset, found: pd.Series, detail: str = "") -> str:
    """Who publishes a row of the record and which release of it is read, in words ('World Bank via datahub.io
    core/gdp, release of 2026-03 (datahub_gdp_822019c)'); ``detail`` follows the publisher's name."""
    source_id = str(found["source_id"])
    runs = releases(ds, str(found["country_code"]), str(found["indicator_id"]), int(found["year"]))
    # The record's source_id is defined in sources.csv: the loader checks every reference between tables.
    source = ds.sources.set_index("source_id").loc[source_id]
    # Without a release history: the date the citation gives (EIA: "data retrieved 2026-03-28"), else its year.
    dated = re.search(r"\d{4}-\d{2}", str(source["citation"]))
    when = max(r.last for r in runs)[:7] if runs else dated.group(0) if dated else str(source["year"])
    return f"{publisher_name(ds, source_id)}{detail}, release of {when} ({source_id})"


def _span(runs: list[Release]) -> str:
    first, last = runs[0].first[:4], max(r.last for r in runs)[:4]
    return f"the releases of {first}" + ("" if first == last else f"–{last}")


def across_releases(
    ds: Dataset, country: str, indicator_id: str, year: int, judged: Callable[[float], tuple[str, float, str]]
) -> tuple[str, str]:
    """(robustness, sentence): the verdict ``judged`` gives (first) each value the series took, grouped where it stays
    the same; the sentence names each group's releases and values."""
    runs = releases(ds, country, indicator_id, year)
    if not runs:
        return ONE_RELEASE, ""
    unit = ds.indicator(indicator_id)
    groups = [(verdict, list(group)) for verdict, group in itertools.groupby(runs, key=lambda run: judged(run.value)[0])]

    def values(group: list[Release]) -> str:
        low, high = (format_figure(x, "exact", unit) for x in (min(r.value for r in group), max(r.value for r in group)))
        return low if low == high else f"{low} to {high}"

    if len({verdict for verdict, _ in groups}) == 1:
        return HOLDS, f"The same verdict in every release read ({_span(runs)}; {values(runs)})."
    parts = [f"{verdict} in {_span(group)} ({values(group)})" for verdict, group in groups]
    return DEPENDS, "Depends on the release: " + "; ".join(parts) + "."
