"""A person's own figures for their session (``Dataset.own``), as every view shows them: apart.

They are an extra source, never the essay's: each view draws them as their own layer (:mod:`indicators.charts.own`)
with their own legend entry and table rows whose basis is :data:`OWN_BASIS`, and they never enter a total, a
derivation or a comparison with the record. No indicator is a border length, so the borders page shows none.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from indicators.contract.registry import Display
from indicators.load.dataset import Dataset
from indicators.views.base import decorate, table_of

#: The basis (and the table's source kind) of a person's own figure.
OWN_BASIS = "added by you"

#: Most own figures one chart draws (the first, in the order of :func:`own_rows`): a chart sends every point to the
#: browser (Altair refuses more than 5,000 rows), and a thousand triangles are already past reading; the table and
#: its CSV keep every row.
MAX_DRAWN = 1_000

#: Said on a share chart when the person added figures for its total's indicator.
NOT_IN_SHARES = "Your figures are not part of shares: a total mixes sources and years."


def _of(own: pd.DataFrame, indicator: str, countries: Sequence[str]) -> pd.Series:
    return (own["indicator_id"] == indicator) & own["country_code"].isin(list(countries))


def own_rows(ds: Dataset, indicator: str, countries: Sequence[str], unit: Display) -> pd.DataFrame:
    """The own figures of ``indicator`` for ``countries`` (any year, any kind), decorated like the essay's rows
    (names, labels, scaled columns, citations), with basis :data:`OWN_BASIS`; in the order of ``countries``, then year."""
    rows = ds.own[_of(ds.own, indicator, countries)]
    out = decorate(ds, rows.assign(basis=OWN_BASIS, derived=False, formula=None, inputs=None), unit)
    order = {c: i for i, c in enumerate(countries)}
    out = out.assign(_order=out["country_code"].map(order)).sort_values(["_order", "year"], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def drawn_notice(count: int) -> str | None:
    """What a chart of ``count`` own figures leaves out, said plainly; None when it draws them all."""
    if count <= MAX_DRAWN:
        return None
    return (
        f"The chart draws the first {MAX_DRAWN:,} of your {count:,} figures (by country, then year); "
        "the table and its CSV hold all of them."
    )


def has_own(ds: Dataset, indicator: str, countries: Sequence[str]) -> bool:
    return bool(_of(ds.own, indicator, countries).any())


def legend_label(ds: Dataset, frame: pd.DataFrame) -> str:
    """The legend entry of the own figures' layer: whose figures they are and where they come from (the citations
    of their sources, the id where a source has none, in order, once each)."""
    cited = {
        s: c for s, c in zip(ds.sources["source_id"], ds.sources["citation"], strict=True) if isinstance(c, str) and c.strip()
    }
    citations = "; ".join(cited.get(s, s) for s in dict.fromkeys(str(s) for s in frame["source_id"]))
    return f"Your figures ({citations.rstrip('.')})"


def year_note(own: pd.DataFrame, essay_years: Sequence[int]) -> str | None:
    """A subtitle line naming the years of own figures that are not a year of the essay's figures, or None."""
    other = sorted({int(y) for y in own["year"]} - set(essay_years))
    if not other:
        return None
    ours = ", ".join(map(str, sorted(set(essay_years)))) or "none"
    said = ", ".join(map(str, other))
    return f"Your figures for {said} are for another year than the essay's ({ours}): each says its year."


def alt_text(own: pd.DataFrame) -> str:
    """The own figures, for a chart's alt text (empty when there are none)."""
    if own.empty:
        return ""
    said = "; ".join(f"{r['country']} {r['label']} ({int(r['year'])})" for _, r in own.iterrows())
    return f" Your own figures, drawn apart as hollow triangles: {said}."


#: The columns of :func:`own_table`.
OWN_COLUMNS = ["country", "year", "label", "value", "qualifier_label", "basis", "source", "locator", "note"]


def own_table(own: pd.DataFrame, unit: Display) -> pd.DataFrame:
    """The person's own figures (:func:`own_rows`) as a table with human headers (for a page with no table of figures)."""
    table = table_of(
        own.assign(basis=OWN_BASIS), OWN_COLUMNS, ["value"], value=f"Value ({unit.short_unit})", locator="Where stated"
    )
    return table.astype({"Year": int})
