"""What a visit costs before anyone clicks: the export renderers are loaded on click, not when a page is drawn."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.support import ROOT

#: Heavy modules that only a download needs: vl-convert (PNG/SVG, a ~100 MB native library) and python-pptx (slides).
ON_CLICK_ONLY = ("vl_convert", "pptx")


def test_drawing_every_page_loads_no_export_renderer() -> None:
    # A fresh interpreter: other tests in this process may have rendered a PNG already.
    code = textwrap.dedent(f"""
        import json, sys
        from indicators.pages.registry import PAGES
        from tests.support import open_page
        problems = []
        for page in PAGES:
            at = open_page(page.name)
            problems += [f"{{page.name}}: {{e.value}}" for e in at.exception]
        print(json.dumps({{"problems": problems, "loaded": [m for m in {ON_CLICK_ONLY!r} if m in sys.modules]}}))
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["problems"] == []
    assert result["loaded"] == [], f"imported while drawing the pages, before any click: {result['loaded']}"
