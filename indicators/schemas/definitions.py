"""The tables that say what the ids mean: countries and groups, indicators, the assumptions read into the essay, and sources."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.schemas.fields import (
    BOOLEANS,
    CODE,
    COUNTRY_KINDS,
    DERIVATIONS,
    ESSAY_KIND,
    ESSAY_ROLES,
    HEX_COLOUR,
    ID,
    MEMBER_CODES,
    PAGE_LIST,
    PAGES,
    SOURCE,
    SOURCE_KINDS,
    URL,
    YEAR_LIST,
    YEARS,
    ForeignKey,
    TableModel,
    field_spec,
    indicator_field,
    note_field,
    one_of,
    text_field,
    year_field,
)


class Countries(TableModel):
    """Countries (ISO 3166-1 alpha-3) and named groups of countries (G_ codes, with their members)."""

    code: Series[str] = field_spec("Code", "ISO 3166-1 alpha-3 code, or G_ and a name for a group", str_matches=CODE, unique=True)
    name: Series[str] = text_field("Name", "display name")
    kind: Series[str] = field_spec("Kind", one_of(COUNTRY_KINDS), isin=COUNTRY_KINDS)
    members: Series[str] = field_spec(
        "Members",
        "for a group: member country codes separated by ';'",
        ForeignKey("countries.csv", "code", separator=";"),
        nullable=True,
        str_matches=MEMBER_CODES,
    )
    colour: Series[str] = field_spec(
        "Colour",
        "the country's fixed chart colour (#RRGGBB); empty: assigned from the overflow palette in row order",
        nullable=True,
        str_matches=HEX_COLOUR,
    )
    essay_role: Series[str] = field_spec(
        "Role in the essay",
        "possible_member: the essay names the country as one that may join the SCO",
        nullable=True,
        isin=ESSAY_ROLES,
    )
    note: Series[str] = note_field("what the country or group stands for here, where that needs saying")

    @pa.dataframe_check
    def group_has_members(cls, df: pd.DataFrame) -> pd.Series:
        return (df["kind"] == "group") == df["members"].notna()

    @pa.dataframe_check
    def name_is_unique(cls, df: pd.DataFrame) -> pd.Series:
        # Charts, legends and findings label and group countries by name: two of one name could not be told apart.
        return ~df["name"].duplicated(keep=False)

    class Config:
        title = "Countries and groups"


class Indicators(TableModel):
    """Indicator definitions (title, unit, description, derivation, matching reference series) and display settings."""

    indicator_id: Series[str] = field_spec("Indicator id", "identifier used by the other tables", str_matches=ID, unique=True)
    title: Series[str] = text_field("Title", "human title")
    unit: Series[str] = text_field("Unit", "unit of the values")
    short_unit: Series[str] = text_field("Short unit", "short unit")
    description: Series[str] = text_field("Description", "what the indicator measures")
    decimals: Series[int] = field_spec("Decimals", "decimals shown", ge=0, le=6)
    scale: Series[float] = field_spec("Scale", "values are divided by this for display and axes", gt=0)
    axis_label: Series[str] = text_field("Axis label", "unit label for axis titles after scaling")
    display: Series[str] = field_spec("Display pattern", "display pattern; {} stands for the scaled number", str_contains="{}")
    pages: Series[str] = field_spec(
        "Pages", f"where the indicator is offered, separated by ';': {one_of(PAGES)}", nullable=True, str_matches=PAGE_LIST
    )
    menu_order: Series[float] = field_spec("Menu order", "position in the indicator menus", nullable=True, ge=0)
    additive: Series[str] = field_spec(
        "Additive", "true if values can be summed across countries (a base for shares)", isin=BOOLEANS
    )
    derivation: Series[str] = field_spec(
        "Derivation",
        "ratio (numerator / denominator × factor) or share (of a named members' total); empty if stated",
        nullable=True,
        isin=DERIVATIONS,
    )
    numerator: Series[str] = indicator_field("Numerator", "for a ratio: the indicator divided", nullable=True)
    denominator: Series[str] = indicator_field("Denominator", "for a ratio: the indicator divided by", nullable=True)
    factor: Series[float] = field_spec("Factor", "for a ratio: the multiplier (empty = 1)", nullable=True, gt=0)
    reference_indicator: Series[str] = indicator_field(
        "Reference indicator", "the reference.csv series that records the same quantity", nullable=True
    )
    reference_definition: Series[str] = field_spec(
        "Reference definition", "how the reference series defines what it counts", nullable=True
    )
    reference_same_definition: Series[str] = field_spec(
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


class Assumptions(TableModel):
    """Readings the data depends on that the essay leaves open, with the evidence for each."""

    assumption_id: Series[str] = field_spec("Assumption id", "identifier used by observations.csv", str_matches=ID, unique=True)
    question: Series[str] = text_field("Question", "what the essay leaves open")
    chosen: Series[int] = field_spec("Chosen", "the reading the data uses (a year)", **YEARS)
    alternatives: Series[str] = field_spec("Alternatives", "other readings (years, separated by ';')", str_matches=YEAR_LIST)
    evidence_for_chosen: Series[str] = text_field("Evidence for the chosen reading", "why the chosen reading")
    evidence_for_alternatives: Series[str] = text_field("Evidence for the alternatives", "what speaks for the others")
    effect: Series[str] = text_field("Effect", "what changes with the reading")

    class Config:
        title = "Assumptions the data rests on"


class Sources(TableModel):
    """Who stated a figure, where, and under which licence: the essay, the works it cites, the reference data."""

    source_id: Series[str] = field_spec("Source id", "identifier used by the other tables", str_matches=ID, unique=True)
    kind: Series[str] = field_spec(
        "Kind",
        f"{ESSAY_KIND} (the essay itself; exactly one) | cited (a work the essay cites) | reference (data for comparison)",
        isin=SOURCE_KINDS,
    )
    author: Series[str] = text_field("Author", "author or producer")
    title: Series[str] = text_field("Title", "title of the work or series")
    publisher: Series[str] = field_spec("Publisher", "publisher, where known", nullable=True)
    year: Series[int] = year_field("year of publication, or of retrieval for reference data")
    citation: Series[str] = text_field("Citation", "full citation, to show with the figures")
    url: Series[str] = field_spec("Address", "address of the source", nullable=True, str_matches=URL)
    licence: Series[str] = text_field("Licence", "licence or terms")
    cited_in: Series[str] = field_spec(
        "Cited in", "for a source cited by the essay: the citing work's source_id", SOURCE, nullable=True
    )
    note: Series[str] = note_field("caveats about the source")

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
