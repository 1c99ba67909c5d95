"""One thing wrong with the data, as shown to people: file, row, column, check, value, message.

Its own module so that the strict reader (:mod:`indicators.safe_read`) and the
validator (:mod:`indicators.dataset`) report in the same shape without importing
each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data.

    ``row`` is the line of the file where the row starts (the header is line 1), so
    it is the spreadsheet row too unless a cell above holds a line break.
    """

    file: str
    row: int | None
    column: str | None
    check: str
    value: str
    message: str
