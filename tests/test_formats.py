"""`claimcheck check --format github|junit|concise|json|text`: each format read back the way its consumer reads
it (workflow commands unescaped, JUnit parsed), and compared with the findings of the JSON output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest

import claimcheck
from claimcheck.engine.check import CheckResult
from claimcheck.engine.findings import Finding
from claimcheck.engine.registry import load_rules
from claimcheck.report.concise import write_check_concise
from claimcheck.report.github import github_command
from claimcheck.report.junit import write_check_junit
from claimcheck.report.locations import claim_location
from conftest import REPO, command_env

CORPUS = "fixtures/corpus"  # relative, run from the repository: the paths CI systems see
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


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


# ---------------------------------------------------------------- every format: exit status, -o, a clean run
@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "concise"])
def test_every_format_keeps_the_exit_status_and_writes_utf8_to_a_file(fmt, tmp_path, write_article):
    out = tmp_path / f"report.{fmt}"
    assert _run("check", CORPUS, "--format", fmt, "-o", str(out)).returncode == 1
    text = out.read_bytes().decode("utf-8")
    assert "€" in text  # as UTF-8, never escaped
    write_article(tmp_path / "clean" / "draft.md", "Acme Robotics raised €40 million in a Series A round.")
    clean = _run("check", "clean", "--format", fmt, cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    if fmt in ("github", "concise"):
        assert clean.stdout == ""
