"""Data is read again when it changes: in the library (stat signature, atomic reads) and in the app (cache key, Reload)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from indicators import charts
from indicators.load import dataset, validation
from indicators.load.dataset import DataValidationError, data_signature, load_dataset
from indicators.load.safe_read import RefusedError, read_file
from indicators.schemas import SCHEMAS

ROOT = Path(__file__).parents[1]
APP = str(ROOT / "app.py")


def retitle(data_dir: Path, old: str, new: str) -> None:
    path = data_dir / "indicators.csv"
    text = path.read_text(encoding="utf-8")
    assert f",{old}," in text
    path.write_text(text.replace(f",{old},", f",{new},", 1), encoding="utf-8")


def chart_title(at: AppTest) -> str:
    return charts.title_of(json.loads(at.get("vega_lite_chart")[0].proto.spec))


# --- the library ------------------------------------------------------------------------------------------------------


def test_signature_changes_with_an_edit_and_not_without(data_copy: Path) -> None:
    before = data_signature(data_copy)
    assert data_signature(data_copy) == before
    retitle(data_copy, "GDP", "Gross domestic product")
    assert data_signature(data_copy) != before


def test_memo_gives_the_edited_data_not_the_remembered_one(data_copy: Path) -> None:
    assert load_dataset(data_copy).indicator("gdp_usd").title == "GDP"
    retitle(data_copy, "GDP", "Gross domestic product")
    assert load_dataset(data_copy).indicator("gdp_usd").title == "Gross domestic product"


def test_a_failed_validation_does_not_fall_back_to_the_last_good_data(data_copy: Path) -> None:
    load_dataset(data_copy)
    (data_copy / "observations.csv").write_text("country_code\n", encoding="utf-8")
    with pytest.raises(DataValidationError):
        load_dataset(data_copy)


def test_a_file_that_changes_while_read_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(b"a\n1\n")
    calls = []
    real_read = os.read

    def read_while_written(fd: int, n: int) -> bytes:
        calls.append(n)
        if len(calls) == 1:  # a writer appends while the first read is under way
            with path.open("ab") as f:
                f.write(b"2\n")
        return real_read(fd, n)

    monkeypatch.setattr("indicators.load.safe_read.os.read", read_while_written)
    assert read_file(tmp_path, "table.csv") == b"a\n1\n2\n"
    assert len(calls) > 2  # read twice, to the end each time


def test_a_file_that_keeps_changing_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(b"a\n")
    real_read = os.read
    starting = [True]

    def always_written(fd: int, n: int) -> bytes:
        if starting[0]:  # a writer appends during every read of the file
            with path.open("ab") as f:
                f.write(b"1\n")
        data = real_read(fd, n)
        starting[0] = not data  # the next read after the end of the file starts another attempt
        return data

    monkeypatch.setattr("indicators.load.safe_read.os.read", always_written)
    with pytest.raises(RefusedError) as info:
        read_file(tmp_path, "table.csv")
    assert info.value.problem.check == "stable_file"
    assert "kept changing while it was read" in info.value.problem.message


def test_a_package_that_changes_between_files_is_read_again(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = dataset.read_and_validate

    def edited_meanwhile(directory: Path, replace: Any) -> Any:
        result = real(directory, replace)
        calls.append(1)
        if len(calls) == 1:
            retitle(data_copy, "GDP", "Gross domestic product")
        return result

    monkeypatch.setattr(dataset, "read_and_validate", edited_meanwhile)
    ds = load_dataset(data_copy)
    assert len(calls) == 2
    assert ds.indicator("gdp_usd").title == "Gross domestic product"


# --- the app ------------------------------------------------------------------------------------------------------------


def test_an_edit_shows_on_the_next_rerun(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCO_DATA_DIR", str(data_copy))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert chart_title(at) == "GDP: the 6 SCO members of 2003, values for 2002"
    retitle(data_copy, "GDP", "Gross domestic product")
    at.run()
    assert not at.exception
    assert chart_title(at) == "Gross domestic product: the 6 SCO members of 2003, values for 2002"


def test_a_broken_edit_shows_the_problems_not_the_old_data(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCO_DATA_DIR", str(data_copy))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert at.get("vega_lite_chart")
    path = data_copy / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",66000,", ",lots,", 1), encoding="utf-8")
    at.run()
    assert not at.exception
    assert "did not validate: 1 problem(s)" in at.error[0].value
    assert not at.get("vega_lite_chart")


def test_reload_button_reads_the_files_again(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCO_DATA_DIR", str(data_copy))
    at = AppTest.from_file(APP, default_timeout=120).run()
    calls = []
    real = dataset.read_and_validate

    def counted(directory: Path, replace: Any) -> Any:
        calls.append(directory)
        return real(directory, replace)

    monkeypatch.setattr(dataset, "read_and_validate", counted)
    at.run()
    assert calls == []  # unchanged files: served from the cache
    at.sidebar.button(key="common_reload").click().run()
    assert not at.exception
    assert calls == [data_copy]  # read and validated again, once
    assert chart_title(at) == "GDP: the 6 SCO members of 2003, values for 2002"


# --- verdicts on disk ---------------------------------------------------------------------------------------------------


def checks_run(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tables the schema checks are run on from now on."""
    calls: list[str] = []
    real = validation.validate_table

    def counted(file: str, *args: Any) -> Any:
        calls.append(file)
        return real(file, *args)

    monkeypatch.setattr(dataset, "validate_table", counted)
    return calls


def test_content_checked_before_is_read_into_the_same_tables(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(dataset.VERDICTS_ENV, str(tmp_path / "verdicts"))
    calls = checks_run(monkeypatch)
    checked = load_dataset(data_copy)
    assert calls
    assert len(list((tmp_path / "verdicts").iterdir())) == 1
    calls.clear()
    again = load_dataset(data_copy)
    assert calls == []  # the verdict stood for the checks
    for file in SCHEMAS:
        pd.testing.assert_frame_equal(again.table(file), checked.table(file), check_exact=True)


def test_a_corrupted_verdict_is_no_verdict(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "verdicts"
    monkeypatch.setenv(dataset.VERDICTS_ENV, str(folder))
    load_dataset(data_copy)
    (verdict,) = folder.iterdir()
    verdict.write_text(verdict.name[:-1], encoding="ascii")  # truncated
    calls = checks_run(monkeypatch)
    load_dataset(data_copy)
    assert calls  # checked in full again


def test_a_verdict_never_covers_edited_bytes(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(dataset.VERDICTS_ENV, str(tmp_path / "verdicts"))
    load_dataset(data_copy)
    path = data_copy / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",66000,", ",lots,", 1), encoding="utf-8")
    with pytest.raises(DataValidationError):
        load_dataset(data_copy)


def test_no_verdict_folder_means_every_check_runs(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    not_a_folder = tmp_path / "a-file"  # cannot hold a verdict, like a read-only home (the tests may run as root)
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setenv(dataset.VERDICTS_ENV, str(not_a_folder / "verdicts"))
    calls = checks_run(monkeypatch)
    load_dataset(data_copy)
    load_dataset(data_copy)
    assert calls.count("observations.csv") == 2
