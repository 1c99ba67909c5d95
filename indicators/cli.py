"""Command line: ``python -m indicators validate|export|datapackage|audit|import-reference|slides|html``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd

from indicators.analysis.audit import ESSAY_ENV, audit_evidence, read_essay
from indicators.analysis.consistency import consistency_report
from indicators.analysis.record import inconsistencies
from indicators.contract.package import build_descriptor
from indicators.contract.problems import Problem
from indicators.load.dataset import Dataset, DataValidationError, format_problems, load_dataset, resolve_data_dir
from indicators.load.reference import import_reference
from indicators.load.safe_read import RefusedError
from indicators.load.upload import check_upload_file
from indicators.outputs.export import ExportError, export_tables
from indicators.outputs.output import OutputError, check_output, write_output
from indicators.schemas import SCHEMAS

#: Where the offline page's links back to each view point by default: the dashboard as ``make run`` starts it.
DEFAULT_BASE_URL = "http://localhost:8501"


class _CommandError(Exception):
    """Ends a command with exit ``code`` once stderr has said why."""

    def __init__(self, code: int) -> None:
        self.code = code


def _fail(message: str, code: int = 1) -> NoReturn:
    print(f"ERROR: {message}", file=sys.stderr)
    raise _CommandError(code)


def _invalid(problems: list[Problem], where: object) -> NoReturn:
    print(f"INVALID: {len(problems)} problem(s) in {where}", file=sys.stderr)
    print(format_problems(problems), file=sys.stderr)
    raise _CommandError(1)


def _load(data_dir: str | None) -> Dataset:
    try:
        return load_dataset(data_dir)
    except DataValidationError as err:
        _invalid(err.problems, err.data_dir)


@contextmanager
def _writing(target: object) -> Iterator[None]:
    """A refused or failed write as its message (``target`` names what was being written) and exit 1."""
    try:
        yield
    except (OutputError, ExportError) as err:
        _fail(str(err))
    except OSError as err:
        _fail(f"cannot write {target}: {err.strerror or err}")


def cmd_validate(args: argparse.Namespace) -> int:
    """validate the data package, or one observations file against it; exit 1 on any problem

    A folder: the whole data package. A file: checked as an observations.csv of your own figures against the package
    ($SCO_DATA_DIR or the shipped data/).
    """
    if args.data_dir is not None and not Path(args.data_dir).is_dir() and os.path.lexists(args.data_dir):
        path = Path(args.data_dir)
        ds = _load(None)
        result = check_upload_file(ds, path, args.citation)
        if result.rows is None:
            _invalid(list(result.problems), path)
        new = result.new_sources
        added = "" if new is None or new.empty else f"; new source(s): {', '.join(new['source_id'])}"
        print(f"OK: {path} holds {len(result.rows)} valid figure(s) for {ds.data_dir}{added}.")
        return 0
    ds = _load(args.data_dir)
    report = consistency_report(ds)  # before anything is printed: OK is said only once every step has run
    counts = ", ".join(f"{file.removesuffix('.csv')} {len(ds.table(file))}" for file in SCHEMAS)
    print(f"OK: {resolve_data_dir(args.data_dir)} is valid ({counts} rows).")
    bad = report[report["status"] == "disagrees"]
    count = inconsistencies(report)
    print(
        f"Consistency: {len(report)} checks; {count} inconsistenc{'y' if count == 1 else 'ies'} within the essay, "
        f"shown by {len(bad)} check(s) (tolerance in indicators/analysis/consistency.py)."
    )
    for _, r in bad.iterrows():
        print(
            f"  - {r['country_code']} {r['indicator_id']} {r['year']}: stated {r['stated']} vs {r['compared_with']} ({r['explanation']})"
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """write the validated tables as CSV"""
    ds = _load(args.data_dir)
    with _writing(f"to {args.out}"):
        written = export_tables(ds, args.out, force=args.force)
    print(f"Wrote {len(written)} files to {args.out}: " + ", ".join(p.name for p in written))
    return 0


def cmd_datapackage(args: argparse.Namespace) -> int:
    """write datapackage.json (the Frictionless descriptor) from the schemas"""
    # The descriptor follows from the schemas alone, so it is written without loading the package (whose check
    # of the old descriptor would refuse it: the very thing this command mends).
    data_dir = resolve_data_dir(args.data_dir)
    path = data_dir / "datapackage.json"
    text = json.dumps(build_descriptor(), indent=2, ensure_ascii=False) + "\n"
    with _writing(path):
        write_output(path, text.encode("utf-8"), force=True, data_dir=data_dir, data_file=True)
    print(f"Wrote {path}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """check every evidence phrase against the essay"""
    essay = args.essay or os.environ.get(ESSAY_ENV)
    if not essay:
        _fail(f"name the essay file, or set {ESSAY_ENV}", 2)
    ds = _load(args.data_dir)
    try:
        text = read_essay(essay)
    except (RefusedError, OSError) as err:
        why = f"it {err.problem.message}" if isinstance(err, RefusedError) else err.strerror or err
        _fail(f"cannot read the essay at {essay}: {why}", 2)
    audit = audit_evidence(ds, text)
    failed = audit[~(audit["in_essay"] & audit["states_number"])]
    print(f"Evidence audit: {len(audit)} essay-sourced figures and claims, {len(failed)} failing.")
    with pd.option_context("display.width", 200, "display.max_colwidth", 80):
        if not failed.empty:
            print(failed.to_string(index=False))
    return 1 if len(failed) else 0


def cmd_import_reference(args: argparse.Namespace) -> int:
    """rebuild data/reference.csv from the reference extracts (only if it validates)"""
    data_dir = resolve_data_dir(args.data_dir)
    out = data_dir / "reference.csv"
    try:
        n, others, used = import_reference(args.reference_dir, data_dir)
    except OutputError as err:
        _fail(f"{err}; nothing was written")
    except DataValidationError as err:
        _fail(f"the new reference.csv does not validate; {out} was not changed.\n{format_problems(err.problems)}")
    except (RefusedError, OSError, ValueError, KeyError) as err:
        _fail(f"cannot build reference.csv from {args.reference_dir}: {err}")
    beside = [name for name in used.written if name != "reference.csv"]
    written = f" (and {' and '.join(beside)} beside it)" if beside else ""
    print(f"Wrote {n} rows to {out}{written}")
    print(f"Read from {args.reference_dir}: {', '.join(used.read)}")
    for note in used.notes:
        print(f"Note: {note}", file=sys.stderr)
    if others:
        print(f"Note: the data package still has {len(others)} problem(s) in other files; run validate.", file=sys.stderr)
    return 0


def _view_file(args: argparse.Namespace, build: Callable[[Dataset, Any], tuple[bytes, str]]) -> int:
    """``slides`` and ``html``: the file ``build`` makes of the dataset and the view links' slides (and what it says it
    holds), written through the one safe writer, then the charts it shows."""
    from indicators.views.links import DEFAULT_URLS, LinkError, plan_deck

    data_dir = resolve_data_dir(args.data_dir)
    with _writing(args.out):  # checked before anything is built; checked again as it is written
        out = check_output(args.out, force=args.force, data_dir=data_dir)
    ds = _load(args.data_dir)
    try:
        plan = plan_deck(ds, args.urls or list(DEFAULT_URLS))
    except LinkError as err:
        _fail(str(err), 2)
    for notice in plan.notices:
        print(f"Note: {notice}", file=sys.stderr)
    data, holds = build(ds, plan.slides)
    with _writing(out):
        write_output(out, data, force=args.force, data_dir=data_dir)
    print(f"Wrote {out}: {holds}")
    for slide in plan.slides:
        print(f"  - {slide.title}  [{slide.url}]")
    return 0


def _deck(ds: Dataset, slides: Any) -> tuple[bytes, str]:
    # Imported here: the other commands need neither the views nor python-pptx.
    from indicators.charts import RenderError
    from indicators.outputs.slides import TABLE_ROWS, build_deck, slide_count
    from indicators.views.claims import claims_view

    card = claims_view(ds)
    try:
        deck = build_deck(slides, ds.sources, card.slide, card.summary)
    except (RenderError, ValueError) as err:
        _fail(f"the deck could not be made: {err}")
    total = slide_count(deck)
    claims = -(-len(card.slide) // TABLE_ROWS)  # pages of the claims table, rounded up
    charts = f"{len(slides)} chart{'' if len(slides) == 1 else 's'}"
    others = total - len(slides) - claims
    return deck, f"{total} slides ({charts}, {claims} of claims, {others} of sources and licences), {len(deck):,} bytes."


def cmd_slides(args: argparse.Namespace) -> int:
    """write a PowerPoint deck of the charts of some views

    One slide per chart of each view link (as 'Link to this view' gives it, e.g. '/?indicator=population&countries=KAZ,KGZ'
    or '/energy?bpt=7.2'), then the sources and licences. Without links: each chart page in its default settings.
    """
    return _view_file(args, _deck)


def cmd_html(args: argparse.Namespace) -> int:
    """write one self-contained HTML file of some views (opens with no network)

    Each chart of each view link drawn by Vega-Lite (inlined), with its finding, the table of its figures, alt text, unit,
    sources and licences, and a link back to the view. Without links: each chart page in its default settings.
    """
    from indicators.outputs.offline import offline_page

    def page(ds: Dataset, slides: Any) -> tuple[bytes, str]:
        text = offline_page(slides, ds.sources, args.base_url).encode("utf-8")
        return text, f"{len(slides)} chart(s) with their figures and sources, {len(text):,} bytes, nothing fetched."

    return _view_file(args, page)


def _command(sub: Any, func: Callable[[argparse.Namespace], int]) -> Any:
    """The subcommand that ``func`` (``cmd_import_reference``: ``import-reference``) runs: the first line of its
    docstring is the command's help, the rest its description."""
    summary, _, description = str(func.__doc__).partition("\n")
    p = sub.add_parser(func.__name__.removeprefix("cmd_").replace("_", "-"), help=summary, description=description or None)
    p.set_defaults(func=func)
    return p


def _view_file_arguments(p: argparse.ArgumentParser, out: str) -> None:
    """What ``slides`` and ``html`` both take: the file to write, --force, the view links and the data folder."""
    p.add_argument("--out", required=True, help=out)
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    p.add_argument("urls", nargs="*", metavar="VIEW_URL", help="view links, path and query (quote them in the shell)")
    p.add_argument("--data-dir", default=None)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m indicators", description="SCO indicators data package tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = _command(sub, cmd_validate)
    p.add_argument("data_dir", nargs="?", default=None, help="data folder or observations file (default: the shipped data/)")
    p.add_argument("--citation", default=None, help="for a file: one line citing the source its unknown source_id stands for")
    p = _command(sub, cmd_export)
    p.add_argument("--out", required=True, help="folder to write into (not the data folder)")
    p.add_argument("--force", action="store_true", help="replace files that already exist in --out")
    p.add_argument("--data-dir", default=None)
    p = _command(sub, cmd_datapackage)
    p.add_argument(
        "data_dir", nargs="?", default=None, help="data folder to describe and write into (default: the shipped data/)"
    )
    p = _command(sub, cmd_audit)
    p.add_argument("essay", nargs="?", default=None, help=f"essay text file (default: ${ESSAY_ENV})")
    p.add_argument("--data-dir", default=None)
    p = _command(sub, cmd_import_reference)
    p.add_argument("reference_dir")
    p.add_argument("--data-dir", default=None)
    _view_file_arguments(_command(sub, cmd_slides), "the .pptx file to write")
    p = _command(sub, cmd_html)
    _view_file_arguments(p, "the .html file to write")
    links_back = f"where the dashboard runs, for the links back (default {DEFAULT_BASE_URL})"
    p.add_argument("--base-url", default=DEFAULT_BASE_URL, help=links_back)
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except _CommandError as stop:
        return stop.code
    return code
