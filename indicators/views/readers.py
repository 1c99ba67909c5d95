"""Each page's settings, declared once: query key, widget (kind, key, label), options, default and help, and the value a link gives.

A page script opens each setting's widget at that value (:func:`indicators.pages.widgets.ask`); a link's slides
(:mod:`indicators.views.links`) take the value as it is. Both read through one :class:`Query`, so a link means the same
on the page and in a deck: a value that is not offered falls back to the page's default and leaves a notice (never an
error), the same in both. A setting that depends on an earlier one a widget may have changed (the compare page's
members of a year, its record year) is declared given that choice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qs

from indicators.analysis.record import BARRELS_PER_TONNE
from indicators.load.dataset import Dataset
from indicators.load.safe_read import PLAIN_NUMBER
from indicators.schemas import SCHEMAS, table_title
from indicators.views.base import essay_year
from indicators.views.compare import ESSAY_VALUES, RECORD_VALUES, CompareMenu, CompareSettings
from indicators.views.energy import base_year_options
from indicators.views.over_time import LOG_SPAN, OverTimeSettings, offered, record_countries

_NUMBER = re.compile(PLAIN_NUMBER)
T = TypeVar("T")
S = TypeVar("S")

#: Flag values read as on; every other value is read as off.
ON = ("1", "true", "yes", "on")
OFF = ("0", "false", "no", "off")


class Query:
    """Query values (one per key) and the notices about those that were not understood."""

    def __init__(self, values: Mapping[str, str], explain_flags: bool = False) -> None:
        self.values = dict(values)
        self.notices: list[str] = []
        # A page reads an odd flag value as off without a word; a deck made from a typed link says so.
        self.explain_flags = explain_flags

    @classmethod
    def of_link(cls, query: str, keys: Collection[str]) -> Query:
        """A link's query string, for a page that reads ``keys``; any other key is reported, then ignored."""
        # A repeated key counts once, with its last value (as Streamlit's st.query_params.get returns it).
        q = cls({key: values[-1] for key, values in parse_qs(query, keep_blank_values=True).items()}, explain_flags=True)
        unknown = sorted(set(q.values) - set(keys))
        if unknown:
            q.notices.append(f"The link's {', '.join(repr(k) for k in unknown)} is not a setting of this page; ignored.")
        return q

    def option(self, key: str, options: Sequence[T], default: T, describe: Callable[[T], str] = str) -> T:
        """The option named by ``key``, if offered; else ``default``, with a notice."""
        raw = self.values.get(key)
        if raw is None:
            return default
        # A number written another way (7.30 for 7.3, 7.3e0) is the offered number it equals.
        number = float(raw) if _NUMBER.fullmatch(raw.strip()) else None
        for option in options:
            if str(option) == raw or (number is not None and _NUMBER.fullmatch(str(option)) and float(str(option)) == number):
                return option
        self.notices.append(f"The link's {key} '{raw}' is unknown; showing {describe(default)}.")
        return default

    def options(self, key: str, options: Sequence[str], default: Sequence[str]) -> list[str]:
        """A comma-separated list, keeping only the options offered, in their order."""
        raw = self.values.get(key)
        if raw is None:
            return list(default)
        wanted = [part for part in raw.split(",") if part]
        known = [o for o in options if o in wanted]
        unknown = [w for w in wanted if w not in options]
        if unknown:
            self.notices.append(f"The link's {key} names {', '.join(repr(u) for u in unknown)}, not offered here; left out.")
        # An empty value is a deliberate empty selection; names that are all unknown fall back to the default.
        return known if known or not wanted else list(default)

    def flag(self, key: str, default: bool) -> bool:
        raw = self.values.get(key)
        if raw is None:
            return default
        if self.explain_flags and raw not in ON + OFF:
            self.notices.append(f"The link's {key} '{raw}' is not on/off (1/0); read as off, as the page does.")
        return raw in ON


@dataclass(frozen=True)
class Setting:
    """One view setting: its query key, its widget (``kind``: "toggle", "select", "radio", "row" (a radio across),
    "multi", "slider", "number" or "text"; its Streamlit ``name`` and label), the options offered, and its value as the
    link gives it (``default`` when the link does not say, or says something not offered)."""

    key: str
    label: str
    value: Any
    options: Sequence[Any]
    name: str
    kind: str = "select"
    describe: Callable[[Any], str] = str
    help: str | None = None
    default: Any = None
    #: Left out of the URL at its default (else written whenever its widget is shown).
    quiet: bool = False
    #: A multiselect's one-click reset to every option, once the selection differs: (label, button key, help).
    reset: tuple[str, str, str] | None = None


#: How a setting is answered: as the link gives it (a deck: :data:`as_linked`), or by its widget (a page: ``widgets.ask``).
Ask = Callable[[Setting], Any]
as_linked: Ask = attrgetter("value")


class Reader(Generic[S]):
    """A page's settings, read from its query: :meth:`settings`, in the order of the page's widgets."""

    #: The query keys the page reads; a link's other keys are reported, then ignored.
    KEYS: frozenset[str] = frozenset()
    #: The page's name, the start of its widgets' keys.
    PAGE = ""

    def __init__(self, q: Query) -> None:
        self.q = q

    def settings(self, ask: Ask = as_linked) -> S:
        """The settings as the link gives them, or as ``ask`` (the page's widgets) has them."""
        raise NotImplementedError

    def setting(self, key: str, label: str, value: Any, options: Sequence[Any], **more: Any) -> Setting:
        """A setting of the page, its widget's key (``name``) by default the page's name and the query key."""
        return Setting(key, label, value, options, **{"name": f"{self.PAGE}_{key}", **more})

    def one(self, key: str, label: str, options: Sequence[Any], default: Any, **more: Any) -> Setting:
        """One of ``options`` (``said`` names the default in a notice, if not as ``describe`` does in the menu)."""
        said = more.pop("said", None) or more.get("describe", str)
        return self.setting(key, label, self.q.option(key, options, default, said), options, default=default, **more)

    def marked(self, key: str, label: str, options: Sequence[Any], default: Any, mark: str, **more: Any) -> Setting:
        """One of ``options``, the default marked in the menu (``mark``), named plainly in a notice, and in the URL
        only when changed."""

        def describe(option: Any) -> str:
            return f"{option} ({mark})" if option == default else str(option)

        return self.one(key, label, options, default, describe=describe, said=str, quiet=True, **more)

    def many(self, key: str, label: str, options: Sequence[str], default: Sequence[str], **more: Any) -> Setting:
        """Some of ``options``, as a comma-separated list."""
        return self.setting(key, label, self.q.options(key, options, default), options, kind="multi", **more)

    def flag(self, key: str, label: str, default: bool, help: str | None = None) -> Setting:
        """On or off; a switch that is off unless turned on is in the URL only when on."""
        value = self.q.flag(key, default)
        return self.setting(key, label, value, (False, True), kind="toggle", help=help, default=default, quiet=not default)


class CompareReader(Reader[CompareSettings]):
    """The compare page's settings, each later one declared given the choices above it."""

    KEYS = frozenset({"indicator", "share_of", "as_of", "countries", "complete", "reference", "values", "year", "log"})
    PAGE = "compare"

    def __init__(self, menu: CompareMenu, q: Query) -> None:
        super().__init__(q)
        self.menu = menu

    def countries(self, linked: int, as_of: int) -> Setting:
        """The link's members, if the link is for ``as_of``; else (the SCO-year menu changed the year since) that
        year's members, unless the link's list was edited from its own year's (``linked``): then the edited list, as
        far as ``as_of`` has those members (the page offers a one-click reset to the year's members)."""
        members = self.menu.members[as_of]
        if linked == as_of:
            chosen = self.q.options("countries", members, members)
        else:
            before = self.menu.members[linked]
            kept = self.q.options("countries", before, before)
            chosen = list(members) if set(kept) == set(before) else [c for c in members if c in kept]
        reset = (f"Members of {as_of}", "compare_reset_members", f"Select exactly the {len(members)} members of {as_of}.")
        name, describe = f"compare_countries_{as_of}", self.menu.names.__getitem__
        return self.setting("countries", "Members", chosen, members, name=name, kind="multi", describe=describe, reset=reset)

    def complete(self, indicator: str, share_of: str) -> Setting | None:
        """Filling gaps from the record, offered where the record has the indicator (for a share, its total)."""
        measured = share_of if indicator in self.menu.shares else indicator
        about = "Members the essay gives no figure for get the World Bank's value for the same year, drawn and labelled as the record."
        return self.flag("complete", "Fill gaps from the record", False, about) if measured in self.menu.with_record else None

    def settings(self, ask: Ask = as_linked) -> CompareSettings:
        menu, title = self.menu, self.menu.titles.__getitem__
        indicator = ask(self.one("indicator", "Indicator", menu.indicators, menu.indicators[0], describe=title))
        # Which total a share is of: asked (and read from the link) only for a share, and only if there are totals.
        share_of = (menu.bases or (indicator,))[0]
        if indicator in menu.shares and menu.bases:
            share_of = ask(self.one("share_of", "Share of which total", menu.bases, share_of, describe=title))
        about = "Members come from the dated membership table (one source per change)."
        labels = menu.as_of_labels.__getitem__
        linked = self.one("as_of", "The SCO as of", menu.as_of_years, menu.essay_year, describe=labels, help=about)
        as_of = ask(linked)
        countries = ask(self.countries(linked.value, as_of))
        fill = self.complete(indicator, share_of)
        complete = fill is not None and ask(fill)
        # Whose values the bars are: the essay's, or the record's (offered, as the World Bank's values beside the
        # essay's figures are, for figures that are not shares, where the record has years).
        measured = share_of if indicator in menu.shares else indicator
        offered = indicator not in menu.shares and bool(menu.record_years[measured]) and measured in menu.with_record
        values = ESSAY_VALUES
        if offered:
            names = {ESSAY_VALUES: "the essay's", RECORD_VALUES: "the record's (World Bank)"}
            about = "The record's values for a year you choose (its latest by default) as the bars, the essay's figures beside them as diamonds."
            describe = names.__getitem__
            values = ask(
                self.one("values", "Values", list(names), values, kind="row", describe=describe, help=about, said=str, quiet=True)
            )
        about = "Black diamonds: the World Bank's recorded value for the chosen year (the record, not the essay)."
        reference = offered and values == ESSAY_VALUES and ask(self.flag("reference", "Add World Bank values", False, about))
        year = menu.figures_year
        if reference or values == RECORD_VALUES:
            # The record's year: for the record's bars its latest; beside the essay's figures their own year if the
            # record has it, else its last.
            years = menu.record_years[measured]
            default = years[-1] if values == RECORD_VALUES or year not in years else year
            year = ask(self.one("year", "Record year", years, default, kind="slider", name=f"compare_year_{values}"))
        about = "For values that differ by orders of magnitude; bars become dots on stems."
        log = ask(self.flag("log", "Log scale", False, about))
        return CompareSettings(indicator, tuple(countries), share_of, as_of, complete, reference, year, log, values)


#: The scale menu: automatic (by the values' span), or the one chosen.
SCALES = {None: "Automatic", False: "Linear", True: "Log"}


class OverTimeReader(Reader[OverTimeSettings]):
    KEYS = frozenset({"indicator", "countries", "log", "events"})
    PAGE = "over_time"

    def __init__(self, ds: Dataset, q: Query) -> None:
        super().__init__(q)
        titles = {i.id: i.title for i in offered(ds)}
        countries = record_countries(ds)
        year = essay_year(ds)
        founders = [c for c in ds.members_in(year) if c in countries]
        self.indicator = self.one("indicator", "Indicator", list(titles), next(iter(titles)), describe=titles.__getitem__)
        about = (
            f"The {len(founders)} members of {year} by default; the record covers the "
            f"{len(countries)} countries the SCO's membership has touched."
        )
        self.countries = self.many("countries", "Countries", countries, founders, describe=ds.names.__getitem__, help=about)
        # No scale in the link: the view picks one from the values' span.
        log = q.flag("log", False) if "log" in q.values else None
        about = f"Automatic: linear, unless the values shown span more than {LOG_SPAN} times (then log)."
        self.log = self.setting("log", "Scale", log, list(SCALES), describe=SCALES.__getitem__, help=about, quiet=True)
        self.events = self.flag("events", "Mark membership changes", True)

    def settings(self, ask: Ask = as_linked) -> OverTimeSettings:
        return OverTimeSettings(ask(self.indicator), tuple(ask(self.countries)), ask(self.log), ask(self.events))


class BordersReader(Reader[tuple[bool, bool, int]]):
    KEYS = frozenset({"groups", "map", "map_year"})
    PAGE = "borders"

    def __init__(self, ds: Dataset, q: Query) -> None:
        super().__init__(q)
        self.essay_year = essay_year(ds)
        self.map_years = sorted({self.essay_year, *(int(y) for y in ds.membership["year"])})

    def settings(self, ask: Ask = as_linked) -> tuple[bool, bool, int]:
        """(group borders, map, the map's year): the year is asked only when the map is shown."""
        about = "Borders the essay gives for several countries together (e.g. China with the USSR)."
        groups = ask(self.flag("groups", "Include group borders", True, about))
        shown = ask(self.flag("map", "Show map", True))
        if not shown:
            return groups, shown, self.essay_year
        about = "Members and observers from the dated membership table."
        year = self.marked("map_year", "Map: the SCO as of", self.map_years, self.essay_year, "as the essay saw it", help=about)
        return groups, shown, ask(year)


#: The barrels-per-tonne factors a link may name (the page's input runs from 6.00 to 9.00 in steps of 0.01).
FACTORS = [f"{x / 100:g}" for x in range(600, 901)]


class EnergyReader(Reader[tuple[bool, int | None, float]]):
    KEYS = frozenset({"base_year", "bpt", "crude"})
    PAGE = "energy"

    def __init__(self, ds: Dataset, q: Query) -> None:
        super().__init__(q)
        #: The readings of "presently", the chosen one first.
        self.years = base_year_options(ds)

    def settings(self, ask: Ask = as_linked) -> tuple[bool, int | None, float]:
        """(the EIA chart in barrels, the year of "presently", the factor) as the energy view takes them; the year is
        asked only when the data has readings of "presently" to choose from."""
        base_year = None
        if self.years:
            label = "Year of “presently, about 70 million tons”"
            about = "The essay does not date its present. See “Why this year” on the page."
            mark = "the reading the evidence supports"
            base_year = ask(self.marked("base_year", label, self.years, self.years[0], mark, kind="radio", help=about))
        bpt = round(float(self.q.option("bpt", FACTORS, f"{BARRELS_PER_TONNE:g}")), 2)
        about = (
            "Converts the record (barrels a day) to the essay's million tonnes a year. "
            f"Default {BARRELS_PER_TONNE:g}: a world-average factor for crude."
        )
        label = "Barrels per tonne of crude"
        factor = ask(self.setting("bpt", label, bpt, FACTORS, kind="number", help=about, default=BARRELS_PER_TONNE, quiet=True))
        about = "The record unconverted: crude-oil net imports (U.S. EIA) in thousand barrels a day."
        return ask(self.flag("crude", "Add the EIA chart in barrels", True, about)), base_year, factor


class DataReader(Reader[tuple[str, list[str], str]]):
    KEYS = frozenset({"table", "countries", "q"})
    PAGE = "data"

    def __init__(self, ds: Dataset, q: Query) -> None:
        super().__init__(q)
        self.ds = ds

    def settings(self, ask: Ask = as_linked) -> tuple[str, list[str], str]:
        """(table, countries, search text)."""
        ds = self.ds
        members = [c for c, k in zip(ds.countries["code"], ds.countries["kind"], strict=True) if k == "country"]
        table = ask(
            self.one("table", "Table", list(SCHEMAS), "observations.csv", describe=lambda f: f"{table_title(f)} ({f})", said=str)
        )
        about = "Rows about these countries (tables without countries are not filtered)."
        countries = ask(self.many("countries", "Countries", members, members, describe=ds.names.__getitem__, help=about))
        return (
            table,
            countries,
            ask(self.setting("q", "Search text", self.q.values.get("q", ""), (), name="data_search", kind="text")),
        )
