"""The data package drives the dashboard: a new indicator or a new member is data only, with no code change."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from indicators import charts, load_dataset
from indicators.analysis.countries import OTHER_COLOUR, OVERFLOW_PALETTE

APP = str(Path(__file__).parents[1] / "app.py")


def append_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """Add rows to a CSV of the package, each given by column name (missing columns stay empty)."""
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in header})


def open_app(data_dir: Path, monkeypatch: pytest.MonkeyPatch, page: str | None = None, **query: str) -> AppTest:
    monkeypatch.setenv("SCO_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def chart_rows(at: AppTest, index: int = 0) -> list[dict[str, Any]]:
    element = at.get("vega_lite_chart")[index]
    out: list[dict[str, Any]] = []
    for named in element.proto.datasets:
        out.extend(pa.ipc.open_stream(named.data.data).read_all().to_pylist())
    spec = json.loads(element.proto.spec)
    for values in spec.get("datasets", {}).values():
        out.extend(values)
    return out


ANALYST = {
    "source_id": "analyst_test",
    "kind": "reference",
    "author": "A test analyst",
    "title": "Figures added for a test",
    "year": "2026",
    "citation": "A test analyst, figures added for a test (2026).",
    "licence": "CC0 1.0",
}


def test_a_new_indicator_is_offered_reachable_by_url_and_drawn(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    append_rows(
        data_copy / "indicators.csv",
        [
            {
                "indicator_id": "border_guards",
                "title": "Border guards",
                "unit": "personnel",
                "short_unit": "guards",
                "description": "Border guard personnel (a test indicator).",
                "decimals": "0",
                "scale": "1",
                "axis_label": "personnel",
                "display": "{}",
                "pages": "compare",
                "menu_order": "9",
                "additive": "true",
            }
        ],
    )
    append_rows(data_copy / "sources.csv", [ANALYST])
    append_rows(
        data_copy / "observations.csv",
        [
            {
                "country_code": c,
                "indicator_id": "border_guards",
                "year": "2002",
                "value": v,
                "qualifier": "exact",
                "kind": "reported",
                "source_id": "analyst_test",
                "locator": "table 1",
            }
            for c, v in (("KAZ", "12000"), ("KGZ", "5000"))
        ],
    )
    load_dataset(data_copy)  # still a valid package
    at = open_app(data_copy, monkeypatch)
    assert (
        "border_guards" in at.selectbox(key="compare_indicator").options
        or "Border guards" in at.selectbox(key="compare_indicator").options
    )
    at = open_app(data_copy, monkeypatch, indicator="border_guards")
    assert at.selectbox(key="compare_indicator").value == "border_guards"
    assert not at.info or all("unknown" not in i.value for i in at.info)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert charts.title_of(spec) == "Border guards: the 6 SCO members of 2003, values for 2002"
    drawn = {r["country"]: r["label"] for r in chart_rows(at) if r.get("bar_end") is not None}
    assert drawn == {"Kazakhstan": "12,000", "Kyrgyzstan": "5,000"}
    # A share of its total is offered too, since it can be summed.
    at = open_app(data_copy, monkeypatch, indicator="members_share", share_of="border_guards")
    assert at.selectbox(key="compare_share_of").value == "border_guards"


def test_a_new_member_is_coloured_on_the_chart_and_on_the_map(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Bhutan, with no colour of its own in countries.csv, joins in the test's world in 2001. It comes after the shipped
    # countries without a colour, and still gets the first overflow colour: members go first.
    append_rows(data_copy / "countries.csv", [{"code": "BTN", "name": "Bhutan", "kind": "country"}])
    append_rows(
        data_copy / "membership.csv",
        [
            {
                "country_code": "BTN",
                "status": "member",
                "year": "2001",
                "source_id": "analyst_test",
                "source_url": "https://example.org/test",
            }
        ],
    )
    append_rows(data_copy / "sources.csv", [ANALYST])
    append_rows(
        data_copy / "observations.csv",
        [
            {
                "country_code": "BTN",
                "indicator_id": "gdp_usd",
                "year": "2002",
                "value": "6000000000",
                "qualifier": "approx",
                "kind": "reported",
                "source_id": "analyst_test",
                "locator": "table 1",
            }
        ],
    )
    ds = load_dataset(data_copy)
    colour = ds.colours["BTN"]
    assert colour == OVERFLOW_PALETTE[0]
    assert colour != OTHER_COLOUR
    assert "BTN" in ds.members_in(2003)

    at = open_app(data_copy, monkeypatch, indicator="gdp_usd")
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert charts.title_of(spec) == "GDP: the 7 SCO members of 2003, values for 2002"
    bars = {r["country"]: r["colour"] for r in chart_rows(at) if r.get("bar_end") is not None}
    assert bars["Bhutan"] == colour
    assert bars["Kazakhstan"] == "#009E73"

    at = open_app(data_copy, monkeypatch, page="indicators/pages/borders.py")
    lookups = [r for r in chart_rows(at, 1) if r.get("iso3") == "BTN" and "colour" in r]
    assert lookups
    assert {r["colour"] for r in lookups} == {colour}
    assert any("Bhutan" in str(r.get("country", "")) for r in lookups)


def test_overflow_colours_go_to_members_before_other_countries() -> None:
    import pandas as pd

    from indicators.analysis.countries import colours

    table = pd.DataFrame(
        {
            "code": ["AAA", "BBB", *(f"X{i:02d}" for i in range(10)), "NEW"],
            "kind": "country",
            "colour": ["#000000", None, *([None] * 10), None],
        }
    )
    out = colours(table, first={"NEW"})
    assert out["AAA"] == "#000000"
    assert out["NEW"] == OVERFLOW_PALETTE[0]  # a member, though last in row order
    assert out["BBB"] == OVERFLOW_PALETTE[1]
    assert list(out.values()).count(OTHER_COLOUR) == max(0, 12 - len(OVERFLOW_PALETTE))
