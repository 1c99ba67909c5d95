"""Tables as people read them: numbers rounded and grouped, years plain, shares as percentages, gaps empty.

The values stay what they are (a CSV download keeps full precision); only what is shown is formatted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

import pandas as pd

from indicators.analysis.numbers import float_or_none, missing

#: How a column is shown: "year" (no grouping), "percent" (a share as %), "int", or "decimals:N".
Format = str

#: Columns shown as plain years wherever they appear.
YEAR_COLUMNS = {"year", "Year", "Year read", "chosen", "menu_order"}


def _number(decimals: int) -> Callable[[object], str]:
    def show(x: object) -> str:
        value = float_or_none(x)
        if value is None or not math.isfinite(value):
            return ""
        text = f"{value:,.{decimals}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text

    return show


def _year(x: object) -> str:
    value = float_or_none(x)
    return "" if value is None else f"{value:.0f}"


def _percent(x: object) -> str:
    value = float_or_none(x)
    return "" if value is None else f"{value:.1%}"


def _text(x: object) -> str:
    return "" if missing(x) else str(x)


def formatter(fmt: Format) -> Callable[[object], str]:
    if fmt.startswith("decimals:"):
        return _number(int(fmt.split(":", 1)[1]))
    return {"year": _year, "percent": _percent, "int": _number(0)}[fmt]


def human(column: str) -> str:
    """A contract column name as a header: ``country_code`` -> ``Country code``."""
    if column != column.lower() or " " in column:
        return column
    words = re.sub(r"_+", " ", column).strip()
    return words[:1].upper() + words[1:]


def display(
    frame: pd.DataFrame, formats: Mapping[str, Format] | None = None, headers: bool = False
) -> tuple[pd.DataFrame, list[str]]:
    """``frame`` as text for display, and the columns that hold numbers (to align right): numbers grouped and rounded
    (2 decimals unless ``formats`` says otherwise), years plain, missing cells empty (a grid would show "None"); with
    ``headers``, snake_case names become human headers."""
    shown = frame.rename(columns=human) if headers else frame
    chosen = {human(k) if headers else k: v for k, v in (formats or {}).items()}
    # Built as lists and made a frame once: inserting column by column costs more than the formatting itself.
    out: dict[str, list[str]] = {}
    numeric: list[str] = []
    for column in shown.columns:
        name = str(column)
        values = shown[column]
        if name in chosen:
            rule = formatter(chosen[name])
        elif name in YEAR_COLUMNS or name.lower() in YEAR_COLUMNS:
            rule = _year
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            rule = _number(2)
        else:
            rule = _text
        if rule is not _text:
            numeric.append(name)
        out[name] = [rule(v) for v in values]
    return pd.DataFrame(out, index=pd.RangeIndex(len(shown))), numeric
