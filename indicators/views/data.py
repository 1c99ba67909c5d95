"""Data and sources: every table with its provenance, the checks, and the essay beside the record."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators.consistency import TOLERANCE, consistency_report
from indicators.dataset import Dataset
from indicators.derive import describe
from indicators.record import essay_vs_record, inconsistencies
from indicators.schemas import SCHEMAS
from indicators.views.borders import border_frame


def with_provenance(ds: Dataset, table: str) -> pd.DataFrame:
    """A table as shown on the data page: names and the citation beside each row."""
    frame = ds.table(table).copy()
    if "country_code" in frame:
        frame.insert(1, "country", frame["country_code"].map(ds.names))
    if table == "observations.csv":
        frame.insert(4, "figure", [describe(ds, r) for _, r in frame.iterrows()])
    if table == "borders.csv":
        frame.insert(3, "figure", border_frame(ds)["label"].to_numpy())
    if "source_id" in frame and table != "sources.csv":
        src = ds.sources.set_index("source_id")["citation"]
        frame["citation"] = frame["source_id"].map(src)
    return frame


def filter_rows(frame: pd.DataFrame, countries: list[str] | None = None, text: str = "") -> pd.DataFrame:
    """Rows for the given country codes (where the table has them) whose cells contain ``text``."""
    out = frame
    if countries is not None:
        code_cols = [c for c in ("country_code", "neighbour_code", "subject_code", "object_code", "code") if c in out]
        if code_cols:
            mask = pd.Series(False, index=out.index)
            for c in code_cols:
                mask |= out[c].isin(countries)
            out = out[mask]
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
    )


def table_view(ds: Dataset, table: str, countries: tuple[str, ...], search: str) -> tuple[pd.DataFrame, int]:
    """The chosen table with provenance, filtered; and its full row count."""
    full = with_provenance(ds, table)
    by_country = None if table in ("indicators.csv", "sources.csv") else list(countries)
    return filter_rows(full, by_country, search), len(full)
