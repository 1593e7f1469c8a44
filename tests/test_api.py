"""The Python API: DataFrames, plugins through entry points, and the pytest plugin's selection by rule."""

from __future__ import annotations

import subprocess
import sys
import types

import pandas as pd

import claimcheck
from claimcheck.engine import registry as engine
from claimcheck.report.render import FLAT_COLUMNS

from conftest import REPO


def test_claims_frame_has_one_row_per_claim():
    result = claimcheck.extract([str(REPO / "fixtures" / "corpus")])
    frame = claimcheck.claims_frame(result.claims)
    assert list(frame.columns) == list(FLAT_COLUMNS)
    assert len(frame) == len(result.claims)
    assert pd.api.types.is_datetime64_any_dtype(frame["period_start"])
    row = frame[frame["quote"] == "€15 million"].iloc[0]
    assert (row["currency"], row["subject"], row["counterparty"], row["metric"]) == (
        "EUR", "Mistral AI", "Microsoft", "investment")


class _EntryPoint:
    def __init__(self, name: str, target: object) -> None:
        self.name, self.value, self._target = name, f"fake:{name}", target

    def load(self) -> object:
        return self._target


def test_plugin_rules_come_through_entry_points(monkeypatch):
    module = types.ModuleType("newsroom_plugin")

    @claimcheck.rule("plugin-rule", severity="info")
    def plugin_rule(claims):
        """What: x. Why: y. Example: z."""
        return ()

    plugin_rule.__module__ = module.__name__
    module.plugin_rule = plugin_rule
    monkeypatch.setattr(engine, "entry_points", lambda group: [_EntryPoint("newsroom", module)])
    registry = engine.load_rules()
    assert "plugin-rule" in registry.rules


def test_broken_plugin_is_a_rule_error(monkeypatch):
    class Broken(_EntryPoint):
        def load(self):
            raise ImportError("no module named newsroom")

    monkeypatch.setattr(engine, "entry_points", lambda group: [Broken("newsroom", None)])
    try:
        engine.load_rules()
    except claimcheck.RuleError as exc:
        assert "plugin 'newsroom'" in str(exc) and "failed to load" in str(exc)
    else:
        raise AssertionError("a broken plugin must be reported")


def test_pytest_k_selects_one_rule_over_every_case():
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "fixtures/rules", "-k", "ratio-words", "-o", "addopts=", "-q", "-p", "no:cacheprovider"],
        cwd=REPO, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    cases = sum(1 for p in (REPO / "fixtures" / "rules").iterdir() if p.is_dir())
    assert f"{cases} passed" in proc.stdout


def test_a_conflict_shows_the_sources_own_conversion():
    """"R$9.4 billion (about US$1.66 billion)" against "USD 9.4 billion": the finding holds the source's dollars too,
    where an editor compares the two."""
    result = claimcheck.check_paths([str(REPO / "fixtures" / "rules" / "conflict-shows-the-conversion")])
    quotes = {c.id: c.quote for c in result.extraction.claims}
    conflicts = [f for f in result.findings if f.rule == "cross-source-conflict"]
    assert len(conflicts) == 1
    assert [quotes[i] for i in conflicts[0].claims] == ["R$9.4 billion", "USD 9.4 billion", "about US$1.66 billion"]


def test_a_rule_run_per_claim_is_called_only_on_claims_with_its_fields():
    from claimcheck.engine.check import check

    seen: list[str] = []

    @claimcheck.rule("only-conversions", severity="info", related_metrics={}, claims_with=("conversion_of",))
    def only_conversions(claim):
        """What: x. Why: y. Example: z."""
        seen.append(claim.quote)
        return ()

    extraction = claimcheck.extract([str(REPO / "fixtures" / "corpus")])
    check(extraction, [getattr(only_conversions, engine.RULE_ATTR)])
    converted = sorted(c.quote for c in extraction.claims if c.conversion_of)
    assert converted and sorted(seen) == converted


def test_claims_with_names_fields_of_a_claim_for_a_rule_of_one_claim():
    for fields, params, message in ((("ratios",), "claim", "names no claim field: ratios"),
                                    (("ratio",), "fact", "needs a `claim` parameter")):
        source = f"def r({params}):\n    return ()\n"
        namespace: dict = {}
        exec(source, namespace)  # noqa: S102 (a rule function with the parameter under test)
        try:
            claimcheck.rule("r", claims_with=fields)(namespace["r"])
        except claimcheck.RuleError as exc:
            assert message in str(exc)
        else:
            raise AssertionError(f"claims_with={fields} on ({params}) must be refused")
