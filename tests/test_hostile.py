"""Hostile data folders: each is refused with the right message, or accepted, quickly and without a traceback.

Every folder is built at test time (the big ones too) from a copy of the shipped
package, then checked twice: through the library (``load_dataset``) and through
the command line (``python -m indicators validate DIR``), which runs under a
timeout, so a folder that hangs or runs away fails the test instead of the run.
The folders themselves are described in ``tests/hostile_cases.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from indicators.load.dataset import DataValidationError, load_dataset
from tests.hostile_cases import CASES, ROOT, SHIPPED, Case, Key
from tests.support import run_cli

#: Seconds one ``validate`` may take before the folder counts as one that hangs (a cold start takes about 3 s).
CLI_TIMEOUT = 90


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in name)[:40]


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every hostile folder, built once from a copy of the shipped package."""
    root = tmp_path_factory.mktemp("hostile")
    out = {}
    for case in CASES:
        folder = root / _slug(case.name)
        shutil.copytree(SHIPPED, folder)
        case.build(folder)
        out[case.name] = folder
    return out


def _validate(folder: Path) -> subprocess.CompletedProcess[str] | str:
    try:
        return run_cli("validate", str(folder), timeout=CLI_TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"validate did not finish within {CLI_TIMEOUT} s"


@pytest.fixture(scope="module")
def cli_runs(folders: dict[str, Path]) -> dict[str, subprocess.CompletedProcess[str] | str]:
    """``python -m indicators validate`` on every folder, a few at a time."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        done = pool.map(_validate, folders.values())
        return dict(zip(folders, done, strict=True))


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


def _where(key: Key, folder: Path) -> str:
    file, row, column, _ = key
    where = file or str(folder)
    if row is not None:
        where += f", row {row}"
    if column:
        where += f", column {column}"
    return where


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_library(case: Case, folders: dict[str, Path]) -> None:
    folder = folders[case.name]
    if case.expect is None:
        load_dataset(folder)
        return
    with pytest.raises(DataValidationError) as info:
        load_dataset(folder)
    file, row, column, check = case.expect
    found = [p for p in info.value.problems if (p.file, p.row, p.column, p.check) == (file or str(folder), row, column, check)]
    assert found, [(p.file, p.row, p.column, p.check, p.message) for p in info.value.problems[:5]]
    assert case.says in found[0].message


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli(case: Case, folders: dict[str, Path], cli_runs: dict[str, subprocess.CompletedProcess[str] | str]) -> None:
    done = cli_runs[case.name]
    assert not isinstance(done, str), done
    assert "Traceback" not in done.stdout + done.stderr
    if case.expect is None:
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.startswith(f"OK: {folders[case.name]} is valid")
        return
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("INVALID: ")
    if case.name == "data folder is a file":
        return  # `validate FILE` reads a file argument as one observations file (the upload check), refused above
    where = _where(case.expect, folders[case.name])
    # The check's technical name is not printed (a person reads what is wrong); the message names the problem.
    lines = [line for line in done.stderr.splitlines() if line.startswith(where + ": ") and case.says in line]
    assert lines, done.stderr[:2000]


#: Folders the app is opened on: what hung it, crashed it, or was once shown as valid.
APP_CASES = ["fifo instead of observations.csv", "header only", "60 MB observations.csv", "a stated population of 0"]


@pytest.mark.parametrize("name", APP_CASES)
def test_app(name: str, folders: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    case = next(c for c in CASES if c.name == name)
    monkeypatch.setenv("SCO_DATA_DIR", str(folders[name]))
    for page in ("indicators/pages/compare.py", "indicators/pages/data.py"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        if not page.endswith("compare.py"):
            at.switch_page(page)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        if case.expect is None:
            assert at.title
            assert not at.error
        else:
            assert "did not validate" in at.error[0].value
            report = at.dataframe[0].value
            assert case.expect[3] in set(report["check"])


@pytest.mark.parametrize("kind", ["fifo", "latin-1"])
def test_audit_refuses_an_unreadable_essay(kind: str, tmp_path: Path) -> None:
    essay = tmp_path / "essay.txt"
    if kind == "fifo":
        os.mkfifo(essay)
    else:
        essay.write_bytes("armed forces of about 66,000 – café".encode("latin-1", "replace"))
    done = run_cli("audit", str(essay), timeout=CLI_TIMEOUT)
    assert done.returncode == 2
    assert done.stderr.startswith(f"ERROR: cannot read the essay at {essay}: it ")
    assert "Traceback" not in done.stderr
