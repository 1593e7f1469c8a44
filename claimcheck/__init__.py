"""claimcheck: extract monetary claims from news articles and check them for consistency.

The public API is what `__all__` lists; everything else lives in implementation modules that may change.
"""

from claimcheck.check import check_paths
from claimcheck.config import ConfigError, Settings, load_settings
from claimcheck.engine import Rule, RuleError, rule
from claimcheck.findings import Finding, finding
from claimcheck.extract import Extractor, extract
from claimcheck.frame import claims_frame
from claimcheck.intervals import IntervalPolicy
from claimcheck.models import Claim, Document, Extraction, Money, Period, Problem
from claimcheck.periods import DateSettings
from claimcheck.render import extraction_json

__all__ = [
    "Claim",
    "ConfigError",
    "Finding",
    "DateSettings",
    "Document",
    "Extraction",
    "Extractor",
    "IntervalPolicy",
    "Money",
    "Period",
    "Problem",
    "Rule",
    "RuleError",
    "Settings",
    "check_paths",
    "claims_frame",
    "extract",
    "extraction_json",
    "finding",
    "load_settings",
    "rule",
]
