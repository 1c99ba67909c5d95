"""Figures a person added for their own session (``Dataset.added``), as every view shows them: apart.

They are an extra source, never the essay's: each view draws them as their own layer (see
:mod:`indicators.charts.added`) with their own legend entry and table rows whose basis is :data:`ADDED`, and
they never enter a total, a derivation or a comparison with the record.

The borders page shows ``borders.csv`` (country and neighbour pairs); an added row is in the observations
contract (one country, an indicator of ``indicators.csv``), and no indicator there is a border length, so an
added figure has no place on that page and it shows none.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from indicators.dataset import Dataset
from indicators.registry import Display
from indicators.views.base import decorate

#: The basis (and the table's source kind) of a figure a person added in their session.
ADDED = "added by you"

#: Most of a person's own figures one chart draws. A chart sends every point to the browser (Altair refuses more
#: than 5,000 rows outright), and a thousand triangles on one chart are already past reading; the table and its
#: CSV keep every row.
MAX_DRAWN = 1_000

#: Said on a share chart when the person added figures for its total's indicator.
NOT_IN_SHARES = "Your figures are not part of shares: a total mixes sources and years."


def _of(added: pd.DataFrame, indicator: str, countries: Sequence[str]) -> pd.Series:
    """Which added rows are of ``indicator`` and one of ``countries``."""
    return (added["indicator_id"] == indicator) & added["country_code"].isin(list(countries))


def added_rows(ds: Dataset, indicator: str, countries: Sequence[str], unit: Display) -> pd.DataFrame:
    """The added figures of ``indicator`` for ``countries`` (any year, any kind), decorated like the essay's rows
    (names, labels, scaled columns, citations), with basis :data:`ADDED`; in the order of ``countries``, then year."""
    rows = ds.added[_of(ds.added, indicator, countries)]
    if rows.empty:
        return pd.DataFrame()
    out = decorate(ds, rows.assign(basis=ADDED, derived=False, formula=None, inputs=None), unit)
    order = {c: i for i, c in enumerate(countries)}
    out = out.assign(_order=out["country_code"].map(order)).sort_values(["_order", "year"], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def drawn(added: pd.DataFrame) -> pd.DataFrame:
    """The added rows a chart draws: all of them, or the first :data:`MAX_DRAWN` (by country, then year)."""
    return added if len(added) <= MAX_DRAWN else added.head(MAX_DRAWN)


def drawn_notice(count: int) -> str | None:
    """What a chart of ``count`` added figures leaves out, said plainly; None when it draws them all."""
    if count <= MAX_DRAWN:
        return None
    return (
        f"The chart draws the first {MAX_DRAWN:,} of your {count:,} figures (by country, then year); "
        "the table and its CSV hold all of them."
    )


def has_added(ds: Dataset, indicator: str, countries: Sequence[str]) -> bool:
    """Whether the person added any figure of ``indicator`` for one of ``countries``."""
    return bool(_of(ds.added, indicator, countries).any())


def citations(ds: Dataset, frame: pd.DataFrame) -> str:
    """The citations of the sources of ``frame``'s rows (the id where a source has none), in order, once each."""
    cited = ds.sources.set_index("source_id")["citation"]
    said = []
    for sid in dict.fromkeys(str(s) for s in frame["source_id"]):
        text = cited.get(sid)
        said.append(str(text) if isinstance(text, str) and text.strip() else sid)
    return "; ".join(said)


def legend_label(ds: Dataset, frame: pd.DataFrame) -> str:
    """The legend entry of the added layer: whose figures they are and where they come from."""
    return f"Your figures ({citations(ds, frame).rstrip('.')})"


def year_note(added: pd.DataFrame, essay_years: Sequence[int]) -> str | None:
    """A subtitle line naming the years of added figures that are not a year of the essay's figures, or None."""
    other = sorted({int(y) for y in added["year"]} - set(essay_years)) if not added.empty else []
    if not other:
        return None
    ours = ", ".join(map(str, sorted(set(essay_years)))) or "none"
    said = ", ".join(map(str, other))
    return f"Your figures for {said} are for another year than the essay's ({ours}): each says its year."


def alt_text(added: pd.DataFrame) -> str:
    """The added figures, for a chart's alt text (empty when there are none)."""
    if added.empty:
        return ""
    said = "; ".join(f"{r['country']} {r['label']} ({int(r['year'])})" for _, r in added.iterrows())
    return f" Your own figures, drawn apart as hollow triangles: {said}."


def added_table(added: pd.DataFrame, unit: Display) -> pd.DataFrame:
    """The person's own figures as a table with human headers (for a page that has no table of figures)."""
    columns = ["Country", "Year", "Figure", f"Value ({unit.short_unit})", "Qualifier", "Basis", "Source", "Where stated", "Note"]
    if added.empty:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(
        {
            columns[0]: added["country"],
            columns[1]: added["year"].astype(int),
            columns[2]: added["label"],
            columns[3]: pd.to_numeric(added["value"], errors="coerce"),
            columns[4]: added["qualifier_label"],
            columns[5]: ADDED,
            columns[6]: added["source"],
            columns[7]: added["locator"],
            columns[8]: added["note"],
        }
    ).reset_index(drop=True)
    text = [columns[i] for i in (2, 4, 6, 7, 8)]
    table[text] = table[text].astype(object).where(table[text].notna(), "")
    return table
