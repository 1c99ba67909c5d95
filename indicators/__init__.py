"""SCO indicators: the essay's figures as a validated data package, with derived figures and charts.

The public API is re-exported here; Streamlit is imported only by ``indicators.pages``.
"""

from indicators.analysis.audit import audit_evidence
from indicators.analysis.consistency import TOLERANCE, consistency_report
from indicators.analysis.derive import Interval, derive, growth_rate, implied_population, members_share
from indicators.analysis.record import essay_vs_record
from indicators.contract.problems import Problem
from indicators.contract.registry import Indicator, Registry
from indicators.load.dataset import DEFAULT_DATA_DIR, Dataset, DataValidationError, format_problems, load_dataset, problems_frame
from indicators.outputs.formatting import format_figure
from indicators.schemas import essay_sourced

__all__ = [
    "DEFAULT_DATA_DIR",
    "TOLERANCE",
    "DataValidationError",
    "Dataset",
    "Indicator",
    "Interval",
    "Problem",
    "Registry",
    "audit_evidence",
    "consistency_report",
    "derive",
    "essay_sourced",
    "essay_vs_record",
    "format_figure",
    "format_problems",
    "growth_rate",
    "implied_population",
    "load_dataset",
    "members_share",
    "problems_frame",
]
