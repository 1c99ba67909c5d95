"""The contract's vocabulary: allowed values, formats, the references between tables, and field builders.

A column that several tables share (a country code, a source, a qualifier and its bounds) is stated once here,
with its checks, title and description, so every model declares it alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandera.pandas as pa

QUALIFIERS = ("exact", "approx", "lt", "gt", "range")
KINDS = ("reported", "projection")
COUNTRY_KINDS = ("country", "group")
#: ``partner`` is the single "SCO partner" status into which the Tianjin Declaration (1 September 2025) merged the
#: observer and dialogue-partner statuses.
MEMBERSHIP_STATUSES = ("member", "observer", "dialogue_partner", "partner")
ESSAY_ROLES = ["possible_member"]
PAGES = ("compare", "over_time", "energy")
DERIVATIONS = ("ratio", "share")
#: How a yes/no cell is written (the descriptor declares such columns boolean with these two values).
BOOLEANS = ("true", "false")
#: ``sources.csv`` kind of the essay itself; exactly one source has it (see :attr:`Dataset.essay`).
ESSAY_KIND = "essay"
SOURCE_KINDS = (ESSAY_KIND, "cited", "reference")
RELATIONS = ("approx_equal", "less_than", "greater_than", "largest_among", "no_common_border")
QUANTITIES = ("population", "armed_forces", "territory", "border")
#: How a claim of claims.csv is tested (``indicators.analysis.claims`` computes each).
CLAIM_TESTS = (
    "figure",
    "about_sum",
    "fewer",
    "largest",
    "net_importer_since",
    "internal",
    "member_count",
    "member_since",
    "no_common_border",
    "common_border",
)

#: Longest evidence phrase allowed, in words (house rule: at most 20 words).
MAX_EVIDENCE_WORDS = 20

#: Each required form (by its pattern) in words, for the messages people read.
FORMATS: dict[str, str] = {}


def _form(pattern: str, words: str) -> str:
    FORMATS[pattern] = words
    return pattern


ID = _form(r"^[a-z][a-z0-9_]*$", "lower-case letters, digits and _, starting with a letter (as in my_source)")
CODE = _form(r"^([A-Z]{3}|G_[A-Z0-9_]+)$", "a three-letter country code in capitals (as in KAZ), or G_ and a name for a group")
ISO3 = _form(r"^[A-Z]{3}$", "a three-letter country code in capitals (as in KAZ)")
URL = _form(r"^https?://\S+$", "a web address starting with http:// or https://, without spaces")
MEMBER_CODES = _form(r"^[A-Z]{3}(;[A-Z]{3})*$", "three-letter country codes in capitals separated by ; (as in KAZ;KGZ)")
HEX_COLOUR = _form(r"^#[0-9A-Fa-f]{6}$", "a colour written # and six hexadecimal digits (as in #0072B2)")
PAGE_LIST = _form(rf"^({'|'.join(PAGES)})(;({'|'.join(PAGES)}))*$", f"page names separated by ; from {', '.join(PAGES)}")
YEAR_LIST = _form(r"^\d{4}(;\d{4})*$", "four-digit years separated by ; (as in 2002;2003)")
ISO_DATE = _form(r"^\d{4}-\d{2}-\d{2}$", "a date written year-month-day (as in 2001-06-15)")
SHA = _form(r"^[0-9a-f]{40}$", "a commit id: 40 lower-case hexadecimal digits")
_TEXT: dict[str, Any] = {"min_value": 1}
YEARS: dict[str, Any] = {"ge": 1800, "le": 2100}
#: Key of a field's ``metadata`` that holds its :class:`ForeignKey`.
REFERS_TO = "refers_to"


@dataclass(frozen=True)
class ForeignKey:
    """A column holds values of ``key`` in ``table`` (a file name of :data:`SCHEMAS`); with a ``separator``, a cell
    lists several, which Table Schema cannot say, so the descriptor leaves such a key out and the loader checks it."""

    table: str
    key: str
    separator: str | None = None


def field_spec(title: str, description: str, refers_to: ForeignKey | None = None, **checks: Any) -> Any:
    metadata = {REFERS_TO: refers_to} if refers_to else None
    return pa.Field(**checks, title=title, description=description, metadata=metadata)


# Columns that several tables share, stated once: checks, title, description and the table they refer to.

COUNTRY = ForeignKey("countries.csv", "code")
INDICATOR = ForeignKey("indicators.csv", "indicator_id")
SOURCE = ForeignKey("sources.csv", "source_id")
_FIGURE_READS = "for lt the upper bound, for gt the lower bound, for range the midpoint"


def country_field(description: str, title: str = "Country", pattern: str = CODE, **checks: Any) -> Any:
    return field_spec(title, description, COUNTRY, str_matches=pattern, **checks)


def indicator_field(title: str = "Indicator", description: str = "indicator id defined in indicators.csv", **checks: Any) -> Any:
    return field_spec(title, description, INDICATOR, str_matches=ID, **checks)


def year_field(description: str, **bounds: Any) -> Any:
    return field_spec("Year", description, **(YEARS | bounds))


def figure_field(title: str, what: str, **checks: Any) -> Any:
    return field_spec(title, f"{what}; {_FIGURE_READS}", **checks)


def qualifier_field() -> Any:
    return field_spec(
        "Qualifier", "exact | approx ('about', 'some') | lt ('less than') | gt ('over') | range ('X-Y')", isin=QUALIFIERS
    )


def bound_field(side: str, **checks: Any) -> Any:
    given = {"lower": "gt, range", "upper": "lt, range"}[side]
    description = f"{side} bound, when the essay gives one ({given}); empty otherwise"
    return field_spec(f"{side.capitalize()} bound", description, nullable=True, **checks)


def source_field() -> Any:
    return field_spec("Source", "source_id defined in sources.csv", SOURCE, str_matches=ID)


def locator_field() -> Any:
    return field_spec("Locator", "where in the essay: section and footnote", str_length=_TEXT)


def evidence_field() -> Any:
    words = f"phrase of at most {MAX_EVIDENCE_WORDS} words copied from the essay, containing the figure"
    return field_spec("Evidence", words, nullable=True)


def text_field(title: str, description: str) -> Any:
    return field_spec(title, description, str_length=_TEXT)


def note_field(description: str) -> Any:
    return field_spec("Note", description, nullable=True)


def one_of(values: tuple[str, ...] | list[str]) -> str:
    return " | ".join(values)


class TableModel(pa.DataFrameModel):
    """What every table's model shares: no unknown columns, and CSV text coerced to the declared types."""

    class Config:
        strict = True
        coerce = True
