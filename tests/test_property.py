"""Property: a randomly mutated copy of the shipped package fails validation cleanly, or is valid all the way.

Mutations change or blank a cell, drop a row or duplicate one, in any table. Either
``load_dataset`` raises :class:`DataValidationError` with its problems (and no other
exception), or the package validates, and then ``python -m indicators validate`` exits 0
without a traceback (loading, the consistency step and the report all run), every page
of the registry runs under AppTest without an exception, and every page's view is built
for each indicator, share base, member year and base year its menus offer, without an exception.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.analysis.record import BARRELS_PER_TONNE
from indicators.load.dataset import DATA_DIR_ENV, Dataset, DataValidationError, load_dataset
from indicators.pages.registry import PAGES
from indicators.schemas import SCHEMAS
from indicators.views import borders, compare, data, energy, over_time
from tests.support import open_page, run_cli

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
    # characters no renderer takes (vl-convert aborted the server on them): refused by the reader
    "\x1b[31mred",
    "a\x01b",
    "\x08",
    "\x7f",
    "\ufffe",
    "\uffff",
    "\U0010fffe",
    "tab\tok",
]

#: Text drawn from printable characters and every control and non-character the reader refuses.
CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF, 0xFDD0)]


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
            st.text(st.sampled_from([*CONTROLS, "a", "1", " ", ","]), max_size=6),
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


def run_every_page(folder: Path) -> None:
    """Each registered page opened with its defaults under AppTest: no exception reaches the page."""
    # Not monkeypatch: hypothesis runs many examples in one test.
    with mock.patch.dict(os.environ, {DATA_DIR_ENV: str(folder)}):
        for page in PAGES:
            at = open_page(page.name)
            assert not at.exception, (page.name, [e.message for e in at.exception])
            assert [t.value for t in at.title][:1] == [page.heading], (page.name, [e.value for e in at.error])


def build_every_view(ds: Dataset) -> None:
    """Every page's view for each indicator, share base and base year its menus offer, in-process (a page run
    under AppTest shows only its defaults). Members as the essay saw them, with gaps filled from the record
    (the path that reaches the most code); the other member years once each, on the map."""
    menu = compare.compare_menu(ds)
    members = menu.members[menu.essay_year]
    for indicator in menu.indicators:
        for share_of in menu.bases if indicator in menu.shares else (indicator,):
            settings = compare.CompareSettings(indicator, members, share_of, menu.essay_year, complete=True, reference=True)
            compare.compare_view(ds, settings)
    for entry in over_time.offered(ds):
        over_time.over_time_view(ds, over_time.OverTimeSettings(entry.id, tuple(over_time.record_countries(ds))))
    borders.borders_view(ds, groups=True)
    topology = SHIPPED / "geo" / "sco_region_map.topo.json"
    for year in menu.as_of_years:
        borders.map_figure(ds, topology, year)
    for base_year in (None, *energy.base_year_options(ds)):
        energy.energy_view(ds, True, base_year, BARRELS_PER_TONNE)
    data.data_view(ds)
    for file in SCHEMAS:
        data.table_view(ds, file, tuple(ds.countries["code"]), "a")


def check_valid_package(folder: Path) -> None:
    """What must hold for a package that validates: the CLI says so, every view builds, and every page runs."""
    done = run_cli("validate", str(folder))
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"OK: {folder} is valid")
    build_every_view(load_dataset(folder))
    run_every_page(folder)


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations(), min_size=1, max_size=3))
def test_mutated_package_fails_cleanly_or_validates(changes: list[Mutation]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        write_package(folder, changes)
        try:
            load_dataset(folder)
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
