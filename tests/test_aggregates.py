"""Honest aggregates: for every subset of members and every base, the text names exactly the members summed,
and their shares add up to 1 within their bounds."""

from __future__ import annotations

import itertools
import random

import pytest

from indicators import charts, load_dataset
from indicators.load.dataset import Dataset
from indicators.views.base import NOT_GIVEN
from indicators.views.compare import SHARE, CompareSettings, compare_frame, compare_view, share_titles


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def subsets(codes: list[str]) -> list[tuple[str, ...]]:
    return [combo for size in range(1, len(codes) + 1) for combo in itertools.combinations(codes, size)]


def check(ds: Dataset, settings: CompareSettings) -> None:
    frame, _, summed, refusal = compare_frame(ds, settings)
    shares = frame[frame["basis"] != NOT_GIVEN]
    if refusal is not None:
        assert len(summed) < 2
        assert shares.empty
        return
    title, total = share_titles(ds, ds.indicator(settings.share_of), summed)
    text = f"{title} {total}"
    named = {c for c in settings.countries if ds.names[c] in text}
    assert named == set(summed) == set(shares["country_code"]), (settings, text)
    assert f"the total of {len(summed)} members" in title
    assert "SCO" not in title
    # Each share as an interval [lo, hi] (a 'less than' share from 0, a 'more than' one to 1): the true shares
    # sum to exactly 1, so the intervals' sums must bracket it.
    lo = hi = 0.0
    for q, v, low, up in zip(shares["qualifier"], shares["value"], shares["lower"], shares["upper"], strict=True):
        lo += 0.0 if q == "lt" else float(low if q in ("gt", "range") else v)
        hi += 1.0 if q == "gt" else float(up if q in ("lt", "range") else v)
    assert lo <= 1.0 + 1e-9, (settings, lo)
    assert hi >= 1.0 - 1e-9, (settings, hi)


def test_every_subset_of_the_founders_and_every_base(ds: Dataset) -> None:
    founders = ds.members_in(2003)
    for base in [i.id for i in ds.registry.share_bases()]:
        for combo in subsets(founders):
            for complete in (False, True):
                check(ds, CompareSettings(SHARE, combo, base, 2003, complete))


def test_subsets_of_today_s_members_completed_from_the_record(ds: Dataset) -> None:
    pick = random.Random(2024)
    combos = pick.sample(subsets(ds.members_in(2024)), 25)
    for base in [i.id for i in ds.registry.share_bases()]:
        for combo in combos:
            check(ds, CompareSettings(SHARE, combo, base, 2024, True))


def test_the_chart_and_table_carry_the_same_names(ds: Dataset) -> None:
    view = compare_view(ds, CompareSettings(SHARE, ("KAZ", "KGZ", "CHN"), "population", 2003))
    assert view.summed == ["Kazakhstan", "Kyrgyzstan"]
    assert view.figure is not None
    assert "Total over: Kazakhstan and Kyrgyzstan." in " ".join(charts.notes_of(view.figure.spec))
    assert list(view.table["Country"]) == ["Kazakhstan", "Kyrgyzstan"]
