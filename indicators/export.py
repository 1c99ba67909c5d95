"""Write the validated tables out: CSV files, a ZIP with the data package, chart images."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd

from indicators.dataset import Dataset
from indicators.schemas import SCHEMAS

#: Byte-order mark that makes Excel open a UTF-8 CSV with the right encoding.
UTF8_BOM = "\ufeff"


def csv_bytes(frame: pd.DataFrame, bom: bool = True) -> bytes:
    """A table as CSV bytes (UTF-8, with BOM for Excel by default), values exactly as held."""
    text = frame.to_csv(index=False, lineterminator="\n")
    return ((UTF8_BOM if bom else "") + text).encode("utf-8")


def datapackage(ds: Dataset) -> dict[str, object]:
    descriptor: dict[str, object] = json.loads((ds.data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return descriptor


def zip_bytes(ds: Dataset, readme: str) -> bytes:
    """Every table, ``datapackage.json`` and a README as one ZIP."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for file in SCHEMAS:
            zf.writestr(file, csv_bytes(ds.table(file), bom=False))
        zf.writestr("datapackage.json", json.dumps(datapackage(ds), indent=2, ensure_ascii=False) + "\n")
        zf.writestr("README.md", readme)
    return buf.getvalue()


def export_tables(ds: Dataset, out: str | Path) -> list[Path]:
    """Write each validated table as CSV (UTF-8, no BOM) plus ``datapackage.json`` into ``out``."""
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for file in SCHEMAS:
        path = target / file
        path.write_bytes(csv_bytes(ds.table(file), bom=False))
        written.append(path)
    meta = target / "datapackage.json"
    meta.write_text(json.dumps(datapackage(ds), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(meta)
    return written
