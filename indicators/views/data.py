"""Data and sources: every table with its provenance, the checks, and the essay beside the record."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators.analysis.consistency import TOLERANCE, consistency_report
from indicators.analysis.countries import STATUS_WORDS
from indicators.analysis.derive import describe
from indicators.analysis.record import essay_vs_record, inconsistencies
from indicators.load.dataset import Dataset
from indicators.outputs.citations import short_citation
from indicators.schemas import SCHEMAS, column_titles
from indicators.views.borders import border_frame, long_date

#: Columns that hold a country or group code, an indicator id or a source id: shown by name, title or citation.
CODE_COLUMNS = ("country_code", "neighbour_code", "subject_code", "object_code")
INDICATOR_COLUMNS = ("indicator_id", "numerator", "denominator", "reference_indicator")
SOURCE_COLUMNS = ("source_id", "cited_in")


def readable(ds: Dataset, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of a contract table as people read them: names, titles and citations for ids, the figure written
    out with its unit and qualifier, and each column under its title from the data contract."""
    out = frame.copy()
    for column in CODE_COLUMNS:
        if column in out:
            out[column] = out[column].map(lambda c: ds.names.get(c, c))
    if table == "countries.csv":
        out["members"] = out["members"].map(
            lambda m: ", ".join(ds.names.get(c, c) for c in str(m).split(";")), na_action="ignore"
        )
    # A table's own key stays an id (it is what the other tables refer to); every reference becomes a name.
    own_key = {"indicators.csv": "indicator_id", "sources.csv": "source_id"}.get(table)
    for column in INDICATOR_COLUMNS:
        if column in out and column != own_key:
            out[column] = out[column].map(lambda i: ds.indicator(i).title if i in ds.registry else i, na_action="ignore")
    for column in SOURCE_COLUMNS:
        if column in out and column != own_key:
            out[column] = out[column].map(lambda sid: short_citation(ds, sid), na_action="ignore")
    if table == "observations.csv":
        out.insert(3, "figure", [describe(ds, r) for _, r in frame.iterrows()])
    if table == "borders.csv":
        out.insert(3, "figure", border_frame(ds).loc[frame.index, "label"].to_numpy() if len(frame) else [])
    titles = column_titles(table)
    return out.rename(columns={c: titles.get(c, c.replace("_", " ").capitalize()) for c in out.columns})


def filter_rows(frame: pd.DataFrame, countries: list[str] | None = None, text: str = "") -> pd.DataFrame:
    """Rows for the given country codes (where the table has them) whose cells contain ``text``."""
    out = frame
    if countries is not None:
        code_cols = [c for c in (*CODE_COLUMNS, "code") if c in out]
        if code_cols:
            out = out[out[code_cols].isin(countries).any(axis=1)]
    if text:
        needle = text.casefold()
        hit = out.astype(str).apply(lambda col: col.str.casefold().str.contains(needle, regex=False)).any(axis=1)
        out = out[hit]
    return out


@dataclass(frozen=True)
class DataView:
    rows: int
    tables: int
    citation: str
    consistency: pd.DataFrame
    disagreements: int
    consistency_text: str
    reference: pd.DataFrame
    readme: str
    sources: pd.DataFrame = field(repr=False)
    membership: pd.DataFrame = field(repr=False)
    #: The page's first line: what was checked, in plain words.
    checked: str = ""


def data_view(ds: Dataset) -> DataView:
    report = consistency_report(ds)
    bad = inconsistencies(report)
    rows = int((report["status"] == "disagrees").sum())
    text = (
        f"{len(report)} checks compare a stated figure with the same quantity derived from other stated figures, "
        f"or a part with its whole. They find **{bad} inconsistenc{'y' if bad == 1 else 'ies'}** beyond {TOLERANCE:.0%}"
        + (f", seen from {rows} sides (a contradiction among three figures shows in each of them)." if rows > bad else ".")
    )
    essay = ds.essay
    return DataView(
        rows=sum(len(ds.table(f)) for f in SCHEMAS),
        tables=len(SCHEMAS),
        citation=str(essay["citation"]),
        consistency=report,
        disagreements=bad,
        consistency_text=text,
        reference=essay_vs_record(ds),
        readme=(
            "# SCO indicators data package\n\n"
            "Tables from the SCO indicators dashboard, validated. See datapackage.json for fields, keys and licences.\n\n"
            f"Essay: {essay['citation']}\n"
        ),
        sources=ds.sources[["source_id", "kind", "citation", "licence", "url"]].reset_index(drop=True),
        membership=membership_table(ds),
        checked=(
            f"All figures checked: the essay's {len(ds.observations) + len(ds.borders):,} figures and the record's "
            f"{len(ds.reference):,} values each have their source, a known country and indicator, a number in the right "
            "form and, for the essay, the words that state it. No problem was found."
        ),
    )


def membership_table(ds: Dataset) -> pd.DataFrame:
    """Every country that has held an SCO status, one row each: its statuses in order with their dates, its status
    at the last change recorded, and the reports that state them."""
    m = ds.membership.sort_values(["year", "date"], kind="stable", na_position="first")
    last = m["date"].dropna().max() if m["date"].notna().any() else str(m["year"].max())
    rows = []
    for code, changes in m.groupby("country_code", sort=False):
        steps = [
            f"{STATUS_WORDS.get(s, s)} {d if pd.notna(d) else y}"
            for s, d, y in changes[["status", "date", "year"]].itertuples(index=False)
        ]
        rows.append(
            {
                "Country": ds.names.get(str(code), str(code)),
                "Statuses": " → ".join(steps),
                f"Status on {long_date(str(last))}": STATUS_WORDS.get(changes["status"].iloc[-1]),
                "Sources": " ".join(dict.fromkeys(changes["source_url"])),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class TableView:
    shown: pd.DataFrame  # the rows as people read them
    rows: pd.DataFrame  # the same rows in the data contract (the CSV download)
    total: int


def table_view(ds: Dataset, table: str, countries: tuple[str, ...], search: str) -> TableView:
    """The chosen table filtered by country and by text (as read), both readable and as in the contract."""
    contract = ds.table(table)
    by_country = None if table in ("indicators.csv", "sources.csv", "assumptions.csv") else list(countries)
    rows = filter_rows(contract, by_country)
    shown = readable(ds, table, rows)
    if search:
        shown = filter_rows(shown, None, search)
        rows = rows.loc[shown.index]
    return TableView(shown.reset_index(drop=True), rows.reset_index(drop=True), len(contract))
