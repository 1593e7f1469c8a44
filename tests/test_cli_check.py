"""`claimcheck check`, `claimcheck rules`, `claimcheck providers` end to end."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

CORPUS = str(REPO / "fixtures" / "corpus")
EXAMPLE_RULES = REPO / "tests" / "data" / "newsroom_rules"


def test_check_corpus_text(cli):
    run = cli("check", CORPUS)
    assert run.status == 1, run
    assert "ERRORS (4)" in run.out and "WARNINGS (2)" in run.out
    for rule in ("cross-source-conflict", "conversion-check", "revenue-vs-arr", "ratio-words"):
        assert rule in run.out
    assert "05-microsoft-stake.md:10:22" in run.out  # evidence with file:line:column
    assert "1 USD = 0.9211" in run.out  # the rate and date used are shown
    assert "Traceback" not in run.err


def test_check_json_schema(cli):
    run = cli("check", CORPUS, "--format", "json")
    data = run.json()
    assert data["schema"] == "claimcheck.check" and data["version"] == 1
    assert {"documents", "claims", "problems", "findings"} <= set(data)
    ids = {c["id"] for c in data["claims"]}
    for f in data["findings"]:
        assert set(f) == {"rule", "severity", "message", "claims", "locations", "explanation", "fingerprint",
                          "stable_fingerprint"}
        assert set(f["claims"]) <= ids and f["severity"] in ("error", "warning", "info")
    conflict = next(f for f in data["findings"] if f["rule"] == "cross-source-conflict" and "€15 million" in f["message"])
    assert conflict["explanation"]["tolerance"] == 0.005 and conflict["explanation"]["gap"] > 0.01


def test_fingerprints_are_stable_across_runs_and_paths(cli, tmp_path):
    first = {f["fingerprint"] for f in cli("check", CORPUS, "--format", "json").json()["findings"]}
    relative = cli("check", "fixtures/corpus", "--format", "json", cwd=REPO).json()["findings"]
    assert first == {f["fingerprint"] for f in relative}


def test_fail_level_and_selection(cli):
    assert cli("check", CORPUS, "--select", "ratio-words").status == 0  # a warning: below the default level
    assert cli("check", CORPUS, "--select", "ratio-words", "--fail-level", "warning").status == 1
    run = cli("check", CORPUS, "--ignore", "cross-source-conflict,conversion-check,revenue-vs-arr", "--format", "json")
    assert {f["rule"] for f in run.json()["findings"]} == {"ratio-words"}
    assert run.status == 0
    by_code = cli("check", CORPUS, "--select", "CC102", "--format", "json").json()
    assert {f["rule"] for f in by_code["findings"]} == {"conversion-check"}


def test_clean_draft_exits_zero(cli, write_article, tmp_path):
    write_article(tmp_path / "draft.md", "Acme Robotics raised €40 million in a Series A round in March 2025.")
    run = cli("check", "draft.md")
    assert run.status == 0, run
    assert "0 error(s), 0 warning(s), 0 note(s)" in run.out


def test_unknown_rule_is_a_usage_error(cli):
    run = cli("check", CORPUS, "--select", "no-such-rule")
    assert run.status == 2 and len(run.err_lines) == 1
    assert "unknown rule 'no-such-rule'" in run.err and "cross-source-conflict" in run.err


def test_user_rule_file_worked_example(cli, tmp_path, write_article):
    write_article(tmp_path / "a.md", "Acme Robotics was valued at $6 billion in its Series C round.", date="2025-03-03")
    write_article(tmp_path / "b.md", "Acme Robotics was valued at $600 million in its Series C round.", date="2025-03-04")
    run = cli("check", ".", "--rules", str(EXAMPLE_RULES), "--select", "valuation-drop", "--format", "json")
    assert run.status == 0, run  # a warning
    findings = run.json()["findings"]
    assert [f["rule"] for f in findings] == ["valuation-drop"]
    assert "less than half" in findings[0]["message"] and len(findings[0]["claims"]) == 2


def test_worked_example_in_docs_matches_the_tested_file():
    doc = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n# newsroom_rules/valuations.py\n(.*?)```", doc, re.S).group(1)
    assert code in (EXAMPLE_RULES / "valuations.py").read_text(encoding="utf-8")


def test_rule_settings_and_severity_from_config(cli, tmp_path):
    (tmp_path / "claimcheck.toml").write_text(
        '[rule.conversion-check]\ntolerance = 0.5\n[rule.ratio-words]\nseverity = "error"\n', encoding="utf-8")
    run = cli("check", CORPUS, "--format", "json")
    rules = {(f["rule"], f["severity"]) for f in run.json()["findings"]}
    assert ("conversion-check", "error") not in rules  # 12% off is inside a 50% tolerance
    assert ("ratio-words", "error") in rules


def test_two_forecasts_apart_by_the_forecast_tolerance_set_in_config(cli, tmp_path):
    """Two brokers' forecasts 1.9% apart are no conflict at the default `forecast_tolerance` (5%); a desk that
    wants forecasts held to the figures' own tolerance sets it lower."""
    corpus = REPO / "fixtures" / "rules" / "forecasts-of-two-forecasters"
    assert not [f for f in cli("check", str(corpus), "--format", "json").json()["findings"]
                if f["rule"] == "cross-source-conflict"]
    (tmp_path / "claimcheck.toml").write_text('[rule.cross-source-conflict]\nforecast_tolerance = 0.005\n',
                                              encoding="utf-8")
    found = cli("check", str(corpus), "--format", "json").json()["findings"]
    assert [(f["rule"], f["severity"]) for f in found] == [("cross-source-conflict", "error")], found


def test_bad_rule_settings_in_config(cli, tmp_path):
    (tmp_path / "claimcheck.toml").write_text('[rule.conversion-check]\ntolerence = 0.5\n', encoding="utf-8")
    run = cli("check", CORPUS)
    assert run.status == 2 and len(run.err_lines) == 1
    assert "has no setting 'tolerence' (settings: approx, article_days, copy_agree, copy_tolerance, sentence_tolerance, tolerance)" in run.err


def _rule_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "house.py"
    path.write_text("from claimcheck import rule, finding\n\n" + body, encoding="utf-8")
    return path


def test_unknown_provider_lists_known(cli, tmp_path):
    _rule_file(tmp_path, '@rule("needs-magic")\ndef needs_magic(magic):\n    """x"""\n')
    run = cli("check", CORPUS, "--rules", "house.py")
    assert run.status == 2 and len(run.err_lines) == 1
    assert "unknown provider(s) magic; known: claim, claims, config, document, fact, fx, run" in run.err


def test_duplicate_rule_id(cli, tmp_path):
    _rule_file(tmp_path, '@rule("ratio-words")\ndef mine(claims):\n    """x"""\n')
    run = cli("check", CORPUS, "--rules", "house.py")
    assert run.status == 2 and "duplicate rule id 'ratio-words'" in run.err


def test_syntax_error_in_rule_file(cli, tmp_path):
    (tmp_path / "broken.py").write_text("def oops(:\n", encoding="utf-8")
    run = cli("check", CORPUS, "--rules", "broken.py")
    assert run.status == 2 and len(run.err_lines) == 1 and "broken.py:1: syntax error" in run.err


def test_assert_becomes_a_finding(cli, tmp_path):
    _rule_file(tmp_path, (
        '@rule("no-big-budgets", severity="error")\n'
        'def no_big_budgets(claim, *, limit: float = 1e8):\n'
        '    """x"""\n'
        '    if claim.metric == "budget":\n'
        '        assert claim.value.high <= limit, f"budget {claim.quote} is over the limit"\n'
    ))
    run = cli("check", CORPUS, "--rules", "house.py", "--select", "no-big-budgets", "--format", "json")
    assert run.status == 1
    messages = sorted(f["message"] for f in run.json()["findings"])
    assert messages == ["budget about €300 million is over the limit", "budget around €300m is over the limit"]


def test_crashing_rule_is_reported_and_others_run(cli, tmp_path):
    _rule_file(tmp_path, '@rule("crashes")\ndef crashes(claim):\n    """x"""\n    return 1 / 0\n')
    run = cli("check", CORPUS, "--rules", "house.py", "--format", "json")
    assert run.status == 2
    assert "rule crashes: rule failed (on 35 of 35 items; the first: rule crashed at house.py:6: ZeroDivisionError" in run.err
    assert "Traceback" not in run.err
    assert any(f["rule"] == "cross-source-conflict" for f in run.json()["findings"])


def test_python_dash_o_is_refused(tmp_path):
    proc = subprocess.run([sys.executable, "-O", "-m", "claimcheck", "check", CORPUS],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2 and "refusing to run under python -O" in proc.stderr


def test_bad_input_in_check_is_status_two_with_findings(cli, tmp_path):
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\x00\x00\x01")
    run = cli("check", CORPUS, "binary.md", "--format", "json")
    assert run.status == 2
    assert run.json()["findings"]


def test_rules_command_lists_documentation(cli):
    run = cli("rules")
    assert run.status == 0
    for rule in ("cross-source-conflict", "conversion-check", "revenue-vs-arr", "ratio-words", "series-sanity",
                 "undated-source", "missed-target"):
        assert rule in run.out
    assert "why:" in run.out and "example:" in run.out and "settings: tolerance = 0.005" in run.out
    data = cli("rules", "--format", "json", "--rules", str(EXAMPLE_RULES)).json()
    assert any(r["id"] == "valuation-drop" and r["settings"] == {"max_drop": 0.5} for r in data)


def test_providers_command(cli):
    run = cli("providers")
    assert run.status == 0
    for name in ("claims", "fact", "document", "claim", "fx", "config", "run"):
        assert re.search(rf"^{name}\s", run.out, re.M)


def test_a_conversion_from_a_currency_without_reference_rates_is_said_unchecked(cli):
    """"CLP 145.3 billion (roughly US$121 million)": the ECB publishes no rate for the Chilean peso, so the
    conversion is reported as not checked (info, no failed gate), not passed over in silence."""
    import json

    run = cli("check", str(REPO / "fixtures/rules/conversion-from-an-unrated-currency"), "--format", "json")
    found = json.loads(run.out)["findings"]
    assert [(f["rule"], f["severity"]) for f in found] == [("conversion-check", "info")], found
    assert "no reference rate for CLP" in found[0]["message"] and run.status == 0
    assert found[0]["explanation"]["unrated"] == ["CLP"]


def test_a_conversion_from_an_unrated_currency_is_checked_against_the_copys_own_rates(cli):
    """Three articles convert dollars to Chilean pesos at about 946; "US$191 million (about 145 billion Chilean
    pesos)" implies 734-784: a warning that names the copy's rate and the conversion it took it from (the ECB has
    none to check it against), and the conversions that agree pass without a word."""
    import json

    run = cli("check", str(REPO / "fixtures/rules/conversion-against-the-copy-rates"), "--format", "json")
    found = json.loads(run.out)["findings"]
    assert [(f["rule"], f["severity"]) for f in found] == [("conversion-check", "warning")], found
    explanation = found[0]["explanation"]
    assert explanation["unrated"] == ["CLP"] and explanation["rate_of"] == ["USD", "CLP"]
    assert [round(r) for r in explanation["copy_rate"]] == [946, 949]
    assert "the copy's own conversions" in found[0]["message"] and "1 USD = 734.5–784 CLP" in found[0]["message"]
    assert run.status == 0  # a warning: the default gate fails on errors only


def test_two_articles_on_one_company_converting_at_rates_far_apart_are_a_warning(cli):
    """"N1.53 trillion (about $1 billion)" on 31 January and "N274.9 billion (roughly $600 million)" a week later,
    both of one company's 2024: 1,530 and 458 naira to the dollar, and no reference rate for the naira. One of the two
    is wrong: one warning names all four figures; at a consistent rate ("roughly $180 million") neither is flagged,
    and both are said unchecked (info)."""
    import json

    run = cli("check", str(REPO / "fixtures/rules/conversion-two-articles-one-company"), "--format", "json")
    found = json.loads(run.out)["findings"]
    assert [(f["rule"], f["severity"]) for f in found] == [("conversion-check", "warning")], found
    assert "in the same story" in found[0]["message"] and "no reference rate for NGN" in found[0]["message"]
    assert len(found[0]["locations"]) == 4, found[0]["locations"]
    run = cli("check", str(REPO / "tests/data/conversion-two-articles-agree"), "--format", "json")
    found = json.loads(run.out)["findings"]
    assert [(f["rule"], f["severity"]) for f in found] == [("conversion-check", "info")] * 2, found


def test_the_same_figure_in_a_bare_dollar_and_a_named_one_is_a_question_not_a_conflict(cli):
    """"$23.82 billion" (the outlet's dollar, which the copy does not state) and "A$23.82 billion": one figure,
    and a bare "$" that may be the other's dollar, an info finding that fails no gate; another figure in A$ is
    a conflict (fixtures/rules/dollar-bare-*)."""
    import json

    same = cli("check", str(REPO / "fixtures/rules/dollar-bare-same-figure"), "--format", "json")
    found = json.loads(same.out)["findings"]
    assert [(f["rule"], f["severity"]) for f in found] == [("cross-source-conflict", "info")], found
    assert "may be the other's dollar" in found[0]["message"] and same.status == 0
    precision = cli("check", str(REPO / "fixtures/rules/dollar-bare-same-figure-other-precision"), "--format", "json")
    assert [(f["rule"], f["severity"]) for f in json.loads(precision.out)["findings"]] == [
        ("cross-source-conflict", "info")], precision.out  # "$5.632 billion", "C$5.63 billion": one figure too
    cents = cli("check", str(REPO / "fixtures/rules/dollar-bare-cents-same-figure"), "--format", "json")
    assert [(f["rule"], f["severity"]) for f in json.loads(cents.out)["findings"]] == [
        ("cross-source-conflict", "info")], cents.out  # "100 cents", "A$1.00": one figure too
    other = cli("check", str(REPO / "fixtures/rules/dollar-bare-other-figure"), "--format", "json")
    assert [(f["rule"], f["severity"]) for f in json.loads(other.out)["findings"]] == [
        ("cross-source-conflict", "error")] and other.status == 1


def test_a_bare_dollar_against_the_real_is_a_conflict(cli):
    """"$148.8 million" and "R$148.8 million": the real's "R$" is no dollar a bare "$" could mean, so the same
    written figure in the two is a wrong currency, an error (fixtures/rules/conflict-real-against-bare-dollar)."""
    import json

    done = cli("check", str(REPO / "fixtures/rules/conflict-real-against-bare-dollar"), "--format", "json")
    found = json.loads(done.out)["findings"]
    assert [(f["rule"], f["severity"]) for f in found] == [("cross-source-conflict", "error")], found
    assert done.status == 1


def test_two_reports_too_far_apart_for_a_copying_slip_are_a_question(cli):
    """"€23.68 billion" and "€650 million" for one revenue: no slip of a digit, a scale word or a currency
    makes one of the other, so two figures were read as one fact (info); "$1.52 billion" and "$152 million"
    are a power of ten apart, a scale slip (error) (fixtures/rules/conflict-*)."""
    import json

    far = cli("check", str(REPO / "fixtures/rules/conflict-two-figures-far-apart"), "--format", "json")
    found = json.loads(far.out)["findings"]
    assert [(f["rule"], f["severity"]) for f in found] == [("cross-source-conflict", "info")], found
    assert "too far apart for one figure copied wrong" in found[0]["message"] and far.status == 0
    slip = cli("check", str(REPO / "fixtures/rules/conflict-scale-slip"), "--format", "json")
    assert [(f["rule"], f["severity"]) for f in json.loads(slip.out)["findings"]] == [
        ("cross-source-conflict", "error")] and slip.status == 1


def test_a_slip_beside_another_figure_is_still_a_conflict(cli):
    """"$23.85 billion" and "$23.58 billion" for one revenue, beside "$650 million" read as the same fact: the
    far figure is a question (info), the two near ones a mistyped figure (error), shown as their own pair
    (fixtures/rules/conflict-slip-beside-another-figure)."""
    import json

    run = cli("check", str(REPO / "fixtures/rules/conflict-slip-beside-another-figure"), "--format", "json")
    found = json.loads(run.out)["findings"]
    assert sorted((f["rule"], f["severity"]) for f in found) == [
        ("cross-source-conflict", "error"), ("cross-source-conflict", "info")], found
    error = next(f for f in found if f["severity"] == "error")
    assert "'$23.85 billion' and '$23.58 billion'" in error["message"] and "$650 million" not in error["message"]
    assert run.status == 1


def test_two_conversions_of_one_sentence_at_rates_far_apart_are_a_warning(cli):
    """"EGP 10.11 billion ($327 million), … EGP 152.18 billion (about $3.1 billion)": no reference rate for the
    pound and no other copy's rate, but one sentence converts at one rate, and these imply about 31 and 49: a
    warning naming all four figures, once (the later conversion is not also said to be unchecked); two conversions
    that agree ("EGP 4.2 billion ($86 million) … EGP 61 billion (about $1.25 billion)") are still only said to be
    unchecked."""
    import json

    run = cli("check", str(REPO / "fixtures/rules/conversion-two-in-a-sentence"),
              str(REPO / "tests/data/conversions-that-agree"), "--format", "json")
    found = json.loads(run.out)["findings"]
    warnings = [f for f in found if f["severity"] == "warning"]
    assert len(warnings) == 1, found
    assert "in the same sentence" in warnings[0]["message"] and len(warnings[0]["claims"]) == 4
    assert [round(r) for r in warnings[0]["explanation"]["implied_rate"]] == [31, 31]
    others = [f for f in found if f["severity"] != "warning"]
    assert {f["severity"] for f in others} == {"info"} and len(others) == 2, others
    assert all("conversions-that-agree" in f["locations"][0]["path"] for f in others), others


def test_the_only_two_conversions_of_an_article_far_apart_are_a_warning_unless_years_apart(cli):
    """"KD120 million ($391 million)" for 2024's profit, then "KD45 million (about $110 million)" for its dividends:
    no reference rate for the dinar, but one story converts at one rate (3.26 and 2.44 dollars to the dinar), so
    one of the two is wrong: a warning naming both, once. "NGN 300 billion ($200 million)" in 2024 and "NGN 50
    billion ($138 million)" in 2019 are converted at their own years' rates: only said to be unchecked."""
    import json

    run = cli("check", str(REPO / "fixtures/rules/conversion-two-in-an-article"),
              str(REPO / "tests/data/conversions-years-apart"), "--format", "json")
    found = json.loads(run.out)["findings"]
    warnings = [f for f in found if f["severity"] == "warning"]
    assert len(warnings) == 1 and "in the same article" in warnings[0]["message"], found
    assert [c["quote"] for c in warnings[0]["locations"]] == [
        "KD120 million", "$391 million", "KD45 million", "about $110 million"]
    assert warnings[0]["explanation"]["tolerance"] == 0.15
    others = [f for f in found if f["severity"] != "warning"]
    assert {f["severity"] for f in others} == {"info"} and len(others) == 2, others
    assert all("conversions-years-apart" in f["locations"][0]["path"] for f in others), others
