"""What every page view shares: the chart record, row decoration, citations, and the record's series."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from indicators.analysis.derive import DERIVED_COLUMNS, derive
from indicators.analysis.numbers import float_or_none
from indicators.charts.style import TOOLTIP_TITLES
from indicators.contract.registry import Display, Indicator
from indicators.load.dataset import Dataset
from indicators.outputs.formatting import NOT_STATED, QUALIFIER_LABELS, format_figure


@dataclass(frozen=True)
class Figure:
    """A chart as a Vega-Lite spec with its alt text and a file name for downloads."""

    spec: dict[str, Any]
    alt_text: str
    name: str


def spec_of(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec, unchecked: the schema check costs as much as building the chart (0.2-0.4 s) and
    can only catch a fault in the chart code, never in the data; the tests check every view's spec instead."""
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec


#: How a figure shown beside the essay's came about: the essay states it, it is derived from the essay's
#: figures, it comes from the reference record, or nobody gives one.
STATED, DERIVED, RECORD, NOT_GIVEN = "stated", "derived", "record", NOT_STATED

#: Columns of a decorated frame, as the bar charts and tables read them.
VIEW_COLUMNS = [
    *("country_code", "country", "colour", "indicator_id", "year", "value", "lower", "upper", "qualifier"),
    *("qualifier_label", "basis", "label", "x", "x_lower", "x_upper", "bar_end", "formula", "source_id", "source"),
    *("locator", "evidence", "note"),
]


#: Headers of a view's columns in its tables and its slide notes (a table may name a column more closely): the charts'
#: tooltip titles, and the columns only a table or a note shows.
HEADERS = TOOLTIP_TITLES | {"value": "Value", "lower": "Lower bound", "upper": "Upper bound", "inputs": "Inputs"}


def table_of(frame: pd.DataFrame, columns: Sequence[str], numbers: Sequence[str], **headers: str) -> pd.DataFrame:
    """``frame``'s ``columns`` as a page shows them (its CSV download is exactly this frame): ``numbers`` as numbers,
    every other missing cell blank, each column under its entry in ``headers`` or else in :data:`HEADERS`."""
    table = frame[list(columns)].reset_index(drop=True)
    table[list(numbers)] = table[list(numbers)].apply(pd.to_numeric, errors="coerce")
    text = [c for c in columns if c not in numbers]
    table[text] = table[text].astype(object).where(table[text].notna(), "")
    return table.rename(columns=HEADERS | headers)


def stack(*frames: pd.DataFrame) -> pd.DataFrame:
    """The frames one under another, the empty ones left out; the first frame when every one is empty."""
    filled = [f for f in frames if not f.empty]
    return pd.concat(filled, ignore_index=True) if filled else frames[0]


def essay_figures(ds: Dataset, indicator: Indicator, countries: list[str]) -> pd.DataFrame:
    """The essay's reported figures of ``indicator`` for these countries, every year: stated, or derived from the
    essay's where it states none for that country and year (column ``basis`` says which)."""
    obs = ds.observations
    stated = obs[(obs["indicator_id"] == indicator.id) & (obs["kind"] == "reported") & obs["country_code"].isin(countries)]
    stated = stated.assign(derived=False, formula=None, inputs=None, basis=STATED)[[*DERIVED_COLUMNS, "basis"]]
    derived = derive(ds, indicator)
    if not derived.empty:
        derived = derived[derived["country_code"].isin(countries) & (derived["kind"] == "reported")]
        derived = derived[
            ~derived.set_index(["country_code", "year"]).index.isin(stated.set_index(["country_code", "year"]).index)
        ]
    return stack(stated, derived.assign(basis=DERIVED))


def source_label(ds: Dataset, source_ids: str) -> str:
    """Short citation(s) for one or more '+'-joined source ids."""
    src = ds.sources.set_index("source_id")
    labels = []
    for sid in str(source_ids).split("+"):
        if sid in src.index:
            row = src.loc[sid]
            cited = ", as cited in the essay" if pd.notna(row["cited_in"]) else ""
            labels.append(f"{row['author']}, {row['title']} ({row['year']}){cited}")
        else:
            labels.append(sid)
    return "; ".join(labels)


def _scaled(x: object, unit: Display) -> float | None:
    value = float_or_none(x)
    return None if value is None else value / unit.scale


def bar_end(qualifier: object, x: object, x_lower: object, x_upper: object) -> object:
    """How far a bar is drawn: to the value for exact and "about" figures, to the bound for "less than" /
    "more than" (the value lies beyond the marker); a range gets no bar."""
    if qualifier == "range":
        return None
    return x_upper if qualifier == "lt" else (x_lower if qualifier == "gt" else x)


def decorate(ds: Dataset, frame: pd.DataFrame, unit: Display) -> pd.DataFrame:
    """Names, colours, labels, scaled chart columns and citations for rows shaped like observations, with a basis."""
    if frame.empty:
        return pd.DataFrame(columns=VIEW_COLUMNS)
    out = frame.copy()
    out["country"] = out["country_code"].map(ds.names)
    out["colour"] = out["country_code"].map(ds.colours)
    out["qualifier_label"] = out["qualifier"].map(QUALIFIER_LABELS)
    suffix = {DERIVED: " (derived)", RECORD: " (record)"}
    # Column by column, not row by row (iterrows): a session's upload may hold 250,000 rows.
    cells = zip(out["value"], out["qualifier"], out["lower"], out["upper"], out["basis"], strict=True)
    out["label"] = [format_figure(v, q, unit, lo, up) + suffix.get(str(b), "") for v, q, lo, up, b in cells]
    for column, source in (("x", "value"), ("x_lower", "lower"), ("x_upper", "upper")):
        out[column] = [_scaled(v, unit) for v in out[source]]
    ends = [bar_end(*cells) for cells in zip(out["qualifier"], out["x"], out["x_lower"], out["x_upper"], strict=True)]
    out["bar_end"] = pd.Series(ends, index=out.index, dtype=object)
    labels = {s: source_label(ds, s) for s in dict.fromkeys(out["source_id"])}  # once per source, not per row
    out["source"] = [labels[s] for s in out["source_id"]]
    return out


RECORD_COLUMNS = ["country_code", "indicator_id", "year", "value", "source_id", "formula"]


def record_series(ds: Dataset, indicator: Indicator, countries: list[str] | None = None) -> pd.DataFrame:
    """The reference record of an indicator, every year: its own series, or the same ratio of the record's series.

    ``formula`` says how each value came about ("as recorded, <series>" or the ratio over the record).
    """
    ref = ds.reference if countries is None else ds.reference[ds.reference["country_code"].isin(countries)]
    if indicator.reference_indicator is not None:
        own = ref[ref["indicator_id"] == indicator.reference_indicator]
        out = own.assign(indicator_id=indicator.id, formula="as recorded (" + own["series_code"].astype(str) + ")")
        return out[RECORD_COLUMNS].reset_index(drop=True)
    if indicator.is_ratio and indicator.numerator and indicator.denominator:
        num = ds.registry[indicator.numerator].reference_indicator
        den = ds.registry[indicator.denominator].reference_indicator
        if num and den:
            wide = ref[ref["indicator_id"].isin([num, den])].pivot_table(
                index=["country_code", "year"], columns="indicator_id", values="value", aggfunc="first"
            )
            if {num, den} <= set(wide.columns):
                both = wide.dropna(subset=[num, den])
                both = both[both[den] != 0]
                values = both[num] / both[den] * indicator.factor
                sources = ref.drop_duplicates(["country_code", "indicator_id"]).set_index(["country_code", "indicator_id"])
                out = values.rename("value").reset_index()
                out["indicator_id"] = indicator.id
                out["source_id"] = [
                    "+".join(sorted({str(sources.loc[(c, num), "source_id"]), str(sources.loc[(c, den), "source_id"])}))
                    for c in out["country_code"]
                ]
                out["formula"] = f"{indicator.title} = record {num} / record {den}" + (
                    f" × {indicator.factor:g}" if indicator.factor != 1 else ""
                )
                return out[RECORD_COLUMNS].reset_index(drop=True)
    return pd.DataFrame(columns=RECORD_COLUMNS)


def has_record(ds: Dataset, indicator: Indicator) -> bool:
    """Whether the record can give this indicator (its own series, or the same ratio of the record's)."""
    if indicator.reference_indicator is not None:
        return True
    if indicator.is_ratio and indicator.numerator and indicator.denominator:
        return all(ds.registry[i].reference_indicator for i in (indicator.numerator, indicator.denominator))
    return False


def record_rows(ds: Dataset, indicator: Indicator, countries: list[str], year: int | None = None) -> pd.DataFrame:
    """The record's values in ``year`` (every year when None) as rows shaped like observations (exact, basis record)."""
    series = record_series(ds, indicator, countries)
    series = series[series["year"] == year] if year is not None else series
    return series.assign(
        year=series["year"].astype(int),
        value=series["value"].astype(float),
        qualifier="exact",
        lower=float("nan"),
        upper=float("nan"),
        kind="reported",
        locator="reference record",
        evidence=None,
        note=None,
        derived=False,
        inputs=None,
        basis=RECORD,
    ).reset_index(drop=True)


def reference_frame(ds: Dataset, indicator: Indicator, countries: list[str], year: int | None = None) -> pd.DataFrame:
    """:func:`record_rows` decorated, each labelled as the record gives it (drawn apart, it needs no "(record)")."""
    out = decorate(ds, record_rows(ds, indicator, countries, year), indicator)
    out["label"] = [format_figure(v, "exact", indicator) for v in out["value"]]
    return out


def essay_year(ds: Dataset) -> int:
    """The year the essay was written (its source row), which is the default 'SCO as of' year."""
    return int(ds.essay["year"])


def figures_year(ds: Dataset) -> int:
    """The year most of the essay's reported figures refer to (the default year of the record beside them)."""
    years = ds.observations.loc[ds.observations["kind"] == "reported", "year"]
    return int(years.mode().iloc[0]) if not years.empty else essay_year(ds)
