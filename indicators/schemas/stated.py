"""The tables of what the essay states: figures about a country, border lengths, comparisons without a number."""

from __future__ import annotations

from typing import Any, ClassVar

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.schemas.checks import _blank, _bounds_agree, _evidence_states, _short_evidence, _within_bounds
from indicators.schemas.fields import (
    _CODE,
    _COUNTRY,
    _ID,
    _INDICATOR,
    CLAIM_TESTS,
    KINDS,
    QUANTITIES,
    RELATIONS,
    ForeignKey,
    _bound,
    _country,
    _evidence,
    _field,
    _figure,
    _indicator,
    _locator,
    _note,
    _one_of,
    _qualifier,
    _source,
    _Table,
    _text,
    _year,
)


def _year_assumption() -> Any:
    return _field(
        "Year assumption",
        "for a figure whose year the essay implies: the assumption in assumptions.csv that fixes it",
        ForeignKey("assumptions.csv", "assumption_id"),
        nullable=True,
        str_matches=_ID,
    )


class _StatedFigure(_Table):
    """What a table of stated figures checks on every row: its bounds fit its qualifier and hold the figure,
    and its evidence phrase is short.  ``_figure_column`` names the column that holds the figure.

    Each table adds the check that the evidence states its figure, under a name of its own. pandera runs a
    model's own checks before those it inherits, so for a cell that fails both evidence checks that one is
    reported first.
    """

    _figure_column: ClassVar[str]

    @pa.dataframe_check
    def bounds_match_qualifier(cls, df: pd.DataFrame) -> pd.Series:
        return _bounds_agree(df, cls._figure_column)

    @pa.dataframe_check
    def value_within_bounds(cls, df: pd.DataFrame) -> pd.Series:
        return _within_bounds(df, cls._figure_column)

    @pa.dataframe_check
    def evidence_at_most_20_words(cls, df: pd.DataFrame) -> pd.Series:
        return _blank(df["evidence"]) | _short_evidence(df["evidence"])


class Observations(_StatedFigure):
    """``observations.csv``: one stated figure about one country."""

    _figure_column = "value"

    country_code: Series[str] = _country("ISO 3166-1 alpha-3 code of a country, or the G_ code of a group in countries.csv")
    indicator_id: Series[str] = _indicator()
    year: Series[int] = _year("year the figure refers to (for present-tense statements: the year the essay implies; see note)")
    value: Series[float] = _figure("Value", "the figure in the indicator's unit", ge=0)
    qualifier: Series[str] = _qualifier()
    lower: Series[float] = _bound("lower", ge=0)
    upper: Series[float] = _bound("upper", ge=0)
    kind: Series[str] = _field("Kind", "reported (a figure for a past or present year) | projection", isin=KINDS)
    source_id: Series[str] = _source()
    locator: Series[str] = _locator()
    evidence: Series[str] = _evidence()
    year_assumption: Series[str] = _year_assumption()
    note: Series[str] = _note("how the figure was read (implied year, rounding, caveats)")

    @pa.dataframe_check
    def evidence_states_value(cls, df: pd.DataFrame) -> pd.Series:
        return _evidence_states(df, "value")

    class Config:
        unique = ["country_code", "indicator_id", "year", "source_id"]
        title = "Figures stated in the essay"
        description = "One row per figure the essay states about one country or group, with its qualifier, bounds and provenance."


class Borders(_StatedFigure):
    """``borders.csv``: a stated border length between a country and a neighbour or group."""

    _figure_column = "length_km"

    country_code: Series[str] = _country("the country whose border is stated (ISO 3166-1 alpha-3, or a G_ group)")
    neighbour_code: Series[str] = _country(
        "the neighbouring country, or a group of countries defined in countries.csv", title="Neighbour"
    )
    length_km: Series[float] = _figure("Length (km)", "border length in kilometres", gt=0)
    qualifier: Series[str] = _qualifier()
    lower: Series[float] = _bound("lower", gt=0)
    upper: Series[float] = _bound("upper", gt=0)
    year: Series[int] = _year("year the length refers to (for present-tense statements: the year the essay implies; see note)")
    source_id: Series[str] = _source()
    locator: Series[str] = _locator()
    evidence: Series[str] = _evidence()
    year_assumption: Series[str] = _year_assumption()
    note: Series[str] = _note("how the length was read (implied year, what a group border runs along)")

    @pa.dataframe_check
    def evidence_states_length(cls, df: pd.DataFrame) -> pd.Series:
        return _evidence_states(df, "length_km")

    @pa.dataframe_check
    def not_its_own_neighbour(cls, df: pd.DataFrame) -> pd.Series:
        return df["country_code"] != df["neighbour_code"]

    class Config:
        unique = ["country_code", "neighbour_code", "year", "source_id"]
        title = "Border lengths"
        description = "Border lengths stated in the essay, between a country and a neighbour or a group of countries."


class Relations(_Table):
    """``relations.csv``: comparisons the essay makes without a number."""

    relation_id: Series[str] = _field("Relation id", "identifier", str_matches=_ID, unique=True)
    subject_code: Series[str] = _country("country the statement is about", title="Subject")
    relation: Series[str] = _field("Relation", _one_of(RELATIONS), isin=RELATIONS)
    object_code: Series[str] = _country("country or group it is compared with", title="Compared with")
    quantity: Series[str] = _field("Quantity", _one_of(QUANTITIES), isin=QUANTITIES)
    locator: Series[str] = _locator()
    statement: Series[str] = _text("Statement", "the comparison, paraphrased")
    note: Series[str] = _note("how the statement was read")

    class Config:
        title = "Comparisons without a number"
        description = "Comparisons the essay makes without a number (e.g. Uzbekistan's population against its neighbours')."


class Claims(_Table):
    """``claims.csv``: every claim of the essay that can be set against the record or against its own figures.

    A row says what is claimed and how it is tested; the verdict is computed (``indicators.claims``), never stored.
    """

    claim_id: Series[str] = _field("Claim id", "identifier", str_matches=_ID, unique=True)
    claim: Series[str] = _text("Claim", "the claim in a few words (paraphrased)")
    evidence: Series[str] = _field(
        "Evidence",
        "at most 20 words copied from the essay, with the claim's number where it has one",
        str_length={"min_value": 1},
    )
    locator: Series[str] = _locator()
    test: Series[str] = _field("Test", f"how the claim is tested: {_one_of(CLAIM_TESTS)}", isin=CLAIM_TESTS)
    subject_code: Series[str] = _country("country or group the claim is about", title="Subject")
    object_code: Series[str] = _field(
        "Against", "country or group it is set against, where there is one", _COUNTRY, nullable=True, str_matches=_CODE
    )
    indicator_id: Series[str] = _field(
        "Indicator", "indicator id defined in indicators.csv, where the claim has one", _INDICATOR, nullable=True, str_matches=_ID
    )
    year: Series[int] = _year("year the claim refers to (as in observations.csv for a stated figure)")
    note: Series[str] = _note("how the claim was read")

    @pa.dataframe_check
    def evidence_at_most_20_words(cls, df: pd.DataFrame) -> pd.Series:
        return _short_evidence(df["evidence"])

    class Config:
        title = "Claims of the essay"
        description = "Every checkable claim of the essay, one row each, with how it is tested; verdicts are computed."
