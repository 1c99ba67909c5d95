"""Benchmark the dashboard: data loading, page scripts, pages in a browser, and a 100,000-row data package.

Every timing is the median of several runs, and every ratio is against a baseline measured in the same run
(runs of a measurement and its baseline are interleaved, so a busy machine slows both alike):

1. ``load_dataset`` vs plain ``pandas.read_csv`` of the same files, target <= 3x for content that passed every check
   before (read, hashed, a verdict found on disk, read into its types); content never seen (every check run) is reported too.
2. each page's script under ``AppTest`` with a warm cache (``at.run()`` again) vs a bare page
   (one Altair chart and one ``st.dataframe``), target <= 3x.
3. in headless Chromium: ``page.goto`` until every expected chart is drawn, vs the bare page on its own
   server, target <= 1.5x; and the resident memory of both servers afterwards.
4. a generated package of 100,000 observations (scripts/gen_scale_data.py): load + validate < 2 s, time per row
   vs the shipped data, and the compare page on it for every indicator (no exception, a chart drawn).

    .venv/bin/python scripts/bench.py [--no-browser] [--json results.json]

Exit status 1 only when a correctness check fails (an exception, a missing chart, invalid generated data);
a missed performance target is reported, not fatal.

The sections live beside this file: ``bench_data`` (1, 4), ``bench_apptest`` (2), ``bench_browser`` (3, 5, 6), with
``bench_server`` (the Streamlit servers) and ``bench_common`` (the rows and the timing); this file runs them and reports.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from bench_common import ROOT

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")

import pandas as pd
from bench_apptest import bench_apptest
from bench_browser import CHROMIUM, bench_browser, bench_cold_start, bench_first_paint
from bench_common import BARE_APP, FAILURES, ROWS, log
from bench_data import bench_load, bench_scale

LOAD_RUNS = 7
APPTEST_RUNS = 15
BROWSER_RUNS = 5
SCALE_RUNS = 3
COLD_RUNS = 5
PAINT_RUNS = 5


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "s":
        return f"{value * 1000:,.1f} ms" if value < 10 else f"{value:,.2f} s"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "µs":
        return f"{value:,.2f} µs"
    return f"{value:,.3g} {unit}".strip()


def print_table() -> None:
    header = ("section", "measurement (median)", "value", "baseline", "ratio", "target", "result")
    lines = []
    for r in ROWS:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else ""
        lines.append((r.section, r.name, fmt(r.value, r.unit), fmt(r.baseline, r.unit), ratio, r.target, r.result))
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines, strict=True)]
    sep = "  "
    print(sep.join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print(sep.join("-" * w for w in widths))
    for line in lines:
        print(sep.join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip())
    notes = [(r.section, r.name, r.note) for r in ROWS if r.note]
    if notes:
        print("\nNotes:")
        for section, name, note in notes:
            print(f"  [{section}] {name}: {note}")


def environment() -> dict[str, str]:
    import altair
    import pandera
    import streamlit

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        chromium = "not found"
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "pandera": pandera.__version__,
        "streamlit": streamlit.__version__,
        "altair": altair.__version__,
        "chromium": chromium,
    }


def quiet_streamlit() -> None:
    """AppTest runs pages outside a server; Streamlit logs a warning about that on every run."""
    import streamlit.logger

    streamlit.logger.set_log_level("error")
    logging.getLogger("streamlit").setLevel(logging.ERROR)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip sections 3, 5 and 6 (headless Chromium)")
    parser.add_argument("--sections", default="123456", help="which sections to run, e.g. 14 (default: 123456)")
    parser.add_argument("--quick", action="store_true", help="one run of each measurement (checks that the bench runs)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()
    sections = set(args.sections) - ({"3", "5", "6"} if args.no_browser else set())

    def runs(count: int) -> int:
        return 1 if args.quick else count

    quiet_streamlit()

    started = time.perf_counter()
    env = environment()
    log(", ".join(f"{k} {v}" for k, v in env.items()))
    with tempfile.TemporaryDirectory(prefix="sco-bare-") as tmp:
        bare_script = Path(tmp) / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        shipped_per_row = bench_load(runs(LOAD_RUNS)) if "1" in sections else None
        if "2" in sections:
            bench_apptest(bare_script, runs(APPTEST_RUNS))
        if "3" in sections:
            bench_browser(bare_script, runs(BROWSER_RUNS))
        if "4" in sections:
            bench_scale(shipped_per_row, runs(SCALE_RUNS))
        if "5" in sections:
            bench_cold_start(bare_script, runs(COLD_RUNS))
        if "6" in sections:
            bench_first_paint(bare_script, runs(PAINT_RUNS))
    total = time.perf_counter() - started

    print()
    print("Machine: " + ", ".join(f"{k} {env[k]}" for k in ("nproc", "cpu", "memory")))
    print("Versions: " + ", ".join(f"{k} {env[k]}" for k in ("python", "pandas", "pandera", "streamlit", "altair", "chromium")))
    print()
    print_table()
    targets = [r for r in ROWS if r.result in ("PASS", "MISS")]
    print(
        f"\nTargets: {sum(r.result == 'PASS' for r in targets)} PASS, {sum(r.result == 'MISS' for r in targets)} MISS; "
        f"checks: {len(FAILURES)} FAIL. Total {total:.0f} s."
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {"environment": env, "total_seconds": total, "rows": [asdict(r) | {"ratio": r.ratio} for r in ROWS]},
                indent=2,
                ensure_ascii=False,
            )
        )
    for failure in FAILURES:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
