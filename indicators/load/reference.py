"""Build ``data/reference.csv`` from the open reference extracts.

The extracts (World Bank WDI via datahub.io and Gapminder; EIA) live outside the repository in ``shared/reference``;
this module maps them onto the project's indicator ids, so the shipped data is reproducible:
``python -m indicators import-reference ../shared/reference``.
"""

from __future__ import annotations

import io
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from indicators.contract.problems import Problem
from indicators.load import safe_read
from indicators.load.dataset import DataValidationError, load_dataset, table_types
from indicators.outputs.export import csv_bytes
from indicators.outputs.output import write_outputs

#: upstream file -> {upstream indicator -> (our indicator_id, series code)}
REFERENCE_FILES: dict[str, dict[str, tuple[str, str]]] = {
    "wb_gdp_current_usd.csv": {"gdp_current_usd": ("gdp_usd", "NY.GDP.MKTP.CD")},
    "wb_population_total.csv": {"population_total": ("population", "SP.POP.TOTL")},
    "wdi_armed_forces_personnel.csv": {
        "armed_forces_personnel_total": ("armed_forces", "MS.MIL.TOTL.P1"),
        "armed_forces_personnel_pct_labor_force": ("armed_forces_pct_labor_force", "MS.MIL.TOTL.TF.ZS"),
    },
    "eia_crude_oil_trade.csv": {
        "crude_oil_imports": ("crude_oil_imports_kbd", "INTL.57-3-{iso3}-TBPD.A"),
        "crude_oil_exports": ("crude_oil_exports_kbd", "INTL.57-4-{iso3}-TBPD.A"),
        "crude_oil_net_imports_derived": ("crude_oil_net_imports_kbd", "imports minus exports (derived upstream)"),
    },
}


def _read(reference_dir: str | Path, file: str, **options: Any) -> pd.DataFrame:
    """An extract read like the data package (a regular file inside the folder, within the size cap; a link out of the
    folder, a FIFO or an oversized file is refused with a :class:`~indicators.load.safe_read.RefusedError`), then parsed."""
    frame: pd.DataFrame = pd.read_csv(io.BytesIO(safe_read.read_file(Path(reference_dir), file)), **options)
    return frame


def _check_indicators(raw: pd.DataFrame, known: Collection[str], file: str) -> None:
    unknown = sorted(set(raw["indicator"]) - set(known))
    if unknown:
        raise ValueError(f"{file}: unexpected indicator(s) {unknown}")


def build_reference(reference_dir: str | Path) -> pd.DataFrame:
    """Map the upstream long files onto this project's indicator ids."""
    parts = []
    for file, mapping in REFERENCE_FILES.items():
        raw = _read(reference_dir, file, dtype={"value": "float64", "year": "int64"}, encoding="utf-8-sig")
        _check_indicators(raw, mapping, file)
        codes = [mapping[k][1].format(iso3=c) for k, c in zip(raw["indicator"], raw["iso3"], strict=True)]
        ours = raw["indicator"].map(lambda k, m=mapping: m[k][0])
        parts.append(raw.rename(columns={"iso3": "country_code"}).assign(indicator_id=ours, series_code=codes))
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["indicator_id", "country_code", "year"], ignore_index=True)[list(table_types("reference.csv"))]


#: The dated SCO membership file and the source row (sources.csv) that describes it.
MEMBERSHIP_FILE = "sco_membership.csv"
MEMBERSHIP_SOURCE_ID = "sco_membership_record"


def build_membership(reference_dir: str | Path) -> pd.DataFrame:
    """The dated membership changes, one row per change, in the package's column names."""
    raw = _read(reference_dir, MEMBERSHIP_FILE, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    frame = raw.rename(columns={"iso3": "country_code"}).assign(year=raw["year"].astype(int), source_id=MEMBERSHIP_SOURCE_ID)
    return frame.sort_values(["year", "country_code"], kind="stable", ignore_index=True)[list(table_types("membership.csv"))]


#: The release history of the World Bank comparison figures (SOURCES.md §6) and the source row that describes it.
VINTAGES_FILE = "wb_vintages.csv"
VINTAGES_SOURCE_ID = "wb_vintages"


def build_vintages(reference_dir: str | Path) -> pd.DataFrame:
    """Every value a World Bank series took across the releases read, on this project's indicator ids."""
    raw = _read(reference_dir, VINTAGES_FILE, dtype={"value": "float64", "year": "int64"}, dtype_backend="numpy_nullable")
    ours = {k: v[0] for mapping in REFERENCE_FILES.values() for k, v in mapping.items()}
    _check_indicators(raw, ours, VINTAGES_FILE)
    frame = raw.rename(columns={"iso3": "country_code", "source_id": "release"})
    frame = frame.assign(indicator_id=raw["indicator"].map(ours), source_id=VINTAGES_SOURCE_ID)
    frame = frame.sort_values(["indicator_id", "country_code", "year", "first_date"], ignore_index=True)
    return frame[list(table_types("vintages.csv"))]


#: The extracts an import reads when they are there, and the table each rebuilds.
OPTIONAL_EXTRACTS = {MEMBERSHIP_FILE: ("membership.csv", build_membership), VINTAGES_FILE: ("vintages.csv", build_vintages)}


@dataclass(frozen=True)
class Imported:
    """Which files an import read and wrote, and what it said about the others."""

    read: list[str]
    written: list[str]
    notes: list[str] = field(default_factory=list)


def import_reference(reference_dir: str | Path, data_dir: str | Path) -> tuple[int, list[Problem], Imported]:
    """Rebuild ``reference.csv``, ``membership.csv`` and ``vintages.csv`` in ``data_dir``, all or none, only if the new
    tables validate with the rest of the package (else :class:`DataValidationError`, nothing written). Returns the rows
    written, the problems the package still has in its other files, and which files were read and written."""
    frame = build_reference(reference_dir)
    built = {"reference.csv": csv_bytes(frame, bom=False)}
    used = Imported(read=list(REFERENCE_FILES), written=["reference.csv"])
    for extract, (table, build) in OPTIONAL_EXTRACTS.items():
        # An extract without the file leaves the table as it is; one that is there is read strictly
        # (a link out of the folder, a FIFO, an oversized file: refused, never skipped in silence).
        if Path(reference_dir, extract).exists() or Path(reference_dir, extract).is_symlink():
            built[table] = csv_bytes(build(reference_dir), bom=False)
            used.read.append(extract)
            used.written.append(table)
        else:
            used.notes.append(f"{extract} is not in {reference_dir}: {table} was left as it was")
    directory = Path(data_dir)
    others: list[Problem] = []
    try:
        load_dataset(directory, replace=built)
    except DataValidationError as err:
        own = [p for p in err.problems if p.file in built]
        if own or any(p.check == "folder_exists" for p in err.problems):
            raise DataValidationError(own or err.problems, directory) from None
        others = err.problems
    write_outputs({directory / file: data for file, data in built.items()}, force=True, data_dir=directory, data_file=True)
    return len(frame), others, used
