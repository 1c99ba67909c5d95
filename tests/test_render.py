"""Charts are drawn in a worker process: text the drawing engine cannot take is a message, never an abort of the
server (vl-convert panicked on a control character and the panic ended the whole process, every session with it)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from indicators.charts.render import RenderError, render
from indicators.pages import failures

ROOT = Path(__file__).parents[1]

SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "data": {"values": [{"country": "Kazakhstan", "value": 14.9}]},
    "mark": "bar",
    "encoding": {"x": {"field": "value", "type": "quantitative"}, "y": {"field": "country", "type": "nominal"}},
    "title": "Population",
}


def test_a_process_that_draws_a_control_character_lives_on() -> None:
    # On main, charts.to_png/to_svg ran vl-convert in the calling process: this child aborted with exit 134.
    code = textwrap.dedent(
        f"""
        from indicators import charts
        spec = {SPEC!r}
        bad = dict(spec, title="Popul\\x1bation \\x01")
        for draw in (lambda: charts.to_svg(bad), lambda: charts.to_png(bad, scale=2)):
            try:
                draw()
            except charts.RenderError as err:
                print("refused:", err)
        print("png after:", charts.to_png(spec, scale=1)[:4])
        """
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0].startswith("refused: The chart could not be drawn as SVG:"), done.stdout
    assert lines[1].startswith("refused: The chart could not be drawn as PNG:"), done.stdout
    assert lines[2] == "png after: b'\\x89PNG'"


def test_render_gives_png_and_svg_and_refuses_what_is_not_data() -> None:
    assert render(SPEC, "png", 1.0)[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"Kazakhstan" in render(SPEC, "svg")
    with pytest.raises(RenderError, match="not plain data"):
        render({**SPEC, "width": float("nan")}, "png")
    with pytest.raises(RenderError, match="could not be drawn as PNG"):
        render({"mark": "no-such-mark", "data": {"values": []}}, "png")


def test_a_failed_download_is_kept_for_its_session_and_said_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(failures, "_session_id", lambda: "session-1")
    make = failures.guarded(lambda: render({**SPEC, "title": "a\x1bb"}, "svg"), "SVG of the chart")
    with pytest.raises(RenderError):
        make()
    deck = failures.guarded(lambda: (_ for _ in ()).throw(ValueError("All strings must be XML compatible")), "slide deck")
    with pytest.raises(ValueError, match="XML"):
        deck()
    said = failures.pending("session-1")
    assert said[0].startswith("The chart could not be drawn as SVG:")
    assert said[1] == "The slide deck could not be made: All strings must be XML compatible"
    assert failures.pending("session-1") == []
    assert failures.pending("another session") == []
