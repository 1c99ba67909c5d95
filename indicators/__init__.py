"""SCO indicators: the essay's figures as a validated data package, with derived figures and charts.

The public API is re-exported here; Streamlit is imported only by ``indicators.pages``.
"""

from indicators.audit import audit_evidence, essay_sourced
from indicators.consistency import TOLERANCE, consistency_report, essay_vs_reference
from indicators.dataset import (
    DEFAULT_DATA_DIR,
    Dataset,
    DataValidationError,
    format_problems,
    load_dataset,
    problems_frame,
)
from indicators.derive import (
    Interval,
    armed_forces_per_1000,
    gdp_per_capita,
    growth_rate,
    implied_population,
    members_share,
    oil_demand,
)
from indicators.formatting import format_figure
from indicators.problems import Problem

__all__ = [
    "DEFAULT_DATA_DIR",
    "TOLERANCE",
    "DataValidationError",
    "Dataset",
    "Interval",
    "Problem",
    "armed_forces_per_1000",
    "audit_evidence",
    "consistency_report",
    "essay_sourced",
    "essay_vs_reference",
    "format_figure",
    "format_problems",
    "gdp_per_capita",
    "growth_rate",
    "implied_population",
    "load_dataset",
    "members_share",
    "oil_demand",
    "problems_frame",
]
