"""Each page's settings, declared once: query key, widget label, options, default and help, and the value a link gives.

The page scripts open their widgets at these (:mod:`indicators.pages.widgets`); :mod:`indicators.views.links` takes
their values as the settings of a link's slides. Both read through one :class:`~indicators.views.query.Query`, so a
link means the same on the page and in a deck, with the same notices. A setting that depends on an earlier one a
widget may have changed (the compare page's members of a year, its record year) is declared given that choice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from indicators.analysis.record import BARRELS_PER_TONNE
from indicators.load.dataset import Dataset
from indicators.schemas import SCHEMAS, table_title
from indicators.views.base import essay_year
from indicators.views.compare import ESSAY_VALUES, RECORD_VALUES, CompareMenu, CompareSettings
from indicators.views.energy import base_year_options
from indicators.views.over_time import LOG_SPAN, OverTimeSettings, offered, record_countries
from indicators.views.query import Query

#: The options of an on/off setting.
FLAG = (False, True)


@dataclass(frozen=True)
class Setting:
    """One view setting: its query key and widget label, the options offered, and its value as the link gives it
    (``default`` when the link does not say, or says something not offered)."""

    key: str
    label: str
    value: Any
    options: Sequence[Any] = FLAG
    describe: Callable[[Any], str] = str
    help: str | None = None
    default: Any = None
    #: Left out of the URL at its default (else written whenever its widget is shown).
    quiet: bool = False
    #: The query whose :attr:`~indicators.views.query.Query.chosen` the widget notes its value in, for the URL.
    query: Query | None = field(default=None, compare=False)


class Reader:
    """A page's settings, read from its query."""

    #: The query keys the page reads; a link's other keys are reported, then ignored.
    KEYS: frozenset[str] = frozenset()

    def __init__(self, q: Query) -> None:
        self.q = q

    def one(
        self,
        key: str,
        label: str,
        options: Sequence[Any],
        default: Any,
        describe: Callable[[Any], str] = str,
        help: str | None = None,
        said: Callable[[Any], str] | None = None,
        quiet: bool = False,
    ) -> Setting:
        """One of ``options`` (``said`` names the default in a notice, if not as the menu does)."""
        value = self.q.option(key, options, default, said or describe)
        return Setting(key, label, value, options, describe, help, default, quiet, self.q)

    def flag(self, key: str, label: str, default: bool, help: str | None = None) -> Setting:
        """On or off; a switch that is off unless turned on is in the URL only when on."""
        return Setting(key, label, self.q.flag(key, default), help=help, default=default, quiet=not default, query=self.q)


FILL_HELP = (
    "Members the essay gives no figure for get the World Bank's value for the same year, drawn and labelled as the record."
)


class CompareReader(Reader):
    """The compare page's settings, each later one given the choices above it."""

    KEYS = frozenset({"indicator", "share_of", "as_of", "countries", "complete", "reference", "values", "year", "log"})

    def __init__(self, menu: CompareMenu, q: Query) -> None:
        super().__init__(q)
        self.menu = menu
        self.title = menu.titles.__getitem__
        self.indicator = self.one("indicator", "Indicator", menu.indicators, menu.indicators[0], self.title)

    def asks_share_of(self, indicator: str) -> bool:
        """Whether the page asks which total a share is of (only for a share, and only if there are totals)."""
        return indicator in self.menu.shares and bool(self.menu.bases)

    def share_of(self, indicator: str) -> Setting:
        """Which total a share is of: read from the link only where the page asks it."""
        bases = self.menu.bases or (indicator,)
        if not self.asks_share_of(indicator):
            return Setting("share_of", "Share of which total", bases[0], bases)
        return self.one("share_of", "Share of which total", bases, bases[0], self.title)

    @cached_property
    def as_of(self) -> Setting:
        menu = self.menu
        about = "Members come from the dated membership table (one source per change)."
        return self.one("as_of", "The SCO as of", menu.as_of_years, menu.essay_year, menu.as_of_labels.__getitem__, about)

    def countries(self, as_of: int) -> Setting:
        """The link's members, if the link is for ``as_of``; else (the SCO-year menu changed the year since) that
        year's members, unless the link's list was edited from its own year's: then the edited list, as far as
        ``as_of`` has those members (the page offers a one-click reset to the year's members)."""
        members = self.menu.members[as_of]
        linked = self.as_of.value
        if linked == as_of:
            chosen = self.q.options("countries", members, members)
        else:
            before = self.menu.members[linked]
            kept = self.q.options("countries", before, before)
            chosen = list(members) if set(kept) == set(before) else [c for c in members if c in kept]
        return Setting("countries", "Members", chosen, members, self.menu.names.__getitem__, query=self.q)

    def measured(self, indicator: str, share_of: str) -> str:
        """The indicator the record is looked up for: a share's total, else the indicator itself."""
        return share_of if indicator in self.menu.shares else indicator

    def complete(self, measured: str) -> Setting | None:
        """Filling gaps from the record, offered where the record has the indicator."""
        return self.flag("complete", "Fill gaps from the record", False, FILL_HELP) if measured in self.menu.with_record else None

    def values(self, indicator: str, measured: str) -> Setting | None:
        """Whose values the bars are: the essay's, or the record's (offered, as the World Bank's values beside the
        essay's figures are, for figures that are not shares, where the record has years)."""
        menu = self.menu
        if indicator in menu.shares or not menu.record_years[measured] or measured not in menu.with_record:
            return None
        names = {ESSAY_VALUES: "the essay's", RECORD_VALUES: "the record's (World Bank)"}
        about = "The record's values for a year you choose (its latest by default) as the bars, the essay's figures beside them as diamonds."
        return self.one(
            "values", "Values", (ESSAY_VALUES, RECORD_VALUES), ESSAY_VALUES, names.__getitem__, about, said=str, quiet=True
        )

    def reference(self) -> Setting:
        about = "Black diamonds: the World Bank's recorded value for the chosen year (the record, not the essay)."
        return self.flag("reference", "Add World Bank values", False, about)

    def year(self, measured: str, values: str) -> Setting:
        """The record's year: for the record's bars its latest; beside the essay's figures their own year if the
        record has it, else its last."""
        years = self.menu.record_years[measured]
        usual = self.menu.figures_year
        return self.one("year", "Record year", years, years[-1] if values == RECORD_VALUES or usual not in years else usual)

    @cached_property
    def log(self) -> Setting:
        return self.flag("log", "Log scale", False, "For values that differ by orders of magnitude; bars become dots on stems.")

    def settings(self) -> CompareSettings:
        """Every field in the page's order, none changed by a widget."""
        indicator = self.indicator.value
        share_of = self.share_of(indicator).value
        as_of = self.as_of.value
        countries = self.countries(as_of).value
        measured = self.measured(indicator, share_of)
        fill = self.complete(measured)
        offered = self.values(indicator, measured)
        values = offered.value if offered else ESSAY_VALUES
        reference = offered is not None and values == ESSAY_VALUES and self.reference().value
        year = self.year(measured, values).value if reference or values == RECORD_VALUES else self.menu.figures_year
        complete = fill is not None and fill.value
        return CompareSettings(indicator, tuple(countries), share_of, as_of, complete, reference, year, self.log.value, values)


#: The scale menu: automatic (by the values' span), or the one chosen.
SCALES = {None: "Automatic", False: "Linear", True: "Log"}


class OverTimeReader(Reader):
    KEYS = frozenset({"indicator", "countries", "log", "events"})

    def __init__(self, ds: Dataset, q: Query) -> None:
        super().__init__(q)
        titles = {i.id: i.title for i in offered(ds)}
        countries = record_countries(ds)
        year = essay_year(ds)
        founders = [c for c in ds.members_in(year) if c in countries]
        self.indicator = self.one("indicator", "Indicator", list(titles), next(iter(titles)), titles.__getitem__)
        about = (
            f"The {len(founders)} members of {year} by default; the record covers the "
            f"{len(countries)} countries the SCO's membership has touched."
        )
        self.countries = Setting(
            "countries", "Countries", q.options("countries", countries, founders), countries, ds.names.__getitem__, about, query=q
        )
        # No scale in the link: the view picks one from the values' span.
        log = q.flag("log", False) if "log" in q.values else None
        about = f"Automatic: linear, unless the values shown span more than {LOG_SPAN} times (then log)."
        self.log = Setting("log", "Scale", log, list(SCALES), SCALES.__getitem__, about, None, True, q)
        self.events = self.flag("events", "Mark membership changes", True)

    def settings(self) -> OverTimeSettings:
        return OverTimeSettings(self.indicator.value, tuple(self.countries.value), self.log.value, self.events.value)


class BordersReader(Reader):
    """The borders page's settings; the map's year is read only when the map is shown."""

    KEYS = frozenset({"groups", "map", "map_year"})

    def __init__(self, ds: Dataset, q: Query) -> None:
        super().__init__(q)
        self.essay_year = essay_year(ds)
        self.map_years = sorted({self.essay_year, *(int(y) for y in ds.membership["year"])})
        about = "Borders the essay gives for several countries together (e.g. China with the USSR)."
        self.groups = self.flag("groups", "Include group borders", True, about)
        self.map = self.flag("map", "Show map", True)

    def map_year(self) -> Setting:
        essay = self.essay_year
        return self.one(
            "map_year",
            "Map: the SCO as of",
            self.map_years,
            essay,
            lambda y: f"{y} (as the essay saw it)" if y == essay else str(y),
            "Members and observers from the dated membership table.",
            said=str,
            quiet=True,
        )


#: The barrels-per-tonne factors a link may name (the page's input runs from 6.00 to 9.00 in steps of 0.01).
FACTORS = [f"{x / 100:g}" for x in range(600, 901)]


class EnergyReader(Reader):
    """The energy page's settings; its readings of "presently" come with the chosen one first."""

    KEYS = frozenset({"base_year", "bpt", "crude"})

    def __init__(self, ds: Dataset, q: Query) -> None:
        super().__init__(q)
        years = base_year_options(ds)
        self.years = years
        # None when the data has no readings of "presently" to choose from.
        self.base_year = Setting("base_year", "", None, ())
        if years:
            self.base_year = self.one(
                "base_year",
                "Year of “presently, about 70 million tons”",
                years,
                years[0],
                lambda y: f"{y} (the reading the evidence supports)" if y == years[0] else str(y),
                "The essay does not date its present. See “Why this year” on the page.",
                said=str,
                quiet=True,
            )
        bpt = round(float(q.option("bpt", FACTORS, f"{BARRELS_PER_TONNE:g}")), 2)
        about = (
            "Converts the record (barrels a day) to the essay's million tonnes a year. "
            f"Default {BARRELS_PER_TONNE:g}: a world-average factor for crude."
        )
        self.bpt = Setting(
            "bpt", "Barrels per tonne of crude", bpt, FACTORS, help=about, default=BARRELS_PER_TONNE, quiet=True, query=q
        )
        about = "The record unconverted: crude-oil net imports (U.S. EIA) in thousand barrels a day."
        self.crude = self.flag("crude", "Add the EIA chart in barrels", True, about)


class DataReader(Reader):
    KEYS = frozenset({"table", "countries", "q"})

    def __init__(self, ds: Dataset, q: Query) -> None:
        super().__init__(q)
        tables = list(SCHEMAS)
        members = [c for c, k in zip(ds.countries["code"], ds.countries["kind"], strict=True) if k == "country"]
        self.table = self.one("table", "Table", tables, "observations.csv", lambda f: f"{table_title(f)} ({f})", said=str)
        about = "Rows about these countries (tables without countries are not filtered)."
        self.countries = Setting(
            "countries", "Countries", q.options("countries", members, members), members, ds.names.__getitem__, about, query=q
        )
        self.search = Setting("q", "Search text", q.text("q"), (), query=q)
