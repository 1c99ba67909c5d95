"""Table schemas: one pandera ``DataFrameModel`` per CSV of the data package, and the data contract.

Every model is strict (no unknown columns), coercing (CSV text becomes typed columns) and names its key. The
models are the one statement of the contract: each field's ``title`` and ``description``, the table it refers
to (field ``metadata``, see :class:`~indicators.schemas.fields.ForeignKey`), each table's ``title`` (``Config``),
description (the model's docstring) and key. The loader, ``datapackage.json`` and the data page read them through
the functions here rather than from pandera's schema objects. The modules: ``fields`` (allowed values, formats,
references and the builders of shared columns), ``checks`` (the cross-column checks and their messages), and
the models by table family in ``stated``, ``definitions`` and ``recorded``.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from indicators.schemas.checks import CHECK_COLUMNS, CHECK_MESSAGES
from indicators.schemas.definitions import Assumptions, Countries, Indicators, Sources
from indicators.schemas.fields import BOOLEANS, ESSAY_KIND, FORMATS, REFERS_TO, ForeignKey
from indicators.schemas.recorded import Membership, Reference, Vintages
from indicators.schemas.stated import Borders, Claims, Observations, Relations

#: The names of the submodules that other modules import from here.
__all__ = ["BOOLEANS", "CHECK_COLUMNS", "CHECK_MESSAGES", "ESSAY_KIND", "FORMATS", "Observations"]

#: file name -> schema, in the order tables are loaded and reported.
SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "countries.csv": Countries,
    "indicators.csv": Indicators,
    "sources.csv": Sources,
    "observations.csv": Observations,
    "borders.csv": Borders,
    "relations.csv": Relations,
    "reference.csv": Reference,
    "membership.csv": Membership,
    "assumptions.csv": Assumptions,
    "vintages.csv": Vintages,
    "claims.csv": Claims,
}


def table_title(file: str) -> str:
    """The human title of a table (``Config.title`` of its model)."""
    return str(SCHEMAS[file].to_schema().title)


def column_titles(file: str) -> dict[str, str]:
    """Column -> its human title (the field's ``title``) for a table of the package."""
    return {name: str(column.title or name) for name, column in SCHEMAS[file].to_schema().columns.items()}


def primary_key(model: type[pa.DataFrameModel]) -> list[str]:
    """The columns that identify a row: ``Config.unique``, or else the one field declared ``unique=True``."""
    schema = model.to_schema()
    if schema.unique:
        return list(schema.unique)
    unique = [name for name, column in schema.columns.items() if column.unique]
    if len(unique) != 1:
        raise ValueError(f"{model.__name__} must name its key: Config.unique, or exactly one field with unique=True")
    return unique


def foreign_keys(model: type[pa.DataFrameModel]) -> dict[str, ForeignKey]:
    """Column -> the table and key it refers to, for every column of ``model`` that refers to another table."""
    columns = model.to_schema().columns.items()
    return {name: column.metadata[REFERS_TO] for name, column in columns if column.metadata and REFERS_TO in column.metadata}


def essay_sourced(sources: pd.DataFrame) -> set[str]:
    """Ids of the sources whose figures come from the essay: the essay itself and every source it cites.

    Such a figure must carry its evidence phrase (the loader checks it) and the phrase must be in the
    essay (the audit checks it).
    """
    essay = sources["kind"] == ESSAY_KIND
    cited = sources["cited_in"].isin(set(sources.loc[essay, "source_id"]))
    return set(sources.loc[essay | cited, "source_id"])
