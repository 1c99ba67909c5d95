"""``data/datapackage.json`` is generated from the schemas and must not drift from them or the CSVs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from indicators.package import build_descriptor
from indicators.schemas import SCHEMAS

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
        "type": "integer",
        "description": fields["year"]["description"],
        "constraints": {"required": True, "minimum": 1800, "maximum": 2100},
    }
    assert fields["value"]["type"] == "number"
    assert "constraints" not in fields["note"]
    assert resources["observations.csv"]["schema"]["primaryKey"] == ["country_code", "indicator_id", "year", "source_id"]
    assert resources["countries.csv"]["schema"]["primaryKey"] == ["code"]
