"""Each page's settings as its query gives them: the menus a page offers, and the default of each setting.

The page scripts take these as their widgets' defaults; :mod:`indicators.views.links` takes them as the
settings of a link's slides. Both read through one :class:`~indicators.views.query.Query`, so a link means the
same on the page and in a deck, with the same notices. Where a setting depends on an earlier one that a widget
may have changed (the compare page's total of a share, its members of a year), the reader answers field by
field, given the earlier fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.countries import membership_years
from indicators.dataset import Dataset
from indicators.record import BARRELS_PER_TONNE
from indicators.schemas import SCHEMAS
from indicators.views.base import essay_year
from indicators.views.compare import ESSAY_VALUES, RECORD_VALUES, CompareMenu, CompareSettings
from indicators.views.energy import base_year_options
from indicators.views.over_time import OverTimeSettings, offered, record_countries
from indicators.views.query import Query


class CompareReader:
    """The compare page's settings, one field at a time (each given the fields before it)."""

    def __init__(self, menu: CompareMenu, q: Query) -> None:
        self.menu = menu
        self.q = q

    def indicator(self) -> str:
        indicators = self.menu.indicators
        chosen: str = self.q.option("indicator", indicators, indicators[0], self.menu.titles.__getitem__)
        return chosen

    def asks_share_of(self, indicator: str) -> bool:
        """Whether the page asks which total a share is of (only for a share, and only if there are totals)."""
        return indicator in self.menu.shares and bool(self.menu.bases)

    def share_of(self, indicator: str) -> str:
        bases = self.menu.bases
        if not self.asks_share_of(indicator):
            return bases[0] if bases else indicator
        chosen: str = self.q.option("share_of", bases, bases[0], self.menu.titles.__getitem__)
        return chosen

    def as_of(self) -> int:
        menu = self.menu
        chosen: int = self.q.option("as_of", menu.as_of_years, menu.essay_year, menu.as_of_labels.__getitem__)
        return chosen

    def countries(self, as_of: int) -> list[str]:
        """The link's members, if the link is for ``as_of``; else (the SCO-year menu changed the year since) that
        year's members, unless the link's list was edited from its own year's: then the edited list, as far as
        ``as_of`` has those members (the page offers a one-click reset to the year's members)."""
        members = self.menu.members[as_of]
        linked = self.as_of()
        if linked == as_of:
            return self.q.options("countries", members, members)
        before = self.menu.members[linked]
        kept = self.q.options("countries", before, before)
        return list(members) if set(kept) == set(before) else [c for c in members if c in kept]

    def measured(self, indicator: str, share_of: str) -> str:
        """The indicator the record is looked up for: a share's total, else the indicator itself."""
        return share_of if indicator in self.menu.shares else indicator

    def offers_complete(self, measured: str) -> bool:
        return measured in self.menu.with_record

    def complete(self) -> bool:
        return self.q.flag("complete", False)

    def offers_reference(self, indicator: str, measured: str) -> bool:
        """World Bank values can be added beside figures that are not shares, where the record has years."""
        return indicator not in self.menu.shares and bool(self.menu.record_years[measured]) and measured in self.menu.with_record

    def reference(self) -> bool:
        return self.q.flag("reference", False)

    def values(self) -> str:
        """Whose values the bars are: the essay's, or the record's (offered where World Bank values are)."""
        chosen: str = self.q.option("values", (ESSAY_VALUES, RECORD_VALUES), ESSAY_VALUES)
        return chosen

    def year(self, measured: str, values: str = ESSAY_VALUES) -> int:
        """The record's year: for the record's bars its latest; beside the essay's figures their own year if the
        record has it, else its last."""
        years = self.menu.record_years[measured]
        usual = self.menu.figures_year
        default = years[-1] if values == RECORD_VALUES or usual not in years else usual
        chosen: int = self.q.option("year", years, default)
        return chosen

    def log(self) -> bool:
        return self.q.flag("log", False)

    def settings(self) -> CompareSettings:
        """Every field in the page's order, none changed by a widget."""
        indicator = self.indicator()
        share_of = self.share_of(indicator)
        as_of = self.as_of()
        countries = self.countries(as_of)
        measured = self.measured(indicator, share_of)
        complete = self.offers_complete(measured) and self.complete()
        values = self.values() if self.offers_reference(indicator, measured) else ESSAY_VALUES
        reference = values == ESSAY_VALUES and self.offers_reference(indicator, measured) and self.reference()
        year = self.year(measured, values) if reference or values == RECORD_VALUES else self.menu.figures_year
        return CompareSettings(indicator, tuple(countries), share_of, as_of, complete, reference, year, self.log(), values)


class OverTimeReader:
    """The record-over-time page's menus and its settings."""

    def __init__(self, ds: Dataset, q: Query) -> None:
        self.q = q
        self.indicators = [i.id for i in offered(ds)]
        self.titles = {i: ds.indicator(i).title for i in self.indicators}
        self.countries = record_countries(ds)
        self.essay_year = essay_year(ds)
        founders = [c for c in ds.members_in(self.essay_year) if c in self.countries]
        self.founders = founders
        self.settings = OverTimeSettings(
            indicator=q.option("indicator", self.indicators, self.indicators[0], self.titles.__getitem__),
            countries=tuple(q.options("countries", self.countries, founders)),
            # No scale in the link: the view picks one from the values' span.
            log=q.flag("log", False) if "log" in q.values else None,
            events=q.flag("events", True),
        )


class BordersReader:
    """The borders page's settings; the map's year is read only when the map is shown."""

    def __init__(self, ds: Dataset, q: Query) -> None:
        self.q = q
        self.essay_year = essay_year(ds)
        self.map_years = sorted({*membership_years(ds.membership), self.essay_year, *(int(y) for y in ds.membership["year"])})

    def groups(self) -> bool:
        return self.q.flag("groups", True)

    def show_map(self) -> bool:
        return self.q.flag("map", True)

    def map_year(self) -> int:
        chosen: int = self.q.option("map_year", self.map_years, self.essay_year)
        return chosen


#: The barrels-per-tonne factors a link may name (the page's input runs from 6.00 to 9.00 in steps of 0.01).
FACTORS = [f"{x / 100:g}" for x in range(600, 901)]


@dataclass(frozen=True)
class EnergySettings:
    base_year: int | None
    barrels_per_tonne: float
    crude: bool


class EnergyReader:
    """The energy page's readings of "presently" (the chosen one first) and its settings."""

    def __init__(self, ds: Dataset, q: Query) -> None:
        self.q = q
        self.years = base_year_options(ds)
        self.settings = EnergySettings(
            base_year=q.option("base_year", self.years, self.years[0]) if self.years else None,
            barrels_per_tonne=round(float(q.option("bpt", FACTORS, f"{BARRELS_PER_TONNE:g}")), 2),
            crude=q.flag("crude", True),
        )


class DataReader:
    """The data page's tables and countries, and its settings."""

    def __init__(self, ds: Dataset, q: Query) -> None:
        self.q = q
        self.tables = list(SCHEMAS)
        self.members = [c for c, k in zip(ds.countries["code"], ds.countries["kind"], strict=True) if k == "country"]
        self.table: str = q.option("table", self.tables, "observations.csv")
        self.countries = q.options("countries", self.members, self.members)
        self.search = q.text("q")
