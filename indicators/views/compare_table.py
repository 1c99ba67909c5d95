"""The compare page's cards and table: each member's figure as people read it, and the CSV the table downloads."""

from __future__ import annotations

import pandas as pd

from indicators.registry import Indicator
from indicators.views.base import DERIVED, NOT_GIVEN, RECORD


def metric_cards(frame: pd.DataFrame, indicator: Indicator) -> list[dict[str, str]]:
    """One card per member with a figure: the figure with its qualifier, and where it comes from."""
    cards = []
    for _, r in frame[frame["basis"] != NOT_GIVEN].iterrows():
        how = {DERIVED: f"Derived: {r['formula']}", RECORD: f"Record: {r['formula']}"}.get(
            str(r["basis"]), f"Evidence: “{r['evidence']}”"
        )
        cards.append(
            {
                "label": f"{r['country']} ({r['year']:.0f}, {r['basis']})",
                "value": str(r["label"]).removesuffix(" (derived)").removesuffix(" (record)"),
                "help": f"{indicator.axis_label}. {r['qualifier_label']}. {how}. Source: {r['source']}; {r['locator']}.",
                "basis": str(r["basis"]),
            }
        )
    return cards


def compare_table(frame: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """The compare page's table, human headers; the CSV download is exactly this frame."""
    table = pd.DataFrame(
        {
            "Country": frame["country"],
            "Figure": frame["label"],
            f"Value ({indicator.unit})": pd.to_numeric(frame["value"], errors="coerce"),
            "Lower bound": pd.to_numeric(frame["lower"], errors="coerce"),
            "Upper bound": pd.to_numeric(frame["upper"], errors="coerce"),
            "Qualifier": frame["qualifier_label"],
            "Basis": frame["basis"],
            "Year": pd.to_numeric(frame["year"], errors="coerce").astype("Int64"),
            "Formula": frame["formula"],
            "Source": frame["source"],
            "Where in the essay": frame["locator"],
            "Evidence": frame["evidence"],
            "Note": frame["note"],
        }
    ).reset_index(drop=True)
    text = ["Figure", "Qualifier", "Basis", "Formula", "Source", "Where in the essay", "Evidence", "Note"]
    table[text] = table[text].astype(object).where(table[text].notna(), "")
    return table
