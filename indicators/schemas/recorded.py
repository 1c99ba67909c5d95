"""The open record the essay is set beside: SCO membership over time, and the reference series."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.schemas.fields import (
    ISO3,
    ISO_DATE,
    MEMBERSHIP_STATUSES,
    SHA,
    URL,
    TableModel,
    country_field,
    field_spec,
    indicator_field,
    note_field,
    one_of,
    source_field,
    text_field,
    year_field,
)


class Membership(TableModel):
    """Dated SCO membership, observer, dialogue-partner and partner status (complete to 1 September 2025); a later row supersedes an earlier one."""

    country_code: Series[str] = country_field("ISO 3166-1 alpha-3 code of the country", pattern=ISO3)
    status: Series[str] = field_spec(
        "Status",
        f"{one_of(MEMBERSHIP_STATUSES)}, from the row's year on (a later row supersedes an earlier one)",
        isin=MEMBERSHIP_STATUSES,
    )
    year: Series[int] = year_field("year the status took effect", ge=1996)
    date: Series[str] = field_spec("Date", "the day the status took effect, where known", nullable=True, str_matches=ISO_DATE)
    source_id: Series[str] = source_field()
    source_url: Series[str] = field_spec("Report", "address of the report that states the change", str_matches=URL)
    note: Series[str] = note_field("what the change was")

    @pa.dataframe_check
    def date_in_year(cls, df: pd.DataFrame) -> pd.Series:
        return df["date"].isna() | (df["date"].str[:4] == df["year"].astype(str))

    class Config:
        unique = ["country_code", "status", "year"]
        title = "SCO membership over time"


class _Series(TableModel):
    """What a table of recorded series starts with: the country and the indicator (its later columns follow)."""

    country_code: Series[str] = country_field("ISO 3166-1 alpha-3 code of the country", pattern=ISO3)
    indicator_id: Series[str] = indicator_field()


class Reference(_Series):
    """Recorded series from open reference data (World Bank WDI, EIA), for comparison with the essay."""

    year: Series[int] = year_field("year of the recorded value")
    value: Series[float] = field_spec("Value", "the recorded value, in unit")
    unit: Series[str] = text_field("Unit", "unit of the recorded value")
    source_id: Series[str] = source_field()
    series_code: Series[str] = text_field("Series code", "upstream series code")

    class Config:
        unique = ["country_code", "indicator_id", "year"]
        title = "Reference series (World Bank, EIA)"


class Vintages(_Series):
    """Every value the World Bank GDP and population series took for the six founders and 2000-2003 across the datahub.io releases of 2012-2026. The dates are the repackaging's, not the World Bank's."""

    year: Series[int] = year_field("year the value refers to")
    value: Series[float] = field_spec("Value", "the value that stood in these releases, in the reference unit")
    first_date: Series[str] = field_spec(
        "First release", "date of the first repackaged release in which the value stood", str_matches=ISO_DATE
    )
    last_date: Series[str] = field_spec(
        "Last release", "date of the last repackaged release in which the value stood", str_matches=ISO_DATE
    )
    first_commit: Series[str] = field_spec("First commit", "upstream commit of the first such release", str_matches=SHA)
    last_commit: Series[str] = field_spec("Last commit", "upstream commit of the last such release", str_matches=SHA)
    release: Series[str] = text_field("Release", "upstream version the value was first read from (package and commit)")
    source_id: Series[str] = source_field()

    @pa.dataframe_check
    def first_before_last(cls, df: pd.DataFrame) -> pd.Series:
        return df["first_date"] <= df["last_date"]

    class Config:
        unique = ["country_code", "indicator_id", "year", "first_date"]
        title = "World Bank releases of the comparison figures"
