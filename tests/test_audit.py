"""Evidence phrases: each is quoted from the essay and states its figure.

The essay-backed tests need ``ESSAY_TEXT`` (the essay is not shipped); the number
parsing is tested on made-up phrases and always runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indicators.analysis.audit import audit_evidence, read_essay
from indicators.analysis.numbers import normalise, numbers_in, states_number
from indicators.load.dataset import load_dataset
from indicators.schemas import essay_sourced

ROOT = Path(__file__).parents[1]

# --- against the essay --------------------------------------------------------------------------


@pytest.mark.essay
def test_every_essay_sourced_row_is_audited(essay_path: Path) -> None:
    audit = audit_evidence(load_dataset(), read_essay(essay_path))
    assert len(audit) == 52
    assert audit["file"].value_counts().to_dict() == {"observations.csv": 16, "borders.csv": 5, "claims.csv": 31}


@pytest.mark.essay
def test_every_evidence_phrase_is_in_the_essay(essay_path: Path) -> None:
    audit = audit_evidence(load_dataset(), read_essay(essay_path))
    missing = audit.loc[~audit["in_essay"], ["file", "row", "evidence"]]
    assert missing.empty, missing.to_string()


@pytest.mark.essay
def test_every_evidence_phrase_states_its_number(essay_path: Path) -> None:
    audit = audit_evidence(load_dataset(), read_essay(essay_path))
    wrong = audit.loc[~audit["states_number"], ["file", "row", "evidence"]]
    assert wrong.empty, wrong.to_string()


@pytest.mark.essay
def test_an_altered_essay_fails_the_audit(essay_path: Path) -> None:
    text = read_essay(essay_path).replace("about 66,000", "about 67,000")
    audit = audit_evidence(load_dataset(), text)
    failing = audit[~audit["in_essay"]]
    assert failing[["file", "row", "evidence"]].values.tolist() == [
        ["observations.csv", 3, "armed forces of about 66,000"],
        ["claims.csv", 3, "armed forces of about 66,000"],
    ]


def test_a_claim_whose_evidence_misstates_its_figure_fails_the_audit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "claims.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("armed forces of about 66,000", "armed forces of about 60,000"), encoding="utf-8"
    )
    audit = audit_evidence(load_dataset(data), "armed forces of about 60,000")
    assert audit.loc[audit["file"] == "claims.csv"].query("evidence == 'armed forces of about 60,000'")[
        "states_number"
    ].tolist() == [False]


def test_essay_sourced_means_the_essay_and_what_it_cites() -> None:
    assert essay_sourced(load_dataset().sources) == {"zhao_2003", "eiu_kaz_2003", "eiu_kgz_2003"}


def test_audit_on_text_without_the_phrases() -> None:
    audit = audit_evidence(load_dataset(), "An essay about something else.")
    assert len(audit) == 52
    assert not audit["in_essay"].any()
    assert audit["states_number"].all()


# --- numbers in phrases -------------------------------------------------------------------------


def test_normalise_drops_markdown_escapes_and_extra_space() -> None:
    text = "  GDP was \\$1.6 billion\n with  a per capita GDP of \\$325 "
    assert normalise(text) == "GDP was $1.6 billion with a per capita GDP of $325"


def test_billions_with_a_dollar_sign() -> None:
    found = numbers_in("about $24.4 billion")
    assert 24.4e9 in found
    assert found == {24.4, 24.4e9}
    assert states_number("about $24.4 billion", 24.4e9, "approx", None, None)


def test_a_range_gives_both_ends() -> None:
    found = numbers_in("150-200 million tons")
    assert {150.0, 200.0, 150e6, 200e6} == found
    assert states_number("reaching some 150-200 million tons", 175, "range", 150, 200)
    assert numbers_in("150–200 Mt") == {150.0, 200.0}  # en dash


def test_number_words() -> None:
    assert numbers_in("only half") == {0.5}
    assert numbers_in("one third of them") == {1 / 3}
    assert numbers_in("a quarter") == {0.25}
    assert numbers_in("on behalf of") == set()


def test_thousands_separators() -> None:
    assert numbers_in("7,300 km") == {7300.0}
    assert numbers_in("their 7300-kilometer border") == {7300.0}
    assert states_number("over 7,300 km", 7300, "gt", 7300, None)


def test_a_phrase_without_the_number_fails() -> None:
    assert not states_number("armed forces of about 60,000", 66000, "approx", None, None)
    assert not states_number("a population of less than 15 million", 16e6, "lt", None, 16e6)
    assert not states_number("no figure here", 5, "exact", None, None)


def test_a_range_needs_both_bounds() -> None:
    assert not states_number("reaching some 150 million tons", 175, "range", 150, 200)
    assert not states_number("reaching some 150-200 million tons", 175, "range", None, None)
    assert not states_number("reaching some 175 million tons", 175, "range", 150, 200)


# --- the ESSAY_TEXT switch ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("essay_text", "require", "outcome"),
    [("", "", "1 skipped"), ("/nonexistent/essay.txt", "", "1 error"), ("", "1", "1 error")],
    ids=["unset-skips", "missing-file-fails", "unset-fails-when-required"],
)
def test_essay_text_unset_skips_but_a_wrong_path_fails(essay_text: str, require: str, outcome: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("ESSAY_TEXT", "SCO_REQUIRE_ESSAY")}
    if essay_text:
        env["ESSAY_TEXT"] = essay_text
    if require:
        env["SCO_REQUIRE_ESSAY"] = require
    node = f"{__file__}::test_every_evidence_phrase_is_in_the_essay"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", node],
        cwd=Path(__file__).parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert outcome in done.stdout, done.stdout
    # A wrong path is an error in the fixture (the run fails); an unset variable is a clean skip.
    assert done.returncode == (1 if essay_text or require else 0)
    if essay_text:
        assert "ESSAY_TEXT names /nonexistent/essay.txt, which is not a file" in done.stdout
