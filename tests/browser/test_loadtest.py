"""``scripts/loadtest.py`` with 2 sessions at once: every page opened and a setting changed, with nothing failing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indicators.pages.registry import PAGES
from tests.support import ROOT

pytestmark = pytest.mark.browser

#: Pages with no control to change.
NO_CONTROL = {"claims"}


def test_two_concurrent_sessions_visit_every_page_without_errors(chromium: Path, tmp_path: Path) -> None:
    out = tmp_path / "loadtest.json"
    command = [sys.executable, "scripts/loadtest.py", "--sessions", "2", "--timeout", "90", "--json", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    summary = result["summary"]
    assert summary["sessions"] == 2
    assert summary["sessions_with_error"] == 0
    assert summary["console_errors"] == 0
    assert summary["error_notices"] == 0
    assert summary["charts_not_drawn"] == 0
    assert summary["server_rss_peak_mib"] >= summary["server_rss_start_mib"] > 0
    assert "Sessions with an error: 0 of 2" in done.stdout
    for session in result["sessions"]:
        steps = session["steps"]
        # Each registered page is opened, then one of its settings is changed: a new page needs its entry in SETTINGS
        # (the claims scorecard has no control: it is opened only).
        assert [s["page"] for s in steps] == [p.name for p in PAGES for _ in range(1 if p.name in NO_CONTROL else 2)]
        assert sum(s["action"].startswith("change ") for s in steps) == len(PAGES) - len(NO_CONTROL)
        assert not [s for s in steps if s["problem"]]
