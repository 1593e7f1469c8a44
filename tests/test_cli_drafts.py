"""Drafts against a reference corpus end to end: `check DRAFT... --against PATH...`, `--changed [REV]` in a real
git repository, and what a check of drafts never loads or runs from the drafts' folders (docs/store.md)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

BODY = "Acme Robotics raised ${} million in a Series A round in March 2025."
OTHER = "Zenith Labs raised ${} million in a Series B round in March 2025."


def publish(path: Path, write_article, millions: int, body: str = BODY, date: str = "2025-04-01") -> Path:
    return write_article(path, body.format(millions), date=date)


@pytest.fixture
def newsroom(tmp_path, write_article):
    """Two published articles that conflict with each other (an old conflict), one that does not."""
    publish(tmp_path / "published" / "a.md", write_article, 12)
    publish(tmp_path / "published" / "b.md", write_article, 20)
    publish(tmp_path / "published" / "2024" / "z.md", write_article, 50, OTHER)
    return tmp_path


def finding_sources(run) -> list[list[str]]:
    data = run.json()
    source = {c["id"]: c["source"] for c in data["claims"]}
    return [sorted(source[i] for i in f["claims"]) for f in data["findings"]]


def test_old_conflicts_of_the_reference_are_not_the_drafts(cli, newsroom, write_article):
    assert cli("check", "published").status == 1  # the published corpus has a conflict of its own
    publish(newsroom / "drafts" / "clean.md", write_article, 50, OTHER, date="2025-04-02")
    run = cli("check", "drafts", "--against", "published", "--format", "json")
    assert run.status == 0, run
    assert run.json()["findings"] == [] and run.json()["reference_documents"] == 3
    text = cli("check", "drafts", "--against", "published")
    assert text.status == 0 and "1 draft(s), 1 claim(s), against 3 reference document(s): 0 error(s)" in text.out


def test_a_drafts_conflict_with_the_reference_is_reported(cli, newsroom, write_article):
    publish(newsroom / "drafts" / "wrong.md", write_article, 60, OTHER, date="2025-04-02")
    run = cli("check", "drafts/wrong.md", "--against", "published", "--format", "json")
    assert run.status == 1, run
    assert finding_sources(run) == [["drafts/wrong.md", "published/2024/z.md"]]
    data = run.json()
    assert data["drafts"] == ["drafts/wrong.md"]
    assert [d["source"] for d in data["documents"]] == ["drafts/wrong.md", "published/2024/z.md"]


def test_drafts_conflicting_with_each_other_are_reported(cli, newsroom, write_article):
    publish(newsroom / "d1.md", write_article, 10, BODY.replace("Acme", "Borealis"))
    publish(newsroom / "d2.md", write_article, 20, BODY.replace("Acme", "Borealis"))
    run = cli("check", "d1.md", "d2.md", "--against", "published", "--format", "json")
    assert run.status == 1 and finding_sources(run) == [["d1.md", "d2.md"]]


def test_a_draft_inside_the_reference_is_read_once_as_a_draft(cli, newsroom, write_article):
    publish(newsroom / "published" / "a.md", write_article, 30)  # edited: now disagrees with b.md too
    run = cli("check", "published/a.md", "--against", "published", "--format", "json")
    assert run.status == 1, run
    assert finding_sources(run) == [["published/a.md", "published/b.md"]]
    assert run.json()["reference_documents"] == 2


def test_date_is_for_the_drafts_only(cli, newsroom, write_article):
    publish(newsroom / "published" / "undated.md", write_article, 12, OTHER.replace("Zenith", "Undated"), date=None)
    (newsroom / "draft.txt").write_text("Zenith Labs raised $50 million in a Series B round in March 2025.\n")
    run = cli("check", "draft.txt", "--against", "published", "--date", "2025-04-02", "--format", "json")
    assert run.status == 0, run
    assert run.json()["documents"][0]["date_origin"] == "option"
    # the reference's notes (an undated published article) are not the draft's; its errors would be
    assert "undated.md" not in run.err


def test_an_unreadable_reference_file_is_still_an_error(cli, newsroom, write_article):
    (newsroom / "published" / "broken.md").write_bytes(b"\x00\xff" * 50)
    publish(newsroom / "draft.md", write_article, 50, OTHER)
    run = cli("check", "draft.md", "--against", "published")
    assert run.status == 2 and run.err_lines == ["claimcheck: error: published/broken.md: binary file, skipped"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repository(newsroom):
    """The newsroom as a git repository with everything committed."""
    git(newsroom, "init", "-q", "-b", "main")
    git(newsroom, "config", "user.name", "Test Editor")
    git(newsroom, "config", "user.email", "editor@example.com")
    git(newsroom, "add", "-A")
    git(newsroom, "commit", "-q", "-m", "published")
    return newsroom


def test_changed_files_are_the_drafts(cli, repository, write_article):
    clean = cli("check", "published", "--changed", "--format", "json")
    assert clean.status == 0 and clean.json()["drafts"] == [] and clean.json()["findings"] == []
    publish(repository / "published" / "2024" / "z.md", write_article, 60, OTHER)       # edited, not staged
    publish(repository / "published" / "new.md", write_article, 30, date="2025-04-05")  # untracked
    publish(repository / "notes" / "elsewhere.md", write_article, 99)                   # not under the PATH
    (repository / "published" / "image.png").write_bytes(b"\x89PNG")                     # not an article
    run = cli("check", "published", "--changed", "--format", "json")
    assert run.status == 1, run
    assert run.json()["drafts"] == ["published/2024/z.md", "published/new.md"]
    assert finding_sources(run) == [["published/a.md", "published/b.md", "published/new.md"]]
    assert run.json()["reference_documents"] == 2  # a.md and b.md; the drafts are not their own reference
    # the edited article's old text is in HEAD only: against the working tree it has no one to disagree with

    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "drafts")
    assert cli("check", "published", "--changed", "--format", "json").json()["drafts"] == []
    since = cli("check", "published", "--changed=HEAD~1", "--format", "json")
    assert since.json()["drafts"] == ["published/2024/z.md", "published/new.md", ] and since.status == 1


def test_changed_fingerprints_are_those_of_a_whole_check(cli, repository, write_article):
    publish(repository / "published" / "new.md", write_article, 30)
    whole = {f["fingerprint"] for f in cli("check", "published", "--format", "json").json()["findings"]}
    changed = {f["fingerprint"] for f in cli("check", "published", "--changed", "--format", "json").json()["findings"]}
    assert changed and changed <= whole


def test_changed_against_a_store_reads_only_the_drafts(cli, repository, write_article):
    assert cli("index", "published", "--store", "claims.db").status == 0
    publish(repository / "published" / "b.md", write_article, 12)  # the old conflict fixed in a draft
    (repository / "published" / "a.md").write_bytes(b"\x00" * 10)  # would be an error if it were read
    git(repository, "update-index", "--assume-unchanged", "published/a.md")  # git does not list it as changed
    run = cli("check", "published", "--changed", "--against-store=claims.db", "--format", "json")
    assert run.status == 0, run
    assert run.json()["drafts"] == ["published/b.md"] and run.json()["reference_documents"] == 2


def test_changed_outside_a_repository_or_with_a_bad_revision(cli, newsroom):
    run = cli("check", "published", "--changed")
    assert run.status == 2 and run.err_lines == [
        "claimcheck: error: --changed: published is not in a git repository (git diff lists the changed files)"]
    git(newsroom, "init", "-q")
    fresh = cli("check", "published", "--changed", "--format", "json")  # no commit yet: every file is new
    assert fresh.json()["drafts"] == ["published/2024/z.md", "published/a.md", "published/b.md"]
    run = cli("check", "published", "--changed=no-such-branch")
    assert run.status == 2 and len(run.err_lines) == 1
    assert run.err.startswith("claimcheck: error: --changed: 'no-such-branch' is not a revision of the repository at ")


# ---------------------------------------------------------------- item 7: nothing from the drafts' folders

EVIL_RULE = '''
from pathlib import Path
Path(__file__).with_name("RAN").write_text("rule file ran")
'''


def plant(folder: Path) -> None:
    """A config in `folder` that would change extraction (a bare $ as CAD), run a rule file, and break a run."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "evil.py").write_text(EVIL_RULE, encoding="utf-8")
    (folder / "claimcheck.toml").write_text('rules = ["evil.py"]\ndollar = "CAD"\n', encoding="utf-8")
    (folder / "pyproject.toml").write_text('[tool.claimcheck]\nrules = ["evil.py"]\nbogus = 1\n', encoding="utf-8")


@pytest.mark.parametrize("how", ["against", "store", "changed"])
def test_nothing_is_loaded_or_run_from_the_drafts_or_reference_folders(cli, newsroom, write_article, how):
    plant(newsroom / "drafts")
    plant(newsroom / "published")
    publish(newsroom / "drafts" / "wrong.md", write_article, 60, OTHER, date="2025-04-02")
    work = newsroom / "work"
    work.mkdir()
    if how == "against":
        run = cli("check", "../drafts/wrong.md", "--against", "../published", "--format", "json", cwd=work)
    elif how == "store":
        assert cli("index", "../published", "--store", "claims.db", cwd=work).status == 0
        run = cli("check", "../drafts/wrong.md", "--against-store=claims.db", "--format", "json", cwd=work)
    else:
        git(newsroom, "init", "-q")
        git(newsroom, "add", "published")
        git(newsroom, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "published")
        hook = newsroom / "drafts" / "hook.sh"  # a repository's config can name a program git runs: not here
        hook.write_text(f"#!/bin/sh\ntouch {newsroom / 'drafts' / 'RAN'}\n", encoding="utf-8")
        hook.chmod(0o755)
        git(newsroom, "config", "core.fsmonitor", str(hook))
        git(newsroom, "diff", "--name-only", "HEAD")  # (plain git runs it: the test can tell)
        assert (newsroom / "drafts" / "RAN").exists()
        (newsroom / "drafts" / "RAN").unlink()
        run = cli("check", "../drafts", "../published", "--changed", "--format", "json", cwd=work)
    assert run.status == 1, run
    assert [c["value"]["currency"] for c in run.json()["claims"]] == ["USD", "USD"]  # no CAD from their config
    assert not list(newsroom.rglob("RAN"))
