"""Strict, bounded reading of a data folder, shared by the app and the command line.

Nothing from a data folder reaches pandas or pandera without passing through here. Only a regular file, or a link to
one inside the folder, is read, within caps on bytes, columns, rows and cell length; it is looked at before it is
opened and again on the open descriptor, so a FIFO, device or file swapped in between is refused without blocking.
Text is UTF-8 and holds no character XML 1.0 cannot write (a chart's SVG holding one is malformed): such a character
is refused with its code (``U+001B (ESC)``), not stripped, so a cell is never silently different from its file.
Every refusal is a :class:`~indicators.contract.problems.Problem` naming the file, the line, the column where there
is one, and what is wrong, never a traceback.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import os
import re
import stat
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from indicators.contract.problems import Problem

_MIB = 1024 * 1024

#: Largest file read, in bytes. The shipped package's largest file is 0.26 MB, and the scale benchmark's
#: 100,000 observations (scripts/gen_scale_data.py) take 9 MB: 32 MiB leaves room for three times that,
#: and bounds the memory one file takes once parsed (about ten times its size as Python strings).
#: The app's upload limit (server.maxUploadSize in .streamlit/config.toml) is the same 32 MiB.
MAX_FILE_BYTES = 32 * _MIB

# The csv module's own cap on a cell (131,072 characters unless a library in the process, such as frictionless,
# raised it) would decide whether an over-long cell is named by its column or only by its line. A file is
# capped in bytes already, so no cell is longer than that: the scan reads every cell whole and reports
# MAX_CELL_CHARS with its column, the same in every process. Raising a process-wide limit breaks no other reader.
csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))

#: Largest ``datapackage.json`` read: the generated descriptor is about 24 KB.
MAX_DESCRIPTOR_BYTES = 1 * _MIB

#: Times a file that changes while it is read is read again before it is given up on.
READ_ATTEMPTS = 3

#: Bytes asked of the operating system at a time.
_CHUNK = 1 * _MIB

DESCRIPTOR = "datapackage.json"

#: Byte-order marks of text that is not UTF-8 (UTF-32's first: UTF-32 LE's begins with UTF-16 LE's).
_OTHER_BOMS = {"UTF-32": (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "UTF-16": (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)}

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


#: Characters no text cell may hold (see the module's docstring): what XML 1.0 cannot write, DEL and non-characters.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)

# Flags that keep an open from blocking (a FIFO swapped in after the check) or following a link swapped in;
# absent on some systems, where they are simply not used.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class RefusedError(Exception):
    """A file that is not read, or not read further; ``problem`` says why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(f"{problem.file}: {problem.message}")


def _refuse(file: str, check: str, message: str, value: str = "", row: int | None = None) -> RefusedError:
    return RefusedError(Problem(file, row, None, check, value, message))


# ------------------------------------------------------------------------------------------ files


Signature = tuple[tuple[str, int, int, int, int], ...]


def _kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _megabytes(size: int) -> str:
    return f"{size / _MIB:,.1f} MiB"


def folder_problem(directory: Path) -> Problem | None:
    """Why ``directory`` cannot be read as a data folder, or None."""
    try:
        info = os.stat(directory)
    except FileNotFoundError:
        said = "does not exist"
    except (OSError, ValueError) as err:
        said = f"cannot be opened: {err.strerror if isinstance(err, OSError) else err}"
    else:
        if stat.S_ISDIR(info.st_mode):
            return None
        said = f"is {_kind(info.st_mode)}, not a folder"
    return Problem(str(directory), None, None, "folder_exists", "", f"the data folder {said}")


def _regular_target(directory: Path, name: str) -> tuple[Path, os.stat_result]:
    """The path to open for ``directory/name`` and its ``os.stat``, if it is a regular file inside the folder."""
    root = directory.resolve()
    path = root / name
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise _refuse(name, "file_exists", "file is missing", str(directory / name)) from None
    except OSError as err:
        raise _refuse(name, "readable_file", f"cannot be looked at: {err.strerror}") from None
    target = path
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise _refuse(
                name, "safe_file", "is a symbolic link that leads nowhere (broken, or a loop)", os.readlink(path)
            ) from None
        if not target.is_relative_to(root):
            outside = "is a link to a file outside the data folder, which is not read: copy the file into the folder instead"
            raise _refuse(name, "safe_file", outside, str(target))
        info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(name, "safe_file", f"is {_kind(info.st_mode)}, not a regular file: only plain files are read")
    return target, info


def _too_big(name: str, size: int, limit: int) -> RefusedError:
    cap = "MAX_DESCRIPTOR_BYTES" if name == DESCRIPTOR else "MAX_FILE_BYTES"
    message = f"is {_megabytes(size)}; the most that is read is {_megabytes(limit)} ({cap} in indicators/load/safe_read.py)"
    return _refuse(name, "file_size", message, str(size))


def _read_once(target: Path, expected: os.stat_result, name: str, limit: int) -> bytes | None:
    """The file's bytes, or None if it changed while it was read (or was swapped after it was looked at)."""
    try:
        fd = os.open(target, _OPEN_FLAGS)
    except OSError:
        return None  # replaced by a link or removed since it was looked at: look again
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode) or (before.st_dev, before.st_ino) != (expected.st_dev, expected.st_ino):
            return None
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _too_big(name, total, limit)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    unchanged = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns) and total == after.st_size
    return b"".join(chunks) if unchanged else None


def read_file(directory: Path, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``directory/name``: a regular file inside the folder, at most ``limit`` bytes, read whole and
    unchanged (up to :data:`READ_ATTEMPTS` tries); :class:`RefusedError` otherwise."""
    for _ in range(READ_ATTEMPTS):
        target, info = _regular_target(directory, name)
        if info.st_size > limit:
            raise _too_big(name, info.st_size, limit)
        data = _read_once(target, info, name, limit)
        if data is not None:
            return data
    raise _refuse(name, "stable_file", f"kept changing while it was read ({READ_ATTEMPTS} tries): try again once it is saved")


# ------------------------------------------------------------------------------------------ text


def decode(name: str, data: bytes) -> str:
    """UTF-8 text, with or without a byte-order mark; :class:`RefusedError` with the line for anything else."""
    save_as = "save it as UTF-8 ('CSV UTF-8' in a spreadsheet's Save As)"
    for encoding, marks in _OTHER_BOMS.items():
        if data.startswith(marks):
            raise _refuse(name, "utf8", f"is {encoding} text, not UTF-8: {save_as}", row=1)
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        line = body.count(b"\n", 0, err.start) + 1
        byte = body[err.start]
        message = f"is not UTF-8 text: byte 0x{byte:02X} on line {line} cannot be decoded; {save_as}"
        raise _refuse(name, "utf8", message, f"0x{byte:02X}", line) from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise _refuse(name, "text_file", f"holds a NUL character on line {line}, so it is not a text file", row=line)
    return text


# ------------------------------------------------------------------------------------------ CSV


#: The names of the C0 control characters, U+0000 to U+001F, in order.
_CONTROL_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
)


def _character_name(char: str) -> str:
    """A character as a message names it: ``U+001B (ESC)``, ``U+FFFE (a non-character)``."""
    code = ord(char)
    if code < 0x20:
        said = _CONTROL_NAMES.split()[code]
    elif code == 0x7F:
        said = "DEL"
    elif 0xD800 <= code <= 0xDFFF:
        said = "a lone surrogate"
    else:
        said = "a non-character"
    return f"U+{code:04X} ({said})"


def character_problem(file: str, row: int | None, column: str | None, text: str) -> Problem | None:
    """A problem naming the first character of ``text`` that no cell may hold, or None."""
    found = FORBIDDEN_CHARACTERS.search(text)
    if found is None:
        return None
    said = _character_name(found.group())
    message = (
        f"holds the control character or non-character {said}, which cannot be shown, exported or drawn: "
        "delete it (it is often pasted in invisibly) and save the file again"
    )
    return Problem(file, row, column, "text_characters", said, message)


def _separator_hint(name: str, header: list[str], first_line: str, expected: Collection[str]) -> Problem | None:
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
            message = f"is separated by {said}, not commas: save it as comma-separated CSV ('CSV UTF-8 (comma delimited)' in a spreadsheet)"
            return Problem(name, 1, None, "comma_separated", "", message)
    return None


def _header_problems(name: str, header: list[str]) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for position, column in enumerate(header, start=1):
        if column.strip() == "":
            problems.append(Problem(name, 1, None, "column_name", "", f"column {position} of the header has no name"))
        elif len(column) > MAX_CELL_CHARS:
            message = f"column {position} of the header has a name of {len(column):,} characters"
            problems.append(Problem(name, 1, None, "cell_length", "", message))
        elif column in seen:
            message = f"the column name appears twice (columns {seen[column]} and {position})"
            problems.append(Problem(name, 1, column, "unique_column_names", column, message))
        else:
            seen[column] = position
    return problems


def _csv_error(name: str, start: int, line: int, err: csv.Error) -> Problem:
    text = str(err)
    if "field larger than field limit" in text:
        message = f"a cell is longer than {MAX_CELL_CHARS:,} characters (MAX_CELL_CHARS in indicators/load/safe_read.py)"
        return Problem(name, start, None, "cell_length", "", message)
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


def parse_csv(name: str, data: bytes, expected: Collection[str] = ()) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The CSV in ``data`` as text cells (an empty cell is missing) indexed by the line of the file where each row
    starts (the header is line 1), or None and every structural problem found; ``expected`` (the contract's column
    names) only sharpens the hint for a file separated by semicolons or tabs."""
    try:
        text = decode(name, data)
    except RefusedError as refused:
        return None, [refused.problem]
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
        message = f"the header has {len(header):,} columns; at most {MAX_COLUMNS} are read (MAX_COLUMNS in indicators/load/safe_read.py)"
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
    named = dict(enumerate(header))  # a cell beyond the header's last column has no column name
    records: list[list[str]] = []
    lines: list[int] = []
    previous = reader.line_num
    try:
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if not record:
                continue  # a blank line
            if len(records) == MAX_ROWS:
                message = (
                    f"has more than {MAX_ROWS:,} rows (MAX_ROWS in indicators/load/safe_read.py); reading stopped at line {start}"
                )
                return None, [*problems, Problem(name, start, None, "row_count", "", message)]
            if len(record) != width:
                message = f"the row has {len(record)} cells; the header has {width}"
                problems.append(Problem(name, start, None, "cells_per_row", str(len(record)), message))
            longest = max(record, key=len)
            if len(longest) > MAX_CELL_CHARS:
                message = f"the cell has {len(longest):,} characters; the most read is {MAX_CELL_CHARS:,} (MAX_CELL_CHARS in indicators/load/safe_read.py)"
                problems.append(Problem(name, start, named.get(record.index(longest)), "cell_length", "", message))
            if odd_text:
                found = (character_problem(name, start, named.get(at), c) for at, c in enumerate(record))
                problems += [p for p in found if p is not None]
            records.append(record)
            lines.append(start)
    except csv.Error as err:
        problems.append(_csv_error(name, previous + 1, reader.line_num, err))
    if problems:
        return None, problems
    if not records:
        return None, [Problem(name, None, None, "has_rows", "", "has a header but no rows")]
    columns = zip(*records, strict=True)
    by_column = {column: pd.array([v or None for v in cells], dtype="str") for column, cells in zip(header, columns, strict=True)}
    return pd.DataFrame(by_column, index=lines), []


# ------------------------------------------------------------------------------------------ cells


def _odd_number(text: str, kind: str, column: str) -> tuple[str, str] | None:
    """(check, message) for a cell that pandas would turn into a number it should not be; None otherwise (a cell
    that is no number at all is left to the schema)."""
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


def check_cells(name: str, table: pd.DataFrame, kinds: Mapping[str, str]) -> list[Problem]:
    """Numeric cells (``kinds``: column -> "int64" | "float64" | "str") that parse but are not plain, finite figures;
    years of four digits."""
    problems = []
    for column, kind in kinds.items():
        if column not in table or kind == "str":
            continue
        cells = table[column].dropna()
        pattern = PLAIN_NUMBER if kind == "float64" else r"[0-9]{4}" if column == "year" else r"[+-]?[0-9]+"
        plain = cells.str.fullmatch(pattern).astype(bool)
        if kind == "float64":
            plain &= cells.where(plain, "0").astype("float64").abs() != math.inf  # plain, yet beyond a float's range
        odd_cells = cells[~plain]
        for row, text in zip(odd_cells.index, odd_cells, strict=True):
            odd = _odd_number(str(text), kind, column)
            if odd is not None:
                problems.append(Problem(name, int(row), column, odd[0], str(text), odd[1]))
    problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return problems


# ------------------------------------------------------------------------------------------ datapackage.json


def _first_difference(found: Any, expected: Any, path: str = "") -> str | None:
    """Where two JSON values first differ, as a path (``resources[3].schema.fields[2].name``); None if equal."""
    if isinstance(expected, dict) and isinstance(found, dict):
        for key in expected:
            if key not in found:
                return f"{path}.{key} (missing)".lstrip(".")
            inner = _first_difference(found[key], expected[key], f"{path}.{key}")
            if inner is not None:
                return inner
        extra = [key for key in found if key not in expected]
        return f"{path}.{extra[0]} (not in the contract)".lstrip(".") if extra else None
    if isinstance(expected, list) and isinstance(found, list):
        for i, (a, b) in enumerate(zip(found, expected, strict=False)):
            inner = _first_difference(a, b, f"{path}[{i}]")
            if inner is not None:
                return inner
        if len(found) != len(expected):
            return f"{path} ({len(found)} items; the contract has {len(expected)})".lstrip(".")
        return None
    same = type(found) is type(expected) and found == expected
    return None if same else (path.lstrip(".") or "the whole file")


def read_descriptor(directory: Path) -> dict[str, Any]:
    """``datapackage.json``, read strictly, and only if it equals the descriptor generated from the schemas."""
    from indicators.contract.package import build_descriptor  # the schemas' descriptor; imported here as it pulls in pandera

    text = decode(DESCRIPTOR, read_file(directory, DESCRIPTOR, MAX_DESCRIPTOR_BYTES))
    try:
        found = json.loads(text)
    except json.JSONDecodeError as err:
        raise _refuse(
            DESCRIPTOR, "valid_json", f"is not valid JSON: {err.msg} (line {err.lineno}, column {err.colno})", row=err.lineno
        ) from None
    except (ValueError, RecursionError) as err:
        raise _refuse(DESCRIPTOR, "valid_json", f"is not valid JSON: {err}") from None
    expected = build_descriptor()
    where = _first_difference(found, expected)
    if where is not None:
        message = (
            f"does not describe this data contract: it differs at {where} from what indicators.contract.package.build_descriptor() "
            "generates (write it again with python -m indicators datapackage)"
        )
        raise _refuse(DESCRIPTOR, "matches_contract", message)
    return expected
