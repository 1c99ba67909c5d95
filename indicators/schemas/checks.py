"""Cross-column checks of the figure tables, and how every named check is reported to people: a plain-language
message (:data:`CHECK_MESSAGES`) and the column it is about (:data:`CHECK_COLUMNS`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.analysis.numbers import float_or_none, states_number
from indicators.schemas.fields import ESSAY_KIND, MAX_EVIDENCE_WORDS


def bounds_agree(df: pd.DataFrame, value: str) -> pd.Series:
    """True where ``lower``/``upper`` are what the qualifier says they must be."""
    q, v, lo, hi = df["qualifier"], df[value], df["lower"], df["upper"]
    point = q.isin(["exact", "approx"]) & lo.isna() & hi.isna()
    lt = (q == "lt") & lo.isna() & (hi == v)
    gt = (q == "gt") & (lo == v) & hi.isna()
    rng = (q == "range") & lo.notna() & hi.notna() & (lo < hi) & ((v - (lo + hi) / 2).abs() <= 1e-9 * v.abs().clip(lower=1))
    return point | lt | gt | rng


def within_bounds(df: pd.DataFrame, value: str) -> pd.Series:
    v, lo, hi = df[value], df["lower"], df["upper"]
    return (lo.isna() | (lo <= v)) & (hi.isna() | (v <= hi))


def short_evidence(s: pd.Series) -> pd.Series:
    words = s.astype("string").str.count(r"\S+")  # a column with no evidence at all has no str accessor of its own
    return (words <= MAX_EVIDENCE_WORDS).fillna(True).astype(bool)


def evidence_states(df: pd.DataFrame, value: str) -> pd.Series:
    """True where the evidence phrase is empty or contains the row's figure."""
    result = pd.Series(True, index=df.index)
    stated = df[df["evidence"].notna()]
    # One call per row over the columns (row order as before), not DataFrame.apply(axis=1), which builds a Series per row.
    rows = zip(*(stated[c] for c in ("evidence", value, "qualifier", "lower", "upper")), strict=True)
    states = [states_number(str(e), float(v), str(q), float_or_none(lo), float_or_none(hi)) for e, v, q, lo, hi in rows]
    result[stated.index] = np.array(states, dtype=bool)
    return result


#: Dataframe-level checks: the column a failure is reported against.
CHECK_COLUMNS: dict[str, str] = {
    "bounds_match_qualifier": "qualifier",
    "value_within_bounds": "value",
    "evidence_at_most_20_words": "evidence",
    "evidence_states_value": "evidence",
    "evidence_states_length": "evidence",
    "not_its_own_neighbour": "neighbour_code",
    "group_has_members": "members",
    "name_is_unique": "name",
    "ratio_names_its_inputs": "derivation",
    "offered_indicator_has_order": "menu_order",
    "reference_has_definition": "reference_definition",
    "date_in_year": "date",
    "cited_source_names_citing_work": "cited_in",
    "exactly_one_essay": "kind",
}

#: One human sentence per named check.
CHECK_MESSAGES: dict[str, str] = {
    "bounds_match_qualifier": (
        "lower/upper do not fit the qualifier (exact/approx: both empty; lt: upper = value; "
        "gt: lower = value; range: lower < upper and value = their midpoint)"
    ),
    "value_within_bounds": "value lies outside [lower, upper]",
    "evidence_at_most_20_words": f"evidence phrase is longer than {MAX_EVIDENCE_WORDS} words",
    "evidence_states_value": "evidence phrase does not contain the row's value (both bounds, for a range)",
    "evidence_states_length": "evidence phrase does not contain the row's length (both bounds, for a range)",
    "not_its_own_neighbour": "a country cannot border itself",
    "group_has_members": "a group must list its members, and a country must not",
    "name_is_unique": "another country or group has the same name (charts and findings tell them apart by name)",
    "ratio_names_its_inputs": "a ratio names its numerator and denominator (factor optional); other indicators leave all three empty",
    "offered_indicator_has_order": "an indicator offered on the compare or over-time page needs a menu_order",
    "reference_has_definition": "an indicator with a reference_indicator needs reference_definition and reference_same_definition",
    "date_in_year": "the date does not fall in the row's year",
    "cited_source_names_citing_work": "a cited source must name the work that cites it (cited_in), other kinds must not",
    "exactly_one_essay": f"exactly one source must be the essay itself (kind '{ESSAY_KIND}'): its figures and citations hang on it",
    "multiple_fields_uniqueness": "duplicate key: another row has the same key",
    "field_uniqueness": "duplicate value in a column that must be unique",
    "column_in_dataframe": "required column is missing",
    "column_in_schema": "unknown column (not in the data contract)",
    "not_nullable": "empty cell in a required column",
    "foreign_key": "refers to an id that is not defined",
    "year_is_the_chosen_reading": "the year differs from the reading chosen for this row's year_assumption in assumptions.csv",
}
