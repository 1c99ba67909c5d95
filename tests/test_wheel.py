"""The wheel built from a clean copy holds every module of the package and imports outside the checkout.

An editable install (what ``make`` does) reads the working tree, so a sub-package missing from the packaging
settings goes unnoticed there; only a real wheel, unpacked away from the checkout, shows it.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from indicators.pages.registry import PAGES
from tests.support import ROOT

#: Page scripts run Streamlit when imported, and ``__main__`` runs the command line: they must be in the wheel but are
#: not imported here.
NOT_IMPORTED = {f"indicators/pages/{page.script}" for page in PAGES} | {"indicators/__main__.py"}


def _tracked_package_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "indicators"], cwd=ROOT, capture_output=True, text=True, check=True)
    return sorted(line for line in out.stdout.splitlines() if line)


def test_wheel_from_a_clean_copy_has_and_imports_every_module(tmp_path: Path) -> None:
    files = _tracked_package_files()
    assert files, "git lists no files under indicators/"
    source = tmp_path / "src"
    for name in [*files, "pyproject.toml", "README.md"]:
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((ROOT / name).read_bytes())
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(dist), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    modules = [name for name in files if name.endswith(".py")]
    missing = [name for name in modules if name not in in_wheel]
    assert not missing, f"the wheel leaves out {missing}"
    assert "indicators/py.typed" in in_wheel

    importable = [name[: -len(".py")].replace("/", ".").removesuffix(".__init__") for name in modules if name not in NOT_IMPORTED]
    script = (
        "import importlib, sys\n"
        f"sys.path.insert(0, {str(tmp_path / 'site')!r})\n"
        f"for name in {importable!r}:\n"
        "    module = importlib.import_module(name)\n"
        f"    assert module.__file__.startswith({str(tmp_path / 'site')!r}), (name, module.__file__)\n"
        "print(len(sys.modules))\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert ran.returncode == 0, ran.stderr[-3000:]
