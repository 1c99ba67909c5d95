"""Derived figures, computed from stated ones with their bounds carried along.

Every function returns rows shaped like ``observations.csv`` plus ``derived`` (True), ``formula`` (the arithmetic
with the numbers used) and ``inputs`` (the source and locator of every input), so a derived number is as traceable
as a stated one. Bounds propagate by interval arithmetic over positive quantities: "less than X" is (0, X), "more
than X" is (X, ∞), a range is [lower, upper]. "About X" is the point X with a flag; where it enters a derived figure
it has the width :data:`ABOUT` on each side, so a bound derived from it is no firmer than its input ("about US$24.4
billion" over "less than 15 million" people is more than US$1,464 a head, not more than US$1,627).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from indicators.contract.registry import Indicator
from indicators.load.dataset import Dataset
from indicators.outputs.formatting import format_figure
from indicators.schemas import Observations

#: The width of "about", each side, relative: one part in ten. The essay rounds to one or two significant figures
#: and qualifies many with "about"; one part in ten is the most such rounding can explain (5 million stated for
#: 4.5-5.5 million). The verdicts (``consistency.TOLERANCE``, the record's "about") and the derived bounds use it.
ABOUT = 0.10

#: A derived row: the observations contract, plus whether it is derived, its formula and its inputs.
DERIVED_COLUMNS = [*Observations.to_schema().columns, "derived", "formula", "inputs"]


@dataclass(frozen=True)
class Interval:
    """A positive quantity known to lie in [lo, hi]; ``approx`` marks an "about" figure."""

    value: float
    lo: float
    hi: float
    approx: bool = False

    @classmethod
    def of(cls, value: float, qualifier: str, lower: float | None = None, upper: float | None = None) -> Interval:
        if qualifier in ("exact", "approx"):
            return cls(value, value, value, qualifier == "approx")
        if qualifier == "lt":
            return cls(value, 0.0, value)
        if qualifier == "gt":
            return cls(value, value, math.inf)
        if qualifier == "range":
            if lower is None or upper is None:
                raise ValueError("a range needs both lower and upper")
            return cls(value, float(lower), float(upper))
        raise ValueError(f"unknown qualifier {qualifier!r}")

    @classmethod
    def from_row(cls, row: pd.Series | Mapping[str, Any]) -> Interval:
        return cls.of(float(row["value"]), str(row["qualifier"]), *bounds(row))

    def __truediv__(self, other: Interval) -> Interval:
        lo = self.lo / other.hi if other.hi not in (0.0, math.inf) else 0.0
        hi = self.hi / other.lo if other.lo > 0 else math.inf
        return Interval(self.value / other.value, lo, hi, self.approx or other.approx)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.value + other.value, self.lo + other.lo, self.hi + other.hi, self.approx or other.approx)

    def widened(self, about: float) -> Interval:
        """An "about" figure as the interval value × (1 ± ``about``); any other figure unchanged."""
        if not self.approx or self.lo != self.hi:
            return self
        return Interval(self.value, self.value * (1 - about), self.value * (1 + about), True)

    def gap(self, other: Interval) -> float:
        """How far ``other`` lies outside this interval, relative to the bound it passes: 0 where they overlap."""
        if other.hi < self.lo:
            return (self.lo - other.hi) / self.lo
        if other.lo > self.hi:
            return (other.lo - self.hi) / self.hi if self.hi > 0 else math.inf
        return 0.0

    def scale(self, factor: float) -> Interval:
        return Interval(self.value * factor, self.lo * factor, self.hi * factor, self.approx)

    @property
    def qualifier(self) -> str | None:
        """The qualifier this interval is written with; None when nothing is known."""
        if self.lo == self.hi:
            return "approx" if self.approx else "exact"
        if self.lo <= 0 and math.isinf(self.hi):
            return None
        if self.lo <= 0:
            return "lt"
        if math.isinf(self.hi):
            return "gt"
        return "range"

    def as_columns(self) -> dict[str, float | str | None]:
        """value/qualifier/lower/upper in the observations contract."""
        q = self.qualifier
        value = {"lt": self.hi, "range": (self.lo + self.hi) / 2}.get(q, self.lo) if q else None
        lower = self.lo if q in ("gt", "range") else None
        return {"value": value, "qualifier": q, "lower": lower, "upper": self.hi if q in ("lt", "range") else None}


def bounds(row: pd.Series | Mapping[str, Any]) -> tuple[float | None, float | None]:
    lower, upper = (None if pd.isna(row[c]) else float(row[c]) for c in ("lower", "upper"))
    return lower, upper


def describe(ds: Dataset, row: pd.Series | Mapping[str, Any]) -> str:
    """A stated or derived row as text with its unit and qualifier."""
    return format_figure(row["value"], row["qualifier"], ds.indicator(row["indicator_id"]), row["lower"], row["upper"])


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts: walking them costs a fraction of ``iterrows()``, which builds a Series per row."""
    return [{str(k): v for k, v in record.items()} for record in frame.to_dict("records")]


def _provenance(row: pd.Series | Mapping[str, Any]) -> str:
    return f"{row['source_id']} ({row['locator']})"


def ratio(
    ds: Dataset, numerator: str, denominator: str, out_id: str, name: str, factor: float = 1.0, about: float = ABOUT
) -> pd.DataFrame:
    """``out = numerator / denominator × factor`` for every country and year that has both. An "about" input counts as
    value × (1 ± ``about``), so the bounds carry its width; a column ``nominal`` keeps the result at the stated points
    (before "about" has its width), as text."""
    obs = ds.observations
    sides = [obs[obs["indicator_id"] == indicator].reset_index(drop=True) for indicator in (numerator, denominator)]
    keys = ["country_code", "year"]
    pairs = sides[0][keys].reset_index().merge(sides[1][keys].reset_index(), on=keys, suffixes=("_n", "_d"))
    # The pairs' rows as dicts, by position: a Series built per pair was most of the cost on large tables.
    num, den = (records(side) for side in sides)
    rows = []
    for i, j in zip(pairs["index_n"], pairs["index_d"], strict=True):
        n, d = num[i], den[j]
        below = Interval.from_row(d)
        if below.value == 0:
            continue  # no ratio to a stated zero
        point = (Interval.from_row(n) / below).scale(factor)
        result = (Interval.from_row(n).widened(about) / below.widened(about)).scale(factor)
        cols = result.as_columns()
        if cols["qualifier"] is None:
            continue
        if cols["qualifier"] == "range":
            cols["value"] = result.value  # the ratio of the stated figures, not the middle of the widened bounds
        nominal_text = None
        if out_id in ds.registry and point.qualifier is not None:
            nominal_text = describe(ds, point.as_columns() | {"indicator_id": out_id})
            if point.approx and point.qualifier == "range":
                nominal_text = "about " + nominal_text
        times = f" × {factor:g}" if factor != 1 else ""
        rows.append(
            {
                "country_code": n["country_code"],
                "indicator_id": out_id,
                "year": int(n["year"]),
                **cols,
                "kind": "projection" if "projection" in (n["kind"], d["kind"]) else "reported",
                "source_id": "+".join(sorted({n["source_id"], d["source_id"]})),
                "note": None,
                "formula": f"{name} = {describe(ds, n)} / {describe(ds, d)}{times}",
                "inputs": "; ".join([_provenance(n), _provenance(d)]),
                "nominal": nominal_text,
            }
        )
    return pd.DataFrame(rows, columns=[*DERIVED_COLUMNS, "nominal"]).assign(locator="derived", evidence=None, derived=True)


def derive(ds: Dataset, indicator: Indicator, about: float = ABOUT) -> pd.DataFrame:
    """Every figure of a ratio indicator that its inputs give, as its row in indicators.csv describes it."""
    if not indicator.is_ratio or indicator.numerator is None or indicator.denominator is None:
        return pd.DataFrame(columns=DERIVED_COLUMNS)
    return ratio(ds, indicator.numerator, indicator.denominator, indicator.id, indicator.title, indicator.factor, about)


def implied_population(ds: Dataset, about: float = ABOUT) -> pd.DataFrame:
    """Population implied by the essay's GDP and GDP per capita: GDP / GDP per capita."""
    return ratio(ds, "gdp_usd", "gdp_per_capita_usd", "population", "implied population", about=about)


def members_share(ds: Dataset, frame: pd.DataFrame, members: Sequence[str]) -> pd.DataFrame:
    """Each member's share of the total over exactly ``members``; ``frame`` holds one row per country for one indicator
    and year. The share of member i lies between lo_i / (lo_i + Σ hi_j) and hi_i / (hi_i + Σ lo_j) over the others j."""
    frame = frame[frame["country_code"].isin(members) & frame["value"].notna()]
    spans = {r["country_code"]: Interval.from_row(r) for _, r in frame.iterrows()}
    parts = " + ".join(describe(ds, f) for _, f in frame.iterrows())
    inputs = "; ".join(sorted({_provenance(f) for _, f in frame.iterrows()}))
    names = ", ".join(ds.names.get(c, c) for c in spans)
    rows = []
    for _, r in frame.iterrows():
        me = spans[r["country_code"]]
        rest = sum((spans[c] for c in spans if c != r["country_code"]), Interval(0.0, 0.0, 0.0))
        lo = me.lo / (me.lo + rest.hi) if me.lo > 0 and not math.isinf(rest.hi) else 0.0
        hi = me.hi / (me.hi + rest.lo) if not math.isinf(me.hi) else 1.0
        point = me.value / (me.value + rest.value)
        approx = me.approx or rest.approx
        share = Interval(point, point, point, approx) if abs(hi - lo) < 1e-12 else Interval(point, lo, hi, approx)
        rows.append(
            {
                "country_code": r["country_code"],
                "indicator_id": "members_share",
                "year": int(r["year"]),
                **share.as_columns(),
                "kind": r["kind"],
                "source_id": r["source_id"],
                "note": f"Share of the total over {len(spans)} members: {names}.",
                "formula": f"share = {describe(ds, r)} / ({parts})",
                "inputs": inputs,
            }
        )
    return pd.DataFrame(rows, columns=DERIVED_COLUMNS).assign(locator="derived", evidence=None, derived=True)


def growth_rate(start: float, end: float, years: int) -> float:
    """Compound yearly growth rate: (end / start) ** (1 / years) - 1."""
    return float((end / start) ** (1.0 / years) - 1.0)
