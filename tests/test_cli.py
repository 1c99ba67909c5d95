"""``python -m indicators``, run as a user runs it: exit codes and what is printed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from indicators.load.dataset import load_dataset
from indicators.schemas import SCHEMAS
from tests.support import run_cli

ROOT = Path(__file__).parents[1]
EditCell = Callable[[str, int, str, str], Path]


def test_validate_shipped_data() -> None:
    done = run_cli("validate")
    assert done.returncode == 0, done.stderr
    ds = load_dataset(ROOT / "data")
    counts = ", ".join(f"{file.removesuffix('.csv')} {len(ds.table(file))}" for file in SCHEMAS)
    assert f"OK: {ROOT / 'data'} is valid ({counts} rows)." in done.stdout
    assert "Consistency: 11 checks; 1 inconsistency within the essay, shown by 2 check(s)" in done.stdout
    assert "  - TJK gdp_per_capita_usd 2002: stated US$173 vs US$220" in done.stdout
    assert "  - TJK population 2002: stated about 5 million vs 6.4 million" in done.stdout
    assert done.stderr == ""


def test_validate_corrupted_copy(edit_cell: EditCell) -> None:
    data_dir = edit_cell("observations.csv", 3, "value", "lots")
    done = run_cli("validate", str(data_dir))
    assert done.returncode == 1
    assert done.stdout == ""
    assert f"INVALID: 1 problem(s) in {data_dir}" in done.stderr
    assert "observations.csv, row 3, column value: not a number: write digits only" in done.stderr
    assert "Traceback" not in done.stderr


def test_validate_names_every_file_and_row(edit_cell: EditCell) -> None:
    edit_cell("borders.csv", 5, "evidence", "The common border between them is long")
    data_dir = edit_cell("observations.csv", 3, "country_code", "XYZ")
    done = run_cli("validate", str(data_dir))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == f"INVALID: 2 problem(s) in {data_dir}"
    assert sorted(line.split(":")[0] for line in lines[1:]) == [
        "borders.csv, row 5, column evidence",
        "observations.csv, row 3, column country_code",
    ]
    assert "Traceback" not in done.stderr


def test_validate_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    done = run_cli("validate", str(missing))
    assert done.returncode == 1
    assert f"INVALID: 1 problem(s) in {missing}" in done.stderr
    assert f"{missing}: the data folder does not exist" in done.stderr
    assert "Traceback" not in done.stderr


def test_validate_empty_folder_names_every_missing_file(tmp_path: Path) -> None:
    done = run_cli("validate", str(tmp_path))
    assert done.returncode == 1
    assert f"INVALID: {len(SCHEMAS) + 1} problem(s) in {tmp_path}" in done.stderr
    for file in [*SCHEMAS, "datapackage.json"]:
        assert f"{file}: file is missing (value: '{tmp_path / file}')" in done.stderr
    assert "Traceback" not in done.stderr


def test_validate_reads_the_env_variable(edit_cell: EditCell) -> None:
    data_dir = edit_cell("observations.csv", 3, "value", "lots")
    done = run_cli("validate", env={"SCO_DATA_DIR": str(data_dir)})
    assert done.returncode == 1
    assert str(data_dir) in done.stderr


def test_export_writes_every_table(tmp_path: Path) -> None:
    out = tmp_path / "export"
    done = run_cli("export", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([*SCHEMAS, "datapackage.json"])
    assert f"Wrote {len(SCHEMAS) + 1} files to {out}" in done.stdout
    shipped = load_dataset()
    exported = load_dataset(out)
    pd.testing.assert_frame_equal(exported.observations, shipped.observations)
    for file in SCHEMAS:
        pd.testing.assert_frame_equal(exported.table(file), shipped.table(file))
    assert json.loads((out / "datapackage.json").read_text(encoding="utf-8")) == json.loads(
        (ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")
    )
    # UTF-8 without a byte-order mark, header first.
    raw = (out / "observations.csv").read_bytes()
    assert raw.startswith(b"country_code,indicator_id,year,value,qualifier,")


def test_export_from_another_data_dir(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    done = run_cli("export", "--out", str(out), "--data-dir", str(data_copy))
    assert done.returncode == 0, done.stderr
    assert len(pd.read_csv(out / "observations.csv")) == 16


def test_export_refuses_invalid_data(edit_cell: EditCell, tmp_path: Path) -> None:
    out = tmp_path / "export"
    done = run_cli("export", "--out", str(out), "--data-dir", str(edit_cell("observations.csv", 3, "value", "lots")))
    assert done.returncode == 1
    assert "observations.csv, row 3, column value" in done.stderr
    assert not out.exists()


def test_export_to_unwritable_path(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    out = blocker / "export"
    done = run_cli("export", "--out", str(out))
    assert done.returncode == 1
    assert f"ERROR: cannot write to {out}" in done.stderr
    assert "Traceback" not in done.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_audit_without_an_essay() -> None:
    done = run_cli("audit")
    assert done.returncode == 2
    assert "ERROR: name the essay file, or set ESSAY_TEXT" in done.stderr
    assert "Traceback" not in done.stderr


def test_audit_with_a_missing_essay_file(tmp_path: Path) -> None:
    done = run_cli("audit", str(tmp_path / "no-essay.txt"))
    assert done.returncode == 2
    assert "ERROR: cannot read the essay at" in done.stderr
    assert "Traceback" not in done.stderr


def test_audit_against_a_text_made_of_the_evidence(tmp_path: Path) -> None:
    ds = load_dataset()
    phrases = [*ds.observations["evidence"], *ds.borders["evidence"], *ds.claims["evidence"]]
    text = tmp_path / "phrases.txt"
    text.write_text("\n\n".join(phrases), encoding="utf-8")
    done = run_cli("audit", env={"ESSAY_TEXT": str(text)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "Evidence audit: 52 essay-sourced figures and claims, 0 failing."
    text.write_text("\n\n".join(p for p in phrases if p != "armed forces of about 66,000"), encoding="utf-8")
    done = run_cli("audit", str(text))
    assert done.returncode == 1
    assert "Evidence audit: 52 essay-sourced figures and claims, 2 failing." in done.stdout
    assert "armed forces of about 66,000" in done.stdout


@pytest.mark.essay
def test_audit_passes_with_the_essay(essay_path: Path) -> None:
    done = run_cli("audit", env={"ESSAY_TEXT": str(essay_path)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "Evidence audit: 52 essay-sourced figures and claims, 0 failing."


@pytest.mark.essay
def test_audit_fails_when_a_phrase_is_not_in_the_essay(essay_path: Path, tmp_path: Path) -> None:
    text = essay_path.read_text(encoding="utf-8")
    phrase = "armed forces of about 66,000"
    assert text.count(phrase) == 1
    altered = tmp_path / "essay.txt"
    altered.write_text(text.replace(phrase, "armed forces of about 67,000"), encoding="utf-8")
    done = run_cli("audit", str(altered))
    assert done.returncode == 1
    assert "Evidence audit: 52 essay-sourced figures and claims, 2 failing." in done.stdout
    assert phrase in done.stdout
    assert "Traceback" not in done.stderr
