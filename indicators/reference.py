"""Build ``data/reference.csv`` from the open reference extracts.

The extracts (World Bank WDI via datahub.io and Gapminder; EIA) live outside the
repository in ``shared/reference``; this module maps them onto the project's
indicator ids and writes one long table, so the shipped data is reproducible:
``python -m indicators import-reference ../shared/reference``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators import safe_read
from indicators.dataset import DataValidationError, load_dataset
from indicators.export import csv_bytes
from indicators.output import write_output, write_outputs
from indicators.problems import Problem

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

REFERENCE_COLUMNS = ["country_code", "indicator_id", "year", "value", "unit", "source_id", "series_code"]


def build_reference(reference_dir: str | Path) -> pd.DataFrame:
    """Map the upstream long files onto this project's indicator ids."""
    parts = []
    for file, mapping in REFERENCE_FILES.items():
        # Read like the data package (a regular file, within the size cap), then parsed by pandas.
        data = safe_read.read_file(Path(reference_dir), file)
        raw = pd.read_csv(io.BytesIO(data), dtype={"value": "float64", "year": "int64"}, encoding="utf-8-sig")
        unknown = sorted(set(raw["indicator"]) - set(mapping))
        if unknown:
            raise ValueError(f"{file}: unexpected indicator(s) {unknown}")
        frame = pd.DataFrame(
            {
                "country_code": raw["iso3"],
                "indicator_id": raw["indicator"].map(lambda k, m=mapping: m[k][0]),
                "year": raw["year"],
                "value": raw["value"],
                "unit": raw["unit"],
                "source_id": raw["source_id"],
                "series_code": [mapping[k][1].format(iso3=c) for k, c in zip(raw["indicator"], raw["iso3"], strict=True)],
            }
        )
        parts.append(frame)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["indicator_id", "country_code", "year"], ignore_index=True)[REFERENCE_COLUMNS]


#: The dated SCO membership file and the source row (sources.csv) that describes it.
MEMBERSHIP_FILE = "sco_membership.csv"
MEMBERSHIP_SOURCE_ID = "sco_membership_record"
MEMBERSHIP_COLUMNS = ["country_code", "status", "year", "date", "source_id", "source_url", "note"]


def build_membership(reference_dir: str | Path) -> pd.DataFrame:
    """The dated membership changes, one row per change, in the package's column names.

    Read like every input (:func:`indicators.safe_read.read_file`: a regular file inside the folder, within the size
    cap; a link out of the folder, a FIFO or a 120 MB file is refused with a :class:`~indicators.safe_read.RefusedError`).
    """
    data = safe_read.read_file(Path(reference_dir), MEMBERSHIP_FILE)
    raw = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    frame = pd.DataFrame(
        {
            "country_code": raw["iso3"],
            "status": raw["status"],
            "year": raw["year"].astype(int),
            "date": raw["date"],
            "source_id": MEMBERSHIP_SOURCE_ID,
            "source_url": raw["source_url"],
            "note": raw["note"],
        }
    )
    return frame.sort_values(["year", "country_code"], kind="stable", ignore_index=True)[MEMBERSHIP_COLUMNS]


#: The release history of the World Bank comparison figures (SOURCES.md §6) and the source row that describes it.
VINTAGES_FILE = "wb_vintages.csv"
VINTAGES_SOURCE_ID = "wb_vintages"
VINTAGES_COLUMNS = [
    "country_code",
    "indicator_id",
    "year",
    "value",
    "first_date",
    "last_date",
    "first_commit",
    "last_commit",
    "release",
    "source_id",
]


def build_vintages(reference_dir: str | Path) -> pd.DataFrame:
    """Every value a World Bank series took across the releases read, on this project's indicator ids."""
    data = safe_read.read_file(Path(reference_dir), VINTAGES_FILE)
    raw = pd.read_csv(io.BytesIO(data), dtype={"value": "float64", "year": "int64"}, dtype_backend="numpy_nullable")
    ours = {k: v[0] for mapping in REFERENCE_FILES.values() for k, v in mapping.items()}
    unknown = sorted(set(raw["indicator"]) - set(ours))
    if unknown:
        raise ValueError(f"{VINTAGES_FILE}: unexpected indicator(s) {unknown}")
    frame = pd.DataFrame(
        {
            "country_code": raw["iso3"],
            "indicator_id": raw["indicator"].map(ours),
            "year": raw["year"],
            "value": raw["value"],
            "first_date": raw["first_date"],
            "last_date": raw["last_date"],
            "first_commit": raw["first_commit"],
            "last_commit": raw["last_commit"],
            "release": raw["source_id"],
            "source_id": VINTAGES_SOURCE_ID,
        }
    )
    return frame.sort_values(["indicator_id", "country_code", "year", "first_date"], ignore_index=True)[VINTAGES_COLUMNS]


def write_reference(reference_dir: str | Path, out: str | Path) -> int:
    """Build the reference table and write it to ``out`` atomically (no validation: see :func:`import_reference`)."""
    frame = build_reference(reference_dir)
    write_output(Path(out), csv_bytes(frame, bom=False), force=True, data_file=True)
    return len(frame)


@dataclass(frozen=True)
class Imported:
    """Which files an import read and wrote, and what it said about the others."""

    read: list[str]
    written: list[str]
    notes: list[str] = field(default_factory=list)


def import_reference(reference_dir: str | Path, data_dir: str | Path) -> tuple[int, list[Problem], Imported]:
    """Rebuild ``reference.csv``, ``membership.csv`` and ``vintages.csv`` in ``data_dir``, only if the new tables
    validate with the
    rest of the package.

    The new table is checked in place of the old one (nothing is written first); if
    it has any problem, :class:`DataValidationError` lists them and the old file is
    left as it was. Otherwise the files replace the old ones, all or none (:func:`indicators.output.write_outputs`).
    Returns the number of rows written, the problems the package still has in its other files, and which files
    were read and written.
    """
    frame = build_reference(reference_dir)
    built = {"reference.csv": csv_bytes(frame, bom=False)}
    used = Imported(read=list(REFERENCE_FILES), written=["reference.csv"])
    # An extract without the membership file leaves membership.csv as it is; one that is there is read strictly
    # (a link out of the folder, a FIFO, an oversized file: refused, never skipped in silence).
    if Path(reference_dir, MEMBERSHIP_FILE).exists() or Path(reference_dir, MEMBERSHIP_FILE).is_symlink():
        built["membership.csv"] = csv_bytes(build_membership(reference_dir), bom=False)
        used.read.append(MEMBERSHIP_FILE)
        used.written.append("membership.csv")
    else:
        used.notes.append(f"{MEMBERSHIP_FILE} is not in {reference_dir}: membership.csv was left as it was")
    if Path(reference_dir, VINTAGES_FILE).exists() or Path(reference_dir, VINTAGES_FILE).is_symlink():  # likewise
        built["vintages.csv"] = csv_bytes(build_vintages(reference_dir), bom=False)
        used.read.append(VINTAGES_FILE)
        used.written.append("vintages.csv")
    else:
        used.notes.append(f"{VINTAGES_FILE} is not in {reference_dir}: vintages.csv was left as it was")
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
