"""The one way the command line writes files: :func:`write_output` (one file) and :func:`write_outputs` (a folder's
worth, all or none). Every command that writes goes through them.

Before anything is written, every target is checked (:func:`check_output`): a path must be named; a symbolic link
(a dangling one too) would be written through, and is refused; only a regular file is replaced, and only with
``force``; the data folder's own files are refused unless the command exists to write them (``data_file``); the
folder must exist. Each file is then written to a temporary file beside it, flushed to disk and renamed over the
target, so a reader sees the old file or the new one, never a part; a rename that fails puts back the files
already replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from indicators.load.dataset import DEFAULT_DATA_DIR


class OutputError(Exception):
    """A file that is not written (nothing was); the message says why and what to do."""


def _unlink(path: str | Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def check_output(path: str | Path, *, force: bool = False, data_dir: str | Path | None = None, data_file: bool = False) -> Path:
    """``path`` as it will be written, or :class:`OutputError` saying why it may not be (see the module's docstring).
    ``data_dir`` is the data folder in use (the shipped ``data/`` is always protected too)."""
    if str(path).strip() == "":
        raise OutputError("no output file is named (--out is empty): name the file to write")
    target = Path(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise OutputError(f"{target} cannot be looked at: {err.strerror}") from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise OutputError(f"{target} is a symbolic link; it is not written through: name a plain file instead")
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{target} is a folder: name a file inside it")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{target} is not a regular file (a pipe, device or socket): name a plain file")
    if info is not None and not force:
        raise OutputError(f"{target} exists; add --force to replace it")
    parent = target.parent.resolve()
    if not parent.is_dir():
        raise OutputError(f"the folder {target.parent} does not exist: create it first")
    folders = [DEFAULT_DATA_DIR, *([] if data_dir is None else [Path(data_dir)])]
    if not data_file and any((parent / target.name).is_relative_to(folder.resolve()) for folder in folders):
        raise OutputError(
            f"{target} is in the data folder, whose files are only written by their own commands: choose another place"
        )
    return target


def _temporary(target: Path, data: bytes) -> str:
    """``data`` in a new temporary file beside ``target``, flushed to disk, with the mode of the file it replaces."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o644
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        _unlink(temporary)
        raise
    return temporary


def write_output(
    path: str | Path, data: bytes, *, force: bool = False, data_dir: str | Path | None = None, data_file: bool = False
) -> Path:
    """Write ``data`` to ``path``, checked and through a temporary file; :class:`OutputError` (nothing written) for
    a target that may not be written, ``OSError`` if the disk refuses (the old file is left as it was)."""
    return write_outputs({path: data}, force=force, data_dir=data_dir, data_file=data_file)[0]


def write_outputs(
    files: Mapping[str | Path, bytes] | Mapping[str, bytes] | Mapping[Path, bytes],
    *,
    force: bool = False,
    data_dir: str | Path | None = None,
    data_file: bool = False,
) -> list[Path]:
    """Write several files, all or none: every target is checked (:class:`OutputError` naming the first that may not
    be written), every temporary file written, and only then are they renamed into place."""
    targets = [check_output(p, force=force, data_dir=data_dir, data_file=data_file) for p in files]
    temporaries: list[str] = []
    backups: list[tuple[Path, str | None]] = []
    try:
        for target, data in zip(targets, files.values(), strict=True):
            temporaries.append(_temporary(target, data))
        for target, temporary in zip(targets, temporaries, strict=True):
            backup = None
            if os.path.lexists(target):
                backup = f"{temporary}.old"
                os.link(target, backup)
            backups.append((target, backup))
            os.replace(temporary, target)
    except BaseException:
        for target, backup in reversed(backups):
            if backup is None:
                _unlink(target)
            else:
                with contextlib.suppress(OSError):
                    os.replace(backup, target)
                _unlink(backup)  # a rename between two links to one file does nothing: the backup stays
        for temporary in temporaries:
            _unlink(temporary)
        raise
    for _, backup in backups:
        if backup is not None:
            _unlink(backup)
    return targets
