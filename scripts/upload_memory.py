"""Server memory under large uploads: N browser sessions at once each add the same large file of their own figures.

One headless Chromium drives N contexts (N people) on one local server (loopback only). Each opens the data page,
types a citation, uploads a generated observations file of ``--rows`` valid rows (the row cap is 250,000), waits
for "figures added", opens Compare on the uploaded indicator, then uploads the file again ``--repeat`` times
(a replaced upload must be released). The server tree's resident memory is sampled every 100 ms; it is read
again after every session has closed and the server has had ``--settle`` seconds.

    .venv/bin/python scripts/upload_memory.py [--sessions 5] [--rows 250000] [--repeat 1]

Exit status 1 when a session did not see its figures added; 2 when the test could not run.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the harness: tests/support.py

from playwright.async_api import Browser, async_playwright  # noqa: E402

from tests.support import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_MISSING, MemorySampler, streamlit_server, tree_rss_mib  # noqa: E402

SIX = ("CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB")
STATE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def write_upload(path: Path, rows: int, offset: int = 0) -> None:
    """``rows`` valid population rows: the six founding members, every year 1800-2100, under a new source each round
    (``offset`` added to every value: another file of the same size)."""
    header = (ROOT / "data" / "observations.csv").read_text(encoding="utf-8").splitlines()[0]
    keys = ((s, c, y) for s in range(rows) for c in SIX for y in range(1800, 2101))
    with path.open("w", encoding="utf-8") as f:
        f.write(header + "\n")
        for _, (s, c, y) in zip(range(rows), keys, strict=False):
            f.write(f"{c},population,{y},{1000 + y + offset},exact,,,reported,mine_{s},table {s}.{y},,,\n")


async def one_session(browser: Browser, url: str, uploads: list[Path], start: asyncio.Barrier, timeout_ms: float) -> bool:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(timeout_ms)
    try:
        await start.wait()
        await page.goto(url + "/data")
        await page.wait_for_selector(STATE)
        await page.locator(".st-key-data_upload_citation input").fill("Load test, generated figures (2026).")
        await page.keyboard.press("Enter")
        await page.wait_for_selector(STATE)
        for upload in uploads:  # each replaces the one before
            await page.locator("input[type='file']").set_input_files(str(upload))
            count = int(upload.stem.rsplit("_", 1)[1])  # each file has its own row count, to see it was taken
            await page.get_by_text(f"{count} figures added for this browser session").wait_for()
            await page.wait_for_selector(STATE)
        await page.goto(url + "/?indicator=population")
        await page.wait_for_selector(STATE)
        return True
    except Exception as err:  # a session that fails is counted and said, the others go on
        print(f"  a session failed: {str(err).splitlines()[0]}", file=sys.stderr)
        return False
    finally:
        await context.close()


async def run(url: str, sessions: int, uploads: list[Path], timeout: float) -> list[bool]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            start = asyncio.Barrier(sessions)
            jobs = (one_session(browser, url, uploads, start, timeout * 1000) for _ in range(sessions))
            return list(await asyncio.gather(*jobs))
        finally:
            await browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--rows", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=1, help="uploads of the same file again in each session")
    parser.add_argument("--settle", type=float, default=10.0, help="seconds to wait after the sessions close")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds one step may take")
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        print(f"upload_memory: {CHROMIUM_MISSING}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        uploads = [Path(tmp) / f"many_{args.rows - n}.csv" for n in range(1 + args.repeat)]
        for n, upload in enumerate(uploads):
            write_upload(upload, args.rows - n, offset=n)
        print(f"Uploads: {args.rows:,} rows, {uploads[0].stat().st_size / 2**20:.1f} MiB each", flush=True)
        with streamlit_server() as server:
            started = time.perf_counter()
            with MemorySampler(server.pid) as sampler:
                done = asyncio.run(run(server.url, args.sessions, uploads, args.timeout))
            wall = time.perf_counter() - started
            time.sleep(args.settle)
            after = tree_rss_mib(server.pid)
    print(f"Sessions that saw their figures added: {sum(done)} of {args.sessions} ({args.repeat + 1} upload(s) each)")
    print(
        f"Server RSS (process tree): {sampler.start_mib:.0f} MiB at start, peak {sampler.peak_mib:.0f} MiB, "
        f"{after:.0f} MiB {args.settle:.0f} s after the sessions closed; wall time {wall:.0f} s"
    )
    return 0 if all(done) else 1


if __name__ == "__main__":
    sys.exit(main())
