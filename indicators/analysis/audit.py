"""Check evidence phrases against the essay text and against their own numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.analysis.derive import bounds
from indicators.analysis.numbers import normalise, states_number
from indicators.load import safe_read
from indicators.load.dataset import Dataset
from indicators.schemas import essay_sourced

#: Environment variable naming the essay's text file, for the evidence audit.
ESSAY_ENV = "ESSAY_TEXT"


def audit_evidence(ds: Dataset, essay_text: str) -> pd.DataFrame:
    """One row per essay-sourced figure and per claim: is its evidence in the essay, and does it state the figure?"""
    rows = []
    sourced = essay_sourced(ds.sources)
    for file, frame, value_col in (("observations.csv", ds.observations, "value"), ("borders.csv", ds.borders, "length_km")):
        for index, r in frame[frame["source_id"].isin(sourced)].iterrows():
            evidence = "" if pd.isna(r["evidence"]) else str(r["evidence"])
            states = bool(evidence) and states_number(evidence, float(r[value_col]), r["qualifier"], *bounds(r))
            rows.append((file, int(str(index)) + 2, evidence, states))
    # A claim's evidence is the essay's own words too; where the claim is a stated figure, it must state that figure.
    figures = ds.observations.set_index(["country_code", "indicator_id", "year"])
    for index, c in ds.claims.iterrows():
        key = (c["subject_code"], c["indicator_id"], c["year"])
        f = figures.loc[[key]].iloc[0] if c["test"] == "figure" and key in figures.index else None
        states = f is None or states_number(str(c["evidence"]), float(f["value"]), str(f["qualifier"]), *bounds(f))
        rows.append(("claims.csv", int(str(index)) + 2, str(c["evidence"]), states))
    audit = pd.DataFrame(rows, columns=["file", "row", "evidence", "states_number"])
    essay = normalise(essay_text)
    audit.insert(3, "in_essay", [bool(e) and normalise(e) in essay for e in audit["evidence"]])
    return audit


def read_essay(path: str | Path) -> str:
    """The essay's text: a regular file (a link is followed), UTF-8, within the size cap; RefusedError otherwise."""
    target = Path(path).resolve()
    return safe_read.decode(target.name, safe_read.read_file(target.parent, target.name))
