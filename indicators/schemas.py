"""Table schemas: one pandera ``DataFrameModel`` per CSV of the data package, and the data contract.

Every model is strict (no unknown columns), coercing (CSV text becomes typed
columns) and names its key.  Cross-column rules are dataframe checks
whose names are reported to people, so each carries one plain-language message
in :data:`CHECK_MESSAGES` and the column it is about in :data:`CHECK_COLUMNS`.

The models are the one statement of the contract: each field's ``title`` and
``description``, the table it refers to (field ``metadata``, see :class:`ForeignKey`),
each table's ``title`` and ``description`` (``Config``) and its key (``Config.unique``,
or the one field with ``unique=True``).  The loader's foreign-key check,
``datapackage.json`` and the data page read them from here
(:func:`table_title`, :func:`primary_key`, :func:`foreign_keys`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.numbers import states_number

QUALIFIERS = ("exact", "approx", "lt", "gt", "range")
KINDS = ("reported", "projection")
COUNTRY_KINDS = ("country", "group")
MEMBERSHIP_STATUSES = ("member", "observer", "dialogue_partner")
ESSAY_ROLES = ["possible_member"]
PAGES = ("compare", "over_time", "energy")
DERIVATIONS = ("ratio", "share")
#: How a yes/no cell is written (the descriptor declares such columns boolean with these two values).
BOOLEANS = ("true", "false")
#: ``sources.csv`` kind of the essay itself; exactly one source has it (see :attr:`Dataset.essay`).
ESSAY_KIND = "essay"
SOURCE_KINDS = (ESSAY_KIND, "cited", "reference")
RELATIONS = ("approx_equal", "less_than", "greater_than", "largest_among", "no_common_border")
QUANTITIES = ("population", "armed_forces", "territory", "border")

#: Longest evidence phrase allowed, in words (house rule: at most 20 words).
MAX_EVIDENCE_WORDS = 20

_ID = r"^[a-z][a-z0-9_]*$"
_CODE = r"^([A-Z]{3}|G_[A-Z0-9_]+)$"
_ISO3 = r"^[A-Z]{3}$"
_URL = r"^https?://\S+$"
_TEXT: dict[str, Any] = {"min_value": 1}
_YEARS: dict[str, Any] = {"ge": 1800, "le": 2100}
#: Key of a field's ``metadata`` that holds its :class:`ForeignKey`.
_REFERS_TO = "refers_to"


@dataclass(frozen=True)
class ForeignKey:
    """A column holds values of ``key`` in ``table`` (a file name of :data:`SCHEMAS`).

    With a ``separator``, a cell lists several such values; Table Schema cannot say that,
    so the descriptor leaves such a key out and only the loader checks it.
    """

    table: str
    key: str
    separator: str | None = None


def _field(title: str, description: str, refers_to: ForeignKey | None = None, **checks: Any) -> Any:
    metadata = {_REFERS_TO: refers_to} if refers_to else None
    return pa.Field(**checks, title=title, description=description, metadata=metadata)


# Columns that several tables share, stated once: checks, title, description and the table they refer to.

_COUNTRY = ForeignKey("countries.csv", "code")
_INDICATOR = ForeignKey("indicators.csv", "indicator_id")
_SOURCE = ForeignKey("sources.csv", "source_id")
_FIGURE_READS = "for lt the upper bound, for gt the lower bound, for range the midpoint"


def _country(description: str, title: str = "Country", pattern: str = _CODE) -> Any:
    return _field(title, description, _COUNTRY, str_matches=pattern)


def _indicator(title: str = "Indicator", description: str = "indicator id defined in indicators.csv", **checks: Any) -> Any:
    return _field(title, description, _INDICATOR, str_matches=_ID, **checks)


def _year(description: str, **bounds: Any) -> Any:
    return _field("Year", description, **(_YEARS | bounds))


def _figure(title: str, what: str, **checks: Any) -> Any:
    return _field(title, f"{what}; {_FIGURE_READS}", **checks)


def _qualifier() -> Any:
    return _field(
        "Qualifier", "exact | approx ('about', 'some') | lt ('less than') | gt ('over') | range ('X-Y')", isin=QUALIFIERS
    )


def _bound(side: str, **checks: Any) -> Any:
    given = {"lower": "gt, range", "upper": "lt, range"}[side]
    description = f"{side} bound, when the essay gives one ({given}); empty otherwise"
    return _field(f"{side.capitalize()} bound", description, nullable=True, **checks)


def _source() -> Any:
    return _field("Source", "source_id defined in sources.csv", _SOURCE, str_matches=_ID)


def _locator() -> Any:
    return _field("Locator", "where in the essay: section and footnote", str_length=_TEXT)


def _evidence() -> Any:
    words = f"phrase of at most {MAX_EVIDENCE_WORDS} words copied from the essay, containing the figure"
    return _field("Evidence", words, nullable=True)


def _text(title: str, description: str) -> Any:
    return _field(title, description, str_length=_TEXT)


def _note(description: str) -> Any:
    return _field("Note", description, nullable=True)


def _one_of(values: tuple[str, ...] | list[str]) -> str:
    return " | ".join(values)


def _blank(s: pd.Series) -> pd.Series:
    return s.isna()


def _bounds_agree(df: pd.DataFrame, value: str) -> pd.Series:
    """True where ``lower``/``upper`` are what the qualifier says they must be."""
    q, v, lo, hi = df["qualifier"], df[value], df["lower"], df["upper"]
    point = q.isin(["exact", "approx"]) & _blank(lo) & _blank(hi)
    lt = (q == "lt") & _blank(lo) & (hi == v)
    gt = (q == "gt") & (lo == v) & _blank(hi)
    rng = (q == "range") & lo.notna() & hi.notna() & (lo < hi) & ((v - (lo + hi) / 2).abs() <= 1e-9 * v.abs().clip(lower=1))
    return point | lt | gt | rng


def _within_bounds(df: pd.DataFrame, value: str) -> pd.Series:
    v, lo, hi = df[value], df["lower"], df["upper"]
    return (_blank(lo) | (lo <= v)) & (_blank(hi) | (v <= hi))


def _short_evidence(s: pd.Series) -> pd.Series:
    words = s.astype("string").str.count(r"\S+")  # a column with no evidence at all has no str accessor of its own
    return (words <= MAX_EVIDENCE_WORDS).fillna(True).astype(bool)


def _evidence_states(df: pd.DataFrame, value: str) -> pd.Series:
    """True where the evidence phrase is empty or contains the row's figure."""

    def one(evidence: object, figure: object, qualifier: object, lo: object, hi: object) -> bool:
        if pd.isna(evidence):  # type: ignore[call-overload]
            return True
        lower = None if pd.isna(lo) else float(lo)  # type: ignore[call-overload, arg-type]
        upper = None if pd.isna(hi) else float(hi)  # type: ignore[call-overload, arg-type]
        return states_number(str(evidence), float(figure), str(qualifier), lower, upper)  # type: ignore[arg-type]

    result = pd.Series(True, index=df.index)
    with_evidence = df[df["evidence"].notna()]
    if not with_evidence.empty:
        # One call per row over the columns (row order as before), not DataFrame.apply(axis=1), which builds a Series per row.
        columns = (with_evidence[c] for c in ("evidence", value, "qualifier", "lower", "upper"))
        result[with_evidence.index] = np.array([one(*cells) for cells in zip(*columns, strict=True)], dtype=bool)
    return result


class _Table(pa.DataFrameModel):
    """What every table's model shares: no unknown columns, and CSV text coerced to the declared types."""

    class Config:
        strict = True
        coerce = True


class Observations(_Table):
    """``observations.csv``: one stated figure about one country."""

    country_code: Series[str] = _country("ISO 3166-1 alpha-3 code of a country, or the G_ code of a group in countries.csv")
    indicator_id: Series[str] = _indicator()
    year: Series[int] = _year("year the figure refers to (for present-tense statements: the year the essay implies; see note)")
    value: Series[float] = _figure("Value", "the figure in the indicator's unit", ge=0)
    qualifier: Series[str] = _qualifier()
    lower: Series[float] = _bound("lower", ge=0)
    upper: Series[float] = _bound("upper", ge=0)
    kind: Series[str] = _field("Kind", "reported (a figure for a past or present year) | projection", isin=KINDS)
    source_id: Series[str] = _source()
    locator: Series[str] = _locator()
    evidence: Series[str] = _evidence()
    year_assumption: Series[str] = _field(
        "Year assumption",
        "for a figure whose year the essay implies: the assumption in assumptions.csv that fixes it",
        ForeignKey("assumptions.csv", "assumption_id"),
        nullable=True,
        str_matches=_ID,
    )
    note: Series[str] = _note("how the figure was read (implied year, rounding, caveats)")

    @pa.dataframe_check
    def bounds_match_qualifier(cls, df: pd.DataFrame) -> pd.Series:
        return _bounds_agree(df, "value")

    @pa.dataframe_check
    def value_within_bounds(cls, df: pd.DataFrame) -> pd.Series:
        return _within_bounds(df, "value")

    @pa.dataframe_check
    def evidence_at_most_20_words(cls, df: pd.DataFrame) -> pd.Series:
        return _blank(df["evidence"]) | _short_evidence(df["evidence"])

    @pa.dataframe_check
    def evidence_states_value(cls, df: pd.DataFrame) -> pd.Series:
        return _evidence_states(df, "value")

    class Config:
        unique = ["country_code", "indicator_id", "year", "source_id"]
        title = "Figures stated in the essay"
        description = "One row per figure the essay states about one country or group, with its qualifier, bounds and provenance."


class Borders(_Table):
    """``borders.csv``: a stated border length between a country and a neighbour or group."""

    country_code: Series[str] = _country("the country whose border is stated (ISO 3166-1 alpha-3, or a G_ group)")
    neighbour_code: Series[str] = _country(
        "the neighbouring country, or a group of countries defined in countries.csv", title="Neighbour"
    )
    length_km: Series[float] = _figure("Length (km)", "border length in kilometres", gt=0)
    qualifier: Series[str] = _qualifier()
    lower: Series[float] = _bound("lower", gt=0)
    upper: Series[float] = _bound("upper", gt=0)
    year: Series[int] = _year("year the length refers to (for present-tense statements: the year the essay implies; see note)")
    source_id: Series[str] = _source()
    locator: Series[str] = _locator()
    evidence: Series[str] = _evidence()
    note: Series[str] = _note("how the length was read (implied year, what a group border runs along)")

    @pa.dataframe_check
    def bounds_match_qualifier(cls, df: pd.DataFrame) -> pd.Series:
        return _bounds_agree(df, "length_km")

    @pa.dataframe_check
    def value_within_bounds(cls, df: pd.DataFrame) -> pd.Series:
        return _within_bounds(df, "length_km")

    @pa.dataframe_check
    def evidence_at_most_20_words(cls, df: pd.DataFrame) -> pd.Series:
        return _blank(df["evidence"]) | _short_evidence(df["evidence"])

    @pa.dataframe_check
    def evidence_states_length(cls, df: pd.DataFrame) -> pd.Series:
        return _evidence_states(df, "length_km")

    @pa.dataframe_check
    def not_its_own_neighbour(cls, df: pd.DataFrame) -> pd.Series:
        return df["country_code"] != df["neighbour_code"]

    class Config:
        unique = ["country_code", "neighbour_code", "year", "source_id"]
        title = "Border lengths"
        description = "Border lengths stated in the essay, between a country and a neighbour or a group of countries."


class Countries(_Table):
    """``countries.csv``: countries and named groups of countries."""

    code: Series[str] = _field("Code", "ISO 3166-1 alpha-3 code, or G_ and a name for a group", str_matches=_CODE, unique=True)
    name: Series[str] = _text("Name", "display name")
    kind: Series[str] = _field("Kind", _one_of(COUNTRY_KINDS), isin=COUNTRY_KINDS)
    members: Series[str] = _field(
        "Members",
        "for a group: member country codes separated by ';'",
        ForeignKey("countries.csv", "code", separator=";"),
        nullable=True,
        str_matches=r"^[A-Z]{3}(;[A-Z]{3})*$",
    )
    colour: Series[str] = _field(
        "Colour",
        "the country's fixed chart colour (#RRGGBB); empty: assigned from the overflow palette in row order",
        nullable=True,
        str_matches=r"^#[0-9A-Fa-f]{6}$",
    )
    essay_role: Series[str] = _field(
        "Role in the essay",
        "possible_member: the essay names the country as one that may join the SCO",
        nullable=True,
        isin=ESSAY_ROLES,
    )
    note: Series[str] = _note("what the country or group stands for here, where that needs saying")

    @pa.dataframe_check
    def group_has_members(cls, df: pd.DataFrame) -> pd.Series:
        return (df["kind"] == "group") == df["members"].notna()

    class Config:
        title = "Countries and groups"
        description = "Countries (ISO 3166-1 alpha-3) and named groups of countries (G_ codes, with their members)."


class Indicators(_Table):
    """``indicators.csv``: what each indicator id means and how it is shown."""

    indicator_id: Series[str] = _field("Indicator id", "identifier used by the other tables", str_matches=_ID, unique=True)
    title: Series[str] = _text("Title", "human title")
    unit: Series[str] = _text("Unit", "unit of the values")
    short_unit: Series[str] = _text("Short unit", "short unit")
    description: Series[str] = _text("Description", "what the indicator measures")
    decimals: Series[int] = _field("Decimals", "decimals shown", ge=0, le=6)
    scale: Series[float] = _field("Scale", "values are divided by this for display and axes", gt=0)
    axis_label: Series[str] = _text("Axis label", "unit label for axis titles after scaling")
    display: Series[str] = _field("Display pattern", "display pattern; {} stands for the scaled number", str_contains="{}")
    pages: Series[str] = _field(
        "Pages",
        f"where the indicator is offered, separated by ';': {_one_of(PAGES)}",
        nullable=True,
        str_matches=rf"^({'|'.join(PAGES)})(;({'|'.join(PAGES)}))*$",
    )
    menu_order: Series[float] = _field("Menu order", "position in the indicator menus", nullable=True, ge=0)
    additive: Series[str] = _field("Additive", "true if values can be summed across countries (a base for shares)", isin=BOOLEANS)
    derivation: Series[str] = _field(
        "Derivation",
        "ratio (numerator / denominator × factor) or share (of a named members' total); empty if stated",
        nullable=True,
        isin=DERIVATIONS,
    )
    numerator: Series[str] = _indicator("Numerator", "for a ratio: the indicator divided", nullable=True)
    denominator: Series[str] = _indicator("Denominator", "for a ratio: the indicator divided by", nullable=True)
    factor: Series[float] = _field("Factor", "for a ratio: the multiplier (empty = 1)", nullable=True, gt=0)
    reference_indicator: Series[str] = _indicator(
        "Reference indicator", "the reference.csv series that records the same quantity", nullable=True
    )
    reference_definition: Series[str] = _field(
        "Reference definition", "how the reference series defines what it counts", nullable=True
    )
    reference_same_definition: Series[str] = _field(
        "Same definition", "true if the reference series counts the same thing as this indicator", nullable=True, isin=BOOLEANS
    )

    @pa.dataframe_check
    def ratio_names_its_inputs(cls, df: pd.DataFrame) -> pd.Series:
        ratio = df["derivation"] == "ratio"
        has_inputs = df["numerator"].notna() & df["denominator"].notna()
        return (ratio & has_inputs) | (~ratio & df["numerator"].isna() & df["denominator"].isna() & df["factor"].isna())

    @pa.dataframe_check
    def offered_indicator_has_order(cls, df: pd.DataFrame) -> pd.Series:
        return df["pages"].isna() | df["menu_order"].notna() | ~df["pages"].str.contains("compare|over_time", na=False)

    @pa.dataframe_check
    def reference_has_definition(cls, df: pd.DataFrame) -> pd.Series:
        described = df["reference_definition"].notna() & df["reference_same_definition"].notna()
        return df["reference_indicator"].isna() | described

    class Config:
        title = "Indicators"
        description = (
            "Indicator definitions (title, unit, description, derivation, matching reference series) and display settings."
        )


class Sources(_Table):
    """``sources.csv``: who stated a figure, where, and under which licence."""

    source_id: Series[str] = _field("Source id", "identifier used by the other tables", str_matches=_ID, unique=True)
    kind: Series[str] = _field(
        "Kind",
        f"{ESSAY_KIND} (the essay itself; exactly one) | cited (a work the essay cites) | reference (data for comparison)",
        isin=SOURCE_KINDS,
    )
    author: Series[str] = _text("Author", "author or producer")
    title: Series[str] = _text("Title", "title of the work or series")
    publisher: Series[str] = _field("Publisher", "publisher, where known", nullable=True)
    year: Series[int] = _year("year of publication, or of retrieval for reference data")
    citation: Series[str] = _text("Citation", "full citation, to show with the figures")
    url: Series[str] = _field("Address", "address of the source", nullable=True, str_matches=_URL)
    licence: Series[str] = _text("Licence", "licence or terms")
    cited_in: Series[str] = _field(
        "Cited in", "for a source cited by the essay: the citing work's source_id", _SOURCE, nullable=True
    )
    note: Series[str] = _note("caveats about the source")

    @pa.dataframe_check
    def cited_source_names_citing_work(cls, df: pd.DataFrame) -> pd.Series:
        return (df["kind"] == "cited") == df["cited_in"].notna()

    @pa.dataframe_check
    def exactly_one_essay(cls, df: pd.DataFrame) -> pd.Series | bool:
        essay = df["kind"] == ESSAY_KIND
        if not essay.any():
            return False  # no row to point at: reported once, for the table
        return ~essay | (int(essay.sum()) == 1)

    class Config:
        title = "Sources and licences"
        description = "Who stated a figure, where, and under which licence: the essay, the works it cites, the reference data."


class Membership(_Table):
    """``membership.csv``: dated changes of a country's status in the SCO (a later row supersedes an earlier one)."""

    country_code: Series[str] = _country("ISO 3166-1 alpha-3 code of the country", pattern=_ISO3)
    status: Series[str] = _field(
        "Status",
        f"{_one_of(MEMBERSHIP_STATUSES)}, from the row's year on (a later row supersedes an earlier one)",
        isin=MEMBERSHIP_STATUSES,
    )
    year: Series[int] = _year("year the status took effect", ge=1996)
    date: Series[str] = _field(
        "Date", "the day the status took effect, where known", nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$"
    )
    source_id: Series[str] = _source()
    source_url: Series[str] = _field("Report", "address of the report that states the change", str_matches=_URL)
    note: Series[str] = _note("what the change was")

    @pa.dataframe_check
    def date_in_year(cls, df: pd.DataFrame) -> pd.Series:
        return df["date"].isna() | (df["date"].str[:4] == df["year"].astype(str))

    class Config:
        unique = ["country_code", "status", "year"]
        title = "SCO membership over time"
        description = "Dated SCO membership, observer and dialogue-partner status; a later row supersedes an earlier one."


class Assumptions(_Table):
    """``assumptions.csv``: a reading the data depends on that the essay leaves open, with the evidence for each."""

    assumption_id: Series[str] = _field("Assumption id", "identifier used by observations.csv", str_matches=_ID, unique=True)
    question: Series[str] = _text("Question", "what the essay leaves open")
    chosen: Series[int] = _field("Chosen", "the reading the data uses (a year)", **_YEARS)
    alternatives: Series[str] = _field(
        "Alternatives", "other readings (years, separated by ';')", str_matches=r"^\d{4}(;\d{4})*$"
    )
    evidence_for_chosen: Series[str] = _text("Evidence for the chosen reading", "why the chosen reading")
    evidence_for_alternatives: Series[str] = _text("Evidence for the alternatives", "what speaks for the others")
    effect: Series[str] = _text("Effect", "what changes with the reading")

    class Config:
        title = "Assumptions the data rests on"
        description = "Readings the data depends on that the essay leaves open, with the evidence for each."


class Relations(_Table):
    """``relations.csv``: comparisons the essay makes without a number."""

    relation_id: Series[str] = _field("Relation id", "identifier", str_matches=_ID, unique=True)
    subject_code: Series[str] = _country("country the statement is about", title="Subject")
    relation: Series[str] = _field("Relation", _one_of(RELATIONS), isin=RELATIONS)
    object_code: Series[str] = _country("country or group it is compared with", title="Compared with")
    quantity: Series[str] = _field("Quantity", _one_of(QUANTITIES), isin=QUANTITIES)
    locator: Series[str] = _locator()
    statement: Series[str] = _text("Statement", "the comparison, paraphrased")
    note: Series[str] = _note("how the statement was read")

    class Config:
        title = "Comparisons without a number"
        description = "Comparisons the essay makes without a number (e.g. Uzbekistan's population against its neighbours')."


class Reference(_Table):
    """``reference.csv``: recorded series from the open reference files, for comparison."""

    country_code: Series[str] = _country("ISO 3166-1 alpha-3 code of the country", pattern=_ISO3)
    indicator_id: Series[str] = _indicator()
    year: Series[int] = _year("year of the recorded value")
    value: Series[float] = _field("Value", "the recorded value, in unit")
    unit: Series[str] = _text("Unit", "unit of the recorded value")
    source_id: Series[str] = _source()
    series_code: Series[str] = _text("Series code", "upstream series code")

    class Config:
        unique = ["country_code", "indicator_id", "year"]
        title = "Reference series (World Bank, EIA)"
        description = "Recorded series from open reference data (World Bank WDI, EIA), for comparison with the essay."


#: file name -> schema, in the order tables are loaded and reported.
SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "countries.csv": Countries,
    "indicators.csv": Indicators,
    "sources.csv": Sources,
    "observations.csv": Observations,
    "borders.csv": Borders,
    "relations.csv": Relations,
    "reference.csv": Reference,
    "membership.csv": Membership,
    "assumptions.csv": Assumptions,
}


def table_title(file: str) -> str:
    """The human title of a table (``Config.title`` of its model)."""
    return str(SCHEMAS[file].to_schema().title)


def column_titles(file: str) -> dict[str, str]:
    """Column -> its human title (the field's ``title``) for a table of the package."""
    return {name: str(column.title or name) for name, column in SCHEMAS[file].to_schema().columns.items()}


def primary_key(model: type[pa.DataFrameModel]) -> list[str]:
    """The columns that identify a row: ``Config.unique``, or else the one field declared ``unique=True``."""
    schema = model.to_schema()
    if schema.unique:
        return list(schema.unique)
    unique = [name for name, column in schema.columns.items() if column.unique]
    if len(unique) != 1:
        raise ValueError(f"{model.__name__} must name its key: Config.unique, or exactly one field with unique=True")
    return unique


def foreign_keys(model: type[pa.DataFrameModel]) -> dict[str, ForeignKey]:
    """Column -> the table and key it refers to, for every column of ``model`` that refers to another table."""
    columns = model.to_schema().columns.items()
    return {name: column.metadata[_REFERS_TO] for name, column in columns if column.metadata and _REFERS_TO in column.metadata}


def essay_sourced(sources: pd.DataFrame) -> set[str]:
    """Ids of the sources whose figures come from the essay: the essay itself and every source it cites.

    Such a figure must carry its evidence phrase (the loader checks it) and the phrase must be in the
    essay (the audit checks it).
    """
    essay = sources["kind"] == ESSAY_KIND
    cited = sources["cited_in"].isin(set(sources.loc[essay, "source_id"]))
    return set(sources.loc[essay | cited, "source_id"])


#: Dataframe-level checks: the column a failure is reported against.
CHECK_COLUMNS: dict[str, str] = {
    "bounds_match_qualifier": "qualifier",
    "value_within_bounds": "value",
    "evidence_at_most_20_words": "evidence",
    "evidence_states_value": "evidence",
    "evidence_states_length": "evidence",
    "not_its_own_neighbour": "neighbour_code",
    "group_has_members": "members",
    "ratio_names_its_inputs": "derivation",
    "offered_indicator_has_order": "menu_order",
    "reference_has_definition": "reference_definition",
    "date_in_year": "date",
    "cited_source_names_citing_work": "cited_in",
    "exactly_one_essay": "kind",
}

#: One human sentence per named check.
CHECK_MESSAGES: dict[str, str] = {
    "bounds_match_qualifier": (
        "lower/upper do not fit the qualifier (exact/approx: both empty; lt: upper = value; "
        "gt: lower = value; range: lower < upper and value = their midpoint)"
    ),
    "value_within_bounds": "value lies outside [lower, upper]",
    "evidence_at_most_20_words": f"evidence phrase is longer than {MAX_EVIDENCE_WORDS} words",
    "evidence_states_value": "evidence phrase does not contain the row's value (both bounds, for a range)",
    "evidence_states_length": "evidence phrase does not contain the row's length (both bounds, for a range)",
    "not_its_own_neighbour": "a country cannot border itself",
    "group_has_members": "a group must list its members, and a country must not",
    "ratio_names_its_inputs": "a ratio names its numerator and denominator (factor optional); other indicators leave all three empty",
    "offered_indicator_has_order": "an indicator offered on the compare or over-time page needs a menu_order",
    "reference_has_definition": "an indicator with a reference_indicator needs reference_definition and reference_same_definition",
    "date_in_year": "the date does not fall in the row's year",
    "cited_source_names_citing_work": "a cited source must name the work that cites it (cited_in), other kinds must not",
    "exactly_one_essay": f"exactly one source must be the essay itself (kind '{ESSAY_KIND}'): its figures and citations hang on it",
    "multiple_fields_uniqueness": "duplicate key: another row has the same key",
    "field_uniqueness": "duplicate value in a column that must be unique",
    "column_in_dataframe": "required column is missing",
    "column_in_schema": "unknown column (not in the data contract)",
    "not_nullable": "empty cell in a required column",
    "foreign_key": "refers to an id that is not defined",
    "year_is_the_chosen_reading": "the year differs from the reading chosen for this row's year_assumption in assumptions.csv",
}
