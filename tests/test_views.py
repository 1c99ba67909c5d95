"""Page views: one pure call per page and setting; the map's shapes as shipped, and the script that makes them."""

from __future__ import annotations

import importlib.util
import json
import pickle
from pathlib import Path
from types import ModuleType
from typing import Any

import altair as alt
import pandas as pd
import pytest
import shapely
import topojson.ops
import topojson.utils
from shapely.geometry import shape

from indicators import charts, load_dataset
from indicators.load.dataset import DEFAULT_DATA_DIR, Dataset
from indicators.views.base import NOT_GIVEN, Figure, essay_year, figures_year, has_record
from indicators.views.borders import borders_view, map_roles
from indicators.views.compare import CompareSettings, compare_frame, compare_menu, compare_view, values_year
from indicators.views.data import data_view, table_view
from indicators.views.energy import energy_view
from indicators.views.over_time import OverTimeSettings, offered, over_time_view, record_countries

SOURCE_TOPOLOGY = DEFAULT_DATA_DIR / "geo" / "sco_region_50m.topo.json"
TOPOLOGY = DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def test_every_chart_view_leads_with_a_computed_finding(ds: Dataset) -> None:
    founders = tuple(ds.members_in(2003))
    gdp = compare_view(ds, CompareSettings("gdp_usd", founders, "population", 2003))
    # Kazakhstan's "about US$24.4 billion" over Tajikistan's US$1.1 billion: rounded, and said to be about.
    assert gdp.finding == (
        "GDP (the 3 of 6 members with a figure): largest Kazakhstan, about US$24.4 billion; smallest Tajikistan, US$1.1 billion: about 22 times as large."
    )
    # A "less than" figure gives no floor: the ratio is only bounded above.
    people = compare_view(ds, CompareSettings("population", founders, "population", 2003))
    assert people.finding.endswith("less than 3 times as large.")
    over = over_time_view(ds, OverTimeSettings("population", ("KAZ",)))
    assert over.finding.startswith("Population in the record, 2002 (the essay's figures) to ")
    assert "for Kazakhstan" in over.finding
    # Like with like: two-country borders compared, a group border named apart.
    borders = borders_view(ds, True).finding
    assert borders.startswith("Borders between two countries the essay states: longest Kazakhstan – China, 1,700 km")
    assert "about 1.7 times as long." in borders
    assert borders.endswith("(the longest: China – USSR (group), 7,300 km in 1989).")
    energy = energy_view(ds, crude=False)
    assert energy.finding == energy.outcome != ""


def test_compare_view_is_plain_data(ds: Dataset) -> None:
    view = compare_view(ds, CompareSettings("population", ("CHN", "KAZ", "TJK"), "population", 2003))
    assert view.figure is not None
    assert charts.title_of(view.figure.spec) == "Population: China, Kazakhstan and Tajikistan, values for 2002"
    assert view.missing == ["China"]
    assert [c.value for c in view.cards] == ["< 15 million", "about 5 million"]
    assert view.unit_column == "Value (persons)"
    assert pickle.loads(pickle.dumps(view)).table.equals(view.table)  # st.cache_data pickles what it keeps


def test_compare_menu_holds_what_the_page_offers(ds: Dataset) -> None:
    """The compare page's sidebar reads this once per dataset instead of scanning tables on every rerun."""
    menu = compare_menu(ds)
    assert menu.indicators[0] == "gdp_usd"
    assert "members_share" in menu.shares
    assert menu.essay_year == essay_year(ds) == 2003
    assert menu.figures_year == figures_year(ds)
    assert menu.essay_year in menu.as_of_years
    for year in menu.as_of_years:
        assert list(menu.members[year]) == ds.members_in(year)
        assert menu.as_of_labels[year].startswith(f"{year}: {len(ds.members_in(year))} ")
        # Short enough for the sidebar's menu (it cut "2003: 6 members (as the essay sa…").
        assert len(menu.as_of_labels[year]) <= 30
    assert menu.as_of_labels[2003] == "2003: 6 founders (the essay's)"
    assert menu.with_record == {i.id for i in ds.registry.values() if has_record(ds, i)}
    ref = ds.reference
    assert list(menu.record_years["population"]) == sorted({int(y) for y in ref.loc[ref["indicator_id"] == "population", "year"]})
    # a ratio the record has no series of its own for offers its numerator's years
    assert menu.record_years["gdp_per_capita_usd"] == menu.record_years["gdp_usd"]
    assert pickle.loads(pickle.dumps(menu)) == menu  # st.cache_data pickles what it keeps


def every_view_figure(ds: Dataset) -> list[Figure]:
    """The figure of every view in every setting that changes a chart's shape (not every member subset)."""
    members = tuple(ds.members_in(2003))
    figures = []
    menu = compare_menu(ds)
    for indicator in menu.indicators:
        for share_of in menu.bases if indicator in menu.shares else menu.bases[:1]:
            for complete, reference, log in ((False, False, False), (True, True, False), (False, False, True)):
                settings = CompareSettings(indicator, members, share_of, 2003, complete, reference, 2002, log)
                figures.append(compare_view(ds, settings).figure)
    for item in offered(ds):
        for log in (False, True):
            figures.append(over_time_view(ds, OverTimeSettings(item.id, tuple(record_countries(ds)[:6]), log)).figure)
    figures += [borders_view(ds, groups).figure for groups in (True, False)]
    for crude in (True, False):
        view = energy_view(ds, crude)
        figures += [view.figure, view.crude]
    return [f for f in figures if f is not None]


@pytest.mark.thorough
def test_every_view_spec_is_valid_vega_lite(ds: Dataset) -> None:
    """The views skip Altair's schema check for speed (``spec_of``); this is where the specs are checked."""
    figures = every_view_figure(ds)
    assert len(figures) > 30
    for figure in figures:
        alt.Root.validate(figure.spec)  # raises jsonschema's ValidationError, naming the bad part
    broken = {**figures[0].spec, "mark": "no such mark"}
    with pytest.raises(Exception, match="no such mark"):
        alt.Root.validate(broken)


def point_layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The layers that draw the essay's figures as points (the legend's empty layer left out)."""
    return [
        layer for layer in spec["layer"] if layer["mark"]["type"] == "point" and layer.get("transform") != [{"filter": "false"}]
    ]


def test_over_time_draws_figures_of_another_definition_apart(ds: Dataset) -> None:
    """The record's armed forces include paramilitaries; the essay's do not: its points must not pass as comparable."""
    troops = over_time_view(ds, OverTimeSettings("armed_forces", ("KAZ", "KGZ", "TJK"))).figure
    people = over_time_view(ds, OverTimeSettings("population", ("KAZ", "KGZ", "TJK"))).figure
    assert troops is not None
    assert people is not None
    [apart] = point_layers(troops.spec)
    [same] = point_layers(people.spec)
    assert apart["mark"]["shape"] == "square"
    assert apart["mark"]["strokeDash"] == [3, 2]
    assert apart["encoding"]["fill"] == {"value": "#ffffff"}
    assert "strokeDash" not in same["mark"]
    assert "shape" in same["encoding"]
    legend = " ".join(str(enc) for layer in troops.spec["layer"] for enc in layer.get("encoding", {}).values())
    assert "essay figure, different definition" in legend
    assert "'about' (open dot)" not in legend
    subtitle = " ".join(charts.notes_of(troops.spec))
    assert "Dashed squares: the essay's figures, counted differently from the record" in subtitle
    assert "paramilitary" in subtitle
    assert "Dashed squares" not in " ".join(charts.notes_of(people.spec))


def test_compare_title_says_the_year_of_its_values_when_the_members_are_of_another(ds: Dataset) -> None:
    """Filling gaps for 2024's members takes the record of the essay's year: the title must not pass it off as 2024's."""
    members = tuple(ds.members_in(2024))
    filled = compare_view(ds, CompareSettings("population", members, "population", 2024, complete=True))
    assert filled.figure is not None
    assert set(compare_frame(ds, CompareSettings("population", members, "population", 2024, complete=True))[0]["year"]) == {
        figures_year(ds)
    }
    assert filled.title == f"Population: the 10 SCO members of 2024, values for {figures_year(ds)}"
    assert charts.title_of(filled.figure.spec) == filled.title
    share = compare_view(ds, CompareSettings("members_share", members, "population", 2024, complete=True))
    assert share.title == f"Population: each member's share of the total of 10 members, values for {figures_year(ds)}"
    # Values of the 'as of' year need no second year in the title.
    frame = pd.DataFrame({"basis": ["stated", NOT_GIVEN], "year": [2024, None]})
    assert values_year(frame, 2024) == ""
    assert values_year(frame.assign(year=[2002, 2003]), 2024) == ", values for 2002"
    assert values_year(pd.DataFrame({"basis": ["stated", "derived"], "year": [2002, 2003]}), 2024) == ", values for 2002 and 2003"


def test_compare_view_warns_when_nothing_is_stated(ds: Dataset) -> None:
    view = compare_view(ds, CompareSettings("gdp_usd", ("CHN", "RUS"), "population", 2003))
    assert view.figure is None
    assert view.warning == "No figure for GDP for the selected members: China, Russia."


def test_data_view_counts_disagreements(ds: Dataset) -> None:
    view = data_view(ds)
    assert view.disagreements == 1
    assert "**1 inconsistency** beyond 10%, seen from 2 sides" in view.consistency_text


def test_table_view_filters_and_reads_as_people_read(ds: Dataset) -> None:
    view = table_view(ds, "observations.csv", ("KGZ",), "")
    assert view.total == len(ds.observations)
    assert set(view.rows["country_code"]) == {"KGZ"}
    assert set(view.shown["Country"]) == {"Kyrgyzstan"}
    assert len(view.shown) == len(view.rows) == (ds.observations["country_code"] == "KGZ").sum()
    # Ids become names and citations on screen; the CSV rows keep the contract's ids.
    assert "zhao_2003" in set(view.rows["source_id"])
    assert not any("zhao_2003" in str(v) for v in view.shown.to_numpy().ravel())
    searched = table_view(ds, "borders.csv", tuple(ds.members_in(2003)), "Afghanistan")
    assert list(searched.rows["neighbour_code"]) == ["AFG"]


def _prepare_geo() -> ModuleType:
    """scripts/prepare_geo.py as a module (scripts/ is a folder of scripts, not a package)."""
    path = Path(__file__).parents[1] / "scripts" / "prepare_geo.py"
    spec = importlib.util.spec_from_file_location("prepare_geo", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_map_file_is_what_prepare_geo_writes() -> None:
    prepare_geo = _prepare_geo()
    source = json.loads(SOURCE_TOPOLOGY.read_text(encoding="utf-8"))
    assert prepare_geo.dumps(prepare_geo.prepare(source)) == TOPOLOGY.read_text(encoding="utf-8"), (
        "data/geo/sco_region_map.topo.json is stale: run .venv/bin/python scripts/prepare_geo.py"
    )


def test_shipped_map_file_is_small_and_complete(ds: Dataset) -> None:
    # The frame reaches west to Belarus and Egypt and south to the Maldives (every country with an SCO status), so
    # the file keeps about 42% of the source.
    assert TOPOLOGY.stat().st_size < SOURCE_TOPOLOGY.stat().st_size / 2.2
    topo = charts.load_topology(TOPOLOGY)
    geometries = topo["objects"]["countries"]["geometries"]
    codes = {g["properties"]["iso3"] for g in geometries}
    assert set(map_roles(ds, 2003)["iso3"]) <= codes  # members, the neighbour and the possible members
    assert "ESP" not in codes  # wholly outside the frame
    for geom in geometries:
        props = geom["properties"]
        assert set(props) == {"iso3", "name", "label_lon", "label_lat", "label_x", "label_y"}, props
        assert 20 <= props["label_lon"] <= 140, props
        assert 0 <= props["label_lat"] <= 82, props
    every_status = set(ds.membership["country_code"])
    assert len(every_status) == 27
    assert every_status <= codes  # the whole SCO, to 1 September 2025


def test_every_ring_turns_the_way_the_renderer_reads_it() -> None:
    """Outer rings clockwise, holes counter-clockwise (d3-geo): a ring the wrong way round covers the whole map."""
    topo = charts.load_topology(TOPOLOGY)
    arcs = topojson.ops.arc_coordinates(topo["arcs"], topo["transform"])
    wrong = []
    for geom in topo["objects"]["countries"]["geometries"]:
        for polygon in geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]:
            for k, ring in enumerate(polygon):
                points = [tuple(p) for i in ring for p in (arcs[i] if i >= 0 else arcs[~i][::-1])]
                if shapely.LinearRing(points).is_ccw != (k > 0):
                    wrong.append((geom["properties"]["iso3"], k))
    assert wrong == []


def test_every_label_lies_inside_its_country() -> None:
    topo = charts.load_topology(TOPOLOGY)
    features = topojson.utils.serialize_as_geojson(topo, objectname="countries")["features"]
    for feature in features:
        props = feature["properties"]
        point = shapely.Point(props["label_lon"], props["label_lat"])
        assert shape(feature["geometry"]).contains(point), props["name"]


def test_compare_shows_the_latest_year_per_member_and_shares_within_one_year(ds: Dataset) -> None:
    import dataclasses

    import pandas as pd

    obs = ds.observations
    older = obs[(obs["country_code"] == "KGZ") & (obs["indicator_id"] == "population")].copy()
    older["year"] = 1999
    older["value"] = 4_000_000.0
    more = dataclasses.replace(ds, observations=pd.concat([obs, older], ignore_index=True))
    frame = compare_frame(more, CompareSettings("population", ("KAZ", "KGZ"), "population", 2003))[0]
    assert frame[["country_code", "year", "value"]].values.tolist() == [["KAZ", 2002, 15_000_000.0], ["KGZ", 2002, 5_000_000.0]]
    share = compare_frame(more, CompareSettings("members_share", ("KAZ", "KGZ", "TJK"), "population", 2003))[0]
    assert set(share["year"]) == {2002}
    assert share.set_index("country_code").loc["KGZ", "lower"] == pytest.approx(0.2)


def test_map_of_a_later_year_colours_its_members_and_observers(ds: Dataset) -> None:
    roles = map_roles(ds, 2024).set_index("iso3")
    members = set(roles.index[roles["role"] == charts.MAP_MEMBER])
    assert members == {"CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB", "IND", "PAK", "IRN", "BLR"}
    assert set(roles.index[roles["role"] == charts.MAP_OBSERVER]) == {"MNG", "AFG"}
    assert roles.loc["IND", "colour"] == ds.colours["IND"]
    from indicators.views.borders import map_figure

    figure = map_figure(ds, TOPOLOGY, 2024)
    assert charts.title_of(figure.spec).startswith("The SCO in 2024")
    drawn = {g["properties"]["iso3"] for g in charts.load_topology(TOPOLOGY)["objects"]["countries"]["geometries"]}
    outside = sorted(members - drawn)
    # A member the map cannot draw is named, never silently left out.
    for code in outside:
        assert ds.names[code] in " ".join(charts.notes_of(figure.spec))


def test_map_of_2024_shows_dialogue_partners_as_such_and_azerbaijan_by_its_status(ds: Dataset) -> None:
    from indicators.views.borders import map_figure

    roles = map_roles(ds, 2024).set_index("iso3")
    partners = set(roles.index[roles["role"] == charts.MAP_DIALOGUE])
    assert partners == {"LKA", "TUR", "KHM", "AZE", "NPL", "ARM", "EGY", "QAT", "SAU", "KWT", "ARE", "MDV", "MMR", "BHR"}
    # The essay's mention of Azerbaijan as a possible member comes second to its SCO status.
    assert roles.loc["AZE", "detail"] == (f"SCO dialogue partner in 2024 (from 2016); also {charts.MAP_POSSIBLE}")
    assert roles.loc["BLR", "role"] == charts.MAP_MEMBER
    assert map_roles(ds, 2012).set_index("iso3").loc["BLR", "role"] == charts.MAP_DIALOGUE  # from 2010
    spec = map_figure(ds, TOPOLOGY, 2024).spec
    legend_domains = [
        layer["encoding"]["shape"]["scale"]["domain"] for layer in spec["layer"] if "shape" in layer.get("encoding", {})
    ]
    assert legend_domains == [[charts.MAP_OBSERVER, charts.MAP_DIALOGUE, charts.MAP_POSSIBLE]]
    # Every country with a status that year is drawn inside the frame, or named with its status beneath the title.
    subtitle = " ".join(charts.notes_of(spec))
    points = charts.label_points(charts.load_topology(TOPOLOGY), list(roles.index)).set_index("iso3")
    west, south, east, north = charts.MAP_FRAME
    for code in roles.index[roles["status"] != ""]:
        lon, lat = points.loc[code, ["lon", "lat"]]
        assert (west <= lon <= east and south <= lat <= north) or f"{roles.loc[code, 'country']} (" in subtitle


def test_map_of_2025_shows_partners_as_of_1_september(ds: Dataset) -> None:
    from indicators.views.borders import map_figure

    roles = map_roles(ds, 2025)
    assert set(roles["role"]) - {charts.MAP_MEMBER, charts.MAP_NEIGHBOUR, charts.MAP_POSSIBLE} == {charts.MAP_PARTNER}
    assert (roles["role"] == charts.MAP_PARTNER).sum() == 17
    spec = map_figure(ds, TOPOLOGY, 2025).spec
    assert charts.title_of(spec) == "The SCO in 2025 (members, partners) and the countries the essay names"
    assert any(line.startswith("As of 1 September 2025") for line in charts.notes_of(spec))


def test_data_page_lists_every_country_with_an_sco_status(ds: Dataset) -> None:
    from indicators.views.data import membership_table

    table = membership_table(ds)
    assert len(table) == 27
    row = table.set_index("Country").loc["Belarus"]
    assert row["Status on 1 September 2025"] == "member"
    assert row["Statuses"] == "dialogue partner 2010 → observer 2015-07-10 → member 2024-07-04"
    assert table.set_index("Country").loc["Azerbaijan", "Status on 1 September 2025"] == "partner"
    assert all(str(s).startswith("http") for s in table["Sources"].str.split(" ").str[0])
