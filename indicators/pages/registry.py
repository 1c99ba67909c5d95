"""The dashboard's pages, listed once: ``app.py`` routes to them, view links name them, the tests and the benchmark
visit them. Nothing here imports Streamlit, so the tests and ``scripts/bench.py`` read the list without an app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The folder of the page scripts.
PAGES_DIR = Path(__file__).resolve().parent

#: The folder of ``app.py``: Streamlit's AppTest names pages relative to it.
APP_DIR = PAGES_DIR.parents[1]


@dataclass(frozen=True)
class Page:
    """One page: its script's stem, its title (in the menu and as its ``st.title``, which the smoke tests assert, so
    a silent fall back to another page fails) and the Vega-Lite charts it draws with default settings (the browser
    tests and the benchmark wait for them). The default page is served at ``/``, every other at ``/<name>``."""

    name: str
    title: str
    charts: int = 0
    default: bool = False

    @property
    def heading(self) -> str:
        return self.title

    @property
    def script(self) -> str:
        return f"{self.name}.py"

    @property
    def url_path(self) -> str:
        return "" if self.default else self.name

    @property
    def url(self) -> str:
        return "/" + self.url_path

    @property
    def path(self) -> Path:
        """The page script, absolute (what ``st.Page`` runs)."""
        return PAGES_DIR / self.script

    @property
    def app_path(self) -> str:
        """The page script relative to ``app.py``'s folder (what ``AppTest.switch_page`` takes)."""
        return self.path.relative_to(APP_DIR).as_posix()


#: Every page, in menu order.
PAGES = (
    Page("compare", "Compare members", charts=1, default=True),
    Page("over_time", "The record over time", charts=1),
    Page("borders", "Borders", charts=2),
    Page("energy", "China's energy outlook", charts=2),
    Page("claims", "Claims scorecard"),
    Page("data", "Data and sources"),
    # The deck's views one at a time, full-screen: one chart, no sidebar.
    Page("present", "Present", charts=1),
)


def page_named(name: str) -> Page:
    """The registered page called ``name`` (its script's stem); a KeyError for any other name."""
    return {entry.name: entry for entry in PAGES}[name]
