"""The loader: the shipped data validates, and each broken invariant is reported where it is."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from indicators.load.dataset import DEFAULT_DATA_DIR as DATA_DIR
from indicators.load.dataset import DataValidationError, Problem, format_problems, load_dataset, problems_frame
from indicators.schemas import SCHEMAS

EditCell = Callable[[str, int, str, str], Path]
Key = tuple[str, int | None, str | None, str]

OBS = "observations.csv"
#: Spreadsheet rows of observations.csv used below (header = row 1).
KAZ_POPULATION = 2  # lt 15 million
KAZ_ARMED_FORCES = 3  # approx 66,000, evidence "armed forces of about 66,000"
CHN_OIL_2010 = 16  # range 150-200, value 175
#: Spreadsheet rows of the other tables.
KAZ_CHN_BORDER = 5  # borders.csv: 1,700 km
G_SCO = 17  # countries.csv


def problems_of(data_dir: Path) -> list[Problem]:
    with pytest.raises(DataValidationError) as info:
        load_dataset(data_dir)
    assert info.value.problems, "a DataValidationError must carry its problems"
    return info.value.problems


def keys(problems: list[Problem]) -> list[Key]:
    return [(p.file, p.row, p.column, p.check) for p in problems]


def rewrite(path: Path, change: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    """Read a CSV as text, change the frame, write it back (UTF-8, no index)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(frame).to_csv(path, index=False, lineterminator="\n")


# --- the shipped data ---------------------------------------------------------------------------


def test_shipped_data_is_valid_and_every_csv_row_is_kept() -> None:
    ds = load_dataset()
    for file in SCHEMAS:
        with (DATA_DIR / file).open(encoding="utf-8-sig", newline="") as f:
            lines = sum(1 for _ in csv.reader(f)) - 1  # the header is not a row
        assert len(ds.table(file)) == lines > 0, file


def test_shipped_data_is_typed() -> None:
    obs = load_dataset().observations
    assert str(obs["year"].dtype) == "int64"
    assert str(obs["value"].dtype) == "float64"
    first = obs.iloc[KAZ_POPULATION - 2]
    assert (first["country_code"], first["indicator_id"], first["value"], first["upper"]) == ("KAZ", "population", 15e6, 15e6)
    assert pd.isna(first["lower"])


def test_valid_copy_loads_from_its_own_folder(data_copy: Path) -> None:
    ds = load_dataset(data_copy)
    assert ds.data_dir == data_copy
    pd.testing.assert_frame_equal(ds.observations, load_dataset().observations)


def test_env_variable_points_the_loader_elsewhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SCO_DATA_DIR", str(tmp_path))
    problems = problems_of(None)  # type: ignore[arg-type]
    assert {p.check for p in problems} == {"file_exists"}
    assert {p.file for p in problems} == {*SCHEMAS, "datapackage.json"}


# --- one broken fixture per invariant -------------------------------------------------------------


def test_non_numeric_value(edit_cell: EditCell) -> None:
    problems = problems_of(edit_cell(OBS, KAZ_ARMED_FORCES, "value", "lots"))
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.row, p.column, p.value) == (OBS, KAZ_ARMED_FORCES, "value", "lots")
    assert p.check.startswith("coerce_dtype")
    assert p.message.startswith("not a number: ")


def test_a_blank_whole_number_cell_is_said_as_blank(edit_cell: EditCell) -> None:
    # Found by the property test: a blank cell in an integer column came back from the schema library as NaN, and
    # the plain-words message crashed on it (AttributeError) instead of reporting the cell.
    problems = problems_of(edit_cell("assumptions.csv", 2, "chosen", ""))
    assert {(p.column, p.value) for p in problems} == {("chosen", "")}
    assert {p.message for p in problems} >= {"empty cell in a required column"}


#: One cell changed, one problem reported in the same file and row. By case: the cell (file, row, column) and its
#: new value; the column and check reported; what the problem's ``message`` or ``value`` must be (None: the key is
#: all that is checked).
ONE_CELL = {
    "non-integer year": (OBS, KAZ_ARMED_FORCES, "year", "2002.5", "year", "coerce_dtype('int64')", ("message", "not a whole number: write digits only, as in 2002")),
    "unknown country code": (OBS, KAZ_ARMED_FORCES, "country_code", "XYZ", "country_code", "foreign_key(countries.code)", ("value", "XYZ")),
    "unknown indicator id": (OBS, KAZ_ARMED_FORCES, "indicator_id", "troops", "indicator_id", "foreign_key(indicators.indicator_id)", ("value", "troops")),
    # 15 million < 16 million keeps the value within bounds; only the qualifier rule breaks.
    "lt row whose upper is not its value": (OBS, KAZ_POPULATION, "upper", "16000000", "qualifier", "bounds_match_qualifier", ("value", "lt")),
    "evidence without the row's number": (OBS, KAZ_ARMED_FORCES, "evidence", "armed forces of about 60,000", "evidence", "evidence_states_value", ("value", "armed forces of about 60,000")),
    "range evidence needs both bounds": (OBS, CHN_OIL_2010, "evidence", "reaching some 150 million tons", "evidence", "evidence_states_value", None),
    "empty evidence for an essay-sourced row": (OBS, KAZ_ARMED_FORCES, "evidence", "", "evidence", "evidence_required", None),
    "border evidence without its length": ("borders.csv", KAZ_CHN_BORDER, "evidence", "The common border between them is long", "evidence", "evidence_states_length", None),
    "group member not defined": ("countries.csv", G_SCO, "members", "CHN;RUS;KAZ;KGZ;TJK;XXX", "members", "foreign_key(countries.code)", ("value", "XXX")),
    # The check's own column is what is reported, with its value.
    "ratio without denominator": ("indicators.csv", 3, "denominator", "", "derivation", "ratio_names_its_inputs", ("value", "ratio")),
    "membership country not defined": ("membership.csv", 2, "country_code", "XYZ", "country_code", "foreign_key(countries.code)", None),
}  # fmt: skip


@pytest.mark.parametrize(("file", "row", "column", "value", "reported", "check", "shown"), ONE_CELL.values(), ids=ONE_CELL)
def test_one_broken_cell(
    edit_cell: EditCell, file: str, row: int, column: str, value: str, reported: str, check: str, shown: tuple[str, str] | None
) -> None:
    problems = problems_of(edit_cell(file, row, column, value))
    assert keys(problems) == [(file, row, reported, check)]
    if shown is not None:
        attribute, expected = shown
        assert getattr(problems[0], attribute) == expected


def test_range_value_outside_its_bounds(edit_cell: EditCell) -> None:
    # 250 lies outside 150-200, and is no longer the midpoint a range row needs.
    problems = problems_of(edit_cell(OBS, CHN_OIL_2010, "value", "250"))
    assert sorted(keys(problems)) == [
        (OBS, CHN_OIL_2010, "qualifier", "bounds_match_qualifier"),
        (OBS, CHN_OIL_2010, "value", "value_within_bounds"),
    ]
    within = next(p for p in problems if p.check == "value_within_bounds")
    assert within.value == "250.0"


def test_qualifier_not_allowed(edit_cell: EditCell) -> None:
    problems = problems_of(edit_cell(OBS, KAZ_ARMED_FORCES, "qualifier", "about"))
    allowed = "isin(('exact', 'approx', 'lt', 'gt', 'range'))"
    assert (OBS, KAZ_ARMED_FORCES, "qualifier", allowed) in keys(problems)
    # An unknown qualifier cannot fit any bounds rule either: that echo of the same cell is not reported again.
    assert keys(problems) == [(OBS, KAZ_ARMED_FORCES, "qualifier", allowed)]
    assert problems[0].value == "about"
    assert problems[0].message == "must be one of exact, approx, lt, gt, range (did you mean approx?)"


def test_duplicate_key_row(data_copy: Path) -> None:
    rewrite(data_copy / OBS, lambda f: pd.concat([f, f.iloc[[KAZ_ARMED_FORCES - 2]]], ignore_index=True))
    problems = problems_of(data_copy)
    column = "country_code+indicator_id+year+source_id"
    # Both rows carrying the key are named: the original (3) and the appended copy (18).
    assert keys(problems) == [(OBS, 3, column, "multiple_fields_uniqueness"), (OBS, 18, column, "multiple_fields_uniqueness")]
    assert problems[0].value == "KAZ, armed_forces, 2002, zhao_2003"


def test_missing_column(data_copy: Path) -> None:
    rewrite(data_copy / OBS, lambda f: f.drop(columns="qualifier"))
    assert keys(problems_of(data_copy)) == [(OBS, None, "qualifier", "column_in_dataframe")]


def test_unknown_extra_column(data_copy: Path) -> None:
    rewrite(data_copy / OBS, lambda f: f.assign(comment="x"))
    assert keys(problems_of(data_copy)) == [(OBS, None, "comment", "column_in_schema")]


def test_evidence_longer_than_20_words(edit_cell: EditCell) -> None:
    long = "armed forces of about 66,000 " + " ".join(["word"] * 16)  # still stating 66,000
    assert len(long.split()) == 21
    problems = problems_of(edit_cell(OBS, KAZ_ARMED_FORCES, "evidence", long))
    assert keys(problems) == [(OBS, KAZ_ARMED_FORCES, "evidence", "evidence_at_most_20_words")]


def test_evidence_of_exactly_20_words_is_allowed(edit_cell: EditCell) -> None:
    twenty = "armed forces of about 66,000 " + " ".join(["word"] * 15)
    assert len(twenty.split()) == 20
    assert len(load_dataset(edit_cell(OBS, KAZ_ARMED_FORCES, "evidence", twenty)).observations) == 16


def test_a_second_essay_source(edit_cell: EditCell) -> None:
    problems = problems_of(edit_cell("sources.csv", 3, "kind", "essay"))
    assert sorted(keys(problems), key=str) == [
        ("sources.csv", 2, "kind", "exactly_one_essay"),
        ("sources.csv", 3, "cited_in", "cited_source_names_citing_work"),
        ("sources.csv", 3, "kind", "exactly_one_essay"),
    ]


def test_no_essay_source(edit_cell: EditCell) -> None:
    problems = problems_of(edit_cell("sources.csv", 2, "kind", "reference"))
    assert keys(problems) == [("sources.csv", None, "kind", "exactly_one_essay")]
    assert "exactly one source must be the essay" in problems[0].message


def test_two_countries_of_one_name_are_refused(edit_cell: EditCell) -> None:
    # Found by the property test: the over-time finding, keyed by name, failed on a package that validated.
    problems = problems_of(edit_cell("countries.csv", 2, "name", "Afghanistan"))
    assert keys(problems) == [("countries.csv", 2, "name", "name_is_unique"), ("countries.csv", 8, "name", "name_is_unique")]
    assert "same name" in problems[0].message


def test_the_essay_is_the_one_essay_source() -> None:
    assert load_dataset().essay["source_id"] == "zhao_2003"


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "relations.csv").unlink()
    problems = problems_of(data_copy)
    assert keys(problems) == [("relations.csv", None, None, "file_exists")]
    assert problems[0].value == str(data_copy / "relations.csv")


def test_several_problems_in_several_files_are_reported_together(edit_cell: EditCell) -> None:
    edit_cell(OBS, KAZ_ARMED_FORCES, "country_code", "XYZ")
    edit_cell("borders.csv", KAZ_CHN_BORDER, "evidence", "The common border between them is long")
    data_copy = edit_cell("indicators.csv", 2, "decimals", "x")
    (data_copy / "relations.csv").unlink()
    assert sorted(keys(problems_of(data_copy)), key=str) == sorted(
        [
            (OBS, KAZ_ARMED_FORCES, "country_code", "foreign_key(countries.code)"),
            ("borders.csv", KAZ_CHN_BORDER, "evidence", "evidence_states_length"),
            ("indicators.csv", 2, "decimals", "coerce_dtype('int64')"),
            ("relations.csv", None, None, "file_exists"),
        ],
        key=str,
    )


def test_validation_never_changes_the_users_file(edit_cell: EditCell) -> None:
    data_dir = edit_cell(OBS, KAZ_ARMED_FORCES, "value", "lots")
    before = {f: (data_dir / f).read_bytes() for f in SCHEMAS}
    problems_of(data_dir)
    assert {f: (data_dir / f).read_bytes() for f in SCHEMAS} == before


# --- how problems are shown ---------------------------------------------------------------------


def test_format_problems_is_one_line_per_problem() -> None:
    problems = [
        Problem(OBS, 3, "value", "coerce_dtype('float64')", "lots", "not a number"),
        Problem("relations.csv", None, None, "file_exists", "", "file is missing"),
    ]
    assert format_problems(problems) == (
        "observations.csv, row 3, column value: not a number (value: 'lots')\nrelations.csv: file is missing"
    )


def test_report_is_a_frame_of_problems(edit_cell: EditCell) -> None:
    with pytest.raises(DataValidationError) as info:
        load_dataset(edit_cell(OBS, KAZ_ARMED_FORCES, "value", "lots"))
    report = info.value.report()
    assert list(report.columns) == ["file", "row", "column", "check", "value", "message"]
    assert list(report.loc[0, ["file", "row", "column", "value"]]) == [OBS, 3, "value", "lots"]
    assert str(report["row"].dtype) == "Int64"
    assert problems_frame([]).empty
