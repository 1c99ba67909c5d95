"""The open record the essay is set beside: SCO membership over time, and the reference series."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.schemas.fields import (
    _DATE,
    _ISO3,
    _SHA,
    _URL,
    ISO_DATE,
    MEMBERSHIP_STATUSES,
    _country,
    _field,
    _indicator,
    _note,
    _one_of,
    _source,
    _Table,
    _text,
    _year,
)


class Membership(_Table):
    """``membership.csv``: dated changes of a country's status in the SCO (a later row supersedes an earlier one)."""

    country_code: Series[str] = _country("ISO 3166-1 alpha-3 code of the country", pattern=_ISO3)
    status: Series[str] = _field(
        "Status",
        f"{_one_of(MEMBERSHIP_STATUSES)}, from the row's year on (a later row supersedes an earlier one)",
        isin=MEMBERSHIP_STATUSES,
    )
    year: Series[int] = _year("year the status took effect", ge=1996)
    date: Series[str] = _field("Date", "the day the status took effect, where known", nullable=True, str_matches=ISO_DATE)
    source_id: Series[str] = _source()
    source_url: Series[str] = _field("Report", "address of the report that states the change", str_matches=_URL)
    note: Series[str] = _note("what the change was")

    @pa.dataframe_check
    def date_in_year(cls, df: pd.DataFrame) -> pd.Series:
        return df["date"].isna() | (df["date"].str[:4] == df["year"].astype(str))

    class Config:
        unique = ["country_code", "status", "year"]
        title = "SCO membership over time"
        description = (
            "Dated SCO membership, observer, dialogue-partner and partner status (complete to 1 September 2025); "
            "a later row supersedes an earlier one."
        )


class Reference(_Table):
    """``reference.csv``: recorded series from the open reference files, for comparison."""

    country_code: Series[str] = _country("ISO 3166-1 alpha-3 code of the country", pattern=_ISO3)
    indicator_id: Series[str] = _indicator()
    year: Series[int] = _year("year of the recorded value")
    value: Series[float] = _field("Value", "the recorded value, in unit")
    unit: Series[str] = _text("Unit", "unit of the recorded value")
    source_id: Series[str] = _source()
    series_code: Series[str] = _text("Series code", "upstream series code")

    class Config:
        unique = ["country_code", "indicator_id", "year"]
        title = "Reference series (World Bank, EIA)"
        description = "Recorded series from open reference data (World Bank WDI, EIA), for comparison with the essay."


class Vintages(_Table):
    """``vintages.csv``: every value a World Bank series took across the releases read, one row per run of equal values."""

    country_code: Series[str] = _country("ISO 3166-1 alpha-3 code of the country", pattern=_ISO3)
    indicator_id: Series[str] = _indicator()
    year: Series[int] = _year("year the value refers to")
    value: Series[float] = _field("Value", "the value that stood in these releases, in the reference unit")
    first_date: Series[str] = _field(
        "First release", "date of the first repackaged release in which the value stood", str_matches=_DATE
    )
    last_date: Series[str] = _field(
        "Last release", "date of the last repackaged release in which the value stood", str_matches=_DATE
    )
    first_commit: Series[str] = _field("First commit", "upstream commit of the first such release", str_matches=_SHA)
    last_commit: Series[str] = _field("Last commit", "upstream commit of the last such release", str_matches=_SHA)
    release: Series[str] = _text("Release", "upstream version the value was first read from (package and commit)")
    source_id: Series[str] = _source()

    @pa.dataframe_check
    def first_before_last(cls, df: pd.DataFrame) -> pd.Series:
        return df["first_date"] <= df["last_date"]

    class Config:
        unique = ["country_code", "indicator_id", "year", "first_date"]
        title = "World Bank releases of the comparison figures"
        description = (
            "Every value the World Bank GDP and population series took for the six founders and 2000-2003 across the "
            "datahub.io releases of 2012-2026. The dates are the repackaging's, not the World Bank's."
        )
