"""Checks of validated tables, as :class:`~indicators.contract.problems.Problem` rows people can act on.

:func:`validate_table` turns pandera's failure cases into one problem per cell (the file's own line, the column, a
plain message); the other checks are what no single table can check: references to other tables, evidence for every
essay-sourced figure, years that rest on an assumption, denominators above zero.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd
import pandera.pandas as pa

from indicators.analysis.numbers import missing
from indicators.contract.hints import check_message, unknown_message
from indicators.contract.problems import Problem
from indicators.schemas import CHECK_COLUMNS, CHECK_MESSAGES, SCHEMAS, essay_sourced, foreign_keys

_ERROR_TEXT = re.compile(r"^(TypeError|KeyError|ValueError|AttributeError)\(")


def _clean_failures(file: str, schema_name: str, cases: pd.DataFrame) -> list[Problem]:
    """pandera's failure cases as one :class:`Problem` each, in one pass (linear in the number of cases)."""
    cases = cases.copy()
    cases["failure_case"] = cases["failure_case"].astype(str)
    # An exception inside a check is the echo of an earlier failure (a column that
    # could not be coerced, or is missing); keep it only if nothing else explains it.
    echoes = cases["failure_case"].str.match(_ERROR_TEXT) & cases["index"].isna()
    if echoes.any() and (~echoes).any():
        cases = cases[~echoes]
    # Plain lists, quick to walk. A missing failure case (pandas keeps NaN through astype(str) in its string dtype)
    # reads as a blank cell.
    columns = [cases[c].astype(object).tolist() for c in ("column", "index", "check", "failure_case")]
    records = [
        (column, index, str(check), case if isinstance(case, str) else "nan")
        for column, index, check, case in zip(*columns, strict=True)
    ]
    coerced = {(c, i) for c, i, k, _ in records if k.startswith("coerce_dtype")}
    # A cell that fails its own column's check is not reported again by a row check against that column.
    failed_cells = {(c, i) for c, i, k, _ in records if k not in CHECK_COLUMNS and not missing(i)}
    # A duplicate key and a dataframe check are one problem per row: the (column, value) of each row's cells.
    row_cells: dict[tuple[str, object], list[tuple[str, str]]] = {}
    for column, index, check, case in records:
        if (check == "multiple_fields_uniqueness" or check in CHECK_COLUMNS) and not missing(index):
            row_cells.setdefault((check, index), []).append((str(column), case))
    problems: list[Problem] = []
    for raw_column, index, check, case in records:
        row = None if missing(index) else int(index)
        column = None if missing(raw_column) or raw_column == schema_name else str(raw_column)
        value = "" if case in ("None", "nan") else case
        if check.startswith("dtype(") and (raw_column, index) in coerced:
            continue
        if check == "multiple_fields_uniqueness" or (check in CHECK_COLUMNS and row is not None):
            # Each row once (taken from row_cells as it is reported); not at all where it echoes a failed cell.
            cells = row_cells.pop((check, index), None)
            if cells is None or (check in CHECK_COLUMNS and (CHECK_COLUMNS[check], index) in failed_cells):
                continue
            if check in CHECK_COLUMNS:
                # pandera reports a failing row of a dataframe check once per non-empty cell: say the check's column.
                column = CHECK_COLUMNS[check]
                cell = next((v for c, v in cells if c == column), "")
                value = "" if cell in ("None", "nan") else cell
            else:
                column, value = "+".join(c for c, _ in cells), ", ".join(v for _, v in cells)
        elif check in CHECK_COLUMNS and column is None:
            column = CHECK_COLUMNS[check]
        if check in ("column_in_dataframe", "column_in_schema"):
            column, value = value, ""
        problems.append(Problem(file, row, column, check, value, check_message(check, value)))
    problems.sort(key=lambda p: (p.row is not None, p.row or 0, p.column or ""))
    return problems


def validate_table(file: str, raw: pd.DataFrame) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The table (indexed by the file's line of each row) checked against its schema."""
    schema = SCHEMAS[file]
    try:
        return schema.validate(raw, lazy=True), []
    except pa.errors.SchemaErrors as err:
        return None, _clean_failures(file, schema.__name__, err.failure_cases)


def cross_table_problems(tables: dict[str, pd.DataFrame], unchecked: Mapping[str, pd.DataFrame]) -> list[Problem]:
    """References between tables, as the schema models declare them.

    ``unchecked``: tables that failed their schema, as read (text cells); their references to validated tables are
    checked too, so a file with a bad number and an unknown code reports both at once.
    """
    problems: list[Problem] = []
    referring = {**unchecked, **tables}
    for file, model in SCHEMAS.items():
        for column, link in foreign_keys(model).items():
            if file not in referring or column not in referring[file] or link.table not in tables:
                continue
            values = referring[file][column]
            if link.separator is not None:
                values = values.dropna().astype(str).str.split(link.separator).explode()
            known = set(tables[link.table][link.key].dropna())
            if all(pd.isna(v) or v in known for v in values.unique()):
                continue  # every reference resolves: skip the per-row mask (the common case, and the costly part)
            check = f"foreign_key({link.table.removesuffix('.csv')}.{link.key})"
            unknown = values[values.notna() & ~values.isin(known)]
            for index, value in zip(unknown.index, unknown, strict=True):
                message = unknown_message(str(value), known, link.key, link.table)
                problems.append(Problem(file, index, column, check, str(value), message))
    return problems


def stated_problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A figure or border length from the essay (or a source it cites) carries its evidence phrase, and one whose year
    rests on an assumption carries the year that assumption chose."""
    stated = {file: tables[file] for file in ("observations.csv", "borders.csv") if file in tables}
    problems = []
    if "sources.csv" in tables:
        sourced = essay_sourced(tables["sources.csv"])
        message = "a figure from the essay (or a source it cites) needs its evidence phrase"
        for file, rows in stated.items():
            missing_evidence = rows.index[rows["source_id"].isin(sourced) & rows["evidence"].isna()]
            problems += [Problem(file, i, "evidence", "evidence_required", "", message) for i in missing_evidence]
    if "assumptions.csv" in tables:
        chosen = dict(zip(tables["assumptions.csv"]["assumption_id"], tables["assumptions.csv"]["chosen"], strict=True))
        check = "year_is_the_chosen_reading"
        for file, rows in stated.items():
            expected = rows["year_assumption"].map(chosen)
            wrong = rows.index[expected.notna() & (expected != rows["year"])]
            problems += [Problem(file, i, "year", check, str(rows.at[i, "year"]), CHECK_MESSAGES[check]) for i in wrong]
    return problems


def denominator_problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A figure something else is divided by is greater than zero, with its bounds: a stated population of 0
    would make GDP per capita infinite. Checked in the essay's figures and in the record the ratio is drawn from."""
    if "indicators.csv" not in tables:
        return []
    meta = tables["indicators.csv"]
    titles = dict(zip(meta["indicator_id"], meta["title"], strict=True))
    ratios = meta.dropna(subset="denominator").drop_duplicates("denominator")
    divides = dict(zip(ratios["denominator"], ratios["title"], strict=True))  # denominator id -> the first ratio it divides
    # The record's series of a denominator (indicators.csv reference_indicator) divides the record's ratio.
    record_of = dict(zip(meta["indicator_id"], meta["reference_indicator"], strict=True))
    in_record = {str(record_of[d]): d for d in divides if isinstance(record_of.get(d), str)}
    problems: list[Problem] = []
    for file, ids in (("observations.csv", {d: d for d in divides}), ("reference.csv", in_record)):
        if file not in tables:
            continue
        frame = tables[file]
        for column in ("value", "lower", "upper"):
            if column not in frame:
                continue
            bad = frame["indicator_id"].isin(ids) & frame[column].notna() & (frame[column] <= 0)
            for index, value in zip(frame.index[bad], frame.loc[bad, column], strict=True):
                own = ids[str(frame.at[index, "indicator_id"])]
                message = f"{titles.get(own, own)} divides {divides[own]}: a figure of it must be greater than 0"
                problems.append(Problem(file, index, column, "denominator_above_zero", f"{value:g}", message))
    return problems
