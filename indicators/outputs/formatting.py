"""Numbers as people read them: with their unit and their qualifier."""

from __future__ import annotations

import math

import pandas as pd

from indicators.contract.registry import Display

#: What a view says where a source gives no figure.
NOT_STATED = "not stated"

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


def format_figure(
    value: float | None, qualifier: str, unit: Display, lower: float | None = None, upper: float | None = None
) -> str:
    """``about 66,000``, ``< 15 million``, ``150–200 Mt``, ``> US$1,627``, in ``unit``'s scale and pattern."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NOT_STATED
    grouping = "" if unit.short_unit == "year" else ","

    def number(x: float) -> str:
        scaled = float(x) / unit.scale
        # A small figure keeps the digits it needs to show at all (a share of 0.4%, not "0%").
        decimals = unit.decimals
        if scaled and abs(scaled) < 10**-decimals / 2:
            decimals = -math.floor(math.log10(abs(scaled)))
        text = f"{scaled:{grouping}.{decimals}f}"
        return text.split(".")[0] if decimals and set(text.split(".")[-1]) == {"0"} else text

    if qualifier == "range" and not (pd.isna(lower) or pd.isna(upper)):
        # Ends that print alike print once ("10%", not "10–10%").
        text = "–".join(dict.fromkeys([number(lower), number(upper)]))
    else:
        text = number(value)
    # Text substitution, not str.format: a display pattern comes from the data, and str.format would run any other
    # field in it ("{} {}" raised IndexError in validate, "{0.__class__}" reads attributes).
    return QUALIFIER_PREFIX.get(qualifier, "") + unit.display.replace("{}", text)


def round_to(x: float, step: float) -> float:
    """``x`` to the nearest multiple of ``step`` (half away from zero): how firm a computed sentence may be."""
    return math.copysign(math.floor(abs(x) / step + 0.5) * step, x)


def span(low: float, high: float, pattern: str = "{}", decimals: int = 0) -> str:
    """'237–239' (or '238' where both ends print alike), each end in ``pattern``'s place once, as ``low–high``."""
    a, b = (f"{v:,.{decimals}f}" for v in (low, high))
    return pattern.replace("{}", a if a == b else f"{a}–{b}")


def percent_span(low: float, high: float) -> str:
    """Shares as whole percents: '17–19%', or '19%' where both ends round alike."""
    return span(low * 100, high * 100, "{}%")
