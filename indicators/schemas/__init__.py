"""Table schemas: one pandera ``DataFrameModel`` per CSV of the data package, and the data contract.

Every model is strict (no unknown columns), coercing (CSV text becomes typed
columns) and names its key.  Cross-column rules are dataframe checks
whose names are reported to people, so each carries one plain-language message
in :data:`CHECK_MESSAGES` and the column it is about in :data:`CHECK_COLUMNS`.

The models are the one statement of the contract: each field's ``title`` and
``description``, the table it refers to (field ``metadata``, see :class:`ForeignKey`),
each table's ``title`` and ``description`` (``Config``) and its key (``Config.unique``,
or the one field with ``unique=True``).  The loader's foreign-key check,
``datapackage.json`` and the data page read them from here
(:func:`table_title`, :func:`primary_key`, :func:`foreign_keys`).

This package is the public entry; its modules are:

* :mod:`~indicators.schemas.fields`: allowed values, formats, references and the builders of shared columns;
* :mod:`~indicators.schemas.checks`: the cross-column checks and their messages;
* :mod:`~indicators.schemas.stated`, :mod:`~indicators.schemas.definitions`,
  :mod:`~indicators.schemas.recorded`: the models, by table family;
* :mod:`~indicators.schemas.contract`: :data:`SCHEMAS` and the functions that read the models.
"""

from indicators.schemas.checks import CHECK_COLUMNS, CHECK_MESSAGES
from indicators.schemas.contract import SCHEMAS, column_titles, essay_sourced, foreign_keys, primary_key, table_title
from indicators.schemas.definitions import Assumptions, Countries, Indicators, Sources
from indicators.schemas.fields import (
    BOOLEANS,
    COUNTRY_KINDS,
    DERIVATIONS,
    ESSAY_KIND,
    ESSAY_ROLES,
    FORMATS,
    KINDS,
    MAX_EVIDENCE_WORDS,
    MEMBERSHIP_STATUSES,
    PAGES,
    QUALIFIERS,
    QUANTITIES,
    RELATIONS,
    SOURCE_KINDS,
    ForeignKey,
)
from indicators.schemas.recorded import Membership, Reference, Vintages
from indicators.schemas.stated import Borders, Claims, Observations, Relations

__all__ = [
    "BOOLEANS",
    "CHECK_COLUMNS",
    "CHECK_MESSAGES",
    "COUNTRY_KINDS",
    "DERIVATIONS",
    "ESSAY_KIND",
    "ESSAY_ROLES",
    "FORMATS",
    "KINDS",
    "MAX_EVIDENCE_WORDS",
    "MEMBERSHIP_STATUSES",
    "PAGES",
    "QUALIFIERS",
    "QUANTITIES",
    "RELATIONS",
    "SCHEMAS",
    "SOURCE_KINDS",
    "Assumptions",
    "Borders",
    "Claims",
    "Countries",
    "ForeignKey",
    "Indicators",
    "Membership",
    "Observations",
    "Reference",
    "Relations",
    "Sources",
    "Vintages",
    "column_titles",
    "essay_sourced",
    "foreign_keys",
    "primary_key",
    "table_title",
]
