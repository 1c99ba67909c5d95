"""``.streamlit/config.toml`` keeps the app private and quiet: each safe setting is held by a test."""

from __future__ import annotations

import asyncio
import ipaddress
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import websockets
from streamlit import config as st_config
from websockets.typing import Origin, Subprotocol

from indicators.load.safe_read import MAX_FILE_BYTES
from tests.support import streamlit_server

ROOT = Path(__file__).parents[1]
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}


@pytest.fixture(scope="module")
def settings() -> dict[str, Any]:
    with (ROOT / ".streamlit" / "config.toml").open("rb") as f:
        return tomllib.load(f)


def test_server_binds_to_this_machine_only(settings: dict[str, Any]) -> None:
    assert settings["server"]["address"] in ("127.0.0.1", "localhost")


def test_no_usage_statistics(settings: dict[str, Any]) -> None:
    assert settings["browser"]["gatherUsageStats"] is False


def test_xsrf_and_cors_protection_on(settings: dict[str, Any]) -> None:
    assert settings["server"]["enableXsrfProtection"] is True
    assert settings["server"]["enableCORS"] is True


def test_websocket_accepts_local_host_names_only(settings: dict[str, Any]) -> None:
    hosts = settings["server"]["allowedHosts"]
    assert hosts
    assert set(hosts) <= LOCAL_NAMES


def test_upload_limit_is_the_largest_file_read(settings: dict[str, Any]) -> None:
    # Streamlit counts maxUploadSize in MiB (size * 1024 * 1024).
    assert settings["server"]["maxUploadSize"] * 1024 * 1024 == MAX_FILE_BYTES


def test_no_error_details_reach_a_viewer(settings: dict[str, Any]) -> None:
    value = settings["client"]["showErrorDetails"]
    # "none": a generic message only. (The legacy false means "stacktrace", which still shows the traceback.)
    assert value == st_config.ShowErrorDetailsConfigOptions.NONE
    assert value in {o.value for o in st_config.ShowErrorDetailsConfigOptions}


def test_streamlit_reads_the_settings_as_written() -> None:
    """Streamlit itself, started in the project folder, sees each setting (catches a misspelt key or section)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    source = f"# The value below was set in {ROOT / '.streamlit' / 'config.toml'}\n"
    for line in (
        'address = "localhost"',
        "gatherUsageStats = false",
        "enableXsrfProtection = true",
        "enableCORS = true",
        "maxUploadSize = 32",
        'showErrorDetails = "none"',
        'allowedHosts = [\n    "localhost",\n    "127.0.0.1",\n    "::1",\n]',
    ):
        assert source + line + "\n" in shown, line


# --- the running server ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """``streamlit run app.py`` with nothing but the project's config (no address given): yields its port."""
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    with streamlit_server(options=(), env=env, log=log_path, timeout=90) as server:
        yield server.port


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on ``port``, from /proc/net/tcp and tcp6."""
    found = set()
    for name, size in (("tcp", 4), ("tcp6", 16)):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                # The kernel writes each 32-bit word in host (little-endian) order.
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, size, 4))
                found.add(str(ipaddress.ip_address(words)))
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from /proc/net (Linux)")
def test_server_listens_on_loopback_only(server: int) -> None:
    addresses = _listening_addresses(server)
    assert addresses
    assert all(ipaddress.ip_address(a).is_loopback for a in addresses), addresses


def _websocket(port: int, origin: str, host: str = "127.0.0.1") -> str:
    """'accepted', or the HTTP status the server refused the WebSocket with."""

    async def attempt() -> str:
        url = f"ws://{host}:{port}/_stcore/stream"  # the Host header; the connection itself always goes to 127.0.0.1
        try:
            async with websockets.connect(
                url, origin=Origin(origin), host="127.0.0.1", port=port, subprotocols=[Subprotocol("streamlit")], open_timeout=20
            ):
                return "accepted"
        except websockets.InvalidStatus as err:
            return str(err.response.status_code)

    # In a thread of its own: another test's event loop (the browser tests' Playwright) may be running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(attempt())).result()


def test_websocket_from_the_app_itself_is_accepted(server: int) -> None:
    assert _websocket(server, f"http://127.0.0.1:{server}") == "accepted"


def test_websocket_from_another_site_is_refused(server: int) -> None:
    assert _websocket(server, "http://evil.example") == "403"


def test_websocket_through_dns_rebinding_is_refused(server: int) -> None:
    # A page at evil.example whose name now resolves to 127.0.0.1: same origin as the Host it sends.
    assert _websocket(server, f"http://evil.example:{server}", host="evil.example") == "403"
