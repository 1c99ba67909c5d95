"""The hostile data folders: how each breaks a copy of the shipped package, and the problem that must be reported
(file, row, column, check, words of the message) or None when it is valid. ``tests/test_hostile.py`` runs them."""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from indicators.load.safe_read import MAX_COLUMNS, MAX_ROWS
from indicators.schemas import Observations

ROOT = Path(__file__).parents[1]
SHIPPED = ROOT / "data"
OBS = "observations.csv"

#: Columns of observations.csv in the data contract (the messages below count cells against it).
WIDTH = len(Observations.to_schema().columns)

#: Lines of observations.csv used below (the header is line 1).
KAZ_ARMED_FORCES = 3  # KAZ,armed_forces,2002,66000,approx,...
CHN_OIL_2010 = 16  # CHN,oil_imports_mt,2010,175,range,150,200,...
#: The line of a row appended to the shipped observations.csv (which ends with a line break).
APPENDED = (SHIPPED / OBS).read_text(encoding="utf-8").count("\n") + 1

#: (file, row, column, check); file None: the problem is about the data folder itself.
Key = tuple[str | None, int | None, str | None, str]

#: Where a bad value of the armed-forces row is reported once something before it took one more line of the file.
SHIFTED_VALUE: Key = (OBS, KAZ_ARMED_FORCES + 1, "value", "coerce_dtype('float64')")


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], object]
    #: (file, row, column, check) of a problem that must be reported; None: the folder is valid.
    expect: Key | None
    #: Words the problem's message must contain.
    says: str = ""


# --- ways to break a folder ---------------------------------------------------------------------------------------------


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_value(folder: Path, value: str) -> None:
    replace(folder / OBS, "KAZ,armed_forces,2002,66000,", f"KAZ,armed_forces,2002,{value},")


def set_year(folder: Path, year: str) -> None:
    replace(folder / OBS, "KAZ,armed_forces,2002,66000,", f"KAZ,armed_forces,{year},66000,")


def swap(folder: Path, name: str = OBS) -> Path:
    """Remove a file so that something else can take its place."""
    (folder / name).unlink()
    return folder / name


def cell_with(column: str, char: str) -> Callable[[Path], None]:
    """``char`` put into the middle of the armed-forces row's ``column`` cell."""

    def build(folder: Path) -> None:
        lines = (folder / OBS).read_text(encoding="utf-8").splitlines(keepends=True)
        rows = list(csv.reader(lines))
        at = rows[0].index(column)
        row = rows[KAZ_ARMED_FORCES - 1]
        row[at] = row[at][:3] + char + row[at][3:]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(row)
        lines[KAZ_ARMED_FORCES - 1] = out.getvalue()
        (folder / OBS).write_text("".join(lines), encoding="utf-8")

    return build


def header() -> str:
    return (SHIPPED / OBS).read_text(encoding="utf-8").splitlines()[0]


def rows_of(text_rows: list[str]) -> str:
    return header() + "\n" + "\n".join(text_rows) + "\n"


def obs_lines() -> list[str]:
    return (SHIPPED / OBS).read_text(encoding="utf-8").splitlines()


def write_obs(folder: Path, text: str | bytes) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    (folder / OBS).write_bytes(data)


def unix_socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.bind(str(path))


def link_outside(folder: Path) -> None:
    outside = folder.parent / f"{folder.name}-outside.csv"
    shutil.copyfile(SHIPPED / OBS, outside)
    swap(folder).symlink_to(outside)


def link_inside(folder: Path) -> None:
    (folder / "tables").mkdir()
    shutil.copyfile(SHIPPED / OBS, folder / "tables" / OBS)
    swap(folder).symlink_to(Path("tables") / OBS)


def link_loop(folder: Path) -> None:
    swap(folder).symlink_to("loop.csv")
    (folder / "loop.csv").symlink_to(OBS)


def sixty_megabytes(folder: Path) -> None:
    body = "\n".join(obs_lines()[1:]) + "\n"
    copies = 60_000_000 // len(body.encode("utf-8")) + 1
    write_obs(folder, header() + "\n" + body * copies)


def too_many_rows(folder: Path) -> None:
    row = "KAZ,population,2002,1,exact,,,reported,datahub_population_425fc44,x,,,"
    write_obs(folder, rows_of([row] * (MAX_ROWS + 1)))


def wide_header(names: Callable[[int], str]) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        write_obs(folder, ",".join(names(i) for i in range(200_000)) + "\n" + ",".join(["1"] * 200_000) + "\n")

    return build


def shipped_text(change: Callable[[str], str | bytes]) -> Callable[[Path], None]:
    """observations.csv written as ``change`` makes the shipped text (or its bytes)."""

    def build(folder: Path) -> None:
        write_obs(folder, change((SHIPPED / OBS).read_text(encoding="utf-8")))

    return build


def with_header(new_header: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        write_obs(folder, new_header + "\n" + "\n".join(obs_lines()[1:]) + "\n")

    return build


def quoted_line_break_then_bad_value(folder: Path) -> None:
    # A line break inside a quoted note of spreadsheet row 2 moves every later row down one line of the file.
    replace(
        folder / OBS,
        '"No year stated (present tense). Taken as 2002, the year',
        '"No year stated (present tense).\nTaken as 2002, the year',
    )
    set_value(folder, "lots")


def blank_line_then_bad_value(folder: Path) -> None:
    lines = obs_lines()
    lines.insert(2, "")
    write_obs(folder, "\n".join(lines) + "\n")
    set_value(folder, "lots")


def unclosed_quote_merging_the_note(folder: Path) -> None:
    # The closing quote of the evidence is lost: the note would be read into the evidence.
    replace(folder / OBS, '"armed forces of about 66,000",', '"armed forces of about 66,000,')


def unclosed_quote_at_the_end(folder: Path) -> None:
    with (folder / OBS).open("a", encoding="utf-8") as f:
        f.write('KAZ,gdp_usd,2003,1,exact,,,reported,zhao_2003,"x,never closed\n')


def unquoted_carriage_return(folder: Path) -> None:
    # What the old writer made of a note starting with a carriage return: the note is split off onto a line of its own.
    old = '"No year stated (present tense). Taken as 2002, as for the population in the same sentence."'
    replace(folder / OBS, old, "\rNo year stated (present tense) and taken as 2002.")


def cell_of(length: int) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        replace(folder / OBS, '"No year stated (present tense). Taken as 2002, as for', '"' + "x" * length + " as for")

    return build


def duplicate_rows(count: int) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        lines = obs_lines()
        write_obs(folder, "\n".join(lines + [lines[KAZ_ARMED_FORCES - 1]] * count) + "\n")

    return build


def bad_rows(count: int) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        rows = [f"KAZ,indicator_{i % 300},{1800 + i // 300},lots,exact,,,reported,zhao_2003,x,,,n" for i in range(count)]
        write_obs(folder, rows_of(rows))

    return build


def descriptor(text: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        (folder / "datapackage.json").write_text(text, encoding="utf-8")

    return build


def descriptor_field_renamed(folder: Path) -> None:
    replace(folder / "datapackage.json", '"name": "year"', '"name": "yr"')


def population_zero(folder: Path) -> None:
    # Once crashed validate, /energy and /data with ZeroDivisionError; now refused: population divides GDP per capita.
    with (folder / OBS).open("a", encoding="utf-8") as f:
        f.write("TJK,population,2002,0,exact,,,reported,datahub_population_425fc44,WDI,,,\n")


def large_valid_package(folder: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from gen_scale_data import generate  # the benchmark's generator: 100,000 valid observations
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    generate(folder)


def replace_folder(make: Callable[[Path], object]) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        shutil.rmtree(folder)
        make(folder)

    return build


CASES = [
    # files that are not plain files in the folder
    Case("fifo instead of observations.csv", lambda d: os.mkfifo(swap(d)), (OBS, None, None, "safe_file"), "named pipe (FIFO)"),
    Case(
        "fifo instead of datapackage.json",
        lambda d: os.mkfifo(swap(d, "datapackage.json")),
        ("datapackage.json", None, None, "safe_file"),
        "named pipe",
    ),
    Case(
        "link to /dev/zero", lambda d: swap(d).symlink_to("/dev/zero"), (OBS, None, None, "safe_file"), "outside the data folder"
    ),
    Case(
        "link to /etc/passwd",
        lambda d: swap(d).symlink_to("/etc/passwd"),
        (OBS, None, None, "safe_file"),
        "outside the data folder",
    ),
    Case("link to a valid file outside", link_outside, (OBS, None, None, "safe_file"), "outside the data folder"),
    Case("link to a file inside the folder", link_inside, None),
    Case("link loop", link_loop, (OBS, None, None, "safe_file"), "leads nowhere"),
    Case("dangling link", lambda d: swap(d).symlink_to("nowhere.csv"), (OBS, None, None, "safe_file"), "leads nowhere"),
    Case("folder instead of a file", lambda d: swap(d).mkdir(), (OBS, None, None, "safe_file"), "is a folder"),
    Case("unix socket instead of a file", lambda d: unix_socket(swap(d)), (OBS, None, None, "safe_file"), "a socket"),
    Case("data folder missing", replace_folder(lambda d: None), (None, None, None, "folder_exists"), "does not exist"),
    Case(
        "data folder is a file", replace_folder(lambda d: d.write_text("x")), (None, None, None, "folder_exists"), "not a folder"
    ),
    # sizes past the caps
    Case("60 MB observations.csv", sixty_megabytes, (OBS, None, None, "file_size"), "the most that is read is 32.0 MiB"),
    Case("more rows than MAX_ROWS", too_many_rows, (OBS, MAX_ROWS + 2, None, "row_count"), f"more than {MAX_ROWS:,} rows"),
    Case(
        "200,000 columns (1.4 MB header)",
        wide_header(lambda i: f"c{i}"),
        (OBS, 1, None, "column_count"),
        f"at most {MAX_COLUMNS}",
    ),
    Case("200,000 empty column names", wide_header(lambda i: ""), (OBS, 1, None, "column_count"), "200,000 columns"),
    Case("a 5,000-character cell", cell_of(5_000), (OBS, KAZ_ARMED_FORCES, "note", "cell_length"), "5,"),
    Case("a 200,000-character cell", cell_of(200_000), (OBS, KAZ_ARMED_FORCES, "note", "cell_length"), "200,"),
    Case(
        "datapackage.json of 2 MB", descriptor(" " * 2_000_000 + "{}"), ("datapackage.json", None, None, "file_size"), "1.0 MiB"
    ),
    # structure
    Case("header only", lambda d: write_obs(d, header() + "\n"), (OBS, None, None, "has_rows"), "no rows"),
    Case("empty file", lambda d: write_obs(d, b""), (OBS, None, None, "has_rows"), "is empty"),
    Case(
        "a header column without a name",
        with_header(header() + ","),
        (OBS, 1, None, "column_name"),
        f"column {WIDTH + 1} of the header has no name",
    ),
    Case(
        "a duplicated column name",
        with_header(header().replace("lower", "upper")),
        (OBS, 1, "upper", "unique_column_names"),
        "columns 6 and 7",
    ),
    Case(
        "separated by semicolons",
        shipped_text(lambda text: text.replace(",", ";")),
        (OBS, 1, None, "comma_separated"),
        "semicolons",
    ),
    Case("separated by tabs", shipped_text(lambda text: text.replace(",", "\t")), (OBS, 1, None, "comma_separated"), "tabs"),
    Case(
        "unclosed quote merging the note into the evidence",
        unclosed_quote_merging_the_note,
        (OBS, KAZ_ARMED_FORCES, None, "closed_quotes"),
        'closing " is probably missing',
    ),
    Case("unclosed quote at the end", unclosed_quote_at_the_end, (OBS, 18, None, "closed_quotes"), "never closed"),
    Case(
        "unquoted carriage return splits a row",
        unquoted_carriage_return,
        (OBS, KAZ_ARMED_FORCES + 1, None, "cells_per_row"),
        f"1 cells; the header has {WIDTH}",
    ),
    Case(
        "a row with a cell too many",
        lambda d: replace(d / OBS, "KAZ,armed_forces,2002,66000,", "KAZ,armed_forces,2002,66000,extra,"),
        (OBS, KAZ_ARMED_FORCES, None, "cells_per_row"),
        f"{WIDTH + 1} cells",
    ),
    Case(
        "a row with a cell too few",
        lambda d: replace(d / OBS, "KAZ,armed_forces,2002,66000,approx,", "KAZ,armed_forces,2002,66000,"),
        (OBS, KAZ_ARMED_FORCES, None, "cells_per_row"),
        f"{WIDTH - 1} cells",
    ),
    Case("a line break in a quoted cell shifts the lines", quoted_line_break_then_bad_value, SHIFTED_VALUE, "not a number"),
    Case("a blank line shifts the lines", blank_line_then_bad_value, SHIFTED_VALUE, "not a number"),
    # encodings
    Case(
        "Latin-1 text",
        shipped_text(lambda text: text.encode("latin-1", "replace")),
        (OBS, 2, None, "utf8"),
        "byte 0xA7 on line 2",
    ),
    Case("UTF-16 text", shipped_text(lambda text: text.encode("utf-16")), (OBS, 1, None, "utf8"), "UTF-16"),
    Case("UTF-8 with a byte-order mark", lambda d: write_obs(d, b"\xef\xbb\xbf" + (SHIPPED / OBS).read_bytes()), None),
    Case("Windows line endings", shipped_text(lambda text: text.replace("\n", "\r\n")), None),
    Case(
        "a NUL byte",
        lambda d: replace(d / OBS, "66000,approx", "66000,appr\x00ox"),
        (OBS, KAZ_ARMED_FORCES, None, "text_file"),
        "NUL",
    ),
    # numbers
    Case("inf", lambda d: set_value(d, "inf"), (OBS, KAZ_ARMED_FORCES, "value", "finite_number"), "infinity"),
    Case("1e309", lambda d: set_value(d, "1e309"), (OBS, KAZ_ARMED_FORCES, "value", "finite_number"), "too large"),
    Case("NaN", lambda d: set_value(d, "NaN"), (OBS, KAZ_ARMED_FORCES, "value", "finite_number"), "not a number (NaN)"),
    Case("66_000", lambda d: set_value(d, "66_000"), (OBS, KAZ_ARMED_FORCES, "value", "plain_number"), "plain number"),
    Case("year 02002", lambda d: set_year(d, "02002"), (OBS, KAZ_ARMED_FORCES, "year", "four_digit_year"), "four-digit year"),
    Case("year +2002", lambda d: set_year(d, "+2002"), (OBS, KAZ_ARMED_FORCES, "year", "four_digit_year"), "four-digit year"),
    Case(
        "-inf as a lower bound",
        lambda d: replace(d / OBS, ",175,range,150,200,", ",175,range,-inf,200,"),
        (OBS, CHN_OIL_2010, "lower", "finite_number"),
        "infinity",
    ),
    # datapackage.json
    Case(
        "datapackage.json missing",
        lambda d: swap(d, "datapackage.json"),
        ("datapackage.json", None, None, "file_exists"),
        "missing",
    ),
    Case(
        "datapackage.json not JSON",
        descriptor('{"name": "sco-indicators",\n'),
        ("datapackage.json", 2, None, "valid_json"),
        "not valid JSON",
    ),
    Case(
        "datapackage.json nested 100,000 deep",
        descriptor("[" * 100_000),
        ("datapackage.json", None, None, "valid_json"),
        "not valid JSON",
    ),
    Case(
        "datapackage.json not the contract",
        descriptor_field_renamed,
        ("datapackage.json", None, None, "matches_contract"),
        "differs at resources[2].schema.fields[5].name",
    ),
    # many problems at once: reported in bounded time
    Case(
        "8,000 duplicate-key rows",
        duplicate_rows(8_000),
        (OBS, 8_017, "country_code+indicator_id+year+source_id", "multiple_fields_uniqueness"),
        "duplicate key",
    ),
    Case("60,000 bad rows", bad_rows(60_000), (OBS, 60_001, "value", "coerce_dtype('float64')"), "not a number"),
    # a valid-looking figure that would divide by zero
    Case("a stated population of 0", population_zero, (OBS, APPENDED, "value", "denominator_above_zero"), "greater than 0"),
    # valid folders that once did harm
    Case(
        "formula text in a note",
        lambda d: replace(
            d / OBS, '"No year stated (present tense). Taken as 2002, as for', '"=HYPERLINK(""http://example.invalid"") as for'
        ),
        None,
    ),
    Case("a display pattern with two {}", lambda d: replace(d / "indicators.csv", ",US${} billion,", ",US${} {} billion,"), None),
    Case(
        "a display pattern with a format field",
        lambda d: replace(d / "indicators.csv", ",US${} billion,", ",{0.__class__} {},"),
        None,
    ),
    Case("100,000 valid observations", large_valid_package, None),
    # characters that vl-convert cannot put into an SVG (it aborted the whole server), and python-pptx refuses
    Case(
        "ESC in a country's name",
        lambda d: replace(d / "countries.csv", "CHN,China,", "CHN,Chi\x1bna,"),
        ("countries.csv", 2, "name", "text_characters"),
        "U+001B (ESC)",
    ),
    Case(
        "U+0001 in a locator", cell_with("locator", "\x01"), (OBS, KAZ_ARMED_FORCES, "locator", "text_characters"), "U+0001 (SOH)"
    ),
    Case("DEL in a note", cell_with("note", "\x7f"), (OBS, KAZ_ARMED_FORCES, "note", "text_characters"), "U+007F (DEL)"),
    Case(
        "U+FFFE in a citation",
        lambda d: replace(d / "sources.csv", "zhao_2003,essay,Zhao Huasheng,", "zhao_2003,essay,Zhao\ufffe Huasheng,"),
        ("sources.csv", 2, "author", "text_characters"),
        "U+FFFE (a non-character)",
    ),
]
