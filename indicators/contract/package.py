"""The Frictionless descriptor ``datapackage.json``, generated from the schemas.

``python -m indicators datapackage [DATA_DIR]`` writes it; the loader refuses a folder whose descriptor differs from
:func:`build_descriptor`, so it cannot drift from what validation enforces.
"""

from __future__ import annotations

import re
from typing import Any

import pandera.pandas as pa

from indicators.schemas import BOOLEANS, SCHEMAS, foreign_keys, primary_key

#: Data Package v2: its Table Schema has exclusive bounds, which the strict checks (``gt=0``) need.
DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

_TYPES = {"int64": "integer", "float64": "number", "str": "string"}

#: pandera's checks whose statistics are Table Schema constraints as they stand: statistic -> the constraint that
#: means the same (strict bounds are exclusive there too).
_CONSTRAINTS = {
    "greater_than_or_equal_to": {"min_value": "minimum"},
    "greater_than": {"min_value": "exclusiveMinimum"},
    "less_than_or_equal_to": {"max_value": "maximum"},
    "less_than": {"max_value": "exclusiveMaximum"},
    "str_length": {"min_value": "minLength", "max_value": "maxLength"},
}

#: Licences of the data, named by their Open Definition ids (what Data Package's ``licenses[].name`` is).
LICENSES: list[dict[str, str]] = [
    {
        "name": "CC-BY-4.0",
        "title": "World Bank WDI and Gapminder series (reference.csv)",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
    {
        "name": "ODC-PDDL-1.0",
        "title": "datahub.io core/gdp and core/population packages",
        "path": "https://opendatacommons.org/licenses/pddl/1-0/",
    },
    {"name": "other-pd", "title": "Public domain: EIA International Energy Statistics; Natural Earth boundaries"},
]


def table_pattern(pattern: str) -> str:
    """A pandera pattern (anchored ``^...$``, as ``str_matches`` matches from the start only) as a Table Schema
    pattern, which always matches the whole value and has no anchors; any other pattern would mean something else
    there, so it is refused."""
    if not (pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith(r"\$")):
        raise ValueError(f"pattern {pattern!r} must match the whole value (^...$) to mean the same in Table Schema")
    return pattern[1:-1]


def _constraints(column: pa.Column, field: dict[str, Any]) -> dict[str, Any]:
    """The column's checks as Table Schema constraints; a boolean column becomes ``type: boolean`` in ``field``."""
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "isin" and tuple(stats["allowed_values"]) == BOOLEANS:
            # A yes/no column: say so, with the one spelling of each that the data uses.
            field.update(type="boolean", trueValues=[BOOLEANS[0]], falseValues=[BOOLEANS[1]])
        elif check.name == "isin":
            constraints["enum"] = list(stats["allowed_values"])
        elif check.name == "str_matches":
            constraints["pattern"] = table_pattern(str(stats["pattern"]))
        elif check.name == "str_contains":
            constraints["pattern"] = ".*" + re.escape(str(stats["pattern"])) + ".*"
        elif check.name in _CONSTRAINTS:
            constraints |= {name: stats[stat] for stat, name in _CONSTRAINTS[check.name].items() if stats.get(stat) is not None}
        else:
            raise ValueError(f"column {column.name}: no Table Schema constraint for the check {check.name!r}")
    if column.unique:
        constraints["unique"] = True
    return constraints


def _field(name: str, column: pa.Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": name,
        "title": column.title,
        "description": column.description,
        "type": _TYPES.get(str(column.dtype), "string"),
    }
    constraints = _constraints(column, field)
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(file: str, model: type[pa.DataFrameModel]) -> dict[str, Any]:
    schema = model.to_schema()
    name = file.removesuffix(".csv")
    references = [
        {
            "fields": column,
            # Table Schema names a reference to the same resource with the empty string.
            "reference": {"resource": "" if link.table == file else link.table.removesuffix(".csv"), "fields": link.key},
        }
        for column, link in foreign_keys(model).items()
        if link.separator is None  # a list of references in one cell has no Table Schema form; the loader checks it
    ]
    table: dict[str, Any] = {
        "fields": [_field(column_name, column) for column_name, column in schema.columns.items()],
        "missingValues": [""],
        "primaryKey": primary_key(model),
    }
    if references:
        table["foreignKeys"] = references
    return {
        "name": name,
        "type": "table",
        "path": file,
        "title": schema.title,
        "description": schema.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table,
    }


#: The descriptor's sources: the producers of the package's data. Written out here, not read from sources.csv,
#: so that adding a source row (a user's own figures, a new citation) stays a data-only change.
SOURCES = [
    {"title": "Zhao Huasheng, Security Building in Central Asia and the Shanghai Cooperation Organization (c. 2003)"},
    {"title": "World Bank, World Development Indicators", "path": "https://github.com/datasets/gdp"},
    {
        "title": "U.S. Energy Information Administration, International Energy Statistics",
        "path": "https://www.eia.gov/international/data/world",
    },
    {"title": "SCO membership dates: news reports of each summit (one address per row of membership.csv)"},
]


def build_descriptor() -> dict[str, Any]:
    """The descriptor of the data package: it follows from the schemas alone."""
    return {
        "$schema": DATA_PACKAGE_PROFILE,
        "name": "sco-indicators",
        "title": "Quantitative indicators in Zhao Huasheng's essay on security building in Central Asia and the SCO",
        "description": (
            "Every figure the essay states about GDP, GDP per capita, population, armed forces, border lengths "
            "and China's oil imports for the six SCO founding members, with its qualifier, bounds, source, "
            "locator and evidence phrase; plus open reference series for comparison."
        ),
        "licenses": LICENSES,
        "sources": SOURCES,
        "resources": [_resource(file, model) for file, model in SCHEMAS.items()],
    }
