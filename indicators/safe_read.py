"""Strict, bounded reading of a data folder, shared by the app and the command line.

Nothing from a data folder reaches pandas or pandera without passing through here:

* A file is looked at with ``os.lstat``/``os.stat`` before it is opened. Only a regular
  file, or a link to a regular file inside the data folder, is read: a FIFO, device,
  socket or folder is refused without being opened, so nothing can block or stream for
  ever, and a link out of the folder (to ``/etc/passwd``, ``/dev/zero``) is refused.
  The file is then opened with ``O_NONBLOCK | O_NOFOLLOW`` and checked again on the
  open descriptor, so a file swapped between the look and the open is refused too.
* Its size is checked against :data:`MAX_FILE_BYTES` before it is read, and no more
  than that is ever read. A file that changes while it is read is read again.
* Text is UTF-8, with or without a byte-order mark; anything else is refused with the
  line where decoding failed.
* The CSV is pre-scanned and its numeric cells checked by :mod:`indicators.safe_csv`
  (:func:`parse_csv`, :func:`check_cells`), within the caps on columns, rows and cell length.
* ``datapackage.json`` must be JSON and equal to :func:`indicators.package.build_descriptor`.

Every refusal is a :class:`~indicators.problems.Problem` naming the file, the line,
the column where there is one, and what is wrong, never a traceback.  This module is the
public entry for all of it: the CSV names are importable from here too.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from indicators.problems import Problem
from indicators.safe_csv import (
    FOUR_DIGIT_YEAR,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    PLAIN_NUMBER,
    PLAIN_WHOLE,
    RawTable,
    check_cells,
    scan_csv,
)

__all__ = [
    "DESCRIPTOR",
    "FOUR_DIGIT_YEAR",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_DESCRIPTOR_BYTES",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "PLAIN_NUMBER",
    "PLAIN_WHOLE",
    "READ_ATTEMPTS",
    "RawTable",
    "RefusedError",
    "Signature",
    "check_cells",
    "decode",
    "descriptor_problems",
    "file_signature",
    "folder_problem",
    "parse_csv",
    "read_descriptor",
    "read_file",
]

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


def _refuse(
    file: str, check: str, message: str, value: str = "", row: int | None = None, column: str | None = None
) -> RefusedError:
    return RefusedError(Problem(file, row, column, check, value, message))


# ------------------------------------------------------------------------------------------ files


Signature = tuple[tuple[str, int, int, int, int], ...]


def file_signature(directory: Path, names: Iterable[str]) -> Signature:
    """(name, size, mtime_ns, inode, ctime_ns) of each file, from ``os.stat``; -1s for a file that cannot be looked at.

    Cheap (no file is opened or read), and it changes when a file is edited, replaced
    (new inode) or has its modification time set back (ctime still moves).
    """
    out = []
    for name in names:
        try:
            info = os.stat(directory / name)
        except (OSError, ValueError):
            out.append((name, -1, -1, -1, -1))
        else:
            out.append((name, info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns))
    return tuple(out)


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
        return Problem(str(directory), None, None, "folder_exists", "", "the data folder does not exist")
    except (OSError, ValueError) as err:
        reason = err.strerror if isinstance(err, OSError) else str(err)
        return Problem(str(directory), None, None, "folder_exists", "", f"the data folder cannot be opened: {reason}")
    if not stat.S_ISDIR(info.st_mode):
        return Problem(str(directory), None, None, "folder_exists", "", f"the data folder is {_kind(info.st_mode)}, not a folder")
    return None


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
            raise _refuse(
                name,
                "safe_file",
                "is a link to a file outside the data folder, which is not read: copy the file into the folder instead",
                str(target),
            )
        info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(name, "safe_file", f"is {_kind(info.st_mode)}, not a regular file: only plain files are read")
    return target, info


def _too_big(name: str, size: int, limit: int) -> RefusedError:
    cap = "MAX_DESCRIPTOR_BYTES" if name == DESCRIPTOR else "MAX_FILE_BYTES"
    return _refuse(
        name,
        "file_size",
        f"is {_megabytes(size)}; the most that is read is {_megabytes(limit)} ({cap} in indicators/safe_read.py)",
        str(size),
    )


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
    """The bytes of ``directory/name``: a regular file inside the folder, at most ``limit`` bytes, read whole and unchanged.

    Raises :class:`RefusedError` otherwise. A file that changes while it is read is read
    again, up to :data:`READ_ATTEMPTS` times.
    """
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
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            raise _refuse(name, "utf8", f"is {encoding} text, not UTF-8: {save_as}", row=1)
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        line = body.count(b"\n", 0, err.start) + 1
        byte = body[err.start]
        raise _refuse(
            name,
            "utf8",
            f"is not UTF-8 text: byte 0x{byte:02X} on line {line} cannot be decoded; {save_as}",
            f"0x{byte:02X}",
            line,
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise _refuse(name, "text_file", f"holds a NUL character on line {line}, so it is not a text file", row=line)
    return text


def parse_csv(name: str, data: bytes, expected: Sequence[str] = ()) -> tuple[RawTable | None, list[Problem]]:
    """The CSV in ``data`` as text cells, or None and every structural problem found.

    ``expected`` (the contract's column names) only sharpens the hint for a file
    separated by semicolons or tabs.
    """
    try:
        text = decode(name, data)
    except RefusedError as refused:
        return None, [refused.problem]
    return scan_csv(name, text, expected)


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


def read_descriptor(directory: Path, sources: pd.DataFrame | None = None) -> dict[str, Any]:
    """``datapackage.json``, read strictly, and only if it equals the descriptor generated from the schemas and
    ``sources`` (the package's sources.csv as read; without it, the descriptor's own sources are not compared)."""
    from indicators.package import build_descriptor  # the schemas' descriptor; imported here as it pulls in pandera

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
    if sources is None:
        expected["sources"] = found.get("sources") if isinstance(found, dict) else None
    where = _first_difference(found, expected)
    if where is not None:
        message = (
            f"does not describe this data contract: it differs at {where} from what indicators.package.build_descriptor() "
            "generates (write it again with python -m indicators datapackage)"
        )
        raise _refuse(DESCRIPTOR, "matches_contract", message)
    return expected


def descriptor_problems(directory: Path, sources: pd.DataFrame | None = None) -> list[Problem]:
    """What is wrong with the folder's ``datapackage.json``; empty if nothing."""
    try:
        read_descriptor(directory, sources)
    except RefusedError as refused:
        return [refused.problem]
    return []
