"""Bring your own figures: one observations file checked against the shipped package (library, CLI, page)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from indicators.dataset import Dataset, load_dataset
from indicators.upload import UNKNOWN_SOURCE_MESSAGE, check_upload, template_csv

ROOT = Path(__file__).parents[1]
CITATION = "Jane Doe, My own figures (2026), table 3."


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def _lines(ds: Dataset) -> list[str]:
    return template_csv(ds).decode("utf-8-sig").splitlines()


def _file(ds: Dataset, row: str) -> bytes:
    return (_lines(ds)[0] + "\n" + row + "\n").encode()


def _found(problems: object) -> set[tuple[int | None, str | None, str]]:
    return {(p.row, p.column, p.check) for p in problems}  # type: ignore[attr-defined]


def test_a_valid_file_with_a_known_source_is_accepted(ds: Dataset) -> None:
    row = _lines(ds)[1].replace("my_source", "eiu_kaz_2003").replace(",,,EXAMPLE", ",evidence less than 15 million,,EXAMPLE")
    result = check_upload(ds, _file(ds, row), "mine.csv")
    assert result.problems == ()
    assert result.rows is not None
    assert list(result.rows["source_id"]) == ["eiu_kaz_2003"]
    assert list(result.rows.columns) == list(ds.observations.columns)
    assert result.new_sources is not None
    assert result.new_sources.empty


def test_a_bad_cell_is_reported_with_its_line_and_column(ds: Dataset) -> None:
    row = _lines(ds)[1].replace("15000000,", "abc,", 1)
    result = check_upload(ds, _file(ds, row), "mine.csv", CITATION)
    assert result.rows is None
    assert _found(result.problems) == {(2, "value", "coerce_dtype('float64')")}
    assert result.problems[0].file == "mine.csv"


def test_an_unknown_country_is_a_foreign_key_problem(ds: Dataset) -> None:
    row = _lines(ds)[1].replace("KAZ", "XYZ")
    result = check_upload(ds, _file(ds, row), "mine.csv", CITATION)
    assert _found(result.problems) == {(2, "country_code", "foreign_key(countries.code)")}


def test_an_unknown_source_without_a_citation_asks_for_one(ds: Dataset) -> None:
    result = check_upload(ds, template_csv(ds), "mine.csv")
    assert result.rows is None
    assert _found(result.problems) == {(2, "source_id", "foreign_key(sources.source_id)")}
    assert result.problems[0].message == UNKNOWN_SOURCE_MESSAGE


def test_an_unknown_source_with_a_citation_becomes_a_new_source(ds: Dataset) -> None:
    result = check_upload(ds, template_csv(ds), "mine.csv", CITATION)
    assert result.ok
    assert result.rows is not None
    assert len(result.rows) == 1
    assert result.new_sources is not None
    assert list(result.new_sources["source_id"]) == ["my_source"]
    assert list(result.new_sources["citation"]) == [CITATION]
    assert list(result.new_sources["kind"]) == ["reference"]


def test_a_semicolon_file_is_said_once(ds: Dataset) -> None:
    data = template_csv(ds).decode("utf-8-sig").replace(",", ";").encode()
    result = check_upload(ds, data, "mine.csv", CITATION)
    assert _found(result.problems) == {(1, None, "comma_separated")}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SCO_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "indicators", "validate", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        env=env,
        check=False,
    )


def test_validate_file_accepts_and_refuses(ds: Dataset, tmp_path: Path) -> None:
    good = tmp_path / "mine.csv"
    good.write_bytes(template_csv(ds))
    refused = _cli(str(good))
    assert refused.returncode == 1, refused.stderr
    assert "mine.csv, row 2, column source_id: unknown source: add one line of citation" in refused.stderr
    accepted = _cli(str(good), "--citation", CITATION)
    assert accepted.returncode == 0, accepted.stderr
    assert "1 valid figure(s)" in accepted.stdout
    assert "my_source" in accepted.stdout
    bad = tmp_path / "bad.csv"
    bad.write_bytes(template_csv(ds).replace(b"KAZ", b"XYZ"))
    out = _cli(str(bad), "--citation", CITATION)
    assert out.returncode == 1
    assert "bad.csv, row 2, column country_code:" in out.stderr
    assert "[foreign_key(countries.code)]" in out.stderr
    for run in (refused, accepted, out):
        assert "Traceback" not in run.stdout + run.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_validate_file_refuses_a_fifo_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "observations.csv"
    os.mkfifo(fifo)
    out = _cli(str(fifo))
    assert out.returncode == 1
    assert "[safe_file]" in out.stderr
    assert "named pipe" in out.stderr
    assert "Traceback" not in out.stdout + out.stderr
