"""The Frictionless descriptor ``data/datapackage.json``, generated from the schemas.

The shipped file is written by ``build_descriptor`` (``python -m indicators
datapackage``) and a test keeps the two equal, so the descriptor cannot drift
from what validation enforces.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandera.pandas as pa

from indicators.schemas import SCHEMAS

TITLES = {
    "countries.csv": "Countries and groups of countries",
    "indicators.csv": "Indicator definitions and display settings",
    "sources.csv": "Sources, citations and licences",
    "observations.csv": "Figures stated in the essay",
    "borders.csv": "Border lengths stated in the essay",
    "relations.csv": "Comparisons the essay makes without a number",
    "reference.csv": "Recorded series from open reference data (World Bank WDI, EIA)",
    "membership.csv": "Dated SCO membership, observer and dialogue-partner status",
    "assumptions.csv": "Readings the data depends on that the essay leaves open, with the evidence for each",
}

DESCRIPTIONS: dict[str, str] = {
    "country_code": "ISO 3166-1 alpha-3 code of a country, or a G_ code of a group defined in countries.csv",
    "neighbour_code": "the neighbouring country, or a group of countries defined in countries.csv",
    "indicator_id": "indicator id defined in indicators.csv",
    "year": "year the figure refers to (for present-tense statements: the year the essay implies; see note)",
    "value": "the figure in the indicator's unit; for lt the upper bound, for gt the lower bound, for range the midpoint",
    "length_km": "border length in kilometres, read like value",
    "qualifier": "exact | approx ('about', 'some') | lt ('less than') | gt ('over') | range ('X-Y')",
    "lower": "lower bound, when the essay gives one (gt, range); empty otherwise",
    "upper": "upper bound, when the essay gives one (lt, range); empty otherwise",
    "kind": "reported (a figure for a past or present year) | projection",
    "source_id": "source_id defined in sources.csv",
    "locator": "where in the essay: section and footnote",
    "evidence": "phrase of at most 20 words copied from the essay, containing the figure",
    "note": "how the figure was read (implied year, rounding, caveats)",
    "code": "ISO 3166-1 alpha-3 code, or G_ for a group",
    "name": "display name",
    "members": "for a group: member country codes separated by ';'",
    "year_assumption": "for a figure whose year the essay implies: the assumption in assumptions.csv that fixes it",
    "assumption_id": "identifier",
    "question": "what the essay leaves open",
    "chosen": "the reading the data uses",
    "alternatives": "other readings (';'-separated)",
    "evidence_for_chosen": "why the chosen reading",
    "evidence_for_alternatives": "what speaks for the others",
    "effect": "what changes with the reading",
    "colour": "the country's fixed chart colour (#RRGGBB); empty: assigned from the overflow palette in row order",
    "essay_role": "possible_member: the essay names the country as one that may join the SCO",
    "status": "member | observer | dialogue_partner, from the row's year on (a later row supersedes an earlier one)",
    "date": "the day the status took effect, where known",
    "source_url": "address of the report that states the change",
    "pages": "where the indicator is offered: compare;over_time;energy",
    "menu_order": "position in the indicator menus",
    "additive": "true if values can be summed across countries (a base for shares)",
    "derivation": "ratio (numerator / denominator × factor) or share (of a named members' total); empty if stated",
    "numerator": "for a ratio: the indicator divided",
    "denominator": "for a ratio: the indicator divided by",
    "factor": "for a ratio: the multiplier (empty = 1)",
    "reference_indicator": "the reference.csv series that records the same quantity",
    "reference_definition": "how the reference series defines what it counts",
    "reference_same_definition": "true if the reference series counts the same thing as this indicator",
    "title": "human title",
    "unit": "unit of the values",
    "short_unit": "short unit",
    "description": "what the indicator measures",
    "decimals": "decimals shown",
    "scale": "values are divided by this for display and axes",
    "axis_label": "unit label for axis titles after scaling",
    "display": "display pattern; {} stands for the scaled number",
    "author": "author or producer",
    "publisher": "publisher",
    "citation": "full citation, to show with the figures",
    "url": "address of the source",
    "licence": "licence or terms",
    "cited_in": "for a source cited by the essay: the citing work's source_id",
    "relation_id": "identifier",
    "subject_code": "country the statement is about",
    "relation": "approx_equal | less_than | greater_than | largest_among | no_common_border",
    "object_code": "country or group it is compared with",
    "quantity": "population | armed_forces | territory | border",
    "statement": "the comparison, paraphrased",
    "series_code": "upstream series code",
}

_TYPES = {"int64": "integer", "float64": "number", "str": "string"}

FOREIGN_KEYS = {
    "borders.csv": [
        ("country_code", "countries", "code"),
        ("neighbour_code", "countries", "code"),
        ("source_id", "sources", "source_id"),
    ],
    "relations.csv": [("subject_code", "countries", "code"), ("object_code", "countries", "code")],
    "sources.csv": [("cited_in", "sources", "source_id")],
    "membership.csv": [("country_code", "countries", "code"), ("source_id", "sources", "source_id")],
    "observations.csv": [
        ("country_code", "countries", "code"),
        ("indicator_id", "indicators", "indicator_id"),
        ("source_id", "sources", "source_id"),
        ("year_assumption", "assumptions", "assumption_id"),
    ],
    "indicators.csv": [
        ("numerator", "indicators", "indicator_id"),
        ("denominator", "indicators", "indicator_id"),
        ("reference_indicator", "indicators", "indicator_id"),
    ],
    "reference.csv": [
        ("country_code", "countries", "code"),
        ("indicator_id", "indicators", "indicator_id"),
        ("source_id", "sources", "source_id"),
    ],
}

PRIMARY_KEYS = {
    "countries.csv": ["code"],
    "indicators.csv": ["indicator_id"],
    "sources.csv": ["source_id"],
    "relations.csv": ["relation_id"],
}


def _resource(file: str, model: type[pa.DataFrameModel]) -> dict[str, Any]:
    schema = model.to_schema()
    fields = []
    for name, column in schema.columns.items():
        field: dict[str, Any] = {
            "name": name,
            "type": _TYPES.get(str(column.dtype), "string"),
            "description": DESCRIPTIONS.get(name, name),
        }
        constraints: dict[str, Any] = {}
        if not column.nullable:
            constraints["required"] = True
        for check in column.checks:
            stats = check.statistics or {}
            if check.name == "isin":
                constraints["enum"] = list(stats["allowed_values"])
            elif check.name == "str_matches":
                constraints["pattern"] = str(stats["pattern"])
            elif check.name in ("greater_than_or_equal_to", "greater_than"):
                constraints["minimum"] = stats["min_value"]
            elif check.name in ("less_than_or_equal_to", "less_than"):
                constraints["maximum"] = stats["max_value"]
        if column.unique:
            constraints["unique"] = True
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    unique = schema.unique
    primary = PRIMARY_KEYS.get(file) or (list(unique) if unique else None)
    resource: dict[str, Any] = {
        "name": file.removesuffix(".csv"),
        "path": file,
        "title": TITLES[file],
        "format": "csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "missingValues": [""]},
    }
    if primary:
        resource["schema"]["primaryKey"] = primary
    if file in FOREIGN_KEYS:
        resource["schema"]["foreignKeys"] = [
            {"fields": col, "reference": {"resource": res, "fields": key}} for col, res, key in FOREIGN_KEYS[file]
        ]
    return resource


def build_descriptor() -> dict[str, Any]:
    return {
        "name": "sco-indicators",
        "title": "Quantitative indicators in Zhao Huasheng's essay on security building in Central Asia and the SCO",
        "description": (
            "Every figure the essay states about GDP, GDP per capita, population, armed forces, border lengths "
            "and China's oil imports for the six SCO founding members, with its qualifier, bounds, source, "
            "locator and evidence phrase; plus open reference series for comparison."
        ),
        "licenses": [
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
            {"name": "public-domain", "title": "EIA International Energy Statistics; Natural Earth boundaries"},
        ],
        "sources": [
            {"title": "Zhao Huasheng, Security Building in Central Asia and the Shanghai Cooperation Organization (c. 2003)"},
            {"title": "World Bank, World Development Indicators", "path": "https://github.com/datasets/gdp"},
            {
                "title": "U.S. Energy Information Administration, International Energy Statistics",
                "path": "https://www.eia.gov/international/data/world",
            },
        ],
        "resources": [_resource(file, model) for file, model in SCHEMAS.items()],
    }


def write_descriptor(data_dir: str | Path) -> Path:
    path = Path(data_dir) / "datapackage.json"
    path.write_text(json.dumps(build_descriptor(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
