"""Issue 9's whole editor workflow, end to end through the command: index the published corpus, accept a
known conflict in a baseline, suppress a false positive with a reason, and a new conflicting figure in the
draft fails the build with exactly that finding, in every format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

PUBLISHED = {
    "carrow.md": ("2025-03-03", "Carrow Labs raised $30 million in a Series A round."),
    "quill.md": ("2025-03-01", "Quill Bank raised $200 million in a Series B round."),
    "tallow.md": ("2025-03-02", "Tallow Grid raised €120 million in a Series C round."),
    # an old conflict between two published articles: never the draft author's to fix
    "borealis-a.md": ("2025-01-10", "Borealis Freight raised €50 million in a Series D round."),
    "borealis-b.md": ("2025-01-11", "Borealis Freight raised €80 million in a Series D round."),
}
ACCEPTED = "Quill Bank raised $260 million in a Series B round."
SUPPRESSED = ("<!-- claimcheck-disable-next-line cross-source-conflict -- the draft counts the extension -->\n"
              "Tallow Grid raised €100 million in a Series C round.")
NEW = "Carrow Labs raised $45 million in a Series A round."


@pytest.fixture(scope="module")
def workflow(tmp_path_factory):
    """The folders, the store and the baseline of an editor's set-up, built with the real command."""
    import subprocess
    import sys

    from tests.conftest import article, command_env

    root = tmp_path_factory.mktemp("newsroom")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=root, capture_output=True,
                              text=True, env=command_env(), timeout=120)

    for name, (date, body) in PUBLISHED.items():
        (root / "published").mkdir(exist_ok=True)
        (root / "published" / name).write_text(article(body, date=date), encoding="utf-8")
    draft = root / "drafts" / "carrow-and-friends.md"
    draft.parent.mkdir()
    draft.write_text(article(f"{ACCEPTED}\n\n{SUPPRESSED}", date="2025-03-05"), encoding="utf-8")
    indexed = run("index", "published", "--store", "store.db")
    assert indexed.returncode == 0, indexed.stderr
    written = run("check", "drafts", "--against-store=store.db", "--write-baseline", "baseline.json")
    assert written.returncode == 0, written.stderr
    draft.write_text(article(f"{ACCEPTED}\n\n{SUPPRESSED}\n\n{NEW}", date="2025-03-05"), encoding="utf-8")
    return run


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit", "concise", "text"])
def test_only_the_new_conflict_fails_the_build_in_every_format(workflow, fmt):
    proc = workflow("check", "drafts", "--against-store=store.db", "--baseline", "baseline.json", "--format", fmt)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    if fmt == "json":
        data = json.loads(out)
        assert [f["rule"] for f in data["findings"]] == ["cross-source-conflict"]
        assert sorted(loc["quote"] for loc in data["findings"][0]["locations"]) == ["$30 million", "$45 million"]
        assert data["suppressed"] == 1 and data["baselined"] == 1
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert [r["ruleId"] for r in results] == ["cross-source-conflict"]
        assert sorted(loc["physicalLocation"]["region"]["snippet"]["text"] for loc in results[0]["locations"]) == [
            "$30 million", "$45 million"]
    elif fmt == "github":
        commands = [line for line in out.splitlines() if line.startswith("::")]
        assert len(commands) == 1 and commands[0].startswith("::error file=drafts/carrow-and-friends.md")
    elif fmt == "junit":
        failures = ET.fromstring(out).findall(".//failure")
        assert len(failures) == 1 and "$45 million" in (failures[0].text or "") + failures[0].get("message", "")
    elif fmt == "concise":
        lines = out.splitlines()
        assert len(lines) == 1 and lines[0].startswith("drafts/carrow-and-friends.md:")
        assert " error cross-source-conflict " in lines[0]
    else:
        assert "$45 million" in out and "$260 million" not in out and "€100 million" not in out
        assert "1 error(s)" in out and "1 suppressed" in out and "1 baselined" in out
    assert "Borealis" not in out  # the published articles' own conflict is not the draft's
