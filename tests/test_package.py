"""``data/datapackage.json`` is generated from the schemas, must not drift from them or the CSVs,
and must mean the same to the Frictionless reference validator as to the loader."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import frictionless
import pytest

from indicators.cli import main
from indicators.contract.package import build_descriptor, table_pattern
from indicators.load.dataset import DataValidationError, load_dataset
from indicators.schemas import SCHEMAS, foreign_keys, primary_key

DATA_DIR = Path(__file__).parents[1] / "data"


@pytest.fixture(scope="module")
def shipped() -> dict[str, object]:
    descriptor: dict[str, object] = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    return descriptor


def test_shipped_descriptor_is_the_generated_one(shipped: dict[str, object]) -> None:
    assert shipped == build_descriptor()


def test_one_resource_per_table_in_load_order(shipped: dict[str, object]) -> None:
    resources = shipped["resources"]
    assert isinstance(resources, list)
    assert [r["path"] for r in resources] == list(SCHEMAS)
    assert [r["name"] for r in resources] == [f.removesuffix(".csv") for f in SCHEMAS]


@pytest.mark.parametrize("file", list(SCHEMAS))
def test_fields_match_the_csv_header(shipped: dict[str, object], file: str) -> None:
    resources = shipped["resources"]
    assert isinstance(resources, list)
    resource = next(r for r in resources if r["path"] == file)
    with (DATA_DIR / file).open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert [field["name"] for field in resource["schema"]["fields"]] == header


def test_constraints_come_from_the_schemas() -> None:
    resources = {r["path"]: r for r in build_descriptor()["resources"]}
    fields = {f["name"]: f for f in resources["observations.csv"]["schema"]["fields"]}
    assert fields["qualifier"]["constraints"] == {"required": True, "enum": ["exact", "approx", "lt", "gt", "range"]}
    assert fields["year"] == {
        "name": "year",
        "title": "Year",
        "description": fields["year"]["description"],
        "type": "integer",
        "constraints": {"required": True, "minimum": 1800, "maximum": 2100},
    }
    assert fields["value"]["type"] == "number"
    assert "constraints" not in fields["note"]
    assert resources["observations.csv"]["schema"]["primaryKey"] == ["country_code", "indicator_id", "year", "source_id"]
    assert resources["countries.csv"]["schema"]["primaryKey"] == ["code"]


def test_titles_and_descriptions_are_the_tables_own() -> None:
    resources = {r["path"]: r for r in build_descriptor()["resources"]}
    sources = {f["name"]: f for f in resources["sources.csv"]["schema"]["fields"]}
    observations = {f["name"]: f for f in resources["observations.csv"]["schema"]["fields"]}
    # The same column name means something else in each table.
    assert sources["kind"]["description"] != observations["kind"]["description"]
    assert sources["year"]["description"] != observations["year"]["description"]
    assert resources["borders.csv"]["title"] == "Border lengths"
    for resource in resources.values():
        assert resource["title"]
        assert resource["description"]
        for field in resource["schema"]["fields"]:
            assert field["title"], (resource["path"], field["name"])
            assert field["description"], (resource["path"], field["name"])


def test_foreign_keys_name_another_tables_key() -> None:
    for file, model in SCHEMAS.items():
        for column, link in foreign_keys(model).items():
            assert primary_key(SCHEMAS[link.table]) == [link.key], (file, column, link)


def test_self_references_use_the_empty_resource_name() -> None:
    resources = {r["path"]: r for r in build_descriptor()["resources"]}
    assert resources["sources.csv"]["schema"]["foreignKeys"] == [
        {"fields": "cited_in", "reference": {"resource": "", "fields": "source_id"}}
    ]
    # A cell that lists several codes has no Table Schema form: the loader checks countries.members itself.
    assert "foreignKeys" not in resources["countries.csv"]["schema"]


def test_patterns_match_the_whole_value_as_table_schema_reads_them() -> None:
    assert table_pattern(r"^https?://\S+$") == r"https?://\S+"
    with pytest.raises(ValueError, match="whole value"):
        table_pattern(r"^https?://")
    fields = {f["name"]: f for r in build_descriptor()["resources"] for f in r["schema"]["fields"]}
    assert fields["additive"]["type"] == "boolean"
    assert (fields["additive"]["trueValues"], fields["additive"]["falseValues"]) == (["true"], ["false"])
    assert fields["length_km"]["constraints"]["exclusiveMinimum"] == 0


def frictionless_errors(descriptor: Path) -> list[tuple[str, int | None, str | None, str]]:
    """(resource, spreadsheet row, field, error type) of every error the reference validator reports."""
    report = frictionless.validate(str(descriptor))
    return [
        (task.name, getattr(error, "row_number", None), getattr(error, "field_name", None), error.type)
        for task in report.tasks
        for error in task.errors
    ] + [("package", None, None, error.type) for error in report.errors]


def test_shipped_package_passes_the_frictionless_reference_validator() -> None:
    report = frictionless.validate(str(DATA_DIR / "datapackage.json"))
    found = [
        f"{task.name}, row {getattr(error, 'row_number', '-')}, field {getattr(error, 'field_name', '-')}: {error.message}"
        for task in report.tasks
        for error in task.errors
    ] + [error.message for error in report.errors]
    assert report.valid, "\n".join(found)


def test_frictionless_rejects_what_the_loader_rejects(edit_cell: Callable[[str, int, str, str], Path]) -> None:
    edit_cell("sources.csv", 5, "url", "github.com/datasets/gdp")
    edit_cell("indicators.csv", 2, "additive", "yes")
    edit_cell("borders.csv", 2, "length_km", "0")
    data_dir = edit_cell("observations.csv", 3, "country_code", "XYZ")
    assert sorted(frictionless_errors(data_dir / "datapackage.json")) == [
        ("borders", 2, "length_km", "constraint-error"),
        ("indicators", 2, "additive", "type-error"),
        ("observations", 3, None, "foreign-key"),
        ("sources", 5, "url", "constraint-error"),
    ]
    with pytest.raises(DataValidationError) as info:
        load_dataset(data_dir)
    found = {(p.file, p.row, p.column) for p in info.value.problems}
    assert {
        ("borders.csv", 2, "length_km"),
        ("indicators.csv", 2, "additive"),
        ("observations.csv", 3, "country_code"),
        ("sources.csv", 5, "url"),
    } <= found


def test_datapackage_command_writes_the_descriptor(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_copy / "datapackage.json").unlink()
    assert main(["datapackage", str(data_copy)]) == 0
    assert str(data_copy / "datapackage.json") in capsys.readouterr().out
    written = (data_copy / "datapackage.json").read_text(encoding="utf-8")
    assert written == (DATA_DIR / "datapackage.json").read_text(encoding="utf-8")
