"""Read and validate the data package.

:func:`load_dataset` reads every CSV as text, lets the pandera models coerce
and check it lazily, then checks foreign keys across tables.  Every problem in
every file is collected before anything is raised, so one run tells the user
all that is wrong, as rows of (file, row, column, check, value, message).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from indicators import countries
from indicators.registry import Indicator, Registry
from indicators.schemas import CHECK_COLUMNS, CHECK_MESSAGES, ESSAY_KIND, SCHEMAS, essay_sourced, foreign_keys

#: The shipped data package, beside the library.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"

#: Environment variable that points the app and the CLI at another data folder.
DATA_DIR_ENV = "SCO_DATA_DIR"

PROBLEM_COLUMNS = ["file", "row", "column", "check", "value", "message"]

_ERROR_TEXT = re.compile(r"^(TypeError|KeyError|ValueError|AttributeError)\(")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data. ``row`` is the spreadsheet row (header = row 1)."""

    file: str
    row: int | None
    column: str | None
    check: str
    value: str
    message: str


class DataValidationError(Exception):
    """Raised by :func:`load_dataset` with every problem found."""

    def __init__(self, problems: list[Problem], data_dir: Path) -> None:
        self.problems = problems
        self.data_dir = data_dir
        super().__init__(f"{len(problems)} problem(s) in the data package at {data_dir}")

    def report(self) -> pd.DataFrame:
        return problems_frame(self.problems)


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    rows = [p.__dict__ for p in problems]
    frame = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
    frame["row"] = frame["row"].astype("Int64")
    return frame


def format_problems(problems: list[Problem]) -> str:
    """Plain text, one line a problem, for terminals and logs."""
    lines = []
    for p in problems:
        where = p.file
        if p.row is not None:
            where += f", row {p.row}"
        if p.column:
            where += f", column {p.column}"
        shown = f" (value: {p.value!r})" if p.value != "" else ""
        lines.append(f"{where}: {p.message} [{p.check}]{shown}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Dataset:
    """The validated tables, typed."""

    countries: pd.DataFrame
    indicators: pd.DataFrame
    sources: pd.DataFrame
    observations: pd.DataFrame
    borders: pd.DataFrame
    relations: pd.DataFrame
    reference: pd.DataFrame
    membership: pd.DataFrame
    assumptions: pd.DataFrame
    data_dir: Path = field(default=DEFAULT_DATA_DIR)

    def table(self, file_name: str) -> pd.DataFrame:
        frame: pd.DataFrame = getattr(self, file_name.removesuffix(".csv"))
        return frame

    @cached_property
    def registry(self) -> Registry:
        """Every indicator of ``indicators.csv`` as a typed object, with the menus the pages offer."""
        return Registry(self.indicators)

    def indicator(self, indicator_id: str) -> Indicator:
        return self.registry[indicator_id]

    @property
    def essay(self) -> pd.Series:
        """The essay's row of ``sources.csv`` (validation makes sure there is exactly one)."""
        return self.sources[self.sources["kind"] == ESSAY_KIND].iloc[0]

    @cached_property
    def names(self) -> dict[str, str]:
        """Country or group code -> display name."""
        return dict(zip(self.countries["code"], self.countries["name"], strict=True))

    @cached_property
    def colours(self) -> dict[str, str]:
        """Country code -> its fixed chart colour (see :func:`indicators.countries.colours`)."""
        return countries.colours(self.countries)

    def members_in(self, year: int) -> list[str]:
        """The SCO's members at the end of ``year``, in countries.csv order."""
        return countries.members_in(self.membership, year, list(self.countries["code"]))


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    if data_dir is not None:
        return Path(data_dir)
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else DEFAULT_DATA_DIR


def read_table(path: Path) -> pd.DataFrame:
    """Read one CSV as text: empty cell = missing, nothing else is guessed."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")


def _clean_failures(file: str, schema_name: str, cases: pd.DataFrame) -> list[Problem]:
    cases = cases.copy()
    cases["failure_case"] = cases["failure_case"].astype(str)
    # An exception inside a check is the echo of an earlier failure (a column that
    # could not be coerced, or is missing); keep it only if nothing else explains it.
    echoes = cases["failure_case"].str.match(_ERROR_TEXT) & cases["index"].isna()
    if echoes.any() and (~echoes).any():
        cases = cases[~echoes]
    problems: list[Problem] = []
    coerced = {
        (c, i)
        for c, i, k in zip(cases["column"], cases["index"], cases["check"], strict=True)
        if str(k).startswith("coerce_dtype")
    }
    seen_unique: set[int] = set()
    seen_frame_checks: set[tuple[str, int]] = set()
    for rec in cases.to_dict("records"):
        check = str(rec["check"])
        index = rec["index"]
        row = None if index is None or pd.isna(index) else int(index) + 2
        column = rec["column"]
        column = None if column is None or pd.isna(column) or column == schema_name else str(column)
        value = "" if rec["failure_case"] in ("None", "nan") else rec["failure_case"]
        if check.startswith("dtype(") and (rec["column"], index) in coerced:
            continue
        if check == "multiple_fields_uniqueness":
            if row is None or row in seen_unique:
                continue
            seen_unique.add(row)
            cols = cases.loc[(cases["check"] == check) & (cases["index"] == index), "column"]
            vals = cases.loc[(cases["check"] == check) & (cases["index"] == index), "failure_case"]
            column = "+".join(cols.astype(str))
            value = ", ".join(vals.astype(str))
        if check in CHECK_COLUMNS and row is not None:
            # pandera reports a failing row of a dataframe check once per non-empty cell:
            # keep one problem per row, against the check's column and that column's value.
            if (check, row) in seen_frame_checks:
                continue
            seen_frame_checks.add((check, row))
            target = CHECK_COLUMNS[check]
            cell = cases.loc[(cases["check"] == check) & (cases["index"] == index) & (cases["column"] == target), "failure_case"]
            column, value = target, "" if cell.empty or cell.iloc[0] in ("None", "nan") else str(cell.iloc[0])
        if check in CHECK_COLUMNS and column is None:
            column = CHECK_COLUMNS[check]
        if check in ("column_in_dataframe", "column_in_schema"):
            column, value = value, ""
        problems.append(Problem(file, row, column, check, value, _message(check)))
    problems.sort(key=lambda p: (p.row is not None, p.row or 0, p.column or ""))
    return problems


def _message(check: str) -> str:
    if check in CHECK_MESSAGES:
        return CHECK_MESSAGES[check]
    if check.startswith("coerce_dtype"):
        kind = check.removeprefix("coerce_dtype(").strip("')")
        word = {"int64": "a whole number", "float64": "a number"}.get(kind, kind)
        return f"not {word}"
    if check.startswith("isin("):
        return "not one of the allowed values " + check.removeprefix("isin(").removesuffix(")")
    if check.startswith("str_matches("):
        return "wrong format (expected pattern " + check.removeprefix("str_matches(").removesuffix(")") + ")"
    if check.startswith(("greater_than", "less_than", "in_range")):
        return "out of the allowed range: " + check.replace("_", " ")
    return f"fails check {check}"


def validate_table(file: str, raw: pd.DataFrame) -> tuple[pd.DataFrame | None, list[Problem]]:
    schema = SCHEMAS[file]
    try:
        return schema.validate(raw, lazy=True), []
    except pa.errors.SchemaErrors as err:
        return None, _clean_failures(file, schema.__name__, err.failure_cases)


def _foreign_keys(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """References between tables, as the schema models declare them; then evidence for every essay-sourced figure."""
    problems: list[Problem] = []
    defined: dict[tuple[str, str], set[object]] = {}
    for file, model in SCHEMAS.items():
        for column, link in foreign_keys(model).items():
            if file not in tables or link.table not in tables:
                continue
            values = tables[file][column]
            if link.separator is not None:
                values = values.dropna().astype(str).str.split(link.separator).explode()
            if (link.table, link.key) not in defined:
                defined[link.table, link.key] = set(tables[link.table][link.key].dropna())
            known = defined[link.table, link.key]
            if all(pd.isna(v) or v in known for v in values.unique()):
                continue  # every reference resolves: skip the per-row mask (the common case, and the costly part)
            bad = values.notna() & ~values.isin(known)
            for index, value in values[bad].items():
                problems.append(
                    Problem(
                        file,
                        int(str(index)) + 2,
                        column,
                        f"foreign_key({link.table.removesuffix('.csv')}.{link.key})",
                        str(value),
                        f"{CHECK_MESSAGES['foreign_key']} in {link.table} ({link.key})",
                    )
                )
    if "sources.csv" in tables:
        sourced = essay_sourced(tables["sources.csv"])
        for file in ("observations.csv", "borders.csv"):
            if file not in tables:
                continue
            frame = tables[file]
            missing = frame["source_id"].isin(sourced) & frame["evidence"].isna()
            for index in frame.index[missing]:
                problems.append(
                    Problem(
                        file,
                        int(index) + 2,
                        "evidence",
                        "evidence_required",
                        "",
                        "a figure from the essay (or a source it cites) needs its evidence phrase",
                    )
                )
    return problems


def _assumed_years(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A figure whose year rests on an assumption carries the year that assumption chose."""
    if "observations.csv" not in tables or "assumptions.csv" not in tables:
        return []
    chosen = dict(zip(tables["assumptions.csv"]["assumption_id"], tables["assumptions.csv"]["chosen"], strict=True))
    obs = tables["observations.csv"]
    expected = obs["year_assumption"].map(chosen)
    wrong = expected.notna() & (expected != obs["year"])
    return [
        Problem(
            "observations.csv",
            int(i) + 2,
            "year",
            "year_is_the_chosen_reading",
            str(obs.at[i, "year"]),
            CHECK_MESSAGES["year_is_the_chosen_reading"],
        )
        for i in obs.index[wrong]
    ]


#: Tables of data packages that validated in this process, by the SHA-256 of each file's bytes (newest last).
_VALIDATED: OrderedDict[tuple[tuple[str, str], ...], dict[str, pd.DataFrame]] = OrderedDict()
_VALIDATED_LIMIT = 4
_VALIDATED_LOCK = threading.Lock()


def _fingerprint(directory: Path) -> tuple[tuple[str, str], ...] | None:
    """(file, SHA-256 of its bytes) for every table, or None if one cannot be read."""
    parts = []
    for file in SCHEMAS:
        try:
            data = (directory / file).read_bytes()
        except OSError:
            return None
        parts.append((file, hashlib.sha256(data).hexdigest()))
    return tuple(parts)


def _copies(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Deep copies of validated tables, so a caller cannot change what the memo holds."""
    return {f: t.copy() for f, t in tables.items()}


def clear_validated_memo() -> None:
    """Forget every data package validated so far in this process."""
    with _VALIDATED_LOCK:
        _VALIDATED.clear()


def load_dataset(data_dir: str | Path | None = None, *, memo: bool = True) -> Dataset:
    """Read and validate every table; raise :class:`DataValidationError` listing all problems.

    With ``memo`` (the default), a data package whose files are byte for byte one
    that already validated in this process is not read and checked again: its
    validated tables are returned as fresh copies.  Only packages that validate
    are remembered, so a package with problems is always checked in full.
    ``memo=False`` always reads and validates.
    """
    directory = resolve_data_dir(data_dir)
    key = _fingerprint(directory) if memo else None
    if key is not None:
        with _VALIDATED_LOCK:
            known = _VALIDATED.get(key)
            if known is not None:
                _VALIDATED.move_to_end(key)
        if known is not None:
            copies = _copies(known)
            return Dataset(**{f.removesuffix(".csv"): copies[f] for f in SCHEMAS}, data_dir=directory)
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    for file in SCHEMAS:
        path = directory / file
        if not path.is_file():
            problems.append(Problem(file, None, None, "file_exists", str(path), "file is missing"))
            continue
        try:
            raw = read_table(path)
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
            problems.append(Problem(file, None, None, "readable_csv", "", f"cannot be read as UTF-8 CSV: {err}"))
            continue
        table, found = validate_table(file, raw)
        problems.extend(found)
        if table is not None:
            tables[file] = table
    problems.extend(_foreign_keys(tables))
    problems.extend(_assumed_years(tables))
    if problems:
        raise DataValidationError(problems, directory)
    # Remember the tables only if the files did not change while they were read.
    if key is not None and _fingerprint(directory) == key:
        with _VALIDATED_LOCK:
            _VALIDATED[key] = _copies(tables)
            while len(_VALIDATED) > _VALIDATED_LIMIT:
                _VALIDATED.popitem(last=False)
    return Dataset(**{f.removesuffix(".csv"): tables[f] for f in SCHEMAS}, data_dir=directory)
