"""Each chart page's finding: one computed sentence, shown above the chart, that says what the chart shows.

Pure functions of a view's own frames. A comparison is as firm as its inputs: a ratio of figures with bounds is a
range ("between 3.1 and 4.6 times"), one with an open bound says "at least", and a ratio rounded or taken of an
"about" figure says "about".
"""

from __future__ import annotations

import math

import pandas as pd

from indicators.analysis.numbers import float_or_none

#: Significant figures of a ratio in a sentence: inputs stated to two or three figures allow no more.
RATIO_FIGURES = 2


def _bounds(row: pd.Series) -> tuple[float, float]:
    """The interval a figure allows: its bounds, 0 below a "less than", no ceiling above a "more than"."""
    value = float_or_none(row.get("x"))
    lower, upper = float_or_none(row.get("x_lower")), float_or_none(row.get("x_upper"))
    qualifier = row.get("qualifier")
    lo = lower if lower is not None else (0.0 if qualifier == "lt" else value)
    hi = upper if upper is not None else (math.inf if qualifier == "gt" else value)
    return (lo if lo is not None else math.nan, hi if hi is not None else math.nan)


def _round(x: float, direction: str = "nearest") -> float:
    """``x`` to :data:`RATIO_FIGURES` significant figures, rounded down or up for a bound (never overstated)."""
    if x <= 0 or not math.isfinite(x):
        return x
    step = 10 ** (math.floor(math.log10(x)) - RATIO_FIGURES + 1)
    how = {"down": math.floor, "up": math.ceil}.get(direction, round)
    return float(how(x / step) * step)


def number(x: float) -> str:
    """A rounded ratio as people read it: 1,100 or 4.6."""
    return f"{x:,.0f}" if x >= 100 else f"{x:g}"


def ratio_phrase(big: pd.Series, small: pd.Series) -> str | None:
    """How many times ``big`` is ``small``, as firm as their qualifiers allow (None when it cannot be said)."""
    big_lo, big_hi = _bounds(big)
    small_lo, small_hi = _bounds(small)
    if any(math.isnan(v) for v in (big_lo, big_hi, small_lo, small_hi)) or small_hi <= 0:
        return None
    low = big_lo / small_hi
    high = big_hi / small_lo if small_lo > 0 else math.inf
    if not math.isfinite(high):
        return f"at least {number(_round(low, 'down'))} times"
    if low == 0:
        return f"less than {number(_round(high, 'up'))} times"
    if low != high:
        return f"between {number(_round(low, 'down'))} and {number(_round(high, 'up'))} times"
    rounded = _round(low)
    exact = rounded == low and "approx" not in (big.get("qualifier"), small.get("qualifier"))
    return f"{'' if exact else 'about '}{number(rounded)} times"


def _named(row: pd.Series, name: str, with_year: bool) -> str:
    year = f" in {int(row['year'])}" if with_year else ""
    return f"{row[name]}, {row['label']}{year}"


def extremes(
    frame: pd.DataFrame, name: str, what: str, heading: str, words: tuple[str, str, str] = ("largest", "smallest", "large")
) -> str:
    """``heading``: the largest and the smallest of ``frame``'s figures (column ``x``), named by column ``name``,
    and how many times one is the other. ``what``: what the rows are ("members"); ``words``: the comparison's."""
    shown = frame[pd.to_numeric(frame["x"], errors="coerce").notna()]
    if shown.empty:
        return f"No {what} shown has a figure."
    ordered = shown.assign(_x=pd.to_numeric(shown["x"])).sort_values("_x", ascending=False, kind="stable")
    big, small = ordered.iloc[0], ordered.iloc[-1]
    years = {int(y) for y in pd.to_numeric(ordered["year"], errors="coerce").dropna()}
    with_year = len(years) > 1
    if len(ordered) == 1:
        return f"{heading}: of the {what} shown only {_named(big, name, with_year)} has a figure."
    most, least, adjective = words
    text = f"{heading}: {most} {_named(big, name, with_year)}; {least} {_named(small, name, with_year)}"
    ratio = ratio_phrase(big, small)
    return text + (f": {ratio} as {adjective}." if ratio else ".")


def change_since(lines: pd.DataFrame, since: int, what: str) -> str:
    """How the record's ``value`` changed from ``since`` to the latest year every country shown has."""
    if lines.empty:
        return f"The record has no {what} for the countries shown."
    end = int(lines.groupby("country")["year"].max().min())
    start = lines[lines["year"] == since].set_index("country")["value"]
    last = lines[lines["year"] == end].set_index("country")["value"]
    factors = (last / start).dropna()
    factors = factors[(start.reindex(factors.index) > 0)].sort_values(ascending=False)
    if factors.empty or end <= since:
        return f"The record has no {what} for both {since} and a later year for the countries shown."
    times = {str(country): f"×{number(_round(float(f)))}" for country, f in factors.items()}
    head = f"{what} in the record, {since} (the essay's figures) to {end}:"
    if len(times) == 1:
        [(country, factor)] = times.items()
        return f"{head} {factor} for {country}."
    ranked = list(times.items())
    (top, most), (bottom, least) = ranked[0], ranked[-1]
    return f"{head} from {least} ({bottom}) to {most} ({top}) across the {len(times)} countries shown."
