"""Figures a person adds for their session: beside the essay's in every comparison, drawn and labelled apart,
never summed into a share; and an added row may not take a shipped row's key."""

from __future__ import annotations

import dataclasses
import json
import pickle
from pathlib import Path

import pandas as pd
import pytest

from indicators.load.dataset import Dataset, load_dataset
from indicators.load.upload import DUPLICATE_CHECK, ESSAY_SOURCE_CHECK, check_upload, with_own
from indicators.views.compare import CompareSettings, compare_view
from indicators.views.energy import energy_view
from indicators.views.over_time import OverTimeSettings, over_time_view
from indicators.views.own import NOT_IN_SHARES, OWN_BASIS

ROOT = Path(__file__).parents[1]
CITATION = "Jane Doe, My own figures (2026), table 3."
SIX = ("CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def _header() -> str:
    return (ROOT / "data" / "observations.csv").read_text(encoding="utf-8").splitlines()[0]


def _upload(ds: Dataset, *rows: str) -> Dataset:
    result = check_upload(ds, ("\n".join([_header(), *rows]) + "\n").encode(), "mine.csv", CITATION)
    assert result.ok, result.problems
    assert result.rows is not None
    return with_own(ds, result.rows, result.new_sources)


KAZ_2020 = "KAZ,population,2020,18700000,approx,,,reported,my_source,table 3,,,my note"


@pytest.fixture(scope="module")
def mine(ds: Dataset) -> Dataset:
    return _upload(ds, KAZ_2020)


def _spec_text(spec: dict[str, object]) -> str:
    return json.dumps(spec, ensure_ascii=False)


def test_added_rows_stay_out_of_the_observations(ds: Dataset, mine: Dataset) -> None:
    assert ds.own.empty
    assert list(ds.own.columns) == list(ds.observations.columns)
    pd.testing.assert_frame_equal(mine.observations, ds.observations)
    assert list(mine.own["source_id"]) == ["my_source"]
    assert "my_source" in set(mine.sources["source_id"])
    assert "my_source" not in set(ds.sources["source_id"])
    again = pickle.loads(pickle.dumps(mine))  # st.cache_data pickles what it keeps
    pd.testing.assert_frame_equal(again.own, mine.own)


def test_compare_keeps_the_essays_figure_and_shows_the_added_one_apart(ds: Dataset, mine: Dataset) -> None:
    settings = CompareSettings(indicator="population", countries=SIX, share_of="population", as_of=2003)
    before, after = compare_view(ds, settings), compare_view(mine, settings)
    essay_rows = after.table[after.table["Basis"] != OWN_BASIS].reset_index(drop=True)
    pd.testing.assert_frame_equal(essay_rows, before.table)
    kaz = essay_rows[essay_rows["Country"] == "Kazakhstan"].iloc[0]
    assert (kaz["Year"], kaz["Value (persons)"]) == (2002, 15_000_000)
    own = after.table[after.table["Basis"] == OWN_BASIS]
    assert list(own["Country"]) == ["Kazakhstan"]
    assert list(own["Year"]) == [2020]
    assert list(own["Value (persons)"]) == [18_700_000]
    assert CITATION in own["Source"].iloc[0] or "my_source" in own["Source"].iloc[0]
    assert after.figure is not None
    text = _spec_text(after.figure.spec)
    assert f"Your figures ({CITATION.rstrip('.')})" in text
    assert "Your figures for 2020 are for another year than the essay's (2002)" in text
    assert "Your figures" not in _spec_text(before.figure.spec) if before.figure else True
    assert after.cards == before.cards


def test_a_share_leaves_the_added_figures_out_and_says_so(ds: Dataset, mine: Dataset) -> None:
    settings = CompareSettings(indicator="members_share", countries=SIX, share_of="population", as_of=2003)
    before, after = compare_view(ds, settings), compare_view(mine, settings)
    pd.testing.assert_frame_equal(after.table, before.table)
    assert after.summed == before.summed
    assert NOT_IN_SHARES in after.notices
    assert NOT_IN_SHARES not in before.notices


def test_over_time_draws_the_added_figure_as_its_own_point(mine: Dataset) -> None:
    view = over_time_view(mine, OverTimeSettings(indicator="population", countries=("KAZ", "RUS")))
    own = view.table[view.table["Source kind"] == OWN_BASIS]
    assert list(own["Year"]) == [2020]
    assert list(own["Value (persons)"]) == [18_700_000]
    assert view.figure is not None
    assert f"Your figures ({CITATION.rstrip('.')})" in _spec_text(view.figure.spec)


def test_energy_draws_an_added_oil_import_figure(ds: Dataset) -> None:
    added = _upload(ds, "CHN,oil_imports_mt,2008,180,exact,,,reported,my_source,table 3,,,")
    view = energy_view(added, crude=False)
    assert list(view.added["Year"]) == [2008]
    assert list(view.added["Basis"]) == [OWN_BASIS]
    assert view.figure is not None
    text = _spec_text(view.figure.spec)
    assert f"Your figures ({CITATION.rstrip('.')})" in text
    assert energy_view(ds, crude=False).added.empty


def test_an_added_figure_of_a_country_not_selected_is_not_drawn(mine: Dataset) -> None:
    settings = CompareSettings(
        indicator="population", countries=("CHN", "RUS", "KGZ", "TJK", "UZB"), share_of="population", as_of=2003
    )
    view = compare_view(mine, settings)
    assert OWN_BASIS not in set(view.table["Basis"])
    assert view.figure is not None
    assert "Your figures" not in _spec_text(view.figure.spec)
    over = over_time_view(mine, OverTimeSettings(indicator="population", countries=("CHN",)))
    assert OWN_BASIS not in set(over.table["Source kind"])


def test_a_row_naming_the_essay_as_its_source_is_refused(ds: Dataset) -> None:
    # On main a shipped row's copy was refused only as a duplicate key, and another year of it was accepted with the
    # essay's citation beside a locator the essay never gave. A cited source (EIU) and the essay itself are refused.
    shipped = (ROOT / "data" / "observations.csv").read_text(encoding="utf-8").splitlines()
    other_year = shipped[3].replace(",2002,", ",2019,", 1).replace("eiu_kaz_2003", "zhao_2003")
    data = ("\n".join([shipped[0], KAZ_2020, shipped[3], other_year]) + "\n").encode()
    result = check_upload(ds, data, "mine.csv", CITATION)
    assert result.rows is None
    assert [(p.file, p.row, p.column, p.check, p.value) for p in result.problems] == [
        ("mine.csv", 3, "source_id", ESSAY_SOURCE_CHECK, "eiu_kaz_2003"),
        ("mine.csv", 4, "source_id", ESSAY_SOURCE_CHECK, "zhao_2003"),
    ]
    assert "a source of the essay" in result.problems[0].message


def test_a_row_with_a_shipped_key_is_refused_with_both_lines(ds: Dataset) -> None:
    # A package whose third line cites a reference source (not the essay): its key may not be taken by an upload.
    shipped = (ROOT / "data" / "observations.csv").read_text(encoding="utf-8").splitlines()
    reference = "datahub_population_425fc44"
    observations = ds.observations.copy()
    observations.loc[2, "source_id"] = reference  # line 4 of the file
    package = dataclasses.replace(ds, observations=observations)
    key = shipped[3].split(",")
    key[8] = reference
    data = ("\n".join([shipped[0], KAZ_2020, ",".join(key)]) + "\n").encode()
    result = check_upload(package, data, "mine.csv", CITATION)
    assert result.rows is None
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert (problem.file, problem.row, problem.check) == ("mine.csv", 3, DUPLICATE_CHECK)
    assert problem.column == "country_code+indicator_id+year+source_id"
    assert problem.value == ", ".join([key[0], key[1], key[2], key[8]])
    assert "line 4 of observations.csv" in problem.message
    assert "use your own source_id or another year" in problem.message
