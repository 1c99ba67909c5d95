"""China's oil imports as the essay states and projects them, the EIA crude reference, and their alt text."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from indicators.charts import own
from indicators.charts.style import LABEL_SIZE, TEXT_SIZE, framed, records, source_lines, tooltips


def energy_chart(
    points: pd.DataFrame,
    demand: pd.DataFrame,
    paths: pd.DataFrame,
    net_importer_from: int | None,
    record: pd.DataFrame | None = None,
    barrels_per_tonne: float | None = None,
    added: pd.DataFrame | None = None,
    added_label: str | None = None,
) -> alt.LayerChart:
    """China's oil imports: reported figure, the projection as a band, the demand it implies, and (``record``:
    year, imports_mt, net_imports_mt, imports_kbd) what the record shows, on the same axis; ``added`` (year, y,
    y_lower, y_upper, label, source, ...): the person's own figures, drawn apart (:mod:`indicators.charts.own`)."""
    record = record.dropna(subset=["imports_mt"]) if record is not None else pd.DataFrame()
    years = [int(y) for y in [*points["year"], *demand["year"], *record.get("year", []), *own.extent(added, ["year"])]]
    years += [] if net_importer_from is None else [net_importer_from]
    first, last = min(years) - 1, max(years) + 2  # a little room either side
    tops = [float(v) for frame in (points, demand) for col in ("value", "upper") if col in frame for v in frame[col].dropna()]
    tops += [float(v) for v in record.get("imports_mt", [])] + own.extent(added, ("y", "y_upper"))
    x_scale = alt.Scale(domain=[first, last], nice=False)
    y_scale = alt.Scale(domain=[0, max(tops) * 1.05], nice=False)
    x = alt.X("year:Q", title="Year", scale=x_scale, axis=alt.Axis(format="d", values=list(range(first, last + 1, 2))))
    layers: list[alt.Chart] = []

    def at(column: str, **axis: Any) -> dict[str, Any]:
        return {"x": x, "y": alt.Y(f"{column}:Q", scale=y_scale, **axis)}

    if net_importer_from is not None:
        flag = alt.Chart(
            pd.DataFrame({"year": [net_importer_from], "text": [f"net oil importer from {net_importer_from} (essay)"]})
        )
        layers.append(flag.mark_rule(strokeDash=[2, 3], color="#555555").encode(x=x))
        # Over two lines at the plot's top, where the record is still low: in one line, enlarged for a room, it ran
        # into the labels of the record's end and of the implied demand.
        text = flag.mark_text(align="left", baseline="top", dx=6, y=4, fontSize=TEXT_SIZE, color="#333333")
        layers.append(text.encode(x=x, text=alt.value(["net oil importer", f"from {net_importer_from} (essay)"])))
    if not paths.empty:
        band = alt.Chart(records(paths, ["year", "low", "high", "text"]))
        tip = tooltips("year:Q", "text:N", text="Constant-growth paths to the projection's ends (derived)")
        area = band.mark_area(color="#D55E00", opacity=0.18)
        layers.append(area.encode(**at("low", title="Oil, million tonnes a year"), y2="high:Q", tooltip=tip))
        for edge in ("low", "high"):
            layers.append(band.mark_line(strokeDash=[5, 4], color="#D55E00", strokeWidth=1.4).encode(**at(edge), tooltip=tip))

    def bounds(
        data: pd.DataFrame, colour: str, text_colour: str, tip: list[alt.Tooltip], left: bool = False, **rule: Any
    ) -> list[alt.Chart]:
        """A thick rule from ``lower`` to ``upper``, labelled at its top on its right (``left``: at its foot on its left)."""
        text = alt.Chart(data).mark_text(
            align="right" if left else "left", dx=-8 if left else 8, fontSize=LABEL_SIZE, color=text_colour
        )
        return [
            alt.Chart(data).mark_rule(strokeWidth=5, color=colour, **rule).encode(**at("lower"), y2="upper:Q", tooltip=tip),
            text.encode(**at("lower" if left else "upper"), text="label:N"),
        ]

    fields = ["year", "value", "lower", "upper", "label", "qualifier_label", "series", "source", "locator", "evidence"]
    proj, rep = (records(points[points["kind"] == kind], fields) for kind in ("projection", "reported"))
    tip = tooltips("label:N", "series:N", "qualifier_label:N", "locator:N", "evidence:N", series="Kind")
    if not proj.empty:
        layers += bounds(proj, "#D55E00", "#A04000", tip)
    if not rep.empty:
        reported = alt.Chart(rep)
        layers.append(reported.mark_point(filled=True, size=120, color="#0072B2", opacity=0.6).encode(**at("value"), tooltip=tip))
        # Above and left of the point, over the record's low early years: below it, on a slide's short plot, the label
        # ran into the year axis; to its right run the band and the record.
        label = reported.mark_text(align="right", baseline="bottom", dx=-6, dy=-12, fontSize=LABEL_SIZE, color="#0B4F7A")
        layers.append(label.encode(**at("value"), text="label:N"))
    if not record.empty:
        rec = records(record, ["year", "imports_mt", "net_imports_mt", "imports_kbd"])
        rec["text"] = [f"{v:,.1f} Mt" for v in rec["imports_mt"]]
        named = {"imports_kbd": "As published, thousand barrels a day", "net_imports_mt": "Net of crude exports, Mt"}
        rtip = tooltips("year:Q", "text:N", "imports_kbd:Q:,.0f", "net_imports_mt:Q:,.1f", text="Crude imports (record)", **named)
        line = alt.Chart(rec).mark_line(color="#222222", strokeWidth=2.2, point=alt.OverlayMarkDef(size=36, color="#222222"))
        layers.append(line.encode(**at("imports_mt"), tooltip=rtip))
        last_rec = alt.Chart(rec.sort_values("year").tail(1))
        # Level with the line's end, to its left: above the end it ran into the essay's flag at the plot's top.
        text = last_rec.mark_text(align="right", dx=-10, fontSize=LABEL_SIZE, color="#222222")
        layers.append(text.encode(**at("imports_mt"), text=alt.value("the record (crude)")))
    if not demand.empty:
        dem = records(demand, ["year", "lower", "upper", "label", "formula", "inputs"])
        dtip = tooltips("label:N", "formula:N", "inputs:N", label="Implied demand", inputs="Inputs")
        # Its label to the left of the rule's foot: to the right, the record's line climbs through it after 2010.
        layers += bounds(dem, "#555555", "#555555", dtip, left=True, strokeDash=[3, 2])
    layers += own.time_layers(added, x=x, y_scale=y_scale)
    items: list[tuple[str, str]] = [("point", f"reported: {r['label']}") for _, r in rep.iterrows()]
    items += [("range", f"cited projection: {r['label']}") for _, r in proj.iterrows()]
    if not paths.empty:
        items.append(("band", f"constant growth from {int(paths['year'].min())} (derived)"))
    # Its formula is in the tooltip and the table; the legend entry stays short enough for two columns.
    items += [("dashed", f"implied demand: {r['label']}") for _, r in demand.iterrows()]
    subtitle = ["Unit: million tonnes a year. Projection and derived values are styled apart from reported ones."]
    title = "China's oil imports: the essay's figures and projection"
    if not record.empty:
        span = f"{int(record['year'].min())}–{int(record['year'].max())}"
        items.append(("line", f"the record (EIA crude imports), {span}"))
        subtitle.append(
            f"Line: the record, crude oil only (the essay says oil), thousand barrels a day × 365 ÷ {barrels_per_tonne:g} barrels a tonne."
        )
        title = "China's oil imports: the essay and the record"
    if mine := own.legend(added, added_label):
        items += mine
        subtitle.append(own.subtitle_note(added_label))
    subtitle += source_lines(
        list(points["source"]), "Record: U.S. EIA, International Energy Statistics." if not record.empty else ""
    )
    return framed(layers, items, title, subtitle, 380, columns=1)


def crude_chart(crude: pd.DataFrame, net_importer_from: int | None) -> alt.LayerChart:
    """EIA crude-oil net imports (reference; crude only, in barrels, not the essay's unit)."""
    data = records(crude, ["year", "value", "unit", "series_code"])
    span = [int(data["year"].min()), int(data["year"].max())] if not data.empty else [0, 1]
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(domain=span, nice=False))
    line = (
        alt.Chart(data)
        .mark_line(point=True, color="#0072B2")
        .encode(
            x=x,
            y=alt.Y("value:Q", title="Crude oil net imports (thousand barrels a day)"),
            tooltip=tooltips("year:Q", "value:Q:,.0f", "series_code:N", value="Net imports, kb/d", series_code="Series"),
        )
    )
    zero = alt.Chart(pd.DataFrame({"value": [0]})).mark_rule(color="#333333").encode(y="value:Q")
    layers: list[alt.Chart] = [zero, line]
    items = [("point", "EIA crude-oil net imports (reference data)")]
    if net_importer_from is not None:
        flag = pd.DataFrame({"year": [net_importer_from]})
        layers.append(alt.Chart(flag).mark_rule(strokeDash=[2, 3], color="#555555").encode(x=x))
        items.append(("dashed", f"the essay's 'net importer since' year, {net_importer_from}"))
    subtitle = [
        "Unit: thousand barrels a day; crude oil only (refined products excluded),",
        "so not comparable with the essay's tonnes. Below zero = net crude exporter.",
        "Source: U.S. EIA, International Energy Statistics (retrieved 2026-03-28).",
    ]
    return framed(layers, items, f"Reference: China's crude oil net imports, {span[0]}–{span[1]}", subtitle, 260)


def energy_alt_text(points: pd.DataFrame, demand: pd.DataFrame, net_importer_from: int | None) -> str:
    parts = [f"{r['label']}, {r['series']}" for _, r in points.iterrows()]
    parts += [f"implied demand {r['label']} in {int(r['year'])}" for _, r in demand.iterrows()]
    text = "Chart of China's oil imports in million tonnes a year: " + "; ".join(parts) + "."
    text += " The projection is drawn as a band between constant-growth paths from the reported figure."
    if net_importer_from is not None:
        text += f" A dashed line marks {net_importer_from}, when the essay says China became a net oil importer."
    return text


def crude_alt_text(crude: pd.DataFrame) -> str:
    if crude.empty:
        return "No crude-oil data."
    first, last = crude.iloc[0], crude.iloc[-1]
    positive = crude.loc[crude["value"] > 0, "year"]
    turn = f" Net imports are positive from {int(positive.min())}." if not positive.empty else ""
    return (
        f"Line chart of China's crude-oil net imports (U.S. EIA), {int(first['year'])} to {int(last['year'])}, "
        f"in thousand barrels a day: {first['value']:,.0f} in {int(first['year'])}, {last['value']:,.0f} in {int(last['year'])}.{turn}"
    )
