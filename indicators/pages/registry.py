"""The dashboard's pages, listed once: ``app.py`` routes to them, the tests and the benchmark visit them.

Registering a page is one :class:`Page` in :data:`PAGES`.  Nothing here imports Streamlit, so the tests
and ``scripts/bench.py`` read the list without starting an app.
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
    """One page of the dashboard and what a visit to it with default settings shows."""

    #: File name of the page script in ``indicators/pages/``.
    script: str
    #: Label in the navigation menu.
    title: str
    #: The page's own ``st.title`` (the smoke tests assert it, so a silent fall back to another page fails).
    heading: str
    #: Path of the page's URL without the leading slash; empty for the default page, served at ``/``.
    url_path: str = ""
    #: Vega-Lite charts the page draws with default settings (the browser tests and the benchmark wait for them).
    charts: int = 0
    #: Material icon for the menu (``":material/name:"``) or an emoji; None for none.
    icon: str | None = None

    @property
    def name(self) -> str:
        """Short name for test ids, screenshots and benchmark rows: the script's stem."""
        return Path(self.script).stem

    @property
    def default(self) -> bool:
        return self.url_path == ""

    @property
    def path(self) -> Path:
        """The page script, absolute (what ``st.Page`` runs)."""
        return PAGES_DIR / self.script

    @property
    def app_path(self) -> str:
        """The page script relative to ``app.py``'s folder (what ``AppTest.switch_page`` takes)."""
        return self.path.relative_to(APP_DIR).as_posix()

    @property
    def url(self) -> str:
        """The page's path on the server: ``/`` for the default page, else ``/<url_path>``."""
        return "/" + self.url_path


#: Every page, in menu order; the one with an empty ``url_path`` opens at ``/``.
PAGES: tuple[Page, ...] = (
    Page("compare.py", "Compare members", heading="Compare members", charts=1),
    Page("over_time.py", "The record over time", heading="The record over time", url_path="over_time", charts=1),
    Page("borders.py", "Borders", heading="Borders", url_path="borders", charts=2),
    Page("energy.py", "China's energy outlook", heading="China's energy outlook", url_path="energy", charts=2),
    Page("claims.py", "Claims scorecard", heading="Claims scorecard", url_path="claims", charts=0),
    Page("data.py", "Data and sources", heading="Data and sources", url_path="data", charts=0),
    # The deck's views one at a time, full-screen: one chart, no sidebar.
    Page("present.py", "Present", heading="Present", url_path="present", charts=1),
)


def page_named(name: str) -> Page:
    """The registered page called ``name`` (its script's stem)."""
    for entry in PAGES:
        if entry.name == name:
            return entry
    raise KeyError(f"no page {name!r} in indicators/pages/registry.py")
