"""`claimcheck check --format json|text`: every JSON finding carries its locations; piped text never wraps."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import claimcheck
from claimcheck.engine.check import CheckResult
from claimcheck.report.locations import claim_location
from conftest import REPO, command_env

CORPUS = "fixtures/corpus"  # relative, run from the repository: the paths CI systems see


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


# ---------------------------------------------------------------- every format: exit status, -o, a clean run
@pytest.mark.parametrize("fmt", ["text", "json"])
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
