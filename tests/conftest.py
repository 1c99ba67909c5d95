"""Shared fixtures: a throw-away copy of the data package and a way to break one cell of it."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

#: The shipped data package.
DATA_DIR = Path(__file__).parents[1] / "data"

#: The test modules of `make quick` (marker ``quick``): the contract, the arithmetic, the views and their findings,
#: in-process and without a browser, a subprocess corpus or drawing (about 45 s on 2 cores). `make test` runs all.
QUICK_MODULES = {
    "test_derive.py",
    "test_consistency.py",
    "test_package.py",
    "test_structure.py",
    "test_legibility.py",
    "test_dataset.py",
    "test_claims.py",
    "test_views.py",
}


def pytest_configure(config: pytest.Config) -> None:
    """The tests keep their verdicts (indicators.load.dataset) in a folder of their own, not in the user's cache."""
    import tempfile

    os.environ.setdefault("SCO_VERDICT_DIR", tempfile.mkdtemp(prefix="sco-test-verdicts-"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in QUICK_MODULES and item.get_closest_marker("thorough") is None:
            item.add_marker(pytest.mark.quick)


def read_csv_rows(path: Path) -> list[list[str]]:
    """Every line of a CSV as a list of cells, header first (so spreadsheet row N is index N - 1)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write_csv_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Rewrite one cell: ``row`` is the spreadsheet row (header = 1), ``column`` a header name."""
    rows = read_csv_rows(path)
    rows[row - 1][rows[0].index(column)] = value
    write_csv_rows(path, rows)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A fresh copy of the shipped data folder, safe to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def edit_cell(data_copy: Path) -> Callable[[str, int, str, str], Path]:
    """``edit_cell(file, row, column, value)`` rewrites one cell of ``data_copy`` and returns the data folder."""

    def edit(file: str, row: int, column: str, value: str) -> Path:
        set_cell(data_copy / file, row, column, value)
        return data_copy

    return edit


@pytest.fixture
def essay_path() -> Path:
    """The essay named by ``ESSAY_TEXT``: skip when it is unset, fail when it names no file."""
    name = os.environ.get("ESSAY_TEXT")
    if not name and os.environ.get("SCO_REQUIRE_ESSAY") == "1":
        pytest.fail("SCO_REQUIRE_ESSAY=1 but ESSAY_TEXT is not set: CI must run the evidence audit")
    if not name:
        pytest.skip("ESSAY_TEXT is not set: the essay is not shipped with the data package, so the evidence audit cannot run")
    path = Path(name)
    if not path.is_file():
        pytest.fail(f"ESSAY_TEXT names {path}, which is not a file")
    return path
