"""The tables of what the essay states: figures about a country, border lengths, comparisons without a number."""

from __future__ import annotations

from typing import Any, ClassVar

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.schemas.checks import bounds_agree, evidence_states, short_evidence, within_bounds
from indicators.schemas.fields import (
    CLAIM_TESTS,
    ID,
    KINDS,
    QUANTITIES,
    RELATIONS,
    ForeignKey,
    TableModel,
    bound_field,
    country_field,
    evidence_field,
    field_spec,
    figure_field,
    indicator_field,
    locator_field,
    note_field,
    one_of,
    qualifier_field,
    source_field,
    text_field,
    year_field,
)


def _year_assumption() -> Any:
    return field_spec(
        "Year assumption",
        "for a figure whose year the essay implies: the assumption in assumptions.csv that fixes it",
        ForeignKey("assumptions.csv", "assumption_id"),
        nullable=True,
        str_matches=ID,
    )


def _stated_year(what: str) -> Any:
    return year_field(f"year {what} refers to (for present-tense statements: the year the essay implies; see note)")


def _evidence_check(name: str) -> Any:
    """The check, called ``name``, that a row's evidence phrase (where there is one) states its figure."""

    def check(cls: type[_StatedFigure], df: pd.DataFrame) -> pd.Series:
        return evidence_states(df, cls._figure_column)

    check.__name__ = name
    return pa.dataframe_check(check)


class _StatedFigure(TableModel):
    """What a table of stated figures checks on every row: its bounds fit its qualifier and hold the figure
    (``_figure_column``), and its evidence phrase is short. Each table adds :func:`_evidence_check` under a name
    of its own; pandera runs a model's own checks first, so that one is reported first."""

    _figure_column: ClassVar[str]

    @pa.dataframe_check
    def bounds_match_qualifier(cls, df: pd.DataFrame) -> pd.Series:
        return bounds_agree(df, cls._figure_column)

    @pa.dataframe_check
    def value_within_bounds(cls, df: pd.DataFrame) -> pd.Series:
        return within_bounds(df, cls._figure_column)

    @pa.dataframe_check
    def evidence_at_most_20_words(cls, df: pd.DataFrame) -> pd.Series:
        return short_evidence(df["evidence"])


class Observations(_StatedFigure):
    """One row per figure the essay states about one country or group, with its qualifier, bounds and provenance."""

    _figure_column = "value"
    evidence_states_value = _evidence_check("evidence_states_value")

    country_code: Series[str] = country_field("ISO 3166-1 alpha-3 code of a country, or the G_ code of a group in countries.csv")
    indicator_id: Series[str] = indicator_field()
    year: Series[int] = _stated_year("the figure")
    value: Series[float] = figure_field("Value", "the figure in the indicator's unit", ge=0)
    qualifier: Series[str] = qualifier_field()
    lower: Series[float] = bound_field("lower", ge=0)
    upper: Series[float] = bound_field("upper", ge=0)
    kind: Series[str] = field_spec("Kind", "reported (a figure for a past or present year) | projection", isin=KINDS)
    source_id: Series[str] = source_field()
    locator: Series[str] = locator_field()
    evidence: Series[str] = evidence_field()
    year_assumption: Series[str] = _year_assumption()
    note: Series[str] = note_field("how the figure was read (implied year, rounding, caveats)")

    class Config:
        unique = ["country_code", "indicator_id", "year", "source_id"]
        title = "Figures stated in the essay"


class Borders(_StatedFigure):
    """Border lengths stated in the essay, between a country and a neighbour or a group of countries."""

    _figure_column = "length_km"
    evidence_states_length = _evidence_check("evidence_states_length")

    country_code: Series[str] = country_field("the country whose border is stated (ISO 3166-1 alpha-3, or a G_ group)")
    neighbour_code: Series[str] = country_field(
        "the neighbouring country, or a group of countries defined in countries.csv", title="Neighbour"
    )
    length_km: Series[float] = figure_field("Length (km)", "border length in kilometres", gt=0)
    qualifier: Series[str] = qualifier_field()
    lower: Series[float] = bound_field("lower", gt=0)
    upper: Series[float] = bound_field("upper", gt=0)
    year: Series[int] = _stated_year("the length")
    source_id: Series[str] = source_field()
    locator: Series[str] = locator_field()
    evidence: Series[str] = evidence_field()
    year_assumption: Series[str] = _year_assumption()
    note: Series[str] = note_field("how the length was read (implied year, what a group border runs along)")

    @pa.dataframe_check
    def not_its_own_neighbour(cls, df: pd.DataFrame) -> pd.Series:
        return df["country_code"] != df["neighbour_code"]

    class Config:
        unique = ["country_code", "neighbour_code", "year", "source_id"]
        title = "Border lengths"


class Relations(TableModel):
    """Comparisons the essay makes without a number (e.g. Uzbekistan's population against its neighbours')."""

    relation_id: Series[str] = field_spec("Relation id", "identifier", str_matches=ID, unique=True)
    subject_code: Series[str] = country_field("country the statement is about", title="Subject")
    relation: Series[str] = field_spec("Relation", one_of(RELATIONS), isin=RELATIONS)
    object_code: Series[str] = country_field("country or group it is compared with", title="Compared with")
    quantity: Series[str] = field_spec("Quantity", one_of(QUANTITIES), isin=QUANTITIES)
    locator: Series[str] = locator_field()
    statement: Series[str] = text_field("Statement", "the comparison, paraphrased")
    note: Series[str] = note_field("how the statement was read")

    class Config:
        title = "Comparisons without a number"


class Claims(TableModel):
    """Every checkable claim of the essay, one row each, with how it is tested; verdicts are computed."""

    claim_id: Series[str] = field_spec("Claim id", "identifier", str_matches=ID, unique=True)
    claim: Series[str] = text_field("Claim", "the claim in a few words (paraphrased)")
    evidence: Series[str] = text_field(
        "Evidence", "at most 20 words copied from the essay, with the claim's number where it has one"
    )
    locator: Series[str] = locator_field()
    test: Series[str] = field_spec("Test", f"how the claim is tested: {one_of(CLAIM_TESTS)}", isin=CLAIM_TESTS)
    subject_code: Series[str] = country_field("country or group the claim is about", title="Subject")
    object_code: Series[str] = country_field("country or group it is set against, where there is one", "Against", nullable=True)
    indicator_id: Series[str] = indicator_field(
        description="indicator id defined in indicators.csv, where the claim has one", nullable=True
    )
    year: Series[int] = year_field("year the claim refers to (as in observations.csv for a stated figure)")
    note: Series[str] = note_field("how the claim was read")

    @pa.dataframe_check
    def evidence_at_most_20_words(cls, df: pd.DataFrame) -> pd.Series:
        return short_evidence(df["evidence"])

    class Config:
        title = "Claims of the essay"
