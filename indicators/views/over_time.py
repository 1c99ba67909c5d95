"""The record over time: any indicator the record has, for any of its countries, with the essay's figures on
the lines and the SCO's membership changes on the time axis."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators.analysis.countries import MEMBER, STATUS_WORDS
from indicators.charts import own as charts_own
from indicators.charts.over_time import over_time_chart
from indicators.charts.style import source_lines
from indicators.contract.registry import OVER_TIME, Indicator
from indicators.load.dataset import Dataset
from indicators.views import own
from indicators.views.base import (
    Figure,
    decorate,
    essay_figures,
    figures_year,
    has_record,
    reference_frame,
    spec_of,
    stack,
    table_of,
)
from indicators.views.findings import change_since
from indicators.views.slide_text import FIGURES, figure_notes, record_notes

#: A log scale by default only when the largest value shown is more than this many times the smallest: below it
#: a linear axis shows differences as they are (two similar countries), above it the small lines would sit flat.
LOG_SPAN = 20


@dataclass(frozen=True)
class OverTimeSettings:
    indicator: str
    countries: tuple[str, ...]
    #: True / False: the scale a person (or a link) chose; None: by the span of the values (:func:`wide_span`).
    log: bool | None = None
    events: bool = True


def wide_span(*frames: pd.DataFrame) -> bool:
    """Whether the positive values drawn (column ``y``, and the bounds) span more than :data:`LOG_SPAN` times."""
    values = pd.concat(
        [pd.to_numeric(f[c], errors="coerce") for f in frames for c in ("y", "y_lower", "y_upper") if c in f and not f.empty]
        or [pd.Series(dtype=float)]
    )
    positive = values[values > 0]
    return bool(not positive.empty and positive.max() > LOG_SPAN * positive.min())


@dataclass(frozen=True)
class OverTimeView:
    title: str
    figure: Figure | None
    table: pd.DataFrame
    notices: list[str]
    #: One computed sentence, shown above the chart: the change in the record since the essay's year.
    finding: str = ""
    #: The essay's figures and the record's lines drawn, under their column keys (for the slide's notes).
    points: pd.DataFrame = field(default_factory=pd.DataFrame)
    lines: pd.DataFrame = field(default_factory=pd.DataFrame)

    def notes(self) -> list[str]:
        """The speaker notes' lines: the essay's figures, each with its evidence, and the record's lines summed up."""
        if self.points.empty:
            return ["The essay gives no figure for these countries.", *record_notes(self.lines)]
        essay = figure_notes(self.points, "country", ("basis", "evidence", "locator", "formula", "source"))
        return [FIGURES, *essay, *record_notes(self.lines)]


def record_countries(ds: Dataset) -> list[str]:
    """The countries the record covers, in countries.csv order."""
    covered = set(ds.reference["country_code"])
    return [c for c in ds.countries["code"] if c in covered]


def offered(ds: Dataset) -> list[Indicator]:
    """Indicators offered over time that the record can give."""
    return [i for i in ds.registry.offered(OVER_TIME) if has_record(ds, i)]


def essay_points(ds: Dataset, indicator: Indicator, countries: list[str]) -> pd.DataFrame:
    """The essay's figures (stated, or derived from the essay's where it states none) for these countries."""
    frame = decorate(ds, essay_figures(ds, indicator, countries), indicator)
    # Where the essay gives only a bound, the point sits at the bound (the marker says which side the value lies).
    y = frame["bar_end"].where(frame["qualifier"] != "range", frame["x"])
    text_colour = frame["country_code"].map(ds.text_colours)
    return frame.assign(y=y, y_lower=frame["x_lower"], y_upper=frame["x_upper"], text_colour=text_colour)


def _change(status: str, several: bool) -> str:
    """How a change to ``status`` is said on the time axis: 'joins', 'become observers'."""
    if status == MEMBER:
        return "join" if several else "joins"
    return f"become {STATUS_WORDS[status]}s" if several else f"becomes {STATUS_WORDS[status]}"


def membership_events(ds: Dataset, countries: list[str]) -> pd.DataFrame:
    """Each dated change of status for these countries, one label per year and status on the time axis."""
    m = ds.membership[ds.membership["country_code"].isin(countries)]
    rows = []
    for (year_key, status), group in m.groupby(["year", "status"], sort=True):
        year = int(str(year_key))
        codes = list(group["country_code"])
        names = [ds.names[c] for c in codes]
        word = _change(str(status), len(names) > 1)
        who = " and ".join(names) if len(names) <= 2 else f"{len(names)} countries"
        # One country's change in its own colour; several at once in neutral grey.
        colour, text_colour = (ds.colours[codes[0]], ds.text_colours[codes[0]]) if len(codes) == 1 else ("#555555", "#555555")
        # Where the names do not fit beside the rule, the label counts them (the tooltip names them).
        short = f"{len(names)} {'country' if len(names) == 1 else 'countries'} {word} {year}"
        rows.append((year, ", ".join(names), colour, text_colour, f"{who} {word} {year}", short))
    return pd.DataFrame(rows, columns=["year", "country", "colour", "text_colour", "text", "short"])


def over_time_table(lines: pd.DataFrame, points: pd.DataFrame, indicator: Indicator, added: pd.DataFrame) -> pd.DataFrame:
    """The record, the essay's figures and the person's own (``added``) in one long table: the CSV download is
    exactly this frame."""
    parts = [lines.assign(kind="record", how=lines["formula"])]
    if not points.empty:
        parts.append(
            points.assign(kind="essay (" + points["basis"].astype(str) + ")", how=points["formula"].fillna(points["evidence"]))
        )
    if not added.empty:
        parts.append(added.assign(kind=own.OWN_BASIS, how=added["locator"]))
    columns = ["country", "year", "kind", "value", "label", "how", "source"]
    headers = {"kind": "Source kind", "value": f"Value ({indicator.unit})", "how": "How"}
    table = table_of(stack(*(part[columns] for part in parts)), columns, ["value"], **headers)
    # Each part has its own source kind, so the order they are stacked in does not change the sorted table.
    return table.astype({"Year": int}).sort_values(["Country", "Year", "Source kind"], kind="stable").reset_index(drop=True)


def over_time_view(ds: Dataset, settings: OverTimeSettings) -> OverTimeView:
    indicator = ds.indicator(settings.indicator)
    countries = list(settings.countries)
    # The record, one row per country and year, labelled as it gives each value.
    lines = reference_frame(ds, indicator, countries)
    lines = lines.assign(text_colour=lines["country_code"].map(ds.text_colours), y=lines["x"])
    lines = lines.sort_values(["country_code", "year"]).reset_index(drop=True)
    points = essay_points(ds, indicator, countries)
    events = membership_events(ds, countries if settings.events else [])
    notices = []
    no_record = [ds.names[c] for c in countries if c not in set(lines["country_code"])]
    if no_record:
        notices.append(f"The record has no {indicator.title} series for {', '.join(no_record)}.")
    added = own.own_rows(ds, indicator.id, countries, indicator)
    added = added.assign(y=added["x"], y_lower=added["x_lower"], y_upper=added["x_upper"])
    log = settings.log if settings.log is not None else wide_span(lines, points, added)
    if log and (lines["value"] <= 0).any():
        notices.append("Values at or below zero cannot be drawn on a log scale; they are left out of the lines.")
        lines = lines[lines["value"] > 0]
    table = over_time_table(lines, points, indicator, added)
    too_many = own.drawn_notice(len(added))
    notices += [too_many] if too_many else []
    added = added.head(own.MAX_DRAWN)
    if lines.empty and points.empty and added.empty:
        return OverTimeView(indicator.title, None, table, notices)
    span = f"{int(lines['year'].min())}–{int(lines['year'].max())}" if not lines.empty else ""
    title = f"{indicator.title}, {span}: the record, with the essay's figures"
    subtitle = [f"Unit: {indicator.axis_label}." + (" Log scale." if log else "")]
    label = own.legend_label(ds, added) if not added.empty else None
    mine = " " + charts_own.subtitle_note(label) if label else ""
    mine += f" {too_many}" if too_many else ""
    subtitle += source_lines(list(points["source"]), "Lines: " + "; ".join(sorted(set(lines["source"]))) + "." + mine)
    chart = over_time_chart(
        lines,
        points,
        events,
        title=title,
        y_title=f"{indicator.title} ({indicator.axis_label})",
        subtitle=subtitle,
        log=log,
        # The chart draws the essay's figures apart, and says why, when the record counts something else.
        different_definition=(indicator.reference_definition or "a different definition")
        if indicator.reference_same_definition is False
        else None,
        added=added,
        added_label=label,
    )
    names = ", ".join(ds.names[c] for c in countries)
    alt_text = f"Line chart of {indicator.title} ({indicator.axis_label}) from the record, {span}, for {names}"
    if not points.empty:
        alt_text += "; the essay's figures as points: " + "; ".join(
            f"{r['country']} {r['label']} ({int(r['year'])})" for _, r in points.iterrows()
        )
    figure = Figure(spec_of(chart), alt_text + "." + own.alt_text(added), title)
    return OverTimeView(title, figure, table, notices, change_since(lines, figures_year(ds), indicator.title), points, lines)
