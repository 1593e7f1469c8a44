"""claimcheck: extract monetary claims from news articles and check them for consistency.

The public API is what `__all__` lists; everything else lives in implementation modules that may change.
"""

from claimcheck.patterncache import cached_patterns as _cached_patterns

with _cached_patterns():  # the grammars compile their patterns at import: kept between runs
    from claimcheck.claims.extract import Extractor, extract
    from claimcheck.config import ConfigError, FactWindows, Settings, load_settings
    from claimcheck.engine.check import check_paths
    from claimcheck.engine.compare import Interval, all_meet, common_currency, in_currency, relative_gap
    from claimcheck.engine.facts import Fact, FactKey
    from claimcheck.engine.findings import Finding, finding
    from claimcheck.engine.registry import Rule, RuleError, rule
    from claimcheck.mentions.changes import months_back
    from claimcheck.mentions.intervals import IntervalPolicy
    from claimcheck.mentions.money import currencies_written, written_with_a_scale
    from claimcheck.mentions.periods import DateSettings, shift_period, stretch
    from claimcheck.models import Claim, Document, Extraction, Money, Period, Problem, Ratio
    from claimcheck.report.frame import claims_frame, findings_frame
    from claimcheck.report.render import extraction_json

__all__ = [
    "Claim",
    "ConfigError",
    "DateSettings",
    "Document",
    "Extraction",
    "Extractor",
    "Fact",
    "FactKey",
    "FactWindows",
    "Finding",
    "Interval",
    "IntervalPolicy",
    "Money",
    "Period",
    "Problem",
    "Ratio",
    "Rule",
    "RuleError",
    "Settings",
    "all_meet",
    "check_paths",
    "claims_frame",
    "common_currency",
    "currencies_written",
    "extract",
    "extraction_json",
    "finding",
    "findings_frame",
    "in_currency",
    "load_settings",
    "relative_gap",
    "rule",
    "months_back",
    "shift_period",
    "stretch",
    "written_with_a_scale",
]
