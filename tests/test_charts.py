"""Chart builders through ``to_dict()``: typed fields, unit titles, tooltips, source lines; PNG/SVG export."""

from __future__ import annotations

import dataclasses
import itertools
import struct
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from indicators import charts, load_dataset
from indicators.charts import style
from indicators.load.dataset import DEFAULT_DATA_DIR, Dataset
from indicators.views.base import reference_frame
from indicators.views.borders import border_frame, map_roles
from indicators.views.compare import CompareSettings
from indicators.views.compare import compare_frame as _compare_frame
from indicators.views.energy import energy_view


def member_codes(ds: Dataset) -> list[str]:
    return ds.members_in(2003)


def compare_frame(ds: Dataset, indicator: str, countries: list[str]) -> pd.DataFrame:
    return _compare_frame(ds, CompareSettings(indicator, tuple(countries), "population", 2003))[0]


def meta(ds: Dataset, indicator: str) -> dict[str, str]:
    i = ds.indicator(indicator)
    return {"title": i.title, "axis_label": i.axis_label}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def nodes(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    stack = [spec]
    while stack:
        node = stack.pop()
        yield node
        for key in ("layer", "vconcat", "hconcat"):
            stack.extend(node.get(key, []))


def encodings(spec: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for node in nodes(spec):
        yield from (node.get("encoding") or {}).items()


def rows_of(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def tooltip_titles(spec: dict[str, Any]) -> set[str]:
    titles = set()
    for channel, enc in encodings(spec):
        if channel == "tooltip":
            for item in enc if isinstance(enc, list) else [enc]:
                titles.add(item.get("title", item.get("field")))
    return titles


def all_typed(spec: dict[str, Any]) -> bool:
    """Every encoding that names a field also says its type (x2/y2 take the type of x/y)."""
    for channel, enc in encodings(spec):
        items = enc if isinstance(enc, list) else [enc]
        for item in items:
            if isinstance(item, dict) and "field" in item and "type" not in item and channel not in ("x2", "y2"):
                return False
    return True


@pytest.mark.parametrize("indicator", ["gdp_usd", "population", "armed_forces", "gdp_per_capita_usd", "members_share"])
def test_compare_chart_spec(ds: Dataset, indicator: str) -> None:
    frame = compare_frame(ds, indicator, member_codes(ds))
    m = meta(ds, indicator)
    spec = charts.compare_chart(frame, m).to_dict()
    assert charts.title_of(spec) == m["title"]  # the view names who is compared; see test_views
    assert any(str(m["axis_label"]) in s for s in charts.notes_of(spec))
    assert any(s.startswith("Source: Zhao Huasheng") for s in charts.notes_of(spec))
    x_titles = {enc.get("title") for ch, enc in encodings(spec) if ch == "x" and isinstance(enc, dict) and enc.get("title")}
    assert x_titles == {f"{m['title']} ({m['axis_label']})"}
    assert {"Qualifier", "Source", "Basis", "Formula", "Evidence"} <= tooltip_titles(spec)
    assert all_typed(spec)


def test_compare_chart_draws_each_qualifier_its_own_way(ds: Dataset) -> None:
    frame = compare_frame(ds, "members_share", member_codes(ds))
    spec = charts.compare_chart(frame, meta(ds, "members_share")).to_dict()
    marks = {
        (n["mark"]["type"] if isinstance(n["mark"], dict) else n["mark"], str(n.get("transform")))
        for n in nodes(spec)
        if "mark" in n
    }
    kinds = {kind for kind, _ in marks}
    assert {"bar", "rule", "tick", "point", "text"} <= kinds
    filters = " ".join(t for _, t in marks)
    assert "datum.qualifier == 'range'" in filters
    assert "datum.qualifier == 'lt'" in filters
    legend_text = [row["text"] for row in rows_of(spec) if "text" in row]
    assert "range: lower–upper, dot at midpoint" in legend_text
    assert "derived (dashed outline; formula in tooltip)" in legend_text


def test_not_stated_members_are_named_not_drawn(ds: Dataset) -> None:
    frame = compare_frame(ds, "gdp_usd", member_codes(ds))
    chart = charts.compare_chart(frame, meta(ds, "gdp_usd"))
    spec = chart.to_dict()
    assert "No figure given: China, Russia, Uzbekistan." in charts.notes_of(spec)
    drawn = {row["country"] for row in rows_of(spec) if row.get("bar_end") is not None}
    assert drawn == {"Kazakhstan", "Kyrgyzstan", "Tajikistan"}


def test_alt_text_names_figures_and_missing_members(ds: Dataset) -> None:
    frame = compare_frame(ds, "population", member_codes(ds))
    text = charts.alt_text(frame, meta(ds, "population"))
    assert "Kazakhstan < 15 million" in text
    assert text.endswith("Not stated in the essay: China, Russia, Uzbekistan.")


def test_colours_are_fixed_per_country_code(ds: Dataset) -> None:
    renamed = dataclasses.replace(ds, countries=ds.countries.replace({"Tajikistan": "Republic of Tajikistan"}))
    for data in (ds, renamed):
        frame = compare_frame(data, "population", ["TJK", "KGZ"])
        spec = charts.compare_chart(frame, meta(data, "population")).to_dict()
        colours = [enc for ch, enc in encodings(spec) if ch == "color" and isinstance(enc, dict) and enc.get("field") == "colour"]
        assert colours
        assert all(enc.get("scale") is None for enc in colours)
        drawn = {(row["country"], row["colour"]) for row in rows_of(spec) if row.get("bar_end") is not None}
        names = data.names
        assert drawn == {(names["TJK"], "#CC79A7"), (names["KGZ"], "#7E441B")}


def test_reference_overlay_and_log_scale(ds: Dataset) -> None:
    members = member_codes(ds)
    frame = compare_frame(ds, "gdp_per_capita_usd", members)
    ref = reference_frame(ds, ds.indicator("gdp_per_capita_usd"), members, 2002)
    spec = charts.compare_chart(frame, meta(ds, "gdp_per_capita_usd"), reference=ref, reference_year=2002, log=True).to_dict()
    assert "Reference value" in tooltip_titles(spec)
    types = {(enc.get("scale") or {}).get("type") for ch, enc in encodings(spec) if ch == "x" and isinstance(enc, dict)}
    assert "log" in types
    assert round(float(ref.set_index("country_code")["value"]["KGZ"]), 1) == 321.7


def test_border_chart_labels_groups(ds: Dataset) -> None:
    spec = charts.border_chart(border_frame(ds)).to_dict()
    assert charts.title_of(spec) == "Border lengths stated in the essay"
    assert {"Group runs along", "Qualifier", "Evidence"} <= tooltip_titles(spec)
    x_titles = {enc.get("title") for ch, enc in encodings(spec) if ch == "x" and isinstance(enc, dict) and enc.get("title")}
    assert x_titles == {"Border length (km)"}


def test_energy_chart_styles_projection_apart(ds: Dataset) -> None:
    o = energy_view(ds, crude=True)
    spec = charts.energy_chart(o.points, o.demand, o.paths, o.net_importer_from).to_dict()
    assert any("million tonnes" in s for s in charts.notes_of(spec))
    areas = [n for n in nodes(spec) if n.get("mark", {}) == {"type": "area", "color": "#D55E00", "opacity": 0.18}]
    assert len(areas) == 1
    assert o.paths["low"].iloc[-1] == pytest.approx(150)
    assert o.paths["high"].iloc[-1] == pytest.approx(200)
    assert o.paths["low"].iloc[0] == pytest.approx(70)


def test_map_labels_members(ds: Dataset) -> None:
    topo = charts.load_topology(DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY)
    roles = map_roles(ds, 2003)
    assert set(roles["iso3"]) == {
        "CHN",
        "RUS",
        "KAZ",
        "KGZ",
        "TJK",
        "UZB",
        "AFG",
        "TKM",
        "MNG",
        "IRN",
        "PAK",
        "IND",
        "AZE",
        "GEO",
    }
    by_role = roles.groupby("role")["iso3"].apply(set).to_dict()
    assert by_role[charts.MAP_MEMBER] == {"CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB"}
    assert by_role["neighbour in the essay's border statements"] == {"AFG"}
    assert "1,000 km" in str(roles.set_index("iso3").loc["AFG", "borders"])
    points = charts.label_points(topo, list(roles["iso3"]))
    kaz = points.set_index("iso3").loc["KAZ"]
    assert 60 < kaz["lon"] < 80
    assert 40 < kaz["lat"] < 52
    spec = charts.region_map(topo, roles, 2003).to_dict()
    assert charts.MAP_SOURCE in charts.notes_of(spec)
    # Members, other roles (the neighbour) and possible members each have a shape layer, drawn from the shipped shapes.
    filters = " ".join(str(n.get("transform")) for n in nodes(spec) if n.get("mark", {}).get("type") == "geoshape")
    assert f"datum.role == '{charts.MAP_MEMBER}'" in filters
    assert f"datum.role != '{charts.MAP_MEMBER}'" in filters
    assert spec["data"]["values"]["objects"]["countries"]["geometries"] == topo["objects"]["countries"]["geometries"]
    labels = {row["name"] for row in rows_of(spec) if "lon" in row}
    assert set(roles["country"]) <= labels


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_png_is_twice_the_chart_size_and_svg_keeps_title_and_source(ds: Dataset) -> None:
    frame = compare_frame(ds, "armed_forces", member_codes(ds))
    chart = charts.compare_chart(frame, meta(ds, "armed_forces"), title="Armed forces: the 6 SCO members of 2003")
    width, _ = _png_size(charts.to_png(chart, scale=2))
    assert width == 2 * charts.EXPORT_WIDTH  # a slide's width, whatever the column's width on screen
    svg = charts.to_svg(chart)
    assert "Armed forces: the 6 SCO members of 2003" in svg
    assert "Source: Zhao Huasheng" in svg
    assert "about (approximate)" in svg


def test_records_never_leave_missing_text_as_nan() -> None:
    frame = pd.DataFrame({"label": ["a", None], "x": [1.0, None]})
    out = style.records(frame, ["label", "x"])
    assert out["label"].tolist() == ["a", ""]
    assert pd.isna(out["x"].iloc[1])


def test_source_line_names_the_sources_the_essay_cites(ds: Dataset) -> None:
    gdp = charts.compare_chart(compare_frame(ds, "gdp_usd", member_codes(ds)), meta(ds, "gdp_usd")).to_dict()
    text = " ".join(charts.notes_of(gdp))
    assert "Country Profile, Kazakhstan (2003), as cited in the essay" in text
    assert "Country Profile, Kyrgyz Republic (2003), as cited in the essay" in text
    assert all(len(line) <= charts.SUBTITLE_WIDTH for line in charts.notes_of(gdp))
    pop = charts.compare_chart(compare_frame(ds, "population", member_codes(ds)), meta(ds, "population")).to_dict()
    assert "Country Profile" not in " ".join(charts.notes_of(pop))


@pytest.fixture(scope="module")
def specs(ds: Dataset) -> dict[str, dict[str, Any]]:
    """Every chart the dashboard draws, one view of each, as specs."""
    members = member_codes(ds)
    o = energy_view(ds, crude=True)
    ref = reference_frame(ds, ds.indicator("gdp_per_capita_usd"), members, 2002)
    gdppc = compare_frame(ds, "gdp_per_capita_usd", members)
    return {
        "compare": charts.compare_chart(compare_frame(ds, "members_share", members), meta(ds, "members_share")).to_dict(),
        "compare-log": charts.compare_chart(
            gdppc, meta(ds, "gdp_per_capita_usd"), reference=ref, reference_year=2002, log=True
        ).to_dict(),
        "borders": charts.border_chart(border_frame(ds)).to_dict(),
        "energy": charts.energy_chart(o.points, o.demand, o.paths, o.net_importer_from).to_dict(),
        "crude": charts.crude_chart(o.crude_series, o.net_importer_from).to_dict(),
        "map": charts.region_map(
            charts.load_topology(DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY), map_roles(ds, 2003), 2003
        ).to_dict(),
    }


def test_every_chart_takes_its_columns_width_and_exports_at_a_fixed_one(specs: dict[str, dict[str, Any]]) -> None:
    for name, spec in specs.items():
        assert "vconcat" not in spec, f"{name}: a concat cannot take the container's width"
        assert spec["width"] == "container", name
        assert spec["autosize"] == {"type": "fit", "contains": "padding"}, name
        assert spec["usermeta"]["embedOptions"]["renderer"] == "svg", name
        assert charts.export_spec(spec)["width"] == charts.EXPORT_WIDTH, name
        assert spec["width"] == "container", "export_spec must not change the screen spec"


def _font_sizes(spec: dict[str, Any]) -> list[tuple[str, float]]:
    config = spec["config"]
    sizes = [
        (f"config.{part}.{key}", config[part][key])
        for part in ("axis", "legend", "title")
        for key in config[part]
        if key.endswith("FontSize")
    ]
    sizes.append(("config.text.fontSize", config["text"]["fontSize"]))
    for node in nodes(spec):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text" and "fontSize" in mark:
            sizes.append(("text mark", mark["fontSize"]))
        for channel, enc in (node.get("encoding") or {}).items():
            axis = enc.get("axis") if isinstance(enc, dict) else None
            if isinstance(axis, dict):
                sizes += [(f"{channel} axis {k}", v) for k, v in axis.items() if k.endswith("FontSize")]
    return sizes


def test_chart_text_is_at_least_14_px_and_titles_are_larger(specs: dict[str, dict[str, Any]]) -> None:
    for name, spec in specs.items():
        sizes = _font_sizes(spec)
        assert sizes, name
        assert [s for s in sizes if s[1] < charts.TEXT_SIZE] == [], name
        assert spec["config"]["title"]["fontSize"] > spec["config"]["title"]["subtitleFontSize"] >= charts.TEXT_SIZE


def test_dash_arrays_live_in_the_spec_not_in_the_data(specs: dict[str, dict[str, Any]]) -> None:
    """Data reaches the live chart as Arrow, where an array per row became the invalid dash array "[4,3]"."""
    for name, spec in specs.items():
        assert not [row for row in rows_of(spec) if any(isinstance(v, list) for v in row.values())], name
    spec = specs["compare"]
    dashes = [enc for channel, enc in encodings(spec) if channel == "strokeDash"]
    assert dashes
    for enc in dashes:
        assert enc["value"] == [1, 0]
        conditions = enc["condition"] if isinstance(enc["condition"], list) else [enc["condition"]]
        assert conditions[0]["value"] == [4, 3]
        assert "derived" in conditions[0]["test"]
        # "About" is told by a dotted outline too, not by a lighter fill alone (on the bars; the log scale's stems
        # keep the dashes of derived and "less than" figures).
        assert all(c["value"] == [1.5, 2.5] and "approx" in c["test"] for c in conditions[1:])


def test_legend_is_part_of_the_chart_and_draws_no_marks(specs: dict[str, dict[str, Any]]) -> None:
    spec = specs["compare"]
    legends = [
        enc["legend"]
        for channel, enc in encodings(spec)
        if channel in ("shape", "fill") and isinstance(enc, dict) and enc.get("legend")
    ]
    assert len(legends) == 2  # shape and fill of one empty layer, merged into one legend
    assert all(legend["orient"] == "bottom" for legend in legends)
    assert any(node.get("transform") == [{"filter": "false"}] for node in nodes(spec))


def test_figures_of_different_years_say_their_year(ds: Dataset) -> None:
    spec = charts.border_chart(border_frame(ds)).to_dict()
    labels = {row["pair"]: row["label_text"] for row in rows_of(spec) if "label_text" in row}
    assert labels["China – USSR (group)"] == "7,300 km (1989)"
    assert labels["Kazakhstan – China"] == "1,700 km (2002)"  # present tense: the present_tense_year reading
    assert "Years 1989, 2002" in charts.notes_of(spec)[0]
    one_year = charts.border_chart(border_frame(ds).query("year == 2002")).to_dict()
    assert charts.notes_of(one_year)[0] == "Unit: kilometres, as of 2002."


def test_map_has_legends_and_its_names_no_tooltips(specs: dict[str, dict[str, Any]]) -> None:
    spec = specs["map"]
    titles = {enc["legend"]["title"] for channel, enc in encodings(spec) if isinstance(enc, dict) and enc.get("legend")}
    assert titles == {"SCO members, 2003", "Other countries, 2003"}
    texts = [n for n in nodes(spec) if isinstance(n.get("mark"), dict) and n["mark"]["type"] == "text"]
    assert texts
    assert all(n["encoding"]["tooltip"] == {"value": None} for n in texts)
    assert spec["config"]["mark"]["tooltip"] is False  # marks without a tooltip encoding show none


def test_map_names_do_not_overlap_at_the_narrowest_layout(ds: Dataset) -> None:
    from indicators.charts import map as region

    roles = map_roles(ds, 2003)
    topo = charts.load_topology(DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY)
    points = roles[["iso3", "role"]].merge(charts.label_points(topo, list(roles["iso3"])), on="iso3")
    places = region.place_labels(points)
    assert len(places) == len(points)
    assert set(places) <= set(region.LABEL_PLACES)
    # Crowded at this width: at least one name had to move off its point.
    assert set(places) != {"on"}


@pytest.mark.parametrize("year", [2003, 2025])
def test_map_in_a_room_names_every_member_and_says_which_names_it_leaves_out(ds: Dataset, year: int) -> None:
    from indicators.charts import map as region
    from indicators.charts.sizing import room_spec
    from indicators.views.borders import map_figure

    spec = map_figure(ds, DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY, year).spec
    points = pd.DataFrame(spec["usermeta"][region.NAMES_META])
    room = room_spec(spec, 1100, 430)
    datasets = room.get("datasets", {})
    drawn = {
        row["name"]
        for layer in room["layer"]
        if layer["mark"]["type"] == "text" and "longitude" in layer["encoding"]
        for row in datasets.get(layer.get("data", {}).get("name"), [])
    }
    texts = [layer["mark"].get("text") for layer in room["layer"] if isinstance(layer["mark"], dict)]
    notes = [" ".join(text) for text in texts if isinstance(text, list)]
    members = set(points.loc[points["role"] == region.MAP_MEMBER, "name"])
    assert members <= drawn
    left_out = set(points["name"]) - drawn
    # Enlarged for the room, the crowded middle of Asia cannot hold every name; whichever is left out is named.
    assert left_out
    assert len(notes) == 1
    assert all(name in notes[0] for name in left_out)
    # Drawn to fill a screen, a set of names for each height, each shown at its height: a taller map names more, and
    # the note beneath says, for each height, the names that set leaves out.
    filled = room_spec(spec, "container", "container")
    sets: dict[str, set[str]] = {}
    for layer in filled["layer"]:
        if layer["mark"]["type"] == "text" and "longitude" in layer["encoding"]:
            rows = filled["datasets"][layer["data"]["name"]]
            sets.setdefault(layer["mark"]["opacity"]["expr"], set()).update(row["name"] for row in rows)
    assert len(sets) == len(region.ROOM_HEIGHTS)
    named = list(sets.values())  # in the order of the heights
    assert all(members <= names for names in named)
    assert all(a <= b for a, b in itertools.pairwise(map(len, named)))
    note = next(layer["mark"]["text"]["expr"] for layer in filled["layer"] if isinstance(layer["mark"].get("text"), dict))
    assert all(name in note for names in named for name in set(points["name"]) - names)
    assert not any(name in notes[0] for name in drawn)
    # The dashboard's own map still names every country.
    screen = {
        row["name"]
        for layer in spec["layer"]
        if "longitude" in layer.get("encoding", {}) and layer["mark"]["type"] == "text"
        for row in spec["datasets"][layer["data"]["name"]]
    }
    assert screen == set(points["name"])


def test_map_names_the_members_outside_its_frame_in_its_own_subtitle(ds: Dataset) -> None:
    topo = charts.load_topology(DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY)
    roles = map_roles(ds, 2003)
    whole = charts.region_map(topo, roles, 2003).to_dict()
    cut = charts.region_map(topo, roles, 2003, outside=["Belarus"]).to_dict()
    assert not any("Outside" in line for line in charts.notes_of(whole))
    assert charts.notes_of(cut)[-1] == "Outside this map's frame: Belarus."
    # The chart grows by the line it adds, so the map keeps its height.
    assert cut["height"] > whole["height"]
