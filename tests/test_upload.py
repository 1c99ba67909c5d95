"""Bring your own figures: one observations file checked against the shipped package (library, CLI, page)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from indicators.load.dataset import Dataset, load_dataset
from indicators.load.upload import UNKNOWN_SOURCE_MESSAGE, check_upload, template_csv
from indicators.pages.registry import page_named
from tests.support import run_cli

ROOT = Path(__file__).parents[1]
CITATION = "Jane Doe, My own figures (2026), table 3."


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def _lines(ds: Dataset) -> list[str]:
    return template_csv(ds).decode("utf-8-sig").splitlines()


def _file(ds: Dataset, row: str) -> bytes:
    return (_lines(ds)[0] + "\n" + row + "\n").encode()


def _found(problems: object) -> set[tuple[int | None, str | None, str]]:
    return {(p.row, p.column, p.check) for p in problems}  # type: ignore[attr-defined]


def test_a_valid_file_with_a_known_source_is_accepted(ds: Dataset) -> None:
    row = _lines(ds)[1].replace("my_source", "datahub_population_425fc44")
    result = check_upload(ds, _file(ds, row), "mine.csv")
    assert result.problems == ()
    assert result.rows is not None
    assert list(result.rows["source_id"]) == ["datahub_population_425fc44"]
    assert list(result.rows.columns) == list(ds.observations.columns)
    assert result.new_sources is not None
    assert result.new_sources.empty


def test_a_bad_cell_is_reported_with_its_line_and_column(ds: Dataset) -> None:
    row = _lines(ds)[1].replace("15000000,", "abc,", 1)
    result = check_upload(ds, _file(ds, row), "mine.csv", CITATION)
    assert result.rows is None
    assert _found(result.problems) == {(2, "value", "coerce_dtype('float64')")}
    assert result.problems[0].file == "mine.csv"


def test_an_unknown_country_is_a_foreign_key_problem(ds: Dataset) -> None:
    row = _lines(ds)[1].replace("KAZ", "XYZ")
    result = check_upload(ds, _file(ds, row), "mine.csv", CITATION)
    assert _found(result.problems) == {(2, "country_code", "foreign_key(countries.code)")}


def test_an_unknown_source_without_a_citation_asks_for_one(ds: Dataset) -> None:
    result = check_upload(ds, template_csv(ds), "mine.csv")
    assert result.rows is None
    assert _found(result.problems) == {(2, "source_id", "foreign_key(sources.source_id)")}
    assert result.problems[0].message == UNKNOWN_SOURCE_MESSAGE


def test_an_unknown_source_with_a_citation_becomes_a_new_source(ds: Dataset) -> None:
    result = check_upload(ds, template_csv(ds), "mine.csv", CITATION)
    assert result.ok
    assert result.rows is not None
    assert len(result.rows) == 1
    assert result.new_sources is not None
    assert list(result.new_sources["source_id"]) == ["my_source"]
    assert list(result.new_sources["citation"]) == [CITATION]
    assert list(result.new_sources["kind"]) == ["reference"]


def test_a_semicolon_file_is_said_once(ds: Dataset) -> None:
    data = template_csv(ds).decode("utf-8-sig").replace(",", ";").encode()
    result = check_upload(ds, data, "mine.csv", CITATION)
    assert _found(result.problems) == {(1, None, "comma_separated")}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("validate", *args, timeout=180)


def test_validate_file_accepts_and_refuses(ds: Dataset, tmp_path: Path) -> None:
    good = tmp_path / "mine.csv"
    good.write_bytes(template_csv(ds))
    refused = _cli(str(good))
    assert refused.returncode == 1, refused.stderr
    assert "mine.csv, row 2, column source_id: unknown source: add one line of citation" in refused.stderr
    accepted = _cli(str(good), "--citation", CITATION)
    assert accepted.returncode == 0, accepted.stderr
    assert "1 valid figure(s)" in accepted.stdout
    assert "my_source" in accepted.stdout
    bad = tmp_path / "bad.csv"
    bad.write_bytes(template_csv(ds).replace(b"KAZ", b"XYZ"))
    out = _cli(str(bad), "--citation", CITATION)
    assert out.returncode == 1
    assert "bad.csv, row 2, column country_code:" in out.stderr
    assert "XYZ is not a code in countries.csv" in out.stderr
    for run in (refused, accepted, out):
        assert "Traceback" not in run.stdout + run.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_validate_file_refuses_a_fifo_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "observations.csv"
    os.mkfifo(fifo)
    out = _cli(str(fifo))
    assert out.returncode == 1
    assert "observations.csv: is a named pipe (FIFO), not a regular file" in out.stderr
    assert "named pipe" in out.stderr
    assert "Traceback" not in out.stdout + out.stderr


# ------------------------------------------------------------ data text is text (item 6)

HOSTILE = "**b** [x](javascript:alert(1))"
ESCAPED = r"\*\*b\*\* \[x\](javascript\:alert(1))"


@pytest.fixture
def hostile_data(edit_cell: Callable[[str, int, str, str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ where Kazakhstan is named, and the essay cited, as Markdown with a script link."""
    citation = str(load_dataset().essay["citation"])
    folder = edit_cell("countries.csv", 4, "name", HOSTILE)
    edit_cell("sources.csv", 2, "citation", HOSTILE)
    descriptor = folder / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    descriptor.write_text(text.replace(json.dumps(citation, ensure_ascii=False), json.dumps(HOSTILE)), encoding="utf-8")
    monkeypatch.setenv("SCO_DATA_DIR", str(folder))
    return folder


def _texts(at: AppTest) -> list[str]:
    texts = [m.value for m in [*at.markdown, *at.caption, *at.info, *at.warning]]
    texts += [m.label for m in at.metric] + [m.help or "" for m in at.metric]
    return texts


def _open(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    entry = page_named(page)
    if not entry.default:
        at.switch_page(entry.app_path)
    at.run()
    return at


def test_a_hostile_country_name_shows_literally_on_the_compare_page(hostile_data: Path) -> None:
    at = _open("compare")
    assert not at.exception
    texts = _texts(at)
    assert any(ESCAPED in t for t in [m.label for m in at.metric]), [m.label for m in at.metric]
    assert not any(HOSTILE in t for t in texts)


def test_a_hostile_citation_shows_literally_on_the_data_page(hostile_data: Path) -> None:
    at = _open("data")
    assert not at.exception
    texts = _texts(at)
    assert any(f"**Cite the essay as:** {ESCAPED}" in t for t in texts)
    assert any(ESCAPED in t for t in [c.value for c in at.caption])  # the footer
    assert not any(HOSTILE in t for t in texts)


# ------------------------------------------------------------ the data page's upload, and the comparisons


def _own_row(ds: Dataset) -> bytes:
    header = _lines(ds)[0]
    row = "KAZ,population,2020,18700000,approx,,,reported,my_source,table 3,,,my note"
    return (header + "\n" + row + "\n").encode()


def test_the_data_page_adds_figures_for_the_session_and_the_comparisons_draw_them_apart(ds: Dataset) -> None:
    at = _open("data")
    uploader = at.get("file_uploader")[0]
    uploader.set_value(("mine.csv", _own_row(ds), "text/csv"))  # type: ignore[union-attr]
    at.run()
    assert not at.exception
    said = [m.value.replace("\\", "") for m in at.markdown]  # as read: without Markdown's escapes
    assert any("mine.csv, row 2, column source_id: unknown source: add one line of citation" in m for m in said)
    assert any("unknown source: add one line of citation" in str(v) for v in at.dataframe[0].value["What is wrong"])
    assert not any("figures added" in s.value for s in at.success)
    at.text_input(key="data_upload_citation").input(CITATION)
    at.run()
    assert not at.exception
    assert any("1 figures added for this browser session" in s.value for s in at.success)
    shown = [d.value for d in at.dataframe]
    assert any("18,700,000" in frame.to_string() or "18700000" in frame.to_string() for frame in shown)
    at.query_params["indicator"] = "population"
    at.query_params["countries"] = "KAZ,KGZ"
    at.switch_page("indicators/pages/compare.py")
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "2020" in table.to_string()
    assert "Jane Doe" in table.to_string()
    # Beside the essay's figure, not in its place: Kazakhstan keeps its 2002 essay row, the upload is a row of its own.
    kaz = table[table["Country"] == "Kazakhstan"]
    assert {"added by you"} < set(kaz["Basis"]), kaz.to_string()
    assert "2002" in kaz.to_string()
    at.query_params.clear()
    at.query_params["indicator"] = "population"
    at.query_params["countries"] = "KAZ"
    at.switch_page(page_named("over_time").app_path)
    at.run()
    assert not at.exception
    over_time = at.dataframe[0].value
    assert "added by you" in over_time.to_string()
    assert "Jane Doe" in over_time.to_string()


# --- every problem of a file, in words a person can act on ------------------------------------------------------

#: What no message a person reads may carry: the schema library's check names, regular expressions, Python lists.
JARGON = ("coerce_dtype", "str_matches", "isin(", "foreign_key", "float64", "int64", "^", "$", "[A-Z", "\\d", "('")


def _two_mistakes(ds: Dataset) -> bytes:
    """Two rows, two mistakes: a value written with words, and a country code nobody defines."""
    row = _lines(ds)[1]
    return _file(ds, row.replace("15000000,", "19.0 million,", 1) + "\n" + row.replace("KAZ", "XYZ"))


def _assert_plain(messages: list[str]) -> None:
    for message in messages:
        assert not [word for word in JARGON if word in message], message


def test_every_problem_of_a_file_is_listed_in_plain_words(ds: Dataset) -> None:
    result = check_upload(ds, _two_mistakes(ds), "mine.csv", CITATION)
    assert _found(result.problems) == {
        (2, "value", "coerce_dtype('float64')"),
        (3, "country_code", "foreign_key(countries.code)"),
    }
    messages = {p.column: p.message for p in result.problems}
    assert "write the number without words or separators: 19000000" in messages["value"]
    assert "XYZ is not a code in countries.csv" in messages["country_code"]
    assert "UZB" in messages["country_code"]  # the nearest known codes, from countries.csv
    _assert_plain(list(messages.values()))


def test_validate_file_lists_every_problem_without_jargon(ds: Dataset, tmp_path: Path) -> None:
    bad = tmp_path / "two.csv"
    bad.write_bytes(_two_mistakes(ds))
    out = _cli(str(bad), "--citation", CITATION)
    assert out.returncode == 1
    assert "INVALID: 2 problem(s)" in out.stderr
    lines = out.stderr.splitlines()[1:]
    assert [line.split(":", 1)[0] for line in lines] == ["two.csv, row 2, column value", "two.csv, row 3, column country_code"]
    _assert_plain([line.split(":", 1)[1].rsplit(" (value:", 1)[0] for line in lines])


@pytest.mark.parametrize(
    ("cell", "column", "hint"),
    [
        ("about", "qualifier", "must be one of exact, approx, lt, gt, range (did you mean approx?)"),
        ("2OO2", "year", "not a whole number: write digits only, as in 2002"),
        ("kaz", "country_code", "a three-letter country code in capitals (as in KAZ)"),
        ("US$1.1 billion", "value", "write the number without words or separators: 1100000000"),
    ],
)
def test_a_message_says_what_to_write(ds: Dataset, cell: str, column: str, hint: str) -> None:
    header, row = _lines(ds)[:2]
    cells = row.split(",")
    cells[header.split(",").index(column)] = cell
    result = check_upload(ds, _file(ds, ",".join(cells)), "mine.csv", CITATION)
    messages = [p.message for p in result.problems if p.column == column]
    assert messages, result.problems
    assert hint in messages[0]
    _assert_plain(messages)


def test_the_data_page_lists_every_problem_of_an_upload_in_plain_words(ds: Dataset) -> None:
    at = _open("data")
    assert at.success[0].value.startswith("All figures checked:")  # the page's first line, in plain words
    assert "indicators/schemas" not in at.success[0].value
    at.get("file_uploader")[0].set_value(("two.csv", _two_mistakes(ds), "text/csv"))  # type: ignore[union-attr]
    at.text_input(key="data_upload_citation").input(CITATION)
    at.run()
    assert not at.exception
    assert "2 problem(s) in two.csv" in at.error[0].value
    shown = [m.value.replace("\\", "") for m in at.markdown]  # as read: without Markdown's escapes
    said = next(m for m in shown if "two.csv, row 2" in m).splitlines()
    assert len(said) == 2
    assert "two.csv, row 2, column value: not a number: write the number without words or separators: 19000000" in said[0]
    assert "two.csv, row 3, column country_code: XYZ is not a code in countries.csv" in said[1]
    _assert_plain([line.split(":", 1)[1].rsplit("(value", 1)[0] for line in said])
    # The message comes first in the technical table, with the check's name last.
    assert list(at.dataframe[0].value.columns) == ["What is wrong", "File", "Line", "Column", "value", "check"]
