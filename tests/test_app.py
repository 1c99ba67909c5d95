"""AppTest: every page runs, shows its own heading, and behaves (widgets change what is shown)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from indicators import DEFAULT_DATA_DIR, load_dataset
from indicators.charts import notes_of
from indicators.charts import title_of as spec_title
from indicators.outputs.export import csv_bytes
from indicators.pages.loading import load
from indicators.pages.registry import PAGES, PAGES_DIR, Page
from indicators.schemas import SCHEMAS
from indicators.views.compare import CompareSettings, compare_view
from tests.support import ROOT, open_page


def charts(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def title_of(spec: dict[str, Any]) -> str:
    return spec_title(spec)


def rows(at: AppTest, index: int = 0) -> list[dict[str, Any]]:
    """Every data row of a chart (Streamlit ships the chart's datasets as Arrow)."""
    element = at.get("vega_lite_chart")[index]
    out: list[dict[str, Any]] = []
    for named in element.proto.datasets:
        out.extend(pa.ipc.open_stream(named.data.data).read_all().to_pylist())
    return out


def test_every_page_script_is_registered_once() -> None:
    helpers = {
        "__init__.py",
        "registry.py",
        *(f"{m}.py" for m in ("cached", "common", "downloads", "failures", "loading", "own", "urlstate", "widgets")),
    }
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
    assert title_of(before) == "GDP: the 6 SCO members of 2003, values for 2002"
    at.selectbox(key="compare_indicator").set_value("population").run()
    after = charts(at)[0]
    assert title_of(after) == "Population: the 6 SCO members of 2003, values for 2002"
    assert at.query_params["indicator"] == "population"
    labels = {row.get("label") for row in rows(at)}
    assert {"< 15 million", "about 5 million"} <= labels


def test_members_without_a_figure_are_not_drawn_and_are_listed() -> None:
    at = open_page("compare")
    spec = charts(at)[0]
    drawn = {row["country"] for row in rows(at) if row.get("bar_end") is not None}
    assert drawn == {"Kazakhstan", "Kyrgyzstan", "Tajikistan"}
    assert "No figure given: China, Russia, Uzbekistan." in notes_of(spec)
    text = " ".join(m.value for m in at.markdown)
    assert "**No figure given:** China, Russia, Uzbekistan." in text


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
    expected = compare_view(ds, CompareSettings("armed_forces", tuple(ds.members_in(2003)), "population", 2003)).table
    assert stored[file_id] == csv_bytes(expected)
    assert stored[file_id].startswith(b"\xef\xbb\xbf")
    shown = at.dataframe[0].value
    assert list(shown.columns) == list(expected.columns)
    assert shown["Figure"].tolist() == expected["Figure"].tolist()


def test_view_is_restored_from_the_url() -> None:
    at = open_page("compare", indicator="armed_forces", countries="KAZ,KGZ", log="1")
    assert at.selectbox(key="compare_indicator").value == "armed_forces"
    assert at.multiselect(key="compare_countries_2003").value == ["KAZ", "KGZ"]
    assert at.toggle(key="compare_log").value is True
    spec = charts(at)[0]
    assert title_of(spec) == "Armed forces: Kazakhstan and Kyrgyzstan, values for 2002"
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
    ref = [r for r in data if str(r.get("formula", "")).startswith("as recorded")]
    assert {r["country"] for r in ref} == {"China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan"}
    assert any("record (World Bank), 2002: not the essay" in str(v) for r in data for v in r.values())


def test_empty_selection_gives_a_message_not_an_error() -> None:
    at = open_page("compare")
    at.multiselect(key="compare_countries_2003").set_value([]).run()
    assert not at.exception
    assert at.info
    assert "No member selected" in at.info[0].value
    assert not at.get("vega_lite_chart")


def test_share_of_total_names_the_members_summed() -> None:
    at = open_page("compare", indicator="members_share", share_of="population")
    spec = charts(at)[0]
    # Three of the six members of 2003 have a population figure: the title says so itself, not only a footer line.
    assert title_of(spec) == "Population share of the total of the 3 of 6 members with a figure, values for 2002"
    assert any(line.startswith("Total over: Kazakhstan, Kyrgyzstan and Tajikistan.") for line in notes_of(spec))


def test_sco_year_menu_brings_that_years_members() -> None:
    """The menu and the link agree: choosing 2024 in the menu shows 2024's ten members, as /?as_of=2024 does."""
    ds = load_dataset()
    at = open_page("compare")
    at.selectbox(key="compare_as_of").select(2024).run()
    assert not at.exception
    assert at.multiselect(key="compare_countries_2024").value == ds.members_in(2024)
    assert title_of(charts(at)[0]).startswith("GDP: the 10 SCO members of 2024")
    linked = open_page("compare", as_of="2024")
    assert linked.multiselect(key="compare_countries_2024").value == ds.members_in(2024)


def test_gdp_of_the_2024_members_on_the_records_latest_year_in_two_choices() -> None:
    ds = load_dataset()
    at = open_page("compare")
    at.selectbox(key="compare_as_of").select(2024).run()
    at.radio(key="compare_values").set_value("record").run()
    assert not at.exception
    spec = charts(at)[0]
    latest = max(int(y) for y in ds.reference.loc[ds.reference["indicator_id"] == "gdp_usd", "year"])
    assert title_of(spec) == f"GDP: the 10 SCO members of 2024, the record's values for {latest}"
    data = rows(at)
    bars = {r["country"] for r in data if r.get("basis") == "record" and r.get("label")}
    assert len(bars) == 10  # every member a labelled bar, China and Russia included
    assert all(str(r["label"]).endswith("(record)") for r in data if r.get("basis") == "record" and r.get("label"))
    # The essay's figures stay beside them, told apart by label; the table (and so its CSV) has both.
    assert any("(the essay, 2002)" in str(r.get("label", "")) for r in data)
    table = at.dataframe[0].value
    assert {"record", "stated"} <= set(table["Basis"])
    assert at.query_params["values"] == "record"
    assert at.query_params["year"] == str(latest)


def test_record_values_of_armed_forces_are_refused() -> None:
    at = open_page("compare", indicator="armed_forces", values="record", as_of="2024")
    assert not at.exception
    assert not at.get("vega_lite_chart")
    assert any("would compare unlike things" in w.value for w in at.warning)


def test_an_edited_member_list_is_kept_with_a_reset_to_the_years_members() -> None:
    ds = load_dataset()
    at = open_page("compare")
    assert not [b for b in at.button if b.key == "compare_reset_members"]  # the list is the year's: nothing to reset
    at.multiselect(key="compare_countries_2003").set_value(["KAZ", "KGZ"]).run()
    at.selectbox(key="compare_as_of").select(2024).run()
    assert at.multiselect(key="compare_countries_2024").value == ["KAZ", "KGZ"]
    at.button(key="compare_reset_members").click().run()
    assert not at.exception
    assert at.multiselect(key="compare_countries_2024").value == ds.members_in(2024)


def test_a_share_with_gaps_offers_filling_them_in_the_main_area() -> None:
    at = open_page("compare", indicator="members_share", share_of="population")
    at.button(key="compare_fill").click().run()
    assert not at.exception
    assert at.toggle(key="compare_complete").value
    spec = charts(at)[0]
    assert title_of(spec) == "Population: each member's share of the total of 6 members, values for 2002"
    labels = {str(r["label"]) for r in rows(at) if r.get("label")}
    # Shares under 1% keep the digit they need; ranges whose ends print alike print once.
    assert not any(label.startswith("0%") or "0–0%" in label or "10–10%" in label for label in labels)
    assert any(label.startswith("0.3%") for label in labels)


def test_share_of_one_member_is_refused() -> None:
    at = open_page("compare", indicator="members_share", share_of="gdp_usd", countries="KAZ,CHN")
    assert not at.get("vega_lite_chart")
    assert "only Kazakhstan has one" in at.warning[0].value


def test_unknown_link_values_leave_a_notice_and_keep_the_rest() -> None:
    at = open_page("compare", indicator="nonsense", countries="KAZ,KGZ")
    assert not at.exception
    assert any("indicator 'nonsense' is unknown; showing GDP" in i.value for i in at.info)
    assert at.multiselect(key="compare_countries_2003").value == ["KAZ", "KGZ"]


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
    # (150 / 70) ** (1 / 8) - 1 = 10.0% and (200 / 70) ** (1 / 8) - 1 = 14.0% from 2002, the default reading, in whole
    # percents; with "about 70" as 63-77 Mt: (150 / 77) ** (1 / 8) - 1 = 8.7% to (150 / 63) ** (1 / 8) - 1 = 11.4%.
    demand = "about 300–400 Mt (273–444 Mt with “about” as ±10%; derived)"
    both = "10–14% a year from 2002; 12–16% a year from 2003"
    assert results == [
        demand,
        "about 10% a year (9–11% with “about 70 Mt” as 63–77 Mt)",
        "about 14% a year (13–16% with “about 70 Mt” as 63–77 Mt)",
        both,
    ]
    assert "about 240 Mt of crude oil (238 Mt at 7.32–7.33 barrels a tonne)" in " ".join(m.value for m in at.markdown)
    at.radio(key="energy_base_year").set_value(2003).run()
    # from 2003: (150 / 70) ** (1 / 7) - 1 = 11.5% and (200 / 70) ** (1 / 7) - 1 = 16.2%
    assert at.dataframe[0].value["Result"].tolist() == [
        demand,
        "about 12% a year (10–13% with “about 70 Mt” as 63–77 Mt)",
        "about 16% a year (15–18% with “about 70 Mt” as 63–77 Mt)",
        both,
    ]
    assert at.query_params["base_year"] == "2003"
    at.toggle(key="energy_crude").set_value(False).run()
    assert len(at.get("vega_lite_chart")) == 1


def test_energy_page_shows_the_present_figure_against_gross_and_net_crude() -> None:
    at = open_page("energy")
    match = at.dataframe[1].value.set_index("Year read")
    # 2002: gross 1,394 kb/d = 69.4 Mt (agrees with "about 70"); net 1,240 kb/d = 61.7 Mt (11.8% off: disagrees)
    assert (match.loc["2002", "Verdict"], match.loc["2002", "Verdict (net)"]) == ("agrees", "disagrees")
    assert str(match.loc["2002", "Net crude imports"]).startswith("61.7 Mt")


def test_barrels_per_tonne_changes_the_outcome() -> None:
    at = open_page("energy")
    at.number_input(key="energy_bpt").set_value(7.0).run()
    # 4,773.176 kb/d x 365 / 7.0 / 1000 = 248.9 Mt, to the nearest 5: about 250; at 7.33: 237.7 Mt
    assert "about 250 Mt of crude oil (238–249 Mt at 7.00–7.33 barrels a tonne)" in " ".join(m.value for m in at.markdown)
    assert at.query_params["bpt"] == "7"


def test_data_page_filters_and_reports_consistency() -> None:
    at = open_page("data", table="borders.csv")
    assert [s.value for s in at.subheader[:2]] == ["Add your own figures", "Border lengths"]
    assert len(at.dataframe[0].value) == 5
    at.text_input(key="data_search").set_value("Afghanistan").run()
    assert len(at.dataframe[0].value) == 1
    # The consistency report: the table with a Status column (the membership table comes before it).
    report = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert (report["Status"] == "disagrees").sum() == 2
    assert "**1 inconsistency**" in " ".join(m.value for m in at.markdown)


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
    assert any("observations.csv, row 3, column value: not a number" in m.value.replace("\\", "") for m in at.markdown)
    problems = at.dataframe[0].value
    assert problems[["File", "Line", "Column"]].values.tolist() == [["observations.csv", 3, "value"]]
    assert path.read_text(encoding="utf-8") == text


def test_record_over_time_draws_the_record_with_the_essay_on_it() -> None:
    at = open_page("over_time", indicator="population", countries="KAZ,TJK,IND")
    assert not at.exception
    spec = charts(at)[0]
    assert title_of(spec) == "Population, 1990–2024: the record, with the essay's figures"
    data = rows(at)
    essay = {(r["country"], r["label"]) for r in data if r.get("basis") == "stated"}
    assert essay == {("Kazakhstan", "< 15 million"), ("Tajikistan", "about 5 million")}
    events = {r["text"] for r in data if "text" in r and " 20" in str(r["text"])}
    assert {"India becomes observer 2005", "India joins 2017", "Kazakhstan and Tajikistan join 2001"} <= events
    table = at.dataframe[0].value
    assert set(table["Source kind"]) == {"record", "essay (stated)"}
    # India's population is more than 20 times Tajikistan's: a log scale by itself, and no scale in the link.
    assert "log" not in at.query_params
    assert {"log"} == {s.get("type") for s in y_scales(spec)}
    at.selectbox(key="over_time_log").set_value(False).run()
    assert at.query_params["log"] == "0"
    assert "log" not in {s.get("type") for s in y_scales(charts(at)[0])}


def y_scales(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The y scales of a chart's layers (the membership labels' pixel positions have none)."""
    encodings = [layer.get("encoding", {}) for layer in spec["layer"]]
    return [e["y"]["scale"] for e in encodings if "y" in e and e["y"].get("scale")]


def test_record_over_time_derives_gdp_per_capita_with_its_formula() -> None:
    at = open_page("over_time", indicator="gdp_per_capita_usd", countries="KGZ")
    lines = [r for r in rows(at) if str(r.get("formula", "")).startswith("GDP per capita = record gdp_usd / record population")]
    assert lines
    # KGZ 2002 from the record: GDP / population, computed by hand from reference.csv
    ds = load_dataset()
    ref = ds.reference.query("country_code == 'KGZ' and year == 2002").set_index("indicator_id")["value"]
    expected = ref["gdp_usd"] / ref["population"]
    got = next(r["y"] for r in lines if r["year"] == 2002)
    assert got == pytest.approx(expected)


@pytest.mark.parametrize("name", [p.name for p in PAGES])
def test_tables_show_no_none_or_nan(name: str) -> None:
    at = open_page(name)
    frames = [d.value for d in at.dataframe]
    assert frames or name in ("compare", "present")  # the present page is a chart and its text, no table
    for frame in frames:
        cells = {str(v) for column in frame.columns for v in frame[column].tolist()}
        assert not cells & {"None", "nan", "NaN", "<NA>", "NaT"}, (name, cells & {"None", "nan", "NaN", "<NA>", "NaT"})
        assert not any(str(c).islower() and "_" in str(c) for c in frame.columns), frame.columns  # human headers


def test_every_page_leaves_the_shared_dataset_as_loaded() -> None:
    """The loaded Dataset is one object shared by every session (st.cache_resource): no page may change it."""
    for page in PAGES:
        open_page(page.name).run()
    open_page("compare", as_of="2024", values="record").run()
    open_page("over_time", indicator="population", countries="CHN,RUS,KAZ").run()
    shared, fresh = load(str(DEFAULT_DATA_DIR)), load_dataset(DEFAULT_DATA_DIR)
    for name in [*SCHEMAS, "own"]:
        pd.testing.assert_frame_equal(shared.table(name), fresh.table(name), obj=name)
