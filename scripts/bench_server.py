"""Headless Streamlit servers for the benchmark and the load test: started on a free port, waited for, measured, stopped."""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_common import PYTHON

from indicators.dataset import DATA_DIR_ENV


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    pid: int
    #: ``time.perf_counter()`` just before the server process was spawned.
    started: float
    #: ``time.perf_counter()`` when ``/_stcore/health`` first answered.
    healthy: float


@contextmanager
def streamlit_server(script: Path, cwd: Path, port: int | None = None) -> Iterator[Server]:
    """A headless Streamlit server on ``port`` (default: a free one), stopped on exit."""
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}
    cmd = [
        PYTHON,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "localhost",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
    ]
    url = f"http://localhost:{port}"
    # The server's output goes to a file: an unread pipe fills up and then blocks the server.
    with tempfile.TemporaryFile(mode="w+") as output:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT, text=True)
        try:
            wait_until_healthy(url, proc, output)
            yield Server(url, proc.pid, started, time.perf_counter())
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_until_healthy(url: str, proc: subprocess.Popen[str], output: Any) -> None:
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            output.seek(0)
            raise RuntimeError(f"streamlit exited: {output.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("streamlit did not answer within 60 s")
        time.sleep(0.02)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
