"""Property: a randomly mutated copy of the shipped package fails validation cleanly, or is valid all the way.

Mutations change or blank a cell, drop a row or duplicate one, in any table. Either
``load_dataset`` raises :class:`DataValidationError` with its problems (and no other
exception), or the package validates and ``python -m indicators validate`` exits 0
without a traceback (loading, the consistency step and the report all run).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.dataset import DataValidationError, load_dataset
from indicators.schemas import SCHEMAS

ROOT = Path(__file__).parents[1]
SHIPPED = ROOT / "data"


def _read(file: str) -> list[list[str]]:
    with (SHIPPED / file).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


#: Every table of the shipped package, header first.
TABLES = {file: _read(file) for file in SCHEMAS}

#: Cell values that have broken things before, or sit at a boundary of the contract.
AWKWARD = [
    "",
    "0",
    "-1",
    "0.0",
    "1e-300",
    "1e309",
    "-1e309",
    "inf",
    "-inf",
    "NaN",
    "nan",
    "1_000",
    "02002",
    "+2002",
    "1799",
    "2101",
    "99999999999999999999999",
    "lt",
    "gt",
    "range",
    "approx",
    "exact",
    "projection",
    "G_SCO",
    "KAZ",
    "XYZ",
    "{}",
    "{} {}",
    "{0.__class__} {}",
    "=1+1",
    "@SUM(1)",
    " ",
    '"',
    "a\nb",
    "\r",
    "§",
]


@dataclass(frozen=True)
class Mutation:
    kind: str  # "set" | "drop" | "duplicate"
    file: str
    row: int  # index into the table's data rows
    column: int = 0
    value: str = ""

    def apply(self, tables: dict[str, list[list[str]]]) -> None:
        rows = tables[self.file]
        index = 1 + self.row % (len(rows) - 1)
        if self.kind == "set":
            cells = rows[index]
            cells[self.column % len(cells)] = self.value
        elif self.kind == "drop" and len(rows) > 2:
            del rows[index]
        elif self.kind == "duplicate":
            rows.insert(index, list(rows[index]))


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    file = draw(st.sampled_from(list(SCHEMAS)))
    rows = TABLES[file]
    row = draw(st.integers(0, len(rows) - 2))
    kind = draw(st.sampled_from(["set", "set", "set", "blank", "drop", "duplicate"]))
    if kind in ("drop", "duplicate"):
        return Mutation(kind, file, row)
    column = draw(st.integers(0, len(rows[0]) - 1))
    if kind == "blank":
        return Mutation("set", file, row, column, "")
    # Another value of the same column keeps many mutated packages valid; the rest test the checks.
    same_column = sorted({r[column] for r in rows[1:]})
    value = draw(
        st.one_of(
            st.sampled_from(same_column),
            st.sampled_from(AWKWARD),
            st.floats(allow_nan=True, allow_infinity=True).map(repr),
            st.integers(-(10**6), 10**6).map(str),
            st.text(max_size=12),
        )
    )
    return Mutation("set", file, row, column, value)


def write_package(folder: Path, changes: list[Mutation]) -> None:
    shutil.copytree(SHIPPED, folder)
    tables = {file: [list(r) for r in rows] for file, rows in TABLES.items()}
    for change in changes:
        change.apply(tables)
    for file in {c.file for c in changes}:
        with (folder / file).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(tables[file])


def validate_cli(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SCO_DATA_DIR", "ESSAY_TEXT")}
    return subprocess.run(
        [sys.executable, "-m", "indicators", "validate", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def check_valid_package(folder: Path) -> None:
    """What must hold for a package that validates (the place to add: every page runs on it)."""
    done = validate_cli(folder)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"OK: {folder} is valid")


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations(), min_size=1, max_size=3))
def test_mutated_package_fails_cleanly_or_validates(changes: list[Mutation]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        write_package(folder, changes)
        try:
            load_dataset(folder, memo=False)
        except DataValidationError as err:
            problems = err.problems
        else:
            check_valid_package(folder)
            return
        assert problems
        for problem in problems:
            assert problem.file
            assert problem.message
            assert problem.row is None or problem.row >= 1
