"""Write a large synthetic data package that is valid under the project's schemas (for scripts/bench.py).

The package is the shipped one with three tables grown:

* ``countries.csv``: the shipped countries and groups (the six founding members and ``G_SCO`` among them),
  plus synthetic countries ``XAA``, ``XAB``, ... up to ``countries`` countries in all;
* ``sources.csv``: the shipped sources plus one synthetic source of kind ``reference`` (so its rows need no
  evidence phrase);
* ``observations.csv``: only synthetic rows, one per country, year and indicator
  (200 x 50 x 10 = 100,000 by default), every qualifier represented with bounds that fit it, and an
  evidence phrase stating the figure on every 50th row.

Every other table of the shipped package is copied unchanged, so every foreign key resolves.  Values are
deterministic (seeded) and plausible in size for each indicator.

    python scripts/gen_scale_data.py OUT_DIR [--countries 200] [--years 50] [--indicators 10]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import shutil
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indicators.schemas import Observations  # noqa: E402

SHIPPED = ROOT / "data"

SOURCE_ID = "synthetic_scale"
FIRST_YEAR = 1960

#: Indicator ids used, in order (the compare page's four stated ones first), with a plausible value range.
INDICATOR_RANGES: list[tuple[str, float, float]] = [
    ("gdp_usd", 1e9, 5e12),
    ("gdp_per_capita_usd", 100.0, 60_000.0),
    ("population", 1e5, 1.4e9),
    ("armed_forces", 1_000.0, 3e6),
    ("armed_forces_per_1000", 0.1, 20.0),
    ("oil_imports_mt", 0.5, 500.0),
    ("oil_import_share", 0.01, 0.99),
    ("titular_ethnic_share", 0.2, 0.99),
    ("crude_oil_imports_kbd", 1.0, 10_000.0),
    ("armed_forces_pct_labor_force", 0.05, 10.0),
]

#: Every n-th observation carries an evidence phrase (optional for a reference source, checked when present).
#: Some must: the evidence checks fail on an ``evidence`` column with no text at all (see docs/benchmarks.md).
EVIDENCE_EVERY = 50

#: One qualifier per row, cycling: mostly "as stated", every other kind represented.
QUALIFIER_CYCLE = ["exact", "exact", "exact", "exact", "approx", "approx", "lt", "gt", "range", "exact", "approx"]

OBSERVATION_COLUMNS = list(Observations.to_schema().columns)


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _synthetic_codes(taken: set[str], count: int) -> list[str]:
    codes = []
    for a, b in itertools.product(string.ascii_uppercase, repeat=2):
        code = f"X{a}{b}"
        if code not in taken:
            codes.append(code)
        if len(codes) == count:
            return codes
    raise ValueError(f"cannot make {count} synthetic country codes")


def _figure(rng: random.Random, low: float, high: float, growth: float) -> float:
    """A value between low and high (log-uniform) times ``growth``, rounded to 4 significant digits."""
    value = low * (high / low) ** rng.random() * growth
    return float(f"{value:.4g}")


def _bounds(qualifier: str, value: float) -> tuple[float, str, str]:
    """(value, lower, upper) as the observations contract wants them for ``qualifier``."""
    if qualifier in ("exact", "approx"):
        return value, "", ""
    if qualifier == "lt":
        return value, "", repr(value)
    if qualifier == "gt":
        return value, repr(value), ""
    lower, upper = float(f"{value * 0.9:.4g}"), float(f"{value * 1.1:.4g}")
    return (lower + upper) / 2, repr(lower), repr(upper)


def _evidence(qualifier: str, value: float, lower: str, upper: str) -> str:
    """A short phrase that states the row's figure (both bounds for a range), as the evidence checks require."""
    if qualifier == "range":
        return f"somewhere between {float(lower):f} and {float(upper):f}"
    return {"lt": "less than", "gt": "more than", "approx": "about"}.get(qualifier, "exactly") + f" {value:f}"


def generate(out_dir: Path, countries: int = 200, years: int = 50, indicators: int = 10, seed: int = 20030528) -> dict[str, int]:
    """Write the package to ``out_dir`` (created if needed); return the row count of each table written."""
    if not 1 <= indicators <= len(INDICATOR_RANGES):
        raise ValueError(f"indicators must be between 1 and {len(INDICATOR_RANGES)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)

    grown = ("countries.csv", "sources.csv", "observations.csv")
    for path in [*SHIPPED.glob("*.csv"), SHIPPED / "datapackage.json"]:
        if path.name not in grown:
            shutil.copyfile(path, out_dir / path.name)

    header, shipped_countries = _read(SHIPPED / "countries.csv")
    col = {c: i for i, c in enumerate(header)}
    country_codes = [r[col["code"]] for r in shipped_countries if r[col["kind"]] == "country"]
    if len(country_codes) > countries:
        raise ValueError(f"the shipped data already has {len(country_codes)} countries")
    extra = _synthetic_codes({r[col["code"]] for r in shipped_countries}, countries - len(country_codes))
    synthetic_rows = []
    for code in extra:
        row = [""] * len(header)
        row[col["code"]], row[col["name"]], row[col["kind"]] = code, f"Synthetic country {code}", "country"
        row[col["note"]] = "Synthetic, for the scale benchmark."
        synthetic_rows.append(row)
    _write(out_dir / "countries.csv", header, shipped_countries + synthetic_rows)
    country_codes += extra

    header, sources = _read(SHIPPED / "sources.csv")
    source = dict.fromkeys(header, "")
    source.update(
        {
            "source_id": SOURCE_ID,
            "kind": "reference",
            "author": "scripts/gen_scale_data.py",
            "title": "Synthetic scale data",
            "year": "2026",
            "citation": "Synthetic data written by scripts/gen_scale_data.py for the scale benchmark.",
            "licence": "CC0 1.0",
            "note": "Not real figures.",
        }
    )
    _write(out_dir / "sources.csv", header, [*sources, [source[c] for c in header]])

    rows: list[list[str]] = []
    cycle = itertools.cycle(QUALIFIER_CYCLE)
    for code in country_codes:
        for indicator_id, low, high in INDICATOR_RANGES[:indicators]:
            start = _figure(rng, low, high, 1.0)
            for offset in range(years):
                year = FIRST_YEAR + offset
                qualifier = next(cycle)
                value = _figure(rng, start * 0.8, start * 1.2, 1.0 + 0.01 * offset)
                value, lower, upper = _bounds(qualifier, value)
                kind = "projection" if offset == years - 1 and years > 1 else "reported"
                evidence = _evidence(qualifier, value, lower, upper) if len(rows) % EVIDENCE_EVERY == 0 else ""
                rows.append(
                    [
                        code,
                        indicator_id,
                        str(year),
                        repr(value),
                        qualifier,
                        lower,
                        upper,
                        kind,
                        SOURCE_ID,
                        f"synthetic row {len(rows) + 2}",
                        evidence,
                        "",  # year_assumption: every synthetic figure states its year
                        "",  # note
                    ]
                )
    _write(out_dir / "observations.csv", OBSERVATION_COLUMNS, rows)

    counts = {}
    for name in (
        "countries.csv",
        "indicators.csv",
        "sources.csv",
        "observations.csv",
        "borders.csv",
        "relations.csv",
        "reference.csv",
    ):
        with (out_dir / name).open(encoding="utf-8-sig", newline="") as f:
            counts[name] = sum(1 for _ in csv.reader(f)) - 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--years", type=int, default=50)
    parser.add_argument("--indicators", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20030528)
    args = parser.parse_args()
    counts = generate(args.out_dir, args.countries, args.years, args.indicators, args.seed)
    for name, count in counts.items():
        print(f"{name:18} {count:>8,} rows")


if __name__ == "__main__":
    main()
