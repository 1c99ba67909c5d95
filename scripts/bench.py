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
5. the cold start: a new server until the default page's first chart is drawn, vs the bare page's.
6. the first paint of each page on a warm server (navigation -> heading, and the blank screen before it).

    .venv/bin/python scripts/bench.py [--no-browser] [--sections 14] [--quick] [--json results.json]

Exit status 1 only when a correctness check fails (an exception, a missing chart, invalid generated data);
a missed performance target is reported, not fatal. The servers, the browser and the memory readings come from
the harness the tests share (tests/support.py).
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the harness: tests/support.py
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")

import gen_scale_data  # noqa: E402
import pandas as pd  # noqa: E402

from indicators.contract.registry import COMPARE  # noqa: E402
from indicators.load.dataset import DATA_DIR_ENV, DEFAULT_DATA_DIR, VERDICTS_ENV, load_dataset  # noqa: E402
from indicators.pages.registry import PAGES  # noqa: E402
from indicators.schemas import SCHEMAS  # noqa: E402
from tests.support import APP, CHROMIUM, CHROMIUM_ARGS, Server, cpu_seconds, open_page, rss_mib, streamlit_server  # noqa: E402

LOAD_RUNS = 7
APPTEST_RUNS = 15
BROWSER_RUNS = 5
SCALE_RUNS = 3
COLD_RUNS = 5
PAINT_RUNS = 5

BARE_APP = '''
"""Bare page for the benchmark: one Altair chart and one small st.dataframe."""
import altair as alt
import pandas as pd
import streamlit as st

frame = pd.DataFrame({"country": ["China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan"],
                      "value": [1266.0, 346.0, 24.4, 1.6, 1.1, 9.7]})
st.title("Bare page")
st.altair_chart(alt.Chart(frame).mark_bar().encode(x="value:Q", y="country:N"), key="bare_chart")
st.dataframe(frame, hide_index=True)
'''

#: The bare page's heading (each dashboard page's is in the registry).
BARE_HEADING = "Bare page"


# ------------------------------------------------------------------------------------------ rows and timing


@dataclass
class Row:
    section: str
    name: str
    value: float | None  # seconds, or MB / rows / µs as the unit says
    unit: str
    baseline: float | None = None
    target: str = ""
    result: str = ""  # PASS / MISS / OK / FAIL / info
    note: str = ""
    #: For paired runs: the median of each run's ratio (then it, not value / baseline, is the row's ratio).
    paired: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.paired is not None:
            return self.paired
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline


ROWS: list[Row] = []
FAILURES: list[str] = []


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def add(row: Row) -> Row:
    ROWS.append(row)
    if row.result == "FAIL":
        FAILURES.append(f"{row.section}: {row.name}: {row.note}")
    return row


def judge(ratio: float | None, limit: float) -> str:
    return "PASS" if ratio is not None and ratio <= limit else "MISS"


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(fns: dict[str, Callable[[], Any]], runs: int) -> dict[str, float]:
    """Median seconds of each function, the runs of all functions taken in turn."""
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            samples[name].append(timed(fn))
    return {name: statistics.median(times) for name, times in samples.items()}


# ------------------------------------------------------------------------------------------ 1. load


def read_all_plain(directory: Path) -> list[pd.DataFrame]:
    return [pd.read_csv(directory / f) for f in SCHEMAS]


def load_checked_in_full(directory: Path) -> None:
    """``load_dataset`` with no verdict on disk: every file read strictly and every check run."""
    with mock.patch.dict(os.environ, {VERDICTS_ENV: ""}):
        load_dataset(directory)


def bench_load(runs: int) -> float:
    """Section 1 (``runs`` of each measurement); returns the full-check load time per row of the shipped data (seconds)."""
    section = "1 load"
    log("1. loading and validating the shipped data")
    directory = DEFAULT_DATA_DIR
    load_dataset(directory)  # warms imports and pandera's backends, and keeps the verdict of the shipped data
    medians = interleaved(
        {
            "plain": lambda: read_all_plain(directory),
            "cold": lambda: load_dataset(directory),
            "full": lambda: load_checked_in_full(directory),
        },
        runs,
    )
    first = first_load_in_new_process(directory)
    rows = sum(len(frame) for frame in read_all_plain(directory))
    add(Row(section, f"pandas.read_csv, {len(SCHEMAS)} files (baseline)", medians["plain"], "s", note=f"{rows:,} rows"))
    cold = add(
        Row(
            section,
            "load_dataset cold, content checked before (verdict on disk)",
            medians["cold"],
            "s",
            medians["plain"],
            "<= 3x",
        )
    )
    cold.result = judge(cold.ratio, 3.0)
    label = "load_dataset, content never seen: strict read + every check + keys"
    add(Row(section, label, medians["full"], "s", medians["plain"], result="info"))
    note = "includes pandera's one-off backend registration"
    add(Row(section, "load_dataset cold, first call in a new process", first, "s", medians["plain"], result="info", note=note))
    return medians["full"] / rows


def first_load_in_new_process(directory: Path) -> float:
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from indicators.load.dataset import load_dataset
        start = time.perf_counter()
        load_dataset({str(directory)!r})
        print(time.perf_counter() - start)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------ 2. AppTest


def bench_apptest(bare_script: Path, runs: int) -> None:
    from streamlit.testing.v1 import AppTest

    section = "2 AppTest"
    log("2. page scripts under AppTest (warm cache)")
    tests: dict[str, Any] = {"bare": AppTest.from_file(str(bare_script), default_timeout=120).run()}
    for page in PAGES:
        at = open_page(page.name)
        drawn = len(at.get("vega_lite_chart"))
        if at.exception or drawn != page.charts:
            note = f"exception={[e.value for e in at.exception]} charts={drawn}/{page.charts}"
            add(Row(section, f"{page.name}: first run", None, "", result="FAIL", note=note))
        tests[page.name] = at
    medians = interleaved({name: at.run for name, at in tests.items()}, runs)
    for name, at in tests.items():
        if at.exception:
            add(Row(section, f"{name}: rerun", None, "", result="FAIL", note=str([e.value for e in at.exception])))
    add(Row(section, "bare page rerun (baseline)", medians["bare"], "s"))
    for page in PAGES:
        row = add(Row(section, f"{page.name} page rerun", medians[page.name], "s", medians["bare"], "<= 3x"))
        row.result = judge(row.ratio, 3.0)


# ------------------------------------------------------------------------------------------ 4. scale


def chart_rows(chart: Any) -> int:
    """Data rows Streamlit sends for one chart (its datasets travel as Arrow, beside the spec)."""
    import pyarrow as pa

    inline = sum(len(v) for v in json.loads(chart.proto.spec).get("datasets", {}).values())
    arrow_rows: int = sum(pa.ipc.open_stream(d.data.data).read_all().num_rows for d in chart.proto.datasets)
    return inline + arrow_rows


def bench_scale(shipped_per_row: float | None, runs: int) -> None:
    """Section 4 (``runs`` of each timing), the time per row against ``shipped_per_row`` from section 1 when it ran."""
    section = "4 scale"
    log("4. a generated package of 100,000 observations")
    with tempfile.TemporaryDirectory(prefix="sco-scale-") as tmp:
        directory = Path(tmp) / "data"
        generated = timed(lambda: gen_scale_data.generate(directory))
        counts = {f: len(frame) for f, frame in zip(SCHEMAS, read_all_plain(directory), strict=True)}
        rows = sum(counts.values())
        note = f"{counts['observations.csv']:,} observations, {counts['countries.csv']} countries and groups, {rows:,} rows"
        add(Row(section, "generate the package (scripts/gen_scale_data.py)", generated, "s", result="info", note=note))
        try:
            load_checked_in_full(directory)
        except Exception as err:  # the generated data must validate
            add(Row(section, "generated package validates", None, "", result="FAIL", note=f"{type(err).__name__}: {err}"))
            return
        medians = interleaved({"plain": lambda: read_all_plain(directory), "cold": lambda: load_checked_in_full(directory)}, runs)
        add(Row(section, f"pandas.read_csv, {len(SCHEMAS)} files", medians["plain"], "s", result="info"))
        cold = add(Row(section, "load_dataset, every check run", medians["cold"], "s", medians["plain"], "< 2 s"))
        cold.result = "PASS" if medians["cold"] < 2.0 else "MISS"
        load_dataset(directory)  # keeps its verdict
        verdict = statistics.median(timed(lambda: load_dataset(directory)) for _ in range(runs))
        add(Row(section, "load_dataset, content checked before (verdict on disk)", verdict, "s", medians["plain"], result="info"))
        per_row = medians["cold"] / rows
        add(
            Row(
                section,
                "cold load time per row vs the shipped data's",
                per_row * 1e6,
                "µs",
                None if shipped_per_row is None else shipped_per_row * 1e6,
                result="info",
                note="ratio < 1: per-check costs are fixed, they spread over more rows",
            )
        )
        with mock.patch.dict(os.environ, {DATA_DIR_ENV: str(directory)}):
            compare_every_indicator(section, directory)


def compare_every_indicator(section: str, directory: Path) -> None:
    """The compare page on the package in ``directory`` for each indicator it offers (and each share base)."""
    at = open_page("compare", timeout=300)
    registry = load_dataset(directory).registry
    variants: list[tuple[str, str | None]] = [(i.id, None) for i in registry.offered(COMPARE) if not i.is_share]
    variants += [(i.id, b.id) for i in registry.offered(COMPARE) if i.is_share for b in registry.share_bases()]
    for indicator, base in variants:

        def select(indicator: str = indicator, base: str | None = base) -> None:
            at.selectbox(key="compare_indicator").set_value(indicator)
            if base is not None:
                at.run()  # the "share of" box appears once members_share is chosen
                at.selectbox(key="compare_share_of").set_value(base)
            at.run()

        seconds = timed(select)
        label = indicator if base is None else f"{indicator} of {base}"
        charts = at.get("vega_lite_chart")
        problems = [str(e.value) for e in at.exception] + [str(e.value) for e in at.error]
        rows_drawn = sum(chart_rows(chart) for chart in charts)
        good = not problems and len(charts) == 1
        note = (
            f"1 chart drawn, no exception ({rows_drawn:,} data rows sent to the chart)"
            if good
            else "; ".join(problems)[:300] or f"{len(charts)} charts"
        )
        add(Row(section, f"compare page on it: {label}", seconds, "s", result="OK" if good else "FAIL", note=note))


# ------------------------------------------------------------------------------------------ 3, 5, 6. in Chromium

#: Ready when the script has finished, the page title is drawn and every expected chart holds an svg or canvas.
READY_JS = """([charts, title]) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  const heading = document.querySelector("h1");
  if (!heading || !heading.textContent.includes(title)) return false;
  const drawn = document.querySelectorAll("[data-testid='stVegaLiteChart']");
  if (drawn.length < charts) return false;
  for (const c of drawn) { if (!c.querySelector("svg, canvas")) return false; }
  return true;
}"""

#: Injected into every document before its own scripts: records, in ms since navigation started, Chromium's paint
#: timing entries ("first-paint", "first-contentful-paint") and the first animation frame in which the page's
#: heading was visible ("heading") and a chart held an svg or canvas ("chart").
MARKS_JS = """(() => {
  if (window.top !== window) return;
  const marks = {};
  window.__benchMarks = marks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!(entry.name in marks)) marks[entry.name] = entry.startTime;
  }).observe({type: "paint", buffered: true});
  const look = (now) => {
    if (!("heading" in marks)) {
      const h = document.querySelector("[data-testid='stMain'] h1");
      if (h && h.textContent.trim() && h.checkVisibility()) marks.heading = now;
    }
    if (!("chart" in marks) && document.querySelector("[data-testid='stVegaLiteChart'] :is(svg, canvas)")) marks.chart = now;
    if (!("heading" in marks && "chart" in marks)) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();"""

#: Paint timing's name for the first frame that shows any text, image or non-white canvas: the end of the blank screen.
FIRST_CONTENT = "first-contentful-paint"

#: "Nothing blank longer than the bare app": a ratio up to this counts as equal. Two identical pages differ by
#: about this much in the median of five runs on a shared 2-core machine.
BLANK_SLACK = 1.1

#: What a browser section opens: page name -> (URL, charts drawn when ready, heading).
Targets = dict[str, tuple[str, int, str]]


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def app_and_bare_servers(bare_script: Path) -> Iterator[tuple[Server, Server, Targets]]:
    """The dashboard and the bare page, each on its own server, with the URL of each page on them."""
    with streamlit_server(APP) as app_server, streamlit_server(bare_script) as bare_server:
        targets = {"bare": (f"{bare_server.url}/", 1, BARE_HEADING)} | {
            entry.name: (app_server.url + entry.url, entry.charts, entry.heading) for entry in PAGES
        }
        yield app_server, bare_server, targets


def open_until_ready(context: Any, section: str, name: str, url: str, charts: int, heading: str) -> tuple[Any, float, float]:
    """A new page of ``context`` at ``url``, once ready (a failed row of ``section`` when it is not drawn in time or
    shows an exception), with ``time.perf_counter()`` when navigation began and when the page was ready."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    page = context.new_page()
    navigated = time.perf_counter()
    page.goto(url, wait_until="commit")
    try:
        page.wait_for_function(READY_JS, arg=[charts, heading], timeout=180_000, polling=25)
    except PlaywrightTimeoutError:
        add(Row(section, f"{name}: page", None, "", result="FAIL", note=f"not drawn within 180 s ({url})"))
    ready = time.perf_counter()
    if page.locator("[data-testid='stException']").count():
        add(Row(section, f"{name}: page", None, "", result="FAIL", note="the page shows an exception"))
    return page, navigated, ready


def painted(browser: Any, section: str, name: str, url: str, charts: int, heading: str) -> dict[str, float]:
    """Open ``url`` in a fresh browser context (nothing cached), wait until it is ready, return its paint marks in
    seconds since navigation, plus "navigated": ``time.perf_counter()`` when navigation began."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        context.add_init_script(MARKS_JS)
        page, navigated, _ = open_until_ready(context, section, name, url, charts, heading)
        marks: dict[str, float] = {k: v / 1000 for k, v in page.evaluate("() => window.__benchMarks || {}").items()}
        return marks | {"navigated": navigated}
    finally:
        context.close()


def mark(samples: list[dict[str, float]], key: str) -> float | None:
    """Median of one mark over several visits (None if a visit lacks it)."""
    values = [s[key] for s in samples if key in s]
    return statistics.median(values) if len(values) == len(samples) and values else None


def paired(section: str, label: str, samples: list[dict[str, float]], bare: list[dict[str, float]], key: str) -> Row:
    """A row for one mark: the median over the runs, and as ratio the median of each run's ratio to the bare app's
    visit of the same run (pairs taken close together in time, so a burst of load elsewhere hits both)."""
    ratios = [s[key] / b[key] for s, b in zip(samples, bare, strict=True) if key in s and key in b and b[key] > 0]
    row = add(Row(section, label, mark(samples, key), "s", mark(bare, key)))
    row.paired = statistics.median(ratios) if len(ratios) == len(samples) and ratios else None
    return row


def bench_browser(bare_script: Path, runs: int) -> None:
    """Section 3: each page until its charts are drawn, against the bare page; each server's memory afterwards."""
    section = "3 browser"
    log("3. pages in headless Chromium")
    with chromium() as browser, app_and_bare_servers(bare_script) as (app_server, bare_server, targets):

        def visit(name: str) -> float:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            try:
                _, navigated, ready = open_until_ready(context, section, name, *targets[name])
                return ready - navigated
            finally:
                context.close()

        for name in targets:  # warm-up: server caches filled, browser started
            visit(name)
        medians = interleaved({name: functools.partial(visit, name) for name in targets}, runs)
        app_rss, bare_rss = rss_mib(app_server.pid), rss_mib(bare_server.pid)
    add(Row(section, "bare page: goto -> chart drawn (baseline)", medians["bare"], "s"))
    for entry in PAGES:
        label = f"{entry.name} page: goto -> {entry.charts} chart(s) drawn"
        row = add(Row(section, label, medians[entry.name], "s", medians["bare"], "<= 1.5x"))
        row.result = judge(row.ratio, 1.5)
    add(Row(section, "server RSS, bare app after its page (baseline)", bare_rss, "MB", result="info"))
    add(Row(section, f"server RSS, dashboard after all {len(PAGES)} pages", app_rss, "MB", bare_rss, result="info"))


def bench_cold_start(bare_script: Path, runs: int) -> None:
    """Section 5: spawn ``streamlit run`` and open the default page as soon as it answers, until its chart is drawn."""
    section = "5 cold start"
    log("5. cold start: server start -> first chart drawn")
    apps = {"bare": (bare_script, BARE_HEADING), "app": (APP, PAGES[0].heading)}
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in apps}
    with chromium() as browser:
        for _ in range(runs):
            for name, (script, heading) in apps.items():  # interleaved: bare, app, bare, app, ...
                with streamlit_server(script) as server:
                    marks = painted(browser, section, name, f"{server.url}/", 1, heading)
                    cpu = cpu_seconds(server.pid)
                since_start = marks.pop("navigated") - server.started
                samples[name].append(
                    {"healthy": server.healthy - server.started, "cpu": cpu, "blank": marks.get(FIRST_CONTENT, math.nan)}
                    | {k: since_start + v for k, v in marks.items()}  # the page's marks, counted from the spawn
                )
    bare = samples["bare"]
    rows = [
        ("healthy", "server start -> /_stcore/health answers", None),
        (FIRST_CONTENT, "server start -> first contentful paint", None),
        ("heading", "server start -> page heading painted", None),
        ("chart", "server start -> first chart drawn", 1.5),
        ("blank", "first visit: navigation -> first contentful paint (blank)", BLANK_SLACK),
    ]
    for key, label, limit in rows:
        add(Row(section, f"bare app: {label} (baseline)", mark(bare, key), "s"))
        row = paired(section, f"dashboard: {label}", samples["app"], bare, key)
        row.target, row.result = ("", "info") if limit is None else (f"<= {limit:g}x", judge(row.ratio, limit))
    add(Row(section, "bare app: server CPU time until its page is ready (baseline)", mark(bare, "cpu"), "s"))
    row = paired(section, "dashboard: server CPU time until its page is ready", samples["app"], bare, "cpu")
    row.result, row.note = "info", "less noisy than wall time on a shared machine: the server's own work"
    row = add(Row(section, "runs", runs, "", result="info"))
    row.note = "of each app, interleaved; each a new server process, opened in a fresh browser context once healthy"


def bench_first_paint(bare_script: Path, runs: int) -> None:
    """Section 6: with warm servers, each page's first paint (navigation -> heading) and blank screen
    (navigation -> first contentful paint) against the bare app's."""
    section = "6 first paint"
    log("6. first paint of each page (warm server, fresh browser context)")
    with chromium() as browser, app_and_bare_servers(bare_script) as (_, _, targets):
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
        for name, target in targets.items():  # warm-up: server caches filled
            painted(browser, section, name, *target)
        for _ in range(runs):
            for name, target in targets.items():
                samples[name].append(painted(browser, section, name, *target))
    bare = samples["bare"]
    add(Row(section, "bare page: navigation -> first contentful paint (baseline)", mark(bare, FIRST_CONTENT), "s"))
    add(Row(section, "bare page: navigation -> heading painted (baseline)", mark(bare, "heading"), "s"))
    blanks: list[Row] = []
    for entry in PAGES:
        for key, label in (("heading", "heading painted"), (FIRST_CONTENT, "first contentful paint (blank)")):
            row = paired(section, f"{entry.name} page: navigation -> {label}", samples[entry.name], bare, key)
            row.target, row.result = f"<= {BLANK_SLACK:g}x", judge(row.ratio, BLANK_SLACK)
            if key == FIRST_CONTENT:
                blanks.append(row)
    known = [r for r in blanks if r.ratio is not None]
    if known:
        worst = max(known, key=lambda r: r.ratio or 0.0)
        row = add(Row(section, f"longest blank of any page ({worst.name.split()[0]})", worst.value, "s", worst.baseline))
        row.paired, row.target, row.result = worst.paired, f"<= {BLANK_SLACK:g}x", worst.result
    row = add(Row(section, "runs", runs, "", result="info"))
    row.note = "per page after one warm-up visit, pages in turn (the bare page first); each visit a fresh browser context"


# ------------------------------------------------------------------------------------------ report


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
        browser = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        browser = "not found"
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "pandera": pandera.__version__,
        "streamlit": streamlit.__version__,
        "altair": altair.__version__,
        "chromium": browser,
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
    if sections & {"3", "5", "6"} and not CHROMIUM.exists():
        add(Row("3, 5, 6 browser", "Chromium", None, "", result="FAIL", note=f"{CHROMIUM} not found"))
        sections -= {"3", "5", "6"}

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
