"""Prepare the map's shapes once: keep the countries in the map's frame, simplify their shared borders, store labels.

Reads the unmodified Natural Earth extract ``data/geo/sco_region_50m.topo.json`` and writes
``data/geo/sco_region_map.topo.json``, which the dashboard draws as is. Run it again only when the source file,
the frame or the tolerance changes (``data/geo/SOURCE.md`` records the command and versions):

    .venv/bin/python scripts/prepare_geo.py

The geometry work is done by maintained libraries, installed with the dev extra only: ``topojson`` builds the
topology and simplifies each shared arc once (so neighbours keep one common border), ``shapely`` decides which
countries touch the frame and where each label goes; Vega itself (vl-convert) says where the map draws it, in pixels.
"""

from __future__ import annotations

import argparse
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

import shapely
import topojson.ops
import topojson.utils
import vl_convert as vlc
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry
from topojson.core.topology import Topology

from indicators.charts.map import MAP_LAYOUT_WIDTH, MAP_PLOT_HEIGHT, map_projection

GEO_DIR = Path(__file__).parents[1] / "data" / "geo"
SOURCE = GEO_DIR / "sco_region_50m.topo.json"
TARGET = GEO_DIR / "sco_region_map.topo.json"
OBJECT = "countries"

#: Longitude and latitude (west, south, east, north) the map can show, with room to spare: a country wholly
#: outside is left out of the file.
MAP_EXTENT = (20.0, 0.0, 140.0, 82.0)

#: Largest shift of a boundary point the simplification allows, in degrees. At the map's scale one degree is
#: about 10 pixels, so 0.05° stays under a pixel even in the 2× PNG. Whole arcs (each one border shared by two
#: neighbours) are simplified with their end points kept, so shared borders stay shared.
MAP_TOLERANCE = 0.05

#: Label positions are stored to 0.001° (about 100 m), far finer than a pixel, and to a tenth of a pixel.
LABEL_DECIMALS = 3
PIXEL_DECIMALS = 1


def _largest_polygon(geometry: BaseGeometry) -> shapely.Polygon:
    parts = list(geometry.geoms) if isinstance(geometry, shapely.MultiPolygon) else [geometry]
    polygons = [p for p in parts if isinstance(p, shapely.Polygon)]
    return max(polygons, key=lambda p: p.area)


def label_point(geometry: BaseGeometry, frame: BaseGeometry) -> tuple[float, float]:
    """Where a country's name goes: the pole of inaccessibility of its largest polygon within the frame.

    That is the interior point farthest from the polygon's edge, so the name sits in the country's widest part
    (a bounding-box centre can fall outside a concave country, and ``representative_point`` only promises some
    interior point).
    """
    largest = _largest_polygon(geometry.intersection(frame))
    point = shapely.ops.polylabel(largest, tolerance=MAP_TOLERANCE)
    return round(point.x, LABEL_DECIMALS), round(point.y, LABEL_DECIMALS)


def label_pixels(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Where the map draws each point (by code), in its plot's pixels at :data:`MAP_LAYOUT_WIDTH`, as Vega projects
    it: what the dashboard places the names by, without projecting anything itself."""
    spec = {
        "width": MAP_LAYOUT_WIDTH,
        "height": MAP_PLOT_HEIGHT,
        "autosize": "none",
        "padding": 0,
        "projection": map_projection().to_dict(),
        "data": {"values": [{"code": code, "lon": lon, "lat": lat} for code, (lon, lat) in points.items()]},
        "mark": "text",
        "encoding": {
            "longitude": {"field": "lon", "type": "quantitative"},
            "latitude": {"field": "lat", "type": "quantitative"},
            "text": {"field": "code"},
        },
    }
    marks = vlc.vegalite_to_scenegraph(spec)["scenegraph"]["items"][0]["items"][0]["items"]
    return {item["text"]: (round(item["x"], PIXEL_DECIMALS), round(item["y"], PIXEL_DECIMALS)) for item in marks}


def prepare(source: dict[str, Any], extent: tuple[float, float, float, float] = MAP_EXTENT) -> dict[str, Any]:
    """The source topology cut to the countries that touch ``extent``, simplified, with a label per country."""
    frame = box(*extent)
    features = topojson.utils.serialize_as_geojson(source, objectname=OBJECT)["features"]
    kept = [f for f in features if shape(f["geometry"]).intersects(frame)]
    labels = {f["properties"]["iso3"]: label_point(shape(f["geometry"]), frame) for f in kept}
    pixels = label_pixels(labels)
    for feature in kept:
        code = feature["properties"]["iso3"]
        (lon, lat), (x, y) = labels[code], pixels[code]
        feature["properties"] = {"iso3": code, "name": feature["properties"]["name"], "label_lon": lon, "label_lat": lat}
        feature["properties"] |= {"label_x": x, "label_y": y}
    topology = Topology(
        {"type": "FeatureCollection", "features": kept},
        # The source's own grid: the input is already on it, so building the topology moves no point.
        prequantize=source["transform"],
        toposimplify=MAP_TOLERANCE,
        prevent_oversimplify=True,
        object_name=OBJECT,
    )
    prepared: dict[str, Any] = topology.to_dict()
    orient_rings(prepared)
    return prepared


def orient_rings(topology: dict[str, Any]) -> None:
    """Turn every ring the way Vega's renderer (d3-geo) reads it: outer rings clockwise, holes counter-clockwise.

    d3-geo draws a polygon on the sphere, so a ring's direction says which side is inside: an outer ring the
    wrong way round is the whole globe less the country, and covers the map. topojson 2.2 gets the direction
    wrong where one ring bounds both an enclave and the hole around it (an Uzbek or Tajik enclave in
    Kyrgyzstan, Armenia's and Azerbaijan's exclaves): both refer to it the same way round. A ring is turned by
    reversing its list of arcs and each arc in it (``~i`` is arc ``i`` backwards); no point moves.
    """
    arcs = topojson.ops.arc_coordinates(topology["arcs"], topology["transform"])

    def points(ring: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in ring:
            arc = [tuple(p) for p in (arcs[i] if i >= 0 else arcs[~i][::-1])]
            out += arc if not out else arc[1:]
        return out

    for geom in topology["objects"][OBJECT]["geometries"]:
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for polygon in polygons:
            for k, ring in enumerate(polygon):
                hole = k > 0
                if shapely.LinearRing(points(ring)).is_ccw != hole:
                    polygon[k] = [~i for i in reversed(ring)]


def dumps(topology: dict[str, Any]) -> str:
    """The file's text: compact JSON, one line, ending in a newline."""
    return json.dumps(topology, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"TopoJSON to read (default: {SOURCE.name})")
    parser.add_argument("--out", type=Path, default=TARGET, help=f"TopoJSON to write (default: {TARGET.name})")
    args = parser.parse_args(argv)
    source = json.loads(args.source.read_text(encoding="utf-8"))
    prepared = prepare(source)
    text = dumps(prepared)
    args.out.write_text(text, encoding="utf-8")
    countries = len(prepared["objects"][OBJECT]["geometries"])
    print(
        f"{args.out}: {countries} countries, {len(prepared['arcs'])} arcs, {len(text.encode()):,} bytes "
        f"(topojson {version('topojson')}, shapely {version('shapely')}, tolerance {MAP_TOLERANCE}°)"
    )


if __name__ == "__main__":
    main()
