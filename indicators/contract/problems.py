"""One thing wrong with the data, as shown to people: file, row, column, check, value, message.

Its own module so that the strict reader and the validator report in the same shape without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data; ``row`` is the line of the file where the row starts (the header is line 1),
    so it is the spreadsheet row too unless a cell above holds a line break."""

    file: str
    row: int | None
    column: str | None
    check: str
    value: str
    message: str


def said(problem: Problem) -> str:
    """One problem as one sentence a person can act on: where ("observations.csv, row 3, column value", the row being
    the file's line), what is wrong, and the value that was found."""
    row = f", row {problem.row}" if problem.row is not None else ""
    column = f", column {problem.column}" if problem.column else ""
    found = f" (value: {problem.value!r})" if problem.value != "" else ""
    return f"{problem.file}{row}{column}: {problem.message}{found}"
