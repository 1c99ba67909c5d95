"""Benchmark sections 3, 5 and 6, in headless Chromium: each page until its charts are drawn, the cold start of a
server until its first chart, and the first paint of each page; each against the bare page on its own server."""

from __future__ import annotations

import functools
import math
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import browser_support
from bench_common import APP, BARE_HEADING, ROOT, Row, add, interleaved, judge, log
from bench_server import Server, rss_mb, server_cpu, streamlit_server

from indicators.pages.registry import PAGES

CHROMIUM = str(browser_support.CHROMIUM)  # one definition of the browser and its flags, shared with tests/browser
CHROMIUM_ARGS = browser_support.CHROMIUM_ARGS

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


def chromium_found(section: str) -> bool:
    """Whether the browser is there; a failed row of ``section`` when it is not."""
    if Path(CHROMIUM).exists():
        return True
    add(Row(section, "Chromium", None, "", result="FAIL", note=f"{CHROMIUM} not found"))
    return False


#: What a browser section opens: page name -> (URL, charts drawn when ready, heading).
Targets = dict[str, tuple[str, int, str]]


@contextmanager
def app_and_bare_servers(bare_script: Path) -> Iterator[tuple[Server, Server, Targets]]:
    """The dashboard and the bare page, each on its own server, with the URL of each page on them."""
    with (
        streamlit_server(APP, ROOT) as app_server,
        streamlit_server(bare_script, bare_script.parent) as bare_server,
    ):
        targets = {"bare": (f"{bare_server.url}/", 1, BARE_HEADING)} | {
            entry.name: (app_server.url + entry.url, entry.charts, entry.heading) for entry in PAGES
        }
        yield app_server, bare_server, targets


def bench_browser(bare_script: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    section = "3 browser"
    log("3. pages in headless Chromium")
    if not chromium_found(section):
        return
    with app_and_bare_servers(bare_script) as (app_server, bare_server, targets):
        with sync_playwright() as p:
            browser = launch_chromium(p)

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
            browser.close()
        app_rss, bare_rss = rss_mb(app_server.pid), rss_mb(bare_server.pid)
    add(Row(section, "bare page: goto -> chart drawn (baseline)", medians["bare"], "s"))
    for entry in PAGES:
        row = add(
            Row(
                section,
                f"{entry.name} page: goto -> {entry.charts} chart(s) drawn",
                medians[entry.name],
                "s",
                medians["bare"],
                "<= 1.5x",
            )
        )
        row.result = judge(row.ratio, 1.5)
    add(Row(section, "server RSS, bare app after its page (baseline)", bare_rss, "MB", result="info"))
    add(Row(section, f"server RSS, dashboard after all {len(PAGES)} pages", app_rss, "MB", bare_rss, result="info"))


# ------------------------------------------------------------------------------------------ 5, 6. first screen

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


def launch_chromium(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


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


def bench_cold_start(bare_script: Path, runs: int) -> None:
    """Section 5: spawn ``streamlit run`` and open the default page as soon as it answers, until its chart is drawn."""
    from playwright.sync_api import sync_playwright

    section = "5 cold start"
    log("5. cold start: server start -> first chart drawn")
    if not chromium_found(section):
        return
    apps = {"bare": (bare_script, bare_script.parent, BARE_HEADING), "app": (APP, ROOT, PAGES[0].heading)}
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in apps}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        for _ in range(runs):
            for name, (script, cwd, heading) in apps.items():  # interleaved: bare, app, bare, app, ...
                with streamlit_server(script, cwd) as server:
                    marks = painted(browser, section, name, f"{server.url}/", 1, heading)
                    cpu = server_cpu(server.pid)
                since_start = marks.pop("navigated") - server.started
                samples[name].append(
                    {"healthy": server.healthy - server.started, "cpu": cpu, "blank": marks.get(FIRST_CONTENT, math.nan)}
                    | {k: since_start + v for k, v in marks.items()}  # the page's marks, counted from the spawn
                )
        browser.close()
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


#: "Nothing blank longer than the bare app": a ratio up to this counts as equal. Two identical pages differ by
#: about this much in the median of five runs on a shared 2-core machine.
BLANK_SLACK = 1.1


def bench_first_paint(bare_script: Path, runs: int) -> None:
    """Section 6: with warm servers, each page's first paint (navigation -> heading) and blank screen
    (navigation -> first contentful paint) against the bare app's."""
    from playwright.sync_api import sync_playwright

    section = "6 first paint"
    log("6. first paint of each page (warm server, fresh browser context)")
    if not chromium_found(section):
        return
    with app_and_bare_servers(bare_script) as (_, _, targets), sync_playwright() as p:
        browser = launch_chromium(p)
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
        for name, target in targets.items():  # warm-up: server caches filled
            painted(browser, section, name, *target)
        for _ in range(runs):
            for name, target in targets.items():
                samples[name].append(painted(browser, section, name, *target))
        browser.close()
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
