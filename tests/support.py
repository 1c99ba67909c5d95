"""The harness of the tests, the benchmark and the load tests: the command line and a page run as a user runs them,
a Streamlit server on a free port, the browser, and a process's memory.

The tests import it as ``tests.support`` (pytest puts the project folder on ``sys.path``: ``pythonpath`` in
pyproject.toml), which is also the name mypy gives it; the scripts in scripts/ put the project folder on
``sys.path`` and import it by the same name. It imports nothing heavy at module level.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).parents[1]
APP = ROOT / "app.py"

#: Settings of the caller's shell that would change what the command line or a server reads (its data folder, the essay).
CALLER_SETTINGS = ("SCO_DATA_DIR", "ESSAY_TEXT")

#: Debian's Chromium, driven through Playwright (nothing here downloads a browser), and its flags.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
CHROMIUM_MISSING = f"Chromium not found at {CHROMIUM}: install it with apt-get install -y chromium"

#: A server of its own for a test, the benchmark or a load test: on this machine only, quiet, not watching files.
SERVER_OPTIONS = (
    "--server.address",
    "127.0.0.1",
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--server.fileWatcherType",
    "none",
    "--server.runOnSave",
    "false",
)


def caller_free_env() -> dict[str, str]:
    """This process's environment without the caller's data or essay settings."""
    return {k: v for k, v in os.environ.items() if k not in CALLER_SETTINGS}


def run_cli(*args: str, timeout: float = 120, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m indicators ARGS`` from the project folder, without the caller's data or essay settings."""
    return subprocess.run(
        [sys.executable, "-m", "indicators", *args],
        cwd=ROOT,
        env={**caller_free_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def open_page(name: str, timeout: float = 120, **query: str) -> AppTest:
    """The app under ``AppTest`` on the registry's page ``name`` with URL parameters ``query``, after its first run."""
    from streamlit.testing.v1 import AppTest

    from indicators.pages.registry import page_named

    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    page = page_named(name)
    if not page.default:
        at.switch_page(page.app_path)
    at.run()
    return at


# ------------------------------------------------------------------------------------------ a server of its own


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    port: int
    pid: int
    #: ``time.perf_counter()`` just before the server process was spawned.
    started: float
    #: ``time.perf_counter()`` when ``/_stcore/health`` first answered.
    healthy: float

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            body: bytes = response.read()
            return response.status == 200 and body.strip() == b"ok"
    except OSError:
        return False


def _tail(output: IO[bytes], lines: int = 40) -> str:
    output.seek(0)
    return "\n".join(output.read().decode("utf-8", errors="replace").splitlines()[-lines:])


def stop(process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    """End a process this run started: politely first, then for good."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def streamlit_server(
    script: Path = APP,
    options: Sequence[str] = SERVER_OPTIONS,
    *,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    timeout: float = 60,
) -> Iterator[Server]:
    """``streamlit run script`` from its folder on ``port`` (default: a free one) with ``options``, healthy before it
    yields, stopped after. ``env`` defaults to this process's without the caller's data or essay settings.

    The server's output goes to ``log`` (default: a temporary file; a pipe nobody reads would fill up and block the
    server); its last lines are in the RuntimeError raised when it exits or does not answer within ``timeout`` seconds.
    """
    port = port or free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *options]
    health = f"http://127.0.0.1:{port}/_stcore/health"
    with log.open("w+b") if log else tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=script.parent, env=caller_free_env() if env is None else env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(health):
                if process.poll() is not None:
                    raise RuntimeError(f"streamlit exited with code {process.returncode} before it was healthy:\n{_tail(output)}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit was not healthy on port {port} after {timeout:.0f} s:\n{_tail(output)}")
                time.sleep(0.02)  # often: the benchmark times a server's start to its first answer
            yield Server(port, process.pid, started, time.perf_counter())
        finally:
            stop(process)


# ------------------------------------------------------------------------------------------ a process's memory and time


def rss_mib(pid: int) -> float:
    """Resident memory (VmRSS) of one process in MiB; 0 when it has ended."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0.0
    return sum(int(line.split()[1]) for line in lines if line.startswith("VmRSS:")) / 1024


def _descendants(root: int) -> list[int]:
    """``root`` and every process below it, from the parent ids in /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while being read
            continue
        # The command name is in parentheses and may hold spaces; the parent id is the second field after it.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def tree_rss_mib(root: int) -> float:
    """Resident memory of a process and its descendants in MiB (VmRSS summed: shared pages count once per process)."""
    return sum(rss_mib(pid) for pid in _descendants(root))


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class MemorySampler(threading.Thread):
    """Samples a process tree's RSS every ``seconds`` on its own thread, so a busy event loop cannot delay it."""

    def __init__(self, pid: int, seconds: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.seconds = seconds
        self.start_mib = tree_rss_mib(pid)
        self.peak_mib = self.start_mib
        self.samples = 1
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(self.seconds):
            self.peak_mib = max(self.peak_mib, tree_rss_mib(self.pid))
            self.samples += 1

    def __enter__(self) -> MemorySampler:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop_event.set()
        self.join()
