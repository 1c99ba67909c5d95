"""Compare members: one indicator across chosen SCO members, each figure drawn as certain as it is.

Shares are honest: a share is taken of the total over an explicit list of members, which the chart names,
so the shares shown always add up to 100%; a share of one member is refused, not drawn as 100%.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from indicators import charts
from indicators.analysis.countries import membership_years
from indicators.analysis.derive import DERIVED_COLUMNS, members_share
from indicators.contract.registry import COMPARE, Indicator
from indicators.load.dataset import Dataset
from indicators.views import own
from indicators.views.base import (
    DERIVED,
    NOT_GIVEN,
    RECORD,
    STATED,
    VIEW_COLUMNS,
    Figure,
    decorate,
    essay_figures,
    essay_year,
    figures_year,
    has_record,
    record_rows,
    reference_frame,
    spec_of,
    stack,
    table_of,
)
from indicators.views.findings import extremes
from indicators.views.slide_text import FIGURES, figure_notes

#: The indicator id of a share of a named members' total.
SHARE = "members_share"
#: The compare page's two kinds of bars: the essay's figures, or the record's values for a chosen year.
ESSAY_VALUES = "essay"
RECORD_VALUES = "record"


@dataclass(frozen=True)
class CompareSettings:
    """Everything the compare page's view depends on (hashable, so a cache can key on it)."""

    indicator: str
    countries: tuple[str, ...]
    share_of: str
    as_of: int
    complete: bool = False
    reference: bool = False
    year: int = 2002
    log: bool = False
    values: str = ESSAY_VALUES


class Card(NamedTuple):
    """One member's figure as a card shows it: the figure with its qualifier, and where it comes from (``help``)."""

    label: str
    value: str
    help: str


@dataclass(frozen=True)
class CompareView:
    title: str
    figure: Figure | None
    cards: list[Card]
    missing: list[str]
    notices: list[str]
    warning: str | None
    table: pd.DataFrame
    unit_column: str
    summed: list[str] = field(default_factory=list)
    #: One computed sentence, shown above the chart: the largest and smallest member shown and how far apart.
    finding: str = ""
    #: The table's rows under their column keys (VIEW_COLUMNS), for the slide's notes.
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)

    def notes(self) -> list[str]:
        """The speaker notes' lines for the figures shown (made on demand: an upload may hold 250,000 rows)."""
        return [FIGURES, *figure_notes(self.figures, "country", ("basis", "evidence", "locator", "formula", "source", "note"))]


@dataclass(frozen=True)
class CompareMenu:
    """What the compare page's sidebar offers, worked out once per dataset: a rerun of the page only looks up."""

    indicators: tuple[str, ...]
    bases: tuple[str, ...]  # the indicators that can be a share's total
    titles: dict[str, str]
    shares: frozenset[str]  # indicators that are a share of a total (the page then asks "share of which total")
    decimals: dict[str, int]
    as_of_years: tuple[int, ...]  # years in which the membership changed, and the essay's year (the default)
    essay_year: int
    members: dict[int, tuple[str, ...]]  # the members at the end of each of those years, in countries.csv order
    as_of_labels: dict[int, str]
    names: dict[str, str]
    with_record: frozenset[str]  # indicators the record can give (to fill gaps, or as diamonds)
    record_years: dict[str, tuple[int, ...]]
    figures_year: int  # the year most of the essay's figures refer to (the default year of the record beside them)


def _record_years(ds: Dataset, indicator: Indicator) -> tuple[int, ...]:
    """The years the record has for an indicator: its own series, or for a ratio its numerator's."""
    ref = ds.reference
    years = set(ref.loc[ref["indicator_id"] == indicator.reference_indicator, "year"])
    if not years and indicator.is_ratio and indicator.numerator:
        years = set(ref.loc[ref["indicator_id"] == indicator.numerator, "year"])
    return tuple(sorted(int(y) for y in years))


def compare_menu(ds: Dataset) -> CompareMenu:
    indicators = ds.registry.values()
    as_of = essay_year(ds)
    years = tuple(sorted({*membership_years(ds.membership), as_of}))
    members = {year: tuple(ds.members_in(year)) for year in years}
    # Short enough for the sidebar's menu: the essay's year says whether its members are still the founders.
    labels = {year: f"{year}: {len(members[year])} members" for year in years}
    founders = "founders" if members[as_of] == members[years[0]] else "members"
    labels[as_of] = f"{as_of}: {len(members[as_of])} {founders} (the essay's)"
    return CompareMenu(
        indicators=tuple(i.id for i in ds.registry.offered(COMPARE)),
        bases=tuple(i.id for i in ds.registry.share_bases()),
        titles={i.id: i.title for i in indicators},
        shares=frozenset(i.id for i in indicators if i.is_share),
        decimals={i.id: i.decimals for i in indicators},
        as_of_years=years,
        essay_year=as_of,
        members=members,
        as_of_labels=labels,
        names=dict(ds.names),
        with_record=frozenset(i.id for i in indicators if has_record(ds, i)),
        record_years={i.id: _record_years(ds, i) for i in indicators},
        figures_year=figures_year(ds),
    )


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _names(ds: Dataset, codes: list[str]) -> str:
    return _joined([ds.names.get(c, c) for c in codes])


def _latest(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("year", kind="stable").drop_duplicates("country_code", keep="last")


def figures_for(ds: Dataset, indicator: Indicator, countries: list[str], complete: bool) -> tuple[pd.DataFrame, list[str]]:
    """One row per selected country that has a figure (the essay's, derived from it, or the record's), and notices.

    The essay's stated figure wins; a figure derived from the essay's fills in where it states none; with
    ``complete``, the record fills the rest, in the year of the essay's figures, unless the record defines
    the quantity differently (then nothing is filled, and a notice says why).
    """
    every = essay_figures(ds, indicator, countries)
    stated = every[every["basis"] == STATED]
    derived = every[(every["basis"] == DERIVED) & ~every["country_code"].isin(stated["country_code"])]
    frame = stack(_latest(stated), _latest(derived))
    notices: list[str] = []
    gaps = [c for c in countries if c not in set(frame["country_code"])]
    if complete and gaps:
        if not has_record(ds, indicator):
            notices.append(f"The record has no series for {indicator.title}, so nothing was filled in.")
        elif indicator.reference_same_definition is False:
            notices.append(
                f"Not filled from the record: it counts {indicator.title} differently "
                f"({indicator.reference_definition}). Comparing the two would compare unlike things."
            )
        else:
            year = int(frame["year"].mode().iloc[0]) if not frame.empty else figures_year(ds)
            record, missing = _record_figures(ds, indicator, gaps, year)
            frame = stack(frame, record)
            notices += missing
    return frame.reset_index(drop=True), notices


def _record_figures(ds: Dataset, indicator: Indicator, countries: list[str], year: int) -> tuple[pd.DataFrame, list[str]]:
    """The record's values in ``year`` as figures, and a notice naming the countries it has none for."""
    rows = record_rows(ds, indicator, countries, year)
    missing = [c for c in countries if c not in set(rows["country_code"])]
    return rows, [f"The record has no {indicator.title} figure for {_names(ds, missing)} in {year}."] if missing else []


def _share_frame(
    ds: Dataset, base: Indicator, countries: list[str], complete: bool
) -> tuple[pd.DataFrame, list[str], list[str], str | None]:
    """(shares, notices, codes summed, refusal) for a share of ``base``'s total over the selected members."""
    frame, notices = figures_for(ds, base, countries, complete)
    if not frame.empty:
        # One year for every part of the total: the year most selected members have a figure for (the latest on a tie).
        counts = frame.groupby("year")["country_code"].nunique()
        year = int(counts[counts == counts.max()].index.max())
        other_year = frame.loc[frame["year"] != year, "country_code"].tolist()
        if other_year:
            notices.append(f"Left out of the total: {_names(ds, other_year)} (figure for another year than {year}).")
        frame = frame[frame["year"] == year]
    summed = [c for c in countries if c in set(frame["country_code"])]
    if len(summed) < 2:
        who = f"only {_names(ds, summed)} has" if summed else "none of them has"
        refusal = (
            f"A share needs a total over at least two members with a figure for {base.title}; "
            f"of the members selected, {who} one. A single member's share of its own total would always be 100%."
        )
        return pd.DataFrame(columns=[*DERIVED_COLUMNS, "basis"]), notices, summed, refusal
    shares = members_share(ds, frame, summed)
    bases = dict(zip(frame["country_code"], frame["basis"], strict=True))
    shares["basis"] = [RECORD if bases.get(c) == RECORD else DERIVED for c in shares["country_code"]]
    return shares, notices, summed, None


def compare_frame(ds: Dataset, settings: CompareSettings) -> tuple[pd.DataFrame, list[str], list[str], str | None]:
    """(one decorated row per selected member, notices, codes summed for a share, refusal)."""
    countries = list(settings.countries)
    indicator = ds.indicator(settings.indicator)
    refusal = None
    summed: list[str] = []
    if indicator.is_share:
        figures, notices, summed, refusal = _share_frame(ds, ds.indicator(settings.share_of), countries, settings.complete)
    elif settings.values != RECORD_VALUES:
        figures, notices = figures_for(ds, indicator, countries, settings.complete)
    elif indicator.reference_same_definition is False or not has_record(ds, indicator):
        why = "it has no series"
        if has_record(ds, indicator):
            why = f"it counts {indicator.title} differently ({indicator.reference_definition})"
        refusal = f"The record's values are not shown for {indicator.title}: {why}. Showing them as the members' figures would compare unlike things."
        figures, notices = pd.DataFrame(), []
    else:
        figures, notices = _record_figures(ds, indicator, countries, settings.year)
    shown = decorate(ds, figures, indicator)
    missing = [c for c in countries if c not in set(shown["country_code"])]
    blank = pd.DataFrame({"country_code": missing, "indicator_id": indicator.id, "basis": NOT_GIVEN, "label": NOT_GIVEN})
    blank["country"] = blank["country_code"].map(ds.names)
    blank["colour"] = blank["country_code"].map(ds.colours)
    out = stack(shown, blank).reindex(columns=VIEW_COLUMNS)
    order = {c: i for i, c in enumerate(countries)}
    out = out.sort_values("country_code", key=lambda s: s.map(order)).reset_index(drop=True)
    return out, notices, summed, refusal


def group_label(ds: Dataset, countries: list[str], as_of: int) -> str:
    """Who the chart is about: 'the 6 SCO members of 2003' only when every member of that year is shown."""
    members = ds.members_in(as_of)
    if set(countries) == set(members):
        return f"the {len(members)} SCO members of {as_of}"
    return _names(ds, countries) if len(countries) <= 3 else f"{len(countries)} selected countries"


def share_titles(ds: Dataset, base: Indicator, summed: list[str], chosen: int = 0) -> tuple[str, str]:
    """The title and the 'Total over' line of a share chart: they name exactly the members summed, and the title
    itself says when that is fewer than the ``chosen`` members (a part never passes for the whole)."""
    if chosen > len(summed):
        title = f"{base.title} share of the total of the {len(summed)} of {chosen} members with a figure"
    else:
        title = f"{base.title}: each member's share of the total of {len(summed)} members"
    total = (
        f"Total over: {_names(ds, summed)}. The shares bracket 100%: a share is a range where its inputs are." if summed else ""
    )
    return title, total


def values_year(frame: pd.DataFrame, as_of: int) -> str:
    """', values for 2002' where the figures drawn are for other years than the 'as of' year of the membership:
    without it, a title of 2024's members would pass the essay's 2002 values off as 2024's."""
    drawn = frame.loc[frame["basis"] != NOT_GIVEN, "year"]
    years = sorted({int(y) for y in pd.to_numeric(drawn, errors="coerce").dropna()})
    if not years or years == [as_of]:
        return ""
    return f", values for {_joined([str(y) for y in years])}"


def compare_view(ds: Dataset, settings: CompareSettings) -> CompareView:
    indicator = ds.indicator(settings.indicator)
    countries = list(settings.countries)
    frame, notices, summed, refusal = compare_frame(ds, settings)
    given = frame[frame["basis"] != NOT_GIVEN]
    # The person's own figures sit beside the essay's, never in a total: a share leaves them out, and says so.
    added = own.own_rows(ds, indicator.id, countries, indicator) if not indicator.is_share else pd.DataFrame()
    if indicator.is_share and own.has_own(ds, settings.share_of, countries):
        notices.append(own.NOT_IN_SHARES)
    too_many = own.drawn_notice(len(added))
    notices += [too_many] if too_many else []
    shown = added.head(own.MAX_DRAWN)
    if indicator.is_share:
        title, total_line = share_titles(ds, ds.indicator(settings.share_of), summed, len(countries))
        heading = f"{ds.indicator(settings.share_of).title}, share of the total"
    else:
        title, total_line = f"{indicator.title}: {group_label(ds, countries, settings.as_of)}", ""
        heading = indicator.title
    extra = [total_line, own.year_note(shown, [int(y) for y in given["year"]]), too_many] if not added.empty else [total_line]
    on_record = settings.values == RECORD_VALUES and not indicator.is_share
    title += f", the record's values for {settings.year}" if on_record else values_year(frame, settings.as_of)
    ref, essay = None, pd.DataFrame(columns=VIEW_COLUMNS)
    ref_label = f"record (World Bank), {settings.year}: not the essay"
    ref_label += "; counts differently, see the table" if indicator.reference_same_definition is False else ""
    if on_record:  # the essay's figures (stated, or derived from them) beside the record's bars
        essay = decorate(ds, figures_for(ds, indicator, countries, complete=False)[0], indicator).reindex(columns=VIEW_COLUMNS)
        if not essay.empty:
            # Marks of their own, named by year in legend and label.
            ref = essay.assign(
                label=[f"{lab} (the essay, {int(y)})" for lab, y in zip(essay["label"], essay["year"], strict=True)]
            )
            ref_label = (
                f"the essay's figure ({', '.join(str(y) for y in sorted({int(y) for y in essay['year']}))}): not the record"
            )
    elif settings.reference and not indicator.is_share:
        ref = reference_frame(ds, indicator, countries, settings.year)
    missing = list(frame.loc[frame["basis"] == NOT_GIVEN, "country"])
    warning = refusal
    if refusal is None and given.empty and (ref is None or ref.empty) and added.empty:
        warning = f"No figure for {indicator.title} for the selected members: {', '.join(missing)}."
    figure = None
    if warning is None:
        unit = {"title": indicator.title, "axis_label": indicator.axis_label}
        chart = charts.compare_chart(
            frame,
            unit,
            title=title,
            subtitle_extra=[e for e in extra if e],
            added=shown,
            added_label=own.legend_label(ds, added) if not added.empty else None,
            reference=ref,
            reference_year=settings.year,
            reference_label=ref_label,
            record_label=f"the record (World Bank), {settings.year}" if on_record else None,
            log=settings.log,
        )
        figure = Figure(spec_of(chart), charts.alt_text(frame, unit) + own.alt_text(shown), title)
    rows = stack(given if indicator.is_share or not essay.empty else frame, added.reindex(columns=VIEW_COLUMNS), essay)
    table = compare_table(rows, indicator)
    # Where some members have no figure, the finding says of how many it speaks (the largest of three is not of six).
    if 0 < len(given) < frame["country"].nunique():
        heading += f" (the {len(given)} of {frame['country'].nunique()} members with a figure)"
    return CompareView(
        title=title,
        figure=figure,
        cards=metric_cards(given, indicator),
        missing=missing,
        notices=notices,
        warning=warning,
        table=table,
        unit_column=str(table.columns[2]),
        summed=[ds.names[c] for c in summed],
        finding=extremes(given, "country", "members", heading) if warning is None else "",
        figures=rows.reset_index(drop=True),
    )


def metric_cards(frame: pd.DataFrame, indicator: Indicator) -> list[Card]:
    cards = []
    for _, r in frame.iterrows():
        how = {DERIVED: f"Derived: {r['formula']}", RECORD: f"Record: {r['formula']}"}.get(
            str(r["basis"]), f"Evidence: “{r['evidence']}”"
        )
        cards.append(
            Card(
                label=f"{r['country']} ({r['year']:.0f}, {r['basis']})",
                value=str(r["label"]).removesuffix(" (derived)").removesuffix(" (record)"),
                help=f"{indicator.axis_label}. {r['qualifier_label']}. {how}. Source: {r['source']}; {r['locator']}.",
            )
        )
    return cards


#: The compare table's columns (under their HEADERS, the value's with its unit).
TABLE_COLUMNS = [
    *("country", "label", "value", "lower", "upper", "qualifier_label", "basis", "year", "formula", "source", "locator"),
    *("evidence", "note"),
]


def compare_table(frame: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """The compare page's table, human headers; the CSV download is exactly this frame."""
    table = table_of(frame, TABLE_COLUMNS, ["value", "lower", "upper", "year"], value=f"Value ({indicator.unit})")
    return table.astype({"Year": "Int64"})
