"""Read and validate the data package.

:func:`load_dataset` reads every CSV strictly and within caps (see
:mod:`indicators.safe_read`: only regular files inside the folder, UTF-8, a
well-formed CSV, plain finite numbers), lets the pandera models coerce and check
it lazily, then checks foreign keys across tables and ``datapackage.json``
(the table checks are in :mod:`indicators.validation`).
Every problem in every file is collected before anything is raised, so one run
tells the user all that is wrong, as rows of (file, row, column, check, value,
message), where the row is the file's own line number.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import pandas as pd

from indicators import countries, safe_read
from indicators.problems import Problem as Problem  # re-exported: callers import it from here too
from indicators.problems import said
from indicators.registry import Indicator, Registry
from indicators.schemas import CHECK_COLUMNS, ESSAY_KIND, SCHEMAS
from indicators.validation import assumed_year_problems, cross_table_problems, denominator_problems, validate_table

#: The shipped data package, beside the library.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"

#: Environment variable that points the app and the CLI at another data folder.
DATA_DIR_ENV = "SCO_DATA_DIR"

PROBLEM_COLUMNS = ["file", "row", "column", "check", "value", "message"]


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
    """Plain text, one line a problem, for terminals and logs (the check's technical name stays in the report's
    ``check`` column, not in what a person reads)."""
    return "\n".join(said(p) for p in problems)


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
    vintages: pd.DataFrame
    claims: pd.DataFrame
    data_dir: Path = field(default=DEFAULT_DATA_DIR)
    #: Rows in the observations contract that a person added for their own session
    #: (:func:`indicators.upload.with_added`). They never join ``observations``, so every figure computed from the
    #: essay (derivations, shares, consistency, the record beside it) stays the essay's; views draw them apart.
    added: pd.DataFrame = field(default_factory=lambda: empty_table("observations.csv"))

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
        """Country code -> its fixed chart colour (see :func:`indicators.countries.colours`): overflow colours go to
        the SCO's members of any year first."""
        ever = set(self.membership.loc[self.membership["status"] == countries.MEMBER, "country_code"])
        return countries.colours(self.countries, first=ever)

    @property
    def text_colours(self) -> dict[str, str]:
        """Country code -> the darker shade of its colour for text (see :func:`indicators.countries.text_colours`)."""
        return {code: countries.legible(colour, countries.TEXT_CONTRAST) for code, colour in self.colours.items()}

    def members_in(self, year: int) -> list[str]:
        """The SCO's members at the end of ``year``, in countries.csv order."""
        return countries.members_in(self.membership, year, list(self.countries["code"]))


def empty_table(file: str) -> pd.DataFrame:
    """A table with no rows and the contract's columns, numbers typed as numbers."""
    columns, numeric = table_columns(file)
    return pd.DataFrame({c: pd.Series(dtype=numeric.get(c, object)) for c in columns})


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    if data_dir is not None:
        return Path(data_dir)
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else DEFAULT_DATA_DIR


def read_table(path: Path) -> pd.DataFrame:
    """Read one CSV strictly (see :mod:`indicators.safe_read`) as text: empty cell = missing, nothing else is guessed.

    Raises :class:`DataValidationError` if the file is refused or is not a well-formed CSV.
    """
    try:
        data = safe_read.read_file(path.parent, path.name)
    except safe_read.RefusedError as refused:
        raise DataValidationError([refused.problem], path.parent) from None
    raw, problems = safe_read.parse_csv(path.name, data)
    if raw is None:
        raise DataValidationError(problems, path.parent)
    return raw.frame


#: Every file the package is read from (its signature covers them all).
PACKAGE_FILES = (*SCHEMAS, safe_read.DESCRIPTOR)

#: Tables of data packages that validated in this process, by the files' stat signature (newest last).
_VALIDATED: OrderedDict[safe_read.Signature, dict[str, pd.DataFrame]] = OrderedDict()
_VALIDATED_LIMIT = 4
_VALIDATED_LOCK = threading.Lock()


def data_signature(data_dir: str | Path | None = None) -> safe_read.Signature:
    """(file, size, mtime_ns, inode, ctime_ns) of every file of the package, from ``os.stat`` alone.

    It changes whenever a file is edited or replaced, so it keys every cache of
    validated data (the memo here, the app's cache); no file is opened to compute it.
    """
    return safe_read.file_signature(resolve_data_dir(data_dir), PACKAGE_FILES)


def _copies(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Deep copies of validated tables, so a caller cannot change what the memo holds."""
    return {f: t.copy() for f, t in tables.items()}


def clear_validated_memo() -> None:
    """Forget every data package validated so far in this process."""
    with _VALIDATED_LOCK:
        _VALIDATED.clear()


@cache
def table_columns(file: str) -> tuple[list[str], dict[str, str]]:
    """The columns of a table's schema, and those that hold numbers (column -> "int64" | "float64")."""
    columns = SCHEMAS[file].to_schema().columns
    numeric = {name: str(column.dtype) for name, column in columns.items() if str(column.dtype) in ("int64", "float64")}
    return list(columns), numeric


def read_and_validate(directory: Path, replace: Mapping[str, bytes]) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every table read strictly and validated, and every problem found (files, cells, schemas, keys, descriptor)."""
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    lines: dict[str, list[int]] = {}
    unchecked: dict[str, pd.DataFrame] = {}
    for file in SCHEMAS:
        try:
            data = replace[file] if file in replace else safe_read.read_file(directory, file)
        except safe_read.RefusedError as refused:
            problems.append(refused.problem)
            continue
        columns, numeric = table_columns(file)
        raw, found = safe_read.parse_csv(file, data, columns)
        problems.extend(found)
        if raw is None:
            continue
        odd = safe_read.check_cells(file, raw, numeric)
        table, found = validate_table(file, raw.frame, raw.lines)
        if odd:
            # A cell already reported as an odd number is not reported again by the schema, nor are the
            # cross-column checks of its row (they would only echo it).
            cells = {(p.row, p.column) for p in odd}
            rows = {p.row for p in odd}
            found = [p for p in found if (p.row, p.column) not in cells and not (p.row in rows and p.check in CHECK_COLUMNS)]
        problems.extend(odd + found)
        lines[file] = raw.lines
        if table is not None:
            tables[file] = table
        else:
            unchecked[file] = raw.frame
    # References of a table that failed its schema are still checked (each cell reported once), so every problem
    # of a file shows at once.
    reported = {(p.file, p.row, p.column) for p in problems}
    found = cross_table_problems(tables, lines, unchecked)
    problems.extend(p for p in found if p.file in tables or (p.file, p.row, p.column) not in reported)
    problems.extend(assumed_year_problems(tables, lines))
    problems.extend(denominator_problems(tables, lines))
    problems.extend(safe_read.descriptor_problems(directory, tables.get("sources.csv")))
    return tables, problems


def load_dataset(data_dir: str | Path | None = None, *, memo: bool = True, replace: Mapping[str, bytes] | None = None) -> Dataset:
    """Read and validate every table; raise :class:`DataValidationError` listing all problems.

    Files are read strictly and within caps (:mod:`indicators.safe_read`). A package
    whose files change while it is read is read again, so the tables returned are
    the files as they were at one moment.

    With ``memo`` (the default), a package whose files have the same stat signature
    (:func:`data_signature`) as one that validated in this process is not read again:
    its validated tables are returned as fresh copies.  Only packages that validate
    are remembered, so a package with problems is always checked in full.
    ``memo=False`` always reads and validates.

    ``replace`` maps a file name to bytes read instead of that file (to check a
    table before it is written); it turns the memo off.
    """
    directory = resolve_data_dir(data_dir)
    missing = safe_read.folder_problem(directory)
    if missing is not None:
        raise DataValidationError([missing], directory)
    replace = replace or {}
    use_memo = memo and not replace
    for _ in range(safe_read.READ_ATTEMPTS):
        key = data_signature(directory)
        if use_memo:
            with _VALIDATED_LOCK:
                known = _VALIDATED.get(key)
                if known is not None:
                    _VALIDATED.move_to_end(key)
            if known is not None:
                copies = _copies(known)
                return Dataset(**{f.removesuffix(".csv"): copies[f] for f in SCHEMAS}, data_dir=directory)
        tables, problems = read_and_validate(directory, replace)
        if data_signature(directory) == key:
            break
    else:
        problem = Problem(
            str(directory),
            None,
            None,
            "stable_files",
            "",
            "the data files kept changing while they were read: try again once they are saved",
        )
        raise DataValidationError([problem], directory)
    if problems:
        raise DataValidationError(problems, directory)
    if use_memo:
        with _VALIDATED_LOCK:
            _VALIDATED[key] = _copies(tables)
            while len(_VALIDATED) > _VALIDATED_LIMIT:
                _VALIDATED.popitem(last=False)
    return Dataset(**{f.removesuffix(".csv"): tables[f] for f in SCHEMAS}, data_dir=directory)
