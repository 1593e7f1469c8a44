"""The docs stay true: every rule and command is documented, every rule has must/must-not cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import claimcheck
from claimcheck.engine.registry import load_rules
from claimcheck.pytest_plugin import read_expectations

ROOT = Path(__file__).resolve().parents[1]
RULES = list(load_rules(plugins=False))
CASES = read_expectations(sorted((ROOT / "fixtures" / "rules").rglob("*.md")))


def test_public_api_is_exactly_the_intended_names():
    assert sorted(claimcheck.__all__) == sorted([
        "Claim", "ConfigError", "DateSettings", "Document", "Extraction", "Extractor", "Finding",
        "IntervalPolicy", "Money", "Period", "Problem", "Rule", "RuleError", "Settings", "check_paths",
        "claims_frame", "findings_frame", "extract", "extraction_json", "finding", "load_settings", "rule",
        # what rule authors use, as the default pack does
        "Fact", "FactKey", "FactWindows", "Interval", "Ratio", "all_meet", "common_currency", "in_currency", "relative_gap",
        "months_back", "shift_period", "stretch", "written_with_a_scale", "currencies_written",
    ])
    for name in claimcheck.__all__:
        assert hasattr(claimcheck, name)
    public = {n for n, v in vars(claimcheck).items() if not n.startswith("_") and not isinstance(v, type(claimcheck))}
    assert public == set(claimcheck.__all__), "names exported but not in __all__, or the reverse"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_documented(rule):
    assert rule.section("What") and rule.section("Why") and rule.section("Example"), rule.id
    assert f"`{rule.id}`" in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_cases_that_fire_and_cases_that_must_not(rule):
    must = [e for e in CASES if e.rule == rule.id and e.must]
    must_not = [e for e in CASES if e.rule == rule.id and not e.must]
    assert len({Path(e.source).parent for e in must}) >= 2, f"{rule.id}: fewer than two firing cases"
    assert len({Path(e.source).parent for e in must_not}) >= 2, f"{rule.id}: fewer than two look-alike cases"


def test_every_command_is_documented():
    from claimcheck.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in commands:
        assert re.search(rf"claimcheck {name}\b", readme), f"README does not show `claimcheck {name}`"
