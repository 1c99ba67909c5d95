"""The claims scorecard: claims as data, verdicts computed, robust across releases; its page, CSV and slide."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Pt

from indicators import load_dataset
from indicators.analysis.claims import FAILS, HOLDS_UP, NOT_COMPARABLE, PARTLY, scorecard
from indicators.analysis.countries import neighbours
from indicators.load.dataset import Dataset
from indicators.outputs.slides import CLAIMS_TITLE, TABLE_PT, build_deck
from indicators.views.claims import claims_view
from tests.support import open_page

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="module")
def card(ds: Dataset) -> pd.DataFrame:
    return scorecard(ds).set_index("claim_id")


def test_at_least_25_claims_each_with_a_verdict_and_evidence(card: pd.DataFrame) -> None:
    assert len(card) >= 25
    assert card["verdict"].ne("").all()
    assert all(len(str(e).split()) <= 20 for e in card["evidence"])
    assert {HOLDS_UP, FAILS, PARTLY, NOT_COMPARABLE} <= set(card["verdict"])


def test_uzbekistan_against_the_rest_of_central_asia(card: pd.DataFrame, ds: Dataset) -> None:
    # 2002 record: UZB 25,399,980 against KAZ + KGZ + TJK + TKM; "about the same" allows ±10%.
    ref = ds.reference.set_index(["country_code", "indicator_id", "year"])["value"]
    rest = sum(ref[(c, "population", 2002)] for c in ("KAZ", "KGZ", "TJK", "TKM"))
    gap = (ref[("UZB", "population", 2002)] - rest) / rest
    assert gap == pytest.approx(-0.205, abs=0.001)
    row = card.loc["uzb_population_rest"]
    assert row["verdict"] == FAILS
    assert f"{gap:+.1%}" in row["explanation"]
    assert "25.4 million against 31.9 million" in row["record"]


def test_kazakhstan_population_claim_names_both_releases(card: pd.DataFrame) -> None:
    row = card.loc["kaz_population"]
    assert (row["verdict"], row["robustness"]) == (FAILS, "depends on the release")
    assert "releases of 2012–2024 (14.9 million)" in row["explanation"]
    assert "releases of 2025–2026 (15.7 million)" in row["explanation"]
    assert "release of 2026-03 (datahub_population_425fc44)" in row["release"]


def test_present_oil_figure_holds_for_gross_crude_in_2002_only(card: pd.DataFrame) -> None:
    row = card.loc["chn_oil_imports_now"]
    # 1,394 kb/d × 365 / 7.33 / 1000 = 69.4 Mt (about 70: holds); net 1,240 kb/d = 61.7 Mt (11.8% off: fails)
    assert (row["verdict"], row["robustness"]) == (HOLDS_UP, "depends on the reading")
    assert "gross crude, 2002: holds; net crude, 2002: does not hold" in row["explanation"]


def test_the_essays_inconsistency_and_relational_claims(card: pd.DataFrame) -> None:
    assert card.loc["tjk_figures_agree", "verdict"] == FAILS
    assert card.loc["tjk_fewer_troops", "verdict"] == HOLDS_UP  # 7,200 < 15,900 in the record
    assert card.loc["chn_largest_population", "verdict"] == HOLDS_UP
    assert card.loc["chn_net_importer_1993", "verdict"] == NOT_COMPARABLE  # crude alone: from 1996
    assert "1996" in str(card.loc["chn_net_importer_1993", "record"])
    assert card.loc["chn_oil_imports_2010", "verdict"] == FAILS  # 238 Mt against 150-200 Mt
    assert card.loc["sco_six_members", "verdict"] == HOLDS_UP


def test_borders_from_the_map(card: pd.DataFrame, ds: Dataset) -> None:
    adjacent = neighbours(ds.data_dir)
    assert "AFG" in adjacent["TJK"]
    assert "AFG" not in adjacent["KAZ"]
    assert "CHN" not in adjacent["UZB"]
    for claim in ("kaz_no_border_afg", "kgz_no_border_afg", "uzb_no_border_chn", "tjk_border_afg"):
        assert card.loc[claim, "verdict"] == HOLDS_UP
    # "a common border … with the other members": none with Uzbekistan, as the essay says elsewhere
    assert card.loc["chn_border_members", "verdict"] == PARTLY
    assert "(not: Uzbekistan)" in str(card.loc["chn_border_members", "record"])


def test_verdicts_are_computed_not_stored(ds: Dataset, tmp_path: Path) -> None:
    # The same claim against another record gives another verdict: move Uzbekistan's 2002 population to the rest's.
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    ref = pd.read_csv(data / "reference.csv", dtype=str, keep_default_na=False)
    at = (ref["country_code"] == "UZB") & (ref["indicator_id"] == "population") & (ref["year"] == "2002")
    ref.loc[at, "value"] = "31000000"
    ref.to_csv(data / "reference.csv", index=False)
    changed = scorecard(load_dataset(data)).set_index("claim_id")
    assert changed.loc["uzb_population_rest", "verdict"] == HOLDS_UP


def test_scorecard_slide_is_a_readable_table(ds: Dataset) -> None:
    view = claims_view(ds)
    assert "uzbekistan" in " ".join(view.slide.iloc[:, 0]).lower()
    prs = Presentation(BytesIO(build_deck([], ds.sources, view.slide, view.summary)))
    tables = [(slide, shape) for slide in prs.slides for shape in slide.shapes if shape.has_table]
    assert tables
    slide, _ = tables[0]
    assert slide.shapes.title is not None
    assert slide.shapes.title.text.startswith(CLAIMS_TITLE)
    rows = sum(len(shape.table.rows) - 1 for _, shape in tables)
    assert rows == len(view.slide)
    sizes = {
        run.font.size
        for _, shape in tables
        for cell in shape.table.iter_cells()
        for p in cell.text_frame.paragraphs
        for run in p.runs
    }
    assert sizes == {Pt(TABLE_PT)}
    assert TABLE_PT >= 18


def test_scorecard_page_shows_every_claim_and_its_csv() -> None:
    at = open_page("claims")
    assert [t.value for t in at.title] == ["Claims scorecard"]
    assert not at.exception
    table = at.dataframe[1].value
    assert len(table) >= 25
    assert "Uzbekistan has about as many people as the rest of Central Asia together" in set(table["Claim (paraphrased)"])
    assert any("claims scorecard" in str(b.proto.label).lower() or b.proto.label == "CSV" for b in at.get("download_button"))
