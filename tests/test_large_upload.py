"""Large uploads: caches keyed on the upload's content, every page runs at the row cap, a session's views kept apart.

On main, views were cached with the uploaded rows as an argument, which Streamlit hashes by a 10,000-row sample
once a frame has 50,000 rows or more: a corrected upload showed the old figure, and another session could be shown
the first one's. And a chart of more than 5,000 added figures stopped the page with Altair's MaxRowsError.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from indicators.pages.registry import PAGES, page_named

ROOT = Path(__file__).parents[1]
HEADER = (ROOT / "data" / "observations.csv").read_text(encoding="utf-8").splitlines()[0]
CITATION = "Jane Doe, Many figures (2026)."
SIX = ("CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB")


def rows(count: int, indicator: str, countries: tuple[str, ...] = SIX) -> list[str]:
    """``count`` valid rows of ``indicator``: every country and year 1800-2100, then again under a new source."""
    keys = ((s, c, y) for s in itertools.count() for c in countries for y in range(1800, 2101))
    return [
        f"{c},{indicator},{y},{1000 + y},exact,,,reported,mine_{s},table {s}.{y},,," for s, c, y in itertools.islice(keys, count)
    ]


def upload(lines: list[str]) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode()


def corrected_pair() -> tuple[bytes, bytes]:
    """Two 60,000-row files that differ in one row near the end: Kazakhstan's 2020 population (the only population row)."""
    filler = rows(59_999, "armed_forces")
    one = "KAZ,population,2020,{},exact,,,reported,mine_kaz,table 9,,,"
    return upload([*filler[:59_000], one.format(18_700_000), *filler[59_000:]]), upload(
        [*filler[:59_000], one.format(19_900_000), *filler[59_000:]]
    )


def _session() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)


def _add(at: AppTest, data: bytes, name: str = "mine.csv") -> None:
    at.switch_page(page_named("data").app_path)
    at.run()
    at.text_input(key="data_upload_citation").input(CITATION)
    at.get("file_uploader")[0].set_value((name, data, "text/csv"))  # type: ignore[union-attr]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("figures added for this browser session" in s.value for s in at.success), [e.value for e in at.error]


def _kaz_population(at: AppTest) -> str:
    at.query_params["indicator"] = "population"
    at.query_params["countries"] = "KAZ"
    at.switch_page(page_named("compare").app_path)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    table = at.dataframe[0].value
    mine = table[table["Basis"] == "added by you"]
    assert len(mine) == 1, table.to_string()
    return mine.to_string()


def test_a_corrected_upload_shows_its_own_figure_in_one_session_and_in_two() -> None:
    first, corrected = corrected_pair()
    at = _session()
    _add(at, first)
    assert "18,700,000" in _kaz_population(at)
    _add(at, corrected)
    assert "19,900,000" in _kaz_population(at)
    other = _session()
    _add(other, first)
    assert "18,700,000" in _kaz_population(other)
    assert "19,900,000" in _kaz_population(at)


@pytest.mark.parametrize("count", [6_000, 250_000])
def test_every_page_runs_with_a_large_upload(count: int) -> None:
    # Population of the six founding members, every year from 1800: on Compare and Over time, all of them at once
    # (on main: Altair's MaxRowsError past 5,000 rows, and the page showed only an error).
    at = _session()
    _add(at, upload(rows(count, "population")))
    for page in PAGES:
        at.query_params.clear()
        if page.name in ("compare", "over_time"):
            at.query_params["indicator"] = "population"
            at.query_params["countries"] = ",".join(SIX)
        at.switch_page(page.app_path)
        at.run()
        assert not at.exception, (page.name, [e.message for e in at.exception])
        assert [t.value for t in at.title][:1] == [page.heading], page.name
        if page.name in ("compare", "over_time"):
            said = " ".join(str(n.value) for n in at.info)
            assert f"The chart draws the first 1,000 of your {count:,} figures" in said, (page.name, said)
            assert len(at.get("vega_lite_chart")) >= 1, page.name
