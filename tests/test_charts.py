"""Chart builders through ``to_dict()``: typed fields, unit titles, tooltips, source lines; PNG/SVG export."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from indicators import charts, load_dataset
from indicators.charts import style
from indicators.dataset import DEFAULT_DATA_DIR, Dataset
from indicators.views.borders import border_frame, map_roles
from indicators.views.compare import CompareSettings, reference_frame
from indicators.views.compare import compare_frame as _compare_frame
from indicators.views.energy import energy_outlook


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
    assert spec["title"]["text"] == f"{m['title']}: SCO founding members"
    assert any(str(m["axis_label"]) in s for s in spec["title"]["subtitle"])
    assert any(s.startswith("Source: Zhao Huasheng") for s in spec["title"]["subtitle"])
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
    assert "Not stated in the essay: China, Russia, Uzbekistan." in spec["title"]["subtitle"]
    drawn = {row["country"] for row in rows_of(spec) if row.get("bar_end") is not None}
    assert drawn == {"Kazakhstan", "Kyrgyzstan", "Tajikistan"}


def test_alt_text_names_figures_and_missing_members(ds: Dataset) -> None:
    frame = compare_frame(ds, "population", member_codes(ds))
    text = charts.alt_text(frame, meta(ds, "population"))
    assert "Kazakhstan < 15 million" in text
    assert text.endswith("Not stated in the essay: China, Russia, Uzbekistan.")


def test_colours_are_fixed_per_country(ds: Dataset) -> None:
    frame = compare_frame(ds, "population", ["TJK", "KGZ"])
    spec = charts.compare_chart(frame, meta(ds, "population")).to_dict()
    scales = [enc["scale"] for ch, enc in encodings(spec) if ch == "color" and isinstance(enc, dict) and "scale" in enc]
    assert scales
    for scale in scales:
        assert scale["domain"][:6] == list(charts.COUNTRY_COLOURS)
        assert scale["range"][:6] == list(charts.COUNTRY_COLOURS.values())


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
    assert spec["title"]["text"] == "Border lengths stated in the essay"
    assert {"Group runs along", "Qualifier", "Evidence"} <= tooltip_titles(spec)
    x_titles = {enc.get("title") for ch, enc in encodings(spec) if ch == "x" and isinstance(enc, dict) and enc.get("title")}
    assert x_titles == {"Border length (km)"}


def test_energy_chart_styles_projection_apart(ds: Dataset) -> None:
    o = energy_outlook(ds)
    spec = charts.energy_chart(o.points, o.demand, o.paths, o.net_importer_from).to_dict()
    assert any("million tonnes" in s for s in spec["title"]["subtitle"])
    areas = [n for n in nodes(spec) if n.get("mark", {}) == {"type": "area", "color": "#D55E00", "opacity": 0.18}]
    assert len(areas) == 1
    assert o.paths["low"].iloc[-1] == pytest.approx(150)
    assert o.paths["high"].iloc[-1] == pytest.approx(200)
    assert o.paths["low"].iloc[0] == pytest.approx(70)


def test_map_labels_members(ds: Dataset) -> None:
    topo = charts.load_topology(DEFAULT_DATA_DIR / "geo" / charts.MAP_TOPOLOGY)
    roles = map_roles(ds)
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
    spec = charts.region_map(topo, roles).to_dict()
    assert charts.MAP_SOURCE in spec["title"]["subtitle"]
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
    chart = charts.compare_chart(frame, meta(ds, "armed_forces"))
    width, _ = _png_size(charts.to_png(chart, scale=2))
    assert width >= 2 * charts.WIDTH
    svg = charts.to_svg(chart)
    assert "Armed forces: SCO founding members" in svg
    assert "Source: Zhao Huasheng" in svg
    assert "about (approximate)" in svg


def test_records_never_leave_missing_text_as_nan() -> None:
    frame = pd.DataFrame({"label": ["a", None], "x": [1.0, None]})
    out = style.records(frame, ["label", "x"])
    assert out["label"].tolist() == ["a", ""]
    assert pd.isna(out["x"].iloc[1])


def test_source_line_names_the_sources_the_essay_cites(ds: Dataset) -> None:
    gdp = charts.compare_chart(compare_frame(ds, "gdp_usd", member_codes(ds)), meta(ds, "gdp_usd")).to_dict()
    text = " ".join(gdp["title"]["subtitle"])
    assert "Country Profile, Kazakhstan (2003), as cited in the essay" in text
    assert "Country Profile, Kyrgyz Republic (2003), as cited in the essay" in text
    assert all(len(line) <= charts.SUBTITLE_WIDTH for line in gdp["title"]["subtitle"])
    pop = charts.compare_chart(compare_frame(ds, "population", member_codes(ds)), meta(ds, "population")).to_dict()
    assert "Country Profile" not in " ".join(pop["title"]["subtitle"])
