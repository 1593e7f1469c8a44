"""Baselines (`check --write-baseline` / `--baseline`) and the content-only fingerprint they match on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimcheck.engine.baseline import Baseline, read_baseline
from claimcheck.engine.findings import Finding
from conftest import REPO

CORPUS = REPO / "fixtures" / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the demo corpus (6 findings) in tmp_path/corpus, with a baseline of all of them."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    return tmp_path / "corpus"


def baselined(cli, run_in: Path) -> dict:
    run = cli("check", "corpus", "--baseline", "baseline.json", "--format", "json", cwd=run_in)
    assert run.status in (0, 1) and not run.err, run
    return run.json()


def test_a_baseline_reports_only_what_is_new(cli, corpus, tmp_path):
    run = cli("check", "corpus", "--write-baseline", "baseline.json")
    assert run.status == 0, run  # what it recorded is accepted
    assert run.err_lines == ["claimcheck: note: baseline.json: baseline of 6 finding(s) written"]
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert data["schema"] == "claimcheck.baseline" and data["version"] == 1
    entry = data["findings"][0]
    assert set(entry) == {"rule", "fingerprint", "summary", "where"} and entry["where"][0].startswith("corpus/")
    clean = cli("check", "corpus", "--baseline", "baseline.json")
    assert clean.status == 0 and "0 error(s), 0 warning(s), 0 note(s); 6 baselined" in clean.out, clean
    assert baselined(cli, tmp_path)["baselined"] == 6


def test_moving_files_editing_other_lines_and_reordering_paragraphs_keep_findings_baselined(cli, corpus, tmp_path):
    assert cli("check", "corpus", "--write-baseline", "baseline.json").status == 0
    (corpus / "archive" / "2024").mkdir(parents=True)
    (corpus / "05-microsoft-stake.md").rename(corpus / "archive" / "2024" / "stake.md")
    summit = corpus / "08-summit-recap.md"
    head, _, body = summit.read_text(encoding="utf-8").partition("\n\n# ")
    title, *paragraphs = body.split("\n\n")
    paragraphs.reverse()
    unrelated = "Editor's note: this story was updated with reactions from delegates."
    summit.write_text(head + "\n\n# " + "\n\n".join([title, unrelated, *paragraphs]), encoding="utf-8")
    data = baselined(cli, tmp_path)
    assert data["findings"] == [] and data["baselined"] == 6


def test_changing_a_figure_makes_its_finding_new(cli, corpus, tmp_path):
    assert cli("check", "corpus", "--write-baseline", "baseline.json").status == 0
    summit = corpus / "08-summit-recap.md"
    summit.write_text(summit.read_text(encoding="utf-8").replace("($600 million)", "($620 million)"), encoding="utf-8")
    run = cli("check", "corpus", "--baseline", "baseline.json")
    assert run.status == 1 and "conversion-check" in run.out and "$620 million" in run.out, run
    assert "ERRORS (1)" in run.out and "5 baselined" in run.out


def test_the_same_finding_in_two_files_needs_two_entries(cli, tmp_path):
    """Matched as a multiset: one entry excuses one finding."""
    summit = (CORPUS / "08-summit-recap.md").read_text(encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "recap.md").write_text(summit, encoding="utf-8")
    assert cli("check", "a", "--select", "conversion-check", "--write-baseline", "baseline.json").status == 0
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "recap-again.md").write_text(summit, encoding="utf-8")
    data = cli("check", "a", "b", "--select", "conversion-check", "--baseline", "baseline.json",
               "--format", "json").json()
    assert data["baselined"] == 1 and [f["rule"] for f in data["findings"]] == ["conversion-check"]
    both = [f for f in cli("check", "a", "b", "--select", "conversion-check", "--format", "json").json()["findings"]]
    assert len({f["stable_fingerprint"] for f in both}) == 1 and len({f["fingerprint"] for f in both}) == 2


def test_split_is_by_rule_and_content_fingerprint_in_order():
    one = Finding(message="x", rule="r", stable_fingerprint="f1")
    other_rule = Finding(message="x", rule="s", stable_fingerprint="f1")
    baseline = Baseline(entries={("r", "f1"): 1})  # type: ignore[arg-type]
    new, old = baseline.split([one, one, other_rule])
    assert old == [one] and new == [one, other_rule]


@pytest.mark.parametrize("content, message", [
    (None, "baseline.json: baseline file does not exist"),
    ("{", "baseline.json: not a claimcheck baseline: invalid JSON at line 1, column 2"),
    ("\xff", "baseline.json: not a claimcheck baseline: invalid JSON at line 1, column 1"),
    (b"\xff\xfe{", "baseline.json: not a claimcheck baseline: not UTF-8 text"),
    ("[]", 'baseline.json: not a claimcheck baseline (no "schema": "claimcheck.baseline")'),
    ('{"schema": "claimcheck.check", "version": 1}', 'baseline.json: not a claimcheck baseline (no "schema"'),
    ('{"schema": "claimcheck.baseline", "version": 2, "findings": []}',
     "baseline.json: baseline version 2 is not supported (this claimcheck reads version 1); write a new one "
     "with --write-baseline"),
    ('{"schema": "claimcheck.baseline", "findings": []}', "baseline.json: baseline version None is not supported"),
    ('{"schema": "claimcheck.baseline", "version": 1, "findings": {}}', '"findings" is not a list'),
    ('{"schema": "claimcheck.baseline", "version": 1, "findings": [{"rule": 1}]}', "findings[0] has no rule"),
    ('{"schema": "claimcheck.baseline", "version": 1' + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "baseline.json: not a claimcheck baseline: JSON nested too deeply"),
    ('{"version": ' + "9" * 5000 + "}", "baseline.json: not a claimcheck baseline: a number too long to read"),
])
def test_a_baseline_that_cannot_be_used_is_one_line_and_exit_2(cli, tmp_path, content, message):
    if content is not None:
        path = tmp_path / "baseline.json"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    run = cli("check", str(CORPUS), "--baseline", "baseline.json")
    assert run.status == 2 and run.out == "" and len(run.err_lines) == 1, run
    assert run.err_lines[0].startswith("claimcheck: error: baseline.json: ") and message in run.err_lines[0], run


def test_a_folder_is_not_a_baseline(tmp_path):
    with pytest.raises(Exception, match="baseline file is not a file"):
        read_baseline(tmp_path)


def test_write_baseline_errors(cli, tmp_path, write_article):
    write_article(tmp_path / "draft.md")
    run = cli("check", "draft.md", "--write-baseline", "missing/baseline.json")
    assert run.status == 2 and run.err_lines[-1].startswith(
        "claimcheck: error: missing/baseline.json: cannot write: No such file or directory"), run
    run = cli("check", "draft.md", "nope.md", "--write-baseline", "baseline.json")
    assert run.status == 2 and not (tmp_path / "baseline.json").exists()
    assert run.err_lines[-1] == "claimcheck: error: baseline.json: baseline not written: an input or a rule failed"
