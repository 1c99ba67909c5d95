"""Numbers stated in words and digits (does a phrase contain its figure?), and the one test of an empty cell."""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

#: Number words the essay uses for shares.
NUMBER_WORDS = {"half": 0.5, "one third": 1 / 3, "third": 1 / 3, "quarter": 0.25}

_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:\s*[-–]\s*(\d[\d,]*(?:\.\d+)?))?(?:\s+(thousand|million|billion|trillion))?")


def missing(value: Any) -> bool:
    """Is a cell empty: None, pandas' NA or NaT, or a float NaN (numpy's too)?"""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def float_or_none(value: Any) -> float | None:
    return None if missing(value) else float(value)


def normalise(text: str) -> str:
    """The essay as a comparable string: no Markdown escapes, one space between words."""
    return re.sub(r"\s+", " ", text.replace("\\$", "$")).strip()


def numbers_in(text: str) -> set[float]:
    """Every number a phrase states, both as written and times its multiplier word."""
    found: set[float] = set()
    for first, second, word in _NUMBER.findall(text):
        factor = _MULTIPLIERS.get(word, 1.0)
        for part in (first, second):
            if part:
                x = float(part.replace(",", ""))
                found.update({x, x * factor})
    lowered = text.lower()
    found.update(v for w, v in NUMBER_WORDS.items() if re.search(rf"\b{w}\b", lowered))
    return found


def states_number(evidence: str, value: float, qualifier: str, lower: float | None, upper: float | None) -> bool:
    """Does the evidence phrase contain the figure (both bounds, for a range)?"""
    found = numbers_in(evidence)
    wanted = [lower, upper] if qualifier == "range" else [value]
    return all(w is not None and any(math.isclose(w, f, rel_tol=1e-9, abs_tol=1e-9) for f in found) for w in wanted)
