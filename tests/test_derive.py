"""Derived figures, checked against arithmetic done by hand from the essay's figures."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from indicators.analysis.derive import ABOUT, DERIVED_COLUMNS, Interval, derive, growth_rate, implied_population, members_share
from indicators.load.dataset import Dataset, load_dataset


def gdp_per_capita(ds: Dataset) -> pd.DataFrame:
    return derive(ds, ds.indicator("gdp_per_capita_usd"))


def armed_forces_per_1000(ds: Dataset) -> pd.DataFrame:
    return derive(ds, ds.indicator("armed_forces_per_1000"))


def oil_demand(ds: Dataset) -> pd.DataFrame:
    return derive(ds, ds.indicator("oil_demand_mt"))


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def by_country(frame: pd.DataFrame) -> dict[str, pd.Series]:
    assert frame["country_code"].is_unique
    return {r["country_code"]: r for _, r in frame.iterrows()}


# --- derived from the shipped data --------------------------------------------------------------


def test_kazakhstan_gdp_per_capita_is_a_lower_bound(ds: Dataset) -> None:
    # "about US$24.4 billion" has the width of "about" (±10%): at least 24.4e9 × 0.9 = 21.96e9, over
    # "less than 15 million" people: more than US$1,464 (not the US$1,626.67 of the stated points).
    rows = by_country(gdp_per_capita(ds))
    kaz = rows["KAZ"]
    assert kaz["value"] == pytest.approx(24.4e9 * (1 - ABOUT) / 15e6)
    assert kaz["value"] == pytest.approx(1464.0, abs=0.005)
    assert kaz["value"] < 1626.67
    assert kaz["qualifier"] == "gt"
    assert kaz["lower"] == kaz["value"]
    assert pd.isna(kaz["upper"])
    assert (kaz["indicator_id"], kaz["year"], kaz["kind"]) == ("gdp_per_capita_usd", 2002, "reported")
    assert kaz["source_id"] == "eiu_kaz_2003+zhao_2003"
    assert kaz["formula"] == "GDP per capita = about US$24.4 billion / < 15 million"
    assert kaz["nominal"] == "> US$1,627"  # at the stated points, kept beside the honest bound


def test_gdp_per_capita_of_kyrgyzstan_and_tajikistan(ds: Dataset) -> None:
    rows = by_country(gdp_per_capita(ds))
    assert set(rows) == {"KAZ", "KGZ", "TJK"}
    # US$1.6 billion / about 5 million (4.5-5.5 million) = US$290.91-355.56, US$320 at the stated points;
    # US$1.1 billion / about 5 million = US$200-244.44, US$220 at the stated points.
    kgz, tjk = rows["KGZ"], rows["TJK"]
    assert (kgz["qualifier"], kgz["value"], kgz["lower"], kgz["upper"]) == (
        "range",
        pytest.approx(320.0),
        pytest.approx(1.6e9 / 5.5e6),
        pytest.approx(1.6e9 / 4.5e6),
    )
    assert (tjk["qualifier"], tjk["value"], tjk["lower"], tjk["upper"]) == (
        "range",
        pytest.approx(220.0),
        pytest.approx(200.0),
        pytest.approx(1.1e9 / 4.5e6),
    )
    assert (kgz["nominal"], tjk["nominal"]) == ("about US$320", "about US$220")


def test_derived_bounds_without_about_width_are_the_stated_points(ds: Dataset) -> None:
    # The consistency checks apply their own tolerance: derived at the stated points, not widened twice.
    kgz = by_country(derive(ds, ds.indicator("gdp_per_capita_usd"), about=0.0))["KGZ"]
    assert (kgz["qualifier"], kgz["value"]) == ("approx", pytest.approx(320.0))


def test_implied_population(ds: Dataset) -> None:
    rows = by_country(implied_population(ds))
    assert set(rows) == {"KGZ", "TJK"}
    assert rows["KGZ"]["value"] == pytest.approx(4_923_076.9, abs=0.05)  # 1.6e9 / 325
    assert rows["TJK"]["value"] == pytest.approx(6_358_381.5, abs=0.05)  # 1.1e9 / 173
    for r in rows.values():
        assert (r["qualifier"], r["indicator_id"], r["source_id"]) == ("exact", "population", "eiu_kgz_2003")
        assert pd.isna(r["lower"])
        assert pd.isna(r["upper"])


def test_armed_forces_per_1000(ds: Dataset) -> None:
    rows = by_country(armed_forces_per_1000(ds))
    assert set(rows) == {"KAZ", "KGZ", "TJK"}
    # about 66,000 (59,400-72,600) / < 15 million × 1000 = > 3.96
    kaz = rows["KAZ"]
    assert (kaz["qualifier"], kaz["value"], kaz["lower"]) == ("gt", pytest.approx(3.96), pytest.approx(3.96))
    # about 9,000 / about 5 million × 1000: 8,100 / 5.5 million to 9,900 / 4.5 million, 1.8 at the stated points
    kgz = rows["KGZ"]
    assert (kgz["qualifier"], kgz["value"]) == ("range", pytest.approx(1.8))
    assert (kgz["lower"], kgz["upper"]) == (pytest.approx(8.1 / 5.5), pytest.approx(9.9 / 4.5))
    assert (rows["TJK"]["qualifier"], rows["TJK"]["value"]) == ("range", pytest.approx(1.2))
    assert kgz["formula"].endswith(" × 1000")


def test_oil_demand_is_a_range(ds: Dataset) -> None:
    # 150-200 million tons imported, "about half" of demand (45-55%): demand 150/0.55 to 200/0.45 Mt in 2010,
    # "about 300-400 Mt" at the stated points.
    frame = oil_demand(ds)
    assert len(frame) == 1
    r = frame.iloc[0]
    assert (r["country_code"], r["indicator_id"], r["year"], r["kind"]) == ("CHN", "oil_demand_mt", 2010, "projection")
    assert r["qualifier"] == "range"
    assert (r["lower"], r["upper"], r["value"]) == (pytest.approx(150 / 0.55), pytest.approx(200 / 0.45), pytest.approx(350.0))
    assert r["nominal"] == "about 300–400 Mt"


def test_members_share_of_population(ds: Dataset) -> None:
    population = ds.observations[ds.observations["indicator_id"] == "population"]
    rows = by_country(members_share(ds, population, ["KAZ", "KGZ", "TJK", "CHN"]))
    assert set(rows) == {"KAZ", "KGZ", "TJK"}
    # KAZ: at most 15 / (15 + 5 + 5) = 0.6 of the counted total, and possibly far less.
    kaz = rows["KAZ"]
    assert (kaz["qualifier"], kaz["value"], kaz["upper"]) == ("lt", pytest.approx(0.6), pytest.approx(0.6))
    assert pd.isna(kaz["lower"])
    # KGZ: between 5 / (5 + 15 + 5) = 0.2 and 5 / (5 + 0 + 5) = 0.5.
    kgz = rows["KGZ"]
    assert (kgz["qualifier"], kgz["lower"], kgz["upper"], kgz["value"]) == (
        "range",
        pytest.approx(0.2),
        pytest.approx(0.5),
        pytest.approx(0.35),
    )
    assert kaz["note"] == "Share of the total over 3 members: Kazakhstan, Kyrgyzstan, Tajikistan."


def test_members_share_of_nothing_is_empty(ds: Dataset) -> None:
    none = ds.observations[ds.observations["indicator_id"] == "gdp_per_capita_usd"].iloc[0:0]
    frame = members_share(ds, none, ["KAZ"])
    assert frame.empty
    assert list(frame.columns) == DERIVED_COLUMNS


def test_growth_rate() -> None:
    # (150 / 70) ** (1 / 7) - 1 and (200 / 70) ** (1 / 7) - 1: oil imports 2003 -> 2010
    assert growth_rate(70, 150, 7) == pytest.approx(0.11503, abs=5e-5)
    assert growth_rate(70, 200, 7) == pytest.approx(0.16180, abs=5e-5)
    assert 70 * (1 + growth_rate(70, 150, 7)) ** 7 == pytest.approx(150)
    assert growth_rate(100, 100, 5) == 0.0


def test_every_derived_row_says_how_it_was_computed(ds: Dataset) -> None:
    population = ds.observations[ds.observations["indicator_id"] == "population"]
    frames = [f(ds) for f in (gdp_per_capita, implied_population, armed_forces_per_1000, oil_demand)]
    derived = pd.concat([*frames, members_share(ds, population, ["KAZ", "KGZ", "TJK"])], ignore_index=True)
    assert len(derived) == 3 + 2 + 3 + 1 + 3
    known = set(ds.sources["source_id"])
    for _, r in derived.iterrows():
        assert r["derived"] is True
        assert r["locator"] == "derived"
        assert isinstance(r["formula"], str)
        assert " = " in r["formula"]
        assert r["formula"].split(" = ", 1)[1].strip()
        named = {part.split(" (")[0] for part in r["inputs"].split("; ")}
        assert named <= known, r["inputs"]
        assert set(r["source_id"].split("+")) <= named, (r["source_id"], r["inputs"])


def test_inputs_carry_source_and_locator(ds: Dataset) -> None:
    kaz = by_country(gdp_per_capita(ds))["KAZ"]
    assert kaz["inputs"] == "eiu_kaz_2003 (§1-2 Kazakhstan, footnote 6); zhao_2003 (§1-2 Kazakhstan, near footnote 6)"


# --- Interval arithmetic ------------------------------------------------------------------------


def test_interval_of_each_qualifier() -> None:
    assert Interval.of(5, "exact") == Interval(5, 5, 5, False)
    assert Interval.of(5, "approx") == Interval(5, 5, 5, True)
    assert Interval.of(5, "lt") == Interval(5, 0.0, 5)
    assert Interval.of(5, "gt") == Interval(5, 5, math.inf)
    assert Interval.of(175, "range", 150, 200) == Interval(175, 150, 200)
    with pytest.raises(ValueError, match="unknown qualifier"):
        Interval.of(5, "about")


def test_lt_divided_by_exact_is_lt() -> None:
    q = Interval.of(15, "lt") / Interval.of(5, "exact")
    assert (q.lo, q.hi, q.qualifier) == (0.0, 3.0, "lt")
    assert q.as_columns() == {"value": 3.0, "qualifier": "lt", "lower": None, "upper": 3.0}


def test_exact_divided_by_lt_is_gt() -> None:
    q = Interval.of(10, "exact") / Interval.of(5, "lt")
    assert (q.lo, q.hi, q.qualifier) == (2.0, math.inf, "gt")
    assert q.as_columns() == {"value": 2.0, "qualifier": "gt", "lower": 2.0, "upper": None}


def test_lt_divided_by_lt_says_nothing() -> None:
    q = Interval.of(10, "lt") / Interval.of(5, "lt")
    assert (q.lo, q.hi) == (0.0, math.inf)
    assert q.qualifier is None
    assert q.as_columns() == {"value": None, "qualifier": None, "lower": None, "upper": None}


def test_range_divided_by_approx_is_range() -> None:
    q = Interval.of(175, "range", 150, 200) / Interval.of(0.5, "approx")
    assert (q.lo, q.hi, q.approx, q.qualifier) == (300.0, 400.0, True, "range")
    assert q.as_columns() == {"value": 350.0, "qualifier": "range", "lower": 300.0, "upper": 400.0}


def test_approx_divided_by_exact_stays_approx() -> None:
    q = Interval.of(9000, "approx") / Interval.of(5e6, "exact")
    assert q.qualifier == "approx"
    assert q.value == pytest.approx(0.0018)


def test_sum_and_scale() -> None:
    total = Interval.of(15, "lt") + Interval.of(5, "approx")
    assert (total.lo, total.hi, total.approx, total.qualifier) == (5.0, 20.0, True, "range")
    scaled = Interval.of(4, "gt").scale(1000)
    assert (scaled.lo, scaled.hi, scaled.qualifier) == (4000.0, math.inf, "gt")
