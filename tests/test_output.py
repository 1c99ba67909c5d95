"""Every command that writes goes through one safe writer: no link written through (dangling ones included), no
data-folder file replaced by another command, no empty --out, a folder of files written all or none; and
import-reference reads its inputs strictly and says which it used. Each case wrote on main."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from indicators.load.dataset import load_dataset
from indicators.load.reference import MEMBERSHIP_FILE
from indicators.outputs.output import OutputError, write_output, write_outputs
from tests.support import run_cli
from tests.test_export_safety import upstream_from

ROOT = Path(__file__).parents[1]


def _refused(done: object, *words: str) -> None:
    stderr = done.stderr  # type: ignore[attr-defined]
    assert done.returncode == 1, stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    for word in words:
        assert word in stderr, stderr


def test_slides_refuse_a_link_and_a_dangling_link(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep\n")
    link = tmp_path / "deck.pptx"
    link.symlink_to(target)
    _refused(run_cli("slides", "--out", str(link), "--force"), "symbolic link")
    assert target.read_text() == "keep\n"
    dangling = tmp_path / "dangling.pptx"
    dangling.symlink_to(tmp_path / "created-through-the-link.pptx")
    _refused(run_cli("slides", "--out", str(dangling)), "symbolic link")
    assert not (tmp_path / "created-through-the-link.pptx").exists()


def test_slides_refuse_the_data_folder_and_an_empty_out(data_copy: Path) -> None:
    before = (data_copy / "observations.csv").read_bytes()
    done = run_cli("slides", "--out", str(data_copy / "observations.csv"), "--force", "--data-dir", str(data_copy))
    _refused(done, "data folder")
    assert (data_copy / "observations.csv").read_bytes() == before
    _refused(run_cli("slides", "--out", ""), "--out is empty")


def test_datapackage_refuses_a_descriptor_that_links_outside(data_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text("keep\n")
    (data_copy / "datapackage.json").unlink()
    (data_copy / "datapackage.json").symlink_to(outside)
    _refused(run_cli("datapackage", str(data_copy)), "symbolic link")
    assert outside.read_text() == "keep\n"


def test_export_force_writes_all_files_or_none(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("export", "--out", str(out), "--data-dir", str(data_copy)).returncode == 0
    for path in out.iterdir():
        path.write_text("old\n")
    (out / "relations.csv").unlink()
    (out / "relations.csv").mkdir()  # one target is a folder
    _refused(run_cli("export", "--out", str(out), "--force", "--data-dir", str(data_copy)), "relations.csv is a folder")
    assert {p.name: p.read_text() for p in out.iterdir() if p.is_file()} == {
        p.name: "old\n" for p in out.iterdir() if p.is_file()
    }
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_write_outputs_puts_back_what_it_replaced_when_a_rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {tmp_path / f"{n}.csv": f"new {n}\n".encode() for n in range(4)}
    for path in files:
        path.write_text("old\n")
    real = os.replace
    calls = []

    def third_fails(src: str, dst: object) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr("indicators.outputs.output.os.replace", third_fails)
    with pytest.raises(OSError, match="No space"):
        write_outputs(files, force=True)
    assert {p.read_text() for p in files} == {"old\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in files]


def test_write_output_refuses_what_it_should(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="--out is empty"):
        write_output("", b"x")
    with pytest.raises(OutputError, match="data folder"):
        write_output(ROOT / "data" / "observations.csv", b"x", force=True)
    (tmp_path / "a.txt").write_text("a")
    with pytest.raises(OutputError, match="add --force"):
        write_output(tmp_path / "a.txt", b"x")
    with pytest.raises(OutputError, match="does not exist"):
        write_output(tmp_path / "no" / "a.txt", b"x")
    assert write_output(tmp_path / "a.txt", b"b", force=True).read_text() == "b"


@pytest.fixture
def upstream(tmp_path: Path) -> Path:
    """Extracts that rebuild the shipped reference.csv and membership.csv."""
    folder = upstream_from(load_dataset().reference, tmp_path / "upstream")
    membership = pd.read_csv(ROOT / "data" / "membership.csv", dtype=str, keep_default_na=False)
    membership.rename(columns={"country_code": "iso3"}).drop(columns="source_id").to_csv(folder / MEMBERSHIP_FILE, index=False)
    return folder


def test_import_reference_reads_membership_strictly_and_names_what_it_read(data_copy: Path, upstream: Path) -> None:
    done = run_cli("import-reference", str(upstream), "--data-dir", str(data_copy))
    assert done.returncode == 0, done.stderr
    assert f"Read from {upstream}: " in done.stdout
    assert MEMBERSHIP_FILE in done.stdout
    (upstream / MEMBERSHIP_FILE).unlink()
    (upstream / MEMBERSHIP_FILE).symlink_to("/etc/passwd")
    _refused(run_cli("import-reference", str(upstream), "--data-dir", str(data_copy)), "outside the data folder")
    (upstream / MEMBERSHIP_FILE).unlink()
    os.mkfifo(upstream / MEMBERSHIP_FILE)
    _refused(run_cli("import-reference", str(upstream), "--data-dir", str(data_copy)), "named pipe (FIFO)")
