"""The indicator registry: ``indicators.csv`` as typed, frozen objects.

Everything a page needs to know about an indicator is a column of ``indicators.csv``: a new indicator is one row
there plus its observations.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from indicators.analysis.numbers import missing

#: Pages an indicator can be offered on (the ``pages`` column).
COMPARE, OVER_TIME, ENERGY = "compare", "over_time", "energy"


@dataclass(frozen=True)
class Unit:
    """A display for quantities that are not indicators of their own (border lengths)."""

    scale: float
    decimals: int
    display: str
    short_unit: str


KILOMETRES = Unit(scale=1.0, decimals=0, display="{} km", short_unit="km")


def _text(value: object) -> str | None:
    return None if missing(value) else str(value)


@dataclass(frozen=True)
class Indicator:
    """One row of ``indicators.csv``."""

    id: str
    title: str
    unit: str
    short_unit: str
    description: str
    decimals: int
    scale: float
    axis_label: str
    display: str
    pages: frozenset[str]
    menu_order: float | None
    additive: bool
    derivation: str | None
    numerator: str | None
    denominator: str | None
    factor: float
    reference_indicator: str | None
    reference_definition: str | None
    reference_same_definition: bool | None

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> Indicator:
        text: dict[str, Any] = {f.name: _text(row[f.name]) for f in fields(cls) if f.name != "id"}
        pages, order, factor, same = text["pages"], text["menu_order"], text["factor"], text["reference_same_definition"]
        text.update(
            id=str(row["indicator_id"]),
            decimals=int(text["decimals"]),
            scale=float(text["scale"]),
            pages=frozenset(pages.split(";")) if pages else frozenset(),
            menu_order=float(order) if order is not None else None,
            additive=text["additive"] == "true",
            factor=float(factor) if factor is not None else 1.0,
            reference_same_definition=same == "true" if same is not None else None,
        )
        return cls(**text)

    @property
    def is_ratio(self) -> bool:
        return self.derivation == "ratio"

    @property
    def is_share(self) -> bool:
        return self.derivation == "share"


class Registry(dict[str, Indicator]):
    """Every indicator by id, with the menus the pages offer."""

    def __init__(self, indicators: pd.DataFrame) -> None:
        super().__init__((str(r["indicator_id"]), Indicator.from_row(r)) for r in indicators.to_dict("records"))

    def __missing__(self, key: str) -> Indicator:
        raise KeyError(f"unknown indicator {key!r} (not in indicators.csv)")

    def offered(self, page: str) -> list[Indicator]:
        """The indicators a page offers, in menu order."""
        shown = [i for i in self.values() if page in i.pages]
        return sorted(shown, key=lambda i: (i.menu_order if i.menu_order is not None else math.inf, i.id))

    def share_bases(self) -> list[Indicator]:
        """Stated quantities that can be summed across countries, so a share of their total means something."""
        return [i for i in self.offered(COMPARE) if i.additive and i.derivation is None]


#: How a number of some unit is written: divide by ``scale``, round to ``decimals``, fill ``display``.
Display = Indicator | Unit
