"""Benchmark section 2: each page's script rerun under ``AppTest`` with a warm cache, against the bare page's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench_common import APP, Row, add, interleaved, judge, log

from indicators.pages.registry import PAGES


def bench_apptest(bare_script: Path, runs: int) -> None:
    from streamlit.testing.v1 import AppTest

    section = "2 AppTest"
    log("2. page scripts under AppTest (warm cache)")
    tests: dict[str, Any] = {}
    bare = AppTest.from_file(str(bare_script), default_timeout=120)
    bare.run()
    tests["bare"] = bare
    for page in PAGES:
        at = AppTest.from_file(str(APP), default_timeout=120)
        if not page.default:
            at.switch_page(page.app_path)
        at.run()
        drawn = len(at.get("vega_lite_chart"))
        if at.exception or drawn != page.charts:
            add(
                Row(
                    section,
                    f"{page.name}: first run",
                    None,
                    "",
                    result="FAIL",
                    note=f"exception={[e.value for e in at.exception]} charts={drawn}/{page.charts}",
                )
            )
        tests[page.name] = at
    medians = interleaved({name: at.run for name, at in tests.items()}, runs)
    for name, at in tests.items():
        if at.exception:
            add(Row(section, f"{name}: rerun", None, "", result="FAIL", note=str([e.value for e in at.exception])))
    add(Row(section, "bare page rerun (baseline)", medians["bare"], "s"))
    for page in PAGES:
        row = add(Row(section, f"{page.name} page rerun", medians[page.name], "s", medians["bare"], "<= 3x"))
        row.result = judge(row.ratio, 3.0)
