"""Check evidence phrases against the essay text and against their own numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators import safe_read
from indicators.dataset import Dataset
from indicators.numbers import normalise, states_number
from indicators.schemas import essay_sourced

#: Environment variable naming the essay's text file, for the evidence audit.
ESSAY_ENV = "ESSAY_TEXT"


def audit_evidence(ds: Dataset, essay_text: str) -> pd.DataFrame:
    """One row per essay-sourced figure: is its evidence in the essay, and does it state the figure?"""
    essay = normalise(essay_text)
    sourced = essay_sourced(ds.sources)
    rows = []
    for file, frame, value_col in (("observations.csv", ds.observations, "value"), ("borders.csv", ds.borders, "length_km")):
        for index, r in frame.iterrows():
            if r["source_id"] not in sourced:
                continue
            evidence = "" if pd.isna(r["evidence"]) else str(r["evidence"])
            lower = None if pd.isna(r["lower"]) else float(r["lower"])
            upper = None if pd.isna(r["upper"]) else float(r["upper"])
            rows.append(
                {
                    "file": file,
                    "row": int(str(index)) + 2,
                    "evidence": evidence,
                    "in_essay": bool(evidence) and normalise(evidence) in essay,
                    "states_number": bool(evidence)
                    and states_number(evidence, float(r[value_col]), r["qualifier"], lower, upper),
                }
            )
    return pd.DataFrame(rows, columns=["file", "row", "evidence", "in_essay", "states_number"])


def read_essay(path: str | Path) -> str:
    """The essay's text: a regular file (a link is followed), UTF-8, within the size cap; RefusedError otherwise."""
    target = Path(path).resolve()
    return safe_read.decode(target.name, safe_read.read_file(target.parent, target.name))
