"""The consistency report: where the essay disagrees with itself or with the reference record."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from indicators.analysis.consistency import REPORT_COLUMNS, TOLERANCE, border_parts, consistency_report
from indicators.analysis.record import essay_vs_record, inconsistencies, kbd_to_mt
from indicators.load.dataset import Dataset, load_dataset

BORDER_CHECK = "border with part of a group ≤ border with the whole group"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="module")
def report(ds: Dataset) -> pd.DataFrame:
    return consistency_report(ds)


def with_border(ds: Dataset, country: str, neighbour: str, km: float) -> Dataset:
    """The shipped dataset with one border length replaced (bypassing validation of its evidence)."""
    borders = ds.borders.copy()
    hit = (borders["country_code"] == country) & (borders["neighbour_code"] == neighbour)
    assert hit.sum() == 1
    borders.loc[hit, "length_km"] = km
    return dataclasses.replace(ds, borders=borders)


def test_report_shape(report: pd.DataFrame) -> None:
    assert list(report.columns) == REPORT_COLUMNS
    # 4 stated-vs-derived + 6 border part/whole + 1 relation in words
    assert len(report) == 11
    assert report["check"].value_counts().to_dict() == {
        BORDER_CHECK: 6,
        "stated gdp_per_capita_usd vs GDP per capita": 2,
        "stated population vs implied population": 2,
        "relation stated in words": 1,
    }


def test_only_tajikistan_disagrees(report: pd.DataFrame) -> None:
    bad = report[report["status"] == "disagrees"]
    assert sorted(zip(bad["country_code"], bad["indicator_id"], bad["year"], strict=True)) == [
        ("TJK", "gdp_per_capita_usd", 2002),
        ("TJK", "population", 2002),
    ]
    # Disagreements come first.
    assert list(report["status"].iloc[:2]) == ["disagrees", "disagrees"]
    # 1.1e9 / 173 = 6,358,381.5 against about 5 million: (6,358,381.5 - 5e6) / 5e6
    # 1.1e9 / 5e6 = 220 against 173: (220 - 173) / 173 -- the same gap.
    for gap in bad["relative_gap"]:
        assert gap == pytest.approx(0.27168, abs=1e-5)
        assert gap > TOLERANCE


def test_kyrgyzstan_agrees(report: pd.DataFrame) -> None:
    kgz = report[report["country_code"] == "KGZ"]
    assert sorted(kgz["indicator_id"]) == ["gdp_per_capita_usd", "population"]
    assert set(kgz["status"]) == {"agrees"}
    # 1.6e9 / 325 = 4,923,076.9 against about 5 million; 1.6e9 / 5e6 = 320 against 325.
    for gap in kgz["relative_gap"]:
        assert gap == pytest.approx(0.015385, abs=1e-6)


def test_stated_vs_derived_names_both_sides(report: pd.DataFrame) -> None:
    row = report[(report["country_code"] == "TJK") & (report["indicator_id"] == "population")].iloc[0]
    assert row["stated"] == "about 5 million"
    assert row["compared_with"] == "6.4 million = US$1.1 billion / US$173"
    assert row["compared_from"].startswith("eiu_kgz_2003 (")
    assert row["explanation"] == "derived figure is +27.2% from the stated one (tolerance ±10%)"


def test_every_border_part_whole_check_agrees(report: pd.DataFrame) -> None:
    borders = report[report["check"] == BORDER_CHECK]
    assert len(borders) == 6
    assert set(borders["status"]) == {"agrees"}
    assert set(borders["relative_gap"]) == {0.0}


def test_tajik_troops_below_kyrgyz_agrees(report: pd.DataFrame) -> None:
    rel = report[report["check"] == "relation stated in words"]
    assert rel[["country_code", "indicator_id", "status"]].values.tolist() == [["TJK", "armed_forces", "agrees"]]


def test_part_longer_than_the_whole_disagrees(ds: Dataset) -> None:
    # KAZ–CHN is part of China's 7,300 km border with the USSR (1989): 8,000 km cannot fit in it.
    rows = pd.DataFrame(border_parts(with_border(ds, "KAZ", "CHN", 8000.0)))
    bad = rows[rows["status"] == "disagrees"]
    assert len(bad) == 1
    r = bad.iloc[0]
    assert (r["country_code"], r["year"]) == ("CHN", 1989)
    assert r["relative_gap"] == pytest.approx((8000 - 7300) / 7300)
    assert r["explanation"] == "the part is longer than the whole"
    # The other wholes ("over 7,300 km", "over 3000 km") have no upper bound: nothing to contradict.
    assert len(rows) == 6
    assert (rows["status"] == "agrees").sum() == 5


def test_part_longer_than_the_whole_reaches_the_report(ds: Dataset) -> None:
    report = consistency_report(with_border(ds, "KAZ", "CHN", 9000.0))
    bad = report[report["status"] == "disagrees"]
    assert sorted(bad["check"]) == [
        BORDER_CHECK,
        "stated gdp_per_capita_usd vs GDP per capita",
        "stated population vs implied population",
    ]


def test_essay_vs_record_judges_like_with_like(ds: Dataset) -> None:
    frame = essay_vs_record(ds)
    pop = frame[frame["indicator_id"] == "population"].set_index("country_code")
    assert sorted(pop.index) == ["KAZ", "KGZ", "TJK"]
    # about 5 million against 6,531,669 (WDI 2002): |6,531,669 - 5e6| / 5e6 = 30.6% > 10%
    assert pop.loc["TJK", "verdict"] == "disagrees"
    assert pop.loc["TJK", "relative_gap"] == pytest.approx((6_531_669 - 5e6) / 5e6)
    assert "implies 6.4 million; the record is nearer the implied figure" in str(pop.loc["TJK", "explanation"])
    # about 5 million against 4,990,704: 0.2%
    assert pop.loc["KGZ", "verdict"] == "agrees"
    assert pop.loc["KGZ", "relative_gap"] == pytest.approx((5e6 - 4_990_704) / 5e6)
    # less than 15 million against 15,656,677: the record breaks the bound, by (15,656,677 - 15e6) / 15e6 = 4.4%
    assert pop.loc["KAZ", "verdict"] == "outside the stated bounds"
    assert pop.loc["KAZ", "relative_gap"] == pytest.approx((15_656_677 - 15e6) / 15e6)
    assert pop.loc["TJK", "record_source"] == (
        "World Bank via datahub.io core/population (SP.POP.TOTL), release of 2026-03 (datahub_population_425fc44)"
    )


def test_armed_forces_are_a_different_definition_not_a_disagreement(ds: Dataset) -> None:
    frame = essay_vs_record(ds)
    troops = frame[frame["indicator_id"] == "armed_forces"].set_index("country_code")
    assert set(troops["verdict"]) == {"different definition"}
    assert troops["relative_gap"].isna().all()
    assert [troops.loc["KAZ", "essay"], troops.loc["KAZ", "record"]] == ["about 66,000", "94,500"]
    assert "paramilitary" in str(troops.loc["KAZ", "explanation"])


def test_printed_figures_allow_only_their_rounding(ds: Dataset) -> None:
    gdp = essay_vs_record(ds).query("indicator_id == 'gdp_usd'").set_index("country_code")
    # US$1.6 billion printed to 0.1 billion: the record must lie within ±0.05 billion.
    assert gdp.loc["KGZ", "verdict"] == "matches as printed"
    assert gdp.loc["TJK", "verdict"] == "differs from the printed figure"
    assert gdp.loc["KAZ", "verdict"] == "agrees"  # "about US$24.4 billion"


def test_oil_imports_beside_the_record_in_tonnes(ds: Dataset) -> None:
    # EIA crude imports 2002: 1,393.85 kb/d (see reference.csv) x 365 / 7.33 / 1000 = 69.4 Mt against about 70 Mt
    kbd = float(
        ds.reference.query("country_code == 'CHN' and indicator_id == 'crude_oil_imports_kbd' and year == 2002")["value"].iloc[0]
    )
    oil = essay_vs_record(ds).query("indicator_id == 'oil_imports_mt'").iloc[0]
    assert oil["year"] == 2002
    assert oil["verdict"] == "agrees"
    assert oil["relative_gap"] == pytest.approx(abs(kbd * 365 / 7.33 / 1000 - 70) / 70)
    later = essay_vs_record(ds, oil_year=2003).query("indicator_id == 'oil_imports_mt'").iloc[0]
    assert later["verdict"] == "disagrees"  # 1,827.881 kb/d = 91.0 Mt, 30% above about 70


def test_one_inconsistency_is_counted_once(ds: Dataset) -> None:
    report = consistency_report(ds)
    assert (report["status"] == "disagrees").sum() == 2
    assert inconsistencies(report) == 1


def test_kbd_to_mt_by_hand() -> None:
    assert kbd_to_mt(4_773.176) == pytest.approx(237.68, abs=0.005)
    assert kbd_to_mt(4_712.327) == pytest.approx(234.65, abs=0.005)
    assert kbd_to_mt(1_000, barrels_per_tonne=7.0) == pytest.approx(1_000 * 365 / 7.0 / 1000)


def test_essay_vs_record_leaves_projections_out(ds: Dataset) -> None:
    frame = essay_vs_record(ds)
    assert 2010 not in set(frame["year"])
    assert set(frame["indicator_id"]) == {"population", "armed_forces", "gdp_usd", "oil_imports_mt"}


def test_every_verdict_names_its_release(ds: Dataset) -> None:
    frame = essay_vs_record(ds)
    assert frame["record_source"].str.contains(r"release of \d{4}(?:-\d{2})? \(", regex=True).all()


def test_kazakhstan_population_verdict_depends_on_the_release(ds: Dataset) -> None:
    # "less than 15 million": 14,858,948 in every release of 2012-2024 (inside), 15,656,677 since 2025 (outside).
    kaz = essay_vs_record(ds).query("indicator_id == 'population' and country_code == 'KAZ'").iloc[0]
    assert kaz["robustness"] == "depends on the release"
    assert (
        "inside the stated bounds in the releases of 2012–2024 (14.9 million); "
        "outside the stated bounds in the releases of 2025–2026 (15.7 million)"
    ) in kaz["explanation"]


def test_a_verdict_that_holds_in_every_release_says_so(ds: Dataset) -> None:
    # Tajikistan's 2002 population took seven values (6,285,809 to 6,541,755): "about 5 million" disagrees in each.
    frame = essay_vs_record(ds).set_index(["country_code", "indicator_id"])
    assert frame.loc[("TJK", "population"), "robustness"] == "holds in every release"
    assert "6.3 million to 6.5 million" in str(frame.loc[("TJK", "population"), "explanation"])
    assert frame.loc[("KAZ", "armed_forces"), "robustness"] == "one release read"


def test_consistency_report_says_no_release_can_change_it(ds: Dataset) -> None:
    report = consistency_report(ds)
    assert (report["robustness"] == "holds in every release (no record figure involved)").all()
