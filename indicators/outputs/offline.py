"""One self-contained HTML file of some views, for someone with no Python and no network.

Per chart: its headline, the chart drawn by Vega-Lite (inlined, nothing fetched), alt text, unit, sources, the table
of its figures and a link back to the view; then every source with its licence. All data text is HTML-escaped, and
table cells a spreadsheet would run as a formula are neutralised as in every CSV.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

from indicators import charts
from indicators.charts.sizing import unframed
from indicators.outputs import tables
from indicators.outputs.export import spreadsheet_safe
from indicators.outputs.slides import source_entries
from indicators.views.slide_text import Slide

HTML_MIME = "text/html"

_STYLE = """
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; margin: 2rem auto; max-width: 1240px;
       padding: 0 1rem; color: #222; font-size: 18px; line-height: 1.45; }
h1 { font-size: 2rem; } h2 { font-size: 1.6rem; margin: 2.5rem 0 0.2rem; }
.title { font-size: 1.2rem; color: #444; margin: 0 0 0.8rem; }
.chart { width: 100%; } .alt, .sources { color: #444; }
table { border-collapse: collapse; font-size: 16px; margin: 0.8rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.num { text-align: right; white-space: nowrap; }
section { border-top: 1px solid #ddd; }
"""


def _escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def table_html(frame: pd.DataFrame) -> str:
    """The figures as an HTML table: numbers rounded as on screen, text escaped and made inert for a spreadsheet."""
    if frame.empty:
        return "<p>No table of figures for this chart.</p>"
    shown, numeric = tables.display(frame)
    head = "".join(f"<th scope='col'>{_escape(c)}</th>" for c in shown.columns)
    kinds = [" class='num'" if column in numeric else "" for column in shown.columns]
    # Every cell of the display frame is text already (a missing value is "").
    rows = "".join(
        "<tr>"
        + "".join(f"<td{kind}>{_escape(spreadsheet_safe(text))}</td>" for kind, text in zip(kinds, row, strict=True))
        + "</tr>"
        for row in shown.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _script_json(value: Any) -> str:
    """JSON to sit inside a <script> element: no "</" can end the element early."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _section(number: int, chart: Slide, base_url: str) -> str:
    link = base_url.rstrip("/") + chart.url
    parts = [
        f"<section id='view-{number}'>",
        f"<h2>{_escape(chart.headline)}</h2>",
        f"<p class='title'>{_escape(chart.title)}</p>" if chart.title != chart.headline else "",
        f"<div class='chart' id='chart-{number}' role='img' aria-label='{_escape(chart.alt_text)}'></div>",
        f"<p class='alt'><strong>What the chart shows:</strong> {_escape(chart.alt_text)}</p>",
        *(f"<p>{_escape(line)}</p>" for line in chart.unit),
        f"<p class='sources'>{_escape(' '.join(chart.sources))}</p>",
        "<h3>The figures</h3>",
        table_html(chart.table),
        f"<p>In the dashboard: <a href='{_escape(link)}'>{_escape(link)}</a></p>",
        # Drawn without its title and footer: the page states them as text around it.
        f"<script type='application/json' id='spec-{number}'>{_script_json(unframed(chart.spec))}</script>",
        "</section>",
    ]
    return "\n".join(p for p in parts if p)


#: Draws each chart from its spec once the bundle has defined ``vegaEmbed``; a chart that fails says so in place.
_DRAW = """
document.querySelectorAll("script[id^='spec-']").forEach(function (node) {
  var target = document.getElementById(node.id.replace("spec-", "chart-"));
  vegaEmbed(target, JSON.parse(node.textContent), {renderer: "svg", actions: false})
    .then(function () { target.setAttribute("data-drawn", "1"); })
    .catch(function (error) { target.textContent = "This chart could not be drawn: " + error; });
});
"""


def offline_page(slides: Sequence[Slide], sources: pd.DataFrame, base_url: str) -> str:
    """The HTML file's text: every chart of ``slides`` with its finding, figures and sources, then all sources;
    ``base_url`` is where the dashboard runs, for the links back to each view ("" for links relative to the page)."""
    entries = "".join(
        f"<li>{_escape(citation)}<br><span class='sources'>{_escape(licence)}</span></li>"
        for citation, licence in source_entries(sources)
    )
    body = "\n".join(_section(i, chart, base_url) for i, chart in enumerate(slides, start=1))
    bundle = charts.javascript_bundle().replace("</script", "<\\/script")
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>SCO indicators: views</title>"
        f"<style>{_STYLE}</style></head><body>\n"
        "<h1>SCO indicators</h1>"
        "<p>Figures from Zhao Huasheng's essay on security building in Central Asia and the SCO (c. 2003), beside "
        "the open record. Each chart is drawn in this file; nothing is fetched from the network.</p>\n"
        f"{body}\n<section><h2>Sources and licences</h2><ul>{entries}</ul></section>\n"
        f"<script>{bundle}</script>\n<script>{_DRAW}</script>\n</body></html>\n"
    )
