"""Table schemas: one pandera ``DataFrameModel`` per CSV of the data package, and the data contract.

Each model is strict (no unknown columns), coercing (CSV text becomes typed
columns) and names its key.  Cross-column rules are dataframe checks
whose names are reported to people, so each carries one plain-language message
in :data:`CHECK_MESSAGES` and the column it is about in :data:`CHECK_COLUMNS`.

The models are the one statement of the contract: each field's ``title`` and
``description``, each table's ``title`` and ``description`` (``Config``), its
key (``Config.unique``, or the one field with ``unique=True``) and the columns
that refer to other tables (``Config.metadata["foreign_keys"]``).  The loader's
foreign-key check, ``datapackage.json`` and the data page all read them from here
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
#: How ``indicators.csv`` writes a yes/no cell (the descriptor declares these columns boolean with these values).
BOOLEANS = ("true", "false")
#: ``sources.csv`` kind of the essay itself; exactly one source has it (see :attr:`Dataset.essay`).
ESSAY_KIND = "essay"
SOURCE_KINDS = (ESSAY_KIND, "cited", "reference")
RELATIONS = ("approx_equal", "less_than", "greater_than", "largest_among", "no_common_border")
QUANTITIES = ("population", "armed_forces", "territory", "border")

#: ``countries.csv`` code of the group of the six SCO founding members, the members the pages compare.
FOUNDING_MEMBERS = "G_SCO"

#: What a member the essay gives no figure for is shown as (and the basis such a row carries): never a number.
NOT_STATED = "not stated"

#: Longest evidence phrase allowed, in words (house rule: at most 20 words).
MAX_EVIDENCE_WORDS = 20

_ID = r"^[a-z][a-z0-9_]*$"
_CODE = r"^([A-Z]{3}|G_[A-Z0-9_]+)$"
_ISO3 = r"^[A-Z]{3}$"
_URL = r"^https?://\S+$"
_TEXT: dict[str, Any] = {"min_value": 1}
_YEARS: dict[str, Any] = {"ge": 1800, "le": 2100}


@dataclass(frozen=True)
class ForeignKey:
    """``column`` of a table holds values of ``key`` in ``table`` (a file name of :data:`SCHEMAS`).

    With a ``separator``, a cell lists several such values; Table Schema cannot say that,
    so the descriptor leaves such a key out and only the loader checks it.
    """

    column: str
    table: str
    key: str
    separator: str | None = None


# Columns that several tables share, stated once: the same checks, title and description.


def _country(description: str, pattern: str = _CODE) -> Any:
    return pa.Field(str_matches=pattern, title="Country", description=description)


def _indicator() -> Any:
    return pa.Field(str_matches=_ID, title="Indicator", description="indicator id defined in indicators.csv")


def _year(description: str, **bounds: Any) -> Any:
    return pa.Field(**(_YEARS | bounds), title="Year", description=description)


def _qualifier() -> Any:
    return pa.Field(
        isin=QUALIFIERS,
        title="Qualifier",
        description="exact | approx ('about', 'some') | lt ('less than') | gt ('over') | range ('X-Y')",
    )


def _bound(side: str, **checks: Any) -> Any:
    given = {"lower": "gt, range", "upper": "lt, range"}[side]
    return pa.Field(
        nullable=True,
        **checks,
        title=f"{side.capitalize()} bound",
        description=f"{side} bound, when the essay gives one ({given}); empty otherwise",
    )


def _source() -> Any:
    return pa.Field(str_matches=_ID, title="Source", description="source_id defined in sources.csv")


def _locator() -> Any:
    return pa.Field(str_length=_TEXT, title="Locator", description="where in the essay: section and footnote")


def _evidence() -> Any:
    return pa.Field(
        nullable=True,
        title="Evidence",
        description=f"phrase of at most {MAX_EVIDENCE_WORDS} words copied from the essay, containing the figure",
    )


def _note(description: str) -> Any:
    return pa.Field(nullable=True, title="Note", description=description)


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


class Observations(pa.DataFrameModel):
    """``observations.csv``: one stated figure about one country."""

    country_code: Series[str] = _country("ISO 3166-1 alpha-3 code of a country, or the G_ code of a group in countries.csv")
    indicator_id: Series[str] = _indicator()
    year: Series[int] = _year("year the figure refers to (for present-tense statements: the year the essay implies; see note)")
    value: Series[float] = pa.Field(
        ge=0,
        title="Value",
        description="the figure in the indicator's unit; for lt the upper bound, for gt the lower bound, for range the midpoint",
    )
    qualifier: Series[str] = _qualifier()
    lower: Series[float] = _bound("lower", ge=0)
    upper: Series[float] = _bound("upper", ge=0)
    kind: Series[str] = pa.Field(
        isin=KINDS, title="Kind", description="reported (a figure for a past or present year) | projection"
    )
    source_id: Series[str] = _source()
    locator: Series[str] = _locator()
    evidence: Series[str] = _evidence()
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
        strict = True
        coerce = True
        unique = ["country_code", "indicator_id", "year", "source_id"]
        title = "Figures stated in the essay"
        description = "One row per figure the essay states about one country or group, with its qualifier, bounds and provenance."
        metadata = {
            "foreign_keys": (
                ForeignKey("country_code", "countries.csv", "code"),
                ForeignKey("indicator_id", "indicators.csv", "indicator_id"),
                ForeignKey("source_id", "sources.csv", "source_id"),
            )
        }


class Borders(pa.DataFrameModel):
    """``borders.csv``: a stated border length between a country and a neighbour or group."""

    country_code: Series[str] = _country("the country whose border is stated (ISO 3166-1 alpha-3, or a G_ group)")
    neighbour_code: Series[str] = pa.Field(
        str_matches=_CODE,
        title="Neighbour",
        description="the neighbouring country, or a group of countries defined in countries.csv",
    )
    length_km: Series[float] = pa.Field(
        gt=0,
        title="Length (km)",
        description="border length in kilometres; for lt the upper bound, for gt the lower bound, for range the midpoint",
    )
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
        strict = True
        coerce = True
        unique = ["country_code", "neighbour_code", "year", "source_id"]
        title = "Border lengths"
        description = "Border lengths stated in the essay, between a country and a neighbour or a group of countries."
        metadata = {
            "foreign_keys": (
                ForeignKey("country_code", "countries.csv", "code"),
                ForeignKey("neighbour_code", "countries.csv", "code"),
                ForeignKey("source_id", "sources.csv", "source_id"),
            )
        }


class Countries(pa.DataFrameModel):
    """``countries.csv``: countries and named groups of countries."""

    code: Series[str] = pa.Field(
        str_matches=_CODE, unique=True, title="Code", description="ISO 3166-1 alpha-3 code, or G_ and a name for a group"
    )
    name: Series[str] = pa.Field(str_length=_TEXT, title="Name", description="display name")
    kind: Series[str] = pa.Field(isin=COUNTRY_KINDS, title="Kind", description=_one_of(COUNTRY_KINDS))
    members: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^[A-Z]{3}(;[A-Z]{3})*$",
        title="Members",
        description="for a group: member country codes separated by ';'",
    )
    colour: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^#[0-9A-Fa-f]{6}$",
        title="Colour",
        description="the country's fixed chart colour (#RRGGBB); empty: assigned from the overflow palette in row order",
    )
    essay_role: Series[str] = pa.Field(
        nullable=True,
        isin=ESSAY_ROLES,
        title="Role in the essay",
        description="possible_member: the essay names the country as one that may join the SCO",
    )
    note: Series[str] = _note("what the country or group stands for here, where that needs saying")

    @pa.dataframe_check
    def group_has_members(cls, df: pd.DataFrame) -> pd.Series:
        return (df["kind"] == "group") == df["members"].notna()

    class Config:
        strict = True
        coerce = True
        title = "Countries and groups"
        description = "Countries (ISO 3166-1 alpha-3) and named groups of countries (G_ codes, with their members)."
        metadata = {"foreign_keys": (ForeignKey("members", "countries.csv", "code", separator=";"),)}


class Indicators(pa.DataFrameModel):
    """``indicators.csv``: what each indicator id means and how it is shown."""

    indicator_id: Series[str] = pa.Field(
        str_matches=_ID, unique=True, title="Indicator id", description="identifier used by the other tables"
    )
    title: Series[str] = pa.Field(str_length=_TEXT, title="Title", description="human title")
    unit: Series[str] = pa.Field(str_length=_TEXT, title="Unit", description="unit of the values")
    short_unit: Series[str] = pa.Field(str_length=_TEXT, title="Short unit", description="short unit")
    description: Series[str] = pa.Field(str_length=_TEXT, title="Description", description="what the indicator measures")
    decimals: Series[int] = pa.Field(ge=0, le=6, title="Decimals", description="decimals shown")
    scale: Series[float] = pa.Field(gt=0, title="Scale", description="values are divided by this for display and axes")
    axis_label: Series[str] = pa.Field(
        str_length=_TEXT, title="Axis label", description="unit label for axis titles after scaling"
    )
    display: Series[str] = pa.Field(
        str_contains="{}", title="Display pattern", description="display pattern; {} stands for the scaled number"
    )
    pages: Series[str] = pa.Field(
        nullable=True,
        str_matches=rf"^({'|'.join(PAGES)})(;({'|'.join(PAGES)}))*$",
        title="Pages",
        description=f"where the indicator is offered, separated by ';': {_one_of(PAGES)}",
    )
    menu_order: Series[float] = pa.Field(nullable=True, ge=0, title="Menu order", description="position in the indicator menus")
    additive: Series[str] = pa.Field(
        isin=BOOLEANS, title="Additive", description="true if values can be summed across countries (a base for shares)"
    )
    derivation: Series[str] = pa.Field(
        nullable=True,
        isin=DERIVATIONS,
        title="Derivation",
        description="ratio (numerator / denominator × factor) or share (of a named members' total); empty if stated",
    )
    numerator: Series[str] = pa.Field(
        nullable=True, str_matches=_ID, title="Numerator", description="for a ratio: the indicator divided"
    )
    denominator: Series[str] = pa.Field(
        nullable=True, str_matches=_ID, title="Denominator", description="for a ratio: the indicator divided by"
    )
    factor: Series[float] = pa.Field(nullable=True, gt=0, title="Factor", description="for a ratio: the multiplier (empty = 1)")
    reference_indicator: Series[str] = pa.Field(
        nullable=True,
        str_matches=_ID,
        title="Reference indicator",
        description="the reference.csv series that records the same quantity",
    )
    reference_definition: Series[str] = pa.Field(
        nullable=True, title="Reference definition", description="how the reference series defines what it counts"
    )
    reference_same_definition: Series[str] = pa.Field(
        nullable=True,
        isin=BOOLEANS,
        title="Same definition",
        description="true if the reference series counts the same thing as this indicator",
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
        strict = True
        coerce = True
        title = "Indicators"
        description = (
            "Indicator definitions (title, unit, description, derivation, matching reference series) and display settings."
        )
        metadata = {
            "foreign_keys": (
                ForeignKey("numerator", "indicators.csv", "indicator_id"),
                ForeignKey("denominator", "indicators.csv", "indicator_id"),
                ForeignKey("reference_indicator", "indicators.csv", "indicator_id"),
            )
        }


class Sources(pa.DataFrameModel):
    """``sources.csv``: who stated a figure, where, and under which licence."""

    source_id: Series[str] = pa.Field(
        str_matches=_ID, unique=True, title="Source id", description="identifier used by the other tables"
    )
    kind: Series[str] = pa.Field(
        isin=SOURCE_KINDS,
        title="Kind",
        description=f"{ESSAY_KIND} (the essay itself; exactly one) | cited (a work the essay cites) | reference (data for comparison)",
    )
    author: Series[str] = pa.Field(str_length=_TEXT, title="Author", description="author or producer")
    title: Series[str] = pa.Field(str_length=_TEXT, title="Title", description="title of the work or series")
    publisher: Series[str] = pa.Field(nullable=True, title="Publisher", description="publisher, where known")
    year: Series[int] = _year("year of publication, or of retrieval for reference data")
    citation: Series[str] = pa.Field(str_length=_TEXT, title="Citation", description="full citation, to show with the figures")
    url: Series[str] = pa.Field(nullable=True, str_matches=_URL, title="Address", description="address of the source")
    licence: Series[str] = pa.Field(str_length=_TEXT, title="Licence", description="licence or terms")
    cited_in: Series[str] = pa.Field(
        nullable=True, title="Cited in", description="for a source cited by the essay: the citing work's source_id"
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
        strict = True
        coerce = True
        title = "Sources and licences"
        description = "Who stated a figure, where, and under which licence: the essay, the works it cites, the reference data."
        metadata = {"foreign_keys": (ForeignKey("cited_in", "sources.csv", "source_id"),)}


class Membership(pa.DataFrameModel):
    """``membership.csv``: dated changes of a country's status in the SCO (a later row supersedes an earlier one)."""

    country_code: Series[str] = _country("ISO 3166-1 alpha-3 code of the country", _ISO3)
    status: Series[str] = pa.Field(
        isin=MEMBERSHIP_STATUSES,
        title="Status",
        description=f"{_one_of(MEMBERSHIP_STATUSES)}, from the row's year on (a later row supersedes an earlier one)",
    )
    year: Series[int] = _year("year the status took effect", ge=1996)
    date: Series[str] = pa.Field(
        nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$", title="Date", description="the day the status took effect, where known"
    )
    source_id: Series[str] = _source()
    source_url: Series[str] = pa.Field(
        str_matches=_URL, title="Report", description="address of the report that states the change"
    )
    note: Series[str] = _note("what the change was")

    @pa.dataframe_check
    def date_in_year(cls, df: pd.DataFrame) -> pd.Series:
        return df["date"].isna() | (df["date"].str[:4] == df["year"].astype(str))

    class Config:
        strict = True
        coerce = True
        unique = ["country_code", "status", "year"]
        title = "SCO membership over time"
        description = "Dated SCO membership, observer and dialogue-partner status; a later row supersedes an earlier one."
        metadata = {
            "foreign_keys": (
                ForeignKey("country_code", "countries.csv", "code"),
                ForeignKey("source_id", "sources.csv", "source_id"),
            )
        }


class Relations(pa.DataFrameModel):
    """``relations.csv``: comparisons the essay makes without a number."""

    relation_id: Series[str] = pa.Field(str_matches=_ID, unique=True, title="Relation id", description="identifier")
    subject_code: Series[str] = pa.Field(str_matches=_CODE, title="Subject", description="country the statement is about")
    relation: Series[str] = pa.Field(isin=RELATIONS, title="Relation", description=_one_of(RELATIONS))
    object_code: Series[str] = pa.Field(
        str_matches=_CODE, title="Compared with", description="country or group it is compared with"
    )
    quantity: Series[str] = pa.Field(isin=QUANTITIES, title="Quantity", description=_one_of(QUANTITIES))
    locator: Series[str] = _locator()
    statement: Series[str] = pa.Field(str_length=_TEXT, title="Statement", description="the comparison, paraphrased")
    note: Series[str] = _note("how the statement was read")

    class Config:
        strict = True
        coerce = True
        title = "Comparisons without a number"
        description = "Comparisons the essay makes without a number (e.g. Uzbekistan's population against its neighbours')."
        metadata = {
            "foreign_keys": (
                ForeignKey("subject_code", "countries.csv", "code"),
                ForeignKey("object_code", "countries.csv", "code"),
            )
        }


class Reference(pa.DataFrameModel):
    """``reference.csv``: recorded series from the open reference files, for comparison."""

    country_code: Series[str] = _country("ISO 3166-1 alpha-3 code of the country", _ISO3)
    indicator_id: Series[str] = _indicator()
    year: Series[int] = _year("year of the recorded value")
    value: Series[float] = pa.Field(title="Value", description="the recorded value, in unit")
    unit: Series[str] = pa.Field(str_length=_TEXT, title="Unit", description="unit of the recorded value")
    source_id: Series[str] = _source()
    series_code: Series[str] = pa.Field(str_length=_TEXT, title="Series code", description="upstream series code")

    class Config:
        strict = True
        coerce = True
        unique = ["country_code", "indicator_id", "year"]
        title = "Reference series (World Bank, EIA)"
        description = "Recorded series from open reference data (World Bank WDI, EIA), for comparison with the essay."
        metadata = {
            "foreign_keys": (
                ForeignKey("country_code", "countries.csv", "code"),
                ForeignKey("indicator_id", "indicators.csv", "indicator_id"),
                ForeignKey("source_id", "sources.csv", "source_id"),
            )
        }


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
}


def table_title(file: str) -> str:
    """The human title of a table (``Config.title`` of its model)."""
    return str(SCHEMAS[file].Config.title)


def table_description(file: str) -> str:
    return str(SCHEMAS[file].Config.description)


def primary_key(model: type[pa.DataFrameModel]) -> list[str]:
    """The columns that identify a row: ``Config.unique``, or else the one field declared ``unique=True``."""
    schema = model.to_schema()
    if schema.unique:
        return list(schema.unique)
    unique = [name for name, column in schema.columns.items() if column.unique]
    if len(unique) != 1:
        raise ValueError(f"{model.__name__} must name its key: Config.unique, or exactly one field with unique=True")
    return unique


def foreign_keys(model: type[pa.DataFrameModel]) -> tuple[ForeignKey, ...]:
    """The columns of ``model`` that refer to another table's key (``Config.metadata["foreign_keys"]``)."""
    keys: tuple[ForeignKey, ...] = (model.Config.metadata or {}).get("foreign_keys", ())
    return keys


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
}
