"""Page views: one pure call per page and setting; the map's shapes pruned and simplified safely."""

from __future__ import annotations

import pickle

import pytest

from indicators import charts, load_dataset
from indicators.dataset import DEFAULT_DATA_DIR, Dataset
from indicators.views.compare import CompareSettings, compare_frame, compare_view
from indicators.views.data import data_view, table_view

TOPOLOGY = DEFAULT_DATA_DIR / "geo" / "sco_region_50m.topo.json"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def test_compare_view_is_plain_data(ds: Dataset) -> None:
    view = compare_view(ds, CompareSettings("population", ("CHN", "KAZ", "TJK"), "population", 2003))
    assert view.figure is not None
    assert view.figure.spec["title"]["text"] == "Population: China, Kazakhstan and Tajikistan"
    assert view.missing == ["China"]
    assert [c["value"] for c in view.cards] == ["< 15 million", "about 5 million"]
    assert view.unit_column == "Value (persons)"
    assert pickle.loads(pickle.dumps(view)).table.equals(view.table)  # st.cache_data pickles what it keeps


def test_compare_view_warns_when_nothing_is_stated(ds: Dataset) -> None:
    view = compare_view(ds, CompareSettings("gdp_usd", ("CHN", "RUS"), "population", 2003))
    assert view.figure is None
    assert view.warning == "No figure for GDP for the selected members: China, Russia."


def test_data_view_counts_disagreements(ds: Dataset) -> None:
    view = data_view(ds)
    assert view.disagreements == 1
    assert "**1 inconsistency** beyond 10%, seen from 2 sides" in view.consistency_text


def test_table_view_filters(ds: Dataset) -> None:
    shown, total = table_view(ds, "observations.csv", ("KGZ",), "")
    assert total == 16
    assert set(shown["country_code"]) == {"KGZ"}
    assert len(shown) == 4


def test_pruning_keeps_every_country_in_view_and_drops_far_ones() -> None:
    topo = charts.load_topology(TOPOLOGY)
    pruned = charts.prune_topology(topo)
    codes = {g["properties"]["iso3"] for g in pruned["objects"]["countries"]["geometries"]}
    assert {"CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB", "AFG", "MNG", "IRN", "PAK", "IND"} <= codes
    assert "LBY" not in codes
    assert len(pruned["arcs"]) < len(topo["arcs"])
    # the same country decodes to the same ring after re-indexing
    before = charts.label_points(topo, ["KAZ"]).iloc[0]
    after = charts.label_points(pruned, ["KAZ"]).iloc[0]
    assert (before["lon"], before["lat"]) == (after["lon"], after["lat"])


def test_simplifying_keeps_arc_ends_and_stays_within_tolerance() -> None:
    topo = charts.prune_topology(charts.load_topology(TOPOLOGY))
    simple = charts.simplify_topology(topo)
    assert len(simple["arcs"]) == len(topo["arcs"])
    for i in range(0, len(topo["arcs"]), 25):
        original = charts._decode_arc(topo, i)
        kept = charts._decode_arc(simple, i)
        assert kept[0] == pytest.approx(original[0])
        assert kept[-1] == pytest.approx(original[-1])
        assert len(kept) <= len(original)
    total_before = sum(len(a) for a in topo["arcs"])
    total_after = sum(len(a) for a in simple["arcs"])
    assert total_after < total_before / 2


def test_douglas_peucker_drops_only_points_within_tolerance() -> None:
    line = [(0, 0), (5, 1), (10, 0), (15, 8), (20, 0)]
    assert charts._douglas_peucker(line, 2) == [(0, 0), (10, 0), (15, 8), (20, 0)]
    assert charts._douglas_peucker(line, 0.5) == line


def test_compare_shows_the_latest_year_per_member_and_shares_within_one_year(ds: Dataset) -> None:
    import dataclasses

    import pandas as pd

    obs = ds.observations
    older = obs[(obs["country_code"] == "KGZ") & (obs["indicator_id"] == "population")].copy()
    older["year"] = 1999
    older["value"] = 4_000_000.0
    more = dataclasses.replace(ds, observations=pd.concat([obs, older], ignore_index=True))
    frame = compare_frame(more, CompareSettings("population", ("KAZ", "KGZ"), "population", 2003))[0]
    assert frame[["country_code", "year", "value"]].values.tolist() == [["KAZ", 2002, 15_000_000.0], ["KGZ", 2002, 5_000_000.0]]
    share = compare_frame(more, CompareSettings("members_share", ("KAZ", "KGZ", "TJK"), "population", 2003))[0]
    assert set(share["year"]) == {2002}
    assert share.set_index("country_code").loc["KGZ", "lower"] == pytest.approx(0.2)
