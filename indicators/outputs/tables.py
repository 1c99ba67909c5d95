"""Tables as people read them: numbers rounded and grouped, years plain, shares as percentages, gaps empty.

The values stay what they are (a CSV download keeps full precision); only what is shown is formatted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import pandas as pd

from indicators.analysis.numbers import float_or_none, missing

#: How a column is shown: "year" (no grouping), "percent" (a share as %), "int", or "decimals:N".
Format = str

#: Columns shown as plain years wherever they appear.
YEAR_COLUMNS = {"year", "Year", "Year read", "chosen", "menu_order"}


def _shown(value: object, fmt: Format | None) -> str:
    """One cell as text: by ``fmt`` (see :data:`Format`), or as text where there is none."""
    if fmt is None:
        return "" if missing(value) else str(value)
    x = float_or_none(value)
    if x is None:
        return ""
    if fmt in ("year", "percent"):
        return f"{x:.0f}" if fmt == "year" else f"{x:.1%}"
    if not math.isfinite(x):
        return ""
    text = f"{x:,.{0 if fmt == 'int' else int(fmt.removeprefix('decimals:'))}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


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
        fmt = chosen.get(name)
        if fmt is None and (name in YEAR_COLUMNS or name.lower() in YEAR_COLUMNS):
            fmt = "year"
        elif fmt is None and pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            fmt = "decimals:2"
        if fmt is not None:
            numeric.append(name)
        out[name] = [_shown(v, fmt) for v in values]
    return pd.DataFrame(out, index=pd.RangeIndex(len(shown))), numeric
