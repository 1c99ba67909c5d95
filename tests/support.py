"""Helpers several test modules share: the command line run as a user runs it, and a Streamlit server of their own.

The tests import it as ``tests.support`` (pytest puts the project folder on ``sys.path``: ``pythonpath`` in
pyproject.toml), which is also the name mypy gives it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]

#: Settings of the caller's shell that would change what the command line reads (its data folder, the essay).
CALLER_SETTINGS = ("SCO_DATA_DIR", "ESSAY_TEXT")


def run_cli(*args: str, timeout: float = 120, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m indicators ARGS`` from the project folder, without the caller's data or essay settings."""
    base = {k: v for k, v in os.environ.items() if k not in CALLER_SETTINGS}
    return subprocess.run(
        [sys.executable, "-m", "indicators", *args],
        cwd=ROOT,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            body: bytes = response.read()
            return response.status == 200 and body.strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _tail(path: Path, lines: int = 40) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def stop(process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    """End a process this test run started: politely first, then for good."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def streamlit_app(
    options: Sequence[str], log_path: Path, *, timeout: float, env: Mapping[str, str] | None = None
) -> Iterator[int]:
    """``streamlit run app.py`` on a free port with ``options``, healthy before it yields the port, stopped after.

    The server's output goes to ``log_path`` (a pipe nobody reads would fill up and block the server); its last
    lines are in the failure when it exits or does not answer within ``timeout`` seconds.
    """
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), *options]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(f"http://127.0.0.1:{port}/_stcore/health"):
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with code {process.returncode} before it was healthy:\n{_tail(log_path)}")
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit was not healthy on port {port} after {timeout:.0f} s:\n{_tail(log_path)}")
            time.sleep(0.25)
        yield port
    finally:
        stop(process)
