"""Table schemas: one pandera ``DataFrameModel`` per CSV of the data package.

Each model is strict (no unknown columns), coercing (CSV text becomes typed
columns) and names its compound key.  Cross-column rules are dataframe checks
whose names are reported to people, so each carries one plain-language message
in :data:`CHECK_MESSAGES` and the column it is about in :data:`CHECK_COLUMNS`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.numbers import states_number

QUALIFIERS = ("exact", "approx", "lt", "gt", "range")
KINDS = ("reported", "projection")
COUNTRY_KINDS = ("country", "group")
MEMBERSHIP_STATUSES = ("member", "observer", "dialogue_partner")
ESSAY_ROLES = ["possible_member"]
PAGES = ("compare", "over_time", "energy")
DERIVATIONS = ("ratio", "share")
BOOLEANS = ("true", "false")
SOURCE_KINDS = ("essay", "cited", "reference")
RELATIONS = ("approx_equal", "less_than", "greater_than", "largest_among", "no_common_border")
QUANTITIES = ("population", "armed_forces", "territory", "border")

#: Longest evidence phrase allowed, in words (house rule: at most 20 words).
MAX_EVIDENCE_WORDS = 20

_DATE = r"^\d{4}(-\d{2}-\d{2})?$"
_ID = r"^[a-z][a-z0-9_]*$"
_CODE = r"^([A-Z]{3}|G_[A-Z0-9_]+)$"


def _blank(s: pd.Series) -> pd.Series:
    return s.isna()


def _bounds_agree(df: pd.DataFrame, value: str) -> pd.Series:
    """True where ``lower``/``upper`` are what the qualifier says they must be."""
    q, v, lo, hi = df["qualifier"], df[value], df["lower"], df["upper"]
    point = q.isin(["exact", "approx"]) & _blank(lo) & _blank(hi)
    lt = (q == "lt") & _blank(lo) & (hi == v)
    gt = (q == "gt") & (lo == v) & _blank(hi)
    rng = (q == "range") & lo.notna() & hi.notna() & (lo < hi) & ((v - (lo + hi) / 2).abs() <= 1e-9 * v.abs().clip(lower=1))
    return point | lt | gt | rng


def _within_bounds(df: pd.DataFrame, value: str) -> pd.Series:
    v, lo, hi = df[value], df["lower"], df["upper"]
    return (_blank(lo) | (lo <= v)) & (_blank(hi) | (v <= hi))


def _short_evidence(s: pd.Series) -> pd.Series:
    words = s.astype("string").str.count(r"\S+")  # a column with no evidence at all has no str accessor of its own
    return (words <= MAX_EVIDENCE_WORDS).fillna(True).astype(bool)


def _evidence_states(df: pd.DataFrame, value: str) -> pd.Series:
    """True where the evidence phrase is empty or contains the row's figure."""

    def one(evidence: object, figure: object, qualifier: object, lo: object, hi: object) -> bool:
        if pd.isna(evidence):  # type: ignore[call-overload]
            return True
        lower = None if pd.isna(lo) else float(lo)  # type: ignore[call-overload, arg-type]
        upper = None if pd.isna(hi) else float(hi)  # type: ignore[call-overload, arg-type]
        return states_number(str(evidence), float(figure), str(qualifier), lower, upper)  # type: ignore[arg-type]

    result = pd.Series(True, index=df.index)
    with_evidence = df[df["evidence"].notna()]
    if not with_evidence.empty:
        # One call per row over the columns (row order as before), not DataFrame.apply(axis=1), which builds a Series per row.
        columns = (with_evidence[c] for c in ("evidence", value, "qualifier", "lower", "upper"))
        result[with_evidence.index] = np.array([one(*cells) for cells in zip(*columns, strict=True)], dtype=bool)
    return result


class Observations(pa.DataFrameModel):
    """``observations.csv``: one stated figure about one country."""

    country_code: Series[str] = pa.Field(str_matches=_CODE)
    indicator_id: Series[str] = pa.Field(str_matches=_ID)
    year: Series[int] = pa.Field(ge=1800, le=2100)
    value: Series[float] = pa.Field(ge=0)
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS)
    lower: Series[float] = pa.Field(nullable=True, ge=0)
    upper: Series[float] = pa.Field(nullable=True, ge=0)
    kind: Series[str] = pa.Field(isin=KINDS)
    source_id: Series[str] = pa.Field(str_matches=_ID)
    locator: Series[str] = pa.Field(str_length={"min_value": 1})
    evidence: Series[str] = pa.Field(nullable=True)
    year_assumption: Series[str] = pa.Field(nullable=True, str_matches=_ID)
    note: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check
    def bounds_match_qualifier(cls, df: pd.DataFrame) -> pd.Series:
        return _bounds_agree(df, "value")

    @pa.dataframe_check
    def value_within_bounds(cls, df: pd.DataFrame) -> pd.Series:
        return _within_bounds(df, "value")

    @pa.dataframe_check
    def evidence_at_most_20_words(cls, df: pd.DataFrame) -> pd.Series:
        return _blank(df["evidence"]) | _short_evidence(df["evidence"])

    @pa.dataframe_check
    def evidence_states_value(cls, df: pd.DataFrame) -> pd.Series:
        return _evidence_states(df, "value")

    class Config:
        strict = True
        coerce = True
        unique = ["country_code", "indicator_id", "year", "source_id"]


class Borders(pa.DataFrameModel):
    """``borders.csv``: a stated border length between a country and a neighbour or group."""

    country_code: Series[str] = pa.Field(str_matches=_CODE)
    neighbour_code: Series[str] = pa.Field(str_matches=_CODE)
    length_km: Series[float] = pa.Field(gt=0)
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS)
    lower: Series[float] = pa.Field(nullable=True, gt=0)
    upper: Series[float] = pa.Field(nullable=True, gt=0)
    year: Series[int] = pa.Field(ge=1800, le=2100)
    source_id: Series[str] = pa.Field(str_matches=_ID)
    locator: Series[str] = pa.Field(str_length={"min_value": 1})
    evidence: Series[str] = pa.Field(nullable=True)
    note: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check
    def bounds_match_qualifier(cls, df: pd.DataFrame) -> pd.Series:
        return _bounds_agree(df, "length_km")

    @pa.dataframe_check
    def value_within_bounds(cls, df: pd.DataFrame) -> pd.Series:
        return _within_bounds(df, "length_km")

    @pa.dataframe_check
    def evidence_at_most_20_words(cls, df: pd.DataFrame) -> pd.Series:
        return _blank(df["evidence"]) | _short_evidence(df["evidence"])

    @pa.dataframe_check
    def evidence_states_length(cls, df: pd.DataFrame) -> pd.Series:
        return _evidence_states(df, "length_km")

    @pa.dataframe_check
    def not_its_own_neighbour(cls, df: pd.DataFrame) -> pd.Series:
        return df["country_code"] != df["neighbour_code"]

    class Config:
        strict = True
        coerce = True
        unique = ["country_code", "neighbour_code", "year", "source_id"]


class Countries(pa.DataFrameModel):
    """``countries.csv``: countries and named groups of countries."""

    code: Series[str] = pa.Field(str_matches=_CODE, unique=True)
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    kind: Series[str] = pa.Field(isin=COUNTRY_KINDS)
    members: Series[str] = pa.Field(nullable=True, str_matches=r"^[A-Z]{3}(;[A-Z]{3})*$")
    colour: Series[str] = pa.Field(nullable=True, str_matches=r"^#[0-9A-Fa-f]{6}$")
    essay_role: Series[str] = pa.Field(nullable=True, isin=ESSAY_ROLES)
    note: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check
    def group_has_members(cls, df: pd.DataFrame) -> pd.Series:
        return (df["kind"] == "group") == df["members"].notna()

    class Config:
        strict = True
        coerce = True


class Indicators(pa.DataFrameModel):
    """``indicators.csv``: what each indicator id means and how it is shown."""

    indicator_id: Series[str] = pa.Field(str_matches=_ID, unique=True)
    title: Series[str] = pa.Field(str_length={"min_value": 1})
    unit: Series[str] = pa.Field(str_length={"min_value": 1})
    short_unit: Series[str] = pa.Field(str_length={"min_value": 1})
    description: Series[str] = pa.Field(str_length={"min_value": 1})
    decimals: Series[int] = pa.Field(ge=0, le=6)
    scale: Series[float] = pa.Field(gt=0)
    axis_label: Series[str] = pa.Field(str_length={"min_value": 1})
    display: Series[str] = pa.Field(str_contains="{}")
    pages: Series[str] = pa.Field(nullable=True, str_matches=rf"^({'|'.join(PAGES)})(;({'|'.join(PAGES)}))*$")
    menu_order: Series[float] = pa.Field(nullable=True, ge=0)
    additive: Series[str] = pa.Field(isin=BOOLEANS)
    derivation: Series[str] = pa.Field(nullable=True, isin=DERIVATIONS)
    numerator: Series[str] = pa.Field(nullable=True, str_matches=_ID)
    denominator: Series[str] = pa.Field(nullable=True, str_matches=_ID)
    factor: Series[float] = pa.Field(nullable=True, gt=0)
    reference_indicator: Series[str] = pa.Field(nullable=True, str_matches=_ID)
    reference_definition: Series[str] = pa.Field(nullable=True)
    reference_same_definition: Series[str] = pa.Field(nullable=True, isin=BOOLEANS)

    @pa.dataframe_check
    def ratio_names_its_inputs(cls, df: pd.DataFrame) -> pd.Series:
        ratio = df["derivation"] == "ratio"
        has_inputs = df["numerator"].notna() & df["denominator"].notna()
        return (ratio & has_inputs) | (~ratio & df["numerator"].isna() & df["denominator"].isna() & df["factor"].isna())

    @pa.dataframe_check
    def offered_indicator_has_order(cls, df: pd.DataFrame) -> pd.Series:
        return df["pages"].isna() | df["menu_order"].notna() | ~df["pages"].str.contains("compare|over_time", na=False)

    @pa.dataframe_check
    def reference_has_definition(cls, df: pd.DataFrame) -> pd.Series:
        described = df["reference_definition"].notna() & df["reference_same_definition"].notna()
        return df["reference_indicator"].isna() | described

    class Config:
        strict = True
        coerce = True


class Sources(pa.DataFrameModel):
    """``sources.csv``: who stated a figure, where, and under which licence."""

    source_id: Series[str] = pa.Field(str_matches=_ID, unique=True)
    kind: Series[str] = pa.Field(isin=SOURCE_KINDS)
    author: Series[str] = pa.Field(str_length={"min_value": 1})
    title: Series[str] = pa.Field(str_length={"min_value": 1})
    publisher: Series[str] = pa.Field(nullable=True)
    year: Series[int] = pa.Field(ge=1800, le=2100)
    citation: Series[str] = pa.Field(str_length={"min_value": 1})
    url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://\S+$")
    licence: Series[str] = pa.Field(str_length={"min_value": 1})
    cited_in: Series[str] = pa.Field(nullable=True)
    note: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check
    def cited_source_names_citing_work(cls, df: pd.DataFrame) -> pd.Series:
        return (df["kind"] == "cited") == df["cited_in"].notna()

    class Config:
        strict = True
        coerce = True


class Membership(pa.DataFrameModel):
    """``membership.csv``: dated changes of a country's status in the SCO (a later row supersedes an earlier one)."""

    country_code: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$")
    status: Series[str] = pa.Field(isin=MEMBERSHIP_STATUSES)
    year: Series[int] = pa.Field(ge=1996, le=2100)
    date: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    source_id: Series[str] = pa.Field(str_matches=_ID)
    source_url: Series[str] = pa.Field(str_matches=r"^https?://\S+$")
    note: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check
    def date_in_year(cls, df: pd.DataFrame) -> pd.Series:
        return df["date"].isna() | (df["date"].str[:4] == df["year"].astype(str))

    class Config:
        strict = True
        coerce = True
        unique = ["country_code", "status", "year"]


class Assumptions(pa.DataFrameModel):
    """``assumptions.csv``: a reading the data depends on that the essay leaves open, with the evidence for each."""

    assumption_id: Series[str] = pa.Field(str_matches=_ID, unique=True)
    question: Series[str] = pa.Field(str_length={"min_value": 1})
    chosen: Series[int] = pa.Field(ge=1800, le=2100)
    alternatives: Series[str] = pa.Field(str_matches=r"^\d{4}(;\d{4})*$")
    evidence_for_chosen: Series[str] = pa.Field(str_length={"min_value": 1})
    evidence_for_alternatives: Series[str] = pa.Field(str_length={"min_value": 1})
    effect: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        coerce = True


class Relations(pa.DataFrameModel):
    """``relations.csv``: comparisons the essay makes without a number."""

    relation_id: Series[str] = pa.Field(str_matches=_ID, unique=True)
    subject_code: Series[str] = pa.Field(str_matches=_CODE)
    relation: Series[str] = pa.Field(isin=RELATIONS)
    object_code: Series[str] = pa.Field(str_matches=_CODE)
    quantity: Series[str] = pa.Field(isin=QUANTITIES)
    locator: Series[str] = pa.Field(str_length={"min_value": 1})
    statement: Series[str] = pa.Field(str_length={"min_value": 1})
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True


class Reference(pa.DataFrameModel):
    """``reference.csv``: recorded series from the open reference files, for comparison."""

    country_code: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$")
    indicator_id: Series[str] = pa.Field(str_matches=_ID)
    year: Series[int] = pa.Field(ge=1800, le=2100)
    value: Series[float]
    unit: Series[str] = pa.Field(str_length={"min_value": 1})
    source_id: Series[str] = pa.Field(str_matches=_ID)
    series_code: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        coerce = True
        unique = ["country_code", "indicator_id", "year"]


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
}

#: Dataframe-level checks: the column a failure is reported against.
CHECK_COLUMNS: dict[str, str] = {
    "bounds_match_qualifier": "qualifier",
    "value_within_bounds": "value",
    "evidence_at_most_20_words": "evidence",
    "evidence_states_value": "evidence",
    "evidence_states_length": "evidence",
    "not_its_own_neighbour": "neighbour_code",
    "group_has_members": "members",
    "ratio_names_its_inputs": "derivation",
    "offered_indicator_has_order": "menu_order",
    "reference_has_definition": "reference_definition",
    "date_in_year": "date",
    "cited_source_names_citing_work": "cited_in",
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
    "ratio_names_its_inputs": "a ratio names its numerator and denominator (factor optional); other indicators leave all three empty",
    "offered_indicator_has_order": "an indicator offered on the compare or over-time page needs a menu_order",
    "reference_has_definition": "an indicator with a reference_indicator needs reference_definition and reference_same_definition",
    "date_in_year": "the date does not fall in the row's year",
    "cited_source_names_citing_work": "a cited source must name the work that cites it (cited_in), other kinds must not",
    "multiple_fields_uniqueness": "duplicate key: another row has the same key",
    "field_uniqueness": "duplicate value in a column that must be unique",
    "column_in_dataframe": "required column is missing",
    "column_in_schema": "unknown column (not in the data contract)",
    "not_nullable": "empty cell in a required column",
    "foreign_key": "refers to an id that is not defined",
    "year_is_the_chosen_reading": "the year differs from the reading chosen for this row's year_assumption in assumptions.csv",
}
