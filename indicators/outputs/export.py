"""Write the validated tables out: CSV files, a ZIP with the data package, chart images.

Every CSV leaves through :func:`csv_bytes` (the command line's export, the ZIP and every download button), which
writes what a spreadsheet will read as data and never run. Files are written by :mod:`indicators.outputs.output`.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from indicators.analysis.numbers import missing
from indicators.load import safe_read
from indicators.load.dataset import Dataset
from indicators.outputs.output import OutputError, write_outputs
from indicators.schemas import SCHEMAS

#: Byte-order mark that makes Excel open a UTF-8 CSV with the right encoding.
UTF8_BOM = "\ufeff"

#: First characters that make a spreadsheet read a cell as a formula, or move a formula into it: = + - @ (the
#: OWASP list), tab and carriage return, and the full-width = + - @ that some spreadsheets read the same way.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

#: Whole numbers below this are written as integers (15000000, not 15000000.0): every integer up to 2**53 is
#: exactly a float, so nothing is rounded. Larger ones keep Python's shortest exact form (1e+20).
_WHOLE_BELOW = 2.0**53

_PLAIN_NUMBER = re.compile(safe_read.PLAIN_NUMBER)
_NEEDS_QUOTES = re.compile(r'[",\r\n]')


class ExportError(Exception):
    """An export that was not made (nothing was written); the message says why and what to do."""


def spreadsheet_safe(text: str) -> str:
    """``text``, with a leading single quote if a spreadsheet would run it as a formula; a plain number written as
    text (``-3``, ``+1.5e3``) is left as it is, as a spreadsheet reads it as that number, which is what it is."""
    if text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _cell(value: Any) -> str:
    """One cell of any column: missing -> empty, numbers as numbers, text made spreadsheet-safe."""
    if missing(value):
        return ""
    if isinstance(value, int):  # bool too: True, False
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < _WHOLE_BELOW else repr(value)
    return spreadsheet_safe(str(value))


def _line(cells: Iterable[str]) -> str:
    """RFC 4180 quoting: a cell holding a comma, a quote, a carriage return or a line feed is quoted.

    Not ``csv.writer``: with ``\\n`` between rows it leaves a cell holding a lone carriage return unquoted, and it
    writes a row of one empty cell as ``""``.
    """
    return ",".join('"' + c.replace('"', '""') + '"' if _NEEDS_QUOTES.search(c) else c for c in cells)


def csv_text(frame: pd.DataFrame) -> str:
    """A table as spreadsheet-safe CSV text (header first, no index, ``\\n`` between rows): a formula in a header
    or cell is made inert, numbers stay numbers (whole ones without ``.0``), and line breaks are quoted."""
    header = [spreadsheet_safe(str(c)) for c in frame.columns]
    columns = [[_cell(v) for v in frame.iloc[:, i].tolist()] for i in range(frame.shape[1])]
    lines = [_line(header), *(_line(row) for row in zip(*columns, strict=True))]
    return "\n".join(lines) + "\n"


def csv_bytes(frame: pd.DataFrame, bom: bool = True) -> bytes:
    """A table as spreadsheet-safe CSV bytes (UTF-8, with a BOM for Excel by default); see :func:`csv_text`."""
    return ((UTF8_BOM if bom else "") + csv_text(frame)).encode("utf-8")


def datapackage(ds: Dataset) -> dict[str, Any]:
    """The data folder's ``datapackage.json``, read strictly; :class:`ExportError` if it is not the contract's."""
    try:
        return safe_read.read_descriptor(ds.data_dir)
    except safe_read.RefusedError as refused:
        raise ExportError(f"{refused.problem.file} {refused.problem.message}") from None


def _package_files(ds: Dataset) -> dict[str, bytes]:
    """Every table as CSV (UTF-8, no BOM) and ``datapackage.json``, by file name."""
    files = {file: csv_bytes(ds.table(file), bom=False) for file in SCHEMAS}
    files[safe_read.DESCRIPTOR] = (json.dumps(datapackage(ds), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files


def zip_bytes(ds: Dataset, readme: str) -> bytes:
    """Every table, ``datapackage.json`` and a README as one ZIP."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in {**_package_files(ds), "README.md": readme.encode("utf-8")}.items():
            zf.writestr(name, data)
    return buf.getvalue()


def export_tables(ds: Dataset, out: str | Path, *, force: bool = False) -> list[Path]:
    """Write each validated table as CSV (UTF-8, no BOM) plus ``datapackage.json`` into ``out``, all or none.

    Raises :class:`ExportError`, having written nothing, if ``out`` is the data folder (or inside it) or a symbolic
    link, if any of the files exist already and ``force`` is not set, or if one of them may not be replaced.
    """
    target = Path(out)
    if str(out).strip() == "":
        raise ExportError("no output folder is named (--out is empty): name the folder to write into")
    if target.is_symlink():
        raise ExportError(f"{target} is a symbolic link; it is not written through: name a plain folder instead")
    if target.resolve().is_relative_to(ds.data_dir.resolve()):
        raise ExportError(f"{target} is the data folder the tables are read from (or inside it): choose another folder")
    files = _package_files(ds)
    existing = [name for name in files if os.path.lexists(target / name)]
    if existing and not force:
        raise ExportError(f"{target} already holds {', '.join(existing)}: nothing was written (use --force to replace them)")
    target.mkdir(parents=True, exist_ok=True)
    try:
        return write_outputs({target / name: data for name, data in files.items()}, force=force, data_dir=ds.data_dir)
    except OutputError as err:
        raise ExportError(f"{err}; nothing was written") from None
