"""The claims scorecard as a page shows it: the table, a sentence counting its verdicts, and the rows a slide carries."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.analysis.claims import FAILS, HOLDS_UP, PARTLY, scorecard
from indicators.analysis.releases import DEPENDS
from indicators.load.dataset import Dataset

#: Column headers of the scorecard as shown and downloaded.
HEADERS = {
    "claim_id": "Claim id",
    "claim": "Claim (paraphrased)",
    "evidence": "Evidence (the essay's words)",
    "locator": "Where in the essay",
    "essay": "Essay's figure",
    "record": "What the record says",
    "release": "Record: source and release",
    "verdict": "Verdict",
    "robustness": "Robustness",
    "explanation": "Why",
}


@dataclass(frozen=True)
class ClaimsView:
    table: pd.DataFrame  # every claim, one row each, under HEADERS
    summary: str  # one computed sentence: how many claims, how many hold, which are fragile
    slide: pd.DataFrame  # the claims a meeting should see: those that fail, partly hold or depend on a release


def claims_view(ds: Dataset) -> ClaimsView:
    card = scorecard(ds)
    fragile = card[card["robustness"].str.startswith("depends")]
    held, failed = int((card["verdict"] == HOLDS_UP).sum()), int((card["verdict"] == FAILS).sum())
    summary = (
        f"{len(card)} claims checked: {held} hold, {failed} do not, "
        f"{len(card) - held - failed} are partial, not comparable or have no record. "
        f"{len(fragile)} verdict{'s' if len(fragile) != 1 else ''} depend{'' if len(fragile) != 1 else 's'} on the record's "
        "release or on a documented reading."
    )
    shown = card[(card["verdict"].isin([FAILS, PARTLY])) | card["robustness"].isin([DEPENDS, "depends on the reading"])]
    slide = shown[["claim", "verdict", "robustness"]].rename(columns=HEADERS).reset_index(drop=True)
    return ClaimsView(card.rename(columns=HEADERS), summary, slide)
