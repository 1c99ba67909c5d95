"""Numbers as people read them: with their unit and their qualifier."""

from __future__ import annotations

import math

import pandas as pd

#: How each qualifier is said before a number (a range is written lower–upper).
QUALIFIER_PREFIX = {"exact": "", "approx": "about ", "lt": "< ", "gt": "> ", "range": ""}

#: Human names of the qualifiers, for legends and tables.
QUALIFIER_LABELS = {
    "exact": "as stated",
    "approx": "about (approximate)",
    "lt": "less than (upper bound)",
    "gt": "more than (lower bound)",
    "range": "range (lower–upper)",
}


def _number(x: float, decimals: int, thousands: bool = True) -> str:
    text = f"{x:,.{decimals}f}" if thousands else f"{x:.{decimals}f}"
    if decimals and set(text.split(".")[-1]) == {"0"}:
        text = text.split(".")[0]
    return text


def scaled(x: float, meta: pd.Series | dict[str, object]) -> float:
    return float(x) / float(meta["scale"])  # type: ignore[arg-type]


def format_figure(
    value: float,
    qualifier: str,
    meta: pd.Series | dict[str, object],
    lower: float | None = None,
    upper: float | None = None,
) -> str:
    """``about 66,000``, ``< 15 million``, ``150–200 Mt``, ``> US$1,627``.

    ``meta`` is a row of ``indicators.csv`` (scale, decimals, display, short_unit).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not stated"
    decimals = int(str(meta["decimals"]))
    thousands = meta["short_unit"] != "year"
    pattern = str(meta["display"])
    if qualifier == "range" and lower is not None and upper is not None and not (pd.isna(lower) or pd.isna(upper)):
        number = f"{_number(scaled(lower, meta), decimals, thousands)}–{_number(scaled(upper, meta), decimals, thousands)}"
    else:
        number = _number(scaled(value, meta), decimals, thousands)
    # Text substitution, not str.format: a display pattern comes from the data, and str.format would run any other
    # field in it ("{} {}" raised IndexError in validate, "{0.__class__}" reads attributes).
    return QUALIFIER_PREFIX.get(qualifier, "") + pattern.replace("{}", number)
