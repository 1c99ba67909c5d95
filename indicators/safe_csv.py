"""The CSV pre-scan and the numeric cell checks: text from :mod:`indicators.safe_read` to text cells, strictly.

* The CSV is scanned with the ``csv`` module in strict mode, so the header's width,
  the cells on each row and unclosed quotes are reported with the file's own line
  number, and the caps on columns, rows and cell length hold before any frame is built.
* Text holds no character that a renderer cannot take (:func:`forbidden_character`): C0 controls other than
  tab, line feed and carriage return, DEL, non-characters (U+FFFE, U+FFFF, U+FDD0-U+FDEF, the last two of every
  plane) and lone surrogates. They are refused, not stripped: a cell is then never silently different from its file,
  and the message names the line, the column and the character (``U+001B (ESC)``). XML 1.0 has no way to write
  them, so a chart's SVG holding one is malformed and the PNG/slide renderer fails on it.
* Numeric cells are checked for what ``float()`` accepts but a figure must not be
  (NaN, infinity, overflow, odd spellings such as ``1_000``), and a year must be
  written with four digits.

The caps are public names of :mod:`indicators.safe_read` too, the module the refusal messages name.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from indicators.problems import Problem

#: Most data rows read from one table: two and a half times the scale benchmark's 100,000 observations.
#: Checked while the file is scanned, before a frame is built.
MAX_ROWS = 250_000

#: Most columns in a header. The widest table has 12; a few more are read so that unknown columns are
#: reported by name. A header of 200,000 columns is refused before it is split into a frame.
MAX_COLUMNS = 64

#: Longest cell, in characters: ten times the longest shipped cell (a 214-character description).
#: An evidence phrase is at most 20 words anyway.
MAX_CELL_CHARS = 2_000

#: How a number must be written: ASCII digits, an optional sign, point and exponent (15000000, 0.5, 1.5e7, -3).
PLAIN_NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
#: How a whole number must be written.
PLAIN_WHOLE = r"[+-]?[0-9]+"
#: How a year must be written.
FOUR_DIGIT_YEAR = r"[0-9]{4}"


#: Characters no text cell may hold (see the module's docstring): what XML 1.0 cannot write, DEL and non-characters.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)

_CONTROL_NAMES = [
    "NUL",
    "SOH",
    "STX",
    "ETX",
    "EOT",
    "ENQ",
    "ACK",
    "BEL",
    "BS",
    "HT",
    "LF",
    "VT",
    "FF",
    "CR",
    "SO",
    "SI",
    "DLE",
    "DC1",
    "DC2",
    "DC3",
    "DC4",
    "NAK",
    "SYN",
    "ETB",
    "CAN",
    "EM",
    "SUB",
    "ESC",
    "FS",
    "GS",
    "RS",
    "US",
]


def character_name(char: str) -> str:
    """A character as a message names it: ``U+001B (ESC)``, ``U+FFFE (a non-character)``."""
    code = ord(char)
    if code < 0x20:
        said = _CONTROL_NAMES[code]
    elif code == 0x7F:
        said = "DEL"
    elif 0xD800 <= code <= 0xDFFF:
        said = "a lone surrogate"
    else:
        said = "a non-character"
    return f"U+{code:04X} ({said})"


def forbidden_character(text: str) -> str | None:
    """The first character of ``text`` that no cell may hold, named (``U+001B (ESC)``); None if there is none."""
    found = FORBIDDEN_CHARACTERS.search(text)
    return None if found is None else character_name(found.group())


#: The check of a cell holding a character no renderer can take.
TEXT_CHARACTERS = "text_characters"


def character_problem(file: str, row: int | None, column: str | None, text: str) -> Problem | None:
    """A problem naming the first forbidden character of ``text``, or None."""
    said = forbidden_character(text)
    if said is None:
        return None
    message = (
        f"holds the control character or non-character {said}, which cannot be shown, exported or drawn: "
        "delete it (it is often pasted in invisibly) and save the file again"
    )
    return Problem(file, row, column, TEXT_CHARACTERS, said, message)


@dataclass(frozen=True)
class RawTable:
    """A CSV read strictly: every cell as text (an empty cell is missing), and where each row starts in the file."""

    frame: pd.DataFrame
    #: ``lines[i]`` is the line of the file where data row ``i`` starts (the header is line 1).
    lines: list[int]


def _separator_hint(name: str, header: list[str], first_line: str, expected: Sequence[str]) -> Problem | None:
    """A file separated by semicolons or tabs, said once instead of a missing-column problem per column."""
    wanted = set(expected)
    for separator, said in ((";", "semicolons (;)"), ("\t", "tabs")):
        try:
            parts = next(csv.reader([first_line], delimiter=separator))
        except csv.Error:
            continue  # not a readable header that way either: no hint
        if len(parts) <= len(header):
            continue
        if (len(header) == 1 and not wanted) or len(wanted & set(parts)) > len(wanted & set(header)):
            return Problem(
                name,
                1,
                None,
                "comma_separated",
                "",
                f"is separated by {said}, not commas: save it as comma-separated CSV ('CSV UTF-8 (comma delimited)' in a spreadsheet)",
            )
    return None


def _header_problems(name: str, header: list[str]) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for position, column in enumerate(header, start=1):
        if column.strip() == "":
            problems.append(Problem(name, 1, None, "column_name", "", f"column {position} of the header has no name"))
        elif len(column) > MAX_CELL_CHARS:
            problems.append(
                Problem(
                    name, 1, None, "cell_length", "", f"column {position} of the header has a name of {len(column):,} characters"
                )
            )
        elif column in seen:
            problems.append(
                Problem(
                    name,
                    1,
                    column,
                    "unique_column_names",
                    column,
                    f"the column name appears twice (columns {seen[column]} and {position})",
                )
            )
        else:
            seen[column] = position
    return problems


def _csv_error(name: str, start: int, line: int, err: csv.Error) -> Problem:
    text = str(err)
    if "field larger than field limit" in text:
        return Problem(
            name,
            start,
            None,
            "cell_length",
            "",
            f"a cell is longer than {MAX_CELL_CHARS:,} characters (MAX_CELL_CHARS in indicators/safe_csv.py)",
        )
    if "unexpected end of data" in text:
        message = f'a quoted cell in the row that starts on line {start} is never closed: a closing " is missing, so everything after it was read as one cell'
        return Problem(name, start, None, "closed_quotes", "", message)
    if "expected after" in text:
        if line == start:
            message = (
                f'on line {line} a quoted cell closes and more text follows: a closing " is probably missing earlier '
                'on the line, or a " inside a quoted cell is not written twice ("")'
            )
        else:
            message = (
                f"a quoted cell in the row that starts on line {start} runs on to line {line}: "
                f'a closing " is probably missing on line {start}'
            )
        return Problem(name, start, None, "closed_quotes", "", message)
    return Problem(name, start, None, "readable_csv", "", f"cannot be read as CSV from line {start}: {text}")


def scan_csv(name: str, text: str, expected: Sequence[str] = ()) -> tuple[RawTable | None, list[Problem]]:
    """The CSV in ``text`` (decoded) as text cells, or None and every structural problem found.

    ``expected`` (the contract's column names) only sharpens the hint for a file
    separated by semicolons or tabs.
    """
    if text.strip() == "":
        return None, [Problem(name, None, None, "has_rows", "", "is empty: the first line must be the header")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as err:
        return None, [_csv_error(name, 1, reader.line_num, err)]
    if not header:
        return None, [Problem(name, 1, None, "header", "", "line 1 is blank: the first line must be the header")]
    if len(header) > MAX_COLUMNS:
        message = (
            f"the header has {len(header):,} columns; at most {MAX_COLUMNS} are read (MAX_COLUMNS in indicators/safe_csv.py)"
        )
        return None, [Problem(name, 1, None, "column_count", str(len(header)), message)]
    first_line = text.split("\n", 1)[0].rstrip("\r")
    hint = _separator_hint(name, header, first_line, expected)
    if hint is not None:
        return None, [hint]
    problems = _header_problems(name, header)
    # One search of the whole text; cells are searched one by one only when it holds such a character.
    odd_text = FORBIDDEN_CHARACTERS.search(text) is not None
    if odd_text:
        problems += [p for c in header if (p := character_problem(name, 1, None, c)) is not None]
    width = len(header)
    records: list[list[str]] = []
    lines: list[int] = []
    previous = reader.line_num
    try:
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if not record:
                continue  # a blank line
            if len(records) == MAX_ROWS:
                message = f"has more than {MAX_ROWS:,} rows (MAX_ROWS in indicators/safe_csv.py); reading stopped at line {start}"
                return None, [*problems, Problem(name, start, None, "row_count", "", message)]
            if len(record) != width:
                message = f"the row has {len(record)} cells; the header has {width}"
                problems.append(Problem(name, start, None, "cells_per_row", str(len(record)), message))
            longest = max(record, key=len)
            if len(longest) > MAX_CELL_CHARS:
                at = record.index(longest)
                column = header[at] if at < width else None
                message = f"the cell has {len(longest):,} characters; the most read is {MAX_CELL_CHARS:,} (MAX_CELL_CHARS in indicators/safe_csv.py)"
                problems.append(Problem(name, start, column, "cell_length", "", message))
            if odd_text:
                for at, cell in enumerate(record):
                    problem = character_problem(name, start, header[at] if at < width else None, cell)
                    if problem is not None:
                        problems.append(problem)
            records.append(record)
            lines.append(start)
    except csv.Error as err:
        problems.append(_csv_error(name, previous + 1, reader.line_num, err))
    if problems:
        return None, problems
    if not records:
        return None, [Problem(name, None, None, "has_rows", "", "has a header but no rows")]
    columns = zip(*records, strict=True)
    frame = pd.DataFrame(
        {column: pd.array([v or None for v in cells], dtype="str") for column, cells in zip(header, columns, strict=True)}
    )
    return RawTable(frame, lines), []


# ------------------------------------------------------------------------------------------ cells


def _odd_number(text: str, kind: str, column: str) -> tuple[str, str] | None:
    """(check, message) for a cell that pandas would turn into a number it should not be; None otherwise.

    A cell that is no number at all is left to the schema ("not a number").
    """
    if kind == "int64":
        try:
            int(text)
        except ValueError:
            return None
        if column == "year":
            return "four_digit_year", "not a four-digit year"
        return "plain_number", "not written as a plain whole number (digits only, as in 2)"
    try:
        number = float(text)
    except ValueError:
        return None
    if math.isnan(number):
        return "finite_number", "not a number (NaN): leave the cell empty where the figure is unknown and the column allows it"
    if math.isinf(number):
        if "inf" in text.lower():
            return "finite_number", "not a finite number (infinity)"
        return "finite_number", "too large to be a number (beyond about 1.8e308)"
    return "plain_number", "not written as a plain number (digits with an optional point and exponent, as in 15000000 or 1.5e7)"


def check_cells(name: str, table: RawTable, kinds: Mapping[str, str]) -> list[Problem]:
    """Numeric cells (``kinds``: column -> "int64" | "float64") that parse but are not plain, finite figures; years of four digits."""
    problems = []
    for column, kind in kinds.items():
        if column not in table.frame:
            continue
        cells = table.frame[column].dropna()
        pattern = PLAIN_NUMBER if kind == "float64" else FOUR_DIGIT_YEAR if column == "year" else PLAIN_WHOLE
        plain = cells.str.fullmatch(pattern).astype(bool).to_numpy()
        rows = cells.index.to_numpy()
        texts = cells.to_numpy()
        for row, text in zip(rows[~plain], texts[~plain], strict=True):
            odd = _odd_number(str(text), kind, column)
            if odd is not None:
                problems.append(Problem(name, table.lines[int(row)], column, odd[0], str(text), odd[1]))
        if kind == "float64" and plain.any():
            huge = pd.Series(texts[plain]).astype("float64").abs().to_numpy() == math.inf
            for row, text in zip(rows[plain][huge], texts[plain][huge], strict=True):
                message = "too large to be a number (beyond about 1.8e308)"
                problems.append(Problem(name, table.lines[int(row)], column, "finite_number", str(text), message))
    problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return problems
