"""AppTest: every page runs, shows its own heading, and behaves (widgets change what is shown)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from indicators import load_dataset
from indicators.export import csv_bytes
from indicators.pages.registry import PAGES, PAGES_DIR, Page, page_named
from indicators.views import compare_frame, compare_table, member_codes, meta

ROOT = Path(__file__).parents[1]
APP = str(ROOT / "app.py")


def open_page(name: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    page = page_named(name)
    if not page.default:
        at.switch_page(page.app_path)
    at.run()
    return at


def charts(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def title_of(spec: dict[str, Any]) -> str:
    return str(spec["title"]["text"])


def rows(at: AppTest, index: int = 0) -> list[dict[str, Any]]:
    """Every data row of a chart (Streamlit ships the chart's datasets as Arrow)."""
    element = at.get("vega_lite_chart")[index]
    out: list[dict[str, Any]] = []
    for named in element.proto.datasets:
        out.extend(pa.ipc.open_stream(named.data.data).read_all().to_pylist())
    return out


def test_every_page_script_is_registered_once() -> None:
    helpers = {"__init__.py", "common.py", "registry.py"}
    scripts = sorted(p.name for p in PAGES_DIR.glob("*.py") if p.name not in helpers)
    assert sorted(page.script for page in PAGES) == scripts
    assert all(page.path.is_file() for page in PAGES)
    assert len({page.url_path for page in PAGES}) == len({page.name for page in PAGES}) == len(PAGES)
    assert [page.url for page in PAGES if page.default] == ["/"]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_runs_with_its_heading_and_charts(page: Page) -> None:
    at = open_page(page.name)
    assert not at.exception
    assert [t.value for t in at.title] == [page.heading]
    assert len(at.get("vega_lite_chart")) == page.charts


def test_changing_the_indicator_changes_the_chart_and_the_url() -> None:
    at = open_page("compare")
    before = charts(at)[0]
    assert title_of(before) == "GDP: SCO founding members"
    at.selectbox(key="compare_indicator").set_value("population").run()
    after = charts(at)[0]
    assert title_of(after) == "Population: SCO founding members"
    assert at.query_params["indicator"] == "population"
    labels = {row.get("label") for row in rows(at)}
    assert {"< 15 million", "about 5 million"} <= labels


def test_members_without_a_figure_are_not_drawn_and_are_listed() -> None:
    at = open_page("compare")
    spec = charts(at)[0]
    drawn = {row["country"] for row in rows(at) if row.get("bar_end") is not None}
    assert drawn == {"Kazakhstan", "Kyrgyzstan", "Tajikistan"}
    assert "Not stated in the essay: China, Russia, Uzbekistan." in spec["title"]["subtitle"]
    text = " ".join(m.value for m in at.markdown)
    assert "**Not stated in the essay:** China, Russia, Uzbekistan." in text


def test_csv_download_is_the_table_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    stored: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self: MemoryMediaFileStorage, path_or_data: Any, mimetype: str, kind: Any, filename: str | None = None) -> str:
        file_id = original(self, path_or_data, mimetype, kind, filename)
        if isinstance(path_or_data, bytes):
            stored[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    at = open_page("compare", indicator="armed_forces")
    button = next(b for b in at.get("download_button") if b.proto.label == "CSV")
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    ds = load_dataset()
    expected = compare_table(compare_frame(ds, "armed_forces", member_codes(ds)), meta(ds, "armed_forces"))
    assert stored[file_id] == csv_bytes(expected)
    assert stored[file_id].startswith(b"\xef\xbb\xbf")
    shown = at.dataframe[0].value
    assert list(shown.columns) == list(expected.columns)
    assert shown["Figure"].tolist() == expected["Figure"].tolist()


def test_view_is_restored_from_the_url() -> None:
    at = open_page("compare", indicator="armed_forces", countries="KAZ,KGZ", log="1")
    assert at.selectbox(key="compare_indicator").value == "armed_forces"
    assert at.multiselect(key="compare_countries").value == ["KAZ", "KGZ"]
    assert at.toggle(key="compare_log").value is True
    spec = charts(at)[0]
    assert title_of(spec) == "Armed forces: SCO founding members"
    x_scales = [((layer.get("encoding") or {}).get("x") or {}).get("scale") or {} for layer in _layers(spec)]
    assert {"log"} == {scale.get("type") for scale in x_scales if scale.get("domain")}
    assert at.get("vega_lite_chart")[0].proto.alt.startswith("Bar chart of Armed forces")


def _layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    stack = [spec]
    while stack:
        node = stack.pop()
        found.append(node)
        for key in ("layer", "vconcat", "hconcat"):
            stack.extend(node.get(key, []))
    return found


def test_reference_overlay_adds_world_bank_values() -> None:
    at = open_page("compare", indicator="population", reference="1", year="2002")
    data = rows(at)
    ref = [r for r in data if r.get("formula") == "as recorded"]
    assert {r["country"] for r in ref} == {"China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan"}
    assert any("World Bank value, 2002" in str(r.get("text", "")) for r in data)


def test_empty_selection_gives_a_message_not_an_error() -> None:
    at = open_page("compare")
    at.multiselect(key="compare_countries").set_value([]).run()
    assert not at.exception
    assert at.info
    assert "No member selected" in at.info[0].value
    assert not at.get("vega_lite_chart")


def test_share_of_total_names_how_many_members_were_counted() -> None:
    at = open_page("compare", indicator="members_share", share_of="population")
    spec = charts(at)[0]
    assert any("summed over the 3 members with a figure" in s for s in spec["title"]["subtitle"])


def test_borders_can_hide_group_borders() -> None:
    at = open_page("borders")
    pairs = {r["pair"] for r in rows(at) if r.get("pair")}
    assert "China – USSR (group)" in pairs
    at.toggle(key="borders_groups").set_value(False).run()
    pairs = {r["pair"] for r in rows(at) if r.get("pair")}
    assert pairs == {"Kazakhstan – China", "Tajikistan – Afghanistan"}
    assert at.query_params["groups"] == "0"


def test_energy_page_shows_the_arithmetic() -> None:
    at = open_page("energy")
    table = at.dataframe[0].value
    results = table["Result"].tolist()
    assert results == ["300–400 Mt (derived)", "11.5% a year", "16.2% a year"]
    at.toggle(key="energy_crude").set_value(False).run()
    assert len(at.get("vega_lite_chart")) == 1


def test_data_page_filters_and_reports_consistency() -> None:
    at = open_page("data", table="borders.csv")
    assert at.subheader[0].value == "Border lengths"
    assert len(at.dataframe[0].value) == 5
    at.text_input(key="data_search").set_value("Afghanistan").run()
    assert len(at.dataframe[0].value) == 1
    report = at.dataframe[1].value
    assert (report["status"] == "disagrees").sum() == 2


def test_invalid_data_shows_the_problem_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "data"
    shutil.copytree(ROOT / "data", broken)
    path = broken / "observations.csv"
    text = path.read_text(encoding="utf-8").replace("KAZ,armed_forces,2002,66000", "KAZ,armed_forces,2002,lots", 1)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SCO_DATA_DIR", str(broken))
    at = open_page("compare")
    assert not at.exception
    assert at.error
    assert "did not validate: 1 problem(s)" in at.error[0].value
    problems = at.dataframe[0].value
    assert problems[["file", "row", "column"]].values.tolist() == [["observations.csv", 3, "value"]]
    assert path.read_text(encoding="utf-8") == text
