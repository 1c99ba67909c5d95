"""Computed sentences are as firm as their inputs: each range recomputed here by hand from the record."""

from __future__ import annotations

import pytest

from indicators import load_dataset
from indicators.analysis.record import BARRELS_PER_TONNE_SOURCES, factor_range
from indicators.load.dataset import Dataset
from indicators.outputs.formatting import percent_span, round_to, span
from indicators.views.energy import energy_view

# EIA, China 2010: crude imports 4,773.176 kb/d, net 4,712.327 kb/d; 2002: 1,394 (gross) and 1,240 (net), rounded here.
GROSS_2010, NET_2010 = 4773.176, 4712.327


def mt(kbd: float, factor: float) -> float:
    return kbd * 365 / factor / 1000


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def test_sourced_factors_span_the_range() -> None:
    assert sorted(BARRELS_PER_TONNE_SOURCES) == [7.32, 7.33]
    assert factor_range() == (7.32, 7.33)
    assert factor_range(7.0) == (7.0, 7.33)  # the user's factor widens the range it is stated over


def test_outcome_sentence_range_by_hand(ds: Dataset) -> None:
    outcome = energy_view(ds, crude=False).outcome
    gross = [mt(GROSS_2010, f) for f in (7.33, 7.32)]  # 237.68, 238.00
    net = [mt(NET_2010, f) for f in (7.33, 7.32)]  # 234.65, 234.97
    assert [round(x) for x in gross] == [238, 238]
    assert "about 240 Mt of crude oil (238 Mt at 7.32–7.33 barrels a tonne)" in outcome  # 237.7 to the nearest 5
    assert "net of crude exports, about 235 Mt" in outcome  # 234.6 to the nearest 5
    low, high = min(net) / 200 - 1, max(gross) / 200 - 1  # 17.3% and 19.0% above the top of 150-200 Mt
    assert (round(low * 100), round(high * 100)) == (17, 19)
    assert "17–19% above the top of the projected 150–200 Mt, gross or net" in outcome
    assert "237.7" not in outcome
    assert "18.8%" not in outcome


def test_growth_rates_by_hand(ds: Dataset) -> None:
    results = energy_view(ds, crude=False).arithmetic["Result"].tolist()

    def rate(start: float, end: float, years: int) -> float:
        return float((end / start) ** (1 / years) - 1)

    # from 2002: 10.0% and 14.0%; "about 70" as 63-77 Mt: 8.7-11.4% and 12.7-15.5%
    assert (round(rate(70, 150, 8) * 100), round(rate(70, 200, 8) * 100)) == (10, 14)
    assert (round(rate(77, 150, 8) * 100), round(rate(63, 150, 8) * 100)) == (9, 11)
    assert (round(rate(77, 200, 8) * 100), round(rate(63, 200, 8) * 100)) == (13, 16)
    assert "about 10% a year (9–11% with “about 70 Mt” as 63–77 Mt)" in results
    assert "about 14% a year (13–16% with “about 70 Mt” as 63–77 Mt)" in results
    # from 2003 (7 years): 11.5% and 16.2%
    assert (round(rate(70, 150, 7) * 100), round(rate(70, 200, 7) * 100)) == (12, 16)
    assert "10–14% a year from 2002; 12–16% a year from 2003" in results


def test_present_figure_against_gross_and_net_by_hand(ds: Dataset) -> None:
    table = energy_view(ds, crude=False).base_years.set_index("Year read")
    ref = ds.reference.set_index(["country_code", "indicator_id", "year"])["value"]
    gross = mt(ref[("CHN", "crude_oil_imports_kbd", 2002)], 7.33)
    net = mt(ref[("CHN", "crude_oil_net_imports_kbd", 2002)], 7.33)
    assert (round(gross, 1), round(net, 1)) == (69.4, 61.7)
    assert table.loc[2002, "Gap"] == pytest.approx(abs(gross - 70) / 70)
    assert table.loc[2002, "Gap (net)"] == pytest.approx(abs(net - 70) / 70)  # 11.8%: outside "about"
    assert (table.loc[2002, "Verdict"], table.loc[2002, "Verdict (net)"]) == ("agrees", "disagrees")


def test_assumption_no_longer_cites_the_match_it_is_tested_by(ds: Dataset) -> None:
    row = ds.assumptions.set_index("assumption_id").loc["present_tense_year"]
    assert "EIA" not in row["evidence_for_chosen"]
    assert "crude" not in row["evidence_for_chosen"]


def test_rounding_helpers() -> None:
    assert (round_to(237.68, 5), round_to(234.65, 5), round_to(232.4, 5)) == (240, 235, 230)
    assert span(237.68, 238.0, "{} Mt") == "238 Mt"
    assert span(7.32, 7.33, "{}", 2) == "7.32–7.33"
    assert percent_span(0.173, 0.19) == "17–19%"
