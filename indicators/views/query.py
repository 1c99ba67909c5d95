"""A view's query parameters read against what a page offers: one reader for the page scripts and for links.

A value that is not offered falls back to the page's default and leaves a notice (never an error), so the page and
a slide deck made from the same link agree on the settings and say the same about what was dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import parse_qs

from indicators.load.safe_read import PLAIN_NUMBER

_NUMBER = re.compile(PLAIN_NUMBER)
T = TypeVar("T")

#: Flag values read as on; every other value is read as off.
ON = ("1", "true", "yes", "on")
OFF = ("0", "false", "no", "off")


class Query:
    """Query values (one per key) and the notices about those that were not understood."""

    def __init__(self, values: Mapping[str, str], explain_flags: bool = False) -> None:
        self.values = dict(values)
        self.notices: list[str] = []
        #: The settings on the page now, as its widgets note them (:mod:`indicators.pages.widgets`): what its URL holds.
        self.chosen: dict[str, Any] = {}
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
