"""Read and validate the data package.

:func:`load_dataset` reads every CSV strictly and within caps (:mod:`indicators.load.safe_read`), lets the pandera
models coerce and check it lazily, then checks keys across tables and ``datapackage.json``
(:mod:`indicators.load.validation`). Every problem in every file is collected before anything is raised, as rows of
(file, row, column, check, value, message), where the row is the file's own line number.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from pathlib import Path

import pandas as pd
import pandera

from indicators.analysis import countries
from indicators.contract.problems import Problem as Problem  # re-exported: callers import it from here too
from indicators.contract.problems import said
from indicators.contract.registry import Indicator, Registry
from indicators.load import safe_read
from indicators.load.validation import cross_table_problems, denominator_problems, stated_problems, validate_table
from indicators.schemas import CHECK_COLUMNS, ESSAY_KIND, SCHEMAS

#: The shipped data package, beside the library.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"

#: Environment variable that points the app and the CLI at another data folder.
DATA_DIR_ENV = "SCO_DATA_DIR"


class DataValidationError(Exception):
    """Raised by :func:`load_dataset` with every problem found."""

    def __init__(self, problems: list[Problem], data_dir: Path) -> None:
        self.problems = problems
        self.data_dir = data_dir
        super().__init__(f"{len(problems)} problem(s) in the data package at {data_dir}")

    def report(self) -> pd.DataFrame:
        return problems_frame(self.problems)


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    frame = pd.DataFrame([p.__dict__ for p in problems], columns=[f.name for f in fields(Problem)])
    return frame.astype({"row": "Int64"})


def format_problems(problems: list[Problem]) -> str:
    """Plain text, one line a problem, for terminals and logs (without the check's technical name)."""
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
    #: A person's own figures for their session, in the observations contract (:func:`indicators.load.upload.with_own`).
    #: They never join ``observations``, so every figure computed from the essay stays the essay's; views draw them apart.
    own: pd.DataFrame = field(default_factory=lambda: typed_table("observations.csv", b""))

    def table(self, file_name: str) -> pd.DataFrame:
        frame: pd.DataFrame = getattr(self, file_name.removesuffix(".csv"))
        return frame

    @cached_property
    def registry(self) -> Registry:
        return Registry(self.indicators)

    def indicator(self, indicator_id: str) -> Indicator:
        return self.registry[indicator_id]

    @property
    def essay(self) -> pd.Series:
        """The essay's row of ``sources.csv`` (validation makes sure there is exactly one)."""
        return self.sources[self.sources["kind"] == ESSAY_KIND].iloc[0]

    @cached_property
    def names(self) -> dict[str, str]:
        return dict(zip(self.countries["code"], self.countries["name"], strict=True))

    @cached_property
    def colours(self) -> dict[str, str]:
        """Country code -> its fixed chart colour: overflow colours go to the SCO's members of any year first."""
        ever = set(self.membership.loc[self.membership["status"] == countries.MEMBER, "country_code"])
        return countries.colours(self.countries, first=ever)

    @property
    def text_colours(self) -> dict[str, str]:
        """Country code -> the darker shade of its colour for text."""
        return {code: countries.legible(colour, countries.TEXT_CONTRAST) for code, colour in self.colours.items()}

    def members_in(self, year: int) -> list[str]:
        """The SCO's members at the end of ``year``, in countries.csv order."""
        return countries.members_in(self.membership, year, list(self.countries["code"]))


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    if data_dir is not None:
        return Path(data_dir)
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else DEFAULT_DATA_DIR


def data_signature(data_dir: str | Path | None = None) -> safe_read.Signature:
    """(file, size, mtime_ns, inode, ctime_ns) of every file of the package, from ``os.stat`` alone (-1s where it cannot be
    looked at): the app's caches' key, new whenever a file is edited, replaced or has its modification time set back."""
    directory = resolve_data_dir(data_dir)
    out = []
    for name in (*SCHEMAS, safe_read.DESCRIPTOR):
        try:
            info = os.stat(directory / name)
        except (OSError, ValueError):
            out.append((name, -1, -1, -1, -1))
        else:
            out.append((name, info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns))
    return tuple(out)


@cache
def table_types(file: str) -> dict[str, str]:
    """Column -> what its cells are read as: "int64" or "float64" where the table's schema holds numbers, else "str"."""
    columns = SCHEMAS[file].to_schema().columns
    return {name: str(c.dtype) if str(c.dtype) in ("int64", "float64") else "str" for name, c in columns.items()}


# ------------------------------------------------------------------------------------------ verdicts

#: Folder of verdicts (default: ``sco-indicators/verdicts`` in the user's cache folder); set empty, none is kept.
VERDICTS_ENV = "SCO_VERDICT_DIR"
#: Verdicts kept: one small file per version of the data that passed every check, the newest.
VERDICTS_KEPT = 64


@cache
def checks_version() -> str:
    """A digest of the code that checks the data (every module here) and of pandas' and pandera's versions."""
    digest = hashlib.sha256(f"{pd.__version__} {pandera.__version__}".encode())
    for path in sorted(Path(__file__).parents[1].rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _verdict(directory: Path, data: Mapping[str, bytes]) -> Path | None:
    """The file of the verdict on these bytes, named by a digest of every byte the checks read (the tables and
    ``datapackage.json``) and of the checking code; None where no verdict is kept."""
    cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    folder = os.environ.get(VERDICTS_ENV, str(Path(cache_home, "sco-indicators", "verdicts")))
    try:
        descriptor = safe_read.read_file(directory, safe_read.DESCRIPTOR, safe_read.MAX_DESCRIPTOR_BYTES)
    except safe_read.RefusedError:
        return None
    digest = hashlib.sha256(checks_version().encode())
    for name, content in (*data.items(), (safe_read.DESCRIPTOR, descriptor)):
        digest.update(f"\0{name}\0{len(content)}\0".encode() + content)
    return Path(folder, digest.hexdigest()) if folder else None


def _has_verdict(verdict: Path) -> bool:
    """The verdict file must hold its own name: a truncated, corrupted or foreign file is no verdict."""
    try:
        return verdict.read_text(encoding="ascii") == verdict.name
    except (OSError, ValueError):
        return False


def _keep_verdict(verdict: Path) -> None:
    """Written atomically; a folder that cannot be written (a read-only home) only means checking in full again."""
    with suppress(OSError):
        verdict.parent.mkdir(parents=True, exist_ok=True)
        temporary = verdict.with_name(f".{verdict.name}.{os.getpid()}")
        temporary.write_text(verdict.name, encoding="ascii")
        os.replace(temporary, verdict)
        for old in sorted(verdict.parent.iterdir(), key=lambda p: p.stat().st_mtime_ns, reverse=True)[VERDICTS_KEPT:]:
            old.unlink(missing_ok=True)


def typed_table(file: str, data: bytes) -> pd.DataFrame:
    """A table whose bytes passed every check read straight into its schema's types (``b""``: no rows)."""
    types = table_types(file)
    csv = io.BytesIO(data or ",".join(types).encode())
    frame = pd.read_csv(csv, dtype=types, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    if list(frame.columns) != list(types):
        raise ValueError(f"{file}: the columns are not the contract's")
    return frame


# ------------------------------------------------------------------------------------------ reading and checking


def read_and_validate(directory: Path, replace: Mapping[str, bytes]) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every table read strictly and validated, and every problem found (files, cells, schemas, keys, descriptor).

    Bytes that passed every check of this code before (a verdict in ``SCO_VERDICT_DIR``, keyed on their digest) are
    only read into their types.
    """
    problems: list[Problem] = []
    data: dict[str, bytes] = {}
    for file in SCHEMAS:
        try:
            data[file] = replace[file] if file in replace else safe_read.read_file(directory, file)
        except safe_read.RefusedError as refused:
            problems.append(refused.problem)
    verdict = None if problems else _verdict(directory, data)
    if verdict is not None and _has_verdict(verdict):
        try:
            return {file: typed_table(file, data[file]) for file in SCHEMAS}, []
        except ValueError:
            pass  # pandas does not read it as the checks did: check it in full
    tables: dict[str, pd.DataFrame] = {}
    unchecked: dict[str, pd.DataFrame] = {}
    for file, content in data.items():
        types = table_types(file)
        raw, found = safe_read.parse_csv(file, content, types)
        problems.extend(found)
        if raw is None:
            continue
        odd = safe_read.check_cells(file, raw, types)
        table, found = validate_table(file, raw)
        # A cell already reported as an odd number is not reported again by the schema, nor are the
        # cross-column checks of its row (they would only echo it).
        cells = {(p.row, p.column) for p in odd}
        rows = {p.row for p in odd}
        found = [p for p in found if (p.row, p.column) not in cells and not (p.row in rows and p.check in CHECK_COLUMNS)]
        problems.extend(odd + found)
        if table is not None:
            tables[file] = table
        else:
            unchecked[file] = raw
    # References of a table that failed its schema are still checked (each cell reported once), so every problem
    # of a file shows at once.
    reported = {(p.file, p.row, p.column) for p in problems}
    found = cross_table_problems(tables, unchecked)
    problems.extend(p for p in found if p.file in tables or (p.file, p.row, p.column) not in reported)
    problems.extend(stated_problems(tables) + denominator_problems(tables))
    try:
        safe_read.read_descriptor(directory)
    except safe_read.RefusedError as refused:
        problems.append(refused.problem)
    if verdict is not None and not problems:
        _keep_verdict(verdict)
    return {file: table.reset_index(drop=True) for file, table in tables.items()}, problems


def load_dataset(data_dir: str | Path | None = None, *, replace: Mapping[str, bytes] | None = None) -> Dataset:
    """Read and validate every table; raise :class:`DataValidationError` listing all problems.

    A package whose files change while it is read is read again, so the tables returned are the files as they were
    at one moment. ``replace`` maps a file name to bytes read instead of that file (to check a table before it is
    written).
    """
    directory = resolve_data_dir(data_dir)
    missing = safe_read.folder_problem(directory)
    if missing is not None:
        raise DataValidationError([missing], directory)
    for _ in range(safe_read.READ_ATTEMPTS):
        signature = data_signature(directory)
        tables, problems = read_and_validate(directory, replace or {})
        if data_signature(directory) == signature:
            break
    else:
        message = "the data files kept changing while they were read: try again once they are saved"
        raise DataValidationError([Problem(str(directory), None, None, "stable_files", "", message)], directory)
    if problems:
        raise DataValidationError(problems, directory)
    return Dataset(**{f.removesuffix(".csv"): tables[f] for f in SCHEMAS}, data_dir=directory)
