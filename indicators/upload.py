"""Bring your own figures: one ``observations.csv`` checked against the shipped package.

There is no second validator here. The uploaded bytes stand in for ``observations.csv``
and the package is read and validated as it always is (:func:`indicators.dataset.load_dataset`
with ``replace``): the same caps and strict reading, the same schema, and foreign keys
against the package's countries, indicators and sources. Problems keep the file's own
line numbers, under the uploaded file's name.

A ``source_id`` that ``sources.csv`` does not define is either reported ("unknown
source: add one line of citation") or, when a citation is given, becomes one new
source row (kind ``reference``: figures brought for comparison, not from the essay).
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from indicators import safe_read
from indicators.dataset import Dataset, read_and_validate, table_columns
from indicators.export import csv_bytes
from indicators.problems import Problem
from indicators.safe_read import character_problem
from indicators.schemas import SCHEMAS, primary_key
from indicators.schemas.fields import ESSAY_KIND

OBSERVATIONS = "observations.csv"
SOURCES = "sources.csv"

#: The check of a reference to a source that sources.csv does not define (as the loader names it).
_UNKNOWN_SOURCE = "foreign_key(sources.source_id)"
UNKNOWN_SOURCE_MESSAGE = "unknown source: add one line of citation"

#: Where a problem with the citation given beside the file is reported.
CITATION = "citation"

#: Kinds of source an upload may not name: the essay and the sources it cites speak only through the shipped rows.
ESSAY_SOURCE_KINDS = (ESSAY_KIND, "cited")
ESSAY_SOURCE_CHECK = "not_an_essay_source"

#: Kind of the source row made from a citation: data brought for comparison, not a figure from the essay.
UPLOAD_SOURCE_KIND = "reference"
#: Licence written for an uploaded source: the figures stay on the person's computer, in their session.
UPLOAD_LICENCE = "As stated by the person who added these figures; used only in their own browser session."
UPLOAD_AUTHOR = "Added by the user"


@dataclass(frozen=True)
class UploadResult:
    """The rows an upload adds (in the observations contract), or the problems that refuse it."""

    rows: pd.DataFrame | None
    problems: tuple[Problem, ...] = ()
    #: The source rows (sources contract) made from the citation; empty when every source was known.
    new_sources: pd.DataFrame | None = None

    @property
    def ok(self) -> bool:
        return self.rows is not None and not self.problems


def _unknown_sources(ds: Dataset, data: bytes) -> list[str]:
    """Source ids the file uses that sources.csv does not define (read loosely: only to build citation rows)."""
    raw, _ = safe_read.parse_csv(OBSERVATIONS, data)
    if raw is None or "source_id" not in raw.frame:
        return []
    known = set(ds.sources["source_id"])
    return sorted({str(s) for s in raw.frame["source_id"].dropna() if s not in known})


def source_row(source_id: str, citation: str, year: int | None = None) -> dict[str, str]:
    """One sources.csv row, as text cells, for a source known only by the citation someone typed."""
    return {
        "source_id": source_id,
        "kind": UPLOAD_SOURCE_KIND,
        "author": UPLOAD_AUTHOR,
        "title": citation,
        "publisher": "",
        "year": str(year or datetime.date.today().year),
        "citation": citation,
        "url": "",
        "licence": UPLOAD_LICENCE,
        "cited_in": "",
        "note": "Added for this browser session; not part of the shipped data.",
    }


def _sources_with(ds: Dataset, data_dir: Path, rows: list[dict[str, str]]) -> bytes:
    shipped = safe_read.read_file(data_dir, SOURCES)
    text = safe_read.decode(SOURCES, shipped)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([row.get(column, "") for column in ds.sources.columns] for row in rows)
    return ((text if text.endswith("\n") else text + "\n") + out.getvalue()).encode("utf-8")


def _as_uploaded(problem: Problem, name: str) -> Problem:
    if problem.file == OBSERVATIONS:
        message = UNKNOWN_SOURCE_MESSAGE if problem.check == _UNKNOWN_SOURCE else problem.message
        return replace(problem, file=name, message=message)
    if problem.file == SOURCES:
        return replace(problem, file=CITATION, row=None)
    return problem


def check_upload(ds: Dataset, data: bytes, name: str, citation: str | None = None) -> UploadResult:
    """``data`` checked as an ``observations.csv`` of the package ``ds`` was loaded from.

    Problems name ``name`` and the file's own lines. ``citation`` (one line) makes a
    source row for each source id the file uses that sources.csv does not define.
    """
    citation = " ".join((citation or "").split())
    odd = character_problem(CITATION, None, CITATION, citation)
    if odd is not None:
        return UploadResult(None, (odd,))
    unknown = _unknown_sources(ds, data) if citation else []
    rows = [source_row(s, citation) for s in unknown]
    replaced = {OBSERVATIONS: data}
    try:
        if rows:
            replaced[SOURCES] = _sources_with(ds, ds.data_dir, rows)
    except safe_read.RefusedError as refused:
        return UploadResult(None, (refused.problem,))
    # The package's own reading and validation, with the upload in place of observations.csv.
    tables, problems = read_and_validate(ds.data_dir, replaced)
    # datapackage.json lists the shipped sources: a source added for this session is not in it, nor should it be.
    problems = [p for p in problems if not (rows and p.file == safe_read.DESCRIPTOR and p.check == "matches_contract")]
    if problems:
        # The file's own problems first, by line (a schema's and a reference's problems of one row together).
        said = sorted((_as_uploaded(p, name) for p in problems), key=lambda p: (p.file != name, p.row or 0))
        return UploadResult(None, tuple(said))
    # A row naming the essay's source is said as that (a new source_id mends it, and any clash of keys with it).
    duplicates = essay_sources(ds, tables[OBSERVATIONS], data, name) or shipped_duplicates(ds, tables[OBSERVATIONS], data, name)
    if duplicates:
        return UploadResult(None, tuple(duplicates))
    sources = tables[SOURCES]
    new_sources = sources[sources["source_id"].isin(unknown)].reset_index(drop=True)
    return UploadResult(tables[OBSERVATIONS].reset_index(drop=True), (), new_sources)


#: How the key's columns are said in a message ("the same country, indicator, year and source").
_KEY_WORDS = {"country_code": "country", "indicator_id": "indicator", "source_id": "source"}
DUPLICATE_CHECK = "not_a_shipped_key"


def _file_lines(data: bytes, rows: int) -> list[int]:
    """The line of the file where each data row starts (row i + 2 when the file cannot be read again)."""
    raw, _ = safe_read.parse_csv(OBSERVATIONS, data, table_columns(OBSERVATIONS)[0])
    return raw.lines if raw is not None and len(raw.lines) == rows else [i + 2 for i in range(rows)]


def _shipped_lines(ds: Dataset) -> list[int]:
    try:
        data = safe_read.read_file(ds.data_dir, OBSERVATIONS)
    except safe_read.RefusedError:
        data = b""
    return _file_lines(data, len(ds.observations))


def essay_sources(ds: Dataset, rows: pd.DataFrame, data: bytes, name: str) -> list[Problem]:
    """A row that names the essay or a source it cites as its source, one problem each: an upload's figure would
    then be shown as the essay's ("Source: Zhao Huasheng ...") with a locator the essay never gave."""
    kinds = ds.sources.set_index("source_id")["kind"]
    essay = {str(s) for s, kind in kinds.items() if kind in ESSAY_SOURCE_KINDS}
    bad = [i for i, s in enumerate(rows["source_id"]) if str(s) in essay]
    if not bad:
        return []
    lines = _file_lines(data, len(rows))
    message = (
        "names a source of the essay (the essay itself or a source it cites): your figures need a source of their own; "
        "use a new source_id and type its citation"
    )
    return [Problem(name, lines[i], "source_id", ESSAY_SOURCE_CHECK, str(rows["source_id"].iloc[i]), message) for i in bad]


def shipped_duplicates(ds: Dataset, rows: pd.DataFrame, data: bytes, name: str) -> list[Problem]:
    """A row whose key is a shipped row's key, one problem each: an added figure sits beside the essay's, never
    in its place. One pass over each table (a dictionary of the shipped keys)."""
    key = primary_key(SCHEMAS[OBSERVATIONS])
    shipped = {k: i for i, k in enumerate(ds.observations[key].itertuples(index=False, name=None))}
    clashes = [(i, k) for i, k in enumerate(rows[key].itertuples(index=False, name=None)) if k in shipped]
    if not clashes:
        return []
    own, theirs = _file_lines(data, len(rows)), _shipped_lines(ds)
    words = [_KEY_WORDS.get(c, c) for c in key]
    said = ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]
    return [
        Problem(
            name,
            own[i],
            "+".join(key),
            DUPLICATE_CHECK,
            ", ".join(str(v) for v in k),
            f"the same {said} as line {theirs[shipped[k]]} of {OBSERVATIONS}; use your own source_id or another year",
        )
        for i, k in clashes
    ]


def with_added(ds: Dataset, rows: pd.DataFrame, new_sources: pd.DataFrame | None = None) -> Dataset:
    """A new Dataset with ``rows`` (checked by :func:`check_upload`) as its ``added`` figures, and the sources
    they cite anew among its sources. ``ds.observations`` stays the shipped rows, so nothing computed from the
    essay changes; the views draw the added rows apart. ``ds`` itself is not changed (it may be a cached one)."""
    parts = [f for f in (ds.added, rows) if not f.empty]
    added = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else ds.added).reset_index(drop=True)
    sources = ds.sources
    if new_sources is not None and not new_sources.empty:
        fresh = new_sources[~new_sources["source_id"].isin(ds.sources["source_id"])]
        sources = pd.concat([ds.sources, fresh], ignore_index=True) if not fresh.empty else ds.sources
    return replace(ds, sources=sources, added=added)


def check_upload_file(ds: Dataset, path: Path, citation: str | None = None) -> UploadResult:
    """A file on disk read strictly (only a regular file, within the caps), then :func:`check_upload`."""
    try:
        data = safe_read.read_file(path.parent, path.name)
    except safe_read.RefusedError as refused:
        return UploadResult(None, (replace(refused.problem, file=path.name),))
    return check_upload(ds, data, path.name, citation)


def template_csv(ds: Dataset, source_id: str = "my_source") -> bytes:
    """The observations header and one example row (a shipped row with its source set to ``source_id``)."""
    example = ds.observations.head(1).copy()
    example["source_id"] = source_id
    for column in ("locator",):
        example[column] = "example: where the figure is stated"
    for column in ("evidence", "year_assumption", "note"):
        example[column] = None
    example["note"] = "EXAMPLE ROW: replace it with your own figures"
    return csv_bytes(example)
