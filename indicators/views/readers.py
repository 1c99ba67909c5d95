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
from indicators.views.compare import CompareMenu, CompareSettings
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
        members = self.menu.members[as_of]
        return self.q.options("countries", members, members)

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

    def year(self, measured: str) -> int:
        """The record's year shown beside the figures: the figures' own year if the record has it, else its last."""
        years = self.menu.record_years[measured]
        usual = self.menu.figures_year
        chosen: int = self.q.option("year", years, usual if usual in years else years[-1])
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
        reference = self.offers_reference(indicator, measured) and self.reference()
        year = self.year(measured) if reference else self.menu.figures_year
        return CompareSettings(indicator, tuple(countries), share_of, as_of, complete, reference, year, self.log())


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
