"""Charts drawn to PNG or SVG in a child process, so that nothing a chart holds can take the server down.

vl-convert renders in Rust; on text it cannot put into an SVG (a control character, for one) it panics and the
panic aborts the whole process, with every session in it. Here it runs in one small persistent worker process
(this file run as a script: it imports vl-convert and nothing of this package, so a panic ends the worker alone),
started on first use and started again after it dies: a failure is a :class:`RenderError` with a plain sentence
for the person who asked, never an abort of the server.

One worker, one drawing at a time (a lock): the machine has few cores and a drawing takes under a second warm.
The worker is reused because starting vl-convert's JavaScript engine costs about 1.5 s per process, which a
process per drawing would add to every download (docs/benchmarks.md has the measured latency).

Protocol on the worker's stdin/stdout: a request is one line of JSON (``{"spec", "format", "scale"}``); the answer
is a line ``ok N`` or ``error N`` followed by N bytes (the image, or the error's text).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from typing import Any, Literal

#: What a chart is drawn as.
Format = Literal["png", "svg"]

#: Seconds one drawing may take before the worker is stopped and the drawing given up.
RENDER_TIMEOUT = 60.0

#: Largest answer read from the worker (a 2× PNG of a slide-sized chart is well under 1 MB).
MAX_IMAGE_BYTES = 64 * 1024 * 1024


class RenderError(Exception):
    """A chart that could not be drawn; ``str(err)`` is a plain sentence to show the person who asked."""


_lock = threading.Lock()
_worker: subprocess.Popen[bytes] | None = None


def _start() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, __file__],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=None,  # a panic's message goes to the server's console
        close_fds=True,
        env={**os.environ, "RUST_BACKTRACE": "0"},
    )


def _stop(worker: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        worker.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        worker.wait(timeout=5)
    for stream in (worker.stdin, worker.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


@atexit.register
def _shutdown() -> None:
    """Stop the worker with the process that started it (it would also stop on its own once stdin closes)."""
    if _worker is not None:
        _stop(_worker)


def _ask(worker: subprocess.Popen[bytes], request: bytes, timeout: float) -> tuple[str, bytes]:
    """The worker's answer to ``request``; past ``timeout`` seconds the worker is killed, which ends the reads."""
    assert worker.stdin is not None
    assert worker.stdout is not None
    watchdog = threading.Timer(timeout, worker.kill)
    watchdog.start()
    try:
        worker.stdin.write(request)
        worker.stdin.flush()
        status, _, size = worker.stdout.readline(64).decode("ascii").strip().partition(" ")
        count = int(size)
        if status not in ("ok", "error") or not 0 <= count <= MAX_IMAGE_BYTES:
            raise EOFError
        body = worker.stdout.read(count)
    finally:
        watchdog.cancel()
    if len(body) != count:
        raise EOFError
    return status, body


def render(spec: dict[str, Any], fmt: Format, scale: float = 1.0, timeout: float = RENDER_TIMEOUT) -> bytes:
    """The Vega-Lite ``spec`` drawn as ``fmt`` ("png" at ``scale``×, or "svg" as UTF-8), in the worker process.

    Raises :class:`RenderError` with a plain sentence if it cannot be drawn: the worker died (and is started again
    for the next drawing), took longer than ``timeout`` seconds, or vl-convert refused the spec.
    Safe to call from several threads; drawings wait for each other.
    """
    global _worker
    what = fmt.upper()
    try:
        request = json.dumps({"spec": spec, "format": fmt, "scale": scale}, allow_nan=False).encode() + b"\n"
    except (TypeError, ValueError) as err:
        raise RenderError(f"The chart could not be drawn as {what}: its description is not plain data ({err}).") from None
    with _lock:
        if _worker is None or _worker.poll() is not None:
            _worker = _start()
        worker = _worker
        started = time.monotonic()
        try:
            status, body = _ask(worker, request, timeout)
        except (EOFError, OSError, ValueError):
            _stop(worker)
            _worker = None
            if time.monotonic() - started >= timeout:
                raise RenderError(f"The chart could not be drawn as {what}: drawing took longer than {timeout:.0f} s.") from None
            raise RenderError(
                f"The chart could not be drawn as {what}: the drawing engine stopped on something in the chart's text. "
                "Nothing else was affected; the other downloads still work."
            ) from None
    if status == "error":
        reason = body.decode("utf-8", "replace").splitlines()[0][:200] if body else "no reason given"
        raise RenderError(f"The chart could not be drawn as {what}: {reason}")
    return body


def serve() -> None:
    """Answer each request line (``{"spec", "format", "scale"}``) with ``ok N`` or ``error N`` and N bytes."""
    import vl_convert as vlc

    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        try:
            request = json.loads(line)
            if request["format"] == "png":
                body: bytes = vlc.vegalite_to_png(request["spec"], scale=float(request["scale"]))
            else:
                body = str(vlc.vegalite_to_svg(request["spec"])).encode("utf-8")
            status = "ok"
        except Exception as err:
            status, body = "error", str(err).encode("utf-8", "replace")
        out.write(f"{status} {len(body)}\n".encode("ascii") + body)
        out.flush()


if __name__ == "__main__":
    serve()
