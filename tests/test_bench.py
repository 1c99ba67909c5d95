"""The benchmark's first-screen sections run end to end and report every row (slow: about a minute).

Run with ``make bench-test`` (``pytest -m slow``); ``make test`` leaves them out. Nothing here asserts a time or a
ratio against a target: the bench reports targets, tests only check that it measures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indicators.pages.registry import PAGES
from tests.support import CHROMIUM, CHROMIUM_MISSING, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CHROMIUM.is_file(), reason=CHROMIUM_MISSING)]


def test_cold_start_and_first_paint_sections_run(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "scripts/bench.py", "--sections", "56", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    rows = json.loads(out.read_text())["rows"]
    assert not [r for r in rows if r["result"] == "FAIL"]
    by_name = {r["name"]: r for r in rows}

    cold = by_name["dashboard: server start -> first chart drawn"]
    assert cold["section"] == "5 cold start"
    assert cold["value"] > 0
    assert cold["baseline"] > 0
    assert cold["ratio"] > 0
    assert cold["result"] in ("PASS", "MISS")  # a target, reported, never asserted
    assert by_name["dashboard: first visit: navigation -> first contentful paint (blank)"]["ratio"] > 0
    assert by_name["dashboard: server CPU time until its page is ready"]["ratio"] > 0

    for page in PAGES:
        for mark in ("heading painted", "first contentful paint (blank)"):
            row = by_name[f"{page.name} page: navigation -> {mark}"]
            assert row["section"] == "6 first paint"
            assert row["value"] > 0
            assert row["ratio"] > 0, row
    longest = next(r for r in rows if r["name"].startswith("longest blank of any page"))
    assert longest["ratio"] == max(
        by_name[f"{p.name} page: navigation -> first contentful paint (blank)"]["ratio"] for p in PAGES
    )
