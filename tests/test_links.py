"""View links read as the page scripts read them: the same defaults, checks and notices, the same charts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from indicators import load_dataset
from indicators.load.dataset import Dataset
from indicators.views.links import LinkError, plan_deck, slides_for

ROOT = Path(__file__).parents[1]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def test_a_view_link_gives_its_settings_and_its_figures(ds: Dataset) -> None:
    [slide] = slides_for(ds, ["/?indicator=population&countries=KAZ,KGZ&as_of=2003"])
    assert slide.title == "Population: Kazakhstan and Kyrgyzstan, values for 2002"
    assert "Kazakhstan boasts a population of less than 15 million" in slide.notes
    assert "less than" in slide.legend
    assert slide.unit[0].startswith("Unit: million people.")
    assert slide.sources[0].startswith("Source: ")


def test_unknown_values_fall_back_to_the_default_with_a_notice(ds: Dataset) -> None:
    plan = plan_deck(ds, ["/?indicator=nonsense&countries=KAZ,XXX&log=maybe&colour=red"])
    [slide] = plan.slides
    assert slide.title == "GDP: Kazakhstan, values for 2002"
    said = " ".join(plan.notices)
    assert "indicator 'nonsense' is unknown; showing GDP" in said
    assert "'XXX', not offered here" in said
    assert "log 'maybe' is not on/off" in said
    assert "'colour' is not a setting of this page" in said
    assert all(n.startswith("/?indicator=nonsense") for n in plan.notices)
    assert "About the link:" in slide.notes


@pytest.mark.parametrize(
    ("url", "count"),
    [("/borders?map=0", 1), ("/borders?groups=0", 2), ("/energy?crude=0", 1), ("/?countries=", 0), ("/data", 0)],
)
def test_each_chart_the_page_shows_is_a_slide(ds: Dataset, url: str, count: int) -> None:
    plan = plan_deck(ds, [url])
    assert len(plan.slides) == count
    if count == 0:
        assert plan.notices


def test_a_path_that_names_no_page_is_an_error(ds: Dataset) -> None:
    with pytest.raises(LinkError, match="names no page"):
        plan_deck(ds, ["/", "/charts?x=1"])


def test_energy_link_moves_the_base_year_and_factor(ds: Dataset) -> None:
    slide = slides_for(ds, ["/energy?base_year=2003&bpt=7.2&crude=0"])[0]
    assert "growth of imports 2003–2010, low end: about 12% a year" in slide.notes
    assert "7.20–7.33 barrels a tonne" in slide.notes


@pytest.mark.parametrize("written", ["7.30", "7.3", "7.3e0", "07.30"])
def test_a_factor_written_another_way_is_the_same_factor(ds: Dataset, written: str) -> None:
    # On main "bpt=7.30" was "unknown" (a notice, and the default 7.33 used) while the page's box showed 7.30.
    plan = plan_deck(ds, [f"/energy?bpt={written}"])
    assert not [n for n in plan.notices if "bpt" in n], plan.notices
    assert "÷ 7.3 barrels a tonne" in " ".join(plan.slides[0].unit)


def test_a_factor_that_is_not_a_plain_number_is_still_unknown(ds: Dataset) -> None:
    plan = plan_deck(ds, ["/energy?bpt=7_3", "/energy?bpt=nan"])
    assert len([n for n in plan.notices if "bpt" in n]) == 2, plan.notices


#: Links with settings away from the defaults, on every chart page.
LINKS = [
    "/?indicator=members_share&share_of=population&countries=KAZ,KGZ,TJK",
    "/?indicator=armed_forces&reference=1&year=2002&log=1&as_of=2017",
    "/over_time?indicator=population&countries=CHN,IND&log=0",
    "/borders?groups=0",
    "/energy?base_year=2003&bpt=8.1",
]


@pytest.mark.parametrize("url", LINKS)
def test_slides_show_what_the_page_shows_for_the_same_link(ds: Dataset, url: str) -> None:
    """The page and the deck read a link the same way: the same charts with the same titles and subtitles."""
    path, _, query = url.partition("?")
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (part.split("=", 1) for part in query.split("&")):
        at.query_params[key] = value
    if path.strip("/"):
        at.switch_page(f"indicators/pages/{path.strip('/')}.py")
    at.run()
    assert not at.exception
    drawn = [json.loads(c.proto.spec)["title"] for c in at.get("vega_lite_chart")]
    slides = slides_for(ds, [url])
    assert [s.spec["title"] for s in slides] == drawn
