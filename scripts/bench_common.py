"""What every section of the benchmark shares: the rows it reports, how it times, and the bare page it measures against.

No project imports here: ``bench.py`` reads ``ROOT`` from this module before it puts the project on ``sys.path``.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
PYTHON = sys.executable

BARE_APP = '''
"""Bare page for the benchmark: one Altair chart and one small st.dataframe."""
import altair as alt
import pandas as pd
import streamlit as st

frame = pd.DataFrame({"country": ["China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan"],
                      "value": [1266.0, 346.0, 24.4, 1.6, 1.1, 9.7]})
st.title("Bare page")
st.altair_chart(alt.Chart(frame).mark_bar().encode(x="value:Q", y="country:N"), key="bare_chart")
st.dataframe(frame, hide_index=True)
'''

#: The bare page's heading (each dashboard page's is in the registry).
BARE_HEADING = "Bare page"


@dataclass
class Row:
    section: str
    name: str
    value: float | None  # seconds, or MB / rows / µs as the unit says
    unit: str
    baseline: float | None = None
    target: str = ""
    result: str = ""  # PASS / MISS / OK / FAIL / info
    note: str = ""
    #: For paired runs: the median of each run's ratio (then it, not value / baseline, is the row's ratio).
    paired: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.paired is not None:
            return self.paired
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline


ROWS: list[Row] = []
FAILURES: list[str] = []


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def add(row: Row) -> Row:
    ROWS.append(row)
    if row.result == "FAIL":
        FAILURES.append(f"{row.section}: {row.name}: {row.note}")
    return row


def judge(ratio: float | None, limit: float) -> str:
    return "PASS" if ratio is not None and ratio <= limit else "MISS"


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(fns: dict[str, Callable[[], Any]], runs: int) -> dict[str, float]:
    """Median seconds of each function, the runs of all functions taken in turn."""
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            samples[name].append(timed(fn))
    return {name: statistics.median(times) for name, times in samples.items()}
