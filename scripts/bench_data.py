"""Benchmark sections 1 and 4: loading and validating the shipped data, and a generated package of 100,000 observations."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import gen_scale_data
import pandas as pd
from bench_common import APP, PYTHON, ROOT, Row, add, interleaved, judge, log, timed

from indicators.dataset import DATA_DIR_ENV, DEFAULT_DATA_DIR, VERDICTS_ENV, load_dataset
from indicators.registry import COMPARE
from indicators.schemas import SCHEMAS


def read_all_plain(directory: Path) -> list[pd.DataFrame]:
    return [pd.read_csv(directory / f) for f in SCHEMAS]


def total_rows(directory: Path) -> int:
    return sum(len(frame) for frame in read_all_plain(directory))


def load_checked_in_full(directory: Path) -> None:
    """``load_dataset`` with no verdict on disk: every file read strictly and every check run."""
    previous = os.environ.get(VERDICTS_ENV)
    os.environ[VERDICTS_ENV] = ""
    try:
        load_dataset(directory)
    finally:
        if previous is None:
            os.environ.pop(VERDICTS_ENV, None)
        else:
            os.environ[VERDICTS_ENV] = previous


# ------------------------------------------------------------------------------------------ 1. load


def bench_load(runs: int) -> float:
    """Section 1 (``runs`` of each measurement); returns the cold load time per row of the shipped data (seconds)."""
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
    rows = total_rows(directory)
    add(Row(section, f"pandas.read_csv, {len(SCHEMAS)} files (baseline)", medians["plain"], "s", note=f"{rows:,} rows"))
    cold = add(
        Row(
            section,
            "load_dataset cold, content checked before: read, hash, verdict, typed read",
            medians["cold"],
            "s",
            medians["plain"],
            "<= 3x",
        )
    )
    cold.result = judge(cold.ratio, 3.0)
    add(
        Row(
            section,
            "load_dataset, new content: read strictly + every check + keys",
            medians["full"],
            "s",
            medians["plain"],
            result="info",
        )
    )
    add(
        Row(
            section,
            "load_dataset cold, first call in a new process",
            first,
            "s",
            medians["plain"],
            result="info",
            note="includes pandera's one-off backend registration",
        )
    )
    return medians["cold"] / rows


def first_load_in_new_process(directory: Path) -> float:
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from indicators.dataset import load_dataset
        start = time.perf_counter()
        load_dataset({str(directory)!r})
        print(time.perf_counter() - start)
    """)
    out = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------ 4. scale


def chart_rows(chart: Any) -> int:
    """Data rows Streamlit sends for one chart (its datasets travel as Arrow, beside the spec)."""
    import pyarrow as pa

    inline = sum(len(v) for v in json.loads(chart.proto.spec).get("datasets", {}).values())
    arrow_rows: int = sum(pa.ipc.open_stream(d.data.data).read_all().num_rows for d in chart.proto.datasets)
    return inline + arrow_rows


def bench_scale(shipped_per_row: float | None, runs: int) -> None:
    """Section 4 (``runs`` of each timing), the time per row against ``shipped_per_row`` from section 1 when it ran."""
    from streamlit.testing.v1 import AppTest

    section = "4 scale"
    log("4. a generated package of 100,000 observations")
    with tempfile.TemporaryDirectory(prefix="sco-scale-") as tmp:
        directory = Path(tmp) / "data"
        generated = timed(lambda: gen_scale_data.generate(directory))
        counts = {f: len(frame) for f, frame in zip(SCHEMAS, read_all_plain(directory), strict=True)}
        rows = sum(counts.values())
        add(
            Row(
                section,
                "generate the package (scripts/gen_scale_data.py)",
                generated,
                "s",
                result="info",
                note=f"{counts['observations.csv']:,} observations, {counts['countries.csv']} countries and groups, {rows:,} rows",
            )
        )
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

        previous = os.environ.get(DATA_DIR_ENV)
        os.environ[DATA_DIR_ENV] = str(directory)
        try:
            at = AppTest.from_file(str(APP), default_timeout=300)
            at.run()
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
                add(
                    Row(
                        section,
                        f"compare page on it: {label}",
                        seconds,
                        "s",
                        result="OK" if good else "FAIL",
                        note=f"1 chart drawn, no exception ({rows_drawn:,} data rows sent to the chart)"
                        if good
                        else "; ".join(problems)[:300] or f"{len(charts)} charts",
                    )
                )
        finally:
            if previous is None:
                os.environ.pop(DATA_DIR_ENV, None)
            else:
                os.environ[DATA_DIR_ENV] = previous
