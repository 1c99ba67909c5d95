"""Bring your own figures: one ``observations.csv`` checked against the shipped package.

There is no second validator here: the uploaded bytes stand in for ``observations.csv`` and the package is read and
validated as it always is (:func:`indicators.load.dataset.read_and_validate` with ``replace``), so the caps, the strict
reading, the schema and the keys are the package's own. Problems keep the file's own lines, under its name.
A ``source_id`` that ``sources.csv`` does not define is reported ("unknown source: add one line of citation") or,
when a citation is given, becomes a new source row (kind ``reference``: figures brought for comparison).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from indicators.contract.problems import Problem
from indicators.load import safe_read
from indicators.load.dataset import Dataset, read_and_validate, table_types
from indicators.load.safe_read import character_problem
from indicators.outputs.export import csv_bytes
from indicators.schemas import SCHEMAS, primary_key
from indicators.schemas.fields import ESSAY_KIND

OBSERVATIONS = "observations.csv"
SOURCES = "sources.csv"
#: Where a problem with the citation given beside the file is reported.
CITATION = "citation"

UNKNOWN_SOURCE_MESSAGE = "unknown source: add one line of citation"
ESSAY_SOURCE_CHECK = "not_an_essay_source"
DUPLICATE_CHECK = "not_a_shipped_key"
#: How the key's columns are said in a message ("the same country, indicator, year and source").
_KEY_WORDS = {"country_code": "country", "indicator_id": "indicator", "source_id": "source"}


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


def _sources_with(ds: Dataset, unknown: list[str], citation: str) -> bytes:
    """sources.csv with a row for each source known only by the citation someone typed (the figures stay on the
    person's computer, in their session)."""
    text = safe_read.decode(SOURCES, safe_read.read_file(ds.data_dir, SOURCES))
    rows = {
        "source_id": unknown,
        "kind": "reference",
        "author": "Added by the user",
        "title": citation,
        "year": str(datetime.date.today().year),
        "citation": citation,
        "licence": "As stated by the person who added these figures; used only in their own browser session.",
        "note": "Added for this browser session; not part of the shipped data.",
    }
    added = pd.DataFrame(rows, columns=ds.sources.columns).to_csv(header=False, index=False, lineterminator="\n")
    return ((text if text.endswith("\n") else text + "\n") + added).encode("utf-8")


def _as_uploaded(problem: Problem, name: str) -> Problem:
    if problem.file == OBSERVATIONS:
        unknown = problem.check == "foreign_key(sources.source_id)"
        return replace(problem, file=name, message=UNKNOWN_SOURCE_MESSAGE if unknown else problem.message)
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
    # Read once for the source ids a citation covers and the file's lines; read_and_validate reports its problems.
    raw, _ = safe_read.parse_csv(OBSERVATIONS, data, table_types(OBSERVATIONS))
    unknown: list[str] = []
    if citation and raw is not None and "source_id" in raw:
        unknown = sorted(set(raw["source_id"].dropna()) - set(ds.sources["source_id"]))
    replaced = {OBSERVATIONS: data}
    try:
        if unknown:
            replaced[SOURCES] = _sources_with(ds, unknown, citation)
    except safe_read.RefusedError as refused:
        return UploadResult(None, (refused.problem,))
    tables, problems = read_and_validate(ds.data_dir, replaced)
    if problems:
        # The file's own problems first, by line (a schema's and a reference's problems of one row together).
        said = sorted((_as_uploaded(p, name) for p in problems), key=lambda p: (p.file != name, p.row or 0))
        return UploadResult(None, tuple(said))
    rejected = _refused_rows(ds, tables[OBSERVATIONS], list(raw.index) if raw is not None else [], name)
    if rejected:
        return UploadResult(None, tuple(rejected))
    sources = tables[SOURCES]
    new_sources = sources[sources["source_id"].isin(unknown)].reset_index(drop=True)
    return UploadResult(tables[OBSERVATIONS].reset_index(drop=True), (), new_sources)


def _shipped_lines(ds: Dataset) -> list[int]:
    """The line of the shipped observations.csv where each row starts (row i + 2 when it cannot be read again)."""
    try:
        raw, _ = safe_read.parse_csv(OBSERVATIONS, safe_read.read_file(ds.data_dir, OBSERVATIONS))
    except safe_read.RefusedError:
        raw = None
    rows = len(ds.observations)
    return list(raw.index) if raw is not None and len(raw) == rows else [i + 2 for i in range(rows)]


def _refused_rows(ds: Dataset, rows: pd.DataFrame, lines: list[int], name: str) -> list[Problem]:
    """Rows that would speak for the essay, one problem each: a row naming the essay or a source it cites (it would
    be shown as the essay's, with a locator the essay never gave); else a row with a shipped row's key (an own
    figure sits beside the essay's, never in its place)."""
    kinds = dict(zip(ds.sources["source_id"], ds.sources["kind"], strict=True))
    essay = [(i, str(s)) for i, s in enumerate(rows["source_id"]) if kinds.get(str(s)) in (ESSAY_KIND, "cited")]
    message = (
        "names a source of the essay (the essay itself or a source it cites): your figures need a source of their own; "
        "use a new source_id and type its citation"
    )
    if essay:
        return [Problem(name, lines[i], "source_id", ESSAY_SOURCE_CHECK, source, message) for i, source in essay]
    key = primary_key(SCHEMAS[OBSERVATIONS])
    shipped = {k: i for i, k in enumerate(ds.observations[key].itertuples(index=False, name=None))}
    clashes = [(i, k) for i, k in enumerate(rows[key].itertuples(index=False, name=None)) if k in shipped]
    if not clashes:
        return []
    theirs = _shipped_lines(ds)
    words = [_KEY_WORDS.get(c, c) for c in key]
    said = ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]
    problems = []
    for i, k in clashes:
        message = f"the same {said} as line {theirs[shipped[k]]} of {OBSERVATIONS}; use your own source_id or another year"
        problems.append(Problem(name, lines[i], "+".join(key), DUPLICATE_CHECK, ", ".join(str(v) for v in k), message))
    return problems


def with_own(ds: Dataset, rows: pd.DataFrame, new_sources: pd.DataFrame | None = None) -> Dataset:
    """A new Dataset with ``rows`` (checked by :func:`check_upload`) among its ``own`` figures, and the sources
    they cite anew among its sources. ``ds.observations`` stays the shipped rows, so nothing computed from the
    essay changes. ``ds`` itself is not changed (it may be a cached one)."""
    parts = [f for f in (ds.own, rows) if not f.empty]
    own = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else ds.own).reset_index(drop=True)
    sources = ds.sources
    if new_sources is not None and not new_sources.empty:
        fresh = new_sources[~new_sources["source_id"].isin(ds.sources["source_id"])]
        sources = pd.concat([ds.sources, fresh], ignore_index=True)
    return replace(ds, sources=sources, own=own)


def check_upload_file(ds: Dataset, path: Path, citation: str | None = None) -> UploadResult:
    """A file on disk read strictly (only a regular file, within the caps), then :func:`check_upload`."""
    try:
        data = safe_read.read_file(path.parent, path.name)
    except safe_read.RefusedError as refused:
        return UploadResult(None, (replace(refused.problem, file=path.name),))
    return check_upload(ds, data, path.name, citation)


def template_csv(ds: Dataset, source_id: str = "my_source") -> bytes:
    """The observations header and one example row (a shipped row with its source set to ``source_id``)."""
    example = ds.observations.head(1).assign(
        source_id=source_id,
        locator="example: where the figure is stated",
        evidence=None,
        year_assumption=None,
        note="EXAMPLE ROW: replace it with your own figures",
    )
    return csv_bytes(example)
